/**
 * External tools for tests: LibreOffice as a second spreadsheet engine (recalculates our .xlsx files),
 * and the same "skip locally, fail in CI" rule for any other tool (the browser tests use it for chromium).
 *
 * ```ts
 * const withLibreOffice = testWithTool(LIBREOFFICE);
 * withLibreOffice("recalculates", async () => { requireTool(LIBREOFFICE); … await recalcWithLibreOffice(bytes) … });
 * ```
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface ExternalTool {
  /** Program name, e.g. "soffice". */
  name: string;
  /** Absolute path, or null when it is not installed. */
  path: string | null;
  /** Debian package that provides it, named in the skip/fail message. */
  debianPackage: string;
}

/**
 * The first of `names` found as an executable on PATH or in `extraDirs`, else null.
 *
 * @example findExecutable(["chromium", "chromium-browser"]); // => "/usr/bin/chromium" or null
 */
export function findExecutable(names: string[], extraDirs: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...extraDirs];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** What to tell the user when a tool is missing. */
export function missingToolMessage(tool: ExternalTool): string {
  return `${tool.name} nicht gefunden: bitte das Debian-Paket „${tool.debianPackage}“ installieren (apt-get install -y ${tool.debianPackage}).`;
}

/**
 * The fast loop (`npm run test:unit`) sets SRB_EXTERNAL_TOOLS=off: tests that need LibreOffice, Chromium or
 * pdftoppm are skipped even where the tools are installed (the full `npm test` runs them).
 *
 * @example externalToolsOff(); // => true inside `npm run test:unit`
 */
export function externalToolsOff(): boolean {
  return process.env.SRB_EXTERNAL_TOOLS === "off";
}

/**
 * `test` when the tool is installed or we run in CI (where a missing tool must fail the test, see
 * `requireTool`), else `test.skip` plus a console warning naming the Debian package; always `test.skip` in
 * the fast loop (`externalToolsOff`). Decided at load time.
 *
 * @example const withChromium = testWithTool({ name: "chromium", path: findExecutable(["chromium"]), debianPackage: "chromium" });
 */
export function testWithTool(tool: ExternalTool): jest.It {
  if (externalToolsOff()) return test.skip;
  if (tool.path || process.env.CI === "true") return test;
  console.warn(`Tests mit ${tool.name} übersprungen. ${missingToolMessage(tool)}`);
  return test.skip;
}

/**
 * Call first inside a `testWithTool` test: returns the tool's path, or throws (the CI case) with a message
 * naming the package.
 *
 * @example const soffice = requireTool(LIBREOFFICE);
 */
export function requireTool(tool: ExternalTool): string {
  if (!tool.path) throw new Error(missingToolMessage(tool));
  return tool.path;
}

/** LibreOffice (Debian: libreoffice-calc-nogui). `SOFFICE=/path/to/soffice` overrides the search. */
export const LIBREOFFICE: ExternalTool = {
  name: "soffice",
  path:
    process.env.SOFFICE ??
    findExecutable(["soffice", "libreoffice"], ["/usr/lib/libreoffice/program", "/opt/libreoffice/program"]),
  debianPackage: "libreoffice-calc-nogui",
};

/** `test` or `test.skip` for LibreOffice tests (see testWithTool). */
export const withLibreOffice = testWithTool(LIBREOFFICE);

/**
 * Parses CSV as LibreOffice writes it (comma, double quotes, "" for a quote, line breaks inside quotes).
 *
 * @example parseCsv('a,"b,""c"""\n1,2'); // => [["a", 'b,"c"'], ["1", "2"]]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A number from LibreOffice's raw CSV export: percent-formatted cells keep their "%" ("38.97…%"), so
 * they are divided by 100; anything that is not a number gives NaN.
 *
 * @example csvNumber("38.9705882352941%"); // => 0.389705882352941
 */
export function csvNumber(text: string | undefined): number {
  if (text === undefined) return NaN;
  const t = text.trim();
  if (t === "") return NaN;
  if (t.endsWith("%")) return Number(t.slice(0, -1)) / 100;
  return Number(t);
}

const RECALC_ALWAYS =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">' +
  "<value>0</value></prop></item></oor:items>\n";

/** CSV export of every sheet (trailing -1), raw values (not "as shown"), UTF-8. */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/**
 * Opens an .xlsx in LibreOffice with "always recalculate" (a throw-away profile, so parallel runs do not
 * share a lock), exports every sheet to CSV and returns sheet name → rows of cell texts (raw values).
 *
 * @example const sheets = await recalcWithLibreOffice(await book.toBuffer()); sheets["Verteilung"][4][6]; // => "100000"
 */
export async function recalcWithLibreOffice(
  xlsx: Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<Record<string, string[][]>> {
  return convertWithLibreOffice(xlsx, CSV_FILTER, options.timeoutMs, async (out) => {
    const sheets: Record<string, string[][]> = {};
    for (const file of await readdir(out)) {
      const m = /^book-(.*)\.csv$/.exec(file);
      if (!m) continue;
      sheets[m[1]] = parseCsv(await readFile(join(out, file), "utf8"));
    }
    if (Object.keys(sheets).length === 0) throw new Error("LibreOffice hat keine CSV-Dateien geschrieben.");
    return sheets;
  });
}

/**
 * Opens an .xlsx in LibreOffice and saves it again as .xlsx, as a user who edits SRB's output in
 * LibreOffice Calc does (numbers are saved with 15 significant digits, parts are written anew).
 *
 * @example const saved = await saveWithLibreOffice(await book.toBuffer()); // => the bytes LibreOffice wrote
 */
export async function saveWithLibreOffice(xlsx: Uint8Array, timeoutMs?: number): Promise<Uint8Array> {
  return convertWithLibreOffice(xlsx, "xlsx:Calc MS Excel 2007 XML", timeoutMs, async (out) =>
    readFile(join(out, "book.xlsx")),
  );
}

/** Converts `book.xlsx` with `filter` in a throw-away profile ("always recalculate") and reads the result. */
async function convertWithLibreOffice<T>(
  xlsx: Uint8Array,
  filter: string,
  timeoutMs: number | undefined,
  readOut: (outDir: string) => Promise<T>,
): Promise<T> {
  const soffice = requireTool(LIBREOFFICE);
  const dir = await mkdtemp(join(tmpdir(), "srb-lo-"));
  try {
    await mkdir(join(dir, "profile", "user"), { recursive: true });
    await writeFile(join(dir, "profile", "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    await mkdir(join(dir, "out"));
    await writeFile(join(dir, "book.xlsx"), xlsx);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
          "--headless",
          "--norestore",
          "--convert-to",
          filter,
          "--outdir",
          join(dir, "out"),
          join(dir, "book.xlsx"),
        ],
        { timeout: timeoutMs ?? 120_000, env: { ...process.env, HOME: dir } },
        (error, _stdout, stderr) =>
          error
            ? reject(new Error(`LibreOffice-Konvertierung fehlgeschlagen: ${error.message}\n${stderr}`))
            : resolve(),
      );
    });
    return await readOut(join(dir, "out"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

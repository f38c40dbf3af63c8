/**
 * The command line in tests: `srb(...)` runs `main` in this process with stdout and stderr captured (fast:
 * no child process, no TypeScript compile per run), `srbProcess(...)` runs the real `bin/srb.js` as a child
 * process (only the smoke test in test/cli/binary.test.ts, which the full suite runs). Plus what the CLI
 * tests read back: workbooks with exceljs (not with SRB's adapter), sheet values, JSON files.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SAMPLE_DIR = path.join(ROOT, "assets", "sample");

/** What a run of `srb` left: exit status and the text on stdout and stderr. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `srb <args>` in this process: `main(args)` with stdout and stderr collected.
 *
 * @example (await srb("--help")).status; // => 0
 */
export async function srb(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
}

/**
 * `srb <args>` as the user starts it: `node bin/srb.js` as a child process in the repository folder.
 *
 * @example srbProcess("--help").status; // => 0
 */
export function srbProcess(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "srb.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder holding copies of the named files of assets/sample. */
export async function sampleCopy(prefix: string, files: readonly string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  for (const f of files) await fs.copyFile(path.join(SAMPLE_DIR, f), path.join(dir, f));
  return dir;
}

/** A workbook read with exceljs. */
export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** All cell values of a sheet as plain JSON (row by row, blank = null), for "unchanged" comparisons. */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined ? null : v));
  });
  return rows;
}

/** A JSON file's content. */
export async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(file, "utf8")) as Record<string, unknown>;
}

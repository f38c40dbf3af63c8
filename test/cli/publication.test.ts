/**
 * The publication file (issue 14, item 4; SPEC §7): `srb allocate … --publication <file.xlsx>` writes a
 * separate workbook that reveals no Kita. The scan reads every part of the package as it lies in the zip —
 * every cell, shared string, sheet name, defined name, chart title and document property — and fails on
 * any Kita name, Träger name, Kinder count or the data sheet's name.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { allocateCommand } from "../../src/cli/allocateCommand";
import type { AllocateOptions } from "../../src/cli/args";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-publication-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(name: string): Promise<{ code: number; stderr: string; options: AllocateOptions }> {
  const options: AllocateOptions = {
    workbook: path.join(SAMPLE, "Musterstadt.xlsx"),
    modelFile: path.join(SAMPLE, "musterstadt.srb.json"),
    out: path.join(dir, `${name}-arbeitsmappe.xlsx`),
    json: path.join(dir, `${name}.json`),
    publication: path.join(dir, `${name}-veroeffentlichung.xlsx`),
    robustness: false,
    quiet: true,
  };
  let stderr = "";
  const code = await allocateCommand(options, {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
  });
  return { code, stderr, options };
}

/** The sample's data sheet as the user keeps it: names, Sozialräume, Kinder, Träger. */
async function sampleData() {
  const book = await PackageWorkbook.fromFile(path.join(SAMPLE, "Musterstadt.xlsx"));
  const table = await book.readTable("Kitas");
  const column = (header: string) => {
    const i = table.headers.indexOf(header);
    if (i < 0) throw new Error(`Spalte ${header} fehlt im Beispiel`);
    return table.rows.map((r) => r[i]);
  };
  return {
    names: column("Einrichtung").map(String),
    children: column("Kinder").filter((v): v is number => typeof v === "number"),
    traeger: [...new Set(column("Träger").map(String))].filter((t) => t.trim() !== ""),
  };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Every text part of the package (XML and rels), by name. */
async function parts(file: string): Promise<Record<string, string>> {
  const entries = unzipSync(new Uint8Array(await fs.readFile(file)));
  return Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
}

/** Every numeric cell value `<v>…</v>` of the worksheets (shared strings are text, not numbers). */
function numericCells(all: Record<string, string>): number[] {
  const values: number[] = [];
  for (const [name, xml] of Object.entries(all)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    for (const m of xml.matchAll(/<c\b([^>]*)>(?:<f[^>]*>[^<]*<\/f>|<f[^>]*\/>)?<v>([^<]*)<\/v>/g)) {
      if (/\bt="(s|str|inlineStr|b|e)"/.test(m[1])) continue;
      values.push(Number(m[2]));
    }
  }
  return values;
}

describe("srb allocate --publication <file.xlsx>", () => {
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run("musterstadt");
  }, 120_000);

  test("writes the working workbook and a separate publication workbook", async () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Veröffentlichungsfassung");
    const publication = await PackageWorkbook.fromFile(result.options.publication!);
    expect(await publication.sheetNames()).toEqual(["Hinweise", "Verteilung", "Einrichtungen"]);
  });

  test("the scan: no Kita name, Träger, Kinder count or data sheet name anywhere in the package", async () => {
    const { names, children, traeger } = await sampleData();
    expect(names.length).toBeGreaterThan(20);
    const all = await parts(result.options.publication!);
    const hits: string[] = [];
    for (const [part, xml] of Object.entries(all)) {
      for (const name of [...names, ...traeger])
        if (xml.includes(escapeXml(name))) hits.push(`${part}: „${name}“`);
      // the data sheet "Kitas" (not as part of a word such as "Kitas" in a sentence: as a sheet name or reference)
      if (/<sheet [^>]*name="Kitas"|Kitas!|'Kitas'!/.test(xml)) hits.push(`${part}: Datenblatt „Kitas“`);
      if (/>Kinder</.test(xml)) hits.push(`${part}: Spalte „Kinder“`);
    }
    const counts = new Set(children);
    for (const v of numericCells(all)) if (Number.isInteger(v) && counts.has(v)) hits.push(`Kinderzahl ${v}`);
    expect(hits).toEqual([]);
  });

  test("no SRB store, no document properties from the working file", async () => {
    const all = await parts(result.options.publication!);
    expect(Object.keys(all).filter((p) => /docProps|customXml/.test(p))).toEqual([]);
    expect(all["xl/workbook.xml"]).not.toContain("_SRB");
    expect(all["xl/workbook.xml"]).not.toContain("veryHidden");
  });

  test("the key is only in the working workbook, and it is right", async () => {
    const working = await PackageWorkbook.fromFile(result.options.out);
    expect(await working.sheetNames()).toContain("Codeschlüssel");
    const key = await working.readTable("Codeschlüssel");
    const publication = await PackageWorkbook.fromFile(result.options.publication!);
    const published = await publication.readTable("Einrichtungen");
    const einrichtungen = await working.readTable("Einrichtungen");
    // the key sheet has its header in row 4 (title and note above): find it
    const keyRows = [key.headers, ...key.rows];
    const header = keyRows.findIndex((r) => r[0] === "Code");
    const pairs = keyRows
      .slice(header + 1)
      .filter((r) => typeof r[0] === "string" && /^E\d+$/.test(String(r[0])));
    expect(pairs.length).toBeGreaterThan(0);
    const indexOf = (t: typeof published, idHeader: string) => {
      const id = t.headers.indexOf(idHeader);
      const index = t.headers.indexOf("Gesamtindex");
      return new Map(t.rows.map((r) => [String(r[id]), r[index]]));
    };
    const byCode = indexOf(published, "Einrichtung (Code)");
    const byName = indexOf(einrichtungen, "Einrichtung");
    for (const [code, name] of pairs)
      expect([code, byCode.get(String(code))]).toEqual([code, byName.get(String(name))]);
    // every published row is in the key, and the publication lists no more Kitas than the key
    expect(published.rows.filter((r) => /^E\d+$/.test(String(r[0]))).length).toBe(pairs.length);
  });

  test("a second publication draws new codes", async () => {
    const again = await run("zweiter-lauf");
    expect(again.code).toBe(0);
    const order = async (file: string) => {
      const t = await (await PackageWorkbook.fromFile(file)).readTable("Codeschlüssel");
      return [t.headers, ...t.rows].map((r) => String(r[1] ?? "")).join("|");
    };
    expect(await order(again.options.out)).not.toEqual(await order(result.options.out));
  }, 120_000);
});

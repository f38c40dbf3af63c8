/**
 * Golden test: pins everything `srb allocate` produces over the sample town and the conformance
 * workbooks, so that a refactoring of the way from workbook to sheets can show "outputs unchanged".
 *
 * Per case it records, through the CLI's public entry point (`allocateCommand`, in-process):
 * - the SheetSpecs handed to the workbook adapter (`writeGeneratedSheets`): every cell's value, formula,
 *   number format and bold flag, plus column widths, frozen rows and charts;
 * - the written .xlsx read back with exceljs (not SRB's adapter): the sheet list in order with states, every
 *   generated sheet's cells (value, formula, number format), the store sheet's model and generated list;
 * - results.json, and the exit status.
 *
 * Normalised (and only this): the run date (today, as "dd.mm.yyyy" or "yyyy-mm-dd", written `<Datum>`) and
 * the store's sheet fingerprints (they hash the sheet content, date included; the sheets themselves are
 * pinned cell by cell). The CLI writes the date as "30.11.2026", the task pane as "2026-11-30"; this golden
 * pins the CLI.
 *
 * Goldens are readable JSON in test/golden/<case>.json. To rewrite them after an intended change:
 *   SRB_UPDATE_GOLDEN=1 npx jest test/golden --maxWorkers=1
 * and name the change in the commit.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { allocateCommand } from "../../src/cli/allocateCommand";
import type { AllocateOptions } from "../../src/cli/args";
import type { SheetSpec } from "../../src/workbook/port";
import { STORE_SHEET } from "../../src/workbook/port";
import { decodeStore } from "../../src/workbook/store";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { BASE_SETTINGS, generateCase, writeWorkbook, type CaseSettings } from "../conformance/workbooks";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE_DIR = path.join(ROOT, "assets", "sample");
const GOLDEN_DIR = __dirname;
const UPDATE = process.env.SRB_UPDATE_GOLDEN === "1";

interface GoldenCase {
  name: string;
  /** Writes the input files into `dir`; returns the workbook and model paths (model null = stored one). */
  prepare(dir: string): Promise<{ workbook: string; model: string | null }>;
  publication?: boolean;
  robustness?: boolean;
}

function sampleCase(name: string, file: string, extra: Partial<GoldenCase> = {}): GoldenCase {
  return {
    name,
    prepare: async (dir) => {
      const sampleModel = path.join(SAMPLE_DIR, "musterstadt.srb.json");
      if (!extra.publication) return { workbook: path.join(SAMPLE_DIR, file), model: sampleModel };
      // codes instead of names on the working sheets: the model's option (the CLI's --publication now
      // writes a separate publication file, tested in test/cli/publication.test.ts)
      const json = JSON.parse(await fs.readFile(sampleModel, "utf8")) as { options?: object };
      const model = path.join(dir, "musterstadt-codes.srb.json");
      await fs.writeFile(model, JSON.stringify({ ...json, options: { ...json.options, publication: true } }));
      return { workbook: path.join(SAMPLE_DIR, file), model };
    },
    ...extra,
  };
}

function conformanceCase(settings: CaseSettings): GoldenCase {
  return {
    name: `konformitaet-${settings.name}`,
    prepare: async (dir) => {
      const generated = generateCase(settings);
      const workbook = path.join(dir, `${settings.name}.xlsx`);
      const model = path.join(dir, `${settings.name}.srb.json`);
      await writeWorkbook(workbook, generated.sheets);
      await fs.writeFile(model, JSON.stringify(generated.model, null, 2), "utf8");
      return { workbook, model };
    },
  };
}

/** The settings of test/conformance/allocate.conformance.test.ts (one per shape the generator knows). */
const CONFORMANCE: CaseSettings[] = [
  { ...BASE_SETTINGS, name: "basis", seed: 1 },
  {
    ...BASE_SETTINGS,
    name: "richtung-gewichte-vorjahresblatt",
    seed: 2,
    sheetBefore: "last-year-copy",
    dataSheetName: "Kita-Daten 2024",
  },
  { ...BASE_SETTINGS, name: "hinweisblatt-davor", seed: 3, sheetBefore: "notes", blankRate: 0.15 },
  { ...BASE_SETTINGS, name: "eine-kita-je-sozialraum", seed: 4, areas: 12, unitsPerArea: [1, 1] },
  { ...BASE_SETTINGS, name: "viele-sozialraeume", seed: 5, areas: 40, unitsPerArea: [1, 8] },
  { ...BASE_SETTINGS, name: "budget-1e9", seed: 6, budget: 1e9 },
  { ...BASE_SETTINGS, name: "budget-ungerade", seed: 7, budget: 1234.56 },
  { ...BASE_SETTINGS, name: "budget-wenige-cent", seed: 8, budget: 0.07, areas: 6 },
  { ...BASE_SETTINGS, name: "ohne-options", seed: 9, omitOptions: true },
  {
    ...BASE_SETTINGS,
    name: "ohne-gewichte",
    seed: 10,
    omitCategoryWeights: true,
    omitIndicatorWeights: true,
  },
  { ...BASE_SETTINGS, name: "zusatzfelder", seed: 11, extraFields: true },
  { ...BASE_SETTINGS, name: "summe-der-kitas", seed: 12, areaMethod: "sum-of-units" },
  { ...BASE_SETTINGS, name: "aggregat", seed: 13, areaMethod: "aggregate", blankRate: 0.1 },
  {
    ...BASE_SETTINGS,
    name: "aggregat-kindergewichtet",
    seed: 14,
    areaMethod: "aggregate",
    childWeighted: true,
  },
  { ...BASE_SETTINGS, name: "mittel-kindergewichtet", seed: 15, childWeighted: true },
  { ...BASE_SETTINGS, name: "grundgesamtheit-sd", seed: 16, sd: "population" },
  { ...BASE_SETTINGS, name: "kinder-leer", seed: 17, childrenBlankRate: 0.3 },
  { ...BASE_SETTINGS, name: "zwei-kategorien", seed: 18, categoryCount: 2, indicatorsPerCategory: [2, 5] },
  { ...BASE_SETTINGS, name: "ohne-zusatzspalten", seed: 19, extraColumns: false, unequalWeights: false },
  { ...BASE_SETTINGS, name: "zahlen-ids", seed: 20, numericIds: true, sheetBefore: "notes" },
  { ...BASE_SETTINGS, name: "t-werte", seed: 22, normalisation: "tscore" },
  { ...BASE_SETTINGS, name: "t-werte-grundgesamtheit", seed: 23, normalisation: "tscore", sd: "population" },
];

const CASES: GoldenCase[] = [
  sampleCase("musterstadt", "Musterstadt.xlsx"),
  sampleCase("musterstadt-veroeffentlichung-robustheit", "Musterstadt.xlsx", {
    publication: true,
    robustness: true,
  }),
  sampleCase("musterstadt-fehlerhaft", "Musterstadt-fehlerhaft.xlsx"),
  ...CONFORMANCE.map(conformanceCase),
];

// ── normalisation ─────────────────────────────────────────────────────────────────────────────────────

const DATE = "<Datum>";

/** Today's date in both spellings SRB uses (de-DE "30.11.2026", ISO "2026-11-30"). */
function dateSpellings(at: Date): string[] {
  const german = at.toLocaleDateString("de-DE", { day: "2-digit", month: "2-digit", year: "numeric" });
  const iso = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;
  return [german, iso];
}

/** Replaces the run date in every string of a JSON-like value (recursively). */
function withoutRunDate<T>(value: T, dates: readonly string[]): T {
  if (typeof value === "string") {
    let s: string = value;
    for (const d of dates) s = s.split(d).join(DATE);
    return s as T;
  }
  if (Array.isArray(value)) return value.map((v) => withoutRunDate(v, dates)) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutRunDate(v, dates)]),
    ) as T;
  }
  return value;
}

/** 1 → "A", 27 → "AA". */
function columnLetters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// ── what a case produces ──────────────────────────────────────────────────────────────────────────────

type Cells = Record<string, Record<string, unknown>>;

/** A SheetSpec as readable JSON: cells by A1 address (empty cells without format left out). */
function specAsJson(spec: SheetSpec) {
  const cells: Cells = {};
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === undefined) return;
      const entry: Record<string, unknown> = { value: cell.value };
      if (cell.formula !== undefined) entry.formula = cell.formula;
      if (cell.numFmt !== undefined) entry.numFmt = cell.numFmt;
      if (cell.bold) entry.bold = true;
      if (entry.value === null && Object.keys(entry).length === 1) return;
      cells[`${columnLetters(c + 1)}${r + 1}`] = entry;
    }),
  );
  return {
    name: spec.name,
    columnWidths: spec.columnWidths ?? null,
    freezeRows: spec.freezeRows ?? null,
    charts: spec.charts ?? null,
    cells,
  };
}

/** A cell value read back by exceljs as plain JSON. */
function readBackValue(value: ExcelJS.CellValue): unknown {
  if (value instanceof Date) return { date: value.toISOString() };
  return value ?? null;
}

async function readBack(file: string, generated: readonly string[]) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheets = book.worksheets.map((s) => ({ name: s.name, state: s.state }));
  const cellsBySheet: Record<string, Cells> = {};
  // the result tables (name and range) each generated sheet carries, as a reader of the file sees them
  const tablesBySheet: Record<string, string[]> = {};
  for (const name of generated) {
    const sheet = book.getWorksheet(name);
    if (sheet === undefined) continue;
    tablesBySheet[name] = sheet.getTables().map((t) => {
      const model = (t as unknown as { table: { name: string; tableRef: string } }).table;
      return `${model.name} ${model.tableRef}`;
    });
    const cells: Cells = {};
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const entry: Record<string, unknown> = { value: readBackValue(cell.value) };
        if (cell.numFmt) entry.numFmt = cell.numFmt;
        cells[cell.address] = entry;
      }),
    );
    cellsBySheet[name] = cells;
  }
  const storeSheet = book.getWorksheet(STORE_SHEET);
  let store: unknown = null;
  if (storeSheet !== undefined) {
    const rows: unknown[][] = [];
    storeSheet.eachRow((row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1);
    });
    const decoded = decodeStore(rows as never);
    store = {
      version: decoded.version,
      generated: decoded.generated,
      model: decoded.model,
      fingerprintsFor: Object.keys(decoded.fingerprints ?? {}).sort(),
    };
  }
  return { sheets, tables: tablesBySheet, cells: cellsBySheet, store };
}

async function produce(golden: GoldenCase, dir: string) {
  const { workbook, model } = await golden.prepare(dir);
  const options: AllocateOptions = {
    workbook,
    modelFile: model,
    out: path.join(dir, `${golden.name}-out.xlsx`),
    json: path.join(dir, `${golden.name}-results.json`),
    publication: null,
    robustness: golden.robustness ?? false,
    quiet: true,
  };
  const specs: SheetSpec[][] = [];
  // the SheetSpecs as the adapter receives them (the adapter then writes them as usual)
  const write = PackageWorkbook.prototype.writeGeneratedSheets;
  const spy = jest.spyOn(PackageWorkbook.prototype, "writeGeneratedSheets").mockImplementation(function (
    this: PackageWorkbook,
    sheets: SheetSpec[],
  ) {
    specs.push(structuredClone(sheets));
    return write.call(this, sheets);
  });
  let stdout = "";
  let stderr = "";
  const before = dateSpellings(new Date());
  let code: number;
  try {
    code = await allocateCommand(options, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
    });
  } finally {
    spy.mockRestore();
  }
  const dates = [...new Set([...before, ...dateSpellings(new Date())])];
  const results = await fs
    .readFile(options.json, "utf8")
    .then((t) => JSON.parse(t) as unknown)
    .catch(() => null);
  const outExists = await fs.stat(options.out).then(
    () => true,
    () => false,
  );
  const generatedNames = (specs[0] ?? []).map((s) => s.name);
  const written = outExists ? await readBack(options.out, generatedNames) : null;
  const output = {
    exitCode: code,
    stdout,
    stderr,
    results,
    sheetSpecs: (specs[0] ?? []).map(specAsJson),
    written,
  };
  // JSON round trip: the golden compares exactly what a file can hold (no undefined, no -0 surprises)
  return JSON.parse(JSON.stringify(withoutRunDate(output, dates))) as typeof output;
}

// ── golden file I/O: one cell per line, so that a diff shows which cell changed ───────────────────────

function goldenText(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => v, 2)
      // a cell's entry on one line: "A1": { "value": 1, "numFmt": "0.00" }
      .replace(
        /\{\n\s+("value": [^\n]*(?:\n\s+"(?:formula|numFmt|bold)": [^\n]*)*)\n\s+\}/g,
        (_m, body: string) => `{ ${body.replace(/\n\s+/g, " ")} }`,
      ) + "\n"
  );
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-golden-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("golden: srb allocate's sheets and results.json are unchanged", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (name, golden) => {
    const caseDir = path.join(dir, name);
    await fs.mkdir(caseDir);
    const actual = await produce(golden, caseDir);
    const file = path.join(GOLDEN_DIR, `${name}.json`);
    if (UPDATE) {
      await fs.writeFile(file, goldenText(actual), "utf8");
      return;
    }
    const text = await fs.readFile(file, "utf8").catch(() => null);
    if (text === null) {
      throw new Error(`Golden ${file} fehlt: SRB_UPDATE_GOLDEN=1 npx jest test/golden schreibt ihn.`);
    }
    const expected = JSON.parse(text) as typeof actual;
    // compared part by part, so that a failure names the part (and the sheet) that changed
    expect({ name, exitCode: actual.exitCode, stderr: actual.stderr }).toEqual({
      name,
      exitCode: expected.exitCode,
      stderr: expected.stderr,
    });
    expect({ name, stdout: actual.stdout }).toEqual({ name, stdout: expected.stdout });
    expect({ name, results: actual.results }).toEqual({ name, results: expected.results });
    expect(actual.sheetSpecs.map((s) => s.name)).toEqual(expected.sheetSpecs.map((s) => s.name));
    actual.sheetSpecs.forEach((spec, i) => {
      expect({ case: name, spec }).toEqual({ case: name, spec: expected.sheetSpecs[i] });
    });
    expect({ name, sheets: actual.written?.sheets, store: actual.written?.store }).toEqual({
      name,
      sheets: expected.written?.sheets,
      store: expected.written?.store,
    });
    // the result tables (SRB_Verteilung, SRB_Einrichtungen …) a user's structured references depend on
    expect({ name, tables: actual.written?.tables }).toEqual({ name, tables: expected.written?.tables });
    for (const sheet of Object.keys(expected.written?.cells ?? {})) {
      expect({ name, sheet, cells: actual.written?.cells[sheet] }).toEqual({
        name,
        sheet,
        cells: expected.written?.cells[sheet],
      });
    }
    expect(Object.keys(actual.written?.cells ?? {})).toEqual(Object.keys(expected.written?.cells ?? {}));
  });
});

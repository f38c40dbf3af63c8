/**
 * Seeded generator of workbooks SRB has never seen, and a runner for `srb allocate` through the
 * SPEC.md §8 contracts only: an .xlsx file, a `*.srb.json` model file, the command line, results.json.
 *
 * The generator keeps the structured data it wrote (as reference `RefUnit`s), so the reference
 * implementation never has to parse the workbook it is judging SRB's reading of.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { seededRandom } from "../../src/engine/seededRandom";
import type { RefAreaMethod, RefCategory, RefIndicator, RefOptions, RefUnit } from "./reference";

/**
 * A cell as the generator writes it: blank = null, an Excel error as `{ error }`, and whatever else
 * exceljs can write (a formula with its cached result, rich text, a date).
 */
export type GeneratedCell =
  | number
  | string
  | boolean
  | null
  | Date
  | { error: string }
  | { formula: string; result?: number | string }
  | { richText: { text: string }[] };

export interface GeneratedSheet {
  name: string;
  rows: GeneratedCell[][];
}

export interface GeneratedCase {
  name: string;
  sheets: GeneratedSheet[];
  /** The model file's JSON, exactly as written to `*.srb.json`. */
  model: Record<string, unknown>;
  units: RefUnit[];
  indicators: RefIndicator[];
  categories: RefCategory[];
  options: RefOptions;
  budget: number;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export const AREA_NAMES = [
  "Nordstadt",
  "Östliche Vorstadt",
  "Gärten am Fluß",
  "St. Jürgen",
  "Über der Mühle",
  "Neu-Äppelhausen 2",
  "Bahnhofsviertel",
  "Süd West",
  "Altstadt",
  "Hafen & Kanal",
  "Weißenhöhe",
  "Am Schöpfwerk",
];

const CATEGORY_NAMES = [
  "Allgemeiner Bedarf",
  "Soziale Lage",
  "Flucht und Migration",
  "Infrastruktur und Netzwerke",
  "Wohnen & Umfeld",
];

export interface CaseSettings {
  name: string;
  seed: number;
  areas: number;
  /** Units per Sozialraum, inclusive range. */
  unitsPerArea: [number, number];
  indicatorsPerCategory: [number, number];
  categoryCount: number;
  /** Chance that an indicator cell is blank (a unit always keeps one value per category). */
  blankRate: number;
  numericIds: boolean;
  /** Chance that a Kinder cell is blank. */
  childrenBlankRate: number;
  areaMethod: RefAreaMethod;
  childWeighted: boolean;
  sd: "sample" | "population";
  normalisation: "minmax" | "tscore";
  budget: number;
  /** Budget as written to the model file (e.g. a string would be wrong; a decimal is fine). */
  sheetBefore: "none" | "notes" | "last-year-copy";
  dataSheetName: string;
  /** Model file variations (SPEC §8: extra fields allowed, defaults for what is left out). */
  omitOptions: boolean;
  omitCategoryWeights: boolean;
  omitIndicatorWeights: boolean;
  extraFields: boolean;
  unequalWeights: boolean;
  extraColumns: boolean;
}

export const BASE_SETTINGS: CaseSettings = {
  name: "base",
  seed: 1,
  areas: 5,
  unitsPerArea: [2, 6],
  indicatorsPerCategory: [1, 4],
  categoryCount: 4,
  blankRate: 0.05,
  numericIds: false,
  childrenBlankRate: 0,
  areaMethod: "mean-of-units",
  childWeighted: false,
  sd: "sample",
  normalisation: "minmax",
  budget: 1002240,
  sheetBefore: "none",
  dataSheetName: "Kitas",
  omitOptions: false,
  omitCategoryWeights: false,
  omitIndicatorWeights: false,
  extraFields: false,
  unequalWeights: true,
  extraColumns: true,
};

const ID_HEADERS = ["Einrichtung", "Kita", "Name der Kita", "Einrichtungs-Nr."];
const AREA_HEADERS = ["Sozialraum", "Quartier", "Planungsraum", "Sozialraum (Stand 2024)"];
const CHILDREN_HEADERS = ["Kinder", "Anzahl Kinder", "belegte Plätze"];
const INDICATOR_STEMS = [
  "Anteil_SGB_II",
  "Anteil nicht-deutsche Familiensprache",
  "Förderbedarf %",
  "ÖPNV-Anbindung",
  "Wohnfläche je Kind qm",
  "Arbeitslosenquote",
  "Anteil_Alleinerziehend",
  "Quote Beitragsbefreiung",
  "Fluchterfahrung",
  "Sprachförderbedarf",
  "Entfernung Beratungsstelle km",
  "Angebote Familienbildung",
];

/**
 * Builds one case from its settings: data, workbook sheets, model file JSON and the reference inputs.
 *
 * @example
 * const c = generateCase({ ...BASE_SETTINGS, seed: 7, areas: 3 });
 * c.units.length; // => between 6 and 18
 */
export function generateCase(settings: CaseSettings): GeneratedCase {
  const random = seededRandom(settings.seed);
  const round2 = (x: number) => Math.round(x * 100) / 100;

  // ── model: categories and indicators ──
  const categoryNames = shuffle(random, CATEGORY_NAMES)
    .filter((n, i) => n === "Flucht und Migration" || i < settings.categoryCount)
    .slice(0, settings.categoryCount);
  if (!categoryNames.includes("Flucht und Migration")) categoryNames[0] = "Flucht und Migration";
  const categories: RefCategory[] = categoryNames.map((name) => ({
    name,
    weight: settings.unequalWeights && !settings.omitCategoryWeights ? pick(random, [0.5, 1, 2, 3]) : 1,
  }));
  const indicators: RefIndicator[] = [];
  const stems = shuffle(random, INDICATOR_STEMS);
  for (const category of categories) {
    const [lo, hi] = settings.indicatorsPerCategory;
    const count = lo + Math.floor(random() * (hi - lo + 1));
    for (let k = 0; k < count; k++) {
      const stem = stems[indicators.length % stems.length];
      indicators.push({
        column: `${stem} (${indicators.length + 1})`,
        category: category.name,
        direction: random() < 0.3 ? -1 : 1,
        weight:
          settings.unequalWeights && !settings.omitIndicatorWeights ? pick(random, [1, 1, 2, 0.5, 1.5]) : 1,
      });
    }
  }

  // ── units ──
  const areaNames = shuffle(random, AREA_NAMES).slice(0, settings.areas);
  while (areaNames.length < settings.areas) areaNames.push(`Sozialraum ${areaNames.length + 1} – Ost`);
  const units: RefUnit[] = [];
  const rawIds: (string | number)[] = [];
  for (const area of areaNames) {
    const [lo, hi] = settings.unitsPerArea;
    const count = lo + Math.floor(random() * (hi - lo + 1));
    for (let k = 0; k < count; k++) {
      const serial = units.length + 1;
      const rawId = settings.numericIds
        ? 100 + serial
        : `Kita ${pick(random, ["Sonnenschein", "Löwenzahn", "Regenbogen", "Spatzennest"])} ${serial}`;
      const values = indicators.map(() => round2(random() * (random() < 0.2 ? 1 : 100)));
      // blanks: never the last present value of a category for this unit
      indicators.forEach((indicator, j) => {
        if (random() >= settings.blankRate) return;
        const sameCategoryPresent = indicators.filter(
          (other, m) => m !== j && other.category === indicator.category && values[m] !== null,
        );
        if (sameCategoryPresent.length > 0) (values as (number | null)[])[j] = null;
      });
      const children = random() < settings.childrenBlankRate ? null : 15 + Math.floor(random() * 140);
      units.push({ id: String(rawId), area, children, values });
      rawIds.push(rawId);
    }
  }
  // Units of one area are interleaved with the others in sheet order (areas in order of first appearance).
  const order = interleave(random, units.length);
  const orderedUnits = order.map((i) => units[i]);
  const orderedIds = order.map((i) => rawIds[i]);

  // ── sheet layout ──
  const idHeader = pick(random, ID_HEADERS);
  const areaHeader = pick(random, AREA_HEADERS);
  const childrenHeader = pick(random, CHILDREN_HEADERS);
  type Column = { header: string; cell: (u: number) => GeneratedCell };
  const columns: Column[] = [
    { header: idHeader, cell: (u) => orderedIds[u] },
    { header: areaHeader, cell: (u) => orderedUnits[u].area },
    { header: childrenHeader, cell: (u) => orderedUnits[u].children },
    ...indicators.map((ind, j) => ({ header: ind.column, cell: (u: number) => orderedUnits[u].values[j] })),
  ];
  if (settings.extraColumns) {
    columns.push(
      {
        header: "Träger",
        cell: (u) => pick(random, ["AWO", "Caritas", "Stadt", "ev. KiTa gGmbH"]) + ` ${u}`,
      },
      { header: "Bemerkung", cell: () => pick(random, ["k.A.", "", "=SUMME(A1:A3)", "#N/A", "neu ab 2025"]) },
      { header: "PLZ", cell: () => 55543 + Math.floor(random() * 10) },
    );
  }
  const layout = shuffle(random, columns);
  const dataRows: GeneratedCell[][] = [layout.map((c) => c.header)];
  orderedUnits.forEach((_, u) => dataRows.push(layout.map((c) => c.cell(u))));

  const sheets: GeneratedSheet[] = [];
  if (settings.sheetBefore === "notes") {
    sheets.push({
      name: "Hinweise",
      rows: [["Datenstand 31.12."], ["Quelle: Kita-Abfrage"], [null, "Einrichtung", "Sozialraum"]],
    });
  } else if (settings.sheetBefore === "last-year-copy") {
    // The same headers with other numbers: SRB must read the sheet the model names, not the first one.
    sheets.push({
      name: "Vorjahr",
      rows: dataRows.map((row, r) =>
        r === 0 ? row : row.map((v) => (typeof v === "number" ? v * 0.5 + 1 : v)),
      ),
    });
  }
  sheets.push({ name: settings.dataSheetName, rows: dataRows });

  // ── model file ──
  const model: Record<string, unknown> = {
    data: {
      sheet: settings.dataSheetName,
      id: idHeader,
      area: areaHeader,
      children: childrenHeader,
      ...(settings.extraFields ? { comment: "Datenblatt der Kita-Abfrage" } : {}),
    },
    indicators: indicators.map((ind) => ({
      column: ind.column,
      category: ind.category,
      direction: ind.direction,
      ...(settings.omitIndicatorWeights ? {} : { weight: ind.weight }),
      ...(settings.extraFields ? { source: "Kita-Abfrage 2024", note: null } : {}),
    })),
    categories: categories.map((c) =>
      settings.omitCategoryWeights ? { name: c.name } : { name: c.name, weight: c.weight },
    ),
    budget: { total: settings.budget, ...(settings.extraFields ? { currency: "EUR", year: 2025 } : {}) },
  };
  if (!settings.omitOptions) {
    model.options = {
      normalisation: settings.normalisation,
      sd: settings.sd,
      areaMethod: settings.areaMethod,
      ...(settings.childWeighted ? { childWeighted: true } : {}),
      ...(settings.extraFields ? { futureOption: { enabled: false } } : {}),
    };
  }
  if (settings.extraFields) {
    model.$schema = "https://example.invalid/srb.schema.json";
    model.author = "Jugendhilfeplanung";
  }

  return {
    name: settings.name,
    sheets,
    model,
    units: orderedUnits,
    indicators,
    categories,
    options: {
      sd: settings.omitOptions ? "sample" : settings.sd,
      areaMethod: settings.omitOptions ? "mean-of-units" : settings.areaMethod,
      childWeighted: settings.omitOptions ? false : settings.childWeighted,
      strand3Category: "Flucht und Migration",
      normalisation: settings.omitOptions ? "minmax" : settings.normalisation,
    },
    budget: settings.budget,
  };
}

/** A random permutation of 0…n−1 (sheet order of the generated units). */
function interleave(random: () => number, n: number): number[] {
  return shuffle(
    random,
    Array.from({ length: n }, (_, i) => i),
  );
}

/**
 * Writes the sheets to an .xlsx file with exceljs (blank or "" = no cell; other values as exceljs writes them).
 *
 * @example
 * await writeWorkbook("/tmp/x.xlsx", [{ name: "Kitas", rows: [["Einrichtung"], ["Kita A"]] }]);
 */
export async function writeWorkbook(file: string, sheets: readonly GeneratedSheet[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null || value === "") return;
        const cell = worksheet.getCell(r + 1, c + 1);
        cell.value = value as ExcelJS.CellValue;
      });
    });
  }
  await workbook.xlsx.writeFile(file);
}

export interface RunOutcome {
  code: number;
  /** Parsed results.json, or null when none was written. */
  results: Record<string, unknown> | null;
  outExists: boolean;
  stdout: string;
  stderr: string;
  files: { workbook: string; model: string; out: string; json: string };
}

export interface RunSettings {
  /** Run the real `node bin/srb.js` as a child process instead of `main(argv)` in-process. */
  binary?: boolean;
  /** Pass the model only through `--model` (default) or not at all (model stored in the workbook). */
  withModelFile?: boolean;
  /** Use an existing workbook instead of writing `generated.sheets`. */
  workbookFile?: string;
}

const REPOSITORY = path.resolve(__dirname, "..", "..");

/**
 * Writes the case to `dir` and runs `srb allocate <book> --model <m> --out <o> --json <j>`.
 *
 * @example
 * const outcome = await runAllocate(dir, generateCase(BASE_SETTINGS));
 * outcome.code; // => 0
 */
export async function runAllocate(
  dir: string,
  generated: { name: string; sheets: readonly GeneratedSheet[]; model: unknown },
  settings: RunSettings = {},
): Promise<RunOutcome> {
  const base = path.join(dir, generated.name.replace(/[^A-Za-z0-9_-]+/g, "_"));
  const files = {
    workbook: settings.workbookFile ?? `${base}.xlsx`,
    model: `${base}.srb.json`,
    out: `${base}-out.xlsx`,
    json: `${base}-results.json`,
  };
  if (settings.workbookFile === undefined) await writeWorkbook(files.workbook, generated.sheets);
  const withModel = settings.withModelFile ?? true;
  if (withModel) await fs.writeFile(files.model, JSON.stringify(generated.model, null, 2), "utf8");
  await fs.rm(files.out, { force: true });
  await fs.rm(files.json, { force: true });
  const argv = [
    "allocate",
    files.workbook,
    ...(withModel ? ["--model", files.model] : []),
    "--out",
    files.out,
    "--json",
    files.json,
    "--quiet",
  ];
  let code: number;
  let stdout = "";
  let stderr = "";
  if (settings.binary) {
    ({ code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [path.join(REPOSITORY, "bin", "srb.js"), ...argv],
          { cwd: REPOSITORY },
          (error, out, err) => {
            const exit = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
            resolve({ code: exit, stdout: out, stderr: err });
          },
        );
      },
    ));
  } else {
    code = await main(argv, {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    });
  }
  const json = await fs.readFile(files.json, "utf8").then(
    (text) => JSON.parse(text) as Record<string, unknown>,
    () => null,
  );
  const outExists = await fs.stat(files.out).then(
    () => true,
    () => false,
  );
  return { code, results: json, outExists, stdout, stderr, files };
}

/** Header texts of the hand-made error workbook: A–C fixed columns, D–L indicators (L is column 12). */
export const HANDMADE_HEADERS = [
  "Einrichtung",
  "Sozialraum",
  "Kinder",
  "I1",
  "I2",
  "I3",
  "I4",
  "I5",
  "I6",
  "I7",
  "I8",
  "I9",
];

/**
 * A minimal model for hand-made sheets: every header after the third is an indicator in category "A",
 * except "I9", which is "Flucht und Migration".
 *
 * @example
 * handmadeModel(HANDMADE_HEADERS, 1000).indicators.length; // => 9
 */
export function handmadeModel(headers: readonly string[], budget: number, sheet = "Kitas") {
  const indicators = headers.slice(3).map((column) => ({
    column,
    category: column === "I9" ? "Flucht und Migration" : "A",
    direction: 1,
    weight: 1,
  }));
  return {
    data: { sheet, id: headers[0], area: headers[1], children: headers[2] },
    indicators,
    categories: [
      { name: "A", weight: 1 },
      { name: "Flucht und Migration", weight: 1 },
    ],
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: budget },
  };
}

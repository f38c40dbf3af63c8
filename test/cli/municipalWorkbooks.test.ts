/**
 * Issue 11: workbooks shaped like a real municipality's (title row „Kita-Daten 2025 – Stadt X“, an empty row,
 * the header in row 3 with German column names, percent-formatted shares, an Excel table with a totals row
 * „Summe“ or a „Summe“ row of =SUM formulas, a hidden row, a note below), written by openpyxl and converted by
 * LibreOffice (test/fixtures/municipal/make_municipal.py), go through `srb allocate` to the allocation of the
 * same Kitas typed with the header in row 1 — no manual edit.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { main } from "../../src/cli/main";
import type { CellValue } from "../../src/engine/table";
import { generate, preview } from "../../src/usecase/generate";
import { readDataTable } from "../../src/workbook/dataTable";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { exceljsFixtureBytes } from "../workbook/exceljsFixture";
import { resultsSchema } from "../helpers/resultsSchema";

const FIXTURES = join(__dirname, "..", "fixtures", "municipal");
const MODEL = join(FIXTURES, "stadt-x.srb.json");

/** The Kitas of the fixtures as a plain table (header in row 1), as make_municipal.py writes them. */
const HEADER: CellValue[] = [
  "Name der Kita",
  "Planungsraum",
  "Anzahl Kinder",
  "Anteil SGB-II-Bezug",
  "Anteil nichtdeutsche Familiensprache",
  "Anteil Alleinerziehende",
];
const KITAS: CellValue[][] = [
  ["Kita Sonnenschein", "Innenstadt", 85, 0.25, 0.31, 0.18],
  ["Kita Regenbogen", "Innenstadt", 62, 0.18, 0.12, 0.22],
  ["Kita Löwenzahn", "Nordstadt", 130, 0.09, 0.05, 0.11],
  ["Kita Pusteblume", "Nordstadt", 48, 0.33, 0.41, 0.27],
  ["Kita Sternschnuppe", "Südviertel", 97, 0.21, 0.22, 0.15],
  ["Kita Kunterbunt", "Südviertel", 74, 0.27, 0.19, 0.2],
  ["Kita Wirbelwind", "Westend", 55, 0.12, 0.08, 0.09],
  ["Kita Spatzennest", "Westend", 66, 0.3, 0.36, 0.24],
  ["Kita Marienkäfer", "Innenstadt", 90, 0.15, 0.14, 0.13],
  ["Kita Schatzkiste", "Nordstadt", 71, 0.2, 0.25, 0.19],
  ["Kita Traumland", "Südviertel", 58, 0.06, 0.04, 0.07],
  ["Kita Abenteuerland", "Westend", 104, 0.24, 0.28, 0.21],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "srb-municipal-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function srb(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(args, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

async function allocateFile(file: string, model = MODEL) {
  const name = file.replace(/\.xlsx$/, "");
  const json = join(dir, `${name}.json`);
  const run = await srb(
    "allocate",
    join(FIXTURES, file),
    "--model",
    model,
    "--out",
    join(dir, `${name}-Verteilung.xlsx`),
    "--json",
    json,
  );
  const raw = JSON.parse(await readFile(json, "utf8")) as {
    issues: { level: string; code?: string; cell: string; message: string }[];
  };
  return { ...run, raw, results: run.code === 0 ? resultsSchema.parse(raw) : null };
}

describe.each([
  [
    "stadt-x-openpyxl.xlsx",
    "Blatt „Kitas“: Kopfzeile: Zeile 3 (Excel-Tabelle „KitaDaten“), Daten: Zeilen 4–15 (Zeile 16 „Summe“ ausgelassen, 1 weitere Zeile darunter ignoriert)",
    [],
  ],
  [
    "stadt-x-libreoffice.xlsx",
    "Blatt „Kitas“: Kopfzeile: Zeile 3, Daten: Zeilen 4–15 (Zeile 16 „Summe“ ausgelassen, 1 weitere Zeile darunter ignoriert; 1 ausgeblendete Zeile mitgerechnet)",
    [
      ["rows-below-table", "A16"],
      ["hidden-rows", "A9"],
    ],
  ],
  // Excel's own package (make_writer_variants.py): a filtered table that hides Kita Löwenzahn's row
  [
    "stadt-x-excel.xlsx",
    "Blatt „Kitas“: Kopfzeile: Zeile 3 (Excel-Tabelle „KitaDaten“), Daten: Zeilen 4–15 (Zeile 16 „Summe“ ausgelassen, 1 weitere Zeile darunter ignoriert; 1 ausgeblendete Zeile mitgerechnet)",
    [["hidden-rows", "A6"]],
  ],
  // Google Sheets' .xlsx download (make_writer_variants.py): no table, a =SUM row, a hidden row
  [
    "stadt-x-googlesheets.xlsx",
    "Blatt „Kitas“: Kopfzeile: Zeile 3, Daten: Zeilen 4–15 (Zeile 16 „Summe“ ausgelassen, 1 weitere Zeile darunter ignoriert; 1 ausgeblendete Zeile mitgerechnet)",
    [
      ["rows-below-table", "A16"],
      ["hidden-rows", "A9"],
    ],
  ],
])("%s: srb allocate without any edit", (file, line, warnings) => {
  test("12 Kitas in 4 Planungsräume, no blocking issue, the allocation of the plain table", async () => {
    const run = await allocateFile(file);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(line);
    const results = run.results!;
    expect(results.issues.filter((i) => i.level === "error")).toEqual([]);
    expect(run.raw.issues.map((i) => [i.code, i.cell])).toEqual(warnings);
    expect(results.units.map((u) => u.id)).toEqual(KITAS.map((k) => k[0]));
    expect(results.areas).toHaveLength(4);
    // the same as the Kitas typed with the header in row 1 (percent formats read as the shares they are)
    const plain = preview(JSON.parse(await readFile(MODEL, "utf8")), {
      sheet: "Kitas",
      headers: HEADER,
      rows: KITAS,
    });
    expect(plain.allocation).not.toBeNull();
    expect(results.areas.map((a) => [a.name, a.amount])).toEqual(
      plain.allocation!.areas.map((a) => [a.name, a.amount]),
    );
    // messages name the real sheet rows: Kita Löwenzahn is in row 6
    expect(results.units.find((u) => u.id === "Kita Löwenzahn")).toBeDefined();
  });

  test("data.headerRow in the model fixes the header row (SPEC §8)", async () => {
    const model = JSON.parse(await readFile(MODEL, "utf8"));
    model.data.headerRow = 3;
    const modelFile = join(dir, `headerRow-${file}.srb.json`);
    await writeFile(modelFile, JSON.stringify(model));
    const run = await allocateFile(file, modelFile);
    expect(run.code).toBe(0);
    expect(run.results!.units).toHaveLength(12);
    // a wrong header row is a German message naming that row, not a crash
    model.data.headerRow = 5;
    await writeFile(modelFile, JSON.stringify(model));
    const wrong = await allocateFile(file, modelFile);
    expect(wrong.code).toBe(2);
    expect(wrong.raw.issues.map((i) => i.message).join("\n")).toContain("Kopfzeile (Zeile 5)");
  });
});

test("cell addresses in messages are the sheet's: header in row 3, a bad value in the second Kita is D5", async () => {
  const rows: CellValue[][] = [["Kita-Daten 2025 – Stadt X"], [], HEADER, ...KITAS, ["Summe", null, 940]];
  rows[4] = [...rows[4]];
  rows[4][3] = "k.A.";
  const port = await PackageWorkbook.fromBuffer(await exceljsFixtureBytes({ sheets: { Kitas: rows } }));
  const result = await generate(port, {
    model: JSON.parse(await readFile(MODEL, "utf8")),
    workbookName: "Stadt X.xlsx",
  });
  const errors = result.issues.filter((i) => i.level === "error");
  expect(errors.map((i) => [i.sheet, i.cell])).toEqual([["Kitas", "D5"]]);
  expect(errors[0].message).toContain("D5");
});

describe("files from other programs (issue 11, point 3)", () => {
  const WRITERS = join(FIXTURES, "writers");

  test("Google Sheets' own .xlsx download, untouched: read, its hidden row reported", async () => {
    const port = await PackageWorkbook.fromBuffer(await readFile(join(WRITERS, "google-sheets-export.xlsx")));
    expect(await port.sheetNames()).toEqual(["Sheet1"]);
    const table = await readDataTable(port, "Sheet1");
    expect(table.headers).toEqual(["BEGIN", "HIDDEN", "VISIBLE"]);
    expect(table.rows).toEqual([
      ["HIDDEN", null, null],
      ["VISIBLE", null, null],
    ]);
    expect(table.location?.hiddenDataRows).toEqual([2]);
  });

  test("Excel's own package, untouched: its filtered table is found, the hidden row kept", async () => {
    const port = await PackageWorkbook.fromBuffer(await readFile(join(WRITERS, "excel-365.xlsx")));
    expect(await port.sheetNames()).toEqual(["Sheet1", "Sheet2"]);
    const table = await readDataTable(port, "Sheet1");
    expect(table.location).toMatchObject({ source: "excelTable", tableName: "Table1", hiddenDataRows: [5] });
    expect(table.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
  });

  test("the Excel file's other sheet and its table leave srb allocate byte for byte", async () => {
    await allocateFile("stadt-x-excel.xlsx");
    const before = unzipSync(new Uint8Array(await readFile(join(FIXTURES, "stadt-x-excel.xlsx"))));
    const after = unzipSync(new Uint8Array(await readFile(join(dir, "stadt-x-excel-Verteilung.xlsx"))));
    for (const part of ["xl/worksheets/sheet2.xml", "xl/tables/table2.xml", "xl/theme/theme1.xml"]) {
      expect(Buffer.from(after[part]).equals(Buffer.from(before[part]))).toBe(true);
    }
  });

  test("SRB's output re-saved by openpyxl: the next run rewrites SRB's sheets in place, no copies", async () => {
    const run = await allocateFile("srb-output-openpyxl.xlsx");
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/Cannot read|undefined/);
    const out = await PackageWorkbook.fromBuffer(
      await readFile(join(dir, "srb-output-openpyxl-Verteilung.xlsx")),
    );
    expect(await out.sheetNames()).toEqual([
      "Kitas",
      "Verteilung",
      "Einrichtungen",
      "Normbereiche",
      "Prüfbericht",
      "Methode",
      // written before the Vorlage existed: the new sheet is added after SRB's others, nothing moves
      "Vorlage",
    ]);
    const plain = await allocateFile("stadt-x-openpyxl.xlsx");
    expect(run.results!.areas.map((a) => a.amount)).toEqual(plain.results!.areas.map((a) => a.amount));
  });
});

/**
 * Nothing lost: SRB writes into the user's workbook, so every run must leave the user's work alone.
 * Real .xlsx files on disk (the Musterstadt sample), each run re-opened from the file the previous run
 * saved, the user's edits made with plain exceljs as Excel would save them.
 */
import ExcelJS from "exceljs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseModel } from "../../src/engine/modelFile";
import type { Model } from "../../src/engine/model";
import { STORE_SHEET } from "../../src/workbook/port";
import { unprovenNote } from "../../src/workbook/writePlan";
import { isValidSheetName, MAX_SHEET_NAME_LENGTH } from "../../src/workbook/sheetNames";
import {
  canonicalSheetText,
  decodeStore,
  encodeStore,
  sheetFingerprint,
  FINGERPRINT_LENGTH,
} from "../../src/workbook/store";
import { EXCEL_MAX_CELL_TEXT, EXCEL_MAX_ROWS, XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { runOnWorkbook } from "./pipeline";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample", "Musterstadt.xlsx");
const USER_SHEETS = ["Kitas", "Notizen", "Rückfragen"];
const GENERATED = ["Verteilung", "Einrichtungen", "Normbereiche", "Prüfbericht", "Methode"];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "srb-nothing-lost-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything a user could have put into a sheet: values, formulas, formats, fonts, widths. */
function snapshot(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells.push([cell.address, cell.type, JSON.stringify(cell.value), cell.numFmt, cell.font?.bold]);
    });
  });
  const widths = (ws.columns ?? []).map((c) => c.width);
  return { name: ws.name, state: ws.state, cells, widths };
}

async function openRaw(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function sampleModel(book: XlsxWorkbook): Promise<Model> {
  const parsed = parseModel(await book.readStoredModel());
  expect(parsed.issues.filter((i) => i.level === "error")).toEqual([]);
  return parsed.model!;
}

/** Opens `file`, runs SRB, saves back to `file`. */
async function runOnFile(file: string) {
  const book = await XlsxWorkbook.fromFile(file);
  const result = await runOnWorkbook(book, await sampleModel(book));
  expect(result.allocation).not.toBeNull();
  await book.saveAs(file);
  return result.report!;
}

/** The sample (Kitas, Notizen) plus a user sheet "Rückfragen" with text, a formula, a number format and bold text. */
async function sampleWithNotes(name: string, extra?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = await openRaw(SAMPLE);
  const notes = wb.addWorksheet("Rückfragen");
  notes.getCell("A1").value = "Rückfragen an den Träger";
  notes.getCell("A1").font = { bold: true };
  notes.getCell("B2").value = { formula: "SUM(Kitas!C2:C5)", result: 200 };
  notes.getCell("B2").numFmt = "#,##0";
  notes.getCell("C3").value = '=HYPERLINK("http://example.invalid")';
  notes.getColumn(1).width = 40;
  extra?.(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("a re-run replaces only SRB's marked sheets", () => {
  test("two runs: user sheets identical cell by cell, generated sheets replaced under their names", async () => {
    const file = await sampleWithNotes("rerun.xlsx");
    const before = await openRaw(file);
    const userBefore = USER_SHEETS.map((n) => snapshot(before.getWorksheet(n)!));

    const first = await runOnFile(file);
    expect(first.replaced).toEqual([]);
    expect(first.sheets.map((s) => s.written)).toEqual(GENERATED);

    const second = await runOnFile(file);
    expect([...second.replaced].sort()).toEqual([...GENERATED].sort());
    expect(second.sheets.map((s) => s.written)).toEqual(GENERATED);

    const after = await openRaw(file);
    expect(after.worksheets.map((w) => w.name)).toEqual([...USER_SHEETS, ...GENERATED, STORE_SHEET]);
    expect(USER_SHEETS.map((n) => snapshot(after.getWorksheet(n)!))).toEqual(userBefore);
  });

  test("Excel recalculating and re-formatting a generated sheet is not an edit: it is still replaced", async () => {
    const file = await sampleWithNotes("recalc.xlsx");
    await runOnFile(file);
    const wb = await openRaw(file);
    const ws = wb.getWorksheet("Verteilung")!;
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          // what Excel does on open: recompute and store a new cached result
          cell.value = { formula: cell.formula, result: 42 } as ExcelJS.CellFormulaValue;
          formulas++;
        }
      }),
    );
    expect(formulas).toBeGreaterThan(0);
    ws.getColumn(1).width = 55;
    ws.getCell("A1").font = { italic: true };
    await wb.xlsx.writeFile(file);

    const report = await runOnFile(file);
    expect([...report.replaced].sort()).toEqual([...GENERATED].sort());
    expect(report.sheets.map((s) => s.written)).toEqual(GENERATED);
  });
});

describe("a user sheet with an SRB-like name is kept; the generated one takes another name", () => {
  test("the user's own „Verteilung“ before the first run", async () => {
    const file = await sampleWithNotes("clash.xlsx", (wb) => {
      const mine = wb.addWorksheet("verteilung");
      mine.getCell("A1").value = "Meine Verteilung";
      mine.getCell("B2").value = 1000;
    });
    const mineBefore = snapshot((await openRaw(file)).getWorksheet("verteilung")!);
    for (let run = 0; run < 2; run++) {
      const report = await runOnFile(file);
      expect(report.sheets[0]).toEqual({ requested: "Verteilung", written: "Verteilung (2)" });
      expect(report.notes?.some((n) => n.includes("„Verteilung (2)“"))).toBe(true);
      const after = await openRaw(file);
      expect(snapshot(after.getWorksheet("verteilung")!)).toEqual(mineBefore);
    }
  });

  test("SRB's „Verteilung“ deleted by the user and their own made under that name: kept, note in German", async () => {
    const file = await sampleWithNotes("recreated.xlsx");
    await runOnFile(file);
    const wb = await openRaw(file);
    wb.removeWorksheet(wb.getWorksheet("Verteilung")!.id);
    const mine = wb.addWorksheet("Verteilung");
    mine.getCell("A1").value = "Sozialraum";
    mine.getCell("B1").value = "Betrag laut Jugendhilfeausschuss";
    mine.getCell("A2").value = "Nord";
    mine.getCell("B2").value = 123456.78;
    await wb.xlsx.writeFile(file);
    const mineBefore = snapshot((await openRaw(file)).getWorksheet("Verteilung")!);

    const report = await runOnFile(file);
    expect(report.replaced).not.toContain("Verteilung");
    expect([...report.replaced].sort()).toEqual(GENERATED.filter((n) => n !== "Verteilung").sort());
    expect(report.sheets[0].written).toBe("Verteilung (2)");
    expect(report.notes).toContain(
      "Blatt „Verteilung“ wurde seit dem letzten Lauf von SRB verändert (oder neu angelegt) – es bleibt " +
        "unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt; die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.",
    );
    const after = await openRaw(file);
    expect(snapshot(after.getWorksheet("Verteilung")!)).toEqual(mineBefore);

    // from now on it is the user's: the next run leaves it and replaces "Verteilung (2)"
    const next = await runOnFile(file);
    expect(next.replaced).toContain("Verteilung (2)");
    expect(next.replaced).not.toContain("Verteilung");
    expect(snapshot((await openRaw(file)).getWorksheet("Verteilung")!)).toEqual(mineBefore);
  });

  test("overrides typed into „VZÄ Strang 1 (angepasst)“ on Einrichtungen survive the next run", async () => {
    const file = await sampleWithNotes("overrides.xlsx");
    await runOnFile(file);
    const wb = await openRaw(file);
    const ws = wb.getWorksheet("Einrichtungen")!;
    const header = ws.getRow(1).values as unknown[];
    const column = header.indexOf("VZÄ Strang 1 (angepasst)");
    expect(column).toBeGreaterThan(0);
    ws.getCell(2, column).value = 0.5;
    ws.getCell(3, column).value = 1.25;
    await wb.xlsx.writeFile(file);

    const report = await runOnFile(file);
    expect(report.replaced).not.toContain("Einrichtungen");
    expect(report.sheets.find((s) => s.requested === "Einrichtungen")?.written).toBe("Einrichtungen (2)");
    expect(report.notes?.some((n) => n.startsWith("Blatt „Einrichtungen“ wurde seit dem letzten Lauf"))).toBe(
      true,
    );
    const kept = (await openRaw(file)).getWorksheet("Einrichtungen")!;
    expect(kept.getCell(2, column).value).toBe(0.5);
    expect(kept.getCell(3, column).value).toBe(1.25);
  });

  test("a store of an earlier version (names only, no fingerprints) cannot prove a sheet is SRB's: kept (issue 17.1)", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "alt" }]] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
    const store = wb.getWorksheet(STORE_SHEET)!;
    const rows: [string, string | number][] = [];
    store.eachRow((row) => {
      const v = row.values as unknown[];
      if (v[1] !== "fingerprint") rows.push([v[1] as string, v[2] as string | number]);
    });
    expect(rows).toEqual(encodeStore({ generated: ["Verteilung"], model: null }));
    wb.removeWorksheet(store.id);
    const old = wb.addWorksheet(STORE_SHEET, { state: "veryHidden" });
    rows.forEach((r) => old.addRow(r));
    const reopened = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const report = await reopened.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "neu" }]] }]);
    expect(report.replaced).toEqual([]);
    expect(report.sheets[0].written).toBe("Verteilung (2)");
    expect(report.notes).toContain(unprovenNote("Verteilung"));
    expect((await reopened.readTable("Verteilung")).headers).toEqual(["alt"]);
  });
});

describe("Excel's limits", () => {
  test("sheet names: ≤ 31 characters, none of []:*?/\\, unique; the written name is reported", async () => {
    const book = XlsxWorkbook.empty();
    const requested = [
      "Verteilung [Entwurf]: Nord/Süd? *neu* \\ 2025 und noch viel länger",
      "'Methode'",
      "History",
      "x".repeat(40),
      "x".repeat(40),
    ];
    const report = await book.writeGeneratedSheets(
      requested.map((name) => ({ name, rows: [[{ value: 1 }]] })),
    );
    const written = report.sheets.map((s) => s.written);
    for (const name of written) {
      expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME_LENGTH);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
      expect(isValidSheetName(name)).toBe(true);
    }
    expect(new Set(written.map((n) => n.toLowerCase())).size).toBe(written.length);
    const file = path.join(dir, "names.xlsx");
    await book.saveAs(file);
    expect((await openRaw(file)).worksheets.map((w) => w.name)).toEqual([...written, STORE_SHEET]);
  });

  test("rows: a sheet never goes past row 1,048,576; what is cut is said in the notes", async () => {
    const book = XlsxWorkbook.empty();
    // sparse: only three rows exist, the length says 1,048,578
    const rows = new Array<{ value: string }[]>(EXCEL_MAX_ROWS + 2);
    rows[0] = [{ value: "erste" }];
    rows[EXCEL_MAX_ROWS - 1] = [{ value: "letzte erlaubte" }];
    rows[EXCEL_MAX_ROWS + 1] = [{ value: "zu viel" }];
    const report = await book.writeGeneratedSheets([{ name: "Lang", rows }]);
    expect(report.notes).toContain(
      `Blatt „Lang“: ${EXCEL_MAX_ROWS + 2} Zeilen angefordert, Excel erlaubt höchstens ${EXCEL_MAX_ROWS}; der Rest fehlt.`,
    );
    const again = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const table = await again.readTable("Lang");
    expect(table.rows.length + 1).toBe(EXCEL_MAX_ROWS);
    expect(table.rows[EXCEL_MAX_ROWS - 2]).toEqual(["letzte erlaubte"]);
  });

  test("cells: text longer than 32,767 characters is cut, ends in „…“, and the note names the cell", async () => {
    const book = XlsxWorkbook.empty();
    const long = "Kita „Regenbogen“ 😀 ".repeat(2000); // 40,000 UTF-16 units
    expect(long.length).toBeGreaterThan(EXCEL_MAX_CELL_TEXT);
    const report = await book.writeGeneratedSheets([
      { name: "Text", rows: [[{ value: "a" }, { value: long }]] },
    ]);
    expect(report.notes).toContain(
      `Blatt „Text“, Zelle B1: Text auf ${EXCEL_MAX_CELL_TEXT} Zeichen gekürzt.`,
    );
    const again = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const cell = (await again.readTable("Text")).headers[1] as string;
    expect(cell.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_TEXT);
    expect(cell.endsWith("…")).toBe(true);
    expect(long.startsWith(cell.slice(0, -1))).toBe(true);
    expect(/[\uD800-\uDBFF]$/.test(cell.slice(0, -1))).toBe(false); // no half emoji
  });
});

describe("sheet fingerprints (store.ts), usable by both adapters", () => {
  test("worked example: the canonical text and its stability", () => {
    // B1 is a formula (read as "=" + formula, as Office.js range.formulas gives it), A2 is blank.
    const grid = [
      ["Summe", "=SUM(B2:B3)"],
      [null, 2],
      ["", -0, true, { error: "#NUM!" }],
    ];
    expect(canonicalSheetText(grid)).toBe(
      '1,1:"Summe"\n1,2:"=SUM(B2:B3)"\n2,2:2\n3,2:0\n3,3:true\n3,4:"#NUM!"',
    );
    const fp = sheetFingerprint(grid);
    expect(fp).toMatch(new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`));
    // an error value read as text (Office.js) gives the same fingerprint as { error } (exceljs)
    expect(sheetFingerprint([grid[0], grid[1], ["", 0, true, "#NUM!"]])).toBe(fp);
    // trailing blanks and undefined holes are not content
    expect(sheetFingerprint([...grid.map((r) => [...r, null, undefined]), [], [null]])).toBe(fp);
  });

  test("what Excel or a saved file changes by itself is not an edit: 15 digits, line breaks", async () => {
    // Excel keeps 15 significant digits: 0.1 + 0.2 (0.30000000000000004) is stored and read back as 0.3
    expect(sheetFingerprint([[0.1 + 0.2]])).toBe(sheetFingerprint([[0.3]]));
    expect(sheetFingerprint([[1234567.891]])).not.toBe(sheetFingerprint([[1234567.89]]));
    // a file stores "\r\n" as "\n": a generated sheet with such text is replaced on the next run, not kept
    const book = XlsxWorkbook.empty();
    const sheet = { name: "Bericht", rows: [[{ value: "Zeile 1\r\nZeile 2" }], [{ value: 0.1 + 0.2 }]] };
    await book.writeGeneratedSheets([sheet]);
    const reopened = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const report = await reopened.writeGeneratedSheets([sheet]);
    expect(report.sheets).toEqual([{ requested: "Bericht", written: "Bericht" }]);
    expect(report.replaced).toEqual(["Bericht"]);
  });

  test("origin: a used range read from C3 gives the text of its real addresses", () => {
    expect(canonicalSheetText([["x"]], { row: 3, column: 3 })).toBe('3,3:"x"');
    expect(
      sheetFingerprint([
        [null, null],
        [null, "x"],
      ]),
    ).toBe(sheetFingerprint([["x"]], { row: 2, column: 2 }));
  });

  test("every single edit changes it: a value, its type, its place, a formula", () => {
    const base = sheetFingerprint([["Nord", 100, "=SUM(B1:B1)"]]);
    const edits = [
      [["Nord", 101, "=SUM(B1:B1)"]],
      [["Nord", "100", "=SUM(B1:B1)"]],
      [["nord", 100, "=SUM(B1:B1)"]],
      [["Nord", 100, "=SUM(B1:B2)"]],
      [["Nord", 100, 100]],
      [[null, "Nord", 100, "=SUM(B1:B1)"]],
      [["Nord", 100, "=SUM(B1:B1)", 0]],
    ];
    for (const edit of edits) expect(sheetFingerprint(edit)).not.toBe(base);
  });

  test("the store keeps fingerprints after the model chunks and reads them back", () => {
    const fingerprints = { Verteilung: "0123456789abcdef", "Name mit Leerzeichen (2)": "fedcba9876543210" };
    const rows = encodeStore({
      generated: ["Verteilung", "Name mit Leerzeichen (2)"],
      model: { a: 1 },
      fingerprints,
    });
    expect(rows).toEqual([
      ["SRB", 1],
      ["generated", "Verteilung"],
      ["generated", "Name mit Leerzeichen (2)"],
      ["model", '{"a":1}'],
      ["fingerprint", "0123456789abcdef Verteilung"],
      ["fingerprint", "fedcba9876543210 Name mit Leerzeichen (2)"],
    ]);
    expect(decodeStore(rows).fingerprints).toEqual(fingerprints);
    // a hand-edited, malformed fingerprint row is ignored, never a throw
    expect(
      decodeStore([
        ["fingerprint", "kein hash"],
        ["fingerprint", 17],
      ]).fingerprints,
    ).toBeUndefined();
  });
});

import ExcelJS from "exceljs";
import fc from "fast-check";
import { messages } from "../../src/engine/messages";
import type { CellValue } from "../../src/engine/table";
import { locateTable, locationIssues } from "../../src/engine/tableLocation";
import {
  columnWidthPoints,
  ESTIMATED_WIDTH_MIN,
  FINGERPRINT_BYTES_PER_ROW,
  needsTextFormat,
  OfficeWorkbook,
  PAYLOAD_LIMIT_BYTES,
  rangesOfAddress,
  toCellValue,
} from "../../src/workbook/officeWorkbook";
import { readDataTable } from "../../src/workbook/dataTable";
import type { SheetCell, SheetSpec } from "../../src/workbook/port";
import { STORE_SHEET } from "../../src/workbook/port";
import { decodeStore, earlierNumberText, sheetFingerprint } from "../../src/workbook/store";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import {
  FakeWorkbook,
  fakeWith,
  generationSheets,
  measureGeneration,
  parseAddress,
  type FakeContent,
} from "./fakeExcel";
import {
  editedNote,
  KITAS_ROWS,
  runFingerprintContract,
  runPortContract,
  sampleSpecs,
  type EditableWorkbook,
} from "./portContract";
import { SHARES_CHART_TITLE } from "../../src/workbook/srbCharts";
import { keptSheetNote, uncheckedSheetNote } from "../../src/workbook/writePlan";

runPortContract("OfficeWorkbook (fake Excel)", async (fixture) => {
  const book = fakeWith(fixture.sheets);
  for (const [name, extras] of Object.entries(fixture.extras ?? {})) {
    const sheet = book.sheet(name);
    for (const r of extras.hiddenRows ?? []) sheet.hiddenRows.add(r - 1);
    for (const [address, formula] of Object.entries(extras.formulas ?? {})) {
      const { row, column } = parseAddress(address);
      const cell = sheet.cell(row, column);
      delete cell.value;
      cell.formula = formula;
    }
    for (const t of extras.tables ?? []) {
      sheet.tables.push({ name: t.name, area: parseAddress(t.ref), totals: t.totalsRow === true });
    }
  }
  // Excel for Microsoft 365 (the fake's ExcelApi 1.9): what is below it has tests of its own
  const port = () => new OfficeWorkbook(book.run, undefined, book.supports);
  return { port: port(), reopen: async () => port() };
});

/** The fake workbook, edited as a user edits in Excel (directly, not through the adapter). */
function editableFake(
  book: FakeWorkbook,
  port = new OfficeWorkbook(book.run, undefined, book.supports),
): EditableWorkbook {
  return {
    port: () => port,
    async typeCell(sheet, row, column, value) {
      const cell = book.sheet(sheet).cell(row - 1, column - 1);
      delete cell.formula;
      cell.value = value;
    },
    async recreate(sheet, rows) {
      book.sheets.splice(book.sheets.indexOf(book.sheet(sheet)), 1);
      book.addSheet(sheet).setRows(rows as (FakeContent | null)[][]);
    },
    async recalculateAndFormat(sheet) {
      // the fake computes formula results whenever they are read; widths and bold are formatting
      const s = book.sheet(sheet);
      s.columnWidths.set(0, 200);
      s.cell(0, 0).bold = false;
      s.cell(1, 1).numberFormat = "0.000";
    },
    async dropFingerprints() {
      const store = book.sheet(STORE_SHEET);
      for (const [r, line] of store.cells) if (line[0]?.value === "fingerprint") store.cells.delete(r);
    },
  };
}

/** The .xlsx adapter, edited with plain exceljs between runs (saved and re-opened each time). */
async function editableXlsx(sheets: Record<string, CellValue[][]>): Promise<EditableWorkbook> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== null) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  let current = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
  const edit = async (change: (wb: ExcelJS.Workbook) => void) => {
    const file = new ExcelJS.Workbook();
    await file.xlsx.load((await current.toBuffer()) as unknown as ExcelJS.Buffer);
    change(file);
    current = await XlsxWorkbook.fromBuffer(new Uint8Array(await file.xlsx.writeBuffer()));
  };
  return {
    port: () => current,
    typeCell: (sheet, row, column, value) =>
      edit((file) => {
        file.getWorksheet(sheet)!.getCell(row, column).value = value;
      }),
    recreate: (sheet, rows) =>
      edit((file) => {
        file.removeWorksheet(file.getWorksheet(sheet)!.id);
        const ws = file.addWorksheet(sheet);
        rows.forEach((row, i) =>
          row.forEach((v, j) => {
            if (v !== null) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
          }),
        );
      }),
    recalculateAndFormat: (sheet) =>
      edit((file) => {
        const ws = file.getWorksheet(sheet)!;
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ExcelJS.ValueType.Formula)
              cell.value = { formula: cell.formula, result: 42 } as ExcelJS.CellFormulaValue;
          }),
        );
        ws.getColumn(1).width = 55;
        ws.getCell("A1").font = { italic: true };
      }),
    dropFingerprints: () =>
      edit((file) => {
        file.getWorksheet(STORE_SHEET)!.eachRow((row) => {
          if (row.getCell(1).value === "fingerprint") {
            row.getCell(1).value = null;
            row.getCell(2).value = null;
          }
        });
      }),
  };
}

runFingerprintContract("OfficeWorkbook (fake Excel)", async (sheets) => editableFake(fakeWith(sheets)));
// The .xlsx adapter runs the same cases here, next to the adapter they were written for.
runFingerprintContract("XlsxWorkbook", editableXlsx);

describe("the fake is strict where Excel is strict (else the adapter tests could not fail)", () => {
  test("reading a property without load + sync throws PropertyNotLoaded", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await expect(
      book.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Kitas").getRange("A1:B2");
        range.load("values");
        return range.values; // no sync yet
      }),
    ).rejects.toThrow(/PropertyNotLoaded/);
  });

  test("commands left unsynced when the batch ends are an error", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await expect(
      book.run(async (context) => {
        context.workbook.worksheets.getItem("Kitas").getRange("A1").values = [["x"]];
      }),
    ).rejects.toThrow(/NotSynced/);
  });

  test("text assigned to values turns into a formula or number unless the cell is formatted @", async () => {
    const book = fakeWith({ Kitas: [] });
    await book.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Kitas");
      ws.getRange("A1:B1").values = [["=SUM(A2)", "0042"]];
      ws.getRange("A2:B2").numberFormat = [["@"]]; // single input copy: one value for the whole range
      ws.getRange("A2:B2").values = [["=SUM(A2)", "0042"]];
      await context.sync();
    });
    const sheet = book.sheet("Kitas");
    expect(sheet.peek(0, 0)).toMatchObject({ formula: "SUM(A2)" });
    expect(sheet.peek(0, 1)?.value).toBe(42);
    expect(sheet.peek(1, 0)).toEqual({ value: "=SUM(A2)", numberFormat: "@" });
    expect(sheet.peek(1, 1)?.value).toBe("0042");
  });

  test("a request above 5 MB is refused, as Excel on the web does", async () => {
    const book = fakeWith({ Kitas: [] });
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    await expect(
      book.run(async (context) => {
        context.workbook.worksheets.getItem("Kitas").getRangeByIndexes(0, 0, big.length, 1).values = big;
        await context.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  test("parseAddress: B2:D5 is rows 1–4, columns 1–3 (0-based)", () => {
    expect(parseAddress("Kitas!B2:D5")).toEqual({ row: 1, column: 1, rows: 4, columns: 3 });
    expect(parseAddress("AA10")).toEqual({ row: 9, column: 26, rows: 1, columns: 1 });
  });
});

describe("pure helpers", () => {
  test("toCellValue: errors by valueTypes, blanks null, text never coerced", () => {
    expect(toCellValue("#N/A", "Error")).toEqual({ error: "#N/A" });
    expect(toCellValue("#N/A", "String")).toBe("#N/A"); // the text "#N/A" is text
    expect(toCellValue("", "Empty")).toBeNull();
    expect(toCellValue("12,5", "String")).toBe("12,5");
    expect(toCellValue(0.25, "Double")).toBe(0.25);
    expect(toCellValue(false, "Boolean")).toBe(false);
  });

  test("needsTextFormat: exactly the text Excel would reinterpret", () => {
    for (const t of [
      "=SUM(A1)",
      "+1",
      "-1-1",
      "@x",
      "#N/A",
      "0042",
      "12,5",
      "1.2.2024",
      " 5",
      "TRUE",
      "falsch",
      "(3)",
      "€ 5",
    ]) {
      expect([t, needsTextFormat(t)]).toEqual([t, true]);
    }
    for (const t of ["Kita Sonnenschein", "Nord", "k.A.", "ja", "Summe", ""]) {
      expect([t, needsTextFormat(t)]).toEqual([t, false]);
    }
  });

  test("columnWidthPoints: (7 px per character + 5 px) · 0.75 pt/px; 10 characters → 75 px → 56.25 pt", () => {
    expect(columnWidthPoints(10)).toBe(56.25);
    expect(columnWidthPoints(24)).toBe(129.75); // (168 + 5) · 0.75
  });

  test("property: any text written through the adapter reads back as exactly that text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        async (texts) => {
          const book = fakeWith({ Kitas: [["x"]] });
          const port = new OfficeWorkbook(book.run);
          await port.writeGeneratedSheets([
            { name: "Prüfbericht", rows: [[{ value: "Meldung" }], ...texts.map((t) => [{ value: t }])] },
          ]);
          const table = await port.readTable("Prüfbericht");
          expect(table.rows.map((r) => r[0])).toEqual(texts);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("OfficeWorkbook reading", () => {
  test("an Excel table wins over the used range; its position is reported", async () => {
    const book = fakeWith({ Kitas: [] });
    const sheet = book.sheet("Kitas");
    sheet.setRows([["Notiz oben"]]); // A1, outside the table
    sheet.setRows(
      [
        ["Einrichtung", "Kinder"],
        ["Kita A", { error: "#DIV/0!" }],
      ],
      2,
      1,
    ); // B3:C4
    sheet.tables.push({ name: "Kitas", area: parseAddress("B3:C4") });
    const table = await new OfficeWorkbook(book.run).readTable("Kitas");
    expect(table).toEqual({
      sheet: "Kitas",
      headers: ["Einrichtung", "Kinder"],
      rows: [["Kita A", { error: "#DIV/0!" }]],
      headerRow: 3,
      firstColumn: 2,
      formats: [["General", "General"]], // the number format of each data cell, for the check
    });
  });

  test("without a table the used range is read; an empty sheet gives an empty table", async () => {
    const book = fakeWith({ Kitas: [], Leer: [] });
    book.sheet("Kitas").setRows([["Einrichtung"], ["Kita A"]], 1, 2); // C2:C3
    const port = new OfficeWorkbook(book.run);
    expect(await port.readTable("kitas")).toMatchObject({
      sheet: "Kitas",
      headers: ["Einrichtung"],
      rows: [["Kita A"]],
      headerRow: 2,
      firstColumn: 3,
    });
    expect(await port.readTable("Leer")).toMatchObject({ headers: [], rows: [] });
  });

  test("reading costs a constant number of syncs, whatever the number of rows", async () => {
    for (const n of [3, 3000]) {
      const rows: CellValue[][] = [
        ["Einrichtung", "Kinder"],
        ...Array.from({ length: n }, (_, i) => [`Kita ${i}`, i]),
      ];
      const book = fakeWith({ Kitas: rows });
      const table = await new OfficeWorkbook(book.run).readTable("Kitas");
      expect(table.rows).toHaveLength(n);
      expect(book.syncs).toBe(3); // sheet names, then used range extent + tables, then the cells
    }
  });

  /** A sheet with a small "Jahre" table first and the Kita table (with a totals row) second. */
  function twoTables(): FakeWorkbook {
    const book = fakeWith({ Kitas: [] });
    const sheet = book.sheet("Kitas");
    sheet.setRows(
      [
        ["Jahr", "Budget"],
        [2024, 900000],
        [2025, 950000],
        [2026, 1000000],
      ],
      0,
      0,
    ); // A1:B4
    sheet.setRows(
      [
        ["Einrichtung", "Sozialraum", "SGB II"],
        ["Kita A", "Nord", 12],
        ["Kita B", "Süd", 30],
        ["Ergebnis", null, 42],
      ],
      0,
      4,
    ); // E1:G4, last row the totals row
    sheet.tables.push({ name: "Jahre", area: parseAddress("A1:B4") });
    sheet.tables.push({ name: "Kitas", area: parseAddress("E1:G4"), totals: true });
    return book;
  }

  test("several Excel tables: the one whose headers match the model, without its totals row (item 5)", async () => {
    const book = twoTables();
    const table = await new OfficeWorkbook(book.run).readTable("Kitas", [
      "Einrichtung",
      "sozialraum ",
      "SGB II",
    ]);
    expect(table).toMatchObject({
      sheet: "Kitas",
      headers: ["Einrichtung", "Sozialraum", "SGB II"],
      rows: [
        ["Kita A", "Nord", 12],
        ["Kita B", "Süd", 30],
      ],
      headerRow: 1,
      firstColumn: 5,
    });
  });

  test("several Excel tables, no column names given: the stored model's columns decide", async () => {
    const book = twoTables();
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({
      data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
      indicators: [{ column: "SGB II" }],
    });
    const table = await port.readTable("Kitas");
    expect(table.headers).toEqual(["Einrichtung", "Sozialraum", "SGB II"]);
    expect(table.rows.map((r) => r[0])).toEqual(["Kita A", "Kita B"]); // never "Ergebnis"
  });

  test("one Excel table with a totals row: the totals row is no Kita", async () => {
    const book = fakeWith({ Kitas: [] });
    book.sheet("Kitas").setRows(
      [
        ["Einrichtung", "Kinder"],
        ["Kita A", 10],
        ["Summe", 10],
      ],
      1,
      1,
    );
    book.sheet("Kitas").tables.push({ name: "T", area: parseAddress("B2:C4"), totals: true });
    const table = await new OfficeWorkbook(book.run).readTable("Kitas");
    expect(table.rows).toEqual([["Kita A", 10]]);
    expect([table.headerRow, table.firstColumn]).toEqual([2, 2]);
  });

  test("a table larger than Excel's response limit is read in row blocks (item 8)", async () => {
    // the fake refuses responses above 300 kB; 20,000 rows × 5 columns are about 2 MB of values + types
    const rows: CellValue[][] = [
      ["Einrichtung", "Sozialraum", "A", "B", "C"],
      ...Array.from({ length: 20_000 }, (_, i) => [`Kita ${i}`, `Raum ${i % 40}`, i, i / 7, i % 2 === 0]),
    ];
    const book = new FakeWorkbook(5_000_000, 300_000);
    book.addSheet("Kitas").setRows(rows as (FakeContent | null)[][]);
    const table = await new OfficeWorkbook(book.run, 250_000).readTable("Kitas");
    expect(table.rows).toHaveLength(20_000);
    expect(table.rows[19_999]).toEqual(["Kita 19999", "Raum 39", 19_999, 19_999 / 7, false]);
    expect(Math.max(...book.responseBytes)).toBeLessThanOrEqual(300_000);
    expect(book.syncs).toBeGreaterThan(3);
  });

  test("texts longer than the estimate: a refused block is read again in halves", async () => {
    const long = "x".repeat(2_000);
    const rows: CellValue[][] = [
      ["Einrichtung", "Notiz"],
      ...Array.from({ length: 400 }, (_, i) => [`Kita ${i}`, long]),
    ];
    const book = new FakeWorkbook(5_000_000, 100_000);
    book.addSheet("Kitas").setRows(rows as (FakeContent | null)[][]);
    const table = await new OfficeWorkbook(book.run, 90_000).readTable("Kitas");
    expect(table.rows).toHaveLength(400);
    expect(table.rows.every((r) => r[1] === long)).toBe(true);
  });

  test("the store sheet is not a readable user sheet", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ a: 1 });
    await expect(port.readTable(STORE_SHEET)).rejects.toMatchObject({ name: "SrbUsageError" });
  });
});

describe("OfficeWorkbook writing", () => {
  test("the store sheet is veryHidden, written as text, and keeps generated names and model", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ n: "1.5e3" });
    await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "x"));
    const store = book.sheet(STORE_SHEET);
    expect(store.visibility).toBe("VeryHidden");
    expect(store.peek(1, 0)).toMatchObject({ value: "generated", numberFormat: "@" });
    expect(store.peek(1, 1)).toMatchObject({ value: "Verteilung" });
    expect(await port.readStoredModel()).toEqual({ n: "1.5e3" });
  });

  test('text "=SUM(A1)" is written with format "@" before its value and stays text; formulas go through formulas', async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const spec: SheetSpec = {
      name: "Prüfbericht",
      rows: [
        [{ value: "=SUM(A1)" }, { value: 7, numFmt: "0.0" }],
        [
          { value: "Summe", bold: true },
          { value: 7, formula: "SUM(B1:B1)", numFmt: "0.0", bold: true },
        ],
      ],
    };
    await new OfficeWorkbook(book.run).writeGeneratedSheets([spec]);
    const sheet = book.sheet("Prüfbericht");
    expect(sheet.peek(0, 0)).toEqual({ value: "=SUM(A1)", numberFormat: "@" });
    expect(sheet.peek(0, 1)).toEqual({ value: 7, numberFormat: "0.0" });
    expect(sheet.peek(1, 1)).toEqual({ formula: "SUM(B1:B1)", numberFormat: "0.0", bold: true });
    expect(sheet.peek(1, 0)).toMatchObject({ value: "Summe", bold: true });
    expect(sheet.peek(1, 0)?.numberFormat).toBeUndefined(); // plain text needs no "@"
  });

  test("widths, frozen rows, tab colour; columns without a width get one from their content, never autofit (item 12)", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const long = "Kita Sonnenschein am Stadtpark";
    await new OfficeWorkbook(book.run).writeGeneratedSheets([
      {
        name: "Verteilung",
        rows: [
          [{ value: "a" }, { value: "b" }, { value: "c" }],
          [{ value: 1 }, { value: long }, { value: null }],
        ],
        columnWidths: [20],
        freezeRows: 1,
      },
    ]);
    const sheet = book.sheet("Verteilung");
    expect(sheet.columnWidths.get(0)).toBe(columnWidthPoints(20));
    // autofitColumns fits a column to all its data, whatever rows the range covers: not used
    expect([...sheet.autofitColumns]).toEqual([]);
    expect(sheet.columnWidths.get(1)).toBe(columnWidthPoints(long.length + 2));
    expect(sheet.columnWidths.get(2)).toBe(columnWidthPoints(ESTIMATED_WIDTH_MIN));
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.tabColor).toBe("#1F5C99");
  });

  test("charts: native chart per ChartSpec, header row names the series, columns need not be adjacent", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const rows = [
      ["Sozialraum", "Index", "Anteil", "Betrag"].map((value) => ({ value })),
      [{ value: "Nord" }, { value: 53 }, { value: 0.6 }, { value: 600 }],
      [{ value: "Süd" }, { value: 35.3 }, { value: 0.4 }, { value: 400 }],
    ];
    const report = await new OfficeWorkbook(book.run).writeGeneratedSheets([
      {
        name: "Verteilung",
        rows,
        charts: [
          {
            kind: "bar",
            title: "Anteil je Sozialraum",
            firstRow: 1,
            lastRow: 3,
            categoryColumn: 1,
            seriesColumns: [3, 2],
            anchor: "G2",
          },
          {
            kind: "line",
            title: "kaputt",
            firstRow: 1,
            lastRow: 9,
            categoryColumn: 1,
            seriesColumns: [2],
            anchor: "G20",
          },
        ],
      },
    ]);
    const charts = book.sheet("Verteilung").charts;
    expect(charts).toEqual([
      {
        name: "SRB-Diagramm 1",
        type: "ColumnClustered",
        source: "Verteilung!C2:C3",
        title: "Anteil je Sozialraum",
        position: "G2",
        series: [
          { name: "Anteil", values: "Verteilung!C2:C3", xValues: "Verteilung!A2:A3" },
          { name: "Index", values: "Verteilung!B2:B3", xValues: "Verteilung!A2:A3" },
        ],
      },
    ]);
    expect(report.notes).toEqual([expect.stringContaining("Diagramm „kaputt“ nicht erstellt")]);
  });

  /** The user inserts a line chart of B2:B3 on `sheet`, titled `title`: Excel gives it a name of its own. */
  const insertUserChart = (book: FakeWorkbook, sheet: string, title: string) =>
    book.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.charts.add("Line", ws.getRange("B2:B3"), "Columns").title.text = title;
      await context.sync();
    });

  /** A "Verteilung" of two Sozialräume with SRB's one chart of its second column, titled `title`. */
  const chartedVerteilung = (title: string): SheetSpec => ({
    name: "Verteilung",
    rows: [
      ["Sozialraum", "Index"].map((value) => ({ value })),
      [{ value: "Nord" }, { value: 53 }],
      [{ value: "Süd" }, { value: 35.3 }],
    ],
    charts: [
      { kind: "bar", title, firstRow: 1, lastRow: 3, categoryColumn: 1, seriesColumns: [2], anchor: "D2" },
    ],
  });

  test("a re-run draws SRB's charts anew and keeps a chart the user put on the SRB sheet", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    const spec = chartedVerteilung;
    await port.writeGeneratedSheets([spec("erster Lauf")]);
    // the user inserts a chart of the same cells: Excel names it "Diagramm 2"
    await insertUserChart(book, "Verteilung", "Meine Auswertung");
    const report = await port.writeGeneratedSheets([spec("zweiter Lauf")]);
    expect(report.replaced).toEqual(["Verteilung"]); // the cells are SRB's: rewritten in place
    expect(book.sheet("Verteilung").charts.map((c) => [c.name, c.title])).toEqual([
      ["Diagramm 2", "Meine Auswertung"],
      ["SRB-Diagramm 1", "zweiter Lauf"],
    ]);
  });

  test("a chart of SRB's renamed by another program (SRB's title, another name) is still drawn anew, not kept twice", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    const spec = chartedVerteilung(SHARES_CHART_TITLE);
    await port.writeGeneratedSheets([spec]);
    book.sheet("Verteilung").charts[0].name = "Chart 1"; // as openpyxl names every chart it saves
    const report = await port.writeGeneratedSheets([spec]);
    expect(report.replaced).toEqual(["Verteilung"]);
    expect(book.sheet("Verteilung").charts.map((c) => [c.name, c.title])).toEqual([
      ["SRB-Diagramm 1", SHARES_CHART_TITLE],
    ]);
  });

  test("a copy the user made of SRB's chart (SRB's title, Excel's name) beside SRB's named chart is kept", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    const spec = chartedVerteilung(SHARES_CHART_TITLE);
    await port.writeGeneratedSheets([spec]);
    // the user copies SRB's chart to change it: Excel gives the copy a name of its own
    await insertUserChart(book, "Verteilung", SHARES_CHART_TITLE);
    const report = await port.writeGeneratedSheets([spec]);
    expect(report.replaced).toEqual(["Verteilung"]);
    expect(book.sheet("Verteilung").charts.map((c) => [c.name, c.type])).toEqual([
      ["Diagramm 2", "Line"],
      ["SRB-Diagramm 1", "ColumnClustered"],
    ]);
  });

  test("an SRB sheet no longer generated that carries a chart of the user's is kept, not removed with it", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    const sheet = (name: string): SheetSpec => ({ name, rows: chartedVerteilung("").rows });
    await port.writeGeneratedSheets([sheet("Verteilung"), sheet("Robustheit")]);
    await insertUserChart(book, "Robustheit", "Meine Auswertung");
    // a re-run without the Robustheit sheet (the option switched off)
    const report = await port.writeGeneratedSheets([sheet("Verteilung")]);
    expect(book.find("Robustheit")?.charts.map((c) => c.title)).toEqual(["Meine Auswertung"]);
    expect(report.notes).toEqual([expect.stringContaining("„Robustheit“")]);
    // SRB no longer counts it as its own: a later run leaves it alone too
    await port.writeGeneratedSheets([sheet("Verteilung")]);
    expect(book.find("Robustheit")?.charts.map((c) => c.title)).toEqual(["Meine Auswertung"]);
  });

  test.each([
    [9, "kept with a note"],
    [8, "kept with a note too (below ExcelApi 1.9 Excel cannot list the sheet's pictures and shapes)"],
  ])(
    "an SRB sheet no longer generated that carries the user's picture, ExcelApi 1.%p: %s",
    async (excelApi) => {
      const book = fakeWith({ Kitas: KITAS_ROWS });
      book.excelApi = excelApi;
      const port = new OfficeWorkbook(book.run, undefined, book.supports);
      const sheet = (name: string): SheetSpec => ({
        name,
        rows: [[{ value: "Sozialraum" }], [{ value: "Nord" }]],
      });
      await port.writeGeneratedSheets([sheet("Verteilung"), sheet("Robustheit")]);
      book.sheet("Robustheit").shapes.push({ type: "Image" }); // the Jugendamt's logo
      const report = await port.writeGeneratedSheets([sheet("Verteilung")]);
      expect(book.find("Robustheit")?.shapes).toEqual([{ type: "Image" }]);
      expect(report.notes).toEqual([
        excelApi === 9 ? keptSheetNote("Robustheit") : uncheckedSheetNote("Robustheit"),
      ]);
    },
  );

  test("below ExcelApi 1.9 an SRB sheet no longer generated stays SRB's: deleted by no run, rewritten in place when generated again", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    book.excelApi = 8;
    const port = new OfficeWorkbook(book.run, undefined, book.supports);
    const sheet = (name: string, value: string): SheetSpec => ({
      name,
      rows: [[{ value: "Sozialraum" }], [{ value }]],
    });
    await port.writeGeneratedSheets([sheet("Verteilung", "Nord"), sheet("Robustheit", "Nord")]);
    // Robustheit switched off: Excel 2019 cannot say whether a picture lies on it, so it stays
    const off = await port.writeGeneratedSheets([sheet("Verteilung", "Nord")]);
    expect(off.notes).toEqual([uncheckedSheetNote("Robustheit")]);
    expect(off.replaced).toEqual(["Verteilung"]);
    const again = await port.writeGeneratedSheets([sheet("Verteilung", "Nord")]);
    expect(again.notes).toEqual([uncheckedSheetNote("Robustheit")]);
    // switched on again: the same sheet is rewritten, no "Robustheit (2)"
    const on = await port.writeGeneratedSheets([sheet("Verteilung", "Nord"), sheet("Robustheit", "Süd")]);
    expect(on.notes).toEqual([]);
    expect(on.replaced).toEqual(["Verteilung", "Robustheit"]);
    expect(book.sheets.map((ws) => ws.name).filter((n) => n.startsWith("Robustheit"))).toEqual([
      "Robustheit",
    ]);
    expect(book.sheet("Robustheit").peek(1, 0)?.value).toBe("Süd");
  });

  test("below ExcelApi 1.9 a sheet no longer generated that the user edited is the user's as before: no note, never listed again", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    book.excelApi = 8;
    const port = new OfficeWorkbook(book.run, undefined, book.supports);
    const sheet = (name: string): SheetSpec => ({
      name,
      rows: [[{ value: "Sozialraum" }], [{ value: "Nord" }]],
    });
    await port.writeGeneratedSheets([sheet("Verteilung"), sheet("Robustheit")]);
    book.sheet("Robustheit").cell(4, 0).value = "meine Notiz";
    const off = await port.writeGeneratedSheets([sheet("Verteilung")]);
    expect(off.notes).not.toContain(uncheckedSheetNote("Robustheit"));
    const on = await port.writeGeneratedSheets([sheet("Verteilung"), sheet("Robustheit")]);
    expect(on.sheets.map((s) => s.written)).toEqual(["Verteilung", "Robustheit (2)"]);
    expect(book.find("Robustheit")?.peek(4, 0)?.value).toBe("meine Notiz");
  });
  test("SRB's own chart on a sheet no longer generated does not keep it (a chart is a shape, but none of the user's kinds)", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run, undefined, book.supports);
    await port.writeGeneratedSheets([
      chartedVerteilung("Index"),
      { ...chartedVerteilung("Spannen"), name: "Robustheit" },
    ]);
    const report = await port.writeGeneratedSheets([chartedVerteilung("Index")]);
    expect(book.find("Robustheit")).toBeUndefined();
    expect(report.notes).toEqual([]);
  });

  test("a sheet of a file an earlier SRB build wrote (fingerprint of numbers rounded from their binary value) is rewritten in place", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    const cells = [
      ["Sozialraum", "Index"],
      ["Nord", 43.97639128102705],
      ["Süd", 73.12468160978095],
    ];
    const spec: SheetSpec = { name: "Verteilung", rows: cells.map((row) => row.map((value) => ({ value }))) };
    await port.writeGeneratedSheets([spec]);
    // the store as an earlier build recorded it: the fingerprint taken with the earlier number rule
    const now = sheetFingerprint(cells);
    const earlier = sheetFingerprint(cells, undefined, earlierNumberText);
    expect(earlier).not.toBe(now);
    const recorded = [...book.sheet("_SRB").cells.values()]
      .flat()
      .find((cell) => cell?.value === `${now} Verteilung`);
    expect(recorded).toBeDefined();
    recorded!.value = `${earlier} Verteilung`;
    const report = await port.writeGeneratedSheets([spec]);
    expect(report.notes).toEqual([]);
    expect(report.replaced).toEqual(["Verteilung"]);
  });

  test("a failed generation removes the sheets it added (no orphan 'SRB neu' sheets)", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const spec: SheetSpec = { name: "Verteilung", rows: [[{ value: "x", formula: "SUM(" }]] };
    // a fake that refuses the second request
    let calls = 0;
    const failing = new OfficeWorkbook(async (batch) =>
      book.run(async (context) =>
        batch({
          workbook: context.workbook,
          sync: async () => {
            calls += 1;
            if (calls === 2) throw new Error("Netzwerkfehler");
            return context.sync();
          },
        }),
      ),
    );
    await expect(failing.writeGeneratedSheets([spec])).rejects.toThrow("Netzwerkfehler");
    expect(book.sheets.map((s) => s.name)).toEqual(["Kitas"]);
  });

  test("selectCell activates the sheet and selects the cell", async () => {
    const book = fakeWith({ Verteilung: [["x"]], Kitas: KITAS_ROWS });
    expect(book.activeSheet).toBe("Verteilung");
    await new OfficeWorkbook(book.run).selectCell("Kitas", "L11");
    expect(book.activeSheet).toBe("Kitas");
    expect(book.selection).toEqual({ sheet: "Kitas", address: "Kitas!L11" });
  });

  test("selectedRange: the user's selection as sheet and model range (Markierten Bereich verwenden)", async () => {
    const book = fakeWith({ Verteilung: [["x"]], "Kita Daten": KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    // nothing selected yet: Excel's selection is the active cell, A1 of the active sheet
    expect(await port.selectedRange()).toEqual({ sheet: "Verteilung", range: "A1" });
    book.activeSheet = "Kita Daten";
    book.selection = { sheet: "Kita Daten", address: "'Kita Daten'!$A$3:$F$15" };
    expect(await port.selectedRange()).toEqual({ sheet: "Kita Daten", range: "A3:F15" });
    // several areas: Excel refuses getSelectedRange; the pane is told there is no single range
    book.selection = { sheet: "Kita Daten", address: "A1:B2,D4" };
    expect(await port.selectedRange()).toBeNull();
  });

  test("non-finite numbers and over-long text are reported, not sent as null or refused", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const report = await new OfficeWorkbook(book.run).writeGeneratedSheets([
      { name: "Methode", rows: [[{ value: Number.NaN }, { value: "a".repeat(40_000) }]] },
    ]);
    const sheet = book.sheet("Methode");
    expect(sheet.peek(0, 0)?.value).toEqual({ error: "#NUM!" });
    expect(String(sheet.peek(0, 1)?.value)).toHaveLength(32_767);
    expect(report.notes).toEqual([
      expect.stringContaining("A1: keine endliche Zahl"),
      expect.stringContaining("B1: Text auf 32767 Zeichen gekürzt"),
    ]);
  });
});

describe("round trips: a constant number of syncs, every request below 5 MB", () => {
  // Requests: 1 sheet names and table names; 2 (only when there are any) the store, and the fingerprints,
  // charts and tables of SRB's earlier sheets (the write plan needs them before anything is written: sheets
  // are rewritten in place); then the content, whose last request also deletes, updates the store, draws
  // charts and recalculates (it alone does not suspend calculation). Each 4 MB adds one.
  // 10,000 and 100,000 units: test/workbook/officeWorkbookLarge.test.ts (full suite only)
  test.each([[30, 2]])("%i units: %i syncs", async (units, expected) => {
    const { syncs, largestPayloadBytes, totalPayloadBytes } = await measureGeneration(units);
    expect(syncs).toBe(expected);
    expect(syncs).toBeLessThanOrEqual(6);
    expect(largestPayloadBytes).toBeLessThan(5_000_000);
    expect(largestPayloadBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(syncs).toBeLessThanOrEqual(3 + Math.ceil(totalPayloadBytes / (PAYLOAD_LIMIT_BYTES * 0.75)));
  });

  test("a re-generation (store present, old sheets replaced) costs no extra sync", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ a: 1 });
    await port.writeGeneratedSheets(generationSheets(500));
    book.resetCounters();
    const report = await port.writeGeneratedSheets(generationSheets(500));
    expect(report.replaced).toEqual(["Einrichtungen", "Verteilung", "Normbereiche"]);
    expect(book.syncs).toBe(3); // sheet names; the store and the earlier sheets; the content
    expect(book.suspendedRequests).toBe(1); // the read request; the one writing request recalculates
    expect(book.calculations).toBe(1); // once, at the end
  });
});

describe("nothing lost inside Excel: what the Office.js adapter adds to the contract", () => {
  /** The fingerprints the adapter recorded in the fake's store sheet. */
  function storedFingerprints(book: FakeWorkbook): Record<string, string> | undefined {
    const store = book.sheet(STORE_SHEET);
    const rows = [...store.cells.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, line]) => [line[0]?.value ?? null, line[1]?.value ?? null] as CellValue[]);
    return decodeStore(rows).fingerprints;
  }

  test("only sheets in SRB's tab colour are read back; a changed tab colour counts as the user's sheet", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "erster"));
    book.sheet("Methode").tabColor = "#FF0000";
    book.resetCounters();
    const report = await port.writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "zweiter"));
    expect(book.formulaReads).toEqual(["Verteilung"]); // never the user's data sheet "Kitas"
    expect(report.replaced).toEqual(["Verteilung"]);
    expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung", "Methode (2)"]);
    expect(report.notes?.[0]).toBe(editedNote("Methode"));
  });

  test("an earlier sheet longer than the read window is kept with a note, a shorter one is replaced", async () => {
    // payload limit 20 · 400 B → the first 20 rows are read back; "Einrichtungen" has 31 rows
    const limit = 20 * FINGERPRINT_BYTES_PER_ROW;
    const long: SheetSpec = {
      name: "Einrichtungen",
      rows: [
        [{ value: "Einrichtung" }],
        ...Array.from({ length: 30 }, (_, i) => [{ value: `Kita ${i + 1}` }]),
      ],
    };
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run, limit);
    await port.writeGeneratedSheets([long, ...sampleSpecs(["Verteilung"], "erster")]);
    const report = await port.writeGeneratedSheets([long, ...sampleSpecs(["Verteilung"], "zweiter")]);
    expect(report.replaced).toEqual(["Verteilung"]);
    expect(report.sheets.map((s) => s.written)).toEqual(["Einrichtungen (2)", "Verteilung"]);
    expect(report.notes?.[0]).toBe(
      "Blatt „Einrichtungen“ aus dem letzten Lauf von SRB hat mehr als 20 Zeilen und lässt sich in Excel nicht in " +
        "einem Schritt auf Änderungen prüfen – es bleibt unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt " +
        "(löschen Sie es, wenn Sie es nicht mehr brauchen); die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.",
    );
    expect(book.sheet("Einrichtungen").peek(30, 0)?.value).toBe("Kita 30");
  });

  test("a re-generation with an edited, a re-created and an unchanged sheet still costs 3 syncs", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ a: 1 });
    await port.writeGeneratedSheets(generationSheets(500));
    const edit = editableFake(book, port);
    await edit.typeCell("Einrichtungen", 2, 11, 25000); // K2: the Vorschlag overridden
    await edit.recreate("Normbereiche", [["Meine Normbereiche"]]);
    book.resetCounters();
    const report = await port.writeGeneratedSheets(generationSheets(500));
    expect(book.syncs).toBe(3);
    expect(book.suspendedRequests).toBe(1);
    expect(report.replaced).toEqual(["Verteilung"]);
    expect(report.sheets.map((s) => s.written)).toEqual([
      "Einrichtungen (2)",
      "Verteilung",
      "Normbereiche (2)",
    ]);
    expect(report.notes?.slice(0, 2)).toEqual([editedNote("Einrichtungen"), editedNote("Normbereiche")]);
    expect(book.sheet("Einrichtungen").peek(1, 10)?.value).toBe(25000);
    expect(Object.keys(storedFingerprints(book) ?? {})).toEqual([
      "Einrichtungen (2)",
      "Verteilung",
      "Normbereiche (2)",
    ]);
  });
});

describe("both adapters record the same fingerprint for the same SheetSpec", () => {
  /** Fingerprints as recorded in the store by the .xlsx adapter and by the Office.js adapter. */
  async function recorded(specs: SheetSpec[]): Promise<[Record<string, string>, Record<string, string>]> {
    const xlsx = XlsxWorkbook.empty();
    await xlsx.writeGeneratedSheets(specs);
    const file = new ExcelJS.Workbook();
    await file.xlsx.load((await xlsx.toBuffer()) as unknown as ExcelJS.Buffer);
    const storeRows: CellValue[][] = [];
    file.getWorksheet(STORE_SHEET)!.eachRow((row) => {
      const v = row.values as CellValue[];
      storeRows.push([v[1] ?? null, v[2] ?? null]);
    });
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await new OfficeWorkbook(book.run).writeGeneratedSheets(specs);
    const store = book.sheet(STORE_SHEET);
    const officeRows = [...store.cells.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, line]) => [line[0]?.value ?? null, line[1]?.value ?? null] as CellValue[]);
    return [decodeStore(storeRows).fingerprints ?? {}, decodeStore(officeRows).fingerprints ?? {}];
  }

  test("worked example: text, number, formula, formula-like text, non-finite, blank, bold-only, ragged rows", async () => {
    const spec: SheetSpec = {
      name: "Verteilung",
      rows: [
        [
          { value: "Sozialraum", bold: true },
          { value: "Betrag", bold: true },
        ],
        [{ value: "Nord" }, { value: 600.5, numFmt: '#,##0.00 "€"' }, { value: "=1+1" }],
        [{ value: "0042" }, { value: Number.NaN }, { value: null, numFmt: "0.0" }, { value: true }],
        [
          { value: "Summe", bold: true },
          { value: 600.5, formula: "=SUM(B2:B2)" },
        ],
        [],
        [{ value: "" }, { value: "Kita\u0001 Süd" }],
      ],
    };
    const [xlsx, office] = await recorded([spec]);
    // What both adapters wrote, read as Office.js `formulas` gives it: the formula as "=…", NaN as #NUM!,
    // the control character as "\uFFFD"; blanks, formats and bold are no content.
    const expected = sheetFingerprint([
      ["Sozialraum", "Betrag"],
      ["Nord", 600.5, "=1+1"],
      ["0042", "#NUM!", null, true],
      ["Summe", "=SUM(B2:B2)"],
      [],
      [null, "Kita\uFFFD Süd"],
    ]);
    expect(xlsx).toEqual({ Verteilung: expected });
    expect(office).toEqual({ Verteilung: expected });
  });

  test("property: for any SheetSpecs both adapters record equal fingerprints", async () => {
    const cell: fc.Arbitrary<SheetCell> = fc.oneof(
      fc.record({ value: fc.string({ maxLength: 8, unit: "binary" }) }),
      fc.record({ value: fc.constantFrom("=A1", "+1", "0042", "TRUE", "#N/A", " x", "") }),
      fc.record({ value: fc.double({ noNaN: false }) }),
      fc.record({ value: fc.integer({ min: -1e6, max: 1e6 }) }),
      fc.record({ value: fc.boolean() }),
      fc.record({ value: fc.constant(null), numFmt: fc.constant("0.0"), bold: fc.boolean() }),
      fc.record({ value: fc.integer(), formula: fc.constantFrom("SUM(A1:A2)", "=1+2", "A1*2") }),
    );
    const spec = fc.record({
      name: fc.constantFrom("Verteilung", "Einrichtungen", "Methode"),
      rows: fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(spec, { selector: (s) => s.name, minLength: 1, maxLength: 3 }),
        async (specs) => {
          const [xlsx, office] = await recorded(specs);
          expect(Object.keys(office)).toEqual(specs.map((s) => s.name));
          expect(office).toEqual(xlsx);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("recalculation after suspended requests (issue 10, item 9)", () => {
  test("the written totals show values: SRB recalculates after the suspended requests", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeGeneratedSheets([
      {
        name: "Verteilung",
        rows: [
          [{ value: "Betrag" }],
          [{ value: 10 }],
          [{ value: 32 }],
          [{ value: null, formula: "SUM(A2:A3)" }],
        ],
      },
    ]);
    // one request: it writes without suspending calculation and recalculates at its end
    expect(book.syncs).toBe(2);
    expect(book.suspendedRequests).toBe(0);
    expect(book.calculations).toBe(1);
    expect((await port.readTable("Verteilung")).rows[2]).toEqual([42]);
  });

  test("over several requests, all but the last suspend; the last recalculates, and no request is added for it", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run, 60_000);
    const sheets = generationSheets(2_000);
    await port.writeGeneratedSheets(sheets);
    const writing = book.syncs - 1; // the first request only reads the sheet and table names
    expect(writing).toBeGreaterThan(3);
    expect(book.suspendedRequests).toBe(writing - 1);
    expect(book.calculations).toBe(1);
    expect(book.requestBytes.every((b) => b <= 60_000)).toBe(true);
    // the SUM row of the Verteilung sheet (written in an early, suspended request) shows its value
    const verteilung = await port.readTable("Verteilung");
    const sum = verteilung.rows[verteilung.rows.length - 1];
    expect(sum[2]).toBeCloseTo(1, 9);
  });

  test("the fake models the documented behaviour: after a suspended request formulas have no value until calculate", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await book.run(async (context) => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      context.workbook.worksheets.getItem("Kitas").getRange("H1").formulas = [["=1+1"]];
      await context.sync();
    });
    expect(book.sheet("Kitas").uncalculated).toBe(true);
    const h1 = () =>
      book.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Kitas").getRange("H1").load("values,valueTypes");
        await context.sync();
        return [range.values[0][0], range.valueTypes[0][0]];
      });
    expect(await h1()).toEqual(["", "Empty"]);
    await book.run(async (context) => {
      context.workbook.application.calculate("Recalculate");
      await context.sync();
    });
    expect(await h1()).toEqual([2, "Double"]);
  });
});

describe("page set-up through the Excel API (worksheet.pageLayout, ExcelApi 1.9)", () => {
  const spec: SheetSpec = {
    name: "Verteilung",
    rows: [
      [
        { value: "Sozialraum", bold: true },
        { value: "Kommunaler Anteil am Personalvolumen", bold: true },
      ],
      [{ value: "Nord" }, { value: 1 }],
    ],
    columnWidths: [20, 10],
    freezeRows: 1,
    tables: [{ name: "SRB_Verteilung", headerRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 2 }],
    print: { municipality: "Musterstadt", subtitle: "Budget 1.000,00 €" },
  };

  test("a host with ExcelApi 1.9 gets A4 landscape, one page wide, margins, page header and print titles", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Kitas");
    await new OfficeWorkbook(book.run, undefined, book.supports).writeGeneratedSheets([spec]);
    const sheet = book.sheet("Verteilung");
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftMargin: 28.8,
      leftHeader: "Musterstadt",
      centerHeader: "&BVerteilung",
      rightHeader: "Budget 1.000,00 €",
      rightFooter: "Seite &P von &N",
      printTitleRows: "$1:$1",
    });
    // the header cells are wrapped, top-aligned, and their row is as tall as the wrapped text
    expect(sheet.peek(0, 1)).toMatchObject({ wrap: true, verticalAlignment: "Top" });
    expect(sheet.rowHeights.get(0)).toBeGreaterThanOrEqual(30);
  });

  test("a wide sheet with a title column: two pages across, the column repeated, pages across first (ExcelApi 1.9)", async () => {
    const wide: SheetSpec = {
      name: "Einrichtungen",
      rows: [
        Array.from({ length: 30 }, (_, c) => ({ value: `Spalte ${c + 1}`, bold: true })),
        Array.from({ length: 30 }, (_, c) => ({ value: c })),
      ],
      columnWidths: Array(30).fill(14),
      freezeRows: 1,
      print: { titleColumns: { first: 1, last: 1 } },
    };
    const book = new FakeWorkbook();
    book.addSheet("Kitas");
    await new OfficeWorkbook(book.run, undefined, book.supports).writeGeneratedSheets([wide]);
    expect(book.sheet("Einrichtungen").pageLayout).toMatchObject({
      zoom: { horizontalFitToPages: 2, verticalFitToPages: 0 },
      printTitleRows: "$1:$1",
      printTitleColumns: "$A:$A",
      printOrder: "OverThenDown",
    });
  });

  test("manual page breaks between sections; a rewrite in place drops the old ones (Excel keeps them otherwise)", async () => {
    const sheet = (sections: number[]): SheetSpec => ({
      name: "Methode",
      rows: Array.from({ length: 55 }, (_, i) => [{ value: `Zeile ${i + 1}` }]),
      columnWidths: [40],
      print: { sections },
    });
    const book = new FakeWorkbook();
    book.addSheet("Kitas");
    await new OfficeWorkbook(book.run, undefined, book.supports).writeGeneratedSheets([sheet([1, 30, 50])]);
    expect(book.sheet("Methode").pageBreaks).toEqual([30]);
    await new OfficeWorkbook(book.run, undefined, book.supports).writeGeneratedSheets([sheet([1, 20, 45])]);
    expect(book.sheet("Methode").pageBreaks).toEqual([20, 45]);
    expect(book.sheet("Methode").pageLayout.printOrder).toBe("DownThenOver");
  });

  test("a host below ExcelApi 1.9 gets the sheet without page set-up, and no error", async () => {
    const book = new FakeWorkbook();
    book.excelApi = 7;
    book.addSheet("Kitas");
    const report = await new OfficeWorkbook(book.run, undefined, book.supports).writeGeneratedSheets([spec]);
    expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung"]);
    expect(book.sheet("Verteilung").pageLayout).toEqual({});
    expect(book.sheet("Verteilung").peek(0, 1)?.wrap).toBe(true);
  });

  test("the fake refuses pageLayout below ExcelApi 1.9 (so the guard is what keeps the write working)", async () => {
    const book = new FakeWorkbook();
    book.excelApi = 7;
    book.addSheet("Kitas");
    await expect(
      new OfficeWorkbook(book.run, undefined, () => true).writeGeneratedSheets([spec]),
    ).rejects.toThrow(/ApiNotFound/);
  });
});

describe("merged cells in the Kita table (Range.getMergedAreasOrNullObject, ExcelApi 1.13)", () => {
  /** Title merged A1:D1, header in row 3, the Sozialraum merged B4:B5 and B6:B7, covered cells blank. */
  function mergedBook(name = "Kitas"): FakeWorkbook {
    const book = fakeWith({
      [name]: [
        ["Kita-Daten 2025"],
        [],
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
        ["Kita A", "Am Hang", 40, 0.2],
        ["Kita B", null, 60, 0.1],
        ["Kita C", "Nord", 80, 0.3],
        ["Kita D", null, 50, 0.4],
      ] as (FakeContent | null)[][],
    });
    const area = (ref: string) => parseAddress(ref);
    book.sheet(name).merged.push(area("A1:D1"), area("B4:B5"), area("B6:B7"));
    return book;
  }
  const hints = { columns: ["Einrichtung", "Sozialraum", "Kinder", "SGB II"], textColumns: ["Sozialraum"] };

  test("from ExcelApi 1.13 the merged areas are read and the Sozialraum fills every row", async () => {
    const book = mergedBook("Kita, Daten");
    book.excelApi = 13;
    const port = new OfficeWorkbook(book.run, undefined, book.supports);
    const grid = await port.readGrid("Kita, Daten");
    expect(grid.mergedRanges).toEqual([
      { firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 4 },
      { firstRow: 4, lastRow: 5, firstColumn: 2, lastColumn: 2 },
      { firstRow: 6, lastRow: 7, firstColumn: 2, lastColumn: 2 },
    ]);
    const table = await readDataTable(port, "Kita, Daten", hints);
    expect(table.headerRow).toBe(3);
    expect(table.rows.map((r) => r[1])).toEqual(["Am Hang", "Am Hang", "Nord", "Nord"]);
  });

  test("the merged areas cost one sync from ExcelApi 1.13, none below", async () => {
    const counted = async (excelApi: number) => {
      const book = mergedBook();
      book.excelApi = excelApi;
      const port = new OfficeWorkbook(book.run, undefined, book.supports);
      const before = book.syncs;
      await port.readGrid("Kitas");
      return book.syncs - before;
    };
    expect((await counted(13)) - (await counted(12))).toBe(1);
  });

  test("below ExcelApi 1.13 SRB never asks (the fake refuses it) and reads the cells as before", async () => {
    const book = mergedBook();
    book.excelApi = 12;
    const port = new OfficeWorkbook(book.run, undefined, book.supports);
    const grid = await port.readGrid("Kitas");
    expect(grid.mergedRanges).toBeUndefined();
    const table = await readDataTable(port, "Kitas", hints);
    expect(table.rows.map((r) => r[1])).toEqual(["Am Hang", null, "Nord", null]);
    // the fake refuses the call below 1.13, as an older Excel does
    await expect(
      book.run(async (context) => {
        const merged = context.workbook.worksheets
          .getItem("Kitas")
          .getRange("A1:D7")
          .getMergedAreasOrNullObject()
          .load("address");
        await context.sync();
        return merged.address;
      }),
    ).rejects.toThrow("ApiNotFound");
  });

  test("more than 512 merged areas, which Excel refuses to list: the cells are read as before, and said so", async () => {
    const book = mergedBook();
    book.excelApi = 13;
    const sheet = book.sheet("Kitas");
    for (let r = 0; r < 600; r++) sheet.merged.push({ row: 10 + r, column: 5, rows: 1, columns: 2 });
    sheet.cell(610, 5).value = "Notiz";
    const port = new OfficeWorkbook(book.run, undefined, book.supports);
    const grid = await port.readGrid("Kitas");
    expect(grid.mergedRanges).toBeUndefined();
    expect(grid.mergedUnknown).toBe(true);
    expect(grid.rows[3][1]).toBe("Am Hang");
    const location = locateTable(grid, hints);
    expect(locationIssues(location)).toContainEqual({
      level: "warning",
      code: "merged-cells",
      sheet: "Kitas",
      cell: "A4",
      message: messages.mergedCellsUnknown("Kitas"),
    });
    // with the areas known (ExcelApi 1.13, fewer than 513) there is no such warning
    const fine = mergedBook();
    fine.excelApi = 13;
    const known = await new OfficeWorkbook(fine.run, undefined, fine.supports).readGrid("Kitas");
    expect(known.mergedUnknown).toBeUndefined();
    expect(locationIssues(locateTable(known, hints)).map((i) => i.message)).not.toContain(
      messages.mergedCellsUnknown("Kitas"),
    );
  });

  test("rangesOfAddress: the areas of a RangeAreas address, quoted sheet names with commas kept together", () => {
    expect(rangesOfAddress("'Kita, Daten'!C4:C6,'Kita, Daten'!$C$7:$C$9,Kitas!A1")).toEqual([
      { firstRow: 4, lastRow: 6, firstColumn: 3, lastColumn: 3 },
      { firstRow: 7, lastRow: 9, firstColumn: 3, lastColumn: 3 },
    ]);
    expect(rangesOfAddress("")).toEqual([]);
  });
});

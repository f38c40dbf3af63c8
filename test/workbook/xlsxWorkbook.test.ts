import ExcelJS from "exceljs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CellValue } from "../../src/engine/table";
import { STORE_SHEET } from "../../src/workbook/port";
import { EXCEL_MAX_CELL_TEXT, XlsxWorkbook } from "../../src/workbook/xlsxWorkbook";
import { runPortContract, type PortFixture } from "./portContract";

/** Builds the fixture with exceljs directly (not through the adapter under test), as bytes. */
async function fixtureBytes(fixture: PortFixture): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(fixture.sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== null) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

runPortContract("XlsxWorkbook", async (fixture) => {
  let current = await XlsxWorkbook.fromBuffer(await fixtureBytes(fixture));
  return {
    port: current,
    async reopen() {
      current = await XlsxWorkbook.fromBuffer(await current.toBuffer());
      return current;
    },
  };
});

describe("XlsxWorkbook specifics", () => {
  test("dates read as Excel serial numbers, formulas as cached results, rich text as plain text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kitas");
    ws.getCell("A1").value = "Stichtag";
    ws.getCell("B1").value = "Summe";
    ws.getCell("C1").value = { richText: [{ text: "Kin" }, { text: "der", font: { bold: true } }] };
    // 2021-07-01 is Excel serial 44378 (1900 date system): 44378 − 25569 = 18809 days after 1970-01-01
    ws.getCell("A2").value = new Date(Date.UTC(2021, 6, 1));
    ws.getCell("A2").numFmt = "dd.mm.yyyy";
    ws.getCell("B2").value = { formula: "1+2", result: 3 };
    ws.getCell("C2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("D2").value = { text: "Link", hyperlink: "https://example.invalid" };
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const table = await book.readTable("kitas"); // sheet names are case-insensitive
    expect(table.sheet).toBe("Kitas");
    expect(table.headers).toEqual(["Stichtag", "Summe", "Kinder", null]);
    expect(table.rows).toEqual([[44378, 3, { error: "#DIV/0!" }, "Link"]]);
  });

  test("an empty sheet gives an empty table; blank rows inside the used range stay as null rows", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Leer");
    const ws = wb.addWorksheet("Lücke");
    ws.getCell("A1").value = "Einrichtung";
    ws.getCell("B4").value = 7;
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await book.readTable("Leer")).toMatchObject({ headers: [], rows: [] });
    expect((await book.readTable("Lücke")).rows).toEqual([
      [null, null],
      [null, null],
      [null, 7],
    ]);
  });

  test("the store sheet is veryHidden, holds the generated list, and a visible tab stays active", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeStoredModel({ a: 1 });
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "x" }]] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
    const store = wb.getWorksheet(STORE_SHEET)!;
    expect(store.state).toBe("veryHidden");
    expect(store.getRow(1).values).toEqual([undefined, "SRB", 1]);
    expect(store.getRow(2).values).toEqual([undefined, "generated", "Verteilung"]);
    expect(store.getRow(3).values).toEqual([undefined, "model", '{"a":1}']);
    const active = wb.views[0]?.activeTab ?? 0;
    expect(wb.worksheets[active].name).toBe("Verteilung");
  });

  test("a workbook whose only sheet is the store gets a visible empty sheet on save", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeStoredModel({ a: 1 });
    const again = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    expect(await again.sheetNames()).toEqual(["Tabelle1"]);
    expect(await again.readStoredModel()).toEqual({ a: 1 });
  });

  test("formats, bold, widths and frozen header rows are written", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeGeneratedSheets([
      {
        name: "Verteilung",
        rows: [
          [{ value: "Betrag", bold: true }],
          [{ value: 1234.5, numFmt: '#,##0.00 "€"' }],
          [{ value: 1234.5, formula: "=SUM(A2:A2)", numFmt: '#,##0.00 "€"' }],
        ],
        columnWidths: [18],
        freezeRows: 1,
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Verteilung")!;
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").numFmt).toBe('#,##0.00 "€"');
    expect(ws.getCell("A3").value).toEqual({ formula: "SUM(A2:A2)", result: 1234.5 }); // leading "=" dropped
    expect(ws.getColumn(1).width).toBe(18);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  test("text longer than Excel's cell limit is cut with … and a note; charts are reported as not drawn", async () => {
    const book = XlsxWorkbook.empty();
    const long = "ä".repeat(EXCEL_MAX_CELL_TEXT + 10);
    const report = await book.writeGeneratedSheets([
      {
        name: "Prüfbericht",
        rows: [[{ value: long }], [{ value: "Nord" }, { value: 0.5 }]],
        charts: [
          {
            kind: "bar",
            title: "Anteile",
            firstRow: 2,
            lastRow: 2,
            categoryColumn: 1,
            seriesColumns: [2],
            anchor: "D2",
          },
        ],
      },
    ]);
    const cell = (await (await XlsxWorkbook.fromBuffer(await book.toBuffer())).readTable("Prüfbericht"))
      .headers[0] as string;
    expect(cell.length).toBe(EXCEL_MAX_CELL_TEXT);
    expect(cell.endsWith("ä…")).toBe(true);
    expect(report.notes?.join("\n")).toMatch(/A1: Text auf 32767 Zeichen gekürzt/);
    expect(report.notes?.join("\n")).toMatch(/Diagramm „Anteile“ nicht erstellt/);
  });

  test("fromFile / saveAs round-trip through the file system (Node)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "srb-xlsx-"));
    try {
      const book = XlsxWorkbook.empty();
      const rows: CellValue[][] = [["Einrichtung"], ["Kita Nord"]];
      await book.writeGeneratedSheets([
        { name: "Kitas", rows: rows.map((r) => r.map((v) => ({ value: v as string }))) },
      ]);
      await book.saveAs(join(dir, "book.xlsx"));
      const again = await XlsxWorkbook.fromFile(join(dir, "book.xlsx"));
      expect((await again.readTable("Kitas")).rows).toEqual([["Kita Nord"]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the browser path never imports fs: the module source has no static fs import", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(join(__dirname, "../../src/workbook/xlsxWorkbook.ts"), "utf8");
    expect(source).not.toMatch(/from\s+["'](node:)?fs/);
    expect(source).not.toMatch(/require\(\s*["'](node:)?fs/);
  });
});

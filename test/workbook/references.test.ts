/**
 * Re-running keeps the user's references valid (issue 10.2, SPEC §7): a user sheet that refers to a cell of
 * SRB's "Verteilung" sheet and to the result table `SRB_Verteilung[Betrag]` still computes after re-runs
 * with more and with fewer Sozialräume — because SRB rewrites its unchanged sheets in place (same sheet
 * object in Excel, same sheet part in the .xlsx file) and keeps its tables' names.
 *
 * The Office.js fake turns references to a deleted sheet or table into #REF!, as Excel does
 * (docs/excel-compatibility.md); the first test shows that, so the others could fail.
 */
import ExcelJS from "exceljs";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { SheetSpec } from "../../src/workbook/port";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { FakeWorkbook } from "./fakeExcel";

/** A Verteilung sheet with `amounts.length` Sozialräume, a total row and the table SRB_Verteilung. */
function verteilung(amounts: number[]): SheetSpec {
  const last = amounts.length + 1;
  return {
    name: "Verteilung",
    rows: [
      [
        { value: "Sozialraum", bold: true },
        { value: "Betrag", bold: true },
      ],
      ...amounts.map((a, i) => [{ value: `Sozialraum ${i + 1}` }, { value: a, numFmt: "#,##0.00" }]),
      [
        { value: "Summe", bold: true },
        { value: amounts.reduce((s, a) => s + a, 0), formula: `SUM(B2:B${last})`, bold: true },
      ],
    ],
    tables: [{ name: "SRB_Verteilung", headerRow: 1, lastRow: last, firstColumn: 1, lastColumn: 2 }],
  };
}

const USER_FORMULAS = ["SUM(SRB_Verteilung[Betrag])", "Verteilung!B3", "SUM(Verteilung!B2:B3)"];

describe("Office.js: re-running keeps the user's references", () => {
  function workbook() {
    const book = new FakeWorkbook();
    book.addSheet("Kitas").setRows([["Einrichtung"], ["Kita A"]]);
    return { book, port: new OfficeWorkbook(book.run) };
  }
  function addUserSheet(book: FakeWorkbook) {
    const sheet = book.addSheet("Auswertung");
    USER_FORMULAS.forEach((f, r) => (sheet.cell(r, 0).formula = f));
    return sheet;
  }

  test("the fake is strict: deleting the sheet or the table turns the user's references into #REF!", async () => {
    const { book, port } = workbook();
    await port.writeGeneratedSheets([verteilung([100, 200, 300])]);
    addUserSheet(book);
    expect((await port.readTable("Auswertung")).headers).toEqual([600]);
    await book.run(async (context) => {
      context.workbook.worksheets.getItem("Verteilung").delete();
      await context.sync();
    });
    await port.writeGeneratedSheets([verteilung([100, 200, 300])]); // a new sheet of the same name
    const user = await port.readTable("Auswertung");
    expect([user.headers[0], ...user.rows.map((r) => r[0])]).toEqual([
      { error: "#REF!" },
      { error: "#REF!" },
      { error: "#REF!" },
    ]);
  });

  test.each([
    ["more Sozialräume", [10, 20, 30, 40, 50]],
    ["fewer Sozialräume", [7, 8]],
    ["one Sozialraum", [1234.5]],
  ])("%s: same sheet object, same table, the user's formulas compute", async (_, next) => {
    const { book, port } = workbook();
    await port.writeGeneratedSheets([verteilung([100, 200, 300])]);
    const sheet = book.sheet("Verteilung");
    const user = addUserSheet(book);

    const report = await port.writeGeneratedSheets([verteilung(next)]);
    expect(report.sheets).toEqual([{ requested: "Verteilung", written: "Verteilung" }]);
    expect(report.notes).toEqual([]);
    expect(book.sheet("Verteilung")).toBe(sheet); // rewritten in place, not deleted and re-created
    expect(sheet.tables).toEqual([
      { name: "SRB_Verteilung", area: { row: 0, column: 0, rows: next.length + 1, columns: 2 } },
    ]);
    expect(USER_FORMULAS.map((_f, r) => user.peek(r, 0)?.formula)).toEqual(USER_FORMULAS);
    const values = await port.readTable("Auswertung");
    const sum = next.reduce((s, a) => s + a, 0);
    expect(values.headers).toEqual([sum]);
    expect(values.rows[0][0]).toBe(next[1] ?? sum); // Verteilung!B3: the second area, or the total row
    // and the sheet holds exactly the new content
    expect(sheet.usedArea()).toEqual({ row: 0, column: 0, rows: next.length + 2, columns: 2 });
    expect(sheet.peek(next.length + 1, 0)?.value).toBe("Summe");
    expect(sheet.peek(next.length + 1, 1)?.formula).toBe(`SUM(B2:B${next.length + 1})`);
  });

  test("a result table whose columns changed is created anew, and the note says references need fixing", async () => {
    const { book, port } = workbook();
    await port.writeGeneratedSheets([verteilung([100, 200])]);
    const wider = verteilung([1, 2]);
    wider.rows[0].push({ value: "Anteil" });
    wider.rows[1].push({ value: 0.5 });
    wider.rows[2].push({ value: 0.5 });
    wider.tables = [{ ...wider.tables![0], lastColumn: 3 }];
    const report = await port.writeGeneratedSheets([wider]);
    expect(report.notes).toEqual([expect.stringContaining("„SRB_Verteilung“ hat jetzt andere Spalten")]);
    expect(book.sheet("Verteilung").tables[0]).toMatchObject({ name: "SRB_Verteilung" });
  });
});

describe(".xlsx: re-running keeps the same sheet part and the table names", () => {
  async function reopen(book: XlsxWorkbook): Promise<{ raw: ExcelJS.Workbook; book: XlsxWorkbook }> {
    const bytes = await book.toBuffer();
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return { raw, book: await XlsxWorkbook.fromBuffer(bytes) };
  }

  test.each([
    ["more Sozialräume", [10, 20, 30, 40, 50]],
    ["fewer Sozialräume", [7, 8]],
  ])(
    "%s: same name and sheetId, table SRB_Verteilung over the new rows, user formulas untouched",
    async (_, next) => {
      const first = XlsxWorkbook.empty();
      await first.writeGeneratedSheets([verteilung([100, 200, 300])]);
      // the user adds a sheet with formulas referring to SRB's sheet and table (in Excel, then saved)
      let { raw } = await reopen(first);
      const user = raw.addWorksheet("Auswertung");
      USER_FORMULAS.forEach((f, r) => (user.getCell(r + 1, 1).value = { formula: f, result: 0 }));
      const sheetId = raw.getWorksheet("Verteilung")!.id;
      const edited = await XlsxWorkbook.fromBuffer(new Uint8Array(await raw.xlsx.writeBuffer()));

      const report = await edited.writeGeneratedSheets([verteilung(next)]);
      expect(report.sheets[0].written).toBe("Verteilung");
      ({ raw } = await reopen(edited));
      const ws = raw.getWorksheet("Verteilung")!;
      expect(ws.id).toBe(sheetId);
      const tables = ws.getTables().map((t) => {
        const model = (t as unknown as { table: { name: string; tableRef: string } }).table;
        return [model.name, model.tableRef];
      });
      expect(tables).toEqual([["SRB_Verteilung", `A1:B${next.length + 1}`]]);
      const formulas = [1, 2, 3].map(
        (r) => (raw.getWorksheet("Auswertung")!.getCell(r, 1).value as { formula: string }).formula,
      );
      expect(formulas).toEqual(USER_FORMULAS);
    },
  );
});

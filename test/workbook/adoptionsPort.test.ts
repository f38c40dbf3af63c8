/**
 * Both adapters keep the adopted allocations (SPEC §5a) in the store: written, read back in order, and kept
 * when the model is stored again or SRB's sheets are rewritten.
 */
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/engine/table";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { FakeWorkbook, type FakeContent } from "./fakeExcel";

const KITAS: CellValue[][] = [
  ["Einrichtung", "Sozialraum", "a"],
  ["K1", "Nord", 1],
];

const adapters: [string, () => Promise<{ port: WorkbookPort; reopen: () => Promise<WorkbookPort> }>][] = [
  [
    "XlsxWorkbook",
    async () => {
      const source = new ExcelJS.Workbook();
      const ws = source.addWorksheet("Kitas");
      for (const r of KITAS) ws.addRow(r);
      const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await source.xlsx.writeBuffer()));
      return { port: book, reopen: async () => XlsxWorkbook.fromBuffer(await book.toBuffer()) };
    },
  ],
  [
    "OfficeWorkbook (fake Excel)",
    async () => {
      const fake = new FakeWorkbook();
      fake.addSheet("Kitas").setRows(KITAS as (FakeContent | null)[][]);
      return { port: new OfficeWorkbook(fake.run), reopen: async () => new OfficeWorkbook(fake.run) };
    },
  ],
];

describe.each(adapters)("%s: adoptions in the store", (_name, make) => {
  test("none at first; two written are read back in order after saving and reopening", async () => {
    const { port, reopen } = await make();
    expect(await port.readStoredAdoptions?.()).toEqual([]);
    await port.writeStoredAdoptions?.([
      { date: "2026-03-10" },
      { date: "2027-03-15", big: "x".repeat(70000) },
    ]);
    const again = await reopen();
    expect(await again.readStoredAdoptions?.()).toEqual([
      { date: "2026-03-10" },
      { date: "2027-03-15", big: "x".repeat(70000) },
    ]);
  });

  test("kept when the model is stored again and when SRB's sheets are rewritten; the model kept when adoptions are written", async () => {
    const { port, reopen } = await make();
    await port.writeStoredModel({ m: 1 });
    await port.writeStoredAdoptions?.([{ date: "2027-03-15" }]);
    expect(await port.readStoredModel()).toEqual({ m: 1 });
    await port.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "Sozialraum" }]] }]);
    await port.writeStoredModel({ m: 2 });
    await port.writeGeneratedSheets([
      { name: "Verteilung", rows: [[{ value: "Sozialraum" }], [{ value: "Nord" }]] },
    ]);
    const again = await reopen();
    expect(await again.readStoredAdoptions?.()).toEqual([{ date: "2027-03-15" }]);
    expect(await again.readStoredModel()).toEqual({ m: 2 });
    expect(await again.sheetNames()).toContain("Verteilung");
  });
});

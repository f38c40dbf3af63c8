/**
 * Both adapters keep the adopted allocations (SPEC §5a) in the store: written, read back in order, and kept
 * when the model is stored again or SRB's sheets are rewritten.
 */
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/engine/table";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { suggestModel } from "../../src/engine/suggestModel";
import { generate } from "../../src/usecase/generate";
import { decodeStore } from "../../src/workbook/store";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
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
    expect(await port.readStoredAdoptions?.()).toEqual({ adoptions: [], damaged: 0 });
    await port.writeStoredAdoptions?.([
      { date: "2026-03-10" },
      { date: "2027-03-15", big: "x".repeat(70000) },
    ]);
    const again = await reopen();
    expect(await again.readStoredAdoptions?.()).toEqual({
      adoptions: [{ date: "2026-03-10" }, { date: "2027-03-15", big: "x".repeat(70000) }],
      damaged: 0,
    });
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
    expect(await again.readStoredAdoptions?.()).toEqual({ adoptions: [{ date: "2027-03-15" }], damaged: 0 });
    expect(await again.readStoredModel()).toEqual({ m: 2 });
    expect(await again.sheetNames()).toContain("Verteilung");
  });
});

describe("a damaged Beschluss in the store is never dropped", () => {
  /** The store as a user left it: one readable Beschluss, one whose text was cut (damaged). */
  const DAMAGED = '{"date":"2027-03-15","areas":[{"na';
  const STORE_ROWS: CellValue[][] = [
    ["SRB", 1],
    ["adoption", '{"date":"2026-03-10"}'],
    ["adoption", DAMAGED],
  ];
  /** The store's damaged adoptions after writing a new Beschluss and reopening, per adapter. */
  const cases: [string, () => Promise<string[] | undefined>][] = [
    [
      "PackageWorkbook",
      async () => {
        const source = new ExcelJS.Workbook();
        source.addWorksheet("Kitas").addRows(KITAS);
        const store = source.addWorksheet("_SRB", { state: "hidden" });
        store.addRows(STORE_ROWS);
        const book = await PackageWorkbook.fromBuffer(
          new Uint8Array(await source.xlsx.writeBuffer()),
          "K.xlsx",
        );
        await book.writeStoredAdoptions([{ date: "2026-03-10" }, { date: "2028-03-14" }]);
        const again = await PackageWorkbook.fromBuffer(await book.toBuffer(), "K.xlsx");
        // the damaged one is counted, so that a run can say so (adoptionsDamaged)
        expect(await again.readStoredAdoptions()).toEqual({
          adoptions: [{ date: "2026-03-10" }, { date: "2028-03-14" }],
          damaged: 1,
        });
        // the store sheet as another program reads it
        const check = new ExcelJS.Workbook();
        await check.xlsx.load((await book.toBuffer()) as unknown as ArrayBuffer);
        const rows: CellValue[][] = [];
        check
          .getWorksheet("_SRB")!
          .eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value] as CellValue[]));
        return decodeStore(rows).damagedAdoptions;
      },
    ],
    [
      "OfficeWorkbook (fake Excel)",
      async () => {
        const fake = new FakeWorkbook();
        fake.addSheet("Kitas").setRows(KITAS as (FakeContent | null)[][]);
        const store = fake.addSheet("_SRB").setRows(STORE_ROWS as (FakeContent | null)[][]);
        store.visibility = "Hidden";
        await new OfficeWorkbook(fake.run).writeStoredAdoptions([
          { date: "2026-03-10" },
          { date: "2028-03-14" },
        ]);
        const again = new OfficeWorkbook(fake.run);
        // the damaged one is counted, so that a run can say so (adoptionsDamaged)
        expect(await again.readStoredAdoptions()).toEqual({
          adoptions: [{ date: "2026-03-10" }, { date: "2028-03-14" }],
          damaged: 1,
        });
        const sheet = fake.sheet("_SRB");
        const rows = Array.from({ length: 20 }, (_, r) => [sheet.peek(r, 0)?.value, sheet.peek(r, 1)?.value]);
        return decodeStore(rows as CellValue[][]).damagedAdoptions;
      },
    ],
  ];
  test.each(cases)(
    "%s: a new Beschluss written, the damaged one is still there, unchanged",
    async (_n, run) => {
      expect(await run()).toEqual([DAMAGED]);
    },
  );
});

describe("a damaged Beschluss is counted and said in a run, and kept when SRB's sheets are written", () => {
  const TABLE: CellValue[][] = [
    ["Einrichtung", "Sozialraum", "Kinder", "SGB2"],
    ["Kita A", "Nord", 50, 10],
    ["Kita B", "Nord", 60, 30],
    ["Kita C", "Süd", 70, 20],
    ["Kita D", "Süd", 80, 40],
  ];
  const DAMAGED = '{"version":1,"date":"2027-03-15","areas":[{"na';
  const STORE_ROWS: CellValue[][] = [
    ["SRB", 1],
    ["adoption", DAMAGED],
  ];
  const MESSAGE =
    "1 gespeicherter Beschluss ist beschädigt (im verborgenen Blatt „_SRB“) und wird nicht verwendet.";
  /** A workbook with the table and a store holding only the damaged Beschluss, and how to open it again. */
  const cases: [string, () => Promise<{ port: WorkbookPort; reopen: () => Promise<WorkbookPort> }>][] = [
    [
      "PackageWorkbook",
      async () => {
        const source = new ExcelJS.Workbook();
        source.addWorksheet("Kitas").addRows(TABLE);
        source.addWorksheet("_SRB", { state: "hidden" }).addRows(STORE_ROWS);
        const book = await PackageWorkbook.fromBuffer(
          new Uint8Array(await source.xlsx.writeBuffer()),
          "K.xlsx",
        );
        return {
          port: book,
          reopen: async () => PackageWorkbook.fromBuffer(await book.toBuffer(), "K.xlsx"),
        };
      },
    ],
    [
      "OfficeWorkbook (fake Excel)",
      async () => {
        const fake = new FakeWorkbook();
        fake.addSheet("Kitas").setRows(TABLE as (FakeContent | null)[][]);
        fake.addSheet("_SRB").setRows(STORE_ROWS as (FakeContent | null)[][]).visibility = "Hidden";
        return { port: new OfficeWorkbook(fake.run), reopen: async () => new OfficeWorkbook(fake.run) };
      },
    ],
  ];
  test.each(cases)("%s", async (_n, make) => {
    const { port, reopen } = await make();
    expect(await port.readStoredAdoptions?.()).toEqual({ adoptions: [], damaged: 1 });
    const model = suggestModel(await port.readTable("Kitas"));
    const result = await generate(port, { model, workbookName: "K.xlsx" });
    expect(result.report).not.toBeNull();
    expect(result.issues).toContainEqual(
      expect.objectContaining({ level: "warning", code: "adoption-unreadable", message: MESSAGE }),
    );
    // the Prüfbericht lists it
    const report = result.sheets.find((sheet) => sheet.name === "Prüfbericht");
    expect(report?.rows.flat().map((cell) => cell?.value)).toContain(MESSAGE);
    // written sheets and store: the damaged Beschluss is still there, as it was
    expect(await (await reopen()).readStoredAdoptions?.()).toEqual({ adoptions: [], damaged: 1 });
  });
});

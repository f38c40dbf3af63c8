/**
 * The store never costs the user a sheet (issue 17.1), for both adapters: a `_SRB` store that lists user
 * sheets without fingerprints (older or hand-edited), a user's own visible sheet called `_SRB` or `_srb`,
 * a hidden user sheet of that name without SRB's marker row. And a damaged stored model is reported as
 * damaged, with where (issue 17.9), never as "no stored model".
 */
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/engine/table";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { encodeStore } from "../../src/workbook/store";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { FakeWorkbook } from "./fakeExcel";
import { sampleSpecs } from "./portContract";

interface SheetInput {
  name: string;
  rows: CellValue[][];
  hidden?: boolean;
}

type Make = (sheets: SheetInput[]) => Promise<{ port: WorkbookPort; reopen(): Promise<WorkbookPort> }>;

const makeXlsx: Make = async (sheets) => {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: "veryHidden" } : {});
    s.rows.forEach((row) => ws.addRow(row.map((v) => (v && typeof v === "object" ? { error: v.error } : v))));
  }
  let port = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
  return {
    port,
    reopen: async () => (port = await XlsxWorkbook.fromBuffer(await port.toBuffer())),
  };
};

/** The package adapter over a workbook built with exceljs (not through the adapter under test). */
const makePackage: Make = async (sheets) => {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: "veryHidden" } : {});
    s.rows.forEach((row) => ws.addRow(row.map((v) => (v && typeof v === "object" ? { error: v.error } : v))));
  }
  let port = await PackageWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
  return {
    port,
    reopen: async () => (port = await PackageWorkbook.fromBuffer(await port.toBuffer())),
  };
};

const makeOffice: Make = async (sheets) => {
  const book = new FakeWorkbook();
  for (const s of sheets) {
    const sheet = book.addSheet(s.name).setRows(s.rows.map((r) => r.map((v) => v ?? null)) as never);
    if (s.hidden) sheet.visibility = "VeryHidden";
  }
  const port = new OfficeWorkbook(book.run);
  return { port, reopen: async () => port };
};

const KITAS: CellValue[][] = [
  ["Einrichtung", "Sozialraum", "Kinder"],
  ["Kita A", "Nord", 40],
];
const NOTIZEN: CellValue[][] = [["Meine Notizen"], ["nicht löschen"]];

async function rows(port: WorkbookPort, sheet: string): Promise<CellValue[][]> {
  const t = await port.readTable(sheet);
  return [t.headers, ...t.rows];
}

describe.each([
  ["XlsxWorkbook", makeXlsx],
  ["PackageWorkbook", makePackage],
  ["OfficeWorkbook (fake Excel)", makeOffice],
])("%s: the store never takes or deletes a user's sheet", (_, make) => {
  test.each([
    ["names only", encodeStore({ generated: ["Kitas", "Notizen"], model: null })],
    [
      "fingerprints that do not match",
      encodeStore({
        generated: ["Kitas", "Notizen"],
        model: null,
        fingerprints: { Kitas: "0000000000000000", Notizen: "1111111111111111" },
      }),
    ],
    ["listing in other case", encodeStore({ generated: ["KITAS", "notizen"], model: null })],
  ])("a store listing the user's sheets (%s): they stay, with their content", async (_label, store) => {
    const { port, reopen } = await make([
      { name: "Kitas", rows: KITAS },
      { name: "Notizen", rows: NOTIZEN },
      { name: "_SRB", rows: store, hidden: true },
    ]);
    const report = await port.writeGeneratedSheets(sampleSpecs(["Verteilung", "Kitas"], "neu"));
    expect(report.replaced).toEqual([]);
    expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung", "Kitas (2)"]);
    for (const p of [port, await reopen()]) {
      expect(await p.sheetNames()).toEqual(["Kitas", "Notizen", "Verteilung", "Kitas (2)"]);
      expect(await rows(p, "Kitas")).toEqual(KITAS);
      expect(await rows(p, "Notizen")).toEqual(NOTIZEN);
    }
  });

  test.each(["_SRB", "_srb", "_Srb"])(
    "a visible user sheet named %s stays the user's: listed, readable, unchanged",
    async (name) => {
      const mine: CellValue[][] = [["Eigene Auswertung"], [42]];
      const { port, reopen } = await make([
        { name: "Kitas", rows: KITAS },
        { name, rows: mine },
      ]);
      await port.writeStoredModel({ budget: { total: 5 } });
      const report = await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "x"));
      expect(report.sheets[0].written).toBe("Verteilung");
      await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "y"));
      for (const p of [port, await reopen()]) {
        expect(await p.sheetNames()).toEqual(["Kitas", name, "Verteilung"]);
        expect(await rows(p, name)).toEqual(mine);
        expect(await p.readStoredModel()).toEqual({ budget: { total: 5 } });
        expect((await rows(p, "Verteilung"))[1]).toEqual(["y", 3]);
      }
    },
  );

  test("a hidden user sheet named _SRB without SRB's marker row is left as it is", async () => {
    const secret: CellValue[][] = [["geheim"], ["Zahl", 7]];
    const { port } = await make([
      { name: "Kitas", rows: KITAS },
      { name: "_SRB", rows: secret, hidden: true },
    ]);
    expect(await port.readStoredModel()).toBeNull();
    const report = await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "x"));
    expect(report.notes?.some((n) => n.includes("„_SRB (2)“"))).toBe(true);
    await port.writeStoredModel({ a: 1 });
    expect(await port.readStoredModel()).toEqual({ a: 1 });
    expect(await rows(port, "_SRB")).toEqual([
      ["geheim", null],
      ["Zahl", 7],
    ]);
  });

  test.each([
    ['{"budget":', "cut off"],
    ['{"budget": {"total": 5}}}', "one brace too many"],
    ["kein JSON", "plain text"],
  ])("a stored model with broken JSON (%s) is reported as damaged, with where", async (json) => {
    const { port } = await make([
      { name: "Kitas", rows: KITAS },
      {
        name: "_SRB",
        rows: [
          ["SRB", 1],
          ["generated", "Verteilung"],
          ["model", json],
        ],
        hidden: true,
      },
    ]);
    await expect(port.readStoredModel()).rejects.toMatchObject({ name: "SrbUsageError" });
    await expect(port.readStoredModel()).rejects.toThrow(/beschädigt.*„_SRB“.*Zeile 3/s);
  });
});

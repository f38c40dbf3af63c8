/**
 * The package adapter writes SRB's result tables as real Excel table parts (issue 10.2): a table part per
 * TableSpec, related from its sheet, listed in <tableParts> and in the content types; table names and ids
 * unique in the workbook; re-runs keep the table's name and part. LibreOffice recalculates a user's
 * `=SUM(SRB_Verteilung[Betrag])` to the new budget after a re-run with another number of Sozialräume.
 */
import ExcelJS from "exceljs";
import type { SheetSpec } from "../../../src/workbook/port";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { ZipArchive } from "../../../src/workbook/xlsx/zipArchive";
import { csvNumber, recalcWithLibreOffice, withLibreOffice } from "../../helpers/libreoffice";

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

function pruefbericht(): SheetSpec {
  return {
    name: "Prüfbericht",
    rows: [
      [{ value: "Prüfung" }, { value: "Ergebnis" }],
      [{ value: "Summe" }, { value: "ok" }],
    ],
    tables: [{ name: "SRB_Pruefbericht", headerRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 2 }],
  };
}

interface TablePart {
  part: string;
  id: string;
  name: string;
  ref: string;
  columns: string[];
}

/** Every table part of the package, read from the zip directly. */
function tableParts(bytes: Uint8Array): TablePart[] {
  const zip = ZipArchive.open(bytes);
  return zip.entries
    .filter((e) => /^xl\/tables\/[^/]+\.xml$/.test(e.name))
    .map((e) => {
      const xml = zip.text(e.name, 1 << 20)!;
      const attr = (a: string) => new RegExp(`<table [^>]*\\b${a}="([^"]*)"`).exec(xml)?.[1] ?? "";
      return {
        part: e.name,
        id: attr("id"),
        name: attr("displayName"),
        ref: attr("ref"),
        columns: [...xml.matchAll(/<tableColumn [^>]*name="([^"]*)"/g)].map((m) => m[1]),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function text(bytes: Uint8Array, part: string): string {
  return ZipArchive.open(bytes).text(part, 1 << 24) ?? "";
}

async function run(book: PackageWorkbook, specs: SheetSpec[]): Promise<Uint8Array> {
  const report = await book.writeGeneratedSheets(specs);
  expect(report.sheets.map((s) => s.written)).toEqual(specs.map((s) => s.name));
  return book.toBuffer();
}

describe("PackageWorkbook: result tables as table parts", () => {
  test("each TableSpec becomes a table part: related, listed after the drawing, typed; headers are the header cells' text", async () => {
    const book = PackageWorkbook.empty();
    const bytes = await run(book, [verteilung([100, 200, 300]), pruefbericht()]);
    expect(tableParts(bytes)).toEqual([
      {
        part: expect.any(String),
        id: expect.any(String),
        name: "SRB_Pruefbericht",
        ref: "A1:B2",
        columns: ["Prüfung", "Ergebnis"],
      },
      {
        part: expect.any(String),
        id: expect.any(String),
        name: "SRB_Verteilung",
        ref: "A1:B4",
        columns: ["Sozialraum", "Betrag"],
      },
    ]);
    const ids = tableParts(bytes).map((t) => t.id);
    expect(new Set(ids).size).toBe(2);
    const types = text(bytes, "[Content_Types].xml");
    for (const t of tableParts(bytes)) {
      expect(types).toContain(
        `PartName="/${t.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"`,
      );
    }
    // exceljs (an independent reader) sees the tables on the right sheets, over the right cells
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = raw.getWorksheet("Verteilung")!;
    expect(ws.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name)).toEqual([
      "SRB_Verteilung",
    ]);
    expect(ws.getCell("B1").value).toBe("Betrag");
  });

  test("with a chart on the sheet, <tableParts> follows <drawing> (schema order) and both relationships exist", async () => {
    const spec = verteilung([100, 200, 300]);
    spec.charts = [
      {
        kind: "bar",
        title: "Beträge",
        categoryColumn: 1,
        seriesColumns: [2],
        firstRow: 1,
        lastRow: 4,
        anchor: "D2",
      },
    ];
    const bytes = await run(PackageWorkbook.empty(), [spec]);
    const zip = ZipArchive.open(bytes);
    const sheetPart = zip.entries.map((e) => e.name).find((n) => /worksheets\/sheet\d+\.xml$/.test(n))!;
    const xml = text(bytes, sheetPart);
    expect(xml).toMatch(
      /<drawing r:id="rId1"\/><tableParts count="1"><tablePart r:id="rId2"\/><\/tableParts><\/worksheet>$/,
    );
    const rels = text(bytes, sheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels");
    expect(rels).toMatch(/Id="rId1" Type="[^"]*\/drawing"/);
    expect(rels).toMatch(/Id="rId2" Type="[^"]*\/table" Target="..\/tables\/table\d+\.xml"/);
  });

  test("a user's table already named SRB_Verteilung keeps its name and id; SRB's gets free ones", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Meine Liste");
    ws.addTable({
      name: "SRB_Verteilung",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Eigene" }],
      rows: [[1], [2]],
    });
    const input = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = tableParts(input);
    expect(before).toHaveLength(1);
    const book = await PackageWorkbook.fromBuffer(input);
    const report = await book.writeGeneratedSheets([verteilung([100, 200])]);
    expect(report.notes).toEqual([expect.stringContaining("„SRB_Verteilung_2“")]);
    const after = tableParts(await book.toBuffer());
    expect(after).toContainEqual(before[0]); // the user's table part unchanged
    const ours = after.find((t) => t.name === "SRB_Verteilung_2")!;
    expect(ours.part).not.toBe(before[0].part);
    expect(ours.id).not.toBe(before[0].id);
  });

  test.each([
    ["more Sozialräume", [10, 20, 30, 40, 50]],
    ["fewer Sozialräume", [7, 8]],
  ])("%s: a re-run keeps the table's name, id and part, over the new rows", async (_, next) => {
    const book = PackageWorkbook.empty();
    const first = tableParts(await run(book, [verteilung([100, 200, 300]), pruefbericht()]));
    const reopened = await PackageWorkbook.fromBuffer(await book.toBuffer());
    const report = await reopened.writeGeneratedSheets([verteilung(next), pruefbericht()]);
    expect(report.replaced.sort()).toEqual(["Prüfbericht", "Verteilung"]);
    const second = tableParts(await reopened.toBuffer());
    expect(second).toEqual(
      first.map((t) => (t.name === "SRB_Verteilung" ? { ...t, ref: `A1:B${next.length + 1}` } : t)),
    );
  });

  test("a sheet no longer generated takes its table part and content type with it", async () => {
    const book = PackageWorkbook.empty();
    await run(book, [verteilung([1, 2]), pruefbericht()]);
    const again = await PackageWorkbook.fromBuffer(await book.toBuffer());
    const bytes = await run(again, [verteilung([1, 2])]);
    expect(tableParts(bytes).map((t) => t.name)).toEqual(["SRB_Verteilung"]);
    expect(text(bytes, "[Content_Types].xml").match(/table\+xml/g)).toHaveLength(1);
  });

  withLibreOffice(
    "LibreOffice: a user's =SUM(SRB_Verteilung[Betrag]) recalculates to the new budget after a re-run",
    async () => {
      const first = PackageWorkbook.empty();
      await first.writeGeneratedSheets([verteilung([100, 200, 300])]);
      // the user adds a sheet whose formulas refer to SRB's table and sheet (in Excel, then saves)
      const raw = new ExcelJS.Workbook();
      await raw.xlsx.load((await first.toBuffer()) as unknown as ExcelJS.Buffer);
      const user = raw.addWorksheet("Auswertung");
      user.getCell("A1").value = { formula: "SUM(SRB_Verteilung[Betrag])", result: 600 };
      user.getCell("A2").value = { formula: "Verteilung!B3", result: 200 };
      const input = await PackageWorkbook.fromBuffer(new Uint8Array(await raw.xlsx.writeBuffer()));

      const next = [1000.5, 2000.25, 3000, 4000, 5000];
      const report = await input.writeGeneratedSheets([verteilung(next)]);
      expect(report.replaced).toEqual(["Verteilung"]);
      const sheets = await recalcWithLibreOffice(await input.toBuffer());
      expect(csvNumber(sheets["Auswertung"][0][0])).toBeCloseTo(15000.75, 6);
      expect(csvNumber(sheets["Auswertung"][1][0])).toBe(2000.25);
      expect(csvNumber(sheets["Verteilung"][6][1])).toBeCloseTo(15000.75, 6);
    },
  );
});

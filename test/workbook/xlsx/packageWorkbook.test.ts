import ExcelJS from "exceljs";
import type { CellValue } from "../../../src/engine/table";
import { STORE_SHEET } from "../../../src/workbook/port";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { writeZip, ZipArchive } from "../../../src/workbook/xlsx/zipArchive";
import { readRelationships, relsPartOf } from "../../../src/workbook/xlsx/xmlParts";
import { editedNote } from "../../../src/workbook/writePlan";
import type { SheetSpec } from "../../../src/workbook/port";
import { saveWithLibreOffice, withLibreOffice } from "../../helpers/libreoffice";
import { runFingerprintContract, runPortContract, type EditableWorkbook } from "../portContract";
import { exceljsFixtureBytes } from "../exceljsFixture";

/** Builds the fixture with exceljs directly (not through the adapter under test), as bytes. */
const fixtureBytes = exceljsFixtureBytes;

runPortContract("PackageWorkbook", async (fixture) => {
  let current = await PackageWorkbook.fromBuffer(await fixtureBytes(fixture));
  return {
    port: current,
    async reopen() {
      current = await PackageWorkbook.fromBuffer(await current.toBuffer());
      return current;
    },
  };
});

/** The package adapter, edited with plain exceljs between runs (saved and re-opened each time). */
async function editablePackage(sheets: Record<string, CellValue[][]>): Promise<EditableWorkbook> {
  let current = await PackageWorkbook.fromBuffer(await fixtureBytes({ sheets }));
  const edit = async (change: (wb: ExcelJS.Workbook) => void) => {
    const file = new ExcelJS.Workbook();
    await file.xlsx.load((await current.toBuffer()) as unknown as ExcelJS.Buffer);
    change(file);
    current = await PackageWorkbook.fromBuffer(new Uint8Array(await file.xlsx.writeBuffer()));
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

runFingerprintContract("PackageWorkbook", editablePackage);

describe("PackageWorkbook applies the write plan", () => {
  test("non-finite numbers become #NUM!, long text is cut, each with its note; the re-run still rewrites in place", async () => {
    const book = PackageWorkbook.empty();
    const spec = {
      name: "Verteilung",
      rows: [[{ value: "Wert" }, { value: Infinity }, { value: "x".repeat(40_000) }]],
    };
    const first = await book.writeGeneratedSheets([spec]);
    expect(first.notes).toEqual([
      "Blatt „Verteilung“, Zelle B1: keine endliche Zahl (Infinity), als #ZAHL! geschrieben.",
      "Blatt „Verteilung“, Zelle C1: Text auf 32767 Zeichen gekürzt.",
    ]);
    const again = await PackageWorkbook.fromBuffer(await book.toBuffer());
    const table = await again.readTable("Verteilung");
    expect(table.headers[1]).toEqual({ error: "#NUM!" });
    expect((table.headers[2] as string).length).toBe(32_767);
    const second = await again.writeGeneratedSheets([spec]);
    expect(second.replaced).toEqual(["Verteilung"]);
    expect(second.sheets).toEqual([{ requested: "Verteilung", written: "Verteilung" }]);
  });

  test("a visible user sheet _SRB stays; the store goes to the hidden _SRB (2) and is found there on the re-run", async () => {
    const input = await fixtureBytes({ sheets: { _SRB: [["Meine Notiz"]] } });
    const book = await PackageWorkbook.fromBuffer(input);
    const first = await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "a" }]] }]);
    expect(first.notes).toEqual([expect.stringContaining("„_SRB (2)“")]);
    await book.writeStoredModel({ budget: 5 });
    const again = await PackageWorkbook.fromBuffer(await book.toBuffer());
    expect(await again.sheetNames()).toEqual(["_SRB", "Verteilung"]);
    expect((await again.readTable("_SRB")).headers).toEqual(["Meine Notiz"]);
    expect(await again.readStoredModel()).toEqual({ budget: 5 });
    const second = await again.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "b" }]] }]);
    expect(second.replaced).toEqual(["Verteilung"]);
    expect(second.notes).toEqual([]);
  });

  test("the store as remembered after a write is the store a fresh read of the file finds", async () => {
    const input = await fixtureBytes({ sheets: { _SRB: [["Meine Notiz"]] } });
    const book = await PackageWorkbook.fromBuffer(input);
    const model = { name: "Süd 😀 „Stadt“\r\nZeile\t2 <&>", long: "x".repeat(70_000), n: 1.5 };
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "a" }]] }]);
    await book.writeStoredModel(model);
    await book.writeStoredAdoptions([{ label: "Beschluss „A“ 😀", amount: 0.1 + 0.2 }]);
    const again = await PackageWorkbook.fromBuffer(await book.toBuffer());
    expect(await book.readStoredModel()).toEqual(model);
    expect(await again.readStoredModel()).toEqual(await book.readStoredModel());
    expect(await again.readStoredAdoptions()).toEqual(await book.readStoredAdoptions());
    // the re-run finds its sheet proven by the remembered fingerprints as by the file's
    const fromMemory = await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "b" }]] }]);
    const fromFile = await again.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "b" }]] }]);
    expect(fromMemory).toEqual(fromFile);
    expect(fromMemory.replaced).toEqual(["Verteilung"]);
  });

  test("an earlier SRB sheet that cannot be read back is kept as the user's with a note; the run goes on", async () => {
    // the old Verteilung gets a value in XFD1048576 (another program, a damaged copy): too large for the reader
    const { zip, part } = await earlierVerteilung(false);
    const damaged = text(zip, part).replace(
      "</sheetData>",
      '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
    );
    const bytes = writeZip(
      zip.entries.map((e) => ({
        name: e.name,
        data: e.name === part ? enc.encode(damaged) : zip.read(e.name)!,
      })),
    );
    const again = await PackageWorkbook.fromBuffer(bytes);
    const report = await again.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: 7 }]] }]);
    const reason = "Blatt „Verteilung“ ist zu groß für SRB: es reicht bis Zelle XFD1048576";
    expect(report.notes?.[0]).toMatch(
      /^Blatt „Verteilung“ aus dem letzten Lauf von SRB lässt sich nicht auf Änderungen prüfen/,
    );
    expect(report.notes?.[0]).toContain(reason);
    expect(report.notes?.[1]).toBe(
      "Blatt „Verteilung“ wurde als „Verteilung (2)“ angelegt, weil der Name vergeben oder ungültig ist.",
    );
    expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung (2)"]);
    const out = ZipArchive.open(await again.toBuffer());
    expect(text(out, part)).toBe(damaged); // the old sheet as it was
  });

  test.each([
    ["a text box on its chart's drawing", "shape"],
    ["a note (comments part)", "note"],
    ["a chart of the user's (Excel's default name) on its chart's drawing", "chart"],
  ])(
    "an earlier SRB sheet with %s is the user's: kept with everything on it, the results go elsewhere",
    async (_what, kind) => {
      const { zip, part } = await earlierVerteilung(true);
      const drawing = readRelationships(zip, part).find((r) => r.type.endsWith("/drawing"))!.target;
      const changed = new Map<string, string>();
      if (kind === "shape") {
        changed.set(
          drawing,
          withAnchor(
            text(zip, drawing),
            5,
            8,
            '<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="9" name="Meine Notiz"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/></xdr:sp>',
          ),
        );
      } else if (kind === "chart") {
        // a second chart, as Excel names one the user inserts: SRB's own is "SRB-Diagramm 1"
        expect(text(zip, drawing)).toContain('name="SRB-Diagramm 1"');
        changed.set(
          drawing,
          withAnchor(
            text(zip, drawing),
            30,
            50,
            '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="9" name="Diagramm 2"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
              '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
              '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdUserChart"/></a:graphicData></a:graphic></xdr:graphicFrame>',
          ),
        );
        const drawingRels = relsPartOf(drawing);
        changed.set(
          drawingRels,
          withRelationship(text(zip, drawingRels), "rIdUserChart", "chart", "../charts/chart99.xml"),
        );
        changed.set(
          "xl/charts/chart99.xml",
          '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>',
        );
      } else {
        const rels = relsPartOf(part);
        changed.set(rels, withRelationship(text(zip, rels), "rIdNote", "comments", "../comments9.xml"));
        changed.set(
          "xl/comments9.xml",
          '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author></authors><commentList><comment ref="A1" authorId="0"><text><t>geprüft</t></text></comment></commentList></comments>',
        );
      }
      expect([...changed.values()].every((v, i) => v !== text(zip, [...changed.keys()][i]))).toBe(true);
      const names = [...zip.entries.map((e) => e.name), ...[...changed.keys()].filter((n) => !zip.entry(n))];
      const edited = writeZip(
        names.map((name) => ({
          name,
          data: changed.has(name) ? enc.encode(changed.get(name)!) : zip.read(name)!,
        })),
      );
      const again = await PackageWorkbook.fromBuffer(edited);
      const report = await again.writeGeneratedSheets([
        { name: "Verteilung", rows: [[{ value: 7 }]], charts: [] },
      ]);
      expect(report.notes?.[0]).toBe(editedNote("Verteilung"));
      expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung (2)"]);
      const out = ZipArchive.open(await again.toBuffer());
      for (const name of [part, drawing, ...changed.keys()])
        expect(text(out, name)).toBe(text(ZipArchive.open(edited), name));
    },
  );

  withLibreOffice(
    "an SRB sheet saved by LibreOffice is still SRB's: its 15-digit numbers and its chart's name are recognised",
    async () => {
      // numbers whose shortest form ends in 5 on the 16th digit: LibreOffice saves them rounded up
      const tied = [43.97639128102705, 73.12468160978095, 21.55610136735965, 16.18008689862995];
      const spec = (note: string): SheetSpec => ({
        name: "Verteilung",
        rows: [
          [{ value: "Sozialraum" }, { value: "Index" }, { value: note }],
          ...tied.map((v, i) => [{ value: `SR ${i + 1}` }, { value: v }]),
        ],
        charts: [
          {
            kind: "bar",
            title: "Index",
            firstRow: 1,
            lastRow: 5,
            categoryColumn: 1,
            seriesColumns: [2],
            anchor: "E2",
          },
        ],
      });
      const book = await PackageWorkbook.fromBuffer(
        await fixtureBytes({ sheets: { Kitas: [["Einrichtung"]] } }),
      );
      await book.writeGeneratedSheets([spec("erster Lauf")]);
      const saved = await saveWithLibreOffice(await book.toBuffer());
      const again = await PackageWorkbook.fromBuffer(saved);
      const report = await again.writeGeneratedSheets([spec("zweiter Lauf")]);
      expect(report.notes).toEqual([]);
      expect(report.replaced).toEqual(["Verteilung"]);
      expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung"]);
    },
    180_000,
  );

  test("an earlier SRB sheet with only its charts and Excel's printer settings is still SRB's: rewritten in place", async () => {
    const { zip, part } = await earlierVerteilung(true);
    const rels = relsPartOf(part);
    const withPrinter = withRelationship(
      text(zip, rels),
      "rIdP",
      "printerSettings",
      "../printerSettings/printerSettings1.bin",
    );
    const edited = writeZip([
      ...zip.entries.map((e) => ({
        name: e.name,
        data: e.name === rels ? enc.encode(withPrinter) : zip.read(e.name)!,
      })),
      { name: "xl/printerSettings/printerSettings1.bin", data: new Uint8Array([1, 2, 3]) },
    ]);
    const again = await PackageWorkbook.fromBuffer(edited);
    const report = await again.writeGeneratedSheets([
      { name: "Verteilung", rows: [[{ value: 7 }]], charts: [] },
    ]);
    expect(report.notes).toEqual([]);
    expect(report.replaced).toEqual(["Verteilung"]);
  });
});

const enc = new TextEncoder();

/** A drawing part's text with one more two-cell anchor (columns A–H, rows `from`–`to`, 0-based) holding `object`. */
function withAnchor(drawing: string, from: number, to: number, object: string): string {
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return drawing.replace(
    /(<\/(\w+:)?wsDr>)$/,
    `<xdr:twoCellAnchor>${marker("from", 0, from)}${marker("to", 8, to)}${object}<xdr:clientData/></xdr:twoCellAnchor>$1`,
  );
}

/** A relationships part's text with one more relationship of the officeDocument `type` ("chart", "comments"). */
function withRelationship(rels: string, id: string, type: string, target: string): string {
  const uri = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`;
  return rels.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${uri}" Target="${target}"/></Relationships>`,
  );
}

function text(zip: ZipArchive, name: string): string {
  return new TextDecoder().decode(zip.read(name)!);
}

/**
 * A workbook after one SRB run that wrote "Verteilung" (with its index chart when asked), opened as a zip,
 * and that sheet's part (found by a value only it holds).
 */
async function earlierVerteilung(withChart: boolean): Promise<{ zip: ZipArchive; part: string }> {
  const book = await PackageWorkbook.fromBuffer(await fixtureBytes({ sheets: { Kitas: [["Einrichtung"]] } }));
  const chart = {
    kind: "bar" as const,
    title: "Index",
    firstRow: 1,
    lastRow: 2,
    categoryColumn: 1,
    seriesColumns: [2],
    anchor: "D2",
  };
  await book.writeGeneratedSheets([
    {
      name: "Verteilung",
      rows: [
        [{ value: "Nord" }, { value: 424242.5 }],
        [{ value: "Süd" }, { value: 2 }],
      ],
      charts: withChart ? [chart] : [],
    },
  ]);
  const zip = ZipArchive.open(await book.toBuffer());
  const part = zip.entries
    .map((e) => e.name)
    .find(
      (name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name) && text(zip, name).includes("<v>424242.5</v>"),
    )!;
  return { zip, part };
}

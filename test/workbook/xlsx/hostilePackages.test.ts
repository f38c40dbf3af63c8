/**
 * Hostile and odd packages, built here as an attacker or another program would write them: each is
 * refused with a German message or read correctly, quickly and without exhausting memory.
 */
import { deflateSync } from "fflate";
import { identifyFileKind, fileKindProblem } from "../../../src/workbook/xlsx/fileKind";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { ZipArchive, writeZip, type ZipOutput } from "../../../src/workbook/xlsx/zipArchive";
import { drawingsInXlsx } from "../../helpers/exceljsWorkbook/xlsxCharts";
import { buildPackage, MAIN, PKG, REL } from "../../helpers/minimalPackage";

const enc = new TextEncoder();

const sheet = (rows: string) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
const KITAS = sheet(
  `<row r="1"><c r="A1" t="inlineStr"><is><t>Einrichtung</t></is></c><c r="B1" t="inlineStr"><is><t>Kinder</t></is></c></row>` +
    `<row r="2"><c r="A2" t="inlineStr"><is><t>Kita A</t></is></c><c r="B2"><v>12</v></c></row>`,
);

describe("odd but valid packages are read", () => {
  test("cells and rows without the optional r attribute: positions counted", async () => {
    const xml = sheet(
      `<row><c t="inlineStr"><is><t>Einrichtung</t></is></c><c t="inlineStr"><is><t>Kinder</t></is></c></row>` +
        `<row><c t="inlineStr"><is><t>Kita A</t></is></c><c><v>12</v></c></row>` +
        `<row r="5"><c r="B5"><v>7</v></c><c><v>8</v></c></row>`,
    );
    const book = await PackageWorkbook.fromBuffer(buildPackage([{ name: "Kitas", xml }]));
    const t = await book.readTable("Kitas");
    expect(t.headers).toEqual(["Einrichtung", "Kinder", null]);
    expect(t.rows).toEqual([
      ["Kita A", 12, null],
      [null, null, null],
      [null, null, null],
      [null, 7, 8],
    ]);
  });

  test("rows of different widths (narrower, wider, far beyond the rows before): the grid is rectangular", async () => {
    const cells = (r: number, cols: string[]) =>
      `<row r="${r}">${cols.map((c, k) => `<c r="${c}${r}"><v>${k + 1}</v></c>`).join("")}</row>`;
    const xml = sheet(
      cells(1, ["A", "B"]) +
        cells(2, ["A", "B", "C", "D"]) +
        cells(3, ["B"]) +
        cells(4, ["A", "BZ"]) +
        cells(5, ["C"]),
    );
    const book = await PackageWorkbook.fromBuffer(buildPackage([{ name: "Kitas", xml }]));
    const grid = await book.readGrid("Kitas");
    const blank = (n: number) => new Array<null>(n).fill(null);
    expect(grid.rows.map((r) => r.length)).toEqual([78, 78, 78, 78, 78]);
    expect(grid.rows[1]).toEqual([1, 2, 3, 4, ...blank(74)]);
    expect(grid.rows[2]).toEqual([null, 1, ...blank(76)]);
    expect(grid.rows[3]).toEqual([1, ...blank(76), 2]);
    expect(grid.rows[4]).toEqual([null, null, 1, ...blank(75)]);
  });

  test("x:-prefixed SpreadsheetML as the OpenXML SDK writes it, shared strings under another name", async () => {
    const x =
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row>` +
      `<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2"><x:v>3.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const bytes = buildPackage([{ name: "Kitas", xml: x }], {
      prefix: "x",
      sst: ["Einrichtung", "Kinder", "Kita A"],
    });
    const book = await PackageWorkbook.fromBuffer(bytes);
    expect(await book.sheetNames()).toEqual(["Kitas"]);
    const t = await book.readTable("Kitas");
    expect([t.headers, ...t.rows]).toEqual([
      ["Einrichtung", "Kinder"],
      ["Kita A", 3.5],
    ]);
    // and written: the prefixed workbook gets SRB's sheets, and reads back
    await book.writeGeneratedSheets([
      { name: "Verteilung", rows: [[{ value: "x" }, { value: 1, numFmt: "0.0" }]] },
    ]);
    const again = await PackageWorkbook.fromBuffer(await book.toBuffer());
    expect(await again.sheetNames()).toEqual(["Kitas", "Verteilung"]);
    expect((await again.readTable("Verteilung")).headers).toEqual(["x", 1]);
  });

  test("a sheet stored under an odd part name is found through the relationships, kept and readable", async () => {
    const bytes = buildPackage([
      { name: "Kitas", xml: KITAS, part: "daten/Kita Liste.xml" },
      {
        name: "Notizen",
        xml: sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`),
        part: "xl/blatt_notizen.xml",
      },
    ]);
    const book = await PackageWorkbook.fromBuffer(bytes);
    expect((await book.readTable("Kitas")).rows).toEqual([["Kita A", 12]]);
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "x" }]] }]);
    const out = ZipArchive.open(await book.toBuffer());
    expect(out.text("xl/blatt_notizen.xml")).toContain("<v>1</v>");
    expect(out.text("daten/Kita Liste.xml")).toBe(KITAS);
  });
});

describe("hostile packages are refused or handled, fast", () => {
  test("one value in XFD1048576: refused with a German message naming the sheet and the cell", async () => {
    const xml = sheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Einrichtung</t></is></c></row>` +
        `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
    );
    const book = await PackageWorkbook.fromBuffer(buildPackage([{ name: "Kitas", xml }]));
    await expect(book.readTable("Kitas")).rejects.toThrow(/Blatt „Kitas“ ist zu groß.*XFD1048576/);
  });

  test("a part whose declared size is over the cap is refused before inflating", async () => {
    const bytes = buildPackage([{ name: "Kitas", xml: KITAS }]);
    const zip = ZipArchive.open(bytes);
    const entry = zip.entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    // patch the declared size in the central directory to 3 GB
    const copy = bytes.slice();
    const view = new DataView(copy.buffer);
    for (let i = copy.length - 22; i > 0; i--) {
      if (
        view.getUint32(i, true) === 0x02014b50 &&
        new TextDecoder().decode(copy.subarray(i + 46, i + 46 + 24)) === entry.name
      ) {
        view.setUint32(i + 24, 3_000_000_000, true);
        break;
      }
    }
    await expect(PackageWorkbook.fromBuffer(copy)).rejects.toThrow(/Zip-Bombe|zu groß/);
  });

  test("a part that inflates to more than it declares (a zip bomb) is stopped while inflating", async () => {
    const big = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>` + " ".repeat(8_000_000));
    const bytes = buildPackage([{ name: "Kitas", xml: KITAS }]);
    // replace the sheet by a bomb that declares 1 KB
    const zip = ZipArchive.open(bytes);
    const outputs: ZipOutput[] = zip.entries.map((e) =>
      e.name === "xl/worksheets/sheet1.xml"
        ? { name: e.name, data: enc.encode(big) }
        : { name: e.name, copy: e, from: zip },
    );
    const bomb = writeZip(outputs);
    const view = new DataView(bomb.buffer);
    for (let i = bomb.length - 22; i > 0; i--) {
      if (
        view.getUint32(i, true) === 0x02014b50 &&
        new TextDecoder().decode(bomb.subarray(i + 46, i + 70)) === "xl/worksheets/sheet1.xml"
      ) {
        view.setUint32(i + 24, 1024, true);
        break;
      }
    }
    expect(bomb.length).toBeLessThan(200_000);
    const book = await PackageWorkbook.fromBuffer(bomb);
    await expect(book.readTable("Kitas")).rejects.toThrow(/zu groß oder beschädigt/);
  });

  test("a big user sheet is never inflated: copied as stored while SRB reads and writes its own", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 100_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>1</v></c></row>`);
    const huge = enc.encode(sheet(rows.join("")));
    const bytes = buildPackage([
      { name: "Kitas", xml: KITAS },
      { name: "Archiv", xml: "" },
    ]);
    const zip = ZipArchive.open(bytes);
    const input = writeZip(
      zip.entries.map((e) =>
        e.name === "xl/worksheets/sheet2.xml"
          ? { name: e.name, data: huge }
          : { name: e.name, copy: e, from: zip },
      ),
    );
    const book = await PackageWorkbook.fromBuffer(input);
    expect((await book.readTable("Kitas")).rows).toEqual([["Kita A", 12]]);
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "x" }]] }]);
    const inZip = ZipArchive.open(input);
    const outZip = ZipArchive.open(await book.toBuffer());
    const a = inZip.entry("xl/worksheets/sheet2.xml")!;
    const b = outZip.entry("xl/worksheets/sheet2.xml")!;
    expect(
      Buffer.from(outZip.bytes.subarray(b.dataOffset, b.dataOffset + b.compressedSize)).equals(
        Buffer.from(inZip.bytes.subarray(a.dataOffset, a.dataOffset + a.compressedSize)),
      ),
    ).toBe(true);
  });

  test("150,000 XML comments in a drawing: counted in linear time, kept byte for byte", async () => {
    const drawing = `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">${"<!-- x -->".repeat(150_000)}<xdr:twoCellAnchor><xdr:sp/></xdr:twoCellAnchor></xdr:wsDr>`;
    const bytes = buildPackage([
      {
        name: "Kitas",
        xml: KITAS.replace("</worksheet>", `<drawing xmlns:r="${REL}" r:id="d1"/></worksheet>`),
        rels: `<Relationships xmlns="${PKG}"><Relationship Id="d1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
        extra: [{ name: "xl/drawings/drawing1.xml", data: enc.encode(drawing) }],
      },
    ]);
    expect(await drawingsInXlsx(bytes)).toEqual([
      { sheet: "Kitas", charts: 0, srbCharts: 0, shapes: 1, pictures: 0 },
    ]);
    const book = await PackageWorkbook.fromBuffer(bytes);
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "x" }]] }]);
    expect(ZipArchive.open(await book.toBuffer()).text("xl/drawings/drawing1.xml")).toBe(drawing);
  });

  test("a DTD with entities is refused, never expanded", async () => {
    const xml =
      `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
      KITAS;
    const book = await PackageWorkbook.fromBuffer(buildPackage([{ name: "Kitas", xml }]));
    await expect(book.readTable("Kitas")).rejects.toThrow(/DTD/);
  });
});

describe("what the file is, when it is no .xlsx (17.9)", () => {
  const deflated = (text: string) => deflateSync(enc.encode(text));
  test("an encrypted workbook (OLE container with EncryptedPackage) is called password-protected", async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = "EncryptedPackage";
    for (let i = 0; i < name.length; i++) ole[1024 + 2 * i] = name.charCodeAt(i);
    expect(identifyFileKind(ole)).toBe("encrypted");
    await expect(PackageWorkbook.fromBuffer(ole, "Kitas.xlsx")).rejects.toThrow(
      /„Kitas.xlsx“ ist passwortgeschützt.*ohne Kennwort speichern/,
    );
  });

  test(".ods, .xlsb, a zip without a workbook, an old .xls: named, with what to do; never a URL", () => {
    const ods = writeZip([
      { name: "mimetype", data: enc.encode("application/vnd.oasis.opendocument.spreadsheet") },
      { name: "content.xml", data: enc.encode("<office:document-content/>") },
    ]);
    const xlsb = writeZip([
      {
        name: "[Content_Types].xml",
        data: enc.encode(
          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`,
        ),
      },
      {
        name: "_rels/.rels",
        data: enc.encode(
          `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
        ),
      },
      { name: "xl/workbook.bin", data: new Uint8Array([1, 2, 3]) },
    ]);
    const plainZip = writeZip([{ name: "liesmich.txt", data: enc.encode("hallo") }]);
    const xls = new Uint8Array(1024);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    "Workbook".split("").forEach((c, i) => (xls[600 + 2 * i] = c.charCodeAt(0)));
    const cases: [Uint8Array, string, RegExp][] = [
      [ods, "ods", /OpenDocument-Tabelle \(\.ods\).*„Excel-Arbeitsmappe \(\*\.xlsx\)“ speichern/],
      [xlsb, "xlsb", /Excel-Binärarbeitsmappe \(\.xlsb\)/],
      [plainZip, "zip-without-workbook", /Zip-Archiv, enthält aber keine Excel-Arbeitsmappe/],
      [xls, "xls", /alten Excel-Format \(\.xls/],
      [enc.encode("Einrichtung;Kinder\n"), "other", /keine Excel-Arbeitsmappe/],
      [new Uint8Array(0), "empty", /leer/],
      [deflated("kein zip"), "other", /keine Excel-Arbeitsmappe/],
    ];
    for (const [bytes, kind, message] of cases) {
      expect(identifyFileKind(bytes)).toBe(kind);
      const text = fileKindProblem(identifyFileKind(bytes), "Kitas.xlsx")!;
      expect(text).toMatch(message);
      expect(text).not.toMatch(/https?:|Can't|central directory/);
    }
  });

  test("a truncated .xlsx is called damaged", () => {
    const whole = buildPackage([{ name: "Kitas", xml: KITAS }]);
    const cut = whole.subarray(0, whole.length - 40);
    expect(identifyFileKind(cut)).toBe("damaged");
  });
});

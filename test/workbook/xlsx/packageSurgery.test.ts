/**
 * Nothing of the user's workbook is lost: SRB's output is the input package with only SRB's own parts
 * and the entries listing them changed. Fixtures written by openpyxl and LibreOffice (one .xlsm) carry a
 * table, a chart and a picture, data validation, conditional formats, a comment, global and sheet-local
 * defined names, a print area, workbook protection, a hidden sheet, custom document properties, a sparkline
 * group and a VBA project (test/fixtures/xlsx/make_fixtures.py).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SheetSpec } from "../../../src/workbook/port";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { ZipArchive } from "../../../src/workbook/xlsx/zipArchive";
import { recalcWithLibreOffice, withLibreOffice } from "../../helpers/libreoffice";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "xlsx");
const FILES = ["openpyxl-features.xlsx", "openpyxl-features.xlsm", "libreoffice-features.xlsx"];

const KITAS: (string | number)[][] = [
  ["Einrichtung", "Sozialraum", "Kinder", "Anteil SGB II", "Anteil nichtdeutsche Familiensprache"],
  ["Kita Sonnenschein", "Nord", 85, 0.25, 0.31],
  ["Kita Regenbogen", "Nord", 62, 0.18, 0.12],
  ["Kita Löwenzahn", "Süd", 130, 0.09, 0.05],
  ["Kita Pusteblume", "Süd", 48, 0.33, 0.41],
  ["Kita Sternschnuppe", "Mitte", 97, 0.21, 0.22],
  ["Kita Kunterbunt", "Mitte", 74, 0.27, 0.19],
];

function specs(marker: string): SheetSpec[] {
  const rows = KITAS.slice(1).map((r) => [{ value: r[0] }, { value: r[2], numFmt: '#,##0.00 "€"' }]);
  return [
    {
      name: "Verteilung",
      rows: [
        [
          { value: "Einrichtung", bold: true },
          { value: marker, bold: true },
        ],
        ...rows,
      ],
      freezeRows: 1,
      columnWidths: [24, 14],
      charts: [
        {
          kind: "bar",
          title: "Budget",
          firstRow: 1,
          lastRow: rows.length + 1,
          categoryColumn: 1,
          seriesColumns: [2],
          anchor: "D2",
        },
      ],
      tables: [
        { name: "SRB_Verteilung", headerRow: 1, lastRow: rows.length + 1, firstColumn: 1, lastColumn: 2 },
      ],
    },
    { name: "Methode", rows: [[{ value: "Summe" }, { value: 496, formula: "SUM(Verteilung!B2:B7)" }]] },
  ];
}

/** Entries that list SRB's parts (or hold its styles) and so may change. */
function listingParts(zip: ZipArchive): Set<string> {
  return new Set(
    ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"].filter((p) =>
      zip.entry(p),
    ),
  );
}

function raw(zip: ZipArchive, name: string): Buffer {
  const e = zip.entry(name)!;
  return Buffer.from(zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize));
}

async function run(bytes: Uint8Array, file: string, marker: string) {
  const book = await PackageWorkbook.fromBuffer(bytes, file);
  await book.writeStoredModel({ data: { sheet: "Kitas" }, budget: { total: 1002240 } });
  const report = await book.writeGeneratedSheets(specs(marker));
  return { out: await book.toBuffer(), report };
}

describe.each(FILES)("package surgery on %s", (file) => {
  const input = new Uint8Array(readFileSync(join(FIXTURES, file)));

  test("reads the data sheet with its number formats (table targets absolute or relative)", async () => {
    const book = await PackageWorkbook.fromBuffer(input, file);
    expect(await book.sheetNames()).toEqual(["Kitas", "Auswertung", "Versteckt"]);
    const table = (await book.readTable("Kitas")) as Awaited<ReturnType<PackageWorkbook["readTable"]>> & {
      formats?: (string | null)[][];
    };
    expect([table.headers, ...table.rows]).toEqual(KITAS);
    expect(table.formats?.[0]).toEqual([null, null, null, "0.0%", "0.0%"]);
  });

  test("every entry but SRB's parts and the entries listing them is byte-identical, also after a re-run", async () => {
    const inZip = ZipArchive.open(input);
    const first = await run(input, file, "erster");
    const second = await run(first.out, file, "zweiter");
    const outZip1 = ZipArchive.open(first.out);
    const outZip2 = ZipArchive.open(second.out);
    const listing = listingParts(inZip);
    for (const entry of inZip.entries) {
      if (listing.has(entry.name)) continue;
      for (const out of [outZip1, outZip2]) {
        expect(out.entry(entry.name)).toBeDefined();
        expect(raw(out, entry.name).equals(raw(inZip, entry.name))).toBe(true);
      }
    }
    // what is new belongs to SRB: its sheets, their drawing, charts and result table
    const added = outZip1.entries.map((e) => e.name).filter((n) => !inZip.entry(n));
    for (const name of added)
      expect(name).toMatch(/^xl\/(worksheets|drawings|charts|tables)\/(_rels\/)?[a-z]+\d+\.xml(\.rels)?$/);
    expect(added.filter((n) => n.startsWith("xl/tables/"))).toHaveLength(1);
    // its table id is free in the workbook (the user's tables keep theirs)
    const ids = (zip: ZipArchive) =>
      zip.entries
        .filter((e) => /^xl\/tables\/[^/]+\.xml$/.test(e.name))
        .map((e) => /<(?:\w+:)?table\b[^>]*\bid="(\d+)"/.exec(zip.text(e.name)!)?.[1]);
    for (const out of [outZip1, outZip2]) expect(new Set(ids(out)).size).toBe(ids(out).length);
    // the re-run replaces SRB's parts in place: same part names, no growth
    expect(outZip2.entries.map((e) => e.name).sort()).toEqual(outZip1.entries.map((e) => e.name).sort());
    expect(second.report.replaced.sort()).toEqual(["Methode", "Verteilung"]);
    expect(second.report.notes).toEqual([]);
    // workbook.xml: exactly the input's, plus SRB's <sheet> elements (names, protection, views kept) and
    // the print titles of its sheets, each local to the sheet it names
    const wbIn = inZip.text("xl/workbook.xml")!;
    for (const out of [outZip1, outZip2]) {
      const wbOut = out.text("xl/workbook.xml")!;
      const srbSheets = wbOut.match(/<(\w+:)?sheet name="(Verteilung|Methode|_SRB)"[^>]*\/>/g) ?? [];
      expect(srbSheets).toHaveLength(3);
      const order = [...wbOut.matchAll(/<(?:\w+:)?sheet\b[^>]*?\sname="([^"]+)"/g)].map((m) => m[1]);
      const titles = [
        ...wbOut.matchAll(
          /<(?:\w+:)?definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">'([^']+)'!\$1:\$1<\/(?:\w+:)?definedName>/g,
        ),
      ];
      expect(titles.map((m) => m[2])).toEqual(["Verteilung"]);
      for (const m of titles) expect(order[Number(m[1])]).toBe(m[2]);
      let rest = srbSheets.reduce((t, s) => t.replace(s, ""), wbOut);
      for (const m of titles) rest = rest.replace(m[0], "");
      if (!/definedNames/.test(wbIn)) rest = rest.replace(/<(\w+:)?definedNames><\/(\w+:)?definedNames>/, "");
      expect(rest).toBe(wbIn);
    }
    expect(outZip2.text("xl/workbook.xml")).toBe(outZip1.text("xl/workbook.xml"));
    // styles: the user's cell styles keep their indices (SRB only appends), and a re-run adds nothing
    const xfs = (xml: string) =>
      xml
        .slice(xml.indexOf("<cellXfs"), xml.indexOf("</cellXfs>"))
        .match(/<xf\b[^>]*?(\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    const userXfs = xfs(inZip.text("xl/styles.xml")!);
    const outXfs = xfs(outZip1.text("xl/styles.xml")!);
    expect(userXfs.length).toBeGreaterThan(0);
    expect(outXfs.slice(0, userXfs.length)).toEqual(userXfs);
    expect(outXfs.length).toBeGreaterThan(userXfs.length);
    expect(outZip2.text("xl/styles.xml")).toBe(outZip1.text("xl/styles.xml"));
  });

  test("the output reads back: user data, SRB's sheets, the stored model; an .xlsm stays macro-enabled", async () => {
    const { out } = await run(input, file, "erster");
    const book = await PackageWorkbook.fromBuffer(out, file);
    expect(await book.sheetNames()).toEqual(["Kitas", "Auswertung", "Versteckt", "Verteilung", "Methode"]);
    const t = await book.readTable("Kitas");
    expect([t.headers, ...t.rows]).toEqual(KITAS);
    expect((await book.readTable("Verteilung")).headers).toEqual(["Einrichtung", "erster"]);
    expect(await book.readStoredModel()).toEqual({ data: { sheet: "Kitas" }, budget: { total: 1002240 } });
    const types = ZipArchive.open(out).text("[Content_Types].xml")!;
    if (file.endsWith(".xlsm")) {
      expect(types).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
      expect(ZipArchive.open(out).entry("xl/vbaProject.bin")).toBeDefined();
    }
    expect(types.match(/PartName="\/xl\/charts\/chart\d+\.xml"/g)?.length).toBe(
      ZipArchive.open(out).entries.filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name)).length,
    );
  });

  withLibreOffice(
    "LibreOffice opens the output: the user's sheets read as before, SRB's sheets as written",
    async () => {
      const before = await recalcWithLibreOffice(input);
      const { out } = await run(input, file, "erster");
      const after = await recalcWithLibreOffice(out);
      for (const sheet of ["Kitas", "Auswertung", "Versteckt"]) expect(after[sheet]).toEqual(before[sheet]);
      expect(after["Verteilung"][0]).toEqual(["Einrichtung", "erster"]);
      expect(after["Methode"][0]).toEqual(["Summe", "496"]);
    },
    180_000,
  );
});

/**
 * Native charts in .xlsx files (test/helpers/exceljsWorkbook/xlsxCharts.ts, drawn by XlsxWorkbook.toBuffer): the DrawingML
 * parts exist and are well-formed XML, every relationship resolves, the chart formulas point at the right
 * cells of the right (quoted) sheet, exceljs re-opens the file, and LibreOffice renders the chart.
 *
 * Worked by hand (fixture: 3 Sozialräume Nord/Mitte/Süd in rows 2–4, two categories):
 * - Verteilung: categories A2:A4, "Anteil" is column 6 = F → 'Verteilung'!$F$2:$F$4 with the cached shares
 *   53/136 = 0.3897…, 43.2/136 = 0.3176…, 39.8/136 = 0.2926…; anchor N2 → column index 13, row index 1.
 * - Einrichtungen (no Bremen columns): 1 Einrichtung, 2 Sozialraum, 3 Kinder, 4 Soziale Lage, 5 Flucht und
 *   Migration, 6 Gesamtindex (F), 7 Normbereich, 8–12 the five strands, 13–15 Betrag (Vorschlag), Betrag
 *   (angepasst), Differenz, 16 Normbereich unten (P), 17 Normbereich oben (Q). Header row 1 names the series,
 *   data rows 2–7 (six Kitas): 'Einrichtungen'!$F$2:$F$7, $P$2:$P$7, $Q$2:$Q$7, names from $F$1, $P$1, $Q$1.
 * - Robustheit (8 Sozialräume): header row 4, data rows 5–12; series columns 3, 2, 5 = C, B, E →
 *   'Robustheit'!$C$5:$C$12 ("Anteil min"), 'Robustheit'!$B$5:$B$12 ("Anteil jetzt"), $E$5:$E$12.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { JSDOM } from "jsdom";
import JSZip from "jszip";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Robustness } from "../../src/engine/robustness";
import { allocationSheets } from "../../src/workbook/allocationSheets";
import type { ChartSpec, SheetCell, SheetSpec } from "../../src/workbook/port";
import { robustnessSheet } from "../../src/workbook/robustnessSheet";
import {
  UPRIGHT_LABELS_FROM,
  chartXml,
  resolveChart,
  sheetColumnRange,
  xmlEscape,
} from "../../src/workbook/chartParts";
import { addChartsToXlsx, drawingsInXlsx } from "../helpers/exceljsWorkbook/xlsxCharts";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { relsPartOf, resolveTarget } from "../../src/workbook/xlsx/xmlParts";
import {
  LIBREOFFICE,
  findExecutable,
  requireTool,
  testWithTool,
  type ExternalTool,
} from "../helpers/libreoffice";
import { fixtureAllocation } from "./fixtures";

const CTX = {
  inputRange: "Kitas!A1:G7",
  checksum: "0".repeat(64),
  date: "2024-05-17",
  version: "0.1.0",
  issues: [],
};

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  pkg: "http://schemas.openxmlformats.org/package/2006/relationships",
  ct: "http://schemas.openxmlformats.org/package/2006/content-types",
};

const parser = new new JSDOM("").window.DOMParser();

/** Parses XML and fails the test on a parse error (jsdom returns a <parsererror> document then). */
function parseXml(xml: string, what: string): Document {
  const doc = parser.parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`${what} ist kein wohlgeformtes XML: ${error.textContent}`);
  return doc;
}

function all(node: Document | Element, ns: string, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

interface ChartSeen {
  part: string;
  title: string;
  kind: "bar" | "line";
  barDir: string | null;
  grouping: string | null;
  anchorFrom: { col: number; row: number };
  series: { nameRef: string | null; name: string; catRef: string; valRef: string; values: number[] }[];
}

/**
 * Follows the package from the outside, as Excel does: workbook.xml → sheet part → its rels → drawing
 * (and the sheet's `<drawing r:id>`) → drawing rels → chart part; every part must be well-formed and
 * declared in [Content_Types].xml. Returns the charts per sheet name.
 */
async function chartsInPackage(bytes: Uint8Array): Promise<Map<string, ChartSeen[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (part: string) => {
    const f = zip.file(part);
    if (!f) throw new Error(`Teil ${part} fehlt in der Datei`);
    return f.async("string");
  };
  const types = parseXml(await text("[Content_Types].xml"), "[Content_Types].xml");
  const overrides = new Map(
    all(types, NS.ct, "Override").map((o) => [o.getAttribute("PartName"), o.getAttribute("ContentType")]),
  );
  const workbook = parseXml(await text("xl/workbook.xml"), "workbook.xml");
  const wbRels = parseXml(await text("xl/_rels/workbook.xml.rels"), "workbook.xml.rels");
  const relTarget = (doc: Document, id: string) =>
    all(doc, NS.pkg, "Relationship").find((r) => r.getAttribute("Id") === id);
  const out = new Map<string, ChartSeen[]>();
  for (const sheet of all(workbook, NS.main, "sheet")) {
    const name = sheet.getAttribute("name") as string;
    const part = resolveTarget(
      "xl/workbook.xml",
      relTarget(wbRels, sheet.getAttributeNS(NS.r, "id")!)!.getAttribute("Target")!,
    );
    const sheetDoc = parseXml(await text(part), part);
    const drawingEl = all(sheetDoc, NS.main, "drawing")[0];
    if (!drawingEl) continue;
    const sheetRels = parseXml(await text(relsPartOf(part)), relsPartOf(part));
    const drawingRel = relTarget(sheetRels, drawingEl.getAttributeNS(NS.r, "id")!)!;
    expect(drawingRel.getAttribute("Type")).toBe(`${NS.r}/drawing`);
    const drawingPart = resolveTarget(part, drawingRel.getAttribute("Target")!);
    expect(overrides.get(`/${drawingPart}`)).toBe(
      "application/vnd.openxmlformats-officedocument.drawing+xml",
    );
    const drawing = parseXml(await text(drawingPart), drawingPart);
    const drawingRels = parseXml(await text(relsPartOf(drawingPart)), relsPartOf(drawingPart));
    const charts: ChartSeen[] = [];
    for (const anchor of all(drawing, NS.xdr, "twoCellAnchor")) {
      const from = all(anchor, NS.xdr, "from")[0];
      const num = (tag: string) => Number(all(from, NS.xdr, tag)[0].textContent);
      const ref = all(anchor, NS.c, "chart")[0];
      const chartRel = relTarget(drawingRels, ref.getAttributeNS(NS.r, "id")!)!;
      expect(chartRel.getAttribute("Type")).toBe(`${NS.r}/chart`);
      const chartPart = resolveTarget(drawingPart, chartRel.getAttribute("Target")!);
      expect(overrides.get(`/${chartPart}`)).toBe(
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
      );
      const chart = parseXml(await text(chartPart), chartPart);
      const bar = all(chart, NS.c, "barChart")[0];
      const line = all(chart, NS.c, "lineChart")[0];
      const plot = bar ?? line;
      const val = (el: Element | undefined) => el?.getAttribute("val") ?? null;
      charts.push({
        part: chartPart,
        title: all(all(chart, NS.c, "title")[0], NS.a, "t")
          .map((t) => t.textContent)
          .join(""),
        kind: bar ? "bar" : "line",
        barDir: val(all(plot, NS.c, "barDir")[0]),
        grouping: val(all(plot, NS.c, "grouping")[0]),
        anchorFrom: { col: num("col"), row: num("row") },
        series: all(plot, NS.c, "ser").map((s) => {
          const tx = all(s, NS.c, "tx")[0];
          const cat = all(s, NS.c, "cat")[0];
          const v = all(s, NS.c, "val")[0];
          return {
            nameRef: all(tx, NS.c, "f")[0]?.textContent ?? null,
            name: all(tx, NS.c, "v")[0]?.textContent ?? "",
            catRef: all(all(cat, NS.c, "strRef")[0], NS.c, "f")[0].textContent ?? "",
            valRef: all(all(v, NS.c, "numRef")[0], NS.c, "f")[0].textContent ?? "",
            values: all(all(v, NS.c, "numCache")[0], NS.c, "v").map((x) => Number(x.textContent)),
          };
        }),
      });
    }
    out.set(name, charts);
  }
  return out;
}

/** Eight Sozialräume (the Bad Kreuznach 2021 shares), hand-made robustness ranges. */
function robustnessFixture(): Robustness {
  const shares = [0.1737, 0.1415, 0.1304, 0.1229, 0.1198, 0.1098, 0.1016, 0.1003];
  const names = ["Nord", "Süd", "Ost", "West", "Mitte", "Altstadt", "Bad Münster", "Planig"];
  return {
    areas: shares.map((share, i) => ({
      name: names[i],
      share,
      shareMin: share - 0.01,
      shareMedian: share,
      shareMax: share + 0.01,
      rank: i + 1,
      rankMin: Math.max(1, i),
      rankMax: Math.min(8, i + 2),
      flagged: false,
    })),
    units: [],
    runs: 10,
    monteCarloRuns: 0,
    seed: 1,
    spread: 0.5,
    alternatives: [],
  };
}

async function allocationWorkbook(extra: SheetSpec[] = []) {
  const book = XlsxWorkbook.empty();
  const report = await book.writeGeneratedSheets([...allocationSheets(fixtureAllocation(), CTX), ...extra]);
  return { book, report, bytes: await book.toBuffer() };
}

describe("sheetColumnRange", () => {
  test("quotes every sheet name, doubles a quote, absolute rows and columns", () => {
    expect(sheetColumnRange("Robustheit", 2, 5, 12)).toBe("'Robustheit'!$B$5:$B$12");
    expect(sheetColumnRange("Verteilung (2)", 6, 2, 4)).toBe("'Verteilung (2)'!$F$2:$F$4");
    expect(sheetColumnRange("Prüfbericht Süd", 28, 1, 1)).toBe("'Prüfbericht Süd'!$AB$1");
    expect(sheetColumnRange("Träger's", 1, 3, 9)).toBe("'Träger''s'!$A$3:$A$9");
  });

  test("xmlEscape leaves no markup characters", () => {
    expect(xmlEscape(`'A' & "B" <C>`)).toBe("&apos;A&apos; &amp; &quot;B&quot; &lt;C&gt;");
  });
});

describe("category labels", () => {
  /** The chart part of a bar chart over `labels` (one value each), as the package path writes it. */
  const partOver = (labels: string[]) => {
    const rows: SheetCell[][] = [
      [{ value: "Code" }, { value: "Gesamtindex" }],
      ...labels.map((l, i) => [{ value: l }, { value: i }]),
    ];
    const spec: ChartSpec = {
      kind: "bar",
      title: "Gesamtindex",
      firstRow: 1,
      lastRow: rows.length,
      categoryColumn: 1,
      seriesColumns: [2],
      anchor: `A${rows.length + 2}`,
    };
    const resolved = resolveChart("Einrichtungen", spec, rows);
    if (!("chart" in resolved)) throw new Error(resolved.note);
    return chartXml("Einrichtungen", resolved.chart);
  };
  const codes = (n: number) => Array.from({ length: n }, (_, i) => `E${String(i + 1).padStart(2, "0")}`);

  test("many short labels (the publication's codes) stand upright, between tickLblPos and crossAx", () => {
    const xml = partOver(codes(45));
    expect(UPRIGHT_LABELS_FROM).toBe(25);
    expect(xml).toMatch(
      /<c:tickLblPos val="low"\/><c:txPr><a:bodyPr rot="-5400000" vert="horz"\/>.*?<\/c:txPr><c:crossAx/,
    );
    expect(
      new JSDOM(xml, { contentType: "text/xml" }).window.document.querySelector("parsererror"),
    ).toBeNull();
  });

  test("few labels, or long ones (Kita names, which the hosts turn by themselves), keep the host's default", () => {
    expect(partOver(codes(24))).not.toContain("<c:txPr>");
    expect(partOver(codes(45).map((c) => `Kita ${c}`))).not.toContain("<c:txPr>");
  });
});

describe("charts in the allocation workbook (.xlsx)", () => {
  test("Verteilung: clustered column chart of the shares, below the table (column A), no 'not drawn' note", async () => {
    const { bytes, report } = await allocationWorkbook();
    expect(report.notes?.join("\n") ?? "").not.toMatch(/Diagramm/);
    const charts = await chartsInPackage(bytes);
    const [chart] = charts.get("Verteilung")!;
    expect(chart).toMatchObject({
      title: "Anteile der Sozialräume am Budget",
      kind: "bar",
      barDir: "col",
      grouping: "clustered",
      // below the table, the total row and the notes (3 areas: rows 1–9), where it prints on the same page
      anchorFrom: { col: 0, row: 10 },
    });
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0].catRef).toBe("'Verteilung'!$A$2:$A$4");
    expect(chart.series[0].valRef).toBe("'Verteilung'!$F$2:$F$4");
    expect(chart.series[0].values.map((v) => v.toFixed(4))).toEqual(["0.3897", "0.3176", "0.2926"]);
  });

  test("Einrichtungen: one bar per Kita for the Gesamtindex (no line across Kitas), the norm band in the title", async () => {
    const { bytes } = await allocationWorkbook();
    const [chart] = (await chartsInPackage(bytes)).get("Einrichtungen")!;
    expect(chart.kind).toBe("bar");
    expect(chart.title).toBe("Gesamtindex je Einrichtung (Normbereich 36,0 bis 54,6)");
    expect(chart.series.map((s) => [s.nameRef, s.name, s.valRef])).toEqual([
      ["'Einrichtungen'!$F$1", "Gesamtindex", "'Einrichtungen'!$F$2:$F$7"],
    ]);
    expect(chart.series[0].catRef).toBe("'Einrichtungen'!$A$2:$A$7");
    // Sonnenschein (70 + 50) / 2 = 60 … Wirbelwind (30 + 39.2) / 2 = 34.6; band: mean 45.33 ± sd 9.30
    expect(chart.series[0].values).toEqual([60, 46, 50, 36.4, 45, 34.6]);
  });

  test("Robustheit: min / jetzt / max per Sozialraum, header row 4 names the series", async () => {
    const sheet = robustnessSheet(robustnessFixture(), { unitName: (id) => id });
    const { bytes } = await allocationWorkbook([sheet]);
    const [chart] = (await chartsInPackage(bytes)).get("Robustheit")!;
    expect(chart.series.map((s) => [s.name, s.valRef])).toEqual([
      ["Anteil min", "'Robustheit'!$C$5:$C$12"],
      ["Anteil jetzt", "'Robustheit'!$B$5:$B$12"],
      ["Anteil max", "'Robustheit'!$E$5:$E$12"],
    ]);
    expect(chart.series[1].values[0]).toBe(0.1737);
    expect(chart.series[0].catRef).toBe("'Robustheit'!$A$5:$A$12");
    // below every table (column A, after the last row), clear of the texts beside them (issue 14, item 5)
    expect(chart.anchorFrom).toEqual({ col: 0, row: sheet.rows.length + 1 });
  });

  test("a sheet renamed on a clash with a user sheet is referenced under its written name", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Verteilung").addRow(["meine Notizen"]);
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const report = await book.writeGeneratedSheets(allocationSheets(fixtureAllocation(), CTX));
    const written = report.sheets.find((s) => s.requested === "Verteilung")!.written;
    expect(written).toBe("Verteilung (2)");
    const charts = await chartsInPackage(await book.toBuffer());
    expect(charts.has("Verteilung")).toBe(false); // the user's sheet gets nothing
    expect(charts.get(written)![0].series[0].valRef).toBe("'Verteilung (2)'!$F$2:$F$4");
  });

  test("<drawing> sits where the schema wants it, also next to a cell note's <legacyDrawing>", async () => {
    const book = XlsxWorkbook.empty();
    const spec: SheetSpec = {
      name: "Verteilung",
      // a text over Excel's limit gets a cell note: exceljs writes <legacyDrawing> for it
      rows: [
        [{ value: "x".repeat(40_000) }, { value: "Anteil" }],
        [{ value: "Nord" }, { value: 1 }],
      ],
      charts: [
        {
          kind: "bar",
          title: "T",
          firstRow: 1,
          lastRow: 2,
          categoryColumn: 1,
          seriesColumns: [2],
          anchor: "D2",
        },
      ],
    };
    await book.writeGeneratedSheets([spec]);
    const zip = await JSZip.loadAsync(await book.toBuffer());
    const order = [
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "sheetCalcPr",
      "sheetProtection",
      "protectedRanges",
      "scenarios",
      "autoFilter",
      "sortState",
      "dataConsolidate",
      "customSheetViews",
      "mergeCells",
      "phoneticPr",
      "conditionalFormatting",
      "dataValidations",
      "hyperlinks",
      "printOptions",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "rowBreaks",
      "colBreaks",
      "customProperties",
      "cellWatches",
      "ignoredErrors",
      "smartTags",
      "drawing",
      "legacyDrawing",
      "legacyDrawingHF",
      "drawingHF",
      "picture",
      "oleObjects",
      "controls",
      "webPublishItems",
      "tableParts",
      "extLst",
    ];
    const doc = parseXml(await zip.file("xl/worksheets/sheet1.xml")!.async("string"), "sheet1.xml");
    const children = Array.from(doc.documentElement.children).map((e) => e.localName);
    expect(children).toContain("legacyDrawing");
    expect(children.filter((c) => c === "drawing")).toHaveLength(1);
    const positions = children.map((c) => order.indexOf(c));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // the note's relationship is kept next to the new drawing's
    const rels = parseXml(await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string"), "rels");
    const ids = all(rels, NS.pkg, "Relationship").map((r) => r.getAttribute("Id"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3); // comments, vmlDrawing, drawing
  });

  test("charts that do not fit their sheet are named in the notes and not drawn", async () => {
    const book = XlsxWorkbook.empty();
    const rows: SheetCell[][] = [
      [{ value: "Sozialraum" }, { value: "Anteil" }],
      [{ value: "Nord" }, { value: 1 }],
    ];
    const base: ChartSpec = {
      kind: "bar",
      title: "",
      firstRow: 1,
      lastRow: 2,
      categoryColumn: 1,
      seriesColumns: [2],
      anchor: "D2",
    };
    const report = await book.writeGeneratedSheets([
      {
        name: "Verteilung",
        rows,
        charts: [
          { ...base, title: "zu lang", lastRow: 9 },
          { ...base, title: "ohne Anker", anchor: "irgendwo" },
          { ...base, title: "nur Kopf", lastRow: 1 },
        ],
      },
    ]);
    const notes = report.notes!.join("\n");
    expect(notes).toMatch(/Diagramm „zu lang“ nicht erstellt, sein Datenbereich liegt nicht auf dem Blatt/);
    expect(notes).toMatch(/Diagramm „ohne Anker“ nicht erstellt, „irgendwo“ ist keine Zelladresse/);
    expect(notes).toMatch(/Diagramm „nur Kopf“ nicht erstellt, es hat keine Datenzeilen/);
    const zip = await JSZip.loadAsync(await book.toBuffer());
    expect(zip.file(/^xl\/charts\//)).toHaveLength(0);
  });

  test("property: any sheet name and block is referenced exactly, every part is well-formed", async () => {
    const nameChar = fc.constantFrom(..."AbäöüßÄ &<>()-'1 ".split(""));
    await fc.assert(
      fc.asyncProperty(
        fc.array(nameChar, { minLength: 1, maxLength: 20 }).map((cs) => `X${cs.join("")}Z`),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<"bar" | "line">("bar", "line"),
        async (sheet, headerRow, count, kind) => {
          const rows: SheetCell[][] = Array.from({ length: headerRow - 1 }, () => []);
          rows.push([{ value: "Kita" }, { value: "Wert <&>" }]);
          for (let i = 0; i < count; i++) rows.push([{ value: `K${i} & „ü“` }, { value: i * 1.5 }]);
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet(sheet);
          rows.forEach((r, i) => r.forEach((c, j) => (ws.getCell(i + 1, j + 1).value = c.value)));
          const chart: ChartSpec = {
            kind,
            title: "A & <B>",
            firstRow: headerRow,
            lastRow: headerRow + count,
            categoryColumn: 1,
            seriesColumns: [2],
            anchor: "E3",
          };
          const { xlsx, notes } = await addChartsToXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), [
            { sheet, rows, charts: [chart] },
          ]);
          expect(notes).toEqual([]);
          const [seen] = (await chartsInPackage(xlsx)).get(sheet)!;
          const quoted = `'${sheet.replace(/'/g, "''")}'`;
          expect(seen.title).toBe("A & <B>");
          expect(seen.series[0].name).toBe("Wert <&>");
          expect(seen.series[0].valRef).toBe(
            count === 1
              ? `${quoted}!$B$${headerRow + 1}`
              : `${quoted}!$B$${headerRow + 1}:$B$${headerRow + count}`,
          );
          expect(seen.series[0].values).toEqual(Array.from({ length: count }, (_, i) => i * 1.5));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("re-opening with exceljs", () => {
  test("the file with charts opens, reads back, and a re-run draws SRB's charts again without a warning", async () => {
    const { bytes } = await allocationWorkbook();
    const again = await XlsxWorkbook.fromBuffer(bytes);
    expect(await again.sheetNames()).toEqual([
      "Verteilung",
      "Einrichtungen",
      "Normbereiche",
      "Prüfbericht",
      "Methode",
    ]);
    const table = await again.readTable("Verteilung");
    expect(table.rows.slice(0, 3).map((r) => r[0])).toEqual(["Nord", "Mitte", "Süd"]);
    const report = await again.writeGeneratedSheets(allocationSheets(fixtureAllocation(), CTX));
    expect(report.replaced).toHaveLength(5);
    expect(report.notes?.join("\n") ?? "").not.toMatch(/ACHTUNG|Diagramm/);
    const charts = await chartsInPackage(await again.toBuffer());
    expect([...charts.keys()]).toEqual(["Verteilung", "Einrichtungen"]);
  });

  test("a user's own chart is lost when exceljs saves: the write report says so loudly, pictures stay", async () => {
    const wb = new ExcelJS.Workbook();
    const own = wb.addWorksheet("Auswertung Träger");
    own.addRow(["Sozialraum", "Plätze"]);
    own.addRow(["Nord", 40]);
    const pictures = wb.addWorksheet("Logo");
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    pictures.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" }), "B2:C3");
    const userChart: ChartSpec = {
      kind: "bar",
      title: "Plätze",
      firstRow: 1,
      lastRow: 2,
      categoryColumn: 1,
      seriesColumns: [2],
      anchor: "D2",
    };
    const { xlsx: input } = await addChartsToXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), [
      {
        sheet: "Auswertung Träger",
        rows: [
          [{ value: "Sozialraum" }, { value: "Plätze" }],
          [{ value: "Nord" }, { value: 40 }],
        ],
        charts: [userChart],
      },
    ]);
    expect(await drawingsInXlsx(input)).toEqual([
      { sheet: "Auswertung Träger", charts: 1, srbCharts: 1, shapes: 0, pictures: 0 },
      { sheet: "Logo", charts: 0, srbCharts: 0, shapes: 0, pictures: 1 },
    ]);

    const book = await XlsxWorkbook.fromBuffer(input);
    const report = await book.writeGeneratedSheets(allocationSheets(fixtureAllocation(), CTX));
    const warnings = report.notes!.filter((n) => n.startsWith("ACHTUNG"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Blatt „Auswertung Träger“ enthält 1 Diagramm\. .*gehen sie verloren/);
    const output = await book.toBuffer();
    // what the note announces: the user's chart is gone, the picture and SRB's own charts are there
    expect(await drawingsInXlsx(output)).toEqual([
      { sheet: "Logo", charts: 0, srbCharts: 0, shapes: 0, pictures: 1 },
      { sheet: "Verteilung", charts: 1, srbCharts: 1, shapes: 0, pictures: 0 },
      { sheet: "Einrichtungen", charts: 1, srbCharts: 1, shapes: 0, pictures: 0 },
    ]);
  });
});

// --- LibreOffice renders the chart --------------------------------------------------------------------

const PDFTOPPM: ExternalTool = {
  name: "pdftoppm",
  path: process.env.PDFTOPPM ?? findExecutable(["pdftoppm"]),
  debianPackage: "poppler-utils",
};
const withLibreOfficeAndPoppler = testWithTool(LIBREOFFICE.path ? PDFTOPPM : LIBREOFFICE);

function run(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(program, args, { timeout: 120_000, env }, (error, _out, stderr) =>
      error ? reject(new Error(`${program} fehlgeschlagen: ${error.message}\n${stderr}`)) : resolve(),
    ),
  );
}

/** LibreOffice (fresh profile) converts the workbook to PDF; pdftoppm renders page 1 as a PPM image. */
async function renderFirstPage(
  xlsx: Uint8Array,
): Promise<{ pdfBytes: number; pixels: Buffer; width: number }> {
  const soffice = requireTool(LIBREOFFICE);
  const pdftoppm = requireTool(PDFTOPPM);
  const dir = await mkdtemp(join(tmpdir(), "srb-chart-"));
  try {
    await mkdir(join(dir, "out"));
    await writeFile(join(dir, "book.xlsx"), xlsx);
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        join(dir, "out"),
        join(dir, "book.xlsx"),
      ],
      { ...process.env, HOME: dir },
    );
    const pdf = await readFile(join(dir, "out", "book.pdf"));
    await run(pdftoppm, [
      "-r",
      "40",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(dir, "out", "book.pdf"),
      join(dir, "page"),
    ]);
    const ppm = await readFile(join(dir, "page.ppm"));
    // binary PPM: "P6\n<width> <height>\n255\n" then RGB bytes
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"));
    if (!header) throw new Error("pdftoppm hat kein P6-Bild geschrieben");
    return { pdfBytes: pdf.length, pixels: ppm.subarray(header[0].length), width: Number(header[1]) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pixels in the bars' colour (#4472C4, anti-aliasing tolerated). */
function barPixels(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    if (
      Math.abs(pixels[i] - 0x44) < 24 &&
      Math.abs(pixels[i + 1] - 0x72) < 24 &&
      Math.abs(pixels[i + 2] - 0xc4) < 24
    )
      n++;
  }
  return n;
}

describe("LibreOffice renders the charts", () => {
  withLibreOfficeAndPoppler(
    "page 1 (Verteilung) shows the share bars; without the chart it has none",
    async () => {
      const specs = allocationSheets(fixtureAllocation(), CTX);
      const withCharts = XlsxWorkbook.empty();
      await withCharts.writeGeneratedSheets(specs);
      const without = XlsxWorkbook.empty();
      await without.writeGeneratedSheets(specs.map((s) => ({ ...s, charts: [] })));
      const drawn = await renderFirstPage(await withCharts.toBuffer());
      const plain = await renderFirstPage(await without.toBuffer());
      expect(drawn.pdfBytes).toBeGreaterThan(plain.pdfBytes);
      expect(barPixels(plain.pixels)).toBe(0);
      // three bars of a chart some 4 cm high at 40 dpi: well over a hundred pixels of bar colour
      expect(barPixels(drawn.pixels)).toBeGreaterThan(100);
    },
  );
});

/**
 * SRB's own charts: the name SRB gives each, and how a re-run tells them from the user's charts (by name,
 * else by one of SRB's titles, read from the chart part).
 */
import {
  INDEX_CHART_TITLE,
  PUBLISHED_INDEX_CHART_TITLE,
  RANGES_CHART_TITLE,
  SHARES_CHART_TITLE,
  isSrbChart,
  srbChartName,
} from "../../src/workbook/srbCharts";
import { chartTitle, drawingPartObjects } from "../../src/workbook/xlsx/drawingObjects";
import { writeZip, ZipArchive } from "../../src/workbook/xlsx/zipArchive";

describe("SRB's charts by name and title", () => {
  test("SRB names its charts „SRB-Diagramm n“", () => {
    expect([0, 1].map(srbChartName)).toEqual(["SRB-Diagramm 1", "SRB-Diagramm 2"]);
  });

  test.each([
    ["SRB-Diagramm 1", "Meine Auswertung", true],
    ["SRB-Diagramm 12", null, true],
    // an earlier SRB, or a program that renames charts on saving (openpyxl: "Chart 1"), with SRB's titles
    ["Chart 1", SHARES_CHART_TITLE, true],
    ["Diagramm 1", RANGES_CHART_TITLE, true],
    ["Chart 2", INDEX_CHART_TITLE, true],
    ["Chart 2", `${INDEX_CHART_TITLE} (Normbereich 27,2 bis 67,5)`, true],
    // the publication file's index chart, and the index chart's title in earlier SRB builds
    ["Chart 1", PUBLISHED_INDEX_CHART_TITLE, true],
    ["Diagramm 1", "Gesamtindex der Einrichtungen und Normbereich", true],
    // the user's: Excel's default names, other titles, look-alike names
    ["Diagramm 1", "Kinder je Kita", false],
    ["Chart 1", null, false],
    ["SRB-Diagramm", "Kinder je Kita", false],
    ["SRB-Diagramm 1a", "Kinder je Kita", false],
    ["Diagramm 2", `${INDEX_CHART_TITLE} 2025`, false],
  ])("name %p, title %p: SRB's? %p", (name, title, expected) => {
    expect(isSrbChart(name, title)).toBe(expected);
  });
});

describe("chartTitle reads a chart part's own title", () => {
  const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
  const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
  const zipOf = (xml: string) =>
    ZipArchive.open(writeZip([{ name: "xl/charts/chart1.xml", data: new TextEncoder().encode(xml) }]));

  test("prefixed, as SRB and Excel write it: the runs of the title, not an axis title", () => {
    const xml =
      `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}"><c:chart><c:title><c:tx><c:rich><a:p>` +
      `<a:r><a:t>Anteile der </a:t></a:r><a:r><a:t>Sozialräume am Budget</a:t></a:r></a:p></c:rich></c:tx></c:title>` +
      `<c:plotArea><c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>Euro</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx></c:plotArea>` +
      `</c:chart></c:chartSpace>`;
    expect(chartTitle(zipOf(xml), "xl/charts/chart1.xml")).toBe(SHARES_CHART_TITLE);
  });

  test("unprefixed, as openpyxl writes it", () => {
    const xml = `<chartSpace xmlns="${C}"><chart><title><tx><rich><a:p xmlns:a="${A}"><a:r><a:t>${RANGES_CHART_TITLE}</a:t></a:r></a:p></rich></tx></title></chart></chartSpace>`;
    expect(chartTitle(zipOf(xml), "xl/charts/chart1.xml")).toBe(RANGES_CHART_TITLE);
  });

  test("a chart without a title of its own (only an axis title) has none", () => {
    const xml = `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}"><c:chart><c:plotArea><c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>${SHARES_CHART_TITLE}</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx></c:plotArea></c:chart></c:chartSpace>`;
    expect(chartTitle(zipOf(xml), "xl/charts/chart1.xml")).toBeNull();
  });
});

describe("drawingPartObjects tells SRB's charts from the user's objects", () => {
  const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
  const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
  const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
  const DRAWING = "xl/drawings/drawing1.xml";
  const chartPart = (title: string) =>
    `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>`;
  const frame = (name: string, rel: string) =>
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm/><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="${rel}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
  const textBox = `<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="9" name="Meine Notiz"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/></xdr:sp>`;
  const anchor = (inner: string) =>
    `<xdr:twoCellAnchor><xdr:from/><xdr:to/>${inner}<xdr:clientData/></xdr:twoCellAnchor>`;
  /** A drawing with these anchors; chart parts chart1.xml, chart2.xml, … with these titles (rId1, rId2, …). */
  const objectsOf = (anchors: string, titles: string[]) => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const rels = titles
      .map(
        (_, k) => `<Relationship Id="rId${k + 1}" Type="${R}/chart" Target="../charts/chart${k + 1}.xml"/>`,
      )
      .join("");
    const zip = ZipArchive.open(
      writeZip([
        {
          name: DRAWING,
          data: enc(
            `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}" xmlns:r="${R}" xmlns:mc="${MC}">${anchors}</xdr:wsDr>`,
          ),
        },
        {
          name: "xl/drawings/_rels/drawing1.xml.rels",
          data: enc(
            `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
          ),
        },
        ...titles.map((t, k) => ({ name: `xl/charts/chart${k + 1}.xml`, data: enc(chartPart(t)) })),
      ]),
    );
    return drawingPartObjects(zip, DRAWING);
  };

  test("SRB's chart by name, and a chart of SRB's renamed by another program by its title", () => {
    expect(objectsOf(anchor(frame("SRB-Diagramm 1", "rId1")), ["zweiter Lauf"])).toEqual({
      charts: 1,
      srbCharts: 1,
      shapes: 0,
      pictures: 0,
    });
    expect(objectsOf(anchor(frame("Chart 1", "rId1")), [SHARES_CHART_TITLE]).srbCharts).toBe(1);
  });

  test("a chart of the user's wrapped in mc:AlternateContent (as Excel writes some) is counted, as the user's", () => {
    const wrapped =
      `<mc:AlternateContent><mc:Choice Requires="a14">${anchor(frame("Diagramm 2", "rId1"))}</mc:Choice>` +
      `<mc:Fallback>${anchor(frame("Diagramm 2", "rId1"))}</mc:Fallback></mc:AlternateContent>`;
    expect(objectsOf(anchor(frame("SRB-Diagramm 1", "rId2")) + wrapped, ["Kinder je Kita", "x"])).toEqual({
      charts: 2,
      srbCharts: 1,
      shapes: 0,
      pictures: 0,
    });
  });

  test("a graphic frame wrapped in mc:AlternateContent inside its anchor: the fallback is not counted", () => {
    const inner =
      `<mc:AlternateContent><mc:Choice Requires="c14">${frame("SRB-Diagramm 1", "rId1")}</mc:Choice>` +
      `<mc:Fallback>${textBox}</mc:Fallback></mc:AlternateContent>`;
    expect(objectsOf(anchor(inner), ["x"])).toEqual({ charts: 1, srbCharts: 1, shapes: 0, pictures: 0 });
  });

  test("SRB's chart grouped by the user with a text box of theirs is the user's (the text box would go with it)", () => {
    const group =
      `<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="5" name="Gruppieren 4"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr/>` +
      `${frame("SRB-Diagramm 1", "rId1")}${textBox}</xdr:grpSp>`;
    const found = objectsOf(anchor(group), [SHARES_CHART_TITLE]);
    expect(found.charts + found.shapes + found.pictures - found.srbCharts).toBeGreaterThan(0);
  });

  test("a copy the user made of SRB's chart (SRB's title, Excel's name) beside SRB's named chart is the user's", () => {
    const found = objectsOf(anchor(frame("SRB-Diagramm 1", "rId1")) + anchor(frame("Diagramm 3", "rId2")), [
      SHARES_CHART_TITLE,
      SHARES_CHART_TITLE,
    ]);
    expect(found).toEqual({ charts: 2, srbCharts: 1, shapes: 0, pictures: 0 });
  });
});

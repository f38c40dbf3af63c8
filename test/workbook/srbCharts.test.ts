/**
 * SRB's own charts: the name SRB gives each, and how a re-run tells them from the user's charts (by name,
 * else by one of SRB's titles, read from the chart part).
 */
import {
  INDEX_CHART_TITLE,
  RANGES_CHART_TITLE,
  SHARES_CHART_TITLE,
  isSrbChart,
  srbChartName,
} from "../../src/workbook/srbCharts";
import { chartTitle } from "../../src/workbook/xlsx/drawingObjects";
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

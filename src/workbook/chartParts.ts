/**
 * SRB's native chart parts, written as text: `xl/charts/chartN.xml` (a clustered column or line chart whose
 * categories and series are references to the sheet's cells, with cached values and series names from the
 * header row) and `xl/drawings/drawingN.xml` (a two-cell anchor at the spec's anchor). The package adapter
 * (xlsx/packageWorkbook.ts) puts them into the package; the tests' exceljs adapter
 * (test/helpers/exceljsWorkbook/xlsxCharts.ts) adds them to a zip exceljs wrote, with JSZip, which SRB itself
 * never loads.
 *
 * Pure: strings in, strings out. Every text that comes from data (sheet names, titles, cell texts) goes
 * through `xmlEscape`.
 */
import { columnLetters } from "../engine/table";
import type { ChartSpec, SheetCell } from "./port";
import { chartProblem, parseAnchor } from "./writePlan";
import { CHART_ROWS } from "./printLayout";
import { srbChartName } from "./srbCharts";

/** Namespaces of the chart and drawing parts. */
export const CHART_NS = {
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};
export const REL_DRAWING = `${CHART_NS.relationships}/drawing`;
export const REL_CHART = `${CHART_NS.relationships}/chart`;
export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** Size of a chart in cells: 9 default columns wide, `CHART_ROWS` (20) rows high (about 15 × 10 cm). */
const CHART_COLUMNS = 9;

/**
 * Escapes text for XML content and attribute values.
 *
 * @example xmlEscape('Träger "A" & <B>'); // => "Träger &quot;A&quot; &amp; &lt;B&gt;"
 */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}

/**
 * An absolute reference to a block of one column on a sheet, as a chart formula wants it: the sheet name
 * always in single quotes (a quote inside doubled), so names with spaces, umlauts or "(2)" work.
 *
 * @example sheetColumnRange("Robustheit", 2, 5, 12); // => "'Robustheit'!$B$5:$B$12"
 * @example sheetColumnRange("Träger's Blatt", 1, 3, 3); // => "'Träger''s Blatt'!$A$3"
 */
export function sheetColumnRange(sheet: string, column: number, firstRow: number, lastRow: number): string {
  const c = columnLetters(column);
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  return firstRow === lastRow
    ? `${quoted}!$${c}$${firstRow}`
    : `${quoted}!$${c}$${firstRow}:$${c}$${lastRow}`;
}

/** A chart resolved against its sheet's rows: data rows, series names, cached values. */
export interface ResolvedChart {
  spec: ChartSpec;
  anchor: { col: number; row: number };
  /** First data row (1-based); the row above is the header when `header` is true. */
  first: number;
  header: boolean;
  categories: string[];
  series: { column: number; name: string; values: (number | null)[]; numFmt: string }[];
}

function cellText(cell: SheetCell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "WAHR" : "FALSCH";
  return String(v);
}

function cellNumber(cell: SheetCell | undefined): number | null {
  const v = cell?.value;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Resolves a chart against its sheet for drawing. Whether it can be drawn is the write plan's decision
 * (`chartProblem`, writePlan.ts); `firstRow` may be a header row — when the first row's series cells hold
 * text, they name the series and the data starts one row lower.
 */
export function resolveChart(
  sheet: string,
  spec: ChartSpec,
  rows: readonly (readonly (SheetCell | undefined)[])[],
): { chart: ResolvedChart } | { note: string } {
  const problem = chartProblem(sheet, spec, rows);
  const anchor = parseAnchor(spec.anchor);
  if (problem !== null || anchor === null) return { note: problem ?? "" };
  const headerRow = rows[spec.firstRow - 1] ?? [];
  const header = spec.seriesColumns.every((c) => typeof headerRow[c - 1]?.value === "string");
  const first = header ? spec.firstRow + 1 : spec.firstRow;
  const data = rows.slice(first - 1, spec.lastRow);
  return {
    chart: {
      spec,
      anchor,
      first,
      header,
      categories: data.map((row) => cellText(row[spec.categoryColumn - 1])),
      series: spec.seriesColumns.map((c, k) => ({
        column: c,
        name: header ? String(headerRow[c - 1]?.value) : `Reihe ${k + 1}`,
        values: data.map((row) => cellNumber(row[c - 1])),
        numFmt: data.map((row) => row[c - 1]?.numFmt).find((f) => f !== undefined) ?? "General",
      })),
    },
  };
}

function strCache(values: string[]): string {
  return (
    `<c:strCache><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlEscape(v)}</c:v></c:pt>`).join("") +
    `</c:strCache>`
  );
}

function numCache(values: (number | null)[], numFmt: string): string {
  return (
    `<c:numCache><c:formatCode>${xmlEscape(numFmt)}</c:formatCode><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("") +
    `</c:numCache>`
  );
}

/** Line colours of the series (Office palette): blue, orange, grey, gold, light blue. */
const SERIES_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5"];

/** From this many short categories on, their labels are written upright (one bar per code: „E01 … E45“). */
export const UPRIGHT_LABELS_FROM = 25;

/**
 * The category axis's text properties: none (the host's default) unless there are many short labels, which
 * are then turned by 90°, so that they do not run into each other. Excel turns overlapping labels by itself,
 * and LibreOffice turns long ones (Kita names, by 45°), but it printed the publication's 45 codes level and
 * on top of each other. In the schema's order, after `tickLblPos` and before `crossAx`.
 */
function categoryLabels(categories: readonly string[]): string {
  const short = categories.every((c) => c.length <= 6);
  if (categories.length < UPRIGHT_LABELS_FROM || !short) return "";
  return (
    `<c:txPr><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/>` +
    `<a:p><a:pPr><a:defRPr/></a:pPr><a:endParaRPr lang="de-DE"/></a:p></c:txPr>`
  );
}

/** The chart part (`xl/charts/chartN.xml`) of a resolved chart. */
export function chartXml(sheet: string, chart: ResolvedChart): string {
  const { spec } = chart;
  const last = spec.lastRow;
  const line = spec.kind === "line";
  const catRef = sheetColumnRange(sheet, spec.categoryColumn, chart.first, last);
  const series = chart.series
    .map((s, k) => {
      const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
      const name = chart.header
        ? `<c:tx><c:strRef><c:f>${xmlEscape(sheetColumnRange(sheet, s.column, spec.firstRow, spec.firstRow))}</c:f>${strCache([s.name])}</c:strRef></c:tx>`
        : `<c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>`;
      // the first line is the data (with markers); further lines (e.g. the norm band's bounds) are dashed
      const shape = line
        ? `<c:spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>` +
          (k > 0 ? `<a:prstDash val="dash"/>` : "") +
          `</a:ln></c:spPr><c:marker><c:symbol val="${k === 0 ? "circle" : "none"}"/>${k === 0 ? '<c:size val="5"/>' : ""}</c:marker>`
        : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
      return (
        `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>${name}${shape}` +
        `<c:cat><c:strRef><c:f>${xmlEscape(catRef)}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${xmlEscape(sheetColumnRange(sheet, s.column, chart.first, last))}</c:f>` +
        `${numCache(s.values, s.numFmt)}</c:numRef></c:val>` +
        (line ? `<c:smooth val="0"/>` : "") +
        `</c:ser>`
      );
    })
    .join("");
  const plot = line
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>` +
      `<c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>`
    : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
      `<c:gapWidth val="150"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>`;
  const valueFormat = chart.series[0]?.numFmt ?? "General";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${CHART_NS.chart}" xmlns:a="${CHART_NS.main}" xmlns:r="${CHART_NS.relationships}">` +
    `<c:date1904 val="0"/><c:lang val="de-DE"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="0"/></a:pPr>` +
    `<a:r><a:rPr lang="de-DE" sz="1400" b="0"/><a:t>${xmlEscape(spec.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/>${categoryLabels(chart.categories)}` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${xmlEscape(valueFormat)}" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    (chart.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "") +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part of a sheet: one two-cell anchor per chart, each referencing its chart by r:id. */
export function drawingXml(charts: { chart: ResolvedChart; relId: string }[]): string {
  const anchors = charts
    .map(({ chart, relId }, i) => {
      const { col, row } = chart.anchor;
      const marker = (tag: string, c: number, r: number) =>
        `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${marker("from", col, row)}` +
        marker("to", Math.min(col + CHART_COLUMNS, 16_384), Math.min(row + CHART_ROWS, 1_048_576)) +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
        `<xdr:cNvPr id="${i + 2}" name="${srbChartName(i)}" descr="${xmlEscape(chart.spec.title)}"/>` +
        `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${CHART_NS.chart}"><c:chart xmlns:c="${CHART_NS.chart}" r:id="${relId}"/>` +
        `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${CHART_NS.spreadsheetDrawing}" xmlns:a="${CHART_NS.main}" xmlns:r="${CHART_NS.relationships}">${anchors}</xdr:wsDr>`
  );
}

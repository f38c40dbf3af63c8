/**
 * SRB's own charts: the names SRB gives them and the titles they carry. A re-run deletes and draws anew
 * only these; any other chart on an SRB sheet is the user's (the Office.js adapter keeps it, the package
 * adapter keeps the whole sheet as the user's).
 */

const SRB_CHART_PREFIX = "SRB-Diagramm ";

/** Title of the chart of the Sozialräume's shares (Verteilung, and the publication's sheet). */
export const SHARES_CHART_TITLE = "Anteile der Sozialräume am Budget";
/** Title of the Gesamtindex chart (Einrichtungen); with the norm band in brackets when there is one. */
export const INDEX_CHART_TITLE = "Gesamtindex je Einrichtung";
/** Title of the publication file's chart of the Einrichtungen's Gesamtindex (by code). */
export const PUBLISHED_INDEX_CHART_TITLE = "Gesamtindex der Einrichtungen";
/** Titles SRB's charts carried in earlier builds (their files may still be re-run). */
const EARLIER_TITLES = ["Gesamtindex der Einrichtungen und Normbereich"];
/** Title of the Robustheit chart. */
export const RANGES_CHART_TITLE = "Anteil je Sozialraum: Minimum, jetzt, Maximum";

/**
 * The name SRB gives the `index`-th (0-based) chart it draws on a sheet. Both adapters write it (the drawing
 * part's object name; `Chart.name` in Excel), Excel and LibreOffice keep it on saving, and it is how a re-run
 * tells SRB's charts from a chart the user put on an SRB sheet (`isSrbChart`): Excel's own default names
 * ("Diagramm 1", "Chart 1") never start with it.
 *
 * @example srbChartName(0); // => "SRB-Diagramm 1"
 */
export function srbChartName(index: number): string {
  return `${SRB_CHART_PREFIX}${index + 1}`;
}

/**
 * Is a chart on an SRB sheet one SRB drew? Yes when it bears SRB's name (`srbChartName`). A chart named
 * otherwise is SRB's only when it carries one of SRB's titles: charts from SRB versions that did not name
 * them, and charts renamed by a program that saves the file anew (openpyxl names every chart "Chart n").
 * Every other chart is the user's.
 *
 * @example isSrbChart("SRB-Diagramm 2", "Meine Auswertung"); // => true
 * @example isSrbChart("Chart 1", "Anteile der Sozialräume am Budget"); // => true (renamed by openpyxl)
 * @example isSrbChart("Diagramm 1", "Kinder je Kita"); // => false (a chart the user inserted)
 */
export function isSrbChart(name: string | null | undefined, title: string | null | undefined): boolean {
  if (typeof name === "string" && name.startsWith(SRB_CHART_PREFIX)) {
    if (/^\d+$/.test(name.slice(SRB_CHART_PREFIX.length))) return true;
  }
  if (typeof title !== "string") return false;
  return (
    title === SHARES_CHART_TITLE ||
    title === RANGES_CHART_TITLE ||
    title === INDEX_CHART_TITLE ||
    title === PUBLISHED_INDEX_CHART_TITLE ||
    EARLIER_TITLES.includes(title) ||
    title.startsWith(`${INDEX_CHART_TITLE} (Normbereich `)
  );
}

/**
 * Which of one sheet's charts SRB drew. By name first: when any chart bears SRB's name, SRB's charts are
 * exactly the named ones (the file was saved by a program that keeps chart names), and a chart with
 * SRB's title but another name is a copy the user made of one. Only when none does (an earlier SRB, or a
 * program that renamed every chart) is a chart with one of SRB's titles SRB's. `title` is asked only then.
 *
 * @example srbChartsAmong([{ name: "SRB-Diagramm 1", title: () => "x" }, { name: "Diagramm 2", title: () => SHARES_CHART_TITLE }]); // => [true, false]
 * @example srbChartsAmong([{ name: "Chart 1", title: () => SHARES_CHART_TITLE }]); // => [true]
 */
export function srbChartsAmong(
  charts: readonly { name: string | null | undefined; title: () => string | null | undefined }[],
): boolean[] {
  const named = charts.map((c) => isSrbChart(c.name, null));
  if (named.some((n) => n)) return named;
  return charts.map((c) => isSrbChart(null, c.title()));
}

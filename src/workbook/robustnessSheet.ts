/**
 * The "Robustheit" sheet: how much each Sozialraum's share moves under the method's alternatives, and how
 * often each Kita stays eligible for strands 1 and 3. Written by both adapters like the other SRB sheets;
 * the chart (Anteil min / jetzt / max per area, header row 4 naming the series) is native in both: drawn by
 * Office.js in Excel, written into the package by xlsx/packageWorkbook.ts in .xlsx files.
 */
import { formatNumber } from "../engine/germanFormat";
import type { Robustness } from "../engine/robustness";
import type { SheetCell, SheetSpec } from "./port";
import { RANGES_CHART_TITLE } from "./srbCharts";
import { textColumnWidth, topAligned } from "./allocationSheets";
import { oneLineWidth } from "./textWidth";
import { pageRoom, repeatHeaders, rowPoints } from "./printLayout";

const PERCENT = "0.00%";
/** Frequencies with one decimal: 0,19 % shows as 0,2 %, never as a misleading "0 %" (issue 14, item 5). */
const PERCENT1 = "0.0%";

/** What an alternative's cells say when it cannot be computed (README, „So lesen Sie das Blatt“). */
const NOT_COMPUTABLE = "nicht berechenbar";
/** What „Auffällig“ says of a Kita whose eligibility differs under an alternative. */
const FLIPS = "Förderfähigkeit kippt";

const text = (value: string, bold = false): SheetCell => ({ value, bold });
const num = (value: number, numFmt?: string): SheetCell => ({ value, numFmt });

/** Width of the column of texts („Abweichend unter“, the areas' „Auffällig“): a long list wraps in it. */
const TEXT_COLUMN_WIDTH = 44;

/** The row's cells, blank up to column `at` (0-based), then `last`. */
function withLast(cells: SheetCell[], at: number, last: SheetCell): SheetCell[] {
  return [...cells, ...Array.from({ length: at - cells.length }, (): SheetCell => ({ value: null })), last];
}

/**
 * @example robustnessSheet(r, { unitName: (id) => id }).name; // => "Robustheit"
 */
export function robustnessSheet(r: Robustness, ctx: { unitName: (id: string) => string }): SheetSpec {
  const title: SheetCell[][] = [
    [text("Robustheit der Verteilung", true)],
    [
      text(
        // counts with a thousands dot („1.028 Alternativen“), as the Vorlage says them; the seed as it is typed
        `${formatNumber(r.runs)} Alternativen berechnet: Normierung, Standardabweichung, Sozialraum-Mittel, jede Kategorie ×0,5 und ×1,5, ` +
          `jeder Indikator einmal weggelassen, ${formatNumber(r.monteCarloRuns)} Zufallsgewichtungen (±${formatNumber(Math.round(r.spread * 100))} %, Startwert ${r.seed}).`,
      ),
    ],
    [],
  ];
  // The texts of the areas' and the units' tables („Auffällig“, „Abweichend unter“) stand in one wide column
  // after every column a table of numbers uses (the areas' eight, the alternatives' one per Sozialraum): in a
  // wide column among the numbers, a right-aligned share or rank sat at its far edge, beside the next
  // column's header, as if it belonged there.
  const textColumn = Math.max(8, 1 + r.areas.length);
  const areaHeader = withLast(
    [
      "Sozialraum",
      "Anteil jetzt",
      "Anteil min",
      "Anteil Median",
      "Anteil max",
      "Rang jetzt",
      "Rang min",
      "Rang max",
    ].map((h) => text(h, true)),
    textColumn,
    text("Auffällig", true),
  );
  const areaRows = r.areas.map((a) =>
    withLast(
      [
        text(a.name),
        num(a.share, PERCENT),
        num(a.shareMin, PERCENT),
        num(a.shareMedian, PERCENT),
        num(a.shareMax, PERCENT),
        num(a.rank),
        num(a.rankMin),
        num(a.rankMax),
      ],
      textColumn,
      text(a.flagged ? "Rang ändert sich um 2 oder mehr" : ""),
    ),
  );
  const unitHeader = withLast(
    [
      "Einrichtung",
      "Sozialraum",
      "Strang 1 jetzt",
      "Strang 1 Häufigkeit",
      "Strang 3 jetzt",
      "Strang 3 Häufigkeit",
      "Auffällig",
    ].map((h) => text(h, true)),
    textColumn,
    text("Abweichend unter", true),
  );
  const unitRows = r.units.map((u): SheetCell[] =>
    withLast(
      [
        text(ctx.unitName(u.id)),
        text(u.area),
        text(u.sozialarbeit ? "ja" : "nein"),
        num(u.sozialarbeitFrequency, PERCENT1),
        text(u.interkulturell ? "ja" : "nein"),
        num(u.interkulturellFrequency, PERCENT1),
        text(u.flagged ? FLIPS : ""),
      ].map(topAligned),
      textColumn,
      // wrapped within its column, the row growing: a Kita whose eligibility flips under six alternatives
      // has some 200 characters here, which ran past the page's edge and were cut in print
      {
        value:
          u.flips.length > 0
            ? u.flips.join("; ")
            : u.flagged
              ? "nur bei Zufallsgewichtungen (siehe Häufigkeit)"
              : "",
        wrap: true,
      },
    ),
  );
  const alternativeHeader = [text("Alternative", true), ...r.areas.map((a) => text(a.name, true))];
  const alternativeRows = r.alternatives.map((alt) => [
    // wrapped in column A: „ohne Indikator „Familiensprache nicht deutsch in %““ was cut by the share beside it
    { value: alt.label, bold: false, wrap: true },
    ...r.areas.map((a) =>
      topAligned(alt.shares ? num(alt.shares[a.name] ?? 0, PERCENT) : text(NOT_COMPUTABLE)),
    ),
  ]);
  // column B holds the Sozialraum of each Kita: as wide as its longest name („Kreisstadt Süd/Bahnhof“ was
  // cut by the „ja“ beside it); column G the units' „Förderfähigkeit kippt“ (cut to „Förderfähigkeit k“ by
  // the text beside it when it was 12 wide); the columns of further Sozialräume 12, the texts' column 44
  const firstWidths = [
    34,
    textColumnWidth(
      16,
      r.units.map((u) => u.area),
    ),
    14,
    14,
    14,
    12,
    Math.max(12, oneLineWidth(FLIPS)),
  ];
  const columnWidths = Array.from({ length: textColumn + 1 }, (_, c) =>
    c === textColumn ? TEXT_COLUMN_WIDTH : (firstWidths[c] ?? 12),
  );
  // an alternative that cannot be computed says so in every area's column, which the number beside it
  // would otherwise cut („nicht berechenba“): those columns are made wide enough for the words
  if (r.alternatives.some((alt) => !alt.shares)) {
    const needed = oneLineWidth(NOT_COMPUTABLE);
    for (let c = 1; c <= r.areas.length; c++) columnWidths[c] = Math.max(columnWidths[c] ?? 0, needed);
  }
  // Printed: each table's header row starts every page the table runs on to (repeatHeaders, printLayout.ts),
  // every page ending with a manual break. The table of Sozialräume stays as it is: it is the chart's range
  // (a repeated header inside it would be a bar of its own), and it always fits on the first page, since
  // each Sozialraum is also a column of the alternatives' table, which makes the sheet print smaller.
  const columns = Math.max(areaHeader.length, unitHeader.length, alternativeHeader.length);
  const widths = Array.from({ length: columns }, (_, c) => columnWidths[c] ?? 0);
  const { rows, pageBreaks } = repeatHeaders(
    [
      { rows: [...title, areaHeader, ...areaRows, []] },
      { header: unitHeader, body: unitRows },
      { rows: [[]] },
      { header: alternativeHeader, body: alternativeRows },
    ],
    pageRoom(undefined, widths),
    (row, header) => rowPoints(row, widths, header),
  );
  const areaFirst = rows.indexOf(areaHeader) + 1;
  return {
    name: "Robustheit",
    rows,
    columnWidths,
    freezeRows: 0,
    ...(pageBreaks.length > 0 ? { print: { pageBreaks } } : {}),
    charts: [
      {
        kind: "bar",
        title: RANGES_CHART_TITLE,
        firstRow: areaFirst,
        lastRow: areaFirst + areaRows.length,
        categoryColumn: 1,
        seriesColumns: [3, 2, 5],
        // below every table, so it never covers the texts beside them
        anchor: `A${rows.length + 2}`,
      },
    ],
  };
}

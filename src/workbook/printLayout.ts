/**
 * The page set-up of a generated sheet, decided once for both adapters (SPEC §7 "print-ready"): A4,
 * landscape, one page wide and as many pages tall as needed, the header rows repeated on every page
 * (print titles), narrow margins, and a page header with the municipality, the sheet's title, the year,
 * the budget and the date; the footer numbers the pages. The .xlsx adapter writes it as `<pageSetup>`,
 * `<pageMargins>`, `<headerFooter>` and the sheet's `_xlnm.Print_Titles` name; the Excel-API adapter sets
 * `worksheet.pageLayout` (ExcelApi 1.9) where the host has it.
 *
 * Also the row heights of wrapped header rows: a header is wrapped within its column, never cut, and its
 * row is made tall enough for the lines it takes (`wrappedLines`, textWidth.ts).
 */
import { formatEuro } from "./numberFormats";
import type { PrintSpec, SheetSpec } from "./port";
import { wrappedLines } from "./textWidth";

/** One page-header or -footer line in Excel's codes ("&P" page, "&N" pages, "&B" bold; "&&" a literal "&"). */
export interface HeaderFooterText {
  left: string;
  center: string;
  right: string;
}

export interface PlannedPrint {
  orientation: "landscape" | "portrait";
  /** Always A4 (paper size 9 in SpreadsheetML). */
  paper: "A4";
  /** Fit to this many pages wide (1) and tall (0: as many as needed). */
  fitToWidth: number;
  fitToHeight: number;
  /** Rows repeated on every page (1-based, inclusive), or null. */
  titleRows: { first: number; last: number } | null;
  /** Margins in inches (SpreadsheetML's unit; the Excel API takes points: × 72). */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  header: HeaderFooterText;
  footer: HeaderFooterText;
}

/** Row height of one line of Calibri 11, in points. */
export const LINE_HEIGHT_POINTS = 15;
/** Excel allows at most 255 characters in a header or footer (all three sections and codes together). */
const MAX_SECTION = 80;

/**
 * Text as it stands in a page header: "&" doubled (else it starts a code), line breaks as blanks, cut to
 * MAX_SECTION characters.
 *
 * @example headerText("Jugend & Familie"); // => "Jugend && Familie"
 */
export function headerText(text: string): string {
  const plain = text.replace(/\s+/g, " ").trim();
  const cut = plain.length > MAX_SECTION ? `${plain.slice(0, MAX_SECTION - 1)}…` : plain;
  return cut.replace(/&/g, "&&");
}

/**
 * The page set-up of sheet `name` from its print description.
 *
 * @example
 * planPrint({ municipality: "Musterstadt", subtitle: "Budget 1.000,00 €" }, "Verteilung", 1);
 * // => { orientation: "landscape", paper: "A4", fitToWidth: 1, fitToHeight: 0, titleRows: { first: 1, last: 1 },
 * //      header: { left: "Musterstadt", center: "&BVerteilung", right: "Budget 1.000,00 €" },
 * //      footer: { left: "Erstellt mit SRB", center: "", right: "Seite &P von &N" }, … }
 */
export function planPrint(spec: PrintSpec | undefined, name: string, freezeRows: number): PlannedPrint {
  const titleRows =
    spec?.titleRows && spec.titleRows.first >= 1 && spec.titleRows.last >= spec.titleRows.first
      ? { first: spec.titleRows.first, last: spec.titleRows.last }
      : freezeRows > 0
        ? { first: 1, last: freezeRows }
        : null;
  const title = headerText(spec?.title ?? name);
  return {
    orientation: spec?.orientation ?? "landscape",
    paper: "A4",
    fitToWidth: 1,
    fitToHeight: 0,
    titleRows,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    header: {
      left: headerText(spec?.municipality ?? ""),
      center: title === "" ? "" : `&B${title}`,
      right: headerText(spec?.subtitle ?? ""),
    },
    footer: { left: "Erstellt mit SRB", center: "", right: "Seite &P von &N" },
  };
}

/**
 * The whole page header or footer as SpreadsheetML's `<oddHeader>` text: "&L…&C…&R…", empty sections left out.
 *
 * @example headerFooterCode({ left: "Musterstadt", center: "&BVerteilung", right: "" }); // => "&LMusterstadt&C&BVerteilung"
 */
export function headerFooterCode(text: HeaderFooterText): string {
  return (
    (text.left ? `&L${text.left}` : "") +
    (text.center ? `&C${text.center}` : "") +
    (text.right ? `&R${text.right}` : "")
  );
}

/**
 * Heights (points) of the rows that hold wrapped cells, so that the wrapped text shows whole: one line of
 * LINE_HEIGHT_POINTS per line the longest cell of the row takes at its column's width.
 *
 * @example
 * wrappedRowHeights([[{ value: "Kommunaler Anteil", wrap: true, bold: true }]], [10]);
 * // => [{ row: 1, points: 30 }]
 */
export function wrappedRowHeights(
  rows: readonly (readonly ({ value: unknown; wrap?: boolean; bold?: boolean } | undefined)[])[],
  widths: readonly number[],
  defaultWidth = 8.43,
): { row: number; points: number }[] {
  const out: { row: number; points: number }[] = [];
  rows.forEach((line, r) => {
    let lines = 1;
    for (let c = 0; c < line.length; c++) {
      const cell = line[c];
      if (!cell?.wrap || typeof cell.value !== "string") continue;
      const width = widths[c] !== undefined && widths[c] > 0 ? widths[c] : defaultWidth;
      lines = Math.max(lines, wrappedLines(cell.value, width, cell.bold === true));
    }
    if (lines > 1) out.push({ row: r + 1, points: lines * LINE_HEIGHT_POINTS });
  });
  return out;
}

/** What every generated sheet's page header says about the run. */
export interface PageTitle {
  /** The model's `municipality` ("" for none). */
  municipality: string;
  /** The budget year, or null. */
  year: number | null;
  /** The budget distributed, in euro. */
  budget: number;
  /** The run's date as the user reads it ("30.11.2026"). */
  date: string;
}

/**
 * The title block of the sheets, printed in the page header of every page (the sheets' cells stay as they
 * are, so tables, formulas and references keep their rows): municipality top left, the sheet's name in the
 * centre, year, budget and date top right. A sheet's own `print` settings win.
 *
 * @example
 * withPageTitle([{ name: "Verteilung", rows: [] }], { municipality: "Musterstadt", year: 2022, budget: 1000, date: "30.11.2026" })[0].print;
 * // => { municipality: "Musterstadt", subtitle: "Haushaltsjahr 2022 · Budget 1.000,00 € · Stand 30.11.2026" }
 */
export function withPageTitle(sheets: readonly SheetSpec[], title: PageTitle): SheetSpec[] {
  const subtitle = [
    title.year !== null ? `Haushaltsjahr ${title.year}` : null,
    `Budget ${formatEuro(title.budget)}`,
    `Stand ${title.date}`,
  ]
    .filter((t): t is string => t !== null)
    .join(" · ");
  return sheets.map((s) => ({ ...s, print: { municipality: title.municipality, subtitle, ...s.print } }));
}

/**
 * The page set-up of a generated sheet, decided once for both adapters (SPEC §7 "print-ready"): A4,
 * landscape, one page wide and as many pages tall as needed, the header rows repeated on every page
 * (print titles), narrow margins, and a page header with the municipality, the sheet's title, the year,
 * the budget and the date; the footer numbers the pages.
 *
 * A wide table (Einrichtungen: some 30 columns) would shrink to a third of its size on one page. A sheet
 * that names columns to repeat (`titleColumns`, the Kita column) is therefore printed as many pages wide
 * as it takes to print at MIN_PRINT_SCALE or more (at most MAX_PAGES_WIDE), the repeated columns on every
 * page and the pages ordered across, then down (so that both halves of a Kita's row follow each other).
 * A label/value sheet names none and stays one page wide: label and value always on the same page. The .xlsx adapter writes it as `<pageSetup>`,
 * `<pageMargins>`, `<headerFooter>` and the sheet's `_xlnm.Print_Titles` name; the Excel-API adapter sets
 * `worksheet.pageLayout` (ExcelApi 1.9) where the host has it.
 *
 * Also the row heights of wrapped header rows: a header is wrapped within its column, never cut, and its
 * row is made tall enough for the lines it takes (`wrappedLines`, textWidth.ts).
 */
import { formatEuro } from "./numberFormats";
import type { PrintSpec, SheetCell, SheetSpec } from "./port";
import { textPixels, wrappedLines } from "./textWidth";

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
  /** Columns repeated on every page (1-based, inclusive), or null. */
  titleColumns: { first: number; last: number } | null;
  /** "overThenDown" when the sheet is more than one page wide: a row's pages follow each other. */
  pageOrder: "downThenOver" | "overThenDown";
  /** The print scale this set-up gives (estimated from the column widths, Calibri 11; 1 = 100 %). */
  scale: number;
  /** Manual page breaks: a new page starts below each of these rows (1-based), ascending. */
  rowBreaks: number[];
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

/** Font size (points) of the page header; a side section too wide beside the sheet's title prints smaller. */
const HEADER_POINTS = 11;
/** Space (points) kept between a side section of the page header and the title in its middle. */
const HEADER_GAP = 12;
/** The smallest font size (points) a side section of the page header is shrunk to. */
const MIN_HEADER_POINTS = 7;

/**
 * A side section of the page header (`headerText` already applied) that fits beside the sheet's title: the
 * left and right sections are as wide as they need, and a long municipality ("Freie Hansestadt Bremen –
 * Senatorin für Kinder und Bildung" on the Vorlage, A4 portrait) ran into the title in the middle and
 * printed over it. Too wide for the room beside the title, it gets a smaller font size (`&9` …), down to
 * MIN_HEADER_POINTS (then cut with "…"). `room`: points from the page's edge to the title, less a gap.
 *
 * @example sideSection("Stadt Musterstadt – Jugendamt", 240); // => "Stadt Musterstadt – Jugendamt"
 * @example sideSection("Freie Hansestadt Bremen – Senatorin für Kinder und Bildung", 240); // => "&9 Freie Hansestadt Bremen – Senatorin für Kinder und Bildung"
 */
export function sideSection(text: string, room: number): string {
  const points = (t: string) => textPixels(t.replace(/&&/g, "&")) * 0.75;
  const width = points(text);
  if (text === "" || width <= room) return text;
  const size = Math.floor((HEADER_POINTS * room) / width);
  if (size >= MIN_HEADER_POINTS) return `&${size} ${text}`;
  // even at the smallest size too wide: cut to what fits there
  let cut = text;
  while (cut.length > 1 && (points(`${cut}…`) * MIN_HEADER_POINTS) / HEADER_POINTS > room)
    cut = cut.slice(0, -1).replace(/&$/, "");
  return `&${MIN_HEADER_POINTS} ${cut.trimEnd()}…`;
}

/** The smallest print scale SRB aims for on a sheet with repeated columns (11 pt text prints at 6,6 pt). */
export const MIN_PRINT_SCALE = 0.6;
/** At most this many pages wide (a wider sheet prints smaller instead). */
export const MAX_PAGES_WIDE = 3;
/** A4 in points (portrait: width × height). */
const A4_POINTS = { width: 595.28, height: 841.89 };
/** Excel's standard column width (characters), for a column without a given width. */
const STANDARD_WIDTH = 8.43;

/**
 * The printed width of a column `width` characters wide, in points: `w · 7 + 5` pixels at 96 dpi.
 *
 * @example columnPoints(10); // => 56.25
 */
export function columnPoints(width: number): number {
  const w = Number.isFinite(width) && width > 0 ? width : STANDARD_WIDTH;
  return (Math.round(w * 7) + 5) * 0.75;
}

/**
 * The pages `columns` (widths in points) take side by side at `scale` on a page `usable` points wide, the
 * first `titleCount` columns repeated on every page; columns are not split (as Excel and LibreOffice lay
 * them out: a column that does not fit starts the next page).
 *
 * @example pagesAcross([100, 100, 100], 0, 250, 1); // => 2
 */
export function pagesAcross(
  columns: readonly number[],
  titleCount: number,
  usable: number,
  scale: number,
): number {
  const room = usable / scale;
  const titles = columns.slice(0, titleCount).reduce((s, w) => s + w, 0);
  let pages = 1;
  let used = 0;
  for (const w of columns) {
    if (used > 0 && used + w > room) {
      pages++;
      used = titles;
    }
    used += w;
  }
  return pages;
}

/**
 * The largest scale (0,1 to 1, in steps of 1 %, as Excel's zoom) at which `columns` fit `pages` pages wide.
 *
 * @example fitScale([100, 100, 100], 0, 250, 1); // => 0.83
 */
export function fitScale(
  columns: readonly number[],
  titleCount: number,
  usable: number,
  pages: number,
): number {
  for (let percent = 100; percent > 10; percent--)
    if (pagesAcross(columns, titleCount, usable, percent / 100) <= pages) return percent / 100;
  return 0.1;
}

/** Height of a chart in rows (with 9 default columns wide, about 15 × 10 cm): how SRB draws its charts. */
export const CHART_ROWS = 20;

/** What the page set-up needs to know of a sheet's cells. */
export interface SheetExtent {
  /** Rows (1-based, first and last) a chart covers: a chart is kept on one page like a section. */
  chartRows?: readonly { first: number; last: number }[];
  /** Width (characters) of every used column, 0 for Excel's standard width. */
  columnWidths: readonly number[];
  /** Rows used. */
  rows: number;
  /** Heights (points) of the rows taller than one line (`wrappedRowHeights`). */
  rowHeights: readonly { row: number; points: number }[];
}

/**
 * Height (points) of rows `from` to `to` (1-based, both included; 0 when `to` < `from`).
 *
 * @example rowsHeight(2, 4, () => 15); // => 45
 */
function rowsHeight(from: number, to: number, height: (row: number) => number): number {
  let sum = 0;
  for (let r = from; r <= to; r++) sum += height(r);
  return sum;
}

/**
 * Where to break the pages so that no section is split: walks the rows page by page (each page holds
 * `room` points of rows below the repeated title rows) and starts a section on a new page when it would
 * run over the page's end but fits on a page of its own. Returns the rows below which a page ends.
 *
 * A page end the walk only estimates (rows running over `room`) is not where the printer ends the page:
 * `room` is a cautious share of the page, so the printer's page may hold up to `slack` points more, and
 * over several estimated pages in a row its page ends run ahead by up to `slack` per page (each of its
 * pages starts where its previous one ended). A section that starts within that lead of the last estimated
 * end could still be on the printer's previous page and be cut by its end; the estimated end is then made
 * a page break, so that the section's page starts where the walk counted it from (and the lead is 0 again).
 *
 * `forced`: rows below which a page ends anyway (a chart's page): the page after one starts for certain.
 *
 * @example keepSections([1, 5], 8, () => 15, 6 * 15, 0); // => [4]
 * @example keepSections([1, 8], 12, () => 15, 6 * 15, 0, 30); // => [6]
 */
export function keepSections(
  sections: readonly number[],
  rows: number,
  height: (row: number) => number,
  room: number,
  titleRows: number,
  slack = 0,
  forced: ReadonlySet<number> = new Set(),
): number[] {
  const starts = [...new Set(sections)].filter((r) => r > titleRows + 1 && r <= rows).sort((a, b) => a - b);
  const breaks: number[] = [];
  let used = 0;
  let next = 0;
  /** The first row of the current page when the walk only estimated its start (0: the start is certain). */
  let estimatedStart = 0;
  /** Estimated page ends since the last certain page start: the printer may be up to `slack` ahead per end. */
  let estimatedEnds = 0;
  for (let r = titleRows + 1; r <= rows; r++) {
    if (forced.has(r - 1)) {
      used = 0;
      estimatedStart = 0;
      estimatedEnds = 0;
    }
    if (next < starts.length && starts[next] === r) {
      if (estimatedStart > 0 && used < slack * estimatedEnds) {
        breaks.push(estimatedStart - 1);
        estimatedStart = 0;
        estimatedEnds = 0;
      }
      // a section ends where the next starts, or at a forced page end (the chart below starts its own page)
      const end = Math.min((starts[next + 1] ?? rows + 1) - 1, ...[...forced].filter((f) => f >= r));
      const size = rowsHeight(r, end, height);
      if (used > 0 && used + size > room && size <= room) {
        breaks.push(r - 1);
        used = 0;
        estimatedStart = 0;
        estimatedEnds = 0;
      }
      next++;
    }
    const h = height(r);
    if (used > 0 && used + h > room) {
      used = 0;
      estimatedStart = r;
      estimatedEnds++;
    }
    used += h;
  }
  return breaks;
}

/** Of the page's height, the share SRB counts on for rows (LibreOffice takes the page header's height off). */
const HEIGHT_SAFETY = 0.9;

/** The page margins of every generated sheet, in inches. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 };

/**
 * Orientation, pages across and print scale of a sheet of these column widths (all used columns, 0 for
 * Excel's standard width), and the height of its page within the margins (points, at 100 %).
 */
function pageGeometry(spec: PrintSpec | undefined, columnWidths: readonly number[]) {
  // repeated columns from column A only (a repeated block further right would print twice on page one)
  const titleColumns =
    spec?.titleColumns &&
    spec.titleColumns.first === 1 &&
    spec.titleColumns.last >= 1 &&
    spec.titleColumns.last < columnWidths.length
      ? { first: 1, last: spec.titleColumns.last }
      : null;
  const orientation = spec?.orientation ?? "landscape";
  const margins = { ...MARGINS };
  const usable =
    (orientation === "landscape" ? A4_POINTS.height : A4_POINTS.width) - (margins.left + margins.right) * 72;
  const points = columnWidths.map(columnPoints);
  const titleCount = titleColumns ? titleColumns.last : 0;
  let fitToWidth = 1;
  let scale = fitScale(points, titleCount, usable, 1);
  while (titleColumns && scale < MIN_PRINT_SCALE && fitToWidth < MAX_PAGES_WIDE) {
    fitToWidth++;
    scale = fitScale(points, titleCount, usable, fitToWidth);
  }
  const pageHeight =
    (orientation === "landscape" ? A4_POINTS.width : A4_POINTS.height) - (margins.top + margins.bottom) * 72;
  return { titleColumns, orientation, margins, fitToWidth, scale, pageHeight };
}

/**
 * The height (points, counted at 100 %) of rows one printed page of a sheet holds as `planPrint` counts
 * it: the page within its margins, of which HEIGHT_SAFETY, at the scale the column widths (every used
 * column, 0 for Excel's standard width) give; no rows repeated as print titles.
 *
 * @example Math.round(pageRoom(undefined, [20, 12])); // => 448 (one page wide at 100 %)
 */
export function pageRoom(spec: PrintSpec | undefined, columnWidths: readonly number[]): number {
  const { scale, pageHeight } = pageGeometry(spec, columnWidths);
  return (pageHeight * HEIGHT_SAFETY) / scale;
}

/**
 * Height (points) of `row` as printed: one line, or the lines its longest wrapped text takes in its column
 * (`wrappedRowHeights`). `header`: a table's header row, whose texts the write plan wraps (`wrapHeaders`).
 *
 * @example rowPoints([{ value: "Strang 1 Häufigkeit", bold: true }], [10], true); // => 30
 */
export function rowPoints(row: readonly SheetCell[], widths: readonly number[], header = false): number {
  const line = header ? row.map((c) => (c && typeof c.value === "string" ? { ...c, wrap: true } : c)) : row;
  return wrappedRowHeights([line], widths)[0]?.points ?? LINE_HEIGHT_POINTS;
}

/** Rows for `repeatHeaders`: kept as they are, or a table whose header row starts every page it is on. */
export type PagedBlock =
  { rows: readonly SheetCell[][] } | { header: SheetCell[]; body: readonly SheetCell[][] };

/** Of a table longer than a page, the body rows that must fit below its header where it starts. */
const FIRST_ROWS_WITH_HEADER = 3;

/**
 * Lays `blocks` out one below another on pages that hold `room` points of rows (`pageRoom`), for a sheet
 * with several tables: print titles (`PrintSpec.titleRows`) name one set of rows for every page of a sheet,
 * which would put one table's header above another's rows. Instead every page ends with a manual page break
 * (`PrintSpec.pageBreaks`), so that each page starts where this walk counted it from, and each page a table
 * runs on to starts with a copy of the table's header row (as the Vorlage's Anlage does):
 * - a table that fits on a page and would be split starts a new page instead (as `keepSections` does);
 * - a longer table starts where its header and its first FIRST_ROWS_WITH_HEADER rows still fit, and goes
 *   on page by page under its repeated header.
 * `height(row, header)`: a row's height in points (`rowPoints`). Returns the rows and the page breaks (rows
 * below which a new page starts, ascending).
 *
 * @example
 * const row = [{ value: 1 }];
 * repeatHeaders([{ header: [{ value: "Nr" }], body: [row, row, row] }], 45, () => 15).pageBreaks; // => [3]
 */
export function repeatHeaders(
  blocks: readonly PagedBlock[],
  room: number,
  height: (row: readonly SheetCell[], header: boolean) => number,
): { rows: SheetCell[][]; pageBreaks: number[] } {
  const rows: SheetCell[][] = [];
  const pageBreaks: number[] = [];
  let used = 0;
  const newPage = () => {
    if (rows.length > 0 && used > 0) pageBreaks.push(rows.length);
    used = 0;
  };
  /** Places `row` below the others; `free`: on a new page when it would run over this one. */
  const place = (row: SheetCell[], h: number, free = true) => {
    if (free && used > 0 && used + h > room) {
      // an empty row (the space between two tables) takes no page of its own: it ends this page
      if (row.every((c) => c === undefined || c.value === null || c.value === "")) {
        rows.push(row);
        used = room;
        return;
      }
      newPage();
    }
    rows.push(row);
    used += h;
  };
  for (const block of blocks) {
    if ("rows" in block) {
      for (const row of block.rows) place(row, height(row, false));
      continue;
    }
    const top = height(block.header, true);
    const body = block.body.map((row) => height(row, false));
    const size = body.reduce((s, h) => s + h, top);
    const start = body.slice(0, FIRST_ROWS_WITH_HEADER).reduce((s, h) => s + h, top);
    if (used > 0 && used + (size <= room ? size : start) > room) newPage();
    place(block.header, top, false);
    block.body.forEach((row, k) => {
      // a row taller than a page stands under its header all the same (the printer splits it)
      if (used > top && used + body[k] > room) {
        newPage();
        place(
          block.header.map((c) => ({ ...c })),
          top,
          false,
        );
      }
      place(row, body[k], false);
    });
  }
  return { rows, pageBreaks };
}

/**
 * The page set-up of sheet `name` from its print description and its extent (the column widths give the
 * pages across and the scale, the row heights the page breaks between sections).
 *
 * @example
 * planPrint({ municipality: "Musterstadt", subtitle: "Budget 1.000,00 €" }, "Verteilung", 1, { columnWidths: [20, 12], rows: 9, rowHeights: [] });
 * // => { orientation: "landscape", paper: "A4", fitToWidth: 1, fitToHeight: 0, titleRows: { first: 1, last: 1 },
 * //      titleColumns: null, pageOrder: "downThenOver", scale: 1, rowBreaks: [],
 * //      header: { left: "Musterstadt", center: "&BVerteilung", right: "Budget 1.000,00 €" },
 * //      footer: { left: "Erstellt mit SRB", center: "", right: "Seite &P von &N" }, … }
 */
export function planPrint(
  spec: PrintSpec | undefined,
  name: string,
  freezeRows: number,
  extent: SheetExtent = { columnWidths: [], rows: 0, rowHeights: [] },
): PlannedPrint {
  const columnWidths = extent.columnWidths;
  const { titleColumns, orientation, margins, fitToWidth, scale, pageHeight } = pageGeometry(
    spec,
    columnWidths,
  );
  const titleRows =
    spec?.titleRows && spec.titleRows.first >= 1 && spec.titleRows.last >= spec.titleRows.first
      ? { first: spec.titleRows.first, last: spec.titleRows.last }
      : freezeRows > 0
        ? { first: 1, last: freezeRows }
        : null;
  const title = headerText(spec?.title ?? name);
  const tall = new Map(extent.rowHeights.map((h) => [h.row, h.points]));
  const height = (row: number) => tall.get(row) ?? LINE_HEIGHT_POINTS;
  const titleHeight = titleRows ? rowsHeight(titleRows.first, titleRows.last, height) : 0;
  // A chart reaches below the last row with text and must not be cut by a page break (SPEC §7). Where a
  // printed page ends is known only as closely as the printer's scale: LibreOffice printed the publication's
  // Einrichtungen (8 columns) with 37 rows on its first page where SRB counted 31, and the chart SRB placed
  // on page 2 started on page 1 and was cut. So a chart starts a page of its own unless the whole sheet down
  // to the chart's end fits on one page — at worst a page more, never a cut chart.
  const charts = extent.chartRows ?? [];
  const room = (pageHeight * HEIGHT_SAFETY) / scale - titleHeight;
  const bodyStart = (titleRows?.last ?? 0) + 1;
  // the page ends below the text — or below the chart above, when charts stand one below another
  const chartBreaks = charts
    .filter((c) => c.first > bodyStart && rowsHeight(bodyStart, c.last, height) > room)
    .map((c) =>
      Math.min(
        c.first - 1,
        Math.max(extent.rows, bodyStart, ...charts.filter((o) => o.last < c.first).map((o) => o.last)),
      ),
    );
  let kept: number[] = chartBreaks;
  const sections = spec?.sections ?? [];
  if (sections.length > 0) {
    // sections (Methode, Vorlage, the blocks below the Einrichtungen table) start a page rather than be cut
    // by one, counted from the chart pages' certain starts; a sheet printed pages across breaks its rows
    // on every page across alike
    kept = [
      ...chartBreaks,
      ...keepSections(
        sections,
        Math.max(extent.rows, ...charts.map((c) => c.last)),
        height,
        room,
        bodyStart - 1,
        room / HEIGHT_SAFETY - room,
        new Set(chartBreaks),
      ),
    ];
  }
  // the sheet's own page breaks, within its rows (a break below the last row would print an empty page)
  const forced = (spec?.pageBreaks ?? []).filter((r) => Number.isInteger(r) && r >= 1 && r < extent.rows);
  const rowBreaks = [...new Set([...kept, ...forced])].sort((a, b) => a - b);
  // the page header at its own size (not the sheet's scale): the room from the page's edge to the title
  const pageWidth =
    (orientation === "landscape" ? A4_POINTS.height : A4_POINTS.width) - (margins.left + margins.right) * 72;
  const beside = pageWidth / 2 - (textPixels(title.replace(/&&/g, "&"), true) * 0.75) / 2 - HEADER_GAP;
  return {
    orientation,
    rowBreaks,
    paper: "A4",
    fitToWidth,
    fitToHeight: 0,
    titleRows,
    titleColumns: fitToWidth > 1 ? titleColumns : null,
    pageOrder: fitToWidth > 1 ? "overThenDown" : "downThenOver",
    scale,
    margins,
    header: {
      left: sideSection(headerText(spec?.municipality ?? ""), beside),
      center: title === "" ? "" : `&B${title}`,
      right: sideSection(headerText(spec?.subtitle ?? ""), beside),
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
 * LINE_HEIGHT_POINTS per line the longest cell of the row takes at its column's width. `only`: the
 * (0-based, ascending) indexes of the rows that may hold wrapped cells, when the caller knows them (a sheet
 * of 10,000 Kitas has wrapped cells in its header rows only; the others are not looked at).
 *
 * @example
 * wrappedRowHeights([[{ value: "Kommunaler Anteil", wrap: true, bold: true }]], [10]);
 * // => [{ row: 1, points: 30 }]
 */
export function wrappedRowHeights(
  rows: readonly (readonly ({ value: unknown; wrap?: boolean; bold?: boolean } | undefined)[])[],
  widths: readonly number[],
  defaultWidth = 8.43,
  only?: readonly number[],
): { row: number; points: number }[] {
  const out: { row: number; points: number }[] = [];
  const indexes = only ?? rows.keys();
  for (const r of indexes) {
    const line = rows[r];
    if (line === undefined) continue;
    let lines = 1;
    for (let c = 0; c < line.length; c++) {
      const cell = line[c];
      if (!cell?.wrap || typeof cell.value !== "string") continue;
      const width = widths[c] !== undefined && widths[c] > 0 ? widths[c] : defaultWidth;
      lines = Math.max(lines, wrappedLines(cell.value, width, cell.bold === true));
    }
    if (lines > 1) out.push({ row: r + 1, points: lines * LINE_HEIGHT_POINTS });
  }
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

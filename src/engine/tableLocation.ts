/**
 * Where the Kita table sits on a sheet, found the way a person would find it (SPEC.md §8, "Real workbooks").
 *
 * Municipal workbooks rarely start with the header in row 1: a title ("Kita-Daten 2025 – Stadt X"), an empty
 * row and notes come first, the data end in a "Summe" row, and often the range is an Excel table. The rules:
 * 0. `data.range` in the model (a range the user chose, "B3:H30") fixes the header row (its first row),
 *    the columns and the last row read; rows with data below it are noted, so that a range saved last
 *    year never silently drops a Kita added since.
 * 1. `data.headerRow` in the model fixes the header row.
 * 2. Else an Excel table wins: the one whose header row holds the most of the model's columns (without a
 *    model: the first one); its header row and data body are used, never its totals row.
 * 3. Else, with a model: the first row holding the most of the model's columns.
 * 4. Else the row that looks most like a header: mostly texts, above a row of mostly numbers.
 * The data end at the first totals row ("Summe", "Gesamt", "Insgesamt", a row of SUM formulas) or at the
 * first blank row; rows below are ignored and counted, never errors. Hidden rows are included and listed,
 * so that a filter never silently drops a Kita.
 *
 * Pure: the adapters hand the used range as a grid, the use case projects the located table to a RawTable.
 */
import { formatCellRange, parseCellRange, type CellRange } from "./cellRange";
import { columnKey, headerLabel } from "./headerKey";
import type { Issue } from "./issues";
import { messages } from "./messages";
import type { CellValue, RawTable } from "./table";
import { a1 } from "./table";

/** An Excel table (ListObject) on the sheet, in 1-based sheet rows and columns. */
export interface GridTable {
  name: string;
  headerRow: number;
  /** First and last row of the data body (the totals row excluded). */
  firstDataRow: number;
  lastDataRow: number;
  firstColumn: number;
  lastColumn: number;
  /** The table's totals row ("Ergebniszeile"), when it has one. */
  totalsRow?: number;
}

/** The used range of a sheet as the adapters read it. */
export interface SheetGrid {
  sheet: string;
  /** Rows of the used range, top to bottom; a row may be shorter than others. */
  rows: CellValue[][];
  /** 1-based sheet row of `rows[0]` (default 1). */
  firstRow?: number;
  /** 1-based sheet column of each row's first cell (default 1 = A). */
  firstColumn?: number;
  /** Number format code per cell, same shape as `rows` (see RawTable.formats). */
  formats?: (string | null)[][];
  /** 1-based sheet rows that are hidden (by hand or by a filter). */
  hiddenRows?: readonly number[];
  /** 1-based sheet rows in which a cell holds a formula summing the cells above it (e.g. =SUM(C4:C30)). */
  sumFormulaRows?: readonly number[];
  /** Excel tables on the sheet. */
  tables?: readonly GridTable[];
  /**
   * Merged ranges of the sheet ("C4:C6"), in 1-based sheet rows and columns. The cells they cover are blank
   * in `rows` (as the file holds them); `tableAt` fills those of the key columns (see `MergedColumn`).
   */
  mergedRanges?: readonly CellRange[];
  /** The host could not say which cells are merged (Excel refuses more than 512 merged areas). */
  mergedUnknown?: boolean;
}

export interface LocationHints {
  /** `data.headerRow` of the model: the 1-based sheet row of the header, fixed by the user. */
  headerRow?: number;
  /**
   * `data.range` of the model, e.g. "B3:H30": header row, columns and last row chosen by the user (wins
   * over `headerRow`). A range of one row fixes the header row and the columns only.
   */
  range?: string;
  /** Header texts the model expects (Einrichtung, Sozialraum, Kinder, the indicators …). */
  columns?: readonly string[];
  /**
   * The model's text columns (Einrichtung, Sozialraum, Träger, Verbund, the Begründungen): in a merged range
   * of one of these, every row takes the value of the range's top-left cell, as Excel shows it.
   */
  textColumns?: readonly string[];
}

/** How the header row was found. */
export type LocationSource =
  "modelRange" | "modelRow" | "excelTable" | "modelColumns" | "looksLikeHeader" | "empty";

/** Why the data ended before the last row of the used range. */
export interface DataEnd {
  /** 1-based sheet row that ended the data (not included). */
  row: number;
  /** "rangeEnd": the end of the range the user chose (`data.range`), with rows holding data below it. */
  reason: "totalsRow" | "blankRow" | "rangeEnd";
  /** The totals row's label, e.g. "Summe" (totals rows only). */
  label?: string;
  /** 1-based sheet column of the totals row's label (totals rows with a label only). */
  column?: number;
  /** Non-empty rows at and below `row` that are ignored. */
  ignoredRows: number;
  /** The Excel table's own totals row: part of the table's structure, shown but not worth a warning. */
  tableTotals?: boolean;
}

export interface TableLocation {
  sheet: string;
  source: LocationSource;
  /** The Excel table used (source "excelTable"). */
  tableName?: string;
  /** The range the user chose, as the model holds it, e.g. "B3:H30" (source "modelRange"). */
  range?: string;
  /** 1-based sheet rows and columns. `lastDataRow < firstDataRow` when there are no data rows. */
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  firstColumn: number;
  lastColumn: number;
  /** Set when a totals row or a blank row ended the data before the end of the used range. */
  end: DataEnd | null;
  /** Hidden rows inside the data (included in the computation). */
  hiddenDataRows: number[];
  /** Merged ranges inside the data rows, in a column the model reads, per column (absent: none). */
  merged?: MergedColumn[];
  /** The sheet's merged cells could not be read (`SheetGrid.mergedUnknown`): said in a warning. */
  mergedUnknown?: boolean;
}

/** One merged range inside the data: its A1 range, its top-left cell and the value there. */
export interface MergedArea {
  /** "C4:C6". */
  range: string;
  /** The top-left cell, "C4", and its 1-based sheet row and column. */
  cell: string;
  row: number;
  column: number;
  /** The last data row the range covers (1-based sheet row). */
  lastRow: number;
  value: CellValue;
}

/**
 * The merged ranges of one column the model reads. `filled`: a text column (Einrichtung, Sozialraum,
 * Träger, Verbund, Begründung) — every row of a range takes the top-left value, as Excel shows it; else
 * (Kinder, an indicator, a flag) the value stays in the top-left cell only: a number is never copied to
 * several Kitas, which would count children or a rate twice.
 */
export interface MergedColumn {
  header: string;
  filled: boolean;
  areas: MergedArea[];
}

/** How many rows from the top are looked at for a header (a title block is a few rows, never hundreds). */
export const HEADER_SEARCH_ROWS = 100;

/**
 * First cell texts that make a row a totals row (whole word, case ignored); the check's summary-row words
 * (Mittelwert, Durchschnitt, Ø) too, so that a row the check would refuse inside the data ends it instead.
 */
// built at run time: a Unicode property escape in a literal is ES2018 syntax, beyond the bundles' target (ES2017)
const TOTALS_LABEL = new RegExp(
  "^(summe|summen|gesamt|gesamtsumme|insgesamt|zusammen|total|endsumme|mittelwert|durchschnitt|ø)(?![\\p{L}\\p{N}_])",
  "iu",
);

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function isText(v: CellValue | undefined): v is string {
  return typeof v === "string" && v.trim() !== "";
}

function rowIsBlank(row: readonly CellValue[] | undefined, from: number, to: number): boolean {
  if (row === undefined) return true;
  for (let c = from; c <= to && c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

/** The first non-blank text of a row within [from, to], trimmed, or "" (`at`: its position, if known). */
function firstText(
  row: readonly CellValue[],
  from: number,
  to: number,
  at = firstFilled(row, from, to),
): string {
  const v = at < 0 ? null : row[at];
  return isText(v) ? v.trim() : "";
}

/** The position of the first non-blank cell of `row` from `from` to `to`, -1 for none. */
function firstFilled(row: readonly CellValue[], from: number, to: number): number {
  for (let c = from; c <= to && c < row.length; c++) if (!isBlank(row[c])) return c;
  return -1;
}

/**
 * Whether a row is a totals row by its label: the first non-blank cell is a text starting with "Summe",
 * "Gesamt", "Insgesamt" … as a whole word ("Gesamtschule" is not one).
 *
 * @example isTotalsLabel("Summe Stadt") // => true
 * @example isTotalsLabel("Kita Gesamtschule") // => false
 */
export function isTotalsLabel(text: string): boolean {
  return TOTALS_LABEL.test(text.trim());
}

/** Number of the expected columns a row holds (header keys, each counted once). */
function matchCount(
  row: readonly CellValue[],
  expected: ReadonlySet<string>,
  from = 0,
  to = row.length - 1,
): number {
  const seen = new Set<string>();
  for (let c = Math.max(0, from); c <= to && c < row.length; c++) {
    const v = row[c];
    if (typeof v !== "string") continue;
    const k = columnKey(v);
    if (expected.has(k)) seen.add(k);
  }
  return seen.size;
}

/** The extent of the non-blank cells of a row (0-based, inclusive), or null for a blank row. */
function extent(row: readonly CellValue[] | undefined): [number, number] | null {
  if (row === undefined) return null;
  let first = -1;
  let last = -1;
  for (let c = 0; c < row.length; c++) {
    if (isBlank(row[c])) continue;
    if (first < 0) first = c;
    last = c;
  }
  return first < 0 ? null : [first, last];
}

/**
 * How much a row looks like a header: its number of text cells (at least two, at least 80 % of its
 * non-blank cells), times the share of numbers in the next non-blank row below it. A title ("Kita-Daten
 * 2025") has one cell and never qualifies; a data row has fewer texts than the header above it.
 */
function headerLikeness(rows: readonly CellValue[][], r: number): number {
  const row = rows[r];
  let nonBlank = 0;
  let texts = 0;
  for (const v of row) {
    if (isBlank(v)) continue;
    nonBlank++;
    if (isText(v)) texts++;
  }
  if (texts < 2 || texts < 0.8 * nonBlank) return 0;
  for (let below = r + 1; below < rows.length && below <= r + 5; below++) {
    let cells = 0;
    let numbers = 0;
    for (const v of rows[below]) {
      if (isBlank(v)) continue;
      cells++;
      if (typeof v === "number") numbers++;
    }
    if (cells === 0) continue;
    return texts * (numbers / cells);
  }
  return 0;
}

/**
 * Finds the header row, the data rows and the columns of the Kita table on a sheet.
 *
 * @example
 * // title in row 1, blank row 2, header in row 3, two Kitas, a "Summe" row
 * locateTable({ sheet: "Kitas", rows: [["Kita-Daten 2025 – Stadt X"], [], ["Einrichtung", "Sozialraum", "Kinder"],
 *   ["Kita A", "Nord", 40], ["Kita B", "Süd", 60], ["Summe", null, 100]] }, {});
 * // => { headerRow: 3, firstDataRow: 4, lastDataRow: 5, end: { row: 6, reason: "totalsRow", label: "Summe", … }, … }
 */
export function locateTable(grid: SheetGrid, hints: LocationHints = {}): TableLocation {
  const rows = grid.rows;
  const top = grid.firstRow ?? 1;
  const left = grid.firstColumn ?? 1;
  const header = findHeaderRow(grid, hints);
  if (header === null) {
    return {
      sheet: grid.sheet,
      source: "empty",
      headerRow: top,
      firstDataRow: top + 1,
      lastDataRow: top,
      firstColumn: left,
      lastColumn: left,
      end: null,
      hiddenDataRows: [],
    };
  }
  const { headerIndex, source, table, chosen } = header;

  // columns: the table's, else the header row's non-blank extent
  let firstCol: number;
  let lastCol: number;
  if (table !== undefined) {
    firstCol = table.firstColumn - left;
    lastCol = table.lastColumn - left;
  } else if (chosen !== null) {
    // cells left of the used range are blank: the table starts at the used range at the earliest
    firstCol = Math.max(0, chosen.firstColumn - left);
    lastCol = Math.max(firstCol, chosen.lastColumn - left);
  } else {
    const span = extent(rows[headerIndex]) ?? [0, 0];
    [firstCol, lastCol] = span;
  }

  // data rows: the table's body, else everything below the header; cut at a totals row or a blank row
  const firstData = headerIndex + 1;
  const rangeEnd = chosen !== null && chosen.lastRow > chosen.firstRow ? chosen.lastRow - top : null;
  const bodyEnd =
    table !== undefined
      ? Math.min(table.lastDataRow - top, rows.length - 1)
      : rangeEnd !== null
        ? Math.min(rangeEnd, rows.length - 1)
        : rows.length - 1;
  const { lastData, end } = findDataEnd(grid, { firstData, bodyEnd, rangeEnd, firstCol, lastCol, table });

  const hidden = new Set(grid.hiddenRows ?? []);
  const hiddenDataRows: number[] = [];
  for (let r = firstData; r <= lastData; r++) if (hidden.has(top + r)) hiddenDataRows.push(top + r);
  const merged = mergedColumns(grid, hints, {
    headerRow: top + headerIndex,
    firstDataRow: top + firstData,
    lastDataRow: top + lastData,
    firstColumn: left + firstCol,
    lastColumn: left + lastCol,
  });

  return {
    sheet: grid.sheet,
    source,
    ...(table !== undefined ? { tableName: table.name } : {}),
    ...(chosen !== null ? { range: formatCellRange(chosen) } : {}),
    headerRow: top + headerIndex,
    firstDataRow: top + firstData,
    lastDataRow: top + lastData,
    firstColumn: left + firstCol,
    lastColumn: left + lastCol,
    end,
    hiddenDataRows,
    ...(merged.length > 0 ? { merged } : {}),
    ...(grid.mergedUnknown ? { mergedUnknown: true } : {}),
  };
}

/** Where the header row was found (0-based in the grid), and how. */
interface HeaderFound {
  headerIndex: number;
  source: LocationSource;
  /** The Excel table whose header it is (source "excelTable"). */
  table: GridTable | undefined;
  /** The model's range (source "modelRange"), else null. */
  chosen: CellRange | null;
}

/**
 * The header row, by the first rule that applies: the model's range, the model's header row, an Excel table
 * holding the model's columns, the row holding most of the model's columns, the row that looks most like a
 * header, the first non-blank row. Null for a blank sheet.
 */
function findHeaderRow(grid: SheetGrid, hints: LocationHints): HeaderFound | null {
  const rows = grid.rows;
  const top = grid.firstRow ?? 1;
  const left = grid.firstColumn ?? 1;
  const expected = columnKeys(hints.columns);

  // 0. the model's range fixes the header row, the columns and the last row
  const chosen = hints.range !== undefined ? parseCellRange(hints.range) : null;
  if (chosen !== null && chosen.firstRow >= top)
    return { headerIndex: chosen.firstRow - top, source: "modelRange", table: undefined, chosen };
  // 1. the model fixes the header row
  if (hints.headerRow !== undefined && Number.isInteger(hints.headerRow) && hints.headerRow >= top)
    return { headerIndex: hints.headerRow - top, source: "modelRow", table: undefined, chosen: null };
  // 2. an Excel table whose header holds the model's columns (without a model: the first table)
  if (grid.tables && grid.tables.length > 0) {
    let best = -1;
    let table: GridTable | undefined;
    for (const t of grid.tables) {
      const r = rows[t.headerRow - top];
      const score = r === undefined ? -1 : matchCount(r, expected, t.firstColumn - left, t.lastColumn - left);
      if (score > best) {
        best = score;
        table = t;
      }
    }
    if (table !== undefined && (expected.size === 0 || best > 0))
      return { headerIndex: table.headerRow - top, source: "excelTable", table, chosen: null };
  }
  // 3. the first row holding the most of the model's columns
  if (expected.size > 0) {
    let best = 0;
    let headerIndex = -1;
    for (let r = 0; r < rows.length && r < HEADER_SEARCH_ROWS; r++) {
      const score = matchCount(rows[r], expected);
      if (score > best) {
        best = score;
        headerIndex = r;
      }
    }
    if (best > 0) return { headerIndex, source: "modelColumns", table: undefined, chosen: null };
  }
  // 4. the row that looks most like a header; else the first non-blank row
  let best = 0;
  let headerIndex = -1;
  for (let r = 0; r < rows.length && r < HEADER_SEARCH_ROWS; r++) {
    const score = headerLikeness(rows, r);
    if (score > best) {
      best = score;
      headerIndex = r;
    }
  }
  if (best === 0) headerIndex = rows.findIndex((r) => extent(r) !== null);
  if (headerIndex < 0) return null;
  return { headerIndex, source: "looksLikeHeader", table: undefined, chosen: null };
}

/**
 * The last data row (0-based) and why the data end there: a totals row or a blank row inside the body, an
 * Excel table's totals row, or rows with data below the model's range.
 */
function findDataEnd(
  grid: SheetGrid,
  body: {
    firstData: number;
    bodyEnd: number;
    rangeEnd: number | null;
    firstCol: number;
    lastCol: number;
    table: GridTable | undefined;
  },
): { lastData: number; end: DataEnd | null } {
  const rows = grid.rows;
  const top = grid.firstRow ?? 1;
  const left = grid.firstColumn ?? 1;
  const { firstData, bodyEnd, rangeEnd, firstCol, lastCol, table } = body;
  const sumRows = new Set(grid.sumFormulaRows ?? []);
  /** The rows from `from` to the sheet's end with something in the table's columns. */
  const filledFrom = (from: number): number => {
    let filled = 0;
    for (let below = from; below < rows.length; below++)
      if (!rowIsBlank(rows[below], firstCol, lastCol)) filled++;
    return filled;
  };

  for (let r = firstData; r <= bodyEnd; r++) {
    const row = rows[r];
    const filled = row === undefined ? -1 : firstFilled(row, firstCol, lastCol);
    const label = row === undefined ? "" : firstText(row, firstCol, lastCol, filled);
    const totals = (label !== "" && isTotalsLabel(label)) || sumRows.has(top + r);
    const blank = rowIsBlank(row, firstCol, lastCol);
    if (!totals && !blank) continue;
    const ignored = filledFrom(r);
    // trailing blank rows of the used range are no news; a blank row followed by more rows is
    if (blank && ignored === 0) return { lastData: r - 1, end: null };
    // a totals row with a label is named by the label's cell (often beside an empty „Lfd. Nr.“)
    const end: DataEnd = totals
      ? {
          row: top + r,
          reason: "totalsRow",
          label: label || undefined,
          ignoredRows: ignored,
          ...(label !== "" ? { column: left + filled } : {}),
        }
      : { row: top + r, reason: "blankRow", ignoredRows: ignored };
    return { lastData: r - 1, end };
  }

  // an Excel table's totals row is where its data end, said in the same words as a "Summe" row
  if (table?.totalsRow !== undefined) {
    const r = table.totalsRow - top;
    const label = rows[r] === undefined ? "" : firstText(rows[r], firstCol, lastCol);
    const end: DataEnd = {
      row: table.totalsRow,
      reason: "totalsRow",
      label: label || undefined,
      ignoredRows: Math.max(filledFrom(r), 1),
      tableTotals: true,
    };
    return { lastData: bodyEnd, end };
  }

  // rows with data below the chosen range: a totals row is the expected end, anything else is noted
  if (rangeEnd !== null && rangeEnd + 1 < rows.length) {
    let first = -1;
    let ignored = 0;
    for (let below = rangeEnd + 1; below < rows.length; below++) {
      if (rowIsBlank(rows[below], firstCol, lastCol)) continue;
      if (first < 0) first = below;
      ignored++;
    }
    if (first >= 0) {
      const label = firstText(rows[first], firstCol, lastCol);
      const totals = (label !== "" && isTotalsLabel(label)) || sumRows.has(top + first);
      const end: DataEnd = totals
        ? { row: top + first, reason: "totalsRow", label: label || undefined, ignoredRows: ignored }
        : { row: top + rangeEnd + 1, reason: "rangeEnd", ignoredRows: ignored };
      return { lastData: bodyEnd, end };
    }
  }
  return { lastData: bodyEnd, end: null };
}

/**
 * The merged ranges that start in a data row and cover more than one data row, in a column the model reads,
 * grouped by column. Only the range's first (left) column counts: a range merged across columns shows one
 * value, which belongs to one column. Ranges starting above the data (a title, a two-row header) or in a
 * column the model does not read are left alone.
 */
function mergedColumns(
  grid: SheetGrid,
  hints: LocationHints,
  at: {
    headerRow: number;
    firstDataRow: number;
    lastDataRow: number;
    firstColumn: number;
    lastColumn: number;
  },
): MergedColumn[] {
  if (!grid.mergedRanges || grid.mergedRanges.length === 0 || at.lastDataRow <= at.firstDataRow) return [];
  const top = grid.firstRow ?? 1;
  const left = grid.firstColumn ?? 1;
  const read = columnKeys(hints.columns);
  const text = columnKeys(hints.textColumns);
  const header = grid.rows[at.headerRow - top] ?? [];
  const byColumn = new Map<number, MergedColumn>();
  for (const m of grid.mergedRanges) {
    if (m.firstRow < at.firstDataRow || m.firstRow >= at.lastDataRow || m.lastRow === m.firstRow) continue;
    const c = m.firstColumn;
    if (c < at.firstColumn || c > at.lastColumn) continue;
    const title = header[c - left];
    const key = typeof title === "string" ? columnKey(title) : "";
    if (key === "" || !read.has(key)) continue;
    let column = byColumn.get(c);
    if (column === undefined) {
      column = { header: headerLabel(title as string), filled: text.has(key), areas: [] };
      byColumn.set(c, column);
    }
    const value = grid.rows[m.firstRow - top]?.[c - left] ?? null;
    column.areas.push({
      range: formatCellRange(m),
      cell: a1(m.firstRow, c),
      row: m.firstRow,
      column: c,
      lastRow: Math.min(m.lastRow, at.lastDataRow),
      value,
    });
  }
  const columns = [...byColumn.entries()].sort((a, b) => a[0] - b[0]).map(([, col]) => col);
  for (const col of columns) col.areas.sort((a, b) => a.row - b.row);
  return columns;
}

/**
 * The located table as the RawTable the check reads: header cells, data rows (and their number formats)
 * cut to the table's columns, with the header row and first column for A1 addresses.
 *
 * @example
 * const location = locateTable(grid, { columns: ["Einrichtung", "Sozialraum"] });
 * checkTable(model, tableAt(grid, location));
 */
export function tableAt(grid: SheetGrid, location: TableLocation): RawTable {
  const top = grid.firstRow ?? 1;
  const left = grid.firstColumn ?? 1;
  const from = location.firstColumn - left;
  const to = location.lastColumn - left + 1;
  const cut = <T>(row: readonly T[] | undefined): T[] => (row === undefined ? [] : row.slice(from, to));
  const rows: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = location.firstDataRow - top; r <= location.lastDataRow - top; r++) {
    rows.push(cut(grid.rows[r]));
    if (grid.formats) formats.push(cut(grid.formats[r]));
  }
  // merged ranges of the text columns: every row of a range takes the top-left value (rows are copies).
  // A column's areas come by first row; Excel's merged ranges never overlap, and where a hostile file's do,
  // a row already covered is not visited again, so the work stays one pass over the column's rows.
  for (const column of location.merged ?? []) {
    if (!column.filled) continue;
    let coveredTo = 0;
    for (const area of column.areas) {
      const c = area.column - location.firstColumn;
      const format = grid.formats?.[area.row - top]?.[area.column - left] ?? null;
      const from = Math.max(area.row + 1, coveredTo + 1);
      coveredTo = Math.max(coveredTo, area.lastRow);
      for (let r = from; r <= area.lastRow; r++) {
        const i = r - location.firstDataRow;
        const v = rows[i][c];
        if (v !== null && v !== undefined && v !== "") continue; // a covered cell with a value of its own
        rows[i][c] = area.value;
        if (grid.formats) formats[i][c] = format;
      }
    }
  }
  return {
    sheet: grid.sheet,
    headers: location.source === "empty" ? [] : cut(grid.rows[location.headerRow - top]),
    rows,
    headerRow: location.headerRow,
    firstColumn: location.firstColumn,
    ...(grid.formats ? { formats } : {}),
    location,
  };
}

/**
 * What the model tells about where its table is: `data.headerRow` and the column names it expects (its
 * data columns and indicators). Read from the model as given, so a model with other problems still helps.
 *
 * @example
 * locationHints({ data: { headerRow: 3, id: "Einrichtung", area: "Sozialraum" }, indicators: [{ column: "SGB II" }] });
 * // => { headerRow: 3, columns: ["Einrichtung", "Sozialraum", "SGB II"] }
 * locationHints({ data: { range: "A3:F15", id: "Einrichtung", area: "Sozialraum" } });
 * // => { range: "A3:F15", columns: ["Einrichtung", "Sozialraum"] }
 */
export function locationHints(model: unknown): LocationHints {
  if (typeof model !== "object" || model === null) return {};
  const { data, indicators } = model as { data?: unknown; indicators?: unknown };
  const columns: string[] = [];
  const textColumns: string[] = [];
  let headerRow: number | undefined;
  let range: string | undefined;
  if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data)) {
      if (key === "headerRow" && typeof value === "number" && Number.isInteger(value) && value >= 1)
        headerRow = value;
      else if (key === "range") {
        if (typeof value === "string" && parseCellRange(value) !== null) range = value;
      } else if (key !== "sheet" && typeof value === "string" && value.trim() !== "") {
        columns.push(value);
        if (TEXT_COLUMNS.has(key)) textColumns.push(value);
      }
    }
  }
  if (Array.isArray(indicators)) {
    for (const indicator of indicators) {
      const column = (indicator as { column?: unknown } | null)?.column;
      if (typeof column === "string" && column.trim() !== "") columns.push(column);
    }
  }
  return {
    ...(range !== undefined ? { range } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
    columns,
    ...(textColumns.length > 0 ? { textColumns } : {}),
  };
}

/**
 * The model's data columns that hold names or texts (`data.id`, `data.area`, `data.traeger`, `data.verbund`,
 * the Begründungen): a merged range there means "this value for every row", as Excel shows it. Numbers
 * (Kinder, indicators, VZÄ, Kita-Index) and flags (KNZ, Zusatzpersonal, neu gefördert) are not among them.
 */
const TEXT_COLUMNS: ReadonlySet<string> = new Set([
  "id",
  "area",
  "traeger",
  "verbund",
  "strand3Reason",
  "strand4Reason",
]);

/** The `columnKey`s of the hints' column names, blank ones left out. */
function columnKeys(columns: readonly string[] | undefined): Set<string> {
  return new Set((columns ?? []).map(columnKey).filter((k) => k !== ""));
}

function rowList(rows: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    runs.push(i === j ? `${rows[i]}` : `${rows[i]}–${rows[j]}`);
    i = j;
  }
  return runs.join(", ");
}

/**
 * The notes a located table gives the check report (warnings, never errors): rows below the data end
 * that are not read, and hidden rows that are read. Both name the sheet rows.
 *
 * @example
 * locationIssues(locateTable(grid)).map((i) => i.message);
 * // => ["Zeile 31 („Summe“) und darunter wird nicht als Einrichtung gelesen: …"]
 */
export function locationIssues(location: TableLocation): Issue[] {
  const issues: Issue[] = [];
  const end = location.end;
  if (end !== null && end.ignoredRows > 0 && end.tableTotals !== true) {
    const cell = a1(end.row, end.column ?? location.firstColumn);
    issues.push({
      level: "warning",
      code: "rows-below-table",
      sheet: location.sheet,
      cell,
      message:
        end.reason === "totalsRow"
          ? messages.totalsRowEndsTable(location.sheet, end.row, end.label ?? "", end.ignoredRows - 1)
          : end.reason === "rangeEnd"
            ? messages.rangeEndsTable(location.sheet, location.range ?? "", end.row, end.ignoredRows)
            : messages.blankRowEndsTable(location.sheet, end.row, end.ignoredRows),
    });
  }
  if (location.hiddenDataRows.length > 0) {
    const rows = location.hiddenDataRows;
    issues.push({
      level: "warning",
      code: "hidden-rows",
      sheet: location.sheet,
      cell: a1(rows[0], location.firstColumn),
      message: messages.hiddenRowsIncluded(location.sheet, rowList(rows), rows.length),
    });
  }
  if (location.mergedUnknown) {
    issues.push({
      level: "warning",
      code: "merged-cells",
      sheet: location.sheet,
      cell: a1(location.firstDataRow, location.firstColumn),
      message: messages.mergedCellsUnknown(location.sheet),
    });
  }
  for (const column of location.merged ?? []) {
    const areas = column.areas.map((a) => ({ range: a.range, cell: a.cell, value: a.value }));
    issues.push({
      level: "warning",
      code: "merged-cells",
      sheet: location.sheet,
      cell: column.areas[0].cell,
      message: column.filled
        ? messages.mergedCellsFilled(column.header, areas)
        : messages.mergedCellsNotFilled(column.header, areas),
    });
  }
  return issues;
}

/**
 * The words of `describeLocation`'s line, one per fact it can state: German (`GERMAN_LOCATION_WORDS`), the
 * language of the CLI, the progress messages and the documents; the task pane passes its own in English.
 */
export interface LocationWords {
  /** The sheet has no table at all. */
  empty: (sheet: string) => string;
  /** The header row, and where the table came from (`from`: an Excel table, a chosen range, or ""). */
  header: (row: number, from: string) => string;
  excelTable: (name: string) => string;
  chosenRange: (range: string) => string;
  noDataRows: string;
  /** The data rows, first to last (equal for one row). */
  data: (first: number, last: number) => string;
  /** The totals row left out, and how many rows below it were ignored (0: none). */
  totalsRowOmitted: (row: number, label: string | null, below: number) => string;
  /** Rows ignored below a chosen range. */
  belowRangeIgnored: (count: number) => string;
  /** Rows ignored from the blank row that ends the table on. */
  fromBlankRowIgnored: (count: number, row: number) => string;
  hiddenCounted: (count: number) => string;
}

const zeilen = (n: number) => `${n} ${n === 1 ? "Zeile" : "Zeilen"}`;

/** `describeLocation`'s German words. */
export const GERMAN_LOCATION_WORDS: LocationWords = {
  empty: (sheet) => `Blatt „${sheet}“: keine Tabelle gefunden (das Blatt ist leer).`,
  header: (row, from) => `Kopfzeile: Zeile ${row}${from}`,
  excelTable: (name) => ` (Excel-Tabelle „${name}“)`,
  chosenRange: (range) => ` (gewählter Bereich ${range})`,
  noDataRows: "keine Datenzeilen",
  data: (first, last) => `Daten: ${first === last ? `Zeile ${first}` : `Zeilen ${first}–${last}`}`,
  totalsRowOmitted: (row, label, below) =>
    `Zeile ${row} „${label ?? "Summe"}“ ausgelassen${below > 0 ? `, ${below} weitere ${below === 1 ? "Zeile" : "Zeilen"} darunter ignoriert` : ""}`,
  belowRangeIgnored: (count) => `${zeilen(count)} unterhalb des Bereichs ignoriert`,
  fromBlankRowIgnored: (count, row) => `${zeilen(count)} ab der Leerzeile ${row} ignoriert`,
  hiddenCounted: (count) => `${count} ausgeblendete ${count === 1 ? "Zeile" : "Zeilen"} mitgerechnet`,
};

/**
 * The located table in one line, as the Daten step and the CLI show it: German unless other words are given.
 *
 * @example
 * describeLocation(location);
 * // => "Kopfzeile: Zeile 3, Daten: Zeilen 4–30 (Zeile 31 „Summe“ ausgelassen)"
 */
export function describeLocation(
  location: TableLocation,
  words: LocationWords = GERMAN_LOCATION_WORDS,
): string {
  if (location.source === "empty") return words.empty(location.sheet);
  const parts: string[] = [];
  const from =
    location.tableName !== undefined
      ? words.excelTable(location.tableName)
      : location.range !== undefined
        ? words.chosenRange(location.range)
        : "";
  const data =
    location.lastDataRow < location.firstDataRow
      ? words.noDataRows
      : words.data(location.firstDataRow, location.lastDataRow);
  const end = location.end;
  if (end !== null) {
    parts.push(
      end.reason === "totalsRow"
        ? words.totalsRowOmitted(end.row, end.label ?? null, end.ignoredRows - 1)
        : end.reason === "rangeEnd"
          ? words.belowRangeIgnored(end.ignoredRows)
          : words.fromBlankRowIgnored(end.ignoredRows, end.row),
    );
  }
  if (location.hiddenDataRows.length > 0) parts.push(words.hiddenCounted(location.hiddenDataRows.length));
  return `${words.header(location.headerRow, from)}, ${data}${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

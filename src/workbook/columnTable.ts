/**
 * Sheets from column tables: a generated table is declared once as a list of columns
 * `{ key, header, width, value(item, at), total }`; the header row, the column widths, the column letters,
 * the references between columns and the total row's SUM formulas all follow from that list, so a new
 * column (or a category more) never has to be counted in by hand.
 */
import { columnLetters } from "../engine/table";
import type { ChartSpec, SheetCell, TableSpec } from "./port";

/** Where a value is written: its sheet row, and the addresses of the other columns in that row. */
export interface CellPlace {
  /** 1-based sheet row. */
  row: number;
  /** 0-based position of the item in the table's list. */
  index: number;
  /** "G5": the cell of column `key` in this row. */
  cell(key: string): string;
}

/** How a column is totalled in the total row (a SUM formula over the data rows, cached value computed). */
export type ColumnTotal =
  /** Sum of the values as they are (counts, shares, VZÄ). */
  | "sum"
  /** Sum in whole cents (money: what Excel's SUM shows at two decimals). */
  | "cents";

export interface Column<T> {
  /** Identifies the column for references from other columns and from the caller. */
  key: string;
  header: string;
  /** Width in characters. */
  width: number;
  value(item: T, at: CellPlace): SheetCell;
  total?: ColumnTotal;
  /** Number format of the total cell (default: the first data cell's). */
  totalFormat?: string;
}

export interface ColumnTable {
  /** Header row (bold) and one row per item. */
  rows: SheetCell[][];
  /** The total row: "Summe" in the first column, SUM formulas where a column has `total`. */
  total: SheetCell[];
  widths: number[];
  /** 1-based sheet rows of the header, the first and the last data row. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** 1-based column of a key. */
  column(key: string): number;
  /** Column letter(s) of a key, e.g. "G". */
  letter(key: string): string;
  /** `$B$2:$B$9`: the data rows of a column (absolute). */
  range(key: string): string;
  /** The Excel table over header and data rows (null without data rows: a table needs one). */
  table(name: string): TableSpec | null;
}

/** Sum rounded to the cent, computed in integer cents (what Excel's SUM shows at two decimals). */
function centSum(values: readonly number[]): number {
  return values.reduce((s, v) => s + Math.round(v * 100), 0) / 100;
}

/**
 * Lays out `items` under `columns`, the header in sheet row `headerRow` (default 1).
 *
 * @example
 * const t = columnTable(
 *   [
 *     { key: "name", header: "Sozialraum", width: 20, value: (a: { name: string; amount: number }) => ({ value: a.name }) },
 *     { key: "amount", header: "Betrag", width: 12, value: (a) => ({ value: a.amount }), total: "cents" },
 *   ],
 *   [{ name: "Nord", amount: 1.1 }, { name: "Süd", amount: 2.2 }],
 * );
 * t.letter("amount"); // => "B"
 * t.total[1]; // => { value: 3.3, formula: "SUM(B2:B3)", bold: true }
 */
export function columnTable<T>(
  columns: readonly Column<T>[],
  items: readonly T[],
  headerRow = 1,
): ColumnTable {
  const index = new Map(columns.map((c, i) => [c.key, i + 1]));
  // the letters once per column, not once per cell reference (10,000 Kitas × many references)
  const letters = new Map(columns.map((c, i) => [c.key, columnLetters(i + 1)]));
  const column = (key: string): number => {
    const i = index.get(key);
    if (i === undefined) throw new Error(`columnTable: unknown column "${key}"`);
    return i;
  };
  const letter = (key: string): string => {
    const l = letters.get(key);
    if (l === undefined) throw new Error(`columnTable: unknown column "${key}"`);
    return l;
  };
  const firstRow = headerRow + 1;
  const lastRow = headerRow + items.length;
  const rows: SheetCell[][] = [columns.map((c) => ({ value: c.header, bold: true }))];
  items.forEach((item, i) => {
    const row = firstRow + i;
    const at: CellPlace = { row, index: i, cell: (key) => `${letter(key)}${row}` };
    rows.push(columns.map((c) => c.value(item, at)));
  });
  const total: SheetCell[] = columns.map((c, i) => {
    if (i === 0) return { value: "Summe", bold: true };
    if (!c.total) return { value: null };
    const cells = rows.slice(1).map((r) => r[i]);
    const numbers = cells.map((cell) => (typeof cell?.value === "number" ? cell.value : 0));
    const numFmt = c.totalFormat ?? cells.find((cell) => cell?.numFmt)?.numFmt;
    const format = numFmt ? { numFmt } : {};
    if (items.length === 0) return { value: 0, ...format, bold: true };
    const value = c.total === "cents" ? centSum(numbers) : numbers.reduce((s, v) => s + v, 0);
    const l = columnLetters(i + 1);
    return { value, formula: `SUM(${l}${firstRow}:${l}${lastRow})`, ...format, bold: true };
  });
  return {
    rows,
    total,
    widths: columns.map((c) => c.width),
    headerRow,
    firstRow,
    lastRow,
    column,
    letter,
    range: (key) => `$${letter(key)}$${firstRow}:$${letter(key)}$${lastRow}`,
    table: (name) =>
      items.length === 0 ? null : { name, headerRow, lastRow, firstColumn: 1, lastColumn: columns.length },
  };
}

/**
 * The sum of `sumRange` over the rows whose `matchRange` cell equals `cell` exactly: case-sensitive and
 * without criteria syntax, so that a Sozialraum named "Nord*", "?", "~1", "<5" or "=A" matches only
 * itself (SUMIF would read those as wildcards or comparisons).
 *
 * @example sumWhereEqual("$B$2:$B$9", "A12", "$P$2:$P$9"); // => "SUMPRODUCT(--EXACT($B$2:$B$9,A12),$P$2:$P$9)"
 */
export function sumWhereEqual(matchRange: string, cell: string, sumRange: string): string {
  return `SUMPRODUCT(--EXACT(${matchRange},${cell}),${sumRange})`;
}

/**
 * A bar chart of one column of `table` against another (one bar per row), its top-left corner in `row`
 * (1-based) of column `column` (default "A"): below the table and its notes, so that it prints on the
 * page under the table, not beside it (which would shrink the print). None for a table without rows.
 * `withHeader`: the data range starts at the header row (the series takes the header as its name).
 *
 * @example
 * barChartBelow(t, "Anteile der Sozialräume am Budget", "name", "share", 13);
 * // => [{ kind: "bar", title: "Anteile der Sozialräume am Budget", firstRow: 2, lastRow: 9,
 * //       categoryColumn: 1, seriesColumns: [6], anchor: "A13" }]
 */
export function barChartBelow(
  table: ColumnTable,
  title: string,
  categoryKey: string,
  seriesKey: string,
  row: number,
  options: { withHeader?: boolean; column?: string } = {},
): ChartSpec[] {
  if (table.lastRow < table.firstRow) return [];
  return [
    {
      kind: "bar",
      title,
      firstRow: options.withHeader ? table.headerRow : table.firstRow,
      lastRow: table.lastRow,
      categoryColumn: table.column(categoryKey),
      seriesColumns: [table.column(seriesKey)],
      anchor: `${options.column ?? "A"}${row}`,
    },
  ];
}

/**
 * A cell range the user chose for the Kita table (`data.range` in the model, SPEC §8 extension): an A1
 * range such as "B3:H30" — its first row is the header row, its columns are the table's columns, its last
 * row the last row read. A range of one row ("B3:H3") fixes the header row and the columns; the data then
 * run down to a totals row or a blank row, as without a range.
 *
 * Pure text handling; the adapters report a selection as Excel writes it ("'Kita Daten'!$B$3:$H$30").
 */
import { a1 } from "./table";

/** A chosen range in 1-based sheet rows and columns (inclusive). */
export interface CellRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** Excel's limits: 1,048,576 rows, 16,384 columns (XFD). */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Reads an A1 range ("B3:H30", "$B$3:$H$30", "b3:h30", one cell "B3"); a sheet prefix ("Kitas!B3:H30")
 * is not part of a model's range and gives null, as do whole columns ("B:H") and whole rows ("3:30").
 * The corners may come in any order; the result is normalised (top-left first).
 *
 * @example parseCellRange("B3:H30"); // => { firstRow: 3, lastRow: 30, firstColumn: 2, lastColumn: 8 }
 * @example parseCellRange("B:H"); // => null
 */
export function parseCellRange(text: string): CellRange | null {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?\s*$/.exec(text);
  if (!m) return null;
  const c1 = columnNumber(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] !== undefined ? columnNumber(m[3]) : c1;
  const r2 = m[4] !== undefined ? Number(m[4]) : r1;
  for (const r of [r1, r2]) if (r < 1 || r > MAX_ROW) return null;
  for (const c of [c1, c2]) if (c < 1 || c > MAX_COLUMN) return null;
  return {
    firstRow: Math.min(r1, r2),
    lastRow: Math.max(r1, r2),
    firstColumn: Math.min(c1, c2),
    lastColumn: Math.max(c1, c2),
  };
}

/**
 * The range a merge names („C4:C6“, from a sheet's `<mergeCell ref>` or Excel's merged areas), or null for
 * text that is no A1 range and for a single cell, which merges nothing.
 *
 * @example mergedRange("C4:C6"); // => { firstRow: 4, lastRow: 6, firstColumn: 3, lastColumn: 3 }
 * @example mergedRange("A1"); // => null
 */
export function mergedRange(text: string): CellRange | null {
  const range = parseCellRange(text);
  return range && (range.lastRow > range.firstRow || range.lastColumn > range.firstColumn) ? range : null;
}

/**
 * Whether a text is a range a model may hold (`parseCellRange` reads it).
 *
 * @example isCellRange("A3:F15"); // => true
 * @example isCellRange("Kitas!A3:F15"); // => false
 */
export function isCellRange(text: string): boolean {
  return parseCellRange(text) !== null;
}

/**
 * A range written the way the model stores it and the user reads it: "B3:H30" (one cell: "B3").
 *
 * @example formatCellRange({ firstRow: 3, lastRow: 30, firstColumn: 2, lastColumn: 8 }); // => "B3:H30"
 */
export function formatCellRange(range: CellRange): string {
  const first = a1(range.firstRow, range.firstColumn);
  const last = a1(range.lastRow, range.lastColumn);
  return first === last ? first : `${first}:${last}`;
}

/**
 * Splits an address as Excel reports a selection ("Kitas!B3:H30", "'Kita Daten 2025'!$B$3:$H$30") into
 * the sheet and the range in the model's form; null for what is no single rectangular range of cells
 * (several areas "A1:B2,D4", whole columns "B:H", whole rows "3:30").
 *
 * @example splitSheetAddress("'Kita Daten'!$B$3:$H$30"); // => { sheet: "Kita Daten", range: "B3:H30" }
 * @example splitSheetAddress("Kitas!B:H"); // => null
 */
export function splitSheetAddress(address: string): { sheet: string; range: string } | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  let sheet = address.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const range = parseCellRange(address.slice(bang + 1));
  if (sheet === "" || range === null) return null;
  return { sheet, range: formatCellRange(range) };
}

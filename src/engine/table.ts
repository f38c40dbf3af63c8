/**
 * A data sheet as the workbook adapters hand it to the engine: raw cell values, untouched.
 * The engine's check (checkTable) turns it into typed units or into issues; nothing is coerced here.
 */
import type { TableLocation } from "./tableLocation";

/** An Excel error value such as `#N/A` or `#DIV/0!`. */
export interface CellError {
  error: string;
}

/** A raw cell: blank is `null`. Dates arrive as numbers or text; formulas arrive as their cached result. */
export type CellValue = number | string | boolean | null | CellError;

export interface RawTable {
  /** Sheet name (for messages). */
  sheet: string;
  /** Header row (row `headerRow` on the sheet). */
  headers: CellValue[];
  /** Data rows below the header, top to bottom; rows may be shorter than the header. */
  rows: CellValue[][];
  /** 1-based sheet row of the header row (default 1). */
  headerRow?: number;
  /** 1-based sheet column of the first column (default 1 = A). */
  firstColumn?: number;
  /**
   * Number format code of each data cell, same shape as `rows` (`formats[r][c]` belongs to `rows[r][c]`);
   * null, undefined or a missing entry = General. Codes as the file or the Excel API gives them ("dd.mm.yyyy",
   * "0.0%"); the check reads them with `numberFormatKind` to find numbers shown as dates and mixed percent.
   */
  formats?: (string | null)[][];
  /**
   * Where the table was found on its sheet (header row, data end, hidden rows), when it was located
   * (`tableAt`); the check report notes rows below the data and hidden rows from it.
   */
  location?: TableLocation;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

/** 1-based column number → letters (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let n = column;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 1-based row and column. */
export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/**
 * The A1 range a raw table covers on its sheet (header row to last row, widest row), with the sheet name
 * quoted where Excel needs it. A loop, not `Math.max(...rows)`: that overflows the stack on big sheets.
 *
 * @example tableRange({ sheet: "Kitas", headers: ["A", "B"], rows: [[1, 2], [3, 4]] }); // => "Kitas!A1:B3"
 */
export function tableRange(table: RawTable): string {
  const headerRow = table.headerRow ?? 1;
  const firstColumn = table.firstColumn ?? 1;
  const width = table.rows.reduce((w, r) => Math.max(w, r.length), Math.max(table.headers.length, 1));
  const sheet = /^[A-Za-z0-9_]+$/.test(table.sheet) ? table.sheet : `'${table.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${a1(headerRow, firstColumn)}:${a1(headerRow + table.rows.length, firstColumn + width - 1)}`;
}

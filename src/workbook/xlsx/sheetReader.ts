/**
 * Reads one worksheet part as a stream of cells: only the cells that hold something, each with its row,
 * column, raw value, formula text and number format. Memory grows with the cells kept, never with the
 * part's size or the sheet's extent; shared strings and number formats are read once per package.
 *
 * Understands what writers other than Excel produce: cells and rows without the optional `r` attribute
 * (positions counted), any namespace prefix (`x:c` as the OpenXML SDK writes), inline strings,
 * ISO dates (`t="d"`), strict OOXML.
 */
import { SrbUsageError } from "../../engine/issues";
import { a1, type CellValue } from "../../engine/table";
import { SheetScanner } from "./sheetScanner";
import { attr, streamPart } from "./xmlParts";
import type { ZipArchive } from "./zipArchive";
import { formatNumber } from "../../engine/germanFormat";

/** Most cells SRB keeps from one sheet (rows × used width): 100,000 Kitas × 50 columns. */
export const MAX_SHEET_CELLS = 5_000_000;

/** Excel's grid. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Days between Excel's day 0 and 1970-01-01 (1900 date system; 1904 system: 24107). */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

/** Built-in number formats (ECMA-376 §18.8.30) by id; ids not listed here and 0 are "General". */
const BUILTIN_FORMATS: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/**
 * The number format code of each cell style (`cellXfs` index), null for General.
 *
 * @example (await readCellFormats(zip, "xl/styles.xml"))[3]; // => "0.0%"
 */
export function readCellFormats(zip: ZipArchive, stylesPart: string | undefined): (string | null)[] {
  if (!stylesPart) return [];
  const custom = new Map<number, string>();
  const xfNumFmt: number[] = [];
  let inCellXfs = false;
  streamPart(
    zip,
    stylesPart,
    {
      open(tag) {
        if (tag.local === "numFmt") {
          const id = Number(attr(tag, "numFmtId"));
          const code = attr(tag, "formatCode");
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        } else if (tag.local === "cellXfs") inCellXfs = true;
        else if (tag.local === "xf" && inCellXfs) xfNumFmt.push(Number(attr(tag, "numFmtId") ?? 0));
      },
      close(tag) {
        if (tag.local === "cellXfs") inCellXfs = false;
      },
    },
    64 * 1024 * 1024,
  );
  return xfNumFmt.map((id) => {
    const code = custom.get(id) ?? BUILTIN_FORMATS[id] ?? null;
    return code === null || code.toLowerCase() === "general" ? null : code;
  });
}

/**
 * The shared strings of a package, in order (rich text joined, phonetic runs left out).
 *
 * @example readSharedStrings(zip, "xl/sharedStrings.xml")[0]; // => "Einrichtung"
 */
export function readSharedStrings(zip: ZipArchive, part: string | undefined): string[] {
  if (!part) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let phonetic = 0;
  const scanner = new SheetScanner(part, ["si", "rPh", "t"], [], {
    open(element) {
      if (element === SI) current = [];
      else if (element === RPH) phonetic++;
      else if (current && phonetic === 0) scanner.capture = true;
    },
    close(element) {
      if (element === SI) {
        strings.push((current ?? []).join(""));
        current = null;
      } else if (element === RPH) phonetic--;
      else scanner.capture = false;
    },
    text(t) {
      if (current) current.push(t);
    },
  });
  scanPart(zip, part, scanner);
  return strings;
}
const SI = 0;
const RPH = 1;

/** Scans a zip entry with `scanner` as it is inflated (nothing when the entry is missing). */
function scanPart(zip: ZipArchive, part: string, scanner: SheetScanner): void {
  const entry = zip.entry(part);
  if (!entry) return;
  zip.inflate(entry, (chunk) => scanner.write(chunk));
  scanner.end();
}

/**
 * One cell as read, handed over without building an object per cell: 1-based row and column, the value,
 * the formula text without "=" when the cell holds one (shared-formula children: undefined), and the
 * number format code (null for General).
 */
export type OnCell = (
  row: number,
  col: number,
  value: CellValue,
  formula: string | undefined,
  format: string | null,
) => void;

export interface SheetContext {
  sharedStrings: string[];
  formats: (string | null)[];
  date1904: boolean;
}

/** Column number of the letters in an A1 reference ("AB12" → 28), 0 when there are none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col;
}

/** Row number of an A1 reference ("AB12" → 12, "$B$7" → 7); NaN when there is none. */
function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i) | 0x20;
    if ((c >= 97 && c <= 122) || c === 0x24) i++;
    else break;
  }
  return Number(ref.slice(i).replace("$", ""));
}

/** The elements and attributes of a worksheet the cell reader is told about (indices into these lists). */
const CELL_ELEMENTS = ["sheetData", "row", "c", "v", "f", "is", "rPh", "t"];
const [SHEET_DATA, ROW, C, V, F, IS, RPH_, T] = CELL_ELEMENTS.map((_, i) => i);
const CELL_ATTRIBUTES = ["r", "t", "s", "hidden"];
const [A_R, A_T, A_S, A_HIDDEN] = CELL_ATTRIBUTES.map((_, i) => i);

/** What the text inside a cell goes to: nothing, the value, the formula, the inline string. */
const NOTHING = 0;
const VALUE = 1;
const FORMULA = 2;
const INLINE = 3;

/**
 * Streams the cells of a worksheet part that hold a value or a formula, in document order.
 *
 * @example streamCells(zip, "xl/worksheets/sheet1.xml", ctx, "Kitas", (row, col, value) => console.log(row, col, value));
 */
export function streamCells(
  zip: ZipArchive,
  part: string,
  ctx: SheetContext,
  sheet: string,
  onCell: OnCell,
  onHiddenRow?: (row: number) => void,
): void {
  let row = 0;
  let col = 0;
  let inSheetData = false;
  // the open cell: its type, style and column (inCell false: outside a cell)
  let inCell = false;
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let inline: string | null = null;
  let into: number = NOTHING;
  let phonetic = 0;
  const bad = (what: string) =>
    new SrbUsageError(
      `Blatt „${sheet}“: ${what} – die Datei ist beschädigt. Bitte in Excel öffnen und neu speichern.`,
    );
  const scanner = new SheetScanner(part, CELL_ELEMENTS, CELL_ATTRIBUTES, {
    open(element, attributes) {
      switch (element) {
        case SHEET_DATA:
          inSheetData = true;
          return;
        case ROW: {
          if (!inSheetData) return;
          const r = attributes[A_R];
          const n = r === undefined ? row + 1 : Number(r);
          if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) throw bad(`Zeilennummer „${r}“ ungültig`);
          row = n;
          col = 0;
          const hidden = attributes[A_HIDDEN];
          if (onHiddenRow && (hidden === "1" || hidden === "true")) onHiddenRow(n);
          return;
        }
        case C: {
          if (!inSheetData) return;
          const r = attributes[A_R];
          let c = col + 1;
          if (r !== undefined) {
            c = columnOf(r);
            const rr = rowOf(r);
            if (Number.isInteger(rr) && rr >= 1 && rr <= MAX_ROW && rr !== row) row = rr;
          }
          if (row === 0) row = 1;
          if (c < 1 || c > MAX_COL) throw bad(`Zellbezug „${r}“ ungültig`);
          col = c;
          inCell = true;
          type = attributes[A_T] ?? "n";
          style = Number(attributes[A_S] ?? 0);
          value = null;
          formula = null;
          inline = null;
          return;
        }
        case V:
          if (inCell) {
            value = "";
            into = VALUE;
            scanner.capture = true;
          }
          return;
        case F:
          if (inCell) {
            formula = "";
            into = FORMULA;
            scanner.capture = true;
          }
          return;
        case IS:
          if (inCell) inline = "";
          return;
        case RPH_:
          phonetic++;
          return;
        case T:
          if (inCell && inline !== null && phonetic === 0) {
            into = INLINE;
            scanner.capture = true;
          }
          return;
      }
    },
    close(element) {
      switch (element) {
        case SHEET_DATA:
          inSheetData = false;
          return;
        case V:
        case F:
        case T:
          into = NOTHING;
          scanner.capture = false;
          return;
        case RPH_:
          phonetic--;
          return;
        case C: {
          if (!inCell) return;
          inCell = false;
          const v = value;
          const f = formula === null ? undefined : formula;
          const read = convert(type, v, inline, ctx);
          let out: CellValue = read;
          if (f !== undefined && (read === null || read === "") && v === null) {
            const shown = f === "" ? "Formel" : `„=${f}“`;
            out = {
              error: `${shown} ohne berechnetes Ergebnis (bitte in Excel neu berechnen und speichern)`,
            };
          }
          if (out === null && f === undefined) return;
          onCell(row, col, out, f === "" ? undefined : f, ctx.formats[style] ?? null);
          return;
        }
      }
    },
    text(t) {
      if (into === VALUE) value += t;
      else if (into === FORMULA) formula += t;
      else if (into === INLINE) inline += t;
    },
  });
  scanPart(zip, part, scanner);
}

function convert(type: string, v: string | null, inline: string | null, ctx: SheetContext): CellValue {
  switch (type) {
    case "s": {
      if (v === null) return null;
      const s = ctx.sharedStrings[Number(v)];
      return s === undefined ? null : s;
    }
    case "inlineStr":
      return inline ?? v ?? null;
    case "str":
      return v ?? null;
    case "b":
      return v === null ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return v === null ? null : { error: v };
    case "d": {
      if (v === null) return null;
      const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes("T") ? v : `${v}Z`);
      return Number.isFinite(ms) ? ms / 86_400_000 + (ctx.date1904 ? EPOCH_1904 : EPOCH_1900) : v;
    }
    default: {
      if (v === null) return null;
      const t = v.trim();
      if (t === "") return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : v;
    }
  }
}

/** The cells of a sheet as a grid from A1 (rows × used width), with the format of every cell. */
export interface SheetGrid {
  values: CellValue[][];
  formats: (string | null)[][];
  /**
   * Formula text per cell (only when asked for): a row with a formula has its full width, a row without one
   * is empty (a data sheet of 10,000 Kitas has none, and needs no 10,000 rows of nothing).
   */
  formulas?: (readonly (string | undefined)[])[];
  /** 1-based rows marked hidden (`<row hidden="1">`), in sheet order. */
  hiddenRows: number[];
}

/**
 * Reads a whole sheet into a rectangular grid from A1 to the last cell with a value. A sheet whose used
 * range would exceed `MAX_SHEET_CELLS` (a stray value in XFD1048576, a million rows) is refused with a
 * German message naming the sheet and the far cell, before the grid is built.
 *
 * @example readGrid(zip, part, ctx, "Kitas").values[0]; // => ["Einrichtung", "Sozialraum", …]
 */
export function readGrid(
  zip: ZipArchive,
  part: string,
  ctx: SheetContext,
  sheet: string,
  withFormulas = false,
): SheetGrid {
  // rows as they come (sparse: a row without cells has none), made rectangular once the size is checked
  const valueRows: CellValue[][] = [];
  const formatRows: (string | null)[][] = [];
  const formulaRows: (string | undefined)[][] = [];
  let count = 0;
  let maxRow = 0;
  let maxCol = 0;
  const hiddenRows: number[] = [];
  streamCells(
    zip,
    part,
    ctx,
    sheet,
    (row, col, value, formula, format) => {
      count++;
      if (row > maxRow) maxRow = row;
      if (col > maxCol) maxCol = col;
      if (count > MAX_SHEET_CELLS) throw tooLarge(sheet, count, maxRow, maxCol);
      const r = row - 1;
      (valueRows[r] ??= [])[col - 1] = value;
      (formatRows[r] ??= [])[col - 1] = format;
      if (withFormulas && formula !== undefined) (formulaRows[r] ??= [])[col - 1] = formula;
    },
    (r) => hiddenRows.push(r),
  );
  if (maxRow * maxCol > MAX_SHEET_CELLS) throw tooLarge(sheet, count, maxRow, maxCol);
  const values: CellValue[][] = new Array<CellValue[]>(maxRow);
  const formats: (string | null)[][] = new Array<(string | null)[]>(maxRow);
  const formulas = withFormulas ? new Array<readonly (string | undefined)[]>(maxRow) : undefined;
  for (let r = 0; r < maxRow; r++) {
    values[r] = filled(valueRows[r], maxCol, null);
    formats[r] = filled(formatRows[r], maxCol, null);
    if (formulas) formulas[r] = formulaRows[r] ? filled(formulaRows[r], maxCol, undefined) : NO_FORMULAS;
  }
  return { values, formats, formulas, hiddenRows: hiddenRows.filter((r) => r <= maxRow) };
}

/** The formulas of a row without any (shared: nothing ever writes into it). */
const NO_FORMULAS: readonly undefined[] = Object.freeze([]);

/** A row of `width` cells: the cells read (in place), the missing ones `blank`. */
function filled<T>(line: T[] | undefined, width: number, blank: T): T[] {
  if (line === undefined) return new Array<T>(width).fill(blank);
  for (let c = 0; c < width; c++) if (!(c in line)) line[c] = blank;
  return line;
}

function tooLarge(sheet: string, count: number, maxRow: number, maxCol: number): SrbUsageError {
  return new SrbUsageError(
    `Blatt „${sheet}“ ist zu groß für SRB: es reicht bis Zelle ${a1(maxRow, maxCol)} ` +
      `(${formatNumber(count)} Zellen mit Inhalt; höchstens ${formatNumber(MAX_SHEET_CELLS)} Zellen ` +
      `von A1 bis zur letzten gefüllten Zelle). Bitte Inhalte außerhalb der Kita-Tabelle löschen oder die Tabelle auf ein eigenes Blatt kopieren.`,
  );
}

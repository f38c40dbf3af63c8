/**
 * Reads one worksheet part as a stream of cells: only the cells that hold something, each with its row,
 * column, raw value, formula text and number format. Memory grows with the cells kept, never with the
 * part's size or the sheet's extent; shared strings and number formats are read once per package.
 *
 * Understands what writers other than Excel produce: cells and rows without the optional `r` attribute
 * (positions counted), any namespace prefix (`x:c` as the OpenXML SDK writes), inline strings,
 * ISO dates (`t="d"`), strict OOXML.
 */
import { mergedRange, type CellRange } from "../../engine/cellRange";
import { SrbUsageError } from "../../engine/issues";
import { a1, type CellValue } from "../../engine/table";
import { decodeBytes, SheetScanner } from "./sheetScanner";
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
        else if (tag.local === "xf" && inCellXfs) {
          if (xfNumFmt.length === MAX_CELL_STYLES) throw tooManyStyles(stylesPart);
          xfNumFmt.push(Number(attr(tag, "numFmtId") ?? 0));
        }
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

/** Cell styles read at most: Excel itself allows 64,000 (the rest of the 64 MB styles part is refused). */
const MAX_CELL_STYLES = 1_000_000;

function tooManyStyles(part: string): SrbUsageError {
  return new SrbUsageError(
    `Die Arbeitsmappe hat mehr als ${formatNumber(MAX_CELL_STYLES)} Zellformate (Teil „${part}“; Excel erlaubt ` +
      "64.000) – die Datei ist beschädigt. Bitte in Excel öffnen und neu speichern.",
  );
}

/**
 * The shared strings of a package, in order (rich text joined, phonetic runs left out).
 *
 * @example readSharedStrings(zip, "xl/sharedStrings.xml")[0]; // => "Einrichtung"
 */
export function readSharedStrings(zip: ZipArchive, part: string | undefined): string[] {
  if (!part) return [];
  const strings: string[] = [];
  // the text of the open <si> (null: outside one); a plain string needs no list and no join
  let current: string | null = null;
  let phonetic = 0;
  const scanner = new SheetScanner(part, ["si", "rPh", "t"], [], {
    open(element) {
      if (element === SI) current = "";
      else if (element === RPH) phonetic++;
      else if (current !== null && phonetic === 0) scanner.capture = true;
    },
    close(element) {
      if (element === SI) {
        // a part of nothing but <si/> would otherwise grow the list until memory runs out
        if (strings.length === MAX_SHARED_STRINGS) throw tooManyStrings(part);
        strings.push(current ?? "");
        current = null;
      } else if (element === RPH) phonetic--;
      else scanner.capture = false;
    },
    text(t) {
      if (current !== null) current += t;
    },
  });
  scanPart(zip, part, scanner);
  return strings;
}
const SI = 0;
const RPH = 1;

/** Distinct texts a package may share (`xl/sharedStrings.xml`): as many as a data sheet may have cells. */
export const MAX_SHARED_STRINGS = MAX_SHEET_CELLS;

function tooManyStrings(part: string): SrbUsageError {
  return new SrbUsageError(
    `Die Arbeitsmappe enthält mehr als ${formatNumber(MAX_SHARED_STRINGS)} verschiedene Texte (Teil „${part}“) – ` +
      "zu viele für SRB. Bitte die Kita-Tabelle in eine eigene Arbeitsmappe kopieren.",
  );
}

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
  const digits = ref.slice(i).replace("$", "");
  return digits === "" ? NaN : Number(digits); // "A" names no row (NaN); "A0" names row 0 (refused)
}

/** The elements and attributes of a worksheet the cell reader is told about (indices into these lists). */
const CELL_ELEMENTS = ["sheetData", "row", "c", "v", "f", "is", "rPh", "t", "mergeCell"];
const [SHEET_DATA, ROW, C, V, F, IS, RPH_, T, MERGE_CELL] = CELL_ELEMENTS.map((_, i) => i);
const CELL_ATTRIBUTES = ["r", "t", "s", "hidden", "ref"];
const [A_R, A_T, A_S, A_HIDDEN, A_REF] = CELL_ATTRIBUTES.map((_, i) => i);

/**
 * Merged ranges (`<mergeCells>`, after `<sheetData>`) kept from one sheet at most: Excel's own sheets have a
 * few hundred; more than this is no table a person merged by hand.
 */
export const MAX_MERGED_RANGES = 100_000;

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
  onMerged?: (range: CellRange) => void,
): void {
  let row = 0;
  let col = 0;
  let inSheetData = false;
  // the open cell: its type, style and column (inCell false: outside a cell)
  let inCell = false;
  let type = "n";
  let style = 0;
  // the value's bytes (hasValue: the cell has a <v>); a number or a shared-string index needs no string
  let hasValue = false;
  let valueBytes = new Uint8Array(64);
  let valueLength = 0;
  let formula: string | null = null;
  let inline: string | null = null;
  let into: number = NOTHING;
  let phonetic = 0;
  const bad = (what: string) =>
    new SrbUsageError(
      `Blatt „${sheet}“: ${what} – die Datei ist beschädigt. Bitte in Excel öffnen und neu speichern.`,
    );
  const scanner: SheetScanner = new SheetScanner(
    part,
    CELL_ELEMENTS,
    CELL_ATTRIBUTES,
    {
      open(element, attributes) {
        switch (element) {
          case SHEET_DATA:
            inSheetData = true;
            return;
          case MERGE_CELL: {
            // <mergeCell ref="C4:C6"/> (after the cells): a range of one cell, or one no A1 range, says nothing
            if (inSheetData || !onMerged) return;
            const ref = attributes[A_REF];
            const range = ref !== undefined && ref.length <= 32 ? mergedRange(ref) : null;
            if (range) onMerged(range);
            return;
          }
          case ROW: {
            if (!inSheetData) return;
            let n =
              scanner.rawLength(A_R) === -1
                ? row + 1
                : digitsOf(scanner.rawBytes(A_R), scanner.rawLength(A_R));
            if (n < 0) {
              // not plain digits: read as before, from the text
              const r = scanner.attributeText(A_R) as string;
              n = Number(r);
              if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) throw bad(`Zeilennummer „${r}“ ungültig`);
            } else if (n < 1 || n > MAX_ROW)
              throw bad(`Zeilennummer „${scanner.attributeText(A_R)}“ ungültig`);
            row = n;
            col = 0;
            const hidden = attributes[A_HIDDEN];
            if (onHiddenRow && (hidden === "1" || hidden === "true")) onHiddenRow(n);
            return;
          }
          case C: {
            if (!inSheetData) return;
            let c = col + 1;
            const length = scanner.rawLength(A_R);
            if (length !== -1) {
              const bytes = scanner.rawBytes(A_R);
              const ref = length > 0 ? plainReference(bytes, length) : -1;
              if (ref >= 0) {
                // "AB12": column and row from the bytes
                c = ref % REF_COLUMNS;
                const rr = Math.floor(ref / REF_COLUMNS);
                // a row outside the sheet would land the value in another cell: refused, as for <row r>
                if (rr < 1 || rr > MAX_ROW) throw bad(`Zellbezug „${scanner.attributeText(A_R)}“ ungültig`);
                if (rr !== row) row = rr;
              } else {
                const r = scanner.attributeText(A_R) as string;
                c = columnOf(r);
                const rr = rowOf(r);
                if (Number.isInteger(rr)) {
                  if (rr < 1 || rr > MAX_ROW) throw bad(`Zellbezug „${r}“ ungültig`);
                  if (rr !== row) row = rr;
                }
              }
            }
            if (row === 0) row = 1;
            if (c < 1 || c > MAX_COL) {
              const where = scanner.attributeText(A_R) ?? `Spalte ${c} in Zeile ${row}`;
              throw bad(`Zellbezug „${where}“ ungültig`);
            }
            col = c;
            inCell = true;
            type = attributes[A_T] ?? "n";
            const styleLength = scanner.rawLength(A_S);
            const styleDigits = styleLength >= 0 ? digitsOf(scanner.rawBytes(A_S), styleLength) : -1;
            style =
              styleLength === -1 ? 0 : styleDigits >= 0 ? styleDigits : Number(scanner.attributeText(A_S));
            hasValue = false;
            valueLength = 0;
            formula = null;
            inline = null;
            return;
          }
          case V:
            if (inCell) {
              hasValue = true;
              valueLength = 0;
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
            const f = formula === null ? undefined : formula;
            let read: CellValue;
            let fast = NaN;
            if (hasValue && type === "s") {
              const k = digitsOf(valueBytes, valueLength);
              if (k >= 0) fast = k;
            } else if (
              hasValue &&
              type !== "inlineStr" &&
              type !== "str" &&
              type !== "b" &&
              type !== "e" &&
              type !== "d"
            ) {
              fast = plainNumber(valueBytes, valueLength);
            }
            if (fast === fast) {
              // a plain number or shared-string index: what `convert` gives, without the text
              if (type === "s") {
                const s = ctx.sharedStrings[fast];
                read = s === undefined ? null : s;
              } else read = fast;
            } else read = convert(type, hasValue ? decodeBytes(valueBytes, valueLength) : null, inline, ctx);
            let out: CellValue = read;
            if (f !== undefined && (read === null || read === "") && !hasValue) {
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
      bytes(data, length) {
        if (into === VALUE) {
          if (valueLength + length > valueBytes.length) {
            const grown = new Uint8Array(Math.max(valueBytes.length * 2, valueLength + length));
            grown.set(valueBytes.subarray(0, valueLength));
            valueBytes = grown;
          }
          // byte by byte: a value is a few bytes, and `subarray` would make an object per cell
          for (let k = 0; k < length; k++) valueBytes[valueLength + k] = data[k];
          valueLength += length;
        } else if (into === FORMULA) formula += decodeBytes(data, length);
        else if (into === INLINE) inline += decodeBytes(data, length);
      },
    },
    ["r", "s"],
  );
  scanPart(zip, part, scanner);
}

/** `plainReference` packs a cell reference as row · REF_COLUMNS + column. */
const REF_COLUMNS = 1 << 15;

/**
 * The digits of `data[0 … length − 1]` as a number ("0042" → 42), −1 unless there are 1 to 15 digits and
 * nothing else (then `Number` of the text gives the same).
 *
 * @example digitsOf(new TextEncoder().encode("17"), 2); // => 17
 */
export function digitsOf(data: Uint8Array, length: number): number {
  if (length < 1 || length > 15) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const d = data[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * An A1 reference of letters and digits only ("AB12", "ab12"), packed as row · REF_COLUMNS + column; −1
 * for anything else ("$A$1", "A", "R1C1", more than 3 letters or 7 digits), which the caller reads from
 * the text as before.
 *
 * @example plainReference(new TextEncoder().encode("B7"), 2); // => 7 * 32768 + 2
 */
export function plainReference(data: Uint8Array, length: number): number {
  let i = 0;
  let col = 0;
  while (i < length && i < 4) {
    const c = data[i] | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  if (i === 0 || i > 3 || length - i < 1 || length - i > 7) return -1;
  let row = 0;
  for (; i < length; i++) {
    const d = data[i] - 48;
    if (d < 0 || d > 9) return -1;
    row = row * 10 + d;
  }
  return row * REF_COLUMNS + col;
}

/** 10^0 … 10^15, exact doubles. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal ("44.8", "-3", ".5", "120.") as the number `Number` reads from it, NaN for anything else
 * (white space, exponents, more than 15 digits: read from the text as before). At most 15 digits make the
 * digits an exact integer below 2^53 and the power of ten exact, so the one division is correctly rounded:
 * the same double as `Number("44.8")`.
 *
 * @example plainNumber(new TextEncoder().encode("-0.25"), 5); // => -0.25
 */
export function plainNumber(data: Uint8Array, length: number): number {
  let i = 0;
  const negative = length > 0 && data[0] === 45;
  if (negative) i = 1;
  let digits = 0;
  let decimals = -1;
  let mantissa = 0;
  for (; i < length; i++) {
    const c = data[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -value : value;
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
  /** Merged ranges of the sheet (`<mergeCell ref="C4:C6"/>`), as the file lists them; ranges, never cells. */
  mergedRanges: CellRange[];
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
  const mergedRanges: CellRange[] = [];
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
      let line = valueRows[r];
      if (line === undefined) {
        // a new row as wide as the rows so far (an array grown cell by cell has room for about twice its
        // cells: 10,000 rows of a data sheet, held for the whole run); wider rows still grow. Only while
        // the grid so far stays within MAX_SHEET_CELLS, so a stray far cell never costs room in every row
        const width = maxCol <= PRESIZED_COLUMNS && row * maxCol <= MAX_SHEET_CELLS ? maxCol : 0;
        valueRows[r] = line = new Array<CellValue>(width);
        formatRows[r] = new Array<string | null>(width);
      }
      line[col - 1] = value;
      formatRows[r][col - 1] = format;
      if (withFormulas && formula !== undefined) (formulaRows[r] ??= [])[col - 1] = formula;
    },
    (r) => {
      // rows come in ascending order: a repeated <row hidden="1"/> is counted once, so the list stays
      // within the sheet's rows however long the part
      if (hiddenRows.length === 0 || r > hiddenRows[hiddenRows.length - 1]) hiddenRows.push(r);
    },
    (range) => {
      if (mergedRanges.length === MAX_MERGED_RANGES) throw tooManyMerged(sheet);
      mergedRanges.push(range);
    },
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
  return {
    values,
    formats,
    formulas,
    hiddenRows: hiddenRows.filter((r) => r <= maxRow),
    mergedRanges: mergedRanges.filter((m) => m.firstRow <= maxRow && m.firstColumn <= maxCol),
  };
}

function tooManyMerged(sheet: string): SrbUsageError {
  return new SrbUsageError(
    `Blatt „${sheet}“ hat mehr als ${formatNumber(MAX_MERGED_RANGES)} verbundene Zellbereiche – zu viele für SRB. ` +
      "Bitte die Verbindungen aufheben (Start › Verbinden und zentrieren) oder die Kita-Tabelle auf ein eigenes Blatt kopieren.",
  );
}

/** Rows are made this wide at most before their cells are read (`readGrid`). */
const PRESIZED_COLUMNS = 64;

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

/**
 * The Office.js adapter of the workbook port: SRB inside Excel. This is the only file that says `Excel.run`.
 *
 * It talks to Excel through the few proxy objects declared below (`ExcelContext` and friends), a structural
 * subset of the Office.js types: `Excel.RequestContext` satisfies it (checked by the compiler in
 * `runInExcel`), and the test fake (`test/workbook/fakeExcel.ts`) implements it.
 *
 * Round trips (`context.sync()`) are few and do not grow with the number of rows:
 * - reading (`sheetNames`: 1; `readTable`: 2 for the extent, + 1 with Excel tables (+ 2 to read the store
 *   when several tables compete and no column names are given), + 1 per row block of at most about
 *   `payloadLimit` bytes of response — 3 syncs for an ordinary table;
 *   `readStoredModel`: 1–2 syncs);
 * - `writeGeneratedSheets`: request 1 loads the sheet names, visibility and tab colours and the workbook's
 *   table names. Request 2, only when there is something to read, reads the store (hidden "_SRB" sheets)
 *   and the formulas, charts and tables of every sheet that wears SRB's tab colour (candidates for SRB's
 *   earlier sheets). Then the write plan
 *   (`planWrite`, writePlan.ts) decides, and the content follows: SRB's unchanged sheets are rewritten in
 *   place (charts deleted, cells cleared around a result table that keeps its name and object, see
 *   `rewriteAroundTable`; one more request to learn where that table is), new sheets are added under
 *   their final names, number formats before values, values/formulas in row blocks, bold, widths, frozen
 *   rows, tables; the last request deletes SRB's sheets no longer generated, updates the store (with the
 *   fingerprints of what was written) and draws the charts. The writes are rehearsed first (the same
 *   reservations, nothing queued) to learn which request is the last. Every other request starts with
 *   suspendApiCalculationUntilNextSync(); the last one does not, and ends by asking Excel to recalculate
 *   (`application.calculate("Recalculate")`), else totals and Abweichung rows would show no values.
 *   Excel on the web refuses requests above about 5 MB, so a request is cut at `PAYLOAD_LIMIT_BYTES` (4 MB,
 *   estimated as the JSON length of what is queued): syncs = 1 + ceil(payload / ~4 MB) (+1 to read SRB's
 *   earlier sheets when there are any, +1 when a result table is kept) — 2 for a first generation of
 *   ordinary size, 3 for a re-generation, 4 for 100,000 units (≈ 9 MB), 5 when re-generated.
 *   If a request fails, the sheets added so far are deleted again (best effort) and the error is passed on.
 *
 * Nothing lost: every decision on whose sheet is what is the write plan's (see writePlan.ts). This adapter
 * reads an earlier sheet back only if it wears SRB's tab colour (a sheet the user re-created under that
 * name lacks it), and within its first `fingerprintRows` rows (Excel on the web also limits a *response*
 * to about 5 MB: `payloadLimit / FINGERPRINT_BYTES_PER_ROW`, 10,000 at 4 MB); a larger earlier sheet
 * cannot be checked within the sync budget and is kept as the user's (note), never rewritten unchecked.
 */
import { mergedRange, splitSheetAddress, type CellRange } from "../engine/cellRange";
import { columnKey } from "../engine/headerKey";
import { isColumnTotalFormula } from "../engine/columnTotalFormula";
import type { GridTable, SheetGrid } from "../engine/tableLocation";
import type { CellValue, RawTable } from "../engine/table";
import { a1, columnLetters } from "../engine/table";
import type { ChartSpec, SheetSpec, StoredAdoptionRecords, WorkbookPort, WriteReport } from "./port";
import type { PlannedPrint } from "./printLayout";
import { noSuchSheet, sameSheetName } from "./sheetNames";
import {
  storedModelOf,
  adoptionRecordsOf,
  decodeStore,
  encodeStore,
  earlierNumberText,
  sheetFingerprint,
  storeKept,
  type DecodedStore,
  type FingerprintCell,
  type StoreContent,
} from "./store";
import {
  EXCEL_MAX_CELL_TEXT,
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  GENERATED_TAB_COLOUR,
  isStoreContent,
  keptSheetNote,
  uncheckedSheetNote,
  planWrite,
  storeCandidates,
  type ExistingSheet,
  type PlannedCell,
  type PlannedSheet,
  type PlannedTable,
  type WritePlan,
} from "./writePlan";
import { srbChartName, srbChartsAmong } from "./srbCharts";

// ---------------------------------------------------------------------------------------------------------
// The Excel proxy objects SRB uses (a structural subset of Office.js; string literals stand for the enums).

export interface ExcelRangeFormat {
  font: { bold: boolean };
  columnWidth: number;
  /** ExcelApi 1.1. */
  wrapText: boolean;
  /** Points (ExcelApi 1.1). */
  rowHeight: number;
  /** "Top" for wrapped headers (ExcelApi 1.1). */
  verticalAlignment: string;
  autofitColumns(): void;
}

/** The page-header/-footer texts of all pages (ExcelApi 1.9), in Excel's codes (&P, &N, &B). */
export interface ExcelHeaderFooter {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

/** A sheet's manual page breaks (ExcelApi 1.9). */
export interface ExcelPageBreaks {
  add(pageBreakRange: string): unknown;
  removePageBreaks(): void;
}

/**
 * A sheet's page set-up (ExcelApi 1.9):
 * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
 */
export interface ExcelPageLayout {
  orientation: string;
  paperSize: string;
  /** `horizontalFitToPages: 1, verticalFitToPages: 0`: one page wide, as many tall as needed. */
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  readonly headersFooters: { readonly defaultForAllPages: ExcelHeaderFooter };
  /** "DownThenOver" (Excel's default) or "OverThenDown": the order of the pages of a sheet wider than a page. */
  printOrder: string;
  /** Rows repeated on every page, e.g. "$1:$1". */
  setPrintTitleRows(printTitleRows: string): void;
  /**
   * Columns repeated on every page, e.g. "$A:$A" (ExcelApi 1.9):
   * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout#excel-excel-pagelayout-setprinttitlecolumns-member(1)
   */
  setPrintTitleColumns(printTitleColumns: string): void;
}

export interface ExcelRange {
  readonly isNullObject: boolean;
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  values: unknown[][];
  readonly valueTypes: string[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly format: ExcelRangeFormat;
  load(propertyNames: string): ExcelRange;
  clear(): void;
  /** Deletes the cells, the cells below (or to the right) move into their place (ExcelApi 1.1). */
  delete(shift: "Up" | "Left"): void;
  select(): void;
  /** The used cells inside this range (Office.js `Range.getUsedRangeOrNullObject`, ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange;
  /** true: every row of the range hidden, false: none, null: some (ExcelApi 1.2). */
  readonly rowHidden: boolean | null;
  /** The visible cells of the range (hidden rows and columns left out; ExcelApi 1.3). */
  getVisibleView(): ExcelRangeView;
  /**
   * The merged areas whose top-left cell lies in this range, or a null object when there are none
   * (ExcelApi 1.13: touch it only where `supports("ExcelApi", "1.13")` says so; fails above 512 areas):
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)
   */
  getMergedAreasOrNullObject(): ExcelRangeAreas;
}

/** Several rectangular ranges of one sheet (Office.js `RangeAreas`, ExcelApi 1.9). */
export interface ExcelRangeAreas {
  readonly isNullObject: boolean;
  /** The areas in A1 style, each with its sheet, comma-separated ("Kitas!C4:C6,Kitas!C7:C10"). */
  readonly address: string;
  load(propertyNames: string): ExcelRangeAreas;
}

export interface ExcelRangeView {
  /** A1 addresses of the visible cells, row by row ("Kitas!A4"). */
  readonly cellAddresses: string[][];
  load(propertyNames: string): ExcelRangeView;
}

export interface ExcelTable {
  name: string;
  /** Header row, data body and totals row together. */
  getRange(): ExcelRange;
  /** The header row only (ExcelApi 1.1). */
  getHeaderRowRange(): ExcelRange;
  /** The data rows only: never the header or the totals row ("Ergebniszeile") (ExcelApi 1.1). */
  getDataBodyRange(): ExcelRange;
  /** Deletes the table (and its cells' contents); structured references to it become #REF!. */
  delete(): void;
  readonly rows: { add(index?: number, values?: (string | number | boolean)[][]): unknown };
}

export interface ExcelTableCollection {
  readonly items: ExcelTable[];
  load(propertyNames: string): ExcelTableCollection;
  /** A table over `address` (A1, on this sheet), its first row the header row (ExcelApi 1.1). */
  add(address: string, hasHeaders: boolean): ExcelTable;
}

export interface ExcelChartSeries {
  name: string;
  setValues(sourceData: ExcelRange): void;
  setXAxisValues(sourceData: ExcelRange): void;
}

export interface ExcelChart {
  /** ExcelApi 1.1, read and write: SRB names its charts (`srbChartName`) to tell them from the user's. */
  name: string;
  readonly title: { text: string };
  readonly series: { getItemAt(index: number): ExcelChartSeries; add(name?: string): ExcelChartSeries };
  setPosition(startCell: string, endCell?: string): void;
  delete(): void;
}

export type ExcelChartKind = "ColumnClustered" | "Line";

export interface ExcelChartCollection {
  readonly items: ExcelChart[];
  load(propertyNames: string): ExcelChartCollection;
  add(type: ExcelChartKind, sourceData: ExcelRange, seriesBy: "Columns"): ExcelChart;
}

/**
 * A sheet's drawing objects (ExcelApi 1.9): "anything outside of a cell is a shape". Pictures, geometric
 * shapes and text boxes, lines and groups have their own types; SRB reads only the type, to tell whether
 * the user put something on a sheet SRB is about to delete.
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-shapes
 */
export interface ExcelShapeCollection {
  readonly items: { readonly type: string }[];
  load(propertyNames: string): ExcelShapeCollection;
}

export interface ExcelWorksheet {
  name: string;
  visibility: string;
  tabColor: string;
  readonly isNullObject: boolean;
  readonly tables: ExcelTableCollection;
  readonly charts: ExcelChartCollection;
  /** ExcelApi 1.9: touch it only where `supports("ExcelApi", "1.9")` says so. */
  readonly shapes: ExcelShapeCollection;
  readonly freezePanes: { freezeRows(count?: number): void };
  /** ExcelApi 1.9: touch it only where `supports("ExcelApi", "1.9")` says so. */
  readonly pageLayout: ExcelPageLayout;
  /**
   * The sheet's manual page breaks above rows (ExcelApi 1.9; `add("A21")`: a new page from row 21):
   * https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection
   */
  readonly horizontalPageBreaks: ExcelPageBreaks;
  load(propertyNames: string): ExcelWorksheet;
  activate(): void;
  delete(): void;
  /** Without an address: the whole sheet. */
  getRange(address?: string): ExcelRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): ExcelRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange;
}

export interface ExcelWorksheetCollection {
  readonly items: ExcelWorksheet[];
  load(propertyNames: string): ExcelWorksheetCollection;
  add(name?: string): ExcelWorksheet;
  getItem(key: string): ExcelWorksheet;
}

export interface ExcelContext {
  readonly workbook: {
    readonly worksheets: ExcelWorksheetCollection;
    /** Every table in the workbook (names are unique workbook-wide). */
    readonly tables: ExcelTableCollection;
    readonly application: {
      suspendApiCalculationUntilNextSync(): void;
      /** Recalculates the workbook (ExcelApi 1.1); SRB uses "Recalculate" (what changed and depends on it). */
      calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void;
    };
    /**
     * The range the user has selected (ExcelApi 1.1; throws when several areas are selected):
     * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get
     */
    getSelectedRange(): ExcelRange;
  };
  sync(): Promise<unknown>;
}

/** `Excel.run`, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: ExcelContext) => Promise<T>) => Promise<T>;

/**
 * The worksheet the user named (compared as Excel compares sheet names), its name as written in the
 * workbook and whether it is visible; a German usage error when the workbook has no such sheet. One sync.
 */
async function namedSheet(
  context: ExcelContext,
  sheet: string,
): Promise<{ ws: ExcelWorksheet; name: string; visible: boolean }> {
  const sheets = context.workbook.worksheets.load("items/name,items/visibility");
  await context.sync();
  const found = sheets.items.find((s) => sameSheetName(s.name, sheet));
  if (found === undefined) throw noSuchSheet(sheet);
  return { ws: sheets.getItem(found.name), name: found.name, visible: found.visibility === "Visible" };
}

/**
 * SRB's store (a hidden "_SRB" with its marker row) is never read as data: it counts as a sheet the
 * workbook does not have. A user's sheet of that name — visible, or without the marker — is read.
 */
function refuseStore(
  sheet: string,
  name: string,
  visible: boolean,
  values: readonly (readonly CellValue[])[],
): void {
  if (
    !visible &&
    storeCandidates([{ name, visible: false }]).length > 0 &&
    isStoreContent(decodeStore(values))
  )
    throw noSuchSheet(sheet);
}

/**
 * Runs a batch in the real Excel (the default `run` of `OfficeWorkbook`). Also the compile-time proof that
 * `Excel.RequestContext` fits `ExcelContext`.
 *
 * @example const names = await runInExcel(async (context) => { … await context.sync(); … });
 */
export function runInExcel<T>(batch: (context: ExcelContext) => Promise<T>): Promise<T> {
  return Excel.run((context: Excel.RequestContext) => batch(context));
}

/** Whether the host has an API requirement set (`Office.context.requirements.isSetSupported`), or a fake. */
export type RequirementCheck = (set: "ExcelApi", version: string) => boolean;

/**
 * The host's answer, false outside Office (a page set-up is then left out, never half written):
 * https://learn.microsoft.com/javascript/api/office/office.requirementsetsupport
 *
 * @example officeSupports("ExcelApi", "1.9"); // => true in Excel for Microsoft 365, false in Office 2019
 */
export function officeSupports(set: "ExcelApi", version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Limits.

/** Largest request SRB sends in one sync (Excel on the web refuses requests above about 5 MB). */
export const PAYLOAD_LIMIT_BYTES = 4_000_000;
/** Target size of one value block (one `values`/`formulas` assignment). */
export const BLOCK_TARGET_BYTES = 500_000;
/** Rows looked at when the width of a column without a given width is estimated from its content. */
export const AUTOFIT_ROWS = 500;
/** Narrowest and widest estimated column width, in characters. */
export const ESTIMATED_WIDTH_MIN = 8;
export const ESTIMATED_WIDTH_MAX = 60;
/** Excel's limits, decided in the write plan (re-exported for callers of this adapter). */
export { EXCEL_MAX_CELL_TEXT, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS };

/**
 * Bytes of response assumed per row when an earlier generated sheet is read back for its fingerprint
 * (about 20 columns of up to 20 characters): at the 4 MB payload limit, up to 10,000 rows are read.
 */
export const FINGERPRINT_BYTES_PER_ROW = 400;

/** Fixed cost assumed per queued action (ids, method name, address) on top of its arguments. */
const ACTION_OVERHEAD_BYTES = 80;

// ---------------------------------------------------------------------------------------------------------
// Pure helpers (exported for tests).

/**
 * Whether Excel would turn this text into something else when it is assigned to `values` of a cell in the
 * "General" format: a formula (= + - @), an error value (#N/A), a number, date, time, percentage or currency
 * amount (starts with a digit, a separator, a blank, "(" or a currency sign), or a truth value. Such text is
 * written into a cell formatted "@" (text) so that it stays exactly the text it is.
 *
 * @example needsTextFormat("=SUM(A1)"); // => true
 * @example needsTextFormat("0012"); // => true (would become the number 12)
 * @example needsTextFormat("Kita Sonnenschein"); // => false
 */
export function needsTextFormat(text: string): boolean {
  return /^[=+\-@#\s\d.,(€$£%]/.test(text) || /^(true|false|wahr|falsch)$/i.test(text);
}

/**
 * Excel's column width in points for a width given in characters (as exceljs and the .xlsx file store it):
 * 7 pixels per character plus 5 pixels padding at the default font, 0.75 points per pixel.
 *
 * @example columnWidthPoints(10); // => 56.25
 */
export function columnWidthPoints(characters: number): number {
  return (characters * 7 + 5) * 0.75;
}

/**
 * One raw cell as Office.js returns it (`values` + `valueTypes`) turned into the port's CellValue: errors
 * become `{ error }`, blanks null, everything else untouched (never coerced).
 *
 * @example toCellValue("#N/A", "Error"); // => { error: "#N/A" }
 * @example toCellValue("", "Empty"); // => null
 * @example toCellValue("12,5", "String"); // => "12,5"
 */
export function toCellValue(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === "Error") return { error: String(value) };
  if (valueType === "Empty" || value === "" || value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * A column width in characters for a column without a given width: the longest shown text among its first
 * AUTOFIT_ROWS cells (numbers as about 12 characters, a formula as its cached value), plus 2 for padding,
 * between ESTIMATED_WIDTH_MIN and ESTIMATED_WIDTH_MAX.
 *
 * @example estimatedColumnWidth([[{ value: "Sozialraum" }], [{ value: "Nord" }]], 0); // => 12
 */
export function estimatedColumnWidth(
  rows: readonly (readonly ({ value: string | number | boolean | null } | undefined)[])[],
  column: number,
): number {
  let longest = 0;
  for (let r = 0; r < Math.min(rows.length, AUTOFIT_ROWS); r++) {
    const v = rows[r]?.[column]?.value;
    const length =
      typeof v === "string"
        ? Math.max(0, ...v.split("\n").map((l) => l.length))
        : v === null || v === undefined
          ? 0
          : 12;
    longest = Math.max(longest, length);
  }
  return Math.min(ESTIMATED_WIDTH_MAX, Math.max(ESTIMATED_WIDTH_MIN, longest + 2));
}

/** 0-based cell position and size of a block, for getRangeByIndexes. */
interface Block {
  firstRow: number;
  rowCount: number;
  columnCount: number;
  /** What goes into `values` (or `formulas` when `hasFormula`). */
  cells: (string | number | boolean | null)[][];
  hasFormula: boolean;
  bytes: number;
}

function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}

/**
 * The number format a planned cell is given: "@" for text Excel would reinterpret (so that it stays text),
 * none for "@" on a formula (it would show the formula as text), else its own format (if any).
 */
function cellFormat(cell: PlannedCell | undefined): string | undefined {
  if (!cell) return undefined;
  if (cell.formula !== undefined) return cell.numFmt === "@" ? undefined : cell.numFmt;
  // a non-finite number is deliberately written as the error literal "#NUM!" (no "@")
  if (typeof cell.value === "string" && !cell.error && needsTextFormat(cell.value)) return "@";
  return cell.numFmt;
}

/**
 * The ranges of a whole sheet outside a rectangle (0-based), as [row, column, rows, columns]: above,
 * below, left and right of it. Clearing them and the table's data body empties a sheet but its table.
 *
 * @example rangesAround({ row: 2, column: 0, rows: 5, columns: 3 }).length; // => 3 (nothing left of column A)
 */
export function rangesAround(area: {
  row: number;
  column: number;
  rows: number;
  columns: number;
}): [number, number, number, number][] {
  const pieces: [number, number, number, number][] = [];
  const bottom = area.row + area.rows;
  const right = area.column + area.columns;
  if (area.row > 0) pieces.push([0, 0, area.row, EXCEL_MAX_COLUMNS]);
  if (bottom < EXCEL_MAX_ROWS) pieces.push([bottom, 0, EXCEL_MAX_ROWS - bottom, EXCEL_MAX_COLUMNS]);
  if (area.column > 0) pieces.push([area.row, 0, area.rows, area.column]);
  if (right < EXCEL_MAX_COLUMNS) pieces.push([area.row, right, area.rows, EXCEL_MAX_COLUMNS - right]);
  return pieces;
}

/** "B3:F9" for 1-based corners. */
function a1Range(row: number, column: number, lastRow: number, lastColumn: number): string {
  return `${a1(row, column)}:${a1(lastRow, lastColumn)}`;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Queues actions and sends them with `context.sync()` whenever the next one would exceed the payload limit.
 * Without a context it only rehearses: it counts the requests the same reservations would take.
 */
class Batch {
  private bytes = 0;
  /** Syncs sent so far by this batch. */
  sent = 0;
  /**
   * From this request on (counted as `sent`), requests do not suspend calculation: the last writing request
   * then recalculates within itself instead of in a request of its own. null: every request suspends.
   */
  unsuspendedFrom: number | null = null;
  /** Whether the request being filled suspended calculation. */
  private suspended = false;

  constructor(
    private readonly context: ExcelContext | null,
    private readonly limit: number,
  ) {}

  /** Rows per value block are chosen so that a block stays below this (a quarter of a request at most). */
  get blockBytes(): number {
    return Math.min(BLOCK_TARGET_BYTES, Math.floor(this.limit / 4));
  }

  /** Whether something is queued and not sent yet. */
  get pending(): boolean {
    return this.bytes > 0;
  }

  /** Whether something is queued in a request that does not suspend calculation. */
  get pendingUnsuspended(): boolean {
    return this.bytes > 0 && !this.suspended;
  }

  /**
   * Call before queuing an action of about `bytes`; sends what is queued first when it would not fit.
   * Every request starts with `suspendApiCalculationUntilNextSync()` (it holds until the next sync only),
   * except from request `unsuspendedFrom` on.
   */
  async reserve(bytes: number): Promise<void> {
    const cost = bytes + ACTION_OVERHEAD_BYTES;
    if (this.bytes > 0 && this.bytes + cost > this.limit) await this.send();
    if (this.bytes === 0) {
      this.suspended = this.unsuspendedFrom === null || this.sent < this.unsuspendedFrom;
      if (this.suspended) this.context?.workbook.application.suspendApiCalculationUntilNextSync();
      this.bytes = ACTION_OVERHEAD_BYTES;
    }
    this.bytes += cost;
  }

  /** Sends what is queued. */
  async send(): Promise<void> {
    if (this.context) await this.context.sync();
    this.sent += 1;
    this.bytes = 0;
  }
}

/**
 * Stands in for every Excel object while the writes are rehearsed (`Batch` without a context): accepts any
 * property, assignment and call, and queues nothing. Not thenable, so an `await` on it does not hang.
 */
const REHEARSAL_SINK: unknown = new Proxy(function sink() {}, {
  get: (_target, property) => (property === "then" ? undefined : REHEARSAL_SINK),
  set: () => true,
  apply: () => REHEARSAL_SINK,
});

/** What request 2 read of a sheet that may be an earlier generated one. */
interface ReadBack {
  /** The whole used range (extent only). */
  used: ExcelRange;
  /** The used cells within the first `fingerprintRows` rows, with their formulas. */
  window: ExcelRange;
  /** Its charts and tables (removed or kept when the sheet is rewritten in place). */
  charts: ExcelChartCollection;
  tables: ExcelTableCollection;
  /** Its drawing objects' types (ExcelApi 1.9; null below): whether a sheet to delete holds the user's. */
  shapes: ExcelShapeCollection | null;
}

/** The workbook as `readSheets` found it: its sheets for the write plan, the read-back candidates, the store. */
interface SheetsFound {
  worksheets: ExcelWorksheetCollection;
  existing: ExistingSheet[];
  readBack: Map<string, ReadBack>;
  store: { sheet: string; content: DecodedStore } | undefined;
}

/** A result table that stays on a sheet rewritten in place: the table, its range now, and where it goes. */
interface KeptTable {
  table: ExcelTable;
  range: ExcelRange;
  planned: PlannedTable;
}

/** Which of a read-back sheet's charts are SRB's (`srbChartsAmong`), in the order of `read.charts.items`. */
function srbChartsOn(read: ReadBack): boolean[] {
  return srbChartsAmong(read.charts.items.map((c) => ({ name: c.name, title: () => c.title.text })));
}

/** The shape types of what a user puts on a sheet (`Excel.ShapeType`); a chart is none of them. */
const USER_SHAPE_TYPES: ReadonlySet<string> = new Set(["Image", "GeometricShape", "Line", "Group"]);

/**
 * The write plan with SRB's sheets that are no longer generated kept when one may carry something of the
 * user's: removing the sheet would delete it with it.
 * - A chart that is not SRB's (`srbChartsAmong`) or, where Excel can say (ExcelApi 1.9), a picture, shape,
 *   text box or line: the sheet stays as it is, no longer SRB's (the store does not list it again), with a
 *   note.
 * - Below ExcelApi 1.9 Excel cannot list a sheet's pictures and shapes: a sheet without a chart of the
 *   user's stays too (the safe side), still SRB's (the store lists it with its earlier fingerprint, so a
 *   later run that generates it again rewrites it in place), with a note that the user may delete it.
 *
 * @example keepSheetsWithUserObjects(plan, readBack).remove; // => plan.remove without "Robustheit" when the user drew a chart on it
 */
function keepSheetsWithUserObjects(
  plan: WritePlan,
  readBack: ReadonlyMap<string, ReadBack>,
  earlier?: StoreContent,
): WritePlan {
  const kept: string[] = [];
  const unseen: string[] = [];
  for (const name of plan.remove) {
    const read = readBack.get(name);
    if (!read) continue;
    if (srbChartsOn(read).some((srb) => !srb)) kept.push(name);
    else if (read.shapes === null) unseen.push(name);
    else if (read.shapes.items.some((shape) => USER_SHAPE_TYPES.has(shape.type))) kept.push(name);
  }
  if (kept.length === 0 && unseen.length === 0) return plan;
  const stays = (name: string): boolean => kept.includes(name) || unseen.includes(name);
  const content = plan.store.content;
  const fingerprints = { ...content.fingerprints };
  for (const name of unseen) {
    const recorded = earlier?.fingerprints?.[name];
    if (recorded !== undefined) fingerprints[name] = recorded;
  }
  return {
    ...plan,
    remove: plan.remove.filter((name) => !stays(name)),
    replaced: plan.replaced.filter((name) => !stays(name)),
    store: {
      ...plan.store,
      content: { ...content, generated: [...content.generated, ...unseen], fingerprints },
    },
    notes: [...plan.notes, ...kept.map(keptSheetNote), ...unseen.map(uncheckedSheetNote)],
  };
}

/**
 * The fingerprint of a sheet as read back, or null when it cannot be taken within the read window (the
 * used range reaches below row `rows`). An empty sheet has the fingerprint of no cells.
 */
function readBackFingerprint(
  read: ReadBack,
  rows: number,
  numberText?: (x: number) => string,
): string | null {
  if (read.used.isNullObject) return sheetFingerprint([]);
  if (read.used.rowIndex + read.used.rowCount > rows) return null;
  if (read.window.isNullObject) return sheetFingerprint([]);
  const origin = { row: read.window.rowIndex + 1, column: read.window.columnIndex + 1 };
  return sheetFingerprint(read.window.formulas as FingerprintCell[][], origin, numberText);
}

/** Tab colours compare without "#" and case ("#1f5c99" is SRB's "#1F5C99"). */
function sameColour(a: string | undefined, b: string): boolean {
  return (a ?? "").replace(/^#/, "").toUpperCase() === b.replace(/^#/, "").toUpperCase();
}

/** The loaded store range as raw rows for decodeStore (no store sheet, or an empty one: no rows). */
function storeRows(range: ExcelRange | null): CellValue[][] {
  if (!range || range.isNullObject) return [];
  const types = range.valueTypes;
  return range.values.map((row, r) => row.map((v, c) => toCellValue(v, types[r]?.[c])));
}

/** Position and size of a range (0-based), as loaded. */
interface Extent {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

function extentOf(range: ExcelRange): Extent {
  return {
    rowIndex: range.rowIndex,
    columnIndex: range.columnIndex,
    rowCount: range.rowCount,
    columnCount: range.columnCount,
  };
}

/**
 * Bytes of response assumed per cell when a table is read (`values` + `valueTypes` as JSON: a text of
 * about 40 characters and its type). Longer texts make a block too large; it is then read in halves.
 */
export const READ_BYTES_PER_CELL = 64;

/** Excel's answer to a response above its limit (Excel on the web: about 5 MB). */
function isResponseTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "PayloadTooLarge";
}

/**
 * The column names a stored model expects on its data sheet (the fixed columns and the indicators),
 * read loosely: whatever is not a text is skipped.
 *
 * @example modelHeaders({ data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" }, indicators: [{ column: "SGB II" }] })
 * // => ["Einrichtung", "Sozialraum", "SGB II"]
 */
export function modelHeaders(model: unknown): string[] {
  if (typeof model !== "object" || model === null) return [];
  const { data, indicators } = model as { data?: unknown; indicators?: unknown };
  const out: string[] = [];
  if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data))
      if (key !== "sheet" && key !== "range" && typeof value === "string") out.push(value);
  }
  if (Array.isArray(indicators)) {
    for (const indicator of indicators) {
      const column = (indicator as { column?: unknown } | null)?.column;
      if (typeof column === "string") out.push(column);
    }
  }
  return out;
}

/**
 * Which of several Excel tables holds the data: the one whose header row has most of the expected column
 * names (compared like the check does: trimmed, inner spaces collapsed, case ignored); ties go to more
 * data rows, then to the first in sheet order.
 *
 * @example chooseTable([{ headers: ["Jahr"], rows: 9 }, { headers: ["Einrichtung", "Sozialraum"], rows: 3 }], ["Einrichtung", "Sozialraum"]) // => 1
 */
export function chooseTable(
  tables: readonly { headers: readonly unknown[]; rows: number }[],
  expected: readonly string[],
): number {
  const wanted = new Set(expected.map((h) => columnKey(h)));
  let best = 0;
  let bestScore = -1;
  let bestRows = -1;
  tables.forEach((t, i) => {
    const score = t.headers.filter((h) => typeof h === "string" && wanted.has(columnKey(h))).length;
    if (score > bestScore || (score === bestScore && t.rows > bestRows)) {
      best = i;
      bestScore = score;
      bestRows = t.rows;
    }
  });
  return best;
}

/**
 * The Office.js workbook adapter (runs inside Excel).
 *
 * @example
 * const book = new OfficeWorkbook();
 * const table = await book.readTable("Kitas");
 * const report = await book.writeGeneratedSheets(allocationSheets(allocation, ctx));
 */
export class OfficeWorkbook implements WorkbookPort {
  /**
   * @param run `Excel.run` (default) or a fake of it.
   * @param payloadLimit largest request per sync, in bytes of JSON (tests lower it).
   */
  constructor(
    private readonly run: ExcelRun = runInExcel,
    private readonly payloadLimit: number = PAYLOAD_LIMIT_BYTES,
    private readonly supports: RequirementCheck = officeSupports,
  ) {}

  /** Rows of an earlier generated sheet read back for its fingerprint (the response stays within the limit). */
  private get fingerprintRows(): number {
    return Math.max(1, Math.floor(this.payloadLimit / FINGERPRINT_BYTES_PER_ROW));
  }

  /**
   * Names of all sheets in workbook order, without SRB's hidden store sheet.
   *
   * @example await new OfficeWorkbook().sheetNames(); // => ["Kitas", "Verteilung"]
   */
  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const { storeName, names } = await this.loadStore(context);
      return names.filter((n) => n !== storeName);
    });
  }

  /**
   * The data table of a sheet as raw values: error cells come back as `{ error: "#N/A" }`, blanks (value
   * type "Empty") as null; nothing is coerced.
   *
   * With Excel tables on the sheet, the table whose header row matches the model is read — its header row
   * and its data body, never its totals row ("Ergebniszeile", which `Table.getRange()` would include):
   * https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-getdatabodyrange-member(1)
   * The model's column names are `expectedHeaders` or, when not given and several tables compete, those
   * of the model stored by an earlier run; the table with most of them wins (ties: more data rows, then
   * sheet order). Without a table, the used range is read, its first row being the header row.
   *
   * The cells are read in row blocks so that no response exceeds the ~5 MB limit of Excel on the web
   * (`payloadLimit`, estimated per cell; a block Excel still refuses is read again in halves):
   * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
   *
   * @example const table = await book.readTable("Kitas"); // table.headers => ["Einrichtung", "Sozialraum", …]
   * @example await book.readTable("Kitas", ["Einrichtung", "Sozialraum", "SGB-II-Quote"]);
   */
  async readTable(sheet: string, expectedHeaders?: readonly string[]): Promise<RawTable> {
    return this.run(async (context) => {
      const { ws, name, visible } = await namedSheet(context, sheet);
      const tables = ws.tables.load("items/name");
      const used = ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();

      // the header row and the data rows below it, read as one region: header row first
      let region: Extent;
      if (tables.items.length > 0) {
        const candidates = tables.items.map((table) => ({
          header: table.getHeaderRowRange().load("values"),
          body: table.getDataBodyRange().load("rowIndex,columnIndex,rowCount,columnCount"),
        }));
        await context.sync();
        const expected =
          expectedHeaders ??
          (candidates.length > 1 ? modelHeaders((await this.loadStore(context)).store.model) : []);
        const chosen = chooseTable(
          candidates.map((c) => ({ headers: c.header.values[0] ?? [], rows: c.body.rowCount })),
          expected,
        );
        const body = extentOf(candidates[chosen].body);
        region = { ...body, rowIndex: body.rowIndex - 1, rowCount: body.rowCount + 1 };
      } else if (used.isNullObject) {
        return { sheet: name, headers: [], rows: [], headerRow: 1, firstColumn: 1 };
      } else {
        region = extentOf(used);
      }
      const read = await this.readCells(context, ws, region);
      refuseStore(sheet, name, visible, read.values);
      const [headers = [], ...rows] = read.values;
      // number format codes of the data cells (null = General), for the check's date and percent rules
      const formats = read.formats.slice(1);
      return {
        sheet: name,
        headers,
        rows,
        headerRow: region.rowIndex + 1,
        firstColumn: region.columnIndex + 1,
        formats,
      };
    });
  }

  /**
   * The used range (values only, from its first used cell) with what locating the Kita table needs: number
   * formats, rows with a formula totalling the column above (`formulas` read in the same blocks), hidden
   * rows (only when `rowHidden` says some are: then the visible view of the first column tells which) and
   * the Excel tables' header rows and data bodies (never their totals rows). 2 syncs + 1 per row block,
   * + 1 with tables or hidden rows.
   *
   * @example (await book.readGrid("Kitas")).tables; // => [{ name: "Kitas", headerRow: 3, firstDataRow: 4, … }]
   */
  async readGrid(sheet: string): Promise<SheetGrid> {
    return this.run(async (context) => {
      const { ws, name, visible } = await namedSheet(context, sheet);
      const tables = ws.tables.load("items/name");
      const used = ws
        .getUsedRangeOrNullObject(true)
        .load("rowIndex,columnIndex,rowCount,columnCount,rowHidden");
      await context.sync();
      if (used.isNullObject) return { sheet: name, rows: [] };
      const region = extentOf(used);
      const parts = tables.items.map((table) => ({
        name: table.name,
        header: table.getHeaderRowRange().load("rowIndex,columnIndex,columnCount"),
        body: table.getDataBodyRange().load("rowIndex,rowCount"),
        whole: table.getRange().load("rowIndex,rowCount"),
      }));
      const view =
        used.rowHidden === false
          ? null
          : ws
              .getRangeByIndexes(region.rowIndex, region.columnIndex, region.rowCount, 1)
              .getVisibleView()
              .load("cellAddresses");
      if (parts.length > 0 || view !== null) await context.sync();
      const read = await this.readCells(context, ws, region, true);
      refuseStore(sheet, name, visible, read.values);
      const mergedRanges = await this.mergedAreas(context, used);
      const hiddenRows: number[] = [];
      if (view !== null) {
        const visible = new Set<number>();
        for (const line of view.cellAddresses) {
          const address = line[0];
          const m = typeof address === "string" ? /(\d+)(?::[A-Z$]+\d+)?$/i.exec(address) : null;
          if (m) visible.add(Number(m[1]));
        }
        for (let r = region.rowIndex + 1; r <= region.rowIndex + region.rowCount; r++)
          if (!visible.has(r)) hiddenRows.push(r);
      }
      const gridTables: GridTable[] = parts.map((p) => ({
        name: p.name,
        headerRow: p.header.rowIndex + 1,
        firstDataRow: p.body.rowIndex + 1,
        lastDataRow: p.body.rowIndex + p.body.rowCount,
        firstColumn: p.header.columnIndex + 1,
        lastColumn: p.header.columnIndex + p.header.columnCount,
        // the whole range reaching below the data body: its last row is the totals row
        ...(p.whole.rowIndex + p.whole.rowCount > p.body.rowIndex + p.body.rowCount
          ? { totalsRow: p.whole.rowIndex + p.whole.rowCount }
          : {}),
      }));
      return {
        sheet: name,
        rows: read.values,
        firstRow: region.rowIndex + 1,
        firstColumn: region.columnIndex + 1,
        formats: read.formats,
        hiddenRows,
        sumFormulaRows: read.totalRows,
        tables: gridTables,
        ...(mergedRanges === "unknown"
          ? { mergedUnknown: true }
          : mergedRanges.length > 0
            ? { mergedRanges }
            : {}),
      };
    });
  }

  /**
   * The merged areas starting in the used range (ExcelApi 1.13, one sync of its own): [] below 1.13 and when
   * there are none; "unknown" when Excel refuses (more than 512 areas) — then the cells read as before, the
   * top-left cell alone holding the value, and the Prüfbericht says so (`mergedCellsUnknown`).
   */
  private async mergedAreas(context: ExcelContext, used: ExcelRange): Promise<CellRange[] | "unknown"> {
    if (!this.supports("ExcelApi", "1.13")) return [];
    const merged = used.getMergedAreasOrNullObject().load("address");
    try {
      await context.sync();
    } catch {
      return "unknown";
    }
    return merged.isNullObject ? [] : rangesOfAddress(merged.address);
  }

  /**
   * The cells of a block as CellValues, read in row blocks of at most about `payloadLimit` bytes of
   * response each (one sync per block). A block Excel refuses as too large is read again in halves.
   */
  private async readCells(
    context: ExcelContext,
    ws: ExcelWorksheet,
    extent: Extent,
    withFormulas = false,
  ): Promise<{ values: CellValue[][]; formats: (string | null)[][]; totalRows: number[] }> {
    const values: CellValue[][] = [];
    const formats: (string | null)[][] = [];
    /** 1-based sheet rows holding a formula that totals the column above (withFormulas only). */
    const totalRows: number[] = [];
    const perRow = Math.max(1, extent.columnCount) * READ_BYTES_PER_CELL * (withFormulas ? 2 : 1);
    let blockRows = Math.max(1, Math.floor(this.payloadLimit / perRow));
    let row = 0;
    while (row < extent.rowCount) {
      const rows = Math.min(blockRows, extent.rowCount - row);
      const range = ws
        .getRangeByIndexes(extent.rowIndex + row, extent.columnIndex, rows, extent.columnCount)
        .load(withFormulas ? "values,valueTypes,numberFormat,formulas" : "values,valueTypes,numberFormat");
      try {
        await context.sync();
      } catch (error) {
        if (rows > 1 && isResponseTooLarge(error)) {
          blockRows = Math.ceil(rows / 2);
          continue;
        }
        throw error;
      }
      const types = range.valueTypes;
      const codes = Array.isArray(range.numberFormat) ? range.numberFormat : [];
      const formulas = withFormulas ? range.formulas : [];
      for (const [r, line] of range.values.entries()) {
        const sheetRow = extent.rowIndex + row + r + 1;
        // a formula cell: its `formulas` entry starts with "=" and differs from the value shown
        const total = (formulas[r] ?? []).some(
          (f, c) =>
            typeof f === "string" &&
            f.startsWith("=") &&
            f !== line[c] &&
            isColumnTotalFormula(f.slice(1), sheetRow),
        );
        if (total) totalRows.push(sheetRow);
        values.push(line.map((v, c) => toCellValue(v, types[r]?.[c])));
        formats.push(
          line.map((_, c) => {
            const code = codes[r]?.[c];
            return typeof code === "string" && code !== "" ? code : null;
          }),
        );
      }
      row += rows;
    }
    return { values, formats, totalRows };
  }

  /**
   * The model stored by an earlier run (hidden sheet `_SRB`), or null.
   *
   * @example const model = await book.readStoredModel(); // => { data: { sheet: "Kitas", … }, … } or null
   */
  async readStoredModel(): Promise<unknown | null> {
    return this.run(async (context) => {
      const { store, storeName } = await this.loadStore(context);
      return storedModelOf(storeName === undefined ? undefined : { sheet: storeName, content: store });
    });
  }

  /**
   * Stores the model in the hidden sheet `_SRB` (keeps the list of generated sheets).
   *
   * @example await book.writeStoredModel(model);
   */
  async writeStoredModel(model: unknown): Promise<string> {
    return this.run(async (context) => {
      const { store, storeName, newName } = await this.loadStore(context);
      this.queueStore(context, storeName, { ...storeKept(store), model }, newName);
      await context.sync();
      return storeName ?? newName;
    });
  }

  /** The adopted allocations stored in the workbook (SPEC §5a), oldest first, and how many are damaged. */
  async readStoredAdoptions(): Promise<StoredAdoptionRecords> {
    return this.run(async (context) => adoptionRecordsOf((await this.loadStore(context)).store));
  }

  /** Replaces the stored adopted allocations (the store's model and sheet list are kept). */
  async writeStoredAdoptions(adoptions: unknown[]): Promise<void> {
    await this.run(async (context) => {
      const { store, storeName, newName } = await this.loadStore(context);
      this.queueStore(context, storeName, { ...storeKept(store), model: store.model, adoptions }, newName);
      await context.sync();
    });
  }

  /**
   * Writes SRB's sheets as the write plan decides (`planWrite`, writePlan.ts): SRB's unchanged sheets are
   * rewritten in place — the same sheet object, cleared of contents, formats and charts, so that the user's
   * formulas pointing at it keep working — new ones are added, SRB's sheets no longer generated are deleted
   * (last, so the workbook always keeps a visible sheet), result tables get their stable names.
   *
   * @example const report = await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "Sozialraum" }]] }]);
   * // report.sheets => [{ requested: "Verteilung", written: "Verteilung" }]
   */
  async writeGeneratedSheets(specs: SheetSpec[]): Promise<WriteReport> {
    return this.run(async (context) => {
      const batch = new Batch(context, this.payloadLimit);
      const found = await this.readSheets(context, batch);
      const plan = keepSheetsWithUserObjects(
        planWrite({
          sheets: found.existing,
          store: found.store,
          specs,
          fingerprintRows: this.fingerprintRows,
        }),
        found.readBack,
        found.store?.content,
      );
      const keep = await this.keptTablesOf(plan, found.readBack, batch);

      // Then the writes, in as few requests as the payload limit allows. They are rehearsed first (the
      // same reservations, nothing queued) to learn which request is the last: every request suspends
      // calculation except that one, which ends with the recalculation Excel leaves to the add-in after a
      // suspended request — no request of its own for it.
      const notes = [...plan.notes];
      const added: ExcelWorksheet[] = [];
      const targets: ExcelWorksheet[] = [];
      const keptTables = plan.sheets.map((_, i) => {
        const kept = keep.get(i);
        return kept && canRewriteAroundTable(kept.range, kept.planned) ? kept.planned : undefined;
      });
      const setupBytes = (i: number): number => {
        const kept = keep.get(i);
        const width = kept ? kept.planned.lastColumn - kept.planned.firstColumn + 1 : 0;
        const growth = kept ? kept.planned.lastRow - kept.planned.headerRow - (kept.range.rowCount - 1) : 0;
        return plan.sheets[i].name.length + 400 + Math.max(0, growth) * (width * 3 + 2);
      };
      const rehearsal = new Batch(null, this.payloadLimit);
      for (let i = 0; i < plan.sheets.length; i++) await rehearsal.reserve(setupBytes(i));
      const sinks = plan.sheets.map(() => REHEARSAL_SINK as ExcelWorksheet);
      await this.queueContent(REHEARSAL_SINK as ExcelContext, plan, sinks, keptTables, rehearsal, null);
      batch.unsuspendedFrom = batch.sent + rehearsal.sent;
      try {
        for (let i = 0; i < plan.sheets.length; i++) {
          await batch.reserve(setupBytes(i));
          const planned = plan.sheets[i];
          const ws =
            planned.rewrite !== null
              ? this.clearForRewrite(found, planned, keep.get(i), keptTables[i], notes)
              : found.worksheets.add(planned.name);
          if (planned.rewrite === null) added.push(ws);
          ws.tabColor = `#${GENERATED_TAB_COLOUR}`;
          targets.push(ws);
        }
        await this.queueContent(context, plan, targets, keptTables, batch, added);
        // Every request above but the last suspended calculation; Excel leaves it to the add-in to
        // recalculate, else the totals and Abweichung rows show no values. After the last writes, in the
        // last request when that one did not suspend (as rehearsed), else in a request of its own:
        // https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member(1)
        if (batch.pendingUnsuspended) {
          context.workbook.application.calculate("Recalculate");
          await batch.send();
        } else {
          await batch.send();
          context.workbook.application.calculate("Recalculate");
          await context.sync();
        }
      } catch (error) {
        await this.removeQuietly(context, added);
        throw error;
      }
      return {
        sheets: plan.sheets.map((s) => ({ requested: s.requested, written: s.name })),
        replaced: plan.replaced,
        notes,
      };
    });
  }

  /**
   * What the write plan needs to know of the workbook, in one or two syncs. Sync 1: which sheets exist
   * (visibility, and which wear SRB's tab colour), and the names of all tables in the workbook (table names
   * are unique workbook-wide). Sync 2, only when there is a store candidate or a sheet in SRB's colour (in a
   * workbook without SRB's sheets, the first generation, the writes start at once): the store candidates,
   * and of each candidate its formulas (fingerprints), charts, tables and shapes.
   */
  private async readSheets(context: ExcelContext, batch: Batch): Promise<SheetsFound> {
    const worksheets = context.workbook.worksheets.load("items/name,items/visibility,items/tabColor");
    const allTables = context.workbook.tables.load("items/name");
    await context.sync();
    const infos = worksheets.items.map((s) => ({
      name: s.name,
      visible: s.visibility === "Visible",
      srbColour: sameColour(s.tabColor, GENERATED_TAB_COLOUR),
    }));
    const storeNames = storeCandidates(infos);
    const candidates = infos.filter((s) => s.srbColour && !storeNames.includes(s.name)).map((s) => s.name);

    if (storeNames.length > 0 || candidates.length > 0) await batch.reserve(100);
    const storeRanges = storeNames.map((name) => ({
      name,
      range: worksheets.getItem(name).getUsedRangeOrNullObject(true).load("values,valueTypes"),
    }));
    const readBack = new Map<string, ReadBack>();
    for (const name of candidates) {
      await batch.reserve(name.length + 300);
      const ws = worksheets.getItem(name);
      readBack.set(name, {
        used: ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount"),
        window: ws
          .getRangeByIndexes(0, 0, this.fingerprintRows, EXCEL_MAX_COLUMNS)
          .getUsedRangeOrNullObject(true)
          .load("rowIndex,columnIndex,formulas"),
        charts: ws.charts.load("items/name,items/title/text"),
        tables: ws.tables.load("items/name"),
        shapes: this.supports("ExcelApi", "1.9") ? ws.shapes.load("items/type") : null,
      });
    }
    if (batch.pending) await batch.send();

    let store: SheetsFound["store"];
    for (const { name, range } of storeRanges) {
      const content = decodeStore(storeRows(range));
      if (isStoreContent(content)) {
        store = { sheet: name, content };
        break;
      }
    }
    const candidateTables = new Set<string>();
    for (const read of readBack.values()) for (const t of read.tables.items) candidateTables.add(t.name);
    const elsewhere = allTables.items.map((t) => t.name).filter((t) => !candidateTables.has(t));
    const existing: ExistingSheet[] = infos.map((s, i) => {
      const read = readBack.get(s.name);
      return {
        name: s.name,
        visible: s.visible,
        // tables not on a candidate sheet are listed once, on the first sheet: only their names count
        tables: read ? read.tables.items.map((t) => t.name) : i === 0 ? elsewhere : [],
        ...(read
          ? {
              fingerprint: readBackFingerprint(read, this.fingerprintRows),
              earlierFingerprint: () => readBackFingerprint(read, this.fingerprintRows, earlierNumberText),
            }
          : {}),
      };
    });
    return { worksheets, existing, readBack, store };
  }

  /**
   * The result tables that stay where a sheet is rewritten in place (by plan position), with where they are
   * now: one more sync, only when a rewritten sheet has one.
   */
  private async keptTablesOf(
    plan: WritePlan,
    readBack: ReadonlyMap<string, ReadBack>,
    batch: Batch,
  ): Promise<Map<number, KeptTable>> {
    const keep = new Map<number, KeptTable>();
    plan.sheets.forEach((planned, i) => {
      if (planned.rewrite === null) return;
      const existing = (readBack.get(planned.rewrite) as ReadBack).tables.items;
      const wanted = planned.tables.find(
        (t) => existing.length === 1 && t.name.toLowerCase() === existing[0].name.toLowerCase(),
      );
      if (wanted) {
        const range = existing[0].getRange().load("rowIndex,columnIndex,rowCount,columnCount");
        keep.set(i, { table: existing[0], range, planned: wanted });
      }
    });
    if (keep.size > 0) {
      await batch.reserve(100 * keep.size);
      await batch.send();
    }
    return keep;
  }

  /**
   * Queues the clearing of one of SRB's sheets that is rewritten in place, and returns it: SRB's charts
   * deleted (a chart the user put on the sheet stays, as pictures and shapes do), the cells cleared around a
   * kept result table or, when it cannot stay, the tables deleted and the whole sheet cleared; renamed when
   * the plan says so.
   */
  private clearForRewrite(
    found: SheetsFound,
    planned: PlannedSheet,
    kept: KeptTable | undefined,
    keptTable: PlannedTable | undefined,
    notes: string[],
  ): ExcelWorksheet {
    const rewrite = planned.rewrite as string;
    const ws = found.worksheets.getItem(rewrite);
    const read = found.readBack.get(rewrite) as ReadBack;
    const srb = srbChartsOn(read);
    read.charts.items.forEach((chart, k) => {
      if (srb[k]) chart.delete();
    });
    if (kept && keptTable) {
      this.rewriteAroundTable(ws, kept.table, kept.range, kept.planned);
    } else {
      // Clearing a table's whole range deletes the table, and deleting it turns the structured
      // references to it into #REF! (docs/excel-compatibility.md): say so when that happens.
      for (const table of read.tables.items) {
        if (planned.tables.some((t) => t.name.toLowerCase() === table.name.toLowerCase()))
          notes.push(tableRecreatedNote(planned.name, table.name));
        table.delete();
      }
      ws.getRange().clear();
    }
    if (planned.name !== rewrite) ws.name = planned.name;
    return ws;
  }

  /**
   * Queues the content of every planned sheet, then the blank sheet, the removals, the store and the
   * charts (`targets[i]` is the worksheet of `plan.sheets[i]`). Run twice: rehearsed, then for real.
   * A store sheet it adds goes into `added` (null while rehearsing).
   */
  private async queueContent(
    context: ExcelContext,
    plan: WritePlan,
    targets: ExcelWorksheet[],
    keptTables: (PlannedTable | undefined)[],
    batch: Batch,
    added: ExcelWorksheet[] | null,
  ): Promise<void> {
    const worksheets = context.workbook.worksheets;
    for (let i = 0; i < plan.sheets.length; i++)
      await this.queueSheetContent(targets[i], plan.sheets[i], batch, keptTables[i]);
    if (plan.addBlankSheet !== null) {
      await batch.reserve(60);
      worksheets.add(plan.addBlankSheet);
    }
    for (const old of plan.remove) {
      await batch.reserve(old.length + 40);
      worksheets.getItem(old).delete();
    }
    await batch.reserve(jsonLength(encodeStore(plan.store.content)) + 200);
    const addedStore = this.queueStore(
      context,
      plan.store.exists ? plan.store.sheet : undefined,
      plan.store.content,
      plan.store.sheet,
    );
    if (addedStore && added) added.push(addedStore);
    for (let i = 0; i < plan.sheets.length; i++) {
      const charts = plan.sheets[i].charts;
      for (let k = 0; k < charts.length; k++) {
        await this.queueChart(targets[i], charts[k], srbChartName(k), plan.sheets[i].rows, batch);
      }
    }
  }

  /**
   * Empties a sheet that is rewritten in place but keeps its one result table object, so that the user's
   * structured references (`SRB_Verteilung[Betrag]`) stay valid: everything around the table and the
   * table's data body is cleared, then the table gets the new number of data rows (rows added at its end,
   * or table rows deleted with the cells below moving up). Only when the table keeps its header row, first
   * column and number of columns; otherwise false (the caller deletes and re-creates it).
   */
  private rewriteAroundTable(
    ws: ExcelWorksheet,
    table: ExcelTable,
    range: ExcelRange,
    planned: PlannedTable,
  ): boolean {
    if (!canRewriteAroundTable(range, planned)) return false;
    const columns = planned.lastColumn - planned.firstColumn + 1;
    const area = { row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns };
    for (const [row, column, rows, cols] of rangesAround(area))
      ws.getRangeByIndexes(row, column, rows, cols).clear();
    const before = range.rowCount - 1;
    const after = planned.lastRow - planned.headerRow;
    ws.getRangeByIndexes(area.row + 1, area.column, before, columns).clear();
    if (after > before) {
      const blank = Array.from({ length: after - before }, () => new Array<string>(columns).fill(""));
      table.rows.add(undefined, blank);
    } else if (after < before) {
      ws.getRangeByIndexes(area.row + 1 + after, area.column, before - after, columns).delete("Up");
    }
    return true;
  }

  /**
   * Activates a sheet and selects a cell or range on it (the check report's clickable addresses).
   *
   * @example await book.selectCell("Kitas", "L11");
   */
  async selectCell(sheet: string, address: string): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  /**
   * The range the user selected in Excel, as the Daten step's „Markierten Bereich verwenden“ takes it: its
   * sheet and its A1 range ("B3:H30", the model's `data.range`); null when the selection is no single
   * rectangular range of cells (several areas, whole columns or rows, a chart).
   *
   * @example await book.selectedRange(); // => { sheet: "Kitas", range: "A3:F15" }
   */
  async selectedRange(): Promise<{ sheet: string; range: string } | null> {
    try {
      return await this.run(async (context) => {
        const range = context.workbook.getSelectedRange().load("address");
        await context.sync();
        return splitSheetAddress(range.address);
      });
    } catch {
      // several areas selected, or an object instead of cells: Excel refuses getSelectedRange
      return null;
    }
  }

  // -------------------------------------------------------------------------------------------------------

  /**
   * SRB's store (1 sync for the sheet names, 1 more when a hidden "_SRB" sheet exists): the sheet that
   * carries the store's marker row, its content, and the name a new store would get (`planWrite`).
   */
  private async loadStore(context: ExcelContext): Promise<{
    store: DecodedStore;
    storeName: string | undefined;
    newName: string;
    names: string[];
  }> {
    const sheets = context.workbook.worksheets.load("items/name,items/visibility");
    await context.sync();
    const infos = sheets.items.map((s) => ({ name: s.name, visible: s.visibility === "Visible" }));
    const names = infos.map((s) => s.name);
    const candidates = storeCandidates(infos).map((name) => ({
      name,
      range: sheets.getItem(name).getUsedRangeOrNullObject(true).load("values,valueTypes"),
    }));
    if (candidates.length > 0) await context.sync();
    for (const { name, range } of candidates) {
      const store = decodeStore(storeRows(range));
      if (isStoreContent(store)) return { store, storeName: name, newName: name, names };
    }
    const newName = planWrite({ sheets: infos, specs: [] }).store.sheet;
    return { store: decodeStore([]), storeName: undefined, newName, names };
  }

  /**
   * Queues the store sheet's new content (created veryHidden when missing; then returned, so that a failed
   * generation can remove it with the other sheets it added). Text cells are formatted "@".
   */
  private queueStore(
    context: ExcelContext,
    storeName: string | undefined,
    content: StoreContent,
    newName: string,
  ): ExcelWorksheet | null {
    const worksheets = context.workbook.worksheets;
    const ws = storeName === undefined ? worksheets.add(newName) : worksheets.getItem(storeName);
    if (storeName !== undefined) ws.getRange().clear();
    ws.visibility = "VeryHidden";
    const rows = encodeStore(content);
    const range = ws.getRangeByIndexes(0, 0, rows.length, 2);
    range.numberFormat = [["@"]];
    range.values = rows;
    return storeName === undefined ? ws : null;
  }

  /** Deletes sheets added by a failed generation (best effort: the original error is what counts). */
  private async removeQuietly(context: ExcelContext, added: ExcelWorksheet[]): Promise<void> {
    try {
      added.forEach((ws) => ws.delete());
      await context.sync();
    } catch {
      // The workbook is left as Excel left it; the caller sees the first error.
    }
  }

  /**
   * Queues one planned sheet's content: values in row blocks, formats before values, bold, widths, panes,
   * tables. Text Excel would reinterpret is written into cells formatted "@".
   */
  private async queueSheetContent(
    ws: ExcelWorksheet,
    planned: PlannedSheet,
    batch: Batch,
    keptTable?: PlannedTable,
  ): Promise<void> {
    const rows = planned.rows;
    let block: Block | null = null;
    const formats: (string | undefined)[][] = [];
    const flush = async () => {
      if (block) await this.queueBlock(ws, block, formats, rows, batch);
      block = null;
      formats.length = 0;
    };
    for (let r = 0; r < rows.length; r++) {
      const source = rows[r];
      const line: (string | number | boolean | null)[] = [];
      const lineFormats: (string | undefined)[] = [];
      let lineFormula = false;
      for (let c = 0; c < source.length; c++) {
        const cell = source[c];
        const formula = cell?.formula !== undefined;
        line.push(cell === undefined ? null : formula ? `=${cell.formula}` : cell.value);
        lineFormats.push(cellFormat(cell));
        lineFormula ||= formula;
      }
      const lineBytes = jsonLength(line) + 1;
      if (block && block.bytes + lineBytes > batch.blockBytes) await flush();
      if (!block)
        block = { firstRow: r, rowCount: 0, columnCount: 0, cells: [], hasFormula: false, bytes: 2 };
      const b: Block = block;
      b.cells.push(line);
      formats.push(lineFormats);
      b.rowCount += 1;
      b.columnCount = Math.max(b.columnCount, line.length);
      b.hasFormula ||= lineFormula;
      b.bytes += lineBytes;
    }
    await flush();

    if (planned.columns > 0) await this.queueWidths(ws, planned, batch);
    if (planned.freezeRows > 0) {
      await batch.reserve(20);
      ws.freezePanes.freezeRows(planned.freezeRows);
    }
    for (const h of planned.rowHeights) {
      await batch.reserve(40);
      ws.getRangeByIndexes(h.row - 1, 0, 1, 1).format.rowHeight = h.points;
    }
    if (this.supports("ExcelApi", "1.9")) {
      await batch.reserve(1_000);
      applyPageLayout(ws.pageLayout, planned.print, ws.horizontalPageBreaks);
    }
    for (const table of planned.tables) {
      if (table === keptTable) continue;
      await batch.reserve(table.name.length + 100);
      const range = a1Range(table.headerRow, table.firstColumn, table.lastRow, table.lastColumn);
      const excelTable = ws.tables.add(range, true);
      excelTable.name = table.name;
    }
  }

  /** Number formats (column runs, one value each: Excel's "single input copy"), values, then bold runs. */
  private async queueBlock(
    ws: ExcelWorksheet,
    block: Block,
    formats: (string | undefined)[][],
    rows: PlannedCell[][],
    batch: Batch,
  ) {
    if (block.columnCount === 0) return;
    for (let c = 0; c < block.columnCount; c++) {
      let start = 0;
      for (let r = 1; r <= block.rowCount; r++) {
        const current = formats[start][c];
        if (r < block.rowCount && formats[r][c] === current) continue;
        if (current !== undefined) {
          await batch.reserve(current.length + 40);
          ws.getRangeByIndexes(block.firstRow + start, c, r - start, 1).numberFormat = [[current]];
        }
        start = r;
      }
    }
    const cells = block.cells.map((line) =>
      line.length === block.columnCount
        ? line
        : [...line, ...new Array<null>(block.columnCount - line.length).fill(null)],
    );
    await batch.reserve(block.bytes);
    const range = ws.getRangeByIndexes(block.firstRow, 0, block.rowCount, block.columnCount);
    if (block.hasFormula) range.formulas = cells;
    else range.values = cells;
    for (let r = 0; r < block.rowCount; r++) {
      const source = rows[block.firstRow + r];
      let c = 0;
      while (c < Math.min(source.length, block.columnCount)) {
        if (!source[c]?.bold) {
          c++;
          continue;
        }
        const start = c;
        while (c < Math.min(source.length, block.columnCount) && source[c]?.bold) c++;
        await batch.reserve(40);
        ws.getRangeByIndexes(block.firstRow + r, start, 1, c - start).format.font.bold = true;
      }
      c = 0;
      while (c < Math.min(source.length, block.columnCount)) {
        if (!source[c]?.wrap) {
          c++;
          continue;
        }
        const start = c;
        while (c < Math.min(source.length, block.columnCount) && source[c]?.wrap) c++;
        await batch.reserve(80);
        const format = ws.getRangeByIndexes(block.firstRow + r, start, 1, c - start).format;
        format.wrapText = true;
        format.verticalAlignment = "Top";
      }
    }
  }

  /**
   * Every column gets a width: the sheet spec's where given, else one estimated from the column's first
   * AUTOFIT_ROWS rows (`estimatedColumnWidth`). `Range.format.autofitColumns()` is not used: it fits the
   * columns to their current data, whatever rows the range covers, so the row limit did nothing and
   * autofit over 100,000 rows is slow:
   * https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-autofitcolumns-member(1)
   */
  private async queueWidths(ws: ExcelWorksheet, planned: PlannedSheet, batch: Batch) {
    const widths = planned.columnWidths;
    for (let c = 0; c < planned.columns; c++) {
      const given = widths[c];
      const width = given !== undefined && given > 0 ? given : estimatedColumnWidth(planned.rows, c);
      await batch.reserve(40);
      ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = columnWidthPoints(width);
    }
  }

  /**
   * A native chart. `firstRow` may be a header row: when the first row's series cells hold text, they name
   * the series and the data starts one row lower. Series are added one by one, so their columns need not
   * be adjacent or in order.
   */
  private async queueChart(
    ws: ExcelWorksheet,
    chart: ChartSpec,
    name: string,
    rows: PlannedCell[][],
    batch: Batch,
  ) {
    // the write plan let only charts through whose data range and anchor lie on the sheet
    const header = rows[chart.firstRow - 1] ?? [];
    const hasHeader = chart.seriesColumns.every((c) => typeof header[c - 1]?.value === "string");
    const first = hasHeader ? chart.firstRow + 1 : chart.firstRow;
    const count = chart.lastRow - first + 1;
    const column = (c: number) => ws.getRangeByIndexes(first - 1, c - 1, count, 1);
    const seriesName = (c: number, k: number) => (hasHeader ? String(header[c - 1].value) : `Reihe ${k + 1}`);
    await batch.reserve(250 + chart.title.length + 100 * chart.seriesColumns.length);
    const kind: ExcelChartKind = chart.kind === "line" ? "Line" : "ColumnClustered";
    const excelChart = ws.charts.add(kind, column(chart.seriesColumns[0]), "Columns");
    excelChart.name = name;
    excelChart.title.text = chart.title;
    excelChart.setPosition(chart.anchor);
    chart.seriesColumns.forEach((c, k) => {
      const series = k === 0 ? excelChart.series.getItemAt(0) : excelChart.series.add(seriesName(c, k));
      if (k > 0) series.setValues(column(c));
      series.name = seriesName(c, k);
      series.setXAxisValues(column(chart.categoryColumn));
    });
  }
}

/**
 * The planned page set-up on a sheet (ExcelApi 1.9): A4, orientation, pages wide (one, or more for a sheet
 * with repeated columns), margins (inches → points), page header and footer, print titles (rows and
 * columns), the page order and the manual page breaks between sections.
 *
 * @example applyPageLayout(ws.pageLayout, planned.print); // ws.pageLayout.orientation => "Landscape"
 */
export function applyPageLayout(
  layout: ExcelPageLayout,
  print: PlannedPrint,
  breaks?: ExcelPageBreaks,
): void {
  layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = "A4";
  layout.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: print.fitToHeight };
  const points = (inches: number) => Math.round(inches * 72 * 100) / 100;
  layout.leftMargin = points(print.margins.left);
  layout.rightMargin = points(print.margins.right);
  layout.topMargin = points(print.margins.top);
  layout.bottomMargin = points(print.margins.bottom);
  layout.headerMargin = points(print.margins.header);
  layout.footerMargin = points(print.margins.footer);
  const all = layout.headersFooters.defaultForAllPages;
  all.leftHeader = print.header.left;
  all.centerHeader = print.header.center;
  all.rightHeader = print.header.right;
  all.leftFooter = print.footer.left;
  all.centerFooter = print.footer.center;
  all.rightFooter = print.footer.right;
  if (print.titleRows) layout.setPrintTitleRows(`$${print.titleRows.first}:$${print.titleRows.last}`);
  // a sheet more than one page wide: the Kita column on every page, a row's pages one after the other
  if (print.titleColumns)
    layout.setPrintTitleColumns(
      `$${columnLetters(print.titleColumns.first)}:$${columnLetters(print.titleColumns.last)}`,
    );
  layout.printOrder = print.pageOrder === "overThenDown" ? "OverThenDown" : "DownThenOver";
  // a sheet rewritten in place keeps its manual page breaks: the old ones go first
  if (breaks) {
    breaks.removePageBreaks();
    for (const r of print.rowBreaks) breaks.add(`A${r + 1}`);
  }
}

/**
 * Whether a kept result table can stay where it is (see `rewriteAroundTable`): it keeps its header row,
 * first column and number of columns, and has a data row.
 *
 * @example canRewriteAroundTable({ rowIndex: 0, columnIndex: 0, rowCount: 5, columnCount: 3 }, planned); // => true for a table planned at A1:C…
 */
function canRewriteAroundTable(
  range: Pick<ExcelRange, "rowIndex" | "columnIndex" | "rowCount" | "columnCount">,
  planned: PlannedTable,
): boolean {
  return (
    range.rowIndex === planned.headerRow - 1 &&
    range.columnIndex === planned.firstColumn - 1 &&
    range.columnCount === planned.lastColumn - planned.firstColumn + 1 &&
    range.rowCount >= 2
  );
}

/** The note when a result table could not stay in place (its shape changed) and was created anew. */
function tableRecreatedNote(sheet: string, table: string): string {
  return (
    `Blatt „${sheet}“: die Ergebnistabelle „${table}“ hat jetzt andere Spalten und wurde neu angelegt – ` +
    `Formeln in Ihren Blättern, die auf „${table}“ verweisen, zeigen jetzt #BEZUG! und müssen neu gesetzt werden.`
  );
}

/**
 * The ranges of a `RangeAreas` address ("Kitas!C4:C6,'Kita, Daten'!C7:C10"), ranges of one cell left out:
 * split at the commas outside a quoted sheet name, the sheet dropped.
 *
 * @example rangesOfAddress("Kitas!C4:C6,Kitas!A1"); // => [{ firstRow: 4, lastRow: 6, firstColumn: 3, lastColumn: 3 }]
 */
export function rangesOfAddress(address: string): CellRange[] {
  const ranges: CellRange[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if ((ch === "," && !quoted) || i === address.length) {
      const part = address.slice(start, i);
      const range = mergedRange(part.slice(part.lastIndexOf("!") + 1));
      if (range) ranges.push(range);
      start = i + 1;
    }
  }
  return ranges;
}

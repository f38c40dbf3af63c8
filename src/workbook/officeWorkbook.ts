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
 * - `writeGeneratedSheets`: request 1 loads the sheet names, visibility and tab colours. Request 2 reads the
 *   store sheet (a sheet known to exist: no chaining on null objects) and the formulas of every sheet that
 *   wears SRB's tab colour (candidates for earlier generated sheets, see "Nothing lost" below), and carries
 *   the new sheets, added under temporary names, with all their content (number formats before values,
 *   values/formulas in row blocks, bold, widths, frozen rows). The last request deletes the old generated
 *   sheets (now known from the store) that are unchanged, renames the new ones, updates the store (with the
 *   fingerprints of what was written) and draws the charts. Each request starts with
 *   suspendApiCalculationUntilNextSync().
 *   Excel on the web refuses requests above about 5 MB, so a request is cut at `PAYLOAD_LIMIT_BYTES` (4 MB,
 *   estimated as the JSON length of what is queued) and the last content request takes the final commands:
 *   syncs = 1 + max(2, ceil(payload / ~4 MB)) — 3 for ordinary sizes, 4 for 100,000 units (≈ 9 MB).
 *   If a request fails, the sheets added so far are deleted again (best effort) and the error is passed on.
 *
 * Nothing lost (as in the .xlsx adapter, see store.ts): an earlier generated sheet is deleted only when its
 * content fingerprint (`sheetFingerprint` of `usedRange.formulas`, origin = the used range's top-left cell)
 * still equals the one recorded in the store when SRB wrote it. An edited sheet, one the user deleted and
 * re-created under that name (it lacks SRB's tab colour, so it is not even read), or one whose tab colour
 * the user changed is kept and from then on the user's; the new sheet takes another name and a German note
 * says so. A store written before fingerprints existed is honoured by name. Excel on the web also limits a
 * *response* to about 5 MB, so a sheet is read back only within its first `fingerprintRows` rows
 * (`payloadLimit / FINGERPRINT_BYTES_PER_ROW`, 10,000 at 4 MB); a larger earlier sheet cannot be checked
 * within the sync budget and is kept as well (note), never deleted unchecked.
 * Text that XML cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF) is written with "\uFFFD"
 * in their place and a note (`xmlSafeText`, shared with the .xlsx adapter).
 */
import { headerKey } from "../engine/check";
import { SrbUsageError } from "../engine/issues";
import type { CellValue, RawTable } from "../engine/table";
import { a1 } from "../engine/table";
import type { ChartSpec, SheetCell, SheetSpec, WorkbookPort, WriteReport } from "./port";
import { STORE_SHEET } from "./port";
import { resolveSheetName, sameSheetName, sanitizeSheetName } from "./sheetNames";
import {
  decodeStore,
  encodeStore,
  sheetFingerprint,
  type DecodedStore,
  type FingerprintCell,
  type StoreContent,
} from "./store";
import { xmlSafeText, xmlUnsafeNote } from "./xmlText";

// ---------------------------------------------------------------------------------------------------------
// The Excel proxy objects SRB uses (a structural subset of Office.js; string literals stand for the enums).

export interface ExcelRangeFormat {
  font: { bold: boolean };
  columnWidth: number;
  autofitColumns(): void;
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
  select(): void;
  /** The used cells inside this range (Office.js `Range.getUsedRangeOrNullObject`, ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange;
}

export interface ExcelTable {
  readonly name: string;
  /** Header row, data body and totals row together. */
  getRange(): ExcelRange;
  /** The header row only (ExcelApi 1.1). */
  getHeaderRowRange(): ExcelRange;
  /** The data rows only: never the header or the totals row ("Ergebniszeile") (ExcelApi 1.1). */
  getDataBodyRange(): ExcelRange;
}

export interface ExcelTableCollection {
  readonly items: ExcelTable[];
  load(propertyNames: string): ExcelTableCollection;
}

export interface ExcelChartSeries {
  name: string;
  setValues(sourceData: ExcelRange): void;
  setXAxisValues(sourceData: ExcelRange): void;
}

export interface ExcelChart {
  readonly title: { text: string };
  readonly series: { getItemAt(index: number): ExcelChartSeries; add(name?: string): ExcelChartSeries };
  setPosition(startCell: string, endCell?: string): void;
}

export type ExcelChartKind = "ColumnClustered" | "Line";

export interface ExcelChartCollection {
  add(type: ExcelChartKind, sourceData: ExcelRange, seriesBy: "Columns"): ExcelChart;
}

export interface ExcelWorksheet {
  name: string;
  visibility: string;
  tabColor: string;
  readonly isNullObject: boolean;
  readonly tables: ExcelTableCollection;
  readonly charts: ExcelChartCollection;
  readonly freezePanes: { freezeRows(count?: number): void };
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
    readonly application: { suspendApiCalculationUntilNextSync(): void };
  };
  sync(): Promise<unknown>;
}

/** `Excel.run`, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: ExcelContext) => Promise<T>) => Promise<T>;

/**
 * Runs a batch in the real Excel (the default `run` of `OfficeWorkbook`). Also the compile-time proof that
 * `Excel.RequestContext` fits `ExcelContext`.
 *
 * @example const names = await runInExcel(async (context) => { … await context.sync(); … });
 */
export function runInExcel<T>(batch: (context: ExcelContext) => Promise<T>): Promise<T> {
  return Excel.run((context: Excel.RequestContext) => batch(context));
}

// ---------------------------------------------------------------------------------------------------------
// Limits.

/** Largest request SRB sends in one sync (Excel on the web refuses requests above about 5 MB). */
export const PAYLOAD_LIMIT_BYTES = 4_000_000;
/** Target size of one value block (one `values`/`formulas` assignment). */
export const BLOCK_TARGET_BYTES = 500_000;
/** Rows looked at when Excel autofits a column without a given width (autofit over 100,000 rows is slow). */
export const AUTOFIT_ROWS = 500;
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_TEXT = 32_767;
/** Tab colour of SRB's generated sheets (the same as the .xlsx adapter's). */
export const GENERATED_TAB_COLOUR = "#1F5C99";

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

/** The value Excel is given for one SheetCell, and a note when it had to be changed. */
function excelInput(cell: SheetCell | undefined): {
  input: string | number | boolean | null;
  formula: boolean;
  cut: boolean;
  nonFinite: boolean;
  /** Characters XML cannot hold were replaced by "\uFFFD". */
  unsafe: boolean;
} {
  const plain = { formula: false, cut: false, nonFinite: false, unsafe: false };
  if (!cell) return { ...plain, input: null };
  if (cell.formula !== undefined && cell.formula !== "") {
    return { ...plain, input: `=${cell.formula.replace(/^=/, "")}`, formula: true };
  }
  const v = cell.value;
  if (typeof v === "string") {
    const { text, replaced } = xmlSafeText(v);
    const unsafe = replaced > 0;
    if (text.length <= EXCEL_MAX_CELL_TEXT) return { ...plain, input: text === "" ? null : text, unsafe };
    let head = text.slice(0, EXCEL_MAX_CELL_TEXT - 1);
    const last = head.charCodeAt(head.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
    return { ...plain, input: `${head}…`, cut: true, unsafe };
  }
  if (typeof v === "number" && !Number.isFinite(v)) return { ...plain, input: "#NUM!", nonFinite: true };
  return { ...plain, input: v ?? null };
}

/** The number format a cell is given: "@" for text Excel would reinterpret, else its own format (if any). */
function cellFormat(
  cell: SheetCell | undefined,
  input: string | number | boolean | null,
  formula: boolean,
): string | undefined {
  if (!cell) return undefined;
  if (formula) return cell.numFmt === "@" ? undefined : cell.numFmt;
  // Text only: a non-finite number is deliberately written as the error literal "#NUM!" (no "@").
  if (typeof input === "string" && typeof cell.value === "string" && needsTextFormat(input)) return "@";
  return cell.numFmt;
}

// ---------------------------------------------------------------------------------------------------------

/** Queues actions and sends them with `context.sync()` whenever the next one would exceed the payload limit. */
class Batch {
  private bytes = 0;
  /** Syncs sent so far by this batch. */
  sent = 0;

  constructor(
    private readonly context: ExcelContext,
    private readonly limit: number,
  ) {}

  /** Rows per value block are chosen so that a block stays below this (a quarter of a request at most). */
  get blockBytes(): number {
    return Math.min(BLOCK_TARGET_BYTES, Math.floor(this.limit / 4));
  }

  /**
   * Call before queuing an action of about `bytes`; sends what is queued first when it would not fit.
   * Every request starts with `suspendApiCalculationUntilNextSync()` (it holds until the next sync only).
   */
  async reserve(bytes: number): Promise<void> {
    const cost = bytes + ACTION_OVERHEAD_BYTES;
    if (this.bytes > 0 && this.bytes + cost > this.limit) await this.send();
    if (this.bytes === 0) {
      this.context.workbook.application.suspendApiCalculationUntilNextSync();
      this.bytes = ACTION_OVERHEAD_BYTES;
    }
    this.bytes += cost;
  }

  /** Sends what is queued. */
  async send(): Promise<void> {
    await this.context.sync();
    this.sent += 1;
    this.bytes = 0;
  }
}

/** What request 2 read of a sheet that may be an earlier generated one. */
interface ReadBack {
  /** The whole used range (extent only). */
  used: ExcelRange;
  /** The used cells within the first `fingerprintRows` rows, with their formulas. */
  window: ExcelRange;
}

/**
 * The fingerprint of a sheet as read back, or null when it cannot be taken within the read window (the
 * used range reaches below row `rows`). An empty sheet has the fingerprint of no cells.
 */
function readBackFingerprint(read: ReadBack, rows: number): string | null {
  if (read.used.isNullObject) return sheetFingerprint([]);
  if (read.used.rowIndex + read.used.rowCount > rows) return null;
  if (read.window.isNullObject) return sheetFingerprint([]);
  const origin = { row: read.window.rowIndex + 1, column: read.window.columnIndex + 1 };
  return sheetFingerprint(read.window.formulas as FingerprintCell[][], origin);
}

/** Tab colours compare without "#" and case ("#1f5c99" is SRB's "#1F5C99"). */
function sameColour(a: string | undefined, b: string): boolean {
  return (a ?? "").replace(/^#/, "").toUpperCase() === b.replace(/^#/, "").toUpperCase();
}

/** The note for an earlier generated sheet that changed since SRB wrote it (the .xlsx adapter's words). */
function editedNote(sheet: string): string {
  return (
    `Blatt „${sheet}“ wurde seit dem letzten Lauf von SRB verändert (oder neu angelegt) – es bleibt ` +
    `unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt; die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.`
  );
}

/** The note for an earlier generated sheet too large to be read back within one request. */
function tooLargeToCheckNote(sheet: string, rows: number): string {
  return (
    `Blatt „${sheet}“ aus dem letzten Lauf von SRB hat mehr als ${formatCount(rows)} Zeilen und lässt sich in Excel ` +
    `nicht in einem Schritt auf Änderungen prüfen – es bleibt unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt ` +
    `(löschen Sie es, wenn Sie es nicht mehr brauchen); die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.`
  );
}

/** A count in the de-DE format (10.000). */
function formatCount(n: number): string {
  return n.toLocaleString("de-DE");
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
      if (key !== "sheet" && typeof value === "string") out.push(value);
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
  const wanted = new Set(expected.map((h) => headerKey(h)));
  let best = 0;
  let bestScore = -1;
  let bestRows = -1;
  tables.forEach((t, i) => {
    const score = t.headers.filter((h) => typeof h === "string" && wanted.has(headerKey(h))).length;
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
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name).filter((n) => !sameSheetName(n, STORE_SHEET));
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
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const name = sheets.items.map((s) => s.name).find((n) => sameSheetName(n, sheet));
      if (name === undefined || sameSheetName(name, STORE_SHEET)) {
        throw new SrbUsageError(`Tabellenblatt „${sheet}“ gibt es in dieser Arbeitsmappe nicht.`);
      }
      const ws = sheets.getItem(name);
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
      const [headers = [], ...rows] = await this.readCells(context, ws, region);
      return {
        sheet: name,
        headers,
        rows,
        headerRow: region.rowIndex + 1,
        firstColumn: region.columnIndex + 1,
      };
    });
  }

  /**
   * The cells of a block as CellValues, read in row blocks of at most about `payloadLimit` bytes of
   * response each (one sync per block). A block Excel refuses as too large is read again in halves.
   */
  private async readCells(context: ExcelContext, ws: ExcelWorksheet, extent: Extent): Promise<CellValue[][]> {
    const out: CellValue[][] = [];
    const perRow = Math.max(1, extent.columnCount) * READ_BYTES_PER_CELL;
    let blockRows = Math.max(1, Math.floor(this.payloadLimit / perRow));
    let row = 0;
    while (row < extent.rowCount) {
      const rows = Math.min(blockRows, extent.rowCount - row);
      const range = ws
        .getRangeByIndexes(extent.rowIndex + row, extent.columnIndex, rows, extent.columnCount)
        .load("values,valueTypes");
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
      for (const [r, line] of range.values.entries()) {
        out.push(line.map((v, c) => toCellValue(v, types[r]?.[c])));
      }
      row += rows;
    }
    return out;
  }

  /**
   * The model stored by an earlier run (hidden sheet `_SRB`), or null.
   *
   * @example const model = await book.readStoredModel(); // => { data: { sheet: "Kitas", … }, … } or null
   */
  async readStoredModel(): Promise<unknown | null> {
    return this.run(async (context) => (await this.loadStore(context)).store.model);
  }

  /**
   * Stores the model in the hidden sheet `_SRB` (keeps the list of generated sheets).
   *
   * @example await book.writeStoredModel(model);
   */
  async writeStoredModel(model: unknown): Promise<void> {
    await this.run(async (context) => {
      const { store, storeName } = await this.loadStore(context);
      this.queueStore(context, storeName, {
        generated: store.generated,
        model,
        fingerprints: store.fingerprints,
      });
      await context.sync();
    });
  }

  /**
   * Replaces SRB's generated sheets by these (user sheets are never touched; a name clash gets "Name (2)").
   * An earlier generated sheet that was edited since (or re-created by the user) is kept as the user's.
   *
   * @example const report = await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "Sozialraum" }]] }]);
   * // report.sheets => [{ requested: "Verteilung", written: "Verteilung" }]
   */
  async writeGeneratedSheets(sheets: SheetSpec[]): Promise<WriteReport> {
    return this.run(async (context) => {
      // Sync 1: which sheets exist (and which wear SRB's tab colour).
      const worksheets = context.workbook.worksheets.load("items/name,items/visibility,items/tabColor");
      await context.sync();
      const names = worksheets.items.map((s) => s.name).filter((n) => !sameSheetName(n, STORE_SHEET));
      const storeName = worksheets.items.map((s) => s.name).find((n) => sameSheetName(n, STORE_SHEET));
      const visibleUserSheets = worksheets.items
        .filter((s) => s.visibility === "Visible" && !sameSheetName(s.name, STORE_SHEET))
        .map((s) => s.name);
      const candidates = worksheets.items
        .filter((s) => sameColour(s.tabColor, GENERATED_TAB_COLOUR) && !sameSheetName(s.name, STORE_SHEET))
        .map((s) => s.name);

      // Then one pipeline: the store and the candidates' formulas are read in the same request that carries
      // the first content block.
      const batch = new Batch(context, this.payloadLimit);
      await batch.reserve(100);
      const storeRange =
        storeName === undefined
          ? null
          : worksheets.getItem(storeName).getUsedRangeOrNullObject(true).load("values,valueTypes");
      const readBack = new Map<string, ReadBack>();
      for (const name of candidates) {
        await batch.reserve(name.length + 200);
        const ws = worksheets.getItem(name);
        readBack.set(name, {
          used: ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount"),
          window: ws
            .getRangeByIndexes(0, 0, this.fingerprintRows, EXCEL_MAX_COLUMNS)
            .getUsedRangeOrNullObject(true)
            .load("rowIndex,columnIndex,formulas"),
        });
      }

      // New sheets get temporary names until the old generated sheets (known from the store) are gone;
      // this also means the workbook always keeps a visible sheet (Excel refuses to delete the last one).
      const requested = sheets.map((spec) => sanitizeSheetName(spec.name));
      const temporary: string[] = [];
      const added: ExcelWorksheet[] = [];
      const notes: string[] = [];
      const fingerprints: string[] = [];
      try {
        for (let i = 0; i < sheets.length; i++) {
          const temp = resolveSheetName(`SRB neu ${i + 1}`, [...names, ...requested, ...temporary]);
          temporary.push(temp);
          await batch.reserve(temp.length + 40);
          const ws = worksheets.add(temp);
          ws.tabColor = GENERATED_TAB_COLOUR;
          added.push(ws);
        }
        for (let i = 0; i < sheets.length; i++) {
          fingerprints.push(await this.queueSheetContent(added[i], sheets[i], batch, notes));
        }
        if (batch.sent === 0) await batch.send();
      } catch (error) {
        await this.removeQuietly(context, added);
        throw error;
      }

      // The store is known now: old generated sheets go unless they changed, new ones get their names, the
      // store is updated, charts are drawn — all in the last request.
      const store = decodeStore(storeRows(storeRange));
      const report: WriteReport = { sheets: [], replaced: [], notes: [] };
      const replaced = report.replaced;
      for (const generated of store.generated) {
        const name = names.find((n) => sameSheetName(n, generated));
        if (name === undefined || temporary.includes(name) || replaced.includes(name)) continue;
        const recorded = store.fingerprints?.[generated];
        const read = readBack.get(name);
        const current = read ? readBackFingerprint(read, this.fingerprintRows) : undefined;
        if (recorded === undefined || current === recorded) replaced.push(name);
        else if (current === null) report.notes?.push(tooLargeToCheckNote(name, this.fingerprintRows));
        else report.notes?.push(editedNote(name));
      }
      const occupied = names.filter((n) => !replaced.includes(n));
      const written: string[] = [];
      sheets.forEach((spec) => {
        const name = resolveSheetName(spec.name, [...occupied, ...written]);
        written.push(name);
        report.sheets.push({ requested: spec.name, written: name });
        if (name !== spec.name) {
          report.notes?.push(
            `Blatt „${spec.name}“ wurde als „${name}“ angelegt, weil der Name vergeben oder ungültig ist.`,
          );
        }
      });
      report.notes?.push(...notes);
      if (
        sheets.length === 0 &&
        replaced.length > 0 &&
        visibleUserSheets.every((n) => replaced.includes(n))
      ) {
        // Nothing new and nothing else visible would remain: keep one empty sheet.
        await batch.reserve(60);
        worksheets.add(resolveSheetName("Tabelle1", names));
      }
      for (const old of replaced) {
        await batch.reserve(old.length + 40);
        worksheets.getItem(old).delete();
      }
      for (let i = 0; i < added.length; i++) {
        await batch.reserve(written[i].length + 40);
        added[i].name = written[i];
      }
      const content: StoreContent = {
        generated: written,
        model: store.model,
        fingerprints: Object.fromEntries(written.map((name, i) => [name, fingerprints[i]])),
      };
      await batch.reserve(jsonLength(encodeStore(content)) + 200);
      this.queueStore(context, storeName, content);
      for (let i = 0; i < sheets.length; i++) {
        for (const chart of sheets[i].charts ?? []) {
          await this.queueChart(added[i], written[i], chart, sheets[i].rows, batch, report.notes as string[]);
        }
      }
      await batch.send();
      return report;
    });
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

  // -------------------------------------------------------------------------------------------------------

  /** The store sheet's name (1 sync) and, when it exists, its content (1 more sync). */
  private async loadStore(
    context: ExcelContext,
  ): Promise<{ store: DecodedStore; storeName: string | undefined }> {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const storeName = sheets.items.map((s) => s.name).find((n) => sameSheetName(n, STORE_SHEET));
    if (storeName === undefined) return { store: decodeStore([]), storeName };
    const used = sheets.getItem(storeName).getUsedRangeOrNullObject(true).load("values,valueTypes");
    await context.sync();
    return { store: decodeStore(storeRows(used)), storeName };
  }

  /** Queues the store sheet's new content (created veryHidden when missing). Text cells are formatted "@". */
  private queueStore(context: ExcelContext, storeName: string | undefined, content: StoreContent): void {
    const worksheets = context.workbook.worksheets;
    const ws = storeName === undefined ? worksheets.add(STORE_SHEET) : worksheets.getItem(storeName);
    if (storeName !== undefined) ws.getRange().clear();
    ws.visibility = "VeryHidden";
    const rows = encodeStore(content);
    const range = ws.getRangeByIndexes(0, 0, rows.length, 2);
    range.numberFormat = [["@"]];
    range.values = rows;
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
   * Queues one generated sheet's content: values in row blocks, formats before values, bold, widths, panes.
   * Returns the content fingerprint of what it queued (formulas as "=" + formula, as `usedRange.formulas`
   * reads them back; the same canonical form the .xlsx adapter takes of the cells it wrote).
   */
  private async queueSheetContent(
    ws: ExcelWorksheet,
    spec: SheetSpec,
    batch: Batch,
    notes: string[],
  ): Promise<string> {
    const name = spec.name;
    let rows = spec.rows;
    if (rows.length > EXCEL_MAX_ROWS) {
      notes.push(
        `Blatt „${name}“: ${rows.length} Zeilen angefordert, Excel erlaubt höchstens ${EXCEL_MAX_ROWS}; der Rest fehlt.`,
      );
      rows = rows.slice(0, EXCEL_MAX_ROWS);
    }
    let widest = 0;
    for (let r = 0; r < rows.length; r++) {
      if (rows[r].length > EXCEL_MAX_COLUMNS) {
        notes.push(`Blatt „${name}“, Zeile ${r + 1}: mehr als ${EXCEL_MAX_COLUMNS} Spalten; der Rest fehlt.`);
      }
      widest = Math.max(widest, Math.min(rows[r].length, EXCEL_MAX_COLUMNS));
    }

    let block: Block | null = null;
    const formats: (string | undefined)[][] = [];
    const inputs: (string | number | boolean | null)[][] = [];
    let unsafeCells = 0;
    const flush = async () => {
      if (block) await this.queueBlock(ws, block, formats, rows, batch);
      block = null;
      formats.length = 0;
    };
    for (let r = 0; r < rows.length; r++) {
      const source = rows[r].slice(0, EXCEL_MAX_COLUMNS);
      const line: (string | number | boolean | null)[] = [];
      const lineFormats: (string | undefined)[] = [];
      let lineFormula = false;
      for (let c = 0; c < source.length; c++) {
        const { input, formula, cut, nonFinite, unsafe } = excelInput(source[c]);
        if (unsafe) unsafeCells++;
        if (cut)
          notes.push(
            `Blatt „${name}“, Zelle ${a1(r + 1, c + 1)}: Text auf ${EXCEL_MAX_CELL_TEXT} Zeichen gekürzt.`,
          );
        if (nonFinite) {
          notes.push(
            `Blatt „${name}“, Zelle ${a1(r + 1, c + 1)}: keine endliche Zahl (${String(source[c].value)}), als #ZAHL! geschrieben.`,
          );
        }
        line.push(input);
        lineFormats.push(cellFormat(source[c], input, formula));
        lineFormula ||= formula;
      }
      inputs.push(line);
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
    if (unsafeCells > 0) notes.push(xmlUnsafeNote(name, unsafeCells));

    if (widest > 0) await this.queueWidths(ws, spec, widest, rows.length, batch);
    if (spec.freezeRows && spec.freezeRows > 0) {
      await batch.reserve(20);
      ws.freezePanes.freezeRows(spec.freezeRows);
    }
    return sheetFingerprint(inputs);
  }

  /** Number formats (column runs, one value each: Excel's "single input copy"), values, then bold runs. */
  private async queueBlock(
    ws: ExcelWorksheet,
    block: Block,
    formats: (string | undefined)[][],
    rows: SheetCell[][],
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
    }
  }

  /** Given widths are set; the other columns are autofitted over their first AUTOFIT_ROWS rows. */
  private async queueWidths(
    ws: ExcelWorksheet,
    spec: SheetSpec,
    columns: number,
    rowCount: number,
    batch: Batch,
  ) {
    const widths = spec.columnWidths ?? [];
    let c = 0;
    while (c < columns) {
      const width = widths[c];
      if (width !== undefined && width > 0) {
        await batch.reserve(40);
        ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = columnWidthPoints(width);
        c++;
        continue;
      }
      const start = c;
      while (c < columns && !(widths[c] !== undefined && (widths[c] as number) > 0)) c++;
      await batch.reserve(40);
      ws.getRangeByIndexes(0, start, Math.min(rowCount, AUTOFIT_ROWS), c - start).format.autofitColumns();
    }
  }

  /**
   * A native chart. `firstRow` may be a header row: when the first row's series cells hold text, they name
   * the series and the data starts one row lower. Series are added one by one, so their columns need not
   * be adjacent or in order.
   */
  private async queueChart(
    ws: ExcelWorksheet,
    name: string,
    chart: ChartSpec,
    rows: SheetCell[][],
    batch: Batch,
    notes: string[],
  ) {
    const columns = [chart.categoryColumn, ...chart.seriesColumns];
    const valid =
      chart.seriesColumns.length > 0 &&
      chart.firstRow >= 1 &&
      chart.lastRow >= chart.firstRow &&
      chart.lastRow <= rows.length &&
      columns.every((c) => Number.isInteger(c) && c >= 1 && c <= EXCEL_MAX_COLUMNS);
    if (!valid) {
      notes.push(
        `Blatt „${name}“: Diagramm „${chart.title}“ nicht erstellt, sein Datenbereich liegt nicht auf dem Blatt.`,
      );
      return;
    }
    const header = rows[chart.firstRow - 1] ?? [];
    const hasHeader = chart.seriesColumns.every((c) => typeof header[c - 1]?.value === "string");
    const first = hasHeader ? chart.firstRow + 1 : chart.firstRow;
    if (first > chart.lastRow) {
      notes.push(`Blatt „${name}“: Diagramm „${chart.title}“ nicht erstellt, es hat keine Datenzeilen.`);
      return;
    }
    const count = chart.lastRow - first + 1;
    const column = (c: number) => ws.getRangeByIndexes(first - 1, c - 1, count, 1);
    const seriesName = (c: number, k: number) => (hasHeader ? String(header[c - 1].value) : `Reihe ${k + 1}`);
    await batch.reserve(200 + chart.title.length + 100 * chart.seriesColumns.length);
    const kind: ExcelChartKind = chart.kind === "line" ? "Line" : "ColumnClustered";
    const excelChart = ws.charts.add(kind, column(chart.seriesColumns[0]), "Columns");
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

/**
 * A typed in-memory fake of the few Excel JS objects the Office.js adapter uses (`ExcelContext` and friends
 * in src/workbook/officeWorkbook.ts), strict where Excel is strict:
 * - commands are queued and run only at `context.sync()`, in order; errors surface there (ItemNotFound …);
 * - reading a property that was not loaded and synced throws PropertyNotLoaded, as Excel does;
 * - a request above `maxRequestBytes` (default 5 MB, Excel on the web) is refused;
 * - commands still queued when the batch function returns are an error (they would never reach Excel);
 * - text assigned to `values` of a cell not formatted "@" is interpreted like Excel does
 *   ("=…" → formula, "0012" → 12, "TRUE" → true, "#N/A" → error value).
 * It counts syncs and measures each request (JSON length of the queued commands and their arguments).
 */
import type {
  ExcelChart,
  ExcelChartCollection,
  ExcelShapeCollection,
  ExcelChartKind,
  ExcelChartSeries,
  ExcelContext,
  ExcelRange,
  ExcelRangeFormat,
  ExcelPageBreaks,
  ExcelPageLayout,
  ExcelRangeAreas,
  ExcelRangeView,
  ExcelRun,
  ExcelTable,
  ExcelTableCollection,
  ExcelWorksheet,
  ExcelWorksheetCollection,
} from "../../src/workbook/officeWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { SheetCell, SheetSpec } from "../../src/workbook/port";
import { a1, type CellValue } from "../../src/engine/table";
import { seededRandom } from "../../src/engine/seededRandom";

export type FakeContent = string | number | boolean | { error: string };
export interface FakeCell {
  value?: FakeContent;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  wrap?: boolean;
  verticalAlignment?: string;
}
export interface FakeChartData {
  /** Excel names a new chart itself ("Diagramm 1" in German Excel); `Chart.name` renames it. */
  name: string;
  type: ExcelChartKind;
  source: string;
  title: string;
  position?: string;
  series: { name: string; values: string; xValues?: string }[];
}
interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

export class FakeSheet {
  visibility = "Visible";
  tabColor = "";
  frozenRows = 0;
  readonly cells = new Map<number, FakeCell[]>();
  readonly columnWidths = new Map<number, number>();
  /** Row heights in points, by 0-based row. */
  readonly rowHeights = new Map<number, number>();
  /**
   * The page set-up as written through `worksheet.pageLayout` (ExcelApi 1.9; the fake refuses it with
   * "ApiNotFound" when the workbook's `excelApi` is lower, as an older Excel would):
   * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
   */
  readonly pageLayout: Record<string, unknown> = {};
  /**
   * Manual page breaks (`worksheet.horizontalPageBreaks`, ExcelApi 1.9): the first row of each new page
   * (1-based), as Excel keeps them: they survive a rewrite of the cells until `removePageBreaks()`.
   */
  pageBreaks: number[] = [];
  /** 0-based rows hidden by hand or by a filter (`rowHidden`, `getVisibleView`). */
  readonly hiddenRows = new Set<number>();
  /**
   * Merged areas (0-based), the value in the top-left cell, the covered cells blank as Excel reads them.
   * `Range.getMergedAreasOrNullObject()` (ExcelApi 1.13; "ApiNotFound" below) returns those whose top-left
   * cell lies in the range, and fails above 512 of them, as Excel does:
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)
   */
  readonly merged: Area[] = [];
  readonly autofitColumns = new Set<number>();
  /**
   * Excel tables: `area` spans the header row, the data body and — when `totals` — the totals row
   * ("Ergebniszeile") as its last row. `getRange()` returns all of it, `getHeaderRowRange()` the first row,
   * `getDataBodyRange()` the rows between (ExcelApi 1.1):
   * https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-getrange-member(1)
   */
  readonly tables: { name: string; area: Area; totals?: boolean }[] = [];
  /**
   * Set by a request that carried `suspendApiCalculationUntilNextSync()`: Excel then leaves recalculation
   * to the add-in ("it is the developer's responsibility to re-calc the workbook"), so the fake shows no
   * formula values until `application.calculate(…)` runs:
   * https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member(1)
   */
  uncalculated = false;
  readonly charts: FakeChartData[] = [];
  /** The user's pictures, shapes, lines and groups (`Excel.ShapeType`); charts are in `charts`. */
  readonly shapes: { type: "Image" | "GeometricShape" | "Line" | "Group" }[] = [];
  /** How many charts the sheet has had (Excel numbers a new chart's default name on). */
  chartsAdded = 0;
  /** The workbook this sheet belongs to (set by `FakeWorkbook.addSheet`; cross-sheet references need it). */
  book?: FakeWorkbook;
  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell {
    let line = this.cells.get(row);
    if (!line) this.cells.set(row, (line = []));
    return (line[column] ??= {});
  }
  peek(row: number, column: number): FakeCell | undefined {
    return this.cells.get(row)?.[column];
  }
  /** Test helper: rows of contents from A1 (null = blank). */
  setRows(rows: (FakeContent | null)[][], firstRow = 0, firstColumn = 0): this {
    rows.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null) this.cell(firstRow + r, firstColumn + c).value = v;
      }),
    );
    return this;
  }
  /** Bounding box of cells holding a value or formula (only those inside `within`, when given), or null. */
  usedArea(within?: Area): Area | null {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const [r, line] of this.cells) {
      line.forEach((cell, c) => {
        const inside =
          !within ||
          (r >= within.row &&
            r < within.row + within.rows &&
            c >= within.column &&
            c < within.column + within.columns);
        if (inside && cell && (cell.value !== undefined || cell.formula !== undefined)) {
          [top, left, bottom, right] = [
            Math.min(top, r),
            Math.min(left, c),
            Math.max(bottom, r),
            Math.max(right, c),
          ];
        }
      });
    }
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

/**
 * "A1" / "B2:D5" (optionally "Sheet!…") → 0-based area.
 *
 * @example parseAddress("Kitas!B2:D5"); // => { row: 1, column: 1, rows: 4, columns: 3 }
 */
export function parseAddress(address: string): Area {
  const m = /^(?:.*!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.trim());
  if (!m) throw new FakeExcelError("InvalidArgument", `Adresse ${address}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [r0, c0] = [Number(m[2]) - 1, col(m[1])];
  const [r1, c1] = m[3] ? [Number(m[4]) - 1, col(m[3])] : [r0, c0];
  return {
    row: Math.min(r0, r1),
    column: Math.min(c0, c1),
    rows: Math.abs(r1 - r0) + 1,
    columns: Math.abs(c1 - c0) + 1,
  };
}
function areaAddress(sheet: FakeSheet, a: Area): string {
  const first = a1(a.row + 1, a.column + 1);
  const last = a1(a.row + a.rows, a.column + a.columns);
  return `${sheet.name}!${first === last ? first : `${first}:${last}`}`;
}

/** The in-memory workbook; `run` is the fake `Excel.run`. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  activeSheet = "";
  selection: { sheet: string; address: string } | null = null;
  syncs = 0;
  readonly requestBytes: number[] = [];
  /** Requests that carried `suspendApiCalculationUntilNextSync`. */
  suspendedRequests = 0;
  /** Sheets whose `formulas` were loaded, in load order (what the adapter read back). */
  readonly formulaReads: string[] = [];
  /** `application.calculate` requests run. */
  calculations = 0;
  /** Bytes of each response (JSON of the loaded properties), like `requestBytes`. */
  readonly responseBytes: number[] = [];
  /**
   * Excel on the web refuses requests *and responses* above 5 MB ("RequestPayloadSizeLimitExceeded" /
   * "ResponsePayloadSizeLimitExceeded"); the fake measures both as JSON length:
   * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
   */
  constructor(
    readonly maxRequestBytes = 5_000_000,
    readonly maxResponseBytes = 5_000_000,
  ) {}
  /** Highest ExcelApi minor version the fake host has (1.9: `worksheet.pageLayout`). */
  excelApi = 9;
  /** The host's `isSetSupported("ExcelApi", …)`, for `new OfficeWorkbook(run, limit, book.supports)`. */
  readonly supports = (_set: "ExcelApi", version: string): boolean =>
    Number(version.split(".")[1] ?? 0) <= this.excelApi;

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name);
    sheet.book = this;
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = name;
    return sheet;
  }
  find(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new FakeExcelError("ItemNotFound", `Blatt ${name}`);
    return s;
  }
  /** Every table of the workbook with its sheet. */
  tables(): { sheet: FakeSheet; table: FakeSheet["tables"][number] }[] {
    return this.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
  }
  /**
   * What Excel does to the formulas that depend on something deleted: the reference becomes #REF!, and a
   * new sheet or table with the same name later does not repair it.
   * Deleting a sheet: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#delete-a-worksheet
   * (and https://support.microsoft.com/office/how-to-correct-a-ref-error-822c8e46-e610-4d02-bf2e-ac1d8c2a19ec).
   */
  breakReferences(pattern: RegExp): void {
    for (const sheet of this.sheets)
      for (const line of sheet.cells.values())
        for (const cell of line)
          if (cell?.formula !== undefined) cell.formula = cell.formula.replace(pattern, "#REF!");
  }
  /** A table is deleted: it goes, structured references to it become #REF!. */
  deleteTable(sheet: FakeSheet, name: string): void {
    const index = sheet.tables.findIndex((t) => t.name.toLowerCase() === name.toLowerCase());
    if (index < 0) throw new FakeExcelError("ItemNotFound", `Tabelle ${name}`);
    sheet.tables.splice(index, 1);
    this.breakReferences(new RegExp(`\\b${escapeRegExp(name)}\\[[^\\]]*\\]`, "gi"));
  }
  /**
   * What a custom function receives for a range argument: the cells' values, a blank cell as `null` on the
   * web and current desktop builds, as `0` on older desktop builds (OfficeDev/office-js #4702, #5262:
   * https://github.com/OfficeDev/office-js/issues/4702). Error cells arrive as `{ error }` here.
   *
   * @example book.argument("Daten!C2:C4", "older desktop"); // => [[12], [0], [0]] for 12, blank, 0
   */
  argument(address: string, build: "older desktop" | "current"): unknown[][] {
    const sheetName = address.includes("!")
      ? address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "")
      : this.activeSheet;
    const sheet = this.sheet(sheetName);
    const a = parseAddress(address);
    return Array.from({ length: a.rows }, (_r, r) =>
      Array.from({ length: a.columns }, (_c, c) => {
        const v = sheet.peek(a.row + r, a.column + c)?.value;
        return v === undefined ? (build === "older desktop" ? 0 : null) : v;
      }),
    );
  }
  get largestRequestBytes(): number {
    return Math.max(0, ...this.requestBytes);
  }
  resetCounters(): void {
    this.syncs = 0;
    this.requestBytes.length = 0;
    this.suspendedRequests = 0;
    this.formulaReads.length = 0;
    this.responseBytes.length = 0;
    this.calculations = 0;
  }
  readonly run: ExcelRun = async (batch) => {
    const context = new FakeContext(this);
    const result = await batch(context);
    if (context.pending())
      throw new FakeExcelError("NotSynced", "Befehle nach dem letzten sync() gehen verloren");
    return result;
  };
}

class FakeContext implements ExcelContext {
  private queue: { bytes: number; apply: () => void; suspends?: boolean }[] = [];
  /** Bytes loaded by the request being applied (the response). */
  response = 0;
  readonly workbook: ExcelContext["workbook"];
  constructor(readonly book: FakeWorkbook) {
    this.workbook = {
      worksheets: new FakeWorksheets(this),
      tables: new FakeTables(this, null),
      application: {
        suspendApiCalculationUntilNextSync: () => this.enqueue(["suspend"], () => undefined, true),
        calculate: (type: string) =>
          this.enqueue(["calculate", type], () => {
            for (const sheet of this.book.sheets) sheet.uncalculated = false;
            this.book.calculations += 1;
          }),
      },
      // the selection, else cell A1 of the active sheet (Excel always has one); several areas (a
      // selection "A1:B2,D4") make Excel refuse, as the real getSelectedRange does
      getSelectedRange: () => {
        const book = this.book;
        const current = () => book.selection ?? { sheet: book.activeSheet, address: "A1" };
        return new FakeRangeProxy(
          this,
          () => book.sheet(current().sheet),
          () => {
            const address = current().address;
            if (address.includes(","))
              throw new FakeExcelError("InvalidSelection", "mehrere Bereiche markiert");
            return parseAddress(address);
          },
        );
      },
    };
  }
  enqueue(command: unknown, apply: () => void, suspends = false): void {
    this.queue.push({ bytes: JSON.stringify(command).length, apply, suspends });
  }
  pending(): boolean {
    return this.queue.length > 0;
  }
  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const bytes = queue.reduce((n, q) => n + q.bytes, 0);
    this.book.syncs += 1;
    this.book.requestBytes.push(bytes);
    if (queue.some((q) => q.suspends)) this.book.suspendedRequests += 1;
    if (bytes > this.book.maxRequestBytes)
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `${bytes} B`);
    this.response = 0;
    const suspended = queue.some((q) => q.suspends);
    for (const q of queue) q.apply();
    // a calculate inside a suspended request does not count: the docs do not say it would (safe side)
    if (suspended) for (const sheet of this.book.sheets) sheet.uncalculated = true;
    this.book.responseBytes.push(this.response);
    if (this.response > this.book.maxResponseBytes)
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `${this.response} B`);
  }
}

/** "items/name, items/visibility" → ["name", "visibility"]. */
function loadList(properties: string): string[] {
  return properties.split(",").map((p) => p.trim().replace(/^items\//, ""));
}

/**
 * `worksheet.pageLayout`: every property write, `setPrintTitleRows` and `setPrintTitleColumns` is recorded in
 * `target()`; on a host
 * below ExcelApi 1.9 the request fails with "ApiNotFound" when it is synced.
 */
function fakePageLayout(context: FakeContext, target: () => Record<string, unknown>): ExcelPageLayout {
  const set = (key: string, value: unknown) =>
    context.enqueue(["pageLayout", key, value], () => {
      if (context.book.excelApi < 9) throw new FakeExcelError("ApiNotFound", `pageLayout.${key}`);
      target()[key] = value;
    });
  const unloaded = (key: string) => () => {
    throw new FakeExcelError("PropertyNotLoaded", `pageLayout.${key}`);
  };
  const props = [
    "orientation",
    "paperSize",
    "zoom",
    "leftMargin",
    "rightMargin",
    "topMargin",
    "bottomMargin",
    "headerMargin",
    "footerMargin",
    "printOrder",
  ];
  const layout = {} as Record<string, unknown>;
  for (const key of props)
    Object.defineProperty(layout, key, {
      get: unloaded(key),
      set: (v: unknown) => set(key, v),
      enumerable: true,
    });
  const hf = {} as Record<string, unknown>;
  for (const key of [
    "leftHeader",
    "centerHeader",
    "rightHeader",
    "leftFooter",
    "centerFooter",
    "rightFooter",
  ])
    Object.defineProperty(hf, key, {
      get: unloaded(key),
      set: (v: unknown) => set(key, v),
      enumerable: true,
    });
  Object.defineProperty(layout, "headersFooters", { value: { defaultForAllPages: hf } });
  Object.defineProperty(layout, "setPrintTitleRows", {
    value: (rows: string) => set("printTitleRows", rows),
  });
  // Excel takes whole columns only ("$A:$A"); a range of cells or rows is refused
  Object.defineProperty(layout, "setPrintTitleColumns", {
    value: (columns: string) => {
      if (!/^\$?[A-Z]{1,3}:\$?[A-Z]{1,3}$/.test(columns))
        throw new FakeExcelError("InvalidArgument", `setPrintTitleColumns(${columns})`);
      set("printTitleColumns", columns);
    },
  });
  return layout as unknown as ExcelPageLayout;
}

/** Base of every proxy: loaded properties are readable only after the sync that ran the load. */
abstract class Proxy {
  protected readonly loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  protected abstract current(property: string): unknown;
  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        `Eigenschaft '${property}' nicht geladen (load + sync fehlt)`,
      );
    }
    return this.loaded.get(property) as T;
  }
  /** Copies the named properties' current values (as Excel does when it runs a load). */
  capture(properties: string[]): void {
    for (const p of [...properties, "isNullObject"]) {
      const value = this.current(p);
      this.context.response += JSON.stringify(value ?? null).length;
      this.loaded.set(p, value);
    }
  }
  protected queueLoad(properties: string): void {
    this.context.enqueue(["load", properties], () => this.capture(loadList(properties)));
  }
  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }
}

class FakeWorksheetProxy extends Proxy implements ExcelWorksheet {
  readonly tables: ExcelTableCollection;
  readonly charts: ExcelChartCollection;
  readonly shapes: ExcelShapeCollection;
  readonly freezePanes: { freezeRows(count?: number): void };
  readonly pageLayout: ExcelPageLayout;
  readonly horizontalPageBreaks: ExcelPageBreaks;
  constructor(
    context: FakeContext,
    readonly target: () => FakeSheet,
  ) {
    super(context);
    this.pageLayout = fakePageLayout(context, () => target().pageLayout);
    const breaks = (what: string, change: (sheet: FakeSheet) => void) =>
      context.enqueue(["horizontalPageBreaks", what], () => {
        if (context.book.excelApi < 9)
          throw new FakeExcelError("ApiNotFound", `horizontalPageBreaks.${what}`);
        change(target());
      });
    this.horizontalPageBreaks = {
      add: (range: string) => {
        const m = /^\$?[A-Z]{1,3}\$?(\d+)$/.exec(range);
        if (!m) throw new FakeExcelError("InvalidArgument", `horizontalPageBreaks.add(${range})`);
        breaks(`add ${range}`, (sheet) => {
          if (!sheet.pageBreaks.includes(Number(m[1]))) sheet.pageBreaks.push(Number(m[1]));
        });
        return {};
      },
      removePageBreaks: () => breaks("removePageBreaks", (sheet) => (sheet.pageBreaks = [])),
    };
    this.tables = new FakeTables(context, target);
    this.charts = new FakeCharts(context, target);
    this.shapes = fakeShapes(context, target);
    this.freezePanes = {
      freezeRows: (count = 1) => context.enqueue(["freezeRows", count], () => (target().frozenRows = count)),
    };
  }
  protected current(p: string): unknown {
    const s = this.target();
    return p === "isNullObject"
      ? false
      : p === "name"
        ? s.name
        : p === "visibility"
          ? s.visibility
          : p === "tabColor"
            ? s.tabColor
            : undefined;
  }
  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.context.enqueue(["name", name], () => {
      const other = this.context.book.find(name);
      if (other && other !== this.target()) throw new FakeExcelError("ItemAlreadyExists", name);
      if (!/^[^[\]:*?/\\]{1,31}$/.test(name)) throw new FakeExcelError("InvalidArgument", name);
      this.target().name = name;
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    this.context.enqueue(["visibility", v], () => {
      const s = this.target();
      if (v !== "Visible" && !this.context.book.sheets.some((o) => o !== s && o.visibility === "Visible")) {
        throw new FakeExcelError(
          "InvalidOperation",
          "das letzte sichtbare Blatt kann nicht ausgeblendet werden",
        );
      }
      s.visibility = v;
    });
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(colour: string) {
    this.context.enqueue(["tabColor", colour], () => (this.target().tabColor = colour));
  }
  load(properties: string): ExcelWorksheet {
    this.queueLoad(properties);
    return this;
  }
  activate(): void {
    this.context.enqueue(["activate"], () => {
      const s = this.target();
      if (s.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", "ausgeblendetes Blatt");
      this.context.book.activeSheet = s.name;
    });
  }
  delete(): void {
    this.context.enqueue(["delete"], () => {
      const book = this.context.book;
      const s = this.target();
      if (!book.sheets.some((o) => o !== s && o.visibility === "Visible")) {
        throw new FakeExcelError("InvalidOperation", "das letzte sichtbare Blatt kann nicht gelöscht werden");
      }
      book.sheets.splice(book.sheets.indexOf(s), 1);
      for (const t of [...s.tables]) book.deleteTable(s, t.name);
      book.breakReferences(sheetReference(s.name));
      if (book.activeSheet === s.name)
        book.activeSheet = book.sheets.find((o) => o.visibility === "Visible")!.name;
    });
  }
  getRange(address?: string): ExcelRange {
    const area = address ? parseAddress(address) : { row: 0, column: 0, rows: 1_048_576, columns: 16_384 };
    return new FakeRangeProxy(this.context, this.target, () => area);
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): ExcelRange {
    if (rows < 1 || columns < 1) throw new FakeExcelError("InvalidArgument", `${rows}×${columns}`);
    return new FakeRangeProxy(this.context, this.target, () => ({ row, column, rows, columns }));
  }
  getUsedRangeOrNullObject(): ExcelRange {
    return new FakeRangeProxy(this.context, this.target, () => this.target().usedArea());
  }
}

class FakeWorksheets extends Proxy implements ExcelWorksheetCollection {
  protected current(p: string): unknown {
    return p === "isNullObject" ? false : undefined;
  }
  get items(): ExcelWorksheet[] {
    return this.read("items");
  }
  load(properties: string): ExcelWorksheetCollection {
    this.context.enqueue(["load", properties], () => {
      const items = this.context.book.sheets.map((s) => new FakeWorksheetProxy(this.context, () => s));
      items.forEach((item) => item.capture(loadList(properties)));
      this.loaded.set("items", items);
    });
    return this;
  }
  add(name?: string): ExcelWorksheet {
    let created: FakeSheet | null = null;
    this.context.enqueue(["add", name], () => {
      const book = this.context.book;
      const wanted = name ?? `Sheet${book.sheets.length + 1}`;
      if (book.find(wanted)) throw new FakeExcelError("ItemAlreadyExists", wanted);
      created = book.addSheet(wanted);
    });
    return new FakeWorksheetProxy(this.context, () => {
      if (!created) throw new FakeExcelError("InvalidObjectPath", "Blatt noch nicht angelegt");
      return created;
    });
  }
  getItem(key: string): ExcelWorksheet {
    return new FakeWorksheetProxy(this.context, () => this.context.book.sheet(key));
  }
}

class FakeRangeProxy extends Proxy implements ExcelRange {
  readonly format: ExcelRangeFormat;
  constructor(
    context: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly area: () => Area | null,
  ) {
    super(context);
    const each = (f: (cell: FakeCell, r: number, c: number) => void) => this.forEach(f);
    const resolve = () => this.resolve();
    this.format = {
      font: {
        get bold(): boolean {
          throw new FakeExcelError("PropertyNotLoaded", "format.font.bold");
        },
        set bold(bold: boolean) {
          context.enqueue(["bold", bold], () => each((cell) => (cell.bold = bold)));
        },
      },
      get columnWidth(): number {
        throw new FakeExcelError("PropertyNotLoaded", "format.columnWidth");
      },
      get wrapText(): boolean {
        throw new FakeExcelError("PropertyNotLoaded", "format.wrapText");
      },
      set wrapText(wrap: boolean) {
        context.enqueue(["wrapText", wrap], () => each((cell) => (cell.wrap = wrap)));
      },
      get verticalAlignment(): string {
        throw new FakeExcelError("PropertyNotLoaded", "format.verticalAlignment");
      },
      set verticalAlignment(v: string) {
        context.enqueue(["verticalAlignment", v], () => each((cell) => (cell.verticalAlignment = v)));
      },
      get rowHeight(): number {
        throw new FakeExcelError("PropertyNotLoaded", "format.rowHeight");
      },
      set rowHeight(points: number) {
        context.enqueue(["rowHeight", points], () => {
          const a = resolve();
          for (let r = a.row; r < a.row + a.rows; r++) sheet().rowHeights.set(r, points);
        });
      },
      set columnWidth(width: number) {
        context.enqueue(["columnWidth", width], () =>
          each((_c, _r, col) => sheet().columnWidths.set(col, width)),
        );
      },
      // Excel fits the columns to their data, not to the rows of the range it is called on:
      // https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-autofitcolumns-member(1)
      // (the fake only records the call)
      autofitColumns: () =>
        context.enqueue(["autofit"], () => each((_c, _r, col) => sheet().autofitColumns.add(col))),
    };
  }
  private resolve(): Area {
    const a = this.area();
    if (!a) throw new FakeExcelError("InvalidObjectPath", "Nullobjekt");
    return a;
  }
  /** Visits every cell of the area (huge areas, like a whole sheet: only the cells that exist). */
  private forEach(f: (cell: FakeCell, r: number, c: number) => void): void {
    const a = this.resolve();
    const s = this.sheet();
    const inside = (r: number, c: number) =>
      r >= a.row && r < a.row + a.rows && c >= a.column && c < a.column + a.columns;
    if (a.rows * a.columns > 10_000_000) {
      for (const [r, line] of s.cells) line.forEach((cell, c) => cell && inside(r, c) && f(cell, r, c));
      return;
    }
    for (let r = a.row; r < a.row + a.rows; r++) {
      for (let c = a.column; c < a.column + a.columns; c++) f(s.cell(r, c), r, c);
    }
  }
  /** The resolved address (for chart sources); throws like Excel when the range does not exist. */
  resolvedAddress(): string {
    return areaAddress(this.sheet(), this.resolve());
  }
  /** Writes a 2-D input (or one value for all cells: Excel's "single input copy"); null leaves a cell alone. */
  private assign(kind: string, input: unknown[][], write: (cell: FakeCell, v: unknown) => void): void {
    this.context.enqueue([kind, input], () => {
      const a = this.resolve();
      const single = input.length === 1 && input[0].length === 1;
      if (!single && (input.length !== a.rows || input.some((l) => l.length !== a.columns))) {
        throw new FakeExcelError(
          "InvalidArgument",
          `${kind}: Größe passt nicht zu ${areaAddress(this.sheet(), a)}`,
        );
      }
      this.forEach((cell, r, c) => {
        const v = single ? input[0][0] : input[r - a.row][c - a.column];
        if (v !== null && v !== undefined) write(cell, v);
      });
    });
  }
  protected current(p: string): unknown {
    const a = this.area();
    if (p === "isNullObject") return a === null;
    if (!a) return undefined;
    const s = this.sheet();
    const grid = <T>(f: (cell: FakeCell | undefined) => T): T[][] =>
      Array.from({ length: a.rows }, (_, r) =>
        Array.from({ length: a.columns }, (_, c) => f(s.peek(a.row + r, a.column + c))),
      );
    switch (p) {
      case "address":
        return areaAddress(s, a);
      case "rowIndex":
        return a.row;
      case "columnIndex":
        return a.column;
      case "rowCount":
        return a.rows;
      case "columnCount":
        return a.columns;
      case "values":
        return grid((cell) => shown(content(s, cell)));
      case "formulas":
        this.context.book.formulaReads.push(s.name);
        return grid((cell) => (cell?.formula !== undefined ? `=${cell.formula}` : shown(cell?.value)));
      case "numberFormat":
        return grid((cell) => cell?.numberFormat ?? "General");
      case "valueTypes":
        return grid((cell) => valueType(content(s, cell)));
      case "rowHidden": {
        let hidden = 0;
        for (let r = a.row; r < a.row + a.rows; r++) if (s.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === a.rows ? true : null;
      }
      default:
        throw new FakeExcelError("InvalidArgument", `Eigenschaft ${p} kennt die Attrappe nicht`);
    }
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get rowHidden(): boolean | null {
    return this.read("rowHidden");
  }
  /** The visible rows of the range (the fake hides rows only, never columns). */
  getVisibleView(): ExcelRangeView {
    return new FakeRangeView(this.context, this.sheet, this.area);
  }
  getMergedAreasOrNullObject(): ExcelRangeAreas {
    return new FakeMergedAreas(this.context, this.sheet, this.area);
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(input: unknown[][]) {
    this.assign("values", input, (cell, v) => enter(cell, v));
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(input: unknown[][]) {
    this.assign("formulas", input, (cell, v) => enter(cell, v));
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(input: unknown[][]) {
    this.assign("numberFormat", input, (cell, v) => (cell.numberFormat = String(v)));
  }
  load(properties: string): ExcelRange {
    this.queueLoad(properties);
    return this;
  }
  /** The used cells inside this range (a null object when there are none, or this range is one). */
  getUsedRangeOrNullObject(): ExcelRange {
    return new FakeRangeProxy(this.context, this.sheet, () => {
      const a = this.area();
      return a ? this.sheet().usedArea(a) : null;
    });
  }
  clear(): void {
    this.context.enqueue(["clear"], () => {
      const a = this.resolve();
      const s = this.sheet();
      // a table wholly inside the cleared range goes with it (see FakeTables)
      for (const t of [...s.tables]) if (contains(a, t.area)) this.context.book.deleteTable(s, t.name);
      this.forEach((cell) => {
        delete cell.value;
        delete cell.formula;
        delete cell.numberFormat;
        delete cell.bold;
      });
    });
  }
  delete(shift: "Up" | "Left"): void {
    this.context.enqueue(["deleteCells", shift], () => {
      if (shift !== "Up") throw new FakeExcelError("NotImplemented", "delete Left");
      const a = this.resolve();
      const s = this.sheet();
      for (const t of s.tables) {
        const touches = overlaps(t.area, a);
        if (!touches) continue;
        // only whole data rows of a table (Excel refuses to cut a table apart)
        const whole = a.column === t.area.column && a.columns === t.area.columns && a.row > t.area.row;
        if (!whole || a.row + a.rows > t.area.row + t.area.rows || a.rows >= t.area.rows - 1)
          throw new FakeExcelError("InvalidOperation", "Tabelle kann so nicht verkleinert werden");
        t.area = { ...t.area, rows: t.area.rows - a.rows };
      }
      this.forEach((cell) => {
        for (const key of Object.keys(cell)) delete cell[key as keyof FakeCell];
      });
      shiftRows(s, a.row + a.rows, a.column, a.columns, -a.rows);
    });
  }
  select(): void {
    this.context.enqueue(["select"], () => {
      const s = this.sheet();
      if (this.context.book.activeSheet !== s.name)
        throw new FakeExcelError("InvalidSelection", "Blatt nicht aktiv");
      this.context.book.selection = { sheet: s.name, address: areaAddress(s, this.resolve()) };
    });
  }
}

/** A cell's content: its value, or the result of its formula (computed on reading, like a recalculation). */
function content(sheet: FakeSheet, cell: FakeCell | undefined, depth = 0): FakeContent | undefined {
  if (cell?.formula === undefined) return cell?.value;
  if (sheet.uncalculated) return undefined; // not recalculated since a suspended request (see FakeSheet)
  if (cell.formula.toUpperCase().includes("#REF!")) return { error: "#REF!" };
  try {
    return evaluate(sheet, cell.formula, depth);
  } catch {
    return { error: "#NAME?" };
  }
}
function shown(v: FakeContent | undefined): string | number | boolean {
  if (v === undefined) return "";
  return typeof v === "object" ? v.error : v;
}
function valueType(v: FakeContent | undefined): string {
  if (v === undefined) return "Empty";
  if (typeof v === "object") return "Error";
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}
/**
 * A very small formula engine: numbers, + - * /, parentheses, cell references and SUM(range, …). Anything
 * else throws (shown as #NAME?). Enough to read back SRB's total rows.
 */
function evaluate(sheet: FakeSheet, formula: string, depth: number): number {
  if (depth > 50) throw new Error("circular");
  const tokens =
    formula
      .toUpperCase()
      .match(
        /SUM\(|(?:'[^']+'|[A-ZÄÖÜ_][A-Z0-9ÄÖÜ_.]*)!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z_][A-Z0-9_.]*\[[^\]]+\]|[A-Z]+\d+(?::[A-Z]+\d+)?|\d+(?:\.\d+)?|[-+*/(),]/g,
      ) ?? [];
  if (tokens.join("") !== formula.toUpperCase().replace(/\s+/g, ""))
    throw new Error(`unsupported: ${formula}`);
  let i = 0;
  const cellNumber = (r: number, c: number): number => {
    const v = content(sheet, sheet.peek(r, c), depth + 1);
    if (typeof v === "object") throw new Error(v.error);
    return typeof v === "number" ? v : 0;
  };
  const reference = (ref: string): number => {
    const table = /^([A-Z_][A-Z0-9_.]*)\[([^\]]+)\]$/.exec(ref);
    if (table) return structured(table[1], table[2]);
    const bang = ref.lastIndexOf("!");
    if (bang > 0) {
      const other = sheet.book?.find(
        ref
          .slice(0, bang)
          .replace(/^'(.*)'$/, "$1")
          .replace(/''/g, "'"),
      );
      if (!other) throw new Error("#REF!");
      return evaluate(other, ref.slice(bang + 1), depth + 1);
    }
    const a = parseAddress(ref);
    let sum = 0;
    for (let r = a.row; r < a.row + a.rows; r++)
      for (let c = a.column; c < a.column + a.columns; c++) sum += cellNumber(r, c);
    return sum;
  };
  /** `Table[Column]`: the sum of the column's data body (enough for SUM over a structured reference). */
  const structured = (name: string, column: string): number => {
    const found = sheet.book?.tables().find((t) => t.table.name.toUpperCase() === name);
    if (!found) throw new Error("#REF!");
    const { area } = found.table;
    const c = Array.from({ length: area.columns }, (_, k) => area.column + k).find(
      (col) => String(content(found.sheet, found.sheet.peek(area.row, col)) ?? "").toUpperCase() === column,
    );
    if (c === undefined) throw new Error("#REF!");
    return evaluate(
      found.sheet,
      `SUM(${a1(area.row + 2, c + 1)}:${a1(area.row + area.rows, c + 1)})`,
      depth + 1,
    );
  };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === "-") return -primary();
    if (t === "+") return primary();
    if (t === "(") {
      const v = sum();
      if (tokens[i++] !== ")") throw new Error("')' expected");
      return v;
    }
    if (t === "SUM(") {
      let total = 0;
      do total += sum();
      while (tokens[i++] === ",");
      if (tokens[i - 1] !== ")") throw new Error("')' expected");
      return total;
    }
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    if (t !== undefined && /^[A-Z]/.test(t)) return reference(t);
    throw new Error(`unexpected ${t}`);
  };
  const product = (): number => {
    let v = primary();
    while (tokens[i] === "*" || tokens[i] === "/") v = tokens[i++] === "*" ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === "+" || tokens[i] === "-") v = tokens[i++] === "+" ? v + product() : v - product();
    return v;
  };
  const result = sum();
  if (i !== tokens.length) throw new Error("trailing tokens");
  return result;
}
/** What Excel makes of an entered value (Ctrl+Enter semantics), unless the cell is formatted as text ("@"). */
function enter(cell: FakeCell, v: unknown): void {
  delete cell.formula;
  if (v === "") return void delete cell.value;
  if (typeof v !== "string" || cell.numberFormat === "@") return void (cell.value = v as FakeContent);
  if (/^[=+\-@]./.test(v)) {
    cell.formula = v.replace(/^=/, "");
    return void delete cell.value;
  }
  if (ERRORS.has(v)) return void (cell.value = { error: v });
  if (/^\s*\d+(\.\d+)?%?\s*$/.test(v)) return void (cell.value = parseFloat(v) / (v.includes("%") ? 100 : 1));
  if (/^(true|false)$/i.test(v)) return void (cell.value = v.toLowerCase() === "true");
  cell.value = v;
}

/**
 * Tables of one sheet (or, with `sheet` null, of the workbook). Modelled after the documented behaviour
 * (https://learn.microsoft.com/javascript/api/excel/excel.table, .../excel.tablecollection and
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables): a table name is unique in
 * the workbook (case-insensitive) and no cell reference; tables do not overlap; `rows.add` appends rows
 * at the table's end (cells below move down); deleting whole table rows with `Range.delete("Up")` shrinks
 * the table; deleting a table turns structured references to it into #REF!. Clearing a range that holds a
 * whole table (header row included) deletes the table: the documentation does not say what `Range.clear`
 * does to a table, so the fake takes the side that would lose the user's references.
 */
class FakeTables extends Proxy implements ExcelTableCollection {
  constructor(
    context: FakeContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {
    super(context);
  }
  protected current(p: string): unknown {
    return p === "isNullObject" ? false : undefined;
  }
  get items(): ExcelTable[] {
    return this.read("items");
  }
  load(properties: string): ExcelTableCollection {
    this.context.enqueue(["load", properties], () => {
      const all = this.sheet
        ? this.sheet().tables.map((table) => ({ sheet: this.sheet!(), table }))
        : this.context.book.tables();
      this.loaded.set(
        "items",
        all.map(({ sheet, table }) =>
          tableProxy(
            this.context,
            () => sheet,
            () => table,
            table.name,
          ),
        ),
      );
    });
    return this;
  }
  add(address: string, hasHeaders: boolean): ExcelTable {
    if (!this.sheet) throw new FakeExcelError("InvalidArgument", "Tabelle ohne Blatt");
    const sheet = this.sheet;
    let created: FakeSheet["tables"][number] | null = null;
    this.context.enqueue(["addTable", address, hasHeaders], () => {
      const area = parseAddress(address);
      const s = sheet();
      if (s.tables.some((t) => overlaps(t.area, area)))
        throw new FakeExcelError("InvalidOperation", "Tabellen dürfen sich nicht überlappen");
      const book = this.context.book;
      let n = book.tables().length + 1;
      while (book.tables().some((t) => t.table.name.toLowerCase() === `table${n}`)) n++;
      created = { name: `Table${n}`, area };
      s.tables.push(created);
    });
    return tableProxy(this.context, sheet, () => {
      if (!created) throw new FakeExcelError("InvalidObjectPath", "Tabelle noch nicht angelegt");
      return created;
    });
  }
}

function contains(outer: Area, inner: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.column + inner.columns <= outer.column + outer.columns
  );
}

function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

/** What a range hands out about its cells (merged areas, the visible view): its sheet and its area. */
abstract class FakeRangePart extends Proxy {
  constructor(
    context: FakeContext,
    protected readonly sheet: () => FakeSheet,
    protected readonly area: () => Area | null,
  ) {
    super(context);
  }
}

/** `Range.getMergedAreasOrNullObject()`: the sheet's merged areas whose top-left cell is in the range. */
class FakeMergedAreas extends FakeRangePart implements ExcelRangeAreas {
  protected current(p: string): unknown {
    if (this.context.book.excelApi < 13)
      throw new FakeExcelError("ApiNotFound", "getMergedAreasOrNullObject");
    const a = this.area();
    if (!a) throw new FakeExcelError("InvalidObjectPath", "Nullobjekt");
    const s = this.sheet();
    const found = s.merged.filter(
      (m) =>
        m.row >= a.row && m.row < a.row + a.rows && m.column >= a.column && m.column < a.column + a.columns,
    );
    if (found.length > 512) throw new FakeExcelError("GeneralException", "mehr als 512 verbundene Bereiche");
    if (p === "isNullObject") return found.length === 0;
    if (p !== "address")
      throw new FakeExcelError("InvalidArgument", `Eigenschaft ${p} kennt die Attrappe nicht`);
    // Excel quotes a sheet name with spaces or punctuation ('Kita, Daten'!C4:C6)
    const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(s.name) ? s.name : `'${s.name.replace(/'/g, "''")}'`;
    return found.length === 0
      ? undefined
      : found.map((m) => `${sheet}!${areaAddress(s, m).slice(s.name.length + 1)}`).join(",");
  }
  get address(): string {
    return this.read("address");
  }
  load(properties: string): ExcelRangeAreas {
    this.queueLoad(properties);
    return this;
  }
}

/** `Range.getVisibleView()`: the cells of the range's visible rows. */
class FakeRangeView extends FakeRangePart implements ExcelRangeView {
  protected current(p: string): unknown {
    const a = this.area();
    if (p === "isNullObject") return a === null;
    if (!a) return undefined;
    if (p !== "cellAddresses")
      throw new FakeExcelError("InvalidArgument", `Eigenschaft ${p} kennt die Attrappe nicht`);
    const s = this.sheet();
    const out: string[][] = [];
    for (let r = a.row; r < a.row + a.rows; r++) {
      if (s.hiddenRows.has(r)) continue;
      out.push(Array.from({ length: a.columns }, (_, c) => `${s.name}!${a1(r + 1, a.column + c + 1)}`));
    }
    return out;
  }
  get cellAddresses(): string[][] {
    return this.read("cellAddresses");
  }
  load(properties: string): ExcelRangeView {
    this.queueLoad(properties);
    return this;
  }
}

/** A proxy of one table; `known` is its name when loaded. */
function tableProxy(
  context: FakeContext,
  sheet: () => FakeSheet,
  table: () => FakeSheet["tables"][number],
  known?: string,
): ExcelTable {
  return {
    get name(): string {
      if (known === undefined) throw new FakeExcelError("PropertyNotLoaded", "table.name");
      return known;
    },
    set name(name: string) {
      context.enqueue(["tableName", name], () => {
        const t = table();
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
          throw new FakeExcelError("InvalidArgument", `Tabellenname ${name}`);
        if (
          context.book
            .tables()
            .some((o) => o.table !== t && o.table.name.toLowerCase() === name.toLowerCase())
        )
          throw new FakeExcelError("ItemAlreadyExists", `Tabelle ${name}`);
        t.name = name;
      });
    },
    getRange: () => new FakeRangeProxy(context, sheet, () => table().area),
    getHeaderRowRange: () => new FakeRangeProxy(context, sheet, () => ({ ...table().area, rows: 1 })),
    getDataBodyRange: () =>
      new FakeRangeProxy(context, sheet, () => {
        const t = table();
        return { ...t.area, row: t.area.row + 1, rows: Math.max(1, t.area.rows - 1 - (t.totals ? 1 : 0)) };
      }),
    delete: () =>
      context.enqueue(["deleteTable"], () => {
        const t = table();
        const s = sheet();
        for (let r = t.area.row; r < t.area.row + t.area.rows; r++)
          for (let c = t.area.column; c < t.area.column + t.area.columns; c++) {
            const cell = s.peek(r, c);
            if (cell) for (const key of Object.keys(cell)) delete cell[key as keyof FakeCell];
          }
        context.book.deleteTable(s, t.name);
      }),
    rows: {
      add: (_index, values) =>
        context.enqueue(["addRows", values?.length ?? 1], () => {
          const t = table();
          const s = sheet();
          const count = values?.length ?? 1;
          const end = t.area.row + t.area.rows;
          shiftRows(s, end, t.area.column, t.area.columns, count);
          values?.forEach((line, k) =>
            line.forEach((v, c) => {
              if (v !== "") s.cell(end + k, t.area.column + c).value = v;
            }),
          );
          t.area = { ...t.area, rows: t.area.rows + count };
        }),
    },
  };
}

/** Moves the cells of `columns` columns from row `from` down by `count` (negative: up, overwriting). */
function shiftRows(sheet: FakeSheet, from: number, column: number, columns: number, count: number): void {
  const rows = [...sheet.cells.keys()].filter((r) => r >= from).sort((a, b) => (count > 0 ? b - a : a - b));
  for (const r of rows) {
    const line = sheet.cells.get(r)!;
    for (let c = column; c < column + columns; c++) {
      const cell = line[c];
      if (!cell) continue;
      delete line[c];
      sheet.cell(r + count, c);
      sheet.cells.get(r + count)![c] = cell;
    }
  }
}

/**
 * `worksheet.shapes` (ExcelApi 1.9; "ApiNotFound" below, as an older Excel would): every object on the
 * drawing layer — "anything outside of a cell is a shape" — so a chart is listed too, as a type of its own
 * that is none of the user's kinds ("Unsupported": the enum has no chart type).
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-shapes
 */
function fakeShapes(context: FakeContext, sheet: () => FakeSheet): ExcelShapeCollection {
  let loaded: { type: string }[] | null = null;
  const shapes: ExcelShapeCollection = {
    get items() {
      if (!loaded) throw new FakeExcelError("PropertyNotLoaded", "shapes.items");
      return loaded;
    },
    load: (properties: string) => {
      context.enqueue(["load", properties], () => {
        if (context.book.excelApi < 9) throw new FakeExcelError("ApiNotFound", "shapes");
        const s = sheet();
        loaded = [
          ...s.charts.map(() => ({ type: "Unsupported" })),
          ...s.shapes.map((x) => ({ type: x.type })),
        ];
      });
      return shapes;
    },
  };
  return shapes;
}

class FakeCharts implements ExcelChartCollection {
  private loadedItems: ExcelChart[] | null = null;
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  get items(): ExcelChart[] {
    if (!this.loadedItems) throw new FakeExcelError("PropertyNotLoaded", "charts.items");
    return this.loadedItems;
  }
  load(properties: string): ExcelChartCollection {
    this.context.enqueue(["load", properties], () => {
      const loaded = new Set(properties.split(",").map((p) => p.trim()));
      this.loadedItems = this.sheet().charts.map((data) => ({
        get name(): string {
          if (!loaded.has("items/name")) throw new FakeExcelError("PropertyNotLoaded", "chart.name");
          return data.name;
        },
        title: {
          get text(): string {
            if (!loaded.has("items/title/text"))
              throw new FakeExcelError("PropertyNotLoaded", "chart.title.text");
            return data.title;
          },
        },
        series: {
          getItemAt: () => {
            throw new FakeExcelError("NotImplemented", "series");
          },
          add: () => {
            throw new FakeExcelError("NotImplemented", "series");
          },
        },
        setPosition: () => undefined,
        delete: () =>
          this.context.enqueue(["deleteChart"], () => {
            const charts = this.sheet().charts;
            const index = charts.indexOf(data);
            if (index < 0) throw new FakeExcelError("ItemNotFound", "Diagramm");
            charts.splice(index, 1);
          }),
      }));
    });
    return this;
  }
  add(type: ExcelChartKind, source: ExcelRange, seriesBy: "Columns"): ExcelChart {
    const ctx = this.context;
    let chart: FakeChartData | null = null;
    const address = (r: ExcelRange) => (r as unknown as FakeRangeProxy).resolvedAddress();
    ctx.enqueue(["addChart", type, seriesBy], () => {
      const area = parseAddress(address(source));
      const series = Array.from({ length: area.columns }, (_, c) => ({
        name: `Reihe${c + 1}`,
        values: areaAddress(this.sheet(), { ...area, column: area.column + c, columns: 1 }),
      }));
      // Excel's own name for a new chart: "Diagramm n", n one more than the charts the sheet has had
      const name = `Diagramm ${++this.sheet().chartsAdded}`;
      chart = { name, type, source: address(source), title: "", series };
      this.sheet().charts.push(chart);
    });
    const target = () => {
      if (!chart) throw new FakeExcelError("InvalidObjectPath", "Diagramm noch nicht angelegt");
      return chart;
    };
    const seriesProxy = (pick: () => FakeChartData["series"][number]): ExcelChartSeries => ({
      get name(): string {
        throw new FakeExcelError("PropertyNotLoaded", "series.name");
      },
      set name(name: string) {
        ctx.enqueue(["seriesName", name], () => (pick().name = name));
      },
      setValues: (r) => ctx.enqueue(["setValues"], () => (pick().values = address(r))),
      setXAxisValues: (r) => ctx.enqueue(["setXAxisValues"], () => (pick().xValues = address(r))),
    });
    return {
      get name(): string {
        throw new FakeExcelError("PropertyNotLoaded", "chart.name");
      },
      set name(name: string) {
        ctx.enqueue(["chartName", name], () => (target().name = name));
      },
      title: {
        get text(): string {
          throw new FakeExcelError("PropertyNotLoaded", "title.text");
        },
        set text(text: string) {
          ctx.enqueue(["title", text], () => (target().title = text));
        },
      },
      series: {
        getItemAt: (i) =>
          seriesProxy(() => {
            const found = target().series[i];
            if (!found) throw new FakeExcelError("ItemNotFound", `Reihe ${i}`);
            return found;
          }),
        add: (name) => {
          let added: FakeChartData["series"][number] | null = null;
          ctx.enqueue(["addSeries", name], () =>
            target().series.push((added = { name: name ?? "", values: "" })),
          );
          return seriesProxy(() => added!);
        },
      },
      setPosition: (start, end) => ctx.enqueue(["position", start, end], () => (target().position = start)),
      delete: () =>
        ctx.enqueue(["deleteChart"], () =>
          this.sheet().charts.splice(this.sheet().charts.indexOf(target()), 1),
        ),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// A generation of realistic size, for the sync-count tests and the benchmark.

const INDEX_FORMAT = "0.0";
const EURO_FORMAT = '#,##0.00 "€"';

/**
 * A fake workbook holding the given sheets (rows of cell values from A1).
 *
 * @example fakeWith({ Kitas: [["Einrichtung"], ["Kita A"]] }).sheet("Kitas").peek(1, 0)?.value; // => "Kita A"
 */
export function fakeWith(sheets: Record<string, CellValue[][]>): FakeWorkbook {
  const book = new FakeWorkbook();
  for (const [name, rows] of Object.entries(sheets))
    book.addSheet(name).setRows(rows as (FakeContent | null)[][]);
  return book;
}

/**
 * SRB's generated sheets for `units` Einrichtungen (one per 25 in a Sozialraum): Einrichtungen (one row per
 * unit, 11 columns), Verteilung (one row per Sozialraum, SUM formulas in the total row, a bar chart) and
 * Normbereiche. Cached values are rounded as the sheets show them (indices to 0.1, money to the cent).
 *
 * @example generationSheets(30).map((s) => s.name); // => ["Einrichtungen", "Verteilung", "Normbereiche"]
 */
export function generationSheets(units: number): SheetSpec[] {
  const random = seededRandom(units); // deterministic: every run writes the same sheets
  const text = (value: string, bold = false): SheetCell => ({ value, bold });
  const num = (value: number, numFmt: string): SheetCell => ({ value, numFmt });
  const areas = Math.max(1, Math.ceil(units / 25));
  const headers = ["Einrichtung", "Sozialraum", "Allgemeiner Bedarf", "Soziale Lage", "Flucht und Migration"];
  headers.push("Infrastruktur und Netzwerke", "Gesamtindex", "Normbereich", "Sozialarbeit", "Interkulturell");
  headers.push("Vorschlag");
  const unitRows: SheetCell[][] = [headers.map((h) => text(h, true))];
  for (let u = 0; u < units; u++) {
    const categories = [0, 1, 2, 3].map(() => Math.round(random() * 1000) / 10);
    const index = Math.round((categories.reduce((a, b) => a + b, 0) / 4) * 10) / 10;
    unitRows.push([
      text(`Kita ${String(u + 1).padStart(6, "0")}`),
      text(`Sozialraum ${Math.floor(u / 25) + 1}`),
      ...categories.map((c) => num(c, INDEX_FORMAT)),
      num(index, INDEX_FORMAT),
      text(index > 60 ? "oberhalb" : index < 40 ? "unterhalb" : "innerhalb"),
      text(index >= 40 ? "ja" : "nein"),
      text(categories[2] > 50 ? "ja" : "nein"),
      num(Math.round(random() * 5_000_000) / 100, EURO_FORMAT),
    ]);
  }
  const areaRows: SheetCell[][] = [["Sozialraum", "Index", "Anteil", "Betrag"].map((h) => text(h, true))];
  for (let a = 0; a < areas; a++) {
    areaRows.push([
      text(`Sozialraum ${a + 1}`),
      num(Math.round(random() * 1000) / 10, INDEX_FORMAT),
      num(1 / areas, "0.00%"),
      num(1_002_240 / areas, EURO_FORMAT),
    ]);
  }
  areaRows.push([
    text("Summe", true),
    { value: null },
    { value: 1, formula: `SUM(C2:C${areas + 1})`, numFmt: "0.00%", bold: true },
    { value: 1_002_240, formula: `SUM(D2:D${areas + 1})`, numFmt: EURO_FORMAT, bold: true },
  ]);
  const normRows: SheetCell[][] = [
    ["Index", "Mittelwert", "Standardabweichung", "untere", "obere"].map((h) => text(h, true)),
  ];
  normRows.push([
    text("Gesamtindex"),
    num(50, INDEX_FORMAT),
    num(12.5, INDEX_FORMAT),
    num(37.5, INDEX_FORMAT),
    num(62.5, INDEX_FORMAT),
  ]);
  return [
    { name: "Einrichtungen", rows: unitRows, freezeRows: 1, columnWidths: [24, 18] },
    {
      name: "Verteilung",
      rows: areaRows,
      freezeRows: 1,
      columnWidths: [24, 10, 10, 16],
      charts: [
        {
          kind: "bar",
          title: "Anteil je Sozialraum",
          firstRow: 1,
          lastRow: areas + 1,
          categoryColumn: 1,
          seriesColumns: [3],
          anchor: "G2",
        },
      ],
    },
    { name: "Normbereiche", rows: normRows },
  ];
}

/**
 * Writes `generationSheets(rows)` through OfficeWorkbook into a fresh fake workbook (one user sheet
 * "Kitas") and reports the round trips and the largest request. Reused by the benchmark.
 *
 * @example const { syncs, largestPayloadBytes } = await measureGeneration(10_000); // syncs => 3
 */
export async function measureGeneration(
  rows: number,
): Promise<{ syncs: number; largestPayloadBytes: number; totalPayloadBytes: number }> {
  const book = new FakeWorkbook();
  book.addSheet("Kitas").setRows([["Einrichtung", "Sozialraum"]]);
  await new OfficeWorkbook(book.run).writeGeneratedSheets(generationSheets(rows));
  return {
    syncs: book.syncs,
    largestPayloadBytes: book.largestRequestBytes,
    totalPayloadBytes: book.requestBytes.reduce((a, b) => a + b, 0),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** References to a sheet in formulas: `Name!A1`, `'Name'!A1:B2` (any case). */
function sheetReference(name: string): RegExp {
  const quoted = escapeRegExp(name.replace(/'/g, "''"));
  return new RegExp(
    `(?:'${quoted}'|\\b${escapeRegExp(name)})!\\$?[A-Z]+\\$?\\d+(?::\\$?[A-Z]+\\$?\\d+)?`,
    "gi",
  );
}

/**
 * The `.xlsx` adapter of the workbook port, built on exceljs. Used by the command line and by the task
 * pane's standalone mode (an uploaded file in a plain browser), so only `fromFile` and `saveAs` touch the
 * file system, and they reach it through `process.getBuiltinModule` at call time: the webpack browser
 * bundle never sees an `fs` import.
 *
 * exceljs cannot write charts: `toBuffer` adds them to the zip exceljs wrote (`xlsxCharts.ts`), so the
 * command line and the standalone mode get the same native charts as the Office.js adapter. exceljs does
 * not keep charts or shapes of a file it reads: `fromBuffer` counts them, and `writeGeneratedSheets` warns
 * in its notes that they will be missing from the saved file.
 */
import ExcelJS from "exceljs";
import { isColumnTotalFormula } from "../../../src/engine/columnTotalFormula";
import type { CellValue, RawTable } from "../../../src/engine/table";
import type { GridTable, SheetGrid } from "../../../src/engine/tableLocation";
import { a1, columnLetters } from "../../../src/engine/table";
import type {
  SheetCell,
  SheetSpec,
  StoredAdoptionRecords,
  WorkbookPort,
  WriteReport,
} from "../../../src/workbook/port";
import { headerFooterCode } from "../../../src/workbook/printLayout";
import { noSuchSheet, resolveSheetName, sameSheetName } from "../../../src/workbook/sheetNames";
import { addChartsToXlsx, drawingsInXlsx, type SheetCharts, type SheetDrawings } from "./xlsxCharts";
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
} from "../../../src/workbook/store";
import { keepCarriageReturns } from "./xlsxCarriageReturns";
import {
  EXCEL_MAX_CELL_TEXT,
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  GENERATED_TAB_COLOUR,
  isStoreContent,
  planWrite,
  storeCandidates,
  type PlannedCell,
  type PlannedSheet,
} from "../../../src/workbook/writePlan";
import { nodeFs } from "../../../src/workbook/nodeFs";

/** Excel's limits (decided in the write plan; re-exported for callers of this adapter). */
export { EXCEL_MAX_CELL_TEXT, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS };

/** Days between Excel's day 0 and 1970-01-01 (1900 date system; 1904 system: 24107). */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (v.text !== undefined) return plainText(v.text);
  }
  return value === null || value === undefined ? "" : String(value);
}

/** Whether exceljs shows the sheet as a tab. */
function isVisible(ws: ExcelJS.Worksheet): boolean {
  return ws.state === "visible" || ws.state === undefined;
}

/** A table's name (exceljs keeps it in the table's model). */
function tableName(table: unknown): string {
  const t = table as { name?: string; table?: { name?: string } };
  return t.name ?? t.table?.name ?? "";
}

/**
 * Empties a worksheet in place (cells, formats, widths, merges, tables, panes), keeping the sheet itself:
 * its name, sheetId and position, so that references from other sheets stay valid. exceljs has no public
 * call for it; its fields are reset as exceljs's Worksheet constructor sets them.
 */
function clearWorksheet(ws: ExcelJS.Worksheet): void {
  const inner = ws as unknown as {
    _rows: unknown[];
    _columns: unknown;
    _merges: Record<string, unknown>;
    _keys: Record<string, unknown>;
    tables: Record<string, unknown>;
    conditionalFormattings: unknown[];
    rowBreaks: unknown[];
    autoFilter: unknown;
  };
  inner._rows = [];
  inner._columns = null;
  inner._merges = {};
  inner._keys = {};
  inner.tables = {};
  inner.conditionalFormattings = [];
  inner.rowBreaks = [];
  inner.autoFilter = null;
  ws.views = [];
}

/** Writes one planned cell (a string is a shared string in the file: text, never a formula). */
function writeCell(ws: ExcelJS.Worksheet, r: number, c: number, planned: PlannedCell | undefined): void {
  if (!planned) return;
  if (planned.formula === undefined && planned.value === null && !planned.numFmt && !planned.bold) return;
  const cell = ws.getCell(r, c);
  if (planned.formula !== undefined) {
    const formula = planned.formula;
    cell.value =
      planned.value === null
        ? ({ formula } as ExcelJS.CellFormulaValue)
        : ({ formula, result: planned.value } as ExcelJS.CellFormulaValue);
  } else if (planned.error) {
    cell.value = { error: planned.value as ExcelJS.CellErrorValue["error"] };
  } else if (planned.value !== null) {
    cell.value = planned.value;
    if (planned.cut)
      cell.note = `Text gekürzt: ${planned.cut.requested} Zeichen, Excel erlaubt ${EXCEL_MAX_CELL_TEXT}.`;
  }
  if (planned.numFmt) cell.numFmt = planned.numFmt;
  if (planned.bold) cell.font = { bold: true };
  if (planned.wrap) cell.alignment = { vertical: "top", wrapText: true };
}

/** The fields of an exceljs table model SRB reads (exceljs keeps them untyped on `Table.table`). */
interface ExcelTableModel {
  name?: string;
  displayName?: string;
  ref?: string;
  tableRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
}

/** "AB" → 28. */
function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * The `.xlsx` workbook adapter.
 *
 * @example
 * const book = await XlsxWorkbook.fromFile("Kitas.xlsx");
 * const table = await book.readTable("Kitas");
 * await book.writeGeneratedSheets(allocationSheets(allocation, ctx));
 * await book.saveAs("Kitas-Verteilung.xlsx");
 */
export class XlsxWorkbook implements WorkbookPort {
  private constructor(
    private readonly workbook: ExcelJS.Workbook,
    /** Charts and shapes of the file this workbook was read from (exceljs drops them on saving). */
    private readonly inputDrawings: SheetDrawings[] = [],
  ) {}

  /** Charts to draw in `toBuffer`, by the name of the sheet they were written on. */
  private readonly charts = new Map<string, SheetCharts>();

  /**
   * A new workbook without sheets.
   *
   * @example const book = XlsxWorkbook.empty(); await book.sheetNames(); // => []
   */
  static empty(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /**
   * Opens an .xlsx file from its bytes (works in the browser and in Node).
   *
   * @example const book = await XlsxWorkbook.fromBuffer(await file.arrayBuffer());
   */
  static async fromBuffer(buffer: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return new XlsxWorkbook(workbook, await drawingsInXlsx(buffer));
  }

  /**
   * Opens an .xlsx file (Node only).
   *
   * @example const book = await XlsxWorkbook.fromFile("Kitas.xlsx");
   */
  static async fromFile(path: string): Promise<XlsxWorkbook> {
    return XlsxWorkbook.fromBuffer(await nodeFs().readFile(path));
  }

  /**
   * The workbook as .xlsx bytes, with the native charts of the sheets SRB wrote. A workbook needs one
   * visible sheet and a visible active tab; when SRB's hidden store is the only sheet, an empty "Tabelle1"
   * is added.
   *
   * @example const bytes = await book.toBuffer();
   */
  async toBuffer(): Promise<Uint8Array> {
    this.ensureVisibleActiveSheet();
    const written = await this.workbook.xlsx.writeBuffer();
    const bytes = written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
    const charts = [...this.charts.values()].filter((c) => this.workbook.getWorksheet(c.sheet) !== undefined);
    const withCharts = charts.length === 0 ? bytes : (await addChartsToXlsx(bytes, charts)).xlsx;
    return this.hasCarriageReturn() ? keepCarriageReturns(withCharts) : withCharts;
  }

  /** Does any text cell hold a carriage return (which exceljs would write raw, and XML turns into \n)? */
  private hasCarriageReturn(): boolean {
    const hasCr = (v: unknown): boolean =>
      typeof v === "string"
        ? v.includes("\r")
        : typeof v === "object" && v !== null && "richText" in v
          ? (v as ExcelJS.CellRichTextValue).richText.some((r) => r.text.includes("\r"))
          : false;
    for (const ws of this.workbook.worksheets) {
      let found = false;
      ws.eachRow({ includeEmpty: false }, (row) => {
        if (!found) row.eachCell({ includeEmpty: false }, (cell) => (found ||= hasCr(cell.value)));
      });
      if (found) return true;
    }
    return false;
  }

  /**
   * Writes the workbook to a file (Node only).
   *
   * @example await book.saveAs("Kitas-Verteilung.xlsx");
   */
  async saveAs(path: string): Promise<void> {
    await nodeFs().writeFile(path, await this.toBuffer());
  }

  async sheetNames(): Promise<string[]> {
    const store = this.findStore()?.sheet;
    return this.workbook.worksheets.filter((ws) => ws.name !== store).map((ws) => ws.name);
  }

  async readTable(sheet: string): Promise<RawTable> {
    const ws = this.findSheet(sheet);
    if (!ws || ws.name === this.findStore()?.sheet) {
      throw noSuchSheet(sheet);
    }
    const formats: (string | null)[][] = [];
    const grid = this.cellGrid(ws, formats);
    const [headers = [], ...rows] = grid;
    return { sheet: ws.name, headers, rows, headerRow: 1, firstColumn: 1, formats: formats.slice(1) };
  }

  /**
   * The used range from A1 with what locating the Kita table needs (see `WorkbookPort.readGrid`): formats,
   * rows with a formula totalling the column above, hidden rows, and the Excel tables as exceljs read them.
   *
   * @example (await book.readGrid("Kitas")).hiddenRows; // => [5]
   */
  async readGrid(sheet: string): Promise<SheetGrid> {
    const ws = this.findSheet(sheet);
    if (!ws || ws.name === this.findStore()?.sheet) {
      throw noSuchSheet(sheet);
    }
    const formats: (string | null)[][] = [];
    const rows = this.cellGrid(ws, formats);
    const hiddenRows: number[] = [];
    const sumFormulaRows: number[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (r > rows.length) return;
      if (row.hidden) hiddenRows.push(r);
      let total = false;
      row.eachCell({ includeEmpty: false }, (cell) => {
        const f = cell.formula;
        if (typeof f === "string" && isColumnTotalFormula(f, r)) total = true;
      });
      if (total) sumFormulaRows.push(r);
    });
    const tables: GridTable[] = [];
    for (const t of ws.getTables() as unknown as { table?: ExcelTableModel }[]) {
      const model = t.table;
      const ref = model?.tableRef ?? model?.ref;
      const m =
        typeof ref === "string" ? /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref.replace(/\$/g, "")) : null;
      if (!model || !m || model.headerRow === false) continue;
      const top = Number(m[2]);
      const bottom = Number(m[4] ?? m[2]);
      tables.push({
        name: model.displayName ?? model.name ?? "",
        headerRow: top,
        firstDataRow: top + 1,
        lastDataRow: bottom - (model.totalsRow ? 1 : 0),
        firstColumn: columnNumber(m[1]),
        lastColumn: columnNumber(m[3] ?? m[1]),
        ...(model.totalsRow ? { totalsRow: bottom } : {}),
      });
    }
    return { sheet: ws.name, rows, formats, hiddenRows, sumFormulaRows, tables };
  }

  /** The stored model, or null; a stored model whose JSON is damaged is a usage error saying where. */
  async readStoredModel(): Promise<unknown | null> {
    return storedModelOf(this.findStore());
  }

  async writeStoredModel(model: unknown): Promise<string> {
    const found = this.findStore();
    const store = found?.content ?? decodeStore([]);
    const sheet = found?.sheet ?? planWrite({ sheets: this.sheetInfos(), specs: [] }).store.sheet;
    this.writeStore(sheet, { ...storeKept(store), model });
    return sheet;
  }

  async readStoredAdoptions(): Promise<StoredAdoptionRecords> {
    return adoptionRecordsOf(this.findStore()?.content);
  }

  async writeStoredAdoptions(adoptions: unknown[]): Promise<void> {
    const found = this.findStore();
    const store = found?.content ?? decodeStore([]);
    const sheet = found?.sheet ?? planWrite({ sheets: this.sheetInfos(), specs: [] }).store.sheet;
    this.writeStore(sheet, { ...storeKept(store), model: store.model, adoptions });
  }

  /**
   * Replaces SRB's generated sheets as the write plan decides (`planWrite`, writePlan.ts): SRB's unchanged
   * sheets are rewritten in place (the same sheet part: same name and sheetId, so the user's formulas that
   * point at them stay valid), result tables keep their names, everything else is the user's and stays.
   */
  async writeGeneratedSheets(sheets: SheetSpec[]): Promise<WriteReport> {
    const store = this.findStore();
    const listed = new Set((store?.content.generated ?? []).map((n) => n.toLowerCase()));
    const plan = planWrite({
      sheets: this.workbook.worksheets.map((ws) => ({
        name: ws.name,
        visible: isVisible(ws),
        tables: ws.getTables().map((t) => tableName(t)),
        ...(listed.has(ws.name.toLowerCase())
          ? {
              fingerprint: this.fingerprint(ws),
              earlierFingerprint: () => this.fingerprint(ws, earlierNumberText),
            }
          : {}),
      })),
      store,
      specs: sheets,
    });
    const notes = [...plan.notes];
    for (const d of this.inputDrawings) {
      if (!this.findSheet(d.sheet) || plan.replaced.some((r) => sameSheetName(r, d.sheet))) continue;
      if (d.charts === 0 && d.shapes === 0) continue;
      const what = [
        d.charts > 0 ? `${d.charts} Diagramm${d.charts === 1 ? "" : "e"}` : "",
        d.shapes > 0 ? `${d.shapes} Form${d.shapes === 1 ? "" : "en"} (Textfelder, Pfeile …)` : "",
      ]
        .filter(Boolean)
        .join(" und ");
      notes.push(
        `ACHTUNG: Blatt „${d.sheet}“ enthält ${what}. Beim Speichern ohne Excel (Kommandozeile, Browser-Modus) ` +
          `gehen sie verloren – die Daten des Blatts bleiben erhalten. Ergebnis unter neuem Dateinamen speichern ` +
          `und die Originaldatei behalten, oder SRB in Excel ausführen.`,
      );
    }
    for (const name of plan.remove) {
      const ws = this.findSheet(name);
      this.charts.delete(name);
      if (ws) this.workbook.removeWorksheet(ws.id);
    }
    for (const planned of plan.sheets) {
      let ws: ExcelJS.Worksheet | undefined;
      if (planned.rewrite !== null) {
        ws = this.findSheet(planned.rewrite);
        this.charts.delete(planned.rewrite);
      }
      if (ws) {
        clearWorksheet(ws);
        ws.name = planned.name;
        ws.properties.tabColor = { argb: `FF${GENERATED_TAB_COLOUR}` };
      } else {
        ws = this.workbook.addWorksheet(planned.name, {
          properties: { tabColor: { argb: `FF${GENERATED_TAB_COLOUR}` } },
        });
      }
      this.writeSheet(ws, planned);
    }
    if (plan.addBlankSheet !== null) this.workbook.addWorksheet(plan.addBlankSheet);
    this.writeStore(plan.store.sheet, plan.store.content);
    return {
      sheets: plan.sheets.map((s) => ({ requested: s.requested, written: s.name })),
      replaced: plan.replaced,
      notes,
    };
  }

  /** Name and visibility of every sheet, for the write plan. */
  private sheetInfos(): { name: string; visible: boolean }[] {
    return this.workbook.worksheets.map((ws) => ({ name: ws.name, visible: isVisible(ws) }));
  }

  /** Content fingerprint of a sheet as written or read (formulas as "=" + formula, see store.ts). */
  private fingerprint(ws: ExcelJS.Worksheet, numberText?: (x: number) => string): string {
    const cells: FingerprintCell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        let v: FingerprintCell;
        if (cell.type === ExcelJS.ValueType.Merge) v = null;
        else if (cell.type === ExcelJS.ValueType.Formula) v = `=${cell.formula}`;
        else v = this.convert(cell.value);
        if (v === null) return;
        (cells[r - 1] ??= [])[c - 1] = v;
      });
    });
    return sheetFingerprint(
      Array.from(cells, (row) => (row ? Array.from(row) : [])),
      undefined,
      numberText,
    );
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((ws) => sameSheetName(ws.name, name));
  }

  /** Raw cell value as the port defines it (formulas → cached result, dates → serial, rich text → text). */
  private rawValue(cell: ExcelJS.Cell): CellValue {
    if (cell.type === ExcelJS.ValueType.Merge) return null;
    return this.convert(cell.value);
  }

  private convert(value: unknown): CellValue {
    if (value === null || value === undefined) return null;
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
    if (value instanceof Date) return this.serial(value);
    if (typeof value === "object") {
      const v = value as Record<string, unknown>;
      if (typeof v.error === "string") return { error: v.error };
      if ("formula" in v || "sharedFormula" in v) {
        // A formula without a stored result (files written by scripts, never by Excel) has no known value:
        // reading it as blank would silently skip it, so it becomes an error value the check reports.
        if (v.result === undefined || v.result === null) {
          const formula = typeof v.formula === "string" ? `„=${v.formula}“` : "Formel";
          return {
            error: `${formula} ohne berechnetes Ergebnis (bitte in Excel neu berechnen und speichern)`,
          };
        }
        return this.convert(v.result);
      }
      if ("richText" in v || "text" in v) return plainText(value);
    }
    return null;
  }

  private serial(date: Date): number {
    const epoch = this.workbook.properties?.date1904 ? EPOCH_1904 : EPOCH_1900;
    return date.getTime() / 86_400_000 + epoch;
  }

  /**
   * The used range from A1 (cells with a value), as a rectangular grid of raw values; with `formats`, the
   * number format code of each of those cells is pushed there in the same shape (null = General).
   */
  private cellGrid(ws: ExcelJS.Worksheet, formats?: (string | null)[][]): CellValue[][] {
    const cells = new Map<number, Map<number, CellValue>>();
    const codes = new Map<number, Map<number, string>>();
    let maxRow = 0;
    let maxCol = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = this.rawValue(cell);
        if (v === null) return;
        if (!cells.has(r)) cells.set(r, new Map());
        cells.get(r)!.set(c, v);
        const code = formats ? cell.numFmt : undefined;
        if (typeof code === "string" && code !== "") {
          if (!codes.has(r)) codes.set(r, new Map());
          codes.get(r)!.set(c, code);
        }
        maxRow = Math.max(maxRow, r);
        maxCol = Math.max(maxCol, c);
      });
    });
    const grid: CellValue[][] = [];
    for (let r = 1; r <= maxRow; r++) {
      const line: CellValue[] = [];
      const row = cells.get(r);
      for (let c = 1; c <= maxCol; c++) line.push(row?.get(c) ?? null);
      grid.push(line);
      if (formats) {
        const rowCodes = codes.get(r);
        formats.push(Array.from({ length: maxCol }, (_, c) => rowCodes?.get(c + 1) ?? null));
      }
    }
    return grid;
  }

  /** SRB's store: the hidden "_SRB" (or "_SRB (n)") sheet that carries its marker row; undefined when none. */
  private findStore(): { sheet: string; content: DecodedStore } | undefined {
    for (const name of storeCandidates(this.sheetInfos())) {
      const ws = this.findSheet(name);
      if (!ws) continue;
      const content = decodeStore(this.cellGrid(ws));
      if (isStoreContent(content)) return { sheet: ws.name, content };
    }
    return undefined;
  }

  /** Writes the store (veryHidden, last in the workbook) under `sheet`, replacing the old store sheet. */
  private writeStore(sheet: string, content: StoreContent): void {
    const old = this.findSheet(sheet);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(sheet, { state: "veryHidden" });
    for (const [key, value] of encodeStore(content)) ws.addRow([key, value]);
  }

  /** Writes a planned sheet's cells, widths, frozen rows, tables and (in `toBuffer`) charts. */
  private writeSheet(ws: ExcelJS.Worksheet, planned: PlannedSheet): void {
    planned.rows.forEach((cells, i) => {
      cells.forEach((cell, j) => writeCell(ws, i + 1, j + 1, cell));
    });
    planned.columnWidths.forEach((width, j) => {
      if (width > 0) ws.getColumn(j + 1).width = width;
    });
    if (planned.freezeRows > 0) {
      ws.views = [
        {
          state: "frozen",
          xSplit: 0,
          ySplit: planned.freezeRows,
          topLeftCell: a1(planned.freezeRows + 1, 1),
        },
      ];
    }
    for (const table of planned.tables) {
      const rows: ExcelJS.CellValue[][] = [];
      for (let r = table.headerRow + 1; r <= table.lastRow; r++) {
        const line: ExcelJS.CellValue[] = [];
        for (let c = table.firstColumn; c <= table.lastColumn; c++) line.push(ws.getCell(r, c).value);
        rows.push(line);
      }
      // exceljs writes the header texts and these (unchanged) values back into the cells the table spans
      ws.addTable({
        name: table.name,
        ref: a1(table.headerRow, table.firstColumn),
        headerRow: true,
        style: { theme: "TableStyleLight9", showRowStripes: true },
        columns: table.headers.map((name) => ({ name })),
        rows,
      });
    }
    if (planned.charts.length > 0) {
      const rows = planned.rows.map((line) =>
        Array.from(line, (c): SheetCell => ({
          value: c?.value ?? null,
          ...(c?.formula !== undefined ? { formula: c.formula } : {}),
          ...(c?.numFmt ? { numFmt: c.numFmt } : {}),
        })),
      );
      this.charts.set(planned.name, { sheet: planned.name, charts: planned.charts, rows });
    }
    // the page set-up the write plan decided (printLayout.ts), as the package adapter writes it
    const print = planned.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: print.orientation,
      fitToPage: true,
      fitToWidth: print.fitToWidth,
      fitToHeight: print.fitToHeight,
      margins: print.margins,
      ...(print.titleRows ? { printTitlesRow: `${print.titleRows.first}:${print.titleRows.last}` } : {}),
      ...(print.titleColumns
        ? {
            printTitlesColumn: `${columnLetters(print.titleColumns.first)}:${columnLetters(print.titleColumns.last)}`,
          }
        : {}),
      ...(print.pageOrder === "overThenDown" ? { pageOrder: "overThenDown" as const } : {}),
    };
    ws.headerFooter = {
      oddHeader: headerFooterCode(print.header),
      oddFooter: headerFooterCode(print.footer),
    };
    for (const h of planned.rowHeights) ws.getRow(h.row).height = h.points;
    for (const r of print.rowBreaks) ws.getRow(r).addPageBreak();
  }

  /** Excel refuses a workbook whose sheets are all hidden or whose active tab is hidden. */
  private ensureVisibleActiveSheet(): void {
    let sheets = this.workbook.worksheets;
    if (sheets.length === 0) return;
    if (!sheets.some((ws) => ws.state === "visible" || ws.state === undefined)) {
      this.workbook.addWorksheet(
        resolveSheetName(
          "Tabelle1",
          sheets.map((ws) => ws.name),
        ),
      );
      sheets = this.workbook.worksheets;
    }
    const firstVisible = sheets.findIndex((ws) => ws.state === "visible" || ws.state === undefined);
    const views = this.workbook.views?.length ? this.workbook.views : [{} as ExcelJS.WorkbookView];
    const active = views[0].activeTab ?? 0;
    const activeSheet = sheets[active];
    if (!activeSheet || (activeSheet.state !== "visible" && activeSheet.state !== undefined)) {
      views[0] = { ...views[0], activeTab: firstVisible, firstSheet: 0 };
    }
    this.workbook.views = views;
  }
}

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
import { SrbUsageError } from "../engine/issues";
import type { CellValue, RawTable } from "../engine/table";
import { a1 } from "../engine/table";
import type { SheetCell, SheetSpec, WorkbookPort, WriteReport } from "./port";
import { STORE_SHEET } from "./port";
import { resolveSheetName, sameSheetName } from "./sheetNames";
import {
  addChartsToXlsx,
  chartProblem,
  drawingsInXlsx,
  type SheetCharts,
  type SheetDrawings,
} from "./xlsxCharts";
import {
  decodeStore,
  encodeStore,
  sheetFingerprint,
  type DecodedStore,
  type FingerprintCell,
  type StoreContent,
} from "./store";
import { keepCarriageReturns } from "./xlsxCarriageReturns";
import { xmlSafeText, xmlUnsafeNote } from "./xmlText";

/** Excel's limits. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_TEXT = 32_767;

/** Tab colour that marks SRB's generated sheets. */
const GENERATED_TAB_COLOUR = "FF1F5C99";

/** Days between Excel's day 0 and 1970-01-01 (1900 date system; 1904 system: 24107). */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

type NodeFs = {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
};

/** fs/promises when running under Node, else a usage error (the browser has no file system). */
function nodeFs(): NodeFs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs/promises") as NodeFs | undefined;
  if (!fs)
    throw new SrbUsageError("Dateizugriff ist nur unter Node.js möglich (im Browser: fromBuffer/toBuffer).");
  return fs;
}

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (v.text !== undefined) return plainText(v.text);
  }
  return value === null || value === undefined ? "" : String(value);
}

/** Cuts text to Excel's cell limit, ending in "…". */
function fitCellText(text: string): { text: string; cut: boolean } {
  if (text.length <= EXCEL_MAX_CELL_TEXT) return { text, cut: false };
  let head = text.slice(0, EXCEL_MAX_CELL_TEXT - 1);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return { text: `${head}…`, cut: true };
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
    return this.workbook.worksheets.filter((ws) => ws.name !== STORE_SHEET).map((ws) => ws.name);
  }

  async readTable(sheet: string): Promise<RawTable> {
    const ws = this.findSheet(sheet);
    if (!ws || ws.name === STORE_SHEET) {
      throw new SrbUsageError(`Tabellenblatt „${sheet}“ gibt es in dieser Arbeitsmappe nicht.`);
    }
    const formats: (string | null)[][] = [];
    const grid = this.readGrid(ws, formats);
    const [headers = [], ...rows] = grid;
    return { sheet: ws.name, headers, rows, headerRow: 1, firstColumn: 1, formats: formats.slice(1) };
  }

  async readStoredModel(): Promise<unknown | null> {
    return this.readStore().model;
  }

  async writeStoredModel(model: unknown): Promise<void> {
    const store = this.readStore();
    this.writeStore({ generated: store.generated, model, fingerprints: store.fingerprints });
  }

  /**
   * Replaces SRB's generated sheets. An earlier generated sheet is removed only when its content still has
   * the fingerprint recorded when it was written (stores of earlier versions without fingerprints: by name,
   * as before). A sheet that was edited, or deleted and re-created by the user under the same name, is kept
   * and from then on treated as the user's; the new sheet gets another name and the notes say so.
   */
  async writeGeneratedSheets(sheets: SheetSpec[]): Promise<WriteReport> {
    const store = this.readStore();
    const replaced: string[] = [];
    const notes: string[] = [];
    for (const name of store.generated) {
      const ws = this.findSheet(name);
      if (!ws || ws.name === STORE_SHEET) continue;
      const recorded = store.fingerprints?.[name];
      if (recorded !== undefined && recorded !== this.fingerprint(ws)) {
        notes.push(
          `Blatt „${ws.name}“ wurde seit dem letzten Lauf von SRB verändert (oder neu angelegt) – es bleibt ` +
            `unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt; die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.`,
        );
        continue;
      }
      replaced.push(ws.name);
      this.charts.delete(ws.name);
      this.workbook.removeWorksheet(ws.id);
    }
    for (const d of this.inputDrawings) {
      if (!this.findSheet(d.sheet) || (d.charts === 0 && d.shapes === 0)) continue;
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
    const occupied = this.workbook.worksheets.map((ws) => ws.name);
    const report: WriteReport = { sheets: [], replaced, notes };
    const written: string[] = [];
    for (const spec of sheets) {
      const name = resolveSheetName(spec.name, [...occupied, ...written]);
      written.push(name);
      report.sheets.push({ requested: spec.name, written: name });
      if (name !== spec.name) {
        notes.push(
          `Blatt „${spec.name}“ wurde als „${name}“ angelegt, weil der Name vergeben oder ungültig ist.`,
        );
      }
      this.writeSheet(name, spec, notes);
    }
    const fingerprints: Record<string, string> = {};
    for (const name of written) {
      const ws = this.findSheet(name);
      if (ws) fingerprints[name] = this.fingerprint(ws);
    }
    this.writeStore({ generated: written, model: store.model, fingerprints });
    return report;
  }

  /** Content fingerprint of a sheet as written or read (formulas as "=" + formula, see store.ts). */
  private fingerprint(ws: ExcelJS.Worksheet): string {
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
    return sheetFingerprint(Array.from(cells, (row) => (row ? Array.from(row) : [])));
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
  private readGrid(ws: ExcelJS.Worksheet, formats?: (string | null)[][]): CellValue[][] {
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

  private readStore(): DecodedStore {
    const ws = this.workbook.getWorksheet(STORE_SHEET);
    return decodeStore(ws ? this.readGrid(ws) : []);
  }

  private writeStore(content: StoreContent): void {
    const old = this.workbook.getWorksheet(STORE_SHEET);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(STORE_SHEET, { state: "veryHidden" });
    for (const [key, value] of encodeStore(content)) ws.addRow([key, value]);
  }

  private writeSheet(name: string, spec: SheetSpec, notes: string[]): void {
    const ws = this.workbook.addWorksheet(name, { properties: { tabColor: { argb: GENERATED_TAB_COLOUR } } });
    let rows = spec.rows;
    if (rows.length > EXCEL_MAX_ROWS) {
      notes.push(
        `Blatt „${name}“: ${rows.length} Zeilen angefordert, Excel erlaubt höchstens ${EXCEL_MAX_ROWS}; der Rest fehlt.`,
      );
      rows = rows.slice(0, EXCEL_MAX_ROWS);
    }
    rows.forEach((cells, i) => {
      if (cells.length > EXCEL_MAX_COLUMNS) {
        notes.push(`Blatt „${name}“, Zeile ${i + 1}: mehr als ${EXCEL_MAX_COLUMNS} Spalten; der Rest fehlt.`);
      }
      cells
        .slice(0, EXCEL_MAX_COLUMNS)
        .forEach((spec, j) => this.writeCell(ws, i + 1, j + 1, spec, name, notes));
    });
    spec.columnWidths?.forEach((width, j) => {
      if (width > 0) ws.getColumn(j + 1).width = width;
    });
    if (spec.freezeRows && spec.freezeRows > 0) {
      ws.views = [
        { state: "frozen", xSplit: 0, ySplit: spec.freezeRows, topLeftCell: a1(spec.freezeRows + 1, 1) },
      ];
    }
    const unsafe = this.unsafeCells.get(name) ?? 0;
    if (unsafe > 0) {
      notes.push(xmlUnsafeNote(name, unsafe));
      this.unsafeCells.delete(name);
    }
    const charts = (spec.charts ?? []).filter((chart) => {
      const problem = chartProblem(name, chart, rows);
      if (problem) notes.push(problem);
      return problem === null;
    });
    if (charts.length > 0) {
      this.charts.set(name, { sheet: name, charts, rows });
      // printed landscape, one page wide, so that the table and its chart beside it share the first page
      ws.pageSetup = {
        ...ws.pageSetup,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      };
    }
  }

  private writeCell(
    ws: ExcelJS.Worksheet,
    r: number,
    c: number,
    spec: SheetCell,
    sheet: string,
    notes: string[],
  ) {
    const hasFormula = spec.formula !== undefined && spec.formula !== "";
    if (!hasFormula && (spec.value === null || spec.value === undefined) && !spec.numFmt && !spec.bold)
      return;
    const cell = ws.getCell(r, c);
    if (hasFormula) {
      const formula = (spec.formula as string).replace(/^=/, "");
      const result =
        typeof spec.value === "string" ? fitCellText(this.safeText(spec.value, sheet)).text : spec.value;
      cell.value = result === null || result === undefined ? { formula } : { formula, result };
    } else if (typeof spec.value === "string") {
      // A string is a shared string in the file: text, never a formula, whatever its first character.
      const fitted = fitCellText(this.safeText(spec.value, sheet));
      cell.value = fitted.text;
      if (fitted.cut) {
        cell.note = `Text gekürzt: ${spec.value.length} Zeichen, Excel erlaubt ${EXCEL_MAX_CELL_TEXT}.`;
        notes.push(`Blatt „${sheet}“, Zelle ${a1(r, c)}: Text auf ${EXCEL_MAX_CELL_TEXT} Zeichen gekürzt.`);
      }
    } else if (typeof spec.value === "number" && !Number.isFinite(spec.value)) {
      cell.value = { error: "#NUM!" };
      notes.push(
        `Blatt „${sheet}“, Zelle ${a1(r, c)}: keine endliche Zahl (${spec.value}), als #ZAHL! geschrieben.`,
      );
    } else if (spec.value !== undefined) {
      cell.value = spec.value;
    }
    if (spec.numFmt) cell.numFmt = spec.numFmt;
    if (spec.bold) cell.font = { bold: true };
  }

  /** Counts, per sheet of the current write, the cells whose text had characters XML forbids. */
  private unsafeCells = new Map<string, number>();

  private safeText(text: string, sheet: string): string {
    const safe = xmlSafeText(text);
    if (safe.replaced > 0) this.unsafeCells.set(sheet, (this.unsafeCells.get(sheet) ?? 0) + 1);
    return safe.text;
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

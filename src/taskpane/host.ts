/**
 * The one place that decides which workbook adapter the task pane gets: the Office.js adapter inside Excel,
 * the exceljs adapter for an uploaded .xlsx file in a plain browser (standalone mode). exceljs is loaded
 * lazily (its own chunk), so the Excel task pane never downloads it.
 *
 * No import-time side effects: the entries (index.tsx, standalone.tsx) call these functions.
 */
import type { WorkbookPort } from "../workbook/port";
import { detectLanguage, type Language } from "./i18n";

/**
 * The port, plus what only Excel can do: `selectCell` (go to a cell of the check report) and
 * `selectedRange` (the user's selection, for „Markierten Bereich verwenden“; null: no single range).
 */
export type TaskpanePort = WorkbookPort & {
  selectCell?(sheet: string, address: string): Promise<void>;
  selectedRange?(): Promise<{ sheet: string; range: string } | null>;
};

/** A workbook that can also hand back its bytes (standalone mode: the download). */
export interface DownloadableWorkbook extends WorkbookPort {
  toBuffer(): Promise<Uint8Array>;
}

/** What Office.onReady reports, reduced to what SRB needs. */
export interface OfficeInfo {
  /** "Excel" inside Excel; null when office.js runs outside an Office host. */
  host: string | null;
  displayLanguage?: string;
  /**
   * False when the host lacks CustomFunctionsRuntime 1.3: SRB's functions then get no parameter addresses
   * and cannot tell a blank cell an older Excel passes as 0 from a real 0 (src/functions/blankCells.ts).
   */
  functionsSeeBlanks?: boolean;
}

/** The minimal surface of the `Office` global that the host decision reads. */
export interface OfficeGlobal {
  onReady(): Promise<{ host: unknown }>;
  context?: {
    displayLanguage?: string;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
  HostType?: { Excel: unknown };
}

export type HostDecision =
  | { kind: "excel"; language: Language; functionsSeeBlanks: boolean }
  | { kind: "browser"; language: Language; reason: "no-office" | "not-excel" };

/** How long the task pane waits for Office before it says so (Citrix/VDI sessions can be slow). */
export const OFFICE_SLOW_AFTER_MS = 15_000;
/** How long it waits at most before it offers the standalone mode instead (it keeps listening after that). */
export const OFFICE_GIVE_UP_AFTER_MS = 120_000;

/** Options of `waitForOffice`. */
export interface WaitForOfficeOptions {
  /** After this long without an answer `onSlow` is called once; waiting goes on. */
  slowAfterMs?: number;
  /** After this long without an answer the wait resolves to null (default: OFFICE_GIVE_UP_AFTER_MS). */
  giveUpAfterMs?: number;
  /** Called once when Office is slow to answer (the task pane shows progress and a retry). */
  onSlow?: () => void;
}

/**
 * Waits for office.js and reports the host; null when office.js is not loaded (offline, blocked, or a
 * plain browser page), fails, or does not answer within `giveUpAfterMs`. A slow start (Citrix/VDI, a
 * busy PC) is not a failure: after `slowAfterMs` the caller is told (`onSlow`) and waiting goes on; the
 * old fixed 10-second limit declared such a start "nicht in Excel" for good.
 * A number as second argument is `giveUpAfterMs` (earlier signature).
 *
 * @example
 * const info = await waitForOffice(globalThis.Office, { onSlow: () => showProgress() });
 * // => { host: "Excel", displayLanguage: "de-DE" }
 */
export async function waitForOffice(
  office: OfficeGlobal | undefined,
  options: WaitForOfficeOptions | number = {},
): Promise<OfficeInfo | null> {
  const settings = typeof options === "number" ? { giveUpAfterMs: options } : options;
  const { slowAfterMs = OFFICE_SLOW_AFTER_MS, giveUpAfterMs = OFFICE_GIVE_UP_AFTER_MS, onSlow } = settings;
  if (!office || typeof office.onReady !== "function") return null;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const giveUp = new Promise<null>((resolve) => {
    timers.push(setTimeout(() => resolve(null), giveUpAfterMs));
  });
  if (onSlow && slowAfterMs < giveUpAfterMs) timers.push(setTimeout(onSlow, slowAfterMs));
  try {
    const ready = Promise.resolve(office.onReady()).then((info) => officeInfo(office, info));
    return await Promise.race([ready, giveUp]);
  } catch {
    return null;
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}

/** What Office.onReady reported, reduced to host and display language. */
function officeInfo(office: OfficeGlobal, info: { host: unknown }): OfficeInfo {
  const excel = office.HostType?.Excel ?? "Excel";
  const requirements = office.context?.requirements;
  return {
    host: info.host === excel || info.host === "Excel" ? "Excel" : info.host ? String(info.host) : null,
    displayLanguage: office.context?.displayLanguage,
    // https://learn.microsoft.com/javascript/api/office/office.requirementsetsupport#office-office-requirementsetsupport-issetsupported-member(1)
    functionsSeeBlanks: requirements ? requirements.isSetSupported("CustomFunctionsRuntime", "1.3") : true,
  };
}

/**
 * Office's answer whenever it comes, also after `waitForOffice` gave up: Office.onReady resolves once
 * and its promise can be awaited any number of times, so a late answer still starts the task pane.
 * Null when office.js is missing or fails.
 *
 * @example
 * void lateOffice(globalThis.Office).then((info) => info?.host === "Excel" && startApp());
 */
export async function lateOffice(office: OfficeGlobal | undefined): Promise<OfficeInfo | null> {
  if (!office || typeof office.onReady !== "function") return null;
  try {
    return officeInfo(office, await office.onReady());
  } catch {
    return null;
  }
}

/**
 * Decides the host from what office.js reported: Excel (Office.js adapter, Office's display language) or
 * a plain browser (standalone mode, the browser's language).
 *
 * @example
 * decideHost({ host: "Excel", displayLanguage: "en-US" }, "de-DE"); // => { kind: "excel", language: "en", functionsSeeBlanks: true }
 * decideHost(null, "de-DE"); // => { kind: "browser", language: "de", reason: "no-office" }
 */
export function decideHost(info: OfficeInfo | null, browserLanguage: string | undefined): HostDecision {
  if (info === null)
    return { kind: "browser", language: detectLanguage(browserLanguage), reason: "no-office" };
  if (info.host !== "Excel")
    return { kind: "browser", language: detectLanguage(browserLanguage), reason: "not-excel" };
  return {
    kind: "excel",
    language: detectLanguage(info.displayLanguage ?? browserLanguage),
    functionsSeeBlanks: info.functionsSeeBlanks ?? true,
  };
}

/**
 * The workbook adapter inside Excel (Office.js). Loaded on demand so that this module stays importable
 * where no `Excel` global exists.
 *
 * @example const port = await officeWorkbook(); await port.sheetNames();
 */
export async function officeWorkbook(): Promise<TaskpanePort> {
  const { OfficeWorkbook } = await import(
    /* webpackChunkName: "office-workbook" */ "../workbook/officeWorkbook"
  );
  return new OfficeWorkbook();
}

/**
 * The workbook adapter for an uploaded .xlsx/.xlsm file (standalone mode): package surgery, so the
 * download keeps every part of the upload (charts, pivots, macros …); loaded as its own chunk.
 *
 * @example
 * const book = await openXlsxWorkbook(await file.arrayBuffer());
 * const bytes = await book.toBuffer();
 */
export async function openXlsxWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<DownloadableWorkbook> {
  const { PackageWorkbook } = await import(
    /* webpackChunkName: "xlsx-workbook" */ "../workbook/xlsx/packageWorkbook"
  );
  return PackageWorkbook.fromBuffer(bytes);
}

/**
 * Loads the chunk `openXlsxWorkbook` needs (the package reader and writer) while the page waits for the
 * user to pick a file, so that opening it does not wait for the download and compiling of the chunk (about
 * 0.1–0.2 s); a failure is left to `openXlsxWorkbook`, which loads it again and reports it.
 *
 * @example createRoot(el).render(<StandaloneApp … />); preloadXlsxWorkbook();
 */
export function preloadXlsxWorkbook(): void {
  const load = () => {
    void import(/* webpackChunkName: "xlsx-workbook" */ "../workbook/xlsx/packageWorkbook").catch(
      () => undefined,
    );
  };
  // after the page's first paint, when the browser has nothing else to do
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void })
    .requestIdleCallback;
  if (idle) idle(load, { timeout: 2000 });
  else setTimeout(load, 200);
}

/**
 * Opens bytes of an .xlsx package as a new workbook in Excel (the publication file), when the host has
 * `Excel.createWorkbook` (ExcelApi 1.8: https://learn.microsoft.com/javascript/api/excel#excel-excel-createworkbook-function(1));
 * null where it has not (the pane then does not offer the publication file).
 *
 * @example const open = newWorkbookOpener(Office); await open?.(bytes);
 */
export function newWorkbookOpener(
  office: OfficeGlobal | undefined,
  excel: { createWorkbook?(base64?: string): Promise<void> } | undefined,
): ((bytes: Uint8Array) => Promise<void>) | null {
  const supported = office?.context?.requirements?.isSetSupported("ExcelApi", "1.8") ?? false;
  if (!supported || typeof excel?.createWorkbook !== "function") return null;
  return (bytes) => excel.createWorkbook!(toBase64(bytes));
}

/** Base64 of bytes, in slices so that large files do not overflow the argument list of fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The one place that decides which workbook adapter the task pane gets: the Office.js adapter inside Excel,
 * the exceljs adapter for an uploaded .xlsx file in a plain browser (standalone mode). exceljs is loaded
 * lazily (its own chunk), so the Excel task pane never downloads it.
 *
 * No import-time side effects: the entries (index.tsx, standalone.tsx) call these functions.
 */
import type { WorkbookPort } from "../workbook/port";
import { detectLanguage, type Language } from "./i18n";

/** The port, plus `selectCell` where the adapter can select a cell (inside Excel). */
export type TaskpanePort = WorkbookPort & { selectCell?(sheet: string, address: string): Promise<void> };

/** A workbook that can also hand back its bytes (standalone mode: the download). */
export interface DownloadableWorkbook extends WorkbookPort {
  toBuffer(): Promise<Uint8Array>;
}

/** What Office.onReady reports, reduced to what SRB needs. */
export interface OfficeInfo {
  /** "Excel" inside Excel; null when office.js runs outside an Office host. */
  host: string | null;
  displayLanguage?: string;
}

/** The minimal surface of the `Office` global that the host decision reads. */
export interface OfficeGlobal {
  onReady(): Promise<{ host: unknown }>;
  context?: { displayLanguage?: string };
  HostType?: { Excel: unknown };
}

export type HostDecision =
  | { kind: "excel"; language: Language }
  | { kind: "browser"; language: Language; reason: "no-office" | "not-excel" };

/**
 * Waits for office.js (at most `timeoutMs`) and reports the host; null when office.js is not loaded
 * (offline, blocked, or a plain browser page) or does not answer in time.
 *
 * @example
 * const info = await waitForOffice(globalThis.Office); // => { host: "Excel", displayLanguage: "de-DE" }
 */
export async function waitForOffice(
  office: OfficeGlobal | undefined,
  timeoutMs = 10000,
): Promise<OfficeInfo | null> {
  if (!office || typeof office.onReady !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const ready = office.onReady().then((info) => {
      const excel = office.HostType?.Excel ?? "Excel";
      return {
        host: info.host === excel || info.host === "Excel" ? "Excel" : info.host ? String(info.host) : null,
        displayLanguage: office.context?.displayLanguage,
      } satisfies OfficeInfo;
    });
    return await Promise.race([ready, timeout]);
  } catch {
    return null;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * Decides the host from what office.js reported: Excel (Office.js adapter, Office's display language) or
 * a plain browser (standalone mode, the browser's language).
 *
 * @example
 * decideHost({ host: "Excel", displayLanguage: "en-US" }, "de-DE"); // => { kind: "excel", language: "en" }
 * decideHost(null, "de-DE"); // => { kind: "browser", language: "de", reason: "no-office" }
 */
export function decideHost(info: OfficeInfo | null, browserLanguage: string | undefined): HostDecision {
  if (info === null)
    return { kind: "browser", language: detectLanguage(browserLanguage), reason: "no-office" };
  if (info.host !== "Excel")
    return { kind: "browser", language: detectLanguage(browserLanguage), reason: "not-excel" };
  return { kind: "excel", language: detectLanguage(info.displayLanguage ?? browserLanguage) };
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

/**
 * Office entry (taskpane.html): waits for office.js, asks host.ts which adapter to use and renders the
 * task pane. Opened outside Excel it points to the standalone mode instead of hanging.
 *
 * Start-up (issue 10, item 10): a slow Office (Citrix/VDI) is not "nicht in Excel". After
 * OFFICE_SLOW_AFTER_MS the pane shows progress, a retry and the standalone link while it keeps waiting;
 * after OFFICE_GIVE_UP_AFTER_MS it shows the "not in Excel" page, and still switches to the task pane if
 * Office answers later.
 * `window.__srbStarted` tells compat.js that this bundle runs (else it shows its "too old" message).
 */
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import { ConnectingToExcel } from "./components/ConnectingToExcel";
import { NotInExcel } from "./components/NotInExcel";
import {
  decideHost,
  lateOffice,
  newWorkbookOpener,
  officeWorkbook,
  waitForOffice,
  type OfficeGlobal,
} from "./host";
import { downloadFile, XLSX_MIME } from "./download";
import { stringsFor } from "./i18n";
import { detectLanguage } from "./i18n";
import { describeError } from "./useWorkbookAction";

(globalThis as { __srbStarted?: boolean }).__srbStarted = true;

async function renderApp(root: Root, language: "de" | "en", functionsSeeBlanks: boolean): Promise<void> {
  try {
    const open = newWorkbookOpener(
      (globalThis as { Office?: OfficeGlobal }).Office,
      (globalThis as { Excel?: { createWorkbook?(base64?: string): Promise<void> } }).Excel,
    );
    const s = stringsFor(language);
    root.render(
      <App
        port={await officeWorkbook()}
        language={language}
        functionsSeeBlanks={functionsSeeBlanks}
        // the Prüfbericht of a blocked run: a new workbook where Excel can open one (ExcelApi 1.8), else a download
        checkReport={
          open
            ? {
                label: s.checkReportOpen,
                deliver: async (bytes) => {
                  await open(bytes);
                  return s.checkReportOpened;
                },
              }
            : {
                label: s.checkReportDownload,
                deliver: async (bytes, name) => {
                  downloadFile(bytes, name, XLSX_MIME);
                  return s.checkReportDownloaded(name);
                },
              }
        }
        onPublication={
          open
            ? async (bytes) => {
                await open(bytes);
                return stringsFor(language).publicationOpened;
              }
            : undefined
        }
      />,
    );
  } catch (thrown) {
    root.render(<NotInExcel language={language} error={describeError(thrown)} />);
  }
}

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  const office = (globalThis as { Office?: OfficeGlobal }).Office;
  const since = Date.now();
  const info = await waitForOffice(office, {
    onSlow: () =>
      root.render(
        <ConnectingToExcel
          language={detectLanguage(navigator.language)}
          since={since}
          onRetry={() => window.location.reload()}
        />,
      ),
  });
  const decision = decideHost(info, navigator.language);
  if (decision.kind === "excel") {
    await renderApp(root, decision.language, decision.functionsSeeBlanks);
    return;
  }
  root.render(<NotInExcel language={decision.language} />);
  if (info === null) {
    // Office may still answer (a very slow start): then the task pane starts after all.
    const late = decideHost(await lateOffice(office), navigator.language);
    if (late.kind === "excel") await renderApp(root, late.language, late.functionsSeeBlanks);
  }
}

void start();

/**
 * Office entry (taskpane.html): waits for office.js, asks host.ts which adapter to use and renders the
 * task pane. Opened outside Excel it points to the standalone mode instead of hanging.
 */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { NotInExcel } from "./components/NotInExcel";
import { decideHost, officeWorkbook, waitForOffice, type OfficeGlobal } from "./host";
import { describeError } from "./useWorkbookAction";

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  const office = (globalThis as { Office?: OfficeGlobal }).Office;
  const decision = decideHost(await waitForOffice(office), navigator.language);
  if (decision.kind !== "excel") {
    root.render(<NotInExcel language={decision.language} />);
    return;
  }
  try {
    root.render(<App port={await officeWorkbook()} language={decision.language} />);
  } catch (thrown) {
    root.render(<NotInExcel language={decision.language} error={describeError(thrown)} />);
  }
}

void start();

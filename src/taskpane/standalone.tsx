/**
 * Browser entry (standalone.html): the same task pane outside Excel, on an uploaded .xlsx file.
 * No Office.js, no network: the workbook reader is loaded from this server as a separate chunk while the
 * page waits for the user to pick a file.
 */
import { createRoot } from "react-dom/client";
import { StandaloneApp } from "./components/StandaloneApp";
import { openXlsxWorkbook, preloadXlsxWorkbook } from "./host";
import { detectLanguage } from "./i18n";

const container = document.getElementById("root");
if (container) {
  const language = detectLanguage(navigator.languages?.[0] ?? navigator.language);
  document.documentElement.lang = language;
  createRoot(container).render(<StandaloneApp language={language} open={openXlsxWorkbook} />);
  // the reader of the workbook is loaded while the user picks the file
  preloadXlsxWorkbook();
}

/**
 * Hands a file to the user from the page (the model file, the check report): a Blob behind a temporary
 * link that is clicked once. Nothing leaves the machine; the browser (or Excel's web view) saves the file.
 * Excel on the web and on Windows (WebView2) save such downloads; some older hosts ignore them — the
 * standalone page always works (docs/excel-compatibility.md).
 */

/** MIME type of an .xlsx workbook. */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Saves `content` as a file named `name`. */
export type Download = (content: Uint8Array | string, name: string, mime: string) => void;

/**
 * The browser's download of a file made in the page.
 *
 * @example downloadFile('{ "data": … }', "Musterstadt.srb.json", "application/json");
 */
export const downloadFile: Download = (content, name, mime) => {
  const blob = new Blob([content as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the browser has taken the file once the click ran; the URL is freed a little later
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/**
 * The text of a file the user picked (jsdom and older web views lack `File.text()`).
 *
 * @example const text = await fileText(input.files[0]);
 */
export function fileText(file: Blob): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("Die Datei konnte nicht gelesen werden."));
    reader.readAsText(file, "utf-8");
  });
}

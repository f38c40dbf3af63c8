/**
 * SRB's generated sheets as SpreadsheetML, written directly from a `SheetSpec`: inline strings (so the
 * package's shared strings stay untouched), formulas with their cached results, styles from the package's
 * own styles part (`StylesEditor`), column widths, frozen header rows, SRB's tab colour, and the page
 * set-up for sheets with charts. Also gives the content fingerprint of what it wrote (store.ts).
 */
import { a1 } from "../../engine/table";
import type { SheetCell, SheetSpec } from "../port";
import type { FingerprintCell } from "../store";
import { xmlSafeText, xmlUnsafeNote } from "../xmlText";
import type { StylesEditor } from "./stylesEditor";
import { NS, escapeXml } from "./xmlParts";

/** Excel's limits. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_TEXT = 32_767;

/** Tab colour that marks SRB's generated sheets. */
const GENERATED_TAB_COLOUR = "FF1F5C99";

/** Cuts text to Excel's cell limit, ending in "…". */
function fitCellText(text: string): { text: string; cut: boolean } {
  if (text.length <= EXCEL_MAX_CELL_TEXT) return { text, cut: false };
  let head = text.slice(0, EXCEL_MAX_CELL_TEXT - 1);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return { text: `${head}…`, cut: true };
}

export interface WrittenSheet {
  xml: string;
  /** The cells as the fingerprint sees them when reading the sheet back. */
  cells: FingerprintCell[][];
  /** The rows actually written (cut to Excel's limits), for charts. */
  rows: SheetCell[][];
}

/**
 * Writes one generated sheet.
 *
 * @example
 * const { xml } = sheetXml("Verteilung", spec, styles, notes, { drawingRelId: "rId1" });
 */
export function sheetXml(
  name: string,
  spec: SheetSpec,
  styles: StylesEditor,
  notes: string[],
  options: { drawingRelId?: string; landscape?: boolean; store?: boolean; tableRelIds?: string[] } = {},
): WrittenSheet {
  let rows = spec.rows;
  if (rows.length > EXCEL_MAX_ROWS) {
    notes.push(
      `Blatt „${name}“: ${rows.length} Zeilen angefordert, Excel erlaubt höchstens ${EXCEL_MAX_ROWS}; der Rest fehlt.`,
    );
    rows = rows.slice(0, EXCEL_MAX_ROWS);
  }
  const cells: FingerprintCell[][] = [];
  const out: string[] = [];
  let unsafe = 0;
  let maxCol = 0;
  const safe = (text: string): string => {
    const s = xmlSafeText(text);
    if (s.replaced > 0) unsafe++;
    return s.text;
  };
  rows.forEach((row, i) => {
    if (row.length > EXCEL_MAX_COLUMNS) {
      notes.push(`Blatt „${name}“, Zeile ${i + 1}: mehr als ${EXCEL_MAX_COLUMNS} Spalten; der Rest fehlt.`);
    }
    const r = i + 1;
    const line: string[] = [];
    const fp: FingerprintCell[] = [];
    const n = Math.min(row.length, EXCEL_MAX_COLUMNS);
    for (let j = 0; j < n; j++) {
      const c = row[j];
      if (!c) continue;
      const hasFormula = c.formula !== undefined && c.formula !== "";
      if (!hasFormula && (c.value === null || c.value === undefined) && !c.numFmt && !c.bold) continue;
      const ref = a1(r, j + 1);
      const s = styles.styleFor(c.numFmt, c.bold);
      const sAttr = s ? ` s="${s}"` : "";
      if (hasFormula) {
        const formula = (c.formula as string).replace(/^=/, "");
        const f = `<f>${escapeXml(formula)}</f>`;
        fp[j] = `=${formula}`;
        if (typeof c.value === "string") {
          line.push(
            `<c r="${ref}"${sAttr} t="str">${f}<v>${escapeXml(fitCellText(safe(c.value)).text)}</v></c>`,
          );
        } else if (typeof c.value === "boolean") {
          line.push(`<c r="${ref}"${sAttr} t="b">${f}<v>${c.value ? 1 : 0}</v></c>`);
        } else if (typeof c.value === "number" && Number.isFinite(c.value)) {
          line.push(`<c r="${ref}"${sAttr}>${f}<v>${c.value}</v></c>`);
        } else {
          line.push(`<c r="${ref}"${sAttr}>${f}</c>`);
        }
      } else if ((c as { error?: boolean }).error && typeof c.value === "string") {
        // an error literal the write plan decided on (a non-finite number as #NUM!)
        fp[j] = { error: c.value };
        line.push(`<c r="${ref}"${sAttr} t="e"><v>${escapeXml(c.value)}</v></c>`);
      } else if (typeof c.value === "string") {
        // an inline string is text, never a formula, whatever its first character
        const fitted = fitCellText(safe(c.value));
        if (fitted.cut) {
          notes.push(`Blatt „${name}“, Zelle ${ref}: Text auf ${EXCEL_MAX_CELL_TEXT} Zeichen gekürzt.`);
        }
        fp[j] = fitted.text;
        line.push(
          `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${escapeXml(fitted.text)}</t></is></c>`,
        );
      } else if (typeof c.value === "number" && !Number.isFinite(c.value)) {
        notes.push(
          `Blatt „${name}“, Zelle ${ref}: keine endliche Zahl (${c.value}), als #ZAHL! geschrieben.`,
        );
        fp[j] = { error: "#NUM!" };
        line.push(`<c r="${ref}"${sAttr} t="e"><v>#NUM!</v></c>`);
      } else if (typeof c.value === "number") {
        fp[j] = c.value;
        line.push(`<c r="${ref}"${sAttr}><v>${c.value}</v></c>`);
      } else if (typeof c.value === "boolean") {
        fp[j] = c.value;
        line.push(`<c r="${ref}"${sAttr} t="b"><v>${c.value ? 1 : 0}</v></c>`);
      } else {
        line.push(`<c r="${ref}"${sAttr}/>`);
      }
      if (j + 1 > maxCol) maxCol = j + 1;
    }
    cells.push(fp);
    if (line.length > 0) out.push(`<row r="${r}">${line.join("")}</row>`);
  });
  if (unsafe > 0) notes.push(xmlUnsafeNote(name, unsafe));

  const landscape = options.landscape === true;
  const sheetPr = options.store
    ? ""
    : `<sheetPr><tabColor rgb="${GENERATED_TAB_COLOUR}"/>${landscape ? '<pageSetUpPr fitToPage="1"/>' : ""}</sheetPr>`;
  const dimension = maxCol > 0 && rows.length > 0 ? `<dimension ref="A1:${a1(rows.length, maxCol)}"/>` : "";
  const freeze =
    spec.freezeRows && spec.freezeRows > 0 && spec.freezeRows < EXCEL_MAX_ROWS ? spec.freezeRows : 0;
  const pane = freeze
    ? `<pane ySplit="${freeze}" topLeftCell="${a1(freeze + 1, 1)}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft" activeCell="${a1(freeze + 1, 1)}" sqref="${a1(freeze + 1, 1)}"/>`
    : "";
  const cols = (spec.columnWidths ?? [])
    .map((w, j) =>
      w > 0 && Number.isFinite(w) && j < EXCEL_MAX_COLUMNS
        ? `<col min="${j + 1}" max="${j + 1}" width="${Math.min(w, 255)}" customWidth="1"/>`
        : "",
    )
    .join("");
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">${sheetPr}${dimension}` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${out.join("")}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (landscape ? `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>` : "") +
    (options.drawingRelId ? `<drawing r:id="${options.drawingRelId}"/>` : "") +
    // tableParts come after drawing (CT_Worksheet schema order)
    (options.tableRelIds && options.tableRelIds.length > 0
      ? `<tableParts count="${options.tableRelIds.length}">` +
        options.tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join("") +
        `</tableParts>`
      : "") +
    `</worksheet>`;
  return { xml, cells, rows };
}

/**
 * SRB's generated sheets as SpreadsheetML, written from the write plan's cells (`PlannedSheet`,
 * writePlan.ts): inline strings (so the package's shared strings stay untouched), formulas with their
 * cached results, error literals, styles from the package's own styles part (`StylesEditor`), column
 * widths, row heights of wrapped headers, frozen header rows, SRB's tab colour, the page set-up (A4,
 * landscape, fit to one page wide, page header and footer: `PlannedPrint`), and the references
 * to its drawing and tables. Excel's limits, XML-unsafe characters and non-finite numbers are the plan's
 * business: this writer writes what it is given.
 */
import { a1, columnLetters } from "../../engine/table";
import { headerFooterCode, type PlannedPrint } from "../printLayout";
import { GENERATED_TAB_COLOUR, type PlannedCell } from "../writePlan";
import type { StylesEditor } from "./stylesEditor";
import { NS, escapeXml } from "./xmlParts";

/** What `sheetXml` writes: planned cells (row-major from A1), widths and frozen header rows. */
export interface SheetContent {
  rows: readonly (readonly (PlannedCell | undefined)[])[];
  columnWidths?: readonly number[];
  freezeRows?: number;
  /** Page set-up (A4, landscape, fit to width, page header); none for the store sheet. */
  print?: PlannedPrint;
  /** Heights (points) of rows whose wrapped cells take more than one line. */
  rowHeights?: readonly { row: number; points: number }[];
}

export interface WrittenSheet {
  /** The sheet part, UTF-8 encoded. */
  xml: Uint8Array;
}

const encoder = new TextEncoder();

/**
 * UTF-8 bytes appended piece by piece. Under Node, into one resizable buffer that grows in place (its
 * address space reserved, its pages taken only as they are written): the part is that buffer, never
 * copied — a fresh page costs a page fault, and a sheet of 10,000 Kitas is 16 MB of them; a copy into a
 * joined part was as many again. Elsewhere (a browser, whose Compression Streams may refuse a resizable
 * buffer) into a list of blocks (64 KB growing to 1 MB each, or bigger for one long piece), joined once
 * at the end. Never one JavaScript string of the whole sheet (which would take two bytes a character as
 * soon as one "−" occurs in it).
 */
class Utf8Sink {
  private readonly blocks: Uint8Array[] = [];
  private block = new Uint8Array(0);
  private used = 0;
  private next = FIRST_BLOCK_BYTES / 2;
  private pending = "";
  /** The resizable buffer `block` views (Node), or null: blocks. */
  private growing: ArrayBuffer | null = growingBuffer();

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 15) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = "";
    if (text === "") return;
    // at most three bytes per UTF-16 unit
    const needed = this.used + text.length * 3;
    if (needed > this.block.length) {
      const growing = this.growing;
      const size = Math.max(needed, this.block.length * 2, FIRST_BLOCK_BYTES);
      if (growing && size <= (growing as { maxByteLength?: number }).maxByteLength!) {
        (growing as ArrayBuffer & { resize(n: number): void }).resize(size);
        this.block = new Uint8Array(growing, 0, size);
      } else {
        // blocks (and on, should a resizable buffer ever be full)
        this.growing = null;
        if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
        // blocks grow from 64 KB to 1 MB: a small sheet (the store, a sample town's) takes little memory
        this.next = Math.min(this.next * 2, BLOCK_BYTES);
        this.block = new Uint8Array(Math.max(this.next, text.length * 3));
        this.used = 0;
      }
    }
    this.used += encoder.encodeInto(text, this.block.subarray(this.used)).written;
  }

  /** The bytes written (the part: nothing is written after them). */
  bytes(): Uint8Array {
    this.flush();
    if (this.blocks.length === 0) return this.block.subarray(0, this.used);
    this.blocks.push(this.block.subarray(0, this.used));
    let length = 0;
    for (const b of this.blocks) length += b.length;
    const out = new Uint8Array(length);
    let at = 0;
    for (const b of this.blocks) {
      out.set(b, at);
      at += b.length;
    }
    this.blocks.length = 0;
    this.block = new Uint8Array(0);
    this.used = 0;
    return out;
  }
}

/** Largest sheet part in one resizable buffer (address space reserved, not memory). */
const GROWING_MAX_BYTES = 2 ** 31;

/**
 * A resizable buffer of length 0 under Node (which has them, and deflates with zlib), else null. Not in
 * a browser: its Compression Streams may refuse a view of a resizable buffer.
 */
function growingBuffer(): ArrayBuffer | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: unknown; versions?: { node?: string } } })
    .process;
  if (typeof proc?.getBuiltinModule !== "function" || !proc.versions?.node) return null;
  if (typeof (ArrayBuffer.prototype as { resize?: unknown }).resize !== "function") return null;
  try {
    const Growing = ArrayBuffer as unknown as new (
      length: number,
      options: { maxByteLength: number },
    ) => ArrayBuffer;
    return new Growing(0, { maxByteLength: GROWING_MAX_BYTES });
  } catch {
    return null;
  }
}

/** Sizes of the blocks of `Utf8Sink`: the first, and the largest. */
const FIRST_BLOCK_BYTES = 1 << 16;
const BLOCK_BYTES = 1 << 20;

/**
 * Writes one generated sheet (or the store sheet, `store: true`: no tab colour). The rows are written as
 * one string per row, joined once; column letters and the last cell style are remembered, since a
 * column's cells mostly share their style (10,000 Kitas are several hundred thousand cells).
 *
 * @example
 * const { xml } = sheetXml({ rows: plan.sheets[0].rows, freezeRows: 1 }, styles, { drawingRelId: "rId1" });
 * // => '<?xml …?><worksheet …><sheetPr><tabColor rgb="FF1F5C99"/></sheetPr>…<drawing r:id="rId1"/></worksheet>'
 */
export function sheetXml(
  content: SheetContent,
  styles: StylesEditor,
  options: { drawingRelId?: string; store?: boolean; tableRelIds?: string[] } = {},
): WrittenSheet {
  const rows = content.rows;
  const out = new Utf8Sink();
  const print = options.store ? undefined : content.print;
  const sheetPr = options.store
    ? ""
    : `<sheetPr><tabColor rgb="FF${GENERATED_TAB_COLOUR}"/>${print ? '<pageSetUpPr fitToPage="1"/>' : ""}</sheetPr>`;
  const maxCol = usedColumns(rows);
  const dimension = maxCol > 0 && rows.length > 0 ? `<dimension ref="A1:${a1(rows.length, maxCol)}"/>` : "";
  const freeze = content.freezeRows && content.freezeRows > 0 ? content.freezeRows : 0;
  const pane = freeze
    ? `<pane ySplit="${freeze}" topLeftCell="${a1(freeze + 1, 1)}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft" activeCell="${a1(freeze + 1, 1)}" sqref="${a1(freeze + 1, 1)}"/>`
    : "";
  const cols = (content.columnWidths ?? [])
    .map((w, j) =>
      w > 0 && Number.isFinite(w)
        ? `<col min="${j + 1}" max="${j + 1}" width="${Math.min(w, 255)}" customWidth="1"/>`
        : "",
    )
    .join("");
  const head =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">${sheetPr}${dimension}` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>`;
  // the head first: the part is written front to back, never joined (`Utf8Sink`)
  out.write(head);
  const heights = new Map((content.rowHeights ?? []).map((h) => [h.row, h.points]));
  const letters: string[] = [];
  let lastFormat: string | undefined;
  let lastBold: boolean | undefined;
  let lastWrap: boolean | undefined;
  let lastStyle = "";
  let known = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const r = i + 1;
    let line = "";
    for (let j = 0; j < row.length; j++) {
      const c = row[j];
      if (!c) continue;
      const hasFormula = c.formula !== undefined && c.formula !== "";
      if (!hasFormula && (c.value === null || c.value === undefined) && !c.numFmt && !c.bold) continue;
      const ref = `${(letters[j] ??= columnLetters(j + 1))}${r}`;
      if (!known || c.numFmt !== lastFormat || c.bold !== lastBold || c.wrap !== lastWrap) {
        const s = styles.styleFor(c.numFmt, c.bold, c.wrap);
        lastStyle = s ? ` s="${s}"` : "";
        lastFormat = c.numFmt;
        lastBold = c.bold;
        lastWrap = c.wrap;
        known = true;
      }
      const sAttr = lastStyle;
      if (hasFormula) {
        const formula = (c.formula as string).replace(/^=/, "");
        const f = `<f>${escapeXml(formula)}</f>`;
        if (typeof c.value === "string") {
          line += `<c r="${ref}"${sAttr} t="str">${f}<v>${escapeXml(c.value)}</v></c>`;
        } else if (typeof c.value === "boolean") {
          line += `<c r="${ref}"${sAttr} t="b">${f}<v>${c.value ? 1 : 0}</v></c>`;
        } else if (typeof c.value === "number" && Number.isFinite(c.value)) {
          line += `<c r="${ref}"${sAttr}>${f}<v>${c.value}</v></c>`;
        } else {
          line += `<c r="${ref}"${sAttr}>${f}</c>`;
        }
      } else if (c.error && typeof c.value === "string") {
        // an error literal the write plan decided on (a non-finite number as #NUM!)
        line += `<c r="${ref}"${sAttr} t="e"><v>${escapeXml(c.value)}</v></c>`;
      } else if (typeof c.value === "string") {
        // an inline string is text, never a formula, whatever its first character
        line += `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.value)}</t></is></c>`;
      } else if (typeof c.value === "number" && Number.isFinite(c.value)) {
        line += `<c r="${ref}"${sAttr}><v>${c.value}</v></c>`;
      } else if (typeof c.value === "boolean") {
        line += `<c r="${ref}"${sAttr} t="b"><v>${c.value ? 1 : 0}</v></c>`;
      } else {
        line += `<c r="${ref}"${sAttr}/>`;
      }
    }
    const height = heights.get(r);
    const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : "";
    if (line !== "") out.write(`<row r="${r}"${ht}>${line}</row>`);
  }

  const tail =
    `</sheetData>` +
    pageSetupXml(print) +
    (options.drawingRelId ? `<drawing r:id="${options.drawingRelId}"/>` : "") +
    // tableParts come after drawing (CT_Worksheet schema order)
    (options.tableRelIds && options.tableRelIds.length > 0
      ? `<tableParts count="${options.tableRelIds.length}">` +
        options.tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join("") +
        `</tableParts>`
      : "") +
    `</worksheet>`;
  out.write(tail);
  return { xml: out.bytes() };
}

/** The last column (1-based) of the widest row as `sheetXml` writes it: a cell with content or style. */
function usedColumns(rows: SheetContent["rows"]): number {
  let maxCol = 0;
  for (const row of rows) {
    if (!row) continue;
    for (let j = row.length - 1; j >= maxCol; j--) {
      const c = row[j];
      if (!c) continue;
      const hasFormula = c.formula !== undefined && c.formula !== "";
      if (hasFormula || (c.value !== null && c.value !== undefined) || c.numFmt || c.bold) {
        maxCol = j + 1;
        break;
      }
    }
  }
  return maxCol;
}

/**
 * `<pageMargins>`, `<pageSetup>`, `<headerFooter>` and `<rowBreaks>` (in CT_Worksheet's order) of a planned page set-up;
 * Excel's default margins without one.
 *
 * @example pageSetupXml(planPrint(undefined, "Verteilung", 1));
 * // => '<pageMargins left="0.4" …/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter>…'
 */
export function pageSetupXml(print: PlannedPrint | undefined): string {
  if (!print) {
    return `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  }
  const m = print.margins;
  const header = headerFooterCode(print.header);
  const footer = headerFooterCode(print.footer);
  return (
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="9"${print.pageOrder === "overThenDown" ? ' pageOrder="overThenDown"' : ""} orientation="${print.orientation}" fitToWidth="${print.fitToWidth}" fitToHeight="${print.fitToHeight}"/>` +
    (header || footer
      ? `<headerFooter>${header ? `<oddHeader>${escapeXml(header)}</oddHeader>` : ""}` +
        `${footer ? `<oddFooter>${escapeXml(footer)}</oddFooter>` : ""}</headerFooter>`
      : "") +
    // manual page breaks (a section starts on a new page): `id` is the row above the break
    (print.rowBreaks.length > 0
      ? `<rowBreaks count="${print.rowBreaks.length}" manualBreakCount="${print.rowBreaks.length}">` +
        print.rowBreaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("") +
        `</rowBreaks>`
      : "")
  );
}

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
import { streamingDeflate, type DeflatedPart, type PartDeflater } from "./zipArchive";

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

/** The characters XML text and attribute values escape, by code (`ESCAPES[c]`; "" for the others). */
const ESCAPES: readonly string[] = (() => {
  const table: string[] = new Array<string>(0x80).fill("");
  table[0x26] = "&amp;";
  table[0x3c] = "&lt;";
  table[0x3e] = "&gt;";
  table[0x22] = "&quot;";
  table[0x27] = "&apos;";
  table[0x0d] = "&#13;";
  return table;
})();

/**
 * UTF-8 bytes written piece by piece straight into the part: markup, cell references and numbers one
 * byte per character, text escaped as it is copied (`escapeXml`'s entities) — never a string per row or
 * per sheet (a sheet of 10,000 Kitas is 16 MB of XML, and joined strings of it were as many MB of
 * garbage, plus the copying when they were encoded). Each write makes room for its worst case first, in
 * an ordinary byte array (`block`: V8 optimises element writes into it, not into a view of a resizable
 * buffer). Under Node, a full block is copied on into one resizable buffer that grows in place (its
 * address space reserved, its pages taken only as they are written) and the part is that buffer, never
 * copied again — a fresh page costs a page fault, and a sheet of 10,000 Kitas is 16 MB of them.
 * Elsewhere (a browser, whose Compression Streams may refuse a resizable buffer) the blocks are kept
 * (64 KB growing to 1 MB each, or bigger for one long piece) and joined once at the end.
 */
class Utf8Sink {
  private readonly blocks: Uint8Array[] = [];
  private block: Uint8Array = new Uint8Array(FIRST_BLOCK_BYTES);
  private used = 0;
  private next = FIRST_BLOCK_BYTES;
  /** The resizable buffer the blocks are copied into (Node), or null: blocks kept. */
  private growing: ArrayBuffer | null = growingBuffer();
  /** Bytes copied into `growing` so far (and handed to `deflater`, once it is there). */
  private grown = 0;
  /** The deflate the bytes go to, block by block, once there are more than `STREAM_FROM_BYTES`. */
  private deflater: PartDeflater | null = null;
  /** Blocks handed to `deflater` and not yet deflated; blocks deflated, to be used again. */
  private inFlight = 0;
  private readonly free: Uint8Array[] = [];
  private wake: (() => void) | null = null;

  /**
   * `startDeflate`: where a part may be deflated as it is written (`sheetPart`; tried once, when the part
   * passes a megabyte), else null.
   */
  constructor(private startDeflate: (() => PartDeflater | null) | null) {}

  /** Blocks are waiting to be deflated: the writer should wait (`drained`) before it goes on. */
  backlog(): boolean {
    return this.inFlight >= STREAM_BACKLOG;
  }

  /** Resolves when fewer than `STREAM_BACKLOG` blocks wait to be deflated. */
  drained(): Promise<void> {
    if (!this.backlog()) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** The part's deflate when it was deflated as it was written (the last block handed on), else null. */
  finish(): Promise<DeflatedPart> | null {
    if (this.deflater === null) return null;
    this.spill();
    return this.deflater.end();
  }

  /** Text that is ASCII and needs no escaping (markup, references, numbers): one byte a character. */
  ascii(text: string): void {
    const n = text.length;
    if (this.used + n > this.block.length) this.room(n);
    const b = this.block;
    let at = this.used;
    for (let i = 0; i < n; i++) b[at++] = text.charCodeAt(i);
    this.used = at;
  }

  /** Any text, escaped for XML as `escapeXml` does, in UTF-8 (as `TextEncoder` writes it). */
  xml(text: string): void {
    const n = text.length;
    // at most six bytes a UTF-16 unit ("&quot;"; a unit outside ASCII is at most three in UTF-8)
    if (this.used + n * 6 > this.block.length) this.room(n * 6);
    const b = this.block;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        // the rest as before: escaped, then encoded natively (a surrogate pair never starts before i)
        at += encoder.encodeInto(escapeXml(text.slice(i)), b.subarray(at)).written;
        break;
      }
      const entity = ESCAPES[c];
      if (entity === "") b[at++] = c;
      else for (let k = 0; k < entity.length; k++) b[at++] = entity.charCodeAt(k);
    }
    this.used = at;
  }

  /** XML as it is (escaped already): UTF-8. */
  utf8(text: string): void {
    if (this.used + text.length * 3 > this.block.length) this.room(text.length * 3);
    this.used += encoder.encodeInto(text, this.block.subarray(this.used)).written;
  }

  /** Room for `n` more bytes in the current block. */
  private room(n: number): void {
    this.spill();
    // one long piece (a text of thousands of characters) gets a block of its own size
    if (n > this.block.length) this.block = new Uint8Array(n);
  }

  /** The block's bytes moved on (into the resizable buffer, or kept as a full block); the block is empty. */
  private spill(): void {
    if (this.used === 0) return;
    if (this.startDeflate !== null && this.grown + this.used > STREAM_FROM_BYTES) {
      // more than a megabyte (zlib's level 1, as for any part of that size): deflated from here on
      this.deflater = this.startDeflate();
      this.startDeflate = null;
      // what is written so far (the resizable buffer, or the blocks), left as it is until deflated
      if (this.deflater !== null && this.growing !== null && this.grown > 0) {
        this.deflater.write(new Uint8Array(this.growing, 0, this.grown), () => undefined);
      }
      if (this.deflater !== null) {
        for (const b of this.blocks) {
          this.deflater.write(b, () => undefined);
          this.grown += b.length;
        }
        this.blocks.length = 0;
      }
    }
    if (this.deflater !== null) {
      const full = this.block;
      this.inFlight++;
      this.deflater.write(full.subarray(0, this.used), () => {
        this.inFlight--;
        this.free.push(full);
        const wake = this.wake;
        if (wake && !this.backlog()) {
          this.wake = null;
          wake();
        }
      });
      this.grown += this.used;
      this.block = this.free.pop() ?? new Uint8Array(STREAM_BLOCK_BYTES);
      this.used = 0;
      return;
    }
    const growing = this.growing as (ArrayBuffer & { resize(n: number): void; maxByteLength: number }) | null;
    const needed = this.grown + this.used;
    if (growing && needed <= growing.maxByteLength) {
      if (needed > growing.byteLength) {
        growing.resize(Math.min(Math.max(needed, growing.byteLength * 2), growing.maxByteLength));
      }
      new Uint8Array(growing, this.grown, this.used).set(this.block.subarray(0, this.used));
      this.grown = needed;
      this.used = 0;
      return;
    }
    if (growing) {
      // blocks from here on, should a resizable buffer ever be full
      if (this.grown > 0) this.blocks.push(new Uint8Array(growing, 0, this.grown));
      this.growing = null;
    }
    this.blocks.push(this.block.subarray(0, this.used));
    // blocks grow from 64 KB to 1 MB: a small sheet (the store, a sample town's) takes little memory
    this.next = Math.min(this.next * 2, BLOCK_BYTES);
    this.block = new Uint8Array(this.next);
    this.used = 0;
  }

  /** The bytes written (the part: nothing is written after them). */
  bytes(): Uint8Array {
    // a part that fits its first block (most sheets, the store): that block, not copied on
    if (this.grown === 0 && this.blocks.length === 0 && this.deflater === null) {
      const part = this.block.subarray(0, this.used);
      this.block = new Uint8Array(0);
      this.used = 0;
      return part;
    }
    if (this.growing) {
      this.spill();
      if (this.growing) return new Uint8Array(this.growing, 0, this.grown);
    }
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
/** A part is deflated as it is written from this size on (`compress` deflates such a part at level 1). */
const STREAM_FROM_BYTES = 1_000_000;
/** Blocks of a part deflated as it is written, and how many may wait to be deflated. */
const STREAM_BLOCK_BYTES = 1 << 18;
const STREAM_BACKLOG = 2;

/**
 * Writes one generated sheet (or the store sheet, `store: true`: no tab colour). Cells are written
 * straight into the part's bytes (`Utf8Sink`); column letters, the last cell's style and each column's last
 * style are remembered, since a column's cells mostly share their style (10,000 Kitas are several hundred
 * thousand cells).
 *
 * @example
 * const { xml } = sheetXml({ rows: plan.sheets[0].rows, freezeRows: 1 }, styles, { drawingRelId: "rId1" });
 * // => '<?xml …?><worksheet …><sheetPr><tabColor rgb="FF1F5C99"/></sheetPr>…<drawing r:id="rId1"/></worksheet>'
 */
export function sheetXml(
  content: SheetContent,
  styles: StylesEditor,
  options: SheetOptions = {},
): WrittenSheet {
  const out = new Utf8Sink(null);
  const writing = writeSheet(content, styles, options, out);
  while (!writing.next().done);
  return { xml: out.bytes() };
}

/** Where a sheet's part refers to its drawing and tables; `store`: the store sheet (no tab colour). */
export type SheetOptions = { drawingRelId?: string; store?: boolean; tableRelIds?: string[] };

/** A sheet part as `sheetPart` gives it: its bytes, or (a big one under Node) its deflate on its way. */
export type SheetPart = { xml: Uint8Array } | { deflated: Promise<DeflatedPart> };

/**
 * `sheetXml`, but a part of more than a megabyte under Node is deflated as it is written (zlib on its
 * thread pool, in blocks that are used again once deflated), never held whole: the Einrichtungen sheet
 * of 10,000 Kitas is 16 MB of XML, and every fresh page costs a page fault (16 MB: ~80 ms here). The
 * same bytes as deflating the whole part (zlib's output does not depend on how its input is cut).
 * Smaller parts, and every part elsewhere, come back as bytes.
 *
 * @example const part = await sheetPart(planned, styles, { drawingRelId: "rId1" }); // { deflated: … } for 10,000 Kitas
 */
export async function sheetPart(
  content: SheetContent,
  styles: StylesEditor,
  options: SheetOptions = {},
): Promise<SheetPart> {
  const out = new Utf8Sink(streamingDeflate);
  const writing = writeSheet(content, styles, options, out);
  while (!writing.next().done) await out.drained();
  const deflated = out.finish();
  return deflated ? { deflated } : { xml: out.bytes() };
}

/**
 * Writes the sheet into `out`, pausing (yielding) after a row whenever `out` has blocks waiting to be
 * deflated (`Utf8Sink.backlog`); `sheetXml` never pauses.
 */
function* writeSheet(
  content: SheetContent,
  styles: StylesEditor,
  options: SheetOptions,
  out: Utf8Sink,
): Generator<void> {
  const rows = content.rows;
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
  out.utf8(head);
  const heights = new Map((content.rowHeights ?? []).map((h) => [h.row, h.points]));
  const letters: string[] = [];
  let lastFormat: string | undefined;
  let lastBold: boolean | undefined;
  let lastWrap: boolean | undefined;
  let lastStyle = "";
  let known = false;
  const columnStyles: ({ numFmt?: string; bold?: boolean; wrap?: boolean; attribute: string } | undefined)[] =
    [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const r = i + 1;
    // `<row …>` when the row has its first cell: a row without one is not written
    let rowText = "";
    for (let j = 0; j < row.length; j++) {
      const c = row[j];
      if (!c) continue;
      if (!writesCell(c)) continue;
      const hasFormula = c.formula !== undefined && c.formula !== "";
      if (rowText === "") {
        rowText = String(r);
        const height = heights.get(r);
        out.ascii(`<row r="${rowText}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ""}>`);
      }
      if (!known || c.numFmt !== lastFormat || c.bold !== lastBold || c.wrap !== lastWrap) {
        // the style this column's cells had last (the cells of a row change style from column to column)
        const column = columnStyles[j];
        if (
          column !== undefined &&
          c.numFmt === column.numFmt &&
          c.bold === column.bold &&
          c.wrap === column.wrap
        ) {
          lastStyle = column.attribute;
        } else {
          const s = styles.styleFor(c.numFmt, c.bold, c.wrap);
          lastStyle = s ? ` s="${s}"` : "";
          columnStyles[j] = { numFmt: c.numFmt, bold: c.bold, wrap: c.wrap, attribute: lastStyle };
        }
        lastFormat = c.numFmt;
        lastBold = c.bold;
        lastWrap = c.wrap;
        known = true;
      }
      out.ascii('<c r="');
      out.ascii((letters[j] ??= columnLetters(j + 1)));
      out.ascii(rowText);
      out.ascii('"');
      out.ascii(lastStyle);
      const v = c.value;
      if (hasFormula) {
        const formula = c.formula as string;
        if (typeof v === "string") out.ascii(' t="str"');
        else if (typeof v === "boolean") out.ascii(' t="b"');
        out.ascii("><f>");
        out.xml(formula.charCodeAt(0) === 0x3d /* "=" */ ? formula.slice(1) : formula);
        out.ascii("</f>");
        if (typeof v === "string") {
          out.ascii("<v>");
          out.xml(v);
          out.ascii("</v></c>");
        } else if (typeof v === "boolean") {
          out.ascii(v ? "<v>1</v></c>" : "<v>0</v></c>");
        } else if (typeof v === "number" && Number.isFinite(v)) {
          out.ascii("<v>");
          out.ascii(String(v));
          out.ascii("</v></c>");
        } else {
          out.ascii("</c>");
        }
      } else if (c.error && typeof v === "string") {
        // an error literal the write plan decided on (a non-finite number as #NUM!)
        out.ascii(' t="e"><v>');
        out.xml(v);
        out.ascii("</v></c>");
      } else if (typeof v === "string") {
        // an inline string is text, never a formula, whatever its first character
        out.ascii(' t="inlineStr"><is><t xml:space="preserve">');
        out.xml(v);
        out.ascii("</t></is></c>");
      } else if (typeof v === "number" && Number.isFinite(v)) {
        out.ascii("><v>");
        out.ascii(String(v));
        out.ascii("</v></c>");
      } else if (typeof v === "boolean") {
        out.ascii(v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
      } else {
        out.ascii("/>");
      }
    }
    if (rowText !== "") out.ascii("</row>");
    if (out.backlog()) yield;
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
  out.utf8(tail);
}

/** Is a cell written at all: a formula, a value, or a style (a blank styled cell to type into)? */
function writesCell(c: PlannedCell): boolean {
  return (
    (c.formula !== undefined && c.formula !== "") ||
    (c.value !== null && c.value !== undefined) ||
    Boolean(c.numFmt) ||
    c.bold === true
  );
}

/** The last column (1-based) of the widest row as `sheetXml` writes it: a cell `writesCell` writes. */
function usedColumns(rows: SheetContent["rows"]): number {
  let maxCol = 0;
  for (const row of rows) {
    if (!row) continue;
    for (let j = row.length - 1; j >= maxCol; j--) {
      const c = row[j];
      if (c && writesCell(c)) {
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

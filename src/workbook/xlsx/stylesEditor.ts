/**
 * Adds the cell styles SRB's sheets need (number formats, bold) to a package's styles part, by appending:
 * every existing number format, font and cell style keeps its index, so the user's cells look exactly as
 * before. A style SRB added in an earlier run is found again (same XML) and reused, so re-runs do not grow
 * the part.
 */
import { attr, escapeXml, parseXml } from "./xmlParts";

/** Built-in number format ids SRB's formats can use without a custom entry. */
const BUILTIN_IDS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

interface Element {
  /** Offset of "<" of the start tag, offset after ">" of the start tag, offset of "</" of the end tag. */
  start: number;
  openEnd: number;
  closeStart: number;
  selfClosing: boolean;
  prefix: string;
}

/** A minimal styles part for a package that has none. */
export const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

/**
 * The styles of one package, extended on demand.
 *
 * @example
 * const styles = new StylesEditor(stylesXml);
 * const s = styles.styleFor('#,##0.00 "€"', true); // cellXfs index for the `s` attribute
 * const xml = styles.changed ? styles.toXml() : stylesXml;
 */
export class StylesEditor {
  private numFmts: Element | null = null;
  private fonts: Element | null = null;
  private cellXfs: Element | null = null;
  private rootOpenEnd = -1;
  private readonly customFormats = new Map<string, number>();
  private maxFormatId = 163;
  private numFmtCount = 0;
  private readonly fontXml: string[] = [];
  private readonly xfXml: string[] = [];
  private readonly newFormats: string[] = [];
  private readonly newFonts: string[] = [];
  private readonly newXfs: string[] = [];
  private readonly cache = new Map<string, number>();
  private boldFont: number | null | undefined;

  constructor(private readonly xml: string) {
    const stack: { name: string; start: number; openEnd: number; prefix: string; selfClosing: boolean }[] =
      [];
    let fontStart = -1;
    let xfStart = -1;
    parseXml("styles.xml", xml, {
      open: (tag, p) => {
        const openEnd = p.position;
        const start = xml.lastIndexOf("<", openEnd - 1);
        const depth = stack.length;
        stack.push({ name: tag.local, start, openEnd, prefix: tag.prefix, selfClosing: tag.isSelfClosing });
        if (depth === 0) this.rootOpenEnd = openEnd;
        const parent = stack[depth - 1]?.name;
        if (tag.local === "numFmt" && parent === "numFmts") {
          const id = Number(attr(tag, "numFmtId"));
          const code = attr(tag, "formatCode");
          this.numFmtCount++;
          if (Number.isInteger(id)) {
            if (code !== undefined && !this.customFormats.has(code)) this.customFormats.set(code, id);
            this.maxFormatId = Math.max(this.maxFormatId, id);
          }
        }
        if (tag.local === "font" && parent === "fonts") fontStart = start;
        if (tag.local === "xf" && parent === "cellXfs") xfStart = start;
      },
      close: (tag, p) => {
        const open = stack.pop()!;
        const end = p.position;
        const closeStart = open.selfClosing ? end : xml.lastIndexOf("</", end - 1);
        const el: Element = {
          start: open.start,
          openEnd: open.openEnd,
          closeStart,
          selfClosing: open.selfClosing,
          prefix: open.prefix ? `${open.prefix}:` : "",
        };
        const parent = stack[stack.length - 1]?.name;
        if (stack.length === 1) {
          if (tag.local === "numFmts") this.numFmts = el;
          else if (tag.local === "fonts") this.fonts = el;
          else if (tag.local === "cellXfs") this.cellXfs = el;
        }
        if (tag.local === "font" && parent === "fonts") this.fontXml.push(xml.slice(fontStart, end));
        if (tag.local === "xf" && parent === "cellXfs") this.xfXml.push(xml.slice(xfStart, end));
      },
    });
  }

  /** Have styles been added (so the part must be written)? */
  get changed(): boolean {
    return this.newXfs.length > 0 || this.newFonts.length > 0 || this.newFormats.length > 0;
  }

  /**
   * The cellXfs index for a number format, weight and wrapping (top-aligned, so a wrapped header's
   * neighbours line up); 0 (the default style) when nothing is asked.
   */
  styleFor(numFmt: string | undefined, bold: boolean | undefined, wrap?: boolean): number {
    const key = `${bold ? "b" : ""}|${wrap ? "w" : ""}|${numFmt ?? ""}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    let index = 0;
    if (this.cellXfs && (numFmt || bold || wrap)) {
      const formatId = numFmt ? this.formatId(numFmt) : 0;
      const fontId = bold ? this.bold() : 0;
      const p = this.cellXfs.prefix;
      const xf =
        `<${p}xf numFmtId="${formatId}" fontId="${fontId ?? 0}" fillId="0" borderId="0" xfId="0"` +
        `${formatId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}` +
        (wrap ? ` applyAlignment="1"><${p}alignment vertical="top" wrapText="1"/></${p}xf>` : "/>");
      const all = [...this.xfXml, ...this.newXfs];
      index = all.indexOf(xf);
      if (index < 0) {
        this.newXfs.push(xf);
        index = all.length;
      }
    }
    this.cache.set(key, index);
    return index;
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_IDS[code];
    if (builtin !== undefined) return builtin;
    const custom = this.customFormats.get(code);
    if (custom !== undefined) return custom;
    const id = ++this.maxFormatId;
    this.customFormats.set(code, id);
    const p = this.numFmts?.prefix ?? this.cellXfs?.prefix ?? "";
    this.newFormats.push(`<${p}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  /** Index of a bold copy of the default font (added once), null when the part has no fonts. */
  private bold(): number | null {
    if (this.boldFont !== undefined) return this.boldFont;
    const first = this.fontXml[0];
    if (!this.fonts || first === undefined) return (this.boldFont = null);
    const p = this.fonts.prefix;
    const openEnd = first.indexOf(">") + 1;
    const bold =
      first.endsWith("/>") && openEnd === first.length
        ? `${first.slice(0, -2)}><${p}b/></${p}font>`
        : `${first.slice(0, openEnd)}<${p}b/>${first.slice(openEnd)}`;
    const existing = this.fontXml.indexOf(bold);
    if (existing >= 0) return (this.boldFont = existing);
    this.newFonts.push(bold);
    return (this.boldFont = this.fontXml.length);
  }

  /** The styles part with the added entries (and their counts updated). */
  toXml(): string {
    const edits: { at: number; end: number; text: string }[] = [];
    const append = (el: Element | null, name: string, items: string[], total: number) => {
      if (items.length === 0 || !el) return;
      const openTag = this.xml.slice(el.start, el.openEnd);
      const counted = /\bcount\s*=\s*("[^"]*"|'[^']*')/.test(openTag)
        ? openTag.replace(/\bcount\s*=\s*("[^"]*"|'[^']*')/, `count="${total}"`)
        : openTag;
      if (el.selfClosing) {
        edits.push({
          at: el.start,
          end: el.openEnd,
          text: `${counted.replace(/\s*\/>$/, ">")}${items.join("")}</${el.prefix}${name}>`,
        });
      } else {
        edits.push({ at: el.start, end: el.openEnd, text: counted });
        edits.push({ at: el.closeStart, end: el.closeStart, text: items.join("") });
      }
    };
    if (this.newFormats.length > 0 && !this.numFmts) {
      edits.push({
        at: this.rootOpenEnd,
        end: this.rootOpenEnd,
        text: `<${this.cellXfs?.prefix ?? ""}numFmts count="${this.newFormats.length}">${this.newFormats.join("")}</${this.cellXfs?.prefix ?? ""}numFmts>`,
      });
    } else {
      append(this.numFmts, "numFmts", this.newFormats, this.numFmtCount + this.newFormats.length);
    }
    append(this.fonts, "fonts", this.newFonts, this.fontXml.length + this.newFonts.length);
    append(this.cellXfs, "cellXfs", this.newXfs, this.xfXml.length + this.newXfs.length);
    edits.sort((a, b) => b.at - a.at || b.end - a.end);
    let out = this.xml;
    for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
    return out;
  }
}

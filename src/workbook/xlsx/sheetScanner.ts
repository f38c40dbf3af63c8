/**
 * A streaming scanner for the bulk parts of a package (a worksheet's cells, the shared strings): it reads
 * the inflated UTF-8 bytes as they come, one state machine over all chunks (nothing carried over or scanned
 * twice), and reports only what the reader asked for — the elements it names (by local name, any prefix, so
 * `x:c` is `c`), their unprefixed attributes it names, and text only while the reader captures it. Nothing
 * is made into a string that nobody reads; a worksheet of 10,000 Kitas is scanned in a fraction of the time
 * a general XML parser takes.
 *
 * It is an XML reader all the same, never a pattern over the text: start and end tags must match, comments,
 * CDATA sections and processing instructions are read as XML defines them, line ends and attribute
 * whitespace are normalised as XML demands, and only XML's five entities and character references are known.
 * A DTD (`<!DOCTYPE`) is refused, so no entity can ever be declared or expanded; an unknown entity, a
 * damaged tag, nesting deeper than any worksheet needs, or a part that ends inside a tag is refused with a
 * German message naming the part and the line.
 *
 * @example
 * const scan = new SheetScanner("xl/sharedStrings.xml", ["si", "t"], [], {
 *   open: (el) => { if (el === 1) scan.capture = true; },
 *   close: (el) => { if (el === 1) scan.capture = false; },
 *   text: (t) => console.log(t),
 * });
 * scan.write(new TextEncoder().encode("<sst><si><t>Kita &amp; Hort</t></si></sst>"));
 * scan.end(); // logs "Kita & Hort"
 */
import { PackageError } from "./zipArchive";

export interface ScanHandlers {
  /** An element the reader named opened: its index in `elements`, the named attributes' values (by index). */
  open?(element: number, attributes: readonly (string | undefined)[]): void;
  /** A named element closed (an empty element `<c/>` opens and closes). */
  close?(element: number): void;
  /** Text (character data and CDATA) while `capture` is on, in one or more pieces. */
  text?(text: string): void;
  /**
   * Instead of `text`: the same pieces as UTF-8 bytes (`data[0 … length − 1]`, valid only during the call),
   * for a reader that turns most texts into numbers and needs no string for them.
   */
  bytes?(data: Uint8Array, length: number): void;
}

/** Longest value of a raw attribute kept as bytes (longer ones are decoded, see `attributeText`). */
const RAW_BYTES = 32;

/** Deeper nesting than this is no worksheet (SpreadsheetML needs fewer than 10 levels). */
const MAX_DEPTH = 1_000;
/** Longest name kept for comparing (longer names are compared by their hash only). */
const NAME_BYTES = 64;

// states of the scanner
const TEXT = 0;
const LT = 1;
const OPEN_NAME = 2;
const CLOSE_NAME = 3;
const IN_TAG = 4;
const ATTR_NAME = 5;
const AFTER_ATTR_NAME = 6;
const BEFORE_VALUE = 7;
const ATTR_VALUE = 8;
const SELF_CLOSE = 9;
const CLOSE_END = 10;
const BANG = 11;
const COMMENT = 12;
const CDATA = 13;
const PI = 14;
const ENTITY = 15;

const utf8 = new TextDecoder("utf-8", { fatal: false });

function isSpace(b: number): boolean {
  return b === 32 || b === 10 || b === 9 || b === 13;
}

function isNameByte(b: number): boolean {
  // ASCII letters, digits, "_", "-", ".", ":" and every byte of a multi-byte UTF-8 character
  return (
    (b >= 97 && b <= 122) ||
    (b >= 65 && b <= 90) ||
    (b >= 48 && b <= 58) ||
    b === 95 ||
    b === 45 ||
    b === 46 ||
    b >= 0x80
  );
}

/** Growable byte buffer for text and attribute values. */
class Bytes {
  data = new Uint8Array(256);
  length = 0;
  push(b: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint8Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = b;
  }
  /** The bytes as text (ASCII without a decoder call). */
  text(): string {
    return decodeBytes(this.data, this.length);
  }
}

/**
 * UTF-8 bytes as text; short ASCII without a decoder call.
 *
 * @example decodeBytes(new TextEncoder().encode("A12"), 3); // => "A12"
 */
export function decodeBytes(data: Uint8Array, n: number): string {
  if (n === 1 && data[0] < 0x80) return String.fromCharCode(data[0]);
  // up to 12 characters joined one by one stay one flat string; longer ones would become a chain of
  // concatenations held in memory (V8's cons strings): those go through the decoder in one piece
  if (n <= 12) {
    let ascii = true;
    for (let i = 0; i < n; i++) if (data[i] >= 0x80) ascii = false;
    if (ascii) {
      let s = "";
      for (let i = 0; i < n; i++) s += String.fromCharCode(data[i]);
      return s;
    }
  }
  return utf8.decode(data.subarray(0, n));
}

/**
 * See the file comment. `write` the part's bytes chunk by chunk, then `end`; `capture` may be switched in
 * the handlers (it takes effect for the text that follows).
 */
export class SheetScanner {
  /** Deliver text to `handlers.text` while true. */
  capture = false;

  private state = TEXT;
  /** Where an entity reference returns to: TEXT or ATTR_VALUE. */
  private entityReturn = TEXT;
  private line = 1;
  private lastWasCr = false;
  private readonly elementNames: Uint8Array[];
  private readonly attributeNames: Uint8Array[];
  private readonly values: (string | undefined)[];
  /** Per named attribute: kept as bytes (`raw`) instead of decoded into `values`. */
  private readonly rawSlots: boolean[];
  /** The raw attributes' bytes of the open tag, and their lengths (−1: absent; −2: too long, in `values`). */
  private readonly rawData: Uint8Array[];
  private readonly rawLengths: Int32Array;
  // the name being read
  private readonly name = new Uint8Array(NAME_BYTES);
  private nameLength = 0;
  private nameHash = 0;
  private localStart = 0;
  // the open tag being read
  private element = -1;
  private tagHash = 0;
  private attribute = -1;
  private quote = 0;
  private readonly value = new Bytes();
  private readonly textBytes = new Bytes();
  private readonly entity = new Uint8Array(16);
  private entityLength = 0;
  // comment, CDATA, PI, "<!" prefix: how far the end marker (or keyword) has been matched
  private matched = 0;
  private bang = "";
  // open elements: the hash of each name, and its index in `elements` (-1: not named)
  private readonly hashes: number[] = [];
  private readonly ids: number[] = [];
  private seenRoot = false;

  constructor(
    readonly part: string,
    elements: readonly string[],
    attributes: readonly string[],
    private readonly handlers: ScanHandlers,
    raw: readonly string[] = [],
  ) {
    const enc = new TextEncoder();
    this.elementNames = elements.map((e) => enc.encode(e));
    this.attributeNames = attributes.map((a) => enc.encode(a));
    this.values = attributes.map(() => undefined);
    this.rawSlots = attributes.map((a) => raw.includes(a));
    this.rawData = attributes.map(() => new Uint8Array(RAW_BYTES));
    this.rawLengths = new Int32Array(attributes.length).fill(-1);
  }

  /**
   * A raw attribute of the tag being opened (call it in `open`): the number of its bytes in
   * `rawBytes(k)`, or −1 when the tag has none. An attribute too long to keep as bytes gives −2; its text
   * is `attributeText(k)`.
   */
  rawLength(k: number): number {
    return this.rawLengths[k];
  }

  /** The bytes of a raw attribute (see `rawLength`), valid during `open`. */
  rawBytes(k: number): Uint8Array {
    return this.rawData[k];
  }

  /** The text of a named attribute of the tag being opened, raw or not; undefined when absent. */
  attributeText(k: number): string | undefined {
    const n = this.rawLengths[k];
    return n >= 0 ? decodeBytes(this.rawData[k], n) : this.values[k];
  }

  private fail(what: string): PackageError {
    return new PackageError(
      `Die Datei ist beschädigt: Teil „${this.part}“ ist kein gültiges XML (Zeile ${this.line}: ${what}).`,
    );
  }

  /** The index of the name just read among `names` (by local name when `local`), or -1. */
  private lookup(names: Uint8Array[], local: boolean): number {
    if (this.nameLength > NAME_BYTES) return -1;
    const start = local ? this.localStart : 0;
    const length = this.nameLength - start;
    for (let k = 0; k < names.length; k++) {
      const n = names[k];
      if (n.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (n[i] !== this.name[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    return -1;
  }

  private startName(b: number): void {
    this.name[0] = b;
    this.nameLength = 1;
    this.nameHash = (Math.imul(0x811c9dc5, 16777619) ^ b) | 0;
    this.localStart = b === 58 ? 1 : 0;
  }

  private addName(b: number): void {
    if (this.nameLength < NAME_BYTES) this.name[this.nameLength] = b;
    this.nameLength++;
    this.nameHash = Math.imul(this.nameHash ^ b, 16777619);
    if (b === 58) this.localStart = this.nameLength;
  }

  private flushText(): void {
    if (this.textBytes.length === 0) return;
    if (this.capture) {
      if (this.handlers.bytes) this.handlers.bytes(this.textBytes.data, this.textBytes.length);
      else this.handlers.text?.(this.textBytes.text());
    }
    this.textBytes.length = 0;
  }

  private openTag(selfClosing: boolean): void {
    if (this.hashes.length === 0 && this.seenRoot) throw this.fail("zweites Wurzelelement");
    this.seenRoot = true;
    if (!selfClosing) {
      if (this.hashes.length >= MAX_DEPTH) throw this.fail("zu tief verschachtelt");
      this.hashes.push(this.tagHash);
      this.ids.push(this.element);
    }
    if (this.element >= 0) {
      this.handlers.open?.(this.element, this.values);
      if (selfClosing) this.handlers.close?.(this.element);
    }
    for (let k = 0; k < this.values.length; k++) {
      this.values[k] = undefined;
      this.rawLengths[k] = -1;
    }
  }

  private closeTag(): void {
    const hash = this.hashes.pop();
    const id = this.ids.pop();
    if (hash === undefined || id === undefined) throw this.fail("End-Tag ohne Start-Tag");
    if (hash !== this.nameHash) throw this.fail("End-Tag passt nicht zum Start-Tag");
    if (id >= 0) this.handlers.close?.(id);
  }

  /** Appends a Unicode code point to `into` as UTF-8. */
  private static pushCodePoint(into: Bytes, cp: number): void {
    if (cp < 0x80) into.push(cp);
    else if (cp < 0x800) {
      into.push(0xc0 | (cp >> 6));
      into.push(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      into.push(0xe0 | (cp >> 12));
      into.push(0x80 | ((cp >> 6) & 63));
      into.push(0x80 | (cp & 63));
    } else {
      into.push(0xf0 | (cp >> 18));
      into.push(0x80 | ((cp >> 12) & 63));
      into.push(0x80 | ((cp >> 6) & 63));
      into.push(0x80 | (cp & 63));
    }
  }

  /** Resolves the entity reference just read into `into` (XML's five and character references only). */
  private resolveEntity(into: Bytes | null): void {
    const e = this.entity;
    const n = this.entityLength;
    let name = "";
    for (let i = 0; i < n; i++) name += String.fromCharCode(e[i]);
    let cp = -1;
    if (name === "amp") cp = 38;
    else if (name === "lt") cp = 60;
    else if (name === "gt") cp = 62;
    else if (name === "quot") cp = 34;
    else if (name === "apos") cp = 39;
    else if (/^#[0-9]{1,7}$/.test(name)) cp = Number(name.slice(1));
    else if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) cp = parseInt(name.slice(2), 16);
    else throw this.fail(`unbekannte Entität „&${name};“`);
    const allowed =
      cp === 9 ||
      cp === 10 ||
      cp === 13 ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    if (!allowed) throw this.fail(`ungültiges Zeichen „&${name};“`);
    if (into) SheetScanner.pushCodePoint(into, cp);
  }

  /** Scans the next bytes of the part. */
  write(chunk: Uint8Array): void {
    const n = chunk.length;
    let state = this.state;
    for (let i = 0; i < n; i++) {
      const b = chunk[i];
      if (b === 10) this.line++;
      switch (state) {
        case TEXT:
          if (b === 60) {
            this.flushText();
            state = LT;
          } else if (b === 38) {
            this.entityLength = 0;
            this.entityReturn = TEXT;
            state = ENTITY;
          } else if (this.hashes.length === 0) {
            // outside the root only white space (and a byte order mark)
            if (!isSpace(b) && b !== 0xef && b !== 0xbb && b !== 0xbf) {
              throw this.fail("Text außerhalb des Wurzelelements");
            }
          } else if (this.capture) {
            // line ends as XML reads them: "\r\n" and a lone "\r" are "\n"
            if (b === 13) {
              this.textBytes.push(10);
              this.lastWasCr = true;
              continue;
            }
            if (!(b === 10 && this.lastWasCr)) this.textBytes.push(b);
            // the rest of the text up to markup, an entity or a line end, in one go
            while (i + 1 < n) {
              const c = chunk[i + 1];
              if (c === 60 || c === 38 || c === 13 || c === 10) break;
              this.textBytes.push(c);
              i++;
            }
          } else {
            // text nobody reads: skipped up to markup, an entity or a line end
            while (i + 1 < n) {
              const c = chunk[i + 1];
              if (c === 60 || c === 38 || c === 10) break;
              i++;
            }
          }
          break;
        case LT:
          if (b === 47) {
            state = CLOSE_NAME;
            this.nameLength = 0;
          } else if (b === 33) {
            state = BANG;
            this.bang = "";
          } else if (b === 63) {
            state = PI;
            this.matched = 0;
          } else if (isNameByte(b) && b !== 45 && b !== 46 && (b < 48 || b > 58)) {
            this.startName(b);
            state = OPEN_NAME;
          } else throw this.fail("„<“ ohne Elementnamen");
          break;
        case OPEN_NAME:
          if (isNameByte(b)) {
            this.addName(b);
            while (i + 1 < n && isNameByte(chunk[i + 1])) this.addName(chunk[++i]);
          } else {
            this.element = this.lookup(this.elementNames, true);
            this.tagHash = this.nameHash;
            if (b === 62) {
              this.openTag(false);
              state = TEXT;
            } else if (b === 47) state = SELF_CLOSE;
            else if (isSpace(b)) state = IN_TAG;
            else throw this.fail("ungültiges Zeichen im Elementnamen");
          }
          break;
        case IN_TAG:
          if (isSpace(b)) break;
          if (b === 62) {
            this.openTag(false);
            state = TEXT;
          } else if (b === 47) state = SELF_CLOSE;
          else if (isNameByte(b)) {
            this.startName(b);
            state = ATTR_NAME;
          } else throw this.fail("ungültiges Zeichen in einem Start-Tag");
          break;
        case ATTR_NAME:
          if (isNameByte(b)) {
            this.addName(b);
            while (i + 1 < n && isNameByte(chunk[i + 1])) this.addName(chunk[++i]);
          } else {
            this.attribute = this.lookup(this.attributeNames, false);
            if (b === 61) state = BEFORE_VALUE;
            else if (isSpace(b)) state = AFTER_ATTR_NAME;
            else throw this.fail("Attribut ohne „=“");
          }
          break;
        case AFTER_ATTR_NAME:
          if (b === 61) state = BEFORE_VALUE;
          else if (!isSpace(b)) throw this.fail("Attribut ohne „=“");
          break;
        case BEFORE_VALUE:
          if (b === 34 || b === 39) {
            this.quote = b;
            this.value.length = 0;
            this.lastWasCr = false;
            state = ATTR_VALUE;
          } else if (!isSpace(b)) throw this.fail("Attributwert ohne Anführungszeichen");
          break;
        case ATTR_VALUE:
          if (b === this.quote) {
            const k = this.attribute;
            if (k >= 0) {
              const n = this.value.length;
              if (this.rawSlots[k] && n <= RAW_BYTES) {
                // byte by byte: `subarray` would make an object per attribute
                const into = this.rawData[k];
                const from = this.value.data;
                for (let j = 0; j < n; j++) into[j] = from[j];
                this.rawLengths[k] = n;
                this.values[k] = undefined; // a repeated attribute: the last one counts
              } else {
                this.values[k] = this.value.text();
                this.rawLengths[k] = this.rawSlots[k] ? -2 : -1;
              }
            }
            state = IN_TAG;
          } else if (b === 60) throw this.fail("„<“ in einem Attributwert");
          else if (b === 38) {
            this.entityLength = 0;
            this.entityReturn = ATTR_VALUE;
            state = ENTITY;
          } else if (this.attribute >= 0) {
            // white space in attribute values as XML normalises it: each character one space, "\r\n" one
            if (b === 13) {
              this.value.push(32);
              this.lastWasCr = true;
              continue;
            }
            if (b === 10 && this.lastWasCr) {
              this.lastWasCr = false;
              continue;
            }
            this.value.push(b === 10 || b === 9 ? 32 : b);
            // the rest of the value up to its end, an entity or white space to normalise, in one go
            const quote = this.quote;
            while (i + 1 < n) {
              const c = chunk[i + 1];
              if (c === quote || c === 60 || c === 38 || c < 14) break;
              this.value.push(c);
              i++;
            }
          } else {
            // a value nobody reads: skipped up to its end, "<", an entity or a line end
            const quote = this.quote;
            while (i + 1 < n) {
              const c = chunk[i + 1];
              if (c === quote || c === 60 || c === 38 || c === 10) break;
              i++;
            }
          }
          break;
        case SELF_CLOSE:
          if (b !== 62) throw this.fail("„/“ ohne „>“ in einem Tag");
          this.openTag(true);
          state = TEXT;
          break;
        case CLOSE_NAME:
          if (isNameByte(b)) {
            if (this.nameLength === 0) this.startName(b);
            else this.addName(b);
            while (i + 1 < n && isNameByte(chunk[i + 1])) this.addName(chunk[++i]);
          } else if (this.nameLength === 0) throw this.fail("End-Tag ohne Namen");
          else if (b === 62) {
            this.closeTag();
            state = TEXT;
          } else if (isSpace(b)) state = CLOSE_END;
          else throw this.fail("ungültiges Zeichen in einem End-Tag");
          break;
        case CLOSE_END:
          if (b === 62) {
            this.closeTag();
            state = TEXT;
          } else if (!isSpace(b)) throw this.fail("ungültiges Zeichen in einem End-Tag");
          break;
        case BANG:
          this.bang += String.fromCharCode(b);
          if (this.bang === "--") {
            state = COMMENT;
            this.matched = 0;
          } else if (this.bang === "[CDATA[") {
            state = CDATA;
            this.matched = 0;
          } else if ("DOCTYPE".startsWith(this.bang.toUpperCase())) {
            if (this.bang.length === 7) {
              throw new PackageError(
                `Teil „${this.part}“ enthält eine DTD (<!DOCTYPE>): das kommt in .xlsx-Dateien nicht vor – SRB öffnet die Datei nicht.`,
              );
            }
          } else if (!"--".startsWith(this.bang) && !"[CDATA[".startsWith(this.bang)) {
            throw this.fail("unbekannte Markierung „<!“");
          }
          break;
        case COMMENT:
          // ends at "-->"; matched counts the dashes seen just before
          if (b === 45) this.matched++;
          else if (b === 62 && this.matched >= 2) state = TEXT;
          else this.matched = 0;
          break;
        case CDATA:
          if (b === 93) {
            this.matched++;
          } else if (b === 62 && this.matched >= 2) {
            // the "]" beyond the two of "]]>" were content
            if (this.capture) for (let k = 2; k < this.matched; k++) this.textBytes.push(93);
            this.matched = 0;
            state = TEXT;
          } else {
            if (this.capture) {
              for (let k = 0; k < this.matched; k++) this.textBytes.push(93);
              if (b === 13) {
                this.textBytes.push(10);
                this.lastWasCr = true;
                this.matched = 0;
                continue;
              }
              if (!(b === 10 && this.lastWasCr)) this.textBytes.push(b);
            }
            this.matched = 0;
          }
          break;
        case PI:
          if (b === 62 && this.matched === 1) state = TEXT;
          else this.matched = b === 63 ? 1 : 0;
          break;
        case ENTITY:
          if (b === 59) {
            const inText = this.entityReturn === TEXT;
            if (inText && this.hashes.length === 0) throw this.fail("Text außerhalb des Wurzelelements");
            const into = inText
              ? this.capture
                ? this.textBytes
                : null
              : this.attribute >= 0
                ? this.value
                : null;
            this.resolveEntity(into);
            state = this.entityReturn;
          } else if (this.entityLength < this.entity.length) {
            this.entity[this.entityLength++] = b;
          } else throw this.fail("Entität ohne „;“");
          break;
      }
      this.lastWasCr = false;
    }
    this.state = state;
  }

  /** The part is complete: everything opened must be closed. */
  end(): void {
    if (this.state !== TEXT || this.hashes.length > 0 || !this.seenRoot) {
      throw this.fail("der Teil endet mitten im XML");
    }
    this.flushText();
  }
}

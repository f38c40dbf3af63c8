/**
 * The zip container of an .xlsx package, read and written without ever holding more inflated data than
 * the caller asks for. Reading lists the central directory (declared sizes checked against the caps before
 * anything is inflated) and inflates one entry on request, counting the bytes as they come out; writing
 * copies every entry that is not replaced as its original compressed bytes (so it stays byte-identical)
 * and deflates only the new or replaced ones.
 *
 * Pure: bytes in, bytes out (fflate); runs in the browser as in Node. Under Node, new parts are deflated
 * by Node's own zlib (native code, 4–5 times faster than fflate at the same size, with the checksum in
 * the same pass), reached through `process.getBuiltinModule` at call time so the browser bundle never
 * imports it; the browser deflates with fflate. A package written several times in a row (SRB's sheets,
 * then its store) holds its new parts undeflated (`writeZip`'s `hold`) and deflates each once, when it is
 * handed out (`ZipArchive.finished`), under Node the big ones (256 KB and more) on zlib's thread pool. Parts up to 128 MB inflated (a data sheet of 100,000 Kitas and 20
 * indicators is about 70 MB) are inflated by zlib in one call as well, with the same caps (zlib stops at the
 * declared size plus one byte), and handed on in 64 KB chunks; bigger ones, and every part in the browser,
 * are streamed through fflate in chunks. The package written by the CLI goes to its file in pieces
 * (`finishedPieces`), never joined into one buffer.
 */
import { Inflate, deflateSync } from "fflate";
import { SrbUsageError } from "../../engine/issues";
import {
  deflateWithChecksum,
  fromGzip,
  fromGzipPieces,
  hasCompressionStreams,
  inflateRawNatively,
  joined,
} from "./nativeStreams";

/** Largest inflated size of one part SRB reads (a data sheet of 100,000 Kitas and 20 indicators is about 70 MB). */
export const MAX_PART_BYTES = 400 * 1024 * 1024;
/** Largest sum of the declared inflated sizes of all entries (a zip bomb declares or inflates more). */
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024;

/** One entry of the zip's central directory. */
export interface ZipEntry {
  /** Entry name as stored (an OPC part name without the leading "/"). */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  dosTime: number;
  dosDate: number;
  /** Offset of the compressed data in the archive (-1 for a held part). */
  dataOffset: number;
  /**
   * The bytes of a new part the browser holds outside the archive's bytes, not yet deflated (stored,
   * `method` 0): written into the package, deflated, by `ZipArchive.finished`.
   */
  held?: Uint8Array;
  /**
   * The compressed data of a new part deflated already (a big sheet, deflated as it was written), held
   * outside the archive's bytes in pieces (`method` 8): an archive written again holds it on, and
   * `ZipArchive.finished` writes it as it is — never copied into an intermediate archive.
   */
  heldDeflated?: readonly Uint8Array[];
}

/** A problem with the container itself (not a zip, damaged, too big): German, for the user. */
export class PackageError extends SrbUsageError {
  constructor(message: string) {
    super(message);
    this.name = "SrbUsageError";
  }
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

const utf8 = new TextDecoder("utf-8");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Code page 437's upper half (0x80–0xFF), the zip format's name encoding when the UTF-8 flag is not set. */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
  "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/**
 * An entry's name from its bytes. With the UTF-8 flag (bit 11) as UTF-8; without it as the zip format says,
 * code page 437 — unless the bytes are valid UTF-8, as many programs write without setting the flag (then a
 * name such as „Übersicht.xml“ would turn into „├£bersicht.xml“). Names are written back as UTF-8 with the
 * flag, so a copied part keeps its name.
 *
 * @example entryName(Uint8Array.of(0x9a, 0x62), 0); // => "Üb"
 */
export function entryName(bytes: Uint8Array, flags: number): string {
  if (flags & 0x0800 || bytes.every((b) => b < 0x80)) return utf8.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    let name = "";
    for (const b of bytes) name += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return name;
  }
}

/**
 * The entries of a zip archive, from its central directory.
 *
 * @example
 * const zip = ZipArchive.open(bytes);
 * zip.entry("xl/workbook.xml")?.size; // => 1234 (declared inflated size)
 * zip.text("xl/workbook.xml"); // => '<?xml version="1.0" …'
 */
export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  /** Bytes inflated so far through this archive (all parts together). */
  private inflated = 0;
  /** Parts inflated ahead by `prepare` (natively), handed out once by `inflate`. */
  private prepared = new Map<ZipEntry, Uint8Array[]>();
  private constructor(
    readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
  ) {
    for (const e of entries) this.byName.set(e.name.toLowerCase(), e);
  }

  /** Is this a zip archive at all (local file header magic "PK\3\4" at the start)? */
  static looksLikeZip(bytes: Uint8Array): boolean {
    return bytes.length >= 4 && u32(bytes, 0) === 0x04034b50;
  }

  /** Reads the central directory; throws a German `PackageError` for damaged, Zip64 or oversized archives. */
  static open(bytes: Uint8Array): ZipArchive {
    const held = heldBy.get(bytes);
    const damaged = (why: string) =>
      new PackageError(`Die Datei ist beschädigt oder keine vollständige .xlsx-Datei (${why}).`);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
      if (u32(bytes, i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw damaged("Inhaltsverzeichnis des Zip-Archivs fehlt");
    const count = u16(bytes, eocd + 10);
    const cdSize = u32(bytes, eocd + 12);
    const cdOffset = u32(bytes, eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
      throw new PackageError(
        "Die Datei ist ein Zip64-Archiv (über 4 GB oder über 65.535 Teile) – zu groß für SRB.",
      );
    }
    // the count is 16 bits and 0xffff is refused above: at most 65,534 entries, no further cap needed
    if (cdOffset + cdSize > eocd) throw damaged("Inhaltsverzeichnis außerhalb der Datei");
    let entries: ZipEntry[] = [];
    let at = cdOffset;
    let declared = 0;
    for (let k = 0; k < count; k++) {
      if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw damaged("Eintrag unlesbar");
      const flags = u16(bytes, at + 8);
      const method = u16(bytes, at + 10);
      const nameLength = u16(bytes, at + 28);
      const extraLength = u16(bytes, at + 30);
      const commentLength = u16(bytes, at + 32);
      const local = u32(bytes, at + 42);
      const name = entryName(bytes.subarray(at + 46, at + 46 + nameLength), flags);
      const compressedSize = u32(bytes, at + 20);
      const size = u32(bytes, at + 24);
      if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) {
        throw new PackageError(
          `Die Datei ist ein Zip64-Archiv (Teil „${name}“ über 4 GB) – zu groß für SRB.`,
        );
      }
      if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw damaged(`Teil „${name}“`);
      const dataOffset = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      if (dataOffset + compressedSize > bytes.length) throw damaged(`Teil „${name}“ abgeschnitten`);
      declared += size;
      entries.push({
        name,
        method,
        flags,
        crc: u32(bytes, at + 16),
        compressedSize,
        size,
        dosTime: u16(bytes, at + 12),
        dosDate: u16(bytes, at + 14),
        dataOffset,
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    if (held) {
      // the parts held outside the bytes (the browser's new parts), in the order they were written
      const written = new Map(entries.map((e) => [e.name, e]));
      entries = held.order.map((name) => written.get(name) ?? heldEntry(name, held.parts.get(name)!));
      for (const part of held.parts.values()) declared += isBytes(part) ? part.length : part.size;
    }
    if (declared > MAX_PACKAGE_BYTES) {
      throw new PackageError(
        `Die Datei würde entpackt ${Math.round(declared / 1024 / 1024)} MB belegen (höchstens ` +
          `${MAX_PACKAGE_BYTES / 1024 / 1024} MB) – SRB öffnet sie nicht (möglicherweise eine „Zip-Bombe“).`,
      );
    }
    return new ZipArchive(bytes, entries);
  }

  /**
   * This archive with the bytes of some of its held parts (new parts of an earlier write, `writeZip`'s
   * `hold`) replaced, or null when a part is not held here. Nothing is copied: the archive's bytes are
   * shared, the entries keep their order (a write that only replaces SRB's store sheet again).
   *
   * @example zip.replacingHeld(new Map([["xl/worksheets/sheet9.xml", storeXml]])) ?? ZipArchive.open(writeZip(…));
   */
  replacingHeld(parts: ReadonlyMap<string, Uint8Array>): ZipArchive | null {
    const replaced = new Map<ZipEntry, Uint8Array>();
    for (const [name, data] of parts) {
      const e = this.entry(name);
      if (!e?.held) return null;
      replaced.set(e, data);
    }
    const entries = this.entries.map((e) => {
      const data = replaced.get(e);
      return data === undefined ? e : heldEntry(e.name, data);
    });
    return new ZipArchive(this.bytes, entries);
  }

  /** The entry of a part name (with or without leading "/", case-insensitive as OPC demands). */
  entry(name: string): ZipEntry | undefined {
    const key = (name.startsWith("/") ? name.slice(1) : name).toLowerCase();
    return this.byName.get(key);
  }

  /**
   * Inflates the named parts ahead, natively, where the synchronous readers would otherwise inflate them
   * in JavaScript (the browser: see the file's head); a no-op elsewhere and for small parts. The same caps
   * as `inflate`: the stream is cancelled as soon as a part inflates to more than its declared size, the
   * part cap or what is left of the package cap, with the same German `PackageError`. What an earlier
   * call prepared and nobody read is dropped. The next `inflate` of such a part hands out these bytes.
   *
   * @example
   * await zip.prepare(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]);
   * readGrid(zip, "xl/worksheets/sheet1.xml", ctx, "Kitas"); // no inflating in JavaScript
   */
  async prepare(names: (string | undefined)[], cap = MAX_PART_BYTES): Promise<void> {
    this.prepared.clear();
    if (!nativeStreams()) return;
    const wanted = names
      .map((n) => (n === undefined ? undefined : this.entry(n)))
      .filter((e): e is ZipEntry => e !== undefined && e.method === 8 && !(e.flags & 1))
      .filter((e) => e.size >= PREPARE_MIN_BYTES && e.size <= cap);
    for (const entry of new Set(wanted)) {
      const raw = entry.heldDeflated
        ? joined(entry.heldDeflated, entry.compressedSize)
        : this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
      const limit = Math.min(entry.size, cap, MAX_PACKAGE_BYTES - this.inflated);
      let out: Awaited<ReturnType<typeof inflateRawNatively>>;
      try {
        out = await inflateRawNatively(raw, limit);
      } catch {
        throw new PackageError(`Die Datei ist beschädigt: Teil „${entry.name}“ lässt sich nicht entpacken.`);
      }
      if (out.overLimit) {
        if (this.inflated + out.size > MAX_PACKAGE_BYTES)
          throw tooBig("(alle Teile)", this.inflated + out.size, MAX_PACKAGE_BYTES);
        throw tooBig(entry.name, out.size, Math.min(cap, entry.size));
      }
      this.prepared.set(entry, out.chunks);
    }
  }

  /**
   * The whole package as one archive, its held parts deflated natively (`deflateHeld`: the browser's
   * Compression Streams, Node's zlib, on its thread pool for parts of 256 KB and more); the archive itself when it holds none. Every other
   * entry is copied as it is.
   *
   * @example const bytes = (await zip.finished()).bytes; // what the download gets
   */
  async finished(): Promise<ZipArchive> {
    if (!this.entries.some(isHeld)) return this;
    const outputs = await this.finishedOutputs();
    return ZipArchive.open(writeZip(outputs, { hold: false }));
  }

  /**
   * `finished`'s bytes as pieces, in order, never joined: the copied entries as views of this archive's
   * bytes, the new parts as they were deflated. For a caller that writes the package to a file (the CLI):
   * one buffer of the whole package would be a fresh allocation of several MB, every page of it a page
   * fault (10,000 Kitas: 4 MB, ~25 ms here), only to be copied once more into the file.
   *
   * @example await fileHandle.writev(await zip.finishedPieces()); // the same bytes as (await zip.finished()).bytes
   */
  async finishedPieces(): Promise<Uint8Array[]> {
    if (!this.entries.some(isHeld)) return [this.bytes];
    const outputs = await this.finishedOutputs();
    return zipPieces(outputs, false).pieces;
  }

  /** Every entry as `finished` writes it: copied as stored, a held part deflated. */
  private finishedOutputs(): Promise<ZipOutput[]> {
    return Promise.all(
      this.entries.map(async (e): Promise<ZipOutput> => {
        if (!e.held) return { name: e.name, copy: e, from: this };
        const { deflated, crc } = await deflateHeld(e.held);
        return { name: e.name, deflated, crc, size: e.held.length };
      }),
    );
  }

  /**
   * Inflates an entry chunk by chunk (about 64 KB each), counting: more than the declared size, the part
   * cap or the package cap ends with a German `PackageError`, whatever the zip says.
   *
   * @example zip.inflate(entry, (chunk) => parser.write(decoder.decode(chunk, { stream: true })));
   */
  inflate(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void, cap = MAX_PART_BYTES): void {
    if (entry.flags & 1) {
      throw new PackageError(`Teil „${entry.name}“ ist verschlüsselt – bitte ohne Kennwort speichern.`);
    }
    if (entry.size > cap) throw tooBig(entry.name, entry.size, cap);
    const raw =
      entry.held ??
      (entry.heldDeflated
        ? joined(entry.heldDeflated, entry.compressedSize)
        : this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize));
    let count = 0;
    const take = (chunk: Uint8Array) => {
      count += chunk.length;
      this.inflated += chunk.length;
      if (count > entry.size || count > cap) throw tooBig(entry.name, count, Math.min(cap, entry.size));
      if (this.inflated > MAX_PACKAGE_BYTES) throw tooBig("(alle Teile)", this.inflated, MAX_PACKAGE_BYTES);
      onChunk(chunk);
    };
    // inflated ahead by `prepare` (natively): handed out once, counted and capped again as it goes
    const ready = this.prepared.get(entry);
    if (ready) {
      this.prepared.delete(entry);
      for (const chunk of ready) take(chunk);
      return;
    }
    if (entry.method === 0) {
      for (let i = 0; i < raw.length; i += 65_536) take(raw.subarray(i, Math.min(i + 65_536, raw.length)));
      return;
    }
    if (entry.method !== 8) {
      throw new PackageError(
        `Teil „${entry.name}“ ist mit einem unbekannten Verfahren (${entry.method}) gepackt.`,
      );
    }
    // under Node in one native call, 10–20 times faster than fflate's streaming inflate (a data sheet of
    // 10,000 Kitas: 20–50 ms instead of ~400 ms); the inflated bytes (at most WHOLE_PART_BYTES) are held
    // once, off the JavaScript heap, and handed on in chunks as the streaming path does
    const inflateRaw = entry.size <= WHOLE_PART_BYTES ? inflateRawOfNode() : null;
    if (inflateRaw) {
      let whole: Uint8Array;
      try {
        // one byte more than declared: a part that inflates to more is caught by `take` below
        // one output buffer of the declared size (zlib's default 16 KB pieces would be joined by a copy)
        const limit = Math.min(entry.size, cap) + 1;
        whole = inflateRaw(raw, { maxOutputLength: limit, chunkSize: Math.max(64, limit) });
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw tooBig(entry.name, Math.min(entry.size, cap) + 1, Math.min(cap, entry.size));
        }
        throw new PackageError(`Die Datei ist beschädigt: Teil „${entry.name}“ lässt sich nicht entpacken.`);
      }
      for (let i = 0; i < whole.length; i += 65_536) {
        take(whole.subarray(i, Math.min(i + 65_536, whole.length)));
      }
      return;
    }
    // what the reader of the chunks threw (its own German message, or a defect) goes out as it is: only
    // fflate's own errors mean the part cannot be inflated
    let fromTake: { error: unknown } | undefined;
    const inflater = new Inflate((chunk) => {
      try {
        take(chunk);
      } catch (e) {
        fromTake = { error: e };
        throw e;
      }
    });
    try {
      for (let i = 0; i < raw.length; i += 16_384) {
        const end = Math.min(i + 16_384, raw.length);
        inflater.push(raw.subarray(i, end), end === raw.length);
      }
      if (raw.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (fromTake !== undefined) throw fromTake.error;
      if (e instanceof PackageError) throw e;
      throw new PackageError(`Die Datei ist beschädigt: Teil „${entry.name}“ lässt sich nicht entpacken.`);
    }
  }

  /** An entry's bytes, inflated (capped as `inflate`). */
  read(name: string, cap = MAX_PART_BYTES): Uint8Array | undefined {
    const entry = this.entry(name);
    if (!entry) return undefined;
    const chunks: Uint8Array[] = [];
    let length = 0;
    this.inflate(
      entry,
      (c) => {
        chunks.push(c.slice());
        length += c.length;
      },
      cap,
    );
    return joined(chunks, length);
  }

  /** An entry as text (UTF-8, byte order mark dropped), or undefined when it is missing. */
  text(name: string, cap = MAX_PART_BYTES): string | undefined {
    const bytes = this.read(name, cap);
    return bytes === undefined ? undefined : utf8.decode(bytes);
  }
}

function tooBig(name: string, size: number, cap: number): PackageError {
  return new PackageError(
    `Die Datei ist zu groß oder beschädigt: Teil „${name}“ würde entpackt über ${Math.round(cap / 1024 / 1024)} MB ` +
      `belegen (gefunden: mindestens ${Math.round(size / 1024 / 1024)} MB) – SRB öffnet sie nicht.`,
  );
}

// ── writing ───────────────────────────────────────────────────────────────────────────────────────────

/** The CRC-32 tables for eight bytes at a time ("slicing-by-8"): table k at k × 256. */
let crcTables: Int32Array | null = null;

function crcTablesOnce(): Int32Array {
  if (crcTables === null) {
    const t = new Int32Array(8 * 256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
    for (let n = 0; n < 256; n++)
      for (let k = 1; k < 8; k++)
        t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
    crcTables = t;
  }
  return crcTables;
}

/**
 * CRC-32 of bytes (the zip checksum), eight bytes per step.
 *
 * @example crc32(new TextEncoder().encode("abc")); // => 0x352441c2
 */
export function crc32(data: Uint8Array): number {
  const t = crcTablesOnce();
  let crc = -1;
  let i = 0;
  const n = data.length;
  for (const last = n - 8; i <= last; i += 8) {
    const a = crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    crc =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < n; i++) crc = t[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Parts up to this inflated size are inflated in one native call under Node (see `inflate`). */
const WHOLE_PART_BYTES = 128 * 1024 * 1024;

type InflateRaw = (data: Uint8Array, options: { maxOutputLength: number; chunkSize: number }) => Uint8Array;
/** gzip: raw deflate plus CRC-32 in one native pass. */
type Gzip = (data: Uint8Array, options: { level: number; chunkSize: number }) => Uint8Array;
/** gzip on libuv's thread pool (asynchronous). */
type GzipAsync = (
  data: Uint8Array,
  options: { level: number; chunkSize: number },
  done: (error: Error | null, result: Uint8Array) => void,
) => void;

/** The functions of Node's zlib SRB uses. */
interface NodeZlib {
  createGzip?: (options: { level: number; chunkSize: number }) => GzipStream;
  inflateRawSync?: InflateRaw;
  gzipSync?: Gzip;
  gzip?: GzipAsync;
}
let nodeZlibFound: NodeZlib | null | undefined;

/**
 * Node's zlib, reached through `process.getBuiltinModule` at call time (the browser bundle never imports
 * it), or null outside Node. Its functions are looked up on each use.
 */
function nodeZlib(): NodeZlib | null {
  if (nodeZlibFound === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    nodeZlibFound = (proc?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined) ?? null;
  }
  return nodeZlibFound;
}

const inflateRawOfNode = (): InflateRaw | null => nodeZlib()?.inflateRawSync ?? null;
const gzipOfNode = (): Gzip | null => nodeZlib()?.gzipSync ?? null;
const gzipAsyncOfNode = (): GzipAsync | null => nodeZlib()?.gzip ?? null;

// ── the browser paths ─────────────────────────────────────────────────────────────────────────────────
//
// In the browser, where fflate would do all of it in JavaScript (3–4 times slower than native code, and
// the main part of opening and saving a workbook of 10,000 Kitas), the big parts go through the browser's
// own Compression Streams (nativeStreams.ts), which are asynchronous: `prepare` inflates the parts a reader
// is about to read (with the same caps), and new big parts are held as they are, outside the archive's
// bytes (`ZipEntry.held`: no copy into every intermediate archive — a fresh buffer of many MB costs more
// than the copying itself), and deflated natively by `finished` when the package is handed out. fflate
// stays the fallback where the Compression Streams are missing (jsdom, old browsers); Node keeps its zlib.

/** Parts from this inflated size on are inflated ahead natively in the browser (`prepare`). */
const PREPARE_MIN_BYTES = 64 * 1024;

/**
 * A part held outside an archive's bytes: new bytes, or stored data — a new part deflated already, or an
 * entry of an earlier archive as it was stored there (its method, flags and time stamp kept).
 */
type HeldPart =
  Uint8Array | (DeflatedPart & { method?: number; flags?: number; dosTime?: number; dosDate?: number });

/**
 * Entries of an earlier archive from this compressed size on are held as views of its bytes when a
 * package is written again (not copied into every intermediate archive; the data sheet of 10,000 Kitas
 * is 1.3 MB of them).
 */
const HOLD_COPY_BYTES = 64 * 1024;

/** The parts an archive written by `writeZip` holds outside its bytes, and the order of all its entries. */
const heldBy = new WeakMap<Uint8Array, { order: string[]; parts: Map<string, HeldPart> }>();

/**
 * Bytes, not a list of pieces or a part's record: `ArrayBuffer.isView`, not `instanceof Uint8Array`, which
 * is false for bytes made in another realm (Node's zlib and Buffer seen from a jsdom page, a frame).
 */
export function isBytes(x: unknown): x is Uint8Array {
  return ArrayBuffer.isView(x);
}

/** The length of bytes given whole or in pieces. */
function lengthOf(data: Uint8Array | readonly Uint8Array[]): number {
  if (isBytes(data)) return data.length;
  let n = 0;
  for (const piece of data) n += piece.length;
  return n;
}

/** Does the entry's part live outside its archive's bytes (new, written by `finished`)? */
function isHeld(e: ZipEntry): boolean {
  return e.held !== undefined || e.heldDeflated !== undefined;
}

/** The entry of a held part; its CRC-32 is computed only if asked for (`finished` gets it natively). */
function heldEntry(name: string, held: HeldPart): ZipEntry {
  if (!isBytes(held)) {
    const pieces = isBytes(held.deflated) ? [held.deflated] : held.deflated;
    return {
      name,
      method: held.method ?? 8,
      flags: held.flags ?? 0x0800,
      crc: held.crc,
      compressedSize: lengthOf(pieces),
      size: held.size,
      dosTime: held.dosTime ?? 0,
      dosDate: held.dosDate ?? 0x21,
      dataOffset: -1,
      heldDeflated: pieces,
    };
  }
  let crc: number | undefined;
  return {
    name,
    method: 0,
    flags: 0x0800,
    get crc() {
      crc ??= crc32(held);
      return crc;
    },
    compressedSize: held.length,
    size: held.length,
    dosTime: 0,
    dosDate: 0x21,
    dataOffset: -1,
    held,
  };
}

/** Forced on or off by `useNativeStreams` (tests); null: decided by the platform. */
let nativeOverride: boolean | null = null;
let nativeFound: boolean | undefined;

/**
 * Whether the browser paths (Compression Streams) are taken: where Node's zlib is missing and the
 * Compression Streams are there, unless a test decided otherwise.
 */
function nativeStreams(): boolean {
  if (nativeOverride !== null) return nativeOverride;
  nativeFound ??= inflateRawOfNode() === null && hasCompressionStreams();
  return nativeFound;
}

/**
 * Takes the browser paths (true), the synchronous paths (false) or decides by the platform (null): for
 * tests, which run under Node (whose zlib the synchronous paths would use) or without the streams (jsdom).
 *
 * @example useNativeStreams(true); // Node 20's DecompressionStream, as a browser would
 */
export function useNativeStreams(on: boolean | null): void {
  nativeOverride = on;
}

/**
 * A new part deflated for the zip, with its CRC-32. Big parts (SRB's sheets for many Kitas) at level 1:
 * several times faster, a little larger. Under Node through zlib's gzip (whose trailer carries the CRC-32
 * of the input, and whose body after the 10-byte header is the raw deflate stream a zip entry holds).
 *
 * @example compress(new TextEncoder().encode("abc")).crc; // => 0x352441c2
 */
export function compress(input: Uint8Array): { data: Uint8Array; crc: number } {
  const gzip = gzipOfNode();
  if (gzip) {
    const { deflated, crc } = fromGzip(gzip(input, gzipOptions(input)));
    return { data: deflated, crc };
  }
  return { data: deflateSync(input, { level: levelFor(input) }), crc: crc32(input) };
}

/** The deflate level of a new part: 1 for big parts (SRB's sheets for many Kitas), else 6. */
function levelFor(input: Uint8Array): 1 | 6 {
  return input.length > 1_000_000 ? 1 : 6;
}

/**
 * zlib's gzip options for a new part (synchronous or on the thread pool: the same bytes): its level, and
 * room for the whole output in one buffer (deflate grows incompressible data by well under 1 %), so that
 * zlib does not join 16 KB pieces by a copy.
 */
function gzipOptions(input: Uint8Array): { level: number; chunkSize: number } {
  return { level: levelFor(input), chunkSize: input.length + (input.length >> 7) + 1024 };
}

/** A held part deflated, with the CRC-32 of its bytes. */
type Deflated = { deflated: Uint8Array; crc: number };

/** The deflating of held parts, started once per part (by `writeZip` ahead, or by `finished`). */
const deflating = new WeakMap<Uint8Array, Promise<Deflated>>();

/**
 * A held part deflated natively and asynchronously, started at most once per part: under Node by zlib on
 * libuv's thread pool, at the level and with the output `compress` gives (the same bytes), so that the
 * big new parts deflate on other cores while SRB goes on in JavaScript; in the browser through the
 * Compression Streams.
 *
 * @example const { deflated, crc } = await deflateHeld(new TextEncoder().encode("abc")); // crc: 0x352441c2
 */
export function deflateHeld(part: Uint8Array): Promise<Deflated> {
  let started = deflating.get(part);
  if (started === undefined) {
    const native = nativeStreams();
    // under Node, small parts are deflated at once: zlib's asynchronous gzip builds a stream per call,
    // which costs more than deflating a few KB (the sample's 30 new parts: ~40 ms CPU)
    const gzip = native || part.length < DEFLATE_AHEAD_BYTES ? null : gzipAsyncOfNode();
    if (native)
      started = deflateWithChecksum(part).then(({ deflated, crc }) => ({
        deflated,
        crc: crc ?? crc32(part),
      }));
    else if (gzip)
      started = new Promise<Deflated>((resolve, reject) => {
        gzip(part, gzipOptions(part), (error, gz) => (error ? reject(error) : resolve(fromGzip(gz))));
      });
    // a small part under Node, or neither (jsdom): `compress` (zlib's gzipSync, or fflate)
    else
      started = Promise.resolve().then(() => {
        const { data, crc } = compress(part);
        return { deflated: data, crc };
      });
    // a part started ahead and then replaced is never awaited: its failure must not end the process
    started.catch(() => undefined);
    deflating.set(part, started);
  }
  return started;
}

/** A new part deflated already, with the CRC-32 and the size of its bytes (a `ZipOutput` as it is). */
export interface DeflatedPart {
  /** The raw deflate data, whole or in pieces (a part deflated as it was written: zlib's output chunks). */
  deflated: Uint8Array | readonly Uint8Array[];
  crc: number;
  size: number;
}

/** A deflate fed piece by piece: `done` is called when a piece is deflated (its bytes may then change). */
export interface PartDeflater {
  write(piece: Uint8Array, done: () => void): void;
  /** All pieces given: the deflated part. */
  end(): Promise<DeflatedPart>;
}

/** Node's streaming gzip (zlib on its thread pool). */
type GzipStream = {
  write(chunk: Uint8Array, done: (error?: Error | null) => void): boolean;
  end(): void;
  on(event: "data", listener: (chunk: Uint8Array) => void): void;
  on(event: "end", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
};

/**
 * Under Node (where the browser paths are not taken): the deflate of a new part of more than a megabyte
 * fed as it is written, on zlib's thread pool, at the level `compress` gives such a part (1) — the same
 * bytes as deflating the whole part at once, since zlib's output does not depend on how its input is cut
 * (the CRC-32 from the same pass, as `compress`). Null elsewhere: the part is then written whole.
 *
 * @example const d = streamingDeflate(); d?.write(block, () => reuse(block)); const part = await d?.end();
 */
export function streamingDeflate(): PartDeflater | null {
  if (nativeStreams()) return null;
  const createGzip = nodeZlib()?.createGzip;
  if (!createGzip) return null;
  const gzip = createGzip({ level: 1, chunkSize: 1 << 18 });
  const chunks: Uint8Array[] = [];
  let length = 0;
  let size = 0;
  let failed: Error | null = null;
  gzip.on("data", (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", (e) => {
      failed = e;
      reject(e);
    });
  });
  ended.catch(() => undefined);
  return {
    write(piece, done) {
      size += piece.length;
      if (failed) return done();
      gzip.write(piece, () => done());
    },
    async end() {
      gzip.end();
      await ended;
      // zlib's chunks as they are: joined, they would be one more fresh buffer of the part's size
      const { deflated, crc } = fromGzipPieces(chunks, length);
      return { deflated, crc, size };
    },
  };
}

/** New parts from this size on start deflating under Node as soon as they are held (`writeZip`). */
const DEFLATE_AHEAD_BYTES = 256 * 1024;

/**
 * Starts deflating a new part that is final (a generated sheet just written) on zlib's thread pool
 * under Node, when it is big enough to be worth it: the archive that holds it later (`writeZip` with
 * `hold`) and `ZipArchive.finished` take that deflate instead of starting their own. Nothing elsewhere.
 *
 * @example deflateAhead(sheetXml(planned, styles).xml); // Einrichtungen of 10,000 Kitas deflates while the next sheets are written
 */
export function deflateAhead(part: Uint8Array): void {
  if (part.length >= DEFLATE_AHEAD_BYTES && !nativeStreams() && gzipAsyncOfNode() !== null)
    void deflateHeld(part);
}

/**
 * What goes into the written archive: an entry of the input, copied as stored, new bytes, or new bytes
 * already deflated (`deflated`, with the CRC-32 and size of the bytes before deflating).
 */
export type ZipOutput =
  | { name: string; copy: ZipEntry; from: ZipArchive }
  | { name: string; data: Uint8Array }
  | { name: string; deflated: Uint8Array | readonly Uint8Array[]; crc: number; size: number };

/**
 * Writes a zip archive: copied entries keep their compressed bytes, checksum and time stamp; new data is
 * deflated. Names are written as UTF-8.
 *
 * `hold`: new parts (and held parts copied) are not deflated now but held outside the bytes, as they are,
 * and deflated once by `ZipArchive.finished` when the package is handed out — the archive of a write that
 * is followed by others (SRB's sheets, then its store) never deflates a part that a later write copies or
 * replaces. Under Node the big ones start deflating at once, on zlib's thread pool. Default: held where
 * the browser paths are taken (see above), else deflated now.
 *
 * @example const bytes = writeZip([{ name: "a.txt", data: new TextEncoder().encode("hallo") }]);
 */
export function writeZip(outputs: ZipOutput[], options: { hold?: boolean } = {}): Uint8Array {
  const { pieces, length, held, order } = zipPieces(outputs, options.hold ?? nativeStreams());
  const total = joined(pieces, length);
  if (held && held.size > 0) heldBy.set(total, { order, parts: held });
  return total;
}

/**
 * `writeZip`'s bytes as pieces in order (their summed `length`), the held parts and the order of all
 * entries: copied entries are views of their archive's bytes, nothing is joined.
 */
function zipPieces(
  outputs: ZipOutput[],
  hold: boolean,
): { pieces: Uint8Array[]; length: number; held: Map<string, HeldPart> | null; order: string[] } {
  const encoder = new TextEncoder();
  const held = hold ? new Map<string, HeldPart>() : null;
  const order: string[] = [];
  const pieces: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const out of outputs) {
    order.push(out.name);
    const part = "copy" in out ? out.copy.held : "data" in out ? out.data : undefined;
    // every new part is held, the small ones too: deflating rels, styles, charts and the store (some 80 KB
    // in 20 parts for 10,000 Kitas) in JavaScript cost ~0.1 s per write, most of it fflate's code running cold
    if (held && part) {
      held.set(out.name, part);
      deflateAhead(part);
      continue;
    }
    // stored data held on as it is (not copied into this archive's bytes): a part deflated already, or a
    // big entry of an earlier archive (a view of its bytes)
    if (held && "copy" in out && (out.copy.heldDeflated || out.copy.compressedSize >= HOLD_COPY_BYTES)) {
      const e = out.copy;
      const { method, flags, crc, size, dosTime, dosDate } = e;
      const deflated =
        e.heldDeflated ?? out.from.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
      held.set(out.name, { deflated, crc, size, method, flags, dosTime, dosDate });
      continue;
    }
    if (held && "deflated" in out) {
      held.set(out.name, { deflated: out.deflated, crc: out.crc, size: out.size });
      continue;
    }
    const name = encoder.encode(out.name);
    let method: number;
    let crc: number;
    let size: number;
    let data: Uint8Array | readonly Uint8Array[];
    let time = 0;
    let date = 0x21; // 1980-01-01
    if ("copy" in out && out.copy.held) {
      // a held part written where the native streams are not taken (a test switched them off)
      method = 8;
      size = out.copy.held.length;
      ({ data, crc } = compress(out.copy.held));
    } else if ("copy" in out) {
      const e = out.copy;
      method = e.method;
      crc = e.crc;
      size = e.size;
      time = e.dosTime;
      date = e.dosDate;
      data = e.heldDeflated ?? out.from.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    } else if ("deflated" in out) {
      method = 8;
      ({ crc, size } = out);
      data = out.deflated;
    } else {
      method = 8;
      size = out.data.length;
      ({ data, crc } = compress(out.data));
    }
    const flags = 0x0800; // UTF-8 names, sizes in the local header (no data descriptor)
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    const compressedSize = lengthOf(data);
    lv.setUint32(18, compressedSize, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressedSize, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    pieces.push(local);
    if (isBytes(data)) pieces.push(data);
    else pieces.push(...data);
    central.push(record);
    offset += local.length + compressedSize;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, central.length, true);
  ev.setUint16(10, central.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  pieces.push(...central, end);
  return { pieces, length: offset + cdSize + 22, held, order };
}

/**
 * The browser's zip paths (zipArchive.ts with nativeStreams.ts): big parts inflated ahead and new parts
 * deflated through the Compression Streams. Run under Node 20, whose global DecompressionStream and
 * CompressionStream stand in for the browser's (`useNativeStreams(true)`); the same packages must read
 * and write as on the synchronous paths, and hostile ones be refused with the same German messages.
 */
import { inflateRawSync } from "node:zlib";
import { deflateSync } from "fflate";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { fromGzip, fromGzipPieces, hasCompressionStreams } from "../../../src/workbook/xlsx/nativeStreams";
import {
  crc32,
  useNativeStreams,
  writeZip,
  ZipArchive,
  type ZipOutput,
} from "../../../src/workbook/xlsx/zipArchive";
import { buildPackage, MAIN } from "../../helpers/minimalPackage";

const enc = new TextEncoder();

/** The paths the test runs (`useNativeStreams`); packages given to SRB are built on the synchronous ones. */
let mode: boolean | null = null;
function paths(native: boolean | null): void {
  mode = native;
  useNativeStreams(native);
}

/** Zip bytes as another program writes them: every part deflated (not SRB's parts stored for later). */
function writeInput(outputs: ZipOutput[]): Uint8Array {
  useNativeStreams(false);
  try {
    return writeZip(outputs);
  } finally {
    useNativeStreams(mode);
  }
}

/** A workbook with one sheet "Kitas" of `n` Kitas (inline strings), plus `extra` entries. */
function kitasPackage(n: number, extra: ZipOutput[] = []): Uint8Array {
  const rows = [
    `<row r="1"><c r="A1" t="inlineStr"><is><t>Einrichtung</t></is></c><c r="B1" t="inlineStr"><is><t>Kinder</t></is></c></row>`,
  ];
  for (let r = 2; r <= n + 1; r++)
    rows.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Kita ${r - 1}</t></is></c><c r="B${r}"><v>${r % 90}</v></c></row>`,
    );
  const xml = `<worksheet xmlns="${MAIN}"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  // built on the synchronous paths, as another program writes it
  useNativeStreams(false);
  try {
    return buildPackage([{ name: "Kitas", xml, extra }]);
  } finally {
    useNativeStreams(mode);
  }
}

/** The bytes with the declared inflated size of `name` in the central directory set to `size`. */
function declare(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (let i = copy.length - 22; i > 0; i--) {
    if (
      view.getUint32(i, true) === 0x02014b50 &&
      new TextDecoder().decode(copy.subarray(i + 46, i + 46 + name.length)) === name
    ) {
      view.setUint32(i + 24, size, true);
      return copy;
    }
  }
  throw new Error(`${name} fehlt`);
}

/** The stored (compressed) bytes of an entry. */
function storedBytes(zip: ZipArchive, name: string): Buffer {
  const e = zip.entry(name)!;
  return Buffer.from(zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize));
}

/** A simple CRC-32, one byte at a time, to check the fast one against. */
function slowCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

afterEach(() => paths(null));

test("Node 20 has the Compression Streams with raw deflate (the stand-in for the browser's)", () => {
  expect(hasCompressionStreams()).toBe(true);
});

test("CRC-32 eight bytes at a time equals the byte-at-a-time checksum for every length and offset", () => {
  const data = new Uint8Array(1000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + 13) & 0xff;
  for (const [from, to] of [
    [0, 0],
    [0, 1],
    [3, 10],
    [1, 999],
    [0, 1000],
    [5, 17],
    [100, 357],
  ])
    expect(crc32(data.subarray(from, to))).toBe(slowCrc32(data.subarray(from, to)));
  expect(crc32(enc.encode("abc"))).toBe(0x352441c2);
});

test("a gzip member in chunks gives the deflate data and checksum of the whole, however it is cut", () => {
  const zlib = process.getBuiltinModule("node:zlib");
  const data = enc.encode("Kita Sonnenschein; ".repeat(500));
  const gz = new Uint8Array(zlib.gzipSync(data));
  const whole = fromGzip(gz);
  // cuts in the header, in the data, and in the trailer (its checksum split between the last chunks)
  for (const cuts of [
    [],
    [5],
    [10],
    [11, 40],
    [gz.length - 7],
    [gz.length - 3, gz.length - 1],
    [3, 9, gz.length - 8],
  ]) {
    const bounds = [0, ...cuts, gz.length];
    const chunks = bounds.slice(1).map((to, k) => gz.subarray(bounds[k], to));
    const { deflated, crc } = fromGzipPieces(chunks, gz.length);
    expect(crc).toBe(whole.crc);
    expect(Buffer.concat(deflated).equals(Buffer.from(whole.deflated))).toBe(true);
  }
  expect(Buffer.from(inflateRawSync(whole.deflated)).equals(Buffer.from(data))).toBe(true);
});

describe.each([
  ["native (browser)", true],
  ["synchronous (fflate, zlib)", false],
])("paths: %s", (_label, native) => {
  beforeEach(() => paths(native));

  test("a data sheet of 5,000 Kitas reads the same, and the written sheets come out deflated and intact", async () => {
    const book = await PackageWorkbook.fromBuffer(kitasPackage(5000));
    const table = await book.readTable("Kitas");
    expect(table.rows).toHaveLength(5000);
    expect(table.rows[4999]).toEqual(["Kita 5000", 5001 % 90]);
    const grid = await book.readGrid("Kitas");
    expect(grid.rows).toHaveLength(5001);
    const rows = table.rows.map((r) => [{ value: r[0] as string }, { value: r[1] as number }]);
    await book.writeGeneratedSheets([{ name: "Verteilung", rows }]);
    // SRB's sheet reads back before the package is handed out (in the browser: a held part)
    expect((await book.readTable("Verteilung")).rows[4998]).toEqual(["Kita 5000", 5001 % 90]);
    const bytes = await book.toBuffer();
    const zip = ZipArchive.open(bytes);
    expect(zip.entries.filter((e) => e.held)).toEqual([]);
    for (const e of zip.entries) {
      // every entry valid: inflates (or is stored) to its declared size with its checksum
      const raw = zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
      const data = e.method === 8 ? inflateRawSync(raw) : raw;
      expect([e.name, data.length, crc32(data)]).toEqual([e.name, e.size, e.crc]);
      // the big new sheet is deflated, not stored
      if (e.size > 100_000) expect([e.name, e.method]).toEqual([e.name, 8]);
    }
    const again = await PackageWorkbook.fromBuffer(bytes);
    const written = await again.readTable("Verteilung");
    expect(written.rows).toHaveLength(4999);
    expect(written.rows[4998]).toEqual(["Kita 5000", 5001 % 90]);
    // the user's sheet is copied byte for byte
    expect(
      storedBytes(zip, "xl/worksheets/sheet1.xml").equals(
        storedBytes(ZipArchive.open(kitasPackage(5000)), "xl/worksheets/sheet1.xml"),
      ),
    ).toBe(true);
  });

  test.each([1024, 100_000])(
    "a zip bomb (a data sheet declaring %d bytes, inflating to 8 MB) is stopped while inflating",
    async (declared) => {
      const big = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(8_000_000)}</sheetData></worksheet>`;
      const bomb = declare(
        writeInput(
          ZipArchive.open(kitasPackage(1)).entries.map((e) =>
            e.name === "xl/worksheets/sheet1.xml"
              ? { name: e.name, deflated: deflateSync(enc.encode(big)), crc: 0, size: declared }
              : { name: e.name, copy: e, from: ZipArchive.open(kitasPackage(1)) },
          ),
        ),
        "xl/worksheets/sheet1.xml",
        declared,
      );
      expect(bomb.length).toBeLessThan(200_000);
      const book = await PackageWorkbook.fromBuffer(bomb);
      await expect(book.readTable("Kitas")).rejects.toThrow(/zu groß oder beschädigt/);
    },
  );

  test("a data sheet whose deflate data is damaged is called damaged, in German", async () => {
    const good = kitasPackage(2000);
    const zip = ZipArchive.open(good);
    const e = zip.entry("xl/worksheets/sheet1.xml")!;
    const bad = good.slice();
    bad.fill(0xff, e.dataOffset + 100, e.dataOffset + 400);
    const book = await PackageWorkbook.fromBuffer(bad);
    await expect(book.readTable("Kitas")).rejects.toThrow(/beschädigt/);
  });
});

test("native path: prepared parts are handed out once and capped again", async () => {
  paths(true);
  const zip = ZipArchive.open(kitasPackage(3000));
  const name = "xl/worksheets/sheet1.xml";
  const expected = zip.read(name)!;
  await zip.prepare([name, "missing.xml", undefined]);
  // what `read` hands out now was inflated by `prepare`: the stored bytes are no longer looked at
  const e = zip.entry(name)!;
  const original = zip.bytes.slice(e.dataOffset, e.dataOffset + e.compressedSize);
  zip.bytes.fill(0xff, e.dataOffset, e.dataOffset + e.compressedSize);
  expect(Buffer.from(zip.read(name)!).equals(Buffer.from(expected))).toBe(true);
  // handed out once: the next read inflates the (now damaged) stored bytes
  expect(() => zip.read(name)).toThrow(/beschädigt/);
  zip.bytes.set(original, e.dataOffset);
  // a smaller cap than the part: refused from the prepared bytes as from the stream
  await zip.prepare([name]);
  expect(() => zip.read(name, 1000)).toThrow(/zu groß oder beschädigt/);
});

test("native path: new parts, big and small, are held outside the bytes until the package is handed out, then deflated natively", async () => {
  paths(true);
  const data = enc.encode("<x>".repeat(50_000));
  const bytes = writeZip([
    { name: "a.xml", data },
    { name: "b.xml", data: enc.encode("<b/>") },
  ]);
  const stored = ZipArchive.open(bytes);
  expect(stored.entries.map((e) => e.name)).toEqual(["a.xml", "b.xml"]);
  expect(stored.entry("a.xml")!.held).toBe(data);
  expect(bytes.length).toBeLessThan(1000);
  // a small part too: no deflating in JavaScript before the package is handed out
  expect(stored.entry("b.xml")!.held).toEqual(enc.encode("<b/>"));
  expect(Buffer.from(stored.read("a.xml")!).equals(Buffer.from(data))).toBe(true);
  expect(stored.entry("a.xml")!.crc).toBe(crc32(data));
  // a copy into a new archive holds the same bytes, not a copy of them
  const copied = ZipArchive.open(
    writeZip(stored.entries.map((e) => ({ name: e.name, copy: e, from: stored }))),
  );
  expect(copied.entry("a.xml")!.held).toBe(data);
  // written where the native streams are not taken, a held part is deflated there and then
  paths(false);
  const synchronous = ZipArchive.open(
    writeZip(copied.entries.map((e) => ({ name: e.name, copy: e, from: copied }))),
  );
  expect(synchronous.entry("a.xml")!.method).toBe(8);
  expect(Buffer.from(synchronous.read("a.xml")!).equals(Buffer.from(data))).toBe(true);
  paths(true);
  const done = await copied.finished();
  expect(done.entries.map((e) => [e.name, e.held])).toEqual([
    ["a.xml", undefined],
    ["b.xml", undefined],
  ]);
  expect(done.entry("a.xml")!.method).toBe(8);
  expect(done.entry("a.xml")!.compressedSize).toBeLessThan(10_000);
  expect(Buffer.from(done.read("a.xml")!).equals(Buffer.from(data))).toBe(true);
  expect(done.entry("a.xml")!.crc).toBe(crc32(data));
  expect(done.entry("b.xml")!.method).toBe(8);
  expect(new TextDecoder().decode(done.read("b.xml")!)).toBe("<b/>");
  expect(done.entry("b.xml")!.crc).toBe(crc32(enc.encode("<b/>")));
});

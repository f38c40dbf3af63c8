/**
 * A run writes SRB's sheets with its store, then its model (and adoptions) into the store: more than one
 * write of the package. The new
 * parts are held as they are until the package is handed out (`toBuffer`), and each is deflated once
 * then, under Node by zlib (the big ones on its thread pool, starting as soon as they are written; the small
 * ones at once, as a stream per part would cost more than their deflate) — never
 * deflated by one write and copied or replaced by the next. The bytes are those a deflate at write time
 * gives: every new entry is zlib's deflate of its content at the level `compress` picks.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../../src/usecase/generate";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { writeZip, ZipArchive, type ZipEntry } from "../../../src/workbook/xlsx/zipArchive";

/** Node's zlib as zipArchive.ts reaches it (`process.getBuiltinModule`), so that its functions can be spied on. */
const zlib = process.getBuiltinModule("node:zlib");

const SAMPLE = path.join(__dirname, "../../../assets/sample/Musterstadt.xlsx");

/** The stored (compressed) bytes of an entry. */
function stored(zip: ZipArchive, e: ZipEntry): Buffer {
  return Buffer.from(zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize));
}

/** zlib's raw deflate of the content at the level `compress` picks (the bytes of a deflate at write time). */
function deflatedAtWrite(data: Uint8Array): Buffer {
  const gz = zlib.gzipSync(data, { level: data.length > 1_000_000 ? 1 : 6 });
  return gz.subarray(10, gz.length - 8);
}

let gzip: jest.SpyInstance;
let gzipSync: jest.SpyInstance;

// the module zipArchive.ts reaches (it looks the functions up on each use)
beforeAll(() => {
  gzip = jest.spyOn(zlib, "gzip");
  gzipSync = jest.spyOn(zlib, "gzipSync");
});

beforeEach(() => jest.clearAllMocks());

afterAll(() => jest.restoreAllMocks());

test("a run's sheets, store and model are deflated once, when the package is handed out, to the same bytes", async () => {
  const input = new Uint8Array(readFileSync(SAMPLE));
  const book = await PackageWorkbook.fromBuffer(input, "Musterstadt.xlsx");
  const result = await generate(book, {
    workbookName: "Musterstadt.xlsx",
    date: new Date(Date.UTC(2026, 10, 30)),
  });
  expect(result.report?.sheets.length).toBeGreaterThan(5);
  // the sheets, then the store: nothing deflated while the package was written
  expect(gzipSync).not.toHaveBeenCalled();
  expect(gzip).not.toHaveBeenCalled(); // the sample's parts are all below the size deflated ahead

  const bytes = await book.toBuffer();
  // small parts are deflated at once (zlib's gzipSync), not on the thread pool: a stream per call costs more
  expect(gzip).not.toHaveBeenCalled();
  const before = ZipArchive.open(input);
  const after = ZipArchive.open(bytes);
  expect(after.entries.filter((e) => e.held)).toEqual([]);
  const fresh = after.entries.filter((e) => {
    const old = before.entry(e.name);
    return !old || !stored(before, old).equals(stored(after, e));
  });
  expect(fresh.length).toBeGreaterThan(10);
  // one deflate per new or replaced part, no part deflated twice
  expect(gzipSync).toHaveBeenCalledTimes(fresh.length);
  expect(new Set(gzipSync.mock.calls.map((c) => c[0])).size).toBe(fresh.length);
  for (const e of fresh) {
    const content = after.read(e.name)!;
    expect([e.name, e.method, stored(after, e).equals(deflatedAtWrite(content))]).toEqual([e.name, 8, true]);
  }
  // the user's data sheet is copied as it was stored
  const kitas = before.entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
  expect(stored(after, after.entry(kitas.name)!).equals(stored(before, kitas))).toBe(true);
});

test("a big new sheet starts deflating as soon as it is written, and is deflated once for all later writes", async () => {
  const book = PackageWorkbook.empty(); // its five parts are deflated as it is built
  jest.clearAllMocks();
  const rows = Array.from({ length: 6000 }, (_, i) => [{ value: `Kita ${i + 1}` }, { value: (i * 37) % 91 }]);
  await book.writeGeneratedSheets([{ name: "Einrichtungen", rows }]);
  // the sheet (over 256 KB) is on its way; the store and the rest wait for the package to be handed out
  expect(gzip).toHaveBeenCalledTimes(1);
  const sheet = gzip.mock.calls[0][0] as Uint8Array;
  expect(sheet.length).toBeGreaterThan(256 * 1024);
  await book.writeStoredModel({ version: 1 });
  await book.writeStoredAdoptions([{ date: "2026-11-30" }]);
  const after = ZipArchive.open(await book.toBuffer());
  // the big sheet deflated once, on the thread pool; only the small parts (store, rels) at once
  expect(gzipSync.mock.calls.filter((c) => c[0] === sheet)).toHaveLength(0);
  expect(gzipSync.mock.calls.every((c) => (c[0] as Uint8Array).length < 256 * 1024)).toBe(true);
  expect(gzip.mock.calls.filter((c) => c[0] === sheet)).toHaveLength(1);
  const written = after.entries.find((e) => e.size === sheet.length)!;
  expect(stored(after, written).equals(deflatedAtWrite(sheet))).toBe(true);
  const again = await PackageWorkbook.fromBuffer(after.bytes);
  expect((await again.readTable("Einrichtungen")).rows[5998]).toEqual(["Kita 6000", (5999 * 37) % 91]);
  expect(await again.readStoredModel()).toEqual({ version: 1 });
});

test("writing only the store again replaces its held part in the same archive (no copy), with the same package as a full write", async () => {
  const run = async (fast: boolean) => {
    const replacing = jest.spyOn(ZipArchive.prototype, "replacingHeld");
    if (!fast) replacing.mockReturnValue(null);
    try {
      const book = await PackageWorkbook.fromBuffer(new Uint8Array(readFileSync(SAMPLE)), "Musterstadt.xlsx");
      await generate(book, { workbookName: "Musterstadt.xlsx", date: new Date(Date.UTC(2026, 10, 30)) });
      await book.writeStoredAdoptions([{ date: "2026-11-30" }]);
      const used = replacing.mock.results.filter((r) => r.value !== null).length;
      return { bytes: await book.toBuffer(), used, again: await book.readStoredAdoptions() };
    } finally {
      replacing.mockRestore();
    }
  };
  const fast = await run(true);
  const full = await run(false);
  // the model and the adoptions: each only the store sheet written again
  expect(fast.used).toBe(2);
  expect(full.used).toBe(0);
  expect(Buffer.from(fast.bytes).equals(Buffer.from(full.bytes))).toBe(true);
  expect(fast.again).toEqual({ adoptions: [{ date: "2026-11-30" }], damaged: 0 });
  const reread = await PackageWorkbook.fromBuffer(fast.bytes);
  expect(await reread.readStoredAdoptions()).toEqual({ adoptions: [{ date: "2026-11-30" }], damaged: 0 });
});

test("a run builds its package once (sheets and store in one write, the model swapped in), until it is handed out", async () => {
  const zipModule = await import("../../../src/workbook/xlsx/zipArchive");
  const writes = jest.spyOn(zipModule, "writeZip");
  try {
    const book = await PackageWorkbook.fromBuffer(new Uint8Array(readFileSync(SAMPLE)), "Musterstadt.xlsx");
    writes.mockClear();
    await generate(book, { workbookName: "Musterstadt.xlsx", date: new Date(Date.UTC(2026, 10, 30)) });
    expect(writes).toHaveBeenCalledTimes(1);
    const bytes = await book.toBuffer();
    expect(ZipArchive.open(bytes).entries.filter((e) => e.held)).toEqual([]);
    // and it is SRB's package: sheets, the store with the model
    const again = await PackageWorkbook.fromBuffer(bytes);
    expect(await again.sheetNames()).toEqual(
      expect.arrayContaining(["Vorlage", "Verteilung", "Einrichtungen"]),
    );
    expect(await again.readStoredModel()).not.toBeNull();
  } finally {
    writes.mockRestore();
  }
});

test("the package in pieces (the CLI's file) is the package's bytes, and leaves the workbook as it was", async () => {
  const book = await PackageWorkbook.fromBuffer(new Uint8Array(readFileSync(SAMPLE)), "Musterstadt.xlsx");
  await generate(book, { workbookName: "Musterstadt.xlsx", date: new Date(Date.UTC(2026, 10, 30)) });
  const pieces = await book.toPieces();
  expect(pieces.length).toBeGreaterThan(1);
  const bytes = await book.toBuffer();
  expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
  // nothing held any more: the pieces are the archive's own bytes
  expect(Buffer.concat(await book.toPieces()).equals(Buffer.from(bytes))).toBe(true);
});

test("a part deflated already (in pieces) is held on through every write and written as it is when handed out", async () => {
  const text = "<x>Kita Sonnenschein</x>".repeat(2000);
  const bytes = new TextEncoder().encode(text);
  const gz = new Uint8Array(zlib.gzipSync(bytes, { level: 1 }));
  const deflated = gz.subarray(10, gz.length - 8);
  const pieces = [deflated.subarray(0, 100), deflated.subarray(100, 101), deflated.subarray(101)];
  const crc = Buffer.from(gz.subarray(gz.length - 8)).readUInt32LE(0);
  const first = ZipArchive.open(
    writeZip(
      [
        { name: "big.xml", deflated: pieces, crc, size: bytes.length },
        { name: "a.txt", data: new Uint8Array([65]) },
      ],
      {
        hold: true,
      },
    ),
  );
  const entry = first.entry("big.xml")!;
  expect(entry.heldDeflated).toBe(pieces);
  expect(entry.compressedSize).toBe(deflated.length);
  expect(first.bytes.length).toBeLessThan(200); // not in the archive's bytes
  expect(first.text("big.xml")).toBe(text);
  // written again (the store replaced): still held, never copied
  const second = ZipArchive.open(
    writeZip(
      first.entries.map((e) => ({ name: e.name, copy: e, from: first })),
      { hold: true },
    ),
  );
  expect(second.entry("big.xml")!.heldDeflated).toBe(pieces);
  const whole = await second.finished();
  expect(whole.entries.some((e) => e.held || e.heldDeflated)).toBe(false);
  expect(whole.text("big.xml")).toBe(text);
  expect(whole.entry("big.xml")!.crc).toBe(crc);
  expect(
    Buffer.from(whole.bytes.subarray(whole.entry("big.xml")!.dataOffset)).subarray(0, deflated.length),
  ).toEqual(Buffer.from(deflated));
  expect(Buffer.concat(await second.finishedPieces()).equals(Buffer.from(whole.bytes))).toBe(true);
});

test("a big entry of the input is held as a view of the input's bytes by every write, and written as it was stored", async () => {
  // bytes that do not deflate (a pseudo-random sequence): their entry is over the size held
  let seed = 12345;
  const big = new Uint8Array(100_000).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
  const input = ZipArchive.open(
    writeZip([
      { name: "stored.bin", data: new Uint8Array(0) },
      { name: "big.bin", data: big },
    ]),
  );
  const stamped: ZipEntry[] = input.entries.map((e) =>
    e.name === "big.bin" ? { ...e, dosTime: 0x6000, dosDate: 0x5a21 } : e,
  );
  const full = ZipArchive.open(
    writeZip(
      stamped.map((e) => ({ name: e.name, copy: e, from: input })),
      { hold: false },
    ),
  );
  const held = ZipArchive.open(
    writeZip(
      stamped.map((e) => ({ name: e.name, copy: e, from: input })),
      { hold: true },
    ),
  );
  const entry = held.entry("big.bin")!;
  expect(entry.heldDeflated).toBeDefined();
  expect(held.bytes.length).toBeLessThan(1000); // not copied
  expect(entry.dosDate).toBe(0x5a21);
  expect(Buffer.from(held.read("big.bin")!).equals(Buffer.from(big))).toBe(true);
  const handedOut = await held.finished();
  expect(Buffer.from(handedOut.bytes).equals(Buffer.from(full.bytes))).toBe(true);
  expect(Buffer.concat(await held.finishedPieces()).equals(Buffer.from(full.bytes))).toBe(true);
});

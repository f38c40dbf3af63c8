/**
 * Under Node a big part (the data sheet) is inflated ahead on zlib's thread pool while the shared strings
 * are read (zipArchive.ts `inflateAhead`): the reader then gets the same bytes, and a part that inflates to
 * more than it declares, or does not inflate at all, is refused with the German messages of the
 * synchronous path.
 */
import { writeZip, ZipArchive } from "../../../src/workbook/xlsx/zipArchive";

/** Node's zlib as zipArchive.ts reaches it, so that its synchronous inflate can be spied on. */
const zlib = process.getBuiltinModule("node:zlib");

/** Text of about `bytes` bytes that deflates well (a data sheet's rows). */
function rowsText(bytes: number): Uint8Array {
  const row = (r: number) => `<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 1000}</v></c></row>`;
  let text = "";
  for (let r = 1; text.length < bytes; r++) text += row(r);
  return new TextEncoder().encode(text);
}

/** An archive of one part, its central directory's declared size changed to `declared` if given. */
function archiveOf(data: Uint8Array, declared?: number): ZipArchive {
  const bytes = writeZip([{ name: "xl/worksheets/sheet1.xml", data }], { hold: false });
  if (declared !== undefined) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const central = view.getUint32(bytes.length - 22 + 16, true);
    view.setUint32(central + 24, declared, true);
  }
  return ZipArchive.open(bytes);
}

afterEach(() => jest.restoreAllMocks());

test("a big part inflated ahead reads the same bytes, without the synchronous inflate", async () => {
  const data = rowsText(3_000_000);
  const zip = archiveOf(data);
  await zip.inflateAhead("xl/worksheets/sheet1.xml");
  const inflateRawSync = jest.spyOn(zlib, "inflateRawSync");
  expect(Buffer.from(zip.read("xl/worksheets/sheet1.xml")!).equals(Buffer.from(data))).toBe(true);
  expect(inflateRawSync).not.toHaveBeenCalled();
  // handed out once: a second read inflates again, the same bytes
  expect(Buffer.from(zip.read("xl/worksheets/sheet1.xml")!).equals(Buffer.from(data))).toBe(true);
});

test("a part that inflates to more than it declares is refused, as on the synchronous path", async () => {
  const zip = archiveOf(rowsText(3_000_000), 1_500_000);
  await expect(zip.inflateAhead("xl/worksheets/sheet1.xml")).rejects.toThrow(
    /Teil „xl\/worksheets\/sheet1\.xml“ würde entpackt über 1 MB belegen/,
  );
  expect(() => archiveOf(rowsText(3_000_000), 1_500_000).read("xl/worksheets/sheet1.xml")).toThrow(
    /Teil „xl\/worksheets\/sheet1\.xml“ würde entpackt über 1 MB belegen/,
  );
});

test("a part that does not inflate is refused with a German message", async () => {
  const zip = archiveOf(rowsText(2_000_000));
  const e = zip.entry("xl/worksheets/sheet1.xml")!;
  // a deflate block of the reserved type 3: no deflate stream
  zip.bytes[e.dataOffset] = 0xff;
  await expect(zip.inflateAhead("xl/worksheets/sheet1.xml")).rejects.toThrow(
    "Die Datei ist beschädigt: Teil „xl/worksheets/sheet1.xml“ lässt sich nicht entpacken.",
  );
});

test("small parts are not inflated ahead (a stream costs more than they do): read as before", async () => {
  const data = rowsText(10_000);
  const zip = archiveOf(data);
  await zip.inflateAhead("xl/worksheets/sheet1.xml");
  const inflateRawSync = jest.spyOn(zlib, "inflateRawSync");
  expect(Buffer.from(zip.read("xl/worksheets/sheet1.xml")!).equals(Buffer.from(data))).toBe(true);
  expect(inflateRawSync).toHaveBeenCalledTimes(1);
});

/**
 * Entry names without the zip's UTF-8 flag (bit 11): code page 437 as the zip format says, or UTF-8 when the
 * bytes are valid UTF-8 (as many programs write them without the flag). A part copied through SRB keeps its
 * name and its bytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { entryName, writeZip, ZipArchive } from "../../../src/workbook/xlsx/zipArchive";

const FIXTURE = join(__dirname, "..", "..", "fixtures", "xlsx", "openpyxl-features.xlsx");
const bytesOf = (...b: number[]) => Uint8Array.from(b);

describe("entryName", () => {
  test("without the flag, bytes that are not UTF-8 are code page 437: 0x9A 0x62 is „Üb“, not „\uFFFDb“", () => {
    expect(entryName(bytesOf(0x9a, 0x62), 0)).toBe("Üb");
    expect(entryName(bytesOf(0x84, 0x94, 0x81, 0xe1, 0xff), 0)).toBe("äöüß\u00a0");
  });
  test("without the flag, valid UTF-8 stays UTF-8 („Übersicht“ as many programs write it)", () => {
    expect(entryName(new TextEncoder().encode("Übersicht.xml"), 0)).toBe("Übersicht.xml");
  });
  test("with the flag, UTF-8; plain ASCII either way", () => {
    expect(entryName(new TextEncoder().encode("Übersicht.xml"), 0x0800)).toBe("Übersicht.xml");
    expect(entryName(new TextEncoder().encode("xl/workbook.xml"), 0)).toBe("xl/workbook.xml");
  });
});

/**
 * The package with one more entry whose name is written in code page 437 without the UTF-8 flag, as an old
 * zip tool writes „xl/media/Üb.bin“: SRB's writer makes it with a placeholder name of the same length, whose
 * letter and flags are then patched in the local header and the central directory.
 */
function withCp437Entry(input: Uint8Array, payload: Uint8Array): Uint8Array {
  const zip = ZipArchive.open(input);
  const outputs = zip.entries.map((e) => ({ name: e.name, data: zip.read(e.name) as Uint8Array }));
  const bytes = writeZip([...outputs, { name: "xl/media/Qb.bin", data: payload }]);
  const name = new TextEncoder().encode("xl/media/Qb.bin");
  let patched = 0;
  for (let at = 0; at + name.length <= bytes.length; at++) {
    if (!name.every((b, k) => bytes[at + k] === b)) continue;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // the local header's name starts at 30, the central record's at 46; the flags at 6 and 8
    if (view.getUint32(at - 30, true) === 0x04034b50) view.setUint16(at - 30 + 6, 0, true);
    else if (view.getUint32(at - 46, true) === 0x02014b50) view.setUint16(at - 46 + 8, 0, true);
    else continue;
    bytes[at + "xl/media/".length] = 0x9a; // Ü in code page 437
    patched++;
  }
  expect(patched).toBe(2);
  return bytes;
}

test("a part named in code page 437 keeps its name and its bytes through SRB's write", async () => {
  const payload = Uint8Array.from({ length: 300 }, (_, k) => (k * 7) % 256);
  const input = withCp437Entry(new Uint8Array(readFileSync(FIXTURE)), payload);
  expect(ZipArchive.open(input).entry("xl/media/Üb.bin")).toBeDefined();

  const book = await PackageWorkbook.fromBuffer(input, "Kitas.xlsx");
  await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "Summe" }, { value: 1 }]] }]);
  const out = ZipArchive.open(await book.toBuffer());
  expect(out.entries.map((e) => e.name)).toContain("xl/media/Üb.bin");
  expect(out.entries.some((e) => e.name.includes("\uFFFD"))).toBe(false);
  expect(Buffer.from(out.read("xl/media/Üb.bin") as Uint8Array).equals(Buffer.from(payload))).toBe(true);
});

/**
 * 17.9 through the command line: files that are no .xlsx end with exit 1 and a German message saying what
 * the file is and what to do; a macro workbook is written as .xlsm and keeps its VBA project.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../src/cli/main";
import { ZipArchive, writeZip } from "../../../src/workbook/xlsx/zipArchive";

const enc = new TextEncoder();
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "srb-kinds-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function srb(...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = "";
  let stdout = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stderr, stdout };
}

function encrypted(): Uint8Array {
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  "EncryptionInfo".split("").forEach((c, i) => (ole[2048 + 2 * i] = c.charCodeAt(0)));
  return ole;
}

test.each([
  ["geschützt.xlsx", encrypted(), /„geschützt\.xlsx“ ist passwortgeschützt.*ohne Kennwort speichern/],
  [
    "Kitas.ods",
    writeZip([{ name: "mimetype", data: enc.encode("application/vnd.oasis.opendocument.spreadsheet") }]),
    /„Kitas\.ods“ ist eine OpenDocument-Tabelle.*\.xlsx/,
  ],
  [
    "Kitas.xlsb",
    writeZip([
      {
        name: "[Content_Types].xml",
        data: enc.encode(
          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`,
        ),
      },
      {
        name: "_rels/.rels",
        data: enc.encode(
          `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
        ),
      },
      { name: "xl/workbook.bin", data: new Uint8Array([0]) },
    ]),
    /„Kitas\.xlsb“ ist eine Excel-Binärarbeitsmappe/,
  ],
  [
    "Archiv.xlsx",
    writeZip([{ name: "a.txt", data: enc.encode("x") }]),
    /Zip-Archiv, enthält aber keine Excel-Arbeitsmappe/,
  ],
])("%s: exit 1, says what the file is", async (name, bytes, message) => {
  await writeFile(join(dir, name), bytes);
  const run = await srb(
    "allocate",
    join(dir, name),
    "--out",
    join(dir, "out.xlsx"),
    "--json",
    join(dir, "out.json"),
    "--quiet",
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/https?:|Can't find|central directory|at .*\.ts:\d+/);
});

const FIXTURES = join(__dirname, "..", "..", "fixtures", "xlsx");

test.each(["openpyxl-features.xlsx", "openpyxl-features.xlsm", "libreoffice-features.xlsx"])(
  "%s through the CLI: an allocation, and every user entry of the package byte for byte",
  async (file) => {
    const ext = file.slice(file.lastIndexOf("."));
    const input = join(dir, `in-${file}`);
    await writeFile(input, await readFile(join(FIXTURES, file)));
    const out = join(dir, `out${ext}`);
    const run = await srb(
      "allocate",
      input,
      "--model",
      join(FIXTURES, "features.srb.json"),
      "--out",
      out,
      "--json",
      join(dir, "r.json"),
      "--quiet",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Summe\s+100,00 %\s+500\.000,00 €/);
    const before = ZipArchive.open(new Uint8Array(await readFile(input)));
    const after = ZipArchive.open(new Uint8Array(await readFile(out)));
    const listing = new Set([
      "[Content_Types].xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
    ]);
    for (const e of before.entries) {
      if (listing.has(e.name)) continue;
      const a = after.entry(e.name)!;
      expect(Buffer.from(after.bytes.subarray(a.dataOffset, a.dataOffset + a.compressedSize))).toEqual(
        Buffer.from(before.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize)),
      );
    }
    if (ext === ".xlsm") {
      expect(after.text("[Content_Types].xml")).toContain("macroEnabled.main+xml");
      const wrong = await srb(
        "allocate",
        input,
        "--model",
        join(FIXTURES, "features.srb.json"),
        "--out",
        join(dir, "x.xlsx"),
        "--json",
        join(dir, "r.json"),
        "--quiet",
      );
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/enthält Makros.*\.xlsm/);
    }
  },
);

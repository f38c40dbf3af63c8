/**
 * The sheet reader's limits and refusals, on both inflate paths: Node's zlib (the CLI) and fflate (the task
 * pane and the standalone page read small parts this way). A bad reference never moves a value into another
 * cell, a part of nothing but empty elements never grows a list until memory runs out, and every refusal is
 * the reader's own German message on either path.
 */
import { readCellFormats, readGrid, readSharedStrings } from "../../../src/workbook/xlsx/sheetReader";
import { useNativeStreams, writeZip, ZipArchive } from "../../../src/workbook/xlsx/zipArchive";

type Reader = typeof import("../../../src/workbook/xlsx/sheetReader");
type Zip = typeof import("../../../src/workbook/xlsx/zipArchive");

const enc = new TextEncoder();
const CTX = { sharedStrings: [], formats: [], date1904: false };
const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

/** The reader and zip modules loaded afresh while `process.getBuiltinModule` finds no zlib: fflate inflates. */
function withoutNodeZlib(): { reader: Reader; zip: Zip } {
  const original = process.getBuiltinModule;
  let loaded: { reader: Reader; zip: Zip } | undefined;
  (process as { getBuiltinModule: unknown }).getBuiltinModule = (id: string) =>
    id === "node:zlib" ? undefined : original(id);
  try {
    jest.isolateModules(() => {
      loaded = {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance, on purpose
        reader: require("../../../src/workbook/xlsx/sheetReader") as Reader,
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance, on purpose
        zip: require("../../../src/workbook/xlsx/zipArchive") as Zip,
      };
    });
    // the module looks for zlib once, at its first deflate: done here, while there is none to find
    loaded!.zip.writeZip([{ name: "probe.xml", data: enc.encode("<probe/>".repeat(100)) }]);
  } finally {
    process.getBuiltinModule = original;
  }
  return loaded!;
}

const PATHS: [string, () => { reader: Reader; zip: Zip }][] = [
  [
    "Node's zlib",
    () => ({
      reader: { readGrid, readSharedStrings, readCellFormats } as Reader,
      zip: { ZipArchive, writeZip, useNativeStreams } as Zip,
    }),
  ],
  ["fflate (browser)", withoutNodeZlib],
];

/** The message `readGrid` refuses this sheet with, on one path. */
function refusal(path: () => { reader: Reader; zip: Zip }, xml: string): string {
  const { reader, zip } = path();
  zip.useNativeStreams(false);
  const archive = zip.ZipArchive.open(
    zip.writeZip([{ name: "s.xml", data: enc.encode(xml) }], { hold: false }),
  );
  try {
    reader.readGrid(archive, "s.xml", CTX, "Kitas");
  } catch (e) {
    return (e as Error).message;
  } finally {
    zip.useNativeStreams(null);
  }
  throw new Error("not refused");
}

describe.each(PATHS)("a bad sheet, inflated by %s: the reader's own German message", (_name, path) => {
  test("a row number 0", () => {
    const message = refusal(path, sheet(`<row r="0"><c><v>1</v></c></row>`));
    expect(message).toBe(
      "Blatt „Kitas“: Zeilennummer „0“ ungültig – die Datei ist beschädigt. Bitte in Excel öffnen und neu speichern.",
    );
  });

  test("a cell reference beyond the last row, or in row 0: refused, never written into another cell", () => {
    expect(
      refusal(path, sheet(`<row r="3"><c r="A3"><v>1</v></c><c r="A2000000"><v>2</v></c></row>`)),
    ).toContain("Zellbezug „A2000000“ ungültig");
    expect(refusal(path, sheet(`<row r="3"><c r="A3"><v>1</v></c><c r="B0"><v>2</v></c></row>`))).toContain(
      "Zellbezug „B0“ ungültig",
    );
  });

  test("a cell beyond the last column without a reference: named by its column and row", () => {
    const cells = "<c><v>1</v></c>".repeat(16_385);
    expect(refusal(path, sheet(`<row r="1">${cells}</row>`))).toContain(
      "Zellbezug „Spalte 16385 in Zeile 1“ ungültig",
    );
  });
});

describe("parts of nothing but empty elements are bounded", () => {
  test("a cell reference with a row in its range is still taken (the row of the reference wins)", () => {
    const archive = ZipArchive.open(
      writeZip(
        [
          {
            name: "s.xml",
            data: enc.encode(sheet(`<row r="3"><c r="A3"><v>1</v></c><c r="B4"><v>2</v></c></row>`)),
          },
        ],
        {
          hold: false,
        },
      ),
    );
    expect(readGrid(archive, "s.xml", CTX, "Kitas").values).toEqual([
      [null, null],
      [null, null],
      [1, null],
      [null, 2],
    ]);
  });

  test("more than 5,000,000 shared strings: refused in German, naming the part", () => {
    const part = "xl/sharedStrings.xml";
    const archive = ZipArchive.open(
      writeZip([{ name: part, data: enc.encode(`<sst>${"<si/>".repeat(5_000_001)}</sst>`) }], {
        hold: false,
      }),
    );
    expect(() => readSharedStrings(archive, part)).toThrow(
      "Die Arbeitsmappe enthält mehr als 5.000.000 verschiedene Texte (Teil „xl/sharedStrings.xml“) – zu viele für SRB. " +
        "Bitte die Kita-Tabelle in eine eigene Arbeitsmappe kopieren.",
    );
    const fine = ZipArchive.open(
      writeZip([{ name: part, data: enc.encode(`<sst>${"<si/>".repeat(1000)}</sst>`) }]),
    );
    expect(readSharedStrings(fine, part)).toHaveLength(1000);
  });

  test("more than 1,000,000 cell styles: refused in German, naming the part", () => {
    const part = "xl/styles.xml";
    const archive = ZipArchive.open(
      writeZip(
        [
          {
            name: part,
            data: enc.encode(`<styleSheet><cellXfs>${"<xf/>".repeat(1_000_001)}</cellXfs></styleSheet>`),
          },
        ],
        {
          hold: false,
        },
      ),
    );
    expect(() => readCellFormats(archive, part)).toThrow(
      /mehr als 1\.000\.000 Zellformate \(Teil „xl\/styles\.xml“/,
    );
  });

  test("a hidden row repeated 200,000 times is one hidden row", () => {
    const xml = sheet(
      `<row r="2"><c r="A2"><v>1</v></c></row>${`<row r="5" hidden="1"/>`.repeat(200_000)}<row r="6"><c r="A6"><v>2</v></c></row>`,
    );
    const archive = ZipArchive.open(writeZip([{ name: "s.xml", data: enc.encode(xml) }], { hold: false }));
    expect(readGrid(archive, "s.xml", CTX, "Kitas").hiddenRows).toEqual([5]);
  });
});

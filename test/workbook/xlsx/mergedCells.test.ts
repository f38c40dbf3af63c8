/**
 * Merged cells in the Kita table, as municipal workbooks have them: the Sozialraum merged over all Kitas of
 * the area (C4:C6), a title merged over the columns. The file holds the value in the top-left cell only;
 * SRB reads the text columns the way Excel shows them, and never copies a number to several Kitas.
 */
import type { CellValue } from "../../../src/engine/table";
import { generate } from "../../../src/usecase/generate";
import { readDataTable } from "../../../src/workbook/dataTable";
import { PackageWorkbook } from "../../../src/workbook/xlsx/packageWorkbook";
import { MAX_MERGED_RANGES } from "../../../src/workbook/xlsx/sheetReader";
import { buildPackage } from "../../helpers/minimalPackage";
import { locationHints } from "../../../src/engine/tableLocation";
import { HEADERS, model } from "../../helpers/kitaSheet";
import { exceljsFixtureBytes } from "../exceljsFixture";

/** Title (merged A1:G1), a blank row, the header in row 3, six Kitas in rows 4–9, a Summe row. */
function mergedRows(): CellValue[][] {
  return [
    ["Kita-Daten 2025 – Stadt X"],
    [],
    HEADERS,
    ["Kita A", "Am Hang", 50, 10, 5, 30, 2],
    ["Kita B", null, 80, 20, 8, 45, 3],
    ["Kita C", null, 120, 30, 2, 60, 4],
    ["Kita D", "Nord", 40, 15, 6, 20, 1],
    ["Kita E", null, 60, 25, 4, 35, 2],
    ["Kita F", null, 70, 12, 7, 50, 5],
    ["Summe", null, 420, null, null, null, null],
  ];
}

async function book(rows: CellValue[][], merged: string[]): Promise<PackageWorkbook> {
  return PackageWorkbook.fromBuffer(
    await exceljsFixtureBytes({ sheets: { Kitas: rows }, extras: { Kitas: { merged } } }),
  );
}

test("a Sozialraum merged over its Kitas: every Kita gets it, the run succeeds and says so once", async () => {
  const port = await book(mergedRows(), ["A1:G1", "B4:B6", "B7:B9"]);
  const grid = await port.readGrid("Kitas");
  // the file's ranges, as ranges (the covered cells stay blank in the grid)
  expect(grid.mergedRanges).toEqual([
    { firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 7 },
    { firstRow: 4, lastRow: 6, firstColumn: 2, lastColumn: 2 },
    { firstRow: 7, lastRow: 9, firstColumn: 2, lastColumn: 2 },
  ]);
  expect(grid.rows[4][1]).toBeNull();
  const result = await generate(port, { model: model(), workbookName: "Stadt.xlsx" });
  expect(result.issues.filter((i) => i.level === "error")).toEqual([]);
  // the title merged over the columns does not move the header
  expect(result.dataset?.headerRow).toBe(3);
  expect(result.dataset?.units.map((u) => [u.id, u.area])).toEqual([
    ["Kita A", "Am Hang"],
    ["Kita B", "Am Hang"],
    ["Kita C", "Am Hang"],
    ["Kita D", "Nord"],
    ["Kita E", "Nord"],
    ["Kita F", "Nord"],
  ]);
  expect(result.allocation).not.toBeNull();
  const merged = result.issues.filter((i) => i.code === "merged-cells");
  expect(merged.map((i) => [i.level, i.sheet, i.cell, i.message])).toEqual([
    [
      "warning",
      "Kitas",
      "B4",
      "Spalte „Sozialraum“: 2 Bereiche sind verbunden – SRB nimmt für jede Zeile eines Bereichs den Wert seiner ersten Zelle: B4:B6 „Am Hang“, B7:B9 „Nord“.",
    ],
  ]);
});

test("one merged range is named with its value and cell", async () => {
  const rows = mergedRows();
  rows[6][1] = "Nord";
  rows[7][1] = "Nord";
  rows[8][1] = "Nord";
  const result = await generate(await book(rows, ["B4:B6"]), { model: model(), workbookName: "Stadt.xlsx" });
  expect(result.issues.filter((i) => i.code === "merged-cells").map((i) => i.message)).toEqual([
    "Spalte „Sozialraum“: die Zellen B4:B6 sind verbunden – SRB nimmt für jede Zeile den Wert „Am Hang“ aus B4.",
  ]);
  expect(result.dataset?.units.filter((u) => u.area === "Am Hang")).toHaveLength(3);
});

test("Kinder merged over two Kitas is not copied: the second Kita lacks the number, and the warning says why", async () => {
  const rows = mergedRows();
  rows[4][1] = "Am Hang";
  rows[5][1] = "Am Hang";
  rows[7][1] = "Nord";
  rows[8][1] = "Nord";
  rows[4][2] = null; // C5, covered by C4:C5
  const port = await book(rows, ["C4:C5"]);
  const table = await readDataTable(port, "Kitas", locationHints(model()));
  expect(table.rows.map((r) => r[2])).toEqual([50, null, 120, 40, 60, 70]);
  const result = await generate(port, { model: model(), workbookName: "Stadt.xlsx" });
  expect(result.issues.filter((i) => i.code === "merged-cells").map((i) => [i.cell, i.message])).toEqual([
    [
      "C4",
      "Spalte „Kinder“: die Zellen C4:C5 sind verbunden – SRB liest den Wert 50 nur für die erste Zeile (C4); den Zeilen darunter fehlt er. Eine Zahl oder Markierung wird nicht auf mehrere Einrichtungen kopiert, sonst zählte sie mehrfach. Bitte die Verbindung aufheben und für jede Einrichtung ihren eigenen Wert eintragen.",
    ],
  ]);
  // the missing number is reported where it is missing, as for any blank Kinder cell
  expect(result.issues.some((i) => i.code === "children-missing" && i.cell === "C5")).toBe(true);
});

test("merged ranges outside the model's columns, above the data or across columns change nothing", async () => {
  // column H "Bemerkung" (not in the model), its note in H4 merged over the Kitas
  const rows = mergedRows().map((r, i) =>
    i === 2 ? [...r, "Bemerkung"] : i === 3 ? [...r, "alle Häuser"] : i <= 8 ? [...r, null] : r,
  );
  for (let r = 4; r <= 8; r++) rows[r][1] = r < 6 ? "Am Hang" : "Nord";
  // H4:H9 an unread column; A2:G2 above the header; B4:C4 across columns in one row
  const port = await book(rows, ["A1:G1", "A2:G2", "H4:H9", "B4:C4"]);
  const result = await generate(port, { model: model(), workbookName: "Stadt.xlsx" });
  expect(result.issues.filter((i) => i.code === "merged-cells")).toEqual([]);
});

test("a merged range in a sheet written by another program (prefixed, after the cells) is read", async () => {
  const xml =
    `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
    `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Einrichtung</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Sozialraum</x:t></x:is></x:c></x:row>` +
    `<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Kita A</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Nord</x:t></x:is></x:c></x:row>` +
    `<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>Kita B</x:t></x:is></x:c></x:row>` +
    `</x:sheetData><x:mergeCells count="3"><x:mergeCell ref="B2:B3"/><x:mergeCell ref="A1"/><x:mergeCell ref="kein Bereich"/></x:mergeCells></x:worksheet>`;
  const port = await PackageWorkbook.fromBuffer(buildPackage([{ name: "Kitas", xml }]));
  // a one-cell range and an unreadable one say nothing
  expect((await port.readGrid("Kitas")).mergedRanges).toEqual([
    { firstRow: 2, lastRow: 3, firstColumn: 2, lastColumn: 2 },
  ]);
  const table = await readDataTable(port, "Kitas", {
    columns: ["Einrichtung", "Sozialraum"],
    textColumns: ["Sozialraum"],
  });
  expect(table.rows).toEqual([
    ["Kita A", "Nord"],
    ["Kita B", "Nord"],
  ]);
});

test(`more than ${MAX_MERGED_RANGES} merged ranges are refused with a German message`, async () => {
  const merges: string[] = [];
  for (let i = 0; i <= MAX_MERGED_RANGES; i++) merges.push(`<mergeCell ref="A${2 * i + 1}:A${2 * i + 2}"/>`);
  const xml =
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
    `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${merges.join("")}</mergeCells></worksheet>`;
  const port = await PackageWorkbook.fromBuffer(buildPackage([{ name: "Kitas", xml }]));
  await expect(port.readGrid("Kitas")).rejects.toThrow(
    "Blatt „Kitas“ hat mehr als 100.000 verbundene Zellbereiche – zu viele für SRB. Bitte die Verbindungen aufheben (Start › Verbinden und zentrieren) oder die Kita-Tabelle auf ein eigenes Blatt kopieren.",
  );
});

/**
 * Regression (fuzz, .xlsx part): a unit name holding a character XML 1.0 forbids (a lone surrogate half
 * such as "\uD800", U+FFFE, control characters) was written into the generated sheets as it was; exceljs
 * wrote it raw into sharedStrings.xml and the saved workbook no longer opened ("disallowed character").
 * Such characters can reach SRB from the Office.js adapter or a hand-built table. The .xlsx adapter now
 * writes "\uFFFD" instead, and the write report says so in German.
 */
import { runAllocation } from "../helpers/resolved";
import type { Model } from "../../src/engine/model";
import { allocationSheets } from "../../src/workbook/allocationSheets";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";

const model: Model = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
  indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 }],
  categories: [{ name: "Soziale Lage", weight: 1 }],
  options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
  budget: { total: 1000 },
};

test("names with a lone surrogate, U+FFFE and a control character: the workbook re-opens, � in their place", async () => {
  const { allocation, issues } = runAllocation(model, {
    sheet: "Kitas",
    headers: ["Einrichtung", "Sozialraum", "SGB II"],
    rows: [
      ["Kita \uD800A", "Nord", 1],
      ["Kita B\uFFFE", "Süd", 2],
      ["Kita\u0001C", "Süd", 3],
    ],
  });
  expect(allocation).not.toBeNull();
  const book = XlsxWorkbook.empty();
  const report = await book.writeGeneratedSheets(
    allocationSheets(allocation!, {
      inputRange: "Kitas!A1:C4",
      checksum: "0",
      date: "01.01.2025",
      version: "t",
      issues,
    }),
  );
  expect(report.notes).toContain(
    "Blatt „Einrichtungen“: 3 Zellen enthielten Zeichen, die eine .xlsx-Datei nicht speichern kann " +
      "(Steuerzeichen oder unvollständige Sonderzeichen); sie wurden durch „\uFFFD“ ersetzt.",
  );
  const again = await XlsxWorkbook.fromBuffer(await book.toBuffer()); // threw "disallowed character" before
  const ids = (await again.readTable("Einrichtungen")).rows.slice(0, 3).map((r) => r[0]);
  expect(ids).toEqual(["Kita \uFFFDA", "Kita B\uFFFD", "Kita\uFFFDC"]);
});

test("a well-formed emoji (a surrogate pair) is kept as it is", async () => {
  const book = XlsxWorkbook.empty();
  const report = await book.writeGeneratedSheets([{ name: "Text", rows: [[{ value: "Kita 🌞 Süd" }]] }]);
  expect(report.notes).toEqual([]);
  const again = await XlsxWorkbook.fromBuffer(await book.toBuffer());
  expect((await again.readTable("Text")).headers).toEqual(["Kita 🌞 Süd"]);
});

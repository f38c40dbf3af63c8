/**
 * Regression (fuzz seed 1225711930, part 2, shrunk): a user cell holding "\r" read back as "\n" after SRB
 * saved the workbook. exceljs writes a carriage return raw, and every XML parser turns a raw "\r" into "\n"
 * (XML 1.0 §2.11), so the user's text changed. `XlsxWorkbook.toBuffer` now writes it as "&#13;".
 */
import { runFuzzCase } from "../hardening/fuzzHarness";

test("the shrunk counterexample: the user's sheet reads back cell for cell", async () => {
  const na = { error: "#N/A" };
  const outcome = await runFuzzCase({
    model: {
      data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
      indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 }],
      categories: [{ name: "Soziale Lage", weight: 1 }],
      options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
      budget: { total: 0 },
    },
    table: {
      sheet: "Kitas",
      headers: ["Einrichtung", "Sozialraum", "SGB II"],
      rows: [
        ["Kita 1", "Nord", na],
        ["Kita 1", "\r", na],
        ["Kita A", "Nord", na],
      ],
    },
  });
  // runFuzzCase asserts every invariant itself and throws on a violation; the data has errors (#N/A, duplicates)
  expect(outcome.allocated).toBe(false);
});

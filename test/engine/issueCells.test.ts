/**
 * Warnings about one unit's strand columns point at the cell to fix (SPEC §2.5: "names sheet, cell address").
 */
import { runAllocation } from "../helpers/resolved";
import type { Model } from "../../src/engine/model";
import type { RawTable } from "../../src/engine/table";

const model: Model = {
  data: {
    sheet: "Kitas",
    id: "Einrichtung",
    area: "Sozialraum",
    strand4: "Zusatzpersonal",
    strand4Reason: "Begründung",
    strand3Reason: "Begründung Strang 3",
  },
  indicators: [
    { column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 },
    { column: "nicht Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 },
  ],
  categories: [
    { name: "Soziale Lage", weight: 1 },
    { name: "Flucht und Migration", weight: 1 },
  ],
  options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
  budget: { total: 1000 },
};

// columns: A Einrichtung, B Sozialraum, C SGB II, D nicht Deutsch, E Zusatzpersonal, F Begründung, G Begründung Strang 3
const table: RawTable = {
  sheet: "Kitas",
  headers: [
    "Einrichtung",
    "Sozialraum",
    "SGB II",
    "nicht Deutsch",
    "Zusatzpersonal",
    "Begründung",
    "Begründung Strang 3",
  ],
  rows: [
    ["Kita A", "Nord", 10, 40, "x", "Heilpädagogik", null],
    ["Kita B", "Nord", 20, 10, "x", null, null], // flagged, no justification → F3
    ["Kita C", "Süd", 30, 0, null, null, "Sprachkita"], // reason, but index at the bottom → G4
    ["Kita D", "Süd", 15, 30, null, null, null],
  ],
};

test("strand-4 flag without justification points at the empty justification cell", () => {
  const { allocation, issues } = runAllocation(model, table);
  expect(allocation).not.toBeNull();
  const w = issues.find((i) => i.code === "strand4-without-justification");
  expect(w).toMatchObject({ level: "warning", sheet: "Kitas", cell: "F3" });
});

test("a strand-3 reason without effect points at the reason cell", () => {
  const { issues } = runAllocation(model, table);
  const w = issues.find((i) => i.code === "strand3-reason-without-effect");
  expect(w).toMatchObject({ level: "warning", sheet: "Kitas", cell: "G4" });
});

import {
  categoryIndexAt,
  categoryIndicesOfRecords,
  categoryPosition,
  unitCategoryIndices,
} from "../../src/engine/categoryIndices";
import { toResultsJson } from "../../src/engine/results";
import { allocate } from "../helpers/resolved";
import { FLUCHT, SOZIALE_LAGE, model, workedExample } from "./fixtures";

describe("Kategorie-Indizes by category", () => {
  const indices = {
    names: ["A", "B", "C"],
    columns: [Float64Array.of(40, NaN), null, Float64Array.of(0, 100)],
  };

  test("a unit's index by position; NaN and a category that does not count are null", () => {
    expect(categoryIndexAt(indices, 0, 0)).toBe(40);
    expect(categoryIndexAt(indices, 0, 1)).toBeNull();
    expect(categoryIndexAt(indices, 1, 0)).toBeNull();
    expect(categoryIndexAt(indices, 2, 1)).toBe(100);
    // a name that is not one of them: position -1, no index
    expect(categoryPosition(indices, "D")).toBe(-1);
    expect(categoryIndexAt(indices, -1, 0)).toBeNull();
  });

  test("a unit's record keeps the categories' order, with null where it has none", () => {
    expect(unitCategoryIndices(indices, 1)).toEqual({ A: null, B: null, C: 100 });
    expect(Object.keys(unitCategoryIndices(indices, 0))).toEqual(["A", "B", "C"]);
  });

  test("records per unit into columns and back, names in the order they first appear", () => {
    const c = categoryIndicesOfRecords([
      { A: 40, B: null },
      { B: 10, A: 60, C: 5 },
    ]);
    expect(c.names).toEqual(["A", "B", "C"]);
    expect(unitCategoryIndices(c, 0)).toEqual({ A: 40, B: null, C: null });
    expect(unitCategoryIndices(c, 1)).toEqual({ A: 60, B: 10, C: 5 });
  });

  test("the worked example: results.json's records are the allocation's columns, unit by unit", () => {
    // Soziale Lage (a, b) and Flucht und Migration (c) over K1–K4, see fixtures.ts
    const a = allocate(model(), workedExample());
    expect(a.categoryIndices.names).toEqual([SOZIALE_LAGE, FLUCHT]);
    expect(toResultsJson(1000, a, []).units.map((u) => u.categories)).toEqual([
      { [SOZIALE_LAGE]: 50, [FLUCHT]: 0 },
      { [SOZIALE_LAGE]: 25, [FLUCHT]: 50 },
      { [SOZIALE_LAGE]: 75, [FLUCHT]: 100 },
      { [SOZIALE_LAGE]: 0, [FLUCHT]: 25 },
    ]);
  });
});

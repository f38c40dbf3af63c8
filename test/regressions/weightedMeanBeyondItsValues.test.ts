/**
 * Regression (fuzz seed 1, shrunk): a category whose only indicator has the weight 1e-300 got the
 * Kategorie-Index 100.00000000000001 for a unit with the standard score 100 – a min–max index above 100.
 * Σ wᵢ·xᵢ / Σ wᵢ = (1e-300 · 100) / 1e-300 rounds one unit in the last place too high. A weighted mean lies
 * between its smallest and largest value, and weightedMean (per unit) and unitIndicesOfColumns (all units)
 * now keep it there.
 */
import fc from "fast-check";
import { runAllocation } from "../helpers/resolved";
import { indexStructure, unitIndex, unitIndices } from "../../src/engine/gesamtindex";
import type { Model } from "../../src/engine/model";
import { weightedMean } from "../../src/engine/weightedMean";
import { unitCategoryIndices } from "../../src/engine/categoryIndices";

// the raw quotient the engine computed before the fix
const rounded = (1e-300 * 100) / 1e-300;

test("the rounding this is about exists: (1e-300 · 100) / 1e-300 is above 100 in doubles", () => {
  expect(rounded).toBeGreaterThan(100);
});

test("weightedMean([100], [1e-300]) is 100, not 100.00000000000001", () => {
  expect(weightedMean([100], [1e-300])).toBe(100);
  // worked example untouched: (50·1 + 100·3) / 4 = 87.5
  expect(weightedMean([50, null, 100], [1, 1, 3])).toBe(87.5);
});

test("the shrunk counterexample: every category index and Gesamtindex of the allocation in [0, 100]", () => {
  const model: Model = {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
    indicators: [
      { column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 },
      { column: "Alleinerziehend", category: "Flucht und Migration", direction: 1, weight: 1 },
      { column: "nicht Deutsch", category: "Infrastruktur und Netzwerke", direction: 1, weight: 1e-300 },
      { column: "ÖPNV", category: "Ä 😀 ﷽", direction: 1, weight: 1 },
    ],
    categories: [
      { name: "Soziale Lage", weight: 1 },
      { name: "Flucht und Migration", weight: 1 },
      { name: "Infrastruktur und Netzwerke", weight: 1 },
      { name: "Ä 😀 ﷽", weight: 1 },
    ],
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: 0 },
  };
  const { allocation } = runAllocation(model, {
    sheet: "Kitas",
    headers: ["Einrichtung", "Sozialraum", "SGB II", "Alleinerziehend", "nicht Deutsch", "ÖPNV"],
    rows: [
      ["Kita A 1", "Nord", 1, 0, 0, 1],
      ["Kita A 2", "Nord", 0, 0, 1, 0],
    ],
  });
  expect(allocation).not.toBeNull();
  // Kita A 2 has "nicht Deutsch" 1 = the maximum → score 100 → its category index is exactly 100
  expect(unitCategoryIndices(allocation!.categoryIndices, 1)["Infrastruktur und Netzwerke"]).toBe(100);
  for (const [e, u] of allocation!.units.entries()) {
    for (const v of [...Object.values(unitCategoryIndices(allocation!.categoryIndices, e)), u.index]) {
      if (v !== null) expect(v >= 0 && v <= 100).toBe(true);
    }
  }
});

test("property: a weighted mean (per unit and column-wise, bit for bit) lies between its values", () => {
  const weight = fc.constantFrom(1e-300, 1e-200, 0.1, 1, 3, 1e200, 1e300);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), weight), {
        minLength: 1,
        maxLength: 6,
      }),
      (pairs) => {
        const values = pairs.map(([v]) => v);
        const indicators = pairs.map(([, w], i) => ({
          column: `i${i}`,
          category: "K",
          direction: 1 as const,
          weight: w,
        }));
        const structure = indexStructure(indicators, [{ name: "K", weight: 1 }]);
        const mean = weightedMean(
          values,
          indicators.map((i) => i.weight),
        )!;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...values));
        expect(mean).toBeLessThanOrEqual(Math.max(...values));
        const columnWise = unitIndices(
          values.map((v) => [v]),
          structure,
          1,
        )[0];
        expect(columnWise).toEqual(unitIndex(values, structure));
        expect(columnWise.categories[0]).toBe(mean);
      },
    ),
    { numRuns: 500 },
  );
});

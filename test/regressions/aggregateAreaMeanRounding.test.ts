/**
 * Regression (fuzz seed 973848980, shrunk): method "aggregate", one indicator, every Kita the same value
 * 3.026692580973008e-124 – no information at all. The area value is the mean of its units' raw values, and
 * in doubles the mean of five copies of that number is not the number itself while the mean of two is. So
 * Nord and Süd got different area values, min–max over the areas made them 0 and 100, and Süd received the
 * whole budget; the Einrichtungen sheet then wrote NaN norm bounds (#ZAHL!). A mean lies between its
 * smallest and largest value: the area means are now kept there, the two areas are equal, and the check
 * reports the invalid area index as it does for any constant data.
 */
import fc from "fast-check";
import { mean } from "simple-statistics";
import { runAllocation } from "../helpers/resolved";
import { areaIndexOfUnits, areaRawValues } from "../../src/engine/areaIndex";
import type { Model } from "../../src/engine/model";

const x = 3.026692580973008e-124;

const model: Model = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
  indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 }],
  categories: [{ name: "Soziale Lage", weight: 1 }],
  options: { normalisation: "minmax", sd: "sample", areaMethod: "aggregate" },
  budget: { total: 1000 },
};

test("the rounding this is about exists: mean of five copies of x is not x", () => {
  expect(mean([x, x, x, x, x])).not.toBe(x);
});

test("areaRawValues of five equal values is that value", () => {
  const units = Array.from({ length: 5 }, () => ({ values: [x], children: null }));
  expect(areaRawValues(units, 1).values).toEqual([x]);
  // worked example untouched: (10 + 20) / 2 = 15
  expect(
    areaRawValues(
      [
        { values: [10], children: null },
        { values: [20], children: null },
      ],
      1,
    ).values,
  ).toEqual([15]);
});

test("the shrunk counterexample: constant data blocks with area-index-invalid instead of giving Süd everything", () => {
  const areas = ["Nord", "Nord", "Süd", "Süd", "Nord", "Nord", "Nord"];
  const { allocation, issues } = runAllocation(model, {
    sheet: "Kitas",
    headers: ["Einrichtung", "Sozialraum", "SGB II"],
    rows: areas.map((area, i) => [`Kita A ${i + 1}`, area, x]),
  });
  expect(allocation).toBeNull();
  expect(issues.filter((i) => i.level === "error").map((i) => i.code)).toEqual(["area-index-invalid"]);
});

test("property: the mean-of-units area index of equal Gesamtindizes is that index, between min and max", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.integer({ min: 1, max: 30 }),
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
      (v, n, others) => {
        const equal = Array.from({ length: n }, () => ({ index: v, children: null }));
        expect(areaIndexOfUnits(equal, "mean-of-units").index).toBe(v);
        const index = areaIndexOfUnits(
          others.map((o) => ({ index: o, children: null })),
          "mean-of-units",
        ).index!;
        expect(index).toBeGreaterThanOrEqual(Math.min(...others));
        expect(index).toBeLessThanOrEqual(Math.max(...others));
      },
    ),
    { numRuns: 500 },
  );
});

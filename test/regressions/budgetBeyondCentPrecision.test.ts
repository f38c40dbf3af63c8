/**
 * Regression (fuzz seed 20250101, shrunk): a budget of 10^15 € (10^17 cents, beyond 2^53) was accepted,
 * and the Sozialräume's amounts added up to 1.000.000.000.000.010 € instead of the budget: doubles cannot
 * count cents that high. The check now rejects budgets above MAX_BUDGET_EUROS (10^12 €) with a German
 * model error; up to that limit the amounts add up to the cent.
 */
import { runAllocation } from "../helpers/resolved";
import { MAX_BUDGET_EUROS } from "../../src/engine/check";
import type { Model } from "../../src/engine/model";
import type { RawTable } from "../../src/engine/table";

function model(total: number): Model {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
    indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 }],
    categories: [{ name: "Soziale Lage", weight: 1 }],
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total },
  };
}

// the shrunk counterexample: two units in one Sozialraum, values 0 and 5e-324 (the smallest double)
const table: RawTable = {
  sheet: "Kitas",
  headers: ["Einrichtung", "Sozialraum", "SGB II"],
  rows: [
    ["Kita A", "Nord", 0],
    ["Z\u0335a\u0336l\u0337g\u0338o", "Nord", 5e-324],
  ],
};

test("a budget of 10^15 € is a model error naming the limit, not an allocation that misses the budget", () => {
  const { allocation, issues } = runAllocation(model(1e15), table);
  expect(allocation).toBeNull();
  expect(issues).toContainEqual({
    level: "error",
    code: "model-budget-too-large",
    sheet: "",
    cell: "",
    message:
      "Modell, Budget: Budget 1.000.000.000.000.000 € ist zu groß – erwartet wird ein Betrag von höchstens " +
      "1.000.000.000.000 € (darüber lässt sich nicht mehr auf den Cent genau rechnen).",
  });
});

test.each([MAX_BUDGET_EUROS, 999_999_999_999.99, 1_002_240])(
  "budget %p € (at or below the limit): the amounts add up to the cent",
  (total) => {
    const wide: RawTable = {
      ...table,
      rows: [
        ["Kita A", "Nord", 0],
        ["Kita B", "Süd", 3],
        ["Kita C", "Ost", 7],
        ["Kita D", "Ost", 1],
      ],
    };
    const { allocation } = runAllocation(model(total), wide);
    expect(allocation).not.toBeNull();
    const cents = allocation!.areas.reduce((s, a) => s + Math.round(a.amount * 100), 0);
    expect(cents).toBe(Math.round(total * 100));
  },
);

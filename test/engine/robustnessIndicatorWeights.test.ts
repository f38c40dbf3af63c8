/**
 * The Monte-Carlo part of the robustness analysis draws every category AND indicator weight (SPEC §2.3:
 * indicator weights set the category index). Each draw's shares and eligibility must be those of a full
 * check and allocation of the model with the drawn weights — bit for bit, for every fixture.
 */
import { allocate } from "../../src/engine/allocate";
import { categoryWeightRunner } from "../../src/engine/categoryWeightRuns";
import { checkTable } from "../../src/engine/check";
import type { Model } from "../../src/engine/model";
import { resolveModel } from "../../src/engine/resolveModel";
import { drawWeights, robustness } from "../../src/engine/robustness";
import { seededRandom } from "../../src/engine/seededRandom";
import type { RawTable } from "../../src/engine/table";
import { ROBUSTNESS_FIXTURES } from "./robustnessFixtures";

describe.each(ROBUSTNESS_FIXTURES.map((f) => [f.name, f] as const))("%s", (_, f) => {
  test("20 weight draws: the fast path equals a full allocation with the drawn weights", () => {
    const model = resolveModel(f.model).model!;
    const dataset = checkTable(model, f.table).dataset!;
    const runner = categoryWeightRunner(model, dataset);
    const random = seededRandom(5);
    for (let k = 0; k < 20; k++) {
      const drawn = drawWeights(model, random, 0.5);
      const weights = dataset.indicators.map(
        (ind) => drawn.indicators.find((d) => d.column === ind.column)!.weight,
      );
      const fast = runner.run(drawn.categories, weights);
      const full = allocate(drawn, checkTable(drawn, f.table).dataset!);
      const byName = new Map(full.areas.map((a) => [a.name, a.share]));
      expect(Array.from(fast.shares)).toEqual(
        runner.areas.map((name) => (fast.shareable ? byName.get(name) : 0)),
      );
      const byId = new Map(full.units.map((u) => [u.id, u.eligible]));
      expect(Array.from(fast.sozialarbeit)).toEqual(
        runner.units.map((u) => (byId.get(u.id)!.sozialarbeit ? 1 : 0)),
      );
      expect(Array.from(fast.interkulturell)).toEqual(
        runner.units.map((u) => (byId.get(u.id)!.interkulturell ? 1 : 0)),
      );
    }
  });
});

test("one category, two indicators pulling apart: only the indicator weights move the shares, and the draws do", () => {
  // Nord is high on A, Süd on B: the share between them depends on A's weight against B's
  const model: Model = {
    data: { sheet: "Kitas", id: "Kita", area: "Sozialraum" },
    indicators: [
      { column: "A", category: "Bedarf", direction: 1, weight: 1 },
      { column: "B", category: "Bedarf", direction: 1, weight: 1 },
    ],
    categories: [{ name: "Bedarf", weight: 1 }],
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: 100000 },
  };
  const table: RawTable = {
    sheet: "Kitas",
    headers: ["Kita", "Sozialraum", "A", "B"],
    rows: [
      ["K1", "Nord", 10, 1],
      ["K2", "Nord", 9, 2],
      ["K3", "Süd", 1, 10],
      ["K4", "Süd", 2, 8],
      ["K5", "Ost", 5, 5],
      ["K6", "Ost", 6, 4],
    ],
  };
  const resolved = resolveModel(model).model!;
  const dataset = checkTable(resolved, table).dataset!;
  const base = allocate(resolved, dataset);
  const without = robustness({ model: resolved, dataset, base }, { runs: 0 });
  const withDraws = robustness({ model: resolved, dataset, base }, { runs: 200, seed: 2 });
  const nord = (r: typeof without) => r.areas.find((a) => a.name === "Nord")!;
  // leaving A or B out gives the extremes; the 200 draws lie between them. When only the category weight was
  // drawn (one category: it changes nothing), every draw repeated the base shares, so the median was the
  // base share itself
  expect(nord(without).shareMax).toBeGreaterThan(nord(without).shareMin);
  const median = nord(withDraws).shareMedian;
  expect(median).not.toBe(nord(withDraws).share);
  expect(median).toBeGreaterThan(nord(withDraws).shareMin);
  expect(median).toBeLessThan(nord(withDraws).shareMax);
});

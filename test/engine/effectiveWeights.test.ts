import { effectiveWeights } from "../../src/engine/effectiveWeights";
import { DEFAULT_CATEGORIES, type IndicatorSpec } from "../../src/engine/model";

function catalogue(sizes: number[]): IndicatorSpec[] {
  return sizes.flatMap((n, k) =>
    Array.from({ length: n }, (_, j) => ({
      column: `${DEFAULT_CATEGORIES[k]} ${j + 1}`,
      category: DEFAULT_CATEGORIES[k],
      direction: 1 as const,
      weight: 1,
    })),
  );
}
const categories = DEFAULT_CATEGORIES.map((name) => ({ name, weight: 1 }));

describe("effectiveWeights (SPEC §2.6)", () => {
  test("four equal categories: category of 3 → 1/12 each, of 6 → 1/24 each", () => {
    const w = effectiveWeights(catalogue([3, 6, 2, 1]), categories).map((x) => x.weight);
    // 1/4 · 1/3 = 1/12; 1/4 · 1/6 = 1/24; 1/4 · 1/2 = 1/8; 1/4 · 1 = 1/4
    expect(w.slice(0, 3)).toEqual([1 / 12, 1 / 12, 1 / 12]);
    for (const x of w.slice(3, 9)) expect(x).toBeCloseTo(1 / 24, 15);
    expect(w.slice(9)).toEqual([1 / 8, 1 / 8, 1 / 4]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test("category and indicator weights", () => {
    // A weight 3, B weight 1; in B weights 1 and 3: A 3/4, B1 1/4 · 1/4 = 1/16, B2 1/4 · 3/4 = 3/16
    const w = effectiveWeights(
      [
        { column: "a", category: "A", direction: 1, weight: 1 },
        { column: "b1", category: "B", direction: -1, weight: 1 },
        { column: "b2", category: "B", direction: 1, weight: 3 },
      ],
      [
        { name: "A", weight: 3 },
        { name: "B", weight: 1 },
      ],
    );
    expect(w).toEqual([
      { column: "a", category: "A", weight: 0.75 },
      { column: "b1", category: "B", weight: 1 / 16 },
      { column: "b2", category: "B", weight: 3 / 16 },
    ]);
  });

  test("constant indicators get 0 and the rest still add up to 1", () => {
    // category 1 (3 indicators) loses one: its two others count 1/8 each
    const informative = catalogue([3, 6, 2, 1]).map((_, i) => i !== 0);
    const w = effectiveWeights(catalogue([3, 6, 2, 1]), categories, informative).map((x) => x.weight);
    expect(w[0]).toBe(0);
    expect(w[1]).toBe(1 / 8);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test("a category left with no informative indicator drops out; the other categories share its weight", () => {
    const informative = [true, true, true, true, true, true, true, true, true, true, true, false];
    const w = effectiveWeights(catalogue([3, 6, 2, 1]), categories, informative).map((x) => x.weight);
    // three categories remain: 1/3 · 1/3 = 1/9 for the first category's indicators
    expect(w[0]).toBeCloseTo(1 / 9, 15);
    expect(w[11]).toBe(0);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

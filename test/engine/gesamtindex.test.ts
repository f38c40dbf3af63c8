import { indexStructure, unitIndex } from "../../src/engine/gesamtindex";
import type { IndicatorSpec } from "../../src/engine/model";

const ind = (column: string, category: string, weight = 1): IndicatorSpec => ({
  column,
  category,
  direction: 1,
  weight,
});

describe("Kategorie-Index and Gesamtindex", () => {
  const indicators = [ind("a", "K"), ind("b", "K"), ind("c", "L")];
  const categories = [
    { name: "K", weight: 1 },
    { name: "L", weight: 1 },
  ];

  test("weighted means of scores and of category indices", () => {
    // K = (20 + 40) / 2 = 30, L = 90 → Gesamtindex (30 + 90) / 2 = 60
    expect(unitIndex([20, 40, 90], indexStructure(indicators, categories))).toEqual({
      categories: [30, 90],
      index: 60,
    });
  });

  test("weights inside a category and between categories", () => {
    // K = (20·1 + 40·3) / 4 = 35; Gesamtindex (35·2 + 90·1) / 3 = 160 / 3
    const s = indexStructure(
      [ind("a", "K"), ind("b", "K", 3), ind("c", "L")],
      [
        { name: "K", weight: 2 },
        { name: "L", weight: 1 },
      ],
    );
    const r = unitIndex([20, 40, 90], s);
    expect(r.categories).toEqual([35, 90]);
    expect(r.index).toBeCloseTo(160 / 3, 12);
  });

  test("a blank score is skipped, the others renormalised", () => {
    // K = 40 (only b), L = 90 → 65
    expect(unitIndex([null, 40, 90], indexStructure(indicators, categories))).toEqual({
      categories: [40, 90],
      index: 65,
    });
  });

  test("no value in a category → no Gesamtindex", () => {
    expect(unitIndex([20, 40, null], indexStructure(indicators, categories))).toEqual({
      categories: [30, null],
      index: null,
    });
  });

  test("constant indicators are left out of the category mean", () => {
    // b constant: K = a only = 20
    const s = indexStructure(indicators, categories, [true, false, true]);
    expect(unitIndex([20, null, 90], s)).toEqual({ categories: [20, 90], index: 55 });
  });

  test("a category with only constant indicators is left out, category weights renormalised", () => {
    // L's only indicator is constant: the Gesamtindex is K alone = 30
    const s = indexStructure(indicators, categories, [true, true, false]);
    expect(s.categoryCounts).toEqual([true, false]);
    expect(unitIndex([20, 40, null], s)).toEqual({ categories: [30, null], index: 30 });
  });

  test("categories named only by an indicator are added with weight 1; empty model categories do not count", () => {
    const s = indexStructure(
      [ind("a", "K"), ind("z", "Neu")],
      [
        { name: "K", weight: 1 },
        { name: "Leer", weight: 1 },
      ],
    );
    expect(s.categories.map((c) => c.name)).toEqual(["K", "Leer", "Neu"]);
    expect(s.categoryCounts).toEqual([true, false, true]);
    expect(unitIndex([10, 30], s).index).toBe(20);
  });

  test("nothing informative at all → null", () => {
    const s = indexStructure(indicators, categories, [false, false, false]);
    expect(unitIndex([null, null, null], s)).toEqual({ categories: [null, null], index: null });
  });
});

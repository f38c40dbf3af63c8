/**
 * The engine's fast paths (written for the benchmarks, docs/benchmarks.md) against the plain definitions
 * they replace: same numbers bit for bit, same errors.
 */
import fc from "fast-check";
import { indicatorColumns, typedIndicatorColumns } from "../../src/engine/allocate";
import type { Unit } from "../../src/engine/dataset";
import { indexStructure, unitIndex, unitIndices, unitIndicesOfColumns } from "../../src/engine/gesamtindex";
import { headerKey } from "../../src/engine/check";
import { SrbUsageError } from "../../src/engine/issues";
import type { CategorySpec, IndicatorSpec } from "../../src/engine/model";
import { isInformative, scoreColumn, standardScores } from "../../src/engine/standardScore";

const ind = (column: string, category: string, weight = 1): IndicatorSpec => ({
  column,
  category,
  direction: 1,
  weight,
});

describe("unitIndices (column-wise Kategorie-Index and Gesamtindex)", () => {
  const indicators = [ind("a", "K"), ind("b", "K", 3), ind("c", "L")];
  const categories: CategorySpec[] = [
    { name: "K", weight: 2 },
    { name: "L", weight: 1 },
  ];

  test("worked example: two units, weights inside and between categories, a blank", () => {
    // unit 1: K = (20·1 + 40·3) / 4 = 35, L = 90 → (35·2 + 90·1) / 3 = 160 / 3
    // unit 2: b blank → K = 10 (a alone), L = 70 → (10·2 + 70·1) / 3 = 30
    const r = unitIndices(
      [
        [20, 10],
        [40, null],
        [90, 70],
      ],
      indexStructure(indicators, categories),
      2,
    );
    expect(r).toEqual([
      { categories: [35, 90], index: 160 / 3 },
      { categories: [10, 70], index: 30 },
    ]);
  });

  test("a unit without a value in a counted category gets no Gesamtindex", () => {
    // unit 2 has no L value → L null, index null
    const r = unitIndices(
      [
        [20, 30],
        [40, 50],
        [90, null],
      ],
      indexStructure(indicators, categories),
      2,
    );
    expect(r[1]).toEqual({ categories: [(30 + 150) / 4, null], index: null });
  });

  test("no units: an empty list", () => {
    expect(unitIndices([[], [], []], indexStructure(indicators, categories), 0)).toEqual([]);
  });

  test("a non-finite indicator weight is a usage error, as in unitIndex", () => {
    const s = indexStructure([ind("a", "K"), ind("b", "K", Infinity)], [{ name: "K", weight: 1 }]);
    expect(() => unitIndex([1, 2], s)).toThrow(SrbUsageError);
    expect(() => unitIndices([[1], [2]], s, 1)).toThrow(SrbUsageError);
  });

  test("property: equals unitIndex on every unit, bit for bit", () => {
    const arb = fc
      .record({
        units: fc.integer({ min: 1, max: 12 }),
        spec: fc.array(
          fc.record({
            category: fc.constantFrom("K", "L", "M"),
            weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
            informative: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        categoryWeights: fc.tuple(
          fc.double({ min: 0.1, max: 5, noNaN: true }),
          fc.double({ min: 0.1, max: 5, noNaN: true }),
          fc.double({ min: 0.1, max: 5, noNaN: true }),
        ),
        seed: fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null, freq: 4 }), {
          minLength: 96,
          maxLength: 96,
        }),
      })
      .map(({ units, spec, categoryWeights, seed }) => ({
        units,
        indicators: spec.map((s, i) => ind(`i${i}`, s.category, s.weight)),
        categories: ["K", "L", "M"].map((name, k) => ({ name, weight: categoryWeights[k] })),
        informative: spec.map((s) => s.informative),
        scores: spec.map((_, i) => Array.from({ length: units }, (_, e) => seed[(i * 12 + e) % 96])),
      }));
    fc.assert(
      fc.property(arb, ({ units, indicators: inds, categories: cats, informative, scores }) => {
        const s = indexStructure(inds, cats, informative);
        const fast = unitIndices(scores, s, units);
        const slow = Array.from({ length: units }, (_, e) =>
          unitIndex(
            scores.map((col) => col[e]),
            s,
          ),
        );
        expect(fast).toEqual(slow);
        fast.forEach((f, e) => {
          expect(Object.is(f.index, slow[e].index)).toBe(true);
          f.categories.forEach((c, k) => expect(Object.is(c, slow[e].categories[k])).toBe(true));
        });
      }),
    );
  });
});

describe("isInformative", () => {
  test("worked examples", () => {
    expect(isInformative([3, null, 3])).toBe(false); // one distinct value
    expect(isInformative([3, null, 4])).toBe(true);
    expect(isInformative([null, null])).toBe(false);
    expect(isInformative([NaN, 1, Infinity])).toBe(false); // only 1 is finite
  });

  test("property: the same answer as standardScores(…).constant === false", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double()), { nil: null })),
        (values) => {
          expect(isInformative(values)).toBe(standardScores(values, 1).constant === false);
        },
      ),
    );
  });
});

describe("standardScores on large inputs", () => {
  test("300,000 values do not overflow the call stack (no Math.min(...values))", () => {
    // values 0, 1, …, 299999: min 0, max 299999 → the last scores 100, the first 0
    const values = Array.from({ length: 300_000 }, (_, k) => k);
    const r = standardScores(values, 1);
    expect(r.constant).toBe(false);
    expect(r.scores[0]).toBe(0);
    expect(r.scores[299_999]).toBe(100);
    expect(r.scores[149_999]).toBeCloseTo((100 * 149_999) / 299_999, 12);
  });
});

describe("scoreColumn (typed standard scores)", () => {
  test("worked example: min 2, max 6 → (4 − 2) / 4 · 100 = 50; a blank is marked missing", () => {
    const c = scoreColumn([2, null, 4, 6], 1);
    expect([...c.scores]).toEqual([0, 0, 50, 100]);
    expect([...c.missing]).toEqual([0, 1, 0, 0]);
    expect(c.constant).toBe(false);
  });

  test("a constant indicator: every unit missing", () => {
    const c = scoreColumn([3, 3, null], -1);
    expect(c.constant).toBe(true);
    expect([...c.missing]).toEqual([1, 1, 1]);
  });

  test("unitIndicesOfColumns on typed columns equals unitIndices on the boxed scores", () => {
    // K = mean(a, b), L = c; a: 2 → 0, 6 → 100; b (−1): 1 → 100, 3 → 0; c: 5 → 0, 9 → 100
    const s = indexStructure(
      [ind("a", "K"), { ...ind("b", "K"), direction: -1 }, ind("c", "L")],
      [
        { name: "K", weight: 1 },
        { name: "L", weight: 1 },
      ],
    );
    const typed = [scoreColumn([2, 6], 1), scoreColumn([1, 3], -1), scoreColumn([5, 9], 1)];
    const boxed = [standardScores([2, 6], 1), standardScores([1, 3], -1), standardScores([5, 9], 1)];
    const r = unitIndicesOfColumns(typed, s, 2);
    expect(r).toEqual(
      unitIndices(
        boxed.map((b) => b.scores),
        s,
        2,
      ),
    );
    // unit 1: K = (0 + 100) / 2 = 50, L = 0 → 25; unit 2: K = (100 + 0) / 2 = 50, L = 100 → 75
    expect(r).toEqual([
      { categories: [50, 0], index: 25 },
      { categories: [50, 100], index: 75 },
    ]);
  });

  test("property: standardScores is scoreColumn with null where missing", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null })),
        fc.constantFrom(1 as const, -1 as const),
        fc.constantFrom("minmax" as const, "tscore" as const),
        (values, direction, normalisation) => {
          const c = scoreColumn(values, direction, { normalisation });
          const boxed = standardScores(values, direction, { normalisation });
          expect(boxed.constant).toBe(c.constant);
          boxed.scores.forEach((v, k) => expect(v).toBe(c.missing[k] ? null : c.scores[k]));
        },
      ),
    );
  });
});

describe("headerKey (whitespace collapsed without a new string when there is nothing to collapse)", () => {
  test("worked examples", () => {
    expect(headerKey("  Anzahl   Kinder ")).toBe("anzahl kinder");
    expect(headerKey("Kita\u00a0Nord")).toBe("kita nord"); // no-break space is whitespace too
    expect(headerKey("Kita Nord")).toBe("kita nord");
  });

  test("property: the same as trim, collapse every whitespace run, lower case", () => {
    const piece = fc.constantFrom("a", "B", " ", "  ", "\t", "\u00a0", "\n", "ß", "Kita", "\u2003");
    fc.assert(
      fc.property(
        fc.array(piece).map((p) => p.join("")),
        (text) => {
          expect(headerKey(text)).toBe(text.trim().replace(/\s+/g, " ").toLowerCase());
        },
      ),
    );
  });
});

describe("scores from typed columns (typedIndicatorColumns, NaN for a blank)", () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.integer({ min: 0, max: 3 }),
  );

  test("worked example: the blank becomes NaN, the numbers stay", () => {
    const columns = typedIndicatorColumns([{ values: [1, null] }, { values: [3, 4] }], 2);
    expect(Array.from(columns[0])).toEqual([1, 3]);
    expect(Array.from(columns[1])).toEqual([NaN, 4]);
  });

  test("same scores, missing flags, constancy, T-Werte and norm band inputs as from the lists with null", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom<1 | -1>(1, -1),
        fc.constantFrom<"minmax" | "tscore">("minmax", "tscore"),
        (rows, direction, normalisation) => {
          const units = rows.map((values) => ({ values }));
          const typed = typedIndicatorColumns(units, 3);
          const lists = indicatorColumns(units as Unit[], 3);
          for (let i = 0; i < 3; i++) {
            const a = scoreColumn(lists[i], direction, { normalisation });
            const b = scoreColumn(typed[i], direction, { normalisation });
            expect(b.constant).toBe(a.constant);
            expect(Array.from(b.missing)).toEqual(Array.from(a.missing));
            expect(Array.from(b.scores).map((x) => (Object.is(x, -0) ? "-0" : x))).toEqual(
              Array.from(a.scores).map((x) => (Object.is(x, -0) ? "-0" : x)),
            );
            expect(isInformative(typed[i])).toBe(isInformative(lists[i]));
          }
        },
      ),
    );
  });
});

/**
 * Invariants of the engine, checked with fast-check on generated data.
 */
import fc from "fast-check";
import { allocate } from "../helpers/resolved";
import type { Allocation } from "../../src/engine/allocation";
import { apportionCents } from "../../src/engine/apportionCents";
import type { Dataset } from "../../src/engine/dataset";
import type { IndicatorSpec, ModelOptions } from "../../src/engine/model";
import { standardScores } from "../../src/engine/standardScore";
import { INDICATORS, dataset, model, unit, resolvedIndicator } from "./fixtures";
import { unitScores } from "../../src/engine/unitScores";
import { unitCategoryIndices } from "../../src/engine/categoryIndices";

const RUNS = { numRuns: 150 };

/** Units with a (Soziale Lage, +1, may be blank), b (Soziale Lage, −1), c (Flucht und Migration, +1). */
const datasetArb: fc.Arbitrary<Dataset> = fc
  .array(
    fc.record({
      area: fc.constantFrom("Nord", "Süd", "Ost"),
      a: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 5 }),
      b: fc.integer({ min: 0, max: 100 }),
      c: fc.integer({ min: 0, max: 100 }),
      children: fc.integer({ min: 1, max: 200 }),
    }),
    { minLength: 2, maxLength: 12 },
  )
  .map((list) =>
    dataset(list.map((u, i) => unit(`K${i + 1}`, u.area, [u.a, u.b, u.c], { children: u.children }))),
  );

const optionsArb: fc.Arbitrary<Partial<ModelOptions>> = fc.record({
  normalisation: fc.constantFrom("minmax" as const, "tscore" as const),
  sd: fc.constantFrom("sample" as const, "population" as const),
  areaMethod: fc.constantFrom("mean-of-units" as const, "sum-of-units" as const, "aggregate" as const),
  childWeighted: fc.boolean(),
});

const cents = (a: Allocation) => a.areas.map((x) => Math.round(x.amount * 100));
const usable = (a: Allocation) => !a.issues.some((i) => i.level === "error");

describe("money", () => {
  test("amounts add up to the budget to the cent for any positive indices and budgets up to 1e9 €", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 100_000_000_000 }),
        (weights, budgetCents) => {
          const r = apportionCents(budgetCents / 100, weights);
          expect(r.cents.reduce((s, c) => s + c, 0)).toBe(budgetCents);
          r.cents.forEach((c, i) => {
            expect(c).toBeGreaterThanOrEqual(0);
            // Hare–Niemeyer: every amount is its quota rounded down or up
            const quota = (weights[i] / weights.reduce((s, w) => s + w, 0)) * budgetCents;
            expect(Math.abs(c - quota)).toBeLessThan(1 + 1e-6 * Math.max(1, quota));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  test("allocate: the areas add up to the budget for every option", () => {
    fc.assert(
      fc.property(
        datasetArb,
        optionsArb,
        fc.integer({ min: 0, max: 100_000_000_000 }),
        (d, o, budgetCents) => {
          const a = allocate(model(o, budgetCents / 100), d);
          if (!usable(a)) return;
          expect(cents(a).reduce((s, c) => s + c, 0)).toBe(budgetCents);
          // and the Schritt-2 proposals never exceed their area's amount
          a.areas.forEach((area) => {
            const proposed = a.units
              .filter((u) => u.area === area.name)
              .reduce((s, u) => s + Math.round(u.proposedAmount * 100), 0);
            expect([0, Math.round(area.amount * 100)]).toContain(proposed);
          });
        },
      ),
      RUNS,
    );
  });
});

describe("scores", () => {
  test("min–max scores lie in [0, 100], with or without goalposts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null })),
        fc.constantFrom(1 as const, -1 as const),
        fc.option(
          fc.record({
            min: fc.double({ min: -1e6, max: 0, noNaN: true }),
            max: fc.double({ min: 1, max: 1e6, noNaN: true }),
          }),
          { nil: null },
        ),
        (values, direction, goalposts) => {
          const s = standardScores(values, direction, { goalposts });
          s.scores.forEach((x, i) => {
            if (values[i] === null || s.constant) expect(x).toBeNull();
            else {
              expect(x).toBeGreaterThanOrEqual(0);
              expect(x).toBeLessThanOrEqual(100);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("category indices, Gesamtindex and area indices (mean of units) lie in [0, 100]", () => {
    fc.assert(
      fc.property(datasetArb, (d) => {
        const a = allocate(model(), d);
        for (const [e, u] of a.units.entries()) {
          for (const v of [u.index, ...Object.values(unitCategoryIndices(a.categoryIndices, e))]) {
            if (v !== null) expect(v >= 0 && v <= 100).toBe(true);
          }
        }
        for (const area of a.areas) if (usable(a)) expect(area.index >= 0 && area.index <= 100).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("row order", () => {
  test("permuting the units never changes any result", () => {
    fc.assert(
      fc.property(
        datasetArb,
        optionsArb,
        fc.array(fc.integer(), { minLength: 12, maxLength: 12 }),
        (d, o, keys) => {
          const shuffled: Dataset = {
            ...d,
            units: d.units
              .map((u, i) => ({ u, k: keys[i] }))
              .sort((x, y) => x.k - y.k)
              .map((x) => x.u),
          };
          expect(allocate(model(o), shuffled)).toEqual(allocate(model(o), d));
        },
      ),
      RUNS,
    );
  });
});

function transform(d: Dataset, k: number, f: (v: number) => number): Dataset {
  return {
    ...d,
    units: d.units.map((u) => ({ ...u, values: u.values.map((v, i) => (i === k && v !== null ? f(v) : v)) })),
  };
}

function expectSameResults(x: Allocation, y: Allocation): void {
  expect(y.issues.map((i) => i.code)).toEqual(x.issues.map((i) => i.code));
  x.units.forEach((u, e) => {
    const yScores = unitScores(y.scores, e);
    unitScores(x.scores, e).forEach((s, i) =>
      s === null ? expect(yScores[i]).toBeNull() : expect(yScores[i]).toBeCloseTo(s, 6),
    );
    if (u.index === null) expect(y.units[e].index).toBeNull();
    else expect(y.units[e].index).toBeCloseTo(u.index, 6);
  });
  x.areas.forEach((area, r) => {
    expect(y.areas[r].share).toBeCloseTo(area.share, 9);
    // a share equal up to 1e-12 can still tip a remainder over the cut: at most one cent
    expect(Math.abs(Math.round(y.areas[r].amount * 100) - Math.round(area.amount * 100))).toBeLessThanOrEqual(
      1,
    );
  });
}

describe("scale invariance", () => {
  test("rescaling an indicator by a positive factor and shifting it changes nothing (min–max and T-score)", () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.constantFrom("minmax" as const, "tscore" as const),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (d, normalisation, k, factor, shift) => {
          const m = model({ normalisation });
          expectSameResults(
            allocate(m, d),
            allocate(
              m,
              transform(d, k, (v) => v * factor + shift),
            ),
          );
        },
      ),
      RUNS,
    );
  });
});

describe("monotonicity: more need never means less", () => {
  const informative = (a: Allocation, k: number) => a.effectiveWeights[k].weight > 0;

  /** Raise unit e's need on indicator k by delta (direction-aware). */
  function raise(
    d: Dataset,
    e: number,
    k: number,
    delta: number,
    indicators: IndicatorSpec[] = INDICATORS,
  ): Dataset {
    const dir = indicators[k].direction;
    return {
      ...d,
      units: d.units.map((u, i) =>
        i === e ? { ...u, values: u.values.map((v, j) => (j === k && v !== null ? v + dir * delta : v)) } : u,
      ),
    };
  }

  test("its score and its Gesamtindex never fall (min–max and T-score)", () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.constantFrom("minmax" as const, "tscore" as const),
        fc.nat(),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 200 }),
        (d, normalisation, pick, k, delta) => {
          const e = pick % d.units.length;
          fc.pre(d.units[e].values[k] !== null);
          const m = model({ normalisation });
          const before = allocate(m, d);
          const after = allocate(m, raise(d, e, k, delta));
          fc.pre(informative(before, k) && informative(after, k));
          expect(unitScores(after.scores, e)[k] as number).toBeGreaterThanOrEqual(
            (unitScores(before.scores, e)[k] as number) - 1e-9,
          );
          if (before.units[e].index !== null) {
            expect(after.units[e].index as number).toBeGreaterThanOrEqual(before.units[e].index - 1e-9);
          }
        },
      ),
      RUNS,
    );
  });

  test("its area's share never falls: fixed goalposts", () => {
    const withGoalposts = INDICATORS.map((i) => ({ ...i, goalposts: { min: -300, max: 400 } }));
    fc.assert(
      fc.property(
        datasetArb,
        fc.nat(),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 200 }),
        (d0, pick, k, delta) => {
          const d = { ...d0, indicators: withGoalposts.map(resolvedIndicator) };
          const e = pick % d.units.length;
          fc.pre(d.units[e].values[k] !== null);
          const m = model({ goalposts: true }, 1000, withGoalposts);
          const before = allocate(m, d);
          const after = allocate(m, raise(d, e, k, delta, withGoalposts));
          fc.pre(usable(before) && usable(after) && informative(before, k) && informative(after, k));
          const area = before.areas.findIndex((x) => x.name === d.units[e].area);
          expect(after.areas[area].share).toBeGreaterThanOrEqual(before.areas[area].share - 1e-12);
        },
      ),
      RUNS,
    );
  });

  test("its area's share never falls: min–max, a raise within the other units' range", () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.nat(),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (d, pick, k, t) => {
          const e = pick % d.units.length;
          const own = d.units[e].values[k];
          const others = d.units
            .filter((_, i) => i !== e)
            .map((u) => u.values[k])
            .filter((v): v is number => v !== null);
          fc.pre(own !== null && others.length > 0);
          const dir = INDICATORS[k].direction;
          // the most need among the others, and a unit that is not the only one at the least need
          const top = dir === 1 ? Math.max(...others) : Math.min(...others);
          const bottom = dir === 1 ? Math.min(...others) : Math.max(...others);
          fc.pre(dir * (own as number) >= dir * bottom && dir * (top - (own as number)) > 0);
          const delta = t * Math.abs(top - (own as number));
          const m = model();
          const before = allocate(m, d);
          const after = allocate(m, raise(d, e, k, delta));
          fc.pre(usable(before) && usable(after));
          const area = before.areas.findIndex((x) => x.name === d.units[e].area);
          expect(after.areas[area].share).toBeGreaterThanOrEqual(before.areas[area].share - 1e-12);
        },
      ),
      RUNS,
    );
  });

  test("why the share property needs goalposts or a raise within range: relative min–max scaling", () => {
    // b constant (left out). a: U 9, V 10 (Nord), W 0, X 5 (Süd); c: 0, 0, 100, 100.
    // Before: a scores 90, 100, 0, 50 → index (a + c)/2: 45, 50, 50, 75 → Nord 47.5, Süd 62.5 → 43.18 %
    // U's a raised to 20: max moves to 20 → a scores 100, 50, 0, 25 → 50, 25, 50, 62.5 → Nord 37.5,
    // Süd 56.25 → 40.00 %: more need at U, less money for Nord, because V's score halved.
    const make = (u: number) =>
      dataset([
        unit("U", "Nord", [u, 5, 0]),
        unit("V", "Nord", [10, 5, 0]),
        unit("W", "Süd", [0, 5, 100]),
        unit("X", "Süd", [5, 5, 100]),
      ]);
    const before = allocate(model(), make(9));
    const after = allocate(model(), make(20));
    expect(before.areas[0].share).toBeCloseTo(47.5 / 110, 12);
    expect(after.areas[0].share).toBeCloseTo(37.5 / 93.75, 12);
    expect(after.units[0].index as number).toBeGreaterThan(before.units[0].index as number);
  });
});

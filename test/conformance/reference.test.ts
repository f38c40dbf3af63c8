/**
 * The reference implementation must itself be right before it can judge SRB: worked examples with
 * numbers derived by hand from SPEC.md, the published Bad Kreuznach check, and invariants.
 */
import fc from "fast-check";
import {
  bandOf,
  compositeIndices,
  largestRemainderCents,
  minMaxScores,
  normBand,
  tScores,
  referenceAllocation,
  sharesOf,
  weightedMeanOfPresent,
  type RefCategory,
  type RefIndicator,
  type RefOptions,
  type RefUnit,
} from "./reference";

describe("reference: standard scores (SPEC §2.1)", () => {
  it("min–max with both directions and a blank", () => {
    // x = 10, 20, 30: min 10, max 20 span → +1: 0, 50, 100; −1: 100, 50, 0
    expect(minMaxScores([10, 20, 30], 1)).toEqual([0, 50, 100]);
    expect(minMaxScores([10, 20, 30], -1)).toEqual([100, 50, 0]);
    // the blank neither counts for min/max nor gets a score
    expect(minMaxScores([10, null, 30, 15], 1)).toEqual([0, null, 100, 25]);
  });

  it("a constant indicator gives no scores at all (never 0 or 50)", () => {
    expect(minMaxScores([7, 7, null, 7], 1)).toBeNull();
    expect(minMaxScores([null, null], -1)).toBeNull();
  });

  // 100 · (max − min) / (max − min) may be 100.00000000000001 in doubles: [0, 100] up to 1e-9
  it("scores stay in [0, 100] and swap with the direction", () => {
    fc.assert(
      // values with two decimals, as indicator shares and counts are
      fc.property(fc.array(fc.integer({ min: -1e8, max: 1e8 }), { minLength: 2, maxLength: 30 }), (cents) => {
        const xs = cents.map((c) => c / 100);
        const up = minMaxScores(xs, 1);
        const down = minMaxScores(xs, -1);
        if (up === null || down === null) return up === down;
        return up.every(
          (s, i) =>
            s !== null && s >= -1e-9 && s <= 100 + 1e-9 && Math.abs(s + (down[i] as number) - 100) < 1e-9,
        );
      }),
    );
  });
});

describe("reference: T-scores (SPEC §2.1 alternative)", () => {
  it("50 + 10·z with the chosen sd, mirrored for direction −1", () => {
    // [2, 4, 6]: mean 4, sample sd 2 → z = −1, 0, 1; population sd √(8/3) = 1.633 → z = ∓1.2247
    expect(tScores([2, 4, 6], 1, "sample")).toEqual([40, 50, 60]);
    expect(tScores([2, 4, 6], -1, "sample")).toEqual([60, 50, 40]);
    const population = tScores([2, 4, 6], 1, "population") as number[];
    expect(population[0]).toBeCloseTo(50 - 10 * Math.sqrt(1.5), 12);
    expect(tScores([3, 3, null], 1, "sample")).toBeNull();
  });
});

describe("reference: weighted means with renormalisation (SPEC §2.2–§2.4)", () => {
  it("renormalises the weights of the present values", () => {
    // (1·40 + 2·100) / 3 = 80; with the second missing: 40 / 1 = 40
    expect(
      weightedMeanOfPresent([
        { value: 40, weight: 1 },
        { value: 100, weight: 2 },
      ]),
    ).toBe(80);
    expect(
      weightedMeanOfPresent([
        { value: 40, weight: 1 },
        { value: null, weight: 2 },
      ]),
    ).toBe(40);
    expect(weightedMeanOfPresent([{ value: null, weight: 1 }])).toBeNull();
  });

  it("category weights ≠ 1 in the Gesamtindex", () => {
    // A: x = 0, 10, 20 → 0, 50, 100; B: y (−1) = 4, 2, 0 → 0, 50, 100; (1·A + 3·B)/4
    const result = compositeIndices(
      [
        [0, 4],
        [10, 2],
        [20, 0],
      ],
      [
        { column: "x", category: "A", direction: 1, weight: 1 },
        { column: "y", category: "B", direction: -1, weight: 1 },
      ],
      [
        { name: "A", weight: 1 },
        { name: "B", weight: 3 },
      ],
    );
    expect(result.rows.map((r) => r.index)).toEqual([0, 50, 100]);
    // Unequal: A = 100, 0, 50 (x = 20, 0, 10); B = 0, 100, 50: (100 + 0)/4 = 25, (0 + 300)/4 = 75, 50
    const unequal = compositeIndices(
      [
        [20, 4],
        [0, 0],
        [10, 2],
      ],
      [
        { column: "x", category: "A", direction: 1, weight: 1 },
        { column: "y", category: "B", direction: -1, weight: 1 },
      ],
      [
        { name: "A", weight: 1 },
        { name: "B", weight: 3 },
      ],
    );
    expect(unequal.rows.map((r) => r.index)).toEqual([25, 75, 50]);
  });

  it("a unit without any value in a category gets no Gesamtindex; a constant category is left out", () => {
    const indicators: RefIndicator[] = [
      { column: "x", category: "A", direction: 1, weight: 1 },
      { column: "k", category: "K", direction: 1, weight: 1 },
      { column: "y", category: "B", direction: 1, weight: 1 },
    ];
    const categories: RefCategory[] = [
      { name: "A", weight: 1 },
      { name: "K", weight: 5 },
      { name: "B", weight: 1 },
    ];
    // k constant → category K has no information: Gesamtindex = (A + B) / 2
    // unit 2 has y blank → B null → no Gesamtindex
    const result = compositeIndices(
      [
        [0, 3, 0],
        [10, 3, null],
        [20, 3, 10],
      ],
      indicators,
      categories,
    );
    expect(result.constantIndicators).toEqual(["k"]);
    expect(result.rows.map((r) => r.index)).toEqual([0, null, 100]);
    expect(result.rows[1].categories).toEqual({ A: 50, K: null, B: null });
  });
});

describe("reference: Normbereich and bands (SPEC §3)", () => {
  it("sample and population sd", () => {
    // [2, 4, 6]: mean 4; Σ(x−m)² = 8; sample sd √(8/2) = 2; population sd √(8/3)
    expect(normBand([2, 4, 6], "sample")).toEqual({ mean: 4, sd: 2, lower: 2, upper: 6 });
    expect(normBand([2, 4, 6], "population").sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });

  it("bounds are inclusive in innerhalb", () => {
    const band = { mean: 4, sd: 2, lower: 2, upper: 6 };
    expect([1.9, 2, 4, 6, 6.1].map((v) => bandOf(v, band))).toEqual([
      "unterhalb",
      "innerhalb",
      "innerhalb",
      "innerhalb",
      "oberhalb",
    ]);
  });
});

describe("reference: shares and cents (SPEC §4)", () => {
  it("reproduces the published Bad Kreuznach 2021 shares", () => {
    const shares = sharesOf([53.0, 43.2, 39.8, 37.5, 36.6, 33.5, 31.0, 30.6]);
    const percent = shares.map((s) => Math.round(s * 10000) / 100);
    // 36.6 / 305.2 = 11.992 % (published 11.98 % from unrounded indices, SPEC §4)
    expect(percent).toEqual([17.37, 14.15, 13.04, 12.29, 11.99, 10.98, 10.16, 10.03]);
  });

  it("largest remainder: equal shares, ties by larger share then order", () => {
    // 10 000 cents / 3 = 3333.33…: 1 cent missing, equal remainders and shares → first in order
    expect(largestRemainderCents([1 / 3, 1 / 3, 1 / 3], 100)).toEqual([3334, 3333, 3333]);
    // 10 cents: quotas 1.5, 2.5, 6 → floors 1, 2, 6, 1 cent missing; remainders tie at 0.5 → larger share (0.25)
    expect(largestRemainderCents([0.15, 0.25, 0.6], 0.1)).toEqual([1, 3, 6]);
    // 3 cents: quotas 1.5, 0.75, 0.75 → floors 1, 0, 0; 2 missing → the two 0.75 remainders
    expect(largestRemainderCents([0.5, 0.25, 0.25], 0.03)).toEqual([1, 1, 1]);
  });

  it("cents always add up to the budget and stay within one cent of the quota", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1e11 }),
        (indices, budgetCents) => {
          const shares = sharesOf(indices);
          const cents = largestRemainderCents(shares, budgetCents / 100);
          const total = cents.reduce((a, b) => a + b, 0);
          return (
            total === budgetCents &&
            cents.every((c, i) => Number.isInteger(c) && Math.abs(c - shares[i] * budgetCents) < 1 + 1e-6)
          );
        },
      ),
    );
  });
});

describe("reference: the whole allocation, worked by hand", () => {
  // x (A, +1), y (A, −1), z (B, +1); units U1 N, U2 N, U3 S
  // x = 0, 10, 20 → 0, 50, 100;  y = 10, 0, 5 (−1) → 0, 100, 50;  z = 2, 1, 0 → 100, 50, 0
  // A = 0, 75, 75; B = 100, 50, 0; Gesamtindex = 50, 62.5, 37.5
  // norm: mean 50, sample sd √((0 + 156.25 + 156.25) / 2) = 12.5 → [37.5, 62.5]: all innerhalb (inclusive)
  const indicators: RefIndicator[] = [
    { column: "x", category: "A", direction: 1, weight: 1 },
    { column: "y", category: "A", direction: -1, weight: 1 },
    { column: "z", category: "B", direction: 1, weight: 1 },
  ];
  const categories: RefCategory[] = [
    { name: "A", weight: 1 },
    { name: "B", weight: 1 },
  ];
  const units: RefUnit[] = [
    { id: "U1", area: "N", children: 10, values: [0, 10, 2] },
    { id: "U2", area: "N", children: 30, values: [10, 0, 1] },
    { id: "U3", area: "S", children: 20, values: [20, 5, 0] },
  ];
  const options: RefOptions = {
    sd: "sample",
    areaMethod: "mean-of-units",
    childWeighted: false,
    strand3Category: "B",
  };

  it("mean-of-units", () => {
    const r = referenceAllocation(units, indicators, categories, options, 1000);
    expect(r.units.map((u) => u.index)).toEqual([50, 62.5, 37.5]);
    expect(r.norm.index).toEqual({ mean: 50, sd: 12.5, lower: 37.5, upper: 62.5 });
    expect(r.units.map((u) => u.band)).toEqual(["innerhalb", "innerhalb", "innerhalb"]);
    // strand 1: index ≥ 37.5 (U3 exactly at the bound counts); strand 3: B > mean 50 → only U1
    expect(r.units.map((u) => u.eligible)).toEqual([
      { sozialarbeit: true, interkulturell: true },
      { sozialarbeit: true, interkulturell: false },
      { sozialarbeit: true, interkulturell: false },
    ]);
    // N = (50 + 62.5)/2 = 56.25, S = 37.5 → shares 0.6, 0.4 → 600 €, 400 €
    expect(r.areas).toEqual([
      { name: "N", index: 56.25, share: 0.6, amount: 600, cents: 60000 },
      { name: "S", index: 37.5, share: 0.4, amount: 400, cents: 40000 },
    ]);
  });

  it("child-weighted, sum-of-units and aggregate", () => {
    // child-weighted N = (10·50 + 30·62.5) / 40 = 59.375
    const weighted = referenceAllocation(
      units,
      indicators,
      categories,
      { ...options, childWeighted: true },
      1000,
    );
    expect(weighted.areas[0].index).toBe(59.375);
    // sum-of-units N = 112.5, S = 37.5 → 0.75, 0.25
    const sum = referenceAllocation(
      units,
      indicators,
      categories,
      { ...options, areaMethod: "sum-of-units" },
      1000,
    );
    expect(sum.areas.map((a) => [a.index, a.share, a.amount])).toEqual([
      [112.5, 0.75, 750],
      [37.5, 0.25, 250],
    ]);
    // aggregate: N = (x 5, y 5, z 1.5), S = (20, 5, 0): y is constant over the areas and left out;
    // x → N 0, S 100; z → N 100, S 0: A = 0/100, B = 100/0 → both 50 → 500 € each
    const aggregate = referenceAllocation(
      units,
      indicators,
      categories,
      { ...options, areaMethod: "aggregate" },
      1000,
    );
    expect(aggregate.areas.map((a) => [a.index, a.amount])).toEqual([
      [50, 500],
      [50, 500],
    ]);
  });
});

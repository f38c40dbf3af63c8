import { apportionCents, toCents } from "../../src/engine/apportionCents";
import { SrbUsageError } from "../../src/engine/issues";

const sumCents = (c: number[]) => c.reduce((a, b) => a + b, 0);

describe("apportionCents (largest remainder, Hare–Niemeyer)", () => {
  test("the larger remainder gets the missing cent", () => {
    // 1 € over 2 : 1: quotas 66.67 and 33.33 cents; floors 66 + 33 = 99; remainders .67 > .33 → first
    expect(apportionCents(1, [2, 1])).toEqual({
      amounts: [0.67, 0.33],
      cents: [67, 33],
      tieFlags: [false, false],
    });
  });

  test("equal remainders across the cut are a tie: first by order gets the cent, all flagged", () => {
    // 100 € over 1 : 1 : 1 → 3333.33 cents each, one cent missing, three equal remainders
    expect(apportionCents(100, [1, 1, 1])).toEqual({
      amounts: [33.34, 33.33, 33.33],
      cents: [3334, 3333, 3333],
      tieFlags: [true, true, true],
    });
  });

  test("tie with different shares: larger share first, still flagged", () => {
    // 0.04 € over 1 : 3 : 4 → quotas 0.5, 1.5, 2 cents; floors 0, 1, 2; missing 1;
    // remainders .5 = .5 → the larger share (3) gets it; entries 0 and 1 flagged
    expect(apportionCents(0.04, [1, 3, 4])).toEqual({
      amounts: [0, 0.02, 0.02],
      cents: [0, 2, 2],
      tieFlags: [true, true, false],
    });
  });

  test("equal remainders that do not decide a cent are not flagged", () => {
    // 0.02 € over 1 : 1 → 1 cent each exactly, nothing missing
    expect(apportionCents(0.02, [1, 1]).tieFlags).toEqual([false, false]);
    // 0.05 € over 1 : 1 : 2 → 1.25, 1.25, 2.5 cents; floors 1, 1, 2; missing 1 → the .5 wins clearly
    expect(apportionCents(0.05, [1, 1, 2])).toEqual({
      amounts: [0.01, 0.01, 0.03],
      cents: [1, 1, 3],
      tieFlags: [false, false, false],
    });
  });

  test("Bad Kreuznach 2022 budget over the published area indices adds up to the cent", () => {
    const r = apportionCents(1002240, [53.0, 43.2, 39.8, 37.5, 36.6, 33.5, 31.0, 30.6]);
    expect(sumCents(r.cents)).toBe(100224000);
    // 53 / 305.2 · 1.002.240 = 174.045,61… € (hand: 1002240 · 53 = 53118720; / 305.2 = 174045.60944)
    expect(r.amounts[0]).toBeCloseTo(174045.61, 2);
  });

  test("a billion euros over three equal parts: exact and tie-flagged", () => {
    const r = apportionCents(1e9, [1, 1, 1]);
    expect(r.cents).toEqual([33333333334, 33333333333, 33333333333]);
    expect(r.tieFlags).toEqual([true, true, true]);
  });

  test("a true tie stays a tie at large budgets despite floating-point noise", () => {
    // 0.1 : 0.3 : 0.4 = 1 : 3 : 4, 1.000.000.000,04 € = 100000000004 cents → quotas 12500000000.5,
    // 37500000001.5, 50000000002 exactly; in floating point the first remainder comes out as 0.49999809
    // and the third quota as 50000000001.99999 — equal within the tolerance, so the last cent is a tie
    // between the first two (flagged) and the larger share wins
    const r = apportionCents(1000000000.04, [0.1, 0.3, 0.4]);
    expect(r.cents).toEqual([12500000000, 37500000002, 50000000002]);
    expect(r.tieFlags).toEqual([true, true, false]);
  });

  test("zero weights get nothing; zero total gives zeros", () => {
    expect(apportionCents(10, [0, 1]).amounts).toEqual([0, 10]);
    expect(apportionCents(0, [1, 2]).cents).toEqual([0, 0]);
    expect(apportionCents(10, [])).toEqual({ amounts: [], cents: [], tieFlags: [] });
  });

  test("input not mutated", () => {
    const w = Object.freeze([3, 1, 2]);
    apportionCents(7, w);
    expect(w).toEqual([3, 1, 2]);
  });

  test("misuse throws SrbUsageError", () => {
    expect(() => apportionCents(-1, [1])).toThrow(SrbUsageError);
    expect(() => apportionCents(NaN, [1])).toThrow(SrbUsageError);
    expect(() => apportionCents(1, [-1, 2])).toThrow(SrbUsageError);
    expect(() => apportionCents(1, [0, 0])).toThrow(SrbUsageError);
    // beyond 10^13 € cents are not exact in floating point: refused, never an endless loop
    expect(() => apportionCents(1e14, [1, 2])).toThrow(SrbUsageError);
    expect(() => apportionCents(1e30, [1, 2])).toThrow(SrbUsageError);
  });

  test("toCents rounds to the nearest cent", () => {
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(1002238.85)).toBe(100223885);
  });
});

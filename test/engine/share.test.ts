import { SrbUsageError } from "../../src/engine/issues";
import { budgetShares, indexShares } from "../../src/engine/share";

describe("indexShares: I_r / Σ I", () => {
  test("published Bad Kreuznach 2021 shares within 0.01 percentage points", () => {
    const indices = [53.0, 43.2, 39.8, 37.5, 36.6, 33.5, 31.0, 30.6]; // Σ = 305.2
    const published = [17.37, 14.15, 13.04, 12.29, 11.99, 10.98, 10.16, 10.03];
    // 53.0 / 305.2 = 17.3657 %, … 36.6 / 305.2 = 11.9921 % (published 11.98 from unrounded indices)
    const shares = indexShares(indices);
    shares.forEach((s, r) => expect(Math.abs(100 * s - published[r])).toBeLessThanOrEqual(0.01));
    expect(Math.abs(100 * shares[4] - 11.98)).toBeLessThan(0.015);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  test("misuse throws SrbUsageError", () => {
    expect(() => indexShares([0, 0])).toThrow(SrbUsageError);
    expect(() => indexShares([-1, 3])).toThrow(SrbUsageError);
    expect(() => indexShares([NaN])).toThrow(SrbUsageError);
  });
});

describe("budgetShares with a Sockel", () => {
  const areas = [
    { index: 30, children: 100 },
    { index: 10, children: 300 },
  ];

  test("no Sockel: the share is I_r / Σ I", () => {
    expect(budgetShares(areas)).toEqual({
      shares: [0.75, 0.25],
      indexShares: [0.75, 0.25],
      sockelShares: [0, 0],
      sockelByChildren: false,
    });
  });

  test("Sockel split equally: share = f/R + (1 − f)·I_r/ΣI", () => {
    // f = 0.2: A 0.1 + 0.8 · 0.75 = 0.7; B 0.1 + 0.8 · 0.25 = 0.3
    const s = budgetShares(areas, { fraction: 0.2, by: "equal" });
    expect(s.shares[0]).toBeCloseTo(0.7, 15);
    expect(s.shares[1]).toBeCloseTo(0.3, 15);
    expect(s.sockelShares).toEqual([0.1, 0.1]);
  });

  test("Sockel split by Kinder", () => {
    // f = 0.4 by Kinder 100 : 300: A 0.4 · 0.25 + 0.6 · 0.75 = 0.55; B 0.4 · 0.75 + 0.6 · 0.25 = 0.45
    const s = budgetShares(areas, { fraction: 0.4, by: "children" });
    expect(s.shares[0]).toBeCloseTo(0.55, 15);
    expect(s.shares[1]).toBeCloseTo(0.45, 15);
    expect(s.sockelByChildren).toBe(true);
  });

  test("Sockel by Kinder without Kinder falls back to equal, and says so", () => {
    const s = budgetShares(
      [
        { index: 30, children: null },
        { index: 10, children: 5 },
      ],
      { fraction: 0.2, by: "children" },
    );
    expect(s.sockelByChildren).toBe(false);
    expect(s.sockelShares).toEqual([0.1, 0.1]);
  });

  test("a Sockel of 100 % ignores the index", () => {
    expect(budgetShares(areas, { fraction: 1, by: "equal" }).shares).toEqual([0.5, 0.5]);
  });

  test("fraction outside 0–1 is misuse", () => {
    expect(() => budgetShares(areas, { fraction: 1.5, by: "equal" })).toThrow(SrbUsageError);
  });
});

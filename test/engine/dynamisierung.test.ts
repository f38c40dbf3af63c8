import fc from "fast-check";
import { annualFromHalfYear, dynamisiert, dynamisierungIssues } from "../../src/engine/dynamisierung";
import { SrbUsageError } from "../../src/engine/issues";

describe("Dynamisierung A_y = A_base · 1,025^(y − base)", () => {
  test("Bad Kreuznach: 2 · 488.897 € · 1,025 = 1.002.238,85 € ≈ 1.002.240 € published", () => {
    // 2 · 488.897 = 977.794; 977.794 · 1,025 = 977.794 + 24.444,85 = 1.002.238,85
    const annual = annualFromHalfYear(488897);
    expect(annual).toBe(977794);
    const y2022 = dynamisiert(annual, 2021, 2022);
    expect(y2022).toBe(1002238.85);
    expect(Math.abs(y2022 - 1002240)).toBeLessThanOrEqual(2);
  });

  test("two years: 977.794 · 1,025² = 977.794 · 1,050625 = 1.027.294,82 €", () => {
    // 977.794 · 0,050625 = 49.500,82125 → 1.027.294,82125 → 1.027.294,82
    expect(dynamisiert(977794, 2021, 2023)).toBe(1027294.82);
  });

  test("base year gives the base amount; another rate: 100.000 · 1,03³ = 109.272,70", () => {
    expect(dynamisiert(977794, 2021, 2021)).toBe(977794);
    // 1,03³ = 1,092727
    expect(dynamisiert(100000, 2021, 2024, 0.03)).toBe(109272.7);
  });

  test("half a cent rounds up: 0,01 · 1,5 = 0,015 → 0,02", () => {
    expect(dynamisiert(0.01, 2021, 2022, 0.5)).toBe(0.02);
  });

  test("invalid parameters: issues in German, and the function throws SrbUsageError", () => {
    expect(dynamisierungIssues({ baseAmount: 977794, baseYear: 2021, rate: 0.025 }, 2022)).toEqual([]);
    const issues = dynamisierungIssues({ baseAmount: 977794, baseYear: 2021, rate: 0.025 }, 2020);
    expect(issues).toEqual([
      {
        level: "error",
        code: "dynamisierung-invalid",
        sheet: "",
        cell: "",
        message: "Dynamisierung: Jahr 2020 liegt vor dem Ausgangsjahr 2021: erwartet wird ein Jahr ≥ 2021.",
      },
    ]);
    expect(dynamisierungIssues({ baseAmount: -1, baseYear: 2021.5, rate: -1 }, 2022)).toHaveLength(3);
    expect(() => dynamisiert(977794, 2021, 2020)).toThrow(SrbUsageError);
    expect(() => dynamisiert(Number.NaN, 2021, 2022)).toThrow(SrbUsageError);
    expect(() => annualFromHalfYear(-5)).toThrow(SrbUsageError);
  });

  test("property: each year is the previous year times (1 + rate), within a cent of rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (baseCents, baseYear, years, rate) => {
          const base = baseCents / 100;
          const a = dynamisiert(base, baseYear, baseYear + years, rate);
          const b = dynamisiert(base, baseYear, baseYear + years + 1, rate);
          expect(b).toBeGreaterThanOrEqual(a);
          expect(Math.abs(b - a * (1 + rate))).toBeLessThanOrEqual(0.01 * (1 + rate) + 1e-6);
        },
      ),
    );
  });
});

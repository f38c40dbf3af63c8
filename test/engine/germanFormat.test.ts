/**
 * The one formatting module (src/engine/germanFormat.ts): worked examples, the edge cases the callers meet
 * (negative, -0, large, NaN, ±Infinity), and the equivalences that keep texts unchanged where a caller
 * used to build its own Intl.NumberFormat.
 */
import fc from "fast-check";
import {
  formatDate,
  formatEuro,
  formatEuroPlain,
  formatNumber,
  formatPercent,
} from "../../src/engine/germanFormat";

const NBSP = "\u00a0";

describe("formatNumber", () => {
  test("de-DE: thousands dot, decimal comma, up to six decimals by default", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1002240)).toBe("1.002.240");
    expect(formatNumber(0.1234567891)).toBe("0,123457");
    expect(formatNumber(-1234567.891, 2)).toBe("-1.234.567,89");
  });

  test("decimals: a fixed count, or a range; grouping off for input fields", () => {
    expect(formatNumber(53.04, 1)).toBe("53,0");
    expect(formatNumber(53, 2)).toBe("53,00");
    expect(formatNumber(0.123456789, { max: 2 })).toBe("0,12");
    expect(formatNumber(2, { min: 1, max: 2 })).toBe("2,0");
    expect(formatNumber(2.125, { min: 1, max: 2 })).toBe("2,13");
    expect(formatNumber(1002240.5, { max: 6, grouping: false })).toBe("1002240,5");
  });

  test("large numbers are written out, not in exponent notation", () => {
    expect(formatNumber(1e15)).toBe("1.000.000.000.000.000");
    expect(formatNumber(1e21)).toBe("1.000.000.000.000.000.000.000");
  });

  test("-0 keeps its sign as Intl shows it; NaN stays NaN; ±Infinity in words", () => {
    expect(formatNumber(-0)).toBe("-0");
    expect(formatNumber(-0, 2)).toBe("-0,00");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("unendlich");
    expect(formatNumber(-Infinity, 2)).toBe("minus unendlich");
    expect(formatNumber(NaN, { max: 2, signed: true })).toBe("NaN");
    expect(formatNumber(Infinity, { max: 1, grouping: false })).toBe("unendlich");
  });

  test("small numbers keep their leading zero and decimal comma", () => {
    expect(formatNumber(1 / 12, 4)).toBe("0,0833");
    expect(formatNumber(-0.05, { max: 2 })).toBe("-0,05");
  });

  test("property: the same as the Intl.NumberFormat the callers built before (two decimals)", () => {
    const before = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(formatNumber(x, 2)).toBe(before.format(x));
      }),
    );
  });
});

describe("formatEuro", () => {
  test("currency style with cents and a no-break space before €", () => {
    expect(formatEuro(1234.5)).toBe(`1.234,50${NBSP}€`);
    expect(formatEuro(-1234.5)).toBe(`-1.234,50${NBSP}€`);
    expect(formatEuro(0.005)).toBe(`0,01${NBSP}€`);
    expect(formatEuro(-0)).toBe(`-0,00${NBSP}€`);
    expect(formatEuro(1e12)).toBe(`1.000.000.000.000,00${NBSP}€`);
    expect(formatEuro(NaN)).toBe(`NaN${NBSP}€`);
    expect(formatEuro(NaN, true)).toBe(`NaN${NBSP}€`);
    expect(formatEuro(Infinity)).toBe("unendlich");
    expect(formatEuro(-Infinity, true)).toBe("minus unendlich");
  });

  test("plain: the same with a normal space (terminal output, set-aside messages)", () => {
    expect(formatEuroPlain(1002240)).toBe("1.002.240,00 €");
    expect(formatEuroPlain(-12.345)).toBe("-12,35 €");
  });

  test("property: plain is what setAsides wrote before (two decimals and ' €')", () => {
    const before = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(formatEuroPlain(cents / 100)).toBe(`${before.format(cents / 100)} €`);
      }),
    );
  });
});

describe("formatPercent", () => {
  test("a share as a percentage, no-break space before %", () => {
    expect(formatPercent(0.17366, 2)).toBe(`17,37${NBSP}%`);
    expect(formatPercent(0.33)).toBe(`33${NBSP}%`);
    expect(formatPercent(1)).toBe(`100${NBSP}%`);
    expect(formatPercent(-0.021, 1)).toBe(`-2,1${NBSP}%`);
    expect(formatPercent(0.125, 1)).toBe(`12,5${NBSP}%`);
    expect(formatPercent(NaN, 2)).toBe(`NaN${NBSP}%`);
    expect(formatPercent(-Infinity)).toBe("minus unendlich");
  });
});

describe("option sets in turns", () => {
  test("interleaved option sets never get each other's texts", () => {
    // every option, each once on and once off, in turns
    const turns = [
      () => expect(formatEuro(1250)).toBe(`1.250,00${NBSP}€`),
      () => expect(formatEuro(1250, true)).toBe(`+1.250,00${NBSP}€`),
      () => expect(formatNumber(1250.5, 1)).toBe("1.250,5"),
      () => expect(formatNumber(1250.5, { max: 2 })).toBe("1.250,5"),
      () => expect(formatNumber(1250.5, { min: 2, max: 2 })).toBe("1.250,50"),
      () => expect(formatNumber(1250.5, { max: 1, grouping: false })).toBe("1250,5"),
      () => expect(formatNumber(1250.5, { max: 1, signed: true })).toBe("+1.250,5"),
      () => expect(formatPercent(0.125, 1)).toBe(`12,5${NBSP}%`),
      () => expect(formatPercent(0.125, { max: 1, signed: true })).toBe(`+12,5${NBSP}%`),
    ];
    for (let round = 0; round < 2; round++) for (const turn of [...turns].reverse()) turn();
    for (const turn of turns) turn();
  });
});

describe("formatDate", () => {
  test("TT.MM.JJJJ with leading zeros", () => {
    expect(formatDate(new Date(2026, 10, 30))).toBe("30.11.2026");
    expect(formatDate(new Date(2027, 0, 5))).toBe("05.01.2027");
  });
});

describe("de-DE digits are written without Intl, exactly as Intl writes them", () => {
  const intl = (options: Intl.NumberFormatOptions, v: number) =>
    new Intl.NumberFormat("de-DE", options).format(v);
  // every magnitude, and the values where rounding is decided: ties in binary (k/8), decimals that are no
  // ties in binary (2.675, 1.005), -0, tiny and huge numbers
  const values = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }),
    fc.integer({ min: -10_000_000, max: 10_000_000 }).map((k) => k / 8),
    fc.integer({ min: -10_000_000, max: 10_000_000 }).map((k) => k / 1000),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 100_000),
    fc.constantFrom(
      0,
      -0,
      0.005,
      -0.005,
      1.005,
      2.675,
      0.125,
      -0.125,
      999.995,
      0.0005,
      -0.0004,
      1e-7,
      5e-324,
      1e19,
      9.999999999999998e18,
    ),
  );
  const range = fc
    .tuple(fc.nat(8), fc.nat(8))
    .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));

  test("numbers: any decimals, grouping or not, signed or not", () => {
    fc.assert(
      fc.property(values, range, fc.boolean(), fc.boolean(), (v, { min, max }, grouping, signed) => {
        const options: Intl.NumberFormatOptions = { minimumFractionDigits: min, maximumFractionDigits: max };
        if (!grouping) options.useGrouping = false;
        if (signed) options.signDisplay = "exceptZero";
        expect(formatNumber(v, { min, max, grouping, signed })).toBe(intl(options, v));
      }),
      { numRuns: 20_000 },
    );
  });

  test("euros, signed or not", () => {
    fc.assert(
      fc.property(values, fc.boolean(), (v, signed) => {
        const options: Intl.NumberFormatOptions = { style: "currency", currency: "EUR" };
        if (signed) options.signDisplay = "exceptZero";
        expect(formatEuro(v, signed)).toBe(intl(options, v));
      }),
      { numRuns: 10_000 },
    );
  });

  test("percentages: the share rounded exactly (Intl multiplies by 100 without floating-point error)", () => {
    expect(formatPercent(0.07)).toBe(`7${NBSP}%`);
    expect(formatPercent(0.0145, 1)).toBe(
      intl({ style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }, 0.0145),
    );
    fc.assert(
      fc.property(values, range, fc.boolean(), (v, { min, max }, signed) => {
        const options: Intl.NumberFormatOptions = {
          style: "percent",
          minimumFractionDigits: min,
          maximumFractionDigits: max,
        };
        if (signed) options.signDisplay = "exceptZero";
        expect(formatPercent(v, { min, max, signed })).toBe(intl(options, v));
      }),
      { numRuns: 20_000 },
    );
  });
});

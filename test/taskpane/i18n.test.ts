import {
  detectLanguage,
  formatEuro,
  formatFrequency,
  formatPercent,
  formatInputNumber,
  formatNumber,
  formatShare,
  parseUserNumber,
  stringsFor,
} from "../../src/taskpane/i18n";
import fc from "fast-check";

const NBSP = "\u00a0";

describe("detectLanguage", () => {
  test.each([
    ["en-US", "en"],
    ["en", "en"],
    ["EN-gb", "en"],
    ["de-DE", "de"],
    ["fr-FR", "de"],
    ["", "de"],
    [undefined, "de"],
    [null, "de"],
  ])("%s → %s", (tag, expected) => {
    expect(detectLanguage(tag)).toBe(expected);
  });
});

describe("number formats", () => {
  test("euros in de-DE: thousands dot, decimal comma, € after a non-breaking space", () => {
    expect(formatEuro(1234.56, "de")).toBe(`1.234,56${NBSP}€`);
    expect(formatEuro(1002240, "de")).toBe(`1.002.240,00${NBSP}€`);
  });
  test("shares as percent with two decimals: 53,0 / 305,2 = 17,37 % (SPEC.md §4)", () => {
    expect(formatShare(53.0 / 305.2, "de")).toBe(`17,37${NBSP}%`);
    expect(formatShare(0.1003, "en")).toBe("10.03%");
  });
  test("indices with a fixed number of decimals", () => {
    expect(formatNumber(53.04, "de", 1)).toBe("53,0");
    expect(formatNumber(1 / 12, "en", 4)).toBe("0.0833");
  });
});

describe("formatFrequency", () => {
  test("one decimal, de-DE and en", () => {
    // 7 of 8 alternatives = 0,875 = 87,5 %; 1 of 8 = 12,5 %
    expect(formatFrequency(7 / 8, "de")).toBe(`87,5${NBSP}%`);
    expect(formatFrequency(1 / 8, "en")).toBe("12.5%");
    expect(formatFrequency(1, "de")).toBe(`100,0${NBSP}%`);
    expect(formatFrequency(0, "de")).toBe(`0,0${NBSP}%`);
  });
  test("nearly always is not shown as always, rarely not as never", () => {
    // 1.006 of 1.007 alternatives = 0,99901 would round to 99,9 %; 1.0069/1.007 would round to 100,0 %
    expect(formatFrequency(1006 / 1007, "de")).toBe(`99,9${NBSP}%`);
    expect(formatFrequency(0.99999, "de")).toBe(`99,9${NBSP}%`);
    expect(formatFrequency(1 / 5000, "de")).toBe(`0,1${NBSP}%`);
  });
  test("property: 100,0 % only for exactly 1, 0,0 % only for exactly 0", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        const text = formatFrequency(f, "de");
        return (text === `100,0${NBSP}%`) === (f === 1) && (text === `0,0${NBSP}%`) === (f === 0);
      }),
    );
  });
  test("axis percents", () => {
    expect(formatPercent(0.33, "de")).toBe(`33${NBSP}%`);
    expect(formatPercent(0.125, "en", 1)).toBe("12.5%");
  });
});

describe("parseUserNumber", () => {
  test.each<[string, "de" | "en", number | null]>([
    ["1.002.240,50", "de", 1002240.5],
    ["1002240,5", "de", 1002240.5],
    ["1.002.240", "de", 1002240],
    ["1 002 240,00 €", "de", 1002240],
    ["2,5 %", "de", 2.5],
    ["-3", "de", -3],
    ["1,002,240.50", "en", 1002240.5],
    ["0.25", "en", 0.25],
    ["abc", "de", null],
    ["k.A.", "de", null],
    ["12,3,4", "de", null],
    ["1.5", "de", null],
    ["1,5", "en", null],
    ["", "de", null],
    ["1e5", "de", null],
  ])("%s (%s) → %s", (text, language, expected) => {
    expect(parseUserNumber(text, language)).toBe(expected);
  });

  test("reads back what formatInputNumber writes, in both languages", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }).map((x) => Math.round(x * 100) / 100),
        fc.constantFrom("de" as const, "en" as const),
        (value, language) => parseUserNumber(formatInputNumber(value, language), language) === value,
      ),
    );
  });

  test("reads back what formatNumber writes with grouping", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e9 }),
        fc.constantFrom("de" as const, "en" as const),
        (cents, language) => {
          const value = cents / 100;
          return parseUserNumber(formatNumber(value, language, 2), language) === value;
        },
      ),
    );
  });
});

describe("strings", () => {
  test("German and English have the same keys and no empty text", () => {
    const de = stringsFor("de");
    const en = stringsFor("en");
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const strings of [de, en]) {
      for (const [key, value] of Object.entries(strings)) {
        const text =
          typeof value === "function" ? (value as (...a: unknown[]) => string)("X", "Y", "Z") : value;
        expect(`${key}: ${text}`).not.toMatch(/: $/);
      }
    }
    expect(de.stepData).toBe("Daten");
    expect(en.stepData).toBe("Data");
  });
});

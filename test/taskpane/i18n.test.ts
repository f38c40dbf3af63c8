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

describe("number formats: de-DE in both languages (only the texts are English)", () => {
  test("euros: thousands dot, decimal comma, € after a non-breaking space", () => {
    expect(formatEuro(1234.56)).toBe(`1.234,56${NBSP}€`);
    expect(formatEuro(1002240)).toBe(`1.002.240,00${NBSP}€`);
  });
  test("shares as percent with two decimals: 53,0 / 305,2 = 17,37 % (SPEC.md §4)", () => {
    expect(formatShare(53.0 / 305.2)).toBe(`17,37${NBSP}%`);
    expect(formatShare(0.1003)).toBe(`10,03${NBSP}%`);
  });
  test("indices with a fixed number of decimals", () => {
    expect(formatNumber(53.04, 1)).toBe("53,0");
    expect(formatNumber(1 / 12, 4)).toBe("0,0833");
  });
});

describe("formatFrequency", () => {
  test("one decimal", () => {
    // 7 of 8 alternatives = 0,875 = 87,5 %; 1 of 8 = 12,5 %
    expect(formatFrequency(7 / 8)).toBe(`87,5${NBSP}%`);
    expect(formatFrequency(1 / 8)).toBe(`12,5${NBSP}%`);
    expect(formatFrequency(1)).toBe(`100,0${NBSP}%`);
    expect(formatFrequency(0)).toBe(`0,0${NBSP}%`);
  });
  test("nearly always is not shown as always, rarely not as never", () => {
    // 1.006 of 1.007 alternatives = 0,99901 would round to 99,9 %; 1.0069/1.007 would round to 100,0 %
    expect(formatFrequency(1006 / 1007)).toBe(`99,9${NBSP}%`);
    expect(formatFrequency(0.99999)).toBe(`99,9${NBSP}%`);
    expect(formatFrequency(1 / 5000)).toBe(`0,1${NBSP}%`);
  });
  test("property: 100,0 % only for exactly 1, 0,0 % only for exactly 0", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        const text = formatFrequency(f);
        return (text === `100,0${NBSP}%`) === (f === 1) && (text === `0,0${NBSP}%`) === (f === 0);
      }),
    );
  });
  test("axis percents", () => {
    expect(formatPercent(0.33)).toBe(`33${NBSP}%`);
    expect(formatPercent(0.125, 1)).toBe(`12,5${NBSP}%`);
  });
});

describe("parseUserNumber: the German way in both languages", () => {
  test.each<[string, number | null]>([
    ["1.002.240,50", 1002240.5],
    ["1002240,5", 1002240.5],
    ["1.002.240", 1002240],
    ["1 002 240,00 €", 1002240],
    ["2,5 %", 2.5],
    ["-3", -3],
    ["0,25", 0.25],
    ["abc", null],
    ["k.A.", null],
    ["12,3,4", null],
    ["1.5", null],
    ["0.25", null],
    ["1,002,240.50", null],
    ["1,002,240", null],
    ["", null],
    ["1e5", null],
  ])("%s → %s", (text, expected) => {
    expect(parseUserNumber(text)).toBe(expected);
  });

  test("reads back what formatInputNumber writes", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }).map((x) => Math.round(x * 100) / 100),
        (value) => parseUserNumber(formatInputNumber(value)) === value,
      ),
    );
  });

  test("reads back what formatNumber writes with grouping", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e9 }), (cents) => {
        const value = cents / 100;
        return parseUserNumber(formatNumber(value, 2)) === value;
      }),
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

  test("English hints show numbers the way they are typed and shown: de-DE, decimal comma", () => {
    const en = stringsFor("en");
    expect(en.expectedAmount).toBe("an amount ≥ 0, e.g. 1.002.240,00 (decimal comma)");
    expect(en.expectedWeight).toBe("a weight ≥ 0, e.g. 1 or 0,5 (decimal comma)");
    expect(en.robustnessIntro).toContain("×0,5 and ×1,5");
    expect(en.robustnessIntro).toContain("1.000 random weightings");
    // no English-style number (1,002,240 / 0.5 / 50%) in any English text
    for (const [key, value] of Object.entries(en)) {
      const text =
        typeof value === "function" ? (value as (...a: unknown[]) => string)("X", "Y", "Z", "V", "W") : value;
      expect(`${key}: ${text}`).not.toMatch(/\d,\d{3}\b|(?<![\d.])\d+\.\d{1,2}(?![\d.])|\d%/);
    }
  });
});

import { readNumberInput, showNumberInput, type NumberKind } from "../../src/taskpane/numberInput";
import fc from "fast-check";

describe("readNumberInput", () => {
  test("a German budget with thousands dots", () => {
    expect(readNumberInput("1.002.240", "positiveAmount", "de")).toEqual({ ok: true, value: 1002240 });
  });
  test("a percentage is stored as a fraction: 60 → 0,6; 2,5 → 0,025", () => {
    expect(readNumberInput("60", "percent", "de")).toEqual({ ok: true, value: 0.6 });
    expect(readNumberInput("2,5", "percent", "de")).toEqual({ ok: true, value: 0.025 });
  });
  test("bad budget text names the text and what is expected", () => {
    expect(readNumberInput("viel", "positiveAmount", "de")).toEqual({
      ok: false,
      message: "„viel“ ist keine gültige Zahl; erwartet: ein Betrag > 0, z. B. 1.002.240,00.",
    });
    expect(readNumberInput("much", "positiveAmount", "en")).toEqual({
      ok: false,
      message: "“much” is not a valid number; expected: an amount > 0, e.g. 1.002.240,00 (decimal comma).",
    });
  });
  test("English mode reads numbers the German way: decimal comma, thousands dot", () => {
    expect(readNumberInput("1.002.240,50", "positiveAmount", "en")).toEqual({ ok: true, value: 1002240.5 });
    expect(readNumberInput("2,5", "percent", "en")).toEqual({ ok: true, value: 0.025 });
    expect(readNumberInput("0.5", "weight", "en")).toEqual({
      ok: false,
      message: "“0.5” is not a valid number; expected: a weight ≥ 0, e.g. 1 or 0,5 (decimal comma).",
    });
    expect(readNumberInput("1,002,240.50", "amount", "en").ok).toBe(false);
  });
  test("English mode: „250,000“ (thousands to an English eye, 250 read the German way) is refused with the reason", () => {
    expect(readNumberInput("250,000", "positiveAmount", "en")).toEqual({
      ok: false,
      message:
        "“250,000” would read as 250: numbers are typed the German way here (decimal comma). For thousands type 250.000.",
    });
    expect(readNumberInput("1,500 €", "amount", "en")).toMatchObject({ ok: false });
    // German mode reads it as written: 250 with three decimals
    expect(readNumberInput("250,000", "positiveAmount", "de")).toEqual({ ok: true, value: 250 });
    // a decimal comma with one, two or four digits is no English grouping: read as German
    expect(readNumberInput("2,50", "amount", "en")).toEqual({ ok: true, value: 2.5 });
    expect(readNumberInput("0,2500", "weight", "en")).toEqual({ ok: true, value: 0.25 });
  });
  test.each<[string, NumberKind]>([
    ["0", "positiveAmount"],
    ["-1", "amount"],
    ["-0,5", "weight"],
    ["0", "step"],
    ["-0,5", "staff"],
    ["101", "percent"],
    ["1999", "year"],
    ["2022,5", "year"],
    ["", "amount"],
  ])("%s is not acceptable as %s", (text, kind) => {
    expect(readNumberInput(text, kind, "de").ok).toBe(false);
  });
  test("staff (the fixed Nachbarschaftszentrum post): 0 VZÄ is a valid choice, unlike a step", () => {
    expect(readNumberInput("0", "staff", "de")).toEqual({ ok: true, value: 0 });
    expect(readNumberInput("0,5", "staff", "de")).toEqual({ ok: true, value: 0.5 });
    expect(readNumberInput("-1", "staff", "de")).toEqual({
      ok: false,
      message: "„-1“ ist keine gültige Zahl; erwartet: eine Zahl von Stellen (VZÄ) ≥ 0, z. B. 0,5 oder 0.",
    });
  });
  test("an empty optional field is null", () => {
    expect(readNumberInput("  ", "positiveAmount", "de", true)).toEqual({ ok: true, value: null });
  });
});

describe("showNumberInput", () => {
  test("examples", () => {
    expect(showNumberInput(0.6, "percent")).toBe("60");
    expect(showNumberInput(0.65, "percent")).toBe("65");
    expect(showNumberInput(1002240.5, "amount")).toBe("1002240,5");
    expect(showNumberInput(2022, "year")).toBe("2022");
    expect(showNumberInput(null, "amount")).toBe("");
    expect(showNumberInput(0.025, "percent")).toBe("2,5");
  });
  test("what is shown reads back as the stored value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000),
        fc.constantFrom("de" as const, "en" as const),
        (fraction, language) => {
          const read = readNumberInput(showNumberInput(fraction, "percent"), "percent", language);
          return read.ok && Math.abs((read.value ?? NaN) - fraction) < 1e-12;
        },
      ),
    );
  });
});

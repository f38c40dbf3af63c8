/**
 * What a number typed into the task pane means and whether it is acceptable. One rule per kind of field,
 * so that every field reports a bad entry the same way: the text as typed and what was expected.
 */
import { compactNumberText, formatInputNumber, parseUserNumber, stringsFor, type Language } from "./i18n";

/**
 * Kinds of numeric field. `percent` is typed as 0–100 and stored as a fraction 0–1. `value` is any finite
 * number, negative too (a goalpost of an indicator that may be negative, e.g. a Saldo).
 */
export type NumberKind =
  "amount" | "positiveAmount" | "year" | "percent" | "weight" | "step" | "staff" | "value";

export type NumberReading = { ok: true; value: number | null } | { ok: false; message: string };

function expectation(kind: NumberKind, language: Language): string {
  const s = stringsFor(language);
  switch (kind) {
    case "amount":
      return s.expectedAmount;
    case "positiveAmount":
      return s.expectedPositiveAmount;
    case "year":
      return s.expectedYear;
    case "percent":
      return s.expectedPercent;
    case "weight":
      return s.expectedWeight;
    case "step":
      return s.expectedStep;
    case "staff":
      return s.expectedStaff;
    case "value":
      return s.expectedValue;
  }
}

function acceptable(kind: NumberKind, n: number): boolean {
  switch (kind) {
    case "amount":
    case "weight":
    case "staff":
      return n >= 0;
    case "positiveAmount":
    case "step":
      return n > 0;
    case "year":
      return Number.isInteger(n) && n >= 2000 && n <= 2100;
    case "percent":
      return n >= 0 && n <= 100;
    case "value":
      return true;
  }
}

/** A number grouped by commas in threes, as English writes thousands: "250,000", "1,002,240". */
const ENGLISH_GROUPING = /^-?\d{1,3}(,\d{3})+$/;

/**
 * Reads the text of a numeric field. An empty field is `null` when the field is optional, an error otherwise.
 * Percentages come back as fractions (typed "60" → 0.6).
 *
 * @example
 * readNumberInput("1.002.240", "positiveAmount", "de"); // => { ok: true, value: 1002240 }
 * readNumberInput("60", "percent", "de"); // => { ok: true, value: 0.6 }
 * readNumberInput("viel", "positiveAmount", "de");
 * // => { ok: false, message: "„viel“ ist keine gültige Zahl; erwartet: ein Betrag > 0, z. B. 1.002.240,00." }
 */
export function readNumberInput(
  text: string,
  kind: NumberKind,
  language: Language,
  optional = false,
): NumberReading {
  const trimmed = text.trim();
  if (trimmed === "" && optional) return { ok: true, value: null };
  // English mode: "250,000" is two hundred and fifty thousand to an English eye but 250 in the German
  // format both languages read (a number is never silently what the user did not mean)
  const english = language === "en" ? ENGLISH_GROUPING.exec(compactNumberText(trimmed)) : null;
  const asTyped = english !== null ? parseUserNumber(trimmed) : null;
  if (english !== null && asTyped !== null) {
    // "1,002,240" is refused below anyway (not a German number); "250,000" would be taken as 250
    const grouped = english[0].replace(/,/g, ".");
    return {
      ok: false,
      message: stringsFor(language).englishThousands(trimmed, formatInputNumber(asTyped), grouped),
    };
  }
  const n = parseUserNumber(trimmed);
  if (n === null || !acceptable(kind, n)) {
    return { ok: false, message: stringsFor(language).invalidNumber(trimmed, expectation(kind, language)) };
  }
  return { ok: true, value: kind === "percent" ? n / 100 : n };
}

/**
 * The text a numeric field shows for a stored value (the inverse of {@link readNumberInput}).
 *
 * @example
 * showNumberInput(0.6, "percent"); // => "60"
 * showNumberInput(1002240.5, "amount"); // => "1002240,5"
 * showNumberInput(null, "amount"); // => ""
 */
export function showNumberInput(value: number | null | undefined, kind: NumberKind): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const shown = kind === "percent" ? Math.round(value * 100 * 1e6) / 1e6 : value;
  return kind === "year" ? String(shown) : formatInputNumber(shown);
}

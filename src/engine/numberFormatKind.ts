/**
 * What a cell's number format makes of a number: a date, a time (or duration), a percentage, or a plain
 * number. The check uses it to find numbers that Excel turned into dates ("12.5" typed in German Excel
 * becomes 12 May = 45424) and columns that mix percent-formatted shares with plain numbers.
 *
 * Number format codes as files and the Excel API give them (English codes: "dd.mm.yyyy", "0.0%") and as German
 * Excel shows them ("TT.MM.JJJJ"). Before looking for date, time and percent signs, everything that only
 * decorates is removed: quoted text ("Tage"), escaped characters (\T), padding (_) and fill (*) characters,
 * and bracketed blocks — locale and currency ([$-407], [$€-407]), colours ([Red], [Rot], [Color10]) and
 * conditions ([<100]); elapsed-time blocks ([h], [mm], [ss]) mark a time.
 */

/** The kinds the check distinguishes. */
export type NumberFormatKind = "general" | "plain" | "percent" | "date" | "time" | "text";

/** Bracketed elapsed-time blocks: [h], [hh], [m], [mm], [s], [ss]. */
const ELAPSED = /\[(h+|m+|s+)\]/i;

/** Everything that decorates without changing what the number is. */
function stripDecoration(section: string): string {
  return section
    .replace(/"[^"]*"?/g, "") // quoted text
    .replace(/\\./g, "") // escaped character
    .replace(/[_*]./g, "") // padding and fill characters
    .replace(/\[[^\]]*\]/g, ""); // locale, currency, colour, condition (elapsed blocks are looked at before)
}

const cache = new Map<string, NumberFormatKind>();

/**
 * The kind of number format code; null, undefined, "" and "General"/"Standard" are `"general"`.
 * A code with several sections ("0.0%;[Red]-0.0%") is judged by its first (positive) section, except that
 * a date or time sign in any of the first three sections makes it a date or time.
 *
 * @example
 * numberFormatKind("dd.mm.yyyy"); // => "date"
 * numberFormatKind("TT.MM.JJJJ"); // => "date"
 * numberFormatKind("[$-407]d. mmmm yyyy"); // => "date"
 * numberFormatKind("hh:mm"); // => "time"
 * numberFormatKind("[h]:mm:ss"); // => "time"
 * numberFormatKind("0.0%"); // => "percent"
 * numberFormatKind('#,##0.00 "Tage"'); // => "plain"
 * numberFormatKind("General"); // => "general"
 */
export function numberFormatKind(code: string | null | undefined): NumberFormatKind {
  if (code === null || code === undefined) return "general";
  const known = cache.get(code);
  if (known !== undefined) return known;
  const kind = classify(code);
  if (cache.size < 10_000) cache.set(code, kind);
  return kind;
}

function classify(code: string): NumberFormatKind {
  const trimmed = code.trim();
  if (trimmed === "" || /^(general|standard)$/i.test(trimmed)) return "general";
  const sections = splitSections(trimmed);
  const numeric = sections.slice(0, 3);
  let time = false;
  let date = false;
  for (const section of numeric) {
    const elapsed = ELAPSED.test(section);
    const letters = stripDecoration(section)
      .replace(/general|standard/gi, "")
      .replace(/e[+-]/gi, ""); // 0.00E+00 is scientific, not a date
    const clock = /am\/pm|a\/p/i.test(letters);
    const core = letters.replace(/am\/pm|a\/p/gi, "");
    const hoursOrSeconds = elapsed || clock || /[hs]/i.test(core);
    // y year, d day, b Buddhist year; German T (Tag) and J (Jahr); m is a month unless next to h or s (h:mm)
    if (/[ydbtj]/i.test(core) || (/m/i.test(core) && !hoursOrSeconds)) date = true;
    if (hoursOrSeconds) time = true;
  }
  if (date) return "date";
  if (time) return "time";
  const first = stripDecoration(sections[0] ?? "");
  if (first.includes("%")) return "percent";
  if (first.trim() === "@") return "text";
  return "plain";
}

/** The sections of a code, split at `;` outside quotes, escapes and brackets. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "\\" && !quoted && i + 1 < code.length) {
      current += ch + code[++i];
      continue;
    }
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === "[" && !quoted) bracket = true;
    else if (ch === "]" && !quoted) bracket = false;
    if (ch === ";" && !quoted && !bracket) {
      sections.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  sections.push(current);
  return sections;
}

/**
 * Excel sheet names: what Excel accepts, and which name a generated sheet gets when a user sheet already
 * holds the requested one. Pure; shared by the exceljs and the Office.js adapter.
 *
 * Excel's rules: 1–31 characters, none of `[ ] : * ? / \`, not starting or ending with an apostrophe,
 * not "History" (reserved), unique without regard to case.
 */
import { SrbUsageError } from "../engine/issues";
import { STORE_SHEET } from "./port";

/** Longest sheet name Excel accepts. */
export const MAX_SHEET_NAME_LENGTH = 31;

const FORBIDDEN = /[[\]:*?/\\]/g;

/** Case-insensitive comparison key Excel uses for sheet-name uniqueness. */
function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Whether Excel accepts `name` as a sheet name.
 *
 * @example isValidSheetName("Verteilung"); // => true
 * @example isValidSheetName("Budget 2024/25"); // => false ("/" is forbidden)
 */
export function isValidSheetName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_SHEET_NAME_LENGTH) return false;
  if (/[[\]:*?/\\]/.test(name)) return false;
  if (name.startsWith("'") || name.endsWith("'")) return false;
  if (nameKey(name) === "history") return false;
  return true;
}

/**
 * Turns any requested name into one Excel accepts: forbidden characters become "_", leading and trailing
 * apostrophes and blanks are dropped, the name is cut to 31 characters; an empty result becomes "Tabelle".
 *
 * @example sanitizeSheetName("Budget 2024/25"); // => "Budget 2024_25"
 * @example sanitizeSheetName("'"); // => "Tabelle"
 */
export function sanitizeSheetName(name: string): string {
  let s = name.replace(FORBIDDEN, "_").trim();
  s = s.replace(/^'+/, "").replace(/'+$/, "");
  s = cutTo(s, MAX_SHEET_NAME_LENGTH).trim();
  s = s.replace(/'+$/, "");
  if (s.length === 0) s = "Tabelle";
  if (nameKey(s) === "history") s = `${s}_`;
  return s;
}

/**
 * `base (n)` within 31 characters: the base is shortened, the counter always stays visible.
 *
 * @example numberedSheetName("Verteilung", 2); // => "Verteilung (2)"
 */
export function numberedSheetName(base: string, n: number): string {
  const suffix = ` (${n})`;
  const head = cutTo(base, MAX_SHEET_NAME_LENGTH - suffix.length)
    .trimEnd()
    .replace(/'+$/, "");
  return `${head}${suffix}`;
}

/**
 * The name a generated sheet is written under. `occupied` are the names that must not be reused: the
 * user's sheets (everything not in SRB's generated list), the store sheet, and the sheets already written
 * in this run. A free requested name is kept (sanitised); a taken one becomes "Name (2)", "Name (3)" …
 *
 * @example resolveSheetName("Verteilung", ["Kitas", "Verteilung"]); // => "Verteilung (2)"
 * @example resolveSheetName("Verteilung", ["Kitas"]); // => "Verteilung"
 */
export function resolveSheetName(requested: string, occupied: Iterable<string>): string {
  const taken = new Set<string>([nameKey(STORE_SHEET)]);
  for (const name of occupied) taken.add(nameKey(name));
  const base = sanitizeSheetName(requested);
  if (!taken.has(nameKey(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = numberedSheetName(base, n);
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

/**
 * Whether two sheet names denote the same sheet in Excel (case-insensitive).
 *
 * @example sameSheetName("verteilung", "Verteilung"); // => true
 */
export function sameSheetName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/**
 * The one rule for finding a sheet by name (the model's data sheet, a sheet the user picked): the exact name
 * first, else the same name as Excel compares it (case-insensitive); null when there is none.
 *
 * @example findSheet(["Kitas", "Notizen"], "KITAS"); // => "Kitas"
 * @example findSheet(["Kitas"], "Kita"); // => null
 */
export function findSheet(names: readonly string[], wanted: string): string | null {
  return names.find((n) => n === wanted) ?? names.find((n) => sameSheetName(n, wanted)) ?? null;
}

/**
 * The error for a sheet the user named that the workbook does not have — or has only as SRB's hidden store,
 * which is never read as data. One message for every adapter.
 *
 * @example noSuchSheet("Kitas").message; // => "Tabellenblatt „Kitas“ gibt es in dieser Arbeitsmappe nicht."
 */
export function noSuchSheet(sheet: string): SrbUsageError {
  return new SrbUsageError(`Tabellenblatt „${sheet}“ gibt es in dieser Arbeitsmappe nicht.`);
}

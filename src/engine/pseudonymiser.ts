/**
 * Publication mode's pseudonymiser (SPEC.md §7): unit names are replaced by their neutral codes
 * (`unitCodes`) in any text SRB publishes — messages, reasons — so that no Kita can be identified.
 * A domain rule, pure; the sheet builders apply it.
 */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces unit names by their codes in a text (whole names only, longest first, so "Kita Nord" inside
 * "Kita Nordstern" is left alone).
 *
 * @example pseudonymiser([{ id: "Kita Nord", code: 'E01' }])("Kita Nord: Wert fehlt"); // => "E01: Wert fehlt"
 */
export function pseudonymiser(units: readonly { id: string; code: string }[]): (text: string) => string {
  const pairs = units.filter((u) => u.id !== "" && u.id !== u.code).sort((a, b) => b.id.length - a.id.length);
  if (pairs.length === 0) return (t) => t;
  // V8 refuses a regular expression with a very long literal ("Regular expression too large", found by the
  // fuzz test with a 33,000-character name): such names are replaced by plain search first, longest first.
  const long = pairs.filter((u) => u.id.length > LONG_NAME);
  const short = pairs.filter((u) => u.id.length <= LONG_NAME);
  const byId = new Map(short.map((u) => [u.id, u.code]));
  // No lookbehind (ES2018; a SyntaxError in Safari before 16.4): the character before a name is matched
  // as group 1 and written back unchanged.
  const pattern =
    short.length === 0
      ? null
      : new RegExp(
          `(^|[^\\p{L}\\p{N}])(${short.map((u) => escapeRegExp(u.id)).join("|")})(?![\\p{L}\\p{N}])`,
          "gu",
        );
  return (text) => {
    let t = text;
    for (const u of long) t = replaceWhole(t, u.id, u.code);
    return pattern
      ? t.replace(pattern, (_m, before: string, name: string) => before + (byId.get(name) ?? name))
      : t;
  };
}

/** Names longer than this are not put into the regular expression. */
const LONG_NAME = 1000;

// built at run time: a Unicode property escape in a literal is ES2018 syntax, beyond the bundles' target
const WORD_CHARACTER = new RegExp("[\\p{L}\\p{N}]", "u");

/** Replaces every occurrence of `name` not inside a longer word (same rule as the regular expression). */
function replaceWhole(text: string, name: string, code: string): string {
  const isWord = (c: string | undefined) => c !== undefined && WORD_CHARACTER.test(c);
  let out = "";
  let from = 0;
  let at = text.indexOf(name);
  while (at >= 0) {
    const end = at + name.length;
    const previous = Array.from(text.slice(Math.max(0, at - 2), at)).pop();
    const next = end < text.length ? String.fromCodePoint(text.codePointAt(end) as number) : undefined;
    if (isWord(previous) || isWord(next)) {
      at = text.indexOf(name, at + 1);
      continue;
    }
    out += text.slice(from, at) + code;
    from = end;
    at = text.indexOf(name, end);
  }
  return out + text.slice(from);
}

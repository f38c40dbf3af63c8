/**
 * Names that are probably meant where a name was not found: a misspelt model field („weigth“ for „weight“),
 * a column the model names that the sheet writes a little differently („Arbeitslosen-Quote“ for the
 * header „Arbeitslosenquote“, „OEPNV“ for „ÖPNV“). A suggestion only, never applied by itself.
 */
import { columnKey, headerLabel } from "./headerKey";

/**
 * The known name `name` is probably a misspelling of: the same letters in another case, or at most one
 * edit away (two for names of six letters or more; an edit adds, drops, changes or swaps a letter). Null
 * for names under three letters and names far from every known one.
 *
 * @example nearestName("weigth", ["weight", "label"]); // => "weight"
 * @example nearestName("comment", ["weight", "label"]); // => null
 */
export function nearestName(name: string, known: readonly string[]): string | null {
  if (name.length < 3) return null;
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const distance = editDistance(lower, k.toLowerCase());
    const limit = k.length >= 6 ? 2 : 1;
    if (distance <= limit && distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Edits (insert, delete, substitute, swap of neighbours) that turn `a` into `b` (optimal string alignment).
 *
 * @example editDistance("weigth", "weight"); // => 1
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/**
 * A header compared as a user would read it: `columnKey` (case, spaces, a hyphen at a line break), then
 * umlauts and ß written out and hyphens, dots, underscores and spaces left out.
 *
 * @example headerSpelling("Arbeitslosen-Quote") === headerSpelling("Arbeitslosenquote"); // => true
 * @example headerSpelling("ÖPNV"); // => "oepnv"
 */
function headerSpelling(header: string): string {
  return columnKey(header)
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[\s\-–._]/g, "");
}

/**
 * The header of the sheet that a column name not found on it probably means: the same once umlauts,
 * hyphens and spaces are set aside, or at most one edit away from it (two for six letters or more). Null
 * when none is that close, or two are equally close (then the user has to choose). The header is given
 * as it reads in one line (`headerLabel`).
 *
 * @example nearestHeader("Arbeitslosen-Quote", ["Einrichtung", "Arbeitslosenquote"]); // => "Arbeitslosenquote"
 * @example nearestHeader("OEPNV", ["ÖPNV", "Kinder"]); // => "ÖPNV"
 * @example nearestHeader("Kinder", ["Einrichtung"]); // => null
 */
export function nearestHeader(name: string, headers: readonly string[]): string | null {
  const wanted = headerSpelling(name);
  if (wanted.length < 3) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const header of headers) {
    const spelling = headerSpelling(header);
    if (spelling === "") continue;
    const distance = editDistance(wanted, spelling);
    const limit = spelling.length >= 6 ? 2 : 1;
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = header;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && headerSpelling(best ?? "") !== spelling) tie = true;
  }
  return best === null || tie ? null : headerLabel(best);
}

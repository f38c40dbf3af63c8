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
  return closest(name, known, (text) => text.toLowerCase()).best;
}

/**
 * The candidate closest to `name` once both are written as `spelling` gives them: no further than one edit
 * (two when the candidate's spelling has six letters or more), the first of equally close ones, and whether
 * another, spelt differently, is just as close (`tie`). None for a name whose spelling is under three letters.
 */
function closest(
  name: string,
  candidates: readonly string[],
  spelling: (text: string) => string,
): { best: string | null; tie: boolean } {
  const wanted = spelling(name);
  let best: string | null = null;
  let bestSpelling = "";
  let bestDistance = Infinity;
  let tie = false;
  if (wanted.length < 3) return { best, tie };
  for (const candidate of candidates) {
    const spelt = spelling(candidate);
    const distance = editDistance(wanted, spelt);
    if (distance > (spelt.length >= 6 ? 2 : 1)) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestSpelling = spelt;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && spelt !== bestSpelling) tie = true;
  }
  return { best, tie };
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
  const { best, tie } = closest(name, headers, headerSpelling);
  return best === null || tie ? null : headerLabel(best);
}

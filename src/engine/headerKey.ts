/**
 * The key under which the check compares headers and names (columns, Einrichtungen, Sozialräume): spaces
 * at the ends dropped, inner whitespace collapsed to one space, lower case. "Kita  Nord" and "kita nord"
 * name the same Einrichtung.
 */

/**
 * Normalised header or name key: trimmed, inner whitespace collapsed, lower case.
 *
 * @example headerKey("  Anzahl   Kinder ") // => "anzahl kinder"
 */
export function headerKey(text: string): string {
  return collapseSpaces(text.trim()).toLowerCase();
}

/** Whitespace that `collapseSpaces` would change: a character other than a plain space, or two in a row. */
const SPACES_TO_COLLAPSE = /[^\S ]| {2}/;

/**
 * Inner whitespace collapsed to single spaces. Text that has none to collapse ("Kita Sonnenschein") is
 * returned as it is, without making a new string for every row of a large sheet.
 *
 * @example collapseSpaces("Kita\t  Nord") // => "Kita Nord"
 */
export function collapseSpaces(text: string): string {
  return needsCollapsing(text) ? text.replace(/\s+/g, " ") : text;
}

/**
 * `SPACES_TO_COLLAPSE.test(text)`, with a loop over the characters for ASCII text (every Kita name and
 * Sozialraum is tested: a regular expression per cell costs more than the loop); the expression decides
 * once a character beyond ASCII turns up (Unicode white space).
 */
function needsCollapsing(text: string): boolean {
  let previousSpace = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return SPACES_TO_COLLAPSE.test(text);
    if (c === 32) {
      if (previousSpace) return true;
      previousSpace = true;
    } else {
      if (c >= 9 && c <= 13) return true;
      previousSpace = false;
    }
  }
  return false;
}

/** Whether a character is a letter with case, in lower case ("ä" yes; "A", "3", "-" no). */
function isLowerLetter(c: string | undefined): boolean {
  return c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
}

/**
 * The key under which a sheet's headers and the model's column names are compared: `headerKey`, with a
 * hyphen before a line break or space closed up, the way Excel users write headers over two lines (Alt+Enter):
 * between two lower-case letters the word was divided ("Sozial-⏎raum" is "Sozialraum"), otherwise the
 * hyphen belongs to the word ("SGB-II-⏎Quote" is "SGB-II-Quote"). Names of Kitas and Sozialräume keep
 * `headerKey`.
 *
 * @example columnKey("Sozial-\nraum") // => "sozialraum"
 * @example columnKey("SGB-II-\nQuote (%)") // => "sgb-ii-quote (%)"
 * @example columnKey("Name der\nEinrichtung") // => "name der einrichtung"
 */
export function columnKey(text: string): string {
  return headerKey(closeHyphens(text, /-\s+/g));
}

/**
 * Every hyphen-and-gap that `gap` matches closed up: dropped with the gap between two lower-case letters
 * (a divided word), else a plain hyphen (it belongs to the word).
 *
 * @example closeHyphens("Sozial- raum, SGB-II- Quote", /-\s+/g) // => "Sozialraum, SGB-II-Quote"
 */
function closeHyphens(text: string, gap: RegExp): string {
  return text.replace(gap, (found: string, at: number, whole: string) =>
    isLowerLetter(whole[at - 1]) && isLowerLetter(whole[at + found.length]) ? "" : "-",
  );
}

/**
 * A header as SRB shows it and writes it into a suggested model: trimmed, in one line. A word divided at a
 * line break is whole again („Sozial-⏎raum“ → „Sozialraum“, „SGB-II-⏎Quote“ → „SGB-II-Quote“, as
 * `columnKey` reads them); other line breaks and runs of white space are one space. A hyphen before a plain
 * space stays („Ein- und Ausgänge“). The check finds the column by `columnKey` either way.
 *
 * @example headerLabel(" Name der\nEinrichtung ") // => "Name der Einrichtung"
 * @example headerLabel("Sozial-\nraum") // => "Sozialraum"
 */
export function headerLabel(text: string): string {
  return collapseSpaces(closeHyphens(text, /-[ \t]*[\r\n]\s*/g).trim());
}

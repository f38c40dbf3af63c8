/**
 * Approximate text widths at Calibri 11 pt (and Carlito, its metric-compatible twin that LibreOffice uses
 * in its place), so that SRB can give a header column enough width for its longest word and a wrapped
 * header row enough height: a header is wrapped, never cut.
 *
 * Widths are the fonts' advance widths in 1/2048 em (Calibri regular; bold about 4 % wider), converted to
 * pixels at 96 dpi (11 pt = 14.67 px per em). An Excel column width of `w` characters is `w · 7 + 5`
 * pixels wide (7 px: the widest digit of Calibri 11), of which about 5 px are the cell's padding.
 */

const EM_PX = (11 * 96) / 72;
const DEFAULT_ADVANCE = 1076;
/** Calibri regular advance widths (1/2048 em); letters not listed count as DEFAULT_ADVANCE. */
const ADVANCE: Record<string, number> = {
  " ": 463,
  a: 981,
  b: 1076,
  c: 866,
  d: 1076,
  e: 1019,
  f: 625,
  g: 964,
  h: 1076,
  i: 470,
  j: 490,
  k: 931,
  l: 470,
  m: 1636,
  n: 1076,
  o: 1080,
  p: 1076,
  q: 1076,
  r: 714,
  s: 801,
  t: 686,
  u: 1076,
  v: 925,
  w: 1464,
  x: 887,
  y: 927,
  z: 809,
  ä: 981,
  ö: 1080,
  ü: 1076,
  ß: 1100,
  A: 1185,
  B: 1114,
  C: 1092,
  D: 1260,
  E: 1000,
  F: 941,
  G: 1292,
  H: 1276,
  I: 516,
  J: 653,
  K: 1064,
  L: 861,
  M: 1751,
  N: 1322,
  O: 1356,
  P: 1058,
  Q: 1378,
  R: 1112,
  S: 941,
  T: 998,
  U: 1314,
  V: 1162,
  W: 1822,
  X: 1063,
  Y: 998,
  Z: 959,
  Ä: 1185,
  Ö: 1356,
  Ü: 1314,
  "0": 1038,
  "1": 1038,
  "2": 1038,
  "3": 1038,
  "4": 1038,
  "5": 1038,
  "6": 1038,
  "7": 1038,
  "8": 1038,
  "9": 1038,
  "€": 1038,
  "(": 621,
  ")": 621,
  "-": 627,
  "–": 1024,
  ".": 517,
  ",": 511,
  "/": 792,
  "%": 1463,
  ":": 548,
  ";": 548,
  "+": 1038,
  "=": 1038,
  "·": 517,
  "„": 821,
  "“": 821,
  "’": 513,
};
const BOLD_FACTOR = 1.04;
/** Pixels of a column one character wide (the widest digit of Calibri 11). */
const CHAR_PX = 7;

/**
 * Width of `text` in pixels at Calibri 11 (bold when asked).
 *
 * @example Math.round(textPixels("Sozialraum")); // => 67
 */
export function textPixels(text: string, bold = false): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < ADVANCE_BY_CODE.length) {
      units += ADVANCE_BY_CODE[code];
      continue;
    }
    // a character outside the table: the default width, once for a surrogate pair
    units += DEFAULT_ADVANCE;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return (units / 2048) * EM_PX * (bold ? BOLD_FACTOR : 1);
}

/**
 * ADVANCE by character code up to the last character listed (the default for the others): a lookup in a
 * typed array per character instead of a string per character and a property lookup.
 */
const ADVANCE_BY_CODE = (() => {
  const last = Math.max(...Object.keys(ADVANCE).map((ch) => ch.charCodeAt(0)));
  const table = new Int32Array(last + 1).fill(DEFAULT_ADVANCE);
  for (const [ch, advance] of Object.entries(ADVANCE)) table[ch.charCodeAt(0)] = advance;
  return table;
})();

/**
 * The words a header wraps at: blanks, and after a hyphen or a slash (Excel and LibreOffice break there).
 *
 * @example headerWords("Kita-Sozialarbeit (VZÄ)"); // => ["Kita-", "Sozialarbeit", "(VZÄ)"]
 */
export function headerWords(text: string): string[] {
  return (
    text
      .split(/\s+/)
      // "after a hyphen or slash" without a lookbehind (ES2018; the bundles target ES2017)
      .flatMap((w) => w.match(/[^-/]*[-/]|[^-/]+$/g) ?? [])
      .filter((w) => w !== "")
  );
}

/**
 * The narrowest column width (in Excel characters) that holds every word of `text` on a line of its own.
 *
 * @example columnWidthFor("Personalvolumen", true); // => 15
 */
export function columnWidthFor(text: string, bold = false): number {
  const widest = Math.max(0, ...headerWords(text).map((w) => textPixels(w, bold)));
  return Math.ceil(widest / CHAR_PX);
}

/**
 * The column width (in Excel characters) that shows `text` on one line, with one character to spare for
 * the cell's padding.
 *
 * @example oneLineWidth("nicht berechenbar") >= "nicht berechenbar".length; // => true
 */
export function oneLineWidth(text: string, bold = false): number {
  return Math.ceil(textPixels(text, bold) / CHAR_PX) + 1;
}

/** The words of one paragraph with whether a blank goes before each (not after a hyphen or slash break). */
function wordsOf(paragraph: string, hyphens: boolean): { word: string; blank: boolean }[] {
  const tokens = paragraph.split(hyphens ? /\s+/ : /[ \t]+/).filter((w) => w !== "");
  if (!hyphens) return tokens.map((word) => ({ word, blank: true }));
  return tokens.flatMap((token) => headerWords(token).map((word, k) => ({ word, blank: k === 0 })));
}

/** Greedy line filling of `text` into `width` characters at Calibri 11, paragraph by paragraph. */
function fillLines(text: string, width: number, bold: boolean, hyphens: boolean): string[] {
  // the column is w · 7 + 5 px, the padding takes the 5
  const room = width * CHAR_PX;
  const blankPx = textPixels(" ", bold);
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    let used = 0;
    for (const { word, blank } of wordsOf(paragraph, hyphens)) {
      const w = textPixels(word, bold);
      const space = line !== "" && blank ? blankPx : 0;
      if (line !== "" && used + space + w > room) {
        out.push(line);
        line = word;
        used = w;
      } else {
        line += (space ? " " : "") + word;
        used += space + w;
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * `text` broken into lines that each fit `width` characters at Calibri 11, at blanks only (a no-break space
 * keeps "1.002.240,00 €" together; a word wider than `width` stands on a line of its own). For text that
 * runs across empty cells to the right of its cell: one line a row, so that it prints within the columns.
 *
 * @example linesWithin("Das Budget wird nach dem Index verteilt.", 20); // => ["Das Budget wird nach", "dem Index verteilt."]
 */
export function linesWithin(text: string, width: number, bold = false): string[] {
  return fillLines(text, width, bold, false);
}

/**
 * `text` broken into lines that fit a column `width` characters wide (at blanks, and after a hyphen or a
 * slash), as Excel and LibreOffice wrap it; a word wider than the column stands on a line of its own.
 *
 * @example wrapText("Kommunaler Anteil am Personalvolumen", 20); // => ["Kommunaler Anteil am", "Personalvolumen"]
 */
export function wrapText(text: string, width: number, bold = false): string[] {
  return fillLines(text, width, bold, true);
}

/**
 * Lines `text` takes when wrapped into a column `width` characters wide (a word wider than the column
 * counts as one line: it is cut at the cell edge, which `columnWidthFor` prevents for headers).
 *
 * @example wrappedLines("Kommunaler Anteil", 10, true); // => 2
 */
export function wrappedLines(text: string, width: number, bold = false): number {
  // a text without line breaks, tabs or other blanks than " " that fits the column whole takes one line:
  // its words and the blanks between them are never wider than the whole text (runs of blanks shrink to
  // one), so the line filling below would not break it (a sheet of 10,000 Kitas has thousands of such cells)
  if (!OTHER_WHITESPACE.test(text) && textPixels(text, bold) < width * CHAR_PX - 1e-6) return 1;
  return wrappedLineCount(text, width, bold);
}

/**
 * `wrapText(text, width, bold).length`, counted in one scan of the text: the same words (split at
 * JavaScript's `\s`, and after a hyphen or a slash), the same widths and the same greedy filling, but
 * no strings and no word objects (the check report of a large town has thousands of wrapped messages).
 */
function wrappedLineCount(text: string, width: number, bold: boolean): number {
  const room = width * CHAR_PX;
  const blankPx = textPixels(" ", bold);
  let lines = 0;
  // the current line: has a word, and its width so far
  let filled = false;
  let used = 0;
  // the current word: its width units, whether it has a character, whether a blank goes before it
  let units = 0;
  let inWord = false;
  let blank = true;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code === -1 || code === 0x0a) {
      // the end of a paragraph ("\r\n": the "\r" before it is a blank, which ends a word as well)
      if (inWord) lines += placeCounting();
      lines++;
      filled = false;
      used = 0;
      blank = true;
      continue;
    }
    if (isJsSpace(code)) {
      if (inWord) lines += placeCounting();
      blank = true;
      continue;
    }
    if (code < ADVANCE_BY_CODE.length) units += ADVANCE_BY_CODE[code];
    else {
      // outside the table: the default width, once for a surrogate pair (as textPixels)
      units += DEFAULT_ADVANCE;
      if (code >= 0xd800 && code <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
    inWord = true;
    // a word ends after a hyphen or a slash (the next one follows without a blank)
    if (code === 0x2d || code === 0x2f) lines += placeCounting();
  }
  return lines;

  /** Places the current word; 1 when it started a new line (the line before it is done), else 0. */
  function placeCounting(): number {
    const w = (units / 2048) * EM_PX * (bold ? BOLD_FACTOR : 1);
    const space = filled && blank ? blankPx : 0;
    const wraps = filled && used + space + w > room;
    if (wraps) used = w;
    else used += space + w;
    filled = true;
    units = 0;
    inWord = false;
    blank = false;
    return wraps ? 1 : 0;
  }
}

/** JavaScript's `\s`: the blanks and line breaks of Unicode (what `wordsOf` splits at). */
function isJsSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whitespace other than the plain blank (line breaks, tabs, no-break spaces …). */
const OTHER_WHITESPACE = /[^\S ]/;

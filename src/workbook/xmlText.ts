/**
 * Text a workbook file can hold. Shared by both adapters: the .xlsx adapter writes XML itself (through
 * exceljs), and Excel saves what the Office.js adapter writes into the same XML, so both replace the
 * characters XML 1.0 forbids before writing a cell and report it in the same German words.
 */

/**
 * Characters an .xlsx file (XML 1.0) cannot hold: control characters other than tab, line feed and carriage
 * return, U+FFFE/U+FFFF, and halves of a surrogate pair standing alone. exceljs drops the control
 * characters silently but writes the others as they are, and the file no longer opens (found by the fuzz
 * test, see test/regressions/xmlInvalidCharactersInNames.test.ts).
 * A well-formed surrogate pair is matched as a whole (and kept), so no lookbehind is needed: lookbehind is
 * ES2018 and a SyntaxError in Safari before 16.4, which would blank the task pane on older Macs.
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

/**
 * Text an .xlsx file can hold: every character XML forbids becomes "\uFFFD" (�); `replaced` counts them.
 *
 * @example xmlSafeText("Kita\u0007 Nord"); // => { text: "Kita\uFFFD Nord", replaced: 1 }
 * @example xmlSafeText("Zeile 1\nZeile 2"); // => { text: "Zeile 1\nZeile 2", replaced: 0 }
 */
export function xmlSafeText(text: string): { text: string; replaced: number } {
  let replaced = 0;
  const safe = text.replace(XML_INVALID, (match) => {
    if (match.length === 2) return match; // a surrogate pair: one valid character
    replaced++;
    return "\uFFFD";
  });
  return { text: safe, replaced };
}

/**
 * Whether `text` holds no character `xmlSafeText` would look at twice: no control character other than tab,
 * line feed and carriage return, no surrogate (a pair is fine, but goes the long way), no U+FFFE/U+FFFF.
 * Such a text is its own XML-safe text; a scan of its character codes instead of a replacement (a sheet of
 * 10,000 Kitas has about 100,000 text cells).
 *
 * @example isPlainXmlText("Kita Nord"); // => true
 * @example isPlainXmlText("Kita\u0007 Nord"); // => false
 */
export function isPlainXmlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
    } else if (code >= 0xd800 && (code <= 0xdfff || code >= 0xfffe)) return false;
  }
  return true;
}

/**
 * The German note for a sheet where `cells` cells had characters replaced by `xmlSafeText`.
 *
 * @example xmlUnsafeNote("Prüfbericht", 1);
 * // => "Blatt „Prüfbericht“: eine Zelle enthielt Zeichen, die eine .xlsx-Datei nicht speichern kann (…); sie wurden durch „�“ ersetzt."
 */
export function xmlUnsafeNote(sheet: string, cells: number): string {
  return (
    `Blatt „${sheet}“: ${cells === 1 ? "eine Zelle enthielt" : `${cells} Zellen enthielten`} Zeichen, die eine ` +
    `.xlsx-Datei nicht speichern kann (Steuerzeichen oder unvollständige Sonderzeichen); sie wurden durch „\uFFFD“ ersetzt.`
  );
}

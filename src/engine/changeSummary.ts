/**
 * The one German line at the top of the Veränderungen sheet (and in the task pane, the CLI and the results
 * JSON): how many Kitas entered or left each Förderstrang, how many Kitas are new or gone, and the biggest
 * change among the Sozialräume (in percentage points of the budget share, or in € when no share moved).
 *
 * Worked example: Kita A and Kita B newly eligible for strand 1, Kita C no longer, Kita D opened, Kita E
 * closed, Nordstadt's share fell from 16.9 % to 14.8 % →
 * "2 Kitas neu in Förderstrang 1, 1 entfällt; 1 Kita hinzugekommen, 1 Kita weggefallen; größte Veränderung:
 * Sozialraum Nordstadt −2,1 Prozentpunkte".
 */
import type { Changes } from "./changes";
import { STRANDS } from "./changes";
import { formatNumber } from "./germanFormat";

const MINUS = "\u2212";

function signed(value: number, text: string): string {
  return `${value > 0 ? "+" : value < 0 ? MINUS : ""}${text}`;
}

/**
 * A difference of shares (0–1) in percentage points, de-DE, signed, one decimal (two when one decimal
 * would show 0,0).
 *
 * @example percentagePoints(-0.0213); // => "−2,1 Prozentpunkte"
 * @example percentagePoints(0.0004); // => "+0,04 Prozentpunkte"
 */
export function percentagePoints(delta: number): string {
  return GERMAN_SUMMARY_WORDS.points(signedPoints(delta));
}

/** A difference of shares (0–1) in percentage points as a signed de-DE number only: "−2,1". */
function signedPoints(delta: number): string {
  const points = delta * 100;
  const digits = Math.abs(points) >= 0.05 || points === 0 ? 1 : 2;
  return signed(points, formatNumber(Math.abs(points), digits));
}

/**
 * A difference of money, de-DE, signed.
 *
 * @example euroDelta(-1234.5); // => "−1.234,50 €"
 */
export function euroDelta(delta: number): string {
  const text = formatNumber(Math.abs(delta), 2);
  return `${signed(delta, text)} €`;
}

/**
 * Everything but letters and digits. Built from a string, not written as a literal: `\p{…}` is ES2018, and
 * the task pane's bundles must parse in ES2017 hosts (test/manifest/build.test.ts; src/taskpane/compat.js
 * checks for it at run time).
 */
const NOT_LETTER_OR_DIGIT = new RegExp("[^\\p{L}\\p{N}]+", "gu");

/** A Sozialraum's name with case, blanks, hyphens and other punctuation dropped: "Westrich - Höhe" → "westrichhöhe". */
function spellingKey(name: string): string {
  return name.normalize("NFC").toLocaleLowerCase("de-DE").replace(NOT_LETTER_OR_DIGIT, "");
}

/**
 * The Sozialräume that are new and gone only because their name is spelt differently ("Westrich-Höhe" in
 * the Beschluss, "Westrich - Höhe" now): matched by name, one counts as gone and the other as new, and the
 * committee would read a change of −13 Prozentpunkte. Said in the summary, so that the name is put right.
 *
 * @example respelledAreas(changes); // => ["Sozialraum „Westrich - Höhe“ heißt im Vergleich „Westrich-Höhe“ …"]
 */
function respelledAreas(changes: Changes, words: SummaryWords): string[] {
  const gone = new Map<string, string>();
  for (const a of changes.areas) if (a.status === "entfallen") gone.set(spellingKey(a.name), a.name);
  return changes.areas
    .filter((a) => a.status === "neu" && gone.has(spellingKey(a.name)))
    .map((a) => words.respelled(a.name, gone.get(spellingKey(a.name)) as string));
}

/**
 * The words of the summary line, one per fact it can state: German (`GERMAN_SUMMARY_WORDS`), the language
 * of the sheets, the CLI and the results JSON; the task pane passes its own in English. Numbers are de-DE
 * in both (the brief's rule for every number SRB shows).
 */
export interface SummaryWords {
  /** `entered` Kitas newly in a strand (1–4), `left` (maybe 0) no longer. */
  enteredStrand: (entered: number, strand: number, left: number) => string;
  leftStrand: (left: number, strand: number) => string;
  added: (count: number) => string;
  removed: (count: number) => string;
  /** A Sozialraum counted as new and gone only because its name is spelt differently. */
  respelled: (name: string, before: string) => string;
  /** The largest change; `change` is "−2,1" percentage points (`points`) or an amount "−1.234,50 €". */
  largest: (area: string, change: string) => string;
  points: (signedNumber: string) => string;
  strandsAndSharesUnchanged: string;
  nothingChanged: string;
}

const kitas = (n: number) => `${n} ${n === 1 ? "Kita" : "Kitas"}`;

/** The summary line's German words. */
export const GERMAN_SUMMARY_WORDS: SummaryWords = {
  enteredStrand: (entered, strand, left) =>
    `${kitas(entered)} neu in Förderstrang ${strand}${left > 0 ? `, ${left} ${left === 1 ? "entfällt" : "entfallen"}` : ""}`,
  leftStrand: (left, strand) => `${kitas(left)} nicht mehr in Förderstrang ${strand}`,
  added: (count) => `${kitas(count)} hinzugekommen`,
  removed: (count) => `${kitas(count)} weggefallen`,
  respelled: (name, before) =>
    `Sozialraum „${name}“ heißt im Vergleich „${before}“ und gilt deshalb als neu, ` +
    "der alte als entfallen – bitte die Schreibweise angleichen",
  largest: (area, change) => `größte Veränderung: Sozialraum ${area} ${change}`,
  points: (signedNumber) => `${signedNumber} Prozentpunkte`,
  strandsAndSharesUnchanged: "Förderstränge und Anteile unverändert.",
  nothingChanged: "Keine Veränderungen.",
};

/**
 * The summary line (see the module comment). "Keine Veränderungen." when nothing changed; in other words
 * when they are given (the task pane in English).
 *
 * @example changeSummary(compareAllocations(side, side)); // => "Keine Veränderungen."
 */
export function changeSummary(changes: Changes, words: SummaryWords = GERMAN_SUMMARY_WORDS): string {
  const parts: string[] = [];
  STRANDS.forEach((strand, k) => {
    const entered = changes.units.filter((u) => u.entered.includes(strand)).length;
    const left = changes.units.filter((u) => u.left.includes(strand)).length;
    if (entered > 0) parts.push(words.enteredStrand(entered, k + 1, left));
    else if (left > 0) parts.push(words.leftStrand(left, k + 1));
  });
  const added = changes.units.filter((u) => u.status === "neu").length;
  const removed = changes.units.filter((u) => u.status === "entfallen").length;
  const statusParts = [
    ...(added > 0 ? [words.added(added)] : []),
    ...(removed > 0 ? [words.removed(removed)] : []),
  ];
  if (statusParts.length > 0) parts.push(statusParts.join(", "));

  parts.push(...respelledAreas(changes, words));

  const top = changes.areas[0];
  const shareDelta = top ? top.shareAfter - top.shareBefore : 0;
  if (top && Math.abs(shareDelta) >= 5e-7) {
    parts.push(words.largest(top.name, words.points(signedPoints(shareDelta))));
  } else {
    const byMoney = [...changes.areas].sort((x, y) => Math.abs(y.amountDelta) - Math.abs(x.amountDelta))[0];
    if (byMoney && byMoney.amountDelta !== 0)
      parts.push(words.largest(byMoney.name, euroDelta(byMoney.amountDelta)));
  }
  const unitMoved = changes.units.some(
    (u) => u.amountDelta !== 0 || (u.indexDelta ?? 0) !== 0 || u.bandBefore !== u.bandAfter,
  );
  if (parts.length === 0) return unitMoved ? words.strandsAndSharesUnchanged : words.nothingChanged;
  const line = parts.join("; ");
  return line.charAt(0).toUpperCase() + line.slice(1);
}

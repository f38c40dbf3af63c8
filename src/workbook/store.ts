/**
 * The hidden store sheet (`_SRB`, state veryHidden): what SRB remembers inside a workbook.
 * Pure encoding and decoding, shared by the exceljs and the Office.js adapter.
 *
 * Layout, two columns (key, value), one row each:
 * ```
 * SRB        | 1                       ← store format version
 * generated  | Verteilung              ← one row per sheet SRB generated (name as written)
 * generated  | Einrichtungen
 * model      | {"data":{"sheet":"Kit…  ← model JSON in chunks of ≤ 30,000 characters, in order
 * model      | …ator":"Kinder"}}
 * fingerprint| 9f86d081884c7d65 Verteilung  ← content fingerprint of a generated sheet at write time
 * adoption   | {"version":1,"date":"20…  ← an adopted allocation (Beschluss), first chunk …
 * adoption+  | …,"units":[…]}             ← … and its continuation chunks; one "adoption" row per adoption
 * ```
 * Excel cells hold at most 32,767 characters, hence the chunks. Fingerprint rows come last, so a store of an
 * earlier version (without them) reads the same, and its sheets are treated as before. Adoption rows
(SPEC §5a, the history of Beschlüsse in the order they were made) come after them, for the same reason.
 *
 * Why fingerprints: a generated sheet is known by its name in the store. If the user deletes SRB's
 * "Verteilung" and makes their own under that name, or types overrides into a generated sheet, removing it
 * by name would delete their work. So the adapter removes a generated sheet only when its content still has
 * the fingerprint recorded when SRB wrote it (`sheetFingerprint`); otherwise the sheet is kept as the
 * user's, and the new one gets another name.
 */
import { SrbUsageError } from "../engine/issues";
import type { CellValue } from "../engine/table";
import type { StoredAdoptionRecords } from "./port";

/** Version written into the "SRB" row. */
export const STORE_VERSION = 1;

/** Longest model chunk per cell (Excel's cell limit is 32,767 characters). */
export const STORE_CHUNK_LENGTH = 30000;

/** Length of a fingerprint: 16 lower-case hex digits (two 32-bit lanes). */
export const FINGERPRINT_LENGTH = 16;
const FINGERPRINT_PATTERN = /^[0-9a-f]{16}$/;

export interface StoreContent {
  /** Names of the sheets SRB generated in its last run, as written. */
  generated: string[];
  /** The stored model (any JSON value), or null when none is stored. */
  model: unknown | null;
  /**
   * Content fingerprint (`sheetFingerprint`) of each generated sheet at write time, by the name it was
   * written under. Optional: a store without it (earlier versions) lists names only.
   */
  fingerprints?: Record<string, string>;
  /**
   * Adopted allocations (Beschlüsse, see src/engine/adoption.ts), oldest first, as JSON values. Optional:
   * a store without them decodes exactly as before.
   */
  adoptions?: unknown[];
  /**
   * Stored adoptions whose text does not parse as JSON (damaged by hand or by another program), as stored.
   * They cannot be used, but they are the user's decisions: every write puts them back unchanged, after the
   * readable ones, so that a repair (or a look by someone who knows) stays possible.
   */
  damagedAdoptions?: string[];
}

export interface DecodedStore extends StoreContent {
  /** Version found in the "SRB" row (0 when the row is missing). */
  version: number;
  /** false when the model chunks are present but do not parse as JSON (the model is then null). */
  modelReadable: boolean;
  /** 1-based rows of the model chunks (to say where a damaged model is). */
  modelRows?: number[];
  /** How many stored adoptions do not parse as JSON (left out of `adoptions`); only when > 0. */
  adoptionsUnreadable?: number;
}

/** One store row: key and value, both plain text or number. */
export type StoreRow = [string, string | number];

/**
 * Splits a string into chunks of at most `size` UTF-16 units, never between the halves of a surrogate pair
 * (a lone surrogate is not valid XML, so it would corrupt the file).
 *
 * @example chunkText("abcde", 2); // => ["ab", "cd", "e"]
 */
export function chunkText(text: string, size: number = STORE_CHUNK_LENGTH): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * Encodes the store content as rows for the store sheet.
 *
 * @example encodeStore({ generated: ["Verteilung"], model: { a: 1 } });
 * // => [["SRB", 1], ["generated", "Verteilung"], ["model", '{"a":1}']]
 */
export function encodeStore(content: StoreContent): StoreRow[] {
  const rows: StoreRow[] = [["SRB", STORE_VERSION]];
  for (const name of content.generated) rows.push(["generated", name]);
  if (content.model !== null && content.model !== undefined) {
    const json = JSON.stringify(content.model);
    if (json !== undefined) for (const chunk of chunkText(json)) rows.push(["model", chunk]);
  }
  for (const name of content.generated) {
    const fingerprint = content.fingerprints?.[name];
    if (fingerprint !== undefined && FINGERPRINT_PATTERN.test(fingerprint))
      rows.push(["fingerprint", `${fingerprint} ${name}`]);
  }
  const adoptionTexts = [
    ...(content.adoptions ?? []).map((adoption) => JSON.stringify(adoption)),
    ...(content.damagedAdoptions ?? []),
  ];
  for (const json of adoptionTexts) {
    if (json === undefined) continue;
    chunkText(json).forEach((chunk, k) => rows.push([k === 0 ? "adoption" : "adoption+", chunk]));
  }
  return rows;
}

function text(value: CellValue | undefined): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/**
 * Decodes the rows of a store sheet (as read, raw cell values). Tolerant: unknown keys and blank rows are
 * ignored, a missing sheet is `decodeStore([])`, and a model whose JSON does not parse comes back as null
 * with `modelReadable: false` (never an exception: the sheet may have been edited by hand).
 *
 * @example decodeStore([["SRB", 1], ["generated", "Verteilung"], ["model", '{"a":'], ["model", "1}"]]);
 * // => { version: 1, generated: ["Verteilung"], model: { a: 1 }, modelReadable: true }
 */
export function decodeStore(rows: readonly (readonly CellValue[])[]): DecodedStore {
  let version = 0;
  const generated: string[] = [];
  const chunks: string[] = [];
  const modelRows: number[] = [];
  const fingerprints: Record<string, string> = {};
  let anyFingerprint = false;
  const adoptionChunks: string[][] = [];
  for (const [index, row] of rows.entries()) {
    const key = text(row[0]);
    const value = text(row[1]);
    if (key === null) continue;
    if (key === "SRB") version = Number(value) || 0;
    else if (key === "generated" && value !== null && value !== "") generated.push(value);
    else if (key === "model" && value !== null) {
      chunks.push(value);
      modelRows.push(index + 1);
    } else if (key === "fingerprint" && value !== null) {
      const hash = value.slice(0, FINGERPRINT_LENGTH);
      const name = value.slice(FINGERPRINT_LENGTH + 1);
      if (FINGERPRINT_PATTERN.test(hash) && value[FINGERPRINT_LENGTH] === " " && name !== "") {
        fingerprints[name] = hash;
        anyFingerprint = true;
      }
    } else if (key === "adoption" && value !== null) adoptionChunks.push([value]);
    else if (key === "adoption+" && value !== null && adoptionChunks.length > 0)
      adoptionChunks[adoptionChunks.length - 1].push(value);
  }
  // only when present, so that a store of an earlier version decodes exactly as before
  const extra = {
    ...(anyFingerprint ? { fingerprints } : {}),
    ...decodeAdoptions(adoptionChunks),
  };
  if (chunks.length === 0) return { version, generated, model: null, modelReadable: true, ...extra };
  try {
    return {
      version,
      generated,
      model: JSON.parse(chunks.join("")) as unknown,
      modelReadable: true,
      ...extra,
    };
  } catch {
    return { version, generated, model: null, modelReadable: false, modelRows, ...extra };
  }
}

function decodeAdoptions(chunks: readonly string[][]): {
  adoptions?: unknown[];
  adoptionsUnreadable?: number;
  damagedAdoptions?: string[];
} {
  if (chunks.length === 0) return {};
  const adoptions: unknown[] = [];
  const damaged: string[] = [];
  for (const parts of chunks) {
    const json = parts.join("");
    try {
      adoptions.push(JSON.parse(json) as unknown);
    } catch {
      damaged.push(json);
    }
  }
  return damaged.length > 0
    ? { adoptions, adoptionsUnreadable: damaged.length, damagedAdoptions: damaged }
    : { adoptions };
}

/**
 * The adoptions of a decoded store as the port hands them on (`WorkbookPort.readStoredAdoptions`): the
 * readable ones and the count of damaged ones; none without a store.
 *
 * @example adoptionRecordsOf(decodeStore([["adoption", '{"date":"2027-03-15"}'], ["adoption", "{kaputt"]]));
 * // => { adoptions: [{ date: "2027-03-15" }], damaged: 1 }
 */
export function adoptionRecordsOf(store: DecodedStore | undefined): StoredAdoptionRecords {
  return { adoptions: store?.adoptions ?? [], damaged: store?.adoptionsUnreadable ?? 0 };
}

/**
 * What a store write keeps of the store as read when it changes only one part (the model, or the
 * adoptions): the generated sheets with their fingerprints, and the adoptions (damaged ones too). The model
 * is the caller's.
 *
 * @example encodeStore({ ...storeKept(decoded), model: newModel }); // sheets, fingerprints, adoptions kept
 */
export function storeKept(store: DecodedStore): Omit<StoreContent, "model"> {
  return {
    generated: store.generated,
    ...(store.fingerprints ? { fingerprints: store.fingerprints } : {}),
    ...(store.adoptions ? { adoptions: store.adoptions } : {}),
    ...(store.damagedAdoptions ? { damagedAdoptions: store.damagedAdoptions } : {}),
  };
}

// ── content fingerprints of generated sheets ──────────────────────────────────────────────────────────

/**
 * One cell as an adapter reads it for the fingerprint: a formula cell as `"=" + formula` (English syntax,
 * what Office.js `range.formulas` returns), any other cell as its value; an Excel error value as its text
 * ("#NUM!") or `{ error: "#NUM!" }`; blank as null, undefined or "".
 */
export type FingerprintCell = string | number | boolean | null | undefined | { error: string };

/**
 * A number as a spreadsheet keeps it: rounded to 15 significant digits the way LibreOffice writes them
 * into a saved file — its shortest decimal form rounded half away from zero. That differs from rounding
 * the exact binary value when the shortest form ends in a 5 on the 16th digit: 43.97639128102705 is
 * 43.976391281027048… in binary (`toPrecision(15)`: 43.9763912810270), but LibreOffice saves
 * 43.9763912810271. Excel saves the full value; both read back to the same number here.
 *
 * @example fifteenDigits(43.97639128102705); // => 43.9763912810271
 * @example fifteenDigits(0.1 + 0.2); // => 0.3
 * @example fifteenDigits(2.5); // => 2.5 (15 digits or fewer: unchanged)
 */
export function fifteenDigits(x: number): number {
  return Number(fifteenDigitsText(x));
}

/**
 * `fifteenDigits(x)` as `String` writes it. Made from `toPrecision(16)` (a third of the cost of `String`'s
 * shortest form): its 16th digit decides, and only a 5 there needs a look at the number itself — the shortest
 * form ends in that 5 when the 16 digits read back as the number (round up), else the binary value lies above
 * or below them.
 *
 * @example fifteenDigitsText(43.97639128102705); // => "43.9763912810271"
 * @example fifteenDigitsText(-9.9999999999999995e-7); // => "-0.000001"
 * @example fifteenDigitsText(1.2345678901234567e+25); // => "1.23456789012346e+25"
 */
export function fifteenDigitsText(x: number): string {
  if (Number.isInteger(x) && x < 1e15 && x > -1e15) return Object.is(x, -0) ? "0" : String(x);
  // a subnormal number (below 2.3 · 10^-308, never in a sheet of SRB's) has fewer than 16 digits of its
  // own: 5e-324 is 4.940656458412465e-324 to 16 digits. Its shortest form is taken as it is.
  if (x < 2.3e-308 && x > -2.3e-308) return String(x);
  const t = x.toPrecision(16); // "43.97639128102705", "-1.234567890123457e-7", "0.0001234567890123457"
  const negative = x < 0;
  const start = negative ? 1 : 0;
  const e = t.indexOf("e");
  const end = e < 0 ? t.length : e;
  const dot = t.indexOf(".");
  // the 16 digits, and the place of the point: after the first `point` of them
  let digits = dot < 0 ? t.slice(start, end) : t.slice(start, dot) + t.slice(dot + 1, end);
  let point = (dot < 0 ? end : dot) - start + (e < 0 ? 0 : Number(t.slice(e + 1)));
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 48 /* 0 */) lead++;
  if (lead > 0) {
    digits = digits.slice(lead);
    point -= lead;
  }
  const sixteenth = digits.charCodeAt(15);
  let up: boolean;
  if (sixteenth !== 53 /* 5 */) up = sixteenth > 53;
  else {
    const sixteen = Number(t);
    up = sixteen === x || Math.abs(x) > Math.abs(sixteen);
  }
  let head = digits.slice(0, 15);
  if (up) {
    let i = 14;
    while (i >= 0 && head.charCodeAt(i) === 57 /* 9 */) i--;
    if (i < 0) {
      head = "1";
      point++;
    } else head = head.slice(0, i) + String.fromCharCode(head.charCodeAt(i) + 1);
  }
  let k = head.length;
  while (k > 1 && head.charCodeAt(k - 1) === 48 /* 0 */) k--;
  return (negative ? "-" : "") + numberText(k === head.length ? head : head.slice(0, k), point);
}

/**
 * The text `String` gives the number 0.`digits` × 10^`point` (ECMAScript's Number::toString: plain
 * digits from 10^-6 up to below 10^21, else an exponent).
 *
 * @example numberText("4397", 2); // => "43.97"
 * @example numberText("1", -6); // => "1e-7"
 */
function numberText(digits: string, point: number): string {
  const k = digits.length;
  if (k <= point && point <= 21) return digits + "0".repeat(point - k);
  if (0 < point && point <= 21) return `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (-6 < point && point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  const exponent = point - 1;
  const sign = exponent < 0 ? "-" : "+";
  const mantissa = k === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${mantissa}e${sign}${Math.abs(exponent)}`;
}

/**
 * A number's fingerprint text as SRB builds before 2026-11-30 took it: its binary value rounded to 15
 * significant digits (`toPrecision(15)`), as JSON writes it. A store those builds wrote holds fingerprints
 * taken so; a sheet read back is compared with them through `sheetFingerprint(…, earlierNumberText)`.
 *
 * @example earlierNumberText(43.97639128102705); // => "43.976391281027" (fifteenDigitsText: "43.9763912810271")
 */
export function earlierNumberText(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return Object.is(x, -0) ? "0" : String(x);
  const fifteen = Number(x.toPrecision(15));
  return Object.is(fifteen, -0) ? "0" : JSON.stringify(fifteen);
}

function fingerprintToken(
  cell: FingerprintCell,
  numberText: (x: number) => string = fifteenDigitsText,
): string | null {
  if (cell === null || cell === undefined || cell === "") return null;
  // Excel keeps 15 significant digits and stores line breaks as "\n": compare on that footing, so an
  // unchanged sheet read back from Excel or from a file saved by Excel or LibreOffice is not mistaken for
  // an edited one.
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return String(cell);
    return numberText(cell); // -0 as "0" in both rules
  }
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "string")
    return JSON.stringify(cell.includes("\r") ? cell.replace(/\r\n?/g, "\n") : cell);
  return JSON.stringify(cell.error);
}

/**
 * The canonical text a fingerprint is taken of: one line per non-blank cell in row-major order,
 * `row,column:value` with 1-based sheet coordinates (so the same content read from a used range that does
 * not start at A1 gives the same text), text as JSON strings (formulas are text beginning with "="), numbers
 * as JSON numbers rounded to Excel's 15 significant digits (-0 as 0, non-finite as their name), line breaks
 * "\r\n" and "\r" as "\n", booleans as true/false, error values as their text.
 * Cached formula results, number formats, fonts and widths are not part of it: Excel recalculating or the
 * user widening a column is not an edit.
 *
 * @param cells rows of cells as read (may be ragged)
 * @param origin 1-based sheet row and column of `cells[0][0]` (default A1)
 * @example canonicalSheetText([["Summe", "=SUM(B2:B3)"], [null, 2]]);
 * // => '1,1:"Summe"\n1,2:"=SUM(B2:B3)"\n2,2:2'
 */
export function canonicalSheetText(
  cells: readonly (readonly FingerprintCell[])[],
  origin: { row: number; column: number } = { row: 1, column: 1 },
): string {
  const lines: string[] = [];
  cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const token = fingerprintToken(cell);
      if (token !== null) lines.push(`${origin.row + r},${origin.column + c}:${token}`);
    });
  });
  return lines.join("\n");
}

/**
 * A sheet's content fingerprint: a pure, synchronous 64-bit hash (two FNV-1a-style 32-bit lanes over the
 * UTF-16 code units) of `canonicalSheetText`, as 16 hex digits. It detects edits; it is not a security
 * measure. Both adapters compute it the same way: the .xlsx adapter from the cells it reads back, the
 * Office.js adapter from `usedRange.formulas` with the used range's top-left corner as `origin`.
 *
 * @example sheetFingerprint([["Verteilung"]]) === sheetFingerprint([["Verteilung"]]); // => true
 * @example sheetFingerprint([["Verteilung"]]) === sheetFingerprint([["Verteilung!"]]); // => false
 * @example sheetFingerprint([["x"]]).length; // => 16
 * @example sheetFingerprint([[43.97639128102705]], undefined, earlierNumberText); // as SRB builds before 2026-11-30 took it
 */
export function sheetFingerprint(
  cells: readonly (readonly FingerprintCell[])[],
  origin: { row: number; column: number } = { row: 1, column: 1 },
  numberText: (x: number) => string = fifteenDigitsText,
): string {
  return sheetFingerprintOf(cells, (cell) => cell, origin, undefined, numberText);
}

/**
 * `sheetFingerprint` of cells of any kind, each read through `cellOf` (no copy of the sheet is made).
 * `formulaOf`, if given, is asked first: a cell with a formula `f` counts as the text `"=" + f`, hashed
 * without making that text (a generated sheet of 10,000 Kitas has ~100,000 formulas).
 *
 * @example sheetFingerprintOf([[{ value: "x" }]], (c) => c.value) === sheetFingerprint([["x"]]); // => true
 * @example sheetFingerprintOf([[{ f: "A1" }]], () => null, undefined, (c) => c.f) === sheetFingerprint([["=A1"]]); // => true
 */
export function sheetFingerprintOf<T>(
  cells: readonly (readonly T[])[],
  cellOf: (cell: T) => FingerprintCell,
  origin: { row: number; column: number } = { row: 1, column: 1 },
  formulaOf?: (cell: T) => string | undefined,
  numberText: (x: number) => string = fifteenDigitsText,
): string {
  // the hash of canonicalSheetText, taken line by line: the same code units in the same order, without
  // building the whole text (tens of megabytes for 60,000 Kitas). Each line is fed in three pieces made
  // once per row or column — "\n" + row + "," (the first line without its "\n"), column + ":" — and
  // the cell's token; plain loops over local lanes (a sheet of 10,000 Kitas has ~10^6 cells, ~2·10^7
  // code units).
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  let length = 0;
  let first = true;
  const columnTexts: string[] = [];
  // Text is most cells' token: its JSON string is the text between quotes unless a character needs an
  // escape, so it is hashed from the text itself, without making the JSON string (and, should a character
  // need one, hashed again from `fingerprintToken`'s).
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    if (row === undefined) continue;
    let rowText: string | undefined;
    for (let c = 0; c < row.length; c++) {
      if (!(c in row)) continue;
      const formula = formulaOf === undefined ? undefined : formulaOf(row[c]);
      const isFormula = formula !== undefined;
      const value = isFormula ? null : cellOf(row[c]);
      const plain = isFormula ? formula : typeof value === "string" && value !== "" ? value : null;
      let token = plain === null ? fingerprintToken(value, numberText) : null;
      if (plain === null && token === null) continue;
      rowText ??= `\n${origin.row + r},`;
      const columnText = (columnTexts[c] ??= `${origin.column + c}:`);
      for (let i = first ? 1 : 0; i < rowText.length; i++) {
        h1 = Math.imul(h1 ^ rowText.charCodeAt(i), 0x01000193);
        h2 = Math.imul(h2 ^ rowText.charCodeAt(i), 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      for (let i = 0; i < columnText.length; i++) {
        h1 = Math.imul(h1 ^ columnText.charCodeAt(i), 0x01000193);
        h2 = Math.imul(h2 ^ columnText.charCodeAt(i), 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      if (plain !== null) {
        // '"' + the text + '"' while no character needs an escape in JSON
        const before1 = h1;
        const before2 = h2;
        h1 = Math.imul(h1 ^ 0x22, 0x01000193);
        h2 = Math.imul(h2 ^ 0x22, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        if (isFormula) {
          h1 = Math.imul(h1 ^ 0x3d /* = */, 0x01000193);
          h2 = Math.imul(h2 ^ 0x3d, 0x5bd1e995);
          h2 ^= h2 >>> 15;
        }
        let i = 0;
        for (; i < plain.length; i++) {
          const code = plain.charCodeAt(i);
          // control characters (and "\r"), '"', "\\", and surrogates (JSON escapes a lone one)
          if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) break;
          h1 = Math.imul(h1 ^ code, 0x01000193);
          h2 = Math.imul(h2 ^ code, 0x5bd1e995);
          h2 ^= h2 >>> 15;
        }
        if (i === plain.length) {
          h1 = Math.imul(h1 ^ 0x22, 0x01000193);
          h2 = Math.imul(h2 ^ 0x22, 0x5bd1e995);
          h2 ^= h2 >>> 15;
        } else {
          h1 = before1;
          h2 = before2;
          token = fingerprintToken(isFormula ? `=${plain}` : plain);
        }
      }
      if (token !== null) {
        for (let i = 0; i < token.length; i++) {
          h1 = Math.imul(h1 ^ token.charCodeAt(i), 0x01000193);
          h2 = Math.imul(h2 ^ token.charCodeAt(i), 0x5bd1e995);
          h2 ^= h2 >>> 15;
        }
      }
      const tokenLength = token !== null ? token.length : plain!.length + (isFormula ? 3 : 2);
      length += (first ? rowText.length - 1 : rowText.length) + columnText.length + tokenLength;
      first = false;
    }
  }
  h1 ^= length;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) ^ (h1 >>> 7);
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/**
 * The model a found store holds, or null for none (no store, or no model in it); a model whose JSON is
 * damaged is a usage error that says where (`damagedModelMessage`). What every adapter's
 * `readStoredModel` answers.
 *
 * @example storedModelOf({ sheet: "_SRB", content: decodeStore([["SRB", 1]]) }); // => null
 */
export function storedModelOf(found: { sheet: string; content: DecodedStore } | undefined): unknown | null {
  if (found && !found.content.modelReadable)
    throw new SrbUsageError(damagedModelMessage(found.sheet, found.content.modelRows ?? []));
  return found?.content.model ?? null;
}

/**
 * The German message for a stored model whose JSON does not parse: what is damaged and where.
 *
 * @example damagedModelMessage("_SRB", [3]);
 * // => "Das in dieser Arbeitsmappe gespeicherte SRB-Modell ist beschädigt: im ausgeblendeten Blatt „_SRB“, Zeile 3 (Spalte B), …"
 */
export function damagedModelMessage(sheet: string, rows: readonly number[]): string {
  const where = rows.length <= 1 ? `Zeile ${rows[0] ?? 1}` : `Zeilen ${rows[0]}–${rows[rows.length - 1]}`;
  return (
    `Das in dieser Arbeitsmappe gespeicherte SRB-Modell ist beschädigt: im ausgeblendeten Blatt „${sheet}“, ` +
    `${where} (Spalte B), steht kein gültiges Modell (unvollständiges oder verändertes JSON). Geben Sie das ` +
    `Modell neu an (Kommandozeile: --model <datei.srb.json>; im Add-in: Modell neu einstellen und speichern) – ` +
    `SRB ersetzt das beschädigte Modell dann.`
  );
}

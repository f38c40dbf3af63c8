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
 * ```
 * Excel cells hold at most 32,767 characters, hence the chunks.
 */
import type { CellValue } from "../engine/table";

/** Version written into the "SRB" row. */
export const STORE_VERSION = 1;

/** Longest model chunk per cell (Excel's cell limit is 32,767 characters). */
export const STORE_CHUNK_LENGTH = 30000;

export interface StoreContent {
  /** Names of the sheets SRB generated in its last run, as written. */
  generated: string[];
  /** The stored model (any JSON value), or null when none is stored. */
  model: unknown | null;
}

export interface DecodedStore extends StoreContent {
  /** Version found in the "SRB" row (0 when the row is missing). */
  version: number;
  /** false when the model chunks are present but do not parse as JSON (the model is then null). */
  modelReadable: boolean;
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
  for (const row of rows) {
    const key = text(row[0]);
    const value = text(row[1]);
    if (key === null) continue;
    if (key === "SRB") version = Number(value) || 0;
    else if (key === "generated" && value !== null && value !== "") generated.push(value);
    else if (key === "model" && value !== null) chunks.push(value);
  }
  if (chunks.length === 0) return { version, generated, model: null, modelReadable: true };
  try {
    return { version, generated, model: JSON.parse(chunks.join("")) as unknown, modelReadable: true };
  } catch {
    return { version, generated, model: null, modelReadable: false };
  }
}

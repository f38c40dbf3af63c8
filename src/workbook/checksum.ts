/**
 * The checksum of the input values on the Methode sheet: SHA-256 (hex) of a canonical serialisation of the
 * data sheet, so that an auditor can tell whether a result was computed from exactly these values.
 * Uses Node's crypto under Node and Web Crypto (`globalThis.crypto.subtle`) in the browser.
 */
import { SrbUsageError } from "../engine/issues";
import type { CellValue, RawTable } from "../engine/table";
import { isCellError } from "../engine/table";

type Canonical = number | string | boolean | null | { error: string };

function canonicalCell(v: CellValue | undefined): Canonical {
  if (v === undefined || v === null) return null;
  if (isCellError(v)) return { error: v.error };
  if (typeof v === "number") return Object.is(v, -0) ? 0 : v;
  return v;
}

function trimRow(row: readonly (CellValue | undefined)[]): Canonical[] {
  const cells = row.map(canonicalCell);
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

/**
 * The canonical text the checksum is taken of: JSON of `[headers, ...rows]` with blanks as null, trailing
 * blank cells of a row and trailing blank rows dropped (they are not values), -0 as 0, errors as
 * `{"error":"#N/A"}`. Text is kept exactly (no trimming, no case folding). The sheet name and the table's
 * position are not part of it: renaming the sheet does not change the values.
 *
 * @example canonicalTableText({ sheet: "Kitas", headers: ["A", null], rows: [[1, null], []] }); // => '[["A"],[1]]'
 */
export function canonicalTableText(table: RawTable): string {
  return [...canonicalTablePieces(table)].join("");
}

/** Characters of the canonical text handed on at a time (`canonicalTablePieces`). */
const PIECE_CHARS = 1 << 16;

/**
 * `canonicalTableText` in pieces of about 64 K characters, joined the same text: a data sheet of 10,000
 * Kitas is several MB of it, never held as one string (nor as one buffer of its UTF-8).
 *
 * @example [...canonicalTablePieces({ sheet: "Kitas", headers: ["A"], rows: [[1]] })].join(""); // => '[["A"],[1]]'
 */
export function* canonicalTablePieces(table: RawTable): Generator<string> {
  const count = table.rows.length + 1;
  // a missing row (a hole) is JSON's null, as JSON.stringify writes a hole of an array
  const lineOf = (i: number) => {
    const row = i === 0 ? table.headers : table.rows[i - 1];
    return row === undefined ? null : trimRow(row);
  };
  // trailing blank rows are left out: the last line that has a value
  let last = count - 1;
  while (last >= 0 && lineOf(last)?.length === 0) last--;
  let piece = "[";
  for (let i = 0; i <= last; i++) {
    piece += (i === 0 ? "" : ",") + JSON.stringify(lineOf(i));
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = "";
    }
  }
  yield `${piece}]`;
}

/** Node's streaming SHA-256 (reached at call time: the browser bundle never imports it), or null. */
function nodeSha256(): {
  update(text: string, encoding: "utf8"): unknown;
  digest(encoding: "hex"): string;
} | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.("node:crypto") as
    { createHash?: (algorithm: "sha256") => ReturnType<typeof nodeSha256> } | undefined;
  return crypto?.createHash?.("sha256") ?? null;
}

/**
 * SHA-256 (lower-case hex, 64 characters) of the canonical serialisation of the input values. Under Node
 * hashed piece by piece as it is made (`canonicalTablePieces`); elsewhere through Web Crypto, which takes
 * the text whole.
 *
 * @example await inputChecksum({ sheet: "Kitas", headers: [], rows: [] });
 * // => "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945" (SHA-256 of "[]")
 */
export async function inputChecksum(table: RawTable): Promise<string> {
  const hash = nodeSha256();
  if (hash) {
    for (const piece of canonicalTablePieces(table)) hash.update(piece, "utf8");
    return hash.digest("hex");
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new SrbUsageError("Web Crypto (crypto.subtle) ist in dieser Umgebung nicht verfügbar.");
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(canonicalTableText(table)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The checksum of the input values on the Methode sheet: SHA-256 (hex) of a canonical serialisation of the
 * data sheet, so that an auditor can tell whether a result was computed from exactly these values.
 * Uses Web Crypto (`globalThis.crypto.subtle`), available in Node 20 and in every browser.
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
  const lines = [trimRow(table.headers), ...table.rows.map(trimRow)];
  while (lines.length > 0 && lines[lines.length - 1].length === 0) lines.pop();
  return JSON.stringify(lines);
}

/**
 * SHA-256 (lower-case hex, 64 characters) of the canonical serialisation of the input values.
 *
 * @example await inputChecksum({ sheet: "Kitas", headers: [], rows: [] });
 * // => "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945" (SHA-256 of "[]")
 */
export async function inputChecksum(table: RawTable): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new SrbUsageError("Web Crypto (crypto.subtle) ist in dieser Umgebung nicht verfügbar.");
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(canonicalTableText(table)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The Kitas a Fortschreibung cannot see (SPEC §5a, carry forward): it distributes the new budget by the
 * adopted shares to the adopted Kitas and does not recompute the index, so it does not check the data sheet.
 * A Kita closed since the Beschluss would still get its money, and one opened since would get nothing,
 * without a word. These warnings say so; the decision (carry forward or compute anew) stays the user's.
 *
 * Kitas are matched by name as the check matches them (`headerKey`: case and runs of spaces aside).
 */
import { basisName, type Adoption } from "./adoption";
import { collapseSpaces, columnKey, headerKey } from "./headerKey";
import type { Issue } from "./issues";
import { messages } from "./messages";
import { a1, isCellError, type RawTable } from "./table";

/** At most this many Kitas are named in the one warning about Kitas gone from the data sheet. */
const NAMED_GONE = 10;

/**
 * Warnings for the Kitas of the data sheet the adoption does not have (one per Kita, at its name cell) and
 * for the adopted Kitas the data sheet no longer has (one warning naming them). None when the data sheet
 * has no column named as the model's `data.id` (nothing to compare with).
 *
 * @example
 * carriedRosterIssues(adoption, { sheet: "Kitas", headers: ["Einrichtung"], rows: [["Kita Neu"]] }, "Einrichtung");
 * // => [{ level: "warning", code: "carry-forward-unit-new", cell: "A2", … }, { code: "carry-forward-unit-gone", … }]
 */
export function carriedRosterIssues(
  adoption: Pick<Adoption, "date" | "source" | "units">,
  table: RawTable,
  idColumn: string,
): Issue[] {
  const c = table.headers.findIndex((h) => typeof h === "string" && columnKey(h) === columnKey(idColumn));
  if (c < 0) return [];
  const basis = basisName(adoption);
  const adopted = new Set(adoption.units.map((u) => headerKey(u.id)));
  const onSheet = new Set<string>();
  const issues: Issue[] = [];
  const headerRow = table.headerRow ?? 1;
  const firstColumn = table.firstColumn ?? 1;
  table.rows.forEach((row, r) => {
    const v = Array.isArray(row) ? row[c] : undefined;
    const id =
      typeof v === "string"
        ? collapseSpaces(v.trim())
        : typeof v === "number" && Number.isFinite(v)
          ? String(v)
          : "";
    if (id === "" || isCellError(v)) return;
    const key = headerKey(id);
    onSheet.add(key);
    if (adopted.has(key)) return;
    const cell = a1(headerRow + 1 + r, firstColumn + c);
    issues.push({
      level: "warning",
      code: "carry-forward-unit-new",
      sheet: table.sheet,
      cell,
      message: messages.carryForwardUnitNew(cell, id, basis),
    });
  });
  const gone = adoption.units.filter((u) => !onSheet.has(headerKey(u.id))).map((u) => u.id);
  if (gone.length > 0) {
    issues.push({
      level: "warning",
      code: "carry-forward-unit-gone",
      sheet: table.sheet,
      cell: "",
      message: messages.carryForwardUnitGone(gone.slice(0, NAMED_GONE), gone.length, table.sheet, basis),
    });
  }
  return issues;
}

/**
 * Neutral codes for publication mode (SPEC.md §7): unit names are replaced by "E01", "E02", … so that
 * published results do not stigmatise individual Kitas.
 *
 * The numbering is stable: units are sorted by Sozialraum, then by id (German collation, numbers in names
 * compared numerically: "Kita 2" before "Kita 10"), so the row order on the sheet never changes a code.
 * Codes have at least two digits, more when there are more than 99 units ("E001").
 */

import { groupByArea } from "./areaGroups";
import { compareNames } from "./nameOrder";

/**
 * Publication codes, in the order of the input units.
 *
 * @param units id and Sozialraum of each unit
 * @param groups optional: the Sozialräume with their units (positions in `units`, ascending), as
 *   `groupByArea` gives them, when the caller has them already (then the units are not grouped again)
 * @returns one code per unit, same order
 * @example
 * unitCodes([
 *   { id: "Kita Sonnenschein", area: "Süd" },
 *   { id: "Kita Regenbogen", area: "Nord" },
 *   { id: "Kita Arche", area: "Süd" },
 * ]); // => ["E03", "E01", "E02"]
 */
export function unitCodes(
  units: readonly { id: string; area: string }[],
  groups?: readonly { name: string; units: readonly number[] }[],
): string[] {
  // Same order as sorting all units by (area, id, position), with far fewer collator calls: the distinct
  // Sozialräume are sorted once, then the units inside each Sozialraum by id. compareNames is 0 only for
  // identical texts, so grouping by the exact area text gives the same order.
  const byArea = new Map<string, readonly number[]>();
  for (const g of groups ?? groupByArea(units)) byArea.set(g.name, g.units);
  const areas = [...byArea.keys()].sort(compareNames);
  // Names listed in order on the whole sheet ("Kita 0001", "Kita 0002", …) are in order inside every
  // Sozialraum too: one pass along the list, reading the units one after another, tells.
  let allSorted = true;
  for (let i = 1; i < units.length && allSorted; i++)
    allSorted = compareNames(units[i - 1].id, units[i].id) <= 0;
  const width = Math.max(2, String(units.length).length);
  const codes = new Array<string>(units.length);
  // the same text as `E${String(k).padStart(width, "0")}` with one string less per Kita: the letter and
  // the zeros made once for each number of digits
  const prefixes = Array.from(
    { length: width + 1 },
    (_, digits) => `E${"0".repeat(Math.max(0, width - digits))}`,
  );
  let k = 0;
  for (const area of areas) {
    let members = byArea.get(area) as readonly number[];
    // Often the Kitas of a Sozialraum are already listed by name: one pass tells, and the sort (with
    // about log₂(n) times as many collator calls) is then skipped; the order is the same either way.
    let sorted = true;
    for (let j = 1; j < members.length && sorted && !allSorted; j++) {
      sorted = compareNames(units[members[j - 1]].id, units[members[j]].id) <= 0;
    }
    // sorted as a copy: the caller's groups stay as they are
    if (!sorted) members = [...members].sort((a, b) => compareNames(units[a].id, units[b].id) || a - b);
    for (const unit of members) {
      const digits = String(++k);
      codes[unit] = prefixes[Math.min(digits.length, width)] + digits;
    }
  }
  return codes;
}

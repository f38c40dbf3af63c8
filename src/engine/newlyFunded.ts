/**
 * Bremen's "neu gefördert" (SPEC.md §5a, §6): a Kita funded now that was not funded in the adopted
 * allocation (or did not exist then) gets the first-year Sachkosten (5,000 € instead of 2,500 €). With an
 * adoption this follows from the comparison instead of a hand-kept flag column.
 *
 * Funding under the Bremen rules (VZÄ by Kita-Index and Kinder) does not depend on the first-year flag —
 * only the Sachkosten do — so the allocation is computed once, compared with the adopted one, and computed
 * again with the flag derived from the comparison.
 */
import { allocate } from "./allocate";
import type { Allocation } from "./allocation";
import { compareAllocations, sideOfAllocation, type ComparisonSide } from "./changes";
import type { Dataset } from "./dataset";
import type { ResolvedModel } from "./model";

/**
 * The names of the Kitas funded in `after` and not in `before` (new Kitas included), in `after`'s order.
 *
 * @example newlyFundedIds(sideOfAdoption(adoption), sideOfAllocation(allocation)); // => ["Kita C"]
 */
export function newlyFundedIds(before: ComparisonSide, after: ComparisonSide): string[] {
  const flagged = new Set(
    compareAllocations(before, after)
      .units.filter((u) => u.newlyFunded)
      .map((u) => u.id),
  );
  return after.units.filter((u) => flagged.has(u.id)).map((u) => u.id);
}

/**
 * The dataset with each unit's first-year flag set from `ids` (true for the listed units, false for all
 * others — the derived flag replaces the hand-kept column).
 *
 * @example withFirstYear(dataset, ["Kita C"]).units.map((u) => u.firstYear); // => [false, false, true]
 */
export function withFirstYear(dataset: Dataset, ids: readonly string[]): Dataset {
  const set = new Set(ids);
  // `values: u.values` written out: a checked unit's list is not a field a spread copies (CheckedUnit)
  return {
    ...dataset,
    units: dataset.units.map((u) => ({ ...u, values: u.values, firstYear: set.has(u.id) })),
  };
}

/**
 * Allocate with the Bremen first-year flag derived from the adopted allocation. Other rule sets: plain
 * `allocate`.
 *
 * @param model the model
 * @param dataset checked data
 * @param adopted the adopted allocation's comparison side
 * @example
 * allocateWithNewlyFunded(bremenModel, dataset, sideOfAdoption(adoption)).units.find((u) => u.id === "Kita C")?.bremen?.sachkosten;
 * // => 5000 (funded now, not in the adopted year)
 */
export function allocateWithNewlyFunded(
  model: ResolvedModel,
  dataset: Dataset,
  adopted: ComparisonSide,
): Allocation {
  const first = allocate(model, dataset);
  if (!first.units.some((u) => u.bremen)) return first;
  const ids = newlyFundedIds(adopted, sideOfAllocation(first));
  return allocate(model, withFirstYear(dataset, ids));
}

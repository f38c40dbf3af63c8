/**
 * A checked dataset without one indicator: what `checkTable` gives for the model without that indicator,
 * derived from the dataset the full model's check produced, without reading the sheet again (the
 * robustness analysis leaves each indicator out once).
 *
 * Leaving out an indicator changes no cell and no unit: every row the full check accepted keeps its name,
 * so it stays a unit; its values at the other indicators are the same cells. What can change are the
 * check's findings over whole indicators and categories (check.ts, "after the pass"), which may now block:
 * - a category whose remaining indicators carry no information: an error when one of them has no value at
 *   all (`category-no-information`); only constant ones leave the category out (a warning);
 * - a unit without a value at the remaining informative indicators of a category (`category-empty`);
 * - with `options.coverage` at level "error": a unit or an indicator below the threshold, now counted over
 *   the remaining informative indicators (`coverage-unit`, `coverage-indicator`).
 * The dataset is null exactly when one of these blocks (the model check's own rule, a category left
 * without any indicator, is the caller's).
 */
import type { Dataset } from "./dataset";
import type { ResolvedModel } from "./model";

/** Whether the indicator's values carry information: some value, not all the same (check.ts's rule). */
function informative(dataset: Dataset, i: number): boolean {
  let count = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const u of dataset.units) {
    const v = u.values[i];
    if (v === null || v === undefined) continue;
    count++;
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
  }
  return count > 0 && highest > lowest;
}

function hasValue(dataset: Dataset, i: number): boolean {
  return dataset.units.some((u) => u.values[i] !== null && u.values[i] !== undefined);
}

/**
 * The dataset the check would give for `model` (the full model without indicator `left`), or null when
 * that check would block.
 *
 * @param model the model without the indicator (its other indicators in the dataset's order)
 * @param dataset the full model's checked dataset
 * @param left index of the left-out indicator in `dataset.indicators`
 * @example
 * // indicators a, b (Soziale Lage) and c (Flucht und Migration): without c, Flucht und Migration has no indicator
 * leaveOutDataset(withoutA, dataset, 0)?.indicators.map((i) => i.column); // => ["b", "c"]
 */
export function leaveOutDataset(model: ResolvedModel, dataset: Dataset, left: number): Dataset | null {
  const keep = dataset.indicators.map((_, i) => i).filter((i) => i !== left);
  const units = dataset.units;
  const useful = new Map(keep.map((i) => [i, informative(dataset, i)]));
  const valueAt = (e: number, i: number) => units[e].values[i] !== null && units[e].values[i] !== undefined;

  if (units.length > 0) {
    for (const category of model.categories) {
      const members = keep.filter((i) => dataset.indicators[i].category === category.name);
      if (members.length === 0) continue;
      const informativeMembers = members.filter((i) => useful.get(i));
      if (informativeMembers.length === 0) {
        if (!members.every((i) => hasValue(dataset, i))) return null; // category-no-information, an error
        continue;
      }
      for (let e = 0; e < units.length; e++) {
        if (!informativeMembers.some((i) => valueAt(e, i))) return null; // category-empty
      }
    }
    const coverage = model.options.coverage;
    const usable = keep.filter((i) => useful.get(i));
    if (coverage !== null && coverage.level === "error" && usable.length > 0) {
      for (let e = 0; e < units.length; e++) {
        const present = usable.filter((i) => valueAt(e, i)).length;
        if (present / usable.length < coverage.unit) return null; // coverage-unit
      }
      for (const i of usable) {
        const count = units.reduce((n, _, e) => n + (valueAt(e, i) ? 1 : 0), 0);
        if (count / units.length < coverage.indicator) return null; // coverage-indicator
      }
    }
  }

  return {
    ...dataset,
    units: units.map((u) => ({ ...u, values: keep.map((i) => u.values[i] ?? null) })),
    indicators: keep.map((i) => dataset.indicators[i]),
    indicatorColumns: keep.map((i) => dataset.indicatorColumns[i]),
  };
}

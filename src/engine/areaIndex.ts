/**
 * Sozialraum index (SPEC.md §4).
 *
 * - `mean-of-units` (default): mean of the Gesamtindex of the area's units; optionally weighted by Kinder.
 * - `sum-of-units`: sum of the units' Gesamtindex (favours areas with many Kitas).
 * - `aggregate`: per indicator the area value is the mean of its units' raw values (optionally weighted by
 *   Kinder) — `areaRawValues` — and then SPEC §2 is applied across the areas (done by `allocate`).
 *
 * Units without a Gesamtindex (or without a value) are skipped. Weighting by Kinder needs a Kinder number
 * > 0 … for every unit that takes part and a positive total; otherwise the plain mean is used and
 * `weightedByChildren` is false, so the caller can say so in the check report.
 */
import { max, mean, min, sum } from "simple-statistics";
import { weightedMean, withinValues } from "./weightedMean";

export interface AreaUnitIndex {
  index: number | null;
  children: number | null;
}

export interface AreaIndexResult {
  /** The area index; null when no unit of the area has a Gesamtindex. */
  index: number | null;
  /** Whether the mean was actually weighted by Kinder. */
  weightedByChildren: boolean;
}

/**
 * The plain mean, never outside the smallest and largest value: the mean of seven copies of 3.0267e-124 is
 * not exactly 3.0267e-124 in doubles, and two areas of equal units would differ (see `withinValues`).
 */
function meanWithinValues(values: readonly number[]): number {
  return withinValues(mean(values as number[]), min(values as number[]), max(values as number[]));
}

function childWeights(children: readonly (number | null)[]): number[] | null {
  if (children.some((c) => c === null || !Number.isFinite(c) || c < 0)) return null;
  const weights = children as number[];
  return sum(weights) > 0 ? weights : null;
}

/**
 * Area index from the area's units' Gesamtindex.
 *
 * @param units the area's units (Gesamtindex and Kinder)
 * @param method "mean-of-units" or "sum-of-units"
 * @param childWeighted weight the mean by Kinder (mean-of-units only)
 * @example
 * areaIndexOfUnits([{ index: 40, children: 30 }, { index: 70, children: 10 }], "mean-of-units").index; // => 55
 * // by Kinder: (40·30 + 70·10) / 40 = 47.5
 * areaIndexOfUnits([{ index: 40, children: 30 }, { index: 70, children: 10 }], "mean-of-units", true).index; // => 47.5
 * areaIndexOfUnits([{ index: 40, children: 30 }, { index: 70, children: 10 }], "sum-of-units").index; // => 110
 */
export function areaIndexOfUnits(
  units: readonly AreaUnitIndex[],
  method: "mean-of-units" | "sum-of-units",
  childWeighted = false,
): AreaIndexResult {
  return areaIndexOf(
    units.length,
    (k) => units[k].index,
    (k) => units[k].children,
    method,
    childWeighted,
  );
}

/**
 * `areaIndexOfUnits` over the area's units as read by position (`indexOf(k)`, `childrenOf(k)` for k = 0 …
 * count − 1), for a caller that holds them in columns: no object per unit.
 *
 * @example areaIndexOf(2, (k) => [60, 50][k], () => null, "mean-of-units").index; // => 55
 */
export function areaIndexOf(
  count: number,
  indexOf: (k: number) => number | null,
  childrenOf: (k: number) => number | null,
  method: "mean-of-units" | "sum-of-units",
  childWeighted = false,
): AreaIndexResult {
  // the units with a Gesamtindex, in order; their Kinder only where they weight the mean
  const withKinder = childWeighted && method !== "sum-of-units";
  const indices: number[] = [];
  const children: (number | null)[] = [];
  for (let k = 0; k < count; k++) {
    const index = indexOf(k);
    if (index === null) continue;
    indices.push(index);
    if (withKinder) children.push(childrenOf(k));
  }
  if (indices.length === 0) return { index: null, weightedByChildren: false };
  if (method === "sum-of-units") return { index: sum(indices), weightedByChildren: false };
  if (withKinder) {
    const weights = childWeights(children);
    if (weights) return { index: weightedMean(indices, weights), weightedByChildren: true };
  }
  return { index: meanWithinValues(indices), weightedByChildren: false };
}

export interface AreaRawValues {
  /** Per indicator the area value (null when no unit of the area has a value). */
  values: (number | null)[];
  /** Whether every mean was weighted by Kinder (false if any fell back to the plain mean). */
  weightedByChildren: boolean;
}

/**
 * Area values per indicator for the `aggregate` method: mean of the units' raw values.
 *
 * @param units the area's units (raw values in indicator order, Kinder)
 * @param indicatorCount number of indicators
 * @param childWeighted weight by Kinder
 * @example
 * areaRawValues([{ values: [10, null], children: 30 }, { values: [20, 5], children: 10 }], 2).values;
 * // => [15, 5]
 * areaRawValues([{ values: [10, null], children: 30 }, { values: [20, 5], children: 10 }], 2, true).values;
 * // => [(10·30 + 20·10) / 40 = 12.5, 5]
 */
export function areaRawValues(
  units: readonly { values: readonly (number | null)[]; children: number | null }[],
  indicatorCount: number,
  childWeighted = false,
): AreaRawValues {
  let weightedByChildren = childWeighted;
  const values: (number | null)[] = [];
  for (let i = 0; i < indicatorCount; i++) {
    const withValue = units.filter((u) => u.values[i] !== null && u.values[i] !== undefined);
    if (withValue.length === 0) {
      values.push(null);
      continue;
    }
    const raw = withValue.map((u) => u.values[i] as number);
    const weights = childWeighted ? childWeights(withValue.map((u) => u.children)) : null;
    if (childWeighted && !weights) weightedByChildren = false;
    values.push(weights ? weightedMean(raw, weights) : meanWithinValues(raw));
  }
  return { values, weightedByChildren };
}

/**
 * Kategorie-Index and Gesamtindex of one unit (SPEC.md §2.2–2.4).
 *
 * - Kategorie-Index: weighted mean of the unit's available standard scores of the category's indicators
 *   (weights renormalised over the available ones; constant indicators are left out).
 * - Gesamtindex: weighted mean of the category indices. A category whose indicators are all constant (or
 *   that has no indicator) carries no information and is left out, the other categories' weights
 *   renormalised. If a category that does count has no value for the unit, the unit gets no Gesamtindex
 *   (null): the check blocks the allocation then.
 */
import type { CategorySpec, IndicatorSpec, ResolvedIndicator } from "./model";
import { SrbUsageError } from "./issues";
import type { ScoreColumn } from "./standardScore";
import { weightedMean } from "./weightedMean";

/** How the indicators roll up into categories and the Gesamtindex. */
export interface IndexStructure {
  /** Categories in order: the model's categories, then any category named only by an indicator (weight 1). */
  categories: CategorySpec[];
  /** Position in `categories` of each indicator's category. */
  indicatorCategory: number[];
  /** Weight of each indicator inside its category (0 when the indicator is constant). */
  indicatorWeights: number[];
  /** Whether a category counts in the Gesamtindex (it has an informative indicator with a positive weight). */
  categoryCounts: boolean[];
}

/**
 * Build the index structure from the indicators and categories.
 *
 * @param indicators the indicators (order of the score vectors)
 * @param categories the model's categories with their weights
 * @param informative per indicator: false for a constant indicator (left out); default all true
 * @example
 * const s = indexStructure(
 *   [{ column: "a", category: "K", direction: 1, weight: 1 }],
 *   [{ name: "K", weight: 1 }, { name: "L", weight: 1 }],
 * );
 * s.categoryCounts; // => [true, false]  (L has no indicator)
 */
export function indexStructure(
  indicators: readonly (IndicatorSpec | ResolvedIndicator)[],
  categories: readonly CategorySpec[],
  informative?: readonly boolean[],
): IndexStructure {
  const cats: CategorySpec[] = categories.map((c) => ({ name: c.name, weight: c.weight ?? 1 }));
  const indicatorCategory = indicators.map((ind) => {
    let k = cats.findIndex((c) => c.name === ind.category);
    if (k < 0) {
      cats.push({ name: ind.category, weight: 1 });
      k = cats.length - 1;
    }
    return k;
  });
  const indicatorWeights = indicators.map((ind, i) =>
    informative && !informative[i] ? 0 : (ind.weight ?? 1),
  );
  const categoryCounts = cats.map(
    (c, k) => c.weight > 0 && indicatorCategory.some((kk, i) => kk === k && indicatorWeights[i] > 0),
  );
  return { categories: cats, indicatorCategory, indicatorWeights, categoryCounts };
}

/** A unit's category indices (order of `structure.categories`) and its Gesamtindex. */
export interface UnitIndex {
  categories: (number | null)[];
  index: number | null;
}

/**
 * Category indices and Gesamtindex of one unit from its standard scores.
 *
 * @param scores the unit's standard scores (order of the structure's indicators; null = blank or constant)
 * @param structure from `indexStructure`
 * @example
 * // two categories of equal weight: K = mean(20, 40) = 30, L = 90 → Gesamtindex (30 + 90) / 2 = 60
 * const s = indexStructure(
 *   [{ column: "a", category: "K", direction: 1, weight: 1 },
 *    { column: "b", category: "K", direction: 1, weight: 1 },
 *    { column: "c", category: "L", direction: 1, weight: 1 }],
 *   [{ name: "K", weight: 1 }, { name: "L", weight: 1 }],
 * );
 * unitIndex([20, 40, 90], s); // => { categories: [30, 90], index: 60 }
 */
export function unitIndex(scores: readonly (number | null)[], structure: IndexStructure): UnitIndex {
  const categories = structure.categories.map((_, k) => {
    if (!structure.categoryCounts[k]) return null;
    const weights = structure.indicatorWeights.map((w, i) => (structure.indicatorCategory[i] === k ? w : 0));
    return weightedMean(scores, weights);
  });
  const counted = structure.categoryCounts.some((c) => c);
  const missing = structure.categoryCounts.some((c, k) => c && categories[k] === null);
  const index =
    !counted || missing
      ? null
      : weightedMean(
          categories,
          structure.categories.map((c, k) => (structure.categoryCounts[k] ? c.weight : 0)),
        );
  return { categories, index };
}

/**
 * Category indices and Gesamtindex of many units at once, from the scores by indicator (column-wise):
 * the same numbers as `unitIndex` on each unit's scores, bit for bit (the weighted sums are added in the
 * same indicator order), without building a score vector and a weight vector per unit and category.
 *
 * @param scores `scores[indicator][unit]` (null = blank or constant), order of the structure's indicators
 * @param structure from `indexStructure`
 * @param count number of units
 * @throws {SrbUsageError} for a negative or non-finite weight of a counted category or indicator, like `unitIndex`
 * @example
 * const s = indexStructure(
 *   [{ column: "a", category: "K", direction: 1, weight: 1 },
 *    { column: "b", category: "K", direction: 1, weight: 1 },
 *    { column: "c", category: "L", direction: 1, weight: 1 }],
 *   [{ name: "K", weight: 1 }, { name: "L", weight: 1 }],
 * );
 * unitIndices([[20, 0], [40, null], [90, 100]], s, 2);
 * // => [{ categories: [30, 90], index: 60 }, { categories: [0, 100], index: 50 }]
 */
export function unitIndices(
  scores: readonly (readonly (number | null)[])[],
  structure: IndexStructure,
  count: number,
): UnitIndex[] {
  const columns: ScoreColumn[] = scores.map((column) => {
    const typed = new Float64Array(count);
    const missing = new Uint8Array(count);
    for (let e = 0; e < count; e++) {
      const v = column[e];
      if (v === null) missing[e] = 1;
      else typed[e] = v as number;
    }
    return { scores: typed, missing, constant: false };
  });
  return unitIndicesOfColumns(columns, structure, count);
}

/**
 * `unitIndices` on typed score columns (`scoreColumn`), the engine's internal form.
 *
 * @example
 * const s = indexStructure([{ column: "a", category: "K", direction: 1, weight: 1 }], [{ name: "K", weight: 1 }]);
 * unitIndicesOfColumns([scoreColumn([2, 6], 1)], s, 2); // => [{ categories: [0], index: 0 }, { categories: [100], index: 100 }]
 */
export function unitIndicesOfColumns(
  columns: readonly Pick<ScoreColumn, "scores" | "missing">[],
  structure: IndexStructure,
  count: number,
): UnitIndex[] {
  if (count === 0) return [];
  const typed = indexColumns(columns, structure, count);
  const categoryCount = structure.categories.length;
  const result = new Array<UnitIndex>(count);
  for (let e = 0; e < count; e++) {
    const categories = new Array<number | null>(categoryCount);
    for (let k = 0; k < categoryCount; k++) {
      const column = typed.categories[k];
      const v = column === null ? NaN : column[e];
      categories[k] = v === v ? v : null;
    }
    const index = typed.index[e];
    result[e] = { categories, index: index === index ? index : null };
  }
  return result;
}

/** Adds one indicator's weighted scores to its category's sums (a function of its own, optimised once). */
function addWeighted(
  column: Pick<ScoreColumn, "scores" | "missing">,
  w: number,
  sum: Float64Array,
  weightSum: Float64Array,
  lowest: Float64Array,
  highest: Float64Array,
): void {
  const { scores, missing } = column;
  for (let e = 0; e < sum.length; e++) {
    if (missing[e]) continue;
    const v = scores[e];
    sum[e] += w * v;
    weightSum[e] += w;
    if (v < lowest[e]) lowest[e] = v;
    if (v > highest[e]) highest[e] = v;
  }
}

/**
 * Turns a category's weighted sums into its category indices, in place: as `weightedMean`, never outside
 * the unit's smallest and largest score of the category; NaN where the unit has no score in the category.
 * A function of its own (as `addWeighted`): its loop is optimised once and stays so.
 */
function finishCategory(
  sum: Float64Array,
  weightSum: Float64Array,
  lowest: Float64Array,
  highest: Float64Array,
): void {
  for (let e = 0; e < sum.length; e++) {
    // withinValues, written out: a call that is not inlined boxes its four doubles
    const mean = sum[e] / weightSum[e];
    sum[e] = !(weightSum[e] > 0) ? NaN : mean < lowest[e] ? lowest[e] : mean > highest[e] ? highest[e] : mean;
  }
}

/**
 * The Gesamtindex of every unit into `index` (NaN stays where a counted category has no value): the
 * weighted mean of its category indices in category order (`weightedMean`, written out over the columns).
 * `categories[k]` is null for a category that does not count; its weight is 0.
 */
function gesamtindexColumn(
  categories: readonly (Float64Array | null)[],
  weights: readonly number[],
  index: Float64Array,
): void {
  const categoryCount = categories.length;
  // weightedMean checks the weights when a unit gets that far: the first such unit does it here
  let weightsChecked = false;
  for (let e = 0; e < index.length; e++) {
    // a counted category without a value leaves the unit without a Gesamtindex
    let missing = false;
    for (let k = 0; k < categoryCount; k++) {
      const column = categories[k];
      if (column === null) continue;
      const v = column[e];
      if (v !== v) {
        missing = true;
        break;
      }
    }
    if (missing) continue;
    if (!weightsChecked) {
      for (let k = 0; k < weights.length; k++) {
        const w = weights[k];
        if (!Number.isFinite(w) || w < 0)
          throw new SrbUsageError(`weightedMean: weight ${w} is not a finite number ≥ 0`);
      }
      weightsChecked = true;
    }
    let sum = 0;
    let weightSum = 0;
    let lowest = Infinity;
    let highest = -Infinity;
    for (let k = 0; k < categoryCount; k++) {
      const column = categories[k];
      if (column === null) continue;
      const v = column[e];
      const w = weights[k];
      if (w === 0) continue;
      sum += w * v;
      weightSum += w;
      if (v < lowest) lowest = v;
      if (v > highest) highest = v;
    }
    if (weightSum > 0) {
      const mean = sum / weightSum; // withinValues, written out (see above)
      index[e] = mean < lowest ? lowest : mean > highest ? highest : mean;
    }
  }
}

/** Category indices and Gesamtindex of every unit as plain doubles, NaN where `UnitIndex` has null. */
export interface IndexColumns {
  /** `categories[k][unit]`: null for a category that does not count (every unit has null there). */
  categories: (Float64Array | null)[];
  /** `index[unit]`: the Gesamtindex. */
  index: Float64Array;
}

/**
 * `unitIndicesOfColumns` as typed columns, the engine's internal form: the same numbers, bit for bit, with
 * NaN for null (a category index and a Gesamtindex are always finite otherwise: scores are finite and
 * the weights were checked). No object and no list per unit.
 *
 * @example
 * const s = indexStructure([{ column: "a", category: "K", direction: 1, weight: 1 }], [{ name: "K", weight: 1 }]);
 * const c = indexColumns([scoreColumn([2, null, 6], 1)], s, 3);
 * [...c.index]; // => [0, NaN, 100]
 * [...(c.categories[0] as Float64Array)]; // => [0, NaN, 100]
 */
export function indexColumns(
  columns: readonly Pick<ScoreColumn, "scores" | "missing">[],
  structure: IndexStructure,
  count: number,
): IndexColumns {
  const categoryCount = structure.categories.length;
  const categories = new Array<Float64Array | null>(categoryCount).fill(null);
  // the working columns of a category, made once and refilled for each (only `sum` is kept)
  let weightSum: Float64Array | null = null;
  let lowest: Float64Array | null = null;
  let highest: Float64Array | null = null;
  for (let k = 0; k < categoryCount; k++) {
    if (!structure.categoryCounts[k]) continue;
    const sum = new Float64Array(count);
    if (weightSum === null || lowest === null || highest === null) {
      weightSum = new Float64Array(count);
      lowest = new Float64Array(count).fill(Infinity);
      highest = new Float64Array(count).fill(-Infinity);
    } else {
      weightSum.fill(0);
      lowest.fill(Infinity);
      highest.fill(-Infinity);
    }
    for (let i = 0; i < structure.indicatorCategory.length; i++) {
      if (structure.indicatorCategory[i] !== k) continue;
      const w = structure.indicatorWeights[i];
      if (!Number.isFinite(w) || w < 0)
        throw new SrbUsageError(`weightedMean: weight ${w} is not a finite number ≥ 0`);
      if (w === 0) continue;
      addWeighted(columns[i], w, sum, weightSum, lowest, highest);
    }
    finishCategory(sum, weightSum, lowest, highest);
    categories[k] = sum;
  }
  const counted = structure.categoryCounts.some((c) => c);
  const categoryWeights = structure.categories.map((c, k) => (structure.categoryCounts[k] ? c.weight : 0));
  const index = new Float64Array(count).fill(NaN);
  if (counted) gesamtindexColumn(categories, categoryWeights, index);
  return { categories, index };
}

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
import type { CategorySpec, IndicatorSpec } from "./model";
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
  indicators: readonly IndicatorSpec[],
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

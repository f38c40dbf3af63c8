/**
 * Effective weights (SPEC.md §2.6): an indicator's weight in the Gesamtindex is its category's weight share
 * times its weight share inside the category. With four equal categories an indicator in a category of 3
 * counts 1/12, one in a category of 6 counts 1/24. Constant indicators (and categories that are left out
 * because all their indicators are constant) get 0 and the others are renormalised, so that the weights
 * shown are the weights actually used for a unit with complete data. They add up to 1.
 */
import type { EffectiveWeight } from "./allocation";
import { indexStructure } from "./gesamtindex";
import type { CategorySpec, IndicatorSpec, ResolvedIndicator } from "./model";

/**
 * Effective weight of every indicator in the Gesamtindex.
 *
 * @param indicators the indicators
 * @param categories the categories with their weights
 * @param informative per indicator: false for a constant indicator (weight 0); default all true
 * @example
 * // categories A (1 indicator) and B (2 indicators), equal category weights:
 * effectiveWeights(
 *   [{ column: "a", category: "A", direction: 1, weight: 1 },
 *    { column: "b", category: "B", direction: 1, weight: 1 },
 *    { column: "c", category: "B", direction: 1, weight: 1 }],
 *   [{ name: "A", weight: 1 }, { name: "B", weight: 1 }],
 * ).map((w) => w.weight); // => [0.5, 0.25, 0.25]
 */
export function effectiveWeights(
  indicators: readonly (IndicatorSpec | ResolvedIndicator)[],
  categories: readonly CategorySpec[],
  informative?: readonly boolean[],
): EffectiveWeight[] {
  const s = indexStructure(indicators, categories, informative);
  const categoryTotal = s.categories.reduce((sum, c, k) => sum + (s.categoryCounts[k] ? c.weight : 0), 0);
  const insideTotal = s.categories.map((_, k) =>
    s.indicatorWeights.reduce((sum, w, i) => sum + (s.indicatorCategory[i] === k ? w : 0), 0),
  );
  return indicators.map((ind, i) => {
    const k = s.indicatorCategory[i];
    const counts = s.categoryCounts[k] && categoryTotal > 0 && insideTotal[k] > 0;
    return {
      column: ind.column,
      category: ind.category,
      weight: counts
        ? (s.categories[k].weight / categoryTotal) * (s.indicatorWeights[i] / insideTotal[k])
        : 0,
    };
  });
}

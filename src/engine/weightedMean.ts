/**
 * Weighted mean over the available values (SPEC.md §2.2–2.4): blank values (null) are skipped and the
 * weights renormalised over the values that are there. Used for the Kategorie-Index (scores of a category's
 * indicators) and the Gesamtindex (category indices).
 */
import { SrbUsageError } from "./issues";

/**
 * `Σ wᵢ·xᵢ / Σ wᵢ` over the entries whose value is not null and whose weight is > 0, never outside the
 * smallest and largest of those values (see `withinValues`).
 *
 * @param values the values (null = missing, skipped)
 * @param weights one weight ≥ 0 per value
 * @returns the weighted mean, or null when no value with a positive weight is available
 * @throws {SrbUsageError} if the lengths differ or a weight is negative or not finite (a caller bug)
 * @example
 * weightedMean([50, null, 100], [1, 1, 3]); // => (50·1 + 100·3) / 4 = 87.5
 * weightedMean([null, null], [1, 1]); // => null
 */
export function weightedMean(values: readonly (number | null)[], weights: readonly number[]): number | null {
  if (values.length !== weights.length)
    throw new SrbUsageError("weightedMean: values and weights differ in length");
  let sum = 0;
  let weightSum = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0)
      throw new SrbUsageError(`weightedMean: weight ${w} is not a finite number ≥ 0`);
    const v = values[i];
    if (v === null || w === 0) continue;
    sum += w * v;
    weightSum += w;
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
  }
  return weightSum > 0 ? withinValues(sum / weightSum, lowest, highest) : null;
}

/**
 * A weighted mean lies between the smallest and the largest value; rounding can push `Σ wᵢ·xᵢ / Σ wᵢ` one
 * unit in the last place beyond them (weight 1e-300, value 100: 100.00000000000001, a min–max score above
 * 100). This puts it back; a value that is already inside is returned unchanged.
 *
 * @example withinValues(100.00000000000001, 100, 100); // => 100
 * @example withinValues(87.5, 50, 100); // => 87.5
 */
export function withinValues(mean: number, lowest: number, highest: number): number {
  return mean < lowest ? lowest : mean > highest ? highest : mean;
}

/**
 * Standardpunktzahl (standard score) of one indicator over all units (SPEC.md §2.1).
 *
 * - min–max (default): direction +1 `s = 100 · (x − min) / (max − min)`, direction −1
 *   `s = 100 · (max − x) / (max − min)`; with fixed goalposts (reference-year min and max) values outside
 *   the goalposts are clamped to [0, 100].
 * - T-score (option): `s = 50 + 10 · z`, `z = (x − mean) / sd` (sd as the model says: sample n−1 or
 *   population), sign reversed for direction −1.
 *
 * Blank values (null) stay null. An indicator with fewer than two distinct values is *constant*: it carries
 * no information, every score is null and `constant` is true (SPEC.md: never silently 0 or 50). This also
 * holds with fixed goalposts: the indicator is left out of every mean.
 */
import { mean, sampleStandardDeviation, standardDeviation } from "simple-statistics";
import type { Direction, Normalisation, SdKind } from "./model";

export interface StandardScoreOptions {
  /** "minmax" (default) or "tscore". */
  normalisation?: Normalisation;
  /** Standard deviation for the T-score: "sample" (n−1, default) or "population". */
  sd?: SdKind;
  /** Fixed goalposts for min–max (used only when `max > min`). */
  goalposts?: { min: number; max: number } | null;
}

export interface StandardScores {
  /** One score per input value; null for a blank value or a constant indicator. */
  scores: (number | null)[];
  /** Fewer than two distinct values: the indicator is left out of every mean. */
  constant: boolean;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Standard scores of one indicator's values.
 *
 * @param values raw values of all units (null = blank)
 * @param direction +1 higher = more need, −1 higher = less need
 * @param options normalisation, sd kind, goalposts
 * @returns the scores and whether the indicator is constant
 * @example
 * standardScores([2, 4, 6], 1).scores; // => [0, 50, 100]
 * standardScores([2, 4, 6], -1).scores; // => [100, 50, 0]
 * standardScores([3, null, 3], 1); // => { scores: [null, null, null], constant: true }
 */
export function standardScores(
  values: readonly (number | null)[],
  direction: Direction,
  options: StandardScoreOptions = {},
): StandardScores {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const allNull = values.map(() => null);
  if (present.length === 0) return { scores: allNull, constant: true };
  const min = Math.min(...present);
  const max = Math.max(...present);
  if (max === min) return { scores: allNull, constant: true };
  const present1 = (v: number | null): v is number => v !== null && Number.isFinite(v);

  if ((options.normalisation ?? "minmax") === "tscore") {
    const m = mean(present);
    const sd = options.sd === "population" ? standardDeviation(present) : sampleStandardDeviation(present);
    if (!(sd > 0)) return { scores: allNull, constant: true };
    return {
      scores: values.map((v) => (present1(v) ? 50 + 10 * direction * ((v - m) / sd) : null)),
      constant: false,
    };
  }

  const goal = options.goalposts;
  const useGoal =
    goal != null && Number.isFinite(goal.min) && Number.isFinite(goal.max) && goal.max > goal.min;
  const low = useGoal ? goal.min : min;
  const high = useGoal ? goal.max : max;
  const score = (v: number): number => {
    const s = direction === 1 ? (100 * (v - low)) / (high - low) : (100 * (high - v)) / (high - low);
    return clamp(s, 0, 100);
  };
  return { scores: values.map((v) => (present1(v) ? score(v) : null)), constant: false };
}

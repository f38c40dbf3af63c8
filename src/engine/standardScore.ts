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
  const column = scoreColumn(values, direction, options);
  const n = values.length;
  const scores = new Array<number | null>(n);
  for (let k = 0; k < n; k++) scores[k] = column.missing[k] ? null : column.scores[k];
  return { scores, constant: column.constant };
}

/** Standard scores of one indicator as typed arrays (the engine's internal form, no boxed numbers). */
/**
 * An indicator's raw values: a list with null for a blank, or plain doubles with NaN for a blank (what
 * the engine builds at 100,000 Kitas, see `typedIndicatorColumns`). Both mean the same to every function
 * here: a value that is null or not finite has no score.
 */
export type RawColumn = readonly (number | null)[] | Float64Array;

export interface ScoreColumn {
  /** The score per unit (0 where `missing`). */
  scores: Float64Array;
  /** 1 where the unit has no score (blank value, or every unit of a constant indicator). */
  missing: Uint8Array;
  constant: boolean;
}

/**
 * `standardScores` into typed arrays: the same numbers, bit for bit, with `missing[k] = 1` where
 * `standardScores(…).scores[k]` is null. 100,000 scores need no boxed number and no pointer array.
 *
 * @param values raw values of all units (null = blank)
 * @param direction +1 higher = more need, −1 higher = less need
 * @param options normalisation, sd kind, goalposts
 * @example
 * const c = scoreColumn([2, null, 6], 1);
 * [...c.scores]; // => [0, 0, 100]
 * [...c.missing]; // => [0, 1, 0]
 */
export function scoreColumn(
  values: RawColumn,
  direction: Direction,
  options: StandardScoreOptions = {},
): ScoreColumn {
  // One pass for min and max (no filtered copy, no `Math.min(...spread)`, which overflows the call stack
  // for a few hundred thousand values).
  const n = values.length;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (v === null || !Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scores = new Float64Array(n);
  const missing = new Uint8Array(n);
  const constant = (): ScoreColumn => ({ scores, missing: missing.fill(1), constant: true });
  if (count === 0 || max === min) return constant();

  if ((options.normalisation ?? "minmax") === "tscore") {
    const present = presentValues(values, count);
    const m = mean(present);
    const sd = options.sd === "population" ? standardDeviation(present) : sampleStandardDeviation(present);
    if (!(sd > 0)) return constant();
    for (let k = 0; k < n; k++) {
      const v = values[k];
      if (v !== null && Number.isFinite(v)) scores[k] = 50 + 10 * direction * ((v - m) / sd);
      else missing[k] = 1;
    }
    return { scores, missing, constant: false };
  }

  const goal = options.goalposts;
  const useGoal =
    goal != null && Number.isFinite(goal.min) && Number.isFinite(goal.max) && goal.max > goal.min;
  const low = useGoal ? goal.min : min;
  const high = useGoal ? goal.max : max;
  const range = high - low;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (v === null || !Number.isFinite(v)) {
      missing[k] = 1;
      continue;
    }
    const s = direction === 1 ? (100 * (v - low)) / range : (100 * (high - v)) / range;
    scores[k] = clamp(s, 0, 100);
  }
  return { scores, missing, constant: false };
}

/** The finite values, in order (`count` of them). */
function presentValues(values: RawColumn, count: number): number[] {
  // plain doubles: simple-statistics reads only `length` and `x[i]`, so the same bits come out
  const present = new Float64Array(count);
  let j = 0;
  // indexed, not for-of: an iterator over a Float64Array can box every value it hands out
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== null && Number.isFinite(v)) present[j++] = v;
  }
  return present as unknown as number[];
}

/**
 * Does an indicator carry information, i.e. has it at least two distinct finite values? The same answer
 * as `standardScores(values, 1).constant === false`, without computing any score.
 *
 * @example
 * isInformative([3, null, 3]); // => false
 * isInformative([3, null, 4]); // => true
 */
export function isInformative(values: RawColumn): boolean {
  let first: number | null = null;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === null || !Number.isFinite(v)) continue;
    if (first === null) first = v;
    else if (v !== first) return true;
  }
  return false;
}

/**
 * Outlier winsorisation, the COINr default rule (SPEC.md §2.7).
 *
 * While an indicator has |skewness| > 2 **and** kurtosis > 3.5, its most extreme value (the maximum when
 * the skew is positive, the minimum when negative) is clipped to the next value inward; all units sharing
 * that extreme value are clipped together (a value clipped twice counts once). At most 5 distinct values
 * are clipped per indicator: a clip that would exceed that limit is not made.
 *
 * Which statistics: skewness is simple-statistics `sampleSkewness` (adjusted Fisher–Pearson, Excel SKEW),
 * kurtosis is simple-statistics `sampleKurtosis`, the sample **excess** kurtosis (Excel KURT, normal = 0).
 * These are the definitions COINr's `skew()` and `kurt()` follow (they mirror Excel), so the threshold 3.5
 * applies to excess kurtosis. The rule needs at least 4 values; with fewer nothing is clipped.
 */
import { max, min, sampleKurtosis, sampleSkewness } from "simple-statistics";

export interface Winsorisation {
  /** The values after clipping (same order; nulls stay null). */
  values: (number | null)[];
  /** Positions (input order) of the values that were clipped. */
  clipped: number[];
}

/** The maximum number of values clipped per indicator (COINr `winmax` default). */
export const MAX_CLIPS = 5;

/**
 * Does the COINr outlier rule fire for these values?
 *
 * @example
 * outlierRuleFires([1, 2, 3, 4, 5]); // => false
 * outlierRuleFires([1, 1, 1, 1, 1, 1, 1, 1, 1, 100]); // => true
 */
export function outlierRuleFires(values: readonly number[]): boolean {
  if (values.length < 4) return false;
  const skew = sampleSkewness([...values]);
  const kurtosis = sampleKurtosis([...values]);
  return Number.isFinite(skew) && Number.isFinite(kurtosis) && Math.abs(skew) > 2 && kurtosis > 3.5;
}

/**
 * Winsorise one indicator's values (COINr rule, at most `maxClips` values).
 *
 * @param values raw values (null = blank, left alone)
 * @param maxClips the most values to clip (default 5)
 * @example
 * winsorise([1, 1, 1, 1, 1, 1, 1, 1, 2, 100]);
 * // => { values: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2], clipped: [9] }
 */
export function winsorise(values: readonly (number | null)[], maxClips: number = MAX_CLIPS): Winsorisation {
  const out = [...values];
  const clipped = new Set<number>();
  for (;;) {
    const present = out.filter((v): v is number => v !== null && Number.isFinite(v));
    if (!outlierRuleFires(present)) break;
    const high = sampleSkewness(present) > 0;
    const extreme = high ? max(present) : min(present); // loops: no argument-spread limit on big columns
    const rest = present.filter((v) => v !== extreme);
    if (rest.length === 0) break;
    const next = high ? max(rest) : min(rest);
    const positions = out.flatMap((v, i) => (v === extreme ? [i] : []));
    if (new Set([...clipped, ...positions]).size > maxClips) break;
    for (const i of positions) {
      out[i] = next;
      clipped.add(i);
    }
  }
  return { values: out, clipped: [...clipped].sort((a, b) => a - b) };
}

/**
 * Outlier winsorisation, the COINr default rule (SPEC.md §2.7).
 *
 * While an indicator has |skewness| > 2 **and** kurtosis > 3.5, its most extreme value (the maximum when
 * the skew is positive, the minimum when negative) is clipped to the next value inward; all units sharing
 * that extreme value are clipped together (a unit clipped twice counts once).
 *
 * The limit (at most 5 units, COINr's `winmax`) is checked before each clip, as COINr does: while fewer
 * than 5 units are clipped, the next clip is made, with its whole tied group. So six or more units tied at
 * the extreme are clipped together (`limitExceeded`; before 2026-11 SRB clipped nothing then, silently).
 * When the rule still fires after the limit, `stillFires` says so with the remaining skewness and kurtosis
 * (COINr would then log-transform the indicator; SRB does not transform, it warns — docs/method-decisions.md).
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
  /** A tied group at the extreme took the number of clipped units beyond the limit. */
  limitExceeded: boolean;
  /** The rule still fires after the limit was reached (outliers remain). */
  stillFires: boolean;
  /** Skewness and excess kurtosis of the clipped values (NaN with fewer than 4 values). */
  skewness: number;
  kurtosis: number;
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

function statistic(f: (x: number[]) => number, values: number[]): number {
  return values.length >= 4 ? f(values) : NaN;
}

/**
 * Winsorise one indicator's values (COINr rule; clips while fewer than `maxClips` units are clipped).
 *
 * @param values raw values (null = blank, left alone)
 * @param maxClips the limit of clipped units (default 5), checked before each clip
 * @example
 * winsorise([1, 1, 1, 1, 1, 1, 1, 1, 2, 100]);
 * // => { values: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2], clipped: [9], limitExceeded: false, stillFires: false, … }
 */
export function winsorise(values: readonly (number | null)[], maxClips: number = MAX_CLIPS): Winsorisation {
  const out = [...values];
  const clipped = new Set<number>();
  let fires = false;
  let present: number[] = [];
  for (;;) {
    present = out.filter((v): v is number => v !== null && Number.isFinite(v));
    fires = outlierRuleFires(present);
    if (!fires || clipped.size >= maxClips) break;
    const high = sampleSkewness(present) > 0;
    const extreme = high ? max(present) : min(present); // loops: no argument-spread limit on big columns
    const rest = present.filter((v) => v !== extreme);
    if (rest.length === 0) break;
    const next = high ? max(rest) : min(rest);
    out.forEach((v, i) => {
      if (v === extreme) {
        out[i] = next;
        clipped.add(i);
      }
    });
  }
  return {
    values: out,
    clipped: [...clipped].sort((a, b) => a - b),
    limitExceeded: clipped.size > maxClips,
    stillFires: fires,
    skewness: statistic(sampleSkewness, present),
    kurtosis: statistic(sampleKurtosis, present),
  };
}

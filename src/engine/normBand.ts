/**
 * Normbereich (norm band, SPEC.md §3): mean ± one standard deviation over the units (or the Sozialräume),
 * and where a value lies: `oberhalb` if value > upper, `unterhalb` if value < lower, else `innerhalb`
 * (bounds inclusive).
 *
 * The sd is the sample standard deviation (n−1, Excel STDEV.S / SPSS) by default, or the population one
 * (STDEV.P). Blank values (null) are skipped. With a single value the sd is 0 (the band is that value);
 * with no value at all every field is NaN and no value lies in a band (null).
 */
import { mean, sampleStandardDeviation, standardDeviation } from "simple-statistics";
import type { Band, NormBand } from "./allocation";
import type { SdKind } from "./model";

/**
 * Norm band of a list of index values.
 *
 * @param values index values (null or NaN = none, skipped; plain doubles as the engine keeps them)
 * @param sd "sample" (n−1, default) or "population"
 * @example
 * normBand([10, 20, 30]); // => { mean: 20, sd: 10, lower: 10, upper: 30 }
 * normBand([10, 20, 30], "population").sd; // => 8.16496580927726
 */
export function normBand(values: readonly (number | null)[] | Float64Array, sd: SdKind = "sample"): NormBand {
  // The present values as plain doubles (a Float64Array), not a filtered copy of boxed numbers: the same
  // simple-statistics functions, index by index, give the same bits (they only read `length` and `x[i]`).
  let count = 0;
  // indexed loops, not for-of: an iterator over a Float64Array can box every value it hands out
  const n = values.length;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (v !== null && Number.isFinite(v)) count++;
  }
  if (count === 0) return { mean: NaN, sd: NaN, lower: NaN, upper: NaN };
  const typed = new Float64Array(count);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (v !== null && Number.isFinite(v)) typed[j++] = v;
  }
  const present = typed as unknown as number[];
  const m = mean(present);
  const s =
    present.length < 2
      ? 0
      : sd === "population"
        ? standardDeviation(present)
        : sampleStandardDeviation(present);
  return { mean: m, sd: s, lower: m - s, upper: m + s };
}

/**
 * Where a value lies relative to a norm band (bounds inclusive).
 *
 * @example
 * const band = { mean: 20, sd: 10, lower: 10, upper: 30 };
 * bandOf(30, band); // => "innerhalb"
 * bandOf(30.1, band); // => "oberhalb"
 * bandOf(null, band); // => null
 */
export function bandOf(value: number | null, band: NormBand): Band | null {
  if (
    value === null ||
    !Number.isFinite(value) ||
    !Number.isFinite(band.lower) ||
    !Number.isFinite(band.upper)
  ) {
    return null;
  }
  if (value > band.upper) return "oberhalb";
  if (value < band.lower) return "unterhalb";
  return "innerhalb";
}

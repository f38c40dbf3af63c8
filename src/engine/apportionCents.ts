/**
 * Largest-remainder apportionment (Hare–Niemeyer) to whole cents (SPEC.md §4).
 *
 * Every quota `weight_i / Σ weight · total` (in cents) is floored; the cents still missing go one each to
 * the largest remainders. Equal remainders: the larger weight (share) first, then input order (callers pass
 * sheet order). When remainders are equal *across the cut* — some entries of that remainder get a cent,
 * others do not — the law would draw lots: every entry with that remainder is flagged in `tieFlags`.
 * The result always adds up to `total` exactly (computed in integer cents).
 *
 * Floating point: quotas carry a relative error of a few 1e-16; two remainders closer than
 * `max(1e-9, totalCents · 1e-14)` cents count as equal, so a true tie is never hidden by rounding noise.
 */
import { SrbUsageError } from "./issues";

export interface Apportionment {
  /** Amounts in euros with at most two decimals; Σ = total. */
  amounts: number[];
  /** Amounts in integer cents. */
  cents: number[];
  /** true for every entry whose extra cent (or lack of one) was decided by a tie. */
  tieFlags: boolean[];
}

/** The largest total (in cents) that is apportioned exactly: 10^15 cents = 10^13 €. */
export const MAX_TOTAL_CENTS = 1e15;

/**
 * Euros → integer cents (rounded half away from zero by `Math.round` on the cent value).
 *
 * @example
 * toCents(12.34); // => 1234
 * toCents(0.1 + 0.2); // => 30
 */
export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

/**
 * Split `total` euros over `weights` to the cent by largest remainder.
 *
 * @param total amount in euros (≥ 0; rounded to the cent first)
 * @param weights one weight ≥ 0 per entry, with a positive sum (in sheet order)
 * @throws {SrbUsageError} for a negative or non-finite total or weight, or weights adding up to 0
 * @example
 * // 100 € over 1 : 1 : 1: quotas 3333.33… cents each, floors 3333 · 3 = 9999, one cent missing;
 * // the three remainders are equal, so the cent goes to the first and all three are flagged.
 * apportionCents(100, [1, 1, 1]); // => { amounts: [33.34, 33.33, 33.33], cents: [3334, 3333, 3333], tieFlags: [true, true, true] }
 */
export function apportionCents(total: number, weights: readonly number[]): Apportionment {
  if (!Number.isFinite(total) || total < 0)
    throw new SrbUsageError("apportionCents: total must be a finite number ≥ 0");
  const n = weights.length;
  if (n === 0) return { amounts: [], cents: [], tieFlags: [] };
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0)
      throw new SrbUsageError("apportionCents: weights must be finite and ≥ 0");
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new SrbUsageError("apportionCents: the weights add up to 0");
  const totalCents = toCents(total);
  // Beyond 10^15 cents (10^13 €) whole cents are no longer exact in floating point: refuse, never loop.
  if (totalCents > MAX_TOTAL_CENTS)
    throw new SrbUsageError("apportionCents: total exceeds 10^13 €, cents would not be exact");
  const tolerance = Math.max(1e-9, totalCents * 1e-14);

  const quotas = weights.map((w) => (w * totalCents) / sum);
  const cents = quotas.map((q) => Math.floor(q + tolerance));
  const remainders = quotas.map((q, i) => Math.max(0, q - cents[i]));
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const d = remainders[b] - remainders[a];
    if (Math.abs(d) > tolerance) return d;
    return weights[b] - weights[a] || a - b;
  });

  let missing = totalCents - cents.reduce((a, b) => a + b, 0);
  const tieFlags = new Array<boolean>(n).fill(false);
  if (missing > 0 && missing < n) {
    const cutIn = remainders[order[missing - 1]];
    const cutOut = remainders[order[missing]];
    if (Math.abs(cutIn - cutOut) <= tolerance) {
      for (let i = 0; i < n; i++) if (Math.abs(remainders[i] - cutIn) <= tolerance) tieFlags[i] = true;
    }
  }
  // Mathematically 0 ≤ missing < n; the loops also cover rounding noise in either direction.
  for (let k = 0; missing > 0; k = (k + 1) % n, missing--) cents[order[k]] += 1;
  for (let k = n - 1; missing < 0; k = (k - 1 + n) % n) {
    if (cents[order[k]] > 0) {
      cents[order[k]] -= 1;
      missing++;
    }
  }
  return { amounts: cents.map((c) => c / 100), cents, tieFlags };
}

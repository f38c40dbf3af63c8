/**
 * Largest-remainder apportionment (Hare–Niemeyer) to whole cents.
 *
 * Every amount `weight_i / Σ weight · total` is floored to the cent; the cents still missing go one each
 * to the largest remainders. Ties between equal remainders: larger weight first, then input order; a tie
 * that decides a cent is reported (the law would draw lots) through `tieFlags`.
 * The result always adds up to `total` exactly (computed in integer cents).
 *
 * @example apportionCents(100, [1, 1, 1]).amounts // => [33.34, 33.33, 33.33] (first by order; tie flagged)
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

export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

export function apportionCents(total: number, weights: readonly number[]): Apportionment {
  if (!Number.isFinite(total) || total < 0) throw new SrbUsageError("apportionCents: total must be a finite number ≥ 0");
  const n = weights.length;
  if (n === 0) return { amounts: [], cents: [], tieFlags: [] };
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new SrbUsageError("apportionCents: weights must be finite and ≥ 0");
  }
  const totalCents = toCents(total);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new SrbUsageError("apportionCents: the weights add up to 0");
  // exact quotas in cents; floor and remainder
  const quotas = weights.map((w) => (w / sum) * totalCents);
  const cents = quotas.map((q) => Math.floor(q + 1e-9));
  const remainders = quotas.map((q, i) => Math.max(0, q - cents[i]));
  let missing = totalCents - cents.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i);
  order.sort((a, b) => remainders[b] - remainders[a] || weights[b] - weights[a] || a - b);
  const tieFlags = new Array<boolean>(n).fill(false);
  if (missing > 0 && missing < n) {
    // the last index that receives a cent and the first that does not: equal remainders there = a tie
    const lastIn = order[missing - 1];
    const firstOut = order[missing];
    if (Math.abs(remainders[lastIn] - remainders[firstOut]) < 1e-9 && weights[lastIn] === weights[firstOut]) {
      const r = remainders[lastIn];
      for (const i of order) if (Math.abs(remainders[i] - r) < 1e-9 && weights[i] === weights[lastIn]) tieFlags[i] = true;
    }
  }
  for (let k = 0; missing > 0; k = (k + 1) % n, missing--) cents[order[k]] += 1;
  while (missing < 0) {
    // floating-point guard: can only happen by rounding; take back from the smallest remainders
    const i = order[n - 1 + missing + 1 > 0 ? n - 1 : 0];
    cents[i] -= 1;
    missing++;
  }
  return { amounts: cents.map((c) => c / 100), cents, tieFlags };
}

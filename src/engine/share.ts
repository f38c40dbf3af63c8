/**
 * Budget share of each Sozialraum (SPEC.md §4).
 *
 * Without a Sockel: `share_r = I_r / Σ I`.
 * With a Sockel of fraction f (0–1): f of the budget is split first — equally over the areas or by the
 * areas' Kinder — and the rest (1 − f) by index. The **share** of an area is then its total fraction of the
 * budget: `share_r = f · sockelShare_r + (1 − f) · I_r / Σ I`, where `sockelShare_r` is 1 / (number of
 * areas) or `Kinder_r / Σ Kinder`. Amount = share · budget (cents by largest remainder), so shares add up
 * to 1 and amounts to the budget in both cases. `indexShares` keeps the plain `I_r / Σ I` for display.
 * If the Sockel is to be split by Kinder but Kinder are missing (or add up to 0), it is split equally and
 * `sockelByChildren` is false.
 */
import { SrbUsageError } from "./issues";
import type { SockelOption } from "./model";

/**
 * `I_r / Σ I` for every area.
 *
 * @param indices area indices, each ≥ 0, with a positive sum
 * @throws {SrbUsageError} if an index is negative or not finite or all are 0 (a caller bug: check first)
 * @example
 * indexShares([53.0, 43.2]); // => [53 / 96.2, 43.2 / 96.2] ≈ [0.5509, 0.4491]
 */
export function indexShares(indices: readonly number[]): number[] {
  for (const i of indices) {
    if (!Number.isFinite(i) || i < 0)
      throw new SrbUsageError(`indexShares: area index ${i} is not a number ≥ 0`);
  }
  const total = indices.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new SrbUsageError("indexShares: the area indices add up to 0");
  return indices.map((i) => i / total);
}

export interface BudgetShares {
  /** Total fraction of the budget per area (Sockel included); adds up to 1. */
  shares: number[];
  /** Plain `I_r / Σ I`. */
  indexShares: number[];
  /** Sockel fraction of the budget per area (0 without a Sockel). */
  sockelShares: number[];
  /** Whether the Sockel was split by Kinder (false: equally, or no Sockel). */
  sockelByChildren: boolean;
}

/**
 * Shares of the budget per area, with an optional Sockel.
 *
 * @param areas area index (≥ 0, positive sum) and Kinder (null = unknown)
 * @param sockel fraction and how to split it; omitted = no Sockel
 * @throws {SrbUsageError} for a Sockel fraction outside 0–1 or bad indices (see `indexShares`)
 * @example
 * // Sockel 20 % equally over 2 areas, the rest by index 30 : 10:
 * // A: 0.2 · 0.5 + 0.8 · 0.75 = 0.7, B: 0.2 · 0.5 + 0.8 · 0.25 = 0.3
 * budgetShares([{ index: 30, children: null }, { index: 10, children: null }], { fraction: 0.2, by: "equal" }).shares;
 * // => [0.7, 0.3]
 */
export function budgetShares(
  areas: readonly { index: number; children: number | null }[],
  sockel?: SockelOption | null,
): BudgetShares {
  const byIndex = indexShares(areas.map((a) => a.index));
  const fraction = sockel?.fraction ?? 0;
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new SrbUsageError(`budgetShares: Sockel fraction ${fraction} is not between 0 and 1`);
  }
  if (!sockel || fraction === 0) {
    return {
      shares: byIndex,
      indexShares: byIndex,
      sockelShares: areas.map(() => 0),
      sockelByChildren: false,
    };
  }
  const children = areas.map((a) => a.children);
  const childTotal = children.reduce<number>((s, c) => s + (c ?? 0), 0);
  const byChildren =
    sockel.by === "children" &&
    childTotal > 0 &&
    children.every((c) => c !== null && Number.isFinite(c) && c >= 0);
  const sockelSplit = areas.map((_, r) =>
    byChildren ? (children[r] as number) / childTotal : 1 / areas.length,
  );
  const sockelShares = sockelSplit.map((s) => fraction * s);
  return {
    shares: byIndex.map((s, r) => sockelShares[r] + (1 - fraction) * s),
    indexShares: byIndex,
    sockelShares,
    sockelByChildren: byChildren,
  };
}

/**
 * The rest of a Sozialraum's amount by index (SPEC.md §5, Schritt 2 step 2): what the set-asides leave is
 * proposed across the Kitas eligible for strand 1 (Kita-Sozialarbeit) or strand 3 (Interkulturelle
 * Fachkräfte), proportional to their Gesamtindex (option `rules.within: "index-children"`: Gesamtindex ×
 * Kinder), and turned into VZÄ in whole steps by largest remainder across the area (`distributeVzae`),
 * never using more money than the rest. What is left (less than a step per Kita) is "nicht verplant".
 *
 * Worked example: rest 100.000 €, one step (0,25 VZÄ) costs 11.250 €, two eligible Kitas with index 60
 * and 30 → 100.000 / 11.250 = 8,89 steps, 8 whole steps; quotas 5,93 and 2,96 → 5 + 2, the 8th step to
 * the larger remainder (0,96) → 1,25 VZÄ and 0,75 VZÄ (90.000 €), 10.000 € nicht verplant.
 */
import type { Issue } from "./issues";
import { messages } from "./messages";
import { costOfSteps } from "./vzaeSteps";
import { distributeVzae } from "./vzae";

/** How the rest is split within the area. */
export type WithinSplit = "index" | "index-children";

/** Default split of the rest: by Gesamtindex. */
export const DEFAULT_WITHIN: WithinSplit = "index";

/** Result of {@link restWeightsOf}. */
export interface RestWeights {
  /** Weight per unit (0: the unit gets nothing from the rest). */
  weights: number[];
  /** true when "index-children" fell back to the index because a Kinder count was missing. */
  fellBack: boolean;
}

function positive(x: number | null): x is number {
  return x !== null && Number.isFinite(x) && x > 0;
}

/**
 * The weights of the rest split, the Kitas read by position (k = 0 … count − 1) from a caller that holds
 * them in columns or lists of its own (no object per Kita): the Gesamtindex of each eligible Kita (index
 * ≤ 0 or missing: 0), times its Kinder with "index-children". When a Kita that would receive money has no
 * Kinder count, the whole area falls back to the index alone (a warning is the caller's).
 *
 * @example
 * restWeightsOf(2, () => true, (k) => [60, 30][k], (k) => [50, 100][k], "index-children"); // => { weights: [3000, 3000], fellBack: false }
 * restWeightsOf(2, () => true, (k) => [60, 30][k], () => null, "index"); // => { weights: [60, 30], fellBack: false }
 */
export function restWeightsOf(
  count: number,
  eligibleOf: (k: number) => boolean,
  indexOf: (k: number) => number | null,
  childrenOf: (k: number) => number | null,
  within: WithinSplit,
): RestWeights {
  const byIndex: number[] = [];
  for (let k = 0; k < count; k++) {
    const index = indexOf(k);
    byIndex.push(eligibleOf(k) && positive(index) ? index : 0);
  }
  if (within !== "index-children") return { weights: byIndex, fellBack: false };
  let missing = false;
  for (let k = 0; k < count && !missing; k++) {
    const children = childrenOf(k);
    missing = byIndex[k] > 0 && !(children !== null && children >= 0);
  }
  if (missing) return { weights: byIndex, fellBack: true };
  const weights: number[] = [];
  for (let k = 0; k < count; k++) weights.push(byIndex[k] * (childrenOf(k) as number));
  return { weights, fellBack: false };
}

/** Result of {@link restByIndex}. */
export interface RestSplit {
  /** Steps per unit (input order). */
  steps: number[];
  /** true where equal remainders straddled the cut (the law would draw lots). */
  tieFlags: boolean[];
}

/**
 * Whole steps for the rest of an area: `distributeVzae` over the weights with the budget's cost of a VZÄ
 * (cost · Land share); then, since every unit's € is rounded to the cent, the rare cent too many is
 * trimmed by a step of the last unit that got one. Σ cost ≤ rest always holds.
 *
 * @param restCents the rest in cents
 * @param weights one weight ≥ 0 per unit (see {@link restWeightsOf})
 * @param budgetCostPerVzae the budget's part of a VZÄ's annual cost (cost · Land share), euros
 * @param step VZÄ of one step
 * @example
 * // 100.000 € at 11.250 € a step: quotas 5,93 and 2,96 → 5 + 2, the 8th step to the larger remainder
restByIndex(10000000, [60, 30], 45000, 0.25).steps; // => [5, 3] (1,25 VZÄ and 0,75 VZÄ)
 */
export function restByIndex(
  restCents: number,
  weights: readonly number[],
  budgetCostPerVzae: number,
  step: number,
): RestSplit {
  if (!(restCents > 0) || !weights.some((w) => w > 0)) {
    return { steps: weights.map(() => 0), tieFlags: weights.map(() => false) };
  }
  const split = distributeVzae(restCents / 100, weights, budgetCostPerVzae, step);
  const steps = split.vzae.map((v) => Math.round(v / step));
  const centsPerStep = budgetCostPerVzae * step * 100;
  const cost = (): number => steps.reduce((s, k) => s + costOfSteps(k, centsPerStep), 0);
  while (cost() > restCents) {
    let i = steps.length - 1;
    while (i > 0 && steps[i] === 0) i--;
    steps[i] -= 1;
  }
  return { steps, tieFlags: split.tieFlags };
}

/**
 * Warning `within-children-fallback`: "index-children" needs every receiving Kita's Kinder.
 *
 * @example
 * withinFallbackIssue("Nord").code; // => "within-children-fallback"
 */
export function withinFallbackIssue(area: string): Issue {
  return {
    level: "warning",
    code: "within-children-fallback",
    sheet: "",
    cell: "",
    message: messages.withinChildrenFallback(area),
  };
}

/**
 * Warning `step-tie`: equal remainders decided who got the last VZÄ step.
 *
 * @example
 * stepTieIssue("Nord", ["Kita A", "Kita B"]).code; // => "step-tie"
 */
export function stepTieIssue(area: string, ids: readonly string[]): Issue {
  return {
    level: "warning",
    code: "step-tie",
    sheet: "",
    cell: "",
    message: messages.stepTie(area, ids),
  };
}

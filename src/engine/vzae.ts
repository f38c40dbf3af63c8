/**
 * VZÄ (Vollzeitäquivalente, full-time equivalents) that a personnel volume pays for (SPEC.md §6):
 *
 *   VZÄ = P / annual cost per VZÄ, rounded down to a step (e.g. 0,25), never exceeding the money.
 *
 * Worked example: P = 1.670.400 €, cost 75.000 € per VZÄ → 22,272 VZÄ → 22,25 VZÄ (cost 1.668.750 €,
 * 1.650 € left, less than a quarter position of 18.750 €).
 *
 * Distributing one pot over several units (areas or Kitas), see {@link distributeVzae}: every unit first
 * gets what its own share of the money buys (rounded down), then the whole steps the leftover money still
 * pays go one each to the largest remainders.
 */
import { SrbUsageError, type Issue } from "./issues";
import { messages } from "./messages";

/** Default step VZÄ are rounded down to. */
export const DEFAULT_VZAE_STEP = 0.25;

/** Money tolerance: half a cent (amounts are cent-exact, so anything below is float noise). */
const HALF_CENT = 0.005;

function problems(costPerVzae: number, step: number): string[] {
  const out: string[] = [];
  if (!(Number.isFinite(costPerVzae) && costPerVzae > 0)) {
    out.push(messages.costPerVzaeInvalid(costPerVzae));
  }
  if (!(Number.isFinite(step) && step > 0)) out.push(messages.vzaeStepInvalid(step));
  return out;
}

/**
 * Checks the VZÄ parameters of a model; every problem is an `error` issue (code `vzae-invalid`).
 *
 * @example
 * vzaeIssues(75000, 0.25); // => []
 * vzaeIssues(0, 0.25)[0].code; // => "vzae-invalid"
 */
export function vzaeIssues(costPerVzae: number, step: number = DEFAULT_VZAE_STEP): Issue[] {
  return problems(costPerVzae, step).map((p) => ({
    level: "error" as const,
    code: "vzae-invalid",
    sheet: "",
    cell: "",
    message: messages.parameterProblem("Personal", p),
  }));
}

/** k steps as a clean decimal (3 · 0.1 = 0.30000000000000004 → 0.3). */
function stepsToVzae(k: number, step: number): number {
  return Math.round(k * step * 1e9) / 1e9;
}

/** Whole steps the money pays for: floor(P / (cost · step)), float-safe, never exceeding P. */
function wholeSteps(money: number, stepCost: number): number {
  let k = Math.floor(money / stepCost + 1e-9);
  while (k > 0 && k * stepCost > money + HALF_CENT) k--;
  return Math.max(0, k);
}

function assertParameters(fn: string, money: number, costPerVzae: number, step: number): void {
  if (!Number.isFinite(money) || money < 0)
    throw new SrbUsageError(`${fn}: money must be a finite number ≥ 0`);
  const p = problems(costPerVzae, step);
  if (p.length > 0) throw new SrbUsageError(`${fn}: ${p.join("; ")}`);
}

/**
 * VZÄ that `personnelVolume` pays for at `costPerVzae` a year, rounded down to `step`.
 * `k · step · cost ≤ P` always holds (within half a cent); exactly `3 · cost` gives 3, not 2,75.
 *
 * @throws {SrbUsageError} if P < 0 or a parameter is invalid (check with {@link vzaeIssues}).
 * @example
 * vzaeFor(1670400, 75000);       // => 22.25
 * vzaeFor(3 * 61234.56, 61234.56); // => 3
 * vzaeFor(50000, 75000, 0.5);    // => 0.5
 */
export function vzaeFor(
  personnelVolume: number,
  costPerVzae: number,
  step: number = DEFAULT_VZAE_STEP,
): number {
  assertParameters("vzaeFor", personnelVolume, costPerVzae, step);
  return stepsToVzae(wholeSteps(personnelVolume, costPerVzae * step), step);
}

/** Result of {@link distributeVzae}. */
export interface VzaeDistribution {
  /** VZÄ per unit (input order), multiples of the step. */
  vzae: number[];
  /** Money the VZÄ cost (Σ vzae · cost), euros, cent-rounded. */
  cost: number;
  /** Money left in the pot (pot − cost), less than one step's cost. */
  remainingMoney: number;
  /** true for the units whose equal remainders straddle the cut (some got the extra step, some not). */
  tieFlags: boolean[];
}

/**
 * Distributes VZÄ over several units from one pot of money without exceeding it.
 *
 * Definition (largest remainder in steps, the money being the quota): unit i's own money is
 * `m_i = pot · w_i / Σw`, its quota `q_i = m_i / (cost · step)` steps. Every unit gets `⌊q_i⌋` steps
 * (exactly what {@link vzaeFor} gives for `m_i`); the `S − Σ⌊q_i⌋` steps still missing, where
 * `S = ⌊pot / (cost · step)⌋` is what the whole pot pays, go one each to the largest remainders
 * `q_i − ⌊q_i⌋` (equal remainders: larger weight first, then input order; when equal remainders straddle the cut, all of
 * them are flagged, as in `apportionCents`).
 * Hence: Σ VZÄ · cost ≤ pot, the money left is less than one step, and every unit gets at least what its
 * own money buys and at most one step more. Units with weight 0 get 0.
 *
 * @throws {SrbUsageError} if the pot is negative, a weight negative/non-finite, or a parameter invalid.
 * @example
 * // pot 150.000 €, cost 60.000 €/VZÄ, step 0,5 (30.000 €): quotas 2,5 · (0,5; 0,3; 0,2) = 2,5 / 1,5 / 1 steps
 * // floors 2 + 1 + 1 = 4 steps of S = 5; the missing step goes to the largest remainder (0,5, both the first
 * // two units: the larger weight first, both flagged) → [1.5, 0.5, 0.5]
 * distributeVzae(150000, [5, 3, 2], 60000, 0.5).vzae; // => [1.5, 0.5, 0.5]
 */
export function distributeVzae(
  pot: number,
  weights: readonly number[],
  costPerVzae: number,
  step: number = DEFAULT_VZAE_STEP,
): VzaeDistribution {
  assertParameters("distributeVzae", pot, costPerVzae, step);
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0)
      throw new SrbUsageError("distributeVzae: weights must be finite and ≥ 0");
  }
  const n = weights.length;
  const steps = new Array<number>(n).fill(0);
  const tieFlags = new Array<boolean>(n).fill(false);
  const sum = weights.reduce((a, b) => a + b, 0);
  const stepCost = costPerVzae * step;
  if (n > 0 && sum > 0) {
    // the quota q_i of each unit gives its floor and remainder (plain doubles); the units with a weight in order
    const remainders = new Float64Array(n);
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      const q = (pot * (weights[i] / sum)) / stepCost;
      steps[i] = wholeSteps(q * stepCost, stepCost);
      remainders[i] = weights[i] > 0 ? Math.max(0, q - steps[i]) : -1;
      if (weights[i] > 0) order.push(i);
    }
    const total = wholeSteps(pot, stepCost);
    let missing = total - steps.reduce((a, b) => a + b, 0);
    // larger remainder first, then larger weight, then list order; the comparison answers −1, 0 or 1
    // (a small integer), not the difference of two doubles, which every call would box. Without steps to
    // hand out or take back (missing 0: the floors are the pot) the order decides nothing and is not sorted.
    if (missing !== 0)
      order.sort((a, b) => {
        const byRemainder = remainders[b] - remainders[a];
        if (byRemainder > 0) return 1;
        if (byRemainder < 0) return -1;
        const byWeight = weights[b] - weights[a];
        if (byWeight > 0) return 1;
        if (byWeight < 0) return -1;
        return a - b;
      });
    if (missing > 0 && missing < order.length) {
      const lastIn = order[missing - 1];
      const firstOut = order[missing];
      const r = remainders[lastIn];
      if (Math.abs(r - remainders[firstOut]) < 1e-9) {
        for (const i of order) if (Math.abs(remainders[i] - r) < 1e-9) tieFlags[i] = true;
      }
    }
    for (let k = 0; k < order.length && missing > 0; k++, missing--) steps[order[k]] += 1;
    // float guard: the floors were taken with a tolerance; never hand out more steps than the pot pays
    for (let k = order.length - 1; missing < 0 && k >= 0; k--) {
      if (steps[order[k]] > 0) {
        steps[order[k]] -= 1;
        missing++;
      }
    }
  }
  const vzae = steps.map((k) => stepsToVzae(k, step));
  const costCents = Math.round(steps.reduce((a, b) => a + b, 0) * stepCost * 100);
  return {
    vzae,
    cost: costCents / 100,
    remainingMoney: Math.round(pot * 100 - costCents) / 100,
    tieFlags,
  };
}

/**
 * VZÄ steps and their money, in whole cents: the arithmetic the Stellenplan (SPEC.md §5) is built on.
 *
 * One step (e.g. 0,25 VZÄ) costs the budget `stepCents = costPerVzae · landShare · step · 100` cents (the
 * budget pays the Land share of the personnel costs). k steps cost `round(k · stepCents)` cents: that is
 * the unit's € (Land part) on the sheet, so every sum of units is a sum of whole cents.
 *
 * Worked example: 75.000 € per VZÄ, Land share 0,6, step 0,25 → one step costs 11.250 € of the budget;
 * 100.000 € pay 8 steps (2 VZÄ, 90.000 €), 10.000 € stay.
 */

/**
 * The cents one step costs the budget, as a (possibly fractional) number of cents.
 *
 * @example
 * stepCents(75000, 0.6, 0.25); // => 1125000 (11.250 €)
 */
export function stepCents(costPerVzae: number, landShare: number, step: number): number {
  return costPerVzae * landShare * step * 100;
}

/**
 * The whole cents k steps cost the budget.
 *
 * @example
 * costOfSteps(3, 1125000); // => 3375000 (33.750 €)
 */
export function costOfSteps(k: number, centsPerStep: number): number {
  return Math.round(k * centsPerStep);
}

/**
 * The most whole steps `cents` pay for: the largest k with `costOfSteps(k) ≤ cents` (0 for no money).
 *
 * @example
 * stepsFor(10000000, 1125000); // => 8 (8 · 11.250 € = 90.000 € ≤ 100.000 €)
 * stepsFor(3375000, 1125000);  // => 3 (exactly three steps, not 2)
 */
export function stepsFor(cents: number, centsPerStep: number): number {
  if (!(cents > 0) || !(centsPerStep > 0)) return 0;
  let k = Math.floor(cents / centsPerStep + 1e-9);
  while (k > 0 && costOfSteps(k, centsPerStep) > cents) k--;
  return k;
}

/**
 * VZÄ of k steps as a clean decimal (3 · 0,1 = 0,30000000000000004 → 0,3).
 *
 * @example
 * vzaeOfSteps(3, 0.1); // => 0.3
 */
export function vzaeOfSteps(k: number, step: number): number {
  return Math.round(k * step * 1e9) / 1e9;
}

/**
 * Whole steps in a VZÄ figure, rounded down (with a tolerance for decimals such as 0,3 / 0,1), and
 * whether that rounding changed the figure (0,3 VZÄ at step 0,25 → 1 step, rounded).
 *
 * @example
 * stepsOfVzae(0.5, 0.25); // => { steps: 2, rounded: false }
 * stepsOfVzae(0.3, 0.25); // => { steps: 1, rounded: true }
 */
export function stepsOfVzae(vzae: number, step: number): { steps: number; rounded: boolean } {
  if (!Number.isFinite(vzae) || vzae <= 0 || !(step > 0)) return { steps: 0, rounded: vzae !== 0 };
  const steps = Math.floor(vzae / step + 1e-9);
  return { steps, rounded: Math.abs(steps * step - vzae) > 1e-9 };
}

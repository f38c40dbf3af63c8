/**
 * Carry forward (Fortschreibung, SPEC.md §5a): a new year's budget — typed, or grown by the Dynamisierung —
 * distributed by the **adopted** shares, without recomputing the index.
 *
 * Schritt 1: every Sozialraum keeps its adopted share; its amount is `share · budget`, whole cents by the
 * largest-remainder method, so the amounts add up to the new budget to the cent and each lies within a
 * cent of `share · budget`. Schritt 2: inside a Sozialraum the Einrichtungen keep their adopted proportions
 * (their adopted amounts are the weights, cents by largest remainder again); an area whose adopted amounts
 * were all 0 keeps its new amount as nicht verplant. Gesamtindex, bands and eligibility stay the adopted
 * ones — nothing is recomputed.
 *
 * Worked example: adopted shares Nord 0.6, Süd 0.4; new budget 1,025.00 € → Nord 615.00 €, Süd 410.00 €;
 * Nord's two Kitas had 400 € and 200 € → 410.00 € and 205.00 €.
 */
import type { Adoption } from "./adoption";
import type { Allocation, AreaResult, UnitResult } from "./allocation";
import { kofinanzierungPerArea } from "./allocate";
import { apportionCents, toCents } from "./apportionCents";
import { SrbUsageError } from "./issues";
import { unitCodes } from "./unitCodes";
import { vzaeFor } from "./vzae";

/** What is carried forward: the adopted shares per Sozialraum and the adopted amounts per Einrichtung. */
export interface CarryForwardBasis {
  areas: readonly { name: string; share: number }[];
  units: readonly { id: string; area: string; amount: number }[];
}

export interface CarriedArea {
  name: string;
  /** The adopted share, unchanged. */
  share: number;
  /** share · budget, cent-exact. */
  amount: number;
  /** The cent was decided by a tie in the largest-remainder method. */
  tieFlag: boolean;
  /** Part of the amount that no Einrichtung receives (no adopted amount in the area). */
  unplanned: number;
}

export interface CarriedUnit {
  id: string;
  area: string;
  amount: number;
}

export interface CarriedForward {
  budget: number;
  areas: CarriedArea[];
  units: CarriedUnit[];
}

/**
 * Distribute `budget` by the adopted shares (see the module comment).
 *
 * @param budget the new budget in euros (finite, ≥ 0)
 * @param basis adopted shares per area and adopted amounts per unit
 * @throws {SrbUsageError} for a bad budget or shares that are not finite, ≥ 0 with a positive sum
 * @example
 * carryForward(1025, {
 *   areas: [{ name: "Nord", share: 0.6 }, { name: "Süd", share: 0.4 }],
 *   units: [{ id: "A", area: "Nord", amount: 400 }, { id: "B", area: "Nord", amount: 200 }, { id: "C", area: "Süd", amount: 400 }],
 * });
 * // => areas: Nord 615, Süd 410; units: A 410, B 205, C 410
 */
export function carryForward(budget: number, basis: CarryForwardBasis): CarriedForward {
  if (!Number.isFinite(budget) || budget < 0)
    throw new SrbUsageError(`carryForward: budget must be a finite number ≥ 0, got ${budget}`);
  const shares = basis.areas.map((a) => a.share);
  const split = apportionCents(budget, shares);
  const unitAmounts = new Map<string, number>();
  const areas: CarriedArea[] = basis.areas.map((area, r) => {
    const amount = split.amounts[r];
    const members = basis.units.filter((u) => u.area === area.name);
    const weights = members.map((u) => (Number.isFinite(u.amount) && u.amount > 0 ? u.amount : 0));
    let unplanned = amount;
    if (weights.some((w) => w > 0) && amount > 0) {
      const within = apportionCents(amount, weights);
      members.forEach((u, k) => unitAmounts.set(u.id, within.amounts[k]));
      unplanned = 0;
    }
    return { name: area.name, share: area.share, amount, tieFlag: split.tieFlags[r], unplanned };
  });
  const units = basis.units.map((u) => ({ id: u.id, area: u.area, amount: unitAmounts.get(u.id) ?? 0 }));
  return { budget: toCents(budget) / 100, areas, units };
}

/**
 * The carried-forward allocation as a whole, for the sheets and the results JSON: the adopted Einrichtungen
 * and Sozialräume with their adopted index, bands and eligibility, and the new amounts, Kofinanzierung and
 * VZÄ of `carryForward`. The model is the adopted one with `budget.total` set to the new budget. Issues: none
 * of the adopted computation's; only a problem of the adopted Kofinanzierung or VZÄ parameters.
 *
 * @param adoption the adopted allocation
 * @param budget the new budget in euros
 * @example
 * const carried = carriedAllocation(adoption, 1_027_296);
 * carried.areas.map((a) => a.share); // => adoption.areas.map((a) => a.share)
 */
export function carriedAllocation(adoption: Adoption, budget: number): Allocation {
  const carried = carryForward(budget, {
    areas: adoption.areas,
    units: adoption.units.map((u) => ({ id: u.id, area: u.area, amount: u.plan?.amount ?? u.amount })),
  });
  const model = adoption.model;
  // the adopted model was resolved when it was read back (readAdoption): Kofinanzierung and VZÄ are valid
  const cost = model.budget.costPerVzae;
  const step = model.budget.vzaeStep;
  const kofi = kofinanzierungPerArea(
    carried.areas.map((a) => a.amount),
    model.budget.kofinanzierung,
  );
  const areas: AreaResult[] = adoption.areas.map((a, r) => ({
    name: a.name,
    index: a.index,
    band: a.band,
    share: a.share,
    amount: carried.areas[r].amount,
    units: a.units,
    children: a.children,
    personnelVolume: kofi[r].personnelVolume,
    landPart: kofi[r].landPart,
    municipalPart: kofi[r].municipalPart,
    vzae: cost !== null ? vzaeFor(kofi[r].personnelVolume, cost, step) : null,
    tieFlag: carried.areas[r].tieFlag,
  }));
  const codes = unitCodes(adoption.units);
  const units: UnitResult[] = adoption.units.map((u, k) => ({
    id: u.id,
    code: u.code ?? codes[k],
    area: u.area,
    row: u.row ?? k + 2,
    children: u.children,
    scores: u.scores ? [...u.scores] : [],
    categories: { ...u.categories },
    index: u.index,
    band: u.band,
    categoryBands: u.categoryBands
      ? { ...u.categoryBands }
      : Object.fromEntries(Object.keys(u.categories).map((c) => [c, null])),
    eligible: { ...u.eligible },
    proposedAmount: carried.units[k].amount,
  }));
  return {
    budget: carried.budget,
    units,
    areas,
    norm: {
      index: { ...adoption.norm.index },
      categories: Object.fromEntries(Object.entries(adoption.norm.categories).map(([k, v]) => [k, { ...v }])),
      areaIndex: { ...adoption.norm.areaIndex },
    },
    effectiveWeights: adoption.effectiveWeights.map((w) => ({ ...w })),
    issues: [],
    inputRange: adoption.inputRange ?? "",
    model: { ...model, budget: { ...model.budget, total: carried.budget } },
  };
}

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
import { scoreColumnsOfLists } from "./unitScores";
import { categoryIndicesOfRecords } from "./categoryIndices";
import { basisName, germanDate, type Adoption, type AdoptedUnit } from "./adoption";
import type { Allocation, AreaResult, BremenUnitResult, UnitResult } from "./allocation";
import { kofinanzierungPerArea } from "./allocate";
import { apportionCents, toCents } from "./apportionCents";
import { SrbUsageError, type Issue } from "./issues";
import { messages } from "./messages";
import type { ResolvedBudget, ResolvedModel } from "./model";
import { stellenplan, stellenplanIssues, stellenplanParameters, type Stellenplan } from "./stellenplan";
import { unitCodes } from "./unitCodes";
import { vzaeFor } from "./vzae";
import { formatEuro, formatNumber } from "./germanFormat";

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

/** The new year's budget parameters a carried-forward run takes from the current model. */
export type CarryForwardBudget = Pick<ResolvedBudget, "costPerVzae" | "vzaeStep" | "kofinanzierung"> &
  Partial<Pick<ResolvedBudget, "year">>;

/**
 * The carried-forward allocation as a whole, for the sheets and the results JSON: the adopted Einrichtungen
 * and Sozialräume with their adopted index, bands and eligibility, and the new amounts, Kofinanzierung and
 * VZÄ of `carryForward`.
 *
 * - **Stellenplan** (SPEC §5, when there is a cost per VZÄ): re-derived from the new area amounts by the
 *   rules of §5 with the adopted index, Kinder and eligibility — set-asides as adopted (strand 4 the adopted
 *   VZÄ, strand 2 the adopted flag), the rest by the adopted Gesamtindex in whole steps — so per area Σ € +
 *   nicht verplant = the new amount to the cent, as in every run (docs/method-decisions.md, Fortschreibung).
 *   Without a cost per VZÄ the Einrichtungen keep their adopted proportions (`carryForward`).
 * - **Bremen rule set**: funding follows the adopted Kita-Index and Kinder, so each Kita keeps its adopted
 *   VZÄ; a funded Kita gets the regular Sachkostenpauschale (nobody is funded for the first time).
 *
 * The model is the adopted one (method, rules) with the new year's budget: `budget.total` and, when given,
 * the current cost per VZÄ, step and Kofinanzierung (a tariff rise is this year's input) and the budget year. Issues: none of
 * the adopted computation's; the Stellenplan's own warnings, and an error for invalid budget parameters.
 *
 * @param adoption the adopted allocation
 * @param budget the new budget in euros
 * @param current the new year's cost per VZÄ, step, Kofinanzierung and year (default: the adopted ones)
 * @example
 * // adopted 1.000 €, Nord 5/12 with Kita B 1,5 VZÄ; carried to 1.300 € at 75.000 € per VZÄ, Land share 0,6
 * const carried = carriedAllocation(adoption, 1_300);
 * carried.areas.map((a) => a.share); // => adoption.areas.map((a) => a.share)
 * carried.areas.map((a) => a.amount); // => [541.67, 758.33]
 */
export function carriedAllocation(
  adoption: Adoption,
  budget: number,
  current?: CarryForwardBudget,
): Allocation {
  const carried = carryForward(budget, {
    areas: adoption.areas,
    units: adoption.units.map((u) => ({ id: u.id, area: u.area, amount: u.plan?.amount ?? u.amount })),
  });
  const adopted = adoption.model;
  const model: ResolvedModel = {
    ...adopted,
    budget: {
      ...adopted.budget,
      ...(current
        ? {
            costPerVzae: current.costPerVzae,
            vzaeStep: current.vzaeStep,
            kofinanzierung: { ...current.kofinanzierung },
            // the year the budget is for: the Vorlage of 2028 said „Sozialraumbudget 2027“, the adopted year
            ...(current.year !== undefined && current.year !== null ? { year: current.year } : {}),
          }
        : {}),
      total: carried.budget,
    },
  };
  const step = model.budget.vzaeStep;
  const issues: Issue[] = [];
  const scoresNotStored = unitsWithoutScores(adoption, issues);
  const plan =
    model.budget.costPerVzae !== null
      ? carriedStellenplan(adoption, carried, model, model.budget.costPerVzae, issues)
      : null;
  // invalid parameters (errors above) give no VZÄ rather than a crash; the run is blocked by the errors
  const cost = issues.some((i) => i.level === "error") ? null : model.budget.costPerVzae;
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
    ...(plan ? { unplanned: plan.areas[r].unplanned, plan: plan.areas[r] } : {}),
  }));
  // without a Stellenplan this year the Kitas keep their adopted proportions, set-asides included: which
  // part of each amount carries them is kept, so that a publication can leave it out of the Kita's row
  const setAsides = plan ? null : carriedSetAsides(adoption, carried);
  const codes = unitCodes(adoption.units);
  const sachkosten = model.bremen?.sachkosten ?? null;
  const units: UnitResult[] = adoption.units.map((u, k) => ({
    id: u.id,
    code: u.code ?? codes[k],
    area: u.area,
    row: u.row ?? k + 2,
    children: u.children,
    index: u.index,
    band: u.band,
    categoryBands: u.categoryBands
      ? { ...u.categoryBands }
      : Object.fromEntries(Object.keys(u.categories).map((c) => [c, null])),
    eligible: { ...u.eligible },
    proposedAmount: plan ? plan.units[k].amount : carried.units[k].amount,
    ...(plan ? { plan: plan.units[k] } : {}),
    ...(setAsides !== null && setAsides[k] > 0 ? { carriedSetAside: setAsides[k] } : {}),
    ...(model.data.traeger ? { traeger: u.traeger ?? null } : {}),
    ...(u.bremen ? { bremen: carriedBremen(u, adoption.date, sachkosten, adoption.source) } : {}),
  }));
  return {
    budget: carried.budget,
    units,
    scores: scoreColumnsOfLists(adoption.units.map((u) => u.scores)),
    ...(scoresNotStored ? { scoresNotStored } : {}),
    categoryIndices: categoryIndicesOfRecords(adoption.units.map((u) => u.categories)),
    areas,
    norm: {
      index: { ...adoption.norm.index },
      categories: Object.fromEntries(Object.entries(adoption.norm.categories).map(([k, v]) => [k, { ...v }])),
      areaIndex: { ...adoption.norm.areaIndex },
    },
    effectiveWeights: adoption.effectiveWeights.map((w) => ({ ...w })),
    issues,
    inputRange: adoption.inputRange ?? "",
    model,
    ...(plan && model.data.traeger ? { traeger: plan.traeger } : {}),
  };
}

/**
 * Per adopted unit the part of its carried amount (no Stellenplan this year) that carries its adopted
 * set-asides of strands 2 and 4: the amount split by largest remainder in proportion of the adopted VZÄ set
 * aside (`plan.strand2Vzae + plan.strand4Vzae`) and the rest of its adopted VZÄ — the adopted € of a plan are
 * its VZÄ times the cost of one, so the VZÄ give the adopted breakdown without the adopted cost per VZÄ. A
 * Beschluss of a run carried forward this way has no plan but the € split (`AdoptedUnit.setAside`): that
 * split. 0 for a unit without a set-aside; null when no unit has one.
 *
 * @example
 * // adopted: Kita B 1,0 VZÄ, 0,5 of them Nachbarschaftszentrum; carried amount 45.000,01 €
 * carriedSetAsides(adoption, carried); // => [0, 22500, …] (4.500.001 cents by 1 : 1, the odd cent to the index part)
 */
function carriedSetAsides(adoption: Adoption, carried: CarriedForward): number[] | null {
  let any = false;
  const parts = adoption.units.map((u, k) => {
    const amount = carried.units[k].amount;
    const p = u.plan;
    // the adopted Stellenplan's VZÄ, or (adopted from a run carried forward like this one) its € split
    const [byIndex, setAside] = p
      ? [p.vzae - (p.strand2Vzae ?? 0) - (p.strand4Vzae ?? 0), (p.strand2Vzae ?? 0) + (p.strand4Vzae ?? 0)]
      : [u.amount - (u.setAside ?? 0), u.setAside ?? 0];
    if (!(setAside > 0) || !(amount > 0)) return 0;
    any = true;
    return apportionCents(amount, [Math.max(0, byIndex), setAside]).amounts[1];
  });
  return any ? parts : null;
}

/** At most this many Einrichtungen are named in the warning about scores the basis did not keep. */
const NAMED_WITHOUT_SCORES = 10;

/**
 * The adopted units the basis kept no standard scores for (a hand-edited Beschluss): marked 1, with one
 * warning naming them and the basis; null (and no warning) when every unit has its list. The carried run does
 * not need the scores — it distributes by the adopted shares — but a row of nulls in results.json would read
 * as "no values" instead of "not known".
 */
function unitsWithoutScores(adoption: Adoption, issues: Issue[]): Uint8Array | null {
  const without = adoption.units.flatMap((u) => (Array.isArray(u.scores) ? [] : [u.id]));
  if (without.length === 0) return null;
  issues.push({
    level: "warning",
    code: "carry-forward-scores-missing",
    sheet: "",
    cell: "",
    message: messages.carryForwardScoresMissing(
      without.slice(0, NAMED_WITHOUT_SCORES),
      without.length,
      basisName(adoption),
      adoption.source === undefined,
    ),
  });
  return Uint8Array.from(adoption.units, (u) => (Array.isArray(u.scores) ? 0 : 1));
}

/** The Stellenplan of §5 over the carried area amounts and the adopted Kitas; null (with errors) for bad parameters. */
function carriedStellenplan(
  adoption: Adoption,
  carried: CarriedForward,
  model: ResolvedModel,
  cost: number,
  issues: Issue[],
): Stellenplan | null {
  const parameters = stellenplanParameters({
    costPerVzae: cost,
    step: model.budget.vzaeStep,
    kofinanzierung: model.budget.kofinanzierung,
    ...model.rules,
  });
  const problems = stellenplanIssues(parameters);
  if (problems.length > 0) {
    issues.push(...problems);
    return null;
  }
  const plan = stellenplan(
    carried.areas.map((a) => ({ name: a.name, amount: a.amount, share: a.share })),
    adoption.units.map((u, k) => ({
      id: u.id,
      area: u.area,
      row: u.row ?? k + 2,
      index: u.index,
      children: u.children,
      eligible: u.eligible,
      // the adopted set-aside (a request that was scaled down stays as adopted); none stored: one step
      strand4Vzae: u.eligible.zusatzpersonal ? (u.plan?.strand4Vzae ?? null) : null,
      traeger: u.traeger ?? null,
    })),
    parameters,
  );
  issues.push(...plan.issues);
  return plan;
}

/**
 * A Kita's Bremen result carried forward: the adopted VZÄ, the regular Sachkosten when it was funded.
 * `source` names a basis that is not a stored Beschluss (`Adoption.source`).
 *
 * @example carriedBremen({ bremen: { vzae: 0.5, sachkosten: 5000 }, … }, adoption.date, 2500); // adopted 10.03.2026
 * // => { vzae: 0.5, sachkosten: 2500, reason: "Fortgeschrieben (Beschluss vom 10.03.2026): 0,5 VZÄ; Sachkosten 2.500,00 €", … }
 */
export function carriedBremen(
  u: AdoptedUnit,
  date: string,
  sachkosten: number | null,
  source?: string,
): BremenUnitResult {
  const adopted = u.bremen ?? { vzae: 0, sachkosten: 0 };
  const funded = adopted.sachkosten > 0;
  const amount = funded ? (sachkosten ?? adopted.sachkosten) : 0;
  const decision = `Fortgeschrieben (${source ? `Anteile aus ${source}` : `Beschluss vom ${germanDate(date)}`})`;
  return {
    kitaIndex: adopted.kitaIndex ?? null,
    vzae: adopted.vzae,
    sachkosten: amount,
    reason:
      adopted.vzae > 0 || funded
        ? `${decision}: ${formatNumber(adopted.vzae, { min: 1, max: 2 })} VZÄ; Sachkosten ${formatEuro(amount)}`
        : `${decision}: keine eigene Stelle (wie beschlossen)`,
  };
}

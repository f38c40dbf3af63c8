/**
 * Schritt 2 as a Stellenplan (SPEC.md §5): per Sozialraum, staff per Kita in VZÄ steps, with its € (Land
 * part), municipal part and personnel volume, and per area what is "nicht verplant".
 *
 * Per area r with amount A_r from Schritt 1 (one step of `step` VZÄ costs the budget
 * `costPerVzae · landShare · step`):
 * 1. set-asides first, independent of any index (setAsides.ts): strand 4 as requested (scaled down to
 *    whole steps when the requests exceed A_r), then `strand2Vzae` for the Nachbarschaftszentrum;
 * 2. the rest by Gesamtindex (or × Kinder) over the Kitas eligible for strand 1 or 3, in whole steps by
 *    largest remainder (restByIndex.ts);
 * 3. an area with no eligible Kita and no set-aside keeps A_r as nicht verplant, or hands it to the other
 *    areas by their Schritt-1 shares (unspentAreas.ts);
 * 4. a Träger summary (traegerSummary.ts).
 * Invariants (tested): per area Σ unit € + nicht verplant = A_r + received − given, to the cent; Σ VZÄ ·
 * cost · landShare ≤ that; set-asides do not depend on any index; Träger totals = Kita totals; the order of
 * the Kitas in the list changes nothing (they are processed in sheet-row order).
 *
 * Worked example (the Nachbarschaftszentrum with the lowest index still gets its 0,5 VZÄ): Sozialraum Nord,
 * 100.000 €, 75.000 € per VZÄ, Land share 0,6, step 0,25 (11.250 € a step). Kita A (index 70, strand 1),
 * Kita B (index 40, strand 1), Kita C (index 5, not eligible by index, flagged as Nachbarschaftszentrum).
 * Strand 2: Kita C 0,5 VZÄ = 22.500 €. Rest 77.500 € = 6,89 steps → 6 steps by 70 : 40 (quotas 4,38 and 2,51)
 * → 4 + 2 → Kita A 1 VZÄ (45.000 €), Kita B 0,5 VZÄ (22.500 €). Σ 90.000 €, nicht verplant 10.000 €.
 */
import type { Eligibility } from "./allocation";
import { SrbUsageError, type Issue } from "./issues";
import { kofinanzierungIssues } from "./kofinanzierung";
import { DEFAULT_KOFINANZIERUNG, type KofinanzierungSpec } from "./model";
import {
  DEFAULT_WITHIN,
  restByIndex,
  restWeightsOf,
  stepTieIssue,
  type RestWeights,
  withinFallbackIssue,
  type WithinSplit,
} from "./restByIndex";
import { areaSetAsides } from "./setAsides";
import { traegerSummary, type TraegerTotal } from "./traegerSummary";
import { DEFAULT_UNSPENT, redistributeUnspent, type Redistribution, type UnspentRule } from "./unspentAreas";
import { DEFAULT_VZAE_STEP, vzaeIssues } from "./vzae";
import { costOfSteps, stepCents, stepsOfVzae, vzaeOfSteps } from "./vzaeSteps";
import { messages } from "./messages";

export { DEFAULT_WITHIN, DEFAULT_UNSPENT, type WithinSplit, type UnspentRule };

/** Default VZÄ for the Kommunikations- und Nachbarschaftszentrum of an area (`rules.strand2Vzae`). */
export const DEFAULT_STRAND2_VZAE = 0.5;

/** Strand names as results.json writes them (SPEC.md §8, `units[].plan.strands`). */
export type StrandName = "sozialarbeit" | "nachbarschaftszentrum" | "interkulturell" | "zusatzpersonal";

/** One Kita as the Stellenplan sees it. */
export interface StellenplanUnit {
  id: string;
  area: string;
  /** 1-based sheet row: the order in which Kitas are processed (ties: sheet order). */
  row: number;
  index: number | null;
  children: number | null;
  eligible: Eligibility;
  /** Requested strand-4 VZÄ (`data.strand4Vzae`); null: one step. */
  strand4Vzae: number | null;
  /** A1 address of the request cell (for the rounding warning). */
  strand4VzaeCell?: string;
  /** Träger (`data.traeger`); null: none given. */
  traeger: string | null;
}

/** One Sozialraum from Schritt 1. */
export interface StellenplanArea {
  name: string;
  /** Amount in euros, cent-exact. */
  amount: number;
  /** Share of the budget (0–1), for redistributing unspent areas. */
  share: number;
}

/** The parameters of the Stellenplan (budget and rules of the model). */
export interface StellenplanParameters {
  /** Annual employer cost of one VZÄ, euros. */
  costPerVzae: number;
  /** VZÄ step (default 0,25). */
  step: number;
  kofinanzierung: KofinanzierungSpec;
  /** VZÄ for the strand-2 Kita of an area (default 0,5). */
  strand2Vzae: number;
  within: WithinSplit;
  unspent: UnspentRule;
}

/** The plan of one Kita. */
export interface UnitPlan {
  /** € from the budget (Land part) = VZÄ · cost · Land share, cent-exact. */
  amount: number;
  /** Municipal part (Jugendamt) of the personnel costs. */
  municipal: number;
  /** Personnel volume = VZÄ · cost. */
  personnelVolume: number;
  /** All VZÄ of the Kita. */
  vzae: number;
  /** VZÄ set aside for strand 4. */
  strand4Vzae: number;
  /** VZÄ set aside for strand 2. */
  strand2Vzae: number;
  /** VZÄ from the rest by index (strands 1 and 3; how they split is decided locally). */
  indexVzae: number;
  /** The strands the Kita is eligible for. */
  strands: StrandName[];
  /** The last step of the rest was decided by equal remainders. */
  tieFlag: boolean;
}

/** The plan of one Sozialraum. */
export interface AreaPlan {
  name: string;
  /** Amount from Schritt 1 (A_r). */
  amount: number;
  /** Received from unspent areas. */
  received: number;
  /** Handed on to other areas (its whole amount when unspent and redistributed). */
  given: number;
  /** What the area plans with: amount + received − given. */
  available: number;
  /** Σ € of its Kitas. */
  planned: number;
  /** Nicht verplant: available − planned (≥ 0, less than one step per Kita unless unspent). */
  unplanned: number;
  vzae: number;
  municipal: number;
  personnelVolume: number;
}

/** Result of {@link stellenplan}. */
export interface Stellenplan {
  /** Per Kita, in the order of the input list. */
  units: UnitPlan[];
  /** Per Sozialraum, in the order of the input list. */
  areas: AreaPlan[];
  traeger: TraegerTotal[];
  issues: Issue[];
}

/**
 * The parameter problems that stop the Stellenplan, as `error` issues (VZÄ cost and step, Kofinanzierung,
 * strand-2 VZÄ).
 *
 * @example
 * stellenplanIssues({ costPerVzae: 75000, step: 0.25, kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
 *   strand2Vzae: 0.5, within: "index", unspent: "keep" }); // => []
 */
export function stellenplanIssues(p: StellenplanParameters): Issue[] {
  const issues = [...vzaeIssues(p.costPerVzae, p.step), ...kofinanzierungIssues(p.kofinanzierung)];
  if (!(Number.isFinite(p.strand2Vzae) && p.strand2Vzae >= 0)) {
    issues.push({
      level: "error",
      code: "vzae-invalid",
      sheet: "",
      cell: "",
      message: messages.parameterProblem("Personal", messages.strand2VzaeInvalid(p.strand2Vzae)),
    });
  }
  return issues;
}

/**
 * The strand lists of the 16 combinations, made once and frozen: every Kita with the same strands shares
 * one list (at 100,000 Kitas that is 100,000 arrays fewer), and a writer that tried to change a shared list
 * would fail loudly instead of changing other Kitas' lists.
 */
const STRAND_LISTS: readonly StrandName[][] = Array.from({ length: 16 }, (_, bits) => {
  const out: StrandName[] = [];
  if (bits & 1) out.push("sozialarbeit");
  if (bits & 2) out.push("nachbarschaftszentrum");
  if (bits & 4) out.push("interkulturell");
  if (bits & 8) out.push("zusatzpersonal");
  return Object.freeze(out) as StrandName[];
});

/** The strands of an eligibility as 4 bits (the index into `STRAND_LISTS`). */
function strandBits(e: Eligibility): number {
  return (
    (e.sozialarbeit ? 1 : 0) |
    (e.nachbarschaftszentrum ? 2 : 0) |
    (e.interkulturell ? 4 : 0) |
    (e.zusatzpersonal ? 8 : 0)
  );
}

/** A whole number 0 ≤ x < limit. */
function isSmallWhole(x: number, limit: number): boolean {
  return x >= 0 && x < limit && Math.floor(x) === x;
}

/**
 * The plans of the Kitas, one frozen object per distinct combination of steps (strand 4, strand 2, rest),
 * strands and tie flag: a plan's figures follow from these alone (€, municipal part and personnel volume
 * from the steps, cent-exact). At 100,000 Kitas a few hundred plans instead of 100,000 objects with five
 * boxed numbers each; a writer that tried to change a shared plan would fail loudly instead of changing
 * other Kitas' plans.
 *
 * @example
 * const plans = new SharedPlans(parameters, true, stepCents(75000, 0.6, 0.25));
 * plans.of(0, 2, 2, 3, 0) === plans.of(0, 2, 2, 3, 0); // => true (1 VZÄ, strands 1 and 2)
 */
class SharedPlans {
  private readonly made = new Map<number | string, UnitPlan>();

  constructor(
    private readonly p: StellenplanParameters,
    private readonly sharesAddUp: boolean,
    private readonly centsPerStep: number,
  ) {}

  /** The plan of a Kita with these whole steps, strands (`strandBits`) and tie flag (1 = tie). */
  of(steps4: number, steps2: number, stepsRest: number, strands: number, tie: number): UnitPlan {
    // whole step counts: one number as the key while they fit (nearly always), else a text
    const key =
      isSmallWhole(steps4, 1024) && isSmallWhole(steps2, 1024) && isSmallWhole(stepsRest, 1048576)
        ? ((stepsRest * 1024 + steps2) * 1024 + steps4) * 32 + strands * 2 + tie
        : `${steps4},${steps2},${stepsRest},${strands},${tie}`;
    let plan = this.made.get(key);
    if (plan === undefined) {
      plan = this.make(steps4, steps2, stepsRest, strands, tie);
      this.made.set(key, plan);
    }
    return plan;
  }

  private make(steps4: number, steps2: number, stepsRest: number, strands: number, tie: number): UnitPlan {
    const p = this.p;
    const k = steps4 + steps2 + stepsRest;
    const amount = costOfSteps(k, this.centsPerStep);
    const volume = Math.round(k * p.step * p.costPerVzae * 100);
    const municipal = this.sharesAddUp
      ? volume - amount
      : Math.round(k * p.step * p.costPerVzae * p.kofinanzierung.municipalShare * 100);
    return Object.freeze({
      amount: amount / 100,
      municipal: municipal / 100,
      personnelVolume: volume / 100,
      vzae: vzaeOfSteps(k, p.step),
      strand4Vzae: vzaeOfSteps(steps4, p.step),
      strand2Vzae: vzaeOfSteps(steps2, p.step),
      indexVzae: vzaeOfSteps(stepsRest, p.step),
      strands: STRAND_LISTS[strands],
      tieFlag: tie === 1,
    }) as UnitPlan;
  }
}

/** Positions 0 … n−1 in sheet-row order (equal rows keep list order); no sort when already in order. */
function inRowOrder(count: number, rowOf: (i: number) => number): number[] {
  const order: number[] = [];
  for (let i = 0; i < count; i++) order.push(i);
  for (let k = 1; k < count; k++) {
    if (rowOf(k - 1) > rowOf(k)) return order.sort((a, b) => rowOf(a) - rowOf(b) || a - b);
  }
  return order;
}

/**
 * The Kitas as `stellenplanOf` reads them: by position i = 0 … count − 1, each field a function, so that a
 * caller holding them in columns (the allocation: 100,000 Kitas) makes no object per Kita.
 */
export interface StellenplanUnits {
  count: number;
  id(i: number): string;
  area(i: number): string;
  row(i: number): number;
  index(i: number): number | null;
  children(i: number): number | null;
  eligible(i: number): Eligibility;
  strand4Vzae(i: number): number | null;
  strand4VzaeCell(i: number): string | undefined;
  traeger(i: number): string | null;
  /**
   * The positions of each area's Kitas in sheet-row order, by the order of `areas`, when the caller has
   * them already (the allocation groups its Kitas by area); else worked out from `area` and `row`.
   */
  areaMembers?: readonly (readonly number[])[];
}

/**
 * Computes the Stellenplan of all areas.
 *
 * @param areas the Sozialräume with their Schritt-1 amounts and shares (every unit's area among them)
 * @param units the Kitas (any order; processed in sheet-row order)
 * @param p cost, step, Kofinanzierung and rules
 * @param sheet the data sheet (for warnings with a cell)
 * @param options `traeger: false` leaves the Träger summary out (`traeger: []`), for a caller without a Träger column
 * @throws {SrbUsageError} for invalid parameters (check {@link stellenplanIssues} first), an amount that is
 *   not a finite number ≥ 0, or a unit whose area is not listed.
 * @example
 * // the worked example above: the Nachbarschaftszentrum (index 5) gets its 0,5 VZÄ
 * const plan = stellenplan([{ name: "Nord", amount: 100000, share: 1 }], [kitaA, kitaB, kitaC], parameters);
 * plan.units.map((u) => u.vzae); // => [1, 0.5, 0.5]
 * plan.areas[0].unplanned;        // => 10000
 */
export function stellenplan(
  areas: readonly StellenplanArea[],
  units: readonly StellenplanUnit[],
  p: StellenplanParameters,
  sheet = "",
  options: { traeger?: boolean } = {},
): Stellenplan {
  return stellenplanOf(
    areas,
    {
      count: units.length,
      id: (i) => units[i].id,
      area: (i) => units[i].area,
      row: (i) => units[i].row,
      index: (i) => units[i].index,
      children: (i) => units[i].children,
      eligible: (i) => units[i].eligible,
      strand4Vzae: (i) => units[i].strand4Vzae,
      strand4VzaeCell: (i) => units[i].strand4VzaeCell,
      traeger: (i) => units[i].traeger,
    },
    p,
    sheet,
    options,
  );
}

/**
 * `stellenplan` over Kitas read by position (`StellenplanUnits`): the same plan, issues and errors.
 *
 * @example stellenplanOf(areas, { count: units.length, id: (i) => units[i].id, … }, parameters); // => as stellenplan(areas, units, parameters)
 */
export function stellenplanOf(
  areas: readonly StellenplanArea[],
  units: StellenplanUnits,
  p: StellenplanParameters,
  sheet = "",
  options: { traeger?: boolean } = {},
): Stellenplan {
  assertPlannable(areas, p);
  const areaIndex = new Map(areas.map((a, i) => [a.name, i]));
  const members = units.areaMembers ?? membersOf(areas.length, areaIndex, units);

  const issues: Issue[] = [];
  const rules: StepRules = {
    p,
    sheet,
    centsPerStep: stepCents(p.costPerVzae, p.kofinanzierung.landShare, p.step),
    budgetCostPerVzae: p.costPerVzae * p.kofinanzierung.landShare,
  };
  const areaCents = areas.map((a) => Math.round(a.amount * 100));

  // who can use money at all: set-aside candidates and Kitas with a positive weight for the rest
  const weights = restWeightsOfAreas(members, units, p.within);
  const redistribution = unspentRedistribution(areas, areaCents, members, weights, units, p);
  issues.push(...redistribution.issues);

  // per Kita, in typed arrays (whole steps; 1 = tie): no boxed number per Kita
  const steps = noSteps(units.count);
  areas.forEach((area, r) => {
    if (redistribution.givenCents[r] > 0) return;
    const available = areaCents[r] + redistribution.receivedCents[r];
    planAreaSteps(area, members[r], areaCents[r], available, weights[r], units, rules, steps, issues);
  });

  const sharesAddUp = Math.abs(p.kofinanzierung.landShare + p.kofinanzierung.municipalShare - 1) < 1e-9;
  // money per Kita in cents (and its steps), typed: k steps, € Land part, personnel volume, municipal part
  const money = moneyOfSteps(steps.steps4, steps.steps2, steps.stepsRest, p, sharesAddUp, rules.centsPerStep);

  // A Kita's plan follows from its steps, strands and tie flag alone: Kitas alike share one frozen plan
  const plans = new SharedPlans(p, sharesAddUp, rules.centsPerStep);
  const unitPlans = plansOf(plans, units, steps.steps4, steps.steps2, steps.stepsRest, steps.ties);
  const areaPlans = areaPlansOf(areas, members, areaCents, redistribution, money, p.step);
  const traeger = options.traeger === false ? [] : traegerTotals(units, money, p.step);
  return { units: unitPlans, areas: areaPlans, traeger, issues };
}

/**
 * Throws for what `stellenplanOf` cannot plan with: invalid parameters (`stellenplanIssues`), then an area
 * amount that is not a finite number ≥ 0.
 *
 * @throws {SrbUsageError} as `stellenplanOf` documents
 */
function assertPlannable(areas: readonly StellenplanArea[], p: StellenplanParameters): void {
  const problems = stellenplanIssues(p);
  if (problems.length > 0)
    throw new SrbUsageError(`stellenplan: ${problems.map((i) => i.message).join(" ")}`);
  for (const a of areas) {
    if (!Number.isFinite(a.amount) || a.amount < 0)
      throw new SrbUsageError(`stellenplan: amount of area ${a.name} must be a finite number ≥ 0`);
  }
}

/** What every area's steps are worked out with: the parameters, the sheet and the cost of one step. */
interface StepRules {
  p: StellenplanParameters;
  /** The data sheet, for warnings with a cell. */
  sheet: string;
  /** The € (Land part) of one step, in cents. */
  centsPerStep: number;
  /** The budget's cost of one VZÄ (cost × Land share). */
  budgetCostPerVzae: number;
}

/** Whole steps per Kita by position, typed: strand 4, strand 2, the rest by index, and 1 for a tie. */
interface KitaSteps {
  steps4: Float64Array;
  steps2: Float64Array;
  stepsRest: Float64Array;
  ties: Uint8Array;
}

/** No steps yet for `count` Kitas. */
function noSteps(count: number): KitaSteps {
  return {
    steps4: new Float64Array(count),
    steps2: new Float64Array(count),
    stepsRest: new Float64Array(count),
    ties: new Uint8Array(count),
  };
}

/**
 * The weights for the rest of each area's Kitas (strand 1 or 3 eligible, by index or × Kinder), read by
 * position in the area's list: no object per Kita.
 */
function restWeightsOfAreas(
  members: readonly (readonly number[])[],
  units: StellenplanUnits,
  within: WithinSplit,
): RestWeights[] {
  return members.map((list) =>
    restWeightsOf(
      list.length,
      (k) => units.eligible(list[k]).sozialarbeit || units.eligible(list[k]).interkulturell,
      (k) => units.index(list[k]),
      (k) => units.children(list[k]),
      within,
    ),
  );
}

/**
 * Which areas cannot use their amount (no set-aside candidate, no Kita with a positive rest weight) and
 * what they hand on or keep by the rule `p.unspent` (`redistributeUnspent`).
 */
function unspentRedistribution(
  areas: readonly StellenplanArea[],
  areaCents: readonly number[],
  members: readonly (readonly number[])[],
  weights: readonly RestWeights[],
  units: StellenplanUnits,
  p: StellenplanParameters,
): Redistribution {
  const strand2Steps = stepsOfVzae(p.strand2Vzae, p.step).steps;
  const hasSetAside = members.map((list) =>
    list.some(
      (i) =>
        (units.eligible(i).zusatzpersonal &&
          (units.strand4Vzae(i) === null || stepsOfVzae(units.strand4Vzae(i) as number, p.step).steps > 0)) ||
        (units.eligible(i).nachbarschaftszentrum && strand2Steps > 0),
    ),
  );
  const canReceive = weights.map((w) => w.weights.some((x) => x > 0));
  return redistributeUnspent(
    areas.map((a, r) => ({
      name: a.name,
      cents: areaCents[r],
      share: a.share,
      unspent: !hasSetAside[r] && !canReceive[r],
      canReceive: canReceive[r],
    })),
    p.unspent,
  );
}

/**
 * The steps of one area's Kitas (`list`, positions in sheet-row order), written into `steps`: set-asides
 * from the area's own cents, then the rest of what is `available` by index; a unit's € is its steps' cost
 * rounded to the cent, so a rare cent too many is trimmed from the rest. Warnings go to `issues`.
 */
function planAreaSteps(
  area: StellenplanArea,
  list: readonly number[],
  ownCents: number,
  available: number,
  weights: RestWeights,
  units: StellenplanUnits,
  rules: StepRules,
  steps: KitaSteps,
  issues: Issue[],
): void {
  const { p, centsPerStep } = rules;
  const { steps4, steps2, stepsRest, ties } = steps;
  // Only Kitas flagged for strand 4 or 2 can get a set-aside: they alone go in, in list order (a Kita
  // without either flag requests nothing, costs nothing and is never the strand-2 host, so the steps,
  // the scaling and the warnings are the same as over the whole list); the others keep 0 steps.
  const flagged = list.filter(
    (i) => units.eligible(i).zusatzpersonal || units.eligible(i).nachbarschaftszentrum,
  );
  const setAsides = areaSetAsides(
    area.name,
    ownCents,
    flagged.map((i) => ({
      id: units.id(i),
      strand4: units.eligible(i).zusatzpersonal,
      strand4Request: units.strand4Vzae(i),
      strand4RequestCell: units.strand4VzaeCell(i),
      strand2: units.eligible(i).nachbarschaftszentrum,
    })),
    { centsPerStep, step: p.step, strand2Vzae: p.strand2Vzae },
    rules.sheet,
  );
  issues.push(...setAsides.issues);
  if (weights.fellBack) issues.push(withinFallbackIssue(area.name));
  const rest = restByIndex(available - setAsides.cents, weights.weights, rules.budgetCostPerVzae, p.step);
  flagged.forEach((i, k) => {
    steps4[i] = setAsides.strand4Steps[k];
    steps2[i] = setAsides.strand2Steps[k];
  });
  list.forEach((i, k) => {
    stepsRest[i] = rest.steps[k];
    ties[i] = rest.tieFlags[k] ? 1 : 0;
  });
  // a unit's € is its total steps' cost rounded to the cent; trim the rare cent too many from the rest
  const planned = (): number =>
    list.reduce((s, i) => s + costOfSteps(steps4[i] + steps2[i] + stepsRest[i], centsPerStep), 0);
  for (let k = list.length - 1; planned() > available && k >= 0;) {
    if (stepsRest[list[k]] > 0) stepsRest[list[k]] -= 1;
    else k--;
  }
  const tied = list.filter((i) => ties[i] === 1).map((i) => units.id(i));
  if (tied.length > 0) issues.push(stepTieIssue(area.name, tied));
}

/** Money per Kita in cents and its steps, as `moneyOfSteps` computes them. */
type KitaMoney = ReturnType<typeof moneyOfSteps>;

/** The area rows of the plan: amount, received, given, available, planned, nicht verplant, VZÄ and Kofinanzierung. */
function areaPlansOf(
  areas: readonly StellenplanArea[],
  members: readonly (readonly number[])[],
  areaCents: readonly number[],
  redistribution: Redistribution,
  money: KitaMoney,
  step: number,
): AreaPlan[] {
  const { stepsOf, amountCents, volumeCents, municipalCents } = money;
  return areas.map((a, r) => {
    const list = members[r];
    const available = areaCents[r] + redistribution.receivedCents[r] - redistribution.givenCents[r];
    const planned = sumOver(amountCents, list);
    return {
      name: a.name,
      amount: areaCents[r] / 100,
      received: redistribution.receivedCents[r] / 100,
      given: redistribution.givenCents[r] / 100,
      available: available / 100,
      planned: planned / 100,
      unplanned: (available - planned) / 100,
      vzae: vzaeOfSteps(sumOver(stepsOf, list), step),
      municipal: sumOver(municipalCents, list) / 100,
      personnelVolume: sumOver(volumeCents, list) / 100,
    };
  });
}

/** The Träger summary (`traegerSummary`) from each Kita's Träger, row and money. */
function traegerTotals(units: StellenplanUnits, money: KitaMoney, step: number): TraegerTotal[] {
  const { stepsOf, amountCents, volumeCents, municipalCents } = money;
  return traegerSummary(
    Array.from({ length: units.count }, (_, i) => ({
      traeger: units.traeger(i),
      row: units.row(i),
      steps: stepsOf[i],
      amountCents: amountCents[i],
      municipalCents: municipalCents[i],
      volumeCents: volumeCents[i],
    })),
    step,
  );
}

/**
 * The positions of each area's Kitas, in sheet-row order (`areaIndex`: area name → position in the list).
 * This and the functions below are the loops over every Kita, each a function of its own: optimised as a
 * whole, not on the stack inside `stellenplanOf`.
 *
 * @throws {SrbUsageError} for a Kita whose area is not listed
 * @example membersOf(1, new Map([["Nord", 0]]), kitas).length; // => 1 (every Kita in "Nord")
 */
function membersOf(
  areaCount: number,
  areaIndex: Map<string, number>,
  units: StellenplanUnits,
): readonly (readonly number[])[] {
  const members: number[][] = [];
  for (let a = 0; a < areaCount; a++) members.push([]);
  const order = inRowOrder(units.count, units.row);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const a = areaIndex.get(units.area(i));
    if (a === undefined) throw new SrbUsageError(`stellenplan: area ${units.area(i)} is not listed`);
    members[a].push(i);
  }
  return members;
}

/**
 * The sum of `values` at the positions `list`, added in list order (as `list.reduce((s, i) => s + values[i], 0)`,
 * bit for bit). A function of its own: compiled once for every area, no closure per sum.
 *
 * @example sumOver(Float64Array.of(1, 2, 4), [2, 0]); // => 5
 */
function sumOver(values: Float64Array, list: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < list.length; k++) s += values[list[k]];
  return s;
}

/**
 * Money per Kita in cents from its whole steps: k steps, € (Land part), personnel volume, municipal part.
 *
 * @example moneyOfSteps(Float64Array.of(0), Float64Array.of(2), Float64Array.of(2), p, true, 1125000).stepsOf; // => Float64Array [4]
 */
function moneyOfSteps(
  steps4: Float64Array,
  steps2: Float64Array,
  stepsRest: Float64Array,
  p: StellenplanParameters,
  sharesAddUp: boolean,
  centsPerStep: number,
): {
  stepsOf: Float64Array;
  amountCents: Float64Array;
  volumeCents: Float64Array;
  municipalCents: Float64Array;
} {
  const n = steps4.length;
  const stepsOf = new Float64Array(n);
  const amountCents = new Float64Array(n);
  const volumeCents = new Float64Array(n);
  const municipalCents = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = steps4[i] + steps2[i] + stepsRest[i];
    const amount = costOfSteps(k, centsPerStep);
    const volume = Math.round(k * p.step * p.costPerVzae * 100);
    stepsOf[i] = k;
    amountCents[i] = amount;
    volumeCents[i] = volume;
    municipalCents[i] = sharesAddUp
      ? volume - amount
      : Math.round(k * p.step * p.costPerVzae * p.kofinanzierung.municipalShare * 100);
  }
  return { stepsOf, amountCents, volumeCents, municipalCents };
}

/**
 * The plan of every Kita (shared plans, `SharedPlans`), in the order of the input list.
 *
 * @example plansOf(plans, kitas, steps4, steps2, stepsRest, ties)[0].vzae; // => the first Kita's VZÄ
 */
function plansOf(
  plans: SharedPlans,
  units: StellenplanUnits,
  steps4: Float64Array,
  steps2: Float64Array,
  stepsRest: Float64Array,
  ties: Uint8Array,
): UnitPlan[] {
  const unitPlans = new Array<UnitPlan>(units.count);
  for (let i = 0; i < units.count; i++) {
    unitPlans[i] = plans.of(steps4[i], steps2[i], stepsRest[i], strandBits(units.eligible(i)), ties[i]);
  }
  return unitPlans;
}

/**
 * The Stellenplan parameters with the defaults of SPEC.md §5 for everything not given: step 0,25,
 * Kofinanzierung 0,6 / 0,4, strand 2 0,5 VZÄ, split by index, unspent areas kept.
 *
 * @example
 * stellenplanParameters({ costPerVzae: 75000 }).strand2Vzae; // => 0.5
 */
export function stellenplanParameters(
  given: Partial<StellenplanParameters> & { costPerVzae: number },
): StellenplanParameters {
  return {
    costPerVzae: given.costPerVzae,
    step: given.step ?? DEFAULT_VZAE_STEP,
    kofinanzierung: given.kofinanzierung ?? { ...DEFAULT_KOFINANZIERUNG },
    strand2Vzae: given.strand2Vzae ?? DEFAULT_STRAND2_VZAE,
    within: given.within ?? DEFAULT_WITHIN,
    unspent: given.unspent ?? DEFAULT_UNSPENT,
  };
}

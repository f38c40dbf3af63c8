/**
 * What a publication of the allocation may show (SPEC §7; the concept warns against stigmatising single
 * Kitas, Bremen publishes no Kita values at all): the Sozialräume in full, the Kitas only under random
 * codes, and no Kita detail for a Sozialraum with fewer than three Kitas (one or two rows would name them).
 *
 * The codes are drawn afresh for every publication: they follow neither the names nor the rows of the
 * data sheet, so the order of a published list says nothing. The key (code → Kita) is returned for the
 * working workbook only.
 *
 * Nor does a published Kita carry what everybody knows of it: the set-asides of strand 2 (the Sozialraum's
 * Nachbarschaftszentrum) and strand 4 (Zusatzpersonal the operating licence requires) go to Kitas known by
 * name, so a code shown with one — or with the staff it brings — names its Kita, and with it the Kita's
 * Gesamtindex. A published Kita shows the part of its plan by Gesamtindex only (`indexPart`); the
 * set-asides are published per Sozialraum (`setAsideVzaeByArea`).
 */
import type { Allocation, UnitPlanResult, UnitResult } from "./allocation";
import type { ResolvedModel } from "./model";
import { costOfSteps, stepCents } from "./vzaeSteps";

/** A Sozialraum with fewer Kitas than this is published without Kita detail. */
export const PUBLICATION_MIN_UNITS = 3;

/** One Kita of the publication: its random code and its results (the name stays in the key). */
export interface PublishedUnit {
  code: string;
  unit: UnitResult;
}

export interface Publication {
  /** The published Kitas, ordered by code (a random order). */
  units: PublishedUnit[];
  /** Sozialräume shown without Kita detail (fewer than PUBLICATION_MIN_UNITS Kitas), in sheet order. */
  withheldAreas: string[];
  /** Code → Kita and Sozialraum, for the working workbook only; ordered by code. */
  key: { code: string; id: string; area: string }[];
}

/**
 * The publication of an allocation with codes drawn from `random` (uniform in [0, 1); the caller passes a
 * cryptographic source, tests a seeded one).
 *
 * @example
 * // Nord has 3 Kitas, Süd 1: Süd is withheld, Nord's Kitas get E01…E03 in a random order
 * const p = publicationOf(allocation, Math.random);
 * p.withheldAreas; // => ["Süd"]
 * p.units.map((u) => u.code); // => ["E01", "E02", "E03"]
 */
export function publicationOf(allocation: Allocation, random: () => number): Publication {
  const perArea = new Map<string, number>();
  for (const u of allocation.units) perArea.set(u.area, (perArea.get(u.area) ?? 0) + 1);
  const withheld = new Set(
    [...perArea].filter(([, count]) => count < PUBLICATION_MIN_UNITS).map(([area]) => area),
  );
  const published = allocation.units.filter((u) => !withheld.has(u.area));
  const order = shuffled(published, random);
  const width = Math.max(2, String(order.length).length);
  const units = order.map((unit, i) => ({ code: `E${String(i + 1).padStart(width, "0")}`, unit }));
  return {
    units,
    withheldAreas: allocation.areas.map((a) => a.name).filter((name) => withheld.has(name)),
    key: units.map(({ code, unit }) => ({ code, id: unit.id, area: unit.area })),
  };
}

/** Fisher–Yates: every order equally likely for a uniform `random`. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The part of a Kita's Stellenplan that follows its Gesamtindex (strands 1 and 3): its VZÄ and their €
 * (Land part, cent-exact as the plan's own € are). A plan without set-asides, or without the breakdown (an
 * adopted plan read back with the SPEC names only), is its own index part.
 *
 * @example
 * // 72.000 € a VZÄ, Land 60 %, steps of 0,25: 0,5 VZÄ set aside, 1,0 VZÄ by index
 * indexPart({ amount: 64800, vzae: 1.5, strand2Vzae: 0.5, strand4Vzae: 0, indexVzae: 1, municipal: 0, strands: [] }, model);
 * // => { vzae: 1, amount: 43200 }
 */
export function indexPart(plan: UnitPlanResult, model: ResolvedModel): { vzae: number; amount: number } {
  const setAside = (plan.strand2Vzae ?? 0) + (plan.strand4Vzae ?? 0);
  const cost = model.budget.costPerVzae;
  if (plan.indexVzae === undefined || setAside === 0 || cost === null)
    return { vzae: plan.vzae, amount: plan.amount };
  const step = model.budget.vzaeStep;
  const cents = costOfSteps(
    Math.round(plan.indexVzae / step),
    stepCents(cost, model.budget.kofinanzierung.landShare, step),
  );
  return { vzae: plan.indexVzae, amount: cents / 100 };
}

/**
 * A published Kita's € without a Stellenplan (no cost per VZÄ): its proposal when it is eligible for strand 1
 * or 3, else 0. The proposal splits the area amount by Gesamtindex over every Kita eligible for any strand,
 * so a Kita eligible for strand 2 or 4 only (the Nachbarschaftszentrum or Zusatzpersonal of a Kita below the
 * band) would show money beside „Kita-Sozialarbeit: nein“ and „Interkulturelle Fachkräfte: nein“ — which no
 * other Kita does, and which names it. Its € are published per Sozialraum (`strandsTwoFourAmountByArea`).
 * Carried forward without a Stellenplan, a Kita keeps its adopted proportion with its set-asides in it: their
 * part (`UnitResult.carriedSetAside`) is left out of its row too and published per Sozialraum, as a Stellenplan's
 * set-asides are (`indexPart`).
 *
 * @example
 * // K1: Nachbarschaftszentrum only, 12.997,56 € proposed; K2: Kita-Sozialarbeit, 103.643,73 € proposed
 * publishedProposal(k1); // => 0
 * publishedProposal(k2); // => 103643.73
 */
export function publishedProposal(unit: UnitResult): number {
  if (unpublishedProposal(unit)) return 0;
  // carried forward: the adopted set-asides' part is published per Sozialraum, as a Stellenplan's are
  const setAside = unit.carriedSetAside ?? 0;
  return setAside > 0
    ? (Math.round(unit.proposedAmount * 100) - Math.round(setAside * 100)) / 100
    : unit.proposedAmount;
}

/** Whether a Kita's proposal (no Stellenplan) is left out of its published row: eligible for strand 2 or 4 only. */
function unpublishedProposal(unit: UnitResult): boolean {
  return !unit.eligible.sozialarbeit && !unit.eligible.interkulturell && unit.proposedAmount !== 0;
}

/**
 * Per Sozialraum (all of its Kitas, published or not) the € of the Kitas eligible for strand 2 or 4 only, which
 * the Kitas' published rows leave out without a Stellenplan (`publishedProposal`), and in a carried-forward run
 * the part of the other Kitas' € that carries their adopted set-asides; cent-exact, 0 for a Sozialraum without
 * any.
 *
 * @example strandsTwoFourAmountByArea(allocation).get("Nord"); // => 12997.56
 */
export function strandsTwoFourAmountByArea(allocation: Allocation): Map<string, number> {
  const cents = new Map<string, number>(allocation.areas.map((a) => [a.name, 0]));
  for (const u of allocation.units) {
    const left = unpublishedProposal(u) ? u.proposedAmount : (u.carriedSetAside ?? 0);
    if (left !== 0) cents.set(u.area, (cents.get(u.area) ?? 0) + Math.round(left * 100));
  }
  return new Map([...cents].map(([area, c]) => [area, c / 100]));
}

/**
 * The VZÄ set aside for strands 2 and 4 in each Sozialraum (all of its Kitas, published or not), by name;
 * 0 for a Sozialraum without any.
 *
 * @example setAsideVzaeByArea(allocation).get("Nord"); // => 1.5 (a Nachbarschaftszentrum 0,5, Zusatzpersonal 1,0)
 */
export function setAsideVzaeByArea(allocation: Allocation): Map<string, number> {
  const out = new Map<string, number>(allocation.areas.map((a) => [a.name, 0]));
  for (const u of allocation.units) {
    const setAside = (u.plan?.strand2Vzae ?? 0) + (u.plan?.strand4Vzae ?? 0);
    // VZÄ in steps such as 0,25 or 0,1: summed and rounded, so that 0,1 + 0,2 shows as 0,3
    if (setAside > 0) out.set(u.area, Math.round(((out.get(u.area) ?? 0) + setAside) * 1e6) / 1e6);
  }
  return out;
}

/**
 * Does a carried-forward run without a Stellenplan keep set-asides in the Kitas' € (`carriedSetAside`)? Then the
 * publication says that its Kita rows leave them out.
 *
 * @example carriesSetAsides(allocation); // => false for every run that is not carried forward
 */
export function carriesSetAsides(allocation: Allocation): boolean {
  return allocation.units.some((u) => (u.carriedSetAside ?? 0) > 0);
}

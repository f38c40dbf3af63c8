/**
 * What changed since the last decision (SPEC.md §5a, §8 `changes`): a new computation compared with an
 * earlier one — the adopted allocation in the workbook, another workbook, or an earlier results.json.
 *
 * Einrichtungen are matched by name (id), Sozialräume by name. Per Einrichtung: status `neu` (only in the
 * new computation), `entfallen` (only in the earlier one) or `geblieben`; Gesamtindex and band before and
 * after; the Förderstränge it entered or left (eligibility per strand, in SPEC order); Δ € (its Stellenplan
 * amount where there is one, else its proposed amount) and Δ VZÄ (Stellenplan or Bremen VZÄ; null when
 * neither side knows VZÄ). Per Sozialraum: share before and after, Δ €. A side that does not have a unit or
 * area counts as 0 € and share 0 there; its index and band are null.
 *
 * Order — the biggest changes first:
 * - Einrichtungen: first the new and the gone ones, then those that entered or left a strand, then those
 *   whose band changed, then the rest; within each group by |Δ €|, then |Δ Gesamtindex|, then name.
 * - Sozialräume: by |Δ share|, then |Δ €|, then name.
 *
 * Deltas of money are computed in whole cents, so a comparison of an allocation with itself gives exactly 0.
 */
import type { Adoption } from "./adoption";
import type { Allocation, Band, Eligibility } from "./allocation";
import { toCents } from "./apportionCents";

/** The Förderstränge by their SPEC §8 names, in SPEC order (strand 1 to 4). */
export const STRANDS = ["sozialarbeit", "nachbarschaftszentrum", "interkulturell", "zusatzpersonal"] as const;
export type Strand = (typeof STRANDS)[number];

/** One Einrichtung as the comparison sees it. */
export interface ComparedUnit {
  id: string;
  area: string;
  index: number | null;
  band: Band | null;
  /** Strands the unit is eligible for, in SPEC order. */
  strands: Strand[];
  /** € it receives (Stellenplan amount, else proposed amount). */
  amount: number;
  /** VZÄ it receives (Stellenplan, else Bremen); null when unknown. */
  vzae: number | null;
  /** Funded at all (Bremen: VZÄ > 0; otherwise an amount > 0). Bremen's "neu gefördert" follows from it. */
  funded: boolean;
}

export interface ComparedArea {
  name: string;
  share: number;
  amount: number;
}

/** One side of a comparison: the earlier or the new computation. */
export interface ComparisonSide {
  units: ComparedUnit[];
  areas: ComparedArea[];
}

export type UnitStatus = "neu" | "entfallen" | "geblieben";

/** SPEC §8 `changes.units[]` (fixed names) plus what the Veränderungen sheet shows besides. */
export interface UnitChange {
  id: string;
  status: UnitStatus;
  indexBefore: number | null;
  indexAfter: number | null;
  bandBefore: Band | null;
  bandAfter: Band | null;
  entered: Strand[];
  left: Strand[];
  amountDelta: number;
  vzaeDelta: number | null;
  /** Sozialraum (the new one; the earlier one for a unit that is gone). */
  area: string;
  /** Sozialraum in the earlier computation (null for a new unit). */
  areaBefore: string | null;
  amountBefore: number;
  amountAfter: number;
  vzaeBefore: number | null;
  vzaeAfter: number | null;
  /** Δ Gesamtindex (null when one side has none). */
  indexDelta: number | null;
  /** Funded now and not before (or new): Bremen's first-year Sachkosten. */
  newlyFunded: boolean;
}

/** SPEC §8 `changes.areas[]` (fixed names) plus status and amounts. */
export interface AreaChange {
  name: string;
  shareBefore: number;
  shareAfter: number;
  amountDelta: number;
  status: UnitStatus;
  amountBefore: number;
  amountAfter: number;
}

export interface Changes {
  units: UnitChange[];
  areas: AreaChange[];
}

/** The strands of an eligibility record, in SPEC order. */
export function strandsOf(eligible: Partial<Eligibility>): Strand[] {
  return STRANDS.filter((s) => eligible[s] === true);
}

type PlanLike = { amount: number; vzae: number };

function unitSide(u: {
  id: string;
  area: string;
  index: number | null;
  band: Band | null;
  eligible: Eligibility;
  amount: number;
  plan?: PlanLike;
  bremen?: { vzae: number };
}): ComparedUnit {
  const amount = u.plan?.amount ?? u.amount;
  const vzae = u.plan?.vzae ?? u.bremen?.vzae ?? null;
  return {
    id: u.id,
    area: u.area,
    index: u.index,
    band: u.band,
    strands: strandsOf(u.eligible),
    amount,
    vzae,
    funded: u.bremen ? u.bremen.vzae > 0 : amount > 0,
  };
}

/**
 * The comparison side of a computed allocation.
 *
 * @example sideOfAllocation(allocation).areas[0]; // => { name: "Nordstadt", share: 0.1694…, amount: 169747.24 }
 */
export function sideOfAllocation(allocation: Allocation): ComparisonSide {
  return {
    units: allocation.units.map((u) =>
      unitSide({
        ...u,
        amount: u.proposedAmount,
        // the Stellenplan (SPEC §5) adds `plan` to the unit results
        plan: (u as { plan?: PlanLike }).plan,
      }),
    ),
    areas: allocation.areas.map((a) => ({ name: a.name, share: a.share, amount: a.amount })),
  };
}

/**
 * The comparison side of an adopted allocation.
 *
 * @example sideOfAdoption(adoption).units.length; // => adoption.units.length
 */
export function sideOfAdoption(adoption: Adoption): ComparisonSide {
  return {
    units: adoption.units.map((u) => unitSide(u)),
    areas: adoption.areas.map((a) => ({ name: a.name, share: a.share, amount: a.amount })),
  };
}

const centsDelta = (after: number, before: number) => (toCents(after) - toCents(before)) / 100 + 0;

function vzaeDelta(before: number | null, after: number | null): number | null {
  if (before === null || after === null) return null;
  // VZÄ are multiples of a step (0.25, 0.5): exact in binary, but keep the sum free of noise anyway
  return Math.round((after - before) * 1e6) / 1e6 + 0; // + 0: never -0
}

const TIER = (c: UnitChange): number =>
  c.status !== "geblieben"
    ? 0
    : c.entered.length + c.left.length > 0
      ? 1
      : c.bandBefore !== c.bandAfter
        ? 2
        : 3;

const collator = new Intl.Collator("de-DE");

/** Larger magnitude first; magnitudes closer than floating-point noise count as equal (0). */
function byMagnitude(x: number, y: number): number {
  const d = Math.abs(y) - Math.abs(x);
  return Math.abs(d) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)) ? 0 : d;
}

/**
 * Compare a new computation with an earlier one (see the module comment for matching and order).
 *
 * @param before the earlier computation (the adopted one)
 * @param after the new computation
 * @example
 * const changes = compareAllocations(sideOfAdoption(adoption), sideOfAllocation(allocation));
 * changes.units.filter((u) => u.entered.includes("sozialarbeit")).map((u) => u.id); // => the Kitas new in strand 1
 * compareAllocations(side, side).units.every((u) => u.amountDelta === 0 && u.entered.length === 0); // => true
 */
export function compareAllocations(before: ComparisonSide, after: ComparisonSide): Changes {
  const earlier = new Map(before.units.map((u) => [u.id, u]));
  const later = new Map(after.units.map((u) => [u.id, u]));
  const units: UnitChange[] = [];
  const change = (b: ComparedUnit | undefined, a: ComparedUnit | undefined): UnitChange => {
    const status: UnitStatus = b === undefined ? "neu" : a === undefined ? "entfallen" : "geblieben";
    const strandsBefore = b?.strands ?? [];
    const strandsAfter = a?.strands ?? [];
    const indexBefore = b?.index ?? null;
    const indexAfter = a?.index ?? null;
    const amountBefore = b?.amount ?? 0;
    const amountAfter = a?.amount ?? 0;
    const vzaeBefore = b ? b.vzae : 0;
    const vzaeAfter = a ? a.vzae : 0;
    return {
      id: (a ?? b)?.id ?? "",
      status,
      indexBefore,
      indexAfter,
      bandBefore: b?.band ?? null,
      bandAfter: a?.band ?? null,
      entered: strandsAfter.filter((s) => !strandsBefore.includes(s)),
      left: strandsBefore.filter((s) => !strandsAfter.includes(s)),
      amountDelta: centsDelta(amountAfter, amountBefore),
      vzaeDelta: vzaeDelta(vzaeBefore, vzaeAfter),
      area: (a ?? b)?.area ?? "",
      areaBefore: b?.area ?? null,
      amountBefore,
      amountAfter,
      vzaeBefore: b ? b.vzae : null,
      vzaeAfter: a ? a.vzae : null,
      indexDelta: indexBefore !== null && indexAfter !== null ? indexAfter - indexBefore : null,
      newlyFunded: a !== undefined && a.funded && (b === undefined || !b.funded),
    };
  };
  for (const a of after.units) units.push(change(earlier.get(a.id), a));
  for (const b of before.units) if (!later.has(b.id)) units.push(change(b, undefined));
  units.sort(
    (x, y) =>
      TIER(x) - TIER(y) ||
      byMagnitude(x.amountDelta, y.amountDelta) ||
      byMagnitude(x.indexDelta ?? 0, y.indexDelta ?? 0) ||
      collator.compare(x.id, y.id),
  );

  const areasBefore = new Map(before.areas.map((a) => [a.name, a]));
  const areasAfter = new Map(after.areas.map((a) => [a.name, a]));
  const areaChange = (b: ComparedArea | undefined, a: ComparedArea | undefined): AreaChange => ({
    name: (a ?? b)?.name ?? "",
    shareBefore: b?.share ?? 0,
    shareAfter: a?.share ?? 0,
    amountDelta: centsDelta(a?.amount ?? 0, b?.amount ?? 0),
    status: b === undefined ? "neu" : a === undefined ? "entfallen" : "geblieben",
    amountBefore: b?.amount ?? 0,
    amountAfter: a?.amount ?? 0,
  });
  const areas: AreaChange[] = [
    ...after.areas.map((a) => areaChange(areasBefore.get(a.name), a)),
    ...before.areas.filter((b) => !areasAfter.has(b.name)).map((b) => areaChange(b, undefined)),
  ];
  areas.sort(
    (x, y) =>
      byMagnitude(x.shareAfter - x.shareBefore, y.shareAfter - y.shareBefore) ||
      byMagnitude(x.amountDelta, y.amountDelta) ||
      collator.compare(x.name, y.name),
  );
  return { units, areas };
}

/**
 * Did anything change? False when every Einrichtung and Sozialraum stayed with the same index, band,
 * strands, amounts and shares.
 *
 * @example hasChanges(compareAllocations(side, side)); // => false
 */
export function hasChanges(changes: Changes): boolean {
  return (
    changes.units.some(
      (u) =>
        u.status !== "geblieben" ||
        u.entered.length + u.left.length > 0 ||
        u.bandBefore !== u.bandAfter ||
        u.amountDelta !== 0 ||
        (u.vzaeDelta ?? 0) !== 0 ||
        (u.indexDelta ?? 0) !== 0,
    ) ||
    changes.areas.some(
      (a) => a.status !== "geblieben" || a.amountDelta !== 0 || a.shareAfter !== a.shareBefore,
    )
  );
}

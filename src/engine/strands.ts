/**
 * Förderstränge (funding strands) and Schritt 2: who is eligible within a Sozialraum, and the proposal of
 * the area amount across the eligible Einrichtungen (SPEC.md §5).
 *
 * | strand | criterion |
 * | --- | --- |
 * | 1 Kita-Sozialarbeit | Gesamtindex ≥ lower bound of its norm band |
 * | 2 Kommunikations- und Nachbarschaftszentrum | the unit flagged by the user |
 * | 3 Interkulturelle Fachkräfte | index "Flucht und Migration" > its mean; > lower bound only as a marked exception with a written reason |
 * | 4 Betriebserlaubnisrelevantes Zusatzpersonal | flag plus non-empty justification |
 *
 * Worked example (Schritt 2): a Sozialraum receives 10.000 €; three Kitas with Gesamtindex 60, 30 and 10, the
 * third not eligible → 60/90 · 10.000 = 6.666,67 € and 30/90 · 10.000 = 3.333,33 €, the third 0 €.
 */
import type { Eligibility, NormBand } from "./allocation";
import { apportionCents, toCents } from "./apportionCents";
import { SrbUsageError, type Issue } from "./issues";
import { messages } from "./messages";

/** What {@link eligibility} needs to know about one Einrichtung. */
export interface EligibilityInput {
  /** Gesamtindex (null: the unit has no Gesamtindex). */
  index: number | null;
  /** Category index used for strand 3 (by default "Flucht und Migration"). */
  strand3Index: number | null;
  /** Strand 2 flag: the unit chosen as Kommunikations- und Nachbarschaftszentrum. */
  strand2: boolean;
  /** Written reason for the strand-3 exception (above the lower bound, not above the mean). */
  strand3Reason: string;
  /** Strand 4 flag: betriebserlaubnisrelevantes Zusatzpersonal requested. */
  strand4: boolean;
  /** Strand 4 justification (must be non-empty). */
  strand4Reason: string;
}

/**
 * An eligibility input with no index and nothing asked for: where a caller starts before it fills in a unit.
 *
 * @example eligibility({ ...noEligibilityAnswers(), index: 70 }, band, band).sozialarbeit; // => true
 */
export function noEligibilityAnswers(): EligibilityInput {
  return {
    index: null,
    strand3Index: null,
    strand2: false,
    strand3Reason: "",
    strand4: false,
    strand4Reason: "",
  };
}

function isNumber(x: number | null): x is number {
  return x !== null && Number.isFinite(x);
}

function hasText(s: string | null | undefined): boolean {
  return typeof s === "string" && s.trim().length > 0;
}

/**
 * Eligibility of one Einrichtung for the four Förderstränge.
 *
 * - Strand 1: `index ≥ indexBand.lower` (bound inclusive, as in the concept: "mindestens den unteren Normwert").
 * - Strand 2: the flag, no index criterion.
 * - Strand 3: `strand3Index > strand3Band.mean`; or, as a marked exception (`interkulturellException`),
 *   `strand3Band.lower < strand3Index ≤ strand3Band.mean` with a non-empty (trimmed) reason. Without a
 *   reason such a unit is not eligible.
 * - Strand 4: flag and a non-empty (trimmed) justification.
 * A missing (null) or non-finite index is never eligible for the strand that needs it.
 *
 * @example
 * const band = { mean: 50, sd: 10, lower: 40, upper: 60 };
 * eligibility({ index: 40, strand3Index: 45, strand2: false, strand3Reason: "Sprachförderbedarf",
 *   strand4: true, strand4Reason: "" }, band, band);
 * // => { sozialarbeit: true, nachbarschaftszentrum: false, interkulturell: true,
 * //      interkulturellException: true, zusatzpersonal: false }
 */
export function eligibility(
  input: EligibilityInput,
  indexBand: NormBand,
  strand3Band: NormBand,
): Eligibility {
  const sozialarbeit = isNumber(input.index) && input.index >= indexBand.lower;
  let interkulturell = false;
  let interkulturellException = false;
  if (isNumber(input.strand3Index)) {
    if (input.strand3Index > strand3Band.mean) {
      interkulturell = true;
    } else if (input.strand3Index > strand3Band.lower && hasText(input.strand3Reason)) {
      interkulturell = true;
      interkulturellException = true;
    }
  }
  return {
    sozialarbeit,
    nachbarschaftszentrum: input.strand2 === true,
    interkulturell,
    interkulturellException,
    zusatzpersonal: input.strand4 === true && hasText(input.strand4Reason),
  };
}

/**
 * The 32 possible eligibilities, made once and frozen: every unit with the same answers shares one object
 * (at 100,000 Kitas that is 100,000 objects fewer in the allocation), and a writer that tried to change a
 * shared one would fail loudly instead of changing other units' eligibility.
 */
const SHARED_ELIGIBILITY: readonly Eligibility[] = Array.from({ length: 32 }, (_, bits) =>
  Object.freeze({
    sozialarbeit: (bits & 1) !== 0,
    nachbarschaftszentrum: (bits & 2) !== 0,
    interkulturell: (bits & 4) !== 0,
    interkulturellException: (bits & 8) !== 0,
    zusatzpersonal: (bits & 16) !== 0,
  }),
);

/**
 * The shared, frozen object with the same answers as `e`.
 *
 * @example
 * const a = sharedEligibility({ sozialarbeit: true, nachbarschaftszentrum: false, interkulturell: false,
 *   interkulturellException: false, zusatzpersonal: false });
 * a === sharedEligibility({ ...a }); // => true
 */
export function sharedEligibility(e: Eligibility): Eligibility {
  return SHARED_ELIGIBILITY[
    (e.sozialarbeit ? 1 : 0) |
      (e.nachbarschaftszentrum ? 2 : 0) |
      (e.interkulturell ? 4 : 0) |
      (e.interkulturellException ? 8 : 0) |
      (e.zusatzpersonal ? 16 : 0)
  ];
}

/** Where the strand columns of one unit sit on the data sheet (for the Prüfbericht). */
export interface StrandCells {
  sheet: string;
  /** Unit name for the message. */
  unitId: string;
  /** A1 address of the strand-3 reason cell ("" if unknown). */
  strand3ReasonCell?: string;
  /** A1 address to point at for strand 4: the justification cell, else the flag cell ("" if unknown). */
  strand4Cell?: string;
}

/**
 * Inconsistencies in a unit's strand columns that the user should see (warnings, never errors: the
 * proposal is still made):
 * - `strand4-without-justification`: strand 4 flagged but the justification is empty → not eligible;
 * - `strand3-reason-without-effect`: a strand-3 reason is given but the index is not above the lower
 *   bound (or missing), so the exception cannot apply.
 *
 * @example
 * const band = { mean: 50, sd: 10, lower: 40, upper: 60 };
 * eligibilityIssues({ index: 55, strand3Index: 30, strand2: false, strand3Reason: "viele Neuzugänge",
 *   strand4: true, strand4Reason: " " }, band, band, { sheet: "Kitas", unitId: "Kita Nord" }).map((i) => i.code);
 * // => ["strand3-reason-without-effect", "strand4-without-justification"]
 */
export function eligibilityIssues(
  input: EligibilityInput,
  indexBand: NormBand,
  strand3Band: NormBand,
  where: StrandCells,
): Issue[] {
  const issues: Issue[] = [];
  const result = eligibility(input, indexBand, strand3Band);
  if (hasText(input.strand3Reason) && !result.interkulturell) {
    issues.push({
      level: "warning",
      code: "strand3-reason-without-effect",
      sheet: where.sheet,
      cell: where.strand3ReasonCell ?? "",
      message: messages.strand3ReasonWithoutEffect(
        where.unitId,
        isNumber(input.strand3Index) ? input.strand3Index : null,
        strand3Band.lower,
      ),
    });
  }
  if (input.strand4 === true && !hasText(input.strand4Reason)) {
    issues.push({
      level: "warning",
      code: "strand4-without-justification",
      sheet: where.sheet,
      cell: where.strand4Cell ?? "",
      message: messages.strand4WithoutJustification(where.unitId),
    });
  }
  return issues;
}

/**
 * Strand 2 allows one Kommunikations- und Nachbarschaftszentrum per Sozialraum. Returns a warning
 * (`strand2-several-in-area`) for every Sozialraum in which more than one unit is flagged.
 *
 * @example
 * strand2Issues([{ id: "A", area: "Nord", strand2: true }, { id: "B", area: "Nord", strand2: true }], "Kitas")[0].message;
 * // => "Sozialraum „Nord“: 2 Einrichtungen sind als Kommunikations- und Nachbarschaftszentrum markiert (A, B); erwartet wird höchstens eine."
 */
export function strand2Issues(
  units: readonly { id: string; area: string; strand2: boolean; cell?: string }[],
  sheet: string,
): Issue[] {
  const byArea = new Map<string, { id: string; cell?: string }[]>();
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (!u.strand2) continue;
    const list = byArea.get(u.area) ?? [];
    list.push(u);
    byArea.set(u.area, list);
  }
  const issues: Issue[] = [];
  for (const [area, list] of byArea) {
    if (list.length < 2) continue;
    issues.push({
      level: "warning",
      code: "strand2-several-in-area",
      sheet,
      cell: list[1].cell ?? "",
      message: messages.strand2SeveralInArea(
        area,
        list.map((u) => u.id),
      ),
    });
  }
  return issues;
}

/** Result of {@link proposeWithinArea}. */
export interface AreaProposal {
  /** Proposed amount per unit (euros, cent-exact, input order); non-eligible units 0. */
  amounts: number[];
  /** true where a cent was decided by a tie in the largest-remainder method. */
  tieFlags: boolean[];
}

/**
 * Schritt 2 proposal: the area amount across the eligible units proportional to their Gesamtindex,
 * whole cents by the largest-remainder method (Σ = area amount exactly). Non-eligible units, units
 * without an index and units with an index ≤ 0 get 0. If no unit can receive money every amount is 0
 * (the caller reports that).
 *
 * @throws {SrbUsageError} if `areaAmount` is not a finite number ≥ 0.
 * @example
 * proposeWithinArea(10000, [
 *   { index: 60, eligible: true }, { index: 30, eligible: true }, { index: 10, eligible: false },
 * ]).amounts; // => [6666.67, 3333.33, 0]
 */
export function proposeWithinArea(
  areaAmount: number,
  units: readonly { index: number | null; eligible: boolean }[],
): AreaProposal {
  if (!Number.isFinite(areaAmount) || areaAmount < 0) {
    throw new SrbUsageError(`proposeWithinArea: areaAmount must be a finite number ≥ 0, got ${areaAmount}`);
  }
  const amounts = new Array<number>(units.length).fill(0);
  const tieFlags = new Array<boolean>(units.length).fill(false);
  const receiving: number[] = [];
  units.forEach((u, i) => {
    if (u.eligible && isNumber(u.index) && u.index > 0) receiving.push(i);
  });
  if (receiving.length === 0) return { amounts, tieFlags };
  const split = apportionCents(
    areaAmount,
    receiving.map((i) => units[i].index as number),
  );
  receiving.forEach((unitIndex, k) => {
    amounts[unitIndex] = split.amounts[k];
    tieFlags[unitIndex] = split.tieFlags[k];
  });
  return { amounts, tieFlags };
}

/** Result of {@link applyOverrides}. */
export interface OverrideResult {
  /** The amount that counts per unit: the override where there is one, else the proposal (euros). */
  amounts: number[];
  /** true where the user overrode the proposal. */
  overridden: boolean[];
  /** Σ proposed amounts (euros). */
  proposedTotal: number;
  /** Σ amounts that count (euros). */
  total: number;
  /** total − area amount (euros; > 0: more than the area has, < 0: money left). 0 when it adds up. */
  difference: number;
  /** Warnings: a difference to the area amount, negative overrides (ignored). */
  issues: Issue[];
}

/**
 * Schritt 2 after discussion: the user overrides proposed figures in the sheet (null = not overridden);
 * the totals show the difference to the area amount. All sums are computed in whole cents.
 * A negative or non-finite override is ignored (the proposal counts) and reported as a warning
 * `override-invalid`; a total that differs from the area amount gives the warning `override-difference`.
 *
 * @throws {SrbUsageError} if the two lists differ in length or the area amount is not finite.
 * @example
 * const r = applyOverrides(10000, [6666.67, 3333.33, 0], [7000, null, 500], { area: "Nord" });
 * r.total;      // => 10833.33
 * r.difference; // => 833.33 (over the area amount: a warning names it)
 */
export function applyOverrides(
  areaAmount: number,
  proposed: readonly number[],
  overrides: readonly (number | null)[],
  where: { area: string; sheet?: string; cells?: readonly string[] } = { area: "" },
): OverrideResult {
  if (proposed.length !== overrides.length) {
    throw new SrbUsageError("applyOverrides: proposed and overrides must have the same length");
  }
  if (!Number.isFinite(areaAmount)) throw new SrbUsageError("applyOverrides: areaAmount must be finite");
  const issues: Issue[] = [];
  const sheet = where.sheet ?? "";
  const cents: number[] = [];
  const overridden: boolean[] = [];
  proposed.forEach((p, i) => {
    const o = overrides[i];
    if (o === null) {
      cents.push(toCents(p));
      overridden.push(false);
    } else if (!Number.isFinite(o) || o < 0) {
      issues.push({
        level: "warning",
        code: "override-invalid",
        sheet,
        cell: where.cells?.[i] ?? "",
        message: messages.overrideInvalid(o, p),
      });
      cents.push(toCents(p));
      overridden.push(false);
    } else {
      cents.push(toCents(o));
      overridden.push(true);
    }
  });
  const proposedTotalCents = proposed.reduce((s, p) => s + toCents(p), 0);
  const totalCents = cents.reduce((s, c) => s + c, 0);
  const differenceCents = totalCents - toCents(areaAmount);
  if (differenceCents !== 0) {
    issues.push({
      level: "warning",
      code: "override-difference",
      sheet,
      cell: "",
      message: messages.overrideDifference(where.area, totalCents / 100, areaAmount, differenceCents / 100),
    });
  }
  return {
    amounts: cents.map((c) => c / 100),
    overridden,
    proposedTotal: proposedTotalCents / 100,
    total: totalCents / 100,
    difference: differenceCents / 100,
    issues,
  };
}

/**
 * The results JSON the command line writes (SPEC.md §8). The fixed names are exactly the SPEC's; extra
 * fields carry what the sheets show too (effective weights, category and area norm bands, cents, tie flags,
 * strands 2–4, proposed amounts, Kofinanzierung, VZÄ, publication codes). Numbers are full precision;
 * only amounts are cents (they are cent-exact by construction).
 */
import type {
  Allocation,
  Band,
  BremenUnitResult,
  EffectiveWeight,
  Eligibility,
  NormBand,
  UnitPlanResult,
} from "./allocation";
import { toCents } from "./apportionCents";
import type { AreaChange, Changes, UnitChange } from "./changes";
import type { Issue, IssueLevel } from "./issues";
import type { TraegerTotal } from "./traegerSummary";
import { unitScoreList } from "./unitScores";
import { unitCategoryIndices } from "./categoryIndices";

export interface ResultsUnit {
  id: string;
  area: string;
  categories: Record<string, number | null>;
  index: number | null;
  band: Band | null;
  /** SPEC fields `sozialarbeit` and `interkulturell`, plus strands 2 and 4 and the strand-3 exception. */
  eligible: Eligibility;
  code: string;
  row: number;
  children: number | null;
  scores: (number | null)[];
  categoryBands: Record<string, Band | null>;
  proposedAmount: number;
  /** Träger, when the model names the column. */
  traeger?: string | null;
  /** SPEC §8 `units[].plan`: the Stellenplan (amount, municipal, vzae, strands, plus the breakdown). */
  plan?: UnitPlanResult;
  /** Carried forward without a Stellenplan: the part of `proposedAmount` for the adopted strands 2 and 4. */
  carriedSetAside?: number;
  bremen?: BremenUnitResult;
}

export interface ResultsArea {
  name: string;
  index: number;
  share: number;
  amount: number;
  band: Band | null;
  cents: number;
  tieFlag: boolean;
  units: number;
  children: number | null;
  personnelVolume: number;
  landPart: number;
  municipalPart: number;
  vzae: number | null;
  /** SPEC §8 `areas[].unplanned`: € nicht verplant in the Stellenplan. */
  unplanned?: number;
  /** Stellenplan totals: € planned, VZÄ planned, € received from / given to unspent areas. */
  planned?: number;
  plannedVzae?: number;
  received?: number;
  given?: number;
}

export interface ResultsIssue {
  level: IssueLevel;
  sheet: string;
  cell: string;
  message: string;
  code: string;
}

export interface ResultsJson {
  budget: number;
  /** false when blocking errors prevented the allocation (then units and areas are empty). */
  allocated: boolean;
  units: ResultsUnit[];
  areas: ResultsArea[];
  norm: { index: NormBand | null; categories: Record<string, NormBand>; areaIndex: NormBand | null };
  effectiveWeights: EffectiveWeight[];
  issues: ResultsIssue[];
  /** Träger summary of the Stellenplan (SPEC §5.4), when the model names a Träger column. */
  traeger?: TraegerTotal[];
  /** With `--compare` or an adopted allocation (SPEC §5a, §8): what changed since then. */
  changes?: ResultsChanges;
}

/**
 * SPEC §8 `changes`: `units[]` with `id, status, indexBefore, indexAfter, bandBefore, bandAfter, entered,
 * left, amountDelta, vzaeDelta` and `areas[]` with `name, shareBefore, shareAfter, amountDelta` (fixed
 * names), plus the summary line, what was compared against, and the extra fields of the comparison.
 */
export interface ResultsChanges {
  /** What the new computation was compared with, in German (e.g. "Beschluss vom 15.03.2027"). */
  against: string;
  summary: string;
  units: UnitChange[];
  areas: AreaChange[];
}

/**
 * The results JSON with the comparison added as `changes` (a copy; the input is not changed).
 *
 * @example withChanges(results, compareAllocations(before, after), "Beschluss vom 15.03.2027", summary).changes?.units[0].status; // => "neu"
 */
export function withChanges(
  results: ResultsJson,
  changes: Changes,
  against: string,
  summary: string,
): ResultsJson {
  return {
    ...results,
    changes: {
      against,
      summary,
      units: changes.units.map((u) => ({ ...u, entered: [...u.entered], left: [...u.left] })),
      areas: changes.areas.map((a) => ({ ...a })),
    },
  };
}

/**
 * Unit `e` of the allocation as results.json lists it (`units[e]`): a copy, with its scores as a list.
 *
 * @example resultsUnit(allocation, 0).scores; // => the first unit's standard scores, null where none
 */
export function resultsUnit(allocation: Allocation, e: number): ResultsUnit {
  const u = allocation.units[e];
  return {
    id: u.id,
    area: u.area,
    categories: unitCategoryIndices(allocation.categoryIndices, e),
    index: u.index,
    band: u.band,
    eligible: { ...u.eligible },
    code: u.code,
    row: u.row,
    children: u.children,
    scores: unitScoreList(allocation, e),
    categoryBands: { ...u.categoryBands },
    proposedAmount: u.proposedAmount,
    ...(u.traeger !== undefined ? { traeger: u.traeger } : {}),
    ...(u.plan ? { plan: { ...u.plan, strands: [...u.plan.strands] } } : {}),
    ...(u.carriedSetAside !== undefined ? { carriedSetAside: u.carriedSetAside } : {}),
    ...(u.bremen ? { bremen: { ...u.bremen } } : {}),
  };
}

/**
 * Build the SPEC §8 results JSON object (serialise it with `JSON.stringify`).
 *
 * @param budget the budget of the model (written even when there is no allocation)
 * @param allocation the allocation, or null when blocking errors were found
 * @param issues every issue (check and computation), in report order
 * @example
 * const { allocation, issues } = runAllocation(model, table);
 * JSON.stringify(toResultsJson(model.budget.total, allocation, issues), null, 2);
 * toResultsJson(1000, null, issues).units; // => []
 */
export function toResultsJson(
  budget: number,
  allocation: Allocation | null,
  issues: readonly Issue[],
): ResultsJson {
  const resultIssues = issues.map((i) => ({
    level: i.level,
    sheet: i.sheet,
    cell: i.cell,
    message: i.message,
    code: i.code,
  }));
  if (allocation === null) {
    return {
      budget,
      allocated: false,
      units: [],
      areas: [],
      norm: { index: null, categories: {}, areaIndex: null },
      effectiveWeights: [],
      issues: resultIssues,
    };
  }
  return {
    budget,
    allocated: true,
    units: allocation.units.map((_, e) => resultsUnit(allocation, e)),
    areas: allocation.areas.map((a) => ({
      name: a.name,
      index: a.index,
      share: a.share,
      amount: a.amount,
      band: a.band,
      cents: toCents(a.amount),
      tieFlag: a.tieFlag,
      units: a.units,
      children: a.children,
      personnelVolume: a.personnelVolume,
      landPart: a.landPart,
      municipalPart: a.municipalPart,
      vzae: a.vzae,
      ...(a.plan
        ? {
            unplanned: a.plan.unplanned,
            planned: a.plan.planned,
            plannedVzae: a.plan.vzae,
            received: a.plan.received,
            given: a.plan.given,
          }
        : {}),
    })),
    norm: {
      index: { ...allocation.norm.index },
      categories: Object.fromEntries(
        Object.entries(allocation.norm.categories).map(([k, v]) => [k, { ...v }]),
      ),
      areaIndex: { ...allocation.norm.areaIndex },
    },
    effectiveWeights: allocation.effectiveWeights.map((w) => ({ ...w })),
    ...(allocation.traeger ? { traeger: allocation.traeger.map((t) => ({ ...t })) } : {}),
    issues: resultIssues,
  };
}

/**
 * The whole computation (SPEC.md §2–§6): from checked data to the allocation model.
 *
 * `allocate` runs on a checked Dataset and never throws on one; whatever it finds on the way (winsorised
 * outliers, a cent decided by a tie, a Kinder weighting that had to fall back) becomes an Issue on the
 * allocation. `runAllocation` is check + allocate in one call (the use case src/usecase/generate.ts calls
 * the two stages itself, because it keeps the checked dataset for the robustness analysis).
 *
 * Order conventions (documented in the README's method section):
 * - Units are listed in sheet (row) order, which is the order `checkTable` produces.
 * - Sozialräume are listed in the order they first appear on the sheet (smallest row); this is the
 *   "sheet order" that breaks ties in the largest-remainder method after the larger share.
 * - Because both orders come from the sheet rows, permuting the dataset's unit list changes nothing.
 */
import { orNull } from "./categoryIndices";
import type {
  Allocation,
  AreaResult,
  Band,
  BremenUnitResult,
  Eligibility,
  NormBand,
  UnitPlanResult,
  UnitResult,
} from "./allocation";
import { apportionCents } from "./apportionCents";
import { groupByArea, type AreaGroup } from "./areaGroups";
import { areaIndexOf, areaRawValues } from "./areaIndex";
import { bremenAllocation } from "./bremenRules";
import { checkTable } from "./check";
import { checkedColumns } from "./checkedColumns";
import type { Dataset, Unit } from "./dataset";
import { effectiveWeights } from "./effectiveWeights";
import { indexColumns, indexStructure, unitIndicesOfColumns, type IndexStructure } from "./gesamtindex";
import { hasBlockingErrors, type Issue } from "./issues";
import { kofinanzierung } from "./kofinanzierung";
import { messages, type EngineCode } from "./messages";
import type { KofinanzierungSpec, ResolvedIndicator, ResolvedModel, SdKind } from "./model";
import { bandOf, normBand } from "./normBand";
import { budgetShares } from "./share";
import { bandCode, MAX_SHARED_CATEGORIES, sharedBandRecords } from "./sharedBandRecords";
import { isInformative, scoreColumn, type RawColumn, type ScoreColumn } from "./standardScore";
import { stellenplanIssues, stellenplanOf, stellenplanParameters, type Stellenplan } from "./stellenplan";
import {
  eligibility,
  eligibilityIssues,
  noEligibilityAnswers,
  proposeWithinArea,
  sharedEligibility,
  strand2Issues,
  type EligibilityInput,
} from "./strands";
import type { RawTable } from "./table";
import { unitCodes } from "./unitCodes";
import { vzaeFor } from "./vzae";
import { MAX_CLIPS, winsorise } from "./winsorise";

export const NO_BAND: NormBand = { mean: NaN, sd: NaN, lower: NaN, upper: NaN };

/** A NaN of the typed columns back to null. */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function warning(code: EngineCode, sheet: string, cell: string, message: string): Issue {
  return { level: "warning", code, sheet, cell, message };
}

function error(code: EngineCode, sheet: string, cell: string, message: string): Issue {
  return { level: "error", code, sheet, cell, message };
}

export interface ScoredIndicators {
  /** scores[indicator]: the scores of the units (or areas), typed */
  scores: ScoreColumn[];
  informative: boolean[];
  structure: IndexStructure;
}

/** SPEC §2 over a set of entities (units, or areas for the aggregate method): scores and index structure. */
export function scoreIndicators(
  columns: readonly RawColumn[],
  indicators: readonly ResolvedIndicator[],
  model: ResolvedModel,
): ScoredIndicators {
  const o = model.options;
  const scored = columns.map((values, i) =>
    scoreColumn(values, indicators[i].direction, {
      normalisation: o.normalisation,
      sd: o.sd,
      goalposts: o.goalposts ? indicators[i].goalposts : null,
    }),
  );
  const informative = scored.map((s) => !s.constant);
  return {
    scores: scored,
    informative,
    structure: indexStructure(indicators, model.categories, informative),
  };
}

export function entityIndices(
  scored: ScoredIndicators,
  count: number,
): { categories: (number | null)[]; index: number | null }[] {
  return unitIndicesOfColumns(scored.scores, scored.structure, count);
}

function goalpostIssues(
  indicators: readonly ResolvedIndicator[],
  sheet: string,
  columns: readonly string[],
): Issue[] {
  return indicators.flatMap((ind, i) => {
    const g = ind.goalposts;
    if (g && Number.isFinite(g.min) && Number.isFinite(g.max) && g.max > g.min) return [];
    return [
      warning(
        "goalposts-missing",
        sheet,
        columns[i] ? `${columns[i]}1` : "",
        messages.goalpostsMissing(ind.column),
      ),
    ];
  });
}

/**
 * The raw values by indicator: `columns[i][unit]` (null = blank). One pass over the units, reading each
 * unit's values in order (20 passes over 100,000 scattered unit objects cost more than the copying).
 */
export function indicatorColumns(units: readonly Unit[], count: number): (number | null)[][] {
  const n = units.length;
  const columns: (number | null)[][] = Array.from({ length: count }, () => new Array<number | null>(n));
  for (let e = 0; e < n; e++) {
    const values = units[e].values;
    for (let i = 0; i < count; i++) columns[i][e] = values[i] ?? null;
  }
  return columns;
}

/**
 * The raw values by indicator as plain doubles, NaN for a blank: `columns[i][unit]`. Built in one pass over
 * the units, in the order their numbers were read (so mostly neighbouring in memory); the scores are then
 * computed from these columns. Scoring straight from lists of boxed numbers read each number column by
 * column, jumping through the heap: at 100,000 Kitas about twice as slow.
 *
 * @example typedIndicatorColumns([{ values: [1, null] }, { values: [3, 4] }], 2); // => [Float64Array [1, 3], Float64Array [NaN, 4]]
 */
export function typedIndicatorColumns(units: readonly Pick<Unit, "values">[], count: number): Float64Array[] {
  const n = units.length;
  const columns = Array.from({ length: count }, () => new Float64Array(n));
  for (let e = 0; e < n; e++) {
    const values = units[e].values;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      columns[i][e] = v === null || v === undefined ? NaN : v;
    }
  }
  return columns;
}

/**
 * The units (positions, ascending) without an index in at least one category that counts (NaN in its
 * column; a null column is a category that does not count). A function of its own: it runs over every unit.
 *
 * @example unitsWithoutCategoryIndex([Float64Array.of(1, NaN), null], 2); // => [1]
 */
function unitsWithoutCategoryIndex(columns: readonly (Float64Array | null)[], count: number): number[] {
  const out: number[] = [];
  for (let e = 0; e < count; e++) {
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k];
      if (column !== null && column[e] !== column[e]) {
        out.push(e);
        break;
      }
    }
  }
  return out;
}

/**
 * The units sorted by sheet row (equal rows keep their list order). A list already in row order — what
 * `checkTable` produces — is returned as it is, without sorting and without a copy (read only: no
 * caller changes the list).
 */
export function inRowOrder(units: readonly Unit[]): readonly Unit[] {
  let sorted = true;
  for (let k = 1; k < units.length && sorted; k++) sorted = units[k - 1].row <= units[k].row;
  if (sorted) return units;
  return units
    .map((u, i) => ({ u, i }))
    .sort((x, y) => x.u.row - y.u.row || x.i - y.i)
    .map((x) => x.u);
}

function anyStrand(e: Eligibility): boolean {
  return e.sozialarbeit || e.nachbarschaftszentrum || e.interkulturell || e.zusatzpersonal;
}

/**
 * Compute the allocation from a checked dataset: standard scores, category indices, Gesamtindex, norm
 * bands, area indices, shares, cent-exact amounts, Kofinanzierung and VZÄ, eligibility per strand, the
 * Schritt-2 proposal, Bremen rules (rule set "bremen") and publication codes.
 *
 * Never throws on a dataset that `checkTable` produced. Problems found on the way are issues on the
 * result; an `error` among them (e.g. no area index to share by) means the amounts are all 0 and the
 * allocation must not be used (`runAllocation` then returns null).
 *
 * @param model the resolved model (`resolveModel`); the result carries it
 * @param dataset checked data
 * @example
 * const allocation = allocate(model, dataset);
 * allocation.areas.reduce((s, a) => s + Math.round(a.amount * 100), 0) === Math.round(model.budget.total * 100); // => true
 */
export function allocate(model: ResolvedModel, dataset: Dataset): Allocation {
  const m = model;
  const o = m.options;
  const issues: Issue[] = [];
  // Work in sheet (row) order, so that the order of the dataset's list never changes a result, not even
  // in the last bit of a floating-point sum.
  const units = inRowOrder(dataset.units);
  const indicators = dataset.indicators;

  // ── §2: raw columns, optional winsorisation, standard scores, indices ─────────────────────────────
  const raw = rawColumnsOf(o, dataset, units, issues);
  if (o.goalposts) issues.push(...goalpostIssues(indicators, dataset.sheet, dataset.indicatorColumns));
  const unitScored = scoreIndicators(o.winsorise ? raw.lists : raw.typed, indicators, m);
  const structure = unitScored.structure;
  const categoryNames = structure.categories.map((c) => c.name);
  // category indices and Gesamtindex as plain doubles, NaN for none (no object per unit)
  const indexColumnsOfUnits = indexColumns(unitScored.scores, structure, units.length);
  const unitIndex = indexColumnsOfUnits.index;
  const unitCategories = indexColumnsOfUnits.categories;
  const indexOf = (e: number): number | null => orNull(unitIndex[e]);
  reportCategoriesMadeConstant(o, dataset, units, raw.typed, unitScored, unitCategories, issues);

  // ── §3: norm bands over the units ──────────────────────────────────────────────────────────────────
  const indexBand = normBand(unitIndex, o.sd);
  const categoryBands = categoryBandsOf(structure, unitCategories, o.sd);

  // ── §4: area index and the budget's split over the areas ───────────────────────────────────────────
  const groups = groupByArea(units);
  const areaIndices =
    o.areaMethod === "aggregate" && groups.length > 1
      ? aggregateAreaIndices(m, groups, units, raw.lists, indicators, issues)
      : unitAreaIndices(o, groups, units, indexOf, issues);
  const areaBand = normBand(areaIndices, o.sd);
  const shareable = isShareable(groups, areaIndices);
  const budget = m.budget.total;
  const budgetValid = Number.isFinite(budget) && budget >= 0;
  reportUnshareableBudget(budget, budgetValid, shareable, groups, areaIndices, issues);
  // Kinder per Sozialraum, summed once (the shares and the area rows both need them)
  const areaChildren = groups.map((g) => sumChildren(g, units));
  const split =
    shareable && budgetValid
      ? splitAmongAreas(budget, groups, areaIndices, areaChildren, o.sockel, issues)
      : noSplit(groups);

  // ── §6: Kofinanzierung and VZÄ per area (their parameters were checked by resolveModel) ───────────────
  const areas = areaResultsOf(m, groups, areaIndices, areaBand, areaChildren, split);

  // ── §5: eligibility and the Schritt-2 proposal ──────────────────────────────────────────────────────
  const strand3 = strand3Basis(m.strand3Category, structure, unitCategories, categoryBands, issues);
  const eligible = eligibilities(units, unitIndex, strand3.column, indexBand, strand3.band, dataset, issues);
  issues.push(...strand2Issues(units, dataset.sheet));
  // §5 Stellenplan: staff per Kita in VZÄ steps, when the model names a cost per VZÄ
  const plan =
    shareable && budgetValid && m.budget.costPerVzae !== null
      ? areaStellenplan(m, groups, split.amounts, split.shares, units, indexOf, eligible, dataset, issues)
      : null;
  const proposed = proposedAmounts(plan, groups, split.amounts, units, indexOf, eligible, issues);

  // ── Bremen rule set ─────────────────────────────────────────────────────────────────────────────────
  const bremen = bremenResults(m, units, indexOf, issues);

  // ── unit results ────────────────────────────────────────────────────────────────────────────────────
  const unitResults = unitResultsOf({
    units,
    codes: unitCodes(units, groups),
    categoryNames,
    unitCategories,
    categoryBands: categoryNames.map((name) => categoryBands[name] ?? null),
    unitIndex,
    indexBand,
    eligible,
    proposed,
    plans: plan ? plan.units : null,
    traeger: Boolean(m.data.traeger),
    bremen,
  });

  if (plan) addAreaPlans(areas, plan);
  return {
    budget,
    units: unitResults,
    scores: unitScored.scores,
    categoryIndices: { names: categoryNames, columns: unitCategories },
    areas,
    norm: { index: indexBand, categories: categoryBands, areaIndex: areaBand },
    effectiveWeights: effectiveWeights(indicators, m.categories, unitScored.informative),
    issues,
    inputRange: dataset.inputRange,
    model: m,
    ...(plan && m.data.traeger ? { traeger: plan.traeger } : {}),
  };
}

/** The raw values by indicator, in the forms the computation needs (see `rawColumnsOf`). */
interface RawColumns {
  /** `typed[i][unit]` as doubles, NaN for a blank; empty with winsorisation. */
  typed: Float64Array[];
  /**
   * `lists[i][unit]` with null for a blank, winsorised when the model says so; empty unless winsorisation
   * or the aggregate method needs them.
   */
  lists: (number | null)[][];
}

/**
 * The raw columns of the units (row order): as doubles, and as lists with null where winsorisation or the
 * aggregate method needs them; with winsorisation the lists are winsorised and its warnings go to `issues`.
 */
function rawColumnsOf(
  o: ResolvedModel["options"],
  dataset: Dataset,
  units: readonly Unit[],
  issues: Issue[],
): RawColumns {
  const count = dataset.indicators.length;
  const typed = o.winsorise ? [] : (checkedColumns(dataset, units) ?? typedIndicatorColumns(units, count));
  const lists: (number | null)[][] =
    o.winsorise || o.areaMethod === "aggregate" ? indicatorColumns(units, count) : [];
  return { typed, lists: o.winsorise ? winsorisedColumns(lists, units, dataset, issues) : lists };
}

/**
 * Each raw column winsorised (`winsorise`); the clipped values, a tied group beyond the limit and outliers
 * still there become warnings, in that order per indicator.
 */
function winsorisedColumns(
  columns: readonly (number | null)[][],
  units: readonly Unit[],
  dataset: Dataset,
  issues: Issue[],
): (number | null)[][] {
  const sheet = dataset.sheet;
  const indicators = dataset.indicators;
  const columnOf = (i: number) => dataset.indicatorColumns[i] ?? "";
  return columns.map((values, i) => {
    const w = winsorise(values);
    const first = units[w.clipped[0] ?? 0];
    if (w.clipped.length > 0) {
      issues.push(
        warning(
          "winsorised",
          sheet,
          `${columnOf(i)}${first.row}`,
          messages.winsorised(
            indicators[i].column,
            w.clipped.map((k) => ({
              unit: units[k].id,
              from: values[k] as number,
              to: w.values[k] as number,
            })),
          ),
        ),
      );
    }
    if (w.limitExceeded) {
      issues.push(
        warning(
          "winsorise-tied-group",
          sheet,
          `${columnOf(i)}${first.row}`,
          messages.winsoriseTiedGroup(indicators[i].column, w.clipped.length, MAX_CLIPS),
        ),
      );
    }
    if (w.stillFires) {
      issues.push(
        warning(
          "winsorise-still-outliers",
          sheet,
          columnOf(i) ? `${columnOf(i)}${dataset.headerRow}` : "",
          messages.winsoriseStillOutliers(
            indicators[i].column,
            w.clipped.length,
            round2(w.skewness),
            round2(w.kurtosis),
          ),
        ),
      );
    }
    return w.values;
  });
}

/**
 * The check reports a unit without a value in a category's informative indicators ("category-empty")
 * and a category without informative indicators ("category-no-information"). Winsorisation can make an
 * indicator constant after the check; only that case is reported here, so nothing is reported twice:
 * a category left out of the Gesamtindex (warning), then each unit without an index in a category although
 * it has raw values there (error).
 */
function reportCategoriesMadeConstant(
  o: ResolvedModel["options"],
  dataset: Dataset,
  units: readonly Unit[],
  typedColumns: readonly Float64Array[],
  unitScored: ScoredIndicators,
  unitCategories: readonly (Float64Array | null)[],
  issues: Issue[],
): void {
  const { sheet, indicators } = dataset;
  const structure = unitScored.structure;
  const columnOf = (i: number) => dataset.indicatorColumns[i] ?? "";
  const rawInformative = indicators.map((_, i) =>
    isInformative(o.winsorise ? units.map((u) => u.values[i] ?? null) : typedColumns[i]),
  );
  const inCategories = structure.categories.map((_, k) =>
    indicators.map((_, i) => i).filter((i) => structure.indicatorCategory[i] === k),
  );
  structure.categories.forEach((c, k) => {
    if (
      !structure.categoryCounts[k] &&
      inCategories[k].some((i) => rawInformative[i] && unitScored.informative[i] === false)
    ) {
      issues.push(warning("category-left-out", sheet, "", messages.categoryLeftOut(c.name)));
    }
  });
  for (const e of unitsWithoutCategoryIndex(unitCategories, units.length)) {
    const u = units[e];
    for (let k = 0; k < structure.categories.length; k++) {
      const column = unitCategories[k];
      if (column === null || column[e] === column[e]) continue;
      const inCategory = inCategories[k];
      const hasRaw = inCategory.some(
        (i) => rawInformative[i] && u.values[i] !== null && u.values[i] !== undefined,
      );
      if (!hasRaw) continue;
      issues.push(
        error(
          "category-only-constant",
          sheet,
          `${columnOf(inCategory[0])}${u.row}`,
          messages.categoryOnlyConstant(u.id, structure.categories[k].name),
        ),
      );
    }
  }
}

/** The norm band (SPEC §3) of each category that counts, by category name. */
function categoryBandsOf(
  structure: IndexStructure,
  unitCategories: readonly (Float64Array | null)[],
  sd: SdKind,
): Record<string, NormBand> {
  const categoryBands: Record<string, NormBand> = {};
  structure.categories.forEach((c, k) => {
    const column = unitCategories[k];
    if (column !== null) categoryBands[c.name] = normBand(column, sd);
  });
  return categoryBands;
}

/**
 * The area indices by the aggregate method (SPEC §4): the units' raw values aggregated per area (weighted
 * by Kinder where the model says so and every unit has them, else a warning), then scored like units.
 */
function aggregateAreaIndices(
  m: ResolvedModel,
  groups: readonly AreaGroup[],
  units: readonly Unit[],
  columns: readonly (number | null)[][],
  indicators: readonly ResolvedIndicator[],
  issues: Issue[],
): (number | null)[] {
  const o = m.options;
  const areaIndices: (number | null)[] = [];
  const raw = groups.map((g) =>
    areaRawValues(
      g.units.map((i) => ({ values: columns.map((col) => col[i]), children: units[i].children })),
      indicators.length,
      o.childWeighted === true,
    ),
  );
  raw.forEach((r, a) => {
    if (o.childWeighted && !r.weightedByChildren) issues.push(childFallback(groups[a].name));
  });
  const areaScored = scoreIndicators(
    indicators.map((_, i) => raw.map((r) => r.values[i])),
    indicators,
    m,
  );
  entityIndices(areaScored, groups.length).forEach((x) => areaIndices.push(x.index));
  return areaIndices;
}

/**
 * The area indices from the units' Gesamtindex (SPEC §4): their mean (weighted by Kinder where the model
 * says so) or sum. The aggregate method asked for with a single area falls back to this, with a warning.
 */
function unitAreaIndices(
  o: ResolvedModel["options"],
  groups: readonly AreaGroup[],
  units: readonly Unit[],
  indexOf: (unit: number) => number | null,
  issues: Issue[],
): (number | null)[] {
  const areaIndices: (number | null)[] = [];
  if (o.areaMethod === "aggregate") {
    issues.push(
      warning("aggregate-single-area", "", "", messages.aggregateSingleArea(groups[0]?.name ?? "")),
    );
  }
  const method = o.areaMethod === "sum-of-units" ? "sum-of-units" : "mean-of-units";
  for (const g of groups) {
    // read by position from the typed index column: no object per unit
    const members = g.units;
    const r = areaIndexOf(
      members.length,
      (k) => indexOf(members[k]),
      (k) => units[members[k]].children,
      method,
      o.childWeighted === true,
    );
    if (o.childWeighted && method === "mean-of-units" && !r.weightedByChildren && r.index !== null) {
      issues.push(childFallback(g.name));
    }
    areaIndices.push(r.index);
  }
  return areaIndices;
}

/** Can the budget be shared by the area indices: at least one area, every index finite and ≥ 0, their sum > 0? */
function isShareable(groups: readonly AreaGroup[], areaIndices: readonly (number | null)[]): boolean {
  return (
    groups.length > 0 &&
    areaIndices.every((x) => x !== null && Number.isFinite(x) && x >= 0) &&
    areaIndices.reduce<number>((s, x) => s + (x ?? 0), 0) > 0
  );
}

/** An invalid budget, then areas without a usable index: errors (the amounts stay 0). */
function reportUnshareableBudget(
  budget: number,
  budgetValid: boolean,
  shareable: boolean,
  groups: readonly AreaGroup[],
  areaIndices: readonly (number | null)[],
  issues: Issue[],
): void {
  if (!budgetValid) {
    issues.push(error("budget-invalid", "", "", messages.budgetInvalid(budget)));
  }
  if (!shareable && groups.length > 0) {
    const bad = groups
      .filter((_, a) => !(areaIndices[a] !== null && (areaIndices[a] as number) >= 0))
      .map((g) => g.name);
    issues.push(error("area-index-invalid", "", "", messages.areaIndexInvalid(bad)));
  }
}

/** The budget's split over the areas (SPEC §4): shares, cent-exact amounts and which area got a cent by a tie. */
interface AreaSplit {
  shares: number[];
  amounts: number[];
  areaTies: boolean[];
}

/** No split: every area's share and amount 0 (the budget or the area indices do not allow one). */
function noSplit(groups: readonly AreaGroup[]): AreaSplit {
  return { shares: groups.map(() => 0), amounts: groups.map(() => 0), areaTies: groups.map(() => false) };
}

/**
 * The budget split over the areas: shares by area index (and Sockel), amounts to the cent by largest
 * remainder. A Sockel by Kinder without Kinder everywhere and cents decided by a tie are warnings.
 */
function splitAmongAreas(
  budget: number,
  groups: readonly AreaGroup[],
  areaIndices: readonly (number | null)[],
  areaChildren: readonly (number | null)[],
  sockel: ResolvedModel["options"]["sockel"],
  issues: Issue[],
): AreaSplit {
  const split = budgetShares(
    groups.map((_, a) => ({ index: areaIndices[a] as number, children: areaChildren[a] })),
    sockel,
  );
  if (sockel && sockel.fraction > 0 && sockel.by === "children" && !split.sockelByChildren) {
    issues.push(warning("sockel-children-missing", "", "", messages.sockelChildrenMissing()));
  }
  const shares = split.shares;
  const cents = apportionCents(budget, shares);
  const areaTies = cents.tieFlags;
  const tied = groups.filter((_, a) => areaTies[a]).map((g) => g.name);
  if (tied.length > 0) issues.push(centTie(messages.tiedAreas(tied)));
  return { shares, amounts: cents.amounts, areaTies };
}

/** The area results: index, band, share, amount, Kinder, Kofinanzierung and VZÄ (SPEC §4, §6). */
function areaResultsOf(
  m: ResolvedModel,
  groups: readonly AreaGroup[],
  areaIndices: readonly (number | null)[],
  areaBand: NormBand,
  areaChildren: readonly (number | null)[],
  split: AreaSplit,
): AreaResult[] {
  const cost = m.budget.costPerVzae;
  const step = m.budget.vzaeStep;
  const areaKofi = kofinanzierungPerArea(split.amounts, m.budget.kofinanzierung);
  return groups.map((g, a) => {
    const k = areaKofi[a];
    return {
      name: g.name,
      index: areaIndices[a] ?? NaN,
      band: bandOf(areaIndices[a], areaBand),
      share: split.shares[a],
      amount: split.amounts[a],
      units: g.units.length,
      children: areaChildren[a],
      personnelVolume: k.personnelVolume,
      landPart: k.landPart,
      municipalPart: k.municipalPart,
      vzae: cost !== null ? vzaeFor(k.personnelVolume, cost, step) : null,
      tieFlag: split.areaTies[a],
    };
  });
}

/**
 * What strand 3 is decided by: the category `strand3Category` names, its norm band and its unit indices
 * (none where the category is missing or does not count: a warning).
 */
function strand3Basis(
  strand3Category: string,
  structure: IndexStructure,
  unitCategories: readonly (Float64Array | null)[],
  categoryBands: Readonly<Record<string, NormBand>>,
  issues: Issue[],
): { band: NormBand; column: Float64Array | null } {
  const strand3k = structure.categories.findIndex((c) => c.name === strand3Category);
  if (strand3k < 0 || !structure.categoryCounts[strand3k]) {
    issues.push(
      warning("strand3-category-missing", "", "", messages.strand3CategoryMissing(strand3Category)),
    );
  }
  return {
    band: categoryBands[strand3Category] ?? NO_BAND,
    column: strand3k >= 0 ? unitCategories[strand3k] : null,
  };
}

/** Each area result gets its Stellenplan row and what the plan left nicht verplant. */
function addAreaPlans(areas: AreaResult[], plan: Stellenplan): void {
  areas.forEach((a, r) => {
    a.unplanned = plan.areas[r].unplanned;
    a.plan = plan.areas[r];
  });
}

/**
 * The Schritt-2 proposal per unit (row order): the Stellenplan's amounts, or without one each area's amount
 * split over its eligible units by index (`proposeWithinArea`); an area whose amount finds no eligible unit
 * and cents decided by a tie are warnings.
 */
function proposedAmounts(
  plan: Stellenplan | null,
  groups: readonly AreaGroup[],
  amounts: readonly number[],
  units: readonly Unit[],
  indexOf: (unit: number) => number | null,
  eligible: readonly Eligibility[],
  issues: Issue[],
): Float64Array {
  const proposed = new Float64Array(units.length);
  if (plan) plan.units.forEach((p, e) => (proposed[e] = p.amount));
  else
    groups.forEach((g, a) => {
      const p = proposeWithinArea(
        amounts[a],
        g.units.map((i) => ({ index: indexOf(i), eligible: anyStrand(eligible[i]) })),
      );
      g.units.forEach((i, k) => (proposed[i] = p.amounts[k]));
      if (amounts[a] > 0 && p.amounts.every((x) => x === 0)) {
        issues.push(warning("no-eligible-unit", "", "", messages.noEligibleUnit(g.name, amounts[a])));
      }
      const tied = g.units.filter((_, k) => p.tieFlags[k]).map((i) => units[i].id);
      if (tied.length > 0) issues.push(centTie(messages.tiedUnits(tied, g.name)));
    });
  return proposed;
}

/**
 * The Bremen rule set's results per unit (row order), null without it; each unit's Kita-Index from its
 * column, or its own Gesamtindex when the model names none (a warning, reported here once).
 */
function bremenResults(
  m: ResolvedModel,
  units: readonly Unit[],
  indexOf: (unit: number) => number | null,
  issues: Issue[],
): BremenUnitResult[] | null {
  // the Bremen rule table was checked by resolveModel; the own-index warning is reported here, once
  if (m.bremen !== null && m.data.kitaIndex === null) {
    issues.push(warning("bremen-own-index", "", "", messages.bremenOwnIndex()));
  }
  if (m.bremen === null) return null;
  return bremenAllocation(
    units.map((u, e) => ({
      id: u.id,
      children: u.children,
      verbund: u.verbund,
      firstYear: u.firstYear,
      kitaIndex: m.data.kitaIndex ? u.kitaIndex : indexOf(e),
    })),
    m.bremen,
  );
}

/** What `unitResultsOf` builds the unit results from: the units in row order and their computed columns. */
interface UnitResultInputs {
  units: readonly Unit[];
  codes: readonly string[];
  categoryNames: readonly string[];
  /** `unitCategories[k][unit]`: category indices, NaN for none; null for a category that does not count. */
  unitCategories: readonly (Float64Array | null)[];
  /** The norm band of each category (order of `categoryNames`), null where there is none. */
  categoryBands: readonly (NormBand | null)[];
  unitIndex: Float64Array;
  indexBand: NormBand;
  eligible: readonly Eligibility[];
  proposed: ArrayLike<number>;
  /** The Stellenplan's unit plans, or null without a Stellenplan. */
  plans: readonly UnitPlanResult[] | null;
  /** Does the model name a Träger column (then every result carries `traeger`)? */
  traeger: boolean;
  bremen: readonly BremenUnitResult[] | null;
}

/**
 * The unit results, one per unit in row order. A function of its own, not a loop inside `allocate`: it runs
 * once per allocation over every unit and is optimised as a whole, with feedback from every line.
 *
 * @example
 * unitResultsOf({ units, codes, categoryNames, unitCategories, … })[0].index; // => the first unit's Gesamtindex
 */
function unitResultsOf(x: UnitResultInputs): UnitResult[] {
  const { units, codes, categoryNames, unitCategories, categoryBands, unitIndex, indexBand } = x;
  // the category bands as shared records (a base-4 code per unit), unless there are too many categories
  const sharedBands = categoryNames.length <= MAX_SHARED_CATEGORIES ? sharedBandRecords(categoryNames) : null;
  const unitResults = new Array<UnitResult>(units.length);
  for (let e = 0; e < units.length; e++) {
    const u = units[e];
    const bands: Record<string, Band | null> | null = sharedBands === null ? {} : null;
    let bandKey = 0;
    for (let k = 0; k < categoryNames.length; k++) {
      const column = unitCategories[k];
      const value = column === null ? null : orNull(column[e]);
      const band = categoryBands[k];
      const where = band ? bandOf(value, band) : null;
      if (bands !== null) bands[categoryNames[k]] = where;
      else bandKey = bandKey * 4 + bandCode(where);
    }
    const index = orNull(unitIndex[e]);
    const categoryBandsOfUnit =
      bands ?? (sharedBands as (code: number) => Record<string, Band | null>)(bandKey);
    // with a Stellenplan the plan is in the literal: added afterwards, every unit would get a second
    // block for the one more field (the order of the fields is the same either way)
    const result: UnitResult = x.plans
      ? {
          id: u.id,
          code: codes[e],
          area: u.area,
          row: u.row,
          children: u.children,
          index,
          band: bandOf(index, indexBand),
          categoryBands: categoryBandsOfUnit,
          eligible: x.eligible[e],
          proposedAmount: x.proposed[e],
          plan: x.plans[e],
        }
      : {
          id: u.id,
          code: codes[e],
          area: u.area,
          row: u.row,
          children: u.children,
          index,
          band: bandOf(index, indexBand),
          categoryBands: categoryBandsOfUnit,
          eligible: x.eligible[e],
          proposedAmount: x.proposed[e],
        };
    if (x.traeger) result.traeger = u.traeger ?? null;
    if (x.bremen) result.bremen = x.bremen[e];
    unitResults[e] = result;
  }
  return unitResults;
}

/**
 * The eligibility of every unit (row order) for the four strands; the issues of units with a strand-3
 * reason or a strand-4 flag go to `issues`, in unit order. A function of its own, not a loop inside
 * `allocate`: it runs over every unit and is optimised as a whole.
 *
 * @example
 * eligibilities(units, unitIndex, strand3Column, indexBand, strand3Band, dataset, issues)[0].sozialarbeit; // => true when the first unit's index ≥ the lower bound
 */
function eligibilities(
  units: readonly Unit[],
  unitIndex: Float64Array,
  strand3Column: Float64Array | null,
  indexBand: NormBand,
  strand3Band: NormBand,
  dataset: Dataset,
  issues: Issue[],
): Eligibility[] {
  const sheet = dataset.sheet;
  // one input object, refilled per unit; every unit with the same answers shares one eligibility object
  const input: EligibilityInput = noEligibilityAnswers();
  const eligible = new Array<Eligibility>(units.length);
  for (let e = 0; e < units.length; e++) {
    const u = units[e];
    input.index = orNull(unitIndex[e]);
    input.strand3Index = strand3Column === null ? null : orNull(strand3Column[e]);
    input.strand2 = u.strand2;
    input.strand3Reason = u.strand3Reason;
    input.strand4 = u.strand4;
    input.strand4Reason = u.strand4Reason;
    eligible[e] = sharedEligibility(eligibility(input, indexBand, strand3Band));
    // only a reason or a strand-4 flag can give an eligibility issue
    if (u.strand3Reason === "" && u.strand4 !== true) continue;
    issues.push(
      ...eligibilityIssues(input, indexBand, strand3Band, {
        sheet,
        unitId: u.id,
        strand3ReasonCell: cellOf(dataset.roleColumns?.strand3Reason, u.row),
        // the empty justification is what is missing: point at it (else at the flag)
        strand4Cell: cellOf(dataset.roleColumns?.strand4Reason ?? dataset.roleColumns?.strand4, u.row),
      }),
    );
  }
  return eligible;
}

/**
 * The Stellenplan (SPEC §5) of all areas from the allocation's own figures; its warnings go to `issues`.
 * The caller has checked cost, step and Kofinanzierung; invalid Stellenplan rules become errors here.
 */
function areaStellenplan(
  m: ResolvedModel,
  groups: readonly AreaGroup[],
  amounts: readonly number[],
  shares: readonly number[],
  units: readonly Unit[],
  indexOf: (unit: number) => number | null,
  eligible: readonly Eligibility[],
  dataset: Dataset,
  issues: Issue[],
): Stellenplan | null {
  const parameters = stellenplanParameters({
    costPerVzae: m.budget.costPerVzae as number,
    step: m.budget.vzaeStep,
    kofinanzierung: m.budget.kofinanzierung,
    ...m.rules,
  });
  const problems = stellenplanIssues(parameters);
  if (problems.length > 0) {
    issues.push(...problems);
    return null;
  }
  const strand4VzaeColumn = dataset.roleColumns?.strand4Vzae;
  // the Kitas read by position from the units and the computed columns: no object per Kita
  const plan = stellenplanOf(
    groups.map((g, a) => ({ name: g.name, amount: amounts[a], share: shares[a] })),
    {
      count: units.length,
      id: (e) => units[e].id,
      area: (e) => units[e].area,
      row: (e) => units[e].row,
      index: indexOf,
      children: (e) => units[e].children,
      eligible: (e) => eligible[e],
      strand4Vzae: (e) => units[e].strand4Vzae ?? null,
      strand4VzaeCell: (e) => cellOf(strand4VzaeColumn, units[e].row),
      traeger: (e) => units[e].traeger ?? null,
      // the units are in sheet-row order (inRowOrder), so each group's list is its members in row order
      areaMembers: groups.map((g) => g.units),
    },
    parameters,
    dataset.sheet,
    { traeger: m.data.traeger !== null },
  );
  issues.push(...plan.issues);
  return plan;
}

/**
 * The Kinder of a Sozialraum: the sum over its units in list order, or null when it has no unit or one
 * without Kinder. One loop, no list of the members' Kinder.
 *
 * @example sumChildren({ name: "Nord", units: [0, 1] }, [{ children: 30 }, { children: 12 }]); // => 42
 */
export function sumChildren(group: AreaGroup, units: readonly Pick<Unit, "children">[]): number | null {
  const members = group.units;
  if (members.length === 0) return null;
  let sum = 0;
  for (let k = 0; k < members.length; k++) {
    const children = units[members[k]].children;
    if (children === null) return null;
    sum += children;
  }
  return sum;
}

function childFallback(area: string): Issue {
  return warning("children-weighting-fallback", "", "", messages.childrenWeightingFallback(area));
}

function centTie(who: string): Issue {
  return warning("cent-tie", "", "", messages.centTie(who));
}

/**
 * Check the raw data sheet and compute the allocation: `checkTable` first (its issues come first), then
 * `allocate` when the check let the data through. `allocation` is null when there are blocking errors
 * (from the check or from the computation); every issue is returned either way. Never throws on data.
 *
 * @param model the resolved model (`resolveModel`)
 * @param table the raw data sheet
 * @example
 * const { allocation, issues } = runAllocation(model, table);
 * if (allocation === null) console.log(issues.filter((i) => i.level === "error"));
 */
export function runAllocation(
  model: ResolvedModel,
  table: RawTable,
): { allocation: Allocation | null; issues: Issue[] } {
  const checked = checkTable(model, table);
  if (checked.dataset === null) return { allocation: null, issues: checked.issues };
  const allocation = allocate(model, checked.dataset);
  const issues = [...checked.issues, ...allocation.issues];
  if (hasBlockingErrors(allocation.issues)) return { allocation: null, issues };
  return { allocation, issues };
}

/** "L11" from a column's letters and a row, or "" when the column is not on the sheet. */
function cellOf(letters: string | undefined, row: number): string {
  return letters ? `${letters}${row}` : "";
}

/**
 * Kofinanzierung per Sozialraum such that the column totals equal the Kofinanzierung of the whole budget
 * to the cent (the Verteilung sheet's SUM row): the total personnel volume and municipal part are split
 * over the areas in proportion to their amounts by largest remainder; each area stays within a cent of
 * its own `kofinanzierung(amount)`.
 *
 * @example
 * // 1,002,240 € over three areas: personnel volumes add up to 1,670,400 € exactly, not 1,670,400.01 €
 * kofinanzierungPerArea([334080.01, 334079.99, 334080], DEFAULT_KOFINANZIERUNG);
 * // => personnel volumes 556800.02, 556799.98, 556800 (Σ 1,670,400); municipal parts 222720.01, 222719.99, 222720
 */
export function kofinanzierungPerArea(
  amounts: readonly number[],
  spec: KofinanzierungSpec | null,
): { personnelVolume: number; landPart: number; municipalPart: number }[] {
  const zero = amounts.map((a) => ({ personnelVolume: 0, landPart: spec ? a : 0, municipalPart: 0 }));
  const totalCents = amounts.reduce((s, a) => s + Math.round(a * 100), 0);
  if (spec === null || totalCents === 0) return zero;
  const total = kofinanzierung(totalCents / 100, spec);
  const volumes = apportionCents(total.personnelVolume, amounts).cents;
  const sharesAddUp = Math.abs(spec.landShare + spec.municipalShare - 1) < 1e-9;
  // shares adding up to 1: Land part + municipal part = personnel volume in every area, to the cent
  const municipal = sharesAddUp
    ? volumes.map((v, i) => v - Math.round(amounts[i] * 100))
    : apportionCents(total.municipalPart, amounts).cents;
  return amounts.map((a, i) => ({
    personnelVolume: volumes[i] / 100,
    landPart: a,
    municipalPart: municipal[i] / 100,
  }));
}

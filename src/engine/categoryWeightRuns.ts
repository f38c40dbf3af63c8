/**
 * The fast path of the robustness analysis: the Sozialraum shares and the strand-1 and strand-3
 * eligibility of a checked dataset under other category weights, without a full allocation.
 *
 * Category weights change only the last step of the index (SPEC §2.4: Gesamtindex = weighted mean of the
 * category indices). The standard scores, the category indices, the strand-3 band and, for the aggregate
 * method, the areas' category indices do not depend on them; they are computed once here, with the same
 * functions `allocate` uses, and each run repeats only the steps after them. The numbers are the ones
 * `allocate(model with those category weights, dataset)` gives, bit for bit (test/engine/robustnessPinned).
 *
 * Cost per run: O(units × categories) and one sort of the areas, no issues, no unit result objects. For
 * 3,000 Kitas a run takes about a millisecond instead of a full allocation's ~100 ms.
 */
import { groupByArea, type AreaGroup } from "./areaGroups";
import { areaIndexOfUnits, areaRawValues } from "./areaIndex";
import {
  entityIndices,
  indicatorColumns,
  inRowOrder,
  NO_BAND,
  scoreIndicators,
  sumChildren,
  type ScoredIndicators,
} from "./allocate";
import type { Dataset, Unit } from "./dataset";
import { indexStructure, unitIndicesOfColumns } from "./gesamtindex";
import type { CategorySpec, ResolvedIndicator, ResolvedModel } from "./model";
import { normBand } from "./normBand";
import { budgetShares } from "./share";
import { isInformative } from "./standardScore";
import { eligibility, type EligibilityInput } from "./strands";
import { weightedMean } from "./weightedMean";
import { winsorise } from "./winsorise";

/** One run's outcome: shares by area (order of `areas`), eligibility by unit (order of `units`). */
export interface CategoryWeightOutcome {
  /** false: some area index is missing, negative or all are 0 — the allocation would be blocked. */
  shareable: boolean;
  /**
   * false: `allocate` would report a blocking error (no share possible, or a unit left without a category
   * index by winsorising: `category-only-constant`); the shares and eligibility are still computed.
   */
  computable: boolean;
  /** Share of the budget per area (all 0 when not shareable, as `allocate` leaves them). */
  shares: Float64Array;
  sozialarbeit: Uint8Array;
  interkulturell: Uint8Array;
}

/** Category indices of a set of entities: weight-free, computed once. */
interface CategoryLevel {
  indicators: readonly ResolvedIndicator[];
  informative: boolean[];
  /** Per entity: its category indices (order of the model's categories). */
  categories: (number | null)[][];
}

export interface CategoryWeightRunner {
  /** Units in sheet (row) order: the order of the outcome's eligibility arrays. */
  units: readonly Unit[];
  /** Sozialräume in order of first appearance: the order of the outcome's shares. */
  areas: readonly string[];
  /**
   * The shares and eligibility under these category weights (same names and order as the model's) and,
   * when given, these indicator weights (one per indicator of the dataset, in its order). Indicator weights
   * change the category indices (SPEC §2.3), so a run with them repeats that step too.
   */
  run(categories: readonly CategorySpec[], indicatorWeights?: readonly number[]): CategoryWeightOutcome;
}

/** The weights of the counted categories (0 for the others), as `unitIndicesOfColumns` takes them. */
function countedWeights(level: CategoryLevel, categories: readonly CategorySpec[]) {
  const structure = indexStructure(level.indicators, categories, level.informative);
  return {
    weights: structure.categories.map((c, k) => (structure.categoryCounts[k] ? c.weight : 0)),
    counted: structure.categoryCounts,
  };
}

/**
 * Gesamtindex of each entity from its category indices, as `unitIndicesOfColumns` computes it, and which
 * categories count (a category whose weight is drawn as 0 does not).
 */
function indices(
  level: CategoryLevel,
  categories: readonly CategorySpec[],
): { index: (number | null)[]; counted: boolean[] } {
  const { weights, counted } = countedWeights(level, categories);
  const anyCounted = counted.some((c) => c);
  const index = level.categories.map((values) => {
    const missing = counted.some((c, k) => c && values[k] === null);
    return !anyCounted || missing ? null : weightedMean(values, weights);
  });
  return { index, counted };
}

/**
 * Prepares the weight-free part of `allocate(model, dataset)` once.
 *
 * @example
 * const runner = categoryWeightRunner(model, dataset);
 * const outcome = runner.run(model.categories.map((c) => ({ ...c, weight: c.weight * 1.5 })));
 * outcome.shares; // => the same shares as the model's (all weights ×1.5 change nothing)
 */
export function categoryWeightRunner(model: ResolvedModel, dataset: Dataset): CategoryWeightRunner {
  const o = model.options;
  const units = inRowOrder(dataset.units);
  const n = units.length;
  const indicators = dataset.indicators;
  let columns = indicatorColumns(units, indicators.length);
  if (o.winsorise) columns = columns.map((values) => winsorise(values).values);
  const unitScored = scoreIndicators(columns, indicators, model);
  const unitLevel: CategoryLevel = {
    indicators,
    informative: unitScored.informative,
    categories: entityIndices(unitScored, n).map((x) => x.categories),
  };
  /** The category indices of the scored entities under other indicator weights (scores are weight-free). */
  const reweighted = (
    level: CategoryLevel,
    scored: ScoredIndicators,
    count: number,
    weights: readonly number[],
  ) => {
    const weighted = indicators.map((ind, i) => ({ ...ind, weight: weights[i] }));
    const structure = indexStructure(weighted, model.categories, level.informative);
    return {
      ...level,
      indicators: weighted,
      categories: unitIndicesOfColumns(scored.scores, structure, count).map((x) => x.categories),
    };
  };

  // strand 3 looks at one category's index and band: both weight-free
  const structure = unitScored.structure;
  // allocate's category-only-constant: a counted category without an index for a unit that has values there
  const rawInformative = indicators.map((_, i) =>
    isInformative(o.winsorise ? units.map((u) => u.values[i] ?? null) : columns[i]),
  );
  const onlyConstant = units.some((u, e) =>
    structure.categories.some(
      (_, k) =>
        structure.categoryCounts[k] &&
        unitLevel.categories[e][k] === null &&
        indicators.some(
          (_, i) =>
            structure.indicatorCategory[i] === k &&
            rawInformative[i] &&
            u.values[i] !== null &&
            u.values[i] !== undefined,
        ),
    ),
  );
  const strand3k = structure.categories.map((c) => c.name).indexOf(model.strand3Category);
  const strand3BandOf = (level: CategoryLevel) =>
    strand3k >= 0 && structure.categoryCounts[strand3k]
      ? normBand(
          level.categories.map((c) => c[strand3k]),
          o.sd,
        )
      : NO_BAND;
  const strand3Band = strand3BandOf(unitLevel);
  const strandInputs: EligibilityInput[] = units.map((u) => ({
    index: null,
    strand3Index: null,
    strand2: u.strand2,
    strand3Reason: u.strand3Reason,
    strand4: u.strand4,
    strand4Reason: u.strand4Reason,
  }));

  const groups: AreaGroup[] = groupByArea(units);
  const children = groups.map((g) => sumChildren(g, units));
  let areaLevel: CategoryLevel | null = null;
  let areaScored: ScoredIndicators | null = null;
  if (o.areaMethod === "aggregate" && groups.length > 1) {
    const raw = groups.map((g) =>
      areaRawValues(
        g.units.map((i) => ({ values: columns.map((col) => col[i]), children: units[i].children })),
        indicators.length,
        o.childWeighted,
      ),
    );
    areaScored = scoreIndicators(
      indicators.map((_, i) => raw.map((r) => r.values[i])),
      indicators,
      model,
    );
    areaLevel = {
      indicators,
      informative: areaScored.informative,
      categories: entityIndices(areaScored, groups.length).map((x) => x.categories),
    };
  }
  const method = o.areaMethod === "sum-of-units" ? "sum-of-units" : "mean-of-units";

  return {
    units,
    areas: groups.map((g) => g.name),
    run(categories, indicatorWeights) {
      const drawn =
        indicatorWeights !== undefined && indicatorWeights.some((w, i) => w !== indicators[i].weight);
      const units_ = drawn ? reweighted(unitLevel, unitScored, n, indicatorWeights) : unitLevel;
      const areas_ =
        drawn && areaLevel !== null && areaScored !== null
          ? reweighted(areaLevel, areaScored, groups.length, indicatorWeights)
          : areaLevel;
      const band3 = drawn ? strand3BandOf(units_) : strand3Band;
      const { index: unitIndex, counted } = indices(units_, categories);
      const indexBand = normBand(unitIndex, o.sd);
      // a strand-3 category that does not count this time has no band and no values (as in allocate)
      const strand3Counts = strand3k >= 0 && counted[strand3k];
      const areaIndex: (number | null)[] =
        areas_ !== null
          ? indices(areas_, categories).index
          : groups.map(
              (g) =>
                areaIndexOfUnits(
                  g.units.map((i) => ({ index: unitIndex[i], children: units[i].children })),
                  method,
                  o.childWeighted,
                ).index,
            );
      const shareable =
        groups.length > 0 &&
        areaIndex.every((x) => x !== null && Number.isFinite(x) && x >= 0) &&
        areaIndex.reduce<number>((s, x) => s + (x ?? 0), 0) > 0;
      const shares = new Float64Array(groups.length);
      if (shareable) {
        const split = budgetShares(
          groups.map((_, a) => ({ index: areaIndex[a] as number, children: children[a] })),
          o.sockel,
        );
        shares.set(split.shares);
      }
      const sozialarbeit = new Uint8Array(n);
      const interkulturell = new Uint8Array(n);
      for (let e = 0; e < n; e++) {
        const input = strandInputs[e];
        const strand3Index = strand3Counts ? units_.categories[e][strand3k] : null;
        const eligible = eligibility(
          { ...input, index: unitIndex[e], strand3Index },
          indexBand,
          strand3Counts ? band3 : NO_BAND,
        );
        sozialarbeit[e] = eligible.sozialarbeit ? 1 : 0;
        interkulturell[e] = eligible.interkulturell ? 1 : 0;
      }
      return { shareable, computable: shareable && !onlyConstant, shares, sozialarbeit, interkulturell };
    },
  };
}

/**
 * Robustheit: how much does the allocation depend on the method's choices?
 *
 * The allocation is recomputed under alternatives of the model (JRC/OECD handbook, step "uncertainty and
 * sensitivity analysis"; COINr offers the same in R):
 * - normalisation min–max ↔ T-score; SD sample ↔ population; area mean ↔ child-weighted mean;
 * - each category weight ×0.5 and ×1.5; each indicator left out once;
 * - a seeded Monte-Carlo run of N random weight draws (every category and indicator weight uniform in
 *   ±50 % of the model's; default N = 1,000; the same seed gives the same result).
 * Per Sozialraum: its share now and the minimum, median and maximum share over all alternatives, and its
 * rank range. Per Kita: how often it stays eligible for strands 1 and 3. Results that flip are flagged.
 *
 * @example
 * const r = robustness({ model, table, dataset, base }, { runs: 200, seed: 7 });
 * r.areas[0]; // => { name: "Nordstadt", share: 0.171, shareMin: 0.160, shareMedian: 0.171, shareMax: 0.183, rankMin: 1, rankMax: 2, … }
 */
import { max, median, min } from "simple-statistics";
import type { Allocation } from "./allocation";
import { categoryWeightRunner, type CategoryWeightRunner } from "./categoryWeightRuns";
import type { Dataset } from "./dataset";
import { leaveOutDataset } from "./leaveOut";
import type { CategorySpec, ResolvedModel } from "./model";
import { seededRandom } from "./seededRandom";
import { formatNumber } from "./germanFormat";

export interface RobustnessOptions {
  /** Monte-Carlo draws (default 1,000). */
  runs?: number;
  /** Seed of the pseudo-random weight draws (default 1). */
  seed?: number;
  /** Half-width of the uniform weight range as a fraction of the model's weight (default 0.5 = ±50 %). */
  spread?: number;
}

/**
 * What an alternative changes, as data: the Robustheit sheet and results.json name it in German (`label`),
 * the task pane in its own language.
 */
export type AlternativeChange =
  | { kind: "normalisation"; to: "tscore" | "minmax" }
  | { kind: "sd"; to: "population" | "sample" }
  | { kind: "areaMethod"; childWeighted: boolean }
  | { kind: "categoryWeight"; category: string; factor: number }
  | { kind: "leaveOut"; indicator: string };

/**
 * The German name of an alternative, as the Robustheit sheet shows it.
 *
 * @example germanAlternativeLabel({ kind: "categoryWeight", category: "Soziale Lage", factor: 1.5 }); // => "Kategorie „Soziale Lage“ ×1,5"
 */
export function germanAlternativeLabel(change: AlternativeChange): string {
  switch (change.kind) {
    case "normalisation":
      return change.to === "tscore" ? "T-Werte statt Min-Max" : "Min-Max statt T-Werte";
    case "sd":
      return change.to === "population" ? "Standardabweichung STABW.N" : "Standardabweichung STABW.S";
    case "areaMethod":
      return change.childWeighted
        ? "Sozialraum-Mittel nach Kindern gewichtet"
        : "Sozialraum-Mittel ungewichtet";
    case "categoryWeight":
      return `Kategorie „${change.category}“ ×${formatNumber(change.factor, { max: 2 })}`;
    case "leaveOut":
      return `ohne Indikator „${change.indicator}“`;
  }
}

export interface Alternative {
  /** German label shown on the Robustheit sheet, e.g. "Kategorie „Soziale Lage“ ×1,5". */
  label: string;
  kind: AlternativeChange["kind"];
  change: AlternativeChange;
  model: ResolvedModel;
}

export interface AreaRobustness {
  name: string;
  share: number;
  shareMin: number;
  shareMedian: number;
  shareMax: number;
  /** Rank now (1 = largest share). */
  rank: number;
  rankMin: number;
  rankMax: number;
  /** Rank changes by 2 or more under some alternative. */
  flagged: boolean;
}

export interface UnitRobustness {
  id: string;
  area: string;
  /** Eligibility now. */
  sozialarbeit: boolean;
  interkulturell: boolean;
  /** Share of all computed alternatives in which the unit is eligible (0–1). */
  sozialarbeitFrequency: number;
  interkulturellFrequency: number;
  /** Eligible now but not under at least one alternative (or the other way round). */
  flagged: boolean;
  /** Labels of the deterministic alternatives under which the unit's eligibility differs from now. */
  flips: string[];
}

export interface AlternativeOutcome {
  label: string;
  /** What the alternative changes (the task pane names it in English); absent in results.json. */
  change?: AlternativeChange;
  /** null: the alternative could not be computed (e.g. leaving out the only indicator of a category). */
  shares: Record<string, number> | null;
}

export interface Robustness {
  areas: AreaRobustness[];
  units: UnitRobustness[];
  /** Number of computed alternatives (deterministic + Monte-Carlo). */
  runs: number;
  /** Monte-Carlo draws requested. */
  monteCarloRuns: number;
  seed: number;
  spread: number;
  alternatives: AlternativeOutcome[];
}

/**
 * The deterministic alternatives of a model (Monte-Carlo draws are made in `robustness`).
 *
 * @example alternatives(model).map((a) => a.label); // => ["T-Werte statt Min-Max", "Standardabweichung STABW.N", …]
 */
export function alternatives(model: ResolvedModel, hasChildren: boolean): Alternative[] {
  const out: Alternative[] = [];
  const o = model.options;
  const add = (change: AlternativeChange, changed: ResolvedModel) =>
    out.push({ label: germanAlternativeLabel(change), kind: change.kind, change, model: changed });
  const normalisation = o.normalisation === "tscore" ? "minmax" : "tscore";
  add({ kind: "normalisation", to: normalisation }, { ...model, options: { ...o, normalisation } });
  const sd = o.sd === "population" ? "sample" : "population";
  add({ kind: "sd", to: sd }, { ...model, options: { ...o, sd } });
  if (hasChildren && o.areaMethod !== "sum-of-units") {
    add(
      { kind: "areaMethod", childWeighted: !o.childWeighted },
      { ...model, options: { ...o, childWeighted: !o.childWeighted } },
    );
  }
  for (const c of model.categories) {
    for (const f of [0.5, 1.5]) {
      add(
        { kind: "categoryWeight", category: c.name, factor: f },
        {
          ...model,
          categories: model.categories.map((k) => (k.name === c.name ? { ...k, weight: k.weight * f } : k)),
        },
      );
    }
  }
  for (const ind of model.indicators) {
    add(
      { kind: "leaveOut", indicator: ind.label },
      { ...model, indicators: model.indicators.filter((i) => i !== ind) },
    );
  }
  return out;
}

/** The model with every category and indicator weight drawn uniformly in [w·(1−spread), w·(1+spread)]. */
export function drawWeights(model: ResolvedModel, random: () => number, spread: number): ResolvedModel {
  const draw = (w: number) => w * (1 - spread + 2 * spread * random());
  return {
    ...model,
    categories: model.categories.map((c) => ({ ...c, weight: draw(c.weight) })),
    indicators: model.indicators.map((i) => ({ ...i, weight: draw(i.weight) })),
  };
}

function ranksOf(shares: Record<string, number>): Record<string, number> {
  const names = Object.keys(shares).sort((a, b) => shares[b] - shares[a] || (a < b ? -1 : a > b ? 1 : 0));
  const ranks: Record<string, number> = {};
  names.forEach((n, i) => (ranks[n] = i + 1));
  return ranks;
}

function sharesOf(a: Allocation): Record<string, number> {
  const s: Record<string, number> = {};
  for (const area of a.areas) s[area.name] = area.share;
  return s;
}

/** What the analysis starts from: the checked model and dataset and the allocation made from them. */
export interface RobustnessInput {
  model: ResolvedModel;
  /** The checked dataset of `model` (`checkTable`). */
  dataset: Dataset;
  /** The allocation of `model` (`allocate`), without blocking errors. */
  base: Allocation;
}

/** One computed alternative: shares by area name, eligibility by unit in the base allocation's order. */
interface Outcome {
  shares: Record<string, number>;
  sozialarbeit: Uint8Array;
  interkulturell: Uint8Array;
}

/** Whether some category is left without an indicator (the model check would refuse the model). */
function categoryWithoutIndicator(model: ResolvedModel): boolean {
  if (model.indicators.length === 0) return true;
  return model.categories.some((c) => !model.indicators.some((i) => i.category === c.name));
}

/**
 * The checked dataset of an alternative, derived from the base's (the sheet is not read again); null when
 * the check of the alternative would block: a category left without an indicator or without information,
 * or Kinder needed (weighting by Kinder) but blank for some unit.
 */
function alternativeDataset(alt: Alternative, base: ResolvedModel, dataset: Dataset): Dataset | null {
  if (alt.kind === "leaveOut") {
    if (categoryWithoutIndicator(alt.model)) return null;
    const left = base.indicators.findIndex((i) => !alt.model.indicators.includes(i));
    const position = dataset.indicators.findIndex((i) => i.column === base.indicators[left]?.column);
    return position < 0 ? null : leaveOutDataset(alt.model, dataset, position);
  }
  if (alt.kind === "areaMethod" && alt.model.options.childWeighted) {
    return dataset.units.every((u) => u.children !== null) ? dataset : null;
  }
  return dataset;
}

/**
 * Recompute the allocation under every alternative and summarise the spread.
 *
 * Nothing is computed twice and no sheet is read again: the base allocation and its checked dataset come
 * from the caller, each alternative's dataset is derived from it (`leaveOutDataset` for a left-out
 * indicator), and each alternative runs through the fast path (`categoryWeightRunner`), which repeats
 * only what the alternative changes. No outcome is kept: each is counted as it comes (3,000 Kitas ×
 * 1,000 draws in a few seconds and little memory). The numbers are those of a full check and allocation
 * per alternative (test/engine/robustnessPinned.test.ts).
 *
 * @example
 * const r = robustness({ model, dataset, base }, { runs: 200, seed: 7 });
 * r.areas[0].shareMin <= r.areas[0].share; // => true
 */
export function robustness(input: RobustnessInput, options: RobustnessOptions = {}): Robustness {
  const runs = Math.max(0, Math.floor(options.runs ?? 1000));
  const seed = Math.floor(options.seed ?? 1);
  const spread = options.spread ?? 0.5;
  const { model: baseModel, dataset, base: now } = input;
  const hasChildren = now.units.some((u) => u.children !== null);
  const position = new Map(now.units.map((u, i) => [u.id, i]));
  const n = now.units.length;
  /** An outcome of a runner, its units mapped to the base allocation's order by id. */
  const outcome = (
    runner: CategoryWeightRunner,
    categories: readonly CategorySpec[],
    keepBlocked: boolean,
    indicatorWeights?: readonly number[],
  ) => {
    const r = runner.run(categories, indicatorWeights);
    if (!keepBlocked && !r.computable) return null;
    const shares: Record<string, number> = {};
    runner.areas.forEach((name, a) => (shares[name] = r.shares[a]));
    const sozialarbeit = new Uint8Array(n);
    const interkulturell = new Uint8Array(n);
    runner.units.forEach((u, e) => {
      const i = position.get(u.id) ?? e;
      sozialarbeit[i] = r.sozialarbeit[e];
      interkulturell[i] = r.interkulturell[e];
    });
    return { shares, sozialarbeit, interkulturell };
  };
  const baseRunner = categoryWeightRunner(baseModel, dataset);

  // ── the running summary: shares and ranks per area, eligibility counts and flips per unit ──
  const shareNow = sharesOf(now);
  const rankNow = ranksOf(shareNow);
  const areaValues = new Map(now.areas.map((a) => [a.name, [shareNow[a.name]]]));
  const areaRanks = new Map(now.areas.map((a) => [a.name, [rankNow[a.name]]]));
  const s1 = new Int32Array(n);
  const s3 = new Int32Array(n);
  const flips: string[][] = now.units.map(() => []);
  let computed = 0;
  const count = (o: Outcome, label: string, deterministic: boolean) => {
    computed++;
    const ranks = ranksOf(o.shares);
    for (const area of now.areas) {
      areaValues.get(area.name)!.push(o.shares[area.name] ?? 0);
      areaRanks.get(area.name)!.push(ranks[area.name] ?? Infinity);
    }
    now.units.forEach((u, i) => {
      const e1 = o.sozialarbeit[i] ? true : false;
      const e3 = o.interkulturell[i] ? true : false;
      if (e1) s1[i]++;
      if (e3) s3[i]++;
      if (deterministic && (e1 !== u.eligible.sozialarbeit || e3 !== u.eligible.interkulturell))
        flips[i].push(label);
    });
  };

  const deterministic: AlternativeOutcome[] = [];
  for (const alt of alternatives(baseModel, hasChildren)) {
    let o: Outcome | null = null;
    if (alt.kind === "categoryWeight") {
      o = outcome(baseRunner, alt.model.categories, false);
    } else {
      const altDataset = alternativeDataset(alt, baseModel, dataset);
      if (altDataset !== null)
        o = outcome(categoryWeightRunner(alt.model, altDataset), alt.model.categories, false);
    }
    if (o) count(o, alt.label, true);
    deterministic.push({ label: alt.label, change: alt.change, shares: o ? o.shares : null });
  }
  // Monte-Carlo: category and indicator weights change; the draws' allocations are used even when blocked
  const random = seededRandom(seed);
  const modelIndicator = new Map(baseModel.indicators.map((ind, i) => [ind.column, i]));
  const datasetPositions = dataset.indicators.map((ind) => modelIndicator.get(ind.column) ?? -1);
  for (let k = 0; k < runs; k++) {
    const drawn = drawWeights(baseModel, random, spread);
    const indicatorWeights = datasetPositions.map((m, i) =>
      m >= 0 ? drawn.indicators[m].weight : dataset.indicators[i].weight,
    );
    count(outcome(baseRunner, drawn.categories, true, indicatorWeights)!, "", false);
  }

  const areas: AreaRobustness[] = now.areas.map((area) => {
    const values = areaValues.get(area.name)!;
    const ranks = areaRanks.get(area.name)!;
    const rankMin = min(ranks);
    const rankMax = max(ranks);
    return {
      name: area.name,
      share: shareNow[area.name],
      shareMin: min(values),
      shareMedian: median(values),
      shareMax: max(values),
      rank: rankNow[area.name],
      rankMin,
      rankMax,
      flagged: rankMax - rankMin >= 2,
    };
  });

  const units: UnitRobustness[] = now.units.map((u, i) => {
    const f1 = computed ? s1[i] / computed : u.eligible.sozialarbeit ? 1 : 0;
    const f3 = computed ? s3[i] / computed : u.eligible.interkulturell ? 1 : 0;
    const flipped =
      (u.eligible.sozialarbeit ? f1 < 1 : f1 > 0) || (u.eligible.interkulturell ? f3 < 1 : f3 > 0);
    return {
      id: u.id,
      area: u.area,
      sozialarbeit: u.eligible.sozialarbeit,
      interkulturell: u.eligible.interkulturell,
      sozialarbeitFrequency: f1,
      interkulturellFrequency: f3,
      flagged: flipped,
      flips: flips[i],
    };
  });

  return { areas, units, runs: computed, monteCarloRuns: runs, seed, spread, alternatives: deterministic };
}

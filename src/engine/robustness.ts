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
 * const r = robustness(model, table, { runs: 200, seed: 7 });
 * r.areas[0]; // => { name: "Nordstadt", share: 0.171, shareMin: 0.160, shareMedian: 0.171, shareMax: 0.183, rankMin: 1, rankMax: 2, … }
 */
import { max, median, min } from "simple-statistics";
import type { Allocation } from "./allocation";
import { allocate, runAllocation } from "./allocate";
import { checkTable } from "./check";
import { hasBlockingErrors } from "./issues";
import type { Model } from "./model";
import { seededRandom } from "./seededRandom";
import type { RawTable } from "./table";

export interface RobustnessOptions {
  /** Monte-Carlo draws (default 1,000). */
  runs?: number;
  /** Seed of the pseudo-random weight draws (default 1). */
  seed?: number;
  /** Half-width of the uniform weight range as a fraction of the model's weight (default 0.5 = ±50 %). */
  spread?: number;
}

export interface Alternative {
  /** German label shown on the Robustheit sheet, e.g. "Kategorie „Soziale Lage“ ×1,5". */
  label: string;
  kind: "normalisation" | "sd" | "areaMethod" | "categoryWeight" | "leaveOut";
  model: Model;
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

const DE = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });

/**
 * The deterministic alternatives of a model (Monte-Carlo draws are made in `robustness`).
 *
 * @example alternatives(model).map((a) => a.label); // => ["T-Werte statt Min-Max", "Standardabweichung STABW.N", …]
 */
export function alternatives(model: Model, hasChildren: boolean): Alternative[] {
  const out: Alternative[] = [];
  const o = model.options;
  out.push({
    label: o.normalisation === "tscore" ? "Min-Max statt T-Werte" : "T-Werte statt Min-Max",
    kind: "normalisation",
    model: { ...model, options: { ...o, normalisation: o.normalisation === "tscore" ? "minmax" : "tscore" } },
  });
  out.push({
    label: o.sd === "population" ? "Standardabweichung STABW.S" : "Standardabweichung STABW.N",
    kind: "sd",
    model: { ...model, options: { ...o, sd: o.sd === "population" ? "sample" : "population" } },
  });
  if (hasChildren && o.areaMethod !== "sum-of-units") {
    out.push({
      label: o.childWeighted ? "Sozialraum-Mittel ungewichtet" : "Sozialraum-Mittel nach Kindern gewichtet",
      kind: "areaMethod",
      model: { ...model, options: { ...o, childWeighted: !o.childWeighted } },
    });
  }
  for (const c of model.categories) {
    for (const f of [0.5, 1.5]) {
      out.push({
        label: `Kategorie „${c.name}“ ×${DE.format(f)}`,
        kind: "categoryWeight",
        model: {
          ...model,
          categories: model.categories.map((k) => (k.name === c.name ? { ...k, weight: k.weight * f } : k)),
        },
      });
    }
  }
  for (const ind of model.indicators) {
    out.push({
      label: `ohne Indikator „${ind.label ?? ind.column}“`,
      kind: "leaveOut",
      model: { ...model, indicators: model.indicators.filter((i) => i !== ind) },
    });
  }
  return out;
}

/** The model with every category and indicator weight drawn uniformly in [w·(1−spread), w·(1+spread)]. */
export function drawWeights(model: Model, random: () => number, spread: number): Model {
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

/**
 * Recompute the allocation under every alternative and summarise the spread.
 * Returns null when the model's own allocation cannot be computed (blocking errors: see runAllocation).
 */
export function robustness(
  model: Model,
  table: RawTable,
  options: RobustnessOptions = {},
): Robustness | null {
  const runs = Math.max(0, Math.floor(options.runs ?? 1000));
  const seed = Math.floor(options.seed ?? 1);
  const spread = options.spread ?? 0.5;
  // the same as runAllocation(model, table), keeping the checked dataset for the Monte-Carlo runs
  const { dataset } = checkTable(model, table);
  if (dataset === null) return null;
  const now = allocate(model, dataset);
  if (hasBlockingErrors(now.issues)) return null;
  const baseModel = now.model;
  const hasChildren = now.units.some((u) => u.children !== null);

  const outcomes: { label: string; allocation: Allocation | null; deterministic: boolean }[] = [];
  for (const alt of alternatives(baseModel, hasChildren)) {
    outcomes.push({
      label: alt.label,
      allocation: runAllocation(alt.model, table).allocation,
      deterministic: true,
    });
  }
  // Monte-Carlo: only weights change, so the checked dataset of the base run is reused.
  const random = seededRandom(seed);
  for (let k = 0; k < runs; k++) {
    outcomes.push({
      label: `Zufallsgewichte ${k + 1}`,
      allocation: allocate(drawWeights(baseModel, random, spread), dataset),
      deterministic: false,
    });
  }
  const computed = outcomes.filter(
    (o): o is { label: string; allocation: Allocation; deterministic: boolean } => !!o.allocation,
  );

  const shareNow = sharesOf(now);
  const rankNow = ranksOf(shareNow);
  const all = computed.map((o) => sharesOf(o.allocation));
  const allRanks = all.map(ranksOf);
  const areas: AreaRobustness[] = now.areas.map((area) => {
    const values = [shareNow[area.name], ...all.map((s) => s[area.name] ?? 0)];
    const ranks = [rankNow[area.name], ...allRanks.map((r) => r[area.name] ?? Infinity)];
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
    let s1 = 0;
    let s3 = 0;
    const flips: string[] = [];
    for (const o of computed) {
      const other = o.allocation.units.find((x) => x.id === u.id) ?? o.allocation.units[i];
      const e1 = other?.eligible.sozialarbeit ?? false;
      const e3 = other?.eligible.interkulturell ?? false;
      if (e1) s1++;
      if (e3) s3++;
      if (o.deterministic && (e1 !== u.eligible.sozialarbeit || e3 !== u.eligible.interkulturell))
        flips.push(o.label);
    }
    const n = computed.length || 1;
    const f1 = computed.length ? s1 / n : u.eligible.sozialarbeit ? 1 : 0;
    const f3 = computed.length ? s3 / n : u.eligible.interkulturell ? 1 : 0;
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
      flips,
    };
  });

  return {
    areas,
    units,
    runs: computed.length,
    monteCarloRuns: runs,
    seed,
    spread,
    alternatives: outcomes
      .filter((o) => o.deterministic)
      .map((o) => ({ label: o.label, shares: o.allocation ? sharesOf(o.allocation) : null })),
  };
}

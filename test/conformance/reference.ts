/**
 * Independent reference implementation of the SRB method, written from SPEC.md alone (§2–§5, §8).
 *
 * It deliberately does not import anything from `src/`: the conformance tests compare the real
 * `srb allocate` command against it. Plain and slow on purpose — one loop per formula, no fast paths.
 * Statistics come from simple-statistics (mean, sample/population standard deviation).
 */
import { mean, sampleStandardDeviation, standardDeviation } from "simple-statistics";

/** SPEC §1: +1 higher value = more need, −1 higher value = less need. */
export type RefDirection = 1 | -1;

export interface RefIndicator {
  column: string;
  category: string;
  direction: RefDirection;
  weight: number;
}

export interface RefCategory {
  name: string;
  weight: number;
}

export type RefAreaMethod = "mean-of-units" | "sum-of-units" | "aggregate";

export interface RefOptions {
  sd: "sample" | "population";
  areaMethod: RefAreaMethod;
  /** Area mean (mean-of-units, aggregate) weighted by Kinder. */
  childWeighted: boolean;
  /** Category used for strand 3 (SPEC §8: "Flucht und Migration" unless the model names another). */
  strand3Category: string;
  /** SPEC §2.1: min–max (default) or T-scores `50 + 10·z`. */
  normalisation?: "minmax" | "tscore";
}

/** One Einrichtung as the reference sees it: values aligned with the model's indicators, blank = null. */
export interface RefUnit {
  id: string;
  area: string;
  children: number | null;
  values: (number | null)[];
}

export interface RefNormBand {
  mean: number;
  sd: number;
  lower: number;
  upper: number;
}

export type RefBand = "oberhalb" | "innerhalb" | "unterhalb";

export interface RefUnitResult {
  id: string;
  area: string;
  categories: Record<string, number | null>;
  index: number | null;
  band: RefBand | null;
  eligible: { sozialarbeit: boolean; interkulturell: boolean };
}

export interface RefAreaResult {
  name: string;
  index: number;
  share: number;
  amount: number;
  cents: number;
}

export interface RefResult {
  budget: number;
  units: RefUnitResult[];
  areas: RefAreaResult[];
  norm: { index: RefNormBand; categories: Record<string, RefNormBand>; areaIndex: RefNormBand };
  /** Indicator columns that are constant over the units (SPEC §2.1: left out, reported). */
  constantIndicators: string[];
}

/**
 * Min–max standard scores of one indicator (SPEC §2.1) over the values that are present.
 * Returns null when the indicator is constant (max = min): it carries no information.
 *
 * @example
 * minMaxScores([10, 20, 30], 1); // => [0, 50, 100]
 * minMaxScores([10, 20, 30], -1); // => [100, 50, 0]
 * minMaxScores([10, null, 30], 1); // => [0, null, 100]
 * minMaxScores([5, 5], 1); // => null
 */
export function minMaxScores(
  values: readonly (number | null)[],
  direction: RefDirection,
): (number | null)[] | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  let min = present[0];
  let max = present[0];
  for (const v of present) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) return null;
  return values.map((x) => {
    if (x === null) return null;
    return direction === 1 ? (100 * (x - min)) / (max - min) : (100 * (max - x)) / (max - min);
  });
}

/**
 * T-scores `50 + 10·z`, `z = (x − mean) / sd` over the present values (SPEC §2.1 alternative); the sd is
 * the model's choice (sample or population), direction −1 mirrors z. Null when the indicator is constant.
 *
 * @example
 * // [2, 4, 6]: mean 4, sample sd 2 → z = −1, 0, 1 → 40, 50, 60
 * tScores([2, 4, 6], 1, "sample"); // => [40, 50, 60]
 * tScores([2, null, 6], -1, "sample"); // => sd √8 → [57.07…, null, 42.93…]
 */
export function tScores(
  values: readonly (number | null)[],
  direction: RefDirection,
  sd: "sample" | "population",
): (number | null)[] | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return null;
  const m = mean(present);
  const s = sd === "sample" ? sampleStandardDeviation(present) : standardDeviation(present);
  if (s === 0) return null;
  return values.map((x) => (x === null ? null : 50 + (10 * direction * (x - m)) / s));
}

/**
 * Weighted mean of the present values; the weights of missing values are left out and the rest
 * renormalised (SPEC §2.4). Null when no value is present.
 *
 * @example
 * weightedMeanOfPresent([{ value: 40, weight: 1 }, { value: 100, weight: 2 }]); // => 80
 * weightedMeanOfPresent([{ value: 40, weight: 1 }, { value: null, weight: 2 }]); // => 40
 */
export function weightedMeanOfPresent(
  items: readonly { value: number | null; weight: number }[],
): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { value, weight } of items) {
    if (value === null) continue;
    weighted += value * weight;
    weights += weight;
  }
  return weights === 0 ? null : weighted / weights;
}

export interface RefIndexRow {
  categories: Record<string, number | null>;
  index: number | null;
}

/**
 * Kategorie-Index and Gesamtindex (SPEC §2.1–§2.4) for rows of raw values (one row per unit or area,
 * aligned with `indicators`). Constant indicators are left out of every mean; a category whose
 * indicators are all constant is left out of the Gesamtindex (it carries no information); a row with
 * no value in an informative category gets no Gesamtindex.
 *
 * @example
 * // Two indicators in two categories (weights 1 and 3), three units:
 * // A: x = 0, 10, 20 → s = 0, 50, 100; B (direction −1): y = 4, 2, 0 → s = 0, 50, 100
 * // Gesamtindex = (1·sA + 3·sB) / 4 = 0, 50, 100
 * compositeIndices([[0, 4], [10, 2], [20, 0]],
 *   [{ column: "x", category: "A", direction: 1, weight: 1 }, { column: "y", category: "B", direction: -1, weight: 1 }],
 *   [{ name: "A", weight: 1 }, { name: "B", weight: 3 }]).rows.map((r) => r.index); // => [0, 50, 100]
 */
export function compositeIndices(
  rows: readonly (readonly (number | null)[])[],
  indicators: readonly RefIndicator[],
  categories: readonly RefCategory[],
  normalisation: { kind: "minmax" } | { kind: "tscore"; sd: "sample" | "population" } = { kind: "minmax" },
): { rows: RefIndexRow[]; constantIndicators: string[] } {
  const scores: ((number | null)[] | null)[] = indicators.map((indicator, j) => {
    const column = rows.map((row) => row[j] ?? null);
    return normalisation.kind === "minmax"
      ? minMaxScores(column, indicator.direction)
      : tScores(column, indicator.direction, normalisation.sd);
  });
  const constantIndicators = indicators.filter((_, j) => scores[j] === null).map((i) => i.column);
  const informative = new Set(
    categories
      .filter((c) => indicators.some((ind, j) => ind.category === c.name && scores[j] !== null))
      .map((c) => c.name),
  );
  const result = rows.map((_, u) => {
    const categoryIndex: Record<string, number | null> = {};
    for (const category of categories) {
      const items: { value: number | null; weight: number }[] = [];
      indicators.forEach((indicator, j) => {
        const column = scores[j];
        if (indicator.category !== category.name || column === null) return;
        items.push({ value: column[u], weight: indicator.weight });
      });
      categoryIndex[category.name] = weightedMeanOfPresent(items);
    }
    const counted = categories.filter((c) => informative.has(c.name));
    const blocked = counted.some((c) => categoryIndex[c.name] === null);
    const index = blocked
      ? null
      : weightedMeanOfPresent(counted.map((c) => ({ value: categoryIndex[c.name], weight: c.weight })));
    return { categories: categoryIndex, index };
  });
  return { rows: result, constantIndicators };
}

/**
 * Normbereich (SPEC §3): mean, sd (sample n−1 by default, or population), lower = mean − sd,
 * upper = mean + sd.
 *
 * @example
 * // [2, 4, 6]: mean 4, sample variance (4 + 0 + 4) / 2 = 4, sd 2
 * normBand([2, 4, 6], "sample"); // => { mean: 4, sd: 2, lower: 2, upper: 6 }
 */
export function normBand(values: readonly number[], sd: "sample" | "population"): RefNormBand {
  const m = mean([...values]);
  const s = sd === "sample" ? sampleStandardDeviation([...values]) : standardDeviation([...values]);
  return { mean: m, sd: s, lower: m - s, upper: m + s };
}

/**
 * Band of a value against a Normbereich; bounds are inclusive in "innerhalb" (SPEC §3).
 *
 * @example
 * bandOf(6, { mean: 4, sd: 2, lower: 2, upper: 6 }); // => "innerhalb"
 * bandOf(6.1, { mean: 4, sd: 2, lower: 2, upper: 6 }); // => "oberhalb"
 * bandOf(1.9, { mean: 4, sd: 2, lower: 2, upper: 6 }); // => "unterhalb"
 */
export function bandOf(value: number, band: RefNormBand): RefBand {
  if (value > band.upper) return "oberhalb";
  if (value < band.lower) return "unterhalb";
  return "innerhalb";
}

/**
 * Shares `I_r / Σ I` (SPEC §4).
 *
 * @example
 * sharesOf([1, 3]); // => [0.25, 0.75]
 */
export function sharesOf(indices: readonly number[]): number[] {
  const total = indices.reduce((a, b) => a + b, 0);
  return indices.map((i) => i / total);
}

/**
 * Largest-remainder (Hare–Niemeyer) cents (SPEC §4): floor every quota to the cent, give the missing
 * cents one each to the largest remainders; ties: larger share first, then the given order.
 * Returns whole cents.
 *
 * @example
 * // 100 € over three equal shares: quotas 3333.33… cents, 1 cent missing → goes to the first.
 * largestRemainderCents([1 / 3, 1 / 3, 1 / 3], 100); // => [3334, 3333, 3333]
 */
export function largestRemainderCents(shares: readonly number[], budget: number): number[] {
  const totalCents = Math.round(budget * 100);
  const quotas = shares.map((s) => s * totalCents);
  const floors = quotas.map((q) => Math.floor(q));
  let missing = totalCents - floors.reduce((a, b) => a + b, 0);
  const order = shares
    .map((share, i) => ({ i, share, remainder: quotas[i] - floors[i] }))
    .sort((a, b) => b.remainder - a.remainder || b.share - a.share || a.i - b.i);
  const cents = [...floors];
  for (const { i } of order) {
    if (missing <= 0) break;
    cents[i] += 1;
    missing -= 1;
  }
  return cents;
}

/** Areas in order of first appearance (the order SRB documents, docs/method-decisions.md). */
export function areasInOrder(units: readonly RefUnit[]): string[] {
  const seen: string[] = [];
  for (const u of units) if (!seen.includes(u.area)) seen.push(u.area);
  return seen;
}

function weightedAverage(values: readonly number[], weights: readonly number[] | null): number {
  if (weights === null) return mean([...values]);
  let s = 0;
  let w = 0;
  values.forEach((v, i) => {
    s += v * weights[i];
    w += weights[i];
  });
  return s / w;
}

/**
 * Area (Sozialraum) indices (SPEC §4) for the units' Gesamtindex (all non-null).
 *
 * @example
 * // Two areas: N with units 60 (10 Kinder) and 40 (30 Kinder), S with unit 20.
 * // mean-of-units: N = 50; child-weighted: N = (600 + 1200) / 40 = 45; sum-of-units: N = 100.
 */
export function areaIndicesFromUnits(
  units: readonly RefUnit[],
  unitIndex: readonly number[],
  method: "mean-of-units" | "sum-of-units",
  childWeighted: boolean,
): { name: string; index: number }[] {
  return areasInOrder(units).map((name) => {
    const members = units.map((u, i) => ({ u, i })).filter(({ u }) => u.area === name);
    const values = members.map(({ i }) => unitIndex[i]);
    if (method === "sum-of-units") return { name, index: values.reduce((a, b) => a + b, 0) };
    const weights = childWeighted ? members.map(({ u }) => u.children ?? 0) : null;
    return { name, index: weightedAverage(values, weights) };
  });
}

/**
 * Method `aggregate` (SPEC §4): per indicator the area value is the (optionally child-weighted) mean of
 * its units' present raw values; then §2 applies across the areas.
 *
 * @example
 * // Indicator x: N units 10 and 30 → 20; S unit 0 → 0; W unit 40 → 40 → scores 50, 0, 100.
 */
export function aggregateAreaIndices(
  units: readonly RefUnit[],
  indicators: readonly RefIndicator[],
  categories: readonly RefCategory[],
  childWeighted: boolean,
): { name: string; index: number | null }[] {
  const names = areasInOrder(units);
  const rows = names.map((name) => {
    const members = units.filter((u) => u.area === name);
    return indicators.map((_, j) => {
      const present = members.filter((u) => u.values[j] !== null);
      if (present.length === 0) return null;
      const values = present.map((u) => u.values[j] as number);
      return weightedAverage(values, childWeighted ? present.map((u) => u.children ?? 0) : null);
    });
  });
  const composite = compositeIndices(rows, indicators, categories);
  return names.map((name, r) => ({ name, index: composite.rows[r].index }));
}

/**
 * The whole reference allocation (SPEC §2–§5 strands 1 and 3, §8 result fields).
 * Assumes valid data (no bad cells): every unit has a Gesamtindex.
 *
 * @example
 * // see test/conformance/reference.test.ts for a worked example with numbers derived by hand
 */
export function referenceAllocation(
  units: readonly RefUnit[],
  indicators: readonly RefIndicator[],
  categories: readonly RefCategory[],
  options: RefOptions,
  budget: number,
): RefResult {
  const normalisation =
    options.normalisation === "tscore"
      ? { kind: "tscore" as const, sd: options.sd }
      : { kind: "minmax" as const };
  const composite = compositeIndices(
    units.map((u) => u.values),
    indicators,
    categories,
    normalisation,
  );
  const unitIndex = composite.rows.map((r) => r.index);
  const presentIndex = unitIndex.filter((v): v is number => v !== null);
  const indexBand = normBand(presentIndex, options.sd);
  const categoryBands: Record<string, RefNormBand> = {};
  for (const c of categories) {
    const values = composite.rows.map((r) => r.categories[c.name]).filter((v): v is number => v !== null);
    if (values.length >= 2) categoryBands[c.name] = normBand(values, options.sd);
  }
  const strand3 = categoryBands[options.strand3Category];
  const unitResults: RefUnitResult[] = units.map((u, i) => {
    const index = unitIndex[i];
    const migration = composite.rows[i].categories[options.strand3Category] ?? null;
    return {
      id: u.id,
      area: u.area,
      categories: composite.rows[i].categories,
      index,
      band: index === null ? null : bandOf(index, indexBand),
      eligible: {
        sozialarbeit: index !== null && index >= indexBand.lower,
        interkulturell: migration !== null && strand3 !== undefined && migration > strand3.mean,
      },
    };
  });
  const areaIndex =
    options.areaMethod === "aggregate"
      ? aggregateAreaIndices(units, indicators, categories, options.childWeighted).map((a) => ({
          name: a.name,
          index: a.index as number,
        }))
      : areaIndicesFromUnits(units, unitIndex as number[], options.areaMethod, options.childWeighted);
  const shares = sharesOf(areaIndex.map((a) => a.index));
  const cents = largestRemainderCents(shares, budget);
  return {
    budget,
    units: unitResults,
    areas: areaIndex.map((a, r) => ({
      name: a.name,
      index: a.index,
      share: shares[r],
      amount: cents[r] / 100,
      cents: cents[r],
    })),
    norm: {
      index: indexBand,
      categories: categoryBands,
      areaIndex: normBand(
        areaIndex.map((a) => a.index),
        options.sd,
      ),
    },
    constantIndicators: composite.constantIndicators,
  };
}

/**
 * Small checked datasets and models for the engine tests, built directly (no sheet, no check).
 */
import type { Dataset, Unit } from "../../src/engine/dataset";
import type {
  CategorySpec,
  IndicatorSpec,
  Model,
  ModelOptions,
  ResolvedIndicator,
} from "../../src/engine/model";
import { columnLetters } from "../../src/engine/table";

export const SOZIALE_LAGE = "Soziale Lage";
export const FLUCHT = "Flucht und Migration";

/** Three indicators: a (Soziale Lage, +1), b (Soziale Lage, −1), c (Flucht und Migration, +1). */
export const INDICATORS: IndicatorSpec[] = [
  { column: "a", category: SOZIALE_LAGE, direction: 1, weight: 1 },
  { column: "b", category: SOZIALE_LAGE, direction: -1, weight: 1 },
  { column: "c", category: FLUCHT, direction: 1, weight: 1 },
];

export const CATEGORIES: CategorySpec[] = [
  { name: SOZIALE_LAGE, weight: 1 },
  { name: FLUCHT, weight: 1 },
];

/** A unit with defaults for everything not given; `row` defaults to its position + 2. */
export function unit(id: string, area: string, values: (number | null)[], extra: Partial<Unit> = {}): Unit {
  return {
    id,
    area,
    children: null,
    row: 2,
    values,
    strand2: false,
    strand3Reason: "",
    strand4: false,
    strand4Reason: "",
    verbund: null,
    firstYear: false,
    kitaIndex: null,
    ...extra,
  };
}

/** A dataset on sheet "Kitas"; units get rows 2, 3, … unless they carry their own (row ≠ 2 or given). */
export function dataset(units: Unit[], indicators: IndicatorSpec[] = INDICATORS, renumber = true): Dataset {
  const numbered = renumber ? units.map((u, i) => ({ ...u, row: i + 2 })) : units;
  // columns: A Einrichtung, B Sozialraum, C Kinder, then the indicators from D
  const indicatorColumns = indicators.map((_, i) => columnLetters(4 + i));
  return {
    sheet: "Kitas",
    units: numbered,
    indicators: indicators.map(resolvedIndicator),
    indicatorColumns,
    headerRow: 1,
    inputRange: `Kitas!A1:${columnLetters(3 + indicators.length)}${units.length + 1}`,
  };
}

/** An indicator as the checked dataset carries it (every field set, as resolveModel sets it). */
export function resolvedIndicator(i: IndicatorSpec | ResolvedIndicator): ResolvedIndicator {
  return {
    ...i,
    label: i.label ?? i.column,
    goalposts: i.goalposts ?? null,
    allowNegative: i.allowNegative === true,
  };
}

/** A model over the given indicators and categories. */
export function model(
  options: Partial<ModelOptions> = {},
  budget = 1000,
  indicators: IndicatorSpec[] = INDICATORS,
  categories: CategorySpec[] = CATEGORIES,
): Model {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators,
    categories,
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units", ...options },
    budget: { total: budget },
  };
}

/**
 * The worked example used across the tests (see allocate.test.ts for the hand computation):
 * K1 Nord (10, 0, 0), K2 Nord (20, 10, 50), K3 Süd (30, 5, 100), K4 Süd (10, 10, 25).
 */
export function workedExample(): Dataset {
  return dataset([
    unit("K1", "Nord", [10, 0, 0], { children: 40 }),
    unit("K2", "Nord", [20, 10, 50], { children: 60 }),
    unit("K3", "Süd", [30, 5, 100], { children: 80 }),
    unit("K4", "Süd", [10, 10, 25], { children: 20 }),
  ]);
}

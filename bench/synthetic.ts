/**
 * Seeded synthetic towns for the benchmarks: a raw data sheet (`RawTable`, as the workbook adapters hand it
 * to the engine) and a model over it.
 *
 * Shape (documented in docs/benchmarks.md):
 * - `units` Kitas, one row each: Einrichtung, Sozialraum, Kinder, then `indicators` indicator columns;
 * - Sozialräume: one per 40 Kitas, at least 2, at most 500 (1,000 → 25, 10,000 → 250, 100,000 → 500);
 *   every Sozialraum has at least one Kita, the rest are assigned at random;
 * - indicators in 4 categories (the Bad Kreuznach catalogue), round robin; every 4th has direction −1;
 *   values are shares (0–100), counts and right-skewed counts (log-normal-ish), rounded to 0.1;
 * - 0.5 % of the cells are blank (the check reports each as a warning), never the first indicator of a
 *   category, so that every Kita keeps a value in every category.
 * The same seed gives the same sheet, byte for byte.
 */
import { DEFAULT_CATEGORIES, type IndicatorSpec, type Model } from "../src/engine/model";
import { seededRandom } from "../src/engine/seededRandom";
import type { CellValue, RawTable } from "../src/engine/table";

export interface SyntheticTown {
  model: Model;
  table: RawTable;
  /** Number of Sozialräume. */
  areas: number;
}

/** Units per Sozialraum and the cap on Sozialräume. */
export const UNITS_PER_AREA = 40;
export const MAX_AREAS = 500;

/**
 * Number of Sozialräume for a town of `units` Kitas.
 *
 * @example areaCount(10_000); // => 250
 * @example areaCount(100_000); // => 500
 */
export function areaCount(units: number): number {
  return Math.min(MAX_AREAS, Math.max(2, Math.round(units / UNITS_PER_AREA)));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * A seeded synthetic town.
 *
 * @param units number of Kitas (rows)
 * @param indicatorCount number of indicator columns (default 20)
 * @param seed seed of the pseudo-random values (default 42)
 * @param areaTotal number of Sozialräume (default `areaCount(units)`)
 * @example
 * const { model, table } = syntheticTown(1000);
 * table.rows.length; // => 1000
 * model.indicators.length; // => 20
 */
export function syntheticTown(
  units: number,
  indicatorCount = 20,
  seed = 42,
  areaTotal = areaCount(units),
): SyntheticTown {
  const random = seededRandom(seed);
  const areas = Math.max(1, Math.round(areaTotal));
  const indicators: IndicatorSpec[] = Array.from({ length: indicatorCount }, (_, i) => ({
    column: `Indikator ${pad(i + 1, 2)}`,
    category: DEFAULT_CATEGORIES[i % DEFAULT_CATEGORIES.length],
    direction: i % 4 === 3 ? -1 : 1,
    weight: 1,
  }));
  const headers: CellValue[] = ["Einrichtung", "Sozialraum", "Kinder", ...indicators.map((i) => i.column)];
  const idWidth = String(units).length;
  const areaWidth = String(areas).length;
  // one text per Sozialraum, shared by its rows, as the .xlsx reader hands them over (a repeated text comes
  // from the shared-strings table: one string for every cell that refers to it), not a new string in every
  // row. Office.js (the add-in) makes no such promise: there each cell's text may be a string of its own.
  const areaNames = Array.from({ length: areas }, (_, a) => `Sozialraum ${pad(a + 1, areaWidth)}`);
  const rows: CellValue[][] = new Array(units);
  for (let u = 0; u < units; u++) {
    const area = u < areas ? u : Math.floor(random() * areas);
    const row: CellValue[] = [
      `Kita ${pad(u + 1, idWidth)}`,
      areaNames[area],
      20 + Math.floor(random() * 160),
    ];
    for (let i = 0; i < indicatorCount; i++) {
      const firstOfCategory = i < DEFAULT_CATEGORIES.length;
      if (!firstOfCategory && random() < 0.005) {
        row.push(null);
        continue;
      }
      const r = random();
      let value: number;
      if (i % 3 === 0)
        value = 100 * r; // a share in %
      else if (i % 3 === 1)
        value = 5 + 60 * r; // a count
      else value = Math.exp(4 * r * r); // right-skewed count
      row.push(Math.round(value * 10) / 10);
    }
    rows[u] = row;
  }
  const model: Model = {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators,
    categories: DEFAULT_CATEGORIES.map((name) => ({ name, weight: 1 })),
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: 1_002_240, costPerVzae: 78_000 },
  };
  return { model, table: { sheet: "Kitas", headers, rows }, areas };
}

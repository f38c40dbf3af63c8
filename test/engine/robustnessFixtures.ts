/**
 * Fixtures that pin the robustness analysis (test/engine/robustnessPinned.test.ts): each a model file (as
 * a user writes it), a raw sheet and options. Their expected output (robustnessPinned.expected.json) was
 * computed by the implementation before the fast path (one full allocation per alternative, kept in memory),
 * and re-pinned when the draws began to use the drawn indicator weights (robustnessPinned.test.ts).
 */
import type { Model } from "../../src/engine/model";
import type { RobustnessOptions } from "../../src/engine/robustness";
import { seededRandom } from "../../src/engine/seededRandom";
import type { CellValue, RawTable } from "../../src/engine/table";

export interface RobustnessFixture {
  name: string;
  model: Model;
  table: RawTable;
  options: RobustnessOptions;
}

const CATS = ["Allgemeiner Bedarf", "Soziale Lage", "Flucht und Migration"];
const IND = [
  { column: "U3", category: CATS[0], direction: 1 as const, weight: 1 },
  { column: "Ganztag", category: CATS[0], direction: -1 as const, weight: 1 },
  { column: "SGB_II", category: CATS[1], direction: 1 as const, weight: 1 },
  { column: "Alleinerziehend", category: CATS[1], direction: 1 as const, weight: 2 },
  { column: "Nicht_Deutsch", category: CATS[2], direction: 1 as const, weight: 1 },
];

function town(kitas: number, seed: number, blanks: boolean): RawTable {
  const rnd = seededRandom(seed);
  const areas = ["Nord", "Süd", "Ost", "West", "Mitte", "Hafen"];
  const rows: CellValue[][] = [];
  for (let i = 0; i < kitas; i++) {
    rows.push([
      `Kita ${i + 1}`,
      areas[(i * 7) % areas.length],
      blanks && i % 5 === 3 ? null : 20 + Math.round(rnd() * 120),
      ...IND.map((_, k) => (blanks && (i + k) % 11 === 0 && k !== 4 ? null : Math.round(rnd() * 1000) / 10)),
    ]);
  }
  return {
    sheet: "Kitas",
    headers: ["Einrichtung", "Sozialraum", "Kinder", ...IND.map((i) => i.column)],
    rows,
  };
}

function model(extra: Partial<Model> = {}): Model {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators: IND,
    categories: CATS.map((name, k) => ({ name, weight: k + 1 })),
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: 500000 },
    ...extra,
  };
}

export const ROBUSTNESS_FIXTURES: RobustnessFixture[] = [
  {
    name: "16 Kitas, Min-Max, mean of units",
    model: model(),
    table: town(16, 42, false),
    options: { runs: 200, seed: 7 },
  },
  {
    name: "30 Kitas with blanks, T-Werte, aggregate, winsorised",
    model: model({
      options: { normalisation: "tscore", sd: "population", areaMethod: "aggregate", winsorise: true },
    }),
    table: town(30, 5, true),
    options: { runs: 150, seed: 3, spread: 0.3 },
  },
  {
    name: "24 Kitas, child-weighted, Sockel, coverage as error",
    model: model({
      options: {
        normalisation: "minmax",
        sd: "sample",
        areaMethod: "mean-of-units",
        childWeighted: false,
        sockel: { fraction: 0.2, by: "equal" },
        coverage: { unit: 0.7, indicator: 0.5, level: "error" },
      },
    }),
    table: town(24, 9, true),
    options: { runs: 100, seed: 11 },
  },
];

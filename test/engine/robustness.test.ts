import { resolved, robustnessOf, runAllocation } from "../helpers/resolved";
import type { Model } from "../../src/engine/model";
import { alternatives, drawWeights } from "../../src/engine/robustness";
import { seededRandom } from "../../src/engine/seededRandom";
import type { CellValue, RawTable } from "../../src/engine/table";

const CATS = ["Allgemeiner Bedarf", "Soziale Lage", "Flucht und Migration"];
const IND = [
  { column: "U3", category: CATS[0], direction: 1 as const, weight: 1 },
  { column: "Ganztag", category: CATS[0], direction: 1 as const, weight: 1 },
  { column: "SGB_II", category: CATS[1], direction: 1 as const, weight: 1 },
  { column: "Alleinerziehend", category: CATS[1], direction: 1 as const, weight: 2 },
  { column: "Nicht_Deutsch", category: CATS[2], direction: 1 as const, weight: 1 },
];

function model(extra: Partial<Model> = {}): Model {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators: IND,
    categories: CATS.map((name) => ({ name, weight: 1 })),
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: 500000 },
    ...extra,
  };
}

/** 16 Kitas in 5 Sozialräume with values from a seeded generator (deterministic). */
function table(): RawTable {
  const rnd = seededRandom(42);
  const areas = ["Nord", "Süd", "Ost", "West", "Mitte"];
  const rows: CellValue[][] = [];
  for (let i = 0; i < 16; i++) {
    rows.push([
      `Kita ${i + 1}`,
      areas[i % areas.length],
      20 + Math.round(rnd() * 120),
      ...IND.map(() => Math.round(rnd() * 1000) / 10),
    ]);
  }
  return {
    sheet: "Kitas",
    headers: ["Einrichtung", "Sozialraum", "Kinder", ...IND.map((i) => i.column)],
    rows,
  };
}

describe("robustness", () => {
  const t = table();

  test("the base data allocate without blocking errors", () => {
    expect(runAllocation(model(), t).allocation).not.toBeNull();
  });

  test("alternatives: normalisation, SD, child weighting, 2 per category, 1 per indicator", () => {
    const alts = alternatives(resolved(model()), true);
    expect(alts.length).toBe(3 + 2 * CATS.length + IND.length);
    expect(alts.map((a) => a.label)).toContain("T-Werte statt Min-Max");
    expect(alts.map((a) => a.label)).toContain("Kategorie „Soziale Lage“ ×1,5");
    expect(alts.map((a) => a.label)).toContain("ohne Indikator „SGB_II“");
    // without Kinder the child-weighting alternative is not offered
    expect(alternatives(resolved(model()), false).length).toBe(2 + 2 * CATS.length + IND.length);
  });

  test("alternatives that must not change anything do not: every weight ×1.5", () => {
    const base = runAllocation(model(), t).allocation!;
    const m = model();
    const scaled = model({
      categories: m.categories.map((c) => ({ ...c, weight: c.weight * 1.5 })),
      indicators: m.indicators.map((i) => ({ ...i, weight: i.weight * 1.5 })),
    });
    const other = runAllocation(scaled, t).allocation!;
    other.areas.forEach((a, i) => {
      expect(a.share).toBeCloseTo(base.areas[i].share, 12);
      expect(a.amount).toBe(base.areas[i].amount);
    });
    other.units.forEach((u, i) => expect(u.eligible).toEqual(base.units[i].eligible));
  });

  test("weight draws stay within ±spread of the model's weights, and spread 0 keeps them", () => {
    const m = resolved(model());
    const random = seededRandom(9);
    for (let k = 0; k < 50; k++) {
      const d = drawWeights(m, random, 0.5);
      d.indicators.forEach((ind, i) => {
        expect(ind.weight).toBeGreaterThanOrEqual(0.5 * m.indicators[i].weight);
        expect(ind.weight).toBeLessThanOrEqual(1.5 * m.indicators[i].weight);
      });
      d.categories.forEach((c) => expect(c.weight).toBeGreaterThanOrEqual(0.5));
    }
    const same = drawWeights(m, random, 0);
    expect(same.indicators.map((i) => i.weight)).toEqual(m.indicators.map((i) => i.weight));
    expect(same.categories.map((c) => c.weight)).toEqual(m.categories.map((c) => c.weight));
  });

  test("min ≤ share ≤ max, min ≤ median ≤ max, rank within its range, frequencies in [0, 1]", () => {
    const r = robustnessOf(model(), t, { runs: 200, seed: 11 })!;
    expect(r.areas).toHaveLength(5);
    for (const a of r.areas) {
      expect(a.shareMin).toBeLessThanOrEqual(a.share);
      expect(a.share).toBeLessThanOrEqual(a.shareMax);
      expect(a.shareMin).toBeLessThanOrEqual(a.shareMedian);
      expect(a.shareMedian).toBeLessThanOrEqual(a.shareMax);
      expect(a.rankMin).toBeLessThanOrEqual(a.rank);
      expect(a.rank).toBeLessThanOrEqual(a.rankMax);
      expect(a.flagged).toBe(a.rankMax - a.rankMin >= 2);
    }
    for (const u of r.units) {
      for (const f of [u.sozialarbeitFrequency, u.interkulturellFrequency]) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
      const flips =
        (u.sozialarbeit ? u.sozialarbeitFrequency < 1 : u.sozialarbeitFrequency > 0) ||
        (u.interkulturell ? u.interkulturellFrequency < 1 : u.interkulturellFrequency > 0);
      expect(u.flagged).toBe(flips);
    }
    // the Monte-Carlo draws really move something
    expect(r.areas.some((a) => a.shareMax - a.shareMin > 1e-6)).toBe(true);
  });

  test("the same seed gives identical output; another seed a different one", () => {
    const a = robustnessOf(model(), t, { runs: 100, seed: 5 });
    const b = robustnessOf(model(), t, { runs: 100, seed: 5 });
    const c = robustnessOf(model(), t, { runs: 100, seed: 6 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  test("leaving out the only indicator of a category is reported as not computable, not as a crash", () => {
    const r = robustnessOf(model(), t, { runs: 0 })!;
    const alt = r.alternatives.find((x) => x.label === "ohne Indikator „Nicht_Deutsch“");
    expect(alt).toBeDefined();
    expect(alt!.shares).toBeNull();
    // every computable alternative counted
    expect(r.runs).toBe(r.alternatives.filter((x) => x.shares !== null).length);
  });

  test("returns null when the model's own allocation has blocking errors", () => {
    const bad = table();
    bad.rows[3][4] = "k.A.";
    expect(robustnessOf(model(), bad, { runs: 5 })).toBeNull();
  });
});

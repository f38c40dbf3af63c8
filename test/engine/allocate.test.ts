import { resolveModel } from "../../src/engine/resolveModel";
import { allocate, resolved, runAllocation } from "../helpers/resolved";
import type { RawTable } from "../../src/engine/table";
import {
  CATEGORIES,
  FLUCHT,
  INDICATORS,
  SOZIALE_LAGE,
  dataset,
  model,
  unit,
  workedExample,
} from "./fixtures";
import { unitScores } from "../../src/engine/unitScores";
import { unitCategoryIndices } from "../../src/engine/categoryIndices";

/*
 * Worked example (fixtures.workedExample), by hand:
 *   indicators a (Soziale Lage, +1), b (Soziale Lage, −1), c (Flucht und Migration, +1)
 *   K1 Nord (10, 0, 0)   K2 Nord (20, 10, 50)   K3 Süd (30, 5, 100)   K4 Süd (10, 10, 25)
 * Scores: a min 10 max 30 → 0, 50, 100, 0;  b (−1) min 0 max 10 → 100, 0, 50, 0;  c → 0, 50, 100, 25
 * Soziale Lage = mean(a, b) → 50, 25, 75, 0;  Flucht und Migration = c → 0, 50, 100, 25
 * Gesamtindex = mean of both → 25, 37.5, 87.5, 12.5
 * Norm band: mean 40.625, squared deviations 244.140625 + 9.765625 + 2197.265625 + 791.015625 = 3242.1875,
 *   / 3 = 1080.729167, sd 32.8744455 → lower 7.7505545, upper 73.4994455 → K3 oberhalb, others innerhalb
 * Areas: Nord (25 + 37.5)/2 = 31.25, Süd (87.5 + 12.5)/2 = 50, Σ 81.25
 * Shares 0.384615…, 0.615385…; 1000 € → 38461.54 / 61538.46 cents → floors 38461 + 61538, remainders
 *   .54 > .46 → Nord 384.62 €, Süd 615.38 €
 * Strand 3 (Flucht und Migration > mean 43.75): K2 (50), K3 (100)
 * Proposal Nord 384.62 over 25 : 37.5 → 153.848 / 230.772 → 153.85 / 230.77;
 *          Süd 615.38 over 87.5 : 12.5 → 538.4575 / 76.9225 → 538.46 / 76.92
 * Kofinanzierung Nord: P = 384.62 / 0.6 = 641.03, municipal 256.41
 */
describe("allocate: the worked example", () => {
  const a = allocate(model(), workedExample());
  const scoresOf = (id: string) =>
    unitScores(
      a.scores,
      a.units.findIndex((u) => u.id === id),
    );

  test("standard scores, category indices, Gesamtindex", () => {
    expect(scoresOf("K1")).toEqual([0, 100, 0]);
    expect(scoresOf("K4")).toEqual([0, 0, 25]);
    expect(a.units.map((_, e) => unitCategoryIndices(a.categoryIndices, e))).toEqual([
      { [SOZIALE_LAGE]: 50, [FLUCHT]: 0 },
      { [SOZIALE_LAGE]: 25, [FLUCHT]: 50 },
      { [SOZIALE_LAGE]: 75, [FLUCHT]: 100 },
      { [SOZIALE_LAGE]: 0, [FLUCHT]: 25 },
    ]);
    expect(a.units.map((u) => u.index)).toEqual([25, 37.5, 87.5, 12.5]);
  });

  test("norm band and bands", () => {
    expect(a.norm.index.mean).toBe(40.625);
    expect(a.norm.index.sd).toBeCloseTo(32.8744455, 6);
    expect(a.norm.index.lower).toBeCloseTo(7.7505545, 6);
    expect(a.units.map((u) => u.band)).toEqual(["innerhalb", "innerhalb", "oberhalb", "innerhalb"]);
    expect(a.norm.categories[FLUCHT].mean).toBe(43.75);
    // Flucht und Migration: 0, 50, 100, 25 → mean 43.75, sd √(5468.75 / 3) = 42.695628 → lower 1.054372:
    // K1's 0 lies below
    expect(a.norm.categories[FLUCHT].sd).toBeCloseTo(42.695628, 5);
    expect(a.units.map((u) => u.categoryBands[FLUCHT])).toEqual([
      "unterhalb",
      "innerhalb",
      "oberhalb",
      "innerhalb",
    ]);
  });

  test("areas: index, share, amount to the cent", () => {
    expect(a.areas.map((x) => x.name)).toEqual(["Nord", "Süd"]);
    expect(a.areas.map((x) => x.index)).toEqual([31.25, 50]);
    expect(a.areas[0].share).toBeCloseTo(31.25 / 81.25, 15);
    expect(a.areas.map((x) => x.amount)).toEqual([384.62, 615.38]);
    expect(a.areas.map((x) => x.tieFlag)).toEqual([false, false]);
    expect(a.areas.map((x) => x.units)).toEqual([2, 2]);
    expect(a.areas.map((x) => x.children)).toEqual([100, 100]);
    // area norm band over 31.25 and 50: mean 40.625, sd 18.75/√2 = 13.258252
    expect(a.norm.areaIndex.sd).toBeCloseTo(13.258252, 6);
  });

  test("Kofinanzierung per area; no VZÄ without a cost per VZÄ", () => {
    expect(a.areas[0].personnelVolume).toBe(641.03);
    expect(a.areas[0].municipalPart).toBe(256.41);
    expect(a.areas[0].landPart).toBe(384.62);
    expect(a.areas[0].vzae).toBeNull();
  });

  test("eligibility and the Schritt-2 proposal", () => {
    expect(a.units.map((u) => u.eligible.sozialarbeit)).toEqual([true, true, true, true]);
    expect(a.units.map((u) => u.eligible.interkulturell)).toEqual([false, true, true, false]);
    expect(a.units.map((u) => u.proposedAmount)).toEqual([153.85, 230.77, 538.46, 76.92]);
  });

  test("effective weights, codes, completed model, no issues", () => {
    expect(a.effectiveWeights.map((w) => w.weight)).toEqual([0.25, 0.25, 0.5]);
    expect(a.units.map((u) => u.code)).toEqual(["E01", "E02", "E03", "E04"]);
    expect(a.model.ruleSet).toBe("rlp");
    expect(a.model.strand3Category).toBe(FLUCHT);
    expect(a.model.options.winsorise).toBe(false);
    expect(a.budget).toBe(1000);
    expect(a.issues).toEqual([]);
  });
});

describe("allocate: options", () => {
  test("sum-of-units: Nord 62.5, Süd 100", () => {
    const a = allocate(model({ areaMethod: "sum-of-units" }), workedExample());
    expect(a.areas.map((x) => x.index)).toEqual([62.5, 100]);
    // 62.5 / 162.5 · 1000 = 384.615… — the same shares here because both areas have 2 units
    expect(a.areas.map((x) => x.amount)).toEqual([384.62, 615.38]);
  });

  test("mean-of-units weighted by Kinder", () => {
    // Nord (25·40 + 37.5·60)/100 = 32.5; Süd (87.5·80 + 12.5·20)/100 = 72.5; 1000 € → 309.52 / 690.48
    const a = allocate(model({ childWeighted: true }), workedExample());
    expect(a.areas.map((x) => x.index)).toEqual([32.5, 72.5]);
    expect(a.areas.map((x) => x.amount)).toEqual([309.52, 690.48]);
  });

  test("Kinder weighting without Kinder falls back and warns", () => {
    const d = workedExample();
    d.units[0] = { ...d.units[0], children: null };
    const a = allocate(model({ childWeighted: true }), d);
    expect(a.areas[0].index).toBe(31.25);
    expect(a.issues.map((i) => i.code)).toEqual(["children-weighting-fallback"]);
    expect(a.issues[0].message).toContain("Nord");
  });

  test("aggregate: area raw means, then min–max across areas", () => {
    // Nord a 15, b 5, c 25; Süd a 20, b 7.5, c 62.5
    // across 2 areas every indicator is 0 or 100: Nord a 0, b (−1) 100, c 0 → SL 50, FM 0 → 25
    // Süd a 100, b 0, c 100 → SL 50, FM 100 → 75; shares 25 %, 75 %
    const a = allocate(model({ areaMethod: "aggregate" }), workedExample());
    expect(a.areas.map((x) => x.index)).toEqual([25, 75]);
    expect(a.areas.map((x) => x.amount)).toEqual([250, 750]);
  });

  test("aggregate with a single area uses the mean of units and warns", () => {
    const d = dataset(workedExample().units.map((u) => ({ ...u, area: "Mitte" })));
    const a = allocate(model({ areaMethod: "aggregate" }), d);
    expect(a.areas).toHaveLength(1);
    expect(a.areas[0].index).toBe(40.625);
    expect(a.areas[0].amount).toBe(1000);
    expect(a.issues.map((i) => i.code)).toEqual(["aggregate-single-area"]);
  });

  test("Sockel 20 % equally: Nord 0.1 + 0.8 · 0.384615 = 0.407692", () => {
    const a = allocate(model({ sockel: { fraction: 0.2, by: "equal" } }), workedExample());
    expect(a.areas[0].share).toBeCloseTo(0.1 + 0.8 * (31.25 / 81.25), 12);
    expect(a.areas.map((x) => x.amount)).toEqual([407.69, 592.31]);
  });

  test("T-score normalisation", () => {
    // a: mean 17.5, sample sd √(56.25·2 + 6.25 + 156.25)/√3 = √275/√3 = 9.574271 → K3 z = 1.305582 → 63.05582
    const a = allocate(model({ normalisation: "tscore" }), workedExample());
    expect(unitScores(a.scores, 2)[0]).toBeCloseTo(63.05582, 4);
    expect(a.areas.reduce((s, x) => s + Math.round(x.amount * 100), 0)).toBe(100000);
  });

  test("VZÄ from the personnel volume, rounded down to the step", () => {
    // Nord 384.62 € → P 641.03 € at 100 € per VZÄ, step 0.5 → 6.41 → 6
    const m = model();
    m.budget.costPerVzae = 100;
    m.budget.vzaeStep = 0.5;
    const a = allocate(m, workedExample());
    expect(a.areas[0].vzae).toBe(6);
  });

  test("invalid Kofinanzierung or VZÄ parameters are errors at the model checkpoint, before any scoring", () => {
    const m = model();
    m.budget.kofinanzierung = { landShare: 0.7, municipalShare: 0.4 };
    m.budget.costPerVzae = 75000;
    const r = resolveModel(m);
    expect(r.model).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual(["kofinanzierung-invalid"]);
    // the file format itself refuses a VZÄ step of 0
    expect(resolveModel({ ...m, budget: { total: 1000, vzaeStep: 0 } }).model).toBeNull();
  });

  test("winsorisation is reported with the cells and values", () => {
    const units = Array.from({ length: 10 }, (_, i) =>
      unit(`K${i + 1}`, i < 5 ? "Nord" : "Süd", [i === 9 ? 100 : i === 8 ? 2 : 1, i, i]),
    );
    const a = allocate(model({ winsorise: true }), dataset(units));
    const w = a.issues.find((i) => i.code === "winsorised");
    expect(w?.cell).toBe("D11");
    expect(w?.message).toContain("K10: 100 → 2");
    // after clipping, a is 1…1, 2, 2: K9 and K10 both score 100
    expect(unitScores(a.scores, 9)[0]).toBe(100);
  });

  test("goalposts on but missing for an indicator: warning, data min/max used", () => {
    const indicators = INDICATORS.map((i, k) => (k === 0 ? { ...i, goalposts: { min: 0, max: 100 } } : i));
    const a = allocate(
      model({ goalposts: true }, 1000, indicators),
      dataset(workedExample().units, indicators),
    );
    // a with goalposts 0–100: K1 10, K2 20, K3 30
    expect(a.units.map((_, e) => unitScores(a.scores, e)[0])).toEqual([10, 20, 30, 10]);
    expect(a.issues.map((i) => i.code)).toEqual(["goalposts-missing", "goalposts-missing"]);
  });

  test("a cent tie between areas is flagged as a warning", () => {
    // three areas with one identical unit pattern each → equal indices, 100 € / 3
    const units = [
      unit("A1", "A", [0, 0, 0]),
      unit("A2", "A", [10, 10, 10]),
      unit("B1", "B", [0, 0, 0]),
      unit("B2", "B", [10, 10, 10]),
      unit("C1", "C", [0, 0, 0]),
      unit("C2", "C", [10, 10, 10]),
    ];
    const a = allocate(model({}, 100), dataset(units));
    expect(a.areas.map((x) => x.amount)).toEqual([33.34, 33.33, 33.33]);
    expect(a.areas.map((x) => x.tieFlag)).toEqual([true, true, true]);
    const ties = a.issues.filter((i) => i.code === "cent-tie");
    expect(ties[0].level).toBe("warning");
    expect(ties[0].message).toContain("„A“, „B“, „C“");
  });

  test("publication codes follow Sozialraum and id, not the row order", () => {
    const d = dataset([...workedExample().units].reverse());
    expect(allocate(model(), d).units.map((u) => [u.id, u.code])).toEqual([
      ["K4", "E04"],
      ["K3", "E03"],
      ["K2", "E02"],
      ["K1", "E01"],
    ]);
  });

  test("Bremen rule set: Kita-Index = Gesamtindex, rules applied per unit", () => {
    const d = dataset([
      unit("K1", "Nord", [10, 0, 0], { children: 90 }),
      unit("K2", "Nord", [20, 10, 50], { children: 130 }),
      unit("K3", "Süd", [30, 5, 100], { children: 130 }),
      unit("K4", "Süd", [10, 10, 25], { children: 30 }),
    ]);
    const m = { ...model(), ruleSet: "bremen" as const };
    const a = allocate(m, d);
    // K3 index 87.5 > 50 and 130 > 120 children → 1.0 VZÄ; the others have an index ≤ 50
    expect(a.units.map((u) => u.bremen?.vzae)).toEqual([0, 0, 1, 0]);
    expect(a.units[2].bremen?.sachkosten).toBe(2500);
    expect(a.model.bremen?.sachkosten).toBe(2500);
  });

  test("strand-3 category missing from the model: warning, nobody eligible for strand 3", () => {
    const m = { ...model(), strand3Category: "Gibt es nicht" };
    const a = allocate(m, workedExample());
    expect(a.issues.map((i) => i.code)).toEqual(["strand3-category-missing"]);
    expect(a.units.every((u) => !u.eligible.interkulturell)).toBe(true);
  });

  test("no unit eligible in an area: the amount stays unproposed, with a warning", () => {
    // K4 alone in Ost, with a Gesamtindex of 0 → nothing can be proposed there
    const d = dataset([
      unit("K1", "Nord", [10, 0, 0]),
      unit("K2", "Nord", [20, 10, 50]),
      unit("K3", "Süd", [30, 5, 100]),
      unit("K4", "Ost", [10, 10, 0]),
    ]);
    const a = allocate(model(), d);
    expect(a.areas.find((x) => x.name === "Ost")?.amount).toBe(0);
    // Ost index 0 → share 0 → nothing to propose and no warning; now give Ost a Sockel
    const b = allocate(model({ sockel: { fraction: 0.3, by: "equal" } }), d);
    expect(b.areas.find((x) => x.name === "Ost")?.amount).toBe(100);
    expect(b.issues.map((i) => i.code)).toEqual(["no-eligible-unit"]);
    expect(b.units[3].proposedAmount).toBe(0);
  });
});

describe("allocate: data the check lets through never throws", () => {
  test("one unit: every indicator constant → error issue, zero amounts", () => {
    const a = allocate(model(), dataset([unit("K1", "Nord", [1, 2, 3])]));
    expect(a.units[0].index).toBeNull();
    expect(a.areas[0].amount).toBe(0);
    expect(a.issues.map((i) => `${i.level}:${i.code}`)).toContain("error:area-index-invalid");
  });

  test("a single area receives the whole budget", () => {
    const d = dataset([unit("K1", "Nord", [0, 10, 0]), unit("K2", "Nord", [10, 0, 10])]);
    const a = allocate(model(), d);
    expect(a.areas.map((x) => [x.name, x.share, x.amount])).toEqual([["Nord", 1, 1000]]);
    expect(a.issues).toEqual([]);
  });

  test("negative budget → error, no exception (the checkpoint refuses it; allocate guards all the same)", () => {
    expect(resolveModel(model({}, -5)).model).toBeNull();
    const m = resolved(model());
    const a = allocate({ ...m, budget: { ...m.budget, total: -5 } }, workedExample());
    expect(a.issues.map((i) => i.code)).toEqual(["budget-invalid"]);
    expect(a.areas.map((x) => x.amount)).toEqual([0, 0]);
  });

  test("empty dataset", () => {
    const a = allocate(model(), dataset([]));
    expect(a.units).toEqual([]);
    expect(a.areas).toEqual([]);
  });
});

describe("resolveModel fills every default (the engine has none of its own)", () => {
  test("options, rule set, strand-3 category, Kofinanzierung, VZÄ step; keeps the input", () => {
    const raw = model();
    const m = resolveModel({ ...raw, options: { ...raw.options, winsorise: undefined } }).model!;
    expect(m.options).toEqual({
      normalisation: "minmax",
      sd: "sample",
      areaMethod: "mean-of-units",
      childWeighted: false,
      winsorise: false,
      goalposts: false,
      coverage: null,
      sockel: null,
      publication: false,
    });
    expect(m.budget.kofinanzierung).toEqual({ landShare: 0.6, municipalShare: 0.4 });
    expect(m.budget.vzaeStep).toBe(0.25);
    expect(m.strand3Category).toBe("Flucht und Migration");
    expect(m.ruleSet).toBe("rlp");
    expect(m.bremen).toBeNull();
    expect(raw.budget.kofinanzierung).toBeUndefined();
  });
});

describe("runAllocation = checkTable + allocate", () => {
  const headers = ["Einrichtung", "Sozialraum", "Kinder", "a", "b", "c"];
  const rows = [
    ["K1", "Nord", 40, 10, 0, 0],
    ["K2", "Nord", 60, 20, 10, 50],
    ["K3", "Süd", 80, 30, 5, 100],
    ["K4", "Süd", 20, 10, 10, 25],
  ];

  test("good sheet: the same allocation as from the dataset", () => {
    const table: RawTable = { sheet: "Kitas", headers, rows };
    const { allocation, issues } = runAllocation(model(), table);
    expect(issues.filter((i) => i.level === "error")).toEqual([]);
    expect(allocation?.areas.map((x) => x.amount)).toEqual([384.62, 615.38]);
    expect(allocation?.units.map((u) => u.row)).toEqual([2, 3, 4, 5]);
  });

  test("bad cell: no allocation, the check's error with its cell", () => {
    const bad = rows.map((r) => [...r]);
    bad[2][4] = "k.A.";
    const { allocation, issues } = runAllocation(model(), { sheet: "Kitas", headers, rows: bad });
    expect(allocation).toBeNull();
    expect(issues.some((i) => i.level === "error" && i.cell === "E4")).toBe(true);
  });

  test("an error found by the computation also withholds the allocation, issues merged after the check's", () => {
    const valid = resolved(model());
    const m = { ...valid, budget: { ...valid.budget, total: -1 } };
    const { allocation, issues } = runAllocation(m, { sheet: "Kitas", headers, rows });
    expect(allocation).toBeNull();
    expect(issues.map((i) => i.code)).toContain("budget-invalid");
  });

  test("categories from the fixtures are the model's", () => {
    expect(CATEGORIES.map((c) => c.name)).toEqual([SOZIALE_LAGE, FLUCHT]);
  });
});

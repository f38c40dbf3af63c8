/**
 * A hand-built `Allocation` for the sheet writer tests (and anyone else who needs a realistic result
 * without running the engine). Three Sozialräume, six Kitas, two categories, budget 100.000,00 €.
 *
 * Worked by hand:
 * - Unit Gesamtindex = mean of its two category indices (equal weights): Sonnenschein (70 + 50) / 2 = 60,
 *   Regenbogen (40 + 52) / 2 = 46, Löwenzahn (55 + 45) / 2 = 50, Pusteblume (30 + 42.8) / 2 = 36.4,
 *   Sterntaler (48 + 42) / 2 = 45, Wirbelwind (30 + 39.2) / 2 = 34.6.
 * - Area index = mean of its units: Nord (60 + 46) / 2 = 53.0, Mitte (50 + 36.4) / 2 = 43.2,
 *   Süd (45 + 34.6) / 2 = 39.8 (the first three Bad Kreuznach 2021 area indices); Σ = 136.
 * - Shares 53/136 = 0.389706, 43.2/136 = 0.317647, 39.8/136 = 0.292647.
 * - Amounts (largest remainder on 10,000,000 cents): quotas 3,897,058.82 / 3,176,470.59 / 2,926,470.59 cents,
 *   floors add up to 9,999,998, two cents missing: the largest remainder .82 (Nord) gets one, then Mitte and
 *   Süd tie at .588… and the larger share (Mitte) gets the second → 38,970.59 €, 31,764.71 €, 29,264.70 €
 *   (Σ 100,000.00 €).
 * - Kofinanzierung 60/40: P = amount / 0.6 → 64,950.98 / 52,941.18 / 48,774.50 €; municipal part P · 0.4 →
 *   25,980.39 / 21,176.47 / 19,509.80 € (Land part + municipal part = P in every row).
 * - VZÄ at 70,000 € per VZÄ, step 0.25: 64,950.98 / 70,000 = 0.93 → 0.75; 0.76 → 0.75; 0.70 → 0.50.
 * - Norm band of the Gesamtindex: mean 272 / 6 = 45.33, sample sd 9.30 → lower 36.03, upper 54.63:
 *   Sonnenschein (60) oberhalb, Wirbelwind (34.6) unterhalb (not eligible for Kita-Sozialarbeit).
 * - Proposed amounts within the area, proportional to the eligible units' Gesamtindex:
 *   Nord 38,970.59 · 60/106 = 22,058.8245 and · 46/106 = 16,911.7655 → floors leave 1 cent, the larger
 *   remainder (.7655) wins → 22,058.82 + 16,911.77; Mitte · 50/86.4 = 18,382.3553, · 36.4/86.4 =
 *   13,382.3547 → 18,382.36 + 13,382.35; Süd: only Sterntaler is eligible → 29,264.70, Wirbelwind 0.
 */
import { mean, sampleStandardDeviation } from "simple-statistics";
import { resolved } from "../helpers/resolved";
import type { Allocation, AreaResult, Band, NormBand, UnitResult } from "../../src/engine/allocation";
import type { Issue } from "../../src/engine/issues";
import type { Model } from "../../src/engine/model";
import { DEFAULT_BREMEN_RULES, DEFAULT_KOFINANZIERUNG, DEFAULT_OPTIONS } from "../../src/engine/model";
import { scoreColumnsOfLists } from "../../src/engine/unitScores";
import { categoryIndicesOfRecords } from "../../src/engine/categoryIndices";

export const FIXTURE_BUDGET = 100000;

function norm(values: number[]): NormBand {
  const m = mean(values);
  const sd = sampleStandardDeviation(values);
  return { mean: m, sd, lower: m - sd, upper: m + sd };
}

function band(value: number, n: NormBand): Band {
  return value > n.upper ? "oberhalb" : value < n.lower ? "unterhalb" : "innerhalb";
}

export const FIXTURE_MODEL: Model = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder", strand2: "KNZ" },
  indicators: [
    { column: "Anteil_SGB_II", category: "Soziale Lage", direction: 1, weight: 1 },
    {
      column: "Anteil_Alleinerziehend",
      category: "Soziale Lage",
      direction: 1,
      weight: 1,
      label: "Alleinerziehende",
    },
    { column: "Anteil_nicht_Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 },
  ],
  categories: [
    { name: "Soziale Lage", weight: 1 },
    { name: "Flucht und Migration", weight: 1 },
  ],
  options: { ...DEFAULT_OPTIONS },
  budget: {
    total: FIXTURE_BUDGET,
    year: 2024,
    kofinanzierung: { ...DEFAULT_KOFINANZIERUNG },
    costPerVzae: 70000,
    vzaeStep: 0.25,
  },
};

type UnitRow = [
  id: string,
  code: string,
  area: string,
  children: number,
  sozialeLage: number,
  flucht: number,
];
const UNIT_ROWS: UnitRow[] = [
  ["Kita Sonnenschein", "E01", "Nord", 85, 70, 50],
  ["Kita Regenbogen", "E02", "Nord", 130, 40, 52],
  ["Kita Löwenzahn", "E03", "Mitte", 60, 55, 45],
  ["Kita Pusteblume", "E04", "Mitte", 45, 30, 42.8],
  ["Kita Sterntaler", "E05", "Süd", 110, 48, 42],
  ["Kita Wirbelwind", "E06", "Süd", 35, 30, 39.2],
];
/** Hand-derived proposed amounts (see the header comment). */
const PROPOSED = [22058.82, 16911.77, 18382.36, 13382.35, 29264.7, 0];

/** The hand-built allocation; `bremen: true` adds Bremen unit results (rule set "bremen"). */
export function fixtureAllocation(options: { bremen?: boolean; issues?: Issue[] } = {}): Allocation {
  const index = UNIT_ROWS.map(([, , , , sl, fm]) => (sl + fm) / 2);
  const normIndex = norm(index);
  const normSL = norm(UNIT_ROWS.map((u) => u[4]));
  const normFM = norm(UNIT_ROWS.map((u) => u[5]));
  const units: UnitResult[] = UNIT_ROWS.map(([id, code, area, children, sl, fm], i) => ({
    id,
    code,
    area,
    row: i + 2,
    children,
    index: index[i],
    band: band(index[i], normIndex),
    categoryBands: { "Soziale Lage": band(sl, normSL), "Flucht und Migration": band(fm, normFM) },
    eligible: {
      sozialarbeit: index[i] >= normIndex.lower,
      nachbarschaftszentrum: [1, 3, 4].includes(i),
      interkulturell: fm > normFM.mean || i === 2,
      interkulturellException: i === 2,
      zusatzpersonal: i === 0,
    },
    proposedAmount: PROPOSED[i],
    bremen: options.bremen
      ? {
          kitaIndex: index[i],
          vzae: i === 0 ? 0.5 : 0,
          sachkosten: i === 0 ? 5000 : 0,
          reason:
            i === 0
              ? "Kita Sonnenschein: Index 60,0 > 50, 85 Kinder → 0,5 VZÄ; neu gefördert: 5.000 € Sachkosten"
              : `Index ${index[i].toFixed(1).replace(".", ",")} ≤ 50 → keine Stelle`,
        }
      : undefined,
  }));
  const areaRows: [string, number, number, number, number, number, number, number][] = [
    // name, index, amount, P, municipal, VZÄ, units, children
    ["Nord", 53.0, 38970.59, 64950.98, 25980.39, 0.75, 2, 215],
    ["Mitte", 43.2, 31764.71, 52941.18, 21176.47, 0.75, 2, 105],
    ["Süd", 39.8, 29264.7, 48774.5, 19509.8, 0.5, 2, 145],
  ];
  const normArea = norm(areaRows.map((a) => a[1]));
  const areas: AreaResult[] = areaRows.map(([name, idx, amount, p, municipal, vzae, n, children]) => ({
    name,
    index: idx,
    band: band(idx, normArea),
    share: idx / 136,
    amount,
    units: n,
    children,
    personnelVolume: p,
    landPart: amount,
    municipalPart: municipal,
    vzae,
    tieFlag: false,
  }));
  return {
    budget: FIXTURE_BUDGET,
    units,
    scores: scoreColumnsOfLists(UNIT_ROWS.map(([, , , , sl, fm]) => [sl, sl, fm])),
    categoryIndices: categoryIndicesOfRecords(
      UNIT_ROWS.map(([, , , , sl, fm]) => ({ "Soziale Lage": sl, "Flucht und Migration": fm })),
    ),
    areas,
    norm: {
      index: normIndex,
      categories: { "Soziale Lage": normSL, "Flucht und Migration": normFM },
      areaIndex: normArea,
    },
    effectiveWeights: [
      { column: "Anteil_SGB_II", category: "Soziale Lage", weight: 0.25 },
      { column: "Anteil_Alleinerziehend", category: "Soziale Lage", weight: 0.25 },
      { column: "Anteil_nicht_Deutsch", category: "Flucht und Migration", weight: 0.5 },
    ],
    issues: options.issues ?? [
      {
        level: "warning",
        code: "value-missing",
        sheet: "Kitas",
        cell: "D7",
        message:
          "Kita Wirbelwind: kein Wert für „Anteil_SGB_II“ (Zelle D7); der Indikator wird übersprungen.",
      },
    ],
    inputRange: "Kitas!A1:F7",
    model: resolved(
      options.bremen ? { ...FIXTURE_MODEL, ruleSet: "bremen", bremen: DEFAULT_BREMEN_RULES } : FIXTURE_MODEL,
    ),
  };
}

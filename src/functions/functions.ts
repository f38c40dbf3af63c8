/**
 * SRB custom functions (`=SRB.SHARE(B2; B$2:B$9)` …): thin wrappers over the engine.
 *
 * Each function cleans the Excel input (excelInput.ts), calls the engine and maps every failure through one
 * `toExcelError()` (excelErrors.ts). No formula is computed here. The JSDoc below is build input: the
 * custom-functions-metadata plugin turns it into functions.json (English); scripts/functions-de.js adds
 * the German descriptions from descriptions-de.json. Function ids are English in every language (the German
 * descriptions name the German domain term) and public contracts: never rename one after a release.
 *
 * Rules the plugin imposes: top-level `function` declarations, no type aliases in signatures, optional
 * parameters arrive as `null` (TypeScript defaults never apply). Inputs are declared `unknown` so that Excel
 * never coerces text to numbers; the wrappers check them.
 */
import type { NormBand } from "../engine/allocation";
import { apportionCents, MAX_TOTAL_CENTS } from "../engine/apportionCents";
import { areaIndexOfUnits } from "../engine/areaIndex";
import { bremenAllocation } from "../engine/bremenRules";
import { headerKey } from "../engine/check";
import { dynamisiert, dynamisierungIssues, DEFAULT_DYNAMISIERUNG_RATE } from "../engine/dynamisierung";
import { indexStructure, unitIndex } from "../engine/gesamtindex";
import type { Issue } from "../engine/issues";
import { kofinanzierung, kofinanzierungIssues } from "../engine/kofinanzierung";
import { landFormula } from "../engine/landFormula";
import { DEFAULT_BREMEN_RULES, DEFAULT_KOFINANZIERUNG } from "../engine/model";
import type { CategorySpec, Direction, IndicatorSpec, Normalisation, SdKind } from "../engine/model";
import { bandOf, normBand } from "../engine/normBand";
import { indexShares } from "../engine/share";
import { standardScores } from "../engine/standardScore";
import { stellenplan, stellenplanIssues, stellenplanParameters } from "../engine/stellenplan";
import { eligibility, strand2Issues } from "../engine/strands";
import { DEFAULT_VZAE_STEP, vzaeFor, vzaeIssues } from "../engine/vzae";
import { stepsOfVzae } from "../engine/vzaeSteps";
import { ExcelInputError, excelGuard } from "./excelErrors";
import { valueTypesReader, withBlankCells } from "./blankCells";
import {
  choice,
  describePosition,
  formatNumberDe,
  isBlank,
  optionalNumber,
  readNumberMatrix,
  readFlagVector,
  readNumberVector,
  readReasonVector,
  readTextVector,
  requiredNumber,
  spill,
  type NumberVector,
} from "./excelInput";

/**
 * Reads value types through the Excel API, to tell blank cells from zeros (src/functions/blankCells.ts).
 * Used only in Excel, and only when an argument from cells holds a 0.
 */
const readFromExcel = valueTypesReader((batch) =>
  Excel.run((context: Excel.RequestContext) => batch(context)),
);

/**
 * A function's body run the way Excel calls it: blank cells told from zeros first (blankCells.ts), every
 * failure turned into an Excel error value with SRB's German message (excelGuard).
 */
function inExcel<A extends unknown[], T>(
  invocation: CustomFunctions.Invocation | undefined,
  args: [...A],
  body: (...args: A) => T,
): T {
  return withBlankCells(
    invocation,
    args,
    (...restored: A) => excelGuard(() => body(...restored)),
    readFromExcel,
  );
}

const SD_WORDS: Record<string, SdKind> = {
  stichprobe: "sample",
  sample: "sample",
  grundgesamtheit: "population",
  population: "population",
};

const METHOD_WORDS: Record<string, Normalisation> = {
  minmax: "minmax",
  "min-max": "minmax",
  tscore: "tscore",
  "t-score": "tscore",
  "t-wert": "tscore",
};

const AREA_METHOD_WORDS: Record<string, "mean-of-units" | "sum-of-units"> = {
  mittelwert: "mean-of-units",
  "mean-of-units": "mean-of-units",
  summe: "sum-of-units",
  "sum-of-units": "sum-of-units",
};

/** The first error issue of an engine check as a `#VALUE!` with its German message. */
function failOnIssues(issues: readonly Issue[]): void {
  const error = issues.find((i) => i.level === "error");
  if (error) throw new ExcelInputError("#VALUE!", error.message);
}

/** Present values of a vector, failing with `#N/A` when there is none. */
function presentValues(vector: NumberVector, argument: string): number[] {
  const present = vector.values.filter((v): v is number => v !== null);
  if (present.length === 0) throw new ExcelInputError("#N/A", `${argument}: keine Zahl im Bereich.`);
  return present;
}

/** Rejects negative values (indices, counts) with the position. */
function requireNonNegative(vector: NumberVector, argument: string, what: string): void {
  vector.values.forEach((v, i) => {
    if (v !== null && v < 0) {
      const position = describePosition(vector.orientation === "column" ? i : 0, i, vector.orientation);
      throw new ExcelInputError(
        "#VALUE!",
        `${argument}, ${position}: ${formatNumberDe(v)} ist negativ (erwartet: ${what} ≥ 0).`,
      );
    }
  });
}

/** A single amount of money ≥ 0: negative is `#NUM!`. */
function requiredAmount(input: unknown, argument: string): number {
  const amount = requiredNumber(input, argument);
  if (amount < 0) throw new ExcelInputError("#NUM!", `${argument}: ${formatNumberDe(amount)} ist negativ.`);
  if (amount * 100 > MAX_TOTAL_CENTS)
    throw new ExcelInputError(
      "#NUM!",
      `${argument}: ${formatNumberDe(amount)} ist zu groß (höchstens 10 Billionen €).`,
    );
  return amount;
}

/** Optional weights for `count` columns (a row or a column of numbers ≥ 0); null → all 1. */
function readWeights(input: unknown, count: number, argument: string): number[] {
  if (isBlank(input)) return new Array<number>(count).fill(1);
  const weights = readNumberVector(input, argument);
  if (weights.values.length !== count) {
    throw new ExcelInputError(
      "#VALUE!",
      `${argument}: ${weights.values.length} Gewichte für ${count} Spalten (erwartet: eines je Spalte).`,
    );
  }
  return weights.values.map((w, i) => {
    const position = describePosition(i, i, weights.orientation);
    if (w === null)
      throw new ExcelInputError("#VALUE!", `${argument}, ${position}: leer (erwartet: Gewicht ≥ 0).`);
    if (w < 0) {
      throw new ExcelInputError(
        "#VALUE!",
        `${argument}, ${position}: ${formatNumberDe(w)} ist negativ (erwartet: Gewicht ≥ 0).`,
      );
    }
    return w;
  });
}

/** Norm band of a range; `#N/A` without any value. */
function bandOfRange(input: unknown, argument: string, sd: SdKind): NormBand {
  const vector = readNumberVector(input, argument);
  return normBand(presentValues(vector, argument), sd);
}

/** Weighted mean per row through the engine's index structure (categories of one indicator each, or one category). */
function rowMeans(rows: (number | null)[][], weights: number[], oneCategory: boolean): (number | null)[] {
  const indicators: IndicatorSpec[] = weights.map((w, k) => ({
    column: `S${k + 1}`,
    category: oneCategory ? "K" : `K${k + 1}`,
    direction: 1,
    weight: oneCategory ? w : 1,
  }));
  const categories: CategorySpec[] = oneCategory
    ? [{ name: "K", weight: 1 }]
    : weights.map((w, k) => ({ name: `K${k + 1}`, weight: w }));
  const structure = indexStructure(indicators, categories);
  return rows.map((row) => {
    const result = unitIndex(row, structure);
    return oneCategory ? result.categories[0] : result.index;
  });
}

/**
 * Standard scores (Standardpunktzahl) of one indicator, 0–100 by min–max, spilled like the input.
 * Blank cells stay blank. A constant indicator gives #DIV/0!.
 * @customfunction STANDARDSCORE STANDARDSCORE
 * @param values The indicator's values of all units (one column or one row).
 * @param [direction] 1 = a higher value means more need (default), -1 = less need.
 * @param [method] "minmax" (default) or "tscore" (50 + 10·z).
 * @returns One score per value.
 * @requiresParameterAddresses
 */
function standardScore(
  values: unknown[][],
  direction?: unknown,
  method?: unknown,
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [values, direction, method], (values, direction, method) => {
    const vector = readNumberVector(values, "Werte");
    const dir = choice<Direction>(direction, "Richtung", { "1": 1, "+1": 1, "-1": -1 }, 1);
    const normalisation = choice(method, "Methode", METHOD_WORDS, "minmax");
    presentValues(vector, "Werte");
    const result = standardScores(vector.values, dir, { normalisation });
    if (result.constant) {
      throw new ExcelInputError("#DIV/0!", "Werte: alle Werte sind gleich (konstanter Indikator).");
    }
    return spill(result.scores, vector.orientation);
  });
}

/**
 * Category index per unit: the weighted mean of each row of a block of standard scores; blank scores are
 * skipped (weights renormalised). Spilled as a column.
 * @customfunction CATEGORYINDEX CATEGORYINDEX
 * @param scores Standard scores: one row per unit, one column per indicator of the category.
 * @param [weights] One weight per column (default: all 1).
 * @returns One category index per row ("" when the row has no score).
 * @requiresParameterAddresses
 */
function categoryIndex(
  scores: unknown[][],
  weights?: unknown[][],
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [scores, weights], (scores, weights) => {
    const rows = readNumberMatrix(scores, "Punktzahlen");
    const w = readWeights(weights, rows[0].length, "Gewichte");
    return spill(rowMeans(rows, w, true), "column");
  });
}

/**
 * Total index (Gesamtindex) per unit: the weighted mean of each row of a block of category indices.
 * A unit with a blank category index gets no total index (""). Spilled as a column.
 * @customfunction TOTALINDEX TOTALINDEX
 * @param categoryIndices Category indices: one row per unit, one column per category.
 * @param [weights] One weight per category (default: all 1).
 * @returns One total index per row.
 * @requiresParameterAddresses
 */
function totalIndex(
  categoryIndices: unknown[][],
  weights?: unknown[][],
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [categoryIndices, weights], (categoryIndices, weights) => {
    const rows = readNumberMatrix(categoryIndices, "Kategorie-Indizes");
    const w = readWeights(weights, rows[0].length, "Gewichte");
    return spill(rowMeans(rows, w, false), "column");
  });
}

/**
 * Norm band of an index: mean, standard deviation, lower bound (mean − sd) and upper bound (mean + sd),
 * as one row of four cells.
 * @customfunction NORMBAND NORMBAND
 * @param values The index values of all units (blank cells are skipped).
 * @param [sd] "sample" (default, like STDEV.S) or "population" (like STDEV.P).
 * @returns Mean, standard deviation, lower bound, upper bound.
 * @requiresParameterAddresses
 */
function normBandFunction(
  values: unknown[][],
  sd?: unknown,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return inExcel(invocation, [values, sd], (values, sd) => {
    const band = bandOfRange(values, "Werte", choice(sd, "Standardabweichung", SD_WORDS, "sample"));
    return [[band.mean, band.sd, band.lower, band.upper]];
  });
}

/**
 * Where an index lies relative to the norm band of all values: "oberhalb" (above), "innerhalb" (inside,
 * bounds included) or "unterhalb" (below). Spilled like the first argument.
 * @customfunction BAND BAND
 * @param value The index value (or a column of them).
 * @param values The index values of all units.
 * @param [sd] "sample" (default) or "population".
 * @returns "oberhalb", "innerhalb" or "unterhalb" ("" for a blank value).
 * @requiresParameterAddresses
 */
function band(
  value: unknown[][],
  values: unknown[][],
  sd?: unknown,
  invocation?: CustomFunctions.Invocation,
): string[][] {
  return inExcel(invocation, [value, values, sd], (value, values, sd) => {
    const normband = bandOfRange(values, "Alle Werte", choice(sd, "Standardabweichung", SD_WORDS, "sample"));
    const vector = readNumberVector(value, "Wert");
    return spill(
      vector.values.map((v) => bandOf(v, normband)),
      vector.orientation,
    );
  });
}

/**
 * Budget share of a Sozialraum: its index divided by the sum of all indices (0–1; format as %).
 * @customfunction SHARE SHARE
 * @param index The area's index (or a column of them), one of allIndices.
 * @param allIndices The indices of all areas (blank cells are skipped).
 * @returns The share of the budget.
 * @requiresParameterAddresses
 */
function share(
  index: unknown[][],
  allIndices: unknown[][],
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [index, allIndices], (index, allIndices) => {
    const all = readNumberVector(allIndices, "Alle Indizes");
    requireNonNegative(all, "Alle Indizes", "Index");
    const present = presentValues(all, "Alle Indizes");
    if (!present.some((v) => v > 0)) throw new ExcelInputError("#DIV/0!", "Alle Indizes: die Summe ist 0.");
    const shares = indexShares(present);
    const vector = readNumberVector(index, "Index");
    return spill(
      vector.values.map((v) => {
        if (v === null) return null;
        const k = present.indexOf(v);
        if (k < 0) {
          throw new ExcelInputError("#N/A", `Index ${formatNumberDe(v)} kommt in „Alle Indizes“ nicht vor.`);
        }
        return shares[k];
      }),
      vector.orientation,
    );
  });
}

/**
 * Distributes a budget over the Sozialräume in proportion to their indices, cent-exact (largest remainder,
 * Hare–Niemeyer): the amounts add up to the budget exactly. Spilled like the indices.
 * @customfunction ALLOCATE ALLOCATE
 * @param indices The indices of all areas (every area needs one).
 * @param budget The budget in euros (≥ 0).
 * @returns One amount per area in euros.
 * @requiresParameterAddresses
 */
function allocate(
  indices: unknown[][],
  budget: unknown,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return inExcel(invocation, [indices, budget], (indices, budget) => {
    const total = requiredAmount(budget, "Budget");
    const vector = readNumberVector(indices, "Indizes");
    requireNonNegative(vector, "Indizes", "Index");
    const values = vector.values.map((v, i) => {
      if (v === null) {
        const position = describePosition(i, i, vector.orientation);
        throw new ExcelInputError(
          "#N/A",
          `Indizes, ${position}: kein Index (jeder Sozialraum braucht einen Index).`,
        );
      }
      return v;
    });
    if (!values.some((v) => v > 0)) throw new ExcelInputError("#DIV/0!", "Indizes: die Summe ist 0.");
    return spill(apportionCents(total, values).amounts, vector.orientation) as number[][];
  });
}

/**
 * Sozialraum index from the units' total indices: the mean (default) or the sum of the Gesamtindex of the
 * units in each area. Spilled like the list of areas.
 * @customfunction AREAINDEX AREAINDEX
 * @param areas The Sozialräume to compute (one column or row of names).
 * @param unitAreas Sozialraum of every unit.
 * @param unitIndices Total index of every unit (same size as unitAreas; blank = no index, skipped).
 * @param [method] "mittelwert" (mean, default) or "summe" (sum; favours areas with many Kitas).
 * @returns One index per area ("" when no unit of the area has an index).
 * @requiresParameterAddresses
 */
function areaIndex(
  areas: unknown[][],
  unitAreas: unknown[][],
  unitIndices: unknown[][],
  method?: unknown,
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(
    invocation,
    [areas, unitAreas, unitIndices, method],
    (areas, unitAreas, unitIndices, method) => {
      const how = choice(method, "Methode", AREA_METHOD_WORDS, "mean-of-units");
      const indices = readNumberVector(unitIndices, "Indizes der Einrichtungen");
      const names = readTextVector(unitAreas, "Sozialräume der Einrichtungen");
      if (names.values.length !== indices.values.length) {
        throw new ExcelInputError(
          "#VALUE!",
          `Sozialräume der Einrichtungen (${names.values.length}) und Indizes (${indices.values.length}) sind verschieden lang.`,
        );
      }
      const wanted = readTextVector(areas, "Sozialräume");
      const result = wanted.values.map((area) => {
        if (area === null) return null;
        const units = indices.values
          .map((index, i) => ({ index, children: null, area: names.values[i] }))
          .filter((u) => u.area === area);
        return areaIndexOfUnits(units, how).index;
      });
      return spill(result, wanted.orientation);
    },
  );
}

/**
 * Land formula (Rhineland-Palatinate): distributes the Land total over the Jugendämter,
 * 40 % by children under 7 and 60 % by children under 7 receiving SGB II, cent-exact. Spilled as a column.
 * @customfunction LANDFORMULA LANDFORMULA
 * @param children Children under 7 per Jugendamt.
 * @param sgb2 Children under 7 receiving SGB II per Jugendamt.
 * @param total The Land total in euros (≥ 0).
 * @returns One amount per Jugendamt in euros.
 * @requiresParameterAddresses
 */
function landFormulaFunction(
  children: unknown[][],
  sgb2: unknown[][],
  total: unknown,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return inExcel(invocation, [children, sgb2, total], (children, sgb2, total) => {
    const amount = requiredAmount(total, "Gesamtbetrag");
    const c = readCounts(children, "Kinder unter 7");
    const s = readCounts(sgb2, "Kinder unter 7 im SGB-II-Bezug");
    if (c.values.length !== s.values.length) {
      throw new ExcelInputError(
        "#VALUE!",
        `Kinder (${c.values.length} Werte) und SGB-II-Kinder (${s.values.length} Werte) sind verschieden lang.`,
      );
    }
    const rows = c.values.map((v, i) => ({
      name: describePosition(i, i, c.orientation),
      childrenUnder7: v as number,
      sgb2Under7: s.values[i] as number,
    }));
    const result = landFormula(amount, rows);
    failOnIssues(result.issues);
    return spill(result.amounts, c.orientation) as number[][];
  });
}

/**
 * Indexation (Dynamisierung): the amount for a year, grown from a base amount by a yearly rate
 * (default 2.5 %), A = base · (1 + rate)^(year − baseYear), rounded to the cent.
 * @customfunction INDEXATION INDEXATION
 * @param base The base amount in euros (≥ 0).
 * @param baseYear The year of the base amount.
 * @param year The year to compute (≥ baseYear).
 * @param [rate] Yearly rate (default 0.025).
 * @returns The amount for the year in euros.
 * @requiresParameterAddresses
 */
function indexation(
  base: unknown,
  baseYear: unknown,
  year: unknown,
  rate?: unknown,
  invocation?: CustomFunctions.Invocation,
): number {
  return inExcel(invocation, [base, baseYear, year, rate], (base, baseYear, year, rate) => {
    const amount = requiredAmount(base, "Ausgangsbetrag");
    const from = requiredNumber(baseYear, "Ausgangsjahr");
    const to = requiredNumber(year, "Jahr");
    const r = optionalNumber(rate, "Steigerungssatz") ?? DEFAULT_DYNAMISIERUNG_RATE;
    failOnIssues(dynamisierungIssues({ baseAmount: amount, baseYear: from, rate: r }, to));
    return dynamisiert(amount, from, to, r);
  });
}

/**
 * Co-funding (Kofinanzierung): from an amount of budget (Land) money, the personnel volume
 * (amount / Land share), the Land part and the municipal part (volume · (1 − Land share)), as one row of
 * three cells.
 * @customfunction COFUNDING COFUNDING
 * @param amount The budget (Land) amount in euros (≥ 0).
 * @param [landShare] Share of the personnel costs the Land pays (default 0.6).
 * @returns Personnel volume, Land part, municipal part (euros).
 * @requiresParameterAddresses
 */
function cofunding(
  amount: unknown,
  landShare?: unknown,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return inExcel(invocation, [amount, landShare], (amount, landShare) => {
    const money = requiredAmount(amount, "Betrag");
    const land = optionalNumber(landShare, "Landesanteil") ?? DEFAULT_KOFINANZIERUNG.landShare;
    const spec = { landShare: land, municipalShare: Math.max(0, 1 - land) };
    failOnIssues(kofinanzierungIssues(spec));
    const result = kofinanzierung(money, spec);
    return [[result.personnelVolume, result.landPart, result.municipalPart]];
  });
}

/**
 * Full-time equivalents (FTE, German VZÄ) a personnel volume pays for, rounded down to a step (default 0.25)
 * so that the positions never cost more than the money.
 * @customfunction FTE FTE
 * @param amount The personnel volume in euros (≥ 0).
 * @param costPerFte Annual employer cost of one full-time position in euros.
 * @param [step] Step the FTE are rounded down to (default 0.25).
 * @returns The FTE.
 * @requiresParameterAddresses
 */
function fte(
  amount: unknown,
  costPerFte: unknown,
  step?: unknown,
  invocation?: CustomFunctions.Invocation,
): number {
  return inExcel(invocation, [amount, costPerFte, step], (amount, costPerFte, step) => {
    const money = requiredAmount(amount, "Personalvolumen");
    const cost = requiredNumber(costPerFte, "Kosten je VZÄ");
    const s = optionalNumber(step, "Schrittweite") ?? DEFAULT_VZAE_STEP;
    failOnIssues(vzaeIssues(cost, s));
    return vzaeFor(money, cost, s);
  });
}

/**
 * Staff plan of one Sozialraum (Stellenplan, Schritt 2): full-time equivalents (FTE, German VZÄ) per Kita.
 * Set-aside FTE (e.g. the Nachbarschaftszentrum, strand 4) are planned first; the rest of the amount goes to
 * the eligible Kitas in proportion to their index, in whole steps by largest remainder, never costing more
 * than the amount. Set-asides that together cost more than the amount are scaled down to whole steps.
 * Spilled like the indices.
 * @customfunction STAFFPLAN STAFFPLAN
 * @param amount The area's amount in euros (≥ 0).
 * @param indices Total index (Gesamtindex) of every Kita of the area (blank: no share of the rest).
 * @param eligible Eligible for the rest (strand 1 or 3) per Kita: TRUE/FALSE, 1/0, "x"; blank = no.
 * @param [setAsides] FTE set aside per Kita before the rest (blank = 0).
 * @param cost What one FTE costs this amount a year, in euros (e.g. 75,000 × Land share 0.6 = 45,000).
 * @param [step] Step the FTE come in (default 0.25).
 * @returns FTE per Kita (set-aside plus rest).
 * @requiresParameterAddresses
 */
function staffPlan(
  amount: unknown,
  indices: unknown[][],
  eligible: unknown[][],
  setAsides: unknown[][],
  cost: unknown,
  step?: unknown,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return inExcel(
    invocation,
    [amount, indices, eligible, setAsides, cost, step],
    (amount, indices, eligible, setAsides, cost, step) => {
      const money = requiredAmount(amount, "Betrag");
      const index = readNumberVector(indices, "Indizes");
      requireNonNegative(index, "Indizes", "Index");
      const flags = readFlagVector(eligible, "Förderfähig");
      requireSameSize(flags.values.length, index.values.length, "Förderfähig", "Indizes");
      // omitted (null), or an empty cell/range given for it: no set-asides
      const none = isBlank(setAsides) || (Array.isArray(setAsides) && setAsides.flat().every(isBlank));
      const reserved = none ? null : readNumberVector(setAsides, "Vorab-VZÄ");
      if (reserved !== null) {
        requireSameSize(reserved.values.length, index.values.length, "Vorab-VZÄ", "Indizes");
        requireNonNegative(reserved, "Vorab-VZÄ", "VZÄ");
      }
      const parameters = stellenplanParameters({
        costPerVzae: requiredNumber(cost, "Kosten je VZÄ"),
        step: optionalNumber(step, "Schrittweite") ?? DEFAULT_VZAE_STEP,
        kofinanzierung: { landShare: 1, municipalShare: 0 },
        strand2Vzae: 0,
      });
      failOnIssues(stellenplanIssues(parameters));
      reserved?.values.forEach((v, i) => {
        if (v !== null && stepsOfVzae(v, parameters.step).rounded) {
          const position = describePosition(i, i, reserved.orientation);
          throw new ExcelInputError(
            "#VALUE!",
            `Vorab-VZÄ, ${position}: ${formatNumberDe(v)} ist kein Vielfaches der Schrittweite ` +
              `${formatNumberDe(parameters.step)} (erwartet: ganze Schritte).`,
          );
        }
      });
      const units = index.values.map((value, i) => {
        const setAside = reserved?.values[i] ?? 0;
        return {
          id: describePosition(i, i, index.orientation),
          area: "",
          row: i,
          index: value,
          children: null,
          eligible: {
            sozialarbeit: flags.values[i] === true,
            nachbarschaftszentrum: false,
            interkulturell: false,
            interkulturellException: false,
            zusatzpersonal: setAside > 0,
          },
          strand4Vzae: setAside,
          traeger: null,
        };
      });
      const plan = stellenplan([{ name: "", amount: money, share: 1 }], units, parameters);
      return spill(
        plan.units.map((u) => u.vzae),
        index.orientation,
      ) as number[][];
    },
  );
}

/**
 * Bremen rule set (SozPäd programme): full-time equivalents (FTE, German VZÄ) per Kita. Kita-Index above 50
 * and 40–120 children → 0.5 FTE, above 120 children → 1.0 FTE; Kitas below 40 children count together in
 * their Verbund (the position goes to one member). Spilled like the indices.
 * @customfunction BREMENFTE BREMENFTE
 * @param indices Kita-Index of every Kita (0–100).
 * @param children Number of children of every Kita.
 * @param [verbund] Verbund name of every Kita (blank: not in a Verbund).
 * @returns FTE per Kita.
 * @requiresParameterAddresses
 */
function bremenFte(
  indices: unknown[][],
  children: unknown[][],
  verbund?: unknown[][],
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return inExcel(invocation, [indices, children, verbund], (indices, children, verbund) => {
    const index = readNumberVector(indices, "Kita-Index");
    const kids = readCounts(children, "Kinder");
    const groups = isBlank(verbund) ? null : readTextVector(verbund, "Verbund");
    if (
      kids.values.length !== index.values.length ||
      (groups !== null && groups.values.length !== index.values.length)
    ) {
      throw new ExcelInputError(
        "#VALUE!",
        "Kita-Index, Kinder und Verbund müssen gleich viele Zellen haben.",
      );
    }
    const units = index.values.map((kitaIndex, i) => ({
      id: describePosition(i, i, index.orientation),
      children: kids.values[i],
      verbund: groups?.values[i] ?? null,
      firstYear: false,
      kitaIndex,
    }));
    const result = bremenAllocation(units, DEFAULT_BREMEN_RULES);
    return spill(
      result.map((r) => r.vzae),
      index.orientation,
    ) as number[][];
  });
}

/**
 * Social work, funding strand 1 (Kita-Sozialarbeit): TRUE when the unit's total index is at least the
 * lower bound of the norm band of all units. Spilled like the first argument.
 * @customfunction SOCIALWORK SOCIALWORK
 * @param index The unit's total index (or a column of them).
 * @param allIndices The total indices of all units.
 * @returns TRUE if eligible, else FALSE ("" for a blank index).
 * @requiresParameterAddresses
 */
function socialWork(
  index: unknown[][],
  allIndices: unknown[][],
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [index, allIndices], (index, allIndices) => {
    const normband = bandOfRange(allIndices, "Alle Indizes", "sample");
    const vector = readNumberVector(index, "Index");
    return spill(
      vector.values.map((v) =>
        v === null ? null : eligibility(strandInput(v, null, ""), normband, normband).sozialarbeit,
      ),
      vector.orientation,
    );
  });
}

/**
 * Intercultural staff, funding strand 3 (Interkulturelle Fachkräfte): TRUE when the unit's "Flucht und
 * Migration" index is above the mean of all units; above the lower bound of the norm band only as an
 * exception with a written reason. Spilled like the first argument.
 * @customfunction INTERCULTURAL INTERCULTURAL
 * @param index The unit's "Flucht und Migration" category index (or a column of them).
 * @param allIndices That category index of all units.
 * @param [reason] Written reason for an exception (text, same size as index).
 * @returns TRUE if eligible, else FALSE ("" for a blank index).
 * @requiresParameterAddresses
 */
function intercultural(
  index: unknown[][],
  allIndices: unknown[][],
  reason?: unknown[][],
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [index, allIndices, reason], (index, allIndices, reason) => {
    const normband = bandOfRange(allIndices, "Alle Indizes", "sample");
    const vector = readNumberVector(index, "Index");
    const reasons = isBlank(reason) ? null : readReasonVector(reason, "Begründung");
    if (reasons !== null && reasons.values.length !== vector.values.length) {
      throw new ExcelInputError(
        "#VALUE!",
        `Begründung (${reasons.values.length} Zellen) und Index (${vector.values.length} Zellen) sind verschieden groß.`,
      );
    }
    return spill(
      vector.values.map((v, i) =>
        v === null
          ? null
          : eligibility(strandInput(null, v, reasons?.values[i] ?? ""), normband, normband).interkulturell,
      ),
      vector.orientation,
    );
  });
}

/**
 * Neighbourhood centre, funding strand 2 (Kommunikations- und Nachbarschaftszentrum): TRUE for the unit
 * flagged as the centre of its Sozialraum. Flags: TRUE/FALSE, 1/0, "x", "ja"/"nein"; blank = no. At most
 * one flagged unit per Sozialraum, else #VALUE! naming the Sozialraum and the rows. Spilled like the flags.
 * @customfunction NEIGHBOURHOODCENTRE NEIGHBOURHOODCENTRE
 * @param flags Strand 2 flag of every unit (one column or row).
 * @param areas Sozialraum of every unit (same size as flags).
 * @returns TRUE for the flagged unit, else FALSE ("" where flag and Sozialraum are both blank).
 * @requiresParameterAddresses
 */
function neighbourhoodCentre(
  flags: unknown[][],
  areas: unknown[][],
  invocation?: CustomFunctions.Invocation,
): unknown[][] {
  return inExcel(invocation, [flags, areas], (flags, areas) => {
    const marks = readFlagVector(flags, "Markierungen");
    const names = readTextVector(areas, "Sozialräume");
    requireSameSize(names.values.length, marks.values.length, "Sozialräume", "Markierungen");
    // Sozialraum spellings that differ only in case or spaces are one area, as in the check.
    const spelling = new Map<string, string>();
    const units = marks.values.map((flag, i) => {
      const position = describePosition(i, i, marks.orientation);
      const area = names.values[i];
      if (flag === true && area === null) {
        throw new ExcelInputError(
          "#VALUE!",
          `Sozialräume, ${position}: leer, aber die Einrichtung ist als Nachbarschaftszentrum markiert ` +
            `(erwartet: der Sozialraum der Einrichtung).`,
        );
      }
      const key = area === null ? "" : headerKey(area);
      if (area !== null && !spelling.has(key)) spelling.set(key, area);
      return { id: position, area: spelling.get(key) ?? "", strand2: flag === true };
    });
    const several = strand2Issues(units, "");
    if (several.length > 0) {
      throw new ExcelInputError("#VALUE!", several.map((issue) => issue.message).join(" "));
    }
    return spill(
      marks.values.map((flag, i) =>
        flag === null && names.values[i] === null
          ? null
          : eligibility(strandFlags(flag === true, false, ""), NO_BAND, NO_BAND).nachbarschaftszentrum,
      ),
      marks.orientation,
    );
  });
}

/**
 * Additional staff, funding strand 4 (Betriebserlaubnisrelevantes Zusatzpersonal): TRUE when the unit is
 * flagged and the justification is a non-empty text. Flags: TRUE/FALSE, 1/0, "x", "ja"/"nein"; blank = no.
 * For one cell or a column (spilled like the flags).
 * @customfunction ADDITIONALSTAFF ADDITIONALSTAFF
 * @param flag Strand 4 flag of the unit (or a column of them).
 * @param justification Written justification (text, same size as flag; blank = none).
 * @returns TRUE if eligible, else FALSE.
 * @requiresParameterAddresses
 */
function additionalStaff(
  flag: unknown[][],
  justification: unknown[][],
  invocation?: CustomFunctions.Invocation,
): boolean[][] {
  return inExcel(invocation, [flag, justification], (flag, justification) => {
    const marks = readFlagVector(flag, "Markierung");
    const texts = readReasonVector(justification, "Begründung");
    requireSameSize(texts.values.length, marks.values.length, "Begründung", "Markierung");
    return spill(
      marks.values.map(
        (f, i) =>
          eligibility(strandFlags(false, f === true, texts.values[i] ?? ""), NO_BAND, NO_BAND).zusatzpersonal,
      ),
      marks.orientation,
    ) as boolean[][];
  });
}

/** Eligibility input with only the index the strand needs. */
function strandInput(index: number | null, strand3Index: number | null, reason: string) {
  return { index, strand3Index, strand2: false, strand3Reason: reason, strand4: false, strand4Reason: "" };
}

/** Eligibility input for the flag strands 2 and 4 (no index: strands 1 and 3 are not asked). */
function strandFlags(strand2: boolean, strand4: boolean, strand4Reason: string) {
  return { index: null, strand3Index: null, strand2, strand3Reason: "", strand4, strand4Reason };
}

/** Strands 2 and 4 have no index criterion: the band is never read for them. */
const NO_BAND: NormBand = { mean: Number.NaN, sd: Number.NaN, lower: Number.NaN, upper: Number.NaN };

/** Two ranges that describe the same units must have the same number of cells. */
function requireSameSize(size: number, expected: number, argument: string, reference: string): void {
  if (size !== expected) {
    throw new ExcelInputError(
      "#VALUE!",
      `${argument} (${size} Zellen) und ${reference} (${expected} Zellen) sind verschieden groß ` +
        `(erwartet: eine Zelle je Einrichtung).`,
    );
  }
}

/** Counts (children): required, ≥ 0. */
function readCounts(input: unknown, argument: string): NumberVector {
  const vector = readNumberVector(input, argument);
  vector.values.forEach((v, i) => {
    const position = describePosition(i, i, vector.orientation);
    if (v === null)
      throw new ExcelInputError("#VALUE!", `${argument}, ${position}: leer (erwartet: Anzahl ≥ 0).`);
  });
  requireNonNegative(vector, argument, "Anzahl");
  return vector;
}

// Referenced so that bundlers and linters see them as used; the metadata plugin adds the
// CustomFunctions.associate calls at build time.
export {
  additionalStaff,
  allocate,
  areaIndex,
  band,
  bremenFte,
  categoryIndex,
  cofunding,
  fte,
  indexation,
  intercultural,
  landFormulaFunction,
  neighbourhoodCentre,
  normBandFunction,
  share,
  socialWork,
  staffPlan,
  standardScore,
  totalIndex,
};

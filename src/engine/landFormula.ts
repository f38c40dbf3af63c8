/**
 * Land → Jugendamt: the Rhineland-Palatinate Sozialraumbudget formula (SPEC.md §6, KiTaG RLP):
 *
 *   B_j = T · (0.4 · c_j / Σc + 0.6 · s_j / Σs)
 *
 * c = children under 7 in the population, s = children under 7 receiving SGB II. Amounts to whole cents by
 * the largest-remainder method, so Σ B_j = T exactly.
 *
 * Worked example: T = 100.000 €, c = 200, 300, 500 (Σ 1.000), s = 50, 30, 20 (Σ 100):
 *   B_1 = 100.000 · (0,4 · 0,2 + 0,6 · 0,5) = 38.000 €, B_2 = 100.000 · (0,12 + 0,18) = 30.000 €,
 *   B_3 = 100.000 · (0,2 + 0,12) = 32.000 €.
 */
import { apportionCents } from "./apportionCents";
import { SrbUsageError, type Issue } from "./issues";
import { messages } from "./messages";

/** One Jugendamt (or any receiving body) in the Land formula. */
export interface LandFormulaRow {
  name: string;
  /** Children under 7 in the population. */
  childrenUnder7: number;
  /** Children under 7 receiving SGB II. */
  sgb2Under7: number;
}

/** Weights of the two parts; defaults 0.4 (children) and 0.6 (SGB II). */
export interface LandFormulaWeights {
  children: number;
  sgb2: number;
}

export const DEFAULT_LAND_WEIGHTS: LandFormulaWeights = { children: 0.4, sgb2: 0.6 };

/** Result of {@link landFormula}. */
export interface LandFormulaResult {
  /** Amount per row in euros, cent-exact; Σ = total (all 0 when `issues` holds an error). */
  amounts: number[];
  /** The same in integer cents. */
  cents: number[];
  /** true where a cent was decided by a tie (the law would draw lots). */
  tieFlags: boolean[];
  /** Unrounded amounts `B_j` (euros). */
  exact: number[];
  /** Data problems (negative or non-finite counts, no children at all); errors block the amounts. */
  issues: Issue[];
}

/**
 * Distributes the Land total `T` over the rows by the RLP formula. Weights are normalised to add up to 1
 * (so `{ children: 40, sgb2: 60 }` means the same as the default).
 *
 * Bad counts (negative, non-finite) and a column that adds up to 0 are data problems: they come back as
 * `error` issues (code `land-count-invalid`, `land-count-sum-zero`) and every amount is 0.
 *
 * @throws {SrbUsageError} for misuse: total not a finite number ≥ 0, weights negative or both 0.
 * @example
 * landFormula(100000, [
 *   { name: "A", childrenUnder7: 200, sgb2Under7: 50 },
 *   { name: "B", childrenUnder7: 300, sgb2Under7: 30 },
 *   { name: "C", childrenUnder7: 500, sgb2Under7: 20 },
 * ]).amounts; // => [38000, 30000, 32000]
 */
export function landFormula(
  total: number,
  rows: readonly LandFormulaRow[],
  weights: LandFormulaWeights = DEFAULT_LAND_WEIGHTS,
  where: { sheet?: string; childrenCells?: readonly string[]; sgb2Cells?: readonly string[] } = {},
): LandFormulaResult {
  if (!Number.isFinite(total) || total < 0)
    throw new SrbUsageError("landFormula: total must be a finite number ≥ 0");
  const wc = weights.children;
  const ws = weights.sgb2;
  if (!Number.isFinite(wc) || !Number.isFinite(ws) || wc < 0 || ws < 0 || wc + ws <= 0) {
    throw new SrbUsageError("landFormula: weights must be finite, ≥ 0 and not both 0");
  }
  const n = rows.length;
  const zeros = (): number[] => new Array<number>(n).fill(0);
  const issues: Issue[] = [];
  const sheet = where.sheet ?? "";
  const check = (value: number, name: string, what: string, cell: string | undefined): void => {
    if (!Number.isFinite(value) || value < 0) {
      issues.push({
        level: "error",
        code: "land-count-invalid",
        sheet,
        cell: cell ?? "",
        message: messages.landCountInvalid(name, what, value),
      });
    }
  };
  rows.forEach((r, i) => {
    check(r.childrenUnder7, r.name, "Kinder unter 7 Jahren", where.childrenCells?.[i]);
    check(r.sgb2Under7, r.name, "Kinder unter 7 Jahren im SGB-II-Bezug", where.sgb2Cells?.[i]);
  });
  const sumC = rows.reduce((s, r) => s + r.childrenUnder7, 0);
  const sumS = rows.reduce((s, r) => s + r.sgb2Under7, 0);
  if (issues.length === 0 && n > 0) {
    if (wc > 0 && sumC <= 0) {
      issues.push({
        level: "error",
        code: "land-count-sum-zero",
        sheet,
        cell: "",
        message: messages.landCountSumZero("Kinder unter 7 Jahren"),
      });
    }
    if (ws > 0 && sumS <= 0) {
      issues.push({
        level: "error",
        code: "land-count-sum-zero",
        sheet,
        cell: "",
        message: messages.landCountSumZero("Kinder unter 7 Jahren im SGB-II-Bezug"),
      });
    }
  }
  if (issues.length > 0 || n === 0) {
    return {
      amounts: zeros(),
      cents: zeros(),
      tieFlags: new Array<boolean>(n).fill(false),
      exact: zeros(),
      issues,
    };
  }
  const wSum = wc + ws;
  const part = rows.map((r) => {
    const c = wc > 0 ? (wc / wSum) * (r.childrenUnder7 / sumC) : 0;
    const s = ws > 0 ? (ws / wSum) * (r.sgb2Under7 / sumS) : 0;
    return c + s;
  });
  const split = apportionCents(total, part);
  return {
    amounts: split.amounts,
    cents: split.cents,
    tieFlags: split.tieFlags,
    exact: part.map((p) => total * p),
    issues,
  };
}

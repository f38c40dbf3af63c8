/**
 * Dynamisierung: the Sozialraumbudget grows 2,5 % a year from 2021-07-01 (SPEC.md §6):
 *
 *   A_y = A_base · (1 + rate)^(y − base)
 *
 * Check (Bad Kreuznach): 488.897 € for the second half of 2021 → annual base 2 · 488.897 = 977.794 €
 * → 2022: 977.794 · 1,025 = 1.002.238,85 € (published: 1.002.240 €, the Land rounds its figures).
 */
import { SrbUsageError, type Issue } from "./issues";
import { messages } from "./messages";

/** Default yearly growth rate (2,5 %). */
export const DEFAULT_DYNAMISIERUNG_RATE = 0.025;

function problems(baseAmount: number, baseYear: number, year: number, rate: number): string[] {
  const out: string[] = [];
  if (!Number.isFinite(baseAmount) || baseAmount < 0)
    out.push(messages.dynamisierungBaseAmountInvalid(baseAmount));
  if (!Number.isInteger(baseYear)) out.push(messages.dynamisierungYearInvalid("Ausgangsjahr", baseYear));
  if (!Number.isInteger(year)) out.push(messages.dynamisierungYearInvalid("Jahr", year));
  else if (Number.isInteger(baseYear) && year < baseYear) {
    out.push(messages.dynamisierungYearBeforeBase(year, baseYear));
  }
  if (!Number.isFinite(rate) || rate <= -1) out.push(messages.dynamisierungRateInvalid(rate));
  return out;
}

/**
 * Checks the Dynamisierung parameters of a model and returns every problem as an `error` issue
 * (code `dynamisierung-invalid`); an empty list means {@link dynamisiert} will not throw.
 *
 * @example
 * dynamisierungIssues({ baseAmount: 977794, baseYear: 2021, rate: 0.025 }, 2020)[0].message;
 * // => "Dynamisierung: Jahr 2020 liegt vor dem Ausgangsjahr 2021: erwartet wird ein Jahr ≥ 2021."
 */
export function dynamisierungIssues(
  spec: { baseAmount: number; baseYear: number; rate: number },
  year: number,
): Issue[] {
  return problems(spec.baseAmount, spec.baseYear, year, spec.rate).map((p) => ({
    level: "error" as const,
    code: "dynamisierung-invalid",
    sheet: "",
    cell: "",
    message: messages.parameterProblem("Dynamisierung", p),
  }));
}

/**
 * The amount for `year` grown from `baseAmount` in `baseYear` by `rate` a year, rounded to whole cents.
 * Rounded once at the end (not year by year), so the result does not depend on intermediate rounding.
 *
 * @throws {SrbUsageError} for invalid parameters (see {@link dynamisierungIssues} to check first).
 * @example
 * dynamisiert(977794, 2021, 2022); // => 1002238.85
 * dynamisiert(100000, 2021, 2023); // => 105062.5  (100.000 · 1,025² = 105.062,50)
 */
export function dynamisiert(
  baseAmount: number,
  baseYear: number,
  year: number,
  rate: number = DEFAULT_DYNAMISIERUNG_RATE,
): number {
  const p = problems(baseAmount, baseYear, year, rate);
  if (p.length > 0) throw new SrbUsageError(`dynamisiert: ${p.join("; ")}`);
  const exact = baseAmount * Math.pow(1 + rate, year - baseYear);
  // round to the cent; the tiny offset keeps 0.5-cent values that float stores as x.4999… from rounding down
  return Math.round(exact * 100 + 1e-7) / 100;
}

/**
 * The annual amount for a base given for half a year (the RLP budget started on 2021-07-01, so the first
 * published figure covers the second half of 2021): twice the amount, to the cent.
 *
 * @throws {SrbUsageError} if the amount is not a finite number ≥ 0.
 * @example
 * annualFromHalfYear(488897); // => 977794
 */
export function annualFromHalfYear(halfYearAmount: number): number {
  if (!Number.isFinite(halfYearAmount) || halfYearAmount < 0) {
    throw new SrbUsageError("annualFromHalfYear: the amount must be a finite number ≥ 0");
  }
  return Math.round(halfYearAmount * 200) / 100;
}

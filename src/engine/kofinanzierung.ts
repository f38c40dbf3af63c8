/**
 * Kofinanzierung (SPEC.md §6): the budget (Land) pays up to 60 % of the personnel costs, the Jugendamt
 * 40 %. From an amount of budget money follow
 *
 *   personnel volume P = amount / landShare,   municipal part = P · municipalShare,   Land part = amount.
 *
 * Worked example (Bad Kreuznach 2022): amount 1.002.240 € → P = 1.002.240 / 0,6 = 1.670.400 €,
 * municipal part 1.670.400 · 0,4 = 668.160 €, Land part 1.002.240 €.
 */
import { SrbUsageError, type Issue } from "./issues";
import { DEFAULT_KOFINANZIERUNG, type KofinanzierungSpec } from "./model";
import { messages } from "./messages";

/** Result of {@link kofinanzierung} (euros, cent-exact). */
export interface KofinanzierungResult {
  /** Personnel volume P = amount / landShare. */
  personnelVolume: number;
  /** Land part = the amount itself. */
  landPart: number;
  /** Municipal (Jugendamt) part = P · municipalShare. */
  municipalPart: number;
  /** What neither pays (P − Land − municipal; e.g. a Träger's own share); 0 when the shares add up to 1. */
  otherPart: number;
}

function problems(spec: KofinanzierungSpec): string[] {
  const out: string[] = [];
  const { landShare, municipalShare } = spec;
  if (!(Number.isFinite(landShare) && landShare > 0 && landShare <= 1)) {
    out.push(messages.landShareInvalid(landShare));
  }
  if (!(Number.isFinite(municipalShare) && municipalShare >= 0 && municipalShare <= 1)) {
    out.push(messages.municipalShareInvalid(municipalShare));
  }
  if (out.length === 0 && landShare + municipalShare > 1 + 1e-9) {
    out.push(messages.sharesAboveOne(landShare, municipalShare));
  }
  return out;
}

/**
 * Checks a Kofinanzierung spec and returns every problem as an `error` issue (code `kofinanzierung-invalid`).
 * Land share in (0, 1], municipal share in [0, 1], together at most 1.
 *
 * @example
 * kofinanzierungIssues({ landShare: 0.6, municipalShare: 0.4 }); // => []
 * kofinanzierungIssues({ landShare: 0, municipalShare: 0.4 }).length; // => 1
 */
export function kofinanzierungIssues(spec: KofinanzierungSpec): Issue[] {
  return problems(spec).map((p) => ({
    level: "error" as const,
    code: "kofinanzierung-invalid",
    sheet: "",
    cell: "",
    message: messages.parameterProblem("Kofinanzierung", p),
  }));
}

/**
 * Personnel volume, Land part and municipal part for an amount of budget money, each rounded to whole
 * cents. Computed in integer cents; when the two shares add up to 1 the municipal part is P − Land part,
 * so that Land part + municipal part = personnel volume to the cent.
 *
 * @throws {SrbUsageError} if the amount is not a finite number ≥ 0 or the spec is invalid
 *   (check it first with {@link kofinanzierungIssues}).
 * @example
 * kofinanzierung(1002240); // => { personnelVolume: 1670400, landPart: 1002240, municipalPart: 668160, otherPart: 0 }
 * kofinanzierung(100);     // => { personnelVolume: 166.67, landPart: 100, municipalPart: 66.67, otherPart: 0 }
 */
export function kofinanzierung(
  amount: number,
  spec: KofinanzierungSpec = DEFAULT_KOFINANZIERUNG,
): KofinanzierungResult {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new SrbUsageError(`kofinanzierung: amount must be a finite number ≥ 0, got ${amount}`);
  }
  const p = problems(spec);
  if (p.length > 0) throw new SrbUsageError(`kofinanzierung: ${p.join("; ")}`);
  const landCents = Math.round(amount * 100);
  // 1e-7 cent guards against 0.6 not being exact in binary (e.g. 3 / 0.6 = 5.000000000000001 is fine,
  // but x.5 cents stored as x.4999… would round down)
  const volumeCents = Math.round(landCents / spec.landShare + 1e-7);
  const sharesAddUp = Math.abs(spec.landShare + spec.municipalShare - 1) < 1e-9;
  const municipalCents = sharesAddUp
    ? volumeCents - landCents
    : Math.round((landCents * spec.municipalShare) / spec.landShare + 1e-7);
  const otherCents = Math.max(0, volumeCents - landCents - municipalCents);
  return {
    personnelVolume: volumeCents / 100,
    landPart: landCents / 100,
    municipalPart: municipalCents / 100,
    otherPart: otherCents / 100,
  };
}

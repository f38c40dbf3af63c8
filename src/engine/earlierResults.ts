/**
 * An earlier results.json (SPEC.md §8, written by `srb allocate --json`) as one side of a comparison and
 * as the basis of a carry-forward (`--compare <earlier results.json>`).
 *
 * Read tolerantly, by the names SPEC §8 fixes: `units[].id`, `area`, `index`, `band`, `eligible`,
 * `units[].plan` when present (else the extra field `proposedAmount`, else 0 €), `areas[].name`, `share`,
 * `amount`. Unknown fields are ignored. What cannot be used is named in German — never a JSON path.
 */
import { ELIGIBILITY_KEYS, readAdoption, type Adoption } from "./adoption";
import type { Band, Eligibility } from "./allocation";
import type { ResolvedModel } from "./model";
import { strandsOf, type ComparedUnit, type ComparisonSide } from "./changes";
import { messages } from "./messages";

export type ReadEarlierResults =
  | { side: ComparisonSide; budget: number | null; problem: null }
  | { side: null; budget: null; problem: string };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function band(v: unknown): Band | null {
  return v === "oberhalb" || v === "innerhalb" || v === "unterhalb" ? v : null;
}

/**
 * Read an earlier results.json (already parsed).
 *
 * @param json the parsed file
 * @param file the file name, for the message
 * @example sideOfResultsJson(JSON.parse(text), "ergebnis-2026.json").side?.areas.length; // => 8
 * @example sideOfResultsJson({ allocated: false, units: [], areas: [] }, "alt.json").problem;
 * // => "Die Ergebnisdatei „alt.json“ enthält keine Verteilung (sie wurde bei blockierenden Fehlern in Daten oder Modell geschrieben, z. B. ohne Modell)."
 */
export function sideOfResultsJson(json: unknown, file: string): ReadEarlierResults {
  const fail = (problem: string): ReadEarlierResults => ({ side: null, budget: null, problem });
  const name = messages.resultsFileLabel(file);
  if (!isObject(json)) return fail(messages.resultsFileNotAnObject(name));
  if (json.allocated === false) return fail(messages.resultsFileNotAllocated(name));
  if (!Array.isArray(json.areas) || json.areas.length === 0 || !Array.isArray(json.units))
    return fail(messages.resultsFileWithoutLists(name));
  const areas: ComparisonSide["areas"] = [];
  for (const [k, a] of json.areas.entries()) {
    const areaName = isObject(a) && typeof a.name === "string" ? a.name : "";
    const share = isObject(a) ? num(a.share) : null;
    if (areaName === "" || share === null || share < 0 || share > 1) {
      return fail(messages.resultsFileAreaInvalid(name, k + 1));
    }
    areas.push({ name: areaName, share, amount: num((a as Json).amount) ?? 0 });
  }
  const units: ComparedUnit[] = [];
  const seen = new Set<string>();
  for (const [k, u] of json.units.entries()) {
    if (!isObject(u) || typeof u.id !== "string" || u.id === "" || typeof u.area !== "string") {
      return fail(messages.storedUnitInvalid(name, k + 1));
    }
    if (seen.has(u.id)) return fail(messages.resultsFileUnitTwice(name, u.id));
    seen.add(u.id);
    const plan = isObject(u.plan) ? u.plan : null;
    const bremen = isObject(u.bremen) ? u.bremen : null;
    const amount = (plan ? num(plan.amount) : null) ?? num(u.proposedAmount) ?? 0;
    const bremenVzae = bremen ? num(bremen.vzae) : null;
    const vzae = (plan ? num(plan.vzae) : null) ?? bremenVzae;
    units.push({
      id: u.id,
      area: u.area,
      index: num(u.index),
      band: band(u.band),
      strands: strandsOf(isObject(u.eligible) ? (u.eligible as Partial<Eligibility>) : {}),
      amount,
      vzae,
      funded: bremenVzae !== null ? bremenVzae > 0 : amount > 0,
    });
  }
  return { side: { units, areas }, budget: num(json.budget), problem: null };
}

/** The placeholder date of a basis that is no Beschluss (1970-01-01; `Adoption.source` names it). */
const NO_DECISION_DATE = new Date(0).toISOString().slice(0, 10);

/**
 * An earlier results.json as the basis of a carry-forward (`--carry-forward --compare <earlier results.json>`,
 * SPEC §8): its `areas[].share` are the shares, its Einrichtungen with `index`, `band`, `eligible`, `plan`,
 * `children` (and `bremen`, `traeger`, `carriedSetAside`) what is carried. A results.json holds no model: the run's own `model`
 * stands in for method and rules. `source` names the file for the sheets.
 *
 * @param json the parsed file (checked by {@link sideOfResultsJson} first)
 * @param file the file name
 * @param model the run's model
 * @returns the basis, or the German reason why the file cannot be carried forward
 * @example adoptionOfResultsJson(JSON.parse(text), "ergebnis-2026.json", model).adoption?.source;
 * // => "der Ergebnisdatei „ergebnis-2026.json“"
 */
export function adoptionOfResultsJson(
  json: unknown,
  file: string,
  model: ResolvedModel,
): { adoption: Adoption; problem: null } | { adoption: null; problem: string } {
  const side = sideOfResultsJson(json, file);
  if (side.side === null) return { adoption: null, problem: side.problem };
  const o = json as Json;
  // SPEC §8 has no per-unit amount beside `plan` (0 € without one, as the comparison reads it) and names
  // only the strands a Kita is eligible for: read as the comparison side reads them, not as a stored Beschluss
  const units = (o.units as unknown[]).map((u) => {
    const unit = u as Json;
    const plan = isObject(unit.plan) ? unit.plan : null;
    const eligible = isObject(unit.eligible) ? unit.eligible : {};
    // a run carried forward without a Stellenplan lists the part of its € that carries the adopted
    // set-asides (`carriedSetAside`); a Beschluss stores it as `setAside`: kept, so the breakdown goes on
    const setAside = plan ? null : num(unit.carriedSetAside);
    return {
      ...unit,
      amount: (plan ? num(plan.amount) : null) ?? num(unit.proposedAmount) ?? 0,
      eligible: Object.fromEntries(ELIGIBILITY_KEYS.map((key) => [key, eligible[key] === true])),
      ...(setAside !== null ? { setAside } : {}),
    };
  });
  const areas = (o.areas as unknown[]).map((a, r) => ({
    ...(a as Json),
    amount: side.side.areas[r].amount,
  }));
  const areaBudget = side.side.areas.reduce((sum, a) => sum + a.amount, 0);
  const read = readAdoption(
    {
      // a results.json has no decision date; the basis is named by `source`, never by this date
      date: NO_DECISION_DATE,
      budget: side.budget ?? Math.round(areaBudget * 100) / 100,
      model: JSON.parse(JSON.stringify(model)) as unknown,
      checksum: "",
      goalposts: {},
      norm: o.norm,
      effectiveWeights: o.effectiveWeights,
      areas,
      units,
    },
    messages.resultsFileLabel(file),
  );
  // what is missing or unusable, named with the Kita or Sozialraum and the value (as for a stored Beschluss)
  if (read.adoption === null)
    return { adoption: null, problem: `${read.problem} Sie lässt sich deshalb nicht fortschreiben.` };
  return { adoption: { ...read.adoption, source: `der Ergebnisdatei „${file}“` }, problem: null };
}

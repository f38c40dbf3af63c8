/**
 * An earlier results.json (SPEC.md §8, written by `srb allocate --json`) as one side of a comparison and
 * as the basis of a carry-forward (`--compare <earlier results.json>`).
 *
 * Read tolerantly, by the names SPEC §8 fixes: `units[].id`, `area`, `index`, `band`, `eligible`,
 * `units[].plan` when present (else the extra field `proposedAmount`, else 0 €), `areas[].name`, `share`,
 * `amount`. Unknown fields are ignored. What cannot be used is named in German — never a JSON path.
 */
import type { Band, Eligibility } from "./allocation";
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
 * // => "Die Ergebnisdatei „alt.json“ enthält keine Verteilung (sie wurde mit blockierenden Datenfehlern geschrieben)."
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

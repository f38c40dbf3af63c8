/**
 * Compares SRB's results.json with the reference implementation, field by field (SPEC.md §8).
 * Returns readable differences instead of throwing, so a failing test lists all of them.
 */
import type { RefResult } from "./reference";

/** Absolute tolerance for indices, shares and norm values (SPEC: reproduce to 1e-9). */
export const TOLERANCE = 1e-9;

function close(a: unknown, b: number | null): boolean {
  if (b === null) return a === null;
  return typeof a === "number" && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
}

/**
 * Lists every difference between results.json and the reference result; [] when they agree.
 *
 * @example
 * differences(JSON.parse(resultsText), referenceAllocation(units, indicators, categories, options, budget));
 * // => []
 */
export function differences(results: Record<string, unknown>, reference: RefResult): string[] {
  const out: string[] = [];
  const note = (path: string, actual: unknown, expected: unknown) =>
    out.push(`${path}: ${JSON.stringify(actual)} ≠ erwartet ${JSON.stringify(expected)}`);

  if (results.budget !== reference.budget) note("budget", results.budget, reference.budget);

  const units = results.units as Record<string, unknown>[];
  if (!Array.isArray(units) || units.length !== reference.units.length) {
    note("units.length", Array.isArray(units) ? units.length : units, reference.units.length);
  } else {
    reference.units.forEach((expected, i) => {
      const actual = units[i];
      const at = `units[${i}]`;
      if (actual.id !== expected.id) note(`${at}.id`, actual.id, expected.id);
      if (actual.area !== expected.area) note(`${at}.area`, actual.area, expected.area);
      const categories = actual.categories as Record<string, unknown>;
      const wantedNames = Object.keys(expected.categories).sort();
      const gotNames = Object.keys(categories ?? {}).sort();
      if (JSON.stringify(wantedNames) !== JSON.stringify(gotNames))
        note(`${at}.categories (Namen)`, gotNames, wantedNames);
      for (const name of wantedNames) {
        if (!close(categories?.[name], expected.categories[name])) {
          note(`${at}.categories[${name}]`, categories?.[name], expected.categories[name]);
        }
      }
      if (!close(actual.index, expected.index)) note(`${at}.index`, actual.index, expected.index);
      const nearBound =
        expected.index !== null &&
        (Math.abs(expected.index - reference.norm.index.lower) < 1e-9 ||
          Math.abs(expected.index - reference.norm.index.upper) < 1e-9);
      if (!nearBound && actual.band !== expected.band) note(`${at}.band`, actual.band, expected.band);
      const eligible = actual.eligible as Record<string, unknown> | undefined;
      if (!nearBound && eligible?.sozialarbeit !== expected.eligible.sozialarbeit) {
        note(`${at}.eligible.sozialarbeit`, eligible?.sozialarbeit, expected.eligible.sozialarbeit);
      }
      if (eligible?.interkulturell !== expected.eligible.interkulturell) {
        note(`${at}.eligible.interkulturell`, eligible?.interkulturell, expected.eligible.interkulturell);
      }
    });
  }

  const areas = results.areas as Record<string, unknown>[];
  if (!Array.isArray(areas) || areas.length !== reference.areas.length) {
    note("areas.length", Array.isArray(areas) ? areas.length : areas, reference.areas.length);
  } else {
    reference.areas.forEach((expected, r) => {
      const actual = areas[r];
      const at = `areas[${r}]`;
      if (actual.name !== expected.name) note(`${at}.name`, actual.name, expected.name);
      if (!close(actual.index, expected.index)) note(`${at}.index`, actual.index, expected.index);
      if (!close(actual.share, expected.share)) note(`${at}.share`, actual.share, expected.share);
      if (actual.amount !== expected.amount) note(`${at}.amount`, actual.amount, expected.amount);
    });
    const cents = areas.reduce((sum, a) => sum + Math.round((a.amount as number) * 100), 0);
    if (cents !== Math.round(reference.budget * 100))
      note("Σ areas.amount (Cent)", cents, Math.round(reference.budget * 100));
    const shares = areas.reduce((sum, a) => sum + (a.share as number), 0);
    if (Math.abs(shares - 1) > 1e-9) note("Σ areas.share", shares, 1);
  }

  const norm = (results.norm as Record<string, Record<string, unknown>> | undefined)?.index;
  for (const key of ["mean", "sd", "lower", "upper"] as const) {
    if (!close(norm?.[key], reference.norm.index[key]))
      note(`norm.index.${key}`, norm?.[key], reference.norm.index[key]);
  }
  return out;
}

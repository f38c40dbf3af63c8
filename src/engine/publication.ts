/**
 * What a publication of the allocation may show (SPEC §7; the concept warns against stigmatising single
 * Kitas, Bremen publishes no Kita values at all): the Sozialräume in full, the Kitas only under random
 * codes, and no Kita detail for a Sozialraum with fewer than three Kitas (one or two rows would name them).
 *
 * The codes are drawn afresh for every publication: they follow neither the names nor the rows of the
 * data sheet, so the order of a published list says nothing. The key (code → Kita) is returned for the
 * working workbook only.
 */
import type { Allocation, UnitResult } from "./allocation";

/** A Sozialraum with fewer Kitas than this is published without Kita detail. */
export const PUBLICATION_MIN_UNITS = 3;

/** One Kita of the publication: its random code and its results (the name stays in the key). */
export interface PublishedUnit {
  code: string;
  unit: UnitResult;
}

export interface Publication {
  /** The published Kitas, ordered by code (a random order). */
  units: PublishedUnit[];
  /** Sozialräume shown without Kita detail (fewer than PUBLICATION_MIN_UNITS Kitas), in sheet order. */
  withheldAreas: string[];
  /** Code → Kita and Sozialraum, for the working workbook only; ordered by code. */
  key: { code: string; id: string; area: string }[];
}

/**
 * The publication of an allocation with codes drawn from `random` (uniform in [0, 1); the caller passes a
 * cryptographic source, tests a seeded one).
 *
 * @example
 * // Nord has 3 Kitas, Süd 1: Süd is withheld, Nord's Kitas get E01…E03 in a random order
 * const p = publicationOf(allocation, Math.random);
 * p.withheldAreas; // => ["Süd"]
 * p.units.map((u) => u.code); // => ["E01", "E02", "E03"]
 */
export function publicationOf(allocation: Allocation, random: () => number): Publication {
  const perArea = new Map<string, number>();
  for (const u of allocation.units) perArea.set(u.area, (perArea.get(u.area) ?? 0) + 1);
  const withheld = new Set(
    [...perArea].filter(([, count]) => count < PUBLICATION_MIN_UNITS).map(([area]) => area),
  );
  const published = allocation.units.filter((u) => !withheld.has(u.area));
  const order = shuffled(published, random);
  const width = Math.max(2, String(order.length).length);
  const units = order.map((unit, i) => ({ code: `E${String(i + 1).padStart(width, "0")}`, unit }));
  return {
    units,
    withheldAreas: allocation.areas.map((a) => a.name).filter((name) => withheld.has(name)),
    key: units.map(({ code, unit }) => ({ code, id: unit.id, area: unit.area })),
  };
}

/** Fisher–Yates: every order equally likely for a uniform `random`. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Träger summary of the Stellenplan (SPEC.md §5.4): per Träger (the optional column `data.traeger`) the
 * number of Kitas, their VZÄ, € (Land part), municipal part and personnel volume. Träger in order of their
 * first Kita on the sheet; Kitas without a Träger entry form the group "ohne Angabe". The totals of all
 * Träger equal the totals of all Kitas (sums of whole cents and whole steps).
 *
 * Worked example: Kita A (Träger „Caritas“, 0,5 VZÄ, 22.500 €), Kita B („Stadt“, 1 VZÄ, 45.000 €), Kita C
 * („Caritas“, 0,25 VZÄ, 11.250 €) → Caritas: 2 Kitas, 0,75 VZÄ, 33.750 €; Stadt: 1 Kita, 1 VZÄ, 45.000 €.
 */

/** Name of the group of Kitas without a Träger entry. */
export const NO_TRAEGER = "ohne Angabe";

/** One Kita's plan as the summary needs it. */
export interface TraegerUnit {
  traeger: string | null;
  /** Sheet row (the summary lists Träger by their first row). */
  row: number;
  /** Planned steps (VZÄ = steps · step). */
  steps: number;
  amountCents: number;
  municipalCents: number;
  volumeCents: number;
}

/** One line of the Träger summary. */
export interface TraegerTotal {
  traeger: string;
  units: number;
  vzae: number;
  /** € Land part (from the budget). */
  amount: number;
  municipal: number;
  personnelVolume: number;
}

/**
 * Sums the plan per Träger.
 *
 * @example
 * traegerSummary([
 *   { traeger: "Caritas", row: 2, steps: 2, amountCents: 2250000, municipalCents: 1500000, volumeCents: 3750000 },
 *   { traeger: "Stadt", row: 3, steps: 4, amountCents: 4500000, municipalCents: 3000000, volumeCents: 7500000 },
 *   { traeger: "Caritas", row: 4, steps: 1, amountCents: 1125000, municipalCents: 750000, volumeCents: 1875000 },
 * ], 0.25).map((t) => [t.traeger, t.units, t.vzae, t.amount]);
 * // => [["Caritas", 2, 0.75, 33750], ["Stadt", 1, 1, 45000]]
 */
export function traegerSummary(units: readonly TraegerUnit[], step: number): TraegerTotal[] {
  const order = units.map((_, i) => i).sort((a, b) => units[a].row - units[b].row || a - b);
  const groups = new Map<
    string,
    { units: number; steps: number; amount: number; municipal: number; volume: number }
  >();
  for (const i of order) {
    const u = units[i];
    const name = u.traeger !== null && u.traeger.trim() !== "" ? u.traeger.trim() : NO_TRAEGER;
    const g = groups.get(name) ?? { units: 0, steps: 0, amount: 0, municipal: 0, volume: 0 };
    g.units += 1;
    g.steps += u.steps;
    g.amount += u.amountCents;
    g.municipal += u.municipalCents;
    g.volume += u.volumeCents;
    groups.set(name, g);
  }
  return [...groups.entries()].map(([traeger, g]) => ({
    traeger,
    units: g.units,
    vzae: Math.round(g.steps * step * 1e9) / 1e9,
    amount: g.amount / 100,
    municipal: g.municipal / 100,
    personnelVolume: g.volume / 100,
  }));
}

/**
 * Set-asides of one Sozialraum (SPEC.md §5, Schritt 2 step 1): the staff that does not depend on any
 * index and is planned before the rest of the area amount is split by index.
 *
 * - Strand 4 (betriebserlaubnisrelevantes Zusatzpersonal): each flagged Kita with a justification gets the
 *   VZÄ it requests (column `data.strand4Vzae`; no request: one step). A request that is not a whole number
 *   of steps is rounded down to steps (warning `strand4-request-rounded`). When the requests of the area
 *   cost more than its amount, they are scaled down in proportion to whole steps by largest remainder
 *   (equal remainders: the larger request, then sheet order) with a warning naming the area
 *   (`strand4-scaled`).
 * - Strand 2 (Kommunikations- und Nachbarschaftszentrum): the flagged Kita of the area (the first in sheet
 *   order when several are flagged; the check warns about that) gets `strand2Vzae`, if what strand 4 left
 *   allows, else as many steps as it allows (warning `strand2-short`).
 *
 * Worked example: area amount 100.000 €, one step (0,25 VZÄ) costs 11.250 € (75.000 € · 0,6 · 0,25).
 * Kita A requests 2 VZÄ for strand 4 (8 steps, 90.000 €); Kita B is the Nachbarschaftszentrum (0,5 VZÄ =
 * 2 steps, 22.500 €). Strand 4 fits (90.000 € ≤ 100.000 €); 10.000 € are left, less than a step: Kita B
 * gets 0 VZÄ and a warning says the 0,5 VZÄ did not fit.
 */
import type { Issue } from "./issues";
import { messages } from "./messages";
import { costOfSteps, stepsFor, stepsOfVzae, vzaeOfSteps } from "./vzaeSteps";

/** One Kita of the area as the set-asides see it (passed in sheet order). */
export interface SetAsideUnit {
  id: string;
  /** Strand 4: flagged and justified. */
  strand4: boolean;
  /** Requested strand-4 VZÄ; null: one step. */
  strand4Request: number | null;
  /** A1 address of the request cell, for the rounding warning ("" if unknown). */
  strand4RequestCell?: string;
  /** Strand 2: flagged as the Kommunikations- und Nachbarschaftszentrum. */
  strand2: boolean;
}

/** The money side of the set-asides. */
export interface SetAsideParameters {
  /** Cents one step costs the budget (see `stepCents`). */
  centsPerStep: number;
  /** VZÄ of one step. */
  step: number;
  /** VZÄ for the strand-2 Kita. */
  strand2Vzae: number;
}

/** Result of {@link areaSetAsides}. */
export interface AreaSetAsides {
  /** Strand-4 steps per unit (input order). */
  strand4Steps: number[];
  /** Strand-2 steps per unit (input order; at most one unit has any). */
  strand2Steps: number[];
  /** Σ cents the set-asides cost (Σ of the units' costs, each rounded to the cent). */
  cents: number;
  /** Warnings (rounded requests, scaled strand 4, strand 2 short). */
  issues: Issue[];
}

/** k steps as VZÄ (3 · 0,25 → 0,75). */
const vzae = (steps: number, step: number): number => vzaeOfSteps(steps, step);

/**
 * Scales integer requests down to a total of `available` whole steps by largest remainder (Hare–Niemeyer);
 * equal remainders: the larger request first, then input order. Never more than a unit requested.
 *
 * @example
 * scaleRequests([8, 4], 9); // => [6, 3] (quotas 6 and 3)
 * scaleRequests([2, 2, 2], 4); // => [2, 1, 1] (quotas 1,33 each: the extra step to the first)
 */
export function scaleRequests(requests: readonly number[], available: number): number[] {
  const total = requests.reduce((a, b) => a + b, 0);
  if (total <= available) return [...requests];
  if (available <= 0 || total === 0) return requests.map(() => 0);
  const quotas = requests.map((q) => (available * q) / total);
  const steps = quotas.map((q) => Math.floor(q + 1e-9));
  let missing = available - steps.reduce((a, b) => a + b, 0);
  const order = requests.map((_, i) => i).filter((i) => requests[i] > 0);
  order.sort((a, b) => quotas[b] - steps[b] - (quotas[a] - steps[a]) || requests[b] - requests[a] || a - b);
  for (const i of order) {
    if (missing <= 0) break;
    if (steps[i] < requests[i]) {
      steps[i] += 1;
      missing--;
    }
  }
  return steps;
}

/**
 * The set-asides of one Sozialraum: strand 4 first, then strand 2, both in whole steps, never costing more
 * than the area amount.
 *
 * @param area name of the Sozialraum (for the warnings)
 * @param areaCents the area amount in cents
 * @param units the area's Kitas in sheet order
 * @param p cents per step, step, strand-2 VZÄ
 * @param sheet data sheet (for the warnings' cells)
 * @example
 * // 100.000 €, step 11.250 €: Kita A requests 1,5 VZÄ (6 steps), Kita B 1 VZÄ (4 steps) = 112.500 € > 100.000 €
 * // → 8 steps (90.000 €) fit; quotas 8 · 6/10 = 4,8 and 3,2 → 4 + 3, the 8th step to the larger remainder (Kita A)
 * areaSetAsides("Nord", 10000000, [
 *   { id: "Kita A", strand4: true, strand4Request: 1.5, strand2: false },
 *   { id: "Kita B", strand4: true, strand4Request: 1, strand2: false },
 * ], { centsPerStep: 1125000, step: 0.25, strand2Vzae: 0.5 }, "Kitas").strand4Steps; // => [5, 3]
 */
export function areaSetAsides(
  area: string,
  areaCents: number,
  units: readonly SetAsideUnit[],
  p: SetAsideParameters,
  sheet: string,
): AreaSetAsides {
  const issues: Issue[] = [];
  const requests = units.map((u) => {
    if (!u.strand4) return 0;
    if (u.strand4Request === null) return 1;
    const { steps, rounded } = stepsOfVzae(u.strand4Request, p.step);
    if (rounded) {
      issues.push({
        level: "warning",
        code: "strand4-request-rounded",
        sheet,
        cell: u.strand4RequestCell ?? "",
        message: messages.strand4RequestRounded(u.id, u.strand4Request, p.step, vzae(steps, p.step)),
      });
    }
    return steps;
  });
  const cost = (steps: readonly number[]): number =>
    steps.reduce((s, k) => s + costOfSteps(k, p.centsPerStep), 0);

  let strand4Steps = [...requests];
  if (cost(requests) > areaCents) {
    strand4Steps = scaleRequests(requests, stepsFor(areaCents, p.centsPerStep));
    // each unit's cost is rounded to the cent: trim the rare extra cent by a step of the largest request
    while (cost(strand4Steps) > areaCents) {
      const i = strand4Steps.indexOf(Math.max(...strand4Steps));
      strand4Steps[i] -= 1;
    }
    const requested = requests.reduce((a, b) => a + b, 0);
    const granted = strand4Steps.reduce((a, b) => a + b, 0);
    const changed = units.flatMap((u, i) =>
      requests[i] > 0
        ? [{ unit: u.id, requested: vzae(requests[i], p.step), granted: vzae(strand4Steps[i], p.step) }]
        : [],
    );
    issues.push({
      level: "warning",
      code: "strand4-scaled",
      sheet: "",
      cell: "",
      message: messages.strand4Scaled(
        area,
        vzae(requested, p.step),
        cost(requests),
        areaCents,
        vzae(granted, p.step),
        p.step,
        changed,
      ),
    });
  }

  const strand2Steps = units.map(() => 0);
  const host = units.findIndex((u) => u.strand2);
  const wanted = stepsOfVzae(p.strand2Vzae, p.step).steps;
  if (host >= 0 && wanted > 0) {
    const left = areaCents - cost(strand4Steps);
    const fits = Math.min(wanted, stepsFor(left, p.centsPerStep));
    strand2Steps[host] = fits;
    if (fits < wanted) {
      issues.push({
        level: "warning",
        code: "strand2-short",
        sheet: "",
        cell: "",
        message: messages.strand2Short(
          area,
          units[host].id,
          vzae(wanted, p.step),
          Math.max(0, left),
          vzae(fits, p.step),
        ),
      });
    }
  }
  return {
    strand4Steps,
    strand2Steps,
    cents: cost(strand4Steps) + cost(strand2Steps),
    issues,
  };
}

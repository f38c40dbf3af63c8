/**
 * Unspent areas (SPEC.md §5, Schritt 2 step 3): a Sozialraum in which no Kita is eligible and none has a
 * set-aside cannot use its amount. By default it keeps the amount as "nicht verplant" with a warning
 * (`area-unspent`); with `rules.unspent: "redistribute"` the Jugendamt hands it to the eligible Kitas of
 * the other areas by their Schritt-1 shares ("behält sich das Jugendamt vor, diese Mittel … in anderen
 * Sozialräumen zu verteilen"), cent-exact by largest remainder (warning `area-unspent-redistributed`).
 *
 * Worked example: Nord (share 20 %, 20.000 €) has no eligible Kita; Süd (50 %) and Ost (30 %) have. With
 * "redistribute" Süd receives 20.000 · 50/80 = 12.500 € and Ost 7.500 € on top of their own amounts.
 */
import { apportionCents } from "./apportionCents";
import type { Issue } from "./issues";
import { messages } from "./messages";

/** What to do with the amount of an area that cannot use it. */
export type UnspentRule = "keep" | "redistribute";

/** Default: keep the amount as nicht verplant, with a warning. */
export const DEFAULT_UNSPENT: UnspentRule = "keep";

/** One Sozialraum as the redistribution sees it. */
export interface UnspentArea {
  name: string;
  /** Amount from Schritt 1, cents. */
  cents: number;
  /** Share from Schritt 1 (0–1). */
  share: number;
  /** No eligible Kita and no set-aside: the area cannot use its amount. */
  unspent: boolean;
  /** The area has Kitas that can take money by index (strand 1 or 3), so it can receive. */
  canReceive: boolean;
}

/** Result of {@link redistributeUnspent}. */
export interface Redistribution {
  /** Cents each area receives from unspent areas (input order). */
  receivedCents: number[];
  /** Cents each area hands on (its whole amount, or 0). */
  givenCents: number[];
  issues: Issue[];
}

/**
 * Decides what happens to unspent areas' amounts.
 *
 * @example
 * redistributeUnspent([
 *   { name: "Nord", cents: 2000000, share: 0.2, unspent: true, canReceive: false },
 *   { name: "Süd", cents: 5000000, share: 0.5, unspent: false, canReceive: true },
 *   { name: "Ost", cents: 3000000, share: 0.3, unspent: false, canReceive: true },
 * ], "redistribute").receivedCents; // => [0, 1250000, 750000]
 */
export function redistributeUnspent(areas: readonly UnspentArea[], rule: UnspentRule): Redistribution {
  const receivedCents = areas.map(() => 0);
  const givenCents = areas.map(() => 0);
  const issues: Issue[] = [];
  const unspent = areas.map((a, i) => i).filter((i) => areas[i].unspent && areas[i].cents > 0);
  const receivers = areas.map((a, i) => i).filter((i) => !areas[i].unspent && areas[i].canReceive);
  const keep = (i: number, why: string): void => {
    issues.push({
      level: "warning",
      code: "area-unspent",
      sheet: "",
      cell: "",
      message: messages.areaUnspent(areas[i].name, areas[i].cents, why),
    });
  };
  if (rule !== "redistribute") {
    for (const i of unspent) keep(i, messages.areaUnspentKept());
    return { receivedCents, givenCents, issues };
  }
  if (receivers.length === 0) {
    for (const i of unspent) keep(i, messages.areaUnspentNoReceiver());
    return { receivedCents, givenCents, issues };
  }
  const pool = unspent.reduce((s, i) => s + areas[i].cents, 0);
  if (pool === 0) return { receivedCents, givenCents, issues };
  const shares = receivers.map((i) => areas[i].share);
  const weights = shares.some((s) => s > 0) ? shares : receivers.map(() => 1);
  const split = apportionCents(pool / 100, weights);
  receivers.forEach((i, k) => (receivedCents[i] = split.cents[k]));
  for (const i of unspent) givenCents[i] = areas[i].cents;
  issues.push({
    level: "warning",
    code: "area-unspent-redistributed",
    sheet: "",
    cell: "",
    message: messages.areaUnspentRedistributed(
      unspent.map((i) => areas[i].name),
      pool,
      receivers.map((i, k) => ({ area: areas[i].name, cents: split.cents[k] })),
    ),
  });
  return { receivedCents, givenCents, issues };
}

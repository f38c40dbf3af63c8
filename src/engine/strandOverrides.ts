/**
 * Angepasste VZÄ je Strang (SPEC §5 point 5): the Sozialraum-Team overwrites the proposed VZÄ of a Kita in
 * the columns „VZÄ Strang 1–4 (angepasst)“ of the Einrichtungen sheet. On the next run SRB reads them back
 * (`readStrandOverrides`), checks them, and the plan that counts (`overriddenPlan`) takes their sum instead of
 * the proposal — per Kita, per Sozialraum (nicht verplant = available − Σ Landesanteil) and per Träger.
 *
 * Rules: an empty cell means "the proposal counts". A value counts when it is a number ≥ 0 and a whole
 * multiple of the VZÄ step; otherwise a warning names the cell and the value is not taken. When at least one
 * strand of a Kita has a value that counts, the Kita's VZÄ are the sum of its values (as the sheet's formula
 * „VZÄ (gilt)“ does). Money follows the sheet's formulas: Personalvolumen = ROUND(VZÄ · cost; 2), Landesanteil
 * = ROUND(VZÄ · cost · landShare; 2), kommunaler Anteil = Personalvolumen − Landesanteil (shares adding up to
 * 1) or ROUND(VZÄ · cost · municipalShare; 2).
 *
 * Worked example: cost 72.000 €, Land 0,6, step 0,25. Sozialraum Nord has 50.000 €; Kita A is proposed
 * 1 VZÄ (43.200 €), 6.800 € are nicht verplant. The team types Strang 1 = 0,5 and Strang 3 = 0,25 for Kita A:
 * it counts 0,75 VZÄ, 54.000 € Personalvolumen, 32.400 € Landesanteil, 21.600 € kommunal; Nord's
 * nicht verplant becomes 50.000 − 32.400 = 17.600 €. Typing 1,5 instead (64.800 €) would overspend Nord by
 * 14.800 € — a warning says so.
 */
import type { Allocation, UnitResult } from "./allocation";
import type { Issue } from "./issues";
import { messages } from "./messages";
import { a1, type CellValue, type RawTable } from "./table";

/** The headers of the four override columns, strand 1 to 4 (the sheet writes and reads these). */
export const OVERRIDE_HEADERS = [
  "VZÄ Strang 1 (angepasst)",
  "VZÄ Strang 2 (angepasst)",
  "VZÄ Strang 3 (angepasst)",
  "VZÄ Strang 4 (angepasst)",
] as const;

/** Per Kita (its name, `UnitResult.id`): VZÄ per strand 1–4, null where nothing counts. */
export type StrandOverrides = ReadonlyMap<string, readonly (number | null)[]>;

/** Result of {@link readStrandOverrides}. */
export interface StrandOverridesRead {
  overrides: Map<string, (number | null)[]>;
  /** Warnings `override-vzae-invalid` and `override-unknown-unit`, each with its cell. */
  issues: Issue[];
}

function warning(
  code: "override-vzae-invalid" | "override-unknown-unit",
  sheet: string,
  cell: string,
  message: string,
): Issue {
  return { level: "warning", code, sheet, cell, message };
}

/** Whole multiple of `step` (within rounding of the file's decimals). */
function isWholeStep(value: number, step: number): boolean {
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** A typed value as a number: numbers as they are, text like „0,5“ or „0.5“; null when it is none. */
function asNumber(value: CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(value))
    return Number(value.trim().replace(",", "."));
  return null;
}

/**
 * Reads the override columns of an earlier Einrichtungen sheet (header row as SRB wrote it). Kitas are found
 * by the first column, „Einrichtung“ (name) or „Einrichtung (Code)“ (publication code); reading stops at the
 * first row without a name, or at SRB's total row „Summe“ (when no Kita has that name).
 *
 * @param table the sheet as read (header row 1)
 * @param units the Kitas of this run (their names and codes)
 * @param step the VZÄ step of this run
 * @example
 * const t = { sheet: "Einrichtungen", headers: ["Einrichtung", "VZÄ Strang 1 (angepasst)"], rows: [["Kita A", 0.5], ["Summe", 0.5]] };
 * readStrandOverrides(t, allocation.units, 0.25).overrides.get("Kita A"); // => [0.5, null, null, null] (Kita A in the data)
 */
export function readStrandOverrides(
  table: RawTable,
  units: readonly Pick<UnitResult, "id" | "code">[],
  step: number,
): StrandOverridesRead {
  const overrides = new Map<string, (number | null)[]>();
  const issues: Issue[] = [];
  const first = typeof table.headers[0] === "string" ? table.headers[0].trim() : "";
  const byCode = first === "Einrichtung (Code)";
  if (first !== "Einrichtung" && !byCode) return { overrides, issues };
  const columns = OVERRIDE_HEADERS.map((h) =>
    table.headers.findIndex((x) => typeof x === "string" && x.trim() === h),
  );
  if (columns.every((c) => c < 0)) return { overrides, issues };
  const idOf = new Map(units.map((u) => [byCode ? u.code : u.id, u.id]));
  const headerRow = table.headerRow ?? 1;
  const firstColumn = table.firstColumn ?? 1;
  const cell = (r: number, c: number) => a1(headerRow + 1 + r, firstColumn + c);

  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    const raw = row[0];
    const name = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
    if (name === "" || (name === "Summe" && !idOf.has(name))) break;
    const values = columns.map((c) => (c < 0 ? null : (row[c] ?? null)));
    const typed = values.some((v) => v !== null && !(typeof v === "string" && v.trim() === ""));
    const id = idOf.get(name);
    if (id === undefined) {
      if (typed)
        issues.push(
          warning(
            "override-unknown-unit",
            table.sheet,
            cell(r, 0),
            messages.overrideUnknownUnit(table.sheet, headerRow + 1 + r, name),
          ),
        );
      continue;
    }
    const read: (number | null)[] = values.map((v, s) => {
      if (v === null || (typeof v === "string" && v.trim() === "")) return null;
      const at = cell(r, columns[s]);
      const n = asNumber(v);
      let problem: string | null = null;
      if (n === null) problem = messages.overrideVzaeNotANumber(v, step);
      else if (n < 0) problem = messages.overrideVzaeNegative(n);
      else if (!isWholeStep(n, step)) problem = messages.overrideVzaeNotAStep(n, step);
      if (problem === null) return n;
      issues.push(
        warning(
          "override-vzae-invalid",
          table.sheet,
          at,
          messages.overrideVzaeInvalid(table.sheet, at, OVERRIDE_HEADERS[s], name, problem),
        ),
      );
      return null;
    });
    if (read.some((x) => x !== null)) overrides.set(id, read);
  }
  return { overrides, issues };
}

/** Excel's ROUND(x; 2): half away from zero, on the cent. */
function roundCents(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7)) / 100;
}

/** What counts for one Kita. */
export interface CountingUnit {
  /** Overrides per strand 1–4 (null: none). */
  overrides: (number | null)[];
  overridden: boolean;
  vzae: number;
  personnelVolume: number;
  /** Landesanteil (from the budget). */
  amount: number;
  municipal: number;
}

/** What counts for one Sozialraum. */
export interface CountingArea {
  name: string;
  /** Amount + received − given (what the area plans with). */
  available: number;
  vzae: number;
  amount: number;
  municipal: number;
  personnelVolume: number;
  /** available − Σ Landesanteil; negative when the overrides spend more than the area has. */
  unplanned: number;
}

/** Result of {@link overriddenPlan}: per Kita (in the allocation's order) and per Sozialraum. */
export interface CountingPlan {
  units: CountingUnit[];
  areas: CountingArea[];
  /** Warning `override-overspent` per Sozialraum whose overrides cost more than it has. */
  issues: Issue[];
}

const cents = (x: number) => Math.round(x * 100);

/**
 * The Stellenplan that counts: the proposal where nothing is overridden, else the Kita's overrides (see the
 * module comment). Without overrides it equals the engine's plan exactly.
 *
 * @example
 * const plan = overriddenPlan(allocation, new Map([["Kita A", [0.5, null, 0.25, null]]]));
 * plan.units[0].vzae; // => 0.75
 */
export function overriddenPlan(
  allocation: Allocation,
  overrides: StrandOverrides,
  sheet = "Einrichtungen",
): CountingPlan {
  const m = allocation.model;
  const k = m.budget.kofinanzierung;
  const cost = m.budget.costPerVzae ?? 0;
  const sharesAddUp = Math.abs(k.landShare + k.municipalShare - 1) < 1e-9;
  const units: CountingUnit[] = allocation.units.map((u) => {
    const p = u.plan;
    const given = overrides.get(u.id) ?? [];
    const o = [0, 1, 2, 3].map((i) => given[i] ?? null);
    const set = o.filter((x): x is number => x !== null);
    if (set.length === 0)
      return {
        overrides: o,
        overridden: false,
        vzae: p?.vzae ?? 0,
        personnelVolume: p?.personnelVolume ?? 0,
        amount: p?.amount ?? 0,
        municipal: p?.municipal ?? 0,
      };
    const vzae = set.reduce((s, x) => s + x, 0);
    const personnelVolume = roundCents(vzae * cost);
    const amount = roundCents(vzae * cost * k.landShare);
    const municipal = sharesAddUp
      ? (cents(personnelVolume) - cents(amount)) / 100
      : roundCents(vzae * cost * k.municipalShare);
    return { overrides: o, overridden: true, vzae, personnelVolume, amount, municipal };
  });
  const issues: Issue[] = [];
  // the units of each area in one pass (filtering all units once per area is quadratic at a Land's scale)
  const byArea = new Map<string, CountingUnit[]>(allocation.areas.map((a) => [a.name, []]));
  units.forEach((u, i) => byArea.get(allocation.units[i].area)?.push(u));
  const areas: CountingArea[] = allocation.areas.map((a) => {
    const mine = byArea.get(a.name) ?? [];
    const sum = (f: (x: CountingUnit) => number) => mine.reduce((s, x) => s + cents(f(x)), 0) / 100;
    const available = (cents(a.amount) + cents(a.plan?.received ?? 0) - cents(a.plan?.given ?? 0)) / 100;
    const amount = sum((x) => x.amount);
    const unplanned = mine.some((x) => x.overridden)
      ? (cents(available) - cents(amount)) / 100
      : (a.unplanned ?? (cents(available) - cents(amount)) / 100);
    if (unplanned < 0)
      issues.push({
        level: "warning",
        code: "override-overspent",
        sheet,
        cell: "",
        message: messages.overrideOverspent(a.name, amount, -unplanned, available),
      });
    return {
      name: a.name,
      available,
      vzae: mine.reduce((s, x) => s + x.vzae, 0),
      amount,
      municipal: sum((x) => x.municipal),
      personnelVolume: sum((x) => x.personnelVolume),
      unplanned,
    };
  });
  return { units, areas, issues };
}

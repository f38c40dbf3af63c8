/**
 * The Bremen rule set (SozPäd programme, SPEC.md §6) as a rule table: which Kita gets how many VZÄ for a
 * Sozialpädagog:in and how much Sachkostenpauschale.
 *
 * Defaults (`DEFAULT_BREMEN_RULES`): Kita-Index > 50 and 40–120 Kinder → 0,5 VZÄ; Kita-Index > 50 and
 * more than 120 Kinder → 1,0 VZÄ; below 40 Kinder nothing, unless the Kita is in a Verbund whose pooled
 * Kinder reach a row of the table (the Verbund gets the position). Sachkosten 2.500 € a year per funded
 * unit, 5.000 € in the first year.
 *
 * Decisions where the programme text is silent (see docs/method-decisions.md):
 * - A Kita that qualifies on its own is funded on its own; the Verbund pools only members that do not
 *   qualify on their own ("below 40 Kinder nothing, unless …").
 * - The index test applies to each member: only members whose own Kita-Index passes a row's test count
 *   their Kinder towards that row (the programme funds "Einrichtungen in Quartieren mit Kita-Index über
 *   50"; a children-weighted mean would let a Kita in a low-need quarter be funded through its neighbour).
 * - The position goes to the counting member with the most Kinder, then the first in sheet order; the
 *   Verbund is one funded unit, so it gets one Sachkostenpauschale, booked with that member; the
 *   first-year amount applies when any counting member is flagged as newly funded.
 * - If several rows match, the one with the most VZÄ wins (first in table order on equal VZÄ).
 *
 * Worked example: Kita A (25 Kinder, Index 60) and Kita B (30 Kinder, Index 60) in Verbund „Nord“:
 * neither reaches 40 alone; together 55 Kinder, both indices > 50 → row 40–120 → 0,5 VZÄ at Kita B (more
 * Kinder), Sachkosten 2.500 € at Kita B, Kita A 0 VZÄ with a reason naming Kita B.
 */
import type { BremenUnitResult } from "./allocation";
import { SrbUsageError, type Issue } from "./issues";
import type { BremenRuleRow, BremenRules } from "./model";
import { formatEuro, formatNumber } from "./germanFormat";
import { messages } from "./messages";

/** One Einrichtung as the Bremen rules see it. */
export interface BremenUnitInput {
  id: string;
  /** Kinder (children enrolled); null = unknown. */
  children: number | null;
  /** Verbund name (null or blank: not in a Verbund). */
  verbund: string | null;
  /** Newly funded this year (first-year Sachkosten). */
  firstYear: boolean;
  /** Kita-Index (external column, else SRB's Gesamtindex); null = none. */
  kitaIndex: number | null;
}

/** Kita-Index and Kinder in the reasons: up to two decimals; VZÄ: one or two. */
const indexText = (value: number): string => formatNumber(value, { max: 2 });
const countText = indexText;
const vzaeText = (value: number): string => formatNumber(value, { min: 1, max: 2 });

function ruleProblems(rules: BremenRules): string[] {
  const out: string[] = [];
  if (!Array.isArray(rules.rows) || rules.rows.length === 0) {
    out.push(messages.bremenNoRows());
  } else {
    rules.rows.forEach((r, i) => {
      const row = i + 1;
      if (!Number.isFinite(r.indexAbove)) out.push(messages.bremenIndexAboveInvalid(row, r.indexAbove));
      if (!(Number.isFinite(r.childrenMin) && r.childrenMin >= 0)) {
        out.push(messages.bremenChildrenMinInvalid(row, r.childrenMin));
      }
      if (r.childrenMax !== null && !(Number.isFinite(r.childrenMax) && r.childrenMax >= r.childrenMin)) {
        out.push(messages.bremenChildrenMaxInvalid(row, r.childrenMax, r.childrenMin));
      }
      if (!(Number.isFinite(r.vzae) && r.vzae >= 0)) out.push(messages.bremenVzaeInvalid(row, r.vzae));
    });
  }
  if (!(Number.isFinite(rules.sachkosten) && rules.sachkosten >= 0)) {
    out.push(messages.bremenSachkostenInvalid("Sachkostenpauschale", rules.sachkosten));
  }
  if (!(Number.isFinite(rules.sachkostenFirstYear) && rules.sachkostenFirstYear >= 0)) {
    out.push(
      messages.bremenSachkostenInvalid("Sachkostenpauschale im ersten Jahr", rules.sachkostenFirstYear),
    );
  }
  if (!(Number.isInteger(rules.indexPeriodYears) && rules.indexPeriodYears > 0)) {
    out.push(messages.bremenIndexPeriodInvalid(rules.indexPeriodYears));
  }
  return out;
}

/**
 * Checks a Bremen rule table; every problem is an `error` issue (code `bremen-rules-invalid`). An empty
 * list means {@link bremenAllocation} will not throw.
 *
 * @example
 * bremenRulesIssues(DEFAULT_BREMEN_RULES); // => []
 * bremenRulesIssues({ ...DEFAULT_BREMEN_RULES, rows: [] })[0].message;
 * // => "Bremer Regeltabelle: die Regeltabelle hat keine Zeile; erwartet wird mindestens eine."
 */
export function bremenRulesIssues(rules: BremenRules): Issue[] {
  return ruleProblems(rules).map((p) => ({
    level: "error" as const,
    code: "bremen-rules-invalid",
    sheet: "",
    cell: "",
    message: messages.parameterProblem("Bremer Regeltabelle", p),
  }));
}

function rangeText(row: BremenRuleRow): string {
  return row.childrenMax === null
    ? `ab ${countText(row.childrenMin)} Kinder`
    : `${countText(row.childrenMin)}–${countText(row.childrenMax)} Kinder`;
}

function childrenFit(row: BremenRuleRow, children: number): boolean {
  return children >= row.childrenMin && (row.childrenMax === null || children <= row.childrenMax);
}

/** The row with the most VZÄ among those matching (first on equal VZÄ), or null. */
function bestRow(
  rows: readonly BremenRuleRow[],
  matches: (row: BremenRuleRow) => boolean,
): BremenRuleRow | null {
  let best: BremenRuleRow | null = null;
  for (const row of rows) if (matches(row) && (best === null || row.vzae > best.vzae)) best = row;
  return best;
}

function validNumber(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

function validChildren(x: number | null): number | null {
  return x !== null && Number.isFinite(x) && x >= 0 ? x : null;
}

/** Verbund key: trimmed, inner blanks collapsed, case-insensitive (German locale). */
function verbundKey(name: string | null): string | null {
  if (name === null) return null;
  const key = name.trim().replace(/\s+/g, " ").toLocaleLowerCase("de-DE");
  return key === "" ? null : key;
}

function sachkostenFor(rules: BremenRules, firstYear: boolean): number {
  return firstYear ? rules.sachkostenFirstYear : rules.sachkosten;
}

function sachkostenText(amount: number, firstYear: boolean): string {
  return `Sachkosten ${formatEuro(amount)}${firstYear ? " (erstes Jahr)" : ""}`;
}

/**
 * Applies the Bremen rule table to the units (results in the same order).
 *
 * Per unit: the rows whose test `Kita-Index > indexAbove` and `childrenMin ≤ Kinder ≤ childrenMax` holds;
 * the one with the most VZÄ gives the position and the Sachkostenpauschale (first-year amount when
 * flagged). Units that do not qualify alone but belong to a Verbund are pooled per Verbund (see the file
 * comment for the rules); the position goes to one member. Every result carries a German reason.
 * Missing or invalid values (index, Kinder) never throw: the unit is not funded and the reason says why.
 *
 * @throws {SrbUsageError} if the rule table is invalid (check with {@link bremenRulesIssues}).
 * @example
 * bremenAllocation([
 *   { id: "Kita A", children: 25, verbund: "Nord", firstYear: false, kitaIndex: 60 },
 *   { id: "Kita B", children: 30, verbund: "Nord", firstYear: false, kitaIndex: 60 },
 *   { id: "Kita C", children: 85, verbund: null, firstYear: true, kitaIndex: 62.3 },
 * ], DEFAULT_BREMEN_RULES).map((r) => [r.vzae, r.sachkosten]);
 * // => [[0, 0], [0.5, 2500], [0.5, 5000]]
 */
export function bremenAllocation(units: readonly BremenUnitInput[], rules: BremenRules): BremenUnitResult[] {
  const problems = ruleProblems(rules);
  if (problems.length > 0) throw new SrbUsageError(`bremenAllocation: ${problems.join("; ")}`);
  const rows = rules.rows;
  const lowestIndex = Math.min(...rows.map((r) => r.indexAbove));

  const results: BremenUnitResult[] = units.map((u) => ({
    kitaIndex: validNumber(u.kitaIndex),
    vzae: 0,
    sachkosten: 0,
    reason: "",
  }));
  /** Units that do not qualify alone but have index and Kinder: Verbund candidates, by Verbund key. */
  const pools = new Map<string, { name: string; members: number[] }>();

  units.forEach((u, i) => {
    const index = validNumber(u.kitaIndex);
    const children = validChildren(u.children);
    const result = results[i];
    const key = verbundKey(u.verbund);
    const verbundNote = key === null ? "" : `; zählt nicht für den Verbund „${u.verbund?.trim()}“`;
    if (index === null) {
      result.reason = `Kein Kita-Index${u.kitaIndex === null ? "" : ` (Wert ${String(u.kitaIndex)})`} → keine Förderung`;
      return;
    }
    if (children === null) {
      result.reason = `Kinderzahl fehlt oder ist ungültig${u.children === null ? "" : ` (${String(u.children)})`} → keine Förderung`;
      return;
    }
    if (index <= lowestIndex) {
      result.reason = `Kita-Index ${indexText(index)} nicht über ${indexText(lowestIndex)} → keine Förderung${verbundNote}`;
      return;
    }
    const row = bestRow(rows, (r) => index > r.indexAbove && childrenFit(r, children));
    if (row !== null) {
      result.vzae = row.vzae;
      result.sachkosten = sachkostenFor(rules, u.firstYear);
      result.reason =
        `Kita-Index ${indexText(index)} > ${indexText(row.indexAbove)} und ` +
        `${countText(children)} Kinder (${rangeText(row)}) → ${vzaeText(row.vzae)} VZÄ; ` +
        `${sachkostenText(result.sachkosten, u.firstYear)}` +
        (key === null ? "" : `; allein gefördert, zählt nicht für den Verbund „${u.verbund?.trim()}“`);
      return;
    }
    const passing = rows.filter((r) => index > r.indexAbove);
    const minimum = Math.min(...passing.map((r) => r.childrenMin));
    const why =
      children < minimum
        ? `Kita-Index ${indexText(index)} > ${indexText(lowestIndex)}, aber nur ` +
          `${countText(children)} Kinder (mindestens ${countText(minimum)})`
        : `Kita-Index ${indexText(index)} und ${countText(children)} Kinder: keine Zeile der Regeltabelle trifft zu`;
    if (key === null) {
      result.reason = `${why}, kein Verbund → keine Förderung`;
      return;
    }
    result.reason = why; // completed below with the Verbund's outcome
    const pool = pools.get(key) ?? { name: (u.verbund ?? "").trim(), members: [] };
    pool.members.push(i);
    pools.set(key, pool);
  });

  for (const pool of pools.values()) {
    // per row: the members whose own index passes the row's test count their Kinder
    let best: { row: BremenRuleRow; counting: number[]; total: number } | null = null;
    for (const row of rows) {
      const counting = pool.members.filter((i) => (results[i].kitaIndex as number) > row.indexAbove);
      const total = counting.reduce((s, i) => s + (units[i].children as number), 0);
      if (counting.length > 0 && childrenFit(row, total) && (best === null || row.vzae > best.row.vzae)) {
        best = { row, counting, total };
      }
    }
    if (best === null) {
      const total = pool.members.reduce((s, i) => s + (units[i].children as number), 0);
      const minimum = Math.min(...rows.map((r) => r.childrenMin));
      for (const i of pool.members) {
        results[i].reason +=
          `; Verbund „${pool.name}“ zusammen ${countText(total)} Kinder ` +
          `(mindestens ${countText(minimum)}) → keine Förderung`;
      }
      continue;
    }
    const { row, counting, total } = best;
    let carrier = counting[0];
    for (const i of counting)
      if ((units[i].children as number) > (units[carrier].children as number)) carrier = i;
    const firstYear = counting.some((i) => units[i].firstYear);
    const members = counting
      .map((i) => `${units[i].id} ${countText(units[i].children as number)}`)
      .join(", ");
    const summary =
      `Verbund „${pool.name}“: zusammen ${countText(total)} Kinder (${members}) mit Kita-Index > ` +
      `${indexText(row.indexAbove)} (${rangeText(row)}) → ${vzaeText(row.vzae)} VZÄ`;
    for (const i of pool.members) {
      const r = results[i];
      if (i === carrier) {
        r.vzae = row.vzae;
        r.sachkosten = sachkostenFor(rules, firstYear);
        r.reason = `${summary}, Stelle bei dieser Einrichtung (meiste Kinder); ${sachkostenText(r.sachkosten, firstYear)}`;
      } else if (counting.includes(i)) {
        r.reason = `${summary}; Stelle und Sachkosten bei „${units[carrier].id}“`;
      } else {
        r.reason += `; zählt nicht für den Verbund „${pool.name}“ (Kita-Index nicht über ${indexText(row.indexAbove)})`;
      }
    }
  }
  return results;
}

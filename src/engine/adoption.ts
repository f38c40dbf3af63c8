/**
 * The adopted allocation (Beschluss, SPEC.md §5a): what the Jugendhilfeausschuss decided, kept in the
 * workbook as the reference for carrying the budget forward and for comparing the next computation.
 *
 * An adoption is a snapshot of an allocation — date, model, budget, the input checksum, the Sozialräume with
 * their shares and amounts, the Einrichtungen with Gesamtindex, band, eligibility per strand, proposed amount
 * and (once the Stellenplan exists) their staff plan — plus the **goalposts** of the adopted year: the min and
 * max per indicator the standard scores were computed with, the default reference when the next year uses
 * fixed goalposts. It is plain JSON: `JSON.stringify` writes it, `readAdoption` reads it back tolerantly
 * (a hand-edited store never crashes SRB; it says what is wrong, in German).
 *
 * Several adoptions are kept as history; the latest (by date, then by position) is the reference.
 */
import { unitScoreList } from "./unitScores";
import { unitCategoryIndices } from "./categoryIndices";
import type { Allocation, Band, EffectiveWeight, Eligibility, NormBand } from "./allocation";
import type { Dataset } from "./dataset";
import { checkedColumns } from "./checkedColumns";
import type { ResolvedModel } from "./model";
import { resolveModel } from "./resolveModel";
import { winsorise } from "./winsorise";
import { messages } from "./messages";

/** Format version of the adoption record. */
export const ADOPTION_VERSION = 1;

/** A unit's staff plan as SPEC §8 names it (`units[].plan`). Optional until the Stellenplan is computed. */
export interface AdoptedPlan {
  amount: number;
  municipal: number;
  vzae: number;
  strands: string[];
  /** VZÄ set aside for strand 4 and strand 2 at adoption (a carried-forward Stellenplan keeps them). */
  strand4Vzae?: number;
  strand2Vzae?: number;
}

export interface AdoptedUnit {
  id: string;
  area: string;
  children: number | null;
  categories: Record<string, number | null>;
  index: number | null;
  band: Band | null;
  eligible: Eligibility;
  /** Proposed amount within the Sozialraum at adoption (euros, cent-exact). */
  amount: number;
  /** Staff plan at adoption, when the allocation had one. */
  plan?: AdoptedPlan;
  /**
   * Adopted from a run carried forward without a Stellenplan: the part of `amount` that carried the set-asides
   * of strands 2 and 4 (`UnitResult.carriedSetAside`), so that the next Fortschreibung keeps the breakdown.
   */
  setAside?: number;
  /** Bremen rule set: VZÄ and Sachkosten at adoption (a unit with VZÄ > 0 was funded), the Kita-Index used. */
  bremen?: { vzae: number; sachkosten: number; kitaIndex?: number | null };
  /** Träger at adoption (when the model names the column). */
  traeger?: string | null;
  /** Sheet row, publication code, standard scores and category bands at adoption (for the sheets). */
  row?: number;
  code?: string;
  scores?: (number | null)[];
  categoryBands?: Record<string, Band | null>;
}

export interface AdoptedArea {
  name: string;
  index: number;
  band: Band | null;
  /** Share of the budget (0–1) — what a carried-forward budget is distributed by. */
  share: number;
  amount: number;
  units: number;
  children: number | null;
}

/** Min and max of an indicator in the adopted year (the goalposts its scores were computed with). */
export interface Goalposts {
  min: number;
  max: number;
}

export interface Adoption {
  version: number;
  /** Date of the decision, ISO `YYYY-MM-DD`. */
  date: string;
  /** The adopted budget (euros). */
  budget: number;
  /** The model the allocation was computed with (resolved: every default filled in, see resolveModel). */
  model: ResolvedModel;
  /** SHA-256 of the input values (the Methode sheet's checksum). */
  checksum: string;
  /** The checked input range, e.g. "Kitas!A1:T33". */
  inputRange?: string;
  /** Goalposts per indicator column (see `indicatorRanges`). */
  goalposts: Record<string, Goalposts>;
  norm: { index: NormBand; categories: Record<string, NormBand>; areaIndex: NormBand };
  effectiveWeights: EffectiveWeight[];
  areas: AdoptedArea[];
  units: AdoptedUnit[];
  /**
   * Set only for a basis that is not a stored Beschluss (an earlier results.json or an earlier workbook's own
   * computation given with `--compare`): how the sheets name it, with its article, e.g.
   * "der Ergebnisdatei „ergebnis-2026.json“". Never stored; `date` is then meaningless.
   */
  source?: string;
}

/**
 * How the sheets name the basis of a run, in the dative: a stored Beschluss by its date, else its source.
 *
 * @example basisName(adoption); // => "dem Beschluss vom 15.03.2027"
 * @example basisName({ ...adoption, source: "der Ergebnisdatei „alt.json“" }); // => "der Ergebnisdatei „alt.json“"
 */
export function basisName(adoption: Pick<Adoption, "date" | "source">): string {
  return adoption.source ?? `dem Beschluss vom ${germanDate(adoption.date)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A typed German date (`TT.MM.JJJJ`, also `T.M.JJJJ`) as ISO `YYYY-MM-DD`; null when it is no real date.
 * Part of `isoOfTypedDate`, which the Beschluss dialog and the command line's `--adopt-date` read dates with.
 *
 * @example isoOfGermanDate("15.3.2027"); // => "2027-03-15"
 * @example isoOfGermanDate("30.02.2027"); // => null
 */
export function isoOfGermanDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * A date as a user types it — German (`TT.MM.JJJJ`, `T.M.JJJJ`) or ISO (`YYYY-MM-DD`) — as ISO; null when it is
 * no real date. The Beschluss dialog and `srb allocate --adopt-date` take the same forms.
 *
 * @example isoOfTypedDate("15.03.2027"); // => "2027-03-15"
 * @example isoOfTypedDate(" 2027-03-15 "); // => "2027-03-15"
 * @example isoOfTypedDate("03/15/2027"); // => null
 */
export function isoOfTypedDate(text: string): string | null {
  const t = text.trim();
  return isIsoDate(t) ? t : isoOfGermanDate(t);
}

/**
 * Is `text` a real calendar date in the form `YYYY-MM-DD`?
 *
 * @example isIsoDate('2027-03-15'); // => true
 * @example isIsoDate('2027-02-30'); // => false
 */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The goalposts of a computation: per indicator column the min and max its min–max scores were computed
 * with — the model's fixed goalposts where they were on and valid, else the min and max of the data
 * (after winsorisation when the model winsorises). An indicator without any value has none.
 *
 * @example
 * // a = [2, 4, 6] without fixed goalposts
 * indicatorRanges(model, dataset); // => { a: { min: 2, max: 6 } }
 */
export function indicatorRanges(
  model: {
    indicators: readonly { column: string; goalposts?: Goalposts | null }[];
    options: { goalposts?: boolean; winsorise?: boolean };
  },
  dataset: Dataset,
): Record<string, Goalposts> {
  const ranges: Record<string, Goalposts> = {};
  // the check's columns (doubles, NaN for a blank) when the dataset still has them: no list per indicator
  const typed = model.options.winsorise ? null : checkedColumns(dataset, dataset.units);
  dataset.indicators.forEach((indicator, i) => {
    const fixed =
      indicator.goalposts ?? model.indicators.find((x) => x.column === indicator.column)?.goalposts;
    if (model.options.goalposts && fixed && validGoalposts(fixed)) {
      ranges[indicator.column] = { min: fixed.min, max: fixed.max };
      return;
    }
    if (typed !== null) {
      const range = finiteRange(typed[i]);
      if (range !== null) ranges[indicator.column] = range;
      return;
    }
    const raw = dataset.units.map((u) => u.values[i] ?? null);
    const values = (model.options.winsorise ? winsorise(raw).values : raw).filter(
      (v): v is number => v !== null && Number.isFinite(v),
    );
    if (values.length === 0) return;
    ranges[indicator.column] = {
      min: values.reduce((a, b) => Math.min(a, b)),
      max: values.reduce((a, b) => Math.max(a, b)),
    };
  });
  return ranges;
}

/**
 * The min and max of the finite values of a column (Math.min/Math.max in order, as the reduce over the
 * values does), null when there is none.
 *
 * @example finiteRange(Float64Array.of(4, NaN, 2, 6)); // => { min: 2, max: 6 }
 */
function finiteRange(column: Float64Array): Goalposts | null {
  let min = NaN;
  let max = NaN;
  let any = false;
  for (let e = 0; e < column.length; e++) {
    const v = column[e];
    if (!Number.isFinite(v)) continue;
    if (!any) {
      min = v;
      max = v;
      any = true;
    } else {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return any ? { min, max } : null;
}

/** Finite min and max with min < max. */
export function validGoalposts(g: { min: unknown; max: unknown } | undefined | null): g is Goalposts {
  return (
    !!g &&
    typeof g.min === "number" &&
    typeof g.max === "number" &&
    Number.isFinite(g.min) &&
    Number.isFinite(g.max) &&
    g.max > g.min
  );
}

/**
 * The adoption record of an allocation.
 *
 * @param allocation the allocation being adopted
 * @param meta date of the decision (`YYYY-MM-DD`), the input checksum and the goalposts (`indicatorRanges`)
 * @example
 * const adoption = adoptionOf(allocation, { date: '2027-03-15', checksum, goalposts: indicatorRanges(model, dataset) });
 * adoption.areas.map((a) => a.share); // => the allocation's shares
 */
export function adoptionOf(
  allocation: Allocation,
  meta: { date: string; checksum: string; goalposts: Record<string, Goalposts> },
): Adoption {
  return {
    version: ADOPTION_VERSION,
    date: meta.date,
    budget: allocation.budget,
    model: allocation.model,
    checksum: meta.checksum,
    ...(allocation.inputRange !== undefined ? { inputRange: allocation.inputRange } : {}),
    goalposts: Object.fromEntries(Object.entries(meta.goalposts).map(([k, g]) => [k, { ...g }])),
    norm: {
      index: { ...allocation.norm.index },
      categories: Object.fromEntries(
        Object.entries(allocation.norm.categories).map(([k, v]) => [k, { ...v }]),
      ),
      areaIndex: { ...allocation.norm.areaIndex },
    },
    effectiveWeights: allocation.effectiveWeights.map((w) => ({ ...w })),
    areas: allocation.areas.map((a) => ({
      name: a.name,
      index: a.index,
      band: a.band,
      share: a.share,
      amount: a.amount,
      units: a.units,
      children: a.children,
    })),
    units: allocation.units.map((u, e) => {
      // the Stellenplan (SPEC §5) adds `plan` to the unit results; an adoption keeps it when present
      const plan = (u as { plan?: AdoptedPlan }).plan;
      return {
        id: u.id,
        area: u.area,
        children: u.children,
        categories: unitCategoryIndices(allocation.categoryIndices, e),
        index: u.index,
        band: u.band,
        eligible: { ...u.eligible },
        amount: u.proposedAmount,
        ...(plan ? { plan: { ...plan, strands: [...plan.strands] } } : {}),
        ...(u.carriedSetAside !== undefined ? { setAside: u.carriedSetAside } : {}),
        ...(u.bremen
          ? {
              bremen: {
                vzae: u.bremen.vzae,
                sachkosten: u.bremen.sachkosten,
                kitaIndex: (u.bremen as { kitaIndex?: number | null }).kitaIndex ?? null,
              },
            }
          : {}),
        ...(u.traeger !== undefined ? { traeger: u.traeger } : {}),
        row: u.row,
        code: u.code,
        // none kept (a carried-forward, hand-edited basis): left out, not stored as a row of nulls
        ...(allocation.scoresNotStored?.[e] === 1 ? {} : { scores: unitScoreList(allocation, e) }),
        categoryBands: { ...u.categoryBands },
      };
    }),
  };
}

/**
 * The reference among several adoptions: the latest by date; on the same date the later one in the list
 * (the list is kept in the order the adoptions were made).
 *
 * @example latestAdoption([{ date: '2027-03-15', … }, { date: '2026-03-10', … }]).date; // => '2027-03-15'
 * @example latestAdoption([]); // => null
 */
export function latestAdoption(adoptions: readonly Adoption[]): Adoption | null {
  let latest: Adoption | null = null;
  for (const a of adoptions) if (latest === null || a.date >= latest.date) latest = a;
  return latest;
}

// ── reading ───────────────────────────────────────────────────────────────────────────────────────────

/** Result of {@link readAdoption}: the adoption, or null and the German reason. */
export type ReadAdoption = { adoption: Adoption; problem: null } | { adoption: null; problem: string };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** JSON has no NaN: an empty norm band was written as null and comes back as NaN. */
function numOrNaN(v: unknown): number {
  return num(v) ?? NaN;
}

function band(v: unknown): Band | null {
  return v === "oberhalb" || v === "innerhalb" || v === "unterhalb" ? v : null;
}

function normBandOf(v: unknown): NormBand {
  const o = isObject(v) ? v : {};
  return { mean: numOrNaN(o.mean), sd: numOrNaN(o.sd), lower: numOrNaN(o.lower), upper: numOrNaN(o.upper) };
}

/** The eligibility flags in the order and the words a message names them. */
const ELIGIBILITY_FLAGS: readonly (readonly [keyof Eligibility, string])[] = [
  ["sozialarbeit", "Förderstrang 1 (Kita-Sozialarbeit)"],
  ["nachbarschaftszentrum", "Förderstrang 2 (Kommunikations- und Nachbarschaftszentrum)"],
  ["interkulturell", "Förderstrang 3 (Interkulturelle Fachkräfte)"],
  ["interkulturellException", "Förderstrang 3 als Ausnahme"],
  ["zusatzpersonal", "Förderstrang 4 (Betriebserlaubnisrelevantes Zusatzpersonal)"],
];

/** The eligibility flags of a unit, in their stored order. */
export const ELIGIBILITY_KEYS: readonly (keyof Eligibility)[] = ELIGIBILITY_FLAGS.map(([key]) => key);

/** What a value of a stored Beschluss is expected to be (the ending of its message). */
const EXPECTED_EURO = "ein Betrag in Euro ab 0, als Zahl ohne Tausenderpunkte (z. B. 41100.5)";
const EXPECTED_VZAE = "eine Zahl ab 0 (z. B. 1.5)";
const EXPECTED_FLAG = "true (ja) oder false (nein)";

/**
 * The eligibility per strand, or which flag is missing or no yes/no: every flag was stored with every
 * Beschluss, so a missing one was deleted by hand — taking it for „nein“ would silently drop the strand.
 */
function eligibilityOf(
  v: unknown,
): { eligible: Eligibility; flag: null } | { eligible: null; flag: string; found: unknown } {
  if (!isObject(v)) return { eligible: null, flag: "die Förderberechtigung je Förderstrang", found: v };
  for (const [key, words] of ELIGIBILITY_FLAGS) {
    if (typeof v[key] !== "boolean") {
      return { eligible: null, flag: `die Förderberechtigung in ${words}`, found: v[key] };
    }
  }
  return {
    eligible: {
      sozialarbeit: v.sozialarbeit === true,
      nachbarschaftszentrum: v.nachbarschaftszentrum === true,
      interkulturell: v.interkulturell === true,
      interkulturellException: v.interkulturellException === true,
      zusatzpersonal: v.zusatzpersonal === true,
    },
    flag: null,
  };
}

/** A stored amount or VZÄ: a finite number ≥ 0, else null. */
function nonNegative(v: unknown): number | null {
  const n = num(v);
  return n !== null && n >= 0 ? n : null;
}

function categoriesOf(v: unknown): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) out[k] = num(x);
  return out;
}

/**
 * A unit's stored staff plan (amount and VZÄ must be there: the Fortschreibung and the comparison use them),
 * or the value that is missing or unusable, in words.
 */
function planOf(
  v: Json,
): { plan: AdoptedPlan; what: null } | { plan: null; what: string; expected: string; found: unknown } {
  const amount = nonNegative(v.amount);
  if (amount === null)
    return { plan: null, what: "der Betrag des Stellenplans", expected: EXPECTED_EURO, found: v.amount };
  const vzae = nonNegative(v.vzae);
  if (vzae === null)
    return { plan: null, what: "die Zahl der VZÄ des Stellenplans", expected: EXPECTED_VZAE, found: v.vzae };
  const strand4 = num(v.strand4Vzae);
  const strand2 = num(v.strand2Vzae);
  const plan: AdoptedPlan = {
    amount,
    municipal: num(v.municipal) ?? 0,
    vzae,
    strands: Array.isArray(v.strands) ? v.strands.filter((s): s is string => typeof s === "string") : [],
    ...(strand4 !== null ? { strand4Vzae: strand4 } : {}),
    ...(strand2 !== null ? { strand2Vzae: strand2 } : {}),
  };
  return { plan, what: null };
}

/**
 * Reads an adoption record back from parsed JSON (as stored in the workbook). Tolerant where nothing is
 * computed from a field: missing optional fields get their empty value, NaN written as null comes back as
 * NaN, a Sozialraum's missing count of Einrichtungen is counted from the Einrichtungen. What the
 * Fortschreibung distributes by or the comparison compares with must be there — a valid date, a budget,
 * at least one Sozialraum with name, share and amount, every unit with a name, its amount and its
 * eligibility per strand (and the amount and VZÄ of a stored Stellenplan or Bremen funding) — else the
 * adoption is not used and `problem` says why in German, naming the Beschluss, the Kita and the value:
 * a hand-edited „41.100“ never silently becomes 0 €.
 *
 * @param named how the messages name the record (`messages.resultsFileLabel` for an earlier results.json);
 *   default „Der gespeicherte Beschluss vom <date>“
 * @example readAdoption(JSON.parse(JSON.stringify(adoption))).adoption; // => equal to adoption
 * @example readAdoption({ date: "gestern" }).problem;
 * // => "Der gespeicherte Beschluss hat kein gültiges Datum (gefunden: „gestern“, erwartet: JJJJ-MM-TT)."
 */
export function readAdoption(json: unknown, named?: string): ReadAdoption {
  const fail = (problem: string): ReadAdoption => ({ adoption: null, problem });
  if (!isObject(json)) return fail(messages.adoptionNotARecord());
  const date = typeof json.date === "string" ? json.date : "";
  if (!isIsoDate(date)) {
    return fail(messages.adoptionDateInvalid(String(json.date ?? "")));
  }
  const label = named ?? messages.adoptionLabel(germanDate(date));
  const budget = num(json.budget);
  if (budget === null || budget < 0) return fail(messages.adoptionBudgetInvalid(label));
  // stored as resolved (null = "none"); the checkpoint reads the file form, so nulls are left out first
  const storedModel = resolveModel(withoutNulls(json.model)).model;
  if (storedModel === null) return fail(messages.adoptionModelInvalid(label));
  if (!Array.isArray(json.areas) || json.areas.length === 0) return fail(messages.adoptionNoAreas(label));
  const areas: AdoptedArea[] = [];
  // a stored count of Einrichtungen that is missing or no count: counted from the Beschluss's Einrichtungen
  const unitsCounted: boolean[] = [];
  for (const [k, a] of json.areas.entries()) {
    const name = isObject(a) && typeof a.name === "string" ? a.name : "";
    const share = isObject(a) ? num(a.share) : null;
    if (!isObject(a) || name === "" || share === null || share < 0 || share > 1) {
      return fail(messages.adoptionAreaInvalid(label, k + 1));
    }
    // what the Sozialraum was granted: the comparison's „vorher“; never silently 0 €
    const amount = nonNegative(a.amount);
    if (amount === null) {
      return fail(
        messages.adoptionAreaValueInvalid(label, name, "der beschlossene Betrag", EXPECTED_EURO, a.amount),
      );
    }
    const count = num(a.units);
    unitsCounted.push(count === null || count < 0 || !Number.isInteger(count));
    areas.push({
      name,
      index: numOrNaN(a.index),
      band: band(a.band),
      share,
      amount,
      units: count ?? 0,
      children: num(a.children),
    });
  }
  if (!Array.isArray(json.units)) return fail(messages.adoptionNoUnits(label));
  const units: AdoptedUnit[] = [];
  for (const [k, u] of json.units.entries()) {
    if (!isObject(u) || typeof u.id !== "string" || u.id === "" || typeof u.area !== "string") {
      return fail(messages.storedUnitInvalid(label, k + 1));
    }
    // what the Fortschreibung distributes by and the comparison compares with: refused when unusable
    const invalid = (what: string, expected: string, found: unknown) =>
      fail(messages.adoptionUnitValueInvalid(label, u.id as string, what, expected, found));
    const amount = nonNegative(u.amount);
    if (amount === null) return invalid("der beschlossene Betrag", EXPECTED_EURO, u.amount);
    const eligibility = eligibilityOf(u.eligible);
    if (eligibility.eligible === null) return invalid(eligibility.flag, EXPECTED_FLAG, eligibility.found);
    let plan: AdoptedPlan | undefined;
    if (u.plan !== undefined && u.plan !== null) {
      if (!isObject(u.plan)) return invalid("der Stellenplan", "Betrag und VZÄ des Stellenplans", u.plan);
      const read = planOf(u.plan);
      if (read.plan === null) return invalid(read.what, read.expected, read.found);
      plan = read.plan;
    }
    let bremen: AdoptedUnit["bremen"];
    if (u.bremen !== undefined && u.bremen !== null) {
      if (!isObject(u.bremen))
        return invalid("die Förderung nach Bremer Regeln", "VZÄ und Sachkosten", u.bremen);
      const vzae = nonNegative(u.bremen.vzae);
      if (vzae === null) return invalid("die Zahl der VZÄ nach Bremer Regeln", EXPECTED_VZAE, u.bremen.vzae);
      const sachkosten = nonNegative(u.bremen.sachkosten);
      if (sachkosten === null) {
        return invalid("der Sachkostenbetrag nach Bremer Regeln", EXPECTED_EURO, u.bremen.sachkosten);
      }
      bremen = {
        vzae,
        sachkosten,
        ...("kitaIndex" in u.bremen ? { kitaIndex: num(u.bremen.kitaIndex) } : {}),
      };
    }
    const row = num(u.row);
    const setAside = num(u.setAside);
    if (u.setAside !== undefined && u.setAside !== null && setAside === null) {
      return invalid("der Teil des Betrags für die Förderstränge 2 und 4", EXPECTED_EURO, u.setAside);
    }
    units.push({
      id: u.id,
      area: u.area,
      children: num(u.children),
      categories: categoriesOf(u.categories),
      index: num(u.index),
      band: band(u.band),
      eligible: eligibility.eligible,
      amount,
      ...(plan ? { plan } : {}),
      ...(setAside !== null && setAside > 0 ? { setAside } : {}),
      ...(bremen ? { bremen } : {}),
      ...(typeof u.traeger === "string" || u.traeger === null ? { traeger: u.traeger } : {}),
      ...(row !== null ? { row } : {}),
      ...(typeof u.code === "string" ? { code: u.code } : {}),
      ...(Array.isArray(u.scores) ? { scores: u.scores.map(num) } : {}),
      ...(isObject(u.categoryBands)
        ? {
            categoryBands: Object.fromEntries(Object.entries(u.categoryBands).map(([k, v]) => [k, band(v)])),
          }
        : {}),
    });
  }
  areas.forEach((a, r) => {
    if (unitsCounted[r]) a.units = units.filter((u) => u.area === a.name).length;
  });
  const goalposts: Record<string, Goalposts> = {};
  if (isObject(json.goalposts)) {
    for (const [column, g] of Object.entries(json.goalposts)) {
      const candidate = isObject(g) ? { min: g.min, max: g.max } : null;
      if (validGoalposts(candidate)) goalposts[column] = { min: candidate.min, max: candidate.max };
    }
  }
  const norm = isObject(json.norm) ? json.norm : {};
  const categoryNorms: Record<string, NormBand> = {};
  if (isObject(norm.categories))
    for (const [k, v] of Object.entries(norm.categories)) categoryNorms[k] = normBandOf(v);
  return {
    adoption: {
      version: num(json.version) ?? ADOPTION_VERSION,
      date,
      budget,
      model: storedModel,
      checksum: typeof json.checksum === "string" ? json.checksum : "",
      ...(typeof json.inputRange === "string" ? { inputRange: json.inputRange } : {}),
      goalposts,
      norm: {
        index: normBandOf(norm.index),
        categories: categoryNorms,
        areaIndex: normBandOf(norm.areaIndex),
      },
      effectiveWeights: Array.isArray(json.effectiveWeights)
        ? json.effectiveWeights.flatMap((w) =>
            isObject(w) &&
            typeof w.column === "string" &&
            typeof w.category === "string" &&
            num(w.weight) !== null
              ? [{ column: w.column, category: w.category, weight: num(w.weight) as number }]
              : [],
          )
        : [],
      areas,
      units,
    },
    problem: null,
  };
}

/**
 * `YYYY-MM-DD` as the German reads it.
 *
 * @example germanDate('2027-03-05'); // => "05.03.2027"
 */
export function germanDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Fields whose `null` the model file form reads as a value, not as "left out". */
const NULL_MEANS_SOMETHING = new Set(["childrenMax"]);

/**
 * A stored JSON value with every `null` object field left out (arrays kept as they are): a resolved model
 * as JSON says "none" with null, the model file by leaving the field out.
 *
 * @example withoutNulls({ a: 1, b: null, c: { d: null }, childrenMax: null }); // => { a: 1, c: {}, childrenMax: null }
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      // a Bremen rule row's childrenMax null means "no upper bound" in the file form too
      .filter(([k, v]) => v !== null || NULL_MEANS_SOMETHING.has(k))
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

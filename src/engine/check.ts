/**
 * The check (SPEC.md §2.4–2.5, §8): turns a raw data sheet and a model into checked units, or into the
 * complete list of problems. Every problem is collected in one pass over the rows (never only the first);
 * each one names the sheet, the A1 cell, the value found and what was expected (German, messages.ts).
 *
 * Rules in short (the full catalogue with codes is docs/bad-inputs.md):
 * - Columns are found by header text (trimmed, spaces collapsed, case ignored) in the header row.
 * - Strings are never coerced to numbers: "12,5" stored as text, "k.A.", Excel errors, booleans and
 *   non-finite numbers in a numeric column are errors. So is a number formatted as a date or time
 *   (`RawTable.formats`): German Excel turns "12.5" into 12 May (45424).
 * - An indicator column mixing percent-formatted cells with plain numbers is a warning; an error where the
 *   scale clearly differs (`percentMixRule`).
 * - Kinder must be a whole number ≥ 0. Indicator values must be ≥ 0 unless the indicator has
 *   `allowNegative: true` (a Saldo, a change rate); counts, shares and scale values cannot be negative.
 * - A blank indicator cell is a warning (the indicator is skipped for that unit, weights renormalised);
 *   a unit without any value in a category is an error (no Gesamtindex). A constant or empty indicator
 *   is a warning and is not used.
 * - Rows that are blank in every cell are skipped silently; rows blank in every model column but with
 *   text elsewhere are skipped with a warning (`row-ignored`). A whitespace-only text counts as blank.
 * - Model problems (sheet "" and cell "") are reported by `checkModel`, part of the model checkpoint
 *   (`resolveModel`); `checkTable` takes only a resolved model and reports the sheet's problems.
 *
 * The dataset is null if and only if at least one issue is an error.
 */
import type { Dataset, Unit } from "./dataset";
import type { Issue } from "./issues";
import { SrbUsageError } from "./issues";
import { dynamisiert, dynamisierungIssues } from "./dynamisierung";
import type {
  BudgetSpec,
  CoverageOption,
  DataMapping,
  IndicatorSpec,
  Model,
  ResolvedIndicator,
  ResolvedModel,
} from "./model";
import { messages, ROLE_NAMES, type CheckCode } from "./messages";
import { modelFieldName } from "./modelFieldName";
import { numberFormatKind } from "./numberFormatKind";
import { a1, columnLetters, isCellError, type CellValue, type RawTable } from "./table";
import { collapseSpaces, columnKey, headerKey, headerLabel } from "./headerKey";
import { NameKeyIndex } from "./nameKeyIndex";
import { nearestHeader } from "./nearestName";
import { rememberCheckedColumns } from "./checkedColumns";
import { CheckedUnit } from "./checkedUnit";

export { headerKey };

export interface CheckResult {
  /** Checked units; null if and only if `issues` contains an error. */
  dataset: Dataset | null;
  /**
   * Every error and warning: model problems first, then the header, then cell problems in sheet order,
   * then the findings about whole columns, indicators, categories and coverage.
   */
  issues: Issue[];
}

/** Text cells that look like a number typed or imported as text: "12,5", "1.234,56", "7 %", "-3", "1e-5". */
const NUMBER_AS_TEXT = /^[+\-−]?(\d{1,3}([.\s\u00a0']\d{3})+|\d+)?([.,]\d+)?(e[+-]?\d+)?\s*(%|€|EUR)?$/i;
/** Excel error literals in English and German Excel (also when they arrive as text, e.g. from a CSV). */
const EXCEL_ERROR_TEXT =
  /^#(N\/A|NV|DIV\/0!|VALUE!|WERT!|REF!|BEZUG!|NAME\?|NUM!|ZAHL!|NULL!|SPILL!|ÜBERLAUF!|CALC!|BERECHNUNG!|BUSY!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/i;
/** Ids that mark a totals or average row below the data rather than a unit. */
const TOTAL_ROW = /^(summe|gesamt|insgesamt|mittelwert|durchschnitt|ø|total)\b/i;
/** Accepted flag texts (trimmed, case ignored). */
const FLAG_TRUE = new Set(["x", "ja", "j", "wahr", "true"]);
const FLAG_FALSE = new Set(["nein", "n", "falsch", "false"]);
/**
 * Largest budget the check lets through: 1 Billion € (10^12). Far above any Sozialraumbudget, and the cent
 * arithmetic stays exact (10^14 cents < 2^53); above about 9 · 10^13 € the amounts would no longer add up to
 * the budget to the cent (found by the fuzz test, see test/regressions/budgetBeyondCentPrecision.test.ts).
 */
export const MAX_BUDGET_EUROS = 1e12;

/** Whole-number tolerance for Kinder (values read from formulas may carry rounding noise). */
const INTEGER_TOLERANCE = 1e-9;

/**
 * Is the code unit visible ASCII (not a space, not a control character)? A text that starts with one is
 * never emptied by `String.prototype.trim`, whose white space is all below 33 or beyond ASCII.
 */
function isVisibleAscii(c: number): boolean {
  return c > 32 && c < 127;
}

function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // every Kita name and Sozialraum starts with a visible character: no trimmed copy needed to tell
  return v.length === 0 || (!isVisibleAscii(v.charCodeAt(0)) && v.trim() === "");
}

/**
 * The rule for a Ja/Nein cell (strand flags, „neu gefördert“), shared with the custom functions:
 * WAHR/FALSCH, 1/0, „x“, „ja“/„j“/„wahr“/„true“, „nein“/„n“/„falsch“/„false“ (trimmed, case ignored);
 * a blank cell (also whitespace only) means nein. Anything else is no yes/no value: `null` (the check
 * reports it as `flag-invalid`).
 *
 * @example
 * flagValue(" X ") // => true
 * flagValue(null) // => false (blank = nein)
 * flagValue(0) // => false
 * flagValue("vielleicht") // => null
 */
export function flagValue(v: unknown): boolean | null {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return false;
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const k = v.trim().toLowerCase();
    if (FLAG_TRUE.has(k)) return true;
    if (FLAG_FALSE.has(k)) return false;
  }
  return null;
}

/**
 * Header cell → display text ("" for blank, booleans and error values), in one line as SRB reads it
 * (`headerLabel`): „Sprachförder-⏎bedarf in %“ is named „Sprachförderbedarf in %“, not „Sprachförder- bedarf in %“.
 */
function headerText(v: CellValue | undefined): string {
  if (typeof v === "string") return headerLabel(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}

function errorText(v: CellValue): string | null {
  if (isCellError(v)) return v.error;
  if (typeof v !== "string") return null;
  // an error text starts with "#" (after white space): a text that starts visibly otherwise is none
  const first = v.charCodeAt(0);
  if (isVisibleAscii(first) && first !== 35) return null;
  return EXCEL_ERROR_TEXT.test(v.trim()) ? v.trim() : null;
}

/** One model column that must exist on the sheet. */
interface Role {
  key: keyof typeof ROLE_NAMES;
  header: string;
  /** Index into the sheet's columns (0-based from firstColumn), -1 if the sheet lacks it. */
  column: number;
}

const OPTIONAL_ROLES = [
  "children",
  "strand2",
  "strand3Reason",
  "strand4",
  "strand4Reason",
  "verbund",
  "firstYear",
  "kitaIndex",
  "strand4Vzae",
  "traeger",
] as const satisfies readonly (keyof DataMapping & keyof typeof ROLE_NAMES)[];

function modelIssue(code: CheckCode, message: string): Issue {
  return { level: "error", code, sheet: "", cell: "", message };
}

function isPositiveFinite(w: unknown): boolean {
  return typeof w === "number" && Number.isFinite(w) && w > 0;
}

/**
 * Checks the model on its own (no sheet): indicators present, every indicator's category defined,
 * weights > 0 and finite, directions 1 or −1, no duplicate categories or indicator columns, the id and
 * Sozialraum columns named, no column in two roles, coverage and Sockel options within 0–1, a budget of at
 * most `MAX_BUDGET_EUROS` (a negative or non-finite budget is the engine's `budget-invalid`).
 * All problems are errors with sheet "" and cell "".
 *
 * @example
 * checkModel({ ...model, indicators: [] })[0].code; // => "model-no-indicators"
 */
export function checkModel(model: Model): Issue[] {
  if (typeof model !== "object" || model === null)
    throw new SrbUsageError("checkModel: model must be an object");
  const issues: Issue[] = [];
  const indicators: IndicatorSpec[] = Array.isArray(model.indicators) ? model.indicators : [];
  const categories = Array.isArray(model.categories) ? model.categories : [];
  const data: Partial<DataMapping> = typeof model.data === "object" && model.data !== null ? model.data : {};

  for (const role of ["id", "area"] as const) {
    if (typeof data[role] !== "string" || data[role].trim() === "") {
      issues.push(
        modelIssue("model-mapping-missing", messages.modelMappingMissing(`data.${role}`, ROLE_NAMES[role])),
      );
    }
  }
  if (indicators.length === 0) issues.push(modelIssue("model-no-indicators", messages.modelNoIndicators()));

  const categoryNames = new Set<string>();
  categories.forEach((c, i) => {
    if (categoryNames.has(c.name)) {
      issues.push(
        modelIssue(
          "model-category-duplicate",
          messages.modelCategoryDuplicate(`categories[${i}].name`, c.name),
        ),
      );
    }
    categoryNames.add(c.name);
    if (!isPositiveFinite(c.weight)) {
      issues.push(
        modelIssue(
          "model-weight-invalid",
          messages.modelWeightInvalid(modelFieldName(`categories[${i}].weight`, c.name), c.weight),
        ),
      );
    }
  });

  const usedCategories = new Set<string>();
  const indicatorColumns = new Set<string>();
  indicators.forEach((ind, i) => {
    const path = `indicators[${i}]`;
    const key = columnKey(String(ind.column ?? ""));
    if (indicatorColumns.has(key)) {
      issues.push(
        modelIssue(
          "model-indicator-duplicate",
          messages.modelIndicatorDuplicate(`${path}.column`, ind.column),
        ),
      );
    }
    indicatorColumns.add(key);
    if (!categoryNames.has(ind.category)) {
      issues.push(
        modelIssue(
          "model-category-unknown",
          messages.modelCategoryUnknown(`${path}.category`, ind.column, ind.category, [...categoryNames]),
        ),
      );
    }
    usedCategories.add(ind.category);
    if (!isPositiveFinite(ind.weight)) {
      issues.push(
        modelIssue(
          "model-weight-invalid",
          messages.modelWeightInvalid(modelFieldName(`${path}.weight`, String(ind.column ?? "")), ind.weight),
        ),
      );
    }
    if (ind.direction !== 1 && ind.direction !== -1) {
      issues.push(
        modelIssue(
          "model-direction-invalid",
          messages.modelDirectionInvalid(
            modelFieldName(`${path}.direction`, String(ind.column ?? "")),
            ind.direction,
          ),
        ),
      );
    }
  });
  categories.forEach((c, i) => {
    if (indicators.length > 0 && !usedCategories.has(c.name)) {
      issues.push(
        modelIssue("model-category-empty", messages.modelCategoryEmpty(`categories[${i}]`, c.name)),
      );
    }
  });

  // a column in two roles (e.g. Kinder also an indicator) is ambiguous
  const roles = new Map<string, { header: string; names: string[] }>();
  const addRole = (header: string | undefined, name: string) => {
    if (typeof header !== "string" || header.trim() === "") return;
    const k = columnKey(header);
    const entry = roles.get(k) ?? { header: header.trim(), names: [] };
    entry.names.push(name);
    roles.set(k, entry);
  };
  addRole(data.id, ROLE_NAMES.id);
  addRole(data.area, ROLE_NAMES.area);
  for (const r of OPTIONAL_ROLES) addRole(data[r], ROLE_NAMES[r]);
  // each indicator column once: two indicators on one column are reported as model-indicator-duplicate
  const distinctIndicatorColumns = new Map(
    indicators.map((ind) => [columnKey(String(ind.column ?? "")), ind.column]),
  );
  for (const column of distinctIndicatorColumns.values()) addRole(column, ROLE_NAMES.indicator);
  for (const { header, names } of roles.values()) {
    if (names.length > 1)
      issues.push(modelIssue("model-column-twice", messages.modelColumnTwice(header, names)));
  }

  const total = (model.budget as { total?: unknown } | undefined)?.total;
  if (typeof total === "number" && Number.isFinite(total) && total > MAX_BUDGET_EUROS) {
    issues.push(
      modelIssue(
        "model-budget-too-large",
        messages.modelBudgetTooLarge("budget.total", total, MAX_BUDGET_EUROS),
      ),
    );
  }

  // budget.total is what is distributed (SPEC §8); a Dynamisierung that says otherwise is worth a warning
  const budget = model.budget as BudgetSpec | undefined;
  const d = budget?.dynamisierung;
  if (
    typeof total === "number" &&
    d &&
    typeof budget?.year === "number" &&
    dynamisierungIssues(d, budget.year).length === 0
  ) {
    const derived = dynamisiert(d.baseAmount, d.baseYear, budget.year, d.rate);
    if (Math.abs(derived - total) >= 0.005) {
      issues.push({
        ...modelIssue(
          "model-budget-not-dynamisiert",
          messages.modelBudgetNotDynamisiert(total, derived, d.baseAmount, d.baseYear, budget.year),
        ),
        level: "warning",
      });
    }
  }

  const options = model.options ?? {};
  const share = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;
  if (options.coverage !== undefined) {
    for (const k of ["unit", "indicator"] as const) {
      if (!share(options.coverage[k])) {
        issues.push(
          modelIssue(
            "model-option-invalid",
            messages.modelOptionInvalid(
              `options.coverage.${k}`,
              options.coverage[k],
              "ein Anteil zwischen 0 und 1 (z. B. 0.65)",
            ),
          ),
        );
      }
    }
    if (options.coverage.level !== "warning" && options.coverage.level !== "error") {
      issues.push(
        modelIssue(
          "model-option-invalid",
          messages.modelOptionInvalid(
            "options.coverage.level",
            options.coverage.level,
            "„warning“ oder „error“",
          ),
        ),
      );
    }
  }
  if (options.sockel !== undefined && !share(options.sockel.fraction)) {
    issues.push(
      modelIssue(
        "model-option-invalid",
        messages.modelOptionInvalid(
          "options.sockel.fraction",
          options.sockel.fraction,
          "ein Anteil zwischen 0 und 1",
        ),
      ),
    );
  }
  return issues;
}

/** A numeric cell as read: the number, `null` for a blank cell, `undefined` for a bad cell (reported). */
type NumberRead = number | null | undefined;

/** Per unit and indicator (flat, unit-major): a value, blank (missing) or bad (an error was reported). */
const STATE_VALUE = 0;
const STATE_BLANK = 1;
const STATE_BAD = 2;

/**
 * The rule for an indicator column that mixes percent-formatted cells with plain numbers
 * (docs/method-decisions.md): an error when one group typically (median of the absolute values) lies above 1
 * while the other lies entirely at or below 1 (= 100 %) — then shares (0,215 shown as 21,5 %) stand next to
 * percent points (21,5) and would be compared a hundredfold wrong; otherwise a warning (the same scale, only
 * formatted unevenly).
 *
 * @example
 * percentMixRule([0.215, 0.3], [21.5]); // => "error"
 * percentMixRule([0.215, 0.3], [0.25]); // => "warning"
 */
export function percentMixRule(
  percentValues: readonly number[],
  plainValues: readonly number[],
): Issue["level"] {
  const median = (values: readonly number[]) => {
    const sorted = values.map(Math.abs).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const max = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const apart = (a: readonly number[], b: readonly number[]) => median(a) > 1 && max(b) <= 1;
  return apart(plainValues, percentValues) || apart(percentValues, plainValues) ? "error" : "warning";
}

/**
 * The units (positions) without a value in any of the indicators `useful`, from the check's cell states
 * (`states[unit · indicatorCount + indicator]`). A function of its own, not a loop inside `checkTable`:
 * it runs over every unit and is optimised as a whole.
 *
 * @example
 * // two units, two indicators: the second unit has no value in indicator 0
 * unitsWithoutValue(Uint8Array.of(STATE_VALUE, STATE_VALUE, STATE_BLANK, STATE_VALUE), 2, 2, [0]); // => [1]
 */
function unitsWithoutValue(
  states: Uint8Array,
  indicatorCount: number,
  unitCount: number,
  useful: readonly number[],
): number[] {
  const out: number[] = [];
  for (let u = 0; u < unitCount; u++) {
    const base = u * indicatorCount;
    let hasValue = false;
    for (let k = 0; k < useful.length && !hasValue; k++) hasValue = states[base + useful[k]] === STATE_VALUE;
    if (!hasValue) out.push(u);
  }
  return out;
}

/**
 * The blank cells of informative indicators as `unit · indicatorCount + indicator`, in sheet order (unit by
 * unit, indicators in model order). A function of its own, as `unitsWithoutValue`.
 *
 * @example
 * blankInformativeCells(Uint8Array.of(STATE_BLANK, STATE_BLANK, STATE_VALUE, STATE_BLANK), 2, 2, [true, false]); // => [0]
 */
function blankInformativeCells(
  states: Uint8Array,
  indicatorCount: number,
  unitCount: number,
  informative: readonly boolean[],
): number[] {
  const out: number[] = [];
  for (let u = 0; u < unitCount; u++) {
    const base = u * indicatorCount;
    for (let i = 0; i < indicatorCount; i++) {
      if (informative[i] && states[base + i] === STATE_BLANK) out.push(base + i);
    }
  }
  return out;
}

/** What `readIndicatorRow` writes: the check's state per cell, typed columns and statistics per indicator. */
interface IndicatorPass {
  /** The sheet column of each indicator (-1: not found). */
  columns: readonly number[];
  /** Does the indicator allow values below 0? */
  allowNegative: readonly boolean[];
  /** No number formats to check: a finite number is read as it is. */
  plain: boolean;
  /** `states[unit · indicators + indicator]`. */
  states: Uint8Array;
  /** `values[indicator][unit]`, NaN for none. */
  values: readonly Float64Array[];
  stats: readonly { count: number; min: number; max: number }[];
  /** Every other cell: reported, its state and value written. */
  readIndicatorCell(indicator: number): void;
}

/**
 * The indicator cells of one row: a plain number (finite, ≥ 0 unless the indicator allows negatives, no
 * number formats to check) is taken here; every other cell goes to `pass.readIndicatorCell`, which reports
 * it. A module function, compiled once for every run of the check.
 *
 * @example readIndicatorRow([12, null], 0, pass); // 12 written here, the blank by pass.readIndicatorCell
 */
function readIndicatorRow(row: readonly CellValue[], unitIndex: number, pass: IndicatorPass): void {
  const count = pass.columns.length;
  const stateBase = unitIndex * count;
  for (let i = 0; i < count; i++) {
    const c = pass.columns[i];
    const v = c >= 0 && c < row.length ? row[c] : null;
    if (pass.plain && typeof v === "number" && Number.isFinite(v) && (v >= 0 || pass.allowNegative[i])) {
      pass.states[stateBase + i] = STATE_VALUE;
      pass.values[i][unitIndex] = v;
      const s = pass.stats[i];
      s.count++;
      if (v < s.min) s.min = v;
      if (v > s.max) s.max = v;
    } else pass.readIndicatorCell(i);
  }
}

/** The columns and rules of one check, fixed before the pass over the rows (see `SheetPass`). */
interface SheetPassSetup {
  sheet: string;
  headerRow: number;
  firstColumn: number;
  rows: readonly CellValue[][];
  formats: readonly (readonly (string | null | undefined)[] | undefined)[] | undefined;
  headers: readonly string[];
  issues: Issue[];
  indicators: readonly ResolvedIndicator[];
  indicatorColumn: readonly number[];
  blankHeaderColumns: readonly number[];
  modelColumns: readonly number[];
  childrenRequired: boolean;
  idCol: number;
  areaCol: number;
  childrenCol: number;
  kitaIndexCol: number;
  strand2Col: number;
  strand3ReasonCol: number;
  strand4Col: number;
  strand4ReasonCol: number;
  verbundCol: number;
  firstYearCol: number;
  strand4VzaeCol: number;
  traegerCol: number;
}

/**
 * The one pass over the rows of a check: the readers of the current row and what the pass collects (units,
 * cell states, typed columns, statistics, the issues of the cells). A class, not closures inside
 * `checkTable`: its methods are compiled and optimised once for every check in the process, where
 * closures made anew by each `checkTable` call were optimised anew by each call.
 *
 * @example
 * const pass = new SheetPass(setup);
 * for (let r = 0; r < rows.length; r++) pass.checkRow(r);
 * pass.units.length; // => the checked units
 */
class SheetPass implements IndicatorPass {
  readonly indicatorCount: number;
  // IndicatorPass
  readonly columns: readonly number[];
  readonly allowNegative: readonly boolean[];
  readonly plain: boolean;
  /** `states[unit · indicatorCount + indicator]`: STATE_VALUE, STATE_BLANK or STATE_BAD. */
  readonly states: Uint8Array;
  /** `values[indicator][unit]`: the units' values by column, NaN for none (`checkedColumns`). */
  readonly values: Float64Array[];
  readonly stats: { count: number; min: number; max: number }[];
  // what the pass collects
  /**
   * The checked units: `unitCount` of them, in a list made for one unit per row (filled by position, not
   * grown by push: at 100,000 Kitas that copied the list again and again); `checkTable` cuts it to length.
   */
  readonly units: Unit[];
  unitCount = 0;
  /** The row index (into `rows`) of each unit. */
  readonly unitRows: Int32Array;
  readonly idRows: NameKeyIndex;
  readonly areaSpellings = new Map<string, { spellings: string[]; cell: string }>();
  /** Each Sozialraum text as written → the spelling it is named by (the first written of its key). */
  readonly areaOfSpelling = new Map<string, string>();
  readonly blankHeaderData = new Map<number, { row: number; value: CellValue }>();
  // With formats: which numbers are percent-formatted (for `percent-mixed`), a flag per cell and counts,
  // not a list of rows per indicator (1.2 million entries at 60,000 Kitas); the lists of rows are made
  // after the pass, only for an indicator that has both kinds
  readonly percentCells: Uint8Array | null;
  readonly percentCount: Int32Array;
  readonly plainCount: Int32Array;
  lastDataRow = -1;
  /** The current row and its index: what the readers read. */
  row: readonly CellValue[] = [];
  r = 0;

  /** The columns and rules of this check, as `checkTable` found them. */
  constructor(readonly setup: SheetPassSetup) {
    this.indicatorCount = setup.indicators.length;
    const n = setup.rows.length;
    const count = this.indicatorCount;
    this.columns = setup.indicatorColumn;
    this.allowNegative = setup.indicators.map((ind) => Boolean(ind.allowNegative));
    this.plain = setup.formats === undefined;
    this.states = new Uint8Array(n * count);
    this.values = setup.indicators.map(() => new Float64Array(n));
    this.stats = setup.indicators.map(() => ({ count: 0, min: Infinity, max: -Infinity }));
    this.units = new Array<Unit>(n);
    this.unitRows = new Int32Array(n);
    this.idRows = new NameKeyIndex(n);
    this.percentCells = setup.formats !== undefined ? new Uint8Array(n * count) : null;
    this.percentCount = new Int32Array(count);
    this.plainCount = new Int32Array(count);
  }

  rowNumber(r: number): number {
    return this.setup.headerRow + 1 + r;
  }

  cellAt(r: number, c: number): string {
    return a1(this.rowNumber(r), this.setup.firstColumn + c);
  }

  push(level: Issue["level"], code: CheckCode, cell: string, message: string): void {
    this.setup.issues.push({ level, code, sheet: this.setup.sheet, cell, message });
  }

  cell(c: number): CellValue {
    const row = this.row;
    return c >= 0 && c < row.length ? (row[c] ?? null) : null;
  }

  header(c: number): string {
    return this.setup.headers[c] ?? "";
  }

  formatAt(r: number, c: number): string | null {
    const code = this.setup.formats?.[r]?.[c];
    return typeof code === "string" ? code : null;
  }

  /** Reads a numeric cell; reports what is wrong with it. */
  readNumber(c: number): NumberRead {
    const v = this.cell(c);
    if (typeof v === "number" && Number.isFinite(v)) {
      if (this.setup.formats === undefined) return v; // the common case: no address, no garbage
      const kind = numberFormatKind(this.formatAt(this.r, c));
      if (kind !== "date" && kind !== "time") return v;
      const where = this.cellAt(this.r, c);
      this.push("error", "date-in-number", where, messages.dateInNumber(where, this.header(c), v, kind));
      return undefined;
    }
    if (isBlank(v)) return null;
    const where = this.cellAt(this.r, c);
    const err = errorText(v);
    if (err !== null) {
      this.push("error", "excel-error", where, messages.excelError(where, this.header(c), err));
    } else if (typeof v === "number") {
      this.push("error", "not-finite", where, messages.notFinite(where, this.header(c), v));
    } else if (typeof v === "boolean") {
      this.push("error", "boolean-in-number", where, messages.booleanInNumber(where, this.header(c), v));
    } else if (typeof v === "string") {
      const t = v.trim();
      if (NUMBER_AS_TEXT.test(t) && /\d/.test(t))
        this.push("error", "number-as-text", where, messages.numberAsText(where, this.header(c), t));
      else this.push("error", "text-in-number", where, messages.textInNumber(where, this.header(c), t));
    }
    return undefined;
  }

  /** Reads a name cell (id, Sozialraum, Verbund, reasons): text or number, else reported. */
  readText(c: number): string | null | undefined {
    const v = this.cell(c);
    if (isBlank(v)) return null;
    const err = errorText(v);
    if (err !== null) {
      const where = this.cellAt(this.r, c);
      this.push("error", "excel-error", where, messages.excelError(where, this.header(c), err));
      return undefined;
    }
    if (typeof v === "string") return collapseSpaces(v.trim());
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    const where = this.cellAt(this.r, c);
    this.push("error", "text-expected", where, messages.textExpected(where, this.header(c), v));
    return undefined;
  }

  readFlag(c: number): boolean {
    if (c < 0) return false;
    const v = this.cell(c);
    const flag = flagValue(v);
    if (flag !== null) return flag;
    const where = this.cellAt(this.r, c);
    this.push("error", "flag-invalid", where, messages.flagInvalid(where, this.header(c), v));
    return false;
  }

  textAt(c: number): string | null | undefined {
    return c >= 0 ? this.readText(c) : null;
  }

  /**
   * One indicator cell of the current row, every case (`readIndicatorRow` takes plain numbers itself):
   * writes its state, value and statistics, reports what is wrong.
   */
  readIndicatorCell(i: number): void {
    const unitIndex = this.unitCount;
    const stateBase = unitIndex * this.indicatorCount;
    const c = this.columns[i];
    if (c < 0) {
      this.states[stateBase + i] = STATE_BAD;
      this.values[i][unitIndex] = NaN;
      return;
    }
    const read = this.readNumber(c);
    if (typeof read === "number" && read < 0 && !this.setup.indicators[i].allowNegative) {
      const where = this.cellAt(this.r, c);
      this.push("error", "negative-value", where, messages.negativeValue(where, this.header(c), read));
      this.states[stateBase + i] = STATE_BAD;
      this.values[i][unitIndex] = NaN;
      return;
    }
    if (typeof read === "number") {
      this.states[stateBase + i] = STATE_VALUE;
      this.values[i][unitIndex] = read;
      if (this.setup.formats !== undefined) {
        if (numberFormatKind(this.formatAt(this.r, c)) === "percent") {
          this.percentCount[i]++;
          if (this.percentCells !== null) this.percentCells[stateBase + i] = 1;
        } else this.plainCount[i]++;
      }
      const s = this.stats[i];
      s.count++;
      if (read < s.min) s.min = read;
      if (read > s.max) s.max = read;
      return;
    }
    this.states[stateBase + i] = read === null ? STATE_BLANK : STATE_BAD;
    this.values[i][unitIndex] = NaN;
  }

  /** The body of the pass over the rows: row `r` checked, its unit added (or its problems reported). */
  checkRow(r: number): void {
    this.r = r;
    const rows = this.setup.rows;
    const row: readonly CellValue[] = Array.isArray(rows[r]) ? rows[r] : [];
    this.row = row;
    if (allBlank(row)) return;
    this.lastDataRow = r;
    for (const c of this.setup.blankHeaderColumns) {
      if (!this.blankHeaderData.has(c) && !isBlank(this.cell(c)))
        this.blankHeaderData.set(c, { row: r, value: this.cell(c) });
    }
    if (this.setup.modelColumns.length > 0 && this.allModelColumnsBlank()) {
      const c = row.findIndex((v) => !isBlank(v));
      const where = this.cellAt(r, c);
      this.push("warning", "row-ignored", where, messages.rowIgnored(this.rowNumber(r), where, this.cell(c)));
      return;
    }

    // id and Sozialraum
    const idCol = this.setup.idCol;
    const areaCol = this.setup.areaCol;
    const rawId = idCol >= 0 ? this.cell(idCol) : null;
    if (typeof rawId === "string" && TOTAL_ROW.test(rawId.trim())) {
      const where = this.cellAt(r, idCol);
      this.push("error", "total-row", where, messages.totalRow(where, rawId.trim()));
      return;
    }
    const id = idCol >= 0 ? this.readText(idCol) : undefined;
    const rowNumber = this.rowNumber(r);
    if (id === null) {
      const where = this.cellAt(r, Math.max(idCol, 0));
      this.push("error", "id-blank", where, messages.idBlank(where, rowNumber));
    }
    const unitName = id ?? `Zeile ${rowNumber}`;
    if (typeof id === "string") {
      const first = this.idRows.firstOrAdd(id, rowNumber);
      if (first !== undefined) {
        const where = this.cellAt(r, Math.max(idCol, 0));
        this.push("error", "id-duplicate", where, messages.idDuplicate(where, id, first, rowNumber));
      }
    }
    const areaAsWritten = areaCol >= 0 ? this.readText(areaCol) : undefined;
    // Spellings that differ only in case or spaces are one Sozialraum, named as first written (warning below).
    let area = areaAsWritten;
    if (typeof areaAsWritten === "string") {
      const known = this.areaOfSpelling.get(areaAsWritten);
      if (known !== undefined)
        area = known; // a spelling seen before: nothing new to note
      else {
        const k = headerKey(areaAsWritten);
        let entry = this.areaSpellings.get(k);
        if (!entry) {
          entry = { spellings: [areaAsWritten], cell: this.cellAt(r, areaCol) };
          this.areaSpellings.set(k, entry);
        } else {
          entry.spellings.push(areaAsWritten);
          if (entry.spellings.length === 2) entry.cell = this.cellAt(r, areaCol);
        }
        area = entry.spellings[0];
        this.areaOfSpelling.set(areaAsWritten, area);
      }
    }
    if (area === null) {
      const where = this.cellAt(r, areaCol);
      this.push("error", "area-missing", where, messages.areaMissing(where, unitName));
    }

    // Kinder
    const childrenCol = this.setup.childrenCol;
    let children: number | null = null;
    if (childrenCol >= 0) {
      const read = this.readNumber(childrenCol);
      if (typeof read === "number" && read >= 0 && Math.abs(read - Math.round(read)) <= INTEGER_TOLERANCE) {
        children = Math.round(read); // the common case: no address needed
      } else {
        const where = this.cellAt(r, childrenCol);
        const column = this.header(childrenCol);
        if (typeof read === "number") {
          if (read < 0)
            this.push("error", "negative-children", where, messages.negativeChildren(where, column, read));
          else if (Math.abs(read - Math.round(read)) > INTEGER_TOLERANCE) {
            this.push(
              "error",
              "children-not-integer",
              where,
              messages.childrenNotInteger(where, column, read),
            );
          } else children = Math.round(read);
        } else if (read === null) {
          this.push(
            this.setup.childrenRequired ? "error" : "warning",
            "children-missing",
            where,
            messages.childrenMissing(where, column, unitName, this.setup.childrenRequired),
          );
        }
      }
    }

    // indicators: the typed columns are written here, in the one pass over the indicators (NaN: no
    // value); the unit reads its values from them (CheckedUnit)
    const unitIndex = this.unitCount;
    readIndicatorRow(row, unitIndex, this);

    // flags, reasons, Bremen columns
    const kitaIndexCol = this.setup.kitaIndexCol;
    let kitaIndex: number | null = null;
    if (kitaIndexCol >= 0) {
      const read = this.readNumber(kitaIndexCol);
      if (typeof read === "number") {
        if (read < 0 || read > 100) {
          const where = this.cellAt(r, kitaIndexCol);
          this.push(
            "error",
            "kita-index-range",
            where,
            messages.kitaIndexRange(where, this.header(kitaIndexCol), read),
          );
        } else kitaIndex = read;
      }
    }
    const strand4VzaeCol = this.setup.strand4VzaeCol;
    let strand4Vzae: number | null = null;
    if (strand4VzaeCol >= 0) {
      const read = this.readNumber(strand4VzaeCol);
      if (typeof read === "number" && read < 0) {
        const where = this.cellAt(r, strand4VzaeCol);
        this.push(
          "error",
          "negative-value",
          where,
          messages.negativeValue(where, this.header(strand4VzaeCol), read),
        );
      } else if (typeof read === "number") strand4Vzae = read;
    }
    const unit = new CheckedUnit(
      id ?? "",
      area ?? "",
      children,
      rowNumber,
      this.values,
      unitIndex,
      this.readFlag(this.setup.strand2Col),
      this.textAt(this.setup.strand3ReasonCol) ?? "",
      this.readFlag(this.setup.strand4Col),
      this.textAt(this.setup.strand4ReasonCol) ?? "",
      this.textAt(this.setup.verbundCol) ?? null,
      this.readFlag(this.setup.firstYearCol),
      kitaIndex,
    );
    // assigned, not spread into the literal: a spread copies every unit through a slow generic path
    if (strand4VzaeCol >= 0) unit.strand4Vzae = strand4Vzae;
    if (this.setup.traegerCol >= 0) unit.traeger = this.textAt(this.setup.traegerCol) ?? null;
    this.unitRows[unitIndex] = r;
    this.units[unitIndex] = unit;
    this.unitCount = unitIndex + 1;
  }

  /** Is every model column of the current row blank? */
  private allModelColumnsBlank(): boolean {
    const columns = this.setup.modelColumns;
    for (let k = 0; k < columns.length; k++) if (!isBlank(this.cell(columns[k]))) return false;
    return true;
  }
}

/** Is every cell of the row blank? */
function allBlank(row: readonly CellValue[]): boolean {
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

/** Does the model need Kinder for every unit (so a blank Kinder cell is an error)? */
function needsChildren(model: ResolvedModel): boolean {
  const o = model.options;
  return o.childWeighted || o.sockel?.by === "children" || model.ruleSet === "bremen";
}

function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Checks a data sheet against a model and returns the checked units or every problem found.
 *
 * One pass over the rows collects all cell problems; a short pass over the collected values adds the
 * per-indicator and per-category findings (constant indicators, units without a value in a category,
 * data coverage). Runs in O(rows × columns). Never throws for bad data.
 *
 * @example
 * const table = { sheet: "Kitas", headers: ["Einrichtung", "Sozialraum", "SGB II"],
 *   rows: [["Kita A", "Nord", 12], ["Kita B", "Süd", "k.A."]] };
 * checkTable(model, table).issues[0].message;
 * // => "Zelle C3 (Spalte „SGB II“): „k.A.“ ist keine Zahl – erwartet wird eine Zahl (leer lassen, …)."
 */
export function checkTable(model: ResolvedModel, table: RawTable): CheckResult {
  assertRawTable(table);
  // the model was checked at its checkpoint (resolveModel): only the sheet's problems are reported here
  const issues: Issue[] = [];
  const place: SheetPlace = {
    sheet: table.sheet,
    headerRow: table.headerRow ?? 1,
    firstColumn: table.firstColumn ?? 1,
    issues,
  };

  // ── header ────────────────────────────────────────────────────────────────────────────────────
  const headers = table.headers.map(headerText);
  if (headers.every((h) => h === "")) {
    reportNoHeader(place, table.rows);
    return { dataset: null, issues };
  }
  const columns = findColumns(model, headers);
  reportDuplicateHeaders(place, columns, model.indicators);
  reportMissingColumns(place, columns, model.indicators);

  // ── one pass over the rows ────────────────────────────────────────────────────────────────────
  const width = table.rows.reduce((w, r) => Math.max(w, Array.isArray(r) ? r.length : 0), headers.length);
  const pass = new SheetPass(sheetPassSetup(place, model, table, columns, width));
  for (let r = 0; r < table.rows.length; r++) pass.checkRow(r);
  pass.units.length = pass.unitCount;

  // ── after the pass: columns, indicators, categories, coverage ─────────────────────────────────
  reportBlankHeaderData(pass);
  reportPercentMixes(pass);
  reportAreaSpellings(pass);
  if (pass.units.length === 0) {
    report(
      place,
      "error",
      "no-data-rows",
      headerCellOf(place, 0),
      messages.noDataRows(place.sheet, place.headerRow),
    );
  }
  const informative = informativeIndicators(pass);
  reportUninformativeIndicators(pass);
  const categories = categoryFindings(pass, model, informative);
  reportBlankCells(pass, informative, categories.blocking);
  issues.push(...categories.issues);
  if (model.options.coverage) reportCoverage(pass, model.options.coverage, informative);

  if (issues.some((i) => i.level === "error")) return { dataset: null, issues };
  return { dataset: checkedDataset(pass, columns.roles, width), issues };
}

/** Throws the usage error for anything that is not a `RawTable` with headers and rows arrays. */
function assertRawTable(table: RawTable): void {
  if (
    typeof table !== "object" ||
    table === null ||
    !Array.isArray(table.headers) ||
    !Array.isArray(table.rows)
  ) {
    throw new SrbUsageError("checkTable: table must be a RawTable with headers and rows arrays");
  }
}

/** Where a check's cells are and where its issues go: the part of `SheetPassSetup` fixed first. */
interface SheetPlace {
  sheet: string;
  headerRow: number;
  firstColumn: number;
  issues: Issue[];
}

/** The A1 address of the header cell of column `c` (0-based from firstColumn). */
function headerCellOf(place: SheetPlace, c: number): string {
  return a1(place.headerRow, place.firstColumn + c);
}

/** Adds a problem of the sheet to the check's issues. */
function report(
  place: SheetPlace,
  level: Issue["level"],
  code: CheckCode,
  cell: string,
  message: string,
): void {
  place.issues.push({ level, code, sheet: place.sheet, cell, message });
}

/** A header row without any header: the sheet has data without headers, or nothing at all. */
function reportNoHeader(place: SheetPlace, rows: readonly CellValue[][]): void {
  const anyRowFilled = rows.some((row) => Array.isArray(row) && row.some((v) => !isBlank(v)));
  if (anyRowFilled)
    report(
      place,
      "error",
      "header-missing",
      headerCellOf(place, 0),
      messages.headerMissing(place.sheet, place.headerRow),
    );
  else report(place, "error", "empty-sheet", headerCellOf(place, 0), messages.emptySheet(place.sheet));
}

/** The sheet's headers and where the model's columns are among them. */
interface SheetColumns {
  /** The header texts (`headerText`) by column, "" for none. */
  headers: string[];
  /** The columns of each header key, in sheet order. */
  columnsByKey: Map<string, number[]>;
  /** The roles the model names (id and Sozialraum first), each with its column (-1: not found). */
  roles: Role[];
  /** The column of each indicator (-1: not found). */
  indicatorColumn: number[];
}

/** Finds the model's columns under the headers: by header key, the first of equal headers. */
function findColumns(model: ResolvedModel, headers: string[]): SheetColumns {
  const columnsByKey = new Map<string, number[]>();
  headers.forEach((h, c) => {
    if (h === "") return;
    const k = columnKey(h);
    const list = columnsByKey.get(k);
    if (list) list.push(c);
    else columnsByKey.set(k, [c]);
  });
  const data = model.data;
  const find = (header: string) => columnsByKey.get(columnKey(header))?.[0] ?? -1;
  const roles: Role[] = [];
  for (const key of ["id", "area", ...OPTIONAL_ROLES] as const) {
    const header = data[key];
    if (typeof header === "string" && header.trim() !== "") roles.push({ key, header, column: find(header) });
  }
  const indicatorColumn = model.indicators.map((ind) => find(ind.column));
  return { headers, columnsByKey, roles, indicatorColumn };
}

/** The column of a role, -1 when the model does not name it or the sheet lacks it. */
function roleColumn(roles: readonly Role[], key: Role["key"]): number {
  return roles.find((r) => r.key === key)?.column ?? -1;
}

/** Headers written twice: an error where the model uses the header, else a warning. */
function reportDuplicateHeaders(
  place: SheetPlace,
  columns: SheetColumns,
  indicators: readonly ResolvedIndicator[],
): void {
  const { headers, roles } = columns;
  const headerCell = (c: number) => headerCellOf(place, c);
  const usedKeys = new Set([
    ...roles.map((r) => columnKey(r.header)),
    ...indicators.map((i) => columnKey(String(i.column))),
  ]);
  for (const [k, cols] of columns.columnsByKey) {
    if (cols.length < 2) continue;
    const used = usedKeys.has(k);
    for (const c of cols.slice(1)) {
      report(
        place,
        used ? "error" : "warning",
        "header-duplicate",
        headerCell(c),
        messages.headerDuplicate(
          headerCell(c),
          headers[c],
          cols.filter((o) => o !== c).map(headerCell),
          used,
        ),
      );
    }
  }
}

/** The model's columns not found on the sheet (roles first, then indicators), each with a likely meant header. */
function reportMissingColumns(
  place: SheetPlace,
  columns: SheetColumns,
  indicators: readonly ResolvedIndicator[],
): void {
  const { headers, roles, indicatorColumn } = columns;
  const { sheet, headerRow } = place;
  const existing = headers.filter((h) => h !== "");
  // the headers no model column was found under: what a column name not found may have meant
  const found = new Set([...roles.map((r) => r.column), ...indicatorColumn]);
  const unused = headers.filter((h, c) => h !== "" && !found.has(c));
  for (const r of roles) {
    if (r.column < 0) {
      report(
        place,
        "error",
        "column-missing",
        headerCellOf(place, 0),
        messages.columnMissing(
          ROLE_NAMES[r.key],
          r.header,
          sheet,
          headerRow,
          existing,
          nearestHeader(r.header, unused),
        ),
      );
    }
  }
  indicators.forEach((ind, i) => {
    if (indicatorColumn[i] < 0) {
      report(
        place,
        "error",
        "column-missing",
        headerCellOf(place, 0),
        messages.columnMissing(
          `${ROLE_NAMES.indicator}, ${ind.category}`,
          String(ind.column),
          sheet,
          headerRow,
          existing,
          nearestHeader(String(ind.column), unused),
        ),
      );
    }
  });
}

/** The columns and rules of the pass over the rows, from the columns found under the headers. */
function sheetPassSetup(
  place: SheetPlace,
  model: ResolvedModel,
  table: RawTable,
  columns: SheetColumns,
  width: number,
): SheetPassSetup {
  const { headers, roles, indicatorColumn } = columns;
  // columns with no header: remembered to warn if they hold data
  const blankHeaderColumns: number[] = [];
  for (let c = 0; c < width; c++) if ((headers[c] ?? "") === "") blankHeaderColumns.push(c);
  const modelColumns = [...roles.map((r) => r.column), ...indicatorColumn].filter((c) => c >= 0);
  return {
    sheet: place.sheet,
    headerRow: place.headerRow,
    firstColumn: place.firstColumn,
    rows: table.rows,
    formats: Array.isArray(table.formats) ? table.formats : undefined,
    headers,
    issues: place.issues,
    indicators: model.indicators,
    indicatorColumn,
    blankHeaderColumns,
    modelColumns,
    childrenRequired: needsChildren(model),
    idCol: roleColumn(roles, "id"),
    areaCol: roleColumn(roles, "area"),
    childrenCol: roleColumn(roles, "children"),
    kitaIndexCol: roleColumn(roles, "kitaIndex"),
    strand2Col: roleColumn(roles, "strand2"),
    strand3ReasonCol: roleColumn(roles, "strand3Reason"),
    strand4Col: roleColumn(roles, "strand4"),
    strand4ReasonCol: roleColumn(roles, "strand4Reason"),
    verbundCol: roleColumn(roles, "verbund"),
    firstYearCol: roleColumn(roles, "firstYear"),
    strand4VzaeCol: roleColumn(roles, "strand4Vzae"),
    traegerCol: roleColumn(roles, "traeger"),
  };
}

/** Columns without a header that hold data: a warning each, at the first value found. */
function reportBlankHeaderData(pass: SheetPass): void {
  const place = pass.setup;
  for (const [c, first] of pass.blankHeaderData) {
    report(
      place,
      "warning",
      "header-blank",
      headerCellOf(place, c),
      messages.headerBlank(headerCellOf(place, c), pass.cellAt(first.row, c), first.value),
    );
  }
}

/** Indicator columns mixing percent-formatted numbers with plain ones (`percentMixRule`). */
function reportPercentMixes(pass: SheetPass): void {
  const { indicators, indicatorColumn, rows } = pass.setup;
  const { units, states, percentCount, plainCount, percentCells, unitRows, indicatorCount } = pass;
  indicators.forEach((_, i) => {
    if (percentCount[i] === 0 || plainCount[i] === 0) return;
    // the rows of the numbers of each kind, in sheet order
    const percentRows: number[] = [];
    const plainRows: number[] = [];
    for (let u = 0; u < units.length; u++) {
      const k = u * indicatorCount + i;
      if (states[k] !== STATE_VALUE) continue;
      (percentCells !== null && percentCells[k] === 1 ? percentRows : plainRows).push(unitRows[u]);
    }
    const c = indicatorColumn[i];
    const valuesOf = (list: number[]) => list.map((r) => rows[r][c] as number);
    const level = percentMixRule(valuesOf(percentRows), valuesOf(plainRows));
    const fewer = percentRows.length < plainRows.length ? percentRows : plainRows;
    const more = fewer === percentRows ? plainRows : percentRows;
    const listed = (list: number[]) =>
      list.map((r) => ({ cell: pass.cellAt(r, c), value: rows[r][c] as number }));
    report(
      pass.setup,
      level,
      "percent-mixed",
      pass.cellAt(fewer[0], c),
      messages.percentMixed(
        headerCellOf(pass.setup, c),
        pass.header(c),
        fewer === percentRows ? "percent" : "plain",
        listed(fewer),
        listed(more.slice(0, 1))[0],
        more.length,
        level === "error",
      ),
    );
  });
}

/** Sozialräume written in more than one spelling (case, spaces): a warning each. */
function reportAreaSpellings(pass: SheetPass): void {
  for (const { spellings, cell } of pass.areaSpellings.values()) {
    if (spellings.length > 1)
      report(pass.setup, "warning", "area-spelling", cell, messages.areaSpelling(cell, spellings));
  }
}

/** An indicator is informative when it was found, has values and is not constant. */
function informativeIndicators(pass: SheetPass): boolean[] {
  const { indicators, indicatorColumn } = pass.setup;
  const stats = pass.stats;
  return indicators.map(
    (_, i) => indicatorColumn[i] >= 0 && stats[i].count > 0 && stats[i].max > stats[i].min,
  );
}

/** Indicators found on the sheet without any value, or with one value only: a warning each. */
function reportUninformativeIndicators(pass: SheetPass): void {
  const { indicators, indicatorColumn, headers } = pass.setup;
  const { units, stats, states, indicatorCount } = pass;
  const stateOf = (u: number, i: number) => states[u * indicatorCount + i];
  indicators.forEach((ind, i) => {
    const c = indicatorColumn[i];
    if (c < 0 || units.length === 0) return;
    const s = stats[i];
    const where = headerCellOf(pass.setup, c);
    if (s.count === 0) {
      // only a blank column is "without any value": text or error cells ("12,5" as text in a CSV export)
      // each have their own error, and the user sees values there
      if (!units.some((_, u) => stateOf(u, i) === STATE_BAD))
        report(pass.setup, "warning", "indicator-empty", where, messages.indicatorEmpty(where, headers[c]));
    } else if (s.max === s.min)
      report(
        pass.setup,
        "warning",
        "indicator-constant",
        where,
        messages.indicatorConstant(where, headers[c], s.min),
      );
  });
}

/** What the categories' findings are: their issues, and the cells their `category-empty` errors cover. */
interface CategoryFindings {
  issues: Issue[];
  /** unit · indicatorCount + indicator of the cells covered by a category-empty error (no text key per cell) */
  blocking: Set<number>;
}

/**
 * Categories: the informative indicators of each category. A unit without any value in one of them
 * blocks (category-empty); its blank cells there get that one message, not also a value-missing warning.
 */
function categoryFindings(
  pass: SheetPass,
  model: ResolvedModel,
  informative: readonly boolean[],
): CategoryFindings {
  const { sheet, firstColumn, indicators, indicatorColumn, headers } = pass.setup;
  const { units, states, indicatorCount } = pass;
  const stateOf = (u: number, i: number) => states[u * indicatorCount + i];
  const categoryIssues: Issue[] = [];
  const blocking = new Set<number>();
  const categoryNames = model.categories.map((c) => c.name);
  for (const category of categoryNames) {
    const members = indicators.map((ind, i) => (ind.category === category ? i : -1)).filter((i) => i >= 0);
    const found = members.filter((i) => indicatorColumn[i] >= 0);
    if (found.length === 0 || found.length < members.length || units.length === 0) continue; // column-missing said it
    const useful = found.filter((i) => informative[i]);
    if (useful.length === 0) {
      // Constant indicators carry no information (SPEC §2.1): a category made only of them is left out of
      // the Gesamtindex and the other categories are reweighted (a warning). A category without any value
      // at all leaves every unit without a value there (SPEC §2.4): that blocks.
      const onlyConstant = found.every((i) => units.some((_, u) => stateOf(u, i) === STATE_VALUE));
      categoryIssues.push({
        level: onlyConstant ? "warning" : "error",
        code: "category-no-information",
        sheet,
        cell: "",
        message: messages.categoryNoInformation(
          category,
          found.map((i) => headers[indicatorColumn[i]]),
        ),
      });
      continue;
    }
    const unitsWithout = unitsWithoutValue(states, indicatorCount, units.length, useful);
    for (let n = 0; n < unitsWithout.length; n++) {
      const u = unitsWithout[n];
      const unit = units[u];
      for (const i of useful) blocking.add(u * indicatorCount + i);
      const where = a1(unit.row, firstColumn + indicatorColumn[useful[0]]);
      const name = unit.id || `Zeile ${unit.row}`;
      const columns = useful.map((i) => headers[indicatorColumn[i]]);
      // cells that are not blank but unreadable („k.A.“) have an error of their own: this one is about
      // the category, and says that leaving them blank would not do either
      const unreadable = useful
        .filter((i) => stateOf(u, i) === STATE_BAD)
        .map((i) => a1(unit.row, firstColumn + indicatorColumn[i]));
      categoryIssues.push({
        level: "error",
        code: "category-empty",
        sheet,
        cell: where,
        message:
          unreadable.length > 0
            ? messages.categoryEmptyUnreadable(where, name, category, columns, unreadable)
            : messages.categoryEmpty(where, name, category, columns),
      });
    }
  }
  return { issues: categoryIssues, blocking };
}

/**
 * Blank cells of informative indicators: one warning per cell, in sheet order (a cell that blocks its
 * unit's category has the category's error instead).
 */
function reportBlankCells(
  pass: SheetPass,
  informative: readonly boolean[],
  blocking: ReadonlySet<number>,
): void {
  const { firstColumn, indicatorColumn, headers } = pass.setup;
  const { units, indicatorCount } = pass;
  const blankCells = blankInformativeCells(pass.states, indicatorCount, units.length, informative);
  for (let n = 0; n < blankCells.length; n++) {
    const k = blankCells[n];
    if (blocking.has(k)) continue;
    const unit = units[Math.floor(k / indicatorCount)];
    const i = k % indicatorCount;
    const where = a1(unit.row, firstColumn + indicatorColumn[i]);
    report(
      pass.setup,
      "warning",
      "value-missing",
      where,
      messages.valueMissing(where, headers[indicatorColumn[i]], unit.id || `Zeile ${unit.row}`),
    );
  }
}

/** Data coverage (`options.coverage`): units, then indicators, with fewer values than the model asks for. */
function reportCoverage(pass: SheetPass, coverage: CoverageOption, informative: readonly boolean[]): void {
  const { firstColumn, indicators, indicatorColumn, headers, idCol } = pass.setup;
  const { units, stats, states, indicatorCount } = pass;
  const stateOf = (u: number, i: number) => states[u * indicatorCount + i];
  const usable = indicators.map((_, i) => i).filter((i) => informative[i]);
  if (units.length === 0 || usable.length === 0) return;
  units.forEach((unit, u) => {
    const present = usable.filter((i) => stateOf(u, i) === STATE_VALUE).length;
    const share = present / usable.length;
    if (share < coverage.unit) {
      const where = a1(unit.row, firstColumn + Math.max(idCol, 0));
      report(
        pass.setup,
        coverage.level,
        "coverage-unit",
        where,
        messages.coverageUnit(
          where,
          unit.id || `Zeile ${unit.row}`,
          present,
          usable.length,
          share,
          coverage.unit,
        ),
      );
    }
  });
  for (const i of usable) {
    const share = stats[i].count / units.length;
    if (share < coverage.indicator) {
      const where = headerCellOf(pass.setup, indicatorColumn[i]);
      report(
        pass.setup,
        coverage.level,
        "coverage-indicator",
        where,
        messages.coverageIndicator(
          where,
          headers[indicatorColumn[i]],
          stats[i].count,
          units.length,
          share,
          coverage.indicator,
        ),
      );
    }
  }
}

/** The checked units as a Dataset (with their typed columns remembered for the allocation). */
function checkedDataset(pass: SheetPass, roles: readonly Role[], width: number): Dataset {
  const { sheet, headerRow, firstColumn, indicators, indicatorColumn } = pass.setup;
  const units = pass.units;
  const lastColumn = firstColumn + width - 1;
  const dataset: Dataset = {
    sheet,
    units,
    indicators: indicators.map((ind) => ({ ...ind })),
    indicatorColumns: indicatorColumn.map((c) => columnLetters(firstColumn + c)),
    roleColumns: Object.fromEntries(
      roles.filter((x) => x.column >= 0).map((x) => [x.key, columnLetters(firstColumn + x.column)]),
    ),
    headerRow,
    inputRange: `${quoteSheet(sheet)}!${a1(headerRow, firstColumn)}:${a1(pass.rowNumber(pass.lastDataRow), lastColumn)}`,
  };
  rememberCheckedColumns(
    dataset,
    pass.values.map((c) => c.subarray(0, units.length)),
  );
  return dataset;
}

/**
 * The SRB model: everything that decides how an allocation is computed, as plain data.
 *
 * The model is saved inside the workbook (so next year's file recomputes the same way) and
 * read from / written to `*.srb.json` files for the command line (SPEC.md §8). Field names that
 * SPEC.md §8 fixes are kept exactly; everything else is an optional extension with a default.
 */

/** +1: a higher value means more need. −1: a higher value means less need. */
export type Direction = 1 | -1;

export interface IndicatorSpec {
  /** Header text of the data column. */
  column: string;
  /** Name of the category (Kategorie) the indicator belongs to. */
  category: string;
  direction: Direction;
  /** Weight inside its category (default 1). */
  weight: number;
  /** Optional display name; defaults to the column header. */
  label?: string;
  /** Fixed goalposts (reference-year min and max); used when `options.goalposts` is on. */
  goalposts?: { min: number; max: number };
  /**
   * Values below 0 are allowed (e.g. a Saldo or a change rate). Default false: indicators are counts,
   * shares or scale values, and a negative value is a data error (see docs/bad-inputs.md).
   */
  allowNegative?: boolean;
}

export interface CategorySpec {
  name: string;
  /** Weight in the Gesamtindex (default 1). */
  weight: number;
}

export type Normalisation = "minmax" | "tscore";
export type SdKind = "sample" | "population";
export type AreaMethod = "mean-of-units" | "sum-of-units" | "aggregate";

export interface CoverageOption {
  /** Minimum share (0–1) of the model's indicators a unit must have a value for. */
  unit: number;
  /** Minimum share (0–1) of units that must have a value for an indicator. */
  indicator: number;
  /** What falling short produces in the check report. */
  level: "warning" | "error";
}

export interface SockelOption {
  /** Fraction (0–1) of the budget split before the index-based split. */
  fraction: number;
  /** Split the Sockel equally per Sozialraum or by Kinder. */
  by: "equal" | "children";
}

export interface ModelOptions {
  normalisation: Normalisation;
  sd: SdKind;
  areaMethod: AreaMethod;
  /** Weight the area mean (mean-of-units, aggregate) by Kinder. Default false. */
  childWeighted?: boolean;
  /** COINr-style outlier winsorisation (|skew| > 2 and kurtosis > 3.5, at most 5 clips). Default false. */
  winsorise?: boolean;
  /** Use the indicators' `goalposts` instead of the current min and max. Default false. */
  goalposts?: boolean;
  /** Data-coverage threshold (JRC rule of thumb 0.65). Default: none. */
  coverage?: CoverageOption;
  /** Base amount split before the index-based split. Default: none. */
  sockel?: SockelOption;
  /** Replace unit names by neutral codes on the generated sheets. Default false. */
  publication?: boolean;
}

/** Where the data sits: sheet name and the header texts of the fixed columns. */
export interface DataMapping {
  sheet: string;
  /**
   * 1-based sheet row of the header row, fixed by the user (SPEC §8 `data.headerRow`); without it the
   * header row is found (tableLocation.ts: an Excel table, the model's columns, the header look).
   */
  headerRow?: number;
  /**
   * The cell range of the Kita table chosen by the user, e.g. "B3:H30" (an extension of SPEC §8): its first
   * row is the header row, its columns the table's, its last row the last one read; wins over `headerRow`.
   */
  range?: string;
  id: string;
  area: string;
  children?: string;
  /** Strand 2: column flagging the one Kommunikations- und Nachbarschaftszentrum per Sozialraum. */
  strand2?: string;
  /** Strand 3 exception: column with a written reason (unit above the lower bound but not above the mean). */
  strand3Reason?: string;
  /** Strand 4: flag column for betriebserlaubnisrelevantes Zusatzpersonal. */
  strand4?: string;
  /** Strand 4: justification text column (must be non-empty). */
  strand4Reason?: string;
  /** Bremen: Verbund (group) column. */
  verbund?: string;
  /** Bremen: flag column for units newly funded this year (first-year Sachkosten). */
  firstYear?: string;
  /** Bremen: externally computed Kita-Index column (0–100). */
  kitaIndex?: string;
  /** Strand 4: requested VZÄ per Kita (SPEC §5; no column: one step). */
  strand4Vzae?: string;
  /** Träger of the Kita (SPEC §5.4: Träger summary). */
  traeger?: string;
}

/**
 * Rules of the Stellenplan (SPEC §5, §8 `rules.*`); defaults in src/engine/stellenplan.ts
 * (`DEFAULT_STRAND2_VZAE` 0.5, `DEFAULT_WITHIN` "index", `DEFAULT_UNSPENT` "keep").
 */
export interface StellenplanRules {
  /** VZÄ for the Kommunikations- und Nachbarschaftszentrum of each area. */
  strand2Vzae?: number;
  /** Split of the rest: by Gesamtindex, or Gesamtindex × Kinder. */
  within?: "index" | "index-children";
  /** Areas without eligible Kita: keep the amount as nicht verplant, or redistribute it. */
  unspent?: "keep" | "redistribute";
}

export interface KofinanzierungSpec {
  /** Share of personnel costs the budget (Land) pays; default 0.6. */
  landShare: number;
  /** Share the Jugendamt pays; default 0.4. */
  municipalShare: number;
}

export interface BudgetSpec {
  /** Budget to distribute, in euros. */
  total: number;
  /** Budget year (for Dynamisierung and the Methode sheet). */
  year?: number;
  /** Dynamisierung: the base amount and its year; `total` is then derived by the caller if wanted. */
  dynamisierung?: { baseAmount: number; baseYear: number; rate: number };
  kofinanzierung?: KofinanzierungSpec;
  /** Annual employer cost per VZÄ (e.g. TVöD SuE S 11b). */
  costPerVzae?: number;
  /** VZÄ are rounded down to this step (default 0.25). */
  vzaeStep?: number;
}

export interface BremenRuleRow {
  /** Kita-Index must be strictly above this value. */
  indexAbove: number;
  /** Children (or Verbund children) at least … */
  childrenMin: number;
  /** … and at most (null = no upper limit). */
  childrenMax: number | null;
  vzae: number;
}

export interface BremenRules {
  rows: BremenRuleRow[];
  /** Sachkostenpauschale per funded unit and year. */
  sachkosten: number;
  /** Sachkosten in the first year of a newly funded unit. */
  sachkostenFirstYear: number;
  /** Years an index stays valid. */
  indexPeriodYears: number;
}

export type RuleSet = "rlp" | "bremen";

export interface Model {
  data: DataMapping;
  indicators: IndicatorSpec[];
  categories: CategorySpec[];
  options: ModelOptions;
  budget: BudgetSpec;
  /** Rule set; default "rlp". */
  ruleSet?: RuleSet;
  bremen?: BremenRules;
  /** Category used for strand 3; default "Flucht und Migration". */
  strand3Category?: string;
  /** Stellenplan rules (SPEC §5). */
  rules?: StellenplanRules;
  /** The municipality (e.g. "Stadt Musterstadt – Jugendamt"), printed on every generated sheet; default "". */
  municipality?: string;
}

export const DEFAULT_STRAND3_CATEGORY = "Flucht und Migration";

/** The rule set of a model that names none: Rheinland-Pfalz (SPEC §3). */
export const DEFAULT_RULE_SET: RuleSet = "rlp";

/** The Bad Kreuznach default catalogue of categories. */
export const DEFAULT_CATEGORIES: readonly string[] = [
  "Allgemeiner Bedarf",
  "Soziale Lage",
  "Flucht und Migration",
  "Infrastruktur und Netzwerke",
];

export const DEFAULT_OPTIONS: ModelOptions = {
  normalisation: "minmax",
  sd: "sample",
  areaMethod: "mean-of-units",
  childWeighted: false,
  winsorise: false,
  goalposts: false,
  publication: false,
};

export const DEFAULT_KOFINANZIERUNG: KofinanzierungSpec = { landShare: 0.6, municipalShare: 0.4 };

export const DEFAULT_BREMEN_RULES: BremenRules = {
  rows: [
    { indexAbove: 50, childrenMin: 40, childrenMax: 120, vzae: 0.5 },
    { indexAbove: 50, childrenMin: 121, childrenMax: null, vzae: 1.0 },
  ],
  sachkosten: 2500,
  sachkostenFirstYear: 5000,
  indexPeriodYears: 4,
};

/**
 * An indicator as the computation uses it: every field set (label defaults to the column header, no
 * goalposts = null, allowNegative false).
 */
export interface ResolvedIndicator {
  column: string;
  category: string;
  direction: Direction;
  weight: number;
  label: string;
  goalposts: { min: number; max: number } | null;
  allowNegative: boolean;
}

/** The column mapping with every optional column either named or null (the sheet found in the workbook). */
export interface ResolvedDataMapping {
  sheet: string;
  /** `data.headerRow` of the model file; absent: found on the sheet. */
  headerRow?: number;
  /** `data.range` of the model file (e.g. "B3:H30"); absent: found on the sheet. */
  range?: string;
  id: string;
  area: string;
  children: string | null;
  strand2: string | null;
  strand3Reason: string | null;
  strand4: string | null;
  strand4Reason: string | null;
  verbund: string | null;
  firstYear: string | null;
  kitaIndex: string | null;
  strand4Vzae: string | null;
  traeger: string | null;
}

/** The options with every default filled in; "none" is null (no coverage threshold, no Sockel). */
export interface ResolvedOptions {
  normalisation: Normalisation;
  sd: SdKind;
  areaMethod: AreaMethod;
  childWeighted: boolean;
  winsorise: boolean;
  goalposts: boolean;
  coverage: CoverageOption | null;
  sockel: SockelOption | null;
  publication: boolean;
}

/** The budget with every default filled in; "none" is null (no year, no Dynamisierung, no VZÄ cost). */
export interface ResolvedBudget {
  total: number;
  year: number | null;
  dynamisierung: { baseAmount: number; baseYear: number; rate: number } | null;
  kofinanzierung: KofinanzierungSpec;
  costPerVzae: number | null;
  vzaeStep: number;
}

/**
 * The model after the one checkpoint (`resolveModel`, src/engine/resolveModel.ts): checked, every default
 * filled in, every field present. The check, the computation and the sheet builders take only this type,
 * so none of them needs a fallback of its own.
 */
export interface ResolvedModel {
  data: ResolvedDataMapping;
  indicators: ResolvedIndicator[];
  categories: CategorySpec[];
  options: ResolvedOptions;
  budget: ResolvedBudget;
  ruleSet: RuleSet;
  /** The Bremen rule table; null for the rule set "rlp". */
  bremen: BremenRules | null;
  /** Category used for strand 3. */
  strand3Category: string;
  /** Stellenplan rules (SPEC §5), every one set. */
  rules: Required<StellenplanRules>;
  /** The municipality printed on every generated sheet ("" when the model names none). */
  municipality: string;
}

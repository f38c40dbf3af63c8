/**
 * The allocation model: everything the engine computed, ready for the sheet writer, the results JSON,
 * the custom functions and the task pane. Plain data; no step reads back from a sheet.
 */
import type { CategoryIndices } from "./categoryIndices";
import type { Issue } from "./issues";
import type { ResolvedModel } from "./model";
import type { AreaPlan, UnitPlan } from "./stellenplan";
import type { TraegerTotal } from "./traegerSummary";
import type { IndicatorScores } from "./unitScores";

export type Band = "oberhalb" | "innerhalb" | "unterhalb";

export interface NormBand {
  mean: number;
  sd: number;
  lower: number;
  upper: number;
}

export interface Eligibility {
  /** Strand 1 Kita-Sozialarbeit: Gesamtindex ≥ lower bound of the norm band. */
  sozialarbeit: boolean;
  /** Strand 2 Kommunikations- und Nachbarschaftszentrum: the unit flagged by the user. */
  nachbarschaftszentrum: boolean;
  /** Strand 3 Interkulturelle Fachkräfte: category index > its mean (or the marked exception). */
  interkulturell: boolean;
  /** Strand 3 granted only as an exception (index > lower bound, ≤ mean, reason given). */
  interkulturellException: boolean;
  /** Strand 4 Betriebserlaubnisrelevantes Zusatzpersonal: flag plus non-empty justification. */
  zusatzpersonal: boolean;
}

export interface BremenUnitResult {
  /** Kita-Index used (external column, else SRB's Gesamtindex). */
  kitaIndex: number | null;
  /** VZÄ granted to this unit (0 if the position went to its Verbund). */
  vzae: number;
  /** Sachkosten granted (0, sachkosten or sachkostenFirstYear). */
  sachkosten: number;
  /** Human-readable reason (German), e.g. "Index 62,3 > 50, 85 Kinder → 0,5 VZÄ". */
  reason: string;
}

/**
 * A unit's Stellenplan: the SPEC §8 names (`amount`, `municipal`, `vzae`, `strands`) and, from the engine,
 * the breakdown (`personnelVolume`, the set-aside and index VZÄ, the tie flag) — optional, because an
 * adopted allocation read back from an earlier file may carry the SPEC names only.
 */
export type UnitPlanResult = { amount: number; municipal: number; vzae: number; strands: string[] } & Partial<
  Omit<UnitPlan, "amount" | "municipal" | "vzae" | "strands">
>;

export interface UnitResult {
  id: string;
  /** Code used in publication mode (e.g. "E01"). */
  code: string;
  area: string;
  row: number;
  children: number | null;
  /** Gesamtindex; null when a category is missing. */
  index: number | null;
  band: Band | null;
  categoryBands: Record<string, Band | null>;
  eligible: Eligibility;
  /**
   * Proposed amount within the Sozialraum (Schritt 2), euros, cent-exact: the Stellenplan's € (Land part)
   * when there is one, else the area amount split by Gesamtindex.
   */
  proposedAmount: number;
  /** Träger (when the model names the column; null: cell blank). */
  traeger?: string | null;
  /** The Stellenplan of the unit (SPEC §5, results.json `units[].plan`); absent without a cost per VZÄ. */
  plan?: UnitPlanResult;
  /**
   * Carried forward without a cost per VZÄ (no Stellenplan this year): the part of `proposedAmount` that
   * carries the Kita's adopted set-asides of strands 2 and 4 (Nachbarschaftszentrum, Zusatzpersonal), € cent-
   * exact — the amount split in proportion of the adopted VZÄ set aside and by index. Absent when the Kita
   * had none, and in every other run (without a Stellenplan nothing is set aside).
   */
  carriedSetAside?: number;
  bremen?: BremenUnitResult;
}

export interface AreaResult {
  name: string;
  index: number;
  band: Band | null;
  /** Share of the budget (0–1). */
  share: number;
  /** Amount in euros, cent-exact; all areas add up to the budget. */
  amount: number;
  units: number;
  children: number | null;
  /** Kofinanzierung: personnel volume P = amount / landShare, Land part = amount, municipal part = P · municipalShare. */
  personnelVolume: number;
  landPart: number;
  municipalPart: number;
  /** VZÄ = P / costPerVzae rounded down to the step; null without costPerVzae. */
  vzae: number | null;
  /** Cent decided by a tie in the largest-remainder method (the law would draw lots). */
  tieFlag: boolean;
  /** € nicht verplant in the Stellenplan (SPEC §5, results.json `areas[].unplanned`); absent without a plan. */
  unplanned?: number;
  /** The Stellenplan totals of the area (received/given from unspent areas, planned, VZÄ, …). */
  plan?: AreaPlan;
}

export interface EffectiveWeight {
  column: string;
  category: string;
  /** Weight of the indicator in the Gesamtindex (all effective weights add up to 1). */
  weight: number;
}

export interface Allocation {
  budget: number;
  units: UnitResult[];
  /**
   * The units' standard scores by indicator (the dataset's indicators, model order), each over `units` in
   * their order: `unitScores(scores, e)` is unit e's list, null where it has none (missing or constant).
   */
  scores: readonly IndicatorScores[];
  /**
   * Carried forward from a basis that kept no standard scores for some units (a hand-edited Beschluss):
   * `scoresNotStored[e] = 1` for those. Their list is empty (`unitScoreList`), not a row of nulls that would
   * read as blank values; the run says so (`carry-forward-scores-missing`). Absent in every other run.
   */
  scoresNotStored?: Uint8Array;
  /**
   * The units' Kategorie-Indizes by category, each over `units` in their order:
   * `unitCategoryIndices(categoryIndices, e)` is unit e's record by category name, null where it has none.
   */
  categoryIndices: CategoryIndices;
  areas: AreaResult[];
  norm: {
    /** Over the units' Gesamtindex. */
    index: NormBand;
    /** Over the units' category indices. */
    categories: Record<string, NormBand>;
    /** Over the Sozialräume' area index. */
    areaIndex: NormBand;
  };
  effectiveWeights: EffectiveWeight[];
  /** Warnings found while computing (constant indicator, ties, coverage, …); errors block before this. */
  issues: Issue[];
  /** The checked input range, e.g. "Kitas!A1:T33" (the dataset's, for the Methode sheet). */
  inputRange: string;
  /** The model the allocation was computed with (resolved: every default filled in). */
  model: ResolvedModel;
  /** Träger summary of the Stellenplan (SPEC §5.4), when the model names a Träger column and there is a plan. */
  traeger?: TraegerTotal[];
}

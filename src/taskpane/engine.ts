/**
 * The task pane's seam to the use case (src/usecase/generate.ts): the preview while the user edits, the
 * robustness check, and generating the sheets all go through it, so the pane deals in plain data and a
 * failure of the computation itself (a bug, not bad data) becomes a message instead of a blank pane.
 */
import type { Allocation, EffectiveWeight } from "../engine/allocation";
import { effectiveWeights } from "../engine/effectiveWeights";
import type { Issue } from "../engine/issues";
import type { Model } from "../engine/model";
import { modelJson, serializeModel } from "../engine/modelFile";
import { resolveModel } from "../engine/resolveModel";
import type { Robustness } from "../engine/robustness";
import { suggestModel } from "../engine/suggestModel";
import type { RawTable } from "../engine/table";
import { NO_STORED_ADOPTIONS, type StoredAdoptionRecords } from "../workbook/port";
import { previewComparison, type PreviewComparison } from "../usecase/fortschreibung";
import { previewWithAdoptions, robustnessOf, unitNamer as namer, type Preview } from "../usecase/generate";
import { describeError } from "./useWorkbookAction";

export { ROBUSTNESS_RUNS, ROBUSTNESS_SEED } from "../usecase/generate";

export interface ComputeResult {
  allocation: Allocation | null;
  issues: Issue[];
  /** Set when the computation itself failed (not a data problem). */
  error: string | null;
  /** The checked model, dataset and allocation (for the robustness check); null on a failure. */
  preview: Preview | null;
  /** The comparison with the workbook's latest adoption (SPEC §5a), when it holds one. */
  comparison: PreviewComparison | null;
  /** Date (ISO) of the adoption the run refers to (compared with, or carried forward from); null: none. */
  reference: string | null;
  /** The allocation is the adopted shares carried forward (nothing recomputed). */
  carriedForward: boolean;
}

/**
 * The model `suggestModel` proposes for a freshly detected table (columns, categories, defaults).
 *
 * @example suggest(table).data.id; // => "Einrichtung"
 */
export function suggest(table: RawTable): Model {
  return suggestModel(table);
}

/**
 * Reads a model stored in the workbook through the model checkpoint: the model, or null with the German
 * reasons.
 *
 * @example readStored({ nonsense: true }); // => { model: null, problems: ["…"] }
 */
export function readStored(json: unknown): { model: Model | null; problems: string[] } {
  try {
    // a model whose shape is valid is loaded even when a value is not: the result step shows the problem
    const resolved = resolveModel(json);
    const errors = resolved.issues.filter((i) => i.level === "error").map((i) => i.message);
    return { model: resolved.file, problems: resolved.file ? [] : errors };
  } catch (thrown) {
    return { model: null, problems: [describeError(thrown)] };
  }
}

/**
 * Checks the model and the table and computes the allocation (the use case's preview, planned against the
 * workbook's stored adoptions: compared with the latest, or its shares carried forward); never throws.
 *
 * @param adoptions the workbook's stored adoptions as read (`port.readStoredAdoptions()`); the damaged ones
 *   are a warning among the issues
 * @param carryForward distribute the budget by the latest adoption's shares instead of recomputing
 * @example compute(model, table); // => { allocation: {...} | null, issues: [...], error: null, preview, comparison: null, … }
 */
export function compute(
  model: Model,
  table: RawTable,
  adoptions: StoredAdoptionRecords = NO_STORED_ADOPTIONS,
  carryForward = false,
): ComputeResult {
  try {
    const p = previewWithAdoptions(model, table, adoptions, { carryForward });
    const fort = p.fortschreibung;
    return {
      allocation: p.allocation,
      issues: p.issues,
      error: null,
      preview: p,
      comparison: fort && p.allocation ? previewComparison(fort.plan, p.allocation) : null,
      reference: fort?.plan.reference?.date ?? null,
      carriedForward: fort?.carriedForward === true,
    };
  } catch (thrown) {
    return {
      allocation: null,
      issues: [],
      error: describeError(thrown),
      preview: null,
      comparison: null,
      reference: null,
      carriedForward: false,
    };
  }
}

/**
 * Effective weight of each indicator in the Gesamtindex (SPEC.md §2.6); [] when the model cannot say.
 *
 * @example
 * // four equal categories, 3 indicators in one of them: each counts 1/4 · 1/3 = 1/12
 * weightsOf(model)[0].weight; // => 0.08333…
 */
export function weightsOf(model: Model): EffectiveWeight[] {
  try {
    return effectiveWeights(model.indicators, model.categories);
  } catch {
    return [];
  }
}

export interface RobustnessOutcome {
  /** null when the allocation itself cannot be computed, or when the computation failed. */
  robustness: Robustness | null;
  /** Set when the computation itself failed (a bug, not bad data). */
  error: string | null;
}

/**
 * The robustness analysis of the computed preview (1,000 Monte-Carlo weightings, seed 1). Never throws.
 *
 * @example
 * const { robustness } = checkRobustness(compute(model, table));
 * robustness?.areas[0]; // => { name: "Nord", share: 0.4167, shareMin: 0.3333, shareMax: 0.5, … }
 */
export function checkRobustness(
  computed: ComputeResult,
  options: { runs?: number; seed?: number } = {},
): RobustnessOutcome {
  if (computed.preview === null || computed.allocation === null) return { robustness: null, error: null };
  try {
    return { robustness: robustnessOf(computed.preview, options), error: null };
  } catch (thrown) {
    return { robustness: null, error: describeError(thrown) };
  }
}

/**
 * Name of a unit as the task pane and the sheets show it: its code in publication mode, else its name.
 *
 * @example
 * unitNamer(allocation)("Kita Löwenzahn"); // => "Kita Löwenzahn", or "E07" in publication mode
 */
export function unitNamer(allocation: Allocation): (id: string) => string {
  return namer(allocation, allocation.model.options.publication);
}

/**
 * The JSON the workbook stores for a model (the same content as a `*.srb.json` file).
 *
 * @example port.writeStoredModel(toStored(model));
 */
export function toStored(model: Model): unknown {
  return JSON.parse(serializeModel(model)) as unknown;
}

/**
 * The model as a `*.srb.json` file (SPEC §8, the text `srb allocate --model` reads): the same stable JSON
 * the workbook stores.
 *
 * @example modelFileText(model); // => '{\n  "data": {\n    "sheet": "Kitas", …'
 */
export function modelFileText(model: Model): string {
  return serializeModel(model);
}

/**
 * The name offered for a saved model file, after the workbook's name when the pane knows it.
 *
 * @example modelFileName("Musterstadt.xlsx"); // => "Musterstadt.srb.json"
 * @example modelFileName(undefined); // => "SRB-Modell.srb.json"
 */
export function modelFileName(workbook: string | undefined): string {
  const base = (workbook ?? "").replace(/\.xls[xm]$/i, "").trim();
  return `${base || "SRB-Modell"}.srb.json`;
}

/** Largest model file the pane reads (a model is a few kB; anything this large is the wrong file). */
export const MAX_MODEL_FILE_BYTES = 5_000_000;

/**
 * Reads the text of a `*.srb.json` file through the model checkpoint, as `readStored` reads the workbook's:
 * the model, or null with the German reasons (a JSON error names line and column, a field is named in
 * words, never as a JSON path).
 *
 * @example readModelFile("{ kaputt").problems; // => ["Die Modelldatei ist kein gültiges JSON (Fehler in Zeile 1, Spalte 3) – …"]
 */
export function readModelFile(text: string): { model: Model | null; problems: string[] } {
  const read = modelJson(text);
  return "problem" in read ? { model: null, problems: [read.problem] } : readStored(read.json);
}

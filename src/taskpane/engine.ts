/**
 * The task pane's seam to the engine and the sheet writer: every engine call the UI makes goes through
 * these few functions, so the components deal in plain data and a failure of the computation itself
 * (a bug, not bad data) becomes a message instead of a blank pane.
 */
import packageJson from "../../package.json";
import type { Allocation, EffectiveWeight } from "../engine/allocation";
import { runAllocation } from "../engine/allocate";
import { effectiveWeights } from "../engine/effectiveWeights";
import type { Issue } from "../engine/issues";
import type { Model } from "../engine/model";
import { robustness, type Robustness } from "../engine/robustness";
import { parseModel, serializeModel } from "../engine/modelFile";
import { suggestModel } from "../engine/suggestModel";
import { tableRange, type RawTable } from "../engine/table";
import { allocationSheets } from "../workbook/allocationSheets";
import { inputChecksum } from "../workbook/checksum";
import type { SheetSpec } from "../workbook/port";
import { robustnessSheet } from "../workbook/robustnessSheet";
import { describeError } from "./useWorkbookAction";

export interface ComputeResult {
  allocation: Allocation | null;
  issues: Issue[];
  /** Set when the computation itself failed (not a data problem). */
  error: string | null;
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
 * Reads a model stored in the workbook: the model, or null with the German reasons.
 *
 * @example readStored({ nonsense: true }); // => { model: null, problems: ["…"] }
 */
export function readStored(json: unknown): { model: Model | null; problems: string[] } {
  try {
    const parsed = parseModel(json);
    const errors = parsed.issues.filter((i) => i.level === "error").map((i) => i.message);
    return { model: errors.length === 0 ? parsed.model : null, problems: errors };
  } catch (thrown) {
    return { model: null, problems: [describeError(thrown)] };
  }
}

/**
 * The JSON the workbook stores for a model (the same content as a `*.srb.json` file).
 *
 * @example port.writeStoredModel(toStored(model));
 */
export function toStored(model: Model): unknown {
  return JSON.parse(serializeModel(model));
}

/**
 * Checks the table against the model and computes the allocation; never throws.
 *
 * @example compute(model, table); // => { allocation: {...} | null, issues: [...], error: null }
 */
export function compute(model: Model, table: RawTable): ComputeResult {
  try {
    const { allocation, issues } = runAllocation(model, table);
    return { allocation, issues, error: null };
  } catch (thrown) {
    return { allocation: null, issues: [], error: describeError(thrown) };
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

/**
 * The generated sheets (Verteilung, Einrichtungen, Normbereiche, Prüfbericht, Methode) for an allocation,
 * with the Methode sheet's audit data: input range, checksum of the input values, date and version.
 *
 * @example const sheets = await sheetsFor(allocation, table, issues); await port.writeGeneratedSheets(sheets);
 */
export async function sheetsFor(
  allocation: Allocation,
  table: RawTable,
  issues: Issue[] = [],
): Promise<SheetSpec[]> {
  const inputRange = allocation.inputRange ?? tableRange(table);
  return allocationSheets(allocation, {
    inputRange,
    checksum: await inputChecksum(table),
    date: new Date().toISOString().slice(0, 10),
    version: packageJson.version,
    issues,
    publication: allocation.model.options.publication === true,
  });
}

/** Monte-Carlo draws of the task pane's robustness check (README „Robustheit“: 1.000 Zufallsgewichtungen). */
export const ROBUSTNESS_RUNS = 1000;
/** Fixed seed: the same workbook gives the same robustness result on every run and every machine. */
export const ROBUSTNESS_SEED = 1;

export interface RobustnessOutcome {
  /** null when the allocation itself cannot be computed, or when the computation failed. */
  robustness: Robustness | null;
  /** Set when the computation itself failed (a bug, not bad data). */
  error: string | null;
}

/**
 * The robustness analysis (src/engine/robustness.ts) with the task pane's defaults: 1,000 Monte-Carlo
 * weightings, seed 1. Never throws.
 *
 * @example
 * const { robustness } = checkRobustness(model, table);
 * robustness?.areas[0]; // => { name: "Nord", share: 0.4167, shareMin: 0.3333, shareMax: 0.5, … }
 */
export function checkRobustness(
  model: Model,
  table: RawTable,
  options: { runs?: number; seed?: number } = {},
): RobustnessOutcome {
  try {
    return {
      robustness: robustness(model, table, {
        runs: options.runs ?? ROBUSTNESS_RUNS,
        seed: options.seed ?? ROBUSTNESS_SEED,
      }),
      error: null,
    };
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
  if (allocation.model.options.publication !== true) return (id) => id;
  const codes = new Map(allocation.units.map((u) => [u.id, u.code]));
  return (id) => codes.get(id) ?? id;
}

/**
 * The "Robustheit" sheet for an allocation's robustness result (unit codes in publication mode).
 *
 * @example
 * const sheets = [...(await sheetsFor(allocation, table)), robustnessSheetFor(r, allocation)];
 */
export function robustnessSheetFor(r: Robustness, allocation: Allocation): SheetSpec {
  return robustnessSheet(r, { unitName: unitNamer(allocation) });
}

/**
 * Extension points of the command line. Kept in one place so that a later feature plugs in here and
 * the command itself stays thin.
 */
import type { Allocation } from "../engine/allocation";
import type { Issue } from "../engine/issues";
import type { Model } from "../engine/model";
import type { RawTable } from "../engine/table";
import type { SheetSpec } from "../workbook/port";

/** What the robustness analysis gets: the checked run it should vary. */
export interface RobustnessRequest {
  model: Model;
  table: RawTable;
  allocation: Allocation;
}

/** What it gives back: extra generated sheets, an extra results.json field, extra issues. */
export interface RobustnessResult {
  /** Added after the allocation sheets (e.g. "Robustheit"). */
  sheets: SheetSpec[];
  /** Written to results.json as `"robustness"` (an extra field, allowed by SPEC.md §8). */
  json?: unknown;
  /** Warnings to add to the check report and results.json. */
  issues?: Issue[];
}

export type RobustnessHook = (request: RobustnessRequest) => Promise<RobustnessResult>;

/**
 * ───── ROBUSTNESS HOOK ─────
 * `srb allocate --robustness` calls `cliHooks.robustness` when it is set. Until the robustness analysis
 * exists, the flag is accepted and the command says (on stderr) that the analysis is not available yet.
 * To plug it in, set it here, e.g.:
 *   import { robustnessForCli } from "../engine/robustness";
 *   export const cliHooks: CliHooks = { robustness: robustnessForCli };
 */
export interface CliHooks {
  robustness: RobustnessHook | null;
}

export const cliHooks: CliHooks = { robustness: null };

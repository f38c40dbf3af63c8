/**
 * The engine's stages as the tests call them with a model file (`Model`, as a user writes it): each goes
 * through the model checkpoint (`resolveModel`) first, as the use case does. An invalid model fails the test
 * with the checkpoint's messages, except in `checkTable` and `runAllocation`, which report them as issues
 * (the model's first), as the engine did before the checkpoint existed.
 */
import type { Allocation } from "../../src/engine/allocation";
import { allocate as allocateResolved } from "../../src/engine/allocate";
import { checkTable as checkResolved, type CheckResult } from "../../src/engine/check";
import type { Dataset } from "../../src/engine/dataset";
import { hasBlockingErrors, type Issue } from "../../src/engine/issues";
import type { Model, ResolvedModel } from "../../src/engine/model";
import { resolveModel } from "../../src/engine/resolveModel";
import { robustness, type Robustness, type RobustnessOptions } from "../../src/engine/robustness";
import type { RawTable } from "../../src/engine/table";

/**
 * The resolved model of a valid model file; throws (failing the test) with the messages of an invalid one.
 *
 * @example resolved(model()).budget.vzaeStep; // => 0.25
 */
export function resolved(model: Model | ResolvedModel): ResolvedModel {
  if (isResolved(model)) return model;
  const r = resolveModel(model);
  if (r.model === null) throw new Error(`invalid test model: ${r.issues.map((i) => i.message).join(" | ")}`);
  return r.model;
}

/** A resolved model has every field: "none" is null, never missing (a model file leaves them out). */
function isResolved(model: Model | ResolvedModel): model is ResolvedModel {
  const m = model as ResolvedModel;
  return m.bremen !== undefined && m.options.coverage !== undefined && m.budget.year !== undefined;
}

/** `allocate` on a model file. */
export function allocate(model: Model | ResolvedModel, dataset: Dataset): Allocation {
  return allocateResolved(resolved(model), dataset);
}

/** `checkTable` on a model file: the checkpoint's issues first; an invalid model gives no dataset. */
export function checkTable(model: Model | ResolvedModel, table: RawTable): CheckResult {
  if (isResolved(model)) return checkResolved(model, table);
  const r = resolveModel(model);
  if (r.model === null) return { dataset: null, issues: r.issues };
  const checked = checkResolved(r.model, table);
  return { dataset: checked.dataset, issues: [...r.issues, ...checked.issues] };
}

/** Checkpoint, check and allocation on a model file: the allocation, or null with every issue. */
export function runAllocation(
  model: Model | ResolvedModel,
  table: RawTable,
): { allocation: Allocation | null; issues: Issue[] } {
  const checked = checkTable(model, table);
  if (checked.dataset === null) return { allocation: null, issues: checked.issues };
  const allocation = allocateResolved(resolved(model), checked.dataset);
  const issues = [...checked.issues, ...allocation.issues];
  return { allocation: hasBlockingErrors(allocation.issues) ? null : allocation, issues };
}

/**
 * The robustness analysis of a model file and a sheet, as the use case runs it: null when the model's own
 * allocation has blocking issues.
 */
export function robustnessOf(
  model: Model | ResolvedModel,
  table: RawTable,
  options: RobustnessOptions = {},
): Robustness | null {
  const m = isResolved(model) ? model : resolveModel(model).model;
  if (m === null) return null;
  const { dataset } = checkResolved(m, table);
  if (dataset === null) return null;
  const base = allocateResolved(m, dataset);
  if (hasBlockingErrors(base.issues)) return null;
  return robustness({ model: m, dataset, base }, options);
}

import { useMemo, useState, type Dispatch, type SetStateAction } from "react";
import type { Allocation } from "../../engine/allocation";
import type { Model } from "../../engine/model";
import type { Robustness } from "../../engine/robustness";
import type { RawTable } from "../../engine/table";
import type { StoredAdoptionRecords } from "../../workbook/port";
import { checkRobustness, compute, type ComputeResult } from "../engine";
import type { Strings } from "../i18n";
import { nextPaint, type WorkbookActionState } from "../useWorkbookAction";

export interface AllocationState {
  /** The checked and computed allocation of model and table, or null while either is missing. */
  result: ComputeResult | null;
  /** Fortschreibung: distribute by the latest adoption's shares instead of recomputing. */
  carryForward: boolean;
  setCarryForward: Dispatch<SetStateAction<boolean>>;
  /** The robustness analysis of `result`'s allocation, or null while there is none (or it is stale). */
  robustnessNow: Robustness | null;
  /**
   * Analyses `allocation` (that of `result`) within a running action: reports `progress`, lets the spinner
   * paint, throws what fails into the action, keeps and returns the analysis.
   */
  analyseRobustness(
    allocation: Allocation,
    report: (progress: string) => void,
    progress: string,
  ): Promise<Robustness>;
  /** „Robustheit prüfen“ for the current allocation. */
  checkRobustnessNow(): void;
}

/**
 * The allocation of the current model and table, computed again on every change of model, table, stored
 * adoptions or the Fortschreibung switch, and the robustness analysis that belongs to it (a changed model
 * makes it stale).
 *
 * @example
 * const { result, robustnessNow, checkRobustnessNow } = useAllocation(model, table, adoptions, run, strings);
 */
export function useAllocation(
  model: Model | null,
  table: RawTable | null,
  adoptions: StoredAdoptionRecords,
  run: WorkbookActionState["run"],
  s: Strings,
): AllocationState {
  const [carryForward, setCarryForward] = useState(false);
  /** The last robustness result and the allocation it belongs to (a changed model makes it stale). */
  const [robust, setRobust] = useState<{ allocation: Allocation; value: Robustness } | null>(null);

  const result = useMemo(
    () => (model && table ? compute(model, table, adoptions, carryForward) : null),
    [model, table, adoptions, carryForward],
  );
  const robustnessNow = robust !== null && robust.allocation === result?.allocation ? robust.value : null;

  /**
   * The robustness analysis for the current allocation (1,000 weightings, seed 1): reported as progress,
   * computed after the spinner has painted; a failure throws into the running action, which shows it.
   */
  const analyseRobustness = async (
    allocation: Allocation,
    report: (progress: string) => void,
    progress: string,
  ): Promise<Robustness> => {
    report(progress);
    await nextPaint();
    const outcome = checkRobustness(result!);
    if (!outcome.robustness) throw new Error(outcome.error ?? s.robustnessUnavailable);
    setRobust({ allocation, value: outcome.robustness });
    return outcome.robustness;
  };

  const checkRobustnessNow = () => {
    const allocation = result?.allocation;
    if (!model || !table || !allocation) return;
    void run(s.checkRobustness, (report) => analyseRobustness(allocation, report, s.progressRobustness));
  };

  return { result, carryForward, setCarryForward, robustnessNow, analyseRobustness, checkRobustnessNow };
}

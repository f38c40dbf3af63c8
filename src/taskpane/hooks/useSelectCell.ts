import { useMemo } from "react";
import type { TaskpanePort } from "../host";
import type { Strings } from "../i18n";
import type { WorkbookActionState } from "../useWorkbookAction";

/**
 * „Zur Zelle“ of the check report: selects a cell in the workbook, or undefined where the host cannot. One
 * function per port and language: the check report (memoised, hundreds of entries) keeps its render.
 *
 * @example
 * const selectCell = useSelectCell(port, run, strings);
 * selectCell?.("Kitas", "C7");
 */
export function useSelectCell(
  port: TaskpanePort | null,
  run: WorkbookActionState["run"],
  s: Strings,
): ((sheetName: string, cell: string) => void) | undefined {
  return useMemo(
    () =>
      port?.selectCell
        ? (sheetName: string, cell: string) => {
            void run(s.goToCell(`${sheetName}!${cell}`), () => port.selectCell!(sheetName, cell));
          }
        : undefined,
    [port, run, s],
  );
}

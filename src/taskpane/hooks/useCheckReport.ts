import { useState } from "react";
import { formatDate } from "../../engine/germanFormat";
import type { Model } from "../../engine/model";
import type { ComputeResult } from "../engine";
import type { Strings } from "../i18n";
import type { WorkbookActionState } from "../useWorkbookAction";

/** App's `checkReport` prop: how the Prüfbericht is handed out, under which button label. */
export interface CheckReportDelivery {
  label: string;
  deliver(bytes: Uint8Array, fileName: string): Promise<string>;
}

/**
 * The Prüfbericht of a run that errors block, as a workbook of its own (issue 11 item 7), and the note after
 * it was handed out. `deliver` is undefined where the host offers no Prüfbericht.
 *
 * @example
 * const { note, deliver } = useCheckReport(checkReport, result, model, run, strings);
 * <ResultStep onCheckReport={deliver} checkReportNote={note} … />
 */
export function useCheckReport(
  checkReport: CheckReportDelivery | undefined,
  result: ComputeResult | null,
  model: Model | null,
  run: WorkbookActionState["run"],
  s: Strings,
): { note: string | null; deliver: (() => void) | undefined } {
  /** The note after the Prüfbericht of a blocked run was handed out. */
  const [checkReportNote, setCheckReportNote] = useState<string | null>(null);

  const deliverCheckReport = checkReport
    ? () => {
        const issues = result?.issues ?? [];
        void run(checkReport.label, async () => {
          const { checkReportWorkbook } = await import(
            /* webpackChunkName: "xlsx-workbook" */ "../../usecase/checkReportWorkbook"
          );
          const bytes = await checkReportWorkbook(issues, {
            date: formatDate(new Date()),
            municipality: model?.municipality,
          });
          setCheckReportNote(await checkReport.deliver(bytes, s.checkReportFileName));
        });
      }
    : undefined;

  return { note: checkReportNote, deliver: deliverCheckReport };
}

import { useState, type Dispatch, type SetStateAction } from "react";
import { germanDate } from "../../engine/adoption";
import { generate as generateSheets } from "../../usecase/generate";
import { NO_STORED_ADOPTIONS, type WriteReport } from "../../workbook/port";
import type { TaskpanePort } from "../host";
import type { Strings } from "../i18n";
import { nextPaint, type WorkbookActionState } from "../useWorkbookAction";
import type { AllocationState } from "./useAllocation";
import type { DataSheet } from "./useDataSheet";
import type { WorkbookSession } from "./useWorkbookSession";

export interface SheetWriter {
  /** Whether the sheets get the robustness analysis too. */
  writeRobustness: boolean;
  setWriteRobustness: Dispatch<SetStateAction<boolean>>;
  /** Whether the publication workbook is handed out with the sheets. */
  publish: boolean;
  setPublish: Dispatch<SetStateAction<boolean>>;
  /** Writes the sheets; `adopt`: also stores the allocation as a Beschluss of that date. */
  generate(adopt?: string): void;
}

/**
 * Writing the allocation into the workbook (step "Ergebnis"): the sheets through the use case, with the
 * robustness analysis and the publication workbook when asked for, a Beschluss stored when adopting. What
 * was written is said through `setGenerated`; `onGenerated` and `onPublication` are App's props.
 *
 * @example
 * const writer = useSheetWriter(port, run, strings, data, session, allocation, { onGenerated, onPublication, setGenerated });
 * <ResultStep onGenerate={() => writer.generate()} onAdopt={(date) => writer.generate(date)} … />
 */
export function useSheetWriter(
  port: TaskpanePort | null,
  run: WorkbookActionState["run"],
  s: Strings,
  data: DataSheet,
  session: WorkbookSession,
  allocation: AllocationState,
  hooks: {
    onGenerated: ((report: WriteReport) => void | Promise<void>) | undefined;
    onPublication: ((bytes: Uint8Array, fileName: string) => Promise<string>) | undefined;
    setGenerated: Dispatch<SetStateAction<string | null>>;
  },
): SheetWriter {
  const [writeRobustness, setWriteRobustness] = useState(false);
  const [publish, setPublish] = useState(false);
  const { model, table } = data;
  const { setStoredModel, setAdoptions } = session;
  const { result, robustnessNow, analyseRobustness, carryForward, setCarryForward } = allocation;
  const { onGenerated, onPublication, setGenerated } = hooks;

  /** Writes the sheets through the use case; `adopt`: also stores the allocation as a Beschluss of that date. */
  const generate = (adopt?: string) => {
    const allocation = result?.allocation;
    if (!port || !model || !table || !allocation) return;
    void run(adopt ? s.adopting : s.generate, async (report) => {
      // a carried-forward result has no recomputed index: nothing to test for robustness
      const robustness =
        writeRobustness && result?.carriedForward !== true
          ? (robustnessNow ?? (await analyseRobustness(allocation, report, s.progressRobustnessSheet)))
          : false;
      // the one path from workbook to sheets (src/usecase/generate.ts); the pane adds progress and state
      const done = await generateSheets(port, {
        model,
        table,
        computed: result?.preview ?? undefined,
        workbookName: "",
        robustness,
        // the same Fortschreibung request as the CLI's --adopt / --carry-forward
        fortschreibung: { carryForward, adopt: adopt ? { date: adopt } : null },
        // the same publication request as the CLI's --publication <file>
        ...(publish && onPublication ? { publish: { file: s.publicationFileName } } : {}),
        // each stage's text is painted before the stage's (synchronous) work starts
        progress: async ({ stage }) => {
          if (stage === "sheets") report(s.progressSheets);
          else if (stage === "write") report(s.progressWrite);
          else return;
          await nextPaint();
        },
      });
      if (done.report === null) throw new Error(done.issues.find((i) => i.level === "error")?.message);
      const written = done.report;
      setStoredModel(model);
      if (onGenerated) {
        report(s.progressDownload);
        await nextPaint();
        await onGenerated(written);
      }
      let published: string | null = null;
      if (done.published && onPublication) {
        report(s.progressPublication);
        const { publicationWorkbook } = await import(
          /* webpackChunkName: "xlsx-workbook" */ "../../usecase/publicationWorkbook"
        );
        published = await onPublication(
          await publicationWorkbook(done.published.sheets),
          s.publicationFileName,
        );
      }
      // the adapter's notes (an edited SRB sheet kept, a name changed, text cut, charts lost) are the user's to read
      if (done.outcome?.adoption) {
        // the stored adoptions as the workbook holds them now: the next comparison is against this one
        setAdoptions((await port.readStoredAdoptions?.()) ?? NO_STORED_ADOPTIONS);
        setCarryForward(false);
      }
      setGenerated(
        [
          ...(done.outcome?.adoption ? [s.adopted(germanDate(done.outcome.adoption.date))] : []),
          s.generated(written.sheets.map((w) => w.written).join(", ")),
          ...(published ? [published] : []),
          ...(written.notes ?? []),
        ].join(" "),
      );
    });
  };

  return { writeRobustness, setWriteRobustness, publish, setPublish, generate };
}

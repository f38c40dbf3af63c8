/**
 * The four steps as App shows them: each step's component wired to App's hooks (useDataSheet, useWorkbookSession,
 * useModelActions, useAllocation, useSheetWriter).
 */
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useMemo, type ReactNode } from "react";
import type { Model } from "../../engine/model";
import { hasBlockingErrors } from "../../engine/issues";
import type { RawTable } from "../../engine/table";
import { weightsOf } from "../engine";
import type { AllocationState } from "../hooks/useAllocation";
import type { ModelActions } from "../hooks/useModelActions";
import type { SheetWriter } from "../hooks/useSheetWriter";
import type { DataSheet } from "../hooks/useDataSheet";
import type { WorkbookSession } from "../hooks/useWorkbookSession";
import type { Language, Strings } from "../i18n";
import { BudgetStep } from "./BudgetStep";
import { DataStep, headerNames } from "./DataStep";
import { ModelStep } from "./ModelStep";
import { ResultStep } from "./ResultStep";

/**
 * Step "Daten" over the data sheet and the workbook session: sheet, table, the model's column mapping,
 * where the table is.
 *
 * @example <AppDataStep strings={s} data={data} session={session} busy={busy} reloadable />
 */
export function AppDataStep({
  strings: s,
  data,
  session,
  busy,
  reloadable,
}: {
  strings: Strings;
  data: DataSheet;
  session: WorkbookSession;
  busy: boolean;
  /** Whether „Blätter neu einlesen“ is offered. */
  reloadable: boolean;
}) {
  const { sheet, model, setModel } = data;
  const { takeSelection } = session;
  return (
    <DataStep
      strings={s}
      sheetNames={session.sheetNames}
      sheet={sheet}
      onSheetChange={(name) => data.setSheet(name)}
      onReloadSheets={reloadable ? () => void session.loadWorkbook() : undefined}
      onDetect={() => sheet && void data.detect(sheet, session.storedModel)}
      table={data.table}
      mapping={model?.data ?? null}
      suggestion={data.suggestion?.data ?? null}
      onMappingChange={(mapping) => model && setModel({ ...model, data: mapping })}
      onHeaderRowChange={(row) => void data.relocate(row === null ? null : { headerRow: row })}
      onRangeChange={(range) => data.changeRange(range)}
      onUseSelection={takeSelection ? () => void takeSelection() : undefined}
      busy={busy}
      notice={session.notice}
    />
  );
}

/**
 * The columns step "Modell" offers as indicators: the table's, without those mapped in step "Daten" (id,
 * Sozialraum, Kinder, strand and Bremen columns).
 *
 * @example indicatorCandidates(model, table); // => ["SGB2", "Migration", …]
 */
export function indicatorCandidates(model: Model | null, table: RawTable | null): string[] {
  const mapped: (string | undefined)[] = model
    ? Object.entries(model.data)
        .filter(([k]) => k !== "sheet")
        .map(([, v]) => v)
    : [];
  return headerNames(table).filter((c) => !mapped.includes(c));
}

/**
 * Step "Modell": the model with its candidate columns and effective weights, and the model actions (save in
 * the workbook, save or load a model file; loading needs a workbook).
 *
 * @example <AppModelStep strings={s} language="de" data={data} models={models} canLoad busy={busy} onValidityChange={report} />
 */
export function AppModelStep(props: {
  strings: Strings;
  language: Language;
  data: DataSheet;
  models: ModelActions;
  /** Whether a model file can be loaded (there is a workbook). */
  canLoad: boolean;
  busy: boolean;
  onValidityChange(id: string, label: string, message: string | null): void;
}) {
  const { data, models } = props;
  const { model, table } = data;
  const effective = useMemo(() => (model ? weightsOf(model) : []), [model]);
  return (
    <ModelStep
      strings={props.strings}
      language={props.language}
      model={model}
      candidateColumns={indicatorCandidates(model, table)}
      sheetColumns={table ? headerNames(table) : undefined}
      effectiveWeights={effective}
      onModelChange={data.setModel}
      onSave={models.save}
      onSaveFile={models.saveModelFile}
      onLoadFile={props.canLoad ? models.loadModelFile : undefined}
      notice={models.modelNotice}
      busy={props.busy}
      onValidityChange={props.onValidityChange}
    />
  );
}

/**
 * Step "Budget & Regeln" once there is a model; before, a note that the data come first.
 *
 * @example <AppBudgetStep strings={s} language="de" model={model} onModelChange={setModel} onValidityChange={report} />
 */
export function AppBudgetStep(props: {
  strings: Strings;
  language: Language;
  model: Model | null;
  onModelChange(model: Model): void;
  onValidityChange(id: string, label: string, message: string | null): void;
}) {
  const { strings: s, model } = props;
  return model ? (
    <BudgetStep
      strings={s}
      language={props.language}
      model={model}
      onModelChange={props.onModelChange}
      onValidityChange={props.onValidityChange}
    />
  ) : (
    <MessageBar intent="info">
      <MessageBarBody>{s.notReady}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Step "Ergebnis": the computed allocation with its issues, comparison and robustness, and the actions that
 * write it (sheets, Beschluss, publication, Prüfbericht).
 *
 * @example <AppResultStep strings={s} language="de" allocation={allocation} writer={writer} … />
 */
export function AppResultStep(props: {
  strings: Strings;
  language: Language;
  model: Model | null;
  allocation: AllocationState;
  writer: SheetWriter;
  /** Labels of the inputs that hold no valid value. */
  invalidInputs: string[];
  onSelectCell: ((sheet: string, cell: string) => void) | undefined;
  checkReport: { label?: string; note: string | null; deliver: (() => void) | undefined };
  /** Whether the workbook can store a Beschluss. */
  canAdopt: boolean;
  /** Whether a publication workbook can be handed out. */
  canPublish: boolean;
  busy: boolean;
  /** The running action's label (the robustness check's button spins for its own), or null. */
  running: string | null;
  progress: string | null;
  generated: string | null;
  generatedActions?: ReactNode;
}) {
  const { strings: s, allocation, writer, checkReport } = props;
  const { result } = allocation;
  return (
    <ResultStep
      strings={s}
      language={props.language}
      ready={result !== null}
      issues={result?.issues ?? []}
      allocation={result?.allocation ?? null}
      computeError={result?.error ?? null}
      invalidInputs={props.invalidInputs}
      onSelectCell={props.onSelectCell}
      onGenerate={() => writer.generate()}
      onCheckReport={
        checkReport.deliver && result !== null && hasBlockingErrors(result.issues)
          ? checkReport.deliver
          : undefined
      }
      checkReportLabel={checkReport.label}
      checkReportNote={checkReport.note}
      comparison={result?.comparison ?? null}
      adoptionDate={result?.reference ?? null}
      carryForward={allocation.carryForward}
      onCarryForwardChange={allocation.setCarryForward}
      onAdopt={props.canAdopt ? (date) => writer.generate(date) : undefined}
      busy={props.busy}
      progress={props.progress}
      generated={props.generated}
      generatedActions={props.generatedActions}
      budgetZero={props.model?.budget.total === 0}
      robustness={allocation.robustnessNow}
      onCheckRobustness={result?.carriedForward ? undefined : allocation.checkRobustnessNow}
      robustnessBusy={props.running === s.checkRobustness}
      writeRobustness={writer.writeRobustness}
      publish={writer.publish}
      onPublishChange={props.canPublish ? writer.setPublish : undefined}
      onWriteRobustnessChange={result?.carriedForward ? undefined : writer.setWriteRobustness}
    />
  );
}

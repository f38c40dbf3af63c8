import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStaticStyles,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { memo, useMemo, useState, type ReactNode } from "react";
import type { WriteReport } from "../workbook/port";
import { BudgetStep } from "./components/BudgetStep";
import { DataStep, headerNames } from "./components/DataStep";
import { ModelStep } from "./components/ModelStep";
import { ResultStep } from "./components/ResultStep";
import { weightsOf } from "./engine";
import { downloadFile, type Download } from "./download";
import { hasBlockingErrors } from "../engine/issues";
import type { TaskpanePort } from "./host";
import { stringsFor, type Language } from "./i18n";
import { useAllocation } from "./hooks/useAllocation";
import { useCheckReport, type CheckReportDelivery } from "./hooks/useCheckReport";
import { useDataSheet } from "./hooks/useDataSheet";
import { useInvalidInputs } from "./hooks/useInvalidInputs";
import { useModelActions } from "./hooks/useModelActions";
import { useSelectCell } from "./hooks/useSelectCell";
import { useSheetWriter } from "./hooks/useSheetWriter";
import { useWorkbookSession } from "./hooks/useWorkbookSession";
import { useWorkbookAction } from "./useWorkbookAction";

export interface AppProps {
  /** The workbook; null in standalone mode before a file is opened. */
  port: TaskpanePort | null;
  language: Language;
  /** Called after the sheets were written (standalone mode offers the download then). */
  onGenerated?(report: WriteReport): void | Promise<void>;
  /**
   * Hands out the publication workbook (SPEC §7): a second download in standalone mode, a new workbook in
   * Excel (Excel.createWorkbook). Absent: the pane offers no publication file. Returns a German note.
   */
  onPublication?(bytes: Uint8Array, fileName: string): Promise<string>;
  /** Shown above the steps (standalone mode: the file input). */
  header?: ReactNode;
  /** Shown with the success message after generation (standalone mode: the downloads). */
  generatedActions?: ReactNode;
  /** Heading; default "SRB – Sozialraumbudget". */
  title?: string;
  /**
   * False when this Excel cannot tell SRB's functions a blank cell from a 0 (no CustomFunctionsRuntime 1.3,
   * src/functions/blankCells.ts): the pane says so once. Default true.
   */
  functionsSeeBlanks?: boolean;
  /** The workbook's file name where the host knows it (standalone: the upload), for the names of saved files. */
  fileName?: string;
  /** Saves a file made in the pane (the model file); default: the browser's download. */
  download?: Download;
  /**
   * When errors block the allocation: hands out the Prüfbericht as a workbook of its own (standalone: a
   * download, Excel: a new workbook), under this button label. Returns a German note. Absent: not offered.
   */
  checkReport?: CheckReportDelivery;
  /**
   * Whether „Blätter neu einlesen“ is offered (default: yes). Standalone mode: no – the uploaded copy never
   * changes; a workbook edited since is opened again with the file picker.
   */
  reloadable?: boolean;
}

export type StepId = "data" | "model" | "budget" | "result";

/** The browser's 8 px body margin would take 16 px of a 350 px task pane. */
const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: "640px",
    margin: "0 auto",
    minHeight: "100vh",
    boxSizing: "border-box",
    // a narrow task pane (350 px) never scrolls sideways: long words (column names such as
    // "Anteil_Familiensprache_nicht_Deutsch") break, and fields, inputs and selects may shrink below the
    // width of their longest option or their default 20 characters
    overflowWrap: "anywhere",
    "& .fui-Field, & .fui-Input, & .fui-Select, & .fui-RadioGroup": { minWidth: 0 },
    "& input, & select": { minWidth: 0, maxWidth: "100%" },
    // Fluent greys the label of an unchecked checkbox or radio (colorNeutralForeground3), so that an option
    // that is merely off looks disabled; an enabled option reads in the normal text colour, a disabled one
    // keeps Fluent's disabled grey
    "& .fui-Checkbox__input:enabled:not(:checked) ~ .fui-Checkbox__label, & .fui-Radio__input:enabled:not(:checked) ~ .fui-Radio__label":
      { color: tokens.colorNeutralForeground1 },
  },
  /** The four tabs wrap onto a second line rather than run out of a 350 px pane. */
  tabs: { flexWrap: "wrap", minWidth: 0 },
  panel: { minWidth: 0 },
});

/**
 * The task pane: four steps (Daten, Modell, Budget & Regeln, Ergebnis) over one workbook port.
 * Every workbook call runs through `useWorkbookAction`, so failures are shown, never swallowed.
 *
 * @example
 * createRoot(el).render(<App port={new OfficeWorkbook()} language="de" />);
 */
export function App({
  port,
  language,
  onGenerated,
  onPublication,
  header,
  generatedActions,
  title,
  functionsSeeBlanks = true,
  fileName,
  reloadable = true,
  download = downloadFile,
  checkReport,
}: AppProps) {
  useGlobalStyles();
  const styles = useStyles();
  const s = stringsFor(language);
  const action = useWorkbookAction();
  const { run } = action;
  const [step, setStep] = useState<StepId>("data");
  /** The message after the sheets were written; a table read again clears it. */
  const [generated, setGenerated] = useState<string | null>(null);
  const data = useDataSheet(port, run, s, setGenerated);
  const session = useWorkbookSession(port, run, s, data);
  const { table, model, setModel } = data;
  const models = useModelActions(port, run, s, data, session, { fileName, download });
  const [invalid, onValidityChange] = useInvalidInputs();
  const allocation = useAllocation(model, table, session.adoptions, run, s);
  const writer = useSheetWriter(port, run, s, data, session, allocation, {
    onGenerated,
    onPublication,
    setGenerated,
  });
  const { result, robustnessNow } = allocation;
  const effective = useMemo(() => (model ? weightsOf(model) : []), [model]);

  // columns mapped in step "Daten" (id, Sozialraum, Kinder, strand and Bremen columns) are no indicators
  const mapped: (string | undefined)[] = model
    ? Object.entries(model.data)
        .filter(([k]) => k !== "sheet")
        .map(([, v]) => v)
    : [];
  const candidates = headerNames(table).filter((c) => !mapped.includes(c));
  const checks = useCheckReport(checkReport, result, model, run, s);
  const selectCell = useSelectCell(port, run, s);

  const busy = action.busy !== null;
  const panels: { id: StepId; label: string; content: ReactNode }[] = [
    {
      id: "data",
      label: s.stepData,
      content: (
        <DataStep
          strings={s}
          sheetNames={session.sheetNames}
          sheet={data.sheet}
          onSheetChange={(name) => data.setSheet(name)}
          onReloadSheets={reloadable ? () => void session.loadWorkbook() : undefined}
          onDetect={() => data.sheet && void data.detect(data.sheet, session.storedModel)}
          table={table}
          mapping={model?.data ?? null}
          suggestion={data.suggestion?.data ?? null}
          onMappingChange={(mapping) => model && setModel({ ...model, data: mapping })}
          onHeaderRowChange={(row) => void data.relocate(row === null ? null : { headerRow: row })}
          onRangeChange={(range) => data.changeRange(range)}
          onUseSelection={session.takeSelection ? () => void session.takeSelection!() : undefined}
          busy={busy}
          notice={session.notice}
        />
      ),
    },
    {
      id: "model",
      label: s.stepModel,
      content: (
        <ModelStep
          strings={s}
          language={language}
          model={model}
          candidateColumns={candidates}
          sheetColumns={table ? headerNames(table) : undefined}
          effectiveWeights={effective}
          onModelChange={setModel}
          onSave={models.save}
          onSaveFile={models.saveModelFile}
          onLoadFile={port ? models.loadModelFile : undefined}
          notice={models.modelNotice}
          busy={busy}
          onValidityChange={onValidityChange}
        />
      ),
    },
    {
      id: "budget",
      label: s.stepBudget,
      content: model ? (
        <BudgetStep
          strings={s}
          language={language}
          model={model}
          onModelChange={setModel}
          onValidityChange={onValidityChange}
        />
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{s.notReady}</MessageBarBody>
        </MessageBar>
      ),
    },
    {
      id: "result",
      label: s.stepResult,
      content: (
        <ResultStep
          strings={s}
          language={language}
          ready={result !== null}
          issues={result?.issues ?? []}
          allocation={result?.allocation ?? null}
          computeError={result?.error ?? null}
          invalidInputs={Object.values(invalid)}
          onSelectCell={selectCell}
          onGenerate={() => writer.generate()}
          onCheckReport={
            checks.deliver && result !== null && hasBlockingErrors(result.issues) ? checks.deliver : undefined
          }
          checkReportLabel={checkReport?.label}
          checkReportNote={checks.note}
          comparison={result?.comparison ?? null}
          adoptionDate={result?.reference ?? null}
          carryForward={allocation.carryForward}
          onCarryForwardChange={allocation.setCarryForward}
          onAdopt={port?.writeStoredAdoptions ? (date) => writer.generate(date) : undefined}
          busy={busy}
          progress={action.progress}
          generated={generated}
          generatedActions={generatedActions}
          budgetZero={model?.budget.total === 0}
          robustness={robustnessNow}
          onCheckRobustness={result?.carriedForward ? undefined : allocation.checkRobustnessNow}
          robustnessBusy={action.busy === s.checkRobustness}
          writeRobustness={writer.writeRobustness}
          publish={writer.publish}
          onPublishChange={onPublication ? writer.setPublish : undefined}
          onWriteRobustnessChange={result?.carriedForward ? undefined : writer.setWriteRobustness}
        />
      ),
    },
  ];

  return (
    <FluentProvider theme={webLightTheme} lang={language === "en" ? "en" : "de"}>
      <main className={styles.root}>
        <Title3 as="h1">{title ?? s.appTitle}</Title3>
        {header}
        {!functionsSeeBlanks && (
          <MessageBar intent="warning">
            <MessageBarBody>{s.functionsBlankAsZero}</MessageBarBody>
          </MessageBar>
        )}
        {action.error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{s.errorTitle}</MessageBarTitle>
              {action.error}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={action.clearError}>{s.dismiss}</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {action.busy && <Spinner size="tiny" label={`${action.busy} – ${action.progress ?? s.busy}`} />}
        {port === null ? (
          <MessageBar intent="info">
            <MessageBarBody>{s.noWorkbook}</MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <TabList
              selectedValue={step}
              onTabSelect={(_, data) => setStep(data.value as StepId)}
              aria-label={s.steps}
              size="small"
              className={styles.tabs}
            >
              {panels.map((p) => (
                <Tab key={p.id} id={`tab-${p.id}`} value={p.id} aria-controls={`panel-${p.id}`}>
                  {p.label}
                </Tab>
              ))}
            </TabList>
            {panels.map((p) => (
              <StepPanel
                key={p.id}
                id={p.id}
                label={p.label}
                hidden={p.id !== step}
                frozen={busy}
                className={styles.panel}
              >
                {p.content}
              </StepPanel>
            ))}
          </>
        )}
      </main>
    </FluentProvider>
  );
}

/**
 * One step's tab panel. A hidden panel is not rendered again while an action runs (`frozen`): every
 * progress text of „Verteilungsblatt erzeugen“ would otherwise render the Daten, Modell and Budget steps
 * (hundreds of fields) that nobody sees; it renders with the latest state as soon as it is shown or the
 * action has ended.
 *
 * @example <StepPanel id="model" label="Modell" hidden={step !== "model"} frozen={busy}>{content}</StepPanel>
 */
const StepPanel = memo(
  function StepPanel(props: {
    id: StepId;
    label: string;
    hidden: boolean;
    frozen: boolean;
    className: string;
    children: ReactNode;
  }) {
    return (
      <section
        id={`panel-${props.id}`}
        role="tabpanel"
        aria-label={props.label}
        hidden={props.hidden}
        className={props.className}
      >
        {props.children}
      </section>
    );
  },
  (before, now) => before.hidden && now.hidden && before.frozen && now.frozen,
);

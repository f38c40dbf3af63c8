import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Title3,
  makeStaticStyles,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { WriteReport } from "../workbook/port";
import { ActionStatus } from "./components/ActionStatus";
import { AppBudgetStep, AppDataStep, AppModelStep, AppResultStep } from "./components/AppSteps";
import { StepTabs, type StepId, type StepPanelSpec } from "./components/StepTabs";
import { downloadFile, type Download } from "./download";
import type { TaskpanePort } from "./host";
import { stringsFor, type Language } from "./i18n";
import { useAllocation } from "./hooks/useAllocation";
import { useCheckReport, type CheckReportDelivery } from "./hooks/useCheckReport";
import { useInvalidInputs } from "./hooks/useInvalidInputs";
import { useModelActions } from "./hooks/useModelActions";
import { useSelectCell } from "./hooks/useSelectCell";
import { useSheetWriter } from "./hooks/useSheetWriter";
import { useDataSheet } from "./hooks/useDataSheet";
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

export type { StepId };

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
  const checks = useCheckReport(checkReport, allocation.result, model, run, s);
  const selectCell = useSelectCell(port, run, s);

  const busy = action.busy !== null;
  const panels: StepPanelSpec[] = [
    {
      id: "data",
      label: s.stepData,
      content: <AppDataStep strings={s} data={data} session={session} busy={busy} reloadable={reloadable} />,
    },
    {
      id: "model",
      label: s.stepModel,
      content: (
        <AppModelStep
          strings={s}
          language={language}
          data={data}
          models={models}
          canLoad={port !== null}
          busy={busy}
          onValidityChange={onValidityChange}
        />
      ),
    },
    {
      id: "budget",
      label: s.stepBudget,
      content: (
        <AppBudgetStep
          strings={s}
          language={language}
          model={model}
          onModelChange={setModel}
          onValidityChange={onValidityChange}
        />
      ),
    },
    {
      id: "result",
      label: s.stepResult,
      content: (
        <AppResultStep
          strings={s}
          language={language}
          model={model}
          allocation={allocation}
          writer={writer}
          invalidInputs={Object.values(invalid)}
          onSelectCell={selectCell}
          checkReport={{ label: checkReport?.label, ...checks }}
          canAdopt={Boolean(port?.writeStoredAdoptions)}
          canPublish={Boolean(onPublication)}
          busy={busy}
          running={action.busy}
          progress={action.progress}
          generated={generated}
          generatedActions={generatedActions}
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
        <ActionStatus action={action} strings={s} />
        {port === null ? (
          <MessageBar intent="info">
            <MessageBarBody>{s.noWorkbook}</MessageBarBody>
          </MessageBar>
        ) : (
          <StepTabs panels={panels} step={step} onStepChange={setStep} busy={busy} label={s.steps} />
        )}
      </main>
    </FluentProvider>
  );
}

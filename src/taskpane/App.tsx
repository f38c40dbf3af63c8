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
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { germanDate } from "../engine/adoption";
import type { Allocation } from "../engine/allocation";
import type { Model } from "../engine/model";
import type { Robustness } from "../engine/robustness";
import type { RawTable } from "../engine/table";
import type { WriteReport } from "../workbook/port";
import { findSheet, sameSheetName } from "../workbook/sheetNames";
import { parseCellRange } from "../engine/cellRange";
import { BudgetStep } from "./components/BudgetStep";
import { alignedToHeaders, DataStep, headerNames, usableRange } from "./components/DataStep";
import { ModelStep } from "./components/ModelStep";
import { ResultStep } from "./components/ResultStep";
import { generate as generateSheets } from "../usecase/generate";
import { locationHints } from "../engine/tableLocation";
import { readDataTable } from "../workbook/dataTable";
import {
  checkRobustness,
  compute,
  MAX_MODEL_FILE_BYTES,
  modelFileName,
  modelFileText,
  readModelFile,
  readStored,
  suggest,
  toStored,
  weightsOf,
} from "./engine";
import { downloadFile, fileText, type Download } from "./download";
import type { ModelNotice } from "./components/ModelFileActions";
import { formatDate } from "../engine/germanFormat";
import { hasBlockingErrors } from "../engine/issues";
import { STORE_SHEET } from "../workbook/port";
import type { TaskpanePort } from "./host";
import { stringsFor, type Language } from "./i18n";
import { describeError, nextPaint, useWorkbookAction } from "./useWorkbookAction";

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
  checkReport?: { label: string; deliver(bytes: Uint8Array, fileName: string): Promise<string> };
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
  const [step, setStep] = useState<StepId>("data");
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const [sheet, setSheet] = useState<string | null>(null);
  const [table, setTable] = useState<RawTable | null>(null);
  const [model, setModel] = useState<Model | null>(null);
  const [suggestion, setSuggestion] = useState<Model | null>(null);
  const [storedModel, setStoredModel] = useState<Model | null>(null);
  const [notice, setNotice] = useState<{ intent: "success" | "warning"; text: string } | null>(null);
  /** What happened to the model last (saved in the workbook or as a file, loaded from a file). */
  const [modelNotice, setModelNotice] = useState<ModelNotice | null>(null);
  /** The note after the Prüfbericht of a blocked run was handed out. */
  const [checkReportNote, setCheckReportNote] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [generated, setGenerated] = useState<string | null>(null);
  /** The last robustness result and the allocation it belongs to (a changed model makes it stale). */
  const [robust, setRobust] = useState<{ allocation: Allocation; value: Robustness } | null>(null);
  const [writeRobustness, setWriteRobustness] = useState(false);
  const [publish, setPublish] = useState(false);
  /** The adopted allocations stored in the workbook (JSON as stored), read with the model. */
  const [adoptions, setAdoptions] = useState<unknown[]>([]);
  const [carryForward, setCarryForward] = useState(false);
  const { run } = action;

  const detect = useCallback(
    async (name: string, stored: Model | null) => {
      // the table is found the way a person would (title rows, Excel tables, a Summe row); a model of
      // this sheet helps with its column names and fixes the header row with data.headerRow
      const own = stored && sameSheetName(stored.data.sheet, name) ? stored : null;
      const read = await run(s.detectTable, async (report) => {
        const found = await readDataTable(port!, name, locationHints(own));
        // the result is computed (synchronously) right after: say so while it runs
        report(s.progressCompute);
        await nextPaint();
        return found;
      });
      if (!read) return null;
      const suggested = suggest(read);
      if (own?.data.headerRow !== undefined) suggested.data.headerRow = own.data.headerRow;
      if (own?.data.range !== undefined) suggested.data.range = own.data.range;
      setTable(read);
      setSuggestion(suggested);
      setModel(own ? alignedToHeaders(own, headerNames(read)) : suggested);
      setGenerated(null);
      return read;
    },
    [run, port, s.detectTable, s.progressCompute],
  );

  /**
   * The user fixes where the table is — a header row, or a range ("A3:F30", saved with its first row as
   * `data.headerRow` too, which older SRB versions read) — or lets SRB find it again (null): read the table
   * again, keep the model's choices. `on`: the sheet (a selection on another sheet switches to it).
   */
  const relocate = useCallback(
    async (place: { headerRow: number; range?: string } | null, on: string | null = sheet) => {
      if (!on) return;
      const base = model ?? suggestion;
      const data = { ...(base?.data ?? { sheet: on, id: "", area: "" }), sheet: on };
      delete data.headerRow;
      delete data.range;
      if (place !== null) {
        data.headerRow = place.headerRow;
        if (place.range !== undefined) data.range = place.range;
      }
      const read = await run(s.detectTable, () =>
        readDataTable(port!, on, locationHints(base ? { ...base, data } : { data })),
      );
      if (!read) return;
      const suggested = suggest(read);
      if (place !== null) {
        suggested.data.headerRow = place.headerRow;
        if (place.range !== undefined) suggested.data.range = place.range;
      }
      setSheet(on);
      setTable(read);
      setSuggestion(suggested);
      // a model whose columns are in the new header row is kept; else the new suggestion
      const labels = headerNames(read);
      const names = new Set(labels);
      const aligned = base === null ? null : alignedToHeaders({ ...base, data }, labels);
      const keeps = aligned !== null && names.has(aligned.data.id) && names.has(aligned.data.area);
      setModel(keeps ? aligned : suggested);
      setGenerated(null);
    },
    [run, port, sheet, model, suggestion, s.detectTable],
  );

  /** A range typed or selected: its first row is the header row. */
  const changeRange = (range: string, on: string | null = sheet) => {
    const first = parseCellRange(range);
    if (first) void relocate({ headerRow: first.firstRow, range }, on);
  };

  /** „Markierten Bereich verwenden“: the range selected in Excel, on whatever sheet it is. */
  const takeSelection = port?.selectedRange
    ? async () => {
        const selected = await run(s.readSelection, () => port.selectedRange!());
        if (selected === undefined) return;
        const range = selected ? usableRange(selected.range) : null;
        const on = selected ? findSheet(sheetNames, selected.sheet) : null;
        if (!selected || range === null || on === null) {
          setNotice({ intent: "warning", text: s.selectionNotARange });
          return;
        }
        setNotice({ intent: "success", text: s.rangeChosen(range, on) });
        changeRange(range, on);
      }
    : undefined;

  const loadWorkbook = useCallback(async () => {
    if (!port) return;
    const loaded = await run(s.reloadSheets, async () => {
      const names = await port.sheetNames();
      const json = await port.readStoredModel();
      const stored = (await port.readStoredAdoptions?.()) ?? [];
      return { names, json, stored };
    });
    if (!loaded) return;
    setSheetNames(loaded.names);
    setAdoptions(loaded.stored);
    let stored: Model | null = null;
    if (loaded.json !== null && loaded.json !== undefined) {
      const parsed = readStored(loaded.json);
      stored = parsed.model;
      setNotice(
        parsed.model
          ? { intent: "success", text: s.storedModelLoaded }
          : { intent: "warning", text: `${s.storedModelInvalid} ${parsed.problems.join(" ")}` },
      );
    }
    setStoredModel(stored);
    const preferred = stored ? findSheet(loaded.names, stored.data.sheet) : null;
    const chosen = preferred ?? loaded.names[0] ?? null;
    setSheet(chosen);
    if (preferred) await detect(preferred, stored);
  }, [port, run, detect, s]);

  useEffect(() => {
    void loadWorkbook();
    // a new port (standalone: a new file) starts afresh
  }, [loadWorkbook]);

  const onValidityChange = useCallback((id: string, label: string, message: string | null) => {
    setInvalid((current) => {
      if (message === null) {
        if (!(id in current)) return current;
        const next = { ...current };
        delete next[id];
        return next;
      }
      return current[id] === label ? current : { ...current, [id]: label };
    });
  }, []);

  const result = useMemo(
    () => (model && table ? compute(model, table, adoptions, carryForward) : null),
    [model, table, adoptions, carryForward],
  );
  const effective = useMemo(() => (model ? weightsOf(model) : []), [model]);
  const robustnessNow = robust !== null && robust.allocation === result?.allocation ? robust.value : null;

  // columns mapped in step "Daten" (id, Sozialraum, Kinder, strand and Bremen columns) are no indicators
  const mapped: (string | undefined)[] = model
    ? Object.entries(model.data)
        .filter(([k]) => k !== "sheet")
        .map(([, v]) => v)
    : [];
  const candidates = headerNames(table).filter((c) => !mapped.includes(c));

  const save = () => {
    if (!port || !model) return;
    void run(s.saveModel, async () => {
      const where = await port.writeStoredModel(toStored(model));
      setStoredModel(model);
      setModelNotice({
        intent: "success",
        text: s.modelSavedIn(typeof where === "string" ? where : STORE_SHEET),
      });
    });
  };

  /** „Modell speichern als … .srb.json“: the file `srb allocate --model` reads (SPEC §8). */
  const saveModelFile = () => {
    if (!model) return;
    const name = modelFileName(fileName);
    try {
      download(modelFileText(model), name, "application/json");
      setModelNotice({ intent: "success", text: s.modelFileSaved(name) });
    } catch (thrown) {
      setModelNotice({ intent: "error", text: `${s.saveModelFile}: ${describeError(thrown)}` });
    }
  };

  /**
   * „Modell laden“: a `*.srb.json` file checked like the workbook's stored model; it applies to its sheet
   * when the workbook has it, else to the sheet chosen now (next year's workbook may name it differently).
   */
  const loadModelFile = (file: File) => {
    if (!port) return;
    void (async () => {
      const loaded = await run(s.loadModelFile, async () => {
        if (file.size > MAX_MODEL_FILE_BYTES) {
          setModelNotice({ intent: "error", text: s.modelFileTooLarge(file.name) });
          return null;
        }
        const read = readModelFile(await fileText(file));
        if (read.model === null) {
          setModelNotice({
            intent: "error",
            text: `${s.modelFileInvalid(file.name)} ${read.problems.join(" ")}`,
          });
          return null;
        }
        const names = await port.sheetNames();
        const wanted = read.model.data.sheet.trim();
        const found = wanted === "" ? null : findSheet(names, wanted);
        const target = found ?? sheet ?? names[0] ?? null;
        if (target === null) return null;
        setSheetNames(names);
        setModelNotice({
          intent: found !== null || wanted === "" ? "success" : "warning",
          text: [
            s.modelFileLoaded(file.name),
            ...(found === null && wanted !== "" ? [s.modelFileSheetMissing(wanted, target)] : []),
          ].join(" "),
        });
        return { ...read.model, data: { ...read.model.data, sheet: target } };
      });
      if (!loaded) return;
      setSheet(loaded.data.sheet);
      const read = await detect(loaded.data.sheet, loaded);
      // the file's model wins over what detect found (also when its columns are not on the sheet: the
      // result step then names them), its columns written as the sheet's headers where they are the same
      setModel(read ? alignedToHeaders(loaded, headerNames(read)) : loaded);
    })();
  };

  /** The Prüfbericht of a run that errors block, as a workbook of its own (issue 11 item 7). */
  const deliverCheckReport = checkReport
    ? () => {
        const issues = result?.issues ?? [];
        void run(checkReport.label, async () => {
          const { checkReportWorkbook } = await import(
            /* webpackChunkName: "xlsx-workbook" */ "../usecase/checkReportWorkbook"
          );
          const bytes = await checkReportWorkbook(issues, {
            date: formatDate(new Date()),
            municipality: model?.municipality,
          });
          setCheckReportNote(await checkReport.deliver(bytes, s.checkReportFileName));
        });
      }
    : undefined;

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
          /* webpackChunkName: "xlsx-workbook" */ "../usecase/publicationWorkbook"
        );
        published = await onPublication(
          await publicationWorkbook(done.published.sheets),
          s.publicationFileName,
        );
      }
      // the adapter's notes (an edited SRB sheet kept, a name changed, text cut, charts lost) are the user's to read
      if (done.outcome?.adoption) {
        // the stored adoptions as the workbook holds them now: the next comparison is against this one
        setAdoptions((await port.readStoredAdoptions?.()) ?? []);
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

  // one function per port and language: the check report (memoised, hundreds of entries) keeps its render
  const selectCell = useMemo(
    () =>
      port?.selectCell
        ? (sheetName: string, cell: string) => {
            void run(s.goToCell(`${sheetName}!${cell}`), () => port.selectCell!(sheetName, cell));
          }
        : undefined,
    [port, run, s],
  );

  const busy = action.busy !== null;
  const panels: { id: StepId; label: string; content: ReactNode }[] = [
    {
      id: "data",
      label: s.stepData,
      content: (
        <DataStep
          strings={s}
          sheetNames={sheetNames}
          sheet={sheet}
          onSheetChange={(name) => setSheet(name)}
          onReloadSheets={reloadable ? () => void loadWorkbook() : undefined}
          onDetect={() => sheet && void detect(sheet, storedModel)}
          table={table}
          mapping={model?.data ?? null}
          suggestion={suggestion?.data ?? null}
          onMappingChange={(data) => model && setModel({ ...model, data })}
          onHeaderRowChange={(row) => void relocate(row === null ? null : { headerRow: row })}
          onRangeChange={(range) => changeRange(range)}
          onUseSelection={takeSelection ? () => void takeSelection() : undefined}
          busy={busy}
          notice={notice}
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
          onSave={save}
          onSaveFile={saveModelFile}
          onLoadFile={port ? loadModelFile : undefined}
          notice={modelNotice}
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
          onGenerate={() => generate()}
          onCheckReport={
            deliverCheckReport && result !== null && hasBlockingErrors(result.issues)
              ? deliverCheckReport
              : undefined
          }
          checkReportLabel={checkReport?.label}
          checkReportNote={checkReportNote}
          comparison={result?.comparison ?? null}
          adoptionDate={result?.reference ?? null}
          carryForward={carryForward}
          onCarryForwardChange={setCarryForward}
          onAdopt={port?.writeStoredAdoptions ? (date) => generate(date) : undefined}
          busy={busy}
          progress={action.progress}
          generated={generated}
          generatedActions={generatedActions}
          budgetZero={model?.budget.total === 0}
          robustness={robustnessNow}
          onCheckRobustness={result?.carriedForward ? undefined : checkRobustnessNow}
          robustnessBusy={action.busy === s.checkRobustness}
          writeRobustness={writeRobustness}
          publish={publish}
          onPublishChange={onPublication ? setPublish : undefined}
          onWriteRobustnessChange={result?.carriedForward ? undefined : setWriteRobustness}
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

import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { memo, useId, type ReactNode } from "react";
import type { Allocation } from "../../engine/allocation";
import { hasBlockingErrors, type Issue } from "../../engine/issues";
import type { Robustness } from "../../engine/robustness";
import { unitNamer } from "../engine";
import { formatEuro, formatNumber, formatShare, type Language, type Strings } from "../i18n";
import type { PreviewComparison } from "../../usecase/fortschreibung";
import { germanDate } from "../../engine/adoption";
import { AdoptDialog } from "./AdoptDialog";
import { ComparisonView } from "./ComparisonView";
import { IssueList } from "./IssueList";
import { RobustnessView } from "./RobustnessView";
import { SharesChart } from "./SharesChart";

export interface ResultStepProps {
  strings: Strings;
  language: Language;
  /** False until a table is detected and mapped. */
  ready: boolean;
  issues: Issue[];
  allocation: Allocation | null;
  /** A failure of the computation itself (not a data problem), shown as an error. */
  computeError: string | null;
  /** Labels of fields with an invalid entry (they block generation). */
  invalidInputs: string[];
  onSelectCell?(sheet: string, cell: string): void;
  onGenerate(): void;
  busy: boolean;
  /** Progress text while generating. */
  progress: string | null;
  /** Success note after generation (sheet names). */
  generated: string | null;
  /** Shown right under the success note (standalone mode: the download links). */
  generatedActions?: ReactNode;
  /** Result of "Robustheit prüfen" for the allocation shown, or null (not yet checked, or stale). */
  robustness?: Robustness | null;
  /** Runs the robustness check; without it the button is not offered. */
  onCheckRobustness?(): void;
  /** True while the robustness check (not the generation) runs. */
  robustnessBusy?: boolean;
  /** "Robustheit-Blatt mitschreiben": generation also writes the Robustheit sheet. */
  writeRobustness?: boolean;
  onWriteRobustnessChange?(checked: boolean): void;
  /** „Veröffentlichungsfassung erzeugen“: absent where the host cannot hand out a second workbook. */
  publish?: boolean;
  onPublishChange?(checked: boolean): void;
  /** The comparison with the workbook's adopted allocation (Fortschreibung), when it holds one. */
  comparison?: PreviewComparison | null;
  /** ISO date of the adoption the result refers to (for the carry-forward choice); null: none stored. */
  adoptionDate?: string | null;
  /** "Mit beschlossenen Anteilen fortschreiben" is on. */
  carryForward?: boolean;
  onCarryForwardChange?(checked: boolean): void;
  /** Stores the allocation as a Beschluss of this ISO date; without it the button is not offered. */
  onAdopt?(date: string): void;
  /** The model's budget is 0 €: generation is allowed, with a warning ("Budget ist 0 €"). */
  budgetZero?: boolean;
  /** Today, the default date of a Beschluss (tests fix it). */
  today?: Date;
  /**
   * Hands out the Prüfbericht while errors block generation (standalone: a download, Excel: a new
   * workbook), under `checkReportLabel`; without it the button is not offered.
   */
  onCheckReport?(): void;
  checkReportLabel?: string;
  /** Note after the Prüfbericht was handed out. */
  checkReportNote?: string | null;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  // Fluent's table is fixed-layout (equal columns, "1.002.240,00 €" clipped at 350 px): here the columns
  // take what their content needs, numbers on one line, the Sozialraum's name wraps
  table: {
    tableLayout: "auto",
    width: "100%",
    // below 400 px "Bahnhofsviertel | 79,4 | 21,46 % | 1.002.240,00 €" fits only in the smaller type
    "@media (max-width: 399px)": { fontSize: tokens.fontSizeBase200 },
  },
  number: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
    paddingInlineStart: tokens.spacingHorizontalXS,
    paddingInlineEnd: tokens.spacingHorizontalXS,
  },
  // the numbers keep their width; a Sozialraum's name takes the rest and breaks inside a word only when a
  // single word is longer than that ("Bahnhofsviertel" fits at 350 px)
  name: {
    overflowWrap: "anywhere",
    paddingInlineStart: tokens.spacingHorizontalXS,
    paddingInlineEnd: tokens.spacingHorizontalXS,
  },
  total: { fontWeight: tokens.fontWeightSemibold },
  action: { alignSelf: "flex-start" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/**
 * Why "Verteilungsblatt erzeugen" is disabled, or null when it may run.
 *
 * @example
 * generationBlocker(stringsFor("de"), { ready: true, issues: [], allocation, computeError: null, invalidInputs: ["Budget (€)"] });
 * // => "Ungültige Eingaben: Budget (€). Bitte korrigieren."
 */
export function generationBlocker(
  s: Strings,
  state: Pick<ResultStepProps, "ready" | "issues" | "allocation" | "computeError" | "invalidInputs">,
): string | null {
  if (!state.ready) return s.notReady;
  if (state.invalidInputs.length > 0) return s.blockedByInputs(state.invalidInputs.join(", "));
  if (state.computeError !== null) return `${s.computeFailed} ${state.computeError}`;
  if (hasBlockingErrors(state.issues) || state.allocation === null) return s.blockedByErrors;
  return null;
}

/**
 * Step "Ergebnis": the check report with clickable addresses, a preview of the Sozialräume (index, share,
 * amount in €), a bar chart of the shares, "Robustheit prüfen" with its result, the option to write the
 * Robustheit sheet too, and the button that writes the allocation sheets.
 *
 * @example
 * <ResultStep strings={stringsFor("de")} language="de" ready issues={issues} allocation={allocation}
 *   computeError={null} invalidInputs={[]} onGenerate={generate} busy={false} progress={null} generated={null} />
 */
export function ResultStep(props: ResultStepProps) {
  const { strings: s, language, issues, allocation, busy, progress, generated } = props;
  const robustnessBusy = busy && props.robustnessBusy === true;
  const generating = busy && progress !== null && !robustnessBusy;
  const styles = useStyles();
  const robustnessHeading = useId();
  const blocker = generationBlocker(s, props);
  const errors = issues.filter((i) => i.level === "error").length;
  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">{s.checkReport}</Subtitle2>
      {props.ready && <Text>{s.errorsCount(errors, issues.length - errors)}</Text>}
      {props.ready && <IssueList strings={s} issues={issues} onSelectCell={props.onSelectCell} />}
      {props.computeError !== null && (
        <MessageBar intent="error">
          <MessageBarBody>
            {s.computeFailed} {props.computeError}
          </MessageBarBody>
        </MessageBar>
      )}

      {allocation && <AreaPreview strings={s} allocation={allocation} />}

      {allocation && props.onCheckRobustness && (
        <section className={styles.root} aria-labelledby={robustnessHeading} data-testid="robustness-section">
          <Subtitle2 as="h2" id={robustnessHeading}>
            {s.robustnessTitle}
          </Subtitle2>
          <Text>{s.robustnessIntro}</Text>
          <Button
            className={styles.action}
            appearance="secondary"
            disabled={blocker !== null || busy}
            onClick={props.onCheckRobustness}
          >
            {s.checkRobustness}
          </Button>
          {robustnessBusy && <ProgressBar aria-label={s.progressRobustness} thickness="large" />}
          {robustnessBusy && progress && <Text role="status">{progress}</Text>}
          {props.robustness && (
            <RobustnessView strings={s} robustness={props.robustness} unitName={unitNamer(allocation)} />
          )}
        </section>
      )}

      {allocation && props.comparison && (
        <ComparisonView
          strings={s}
          language={language}
          comparison={props.comparison}
          unitName={unitNamer(allocation)}
        />
      )}

      {props.adoptionDate && props.onCarryForwardChange && (
        <>
          <Checkbox
            label={s.carryForward}
            checked={props.carryForward === true}
            disabled={busy}
            onChange={(_, data) => props.onCarryForwardChange?.(data.checked === true)}
          />
          {props.carryForward && <Text size={200}>{s.carryForwardHint(germanDate(props.adoptionDate))}</Text>}
        </>
      )}

      {/* a failed computation is already shown as an error above: not a second time as a warning */}
      {blocker && props.computeError === null && (
        <MessageBar intent="warning">
          <MessageBarBody>{blocker}</MessageBarBody>
        </MessageBar>
      )}
      {blocker && props.onCheckReport && (
        <Button className={styles.action} disabled={busy} onClick={props.onCheckReport}>
          {props.checkReportLabel ?? s.checkReportDownload}
        </Button>
      )}
      {blocker && props.onCheckReport && props.checkReportNote && (
        <MessageBar intent="success">
          <MessageBarBody>{props.checkReportNote}</MessageBarBody>
        </MessageBar>
      )}
      {props.ready && props.budgetZero && (
        <MessageBar intent="warning" data-testid="budget-zero">
          <MessageBarBody>{s.budgetZero}</MessageBarBody>
        </MessageBar>
      )}
      {props.onWriteRobustnessChange && (
        <Checkbox
          label={s.writeRobustness}
          checked={props.writeRobustness === true}
          disabled={busy}
          onChange={(_, data) => props.onWriteRobustnessChange?.(data.checked === true)}
        />
      )}
      {props.onPublishChange && (
        <Checkbox
          label={s.publishLabel}
          checked={props.publish === true}
          disabled={busy}
          onChange={(_, data) => props.onPublishChange?.(data.checked === true)}
        />
      )}
      <Button appearance="primary" disabled={blocker !== null || busy} onClick={props.onGenerate}>
        {generating ? s.generating : s.generate}
      </Button>
      {props.onAdopt && (
        <AdoptDialog
          strings={s}
          disabled={blocker !== null || busy}
          today={props.today ?? new Date()}
          onAdopt={props.onAdopt}
        />
      )}
      {generating && <ProgressBar aria-label={s.generating} thickness="large" />}
      {generating && <Text role="status">{progress}</Text>}
      {generated && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{generated}</MessageBarBody>
        </MessageBar>
      )}
      {generated && props.generatedActions && (
        <div className={styles.actions} data-testid="generated-actions">
          {props.generatedActions}
        </div>
      )}
    </div>
  );
}

/**
 * The preview of the Sozialräume (index, share, amount; the Stellenplan when the model has one) and the
 * shares chart. Memoised: with hundreds of Sozialräume it is the largest part of the pane, and it changes
 * only with the allocation, not with every progress text while the pane works.
 *
 * @example <AreaPreview strings={stringsFor("de")} allocation={allocation} />
 */
const AreaPreview = memo(function AreaPreview({
  strings: s,
  allocation,
}: {
  strings: Strings;
  allocation: Allocation;
}) {
  const planned = allocation.areas.some((a) => a.plan !== undefined);
  // both tables: one row per Sozialraum and a total row
  const rows = { areas: allocation.areas, nameHeader: s.area, totalLabel: s.total };
  return (
    <>
      <Subtitle2 as="h2">{s.preview}</Subtitle2>
      <AreaTable
        {...rows}
        label={s.preview}
        columns={[
          { header: s.index, cell: (a) => formatNumber(a.index, 1), total: "" },
          {
            header: s.share,
            cell: (a) => formatShare(a.share),
            total: formatShare(allocation.areas.reduce((sum, a) => sum + a.share, 0)),
          },
          {
            header: s.amount,
            cell: (a) => formatEuro(a.amount),
            total: formatEuro(centTotal(allocation.areas.map((a) => a.amount))),
          },
        ]}
      />
      {planned && (
        // the Stellenplan in a table of its own: six columns do not fit a 350 px task pane
        <AreaTable
          {...rows}
          label={s.stellenplanPreview}
          columns={[
            {
              header: s.plannedVzae,
              cell: (a) => formatNumber(a.plan?.vzae ?? 0, 2),
              total: formatNumber(
                allocation.areas.reduce((sum, a) => sum + (a.plan?.vzae ?? 0), 0),
                2,
              ),
            },
            {
              header: s.unplanned,
              cell: (a) => formatEuro(a.unplanned ?? 0),
              total: formatEuro(centTotal(allocation.areas.map((a) => a.unplanned ?? 0))),
            },
          ]}
        />
      )}
      <SharesChart title={s.sharesChart} areas={allocation.areas} />
    </>
  );
});

type AreaRow = Allocation["areas"][number];

/** A column of euro amounts added up to the cent, as the sheets' total rows do. */
function centTotal(amounts: readonly number[]): number {
  return amounts.reduce((sum, x) => sum + Math.round(x * 100), 0) / 100;
}

/** One number column of a Sozialraum table: its header, each Sozialraum's text and the total's. */
interface AreaColumn {
  header: string;
  cell: (area: AreaRow) => string;
  total: string;
}

/**
 * A table with one row per Sozialraum (name first, right-aligned numbers) and a total row: the preview of
 * amounts and the Stellenplan share it.
 *
 * @example <AreaTable label="Vorschau" areas={allocation.areas} nameHeader="Sozialraum" totalLabel="Summe" columns={[{ header: "Betrag", cell: (a) => String(a.amount), total: "100" }]} />
 */
function AreaTable(props: {
  label: string;
  areas: readonly AreaRow[];
  nameHeader: string;
  totalLabel: string;
  columns: AreaColumn[];
}) {
  const styles = useStyles();
  return (
    <Table size="small" aria-label={props.label} className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.name}>{props.nameHeader}</TableHeaderCell>
          {props.columns.map((c) => (
            <TableHeaderCell key={c.header} className={styles.number}>
              {c.header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.areas.map((a) => (
          <TableRow key={a.name}>
            <TableCell className={styles.name}>{a.name}</TableCell>
            {props.columns.map((c) => (
              <TableCell key={c.header} className={styles.number}>
                {c.cell(a)}
              </TableCell>
            ))}
          </TableRow>
        ))}
        <TableRow className={styles.total}>
          <TableCell className={styles.name}>{props.totalLabel}</TableCell>
          {props.columns.map((c) =>
            c.total === "" ? (
              <TableCell key={c.header} />
            ) : (
              <TableCell key={c.header} className={styles.number}>
                {c.total}
              </TableCell>
            ),
          )}
        </TableRow>
      </TableBody>
    </Table>
  );
}

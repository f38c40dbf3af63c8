import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { columnKey, headerLabel } from "../../engine/headerKey";
import type { DataMapping, Model } from "../../engine/model";
import type { RawTable } from "../../engine/table";
import { formatCellRange, parseCellRange } from "../../engine/cellRange";
import { describeLocation } from "../../engine/tableLocation";
import { useEffect, useState } from "react";
import type { Strings } from "../i18n";

export interface DataStepProps {
  strings: Strings;
  sheetNames: string[];
  sheet: string | null;
  onSheetChange(sheet: string): void;
  /** „Blätter neu einlesen“; without it the button is not offered (standalone mode). */
  onReloadSheets?(): void;
  onDetect(): void;
  table: RawTable | null;
  mapping: DataMapping | null;
  /** The mapping `suggestModel` proposed; its columns are marked "Vorschlag". */
  suggestion: DataMapping | null;
  onMappingChange(mapping: DataMapping): void;
  /**
   * The user fixes the header row (1-based sheet row; null: found automatically again): the table is read
   * again from there and `data.headerRow` is saved in the model.
   */
  onHeaderRowChange?(row: number | null): void;
  /**
   * The user fixes the range of the table ("A3:F30": header row to the last Kita, saved as `data.range`);
   * the table is read again from there.
   */
  onRangeChange?(range: string): void;
  /** „Markierten Bereich verwenden“ (only inside Excel): the range the user selected on a sheet. */
  onUseSelection?(): void;
  busy: boolean;
  /** Note about the stored model (loaded / invalid), if any. */
  notice?: { intent: "success" | "warning"; text: string } | null;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

type OptionalColumn = Exclude<
  keyof DataMapping,
  "sheet" | "headerRow" | "range" | "id" | "area" | "children"
>;

const OPTIONAL_COLUMNS: { key: OptionalColumn; label: (s: Strings) => string }[] = [
  { key: "strand2", label: (s) => s.columnStrand2 },
  { key: "strand3Reason", label: (s) => s.columnStrand3Reason },
  { key: "strand4", label: (s) => s.columnStrand4 },
  { key: "strand4Reason", label: (s) => s.columnStrand4Reason },
  { key: "verbund", label: (s) => s.columnVerbund },
  { key: "firstYear", label: (s) => s.columnFirstYear },
  { key: "kitaIndex", label: (s) => s.columnKitaIndex },
];

/**
 * Header texts of a table that can name a column (non-empty text or numbers), in sheet order.
 *
 * @example
 * headerNames({ sheet: "Kitas", headers: ["Einrichtung", null, 2024], rows: [] }); // => ["Einrichtung", "2024"]
 */
export function headerNames(table: RawTable | null): string[] {
  if (!table) return [];
  return table.headers
    .filter((h): h is string | number => (typeof h === "string" && h.trim() !== "") || typeof h === "number")
    .map((h) => headerLabel(String(h)));
}

/**
 * The model with every column it names written as the sheet's header label (`headerNames`) when the two are
 * the same column (`columnKey`): a model saved with "Name der⏎Einrichtung" or typed as "Sozial- raum" then
 * shows its columns chosen in the lists. Columns the sheet does not have stay as they are.
 *
 * @example alignedToHeaders(model, ["Name der Einrichtung"]).data.id; // => "Name der Einrichtung" for data.id "Name der\nEinrichtung"
 */
export function alignedToHeaders<M extends Model>(model: M, names: readonly string[]): M {
  const byKey = new Map(names.map((n) => [columnKey(n), n]));
  const label = (column: string) => byKey.get(columnKey(column)) ?? column;
  const data = { ...model.data };
  for (const [key, value] of Object.entries(data))
    if (key !== "sheet" && key !== "range" && typeof value === "string")
      (data as Record<string, unknown>)[key] = label(value);
  const indicators = model.indicators.map((i) => ({ ...i, column: label(i.column) }));
  return { ...model, data, indicators };
}

/**
 * Step "Daten": choose the data sheet, detect its table, map Einrichtung / Sozialraum / Kinder
 * (and the optional strand and Bremen columns) with the suggestions preselected.
 *
 * @example
 * <DataStep strings={stringsFor("de")} sheetNames={["Kitas"]} sheet="Kitas" table={table}
 *   mapping={model.data} suggestion={suggested.data} onMappingChange={setMapping} … />
 */
export function DataStep(props: DataStepProps) {
  const { strings: s, sheetNames, sheet, table, mapping, suggestion, busy, notice } = props;
  const styles = useStyles();
  const columns = headerNames(table);

  const label = (text: string, key: keyof DataMapping) =>
    suggestion && mapping && suggestion[key] !== undefined && suggestion[key] === mapping[key]
      ? `${text} (${s.suggested})`
      : text;

  const columnSelect = (
    key: Exclude<keyof DataMapping, "sheet" | "headerRow" | "range">,
    text: string,
    optional: boolean,
  ) => (
    <Field label={label(text, key)} key={key}>
      <Select
        value={mapping?.[key] ?? ""}
        disabled={!mapping || busy}
        onChange={(_, data) => {
          if (!mapping) return;
          const next: DataMapping = { ...mapping };
          if (data.value === "" && optional) delete next[key as OptionalColumn | "children"];
          else next[key] = data.value;
          props.onMappingChange(next);
        }}
      >
        {(optional || !mapping?.[key]) && <option value="">{s.columnNone}</option>}
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <div className={styles.root}>
      <Field label={s.sheet}>
        <Select value={sheet ?? ""} disabled={busy} onChange={(_, data) => props.onSheetChange(data.value)}>
          {sheet === null && <option value="">{s.sheetPlaceholder}</option>}
          {sheetNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || !sheet} onClick={props.onDetect}>
          {s.detectTable}
        </Button>
        {props.onReloadSheets && (
          <Button disabled={busy} onClick={props.onReloadSheets}>
            {s.reloadSheets}
          </Button>
        )}
      </div>
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {table && (
        <>
          <Text>{s.tableSummary(table.rows.length, table.headers.length, table.sheet)}</Text>
          {table.location && (
            <Text data-testid="table-location">{describeLocation(table.location, s.locationWords)}</Text>
          )}
          {props.onHeaderRowChange && (
            <HeaderRowChoice
              strings={s}
              current={table.headerRow ?? 1}
              fixed={mapping?.headerRow ?? null}
              busy={busy}
              onChange={props.onHeaderRowChange}
            />
          )}
          {props.onRangeChange && (
            <RangeChoice
              strings={s}
              current={mapping?.range ?? null}
              busy={busy}
              onChange={props.onRangeChange}
              onUseSelection={props.onUseSelection}
            />
          )}
          {columnSelect("id", s.columnId, false)}
          {columnSelect("area", s.columnArea, false)}
          {columnSelect("children", s.columnChildren, true)}
          <Accordion collapsible>
            <AccordionItem value="more">
              <AccordionHeader>{s.moreColumns}</AccordionHeader>
              <AccordionPanel>
                {OPTIONAL_COLUMNS.map(({ key, label: l }) => columnSelect(key, l(s), true))}
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
        </>
      )}
    </div>
  );
}

/** The header row field of the Daten step: the row found (or fixed), another row, or back to automatic. */
function HeaderRowChoice(props: {
  strings: Strings;
  current: number;
  fixed: number | null;
  busy: boolean;
  onChange(row: number | null): void;
}) {
  const { strings: s, current, fixed, busy } = props;
  const styles = useStyles();
  const [text, setText] = useState(String(current));
  useEffect(() => setText(String(current)), [current]);
  const row = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  const valid = Number.isInteger(row) && row >= 1 && row <= 1_048_576;
  return (
    <>
      <Field
        label={s.headerRow}
        hint={s.headerRowHint}
        validationState={valid ? "none" : "error"}
        validationMessage={valid ? undefined : s.headerRowInvalid}
      >
        {/* a text field, not type="number": Chromium drops a typed comma there ("1,5" became row 15)
            and hides letters, so the user would not see what was refused */}
        <Input inputMode="numeric" value={text} disabled={busy} onChange={(_, data) => setText(data.value)} />
      </Field>
      <div className={styles.row}>
        <Button
          disabled={busy || !valid || (row === current && fixed === row)}
          onClick={() => props.onChange(row)}
        >
          {s.headerRowApply}
        </Button>
        {fixed !== null && (
          <Button disabled={busy} onClick={() => props.onChange(null)}>
            {s.headerRowAuto}
          </Button>
        )}
      </div>
    </>
  );
}

/**
 * A range the pane accepts as the table: an A1 range of at least two columns (Einrichtung and Sozialraum),
 * written the model's way; null otherwise.
 *
 * @example usableRange(" $a$3:$f$30 "); // => "A3:F30"
 * @example usableRange("A3"); // => null
 */
export function usableRange(text: string): string | null {
  const range = parseCellRange(text);
  return range !== null && range.lastColumn > range.firstColumn ? formatCellRange(range) : null;
}

/** The range field of the Daten step: a typed range, or (in Excel) the selected one. */
function RangeChoice(props: {
  strings: Strings;
  current: string | null;
  busy: boolean;
  onChange(range: string): void;
  onUseSelection?(): void;
}) {
  const { strings: s, current, busy } = props;
  const styles = useStyles();
  const [text, setText] = useState(current ?? "");
  useEffect(() => setText(current ?? ""), [current]);
  const range = usableRange(text);
  const invalid = text.trim() !== "" && range === null;
  return (
    <>
      <Field
        label={s.range}
        hint={s.rangeHint}
        validationState={invalid ? "error" : "none"}
        validationMessage={invalid ? s.rangeInvalid : undefined}
      >
        <Input
          value={text}
          disabled={busy}
          placeholder="A3:F30"
          onChange={(_, data) => setText(data.value)}
        />
      </Field>
      <div className={styles.row}>
        <Button
          disabled={busy || range === null || range === current}
          onClick={() => range && props.onChange(range)}
        >
          {s.rangeApply}
        </Button>
        {props.onUseSelection && (
          <Button disabled={busy} onClick={props.onUseSelection}>
            {s.rangeFromSelection}
          </Button>
        )}
      </div>
    </>
  );
}

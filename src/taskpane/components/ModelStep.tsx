import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { EffectiveWeight } from "../../engine/allocation";
import type { Direction, IndicatorSpec, Model } from "../../engine/model";
import { columnKey } from "../../engine/headerKey";
import { nearestHeader } from "../../engine/nearestName";
import { formatInputNumber, formatShare, type Language, type Strings } from "../i18n";
import { ModelFileActions, type ModelNotice } from "./ModelFileActions";
import { NumberField } from "./NumberField";

export interface ModelStepProps {
  strings: Strings;
  language: Language;
  model: Model | null;
  /** Columns of the data sheet that could be indicators (mapped id/area/children columns excluded). */
  candidateColumns: string[];
  /** Every header of the data sheet, once it is read: an indicator whose column is not among them is marked. */
  sheetColumns?: string[];
  effectiveWeights: EffectiveWeight[];
  onModelChange(model: Model): void;
  onSave(): void;
  /** „Modell speichern als … .srb.json“; without it the button is not offered. */
  onSaveFile?(): void;
  /** „Modell laden“ from a `*.srb.json` file; without it the button is not offered. */
  onLoadFile?(file: File): void;
  /** Confirmation of the last save or load (or why a file was refused). */
  notice?: ModelNotice | null;
  busy: boolean;
  onValidityChange(id: string, label: string, message: string | null): void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  indicator: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  settings: {
    display: "grid",
    // the category gets the room; direction ("+1"/"−1") and weight need few characters
    gridTemplateColumns: "minmax(0, 1fr) minmax(4.5em, 5.5em) minmax(4.5em, 6em)",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
    // below 400 px the category name ("Infrastruktur und Netzwerke") gets a line of its own
    "@media (max-width: 399px)": { gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)" },
  },
  category: { "@media (max-width: 399px)": { gridColumn: "1 / -1" } },
  effective: { color: tokens.colorNeutralForeground2 },
  goalposts: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
});

/**
 * The goalposts an indicator gets from the two fields (min, max; null = empty): both present and
 * min < max gives the pair; an empty field gives none (the engine then warns `goalposts-missing` and uses
 * the current data); min ≥ max is an error the user must fix (`"order"`), nothing is passed on.
 *
 * @example
 * goalpostsFrom(0, 40); // => { min: 0, max: 40 }
 * goalpostsFrom(-5, null); // => null
 * goalpostsFrom(40, 40); // => "order"
 */
export function goalpostsFrom(
  min: number | null,
  max: number | null,
): { min: number; max: number } | null | "order" {
  if (min === null || max === null) return null;
  return min < max ? { min, max } : "order";
}

interface GoalpostFieldsProps {
  strings: Strings;
  language: Language;
  id: string;
  indicator: IndicatorSpec;
  onChange(goalposts: { min: number; max: number } | undefined): void;
  onValidityChange(id: string, label: string, message: string | null): void;
}

/** Min and max of the reference year for one indicator, checked together (min < max). */
function GoalpostFields({
  strings: s,
  language,
  id,
  indicator,
  onChange,
  onValidityChange,
}: GoalpostFieldsProps) {
  const styles = useStyles();
  const column = indicator.column;
  const [pair, setPair] = useState<{ min: number | null; max: number | null }>(() => ({
    min: indicator.goalposts?.min ?? null,
    max: indicator.goalposts?.max ?? null,
  }));
  const outcome = goalpostsFrom(pair.min, pair.max);
  const order =
    outcome === "order"
      ? s.goalpostsOrder(column, formatInputNumber(pair.min ?? 0), formatInputNumber(pair.max ?? 0))
      : null;
  const label = s.goalpostsOf(column);

  // goalposts set from outside (a stored model loaded) replace the pair unless it already means them;
  // adjusted while rendering when they change (as NumberField does with its value)
  const outside = indicator.goalposts;
  const [seen, setSeen] = useState({ min: outside?.min, max: outside?.max });
  if (!Object.is(seen.min, outside?.min) || !Object.is(seen.max, outside?.max)) {
    setSeen({ min: outside?.min, max: outside?.max });
    if (outside && (outside.min !== pair.min || outside.max !== pair.max)) setPair({ ...outside });
  }

  useEffect(() => {
    onValidityChange(`${id}-order`, label, order);
  }, [id, label, order, onValidityChange]);
  // the pair disappears with the option or the indicator: it must not keep blocking
  useEffect(() => () => onValidityChange(`${id}-order`, label, null), [id, label, onValidityChange]);

  const update = (next: { min: number | null; max: number | null }) => {
    setPair(next);
    const g = goalpostsFrom(next.min, next.max);
    if (g !== "order") onChange(g ?? undefined);
  };

  return (
    <>
      <div className={styles.goalposts}>
        <NumberField
          id={`${id}-min`}
          label={s.goalpostMinOf(column)}
          visibleLabel={s.goalpostMin}
          kind="value"
          language={language}
          value={pair.min}
          optional
          onChange={(v) => update({ ...pair, min: v })}
          onValidityChange={onValidityChange}
        />
        <NumberField
          id={`${id}-max`}
          label={s.goalpostMaxOf(column)}
          visibleLabel={s.goalpostMax}
          kind="value"
          language={language}
          value={pair.max}
          optional
          onChange={(v) => update({ ...pair, max: v })}
          onValidityChange={onValidityChange}
        />
      </div>
      {order !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{order}</MessageBarBody>
        </MessageBar>
      )}
      {outcome === null && (
        <Text size={200} className={styles.effective}>
          {s.goalpostsMissing(column)}
        </Text>
      )}
    </>
  );
}

/**
 * Turns a column on or off as an indicator. A new indicator gets the first category, direction +1, weight 1.
 *
 * @example
 * toggleIndicator(model, "SGB_II_Quote", true).indicators.at(-1);
 * // => { column: "SGB_II_Quote", category: "Allgemeiner Bedarf", direction: 1, weight: 1 }
 */
export function toggleIndicator(model: Model, column: string, use: boolean): Model {
  const present = model.indicators.some((i) => i.column === column);
  if (use && !present) {
    const category = model.categories[0]?.name ?? "";
    return { ...model, indicators: [...model.indicators, { column, category, direction: 1, weight: 1 }] };
  }
  if (!use && present) return { ...model, indicators: model.indicators.filter((i) => i.column !== column) };
  return model;
}

/**
 * The indicator on column `from` moved to column `to`, keeping its category, direction, weight and
 * goalposts (a model whose column is spelt differently from the sheet's header).
 *
 * @example renameIndicator(model, "Arbeitslosenquote", "Arbeitslosen-Quote").indicators[0].column; // => "Arbeitslosen-Quote"
 */
export function renameIndicator(model: Model, from: string, to: string): Model {
  return {
    ...model,
    indicators: model.indicators.map((i) => (i.column === from ? { ...i, column: to } : i)),
  };
}

function updateIndicator(model: Model, column: string, patch: Partial<IndicatorSpec>): Model {
  return {
    ...model,
    indicators: model.indicators.map((i) => (i.column === column ? { ...i, ...patch } : i)),
  };
}

/**
 * Step "Modell": the indicator catalogue (category, direction, weight per indicator; with fixed goalposts
 * switched on in "Budget & Regeln" also min and max of the reference year), the category weights, the
 * effective weights shown live, and saving the model in the workbook.
 *
 * @example
 * <ModelStep strings={stringsFor("de")} language="de" model={model} candidateColumns={columns}
 *   effectiveWeights={effectiveWeights(model)} onModelChange={setModel} onSave={save} … />
 */
export function ModelStep(props: ModelStepProps) {
  const { strings: s, language, model, candidateColumns, effectiveWeights, busy, onValidityChange } = props;
  const styles = useStyles();
  const fileActions = (
    <ModelFileActions
      strings={s}
      busy={busy}
      canSave={model !== null}
      onSaveInWorkbook={props.onSave}
      onSaveFile={props.onSaveFile}
      onLoadFile={props.onLoadFile}
      notice={props.notice}
    />
  );
  if (!model)
    return (
      <div className={styles.root}>
        <Text>{s.noIndicators}</Text>
        {props.onLoadFile && fileActions}
      </div>
    );

  const columns = [...candidateColumns];
  for (const i of model.indicators) if (!columns.includes(i.column)) columns.push(i.column);
  const effective = new Map(effectiveWeights.map((w) => [w.column, w.weight]));

  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">{s.indicators}</Subtitle2>
      <Text size={200} className={styles.effective}>
        {s.effectiveWeightsNote}
      </Text>
      {columns.map((column, n) => {
        const indicator = model.indicators.find((i) => i.column === column);
        const key = `indicator-${n}`;
        // a column of the model that the sheet lacks (a model file from another year, a renamed header)
        // (found as the check finds it: case, spaces and a hyphen at a line break set aside)
        const missing =
          indicator !== undefined &&
          props.sheetColumns !== undefined &&
          !props.sheetColumns.some((h) => columnKey(h) === columnKey(column));
        const meant = missing
          ? nearestHeader(
              column,
              candidateColumns.filter((c) => !model.indicators.some((i) => i.column === c)),
            )
          : null;
        return (
          <div key={column} className={styles.indicator} data-testid={`indicator-${column}`}>
            <Checkbox
              checked={indicator !== undefined}
              label={column}
              aria-label={s.indicatorUseLabel(column)}
              disabled={busy}
              onChange={(_, data) =>
                props.onModelChange(toggleIndicator(model, column, data.checked === true))
              }
            />
            {missing && (
              <MessageBar intent="warning">
                <MessageBarBody>{s.indicatorColumnMissing(column, meant)}</MessageBarBody>
              </MessageBar>
            )}
            {missing && meant !== null && (
              <Button
                disabled={busy}
                onClick={() => props.onModelChange(renameIndicator(model, column, meant))}
              >
                {s.indicatorUseColumn(meant)}
              </Button>
            )}
            {indicator && (
              <div className={styles.settings}>
                <Field label={s.category} className={styles.category}>
                  <Select
                    aria-label={s.indicatorCategory(column)}
                    value={indicator.category}
                    onChange={(_, data) =>
                      props.onModelChange(updateIndicator(model, column, { category: data.value }))
                    }
                  >
                    {model.categories.map((c) => (
                      <option key={c.name} value={c.name}>
                        {c.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={s.direction}>
                  <Select
                    aria-label={s.indicatorDirection(column)}
                    value={String(indicator.direction)}
                    onChange={(_, data) =>
                      props.onModelChange(
                        updateIndicator(model, column, { direction: Number(data.value) as Direction }),
                      )
                    }
                  >
                    <option value="1" title={s.directionPlus}>
                      +1
                    </option>
                    <option value="-1" title={s.directionMinus}>
                      −1
                    </option>
                  </Select>
                </Field>
                <NumberField
                  id={`${key}-weight`}
                  label={s.indicatorWeight(column)}
                  visibleLabel={s.weight}
                  kind="weight"
                  language={language}
                  value={indicator.weight}
                  onChange={(v) => props.onModelChange(updateIndicator(model, column, { weight: v ?? 0 }))}
                  onValidityChange={onValidityChange}
                />
              </div>
            )}
            {indicator && model.options.goalposts === true && (
              <GoalpostFields
                strings={s}
                language={language}
                id={`${key}-goalposts`}
                indicator={indicator}
                onChange={(goalposts) => props.onModelChange(updateIndicator(model, column, { goalposts }))}
                onValidityChange={onValidityChange}
              />
            )}
            {indicator && effective.has(column) && (
              <Text size={200} className={styles.effective}>
                {s.effectiveWeight}: {formatShare(effective.get(column) ?? 0)}
              </Text>
            )}
          </div>
        );
      })}
      <Subtitle2 as="h2">{s.categories}</Subtitle2>
      {model.categories.map((c, n) => (
        <NumberField
          key={c.name}
          id={`category-${n}-weight`}
          label={s.categoryWeight(c.name)}
          kind="weight"
          language={language}
          value={c.weight}
          onChange={(v) =>
            props.onModelChange({
              ...model,
              categories: model.categories.map((k) => (k.name === c.name ? { ...k, weight: v ?? 0 } : k)),
            })
          }
          onValidityChange={onValidityChange}
        />
      ))}
      {fileActions}
    </div>
  );
}

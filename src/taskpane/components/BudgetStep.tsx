import {
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ReactElement } from "react";
import { DEFAULT_DYNAMISIERUNG_RATE, dynamisiert, dynamisierungIssues } from "../../engine/dynamisierung";
import {
  DEFAULT_BREMEN_RULES,
  DEFAULT_KOFINANZIERUNG,
  DEFAULT_RULE_SET,
  type AreaMethod,
  type BudgetSpec,
  type Model,
  type ModelOptions,
  type Normalisation,
  type RuleSet,
  type SdKind,
  type StellenplanRules,
} from "../../engine/model";
import {
  DEFAULT_STRAND2_VZAE,
  DEFAULT_UNSPENT,
  DEFAULT_WITHIN,
  type UnspentRule,
  type WithinSplit,
} from "../../engine/stellenplan";
import { DEFAULT_VZAE_STEP } from "../../engine/vzae";
import { formatEuro, formatNumber, type Language, type Strings } from "../i18n";
import { NumberField } from "./NumberField";

export interface BudgetStepProps {
  strings: Strings;
  language: Language;
  model: Model;
  onModelChange(model: Model): void;
  onValidityChange(id: string, label: string, message: string | null): void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    // a fieldset is at least as wide as its widest content unless told otherwise
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  indent: {
    paddingLeft: tokens.spacingHorizontalXXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
});

/**
 * The budget the model distributes once Dynamisierung is switched on: `A_y = A_base · (1 + rate)^(y − base)`
 * (SPEC.md §6), or null while the inputs do not allow it (year before the base year, …).
 *
 * @example
 * // Bad Kreuznach: 2 · 488.897 € = 977.794 € in 2021, 2022 at 2,5 %: 977.794 · 1,025 = 1.002.238,85 €
 * derivedBudget({ total: 0, year: 2022, dynamisierung: { baseAmount: 977794, baseYear: 2021, rate: 0.025 } });
 * // => 1002238.85
 */
export function derivedBudget(budget: BudgetSpec): number | null {
  const d = budget.dynamisierung;
  if (!d || budget.year === undefined) return null;
  if (dynamisierungIssues(d, budget.year).length > 0) return null;
  return dynamisiert(d.baseAmount, d.baseYear, budget.year, d.rate);
}

/** The model file's limit for `municipality` (modelFile.ts): the page header has room for no more. */
const MUNICIPALITY_MAX_LENGTH = 120;

/** Makes one NumberField of this step: id, label, kind, value, onChange and the optional extras. */
type FieldMaker = (
  id: string,
  label: string,
  kind: Parameters<typeof NumberField>[0]["kind"],
  value: number | null | undefined,
  onChange: (v: number | null) => void,
  extra?: { optional?: boolean; disabled?: boolean; hint?: string },
) => ReactElement;

/**
 * The NumberFields of this step in one language, each reporting its validity to `onValidityChange`.
 *
 * @example
 * const field = numberFields("de", report);
 * field("vzae-step", s.vzaeStep, "step", 0.5, (v) => setBudget({ vzaeStep: v ?? DEFAULT_VZAE_STEP }));
 */
function numberFields(language: Language, onValidityChange: BudgetStepProps["onValidityChange"]): FieldMaker {
  return (id, label, kind, value, onChange, extra = {}) => (
    <NumberField
      id={id}
      label={label}
      kind={kind}
      value={value}
      language={language}
      onChange={onChange}
      onValidityChange={onValidityChange}
      {...extra}
    />
  );
}

/** Setters that change one part of the model: the budget (its Dynamisierung applied), the rules, the options. */
interface ModelPatchers {
  setBudget(patch: Partial<BudgetSpec>): void;
  setRules(patch: Partial<StellenplanRules>): void;
  setOptions(patch: Partial<ModelOptions>): void;
}

/**
 * The setters of `model`'s parts, each handing the whole changed model to `onModelChange`; a budget with
 * Dynamisierung gets its derived total.
 *
 * @example modelPatchers(model, setModel).setOptions({ winsorise: true });
 */
function modelPatchers(model: Model, onModelChange: (model: Model) => void): ModelPatchers {
  return {
    setBudget: (patch) => {
      const next: BudgetSpec = { ...model.budget, ...patch };
      const derived = derivedBudget(next);
      if (derived !== null) next.total = derived;
      onModelChange({ ...model, budget: next });
    },
    setRules: (patch) => onModelChange({ ...model, rules: { ...model.rules, ...patch } }),
    setOptions: (patch) => onModelChange({ ...model, options: { ...model.options, ...patch } }),
  };
}

/** What every part of the step gets: the texts, the model, its setters and the field maker. */
interface PartProps extends ModelPatchers {
  strings: Strings;
  language: Language;
  model: Model;
  onModelChange(model: Model): void;
  field: FieldMaker;
}

/**
 * Step "Budget & Regeln": budget, year and Dynamisierung, Kofinanzierung, cost per VZÄ and its step,
 * the rule set (RLP or Bremen) and the method options of SPEC.md (fixed goalposts: the switch is here, the
 * values per indicator in step "Modell").
 *
 * @example
 * <BudgetStep strings={stringsFor("de")} language="de" model={model} onModelChange={setModel}
 *   onValidityChange={report} />
 */
export function BudgetStep(props: BudgetStepProps) {
  const { strings, language, model, onModelChange } = props;
  const styles = useStyles();
  const part: PartProps = {
    strings,
    language,
    model,
    onModelChange,
    field: numberFields(language, props.onValidityChange),
    ...modelPatchers(model, onModelChange),
  };
  return (
    <div className={styles.root}>
      <BudgetFields {...part} />
      <KofinanzierungGroup {...part} />
      <RuleSetChoice {...part} />
      <MethodOptions {...part} />
    </div>
  );
}

/**
 * The budget: its total (derived, and then read-only, with Dynamisierung; warned about at 0 €), its year, the
 * Kommune for the page header, and the Dynamisierung switch with its inputs.
 */
function BudgetFields(part: PartProps) {
  const { strings: s, model, onModelChange, field, setBudget } = part;
  const budget = model.budget;
  const dyn = budget.dynamisierung;
  return (
    <>
      {field(
        "budget-total",
        s.budgetTotal,
        "positiveAmount",
        budget.total,
        (v) => setBudget({ total: v ?? 0 }),
        { disabled: dyn !== undefined, hint: formatEuro(budget.total) },
      )}
      {budget.total === 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.budgetZero}</MessageBarBody>
        </MessageBar>
      )}
      {field(
        "budget-year",
        s.budgetYear,
        "year",
        budget.year ?? null,
        (v) => setBudget({ year: v ?? undefined }),
        {
          optional: true,
        },
      )}
      <Field label={s.municipality} hint={s.municipalityHint}>
        <Input
          data-testid="municipality"
          value={model.municipality ?? ""}
          maxLength={MUNICIPALITY_MAX_LENGTH}
          onChange={(_, data) => {
            const { municipality: _before, ...rest } = model;
            onModelChange(data.value.trim() === "" ? rest : { ...rest, municipality: data.value });
          }}
        />
      </Field>
      <Checkbox
        label={s.dynamisierung}
        checked={dyn !== undefined}
        onChange={(_, data) =>
          setBudget({
            dynamisierung: data.checked
              ? { baseAmount: budget.total, baseYear: budget.year ?? 2021, rate: DEFAULT_DYNAMISIERUNG_RATE }
              : undefined,
            year: budget.year ?? new Date().getFullYear(),
          })
        }
      />
      {dyn && <DynamisierungFields {...part} />}
    </>
  );
}

/** Dynamisierung's base amount, base year and rate, the budget derived from them, and what keeps it from it. */
function DynamisierungFields({ strings: s, model, field, setBudget }: PartProps) {
  const styles = useStyles();
  const budget = model.budget;
  const dyn = budget.dynamisierung!;
  const derived = derivedBudget(budget);
  const dynProblems = budget.year !== undefined ? dynamisierungIssues(dyn, budget.year) : [];
  return (
    <div className={styles.indent}>
      {field("dyn-base", s.baseAmount, "amount", dyn.baseAmount, (v) =>
        setBudget({ dynamisierung: { ...dyn, baseAmount: v ?? 0 } }),
      )}
      {field("dyn-year", s.baseYear, "year", dyn.baseYear, (v) =>
        setBudget({ dynamisierung: { ...dyn, baseYear: v ?? dyn.baseYear } }),
      )}
      {field("dyn-rate", s.rate, "percent", dyn.rate, (v) =>
        setBudget({ dynamisierung: { ...dyn, rate: v ?? 0 } }),
      )}
      {derived !== null && <Text weight="semibold">{s.derivedBudget(formatEuro(derived))}</Text>}
      {dynProblems.map((p) => (
        <MessageBar key={p.message} intent="error">
          <MessageBarBody>{p.message}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}

/**
 * Kofinanzierung (Land and Kommune shares, warned about unless they add up to 100 %), the cost per VZÄ and
 * its step, and the Stellenplan rules that apply once a cost per VZÄ is set.
 */
function KofinanzierungGroup(part: PartProps) {
  const { strings: s, model, field, setBudget } = part;
  const styles = useStyles();
  const budget = model.budget;
  const kofi = budget.kofinanzierung ?? DEFAULT_KOFINANZIERUNG;
  const shareSum = kofi.landShare + kofi.municipalShare;
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{s.kofinanzierung}</legend>
      {field("kofi-land", s.landShare, "percent", kofi.landShare, (v) =>
        setBudget({ kofinanzierung: { ...kofi, landShare: v ?? 0 } }),
      )}
      {field("kofi-municipal", s.municipalShare, "percent", kofi.municipalShare, (v) =>
        setBudget({ kofinanzierung: { ...kofi, municipalShare: v ?? 0 } }),
      )}
      {Math.abs(shareSum - 1) > 1e-9 && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.sharesMustAddUp(formatNumber(shareSum * 100, 1))}</MessageBarBody>
        </MessageBar>
      )}
      {field(
        "cost-vzae",
        s.costPerVzae,
        "positiveAmount",
        budget.costPerVzae ?? null,
        (v) => setBudget({ costPerVzae: v ?? undefined }),
        { optional: true },
      )}
      {field("vzae-step", s.vzaeStep, "step", budget.vzaeStep ?? DEFAULT_VZAE_STEP, (v) =>
        setBudget({ vzaeStep: v ?? DEFAULT_VZAE_STEP }),
      )}
      {budget.costPerVzae !== undefined && <StellenplanRulesFields {...part} />}
    </fieldset>
  );
}

/** The Stellenplan rules: the fixed strand-2 post, how a Sozialraum's posts are split, what is left unspent. */
function StellenplanRulesFields({ strings: s, model, field, setRules }: PartProps) {
  return (
    <>
      {field(
        "strand2-vzae",
        s.strand2Vzae,
        // 0 is a valid choice: no fixed Nachbarschaftszentrum post (the model file allows it too)
        "staff",
        model.rules?.strand2Vzae ?? DEFAULT_STRAND2_VZAE,
        (v) => setRules({ strand2Vzae: v ?? DEFAULT_STRAND2_VZAE }),
      )}
      <Field label={s.within}>
        <Select
          value={model.rules?.within ?? DEFAULT_WITHIN}
          onChange={(_, data) => setRules({ within: data.value as WithinSplit })}
        >
          <option value="index">{s.withinIndex}</option>
          <option value="index-children">{s.withinIndexChildren}</option>
        </Select>
      </Field>
      <Field label={s.unspent}>
        <Select
          value={model.rules?.unspent ?? DEFAULT_UNSPENT}
          onChange={(_, data) => setRules({ unspent: data.value as UnspentRule })}
        >
          <option value="keep">{s.unspentKeep}</option>
          <option value="redistribute">{s.unspentRedistribute}</option>
        </Select>
      </Field>
    </>
  );
}

/** The rule set, RLP or Bremen; Bremen starts from its default rules unless the model has its own. */
function RuleSetChoice({ strings: s, model, onModelChange }: PartProps) {
  return (
    <Field label={s.ruleSet}>
      <RadioGroup
        value={model.ruleSet ?? DEFAULT_RULE_SET}
        onChange={(_, data) => {
          const ruleSet = data.value as RuleSet;
          onModelChange({
            ...model,
            ruleSet,
            bremen: ruleSet === "bremen" ? (model.bremen ?? DEFAULT_BREMEN_RULES) : model.bremen,
          });
        }}
      >
        <Radio value="rlp" label={s.ruleSetRlp} />
        <Radio value="bremen" label={s.ruleSetBremen} />
      </RadioGroup>
    </Field>
  );
}

/**
 * The method options of SPEC.md: normalisation, standard deviation, area method, child weighting,
 * winsorising, fixed goalposts, the coverage check, the Sockel and publication mode.
 */
function MethodOptions(part: PartProps) {
  const { strings: s, model, setOptions } = part;
  const options = model.options;
  return (
    <>
      <Subtitle2 as="h2">{s.options}</Subtitle2>
      <Field label={s.normalisation}>
        <Select
          value={options.normalisation}
          onChange={(_, data) => setOptions({ normalisation: data.value as Normalisation })}
        >
          <option value="minmax">{s.normalisationMinmax}</option>
          <option value="tscore">{s.normalisationTscore}</option>
        </Select>
      </Field>
      <Field label={s.sdKind}>
        <Select value={options.sd} onChange={(_, data) => setOptions({ sd: data.value as SdKind })}>
          <option value="sample">{s.sdSample}</option>
          <option value="population">{s.sdPopulation}</option>
        </Select>
      </Field>
      <Field label={s.areaMethod}>
        <Select
          value={options.areaMethod}
          onChange={(_, data) => setOptions({ areaMethod: data.value as AreaMethod })}
        >
          <option value="mean-of-units">{s.areaMeanOfUnits}</option>
          <option value="sum-of-units">{s.areaSumOfUnits}</option>
          <option value="aggregate">{s.areaAggregate}</option>
        </Select>
      </Field>
      <Checkbox
        label={s.childWeighted}
        checked={options.childWeighted === true}
        onChange={(_, data) => setOptions({ childWeighted: data.checked === true })}
      />
      <Checkbox
        label={s.winsorise}
        checked={options.winsorise === true}
        onChange={(_, data) => setOptions({ winsorise: data.checked === true })}
      />
      <Field hint={s.goalpostsHint}>
        <Switch
          label={s.goalposts}
          checked={options.goalposts === true}
          onChange={(_, data) => setOptions({ goalposts: data.checked })}
        />
      </Field>
      <CoverageOptions {...part} />
      <SockelOptions {...part} />
      <Checkbox
        label={s.publication}
        checked={options.publication === true}
        onChange={(_, data) => setOptions({ publication: data.checked === true })}
      />
    </>
  );
}

/** The coverage check: switched on with 65 % for units and indicators, as a warning or an error. */
function CoverageOptions({ strings: s, model, field, setOptions }: PartProps) {
  const styles = useStyles();
  const options = model.options;
  return (
    <>
      <Checkbox
        label={s.coverage}
        checked={options.coverage !== undefined}
        onChange={(_, data) =>
          setOptions({
            coverage: data.checked ? { unit: 0.65, indicator: 0.65, level: "warning" } : undefined,
          })
        }
      />
      {options.coverage && (
        <div className={styles.indent}>
          {field("coverage-unit", s.coverageUnit, "percent", options.coverage.unit, (v) =>
            setOptions({ coverage: { ...options.coverage!, unit: v ?? 0 } }),
          )}
          {field("coverage-indicator", s.coverageIndicator, "percent", options.coverage.indicator, (v) =>
            setOptions({ coverage: { ...options.coverage!, indicator: v ?? 0 } }),
          )}
          <Field label={s.coverageLevel}>
            <Select
              value={options.coverage.level}
              onChange={(_, data) =>
                setOptions({ coverage: { ...options.coverage!, level: data.value as "warning" | "error" } })
              }
            >
              <option value="warning">{s.coverageWarning}</option>
              <option value="error">{s.coverageError}</option>
            </Select>
          </Field>
        </div>
      )}
    </>
  );
}

/** The Sockel: switched on with 10 % of the budget, shared equally or by children. */
function SockelOptions({ strings: s, model, field, setOptions }: PartProps) {
  const styles = useStyles();
  const options = model.options;
  return (
    <>
      <Checkbox
        label={s.sockel}
        checked={options.sockel !== undefined}
        onChange={(_, data) =>
          setOptions({ sockel: data.checked ? { fraction: 0.1, by: "equal" } : undefined })
        }
      />
      {options.sockel && (
        <div className={styles.indent}>
          {field("sockel-fraction", s.sockelFraction, "percent", options.sockel.fraction, (v) =>
            setOptions({ sockel: { ...options.sockel!, fraction: v ?? 0 } }),
          )}
          <Field label={s.sockelBy}>
            <Select
              value={options.sockel.by}
              onChange={(_, data) =>
                setOptions({ sockel: { ...options.sockel!, by: data.value as "equal" | "children" } })
              }
            >
              <option value="equal">{s.sockelEqual}</option>
              <option value="children">{s.sockelChildren}</option>
            </Select>
          </Field>
        </div>
      )}
    </>
  );
}

/**
 * The one model checkpoint: JSON in (a `*.srb.json` file, the store of a workbook, the task pane's edited
 * model), a `ResolvedModel` or the complete list of German problems out.
 *
 * In this order, all problems collected in one pass:
 * 1. the file's shape (`parseModel`: zod schema and `checkModel`: categories, weights, columns, options);
 * 2. the rule tables: Kofinanzierung shares, VZÄ cost and step, the Bremen table — before any scoring, so an
 *    invalid Kofinanzierung share never reaches the computation;
 * 3. values that are numbers but would overflow the computation (a weight of 10^308, a VZÄ cost of
 *    10^-300 €, a Bremen VZÄ of 10^308): they would end as `Infinity` in a cell or as "kein Index ≥ 0";
 *    each is named in words (code `model-value-out-of-range`);
 * 4. every default filled in (`ResolvedModel` has no optional field), the only place that does so — including
 *    the Stellenplan rules (`rules.strand2Vzae` 0,5, `within` "index", `unspent` "keep").
 *
 * The model is null if and only if an issue is an error. Never throws for bad input.
 */
import { bremenRulesIssues } from "./bremenRules";
import { MAX_BUDGET_EUROS } from "./check";
import type { Issue } from "./issues";
import { kofinanzierungIssues } from "./kofinanzierung";
import { messages, type CheckCode } from "./messages";
import {
  DEFAULT_BREMEN_RULES,
  DEFAULT_KOFINANZIERUNG,
  DEFAULT_RULE_SET,
  DEFAULT_STRAND3_CATEGORY,
  type Model,
  type ResolvedModel,
} from "./model";
import { parseModel } from "./modelFile";
import { DEFAULT_STRAND2_VZAE, DEFAULT_UNSPENT, DEFAULT_WITHIN } from "./stellenplan";
import { DEFAULT_VZAE_STEP, vzaeIssues } from "./vzae";

/** Largest weight of a category or indicator (weights only count relative to each other). */
export const MAX_WEIGHT = 1e6;
/** Largest number of VZÄ the whole budget may pay for (far above any city; keeps the step counts exact). */
export const MAX_VZAE = 1e9;
/** Largest personnel volume (budget ÷ Landesanteil) in euros: the cents stay exact in a double. */
export const MAX_PERSONNEL_VOLUME = 1e13;
/** Largest VZÄ per row and largest Sachkosten of the Bremen table. */
export const MAX_BREMEN_VZAE = 1000;

export interface ResolveModelResult {
  /** The checked model with every default filled in; null if and only if `issues` contains an error. */
  model: ResolvedModel | null;
  /**
   * The model as the file states it (format defaults, extra fields kept): what is stored back into a
   * workbook. Set whenever the file's shape is valid, even when a rule table or a value is not (so that an
   * editor can show it for correction); null when the shape is not.
   */
  file: Model | null;
  issues: Issue[];
}

function outOfRange(message: string): Issue {
  const code: CheckCode = "model-value-out-of-range";
  return { level: "error", code, sheet: "", cell: "", message };
}

/** Step 3: numbers the schema accepts but the computation cannot carry. */
function overflowIssues(file: Model): Issue[] {
  const issues: Issue[] = [];
  for (const c of file.categories) {
    if (c.weight > MAX_WEIGHT)
      issues.push(
        outOfRange(messages.modelWeightTooLarge(`Gewicht der Kategorie „${c.name}“`, c.weight, MAX_WEIGHT)),
      );
  }
  for (const i of file.indicators) {
    if (i.weight > MAX_WEIGHT) {
      issues.push(
        outOfRange(
          messages.modelWeightTooLarge(`Gewicht des Indikators „${i.column}“`, i.weight, MAX_WEIGHT),
        ),
      );
    }
    const g = i.goalposts;
    if (g && !Number.isFinite(g.max - g.min))
      issues.push(outOfRange(messages.modelGoalpostsTooWide(i.column, g.min, g.max)));
  }
  const b = file.budget;
  const landShare = (b.kofinanzierung ?? DEFAULT_KOFINANZIERUNG).landShare;
  const volume = b.total / landShare;
  if (landShare > 0 && !(volume <= MAX_PERSONNEL_VOLUME))
    issues.push(outOfRange(messages.modelLandShareTooSmall(landShare, MAX_PERSONNEL_VOLUME)));
  const step = b.vzaeStep ?? DEFAULT_VZAE_STEP;
  if (b.costPerVzae !== undefined && b.costPerVzae > 0 && step > 0) {
    const stepCost = b.costPerVzae * step;
    if (!Number.isFinite(stepCost)) {
      issues.push(outOfRange(messages.modelVzaeStepTooLarge(step)));
    } else if (volume <= MAX_PERSONNEL_VOLUME && !(stepCost > 0 && (volume / stepCost) * step <= MAX_VZAE)) {
      issues.push(outOfRange(messages.modelCostPerVzaeTooSmall(b.costPerVzae, MAX_VZAE)));
    }
  }
  if (file.ruleSet === "bremen" && file.bremen) {
    const br = file.bremen;
    br.rows.forEach((r, k) => {
      if (r.vzae > MAX_BREMEN_VZAE) {
        issues.push(outOfRange(messages.modelBremenVzaeTooLarge(k + 1, r.vzae, MAX_BREMEN_VZAE)));
      }
    });
    for (const [what, value] of [
      ["Sachkostenpauschale", br.sachkosten],
      ["Sachkostenpauschale im ersten Jahr", br.sachkostenFirstYear],
    ] as const) {
      if (value > MAX_BUDGET_EUROS)
        issues.push(outOfRange(messages.modelBremenAmountTooLarge(what, value, MAX_BUDGET_EUROS)));
    }
  }
  return issues;
}

/** Step 4: every default filled in, extra fields of the file left behind. */
function resolved(file: Model): ResolvedModel {
  const d = file.data;
  const o = file.options;
  const b = file.budget;
  const ruleSet = file.ruleSet ?? DEFAULT_RULE_SET;
  return {
    data: {
      sheet: d.sheet ?? "",
      ...(d.headerRow !== undefined ? { headerRow: d.headerRow } : {}),
      ...(d.range !== undefined ? { range: d.range } : {}),
      id: d.id,
      area: d.area,
      children: d.children ?? null,
      strand2: d.strand2 ?? null,
      strand3Reason: d.strand3Reason ?? null,
      strand4: d.strand4 ?? null,
      strand4Reason: d.strand4Reason ?? null,
      verbund: d.verbund ?? null,
      firstYear: d.firstYear ?? null,
      kitaIndex: d.kitaIndex ?? null,
      strand4Vzae: d.strand4Vzae ?? null,
      traeger: d.traeger ?? null,
    },
    indicators: file.indicators.map((i) => ({
      column: i.column,
      category: i.category,
      direction: i.direction,
      weight: i.weight,
      label: i.label ?? i.column,
      goalposts: i.goalposts ? { min: i.goalposts.min, max: i.goalposts.max } : null,
      allowNegative: i.allowNegative === true,
    })),
    categories: file.categories.map((c) => ({ name: c.name, weight: c.weight })),
    options: {
      normalisation: o.normalisation,
      sd: o.sd,
      areaMethod: o.areaMethod,
      childWeighted: o.childWeighted === true,
      winsorise: o.winsorise === true,
      goalposts: o.goalposts === true,
      coverage: o.coverage
        ? { unit: o.coverage.unit, indicator: o.coverage.indicator, level: o.coverage.level }
        : null,
      sockel: o.sockel ? { fraction: o.sockel.fraction, by: o.sockel.by } : null,
      publication: o.publication === true,
    },
    budget: {
      total: b.total,
      year: b.year ?? null,
      dynamisierung: b.dynamisierung
        ? {
            baseAmount: b.dynamisierung.baseAmount,
            baseYear: b.dynamisierung.baseYear,
            rate: b.dynamisierung.rate,
          }
        : null,
      kofinanzierung: { ...(b.kofinanzierung ?? DEFAULT_KOFINANZIERUNG) },
      costPerVzae: b.costPerVzae ?? null,
      vzaeStep: b.vzaeStep ?? DEFAULT_VZAE_STEP,
    },
    ruleSet,
    bremen:
      ruleSet === "bremen"
        ? {
            ...(file.bremen ?? DEFAULT_BREMEN_RULES),
            rows: (file.bremen ?? DEFAULT_BREMEN_RULES).rows.map((r) => ({ ...r })),
          }
        : null,
    strand3Category: file.strand3Category ?? DEFAULT_STRAND3_CATEGORY,
    rules: {
      strand2Vzae: file.rules?.strand2Vzae ?? DEFAULT_STRAND2_VZAE,
      within: file.rules?.within ?? DEFAULT_WITHIN,
      unspent: file.rules?.unspent ?? DEFAULT_UNSPENT,
    },
    municipality: typeof file.municipality === "string" ? file.municipality.trim() : "",
  };
}

/**
 * Checks a model (parsed JSON, its text, or the task pane's model object) and fills every default.
 *
 * @example
 * const { model, issues } = resolveModel({ data: { id: "Einrichtung", area: "Sozialraum" },
 *   indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1 }], budget: { total: 1000 } });
 * model?.budget.kofinanzierung; // => { landShare: 0.6, municipalShare: 0.4 }
 * model?.strand3Category; // => "Flucht und Migration"
 * @example
 * resolveModel({ ...file, budget: { total: 1000, kofinanzierung: { landShare: 0, municipalShare: 0.4 } } })
 *   .issues[0].code; // => "kofinanzierung-invalid" (found before any scoring)
 */
export function resolveModel(json: unknown): ResolveModelResult {
  const parsed = parseModel(json);
  const file = parsed.model;
  if (file === null) return { model: null, file: null, issues: parsed.issues };
  const issues = [...parsed.issues];
  const b = file.budget;
  issues.push(...kofinanzierungIssues(b.kofinanzierung ?? DEFAULT_KOFINANZIERUNG));
  if (b.costPerVzae !== undefined) issues.push(...vzaeIssues(b.costPerVzae, b.vzaeStep ?? DEFAULT_VZAE_STEP));
  if (file.ruleSet === "bremen") issues.push(...bremenRulesIssues(file.bremen ?? DEFAULT_BREMEN_RULES));
  issues.push(...overflowIssues(file));
  const blocked = issues.some((i) => i.level === "error");
  return { model: blocked ? null : resolved(file), file, issues };
}

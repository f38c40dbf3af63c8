/**
 * The German message catalogue of the check (`checkTable`, `checkModel`) and of the model file
 * (`parseModel`). Every user-facing sentence of those modules is built here, nowhere else, so that the
 * wording stays consistent and every message names the value found and what was expected.
 *
 * Numbers in messages use the de-DE format (1.234,56); text values are quoted „so“; Excel's booleans are
 * shown as WAHR/FALSCH, as German Excel shows them. The stable issue codes are listed in `CheckCode`
 * and documented in docs/bad-inputs.md.
 */
import { modelFieldName, ROLE_NAMES } from "./modelFieldName";
import type { CellValue } from "./table";
import { isCellError } from "./table";
import { formatEuro, formatEuroPlain, formatNumber } from "./germanFormat";

/**
 * A model field for a message: a JSON path (`indicators[0].direction`, `data.area`) becomes its German name
 * (`modelFieldName`); a name already in words is kept.
 */
function field(path: string): string {
  return /^(?:data|indicators|categories|options|budget|ruleSet|bremen|strand3Category|rules)(?:\[\d+\]|\.[A-Za-z_]\w*)*$/.test(
    path,
  ) || path === "(oberste Ebene)"
    ? modelFieldName(path)
    : path;
}

/**
 * The stable issue codes of the check and the model file, each once (docs/bad-inputs.md documents each).
 * `CheckCode` is derived from this list, so a code is written in one place only.
 *
 * @example CHECK_CODES.includes("excel-error"); // => true
 */
export const CHECK_CODES = [
  "empty-sheet",
  "no-data-rows",
  "header-missing",
  "header-blank",
  "header-duplicate",
  "column-missing",
  "row-ignored",
  "total-row",
  "number-as-text",
  "text-in-number",
  "excel-error",
  "boolean-in-number",
  "not-finite",
  "date-in-number",
  "percent-mixed",
  "negative-value",
  "negative-children",
  "children-not-integer",
  "children-missing",
  "text-expected",
  "flag-invalid",
  "kita-index-range",
  "id-blank",
  "id-duplicate",
  "area-missing",
  "area-spelling",
  "indicator-constant",
  "indicator-empty",
  "value-missing",
  "category-empty",
  "category-no-information",
  "coverage-unit",
  "coverage-indicator",
  "model-no-indicators",
  "model-category-unknown",
  "model-category-empty",
  "model-category-duplicate",
  "model-indicator-duplicate",
  "model-weight-invalid",
  "model-direction-invalid",
  "model-mapping-missing",
  "model-column-twice",
  "model-option-invalid",
  "model-budget-too-large",
  "model-budget-not-dynamisiert",
  "model-json-syntax",
  "model-field-missing",
  "model-field-invalid",
  "model-field-unknown",
  "model-value-out-of-range",
  "rows-below-table",
  "hidden-rows",
  "merged-cells",
] as const;

/** A stable issue code of the check or the model file (one of `CHECK_CODES`). */
export type CheckCode = (typeof CHECK_CODES)[number];

/**
 * The stable issue codes of the computation: `allocate` (§2–§6) and the engine's other modules (strands,
 * overrides, Bremen rules, personnel, Kofinanzierung, Landesformel, Dynamisierung), each once
 * (docs/bad-inputs.md documents each). `EngineCode` is derived from this list.
 *
 * @example ENGINE_CODES.includes("winsorised"); // => true
 */
export const ENGINE_CODES = [
  "winsorised",
  "goalposts-missing",
  "category-left-out",
  "category-only-constant",
  "aggregate-single-area",
  "children-weighting-fallback",
  "budget-invalid",
  "area-index-invalid",
  "sockel-children-missing",
  "cent-tie",
  "strand3-category-missing",
  "no-eligible-unit",
  "strand3-reason-without-effect",
  "strand4-without-justification",
  "strand2-several-in-area",
  "override-invalid",
  "override-difference",
  "override-vzae-invalid",
  "override-unknown-unit",
  "override-overspent",
  "bremen-rules-invalid",
  "vzae-invalid",
  "kofinanzierung-invalid",
  "land-count-invalid",
  "land-count-sum-zero",
  "dynamisierung-invalid",
  "winsorise-tied-group",
  "winsorise-still-outliers",
  "bremen-own-index",
  "strand4-request-rounded",
  "strand4-scaled",
  "strand2-short",
  "within-children-fallback",
  "step-tie",
  "area-unspent",
  "area-unspent-redistributed",
] as const;

/** A stable issue code of the computation (one of `ENGINE_CODES`). */
export type EngineCode = (typeof ENGINE_CODES)[number];

/**
 * The stable issue codes of a run around the engine (src/usecase): the workbook has no model or no data
 * sheet (`generate`), a stored adoption cannot be read or a Fortschreibung has no adoption to carry forward
 * (`fortschreibung`). The command line and the task pane show these like the engine's.
 *
 * @example RUN_CODES.includes("sheet-missing"); // => true
 */
export const RUN_CODES = [
  "model-missing",
  "sheet-missing",
  "adoption-unreadable",
  "carry-forward-without-adoption",
  "carry-forward-unit-new",
  "carry-forward-unit-gone",
  "carry-forward-scores-missing",
] as const;

/** A stable issue code of a run (one of `RUN_CODES`). */
export type RunCode = (typeof RUN_CODES)[number];

/** Any issue code a user can see: the check's and model file's, the computation's, the run's. */
export type IssueCode = CheckCode | EngineCode | RunCode;

/**
 * Every issue code a user can see: the check's and model file's, the computation's, then the run's.
 *
 * @example ISSUE_CODES.length === CHECK_CODES.length + ENGINE_CODES.length + RUN_CODES.length; // => true
 */
export const ISSUE_CODES: readonly IssueCode[] = [...CHECK_CODES, ...ENGINE_CODES, ...RUN_CODES];

/** Numbers in messages: de-DE, up to six decimals, ±Infinity in words (see germanFormat.ts). */
export { formatNumber };

/**
 * A share (0–1) in a message: a German percentage with at most one decimal and a plain space (coverage
 * messages; rounded half up on the tenth of a percent, as the documented messages show it).
 *
 * @example sharePercent(0.655); // => "65,5 %"
 */
function sharePercent(share: number): string {
  const rounded = Math.round(share * 1000) / 10;
  return `${formatNumber(rounded)} %`;
}

const MAX_SHOWN_TEXT = 40;

/**
 * A raw cell value as it is named in a message: text in German quotes, numbers de-DE, booleans as
 * WAHR/FALSCH, Excel errors as the error code, blank as "(leer)".
 *
 * @example formatCellValue("k.A."); // => "„k.A.“"
 * @example formatCellValue(12.5); // => "12,5"
 */
export function formatCellValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "(leer)";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "WAHR" : "FALSCH";
  if (isCellError(value)) return value.error;
  const text = value.length > MAX_SHOWN_TEXT ? `${value.slice(0, MAX_SHOWN_TEXT - 1)}…` : value;
  return `„${text}“`;
}

/**
 * A list of names for a message, each quoted, at most `limit` of them.
 *
 * @example formatList(["Einrichtung", "Sozialraum"]); // => "„Einrichtung“, „Sozialraum“"
 */
export function formatList(names: readonly string[], limit = 25): string {
  if (names.length === 0) return "(keine)";
  const shown = names.slice(0, limit).map((n) => `„${n}“`);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} und ${rest} weitere` : shown.join(", ");
}

/**
 * Cents as euros in the de-DE format, with a plain space before the sign.
 *
 * @example formatCents(11250000); // => "112.500,00 €"
 */
export function formatCents(cents: number): string {
  return formatEuroPlain(cents / 100);
}

/**
 * Items joined by commas, at most 25, then "und N weitere" (the items carry their own quotes).
 *
 * @example listOf(["„Nord“ (1,00 €)", "„Süd“ (2,00 €)"]); // => "„Nord“ (1,00 €), „Süd“ (2,00 €)"
 */
export function listOf(items: readonly string[], limit = 25): string {
  const shown = items.slice(0, limit);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} und ${rest} weitere` : shown.join(", ");
}

/** A merged range of the data as a message names it: "C4:C6", its top-left cell "C4" and the value there. */
export interface MergedCells {
  range: string;
  cell: string;
  value: CellValue;
}

/** Where in the sheet: "Zelle L11 (Spalte „Anteil_nicht_Deutsch“)". */
function at(cell: string, column: string): string {
  return `Zelle ${cell} (Spalte „${column}“)`;
}

/** The German catalogue. Each entry returns the complete sentence the user sees. */
export const messages = {
  // ── the computation (allocate.ts, SPEC §2–§6) ───────────────────────────────────────────────
  goalpostsMissing: (column: string) =>
    `Indikator „${column}“: feste Grenzwerte (Min/Max eines Referenzjahres) sind eingeschaltet, aber für diesen Indikator fehlen gültige Werte (erwartet: Min < Max) – es werden Min und Max der aktuellen Daten verwendet.`,
  winsorised: (column: string, clipped: readonly { unit: string; from: number; to: number }[]) =>
    `Indikator „${column}“: Ausreißer gekappt (Schiefe > 2 und Kurtosis > 3,5) bei ${formatList(
      clipped.map((c) => `${c.unit}: ${formatNumber(c.from)} → ${formatNumber(c.to)}`),
    )}.`,
  winsoriseTiedGroup: (column: string, clipped: number, limit: number) =>
    `Indikator „${column}“: ${clipped} Einrichtungen wurden gekappt, mehr als die Grenze von ${limit} – mehrere Einrichtungen hatten denselben Extremwert und werden wie in COINr gemeinsam gekappt, damit gleiche Werte gleich behandelt werden.`,
  winsoriseStillOutliers: (column: string, clipped: number, skewness: number, kurtosis: number) =>
    `Indikator „${column}“: auch nach dem Kappen von ${clipped} Werten hat er noch Ausreißer (Schiefe ${formatNumber(skewness)}, Kurtosis ${formatNumber(kurtosis)}; die Regel verlangt |Schiefe| ≤ 2 oder Kurtosis ≤ 3,5). Bitte prüfen, ob der Indikator so in den Index gehört oder z. B. als Anteil oder logarithmiert erhoben werden sollte; SRB rechnet mit den gekappten Werten weiter.`,
  categoryLeftOut: (category: string) =>
    `Die Kategorie „${category}“ hat nach dem Kappen der Ausreißer keinen Indikator mit unterschiedlichen Werten mehr – sie wird im Gesamtindex nicht berücksichtigt, die übrigen Kategorien werden neu gewichtet.`,
  categoryOnlyConstant: (unit: string, category: string) =>
    `Die Einrichtung „${unit}“ hat in der Kategorie „${category}“ nur Werte bei Indikatoren, die nach dem Kappen der Ausreißer bei allen Einrichtungen gleich sind – erwartet wird mindestens ein Wert bei einem Indikator mit unterschiedlichen Werten, sonst gibt es keinen Gesamtindex.`,
  aggregateSingleArea: (area: string) =>
    `Die Methode „aggregate“ vergleicht Sozialräume miteinander, es gibt aber nur einen Sozialraum („${area}“) – sein Index ist der Mittelwert der Einrichtungen.`,
  childrenWeightingFallback: (area: string) =>
    `Sozialraum „${area}“: die Gewichtung nach Kinderzahl braucht für jede Einrichtung eine Kinderzahl (und zusammen mehr als 0) – hier fehlt sie, es wird der ungewichtete Mittelwert verwendet.`,
  budgetInvalid: (budget: number) =>
    `Budget ${formatNumber(budget)} €: erwartet wird ein Betrag von mindestens 0 €.`,
  areaIndexInvalid: (areas: readonly string[]) =>
    areas.length > 0
      ? `Für die Sozialräume ${formatList(areas)} ergibt sich kein Index von mindestens 0 – erwartet wird für jeden Sozialraum ein Index ≥ 0, sonst kann das Budget nicht nach Anteilen verteilt werden.`
      : "Alle Sozialraum-Indizes sind 0 – erwartet wird mindestens ein Sozialraum mit einem Index über 0, sonst kann das Budget nicht nach Anteilen verteilt werden.",
  sockelChildrenMissing: () =>
    "Der Sockel soll nach Kinderzahl verteilt werden, aber nicht für alle Sozialräume ist die Kinderzahl bekannt – der Sockel wird gleichmäßig verteilt.",
  /** `who`: {@link messages.tiedAreas} or {@link messages.tiedUnits}. */
  centTie: (who: string) =>
    `Gleichstand bei der Cent-Rundung (größter Rest): ${who} haben denselben Rest; der letzte Cent ging nach größerem Anteil und Reihenfolge im Blatt. Nach dem Verfahren Hare–Niemeyer entscheidet hier das Los – bitte prüfen und dokumentieren.`,
  tiedAreas: (areas: readonly string[]) => `die Sozialräume ${formatList(areas)}`,
  tiedUnits: (units: readonly string[], area: string) =>
    `die Einrichtungen ${formatList(units)} im Sozialraum „${area}“`,
  strand3CategoryMissing: (category: string) =>
    `Förderstrang 3 (Interkulturelle Fachkräfte) richtet sich nach der Kategorie „${category}“, die im Modell nicht (oder ohne aussagekräftigen Indikator) vorkommt – keine Einrichtung ist für Strang 3 vorgeschlagen.`,
  noEligibleUnit: (area: string, amount: number) =>
    `Im Sozialraum „${area}“ erfüllt keine Einrichtung mit einem Gesamtindex über 0 ein Kriterium der Förderstränge – der Betrag von ${formatNumber(amount)} € wird nicht auf Einrichtungen vorgeschlagen.`,
  // ── strands and overrides (strands.ts, SPEC §5) ────────────────────────────────────────────
  strand3ReasonWithoutEffect: (unit: string, index: number | null, lower: number) =>
    `Einrichtung „${unit}“: Für Förderstrang 3 ist eine Begründung eingetragen, der Index ` +
    `(${index === null ? "kein Wert" : formatNumber(index, { max: 2 })}) liegt aber nicht über der unteren Normbereichsgrenze ${formatNumber(lower, { max: 2 })}; ` +
    `die Ausnahme ist nur oberhalb dieser Grenze möglich.`,
  strand4WithoutJustification: (unit: string) =>
    `Einrichtung „${unit}“: Förderstrang 4 (betriebserlaubnisrelevantes Zusatzpersonal) ist markiert, ` +
    `aber die Begründung ist leer; erwartet wird ein Begründungstext. Ohne Begründung nicht förderfähig.`,
  strand2SeveralInArea: (area: string, units: readonly string[]) =>
    `Sozialraum „${area}“: ${units.length} Einrichtungen sind als Kommunikations- und Nachbarschaftszentrum ` +
    `markiert (${units.join(", ")}); erwartet wird höchstens eine.`,
  overrideInvalid: (value: number, proposed: number) =>
    `Geänderter Betrag ${String(value)} ist ungültig; erwartet wird ein Betrag ≥ 0 €. Es gilt der Vorschlag ${formatEuro(proposed)}.`,
  /** `difference` = total − area amount (euros); `area` "" when the override is not about one Sozialraum. */
  overrideDifference: (area: string, total: number, areaAmount: number, difference: number) =>
    `${area ? `Sozialraum „${area}“: ` : ""}Die Summe der Beträge ${formatEuro(total)} ${difference > 0 ? "übersteigt" : "unterschreitet"} den Betrag des ` +
    `Sozialraums ${formatEuro(areaAmount)} um ${formatEuro(Math.abs(difference))}.`,
  // ── angepasste VZÄ je Strang read back (strandOverrides.ts) ───────────────────────────────────
  overrideUnknownUnit: (sheet: string, row: number, name: string) =>
    `Blatt „${sheet}“, Zeile ${row}: für „${name}“ sind angepasste VZÄ eingetragen, ` +
    "diese Einrichtung gibt es in den Daten nicht mehr; die Werte werden nicht übernommen.",
  /** `problem` from `overrideVzaeProblem`. */
  overrideVzaeInvalid: (sheet: string, cell: string, header: string, name: string, problem: string) =>
    `Blatt „${sheet}“, Zelle ${cell} („${header}“, Einrichtung „${name}“): ${problem}. Der Wert wird nicht übernommen.`,
  overrideVzaeNotANumber: (value: CellValue, step: number) =>
    `${formatCellValue(value)} ist keine Zahl; erwartet werden VZÄ wie ${formatNumber(2 * step)}`,
  overrideVzaeNegative: (value: number) => `${formatNumber(value)} ist negativ; erwartet werden VZÄ ab 0`,
  overrideVzaeNotAStep: (value: number, step: number) =>
    `${formatNumber(value)} ist kein ganzes Vielfaches der VZÄ-Schrittweite ${formatNumber(step)} ` +
    `(z. B. ${formatNumber(step)} oder ${formatNumber(2 * step)})`,
  overrideOverspent: (area: string, amount: number, over: number, available: number) =>
    `Sozialraum „${area}“: die angepassten VZÄ kosten das Budget ${formatEuroPlain(amount)} – ` +
    `${formatEuroPlain(over)} mehr, als der Sozialraum hat (${formatEuroPlain(available)}). ` +
    "Bitte VZÄ verringern oder Mittel aus einem anderen Sozialraum umverteilen.",
  // ── rest by index, VZÄ steps (restByIndex.ts) ─────────────────────────────────────────────────
  withinChildrenFallback: (area: string) =>
    `Sozialraum „${area}“: die Verteilung nach Gesamtindex × Kinder braucht die Kinderzahl jeder förderfähigen ` +
    `Einrichtung – hier fehlt sie, der Rest wird nach dem Gesamtindex allein verteilt.`,
  stepTie: (area: string, units: readonly string[]) =>
    `Sozialraum „${area}“: Gleichstand beim größten Rest der VZÄ-Schritte – die Einrichtungen ` +
    `${formatList(units)} haben denselben Rest; der letzte Schritt ging nach größerem ` +
    `Gewicht und Reihenfolge im Blatt. Bitte im Sozialraum-Team entscheiden und dokumentieren.`,
  // ── Landesformel (landFormula.ts) ─────────────────────────────────────────────────────────────
  landCountInvalid: (name: string, what: string, value: number) =>
    `${name}: ${what} ist ${Number.isFinite(value) ? formatNumber(value, { max: 2 }) : String(value)}; erwartet wird eine Anzahl ≥ 0.`,
  landCountSumZero: (what: string) => `Die Summe der ${what} ist 0; erwartet wird eine positive Summe.`,
  // ── set-asides (setAsides.ts) and areas without an eligible Kita (unspentAreas.ts), SPEC §5 ──────
  strand4RequestRounded: (unit: string, requested: number, step: number, planned: number) =>
    `Einrichtung „${unit}“: angefragt sind ${formatNumber(requested)} VZÄ für Förderstrang 4 ` +
    `(betriebserlaubnisrelevantes Zusatzpersonal); erwartet wird ein Vielfaches der Schrittweite ` +
    `${formatNumber(step)} VZÄ – eingeplant werden ${formatNumber(planned)} VZÄ.`,
  strand4Scaled: (
    area: string,
    requested: number,
    costCents: number,
    areaCents: number,
    granted: number,
    step: number,
    changed: readonly { unit: string; requested: number; granted: number }[],
  ) =>
    `Sozialraum „${area}“: die angefragten ${formatNumber(requested)} VZÄ für betriebserlaubnisrelevantes ` +
    `Zusatzpersonal (Förderstrang 4) kosten ${formatCents(costCents)} und übersteigen den Betrag des ` +
    `Sozialraums von ${formatCents(areaCents)} – sie werden anteilig auf ${formatNumber(granted)} VZÄ in ganzen ` +
    `Schritten zu ${formatNumber(step)} VZÄ gekürzt: ${listOf(
      changed.map((c) => `„${c.unit}“ ${formatNumber(c.requested)} → ${formatNumber(c.granted)} VZÄ`),
    )}.`,
  strand2Short: (area: string, host: string, wanted: number, leftCents: number, fits: number) =>
    `Sozialraum „${area}“: für das Kommunikations- und Nachbarschaftszentrum „${host}“ ` +
    `(Förderstrang 2) sind ${formatNumber(wanted)} VZÄ vorgesehen; nach Förderstrang 4 reicht der Betrag ` +
    `des Sozialraums (noch ${formatCents(leftCents)}) nur für ${formatNumber(fits)} VZÄ.`,
  /** `why`: {@link messages.areaUnspentKept} or {@link messages.areaUnspentNoReceiver}. */
  areaUnspent: (area: string, cents: number, why: string) =>
    `Sozialraum „${area}“: keine Einrichtung ist förderfähig und keine hat Personal aus Förderstrang 2 ` +
    `oder 4 – der Betrag von ${formatCents(cents)} bleibt nicht verplant. ${why}`,
  areaUnspentKept: () =>
    "Das Jugendamt kann ihn auf die anderen Sozialräume verteilen (im Schritt „Budget & Regeln“ unter " +
    "„Sozialraum ohne förderfähige Einrichtung“: „Nicht verplante Mittel umverteilen“; in einer Modelldatei: " +
    '"rules": { "unspent": "redistribute" }).',
  areaUnspentNoReceiver: () =>
    "Umverteilen ist eingestellt, aber kein anderer Sozialraum hat eine förderfähige Einrichtung.",
  areaUnspentRedistributed: (
    unspent: readonly string[],
    poolCents: number,
    receivers: readonly { area: string; cents: number }[],
  ) =>
    `In ${unspent.length === 1 ? "Sozialraum" : "den Sozialräumen"} ${formatList(unspent)} ` +
    `ist keine Einrichtung förderfähig – zusammen ${formatCents(poolCents)} werden nach den Anteilen aus Schritt 1 ` +
    `auf die förderfähigen Einrichtungen der Sozialräume ${listOf(receivers.map((r) => `„${r.area}“ (${formatCents(r.cents)})`))} verteilt.`,
  // ── parameters of the model's budget and rule table (vzae.ts, stellenplan.ts, dynamisierung.ts,
  //    kofinanzierung.ts, bremenRules.ts): each problem is a clause, the issue says where ──────────────
  parameterProblem: (
    topic: "Personal" | "Dynamisierung" | "Kofinanzierung" | "Bremer Regeltabelle",
    problem: string,
  ) => `${topic}: ${problem}.`,
  costPerVzaeInvalid: (value: number) => `Kosten je VZÄ ${String(value)}: erwartet wird ein Betrag über 0 €`,
  vzaeStepInvalid: (value: number) => `VZÄ-Schrittweite ${String(value)}: erwartet wird eine Zahl über 0`,
  strand2VzaeInvalid: (value: number) =>
    `VZÄ für das Kommunikations- und Nachbarschaftszentrum ${String(value)}: erwartet wird eine Zahl ≥ 0`,
  dynamisierungBaseAmountInvalid: (value: number) =>
    `Ausgangsbetrag ${String(value)}: erwartet wird ein Betrag ≥ 0 €`,
  dynamisierungYearInvalid: (what: "Ausgangsjahr" | "Jahr", value: number) =>
    `${what} ${String(value)}: erwartet wird eine ganze Jahreszahl`,
  dynamisierungYearBeforeBase: (year: number, baseYear: number) =>
    `Jahr ${year} liegt vor dem Ausgangsjahr ${baseYear}: erwartet wird ein Jahr ≥ ${baseYear}`,
  dynamisierungRateInvalid: (value: number) =>
    `Steigerungssatz ${String(value)}: erwartet wird ein Satz > −100 %`,
  landShareInvalid: (value: number) =>
    `Landesanteil ${String(value)}: erwartet wird ein Anteil über 0 und höchstens 1 (100 %)`,
  municipalShareInvalid: (value: number) =>
    `kommunaler Anteil ${String(value)}: erwartet wird ein Anteil von 0 bis 1 (100 %)`,
  sharesAboveOne: (land: number, municipal: number) =>
    `Landesanteil ${String(land)} und kommunaler Anteil ${String(municipal)} ergeben zusammen mehr als 1 (100 %)`,
  bremenNoRows: () => "die Regeltabelle hat keine Zeile; erwartet wird mindestens eine",
  bremenIndexAboveInvalid: (row: number, value: number) =>
    `Zeile ${row}: Indexgrenze ${String(value)}; erwartet wird eine Zahl`,
  bremenChildrenMinInvalid: (row: number, value: number) =>
    `Zeile ${row}: Mindestzahl Kinder ${String(value)}; erwartet wird eine Zahl ≥ 0`,
  bremenChildrenMaxInvalid: (row: number, value: number, min: number) =>
    `Zeile ${row}: Höchstzahl Kinder ${String(value)}; erwartet wird leer oder eine Zahl ≥ ${String(min)}`,
  bremenVzaeInvalid: (row: number, value: number) =>
    `Zeile ${row}: VZÄ ${String(value)}; erwartet wird eine Zahl ≥ 0`,
  bremenSachkostenInvalid: (what: string, value: number) =>
    `${what} ${String(value)}; erwartet wird ein Betrag ≥ 0 €`,
  bremenIndexPeriodInvalid: (value: number) =>
    `Geltungsdauer des Index ${String(value)} Jahre; erwartet wird eine ganze Zahl ≥ 1`,
  // ── a stored Beschluss (adoption.ts) and an earlier results.json (earlierResults.ts), read back ───
  adoptionNotARecord: () => "Der gespeicherte Beschluss ist kein lesbarer Datensatz.",
  adoptionDateInvalid: (found: string) =>
    `Der gespeicherte Beschluss hat kein gültiges Datum (gefunden: „${found}“, erwartet: JJJJ-MM-TT).`,
  /** The subject of the sentences below, e.g. „Der gespeicherte Beschluss vom 15.03.2022“. */
  adoptionLabel: (date: string) => `Der gespeicherte Beschluss vom ${date}`,
  adoptionBudgetInvalid: (label: string) => `${label} hat kein gültiges Budget.`,
  adoptionModelInvalid: (label: string) => `${label} enthält kein gültiges Modell.`,
  adoptionNoAreas: (label: string) => `${label} enthält keine Sozialräume.`,
  adoptionAreaInvalid: (label: string, number: number) =>
    `${label}: Sozialraum Nr. ${number} hat keinen Namen oder keinen gültigen Anteil (0 bis 1).`,
  adoptionNoUnits: (label: string) => `${label} enthält keine Einrichtungen.`,
  /** `label`: {@link messages.adoptionLabel} or {@link messages.resultsFileLabel}. */
  storedUnitInvalid: (label: string, number: number) =>
    `${label}: Einrichtung Nr. ${number} hat keinen Namen oder keinen Sozialraum.`,
  /**
   * A value of a stored Beschluss that the Fortschreibung or the comparison uses, missing (`found` undefined
   * or null) or unusable. `what`: the value in words with its article („der beschlossene Betrag“).
   */
  adoptionUnitValueInvalid: (label: string, unit: string, what: string, expected: string, found: unknown) =>
    `${label}: bei der Einrichtung „${unit}“ ${storedValueProblem(what, found)} – erwartet wird ${expected}.`,
  adoptionAreaValueInvalid: (label: string, area: string, what: string, expected: string, found: unknown) =>
    `${label}: beim Sozialraum „${area}“ ${storedValueProblem(what, found)} – erwartet wird ${expected}.`,
  /** The subject of the sentences below, e.g. „Die Ergebnisdatei „ergebnis-2026.json““. */
  resultsFileLabel: (file: string) => `Die Ergebnisdatei „${file}“`,
  resultsFileNotAnObject: (label: string) =>
    `${label} ist keine SRB-Ergebnisdatei (erwartet: ein JSON-Objekt mit „units“ und „areas“).`,
  resultsFileNotAllocated: (label: string) =>
    `${label} enthält keine Verteilung (sie wurde bei blockierenden Fehlern in Daten oder Modell geschrieben, z. B. ohne Modell).`,
  resultsFileWithoutLists: (label: string) =>
    `${label} ist keine SRB-Ergebnisdatei (erwartet: die Listen „units“ und „areas“ mit mindestens einem Sozialraum).`,
  resultsFileAreaInvalid: (label: string, number: number) =>
    `${label}: Sozialraum Nr. ${number} hat keinen Namen oder keinen Anteil zwischen 0 und 1.`,
  resultsFileUnitTwice: (label: string, unit: string) =>
    `${label}: die Einrichtung „${unit}“ kommt doppelt vor.`,
  // ── Bremen rules on SRB's own index (SPEC §6, docs/method-decisions.md) ─────────────────────
  bremenOwnIndex: () =>
    "Bremer Regeln ohne Kita-Index-Spalte: die Grenze „Kita-Index über 50“ wird auf den SRB-Gesamtindex angewandt. Der ist eine Min-Max-Skala über die Einrichtungen dieses Blatts (0 = niedrigster, 100 = höchster Wert); der Bremer Kita-Index ist ein Index der Wohnquartiere der Kinder (Statistisches Landesamt) – dieselbe Zahl bedeutet auf beiden Skalen nicht dasselbe. Erwartet wird die Spalte mit dem Kita-Index im Modell (Zuordnung „Kita-Index“) oder eine bewusst auf den Gesamtindex abgestimmte Grenze in der Regeltabelle.",
  // ── sheet and header ────────────────────────────────────────────────────────────────────────
  emptySheet: (sheet: string) =>
    `Das Blatt „${sheet}“ ist leer – erwartet wird eine Kopfzeile mit Spaltennamen und darunter eine Zeile je Einrichtung.`,
  noDataRows: (sheet: string, headerRow: number) =>
    `Das Blatt „${sheet}“ enthält unter der Kopfzeile (Zeile ${headerRow}) keine Datenzeilen – erwartet wird eine Zeile je Einrichtung.`,
  headerMissing: (sheet: string, headerRow: number) =>
    `Zeile ${headerRow} des Blatts „${sheet}“ enthält keine Überschriften – erwartet wird dort die Kopfzeile mit den Spaltennamen (z. B. Einrichtung, Sozialraum, Kinder und die Indikatoren).`,
  headerBlank: (cell: string, firstDataCell: string, firstDataValue: CellValue) =>
    `Zelle ${cell}: die Spalte hat keine Überschrift, enthält aber Daten (z. B. ${firstDataCell}: ${formatCellValue(firstDataValue)}) – sie wird nicht ausgewertet. Bitte eine Überschrift eintragen, wenn die Spalte gebraucht wird.`,
  headerDuplicate: (cell: string, header: string, otherCells: readonly string[], usedByModel: boolean) =>
    usedByModel
      ? `Zelle ${cell}: die Überschrift „${header}“ kommt mehrfach vor (auch ${otherCells.join(", ")}) – erwartet wird jede Überschrift nur einmal, sonst ist unklar, welche Spalte gemeint ist.`
      : `Zelle ${cell}: die Überschrift „${header}“ kommt mehrfach vor (auch ${otherCells.join(", ")}); die Spalte wird vom Modell nicht verwendet.`,
  columnMissing: (
    role: string,
    header: string,
    sheet: string,
    headerRow: number,
    existing: readonly string[],
    meant: string | null = null,
  ) =>
    `Die Spalte „${header}“ (${role}) fehlt in der Kopfzeile (Zeile ${headerRow}) des Blatts „${sheet}“ – ` +
    (meant !== null
      ? `ist „${meant}“ gemeint? Dann bitte die Spalte im Modell so nennen (im Aufgabenbereich in den Schritten „Daten“ und „Modell“, sonst in der Modelldatei) oder die Überschrift ändern. Vorhandene Überschriften: `
      : "vorhandene Überschriften: ") +
    `${formatList(existing)}.`,
  totalsRowEndsTable: (sheet: string, row: number, label: string, below: number) =>
    `Blatt „${sheet}“: Zeile ${row}${label ? ` („${label}“)` : ""} ist eine Summenzeile – die Daten enden darüber; sie${below > 0 ? ` und ${below} weitere Zeile${below === 1 ? "" : "n"} darunter` : ""} werden nicht als Einrichtungen gelesen. Gehören Zeilen darunter zur Tabelle, bitte die Summenzeile ans Ende verschieben.`,
  blankRowEndsTable: (sheet: string, row: number, below: number) =>
    `Blatt „${sheet}“: die Daten enden an der Leerzeile ${row}; ${below} Zeile${below === 1 ? "" : "n"} darunter ${below === 1 ? "wird" : "werden"} nicht als Einrichtung${below === 1 ? "" : "en"} gelesen. Gehören sie zur Tabelle, bitte die Leerzeile löschen.`,
  rangeEndsTable: (sheet: string, range: string, row: number, count: number) =>
    `Blatt „${sheet}“: der gewählte Datenbereich ${range} endet über Zeile ${row}; ${count} Zeile${count === 1 ? "" : "n"} darunter ${count === 1 ? "enthält" : "enthalten"} Angaben und ${count === 1 ? "wird" : "werden"} nicht als Einrichtung${count === 1 ? "" : "en"} gelesen. Gehören sie zur Tabelle, bitte den Bereich im Schritt „Daten“ (oder in der Modelldatei) erweitern.`,
  hiddenRowsIncluded: (sheet: string, rows: string, count: number) =>
    `Blatt „${sheet}“: ${count === 1 ? `Zeile ${rows} ist ausgeblendet und wird` : `die Zeilen ${rows} sind ausgeblendet und werden`} trotzdem mitgerechnet (ein Filter lässt keine Einrichtung weg). Soll eine Einrichtung nicht zählen, bitte ihre Zeile löschen.`,
  mergedCellsFilled: (column: string, areas: readonly MergedCells[]) =>
    areas.length === 1
      ? `Spalte „${column}“: die Zellen ${areas[0].range} sind verbunden – SRB nimmt für jede Zeile den Wert ${formatCellValue(areas[0].value)} aus ${areas[0].cell}.`
      : `Spalte „${column}“: ${areas.length} Bereiche sind verbunden – SRB nimmt für jede Zeile eines Bereichs den Wert seiner ersten Zelle: ${listOf(
          areas.map((a) => `${a.range} ${formatCellValue(a.value)}`),
          10,
        )}.`,
  mergedCellsUnknown: (sheet: string) =>
    `Blatt „${sheet}“: Excel nennt die verbundenen Zellen dieses Blatts nicht (mehr als 512 verbundene Bereiche) – ist eine Sozialraum- oder Einrichtungszelle über mehrere Zeilen verbunden, fehlt ihr Wert in den Zeilen unter der ersten. Bitte die Verbindungen aufheben oder die Datei im Standalone-Modus oder mit „srb allocate“ rechnen, die sie lesen.`,
  mergedCellsNotFilled: (column: string, areas: readonly MergedCells[]) =>
    `Spalte „${column}“: ${
      areas.length === 1
        ? `die Zellen ${areas[0].range} sind verbunden – SRB liest den Wert ${formatCellValue(areas[0].value)} nur für die erste Zeile (${areas[0].cell})`
        : `die Bereiche ${listOf(
            areas.map((a) => a.range),
            10,
          )} sind verbunden – SRB liest jeden Wert nur für die erste Zeile seines Bereichs (${listOf(
            areas.map((a) => `${a.cell}: ${formatCellValue(a.value)}`),
            10,
          )})`
    }; den Zeilen darunter fehlt er. Eine Zahl oder Markierung wird nicht auf mehrere Einrichtungen kopiert, sonst zählte sie mehrfach. Bitte die Verbindung aufheben und für jede Einrichtung ihren eigenen Wert eintragen.`,
  rowIgnored: (row: number, cell: string, value: CellValue) =>
    `Zeile ${row} enthält nur außerhalb der Modellspalten Angaben (${cell}: ${formatCellValue(value)}) und wird nicht ausgewertet.`,
  totalRow: (cell: string, value: CellValue) =>
    `Zelle ${cell}: ${formatCellValue(value)} sieht wie eine Summen- oder Mittelwertzeile aus – erwartet wird hier eine Einrichtung. Bitte Summenzeilen außerhalb der Datentabelle ablegen.`,

  // ── bad cells ───────────────────────────────────────────────────────────────────────────────
  numberAsText: (cell: string, column: string, value: string) =>
    `${at(cell, column)}: ${formatCellValue(value)} ist eine Zahl als Text gespeichert – bitte als Zahl eingeben (erwartet wird eine Zahlenzelle, keine Textzelle).`,
  textInNumber: (cell: string, column: string, value: string) =>
    `${at(cell, column)}: ${formatCellValue(value)} ist keine Zahl – erwartet wird eine Zahl (leer lassen, wenn keine Angabe vorliegt).`,
  excelError: (cell: string, column: string, value: string) =>
    `${at(cell, column)}: der Fehlerwert ${value} steht in der Zelle – erwartet wird ein Wert. Bitte die Formel oder die Quelle korrigieren (leer lassen, wenn keine Angabe vorliegt).`,
  booleanInNumber: (cell: string, column: string, value: boolean) =>
    `${at(cell, column)}: ${formatCellValue(value)} ist ein Wahrheitswert – erwartet wird eine Zahl.`,
  notFinite: (cell: string, column: string, value: number) =>
    `${at(cell, column)}: ${formatNumber(value)} ist keine endliche Zahl – erwartet wird eine Zahl.`,
  dateInNumber: (cell: string, column: string, value: number, kind: "date" | "time") =>
    kind === "date"
      ? `${at(cell, column)}: die Zahl ${formatNumber(value)} ist als Datum formatiert – Excel hat eine Eingabe wie „12.5“ vermutlich in ein Datum umgewandelt. Erwartet wird eine Zahl: bitte die Zelle als Zahl formatieren (Start › Zahlenformat › Standard) und den richtigen Wert eintragen.`
      : `${at(cell, column)}: die Zahl ${formatNumber(value)} ist als Uhrzeit oder Dauer formatiert – erwartet wird eine Zahl, keine Uhrzeit. Bitte die Zelle als Zahl formatieren (Start › Zahlenformat › Standard) und den richtigen Wert eintragen.`,
  percentMixed: (
    headerCell: string,
    column: string,
    fewerKind: "percent" | "plain",
    fewer: readonly { cell: string; value: number }[],
    example: { cell: string; value: number },
    moreCount: number,
    scaleDiffers: boolean,
  ) => {
    const shown = (v: { cell: string; value: number }, kind: "percent" | "plain") =>
      kind === "percent"
        ? `${v.cell}: ${sharePercent(v.value)} = ${formatNumber(v.value)}`
        : `${v.cell}: ${formatNumber(v.value)}`;
    const moreKind = fewerKind === "percent" ? "plain" : "percent";
    const list = fewer.slice(0, 10).map((v) => shown(v, fewerKind));
    const rest = fewer.length > 10 ? ` und ${fewer.length - 10} weitere` : "";
    const groups = (kind: "percent" | "plain") =>
      kind === "percent" ? "als Prozent formatiert" : "ohne Prozentformat";
    const head =
      `Spalte „${column}“ (Kopfzelle ${headerCell}): ${fewer.length} Zelle${fewer.length === 1 ? " ist" : "n sind"} ` +
      `${groups(fewerKind)} (${list.join("; ")}${rest}), ${moreCount} ${groups(moreKind)} (z. B. ${shown(example, moreKind)})`;
    return scaleDiffers
      ? `${head} – die Werte unterscheiden sich um etwa das Hundertfache (Anteile neben Prozentpunkten) und würden falsch verglichen. Bitte einheitlich eingeben: alle als Prozent formatiert (21,5 %) oder alle als Zahl auf derselben Skala.`
      : `${head} – die Werte liegen auf derselben Skala und werden so verwendet. Bitte einheitlich formatieren, damit niemand sie falsch liest.`;
  },
  negativeValue: (cell: string, column: string, value: number) =>
    `${at(cell, column)}: ${formatNumber(value)} ist negativ – erwartet wird ein Wert ≥ 0 (Anzahl, Anteil oder Skalenwert). Negative Werte sind nur erlaubt, wenn das Modell den Indikator so kennzeichnet (allowNegative).`,
  negativeChildren: (cell: string, column: string, value: number) =>
    `${at(cell, column)}: ${formatNumber(value)} Kinder ist negativ – erwartet wird eine Anzahl ≥ 0.`,
  childrenNotInteger: (cell: string, column: string, value: number) =>
    `${at(cell, column)}: ${formatNumber(value)} Kinder ist keine ganze Zahl – erwartet wird eine Anzahl (ganze Zahl ≥ 0).`,
  childrenMissing: (cell: string, column: string, unit: string, needed: boolean) =>
    needed
      ? `${at(cell, column)}: für „${unit}“ fehlt die Kinderzahl – das Modell braucht sie (Gewichtung nach Kindern, Sockel nach Kindern oder Bremer Regeln).`
      : `${at(cell, column)}: für „${unit}“ fehlt die Kinderzahl – sie wird als unbekannt geführt.`,
  textExpected: (cell: string, column: string, value: CellValue) =>
    `${at(cell, column)}: ${formatCellValue(value)} ist kein Text – erwartet wird ein Name.`,
  flagInvalid: (cell: string, column: string, value: CellValue) =>
    `${at(cell, column)}: ${formatCellValue(value)} ist keine Ja/Nein-Angabe – erwartet wird WAHR/FALSCH, 1/0, „x“, „ja“/„nein“ oder eine leere Zelle (= nein).`,
  kitaIndexRange: (cell: string, column: string, value: number) =>
    `${at(cell, column)}: Kita-Index ${formatNumber(value)} liegt außerhalb von 0 bis 100 – erwartet wird ein Wert zwischen 0 und 100.`,

  // ── units ───────────────────────────────────────────────────────────────────────────────────
  idBlank: (cell: string, row: number) =>
    `Zelle ${cell}: Zeile ${row} hat Daten, aber keinen Namen der Einrichtung – erwartet wird ein eindeutiger Name.`,
  idDuplicate: (cell: string, id: string, firstRow: number, row: number) =>
    `Zelle ${cell}: die Einrichtung „${id}“ steht doppelt (Zeile ${firstRow} und Zeile ${row}) – erwartet wird jede Einrichtung genau einmal.`,
  areaMissing: (cell: string, unit: string) =>
    `Zelle ${cell}: für die Einrichtung „${unit}“ fehlt der Sozialraum – erwartet wird der Name des Sozialraums.`,
  areaSpelling: (cell: string, spellings: readonly string[]) =>
    `Zelle ${cell}: der Sozialraum ist unterschiedlich geschrieben (${formatList(spellings)}) – er wird als ein Sozialraum gezählt. Bitte einheitlich schreiben.`,

  // ── indicators and categories ───────────────────────────────────────────────────────────────
  indicatorConstant: (cell: string, column: string, value: number) =>
    `Zelle ${cell}: der Indikator „${column}“ hat bei allen Einrichtungen denselben Wert (${formatNumber(value)}) – er trägt keine Information und wird nicht berücksichtigt.`,
  indicatorEmpty: (cell: string, column: string) =>
    `Zelle ${cell}: der Indikator „${column}“ hat bei keiner Einrichtung einen Wert – er trägt keine Information und wird nicht berücksichtigt.`,
  valueMissing: (cell: string, column: string, unit: string) =>
    `${at(cell, column)}: der Wert für „${unit}“ fehlt – wird übersprungen, Gewichte werden neu verteilt.`,
  categoryEmpty: (cell: string, unit: string, category: string, columns: readonly string[]) =>
    columns.length === 1
      ? `Zelle ${cell}: der Wert für „${unit}“ fehlt, und „${columns[0]}“ ist der einzige Indikator der Kategorie „${category}“ – ohne ihn hat „${unit}“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte den Wert eintragen oder den Indikator im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: seine Kategorie ändern).`
      : `Zelle ${cell}: „${unit}“ hat in der Kategorie „${category}“ keinen einzigen Wert (Spalten ${formatList(columns)}) – ohne einen Wert dort hat „${unit}“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte mindestens einen dieser Werte eintragen oder die Indikatoren im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: ihre Kategorie ändern).`,
  /**
   * `category-empty` for a unit whose cells there are not blank but unreadable (`unreadable`: their addresses,
   * each with an error of its own such as „k.A.“ ist keine Zahl): a second fact about the same cell, so it
   * says that leaving the cell blank – what the cell's own message offers – would not do either.
   */
  categoryEmptyUnreadable: (
    cell: string,
    unit: string,
    category: string,
    columns: readonly string[],
    unreadable: readonly string[],
  ) =>
    columns.length === 1
      ? `Zelle ${cell}: für „${unit}“ steht dort keine verwertbare Zahl (die Meldung zu dieser Zelle sagt, warum), und „${columns[0]}“ ist der einzige Indikator der Kategorie „${category}“ – auch leer gelassen hätte „${unit}“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte eine Zahl eintragen oder den Indikator im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: seine Kategorie ändern).`
      : `Zelle ${cell}: „${unit}“ hat in der Kategorie „${category}“ keine verwertbare Zahl (Spalten ${formatList(columns)}; ${unreadable.length === 1 ? `in Zelle ${unreadable[0]} steht keine verwertbare Zahl, siehe die Meldung dazu` : `in den Zellen ${unreadable.join(", ")} stehen keine verwertbaren Zahlen, siehe die Meldungen dazu`}${unreadable.length < columns.length ? "; die übrigen sind leer" : ""}) – auch leer gelassen hätte „${unit}“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte mindestens eine Zahl eintragen oder die Indikatoren im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: ihre Kategorie ändern).`,
  categoryNoInformation: (category: string, columns: readonly string[]) =>
    `Die Kategorie „${category}“ hat keinen verwertbaren Indikator (${formatList(columns)} sind leer oder konstant) – erwartet wird mindestens ein Indikator mit unterschiedlichen Werten. Sind alle nur konstant, bleibt die Kategorie im Gesamtindex unberücksichtigt und die übrigen Kategorien werden neu gewichtet.`,
  coverageUnit: (
    cell: string,
    unit: string,
    present: number,
    total: number,
    share: number,
    minimum: number,
  ) =>
    `Zelle ${cell}: für „${unit}“ liegen nur ${present} von ${total} Indikatoren vor (${sharePercent(share)}) – erwartet werden mindestens ${sharePercent(minimum)}.`,
  coverageIndicator: (
    cell: string,
    column: string,
    present: number,
    total: number,
    share: number,
    minimum: number,
  ) =>
    `Zelle ${cell}: der Indikator „${column}“ hat nur bei ${present} von ${total} Einrichtungen einen Wert (${sharePercent(share)}) – erwartet werden mindestens ${sharePercent(minimum)}.`,

  // ── the model ───────────────────────────────────────────────────────────────────────────────
  modelNoIndicators: () =>
    `Das Modell enthält keine Indikatoren – erwartet wird mindestens ein Indikator (Spalte, Kategorie, Richtung).`,
  modelCategoryUnknown: (path: string, column: string, category: string, known: readonly string[]) =>
    `Modell, ${modelFieldName(path, column)}: die Kategorie „${category}“ ist nicht definiert – erwartet wird eine der Kategorien ${formatList(known)}.`,
  modelCategoryEmpty: (path: string, category: string) =>
    `Modell, ${modelFieldName(path, category)}: die Kategorie „${category}“ hat keinen Indikator – erwartet wird mindestens ein Indikator je Kategorie (oder die Kategorie entfernen).`,
  modelCategoryDuplicate: (path: string, category: string) =>
    `Modell, ${modelFieldName(path, category)}: die Kategorie „${category}“ ist doppelt definiert – erwartet wird jeder Name nur einmal.`,
  modelIndicatorDuplicate: (path: string, column: string) =>
    `Modell, ${modelFieldName(path, column)}: die Spalte „${column}“ ist mehrfach als Indikator eingetragen – erwartet wird jede Spalte nur einmal.`,
  modelWeightInvalid: (path: string, value: unknown) =>
    `Modell, ${field(path)}: Gewicht ${formatUnknown(value)} ist ungültig – erwartet wird eine Zahl größer als 0.`,
  modelDirectionInvalid: (path: string, value: unknown) =>
    `Modell, ${field(path)}: Richtung ${formatUnknown(value)} ist ungültig – erwartet wird 1 (höherer Wert = mehr Bedarf) oder -1 (höherer Wert = weniger Bedarf).`,
  modelMappingMissing: (_path: string, role: string) =>
    `Die Spalte für ${role} ist nicht gewählt – bitte im Schritt Daten auswählen, welche Spalte ${role} enthält (in einer Modelldatei: ihre Überschrift eintragen).`,
  modelColumnTwice: (header: string, roles: readonly string[]) =>
    `Modell: die Spalte „${header}“ ist mehrfach verwendet (${roles.join(", ")}) – erwartet wird jede Spalte in nur einer Rolle.`,
  modelOptionInvalid: (path: string, value: unknown, expected: string) =>
    `Modell, ${field(path)}: ${formatUnknown(value)} ist ungültig – erwartet wird ${expected}.`,
  modelBudgetTooLarge: (path: string, value: number, limit: number) =>
    `Modell, ${field(path)}: Budget ${formatNumber(value)} € ist zu groß – erwartet wird ein Betrag von höchstens ${formatNumber(limit)} € (darüber lässt sich nicht mehr auf den Cent genau rechnen).`,
  modelBudgetNotDynamisiert: (total: number, derived: number, base: number, baseYear: number, year: number) =>
    `Modell, Budget: das Budget ${formatNumber(total)} € weicht von der Dynamisierung ab – ${formatNumber(base)} € aus ${baseYear} ergeben für ${year} ${formatNumber(derived)} €. Verteilt wird das Budget; bitte prüfen, welcher Betrag gilt.`,
  modelGoalpostsInvalid: (path: string, min: number, max: number) =>
    `Modell, ${field(path)}: Minimum ${formatNumber(min)} und Maximum ${formatNumber(max)} sind ungültig – erwartet wird ein Maximum größer als das Minimum.`,
  modelJsonSyntax: (detail: string) =>
    `Die Modelldatei ist kein gültiges JSON (${detail}) – erwartet wird eine *.srb.json-Datei wie in der Dokumentation.`,
  modelFieldMissing: (path: string, expected: string) =>
    `Modell, ${field(path)}: die Angabe fehlt – erwartet wird ${expected}.`,
  modelFieldInvalid: (path: string, value: unknown, expected: string) =>
    `Modell, ${field(path)}: ${formatUnknown(value)} ist ungültig – erwartet wird ${expected}.`,
  modelFieldUnknown: (path: string, name: string, meant: string) =>
    `Modell${path === "" ? "" : `, ${field(path)}`}: das Feld „${name}“ kennt SRB nicht – gemeint ist wohl „${meant}“. SRB übergeht es; bitte den Namen in der Modelldatei berichtigen.`,
  // ── the workbook (src/usecase/generate.ts) ──────────────────────────────────────────────────
  modelMissing: (workbook: string) =>
    `Die Arbeitsmappe „${workbook}“ enthält kein gespeichertes SRB-Modell, und es wurde keine Modelldatei angegeben. Bitte eine angeben: --model <datei.srb.json>. Ausgangspunkt kann das Beispiel assets/sample/musterstadt.srb.json sein (Spaltenüberschriften und Budget anpassen); passend zur eigenen Tabelle erstellen das Add-in und der Standalone-Modus sie im Schritt „Modell“ mit „Modell speichern als … .srb.json“.`,
  // ── Fortschreibung (src/usecase/fortschreibung.ts) ─────────────────────────────────────────────
  /** `workbook`: the `--compare` workbook the Beschluss is stored in; none for the run's own workbook. */
  adoptionUnreadable: (number: number, problem: string, workbook?: string) =>
    workbook === undefined
      ? `Ein gespeicherter Beschluss (Nr. ${number}) wird nicht verwendet: ${problem}`
      : `In der Vergleichs-Arbeitsmappe „${workbook}“ wird ein gespeicherter Beschluss (Nr. ${number}) nicht verwendet: ${problem}`,
  adoptionsDamaged: (count: number, workbook?: string) =>
    workbook === undefined
      ? `${count} gespeicherte${count === 1 ? "r Beschluss ist" : " Beschlüsse sind"} beschädigt (im verborgenen Blatt „_SRB“) und ${count === 1 ? "wird" : "werden"} nicht verwendet.`
      : `In der Vergleichs-Arbeitsmappe „${workbook}“ ${count === 1 ? "ist 1 gespeicherter Beschluss" : `sind ${count} gespeicherte Beschlüsse`} beschädigt (im verborgenen Blatt „_SRB“) und ${count === 1 ? "wird" : "werden"} nicht verwendet.`,
  carryForwardWithoutAdoption: (comparedWith: string | null) =>
    comparedWith
      ? `Fortschreibung nicht möglich: ${comparedWith} enthält keine Anteile – erwartet wird eine Arbeitsmappe mit Beschluss oder eine Ergebnisdatei (results.json) von srb allocate.`
      : "Fortschreibung nicht möglich: in dieser Arbeitsmappe ist kein Beschluss gespeichert. Bitte zuerst eine Verteilung als Beschluss festhalten (srb allocate … --adopt, im Add-in „Als Beschluss festhalten“) oder mit --compare eine Arbeitsmappe mit Beschluss angeben.",
  carryForwardUnitNew: (cell: string, id: string, basis: string) =>
    `Zelle ${cell}: „${id}“ steht im Datenblatt, fehlt aber in ${basis}. Die Fortschreibung verteilt nur an die beschlossenen Kitas und gibt ihr nichts; für eine neue Kita bitte neu berechnen (ohne Fortschreibung).`,
  carryForwardUnitGone: (named: readonly string[], count: number, sheet: string, basis: string) =>
    `${count === 1 ? "Eine Kita" : `${count} Kitas`} aus ${basis} ${count === 1 ? "steht" : "stehen"} nicht mehr im Datenblatt „${sheet}“: ${named.map((id) => `„${id}“`).join(", ")}${count > named.length ? ` und ${count - named.length} weitere` : ""}. Die Fortschreibung gibt ${count === 1 ? "ihr" : "ihnen"} weiter den beschlossenen Betrag; ist eine geschlossen, bitte neu berechnen (ohne Fortschreibung).`,
  /** `basis` in the dative (`basisName`): „dem Beschluss vom 15.03.2027“. */
  carryForwardScoresMissing: (named: readonly string[], count: number, basis: string, stored: boolean) =>
    `In ${basis} fehlen für ${count === 1 ? "eine Einrichtung" : `${count} Einrichtungen`} die Standardpunktzahlen der Indikatoren: ${named.map((id) => `„${id}“`).join(", ")}${count > named.length ? ` und ${count - named.length} weitere` : ""}${stored ? " – der gespeicherte Beschluss wurde wohl von Hand bearbeitet" : ""}. Die Fortschreibung braucht sie nicht (sie verteilt nach den beschlossenen Anteilen); die Ergebnisdatei (JSON) führt für ${count === 1 ? "diese Einrichtung" : "diese Einrichtungen"} keine Standardpunktzahlen auf.`,
  // why an earlier workbook without a Beschluss cannot be compared with (generate.ts `previewStored`)
  earlierWithoutModel: (workbook: string) => `„${workbook}“ enthält kein gespeichertes SRB-Modell.`,
  earlierModelInvalid: () => "ihr gespeichertes Modell ist fehlerhaft.",
  earlierSheetMissing: (sheet: string) => `das Datenblatt „${sheet}“ fehlt.`,
  earlierDataBlocked: () => "ihre Daten enthalten blockierende Fehler.",
  robustnessWithoutData: () =>
    "Die Robustheitsanalyse braucht die Daten des Jahres: bei einer Fortschreibung nach beschlossenen Anteilen wird der Index nicht neu berechnet – bitte ohne Fortschreibung rechnen.",
  sheetMissing: (sheet: string, existing: readonly string[]) =>
    `Das Datenblatt „${sheet}“ fehlt in der Arbeitsmappe. Vorhanden: ${existing.map((s) => `„${s}“`).join(", ") || "keine Blätter"}.`,
  // values that are numbers but would overflow the computation (Infinity, NaN) — named in words
  modelWeightTooLarge: (what: string, value: number, limit: number) =>
    `Modell: ${what} ${formatMagnitude(value)} ist zu groß – erwartet wird ein Gewicht über 0 und höchstens ${formatNumber(limit)} (Gewichte zählen nur im Verhältnis zueinander; so große Zahlen lassen sich nicht mehr verrechnen).`,
  modelCostPerVzaeTooSmall: (value: number, limit: number) =>
    `Modell: Kosten je VZÄ ${formatMagnitude(value)} € sind zu klein – das Budget ergäbe mehr als ${formatNumber(limit)} VZÄ; erwartet wird der Jahresbetrag einer Vollzeitstelle (z. B. 75.000 €).`,
  modelVzaeStepTooLarge: (value: number) =>
    `Modell: VZÄ-Schrittweite ${formatMagnitude(value)} ist zu groß – erwartet wird ein Bruchteil einer Stelle (z. B. 0,25 oder 0,5).`,
  modelLandShareTooSmall: (value: number, limit: number) =>
    `Modell: Landesanteil ${formatMagnitude(value)} ist zu klein – das Personalvolumen (Budget ÷ Landesanteil) läge über ${formatNumber(limit)} €; erwartet wird ein Anteil wie 0,6 (60 %).`,
  modelGoalpostsTooWide: (column: string, min: number, max: number) =>
    `Modell: die festen Grenzwerte des Indikators „${column}“ (Minimum ${formatMagnitude(min)}, Maximum ${formatMagnitude(max)}) liegen zu weit auseinander, um damit zu rechnen – erwartet werden Minimum und Maximum eines Referenzjahres.`,
  modelBremenVzaeTooLarge: (row: number, value: number, limit: number) =>
    `Modell: Bremer Regeltabelle, Zeile ${row}: VZÄ ${formatMagnitude(value)} ist zu groß – erwartet werden höchstens ${formatNumber(limit)} VZÄ je Einrichtung.`,
  modelBremenAmountTooLarge: (what: string, value: number, limit: number) =>
    `Modell: Bremer Regeltabelle: ${what} ${formatMagnitude(value)} € ist zu groß – erwartet wird höchstens ${formatNumber(limit)} €.`,
} as const;

/**
 * A number of any size for a message: de-DE up to 15 digits, else "1 · 10^308" (a 309-digit number helps
 * nobody).
 *
 * @example formatMagnitude(75000); // => "75.000"
 * @example formatMagnitude(1e-300); // => "1 · 10^-300"
 */
export function formatMagnitude(value: number): string {
  const size = Math.abs(value);
  if (!Number.isFinite(value) || size === 0 || (size >= 1e-6 && size < 1e15)) return formatNumber(value);
  const [mantissa, exponent] = value.toExponential().split("e");
  return `${formatNumber(Number(Number(mantissa).toPrecision(6)))} · 10^${Number(exponent)}`;
}

/**
 * Any JSON value as it is named in a model message (numbers de-DE, text quoted).
 *
 * @example formatUnknown(-2); // => "-2"
 * @example formatUnknown("eins"); // => "„eins“"
 */
export function formatUnknown(value: unknown): string {
  if (value === undefined) return "(fehlt)";
  if (value === null) return "null";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return formatCellValue(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return "eine Liste";
  if (typeof value === "object") return "ein Objekt";
  return String(value);
}

/**
 * „fehlt der beschlossene Betrag“ or „ist der beschlossene Betrag „41.100“ ungültig“.
 *
 * @example storedValueProblem("der beschlossene Betrag", undefined); // => "fehlt der beschlossene Betrag"
 */
function storedValueProblem(what: string, found: unknown): string {
  return found === undefined || found === null
    ? `fehlt ${what}`
    : `ist ${what} ${formatUnknown(found)} ungültig`;
}

/** German names of the model's column roles (defined beside the model field names). */
export { ROLE_NAMES };

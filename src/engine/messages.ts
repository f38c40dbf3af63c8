/**
 * The German message catalogue of the check (`checkTable`, `checkModel`) and of the model file
 * (`parseModel`). Every user-facing sentence of those modules is built here, nowhere else, so that the
 * wording stays consistent and every message names the value found and what was expected.
 *
 * Numbers in messages use the de-DE format (1.234,56); text values are quoted „so“; Excel's booleans are
 * shown as WAHR/FALSCH, as German Excel shows them. The stable issue codes are listed in `CheckCode`
 * and documented in docs/bad-inputs.md.
 */
import type { CellValue } from "./table";
import { isCellError } from "./table";

/** Stable issue codes of the check and the model file (see docs/bad-inputs.md). */
export type CheckCode =
  | "empty-sheet"
  | "no-data-rows"
  | "header-missing"
  | "header-blank"
  | "header-duplicate"
  | "column-missing"
  | "row-ignored"
  | "total-row"
  | "number-as-text"
  | "text-in-number"
  | "excel-error"
  | "boolean-in-number"
  | "not-finite"
  | "date-in-number"
  | "percent-mixed"
  | "negative-value"
  | "negative-children"
  | "children-not-integer"
  | "children-missing"
  | "text-expected"
  | "flag-invalid"
  | "kita-index-range"
  | "id-blank"
  | "id-duplicate"
  | "area-missing"
  | "area-spelling"
  | "indicator-constant"
  | "indicator-empty"
  | "value-missing"
  | "category-empty"
  | "category-no-information"
  | "coverage-unit"
  | "coverage-indicator"
  | "model-no-indicators"
  | "model-category-unknown"
  | "model-category-empty"
  | "model-category-duplicate"
  | "model-indicator-duplicate"
  | "model-weight-invalid"
  | "model-direction-invalid"
  | "model-mapping-missing"
  | "model-column-twice"
  | "model-option-invalid"
  | "model-budget-too-large"
  | "model-budget-not-dynamisiert"
  | "model-json-syntax"
  | "model-field-missing"
  | "model-field-invalid"
  | "model-value-out-of-range"
  | "model-missing"
  | "sheet-missing";

/** Every `CheckCode` once (the compiler insists: a code missing here or not in the union is an error). */
const CHECK_CODE_SET = {
  "empty-sheet": true,
  "no-data-rows": true,
  "header-missing": true,
  "header-blank": true,
  "header-duplicate": true,
  "column-missing": true,
  "row-ignored": true,
  "total-row": true,
  "number-as-text": true,
  "text-in-number": true,
  "excel-error": true,
  "boolean-in-number": true,
  "not-finite": true,
  "date-in-number": true,
  "percent-mixed": true,
  "negative-value": true,
  "negative-children": true,
  "children-not-integer": true,
  "children-missing": true,
  "text-expected": true,
  "flag-invalid": true,
  "kita-index-range": true,
  "id-blank": true,
  "id-duplicate": true,
  "area-missing": true,
  "area-spelling": true,
  "indicator-constant": true,
  "indicator-empty": true,
  "value-missing": true,
  "category-empty": true,
  "category-no-information": true,
  "coverage-unit": true,
  "coverage-indicator": true,
  "model-no-indicators": true,
  "model-category-unknown": true,
  "model-category-empty": true,
  "model-category-duplicate": true,
  "model-indicator-duplicate": true,
  "model-weight-invalid": true,
  "model-direction-invalid": true,
  "model-mapping-missing": true,
  "model-column-twice": true,
  "model-option-invalid": true,
  "model-budget-too-large": true,
  "model-budget-not-dynamisiert": true,
  "model-json-syntax": true,
  "model-field-missing": true,
  "model-field-invalid": true,
  "model-value-out-of-range": true,
  "model-missing": true,
  "sheet-missing": true,
} satisfies Record<CheckCode, true>;

/**
 * The stable issue codes of the check and the model file, as a list (docs/bad-inputs.md documents each).
 *
 * @example CHECK_CODES.includes("excel-error"); // => true
 */
export const CHECK_CODES = Object.keys(CHECK_CODE_SET) as CheckCode[];

/**
 * Stable issue codes of the computation: `allocate` (§2–§6) and the engine's other modules (strands,
 * overrides, Bremen rules, personnel, Kofinanzierung, Landesformel, Dynamisierung).
 */
export type EngineCode =
  | "winsorised"
  | "goalposts-missing"
  | "category-left-out"
  | "category-only-constant"
  | "aggregate-single-area"
  | "children-weighting-fallback"
  | "budget-invalid"
  | "area-index-invalid"
  | "sockel-children-missing"
  | "cent-tie"
  | "strand3-category-missing"
  | "no-eligible-unit"
  | "strand3-reason-without-effect"
  | "strand4-without-justification"
  | "strand2-several-in-area"
  | "override-invalid"
  | "override-difference"
  | "override-vzae-invalid"
  | "override-unknown-unit"
  | "override-overspent"
  | "bremen-rules-invalid"
  | "vzae-invalid"
  | "kofinanzierung-invalid"
  | "land-count-invalid"
  | "land-count-sum-zero"
  | "dynamisierung-invalid"
  | "winsorise-tied-group"
  | "winsorise-still-outliers"
  | "bremen-own-index"
  | "strand4-request-rounded"
  | "strand4-scaled"
  | "strand2-short"
  | "within-children-fallback"
  | "step-tie"
  | "area-unspent"
  | "area-unspent-redistributed";

const ENGINE_CODE_SET = {
  winsorised: true,
  "goalposts-missing": true,
  "category-left-out": true,
  "category-only-constant": true,
  "aggregate-single-area": true,
  "children-weighting-fallback": true,
  "budget-invalid": true,
  "area-index-invalid": true,
  "sockel-children-missing": true,
  "cent-tie": true,
  "strand3-category-missing": true,
  "no-eligible-unit": true,
  "strand3-reason-without-effect": true,
  "strand4-without-justification": true,
  "strand2-several-in-area": true,
  "override-invalid": true,
  "override-difference": true,
  "override-vzae-invalid": true,
  "override-unknown-unit": true,
  "override-overspent": true,
  "bremen-rules-invalid": true,
  "vzae-invalid": true,
  "kofinanzierung-invalid": true,
  "land-count-invalid": true,
  "land-count-sum-zero": true,
  "dynamisierung-invalid": true,
  "winsorise-tied-group": true,
  "winsorise-still-outliers": true,
  "bremen-own-index": true,
  "strand4-request-rounded": true,
  "strand4-scaled": true,
  "strand2-short": true,
  "within-children-fallback": true,
  "step-tie": true,
  "area-unspent": true,
  "area-unspent-redistributed": true,
} satisfies Record<EngineCode, true>;

/**
 * The stable issue codes of the computation, as a list (docs/bad-inputs.md documents each).
 *
 * @example ENGINE_CODES.includes("winsorised"); // => true
 */
export const ENGINE_CODES = Object.keys(ENGINE_CODE_SET) as EngineCode[];

/** Any issue code the engine can emit. */
export type IssueCode = CheckCode | EngineCode;

/**
 * Every issue code the engine can emit: the check's and model file's, then the computation's.
 *
 * @example ISSUE_CODES.length === CHECK_CODES.length + ENGINE_CODES.length; // => true
 */
export const ISSUE_CODES: readonly IssueCode[] = [...CHECK_CODES, ...ENGINE_CODES];

const numberFormat = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 6 });

/**
 * A number in the de-DE format, as the user reads it in German Excel.
 *
 * @example formatNumber(1234.5); // => "1.234,5"
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "unendlich";
  if (value === -Infinity) return "minus unendlich";
  return numberFormat.format(value);
}

/**
 * A share (0–1) as a German percentage with at most one decimal.
 *
 * @example formatPercent(0.655); // => "65,5 %"
 */
export function formatPercent(share: number): string {
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

/** Where in the sheet: "Zelle L11 (Spalte „Anteil_nicht_Deutsch“)". */
function at(cell: string, column: string): string {
  return `Zelle ${cell} (Spalte „${column}“)`;
}

/** The German catalogue. Each entry returns the complete sentence the user sees. */
export const messages = {
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
  ) =>
    `Die Spalte „${header}“ (${role}) fehlt in der Kopfzeile (Zeile ${headerRow}) des Blatts „${sheet}“ – vorhandene Überschriften: ${formatList(existing)}.`,
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
        ? `${v.cell}: ${formatPercent(v.value)} = ${formatNumber(v.value)}`
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
    `Zelle ${cell}: die Einrichtung „${unit}“ hat keinen Wert in der Kategorie „${category}“ (Spalten ${formatList(columns)}) – erwartet wird mindestens ein Wert, sonst gibt es keinen Gesamtindex und keine Verteilung.`,
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
    `Zelle ${cell}: für „${unit}“ liegen nur ${present} von ${total} Indikatoren vor (${formatPercent(share)}) – erwartet werden mindestens ${formatPercent(minimum)}.`,
  coverageIndicator: (
    cell: string,
    column: string,
    present: number,
    total: number,
    share: number,
    minimum: number,
  ) =>
    `Zelle ${cell}: der Indikator „${column}“ hat nur bei ${present} von ${total} Einrichtungen einen Wert (${formatPercent(share)}) – erwartet werden mindestens ${formatPercent(minimum)}.`,

  // ── the model ───────────────────────────────────────────────────────────────────────────────
  modelNoIndicators: () =>
    `Das Modell enthält keine Indikatoren – erwartet wird mindestens ein Indikator (Spalte, Kategorie, Richtung).`,
  modelCategoryUnknown: (path: string, column: string, category: string, known: readonly string[]) =>
    `Modell, ${path} (Indikator „${column}“): die Kategorie „${category}“ ist nicht definiert – erwartet wird eine der Kategorien ${formatList(known)}.`,
  modelCategoryEmpty: (path: string, category: string) =>
    `Modell, ${path}: die Kategorie „${category}“ hat keinen Indikator – erwartet wird mindestens ein Indikator je Kategorie (oder die Kategorie entfernen).`,
  modelCategoryDuplicate: (path: string, category: string) =>
    `Modell, ${path}: die Kategorie „${category}“ ist doppelt definiert – erwartet wird jeder Name nur einmal.`,
  modelIndicatorDuplicate: (path: string, column: string) =>
    `Modell, ${path}: die Spalte „${column}“ ist mehrfach als Indikator eingetragen – erwartet wird jede Spalte nur einmal.`,
  modelWeightInvalid: (path: string, value: unknown) =>
    `Modell, ${path}: Gewicht ${formatUnknown(value)} ist ungültig – erwartet wird eine Zahl größer als 0.`,
  modelDirectionInvalid: (path: string, value: unknown) =>
    `Modell, ${path}: Richtung ${formatUnknown(value)} ist ungültig – erwartet wird 1 (höherer Wert = mehr Bedarf) oder -1 (höherer Wert = weniger Bedarf).`,
  modelMappingMissing: (path: string, role: string) =>
    `Modell, ${path}: die Spalte für ${role} ist nicht festgelegt – erwartet wird die Überschrift dieser Spalte.`,
  modelColumnTwice: (header: string, roles: readonly string[]) =>
    `Modell: die Spalte „${header}“ ist mehrfach verwendet (${roles.join(", ")}) – erwartet wird jede Spalte in nur einer Rolle.`,
  modelOptionInvalid: (path: string, value: unknown, expected: string) =>
    `Modell, ${path}: ${formatUnknown(value)} ist ungültig – erwartet wird ${expected}.`,
  modelBudgetTooLarge: (path: string, value: number, limit: number) =>
    `Modell, ${path}: Budget ${formatNumber(value)} € ist zu groß – erwartet wird ein Betrag von höchstens ${formatNumber(limit)} € (darüber lässt sich nicht mehr auf den Cent genau rechnen).`,
  modelBudgetNotDynamisiert: (total: number, derived: number, base: number, baseYear: number, year: number) =>
    `Modell, budget.total: das Budget ${formatNumber(total)} € weicht von der Dynamisierung ab – ${formatNumber(base)} € aus ${baseYear} ergeben für ${year} ${formatNumber(derived)} €. Verteilt wird budget.total; bitte prüfen, welcher Betrag gilt.`,
  modelGoalpostsInvalid: (path: string, min: number, max: number) =>
    `Modell, ${path}: Minimum ${formatNumber(min)} und Maximum ${formatNumber(max)} sind ungültig – erwartet wird ein Maximum größer als das Minimum.`,
  modelJsonSyntax: (detail: string) =>
    `Die Modelldatei ist kein gültiges JSON (${detail}) – erwartet wird eine *.srb.json-Datei wie in der Dokumentation.`,
  modelFieldMissing: (path: string, expected: string) =>
    `Modell, ${path}: die Angabe fehlt – erwartet wird ${expected}.`,
  modelFieldInvalid: (path: string, value: unknown, expected: string) =>
    `Modell, ${path}: ${formatUnknown(value)} ist ungültig – erwartet wird ${expected}.`,
  // ── the workbook (src/usecase/generate.ts) ──────────────────────────────────────────────────
  modelMissing: (workbook: string) =>
    `Die Arbeitsmappe „${workbook}“ enthält kein gespeichertes SRB-Modell, und es wurde keine Modelldatei angegeben. Erwartet: --model <datei.srb.json> oder eine Arbeitsmappe, in der das Add-in das Modell gespeichert hat.`,
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

/** German names of the model's column roles, for messages. */
export const ROLE_NAMES = {
  id: "Einrichtung",
  area: "Sozialraum",
  children: "Kinder",
  strand2: "Förderstrang 2, Nachbarschaftszentrum",
  strand3Reason: "Förderstrang 3, Begründung der Ausnahme",
  strand4: "Förderstrang 4, Zusatzpersonal",
  strand4Reason: "Förderstrang 4, Begründung",
  verbund: "Verbund",
  firstYear: "erstes Förderjahr",
  kitaIndex: "Kita-Index",
  strand4Vzae: "Förderstrang 4, angefragte VZÄ",
  traeger: "Träger",
  indicator: "Indikator",
} as const;

/**
 * Texts of the task pane, German (default) and English, plus the number formats the users expect.
 *
 * German is the language of the users and of the documents; English is offered when Office's display
 * language (or, in standalone mode, the browser's) is English. Engine messages (issues) stay German, as on
 * the sheets; the table's location line, the change summary and the robustness alternatives are said in the
 * pane's language (the engine takes their words, `locationWords` and `summaryWords`, or says what an
 * alternative changes, `alternativeName`).
 * Numbers, amounts and percentages are de-DE in both languages ("1.002.240,00 €", "17,37 %") and are typed
 * the German way ("1.002.240,50"), as in the workbooks, the sheets SRB writes and its Vorlage.
 */

import { GERMAN_SUMMARY_WORDS, type SummaryWords } from "../engine/changeSummary";
import * as germanFormat from "../engine/germanFormat";
import { germanAlternativeLabel, type AlternativeChange } from "../engine/robustness";
import { GERMAN_LOCATION_WORDS, type LocationWords } from "../engine/tableLocation";

export type Language = "de" | "en";

/**
 * Chooses the task-pane language from a BCP-47 tag (Office.context.displayLanguage or navigator.language).
 * English tags give English, everything else (and nothing) gives German.
 *
 * @example
 * detectLanguage("en-US"); // => "en"
 * detectLanguage("de-DE"); // => "de"
 * detectLanguage(undefined); // => "de"
 */
export function detectLanguage(tag: string | null | undefined): Language {
  return typeof tag === "string" && /^en\b/i.test(tag.trim()) ? "en" : "de";
}

/**
 * Amounts in euros ("1.234,56 €") and shares as percentages with few decimals (axis labels: "33 %"), de-DE in
 * both languages: the engine's formats themselves.
 */
export { formatEuro, formatPercent } from "../engine/germanFormat";

/**
 * Formats a share (0–1) as a percentage with two decimals.
 *
 * @example
 * formatShare(0.17366); // => "17,37 %" (with a non-breaking space before %)
 */
export function formatShare(share: number): string {
  return germanFormat.formatPercent(share, 2);
}

/**
 * Formats an index or weight with a fixed number of decimals (decimal comma).
 *
 * @example
 * formatNumber(53.04, 1); // => "53,0"
 * formatNumber(1 / 12, 4); // => "0,0833"
 */
export function formatNumber(value: number, decimals = 2): string {
  return germanFormat.formatNumber(value, decimals);
}

/**
 * Formats a frequency (0–1, e.g. how often a Kita stays eligible) as a percentage with one decimal. Only
 * exactly 1 shows as 100 % and only exactly 0 as 0 %: 0,9999 shows "99,9 %", so "always" is never claimed
 * for "nearly always".
 *
 * @example
 * formatFrequency(0.87); // => "87,0 %" (with a non-breaking space before %)
 * formatFrequency(0.99903); // => "99,9 %", not "100,0 %"
 * formatFrequency(0.0002); // => "0,1 %", not "0,0 %"
 */
export function formatFrequency(frequency: number): string {
  const clamped =
    frequency > 0 && frequency < 0.001 ? 0.001 : frequency < 1 && frequency > 0.999 ? 0.999 : frequency;
  return germanFormat.formatPercent(clamped, 1);
}

/**
 * Formats a number for an input field: no thousands separators, as few decimals as needed (up to 6).
 *
 * @example
 * formatInputNumber(1002240.5); // => "1002240,5"
 */
export function formatInputNumber(value: number): string {
  return germanFormat.formatNumber(value, { max: 6, grouping: false });
}

const GROUPED = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;
const PLAIN = /^-?\d+(,\d+)?$/;

/**
 * A typed number as `parseUserNumber` reads it: without blanks (also no-break ones) and without a trailing
 * "€" or "%".
 *
 * @example compactNumberText(" 1 500,00 € "); // => "1500,00"
 */
export function compactNumberText(text: string): string {
  return text.replace(/[\s\u00a0\u202f]/g, "").replace(/[€%]$/, "");
}

/**
 * Reads a number typed by a user, the German way in both languages: "1.002.240,50" or "1002240,5" (dot =
 * thousands separator, comma = decimal). A trailing "€" or "%" and spaces are ignored. Returns null for
 * anything else ("abc", "12,3,4", "1.5", "1,002,240.50", "") — nothing is guessed.
 *
 * @example
 * parseUserNumber("1.002.240,50"); // => 1002240.5
 * parseUserNumber("2,5 %"); // => 2.5
 * parseUserNumber("1,002,240.50"); // => null
 * parseUserNumber("k.A."); // => null
 */
export function parseUserNumber(text: string): number | null {
  const compact = compactNumberText(text);
  if (!GROUPED.test(compact) && !PLAIN.test(compact)) return null;
  const value = Number(compact.replace(/\./g, "").replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

const de = {
  appTitle: "SRB – Sozialraumbudget",
  stepData: "Daten",
  stepModel: "Modell",
  stepBudget: "Budget & Regeln",
  stepResult: "Ergebnis",
  steps: "Schritte",
  busy: "Bitte warten …",
  errorTitle: "Fehler",
  dismiss: "Schließen",
  noWorkbook: "Keine Arbeitsmappe geöffnet.",
  // Daten
  sheet: "Tabellenblatt mit den Kita-Daten",
  sheetPlaceholder: "Blatt wählen",
  reloadSheets: "Blätter neu einlesen",
  detectTable: "Tabelle erkennen",
  tableSummary: (units: number, columns: number, sheet: string) =>
    `${units} Zeilen (Einrichtungen) und ${columns} Spalten auf „${sheet}“ erkannt.`,
  /** Where the table was found („Kopfzeile: Zeile 3, Daten: Zeilen 4–30 …“), as the CLI says it. */
  locationWords: GERMAN_LOCATION_WORDS as LocationWords,
  headerRow: "Kopfzeile in Zeile",
  headerRowHint:
    "Stimmt die erkannte Kopfzeile nicht, hier die Zeilennummer eintragen; sie wird im Modell gespeichert.",
  headerRowApply: "Kopfzeile übernehmen",
  headerRowAuto: "Kopfzeile automatisch erkennen",
  headerRowInvalid: "Bitte eine Zeilennummer ab 1 eintragen.",
  range: "Bereich (optional)",
  rangeHint: "z. B. A3:F30 – von der Kopfzeile bis zur letzten Kita; wird im Modell gespeichert.",
  rangeApply: "Bereich übernehmen",
  rangeInvalid: "Bitte einen Bereich wie A3:F30 eintragen (mindestens zwei Spalten, ohne Blattnamen).",
  rangeFromSelection: "Markierten Bereich verwenden",
  readSelection: "Markierung lesen",
  selectionNotARange:
    "Die Markierung ist kein zusammenhängender Bereich aus mehreren Zellen. Bitte die Tabelle von der Kopfzeile bis zur letzten Kita markieren und dann „Markierten Bereich verwenden“ wählen.",
  rangeChosen: (range: string, sheet: string) => `Bereich ${range} auf „${sheet}“ übernommen.`,
  columnId: "Spalte Einrichtung",
  columnArea: "Spalte Sozialraum",
  columnChildren: "Spalte Kinder (optional)",
  columnNone: "— keine —",
  suggested: "Vorschlag",
  moreColumns: "Weitere Spalten (Förderstränge, Bremen)",
  columnStrand2: "Nachbarschaftszentrum (Kennzeichen, Strang 2)",
  columnStrand3Reason: "Begründung Ausnahme Strang 3",
  columnStrand4: "Zusatzpersonal (Kennzeichen, Strang 4)",
  columnStrand4Reason: "Begründung Zusatzpersonal (Strang 4)",
  columnVerbund: "Verbund (Bremen)",
  columnFirstYear: "Neu gefördert (Bremen)",
  columnKitaIndex: "Kita-Index aus Statistik (Bremen)",
  storedModelLoaded: "Das in der Arbeitsmappe gespeicherte Modell wurde geladen.",
  storedModelInvalid: "Das in der Arbeitsmappe gespeicherte Modell ist ungültig und wurde nicht übernommen:",
  // Modell
  indicators: "Indikatoren",
  indicatorUse: "verwenden",
  indicatorColumn: "Spalte",
  category: "Kategorie",
  direction: "Richtung",
  directionPlus: "+1: höherer Wert = mehr Bedarf",
  directionMinus: "−1: höherer Wert = weniger Bedarf",
  weight: "Gewicht",
  effectiveWeight: "Effektives Gewicht",
  effectiveWeightsNote:
    "Effektives Gewicht = Anteil der Kategorie am Gesamtindex × Anteil des Indikators in seiner Kategorie.",
  categories: "Kategorien",
  categoryWeight: (name: string) => `Gewicht der Kategorie „${name}“`,
  indicatorWeight: (column: string) => `Gewicht von „${column}“`,
  indicatorCategory: (column: string) => `Kategorie von „${column}“`,
  indicatorDirection: (column: string) => `Richtung von „${column}“`,
  indicatorUseLabel: (column: string) => `„${column}“ als Indikator verwenden`,
  indicatorColumnMissing: (column: string, meant: string | null) =>
    meant === null
      ? `Die Spalte „${column}“ gibt es im Datenblatt nicht. Bitte die passende Spalte ankreuzen und „${column}“ abwählen.`
      : `Die Spalte „${column}“ gibt es im Datenblatt nicht – ist „${meant}“ gemeint?`,
  indicatorUseColumn: (column: string) => `„${column}“ verwenden`,
  goalpostMin: "Min (Referenzjahr)",
  goalpostMax: "Max (Referenzjahr)",
  goalpostMinOf: (column: string) => `Min (Referenzjahr) von „${column}“`,
  goalpostMaxOf: (column: string) => `Max (Referenzjahr) von „${column}“`,
  goalpostsOf: (column: string) => `Grenzwerte von „${column}“`,
  goalpostsOrder: (column: string, min: string, max: string) =>
    `Grenzwerte von „${column}“: Min ${min} ist nicht kleiner als Max ${max}; erwartet: Min < Max.`,
  goalpostsMissing: (column: string) =>
    `Für „${column}“ fehlen Min und Max: es werden Min und Max der aktuellen Daten verwendet.`,
  noIndicators: "Noch keine Indikatoren: zuerst im Schritt „Daten“ die Tabelle erkennen.",
  saveModel: "Modell in der Arbeitsmappe speichern",
  modelSaved: "Modell in der Arbeitsmappe gespeichert.",
  modelSavedIn: (sheet: string) => `Modell in der Arbeitsmappe gespeichert (Blatt „${sheet}“, ausgeblendet).`,
  saveModelFile: "Modell speichern als … .srb.json",
  loadModelFile: "Modell laden (.srb.json)",
  modelFileSaved: (name: string) =>
    `Modelldatei „${name}“ heruntergeladen – für die Kommandozeile (srb allocate --model) oder die Arbeitsmappe des nächsten Jahres.`,
  modelFileLoaded: (name: string) => `Modell aus „${name}“ geladen.`,
  modelFileInvalid: (name: string) => `„${name}“ ist keine gültige Modelldatei und wurde nicht übernommen:`,
  modelFileTooLarge: (name: string) =>
    `„${name}“ ist zu groß für eine Modelldatei (höchstens 5 MB) und wurde nicht übernommen.`,
  modelFileSheetMissing: (wanted: string, used: string) =>
    `Das Blatt „${wanted}“ des Modells gibt es in dieser Arbeitsmappe nicht; das Modell gilt jetzt für „${used}“.`,
  // Budget & Regeln
  budgetTotal: "Budget (€)",
  budgetZero:
    "Budget ist 0 €: alle Sozialräume erhielten 0 €. Bitte im Schritt „Budget & Regeln“ im Feld „Budget (€)“ den Betrag eintragen, der verteilt werden soll.",
  budgetYear: "Haushaltsjahr",
  municipality: "Kommune / Jugendamt (Kopfzeile)",
  municipalityHint:
    "z. B. „Stadt Musterstadt – Jugendamt“: steht auf jeder gedruckten Seite und in der Vorlage.",
  dynamisierung: "Dynamisierung (jährliche Steigerung)",
  baseAmount: "Ausgangsbetrag je Jahr (€)",
  baseYear: "Basisjahr",
  rate: "Steigerung je Jahr (%)",
  derivedBudget: (amount: string) => `Budget aus Dynamisierung: ${amount}`,
  kofinanzierung: "Kofinanzierung",
  landShare: "Anteil Land an den Personalkosten (%)",
  municipalShare: "Anteil Jugendamt (%)",
  costPerVzae: "Jährliche Kosten je VZÄ (€, optional)",
  vzaeStep: "VZÄ abrunden auf Schritte von",
  strand2Vzae: "VZÄ für das Nachbarschaftszentrum je Sozialraum (Strang 2)",
  plannedVzae: "VZÄ im Stellenplan",
  unplanned: "nicht verplant",
  stellenplanPreview: "Stellenplan je Sozialraum",
  within: "Rest im Sozialraum verteilen nach",
  withinIndex: "Gesamtindex",
  withinIndexChildren: "Gesamtindex × Kinder",
  unspent: "Sozialraum ohne förderfähige Einrichtung",
  unspentKeep: "Bleibt nicht verplant (mit Hinweis)",
  unspentRedistribute: "Nicht verplante Mittel umverteilen (nach den Anteilen aus Schritt 1)",
  ruleSet: "Regelwerk",
  ruleSetRlp: "Rheinland-Pfalz (Sozialraumbudget)",
  ruleSetBremen: "Bremen (SozPäd-Programm)",
  options: "Methode",
  normalisation: "Normierung",
  normalisationMinmax: "Min–Max (0–100)",
  normalisationTscore: "z-Wert als T-Wert (50 + 10·z)",
  sdKind: "Standardabweichung",
  sdSample: "Stichprobe (STABW.S)",
  sdPopulation: "Grundgesamtheit (STABW.N)",
  areaMethod: "Sozialraum-Index",
  areaMeanOfUnits: "Mittelwert der Einrichtungen",
  areaSumOfUnits: "Summe der Einrichtungen (begünstigt Sozialräume mit vielen Kitas)",
  areaAggregate: "Indikatoren je Sozialraum zusammenfassen",
  childWeighted: "Nach Kinderzahl gewichten",
  winsorise: "Ausreißer kappen (Winsorisierung)",
  coverage: "Mindest-Datenabdeckung prüfen",
  coverageUnit: "Mindestens vorhandene Indikatoren je Einrichtung (%)",
  coverageIndicator: "Mindestens vorhandene Werte je Indikator (%)",
  coverageLevel: "Unterschreitung ist",
  coverageWarning: "eine Warnung",
  coverageError: "ein Fehler",
  sockel: "Sockelbetrag vorab verteilen",
  sockelFraction: "Anteil des Sockels am Budget (%)",
  sockelBy: "Sockel verteilen",
  sockelEqual: "gleich je Sozialraum",
  sockelChildren: "nach Kinderzahl",
  publication: "Veröffentlichungsmodus (Einrichtungen als neutrale Codes)",
  goalposts: "Feste Grenzwerte (Referenzjahr)",
  goalpostsHint:
    "Min und Max je Indikator aus einem Referenzjahr statt aus den aktuellen Daten: die Indizes bleiben über die Jahre vergleichbar. Die Werte werden im Schritt „Modell“ eingetragen.",
  invalidNumber: (text: string, expected: string) =>
    `„${text}“ ist keine gültige Zahl; erwartet: ${expected}.`,
  // only English mode asks this (a comma before three digits is a thousands separator in English)
  englishThousands: (text: string, asTyped: string, grouped: string) =>
    `„${text}“ wäre deutsch gelesen ${asTyped}. Für tausendfache Beträge bitte ${grouped} eingeben (Punkt als Tausendertrennzeichen, Komma als Dezimalzeichen).`,
  expectedAmount: "ein Betrag ≥ 0, z. B. 1.002.240,00",
  expectedPositiveAmount: "ein Betrag > 0, z. B. 1.002.240,00",
  expectedYear: "eine Jahreszahl zwischen 2000 und 2100",
  expectedPercent: "ein Prozentwert zwischen 0 und 100",
  expectedWeight: "ein Gewicht ≥ 0, z. B. 1 oder 0,5",
  expectedStep: "eine Schrittweite > 0, z. B. 0,25",
  expectedStaff: "eine Zahl von Stellen (VZÄ) ≥ 0, z. B. 0,5 oder 0",
  expectedValue: "eine Zahl, z. B. 12,5 oder -3",
  sharesMustAddUp: (sum: string) => `Die Anteile Land und Jugendamt ergeben ${sum} %; erwartet: 100 %.`,
  // Ergebnis
  checkReport: "Prüfbericht",
  noIssues: "Keine Fehler oder Warnungen.",
  errorsCount: (errors: number, warnings: number) =>
    `${errors} Fehler, ${warnings} ${warnings === 1 ? "Warnung" : "Warnungen"}`,
  levelError: "Fehler",
  levelWarning: "Warnung",
  showAllIssues: (shown: number, total: number) => `Alle ${total} Einträge anzeigen (${shown} angezeigt)`,
  goToCell: (address: string) => `Zelle ${address} in Excel auswählen`,
  preview: "Vorschau der Sozialräume",
  area: "Sozialraum",
  index: "Index",
  share: "Anteil",
  amount: "Betrag",
  total: "Summe",
  sharesChart: "Anteile der Sozialräume am Budget",
  generate: "Verteilungsblatt erzeugen",
  generating: "Verteilungsblatt wird erzeugt …",
  progressSheets: "Blätter werden berechnet …",
  progressWrite: "Blätter werden in die Arbeitsmappe geschrieben …",
  progressDownload: "Ergebnisdatei wird zum Herunterladen erstellt …",
  progressCompute: "Ergebnis wird berechnet …",
  generated: (sheets: string) => `Erzeugt: ${sheets}.`,
  blockedByErrors: "Erst alle Fehler im Prüfbericht beheben, dann kann das Verteilungsblatt erzeugt werden.",
  checkReportDownload: "Prüfbericht herunterladen",
  checkReportOpen: "Prüfbericht als neue Arbeitsmappe öffnen",
  checkReportFileName: "Prüfbericht.xlsx",
  checkReportDownloaded: (name: string) =>
    `„${name}“ heruntergeladen – zum Weitergeben an die Stelle, die die Daten pflegt.`,
  checkReportOpened: "Der Prüfbericht wurde als neue Arbeitsmappe geöffnet (zum Speichern und Weitergeben).",
  blockedByInputs: (fields: string) => `Ungültige Eingaben: ${fields}. Bitte korrigieren.`,
  notReady: "Zuerst im Schritt „Daten“ die Tabelle erkennen und die Spalten zuordnen.",
  publishLabel: "Zusätzlich Veröffentlichungsfassung erzeugen (Kitas nur unter zufälligen Codes)",
  publicationFileName: "Veroeffentlichungsfassung.xlsx",
  progressPublication: "Veröffentlichungsfassung wird erstellt …",
  publicationDownloadReady: (name: string) =>
    `Veröffentlichungsfassung „${name}“ erstellt (zum Herunterladen oben); der Codeschlüssel steht im Blatt „Codeschlüssel“ dieser Arbeitsmappe.`,
  publicationOpened:
    "Die Veröffentlichungsfassung ist als neue Arbeitsmappe geöffnet; bitte dort speichern. Der Codeschlüssel steht im Blatt „Codeschlüssel“ dieser Arbeitsmappe.",
  publicationDownload: (name: string) => `Veröffentlichungsfassung herunterladen: ${name}`,
  functionsBlankAsZero:
    'Diese Excel-Version übergibt leere Zellen an die SRB-Funktionen (=SRB.…) als 0. Schreiben Sie in Zellen ohne Wert ="" oder aktualisieren Sie Excel. Die Verteilung über diesen Aufgabenbereich ist davon nicht betroffen.',
  computeFailed: "Die Berechnung ist fehlgeschlagen:",
  // Robustheit
  robustnessTitle: "Robustheit der Verteilung",
  robustnessIntro:
    "Hängt die Verteilung an den Methodenentscheidungen? SRB rechnet sie unter Alternativen neu: andere Normierung und Standardabweichung, jedes Kategoriegewicht ×0,5 und ×1,5, jeder Indikator einmal weggelassen und 1.000 Zufallsgewichtungen.",
  checkRobustness: "Robustheit prüfen",
  progressRobustness: "Alternativen werden berechnet …",
  robustnessSummary: (alternatives: string, runs: string, seed: string) =>
    `${alternatives} Alternativen berechnet, davon ${runs} Zufallsgewichtungen (±50 %, Startwert ${seed}).`,
  robustnessTable: "Anteil je Sozialraum unter den Alternativen",
  shareNow: "jetzt",
  shareMin: "min",
  shareMedian: "Median",
  shareMax: "max",
  rankRange: "Rang",
  flaggedArea: "auffällig",
  flaggedAreaHint: "Der Rang ändert sich unter einer Alternative um 2 oder mehr.",
  rangeChart: "Spanne der Anteile je Sozialraum",
  rangeChartLegend: "Linie: min bis max · Punkt: jetzt · Strich: Median",
  rangeChartSummary: (areas: string, widest: string, from: string, to: string, flagged: string) =>
    `Spanne der Anteile je Sozialraum (${areas} Sozialräume): die größte Spanne hat ${widest} mit ${from} bis ${to}; ${flagged} Sozialräume auffällig.`,
  flipsTitle: "Kitas, deren Förderfähigkeit kippt",
  /** An alternative of the robustness check by name, as the Robustheit sheet says it. */
  alternativeName: germanAlternativeLabel as (change: AlternativeChange) => string,
  noFlips: "Keine Kita wechselt unter den Alternativen ihre Förderfähigkeit (Strang 1 und 3).",
  strand1: "Strang 1 (Kita-Sozialarbeit)",
  strand3: "Strang 3 (Interkulturelle Fachkräfte)",
  yes: "ja",
  no: "nein",
  flipDetail: (strand: string, now: string, frequency: string) =>
    `${strand}: jetzt ${now}, förderfähig in ${frequency} der Alternativen`,
  differsUnder: (labels: string) => `Abweichend unter: ${labels}`,
  onlyRandomWeightings: (share: string) =>
    `Abweichend unter: nur bei Zufallsgewichtungen (${share} der Läufe)`,
  strandShare: (strand: number, share: string) => `Strang ${strand}: ${share}`,
  robustnessUnavailable:
    "Die Robustheit lässt sich nicht berechnen, weil die Verteilung selbst nicht berechnet werden kann.",
  writeRobustness: "Robustheit-Blatt mitschreiben",
  progressRobustnessSheet: "Robustheit wird für das Blatt berechnet …",
  // Fortschreibung (Beschluss, Vergleich)
  changesTitle: "Veränderungen",
  comparedWith: (label: string) => `Verglichen mit: ${label}`,
  /** The summary line of the comparison, as the Veränderungen sheet says it. */
  summaryWords: GERMAN_SUMMARY_WORDS as SummaryWords,
  changeCounts: (added: number, removed: number, stayed: number, strandMoves: number) =>
    `${added} neu, ${removed} entfallen, ${stayed} geblieben; ${strandMoves} Wechsel in Förderstränge.`,
  topUnitChanges: "Größte Veränderungen je Kita",
  topAreaChanges: "Veränderungen je Sozialraum",
  kita: "Kita",
  change: "Veränderung",
  statusNew: "neu",
  statusGone: "entfallen",
  enteredStrands: (strands: string) => `neu in Strang ${strands}`,
  leftStrands: (strands: string) => `nicht mehr in Strang ${strands}`,
  bandChange: (before: string, after: string) => `Normbereich ${before} → ${after}`,
  moreChanges: (n: number) => `… und ${n} weitere (Blatt „Veränderungen“).`,
  carryForward: "Mit beschlossenen Anteilen fortschreiben",
  carryForwardHint: (date: string) =>
    `Das Budget wird nach den Anteilen des Beschlusses vom ${date} verteilt; der Index wird nicht neu berechnet.`,
  adopt: "Als Beschluss festhalten",
  adoptTitle: "Verteilung als Beschluss festhalten?",
  adoptIntro:
    "Die Verteilung wird mit Datum, Modell, Anteilen, Förderfähigkeit und Stellenplan in der Arbeitsmappe gespeichert (Blatt „Methode“, Abschnitt Beschlüsse) und ist künftig die Grundlage für Vergleich und Fortschreibung. Die Blätter werden dabei neu erzeugt.",
  adoptDate: "Datum des Beschlusses (TT.MM.JJJJ)",
  adoptDateInvalid: "Bitte ein gültiges Datum eingeben, z. B. 15.03.2027.",
  adoptConfirm: "Beschluss festhalten",
  cancel: "Abbrechen",
  adopting: "Beschluss wird festgehalten …",
  adopted: (date: string) => `Beschluss vom ${date} festgehalten.`,
  // Standalone
  standaloneTitle: "SRB – Sozialraumbudget (ohne Excel)",
  standaloneIntro:
    "Arbeitsmappe (.xlsx) hochladen, die vier Schritte durchgehen, Ergebnis herunterladen. Die Datei verlässt diesen Rechner nicht.",
  uploadLabel: "Arbeitsmappe (.xlsx) öffnen",
  chooseWorkbook: "Datei auswählen …",
  noFileChosen: "Keine Datei ausgewählt",
  loadedFile: (name: string) => `Geöffnet: ${name}`,
  readingWorkbook: (name: string) => `${name} wird gelesen …`,
  earlierChoose: "Beschluss des Vorjahres übernehmen …",
  earlierHint:
    "Fortschreibung: die früher heruntergeladene Ergebnisdatei mit dem Beschluss wählen – der Schritt „Ergebnis“ zeigt dann die Veränderungen.",
  earlierAdopted: (date: string, name: string) =>
    `Beschluss vom ${date} aus „${name}“ übernommen: der Schritt „Ergebnis“ vergleicht damit; er steht auch in der neuen Ergebnisdatei.`,
  earlierHasNoAdoption: (name: string) =>
    `„${name}“ enthält keinen Beschluss. Bitte die Ergebnisdatei wählen, in der die Verteilung „Als Beschluss festgehalten“ wurde.`,
  /** `reasons`: why the readable but unusable ones cannot be used (German engine messages); "" for damaged text only. */
  earlierNotTaken: (name: string, count: number, reasons: string) =>
    `${count === 1 ? "Ein gespeicherter Beschluss" : `${count} gespeicherte Beschlüsse`} in „${name}“ ${count === 1 ? "ist" : "sind"} beschädigt oder unvollständig und ${count === 1 ? "wurde" : "wurden"} nicht übernommen${reasons !== "" ? `: ${reasons}` : "."}`,
  download: (name: string) => `Ergebnis herunterladen (${name})`,
  printHint:
    "Als PDF: im Schritt „Ergebnis“ Drucken (Strg+P) → „Als PDF speichern“; die Ergebnisblätter selbst: heruntergeladene Datei drucken oder Kommandozeile „srb allocate … --pdf“.",
  openInExcel: "Dieses Add-in läuft in Excel. Ohne Excel: Standalone-Modus öffnen.",
  openStandalone: "Standalone-Modus öffnen",
};

export type Strings = typeof de;

const kitasEn = (n: number) => `${n} ${n === 1 ? "Kita" : "Kitas"}`;

const en: Strings = {
  appTitle: "SRB – social area budget",
  stepData: "Data",
  stepModel: "Model",
  stepBudget: "Budget & rules",
  stepResult: "Result",
  steps: "Steps",
  busy: "Please wait …",
  errorTitle: "Error",
  dismiss: "Dismiss",
  noWorkbook: "No workbook open.",
  sheet: "Sheet with the day-care data",
  sheetPlaceholder: "Choose a sheet",
  reloadSheets: "Reload sheets",
  detectTable: "Detect table",
  tableSummary: (units, columns, sheet) =>
    `Found ${units} rows (units) and ${columns} columns on “${sheet}”.`,
  locationWords: {
    empty: (sheet) => `Sheet “${sheet}”: no table found (the sheet is empty).`,
    header: (row, from) => `Header: row ${row}${from}`,
    excelTable: (name) => ` (Excel table “${name}”)`,
    chosenRange: (range) => ` (chosen range ${range})`,
    noDataRows: "no data rows",
    data: (first, last) => `data: ${first === last ? `row ${first}` : `rows ${first}–${last}`}`,
    totalsRowOmitted: (row, label, below) =>
      `row ${row} “${label ?? "Summe"}” left out${below > 0 ? `, ${below} more ${below === 1 ? "row" : "rows"} below it ignored` : ""}`,
    belowRangeIgnored: (count) => `${count} ${count === 1 ? "row" : "rows"} below the range ignored`,
    fromBlankRowIgnored: (count, row) =>
      `${count} ${count === 1 ? "row" : "rows"} from the blank row ${row} on ignored`,
    hiddenCounted: (count) => `${count} hidden ${count === 1 ? "row" : "rows"} counted`,
  },
  headerRow: "Header in row",
  headerRowHint: "If the detected header row is wrong, enter its row number; it is saved in the model.",
  headerRowApply: "Use this header row",
  headerRowAuto: "Detect the header row automatically",
  headerRowInvalid: "Please enter a row number of 1 or more.",
  range: "Range (optional)",
  rangeHint: "e.g. A3:F30 – from the header row to the last Kita; saved in the model.",
  rangeApply: "Use this range",
  rangeInvalid: "Please enter a range such as A3:F30 (at least two columns, no sheet name).",
  rangeFromSelection: "Use the selected range",
  readSelection: "Reading the selection",
  selectionNotARange:
    "The selection is not one contiguous range of several cells. Select the table from the header row to the last Kita, then choose “Use the selected range”.",
  rangeChosen: (range, sheet) => `Range ${range} on “${sheet}” applied.`,
  columnId: "Column Einrichtung (unit)",
  columnArea: "Column Sozialraum (area)",
  columnChildren: "Column Kinder (children, optional)",
  columnNone: "— none —",
  suggested: "suggested",
  moreColumns: "More columns (funding strands, Bremen)",
  columnStrand2: "Neighbourhood centre (flag, strand 2)",
  columnStrand3Reason: "Reason for strand 3 exception",
  columnStrand4: "Additional staff (flag, strand 4)",
  columnStrand4Reason: "Justification additional staff (strand 4)",
  columnVerbund: "Verbund (group, Bremen)",
  columnFirstYear: "Newly funded (Bremen)",
  columnKitaIndex: "Kita-Index from statistics (Bremen)",
  storedModelLoaded: "The model saved in the workbook was loaded.",
  storedModelInvalid: "The model saved in the workbook is invalid and was not used:",
  indicators: "Indicators",
  indicatorUse: "use",
  indicatorColumn: "Column",
  category: "Category",
  direction: "Direction",
  directionPlus: "+1: higher value = more need",
  directionMinus: "−1: higher value = less need",
  weight: "Weight",
  effectiveWeight: "Effective weight",
  effectiveWeightsNote:
    "Effective weight = category share of the total index × indicator share within its category.",
  categories: "Categories",
  categoryWeight: (name) => `Weight of category “${name}”`,
  indicatorWeight: (column) => `Weight of “${column}”`,
  indicatorCategory: (column) => `Category of “${column}”`,
  indicatorDirection: (column) => `Direction of “${column}”`,
  indicatorUseLabel: (column) => `Use “${column}” as an indicator`,
  indicatorColumnMissing: (column, meant) =>
    meant === null
      ? `The data sheet has no column “${column}”. Please tick the matching column and untick “${column}”.`
      : `The data sheet has no column “${column}” – is “${meant}” meant?`,
  indicatorUseColumn: (column) => `Use “${column}”`,
  goalpostMin: "Min (reference year)",
  goalpostMax: "Max (reference year)",
  goalpostMinOf: (column) => `Min (reference year) of “${column}”`,
  goalpostMaxOf: (column) => `Max (reference year) of “${column}”`,
  goalpostsOf: (column) => `Goalposts of “${column}”`,
  goalpostsOrder: (column, min, max) =>
    `Goalposts of “${column}”: min ${min} is not less than max ${max}; expected: min < max.`,
  goalpostsMissing: (column) => `“${column}” has no min and max: the current data's min and max are used.`,
  noIndicators: "No indicators yet: detect the table in step “Data” first.",
  saveModel: "Save model in the workbook",
  modelSaved: "Model saved in the workbook.",
  modelSavedIn: (sheet) => `Model saved in the workbook (sheet “${sheet}”, hidden).`,
  saveModelFile: "Save model as … .srb.json",
  loadModelFile: "Load model (.srb.json)",
  modelFileSaved: (name) =>
    `Model file “${name}” downloaded – for the command line (srb allocate --model) or next year's workbook.`,
  modelFileLoaded: (name) => `Model loaded from “${name}”.`,
  modelFileInvalid: (name) => `“${name}” is not a valid model file and was not applied:`,
  modelFileTooLarge: (name) => `“${name}” is too large for a model file (5 MB at most) and was not applied.`,
  modelFileSheetMissing: (wanted, used) =>
    `This workbook has no sheet “${wanted}” named in the model; the model now applies to “${used}”.`,
  budgetTotal: "Budget (€)",
  budgetZero:
    "Budget is 0 €: every area would get 0 €. Please enter the amount to distribute in “Budget (€)” under “Budget & rules”.",
  budgetYear: "Budget year",
  municipality: "Municipality / youth office (page header)",
  municipalityHint: "E.g. „Stadt Musterstadt – Jugendamt“: printed on every page and in the Vorlage.",
  dynamisierung: "Dynamisierung (yearly increase)",
  baseAmount: "Base amount per year (€)",
  baseYear: "Base year",
  rate: "Increase per year (%)",
  derivedBudget: (amount) => `Budget from Dynamisierung: ${amount}`,
  kofinanzierung: "Co-financing",
  landShare: "Land share of personnel costs (%)",
  municipalShare: "Jugendamt share (%)",
  costPerVzae: "Annual cost per FTE (€, optional)",
  vzaeStep: "Round FTE down to steps of",
  strand2Vzae: "FTE for the neighbourhood centre per area (strand 2)",
  plannedVzae: "FTE in the staff plan",
  unplanned: "unplanned",
  stellenplanPreview: "Staff plan per area",
  within: "Split the rest within the area by",
  withinIndex: "total index",
  withinIndexChildren: "total index × children",
  unspent: "Area without an eligible Kita",
  unspentKeep: "Keep the amount as unplanned (with a warning)",
  unspentRedistribute: "Redistribute unplanned money (by the Schritt-1 shares)",
  ruleSet: "Rule set",
  ruleSetRlp: "Rhineland-Palatinate (Sozialraumbudget)",
  ruleSetBremen: "Bremen (SozPäd programme)",
  options: "Method",
  normalisation: "Normalisation",
  normalisationMinmax: "Min–max (0–100)",
  normalisationTscore: "z-score as T-score (50 + 10·z)",
  sdKind: "Standard deviation",
  sdSample: "Sample (STDEV.S)",
  sdPopulation: "Population (STDEV.P)",
  areaMethod: "Area index",
  areaMeanOfUnits: "Mean of the units",
  areaSumOfUnits: "Sum of the units (favours areas with many units)",
  areaAggregate: "Aggregate indicators per area",
  childWeighted: "Weight by number of children",
  winsorise: "Clip outliers (winsorisation)",
  coverage: "Check minimum data coverage",
  coverageUnit: "Minimum indicators present per unit (%)",
  coverageIndicator: "Minimum values present per indicator (%)",
  coverageLevel: "Falling short is",
  coverageWarning: "a warning",
  coverageError: "an error",
  sockel: "Distribute a base amount first",
  sockelFraction: "Base amount share of the budget (%)",
  sockelBy: "Split the base amount",
  sockelEqual: "equally per area",
  sockelChildren: "by number of children",
  publication: "Publication mode (units as neutral codes)",
  goalposts: "Fixed goalposts (reference year)",
  goalpostsHint:
    "Min and max per indicator from a reference year instead of the current data, so that indices stay comparable across years. Enter the values in step “Model”.",
  invalidNumber: (text, expected) => `“${text}” is not a valid number; expected: ${expected}.`,
  englishThousands: (text, asTyped, grouped) =>
    `“${text}” would read as ${asTyped}: numbers are typed the German way here (decimal comma). For thousands type ${grouped}.`,
  expectedAmount: "an amount ≥ 0, e.g. 1.002.240,00 (decimal comma)",
  expectedPositiveAmount: "an amount > 0, e.g. 1.002.240,00 (decimal comma)",
  expectedYear: "a year between 2000 and 2100",
  expectedPercent: "a percentage between 0 and 100, e.g. 60 or 2,5 (decimal comma)",
  expectedWeight: "a weight ≥ 0, e.g. 1 or 0,5 (decimal comma)",
  expectedStep: "a step > 0, e.g. 0,25 (decimal comma)",
  expectedStaff: "a number of posts (FTE) ≥ 0, e.g. 0,5 or 0 (decimal comma)",
  expectedValue: "a number, e.g. 12,5 or -3 (decimal comma)",
  sharesMustAddUp: (sum) => `Land and Jugendamt shares add up to ${sum} %; expected: 100 %.`,
  checkReport: "Check report",
  noIssues: "No errors or warnings.",
  errorsCount: (errors, warnings) =>
    `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`,
  levelError: "Error",
  levelWarning: "Warning",
  showAllIssues: (shown, total) => `Show all ${total} entries (${shown} shown)`,
  goToCell: (address) => `Select cell ${address} in Excel`,
  preview: "Preview of the areas",
  area: "Sozialraum",
  index: "Index",
  share: "Share",
  amount: "Amount",
  total: "Total",
  sharesChart: "Budget shares of the areas",
  generate: "Create allocation sheet",
  generating: "Creating allocation sheet …",
  progressSheets: "Computing sheets …",
  progressWrite: "Writing sheets to the workbook …",
  progressDownload: "Creating the result file for download …",
  progressCompute: "Computing the result …",
  generated: (sheets) => `Created: ${sheets}.`,
  blockedByErrors: "Fix every error in the check report first, then the allocation sheet can be created.",
  checkReportDownload: "Download the check report",
  checkReportOpen: "Open the check report as a new workbook",
  checkReportFileName: "Prüfbericht.xlsx",
  checkReportDownloaded: (name) => `“${name}” downloaded – to pass on to whoever maintains the data.`,
  checkReportOpened: "The check report was opened as a new workbook (to save and pass on).",
  blockedByInputs: (fields) => `Invalid inputs: ${fields}. Please correct them.`,
  notReady: "First detect the table and map the columns in step “Data”.",
  publishLabel: "Also create a publication file (Kitas only under random codes)",
  publicationFileName: "Veroeffentlichungsfassung.xlsx",
  progressPublication: "Creating the publication file …",
  publicationDownloadReady: (name) =>
    `Publication file “${name}” created (download above); the key is on this workbook's sheet “Codeschlüssel”.`,
  publicationOpened:
    "The publication file is open as a new workbook; please save it there. The key is on this workbook's sheet “Codeschlüssel”.",
  publicationDownload: (name) => `Download the publication file: ${name}`,
  functionsBlankAsZero:
    'This Excel version passes blank cells to the SRB functions (=SRB.…) as 0. Write ="" in cells without a value, or update Excel. The allocation from this task pane is not affected.',
  computeFailed: "The computation failed:",
  robustnessTitle: "Robustness of the allocation",
  robustnessIntro:
    "Does the allocation depend on the method's choices? SRB recomputes it under alternatives: the other normalisation and standard deviation, each category weight ×0,5 and ×1,5, each indicator left out once, and 1.000 random weightings.",
  checkRobustness: "Check robustness",
  progressRobustness: "Computing the alternatives …",
  robustnessSummary: (alternatives, runs, seed) =>
    `${alternatives} alternatives computed, ${runs} of them random weightings (±50 %, seed ${seed}).`,
  robustnessTable: "Share per area under the alternatives",
  shareNow: "now",
  shareMin: "min",
  shareMedian: "median",
  shareMax: "max",
  rankRange: "Rank",
  flaggedArea: "flagged",
  flaggedAreaHint: "The rank changes by 2 or more under some alternative.",
  rangeChart: "Range of the shares per area",
  rangeChartLegend: "Line: min to max · dot: now · tick: median",
  rangeChartSummary: (areas, widest, from, to, flagged) =>
    `Range of the shares per area (${areas} areas): the widest range is ${widest}, from ${from} to ${to}; ${flagged} areas flagged.`,
  flipsTitle: "Units whose eligibility flips",
  alternativeName: (change) => {
    switch (change.kind) {
      case "normalisation":
        return change.to === "tscore" ? "T-scores instead of min-max" : "min-max instead of T-scores";
      case "sd":
        return `standard deviation ${change.to === "population" ? "STDEV.P" : "STDEV.S"}`;
      case "areaMethod":
        return change.childWeighted ? "area mean weighted by children" : "area mean unweighted";
      case "categoryWeight":
        return `category “${change.category}” ×${germanFormat.formatNumber(change.factor, { max: 2 })}`;
      case "leaveOut":
        return `without indicator “${change.indicator}”`;
    }
  },
  noFlips: "No unit changes its eligibility (strands 1 and 3) under the alternatives.",
  strand1: "Strand 1 (Kita social work)",
  strand3: "Strand 3 (intercultural staff)",
  yes: "yes",
  no: "no",
  flipDetail: (strand, now, frequency) =>
    `${strand}: now ${now}, eligible in ${frequency} of the alternatives`,
  differsUnder: (labels) => `Differs under: ${labels}`,
  onlyRandomWeightings: (share) => `Differs under: only random weightings (${share} of the runs)`,
  strandShare: (strand, share) => `strand ${strand}: ${share}`,
  robustnessUnavailable: "Robustness cannot be computed because the allocation itself cannot be computed.",
  writeRobustness: "Also write the Robustheit sheet",
  progressRobustnessSheet: "Computing robustness for the sheet …",
  changesTitle: "Changes",
  comparedWith: (label) => `Compared with: ${label}`,
  summaryWords: {
    enteredStrand: (entered, strand, left) =>
      `${kitasEn(entered)} newly in strand ${strand}${left > 0 ? `, ${left} no longer` : ""}`,
    leftStrand: (left, strand) => `${kitasEn(left)} no longer in strand ${strand}`,
    added: (count) => `${kitasEn(count)} added`,
    removed: (count) => `${kitasEn(count)} gone`,
    respelled: (name, before) =>
      `area “${name}” is spelt “${before}” in the comparison and so counts as new, the old one as ` +
      "gone – please spell both the same way",
    largest: (area, change) => `largest change: area ${area} ${change}`,
    points: (signedNumber) => `${signedNumber} percentage points`,
    strandsAndSharesUnchanged: "Strands and shares unchanged.",
    nothingChanged: "No changes.",
  },
  changeCounts: (added, removed, stayed, strandMoves) =>
    `${added} new, ${removed} gone, ${stayed} unchanged in the list; ${strandMoves} strand changes.`,
  topUnitChanges: "Largest changes per Kita",
  topAreaChanges: "Changes per area",
  kita: "Kita",
  change: "Change",
  statusNew: "new",
  statusGone: "gone",
  enteredStrands: (strands) => `new in strand ${strands}`,
  leftStrands: (strands) => `no longer in strand ${strands}`,
  bandChange: (before, after) => `norm band ${before} → ${after}`,
  moreChanges: (n) => `… and ${n} more (sheet “Veränderungen”).`,
  carryForward: "Carry forward with the adopted shares",
  carryForwardHint: (date) =>
    `The budget is distributed by the shares adopted on ${date}; the index is not recomputed.`,
  adopt: "Record as adopted decision",
  adoptTitle: "Record the allocation as adopted decision?",
  adoptIntro:
    "The allocation is stored in the workbook with date, model, shares, eligibility and staff plan (sheet “Methode”, section Beschlüsse) and becomes the basis for comparing and carrying forward. The sheets are created again.",
  adoptDate: "Date of the decision (DD.MM.YYYY)",
  adoptDateInvalid: "Please enter a valid date, e.g. 15.03.2027.",
  adoptConfirm: "Record decision",
  cancel: "Cancel",
  adopting: "Recording the decision …",
  adopted: (date) => `Decision of ${date} recorded.`,
  standaloneTitle: "SRB – social area budget (without Excel)",
  standaloneIntro:
    "Upload a workbook (.xlsx), go through the four steps, download the result. The file never leaves this computer.",
  uploadLabel: "Open workbook (.xlsx)",
  chooseWorkbook: "Choose file …",
  noFileChosen: "No file chosen",
  loadedFile: (name) => `Opened: ${name}`,
  readingWorkbook: (name) => `Reading ${name} …`,
  earlierChoose: "Take over last year's decision …",
  earlierHint:
    "Next year: choose the result file downloaded back then with its decision – the step “Result” then shows the changes.",
  earlierAdopted: (date, name) =>
    `Decision of ${date} taken over from “${name}”: the step “Result” compares with it; it is kept in the new result file.`,
  earlierNotTaken: (name, count, reasons) =>
    `${count === 1 ? "One stored decision" : `${count} stored decisions`} in “${name}” ${count === 1 ? "is" : "are"} damaged or incomplete and ${count === 1 ? "was" : "were"} not taken over${reasons !== "" ? `: ${reasons}` : "."}`,
  earlierHasNoAdoption: (name) =>
    `“${name}” holds no decision. Please choose the result file in which the allocation was recorded as adopted decision.`,
  download: (name) => `Download result (${name})`,
  printHint:
    "As PDF: in step “Result”, Print (Ctrl+P) → “Save as PDF”; the result sheets themselves: print the downloaded file or use the command line “srb allocate … --pdf”.",
  openInExcel: "This add-in runs in Excel. Without Excel: open the standalone mode.",
  openStandalone: "Open standalone mode",
};

/**
 * The texts of the task pane in one language.
 *
 * @example
 * stringsFor("de").stepData; // => "Daten"
 * stringsFor("en").stepData; // => "Data"
 */
export function stringsFor(language: Language): Strings {
  return language === "en" ? en : de;
}

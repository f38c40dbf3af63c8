/**
 * The "Vorlage" sheet (issue 14, SPEC.md §7): the one or two A4 pages (portrait) a Jugendhilfeplaner puts in
 * front of the Jugendhilfeausschuss, and the page the Vorlage text refers to. From top to bottom:
 *
 * 1. the title block: municipality (the model's `municipality`, when set), Haushaltsjahr, budget, date;
 * 2. the decision table per Sozialraum (Normbereich, Sozialraum-Index, Anteil, Betrag, VZÄ when the model
 *    gives a cost per VZÄ) with a total row of SUM formulas whose values equal the budget;
 * 3. the Stellenplan per Förderstrang (SPEC §5), when there is one (Bremen: the SozPäd positions);
 * 4. the method in five plain sentences with the model's own choices, and where to read more;
 * 5. the Prüfbericht's count, the robustness summary (when it was run) and the changes since the last
 *    Beschluss (when one is stored, SPEC §5a) — a short summary each; the details are on their sheets.
 *
 * A town with many Sozialräume (more than LISTED_AREAS) would push the summary past two pages. Then the
 * decision table of point 2 sums the Sozialräume up by Normbereich (count, index range, Anteil, Betrag,
 * VZÄ), names the largest and the smallest amount, and the complete table per Sozialraum follows the
 * summary as the Vorlage's **Anlage**: on a page of its own, in pages of at most ANLAGE_ROWS_PER_PAGE Sozialräume, each
 * with its own header row (manual page breaks, `PrintSpec.pageBreaks`), the SUM total row at its end. So
 * the Vorlage text still takes one or two pages, and the committee still gets every Sozialraum's amount.
 *
 * No Kita is named on the sheet (counts and Sozialräume only), in publication mode or not. Long texts stand
 * one line a row, broken to the width of the table (`linesWithin`), so that they print within the page in
 * Excel and LibreOffice alike; both adapters write the sheet through the same write plan as every other.
 */
import type { Allocation, Band } from "../engine/allocation";
import { percentagePoints } from "../engine/changeSummary";
import { formatPercent } from "../engine/germanFormat";
import type { Issue } from "../engine/issues";
import type { AreaMethod, ResolvedModel } from "../engine/model";
import type { Robustness } from "../engine/robustness";
import { overriddenPlan, type CountingPlan, type StrandOverrides } from "../engine/strandOverrides";
import { STRAND_LABELS } from "./changesSheet";
import { columnTable, type Column, type ColumnTable } from "./columnTable";
import {
  COUNT_FORMAT,
  INDEX_FORMAT,
  MONEY_FORMAT,
  PERCENT_FORMAT,
  VZAE_FORMAT,
  formatEuro,
  formatNumber,
} from "./numberFormats";
import type { SheetCell, SheetSpec } from "./port";
import { linesWithin } from "./textWidth";

/** Name of the sheet (the adapters may add " (2)" on a clash with a user sheet). */
export const VORLAGE_SHEET = "Vorlage";

/** Where the method is described in full (the README's section and docs/methode.md ship with SRB). */
export const METHOD_POINTER =
  "Ausführlich: Blatt „Methode“ (alle Einstellungen, Gewichte, Prüfsumme der Eingabewerte) sowie im " +
  "SRB-Paket die README, Abschnitt „Methode“, und docs/methode.md.";

export interface VorlageContext {
  /** The model's municipality ("" for none). */
  municipality: string;
  /** The run's date as the user reads it ("30.11.2026"). */
  date: string;
  /** Every issue of the run, as the Prüfbericht lists them. */
  issues: readonly Issue[];
  /** The robustness analysis of this run, or null when it was not run. */
  robustness?: Robustness | null;
  /** The Fortschreibung of this run (SPEC §5a), or null without a stored Beschluss. */
  fortschreibung?: {
    /** What the run was compared with ("Beschluss vom 15.03.2022"), or null. */
    comparedWith: string | null;
    /** The summary line of the comparison (`changeSummary`), or null. */
    summary: string | null;
    /** The carry-forward note (`carriedForwardNote`): the adopted shares, nothing recomputed; or null. */
    carriedForward: string | null;
  } | null;
  /** Angepasste VZÄ je Strang (as on the Einrichtungen sheet): the Stellenplan totals follow them. */
  strandOverrides?: StrandOverrides;
  /**
   * The plan that counts (`overriddenPlan` of the allocation and `strandOverrides`), when the caller has it
   * already (the Einrichtungen sheet uses the same). Default: computed here.
   */
  counting?: CountingPlan;
}

/**
 * Up to this many Sozialräume the decision table stands in full in the summary; with more it moves to the
 * Anlage. 30 rows, the title block, the table's header, total and note take about 44 rows of 15 pt, what an
 * A4 portrait page holds (the method and the summaries then fill the second page).
 */
export const LISTED_AREAS = 30;
/** Sozialräume per Anlage page (with the page's header row, the Anlage title and the total row: ≤ 1 page). */
export const ANLAGE_ROWS_PER_PAGE = 40;

/** Column widths (characters) of the sheet: A4 portrait holds about 95 at 100 %. */
const WIDTHS = [30, 13, 13, 11, 17, 11];
/** Texts are broken to this width (the table's, a little less for LibreOffice's metric twin of Calibri). */
const TEXT_WIDTH = Math.floor(WIDTHS.reduce((s, w) => s + w, 0) * 0.95);

const BAND_TEXT: Record<Band, string> = {
  oberhalb: "oberhalb",
  innerhalb: "innerhalb",
  unterhalb: "unterhalb",
};

const text = (value: string, bold = false): SheetCell => (bold ? { value, bold } : { value });
const num = (value: number | null | undefined, numFmt: string): SheetCell =>
  typeof value === "number" && Number.isFinite(value) ? { value, numFmt } : { value: null };

/** `s` as rows of one line each, broken to the width of the sheet. */
function paragraph(s: string, bold = false): SheetCell[][] {
  return linesWithin(s, TEXT_WIDTH, bold).map((line) => [text(line, bold)]);
}

const count = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "A, B und C". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} und ${items[items.length - 1]}`;
}

// ── the method in five sentences ──────────────────────────────────────────────────────────────────────

const AREA_SENTENCE: Record<AreaMethod, (weighted: boolean) => string> = {
  "mean-of-units": (w) =>
    `Der Index eines Sozialraums ist der ${w ? "nach Kinderzahl gewichtete " : ""}Mittelwert der Gesamtindizes seiner Kitas`,
  "sum-of-units": () =>
    "Der Index eines Sozialraums ist die Summe der Gesamtindizes seiner Kitas (das begünstigt Sozialräume mit vielen Kitas)",
  aggregate: (w) =>
    `Der Index eines Sozialraums entsteht aus den ${w ? "nach Kinderzahl gewichteten " : ""}Mittelwerten der Rohwerte ` +
    "seiner Kitas, die wie oben über die Sozialräume normiert werden",
};

/**
 * The method in five plain German sentences with the model's choices (standard score, categories and
 * weights, aggregation, what the budget is split by, set-asides), for the committee.
 *
 * @example methodSentences(allocation)[0];
 * // => "Für jede der 32 Kitas wurden 17 Indikatoren auf Standardpunktzahlen von 0 bis 100 gebracht (Min-Max: …)."
 */
export function methodSentences(allocation: Allocation, carriedForward: string | null = null): string[] {
  const m: ResolvedModel = allocation.model;
  const o = m.options;
  const units = allocation.units.length;
  const score =
    o.normalisation === "tscore"
      ? "auf T-Werte gebracht (50 + 10 · Abstand vom Mittelwert in Standardabweichungen)"
      : "auf Standardpunktzahlen von 0 bis 100 gebracht (Min-Max: der niedrigste Bedarf 0, der höchste 100)";
  const extras = [
    ...(o.goalposts ? ["mit festen Referenzwerten eines Vorjahres"] : []),
    ...(o.winsorise ? ["mit Ausreißerbehandlung (Winsorisierung)"] : []),
  ];
  const first =
    `Für jede der ${formatNumber(units)} Kitas wurden ${count(m.indicators.length, "Indikator", "Indikatoren")} ` +
    `aus dem Blatt „${m.data.sheet}“ ${score}${extras.length > 0 ? `, ${listed(extras)}` : ""}.`;

  const weights = m.categories.map((c) => c.weight);
  const equal = weights.every((w) => Math.abs(w - weights[0]) < 1e-12);
  const quoted = (name: string) => `„${name}“`;
  const categories = equal
    ? `den ${m.categories.length === 1 ? "Kategorie" : `${formatNumber(m.categories.length)} gleich gewichteten Kategorien`} ` +
      listed(m.categories.map((c) => quoted(c.name)))
    : `den Kategorien ${listed(m.categories.map((c) => `${quoted(c.name)} (Gewicht ${formatNumber(c.weight, { max: 3 })})`))}`;
  const second =
    `Die Indikatoren sind ${categories} zugeordnet; der Mittelwert je Kategorie und daraus der ` +
    `${equal ? "" : "gewichtete "}Mittelwert der Kategorien ergeben den Gesamtindex jeder Kita.`;

  const sd = o.sd === "population" ? "der Grundgesamtheit" : "der Stichprobe";
  const third =
    `${AREA_SENTENCE[o.areaMethod](o.childWeighted)}; als Normbereich gilt Mittelwert ± Standardabweichung ` +
    `(${sd}).`;

  const sockel = o.sockel
    ? ` nach Abzug eines Sockels von ${formatPercent(o.sockel.fraction, { max: 1 })}, der ` +
      `${o.sockel.by === "children" ? "nach Kinderzahl" : "zu gleichen Teilen"} auf die Sozialräume geht,`
    : "";
  const fourth = carriedForward
    ? `${carriedForward.replace(/^Fortschreibung: die/, "Fortgeschrieben: Die")} Das Budget von ${formatEuro(allocation.budget)} ` +
      "wird nach diesen Anteilen verteilt und centgenau gerundet (Verfahren der größten Reste)."
    : `Das Budget von ${formatEuro(allocation.budget)} wird${sockel} im Verhältnis der Sozialraum-Indizes ` +
      "aufgeteilt und centgenau gerundet (Verfahren der größten Reste), so dass die Beträge genau das Budget ergeben.";

  const b = m.budget;
  const k = b.kofinanzierung;
  const plan = allocation.units.some((u) => u.plan !== undefined);
  const bremen = m.ruleSet === "bremen" && m.bremen !== null;
  let fifth: string;
  if (bremen) {
    fifth =
      "Innerhalb der Sozialräume gelten die Bremer Regeln: Kitas über der Index-Schwelle erhalten je nach Kinderzahl " +
      `Stellenanteile (kleine Kitas im Verbund) und eine Sachkostenpauschale von ${formatEuro(m.bremen!.sachkosten)} im Jahr` +
      (m.bremen!.sachkostenFirstYear !== m.bremen!.sachkosten
        ? ` (im ersten Förderjahr ${formatEuro(m.bremen!.sachkostenFirstYear)}).`
        : ".");
  } else if (plan && b.costPerVzae !== null) {
    fifth =
      "Innerhalb jedes Sozialraums schlägt das Jugendamt einen Stellenplan vor: zuerst das Zusatzpersonal " +
      `(Strang 4) und das Nachbarschaftszentrum (Strang 2, ${formatNumber(m.rules.strand2Vzae, { max: 2 })} VZÄ), ` +
      `der Rest nach Gesamtindex${m.rules.within === "index-children" ? " × Kinderzahl" : ""} in Schritten von ` +
      `${formatNumber(b.vzaeStep, { max: 2 })} VZÄ zu ${formatEuro(b.costPerVzae)} je VZÄ, von denen das Land ` +
      `${formatPercent(k.landShare, { max: 1 })} trägt.`;
  } else {
    fifth =
      "Innerhalb jedes Sozialraums wird der Betrag als Vorschlag im Verhältnis ihres Gesamtindex auf die " +
      `förderfähigen Kitas verteilt; das Land trägt ${formatPercent(k.landShare, { max: 1 })} der Personalkosten.`;
  }
  return [first, second, third, fourth, fifth];
}

// ── the summaries ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The Prüfbericht's count in one line.
 *
 * @example checkLine([{ level: "warning", … }]); // => "Prüfbericht: 0 Fehler, 1 Warnung – jede mit Zelladresse im Blatt „Prüfbericht“."
 */
export function checkLine(issues: readonly Issue[]): string {
  const errors = issues.filter((i) => i.level === "error").length;
  const warnings = issues.length - errors;
  if (issues.length === 0) return "Prüfbericht: keine Fehler und keine Warnungen.";
  return (
    `Prüfbericht: ${formatNumber(errors)} Fehler, ${count(warnings, "Warnung", "Warnungen")} – ` +
    "jede mit Zelladresse im Blatt „Prüfbericht“."
  );
}

/**
 * The robustness analysis in one or two sentences: how far the shares move, how many Sozialräume change
 * rank by two or more, how many Kitas' eligibility depends on the method (counts only, no names).
 *
 * @example robustnessLine(r);
 * // => "Robustheit: 1.039 Alternativen gerechnet … Der Anteil eines Sozialraums schwankt dabei höchstens um 2,1 Prozentpunkte …"
 */
export function robustnessLine(r: Robustness | null | undefined): string {
  if (!r) {
    return (
      "Robustheit: nicht geprüft (Kommandozeile: --robustness; Aufgabenbereich: „Robustheit prüfen“; " +
      "Ergebnis im Blatt „Robustheit“)."
    );
  }
  const widest = [...r.areas].sort(
    (a, b) => b.shareMax - b.shareMin - (a.shareMax - a.shareMin) || a.name.localeCompare(b.name),
  )[0];
  const moved = widest
    ? ` Der Anteil eines Sozialraums schwankt dabei höchstens um ${percentagePoints(widest.shareMax - widest.shareMin).replace(/^\+/, "")} ` +
      `(Sozialraum ${widest.name}: ${formatPercent(widest.shareMin, 1)} bis ${formatPercent(widest.shareMax, 1)}, ` +
      `vorgeschlagen ${formatPercent(widest.share, 1)}).`
    : "";
  const ranks = r.areas.filter((a) => a.flagged).length;
  const units = r.units.filter((u) => u.flagged).length;
  return (
    `Robustheit: ${formatNumber(r.runs)} Alternativen gerechnet (andere Normierung und Standardabweichung, ` +
    `Kategoriegewichte ×0,5 und ×1,5, jeder Indikator einmal weggelassen, ${formatNumber(r.monteCarloRuns)} ` +
    `Zufallsgewichtungen).${moved} ${ranks === 0 ? "Kein Sozialraum ändert" : count(ranks, "Sozialraum ändert", "Sozialräume ändern")} ` +
    `${ranks > 1 ? "ihren" : "seinen"} Rang um 2 oder mehr; ${units === 0 ? "bei keiner Kita hängt" : `bei ${count(units, "Kita", "Kitas")} hängt`} ` +
    "die Förderfähigkeit (Strang 1 oder 3) an der Methode. " +
    "Einzelheiten im Blatt „Robustheit“."
  );
}

/**
 * The changes since the last Beschluss in one line (SPEC §5a), or the note that there is none.
 *
 * @example changesLine({ comparedWith: "Beschluss vom 15.03.2022", summary: "Keine Veränderungen.", carriedForward: null });
 * // => "Veränderungen gegenüber Beschluss vom 15.03.2022: Keine Veränderungen. Einzelheiten im Blatt „Veränderungen“."
 */
export function changesLine(fort: VorlageContext["fortschreibung"]): string {
  if (!fort || fort.comparedWith === null || fort.summary === null)
    return "Veränderungen: kein früherer Beschluss in dieser Arbeitsmappe, mit dem verglichen werden kann.";
  // the summary ends with a full stop only when it is „Keine Veränderungen.“; the sentence needs one before
  // the next, or it reads „… −2,1 Prozentpunkte Einzelheiten im Blatt …“
  const summary = /[.!?]$/.test(fort.summary) ? fort.summary : `${fort.summary}.`;
  return `Veränderungen gegenüber ${fort.comparedWith}: ${summary} Einzelheiten im Blatt „Veränderungen“.`;
}

// ── the sheet ─────────────────────────────────────────────────────────────────────────────────────────

type Area = Allocation["areas"][number];

/** VZÄ per Förderstrang of the Stellenplan that counts (overrides where typed, else the proposal). */
interface StrandTotal {
  label: string;
  units: number;
  vzae: number;
}

function strandTotals(allocation: Allocation, counting: CountingPlan): StrandTotal[] {
  // strands 1, 2, 3, 4 and the index part not yet split between 1 and 3
  const vzae = [0, 0, 0, 0, 0];
  const units = [0, 0, 0, 0, 0];
  allocation.units.forEach((u, i) => {
    const c = counting.units[i];
    const p = u.plan;
    let parts: number[];
    if (c.overridden) parts = [...c.overrides.map((x) => x ?? 0), 0];
    else {
      const s2 = p?.strand2Vzae ?? 0;
      const s4 = p?.strand4Vzae ?? 0;
      parts = [0, s2, 0, s4, p?.indexVzae ?? Math.max(0, (p?.vzae ?? 0) - s2 - s4)];
    }
    parts.forEach((x, k) => {
      vzae[k] += x;
      if (x > 0) units[k]++;
    });
  });
  const rows: StrandTotal[] = [
    { label: STRAND_LABELS.sozialarbeit, units: units[0], vzae: vzae[0] },
    { label: STRAND_LABELS.nachbarschaftszentrum, units: units[1], vzae: vzae[1] },
    { label: STRAND_LABELS.interkulturell, units: units[2], vzae: vzae[2] },
    { label: STRAND_LABELS.zusatzpersonal, units: units[3], vzae: vzae[3] },
  ];
  if (vzae[4] > 0)
    rows.splice(3, 0, { label: "1 oder 3 (Aufteilung vor Ort)", units: units[4], vzae: vzae[4] });
  // VZÄ are whole steps: add them without binary noise
  return rows.map((r) => ({ ...r, vzae: Math.round(r.vzae * 1e6) / 1e6 }));
}

type Indexed = { a: Area; i: number };

/** The columns of the decision table per Sozialraum (in the summary, or in the Anlage). */
function decisionColumns(
  withVzae: boolean,
  planned: boolean,
  vzaeOf: (a: Area, i: number) => number | null,
): Column<Indexed>[] {
  return [
    { key: "name", header: "Sozialraum", width: WIDTHS[0], value: ({ a }) => text(a.name) },
    // the band (text) before the index (a number): a right-aligned number next to a left-aligned text reads as one
    {
      key: "band",
      header: "Normbereich",
      width: WIDTHS[1],
      value: ({ a }) => text(a.band ? BAND_TEXT[a.band] : "–"),
    },
    {
      key: "index",
      header: "Sozialraum-Index",
      width: WIDTHS[2],
      value: ({ a }) => num(a.index, INDEX_FORMAT),
    },
    ...moneyColumns<Indexed>(
      ({ a }) => a.share,
      ({ a }) => a.amount,
      withVzae ? ({ a, i }) => vzaeOf(a, i) : null,
      planned,
    ),
  ];
}

/**
 * The last columns of both decision tables: Anteil and Betrag, and the VZÄ when the Vorlage shows them —
 * with their totals (Anteil and VZÄ summed, Betrag to the cent), so that both tables add up alike.
 *
 * @example moneyColumns<Area>((a) => a.share, (a) => a.amount, null, false).map((c) => c.header); // => ["Anteil", "Betrag"]
 */
function moneyColumns<T>(
  share: (t: T) => number | null,
  amount: (t: T) => number | null,
  vzae: ((t: T) => number | null) | null,
  planned: boolean,
): Column<T>[] {
  const columns: Column<T>[] = [
    {
      key: "share",
      header: "Anteil",
      width: WIDTHS[3],
      value: (t) => num(share(t), PERCENT_FORMAT),
      total: "sum",
      totalFormat: PERCENT_FORMAT,
    },
    {
      key: "amount",
      header: "Betrag",
      width: WIDTHS[4],
      value: (t) => num(amount(t), MONEY_FORMAT),
      total: "cents",
      totalFormat: MONEY_FORMAT,
    },
  ];
  if (vzae !== null)
    columns.push({
      key: "vzae",
      header: planned ? "VZÄ im Stellenplan" : "VZÄ",
      width: WIDTHS[5],
      value: (t) => num(vzae(t), VZAE_FORMAT),
      total: "sum",
      totalFormat: VZAE_FORMAT,
    });
  return columns;
}

/** The Sozialräume of one Normbereich, summed up (many Sozialräume: the summary's decision table). */
interface BandGroup {
  label: string;
  areas: number;
  indexFrom: number | null;
  indexTo: number | null;
  share: number;
  amount: number;
  vzae: number;
}

const BAND_GROUPS: { band: Band | null; label: string }[] = [
  { band: "oberhalb", label: "oberhalb" },
  { band: "innerhalb", label: "innerhalb" },
  { band: "unterhalb", label: "unterhalb" },
  { band: null, label: "ohne Normbereich" },
];

/**
 * The decision table by Normbereich: per band the number of Sozialräume, their index range and their
 * summed Anteil, Betrag and VZÄ, and a total row of SUM formulas (Betrag: the budget).
 *
 * @example bandTable(areas, false, false, () => null, 9).rows[1][0].value; // => "oberhalb: 5 Sozialräume"
 */
export function bandTable(
  areas: readonly Area[],
  withVzae: boolean,
  planned: boolean,
  vzaeOf: (a: Area, i: number) => number | null,
  headerRow: number,
): ColumnTable {
  const groups: BandGroup[] = [];
  for (const g of BAND_GROUPS) {
    const mine = areas.map((a, i) => ({ a, i })).filter(({ a }) => (a.band ?? null) === g.band);
    if (mine.length === 0 && g.band === null) continue;
    const indices = mine.map(({ a }) => a.index).filter((x): x is number => Number.isFinite(x));
    groups.push({
      label: g.label,
      areas: mine.length,
      indexFrom: indices.length > 0 ? Math.min(...indices) : null,
      indexTo: indices.length > 0 ? Math.max(...indices) : null,
      share: mine.reduce((sum, { a }) => sum + (a.share ?? 0), 0),
      amount: mine.reduce((sum, { a }) => sum + Math.round((a.amount ?? 0) * 100), 0) / 100,
      vzae: Math.round(mine.reduce((sum, { a, i }) => sum + (vzaeOf(a, i) ?? 0), 0) * 1e6) / 1e6,
    });
  }
  const table = columnTable<BandGroup>(
    [
      {
        key: "label",
        header: "Sozialräume nach Normbereich",
        width: WIDTHS[0],
        value: (g) => text(`${g.label}: ${count(g.areas, "Sozialraum", "Sozialräume")}`),
      },
      { key: "from", header: "Index von", width: WIDTHS[1], value: (g) => num(g.indexFrom, INDEX_FORMAT) },
      { key: "to", header: "Index bis", width: WIDTHS[2], value: (g) => num(g.indexTo, INDEX_FORMAT) },
      ...moneyColumns<BandGroup>(
        (g) => g.share,
        (g) => g.amount,
        withVzae ? (g) => g.vzae : null,
        planned,
      ),
    ],
    groups,
    headerRow,
  );
  // the total row names the number of Sozialräume (the rows above count them per band)
  table.total[0] = text(`Summe: ${count(areas.length, "Sozialraum", "Sozialräume")}`, true);
  return table;
}

/** "Sozialraum Nord" ("Sozialraum 07" stays as it is). */
const areaCalled = (name: string) =>
  /^sozialraum\b/i.test(name.trim()) ? name.trim() : `Sozialraum ${name}`;

/**
 * Where the full table is, and the largest and the smallest amount (many Sozialräume, no Kita named).
 *
 * @example extremesLine(areas);
 * // => "Die Beträge aller 250 Sozialräume stehen in der Anlage am Ende dieser Vorlage … Den größten Betrag erhält Sozialraum 017 (…)."
 */
export function extremesLine(areas: readonly Area[]): string {
  const withAmount = areas.filter((a) => typeof a.amount === "number" && Number.isFinite(a.amount));
  const sorted = [...withAmount].sort((x, y) => y.amount! - x.amount! || x.name.localeCompare(y.name));
  const most = sorted[0];
  const least = sorted[sorted.length - 1];
  return (
    `Die Beträge aller ${formatNumber(areas.length)} Sozialräume stehen in der Anlage am Ende dieser Vorlage ` +
    "(ab einer neuen Seite, jede Seite mit Spaltenüberschriften) und im Blatt „Verteilung“." +
    (most && least && most !== least
      ? ` Den größten Betrag erhält ${areaCalled(most.name)} (${formatEuro(most.amount!)}), den kleinsten ` +
        `${areaCalled(least.name)} (${formatEuro(least.amount!)}).`
      : "")
  );
}

/**
 * The Anlage: the decision table per Sozialraum from sheet row `firstRow` on, its title first, then pages
 * of at most ANLAGE_ROWS_PER_PAGE Sozialräume (evenly filled), each under its own header row, the total
 * row (SUM over all of them; SUM passes over the repeated header texts) at the end. `pageBreaks`: the rows
 * below which a new Anlage page starts.
 *
 * @example anlageRows(columns, fiftyAreas, 60).pageBreaks; // => [86] (two pages of 25)
 */
export function anlageRows(
  columns: readonly Column<Indexed>[],
  items: readonly Indexed[],
  firstRow: number,
): { rows: SheetCell[][]; pageBreaks: number[] } {
  const rows: SheetCell[][] = [
    [text(`Anlage: Verteilung auf die Sozialräume (${formatNumber(items.length)} Sozialräume)`, true)],
  ];
  const pages = Math.max(1, Math.ceil(items.length / ANLAGE_ROWS_PER_PAGE));
  const size = Math.ceil(items.length / pages);
  const pageBreaks: number[] = [];
  let first = 0;
  let last = 0;
  for (let p = 0; p < pages; p++) {
    if (p > 0) pageBreaks.push(firstRow + rows.length - 1);
    const chunk = columnTable(columns, items.slice(p * size, (p + 1) * size), firstRow + rows.length);
    if (p === 0) first = chunk.firstRow;
    last = chunk.lastRow;
    rows.push(...chunk.rows);
  }
  // the total over every page's rows: the cached values of the whole list, the range from first to last
  const whole = columnTable(columns, items);
  rows.push(
    whole.total.map((cell) =>
      cell.formula
        ? {
            ...cell,
            formula: cell.formula.replace(/^SUM\(([A-Z]+)\d+:([A-Z]+)\d+\)$/, `SUM($1${first}:$2${last})`),
          }
        : cell,
    ),
  );
  return { rows, pageBreaks };
}

/**
 * The Vorlage sheet of an allocation.
 *
 * @example
 * const spec = vorlageSheet(allocation, { municipality: "Stadt Musterstadt", date: "30.11.2026", issues: [] });
 * spec.rows[0][0].value; // => "Sozialraumbudget 2022: Vorlage für den Jugendhilfeausschuss"
 */
export function vorlageSheet(allocation: Allocation, ctx: VorlageContext): SheetSpec {
  const m = allocation.model;
  const year = m.budget.year;
  const overrides = ctx.strandOverrides ?? new Map();
  const plan = allocation.units.some((u) => u.plan !== undefined);
  const bremen = allocation.units.some((u) => u.bremen !== undefined);
  const rows: SheetCell[][] = [];

  // 1. title block
  rows.push([
    text(`Sozialraumbudget${year !== null ? ` ${year}` : ""}: Vorlage für den Jugendhilfeausschuss`, true),
  ]);
  if (ctx.municipality.trim() !== "") rows.push([text("Kommune"), text(ctx.municipality.trim())]);
  if (year !== null) rows.push([text("Haushaltsjahr"), text(String(year))]);
  rows.push([text("Budget"), text(formatEuro(allocation.budget))]);
  rows.push([text("Stand"), text(ctx.date)]);
  rows.push([]);

  // 2. the decision table: in full, or (many Sozialräume) by Normbereich with the full table as Anlage
  // each section's first row: a page break goes before a section rather than through it (printLayout.ts)
  const sections: number[] = [];
  const heading = (title: string) => {
    sections.push(rows.length + 1);
    rows.push([text(title, true)]);
  };
  heading("1. Verteilung auf die Sozialräume");
  const counting = plan ? (ctx.counting ?? overriddenPlan(allocation, overrides)) : null;
  const vzaeOf = (a: Area, i: number): number | null => (counting ? counting.areas[i].vzae : a.vzae);
  const withVzae = counting !== null || allocation.areas.some((a) => a.vzae !== null);
  const indexed = allocation.areas.map((a, i) => ({ a, i }));
  const columns = decisionColumns(withVzae, counting !== null, vzaeOf);
  const inAnlage = allocation.areas.length > LISTED_AREAS;
  if (!inAnlage) {
    const table = columnTable(columns, indexed, rows.length + 1);
    rows.push(...table.rows, table.total);
  } else {
    const byBand = bandTable(allocation.areas, withVzae, counting !== null, vzaeOf, rows.length + 1);
    rows.push(...byBand.rows, byBand.total);
    rows.push(...paragraph(extremesLine(allocation.areas)));
  }
  rows.push(
    ...paragraph(
      "Anteil: Sozialraum-Index geteilt durch die Summe der Indizes. Die Beträge ergeben zusammen genau das Budget" +
        (withVzae
          ? counting
            ? "; VZÄ: Stellen des Stellenplans im Sozialraum (Blatt „Einrichtungen“)."
            : `; VZÄ: Vollzeitstellen, die der Betrag mit dem kommunalen Anteil finanziert (${formatEuro(m.budget.costPerVzae ?? 0)} je VZÄ).`
          : "."),
    ),
  );
  rows.push([]);

  // 3. the Stellenplan per strand
  let section = 2;
  if (counting) {
    heading(`${section++}. Stellenplan nach Förderstrang`);
    const strands = strandTotals(allocation, counting);
    const t = columnTable<StrandTotal>(
      [
        { key: "label", header: "Förderstrang", width: WIDTHS[0], value: (s) => text(s.label) },
        {
          key: "units",
          header: "Einrichtungen",
          width: WIDTHS[1],
          value: (s) => num(s.units, COUNT_FORMAT),
        },
        {
          key: "vzae",
          header: "VZÄ",
          width: WIDTHS[2],
          value: (s) => num(s.vzae, VZAE_FORMAT),
          total: "sum",
          totalFormat: VZAE_FORMAT,
        },
      ],
      strands,
      rows.length + 1,
    );
    rows.push(...t.rows, t.total);
    const c = counting!;
    const sum = (f: (a: (typeof c.areas)[number]) => number) =>
      Math.round(c.areas.reduce((s, a) => s + Math.round(f(a) * 100), 0)) / 100;
    const unplanned = sum((a) => a.unplanned);
    rows.push(
      ...paragraph(
        `Personalvolumen ${formatEuro(sum((a) => a.personnelVolume))}, davon aus dem Budget (Landesanteil) ` +
          `${formatEuro(sum((a) => a.amount))} und kommunaler Anteil ${formatEuro(sum((a) => a.municipal))}; ` +
          `nicht verplant ${formatEuro(unplanned)}. Einrichtungen: Kitas mit Stellen im Strang. ` +
          (strands.some((s) => s.label.startsWith("1 oder 3"))
            ? "Wie sich die Stellen nach Index auf Strang 1 und 3 verteilen, entscheidet das Sozialraum-Team " +
              "(Spalten „(angepasst)“ im Blatt „Einrichtungen“)."
            : "Die Stellen je Kita stehen im Blatt „Einrichtungen“."),
      ),
    );
    rows.push([]);
  }
  // with a Stellenplan too: the Bremen Stellen are what sentence 5 of the method announces
  if (bremen) {
    heading(`${section++}. Stellen nach den Bremer Regeln`);
    const funded = allocation.units.filter(
      (u) => (u.bremen?.vzae ?? 0) > 0 || (u.bremen?.sachkosten ?? 0) > 0,
    );
    const vzae = allocation.units.reduce((s, u) => s + (u.bremen?.vzae ?? 0), 0);
    const sach =
      allocation.units.reduce((s, u) => s + Math.round((u.bremen?.sachkosten ?? 0) * 100), 0) / 100;
    rows.push(
      ...paragraph(
        `${count(funded.length, "Kita", "Kitas")} gefördert mit zusammen ${formatNumber(vzae, { max: 2 })} VZÄ ` +
          `und ${formatEuro(sach)} Sachkosten; je Kita im Blatt „Einrichtungen“.`,
      ),
    );
    rows.push([]);
  }

  // 4. the method
  heading(`${section++}. Methode in fünf Sätzen`);
  const sentences = methodSentences(allocation, ctx.fortschreibung?.carriedForward ?? null);
  sentences.forEach((s, k) => rows.push(...paragraph(`${k + 1}. ${s}`)));
  rows.push(...paragraph(METHOD_POINTER));
  rows.push([]);

  // 5. check, robustness, changes
  heading(`${section}. Prüfung, Robustheit und Veränderungen`);
  rows.push(...paragraph(checkLine(ctx.issues)));
  rows.push(...paragraph(robustnessLine(ctx.robustness)));
  rows.push(...paragraph(changesLine(ctx.fortschreibung ?? null)));

  // the Anlage: every Sozialraum, on pages of its own
  const pageBreaks: number[] = [];
  if (inAnlage) {
    pageBreaks.push(rows.length);
    const anlage = anlageRows(columns, indexed, rows.length + 1);
    rows.push(...anlage.rows);
    pageBreaks.push(...anlage.pageBreaks);
  }

  return {
    name: VORLAGE_SHEET,
    rows,
    columnWidths: [...WIDTHS],
    freezeRows: 0,
    // portrait, and a shorter page header than the other sheets' (the year is in the title block): the
    // centred sheet name and the right-hand text do not run into each other on the narrower page
    print: {
      orientation: "portrait",
      subtitle: `Budget ${formatEuro(allocation.budget)} · Stand ${ctx.date}`,
      sections,
      ...(pageBreaks.length > 0 ? { pageBreaks } : {}),
    },
  };
}

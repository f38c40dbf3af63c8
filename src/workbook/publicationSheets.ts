/**
 * The sheets of the publication workbook (SPEC §7, issue 14 item 4) — a separate file, never the working
 * one: "Hinweise" (what this is, what is left out), "Verteilung" per Sozialraum, "Einrichtungen" under
 * random codes (Gesamtindex, Normbereich, strands 1 and 3, money and staff by index; no names, no Kinder
 * counts, no Träger, no set-asides of strands 2 and 4 — those per Sozialraum —, no data-sheet rows), and
 * nothing else — no data sheet, no check report (its messages name cells and Kitas), no Methode sheet (it
 * names the data sheet), no SRB store.
 *
 * Also the working workbook's "Codeschlüssel" sheet: the only place where a code meets its Kita.
 */
import type { Allocation, Band } from "../engine/allocation";
import { textColumnWidth } from "./allocationSheets";
import {
  PUBLICATION_MIN_UNITS,
  indexPart,
  publishedProposal,
  setAsideVzaeByArea,
  carriesSetAsides,
  strandsTwoFourAmountByArea,
  type Publication,
  type PublishedUnit,
} from "../engine/publication";
import { barChartBelow, columnTable, type Column } from "./columnTable";
import { PUBLISHED_INDEX_CHART_TITLE, SHARES_CHART_TITLE } from "./srbCharts";
import {
  COUNT_FORMAT,
  INDEX_FORMAT,
  MONEY_FORMAT,
  PERCENT_FORMAT,
  VZAE_FORMAT,
  formatEuro,
} from "./numberFormats";
import type { SheetCell, SheetSpec } from "./port";

/** Sheet names of the publication workbook and of the key sheet in the working workbook. */
export const PUBLICATION_SHEETS = {
  notes: "Hinweise",
  areas: "Verteilung",
  units: "Einrichtungen",
  key: "Codeschlüssel",
} as const;

const text = (value: string, bold = false): SheetCell => (bold ? { value, bold } : { value });
const num = (value: number | null | undefined, numFmt: string): SheetCell =>
  typeof value === "number" && Number.isFinite(value) ? { value, numFmt } : { value: null };
const yesNo = (flag: boolean): SheetCell => text(flag ? "ja" : "nein");
const band = (b: Band | null): SheetCell => text(b ?? "–");

export interface PublicationContext {
  /** The date of the publication, de-DE ("30.11.2026"). */
  date: string;
}

/**
 * The publication workbook's sheets.
 *
 * @example publicationSheets(allocation, publicationOf(allocation, random), { date: "30.11.2026" }).map((s) => s.name);
 * // => ["Hinweise", "Verteilung", "Einrichtungen"]
 */
export function publicationSheets(
  allocation: Allocation,
  publication: Publication,
  ctx: PublicationContext,
): SheetSpec[] {
  // without a Stellenplan: the € the Kitas' rows leave out, per Sozialraum (Hinweise and Verteilung say so)
  const strandsTwoFour = strandsTwoFourShown(allocation);
  return [
    notesSheet(allocation, publication, ctx, strandsTwoFour),
    areasSheet(allocation, strandsTwoFour),
    unitsSheet(allocation, publication),
  ];
}

function notesSheet(
  allocation: Allocation,
  publication: Publication,
  ctx: PublicationContext,
  strandsTwoFour: Map<string, number> | null,
): SheetSpec {
  const withheld = publication.withheldAreas;
  // short lines: the sheet prints as it is, one sentence a row
  const lines: string[] = [
    `Stand: ${ctx.date}. Budget: ${formatEuro(allocation.budget)}.`,
    "",
    "„Verteilung“: je Sozialraum der Sozialraum-Index, der Anteil am Budget und der Betrag.",
    "„Einrichtungen“: die Kitas nur unter Codes (E01, E02, …).",
    "Die Codes sind für diese Datei zufällig vergeben: ihre Reihenfolge folgt weder den Namen",
    "noch der Datentabelle. Jede neue Veröffentlichungsfassung vergibt neue Codes.",
    "Nicht enthalten: Namen der Kitas, Kinderzahlen, Träger und die Datentabelle.",
    ...(allocation.units.some((u) => u.plan !== undefined)
      ? [
          "Vorab-Stellen (Nachbarschaftszentrum, Strang 2; Zusatzpersonal, Strang 4) stehen nur je Sozialraum:",
          "diese Kitas sind bekannt, eine Angabe je Code würde sie benennen. Je Kita: Betrag und VZÄ nach Index.",
        ]
      : []),
    ...(strandsTwoFour !== null
      ? [
          "Kitas nur mit Nachbarschaftszentrum (Strang 2) oder Zusatzpersonal (Strang 4): ihr Betrag steht nur",
          "je Sozialraum (Verteilung); diese Kitas sind bekannt, eine Angabe je Code würde sie benennen.",
        ]
      : []),
    ...(carriesSetAsides(allocation)
      ? [
          "Fortgeschrieben ohne Kosten je VZÄ: der beschlossene Teil für Nachbarschaftszentrum (Strang 2) und",
          "Zusatzpersonal (Strang 4) steht nur je Sozialraum (Verteilung); je Kita der Betrag ohne ihn.",
        ]
      : []),
    withheld.length > 0
      ? `Ohne Angaben zu einzelnen Kitas (weniger als ${PUBLICATION_MIN_UNITS} Kitas): ${withheld.join(", ")}.`
      : `Jeder Sozialraum hat mindestens ${PUBLICATION_MIN_UNITS} Kitas; alle erscheinen mit Codes.`,
    "",
    "Methode: Für jeden Indikator ein Standardwert von 0 bis 100; gemittelt je Kategorie und zum",
    "Gesamtindex; der Sozialraum-Index bestimmt den Anteil eines Sozialraums am Budget.",
  ];
  return {
    name: PUBLICATION_SHEETS.notes,
    rows: [
      [text("Sozialraumbudget – Veröffentlichungsfassung", true)],
      [],
      ...lines.map((line) => (line === "" ? [] : [text(line)])),
    ],
    columnWidths: [100],
  };
}

type Area = Allocation["areas"][number];

/**
 * Without a Stellenplan, the € per Sozialraum of the Kitas eligible for strand 2 or 4 only, which their rows
 * leave out (`publishedProposal`); null when there is a Stellenplan or no such Kita has money.
 */
function strandsTwoFourShown(allocation: Allocation): Map<string, number> | null {
  if (allocation.units.some((u) => u.plan !== undefined)) return null;
  const byArea = strandsTwoFourAmountByArea(allocation);
  return [...byArea.values()].some((v) => v !== 0) ? byArea : null;
}

function areasSheet(allocation: Allocation, strandsTwoFour: Map<string, number> | null): SheetSpec {
  const areas = allocation.areas;
  const hasVzae = areas.some((a) => a.vzae !== null);
  const hasPlan = areas.some((a) => a.unplanned !== undefined);
  // the set-asides of strands 2 and 4, which the Kitas' rows leave out (when there are any)
  const byArea = setAsideVzaeByArea(allocation);
  const setAsides = hasVzae && [...byArea.values()].some((v) => v > 0) ? byArea : null;
  const columns: Column<Area>[] = [
    {
      key: "name",
      header: "Sozialraum",
      width: textColumnWidth(
        22,
        areas.map((a) => a.name),
      ),
      value: (a) => text(a.name),
    },
    {
      key: "units",
      header: "Einrichtungen",
      width: 13,
      value: (a) => num(a.units, COUNT_FORMAT),
      total: "sum",
    },
    { key: "index", header: "Sozialraum-Index", width: 16, value: (a) => num(a.index, INDEX_FORMAT) },
    { key: "band", header: "Normbereich", width: 13, value: (a) => band(a.band) },
    { key: "share", header: "Anteil", width: 10, value: (a) => num(a.share, PERCENT_FORMAT), total: "sum" },
    { key: "amount", header: "Betrag", width: 16, value: (a) => num(a.amount, MONEY_FORMAT), total: "cents" },
    ...(hasVzae
      ? [
          {
            key: "vzae",
            header: "VZÄ",
            width: 8,
            value: (a: Area) => num(a.vzae, VZAE_FORMAT),
            total: "sum" as const,
          },
        ]
      : []),
    ...(setAsides !== null
      ? [
          {
            key: "setAside",
            header: "davon VZÄ vorab (Strang 2 und 4)",
            width: 17,
            value: (a: Area) => num(setAsides.get(a.name) ?? 0, VZAE_FORMAT),
            total: "sum" as const,
          },
        ]
      : []),
    ...(strandsTwoFour !== null
      ? [
          {
            key: "strandsTwoFour",
            // carried forward: also the adopted set-asides' part of the other Kitas' €
            header: carriesSetAsides(allocation) ? "davon Strang 2 und 4" : "davon Kitas nur Strang 2 oder 4",
            width: 17,
            value: (a: Area) => num(strandsTwoFour.get(a.name) ?? 0, MONEY_FORMAT),
            total: "cents" as const,
          },
        ]
      : []),
    ...(hasPlan
      ? [
          {
            key: "unplanned",
            header: "nicht verplant",
            width: 15,
            value: (a: Area) => num(a.unplanned ?? 0, MONEY_FORMAT),
            total: "cents" as const,
          },
        ]
      : []),
  ];
  const table = columnTable(columns, areas);
  const spec = table.table("SRB_Verteilung");
  return {
    name: PUBLICATION_SHEETS.areas,
    rows: [...table.rows, table.total],
    columnWidths: table.widths,
    freezeRows: 1,
    ...(spec ? { tables: [spec] } : {}),
    charts:
      areas.length > 0 ? barChartBelow(table, SHARES_CHART_TITLE, "name", "share", table.lastRow + 3) : [],
  };
}

function unitsSheet(allocation: Allocation, publication: Publication): SheetSpec {
  const units = publication.units;
  const hasPlan = units.some((u) => u.unit.plan !== undefined);
  const columns: Column<PublishedUnit>[] = [
    { key: "code", header: "Einrichtung (Code)", width: 19, value: (u) => text(u.code) },
    // as wide as the longest Sozialraum name: „Kreisstadt Süd/Bahnhof“ was cut by the Gesamtindex beside it
    {
      key: "area",
      header: "Sozialraum",
      width: textColumnWidth(
        18,
        units.map((u) => u.unit.area),
      ),
      value: (u) => text(u.unit.area),
    },
    { key: "index", header: "Gesamtindex", width: 12, value: (u) => num(u.unit.index, INDEX_FORMAT) },
    { key: "band", header: "Normbereich", width: 12, value: (u) => band(u.unit.band) },
    {
      key: "sozialarbeit",
      header: "Kita-Sozialarbeit",
      width: 17,
      value: (u) => yesNo(u.unit.eligible.sozialarbeit),
    },
    {
      key: "interkulturell",
      header: "Interkulturelle Fachkräfte",
      width: 26,
      value: (u) => yesNo(u.unit.eligible.interkulturell),
    },
    // no Nachbarschaftszentrum or Zusatzpersonal per Kita, and their staff not in its € and VZÄ: those
    // Kitas are known by name (engine/publication.ts); the set-asides are shown per Sozialraum
    ...(hasPlan
      ? [
          {
            key: "amount",
            header: "Betrag nach Index",
            width: 18,
            value: (u: PublishedUnit) =>
              num(u.unit.plan ? indexPart(u.unit.plan, allocation.model).amount : 0, MONEY_FORMAT),
            total: "cents" as const,
          },
          {
            key: "vzae",
            header: "VZÄ nach Index",
            width: 15,
            value: (u: PublishedUnit) =>
              num(u.unit.plan ? indexPart(u.unit.plan, allocation.model).vzae : 0, VZAE_FORMAT),
            total: "sum" as const,
          },
        ]
      : [
          {
            key: "amount",
            header: carriesSetAsides(allocation) ? "Betrag ohne Strang 2 und 4" : "Betrag",
            width: 16,
            // a Kita eligible for strand 2 or 4 only: its € per Sozialraum, not beside its code
            value: (u: PublishedUnit) => num(publishedProposal(u.unit), MONEY_FORMAT),
            total: "cents" as const,
          },
        ]),
  ];
  const table = columnTable(columns, units);
  const spec = table.table("SRB_Einrichtungen");
  return {
    name: PUBLICATION_SHEETS.units,
    rows: [...table.rows, table.total],
    columnWidths: table.widths,
    freezeRows: 1,
    ...(spec ? { tables: [spec] } : {}),
    charts:
      units.length > 0 && allocation.units.length > 0
        ? barChartBelow(table, PUBLISHED_INDEX_CHART_TITLE, "code", "index", table.lastRow + 3)
        : [],
  };
}

/**
 * The working workbook's key to the publication's codes: confidential, never part of the publication.
 *
 * @example codeKeySheet(publication, { date: "30.11.2026", file: "Veroeffentlichung.xlsx" }).name; // => "Codeschlüssel"
 */
export function codeKeySheet(publication: Publication, ctx: { date: string; file: string }): SheetSpec {
  const columns: Column<Publication["key"][number]>[] = [
    { key: "code", header: "Code", width: 10, value: (k) => text(k.code) },
    {
      key: "id",
      header: "Einrichtung",
      width: textColumnWidth(
        34,
        publication.key.map((k) => k.id),
        40,
      ),
      value: (k) => text(k.id),
    },
    {
      key: "area",
      header: "Sozialraum",
      width: textColumnWidth(
        18,
        publication.key.map((k) => k.area),
      ),
      value: (k) => text(k.area),
    },
  ];
  const headerRow = 4;
  const table = columnTable(columns, publication.key, headerRow);
  const spec = table.table("SRB_Codeschluessel");
  return {
    name: PUBLICATION_SHEETS.key,
    rows: [
      [text("Codeschlüssel – vertraulich, nicht weitergeben", true)],
      [
        text(
          `Gehört zur Veröffentlichungsfassung „${ctx.file}“ vom ${ctx.date}. Jede neue Veröffentlichungsfassung ` +
            "vergibt neue Codes und ersetzt dieses Blatt.",
        ),
      ],
      [],
      ...table.rows,
    ],
    columnWidths: table.widths,
    freezeRows: headerRow,
    ...(spec ? { tables: [spec] } : {}),
  };
}

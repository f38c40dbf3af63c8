/**
 * A first model guessed from a data sheet, for the task pane's Daten step: the user reviews and
 * corrects it before anything is computed. Guesses are made from header words (German, as the sheets
 * of Jugendämter name their columns) and from the cell types below the header.
 *
 * - Einrichtung: a text column headed Einrichtung, Kita, Name, Kindertagesstätte, Bezeichnung
 *   (else the first text column); Sozialraum: Sozialraum, Stadtteil, Bezirk, Quartier, Planungsraum,
 *   Ortsteil; Kinder: Kinder, Anzahl Kinder, Plätze, Platzzahl, Kinder gesamt (numeric).
 * - Strand and Bremen columns by their usual words (Nachbarschaftszentrum/KNZ, Zusatzpersonal,
 *   Begründung, Verbund, neu gefördert/erstes Förderjahr, Kita-Index).
 * - Every other column holding numbers (at least half of its filled cells) is an indicator, except
 *   running numbers, postcodes and years. Category by keywords (most hits wins): Migration, nicht
 *   deutsch, Flucht, Sprache → „Flucht und Migration“; SGB II, arbeitslos, Armut, alleinerziehend,
 *   Wohn… → „Soziale Lage“; Netzwerk, ÖPNV, Infrastruktur, Angebote → „Infrastruktur und Netzwerke“;
 *   otherwise „Allgemeiner Bedarf“. Direction −1 where the header names a good thing (gut, Zugang,
 *   Angebot, Netzwerk, ÖPNV, Anbindung …) and no problem word (unzureichend, fehlend, Bedarf, …).
 * - Budget total 0 (the user fills it in); options are the defaults; rule set "rlp".
 *
 * Never throws for data; a sheet without usable columns gives a model that `checkModel` rejects
 * (empty id/area, no indicators), which is exactly what the task pane shows the user.
 */
import { columnKey, headerLabel } from "./headerKey";
import {
  DEFAULT_CATEGORIES,
  DEFAULT_OPTIONS,
  type DataMapping,
  type IndicatorSpec,
  type Model,
} from "./model";
import { isCellError, type CellValue, type RawTable } from "./table";

interface ColumnProfile {
  index: number;
  header: string;
  /** Lower case, "_" and "-" as spaces, whitespace collapsed: "Anteil_nicht_Deutsch" → "anteil nicht deutsch". */
  words: string;
  numbers: number;
  texts: number;
  filled: number;
}

const ID_EXACT = new Set([
  "einrichtung",
  "kita",
  "name",
  "kindertagesstätte",
  "kindertageseinrichtung",
  "einrichtungsname",
  "kita name",
  "name der einrichtung",
  "name der kita",
  "bezeichnung",
]);
const ID_WORDS = /einrichtung|kita|name|kindertages|bezeichnung/;
const AREA_EXACT = new Set([
  "sozialraum",
  "stadtteil",
  "bezirk",
  "quartier",
  "planungsraum",
  "ortsteil",
  "stadtbezirk",
]);
const AREA_WORDS = /sozialraum|stadtteil|bezirk|quartier|planungsraum|ortsteil/;
const CHILDREN =
  /^(anzahl (der )?)?(betreuten? |belegten? |aufgenommenen? |angemeldeten? )?(kinder|plätze|platzzahl)( gesamt| insgesamt)?$|^kinderzahl$|^kinder gesamt$/;
/** Columns that hold numbers but are no indicator. */
const NOT_INDICATOR = /^(lfd\.? ?)?nr\.?$|^nummer$|^id$|kita nr|^plz$|postleitzahl|^jahr$|telefon|^haus ?nr/;

const ROLE_PATTERNS: [keyof DataMapping, RegExp][] = [
  ["strand2", /nachbarschaftszentrum|\bknz\b|strang 2/],
  [
    "strand4Reason",
    /begründung.*(zusatzpersonal|strang 4|betriebserlaubnis)|(zusatzpersonal|strang 4|betriebserlaubnis).*begründung/,
  ],
  ["strand4", /zusatzpersonal|betriebserlaubnis|strang 4/],
  [
    "strand3Reason",
    /begründung.*(interkulturell|strang 3|ausnahme)|(interkulturell|strang 3|ausnahme).*begründung/,
  ],
  ["verbund", /^verbund/],
  ["firstYear", /erstes (förder)?jahr|neu gefördert|erstförderung|erstmals gefördert/],
  ["kitaIndex", /^kita ?index/],
];

const CATEGORY_KEYWORDS: [string, RegExp[]][] = [
  [
    "Flucht und Migration",
    [/migration/, /nicht ?deutsch/, /flucht|geflüchtet/, /sprache/, /herkunft/, /ausländ/, /zuwander/],
  ],
  [
    "Soziale Lage",
    [
      /sgb ?ii\b/,
      /arbeitslos/,
      /armut/,
      /alleinerzieh/,
      /wohn/,
      /bürgergeld|hartz|transferleistung|leistungsbezug/,
      /einkommen/,
    ],
  ],
  [
    "Infrastruktur und Netzwerke",
    [/netzwerk|vernetz/, /öpnv|nahverkehr/, /infrastruktur/, /angebot/, /verkehr/, /spielfläch|grünfläch/],
  ],
];
const GOOD_THING =
  /\bgut|zugang|angebot|netzwerk|vernetz|öpnv|nahverkehr|anbindung|erreichbar|versorgung|qualität|zufrieden/;
const PROBLEM_WORD =
  /unzureichend|fehlend|fehlt|mangel|schlecht|\bkein|problem|wenig|benachteilig|bedarf|belast|risiko|defizit|nicht vorhanden|verkehrssituation/;

function headerText(v: CellValue | undefined): string {
  if (typeof v === "string") return headerLabel(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function profile(table: RawTable): ColumnProfile[] {
  const seen = new Set<string>();
  const columns: ColumnProfile[] = [];
  table.headers.forEach((h, index) => {
    const header = headerText(h);
    const key = columnKey(header);
    if (header === "" || seen.has(key)) return; // duplicate headers: the first one counts
    seen.add(key);
    columns.push({
      index,
      header,
      words: key.replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim(),
      numbers: 0,
      texts: 0,
      filled: 0,
    });
  });
  for (const row of table.rows) {
    if (!Array.isArray(row)) continue;
    for (const col of columns) {
      const v = row[col.index];
      if (isBlank(v)) continue;
      col.filled++;
      if (typeof v === "number" && Number.isFinite(v)) col.numbers++;
      else if (typeof v === "string" && !isCellError(v)) col.texts++;
    }
  }
  return columns;
}

const isNumeric = (c: ColumnProfile) => c.numbers > 0 && c.numbers * 2 >= c.filled;
const isTextual = (c: ColumnProfile) => c.texts > 0 && c.texts * 2 >= c.filled;

/** The best column by score (> 0), leftmost on ties; null if none scores. */
function best(columns: ColumnProfile[], score: (c: ColumnProfile) => number): ColumnProfile | null {
  let pick: ColumnProfile | null = null;
  let top = 0;
  for (const c of columns) {
    const s = score(c);
    if (s > top) {
      top = s;
      pick = c;
    }
  }
  return pick;
}

/**
 * Category guessed from an indicator header: the category with the most keyword hits, ties in the
 * order Flucht und Migration, Soziale Lage, Infrastruktur und Netzwerke; none → Allgemeiner Bedarf.
 *
 * @example guessCategory("Anteil_nicht_Deutsch"); // => "Flucht und Migration"
 * @example guessCategory("Benachteiligung durch Einkommensarmut, Wohnverhältnisse, Sprache"); // => "Soziale Lage"
 */
export function guessCategory(header: string): string {
  const words = columnKey(header).replace(/[_-]+/g, " ");
  let pick = "Allgemeiner Bedarf";
  let top = 0;
  for (const [category, patterns] of CATEGORY_KEYWORDS) {
    const hits = patterns.filter((p) => p.test(words)).length;
    if (hits > top) {
      top = hits;
      pick = category;
    }
  }
  return pick;
}

/**
 * Direction guessed from an indicator header: −1 when it names a good thing (a higher value means
 * less need) and no problem word, else +1.
 *
 * @example guessDirection("Wie gut ist die ÖPNV-Anbindung?"); // => -1
 * @example guessDirection("Benachteiligung durch unzureichende Infrastruktur"); // => 1
 */
export function guessDirection(header: string): 1 | -1 {
  const words = columnKey(header).replace(/[_-]+/g, " ");
  return GOOD_THING.test(words) && !PROBLEM_WORD.test(words) ? -1 : 1;
}

/**
 * Suggests a model for a data sheet (see the module comment for the rules). The result is a proposal:
 * run `checkTable(model, table)` on it like on any model.
 *
 * @example
 * suggestModel({ sheet: "Kitas", headers: ["Kita", "Sozialraum", "Kinder", "Anteil SGB II"],
 *   rows: [["Kita A", "Nord", 50, 12.5]] }).indicators;
 * // => [{ column: "Anteil SGB II", category: "Soziale Lage", direction: 1, weight: 1 }]
 */
export function suggestModel(table: RawTable): Model {
  const columns = profile({
    ...table,
    headers: Array.isArray(table.headers) ? table.headers : [],
    rows: Array.isArray(table.rows) ? table.rows : [],
  });
  const taken = new Set<number>();
  const id =
    best(columns, (c) => (!isTextual(c) ? 0 : ID_EXACT.has(c.words) ? 3 : ID_WORDS.test(c.words) ? 2 : 0)) ??
    columns.find((c) => isTextual(c) && !AREA_WORDS.test(c.words)) ??
    null;
  if (id) taken.add(id.index);
  const area = best(columns, (c) => {
    if (taken.has(c.index)) return 0;
    if (AREA_EXACT.has(c.words)) return 3;
    if (!AREA_WORDS.test(c.words)) return 0;
    return isTextual(c) ? 2 : c.words.split(" ").length <= 2 ? 1 : 0;
  });
  if (area) taken.add(area.index);
  const children = best(columns, (c) =>
    !taken.has(c.index) && isNumeric(c) && CHILDREN.test(c.words) ? 1 : 0,
  );
  if (children) taken.add(children.index);

  const data: DataMapping = { sheet: table.sheet ?? "", id: id?.header ?? "", area: area?.header ?? "" };
  if (children) data.children = children.header;
  for (const [role, pattern] of ROLE_PATTERNS) {
    const column = columns.find((c) => !taken.has(c.index) && pattern.test(c.words));
    if (column) {
      (data as unknown as Record<string, string>)[role] = column.header;
      taken.add(column.index);
    }
  }

  const indicators: IndicatorSpec[] = columns
    .filter((c) => !taken.has(c.index) && isNumeric(c) && !NOT_INDICATOR.test(c.words))
    .map((c) => ({
      column: c.header,
      category: guessCategory(c.header),
      direction: guessDirection(c.header),
      weight: 1,
    }));
  const used = new Set(indicators.map((i) => i.category));
  return {
    data,
    indicators,
    categories: DEFAULT_CATEGORIES.filter((name) => used.has(name)).map((name) => ({ name, weight: 1 })),
    options: { ...DEFAULT_OPTIONS },
    budget: { total: 0 },
    ruleSet: "rlp",
  };
}

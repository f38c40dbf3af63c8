/**
 * German names of the model's fields for messages: a user reads „Indikator „SGB II“, Richtung“ or
 * „Spalte für Sozialraum“, never a JSON path such as `indicators[0].direction` or `data.area`.
 *
 * The check and the model file locate a problem by its JSON path (`jsonPath` in modelFile.ts); the message
 * catalogue (messages.ts) turns it into these words.
 */

/** German names of the model's column roles, for messages (also the check's, via messages.ts). */
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

const ROLES: Record<string, string> = ROLE_NAMES;

/** Field names below a top-level key (nested keys joined with "."). */
const FIELDS: Record<string, Record<string, string>> = {
  indicators: {
    column: "Spalte",
    category: "Kategorie",
    direction: "Richtung",
    weight: "Gewicht",
    label: "Anzeigename",
    goalposts: "feste Grenzwerte",
    "goalposts.min": "fester Grenzwert Minimum",
    "goalposts.max": "fester Grenzwert Maximum",
    allowNegative: "negative Werte erlaubt",
  },
  categories: { name: "Name", weight: "Gewicht" },
  options: {
    normalisation: "Normierung",
    sd: "Standardabweichung",
    areaMethod: "Berechnung des Sozialraum-Index",
    childWeighted: "Gewichtung nach Kinderzahl",
    winsorise: "Ausreißer kappen",
    goalposts: "feste Grenzwerte",
    coverage: "Datenabdeckung",
    "coverage.unit": "Datenabdeckung je Einrichtung",
    "coverage.indicator": "Datenabdeckung je Indikator",
    "coverage.level": "Datenabdeckung, Stufe",
    sockel: "Sockelbetrag",
    "sockel.fraction": "Sockelbetrag, Anteil",
    "sockel.by": "Sockelbetrag, Verteilung",
    publication: "Veröffentlichungsmodus",
  },
  budget: {
    total: "Budget",
    year: "Haushaltsjahr",
    dynamisierung: "Dynamisierung",
    "dynamisierung.baseAmount": "Dynamisierung, Ausgangsbetrag",
    "dynamisierung.baseYear": "Dynamisierung, Ausgangsjahr",
    "dynamisierung.rate": "Dynamisierung, Steigerungsrate",
    kofinanzierung: "Kofinanzierung",
    "kofinanzierung.landShare": "Kofinanzierung, Landesanteil",
    "kofinanzierung.municipalShare": "Kofinanzierung, Anteil des Jugendamts",
    costPerVzae: "Personalkosten je VZÄ",
    vzaeStep: "VZÄ-Schrittweite",
  },
  rules: {
    strand2Vzae: "VZÄ des Nachbarschaftszentrums",
    within: "Verteilung im Sozialraum",
    unspent: "Sozialräume ohne förderfähige Einrichtung",
  },
  bremen: {
    rows: "Bremer Regeltabelle",
    indexAbove: "Index über",
    childrenMin: "Kinder ab",
    childrenMax: "Kinder bis",
    vzae: "VZÄ",
    sachkosten: "Sachkostenpauschale",
    sachkostenFirstYear: "Sachkostenpauschale im ersten Jahr",
    indexPeriodYears: "Gültigkeit des Index in Jahren",
  },
};

const TOP: Record<string, string> = {
  data: "Spaltenzuordnung",
  indicators: "Indikatoren",
  categories: "Kategorien",
  options: "Optionen",
  budget: "Budget",
  ruleSet: "Regelwerk",
  bremen: "Bremer Regeln",
  strand3Category: "Kategorie für Förderstrang 3",
  rules: "Regeln des Stellenplans",
};

/** `indicators[3].goalposts.min` → ["indicators", 3, "goalposts", "min"]. */
function parsePath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return keys;
}

/**
 * The German name of a model field, from its JSON path (with the entry's name when the caller knows it).
 *
 * @example modelFieldName("data.area"); // => "Spalte für Sozialraum"
 * @example modelFieldName("indicators[0].direction", "SGB II"); // => "Indikator „SGB II“, Richtung"
 * @example modelFieldName("budget.kofinanzierung.landShare"); // => "Kofinanzierung, Landesanteil"
 */
export function modelFieldName(path: string, entryName?: string): string {
  if (path === "" || path === "(oberste Ebene)") return "Modelldatei";
  const keys = parsePath(path);
  const [top, second, ...rest] = keys;
  const quoted = (k: string | number) => `„${String(k)}“`;
  if (top === "data") {
    if (second === undefined) return TOP.data;
    if (second === "sheet") return "Datenblatt";
    if (second === "headerRow") return "Kopfzeile (Zeilennummer)";
    if (second === "range") return "Datenbereich";
    const role = ROLES[String(second)];
    return role ? `Spalte für ${role}` : `Spalte ${quoted(second)}`;
  }
  if (top === "indicators" || top === "categories") {
    const kind = top === "indicators" ? "Indikator" : "Kategorie";
    if (typeof second !== "number") return TOP[top];
    const who = entryName ? `${kind} „${entryName}“` : `${kind} ${second + 1}`;
    if (rest.length === 0) return who;
    const field = FIELDS[top][rest.join(".")] ?? rest.map(quoted).join(", ");
    return `${who}, ${field}`;
  }
  if (top === "bremen" && second === "rows" && typeof rest[0] === "number") {
    const row = `Bremer Regeltabelle, Zeile ${rest[0] + 1}`;
    return rest.length > 1 ? `${row}, ${FIELDS.bremen[String(rest[1])] ?? quoted(rest[1])}` : row;
  }
  const fields = FIELDS[String(top)];
  if (second !== undefined && fields) {
    const name = fields[[second, ...rest].join(".")];
    if (name) return top === "options" ? `Option „${name}“` : name;
  }
  if (second === undefined && TOP[String(top)]) return TOP[String(top)];
  return `Angabe ${keys.map(quoted).join(" › ")}`;
}

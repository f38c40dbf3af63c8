/**
 * Generates the sample town "Musterstadt" (made up): 32 Kitas in 8 Sozialräume, 17 indicators in the four
 * default categories, the model file, and a faulty copy with typical data errors for demos and tests.
 *
 *   node bin/run-ts.js scripts/make-sample.ts [outDir]     (default outDir: assets/sample)
 *
 * Deterministic: a seeded PRNG, fixed document dates; the same data on every run. Writes with exceljs
 * directly (not through SRB's adapter), so the sample is an independent input for SRB's tests.
 * The model is stored in the hidden `_SRB` sheet in the layout of src/workbook/store.ts.
 */
import * as path from "node:path";
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import type { Direction, Model } from "../src/engine/model";
import { encodeStore } from "../src/workbook/store";
import { STORE_SHEET } from "../src/workbook/port";
import { seededRandom } from "../src/engine/seededRandom";

/** Sozialräume with their (made-up) level of need 0–1 and the Kitas in them. */
const SOZIALRAEUME: { name: string; need: number; kitas: string[] }[] = [
  {
    name: "Nordstadt",
    need: 0.75,
    kitas: ["Kita Sonnenblume", "Kita Am Wasserturm", "Kita Regenbogen", "Kita Pusteblume", "Kita Löwenzahn"],
  },
  {
    name: "Altstadt",
    need: 0.5,
    kitas: ["Kita St. Martin", "Kita Am Stadtpark", "Kita Schatzkiste", "Kita Spatzennest"],
  },
  {
    name: "Bahnhofsviertel",
    need: 0.88,
    kitas: ["Kita Am Bahnhof", "Kita Kunterbunt", "Kita Arche Noah", "Kita Weltentdecker"],
  },
  {
    name: "Südstadt",
    need: 0.35,
    kitas: ["Kita Marienkäfer", "Kita Lindenhof", "Kita Sternschnuppe", "Kita Zwergenland"],
  },
  {
    name: "Weststadt",
    need: 0.62,
    kitas: ["Kita Wirbelwind", "Kita Abenteuerland", "Kita Sausewind", "Kita Glühwürmchen"],
  },
  {
    name: "Mühlenviertel",
    need: 0.3,
    kitas: ["Kita Mühlenzwerge", "Kita Kleine Strolche", "Kita Am Rosengarten"],
  },
  {
    name: "Oststadt",
    need: 0.45,
    kitas: ["Kita Entdeckerhaus", "Kita Waldwichtel", "Kita St. Elisabeth", "Kita Farbklecks"],
  },
  {
    name: "Gartenstadt",
    need: 0.15,
    kitas: ["Kita Gartenzwerge", "Kita Am Schlossberg", "Kita Kinderinsel", "Kita Bärenhöhle"],
  },
];

const TRAEGER = [
  "Stadt Musterstadt",
  "Ev. Kirchengemeinde",
  "Kath. Kita gGmbH",
  "AWO",
  "DRK",
  "Elterninitiative",
];

interface IndicatorDef {
  column: string;
  category: string;
  direction: Direction;
  /** Realistic range of the raw value. */
  low: number;
  high: number;
  decimals: number;
  /** How strongly the value follows the unit's need (0 = pure noise, 1 = need only). */
  coupling: number;
  /** Unit shown on the Notizen sheet. */
  unit: string;
}

const INDICATORS: IndicatorDef[] = [
  // Allgemeiner Bedarf
  ind("Anteil_U3", "Allgemeiner Bedarf", 1, 12, 35, 1, 0.3, "% der betreuten Kinder unter 3 Jahren"),
  ind("Anteil_Ganztag", "Allgemeiner Bedarf", 1, 35, 95, 1, 0.5, "% der Kinder mit Ganztagsplatz"),
  ind("Anteil_Integrationsplätze", "Allgemeiner Bedarf", 1, 0, 12, 1, 0.4, "% der Plätze"),
  ind(
    "Anteil_Förderbedarf",
    "Allgemeiner Bedarf",
    1,
    2,
    18,
    1,
    0.6,
    "% der Kinder mit festgestelltem Förderbedarf",
  ),
  // Soziale Lage
  ind(
    "Anteil_SGB_II",
    "Soziale Lage",
    1,
    4,
    55,
    1,
    0.85,
    "% der Kinder in Bedarfsgemeinschaften nach SGB II",
  ),
  ind(
    "Anteil_Alleinerziehend",
    "Soziale Lage",
    1,
    8,
    38,
    1,
    0.7,
    "% der Kinder mit einem alleinerziehenden Elternteil",
  ),
  ind("Arbeitslosenquote", "Soziale Lage", 1, 2.5, 14, 1, 0.8, "% im Einzugsgebiet"),
  ind("Anteil_Wohngeld", "Soziale Lage", 1, 2, 22, 1, 0.7, "% der Familien mit Wohngeld"),
  ind("Anteil_Beitragsbefreiung", "Soziale Lage", 1, 5, 60, 1, 0.8, "% der Kinder mit Beitragsbefreiung"),
  // Flucht und Migration
  ind(
    "Anteil_nicht_Deutsch",
    "Flucht und Migration",
    1,
    3,
    55,
    1,
    0.75,
    "% der Kinder ohne deutsche Staatsangehörigkeit",
  ),
  ind("Anteil_Familiensprache_nicht_Deutsch", "Flucht und Migration", 1, 8, 85, 1, 0.75, "% der Kinder"),
  ind(
    "Anteil_Fluchterfahrung",
    "Flucht und Migration",
    1,
    0,
    22,
    1,
    0.65,
    "% der Kinder mit Fluchterfahrung",
  ),
  ind(
    "Anteil_Sprachförderbedarf",
    "Flucht und Migration",
    1,
    10,
    65,
    1,
    0.7,
    "% der Kinder (Sprachstandserhebung)",
  ),
  // Infrastruktur und Netzwerke (three of them reversed: a higher value means less need)
  ind("ÖPNV_Anbindung", "Infrastruktur und Netzwerke", -1, 1, 10, 0, 0.5, "Punkte 1–10 (10 = sehr gut)"),
  ind(
    "Angebote_Familienbildung",
    "Infrastruktur und Netzwerke",
    -1,
    0,
    14,
    0,
    0.5,
    "Angebote im Umkreis von 1 km",
  ),
  ind(
    "Entfernung_Beratungsstelle_km",
    "Infrastruktur und Netzwerke",
    1,
    0.3,
    7.5,
    1,
    0.4,
    "km zur nächsten Erziehungsberatung",
  ),
  ind(
    "Spielfläche_je_Kind_qm",
    "Infrastruktur und Netzwerke",
    -1,
    0.5,
    6,
    1,
    0.5,
    "m² öffentliche Spielfläche je Kind",
  ),
];

function ind(
  column: string,
  category: string,
  direction: Direction,
  low: number,
  high: number,
  decimals: number,
  coupling: number,
  unit: string,
): IndicatorDef {
  return { column, category, direction, low, high, decimals, coupling, unit };
}

/** Blank cells in the correct sample (missing values, skipped per §2.4): [unit index, column]. */
const BLANKS: [number, string][] = [
  [6, "Anteil_Wohngeld"],
  [12, "Anteil_Fluchterfahrung"],
  [19, "Entfernung_Beratungsstelle_km"],
];

/** Units flagged for strand 4, with their justification ("" = flag without a reason: not eligible). */
const ZUSATZPERSONAL: Record<string, string> = {
  "Kita Arche Noah": "Betriebserlaubnis: zwei Kinder mit erhöhtem Pflegebedarf",
  "Kita Wirbelwind": "Auflage des Landesjugendamts nach Gruppenerweiterung",
  "Kita Regenbogen": "",
};

/** Requested strand-4 VZÄ (blank: one step); only units with a justification are funded. */
const ZUSATZPERSONAL_VZAE: Record<string, number> = {
  "Kita Arche Noah": 0.75,
  "Kita Wirbelwind": 0.5,
};

/** The one Kommunikations- und Nachbarschaftszentrum per Sozialraum (strand 2). */
const NACHBARSCHAFTSZENTRUM = new Set([
  "Kita Am Wasserturm",
  "Kita St. Martin",
  "Kita Am Bahnhof",
  "Kita Lindenhof",
  "Kita Abenteuerland",
  "Kita Mühlenzwerge",
  "Kita Entdeckerhaus",
  "Kita Kinderinsel",
]);

export const SAMPLE_SHEET = "Kitas";
export const ID_COLUMN = "Einrichtung";
export const AREA_COLUMN = "Sozialraum";
export const CHILDREN_COLUMN = "Kinder";

/** Header of the data sheet, in sheet order. */
export const HEADERS: string[] = [
  ID_COLUMN,
  AREA_COLUMN,
  CHILDREN_COLUMN,
  ...INDICATORS.map((i) => i.column),
  "Nachbarschaftszentrum",
  "Zusatzpersonal",
  "Begründung_Zusatzpersonal",
  "VZÄ_Zusatzpersonal",
  "Träger",
];

type SampleCell = ExcelJS.CellValue;

/** The data rows of Musterstadt (without header), deterministic. */
export function sampleRows(seed = 2022): SampleCell[][] {
  const random = seededRandom(seed);
  const rows: SampleCell[][] = [];
  let unitIndex = 0;
  for (const area of SOZIALRAEUME) {
    for (const kita of area.kitas) {
      const need = clamp01(area.need + (random() - 0.5) * 0.3);
      const children = Math.round(25 + random() * 135);
      const values = INDICATORS.map((def) => {
        const blank = BLANKS.some(([u, c]) => u === unitIndex && c === def.column);
        const noise = random();
        if (blank) return null;
        const level = clamp01(def.coupling * need + (1 - def.coupling) * noise);
        const position = def.direction === 1 ? level : 1 - level;
        return round(def.low + (def.high - def.low) * position, def.decimals);
      });
      const reason = ZUSATZPERSONAL[kita];
      rows.push([
        kita,
        area.name,
        children,
        ...values,
        NACHBARSCHAFTSZENTRUM.has(kita) ? "ja" : null,
        reason === undefined ? null : "ja",
        reason ? reason : null,
        ZUSATZPERSONAL_VZAE[kita] ?? null,
        TRAEGER[Math.floor(random() * TRAEGER.length)],
      ]);
      unitIndex++;
    }
  }
  return rows;
}

/** The Musterstadt model (also written as musterstadt.srb.json and stored in the workbook). */
export function sampleModel(): Model {
  const categories = [...new Set(INDICATORS.map((i) => i.category))];
  return {
    data: {
      sheet: SAMPLE_SHEET,
      id: ID_COLUMN,
      area: AREA_COLUMN,
      children: CHILDREN_COLUMN,
      strand2: "Nachbarschaftszentrum",
      strand4: "Zusatzpersonal",
      strand4Reason: "Begründung_Zusatzpersonal",
      strand4Vzae: "VZÄ_Zusatzpersonal",
      traeger: "Träger",
    },
    indicators: INDICATORS.map((i) => ({
      column: i.column,
      category: i.category,
      direction: i.direction,
      weight: 1,
    })),
    categories: categories.map((name) => ({ name, weight: 1 })),
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: {
      total: 1002240,
      year: 2022,
      kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
      costPerVzae: 72000,
      vzaeStep: 0.25,
    },
  };
}

/** A fault planted in the faulty sample: where, what, and the issue SRB must report. */
export interface PlantedFault {
  /** 0-based data row (sheet row = index + 2). */
  unit: number;
  column: string;
  value: SampleCell;
  what: string;
}

/** The typical errors of Musterstadt-fehlerhaft.xlsx. */
export const PLANTED_FAULTS: PlantedFault[] = [
  { unit: 9, column: "Anteil_Beitragsbefreiung", value: "k.A.", what: "Text „k.A.“ statt einer Zahl" },
  { unit: 3, column: "Anteil_nicht_Deutsch", value: "12,5", what: "Zahl als Text mit Dezimalkomma" },
  {
    unit: 18,
    column: "Arbeitslosenquote",
    value: { error: "#N/A" } as ExcelJS.CellErrorValue,
    what: "Fehlerwert #NV",
  },
  { unit: 23, column: ID_COLUMN, value: "Kita Schatzkiste", what: "doppelter Name der Einrichtung" },
  { unit: 28, column: AREA_COLUMN, value: null, what: "Sozialraum fehlt" },
];

/** The faulty rows: the correct ones with PLANTED_FAULTS applied. */
export function faultyRows(seed = 2022): SampleCell[][] {
  const rows = sampleRows(seed).map((r) => [...r]);
  for (const fault of PLANTED_FAULTS) rows[fault.unit][HEADERS.indexOf(fault.column)] = fault.value;
  return rows;
}

/** Writes one sample workbook: "Kitas", "Notizen", and the hidden store sheet with the model. */
export async function writeSampleWorkbook(
  file: string,
  rows: SampleCell[][],
  model: Model,
  notes: string[],
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const fixedDate = new Date(Date.UTC(2022, 0, 1));
  workbook.creator = "SRB make-sample";
  workbook.lastModifiedBy = "SRB make-sample";
  workbook.created = fixedDate;
  workbook.modified = fixedDate;

  const sheet = workbook.addWorksheet(SAMPLE_SHEET, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  HEADERS.forEach((header, c) => {
    const column = sheet.getColumn(c + 1);
    column.width = c === 0 ? 26 : Math.min(Math.max(header.length + 2, 10), 34);
    const def = INDICATORS.find((i) => i.column === header);
    if (def) column.numFmt = def.decimals === 0 ? "0" : "0.0";
  });

  const notizen = workbook.addWorksheet("Notizen");
  notizen.getColumn(1).width = 100;
  for (const line of notes) notizen.addRow([line]);
  notizen.getRow(1).font = { bold: true };

  const store = workbook.addWorksheet(STORE_SHEET, { state: "veryHidden" });
  for (const row of encodeStore({ generated: [], model })) store.addRow(row);

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, fixZipTimestamps(buffer));
}

/**
 * The zip writer stamps every entry with the current time, so two runs would differ in bytes and the
 * committed samples would change on every run. This sets the DOS date/time of every entry (central
 * directory and local header; they are not part of the CRC) to 2022-01-01 00:00.
 */
export function fixZipTimestamps(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const dosTime = 0;
  const dosDate = ((2022 - 1980) << 9) | (1 << 5) | 1;
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("make-sample: kein Zip-Verzeichnis gefunden");
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error("make-sample: Zip-Verzeichnis beschädigt");
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

function notes(faulty: boolean): string[] {
  return [
    "Musterstadt – erfundene Beispieldaten für SRB (keine echte Stadt, keine echten Einrichtungen)",
    "",
    "32 Kitas in 8 Sozialräumen. Anteile in Prozent (z. B. 23,4 = 23,4 %).",
    "Leere Zellen sind fehlende Werte: der Indikator wird für diese Einrichtung ausgelassen.",
    "Umgekehrte Richtung (höherer Wert = weniger Bedarf): ÖPNV_Anbindung, Angebote_Familienbildung, Spielfläche_je_Kind_qm.",
    "Nachbarschaftszentrum: je Sozialraum eine Einrichtung (Förderstrang 2).",
    "Zusatzpersonal: nur mit Begründung förderfähig (Förderstrang 4); VZÄ_Zusatzpersonal = angefragte VZÄ (leer: 0,25).",
    "Träger: für die Übersicht je Träger im Stellenplan (Blatt „Einrichtungen“).",
    "Budget 2022: 1.002.240 € (Landesmittel, 60 % der Personalkosten), Kosten je VZÄ 72.000 €.",
    "",
    "Indikatoren:",
    ...INDICATORS.map(
      (i) => `  ${i.column} (${i.category}, Richtung ${i.direction === 1 ? "+1" : "−1"}): ${i.unit}`,
    ),
    "",
    ...(faulty
      ? [
          "Diese Fassung enthält absichtlich typische Fehler (für Vorführung und Tests):",
          ...PLANTED_FAULTS.map((f) => `  Zeile ${f.unit + 2}, Spalte ${f.column}: ${f.what}`),
        ]
      : ["Dieses Blatt gehört den Nutzerinnen und Nutzern: SRB liest und verändert es nie."]),
  ];
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Generates all sample files into `outDir`. */
export async function makeSample(outDir: string): Promise<string[]> {
  const model = sampleModel();
  const files = [
    path.join(outDir, "Musterstadt.xlsx"),
    path.join(outDir, "Musterstadt-fehlerhaft.xlsx"),
    path.join(outDir, "musterstadt.srb.json"),
  ];
  await writeSampleWorkbook(files[0], sampleRows(), model, notes(false));
  await writeSampleWorkbook(files[1], faultyRows(), model, notes(true));
  await fs.writeFile(files[2], JSON.stringify(model, null, 2) + "\n", "utf8");
  return files;
}

// Run as a script (bin/run-ts.js puts this file in argv[1]); importing it from a test does nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "assets", "sample"));
  makeSample(outDir).then(
    (files) => {
      for (const f of files) process.stdout.write(`geschrieben: ${path.relative(process.cwd(), f)}\n`);
    },
    (e) => {
      process.stderr.write(`make-sample: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * The sample town's next year (Fortschreibung fixture, SPEC.md §5a): Musterstadt one year after the
 * decision on the sample, with exactly these events —
 *
 * - **Kita Farbklecks** (Oststadt) closes;
 * - **Kita Neue Mitte** opens in the Altstadt (its data are those of Kita Schatzkiste, 60 Kinder);
 * - the **Weststadt** grows in need: in its four Kitas the Soziale-Lage indicators rise (SGB II +16,
 *   Alleinerziehend +8, Arbeitslosenquote +4, Wohngeld +6, Beitragsbefreiung +16 percentage points);
 * - two Kitas cross the lower bound of the norm band: **Kita Kleine Strolche** (Mühlenviertel) falls below
 *   it, **Kita Lindenhof** (Südstadt) rises above it;
 * - the budget grows by the Dynamisierung (2.5 %: 1,002,240 € → 1,027,296 €), the year is 2023, and fixed
 *   goalposts are switched on, so the adopted year's min and max are the reference (SPEC §5a).
 *
 *   node bin/run-ts.js scripts/make-next-year.ts [outDir]     (default outDir: assets/sample)
 *
 * writes `Musterstadt-Folgejahr.xlsx`. What SRB must find when it compares this year with the adopted
 * sample is listed in `NEXT_YEAR_EXPECTED` (the tests hold SRB to it).
 */
import * as path from "node:path";
import type { Model } from "../src/engine/model";
import { HEADERS, sampleModel, sampleRows, writeSampleWorkbook } from "./make-sample";

type Row = ReturnType<typeof sampleRows>[number];

export const CLOSED_KITA = "Kita Farbklecks";
export const OPENED_KITA = "Kita Neue Mitte";
export const GROWING_AREA = "Weststadt";
export const FALLS_BELOW = "Kita Kleine Strolche";
export const RISES_ABOVE = "Kita Lindenhof";
export const NEXT_YEAR_BUDGET = 1027296;

const SOZIALE_LAGE = [
  "Anteil_SGB_II",
  "Anteil_Alleinerziehend",
  "Arbeitslosenquote",
  "Anteil_Wohngeld",
  "Anteil_Beitragsbefreiung",
];

function shifted(row: Row, deltas: readonly number[]): Row {
  const out = [...row];
  SOZIALE_LAGE.forEach((header, k) => {
    const c = HEADERS.indexOf(header);
    const value = out[c];
    if (typeof value === "number") out[c] = Math.round((value + deltas[k]) * 10) / 10;
  });
  return out;
}

/** The next year's data rows (same columns as the sample), deterministic. */
export function nextYearRows(rows: readonly Row[] = sampleRows()): Row[] {
  const id = (r: Row) => r[0];
  const next: Row[] = [];
  for (const row of rows) {
    if (id(row) === CLOSED_KITA) continue;
    let r = [...row];
    if (r[1] === GROWING_AREA) r = shifted(r, [16, 8, 4, 6, 16]);
    if (id(r) === FALLS_BELOW) r = shifted(r, [-4, -3, -1, -2, -5]);
    if (id(r) === RISES_ABOVE) r = shifted(r, [6, 4, 1.5, 3, 7]);
    next.push(r);
    if (id(r) === "Kita Spatzennest") {
      const template = rows.find((x) => id(x) === "Kita Schatzkiste");
      if (template) {
        const opened = [...template];
        opened[0] = OPENED_KITA;
        opened[HEADERS.indexOf("Kinder")] = 60;
        opened[HEADERS.indexOf("Nachbarschaftszentrum")] = null;
        next.push(opened);
      }
    }
  }
  return next;
}

/** The next year's model: the sample model, year 2023, the grown budget, fixed goalposts on. */
export function nextYearModel(): Model {
  const model = sampleModel();
  return {
    ...model,
    options: { ...model.options, goalposts: true },
    budget: { ...model.budget, total: NEXT_YEAR_BUDGET, year: 2023 },
  };
}

/**
 * What comparing the next year with the adopted sample must show, exactly: the new and gone Kitas, the
 * Kitas entering and leaving each strand, the Kitas whose band changed, the Sozialraum with the biggest
 * change of its share, and the summary line.
 */
export const NEXT_YEAR_EXPECTED = {
  neu: [OPENED_KITA],
  entfallen: [CLOSED_KITA],
  entered: { sozialarbeit: [OPENED_KITA, RISES_ABOVE] },
  left: { sozialarbeit: [CLOSED_KITA, FALLS_BELOW] },
  bandChanged: ["Kita Arche Noah", "Kita Glühwürmchen", FALLS_BELOW, RISES_ABOVE],
  biggestArea: GROWING_AREA,
  summary:
    "2 Kitas neu in Förderstrang 1, 2 entfallen; 1 Kita hinzugekommen, 1 Kita weggefallen; größte Veränderung: Sozialraum Weststadt +1,9 Prozentpunkte",
} as const;

function notes(): string[] {
  return [
    "Musterstadt im Folgejahr – erfundene Beispieldaten für SRB (Fortschreibung)",
    "",
    `Gegenüber dem Beschluss auf Musterstadt.xlsx: ${CLOSED_KITA} ist geschlossen, ${OPENED_KITA} (Altstadt) neu eröffnet,`,
    `in der ${GROWING_AREA} ist die soziale Lage schwieriger geworden, ${FALLS_BELOW} liegt jetzt unter,`,
    `${RISES_ABOVE} über der unteren Normbereichsgrenze. Budget 2023: 1.027.296 € (Dynamisierung 2,5 %).`,
    "Feste Grenzwerte sind eingeschaltet: Min und Max der Indikatoren kommen aus dem Beschlussjahr.",
    "",
    "Dieses Blatt gehört den Nutzerinnen und Nutzern: SRB liest und verändert es nie.",
  ];
}

/** Writes `Musterstadt-Folgejahr.xlsx` into `outDir`. */
export async function makeNextYear(outDir: string): Promise<string> {
  const file = path.join(outDir, "Musterstadt-Folgejahr.xlsx");
  await writeSampleWorkbook(file, nextYearRows(), nextYearModel(), notes());
  return file;
}

// Run as a script (bin/run-ts.js puts this file in argv[1]); importing it from a test does nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "assets", "sample"));
  makeNextYear(outDir).then(
    (file) => process.stdout.write(`geschrieben: ${path.relative(process.cwd(), file)}\n`),
    (e) => {
      process.stderr.write(`make-next-year: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * The "Veränderungen" sheet (SPEC.md §5a, §7): what changed since the adopted allocation — the summary line
 * at the top, then the Sozialräume (share before and after, Δ in percentage points, Δ €) and the
 * Einrichtungen (status, Gesamtindex and band before and after, strands entered and left, Δ €, Δ VZÄ,
 * neu gefördert), both sorted so that the biggest changes come first (the order of `compareAllocations`).
 *
 * Every Δ column is a formula over the before/after cells of its row, with the engine's value as its cached
 * result, so Excel and LibreOffice recalculate it to the stored value; the Sozialraum block ends in a total
 * row of SUM formulas.
 */
import type { Band } from "../engine/allocation";
import type { Changes, Strand, UnitStatus } from "../engine/changes";
import { formatEuro } from "../engine/germanFormat";
import { columnLetters } from "../engine/table";
import { textColumnWidth } from "./allocationSheets";
import { INDEX_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, VZAE_FORMAT } from "./numberFormats";
import type { SheetCell, SheetSpec, TableSpec } from "./port";
import { oneLineWidth } from "./textWidth";

/** Name of the sheet (the adapters may add " (2)" on a clash with a user sheet). */
export const CHANGES_SHEET = "Veränderungen";

/** Δ share in percentage points: `(after − before) · 100`, signed. */
const POINTS_FORMAT = '+0.00" Pp";-0.00" Pp";0.00" Pp"';
const DELTA_MONEY_FORMAT = '+#,##0.00 "€";-#,##0.00 "€";0.00 "€"';
const DELTA_INDEX_FORMAT = "+0.0;-0.0;0.0";
const DELTA_VZAE_FORMAT = "+0.00;-0.00;0.00";

/** The strands as the sheets name them. */
export const STRAND_LABELS: Record<Strand, string> = {
  sozialarbeit: "1 Kita-Sozialarbeit",
  nachbarschaftszentrum: "2 Nachbarschaftszentrum",
  interkulturell: "3 Interkulturelle Fachkräfte",
  zusatzpersonal: "4 Zusatzpersonal",
};

const STATUS_TEXT: Record<UnitStatus, string> = {
  neu: "neu",
  entfallen: "entfallen",
  geblieben: "geblieben",
};

const text = (value: string, bold = false): SheetCell => (bold ? { value, bold } : { value });
const num = (value: number | null, numFmt: string): SheetCell =>
  value === null || !Number.isFinite(value) ? { value: null } : { value, numFmt };
const formula = (f: string, cached: number, numFmt: string, bold = false): SheetCell =>
  bold ? { value: cached, formula: f, numFmt, bold } : { value: cached, formula: f, numFmt };
const band = (b: Band | null): SheetCell => text(b ?? "–");
// wrapped within its column: „1 Kita-Sozialarbeit, 3 Interkulturelle Fachkräfte“ was cut by the Betrag beside it
const strands = (list: readonly Strand[]): SheetCell => ({
  value: list.map((s) => STRAND_LABELS[s]).join(", "),
  wrap: true,
});

export interface ChangesSheetContext {
  /** What the comparison is against, e.g. "Beschluss vom 15.03.2022" or "ergebnis-2026.json". */
  against: string;
  /** The summary line (`changeSummary`). */
  summary: string;
  /** A unit's name as the sheets show it (its code in publication mode). */
  unitName: (id: string) => string;
}

/** Header rows of the two blocks (1-based), for tests and tables. */
export interface ChangesSheetLayout {
  areaHeaderRow: number;
  areaLastRow: number;
  areaTotalRow: number;
  unitHeaderRow: number;
  unitLastRow: number;
}

export const AREA_HEADERS = [
  "Sozialraum",
  "Status",
  "Anteil vorher",
  "Anteil jetzt",
  "Δ Anteil",
  "Betrag vorher",
  "Betrag jetzt",
  "Δ Betrag",
] as const;

export const UNIT_HEADERS = [
  "Einrichtung",
  "Sozialraum",
  "Status",
  "Gesamtindex vorher",
  "Gesamtindex jetzt",
  "Δ Gesamtindex",
  "Band vorher",
  "Band jetzt",
  "Förderstränge neu",
  "Förderstränge entfallen",
  "Betrag vorher",
  "Betrag jetzt",
  "Δ Betrag",
  "VZÄ vorher",
  "VZÄ jetzt",
  "Δ VZÄ",
  "Neu gefördert",
] as const;

/**
 * Where the blocks sit for a comparison with `areas` Sozialräume and `units` Einrichtungen.
 *
 * @example changesSheetLayout(8, 33); // => { areaHeaderRow: 4, areaLastRow: 12, areaTotalRow: 13, unitHeaderRow: 15, unitLastRow: 48 }
 */
export function changesSheetLayout(areas: number, units: number): ChangesSheetLayout {
  const areaHeaderRow = 4;
  const areaLastRow = areaHeaderRow + areas;
  const areaTotalRow = areaLastRow + 1;
  const unitHeaderRow = areaTotalRow + 2;
  return { areaHeaderRow, areaLastRow, areaTotalRow, unitHeaderRow, unitLastRow: unitHeaderRow + units };
}

/**
 * `widths` widened where an amount in € would not fit: a cut number shows as „###“ in Excel and Calc (the
 * Sozialräume's „Betrag jetzt“ shares column G with the Kitas' narrow „Band jetzt“; a budget of millions
 * needs more than 12 characters).
 *
 * @example fittingAmounts([[{ value: 1027296, numFmt: MONEY_FORMAT, bold: true }]], [12])[0]; // => 16
 */
export function fittingAmounts(rows: readonly SheetCell[][], widths: readonly number[]): number[] {
  const fitted = [...widths];
  for (const line of rows)
    line.forEach((cell, c) => {
      if (typeof cell.value !== "number") return;
      const signed = cell.numFmt === DELTA_MONEY_FORMAT;
      if (cell.numFmt !== MONEY_FORMAT && !signed) return;
      // the whole amount on one line
      const needed = oneLineWidth(formatEuro(cell.value, signed), cell.bold === true);
      if (needed > (fitted[c] ?? 0)) fitted[c] = needed;
    });
  return fitted;
}

/**
 * The Veränderungen sheet of a comparison.
 *
 * @example
 * const spec = changesSheet(changes, { against: "Beschluss vom 15.03.2022", summary, unitName: (id) => id });
 * spec.rows[1][0].value; // => the summary line
 */
export function changesSheet(changes: Changes, ctx: ChangesSheetContext): SheetSpec {
  const layout = changesSheetLayout(changes.areas.length, changes.units.length);
  const rows: SheetCell[][] = [];
  rows.push([text(`Veränderungen gegenüber: ${ctx.against}`, true)]);
  rows.push([text(ctx.summary)]);
  rows.push([]);

  // ── Sozialräume ──────────────────────────────────────────────────────────────────────────────────────
  rows.push(AREA_HEADERS.map((h) => text(h, true)));
  changes.areas.forEach((a, k) => {
    const r = layout.areaHeaderRow + 1 + k;
    rows.push([
      text(a.name),
      text(STATUS_TEXT[a.status]),
      num(a.shareBefore, PERCENT_FORMAT),
      num(a.shareAfter, PERCENT_FORMAT),
      formula(`(D${r}-C${r})*100`, (a.shareAfter - a.shareBefore) * 100, POINTS_FORMAT),
      num(a.amountBefore, MONEY_FORMAT),
      num(a.amountAfter, MONEY_FORMAT),
      formula(`G${r}-F${r}`, a.amountAfter - a.amountBefore, DELTA_MONEY_FORMAT),
    ]);
  });
  const first = layout.areaHeaderRow + 1;
  const last = layout.areaLastRow;
  const sum = (column: number, cached: number, numFmt: string): SheetCell => {
    const c = columnLetters(column);
    return changes.areas.length === 0
      ? num(0, numFmt)
      : formula(`SUM(${c}${first}:${c}${last})`, cached, numFmt, true);
  };
  const total = (pick: (a: Changes["areas"][number]) => number) =>
    changes.areas.reduce((s, a) => s + pick(a), 0);
  const centTotal = (pick: (a: Changes["areas"][number]) => number) =>
    changes.areas.reduce((s, a) => s + Math.round(pick(a) * 100), 0) / 100;
  rows.push([
    text("Summe", true),
    text(""),
    sum(
      3,
      total((a) => a.shareBefore),
      PERCENT_FORMAT,
    ),
    sum(
      4,
      total((a) => a.shareAfter),
      PERCENT_FORMAT,
    ),
    // the shares before and after each add up to 100 %, so the points add up to 0 – but their float sum can
    // be -0,000000000000007, which the format prints as „-0,00 Pp“: rounded to the shown two places
    changes.areas.length === 0
      ? num(0, POINTS_FORMAT)
      : formula(
          `ROUND(SUM(E${first}:E${last}),2)`,
          Math.round(total((a) => (a.shareAfter - a.shareBefore) * 100) * 100) / 100 || 0,
          POINTS_FORMAT,
          true,
        ),
    sum(
      6,
      centTotal((a) => a.amountBefore),
      MONEY_FORMAT,
    ),
    sum(
      7,
      centTotal((a) => a.amountAfter),
      MONEY_FORMAT,
    ),
    sum(8, centTotal((a) => a.amountAfter) - centTotal((a) => a.amountBefore), DELTA_MONEY_FORMAT),
  ]);
  rows.push([]);

  // ── Einrichtungen ────────────────────────────────────────────────────────────────────────────────────
  rows.push(UNIT_HEADERS.map((h) => text(h, true)));
  changes.units.forEach((u, k) => {
    const r = layout.unitHeaderRow + 1 + k;
    const hasIndexDelta = u.indexBefore !== null && u.indexAfter !== null;
    // a new Kita had 0 VZÄ before, a gone one has 0 now (when the other side knows VZÄ)
    const vzaeBefore = u.vzaeBefore ?? (u.status === "neu" && u.vzaeAfter !== null ? 0 : null);
    const vzaeAfter = u.vzaeAfter ?? (u.status === "entfallen" && u.vzaeBefore !== null ? 0 : null);
    rows.push([
      text(ctx.unitName(u.id)),
      text(u.area),
      text(STATUS_TEXT[u.status]),
      num(u.indexBefore, INDEX_FORMAT),
      num(u.indexAfter, INDEX_FORMAT),
      hasIndexDelta
        ? formula(`E${r}-D${r}`, (u.indexAfter as number) - (u.indexBefore as number), DELTA_INDEX_FORMAT)
        : { value: null },
      band(u.bandBefore),
      band(u.bandAfter),
      strands(u.entered),
      strands(u.left),
      num(u.amountBefore, MONEY_FORMAT),
      num(u.amountAfter, MONEY_FORMAT),
      formula(`L${r}-K${r}`, u.amountAfter - u.amountBefore, DELTA_MONEY_FORMAT),
      num(vzaeBefore, VZAE_FORMAT),
      num(vzaeAfter, VZAE_FORMAT),
      vzaeBefore !== null && vzaeAfter !== null
        ? formula(`O${r}-N${r}`, vzaeAfter - vzaeBefore, DELTA_VZAE_FORMAT)
        : { value: null },
      text(u.newlyFunded ? "ja" : ""),
    ]);
  });

  // result tables with stable names, so a user's structured references survive a re-run
  const tables: TableSpec[] = [];
  if (changes.areas.length > 0)
    tables.push({
      name: "SRB_Veraenderungen_Sozialraeume",
      headerRow: layout.areaHeaderRow,
      lastRow: layout.areaLastRow,
      firstColumn: 1,
      lastColumn: AREA_HEADERS.length,
    });
  if (changes.units.length > 0)
    tables.push({
      name: "SRB_Veraenderungen_Einrichtungen",
      headerRow: layout.unitHeaderRow,
      lastRow: layout.unitLastRow,
      firstColumn: 1,
      lastColumn: UNIT_HEADERS.length,
    });
  return {
    name: CHANGES_SHEET,
    rows,
    tables,
    columnWidths: fittingAmounts(rows, [
      30,
      // Status of a Sozialraum above, the Sozialraum of a Kita below: as wide as its longest name
      textColumnWidth(
        18,
        changes.units.map((u) => u.area),
      ),
      ...[12, 14, 14, 14, 12, 12, 30, 30, 16, 16, 16, 10, 10, 10, 14],
    ]),
    freezeRows: 0,
  };
}

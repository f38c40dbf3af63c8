/**
 * The allocation workbook (SPEC.md §7): turns an `Allocation` into the generated sheets Verteilung,
 * Einrichtungen, Normbereiche, Prüfbericht and Methode. Pure; both workbook adapters write the result.
 *
 * Totals are `SUM(...)` formulas (with the engine's value as cached result), so the user sees how they are
 * made and Excel recomputes them when a figure is overridden. Formulas only refer to cells on their own
 * sheet: a generated sheet may be renamed on a clash ("Verteilung (2)"), and a cross-sheet reference
 * would then point at the user's sheet.
 */
import type { Allocation, AreaResult, Band, NormBand, UnitResult } from "../engine/allocation";
import { categoryIndexAt, categoryPosition } from "../engine/categoryIndices";
import type { Issue } from "../engine/issues";
import type { AreaMethod, ResolvedModel } from "../engine/model";
import { NO_TRAEGER } from "../engine/traegerSummary";
import {
  OVERRIDE_HEADERS,
  overriddenPlan,
  type CountingPlan,
  type CountingUnit,
  type StrandOverrides,
} from "../engine/strandOverrides";
import { columnLetters } from "../engine/table";
import {
  COUNT_FORMAT,
  INDEX_FORMAT,
  MONEY_FORMAT,
  PERCENT_FORMAT,
  VZAE_FORMAT,
  WEIGHT_FORMAT,
  YEAR_FORMAT,
  formatEuro,
  formatNumber,
} from "./numberFormats";
import type { SheetCell, SheetSpec } from "./port";
import {
  barChartBelow,
  columnTable,
  sumWhereEqual,
  type CellPlace,
  type Column,
  type ColumnTable,
} from "./columnTable";
import { INDEX_CHART_TITLE, SHARES_CHART_TITLE } from "./srbCharts";
import { oneLineWidth, wrapText } from "./textWidth";
import { pseudonymiser } from "../engine/pseudonymiser";

/** The pseudonymiser is a domain rule and lives in the engine; re-exported for existing callers. */
export { pseudonymiser };

export interface AllocationSheetsContext {
  /** Input range, e.g. "Kitas!A1:T33". */
  inputRange: string;
  /** SHA-256 of the input values (see checksum.ts). */
  checksum: string;
  /** Date of the run, as the user should read it (e.g. "2024-05-17" or "17.05.2024"). */
  date: string;
  /** SRB version. */
  version: string;
  /** Every issue of the run (model, check and engine), each once; the Prüfbericht lists errors first. */
  issues: readonly Issue[];
  /** Publication mode: unit names → neutral codes everywhere. Default: the model's option. */
  publication?: boolean;
  /**
   * Angepasste VZÄ je Strang read back from the earlier Einrichtungen sheet (`readStrandOverrides`): written
   * into their cells, and every total and „nicht verplant“ follows them. Default: none.
   */
  strandOverrides?: StrandOverrides;
  /**
   * The plan that counts (`overriddenPlan` of the allocation and `strandOverrides`), when the caller has it
   * already (generate.ts computes it once for this sheet and the Vorlage). Default: computed here.
   */
  counting?: CountingPlan;
}

/** Names of the generated sheets (the adapters may add " (2)" on a clash with a user sheet). */
export const SHEET_NAMES = {
  verteilung: "Verteilung",
  einrichtungen: "Einrichtungen",
  normbereiche: "Normbereiche",
  pruefbericht: "Prüfbericht",
  methode: "Methode",
} as const;

/** Stable names of the result tables (Excel tables), for the user's structured references. */
export const TABLE_NAMES = {
  verteilung: "SRB_Verteilung",
  einrichtungen: "SRB_Einrichtungen",
  normbereiche: "SRB_Normbereiche",
  pruefbericht: "SRB_Pruefbericht",
} as const;

const BAND_TEXT: Record<Band, string> = {
  oberhalb: "oberhalb",
  innerhalb: "innerhalb",
  unterhalb: "unterhalb",
};

// --- cell helpers -------------------------------------------------------------------------------------

function text(value: string, bold = false): SheetCell {
  return bold ? { value, bold } : { value };
}
/**
 * A cell set at the top of its row, as a wrapped cell is (its style is top-aligned): on the first line of a
 * row that a wrapped label or text makes taller, not at its foot, where it reads as the row below's.
 *
 * @example topAligned({ value: 2500, numFmt: MONEY_FORMAT }); // => { value: 2500, numFmt: MONEY_FORMAT, wrap: true }
 */
export function topAligned(cell: SheetCell): SheetCell {
  return cell.wrap === true ? cell : { ...cell, wrap: true };
}

/**
 * The body rows of a table, every cell top-aligned when a row holds a wrapped text: a Bremen Begründung takes
 * two or three lines, and the Kita's name and figures stand on its first line beside it. Header and total
 * rows stay as they are.
 */
function topAlignedRows(table: ColumnTable): SheetCell[][] {
  return table.rows.map((row, i) =>
    i === 0 || !row.some((c) => c?.wrap === true)
      ? row
      : row.map((c) => (c === undefined ? c : topAligned(c))),
  );
}

/** A label wrapped within its column (the row grows), never cut by the value beside it. */
function label(value: string): SheetCell {
  return { value, wrap: true };
}

/**
 * A text column as wide as its longest entry at Calibri 11 (plus a character's room), at least `min` and
 * at most `max` characters: a Träger or Sozialraum name is printed whole, not cut by the next column.
 *
 * @example textColumnWidth(16, ["AWO", "Ev. Kirchengemeinde"]); // => 19
 */
export function textColumnWidth(min: number, texts: readonly string[], max = 30): number {
  // a loop, not `Math.max(...texts)`: the Kita column passes one name per Kita, and a spread of more than
  // about 120,000 arguments overflows the call stack
  let widest = 0;
  for (const t of texts) widest = Math.max(widest, oneLineWidth(t));
  return Math.min(max, Math.max(min, widest));
}

/**
 * Width (characters) of the Kita column of Einrichtungen: 24, wider (up to 36) for the longest text in it –
 * the Kita names, and the Sozialraum and Träger names of the blocks below the table – so that a name such
 * as „Kath. Kirchengemeinde St. Martin“ is not cut by the cell beside it on screen and on paper.
 *
 * @example nameColumnWidth(["Kita A"]); // => 24
 */
function nameColumnWidth(texts: readonly string[]): number {
  return textColumnWidth(24, texts, 36);
}

/**
 * The Kategorie-Index columns of an Einrichtungen table, one per category: a row's value is read from the
 * allocation's columns at the row's position (the table lists the units in the allocation's order).
 *
 * @example categoryColumns(allocation, ["Soziale Lage"])[0].header; // => "Soziale Lage"
 */
function categoryColumns<T>(allocation: Allocation, categories: readonly string[]): Column<T>[] {
  return categories.map((c, i) => {
    const position = categoryPosition(allocation.categoryIndices, c);
    return {
      key: `category ${i}`,
      header: c,
      width: 14,
      value: (_item: T, at: CellPlace) =>
        num(categoryIndexAt(allocation.categoryIndices, position, at.index), INDEX_FORMAT),
    };
  });
}

/** Width (characters) of the lines of a note below a wide table: within the first printed page. */
const NOTE_WIDTH = 110;

/**
 * A long note as rows of lines that fit NOTE_WIDTH characters, each line in `column` (1-based): a single
 * cell would run across the printed page's edge. Einrichtungen puts its notes in column B, so that the
 * Kita column repeated on the further pages (print titles) does not repeat the note's first words.
 *
 * @example noteRows("Der Vorschlag ist eine Empfehlung.", 2); // => [[{ value: null }, { value: "Der Vorschlag ist eine Empfehlung." }]]
 */
function noteRows(note: string, column = 1): SheetCell[][] {
  return wrapText(note, NOTE_WIDTH).map((line) => [
    ...Array.from({ length: column - 1 }, (): SheetCell => ({ value: null })),
    text(line),
  ]);
}

// Cells are made with all their properties at once: a property added later goes to a separate
// property store, an object more per cell (the Einrichtungen sheet of 10,000 Kitas has ~180,000 such cells).
function num(value: number | null | undefined, numFmt?: string, bold = false): SheetCell {
  // a value that is not a finite number (a norm band of too few units) stays blank, never "NaN" or #NUM!
  const v = typeof value === "number" && Number.isFinite(value) ? value : null;
  if (v === 0 && !Object.is(v, -0) && numFmt && !bold) {
    let zero = ZEROS.get(numFmt);
    if (zero === undefined) ZEROS.set(numFmt, (zero = { value: 0, numFmt }));
    return zero;
  }
  if (numFmt) return bold ? { value: v, numFmt, bold } : { value: v, numFmt };
  return bold ? { value: v, bold } : { value: v };
}
function formula(f: string, cached: number, numFmt?: string, bold = true): SheetCell {
  if (numFmt)
    return bold ? { value: cached, formula: f, numFmt, bold } : { value: cached, formula: f, numFmt };
  return bold ? { value: cached, formula: f, bold } : { value: cached, formula: f };
}
// The cells that repeat in every row of a big sheet are made once and shared (a sheet's cells are never
// changed after they are made: the write plan copies a cell it changes): the Einrichtungen sheet of
// 10,000 Kitas has five yes/no columns, the norm band and mostly zero VZÄ.
const YES: SheetCell = { value: "ja" };
const NO: SheetCell = { value: "nein" };
const BAND_CELLS: Record<Band | "none", SheetCell> = {
  oberhalb: { value: BAND_TEXT.oberhalb },
  innerhalb: { value: BAND_TEXT.innerhalb },
  unterhalb: { value: BAND_TEXT.unterhalb },
  none: { value: "–" },
};
/** Zero in a number format (not bold), one cell per format. */
const ZEROS = new Map<string, SheetCell>();
function yesNo(flag: boolean): SheetCell {
  return flag ? YES : NO;
}
function bandCell(b: Band | null): SheetCell {
  return BAND_CELLS[b ?? "none"];
}
const EMPTY: SheetCell = { value: null };
/** A VZÄ cell left blank for the Sozialraum-Team to type into. */
const BLANK_VZAE: SheetCell = { value: null, numFmt: VZAE_FORMAT };

/** Sum rounded to the cent, computed in integer cents (what Excel's SUM shows at two decimals). */
function centSum(values: readonly (number | null | undefined)[]): number {
  return values.reduce<number>((s, v) => s + Math.round((v ?? 0) * 100), 0) / 100;
}
function plainSum(values: readonly (number | null | undefined)[]): number {
  return values.reduce<number>((s, v) => s + (v ?? 0), 0);
}
function colSum(col: number, first: number, last: number): string {
  const c = columnLetters(col);
  return `SUM(${c}${first}:${c}${last})`;
}

/** `{ tables: [...] }` for a result table from row 1 to `lastRow` over `columns` columns; {} without data rows. */
function resultTable(name: string, lastRow: number, columns: number): Pick<SheetSpec, "tables"> {
  return lastRow < 2
    ? {}
    : { tables: [{ name, headerRow: 1, lastRow, firstColumn: 1, lastColumn: columns }] };
}

// --- Verteilung ---------------------------------------------------------------------------------------

/** A row with `cell` in 1-based column `column` and blanks before it. */
function cellAt(first: SheetCell, column: number, cell: SheetCell): SheetCell[] {
  return [first, ...Array.from({ length: column - 2 }, () => EMPTY), cell];
}

/** The units' norm band (SPEC §3), the same on every row: the last two columns of both Einrichtungen tables. */
function normBandColumns<T>(allocation: Allocation): Column<T>[] {
  return [
    {
      key: "lower",
      header: "Normbereich unten",
      width: 12,
      value: () => num(allocation.norm.index.lower, INDEX_FORMAT),
    },
    {
      key: "upper",
      header: "Normbereich oben",
      width: 12,
      value: () => num(allocation.norm.index.upper, INDEX_FORMAT),
    },
  ];
}

type Area = Allocation["areas"][number];

function verteilungSheet(allocation: Allocation): SheetSpec {
  const areas = allocation.areas;
  const hasChildren = areas.some((a) => a.children !== null);
  const hasVzae = areas.some((a) => a.vzae !== null);
  const hasPlan = areas.some((a) => a.plan !== undefined);
  const columns: Column<Area>[] = [
    { key: "name", header: "Sozialraum", width: 22, value: (a) => text(a.name) },
    {
      key: "units",
      header: "Einrichtungen",
      width: 13,
      value: (a) => num(a.units, COUNT_FORMAT),
      total: "sum",
      totalFormat: COUNT_FORMAT,
    },
    {
      key: "children",
      header: "Kinder",
      width: 9,
      value: (a) => num(a.children, COUNT_FORMAT),
      ...(hasChildren ? { total: "sum" as const, totalFormat: COUNT_FORMAT } : {}),
    },
    { key: "index", header: "Sozialraum-Index", width: 16, value: (a) => num(a.index, INDEX_FORMAT) },
    { key: "band", header: "Normbereich", width: 13, value: (a) => bandCell(a.band) },
    {
      key: "share",
      header: "Anteil",
      width: 10,
      value: (a) => num(a.share, PERCENT_FORMAT),
      total: "sum",
      totalFormat: PERCENT_FORMAT,
    },
    // the engine guarantees Σ amounts = budget to the cent; the cached value is that sum
    {
      key: "amount",
      header: "Betrag",
      width: 16,
      value: (a) => num(a.amount, MONEY_FORMAT),
      total: "cents",
      totalFormat: MONEY_FORMAT,
    },
    {
      key: "land",
      header: "Landesanteil",
      width: 16,
      value: (a) => num(a.landPart, MONEY_FORMAT),
      total: "cents",
      totalFormat: MONEY_FORMAT,
    },
    {
      key: "municipal",
      header: "Kommunaler Anteil",
      width: 17,
      value: (a) => num(a.municipalPart, MONEY_FORMAT),
      total: "cents",
      totalFormat: MONEY_FORMAT,
    },
    {
      key: "personnel",
      header: "Personalvolumen",
      width: 16,
      value: (a) => num(a.personnelVolume, MONEY_FORMAT),
      total: "cents",
      totalFormat: MONEY_FORMAT,
    },
    {
      key: "vzae",
      header: "VZÄ",
      width: 8,
      value: (a) => num(a.vzae, VZAE_FORMAT),
      ...(hasVzae ? { total: "sum" as const, totalFormat: VZAE_FORMAT } : {}),
    },
    ...(hasPlan
      ? [
          {
            key: "planVzae",
            header: "VZÄ im Stellenplan",
            width: 12,
            value: (a: Area) => num(a.plan?.vzae ?? 0, VZAE_FORMAT),
            total: "sum" as const,
            totalFormat: VZAE_FORMAT,
          },
          {
            key: "planned",
            header: "Stellenplan (Landesanteil)",
            width: 16,
            value: (a: Area) => num(a.plan?.planned ?? 0, MONEY_FORMAT),
            total: "cents" as const,
            totalFormat: MONEY_FORMAT,
          },
          {
            key: "unplanned",
            header: "nicht verplant",
            width: 14,
            value: (a: Area) => num(a.unplanned ?? 0, MONEY_FORMAT),
            total: "cents" as const,
            totalFormat: MONEY_FORMAT,
          },
        ]
      : []),
    {
      key: "note",
      header: "Hinweis",
      width: 40,
      value: (a) => text(areaNote(a)),
    },
  ];
  const table = columnTable(columns, areas);
  const totalRow = table.lastRow + 1;
  const rows: SheetCell[][] = [
    ...table.rows,
    table.total.slice(0, table.column(hasPlan ? "unplanned" : "vzae")),
  ];
  const budgetRow = totalRow + 2;
  const amount = table.column("amount");
  const G = table.letter("amount");
  const k = allocation.model.budget.kofinanzierung;
  rows.push([]);
  rows.push(cellAt(text("Budget", true), amount, num(allocation.budget, MONEY_FORMAT, true)));
  rows.push(
    cellAt(
      text("Abweichung Summe − Budget"),
      amount,
      formula(
        `${G}${totalRow}-${G}${budgetRow}`,
        centSum([centSum(areas.map((a) => a.amount)), -allocation.budget]),
        MONEY_FORMAT,
      ),
    ),
  );
  rows.push([
    text("Kofinanzierung"),
    text(
      `Land ${formatNumber(k.landShare * 100, 0)} % / Jugendamt ${formatNumber(k.municipalShare * 100, 0)} % ` +
        "der Personalkosten; Personalvolumen = Betrag / Landesanteil",
    ),
  ]);
  const resultTable = table.table(TABLE_NAMES.verteilung);
  return {
    name: SHEET_NAMES.verteilung,
    rows,
    columnWidths: table.widths,
    freezeRows: 1,
    charts:
      areas.length > 0 ? barChartBelow(table, SHARES_CHART_TITLE, "name", "share", rows.length + 2) : [],
    ...(resultTable ? { tables: [resultTable] } : {}),
  };
}

/** The note of a Verteilung row: a cent tie, money handed on or received in the Stellenplan. */
function areaNote(a: AreaResult): string {
  const notes: string[] = [];
  if (a.tieFlag) notes.push("Cent durch Gleichstand vergeben (gesetzlich: Losentscheid)");
  if (a.plan && a.plan.given > 0)
    notes.push(
      `keine förderfähige Einrichtung: ${formatEuro(a.plan.given)} an andere Sozialräume umverteilt`,
    );
  if (a.plan && a.plan.received > 0)
    notes.push(`${formatEuro(a.plan.received)} aus Sozialräumen ohne förderfähige Einrichtung erhalten`);
  return notes.join("; ");
}

// --- Einrichtungen ------------------------------------------------------------------------------------

function einrichtungenSheet(
  allocation: Allocation,
  publication: boolean,
  anonymise: (t: string) => string,
  overrides: StrandOverrides = new Map(),
  counting?: CountingPlan,
): SheetSpec {
  const units = allocation.units;
  const categories = allocation.model.categories.map((c) => c.name);
  const bremen = allocation.model.ruleSet === "bremen" || units.some((u) => u.bremen !== undefined);
  if (units.some((u) => u.plan !== undefined))
    return stellenplanSheet(allocation, publication, anonymise, overrides, counting);
  const any = units.length > 0;
  const sum = any ? { total: "sum" as const } : {};
  const cents = any ? { total: "cents" as const } : {};
  const columns: Column<UnitResult>[] = [
    {
      key: "id",
      header: publication ? "Einrichtung (Code)" : "Einrichtung",
      width: nameColumnWidth([
        ...units.map((u) => (publication ? u.code : u.id)),
        ...allocation.areas.map((a) => a.name),
      ]),
      value: (u) => text(publication ? u.code : u.id),
    },
    {
      key: "area",
      header: "Sozialraum",
      width: textColumnWidth(
        14,
        units.map((u) => u.area),
      ),
      value: (u) => text(u.area),
    },
    {
      key: "children",
      header: "Kinder",
      width: 8,
      value: (u) => num(u.children, COUNT_FORMAT),
      ...(units.some((u) => u.children !== null) ? sum : {}),
    },
    ...categoryColumns<UnitResult>(allocation, categories),
    { key: "index", header: "Gesamtindex", width: 12, value: (u) => num(u.index, INDEX_FORMAT) },
    { key: "band", header: "Normbereich", width: 12, value: (u) => bandCell(u.band) },
    {
      key: "sozialarbeit",
      header: "Kita-Sozialarbeit",
      width: 12,
      value: (u) => yesNo(u.eligible.sozialarbeit),
    },
    {
      key: "nachbarschaft",
      header: "Nachbarschaftszentrum",
      width: 14,
      value: (u) => yesNo(u.eligible.nachbarschaftszentrum),
    },
    {
      key: "interkulturell",
      header: "Interkulturelle Fachkräfte",
      width: 14,
      value: (u) => yesNo(u.eligible.interkulturell),
    },
    {
      key: "ausnahme",
      header: "Interkulturell als Ausnahme",
      width: 14,
      value: (u) => yesNo(u.eligible.interkulturellException),
    },
    { key: "zusatz", header: "Zusatzpersonal", width: 13, value: (u) => yesNo(u.eligible.zusatzpersonal) },
    {
      key: "proposed",
      header: "Betrag (Vorschlag)",
      width: 17,
      value: (u) => num(u.proposedAmount, MONEY_FORMAT),
      ...cents,
    },
    {
      key: "adjusted",
      header: "Betrag (angepasst)",
      width: 17,
      value: () => ({ value: null, numFmt: MONEY_FORMAT }),
      ...cents,
    },
    {
      key: "diff",
      header: "Differenz",
      width: 13,
      value: (_u, at) =>
        formula(
          `IF(ISBLANK(${at.cell("adjusted")}),0,${at.cell("adjusted")}-${at.cell("proposed")})`,
          0,
          MONEY_FORMAT,
          false,
        ),
      ...cents,
    },
    ...(bremen
      ? ([
          {
            key: "kitaIndex",
            header: "Kita-Index (Bremen)",
            width: 14,
            value: (u) => num(u.bremen?.kitaIndex ?? null, INDEX_FORMAT),
          },
          {
            key: "vzae",
            header: "VZÄ",
            width: 8,
            value: (u) => num(u.bremen?.vzae ?? 0, VZAE_FORMAT),
            ...sum,
          },
          {
            key: "sachkosten",
            header: "Sachkosten",
            width: 13,
            value: (u) => num(u.bremen?.sachkosten ?? 0, MONEY_FORMAT),
            ...cents,
          },
          {
            key: "reason",
            header: "Begründung",
            width: 50,
            // wrapped within the column (the row grows): the reason is what the Kita is told, never cut
            value: (u) => label(anonymise(u.bremen?.reason ?? "")),
          },
        ] satisfies Column<UnitResult>[])
      : []),
    ...normBandColumns<UnitResult>(allocation),
  ];
  const table = columnTable(columns, units);
  const rows: SheetCell[][] = [...topAlignedRows(table), table.total];

  // Per-area totals: the proposal adds up to the area's amount; the difference shows the user's changes.
  // Names are matched exactly (no SUMIF: "Nord*" or "<5" would be read as a pattern or a comparison).
  rows.push([]);
  // the blocks below the table start a page rather than be cut by one (its header apart from its rows)
  const sections = [rows.length + 1];
  rows.push([text("Summen je Sozialraum", true)]);
  rows.push([
    text("Sozialraum", true),
    text("Betrag (Vorschlag)", true),
    text("Differenz", true),
    text("Betrag Verteilung", true),
  ]);
  const areaRange = table.range("area");
  for (const a of allocation.areas) {
    const r = rows.length + 1;
    const proposed = centSum(units.filter((u) => u.area === a.name).map((u) => u.proposedAmount));
    rows.push([
      text(a.name),
      formula(sumWhereEqual(areaRange, `A${r}`, table.range("proposed")), proposed, MONEY_FORMAT, false),
      formula(sumWhereEqual(areaRange, `A${r}`, table.range("diff")), 0, MONEY_FORMAT, false),
      num(a.amount, MONEY_FORMAT),
    ]);
  }
  rows.push([]);
  rows.push(
    ...noteRows(
      "„Betrag (angepasst)“ leer lassen, wenn der Vorschlag gilt; ein eingetragener Betrag ersetzt ihn, " +
        "„Differenz“ zeigt die Änderung. Der Vorschlag ist eine Empfehlung des Jugendamts; die Entscheidung trifft das Jugendamt nach Beratung mit den Trägern.",
      2,
    ),
  );
  return einrichtungenSpec(table, rows, allocation, sections);
}

/**
 * The Einrichtungen sheet around its rows, for both forms (amounts or Stellenplan): frozen header, the Kita
 * column on every printed page, the Gesamtindex bars below the rows and the `SRB_Einrichtungen` table.
 */
function einrichtungenSpec(
  table: ColumnTable,
  rows: SheetCell[][],
  allocation: Allocation,
  sections: number[],
): SheetSpec {
  const resultTable = table.table(TABLE_NAMES.einrichtungen);
  return {
    name: SHEET_NAMES.einrichtungen,
    rows,
    columnWidths: table.widths,
    freezeRows: 1,
    // the Kita column on every page: the sheet may print two or three pages wide, readable (printLayout.ts)
    // the blocks below the table (`sections`: their title rows) are not cut by a page's end
    print: { titleColumns: { first: 1, last: 1 }, sections },
    // bars, one per Kita: a line across Kitas would read as a trend that is not there; from column B, so
    // that the Kita column repeated on the further pages does not repeat a slice of the chart
    charts:
      allocation.units.length > 0
        ? barChartBelow(table, indexChartTitle(allocation.norm.index), "id", "index", rows.length + 2, {
            withHeader: true,
            column: "B",
          })
        : [],
    ...(resultTable ? { tables: [resultTable] } : {}),
  };
}

/** What a Stellenplan row shows: the Kita and what counts for it (proposal or overrides). */
interface PlanRow extends CountingUnit {
  unit: UnitResult;
}

/**
 * Einrichtungen as a Stellenplan (SPEC §5, §7): per Kita its strands, the set-aside and index VZÄ, override
 * columns per strand, the VZÄ that count, personnel volume, Land and municipal part (formulas over the
 * parameters at the bottom of the sheet), per Sozialraum the difference to the area amount (nicht verplant),
 * and the Träger summary when the model names a Träger column. One column declaration gives the header,
 * widths, letters, the total row and the `SRB_Einrichtungen` table. Overrides read back from an earlier run
 * are written into their cells, and the cached values of every formula follow them.
 */
function stellenplanSheet(
  allocation: Allocation,
  publication: boolean,
  anonymise: (t: string) => string,
  overrides: StrandOverrides = new Map(),
  given?: CountingPlan,
): SheetSpec {
  // publication mode: no Träger column and no Träger summary — a Träger with one or two Kitas names them
  // (docs/method-decisions.md, „Träger in der Veröffentlichung“)
  const withTraeger = allocation.traeger !== undefined && !publication;
  const counting = given ?? overriddenPlan(allocation, overrides);
  const items: PlanRow[] = allocation.units.map((unit, i) => ({ unit, ...counting.units[i] }));

  // rows below the table: total, blank, area block (title, header, one row per area), blank, parameters
  const last = allocation.units.length + 1;
  const paramTitle = last + 1 + 1 + 1 + 1 + allocation.areas.length + 1 + 1;
  const parameters: PlanParameterCells = {
    cost: `$B$${paramTitle + 1}`,
    land: `$B$${paramTitle + 2}`,
    municipal: `$B$${paramTitle + 3}`,
  };
  const columns = stellenplanColumns(allocation, { publication, anonymise, withTraeger, parameters });
  const table = columnTable(columns, items);
  const rows: SheetCell[][] = [...topAlignedRows(table), table.total];
  // the blocks below the table start a page rather than be cut by one (a block's header on one page, its
  // rows on the next under the table's repeated header): `sections` are their title rows, below a blank row
  const sections: number[] = [];
  sections.push(rows.length + 2);
  rows.push(...areaPlanRows(allocation, counting, table, rows.length + 1));
  if (rows.length !== paramTitle - 2) throw new Error("stellenplanSheet: parameter rows misplaced");
  sections.push(rows.length + 2);
  rows.push(...planParameterRows(allocation.model));
  if (withTraeger) {
    sections.push(rows.length + 2);
    rows.push(...traegerPlanRows(allocation, items, table, rows.length + 1));
  }
  rows.push([]);
  rows.push(
    ...noteRows(
      "Stellenplan-Vorschlag des Jugendamts: zuerst das betriebserlaubnisrelevante Zusatzpersonal (Strang 4) und " +
        "das Nachbarschaftszentrum (Strang 2), unabhängig vom Index; der Rest nach Gesamtindex in ganzen VZÄ-Schritten. " +
        "Über die Aufteilung auf Strang 1 und 3 entscheidet das Sozialraum-Team: VZÄ in die Spalten „(angepasst)“ " +
        "eintragen – dann gilt ihre Summe statt des Vorschlags, Beträge und „nicht verplant“ rechnen mit. " +
        "Die Entscheidung trifft das Jugendamt nach Beratung mit den Trägern.",
      2,
    ),
  );

  return einrichtungenSpec(table, rows, allocation, sections);
}

/** The absolute addresses of the Stellenplan's parameters below the table (cost per VZÄ, Land and municipal share). */
interface PlanParameterCells {
  cost: string;
  land: string;
  municipal: string;
}

/** The Träger shown for a Kita: its Träger cell, or „ohne Angabe“ for a blank one. */
function traegerOf(u: UnitResult): string {
  return u.traeger?.trim() || NO_TRAEGER;
}

/**
 * The columns of the Stellenplan table, left to right: Kita, Sozialraum, (Träger), Kinder, Kategorie-Indizes,
 * Gesamtindex and Normbereich, the strands, the VZÄ of the proposal, the overrides, the VZÄ that count and
 * their money (formulas over `parameters`), (the Bremen columns), the norm-band columns.
 */
function stellenplanColumns(
  allocation: Allocation,
  options: {
    publication: boolean;
    anonymise: (t: string) => string;
    withTraeger: boolean;
    parameters: PlanParameterCells;
  },
): Column<PlanRow>[] {
  const { publication, anonymise, withTraeger } = options;
  const units = allocation.units;
  const m = allocation.model;
  const categories = m.categories.map((c) => c.name);
  const bremen = m.ruleSet === "bremen" || units.some((u) => u.bremen !== undefined);
  const k = m.budget.kofinanzierung;
  const sharesAddUp = Math.abs(k.landShare + k.municipalShare - 1) < 1e-9;
  const costCell = options.parameters.cost;
  const landCell = options.parameters.land;
  const muniCell = options.parameters.municipal;

  const vzaeColumn = (key: string, header: string, width: number, value: (r: PlanRow) => number) =>
    ({
      key,
      header,
      width,
      value: (r) => num(value(r), VZAE_FORMAT),
      total: "sum",
    }) satisfies Column<PlanRow>;
  const flag = (key: string, header: string, width: number, f: (u: UnitResult) => boolean) =>
    ({ key, header, width, value: (r) => yesNo(f(r.unit)) }) satisfies Column<PlanRow>;
  return [
    {
      key: "id",
      header: publication ? "Einrichtung (Code)" : "Einrichtung",
      width: nameColumnWidth([
        ...units.map((u) => (publication ? u.code : u.id)),
        ...allocation.areas.map((a) => a.name),
        ...(withTraeger ? (allocation.traeger ?? []).map((t) => t.traeger) : []),
      ]),
      value: (r) => text(publication ? r.unit.code : r.unit.id),
    },
    {
      key: "area",
      header: "Sozialraum",
      width: textColumnWidth(
        14,
        units.map((u) => u.area),
      ),
      value: (r) => text(r.unit.area),
    },
    ...(withTraeger
      ? [
          {
            key: "traeger",
            header: "Träger",
            width: textColumnWidth(16, units.map(traegerOf)),
            value: (r: PlanRow) => text(traegerOf(r.unit)),
          },
        ]
      : []),
    {
      key: "children",
      header: "Kinder",
      width: 8,
      value: (r) => num(r.unit.children, COUNT_FORMAT),
      ...(units.some((u) => u.children !== null) ? { total: "sum" as const } : {}),
    },
    ...categoryColumns<PlanRow>(allocation, categories),
    { key: "index", header: "Gesamtindex", width: 12, value: (r) => num(r.unit.index, INDEX_FORMAT) },
    { key: "band", header: "Normbereich", width: 12, value: (r) => bandCell(r.unit.band) },
    flag("sozialarbeit", "Kita-Sozialarbeit", 12, (u) => u.eligible.sozialarbeit),
    flag("nachbarschaft", "Nachbarschaftszentrum", 14, (u) => u.eligible.nachbarschaftszentrum),
    flag("interkulturell", "Interkulturelle Fachkräfte", 14, (u) => u.eligible.interkulturell),
    flag("ausnahme", "Interkulturell als Ausnahme", 14, (u) => u.eligible.interkulturellException),
    flag("zusatz", "Zusatzpersonal", 13, (u) => u.eligible.zusatzpersonal),
    vzaeColumn("s4", "VZÄ Strang 4 (vorab)", 11, (r) => r.unit.plan?.strand4Vzae ?? 0),
    vzaeColumn("s2", "VZÄ Strang 2 (vorab)", 11, (r) => r.unit.plan?.strand2Vzae ?? 0),
    vzaeColumn(
      "si",
      "VZÄ nach Index (Strang 1/3)",
      13,
      (r) => r.unit.plan?.indexVzae ?? r.unit.plan?.vzae ?? 0,
    ),
    {
      key: "proposal",
      header: "VZÄ (Vorschlag)",
      width: 11,
      value: (r, at) =>
        formula(
          `${at.cell("s4")}+${at.cell("s2")}+${at.cell("si")}`,
          r.unit.plan?.vzae ?? 0,
          VZAE_FORMAT,
          false,
        ),
      total: "sum",
    },
    ...OVERRIDE_HEADERS.map((header, i): Column<PlanRow> => ({
      key: `o${i + 1}`,
      header,
      width: 11,
      value: (r) => (r.overrides[i] === null ? BLANK_VZAE : { value: r.overrides[i], numFmt: VZAE_FORMAT }),
      total: "sum",
      totalFormat: VZAE_FORMAT,
    })),
    {
      key: "gilt",
      header: "VZÄ (gilt)",
      width: 10,
      value: (r, at) =>
        formula(
          `IF(COUNT(${at.cell("o1")}:${at.cell("o4")})=0,${at.cell("proposal")},SUM(${at.cell("o1")}:${at.cell("o4")}))`,
          r.vzae,
          VZAE_FORMAT,
          false,
        ),
      total: "sum",
    },
    {
      key: "pv",
      header: "Personalvolumen",
      width: 15,
      value: (r, at) =>
        formula(`ROUND(${at.cell("gilt")}*${costCell},2)`, r.personnelVolume, MONEY_FORMAT, false),
      total: "cents",
    },
    {
      key: "land",
      header: "Landesanteil (Budget)",
      width: 15,
      value: (r, at) =>
        formula(`ROUND(${at.cell("gilt")}*${costCell}*${landCell},2)`, r.amount, MONEY_FORMAT, false),
      total: "cents",
    },
    {
      key: "muni",
      header: "Kommunaler Anteil",
      width: 15,
      value: (r, at) =>
        formula(
          sharesAddUp
            ? `${at.cell("pv")}-${at.cell("land")}`
            : `ROUND(${at.cell("gilt")}*${costCell}*${muniCell},2)`,
          r.municipal,
          MONEY_FORMAT,
          false,
        ),
      total: "cents",
    },
    {
      key: "bprop",
      header: "Betrag (Vorschlag)",
      width: 15,
      value: (r) => num(r.unit.plan?.amount ?? r.unit.proposedAmount, MONEY_FORMAT),
      total: "cents",
    },
    {
      key: "diff",
      header: "Differenz",
      width: 12,
      value: (r, at) =>
        formula(
          `${at.cell("land")}-${at.cell("bprop")}`,
          centSum([r.amount, -(r.unit.plan?.amount ?? r.unit.proposedAmount)]),
          MONEY_FORMAT,
          false,
        ),
      total: "cents",
    },
    ...(bremen
      ? ([
          {
            key: "kitaIndex",
            header: "Kita-Index (Bremen)",
            width: 14,
            value: (r) => num(r.unit.bremen?.kitaIndex ?? null, INDEX_FORMAT),
          },
          {
            key: "bremenVzae",
            header: "VZÄ (Bremen)",
            width: 8,
            value: (r) => num(r.unit.bremen?.vzae ?? 0, VZAE_FORMAT),
            total: "sum",
          },
          {
            key: "sachkosten",
            header: "Sachkosten",
            width: 13,
            value: (r) => num(r.unit.bremen?.sachkosten ?? 0, MONEY_FORMAT),
            total: "cents",
          },
          {
            key: "reason",
            header: "Begründung",
            width: 50,
            // wrapped within the column (the row grows): the reason is what the Kita is told, never cut
            value: (r) => label(anonymise(r.unit.bremen?.reason ?? "")),
          },
        ] satisfies Column<PlanRow>[])
      : []),
    ...normBandColumns<PlanRow>(allocation),
  ];
}

/**
 * The block „Stellenplan je Sozialraum“ (a blank row, title, header, one row per Sozialraum): the plan
 * against the area amount, by SUMIF-like formulas over the table; „nicht verplant“ follows the overrides.
 * `firstRow`: the 1-based sheet row of the block's first (blank) row.
 */
function areaPlanRows(
  allocation: Allocation,
  counting: CountingPlan,
  table: ColumnTable,
  firstRow: number,
): SheetCell[][] {
  const rows: SheetCell[][] = [];
  rows.push([]);
  rows.push([text("Stellenplan je Sozialraum", true)]);
  rows.push(
    [
      "Sozialraum",
      "Betrag (Verteilung)",
      "Umverteilt (+/−)",
      "VZÄ (gilt)",
      "Landesanteil (Budget)",
      "Kommunaler Anteil",
      "Personalvolumen",
      "nicht verplant",
    ].map((h) => text(h, true)),
  );
  const areaRange = table.range("area");
  allocation.areas.forEach((a, i) => {
    const r = firstRow + rows.length;
    const counts = counting.areas[i];
    const sumif = (key: string, cached: number, fmt: string) =>
      formula(sumWhereEqual(areaRange, `A${r}`, table.range(key)), cached, fmt, false);
    rows.push([
      text(a.name),
      num(a.amount, MONEY_FORMAT),
      num(centSum([a.plan?.received ?? 0, -(a.plan?.given ?? 0)]), MONEY_FORMAT),
      sumif("gilt", counts.vzae, VZAE_FORMAT),
      sumif("land", counts.amount, MONEY_FORMAT),
      sumif("muni", counts.municipal, MONEY_FORMAT),
      sumif("pv", counts.personnelVolume, MONEY_FORMAT),
      formula(`B${r}+C${r}-E${r}`, counts.unplanned, MONEY_FORMAT, false),
    ]);
  });
  return rows;
}

/**
 * The block „Grundlagen des Stellenplans“ (a blank row, title, the parameters): the cells the table's
 * formulas use, on this sheet, so that a renamed sheet keeps its formulas right. Cost per VZÄ, Land and
 * municipal share come first, in that order (`PlanParameterCells`).
 */
function planParameterRows(m: Allocation["model"]): SheetCell[][] {
  const k = m.budget.kofinanzierung;
  // labels wrapped in column A (the value beside them would cut them), the value on the label's first line
  return [
    [],
    [text("Grundlagen des Stellenplans", true)],
    [
      label("Kosten je VZÄ (Arbeitgeberkosten im Jahr)"),
      topAligned(num(m.budget.costPerVzae ?? 0, MONEY_FORMAT)),
    ],
    [label("Landesanteil (aus dem Budget)"), topAligned(num(k.landShare, PERCENT_FORMAT))],
    [label("Kommunaler Anteil (Jugendamt)"), topAligned(num(k.municipalShare, PERCENT_FORMAT))],
    [label("VZÄ-Schrittweite"), topAligned(num(m.budget.vzaeStep, VZAE_FORMAT))],
    [label("VZÄ Nachbarschaftszentrum (Strang 2)"), topAligned(num(m.rules.strand2Vzae, VZAE_FORMAT))],
    [
      label("Sozialraum ohne förderfähige Einrichtung"),
      text(
        m.rules?.unspent === "redistribute"
          ? "Betrag wird nach den Anteilen aus Schritt 1 auf die anderen Sozialräume umverteilt"
          : "Betrag bleibt nicht verplant",
      ),
    ],
  ];
}

/**
 * The block „Stellenplan je Träger“ (a blank row, title, header, one row per Träger), by formulas over the
 * table's Träger column. `firstRow`: the 1-based sheet row of the block's first (blank) row.
 */
function traegerPlanRows(
  allocation: Allocation,
  items: readonly PlanRow[],
  table: ColumnTable,
  firstRow: number,
): SheetCell[][] {
  const traegerRange = table.range("traeger");
  const rows: SheetCell[][] = [];
  rows.push([]);
  rows.push([text("Stellenplan je Träger", true)]);
  rows.push(
    [
      "Träger",
      "Einrichtungen",
      "VZÄ (gilt)",
      "Landesanteil (Budget)",
      "Kommunaler Anteil",
      "Personalvolumen",
    ].map((h) => text(h, true)),
  );
  for (const t of allocation.traeger ?? []) {
    const r = firstRow + rows.length;
    const mine = items.filter((x) => traegerOf(x.unit) === t.traeger);
    const sumif = (key: string, cached: number, fmt: string) =>
      formula(sumWhereEqual(traegerRange, `A${r}`, table.range(key)), cached, fmt, false);
    rows.push([
      text(t.traeger),
      formula(`SUMPRODUCT(--EXACT(${traegerRange},A${r}))`, t.units, COUNT_FORMAT, false),
      sumif("gilt", plainSum(mine.map((x) => x.vzae)), VZAE_FORMAT),
      sumif("land", centSum(mine.map((x) => x.amount)), MONEY_FORMAT),
      sumif("muni", centSum(mine.map((x) => x.municipal)), MONEY_FORMAT),
      sumif("pv", centSum(mine.map((x) => x.personnelVolume)), MONEY_FORMAT),
    ]);
  }
  return rows;
}

/**
 * The title of the Gesamtindex chart: the bars are the Kitas, the title gives the norm band they are read
 * against.
 *
 * @example indexChartTitle({ mean: 47.4, sd: 20.1, lower: 27.2, upper: 67.5 }); // => "Gesamtindex je Einrichtung (Normbereich 27,2 bis 67,5)"
 */
function indexChartTitle(band: NormBand): string {
  return Number.isFinite(band.lower) && Number.isFinite(band.upper)
    ? `${INDEX_CHART_TITLE} (Normbereich ${formatNumber(band.lower, 1)} bis ${formatNumber(band.upper, 1)})`
    : INDEX_CHART_TITLE;
}

// --- Normbereiche -------------------------------------------------------------------------------------

function normbereicheSheet(allocation: Allocation): SheetSpec {
  const rows: SheetCell[][] = [
    ["Index", "Ebene", "Mittelwert", "Standardabweichung", "Untergrenze", "Obergrenze"].map((h) =>
      text(h, true),
    ),
  ];
  const add = (label: string, level: string, n: NormBand | undefined) => {
    if (!n) return;
    const r = rows.length + 1;
    rows.push([
      text(label),
      text(level),
      num(n.mean, "0.00"),
      num(n.sd, "0.00"),
      // without a finite mean and sd (e.g. a single Sozialraum) there is no band: blank, not a formula giving 0
      Number.isFinite(n.lower) ? formula(`C${r}-D${r}`, n.lower, "0.00", false) : num(null),
      Number.isFinite(n.upper) ? formula(`C${r}+D${r}`, n.upper, "0.00", false) : num(null),
    ]);
  };
  add("Gesamtindex", "Einrichtungen", allocation.norm.index);
  for (const c of allocation.model.categories)
    add(c.name, "Einrichtungen", allocation.norm.categories[c.name]);
  add("Sozialraum-Index", "Sozialräume", allocation.norm.areaIndex);
  const lastBand = rows.length;
  rows.push([]);
  rows.push([
    text(
      allocation.model.options.sd === "population"
        ? "Standardabweichung der Grundgesamtheit (n), wie STABW.N."
        : "Standardabweichung der Stichprobe (n − 1), wie STABW.S.",
    ),
  ]);
  rows.push([
    text(
      "Normbereich: Mittelwert ± Standardabweichung. „oberhalb“: Wert > Obergrenze, „unterhalb“: Wert < Untergrenze, " +
        "sonst „innerhalb“ (Grenzen eingeschlossen).",
    ),
  ]);
  return {
    name: SHEET_NAMES.normbereiche,
    rows,
    columnWidths: [28, 15, 12, 20, 12, 12],
    freezeRows: 1,
    ...resultTable(TABLE_NAMES.normbereiche, lastBand, 6),
  };
}

// --- Prüfbericht --------------------------------------------------------------------------------------

/** Errors first, otherwise in the order found. */
function errorsFirst(issues: readonly Issue[]): Issue[] {
  return [...issues.filter((i) => i.level === "error"), ...issues.filter((i) => i.level !== "error")];
}

function pruefberichtSheet(issues: Issue[], anonymise: (t: string) => string): SheetSpec {
  const rows: SheetCell[][] = [
    ["Stufe", "Tabellenblatt", "Zelle", "Code", "Meldung"].map((h) => text(h, true)),
  ];
  if (issues.length === 0) rows.push([text("Keine Befunde.")]);
  for (const i of issues) {
    rows.push([
      // wrapped within their columns (top-aligned): a long message or code no longer runs past the page's edge
      label(i.level === "error" ? "Fehler" : "Warnung"),
      label(i.sheet),
      label(i.cell),
      label(i.code),
      label(anonymise(i.message)),
    ]);
  }
  return {
    name: SHEET_NAMES.pruefbericht,
    rows,
    // one A4 landscape page wide at 100 %
    columnWidths: [10, 16, 8, 22, 86],
    freezeRows: 1,
    ...resultTable(TABLE_NAMES.pruefbericht, rows.length, 5),
  };
}

/**
 * The Prüfbericht sheet alone, as the generator writes it (errors first): for a run that errors block,
 * so the check report can still be handed to whoever maintains the data (issue 11 item 7).
 *
 * @example checkReportSheet(preview.issues).name; // => "Prüfbericht"
 */
export function checkReportSheet(issues: readonly Issue[]): SheetSpec {
  return pruefberichtSheet(errorsFirst(issues), (t) => t);
}

// --- Methode ------------------------------------------------------------------------------------------

const AREA_METHOD_TEXT: Record<AreaMethod, string> = {
  "mean-of-units": "Mittelwert des Gesamtindex der Einrichtungen",
  "sum-of-units": "Summe des Gesamtindex der Einrichtungen (begünstigt Sozialräume mit vielen Kitas)",
  aggregate: "Rohwerte je Sozialraum gemittelt, dann normiert über die Sozialräume",
};

function pct(x: number): string {
  return `${formatNumber(x * 100, x * 100 === Math.round(x * 100) ? 0 : 1)} %`;
}

function methodeSheet(allocation: Allocation, ctx: AllocationSheetsContext, publication: boolean): SheetSpec {
  const model: ResolvedModel = allocation.model;
  const o = model.options;
  const b = model.budget;
  const k = b.kofinanzierung;
  const rows: SheetCell[][] = [];
  const kv = (key: string, value: SheetCell) => rows.push([text(key), value]);
  // each section's first row: a page break goes before a section rather than through it (printLayout.ts)
  const sections: number[] = [];
  const section = (title: string) => {
    if (rows.length > 0) rows.push([]);
    sections.push(rows.length + 1);
    rows.push([text(title, true)]);
  };

  section("Nachvollziehbarkeit");
  kv("Erstellt am", text(ctx.date));
  kv("SRB-Version", text(ctx.version));
  kv("Eingabebereich", text(ctx.inputRange));
  kv("Prüfsumme der Eingabewerte (SHA-256)", text(ctx.checksum));
  kv(
    "Regelwerk",
    text(model.ruleSet === "bremen" ? "Bremen (SozPäd-Programm)" : "Rheinland-Pfalz (Sozialraumbudget)"),
  );

  section("Daten");
  kv("Tabellenblatt", text(model.data.sheet));
  kv("Spalte Einrichtung", text(model.data.id));
  kv("Spalte Sozialraum", text(model.data.area));
  kv("Spalte Kinder", text(model.data.children ?? "–"));

  section("Optionen");
  kv("Normierung", text(o.normalisation === "tscore" ? "T-Wert (50 + 10 · z)" : "Min-Max (0–100)"));
  kv("Standardabweichung", text(o.sd === "population" ? "Grundgesamtheit (n)" : "Stichprobe (n − 1)"));
  kv("Sozialraum-Index", text(AREA_METHOD_TEXT[o.areaMethod]));
  kv("Gewichtung nach Kinderzahl", yesNo(o.childWeighted));
  kv("Ausreißerbehandlung (Winsorisierung)", yesNo(o.winsorise));
  kv("Feste Grenzwerte (Referenzjahr)", yesNo(o.goalposts));
  kv(
    "Mindestabdeckung",
    text(
      o.coverage
        ? `Einrichtung ${pct(o.coverage.unit)}, Indikator ${pct(o.coverage.indicator)}; sonst ${o.coverage.level === "error" ? "Fehler" : "Warnung"}`
        : "keine",
    ),
  );
  kv(
    "Sockel",
    text(
      o.sockel
        ? `${pct(o.sockel.fraction)} des Budgets, ${o.sockel.by === "children" ? "nach Kinderzahl" : "gleich je Sozialraum"}`
        : "keiner",
    ),
  );
  kv("Veröffentlichungsmodus (Codes statt Namen)", yesNo(publication));
  kv("Kategorie für Interkulturelle Fachkräfte", text(model.strand3Category));

  section("Budget");
  kv("Gesamtbudget", num(allocation.budget, MONEY_FORMAT));
  if (b.year !== null) kv("Haushaltsjahr", num(b.year, YEAR_FORMAT));
  if (b.dynamisierung) {
    const d = b.dynamisierung;
    kv(
      "Dynamisierung",
      text(`Basis ${formatEuro(d.baseAmount)} (${d.baseYear}), ${formatNumber(d.rate * 100, 1)} % jährlich`),
    );
  }
  kv("Landesanteil an den Personalkosten", num(k.landShare, PERCENT_FORMAT));
  kv("Kommunaler Anteil an den Personalkosten", num(k.municipalShare, PERCENT_FORMAT));
  if (b.costPerVzae !== null) kv("Arbeitgeberkosten je VZÄ", num(b.costPerVzae, MONEY_FORMAT));
  kv("VZÄ-Schrittweite", num(b.vzaeStep, VZAE_FORMAT));

  section("Indikatoren");
  rows.push(
    ["Indikator", "Spalte", "Kategorie", "Richtung", "Gewicht in der Kategorie", "Effektives Gewicht"].map(
      (h) => text(h, true),
    ),
  );
  const firstIndicator = rows.length + 1;
  for (const ind of model.indicators) {
    const eff = allocation.effectiveWeights.find((e) => e.column === ind.column);
    rows.push([
      text(ind.label),
      text(ind.column),
      text(ind.category),
      text(ind.direction === 1 ? "+1 (höherer Wert = mehr Bedarf)" : "−1 (höherer Wert = weniger Bedarf)"),
      num(ind.weight, WEIGHT_FORMAT),
      num(eff?.weight ?? null, PERCENT_FORMAT),
    ]);
  }
  if (model.indicators.length > 0) {
    const lastIndicator = rows.length;
    rows.push([
      text("Summe", true),
      EMPTY,
      EMPTY,
      EMPTY,
      EMPTY,
      formula(
        colSum(6, firstIndicator, lastIndicator),
        plainSum(allocation.effectiveWeights.map((e) => e.weight)),
        PERCENT_FORMAT,
      ),
    ]);
  }
  rows.push([
    text(
      "Effektives Gewicht = Anteil der Kategorie am Gesamtindex × Anteil des Indikators in seiner Kategorie.",
    ),
  ]);

  section("Kategorien");
  rows.push(["Kategorie", "Gewicht im Gesamtindex"].map((h) => text(h, true)));
  for (const c of model.categories) rows.push([text(c.name), num(c.weight, WEIGHT_FORMAT)]);

  if (model.ruleSet === "bremen" && model.bremen) {
    const br = model.bremen;
    section("Regeln Bremen");
    rows.push(["Kita-Index über", "Kinder ab", "Kinder bis", "VZÄ"].map((h) => text(h, true)));
    for (const r of br.rows) {
      rows.push([
        num(r.indexAbove, INDEX_FORMAT),
        num(r.childrenMin, COUNT_FORMAT),
        r.childrenMax === null ? text("ohne Grenze") : num(r.childrenMax, COUNT_FORMAT),
        num(r.vzae, VZAE_FORMAT),
      ]);
    }
    kv("Sachkostenpauschale je Jahr", num(br.sachkosten, MONEY_FORMAT));
    kv("Sachkosten im ersten Förderjahr", num(br.sachkostenFirstYear, MONEY_FORMAT));
    kv("Gültigkeit des Index (Jahre)", num(br.indexPeriodYears, COUNT_FORMAT));
    kv(
      "Kita-Index für die Regeln",
      text(
        model.data.kitaIndex
          ? `Spalte „${model.data.kitaIndex}“ (extern berechneter Kita-Index)`
          : "keine Kita-Index-Spalte: SRB-Gesamtindex (Min-Max über die Einrichtungen dieses Blatts) – eine andere Skala als der Bremer Kita-Index des Statistischen Landesamts, die Grenze „über 50“ bedeutet hier nicht dasselbe (siehe Prüfbericht)",
      ),
    );
    // the other columns the rules read: without them the Bremen figures cannot be reproduced from the sheet
    kv("Spalte Verbund", text(model.data.verbund ? `„${model.data.verbund}“` : "keine (jede Kita für sich)"));
    kv("Spalte erstes Förderjahr", text(model.data.firstYear ? `„${model.data.firstYear}“` : "keine"));
  }

  return {
    name: SHEET_NAMES.methode,
    rows,
    // the Kategorie column as wide as the longest category name (within reason), not cut by the Richtung
    columnWidths: [
      42,
      34,
      textColumnWidth(
        22,
        model.categories.map((c) => c.name),
        40,
      ),
      34,
      22,
      18,
    ],
    print: { sections },
  };
}

// --- entry point --------------------------------------------------------------------------------------

/**
 * The generated sheets of an allocation (SPEC.md §7), in this order: Verteilung, Einrichtungen,
 * Normbereiche, Prüfbericht, Methode. In publication mode every unit name becomes its code, also inside
 * messages and reasons.
 *
 * @example
 * const specs = allocationSheets(allocation, {
 *   inputRange: "Kitas!A1:T33", checksum: await inputChecksum(table), date: "2024-05-17",
 *   version: "0.1.0", issues,
 * });
 * specs.map((s) => s.name); // => ["Verteilung", "Einrichtungen", "Normbereiche", "Prüfbericht", "Methode"]
 */
export function allocationSheets(allocation: Allocation, ctx: AllocationSheetsContext): SheetSpec[] {
  const publication = ctx.publication ?? allocation.model.options.publication;
  const anonymise = publication ? pseudonymiser(allocation.units) : (t: string) => t;
  const issues = errorsFirst(ctx.issues);
  return [
    verteilungSheet(allocation),
    einrichtungenSheet(allocation, publication, anonymise, ctx.strandOverrides, ctx.counting),
    normbereicheSheet(allocation),
    pruefberichtSheet(issues, anonymise),
    methodeSheet(allocation, ctx, publication),
  ];
}

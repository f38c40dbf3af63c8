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
import type { Issue } from "../engine/issues";
import type { AreaMethod, ResolvedModel } from "../engine/model";
import { NO_TRAEGER } from "../engine/traegerSummary";
import { columnLetters } from "../engine/table";
import {
  COUNT_FORMAT,
  INDEX_FORMAT,
  MONEY_FORMAT,
  PERCENT_FORMAT,
  VZAE_FORMAT,
  WEIGHT_FORMAT,
  formatEuro,
  formatNumber,
} from "./numberFormats";
import type { SheetCell, SheetSpec } from "./port";
import { columnTable, sumWhereEqual, type Column } from "./columnTable";
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
function num(value: number | null | undefined, numFmt?: string, bold = false): SheetCell {
  // a value that is not a finite number (a norm band of too few units) stays blank, never "NaN" or #NUM!
  const cell: SheetCell = { value: typeof value === "number" && Number.isFinite(value) ? value : null };
  if (numFmt) cell.numFmt = numFmt;
  if (bold) cell.bold = true;
  return cell;
}
function formula(f: string, cached: number, numFmt?: string, bold = true): SheetCell {
  const cell: SheetCell = { value: cached, formula: f };
  if (numFmt) cell.numFmt = numFmt;
  if (bold) cell.bold = true;
  return cell;
}
function yesNo(flag: boolean): SheetCell {
  return text(flag ? "ja" : "nein");
}
function bandCell(b: Band | null): SheetCell {
  return text(b ? BAND_TEXT[b] : "–");
}
const EMPTY: SheetCell = { value: null };

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
      areas.length > 0
        ? [
            {
              kind: "bar",
              title: "Anteile der Sozialräume am Budget",
              firstRow: table.firstRow,
              lastRow: table.lastRow,
              categoryColumn: table.column("name"),
              seriesColumns: [table.column("share")],
              anchor: `${columnLetters(columns.length + 2)}2`,
            },
          ]
        : [],
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
): SheetSpec {
  const units = allocation.units;
  const categories = allocation.model.categories.map((c) => c.name);
  const bremen = allocation.model.ruleSet === "bremen" || units.some((u) => u.bremen !== undefined);
  if (units.some((u) => u.plan !== undefined)) return stellenplanSheet(allocation, publication, anonymise);
  const any = units.length > 0;
  const sum = any ? { total: "sum" as const } : {};
  const cents = any ? { total: "cents" as const } : {};
  const columns: Column<UnitResult>[] = [
    {
      key: "id",
      header: publication ? "Einrichtung (Code)" : "Einrichtung",
      width: 24,
      value: (u) => text(publication ? u.code : u.id),
    },
    { key: "area", header: "Sozialraum", width: 14, value: (u) => text(u.area) },
    {
      key: "children",
      header: "Kinder",
      width: 8,
      value: (u) => num(u.children, COUNT_FORMAT),
      ...(units.some((u) => u.children !== null) ? sum : {}),
    },
    ...categories.map((c, i): Column<UnitResult> => ({
      key: `category ${i}`,
      header: c,
      width: 14,
      value: (u) => num(u.categories[c] ?? null, INDEX_FORMAT),
    })),
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
            value: (u) => text(anonymise(u.bremen?.reason ?? "")),
          },
        ] satisfies Column<UnitResult>[])
      : []),
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
  const table = columnTable(columns, units);
  const rows: SheetCell[][] = [...table.rows, table.total];

  // Per-area totals: the proposal adds up to the area's amount; the difference shows the user's changes.
  // Names are matched exactly (no SUMIF: "Nord*" or "<5" would be read as a pattern or a comparison).
  rows.push([]);
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
  rows.push([
    text(
      "„Betrag (angepasst)“ leer lassen, wenn der Vorschlag gilt; ein eingetragener Betrag ersetzt ihn, " +
        "„Differenz“ zeigt die Änderung. Der Vorschlag ist eine Empfehlung des Jugendamts; die Entscheidung trifft das Jugendamt nach Beratung mit den Trägern.",
    ),
  ]);
  const resultTable = table.table(TABLE_NAMES.einrichtungen);
  return {
    name: SHEET_NAMES.einrichtungen,
    rows,
    columnWidths: table.widths,
    freezeRows: 1,
    charts: any
      ? [
          {
            kind: "line",
            title: "Gesamtindex der Einrichtungen und Normbereich",
            // the header row names the three lines: Gesamtindex, Normbereich unten, Normbereich oben
            firstRow: table.headerRow,
            lastRow: table.lastRow,
            categoryColumn: table.column("id"),
            seriesColumns: [table.column("index"), table.column("lower"), table.column("upper")],
            anchor: `${columnLetters(columns.length + 2)}2`,
          },
        ]
      : [],
    ...(resultTable ? { tables: [resultTable] } : {}),
  };
}

/**
 * Einrichtungen as a Stellenplan (SPEC §5, §7): per Kita its strands, the set-aside and index VZÄ, override
 * columns per strand, the VZÄ that count, personnel volume, Land and municipal part (formulas over the
 * parameters at the bottom of the sheet), per Sozialraum the difference to the area amount (nicht verplant),
 * and the Träger summary when the model names a Träger column.
 */
function stellenplanSheet(
  allocation: Allocation,
  publication: boolean,
  anonymise: (t: string) => string,
): SheetSpec {
  const units = allocation.units;
  const m = allocation.model;
  const categories = m.categories.map((c) => c.name);
  const bremen = m.ruleSet === "bremen" || units.some((u) => u.bremen !== undefined);
  const withTraeger = allocation.traeger !== undefined;
  const k = m.budget.kofinanzierung;
  const cost = m.budget.costPerVzae ?? 0;
  const sharesAddUp = Math.abs(k.landShare + k.municipalShare - 1) < 1e-9;
  const traegerOf = (u: UnitResult) => u.traeger?.trim() || NO_TRAEGER;

  const header: string[] = [
    publication ? "Einrichtung (Code)" : "Einrichtung",
    "Sozialraum",
    ...(withTraeger ? ["Träger"] : []),
    "Kinder",
    ...categories,
    "Gesamtindex",
    "Normbereich",
    "Kita-Sozialarbeit",
    "Nachbarschaftszentrum",
    "Interkulturelle Fachkräfte",
    "Interkulturell als Ausnahme",
    "Zusatzpersonal",
  ];
  const colIndex = header.indexOf("Gesamtindex") + 1;
  const col4 = header.length + 1; // VZÄ Strang 4 (vorab)
  header.push(
    "VZÄ Strang 4 (vorab)",
    "VZÄ Strang 2 (vorab)",
    "VZÄ nach Index (Strang 1/3)",
    "VZÄ (Vorschlag)",
    "VZÄ Strang 1 (angepasst)",
    "VZÄ Strang 2 (angepasst)",
    "VZÄ Strang 3 (angepasst)",
    "VZÄ Strang 4 (angepasst)",
    "VZÄ (gilt)",
    "Personalvolumen",
    "Landesanteil (Budget)",
    "Kommunaler Anteil",
    "Betrag (Vorschlag)",
    "Differenz",
  );
  const c = (offset: number) => columnLetters(col4 + offset);
  const [S4, S2, SI, PROP, O1, , , O4, GILT, PV, LAND, MUNI, BPROP] = Array.from({ length: 13 }, (_, i) =>
    c(i),
  );
  if (bremen) header.push("Kita-Index (Bremen)", "VZÄ (Bremen)", "Sachkosten", "Begründung");
  header.push("Normbereich unten", "Normbereich oben");
  const colLower = header.length - 1;
  const colUpper = header.length;

  const first = 2;
  const last = units.length + 1;
  // rows below the table: total, blank, area block (title, header, one row per area), blank, parameters
  const paramTitle = last + 1 + 1 + 1 + 1 + allocation.areas.length + 1 + 1;
  const costCell = `$B$${paramTitle + 1}`;
  const landCell = `$B$${paramTitle + 2}`;
  const muniCell = `$B$${paramTitle + 3}`;

  const rows: SheetCell[][] = [header.map((h) => text(h, true))];
  units.forEach((u, i) => {
    const r = i + 2;
    const p = u.plan;
    const vzae = p?.vzae ?? 0;
    const row: SheetCell[] = [
      text(publication ? u.code : u.id),
      text(u.area),
      ...(withTraeger ? [text(traegerOf(u))] : []),
      num(u.children, COUNT_FORMAT),
      ...categories.map((name) => num(u.categories[name] ?? null, INDEX_FORMAT)),
      num(u.index, INDEX_FORMAT),
      bandCell(u.band),
      yesNo(u.eligible.sozialarbeit),
      yesNo(u.eligible.nachbarschaftszentrum),
      yesNo(u.eligible.interkulturell),
      yesNo(u.eligible.interkulturellException),
      yesNo(u.eligible.zusatzpersonal),
      num(p?.strand4Vzae ?? 0, VZAE_FORMAT),
      num(p?.strand2Vzae ?? 0, VZAE_FORMAT),
      num(p?.indexVzae ?? vzae, VZAE_FORMAT),
      formula(`${S4}${r}+${S2}${r}+${SI}${r}`, vzae, VZAE_FORMAT, false),
      { value: null, numFmt: VZAE_FORMAT },
      { value: null, numFmt: VZAE_FORMAT },
      { value: null, numFmt: VZAE_FORMAT },
      { value: null, numFmt: VZAE_FORMAT },
      formula(
        `IF(COUNT(${O1}${r}:${O4}${r})=0,${PROP}${r},SUM(${O1}${r}:${O4}${r}))`,
        vzae,
        VZAE_FORMAT,
        false,
      ),
      formula(`ROUND(${GILT}${r}*${costCell},2)`, p?.personnelVolume ?? 0, MONEY_FORMAT, false),
      formula(`ROUND(${GILT}${r}*${costCell}*${landCell},2)`, p?.amount ?? 0, MONEY_FORMAT, false),
      formula(
        sharesAddUp ? `${PV}${r}-${LAND}${r}` : `ROUND(${GILT}${r}*${costCell}*${muniCell},2)`,
        p?.municipal ?? 0,
        MONEY_FORMAT,
        false,
      ),
      num(p?.amount ?? u.proposedAmount, MONEY_FORMAT),
      formula(`${LAND}${r}-${BPROP}${r}`, 0, MONEY_FORMAT, false),
    ];
    if (bremen) {
      row.push(
        num(u.bremen?.kitaIndex ?? null, INDEX_FORMAT),
        num(u.bremen?.vzae ?? 0, VZAE_FORMAT),
        num(u.bremen?.sachkosten ?? 0, MONEY_FORMAT),
        text(anonymise(u.bremen?.reason ?? "")),
      );
    }
    row.push(num(allocation.norm.index.lower, INDEX_FORMAT), num(allocation.norm.index.upper, INDEX_FORMAT));
    rows.push(row);
  });

  // total row: sums of every staff and money column
  const total: SheetCell[] = Array.from({ length: header.length }, () => EMPTY);
  total[0] = text("Summe", true);
  const childrenCol = withTraeger ? 4 : 3;
  const sums: [number, number, string, boolean][] = [
    [col4, plainSum(units.map((u) => u.plan?.strand4Vzae)), VZAE_FORMAT, false],
    [col4 + 1, plainSum(units.map((u) => u.plan?.strand2Vzae)), VZAE_FORMAT, false],
    [col4 + 2, plainSum(units.map((u) => u.plan?.indexVzae)), VZAE_FORMAT, false],
    [col4 + 3, plainSum(units.map((u) => u.plan?.vzae)), VZAE_FORMAT, false],
    [col4 + 4, 0, VZAE_FORMAT, false],
    [col4 + 5, 0, VZAE_FORMAT, false],
    [col4 + 6, 0, VZAE_FORMAT, false],
    [col4 + 7, 0, VZAE_FORMAT, false],
    [col4 + 8, plainSum(units.map((u) => u.plan?.vzae)), VZAE_FORMAT, false],
    [col4 + 9, centSum(units.map((u) => u.plan?.personnelVolume)), MONEY_FORMAT, true],
    [col4 + 10, centSum(units.map((u) => u.plan?.amount)), MONEY_FORMAT, true],
    [col4 + 11, centSum(units.map((u) => u.plan?.municipal)), MONEY_FORMAT, true],
    [col4 + 12, centSum(units.map((u) => u.plan?.amount ?? u.proposedAmount)), MONEY_FORMAT, true],
    [col4 + 13, 0, MONEY_FORMAT, true],
  ];
  if (units.length > 0) {
    if (units.some((u) => u.children !== null)) {
      total[childrenCol - 1] = formula(
        colSum(childrenCol, first, last),
        plainSum(units.map((u) => u.children)),
        COUNT_FORMAT,
      );
    }
    for (const [col, value, fmt] of sums) total[col - 1] = formula(colSum(col, first, last), value, fmt);
    if (bremen) {
      const colVzaeB = col4 + 15;
      total[colVzaeB - 1] = formula(
        colSum(colVzaeB, first, last),
        plainSum(units.map((u) => u.bremen?.vzae)),
        VZAE_FORMAT,
      );
      total[colVzaeB] = formula(
        colSum(colVzaeB + 1, first, last),
        centSum(units.map((u) => u.bremen?.sachkosten)),
        MONEY_FORMAT,
      );
    }
  }
  rows.push(total);

  // per Sozialraum: the plan against the area amount; "nicht verplant" follows the overrides
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
  const areaRange = `$B$${first}:$B$${last}`;
  const rangeOf = (letters: string) => `$${letters}$${first}:$${letters}$${last}`;
  for (const a of allocation.areas) {
    const r = rows.length + 1;
    const mine = units.filter((u) => u.area === a.name);
    const moved = centSum([a.plan?.received ?? 0, -(a.plan?.given ?? 0)]);
    const sumif = (letters: string, cached: number, fmt: string) =>
      formula(sumWhereEqual(areaRange, `A${r}`, rangeOf(letters)), cached, fmt, false);
    rows.push([
      text(a.name),
      num(a.amount, MONEY_FORMAT),
      num(moved, MONEY_FORMAT),
      sumif(GILT, plainSum(mine.map((u) => u.plan?.vzae)), VZAE_FORMAT),
      sumif(LAND, centSum(mine.map((u) => u.plan?.amount)), MONEY_FORMAT),
      sumif(MUNI, centSum(mine.map((u) => u.plan?.municipal)), MONEY_FORMAT),
      sumif(PV, centSum(mine.map((u) => u.plan?.personnelVolume)), MONEY_FORMAT),
      formula(`B${r}+C${r}-E${r}`, a.unplanned ?? 0, MONEY_FORMAT, false),
    ]);
  }

  // the parameters the formulas use (on this sheet: a renamed sheet keeps its formulas right)
  rows.push([]);
  rows.push([text("Grundlagen des Stellenplans", true)]);
  rows.push([text("Kosten je VZÄ (Arbeitgeberkosten im Jahr)"), num(cost, MONEY_FORMAT)]);
  rows.push([text("Landesanteil (aus dem Budget)"), num(k.landShare, PERCENT_FORMAT)]);
  rows.push([text("Kommunaler Anteil (Jugendamt)"), num(k.municipalShare, PERCENT_FORMAT)]);
  rows.push([text("VZÄ-Schrittweite"), num(m.budget.vzaeStep, VZAE_FORMAT)]);
  rows.push([text("VZÄ Nachbarschaftszentrum (Strang 2)"), num(m.rules.strand2Vzae, VZAE_FORMAT)]);
  rows.push([
    text("Sozialraum ohne förderfähige Einrichtung"),
    text(
      m.rules?.unspent === "redistribute"
        ? "Betrag wird nach den Anteilen aus Schritt 1 auf die anderen Sozialräume umverteilt"
        : "Betrag bleibt nicht verplant",
    ),
  ]);

  if (withTraeger) {
    const traegerCol = 3;
    const traegerRange = `$${columnLetters(traegerCol)}$${first}:$${columnLetters(traegerCol)}$${last}`;
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
      const r = rows.length + 1;
      const sumif = (letters: string, cached: number, fmt: string) =>
        formula(sumWhereEqual(traegerRange, `A${r}`, rangeOf(letters)), cached, fmt, false);
      rows.push([
        text(t.traeger),
        formula(`SUMPRODUCT(--EXACT(${traegerRange},A${r}))`, t.units, COUNT_FORMAT, false),
        sumif(GILT, t.vzae, VZAE_FORMAT),
        sumif(LAND, t.amount, MONEY_FORMAT),
        sumif(MUNI, t.municipal, MONEY_FORMAT),
        sumif(PV, t.personnelVolume, MONEY_FORMAT),
      ]);
    }
  }

  rows.push([]);
  rows.push([
    text(
      "Stellenplan-Vorschlag des Jugendamts: zuerst das betriebserlaubnisrelevante Zusatzpersonal (Strang 4) und " +
        "das Nachbarschaftszentrum (Strang 2), unabhängig vom Index; der Rest nach Gesamtindex in ganzen VZÄ-Schritten. " +
        "Über die Aufteilung auf Strang 1 und 3 entscheidet das Sozialraum-Team: VZÄ in die Spalten „(angepasst)“ " +
        "eintragen – dann gilt ihre Summe statt des Vorschlags, Beträge und „nicht verplant“ rechnen mit. " +
        "Die Entscheidung trifft das Jugendamt nach Beratung mit den Trägern.",
    ),
  ]);

  const widths = [
    24,
    14,
    ...(withTraeger ? [16] : []),
    8,
    ...categories.map(() => 14),
    12,
    12,
    12,
    14,
    14,
    14,
    13,
  ];
  widths.push(11, 11, 13, 11, 11, 11, 11, 11, 10, 15, 15, 15, 15, 12);
  if (bremen) widths.push(14, 8, 13, 50);
  widths.push(12, 12);
  return {
    name: SHEET_NAMES.einrichtungen,
    rows,
    columnWidths: widths,
    freezeRows: 1,
    charts:
      units.length > 0
        ? [
            {
              kind: "line",
              title: "Gesamtindex der Einrichtungen und Normbereich",
              firstRow: 1,
              lastRow: last,
              categoryColumn: 1,
              seriesColumns: [colIndex, colLower, colUpper],
              anchor: `${columnLetters(header.length + 2)}2`,
            },
          ]
        : [],
  };
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
      text(i.level === "error" ? "Fehler" : "Warnung"),
      text(i.sheet),
      text(i.cell),
      text(i.code),
      text(anonymise(i.message)),
    ]);
  }
  return {
    name: SHEET_NAMES.pruefbericht,
    rows,
    columnWidths: [10, 16, 8, 22, 100],
    freezeRows: 1,
    ...resultTable(TABLE_NAMES.pruefbericht, rows.length, 5),
  };
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
  const section = (title: string) => {
    if (rows.length > 0) rows.push([]);
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
  kv("Feste Referenzwerte (Vorjahr)", yesNo(o.goalposts));
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
  if (b.year !== null) kv("Haushaltsjahr", num(b.year, COUNT_FORMAT));
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
  }

  return { name: SHEET_NAMES.methode, rows, columnWidths: [42, 34, 22, 34, 22, 18] };
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
    einrichtungenSheet(allocation, publication, anonymise),
    normbereicheSheet(allocation),
    pruefberichtSheet(issues, anonymise),
    methodeSheet(allocation, ctx, publication),
  ];
}

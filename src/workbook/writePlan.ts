/**
 * The write plan: everything SRB decides before it writes its sheets into a workbook, in one pure function
 * shared by both adapters (Office.js and .xlsx). The adapters read what the plan needs (sheet names,
 * visibility, the store, fingerprints of candidate sheets, table names), call `planWrite`, and apply the
 * result; no write policy lives in an adapter.
 *
 * What the plan decides:
 * - **Whose sheet is it.** A sheet is SRB's only when SRB can prove it: it is listed in the store *and* its
 *   content still has the fingerprint recorded when SRB wrote it. A store that lists a sheet without a
 *   fingerprint (an older or hand-edited store), an edited sheet, a sheet re-created by the user under the
 *   same name, or one too large to check is the user's: never rewritten, never deleted (a note says so).
 * - **Rewrite in place, create, remove.** A requested sheet whose name is held by one of SRB's proven sheets
 *   rewrites that sheet in place (the same sheet object: the user's formulas that point at it keep working);
 *   otherwise a new sheet is created under a free name ("Verteilung (2)" when a user sheet has the name).
 *   SRB's proven sheets that are no longer requested are removed.
 * - **The store sheet.** `_SRB`, hidden, and carrying its own marker row ("SRB", version); a user's sheet of
 *   that name (visible, or without the marker) is never taken: the store goes to "_SRB (2)" … instead.
 * - **Excel's limits** (rows, columns, 32,767 characters per cell, cut without splitting a surrogate pair),
 *   characters XML cannot hold, non-finite numbers (written as #NUM!), the tab colour, chart validity
 *   (data range and anchor on the sheet), table validity and unique table names — each with its German note.
 */
import { a1 } from "../engine/table";
import type { ChartSpec, SheetCell, SheetSpec, TableSpec } from "./port";
import { STORE_SHEET } from "./port";
import { CHART_ROWS, planPrint, wrappedRowHeights, type PlannedPrint } from "./printLayout";
import { resolveSheetName, sameSheetName } from "./sheetNames";
import { columnWidthFor } from "./textWidth";
import { sheetFingerprintOf, type DecodedStore, type FingerprintCell, type StoreContent } from "./store";
import { isPlainXmlText, xmlSafeText, xmlUnsafeNote } from "./xmlText";
import { formatNumber } from "../engine/germanFormat";

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_TEXT = 32_767;
/** Tab colour of SRB's generated sheets, RGB hex without "#" (Office.js: "#1F5C99", .xlsx: "FF1F5C99"). */
export const GENERATED_TAB_COLOUR = "1F5C99";

/** One sheet of the workbook as the adapter found it. */
export interface ExistingSheet {
  name: string;
  /** Shown as a tab (not hidden, not veryHidden). */
  visible: boolean;
  /**
   * Its content fingerprint as read now (`sheetFingerprint`, store.ts); null when it was too large to read
   * back; undefined when the adapter did not read it (not a candidate, e.g. without SRB's tab colour).
   */
  fingerprint?: string | null;
  /**
   * Its fingerprint as SRB builds before 2026-11-30 took it (`earlierNumberText`): asked only when
   * `fingerprint` differs from the recorded one, so that a sheet of a file those builds wrote stays SRB's.
   */
  earlierFingerprint?: () => string | null;
  /** Why it could not be read back at all (damaged, too large for the reader): its fingerprint is then null. */
  unreadable?: string;
  /** Names of the Excel tables on this sheet. */
  tables?: string[];
}

export interface PlanInput {
  /** Every sheet, in workbook order, the store sheet(s) included. */
  sheets: ExistingSheet[];
  /** The store as decoded from the sheet `storeSheet` (undefined: no store yet). */
  store?: { sheet: string; content: DecodedStore };
  specs: SheetSpec[];
  /** Rows an adapter reads back for a fingerprint (for the "too large to check" note). */
  fingerprintRows?: number;
}

/** One cell as it is to be written. */
export interface PlannedCell {
  /** Text (cut to Excel's limit, XML-safe), number, boolean, the error literal "#NUM!", or null (blank). */
  value: string | number | boolean | null;
  /** Formula (English syntax, no leading "="); `value` is then its cached result. */
  formula?: string;
  /** `value` is an Excel error literal (a non-finite number written as "#NUM!"), not text. */
  error?: boolean;
  numFmt?: string;
  bold?: boolean;
  /** Wrapped within the column width. */
  wrap?: boolean;
  /** The text was cut to Excel's limit (`requested` characters were asked for). */
  cut?: { requested: number };
}

export interface PlannedTable extends TableSpec {
  /** The header texts, in column order. */
  headers: string[];
}

export interface PlannedSheet {
  /** The name the caller asked for. */
  requested: string;
  /** The name it is written under. */
  name: string;
  /** The existing sheet (SRB's, unchanged) rewritten in place under `name`, or null: a new sheet. */
  rewrite: string | null;
  /** Cells within Excel's limits, row-major from A1 (rows may be ragged). */
  rows: PlannedCell[][];
  /** Widest row (≤ EXCEL_MAX_COLUMNS). */
  columns: number;
  columnWidths: number[];
  freezeRows: number;
  /** Charts whose data range and anchor lie on the sheet. */
  charts: ChartSpec[];
  tables: PlannedTable[];
  /** Page set-up and page header (printLayout.ts). */
  print: PlannedPrint;
  /** Heights (points) of rows with wrapped cells that take more than one line. */
  rowHeights: { row: number; points: number }[];
  /** Content fingerprint of what is written (recorded in the store). */
  fingerprint: string;
}

export interface WritePlan {
  sheets: PlannedSheet[];
  /** SRB's earlier sheets no longer generated: deleted (after the new ones exist). */
  remove: string[];
  /** SRB's earlier sheets rewritten or removed (the port's `WriteReport.replaced`). */
  replaced: string[];
  /** Where the store goes: an existing store sheet, or a new hidden one under `sheet`. */
  store: { sheet: string; exists: boolean; content: StoreContent };
  /** Nothing visible would remain: add an empty sheet under this name. */
  addBlankSheet: string | null;
  notes: string[];
}

// ── who owns what ─────────────────────────────────────────────────────────────────────────────────────

const STORE_NAME = /^_SRB(?: \((\d+)\))?$/i;

/**
 * The sheets that may hold SRB's store: hidden, named "_SRB" or "_SRB (n)" (any case). The adapter reads
 * them and passes the one `isStoreContent` accepts to the plan; a visible one is always the user's.
 *
 * @example storeCandidates([{ name: "_srb", visible: true }, { name: "_SRB", visible: false }]); // => ["_SRB"]
 */
export function storeCandidates(sheets: readonly { name: string; visible: boolean }[]): string[] {
  return sheets.filter((s) => !s.visible && STORE_NAME.test(s.name)).map((s) => s.name);
}

/**
 * Whether decoded rows are SRB's store: its own marker row ("SRB", version ≥ 1).
 *
 * @example isStoreContent(decodeStore([["SRB", 1]])); // => true
 * @example isStoreContent(decodeStore([["Meine Notiz"]])); // => false
 */
export function isStoreContent(store: DecodedStore): boolean {
  return store.version >= 1;
}

/** A name for a new store sheet that no existing sheet has: "_SRB", else "_SRB (2)" … */
function freeStoreName(sheets: readonly ExistingSheet[]): string {
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(STORE_SHEET.toLowerCase())) return STORE_SHEET;
  for (let n = 2; ; n++) {
    const name = `${STORE_SHEET} (${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

// ── notes (German, one wording for both adapters) ─────────────────────────────────────────────────────

/**
 * An SRB sheet a re-run no longer generates is kept because it carries the user's chart, picture or shape
 * (Office.js adapter: the package adapter keeps such a sheet as edited).
 *
 * @example keptSheetNote("Robustheit"); // => "Das Blatt „Robustheit“ erzeugt SRB nicht mehr, es bleibt aber stehen: …"
 */
export function keptSheetNote(sheet: string): string {
  return (
    `Das Blatt „${sheet}“ erzeugt SRB nicht mehr, es bleibt aber stehen: Es trägt ein Diagramm, ein Bild oder ` +
    "eine Form, die nicht von SRB stammen. Es gehört jetzt Ihnen – löschen Sie es, wenn Sie es nicht mehr brauchen."
  );
}

/**
 * An SRB sheet no longer generated that Excel below ExcelApi 1.9 cannot check for the user's pictures and
 * shapes: it stays (still SRB's), and the user may delete it.
 *
 * @example uncheckedSheetNote("Robustheit"); // => "Das Blatt „Robustheit“ erzeugt SRB nicht mehr. Diese Excel-Version …"
 */
export function uncheckedSheetNote(sheet: string): string {
  return (
    `Das Blatt „${sheet}“ erzeugt SRB nicht mehr. Diese Excel-Version kann SRB nicht sagen, ob darauf eigene ` +
    "Bilder oder Formen liegen; darum bleibt es mit den Ergebnissen des früheren Laufs stehen. Löschen Sie es, " +
    "wenn Sie es nicht mehr brauchen."
  );
}

/** An earlier generated sheet changed since SRB wrote it (or the user re-created it). */
export function editedNote(sheet: string): string {
  return (
    `Blatt „${sheet}“ wurde seit dem letzten Lauf von SRB verändert (oder neu angelegt) – es bleibt ` +
    `unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt; die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.`
  );
}

/** A sheet the store lists without a fingerprint: SRB cannot prove it wrote it. */
export function unprovenNote(sheet: string): string {
  return (
    `Blatt „${sheet}“ steht im Speicher von SRB (Blatt „_SRB“) ohne Prüfsumme (älterer oder von Hand geänderter ` +
    `Speicher) – SRB kann nicht belegen, dass es das Blatt geschrieben hat; es bleibt unverändert erhalten und gilt ` +
    `als Ihr eigenes Blatt (löschen Sie es, wenn es ein altes Ergebnis ist).`
  );
}

/**
 * An earlier generated sheet that cannot be read back at all (the reader's German reason): kept as it is.
 *
 * @example unreadableNote("Verteilung", "Blatt „Verteilung“ ist zu groß für SRB …").startsWith("Blatt „Verteilung“ aus dem letzten Lauf"); // => true
 */
export function unreadableNote(sheet: string, reason: string): string {
  return (
    `Blatt „${sheet}“ aus dem letzten Lauf von SRB lässt sich nicht auf Änderungen prüfen (${reason.replace(/\.$/, "")}) – ` +
    `es bleibt unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt (löschen Sie es, wenn Sie es nicht mehr ` +
    `brauchen); die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.`
  );
}

/** An earlier generated sheet too large to be read back for its fingerprint. */
export function tooLargeToCheckNote(sheet: string, rows: number): string {
  return (
    `Blatt „${sheet}“ aus dem letzten Lauf von SRB hat mehr als ${formatNumber(rows)} Zeilen und lässt sich in Excel ` +
    `nicht in einem Schritt auf Änderungen prüfen – es bleibt unverändert erhalten und gilt ab jetzt als Ihr eigenes Blatt ` +
    `(löschen Sie es, wenn Sie es nicht mehr brauchen); die neuen Ergebnisse stehen auf einem Blatt mit anderem Namen.`
  );
}

/** The phrases with which SRB's sheets point to another of SRB's sheets: „im Blatt „X““ and the like. */
const SHEET_POINTERS = ["im Blatt „", "(Blatt „", "Ausführlich: Blatt „"] as const;

/**
 * The sheet with its texts that point to another SRB sheet pointing to the name that sheet is written under.
 * Only the phrases SRB's sheets use for their own sheets change: „im Blatt „X““, „(Blatt „X“)“ and
 * „Ausführlich: Blatt „X““. Texts about the user's sheets are phrased otherwise and stay, so that a data
 * sheet called „Einrichtungen“ (which pushes SRB's to „Einrichtungen (2)“) is still the one „aus dem Blatt
 * „Einrichtungen““ and the Prüfbericht's „Blatt „Einrichtungen“: …“ mean; so do a Kita, a heading and a
 * Begründung that merely quote the name.
 *
 * A long note is wrapped into one cell per line (`noteRows`, the Vorlage's paragraphs), so a phrase can start
 * at the end of one line („… sowie im“, „… Einzelheiten im Blatt“) and go on at the start of the next
 * („Blatt „Einrichtungen“ …“, „„Robustheit“.“): such a line is rewritten too, when the cell above it in the
 * same column ends with the phrase's first words.
 *
 * @example withSheetReferences(spec, new Map([["Einrichtungen", "Einrichtungen (2)"]])); // cells say „im Blatt „Einrichtungen (2)““
 */
export function withSheetReferences(spec: SheetSpec, renamed: ReadonlyMap<string, string>): SheetSpec {
  if (renamed.size === 0) return spec;
  const pairs = [...renamed].flatMap(([from, to]) =>
    SHEET_POINTERS.map((lead) => [`${lead}${from}“`, `${lead}${to}“`] as const),
  );
  // a phrase wrapped at one of its blanks: the line above ends with its first words („im“, „im Blatt“,
  // „(Blatt“, …), the line starts with the rest („Blatt „X““ or „„X““)
  const wrapped = SHEET_POINTERS.flatMap((lead) =>
    [...lead].flatMap((ch, i) => (ch === " " ? [{ head: lead.slice(0, i), tail: lead.slice(i + 1) }] : [])),
  ).flatMap(({ head, tail }) =>
    [...renamed].map(([from, to]) => ({ head, from: `${tail}${from}“`, to: `${tail}${to}“` })),
  );
  const endsWithWords = (above: string, head: string) => {
    const t = above.trimEnd();
    return t === head || t.endsWith(` ${head}`);
  };
  let changed = false;
  const rows = spec.rows.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell?.value !== "string" || !cell.value.includes("„")) return cell;
      let value = cell.value;
      for (const [from, to] of pairs) value = value.split(from).join(to);
      const above = r > 0 ? spec.rows[r - 1]?.[c]?.value : undefined;
      if (typeof above === "string") {
        const at = wrapped.find((w) => value.startsWith(w.from) && endsWithWords(above, w.head));
        if (at !== undefined) value = at.to + value.slice(at.from.length);
      }
      if (value === cell.value) return cell;
      changed = true;
      return { ...cell, value };
    }),
  );
  return changed ? { ...spec, rows } : spec;
}

function renamedNote(requested: string, written: string): string {
  return `Blatt „${requested}“ wurde als „${written}“ angelegt, weil der Name vergeben oder ungültig ist.`;
}

/** A later run rewriting the sheet that took another name: where its results are, and why. */
function stillRenamedNote(requested: string, written: string): string {
  return `Die Ergebnisse für „${requested}“ stehen weiter im Blatt „${written}“, weil der Name „${requested}“ vergeben oder ungültig ist.`;
}

function storeMovedNote(storeSheet: string): string {
  return (
    `Ein eigenes Blatt heißt „${STORE_SHEET}“ – SRB lässt es unverändert und speichert Modell und Blattliste ` +
    `im ausgeblendeten Blatt „${storeSheet}“.`
  );
}

// ── cells ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Cuts text to at most `max` UTF-16 units ending in "…", never between the halves of a surrogate pair.
 *
 * @example cutText("abcdef", 4); // => { text: "abc…", cut: true }
 * @example cutText("abc", 4); // => { text: "abc", cut: false }
 */
export function cutText(text: string, max: number = EXCEL_MAX_CELL_TEXT): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let head = text.slice(0, max - 1);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return { text: `${head}…`, cut: true };
}

interface CellNotes {
  sheet: string;
  notes: string[];
  unsafe: number;
}

/** Text made XML-safe and cut to Excel's limit, counting the cells that had unsafe characters. */
function fitText(value: string, n: CellNotes): { text: string; cut: boolean } {
  const safe = xmlSafeText(value);
  if (safe.replaced > 0) n.unsafe++;
  return cutText(safe.text);
}

/** The style of a cell (number format, bold, wrapped), added to a planned cell after its content. */
function withStyle(planned: PlannedCell, cell: SheetCell): PlannedCell {
  if (cell.numFmt) planned.numFmt = cell.numFmt;
  if (cell.bold) planned.bold = true;
  if (cell.wrap) planned.wrap = true;
  return planned;
}

/** The style as the plan writes it: no empty number format, no `false` flags. */
function styleAsPlanned(cell: SheetCell): boolean {
  return cell.numFmt !== "" && cell.bold !== false && cell.wrap !== false;
}

/** No formula, and the style as the plan writes it. */
function plainStyle(cell: SheetCell): boolean {
  return cell.formula === undefined && styleAsPlanned(cell);
}

/**
 * Is the sheet's own cell already what the plan would make of it? Then it is taken as it is: a sheet of
 * 10,000 Kitas has several hundred thousand cells, and a copy of each is garbage a moment later. The plan
 * never changes a cell it took (header wrapping replaces the cell in the planned row by a copy). Such a
 * cell has its style as the plan writes it (no empty number format, no `false` flags) and either no
 * formula and a finite number, a boolean, a blank (a styled cell to type into) or text XML holds as it is
 * within Excel's limit, or a formula without a leading "=" and a finite number or blank as its result.
 * Each property is read once (the cells of a sheet come in many shapes).
 */
function plannedAsItIs(cell: SheetCell): boolean {
  const { value: v, formula: f } = cell;
  if (!styleAsPlanned(cell)) return false;
  if (f === undefined) {
    if (typeof v === "number") return Number.isFinite(v);
    if (typeof v === "string") return v !== "" && v.length <= EXCEL_MAX_CELL_TEXT && isPlainXmlText(v);
    return v === null || typeof v === "boolean";
  }
  if (f === "" || f.charCodeAt(0) === 0x3d /* "=" */) return false;
  return v === null || (typeof v === "number" && Number.isFinite(v));
}

function planCell(cell: SheetCell | undefined, row: number, column: number, n: CellNotes): PlannedCell {
  if (!cell) return { value: null };
  if (plannedAsItIs(cell)) return cell;
  if (cell.formula !== undefined && cell.formula !== "") {
    const formula = cell.formula.charCodeAt(0) === 0x3d ? cell.formula.slice(1) : cell.formula;
    let value = cell.value ?? null;
    if (typeof value === "string") value = fitText(value, n).text;
    else if (typeof value === "number" && !Number.isFinite(value)) value = null;
    return withStyle({ value, formula }, cell);
  }
  const v = cell.value;
  if (typeof v === "string") {
    const fitted = fitText(v, n);
    if (fitted.text === v && v !== "" && plainStyle(cell)) return cell;
    const planned = withStyle({ value: fitted.text === "" ? null : fitted.text }, cell);
    if (fitted.cut) {
      n.notes.push(
        `Blatt „${n.sheet}“, Zelle ${a1(row, column)}: Text auf ${EXCEL_MAX_CELL_TEXT} Zeichen gekürzt.`,
      );
      planned.cut = { requested: v.length };
    }
    return planned;
  }
  if (typeof v === "number" && !Number.isFinite(v)) {
    n.notes.push(
      `Blatt „${n.sheet}“, Zelle ${a1(row, column)}: keine endliche Zahl (${String(v)}), als #ZAHL! geschrieben.`,
    );
    return withStyle({ value: "#NUM!", error: true }, cell);
  }
  return withStyle({ value: v ?? null }, cell);
}

/** A planned cell's value for its sheet's fingerprint (a formula cell is read by `fingerprintFormula`). */
function fingerprintValue(cell: PlannedCell): FingerprintCell {
  return cell.value;
}

/** A planned cell's formula: it counts as the text `"=" + formula` in the fingerprint. */
function fingerprintFormula(cell: PlannedCell): string | undefined {
  return cell.formula;
}

// ── charts and tables ─────────────────────────────────────────────────────────────────────────────────

/**
 * A1 anchor → 0-based column and row, or null when it is not a cell on a sheet.
 *
 * @example parseAnchor("N2"); // => { col: 13, row: 1 }
 */
export function parseAnchor(anchor: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(anchor.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (col > EXCEL_MAX_COLUMNS || row > EXCEL_MAX_ROWS) return null;
  return { col: col - 1, row: row - 1 };
}

/**
 * Why a chart cannot be drawn on its sheet (German note), or null when it can: its data range must lie on
 * the sheet as written, its anchor must be a cell address, and it needs at least one data row (a text
 * header row at `firstRow` names the series and does not count).
 *
 * @example chartProblem("Verteilung", { ...spec, lastRow: 99 }, rows);
 * // => "Blatt „Verteilung“: Diagramm „Anteile“ nicht erstellt, sein Datenbereich liegt nicht auf dem Blatt."
 */
export function chartProblem(
  sheet: string,
  spec: ChartSpec,
  rows: readonly (readonly ({ value?: unknown } | undefined)[])[],
): string | null {
  const columns = [spec.categoryColumn, ...spec.seriesColumns];
  const valid =
    spec.seriesColumns.length > 0 &&
    Number.isInteger(spec.firstRow) &&
    Number.isInteger(spec.lastRow) &&
    spec.firstRow >= 1 &&
    spec.lastRow >= spec.firstRow &&
    spec.lastRow <= rows.length &&
    columns.every((c) => Number.isInteger(c) && c >= 1 && c <= EXCEL_MAX_COLUMNS);
  if (!valid) {
    return `Blatt „${sheet}“: Diagramm „${spec.title}“ nicht erstellt, sein Datenbereich liegt nicht auf dem Blatt.`;
  }
  if (!parseAnchor(spec.anchor)) {
    return `Blatt „${sheet}“: Diagramm „${spec.title}“ nicht erstellt, „${spec.anchor}“ ist keine Zelladresse (erwartet z. B. „N2“).`;
  }
  const headerRow = rows[spec.firstRow - 1] ?? [];
  const header = spec.seriesColumns.every((c) => typeof headerRow[c - 1]?.value === "string");
  const first = header ? spec.firstRow + 1 : spec.firstRow;
  if (first > spec.lastRow) {
    return `Blatt „${sheet}“: Diagramm „${spec.title}“ nicht erstellt, es hat keine Datenzeilen.`;
  }
  return null;
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/;
const CELL_LIKE = /^(?:[A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d*[Cc]\d*)$/;

/** Whether Excel accepts `name` as a table name (no blanks, not a cell reference, ≤ 255 characters). */
export function isValidTableName(name: string): boolean {
  return TABLE_NAME.test(name) && !CELL_LIKE.test(name);
}

function planTable(
  sheet: string,
  spec: TableSpec,
  rows: PlannedCell[][],
  taken: Set<string>,
  notes: string[],
): PlannedTable | null {
  const fail = (why: string) => {
    notes.push(`Blatt „${sheet}“: Tabelle „${spec.name}“ nicht angelegt, ${why}.`);
    return null;
  };
  if (!isValidTableName(spec.name)) return fail("der Name ist kein gültiger Tabellenname");
  const ok =
    [spec.headerRow, spec.lastRow, spec.firstColumn, spec.lastColumn].every(Number.isInteger) &&
    spec.headerRow >= 1 &&
    spec.lastRow > spec.headerRow &&
    spec.lastRow <= rows.length &&
    spec.firstColumn >= 1 &&
    spec.lastColumn >= spec.firstColumn &&
    spec.lastColumn <= EXCEL_MAX_COLUMNS;
  if (!ok) return fail("ihr Bereich liegt nicht auf dem Blatt");
  const headers: string[] = [];
  for (let c = spec.firstColumn; c <= spec.lastColumn; c++) {
    const cell = rows[spec.headerRow - 1][c - 1];
    const text = cell && cell.formula === undefined && typeof cell.value === "string" ? cell.value : "";
    if (text.trim() === "") return fail(`die Überschrift in ${a1(spec.headerRow, c)} ist leer`);
    if (headers.some((h) => h.toLowerCase() === text.toLowerCase()))
      return fail(`die Überschrift „${text}“ kommt doppelt vor`);
    headers.push(text);
  }
  let name = spec.name;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${spec.name}_${n}`;
  if (name !== spec.name) {
    notes.push(
      `Blatt „${sheet}“: eine andere Tabelle heißt bereits „${spec.name}“ – die Ergebnistabelle heißt „${name}“.`,
    );
  }
  taken.add(name.toLowerCase());
  return { ...spec, name, headers };
}

/** Excel's standard column width (characters), for a column without a given width. */
const STANDARD_WIDTH = 8.43;

/**
 * Header cells of the result tables are wrapped, and their columns widened where the longest word of the
 * header would not fit (a header is wrapped, never cut: SPEC §7 "print-ready"). Changes `rows` and
 * `widths` in place.
 *
 * @example
 * const widths = [8];
 * wrapHeaders([[{ value: "Personalvolumen", bold: true }], [{ value: 1 }]], [{ headerRow: 1, firstColumn: 1, lastColumn: 1, … }], widths);
 * widths; // => [16]
 */
export function wrapHeaders(
  rows: PlannedCell[][],
  tables: readonly Pick<TableSpec, "headerRow" | "firstColumn" | "lastColumn">[],
  widths: number[],
): void {
  for (const t of tables) {
    const line = rows[t.headerRow - 1];
    if (!line) continue;
    for (let c = t.firstColumn; c <= t.lastColumn && c <= line.length; c++) {
      const cell = line[c - 1];
      if (!cell || typeof cell.value !== "string" || cell.formula !== undefined) continue;
      line[c - 1] = { ...cell, wrap: true };
      const needed = columnWidthFor(cell.value, cell.bold === true) + 1;
      const given = widths[c - 1];
      if (needed > (given !== undefined && given > 0 ? given : STANDARD_WIDTH)) {
        for (let k = widths.length; k < c - 1; k++) widths[k] = 0;
        widths[c - 1] = needed;
      }
    }
  }
}

// ── the plan ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Decides how `specs` are written into a workbook that holds `sheets`.
 *
 * @example
 * const plan = planWrite({
 *   sheets: [{ name: "Kitas", visible: true }, { name: "Verteilung", visible: true, fingerprint: "…f" }],
 *   store: { sheet: "_SRB", content: decodeStore([["SRB", 1], ["generated", "Verteilung"], ["fingerprint", "…f Verteilung"]]) },
 *   specs: [{ name: "Verteilung", rows: [[{ value: "Sozialraum" }]] }],
 * });
 * // plan.sheets[0] => { name: "Verteilung", rewrite: "Verteilung", … }; plan.remove => []
 */
export function planWrite(input: PlanInput): WritePlan {
  const notes: string[] = [];
  const store = input.store;
  const recorded = store?.content;
  const byName = (name: string) => input.sheets.find((s) => sameSheetName(s.name, name));

  // 1. SRB's proven sheets: listed, present, visible or not, fingerprint as recorded.
  const owned: string[] = [];
  for (const listed of recorded?.generated ?? []) {
    const sheet = byName(listed);
    if (!sheet || (store && sameSheetName(sheet.name, store.sheet))) continue;
    if (owned.includes(sheet.name)) continue;
    const fingerprint = recorded?.fingerprints?.[listed];
    if (fingerprint === undefined) notes.push(unprovenNote(sheet.name));
    else if (
      sheet.fingerprint === fingerprint ||
      (typeof sheet.fingerprint === "string" && sheet.earlierFingerprint?.() === fingerprint)
    )
      owned.push(sheet.name);
    else if (sheet.fingerprint === null)
      notes.push(
        sheet.unreadable !== undefined
          ? unreadableNote(sheet.name, sheet.unreadable)
          : tooLargeToCheckNote(sheet.name, input.fingerprintRows ?? EXCEL_MAX_ROWS),
      );
    else notes.push(editedNote(sheet.name));
  }

  // 2. The store sheet: the one found, or a new one under a name no sheet has.
  const storeSheet = store?.sheet ?? freeStoreName(input.sheets);
  if (!store && !sameSheetName(storeSheet, STORE_SHEET)) notes.push(storeMovedNote(storeSheet));

  // 3. Names: everything not SRB's is occupied; a requested name held by an owned sheet rewrites it.
  const occupied = input.sheets.map((s) => s.name).filter((n) => !owned.includes(n));
  occupied.push(storeSheet);
  const written: string[] = [];
  const rewritten: string[] = [];
  const tableNames = new Set<string>();
  for (const s of input.sheets)
    if (!owned.includes(s.name)) for (const t of s.tables ?? []) tableNames.add(t.toLowerCase());

  // names first: a sheet that cannot have its name (the user's edited „Einrichtungen“ keeps it) is written as
  // „Einrichtungen (2)“, and SRB's other sheets that point to it („im Blatt „Einrichtungen““) must say so
  const placed = input.specs.map((spec) => {
    const name = resolveSheetName(spec.name, [...occupied, ...written]);
    written.push(name);
    const target = owned.find((o) => sameSheetName(o, name) && !rewritten.includes(o)) ?? null;
    if (target) rewritten.push(target);
    return { spec, name, target };
  });
  const renamed = new Map(placed.filter((p) => p.name !== p.spec.name).map((p) => [p.spec.name, p.name]));
  const sheets = placed.map(({ spec, name, target }): PlannedSheet => {
    // a later run rewrites „Einrichtungen (2)“ in place: it says where the results are, not „angelegt“ again
    if (name !== spec.name)
      notes.push(target === null ? renamedNote(spec.name, name) : stillRenamedNote(spec.name, name));
    return planSheet(withSheetReferences(spec, renamed), name, target, tableNames, notes);
  });

  const remove = owned.filter((o) => !rewritten.includes(o));
  const visibleLeft =
    sheets.length > 0 ||
    input.sheets.some((s) => s.visible && !remove.includes(s.name) && !sameSheetName(s.name, storeSheet));
  const addBlankSheet = visibleLeft
    ? null
    : resolveSheetName("Tabelle1", [...input.sheets.map((s) => s.name), storeSheet]);

  return {
    sheets,
    remove,
    replaced: [...owned],
    store: {
      sheet: storeSheet,
      exists: store !== undefined,
      content: {
        generated: sheets.map((s) => s.name),
        model: recorded?.model ?? null,
        fingerprints: Object.fromEntries(sheets.map((s) => [s.name, s.fingerprint])),
        // the adopted allocations (SPEC §5a) stay as they are, the damaged ones too (storeKept)
        ...(recorded?.adoptions ? { adoptions: recorded.adoptions } : {}),
        ...(recorded?.damagedAdoptions ? { damagedAdoptions: recorded.damagedAdoptions } : {}),
      },
    },
    addBlankSheet,
    notes,
  };
}

function planSheet(
  spec: SheetSpec,
  name: string,
  rewrite: string | null,
  tableNames: Set<string>,
  notes: string[],
): PlannedSheet {
  const sheetNotes: CellNotes = { sheet: name, notes: [], unsafe: 0 };
  let source = spec.rows;
  if (source.length > EXCEL_MAX_ROWS) {
    notes.push(
      `Blatt „${name}“: ${source.length} Zeilen angefordert, Excel erlaubt höchstens ${EXCEL_MAX_ROWS}; der Rest fehlt.`,
    );
    source = source.slice(0, EXCEL_MAX_ROWS);
  }
  let columns = 0;
  const rows: PlannedCell[][] = [];
  // rows holding a wrapped cell (for their heights; the header rows wrapped below are added there)
  const wrapping: number[] = [];
  for (let r = 0; r < source.length; r++) {
    const line = source[r] ?? [];
    if (line.length > EXCEL_MAX_COLUMNS) {
      sheetNotes.notes.push(
        `Blatt „${name}“, Zeile ${r + 1}: mehr als ${EXCEL_MAX_COLUMNS} Spalten; der Rest fehlt.`,
      );
    }
    const width = Math.min(line.length, EXCEL_MAX_COLUMNS);
    const planned: PlannedCell[] = new Array<PlannedCell>(width);
    let same = width === line.length;
    let wraps = false;
    for (let c = 0; c < width; c++) {
      const cell = planCell(line[c], r + 1, c + 1, sheetNotes);
      planned[c] = cell;
      if (cell !== line[c]) same = false;
      if (cell.wrap) wraps = true;
    }
    if (wraps) wrapping.push(r);
    // a row whose every cell is taken as it is stays the spec's own row (copied below if its header wraps)
    rows.push(same ? (line as PlannedCell[]) : planned);
    columns = Math.max(columns, width);
  }
  notes.push(...sheetNotes.notes);
  if (sheetNotes.unsafe > 0) notes.push(xmlUnsafeNote(name, sheetNotes.unsafe));

  const charts = (spec.charts ?? []).filter((chart) => {
    const problem = chartProblem(name, chart, rows);
    if (problem) notes.push(problem);
    return problem === null;
  });
  const tables = (spec.tables ?? [])
    .map((t) => planTable(name, t, rows, tableNames, notes))
    .filter((t): t is PlannedTable => t !== null);

  const columnWidths = (spec.columnWidths ?? []).slice(0, columns);
  const freezeRows = spec.freezeRows && spec.freezeRows > 0 ? spec.freezeRows : 0;
  // the result tables' header rows and the frozen header rows (a sheet without a table has them too)
  const frozen = Array.from({ length: Math.min(freezeRows, rows.length) }, (_, r) => ({
    headerRow: r + 1,
    firstColumn: 1,
    lastColumn: rows[r].length,
  }));
  // and header rows of the smaller blocks below a table (three or more bold texts, nothing else)
  const blocks: { headerRow: number; firstColumn: number; lastColumn: number }[] = [];
  rows.forEach((line, r) => {
    let filled = 0;
    for (const c of line) {
      if (!c || c.value === null) continue;
      if (!(c.bold && typeof c.value === "string" && c.formula === undefined)) return;
      filled++;
    }
    if (filled >= 3) blocks.push({ headerRow: r + 1, firstColumn: 1, lastColumn: line.length });
  });
  const headers = [...tables, ...frozen, ...blocks];
  // wrapping changes the header rows in place: never the spec's own
  for (const h of headers) {
    const r = h.headerRow - 1;
    if (rows[r] !== undefined && rows[r] === source[r]) rows[r] = rows[r].slice();
  }
  wrapHeaders(rows, headers, columnWidths);
  for (const h of headers) if (h.headerRow >= 1 && h.headerRow <= rows.length) wrapping.push(h.headerRow - 1);
  const rowHeights = wrappedRowHeights(
    rows,
    columnWidths,
    undefined,
    [...new Set(wrapping)].sort((a, b) => a - b),
  );
  const chartRows = charts.flatMap((chart) => {
    const at = parseAnchor(chart.anchor);
    return at ? [{ first: at.row + 1, last: at.row + CHART_ROWS }] : [];
  });
  const print = planPrint(spec.print, name, freezeRows, {
    columnWidths: Array.from({ length: columns }, (_, c) => columnWidths[c] ?? 0),
    rows: rows.length,
    rowHeights,
    chartRows,
  });
  if (print.titleRows && print.titleRows.last > rows.length) print.titleRows = null;
  return {
    requested: spec.name,
    name,
    rewrite,
    rows,
    columns,
    columnWidths,
    freezeRows,
    charts,
    tables,
    print,
    rowHeights,
    fingerprint: sheetFingerprintOf(rows, fingerprintValue, undefined, fingerprintFormula),
  };
}

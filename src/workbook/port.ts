/**
 * The workbook port: the only way SRB reads from and writes to a workbook. Two adapters implement it
 * (Office.js inside Excel, exceljs for .xlsx files) and pass one shared contract test suite.
 *
 * Data flows one way: readTable → check → engine → allocation model → SheetSpec[] → writeGeneratedSheets.
 */
import type { RawTable } from "../engine/table";
import type { SheetGrid } from "../engine/tableLocation";

/** One cell to write. `formula` (English syntax, no leading "=") wins over `value`, which is its cached result. */
export interface SheetCell {
  value: string | number | boolean | null;
  formula?: string;
  /** Excel number format (English syntax), e.g. '#,##0.00 "€"' or '0.00%'. */
  numFmt?: string;
  bold?: boolean;
  /** Wrap the text within the column width (header cells: never cut, the row grows instead). */
  wrap?: boolean;
}

/**
 * How a generated sheet prints (SPEC §7 "print-ready"): A4, landscape, one page wide and as many pages
 * tall as needed, the header rows repeated on every page, and a page header that names the municipality,
 * the sheet, the year, the budget and the date. Decided once in the write plan (`planPrint`) from this
 * description; both adapters apply the planned page set-up (the .xlsx package and the Excel API).
 */
export interface PrintSpec {
  /** Default "landscape". */
  orientation?: "landscape" | "portrait";
  /**
   * Rows repeated at the top of every printed page (1-based, inclusive). Default: the frozen header rows
   * (`freezeRows`), none without them.
   */
  titleRows?: { first: number; last: number };
  /**
   * Columns repeated at the left of every printed page (1-based, from column A): a wide table (the Kita
   * column of Einrichtungen) may then print several pages wide, so that its text stays readable
   * (`planPrint`). Without them the sheet prints one page wide.
   */
  titleColumns?: { first: number; last: number };
  /**
   * First rows (1-based) of the sections of a label/value sheet (Methode) or of the blocks below a table
   * (Einrichtungen): a section that would be split by a page break, and fits on a page, starts on a new page
   * (a manual page break before it; `planPrint`).
   */
  sections?: number[];
  /**
   * Rows (1-based) below which a new page always starts (manual page breaks): the Vorlage starts its
   * Anlage on a page of its own and gives each Anlage page its own header row.
   */
  pageBreaks?: number[];
  /** The title printed in the page header's centre; default: the sheet's name. */
  title?: string;
  /** Printed top left: the municipality (the model's `municipality`), "" for none. */
  municipality?: string;
  /** Printed top right, e.g. "Haushaltsjahr 2022 · Budget 1.002.240,00 € · Stand 30.11.2026". */
  subtitle?: string;
}

export interface ChartSpec {
  /** "bar": one category axis, one or more value series. "line" likewise. */
  kind: "bar" | "line";
  title: string;
  /** 1-based rows and columns on the same sheet: categories in one column, each series in one column. */
  firstRow: number;
  lastRow: number;
  categoryColumn: number;
  seriesColumns: number[];
  /** Where the chart's top-left corner goes (A1 address). */
  anchor: string;
}

/**
 * A result block written as an Excel table with a stable name, so that a user's structured references
 * (`=SUMME(SRB_Verteilung[Betrag])`, XVERWEIS over a column) survive a re-run with more or fewer rows.
 * 1-based rows and columns on the same sheet; the header row holds distinct, non-empty texts.
 */
export interface TableSpec {
  /** Stable table name, e.g. "SRB_Verteilung" (letters, digits, "_" and "."; not a cell address). */
  name: string;
  headerRow: number;
  /** Last data row (≥ headerRow + 1); a total row below the table is not part of it. */
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export interface SheetSpec {
  /** Desired sheet name (≤ 31 characters, no []:*?/\); the adapter picks another if a user sheet has it. */
  name: string;
  /** Row-major cells from A1; a row may be shorter than others. All text is written as text, never as a formula. */
  rows: SheetCell[][];
  columnWidths?: number[];
  /** Number of header rows to freeze. */
  freezeRows?: number;
  charts?: ChartSpec[];
  /** Result tables on this sheet (Excel tables with stable names). */
  tables?: TableSpec[];
  /** Page set-up and page header; every generated sheet prints on A4 (defaults in `planPrint`). */
  print?: PrintSpec;
}

export interface WriteReport {
  /** For each SheetSpec, the name it was actually written under. */
  sheets: { requested: string; written: string }[];
  /** Generated sheets of an earlier run that were removed or replaced. */
  replaced: string[];
  /** German notes on what could not be written as asked (text cut to Excel's limits, charts not supported …). */
  notes?: string[];
}

/**
 * The Beschlüsse stored in a workbook, as an adapter reads them (`readStoredAdoptions`).
 *
 * @example await port.readStoredAdoptions(); // => { adoptions: [{ version: 1, date: "2027-03-15", … }], damaged: 0 }
 */
export interface StoredAdoptionRecords {
  /** The stored adoptions whose text is JSON, oldest first (checked by the caller, see readAdoption). */
  adoptions: unknown[];
  /**
   * How many stored adoptions are damaged (their text is no JSON, e.g. edited by hand): the adapter keeps
   * them in the store on every write, but nobody can use them – the run warns (`adoptionsDamaged`).
   */
  damaged: number;
}

/** No stored Beschlüsse (a workbook without any, or a port that cannot store them). */
export const NO_STORED_ADOPTIONS: StoredAdoptionRecords = Object.freeze({ adoptions: [], damaged: 0 });

export interface WorkbookPort {
  /** Names of all sheets, in workbook order (the hidden SRB store sheet excluded). */
  sheetNames(): Promise<string[]>;
  /** The used range of a sheet, header row 1, as raw values (error values as CellError). */
  readTable(sheet: string): Promise<RawTable>;
  /**
   * The used range of a sheet as a grid with what it takes to find the Kita table on it (tableLocation.ts):
   * values and number formats, the rows holding a formula that totals the column above, hidden rows and
   * the Excel tables (header row and data body). Read the data sheet through `readDataTable` (dataTable.ts),
   * which locates the table in it. Optional: a port without it is read by `readTable` from A1.
   */
  readGrid?(sheet: string): Promise<SheetGrid>;
  /** The model JSON stored in the workbook by an earlier run, or null. Parsing/validation is the caller's. */
  readStoredModel(): Promise<unknown | null>;
  /**
   * Store the model JSON inside the workbook (hidden store sheet); resolves to that sheet's name ("_SRB",
   * or "_SRB (2)" when a user's sheet has the name) where the adapter tells it.
   */
  writeStoredModel(model: unknown): Promise<string | void>;
  /**
   * The adopted allocations (Beschlüsse, SPEC §5a) stored in the workbook, oldest first, as JSON values
   * (reading and checking them is the caller's, see readAdoption), and how many stored ones are damaged.
   * Optional: a port without it has none.
   */
  readStoredAdoptions?(): Promise<StoredAdoptionRecords>;
  /** Replace the stored adopted allocations (the model and the generated sheets' records are kept). */
  writeStoredAdoptions?(adoptions: unknown[]): Promise<void>;
  /**
   * Replace SRB's generated sheets by these, as `planWrite` (writePlan.ts) decides: an earlier generated
   * sheet that SRB can prove is its own and unchanged is rewritten in place (same sheet object, so the
   * user's references to it keep working) or removed when no longer generated; user sheets are never
   * changed, renamed or deleted; a name clash with a user sheet gets a new name.
   */
  writeGeneratedSheets(sheets: SheetSpec[]): Promise<WriteReport>;
  /**
   * Optional (only inside Excel): activate `sheet` and select `address` (A1, e.g. "L11"), so that a line of
   * the check report can take the user to the cell it is about.
   */
  selectCell?(sheet: string, address: string): Promise<void>;
}

/**
 * Name of the hidden sheet where SRB keeps its model and the list of sheets it generated. When a user's own
 * (visible, or not SRB's) sheet already has this name, the store takes "_SRB (2)" … (see writePlan.ts).
 */
export const STORE_SHEET = "_SRB";

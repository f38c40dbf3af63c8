/**
 * Cleaning what Excel hands a custom function: 2-D arrays of numbers, text, booleans, blanks and error
 * values. Nothing is coerced: a number stored as text ("12,5"), "k.A.", WAHR/FALSCH or an error value is
 * an `ExcelInputError` naming the position and the value (SPEC §2.5).
 *
 * The rule for "no data" (docs/functions.md): a blank cell or an empty text (`=""`) means "no value" and is
 * skipped, as AVERAGE does. Excel on the web and current desktop builds pass a blank cell as `null`; older
 * desktop builds pass `0`, which `withBlankCells` (blankCells.ts) turns back into `null` by reading the
 * argument's cell types before these readers run. Without parameter addresses (CustomFunctionsRuntime
 * below 1.3) a 0 stays a 0; there `=""` marks "no data" on every platform.
 *
 * Positions are counted inside the range the user selected ("Zeile 5" = fifth row of the range).
 */
import { flagValue } from "../engine/check";
import { ExcelInputError } from "./excelErrors";
import { formatNumber } from "../engine/germanFormat";

/** Orientation of a one-dimensional range: results are spilled the same way. */
export type Orientation = "column" | "row";

/** A one-dimensional range read as numbers; `null` = no value. */
export interface NumberVector {
  values: (number | null)[];
  orientation: Orientation;
}

/**
 * True for what counts as "no value": `null`/`undefined` (blank on the web) and the empty text `""`.
 *
 * @example
 * isBlank(null) // => true
 * isBlank("") // => true
 * isBlank(0) // => false (an older desktop Excel's blank is restored to null before, in blankCells.ts)
 */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

/**
 * The Excel error code carried by a cell value, else null. Excel passes an error cell of an input range
 * only because functions.json sets `allowErrorForDataTypeAny: true` (scripts/functions-de.js); it arrives
 * as a `CustomFunctions.Error` object whose `code` is the error text ("#DIV/0!", "#N/A", …):
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors#errors-as-custom-function-inputs
 * and https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.error
 * The docs do not show the object Excel hands over in full, so the safe side is taken: also accepted are
 * the data-type shape of an error cell (`{ type: "Error", basicValue: "#DIV/0!" }`, used when data types
 * are on: https://learn.microsoft.com/office/dev/add-ins/excel/excel-data-types-concepts) and
 * `{ error: "#N/A" }` as the workbook adapters write it. Text such as "#N/A" typed into a cell stays text.
 *
 * @example
 * excelErrorCode({ code: "#DIV/0!" }) // => "#DIV/0!"
 * excelErrorCode({ type: "Error", basicValue: "#N/A", errorType: "NotAvailable" }) // => "#N/A"
 * excelErrorCode("#N/A") // => null (a text, not an error value)
 */
export function excelErrorCode(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return null;
  const record = value as { code?: unknown; error?: unknown; type?: unknown; basicValue?: unknown };
  if (typeof record.code === "string" && record.code.startsWith("#")) return record.code;
  if (typeof record.error === "string") return record.error;
  if (record.type === "Error" && typeof record.basicValue === "string") return record.basicValue;
  return null;
}

/**
 * German description of a raw cell value for messages: „k.A.“, WAHR, Fehlerwert #N/A, 1.234,5.
 *
 * @example
 * describeValue("k.A.") // => "„k.A.“"
 * describeValue(true) // => "WAHR"
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `„${value}“`;
  if (typeof value === "boolean") return value ? "WAHR" : "FALSCH";
  if (typeof value === "number") return formatNumberDe(value);
  const code = excelErrorCode(value);
  if (code !== null) return `Fehlerwert ${code}`;
  return `„${String(value)}“`;
}

/**
 * A number in German notation (decimal comma, dot for thousands), up to 6 decimals.
 *
 * @example
 * formatNumberDe(1234.5) // => "1.234,5"
 */
export function formatNumberDe(value: number): string {
  return formatNumber(value);
}

/**
 * Position text inside the selected range, for messages.
 *
 * @example
 * describePosition(4, 0, "column") // => "Zeile 5"
 * describePosition(1, 2, "matrix") // => "Zeile 2, Spalte 3"
 */
export function describePosition(row: number, column: number, shape: Orientation | "matrix"): string {
  if (shape === "column") return `Zeile ${row + 1}`;
  if (shape === "row") return `Spalte ${column + 1}`;
  return `Zeile ${row + 1}, Spalte ${column + 1}`;
}

/**
 * One cell as a number or `null` (no value). Text, booleans and error values throw `ExcelInputError`
 * (`#VALUE!`) with the argument's name, the position and the value.
 *
 * @example
 * cellNumber(12.5, "Werte", "Zeile 1") // => 12.5
 * cellNumber("", "Werte", "Zeile 2") // => null
 * cellNumber("k.A.", "Werte", "Zeile 5") // throws #VALUE! "Werte, Zeile 5: „k.A.“ ist keine Zahl …"
 */
export function cellNumber(value: unknown, argument: string, position: string): number | null {
  if (isBlank(value)) return null;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw new ExcelInputError(
      "#NUM!",
      `${argument}, ${position}: ${describeValue(value)} ist keine endliche Zahl.`,
    );
  }
  throw new ExcelInputError(
    "#VALUE!",
    `${argument}, ${position}: ${describeValue(value)} ist keine Zahl (erwartet: Zahl oder leere Zelle).`,
  );
}

/** A value that is a 2-D array with at least one row and one column. */
function asMatrix(input: unknown, argument: string): unknown[][] {
  if (!Array.isArray(input)) return [[input]];
  if (input.length === 0 || !input.every((row) => Array.isArray(row))) {
    throw new ExcelInputError("#VALUE!", `${argument}: erwartet einen Zellbereich.`);
  }
  const rows = input as unknown[][];
  if (rows[0].length === 0) throw new ExcelInputError("#VALUE!", `${argument}: der Bereich ist leer.`);
  return rows;
}

/**
 * Reads a one-column or one-row range (or a single value) as numbers; blank → null.
 * A block with several rows and columns is `#VALUE!`.
 *
 * @example
 * readNumberVector([[3], [""], [7]], "Werte") // => { values: [3, null, 7], orientation: "column" }
 * readNumberVector([[3, 5]], "Werte") // => { values: [3, 5], orientation: "row" }
 */
export function readNumberVector(input: unknown, argument: string): NumberVector {
  const rows = asMatrix(input, argument);
  const height = rows.length;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (height > 1 && width > 1) {
    throw new ExcelInputError(
      "#VALUE!",
      `${argument}: erwartet eine Spalte oder eine Zeile, erhalten ${height} Zeilen × ${width} Spalten.`,
    );
  }
  if (height === 1 && width > 1) {
    return {
      values: rows[0].map((v, c) => cellNumber(v, argument, describePosition(0, c, "row"))),
      orientation: "row",
    };
  }
  return {
    values: rows.map((r, i) => cellNumber(r[0], argument, describePosition(i, 0, "column"))),
    orientation: "column",
  };
}

/**
 * Reads a block (rows × columns) as numbers; blank → null. Rows shorter than the first are padded with null.
 *
 * @example
 * readNumberMatrix([[80, ""], [20, 40]], "Punktzahlen") // => [[80, null], [20, 40]]
 */
export function readNumberMatrix(input: unknown, argument: string): (number | null)[][] {
  const rows = asMatrix(input, argument);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r, i) =>
    Array.from({ length: width }, (_, c) => cellNumber(r[c], argument, describePosition(i, c, "matrix"))),
  );
}

/**
 * A required single number. Blank is `#VALUE!` too: a required argument needs a value.
 * A one-cell range (`[[5]]`) is accepted.
 *
 * @example
 * requiredNumber(1002240, "Budget") // => 1002240
 * requiredNumber(null, "Budget") // throws #VALUE! "Budget: leer (erwartet: eine Zahl)."
 */
export function requiredNumber(input: unknown, argument: string): number {
  const value = optionalNumber(input, argument);
  if (value === null) throw new ExcelInputError("#VALUE!", `${argument}: leer (erwartet: eine Zahl).`);
  return value;
}

/**
 * An optional single number: omitted arguments arrive as `null` (TypeScript defaults never apply), blank
 * cells too; both give `null`, so the caller applies its default.
 *
 * @example
 * optionalNumber(null, "Rate") // => null
 * optionalNumber(0.025, "Rate") // => 0.025
 */
export function optionalNumber(input: unknown, argument: string): number | null {
  let value = input;
  if (Array.isArray(input)) {
    const rows = asMatrix(input, argument);
    if (rows.length !== 1 || rows[0].length !== 1) {
      throw new ExcelInputError("#VALUE!", `${argument}: erwartet eine einzelne Zahl, erhalten ein Bereich.`);
    }
    value = rows[0][0];
  }
  if (isBlank(value)) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new ExcelInputError("#VALUE!", `${argument}: ${describeValue(value)} ist keine Zahl.`);
}

/**
 * An optional text (for choices such as the method "minmax"/"tscore"); blank or omitted → null.
 *
 * @example
 * optionalText(" TScore ", "Methode") // => "tscore"
 */
export function optionalText(input: unknown, argument: string): string | null {
  if (isBlank(input)) return null;
  if (typeof input === "string") return input.trim().toLowerCase();
  throw new ExcelInputError("#VALUE!", `${argument}: ${describeValue(input)} ist kein Text.`);
}

/**
 * An optional choice among fixed words (case-insensitive); blank → the default. Anything else is
 * `#VALUE!` listing the allowed words.
 *
 * @example
 * choice("STICHPROBE", "Standardabweichung", { stichprobe: "sample", grundgesamtheit: "population" }, "sample")
 * // => "sample"
 */
export function choice<T>(input: unknown, argument: string, allowed: Record<string, T>, fallback: T): T {
  const text = optionalText(typeof input === "number" ? String(input) : input, argument);
  if (text === null) return fallback;
  if (Object.prototype.hasOwnProperty.call(allowed, text)) return allowed[text];
  const words = Object.keys(allowed)
    .map((w) => `„${w}“`)
    .join(", ");
  throw new ExcelInputError(
    "#VALUE!",
    `${argument}: ${describeValue(input)} ist nicht erlaubt (erwartet: ${words}).`,
  );
}

/**
 * Shapes a result vector like the input range (a column spills down, a row spills right);
 * `null` becomes `""` because Excel shows a returned `null` as 0.
 *
 * @example
 * spill([50, null, 100], "column") // => [[50], [""], [100]]
 * spill([1, 2], "row") // => [[1, 2]]
 */
export function spill<T>(values: readonly (T | null)[], orientation: Orientation): (T | "")[][] {
  const cells = values.map((v) => (v === null ? "" : v));
  return orientation === "row" ? [cells] : cells.map((v) => [v]);
}

/** A one-dimensional range of texts; `null` = blank. */
export interface TextVector {
  values: (string | null)[];
  orientation: Orientation;
}

/**
 * Reads a one-column or one-row range of texts (Sozialraum names, reasons). Blank → null, text trimmed,
 * numbers taken as their text (a Sozialraum may be called 3); booleans and error values are `#VALUE!`.
 *
 * @example
 * readTextVector([["Nord"], [""], [3]], "Sozialräume") // => { values: ["Nord", null, "3"], orientation: "column" }
 */
export function readTextVector(input: unknown, argument: string): TextVector {
  const { cells, orientation } = vectorCells(input, argument);
  const values = cells.map((value, i) => {
    if (isBlank(value)) return null;
    if (typeof value === "string") return value.trim();
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    const position = describePosition(i, i, orientation);
    throw new ExcelInputError("#VALUE!", `${argument}, ${position}: ${describeValue(value)} ist kein Text.`);
  });
  return { values, orientation };
}

/** The cells of a one-column or one-row range (or a single value) and its orientation. */
function vectorCells(input: unknown, argument: string): { cells: unknown[]; orientation: Orientation } {
  const rows = asMatrix(input, argument);
  const height = rows.length;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (height > 1 && width > 1) {
    throw new ExcelInputError(
      "#VALUE!",
      `${argument}: erwartet eine Spalte oder eine Zeile, erhalten ${height} Zeilen × ${width} Spalten.`,
    );
  }
  const orientation: Orientation = height === 1 && width > 1 ? "row" : "column";
  return { cells: orientation === "row" ? rows[0] : rows.map((r) => r[0]), orientation };
}

/** A one-dimensional range of Ja/Nein flags; `null` = blank cell (which means nein). */
export interface FlagVector {
  values: (boolean | null)[];
  orientation: Orientation;
}

/**
 * Reads a one-column or one-row range of Ja/Nein flags with the check's rule (`flagValue` in
 * engine/check.ts): WAHR/FALSCH, 1/0, „x“, „ja“/„nein“ (also „j“, „n“, „wahr“, „falsch“, case ignored);
 * blank → `null` (= nein; the caller decides whether a blank row is shown as FALSCH or left empty).
 * Anything else — „vielleicht“, 2, a Fehlerwert — is `#VALUE!` naming the position and the value.
 *
 * @example
 * readFlagVector([[true], ["x"], [""], ["Nein"], [0]], "Markierungen")
 * // => { values: [true, true, null, false, false], orientation: "column" }
 * readFlagVector([["vielleicht"]], "Markierungen")
 * // throws #VALUE! "Markierungen, Zeile 1: „vielleicht“ ist keine Ja/Nein-Angabe (erwartet: …)."
 */
export function readFlagVector(input: unknown, argument: string): FlagVector {
  const { cells, orientation } = vectorCells(input, argument);
  const values = cells.map((value, i) => {
    if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) {
      return null;
    }
    const flag = flagValue(value);
    if (flag !== null) return flag;
    const position = describePosition(i, i, orientation);
    throw new ExcelInputError(
      "#VALUE!",
      `${argument}, ${position}: ${describeValue(value)} ist keine Ja/Nein-Angabe ` +
        `(erwartet: WAHR/FALSCH, 1/0, „x“, „ja“/„nein“ oder eine leere Zelle = nein).`,
    );
  });
  return { values, orientation };
}

/**
 * Reads a one-column or one-row range of written reasons (Begründungen for strands 3 and 4) like
 * `readTextVector`, with one difference: the number 0 counts as blank. Desktop Excel hands a blank cell to
 * a custom function as 0, and "0" is no written reason; without this rule a flagged Kita with an empty
 * reason cell would count as justified on Windows and Mac.
 *
 * @example
 * readReasonVector([["Inklusion: Kind mit Assistenzbedarf"], [0], [""], [2024]], "Begründung").values
 * // => ["Inklusion: Kind mit Assistenzbedarf", null, null, "2024"]
 */
export function readReasonVector(input: unknown, argument: string): TextVector {
  const { cells, orientation } = vectorCells(input, argument);
  const blanked = cells.map((value) => (value === 0 ? null : value));
  return readTextVector(orientation === "row" ? [blanked] : blanked.map((v) => [v]), argument);
}

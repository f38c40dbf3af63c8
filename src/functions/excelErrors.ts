/**
 * One way out for every failure of a custom function: `toExcelError()` turns whatever went wrong into a
 * `CustomFunctions.Error` with the most specific Excel error code. Only `#VALUE!` and `#N/A` show a
 * message in Excel (CustomFunctionsRuntime 1.2), so every message that a user must read goes there;
 * `#DIV/0!` (constant column) and `#NUM!` (number out of range) speak for themselves.
 */
import { SrbUsageError } from "../engine/issues";

/** The Excel error codes SRB functions produce. */
export type ExcelErrorCode = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!";

/** Codes for which Excel shows the message (the others drop it). */
const CODES_WITH_MESSAGE: readonly ExcelErrorCode[] = ["#VALUE!", "#N/A"];

/**
 * A problem with a function's input, found by the wrappers (`excelInput.ts`): carries the Excel code and
 * a German message that names the position and the value.
 */
export class ExcelInputError extends Error {
  readonly code: ExcelErrorCode;
  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.name = "ExcelInputError";
    this.code = code;
  }
}

/**
 * Maps any failure to the `CustomFunctions.Error` Excel shows.
 *
 * - `ExcelInputError` → its own code and message (message kept only for `#VALUE!` and `#N/A`);
 * - an object that already is a `CustomFunctions.Error` → unchanged;
 * - `SrbUsageError` from the engine (arguments the engine cannot use) → `#VALUE!` with its message;
 * - anything else → `#VALUE!` "Interner Fehler: …" (a bug, never silently a number).
 *
 * @example
 * toExcelError(new ExcelInputError("#VALUE!", "Zeile 5: „k.A.“ ist keine Zahl."))
 * // => CustomFunctions.Error { code: "#VALUE!", message: "Zeile 5: „k.A.“ ist keine Zahl." }
 */
export function toExcelError(failure: unknown): CustomFunctions.Error {
  if (failure instanceof CustomFunctions.Error) return failure;
  if (failure instanceof ExcelInputError) return makeError(failure.code, failure.message);
  if (failure instanceof SrbUsageError) return makeError("#VALUE!", failure.message);
  const detail = failure instanceof Error ? failure.message : String(failure);
  return makeError("#VALUE!", `Interner Fehler: ${detail}`);
}

/**
 * Runs a function body and turns every failure into the Excel error (`toExcelError`), thrown so that
 * Excel shows it in the calling cell.
 *
 * @example
 * excelGuard(() => 1 / 4) // => 0.25
 */
export function excelGuard<T>(body: () => T): T {
  try {
    return body();
  } catch (failure) {
    throw toExcelError(failure);
  }
}

function makeError(code: ExcelErrorCode, message: string): CustomFunctions.Error {
  const errorCode = code as CustomFunctions.ErrorCode;
  return CODES_WITH_MESSAGE.includes(code)
    ? new CustomFunctions.Error(errorCode, message)
    : new CustomFunctions.Error(errorCode);
}

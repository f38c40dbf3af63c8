/**
 * Telling a blank cell from a real 0 in a custom function's input.
 *
 * Excel on the web and current desktop builds pass a blank cell of an input range as `null`; older desktop
 * builds pass it as `0` (OfficeDev/office-js #4702, #5262 — changed as a bug fix, so no requirement set or
 * build number marks it). A Kita whose SGB-II rate is simply not filled in would then be scored as 0 % —
 * the lowest need — without anyone noticing.
 *
 * What Microsoft suggests in #4702 is what SRB does: every SRB function asks for its parameters' addresses
 * (`@requiresParameterAddresses`, CustomFunctionsRuntime 1.3:
 * https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.invocation#custom-functions-runtime-customfunctions-invocation-parameteraddresses-member).
 * When an argument that comes from cells holds a 0, its range is read once through the Excel API
 * (`Range.valueTypes`, allowed from a custom function in the shared runtime:
 * https://learn.microsoft.com/office/dev/add-ins/excel/call-excel-apis-from-custom-function), and every 0
 * whose cell is `Empty` becomes `null` — "no value", as on the web. An argument without a 0 (every call on
 * a current build with blanks) costs nothing; the read happens only where a 0 is ambiguous.
 *
 * Where no address comes (CustomFunctionsRuntime below 1.3, or a value typed into the formula) nothing is
 * read and a 0 stays a 0; the task pane tells the user when the host lacks 1.3 (`blankCellsWarning`).
 */
import type { ExcelContext, ExcelRun } from "../workbook/officeWorkbook";

/** The part of `CustomFunctions.Invocation` SRB reads. */
export interface InvocationAddresses {
  parameterAddresses?: readonly (string | null | undefined)[];
}

/** Reads the value types (`Empty`, `Double`, …) of a range given as Excel hands the address over. */
export type ValueTypesReader = (address: string) => Promise<string[][]>;

/**
 * Splits a sheet-qualified address into sheet and range: `'Kita Daten'!B2:B9` → `Kita Daten`, `B2:B9`.
 * Without a sheet part, `sheet` is null. A workbook part (`[Mappe2]Tabelle1!A1`) is not ours to read: null.
 *
 * @example
 * splitAddress("Daten!C2:C33") // => { sheet: "Daten", range: "C2:C33" }
 * splitAddress("'Kita ''Nord'''!A1") // => { sheet: "Kita 'Nord'", range: "A1" }
 */
export function splitAddress(address: string): { sheet: string | null; range: string } | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, range: address };
  let sheet = address.slice(0, bang);
  const range = address.slice(bang + 1);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  if (sheet.startsWith("[") || sheet === "" || range === "") return null;
  return { sheet, range };
}

/**
 * A reader over the Excel API (`Excel.run` in the add-in; the fake in tests).
 *
 * @example const read = valueTypesReader(runInExcel); await read("Daten!C2:C4"); // => [["Double"], ["Empty"], ["Double"]]
 */
export function valueTypesReader(run: ExcelRun): ValueTypesReader {
  return (address) =>
    run(async (context: ExcelContext) => {
      const parts = splitAddress(address);
      if (parts === null || parts.sheet === null) return [];
      const range = context.workbook.worksheets.getItem(parts.sheet).getRange(parts.range);
      range.load("valueTypes");
      await context.sync();
      return range.valueTypes;
    });
}

function hasZero(value: unknown): boolean {
  if (value === 0) return true;
  return Array.isArray(value) && value.some((row) => Array.isArray(row) && row.some((v) => v === 0));
}

/** The argument with every 0 whose cell is `Empty` replaced by null; unchanged when the shapes differ. */
function withBlanks(value: unknown, types: string[][]): unknown {
  if (!Array.isArray(value)) return value === 0 && types[0]?.[0] === "Empty" ? null : value;
  const rows = value as unknown[][];
  if (types.length !== rows.length || rows.some((row, r) => types[r]?.length !== row.length)) return value;
  return rows.map((row, r) => row.map((v, c) => (v === 0 && types[r][c] === "Empty" ? null : v)));
}

/**
 * The arguments with blank cells that an older Excel passed as 0 turned back into null. Reads only the
 * ranges of arguments that hold a 0 and came with an address; a failed read leaves the argument as it is.
 *
 * @example
 * // Daten!C2:C4 holds 12, (blank), 0 — an older desktop Excel passes [[12],[0],[0]]:
 * await restoreBlankCells([[[12], [0], [0]]], { parameterAddresses: ["Daten!C2:C4"] }, read);
 * // => [[[12], [null], [0]]]
 */
export async function restoreBlankCells(
  args: readonly unknown[],
  invocation: InvocationAddresses | undefined,
  read: ValueTypesReader,
): Promise<unknown[]> {
  const addresses = invocation?.parameterAddresses ?? [];
  return Promise.all(
    args.map(async (value, i) => {
      const address = addresses[i];
      if (!address || !hasZero(value)) return value;
      try {
        return withBlanks(value, await read(address));
      } catch {
        return value;
      }
    }),
  );
}

/** True when some argument holds a 0 that came from cells (then the blanks must be checked). */
export function needsBlankCheck(
  args: readonly unknown[],
  invocation: InvocationAddresses | undefined,
): boolean {
  const addresses = invocation?.parameterAddresses ?? [];
  return args.some((value, i) => Boolean(addresses[i]) && hasZero(value));
}

/**
 * Runs a custom function's body on its arguments after blank cells were told from zeros.
 *
 * Without an ambiguous 0 the body runs at once and its value is returned as it is (no Excel call, no
 * waiting). With one, the value is a Promise: Excel accepts a value or a Promise from every custom
 * function (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-web-reqs), and an error
 * thrown in the body reaches the cell as the same `CustomFunctions.Error` either way. The declared type
 * stays the body's so that the metadata generator keeps the result's shape (matrix or scalar).
 *
 * @example
 * standardScoreBody = (values) => …;
 * return withBlankCells(invocation, [values], standardScoreBody, read);
 */
export function withBlankCells<A extends unknown[], T>(
  invocation: InvocationAddresses | undefined,
  args: [...A],
  body: (...args: A) => T,
  read: ValueTypesReader,
): T {
  if (!needsBlankCheck(args, invocation)) return body(...args);
  const later = restoreBlankCells(args, invocation, read).then((restored) => body(...(restored as A)));
  return later as unknown as T;
}

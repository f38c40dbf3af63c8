/**
 * The data sheet as the check reads it: the Kita table located on the sheet the way a person would find
 * it (title rows and notes above, the header row, a totals row or blank row below, Excel tables, hidden
 * rows: see src/engine/tableLocation.ts), with the location attached for the check report and the
 * Daten step's line „Kopfzeile: Zeile 3, Daten: Zeilen 4–30 (Zeile 31 „Summe“ ausgelassen)“.
 */
import type { RawTable } from "../engine/table";
import { locateTable, tableAt, type LocationHints, type SheetGrid } from "../engine/tableLocation";
import type { WorkbookPort } from "./port";

/**
 * The grid of a raw table read from A1 (a port without `readGrid`).
 *
 * @example gridOf({ sheet: "Kitas", headers: ["Einrichtung"], rows: [["Kita A"]] }).rows; // => [["Einrichtung"], ["Kita A"]]
 */
export function gridOf(table: RawTable): SheetGrid {
  const formats = table.formats;
  return {
    sheet: table.sheet,
    rows: [table.headers, ...table.rows],
    firstRow: table.headerRow ?? 1,
    firstColumn: table.firstColumn ?? 1,
    ...(formats ? { formats: [table.headers.map(() => null), ...formats] } : {}),
  };
}

/**
 * Reads a sheet and locates the Kita table in it; `hints` are the model's (`locationHints(model)`):
 * `data.headerRow` fixes the header row, its column names find it.
 *
 * @example
 * const table = await readDataTable(port, "Kitas", locationHints(model));
 * table.headerRow; // => 3 (title rows above)
 * describeLocation(table.location!); // => "Kopfzeile: Zeile 3, Daten: Zeilen 4–30 (Zeile 31 „Summe“ ausgelassen)"
 */
export async function readDataTable(
  port: WorkbookPort,
  sheet: string,
  hints: LocationHints = {},
): Promise<RawTable> {
  const grid = port.readGrid ? await port.readGrid(sheet) : gridOf(await port.readTable(sheet));
  return tableAt(grid, locateTable(grid, hints));
}

/**
 * The publication workbook as bytes (SPEC §7, issue 14 item 4): a new package holding only the
 * publication's sheets — no data sheet, no SRB store, no document properties. One way for the CLI
 * (`--publication <file.xlsx>`), the standalone page (a second download) and Excel (a new workbook).
 *
 * @example const bytes = await publicationWorkbook(result.published.sheets);
 */
import type { SheetSpec } from "../workbook/port";
import { PackageWorkbook } from "../workbook/xlsx/packageWorkbook";

export async function publicationWorkbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const book = PackageWorkbook.empty();
  await book.writeGeneratedSheets(sheets);
  await book.removeStore();
  return book.toBuffer();
}

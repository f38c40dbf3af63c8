/**
 * The check report as a workbook of its own (issue 11 item 7): when errors block the allocation, the
 * Prüfbericht can still be handed to whoever maintains the data — the standalone page downloads it, Excel
 * opens it as a new workbook. The sheet is the generator's own (`checkReportSheet`), written through the
 * same write plan as every SRB sheet, into a new package without the data, the store or the model.
 *
 * @example const bytes = await checkReportWorkbook(preview.issues, { date: "30.11.2026" });
 */
import { checkReportSheet } from "../workbook/allocationSheets";
import type { Issue } from "../engine/issues";
import { PackageWorkbook } from "../workbook/xlsx/packageWorkbook";

export interface CheckReportContext {
  /** The date printed in the page header ("30.11.2026"). */
  date: string;
  /** The model's municipality, printed top left; "" or absent for none. */
  municipality?: string;
}

export async function checkReportWorkbook(
  issues: readonly Issue[],
  context: CheckReportContext,
): Promise<Uint8Array> {
  const sheet = checkReportSheet(issues);
  const book = PackageWorkbook.empty();
  await book.writeGeneratedSheets([
    { ...sheet, print: { municipality: context.municipality ?? "", subtitle: `Stand ${context.date}` } },
  ]);
  await book.removeStore();
  return book.toBuffer();
}

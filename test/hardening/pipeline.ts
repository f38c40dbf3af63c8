/**
 * The add-in's whole path in one helper for the hardening tests: check → engine → writer → workbook,
 * as the command line does it (fixed date and version, so that runs are comparable).
 */
import { runAllocation } from "../helpers/resolved";
import type { Allocation } from "../../src/engine/allocation";
import type { Issue } from "../../src/engine/issues";
import type { Model } from "../../src/engine/model";
import type { RawTable } from "../../src/engine/table";
import { allocationSheets } from "../../src/workbook/allocationSheets";
import { inputChecksum } from "../../src/workbook/checksum";
import type { SheetSpec, WorkbookPort, WriteReport } from "../../src/workbook/port";

export const RUN_DATE = "01.01.2025";
export const RUN_VERSION = "0.1.0-test";

/** check → engine → writer, in memory. `sheets` is null when the check or the engine blocked. */
export function computeSheets(
  model: Model,
  table: RawTable,
  checksum = "0".repeat(64),
): { allocation: Allocation | null; issues: Issue[]; sheets: SheetSpec[] | null } {
  const { allocation, issues } = runAllocation(model, table);
  if (allocation === null) return { allocation, issues, sheets: null };
  const sheets = allocationSheets(allocation, {
    inputRange: `${table.sheet}!A1`,
    checksum,
    date: RUN_DATE,
    version: RUN_VERSION,
    issues,
  });
  return { allocation, issues, sheets };
}

/** Reads the data sheet from the workbook, computes, and writes the generated sheets into it. */
export async function runOnWorkbook(
  book: WorkbookPort,
  model: Model,
): Promise<{ allocation: Allocation | null; issues: Issue[]; report: WriteReport | null }> {
  const table = await book.readTable(model.data.sheet);
  const { allocation, issues, sheets } = computeSheets(model, table, await inputChecksum(table));
  if (sheets === null) return { allocation, issues, report: null };
  const report = await book.writeGeneratedSheets(sheets);
  await book.writeStoredModel(model);
  return { allocation, issues, report };
}

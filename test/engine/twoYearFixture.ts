/**
 * The two-year fixture (issue 13) computed in memory: the sample town adopted on 15.03.2022, and its next
 * year (scripts/make-next-year.ts) computed with the adopted year's goalposts and compared with it.
 */
import { HEADERS, sampleModel, sampleRows } from "../../scripts/make-sample";
import { nextYearModel, nextYearRows } from "../../scripts/make-next-year";
import { adoptionOf, indicatorRanges, readAdoption, type Adoption } from "../../src/engine/adoption";
import { runAllocation } from "../../src/engine/allocate";
import type { Allocation } from "../../src/engine/allocation";
import { compareAllocations, sideOfAdoption, sideOfAllocation, type Changes } from "../../src/engine/changes";
import { checkTable } from "../../src/engine/check";
import { goalpostDefaults } from "../../src/engine/goalpostDefaults";
import type { Model } from "../../src/engine/model";
import type { CellValue, RawTable } from "../../src/engine/table";

export const ADOPTION_DATE = "2022-03-15";

export const sampleTable = (rows: unknown[][]): RawTable => ({
  sheet: "Kitas",
  headers: HEADERS,
  rows: rows as CellValue[][],
});

export function computed(model: Model, rows: unknown[][]): Allocation {
  const { allocation, issues } = runAllocation(model, sampleTable(rows));
  if (allocation === null) throw new Error(issues.map((i) => i.message).join("\n"));
  return allocation;
}

/** The sample adopted, as stored in the workbook and read back. */
export function adoptedSample(): Adoption {
  const model = sampleModel();
  const dataset = checkTable(model, sampleTable(sampleRows())).dataset;
  if (!dataset) throw new Error("sample does not check");
  const adoption = adoptionOf(computed(model, sampleRows()), {
    date: ADOPTION_DATE,
    checksum: "0".repeat(64),
    goalposts: indicatorRanges(model, dataset),
  });
  const read = readAdoption(JSON.parse(JSON.stringify(adoption)));
  if (!read.adoption) throw new Error(read.problem);
  return read.adoption;
}

export interface TwoYears {
  adoption: Adoption;
  /** The next year's model with the adopted goalposts filled in, and which indicators got them. */
  model: Model;
  filled: string[];
  nextYear: Allocation;
  changes: Changes;
}

export function twoYears(): TwoYears {
  const adoption = adoptedSample();
  const { model, filled } = goalpostDefaults(nextYearModel(), adoption.goalposts);
  const nextYear = computed(model, nextYearRows());
  const changes = compareAllocations(sideOfAdoption(adoption), sideOfAllocation(nextYear));
  return { adoption, model, filled, nextYear, changes };
}

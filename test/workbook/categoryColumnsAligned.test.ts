/**
 * The standard scores and Kategorie-Indizes live in columns on the allocation (`Allocation.scores`,
 * `Allocation.categoryIndices`), the rest of a unit in `allocation.units`: every reader pairs them by
 * position. Each row of the Einrichtungen sheet, of results.json and of an adoption must show its own
 * unit's Kategorie-Indizes: their weighted mean is the Gesamtindex the unit result carries itself (and in
 * results.json and an adoption each category index is the mean of the unit's own standard scores). Checked
 * on a sheet whose rows are not in list order (allocate sorts by row), with the plan form, in publication
 * mode and on an allocation carried forward from an adoption read back.
 */
import { adoptionOf, indicatorRanges, readAdoption } from "../../src/engine/adoption";
import type { Allocation } from "../../src/engine/allocation";
import { carriedAllocation } from "../../src/engine/carryForward";
import { toResultsJson } from "../../src/engine/results";
import type { Model } from "../../src/engine/model";
import { allocationSheets } from "../../src/workbook/allocationSheets";
import type { SheetSpec } from "../../src/workbook/port";
import { CATEGORIES, dataset, model, unit } from "../engine/fixtures";
import { allocate, resolved } from "../helpers/resolved";

const CTX = {
  inputRange: "Kitas!A1:F7",
  checksum: "0".repeat(64),
  date: "2024-05-17",
  version: "0.1.0",
  issues: [],
};

/** Six Kitas listed in the reverse of their sheet rows, each with its own values. */
const DATA = dataset(
  [
    unit("K1", "Nord", [10, 0, 0], { children: 40, row: 7 }),
    unit("K2", "Nord", [20, 10, 50], { children: 60, row: 6 }),
    unit("K3", "Nord", [35, 4, 70], { children: 55, row: 5 }),
    unit("K4", "Süd", [30, 5, 100], { children: 80, row: 4 }),
    unit("K5", "Süd", [10, 10, 25], { children: 20, row: 3 }),
    unit("K6", "Süd", [25, 2, 90], { children: 35, row: 2 }),
  ],
  undefined,
  false,
);

function weightedMean(categories: Record<string, number | null | undefined>): number {
  let sum = 0;
  let weights = 0;
  for (const c of CATEGORIES) {
    sum += (categories[c.name] as number) * c.weight;
    weights += c.weight;
  }
  return sum / weights;
}

function expectOwnIndices(a: Allocation, publication = false): void {
  expect(a.units.map((u) => u.id)).not.toEqual(DATA.units.map((u) => u.id)); // sorted by row
  // the sheet: by the Einrichtung (or its code) in column A
  const e = allocationSheets(a, { ...CTX, publication }).find((s) => s.name === "Einrichtungen") as SheetSpec;
  const header = e.rows[0].map((c) => c.value);
  const col = (name: string) => header.indexOf(name);
  a.units.forEach((u, k) => {
    const row = e.rows[k + 1];
    expect(row[0].value).toBe(publication ? u.code : u.id);
    const categories = Object.fromEntries(CATEGORIES.map((c) => [c.name, row[col(c.name)].value as number]));
    expect(row[col("Gesamtindex")].value).toBe(u.index);
    expect(weightedMean(categories)).toBeCloseTo(u.index as number, 9);
  });
  // results.json and an adoption
  for (const unitOut of [
    toResultsJson(a.budget, a, []).units,
    adoptionOf(a, { date: "2027-03-15", checksum: "", goalposts: {} }).units,
  ]) {
    expect(unitOut.map((u) => u.id)).toEqual(a.units.map((u) => u.id));
    unitOut.forEach((u) => {
      expect(weightedMean(u.categories)).toBeCloseTo(u.index as number, 9);
      // the standard scores too: a, b in Soziale Lage, c in Flucht und Migration, all weight 1
      const [sa, sb, sc] = u.scores as number[];
      expect(u.categories).toEqual({
        [CATEGORIES[0].name]: expect.closeTo((sa + sb) / 2, 9),
        [CATEGORIES[1].name]: expect.closeTo(sc, 9),
      });
    });
  }
}

test("amounts form, plan form and publication mode: each row its own unit's Kategorie-Indizes", () => {
  const m = model({}, 300_000);
  expectOwnIndices(allocate(m, DATA));
  expectOwnIndices(allocate(m, DATA), true);
  const planned: Model = { ...m, budget: { total: 300_000, costPerVzae: 72_000 } };
  const plan = allocate(planned, DATA);
  expect(plan.units.every((u) => u.plan !== undefined)).toBe(true);
  expectOwnIndices(plan);
});

test("carried forward from an adoption read back: each row its own unit's Kategorie-Indizes", () => {
  for (const m of [
    model({}, 300_000),
    { ...model({}, 300_000), budget: { total: 300_000, costPerVzae: 72_000 } },
  ]) {
    const r = resolved(m);
    const adopted = adoptionOf(allocate(r, DATA), {
      date: "2027-03-15",
      checksum: "",
      goalposts: indicatorRanges(r, DATA),
    });
    const read = readAdoption(JSON.parse(JSON.stringify(adopted))).adoption!;
    expectOwnIndices(carriedAllocation(read, 330_000));
  }
});

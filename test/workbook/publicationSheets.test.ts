/**
 * The publication workbook's sheets and the Codeschlüssel: a Sozialraum or Kita name is printed whole,
 * never cut by the cell beside it (a Landkreis' „Kreisstadt Süd/Bahnhof“ was cut to „Kreisstadt Süd/Bahnhc“
 * in the publication's Einrichtungen, a column of fixed width 18).
 */
import type { Allocation } from "../../src/engine/allocation";
import { publicationOf } from "../../src/engine/publication";
import { codeKeySheet, publicationSheets } from "../../src/workbook/publicationSheets";
import type { SheetSpec } from "../../src/workbook/port";
import { oneLineWidth } from "../../src/workbook/textWidth";
import { fixtureAllocation } from "./fixtures";

const LONG_AREA = "Kreisstadt Süd/Bahnhof-West";
const LONG_KITA = "Kath. Kita St. Maria Magdalena Nord";

/**
 * The fixture with its first Sozialraum renamed to a long name, three Kitas in it (a Sozialraum of fewer
 * is withheld from the publication) and the first Kita renamed to a long name.
 */
function longNames(): Allocation {
  const allocation = fixtureAllocation();
  const oldArea = allocation.areas[0].name;
  return {
    ...allocation,
    areas: allocation.areas.map((a) => (a.name === oldArea ? { ...a, name: LONG_AREA } : a)),
    units: allocation.units.map((u, k) => ({
      ...u,
      ...(k === 0 ? { id: LONG_KITA } : {}),
      ...(u.area === oldArea || k === allocation.units.length - 1 ? { area: LONG_AREA } : {}),
    })),
  };
}

/** Width of the column headed `header` (first row that has it). */
function widthOf(sheet: SheetSpec, header: string): number {
  for (const row of sheet.rows) {
    const j = row.findIndex((c) => c?.value === header);
    if (j >= 0) return sheet.columnWidths?.[j] ?? 0;
  }
  throw new Error(`no column ${header} in ${sheet.name}`);
}

describe("publication sheets: names are printed whole", () => {
  const allocation = longNames();
  const publication = publicationOf(allocation, () => 0.5);
  const [, areas, units] = publicationSheets(allocation, publication, { date: "01.12.2026" });

  test("the Sozialraum column of Verteilung and Einrichtungen fits the longest Sozialraum", () => {
    expect(widthOf(areas, "Sozialraum")).toBeGreaterThanOrEqual(oneLineWidth(LONG_AREA));
    expect(widthOf(units, "Sozialraum")).toBeGreaterThanOrEqual(oneLineWidth(LONG_AREA));
  });

  test("the Codeschlüssel fits the longest Kita and Sozialraum", () => {
    const key = codeKeySheet(publication, { date: "01.12.2026", file: "Veroeffentlichung.xlsx" });
    expect(widthOf(key, "Einrichtung")).toBeGreaterThanOrEqual(oneLineWidth(LONG_KITA));
    expect(widthOf(key, "Sozialraum")).toBeGreaterThanOrEqual(oneLineWidth(LONG_AREA));
  });

  test("short names keep the widths as they were", () => {
    const plain = fixtureAllocation();
    const pub = publicationOf(plain, () => 0.5);
    const [, a, u] = publicationSheets(plain, pub, { date: "01.12.2026" });
    expect(widthOf(a, "Sozialraum")).toBe(22);
    expect(widthOf(u, "Sozialraum")).toBe(18);
    const key = codeKeySheet(pub, { date: "01.12.2026", file: "V.xlsx" });
    expect([widthOf(key, "Einrichtung"), widthOf(key, "Sozialraum")]).toEqual([34, 18]);
  });
});

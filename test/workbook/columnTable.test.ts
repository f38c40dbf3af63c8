/**
 * Sheets from column tables (src/workbook/columnTable.ts): headers, widths, letters, references between
 * columns and the total row follow from the column list.
 */
import { columnTable, sumWhereEqual, type Column } from "../../src/workbook/columnTable";

interface Area {
  name: string;
  units: number;
  amount: number;
}

const COLUMNS: Column<Area>[] = [
  { key: "name", header: "Sozialraum", width: 20, value: (a) => ({ value: a.name }) },
  {
    key: "units",
    header: "Einrichtungen",
    width: 10,
    value: (a) => ({ value: a.units, numFmt: "0" }),
    total: "sum",
  },
  {
    key: "amount",
    header: "Betrag",
    width: 14,
    value: (a) => ({ value: a.amount, numFmt: "0.00" }),
    total: "cents",
    totalFormat: "0.00", // also without data rows
  },
  {
    key: "perUnit",
    header: "Betrag je Einrichtung",
    width: 14,
    value: (a, at) => ({ value: a.amount / a.units, formula: `${at.cell("amount")}/${at.cell("units")}` }),
  },
];

const AREAS: Area[] = [
  { name: "Nord", units: 2, amount: 0.1 },
  { name: "Süd", units: 4, amount: 0.2 },
];

describe("columnTable", () => {
  test("header, widths, letters and references between columns follow from the list", () => {
    const t = columnTable(COLUMNS, AREAS);
    expect(t.rows[0]).toEqual([
      { value: "Sozialraum", bold: true },
      { value: "Einrichtungen", bold: true },
      { value: "Betrag", bold: true },
      { value: "Betrag je Einrichtung", bold: true },
    ]);
    expect(t.widths).toEqual([20, 10, 14, 14]);
    expect([t.letter("amount"), t.column("perUnit"), t.range("name")]).toEqual(["C", 4, "$A$2:$A$3"]);
    expect(t.rows[2][3].formula).toBe("C3/B3");
    expect([t.firstRow, t.lastRow]).toEqual([2, 3]);
  });

  test("the total row: SUM formulas with the cached sum (money in whole cents), blanks elsewhere", () => {
    const t = columnTable(COLUMNS, AREAS);
    expect(t.total).toEqual([
      { value: "Summe", bold: true },
      { value: 6, formula: "SUM(B2:B3)", numFmt: "0", bold: true },
      { value: 0.3, formula: "SUM(C2:C3)", numFmt: "0.00", bold: true }, // 0.1 + 0.2 in cents, not 0.30000000000000004
      { value: null },
    ]);
  });

  test("a column more (a category) moves every later letter and formula with it", () => {
    const extra: Column<Area> = { key: "extra", header: "Extra", width: 5, value: () => ({ value: 1 }) };
    const t = columnTable([COLUMNS[0], extra, ...COLUMNS.slice(1)], AREAS);
    expect(t.letter("amount")).toBe("D");
    expect(t.rows[1][4].formula).toBe("D2/C2");
    expect(t.total[3]).toMatchObject({ formula: "SUM(D2:D3)" });
  });

  test("no items: a header, zero totals and no table (an Excel table needs a data row)", () => {
    const t = columnTable(COLUMNS, []);
    expect(t.rows).toHaveLength(1);
    expect(t.total[2]).toEqual({ value: 0, numFmt: "0.00", bold: true });
    expect(t.table("SRB_X")).toBeNull();
    expect(columnTable(COLUMNS, AREAS).table("SRB_X")).toEqual({
      name: "SRB_X",
      headerRow: 1,
      lastRow: 3,
      firstColumn: 1,
      lastColumn: 4,
    });
  });

  test("an unknown key is a programming error, not a wrong letter", () => {
    expect(() => columnTable(COLUMNS, AREAS).letter("gibt es nicht")).toThrow(/unknown column/);
  });

  test("sumWhereEqual matches exactly, without criteria syntax", () => {
    expect(sumWhereEqual("$B$2:$B$9", "A12", "$P$2:$P$9")).toBe(
      "SUMPRODUCT(--EXACT($B$2:$B$9,A12),$P$2:$P$9)",
    );
  });
});

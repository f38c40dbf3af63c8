import { checkedColumns } from "../../src/engine/checkedColumns";
import { CheckedUnit, valuesAt } from "../../src/engine/checkedUnit";
import { withFirstYear } from "../../src/engine/newlyFunded";
import { allocate, checkTable } from "../helpers/resolved";
import { goodRows, model, table, withCells } from "../helpers/kitaSheet";

describe("CheckedUnit: the check's units read their values from the typed columns", () => {
  const columns = [Float64Array.of(12, 30), Float64Array.of(NaN, 2)];

  test("a unit's list is made when first read, null for NaN, and then kept", () => {
    expect(valuesAt(columns, 0)).toEqual([12, null]);
    const u = new CheckedUnit("Kita A", "Nord", 40, 2, columns, 1, false, "", false, "", null, false, null);
    const first = u.values;
    expect(first).toEqual([30, 2]);
    expect(u.values).toBe(first); // the same list, not a new one per read
    u.values = [1, 1];
    expect(u.values).toEqual([1, 1]);
  });

  test("a checked sheet: every unit's values are its row's, blanks null", () => {
    // Kita B (row 3) without its second indicator
    const { dataset } = checkTable(model(), table(withCells([1, 4, null])));
    expect(dataset).not.toBeNull();
    const rows = goodRows();
    dataset!.units.forEach((u, e) => {
      const expected = rows[e].slice(3).map((v, i) => (e === 1 && i === 1 ? null : v));
      expect(u.values).toEqual(expected);
    });
  });

  test("the computation reads the check's columns; a copied unit (another flag) reads its own list", () => {
    const { dataset } = checkTable(model(), table());
    expect(checkedColumns(dataset!, dataset!.units)).not.toBeNull();
    // withFirstYear copies every unit: the columns no longer belong to them, the values must travel along
    const marked = withFirstYear(dataset!, ["Kita C"]);
    expect(checkedColumns(marked, marked.units)).toBeNull();
    expect(marked.units.map((u) => u.values)).toEqual(dataset!.units.map((u) => u.values));
    expect(marked.units.map((u) => u.firstYear)).toEqual([false, false, true, false]);
    // and the same allocation comes out of either
    const a = allocate(model(), dataset!);
    const b = allocate(model(), { ...marked, units: marked.units.map((u) => ({ ...u, firstYear: false })) });
    expect(b.units.map((u) => u.index)).toEqual(a.units.map((u) => u.index));
  });
});

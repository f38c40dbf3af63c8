import fc from "fast-check";
import { groupByArea } from "../../src/engine/areaGroups";
import { compareNames } from "../../src/engine/nameOrder";
import { unitCodes } from "../../src/engine/unitCodes";

describe("groupByArea: the Sozialräume of a list of Kitas", () => {
  test("worked example: areas in order of first appearance, their Kitas by position", () => {
    expect(groupByArea([{ area: "Süd" }, { area: "Nord" }, { area: "Süd" }, { area: "süd" }])).toEqual([
      { name: "Süd", units: [0, 2] },
      { name: "Nord", units: [1] },
      { name: "süd", units: [3] },
    ]);
    expect(groupByArea([])).toEqual([]);
  });

  test("property: every Kita in exactly one group, positions ascending, one group per distinct text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("A", "B", "C", "Süd", " A"), { maxLength: 60 }), (areas) => {
        const units = areas.map((area) => ({ area }));
        const groups = groupByArea(units);
        expect(groups.map((g) => g.name)).toEqual([...new Set(areas)]);
        const seen = groups.flatMap((g) => g.units).sort((a, b) => a - b);
        expect(seen).toEqual(areas.map((_, i) => i));
        for (const g of groups) {
          for (let j = 1; j < g.units.length; j++) expect(g.units[j]).toBeGreaterThan(g.units[j - 1]);
          for (const i of g.units) expect(areas[i]).toBe(g.name);
        }
      }),
    );
  });

  test("property: unitCodes over these groups numbers the Kitas as sorting them all by (Sozialraum, Name) does", () => {
    const unit = fc.record({
      id: fc.constantFrom("Kita 1", "Kita 2", "Kita 10", "Arche", "Zwerge"),
      area: fc.constantFrom("Nord", "Süd", "Mitte"),
    });
    fc.assert(
      fc.property(fc.uniqueArray(unit, { selector: (u) => `${u.area}|${u.id}`, maxLength: 15 }), (units) => {
        const order = units
          .map((_, i) => i)
          .sort(
            (a, b) => compareNames(units[a].area, units[b].area) || compareNames(units[a].id, units[b].id),
          );
        const expected = new Array<string>(units.length);
        order.forEach((i, k) => (expected[i] = `E${String(k + 1).padStart(2, "0")}`));
        expect(unitCodes(units, groupByArea(units))).toEqual(expected);
        expect(unitCodes(units)).toEqual(expected);
      }),
    );
  });
});

import fc from "fast-check";
import { PUBLICATION_MIN_UNITS, publicationOf } from "../../src/engine/publication";
import { seededRandom } from "../../src/engine/seededRandom";
import type { Allocation, UnitResult } from "../../src/engine/allocation";

/** Just what publicationOf reads: units (id, area) and areas (name). */
function allocationOf(units: { id: string; area: string }[]): Allocation {
  const areas = [...new Set(units.map((u) => u.area))].map((name) => ({ name }));
  return { units: units as UnitResult[], areas } as unknown as Allocation;
}

describe("publicationOf", () => {
  // worked example: Nord has 3 Kitas, Süd 1 → Süd withheld; Nord's Kitas get E01–E03 in a random order
  const allocation = allocationOf([
    { id: "Kita Arche", area: "Nord" },
    { id: "Kita Biene", area: "Nord" },
    { id: "Kita Sonnenblume", area: "Süd" },
    { id: "Kita Zwerge", area: "Nord" },
  ]);

  test("areas with fewer than 3 Kitas have no Kita detail; the others get codes E01…", () => {
    const p = publicationOf(allocation, seededRandom(1));
    expect(PUBLICATION_MIN_UNITS).toBe(3);
    expect(p.withheldAreas).toEqual(["Süd"]);
    expect(p.units.map((u) => u.code)).toEqual(["E01", "E02", "E03"]);
    expect(p.units.map((u) => u.unit.id).sort()).toEqual(["Kita Arche", "Kita Biene", "Kita Zwerge"]);
    expect(p.key).toEqual(p.units.map((u) => ({ code: u.code, id: u.unit.id, area: u.unit.area })));
  });

  test("the codes follow neither names nor rows: over many draws every Kita gets every code", () => {
    const seen = new Map<string, Set<string>>();
    for (let seed = 1; seed <= 60; seed++) {
      for (const u of publicationOf(allocation, seededRandom(seed)).units) {
        if (!seen.has(u.unit.id)) seen.set(u.unit.id, new Set());
        seen.get(u.unit.id)!.add(u.code);
      }
    }
    for (const codes of seen.values()) expect([...codes].sort()).toEqual(["E01", "E02", "E03"]);
  });

  test("a fresh draw gives a fresh key (two publications differ)", () => {
    const many = allocationOf(Array.from({ length: 30 }, (_, i) => ({ id: `Kita ${i}`, area: "Nord" })));
    const a = publicationOf(many, seededRandom(1)).key.map((k) => k.id);
    const b = publicationOf(many, seededRandom(2)).key.map((k) => k.id);
    expect(a).not.toEqual(b);
  });

  test("property: every unit of a published area appears once, no unit of a withheld area appears", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1e6 })), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 1e9 }),
        (rows, seed) => {
          const units = rows.map(([area, n], i) => ({ id: `K${i}-${n}`, area: `S${area}` }));
          const p = publicationOf(allocationOf(units), seededRandom(seed));
          const counts = new Map<string, number>();
          for (const u of units) counts.set(u.area, (counts.get(u.area) ?? 0) + 1);
          const expected = units.filter((u) => (counts.get(u.area) ?? 0) >= 3).map((u) => u.id);
          expect(p.units.map((u) => u.unit.id).sort()).toEqual([...expected].sort());
          expect(new Set(p.units.map((u) => u.code)).size).toBe(p.units.length);
          for (const area of p.withheldAreas) expect(counts.get(area)).toBeLessThan(3);
        },
      ),
    );
  });
});

import { unitCodes } from "../../src/engine/unitCodes";

describe("unitCodes (publication mode)", () => {
  test("sorted by Sozialraum, then id; returned in input order", () => {
    expect(
      unitCodes([
        { id: "Kita Sonnenschein", area: "Süd" },
        { id: "Kita Regenbogen", area: "Nord" },
        { id: "Kita Arche", area: "Süd" },
      ]),
    ).toEqual(["E03", "E01", "E02"]);
  });

  test("numbers inside names compare numerically", () => {
    expect(
      unitCodes([
        { id: "Kita 10", area: "A" },
        { id: "Kita 2", area: "A" },
      ]),
    ).toEqual(["E02", "E01"]);
  });

  test("row order never changes a code", () => {
    const units = Array.from({ length: 12 }, (_, i) => ({
      id: `Kita ${i}`,
      area: ["Ost", "Nord", "Süd"][i % 3],
    }));
    const codes = new Map(units.map((u, i) => [u.id, unitCodes(units)[i]]));
    const reversed = [...units].reverse();
    unitCodes(reversed).forEach((c, i) => expect(c).toBe(codes.get(reversed[i].id)));
    expect(new Set(codes.values()).size).toBe(12);
  });

  test("three digits from 100 units on", () => {
    const codes = unitCodes(Array.from({ length: 100 }, (_, i) => ({ id: `K${i}`, area: "A" })));
    expect(codes[0]).toBe("E001");
    expect(codes).toContain("E100");
  });
});

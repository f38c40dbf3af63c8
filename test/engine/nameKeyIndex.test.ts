import fc from "fast-check";
import { headerKey } from "../../src/engine/headerKey";
import { NameKeyIndex } from "../../src/engine/nameKeyIndex";

describe("NameKeyIndex", () => {
  test("the documented example: case and spaces ignored", () => {
    const rows = new NameKeyIndex();
    expect(rows.firstOrAdd("Kita Nord", 7)).toBeUndefined();
    expect(rows.firstOrAdd("kita  nord", 12)).toBe(7);
    expect(rows.firstOrAdd(" KITA\tNORD ", 13)).toBe(7);
    expect(rows.firstOrAdd("Kita Süd", 14)).toBeUndefined();
    expect(rows.firstOrAdd("KITA SÜD", 15)).toBe(14);
  });

  test("finds the same first rows as a Map of headerKey, for many names (the table grows)", () => {
    const part = fc.constantFrom(
      "Kita",
      "kita",
      "KITA",
      " ",
      "  ",
      "\t",
      "Ä",
      "ä",
      "ß",
      "İ",
      "1",
      "2",
      "x",
      "\u00a0",
      // white space a one-pass hash of plain names must leave to `headerKey`: line ends, Unicode spaces, BOM
      "\r\n",
      "\u3000",
      "\ufeff",
      "\u2028",
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(part, { maxLength: 5 }).map((p) => p.join("")),
          { maxLength: 300 },
        ),
        fc.nat({ max: 400 }),
        (names, capacity) => {
          // made for `capacity` names (fewer or more than come): the answers are the same
          const index = new NameKeyIndex(capacity);
          const map = new Map<string, number>();
          names.forEach((name, row) => {
            const expected = map.get(headerKey(name));
            if (expected === undefined) map.set(headerKey(name), row);
            expect(index.firstOrAdd(name, row)).toBe(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

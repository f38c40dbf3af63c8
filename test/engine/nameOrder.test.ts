import fc from "fast-check";
import { compareNames, trailingNumberOrder } from "../../src/engine/nameOrder";

const collator = new Intl.Collator("de", { numeric: true, sensitivity: "variant" });
/** The order by the collator alone (what `compareNames` must equal). */
const byCollator = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

describe("nameOrder", () => {
  test("names that differ in a trailing number are decided without the collator", () => {
    expect(trailingNumberOrder("Kita 9", "Kita 10")).toBe(-1);
    expect(trailingNumberOrder("Kita 0816", "Kita 0815")).toBe(1);
    expect(trailingNumberOrder("Kita 7", "Kita 7")).toBe(0);
    expect(trailingNumberOrder("Kita 09", "Kita 9")).toBeNaN();
    expect(trailingNumberOrder("Kita Nord", "Kita Süd")).toBeNaN();
    expect(trailingNumberOrder("Kita", "Kita 1")).toBeNaN();
    expect(trailingNumberOrder("Kita ٣1", "Kita ٣2")).toBeNaN();
  });

  test("the documented example", () => {
    expect(["Kita 10", "Kita 2", "Kita Ähre", "Kita Arche"].sort(compareNames)).toEqual([
      "Kita 2",
      "Kita 10",
      "Kita Ähre",
      "Kita Arche",
    ]);
  });

  test("the same sign as the collator, for names made of letters, digits, umlauts and other digits", () => {
    const part = fc.constantFrom(
      "Kita ",
      "kita",
      "A",
      "ä",
      "Ä",
      "-",
      " ",
      "0",
      "1",
      "2",
      "9",
      "00",
      "٣",
      "x",
      "ß",
    );
    const name = fc.array(part, { maxLength: 6 }).map((p) => p.join(""));
    fc.assert(
      fc.property(
        name,
        name,
        fc.array(fc.constantFrom("0", "1", "5", "9"), { maxLength: 4 }),
        (a, b, digits) => {
          // also the common case: one stem, different numbers
          const x = a + digits.join("");
          const y = a + b;
          for (const [p, q] of [
            [a, b],
            [x, y],
            [y, x],
          ])
            expect(Math.sign(compareNames(p, q))).toBe(Math.sign(byCollator(p, q)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("numbered names in the numbers' order", () => {
    fc.assert(
      fc.property(fc.nat(100000), fc.nat(100000), fc.nat(6), (m, n, width) => {
        const a = `Kita ${String(m).padStart(width, "0")}`;
        const b = `Kita ${String(n).padStart(width, "0")}`;
        expect(Math.sign(compareNames(a, b))).toBe(Math.sign(byCollator(a, b)));
      }),
      { numRuns: 3000 },
    );
  });
});

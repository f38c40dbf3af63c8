/**
 * The reader's fast paths (numbers, shared-string indices and cell references read from the bytes, no
 * text) give exactly what the text path gives: the same double as `Number`, or "not mine" (then the text
 * path reads it as before).
 */
import fc from "fast-check";
import { digitsOf, plainNumber, plainReference } from "../../../src/workbook/xlsx/sheetReader";

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);

describe("plainNumber", () => {
  it("gives the double Number gives for plain decimals", () => {
    for (const s of [
      "44.8",
      "0",
      "-0",
      "-3",
      ".5",
      "120.",
      "0.1",
      "123456789012345",
      "0.00000000000001",
      "007.50",
    ]) {
      expect(Object.is(plainNumber(bytes(s), bytes(s).length), Number(s))).toBe(true);
    }
  });

  it("leaves everything else to the text path (NaN)", () => {
    for (const s of [
      "",
      "-",
      ".",
      " 1",
      "1 ",
      "1e5",
      "+1",
      "0x10",
      "1.2.3",
      "1234567890123456",
      "Infinity",
      "1,5",
    ]) {
      expect(plainNumber(bytes(s), bytes(s).length)).toBeNaN();
    }
  });

  it("agrees with Number on random decimals", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{0,12}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
        (negative, whole, fraction) => {
          const s = `${negative ? "-" : ""}${whole}${fraction === null ? "" : `.${fraction}`}`;
          const fast = plainNumber(bytes(s), bytes(s).length);
          if (Number.isNaN(fast)) return true;
          return Object.is(fast, Number(s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("agrees with Number on the shortest text of random doubles", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (x) => {
        const s = String(x);
        const fast = plainNumber(bytes(s), bytes(s).length);
        return Number.isNaN(fast) || Object.is(fast, Number(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("digitsOf and plainReference", () => {
  it("read digits only", () => {
    expect(digitsOf(bytes("0042"), 4)).toBe(42);
    expect(digitsOf(bytes(""), 0)).toBe(-1);
    expect(digitsOf(bytes("4 2"), 3)).toBe(-1);
    expect(digitsOf(bytes("1234567890123456"), 16)).toBe(-1);
  });

  it("packs letters and digits, refuses the rest", () => {
    const cols = 1 << 15;
    expect(plainReference(bytes("B7"), 2)).toBe(7 * cols + 2);
    expect(plainReference(bytes("ab12"), 4)).toBe(12 * cols + 28);
    expect(plainReference(bytes("XFD1048576"), 10)).toBe(1048576 * cols + 16384);
    for (const s of ["$A$1", "A", "12", "ABCD1", "A12345678", "A1B", "R1C1x"]) {
      expect(plainReference(bytes(s), bytes(s).length)).toBe(-1);
    }
  });
});

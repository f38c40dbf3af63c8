import fc from "fast-check";
import { prettyJsonChunks } from "../../src/cli/jsonChunks";

/** The pieces joined must be JSON.stringify(value, null, 2) + "\n", byte for byte (results.json, SPEC §8). */
function same(value: unknown, pieceSize?: number): void {
  expect([...prettyJsonChunks(value, pieceSize)].join("")).toBe(JSON.stringify(value, null, 2) + "\n");
}

describe("prettyJsonChunks", () => {
  it("gives JSON.stringify's text of a results-like object", () => {
    same({
      budget: 1002240,
      allocated: true,
      units: [
        { id: "Kita „A“\n", scores: [1.5, NaN, Infinity], eligible: { a: true }, nested: { deep: [[], {}] } },
        { id: "B", skip: undefined, fn: () => 1 },
      ],
      areas: [],
      issues: [{ level: "warning", message: 'Zeile 3: „x“ \u2028 \\ "' }],
      empty: {},
      nothing: null,
      date: new Date(0),
      leftOut: undefined,
    });
  });

  it("keeps the places of values JSON leaves out in arrays and drops them in objects", () => {
    same({
      list: [undefined, () => 1, Symbol("s"), 1],
      obj: { a: undefined, b: Symbol("s") },
      only: undefined,
    });
    same({ a: undefined });
    same([]);
    same([{ a: [1, 2] }, [3, [4]]]);
  });

  it("splits a big value into pieces that join to the same text", () => {
    const units = Array.from({ length: 2000 }, (_, i) => ({
      id: `Kita ${i}`,
      scores: [i, i / 3],
      area: "S1",
    }));
    const value = { budget: 1, units };
    const pieces = [...prettyJsonChunks(value, 4096)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join("")).toBe(JSON.stringify(value, null, 2) + "\n");
  });

  it("handles scalars and objects with a toJSON of their own", () => {
    same(42);
    same("Text");
    same(null);
    same({ toJSON: () => ({ x: 1 }) });
    same({ inner: { toJSON: () => [1, 2] }, list: [{ toJSON: () => "t" }] });
  });

  it("gives JSON.stringify's text for any JSON value, in pieces of any size", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 64 }), (value, size) => {
        expect([...prettyJsonChunks(value, size)].join("")).toBe(JSON.stringify(value, null, 2) + "\n");
      }),
    );
  });
});

import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { writeTextPieces } from "../../src/cli/files";
import { ItemsOnDemand, prettyJsonChunks } from "../../src/cli/jsonChunks";

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

  it("writes items made on demand as the array of those items, at any depth", () => {
    const made: number[] = [];
    const units = (n: number) =>
      new ItemsOnDemand(n, (i) => {
        made.push(i);
        return i % 3 === 2 ? undefined : { id: `Kita ${i}`, scores: [i, i / 7], nested: { a: [i] } };
      });
    const value = {
      budget: 1,
      units: units(50),
      empty: units(0),
      deeper: { list: units(4) },
      top: [units(2)],
    };
    const text = [...prettyJsonChunks(value, 512)].join("");
    const asArrays = {
      budget: 1,
      units: units(50).toJSON(),
      empty: [],
      deeper: { list: units(4).toJSON() },
      top: [units(2).toJSON()],
    };
    expect(text).toBe(JSON.stringify(asArrays, null, 2) + "\n");
    expect(text).toBe(JSON.stringify(value, null, 2) + "\n");
    expect(text).toContain('"id": "Kita 49"');
    expect(made).toContain(49);
    expect([...prettyJsonChunks(units(3))].join("")).toBe(JSON.stringify(units(3), null, 2) + "\n");
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

describe("writeTextPieces (results.json written through one reused buffer)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-pieces-"));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("writes the pieces' UTF-8, byte for byte, across writes of a megabyte and pieces larger than one", async () => {
    const pieces = [
      "{\n",
      "„Kita Süd“ – 5 € ✓ 😀\n".repeat(30_000), // ~700,000 units, ~1.1 MB of UTF-8: more than one write
      "x".repeat(1_500_000), // a piece larger than the buffer
      "",
      "Ende\n",
    ];
    const file = path.join(dir, "r.json");
    await writeTextPieces(file, pieces);
    expect((await fs.readFile(file)).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
  });

  it("gives the file prettyJsonChunks' text of a results-like object in small pieces", async () => {
    const value = {
      units: Array.from({ length: 3000 }, (_, i) => ({ id: `Kita „${i}“`, scores: [i / 7, 1e21, -0] })),
    };
    const file = path.join(dir, "r.json");
    await writeTextPieces(file, prettyJsonChunks(value, 1 << 10));
    expect(await fs.readFile(file, "utf8")).toBe(JSON.stringify(value, null, 2) + "\n");
  });

  it("closes the file when a write fails (disk full) and passes the error on", async () => {
    const file = path.join(dir, "r.json");
    const close = jest.fn();
    const real = fs.open.bind(fs);
    jest.spyOn(fs, "open").mockImplementation(async (f, flags, mode) => {
      const handle = await real(f, flags, mode);
      return Object.assign(Object.create(handle) as typeof handle, {
        write: () => Promise.reject(Object.assign(new Error("ENOSPC: no space left"), { code: "ENOSPC" })),
        close: async () => {
          close();
          await handle.close();
        },
      });
    });
    await expect(writeTextPieces(file, ["a", "b"])).rejects.toMatchObject({ code: "ENOSPC" });
    expect(close).toHaveBeenCalledTimes(1);
  });
});

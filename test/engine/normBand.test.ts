import { bandOf, normBand } from "../../src/engine/normBand";

describe("normBand (SPEC §3)", () => {
  test("sample sd (n − 1, Excel STDEV.S)", () => {
    // mean 20; squared deviations 100 + 0 + 100 = 200; 200 / 2 = 100 → sd 10
    expect(normBand([10, 20, 30])).toEqual({ mean: 20, sd: 10, lower: 10, upper: 30 });
  });

  test("population sd (STDEV.P)", () => {
    // 200 / 3 → sd 8.164966
    const b = normBand([10, 20, 30], "population");
    expect(b.sd).toBeCloseTo(8.164966, 6);
    expect(b.lower).toBeCloseTo(11.835034, 6);
    expect(b.upper).toBeCloseTo(28.164966, 6);
  });

  test("blank values are skipped", () => {
    expect(normBand([10, null, 30, 20])).toEqual(normBand([10, 20, 30]));
  });

  test("one value: sd 0; no value: NaN and no band", () => {
    expect(normBand([42])).toEqual({ mean: 42, sd: 0, lower: 42, upper: 42 });
    const none = normBand([null]);
    expect(Number.isNaN(none.mean)).toBe(true);
    expect(bandOf(5, none)).toBeNull();
  });
});

describe("bandOf (bounds inclusive)", () => {
  const band = { mean: 20, sd: 10, lower: 10, upper: 30 };
  test.each([
    [30, "innerhalb"],
    [10, "innerhalb"],
    [20, "innerhalb"],
    [30.000001, "oberhalb"],
    [9.999999, "unterhalb"],
  ] as const)("%p → %s", (value, expected) => {
    expect(bandOf(value, band)).toBe(expected);
  });
  test("no value → null", () => {
    expect(bandOf(null, band)).toBeNull();
  });
});

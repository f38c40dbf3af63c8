import { sampleKurtosis, sampleSkewness } from "simple-statistics";
import { MAX_CLIPS, outlierRuleFires, winsorise } from "../../src/engine/winsorise";

describe("outlierRuleFires (|skew| > 2 and excess kurtosis > 3.5)", () => {
  test("one far outlier fires the rule", () => {
    const x = [1, 1, 1, 1, 1, 1, 1, 1, 2, 100];
    // Excel SKEW = 3.16, KURT = 10.00 (simple-statistics sampleSkewness / sampleKurtosis)
    expect(sampleSkewness(x)).toBeCloseTo(3.1617, 3);
    expect(sampleKurtosis(x)).toBeCloseTo(9.9972, 3);
    expect(outlierRuleFires(x)).toBe(true);
  });

  test("skewed but light-tailed data does not fire (kurtosis 1.41 ≤ 3.5)", () => {
    const x = [1, 1, 1, 1, 1, 1, 1, 1, 2, 2];
    expect(sampleSkewness(x)).toBeCloseTo(1.7788, 3);
    expect(outlierRuleFires(x)).toBe(false);
  });

  test("symmetric data and fewer than 4 values never fire", () => {
    expect(outlierRuleFires([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(false);
    expect(outlierRuleFires([1, 1, 1000])).toBe(false);
    expect(outlierRuleFires([5, 5, 5, 5])).toBe(false);
  });
});

describe("winsorise", () => {
  test("clips the maximum to the next value, then stops when the rule no longer fires", () => {
    // 100 → 2; afterwards skew 1.78, kurtosis 1.41: the rule is off
    expect(winsorise([1, 1, 1, 1, 1, 1, 1, 1, 2, 100])).toEqual({
      values: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2],
      clipped: [9],
    });
  });

  test("negative skew clips the minimum upwards", () => {
    expect(winsorise([10, 10, 10, 10, 10, 10, 10, 10, 9, -100])).toEqual({
      values: [10, 10, 10, 10, 10, 10, 10, 10, 9, 9],
      clipped: [9],
    });
  });

  test("repeated clips: tied extremes are clipped together", () => {
    // 0..4 repeated 8 times, then 1000, 1000, 5000: 5000 → 1000, then the three 1000s → 4 (4 values)
    const base = Array.from({ length: 40 }, (_, i) => i % 5);
    const w = winsorise([...base, 1000, 1000, 5000]);
    expect(w.values.slice(40)).toEqual([4, 4, 4]);
    expect(w.clipped).toEqual([40, 41, 42]);
  });

  test("never more than 5 values, even while the rule still fires", () => {
    const base = Array.from({ length: 100 }, (_, i) => i % 5);
    const w = winsorise([...base, 100, 200, 300, 400, 500, 600, 700, 800]);
    // 800 → 700, 700s → 600, 600s → 500, 500s → 400, 400s → 300: 5 distinct values clipped
    expect(w.clipped).toEqual([103, 104, 105, 106, 107]);
    expect(w.values.slice(100)).toEqual([100, 200, 300, 300, 300, 300, 300, 300]);
    expect(w.clipped.length).toBe(MAX_CLIPS);
    expect(outlierRuleFires(w.values as number[])).toBe(true);
  });

  test("blank values are left alone and the input is not mutated", () => {
    const input = Object.freeze([1, null, 1, 1, 1, 1, 1, 1, 1, 2, 100]);
    const w = winsorise(input);
    expect(w.values).toEqual([1, null, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    expect(input[10]).toBe(100);
  });
});

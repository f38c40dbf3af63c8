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
    expect(winsorise([1, 1, 1, 1, 1, 1, 1, 1, 2, 100])).toMatchObject({
      values: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2],
      clipped: [9],
      limitExceeded: false,
      stillFires: false,
    });
  });

  test("negative skew clips the minimum upwards", () => {
    expect(winsorise([10, 10, 10, 10, 10, 10, 10, 10, 9, -100])).toMatchObject({
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
    // … and says so, with what is left: Excel SKEW 3,58 and KURT 11,29 of the clipped values
    expect(w.stillFires).toBe(true);
    expect(w.limitExceeded).toBe(false);
    expect(w.skewness).toBeCloseTo(3.5789, 3);
    expect(w.kurtosis).toBeCloseTo(11.2939, 3);
  });

  test("six units tied at the extreme are clipped together, as in COINr (the limit is checked before a clip)", () => {
    // 0..4 repeated (94 values) and six Kitas at 1000: all six → 4; the rule is off afterwards
    const base = Array.from({ length: 94 }, (_, i) => i % 5);
    const w = winsorise([...base, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect(w.clipped).toEqual([94, 95, 96, 97, 98, 99]);
    expect(w.values.slice(94)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(w.limitExceeded).toBe(true);
    expect(w.stillFires).toBe(false);
  });

  test("a tied group that takes four clipped units to seven is clipped too, then clipping stops", () => {
    // 5000, 5000 → 3000 (2 clipped); 3000s → 2000 (3); 2000s → 1000 (4); four < 5, so the four 1000s → 4 (7)
    const base = Array.from({ length: 200 }, (_, i) => i % 5);
    const w = winsorise([...base, 1000, 1000, 1000, 2000, 3000, 5000, 5000]);
    expect(w.values.slice(200)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(w.clipped).toEqual([200, 201, 202, 203, 204, 205, 206]);
    expect(w.limitExceeded).toBe(true);
  });

  test("blank values are left alone and the input is not mutated", () => {
    const input = Object.freeze([1, null, 1, 1, 1, 1, 1, 1, 1, 2, 100]);
    const w = winsorise(input);
    expect(w.values).toEqual([1, null, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    expect(input[10]).toBe(100);
  });
});

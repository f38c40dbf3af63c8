import { standardScores } from "../../src/engine/standardScore";

describe("standardScores, min–max", () => {
  test("direction +1: 100·(x − min)/(max − min)", () => {
    // min 2, max 6: (2−2)/4 = 0, (4−2)/4 = 50 %, (5−2)/4 = 75 %, (6−2)/4 = 100 %
    expect(standardScores([2, 4, 5, 6], 1)).toEqual({ scores: [0, 50, 75, 100], constant: false });
  });

  test("direction −1: 100·(max − x)/(max − min)", () => {
    // (6−2)/4 = 100, (6−4)/4 = 50, (6−5)/4 = 25, 0
    expect(standardScores([2, 4, 5, 6], -1).scores).toEqual([100, 50, 25, 0]);
  });

  test("blank values stay blank and do not count for min and max", () => {
    // min 10, max 30 over the present values: 10 → 0, 20 → 50, 30 → 100
    expect(standardScores([10, null, 30, 20], 1).scores).toEqual([0, null, 100, 50]);
  });

  test("a constant indicator is flagged and never 0 or 50", () => {
    expect(standardScores([7, 7, null, 7], 1)).toEqual({ scores: [null, null, null, null], constant: true });
    expect(standardScores([7, 7], 1, { normalisation: "tscore" }).constant).toBe(true);
    expect(standardScores([null, null], 1).constant).toBe(true);
    expect(standardScores([], 1)).toEqual({ scores: [], constant: true });
  });

  test("fixed goalposts: scores relative to the reference year, clamped to 0–100", () => {
    // goalposts 0–200: 50 → 25, 100 → 50, −20 → below 0 → 0, 260 → above 100 → 100
    expect(standardScores([50, 100, -20, 260], 1, { goalposts: { min: 0, max: 200 } }).scores).toEqual([
      25, 50, 0, 100,
    ]);
    // direction −1: 50 → (200 − 50)/200 = 75
    expect(standardScores([50, 100], -1, { goalposts: { min: 0, max: 200 } }).scores).toEqual([75, 50]);
  });

  test("invalid goalposts (min ≥ max) fall back to the data", () => {
    expect(standardScores([2, 4, 6], 1, { goalposts: { min: 5, max: 5 } }).scores).toEqual([0, 50, 100]);
  });

  test("input is not mutated", () => {
    const values = Object.freeze([3, 1, 2]);
    standardScores(values, 1);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("standardScores, T-score 50 + 10·z", () => {
  test("sample sd (n − 1)", () => {
    // mean 4, sample sd sqrt(((−2)² + 0 + 2²)/2) = 2 → z = −1, 0, 1 → 40, 50, 60
    expect(standardScores([2, 4, 6], 1, { normalisation: "tscore" }).scores).toEqual([40, 50, 60]);
  });

  test("population sd", () => {
    // population sd sqrt(8/3) = 1.632993… → z = ∓1.224745 → 37.752551, 50, 62.247449
    const s = standardScores([2, 4, 6], 1, { normalisation: "tscore", sd: "population" }).scores as number[];
    expect(s[0]).toBeCloseTo(37.752551, 5);
    expect(s[1]).toBeCloseTo(50, 10);
    expect(s[2]).toBeCloseTo(62.247449, 5);
  });

  test("direction −1 mirrors around 50", () => {
    expect(standardScores([2, 4, 6, null], -1, { normalisation: "tscore" }).scores).toEqual([
      60,
      50,
      40,
      null,
    ]);
  });
});

import { SrbUsageError } from "../../src/engine/issues";
import { weightedMean } from "../../src/engine/weightedMean";

describe("weightedMean", () => {
  test("weights renormalised over the available values", () => {
    // (50·1 + 100·3) / (1 + 3) = 350 / 4 = 87.5; the blank value's weight 1 is dropped
    expect(weightedMean([50, null, 100], [1, 1, 3])).toBe(87.5);
  });

  test("equal weights = plain mean", () => {
    expect(weightedMean([10, 20, 60], [1, 1, 1])).toBe(30);
  });

  test("zero weights are left out", () => {
    expect(weightedMean([10, 1000], [1, 0])).toBe(10);
  });

  test("no value (or only zero weights) → null", () => {
    expect(weightedMean([null, null], [1, 1])).toBeNull();
    expect(weightedMean([5], [0])).toBeNull();
    expect(weightedMean([], [])).toBeNull();
  });

  test("misuse throws SrbUsageError", () => {
    expect(() => weightedMean([1, 2], [1])).toThrow(SrbUsageError);
    expect(() => weightedMean([1], [-1])).toThrow(SrbUsageError);
    expect(() => weightedMean([1], [NaN])).toThrow("weight NaN");
  });
});

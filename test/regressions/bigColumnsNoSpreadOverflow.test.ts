/**
 * Regression: `Math.min(...values)` / `Math.max(...values)` overflow the call stack above ~120,000 values
 * (found by the benchmarks). Winsorisation, the robustness summary and the custom functions' input reading
 * must cope with columns of Excel's size.
 */
import { winsorise } from "../../src/engine/winsorise";
import { standardScore } from "../../src/functions/functions";
import { installCustomFunctionsShim } from "../functions/customFunctionsShim";

beforeAll(() => installCustomFunctionsShim());

const N = 300_000;

test("winsorise clips an outlier in a column of 300,000 values", () => {
  const values: number[] = Array.from({ length: N }, (_, i) => i % 7);
  values[12345] = 1e6; // skew and kurtosis far above the thresholds
  const w = winsorise(values);
  expect(w.clipped).toContain(12345);
  expect(w.values[12345]).toBe(6);
});

test("SRB.STANDARDSCORE spills a 300,000-row column", () => {
  const column = Array.from({ length: N }, (_, i) => [i % 101]);
  const out = standardScore(column, null, null);
  expect(out).toHaveLength(N);
  expect(out[100][0]).toBe(100);
  expect(out[0][0]).toBe(0);
});

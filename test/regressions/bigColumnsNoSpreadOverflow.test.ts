/**
 * Regression: `Math.min(...values)` / `Math.max(...values)` overflow the call stack above ~120,000 values
 * (found by the benchmarks). Winsorisation, the robustness summary and the custom functions' input reading
 * must cope with columns of Excel's size, and so must the Einrichtungen sheet's Kita column width, which
 * looks at every Kita name.
 */
import { winsorise } from "../../src/engine/winsorise";
import { textColumnWidth } from "../../src/workbook/allocationSheets";
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

test("the Einrichtungen sheet's Kita column width over 300,000 Kita names", () => {
  // the width follows the longest name (allocationSheets `nameColumnWidth`): one name per Kita
  const names = Array.from({ length: N }, (_, i) => `Kita ${i}`);
  names[N - 1] = "Ev. Kindertagesstätte Arche Noah e.V.";
  expect(textColumnWidth(24, names, 36)).toBe(textColumnWidth(24, [names[N - 1]], 36));
  expect(textColumnWidth(24, names, 36)).toBeGreaterThan(24);
});

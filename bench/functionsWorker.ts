/**
 * Benchmark worker: the custom function SRB.STANDARDSCORE on a 100,000-row column, called directly (no
 * Excel) with a small `CustomFunctions` shim:
 * - spilled: one call `=SRB.STANDARDSCORE(B2:B100001)` that returns all 100,000 scores;
 * - single cells: 100,000 formulas, one per row. A standard score needs the whole column (min and max),
 *   so each cell's formula still passes the whole column, e.g. `=INDEX(SRB.STANDARDSCORE(B$2:B$100001);
 *   ROW()-1)`: 100,000 calls of O(n) work. `sampleCalls` of them are timed and the total extrapolated
 *   linearly (running all would take many minutes).
 *   node <bundle> <rows> <sampleCalls>
 * Prints one JSON line.
 */
import { ERROR_CODES, ShimError } from "../test/functions/customFunctionsShim";
import { timeRuns } from "./measure";
import { seededRandom } from "../src/engine/seededRandom";

export interface FunctionsResult {
  rows: number;
  spilledMs: number;
  singleCellCallMs: number;
  singleCellsTotalMs: number;
  sampleCalls: number;
  ratio: number;
  /** The spilled result had one score per row and no error. */
  ok: boolean;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const sampleCalls = Number(process.argv[3] ?? 20);
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: ShimError,
    ErrorCode: ERROR_CODES,
    associate: () => undefined,
  };
  // imported after the shim is in place
  const { standardScore } = await import("../src/functions/functions");
  const random = seededRandom(7);
  // Excel hands a column as rows × 1; blank cells arrive as "" (web) — 0.5 % blanks
  const column: unknown[][] = Array.from({ length: rows }, () => [
    random() < 0.005 ? "" : Math.round(random() * 1000) / 10,
  ]);
  let spilled: unknown[][] = [];
  const spill = timeRuns(() => (spilled = standardScore(column, 1, null)), 5);
  const single = timeRuns(() => standardScore(column, 1, null)[rows - 1][0], sampleCalls, 0);
  const singleCellCallMs = single.medianMs;
  const out: FunctionsResult = {
    rows,
    spilledMs: spill.medianMs,
    singleCellCallMs,
    singleCellsTotalMs: singleCellCallMs * rows,
    sampleCalls,
    ratio: (singleCellCallMs * rows) / spill.medianMs,
    ok: Array.isArray(spilled) && spilled.length === rows && !(spilled instanceof ShimError),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();

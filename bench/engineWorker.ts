/**
 * Benchmark worker: the engine's full pipeline (`runAllocation`: check, index, norm bands, area shares,
 * cents, strands) on a synthetic town. Run in a fresh process per size so that the memory figures belong
 * to this size only:
 *   node --expose-gc <bundle> <units> <runs> [back-to-back]
 * Every timed run (and every bare pass) starts from a collected heap: an untimed gc() before it. With
 * "back-to-back" the runs follow each other without it (the bench until 2026-12-01): their times then
 * include collecting the earlier runs' garbage, and the peak RSS the earlier results not yet collected.
 * Prints one JSON line (EngineResult).
 */
import { runAllocation } from "../test/helpers/resolved";
import { collectGarbage, megabytes, timeAlternating, timeRuns } from "./measure";
import { syntheticTown } from "./synthetic";

export interface EngineResult {
  units: number;
  indicators: number;
  areas: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median CPU time per run (user + system, all threads). */
  cpuMs: number;
  /** Heap in use after the input table was built (MB). */
  heapInputMb: number;
  /** Heap still in use after a run, garbage collected: the allocation result (MB, result kept alive). */
  heapResultMb: number;
  /** Resident set size high-water mark of the whole process (MB): input, result and garbage. */
  peakRssMb: number;
  issues: number;
  ok: boolean;
  /** Median of a bare pass over the same numbers, same process (see `barePass`). */
  bareMs: number;
}

/**
 * The least any index computation must do, in typed arrays: per indicator column min/max, min-max scores,
 * then the mean score of each row. What the engine is compared with (`engine_vs_bare`).
 *
 * @example barePass(syntheticTown(10).table, 20); // => Float64Array of 10 row means
 */
export function barePass(table: { rows: unknown[][] }, indicators: number): Float64Array {
  const n = table.rows.length;
  const columns: Float64Array[] = [];
  for (let i = 0; i < indicators; i++) {
    const col = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = table.rows[r][3 + i];
      col[r] = typeof v === "number" ? v : NaN;
    }
    columns.push(col);
  }
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  for (const col of columns) {
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < n; r++) {
      const v = col[r];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = max - min || 1;
    for (let r = 0; r < n; r++) {
      const v = col[r];
      if (v === v) {
        sums[r] += (v - min) / span;
        counts[r]++;
      }
    }
  }
  for (let r = 0; r < n; r++) sums[r] /= counts[r] || 1;
  return sums;
}

function main(): void {
  const units = Number(process.argv[2]);
  const runs = Number(process.argv[3] ?? 5);
  const town = syntheticTown(units);
  collectGarbage();
  const heapInput = process.memoryUsage().heapUsed;
  let last: ReturnType<typeof runAllocation> | null = null;
  const collected = process.argv[4] !== "back-to-back";
  // the previous run's result let go, and (unless back to back) collected, before the next run
  const before = () => {
    last = null;
    if (collected) collectGarbage();
  };
  const engine = () => (last = runAllocation(town.model, town.table));
  const bareRun = () => barePass(town.table, town.model.indicators.length);
  // Collected: the engine's runs and the bare passes alternate, each from a collected heap, so that the
  // ratio of their medians is taken under the same state of the machine. Back to back (the bench until
  // 2026-12-01): the engine's runs follow each other, then the bare passes'.
  const [timing, bare] = collected
    ? // before a bare pass only collected: the engine's last result stays for the figures below
      timeAlternating(engine, bareRun, runs, 1, (w) => (w === 0 ? before() : collectGarbage()))
    : [timeRuns(engine, runs, 1, before), timeRuns(bareRun, runs, 1)];
  // the heap still held by the last result (kept alive in `last`)
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  const result = last as ReturnType<typeof runAllocation> | null;
  const out: EngineResult = {
    units,
    indicators: town.model.indicators.length,
    areas: town.areas,
    runs,
    medianMs: timing.medianMs,
    minMs: timing.minMs,
    maxMs: timing.maxMs,
    cpuMs: timing.cpuMedianMs,
    heapInputMb: megabytes(heapInput),
    heapResultMb: megabytes(heapAfter - heapInput),
    peakRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
    issues: result?.issues.length ?? 0,
    ok: result?.allocation != null,
    bareMs: bare.medianMs,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();

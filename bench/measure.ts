/**
 * Small timing and memory helpers shared by the benchmark workers.
 */
import { median } from "simple-statistics";

export interface Timing {
  /** Median of the runs in milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  timesMs: number[];
  /**
   * Median CPU time of the process per run (user + system, all threads, so GC helper threads count too).
   * On a busy machine the wall time includes waiting for a core; the CPU time does not.
   */
  cpuMedianMs: number;
}

/**
 * Time `runs` calls of `work` (after `warmup` untimed calls) and summarise them. `before` runs before every
 * call, untimed (e.g. `collectGarbage`, so that each run starts from the same heap).
 *
 * @example timeRuns(() => [3, 1, 2].sort(), 5).medianMs; // => a small number of milliseconds
 */
export function timeRuns(work: () => unknown, runs: number, warmup = 1, before?: () => void): Timing {
  for (let k = 0; k < warmup; k++) {
    before?.();
    work();
  }
  const timesMs: number[] = [];
  const cpuMs: number[] = [];
  for (let k = 0; k < runs; k++) {
    before?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    work();
    timesMs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return {
    medianMs: median(timesMs),
    minMs: Math.min(...timesMs),
    maxMs: Math.max(...timesMs),
    timesMs,
    cpuMedianMs: median(cpuMs),
  };
}

/** Collect garbage when node runs with --expose-gc (no-op otherwise). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/**
 * Megabytes, one decimal.
 *
 * @example megabytes(1_572_864); // => 1.5
 */
export function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

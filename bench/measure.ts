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
 * Time `runs` rounds of `works`, each piece once per round and in turn (after `warmup` untimed rounds), and
 * summarise each piece's runs. `before(w)` runs untimed before every call of piece `w`.
 */
function timeInTurns(
  works: readonly (() => unknown)[],
  runs: number,
  warmup: number,
  before?: (w: number) => void,
): Timing[] {
  const times = works.map((): number[] => []);
  const cpus = works.map((): number[] => []);
  for (let k = 0; k < warmup + runs; k++) {
    works.forEach((work, w) => {
      before?.(w);
      const cpu = process.cpuUsage();
      const start = performance.now();
      work();
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (k < warmup) return;
      times[w].push(ms);
      cpus[w].push((used.user + used.system) / 1000);
    });
  }
  return works.map((_, w) => ({
    medianMs: median(times[w]),
    minMs: Math.min(...times[w]),
    maxMs: Math.max(...times[w]),
    timesMs: times[w],
    cpuMedianMs: median(cpus[w]),
  }));
}

/**
 * Time `runs` calls of `work` (after `warmup` untimed calls) and summarise them. `before` runs before every
 * call, untimed (e.g. `collectGarbage`, so that each run starts from the same heap).
 *
 * @example timeRuns(() => [3, 1, 2].sort(), 5).medianMs; // => a small number of milliseconds
 */
export function timeRuns(work: () => unknown, runs: number, warmup = 1, before?: () => void): Timing {
  return timeInTurns([work], runs, warmup, before)[0];
}

/**
 * Time two pieces of work in alternation — `a`, then `b`, `runs` times (after `warmup` untimed rounds) — so
 * that both meet the same state of the machine: on a shared machine its speed drifts within seconds, and `a`'s
 * runs all first, then `b`'s, made their ratio drift with it. `before(0)` runs untimed before every call of
 * `a`, `before(1)` before every call of `b`.
 *
 * @example const [sorted, summed] = timeAlternating(() => [3, 1, 2].sort(), () => 1 + 2, 5);
 */
export function timeAlternating(
  a: () => unknown,
  b: () => unknown,
  runs: number,
  warmup = 1,
  before?: (w: number) => void,
): [Timing, Timing] {
  const [timingA, timingB] = timeInTurns([a, b], runs, warmup, before);
  return [timingA, timingB];
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

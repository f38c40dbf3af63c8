/**
 * Benchmark worker: Robustheit with 1,000 Monte-Carlo runs on a synthetic town of 40 Kitas
 * (`robustness(model, table, { runs })`, plus the deterministic alternatives). Prints one JSON line.
 *   node <bundle> <kitas> <monteCarloRuns> <repeats> [warmup runs, default 1]
 * The checked dataset and the base allocation are made once, outside the timing (the use case hands them in).
 */
import { allocate } from "../src/engine/allocate";
import { checkTable } from "../src/engine/check";
import { resolveModel } from "../src/engine/resolveModel";
import { robustness } from "../src/engine/robustness";
import { timeRuns } from "./measure";
import { syntheticTown } from "./synthetic";

export interface RobustnessResult {
  kitas: number;
  monteCarloRuns: number;
  /** Allocations computed (deterministic alternatives + Monte-Carlo). */
  allocations: number;
  medianMs: number;
  msPerAllocation: number;
  /** Peak resident memory of the worker process (MB), dataset and base allocation included. */
  maxRssMb: number;
}

function main(): void {
  const kitas = Number(process.argv[2] ?? 40);
  const runs = Number(process.argv[3] ?? 1000);
  const repeats = Number(process.argv[4] ?? 3);
  const warmup = Number(process.argv[5] ?? 1);
  const { model: file, table } = syntheticTown(kitas);
  // as the use case runs it: the checked dataset and the base allocation are given, not recomputed
  const model = resolveModel(file).model!;
  const dataset = checkTable(model, table).dataset!;
  const base = allocate(model, dataset);
  let allocations = 0;
  const timing = timeRuns(
    () => {
      allocations = robustness({ model, dataset, base }, { runs }).runs;
    },
    repeats,
    warmup,
  );
  const out: RobustnessResult = {
    kitas,
    monteCarloRuns: runs,
    allocations,
    medianMs: timing.medianMs,
    msPerAllocation: allocations > 0 ? timing.medianMs / allocations : NaN,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();

/**
 * Benchmark worker: Robustheit with 1,000 Monte-Carlo runs on a synthetic town of 40 Kitas
 * (`robustness(model, table, { runs })`, plus the deterministic alternatives). Prints one JSON line.
 *   node <bundle> <kitas> <monteCarloRuns> <repeats>
 */
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
}

function main(): void {
  const kitas = Number(process.argv[2] ?? 40);
  const runs = Number(process.argv[3] ?? 1000);
  const repeats = Number(process.argv[4] ?? 3);
  const { model, table } = syntheticTown(kitas);
  let allocations = 0;
  const timing = timeRuns(() => {
    allocations = robustness(model, table, { runs })?.runs ?? 0;
  }, repeats);
  const out: RobustnessResult = {
    kitas,
    monteCarloRuns: runs,
    allocations,
    medianMs: timing.medianMs,
    msPerAllocation: allocations > 0 ? timing.medianMs / allocations : NaN,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();

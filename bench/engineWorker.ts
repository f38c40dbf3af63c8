/**
 * Benchmark worker: the engine's full pipeline (`runAllocation`: check, index, norm bands, area shares,
 * cents, strands) on a synthetic town. Run in a fresh process per size so that the memory figures belong
 * to this size only:
 *   node --expose-gc <bundle> <units> <runs>
 * Prints one JSON line (EngineResult).
 */
import { runAllocation } from "../test/helpers/resolved";
import { collectGarbage, megabytes, timeRuns } from "./measure";
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
}

function main(): void {
  const units = Number(process.argv[2]);
  const runs = Number(process.argv[3] ?? 5);
  const town = syntheticTown(units);
  collectGarbage();
  const heapInput = process.memoryUsage().heapUsed;
  let last: ReturnType<typeof runAllocation> | null = null;
  const timing = timeRuns(() => {
    last = null; // let the previous result go before the next run
    last = runAllocation(town.model, town.table);
  }, runs);
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
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();

/**
 * Fuzzing, part 4 of 4: random workbooks through check → engine → writer → .xlsx → re-opened workbook.
 * The ≥ 10,000 cases of a run are split over fuzz.test.ts, fuzz2…fuzz4.test.ts so that jest's workers run
 * them side by side; what is generated is in arbitraries.ts, the invariants in fuzzHarness.ts.
 *
 * README – seed, replay, regression test:
 * - Each file prints `fuzz seed: N`, a fresh seed per run. `SRB_FUZZ_SEED=N` replays it (and
 *   `SRB_FUZZ_RUNS` sets the total case count, default 10,000 over the four files).
 * - On a failure fast-check prints `{ seed: N, path: "…" }` and the shrunk counterexample (model and
 *   table). `SRB_FUZZ_SEED=N SRB_FUZZ_PATH="…" npx jest test/hardening/fuzz4.test.ts` runs just that case.
 * - Turn it into a regression test: `test/regressions/<whatBroke>.test.ts` with a header comment (seed, what
 *   broke, the fix), the counterexample's model and RawTable cut down to what matters, and the assertion of
 *   the right behaviour (exact German issue, sums, or the workbook that re-opens); it must fail before the
 *   fix. Fix the owning module in its own small commit (e.g. test/regressions/aggregateAreaMeanRounding.test.ts).
 */
import { fuzzFile, FUZZ_FILES, TOTAL_RUNS } from "./fuzzHarness";

/** 2,500 cases take 1–3 minutes on a loaded 2-core machine; jest's default of 2 minutes is too short. */
const TIMEOUT_MS = 15 * 60 * 1000;

test(
  `fuzz part 4/${FUZZ_FILES}: ${Math.ceil(TOTAL_RUNS / FUZZ_FILES)} random workbooks to .xlsx and back, every invariant holds`,
  async () => {
    await fuzzFile(4);
  },
  TIMEOUT_MS,
);

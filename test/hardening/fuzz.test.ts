/**
 * Fuzzing: random workbooks through check → engine → writer → .xlsx → re-opened workbook, every invariant
 * asserted. What is generated is in arbitraries.ts, the invariants in fuzzHarness.ts.
 *
 * One file, several parts: jest.config.js runs this file once per project "fuzz-1" … "fuzz-N" with the part
 * number as a global, so that jest's workers run the parts side by side. SRB_FUZZ_RUNS is the case count over
 * all parts (default 10,000 – what CI runs; `npm run test:unit` runs part 1 of 400: 100 cases).
 *
 * README – seed, replay, regression test:
 * - Each part prints `fuzz seed: N (Teil k/N, …)`, a fresh seed per run. `SRB_FUZZ_SEED=N` replays it:
 *   `SRB_FUZZ_SEED=N npx jest --selectProjects fuzz-k` (with the same SRB_FUZZ_RUNS).
 * - On a failure fast-check prints `{ seed: N, path: "…" }` and the shrunk counterexample (model and
 *   table). `SRB_FUZZ_SEED=N SRB_FUZZ_PATH="…" npx jest --selectProjects fuzz-k` runs just that case.
 * - Turn it into a regression test: `test/regressions/<whatBroke>.test.ts` with a header comment (seed, what
 *   broke, the fix), the counterexample's model and RawTable cut down to what matters, and the assertion of
 *   the right behaviour (exact German issue, sums, or the workbook that re-opens); it must fail before the
 *   fix. Fix the owning module in its own small commit (e.g. test/regressions/aggregateAreaMeanRounding.test.ts).
 */
import { fuzzPart, fuzzPartOfThisProject, TOTAL_RUNS } from "./fuzzHarness";

/** 2,500 cases take 1–3 minutes on a loaded 2-core machine; jest's default of 2 minutes is too short. */
const TIMEOUT_MS = 15 * 60 * 1000;

const { part, parts } = fuzzPartOfThisProject();

test(
  `fuzz part ${part}/${parts}: ${Math.ceil(TOTAL_RUNS / parts)} random workbooks to .xlsx and back, every invariant holds`,
  async () => {
    await fuzzPart(part, parts);
  },
  TIMEOUT_MS,
);

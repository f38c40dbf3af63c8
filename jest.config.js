/**
 * Jest: one configuration, split into projects so that the fast loop and the full suite share it.
 *
 * - "unit": engine, workbook (exceljs and the fake Office.js), functions, CLI (in-process), conformance,
 *   golden, hardening, the task pane's plain modules – no browser, no LibreOffice, no webpack build, no
 *   child process of the whole CLI, no rendering. The fast loop.
 * - "taskpane": the task pane's React components rendered under jsdom (test/taskpane/*.test.tsx): about
 *   half of the old fast loop's time (docs/testing.md); run them while working on the pane:
 *   `npm run test:taskpane`.
 * - "integration": what needs Chromium, LibreOffice or a webpack build, starts the real `srb` binary, or
 *   checks the Office.js adapter at 10,000 and 100,000 rows (slow; a missing tool is skipped locally and
 *   fails in CI – see test/helpers/libreoffice.ts).
 * - "fuzz-1" … "fuzz-N": the ONE fuzz file test/hardening/fuzz.test.ts, once per project with its part number
 *   as a global. Jest runs files of all projects in one worker pool and a file is its unit of parallelism, so
 *   N projects over the same file put N fuzz jobs side by side on the workers (CI: --maxWorkers=2), where one
 *   file with `test.each` would run all parts in a single worker. SRB_FUZZ_RUNS is the total over all parts.
 *
 * `npm test` runs every project (CI); `npm run test:unit` runs "unit" and one fuzz part with few cases
 * (only "fuzz-1", scripts/test-unit.js); `npm run test:taskpane` runs "taskpane". `npx jest <path>` runs a file in every project that holds it.
 */

/** Parts the fuzz runs are split over: more than the two CI workers, so the scheduler can fill both. */
const FUZZ_PARTS = 4;

const FUZZ_FILE = "<rootDir>/test/hardening/fuzz.test.ts";

/** The task pane's rendered components (jsdom, Fluent UI): project "taskpane". */
const TASKPANE = "<rootDir>/test/taskpane/**/*.test.tsx";

/**
 * Need Chromium, LibreOffice, a production webpack build or a child process of the whole CLI or npm start,
 * or are benchmarks of size (the 10,000-row adapter test).
 */
const INTEGRATION = [
  "<rootDir>/test/cli/binary.test.ts",
  "<rootDir>/test/workbook/officeWorkbookLarge.test.ts",
  "<rootDir>/test/e2e/",
  "<rootDir>/test/workbook/libreoffice.test.ts",
  "<rootDir>/test/functions/bundle.test.ts",
  "<rootDir>/test/manifest/build.test.ts",
  "<rootDir>/test/hardening/nothingSent.test.ts",
];

/** Jest's timeout for one test: the LibreOffice, browser and fuzz tests take minutes on a loaded machine. */
const TEST_TIMEOUT_MS = 120000;

const base = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/shims/office-addin-manifest.js",
    "\\.(css|png|svg)$": "<rootDir>/test/shims/file-stub.js",
  },
  testTimeout: TEST_TIMEOUT_MS,
};

const escapeRegExp = (path) => path.replace("<rootDir>", "").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: TEST_TIMEOUT_MS,
  projects: [
    {
      ...base,
      displayName: "unit",
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: [
        "/node_modules/",
        "/test/taskpane/.*\\.test\\.tsx$",
        ...[...INTEGRATION, FUZZ_FILE].map(escapeRegExp),
      ],
    },
    {
      ...base,
      displayName: "taskpane",
      testMatch: [TASKPANE],
    },
    {
      ...base,
      displayName: "integration",
      testMatch: INTEGRATION.map((p) => (p.endsWith("/") ? `${p}**/*.test.ts` : p)),
    },
    ...Array.from({ length: FUZZ_PARTS }, (_, i) => ({
      ...base,
      displayName: `fuzz-${i + 1}`,
      testMatch: [FUZZ_FILE],
      globals: { SRB_FUZZ_PART: i + 1, SRB_FUZZ_PARTS: FUZZ_PARTS },
    })),
  ],
};

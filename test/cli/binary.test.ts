/**
 * The real `srb` command as the user starts it (`node bin/srb.js`, a child process), and `npm start`'s
 * first step, which runs it on the sample: the smoke tests of the binary — loader, argument passing, exit
 * status, output on the real stdout/stderr. Everything else about the command runs in-process through
 * `main` (test/cli/allocate.test.ts, fortschreibung.test.ts, files.test.ts). Part of the full suite
 * (`npm test`, project "integration"), not of the fast loop: each start loads or compiles the whole CLI.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { resultsSchema } from "../helpers/resultsSchema";
import { ROOT, sampleCopy, srbProcess } from "../helpers/cli";

let dir: string;
beforeAll(async () => {
  dir = await sampleCopy("srb-bin-", ["Musterstadt.xlsx"]);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("node bin/srb.js allocate on the sample: exit 0, workbook and results.json written, progress on stderr", async () => {
  const out = path.join(dir, "Verteilung.xlsx");
  const json = path.join(dir, "ergebnis.json");
  const run = srbProcess("allocate", path.join(dir, "Musterstadt.xlsx"), "--out", out, "--json", json);
  expect(run.stderr).toContain("srb: fertig");
  expect(run.status).toBe(0);
  expect((await fs.stat(out)).size).toBeGreaterThan(0);
  const results = resultsSchema.parse(JSON.parse(await fs.readFile(json, "utf8")));
  expect(results.units).toHaveLength(32);
});

test("node bin/srb.js: a usage error exits 1 with German text on stderr, --help exits 0", () => {
  const wrong = srbProcess("allocate");
  expect(wrong.status).toBe(1);
  expect(wrong.stderr).toContain("keine Arbeitsmappe angegeben");
  expect(wrong.stdout).toBe("");
  const help = srbProcess("--help");
  expect(help.status).toBe(0);
  expect(help.stdout).toContain("Aufruf:");
});

test("node bin/srb.js: a defect of SRB's own ends in German words and exit 1, the stack only with SRB_DEBUG=1", async () => {
  // a command whose main fails as a defect would (an error no step turns into a German message)
  const preload = path.join(dir, "defect.js");
  await fs.writeFile(
    preload,
    `const Module = require("module"); const load = Module._load;\n` +
      `Module._load = function (request, ...rest) {\n` +
      `  if (/cli[\\\\/]main(\\.(js|ts))?$/.test(request)) return { main: async () => { throw new TypeError("Cannot read properties of undefined (reading 'col')"); } };\n` +
      `  return load.call(this, request, ...rest);\n};\n`,
  );
  const start = (debug: boolean) =>
    spawnSync(process.execPath, ["-r", preload, path.join(ROOT, "bin", "srb.js"), "allocate", "x.xlsx"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, SRB_DEBUG: debug ? "1" : "" },
      timeout: 60_000,
    });
  const plain = start(false);
  expect(plain.status).toBe(1);
  expect(plain.stderr).toContain("srb: interner Fehler in SRB – das liegt nicht an Ihren Daten");
  expect(plain.stderr).toContain("srb:   Cannot read properties of undefined (reading 'col')");
  expect(plain.stderr).not.toMatch(/ {4}at /);
  const debug = start(true);
  expect(debug.status).toBe(1);
  expect(debug.stderr).toMatch(/srb: {7}at /);
});

test("npm start with CI=true: runs the sample into out/, prints the Sozialraum table, does not serve, exit 0", () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.js")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    timeout: 90_000,
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/Summe\s+100,00 %\s+1\.002\.240,00 €/);
  expect(run.stdout).toContain("Ergebnis in out");
  expect(run.stdout).not.toContain("localhost");
});

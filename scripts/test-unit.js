#!/usr/bin/env node
/**
 * `npm run test:unit`: the fast loop. Runs jest's "unit" project and the first fuzz part with few cases
 * (SRB_FUZZ_RUNS=400 split over the parts: 100 cases in "fuzz-1"; one jest job instead of four), with the
 * external tools switched off (SRB_EXTERNAL_TOOLS=off: no LibreOffice, no Chromium even where they are
 * installed). Extra arguments go to jest, e.g.
 *   npm run test:unit -- test/engine
 *   npm run test:unit -- --maxWorkers=1
 * Written in Node instead of `VAR=x jest …` in package.json so that it works in every shell.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const config = require(path.join(ROOT, "jest.config.js"));
const projects = config.projects
  .map((p) => p.displayName)
  .filter((name) => name === "unit" || name === "fuzz-1");

const env = { ...process.env, SRB_EXTERNAL_TOOLS: "off", SRB_FUZZ_RUNS: process.env.SRB_FUZZ_RUNS ?? "400" };
const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
const run = spawnSync(
  process.execPath,
  [jest, ...process.argv.slice(2), "--selectProjects", ...projects],
  {
    cwd: ROOT,
    env,
    stdio: "inherit",
  },
);
process.exit(run.status ?? 1);

#!/usr/bin/env node
// The `srb` command. Runs the TypeScript sources directly through tsx, so it works right after `npm ci`.
"use strict";
require("tsx/cjs/api").register();
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`srb: interner Fehler: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);

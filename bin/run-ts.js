#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) through tsx: node bin/run-ts.js file.ts [args…]
"use strict";
require("tsx/cjs/api").register();
const path = require("path");
const file = process.argv[2];
process.argv.splice(1, 1);
require(path.resolve(file));

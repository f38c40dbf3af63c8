// dist-cli/src/cli/main.js, put in place by scripts/bundle-cli.js: loads SRB's bundled command line
// (srb-bundle.js) with V8's code cache made at build time (srb-bundle.cache), so that the functions that
// run on every start are neither parsed nor compiled again. A missing cache, or one V8 refuses (another
// Node version, a rebuilt bundle), only means the bundle is compiled as usual.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Module = require("module");

const BUNDLE = path.join(__dirname, "srb-bundle.js");
let cachedData;
try {
  cachedData = fs.readFileSync(path.join(__dirname, "srb-bundle.cache"));
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(BUNDLE, "utf8")), { filename: BUNDLE, cachedData });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, require, bundle, BUNDLE, __dirname);
module.exports = bundle.exports;

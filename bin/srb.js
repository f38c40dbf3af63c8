#!/usr/bin/env node
// The `srb` command. Runs the compiled JavaScript in dist-cli/ (built on `npm ci` / `npm install` by the
// `prepare` script, or by `npm run build:cli`); no TypeScript is compiled at run time. In a source checkout
// whose sources are newer than that build, it runs the sources through tsx (a development dependency)
// instead, so that it never runs stale code while someone edits src/.
"use strict";
const fs = require("fs");
const path = require("path");
const { newestFile } = require("../scripts/newest-file.js");

const ROOT = path.resolve(__dirname, "..");
const BUILT = path.join(ROOT, "dist-cli", "src", "cli", "main.js");

function loadMain() {
  let built = 0;
  try {
    built = fs.statSync(BUILT).mtimeMs;
  } catch {
    built = 0;
  }
  if (built > 0 && newestFile(path.join(ROOT, "src"), /\.tsx?$/) <= built) return require(BUILT).main;
  let tsx = null;
  try {
    tsx = require.resolve("tsx/cjs/api");
  } catch {
    tsx = null;
  }
  if (tsx) {
    require(tsx).register();
    return require("../src/cli/main.ts").main;
  }
  if (built > 0) return require(BUILT).main;
  process.stderr.write(
    "srb: das Programm ist noch nicht gebaut – bitte im SRB-Ordner „npm ci“ oder „npm run build:cli“ ausführen.\n",
  );
  process.exit(1);
}

loadMain()(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // a defect of SRB's, never of the user's data: said in German; the technical text follows for a bug
    // report (the whole stack only with SRB_DEBUG=1)
    const detail =
      process.env.SRB_DEBUG === "1" && err && err.stack ? err.stack : err && err.message ? err.message : err;
    process.stderr.write(
      "srb: interner Fehler in SRB – das liegt nicht an Ihren Daten; Ihre Arbeitsmappe (die Eingabe) wurde nicht geändert.\n" +
        "srb: Bitte melden Sie den Fehler mit dieser technischen Angabe (für die Entwickler):\n" +
        `srb:   ${String(detail).split("\n").join("\nsrb:   ")}\n`,
    );
    process.exitCode = 1;
  },
);

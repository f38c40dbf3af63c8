#!/usr/bin/env node
// Second step of `npm run build:cli` (and of `prepare`): after `tsc -p tsconfig.cli.json` has compiled and
// type-checked the command line into dist-cli/, esbuild bundles src/cli/main.ts with its runtime
// dependencies (zod, saxes, fflate, simple-statistics) into that same file, dist-cli/src/cli/main.js.
// One file instead of about 150 loaded one by one: `srb allocate` on the sample starts about a quarter of a
// second (CPU) sooner. Not minified, so that an internal error still names the function.
// esbuild comes with tsx (a development dependency). Without it the unbundled tsc output stays and works.
"use strict";
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist-cli", "src", "cli", "main.js");

/**
 * zod's `z.locales` (its messages in 40 languages, 358 KB of the bundle's 1.3 MB) is left out: SRB never
 * reads it (its messages are German and its own; zod's English default is imported by zod itself), and
 * every start of `srb` would parse it.
 */
const zodWithoutLocales = {
  name: "zod-without-locales",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: "zod-locales", namespace: "srb-left-out" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "srb-left-out" }, () => ({
      contents: "export {};",
      loader: "js",
    }));
  },
};

let esbuild = null;
try {
  esbuild = require("esbuild");
} catch {
  esbuild = null;
}
if (esbuild === null) {
  process.stderr.write(
    "srb: esbuild fehlt – die Kommandozeile bleibt ungebündelt in dist-cli/ (sie startet etwas langsamer).\n",
  );
} else {
  esbuild
    .build({
      entryPoints: [path.join(ROOT, "src", "cli", "main.ts")],
      outfile: OUT,
      allowOverwrite: true,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      logLevel: "error",
      plugins: [zodWithoutLocales],
    })
    .catch((e) => {
      process.stderr.write(`srb: die Kommandozeile konnte nicht gebündelt werden: ${e.message}\n`);
      process.exitCode = 1;
    });
}

#!/usr/bin/env node
// Second step of `npm run build:cli` (and of `prepare`): after `tsc -p tsconfig.cli.json` has compiled and
// type-checked the command line into dist-cli/, esbuild bundles src/cli/main.ts with its runtime
// dependencies (zod, saxes, fflate, simple-statistics) into that same file, dist-cli/src/cli/main.js.
// One file instead of about 150 loaded one by one: `srb allocate` on the sample starts about a quarter of a
// second (CPU) sooner. Not minified, so that an internal error still names the function.
// The bundle is dist-cli/src/cli/srb-bundle.js; main.js becomes a small loader (scripts/cli-loader.js) that
// compiles it with V8's code cache (srb-bundle.cache), made here by running the bundle once on the sample:
// V8 then neither parses nor compiles the functions that run on every start (~40 ms CPU of ~0.46 s on the
// sample). A cache that does not fit (another Node, another bundle) is refused by V8 and the bundle
// compiles as usual; without a cache the loader does the same.
// esbuild comes with tsx (a development dependency). Without it the unbundled tsc output stays and works.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const vm = require("vm");
const Module = require("module");

const ROOT = path.resolve(__dirname, "..");
const DIR = path.join(ROOT, "dist-cli", "src", "cli");
const OUT = path.join(DIR, "main.js");
const BUNDLE = path.join(DIR, "srb-bundle.js");
const CACHE = path.join(DIR, "srb-bundle.cache");
const SAMPLE = path.join(ROOT, "assets", "sample", "Musterstadt.xlsx");

/**
 * Runs the bundle once on the sample (into a temporary folder, removed after) and writes V8's code cache
 * of everything that ran; then puts the loader in place as main.js. Any failure leaves no cache: the
 * loader then compiles the bundle as usual.
 */
async function withCodeCache() {
  fs.rmSync(CACHE, { force: true });
  const script = new vm.Script(Module.wrap(fs.readFileSync(BUNDLE, "utf8")), { filename: BUNDLE });
  const bundle = { exports: {} };
  script.runInThisContext().call(bundle.exports, bundle.exports, require, bundle, BUNDLE, DIR);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "srb-build-"));
  try {
    if (fs.existsSync(SAMPLE)) {
      const quiet = { stdout() {}, stderr() {} };
      const args = [
        "allocate",
        SAMPLE,
        "--out",
        path.join(tmp, "a.xlsx"),
        "--json",
        path.join(tmp, "a.json"),
      ];
      await bundle.exports.main([...args, "--quiet"], quiet);
    }
    fs.writeFileSync(CACHE, script.createCachedData());
  } catch (e) {
    fs.rmSync(CACHE, { force: true });
    process.stderr.write(`srb: ohne Code-Cache gebaut (${e && e.message ? e.message : e}).\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.copyFileSync(path.join(__dirname, "cli-loader.js"), OUT);
}

/**
 * zod's `z.locales` (its messages in 40 languages, 358 KB of the bundle's 1.3 MB) is left out: SRB never
 * reads it (its messages are German and its own; zod's English default is imported by zod itself), and
 * every start of `srb` would parse it.
 */
const zodWithoutLocales = {
  name: "zod-without-locales",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)
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
      outfile: BUNDLE,
      allowOverwrite: true,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      logLevel: "error",
      plugins: [zodWithoutLocales],
    })
    .then(withCodeCache)
    .catch((e) => {
      process.stderr.write(`srb: die Kommandozeile konnte nicht gebündelt werden: ${e.message}\n`);
      process.exitCode = 1;
    });
}

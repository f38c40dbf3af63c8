/**
 * The compiled command line's loader (scripts/cli-loader.js, put in place as dist-cli/src/cli/main.js by
 * scripts/bundle-cli.js): it compiles the bundle with the code cache made at build time, and a missing or
 * unfitting cache only means the bundle is compiled as usual — never a failing `srb`.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";

const LOADER = path.resolve(__dirname, "..", "..", "scripts", "cli-loader.js");
const BUNDLE_SOURCE = `"use strict";\nexports.main = async (args) => args.length + require("path").basename(__filename).length;\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "srb-loader-"));
  writeFileSync(path.join(dir, "srb-bundle.js"), BUNDLE_SOURCE);
  copyFileSync(LOADER, path.join(dir, "main.js"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `main(args)` of the loader in a fresh Node process (as `srb` loads it), and whether V8 refused the
 * cache given (null: no cache given).
 */
function run(args: string[]): { result: number; rejected: boolean | null } {
  const script =
    `const vm = require("vm"); const Script = vm.Script; let rejected = null;` +
    `vm.Script = class extends Script { constructor(s, o) { super(s, o); if (o && o.cachedData) rejected = this.cachedDataRejected; } };` +
    `require(${JSON.stringify(path.join(dir, "main.js"))}).main(${JSON.stringify(args)})` +
    `.then((result) => process.stdout.write(JSON.stringify({ result, rejected })));`;
  const out = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(out.stderr).toBe("");
  return JSON.parse(out.stdout) as { result: number; rejected: boolean | null };
}

/** The cache V8 makes of the bundle as the build script compiles it. */
function cacheOf(source: string): Buffer {
  const filename = path.join(dir, "srb-bundle.js");
  return new vm.Script(Module.wrap(source), { filename }).createCachedData();
}

test("the bundle's exports, with its own file name and require, and the cache taken when it fits", () => {
  writeFileSync(path.join(dir, "srb-bundle.cache"), cacheOf(BUNDLE_SOURCE));
  expect(run(["a", "b"])).toEqual({ result: 2 + "srb-bundle.js".length, rejected: false });
});

test.each([
  ["without a cache", null, null],
  ["with a cache of another bundle", "other", true],
  ["with a damaged cache", "damaged", true],
])("%s the bundle is compiled as usual", (_name, kind, rejected) => {
  if (kind === "other") writeFileSync(path.join(dir, "srb-bundle.cache"), cacheOf("exports.main = 1;"));
  if (kind === "damaged") writeFileSync(path.join(dir, "srb-bundle.cache"), Buffer.from("kein Cache"));
  expect(run(["a"])).toEqual({ result: 1 + "srb-bundle.js".length, rejected });
});

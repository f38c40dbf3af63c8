/**
 * Bundles a benchmark worker with esbuild (shipped with tsx) into a temporary directory, so that the
 * engine is measured as plain JavaScript — without tsx's on-the-fly transform and its `keepNames`
 * wrappers (`__name(...)` around every function), which cost 2–3× on small functions and are not what
 * the add-in ships (webpack + ts-loader). Packages stay external and are required from node_modules.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): unknown;
}

function esbuild(): EsbuildApi {
  const fromTsx = require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json"))] });
  // esbuild is a dependency of tsx, not of SRB: loaded from tsx's own node_modules at run time
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(fromTsx) as EsbuildApi;
}

let outDir: string | null = null;

/**
 * Bundle `entry` (path relative to the repository) to a CommonJS file; returns its path.
 *
 * @example bundleWorker("bench/engineWorker.ts"); // => "/tmp/srb-bench-XXXX/engineWorker.cjs"
 */
export function bundleWorker(entry: string): string {
  if (outDir === null) {
    const dir = mkdtempSync(path.join(tmpdir(), "srb-bench-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    outDir = dir;
  }
  const outfile = path.join(outDir, `${path.basename(entry, ".ts")}.cjs`);
  esbuild().buildSync({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

/** Environment for a bundled worker: node_modules of the repository on NODE_PATH. */
export function workerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") };
}

export const REPOSITORY = ROOT;

/**
 * Bundle sizes, gzipped: `webpack --mode production` (the project's webpack.config.js) into a temporary
 * directory — not dist/, so that a benchmark never replaces a build someone else is testing — then
 * - functions: every `functions*.js`;
 * - task pane: the scripts `taskpane.html` loads, except the functions chunk (that is: `taskpane*.js` and
 *   every chunk loaded up front; chunks loaded lazily by `import()` are not counted).
 * gzip is zlib level 9 (as `gzip -9`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { REPOSITORY } from "./bundle";

export interface BundleSizes {
  /** null when the build failed (see `note`). */
  functionsGzipKb: number | null;
  taskpaneGzipKb: number | null;
  functionsFiles: string[];
  taskpaneFiles: string[];
  buildMs: number;
  note: string;
}

/**
 * Gzipped size of files in kilobytes (1 KB = 1024 bytes), one decimal.
 *
 * @example gzipKb(["/tmp/x/functions.js"]); // => 21.4
 */
export function gzipKb(files: readonly string[]): number {
  const bytes = files.reduce((s, f) => s + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

/**
 * Local script files a built (minified) HTML page loads: `<script src=x.js>`, quoted or not; scripts from
 * other hosts (office.js from Microsoft's CDN) are not ours and not counted.
 *
 * @example scriptsOf('<script src=https://x/office.js></script><script defer src=taskpane.js></script>'); // => ["taskpane.js"]
 */
export function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((src) => !src.includes("://"))
    .map((src) => src.replace(/^\.?\//, ""));
}

/**
 * Build once and measure both bundles. Never throws: a failed build gives nulls and the first lines of
 * webpack's output in `note` (others may be mid-change).
 */
export function measureBundleSizes(): BundleSizes {
  const out = mkdtempSync(path.join(tmpdir(), "srb-bench-dist-"));
  const start = performance.now();
  try {
    execFileSync(
      process.execPath,
      [
        path.join(REPOSITORY, "node_modules", "webpack-cli", "bin", "cli.js"),
        "--mode",
        "production",
        "--output-path",
        out,
      ],
      { cwd: REPOSITORY, stdio: "pipe", env: { ...process.env, CI: "1" } },
    );
  } catch (e) {
    const output =
      String((e as { stdout?: Buffer }).stdout ?? "") + String((e as { stderr?: Buffer }).stderr ?? "");
    const firstError = output.split("\n").find((l) => /error/i.test(l)) ?? output.split("\n")[0];
    rmSync(out, { recursive: true, force: true });
    return {
      functionsGzipKb: null,
      taskpaneGzipKb: null,
      functionsFiles: [],
      taskpaneFiles: [],
      buildMs: performance.now() - start,
      note: `webpack-Build fehlgeschlagen: ${firstError.trim().slice(0, 200)}`,
    };
  }
  const buildMs = performance.now() - start;
  const files = readdirSync(out);
  const functionsFiles = files.filter((f) => /^functions.*\.js$/.test(f));
  const htmlFile = path.join(out, "taskpane.html");
  const taskpaneFiles = existsSync(htmlFile)
    ? scriptsOf(readFileSync(htmlFile, "utf8")).filter((f) => !/^functions.*\.js$/.test(f))
    : files.filter((f) => /^taskpane.*\.js$/.test(f));
  const result: BundleSizes = {
    functionsGzipKb: gzipKb(functionsFiles.map((f) => path.join(out, f))),
    taskpaneGzipKb: gzipKb(taskpaneFiles.map((f) => path.join(out, f))),
    functionsFiles,
    taskpaneFiles,
    buildMs,
    note: "",
  };
  rmSync(out, { recursive: true, force: true });
  return result;
}

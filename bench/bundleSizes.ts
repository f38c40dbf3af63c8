/**
 * Bundle sizes, gzipped: `webpack --mode production` (the project's webpack.config.js) into a temporary
 * directory — not dist/, so that a benchmark never replaces a build someone else is testing — then
 * - functions: every `functions*.js`;
 * - task pane: the scripts `taskpane.html` loads, except the functions chunk (`taskpane*.js` and every
 *   chunk loaded up front), plus the lazily loaded chunk(s) the Excel task pane always loads: the Office.js
 *   workbook adapter (`import()` chunk group "office-workbook", from webpack's stats), reported on its own
 *   line too;
 * - the .xlsx package adapter (chunk group "xlsx-workbook", src/workbook/xlsx/) is loaded by the standalone
 *   page only: reported on its own line, not counted in the task pane.
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
  /** Every file counted in `taskpaneGzipKb`: the page's scripts and the Office.js adapter chunk(s). */
  taskpaneFiles: string[];
  /** The Office.js workbook adapter chunk(s), loaded lazily but always in Excel (part of `taskpaneGzipKb`). */
  officeWorkbookGzipKb: number | null;
  officeWorkbookFiles: string[];
  /** The standalone page's lazily loaded .xlsx package adapter (not part of `taskpaneGzipKb`). */
  standaloneXlsxGzipKb: number | null;
  standaloneXlsxFiles: string[];
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
 * The JavaScript files of a named `import()` chunk group (`/* webpackChunkName: "x" *\/`) from webpack's
 * stats JSON, shared chunks included; [] when the group is missing.
 *
 * @example
 * chunkGroupFiles({ namedChunkGroups: { "office-workbook": { assets: [{ name: "office-workbook.js" }] } } }, "office-workbook");
 * // => ["office-workbook.js"]
 */
export function chunkGroupFiles(stats: unknown, group: string): string[] {
  const groups = (stats as { namedChunkGroups?: Record<string, { assets?: ({ name: string } | string)[] }> })
    .namedChunkGroups;
  const assets = groups?.[group]?.assets ?? [];
  return assets.map((a) => (typeof a === "string" ? a : a.name)).filter((f) => f.endsWith(".js"));
}

/** "12,3 KB" (de-DE, one decimal). */
function kb(value: number): string {
  return `${new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)} KB`;
}

/**
 * Build once and measure both bundles. Never throws: a failed build gives nulls and the first lines of
 * webpack's output in `note` (others may be mid-change).
 */
export function measureBundleSizes(): BundleSizes {
  const out = mkdtempSync(path.join(tmpdir(), "srb-bench-dist-"));
  const statsDir = mkdtempSync(path.join(tmpdir(), "srb-bench-stats-"));
  const statsFile = path.join(statsDir, "stats.json");
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
        "--json",
        statsFile,
      ],
      { cwd: REPOSITORY, stdio: "pipe", env: { ...process.env, CI: "1" } },
    );
  } catch (e) {
    const output =
      String((e as { stdout?: Buffer }).stdout ?? "") + String((e as { stderr?: Buffer }).stderr ?? "");
    const firstError = output.split("\n").find((l) => /error/i.test(l)) ?? output.split("\n")[0];
    rmSync(out, { recursive: true, force: true });
    rmSync(statsDir, { recursive: true, force: true });
    return {
      functionsGzipKb: null,
      taskpaneGzipKb: null,
      functionsFiles: [],
      taskpaneFiles: [],
      officeWorkbookGzipKb: null,
      officeWorkbookFiles: [],
      standaloneXlsxGzipKb: null,
      standaloneXlsxFiles: [],
      buildMs: performance.now() - start,
      note: `webpack-Build fehlgeschlagen: ${firstError.trim().slice(0, 200)}`,
    };
  }
  const buildMs = performance.now() - start;
  const files = readdirSync(out);
  const functionsFiles = files.filter((f) => /^functions.*\.js$/.test(f));
  const htmlFile = path.join(out, "taskpane.html");
  const pageFiles = existsSync(htmlFile)
    ? scriptsOf(readFileSync(htmlFile, "utf8")).filter((f) => !/^functions.*\.js$/.test(f))
    : files.filter((f) => /^taskpane.*\.js$/.test(f));
  const stats: unknown = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, "utf8")) : {};
  const fromStats = chunkGroupFiles(stats, "office-workbook");
  // without stats: the chunk named after the group (shared chunks then go uncounted)
  const officeWorkbookFiles = (
    fromStats.length > 0 ? fromStats : files.filter((f) => /^office-workbook.*\.js$/.test(f))
  ).filter((f) => !pageFiles.includes(f) && !functionsFiles.includes(f));
  const taskpaneFiles = [...pageFiles, ...officeWorkbookFiles];
  const xlsxFromStats = chunkGroupFiles(stats, "xlsx-workbook");
  const standaloneXlsxFiles = (
    xlsxFromStats.length > 0 ? xlsxFromStats : files.filter((f) => /^xlsx-workbook.*\.js$/.test(f))
  ).filter((f) => !taskpaneFiles.includes(f) && files.includes(f));
  const at = (list: string[]) => list.map((f) => path.join(out, f));
  const pageKb = gzipKb(at(pageFiles));
  const officeWorkbookGzipKb = gzipKb(at(officeWorkbookFiles));
  const standaloneXlsxGzipKb = gzipKb(at(standaloneXlsxFiles));
  const taskpaneGzipKb = gzipKb(at(taskpaneFiles));
  const result: BundleSizes = {
    functionsGzipKb: gzipKb(at(functionsFiles)),
    taskpaneGzipKb,
    functionsFiles,
    taskpaneFiles,
    officeWorkbookGzipKb,
    officeWorkbookFiles,
    standaloneXlsxGzipKb,
    standaloneXlsxFiles,
    buildMs,
    // one line for the table's notes: what the task-pane figure is made of, and what it leaves out
    note:
      `Aufgabenbereich ${kb(taskpaneGzipKb)} = Seite (${pageFiles.join(", ")}) ${kb(pageKb)}` +
      ` + Office.js-Adapter, immer nachgeladen (${officeWorkbookFiles.join(", ") || "–"}) ${kb(officeWorkbookGzipKb)};` +
      ` nicht gezählt, nur Standalone: .xlsx-Paket-Adapter (${standaloneXlsxFiles.join(", ") || "–"}) ${kb(standaloneXlsxGzipKb)}`,
  };
  rmSync(statsDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  return result;
}

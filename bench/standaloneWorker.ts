/**
 * Benchmark worker: the standalone page in Chromium with a synthetic town, as a user meets it —
 * upload the .xlsx (its model stored in it), open "Ergebnis", "Verteilungsblatt erzeugen", download:
 *   node bin/run-ts.js bench/standaloneWorker.ts <units>
 * Prints one JSON line (StandaloneResult): the wall seconds from choosing the file to the finished
 * download, and where they went (reading, Ergebnis, writing, download), or `seconds: null` with the reason
 * (no Chromium, the build failed, …). Builds the page with `webpack --mode production` into a temporary
 * directory (never dist/), serves it on 127.0.0.1 with scripts/start.js, aborts every other request.
 * `SRB_STANDALONE_BUILD=<dir>` measures an existing production build instead (e.g. test-artifacts/e2e-dist).
 * `SRB_STANDALONE_KEEP=<file.xlsx>` keeps the downloaded workbook there.
 * `SRB_STANDALONE_PROFILE=<file.cpuprofile>` also records the page's CPU profile from choosing the file to the
 * download (Chrome DevTools Protocol; open it in Chrome's DevTools, Performance panel, or summarise it with
 * `node bin/run-ts.js bench/profileSummary.ts <file.cpuprofile>`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { serializeModel } from "../src/engine/modelFile";
import { PackageWorkbook } from "../src/workbook/xlsx/packageWorkbook";
import { REPOSITORY } from "./bundle";
import { writeTown } from "./cliWorker";

export interface StandaloneResult {
  units: number;
  /** Choosing the file → the downloaded result saved; null when not measured. */
  seconds: number | null;
  /** Why `seconds` is null. */
  reason?: string;
  /** Seconds per phase: file chosen → table detected; → Ergebnis preview; → download link; → download. */
  phases?: { readS: number; resultS: number; writeS: number; downloadS: number };
  /** The progress texts the page showed while it worked (sampled every 50 ms). */
  progressSeen?: string[];
  fileMb?: number;
  /**
   * CPU seconds of the page's renderer over the same span (Chrome's Performance metrics: `ThreadTime` of
   * its main thread, `ProcessTime` of the whole renderer process, which includes the native inflating and
   * deflating of the Compression Streams): steadier than wall time on a shared machine.
   */
  cpu?: { mainThreadS: number; rendererS: number };
}

/** Where Debian's Chromium lives (the e2e tests use the same). */
export const CHROMIUM = "/usr/bin/chromium";

/** The synthetic town as an .xlsx with its model stored in it, so that the page loads it at once. */
async function writeTownWithModel(units: number, file: string): Promise<void> {
  const town = await writeTown(units, file);
  const book = await PackageWorkbook.fromBuffer(readFileSync(file));
  await book.writeStoredModel(JSON.parse(serializeModel(town.model)) as unknown);
  writeFileSync(file, await book.toBuffer());
}

function say(result: StandaloneResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const units = Number(process.argv[2] ?? 10_000);
  if (!existsSync(CHROMIUM)) {
    say({ units, seconds: null, reason: `Chromium fehlt (${CHROMIUM}; Debian-Paket chromium)` });
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "srb-bench-standalone-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/start.js is plain CommonJS
  const start = require(path.join(REPOSITORY, "scripts", "start.js")) as {
    serveStatic(directory: string, port: number): Promise<Server>;
  };
  let server: Server | null = null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
    ],
  });
  try {
    const given = process.env.SRB_STANDALONE_BUILD;
    const build = given ? path.resolve(given) : path.join(dir, "dist");
    if (given && !existsSync(path.join(build, "standalone.html"))) {
      say({ units, seconds: null, reason: `${build}/standalone.html fehlt (SRB_STANDALONE_BUILD)` });
      return;
    }
    if (!given)
      try {
        execFileSync(
          process.execPath,
          [
            path.join(REPOSITORY, "node_modules", "webpack", "bin", "webpack.js"),
            "--mode",
            "production",
            "--output-path",
            build,
          ],
          { cwd: REPOSITORY, stdio: ["ignore", "ignore", "inherit"], timeout: 900_000 },
        );
      } catch (e) {
        say({
          units,
          seconds: null,
          reason: `Build der Seite fehlgeschlagen: ${(e as Error).message.split("\n")[0]}`,
        });
        return;
      }
    const input = path.join(dir, "Stadt.xlsx");
    await writeTownWithModel(units, input);
    server = await start.serveStatic(build, 0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext({
      locale: "de-DE",
      acceptDownloads: true,
      viewport: { width: 420, height: 900 },
    });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      return url.hostname === "127.0.0.1" || url.protocol === "blob:" || url.protocol === "data:"
        ? route.continue()
        : route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${base}/standalone.html`);
    const upload = page.getByLabel("Arbeitsmappe (.xlsx) öffnen");
    await upload.waitFor({ state: "attached" }); // the input is hidden behind a button in the page's language

    // what the page says while it works: every status and spinner text, sampled in the page
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { srbSeen: string[] }).srbSeen = seen;
      setInterval(() => {
        for (const el of document.querySelectorAll('[role="status"], [role="progressbar"], .fui-Spinner')) {
          const text = (el.textContent || el.getAttribute("aria-label") || "").trim();
          if (text && !seen.includes(text)) seen.push(text);
        }
      }, 50);
    });

    const profileFile = process.env.SRB_STANDALONE_PROFILE;
    const cdp = profileFile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const metrics = await context.newCDPSession(page);
    await metrics.send("Performance.enable");
    const cpuNow = async () => {
      const { metrics: m } = await metrics.send("Performance.getMetrics");
      const get = (name: string) => m.find((x) => x.name === name)?.value ?? 0;
      return { thread: get("ThreadTime"), process: get("ProcessTime") };
    };
    const cpu0 = await cpuNow();
    const t0 = performance.now();
    await upload.setInputFiles(input);
    await page
      .getByText(/Zeilen \(Einrichtungen\) und \d+ Spalten auf „Kitas“ erkannt/)
      .waitFor({ timeout: 300_000 });
    const t1 = performance.now();
    await page.getByRole("tab", { name: "Ergebnis" }).click();
    await page.getByRole("table", { name: "Vorschau der Sozialräume" }).waitFor({ timeout: 300_000 });
    const t2 = performance.now();
    await page.getByRole("button", { name: "Verteilungsblatt erzeugen" }).click();
    const link = page.getByRole("link", { name: /^Ergebnis herunterladen/ });
    await link.waitFor({ timeout: 300_000 });
    const t3 = performance.now();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    await download.saveAs(path.join(dir, "Stadt-SRB.xlsx"));
    // the downloaded workbook, for checking it (e.g. `unzip -t`, LibreOffice): SRB_STANDALONE_KEEP=<file.xlsx>
    if (process.env.SRB_STANDALONE_KEEP) await download.saveAs(path.resolve(process.env.SRB_STANDALONE_KEEP));
    const t4 = performance.now();
    const cpu4 = await cpuNow();
    if (cdp) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(path.resolve(profileFile!), JSON.stringify(profile));
    }
    const progressSeen = await page.evaluate(() => (window as unknown as { srbSeen: string[] }).srbSeen);
    const s = (ms: number) => Math.round(ms) / 1000;
    const s2 = (seconds: number) => Math.round(seconds * 1000) / 1000;
    say({
      units,
      seconds: s(t4 - t0),
      phases: { readS: s(t1 - t0), resultS: s(t2 - t1), writeS: s(t3 - t2), downloadS: s(t4 - t3) },
      progressSeen,
      cpu: { mainThreadS: s2(cpu4.thread - cpu0.thread), rendererS: s2(cpu4.process - cpu0.process) },
      fileMb: Math.round((readFileSync(input).length / 1024 / 1024) * 10) / 10,
    });
    await context.close();
  } catch (e) {
    say({ units, seconds: null, reason: `Messung abgebrochen: ${(e as Error).message.split("\n")[0]}` });
  } finally {
    await browser.close();
    if (server) await new Promise((resolve) => server!.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (/standaloneWorker\.ts$/.test(process.argv[1] ?? "")) void main();

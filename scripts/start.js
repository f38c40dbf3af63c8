#!/usr/bin/env node
/**
 * `npm start`:
 *   1. runs `srb allocate` on the sample town Musterstadt into `out/` and prints the Sozialraum table;
 *   2. starts SRB in Excel (sideloading, Windows/macOS desktop Excel) or, where Excel is not available
 *      (Linux, containers), serves the standalone app from `dist/` if it is built or can be built.
 *
 * `CI=true` or `--no-serve`: step 1 only. Step 2 is `startAddinOrStandalone()`, exported so that the
 * task-pane side can extend it (another host, another dev server) without touching step 1.
 */
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { newestFile } = require("./newest-file.js");

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "sample", "Musterstadt.xlsx");
const OUT_DIR = path.join(ROOT, "out");
const DIST = path.join(ROOT, "dist");
/** Pages of the standalone app, first one found wins. */
const STANDALONE_PAGES = ["standalone.html", "index.html", "taskpane.html"];
const DEFAULT_PORT = 3000;

function say(text) {
  process.stdout.write(`${text}\n`);
}

/**
 * Step 1: the sample allocation. Resolves to the exit status of `srb allocate`.
 *
 * @example await runSample(); // => 0, writes out/Musterstadt-srb.xlsx and out/Musterstadt-srb.json
 */
function runSample() {
  say("SRB: Beispielrechnung für Musterstadt …");
  const args = [
    path.join(ROOT, "bin", "srb.js"),
    "allocate",
    SAMPLE,
    "--out",
    path.join(OUT_DIR, "Musterstadt-srb.xlsx"),
    "--json",
    path.join(OUT_DIR, "Musterstadt-srb.json"),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    child.on("close", (code) => resolve(code === null ? 1 : code));
    child.on("error", (e) => {
      process.stderr.write(`SRB: Beispielrechnung konnte nicht gestartet werden: ${e.message}\n`);
      resolve(1);
    });
  });
}

/** Desktop Excel can be sideloaded only on Windows and macOS (office-addin-debugging). */
function excelAvailable() {
  return (
    (process.platform === "win32" || process.platform === "darwin") &&
    fs.existsSync(path.join(ROOT, "manifest.xml"))
  );
}

/** The built standalone page in dist/, or null. */
function findStandalonePage() {
  for (const page of STANDALONE_PAGES) if (fs.existsSync(path.join(DIST, page))) return page;
  return null;
}

/** Written into dist/ after `npm start` built it: webpack leaves unchanged files (and their times) alone. */
const BUILT_STAMP = ".srb-gebaut";

/**
 * Whether the build in `dist` is older than the sources in `src` (a checkout updated since the last build
 * would otherwise serve the earlier version of the page). The build's time is its newest file.
 *
 * @example builtPageIsStale(); // => false right after `npm run build`
 */
function builtPageIsStale(dist = DIST, src = path.join(ROOT, "src")) {
  const built = newestFile(dist, /./);
  return built > 0 && newestFile(src, /\.(tsx?|js|html|css|json|xml)$/) > built;
}

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".map": "application/json; charset=utf-8",
};

/**
 * Serves a directory on localhost only (no network exposure, no telemetry). Resolves to the server.
 *
 * @example const server = await serveStatic("dist", 3000); // http://localhost:3000/standalone.html
 */
function serveStatic(directory, port) {
  const root = path.resolve(directory);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url || "/", "http://localhost").pathname);
    const file = path.resolve(root, "." + (urlPath.endsWith("/") ? urlPath + "index.html" : urlPath));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Nicht gefunden");
        return;
      }
      res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/**
 * Step 2: Excel if it can be sideloaded, else the standalone app if it is (or can be) built.
 * Never fails `npm start`: whatever is missing is said in one German line.
 *
 * @param {{ port?: number }} [options]
 * @returns {Promise<"excel" | "standalone" | "none">}
 * @example await startAddinOrStandalone(); // => "standalone" (serving http://localhost:3000/standalone.html)
 */
async function startAddinOrStandalone(options = {}) {
  if (excelAvailable()) {
    say("SRB: starte Excel mit dem Add-in (office-addin-debugging) …");
    const result = spawnSync(
      "npx",
      ["office-addin-debugging", "start", "manifest.xml", "desktop", "--dev-server-port", "3000"],
      {
        cwd: ROOT,
        stdio: "inherit",
        shell: process.platform === "win32",
      },
    );
    if (result.status === 0) return "excel";
    say("SRB: Excel konnte nicht gestartet werden; weiter mit der eigenständigen Web-Anwendung.");
  } else {
    say(
      "SRB: Excel (Desktop) ist hier nicht verfügbar – das Add-in kann nur unter Windows oder macOS geladen werden.",
    );
  }

  let page = findStandalonePage();
  const stale = page !== null && builtPageIsStale();
  if ((page === null || stale) && fs.existsSync(path.join(ROOT, "webpack.config.js"))) {
    say(
      stale
        ? "SRB: die Web-Anwendung in dist/ ist älter als die Quellen – baue sie neu (npm run build) …"
        : "SRB: baue die Web-Anwendung (npm run build) …",
    );
    const build = spawnSync("npm", ["run", "build"], {
      cwd: ROOT,
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    if (build.status === 0) fs.writeFileSync(path.join(DIST, BUILT_STAMP), new Date().toISOString());
    else if (stale) say("SRB: neu bauen ist fehlgeschlagen – es läuft die ältere Fassung aus dist/.");
    page = findStandalonePage();
  }
  if (page === null) {
    say("SRB: keine gebaute Web-Anwendung gefunden (dist/) – nur die Beispielrechnung wurde ausgeführt.");
    return "none";
  }
  const port = options.port ?? (Number(process.env.PORT) || DEFAULT_PORT);
  try {
    await serveStatic(DIST, port);
  } catch (e) {
    say(`SRB: die Web-Anwendung kann nicht bereitgestellt werden (Port ${port}): ${e.message}`);
    return "none";
  }
  say(`Standalone-Modus: http://localhost:${port}/${page}`);
  say(`SRB: eigenständige Web-Anwendung unter http://localhost:${port}/${page} (beenden mit Strg+C)`);
  say(`SRB: zum Ausprobieren die Datei ${path.relative(ROOT, SAMPLE)} dort öffnen.`);
  return "standalone";
}

async function main(argv) {
  const code = await runSample();
  if (code !== 0) {
    process.stderr.write(`SRB: die Beispielrechnung endete mit Status ${code}.\n`);
    return code;
  }
  say(
    `SRB: Ergebnis in ${path.relative(ROOT, OUT_DIR)}${path.sep} (Musterstadt-srb.xlsx, Musterstadt-srb.json)`,
  );
  if (process.env.CI === "true" || argv.includes("--no-serve")) return 0;
  await startAddinOrStandalone();
  return 0;
}

module.exports = {
  runSample,
  startAddinOrStandalone,
  serveStatic,
  findStandalonePage,
  builtPageIsStale,
  excelAvailable,
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`SRB: ${e && e.stack ? e.stack : e}\n`);
      process.exitCode = 1;
    },
  );
}

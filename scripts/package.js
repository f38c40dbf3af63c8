#!/usr/bin/env node
/**
 * `npm run package`: the hand-over archive for an IT department, from what `npm run build` wrote to dist/.
 *
 *   SRB_BASE_URL=https://kita.stadt.example/srb npm run build && npm run package
 *   → out/srb-<version>.zip:
 *       manifest.xml            to upload in the Microsoft 365 admin center (task pane + SRB.* functions)
 *       manifest-taskpane.xml   the task-pane-only edition (Excel without SharedRuntime 1.1)
 *       web/…                   the contents of dist/, to be served at the base URL
 *       LIESMICH.txt            base URL, version, the next steps (docs/deployment.md)
 *
 * The archive is built with jszip (a development dependency); file times are fixed so that the same dist/
 * gives the same archive. Nothing goes over the network.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const JSZip = require("jszip");

const ROOT = path.resolve(__dirname, "..");
const MANIFESTS = ["manifest.xml", "manifest-taskpane.xml"];
/** A fixed time for every entry: reproducible archives. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** All files below `dir`, as paths relative to it with "/" separators, sorted. */
function listFiles(dir, prefix = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The base URL a built manifest names (its SourceLocation without "/taskpane.html"). */
function baseUrlOf(manifestXml) {
  const match = /<SourceLocation DefaultValue="([^"]+)\/taskpane\.html"/.exec(manifestXml);
  return match ? match[1] : null;
}

/**
 * Writes the archive; resolves to its path and base URL. Throws a German message when dist/ is missing
 * or incomplete.
 *
 * @example
 * await packageDist({ dist: "dist", outDir: "out" }); // => { file: "out/srb-0.1.0.zip", baseUrl: "https://…" }
 */
async function packageDist({ dist = path.join(ROOT, "dist"), outDir = path.join(ROOT, "out") } = {}) {
  for (const file of [...MANIFESTS, "taskpane.html", "functions.js", "functions.json", "functions-de.json"]) {
    if (!fs.existsSync(path.join(dist, file))) {
      throw new Error(
        `${path.relative(ROOT, path.join(dist, file)) || file} fehlt – erst „SRB_BASE_URL=https://… npm run build“ ausführen.`,
      );
    }
  }
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  const manifest = fs.readFileSync(path.join(dist, "manifest.xml"), "utf8");
  const baseUrl = baseUrlOf(manifest);
  const zip = new JSZip();
  const add = (name, content) => zip.file(name, content, { date: FIXED_DATE, createFolders: false });
  for (const file of MANIFESTS) add(file, fs.readFileSync(path.join(dist, file)));
  for (const file of listFiles(dist)) add(`web/${file}`, fs.readFileSync(path.join(dist, file)));
  add(
    "LIESMICH.txt",
    [
      `SRB – Sozialraumbudget, Version ${version}`,
      `Basisadresse: ${baseUrl ?? "(unbekannt)"}`,
      "",
      "1. Den Ordner web/ unverändert so auf dem internen HTTPS-Server ablegen, dass",
      `   ${baseUrl ?? "<Basisadresse>"}/taskpane.html erreichbar ist.`,
      "2. manifest.xml im Microsoft 365 Admin Center unter „Integrierte Apps“ hochladen",
      "   (für Excel ohne SharedRuntime 1.1: manifest-taskpane.xml).",
      "Einzelheiten: docs/deployment.md im Quellpaket.",
      "",
    ].join("\r\n"),
  );
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `srb-${version}.zip`);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
  fs.writeFileSync(file, bytes);
  return { file, baseUrl };
}

if (require.main === module) {
  packageDist().then(
    ({ file, baseUrl }) => {
      process.stdout.write(
        `SRB: Übergabepaket ${path.relative(process.cwd(), file)} (Basisadresse ${baseUrl})\n`,
      );
      if (baseUrl && baseUrl.startsWith("https://localhost")) {
        process.stdout.write(
          "SRB: Achtung – das Paket enthält die Entwicklungsadresse. Für die Auslieferung mit SRB_BASE_URL bauen.\n",
        );
      }
    },
    (e) => {
      process.stderr.write(`SRB: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { packageDist, baseUrlOf, listFiles };

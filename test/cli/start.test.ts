/**
 * `npm start` (scripts/start.js): the small static server of step 2. Step 1 (the sample run through the
 * real `srb` binary, CI=true) is a child process and runs in the full suite: test/cli/binary.test.ts.
 */
import { promises as fs } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require(path.join(ROOT, "scripts", "start.js")) as {
  serveStatic(directory: string, port: number): Promise<Server>;
  builtPageIsStale(dist: string, src: string): boolean;
};

describe("builtPageIsStale: npm start rebuilds a page older than the sources", () => {
  test("sources newer than every built file: stale; a build after them: not; nothing built: not", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-stale-"));
    try {
      const src = path.join(dir, "src", "taskpane");
      const dist = path.join(dir, "dist");
      await fs.mkdir(src, { recursive: true });
      await fs.mkdir(dist);
      expect(start.builtPageIsStale(dist, path.join(dir, "src"))).toBe(false); // nothing built yet
      const at = (file: string, seconds: number) => fs.utimes(file, seconds, seconds);
      await fs.writeFile(path.join(dist, "standalone.html"), "<title>SRB</title>");
      await fs.writeFile(path.join(dist, "standalone.js"), "1");
      await fs.writeFile(path.join(src, "App.tsx"), "x");
      await at(path.join(dist, "standalone.html"), 1_000);
      await at(path.join(dist, "standalone.js"), 2_000);
      await at(path.join(src, "App.tsx"), 3_000);
      expect(start.builtPageIsStale(dist, path.join(dir, "src"))).toBe(true);
      // a build whose page webpack left alone (same content) but whose bundle is newer: not stale
      await at(path.join(dist, "standalone.js"), 4_000);
      expect(start.builtPageIsStale(dist, path.join(dir, "src"))).toBe(false);
      // files a build does not read (notes, images) do not count
      await fs.writeFile(path.join(src, "notiz.txt"), "x");
      await at(path.join(src, "notiz.txt"), 5_000);
      expect(start.builtPageIsStale(dist, path.join(dir, "src"))).toBe(false);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("serveStatic", () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-serve-"));
    await fs.writeFile(path.join(dir, "standalone.html"), "<!doctype html><title>SRB</title>");
    await fs.writeFile(path.join(os.tmpdir(), "srb-serve-secret.txt"), "geheim");
    server = await start.serveStatic(dir, 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(path.join(os.tmpdir(), "srb-serve-secret.txt"), { force: true });
  });

  test("serves a built page with its content type, on localhost only", async () => {
    expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
    const res = await fetch(`${base}/standalone.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<title>SRB</title>");
  });

  test("404 for a missing file, nothing outside the directory", async () => {
    expect((await fetch(`${base}/fehlt.js`)).status).toBe(404);
    const escaped = await fetch(`${base}/..%2Fsrb-serve-secret.txt`);
    expect(escaped.status).toBe(403);
  });
});

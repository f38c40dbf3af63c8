/**
 * @jest-environment jsdom
 */
/**
 * compat.js (ES5, loaded before the bundles on taskpane.html): where the bundles cannot run — a
 * SyntaxError on an old WebView, missing built-ins — the task pane shows a German message instead of
 * staying blank (issue 10, item 7). The ES5 parse of the shipped file is checked in
 * test/manifest/build.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const CODE = readFileSync(join(__dirname, "..", "..", "src", "taskpane", "compat.js"), "utf8");
type CompatWindow = Window & { __srbStarted?: boolean; __srbShowCompatMessage?: () => void };

function runCompat(): void {
  // the script as the page runs it: a classic script in the window's global scope
  new Function(CODE)();
}

beforeEach(() => {
  // jsdom has no fetch; every supported host has it
  (window as { fetch?: unknown }).fetch ??= () => Promise.reject(new Error("no network in tests"));
  document.body.innerHTML = '<div id="root"></div>';
  delete (window as CompatWindow).__srbStarted;
});

test("the bundle did not start (SyntaxError, blocked script): after load the pane explains it in German", () => {
  runCompat();
  expect(document.getElementById("root")?.textContent).toBe("");
  window.dispatchEvent(new Event("load"));
  const root = document.getElementById("root");
  expect(root?.getAttribute("role")).toBe("alert");
  expect(root?.textContent).toMatch(/^SRB kann in dieser Excel-Version nicht starten/);
  expect(root?.textContent).toMatch(/Excel für Microsoft 365.*IT-Abteilung/);
});

test("the bundle started: the pane is left alone", () => {
  runCompat();
  document.getElementById("root")!.innerHTML = "<main>SRB</main>";
  (window as CompatWindow).__srbStarted = true;
  window.dispatchEvent(new Event("load"));
  expect(document.getElementById("root")?.innerHTML).toBe("<main>SRB</main>");
});

test("a host without the built-ins the bundles need gets the message at once", () => {
  const entries = Object.entries;
  try {
    (Object as { entries?: unknown }).entries = undefined;
    runCompat();
  } finally {
    Object.entries = entries;
  }
  expect(document.getElementById("root")?.textContent).toMatch(
    /^SRB kann in dieser Excel-Version nicht starten/,
  );
});

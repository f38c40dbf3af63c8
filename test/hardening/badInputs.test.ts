/**
 * The bad-input catalogue (docs/bad-inputs.md) against the code: the test reads the catalogue, and for every
 * class builds the input described there, runs it through the public API and asserts the exact German
 * message of each "- Message:" line with a code the class names. A class without a builder here, a builder
 * without a class, or a message that drifted fails the test — catalogue and code cannot drift apart. The
 * codes themselves: the engine exports them (`ISSUE_CODES` in src/engine/messages.ts), a scan of the sources
 * of src/engine, src/usecase and src/cli checks that list against every code literal there, and the
 * catalogue must document exactly that list.
 */
import fs from "node:fs";
import path from "node:path";
import { CHECK_CODES, ENGINE_CODES, ISSUE_CODES, RUN_CODES } from "../../src/engine/messages";
import { BUILDERS } from "./badInputBuilders";

const CATALOGUE = path.join(__dirname, "..", "..", "docs", "bad-inputs.md");
interface CatalogueClass {
  title: string;
  codes: string[];
  messages: string[];
}

/** "### 12. Excel-Fehlerwert" sections with their "- Code:" and "- Message:" lines. */
function readCatalogue(): CatalogueClass[] {
  const text = fs.readFileSync(CATALOGUE, "utf8");
  return text
    .split(/^### /m)
    .slice(1)
    .map((section) => {
      const title = section.split("\n")[0].trim();
      const code = /^- Code: `([^`]*)`/m.exec(section)?.[1] ?? "";
      const messages = [...section.matchAll(/^- Message: (.+)$/gm)].map((m) => m[1].trim());
      return {
        title,
        codes: code
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
        messages,
      };
    });
}

const catalogue = readCatalogue();
const withCodes = catalogue.filter((c) => c.codes.length > 0 && c.codes[0] !== "none (no issue)");

/**
 * The sources that emit issues, file by file: the engine, the run around it (src/usecase: no model, no data
 * sheet, Fortschreibung) and the command line (which prints them).
 */
const SRC = path.join(__dirname, "..", "..", "src");
const engineSources = ["engine", "usecase", "cli"].flatMap((dir) =>
  fs
    .readdirSync(path.join(SRC, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ file: `${dir}/${f}`, text: fs.readFileSync(path.join(SRC, dir, f), "utf8") })),
);

/**
 * Kebab-case string literals that are not issue codes: option values, a package name, the command line's
 * option names, result kinds and the text encoding, and file-system error codes of the CLI's examples.
 */
const NOT_CODES = new Set([
  "mean-of-units",
  "sum-of-units",
  "index-children",
  "simple-statistics",
  "1e-5",
  "stored-model",
  "utf-8",
  "usage-error",
  "adopt-date",
  "carry-forward",
  "ENOSPC",
  "EACCES",
  "EIO",
]);

/**
 * Every issue-code literal the engine's sources hand to an issue: `code: "…"`, the first argument of an
 * issue helper (`warning("winsorised", …)`, `error(…)`, `modelIssue(…)`), the code of check.ts's
 * `push("error", "…", …)`, and any other kebab-case literal (codes are kebab-case; NOT_CODES are not).
 */
function codeLiterals(text: string): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\bcode:\s*"([^"]+)"/g,
    /\b(?:warning|error|info|modelIssue|issue)\(\s*"([^"]+)"/g,
    /\bpush\(\s*"(?:error|warning|info)",\s*"([^"]+)"/g,
    /"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"/g, // codes start with a letter (not dates such as "2027-03-15")
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]);
  for (const n of NOT_CODES) found.delete(n);
  return found;
}

test('the scan finds codes written as code: "…" and codes passed to helpers', () => {
  expect([...codeLiterals('issues.push(warning(\n  "winsorised",\n  sheet,')]).toEqual(["winsorised"]);
  expect([...codeLiterals('push("warning", "row-ignored", cell, m)')]).toEqual(["row-ignored"]);
  expect([...codeLiterals('{ level: "error", code: "vzae-invalid", sheet }')]).toEqual(["vzae-invalid"]);
  expect([...codeLiterals('areaMethod === "sum-of-units"')]).toEqual([]);
});

test("every code the engine can emit is in its exported list, and the list has no stale entry", () => {
  const listed = new Set<string>(ISSUE_CODES);
  expect(listed.size).toBe(ISSUE_CODES.length);
  const inSource = new Set(engineSources.flatMap((s) => [...codeLiterals(s.text)]));
  const unlisted = engineSources.flatMap((s) =>
    [...codeLiterals(s.text)].filter((c) => !listed.has(c)).map((c) => `${s.file}: ${c}`),
  );
  // A new code: add it to CHECK_CODES/ENGINE_CODES/RUN_CODES in messages.ts and a class to docs/bad-inputs.md.
  expect(unlisted).toEqual([]);
  expect(ISSUE_CODES.filter((c) => !inSource.has(c))).toEqual([]);
});

test("the catalogue lists at least 20 classes, each with a code, and exactly the engine's codes", () => {
  expect(withCodes.length).toBeGreaterThanOrEqual(20);
  const documented = new Set(withCodes.flatMap((c) => c.codes));
  expect(ISSUE_CODES.filter((c) => !documented.has(c))).toEqual([]);
  expect([...documented].filter((c) => !(ISSUE_CODES as readonly string[]).includes(c))).toEqual([]);
  expect(CHECK_CODES.length + ENGINE_CODES.length + RUN_CODES.length).toBe(ISSUE_CODES.length);
});

test("every class has a builder here and every builder a class", () => {
  expect(withCodes.map((c) => c.codes[0]).filter((c) => !(c in BUILDERS))).toEqual([]);
  const covered = new Set(withCodes.flatMap((c) => c.codes));
  expect(Object.keys(BUILDERS).filter((k) => !covered.has(k))).toEqual([]);
});

describe.each(withCodes.filter((c) => c.messages.length > 0).map((c) => [c.title, c] as const))(
  "%s",
  (_title, entry) => {
    test.each(entry.messages)("message: %s", async (message) => {
      const issues = await BUILDERS[entry.codes[0]]();
      const hit = issues.find((i) => i.message === message);
      if (!hit) {
        // show what the input produced, so a drifted message is easy to see
        expect(issues.map((i) => `${i.code}: ${i.message}`)).toContain(message);
      }
      expect(entry.codes).toContain(hit!.code);
    });
  },
);

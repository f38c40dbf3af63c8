/**
 * The bad-input catalogue (docs/bad-inputs.md) against the code: the test reads the catalogue, and for every
 * class builds the input described there, runs it through the public API and asserts the exact German
 * message of each "- Message:" line with a code the class names. A class without a builder here, a builder
 * without a class, or a message that drifted fails the test — catalogue and code cannot drift apart.
 */
import fs from "node:fs";
import path from "node:path";
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

test("the catalogue lists at least 20 classes, each with a code, and every engine code", () => {
  expect(withCodes.length).toBeGreaterThanOrEqual(20);
  const documented = new Set(withCodes.flatMap((c) => c.codes));
  const source = fs
    .readdirSync(path.join(__dirname, "..", "..", "src", "engine"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => fs.readFileSync(path.join(__dirname, "..", "..", "src", "engine", f), "utf8"))
    .join("\n");
  const engineCodes = new Set([...source.matchAll(/code: "([a-z0-9-]+)"/g)].map((m) => m[1]));
  expect([...engineCodes].filter((c) => !documented.has(c))).toEqual([]);
});

test("every class has a builder here and every builder a class", () => {
  expect(withCodes.map((c) => c.codes[0]).filter((c) => !(c in BUILDERS))).toEqual([]);
  const covered = new Set(withCodes.flatMap((c) => c.codes));
  expect(Object.keys(BUILDERS).filter((k) => !covered.has(k))).toEqual([]);
});

describe.each(withCodes.filter((c) => c.messages.length > 0).map((c) => [c.title, c] as const))(
  "%s",
  (_title, entry) => {
    test.each(entry.messages)("message: %s", (message) => {
      const issues = BUILDERS[entry.codes[0]]();
      const hit = issues.find((i) => i.message === message);
      if (!hit) {
        // show what the input produced, so a drifted message is easy to see
        expect(issues.map((i) => `${i.code}: ${i.message}`)).toContain(message);
      }
      expect(entry.codes).toContain(hit!.code);
    });
  },
);

/**
 * Bundle contract: build the `functions` chunk with the project's webpack config (production, as shipped),
 * run it in a Node `vm` with a recording `CustomFunctions.associate`, and compare the associated ids with
 * the functions.json the same build emitted. Also: the German metadata is emitted, nothing points outside
 * (no source maps, no absolute build paths), and an associated function really computes.
 * Issue 10: both metadata files let error values through (allowErrorForDataTypeAny, item 3) and the bundle
 * answers an error cell with SRB's message; outside Excel (no CustomFunctions global) the bundle loads
 * without `ReferenceError: CustomFunctions is not defined` (item 13).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import webpack from "webpack";
import { ShimError, ERROR_CODES } from "./customFunctionsShim";

const ROOT = join(__dirname, "..", "..");
let outDir: string;
let errors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "srb-functions-bundle-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(join(ROOT, "webpack.config.js")) as (
    env: object,
    argv: { mode: string },
  ) => webpack.Configuration;
  const base = makeConfig({}, { mode: "production" });
  const config: webpack.Configuration = {
    ...base,
    entry: { functions: (base.entry as Record<string, string>).functions },
    output: { ...base.output, path: outDir },
    // the HTML pages and the copied files are not part of this contract
    plugins: (base.plugins ?? []).filter(
      (p) => p && !["HtmlWebpackPlugin", "CopyPlugin"].includes(p.constructor.name),
    ),
  };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, result) => (err || !result ? reject(err) : resolve(result))),
  );
  errors = stats.toJson({ all: false, errors: true }).errors?.map((e) => e.message) ?? [];
}, 180000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Metadata {
  functions: { id: string; description: string }[];
}

/** Runs the bundle in a fresh context with only `console` (a plain browser page: no CustomFunctions). */
function runBundleOutsideExcel(): unknown {
  const context = vm.createContext({ console });
  try {
    vm.runInContext(readFileSync(join(outDir, "functions.js"), "utf8"), context, {
      filename: "functions.js",
    });
    return null;
  } catch (thrown) {
    return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  }
}

function runBundle(): Map<string, (...args: unknown[]) => unknown> {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const context = vm.createContext({
    CustomFunctions: {
      Error: ShimError,
      ErrorCode: ERROR_CODES,
      associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
    },
    console,
  });
  vm.runInContext(readFileSync(join(outDir, "functions.js"), "utf8"), context, { filename: "functions.js" });
  return associated;
}

test("the build succeeds and emits the chunk and both metadata files, without source maps", () => {
  expect(errors).toEqual([]);
  const files = readdirSync(outDir).sort();
  expect(files).toEqual(["functions-de.json", "functions.js", "functions.json"]);
  const bundle = readFileSync(join(outDir, "functions.js"), "utf8");
  expect(bundle).not.toContain(ROOT);
  expect(bundle).not.toMatch(/sourceMappingURL/);
});

test("every id in functions.json is associated by the bundle, and nothing else", () => {
  const metadata = JSON.parse(readFileSync(join(outDir, "functions.json"), "utf8")) as Metadata;
  const associated = runBundle();
  expect([...associated.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  for (const fn of associated.values()) expect(typeof fn).toBe("function");
});

test("functions-de.json has the same ids with German descriptions", () => {
  const english = JSON.parse(readFileSync(join(outDir, "functions.json"), "utf8")) as Metadata;
  const german = JSON.parse(readFileSync(join(outDir, "functions-de.json"), "utf8")) as Metadata;
  expect(german.functions.map((f) => f.id)).toEqual(english.functions.map((f) => f.id));
  expect(german.functions.find((f) => f.id === "ALLOCATE")?.description).toMatch(/centgenau/);
});

test("the English ids are what the bundle associates; the German ids renamed before release are gone", () => {
  const associated = runBundle();
  for (const id of [
    "INDEXATION",
    "COFUNDING",
    "FTE",
    "BREMENFTE",
    "SOCIALWORK",
    "INTERCULTURAL",
    "NEIGHBOURHOODCENTRE",
    "ADDITIONALSTAFF",
  ])
    expect([id, associated.has(id)]).toEqual([id, true]);
  for (const id of [
    "DYNAMISIERUNG",
    "KOFINANZIERUNG",
    "VZAE",
    "BREMENVZAE",
    "SOZIALARBEIT",
    "INTERKULTURELL",
    "NACHBARSCHAFTSZENTRUM",
    "ZUSATZPERSONAL",
  ])
    expect([id, associated.has(id)]).toEqual([id, false]);
  // 1.670.400 € / 75.000 € = 22,272 VZÄ → 22,25 at step 0,25
  const fte = associated.get("FTE") as (amount: unknown, cost: unknown, step: unknown) => number;
  expect(fte(1670400, 75000, null)).toBe(22.25);
  // 977.794 € · 1,025 = 1.002.238,85 €
  const indexation = associated.get("INDEXATION") as (...args: unknown[]) => number;
  expect(indexation(977794, 2021, 2022, null)).toBe(1002238.85);
});

test("the bundled functions compute and fail like the source: SHARE, ALLOCATE", () => {
  const associated = runBundle();
  const share = associated.get("SHARE") as (index: unknown, all: unknown) => number[][];
  // 53 / (53 + 43.2) = 0.5509…
  expect(share([[53]], [[53], [43.2]])[0][0]).toBeCloseTo(53 / 96.2, 12);
  const allocate = associated.get("ALLOCATE") as (indices: unknown, budget: unknown) => number[][];
  expect(allocate([[1], [1], [1]], 100)).toEqual([[33.34], [33.33], [33.33]]);
  let thrown: unknown;
  try {
    allocate([[1]], -1);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ShimError);
  expect((thrown as ShimError).code).toBe("#NUM!");
});

test("both metadata files let error values reach the functions (top-level allowErrorForDataTypeAny)", () => {
  // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#allowerrorfordatatypeany
  for (const file of ["functions.json", "functions-de.json"]) {
    const metadata = JSON.parse(readFileSync(join(outDir, file), "utf8")) as Record<string, unknown>;
    expect([file, metadata.allowErrorForDataTypeAny]).toEqual([file, true]);
  }
});

test("every function in both metadata files asks for its parameters' addresses (blank vs 0, issue 10.11)", () => {
  // https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.invocation
  for (const file of ["functions.json", "functions-de.json"]) {
    const metadata = JSON.parse(readFileSync(join(outDir, file), "utf8")) as {
      functions: { id: string; options?: { requiresParameterAddresses?: boolean } }[];
    };
    const without = metadata.functions.filter((f) => f.options?.requiresParameterAddresses !== true);
    expect([file, without.map((f) => f.id)]).toEqual([file, []]);
  }
});

test("the bundled function reads the range through Excel.run when an older Excel passes a blank as 0", async () => {
  const runs: string[] = [];
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const context = vm.createContext({
    CustomFunctions: {
      Error: ShimError,
      ErrorCode: ERROR_CODES,
      associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
    },
    // Excel.run as the shared runtime offers it; the range Daten!C2:C4 holds 12, (blank), 30
    Excel: {
      run: async (batch: (ctx: unknown) => Promise<unknown>) => {
        const range = {
          valueTypes: [["Double"], ["Empty"], ["Double"]],
          load: () => range,
        };
        const ctx = {
          workbook: {
            worksheets: {
              getItem: (sheet: string) => ({
                getRange: (address: string) => (runs.push(`${sheet}!${address}`), range),
              }),
            },
          },
          sync: async () => undefined,
        };
        return batch(ctx);
      },
    },
    console,
  });
  vm.runInContext(readFileSync(join(outDir, "functions.js"), "utf8"), context, { filename: "functions.js" });
  const score = associated.get("STANDARDSCORE") as (...args: unknown[]) => unknown;
  const result = await score([[12], [0], [30]], null, null, { parameterAddresses: ["Daten!C2:C4", "", ""] });
  expect(runs).toEqual(["Daten!C2:C4"]);
  expect(result).toEqual([[0], [""], [100]]);
});

test("an error cell in an input range gets SRB's message naming the row, in every documented shape", () => {
  const associated = runBundle();
  const score = associated.get("STANDARDSCORE") as (values: unknown) => unknown;
  for (const errorCell of [
    new ShimError("#N/A"), // CustomFunctions.Error, as Excel passes an error input
    { type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }, // data-type shape (allowCustomDataForDataTypeAny)
  ]) {
    let thrown: unknown;
    try {
      score([[10], [errorCell], [30]]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ShimError);
    expect((thrown as ShimError).code).toBe("#VALUE!");
    expect((thrown as ShimError).message).toMatch(
      /^Werte, Zeile 2: Fehlerwert #(N\/A|DIV\/0!) ist keine Zahl/,
    );
  }
});

test("outside Excel the bundle loads without 'CustomFunctions is not defined' and registers nothing", () => {
  expect(runBundleOutsideExcel()).toBeNull();
});

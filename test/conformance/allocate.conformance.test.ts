/**
 * `srb allocate` on workbooks it has never seen, judged only through SPEC.md §8 (model file,
 * command, results.json) against the independent reference implementation.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { differences } from "./compare";
import { referenceAllocation } from "./reference";
import { BASE_SETTINGS, generateCase, runAllocate, type CaseSettings, type GeneratedCase } from "./workbooks";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-conformance-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function reference(generated: GeneratedCase) {
  return referenceAllocation(
    generated.units,
    generated.indicators,
    generated.categories,
    generated.options,
    generated.budget,
  );
}

async function expectConformance(settings: CaseSettings, binary = false) {
  const generated = generateCase(settings);
  const outcome = await runAllocate(dir, generated, { binary });
  expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: "" });
  expect(outcome.outExists).toBe(true);
  expect(outcome.results).not.toBeNull();
  expect(differences(outcome.results as Record<string, unknown>, reference(generated))).toEqual([]);
  return { generated, outcome };
}

const CASES: CaseSettings[] = [
  {
    ...BASE_SETTINGS,
    name: "richtung-gewichte-vorjahresblatt",
    seed: 2,
    sheetBefore: "last-year-copy",
    dataSheetName: "Kita-Daten 2024",
  },
  { ...BASE_SETTINGS, name: "hinweisblatt-davor", seed: 3, sheetBefore: "notes", blankRate: 0.15 },
  { ...BASE_SETTINGS, name: "eine-kita-je-sozialraum", seed: 4, areas: 12, unitsPerArea: [1, 1] },
  { ...BASE_SETTINGS, name: "viele-sozialraeume", seed: 5, areas: 40, unitsPerArea: [1, 8] },
  { ...BASE_SETTINGS, name: "budget-1e9", seed: 6, budget: 1e9 },
  { ...BASE_SETTINGS, name: "budget-ungerade", seed: 7, budget: 1234.56 },
  { ...BASE_SETTINGS, name: "budget-wenige-cent", seed: 8, budget: 0.07, areas: 6 },
  { ...BASE_SETTINGS, name: "ohne-options", seed: 9, omitOptions: true },
  {
    ...BASE_SETTINGS,
    name: "ohne-gewichte",
    seed: 10,
    omitCategoryWeights: true,
    omitIndicatorWeights: true,
  },
  { ...BASE_SETTINGS, name: "zusatzfelder", seed: 11, extraFields: true },
  { ...BASE_SETTINGS, name: "summe-der-kitas", seed: 12, areaMethod: "sum-of-units" },
  { ...BASE_SETTINGS, name: "aggregat", seed: 13, areaMethod: "aggregate", blankRate: 0.1 },
  {
    ...BASE_SETTINGS,
    name: "aggregat-kindergewichtet",
    seed: 14,
    areaMethod: "aggregate",
    childWeighted: true,
  },
  { ...BASE_SETTINGS, name: "mittel-kindergewichtet", seed: 15, childWeighted: true },
  { ...BASE_SETTINGS, name: "grundgesamtheit-sd", seed: 16, sd: "population" },
  { ...BASE_SETTINGS, name: "t-werte", seed: 22, normalisation: "tscore" },
  { ...BASE_SETTINGS, name: "t-werte-grundgesamtheit", seed: 23, normalisation: "tscore", sd: "population" },
  { ...BASE_SETTINGS, name: "kinder-leer", seed: 17, childrenBlankRate: 0.3 },
  { ...BASE_SETTINGS, name: "zwei-kategorien", seed: 18, categoryCount: 2, indicatorsPerCategory: [2, 5] },
  { ...BASE_SETTINGS, name: "ohne-zusatzspalten", seed: 19, extraColumns: false, unequalWeights: false },
];

describe("srb allocate conforms to the reference on unseen workbooks (SPEC §2–§4, §8)", () => {
  it("the real binary on a generated workbook (model only in --model)", async () => {
    await expectConformance({ ...BASE_SETTINGS, name: "binaer", seed: 1 }, true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, settings) => {
    await expectConformance(settings);
  });

  it("Kita ids stored as numbers come back as strings (SPEC §8: id is a string)", async () => {
    const { outcome, generated } = await expectConformance({
      ...BASE_SETTINGS,
      name: "zahlen-ids",
      seed: 20,
      numericIds: true,
      sheetBefore: "notes",
    });
    const ids = (outcome.results?.units as { id: unknown }[]).map((u) => u.id);
    expect(ids).toEqual(generated.units.map((u) => u.id));
    expect(ids.every((id) => typeof id === "string" && /^\d+$/.test(id))).toBe(true);
  });

  it("a seeded sweep of mixed settings", async () => {
    const methods = ["mean-of-units", "sum-of-units", "aggregate"] as const;
    for (let seed = 100; seed < 112; seed++) {
      const settings: CaseSettings = {
        ...BASE_SETTINGS,
        name: `sweep-${seed}`,
        seed,
        areas: 2 + (seed % 9),
        unitsPerArea: [1, 1 + (seed % 5)],
        categoryCount: 2 + (seed % 4),
        areaMethod: methods[seed % 3],
        childWeighted: seed % 4 === 0,
        sd: seed % 5 === 0 ? "population" : "sample",
        numericIds: seed % 2 === 0,
        budget: [1002240, 1234.56, 99999.99, 5e8][seed % 4],
        sheetBefore: (["none", "notes", "last-year-copy"] as const)[seed % 3],
        dataSheetName: seed % 2 === 0 ? "Kitas" : "Daten Kitas",
      };
      const generated = generateCase(settings);
      const outcome = await runAllocate(dir, generated);
      expect({ seed, code: outcome.code, stderr: outcome.stderr }).toEqual({ seed, code: 0, stderr: "" });
      expect({
        seed,
        diff: differences(outcome.results as Record<string, unknown>, reference(generated)),
      }).toEqual({
        seed,
        diff: [],
      });
    }
  });

  it("the output workbook carries the model: a re-run without --model gives the same results", async () => {
    const { outcome } = await expectConformance({
      ...BASE_SETTINGS,
      name: "gespeichert",
      seed: 21,
      sheetBefore: "notes",
    });
    const rerun = await runAllocate(
      dir,
      { name: "gespeichert-erneut", sheets: [], model: null },
      { withModelFile: false, workbookFile: outcome.files.out },
    );
    expect(rerun.code).toBe(0);
    const strip = (r: Record<string, unknown> | null) => ({
      units: r?.units,
      areas: r?.areas,
      norm: r?.norm,
      budget: r?.budget,
    });
    expect(strip(rerun.results)).toEqual(strip(outcome.results));
  });
});

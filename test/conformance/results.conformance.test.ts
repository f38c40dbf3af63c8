/**
 * results.json field by field against SPEC.md §8 (names, types, nulls, band strings, eligible keys,
 * norm.index, areas, budget), its internal consistency, and a hand-worked example through the command
 * whose units sit exactly on the norm-band bounds (SPEC §3: bounds inclusive; §5: strand 1 "≥", strand 3 ">").
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { issueSchema, resultsSchema } from "../helpers/resultsSchema";
import { BASE_SETTINGS, generateCase, runAllocate, type GeneratedCell } from "./workbooks";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-conformance-results-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("results.json of a successful run matches SPEC §8 field by field", () => {
  it("names, types, consistency and order", async () => {
    const generated = generateCase({
      ...BASE_SETTINGS,
      name: "form",
      seed: 41,
      blankRate: 0.1,
      numericIds: true,
      budget: 1234.56,
    });
    const outcome = await runAllocate(dir, generated);
    expect(outcome.code).toBe(0);
    const parsed = resultsSchema.safeParse(outcome.results);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    if (!parsed.success) return;
    const results = parsed.data;

    expect(results.budget).toBe(1234.56);
    // units in sheet order, every category of the model present
    expect(results.units.map((u) => u.id)).toEqual(generated.units.map((u) => u.id));
    const categoryNames = generated.categories.map((c) => c.name).sort();
    for (const unit of results.units) expect(Object.keys(unit.categories).sort()).toEqual(categoryNames);
    // norm band: lower = mean − sd, upper = mean + sd; bands and strand 1 follow from it
    const band = results.norm.index;
    expect(band.lower).toBeCloseTo(band.mean - band.sd, 12);
    expect(band.upper).toBeCloseTo(band.mean + band.sd, 12);
    for (const unit of results.units) {
      const index = unit.index as number;
      const expectedBand = index > band.upper ? "oberhalb" : index < band.lower ? "unterhalb" : "innerhalb";
      expect({ id: unit.id, band: unit.band }).toEqual({ id: unit.id, band: expectedBand });
      expect(unit.eligible.sozialarbeit).toBe(index >= band.lower);
    }
    // areas: first appearance order, every unit's area listed, amounts in whole cents adding up to the budget
    const firstAppearance = [...new Set(results.units.map((u) => u.area))];
    expect(results.areas.map((a) => a.name)).toEqual(firstAppearance);
    for (const area of results.areas) expect(Math.round(area.amount * 100) / 100).toBe(area.amount);
    expect(results.areas.reduce((s, a) => s + Math.round(a.amount * 100), 0)).toBe(123456);
    expect(results.areas.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 12);
    // warnings for the blanks carry the data sheet and an A1 cell
    const blanks = results.issues.filter((i) => i.level === "warning" && i.sheet === "Kitas");
    expect(blanks.length).toBeGreaterThan(0);
    for (const issue of blanks) expect(issue.cell).toMatch(/^[A-Z]{1,3}[1-9][0-9]*$/);
  });

  it("a blocked run still has budget and every issue in the SPEC shape", async () => {
    const generated = generateCase({ ...BASE_SETTINGS, name: "form-blockiert", seed: 42 });
    const dataSheet = generated.sheets[generated.sheets.length - 1];
    // sheet row 4: every indicator cell and the Kinder cell become "k.A." (the unrelated PLZ column stays)
    const checked = new Set([
      ...generated.indicators.map((i) => i.column),
      (generated.model.data as { children: string }).children,
    ]);
    const header = dataSheet.rows[0];
    dataSheet.rows[3] = dataSheet.rows[3].map((v, c) => (checked.has(String(header[c])) ? "k.A." : v));
    const outcome = await runAllocate(dir, generated);
    expect(outcome.code).toBe(2);
    const blocked = z
      .object({ budget: z.number(), issues: z.array(issueSchema).min(1) })
      .safeParse(outcome.results);
    expect(blocked.success ? [] : blocked.error.issues).toEqual([]);
    expect(outcome.results?.budget).toBe(BASE_SETTINGS.budget);
    const errors = (outcome.results?.issues as z.infer<typeof issueSchema>[]).filter(
      (i) => i.level === "error",
    );
    // one error per bad cell, each at its own A1 address on row 4, all in the same run
    const badCells = dataSheet.rows[3].filter((v) => v === "k.A.").length;
    expect(badCells).toBe(generated.indicators.length + 1);
    const reported = new Set(
      errors.filter((i) => /^[A-Z]+4$/.test(i.cell) && i.message.includes("k.A.")).map((i) => i.cell),
    );
    expect(reported.size).toBe(badCells);
  });
});

describe("a hand-worked allocation through the command, units exactly on the bounds", () => {
  // x (A, +1) = 0, 10, 20 → 0, 50, 100;  y (A, −1) = 10, 0, 5 → 0, 100, 50
  // z (Flucht und Migration, +1) = 2, 1, 0 → 100, 50, 0
  // A = 0, 75, 75; FuM = 100, 50, 0; Gesamtindex = 50, 62.5, 37.5
  // norm: mean 50, sample sd √((0 + 12.5² + 12.5²) / 2) = 12.5 → lower 37.5, upper 62.5
  // U2 = upper and U3 = lower are "innerhalb"; strand 1 (≥ lower): all; strand 3 (FuM > mean 50): only U1
  // areas: N = (50 + 62.5) / 2 = 56.25, S = 37.5 → shares 0.6, 0.4 → 600 €, 400 €
  const rows: GeneratedCell[][] = [
    ["Kita", "Bezirk", "z", "y", "x"],
    ["U1", "N", 2, 10, 0],
    ["U2", "N", 1, 0, 10],
    ["U3", "S", 0, 5, 20],
  ];
  const model = {
    data: { sheet: "Daten", id: "Kita", area: "Bezirk" },
    indicators: [
      { column: "x", category: "A", direction: 1 },
      { column: "y", category: "A", direction: -1 },
      { column: "z", category: "Flucht und Migration", direction: 1 },
    ],
    budget: { total: 1000 },
  };

  it("gives the hand-derived figures", async () => {
    const outcome = await runAllocate(dir, {
      name: "handgerechnet",
      sheets: [{ name: "Daten", rows }],
      model,
    });
    expect(outcome.code).toBe(0);
    const results = resultsSchema.parse(outcome.results);
    expect(
      results.units.map((u) => [u.id, u.categories.A, u.categories["Flucht und Migration"], u.index]),
    ).toEqual([
      ["U1", 0, 100, 50],
      ["U2", 75, 50, 62.5],
      ["U3", 75, 0, 37.5],
    ]);
    expect(results.norm.index).toEqual({ mean: 50, sd: 12.5, lower: 37.5, upper: 62.5 });
    expect(results.units.map((u) => u.band)).toEqual(["innerhalb", "innerhalb", "innerhalb"]);
    expect(results.units.map((u) => u.eligible)).toEqual([
      { sozialarbeit: true, interkulturell: true },
      { sozialarbeit: true, interkulturell: false },
      { sozialarbeit: true, interkulturell: false },
    ]);
    expect(results.areas).toEqual([
      { name: "N", index: 56.25, share: 0.6, amount: 600 },
      { name: "S", index: 37.5, share: 0.4, amount: 400 },
    ]);
  });

  it("strand 3 follows the category the model names (strand3Category)", async () => {
    // strand 3 on A instead: A = 0, 75, 75, mean 50 → U2 and U3
    const outcome = await runAllocate(dir, {
      name: "handgerechnet-strang3",
      sheets: [{ name: "Daten", rows }],
      model: { ...model, strand3Category: "A" },
    });
    expect(outcome.code).toBe(0);
    const results = resultsSchema.parse(outcome.results);
    expect(results.units.map((u) => u.eligible.interkulturell)).toEqual([false, true, true]);
  });
});

import { allocate } from "../helpers/resolved";
import type { Issue } from "../../src/engine/issues";
import { toResultsJson } from "../../src/engine/results";
import { FLUCHT, SOZIALE_LAGE, model, workedExample } from "./fixtures";

describe("toResultsJson (SPEC §8)", () => {
  const allocation = allocate(model(), workedExample());
  const warning: Issue = {
    level: "warning",
    code: "value-missing",
    sheet: "Kitas",
    cell: "L11",
    message: "Hinweis",
  };
  const json = toResultsJson(1000, allocation, [warning]);

  test("the fixed fields, with the worked example's numbers", () => {
    expect(json.budget).toBe(1000);
    expect(json.units[0]).toMatchObject({
      id: "K1",
      area: "Nord",
      categories: { [SOZIALE_LAGE]: 50, [FLUCHT]: 0 },
      index: 25,
      band: "innerhalb",
      eligible: { sozialarbeit: true, interkulturell: false },
    });
    expect(json.areas.map((a) => ({ name: a.name, index: a.index, amount: a.amount }))).toEqual([
      { name: "Nord", index: 31.25, amount: 384.62 },
      { name: "Süd", index: 50, amount: 615.38 },
    ]);
    expect(json.areas[0].share).toBe(31.25 / 81.25); // full precision, not rounded
    expect(Object.keys(json.norm.index ?? {}).sort()).toEqual(["lower", "mean", "sd", "upper"]);
    expect(json.issues).toEqual([
      { level: "warning", sheet: "Kitas", cell: "L11", message: "Hinweis", code: "value-missing" },
    ]);
  });

  test("extras: cents, tie flags, strands, proposal, effective weights, category and area bands", () => {
    expect(json.areas.map((a) => a.cents)).toEqual([38462, 61538]);
    expect(json.areas[0].tieFlag).toBe(false);
    expect(json.units[1].eligible).toHaveProperty("zusatzpersonal", false);
    expect(json.units.map((u) => u.proposedAmount)).toEqual([153.85, 230.77, 538.46, 76.92]);
    expect(json.effectiveWeights.map((w) => w.weight)).toEqual([0.25, 0.25, 0.5]);
    expect(json.norm.categories[FLUCHT].mean).toBe(43.75);
    expect(json.norm.areaIndex?.mean).toBe(40.625);
    expect(json.allocated).toBe(true);
  });

  test("survives a JSON round trip unchanged (plain data only)", () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test("no allocation: budget and every issue, empty units and areas", () => {
    const error: Issue = {
      level: "error",
      code: "text-in-number",
      sheet: "Kitas",
      cell: "E4",
      message: "Text",
    };
    expect(toResultsJson(500, null, [error, warning])).toEqual({
      budget: 500,
      allocated: false,
      units: [],
      areas: [],
      norm: { index: null, categories: {}, areaIndex: null },
      effectiveWeights: [],
      issues: [
        { level: "error", sheet: "Kitas", cell: "E4", message: "Text", code: "text-in-number" },
        { level: "warning", sheet: "Kitas", cell: "L11", message: "Hinweis", code: "value-missing" },
      ],
    });
  });
});

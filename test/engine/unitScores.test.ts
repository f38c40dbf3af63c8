import { resultsUnit, toResultsJson } from "../../src/engine/results";
import { scoreColumnsOfLists, unitScores } from "../../src/engine/unitScores";
import { allocate } from "../helpers/resolved";
import { model, workedExample } from "./fixtures";

describe("unitScores: a unit's standard scores from the columns by indicator", () => {
  test("null where the column has no score for the unit", () => {
    const columns = [
      { scores: Float64Array.of(0, 100), missing: Uint8Array.of(0, 0) },
      { scores: Float64Array.of(0, 0), missing: Uint8Array.of(1, 0) },
    ];
    expect(unitScores(columns, 0)).toEqual([0, null]);
    expect(unitScores(columns, 1)).toEqual([100, 0]);
    expect(unitScores([], 0)).toEqual([]);
  });

  test("scoreColumnsOfLists: lists per unit into columns and back", () => {
    const lists = [[10, null, 30], [20, 25, 35], null, [5]];
    const columns = scoreColumnsOfLists(lists);
    expect(columns).toHaveLength(3);
    expect(unitScores(columns, 0)).toEqual([10, null, 30]);
    expect(unitScores(columns, 1)).toEqual([20, 25, 35]);
    // no list, or a shorter one: no score there
    expect(unitScores(columns, 2)).toEqual([null, null, null]);
    expect(unitScores(columns, 3)).toEqual([5, null, null]);
    expect(scoreColumnsOfLists([])).toEqual([]);
  });

  test("the worked example: results.json's unit scores are the allocation's columns, unit by unit", () => {
    // a, b, c over K1–K4 (see fixtures.ts): K1 scores 0 / 100 / 0, K4 0 / 0 / 25
    const a = allocate(model(), workedExample());
    expect(a.scores).toHaveLength(3);
    expect(a.scores.every((c) => c.scores.length === a.units.length)).toBe(true);
    const json = toResultsJson(1000, a, []);
    expect(json.units.map((u) => u.id)).toEqual(a.units.map((u) => u.id));
    expect(json.units[0].scores).toEqual([0, 100, 0]);
    expect(json.units[3].scores).toEqual([0, 0, 25]);
    a.units.forEach((_, e) => expect(resultsUnit(a, e)).toEqual(json.units[e]));
  });
});

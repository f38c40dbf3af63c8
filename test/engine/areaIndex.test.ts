import { areaIndexOfUnits, areaRawValues } from "../../src/engine/areaIndex";

describe("areaIndexOfUnits", () => {
  const units = [
    { index: 40, children: 30 },
    { index: 70, children: 10 },
    { index: null, children: 50 },
  ];

  test("mean of units (units without Gesamtindex skipped)", () => {
    // (40 + 70) / 2 = 55
    expect(areaIndexOfUnits(units, "mean-of-units")).toEqual({ index: 55, weightedByChildren: false });
  });

  test("mean weighted by Kinder", () => {
    // (40·30 + 70·10) / 40 = 1900 / 40 = 47.5
    expect(areaIndexOfUnits(units, "mean-of-units", true)).toEqual({ index: 47.5, weightedByChildren: true });
  });

  test("sum of units", () => {
    expect(areaIndexOfUnits(units, "sum-of-units").index).toBe(110);
  });

  test("Kinder missing or all 0 → plain mean, flagged", () => {
    expect(
      areaIndexOfUnits(
        [
          { index: 40, children: null },
          { index: 70, children: 10 },
        ],
        "mean-of-units",
        true,
      ),
    ).toEqual({ index: 55, weightedByChildren: false });
    expect(
      areaIndexOfUnits(
        [
          { index: 40, children: 0 },
          { index: 70, children: 0 },
        ],
        "mean-of-units",
        true,
      ),
    ).toEqual({ index: 55, weightedByChildren: false });
  });

  test("no unit with an index → null", () => {
    expect(areaIndexOfUnits([{ index: null, children: 3 }], "mean-of-units").index).toBeNull();
    expect(areaIndexOfUnits([], "sum-of-units").index).toBeNull();
  });
});

describe("areaRawValues (aggregate method)", () => {
  const units = [
    { values: [10, null, 4], children: 30 },
    { values: [20, 5, 8], children: 10 },
  ];
  test("per indicator mean of the units' raw values", () => {
    // [ (10 + 20)/2, 5 (only one value), (4 + 8)/2 ]
    expect(areaRawValues(units, 3)).toEqual({ values: [15, 5, 6], weightedByChildren: false });
  });
  test("weighted by Kinder", () => {
    // (10·30 + 20·10)/40 = 12.5; 5; (4·30 + 8·10)/40 = 5
    expect(areaRawValues(units, 3, true)).toEqual({ values: [12.5, 5, 5], weightedByChildren: true });
  });
  test("an indicator without any value → null", () => {
    expect(areaRawValues([{ values: [null], children: 1 }], 1).values).toEqual([null]);
  });
});

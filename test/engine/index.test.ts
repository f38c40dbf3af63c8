import * as engine from "../../src/engine";

describe("engine barrel", () => {
  test("exports the public functions of every engine module", () => {
    const names = [
      "allocate",
      "runAllocation",
      "resolveModel",
      "toResultsJson",
      "standardScores",
      "winsorise",
      "weightedMean",
      "indexStructure",
      "unitIndex",
      "effectiveWeights",
      "normBand",
      "bandOf",
      "areaIndexOfUnits",
      "areaRawValues",
      "indexShares",
      "budgetShares",
      "apportionCents",
      "unitCodes",
      "checkTable",
      "eligibility",
      "proposeWithinArea",
      "kofinanzierung",
      "vzaeFor",
      "bremenAllocation",
      "landFormula",
      "dynamisiert",
      "a1",
      "hasBlockingErrors",
      // a unit's standard scores and Kategorie-Indizes, kept by column in the allocation
      "unitScores",
      "unitCategoryIndices",
      "categoryIndexAt",
      "resultsUnit",
    ];
    const exported = engine as unknown as Record<string, unknown>;
    for (const name of names) expect([name, typeof exported[name]]).toEqual([name, "function"]);
  });
});

/**
 * Metadata contract: what Excel learns about the SRB.* functions, generated exactly as the build does it
 * (custom-functions-metadata from the JSDoc in functions.ts, German texts from descriptions-de.json).
 * Ids and parameter lists are public contracts: a change here breaks saved workbooks.
 */
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translateMetadata, loadCatalogue } = require("../../scripts/functions-de.js") as {
  translateMetadata: (english: Metadata, catalogue: unknown) => { metadata: Metadata; problems: string[] };
  loadCatalogue: () => unknown;
};

interface ParameterMetadata {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: string };
}
interface Metadata {
  functions: FunctionMetadata[];
}

/** The contract: id → parameters ("name", "name[]" = range, "?" = optional) and whether the result spills. */
const CONTRACT: Record<string, { parameters: string[]; spills: boolean }> = {
  STANDARDSCORE: { parameters: ["values[]", "direction?", "method?"], spills: true },
  CATEGORYINDEX: { parameters: ["scores[]", "weights[]?"], spills: true },
  TOTALINDEX: { parameters: ["categoryIndices[]", "weights[]?"], spills: true },
  NORMBAND: { parameters: ["values[]", "sd?"], spills: true },
  BAND: { parameters: ["value[]", "values[]", "sd?"], spills: true },
  SHARE: { parameters: ["index[]", "allIndices[]"], spills: true },
  ALLOCATE: { parameters: ["indices[]", "budget"], spills: true },
  AREAINDEX: { parameters: ["areas[]", "unitAreas[]", "unitIndices[]", "method?"], spills: true },
  LANDFORMULA: { parameters: ["children[]", "sgb2[]", "total"], spills: true },
  INDEXATION: { parameters: ["base", "baseYear", "year", "rate?"], spills: false },
  COFUNDING: { parameters: ["amount", "landShare?"], spills: true },
  FTE: { parameters: ["amount", "costPerFte", "step?"], spills: false },
  BREMENFTE: { parameters: ["indices[]", "children[]", "verbund[]?"], spills: true },
  STAFFPLAN: {
    parameters: ["amount", "indices[]", "eligible[]", "setAsides[]?", "cost", "step?"],
    spills: true,
  },
  SOCIALWORK: { parameters: ["index[]", "allIndices[]"], spills: true },
  INTERCULTURAL: { parameters: ["index[]", "allIndices[]", "reason[]?"], spills: true },
  NEIGHBOURHOODCENTRE: { parameters: ["flags[]", "areas[]"], spills: true },
  ADDITIONALSTAFF: { parameters: ["flag[]", "justification[]"], spills: true },
};

/**
 * Ids that were German before the first release, with their English successors. None of them may come
 * back: ids are English in every language, and German users find a function by the German domain term
 * its German description names.
 */
const RENAMED_BEFORE_RELEASE: Record<string, { id: string; germanTerm: RegExp }> = {
  DYNAMISIERUNG: { id: "INDEXATION", germanTerm: /^Dynamisierung\b/ },
  KOFINANZIERUNG: { id: "COFUNDING", germanTerm: /^Kofinanzierung\b/ },
  VZAE: { id: "FTE", germanTerm: /^VZÄ \(Vollzeitäquivalente\b/ },
  BREMENVZAE: { id: "BREMENFTE", germanTerm: /^Bremer Regeln\b.*VZÄ \(Vollzeitäquivalente\b/ },
  SOZIALARBEIT: { id: "SOCIALWORK", germanTerm: /\(Kita-Sozialarbeit\)/ },
  INTERKULTURELL: { id: "INTERCULTURAL", germanTerm: /\(Interkulturelle Fachkräfte\)/ },
  NACHBARSCHAFTSZENTRUM: {
    id: "NEIGHBOURHOODCENTRE",
    germanTerm: /\(Kommunikations- und Nachbarschaftszentrum\)/,
  },
  ZUSATZPERSONAL: { id: "ADDITIONALSTAFF", germanTerm: /\(Betriebserlaubnisrelevantes Zusatzpersonal\)/ },
};

let english: Metadata;
let german: Metadata;
let problems: string[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata([
    join(__dirname, "..", "..", "src", "functions", "functions.ts"),
  ]);
  expect(result.errors).toEqual([]);
  english = JSON.parse(result.metadataJson) as Metadata;
  ({ metadata: german, problems } = translateMetadata(english, loadCatalogue()));
});

const signature = (f: FunctionMetadata): string[] =>
  f.parameters.map((p) => `${p.name}${p.dimensionality === "matrix" ? "[]" : ""}${p.optional ? "?" : ""}`);

test("exactly the contracted ids, English names equal to the ids", () => {
  expect(english.functions.map((f) => f.id).sort()).toEqual(Object.keys(CONTRACT).sort());
  for (const f of english.functions) expect(f.name).toBe(f.id);
});

test("ids are English: none of the German ids renamed before the first release is back, in either language", () => {
  const ids = english.functions.map((f) => f.id);
  for (const [german, { id }] of Object.entries(RENAMED_BEFORE_RELEASE)) {
    expect([german, ids.includes(german)]).toEqual([german, false]);
    expect([id, ids.includes(id)]).toEqual([id, true]);
  }
  expect(german.functions.map((f) => f.name)).toEqual(ids);
  expect(Object.keys(loadCatalogue() as object).filter((id) => id in RENAMED_BEFORE_RELEASE)).toEqual([]);
});

test("the German description of every renamed function names the German domain term", () => {
  for (const { id, germanTerm } of Object.values(RENAMED_BEFORE_RELEASE)) {
    expect([id, german.functions.find((f) => f.id === id)?.description]).toEqual([
      id,
      expect.stringMatching(germanTerm),
    ]);
  }
});

test("parameters, ranges (matrix) and optional flags as contracted; all inputs are 'any' so Excel never coerces", () => {
  for (const f of english.functions) {
    expect([f.id, signature(f)]).toEqual([f.id, CONTRACT[f.id].parameters]);
    expect([f.id, f.result.dimensionality === "matrix"]).toEqual([f.id, CONTRACT[f.id].spills]);
    for (const p of f.parameters) expect(p.type).toBe("any");
  }
});

test("every function and parameter has an English description", () => {
  for (const f of english.functions) {
    expect(f.description?.trim().length).toBeGreaterThan(20);
    for (const p of f.parameters)
      expect([f.id, p.name, (p.description ?? "").length > 5]).toEqual([f.id, p.name, true]);
  }
});

test("the German metadata is complete, differs from the English, and keeps ids, names and parameters", () => {
  expect(problems).toEqual([]);
  expect(german.functions.map((f) => [f.id, f.name, signature(f)])).toEqual(
    english.functions.map((f) => [f.id, f.name, signature(f)]),
  );
  german.functions.forEach((f, i) => {
    expect(f.description).not.toBe(english.functions[i].description);
    f.parameters.forEach((p, k) =>
      expect(p.description).not.toBe(english.functions[i].parameters[k].description),
    );
  });
  expect(german.functions.find((f) => f.id === "SHARE")?.description).toMatch(
    /^Budgetanteil eines Sozialraums/,
  );
});

test("every Förderstrang of SPEC §5 has a function, and its descriptions name the strand in both languages", () => {
  const strands: [string, RegExp, RegExp][] = [
    ["SOCIALWORK", /strand 1/, /^Förderstrang 1 \(Kita-Sozialarbeit\)/],
    ["NEIGHBOURHOODCENTRE", /strand 2/, /^Förderstrang 2 \(Kommunikations- und Nachbarschaftszentrum\)/],
    ["INTERCULTURAL", /strand 3/, /^Förderstrang 3 \(Interkulturelle Fachkräfte\)/],
    ["ADDITIONALSTAFF", /strand 4/, /^Förderstrang 4 \(Betriebserlaubnisrelevantes Zusatzpersonal\)/],
  ];
  for (const [id, englishText, germanText] of strands) {
    expect([id, english.functions.find((f) => f.id === id)?.description]).toEqual([
      id,
      expect.stringMatching(englishText),
    ]);
    expect([id, german.functions.find((f) => f.id === id)?.description]).toEqual([
      id,
      expect.stringMatching(germanText),
    ]);
  }
});

test("a missing or stale German text is reported (the build fails on it)", () => {
  const catalogue = loadCatalogue() as Record<
    string,
    { description: string; parameters: Record<string, string> }
  >;
  const broken = JSON.parse(JSON.stringify(catalogue)) as typeof catalogue;
  delete broken.SHARE;
  delete broken.ALLOCATE.parameters.budget;
  broken.FTE.parameters.gone = "weg";
  expect(translateMetadata(english, broken).problems).toEqual([
    "Funktion SHARE: deutsche Beschreibung fehlt.",
    "Funktion ALLOCATE, Parameter budget: deutsche Beschreibung fehlt.",
    "Funktion FTE: Parameter gone im Katalog gibt es nicht mehr.",
  ]);
});

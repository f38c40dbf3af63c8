/**
 * Inputs for the bad-input catalogue (docs/bad-inputs.md): one builder per class, keyed by the class's first
 * code, returning the issues the public API reports for that input. Used by badInputs.test.ts.
 */
import { resolveModel } from "../../src/engine/resolveModel";
import { generate } from "../../src/usecase/generate";
import { planFortschreibung, storedAdoptions } from "../../src/usecase/fortschreibung";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { allocate, checkTable, resolved, runAllocation } from "../helpers/resolved";
import { bremenRulesIssues } from "../../src/engine/bremenRules";
import { carriedRosterIssues } from "../../src/engine/carriedRoster";
import { adoptionOf, readAdoption } from "../../src/engine/adoption";
import { carriedAllocation } from "../../src/engine/carryForward";
import { model as workedModel, workedExample } from "../engine/fixtures";
import { checkModel } from "../../src/engine/check";
import { dynamisierungIssues } from "../../src/engine/dynamisierung";
import type { Issue } from "../../src/engine/issues";
import type { ResolvedModel } from "../../src/engine/model";
import { kofinanzierungIssues } from "../../src/engine/kofinanzierung";
import { landFormula } from "../../src/engine/landFormula";
import { DEFAULT_BREMEN_RULES, DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { parseModel } from "../../src/engine/modelFile";
import { stellenplan, stellenplanParameters, type StellenplanUnit } from "../../src/engine/stellenplan";
import { applyOverrides, eligibilityIssues, strand2Issues } from "../../src/engine/strands";
import { OVERRIDE_HEADERS, overriddenPlan, readStrandOverrides } from "../../src/engine/strandOverrides";
import type { Allocation } from "../../src/engine/allocation";
import type { CellValue, RawTable } from "../../src/engine/table";
import { locateTable, locationIssues } from "../../src/engine/tableLocation";
import { vzaeIssues } from "../../src/engine/vzae";
import { goodRows, HEADERS, model, table, withCells } from "../helpers/kitaSheet";
import { exceljsFixtureBytes } from "../workbook/exceljsFixture";

// ── inputs: the sheet of test/helpers/kitaSheet.ts (shared with test/engine/check.test.ts) ─────────
// A Einrichtung | B Sozialraum | C Kinder | D SGB II | E Alleinerziehend | F nicht Deutsch | G ÖPNV

const check = (m: Model, t: RawTable) => checkTable(m, t).issues;
const checked = (rows: CellValue[][], m: Model = model()) => check(m, table(rows));

/** The SPEC §8 example model file. */
function specFile(): Record<string, unknown> & { indicators: Record<string, unknown>[] } {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators: [
      { column: "Anteil_nicht_Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 },
    ],
    categories: [{ name: "Flucht und Migration", weight: 1 }],
    options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
    budget: { total: 1002240 },
  };
}

/** A sheet where column L is "Anteil_nicht_Deutsch" and row 11 holds „k.A.“ there. */
function wideSheet(): Issue[] {
  const headers = [
    "Einrichtung",
    "Sozialraum",
    ..."CDEFGHIJK".split("").map((c) => `Spalte ${c}`),
    "Anteil_nicht_Deutsch",
  ];
  const rows = Array.from({ length: 10 }, (_, i) => [`Kita ${i + 1}`, "Nord", ...new Array(9).fill(null), i]);
  rows[9][11] = "k.A.";
  const m = model({
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
    indicators: [
      { column: "Anteil_nicht_Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 },
    ],
    categories: [{ name: "Flucht und Migration", weight: 1 }],
  });
  return check(m, table(rows, headers));
}

const FLAG_MODEL = model({
  data: {
    sheet: "Kitas",
    id: "Einrichtung",
    area: "Sozialraum",
    children: "Kinder",
    strand2: "KNZ",
    kitaIndex: "Kita-Index",
  },
});
const FLAG_HEADERS = [...HEADERS, "KNZ", "Zusatzpersonal", "Neu", "Kita-Index"];
function flagRows(...changes: [number, number, CellValue][]): CellValue[][] {
  const rows = goodRows().map((r) => [...r, null, null, null, 50]);
  for (const [r, c, v] of changes) rows[r][c] = v;
  return rows;
}

/** Two units in two Sozialräume for the engine classes, one indicator. */
function engineModel(overrides: Partial<Model> = {}): Model {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 }],
    categories: [{ name: "Soziale Lage", weight: 1 }],
    options: { ...DEFAULT_OPTIONS },
    budget: { total: 1000 },
    ...overrides,
  };
}
const ENGINE_TABLE = table(
  [
    ["Kita A", "Nord", 50, 10],
    ["Kita B", "Süd", 80, 30],
    ["Kita C", "Süd", 40, 20],
  ],
  ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
);
const run = (m: Model | ResolvedModel, t: RawTable = ENGINE_TABLE) => runAllocation(m, t).issues;

/** The use case's issues for a workbook and a model (undefined: the stored one). */
async function generateIssues(port: XlsxWorkbook | PackageWorkbook, model: unknown): Promise<Issue[]> {
  return (await generate(port, { model, workbookName: "Musterstadt.xlsx" })).issues;
}

/** The good sheet under a title row and an empty row (header in row 3), then `below`; `hiddenRows` hidden. */
async function titledWorkbook(below: CellValue[][], hiddenRows: number[] = []): Promise<XlsxWorkbook> {
  const rows = [["Kita-Daten 2025 – Stadt X"], [], HEADERS, ...goodRows(), ...below];
  return XlsxWorkbook.fromBuffer(
    await exceljsFixtureBytes({ sheets: { Kitas: rows }, extras: { Kitas: { hiddenRows } } }),
  );
}

/**
 * The good sheet under a title and an empty row (header in row 3, Kitas in rows 4–7), read by the package
 * reader, with the cells `blank` emptied and the ranges `merged` merged (the top-left cell keeps its value).
 */
async function mergedWorkbook(blank: string[], merged: string[]): Promise<PackageWorkbook> {
  const rows = [["Kita-Daten 2025 – Stadt X"], [], HEADERS, ...goodRows()];
  for (const cell of blank) rows[Number(cell.slice(1)) - 1][cell.charCodeAt(0) - 65] = null;
  return PackageWorkbook.fromBuffer(
    await exceljsFixtureBytes({ sheets: { Kitas: rows }, extras: { Kitas: { merged } } }),
  );
}

const WINSORISE = { ...DEFAULT_OPTIONS, winsorise: true };
/**
 * Ten units, five per Sozialraum; `column(i)` gives unit i's values after Einrichtung, Sozialraum, Kinder.
 * The outlier pattern used below: 1, 2, …, 9 and 100 (sample skewness ≈ 3,12, kurtosis ≈ 9,80), or nine 0s
 * and 100 (skewness = √10 ≈ 3,16, kurtosis = 10): both above 2 and 3,5, so winsorising sets 100 to the next
 * value (9, or 0), after which the rule no longer fires.
 */
function tenUnits(headers: string[], column: (i: number) => CellValue[]): RawTable {
  return table(
    Array.from({ length: 10 }, (_, i) => [`Kita ${i + 1}`, i < 5 ? "Nord" : "Süd", 50, ...column(i)]),
    ["Einrichtung", "Sozialraum", "Kinder", ...headers],
  );
}

/** `values.length` units (Kita 1 …, all in „Nord“) with one SGB II value each. */
function unitsWithValues(values: number[]): RawTable {
  return table(
    values.map((v, i) => [`Kita ${i + 1}`, "Nord", 50, v]),
    ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
  );
}
const ZERO_TO_FOUR = (n: number) => Array.from({ length: n }, (_, i) => i % 5);

/** A Kita for the Stellenplan classes (75.000 € per VZÄ, Land share 0,6, step 0,25: 11.250 € a step). */
function planKita(
  id: string,
  area: string,
  index: number,
  more: Partial<StellenplanUnit> = {},
): StellenplanUnit {
  return {
    id,
    area,
    row: Number(id.replace(/\D/g, "")) + 1,
    index,
    children: null,
    eligible: {
      sozialarbeit: false,
      nachbarschaftszentrum: false,
      interkulturell: false,
      interkulturellException: false,
      zusatzpersonal: false,
    },
    strand4Vzae: null,
    traeger: null,
    ...more,
  };
}
/** A Fortschreibung whose data sheet lost „Kita Linde“ (adopted 15.03.2027) and gained „Kita Neubau“ (B8). */
function carriedRoster(): Issue[] {
  const adoption = {
    date: "2027-03-15",
    units: ["Kita Arche", "Kita Linde"].map((id) => ({ id, area: "Nord" })),
  } as unknown as Parameters<typeof carriedRosterIssues>[0];
  return carriedRosterIssues(
    adoption,
    {
      sheet: "Kitas",
      headers: ["Lfd. Nr.", "Einrichtung"],
      rows: [
        [1, "Kita Arche"],
        [2, "Kita Neubau"],
      ],
      headerRow: 6,
    },
    "Einrichtung",
  );
}

/** The worked example adopted on 15.03.2027, its stored record with K2's amount typed by hand as „41.100“. */
function handEditedAmount(): unknown {
  const m = workedModel({}, 1000);
  const json = JSON.parse(
    JSON.stringify(
      adoptionOf(allocate(m, workedExample()), { date: "2027-03-15", checksum: "", goalposts: {} }),
    ),
  ) as { units: Record<string, unknown>[] };
  json.units[1].amount = "41.100";
  return json;
}

/** The worked example adopted on 15.03.2027, its stored record with K2's scores deleted by hand, carried forward. */
function carriedWithoutScores(): Issue[] {
  const m = workedModel({}, 1000);
  const ds = workedExample();
  const json = JSON.parse(
    JSON.stringify(adoptionOf(allocate(m, ds), { date: "2027-03-15", checksum: "", goalposts: {} })),
  ) as { units: Record<string, unknown>[] };
  delete json.units[1].scores;
  return carriedAllocation(readAdoption(json).adoption!, 1300).issues;
}

const PLAN = stellenplanParameters({ costPerVzae: 75000 });
const eligible = (e: Partial<StellenplanUnit["eligible"]>) => ({
  eligible: { ...planKita("x 0", "", 0).eligible, ...e },
});

/** One builder per catalogue class, keyed by the class's first code: the issues its input produces. */
export const BUILDERS: Record<string, () => Issue[] | Promise<Issue[]>> = {
  "empty-sheet": () => check(model(), table([], [])),
  "no-data-rows": () => checked([[], [null, " "]]),
  "header-missing": () =>
    check(
      model(),
      table(
        goodRows(),
        HEADERS.map(() => null),
      ),
    ),
  "column-missing": () => check(model(), table(goodRows(), ["Einrichtung", "Sozialraum", "Kinder", "OEPNV"])),
  "header-duplicate": () => [
    ...check(
      model(),
      table(
        goodRows().map((r) => [...r, 1]),
        [...HEADERS, "SGB II"],
      ),
    ),
    ...check(model(), table(goodRows(), [...HEADERS, "Bemerkung", "Bemerkung"])),
  ],
  "header-blank": () => checked(withCells([1, 7, "Notiz"])),
  "row-ignored": () => checked([...goodRows(), [null, null, null, null, null, null, null, "Stand: 2024"]]),
  "total-row": () => checked([...goodRows(), ["Summe", null, 290, 75, 21, 155, 10]]),
  "number-as-text": () => checked(withCells([0, 3, "12,5"])),
  "text-in-number": wideSheet,
  "excel-error": () => checked(withCells([2, 4, { error: "#DIV/0!" }])),
  "boolean-in-number": () => checked(withCells([0, 3, true])),
  "not-finite": () => checked(withCells([3, 3, Infinity])),
  "date-in-number": () => {
    // D2: „12.5“ typed in German Excel became 12 May 2024; C3: Kinder formatted as a time
    const formats = goodRows().map((row) => row.map((): string | null => null));
    formats[0][3] = "TT.MM.JJJJ";
    formats[1][2] = "[h]:mm";
    return check(model(), { ...table(withCells([0, 3, 45424], [1, 2, 0.5])), formats });
  },
  "percent-mixed": () => {
    // F „nicht Deutsch“: shares formatted as percent, one plain number – on another scale (60), on the same (0,6)
    const formats = goodRows().map((row, r) => row.map((_, c) => (c === 5 && r !== 2 ? "0.0%" : null)));
    const shares = (third: number) => withCells([0, 5, 0.3], [1, 5, 0.45], [2, 5, third], [3, 5, 0.2]);
    return [
      ...check(model(), { ...table(shares(60)), formats }),
      ...check(model(), { ...table(shares(0.6)), formats }),
    ];
  },
  "negative-value": () => checked(withCells([0, 4, -2])),
  "negative-children": () => checked(withCells([0, 2, -5])),
  "children-not-integer": () => checked(withCells([1, 2, 80.5])),
  "children-missing": () => [
    ...checked(withCells([3, 2, null])),
    ...checked(withCells([3, 2, null]), model({ options: { ...DEFAULT_OPTIONS, childWeighted: true } })),
  ],
  "text-expected": () => checked(withCells([1, 1, false])),
  "flag-invalid": () => check(FLAG_MODEL, table(flagRows([1, 7, "vielleicht"]), FLAG_HEADERS)),
  "kita-index-range": () => {
    const headers = [...HEADERS, "KNZ", "Zusatzpersonal", "Neu", "Kita-Index"];
    return check(FLAG_MODEL, table(flagRows([0, 10, 101]), headers));
  },
  "id-blank": () => checked(withCells([2, 0, null])),
  "id-duplicate": () => checked(withCells([3, 0, "Kita A"])),
  "area-missing": () => checked(withCells([1, 1, null])),
  "area-spelling": () => checked(withCells([1, 1, "nord"])),
  "indicator-constant": () => checked(goodRows().map((r) => r.map((v, c) => (c === 4 ? 7 : v)))),
  "indicator-empty": () => checked(goodRows().map((r) => r.map((v, c) => (c === 4 ? null : v)))),
  "value-missing": () => checked(withCells([0, 3, null])),
  "category-empty": () => [...checked(withCells([2, 5, null])), ...checked(withCells([2, 5, "k.A."]))],
  "category-no-information": () => checked(goodRows().map((r) => r.map((v, c) => (c === 5 ? 9 : v)))),
  "coverage-unit": () =>
    checked(
      withCells([0, 4, null], [1, 3, null], [2, 3, null]),
      model({ options: { ...DEFAULT_OPTIONS, coverage: { unit: 0.8, indicator: 0.8, level: "warning" } } }),
    ),
  "coverage-indicator": () => BUILDERS["coverage-unit"](),
  "model-no-indicators": () => checkModel(model({ indicators: [] })),
  "model-category-unknown": () => {
    const m = model({
      categories: [
        { name: "Soziale Lage", weight: 1 },
        { name: "Flucht und Migration", weight: 1 },
      ],
    });
    m.indicators[3] = { ...m.indicators[3], category: "Infrastruktur" };
    return checkModel(m);
  },
  "model-category-empty": () => {
    const m = model();
    m.indicators = m.indicators.slice(0, 3);
    return checkModel(m);
  },
  "model-category-duplicate": () => {
    const m = model();
    m.categories.push({ name: "Soziale Lage", weight: 1 });
    m.indicators.push({ column: "sgb ii", category: "Soziale Lage", direction: 1, weight: 1 });
    m.indicators.push({ column: "Kinder", category: "Soziale Lage", direction: 1, weight: 1 });
    return checkModel(m);
  },
  "model-weight-invalid": () => {
    const m = model();
    m.categories[1] = { ...m.categories[1], weight: 0 };
    return checkModel(m);
  },
  "model-direction-invalid": () => {
    const file = specFile();
    file.indicators = [0, 1, 2, 3].map((i) => ({
      ...file.indicators[0],
      column: `Spalte ${i}`,
      direction: i === 3 ? 2 : 1,
    }));
    return parseModel(file).issues;
  },
  "model-mapping-missing": () => checkModel(model({ data: { sheet: "Kitas", id: " ", area: "Sozialraum" } })),
  "model-option-invalid": () =>
    checkModel(
      model({ options: { ...DEFAULT_OPTIONS, coverage: { unit: 65, indicator: 0.5, level: "warning" } } }),
    ),
  "model-budget-too-large": () => checkModel(model({ budget: { total: 1e15 } })),
  "model-budget-not-dynamisiert": () =>
    checkModel(
      model({
        budget: {
          total: 1000000,
          year: 2022,
          dynamisierung: { baseAmount: 977794, baseYear: 2021, rate: 0.025 },
        },
      }),
    ),
  "model-json-syntax": () => [...parseModel("{ x").issues, ...parseModel('{"a": [1, 2,]}').issues],
  "model-field-missing": () => {
    const file = specFile();
    delete file.indicators[0].direction;
    return parseModel(file).issues;
  },
  "model-field-unknown": () => {
    const file = specFile();
    file.indicators[0].weigth = 5;
    file.options = { areaMetod: "sum-of-units" };
    file.budegt = 1;
    return parseModel(file).issues;
  },
  "model-field-invalid": () => {
    const a = specFile();
    a.options = { normalisation: "zscore" };
    const b = specFile();
    b.indicators[0].goalposts = { min: 3.5, max: 1 };
    return [...parseModel(a).issues, ...parseModel(b).issues];
  },

  // ── the engine ────────────────────────────────────────────────────────────────────────────────────
  // the model checkpoint refuses a negative budget; the engine's own guard, given one all the same:
  "budget-invalid": () => {
    const m = resolved(engineModel());
    return run({ ...m, budget: { ...m.budget, total: -5 } });
  },
  "model-value-out-of-range": () =>
    [
      engineModel({ categories: [{ name: "Soziale Lage", weight: 1e308 }] }),
      engineModel({ budget: { total: 1000000, costPerVzae: 1e-300 } }),
      engineModel({ budget: { total: 1000000, kofinanzierung: { landShare: 1e-300, municipalShare: 0.4 } } }),
      engineModel({
        ruleSet: "bremen",
        bremen: {
          ...DEFAULT_BREMEN_RULES,
          rows: [{ indexAbove: 50, childrenMin: 40, childrenMax: null, vzae: 1e308 }],
        },
      }),
      engineModel({
        indicators: [
          {
            column: "SGB II",
            category: "Soziale Lage",
            direction: 1,
            weight: 1,
            goalposts: { min: -1e308, max: 1e308 },
          },
        ],
      }),
    ].flatMap((m) => resolveModel(m).issues),
  "model-missing": () => generateIssues(XlsxWorkbook.empty(), undefined),
  "rows-below-table": async () => [
    ...(await generateIssues(
      await titledWorkbook([["Summe", null, 290], [], ["Quelle: Meldewesen"]]),
      model(),
    )),
    ...(await generateIssues(await titledWorkbook([[], ["Kita Z", "Süd", 10, 1, 1, 1, 1]]), model())),
    // a range chosen last year (header row 3, three Kitas) above this year's fourth Kita in row 7
    ...(await generateIssues(await titledWorkbook([]), model({ data: { ...model().data, range: "A3:G6" } }))),
  ],
  "hidden-rows": async () => generateIssues(await titledWorkbook([], [5]), model()),
  "merged-cells": async () => [
    ...(await generateIssues(await mergedWorkbook(["B5"], ["B4:B5"]), model())),
    ...(await generateIssues(await mergedWorkbook(["B5", "B7"], ["A1:G1", "B4:B5", "B6:B7"]), model())),
    ...(await generateIssues(await mergedWorkbook(["C5"], ["C4:C5"]), model())),
    // Excel refusing to list more than 512 merged areas (officeWorkbook.ts): the grid says so
    ...locationIssues(
      locateTable(
        {
          sheet: "Kitas",
          rows: [
            ["Einrichtung", "Sozialraum"],
            ["Kita A", "Nord"],
            ["Kita B", "Süd"],
          ],
          mergedUnknown: true,
        },
        { columns: ["Einrichtung", "Sozialraum"] },
      ),
    ),
  ],
  "sheet-missing": () =>
    generateIssues(XlsxWorkbook.empty(), {
      ...engineModel(),
      data: { ...engineModel().data, sheet: "Daten" },
    }),
  "adoption-unreadable": () => [
    ...storedAdoptions([{ date: "gestern" }, handEditedAmount()], 2).issues,
    ...storedAdoptions([{ date: "gestern" }], 1, "Beschluss-2026.xlsx").issues,
  ],
  "carry-forward-without-adoption": () =>
    planFortschreibung(storedAdoptions([]), { carryForward: true }).issues,
  "carry-forward-unit-new": () => carriedRoster(),
  "carry-forward-scores-missing": () => carriedWithoutScores(),
  "aggregate-single-area": () =>
    run(
      engineModel({ options: { ...DEFAULT_OPTIONS, areaMethod: "aggregate" } }),
      table(
        [
          ["Kita A", "Nord", 50, 10],
          ["Kita B", "Nord", 80, 30],
        ],
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
      ),
    ),
  "sockel-children-missing": () =>
    allocate(engineModel({ options: { ...DEFAULT_OPTIONS, sockel: { fraction: 0.2, by: "children" } } }), {
      sheet: "Kitas",
      units: [unit("Kita A", "Nord", 10, null, 2), unit("Kita B", "Süd", 30, 80, 3)],
      indicators: resolved(engineModel()).indicators,
      indicatorColumns: ["D"],
      headerRow: 1,
      inputRange: "Kitas!A1:D3",
    }).issues,
  "children-weighting-fallback": () =>
    allocate(engineModel({ options: { ...DEFAULT_OPTIONS, childWeighted: true } }), {
      sheet: "Kitas",
      units: [unit("Kita A", "Nord", 10, null, 2), unit("Kita B", "Süd", 30, 80, 3)],
      indicators: resolved(engineModel()).indicators,
      indicatorColumns: ["D"],
      headerRow: 1,
      inputRange: "Kitas!A1:D3",
    }).issues,
  "cent-tie": () =>
    run(
      engineModel({ budget: { total: 100 } }),
      table(
        [
          ["Kita A", "Nord", 50, 0],
          ["Kita B", "Süd", 80, 10],
          ["Kita C", "Ost", 40, 10],
          ["Kita D", "West", 40, 10],
        ],
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
      ),
    ),
  "strand3-category-missing": () => run(engineModel()),
  "no-eligible-unit": () =>
    run(
      engineModel({ options: { ...DEFAULT_OPTIONS, sockel: { fraction: 0.2, by: "equal" } } }),
      table(
        [
          ["Kita A", "Nord", 50, 10],
          ["Kita B", "Süd", 80, 30],
        ],
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
      ),
    ),
  "strand3-reason-without-effect": () =>
    eligibilityIssues(
      {
        index: 55,
        strand3Index: 30,
        strand2: false,
        strand3Reason: "viele Neuzugänge",
        strand4: true,
        strand4Reason: " ",
      },
      { mean: 50, sd: 10, lower: 40, upper: 60 },
      { mean: 50, sd: 10, lower: 40, upper: 60 },
      { sheet: "Kitas", unitId: "Kita Nord" },
    ),
  "strand2-several-in-area": () =>
    strand2Issues(
      [
        { id: "A", area: "Nord", strand2: true },
        { id: "B", area: "Nord", strand2: true },
      ],
      "Kitas",
    ),
  // an earlier Einrichtungen sheet: Kita A row 2, Kita B row 3, Kita alt row 4 (overrides in D–G); then
  // Nord with 50.000 € and Kita A at 2 VZÄ · 72.000 € · 0,6 = 86.400 €
  "override-vzae-invalid": () => [
    ...readStrandOverrides(
      {
        sheet: "Einrichtungen",
        headers: ["Einrichtung", "Sozialraum", "VZÄ (Vorschlag)", ...OVERRIDE_HEADERS],
        rows: [
          ["Kita A", "Nord", 1, "viel", null, null, null],
          ["Kita B", "Nord", 1, null, -0.5, 0.3, null],
          ["Kita alt", "Nord", 1, 0.5, null, null, null],
        ],
      },
      [
        { id: "Kita A", code: "E1" },
        { id: "Kita B", code: "E2" },
      ],
      0.25,
    ).issues,
    ...overriddenPlan(
      {
        model: { budget: { costPerVzae: 72000, kofinanzierung: { landShare: 0.6, municipalShare: 0.4 } } },
        units: [
          {
            id: "Kita A",
            area: "Nord",
            plan: { vzae: 1, amount: 43200, municipal: 28800, personnelVolume: 72000 },
          },
        ],
        areas: [{ name: "Nord", amount: 50000, unplanned: 6800 }],
      } as unknown as Allocation,
      new Map([["Kita A", [2, null, null, null]]]),
    ).issues,
  ],
  "override-invalid": () =>
    applyOverrides(1000, [600, 400], [-50, 450], { area: "Nord", sheet: "Einrichtungen" }).issues,
  "bremen-rules-invalid": () => bremenRulesIssues({ ...DEFAULT_BREMEN_RULES, rows: [] }),
  "vzae-invalid": () => vzaeIssues(0, 0.25),
  "kofinanzierung-invalid": () => kofinanzierungIssues({ landShare: 0, municipalShare: 0.4 }),
  "land-count-invalid": () => [
    ...landFormula(100000, [
      { name: "A", childrenUnder7: -1, sgb2Under7: 50 },
      { name: "B", childrenUnder7: 300, sgb2Under7: 30 },
    ]).issues,
    ...(BUILDERS["land-count-sum-zero"]() as Issue[]),
  ],
  "land-count-sum-zero": () =>
    landFormula(100000, [
      { name: "A", childrenUnder7: 200, sgb2Under7: 0 },
      { name: "B", childrenUnder7: 300, sgb2Under7: 0 },
    ]).issues,
  // SGB II = 1, 2, …, 9, 100: 100 is clipped to 9 (Kita 10 is in row 11, SGB II in column D)
  winsorised: () =>
    run(
      engineModel({ options: WINSORISE }),
      tenUnits(["SGB II"], (i) => [i === 9 ? 100 : i + 1]),
    ),
  // six Kitas tied at 1000 among 0–4: clipped together (6 > 5)
  "winsorise-tied-group": () =>
    run(
      engineModel({ options: WINSORISE }),
      unitsWithValues([...ZERO_TO_FOUR(94), ...new Array<number>(6).fill(1000)]),
    ),
  // 100 … 800 among 0–4: after five clipped values (800 … 400 → 300) the rule still fires
  "winsorise-still-outliers": () =>
    run(
      engineModel({ options: WINSORISE }),
      unitsWithValues([...ZERO_TO_FOUR(100), 100, 200, 300, 400, 500, 600, 700, 800]),
    ),
  "bremen-own-index": () => run(engineModel({ ruleSet: "bremen" })),
  "strand4-request-rounded": () => [
    ...stellenplan(
      [{ name: "Süd", amount: 100000, share: 1 }],
      [
        planKita("Kita 1", "Süd", 50, { ...eligible({ zusatzpersonal: true }), strand4Vzae: 1.5 }),
        planKita("Kita 2", "Süd", 60, {
          ...eligible({ zusatzpersonal: true }),
          strand4Vzae: 1.1,
          strand4VzaeCell: "K3",
        }),
      ],
      PLAN,
      "Kitas",
    ).issues,
  ],
  "strand2-short": () =>
    stellenplan(
      [{ name: "Süd", amount: 50000, share: 1 }],
      [
        planKita("Kita 1", "Süd", 50, { ...eligible({ zusatzpersonal: true }), strand4Vzae: 1 }),
        planKita("Kita 2", "Süd", 10, eligible({ nachbarschaftszentrum: true })),
      ],
      PLAN,
    ).issues,
  "within-children-fallback": () =>
    stellenplan(
      [{ name: "Nord", amount: 50000, share: 1 }],
      [
        planKita("Kita 1", "Nord", 50, { ...eligible({ sozialarbeit: true }), children: 40 }),
        planKita("Kita 2", "Nord", 60, eligible({ sozialarbeit: true })),
      ],
      { ...PLAN, within: "index-children" },
    ).issues,
  "step-tie": () =>
    stellenplan(
      [{ name: "Nord", amount: 33750, share: 1 }],
      [
        planKita("Kita 1", "Nord", 50, eligible({ sozialarbeit: true })),
        planKita("Kita 2", "Nord", 50, eligible({ sozialarbeit: true })),
      ],
      PLAN,
    ).issues,
  "area-unspent": () => {
    const areas = [
      { name: "Nord", amount: 20000, share: 0.2 },
      { name: "Süd", amount: 50000, share: 0.5 },
      { name: "Ost", amount: 30000, share: 0.3 },
    ];
    const units = [
      planKita("Kita 1", "Nord", 10),
      planKita("Kita 2", "Süd", 60, eligible({ sozialarbeit: true })),
      planKita("Kita 3", "Ost", 55, eligible({ interkulturell: true })),
    ];
    return [
      ...stellenplan(areas, units, PLAN).issues,
      ...stellenplan(areas, units, { ...PLAN, unspent: "redistribute" }).issues,
    ];
  },
  "goalposts-missing": () => run(engineModel({ options: { ...DEFAULT_OPTIONS, goalposts: true } })),
  // Migration = 0 × 9 and 100: informative for the check, constant (all 0) after clipping
  "category-left-out": () =>
    run(
      engineModel({
        indicators: [
          { column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 },
          { column: "Migration", category: "Flucht und Migration", direction: 1, weight: 1 },
        ],
        categories: [
          { name: "Soziale Lage", weight: 1 },
          { name: "Flucht und Migration", weight: 1 },
        ],
        options: WINSORISE,
      }),
      tenUnits(["SGB II", "Migration"], (i) => [i + 1, i === 9 ? 100 : 0]),
    ),
  // Kita 1 has no SGB II (the informative one) and only Alleinerziehend, which clipping makes constant
  "category-only-constant": () =>
    run(
      engineModel({
        indicators: [
          { column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 },
          { column: "Alleinerziehend", category: "Soziale Lage", direction: 1, weight: 1 },
        ],
        options: WINSORISE,
      }),
      tenUnits(["SGB II", "Alleinerziehend"], (i) => [i === 0 ? null : i + 1, i === 9 ? 100 : 0]),
    ),
  "area-index-invalid": () => [
    // T-Werte: 29 units at 1 and one at 0, alone in „Nord“: z = −29/√30 ≈ −5,29, T = 50 + 10·z ≈ −2,9 < 0
    ...run(
      engineModel({ options: { ...DEFAULT_OPTIONS, normalisation: "tscore" } }),
      table(
        Array.from({ length: 30 }, (_, i) => [
          `Kita ${i + 1}`,
          i === 0 ? "Nord" : "Süd",
          50,
          i === 0 ? 0 : 1,
        ]),
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
      ),
    ),
    // goalposts 100–200 above every value (10, 30, 20): every score is clamped to 0
    ...run(
      engineModel({
        indicators: [
          {
            column: "SGB II",
            category: "Soziale Lage",
            direction: 1,
            weight: 1,
            goalposts: { min: 100, max: 200 },
          },
        ],
        options: { ...DEFAULT_OPTIONS, goalposts: true },
      }),
    ),
  ],
  "dynamisierung-invalid": () =>
    dynamisierungIssues({ baseAmount: 977794, baseYear: 2021, rate: 0.025 }, 2020),
};

function unit(id: string, area: string, value: number, children: number | null, row: number) {
  return {
    id,
    area,
    children,
    row,
    values: [value],
    strand2: false,
    strand3Reason: "",
    strand4: false,
    strand4Reason: "",
    verbund: null,
    firstYear: false,
    kitaIndex: null,
  };
}

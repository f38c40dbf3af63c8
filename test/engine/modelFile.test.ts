import fc from "fast-check";
import { SrbUsageError } from "../../src/engine/issues";
import { DEFAULT_BREMEN_RULES, DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { jsonPath, modelJson, parseModel, serializeModel } from "../../src/engine/modelFile";
import { nearestName } from "../../src/engine/nearestName";

/** The example of SPEC.md §8, verbatim. */
const SPEC_EXAMPLE = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
  indicators: [{ column: "Anteil_nicht_Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 }],
  categories: [{ name: "Flucht und Migration", weight: 1 }],
  options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
  budget: { total: 1002240 },
};

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

describe("parseModel: valid files and defaults", () => {
  test("the SPEC §8 example parses, defaults filled in", () => {
    const { model, issues } = parseModel(SPEC_EXAMPLE);
    expect(issues).toEqual([]);
    const expected: Model = {
      data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
      indicators: [
        { column: "Anteil_nicht_Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 },
      ],
      categories: [{ name: "Flucht und Migration", weight: 1 }],
      options: { ...DEFAULT_OPTIONS },
      budget: { total: 1002240 },
      ruleSet: "rlp",
    };
    expect(model).toEqual(expected);
  });

  test("weights default to 1, options to DEFAULT_OPTIONS, categories to those the indicators use", () => {
    const { model, issues } = parseModel({
      data: { id: "Einrichtung", area: "Sozialraum" },
      indicators: [
        { column: "SGB II", category: "Soziale Lage", direction: 1 },
        { column: "ÖPNV", category: "Infrastruktur und Netzwerke", direction: -1 },
        { column: "Alleinerziehend", category: "Soziale Lage", direction: 1 },
      ],
      budget: { total: 0 },
    });
    expect(issues).toEqual([]);
    expect(model!.indicators.map((i) => i.weight)).toEqual([1, 1, 1]);
    expect(model!.categories).toEqual([
      { name: "Soziale Lage", weight: 1 },
      { name: "Infrastruktur und Netzwerke", weight: 1 },
    ]);
    expect(model!.options).toEqual(DEFAULT_OPTIONS);
  });

  test('data.sheet missing → "" (the caller takes the first sheet)', () => {
    const file = clone(SPEC_EXAMPLE) as Record<string, unknown> & { data: Record<string, unknown> };
    delete file.data.sheet;
    expect(parseModel(file).model!.data.sheet).toBe("");
  });

  test("coverage and Sockel options get their inner defaults", () => {
    const file = {
      ...clone(SPEC_EXAMPLE),
      options: { coverage: { unit: 0.65, indicator: 0.65 }, sockel: { fraction: 0.2 } },
    };
    const { model } = parseModel(file);
    expect(model!.options.coverage).toEqual({ unit: 0.65, indicator: 0.65, level: "warning" });
    expect(model!.options.sockel).toEqual({ fraction: 0.2, by: "equal" });
  });

  test("ruleSet bremen without rules gets DEFAULT_BREMEN_RULES (a copy)", () => {
    const { model } = parseModel({ ...clone(SPEC_EXAMPLE), ruleSet: "bremen" });
    expect(model!.bremen).toEqual(DEFAULT_BREMEN_RULES);
    expect(model!.bremen).not.toBe(DEFAULT_BREMEN_RULES);
  });

  test("Stellenplan fields: data.strand4Vzae, data.traeger and rules (SPEC §5, §8) are read and written back", () => {
    const file = {
      ...clone(SPEC_EXAMPLE),
      data: { ...SPEC_EXAMPLE.data, strand4Vzae: "VZÄ Zusatzpersonal", traeger: "Träger" },
      rules: { strand2Vzae: 0.5, within: "index-children", unspent: "redistribute" },
    };
    const { model, issues } = parseModel(file);
    expect(issues).toEqual([]);
    expect(model?.data).toMatchObject({ strand4Vzae: "VZÄ Zusatzpersonal", traeger: "Träger" });
    expect(model?.rules).toEqual({ strand2Vzae: 0.5, within: "index-children", unspent: "redistribute" });
    expect(parseModel(serializeModel(model!)).model).toEqual(model);
    const bad = parseModel({ ...clone(SPEC_EXAMPLE), rules: { within: "kinder", strand2Vzae: -1 } });
    expect(bad.model).toBeNull();
    expect(bad.issues.map((i) => i.message)).toEqual([
      expect.stringContaining("VZÄ des Nachbarschaftszentrums"),
      expect.stringContaining("Verteilung im Sozialraum"),
    ]);
  });

  test("data.range (the range chosen in the Daten step) is read, written after headerRow, and checked", () => {
    const file = { ...clone(SPEC_EXAMPLE), data: { ...SPEC_EXAMPLE.data, range: " A3:F30 ", headerRow: 3 } };
    const { model, issues } = parseModel(file);
    expect(issues).toEqual([]);
    expect(model?.data).toMatchObject({ range: "A3:F30", headerRow: 3 });
    const text = serializeModel(model!);
    expect(text.indexOf('"headerRow"')).toBeLessThan(text.indexOf('"range"'));
    expect(text.indexOf('"range"')).toBeLessThan(text.indexOf('"id"'));
    expect(parseModel(text).model).toEqual(model);
    for (const range of ["B:H", "Kitas!A3:F30", "", 7]) {
      const bad = parseModel({ ...clone(SPEC_EXAMPLE), data: { ...SPEC_EXAMPLE.data, range } });
      expect(bad.model).toBeNull();
      expect(bad.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Modell, Datenbereich: /)]);
    }
  });

  test("extra fields are allowed and preserved at every level", () => {
    const file = clone(SPEC_EXAMPLE) as Record<string, unknown>;
    file.kommentar = "Beschluss JHA 2024";
    (file.indicators as Record<string, unknown>[])[0].quelle = "Kita-Befragung";
    (file.options as Record<string, unknown>).zukunft = { a: 1 };
    const { model } = parseModel(file);
    expect(model).toMatchObject({ kommentar: "Beschluss JHA 2024", options: { zukunft: { a: 1 } } });
    expect(model!.indicators[0]).toMatchObject({ quelle: "Kita-Befragung" });
    expect(serializeModel(model!)).toContain('"kommentar": "Beschluss JHA 2024"');
  });

  test("the file text is accepted too", () => {
    expect(parseModel(JSON.stringify(SPEC_EXAMPLE)).model).toEqual(parseModel(SPEC_EXAMPLE).model);
  });

  test("the input is not mutated", () => {
    const file = clone(SPEC_EXAMPLE);
    const frozen = JSON.stringify(file);
    parseModel(file);
    expect(JSON.stringify(file)).toBe(frozen);
  });
});

describe("parseModel: German messages naming the JSON path", () => {
  test("direction 2 → model-direction-invalid at indicators[3].direction", () => {
    const file = clone(SPEC_EXAMPLE);
    file.indicators = [0, 1, 2, 3].map((i) => ({
      ...file.indicators[0],
      column: `Spalte ${i}`,
      direction: i === 3 ? 2 : 1,
    }));
    const { model, issues } = parseModel(file);
    expect(model).toBeNull();
    expect(issues).toEqual([
      {
        level: "error",
        code: "model-direction-invalid",
        sheet: "",
        cell: "",
        message:
          "Modell, Indikator „Spalte 3“, Richtung: Richtung 2 ist ungültig – erwartet wird 1 (höherer Wert = mehr Bedarf) oder -1 (höherer Wert = weniger Bedarf).",
      },
    ]);
  });

  test("direction missing → model-field-missing (no default: it would silently invert an indicator)", () => {
    const file = clone(SPEC_EXAMPLE) as { indicators: Record<string, unknown>[] };
    delete file.indicators[0].direction;
    const { issues } = parseModel(file);
    expect(issues.map((i) => [i.code, i.message.split(":")[0]])).toEqual([
      ["model-field-missing", "Modell, Indikator „Anteil_nicht_Deutsch“, Richtung"],
    ]);
  });

  test("direction as text „1“ is not coerced", () => {
    const file = clone(SPEC_EXAMPLE) as { indicators: Record<string, unknown>[] };
    file.indicators[0].direction = "1";
    expect(parseModel(file).issues[0].message).toContain("Richtung „1“ ist ungültig");
  });

  test.each([0, -1, "1"])("weight %p → model-weight-invalid", (w) => {
    const file = clone(SPEC_EXAMPLE) as { categories: Record<string, unknown>[] };
    file.categories[0].weight = w;
    const { model, issues } = parseModel(file);
    expect(model).toBeNull();
    expect(issues.map((i) => i.code)).toEqual(["model-weight-invalid"]);
    expect(issues[0].message).toContain("Kategorie „Flucht und Migration“, Gewicht");
  });

  test("a misspelt field is a warning naming the field it was meant for; extra fields far from every name pass", () => {
    const file = clone(SPEC_EXAMPLE) as Record<string, unknown> & typeof SPEC_EXAMPLE;
    const indicator = file.indicators[0] as Record<string, unknown>;
    delete indicator.weight;
    indicator.weigth = 5; // meant: weight (which then stays at its default, 1)
    indicator.Direction = -1; // beside direction: only capitals differ
    (file.options as Record<string, unknown>).normalization = "tscore"; // the US spelling
    file.budegt = 1;
    file.kommentar = "Stand: Jugendhilfeausschuss 12.03."; // an extra field of the user's
    (file.data as Record<string, unknown>).hinweis = "Blatt aus dem Fachverfahren";
    const { model, issues } = parseModel(file);
    expect(model?.indicators[0].weight).toBe(1);
    expect(model?.options.normalisation).toBe("minmax");
    expect((model as unknown as Record<string, unknown>).kommentar).toBe(
      "Stand: Jugendhilfeausschuss 12.03.",
    );
    // in the order of the file's fields
    expect(issues.map((i) => [i.level, i.code, i.message])).toEqual([
      [
        "warning",
        "model-field-unknown",
        "Modell, Indikator „Anteil_nicht_Deutsch“: das Feld „weigth“ kennt SRB nicht – gemeint ist wohl „weight“. SRB übergeht es; bitte den Namen in der Modelldatei berichtigen.",
      ],
      [
        "warning",
        "model-field-unknown",
        "Modell, Indikator „Anteil_nicht_Deutsch“: das Feld „Direction“ kennt SRB nicht – gemeint ist wohl „direction“. SRB übergeht es; bitte den Namen in der Modelldatei berichtigen.",
      ],
      [
        "warning",
        "model-field-unknown",
        "Modell, Optionen: das Feld „normalization“ kennt SRB nicht – gemeint ist wohl „normalisation“. SRB übergeht es; bitte den Namen in der Modelldatei berichtigen.",
      ],
      [
        "warning",
        "model-field-unknown",
        "Modell: das Feld „budegt“ kennt SRB nicht – gemeint ist wohl „budget“. SRB übergeht es; bitte den Namen in der Modelldatei berichtigen.",
      ],
    ]);
    // beside an error: the hint to the misspelt required field comes with it
    const broken = clone(SPEC_EXAMPLE) as Record<string, unknown> & typeof SPEC_EXAMPLE;
    const first = broken.indicators[0] as Record<string, unknown>;
    delete first.direction;
    first.direktion = 1;
    const result = parseModel(broken);
    expect(result.model).toBeNull();
    expect(result.issues.map((i) => i.code)).toEqual(["model-field-missing", "model-field-unknown"]);
    expect(result.issues[1].message).toContain("„direktion“ kennt SRB nicht – gemeint ist wohl „direction“");
  });

  test("an option present but undefined (switched off in the task pane) is no misspelt field", () => {
    // once, `options.coverage: undefined` checked the whole model against the coverage fields: its
    // „indicators“ was taken for a misspelt „indicator“ after „Mindest-Datenabdeckung prüfen“ was unticked
    const file = clone(SPEC_EXAMPLE) as Record<string, unknown> & typeof SPEC_EXAMPLE;
    const options = file.options as Record<string, unknown>;
    options.coverage = undefined;
    options.sockel = undefined;
    (file.budget as Record<string, unknown>).dynamisierung = undefined;
    const { model, issues } = parseModel(file);
    expect(model).not.toBeNull();
    expect(issues).toEqual([]);
  });

  test("nearestName: capitals, one edit, two for long names; nothing for short or far names", () => {
    expect(nearestName("weigth", ["weight", "label"])).toBe("weight");
    expect(nearestName("WEIGHT", ["weight"])).toBe("weight");
    expect(nearestName("areaMetod", ["areaMethod", "sd"])).toBe("areaMethod");
    expect(nearestName("colum", ["column", "category"])).toBe("column");
    expect(nearestName("lable", ["label"])).toBe("label"); // a swap is one edit
    expect(nearestName("lbl", ["label"])).toBeNull(); // two edits from a five-letter name
    expect(nearestName("sd", ["sd"])).toBeNull(); // too short to tell
    expect(nearestName("kommentar", ["column", "category", "direction", "weight"])).toBeNull();
  });

  test("several problems are reported together", () => {
    const { issues } = parseModel({
      data: { id: "", area: 3 },
      indicators: [{ column: "x", category: "y", direction: 1 }],
      options: { normalisation: "zscore", coverage: { unit: 2, indicator: 0.5 } },
    });
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      [
        "model-mapping-missing",
        "Die Spalte für Einrichtung ist nicht gewählt – bitte im Schritt Daten auswählen, welche Spalte Einrichtung enthält (in einer Modelldatei: ihre Überschrift eintragen).",
      ],
      ["model-field-invalid", "Modell, Spalte für Sozialraum: 3 ist ungültig – erwartet wird ein Text."],
      [
        "model-field-invalid",
        "Modell, Option „Normierung“: „zscore“ ist ungültig – erwartet wird einer der Werte „minmax“, „tscore“.",
      ],
      [
        "model-field-invalid",
        "Modell, Option „Datenabdeckung je Einrichtung“: 2 ist ungültig – erwartet wird eine Zahl ≤ 1.",
      ],
      ["model-field-missing", "Modell, Budget: die Angabe fehlt – erwartet wird ein Objekt { … }."],
    ]);
  });

  test("goalposts with max ≤ min", () => {
    const file = clone(SPEC_EXAMPLE) as { indicators: Record<string, unknown>[] };
    file.indicators[0].goalposts = { min: 3.5, max: 1 };
    expect(parseModel(file).issues[0].message).toBe(
      "Modell, Indikator „Anteil_nicht_Deutsch“, feste Grenzwerte: Minimum 3,5 und Maximum 1 sind ungültig – erwartet wird ein Maximum größer als das Minimum.",
    );
  });

  test("semantic problems from checkModel: unknown category", () => {
    const file = clone(SPEC_EXAMPLE);
    file.indicators[0].category = "Migration";
    const { model, issues } = parseModel(file);
    expect(model).toBeNull();
    expect(issues.map((i) => i.code)).toEqual(["model-category-unknown", "model-category-empty"]);
  });

  test.each([
    [null, "model-field-invalid"],
    [[1, 2], "model-field-invalid"],
    [42, "model-field-invalid"],
    ["{ nicht json", "model-json-syntax"],
  ])("not a model object: %p", (input, code) => {
    const { model, issues } = parseModel(input);
    expect(model).toBeNull();
    expect(issues.map((i) => i.code)).toEqual([code]);
    expect(issues[0]).toMatchObject({ sheet: "", cell: "" });
  });

  test("a comma after the last entry is named with its line and column, in lists and in objects", () => {
    const inList = '{\n  "indicators": [\n    { "column": "a" },\n  ]\n}';
    expect(modelJson(inList)).toEqual({
      problem: expect.stringContaining("(überzähliges Komma in Zeile 3, Spalte 22)"),
    });
    const inObject = '{\n  "budget": { "total": 1000, }\n}';
    expect(modelJson(inObject)).toEqual({
      problem: expect.stringContaining("(überzähliges Komma in Zeile 2, Spalte 28)"),
    });
    // the first „]“ of the file closes a list as it should, another sits in a column's name: neither is the place
    const later =
      '{\n  "categories": [{ "name": "A" }],\n  "indicators": [\n    { "column": "Kita [Name]" },\n  ]\n}';
    expect(modelJson(later)).toEqual({
      problem: expect.stringContaining("(überzähliges Komma in Zeile 4, Spalte 32)"),
    });
    // another stray character keeps its place too
    expect(modelJson('{\n  "a": ]\n}')).toEqual({
      problem: expect.stringContaining("(unerwartetes Zeichen „]“ in Zeile 2, Spalte 8)"),
    });
  });

  test("a model file's text: a byte-order mark is dropped before the JSON is read, also when it is broken", () => {
    expect(modelJson('\uFEFF{"a": 1}')).toEqual({ json: { a: 1 } });
    // where it breaks, counted without the mark (not "unerwartetes Zeichen" for the invisible mark itself)
    const broken = modelJson("\uFEFF{ kaputt");
    expect(broken).toEqual(modelJson("{ kaputt"));
    expect(broken).toEqual({ problem: expect.stringContaining("(Fehler in Zeile 1, Spalte 3)") });
    expect(parseModel("\uFEFF{ kaputt").issues[0].message).toBe((broken as { problem: string }).problem);
  });

  test("jsonPath formats paths as written in the file", () => {
    expect(jsonPath(["indicators", 3, "direction"])).toBe("indicators[3].direction");
    expect(jsonPath([])).toBe("(oberste Ebene)");
  });

  test("property: never throws; model is null if and only if there is an error", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const { model, issues } = parseModel(json);
        return (
          (model === null) === issues.some((i) => i.level === "error") &&
          (model !== null || issues.length > 0)
        );
      }),
    );
  });
});

describe("serializeModel: stable pretty JSON, round trip", () => {
  test("key order does not depend on the input order; 2 spaces; trailing newline", () => {
    const reversed = Object.fromEntries(Object.entries(clone(SPEC_EXAMPLE)).reverse());
    const a = serializeModel(parseModel(SPEC_EXAMPLE).model!);
    const b = serializeModel(parseModel(reversed).model!);
    expect(a).toBe(b);
    expect(a.startsWith('{\n  "data": {\n    "sheet": "Kitas",\n    "id": "Einrichtung",')).toBe(true);
    expect(a.endsWith("}\n")).toBe(true);
  });

  test("extra keys come after the known ones, alphabetically", () => {
    const text = serializeModel({ ...parseModel(SPEC_EXAMPLE).model!, zz: 1, aa: 2 } as Model);
    expect(text.indexOf('"ruleSet"')).toBeLessThan(text.indexOf('"aa"'));
    expect(text.indexOf('"aa"')).toBeLessThan(text.indexOf('"zz"'));
  });

  test("a non-finite number is a caller bug", () => {
    const model = parseModel(SPEC_EXAMPLE).model!;
    expect(() => serializeModel({ ...model, budget: { total: NaN } })).toThrow(SrbUsageError);
  });

  const categoryName = fc.constantFrom(
    "Allgemeiner Bedarf",
    "Soziale Lage",
    "Flucht und Migration",
    "Infrastruktur und Netzwerke",
  );
  const indicator = fc.record(
    {
      column: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== ""),
      category: categoryName,
      direction: fc.constantFrom(1, -1),
      weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
      allowNegative: fc.boolean(),
    },
    { requiredKeys: ["column", "category", "direction"] },
  );
  const modelFile = fc.record({
    data: fc.record({
      sheet: fc.constantFrom("Kitas", "Daten 2024"),
      id: fc.constant("Einrichtung"),
      area: fc.constant("Sozialraum"),
    }),
    indicators: fc.uniqueArray(indicator, {
      minLength: 1,
      maxLength: 6,
      selector: (i) => i.column.toLowerCase().replace(/\s+/g, " "),
    }),
    options: fc.record(
      {
        normalisation: fc.constantFrom("minmax", "tscore"),
        sd: fc.constantFrom("sample", "population"),
        areaMethod: fc.constantFrom("mean-of-units", "sum-of-units", "aggregate"),
        coverage: fc.record({
          unit: fc.double({ min: 0, max: 1, noNaN: true }),
          indicator: fc.double({ min: 0, max: 1, noNaN: true }),
          level: fc.constantFrom("warning", "error"),
        }),
      },
      { requiredKeys: [] },
    ),
    budget: fc.record({ total: fc.integer({ min: 0, max: 10_000_000 }) }),
    notiz: fc.string(),
  });

  test("property: parse → serialize → parse gives the same model, and serialize is idempotent", () => {
    fc.assert(
      fc.property(modelFile, (file) => {
        const first = parseModel(file);
        if (first.model === null) return false;
        const text = serializeModel(first.model);
        const second = parseModel(JSON.parse(text));
        expect(second.model).toEqual(first.model);
        return serializeModel(second.model!) === text;
      }),
    );
  });
});

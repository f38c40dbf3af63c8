import { modelFieldName } from "../../src/engine/modelFieldName";
import { parseModel } from "../../src/engine/modelFile";
import { resolveModel } from "../../src/engine/resolveModel";

test("model fields are named in German words, never as JSON paths", () => {
  expect(modelFieldName("data.area")).toBe("Spalte für Sozialraum");
  expect(modelFieldName("data.headerRow")).toBe("Kopfzeile (Zeilennummer)");
  expect(modelFieldName("data.range")).toBe("Datenbereich");
  expect(modelFieldName("indicators[0].direction", "SGB II")).toBe("Indikator „SGB II“, Richtung");
  expect(modelFieldName("indicators[2].weight")).toBe("Indikator 3, Gewicht");
  expect(modelFieldName("indicators[0].goalposts.min", "x")).toBe("Indikator „x“, fester Grenzwert Minimum");
  expect(modelFieldName("categories[1]", "Soziale Lage")).toBe("Kategorie „Soziale Lage“");
  expect(modelFieldName("options.coverage.unit")).toBe("Option „Datenabdeckung je Einrichtung“");
  expect(modelFieldName("budget.kofinanzierung.landShare")).toBe("Kofinanzierung, Landesanteil");
  expect(modelFieldName("bremen.rows[1].vzae")).toBe("Bremer Regeltabelle, Zeile 2, VZÄ");
  expect(modelFieldName("(oberste Ebene)")).toBe("Modelldatei");
  expect(modelFieldName("budget")).toBe("Budget");
  expect(modelFieldName("etwas.neues")).toBe("Angabe „etwas“ › „neues“");
});

/** A JSON path in a message: `data.area`, `indicators[0].direction`, `budget.total` … */
const JSON_PATH = /\b(data|indicators|categories|options|budget|rules|bremen)(\[\d+\]|\.[A-Za-z]+)/;

test("no message of the model file or the model check shows a JSON path", () => {
  const broken: unknown[] = [
    { data: { id: "Einrichtung" }, indicators: [], budget: { total: 1 } },
    {
      data: { id: "E", area: "S", headerRow: 0 },
      indicators: [{ column: "x", category: "y", direction: 2 }],
      budget: { total: -1 },
    },
    {
      data: { id: "E", area: "S" },
      indicators: [{ column: "x", category: "unbekannt", direction: 1, weight: 0 }],
      categories: [
        { name: "leer", weight: 1 },
        { name: "leer", weight: 1 },
      ],
      options: { coverage: { unit: 2, indicator: 0.5 }, sockel: { fraction: 3 } },
      budget: { total: 1e20 },
    },
    {
      data: { id: " ", area: "" },
      indicators: [{ column: "x", category: "y", direction: 1 }],
      budget: { total: 1 },
    },
  ];
  for (const json of broken) {
    const messages = [...parseModel(json).issues, ...resolveModel(json).issues].map((i) => i.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).not.toMatch(JSON_PATH);
  }
});

test("a missing Sozialraum column says what to do", () => {
  const issues = parseModel({
    data: { id: "Einrichtung", area: " " },
    indicators: [{ column: "x", category: "y", direction: 1 }],
    budget: { total: 1 },
  }).issues;
  expect(issues.map((i) => [i.code, i.message])).toEqual([
    [
      "model-mapping-missing",
      "Die Spalte für Sozialraum ist nicht gewählt – bitte im Schritt Daten auswählen, welche Spalte Sozialraum enthält (in einer Modelldatei: ihre Überschrift eintragen).",
    ],
  ]);
});

test("a JSON syntax error is placed by line and column in German, never JSON.parse's English", () => {
  const message = (text: string) => parseModel(text).issues[0].message;
  expect(message('{\n  "data": }')).toBe(
    "Die Modelldatei ist kein gültiges JSON (unerwartetes Zeichen „}“ in Zeile 2, Spalte 11) – erwartet wird eine *.srb.json-Datei wie in der Dokumentation.",
  );
  expect(message('{\n  "data": 1,\n  x')).toContain("(Fehler in Zeile 3, Spalte 3)");
  expect(message('{ "data": {')).toContain("(die Datei endet vorzeitig)");
  expect(message("{ x")).not.toMatch(/Expected|Unexpected|position/);
});

import fc from "fast-check";
import { checkModel } from "../../src/engine/check";
import { checkTable } from "../helpers/resolved";
import { DEFAULT_OPTIONS } from "../../src/engine/model";
import { guessCategory, guessDirection, suggestModel } from "../../src/engine/suggestModel";
import type { CellValue, RawTable } from "../../src/engine/table";

/** Headers as in the Bad Kreuznach Kita survey (seeds/002), shortened as a Jugendamt would type them. */
const BAD_KREUZNACH: RawTable = {
  sheet: "Kitas",
  headers: [
    "Kita",
    "Sozialraum",
    "Anzahl Kinder",
    "Anteil SGB II",
    "Anteil Alleinerziehende",
    "Anteil_nicht_Deutsch",
    "Anzahl Sprachen in der Kita",
    "Anteil Fluchthintergrund",
    "Wie gut ist das ÖPNV-Netz?",
    "Zugang zu Hilfsangeboten",
    "Benachteiligung durch unzureichende Infrastruktur",
    "Qualifikationsbedarf",
    "Bemerkung",
  ],
  rows: [
    ["Kita Sonnenschein", "Nord", 62, 0.31, 0.12, 0.45, 9, 0.08, 2, 3, 0.2, 3.5, "neu"],
    ["Kita Regenbogen", "Nord", 85, 0.12, 0.08, 0.22, 5, 0.02, 4, 4, 0.1, 2.5, null],
    ["Ev. Kita Am Park", "Süd", 40, 0.22, 0.15, 0.3, 7, 0.05, 3, 2, 0.35, 4, null],
    ["Kita Weinberg", "Süd", 110, 0.05, 0.04, 0.1, 3, 0, 5, 5, 0.05, 1.5, "Umbau"],
  ],
};

describe("suggestModel on realistic headers", () => {
  test("Bad Kreuznach survey: id, Sozialraum, Kinder, categories and directions", () => {
    const model = suggestModel(BAD_KREUZNACH);
    expect(model.data).toEqual({ sheet: "Kitas", id: "Kita", area: "Sozialraum", children: "Anzahl Kinder" });
    expect(model.indicators.map((i) => [i.column, i.category, i.direction])).toEqual([
      ["Anteil SGB II", "Soziale Lage", 1],
      ["Anteil Alleinerziehende", "Soziale Lage", 1],
      ["Anteil_nicht_Deutsch", "Flucht und Migration", 1],
      // "Kita" in the header does not make a numeric column the id column
      ["Anzahl Sprachen in der Kita", "Flucht und Migration", 1],
      ["Anteil Fluchthintergrund", "Flucht und Migration", 1],
      ["Wie gut ist das ÖPNV-Netz?", "Infrastruktur und Netzwerke", -1],
      ["Zugang zu Hilfsangeboten", "Infrastruktur und Netzwerke", -1],
      ["Benachteiligung durch unzureichende Infrastruktur", "Infrastruktur und Netzwerke", 1],
      ["Qualifikationsbedarf", "Allgemeiner Bedarf", 1],
    ]);
    expect(model.indicators.every((i) => i.weight === 1)).toBe(true);
    // categories in the Bad Kreuznach catalogue order, only those in use
    expect(model.categories.map((c) => c.name)).toEqual([
      "Allgemeiner Bedarf",
      "Soziale Lage",
      "Flucht und Migration",
      "Infrastruktur und Netzwerke",
    ]);
    expect(model.budget).toEqual({ total: 0 });
    expect(model.options).toEqual(DEFAULT_OPTIONS);
  });

  test("the suggestion passes the check on the sheet it came from", () => {
    const model = suggestModel(BAD_KREUZNACH);
    expect(checkModel(model)).toEqual([]);
    const { dataset, issues } = checkTable(model, BAD_KREUZNACH);
    expect(issues).toEqual([]);
    expect(dataset!.units.map((u) => u.id)).toEqual([
      "Kita Sonnenschein",
      "Kita Regenbogen",
      "Ev. Kita Am Park",
      "Kita Weinberg",
    ]);
  });

  test("Bremen-style sheet: running number, Stadtteil, Plätze, Bremen and strand columns", () => {
    const table: RawTable = {
      sheet: "Daten",
      headers: [
        "Nr.",
        "Einrichtung",
        "Stadtteil",
        "Plätze",
        "Kita-Index",
        "Verbund",
        "Neu gefördert",
        "KNZ",
        "Zusatzpersonal",
        "Begründung Zusatzpersonal",
        "Quote Bürgergeld",
        "Arbeitslosenquote",
        "PLZ",
      ],
      rows: [
        [1, "Kita Hafen", "Gröpelingen", 95, 71.2, "V1", "x", true, 0, "", 0.41, 0.18, 28237],
        [2, "Kita Deich", "Huchting", 38, 58.4, "V1", null, false, 1, "Inklusion", 0.33, 0.14, 28259],
      ],
    };
    const model = suggestModel(table);
    expect(model.data).toEqual({
      sheet: "Daten",
      id: "Einrichtung",
      area: "Stadtteil",
      children: "Plätze",
      strand2: "KNZ",
      strand4: "Zusatzpersonal",
      strand4Reason: "Begründung Zusatzpersonal",
      verbund: "Verbund",
      firstYear: "Neu gefördert",
      kitaIndex: "Kita-Index",
    });
    expect(model.indicators.map((i) => [i.column, i.category])).toEqual([
      ["Quote Bürgergeld", "Soziale Lage"],
      ["Arbeitslosenquote", "Soziale Lage"],
    ]);
    expect(checkModel(model)).toEqual([]);
  });

  test("id falls back to the first text column; Bezirk as a numbered Sozialraum; Kinder gesamt", () => {
    const table: RawTable = {
      sheet: "Tabelle1",
      headers: ["Träger", "Bezirk", "Kinder gesamt", "Anteil Migrationshintergrund"],
      rows: [
        ["AWO Kita 1", 1, 40, 0.5],
        ["Caritas Kita 2", 2, 60, 0.3],
      ],
    };
    const model = suggestModel(table);
    expect(model.data).toMatchObject({ id: "Träger", area: "Bezirk", children: "Kinder gesamt" });
    expect(model.indicators.map((i) => i.column)).toEqual(["Anteil Migrationshintergrund"]);
  });

  test("an indicator column with a few bad cells is still proposed (the check then names them)", () => {
    const table: RawTable = {
      sheet: "Kitas",
      headers: ["Name", "Sozialraum", "Anteil SGB II"],
      rows: [
        ["A", "Nord", 0.1],
        ["B", "Nord", "k.A."],
        ["C", "Süd", 0.3],
      ],
    };
    const model = suggestModel(table);
    expect(model.indicators.map((i) => i.column)).toEqual(["Anteil SGB II"]);
    expect(checkTable(model, table).issues.map((i) => [i.code, i.cell])).toEqual([
      ["text-in-number", "C3"],
      ["category-empty", "C3"], // the only indicator of „Soziale Lage“ has no value for B
    ]);
  });

  test("an empty sheet gives a model that checkModel rejects, without throwing", () => {
    const model = suggestModel({ sheet: "Leer", headers: [], rows: [] });
    expect(model.indicators).toEqual([]);
    expect(checkModel(model).map((i) => i.code)).toEqual([
      "model-mapping-missing",
      "model-mapping-missing",
      "model-no-indicators",
    ]);
  });
});

describe("guessCategory and guessDirection", () => {
  test.each([
    ["Anteil_nicht_Deutsch", "Flucht und Migration"],
    ["Kinder mit Fluchthintergrund", "Flucht und Migration"],
    ["Sprachförderbedarf (Sprache)", "Flucht und Migration"],
    ["SGB II-Quote u7", "Soziale Lage"],
    ["Arbeitslose je 100 EW", "Soziale Lage"],
    ["Benachteiligung durch Einkommensarmut, Wohnverhältnisse, Sprache", "Soziale Lage"],
    ["Netzwerkpartner", "Infrastruktur und Netzwerke"],
    ["Angebote im Quartier", "Infrastruktur und Netzwerke"],
    ["Beratungsbedarf der Familien", "Allgemeiner Bedarf"],
  ])("%s → %s", (header, category) => {
    expect(guessCategory(header)).toBe(category);
  });

  test.each([
    ["Wie gut schätzen Sie das ÖPNV-Netzwerk ein?", -1],
    ["Zugang zu Unterstützungsangeboten", -1],
    ["Anbindung an den Nahverkehr", -1],
    ["Benachteiligung durch unzureichende Infrastruktur", 1],
    ["Bedarf an Angeboten", 1],
    ["Anteil SGB II", 1],
  ] as const)("%s → %p", (header, direction) => {
    expect(guessDirection(header)).toBe(direction);
  });
});

describe("suggestModel: invariants", () => {
  const header = fc.oneof(
    fc.constantFrom<CellValue>(
      "Kita",
      "Einrichtung",
      "Sozialraum",
      "Kinder",
      "Plätze",
      "Anteil SGB II",
      "ÖPNV",
      "Nr.",
      "Kita",
      null,
      "",
    ),
    fc.string({ maxLength: 10 }),
  );
  const cell = fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.string({ maxLength: 5 }),
    fc.constant<CellValue>(null),
  );

  test("property: never throws; every mapped column is a header; no column in two roles", () => {
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 8 }),
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 }),
        (headers, rows) => {
          const table: RawTable = { sheet: "S", headers, rows };
          const model = suggestModel(table);
          const texts = new Set(
            headers
              .filter((h): h is string => typeof h === "string")
              .map((h) => h.trim().replace(/\s+/g, " ")),
          );
          const mapped = [
            ...Object.entries(model.data)
              .filter(([k, v]) => k !== "sheet" && v !== "")
              .map(([, v]) => v as string),
            ...model.indicators.map((i) => i.column),
          ];
          const twice = checkModel(model).filter(
            (i) => i.code === "model-column-twice" || i.code === "model-indicator-duplicate",
          );
          return mapped.every((m) => texts.has(m)) && twice.length === 0;
        },
      ),
    );
  });
});

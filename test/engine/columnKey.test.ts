import fc from "fast-check";
import { columnKey, headerKey, headerLabel } from "../../src/engine/headerKey";
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { suggestModel } from "../../src/engine/suggestModel";
import type { RawTable } from "../../src/engine/table";
import { checkTable } from "../helpers/resolved";

/** Headers as a Kreisverwaltung writes them over two lines (Alt+Enter), with a title row above. */
const MULTILINE: RawTable = {
  sheet: "Kita-Daten 2025",
  headerRow: 3,
  headers: [
    "Lfd.\nNr.",
    "Name der\nEinrichtung",
    "Sozial-\nraum",
    "Anzahl\nKinder",
    "SGB-II-\nQuote (%)",
    "Sprachförder-\nbedarf (%)",
  ],
  rows: [
    [1, "Kita St. Martin", "Innenstadt", 76, 42.9, 51.1],
    [2, "Kita Pusteblume", "Nord", 81, 28.3, 14.3],
    [3, "Kita Arche", "Nord", 60, 35.1, 22.0],
    [4, "Kita Sonnenschein", "Innenstadt", 55, 12.4, 30.5],
  ],
};

describe("columnKey: headers written over two lines are the column the model names", () => {
  test("worked examples: a divided word is closed up, a hyphen of the word stays", () => {
    expect(columnKey("Sozial-\nraum")).toBe("sozialraum");
    expect(columnKey("Sozial- raum")).toBe("sozialraum"); // as a line break reads when copied
    expect(columnKey("Sprachförder-\nbedarf (%)")).toBe("sprachförderbedarf (%)");
    expect(columnKey("SGB-II-\nQuote (%)")).toBe("sgb-ii-quote (%)");
    expect(columnKey("SGB-II- Quote (%)")).toBe(columnKey("SGB-II-Quote (%)"));
    expect(columnKey("Kinder 3-\nbis 6-jährig")).toBe("kinder 3-bis 6-jährig");
    expect(columnKey("Name der\nEinrichtung")).toBe("name der einrichtung");
    expect(columnKey("  Anzahl   Kinder ")).toBe(headerKey("  Anzahl   Kinder "));
  });

  test("property: a line break reads as a space; text without a hyphen at a break keys as headerKey", () => {
    const piece = fc.constantFrom("Sozial", "raum", "SGB", "II", "Quote", "-", " ", "\n", "(%)", "ä", "3");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join("");
        expect(columnKey(text)).toBe(columnKey(text.replace(/\n/g, " ")));
        if (!/-\s/.test(text)) expect(columnKey(text)).toBe(headerKey(text));
      }),
    );
  });

  test("headerLabel: the header in one line, as SRB shows it and suggests it", () => {
    expect(headerLabel(" Name der\nEinrichtung ")).toBe("Name der Einrichtung");
    expect(headerLabel("Sozial-\nraum")).toBe("Sozialraum");
    expect(headerLabel("SGB-II-\nQuote (%)")).toBe("SGB-II-Quote (%)");
    expect(headerLabel("Ein- und\nAusgänge")).toBe("Ein- und Ausgänge"); // a hyphen before a space stays
    expect(columnKey(headerLabel("Sozial-\nraum"))).toBe(columnKey("Sozial-\nraum"));
  });

  test("suggestModel finds Einrichtung, Sozialraum and Kinder in headers over two lines", () => {
    const model = suggestModel(MULTILINE);
    expect(model.data).toMatchObject({
      id: "Name der Einrichtung",
      area: "Sozialraum",
      children: "Anzahl Kinder",
    });
    expect(model.indicators.map((i) => i.column)).toEqual(["SGB-II-Quote (%)", "Sprachförderbedarf (%)"]);
  });

  test("the check finds the model's columns however the model writes them", () => {
    const model: Model = {
      data: {
        sheet: "Kita-Daten 2025",
        id: "Name der Einrichtung",
        area: "Sozialraum",
        children: "Anzahl Kinder",
      },
      indicators: [
        { column: "SGB-II-Quote (%)", category: "Soziale Lage", direction: 1, weight: 1 },
        { column: "Sprachförderbedarf (%)", category: "Soziale Lage", direction: 1, weight: 1 },
      ],
      categories: [{ name: "Soziale Lage", weight: 1 }],
      options: { ...DEFAULT_OPTIONS },
      budget: { total: 10000 },
      ruleSet: "rlp",
    };
    const { dataset, issues } = checkTable(model, MULTILINE);
    expect(issues.filter((i) => i.level === "error")).toEqual([]);
    expect(dataset?.units.map((u) => u.area)).toEqual(["Innenstadt", "Nord", "Nord", "Innenstadt"]);
  });
});

/**
 * The Methode sheet's history of Beschlüsse and the carry-forward note (SPEC §5a, §7).
 */
import { adoptionSection, carriedForwardNote, withRowsBelow } from "../../src/workbook/fortschreibungNotes";
import { adoptedSample } from "../engine/twoYearFixture";
import { COUNT_FORMAT } from "../../src/workbook/numberFormats";

const first = { ...adoptedSample(), date: "2021-03-10", checksum: "a".repeat(64) };
const second = adoptedSample();

describe("Beschlüsse on the Methode sheet", () => {
  test("one row per adoption, oldest first, the latest marked as the reference; what this run did", () => {
    const rows = adoptionSection({
      adoptions: [first, second],
      reference: second,
      adoptedNow: false,
      carriedForward: true,
      goalpostsFromAdoption: ["Anteil_SGB_II", "Anteil_U3"],
      comparedWith: "Beschluss vom 15.03.2022",
    }).map((r) => r.map((c) => c.value));
    expect(rows).toEqual([
      ["Beschlüsse (Fortschreibung)"],
      ["Datum", "Budget", "Sozialräume", "Einrichtungen", "Prüfsumme der Eingabewerte", "Referenz"],
      // the checksum in groups of 16, wrapped in its column: never cut by the Referenz beside it
      ["10.03.2021", 1002240, 8, 32, Array(4).fill("a".repeat(16)).join(" "), ""],
      ["15.03.2022", 1002240, 8, 32, Array(4).fill("0".repeat(16)).join(" "), "ja (Vergleichsbasis)"],
      [
        "Fortschreibung: Anteile und Förderfähigkeit aus dem Beschluss vom 15.03.2022; der Index wurde nicht neu berechnet, nur das Budget neu verteilt.",
      ],
      [
        "Feste Grenzwerte (Min/Max) aus dem Beschluss vom 15.03.2022 für 2 Indikatoren: Anteil_SGB_II, Anteil_U3.",
      ],
      ["Verglichen mit: Beschluss vom 15.03.2022 (Blatt „Veränderungen“)."],
    ]);
  });

  test("the checksum cell wraps (its row grows to show all four groups)", () => {
    const [, , row] = adoptionSection({
      adoptions: [first],
      reference: first,
      adoptedNow: false,
      carriedForward: false,
      goalpostsFromAdoption: [],
      comparedWith: null,
    });
    expect(row[4]).toEqual({
      value: "aaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaa",
      wrap: true,
    });
    // the counts of Sozialräume and Einrichtungen as every count: with a thousands separator
    expect([row[2].numFmt, row[3].numFmt]).toEqual([COUNT_FORMAT, COUNT_FORMAT]);
  });

  test("no adoption yet: says so; adopted now: says so", () => {
    const none = {
      adoptions: [],
      reference: null,
      adoptedNow: false,
      carriedForward: false,
      goalpostsFromAdoption: [],
      comparedWith: null,
    };
    expect(adoptionSection(none).map((r) => r[0].value)).toEqual([
      "Beschlüsse (Fortschreibung)",
      "Noch keine Verteilung als Beschluss festgehalten.",
    ]);
    const now = { ...none, adoptions: [second], reference: second, adoptedNow: true };
    expect(adoptionSection(now).at(-1)?.[0].value).toBe(
      "Diese Verteilung wurde am 15.03.2022 als Beschluss festgehalten.",
    );
    expect(carriedForwardNote(now)).toBeNull();
    expect(carriedForwardNote({ ...now, carriedForward: true })).toBe(
      "Fortschreibung: die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet.",
    );
  });

  test("rows are appended below the content after a blank row; nothing above moves", () => {
    const spec = { name: "Methode", rows: [[{ value: "a" }], [{ value: 1, formula: "1" }]] };
    const out = withRowsBelow(spec, [[{ value: "Hinweis" }]]);
    expect(out.rows).toEqual([...spec.rows, [], [{ value: "Hinweis" }]]);
    expect(withRowsBelow(spec, [])).toBe(spec);
  });
});

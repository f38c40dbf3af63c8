/**
 * A Fortschreibung says which Kitas it cannot see (SPEC §5a): Kitas on the data sheet the Beschluss does
 * not have, and adopted Kitas no longer on the sheet (a new user's two-year pass found a closed Kita still
 * getting 41.100 € and a new one nothing, without a word).
 */
import { carriedRosterIssues } from "../../src/engine/carriedRoster";
import type { CellValue, RawTable } from "../../src/engine/table";

const adoption = {
  date: "2027-03-15",
  units: ["Kita Arche", "Kita Biene", "Kita Zwerge", "Kita Linde"].map((id) => ({ id, area: "Nord" })),
} as unknown as Parameters<typeof carriedRosterIssues>[0];

const table = (ids: CellValue[]): RawTable => ({
  sheet: "Kitas",
  headers: ["Lfd. Nr.", "Einrichtung", "Sozialraum"],
  rows: ids.map((id, i) => [i + 1, id, "Nord"]),
  headerRow: 5,
});

test("worked example: one new Kita at its cell, two gone in one warning; case and spaces do not count", () => {
  const issues = carriedRosterIssues(
    adoption,
    table(["Kita Arche", "kita  BIENE", "Kita Neubau", null]),
    "Einrichtung",
  );
  expect(issues).toEqual([
    {
      level: "warning",
      code: "carry-forward-unit-new",
      sheet: "Kitas",
      cell: "B8",
      message:
        "Zelle B8: „Kita Neubau“ steht im Datenblatt, fehlt aber in dem Beschluss vom 15.03.2027. Die Fortschreibung verteilt nur an die beschlossenen Kitas und gibt ihr nichts; für eine neue Kita bitte neu berechnen (ohne Fortschreibung).",
    },
    {
      level: "warning",
      code: "carry-forward-unit-gone",
      sheet: "Kitas",
      cell: "",
      message:
        "2 Kitas aus dem Beschluss vom 15.03.2027 stehen nicht mehr im Datenblatt „Kitas“: „Kita Zwerge“, „Kita Linde“. Die Fortschreibung gibt ihnen weiter den beschlossenen Betrag; ist eine geschlossen, bitte neu berechnen (ohne Fortschreibung).",
    },
  ]);
});

test("the same Kitas in another order and spelling: nothing to say", () => {
  expect(
    carriedRosterIssues(
      adoption,
      table(["Kita Linde", " Kita Zwerge ", "KITA ARCHE", "Kita Biene"]),
      "Einrichtung",
    ),
  ).toEqual([]);
});

test("no column named as the model's Einrichtung: nothing to compare with, nothing said", () => {
  expect(carriedRosterIssues(adoption, table(["Kita Neubau"]), "Name der Kita")).toEqual([]);
});

test("many Kitas gone: ten are named, the rest counted", () => {
  const many = {
    ...adoption,
    units: Array.from({ length: 13 }, (_, i) => ({ id: `Kita ${i + 1}`, area: "Nord" })),
  } as unknown as Parameters<typeof carriedRosterIssues>[0];
  const [gone] = carriedRosterIssues(many, table([]), "Einrichtung");
  expect(gone.message).toContain("13 Kitas aus dem Beschluss vom 15.03.2027");
  expect(gone.message).toContain("„Kita 10“ und 3 weitere.");
  expect(gone.message).not.toContain("„Kita 11“");
});

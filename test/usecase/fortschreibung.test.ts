/**
 * The Fortschreibung steps of a run (SPEC §5a) on the two-year fixture: plan, outcome, sheets.
 */
import { NEXT_YEAR_EXPECTED } from "../../scripts/make-next-year";
import { carriedAllocation } from "../../src/engine/carryForward";
import {
  basisOfAdoption,
  fortschreibungOutcome,
  fortschreibungSheets,
  planFortschreibung,
  storedAdoptions,
} from "../../src/usecase/fortschreibung";
import { previewWithAdoptions } from "../../src/usecase/generate";
import type { SheetSpec } from "../../src/workbook/port";
import { HEADERS, sampleModel, sampleRows } from "../../scripts/make-sample";
import { sampleTable, twoYears } from "../engine/twoYearFixture";

const { adoption, nextYear } = twoYears();
const raw = [JSON.parse(JSON.stringify(adoption)) as unknown];
const SHEETS: SheetSpec[] = ["Verteilung", "Einrichtungen", "Normbereiche", "Prüfbericht", "Methode"].map(
  (name) => ({
    name,
    rows: [[{ value: name }]],
  }),
);
const meta = { checksum: "1".repeat(64), goalposts: {}, filled: [], carriedForward: false };

describe("storedAdoptions", () => {
  test("readable ones are used, an unusable one is a warning and kept as stored", () => {
    const stored = storedAdoptions([...raw, { date: "gestern" }], 1);
    expect(stored.adoptions).toHaveLength(1);
    expect(stored.raw).toHaveLength(2);
    expect(stored.issues.map((i) => [i.level, i.code, i.message])).toEqual([
      [
        "warning",
        "adoption-unreadable",
        "Ein gespeicherter Beschluss (Nr. 2) wird nicht verwendet: Der gespeicherte Beschluss hat kein gültiges Datum (gefunden: „gestern“, erwartet: JJJJ-MM-TT).",
      ],
      [
        "warning",
        "adoption-unreadable",
        "1 gespeicherter Beschluss ist beschädigt (im verborgenen Blatt „_SRB“) und wird nicht verwendet.",
      ],
    ]);
  });
});

describe("planFortschreibung", () => {
  test("the latest stored adoption is the reference and the comparison basis", () => {
    const plan = planFortschreibung(storedAdoptions(raw), {});
    expect(plan.reference?.date).toBe("2022-03-15");
    expect(plan.compare?.label).toBe("Beschluss vom 15.03.2022");
    expect(plan.issues).toEqual([]);
  });

  test("--compare wins over the stored one; carry forward without any adoption is an error", () => {
    const other = basisOfAdoption({ ...adoption, date: "2020-01-31" }, "Kitas 2020.xlsx");
    expect(planFortschreibung(storedAdoptions(raw), { compareWith: other }).compare?.label).toBe(
      "Arbeitsmappe „Kitas 2020.xlsx“ (Beschluss vom 31.01.2020)",
    );
    const none = planFortschreibung(storedAdoptions([]), { carryForward: true });
    expect(none.issues.map((i) => [i.level, i.code])).toEqual([["error", "carry-forward-without-adoption"]]);
    expect(none.compare).toBeNull();
  });
});

describe("fortschreibungOutcome and sheets", () => {
  test("next year against the stored adoption: changes, summary, Veränderungen before Prüfbericht, Methode section", () => {
    const plan = planFortschreibung(storedAdoptions(raw), {});
    const outcome = fortschreibungOutcome(plan, nextYear, meta);
    expect(outcome.summary).toBe(NEXT_YEAR_EXPECTED.summary);
    expect(outcome.adoptionsToStore).toBeNull();
    const sheets = fortschreibungSheets(SHEETS, outcome, (id) => id);
    expect(sheets.map((s) => s.name)).toEqual([
      "Verteilung",
      "Einrichtungen",
      "Normbereiche",
      "Veränderungen",
      "Prüfbericht",
      "Methode",
    ]);
    const methode = sheets.at(-1)!.rows.map((r) => r[0]?.value);
    expect(methode).toContain("Beschlüsse (Fortschreibung)");
    expect(methode).toContain("Verglichen mit: Beschluss vom 15.03.2022 (Blatt „Veränderungen“).");
  });

  test("adopting appends to what is stored; the new one is the reference", () => {
    const plan = planFortschreibung(storedAdoptions(raw), { adopt: { date: "2023-03-14" } });
    const outcome = fortschreibungOutcome(plan, nextYear, meta);
    expect(outcome.adoptionsToStore).toHaveLength(2);
    expect(outcome.adoption?.date).toBe("2023-03-14");
    expect(outcome.context.reference?.date).toBe("2023-03-14");
    expect(outcome.context.adoptedNow).toBe(true);
  });

  test("carried forward: the note on Verteilung and Einrichtungen; no Kita changes strand", () => {
    const plan = planFortschreibung(storedAdoptions(raw), { carryForward: true });
    const carried = carriedAllocation(plan.reference!, 1027296);
    const outcome = fortschreibungOutcome(plan, carried, { ...meta, carriedForward: true });
    const sheets = fortschreibungSheets(SHEETS, outcome, (id) => id);
    const note =
      "Fortschreibung: die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet.";
    expect(sheets[0].rows.at(-1)?.[0].value).toBe(note);
    expect(sheets[1].rows.at(-1)?.[0].value).toBe(note);
    expect(outcome.changes?.units.every((u) => u.entered.length + u.left.length === 0)).toBe(true);
  });

  test("no adoption and no comparison: the sheets stay as they are", () => {
    const plan = planFortschreibung(storedAdoptions([]), {});
    const outcome = fortschreibungOutcome(plan, nextYear, meta);
    expect(fortschreibungSheets(SHEETS, outcome, (id) => id)).toEqual(SHEETS);
  });
});

describe("carried forward on a data sheet whose Kitas changed", () => {
  test("a Kita closed and one opened since the Beschluss are said; the run still carries the shares", () => {
    const id = HEADERS.indexOf("Einrichtung");
    const rows = sampleRows();
    const closed = String(rows[3][id]);
    const opened = rows[0].map((v, c) => (c === id ? "Kita Neubau Am Hang" : v));
    const table = sampleTable([...rows.filter((_, r) => r !== 3), opened]);
    const preview = previewWithAdoptions(
      sampleModel(),
      table,
      { adoptions: raw, damaged: 0 },
      { carryForward: true },
    );
    expect(preview.allocation).not.toBeNull();
    expect(preview.fortschreibung?.carriedForward).toBe(true);
    const said = preview.issues.filter((i) => i.code.startsWith("carry-forward-unit"));
    expect(said.map((i) => [i.level, i.code, i.cell])).toEqual([
      ["warning", "carry-forward-unit-new", `A${rows.length + 1}`],
      ["warning", "carry-forward-unit-gone", ""],
    ]);
    expect(said[1].message).toContain(`„${closed}“`);
  });
});

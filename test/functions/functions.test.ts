/**
 * Every SRB.* function with realistic 2-D inputs as Excel hands them over (blank = null on the web,
 * "" from =""), the worked examples derived by hand in the comments, and the error paths users hit.
 */
import fc from "fast-check";
import {
  additionalStaff,
  allocate,
  areaIndex,
  band,
  bremenFte,
  categoryIndex,
  cofunding,
  fte,
  indexation,
  intercultural,
  landFormulaFunction,
  neighbourhoodCentre,
  normBandFunction,
  share,
  socialWork,
  staffPlan,
  standardScore,
  totalIndex,
} from "../../src/functions/functions";
import { checkTable } from "../../src/engine/check";
import { eligibility, strand2Issues } from "../../src/engine/strands";
import type { CellValue } from "../../src/engine/table";
import { model } from "../engine/fixtures";
import { catchExcelError, installCustomFunctionsShim, ShimError } from "./customFunctionsShim";

beforeAll(() => installCustomFunctionsShim());

const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

describe("STANDARDSCORE", () => {
  test("min–max over a column with a blank: (x − 2) / (6 − 2) · 100", () => {
    // min 2, max 6: 2 → 0, 4 → 50, 6 → 100; the blank stays blank ("" not 0)
    expect(standardScore(column(2, 4, null, 6))).toEqual(column(0, 50, "", 100));
  });

  test("direction −1 reverses: (6 − x) / 4 · 100; a row spills as a row", () => {
    expect(standardScore([[2, 4, 6]], -1)).toEqual([[100, 50, 0]]);
    expect(standardScore(column(2, "", 6), "-1")).toEqual(column(100, "", 0));
  });

  test("T-score: 50 + 10·z with the sample sd", () => {
    // 2, 4, 6: mean 4, sample sd 2 → z = −1, 0, 1 → 40, 50, 60
    const result = standardScore(column(2, 4, 6), 1, "tscore") as number[][];
    expect(result.flat()).toEqual([40, 50, 60].map((v) => expect.closeTo(v, 12)));
  });

  test("bad cells are #VALUE! naming the row and value; a constant column is #DIV/0!", () => {
    const e = catchExcelError(() => standardScore(column(1, 2, 3, 4, "k.A.")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("Werte, Zeile 5: „k.A.“ ist keine Zahl (erwartet: Zahl oder leere Zelle).");
    expect(catchExcelError(() => standardScore(column(3, 3, null))).code).toBe("#DIV/0!");
    expect(catchExcelError(() => standardScore(column(null, ""))).code).toBe("#N/A");
    expect(catchExcelError(() => standardScore(column(1, 2), 2)).message).toMatch(
      /^Richtung: 2 ist nicht erlaubt/,
    );
    expect(catchExcelError(() => standardScore(column(1, 2), 1, "z")).code).toBe("#VALUE!");
  });

  test("property: scores lie in [0, 100] with the min at 0 and the max at 100", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2 }), (values) => {
        fc.pre(new Set(values).size > 1);
        const scores = (standardScore(column(...values)) as number[][]).flat();
        expect(Math.min(...scores)).toBe(0);
        expect(Math.max(...scores)).toBe(100);
      }),
    );
  });
});

describe("CATEGORYINDEX and TOTALINDEX", () => {
  test("row-wise mean skipping blanks", () => {
    // row 1: only 80 → 80; row 2: (20 + 40) / 2 = 30; row 3: nothing → ""
    expect(
      categoryIndex([
        [80, null],
        [20, 40],
        ["", ""],
      ]),
    ).toEqual(column(80, 30, ""));
  });

  test("weights renormalise over the present scores", () => {
    // weights 1 and 3: row 1 (20·1 + 40·3) / 4 = 35; row 2 only the first score → 80
    expect(
      categoryIndex(
        [
          [20, 40],
          [80, null],
        ],
        [[1, 3]],
      ),
    ).toEqual(column(35, 80));
  });

  test("bad weights: wrong count or negative", () => {
    expect(catchExcelError(() => categoryIndex([[1, 2]], [[1, 2, 3]])).message).toBe(
      "Gewichte: 3 Gewichte für 2 Spalten (erwartet: eines je Spalte).",
    );
    expect(catchExcelError(() => categoryIndex([[1, 2]], [[1, -2]])).message).toBe(
      "Gewichte, Spalte 2: -2 ist negativ (erwartet: Gewicht ≥ 0).",
    );
  });

  test("Gesamtindex: mean of category indices; a missing category gives no Gesamtindex", () => {
    // (30 + 90) / 2 = 60; the second unit lacks a category → ""
    expect(
      totalIndex([
        [30, 90],
        [50, null],
      ]),
    ).toEqual(column(60, ""));
    // weights 1 : 3 given as a column: (30·1 + 90·3) / 4 = 75
    expect(totalIndex([[30, 90]], column(1, 3))).toEqual(column(75));
  });

  test("text in the block names row and column", () => {
    expect(
      catchExcelError(() =>
        totalIndex([
          [30, 90],
          [50, "n.v."],
        ]),
      ).message,
    ).toMatch(/^Kategorie-Indizes, Zeile 2, Spalte 2: „n.v.“ ist keine Zahl/);
  });
});

describe("NORMBAND and BAND", () => {
  test("mean ± sample sd as one row of four", () => {
    // 10, 20, 30: mean 20, sample sd 10 → 10 … 30
    expect(normBandFunction(column(10, null, 20, 30))).toEqual([[20, 10, 10, 30]]);
  });

  test("population sd: √(200/3) = 8.16496580927726", () => {
    const [[m, sd]] = normBandFunction(column(10, 20, 30), "grundgesamtheit");
    expect(m).toBe(20);
    expect(sd).toBeCloseTo(8.16496580927726, 12);
  });

  test("band with inclusive bounds, spilled like the value", () => {
    const all = column(10, 20, 30);
    expect(band([[30]], all)).toEqual([["innerhalb"]]);
    expect(band([[30.1]], all)).toEqual([["oberhalb"]]);
    expect(band(column(9.9, 10, null), all)).toEqual(column("unterhalb", "innerhalb", ""));
  });

  test("no values: #N/A", () => {
    expect(catchExcelError(() => normBandFunction(column(null, ""))).message).toBe(
      "Werte: keine Zahl im Bereich.",
    );
  });
});

describe("SHARE", () => {
  // Published check (Bad Kreuznach 2021), sum 305.2
  const indices = column(53.0, 43.2, 39.8, 37.5, 36.6, 33.5, 31.0, 30.6);
  const published = [17.37, 14.15, 13.04, 12.29, 11.98, 10.98, 10.16, 10.03];

  test("=SRB.SHARE(B2; B$2:B$9) reproduces the published shares", () => {
    // 53 / 305.2 = 17.3657 % → 17.37 %; 36.6 / 305.2 = 11.9921 % → 11.99 % (published 11.98 % came from an
    // unrounded index, SPEC §4); every other figure matches to 0.01 percentage points
    const rounded = indices.map(
      (index) => Math.round((share([index], indices) as number[][])[0][0] * 10000) / 100,
    );
    expect(rounded).toEqual(published.map((p, i) => (i === 4 ? 11.99 : p)));
    expect((share([[53]], indices) as number[][])[0][0]).toBeCloseTo(53 / 305.2, 14);
  });

  test("spilled over the whole column, the shares add up to 1", () => {
    const all = (share(indices, indices) as number[][]).flat();
    expect(all.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test("errors: not in the list, negative, all zero", () => {
    expect(catchExcelError(() => share([[99]], indices)).message).toBe(
      "Index 99 kommt in „Alle Indizes“ nicht vor.",
    );
    expect(catchExcelError(() => share([[1]], column(1, -5))).message).toBe(
      "Alle Indizes, Zeile 2: -5 ist negativ (erwartet: Index ≥ 0).",
    );
    expect(catchExcelError(() => share([[0]], column(0, 0))).code).toBe("#DIV/0!");
    expect(share([[null]], indices)).toEqual([[""]]);
  });
});

describe("ALLOCATE", () => {
  test("cent-exact largest remainder: 100 € by 1 : 1 : 1 → 33.34, 33.33, 33.33", () => {
    expect(allocate(column(1, 1, 1), 100)).toEqual(column(33.34, 33.33, 33.33));
  });

  test("Bad Kreuznach: 1.002.240 € by the published indices adds up to the budget", () => {
    const amounts = allocate(column(53.0, 43.2, 39.8, 37.5, 36.6, 33.5, 31.0, 30.6), 1002240).flat();
    // 53 · 1.002.240 / 305,2 = 174.045,6094… → floor 174.045,60 €; 3 cents are missing after flooring and its
    // remainder 0,94 cent is the largest, so it gets one → 174.045,61 €
    expect(amounts[0]).toBe(174045.61);
    expect(Math.round(amounts.reduce((a, b) => a + b, 0) * 100)).toBe(100224000);
  });

  test("negative budget #NUM!, missing index #N/A, text budget #VALUE!", () => {
    expect(catchExcelError(() => allocate(column(1, 2), -5)).code).toBe("#NUM!");
    expect(catchExcelError(() => allocate(column(1, 2), 1e14)).code).toBe("#NUM!");
    expect(allocate(column(1, 1), 1e13).flat()).toEqual([5e12, 5e12]);
    expect(catchExcelError(() => allocate(column(1, null), 100)).message).toBe(
      "Indizes, Zeile 2: kein Index (jeder Sozialraum braucht einen Index).",
    );
    expect(catchExcelError(() => allocate(column(1, 2), "1.000 €")).code).toBe("#VALUE!");
    expect(catchExcelError(() => allocate(column(0, 0), 100)).code).toBe("#DIV/0!");
  });

  test("property: the amounts always add up to the budget, to the cent", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1e9 }),
        (weights, budgetCents) => {
          fc.pre(weights.some((w) => w > 0));
          const amounts = allocate(column(...weights.map((w) => w / 100)), budgetCents / 100).flat();
          expect(amounts.reduce((s, a) => s + Math.round(a * 100), 0)).toBe(budgetCents);
        },
      ),
    );
  });
});

describe("AREAINDEX", () => {
  const unitAreas = column("Nord", "Süd", "Nord", "Süd", "Nord");
  const unitIndices = column(40, 10, 70, 30, null);

  test("mean of the units' Gesamtindex per area, blanks skipped", () => {
    // Nord: (40 + 70) / 2 = 55 (the blank unit is skipped); Süd: (10 + 30) / 2 = 20; Ost has no unit → ""
    expect(areaIndex(column("Nord", "Süd", "Ost"), unitAreas, unitIndices)).toEqual(column(55, 20, ""));
  });

  test("sum of units: Nord 110, Süd 40", () => {
    expect(areaIndex([["Nord", "Süd"]], unitAreas, unitIndices, "summe")).toEqual([[110, 40]]);
  });

  test("different lengths are #VALUE!", () => {
    expect(catchExcelError(() => areaIndex(column("Nord"), column("Nord"), column(1, 2))).code).toBe(
      "#VALUE!",
    );
  });
});

describe("LANDFORMULA", () => {
  test("worked example: 0.4 · c/Σc + 0.6 · s/Σs of 100.000 €", () => {
    // c = 200, 300, 500 (Σ 1000), s = 50, 30, 20 (Σ 100):
    // 100.000 · (0.08 + 0.30) = 38.000; (0.12 + 0.18) = 30.000; (0.20 + 0.12) = 32.000
    expect(landFormulaFunction(column(200, 300, 500), column(50, 30, 20), 100000)).toEqual(
      column(38000, 30000, 32000),
    );
  });

  test("missing or negative counts, and different lengths", () => {
    expect(catchExcelError(() => landFormulaFunction(column(200, null), column(1, 2), 100)).message).toBe(
      "Kinder unter 7, Zeile 2: leer (erwartet: Anzahl ≥ 0).",
    );
    expect(catchExcelError(() => landFormulaFunction(column(200, -1), column(1, 2), 100)).code).toBe(
      "#VALUE!",
    );
    expect(catchExcelError(() => landFormulaFunction(column(1, 2), column(1), 100)).code).toBe("#VALUE!");
    expect(catchExcelError(() => landFormulaFunction(column(0, 0), column(1, 2), 100)).code).toBe("#VALUE!");
    expect(catchExcelError(() => landFormulaFunction(column(1, 2), column(1, 2), -1)).code).toBe("#NUM!");
  });
});

describe("INDEXATION (Dynamisierung), COFUNDING (Kofinanzierung), FTE (VZÄ)", () => {
  test("Bad Kreuznach: 977.794 € (2 · 488.897) in 2021 → 977.794 · 1,025 = 1.002.238,85 € in 2022", () => {
    expect(indexation(977794, 2021, 2022, null)).toBe(1002238.85);
    // 100.000 · 1,025² = 105.062,50; with 3 %: 100.000 · 1,03 = 103.000
    expect(indexation(100000, 2021, 2023)).toBe(105062.5);
    expect(indexation(100000, 2021, 2022, 0.03)).toBe(103000);
  });

  test("Dynamisierung errors: year before the base year, negative amount", () => {
    expect(catchExcelError(() => indexation(100, 2021, 2020)).message).toBe(
      "Dynamisierung: Jahr 2020 liegt vor dem Ausgangsjahr 2021: erwartet wird ein Jahr ≥ 2021.",
    );
    expect(catchExcelError(() => indexation(-100, 2021, 2022)).code).toBe("#NUM!");
  });

  test("Kofinanzierung: 1.002.240 / 0,6 = 1.670.400 personnel volume, 40 % = 668.160 municipal", () => {
    expect(cofunding(1002240)).toEqual([[1670400, 1002240, 668160]]);
    // Land share 0,5: 1.000 € → volume 2.000, municipal 1.000
    expect(cofunding(1000, 0.5)).toEqual([[2000, 1000, 1000]]);
    expect(catchExcelError(() => cofunding(1000, 0)).message).toMatch(/^Kofinanzierung: Landesanteil 0/);
  });

  test("VZÄ: 1.670.400 / 75.000 = 22,272 → 22,25 (step 0,25)", () => {
    expect(fte(1670400, 75000)).toBe(22.25);
    // 50.000 / 75.000 = 0,667 → 0,5 at step 0,5
    expect(fte(50000, 75000, 0.5)).toBe(0.5);
    expect(catchExcelError(() => fte(1000, 0)).message).toMatch(/^Personal: Kosten je VZÄ 0/);
    expect(catchExcelError(() => fte(-1, 75000)).code).toBe("#NUM!");
  });
});

describe("BREMENFTE (Bremer Regeln, VZÄ)", () => {
  test("worked example: Verbund Nord pools 25 + 30 children → 0,5 VZÄ at the larger Kita", () => {
    // Kita C alone: index 62,3 > 50, 85 children (40–120) → 0,5
    expect(bremenFte(column(60, 60, 62.3), column(25, 30, 85), column("Nord", "Nord", ""))).toEqual(
      column(0, 0.5, 0.5),
    );
    // without the Verbund nobody below 40 children is funded; above 120 → 1,0
    expect(bremenFte(column(60, 60, 51), column(25, 30, 130))).toEqual(column(0, 0, 1));
  });

  test("sizes must match", () => {
    expect(catchExcelError(() => bremenFte(column(60, 60), column(25))).code).toBe("#VALUE!");
  });
});

describe("SOCIALWORK (strand 1) and INTERCULTURAL (strand 3)", () => {
  // all: 10, 20, 30 → mean 20, sample sd 10, lower 10
  const all = column(10, 20, 30);

  test("strand 1: index ≥ lower bound (inclusive)", () => {
    expect(socialWork(column(10, 9.99, null), all)).toEqual(column(true, false, ""));
  });

  test("strand 3: above the mean; above the lower bound only with a written reason", () => {
    expect(
      intercultural(column(25, 15, 15, 10), all, column("", "Sprachförderbedarf", null, "Begründung")),
    ).toEqual(column(true, true, false, false));
    expect(intercultural([[20.5]], all)).toEqual([[true]]);
    expect(catchExcelError(() => intercultural(column(25, 15), all, column("x"))).code).toBe("#VALUE!");
  });

  test("strand 3 on desktop Excel: a blank reason cell arrives as 0 and is no written reason", () => {
    // 15 lies between the lower bound 10 and the mean 20: eligible only with a reason; 0 is none
    expect(intercultural(column(15, 15), all, column(0, "Sprachförderbedarf"))).toEqual(column(false, true));
  });
});

/**
 * The sheet the strand 2 and 4 examples read, as Excel hands it over (web: blank = null; "" from =""):
 *
 * | row | Einrichtung      | Sozialraum | KNZ (strand 2) | Zusatzpersonal (strand 4) | Begründung                         |
 * | 1   | Kita Sonnenblume | Nord       | x              | ja                        | Inklusion: zwei Kinder mit Assistenz |
 * | 2   | Kita Regenbogen  | Nord       | (blank)        | x                         | "   " (only spaces)                |
 * | 3   | Kita Am Bach     | Süd        | WAHR           | (blank)                   | Erweiterung um eine Gruppe          |
 * | 4   | Kita Lindenhof   | Süd        | 0              | 1                         | (blank)                             |
 * | 5   | Kita Pusteblume  | Mitte      | nein           | WAHR                      | Nachtbetreuung laut Betriebserlaubnis |
 * | 6   | (empty row)      | (blank)    | (blank)        | (blank)                   | (blank)                             |
 * | 7   | Kita Wiesenweg   | Ost        | JA             | FALSCH                    | Sprachförderung                     |
 */
const SHEET = {
  areas: column("Nord", "Nord", "Süd", "Süd", "Mitte", null, "Ost"),
  knz: column("x", null, true, 0, "nein", null, "JA"),
  zusatzpersonal: column("ja", "x", null, 1, true, "", false),
  begruendung: column(
    "Inklusion: zwei Kinder mit Assistenz",
    "   ",
    "Erweiterung um eine Gruppe",
    null,
    "Nachtbetreuung laut Betriebserlaubnis",
    null,
    "Sprachförderung",
  ),
};

describe("NEIGHBOURHOODCENTRE (strand 2)", () => {
  test("worked example: one flagged Kita per Sozialraum is TRUE, the rest FALSE, the empty row stays empty", () => {
    // Nord: row 1 flagged („x“) → WAHR, row 2 blank = nein → FALSCH; Süd: row 3 WAHR, row 4 0 = nein;
    // Mitte: row 5 „nein“ → FALSCH (no centre in Mitte is allowed: the rule is "at most one");
    // row 6 has neither flag nor Sozialraum → ""; Ost: row 7 „JA“ → WAHR
    expect(neighbourhoodCentre(SHEET.knz, SHEET.areas)).toEqual(
      column(true, false, true, false, false, "", true),
    );
  });

  test("a row of flags spills as a row", () => {
    expect(neighbourhoodCentre([["x", "", 1]], [["Nord", "Nord", "Süd"]])).toEqual([[true, false, true]]);
  });

  test("two flagged Kitas in one Sozialraum: #VALUE! naming the Sozialraum and the rows", () => {
    // rows 1 and 2 are both flagged in Nord; spellings differing only in case or spaces are one Sozialraum
    const e = catchExcelError(() =>
      neighbourhoodCentre(column("x", "ja", true, null), column("Nord", " nord ", "Süd", "Süd")),
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(
      "Sozialraum „Nord“: 2 Einrichtungen sind als Kommunikations- und Nachbarschaftszentrum markiert " +
        "(Zeile 1, Zeile 2); erwartet wird höchstens eine.",
    );
  });

  test("several Sozialräume with several flags are all named in one message", () => {
    const e = catchExcelError(() =>
      neighbourhoodCentre(column(1, 1, "x", "x", "x"), column("Nord", "Nord", "Süd", "Mitte", "Süd")),
    );
    expect(e.message).toBe(
      "Sozialraum „Nord“: 2 Einrichtungen sind als Kommunikations- und Nachbarschaftszentrum markiert " +
        "(Zeile 1, Zeile 2); erwartet wird höchstens eine. " +
        "Sozialraum „Süd“: 2 Einrichtungen sind als Kommunikations- und Nachbarschaftszentrum markiert " +
        "(Zeile 3, Zeile 5); erwartet wird höchstens eine.",
    );
  });

  test("bad values: a flag that is no Ja/Nein, a flagged Kita without Sozialraum, different sizes", () => {
    expect(
      catchExcelError(() => neighbourhoodCentre(column("x", "vielleicht"), column("Nord", "Süd"))).message,
    ).toBe(
      "Markierungen, Zeile 2: „vielleicht“ ist keine Ja/Nein-Angabe " +
        "(erwartet: WAHR/FALSCH, 1/0, „x“, „ja“/„nein“ oder eine leere Zelle = nein).",
    );
    expect(catchExcelError(() => neighbourhoodCentre(column(2), column("Nord"))).message).toMatch(
      /^Markierungen, Zeile 1: 2 ist keine Ja\/Nein-Angabe/,
    );
    expect(
      catchExcelError(() => neighbourhoodCentre(column(null, new ShimError("#N/A")), column("Nord", "Süd")))
        .message,
    ).toMatch(/^Markierungen, Zeile 2: Fehlerwert #N\/A ist keine Ja\/Nein-Angabe/);
    expect(catchExcelError(() => neighbourhoodCentre(column(null, "x"), column("Nord", ""))).message).toBe(
      "Sozialräume, Zeile 2: leer, aber die Einrichtung ist als Nachbarschaftszentrum markiert " +
        "(erwartet: der Sozialraum der Einrichtung).",
    );
    expect(catchExcelError(() => neighbourhoodCentre(column("x", null), column("Nord"))).message).toBe(
      "Sozialräume (1 Zellen) und Markierungen (2 Zellen) sind verschieden groß " +
        "(erwartet: eine Zelle je Einrichtung).",
    );
    expect(
      catchExcelError(() =>
        neighbourhoodCentre(column("x", null), [
          ["Nord", "Süd"],
          ["Nord", "Süd"],
        ]),
      ).message,
    ).toBe("Sozialräume: erwartet eine Spalte oder eine Zeile, erhalten 2 Zeilen × 2 Spalten.");
    expect(catchExcelError(() => neighbourhoodCentre(column("x"), column(false))).message).toBe(
      "Sozialräume, Zeile 1: FALSCH ist kein Text.",
    );
  });
});

describe("ADDITIONALSTAFF (strand 4)", () => {
  test("worked example: flag and a non-empty justification", () => {
    // row 1 „ja“ + text → WAHR; row 2 „x“ but only spaces → FALSCH (the check warns about it);
    // row 3 not flagged although a text is there → FALSCH; row 4 1 but no text → FALSCH;
    // row 5 WAHR + text → WAHR; row 6 empty → FALSCH (blank = nein); row 7 FALSCH → FALSCH
    expect(additionalStaff(SHEET.zusatzpersonal, SHEET.begruendung)).toEqual(
      column(true, false, false, false, true, false, false),
    );
  });

  test("one cell: =SRB.ADDITIONALSTAFF(E2; F2)", () => {
    expect(additionalStaff([["x"]], [["Kind mit Assistenzbedarf"]])).toEqual([[true]]);
    expect(additionalStaff([["x"]], [[""]])).toEqual([[false]]);
    // desktop Excel hands a blank justification cell over as 0: no justification
    expect(additionalStaff([["x"]], [[0]])).toEqual([[false]]);
  });

  test("a row spills as a row", () => {
    expect(additionalStaff([["x", "nein", null]], [["Inklusion", "Inklusion", "Inklusion"]])).toEqual([
      [true, false, false],
    ]);
  });

  test("bad values: no Ja/Nein, a boolean as justification, different sizes", () => {
    expect(catchExcelError(() => additionalStaff(column("x", "k.A."), column("a", "b"))).message).toBe(
      "Markierung, Zeile 2: „k.A.“ ist keine Ja/Nein-Angabe " +
        "(erwartet: WAHR/FALSCH, 1/0, „x“, „ja“/„nein“ oder eine leere Zelle = nein).",
    );
    expect(catchExcelError(() => additionalStaff(column("x", "x"), column("a", true))).message).toBe(
      "Begründung, Zeile 2: WAHR ist kein Text.",
    );
    expect(catchExcelError(() => additionalStaff(column("x", "x"), column("a"))).message).toBe(
      "Begründung (1 Zellen) und Markierung (2 Zellen) sind verschieden groß " +
        "(erwartet: eine Zelle je Einrichtung).",
    );
  });
});

describe("strands 2 and 4 follow the check's rules (random sheets through checkTable)", () => {
  const FLAGS: CellValue[] = [
    true,
    false,
    1,
    0,
    "x",
    " X ",
    "ja",
    "Nein",
    "j",
    "n",
    "wahr",
    "FALSCH",
    "",
    null,
    "vielleicht",
    2,
    "1",
  ];
  const AREAS = ["Nord", "nord", "Süd", "Mitte"];
  const REASONS: CellValue[] = ["", null, "   ", "Inklusion", "Nachtbetreuung"];
  const flagModel = model();
  flagModel.data = {
    ...flagModel.data,
    strand2: "KNZ",
    strand4: "Zusatzpersonal",
    strand4Reason: "Begründung",
  };
  const headers: CellValue[] = [
    "Einrichtung",
    "Sozialraum",
    "Kinder",
    "a",
    "b",
    "c",
    "KNZ",
    "Zusatzpersonal",
    "Begründung",
  ];
  const row = fc.record({
    area: fc.constantFrom(...AREAS),
    knz: fc.constantFrom(...FLAGS),
    zp: fc.constantFrom(...FLAGS),
    reason: fc.constantFrom(...REASONS),
  });

  test("property: same flags as the check, #VALUE! exactly where the check or strand2Issues objects", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        // one sheet per strand (an invalid flag of the other strand would block the dataset); indicator values
        // vary by row so that no indicator is constant
        const check = (strand2: boolean) =>
          checkTable(flagModel, {
            sheet: "Kitas",
            headers,
            rows: rows.map((r, i) => [
              `Kita ${i + 1}`,
              r.area,
              50,
              i,
              i + 1,
              2 * i,
              strand2 ? r.knz : null,
              strand2 ? null : r.zp,
              strand2 ? null : r.reason,
            ]),
          });
        const strand2Check = check(true);
        const strand4Check = check(false);
        const knz = column(...rows.map((r) => r.knz));
        const areas = column(...rows.map((r) => r.area));
        const zp = column(...rows.map((r) => r.zp));
        const reasons = column(...rows.map((r) => r.reason));

        if (strand4Check.dataset === null) {
          expect(strand4Check.issues.filter((i) => i.level === "error").map((i) => i.code)).toContain(
            "flag-invalid",
          );
          expect(catchExcelError(() => additionalStaff(zp, reasons)).code).toBe("#VALUE!");
        } else {
          expect(additionalStaff(zp, reasons).flat()).toEqual(
            strand4Check.dataset.units.map(
              (u) => eligibility({ ...u, index: null, strand3Index: null }, BAND, BAND).zusatzpersonal,
            ),
          );
        }
        const units = strand2Check.dataset?.units;
        if (units === undefined) {
          expect(strand2Check.issues.filter((i) => i.level === "error").map((i) => i.code)).toContain(
            "flag-invalid",
          );
        }
        if (units === undefined || strand2Issues(units, "Kitas").length > 0) {
          expect(catchExcelError(() => neighbourhoodCentre(knz, areas)).code).toBe("#VALUE!");
        } else {
          expect(neighbourhoodCentre(knz, areas).flat()).toEqual(units.map((u) => u.strand2));
        }
      }),
    );
  });
});

const BAND = { mean: 50, sd: 10, lower: 40, upper: 60 };

describe("STAFFPLAN", () => {
  /** An optional range argument left out in the middle arrives as null. */
  const OMITTED = null as unknown as unknown[][];

  test("worked example: the Nachbarschaftszentrum (index 5) keeps its 0,5 VZÄ set aside, the rest by index", () => {
    // 100.000 €, 45.000 € per VZÄ (75.000 · 0,6), step 0,25 = 11.250 €: 0,5 VZÄ set aside = 22.500 €;
    // rest 77.500 € = 6,89 steps → 6 whole steps by 70 : 40 (quotas 4,38 and 2,51 → 4 + 2) …
    // … → Kita 1: 1 VZÄ, Kita 2: 0,5 VZÄ, Kita 3: 0,5 VZÄ (Σ 2 VZÄ = 90.000 €)
    expect(
      staffPlan(100000, column(70, 40, 5), column(true, true, false), column(null, null, 0.5), 45000),
    ).toEqual(column(1, 0.5, 0.5));
  });

  test("without set-asides, a row spills as a row; step 0,5", () => {
    // 90.000 € at 22.500 € a step = 4 steps by 1 : 1 : 2 → 1 : 1 : 2
    expect(staffPlan(90000, [[10, 10, 20]], [["x", "x", "x"]], [[null]], 45000, 0.5)).toEqual([
      [0.5, 0.5, 1],
    ]);
    // not eligible or no index: nothing from the rest
    expect(staffPlan(90000, column(10, null, 20), column(true, true, false), [[""]], 45000, 0.5)).toEqual(
      column(2, 0, 0),
    );
  });

  test("set-asides above the amount are scaled down to whole steps; never more money than the amount", () => {
    // 1,5 + 1 VZÄ = 112.500 € > 100.000 € → 8 steps, 4,8 : 3,2 → 1,25 and 0,75 VZÄ; 10.000 € left, no rest
    expect(
      staffPlan(100000, column(50, 60, 80), column(false, true, true), column(1.5, 1, 0), 45000),
    ).toEqual(column(1.25, 0.75, 0));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.boolean()), { minLength: 1, maxLength: 10 }),
        (amount, kitas) => {
          const vzae = staffPlan(
            amount,
            kitas.map(([i]) => [i]),
            kitas.map(([, e]) => [e]),
            OMITTED,
            45000,
          ).flat();
          expect(vzae.reduce((s, v) => s + v, 0) * 45000).toBeLessThanOrEqual(amount + 1e-6);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("bad inputs: German messages naming the argument and position", () => {
    expect(catchExcelError(() => staffPlan(-1, column(1), column(true), OMITTED, 45000)).code).toBe("#NUM!");
    expect(catchExcelError(() => staffPlan(1000, column(1, 2), column(true), OMITTED, 45000)).message).toBe(
      "Förderfähig (1 Zellen) und Indizes (2 Zellen) sind verschieden groß (erwartet: eine Zelle je Einrichtung).",
    );
    expect(
      catchExcelError(() => staffPlan(1000, column(1), column("vielleicht"), [[null]], 45000)).code,
    ).toBe("#VALUE!");
    expect(
      catchExcelError(() => staffPlan(1000, column(1, 2), column(1, 1), column(0.3, 0), 45000)).message,
    ).toBe("Vorab-VZÄ, Zeile 1: 0,3 ist kein Vielfaches der Schrittweite 0,25 (erwartet: ganze Schritte).");
    expect(catchExcelError(() => staffPlan(1000, column(1), column(1), OMITTED, 0)).message).toMatch(
      /^Personal: Kosten je VZÄ 0/,
    );
    expect(catchExcelError(() => staffPlan(1000, column(-1), column(1), [[null]], 45000)).code).toBe(
      "#VALUE!",
    );
  });
});

import fc from "fast-check";
import type { NormBand } from "../../src/engine/allocation";
import { SrbUsageError } from "../../src/engine/issues";
import {
  applyOverrides,
  eligibility,
  eligibilityIssues,
  noEligibilityAnswers,
  proposeWithinArea,
  strand2Issues,
  type EligibilityInput,
} from "../../src/engine/strands";

// Norm band mean 50, sd 10 → lower 40, upper 60 (SPEC.md §3). The same band for the Gesamtindex and for
// the "Flucht und Migration" index keeps the boundary values easy to read.
const band: NormBand = Object.freeze({ mean: 50, sd: 10, lower: 40, upper: 60 });

function unit(partial: Partial<EligibilityInput>): EligibilityInput {
  return { ...noEligibilityAnswers(), ...partial };
}

describe("eligibility – strand 1 Kita-Sozialarbeit (Gesamtindex ≥ lower bound)", () => {
  test.each([
    [40, true], // exactly the lower bound: "mindestens den unteren Normwert" → eligible
    [39.99, false],
    [75, true],
    [null, false],
    [Number.NaN, false],
  ])("index %p → %p", (index, expected) => {
    expect(eligibility(unit({ index }), band, band).sozialarbeit).toBe(expected);
  });
});

describe("eligibility – strand 2 Kommunikations- und Nachbarschaftszentrum (flag only)", () => {
  test("the flag decides, no index criterion", () => {
    expect(eligibility(unit({ strand2: true, index: 0 }), band, band).nachbarschaftszentrum).toBe(true);
    expect(eligibility(unit({ strand2: false, index: 99 }), band, band).nachbarschaftszentrum).toBe(false);
  });
});

describe("eligibility – strand 3 Interkulturelle Fachkräfte", () => {
  test.each([
    // strand3Index, reason, interkulturell, exception
    [50.01, "", true, false], // above the mean: eligible without reason
    [50, "", false, false], // at the mean: not above it; no reason → not eligible
    [50, "hoher Anteil Neuzugewanderter", true, true], // ≤ mean, > lower, with reason → exception
    [40.01, "Sprachförderbedarf", true, true],
    [40, "Sprachförderbedarf", false, false], // at the lower bound: not above it, the reason cannot help
    [45, "   ", false, false], // a blank reason is no reason
    [null, "Begründung", false, false],
    [70, "Begründung", true, false], // above the mean: the reason is not needed, no exception
  ])(
    "index %p, reason %p → eligible %p, exception %p",
    (strand3Index, strand3Reason, interkulturell, exception) => {
      const e = eligibility(unit({ strand3Index, strand3Reason }), band, band);
      expect(e.interkulturell).toBe(interkulturell);
      expect(e.interkulturellException).toBe(exception);
    },
  );

  test("uses the strand-3 band, not the Gesamtindex band", () => {
    const migration: NormBand = { mean: 20, sd: 5, lower: 15, upper: 25 };
    const e = eligibility(unit({ index: 30, strand3Index: 21 }), band, migration);
    expect(e.interkulturell).toBe(true);
    expect(e.sozialarbeit).toBe(false);
  });

  test("property: an exception is always eligible, and eligible without exception ⇔ index > mean", () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
        fc.string(),
        (strand3Index, strand3Reason) => {
          const e = eligibility(unit({ strand3Index, strand3Reason }), band, band);
          if (e.interkulturellException) expect(e.interkulturell).toBe(true);
          const aboveMean = strand3Index !== null && strand3Index > band.mean;
          expect(e.interkulturell && !e.interkulturellException).toBe(aboveMean);
          if (e.interkulturellException) expect(strand3Reason.trim()).not.toBe("");
        },
      ),
    );
  });
});

describe("eligibility – strand 4 betriebserlaubnisrelevantes Zusatzpersonal", () => {
  test.each([
    [true, "Raumsituation erfordert Zusatzkraft", true],
    [true, "  \t ", false],
    [true, "", false],
    [false, "Raumsituation", false],
  ])("flag %p, justification %p → %p", (strand4, strand4Reason, expected) => {
    expect(eligibility(unit({ strand4, strand4Reason }), band, band).zusatzpersonal).toBe(expected);
  });
});

describe("eligibilityIssues", () => {
  const where = { sheet: "Kitas", unitId: "Kita Sonnenschein", strand3ReasonCell: "M7", strand4Cell: "N7" };

  test("strand 4 flagged without justification → warning at the flag cell", () => {
    const issues = eligibilityIssues(unit({ strand4: true, strand4Reason: " " }), band, band, where);
    expect(issues).toEqual([
      expect.objectContaining({
        level: "warning",
        code: "strand4-without-justification",
        sheet: "Kitas",
        cell: "N7",
      }),
    ]);
    expect(issues[0].message).toContain("Kita Sonnenschein");
    expect(issues[0].message).toContain("Begründung ist leer");
  });

  test("strand-3 reason with an index not above the lower bound → warning naming value and bound", () => {
    const issues = eligibilityIssues(
      unit({ strand3Index: 38.5, strand3Reason: "viele Neuzugänge" }),
      band,
      band,
      where,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "strand3-reason-without-effect", cell: "M7" });
    expect(issues[0].message).toContain("(38,5)");
    expect(issues[0].message).toContain("Normbereichsgrenze 40");
  });

  test("consistent input → no issues", () => {
    const ok = unit({
      index: 55,
      strand3Index: 45,
      strand3Reason: "Grund",
      strand4: true,
      strand4Reason: "Grund",
    });
    expect(eligibilityIssues(ok, band, band, where)).toEqual([]);
  });
});

describe("strand2Issues", () => {
  test("two flagged in one Sozialraum → one warning naming both; one per area → none", () => {
    const issues = strand2Issues(
      [
        { id: "A", area: "Nord", strand2: true, cell: "L2" },
        { id: "B", area: "Nord", strand2: true, cell: "L3" },
        { id: "C", area: "Süd", strand2: true, cell: "L4" },
        { id: "D", area: "Süd", strand2: false, cell: "L5" },
      ],
      "Kitas",
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      level: "warning",
      code: "strand2-several-in-area",
      sheet: "Kitas",
      cell: "L3",
    });
    expect(issues[0].message).toBe(
      "Sozialraum „Nord“: 2 Einrichtungen sind als Kommunikations- und Nachbarschaftszentrum markiert (A, B); erwartet wird höchstens eine.",
    );
  });
});

describe("proposeWithinArea (Schritt 2)", () => {
  test("worked example: 10.000 € over indices 60 and 30 (third not eligible)", () => {
    // 60/90 · 10.000 = 6.666,666… → 666.666 cents, remainder 0,67; 30/90 · 10.000 = 3.333,333… → 333.333
    // cents, remainder 0,33. One cent missing → to the larger remainder (the first).
    const units = Object.freeze([
      Object.freeze({ index: 60, eligible: true }),
      Object.freeze({ index: 30, eligible: true }),
      Object.freeze({ index: 10, eligible: false }),
    ]);
    const r = proposeWithinArea(10000, units);
    expect(r.amounts).toEqual([6666.67, 3333.33, 0]);
    expect(r.tieFlags).toEqual([false, false, false]);
  });

  test("equal indices: the cent goes by order and the tie is flagged", () => {
    // 100 € over three equal indices: 33,333… each → 33,34 + 33,33 + 33,33, all three flagged
    const r = proposeWithinArea(100, [
      { index: 50, eligible: true },
      { index: 50, eligible: true },
      { index: 50, eligible: true },
    ]);
    expect(r.amounts).toEqual([33.34, 33.33, 33.33]);
    expect(r.tieFlags).toEqual([true, true, true]);
  });

  test("nobody eligible, or all indices 0 or missing → every amount 0", () => {
    expect(proposeWithinArea(5000, [{ index: 70, eligible: false }]).amounts).toEqual([0]);
    expect(
      proposeWithinArea(5000, [
        { index: 0, eligible: true },
        { index: null, eligible: true },
      ]).amounts,
    ).toEqual([0, 0]);
    expect(proposeWithinArea(5000, []).amounts).toEqual([]);
  });

  test("an eligible unit without index gets 0, the others share the whole amount", () => {
    expect(
      proposeWithinArea(900, [
        { index: null, eligible: true },
        { index: 20, eligible: true },
        { index: 10, eligible: true },
      ]).amounts,
    ).toEqual([0, 600, 300]);
  });

  test("misuse throws SrbUsageError", () => {
    expect(() => proposeWithinArea(-1, [])).toThrow(SrbUsageError);
    expect(() => proposeWithinArea(Number.NaN, [])).toThrow(SrbUsageError);
  });

  test("property: cent-exact sum, non-eligible 0, higher index never gets less", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.array(
          fc.record({
            index: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
            eligible: fc.boolean(),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (cents, units) => {
          const r = proposeWithinArea(cents / 100, units);
          const receiving = units.filter((u) => u.eligible && u.index !== null && u.index > 0);
          const sum = r.amounts.reduce((s, a) => s + Math.round(a * 100), 0);
          expect(sum).toBe(receiving.length > 0 ? cents : 0);
          units.forEach((u, i) => {
            if (!u.eligible) expect(r.amounts[i]).toBe(0);
            expect(Math.round(r.amounts[i] * 100)).toBeCloseTo(r.amounts[i] * 100, 6);
          });
          for (let i = 0; i < units.length; i++) {
            for (let j = 0; j < units.length; j++) {
              const a = units[i];
              const b = units[j];
              if (a.eligible && b.eligible && a.index !== null && b.index !== null && a.index > b.index) {
                expect(r.amounts[i]).toBeGreaterThanOrEqual(r.amounts[j]);
              }
            }
          }
        },
      ),
    );
  });
});

describe("applyOverrides (Schritt 2 after discussion)", () => {
  test("worked example: overrides 7.000 € and 500 € → total 10.833,33 €, 833,33 € over", () => {
    // 7.000 + 3.333,33 (proposal kept) + 500 = 10.833,33; minus the area amount 10.000 → +833,33
    const r = applyOverrides(10000, [6666.67, 3333.33, 0], [7000, null, 500], {
      area: "Nord",
      sheet: "Einrichtungen",
    });
    expect(r.amounts).toEqual([7000, 3333.33, 500]);
    expect(r.overridden).toEqual([true, false, true]);
    expect(r.proposedTotal).toBe(10000);
    expect(r.total).toBe(10833.33);
    expect(r.difference).toBe(833.33);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      level: "warning",
      code: "override-difference",
      sheet: "Einrichtungen",
    });
    expect(r.issues[0].message).toBe(
      "Sozialraum „Nord“: Die Summe der Beträge 10.833,33\u00a0€ übersteigt den Betrag des Sozialraums 10.000,00\u00a0€ um 833,33\u00a0€.",
    );
  });

  test("money left over → negative difference, 'unterschreitet'", () => {
    const r = applyOverrides(10000, [6666.67, 3333.33], [6000, null]);
    expect(r.difference).toBe(-666.67);
    expect(r.issues[0].message).toContain("unterschreitet");
  });

  test("sums in cents: 0,10 € + 0,20 € = 0,30 € exactly, no difference", () => {
    const r = applyOverrides(0.3, [0.1, 0.2], [null, null]);
    expect(r.total).toBe(0.3);
    expect(r.difference).toBe(0);
    expect(r.issues).toEqual([]);
  });

  test("a negative override is ignored and reported at its cell", () => {
    const r = applyOverrides(100, [60, 40], [-5, null], {
      area: "Süd",
      sheet: "Einrichtungen",
      cells: ["H2", "H3"],
    });
    expect(r.amounts).toEqual([60, 40]);
    expect(r.overridden).toEqual([false, false]);
    expect(r.issues).toEqual([expect.objectContaining({ code: "override-invalid", cell: "H2" })]);
    expect(r.issues[0].message).toContain("-5");
  });

  test("different lengths are misuse", () => {
    expect(() => applyOverrides(1, [1], [])).toThrow(SrbUsageError);
  });
});

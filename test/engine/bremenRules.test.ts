import fc from "fast-check";
import { bremenAllocation, bremenRulesIssues, type BremenUnitInput } from "../../src/engine/bremenRules";
import { SrbUsageError } from "../../src/engine/issues";
import { DEFAULT_BREMEN_RULES, type BremenRules } from "../../src/engine/model";

function kita(partial: Partial<BremenUnitInput> & { id: string }): BremenUnitInput {
  return { children: 80, verbund: null, firstYear: false, kitaIndex: 60, ...partial };
}

function one(partial: Partial<BremenUnitInput>) {
  return bremenAllocation([kita({ id: "Kita", ...partial })], DEFAULT_BREMEN_RULES)[0];
}

describe("Bremen rule table – single Kitas at the boundaries", () => {
  test.each([
    // index, children, VZÄ (defaults: index > 50; 40–120 → 0,5; > 120 → 1,0)
    [50, 80, 0], // index must be strictly above 50
    [50.01, 80, 0.5],
    [60, 39, 0],
    [60, 40, 0.5],
    [60, 120, 0.5],
    [60, 121, 1.0],
    [60, 0, 0],
  ])("Kita-Index %p, %p Kinder → %p VZÄ", (kitaIndex, children, vzae) => {
    const r = one({ kitaIndex, children });
    expect(r.vzae).toBe(vzae);
    expect(r.sachkosten).toBe(vzae > 0 ? 2500 : 0);
  });

  test("first year: 5.000 € Sachkosten instead of 2.500 €; unfunded first-year Kita gets none", () => {
    expect(one({ firstYear: true }).sachkosten).toBe(5000);
    expect(one({ firstYear: true, kitaIndex: 40 }).sachkosten).toBe(0);
  });

  test("German reasons with de-DE numbers", () => {
    expect(one({ kitaIndex: 62.3, children: 85 }).reason).toBe(
      "Kita-Index 62,3 > 50 und 85 Kinder (40–120 Kinder) → 0,5 VZÄ; Sachkosten 2.500,00\u00a0€",
    );
    expect(one({ kitaIndex: 71.25, children: 1130, firstYear: true }).reason).toBe(
      "Kita-Index 71,25 > 50 und 1.130 Kinder (ab 121 Kinder) → 1,0 VZÄ; Sachkosten 5.000,00\u00a0€ (erstes Jahr)",
    );
    expect(one({ kitaIndex: 50 }).reason).toBe("Kita-Index 50 nicht über 50 → keine Förderung");
    expect(one({ children: 39 }).reason).toBe(
      "Kita-Index 60 > 50, aber nur 39 Kinder (mindestens 40), kein Verbund → keine Förderung",
    );
  });

  test("missing or invalid values are not funded and say why (no throw)", () => {
    const noIndex = one({ kitaIndex: null });
    expect(noIndex).toMatchObject({ kitaIndex: null, vzae: 0, sachkosten: 0 });
    expect(noIndex.reason).toBe("Kein Kita-Index → keine Förderung");
    expect(one({ kitaIndex: Number.NaN }).reason).toContain("Kein Kita-Index");
    expect(one({ children: null }).reason).toBe("Kinderzahl fehlt oder ist ungültig → keine Förderung");
    expect(one({ children: -5 }).vzae).toBe(0);
  });
});

describe("Bremen – Verbund", () => {
  test("two small Kitas (25 + 30 Kinder, index 60) → 0,5 VZÄ at the larger one", () => {
    // 25 < 40 and 30 < 40: neither alone; pooled 55 Kinder in 40–120 → 0,5 VZÄ, carried by the 30-Kinder Kita
    const units = Object.freeze([
      Object.freeze(kita({ id: "Kita A", children: 25, verbund: "Nord" })),
      Object.freeze(kita({ id: "Kita B", children: 30, verbund: "Nord" })),
    ]);
    const [a, b] = bremenAllocation(units, DEFAULT_BREMEN_RULES);
    expect(b.vzae).toBe(0.5);
    expect(b.sachkosten).toBe(2500);
    expect(a.vzae).toBe(0);
    expect(a.sachkosten).toBe(0);
    expect(b.reason).toBe(
      "Verbund „Nord“: zusammen 55 Kinder (Kita A 25, Kita B 30) mit Kita-Index > 50 (40–120 Kinder) → 0,5 VZÄ, " +
        "Stelle bei dieser Einrichtung (meiste Kinder); Sachkosten 2.500,00\u00a0€",
    );
    expect(a.reason).toContain("Stelle und Sachkosten bei „Kita B“");
  });

  test("equal Kinder: the first in order carries; any first-year member → first-year Sachkosten", () => {
    const [a, b] = bremenAllocation(
      [
        kita({ id: "A", children: 30, verbund: "V" }),
        kita({ id: "B", children: 30, verbund: "V", firstYear: true }),
      ],
      DEFAULT_BREMEN_RULES,
    );
    expect([a.vzae, b.vzae]).toEqual([0.5, 0]);
    expect(a.sachkosten).toBe(5000);
  });

  test("pooled Kinder reach the upper row: 4 × 39 = 156 → 1,0 VZÄ; 3 × 39 = 117 → 0,5", () => {
    const four = bremenAllocation(
      ["A", "B", "C", "D"].map((id) => kita({ id, children: 39, verbund: "Süd" })),
      DEFAULT_BREMEN_RULES,
    );
    expect(four.map((r) => r.vzae)).toEqual([1, 0, 0, 0]);
    const three = bremenAllocation(
      ["A", "B", "C"].map((id) => kita({ id, children: 39, verbund: "Süd" })),
      DEFAULT_BREMEN_RULES,
    );
    expect(three.map((r) => r.vzae)).toEqual([0.5, 0, 0]);
  });

  test("the index test applies to each member: a member at index 45 does not count its Kinder", () => {
    // 25 (index 60) + 30 (index 45): only 25 count → below 40 → nothing
    const [a, b] = bremenAllocation(
      [
        kita({ id: "A", children: 25, verbund: "Ost" }),
        kita({ id: "B", children: 30, verbund: "Ost", kitaIndex: 45 }),
      ],
      DEFAULT_BREMEN_RULES,
    );
    expect([a.vzae, b.vzae]).toEqual([0, 0]);
    expect(a.reason).toBe(
      "Kita-Index 60 > 50, aber nur 25 Kinder (mindestens 40); Verbund „Ost“ zusammen 25 Kinder (mindestens 40) → keine Förderung",
    );
    expect(b.reason).toBe("Kita-Index 45 nicht über 50 → keine Förderung; zählt nicht für den Verbund „Ost“");
  });

  test("a member that qualifies alone is funded alone and is not pooled", () => {
    // 100 Kinder → 0,5 VZÄ alone; the 30-Kinder member alone in the pool → nothing
    const [big, small] = bremenAllocation(
      [
        kita({ id: "Groß", children: 100, verbund: "West" }),
        kita({ id: "Klein", children: 30, verbund: "West" }),
      ],
      DEFAULT_BREMEN_RULES,
    );
    expect(big.vzae).toBe(0.5);
    expect(big.reason).toContain("allein gefördert");
    expect(small.vzae).toBe(0);
  });

  test("Verbund names match trimmed and case-insensitively; different Verbünde are not pooled", () => {
    const r = bremenAllocation(
      [
        kita({ id: "A", children: 20, verbund: " Nord " }),
        kita({ id: "B", children: 25, verbund: "nord" }),
        kita({ id: "C", children: 35, verbund: "Süd" }),
        kita({ id: "D", children: 35, verbund: "" }),
      ],
      DEFAULT_BREMEN_RULES,
    );
    expect(r.map((x) => x.vzae)).toEqual([0, 0.5, 0, 0]);
    expect(r[3].reason).toContain("kein Verbund");
  });
});

describe("Bremen – the table drives the logic", () => {
  const custom: BremenRules = {
    rows: [
      { indexAbove: 40, childrenMin: 30, childrenMax: 60, vzae: 0.25 },
      { indexAbove: 70, childrenMin: 61, childrenMax: null, vzae: 0.75 },
    ],
    sachkosten: 1000,
    sachkostenFirstYear: 3000,
    indexPeriodYears: 3,
  };

  test("other thresholds and amounts from the table", () => {
    const r = bremenAllocation(
      [
        kita({ id: "A", kitaIndex: 45, children: 30 }), // row 1 → 0,25
        kita({ id: "B", kitaIndex: 45, children: 80 }), // index not > 70 for row 2 → nothing
        kita({ id: "C", kitaIndex: 75, children: 80, firstYear: true }), // row 2 → 0,75, 3.000 €
        kita({ id: "D", kitaIndex: 41, children: 29 }), // too few → nothing
      ],
      custom,
    );
    expect(r.map((x) => [x.vzae, x.sachkosten])).toEqual([
      [0.25, 1000],
      [0, 0],
      [0.75, 3000],
      [0, 0],
    ]);
    expect(r[1].reason).toBe(
      "Kita-Index 45 und 80 Kinder: keine Zeile der Regeltabelle trifft zu, kein Verbund → keine Förderung",
    );
  });

  test("overlapping rows: the one with the most VZÄ wins", () => {
    const overlapping: BremenRules = {
      ...custom,
      rows: [
        { indexAbove: 0, childrenMin: 0, childrenMax: null, vzae: 0.25 },
        { indexAbove: 50, childrenMin: 0, childrenMax: null, vzae: 1 },
      ],
    };
    expect(bremenAllocation([kita({ id: "A", kitaIndex: 60 })], overlapping)[0].vzae).toBe(1);
    expect(bremenAllocation([kita({ id: "A", kitaIndex: 40 })], overlapping)[0].vzae).toBe(0.25);
  });

  test("invalid tables: German issues, and bremenAllocation throws SrbUsageError", () => {
    expect(bremenRulesIssues(DEFAULT_BREMEN_RULES)).toEqual([]);
    expect(bremenRulesIssues({ ...DEFAULT_BREMEN_RULES, rows: [] })[0].message).toBe(
      "Bremer Regeltabelle: die Regeltabelle hat keine Zeile; erwartet wird mindestens eine.",
    );
    const broken: BremenRules = {
      rows: [{ indexAbove: Number.NaN, childrenMin: 50, childrenMax: 40, vzae: -1 }],
      sachkosten: -1,
      sachkostenFirstYear: 5000,
      indexPeriodYears: 0,
    };
    const issues = bremenRulesIssues(broken);
    expect(issues).toHaveLength(5);
    expect(issues.every((i) => i.level === "error" && i.code === "bremen-rules-invalid")).toBe(true);
    expect(() => bremenAllocation([], broken)).toThrow(SrbUsageError);
  });
});

describe("Bremen – properties", () => {
  const unitArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    children: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    verbund: fc.option(fc.constantFrom("V1", "V2", " v1", ""), { nil: null }),
    firstYear: fc.boolean(),
    kitaIndex: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
  });

  test("same order and length; VZÄ from the table; Sachkosten iff funded; one pooled position per Verbund", () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 25 }), (units) => {
        const r = bremenAllocation(units, DEFAULT_BREMEN_RULES);
        expect(r).toHaveLength(units.length);
        r.forEach((x, i) => {
          expect([0, 0.5, 1]).toContain(x.vzae);
          if (x.vzae === 0) expect(x.sachkosten).toBe(0);
          else if (!x.reason.startsWith("Verbund"))
            expect(x.sachkosten).toBe(units[i].firstYear ? 5000 : 2500);
          else {
            // a pooled position is the Verbund's: first-year Sachkosten only when a member of it is new
            // (a counting member: one whose own index passes; see bremenRules.ts)
            const key = (units[i].verbund ?? "").trim().toLowerCase();
            const anyNew = units.some((u) => (u.verbund ?? "").trim().toLowerCase() === key && u.firstYear);
            expect([2500, 5000]).toContain(x.sachkosten);
            if (!anyNew) expect(x.sachkosten).toBe(2500);
          }
          expect(x.reason.length).toBeGreaterThan(0);
          const idx = units[i].kitaIndex;
          if (x.vzae > 0) expect(idx !== null && idx > 50).toBe(true);
          // funded alone ⇔ fits a row on its own
          const c = units[i].children;
          if (x.vzae > 0 && !x.reason.startsWith("Verbund")) expect(c !== null && c >= 40).toBe(true);
        });
        // a Kita below 40 Kinder is funded only through its Verbund, at most one such position per Verbund
        const pooledCarriers = r.filter((x) => x.reason.startsWith("Verbund") && x.vzae > 0);
        const verbuende = new Set(
          r.map((x) => /^Verbund „([^“]*)“/.exec(x.reason)?.[1]?.toLowerCase()).filter(Boolean),
        );
        expect(pooledCarriers.length).toBeLessThanOrEqual(verbuende.size);
      }),
    );
  });

  test("does not mutate its input", () => {
    const units = Object.freeze([
      Object.freeze(kita({ id: "A", children: 20, verbund: "V" })),
      Object.freeze(kita({ id: "B", children: 25, verbund: "V" })),
    ]);
    expect(() => bremenAllocation(units, DEFAULT_BREMEN_RULES)).not.toThrow();
  });
});

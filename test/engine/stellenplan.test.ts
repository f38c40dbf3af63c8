/**
 * Schritt 2 as a Stellenplan (SPEC.md §5): worked examples and the invariants as fast-check properties.
 * Money in the examples: 75.000 € per VZÄ, Land share 0,6, step 0,25 → one step costs the budget 11.250 €.
 */
import fc from "fast-check";
import type { Eligibility } from "../../src/engine/allocation";
import { SrbUsageError } from "../../src/engine/issues";
import { scaleRequests } from "../../src/engine/setAsides";
import {
  stellenplan,
  stellenplanIssues,
  stellenplanParameters,
  type StellenplanArea,
  type StellenplanParameters,
  type StellenplanUnit,
} from "../../src/engine/stellenplan";
import { traegerSummary } from "../../src/engine/traegerSummary";
import { stepsFor, stepsOfVzae } from "../../src/engine/vzaeSteps";

const P: StellenplanParameters = stellenplanParameters({ costPerVzae: 75000 });

const NONE: Eligibility = {
  sozialarbeit: false,
  nachbarschaftszentrum: false,
  interkulturell: false,
  interkulturellException: false,
  zusatzpersonal: false,
};

let row = 1;
function kita(
  id: string,
  area: string,
  index: number | null,
  eligible: Partial<Eligibility> = {},
  more: Partial<StellenplanUnit> = {},
): StellenplanUnit {
  row += 1;
  return {
    id,
    area,
    row,
    index,
    children: null,
    eligible: { ...NONE, ...eligible },
    strand4Vzae: null,
    traeger: null,
    ...more,
  };
}

const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe("worked examples", () => {
  test("the Nachbarschaftszentrum with the lowest index still gets its 0,5 VZÄ (strand 2 is set aside first)", () => {
    const units = [
      kita("Kita A", "Nord", 70, { sozialarbeit: true }),
      kita("Kita B", "Nord", 40, { sozialarbeit: true }),
      kita("Kita C", "Nord", 5, { nachbarschaftszentrum: true }),
    ];
    const plan = stellenplan([{ name: "Nord", amount: 100000, share: 1 }], units, P);
    // strand 2: 0,5 VZÄ = 22.500 €; rest 77.500 € = 6,89 steps → 6 by 70 : 40 (4,38 / 2,51) → 4 + 2
    expect(plan.units.map((u) => u.vzae)).toEqual([1, 0.5, 0.5]);
    expect(plan.units[2]).toMatchObject({
      strand2Vzae: 0.5,
      indexVzae: 0,
      amount: 22500,
      strands: ["nachbarschaftszentrum"],
    });
    expect(plan.units.map((u) => u.amount)).toEqual([45000, 22500, 22500]);
    expect(plan.units.map((u) => u.municipal)).toEqual([30000, 15000, 15000]);
    expect(plan.units.map((u) => u.personnelVolume)).toEqual([75000, 37500, 37500]);
    expect(plan.areas[0]).toMatchObject({ amount: 100000, planned: 90000, unplanned: 10000, vzae: 2 });
    expect(plan.issues).toEqual([]);
  });

  test("the old proportional split would have given the same Kita almost nothing", () => {
    // without the set-aside, index 5 of 115 would be 4,3 % of 100.000 € = 4.348 €, less than a step
    const units = [
      kita("Kita A", "Nord", 70, { sozialarbeit: true }),
      kita("Kita B", "Nord", 40, { sozialarbeit: true }),
      kita("Kita C", "Nord", 5, { sozialarbeit: true }),
    ];
    const plan = stellenplan([{ name: "Nord", amount: 100000, share: 1 }], units, P);
    expect(plan.units[2].vzae).toBe(0);
  });

  test("strand-4 requests exceeding the area are scaled down to whole steps, with a warning naming the area", () => {
    const units = [
      kita("Kita A", "Süd", 50, { zusatzpersonal: true }, { strand4Vzae: 1.5 }),
      kita("Kita B", "Süd", 60, { zusatzpersonal: true, sozialarbeit: true }, { strand4Vzae: 1 }),
      kita("Kita C", "Süd", 80, { nachbarschaftszentrum: true, sozialarbeit: true }),
    ];
    // requests 6 + 4 steps = 112.500 € > 100.000 €: 8 steps fit; quotas 4,8 / 3,2 → 4 + 3, the 8th to Kita A
    const plan = stellenplan([{ name: "Süd", amount: 100000, share: 1 }], units, P);
    expect(plan.units.map((u) => u.strand4Vzae)).toEqual([1.25, 0.75, 0]);
    // 10.000 € left: less than a step, so neither strand 2 nor the rest gets anything
    expect(plan.units.map((u) => u.vzae)).toEqual([1.25, 0.75, 0]);
    expect(plan.areas[0].unplanned).toBe(10000);
    const scaled = plan.issues.find((i) => i.code === "strand4-scaled");
    expect(scaled?.message).toBe(
      "Sozialraum „Süd“: die angefragten 2,5 VZÄ für betriebserlaubnisrelevantes Zusatzpersonal (Förderstrang 4) " +
        "kosten 112.500,00 € und übersteigen den Betrag des Sozialraums von 100.000,00 € – sie werden anteilig auf " +
        "2 VZÄ in ganzen Schritten zu 0,25 VZÄ gekürzt: „Kita A“ 1,5 → 1,25 VZÄ, „Kita B“ 1 → 0,75 VZÄ.",
    );
    expect(plan.issues.find((i) => i.code === "strand2-short")?.message).toBe(
      "Sozialraum „Süd“: für das Kommunikations- und Nachbarschaftszentrum „Kita C“ (Förderstrang 2) sind 0,5 VZÄ " +
        "vorgesehen; nach Förderstrang 4 reicht der Betrag des Sozialraums (noch 10.000,00 €) nur für 0 VZÄ.",
    );
  });

  test("a strand-4 request without a column is one step; a request between steps is rounded down with a warning", () => {
    const units = [
      kita("Kita A", "Ost", 50, { zusatzpersonal: true }),
      kita("Kita B", "Ost", 50, { zusatzpersonal: true }, { strand4Vzae: 0.3, strand4VzaeCell: "K7" }),
    ];
    const plan = stellenplan([{ name: "Ost", amount: 50000, share: 1 }], units, P);
    expect(plan.units.map((u) => u.strand4Vzae)).toEqual([0.25, 0.25]);
    const rounded = plan.issues.find((i) => i.code === "strand4-request-rounded");
    expect(rounded).toMatchObject({ sheet: "", cell: "K7" });
    expect(rounded?.message).toBe(
      "Einrichtung „Kita B“: angefragt sind 0,3 VZÄ für Förderstrang 4 (betriebserlaubnisrelevantes Zusatzpersonal); " +
        "erwartet wird ein Vielfaches der Schrittweite 0,25 VZÄ – eingeplant werden 0,25 VZÄ.",
    );
  });

  const threeAreas = (): { areas: StellenplanArea[]; units: StellenplanUnit[] } => ({
    areas: [
      { name: "Nord", amount: 20000, share: 0.2 },
      { name: "Süd", amount: 50000, share: 0.5 },
      { name: "Ost", amount: 30000, share: 0.3 },
    ],
    units: [
      kita("Kita N", "Nord", 10),
      kita("Kita S", "Süd", 60, { sozialarbeit: true }),
      kita("Kita O", "Ost", 55, { interkulturell: true }),
    ],
  });

  test("an area with no eligible Kita keeps its amount as nicht verplant, with a warning (default)", () => {
    const { areas, units } = threeAreas();
    const plan = stellenplan(areas, units, P);
    expect(plan.areas[0]).toMatchObject({ amount: 20000, given: 0, planned: 0, unplanned: 20000, vzae: 0 });
    // Süd: 50.000 € = 4 steps (45.000 €); Ost: 30.000 € = 2 steps (22.500 €)
    expect(plan.units.map((u) => u.vzae)).toEqual([0, 1, 0.5]);
    expect(plan.issues.map((i) => i.message)).toEqual([
      "Sozialraum „Nord“: keine Einrichtung ist förderfähig und keine hat Personal aus Förderstrang 2 oder 4 – der " +
        "Betrag von 20.000,00 € bleibt nicht verplant. Das Jugendamt kann ihn auf die anderen Sozialräume verteilen " +
        "(im Schritt „Budget & Regeln“ unter „Sozialraum ohne förderfähige Einrichtung“: „Nicht verplante Mittel " +
        'umverteilen“; in einer Modelldatei: "rules": { "unspent": "redistribute" }).',
    ]);
  });

  test("… and with rules.unspent = redistribute hands it to the other areas by their Schritt-1 shares", () => {
    const { areas, units } = threeAreas();
    const plan = stellenplan(areas, units, { ...P, unspent: "redistribute" });
    expect(plan.areas.map((a) => [a.name, a.received, a.given, a.available])).toEqual([
      ["Nord", 0, 20000, 0],
      ["Süd", 12500, 0, 62500],
      ["Ost", 7500, 0, 37500],
    ]);
    // Süd 62.500 € = 5 steps (56.250 €); Ost 37.500 € = 3 steps (33.750 €)
    expect(plan.units.map((u) => u.vzae)).toEqual([0, 1.25, 0.75]);
    expect(plan.areas.map((a) => a.unplanned)).toEqual([0, 6250, 3750]);
    expect(codes(plan.issues)).toEqual(["area-unspent-redistributed"]);
    expect(plan.issues[0].message).toBe(
      "In Sozialraum „Nord“ ist keine Einrichtung förderfähig – zusammen 20.000,00 € werden nach den Anteilen aus " +
        "Schritt 1 auf die förderfähigen Einrichtungen der Sozialräume „Süd“ (12.500,00 €), „Ost“ (7.500,00 €) verteilt.",
    );
  });

  test("redistribute without any area that can receive keeps the amounts, with a warning", () => {
    const plan = stellenplan([{ name: "Nord", amount: 20000, share: 1 }], [kita("Kita N", "Nord", 10)], {
      ...P,
      unspent: "redistribute",
    });
    expect(plan.areas[0].unplanned).toBe(20000);
    expect(codes(plan.issues)).toEqual(["area-unspent"]);
  });

  test("an area with only a set-aside is not unspent (it keeps its money for the set-aside)", () => {
    const plan = stellenplan(
      [
        { name: "Nord", amount: 20000, share: 0.5 },
        { name: "Süd", amount: 20000, share: 0.5 },
      ],
      [
        kita("Kita N", "Nord", 10, { nachbarschaftszentrum: true }),
        kita("Kita S", "Süd", 60, { sozialarbeit: true }),
      ],
      { ...P, unspent: "redistribute" },
    );
    expect(plan.areas.map((a) => a.given)).toEqual([0, 0]);
    expect(plan.units.map((u) => u.vzae)).toEqual([0.25, 0.25]);
    expect(codes(plan.issues)).toEqual(["strand2-short"]);
  });

  test("index × Kinder splits by both; a missing Kinder count falls back to the index with a warning", () => {
    const units = [
      kita("Kita A", "Nord", 60, { sozialarbeit: true }, { children: 50 }),
      kita("Kita B", "Nord", 30, { sozialarbeit: true }, { children: 150 }),
    ];
    const areas = [{ name: "Nord", amount: 90000, share: 1 }];
    // 8 steps: by index 60 : 30 → 5,33 / 2,67 → 5 + 3; by index × Kinder 3000 : 4500 → 3,2 / 4,8 → 3 + 5
    expect(stellenplan(areas, units, P).units.map((u) => u.vzae)).toEqual([1.25, 0.75]);
    expect(stellenplan(areas, units, { ...P, within: "index-children" }).units.map((u) => u.vzae)).toEqual([
      0.75, 1.25,
    ]);
    const fallback = stellenplan(areas, [units[0], { ...units[1], children: null }], {
      ...P,
      within: "index-children",
    });
    expect(fallback.units.map((u) => u.vzae)).toEqual([1.25, 0.75]);
    expect(codes(fallback.issues)).toEqual(["within-children-fallback"]);
  });

  test("equal remainders deciding the last step are flagged and warned about", () => {
    const units = [
      kita("Kita A", "Nord", 50, { sozialarbeit: true }),
      kita("Kita B", "Nord", 50, { sozialarbeit: true }),
    ];
    const plan = stellenplan([{ name: "Nord", amount: 33750, share: 1 }], units, P); // 3 steps over 1 : 1
    expect(plan.units.map((u) => u.vzae)).toEqual([0.5, 0.25]);
    expect(plan.units.map((u) => u.tieFlag)).toEqual([true, true]);
    expect(codes(plan.issues)).toEqual(["step-tie"]);
  });

  test("the Träger summary adds up the Kitas; blank Träger form „ohne Angabe“", () => {
    const units = [
      kita("Kita A", "Nord", 70, { sozialarbeit: true }, { traeger: "Caritas" }),
      kita("Kita B", "Nord", 40, { sozialarbeit: true }, { traeger: "Stadt" }),
      kita("Kita C", "Nord", 5, { nachbarschaftszentrum: true }, { traeger: " Caritas " }),
      kita("Kita D", "Nord", 1, {}, { traeger: null }),
    ];
    const plan = stellenplan([{ name: "Nord", amount: 100000, share: 1 }], units, P);
    expect(plan.traeger).toEqual([
      { traeger: "Caritas", units: 2, vzae: 1.5, amount: 67500, municipal: 45000, personnelVolume: 112500 },
      { traeger: "Stadt", units: 1, vzae: 0.5, amount: 22500, municipal: 15000, personnelVolume: 37500 },
      { traeger: "ohne Angabe", units: 1, vzae: 0, amount: 0, municipal: 0, personnelVolume: 0 },
    ]);
  });

  test("invalid parameters are reported, and stellenplan refuses them (a caller bug)", () => {
    expect(codes(stellenplanIssues({ ...P, costPerVzae: 0 }))).toEqual(["vzae-invalid"]);
    expect(stellenplanIssues({ ...P, strand2Vzae: -1 })[0].message).toBe(
      "Personal: VZÄ für das Kommunikations- und Nachbarschaftszentrum -1: erwartet wird eine Zahl ≥ 0.",
    );
    expect(() => stellenplan([], [], { ...P, step: 0 })).toThrow(SrbUsageError);
    expect(() => stellenplan([], [kita("X", "Nirgendwo", 1)], P)).toThrow(SrbUsageError);
  });
});

describe("helpers", () => {
  test("stepsFor never pays more than the money; exact money gives the exact steps", () => {
    expect(stepsFor(10000000, 1125000)).toBe(8);
    expect(stepsFor(3375000, 1125000)).toBe(3);
    expect(stepsFor(0, 1125000)).toBe(0);
    expect(stepsOfVzae(0.3, 0.1)).toEqual({ steps: 3, rounded: false });
  });

  test("scaleRequests: proportional in whole steps, never above a request", () => {
    expect(scaleRequests([8, 4], 9)).toEqual([6, 3]);
    expect(scaleRequests([2, 2, 2], 4)).toEqual([2, 1, 1]);
    expect(scaleRequests([1, 3], 10)).toEqual([1, 3]);
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 8 }), fc.nat(60), (requests, available) => {
        const out = scaleRequests(requests, available);
        const total = requests.reduce((a, b) => a + b, 0);
        expect(out.reduce((a, b) => a + b, 0)).toBe(Math.min(total, available));
        out.forEach((k, i) => expect(k).toBeLessThanOrEqual(requests[i]));
      }),
    );
  });

  test("traegerSummary on an empty plan is empty", () => {
    expect(traegerSummary([], 0.25)).toEqual([]);
  });
});

// ── properties ───────────────────────────────────────────────────────────────────────────────────────
const AREAS = ["Nord", "Süd", "Ost", "West"];
const unitArb = fc.record({
  area: fc.constantFrom(...AREAS),
  index: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null, freq: 8 }),
  children: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null, freq: 8 }),
  sozialarbeit: fc.boolean(),
  interkulturell: fc.boolean(),
  strand2: fc.boolean(),
  strand4: fc.boolean(),
  strand4Vzae: fc.option(fc.constantFrom(0, 0.25, 0.3, 0.5, 1, 2, 3.75), { nil: null }),
  traeger: fc.option(fc.constantFrom("Caritas", "Diakonie", "Stadt", "AWO"), { nil: null }),
});
const caseArb = fc.record({
  units: fc.array(unitArb, { minLength: 1, maxLength: 14 }),
  amounts: fc.array(fc.integer({ min: 0, max: 50_000_000 }), {
    minLength: AREAS.length,
    maxLength: AREAS.length,
  }),
  cost: fc.oneof(fc.constantFrom(75000, 61234.57, 58000), fc.integer({ min: 20000, max: 120000 })),
  landShare: fc.constantFrom(0.6, 0.5, 0.75, 1),
  step: fc.constantFrom(0.25, 0.5, 0.1, 1),
  strand2Vzae: fc.constantFrom(0, 0.5, 1, 0.3),
  within: fc.constantFrom("index" as const, "index-children" as const),
  unspent: fc.constantFrom("keep" as const, "redistribute" as const),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { areas: StellenplanArea[]; units: StellenplanUnit[]; p: StellenplanParameters } {
  const used = AREAS.filter((a) => c.units.some((u) => u.area === a));
  const total = used.reduce((s, a) => s + c.amounts[AREAS.indexOf(a)], 0);
  const areas = used.map((a) => {
    const cents = c.amounts[AREAS.indexOf(a)];
    return { name: a, amount: cents / 100, share: total > 0 ? cents / total : 0 };
  });
  const units = c.units.map((u, i) => ({
    id: `K${i + 1}`,
    area: u.area,
    row: i + 2,
    index: u.index,
    children: u.children,
    eligible: {
      ...NONE,
      sozialarbeit: u.sozialarbeit,
      interkulturell: u.interkulturell,
      nachbarschaftszentrum: u.strand2,
      zusatzpersonal: u.strand4,
    },
    strand4Vzae: u.strand4Vzae,
    traeger: u.traeger,
  }));
  const p: StellenplanParameters = {
    costPerVzae: c.cost,
    step: c.step,
    kofinanzierung: { landShare: c.landShare, municipalShare: Math.round((1 - c.landShare) * 100) / 100 },
    strand2Vzae: c.strand2Vzae,
    within: c.within,
    unspent: c.unspent,
  };
  return { areas, units, p };
}

const RUNS = { numRuns: 300 };
const cents = (x: number) => Math.round(x * 100);

describe("invariants (SPEC.md §5)", () => {
  test("per area Σ unit € + nicht verplant = amount (+ received − given) to the cent; nothing is lost overall", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { areas, units, p } = build(c);
        const plan = stellenplan(areas, units, p);
        plan.areas.forEach((a, r) => {
          const unitSum = units.reduce(
            (s, u, i) => s + (u.area === a.name ? cents(plan.units[i].amount) : 0),
            0,
          );
          expect(unitSum).toBe(cents(a.planned));
          expect(unitSum + cents(a.unplanned)).toBe(cents(a.available));
          expect(cents(a.available)).toBe(cents(areas[r].amount) + cents(a.received) - cents(a.given));
          expect(cents(a.unplanned)).toBeGreaterThanOrEqual(0);
        });
        const given = plan.areas.reduce((s, a) => s + cents(a.given), 0);
        const received = plan.areas.reduce((s, a) => s + cents(a.received), 0);
        expect(received).toBe(given);
      }),
      RUNS,
    );
  });

  test("Σ VZÄ · cost · landShare ≤ what the area has; every VZÄ is a whole number of steps", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { areas, units, p } = build(c);
        const plan = stellenplan(areas, units, p);
        plan.areas.forEach((a) => {
          const vzae = units.reduce((s, u, i) => s + (u.area === a.name ? plan.units[i].vzae : 0), 0);
          expect(vzae * p.costPerVzae * p.kofinanzierung.landShare).toBeLessThanOrEqual(a.available + 1e-6);
        });
        plan.units.forEach((u) => {
          const steps = u.vzae / p.step;
          expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
          expect(u.vzae).toBeCloseTo(u.strand4Vzae + u.strand2Vzae + u.indexVzae, 9);
        });
      }),
      RUNS,
    );
  });

  test("set-asides do not change when any index changes", () => {
    const indicesArb = fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), {
      minLength: 14,
      maxLength: 14,
    });
    fc.assert(
      fc.property(caseArb, indicesArb, (c, indices) => {
        const { areas, units, p } = build({ ...c, unspent: "keep" });
        const before = stellenplan(areas, units, p);
        const after = stellenplan(
          areas,
          units.map((u, i) => ({ ...u, index: indices[i] })),
          p,
        );
        expect(after.units.map((u) => [u.strand4Vzae, u.strand2Vzae])).toEqual(
          before.units.map((u) => [u.strand4Vzae, u.strand2Vzae]),
        );
      }),
      RUNS,
    );
  });

  test("Träger totals equal the Kita totals", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { areas, units, p } = build(c);
        const plan = stellenplan(areas, units, p);
        const sum = (xs: number[]) => xs.reduce((s, x) => s + cents(x), 0);
        expect(sum(plan.traeger.map((t) => t.amount))).toBe(sum(plan.units.map((u) => u.amount)));
        expect(sum(plan.traeger.map((t) => t.municipal))).toBe(sum(plan.units.map((u) => u.municipal)));
        expect(sum(plan.traeger.map((t) => t.personnelVolume))).toBe(
          sum(plan.units.map((u) => u.personnelVolume)),
        );
        expect(plan.traeger.reduce((s, t) => s + t.units, 0)).toBe(units.length);
        const vzae = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / p.step);
        expect(vzae(plan.traeger.map((t) => t.vzae))).toBe(vzae(plan.units.map((u) => u.vzae)));
      }),
      RUNS,
    );
  });

  test("the order of the Kitas in the list changes nothing (rows stay with their Kitas)", () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray([...c.units.keys()], { minLength: c.units.length })),
        ),
        ([c, permutation]) => {
          const { areas, units, p } = build(c);
          const plan = stellenplan(areas, units, p);
          const shuffled = stellenplan(
            areas,
            permutation.map((i) => units[i]),
            p,
          );
          permutation.forEach((i, k) => expect(shuffled.units[k]).toEqual(plan.units[i]));
          expect(shuffled.areas).toEqual(plan.areas);
          expect(shuffled.traeger).toEqual(plan.traeger);
          expect(codes(shuffled.issues).sort()).toEqual(codes(plan.issues).sort());
        },
      ),
      RUNS,
    );
  });
});

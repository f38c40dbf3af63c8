/**
 * Carry forward with a Stellenplan and with the Bremen rule set (SPEC §5, §5a): the staff plan is re-derived
 * from the carried area amounts with the adopted index and eligibility; Bremen keeps the adopted VZÄ.
 */
import fc from "fast-check";
import { adoptionOf, indicatorRanges, readAdoption, type Adoption } from "../../src/engine/adoption";
import { carriedAllocation } from "../../src/engine/carryForward";
import { DEFAULT_BREMEN_RULES, type Model } from "../../src/engine/model";
import type { Dataset } from "../../src/engine/dataset";
import { allocate, resolved } from "../helpers/resolved";
import { dataset, model, unit, workedExample } from "./fixtures";
import { adoptedWithCentre, WITHOUT_COST } from "../helpers/carriedFixtures";
import { resultsUnit } from "../../src/engine/results";

/** Adopt an allocation and read it back as the workbook stores it (JSON). */
function adopt(m: Model, ds: Dataset): Adoption {
  const r = resolved(m);
  const adoption = adoptionOf(allocate(r, ds), {
    date: "2027-03-15",
    checksum: "",
    goalposts: indicatorRanges(r, ds),
  });
  return readAdoption(JSON.parse(JSON.stringify(adoption))).adoption!;
}

/** The worked example with a Stellenplan: 100.000 €, 50.000 € per VZÄ, Land share 0,6 → a 0,25 step costs 7.500 €. */
function planned(budget = 100_000): Model {
  const m = model({}, budget);
  return { ...m, budget: { total: budget, costPerVzae: 50_000 } };
}

describe("carried-forward Stellenplan", () => {
  test("worked example: 130.000 € by 5/13 : 8/13, staff steps re-derived from the new amounts", () => {
    // adopted (100.000 €): Nord 38.461,54 € → K1 0,5 VZÄ, K2 0,75 VZÄ, 961,54 € nicht verplant.
    // carried to 130.000 €: Nord 50.000 €, Süd 80.000 €.
    // Nord: 50.000 / 7.500 = 6,67 → 6 steps by index 25 : 37,5 → quotas 2,4 : 3,6 → 2 + 3, the 6th step to
    // K2 (larger remainder) → K1 0,5 VZÄ (15.000 €), K2 1,0 VZÄ (30.000 €), nicht verplant 5.000 €.
    // Süd: 80.000 / 7.500 = 10,67 → 10 steps by 87,5 : 12,5 → 8,75 : 1,25 → 8 + 1, the 10th to K3
    // → K3 2,25 VZÄ (67.500 €), K4 0,25 VZÄ (7.500 €), nicht verplant 5.000 €.
    const adoption = adopt(planned(), workedExample());
    expect(adoption.units.map((u) => u.plan?.vzae)).toEqual([0.5, 0.75, 1.75, 0.25]);
    const carried = carriedAllocation(adoption, 130_000);
    expect(carried.areas.map((a) => [a.name, a.amount, a.unplanned])).toEqual([
      ["Nord", 50_000, 5_000],
      ["Süd", 80_000, 5_000],
    ]);
    expect(carried.units.map((u) => [u.id, u.plan?.vzae, u.plan?.amount, u.proposedAmount])).toEqual([
      ["K1", 0.5, 15_000, 15_000],
      ["K2", 1, 30_000, 30_000],
      ["K3", 2.25, 67_500, 67_500],
      ["K4", 0.25, 7_500, 7_500],
    ]);
    // municipal part 40 % of the personnel volume: K2 1,0 VZÄ · 50.000 € · 0,4
    expect(carried.units[1].plan?.municipal).toBe(20_000);
    expect(carried.units.map((u) => u.plan?.strands)).toEqual(adoption.units.map((u) => u.plan?.strands));
  });

  test("the adopted budget carried forward gives the adopted staff plan", () => {
    const adoption = adopt(planned(), workedExample());
    const carried = carriedAllocation(adoption, 100_000);
    expect(carried.units.map((u) => u.plan?.vzae)).toEqual(adoption.units.map((u) => u.plan?.vzae));
    expect(carried.areas.map((a) => a.unplanned)).toEqual([961.54, 1538.46]);
  });

  test("this year's cost per VZÄ (a tariff rise) is used, the adopted one otherwise", () => {
    // 60.000 € per VZÄ: a step costs 9.000 €; Nord 50.000 € → 5 steps by 25 : 37,5 → 2 : 3
    const adoption = adopt(planned(), workedExample());
    const carried = carriedAllocation(adoption, 130_000, {
      costPerVzae: 60_000,
      vzaeStep: 0.25,
      kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
    });
    expect(carried.model.budget.costPerVzae).toBe(60_000);
    expect(carried.units.slice(0, 2).map((u) => u.plan?.vzae)).toEqual([0.5, 0.75]);
    expect(carried.areas[0].unplanned).toBe(5_000);
  });

  test("the budget year is this year's, when the new model names one", () => {
    // a Landkreis' Vorlage of the carried-forward 2028 said „Sozialraumbudget 2027“ and „Haushaltsjahr 2027“
    const adopted = planned();
    const adoption = adopt({ ...adopted, budget: { ...adopted.budget, year: 2027 } }, workedExample());
    const current = {
      costPerVzae: 50_000,
      vzaeStep: 0.25,
      kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
    };
    expect(carriedAllocation(adoption, 130_000, { ...current, year: 2028 }).model.budget.year).toBe(2028);
    // a new model without a year, or none at all: the adopted year stays
    expect(carriedAllocation(adoption, 130_000, { ...current, year: null }).model.budget.year).toBe(2027);
    expect(carriedAllocation(adoption, 130_000).model.budget.year).toBe(2027);
  });

  test("invalid budget parameters of this year are an error, not a crash", () => {
    const adoption = adopt(planned(), workedExample());
    const carried = carriedAllocation(adoption, 130_000, {
      costPerVzae: -1,
      vzaeStep: 0.25,
      kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
    });
    expect(carried.issues.some((i) => i.level === "error")).toBe(true);
  });

  test("property: per Sozialraum Σ € + nicht verplant = amount to the cent, the amounts add up to the budget, staff never costs more than the amount", () => {
    const adoption = adopt(planned(), workedExample());
    const stepCost = 50_000 * 0.6;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (budgetCents) => {
        const carried = carriedAllocation(adoption, budgetCents / 100);
        const areaCents = carried.areas.map((a) => Math.round(a.amount * 100));
        expect(areaCents.reduce((s, c) => s + c, 0)).toBe(budgetCents);
        carried.areas.forEach((a, r) => {
          const inArea = carried.units.filter((u) => u.area === a.name);
          const units = inArea.reduce((s, u) => s + Math.round((u.plan?.amount ?? 0) * 100), 0);
          expect(units + Math.round((a.unplanned ?? 0) * 100)).toBe(areaCents[r]);
          const vzae = inArea.reduce((s, u) => s + (u.plan?.vzae ?? 0), 0);
          expect(vzae * stepCost).toBeLessThanOrEqual(a.amount + 1e-6);
        });
        expect(carried.areas.map((a) => a.share)).toEqual(adoption.areas.map((a) => a.share));
      }),
      { numRuns: 100 },
    );
  });
});

describe("carried-forward Bremen rule set", () => {
  test("each Kita keeps its adopted VZÄ; a funded Kita gets the regular Sachkosten (nobody is new)", () => {
    // adopted: K1 (80 Kinder, Index 70) and K2 (80, 60) funded 0,5 VZÄ, K2 in its first year (5.000 €);
    // K3 (80, 45) not funded. Carried forward: K1 0,5 VZÄ 2.500 €, K2 0,5 VZÄ 2.500 €, K3 nothing.
    const m = { ...model(), ruleSet: "bremen" as const, bremen: DEFAULT_BREMEN_RULES };
    m.data = { ...m.data, kitaIndex: "Kita-Index" };
    const ds = dataset([
      unit("K1", "Nord", [10, 0, 0], { children: 80, kitaIndex: 70 }),
      unit("K2", "Nord", [20, 10, 50], { children: 80, kitaIndex: 60, firstYear: true }),
      unit("K3", "Süd", [30, 5, 100], { children: 80, kitaIndex: 45 }),
    ]);
    const adoption = adopt(m, ds);
    expect(adoption.units.map((u) => u.bremen?.sachkosten)).toEqual([2500, 5000, 0]);
    const carried = carriedAllocation(adoption, 2000);
    expect(
      carried.units.map((u) => [u.id, u.bremen?.kitaIndex, u.bremen?.vzae, u.bremen?.sachkosten]),
    ).toEqual([
      ["K1", 70, 0.5, 2500],
      ["K2", 60, 0.5, 2500],
      ["K3", 45, 0, 0],
    ]);
    expect(carried.units[1].bremen?.reason).toBe(
      "Fortgeschrieben (Beschluss vom 15.03.2027): 0,5 VZÄ; Sachkosten 2.500,00\u00a0€",
    );
    expect(carried.units[2].bremen?.reason).toBe(
      "Fortgeschrieben (Beschluss vom 15.03.2027): keine eigene Stelle (wie beschlossen)",
    );
  });
});

describe("carried forward without a cost per VZÄ: the adopted set-asides stay known", () => {
  test("worked example: K2's 30.800 € carry 20.533,33 € of Nachbarschaftszentrum (0,5 of its 0,75 adopted VZÄ)", () => {
    const adoption = adoptedWithCentre();
    expect(adoption.units.map((u) => [u.id, u.plan?.vzae, u.plan?.strand2Vzae, u.amount])).toEqual([
      ["K1", 0.25, 0, 7_500],
      ["K2", 0.75, 0.5, 22_500],
      ["K3", 1.25, 0, 37_500],
      ["K4", 0, 0, 0],
      ["K5", 0.25, 0, 7_500],
      ["K6", 0.75, 0, 22_500],
    ]);
    // 130.000 €: Nord 51.333,33 € by the adopted 7.500 : 22.500 : 7.500 = 1 : 3 : 1 → K1 10.266,67 €,
    // K2 30.800 €, K5 10.266,66 €. K2's 3.080.000 cents by 0,25 VZÄ by index : 0,5 set aside = 1 : 2 →
    // quotas 1.026.666,67 : 2.053.333,33, the odd cent to the larger remainder (the index part) →
    // 10.266,67 € by index, 20.533,33 € carry the Nachbarschaftszentrum. Süd 78.666,67 € by 5 : 0 : 3.
    const carried = carriedAllocation(adoption, 130_000, WITHOUT_COST);
    expect(carried.units.map((u) => [u.id, u.plan, u.proposedAmount, u.carriedSetAside])).toEqual([
      ["K1", undefined, 10_266.67, undefined],
      ["K2", undefined, 30_800, 20_533.33],
      ["K3", undefined, 49_166.67, undefined],
      ["K4", undefined, 0, undefined],
      ["K5", undefined, 10_266.66, undefined],
      ["K6", undefined, 29_500, undefined],
    ]);
  });

  test("results.json lists the part with K2, and only there", () => {
    const carried = carriedAllocation(adoptedWithCentre(), 130_000, WITHOUT_COST);
    expect(carried.units.map((_, e) => resultsUnit(carried, e).carriedSetAside)).toEqual([
      undefined,
      20_533.33,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("adopted again and carried on, the breakdown stays: a year later K2's part is still 2/3 of its €", () => {
    const carried = carriedAllocation(adoptedWithCentre(), 130_000, WITHOUT_COST);
    const json = adoptionOf(carried, { date: "2028-03-15", checksum: "", goalposts: {} });
    const again = readAdoption(JSON.parse(JSON.stringify(json))).adoption!;
    expect(again.units[1]).toMatchObject({ amount: 30_800, setAside: 20_533.33 });
    expect(again.units[1].plan).toBeUndefined();
    // 2029: the same 130.000 € give the same split; 260.000 € give K2 twice its € (to the cent), the part
    // within a cent of 20.533,33 : 30.800 of them
    expect(carriedAllocation(again, 130_000, WITHOUT_COST).units[1].carriedSetAside).toBe(20_533.33);
    const doubled = carriedAllocation(again, 260_000, WITHOUT_COST).units[1];
    expect(Math.abs(Math.round(doubled.proposedAmount * 100) - 6_160_000)).toBeLessThanOrEqual(1);
    const expected = (doubled.proposedAmount * 100 * 2_053_333) / 3_080_000;
    expect(Math.abs(Math.round(doubled.carriedSetAside! * 100) - expected)).toBeLessThan(1);
  });

  test("with a cost per VZÄ the Stellenplan carries the breakdown itself: nothing extra", () => {
    const carried = carriedAllocation(adoptedWithCentre(), 130_000);
    expect(carried.units.some((u) => u.carriedSetAside !== undefined)).toBe(false);
    expect(carried.units[1].plan?.strand2Vzae).toBe(0.5);
  });

  test("property: the set-aside part is whole cents, within a cent of its VZÄ share of the Kita's amount", () => {
    const adoption = adoptedWithCentre();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (cents) => {
        const k2 = carriedAllocation(adoption, cents / 100, WITHOUT_COST).units[1];
        const part = Math.round((k2.carriedSetAside ?? 0) * 100);
        expect(part).toBeCloseTo((k2.carriedSetAside ?? 0) * 100, 6);
        expect(part).toBeLessThanOrEqual(Math.round(k2.proposedAmount * 100));
        expect(Math.abs(part - (k2.proposedAmount * 100 * 2) / 3)).toBeLessThan(1);
      }),
      { numRuns: 200 },
    );
  });
});

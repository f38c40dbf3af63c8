/**
 * The Stellenplan inside the allocation (SPEC §5, §8): with a cost per VZÄ every unit carries its plan,
 * every area its „nicht verplant“, the Träger summary is there when the model names the column, and
 * results.json has `units[].plan` and `areas[].unplanned` with the fixed names.
 */
import fc from "fast-check";
import { allocate } from "../../src/engine/allocate";
import type { Model } from "../../src/engine/model";
import { toResultsJson } from "../../src/engine/results";
import { dataset, model, unit } from "./fixtures";

/** 72.000 € per VZÄ, Land share 0,6, step 0,25: one step costs the budget 10.800 €. */
function planModel(budget: number, extra: Partial<Model> = {}): Model {
  const m = model({}, budget);
  return {
    ...m,
    data: { ...m.data, strand2: "KNZ", strand4: "Zusatz", strand4Vzae: "VZÄ Zusatz", traeger: "Träger" },
    budget: {
      ...m.budget,
      costPerVzae: 72000,
      vzaeStep: 0.25,
      kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
    },
    ...extra,
  };
}

function town() {
  return dataset([
    // Nord: K1 has the lowest index of all and hosts the Nachbarschaftszentrum
    unit("K1", "Nord", [0, 10, 0], { children: 40, strand2: true, traeger: "Stadt" }),
    unit("K2", "Nord", [20, 0, 50], { children: 60, traeger: "Caritas" }),
    unit("K3", "Süd", [30, 5, 100], {
      children: 80,
      strand4: true,
      strand4Reason: "Inklusion",
      strand4Vzae: 0.5,
      traeger: "Caritas",
    }),
    unit("K4", "Süd", [25, 2, 80], { children: 50, traeger: null }),
  ]);
}

test("every unit carries its plan; the area's € add up with nicht verplant to its amount", () => {
  const a = allocate(planModel(300000), town());
  expect(a.issues.filter((i) => i.level === "error")).toEqual([]);
  const k1 = a.units.find((u) => u.id === "K1")!;
  expect(k1.plan).toMatchObject({ strand2Vzae: 0.5, amount: 21600, strands: ["nachbarschaftszentrum"] });
  const k3 = a.units.find((u) => u.id === "K3")!;
  expect(k3.plan?.strand4Vzae).toBe(0.5);
  expect(k3.plan?.strands).toContain("zusatzpersonal");
  for (const area of a.areas) {
    const units = a.units.filter((u) => u.area === area.name);
    const cents = units.reduce((s, u) => s + Math.round(u.plan!.amount * 100), 0);
    expect(cents + Math.round(area.unplanned! * 100)).toBe(Math.round(area.amount * 100));
    expect(area.unplanned!).toBeLessThan(10800 * units.length);
    units.forEach((u) => expect(u.proposedAmount).toBe(u.plan!.amount));
  }
  const traegerCents = a.traeger!.reduce((s, t) => s + Math.round(t.amount * 100), 0);
  expect(traegerCents).toBe(a.units.reduce((s, u) => s + Math.round(u.plan!.amount * 100), 0));
  expect(a.traeger!.map((t) => t.traeger)).toEqual(["Stadt", "Caritas", "ohne Angabe"]);
});

test("results.json: units[].plan = { amount, municipal, vzae, strands } and areas[].unplanned (SPEC §8)", () => {
  const a = allocate(planModel(300000), town());
  const json = JSON.parse(JSON.stringify(toResultsJson(300000, a, a.issues))) as {
    units: { plan: { amount: number; municipal: number; vzae: number; strands: string[] } }[];
    areas: { unplanned: number }[];
    traeger: unknown[];
  };
  for (const u of json.units) {
    expect(Object.keys(u.plan)).toEqual(expect.arrayContaining(["amount", "municipal", "vzae", "strands"]));
    expect(
      u.plan.strands.every((s) =>
        ["sozialarbeit", "nachbarschaftszentrum", "interkulturell", "zusatzpersonal"].includes(s),
      ),
    ).toBe(true);
  }
  json.areas.forEach((area) => expect(typeof area.unplanned).toBe("number"));
  expect(json.traeger).toHaveLength(3);
});

test("without a cost per VZÄ there is no plan: the area amount is split by Gesamtindex as before", () => {
  const m = planModel(300000);
  const a = allocate({ ...m, budget: { total: 300000 } }, town());
  expect(a.units.every((u) => u.plan === undefined)).toBe(true);
  expect(a.areas.every((x) => x.unplanned === undefined)).toBe(true);
  expect(a.traeger).toBeUndefined();
});

test("rules.unspent redistribute: an area without eligible Kita hands its amount to the others", () => {
  // Süd's only Kita has index 0 (lowest in everything) and no flag: not eligible
  const d = dataset([
    unit("K1", "Nord", [30, 0, 100], { children: 40 }),
    unit("K2", "Nord", [20, 5, 50], { children: 60 }),
    unit("K3", "Süd", [0, 10, 0], { children: 80 }),
  ]);
  // Süd's area index is 0, so it gets money only from a Sockel (half the budget, equal per area)
  const m = planModel(200000, { options: { ...model().options, sockel: { fraction: 0.5, by: "equal" } } });
  const keep = allocate(m, d);
  const sued = (x: typeof keep) => x.areas.find((r) => r.name === "Süd")!;
  expect(sued(keep).amount).toBe(50000);
  expect(sued(keep).unplanned).toBe(sued(keep).amount);
  expect(keep.issues.map((i) => i.code)).toContain("area-unspent");
  const moved = allocate({ ...m, rules: { unspent: "redistribute" } }, d);
  expect(sued(moved).unplanned).toBe(0);
  expect(sued(moved).plan?.given).toBe(sued(moved).amount);
  expect(moved.issues.map((i) => i.code)).toContain("area-unspent-redistributed");
});

test("property: the row order of the dataset changes no plan", () => {
  fc.assert(
    fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4 }), (perm) => {
      const base = town();
      const a = allocate(planModel(300000), base);
      const b = allocate(planModel(300000), { ...base, units: perm.map((i) => base.units[i]) });
      const byId = (x: typeof a) => Object.fromEntries(x.units.map((u) => [u.id, u.plan]));
      expect(byId(b)).toEqual(byId(a));
      expect(b.traeger).toEqual(a.traeger);
    }),
    { numRuns: 24 },
  );
});

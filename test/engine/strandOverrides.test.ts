/**
 * Angepasste VZÄ je Strang (SPEC §5 point 5): read back from the Einrichtungen sheet, checked with the cell,
 * and the plan that counts — per Kita, per Sozialraum (nicht verplant) — follows them.
 * Money: 72.000 € per VZÄ, Land share 0,6, step 0,25 → one VZÄ costs the budget 43.200 €.
 */
import fc from "fast-check";
import { allocate } from "../helpers/resolved";
import type { Allocation } from "../../src/engine/allocation";
import { overriddenPlan, readStrandOverrides, OVERRIDE_HEADERS } from "../../src/engine/strandOverrides";
import type { CellValue, RawTable } from "../../src/engine/table";
import { dataset, model, unit } from "./fixtures";

function planAllocation(): Allocation {
  const m = model({}, 300000);
  return allocate(
    {
      ...m,
      data: { ...m.data, strand2: "KNZ", strand4: "Zusatz", strand4Vzae: "VZÄ Zusatz", traeger: "Träger" },
      budget: {
        ...m.budget,
        costPerVzae: 72000,
        vzaeStep: 0.25,
        kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
      },
    },
    dataset([
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
    ]),
  );
}

/** An Einrichtungen sheet as SRB wrote it (only the columns that matter), with `cells` typed per Kita. */
function sheetWith(cells: Record<string, CellValue[]>, first = "Einrichtung"): RawTable {
  const ids = ["K1", "K2", "K3", "K4"];
  return {
    sheet: "Einrichtungen",
    headers: [first, "Sozialraum", "VZÄ (Vorschlag)", ...OVERRIDE_HEADERS, "VZÄ (gilt)"],
    rows: [
      ...ids.map((id) => [id, "Nord", 1, ...(cells[id] ?? [null, null, null, null]), 1]),
      ...Object.keys(cells)
        .filter((id) => !ids.includes(id))
        .map((id) => [id, "Nord", 1, ...cells[id], 1]),
      ["Summe", null, 4, 0, 0, 0, 0, 4],
      [],
      ["Stellenplan je Sozialraum"],
    ],
  };
}

const a = planAllocation();

describe("readStrandOverrides", () => {
  test("worked example: K2 Strang 1 = 0,25 and Strang 3 = 0,5 are read; empty cells mean the proposal", () => {
    const read = readStrandOverrides(sheetWith({ K2: [0.25, null, 0.5, null] }), a.units, 0.25);
    expect(read.issues).toEqual([]);
    expect([...read.overrides]).toEqual([["K2", [0.25, null, 0.5, null]]]);
  });

  test("text like „0,75“ counts as a number; the total row „Summe“ and the blocks below are not read", () => {
    const read = readStrandOverrides(sheetWith({ K1: ["0,75", " ", null, null] }), a.units, 0.25);
    expect([...read.overrides]).toEqual([["K1", [0.75, null, null, null]]]);
  });

  test("not a number, negative, not a whole step: a warning with the cell, the value is not taken", () => {
    const read = readStrandOverrides(
      sheetWith({
        K1: ["viel", null, null, null],
        K2: [null, -0.5, null, null],
        K3: [null, null, 0.3, 0.25],
      }),
      a.units,
      0.25,
    );
    expect(read.issues.map((i) => [i.level, i.code, i.sheet, i.cell, i.message])).toEqual([
      [
        "warning",
        "override-vzae-invalid",
        "Einrichtungen",
        "D2",
        "Blatt „Einrichtungen“, Zelle D2 („VZÄ Strang 1 (angepasst)“, Einrichtung „K1“): „viel“ ist keine Zahl; erwartet werden VZÄ wie 0,5. Der Wert wird nicht übernommen.",
      ],
      [
        "warning",
        "override-vzae-invalid",
        "Einrichtungen",
        "E3",
        "Blatt „Einrichtungen“, Zelle E3 („VZÄ Strang 2 (angepasst)“, Einrichtung „K2“): -0,5 ist negativ; erwartet werden VZÄ ab 0. Der Wert wird nicht übernommen.",
      ],
      [
        "warning",
        "override-vzae-invalid",
        "Einrichtungen",
        "F4",
        "Blatt „Einrichtungen“, Zelle F4 („VZÄ Strang 3 (angepasst)“, Einrichtung „K3“): 0,3 ist kein ganzes Vielfaches der VZÄ-Schrittweite 0,25 (z. B. 0,25 oder 0,5). Der Wert wird nicht übernommen.",
      ],
    ]);
    // K3's valid strand-4 value still counts; K1 and K2 keep the proposal
    expect([...read.overrides]).toEqual([["K3", [null, null, null, 0.25]]]);
  });

  test("a Kita no longer in the data: a warning naming its row; publication codes find their Kita", () => {
    const gone = readStrandOverrides(sheetWith({ "Kita alt": [0.5, null, null, null] }), a.units, 0.25);
    expect(gone.issues.map((i) => [i.code, i.cell])).toEqual([["override-unknown-unit", "A6"]]);
    expect(gone.overrides.size).toBe(0);
    const k2 = a.units.find((u) => u.id === "K2")!;
    const coded: RawTable = {
      sheet: "Einrichtungen",
      headers: ["Einrichtung (Code)", ...OVERRIDE_HEADERS],
      rows: [[k2.code, 0.5, null, null, null]],
    };
    expect([...readStrandOverrides(coded, a.units, 0.25).overrides]).toEqual([
      ["K2", [0.5, null, null, null]],
    ]);
  });

  test("a sheet that is not SRB's Einrichtungen sheet gives nothing", () => {
    const other: RawTable = { sheet: "Einrichtungen", headers: ["Name", "Wert"], rows: [["K1", 0.5]] };
    expect(readStrandOverrides(other, a.units, 0.25)).toEqual({ overrides: new Map(), issues: [] });
  });
});

describe("overriddenPlan", () => {
  test("without overrides it is the engine's plan, to the cent", () => {
    const plan = overriddenPlan(a, new Map());
    a.units.forEach((u, i) => {
      expect(plan.units[i]).toEqual(
        expect.objectContaining({
          overridden: false,
          vzae: u.plan!.vzae,
          amount: u.plan!.amount,
          municipal: u.plan!.municipal,
          personnelVolume: u.plan!.personnelVolume,
        }),
      );
    });
    a.areas.forEach((area, i) => expect(plan.areas[i].unplanned).toBe(area.unplanned));
    expect(plan.issues).toEqual([]);
  });

  test("worked example: K2 counts 0,25 + 0,5 = 0,75 VZÄ → 54.000 € volume, 32.400 € Land, 21.600 € kommunal", () => {
    const plan = overriddenPlan(a, new Map([["K2", [0.25, null, 0.5, null]]]));
    const k2 = plan.units[1];
    expect(k2).toEqual({
      overrides: [0.25, null, 0.5, null],
      overridden: true,
      vzae: 0.75,
      personnelVolume: 54000,
      amount: 32400,
      municipal: 21600,
    });
    // Nord: K1 keeps its 0,5 VZÄ of strand 2 (21.600 €); nicht verplant = Nord's amount − 21.600 − 32.400
    const nord = plan.areas[0];
    const k1 = a.units[0].plan!.amount;
    expect(k1).toBe(21600);
    expect(nord.amount).toBe(54000);
    expect(nord.vzae).toBe(1.25);
    expect(Math.round(nord.unplanned * 100)).toBe(Math.round((a.areas[0].amount - 54000) * 100));
    // Süd unchanged
    expect(plan.areas[1].unplanned).toBe(a.areas[1].unplanned);
  });

  test("overrides that cost more than the area has: nicht verplant negative and a warning naming the area", () => {
    const plan = overriddenPlan(a, new Map([["K2", [10, null, null, null]]]));
    expect(plan.areas[0].unplanned).toBeLessThan(0);
    expect(plan.issues.map((i) => [i.level, i.code])).toEqual([["warning", "override-overspent"]]);
    expect(plan.issues[0].message).toMatch(
      /^Sozialraum „Nord“: die angepassten VZÄ kosten das Budget 453\.600,00 €/,
    );
  });

  test("property: per area Σ Landesanteil + nicht verplant = available to the cent, for any whole-step overrides", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }), { minLength: 4, maxLength: 4 }),
          {
            minLength: 4,
            maxLength: 4,
          },
        ),
        (steps) => {
          const overrides = new Map(
            a.units.map((u, i) => [u.id, steps[i].map((s) => (s === null ? null : s * 0.25))]),
          );
          const plan = overriddenPlan(a, overrides);
          plan.areas.forEach((area) => {
            const land = a.units
              .map((u, i) => (u.area === area.name ? Math.round(plan.units[i].amount * 100) : 0))
              .reduce((s, c) => s + c, 0);
            expect(land + Math.round(area.unplanned * 100)).toBe(Math.round(area.available * 100));
          });
          plan.units.forEach((x) => {
            expect(Math.round((x.personnelVolume - x.amount - x.municipal) * 100)).toBe(0);
          });
        },
      ),
    );
  });
});

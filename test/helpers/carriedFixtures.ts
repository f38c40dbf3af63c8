/**
 * An adopted allocation with a set-aside, for the carry-forward tests of the engine and of the publication
 * sheets: the worked example (test/engine/fixtures.ts) adopted with a Stellenplan (100.000 €, 50.000 € per
 * VZÄ, Land share 0,6; K5 and K6 added) where K2 is Nord's Nachbarschaftszentrum — K2 0,75 VZÄ (22.500 €)
 * of which 0,5 are set aside for strand 2, K1 and K5 0,25 VZÄ by index — read back as the workbook stores it.
 */
import { adoptionOf, indicatorRanges, readAdoption, type Adoption } from "../../src/engine/adoption";
import type { CarryForwardBudget } from "../../src/engine/carryForward";
import { allocate, resolved } from "./resolved";
import { dataset, model, unit } from "../engine/fixtures";

export function adoptedWithCentre(): Adoption {
  const m = model({}, 100_000);
  const r = resolved({
    ...m,
    data: { ...m.data, strand2: "KNZ" },
    budget: { total: 100_000, costPerVzae: 50_000 },
  });
  const ds = dataset([
    unit("K1", "Nord", [10, 0, 0], { children: 40 }),
    unit("K2", "Nord", [20, 10, 50], { children: 60, strand2: true }),
    unit("K3", "Süd", [30, 5, 100], { children: 80 }),
    unit("K4", "Süd", [10, 10, 25], { children: 20 }),
    // a third Kita each: a Sozialraum of fewer is withheld from the publication
    unit("K5", "Nord", [15, 5, 30], { children: 50 }),
    unit("K6", "Süd", [20, 8, 60], { children: 30 }),
  ]);
  const adoption = adoptionOf(allocate(r, ds), {
    date: "2027-03-15",
    checksum: "",
    goalposts: indicatorRanges(r, ds),
  });
  return readAdoption(JSON.parse(JSON.stringify(adoption))).adoption!;
}

/** This year's budget parameters without a cost per VZÄ (no Stellenplan). */
export const WITHOUT_COST: CarryForwardBudget = {
  costPerVzae: null,
  vzaeStep: 0.25,
  kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
};

/**
 * Carry forward (SPEC §5a): a new budget by the adopted shares, cent-exact, nothing recomputed.
 */
import fc from "fast-check";
import { adoptionOf, indicatorRanges, readAdoption } from "../../src/engine/adoption";
import { resultsUnit } from "../../src/engine/results";
import { allocate } from "../helpers/resolved";
import { carriedAllocation, carryForward } from "../../src/engine/carryForward";
import { SrbUsageError } from "../../src/engine/issues";
import { model, workedExample } from "./fixtures";

function adopted(budget = 1000) {
  const m = model({}, budget);
  const ds = workedExample();
  return adoptionOf(allocate(m, ds), { date: "2027-03-15", checksum: "", goalposts: indicatorRanges(m, ds) });
}

describe("carryForward", () => {
  test("worked example from the module comment: 1,025 € by 0.6 : 0.4, inside Nord by 400 : 200", () => {
    const r = carryForward(1025, {
      areas: [
        { name: "Nord", share: 0.6 },
        { name: "Süd", share: 0.4 },
      ],
      units: [
        { id: "A", area: "Nord", amount: 400 },
        { id: "B", area: "Nord", amount: 200 },
        { id: "C", area: "Süd", amount: 400 },
      ],
    });
    expect(r.areas.map((a) => [a.name, a.share, a.amount, a.unplanned])).toEqual([
      ["Nord", 0.6, 615, 0],
      ["Süd", 0.4, 410, 0],
    ]);
    expect(r.units.map((u) => [u.id, u.amount])).toEqual([
      ["A", 410],
      ["B", 205],
      ["C", 410],
    ]);
  });

  test("worked example on the adopted worked allocation: 1,300 € by 5/13 : 8/13", () => {
    // Nord 5/13 · 1300 = 500, Süd 8/13 · 1300 = 800; inside Nord K1 : K2 = 153.85 : 230.77 → 200 and 300
    // (quotas 20000.26 and 29999.74 cents), inside Süd K3 : K4 = 538.46 : 76.92 → 700 and 100.
    const carried = carriedAllocation(adopted(), 1300);
    expect(carried.budget).toBe(1300);
    expect(carried.model.budget.total).toBe(1300);
    expect(carried.areas.map((a) => [a.name, a.amount])).toEqual([
      ["Nord", 500],
      ["Süd", 800],
    ]);
    expect(carried.units.map((u) => [u.id, u.proposedAmount])).toEqual([
      ["K1", 200],
      ["K2", 300],
      ["K3", 700],
      ["K4", 100],
    ]);
    // nothing recomputed: index, band and eligibility are the adopted ones
    const adoption = adopted();
    expect(carried.units.map((u) => [u.index, u.band, u.eligible])).toEqual(
      adoption.units.map((u) => [u.index, u.band, u.eligible]),
    );
    expect(carried.areas.map((a) => a.share)).toEqual(adoption.areas.map((a) => a.share));
  });

  test("a hand-edited Beschluss without standard scores: carried, no row of nulls, a warning naming the Beschluss and the Kita", () => {
    // the stored JSON with K2's scores deleted by hand, read back as from the hidden sheet „_SRB“
    const json = JSON.parse(JSON.stringify(adopted())) as { units: Record<string, unknown>[] };
    delete json.units[1].scores;
    const adoption = readAdoption(json).adoption!;
    const carried = carriedAllocation(adoption, 1300);
    // the distribution does not need the scores: the same amounts as from the full Beschluss
    expect(carried.units.map((u) => u.proposedAmount)).toEqual(
      carriedAllocation(adopted(), 1300).units.map((u) => u.proposedAmount),
    );
    const k1 = resultsUnit(carried, 0).scores;
    expect(k1.length).toBeGreaterThan(0);
    expect(k1.every((v) => typeof v === "number")).toBe(true);
    expect(resultsUnit(carried, 1).scores).toEqual([]);
    expect(carried.issues).toEqual([
      {
        level: "warning",
        code: "carry-forward-scores-missing",
        sheet: "",
        cell: "",
        message:
          "In dem Beschluss vom 15.03.2027 fehlen für eine Einrichtung die Standardpunktzahlen der Indikatoren: „K2“ – der gespeicherte Beschluss wurde wohl von Hand bearbeitet. Die Fortschreibung braucht sie nicht (sie verteilt nach den beschlossenen Anteilen); die Ergebnisdatei (JSON) führt für diese Einrichtung keine Standardpunktzahlen auf.",
      },
    ]);
    // adopted again, the next Beschluss does not store a row of nulls for K2 either
    const again = adoptionOf(carried, { date: "2028-03-15", checksum: "", goalposts: {} });
    expect(again.units[1].scores).toBeUndefined();
    expect(again.units[0].scores).toEqual(k1);
  });

  test("a Beschluss with every score: no warning, nothing marked", () => {
    const carried = carriedAllocation(readAdoption(JSON.parse(JSON.stringify(adopted()))).adoption!, 1300);
    expect(carried.issues).toEqual([]);
    expect(carried.scoresNotStored).toBeUndefined();
  });

  test("carrying the adopted budget forward gives the adopted amounts exactly", () => {
    const adoption = adopted(1002240);
    const carried = carriedAllocation(adoption, 1002240);
    expect(carried.areas.map((a) => a.amount)).toEqual(adoption.areas.map((a) => a.amount));
    expect(carried.units.map((u) => u.proposedAmount)).toEqual(adoption.units.map((u) => u.amount));
  });

  test("an area whose Kitas had no amount keeps its money as nicht verplant", () => {
    const r = carryForward(100, {
      areas: [
        { name: "Nord", share: 0.5 },
        { name: "Süd", share: 0.5 },
      ],
      units: [
        { id: "A", area: "Nord", amount: 10 },
        { id: "B", area: "Süd", amount: 0 },
      ],
    });
    expect(r.areas.map((a) => a.unplanned)).toEqual([0, 50]);
    expect(r.units.map((u) => u.amount)).toEqual([50, 0]);
  });

  test("a bad budget is a caller bug", () => {
    expect(() => carryForward(NaN, { areas: [{ name: "N", share: 1 }], units: [] })).toThrow(SrbUsageError);
    expect(() => carryForward(-1, { areas: [{ name: "N", share: 1 }], units: [] })).toThrow(SrbUsageError);
  });

  test("property: the amounts add up to the budget to the cent, shares stay the adopted ones, each amount within a cent of share · budget, units add up to their area", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-3, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        (weights, unitCents, budgetCents) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const areas = weights.map((w, r) => ({ name: `R${r}`, share: w / sum }));
          const units = unitCents.map((c, k) => ({
            id: `K${k}`,
            area: `R${k % weights.length}`,
            amount: c / 100,
          }));
          const budget = budgetCents / 100;
          const r = carryForward(budget, { areas, units });
          const cents = r.areas.map((a) => Math.round(a.amount * 100));
          expect(cents.reduce((s, c) => s + c, 0)).toBe(budgetCents);
          expect(r.areas.map((a) => a.share)).toEqual(areas.map((a) => a.share));
          r.areas.forEach((a, i) => {
            expect(Math.abs(cents[i] - areas[i].share * budgetCents)).toBeLessThan(1 + 1e-6);
            const inArea = r.units.filter((u) => u.area === a.name);
            const unitSum = inArea.reduce((s, u) => s + Math.round(u.amount * 100), 0);
            expect(unitSum + Math.round(a.unplanned * 100)).toBe(cents[i]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

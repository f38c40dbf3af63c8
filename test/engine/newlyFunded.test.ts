/**
 * Bremen's "neu gefördert" from the comparison with the adopted allocation (SPEC §5a, §6).
 */
import type { ComparisonSide } from "../../src/engine/changes";
import { allocateWithNewlyFunded, newlyFundedIds, withFirstYear } from "../../src/engine/newlyFunded";
import { DEFAULT_BREMEN_RULES } from "../../src/engine/model";
import { resolved } from "../helpers/resolved";
import { dataset, model, unit } from "./fixtures";

/** K1 was funded in the adopted year, K2 was not, K3 did not exist. */
const ADOPTED: ComparisonSide = {
  units: [
    { id: "K1", area: "Nord", index: 70, band: "oberhalb", strands: [], amount: 0, vzae: 0.5, funded: true },
    { id: "K2", area: "Nord", index: 45, band: "innerhalb", strands: [], amount: 0, vzae: 0, funded: false },
  ],
  areas: [{ name: "Nord", share: 1, amount: 1000 }],
};

function bremenCase() {
  const m = { ...model(), ruleSet: "bremen" as const, bremen: DEFAULT_BREMEN_RULES };
  m.data = { ...m.data, kitaIndex: "Kita-Index" };
  // all three now above 50 with 40–120 children → 0.5 VZÄ each; K1 flagged "first year" by hand (wrongly)
  const ds = dataset([
    unit("K1", "Nord", [10, 0, 0], { children: 80, kitaIndex: 70, firstYear: true }),
    unit("K2", "Nord", [20, 10, 50], { children: 80, kitaIndex: 60 }),
    unit("K3", "Nord", [30, 5, 100], { children: 80, kitaIndex: 55 }),
  ]);
  return { m, ds };
}

describe("neu gefördert", () => {
  test("worked example: K2 funded now, not before; K3 new → first-year Sachkosten; K1 funded before → regular", () => {
    const { m, ds } = bremenCase();
    const allocation = allocateWithNewlyFunded(resolved(m), ds, ADOPTED);
    expect(allocation.units.map((u) => [u.id, u.bremen?.vzae, u.bremen?.sachkosten])).toEqual([
      ["K1", 0.5, 2500],
      ["K2", 0.5, 5000],
      ["K3", 0.5, 5000],
    ]);
  });

  test("newlyFundedIds and withFirstYear", () => {
    const after: ComparisonSide = {
      ...ADOPTED,
      units: [
        { ...ADOPTED.units[0], funded: false, vzae: 0 },
        { ...ADOPTED.units[1], funded: true, vzae: 0.5 },
      ],
    };
    expect(newlyFundedIds(ADOPTED, after)).toEqual(["K2"]);
    const { ds } = bremenCase();
    expect(withFirstYear(ds, ["K3"]).units.map((u) => u.firstYear)).toEqual([false, false, true]);
  });

  test("other rule sets: a plain allocation (no Bremen results)", () => {
    const { ds } = bremenCase();
    expect(
      allocateWithNewlyFunded(resolved(model()), ds, ADOPTED).units.every((u) => u.bremen === undefined),
    ).toBe(true);
  });
});

/**
 * What changed since the last decision (SPEC §5a, §8 `changes`): matching, deltas, order, summary line.
 */
import fc from "fast-check";
import { adoptionOf } from "../../src/engine/adoption";
import { allocate } from "../helpers/resolved";
import { changeSummary, euroDelta, percentagePoints } from "../../src/engine/changeSummary";
import {
  compareAllocations,
  hasChanges,
  sideOfAdoption,
  sideOfAllocation,
  strandsOf,
  type ComparedUnit,
  type ComparisonSide,
} from "../../src/engine/changes";
import type { Dataset } from "../../src/engine/dataset";
import { sideOfResultsJson } from "../../src/engine/earlierResults";
import { toResultsJson } from "../../src/engine/results";
import { dataset, model, unit, workedExample } from "./fixtures";

function kita(
  id: string,
  area: string,
  index: number,
  band: ComparedUnit["band"],
  strands: ComparedUnit["strands"],
  amount: number,
  vzae: number,
): ComparedUnit {
  return { id, area, index, band, strands, amount, vzae, funded: amount > 0 };
}

/** The worked example: four Kitas before, D closes, E opens, B enters strand 1, C leaves strand 3. */
const BEFORE: ComparisonSide = {
  units: [
    kita("A", "Nord", 40, "innerhalb", ["sozialarbeit"], 300, 0.5),
    kita("B", "Nord", 20, "unterhalb", [], 0, 0),
    kita("C", "Süd", 60, "oberhalb", ["sozialarbeit", "interkulturell"], 700, 1),
    kita("D", "Süd", 30, "innerhalb", ["sozialarbeit"], 0, 0),
  ],
  areas: [
    { name: "Nord", share: 0.3, amount: 300 },
    { name: "Süd", share: 0.7, amount: 700 },
  ],
};
const AFTER: ComparisonSide = {
  units: [
    kita("A", "Nord", 38, "innerhalb", ["sozialarbeit"], 350, 0.5),
    kita("B", "Nord", 26, "innerhalb", ["sozialarbeit"], 150, 0.25),
    kita("C", "Süd", 55, "oberhalb", ["sozialarbeit"], 500, 0.75),
    kita("E", "Süd", 45, "innerhalb", ["sozialarbeit"], 100, 0.25),
  ],
  areas: [
    { name: "Nord", share: 0.45, amount: 500 },
    { name: "Süd", share: 0.55, amount: 600 },
  ],
};

describe("compareAllocations: worked example", () => {
  const changes = compareAllocations(BEFORE, AFTER);

  test("per unit status, index, band, strands entered and left, Δ € and Δ VZÄ (SPEC §8 names)", () => {
    const byId = Object.fromEntries(changes.units.map((u) => [u.id, u]));
    expect(byId.E).toMatchObject({
      status: "neu",
      indexBefore: null,
      indexAfter: 45,
      bandBefore: null,
      bandAfter: "innerhalb",
      entered: ["sozialarbeit"],
      left: [],
      amountDelta: 100,
      vzaeDelta: 0.25,
      newlyFunded: true,
    });
    expect(byId.D).toMatchObject({
      status: "entfallen",
      indexBefore: 30,
      indexAfter: null,
      bandBefore: "innerhalb",
      bandAfter: null,
      entered: [],
      left: ["sozialarbeit"],
      amountDelta: 0,
      vzaeDelta: 0,
      newlyFunded: false,
    });
    expect(byId.B).toMatchObject({
      status: "geblieben",
      indexDelta: 6,
      bandBefore: "unterhalb",
      bandAfter: "innerhalb",
      entered: ["sozialarbeit"],
      left: [],
      amountDelta: 150,
      vzaeDelta: 0.25,
      newlyFunded: true,
    });
    expect(byId.C).toMatchObject({
      entered: [],
      left: ["interkulturell"],
      amountDelta: -200,
      vzaeDelta: -0.25,
    });
    expect(byId.A).toMatchObject({
      entered: [],
      left: [],
      amountDelta: 50,
      vzaeDelta: 0,
      newlyFunded: false,
    });
  });

  test("biggest changes first: new and gone, then strands, then band, then the rest; by |Δ €| inside", () => {
    expect(changes.units.map((u) => u.id)).toEqual(["E", "D", "C", "B", "A"]);
  });

  test("per area share before and after, Δ €, sorted by |Δ share|", () => {
    expect(changes.areas).toEqual([
      {
        name: "Nord",
        shareBefore: 0.3,
        shareAfter: 0.45,
        amountDelta: 200,
        status: "geblieben",
        amountBefore: 300,
        amountAfter: 500,
      },
      {
        name: "Süd",
        shareBefore: 0.7,
        shareAfter: 0.55,
        amountDelta: -100,
        status: "geblieben",
        amountBefore: 700,
        amountAfter: 600,
      },
    ]);
  });

  test("the German summary line", () => {
    expect(changeSummary(changes)).toBe(
      "2 Kitas neu in Förderstrang 1, 1 entfällt; 1 Kita nicht mehr in Förderstrang 3; 1 Kita hinzugekommen, 1 Kita weggefallen; größte Veränderung: Sozialraum Nord +15,0 Prozentpunkte",
    );
    expect(hasChanges(changes)).toBe(true);
  });

  test("a Sozialraum only spelt differently: the summary says so", () => {
    // a Landkreis wrote „Westrich-Höhe“ in the Beschluss and „Westrich - Höhe“ a year later
    const c = compareAllocations(
      {
        units: [],
        areas: [
          { name: "Nord", share: 0.6, amount: 60 },
          { name: "Westrich-Höhe", share: 0.4, amount: 40 },
        ],
      },
      {
        units: [],
        areas: [
          { name: "Nord", share: 0.6, amount: 60 },
          { name: "Westrich - Höhe", share: 0.4, amount: 40 },
        ],
      },
    );
    expect(
      changeSummary(c).startsWith(
        "Sozialraum „Westrich - Höhe“ heißt im Vergleich „Westrich-Höhe“ und gilt deshalb als neu, der alte als " +
          "entfallen – bitte die Schreibweise angleichen; größte Veränderung: Sozialraum Westrich",
      ),
    ).toBe(true);
    // a Sozialraum really new and one really gone: no such note
    const renamed = compareAllocations(
      { units: [], areas: [{ name: "Nord", share: 1, amount: 100 }] },
      { units: [], areas: [{ name: "Nordstadt", share: 1, amount: 100 }] },
    );
    expect(changeSummary(renamed)).not.toContain("Schreibweise");
  });

  test("an area new or gone counts with share 0 on the other side", () => {
    const c = compareAllocations(
      { units: [], areas: [{ name: "Nord", share: 1, amount: 100 }] },
      {
        units: [],
        areas: [
          { name: "Nord", share: 0.9, amount: 90 },
          { name: "Ost", share: 0.1, amount: 10 },
        ],
      },
    );
    expect(c.areas.map((a) => [a.name, a.status, a.shareBefore, a.shareAfter, a.amountDelta])).toEqual([
      ["Nord", "geblieben", 1, 0.9, -10],
      ["Ost", "neu", 0, 0.1, 10],
    ]);
  });

  test("VZÄ unknown on a side (no Stellenplan): Δ VZÄ is null", () => {
    const noVzae = (s: ComparisonSide): ComparisonSide => ({
      ...s,
      units: s.units.map((u) => ({ ...u, vzae: null })),
    });
    expect(compareAllocations(noVzae(BEFORE), noVzae(AFTER)).units.every((u) => u.vzaeDelta === null)).toBe(
      true,
    );
  });
});

describe("summary line", () => {
  test("formats", () => {
    expect(percentagePoints(-0.0213)).toBe("\u22122,1 Prozentpunkte");
    expect(percentagePoints(0.0004)).toBe("+0,04 Prozentpunkte");
    expect(euroDelta(-1234.5)).toBe("\u22121.234,50 €");
    expect(euroDelta(12)).toBe("+12,00 €");
  });

  test("only money moved (a carried-forward budget): the largest change in €", () => {
    const grown: ComparisonSide = {
      units: BEFORE.units.map((u) => ({ ...u, amount: u.amount * 2 })),
      areas: BEFORE.areas.map((a) => ({ ...a, amount: a.amount * 2 })),
    };
    expect(changeSummary(compareAllocations(BEFORE, grown))).toBe(
      "Größte Veränderung: Sozialraum Süd +700,00 €",
    );
  });

  test("only the index moved: strands and shares unchanged", () => {
    const moved: ComparisonSide = {
      ...BEFORE,
      units: BEFORE.units.map((u) => ({ ...u, index: (u.index ?? 0) + 1 })),
    };
    expect(changeSummary(compareAllocations(BEFORE, moved))).toBe("Förderstränge und Anteile unverändert.");
  });
});

const datasetArb: fc.Arbitrary<Dataset> = fc
  .array(
    fc.record({
      area: fc.constantFrom("Nord", "Süd", "Ost"),
      a: fc.integer({ min: 0, max: 100 }),
      b: fc.integer({ min: 0, max: 100 }),
      c: fc.integer({ min: 0, max: 100 }),
    }),
    { minLength: 3, maxLength: 12 },
  )
  .map((list) => dataset(list.map((u, i) => unit(`K${i + 1}`, u.area, [u.a, u.b, u.c]))));

describe("properties", () => {
  test("comparing an allocation with itself — as computed, as adopted, as an earlier results.json — gives no change", () => {
    fc.assert(
      fc.property(datasetArb, fc.integer({ min: 1, max: 10_000_000 }), (ds, budget) => {
        const allocation = allocate(model({}, budget), ds);
        if (allocation.issues.some((i) => i.level === "error")) return;
        const side = sideOfAllocation(allocation);
        const adopted = sideOfAdoption(
          adoptionOf(allocation, { date: "2027-03-15", checksum: "", goalposts: {} }),
        );
        const json = JSON.parse(
          JSON.stringify(toResultsJson(budget, allocation, allocation.issues)),
        ) as unknown;
        const earlier = sideOfResultsJson(json, "ergebnis.json").side;
        expect(earlier).not.toBeNull();
        for (const before of [side, adopted, earlier as ComparisonSide]) {
          const c = compareAllocations(before, side);
          expect(hasChanges(c)).toBe(false);
          expect(changeSummary(c)).toBe("Keine Veränderungen.");
          expect(c.units.every((u) => u.status === "geblieben" && u.amountDelta === 0)).toBe(true);
          expect(c.units).toHaveLength(allocation.units.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  test("the order of the units in either side changes nothing", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(AFTER.units, { minLength: 4, maxLength: 4 }), (shuffled) => {
        const reordered = { ...AFTER, units: shuffled };
        expect(compareAllocations(BEFORE, reordered)).toEqual(compareAllocations(BEFORE, AFTER));
      }),
    );
  });
});

describe("sides", () => {
  test("strands in SPEC order from the eligibility flags", () => {
    expect(strandsOf({ zusatzpersonal: true, sozialarbeit: true, interkulturellException: true })).toEqual([
      "sozialarbeit",
      "zusatzpersonal",
    ]);
  });

  test("the worked allocation as a side: amounts are the proposed ones, VZÄ unknown without a Stellenplan", () => {
    const side = sideOfAllocation(allocate(model(), workedExample()));
    expect(side.units.map((u) => [u.id, u.amount, u.vzae, u.strands])).toEqual([
      ["K1", 153.85, null, ["sozialarbeit"]],
      ["K2", 230.77, null, ["sozialarbeit", "interkulturell"]],
      ["K3", 538.46, null, ["sozialarbeit", "interkulturell"]],
      ["K4", 76.92, null, ["sozialarbeit"]],
    ]);
  });
});

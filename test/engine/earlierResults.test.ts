/**
 * An earlier results.json as one side of a comparison (SPEC §8 `--compare <earlier results.json>`).
 */
import { adoptionOfResultsJson, sideOfResultsJson } from "../../src/engine/earlierResults";
import { adoptionOf, readAdoption, type Adoption } from "../../src/engine/adoption";
import { carriedAllocation } from "../../src/engine/carryForward";
import { toResultsJson } from "../../src/engine/results";
import { adoptedWithCentre, WITHOUT_COST } from "../helpers/carriedFixtures";
import { resolved } from "../helpers/resolved";
import { model } from "./fixtures";

const EARLIER = {
  budget: 1000,
  units: [
    {
      id: "K1",
      area: "Nord",
      index: 40,
      band: "innerhalb",
      eligible: { sozialarbeit: true, interkulturell: false },
      plan: { amount: 300, municipal: 200, vzae: 0.5, strands: ["sozialarbeit"] },
    },
    {
      id: "K2",
      area: "Nord",
      index: null,
      band: null,
      eligible: { sozialarbeit: false, interkulturell: true },
      proposedAmount: 12.5,
    },
    {
      id: "K3",
      area: "Süd",
      index: 70,
      band: "oberhalb",
      eligible: {},
      bremen: { vzae: 1, sachkosten: 2500 },
    },
  ],
  areas: [
    { name: "Nord", index: 40, share: 0.4, amount: 400 },
    { name: "Süd", index: 60, share: 0.6, amount: 600 },
  ],
};

describe("sideOfResultsJson", () => {
  test("reads units and areas by the SPEC §8 names: plan first, else proposedAmount; VZÄ from plan or Bremen", () => {
    const read = sideOfResultsJson(EARLIER, "ergebnis-2026.json");
    expect(read.problem).toBeNull();
    expect(read.budget).toBe(1000);
    expect(read.side?.units).toEqual([
      {
        id: "K1",
        area: "Nord",
        index: 40,
        band: "innerhalb",
        strands: ["sozialarbeit"],
        amount: 300,
        vzae: 0.5,
        funded: true,
      },
      {
        id: "K2",
        area: "Nord",
        index: null,
        band: null,
        strands: ["interkulturell"],
        amount: 12.5,
        vzae: null,
        funded: true,
      },
      { id: "K3", area: "Süd", index: 70, band: "oberhalb", strands: [], amount: 0, vzae: 1, funded: true },
    ]);
    expect(read.side?.areas).toEqual([
      { name: "Nord", share: 0.4, amount: 400 },
      { name: "Süd", share: 0.6, amount: 600 },
    ]);
  });

  test.each([
    [
      "not an object",
      [1, 2],
      "Die Ergebnisdatei „alt.json“ ist keine SRB-Ergebnisdatei (erwartet: ein JSON-Objekt mit „units“ und „areas“).",
    ],
    [
      "written with blocking errors",
      { allocated: false, units: [], areas: [] },
      "Die Ergebnisdatei „alt.json“ enthält keine Verteilung (sie wurde bei blockierenden Fehlern in Daten oder Modell geschrieben, z. B. ohne Modell).",
    ],
    [
      "no areas",
      { units: [], areas: [] },
      "Die Ergebnisdatei „alt.json“ ist keine SRB-Ergebnisdatei (erwartet: die Listen „units“ und „areas“ mit mindestens einem Sozialraum).",
    ],
    [
      "a share as text",
      { ...EARLIER, areas: [{ name: "Nord", share: "40 %" }] },
      "Die Ergebnisdatei „alt.json“: Sozialraum Nr. 1 hat keinen Namen oder keinen Anteil zwischen 0 und 1.",
    ],
    [
      "a unit without area",
      { ...EARLIER, units: [{ id: "K1" }] },
      "Die Ergebnisdatei „alt.json“: Einrichtung Nr. 1 hat keinen Namen oder keinen Sozialraum.",
    ],
    [
      "a unit twice",
      { ...EARLIER, units: [EARLIER.units[0], EARLIER.units[0]] },
      "Die Ergebnisdatei „alt.json“: die Einrichtung „K1“ kommt doppelt vor.",
    ],
  ])("unusable file (%s): a German reason naming the file", (_label, json, problem) => {
    expect(sideOfResultsJson(json, "alt.json")).toEqual({ side: null, budget: null, problem });
  });
});

describe("adoptionOfResultsJson: an earlier results.json as the basis of a carry-forward", () => {
  test("no per-unit amount (0 €) and only some strands named, as SPEC §8 allows: carried, not refused", () => {
    // K3 has neither plan nor proposedAmount, the eligibility lists name only some strands, the areas no count
    const read = adoptionOfResultsJson(EARLIER, "ergebnis-2026.json", resolved(model()));
    expect(read.problem).toBeNull();
    expect(
      read.adoption?.units.map((u) => [u.id, u.amount, u.eligible.sozialarbeit, u.eligible.zusatzpersonal]),
    ).toEqual([
      ["K1", 300, true, false],
      ["K2", 12.5, false, false],
      ["K3", 0, false, false],
    ]);
    expect(read.adoption?.areas.map((a) => [a.name, a.share, a.amount, a.units])).toEqual([
      ["Nord", 0.4, 400, 2],
      ["Süd", 0.6, 600, 1],
    ]);
    expect(read.adoption?.source).toBe("der Ergebnisdatei „ergebnis-2026.json“");
  });

  test("a value it cannot use is named with its Kita and what was found, not „unvollständig“", () => {
    const edited = {
      ...EARLIER,
      units: [
        { ...EARLIER.units[0], plan: { ...EARLIER.units[0].plan, amount: "41.100" } },
        ...EARLIER.units.slice(1),
      ],
    };
    const read = adoptionOfResultsJson(edited, "ergebnis-2026.json", resolved(model()));
    expect(read.adoption).toBeNull();
    expect(read.problem).toMatch(
      /^Die Ergebnisdatei „ergebnis-2026\.json“: bei der Einrichtung „K1“ .*„41\.100“/,
    );
    expect(read.problem).toMatch(/Sie lässt sich deshalb nicht fortschreiben\.$/);
    expect(read.problem).not.toContain("01.01.1970");
  });
});

describe("adoptionOfResultsJson: the results.json of a run carried forward without a Stellenplan", () => {
  test("its set-aside parts (`carriedSetAside`) are carried on, as from the Beschluss of that run", () => {
    // 2028: the Beschluss with K2's Nachbarschaftszentrum carried to 130.000 € without a cost per VZÄ —
    // K2's 30.800 € carry 20.533,33 € of it (test/engine/carryForwardPlan.test.ts)
    const carried = carriedAllocation(adoptedWithCentre(), 130_000, WITHOUT_COST);
    const json = JSON.parse(JSON.stringify(toResultsJson(130_000, carried, []))) as unknown;
    const basis = adoptionOfResultsJson(json, "ergebnis-2028.json", carried.model);
    expect(basis.problem).toBeNull();
    expect(basis.adoption?.units.map((u) => u.setAside)).toEqual([
      undefined,
      20_533.33,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // 2029 from the file: the same split as from that run's Beschluss, not the whole € in K2's row
    const fromBeschluss = readAdoption(
      JSON.parse(JSON.stringify(adoptionOf(carried, { date: "2028-03-15", checksum: "", goalposts: {} }))),
    ).adoption!;
    const parts = (adoption: Adoption) =>
      carriedAllocation(adoption, 140_000, WITHOUT_COST).units.map((u) => u.carriedSetAside);
    expect(parts(basis.adoption!)).toEqual(parts(fromBeschluss));
    expect(parts(basis.adoption!)[1]).toBeGreaterThan(0);
  });
});

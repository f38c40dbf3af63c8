/**
 * The adopted allocation (SPEC §5a): the record, its goalposts, reading it back, the reference among several.
 */
import {
  adoptionOf,
  germanDate,
  indicatorRanges,
  isIsoDate,
  latestAdoption,
  readAdoption,
  type Adoption,
} from "../../src/engine/adoption";
import { allocate } from "../helpers/resolved";
import { dataset, INDICATORS, model, unit, workedExample } from "./fixtures";

function adopted(date = "2027-03-15"): Adoption {
  const m = model();
  const ds = workedExample();
  return adoptionOf(allocate(m, ds), { date, checksum: "ab".repeat(32), goalposts: indicatorRanges(m, ds) });
}

describe("dates", () => {
  test("ISO dates are checked against the calendar and shown the German way", () => {
    expect(isIsoDate("2027-03-15")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("15.03.2027")).toBe(false);
    expect(isIsoDate("2027-3-15")).toBe(false);
    expect(germanDate("2027-03-05")).toBe("05.03.2027");
  });
});

describe("indicatorRanges: the goalposts of the adopted year", () => {
  test("worked example: min and max of each indicator's values", () => {
    // a = 10, 20, 30, 10; b = 0, 10, 5, 10; c = 0, 50, 100, 25
    expect(indicatorRanges(model(), workedExample())).toEqual({
      a: { min: 10, max: 30 },
      b: { min: 0, max: 10 },
      c: { min: 0, max: 100 },
    });
  });

  test("fixed goalposts that were on and valid are the adopted year's reference; invalid ones are not", () => {
    const indicators = [
      { ...INDICATORS[0], goalposts: { min: 0, max: 50 } },
      { ...INDICATORS[1], goalposts: { min: 5, max: 5 } },
      INDICATORS[2],
    ];
    const ds = dataset(workedExample().units, indicators);
    expect(indicatorRanges(model({ goalposts: true }, 1000, indicators), ds)).toEqual({
      a: { min: 0, max: 50 },
      b: { min: 0, max: 10 },
      c: { min: 0, max: 100 },
    });
    // goalposts switched off: the data's range, whatever the model names
    expect(indicatorRanges(model({ goalposts: false }, 1000, indicators), ds).a).toEqual({
      min: 10,
      max: 30,
    });
  });

  test("with winsorisation the clipped range counts; blanks are skipped; an indicator without values has none", () => {
    const values = [1, 1, 1, 1, 1, 1, 1, 1, 2, 100];
    const ds = dataset(values.map((v, i) => unit(`K${i}`, "Nord", [v, i === 0 ? null : i, null])));
    expect(indicatorRanges(model({ winsorise: true }), ds)).toEqual({
      a: { min: 1, max: 2 },
      b: { min: 1, max: 9 },
    });
    expect(indicatorRanges(model(), ds).a).toEqual({ min: 1, max: 100 });
  });
});

describe("adoptionOf", () => {
  test("keeps date, budget, checksum, shares, amounts, index, band, eligibility of the allocation", () => {
    const a = adopted();
    expect(a.date).toBe("2027-03-15");
    expect(a.budget).toBe(1000);
    expect(a.checksum).toBe("ab".repeat(32));
    expect(a.areas.map((x) => [x.name, x.share, x.amount])).toEqual([
      ["Nord", 5 / 13, 384.62],
      ["Süd", 8 / 13, 615.38],
    ]);
    expect(a.units.map((u) => [u.id, u.index, u.band, u.eligible.sozialarbeit, u.amount])).toEqual([
      ["K1", 25, "innerhalb", true, 153.85],
      ["K2", 37.5, "innerhalb", true, 230.77],
      ["K3", 87.5, "oberhalb", true, 538.46],
      ["K4", 12.5, "innerhalb", true, 76.92],
    ]);
    expect(a.units.some((u) => "plan" in u)).toBe(false);
    expect(a.goalposts.c).toEqual({ min: 0, max: 100 });
    expect(a.model.options.normalisation).toBe("minmax");
  });

  test("a unit's staff plan is kept when the allocation has one", () => {
    const m = model();
    const allocation = allocate(m, workedExample());
    const withPlan = {
      ...allocation,
      units: allocation.units.map((u) => ({
        ...u,
        plan: { amount: u.proposedAmount, municipal: 1, vzae: 0.25, strands: ["sozialarbeit"] },
      })),
    };
    const a = adoptionOf(withPlan, { date: "2027-03-15", checksum: "", goalposts: {} });
    expect(a.units[0].plan).toEqual({ amount: 153.85, municipal: 1, vzae: 0.25, strands: ["sozialarbeit"] });
  });
});

describe("readAdoption", () => {
  test("reads back what JSON.stringify wrote, NaN (written as null) included", () => {
    const a = adopted();
    const broken = { ...a, norm: { ...a.norm, areaIndex: { mean: NaN, sd: NaN, lower: NaN, upper: NaN } } };
    const read = readAdoption(JSON.parse(JSON.stringify(broken)));
    expect(read.problem).toBeNull();
    expect(read.adoption).toEqual(broken);
  });

  test.each([
    [null, "Der gespeicherte Beschluss ist kein lesbarer Datensatz."],
    [
      { date: "2027-02-30" },
      "Der gespeicherte Beschluss hat kein gültiges Datum (gefunden: „2027-02-30“, erwartet: JJJJ-MM-TT).",
    ],
    [{ budget: -1 }, "Der gespeicherte Beschluss vom 15.03.2027 hat kein gültiges Budget."],
    [{ model: { data: {} } }, "Der gespeicherte Beschluss vom 15.03.2027 enthält kein gültiges Modell."],
    [{ areas: [] }, "Der gespeicherte Beschluss vom 15.03.2027 enthält keine Sozialräume."],
    [
      {
        areas: [
          { name: "Nord", share: 0.5 },
          { name: "Süd", share: 1.5 },
        ],
      },
      "Der gespeicherte Beschluss vom 15.03.2027: Sozialraum Nr. 2 hat keinen Namen oder keinen gültigen Anteil (0 bis 1).",
    ],
    [
      {
        units: [
          { id: "K1", area: "Nord" },
          { id: "", area: "Nord" },
        ],
      },
      "Der gespeicherte Beschluss vom 15.03.2027: Einrichtung Nr. 2 hat keinen Namen oder keinen Sozialraum.",
    ],
  ])("an unusable record %j says why in German", (patch, problem) => {
    const json = patch === null ? null : { ...JSON.parse(JSON.stringify(adopted())), ...patch };
    expect(readAdoption(json)).toEqual({ adoption: null, problem });
  });

  test("missing optional parts get their empty value", () => {
    const json = JSON.parse(JSON.stringify(adopted())) as Record<string, unknown>;
    delete json.goalposts;
    delete json.norm;
    delete json.effectiveWeights;
    const read = readAdoption(json);
    expect(read.adoption?.goalposts).toEqual({});
    expect(read.adoption?.effectiveWeights).toEqual([]);
    expect(read.adoption?.norm.index.mean).toBeNaN();
  });
});

describe("latestAdoption", () => {
  test("the latest date is the reference; on the same date the later record", () => {
    const a = adopted("2026-03-10");
    const b = adopted("2027-03-15");
    const c = { ...adopted("2027-03-15"), checksum: "later" };
    expect(latestAdoption([b, a])?.date).toBe("2027-03-15");
    expect(latestAdoption([a, b, c])?.checksum).toBe("later");
    expect(latestAdoption([])).toBeNull();
  });
});

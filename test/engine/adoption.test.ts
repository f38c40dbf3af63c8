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

const NOT_ELIGIBLE = {
  sozialarbeit: false,
  nachbarschaftszentrum: false,
  interkulturell: false,
  interkulturellException: false,
  zusatzpersonal: false,
};

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
          { name: "Nord", share: 0.5, amount: 500 },
          { name: "Süd", share: 1.5, amount: 500 },
        ],
      },
      "Der gespeicherte Beschluss vom 15.03.2027: Sozialraum Nr. 2 hat keinen Namen oder keinen gültigen Anteil (0 bis 1).",
    ],
    [
      {
        units: [
          { id: "K1", area: "Nord", amount: 100, eligible: NOT_ELIGIBLE },
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

describe("readAdoption: a hand-edited Beschluss never turns a missing value into a number", () => {
  type Record_ = Record<string, unknown> & {
    units: Record<string, unknown>[];
    areas: Record<string, unknown>[];
  };
  const stored = (): Record_ => JSON.parse(JSON.stringify(adopted())) as Record_;
  const LABEL = "Der gespeicherte Beschluss vom 15.03.2027";
  const EURO = "ein Betrag in Euro ab 0, als Zahl ohne Tausenderpunkte (z. B. 41100.5)";

  test.each([
    [
      "text instead of a number",
      "41.100",
      `ist der beschlossene Betrag „41.100“ ungültig – erwartet wird ${EURO}.`,
    ],
    ["deleted", undefined, `fehlt der beschlossene Betrag – erwartet wird ${EURO}.`],
    ["null", null, `fehlt der beschlossene Betrag – erwartet wird ${EURO}.`],
    ["negative", -5, `ist der beschlossene Betrag -5 ungültig – erwartet wird ${EURO}.`],
  ])("a Kita's amount %s: the Beschluss is refused, naming date, Kita and field", (_, value, problem) => {
    const json = stored();
    if (value === undefined) delete json.units[1].amount;
    else json.units[1].amount = value;
    expect(readAdoption(json)).toEqual({
      adoption: null,
      problem: `${LABEL}: bei der Einrichtung „K2“ ${problem}`,
    });
  });

  test("a Kita's eligibility deleted, or a strand's flag not yes/no: refused, not „nein“ for every strand", () => {
    const json = stored();
    delete json.units[0].eligible;
    expect(readAdoption(json).problem).toBe(
      `${LABEL}: bei der Einrichtung „K1“ fehlt die Förderberechtigung je Förderstrang – erwartet wird true (ja) oder false (nein).`,
    );
    const flag = stored();
    (flag.units[2].eligible as Record<string, unknown>).interkulturell = "ja";
    expect(readAdoption(flag).problem).toBe(
      `${LABEL}: bei der Einrichtung „K3“ ist die Förderberechtigung in Förderstrang 3 (Interkulturelle Fachkräfte) „ja“ ungültig – erwartet wird true (ja) oder false (nein).`,
    );
    const gone = stored();
    delete (gone.units[3].eligible as Record<string, unknown>).zusatzpersonal;
    expect(readAdoption(gone).problem).toBe(
      `${LABEL}: bei der Einrichtung „K4“ fehlt die Förderberechtigung in Förderstrang 4 (Betriebserlaubnisrelevantes Zusatzpersonal) – erwartet wird true (ja) oder false (nein).`,
    );
  });

  test("a Sozialraum's amount missing: refused; its count of Einrichtungen missing: counted from the Beschluss", () => {
    const json = stored();
    json.areas[1].amount = "615,38";
    expect(readAdoption(json).problem).toBe(
      `${LABEL}: beim Sozialraum „Süd“ ist der beschlossene Betrag „615,38“ ungültig – erwartet wird ${EURO}.`,
    );
    const count = stored();
    delete count.areas[0].units;
    count.areas[1].units = "zwei";
    const read = readAdoption(count);
    expect(read.problem).toBeNull();
    // Nord: K1, K2; Süd: K3, K4 (as adopted)
    expect(read.adoption?.areas.map((a) => a.units)).toEqual([2, 2]);
    expect(read.adoption?.areas.map((a) => a.units)).toEqual(adopted().areas.map((a) => a.units));
  });

  test("Bremen VZÄ and Sachkosten, the Stellenplan's amount and VZÄ, the set-aside part: refused when unusable", () => {
    const withParts = (patch: Record<string, unknown>) => {
      const json = stored();
      Object.assign(json.units[0], patch);
      return readAdoption(json).problem;
    };
    const at = (rest: string) => `${LABEL}: bei der Einrichtung „K1“ ${rest}`;
    expect(withParts({ bremen: { sachkosten: 2500, kitaIndex: 60 } })).toBe(
      at("fehlt die Zahl der VZÄ nach Bremer Regeln – erwartet wird eine Zahl ab 0 (z. B. 1.5)."),
    );
    expect(withParts({ bremen: { vzae: 0.5, sachkosten: "viel" } })).toBe(
      at(`ist der Sachkostenbetrag nach Bremer Regeln „viel“ ungültig – erwartet wird ${EURO}.`),
    );
    expect(withParts({ plan: { amount: 153.85, municipal: 1, strands: [] } })).toBe(
      at("fehlt die Zahl der VZÄ des Stellenplans – erwartet wird eine Zahl ab 0 (z. B. 1.5)."),
    );
    expect(withParts({ plan: { vzae: 0.25, municipal: 1, strands: [] } })).toBe(
      at(`fehlt der Betrag des Stellenplans – erwartet wird ${EURO}.`),
    );
    expect(withParts({ setAside: "100" })).toBe(
      at(`ist der Teil des Betrags für die Förderstränge 2 und 4 „100“ ungültig – erwartet wird ${EURO}.`),
    );
    // complete parts are read as they were stored; a Kita-Index left out stays unknown
    const json = stored();
    Object.assign(json.units[0], { bremen: { vzae: 0.5, sachkosten: 2500, kitaIndex: null } });
    expect(readAdoption(json).adoption?.units[0].bremen).toEqual({
      vzae: 0.5,
      sachkosten: 2500,
      kitaIndex: null,
    });
  });
});

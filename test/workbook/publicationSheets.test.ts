/**
 * The publication workbook's sheets and the Codeschlüssel: a Sozialraum or Kita name is printed whole,
 * never cut by the cell beside it (a Landkreis' „Kreisstadt Süd/Bahnhof“ was cut to „Kreisstadt Süd/Bahnhc“
 * in the publication's Einrichtungen, a column of fixed width 18).
 */
import type { Allocation } from "../../src/engine/allocation";
import type { Model } from "../../src/engine/model";
import { indexPart, publicationOf } from "../../src/engine/publication";
import { resolveModel } from "../../src/engine/resolveModel";
import { allocate } from "../helpers/resolved";
import { dataset, model, unit } from "../engine/fixtures";
import { codeKeySheet, publicationSheets } from "../../src/workbook/publicationSheets";
import type { SheetSpec } from "../../src/workbook/port";
import { oneLineWidth } from "../../src/workbook/textWidth";
import { fixtureAllocation } from "./fixtures";
import { carriedAllocation } from "../../src/engine/carryForward";
import { adoptedWithCentre, WITHOUT_COST } from "../helpers/carriedFixtures";

const LONG_AREA = "Kreisstadt Süd/Bahnhof-West";
const LONG_KITA = "Kath. Kita St. Maria Magdalena Nord";

/**
 * The fixture with its first Sozialraum renamed to a long name, three Kitas in it (a Sozialraum of fewer
 * is withheld from the publication) and the first Kita renamed to a long name.
 */
function longNames(): Allocation {
  const allocation = fixtureAllocation();
  const oldArea = allocation.areas[0].name;
  return {
    ...allocation,
    areas: allocation.areas.map((a) => (a.name === oldArea ? { ...a, name: LONG_AREA } : a)),
    units: allocation.units.map((u, k) => ({
      ...u,
      ...(k === 0 ? { id: LONG_KITA } : {}),
      ...(u.area === oldArea || k === allocation.units.length - 1 ? { area: LONG_AREA } : {}),
    })),
  };
}

/** Width of the column headed `header` (first row that has it). */
function widthOf(sheet: SheetSpec, header: string): number {
  for (const row of sheet.rows) {
    const j = row.findIndex((c) => c?.value === header);
    if (j >= 0) return sheet.columnWidths?.[j] ?? 0;
  }
  throw new Error(`no column ${header} in ${sheet.name}`);
}

describe("publication sheets: names are printed whole", () => {
  const allocation = longNames();
  const publication = publicationOf(allocation, () => 0.5);
  const [, areas, units] = publicationSheets(allocation, publication, { date: "01.12.2026" });

  test("the Sozialraum column of Verteilung and Einrichtungen fits the longest Sozialraum", () => {
    expect(widthOf(areas, "Sozialraum")).toBeGreaterThanOrEqual(oneLineWidth(LONG_AREA));
    expect(widthOf(units, "Sozialraum")).toBeGreaterThanOrEqual(oneLineWidth(LONG_AREA));
  });

  test("the Codeschlüssel fits the longest Kita and Sozialraum", () => {
    const key = codeKeySheet(publication, { date: "01.12.2026", file: "Veroeffentlichung.xlsx" });
    expect(widthOf(key, "Einrichtung")).toBeGreaterThanOrEqual(oneLineWidth(LONG_KITA));
    expect(widthOf(key, "Sozialraum")).toBeGreaterThanOrEqual(oneLineWidth(LONG_AREA));
  });

  test("short names keep the widths as they were", () => {
    const plain = fixtureAllocation();
    const pub = publicationOf(plain, () => 0.5);
    const [, a, u] = publicationSheets(plain, pub, { date: "01.12.2026" });
    expect(widthOf(a, "Sozialraum")).toBe(22);
    expect(widthOf(u, "Sozialraum")).toBe(18);
    const key = codeKeySheet(pub, { date: "01.12.2026", file: "V.xlsx" });
    expect([widthOf(key, "Einrichtung"), widthOf(key, "Sozialraum")]).toEqual([34, 18]);
  });
});

/** A sheet's header row, as values. */
const headers = (sheet: SheetSpec) => sheet.rows[0].map((c) => c?.value);
/** The cells of a sheet's data row whose first cell is `first`, by header. */
const rowOf = (sheet: SheetSpec, first: string) => {
  const row = sheet.rows.find((r) => r[0]?.value === first)!;
  return Object.fromEntries(headers(sheet).map((h, j) => [h, row[j]?.value]));
};

describe("publication sheets: a Kita known for its set-aside is not named by it", () => {
  /** 72.000 € per VZÄ, Land share 0,6, steps of 0,25; Nord's K1 hosts the Nachbarschaftszentrum, Süd's K3 has Zusatzpersonal. */
  const planModel = (): Model => {
    const m = model({}, 400000);
    return {
      ...m,
      data: { ...m.data, strand2: "KNZ", strand4: "Zusatz", strand4Vzae: "VZÄ Zusatz" },
      budget: {
        ...m.budget,
        costPerVzae: 72000,
        vzaeStep: 0.25,
        kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
      },
    };
  };
  const allocation = allocate(
    planModel(),
    dataset([
      unit("K1", "Nord", [0, 10, 0], { strand2: true }),
      unit("K2", "Nord", [20, 0, 50]),
      unit("K5", "Nord", [10, 4, 20]),
      unit("K3", "Süd", [30, 5, 100], { strand4: true, strand4Reason: "Inklusion", strand4Vzae: 0.5 }),
      unit("K4", "Süd", [25, 2, 80]),
      unit("K6", "Süd", [5, 8, 40]),
    ]),
  );
  const publication = publicationOf(allocation, () => 0.3);
  const [notes, areas, units] = publicationSheets(allocation, publication, { date: "01.12.2026" });

  test("the Kitas' rows have no Nachbarschaftszentrum or Zusatzpersonal column", () => {
    expect(allocation.units.find((u) => u.id === "K1")!.plan!.strand2Vzae).toBe(0.5);
    expect(headers(units)).not.toContain("Nachbarschaftszentrum");
    expect(headers(units)).not.toContain("Zusatzpersonal");
  });

  test("a Kita's € and VZÄ are those by Gesamtindex: its set-aside staff does not single it out", () => {
    for (const { code, unit: u } of publication.units) {
      const shown = rowOf(units, code);
      const plan = u.plan!;
      const setAside = plan.strand2Vzae! + plan.strand4Vzae!;
      expect(shown["VZÄ nach Index"]).toBeCloseTo(plan.vzae - setAside, 9);
      // 0,25 VZÄ cost the budget 10.800 €: the € shown are the index VZÄ's own
      expect(shown["Betrag nach Index"]).toBeCloseTo((plan.indexVzae! / 0.25) * 10800, 6);
      if (setAside === 0) expect(shown["Betrag nach Index"]).toBe(plan.amount);
    }
    const k3 = publication.units.find((p) => p.unit.id === "K3")!;
    expect(rowOf(units, k3.code)["VZÄ nach Index"]).toBe(k3.unit.plan!.vzae - 0.5);
  });

  test("the set-asides are shown per Sozialraum, and the Hinweise say why", () => {
    expect(rowOf(areas, "Nord")["davon VZÄ vorab (Strang 2 und 4)"]).toBe(0.5);
    expect(rowOf(areas, "Süd")["davon VZÄ vorab (Strang 2 und 4)"]).toBe(0.5);
    const text = notes.rows.map((r) => r[0]?.value ?? "").join(" ");
    expect(text).toContain(
      "Vorab-Stellen (Nachbarschaftszentrum, Strang 2; Zusatzpersonal, Strang 4) stehen nur je Sozialraum",
    );
  });

  test("indexPart: the worked example, and a plan without set-aside is its own index part", () => {
    const m = resolveModel(planModel()).model!;
    const plan = {
      amount: 64800,
      municipal: 43200,
      vzae: 1.5,
      strands: [],
      strand2Vzae: 0.5,
      strand4Vzae: 0,
      indexVzae: 1,
    };
    expect(indexPart(plan, m)).toEqual({ vzae: 1, amount: 43200 });
    const plain = { ...plan, strand2Vzae: 0, vzae: 1, amount: 43200 };
    expect(indexPart(plain, m)).toEqual({ vzae: 1, amount: 43200 });
    expect(indexPart({ amount: 10, municipal: 0, vzae: 2, strands: [] }, m)).toEqual({ vzae: 2, amount: 10 });
  });
});

describe("publication sheets without a Stellenplan: a Kita eligible for strand 2 or 4 only is not named by its €", () => {
  // no cost per VZÄ: the area amount goes by Gesamtindex to every Kita eligible for any strand, K1 (the
  // Nachbarschaftszentrum, below the band: no Kita-Sozialarbeit, no Interkulturelle Fachkräfte) included
  const m = model({}, 400000);
  const allocation = allocate(
    { ...m, data: { ...m.data, strand2: "KNZ", strand4: "Zusatz", strand4Vzae: "VZÄ Zusatz" } },
    dataset([
      unit("K1", "Nord", [1, 9, 10], { strand2: true }),
      unit("K2", "Nord", [20, 0, 50]),
      unit("K5", "Nord", [10, 4, 20]),
      unit("K3", "Süd", [30, 5, 100], { strand4: true, strand4Reason: "Inklusion" }),
      unit("K4", "Süd", [25, 2, 80]),
      unit("K6", "Süd", [5, 8, 40]),
      unit("K7", "Süd", [0, 10, 0]),
    ]),
  );
  const publication = publicationOf(allocation, () => 0.3);
  const [notes, areas, units] = publicationSheets(allocation, publication, { date: "01.12.2026" });
  const k1 = allocation.units.find((u) => u.id === "K1")!;

  test("the fixture: K1 has money by index but neither strand 1 nor strand 3", () => {
    expect(k1.plan).toBeUndefined();
    expect([k1.eligible.sozialarbeit, k1.eligible.interkulturell, k1.eligible.nachbarschaftszentrum]).toEqual(
      [false, false, true],
    );
    expect(k1.proposedAmount).toBeGreaterThan(0);
  });

  test("no row shows money beside „nein“ for both strands: K1 looks like any Kita without a strand", () => {
    for (const { code } of publication.units) {
      const shown = rowOf(units, code);
      if (shown["Kita-Sozialarbeit"] === "nein" && shown["Interkulturelle Fachkräfte"] === "nein")
        expect(shown["Betrag"]).toBe(0);
    }
    const others = publication.units.filter(
      (p) => p.unit.eligible.sozialarbeit || p.unit.eligible.interkulturell,
    );
    for (const { code, unit: u } of others) expect(rowOf(units, code)["Betrag"]).toBe(u.proposedAmount);
  });

  test("K1's € are shown with Nord's, cent-exact, and the Hinweise say why", () => {
    expect(rowOf(areas, "Nord")["davon Kitas nur Strang 2 oder 4"]).toBe(k1.proposedAmount);
    expect(rowOf(areas, "Süd")["davon Kitas nur Strang 2 oder 4"]).toBe(0);
    // per Sozialraum: its Kitas' published € and the column add up to its amount
    for (const a of allocation.areas) {
      const shownCents = publication.units
        .filter((p) => p.unit.area === a.name)
        .reduce((s, p) => s + Math.round((rowOf(units, p.code)["Betrag"] as number) * 100), 0);
      const column = Math.round((rowOf(areas, a.name)["davon Kitas nur Strang 2 oder 4"] as number) * 100);
      expect(shownCents + column).toBe(Math.round(a.amount * 100));
    }
    const text = notes.rows.map((r) => r[0]?.value ?? "").join(" ");
    expect(text).toContain("Kitas nur mit Nachbarschaftszentrum (Strang 2) oder Zusatzpersonal (Strang 4)");
  });

  test("without such a Kita the sheets are as before: no extra column, no extra note", () => {
    const plain = fixtureAllocation();
    const [n, a] = publicationSheets(
      plain,
      publicationOf(plain, () => 0.5),
      { date: "01.12.2026" },
    );
    expect(headers(a)).not.toContain("davon Kitas nur Strang 2 oder 4");
    expect(n.rows.map((r) => r[0]?.value ?? "").join(" ")).not.toContain(
      "Kitas nur mit Nachbarschaftszentrum",
    );
  });
});

describe("publication sheets of a run carried forward without a cost per VZÄ", () => {
  // adopted: K2 is Nord's Nachbarschaftszentrum, 0,5 of its 0,75 VZÄ set aside; carried to 130.000 € without
  // a Stellenplan: K2 30.800 € of which 20.533,33 € carry the Nachbarschaftszentrum (carryForwardPlan.test.ts)
  const carried = carriedAllocation(adoptedWithCentre(), 130_000, WITHOUT_COST);
  const publication = publicationOf(carried, () => 0.3);
  const [notes, areas, units] = publicationSheets(carried, publication, { date: "01.12.2026" });
  const codeOf = (id: string) => publication.key.find((k) => k.id === id)!.code;

  test("K2's row shows its € without the adopted Nachbarschaftszentrum, like any Kita by index", () => {
    // 0,25 VZÄ by index each, as K1 and K5: 10.266,67 €, not 30.800 € beside its code
    expect(rowOf(units, codeOf("K2"))["Betrag ohne Strang 2 und 4"]).toBe(10_266.67);
    expect(rowOf(units, codeOf("K1"))["Betrag ohne Strang 2 und 4"]).toBe(10_266.67);
  });

  test("the set-aside part is shown with Nord's, and the rows and the column add up to each area's amount", () => {
    expect(rowOf(areas, "Nord")["davon Strang 2 und 4"]).toBe(20_533.33);
    expect(rowOf(areas, "Süd")["davon Strang 2 und 4"]).toBe(0);
    for (const a of carried.areas) {
      const shownCents = publication.units
        .filter((p) => p.unit.area === a.name)
        .reduce(
          (s, p) => s + Math.round((rowOf(units, p.code)["Betrag ohne Strang 2 und 4"] as number) * 100),
          0,
        );
      const column = Math.round((rowOf(areas, a.name)["davon Strang 2 und 4"] as number) * 100);
      expect(shownCents + column).toBe(Math.round(a.amount * 100));
    }
    const text = notes.rows.map((r) => r[0]?.value ?? "").join(" ");
    expect(text).toContain(
      "Fortgeschrieben ohne Kosten je VZÄ: der beschlossene Teil für Nachbarschaftszentrum",
    );
  });

  test("a run that is not carried forward keeps its headers", () => {
    expect(headers(units)).not.toContain("Betrag");
    const plain = fixtureAllocation();
    const [, , u] = publicationSheets(
      plain,
      publicationOf(plain, () => 0.5),
      { date: "01.12.2026" },
    );
    expect(headers(u)).not.toContain("Betrag ohne Strang 2 und 4");
  });
});

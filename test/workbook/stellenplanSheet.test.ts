/**
 * The Einrichtungen sheet as a Stellenplan (SPEC §5, §7) and the Verteilung columns VZÄ im Stellenplan /
 * nicht verplant: the figures are the engine's, every formula is recalculated by LibreOffice to the same
 * value, and an override per strand flows into the totals and „nicht verplant“.
 */
import { allocate } from "../helpers/resolved";
import type { Allocation } from "../../src/engine/allocation";
import type { Model } from "../../src/engine/model";
import { allocationSheets } from "../../src/workbook/allocationSheets";
import type { SheetCell, SheetSpec } from "../../src/workbook/port";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import ExcelJS from "exceljs";
import { FakeWorkbook } from "./fakeExcel";
import { textPixels } from "../../src/workbook/textWidth";
import { dataset, model, unit } from "../engine/fixtures";
import {
  LIBREOFFICE,
  csvNumber,
  recalcWithLibreOffice,
  requireTool,
  withLibreOffice,
} from "../helpers/libreoffice";

const CTX = {
  inputRange: "Kitas!A1:H5",
  checksum: "0".repeat(64),
  date: "2024-05-17",
  version: "0.1.0",
  issues: [],
};

/** 72.000 € per VZÄ, Land share 0,6, step 0,25: one step costs the budget 10.800 €. */
function planAllocation(extra: Partial<Model> = {}): Allocation {
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
      ...extra,
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

const sheet = (specs: SheetSpec[], name: string) => specs.find((s) => s.name === name)!;
const headerOf = (s: SheetSpec) => s.rows[0].map((c) => c.value);
const rowOf = (s: SheetSpec, first: string) => s.rows.findIndex((r) => r[0]?.value === first);
const at = (s: SheetSpec, row: number, header: string): SheetCell => s.rows[row][headerOf(s).indexOf(header)];

test("Einrichtungen shows the Stellenplan per Kita, per Sozialraum and per Träger", () => {
  const a = planAllocation();
  const e = sheet(allocationSheets(a, CTX), "Einrichtungen");
  expect(headerOf(e)).toEqual(
    expect.arrayContaining([
      "Träger",
      "VZÄ Strang 4 (vorab)",
      "VZÄ Strang 2 (vorab)",
      "VZÄ nach Index (Strang 1/3)",
      "VZÄ (Vorschlag)",
      "VZÄ Strang 1 (angepasst)",
      "VZÄ Strang 4 (angepasst)",
      "VZÄ (gilt)",
      "Personalvolumen",
      "Landesanteil (Budget)",
      "Kommunaler Anteil",
    ]),
  );
  const k1 = rowOf(e, "K1");
  expect(at(e, k1, "VZÄ Strang 2 (vorab)").value).toBe(0.5);
  expect(at(e, k1, "Landesanteil (Budget)").value).toBe(21600);
  expect(at(e, k1, "Kommunaler Anteil").value).toBe(14400);
  expect(at(e, k1, "Träger").value).toBe("Stadt");
  expect(at(e, rowOf(e, "K4"), "Träger").value).toBe("ohne Angabe");
  // per Sozialraum: nicht verplant = the engine's
  for (const area of a.areas) {
    const r = e.rows.findIndex((row, i) => i > a.units.length + 1 && row[0]?.value === area.name);
    expect(e.rows[r][7].value).toBe(area.unplanned);
    expect(e.rows[r][7].formula).toBe(`B${r + 1}+C${r + 1}-E${r + 1}`);
  }
  // Träger block
  const caritas = e.rows.findIndex((row) => row[0]?.value === "Caritas");
  expect(e.rows[caritas][1].value).toBe(2);
  const t = a.traeger!.find((x) => x.traeger === "Caritas")!;
  expect(e.rows[caritas][3].value).toBe(t.amount);
});

test("the Stellenplan columns come from one declaration: widths, chart columns and the SRB_Einrichtungen table", () => {
  const e = sheet(allocationSheets(planAllocation(), CTX), "Einrichtungen");
  const header = headerOf(e);
  expect(e.columnWidths).toHaveLength(header.length);
  expect(e.tables).toEqual([
    { name: "SRB_Einrichtungen", headerRow: 1, lastRow: 5, firstColumn: 1, lastColumn: header.length },
  ]);
  const chart = e.charts![0];
  // one bar per Kita for the Gesamtindex (the norm band is in the title), not a line across Kitas
  expect(chart.kind).toBe("bar");
  expect(chart.seriesColumns.map((c) => header[c - 1])).toEqual(["Gesamtindex"]);
  expect(chart.title).toMatch(/^Gesamtindex je Einrichtung \(Normbereich \d+,\d bis \d+,\d\)$/);
  // the total row sums every staff and money column of the table
  const total = e.rows[rowOf(e, "Summe")];
  for (const h of [
    "VZÄ (Vorschlag)",
    "VZÄ Strang 1 (angepasst)",
    "VZÄ (gilt)",
    "Landesanteil (Budget)",
    "Differenz",
  ])
    expect(total[header.indexOf(h)].formula).toMatch(/^SUM\([A-Z]+2:[A-Z]+5\)$/);
});

test("SRB_Einrichtungen exists with a Stellenplan in the package (.xlsx) and the Office adapter", async () => {
  const specs = allocationSheets(planAllocation(), CTX);
  const columns = headerOf(sheet(specs, "Einrichtungen")).length;
  const lastLetter = (n: number): string =>
    (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : "") +
    String.fromCharCode(65 + ((n - 1) % 26));

  const pkg = PackageWorkbook.empty();
  await pkg.writeGeneratedSheets(specs);
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await pkg.toBuffer()) as never);
  const tables = read.getWorksheet("Einrichtungen")!.getTables();
  expect(tables.map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table)).toEqual([
    expect.objectContaining({ name: "SRB_Einrichtungen", tableRef: `A1:${lastLetter(columns)}5` }),
  ]);

  const fake = new FakeWorkbook();
  await new OfficeWorkbook(fake.run).writeGeneratedSheets(specs);
  const found = fake.tables().find((t) => t.table.name === "SRB_Einrichtungen");
  expect(found?.sheet.name).toBe("Einrichtungen");
  expect(found?.table.area).toEqual({ row: 0, column: 0, rows: 5, columns });
});

test("Verteilung gets VZÄ im Stellenplan and nicht verplant per Sozialraum, with sums", () => {
  const a = planAllocation();
  const v = sheet(allocationSheets(a, CTX), "Verteilung");
  expect(headerOf(v)).toEqual(expect.arrayContaining(["VZÄ im Stellenplan", "nicht verplant"]));
  const nord = rowOf(v, "Nord");
  expect(at(v, nord, "nicht verplant").value).toBe(a.areas[0].unplanned);
  expect(at(v, nord, "VZÄ im Stellenplan").value).toBe(a.areas[0].plan!.vzae);
  const total = rowOf(v, "Summe");
  expect(at(v, total, "nicht verplant").formula).toMatch(/^SUM\(/);
});

async function recalc(specs: SheetSpec[]) {
  const book = XlsxWorkbook.empty();
  const report = await book.writeGeneratedSheets(specs);
  const sheets = await recalcWithLibreOffice(await book.toBuffer());
  return { sheets, written: new Map(report.sheets.map((s) => [s.requested, s.written])) };
}

const cents = (x: number) => Math.round(x * 100);

describe("LibreOffice recalculates the Stellenplan", () => {
  withLibreOffice(
    "every formula on Einrichtungen and Verteilung equals the stored value to the cent, also with overrides read back",
    async () => {
      requireTool(LIBREOFFICE);
      const overrides = new Map([
        ["K2", [0.25, null, 0.5, null]],
        ["K3", [null, null, null, 1.5]],
      ]);
      for (const [allocation, strandOverrides] of [
        [planAllocation(), undefined],
        [planAllocation({ rules: { unspent: "redistribute" } }), undefined],
        [planAllocation(), overrides],
      ] as const) {
        const specs = allocationSheets(allocation, { ...CTX, strandOverrides }).filter(
          (s) => s.name === "Einrichtungen" || s.name === "Verteilung",
        );
        const { sheets, written } = await recalc(specs);
        let count = 0;
        for (const spec of specs) {
          spec.rows.forEach((row, i) =>
            row.forEach((cell, j) => {
              if (!cell.formula) return;
              count++;
              const lo = csvNumber(sheets[written.get(spec.name) ?? spec.name]?.[i]?.[j]);
              const where = `${spec.name}!R${i + 1}C${j + 1} ${cell.formula}`;
              expect({ where, cents: cents(lo) }).toEqual({ where, cents: cents(Number(cell.value)) });
            }),
          );
        }
        expect(count).toBeGreaterThan(60);
      }
    },
  );

  withLibreOffice(
    "an override per strand counts instead of the proposal: totals and nicht verplant follow",
    async () => {
      requireTool(LIBREOFFICE);
      const a = planAllocation();
      const e = sheet(allocationSheets(a, CTX), "Einrichtungen");
      const k2 = rowOf(e, "K2");
      const col1 = headerOf(e).indexOf("VZÄ Strang 1 (angepasst)");
      const col3 = headerOf(e).indexOf("VZÄ Strang 3 (angepasst)");
      e.rows[k2][col1] = { value: 0.25 };
      e.rows[k2][col3] = { value: 0.5 };
      const { sheets } = await recalc([e]);
      const got = sheets["Einrichtungen"];
      const gilt = headerOf(e).indexOf("VZÄ (gilt)");
      const land = headerOf(e).indexOf("Landesanteil (Budget)");
      expect(csvNumber(got[k2][gilt])).toBe(0.75);
      expect(csvNumber(got[k2][land])).toBe(32400); // 0,75 · 72.000 · 0,6
      const nordRow = e.rows.findIndex((row, i) => i > a.units.length + 1 && row[0]?.value === "Nord");
      const before = a.areas[0].unplanned!;
      const k2Before = a.units.find((u) => u.id === "K2")!.plan!.amount;
      expect(cents(csvNumber(got[nordRow][7]))).toBe(cents(before + k2Before - 32400));
    },
  );
});

test("publication mode: no Träger column and no Träger summary (a Träger of one or two Kitas names them)", () => {
  const a = planAllocation();
  const working = sheet(allocationSheets(a, CTX), "Einrichtungen");
  expect(headerOf(working)).toContain("Träger");
  expect(working.rows.some((r) => r[0]?.value === "Stellenplan je Träger")).toBe(true);

  const published = sheet(allocationSheets(a, { ...CTX, publication: true }), "Einrichtungen");
  expect(headerOf(published)).not.toContain("Träger");
  expect(headerOf(published)[0]).toBe("Einrichtung (Code)");
  const texts = published.rows.flat().map((c) => c?.value);
  expect(texts).not.toContain("Stellenplan je Träger");
  for (const name of ["Stadt", "Caritas", "ohne Angabe"]) expect(texts).not.toContain(name);
  expect(published.tables?.[0]?.name).toBe("SRB_Einrichtungen");
});

test("the Kita column is wide enough for the names in it: long Kita and Träger names are not cut", () => {
  const longKita = "Ev. Kindertagesstätte Arche Noah e.V.";
  const longTraeger = "Kath. Kirchengemeinde St. Martin";
  const withNames = (costPerVzae?: number) => {
    const m = model({}, 300000);
    return allocate(
      { ...m, data: { ...m.data, traeger: "Träger" }, budget: { ...m.budget, costPerVzae } },
      dataset([
        unit(longKita, "Nord", [0, 10, 0], { children: 40, traeger: longTraeger }),
        unit("K2", "Nord", [20, 0, 50], { children: 60, traeger: "Stadt" }),
        unit("K3", "Süd", [30, 5, 100], { children: 80, traeger: "Stadt" }),
        unit("K4", "Süd", [25, 2, 80], { children: 50, traeger: "Stadt" }),
      ]),
    );
  };
  // a column w characters wide is w · 7 + 5 pixels, the padding takes the 5: the whole name on one line
  const fits = (e: SheetSpec, t: string) =>
    expect(e.columnWidths![0] * 7).toBeGreaterThanOrEqual(textPixels(t));
  // Stellenplan form: the Kita names, and the Träger names of the block „Stellenplan je Träger“ below
  const plan = sheet(allocationSheets(withNames(72000), CTX), "Einrichtungen");
  expect(plan.rows.some((r) => r[0]?.value === longTraeger)).toBe(true);
  fits(plan, longKita);
  fits(plan, longTraeger);
  // the form with amounts only (no Kosten je VZÄ)
  const amounts = sheet(allocationSheets(withNames(undefined), CTX), "Einrichtungen");
  expect(amounts.rows.some((r) => r[0]?.value === longKita)).toBe(true);
  fits(amounts, longKita);
  // short names keep the usual width
  expect(sheet(allocationSheets(planAllocation(), CTX), "Einrichtungen").columnWidths![0]).toBe(24);
});

/** The Stellenplan under the Bremen rules: a Kita-Index column, two small Kitas in a Verbund. */
function bremenPlanAllocation(): Allocation {
  const m = model({}, 300000);
  return allocate(
    {
      ...m,
      ruleSet: "bremen",
      data: { ...m.data, traeger: "Träger", verbund: "Verbund", kitaIndex: "Kita-Index" },
      budget: {
        ...m.budget,
        costPerVzae: 72000,
        vzaeStep: 0.25,
        kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
      },
    },
    dataset([
      unit("K1", "Nord", [0, 10, 0], { children: 28, kitaIndex: 71.3, verbund: "Nord", traeger: "Stadt" }),
      unit("K2", "Nord", [20, 0, 50], { children: 22, kitaIndex: 68, verbund: "Nord", traeger: "Caritas" }),
      unit("K3", "Süd", [30, 5, 100], { children: 160, kitaIndex: 58.4, traeger: "Caritas" }),
      unit("K4", "Süd", [25, 2, 80], { children: 45, kitaIndex: 44.1, traeger: null }),
    ]),
  );
}

test("Bremen: the Begründung is wrapped, never cut, and the Kita's other cells stand on its first line", () => {
  const e = sheet(allocationSheets(bremenPlanAllocation(), CTX), "Einrichtungen");
  const k1 = rowOf(e, "K1");
  expect(at(e, k1, "Begründung")).toMatchObject({
    value: expect.stringMatching(/^Verbund „Nord“/),
    wrap: true,
  });
  // every cell of a row with a wrapped Begründung is wrapped too, i.e. top-aligned beside it (bottom-aligned,
  // the Kita's name and figures would stand on the Begründung's last line, next to the row below's)
  for (const name of ["K1", "K2", "K3", "K4"])
    for (const cell of e.rows[rowOf(e, name)]) if (cell) expect(cell.wrap).toBe(true);
  // the header and the total row stay as they are (the write plan wraps the header itself)
  expect(e.rows[0].some((c) => c.wrap)).toBe(false);
  expect(e.rows[rowOf(e, "Summe")].some((c) => c?.wrap)).toBe(false);
});

test("the blocks below the Einrichtungen table are sections: a page's end never parts a block's header from its rows", () => {
  for (const a of [planAllocation(), bremenPlanAllocation()]) {
    const e = sheet(allocationSheets(a, CTX), "Einrichtungen");
    const titles = ["Stellenplan je Sozialraum", "Grundlagen des Stellenplans", "Stellenplan je Träger"];
    expect(e.print?.sections).toEqual(titles.map((t) => rowOf(e, t) + 1));
  }
  // without a Stellenplan (no cost per VZÄ): the block of sums per Sozialraum
  const amounts = allocate(
    model({}, 300000),
    dataset([unit("K1", "Nord", [0, 10, 0]), unit("K2", "Süd", [20, 0, 50])]),
  );
  const e = sheet(allocationSheets(amounts, CTX), "Einrichtungen");
  expect(e.print?.sections).toEqual([rowOf(e, "Summen je Sozialraum") + 1]);
});

test("Methode names every column the Bremen rules read: Kita-Index, Verbund and erstes Förderjahr", () => {
  const a = bremenPlanAllocation();
  const methode = (all: Allocation) => {
    const m = sheet(allocationSheets(all, CTX), "Methode");
    return (label: string) => m.rows[rowOf(m, label)]?.[1]?.value;
  };
  const value = methode(a);
  expect(value("Kita-Index für die Regeln")).toBe("Spalte „Kita-Index“ (extern berechneter Kita-Index)");
  expect(value("Spalte Verbund")).toBe("„Verbund“");
  expect(value("Spalte erstes Förderjahr")).toBe("keine");
  const withNew = {
    ...a,
    model: { ...a.model, data: { ...a.model.data, firstYear: "Neu", verbund: null } },
  };
  expect(methode(withNew)("Spalte erstes Förderjahr")).toBe("„Neu“");
  expect(methode(withNew)("Spalte Verbund")).toBe("keine (jede Kita für sich)");
});

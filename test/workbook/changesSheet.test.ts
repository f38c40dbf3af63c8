/**
 * The Veränderungen sheet (SPEC §5a, §7) on the two-year fixture: summary line at the top, biggest changes
 * first, exactly the fixture's changes; every Δ formula recalculated by LibreOffice equals the stored value.
 */
import { NEXT_YEAR_EXPECTED } from "../../scripts/make-next-year";
import { changeSummary } from "../../src/engine/changeSummary";
import { compareAllocations, sideOfAdoption } from "../../src/engine/changes";
import {
  AREA_HEADERS,
  CHANGES_SHEET,
  UNIT_HEADERS,
  changesSheet,
  changesSheetLayout,
  fittingAmounts,
} from "../../src/workbook/changesSheet";
import { MONEY_FORMAT } from "../../src/workbook/numberFormats";
import type { SheetSpec } from "../../src/workbook/port";
import { oneLineWidth } from "../../src/workbook/textWidth";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import {
  LIBREOFFICE,
  csvNumber,
  recalcWithLibreOffice,
  requireTool,
  withLibreOffice,
} from "../helpers/libreoffice";
import { twoYears } from "../engine/twoYearFixture";

const { adoption, changes } = twoYears();
const CTX = {
  against: "Beschluss vom 15.03.2022",
  summary: changeSummary(changes),
  unitName: (id: string) => id,
};

describe("Veränderungen sheet", () => {
  const spec = changesSheet(changes, CTX);
  const layout = changesSheetLayout(changes.areas.length, changes.units.length);
  const cell = (row: number, column: number) => spec.rows[row - 1]?.[column - 1];

  test("title and summary line at the top, then the Sozialräume and the Einrichtungen blocks", () => {
    expect(spec.name).toBe(CHANGES_SHEET);
    expect(cell(1, 1)?.value).toBe("Veränderungen gegenüber: Beschluss vom 15.03.2022");
    expect(cell(2, 1)?.value).toBe(NEXT_YEAR_EXPECTED.summary);
    expect(spec.rows[layout.areaHeaderRow - 1].map((c) => c.value)).toEqual([...AREA_HEADERS]);
    expect(spec.rows[layout.unitHeaderRow - 1].map((c) => c.value)).toEqual([...UNIT_HEADERS]);
    expect(layout.unitLastRow).toBe(spec.rows.length);
    expect(spec.tables).toEqual([
      { name: "SRB_Veraenderungen_Sozialraeume", headerRow: 4, lastRow: 12, firstColumn: 1, lastColumn: 8 },
      {
        name: "SRB_Veraenderungen_Einrichtungen",
        headerRow: 15,
        lastRow: 48,
        firstColumn: 1,
        lastColumn: 17,
      },
    ]);
  });

  test("the Sozialraum with the biggest change first; the Einrichtungen in the comparison's order", () => {
    expect(cell(layout.areaHeaderRow + 1, 1)?.value).toBe(NEXT_YEAR_EXPECTED.biggestArea);
    const names = spec.rows.slice(layout.unitHeaderRow).map((r) => r[0].value);
    expect(names).toEqual(changes.units.map((u) => u.id));
  });

  test("lists exactly the fixture's changes: status, strands entered and left", () => {
    const unitRows = spec.rows.slice(layout.unitHeaderRow).map((r) => r.map((c) => c.value));
    const col = (name: (typeof UNIT_HEADERS)[number]) => UNIT_HEADERS.indexOf(name);
    const withStatus = (s: string) => unitRows.filter((r) => r[col("Status")] === s).map((r) => r[0]);
    expect(withStatus("neu")).toEqual(NEXT_YEAR_EXPECTED.neu);
    expect(withStatus("entfallen")).toEqual(NEXT_YEAR_EXPECTED.entfallen);
    const entered = unitRows
      .filter((r) => r[col("Förderstränge neu")] !== "")
      .map((r) => [r[0], r[col("Förderstränge neu")]]);
    expect(entered.sort()).toEqual(
      NEXT_YEAR_EXPECTED.entered.sozialarbeit.map((id) => [id, "1 Kita-Sozialarbeit"]).sort(),
    );
    const left = unitRows.filter((r) => r[col("Förderstränge entfallen")] !== "").map((r) => r[0]);
    expect(left.sort()).toEqual([...NEXT_YEAR_EXPECTED.left.sozialarbeit].sort());
  });

  test("compared with itself: the summary says no change and every Δ is 0", () => {
    const same = compareAllocations(sideOfAdoption(adoption), sideOfAdoption(adoption));
    const s = changesSheet(same, { ...CTX, summary: changeSummary(same) });
    expect(s.rows[1][0].value).toBe("Keine Veränderungen.");
    const deltas = s.rows.flatMap((r) =>
      r.filter((c) => c.formula && !c.formula.startsWith("SUM")).map((c) => c.value),
    );
    expect(deltas.length).toBeGreaterThan(40);
    expect(deltas.every((v) => v === 0)).toBe(true);
  });

  test("publication mode: unit names replaced", () => {
    const s = changesSheet(changes, { ...CTX, unitName: (id) => `E-${id.length}` });
    const names = s.rows.slice(layout.unitHeaderRow).map((r) => String(r[0].value));
    expect(names.every((n) => n.startsWith("E-"))).toBe(true);
  });
});

async function recalc(specs: SheetSpec[]) {
  const book = XlsxWorkbook.empty();
  const report = await book.writeGeneratedSheets(specs);
  const sheets = await recalcWithLibreOffice(await book.toBuffer());
  return { sheets, written: new Map(report.sheets.map((s) => [s.requested, s.written])) };
}

describe("LibreOffice recalculates the Veränderungen sheet", () => {
  withLibreOffice("every formula cell equals the stored value", async () => {
    requireTool(LIBREOFFICE);
    const spec = changesSheet(changes, CTX);
    const { sheets, written } = await recalc([spec]);
    const sheet = sheets[written.get(CHANGES_SHEET) ?? CHANGES_SHEET];
    const results = spec.rows.flatMap((row, i) =>
      row.flatMap((c, j) =>
        c.formula
          ? [
              {
                where: `R${i + 1}C${j + 1} ${c.formula}`,
                cached: Number(c.value),
                libreoffice: csvNumber(sheet?.[i]?.[j]),
              },
            ]
          : [],
      ),
    );
    expect(results.length).toBeGreaterThan(60);
    for (const r of results) {
      expect({ where: r.where, ok: Math.abs(r.libreoffice - r.cached) < 1e-6 }).toEqual({
        where: r.where,
        ok: true,
      });
    }
    // the amounts after add up to the next year's budget, the shares to 100 %
    const layout = changesSheetLayout(changes.areas.length, changes.units.length);
    expect(csvNumber(sheet[layout.areaTotalRow - 1][6])).toBeCloseTo(1027296, 6);
    expect(csvNumber(sheet[layout.areaTotalRow - 1][3])).toBeCloseTo(1, 9);
  });
});

describe("Veränderungen: the total of the percentage points", () => {
  test("is 0,00 Pp, not „-0,00 Pp“, when the float sum of the points is a hair below zero", () => {
    // 20 + 10 − 30 points, whose float sum is -7,1e-15: the format's negative section printed „-0,00 Pp“
    const shares: [number, number][] = [
      [0.3, 0.1],
      [0.3, 0.2],
      [0.4, 0.7],
    ];
    const areas = shares.map(([before, after], k) => ({
      ...changes.areas[0],
      name: `Sozialraum ${k + 1}`,
      shareBefore: before,
      shareAfter: after,
    }));
    expect(areas.reduce((s, a) => s + (a.shareAfter - a.shareBefore) * 100, 0)).toBeLessThan(0);
    const spec = changesSheet({ ...changes, areas }, CTX);
    const layout = changesSheetLayout(areas.length, changes.units.length);
    const totalPoints = spec.rows[layout.areaTotalRow - 1][4];
    expect(totalPoints.formula).toBe(
      `ROUND(SUM(E${layout.areaHeaderRow + 1}:E${layout.areaTotalRow - 1}),2)`,
    );
    expect(Object.is(totalPoints.value, 0)).toBe(true);
  });
});

describe("Veränderungen: names and strands are printed whole", () => {
  test("the Sozialraum column fits the longest Sozialraum; the strands wrap instead of being cut", () => {
    // a Landkreis' „Kreisstadt Süd/Bahnhof“ was cut to „Kreisstadt Süd/Bahnho“ (column B, 18 characters),
    // „1 Kita-Sozialarbeit, 3 Interkulturelle Fachkräfte“ to „… 3 Interkulturelle“ by the Betrag beside it
    const long = "Kreisstadt Süd/Bahnhof-West";
    const units = changes.units.map((u, k) => (k === 0 ? { ...u, area: long } : u));
    const spec = changesSheet({ ...changes, units }, CTX);
    expect(spec.columnWidths?.[1]).toBeGreaterThanOrEqual(oneLineWidth(long));
    const layout = changesSheetLayout(changes.areas.length, units.length);
    const withStrands = spec.rows
      .slice(layout.unitHeaderRow)
      .flatMap((row) => [row[8], row[9]])
      .filter((c) => typeof c.value === "string" && c.value !== "");
    expect(withStrands.length).toBeGreaterThan(0);
    for (const c of withStrands) expect(c.wrap).toBe(true);
    // short names: the column keeps its 18 characters
    expect(changesSheet(changes, CTX).columnWidths?.[1]).toBe(18);
  });
});

describe("fittingAmounts", () => {
  test("a budget of millions in the Sozialräume's total widens its column (Calc showed „###“ at width 12)", () => {
    // next year's sample: „Betrag jetzt“ 1.027.296,00 € (bold) in column G, given 12 characters
    const widths = fittingAmounts(
      [
        [
          { value: "Summe", bold: true },
          { value: 1027296, numFmt: MONEY_FORMAT, bold: true },
        ],
      ],
      [30, 12],
    );
    expect(widths[0]).toBe(30);
    // 1.027.296,00 € in bold Calibri 11 is 96,8 px: 14 characters of 7 px, and one to spare
    expect(widths[1]).toBe(15);
  });
  test("columns wide enough stay as they are; text and other formats do not count", () => {
    expect(
      fittingAmounts(
        [
          [
            { value: 55869.41, numFmt: MONEY_FORMAT },
            { value: 0.1694, numFmt: "0.00%" },
            { value: "1.000.000.000,00 €" },
          ],
        ],
        [14, 12, 10],
      ),
    ).toEqual([14, 12, 10]);
  });
});

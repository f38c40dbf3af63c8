/**
 * LibreOffice as the second engine: the generated .xlsx is opened with "always recalculate", so every
 * formula is computed by LibreOffice, not echoed from the cached value we stored. Each formula must come out
 * as the engine's value to the cent.
 */
import type { Allocation } from "../../src/engine/allocation";
import type { SheetSpec } from "../../src/workbook/port";
import { allocationSheets } from "../../src/workbook/allocationSheets";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import {
  LIBREOFFICE,
  csvNumber,
  parseCsv,
  recalcWithLibreOffice,
  requireTool,
  testWithTool,
  withLibreOffice,
} from "../helpers/libreoffice";
import { fixtureAllocation } from "./fixtures";

const CTX = {
  inputRange: "Kitas!A1:G7",
  checksum: "0".repeat(64),
  date: "2024-05-17",
  version: "0.1.0",
  issues: [],
};

async function recalc(specs: SheetSpec[]) {
  const book = XlsxWorkbook.empty();
  const report = await book.writeGeneratedSheets(specs);
  const sheets = await recalcWithLibreOffice(await book.toBuffer());
  return { sheets, written: new Map(report.sheets.map((s) => [s.requested, s.written])) };
}

/** Every formula cell of the specs with LibreOffice's recalculated value. */
function formulaResults(
  specs: SheetSpec[],
  sheets: Record<string, string[][]>,
  written: Map<string, string>,
) {
  return specs.flatMap((spec) =>
    spec.rows.flatMap((row, i) =>
      row.flatMap((cell, j) =>
        cell.formula
          ? [
              {
                where: `${spec.name}!R${i + 1}C${j + 1} ${cell.formula}`,
                cached: Number(cell.value),
                libreoffice: csvNumber(sheets[written.get(spec.name) ?? spec.name]?.[i]?.[j]),
              },
            ]
          : [],
      ),
    ),
  );
}

const cents = (x: number) => Math.round(x * 100);

describe("LibreOffice recalculates the allocation workbook", () => {
  withLibreOffice("every formula cell equals the engine's value to the cent (RLP and Bremen)", async () => {
    requireTool(LIBREOFFICE);
    for (const allocation of [fixtureAllocation(), fixtureAllocation({ bremen: true })]) {
      const specs = allocationSheets(allocation, CTX);
      const { sheets, written } = await recalc(specs);
      const results = formulaResults(specs, sheets, written);
      expect(results.length).toBeGreaterThan(20);
      for (const r of results) {
        expect({ where: r.where, cents: cents(r.libreoffice) }).toEqual({
          where: r.where,
          cents: cents(r.cached),
        });
        expect(Math.abs(r.libreoffice - r.cached)).toBeLessThan(1e-6);
      }
      // the amount total is the budget
      const v = sheets[written.get("Verteilung")!];
      expect(csvNumber(v[4][6])).toBe(100000);
      // text stays text in LibreOffice too
      expect(v[0].slice(0, 3)).toEqual(["Sozialraum", "Einrichtungen", "Kinder"]);
    }
  });

  withLibreOffice(
    "the test can fail: a deliberately wrong cached value is corrected by LibreOffice",
    async () => {
      requireTool(LIBREOFFICE);
      const specs = allocationSheets(fixtureAllocation(), CTX);
      const verteilung = specs[0];
      const total = verteilung.rows[4][6];
      expect(total.formula).toBe("SUM(G2:G4)");
      verteilung.rows[4][6] = { ...total, value: 999 }; // a wrong cached result
      const { sheets, written } = await recalc([verteilung]);
      const wrong = formulaResults([verteilung], sheets, written).find((r) =>
        r.where.includes("SUM(G2:G4)"),
      )!;
      expect(wrong.cached).toBe(999);
      expect(wrong.libreoffice).toBe(100000); // recalculated, not echoed: a comparison with the cache would fail
    },
  );

  withLibreOffice(
    "formula-like text written by the adapter stays text after the LibreOffice round trip",
    async () => {
      requireTool(LIBREOFFICE);
      const risky = ["=1+1", "+1+1", "-1-1", "@SUM(A1)", '=HYPERLINK("http://example.invalid")'];
      const { sheets } = await recalc([{ name: "Prüfbericht", rows: risky.map((t) => [{ value: t }]) }]);
      expect(sheets["Prüfbericht"].map((r) => r[0])).toEqual(risky);
    },
  );
});

/** The fixture allocation with its three Sozialräume (Nord, Mitte, Süd) renamed. */
function withAreaNames(names: [string, string, string]): Allocation {
  const allocation = fixtureAllocation();
  const rename = new Map([
    ["Nord", names[0]],
    ["Mitte", names[1]],
    ["Süd", names[2]],
  ]);
  return {
    ...allocation,
    areas: allocation.areas.map((a) => ({ ...a, name: rename.get(a.name) ?? a.name })),
    units: allocation.units.map((u) => ({ ...u, area: rename.get(u.area) ?? u.area })),
  };
}

describe("Sozialraum names that SUMIF/COUNTIF would read as patterns or comparisons (issue 17.7)", () => {
  const NAME_SETS: [string, string, string][] = [
    ["Nord", "Nord*", "<Nord"],
    ["N?rd", "Nord", "~Nord"],
    ["=Nord", ">A", "*"],
    ["nord", "Nord", "NORD"],
  ];

  test("no generated formula uses criteria syntax", () => {
    for (const names of NAME_SETS) {
      const formulas = allocationSheets(withAreaNames(names), CTX).flatMap((s) =>
        s.rows.flatMap((r) => r.flatMap((c) => (c.formula ? [c.formula] : []))),
      );
      expect(formulas.some((f) => f.includes("SUMPRODUCT"))).toBe(true);
      expect(formulas.filter((f) => /\b(SUMIFS?|COUNTIFS?|AVERAGEIFS?|MATCH|VLOOKUP)\(/.test(f))).toEqual([]);
    }
  });

  withLibreOffice.each(NAME_SETS)(
    "areas %s, %s, %s: every per-area total equals the engine's after recalculation",
    async (...names) => {
      requireTool(LIBREOFFICE);
      const specs = allocationSheets(withAreaNames(names), CTX);
      const { sheets, written } = await recalc(specs);
      const results = formulaResults(specs, sheets, written);
      const perArea = results.filter((r) => r.where.includes("SUMPRODUCT"));
      expect(perArea.length).toBe(6); // proposal and difference for three areas
      for (const r of results) {
        expect({ where: r.where, cents: cents(r.libreoffice) }).toEqual({
          where: r.where,
          cents: cents(r.cached),
        });
      }
    },
  );
});

describe("tool helper (skip locally, fail in CI)", () => {
  const missing = { name: "gibt-es-nicht", path: null, debianPackage: "paket-xyz" };
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  test("a missing tool is skipped with a warning naming the Debian package, outside CI", () => {
    delete process.env.CI;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(testWithTool(missing)).toBe(test.skip);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("paket-xyz"));
    warn.mockRestore();
  });

  test("in CI a missing tool runs the test, and requireTool fails it with the package name", () => {
    process.env.CI = "true";
    expect(testWithTool(missing)).toBe(test);
    expect(() => requireTool(missing)).toThrow(/apt-get install -y paket-xyz/);
    expect(requireTool({ ...missing, path: "/usr/bin/true" })).toBe("/usr/bin/true");
  });

  test("parseCsv and csvNumber read LibreOffice's CSV", () => {
    expect(parseCsv('a,"b,""c"""\r\n1,"x\ny"\n')).toEqual([
      ["a", 'b,"c"'],
      ["1", "x\ny"],
    ]);
    expect(csvNumber("38.5%")).toBeCloseTo(0.385, 12);
    expect(csvNumber("1e-7")).toBe(1e-7);
    expect(csvNumber("k.A.")).toBeNaN();
    expect(csvNumber("")).toBeNaN();
  });
});

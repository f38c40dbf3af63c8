import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import type { Issue } from "../../src/engine/issues";
import type { RawTable } from "../../src/engine/table";
import {
  allocationSheets,
  pseudonymiser,
  type AllocationSheetsContext,
} from "../../src/workbook/allocationSheets";
import { canonicalTableText, inputChecksum } from "../../src/workbook/checksum";
import {
  COUNT_FORMAT,
  MONEY_FORMAT,
  PERCENT_FORMAT,
  YEAR_FORMAT,
  formatEuro,
} from "../../src/workbook/numberFormats";
import type { SheetCell, SheetSpec } from "../../src/workbook/port";
import { FIXTURE_BUDGET, fixtureAllocation } from "./fixtures";

const CTX: AllocationSheetsContext = {
  inputRange: "Kitas!A1:G7",
  checksum: "ab".repeat(32),
  date: "2024-05-17",
  version: "0.1.0",
  issues: [],
};

function sheet(specs: SheetSpec[], name: string): SheetSpec {
  const s = specs.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
/** Cell by A1-ish coordinates (1-based). */
function at(spec: SheetSpec, row: number, col: number): SheetCell | undefined {
  return spec.rows[row - 1]?.[col - 1];
}
function findRow(spec: SheetSpec, firstCell: string): number {
  const i = spec.rows.findIndex((r) => r[0]?.value === firstCell);
  if (i < 0) throw new Error(`no row ${firstCell}`);
  return i + 1;
}
function column(spec: SheetSpec, header: string, headerRow = 1): number {
  const j = spec.rows[headerRow - 1].findIndex((c) => c.value === header);
  if (j < 0) throw new Error(`no column ${header}`);
  return j + 1;
}
function allStrings(specs: SheetSpec[]): string[] {
  return specs.flatMap((s) =>
    s.rows.flatMap((r) => r.map((c) => c.value).filter((v): v is string => typeof v === "string")),
  );
}

/**
 * Evaluates every formula of a sheet with HyperFormula (an independent engine; GPL, tests only) and returns
 * [address, cached, computed] for each formula cell.
 */
function evaluate(spec: SheetSpec): { where: string; cached: unknown; computed: unknown }[] {
  const data = spec.rows.map((r) =>
    r.map((c) => {
      if (c.formula) return `=${c.formula}`;
      if (typeof c.value === "string" && /^[=+\-@']/.test(c.value)) return `'${c.value}`;
      return c.value;
    }),
  );
  // SUMPRODUCT evaluates its arguments as arrays in Excel and LibreOffice (the per-area totals use
  // SUMPRODUCT(--EXACT(range, cell), …)); HyperFormula does so with array arithmetic switched on
  const hf = HyperFormula.buildFromArray(data, { licenseKey: "gpl-v3", useArrayArithmetic: true });
  const out: { where: string; cached: unknown; computed: unknown }[] = [];
  spec.rows.forEach((r, i) =>
    r.forEach((c, j) => {
      if (c.formula)
        out.push({
          where: `${spec.name}!R${i + 1}C${j + 1}`,
          cached: c.value,
          computed: hf.getCellValue({ sheet: 0, row: i, col: j }),
        });
    }),
  );
  hf.destroy();
  return out;
}

describe("fixture (hand-built allocation) is consistent", () => {
  test("amounts add up to the budget; Land part + municipal part = personnel volume; proposals fill each area", () => {
    const a = fixtureAllocation();
    const cents = (x: number) => Math.round(x * 100);
    expect(a.areas.reduce((s, x) => s + cents(x.amount), 0)).toBe(cents(FIXTURE_BUDGET));
    for (const area of a.areas) {
      expect(cents(area.landPart) + cents(area.municipalPart)).toBe(cents(area.personnelVolume));
      const proposed = a.units
        .filter((u) => u.area === area.name)
        .reduce((s, u) => s + cents(u.proposedAmount), 0);
      expect(proposed).toBe(cents(area.amount));
    }
  });
});

describe("allocationSheets", () => {
  const specs = allocationSheets(fixtureAllocation(), CTX);

  test("writes the five sheets of SPEC §7 in order, each with a bold German header", () => {
    expect(specs.map((s) => s.name)).toEqual([
      "Verteilung",
      "Einrichtungen",
      "Normbereiche",
      "Prüfbericht",
      "Methode",
    ]);
    for (const s of specs.slice(0, 4)) {
      expect(s.freezeRows).toBe(1);
      expect(s.rows[0].every((c) => c.bold === true)).toBe(true);
    }
  });

  test("every formula's cached value is what an independent engine computes (to the cent)", () => {
    const checked = specs.flatMap(evaluate);
    expect(checked.length).toBeGreaterThan(20);
    for (const { where, cached, computed } of checked) {
      expect({ where, v: Math.round(Number(computed) * 100) }).toEqual({
        where,
        v: Math.round(Number(cached) * 100),
      });
    }
  });

  test("Verteilung: one row per Sozialraum with the hand-derived figures, SUM totals equal to the budget", () => {
    const v = sheet(specs, "Verteilung");
    expect(v.rows[0].map((c) => c.value)).toEqual([
      "Sozialraum",
      "Einrichtungen",
      "Kinder",
      "Sozialraum-Index",
      "Normbereich",
      "Anteil",
      "Betrag",
      "Landesanteil",
      "Kommunaler Anteil",
      "Personalvolumen",
      "VZÄ",
      "Hinweis",
    ]);
    // Nord: 53/136 = 0.389706, 38,970.59 €, municipal 25,980.39 €, P 64,950.98 €, 0.75 VZÄ; band: area mean
    // 45.33, sd 6.85 → upper 52.19 < 53 → oberhalb
    expect(v.rows[1].slice(0, 11).map((c) => c.value)).toEqual([
      "Nord",
      2,
      215,
      53,
      "oberhalb",
      53 / 136,
      38970.59,
      38970.59,
      25980.39,
      64950.98,
      0.75,
    ]);
    const total = findRow(v, "Summe");
    expect(total).toBe(5);
    expect(at(v, total, 7)).toMatchObject({
      formula: "SUM(G2:G4)",
      value: 100000,
      numFmt: MONEY_FORMAT,
      bold: true,
    });
    expect(at(v, total, 6)).toMatchObject({ formula: "SUM(F2:F4)", numFmt: PERCENT_FORMAT });
    expect(at(v, total, 6)?.value).toBeCloseTo(1, 12);
    // Σ municipal 25,980.39 + 21,176.47 + 19,509.80 = 66,666.66; Σ P = 166,666.66; Σ VZÄ = 2
    expect(at(v, total, 9)?.value).toBe(66666.66);
    expect(at(v, total, 10)?.value).toBe(166666.66);
    expect(at(v, total, 11)).toMatchObject({ formula: "SUM(K2:K4)", value: 2 });
    const check = findRow(v, "Abweichung Summe − Budget");
    expect(at(v, check, 7)).toMatchObject({ formula: `G${total}-G${findRow(v, "Budget")}`, value: 0 });
    expect(v.charts?.[0]).toMatchObject({ firstRow: 2, lastRow: 4, categoryColumn: 1, seriesColumns: [6] });
  });

  test("Einrichtungen: indices, band, ja/nein per strand, proposal, empty adjustment, difference formula", () => {
    const e = sheet(specs, "Einrichtungen");
    const header = e.rows[0].map((c) => c.value);
    expect(header.slice(0, 5)).toEqual([
      "Einrichtung",
      "Sozialraum",
      "Kinder",
      "Soziale Lage",
      "Flucht und Migration",
    ]);
    const prop = column(e, "Betrag (Vorschlag)");
    const adj = column(e, "Betrag (angepasst)");
    const diff = column(e, "Differenz");
    expect([prop, adj, diff]).toEqual([13, 14, 15]); // M, N, O
    // Wirbelwind (row 7): index 34.6 < lower 36.03 → unterhalb, no Kita-Sozialarbeit, 0 €
    const w = e.rows[6];
    expect(w[0].value).toBe("Kita Wirbelwind");
    expect(w[column(e, "Gesamtindex") - 1].value).toBeCloseTo(34.6, 10);
    expect(w[column(e, "Normbereich") - 1].value).toBe("unterhalb");
    expect(w[column(e, "Kita-Sozialarbeit") - 1].value).toBe("nein");
    // Löwenzahn: interkulturell only as an exception
    expect(e.rows[3][column(e, "Interkulturelle Fachkräfte") - 1].value).toBe("ja");
    expect(e.rows[3][column(e, "Interkulturell als Ausnahme") - 1].value).toBe("ja");
    expect(e.rows[1][prop - 1]).toMatchObject({ value: 22058.82, numFmt: MONEY_FORMAT });
    expect(e.rows[1][adj - 1]).toMatchObject({ value: null, numFmt: MONEY_FORMAT });
    expect(e.rows[1][diff - 1]).toMatchObject({ formula: "IF(ISBLANK(N2),0,N2-M2)", value: 0 });
    const total = findRow(e, "Summe");
    expect(at(e, total, prop)).toMatchObject({ formula: "SUM(M2:M7)", value: 100000 });
    // per-area block: the proposals of the units whose Sozialraum is exactly the area's name (no SUMIF:
    // its criteria syntax reads "Nord*" or "<5" as a pattern) give each area's amount
    const nord = e.rows.findIndex((r, i) => i > total && r[0]?.value === "Nord") + 1;
    expect(at(e, nord, 2)).toMatchObject({
      formula: `SUMPRODUCT(--EXACT($B$2:$B$7,A${nord}),$M$2:$M$7)`,
      value: 38970.59,
    });
    expect(at(e, nord, 4)?.value).toBe(38970.59);
  });

  test("a user's adjustment shows as difference in the row, the total and the area block", () => {
    const e = sheet(allocationSheets(fixtureAllocation(), CTX), "Einrichtungen");
    e.rows[1][13] = { value: 20000 }; // Sonnenschein: 22,058.82 → 20,000.00, difference −2,058.82
    const byWhere = new Map(evaluate(e).map((x) => [x.where, x.computed]));
    expect(byWhere.get("Einrichtungen!R2C15")).toBeCloseTo(-2058.82, 6);
    expect(byWhere.get(`Einrichtungen!R${findRow(e, "Summe")}C15`)).toBeCloseTo(-2058.82, 6);
    const nord = e.rows.findIndex((r, i) => i > 7 && r[0]?.value === "Nord") + 1;
    expect(byWhere.get(`Einrichtungen!R${nord}C3`)).toBeCloseTo(-2058.82, 6);
  });

  test("Normbereiche: mean, sd, lower, upper for the Gesamtindex, each category and the area index", () => {
    const n = sheet(specs, "Normbereiche");
    expect(n.rows.slice(1, 5).map((r) => r[0].value)).toEqual([
      "Gesamtindex",
      "Soziale Lage",
      "Flucht und Migration",
      "Sozialraum-Index",
    ]);
    // Gesamtindex: mean 272/6 = 45.333, sample sd 9.300 → lower 36.033, upper 54.633
    expect(n.rows[1][2].value).toBeCloseTo(45.3333, 4);
    expect(n.rows[1][3].value).toBeCloseTo(9.3, 3);
    expect(n.rows[1][4]).toMatchObject({ formula: "C2-D2" });
    expect(n.rows[1][4].value).toBeCloseTo(36.0333, 3);
    // area index: mean 45.333, sd 6.854
    expect(n.rows[4][3].value).toBeCloseTo(6.8537, 4);
  });

  test("Prüfbericht: 'Keine Befunde.' when empty; otherwise Fehler before Warnung, duplicates once", () => {
    const none = sheet(allocationSheets(fixtureAllocation({ issues: [] }), CTX), "Prüfbericht");
    expect(none.rows[1].map((c) => c.value)).toEqual(["Keine Befunde."]);
    const err: Issue = {
      level: "error",
      code: "text-in-number",
      sheet: "Kitas",
      cell: "E3",
      message: "„k.A.“ ist keine Zahl.",
    };
    const warn = fixtureAllocation().issues[0];
    const p = sheet(allocationSheets(fixtureAllocation(), { ...CTX, issues: [warn, err] }), "Prüfbericht");
    expect(p.rows.slice(1).map((r) => r.map((c) => c.value))).toEqual([
      ["Fehler", "Kitas", "E3", "text-in-number", "„k.A.“ ist keine Zahl."],
      ["Warnung", "Kitas", "D7", "value-missing", warn.message],
    ]);
  });

  test("Methode: reproducibility data, options, budget, indicators with effective weights", () => {
    const m = sheet(specs, "Methode");
    const value = (key: string) => m.rows[findRow(m, key) - 1][1];
    expect(value("Erstellt am").value).toBe("2024-05-17");
    expect(value("SRB-Version").value).toBe("0.1.0");
    expect(value("Eingabebereich").value).toBe("Kitas!A1:G7");
    expect(value("Prüfsumme der Eingabewerte (SHA-256)").value).toBe("ab".repeat(32));
    expect(value("Gesamtbudget")).toMatchObject({ value: 100000, numFmt: MONEY_FORMAT });
    expect(value("Standardabweichung").value).toBe("Stichprobe (n − 1)");
    const alleinerziehend = m.rows.find((r) => r[0]?.value === "Alleinerziehende")!;
    // two indicators in "Soziale Lage", two equal categories: 1/2 · 1/2 = 25 %
    expect(alleinerziehend.map((c) => c.value)).toEqual([
      "Alleinerziehende",
      "Anteil_Alleinerziehend",
      "Soziale Lage",
      "+1 (höherer Wert = mehr Bedarf)",
      1,
      0.25,
    ]);
    const sum = m.rows.find((r) => r[0]?.value === "Summe")!;
    expect(sum[5]).toMatchObject({ value: 1, numFmt: PERCENT_FORMAT });
  });

  test("counts (Kinder, Einrichtungen) with a thousands separator; the Haushaltsjahr without one", () => {
    // "#,##0" is Excel's built-in format 3: 1019 shows as "1.019" in German Excel; "0" keeps 2027 as "2027"
    expect(COUNT_FORMAT).toBe("#,##0");
    expect(YEAR_FORMAT).toBe("0");
    const v = sheet(specs, "Verteilung");
    const e = sheet(specs, "Einrichtungen");
    const a = fixtureAllocation();
    // the tables' rows (Einrichtungen has blocks of its own below its table)
    const kinder = (spec: SheetSpec, n: number) =>
      spec.rows.slice(1, 1 + n).map((r) => r[column(spec, "Kinder") - 1]);
    const numbers = (cells: (SheetCell | undefined)[]) => cells.filter((c) => typeof c?.value === "number");
    for (const [spec, n] of [
      [v, a.areas.length],
      [e, a.units.length],
    ] as const) {
      const cells = numbers(kinder(spec, n));
      expect(cells.length).toBe(n);
      expect(cells.length).toBeGreaterThan(0);
      expect({ sheet: spec.name, formats: [...new Set(cells.map((c) => c!.numFmt))] }).toEqual({
        sheet: spec.name,
        formats: [COUNT_FORMAT],
      });
    }
    expect(v.rows[1][column(v, "Einrichtungen") - 1].numFmt).toBe(COUNT_FORMAT);
    const m = sheet(specs, "Methode");
    expect(m.rows[findRow(m, "Haushaltsjahr") - 1][1]).toEqual({ value: 2024, numFmt: YEAR_FORMAT });
  });

  test("publication mode: no unit name anywhere, codes instead (also inside messages)", () => {
    const allocation = fixtureAllocation({ bremen: true });
    const pub = allocationSheets(allocation, { ...CTX, issues: allocation.issues, publication: true });
    const strings = allStrings(pub).join("\n");
    for (const u of allocation.units) expect(strings).not.toContain(u.id);
    const e = sheet(pub, "Einrichtungen");
    expect(e.rows[0][0].value).toBe("Einrichtung (Code)");
    expect(e.rows.slice(1, 7).map((r) => r[0].value)).toEqual(["E01", "E02", "E03", "E04", "E05", "E06"]);
    expect(sheet(pub, "Prüfbericht").rows[1][4].value).toMatch(/^E06: kein Wert/);
    // and the model option switches it on too
    const viaModel = fixtureAllocation();
    viaModel.model = { ...viaModel.model, options: { ...viaModel.model.options, publication: true } };
    expect(allStrings(allocationSheets(viaModel, CTX)).join("\n")).not.toContain("Kita Sonnenschein");
  });

  test("Bremen: Kita-Index, VZÄ, Sachkosten and reason per unit, with totals", () => {
    const e = sheet(allocationSheets(fixtureAllocation({ bremen: true }), CTX), "Einrichtungen");
    const vz = column(e, "VZÄ");
    const sk = column(e, "Sachkosten");
    expect(e.rows[1][vz - 1].value).toBe(0.5);
    expect(e.rows[1][sk - 1]).toMatchObject({ value: 5000, numFmt: MONEY_FORMAT });
    expect(e.rows[1][column(e, "Begründung") - 1].value).toMatch(/0,5 VZÄ/);
    const total = findRow(e, "Summe");
    expect(at(e, total, sk)?.value).toBe(5000);
    for (const { cached, computed } of evaluate(e)) expect(Number(computed)).toBeCloseTo(Number(cached), 6);
  });

  test("text that looks like a formula is passed on as a value, never as a formula", () => {
    const risky: Issue = {
      level: "warning",
      code: "text-in-number",
      sheet: "Kitas",
      cell: "A2",
      message: '=HYPERLINK("x")',
    };
    // every issue of the run is passed once, in the context
    const p = sheet(allocationSheets(fixtureAllocation(), { ...CTX, issues: [risky] }), "Prüfbericht");
    expect(p.rows[1][4]).toEqual({ value: '=HYPERLINK("x")', wrap: true });
  });

  test("no areas and no units: sheets still come out, totals are 0 without broken ranges", () => {
    const a = fixtureAllocation({ issues: [] });
    a.areas = [];
    a.units = [];
    const out = allocationSheets(a, CTX);
    for (const s of out)
      for (const r of s.rows) for (const c of r) expect(c.formula ?? "").not.toMatch(/\d+:[A-Z]+1\)/);
    for (const { cached, computed } of out.flatMap(evaluate))
      expect(Number(computed)).toBeCloseTo(Number(cached), 6);
  });
});

describe("pseudonymiser", () => {
  test("replaces whole names only, longest first", () => {
    const anon = pseudonymiser([
      { id: "Kita Nord", code: "E01" },
      { id: "Kita Nordstern", code: "E02" },
    ]);
    expect(anon("Kita Nordstern und Kita Nord; Kita Nordsterne")).toBe("E02 und E01; Kita Nordsterne");
  });

  test("property: no whole name survives, text without names is unchanged", () => {
    const name = fc.stringMatching(/^[A-Za-zäöüß][A-Za-zäöüß .()-]{0,12}[A-Za-zäöüß)]$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(" ", ", ", ": "), { minLength: 1 }),
        (ids, seps) => {
          const units = ids.map((id, i) => ({ id, code: `#${i}#` }));
          const anon = pseudonymiser(units);
          const textWithNames = ids.map((id, i) => id + seps[i % seps.length]).join("");
          const out = anon(textWithNames);
          expect(out).toBe(units.map((u, i) => u.code + seps[i % seps.length]).join(""));
          expect(anon("1 2 3")).toBe("1 2 3");
        },
      ),
    );
  });
});

describe("inputChecksum", () => {
  const table: RawTable = {
    sheet: "Kitas",
    headers: ["Einrichtung", "Kinder"],
    rows: [
      ["Kita Nord", 85],
      ["Kita Süd", "12,5"],
      ["Kita Ost", { error: "#N/A" }],
    ],
  };

  test("SHA-256 hex of the canonical text (known digest of '[]')", async () => {
    expect(await inputChecksum({ sheet: "x", headers: [], rows: [] })).toBe(
      "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
    );
    expect(canonicalTableText(table)).toBe(
      '[["Einrichtung","Kinder"],["Kita Nord",85],["Kita Süd","12,5"],["Kita Ost",{"error":"#N/A"}]]',
    );
    expect(await inputChecksum(table)).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a big sheet hashed in pieces gives the digest of its whole canonical text (JSON of the trimmed rows)", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [
      `Kita „${i}“`,
      i % 7 === 0 ? null : i * 1.5,
      i % 11 === 0 ? { error: "#DIV/0!" } : -0,
      null,
    ]);
    const big: RawTable = {
      sheet: "Kitas",
      headers: ["Einrichtung", "Kinder", null],
      rows: [...rows, [null], []],
    };
    const text = canonicalTableText(big);
    const trimmed = [
      ["Einrichtung", "Kinder"],
      ...rows.map((r) => r.slice(0, 3).map((v) => (Object.is(v, -0) ? 0 : v))),
    ];
    expect(text).toBe(JSON.stringify(trimmed));
    expect(text.length).toBeGreaterThan(200_000);
    const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    expect(await inputChecksum(big)).toBe(hex);
  });

  test("text is not a number: '12,5', 12.5 and '12.5' give three different checksums", async () => {
    const variant = (v: string | number): RawTable => ({ ...table, rows: [["Kita Süd", v]] });
    const sums = await Promise.all([variant("12,5"), variant(12.5), variant("12.5")].map(inputChecksum));
    expect(new Set(sums).size).toBe(3);
  });

  test("property: trailing blanks, sheet name and -0 do not change the checksum; any value change does", async () => {
    const cell = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 4 }), fc.boolean());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        async (rows, k) => {
          const base: RawTable = { sheet: "A", headers: ["h"], rows };
          const padded: RawTable = {
            sheet: "B",
            headers: ["h", null],
            rows: [...rows.map((r) => [...r, null]), [null, null]],
          };
          expect(await inputChecksum(padded)).toBe(await inputChecksum(base));
          const i = k % rows.length;
          const changed = rows.map((r) => [...r]);
          changed[i][0] = typeof changed[i][0] === "number" ? `${changed[i][0]}` : 12345.5;
          expect(await inputChecksum({ ...base, rows: changed })).not.toBe(await inputChecksum(base));
        },
      ),
      { numRuns: 50 },
    );
    expect(canonicalTableText({ sheet: "A", headers: [-0], rows: [] })).toBe("[[0]]");
  });

  test("formatEuro writes German money", () => {
    expect(formatEuro(1234.5).replace(/\u00a0/g, " ")).toBe("1.234,50 €");
  });
});

import fc from "fast-check";
import { pseudonymiser } from "../../src/engine/pseudonymiser";

describe("pseudonymiser (publication mode)", () => {
  test("replaces whole names only, longest first", () => {
    const p = pseudonymiser([
      { id: "Kita Nord", code: "E01" },
      { id: "Kita Nord West", code: "E02" },
    ]);
    expect(p("„Kita Nord West“ und „Kita Nord“")).toBe("„E02“ und „E01“");
    expect(p("Kita Nordlicht bleibt")).toBe("Kita Nordlicht bleibt");
  });

  test("very long names (beyond the regular expression's limit) follow the same rule", () => {
    const long = "Kita " + "x".repeat(40000);
    const p = pseudonymiser([
      { id: long, code: "E01" },
      { id: "Kita Süd", code: "E02" },
    ]);
    expect(p(`A „${long}“ B Kita Süd`)).toBe("A „E01“ B E02");
    expect(p(`${long}y`)).toBe(`${long}y`); // inside a longer word: not a name
    expect(p(`${long}${long}`)).toBe(`${long}${long}`);
  });

  test("property: the long-name path and the regular expression agree", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 8 }),
        fc.constantFrom(" ", "„", "“", ": ", "x"),
        (names, picks, glue) => {
          // the same text twice: names padded to 5 characters (regular expression) and beyond the limit
          // (plain search); after undoing the padding the results must be the same
          const units = [...new Set(names)].map((id, i) => ({ id, code: `E0${i + 1}` }));
          const short = "Z".repeat(5);
          const long = "Z".repeat(1001);
          const build = (pad: string) => ({
            units: units.map((u) => ({ id: pad + u.id, code: u.code })),
            text: picks.map((k) => pad + units[k % units.length].id).join(glue),
          });
          const a = build(short);
          const b = build(long);
          const viaRegex = pseudonymiser(a.units)(a.text);
          const viaSearch = pseudonymiser(b.units)(b.text);
          expect(viaSearch.split(long).join(short)).toBe(viaRegex);
        },
      ),
    );
  });
});

describe("numbers that are not finite are written blank", () => {
  test("a NaN norm band (too few units) leaves the bounds blank, never NaN", async () => {
    const { allocationSheets } = await import("../../src/workbook/allocationSheets");
    const { fixtureAllocation } = await import("./fixtures");
    const allocation = fixtureAllocation();
    allocation.norm.index = { mean: NaN, sd: NaN, lower: NaN, upper: NaN };
    const sheets = allocationSheets(allocation, {
      inputRange: "Kitas!A1:E5",
      checksum: "0".repeat(64),
      date: "22.11.2026",
      version: "0.1.0",
      issues: [],
    });
    for (const sheet of sheets)
      for (const row of sheet.rows)
        for (const cell of row) {
          if (typeof cell.value === "number") expect(Number.isFinite(cell.value)).toBe(true);
        }
    const einrichtungen = sheets.find((s) => s.name === "Einrichtungen")!;
    const header = einrichtungen.rows[0].map((c) => c.value);
    const lower = header.indexOf("Normbereich unten");
    expect(lower).toBeGreaterThan(0);
    expect(einrichtungen.rows[1][lower].value).toBeNull();
  });
});

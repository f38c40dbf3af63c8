import fc from "fast-check";
import { SrbUsageError } from "../../src/engine/issues";
import { landFormula } from "../../src/engine/landFormula";

describe("landFormula: B_j = T · (0,4 · c_j/Σc + 0,6 · s_j/Σs)", () => {
  test("worked example: 100.000 € over three Jugendämter", () => {
    // c = 200, 300, 500 (Σ 1.000) → 0,2 / 0,3 / 0,5; s = 50, 30, 20 (Σ 100) → 0,5 / 0,3 / 0,2
    // B_1 = 100.000 · (0,4·0,2 + 0,6·0,5) = 100.000 · 0,38 = 38.000
    // B_2 = 100.000 · (0,4·0,3 + 0,6·0,3) = 100.000 · 0,30 = 30.000
    // B_3 = 100.000 · (0,4·0,5 + 0,6·0,2) = 100.000 · 0,32 = 32.000
    const rows = Object.freeze([
      Object.freeze({ name: "A", childrenUnder7: 200, sgb2Under7: 50 }),
      Object.freeze({ name: "B", childrenUnder7: 300, sgb2Under7: 30 }),
      Object.freeze({ name: "C", childrenUnder7: 500, sgb2Under7: 20 }),
    ]);
    const r = landFormula(100000, rows);
    expect(r.amounts).toEqual([38000, 30000, 32000]);
    expect(r.cents).toEqual([3800000, 3000000, 3200000]);
    expect(r.exact[0]).toBeCloseTo(38000, 6);
    expect(r.issues).toEqual([]);
  });

  test("Bad Kreuznach-sized total over two: 51 % and 49 % of 1.002.240 €", () => {
    // c = 1.500, 2.500 → 0,375 / 0,625; s = 300, 200 → 0,6 / 0,4
    // B_1 = 1.002.240 · (0,15 + 0,36) = 1.002.240 · 0,51 = 511.142,40; B_2 = 1.002.240 · 0,49 = 491.097,60
    const r = landFormula(1002240, [
      { name: "Stadt", childrenUnder7: 1500, sgb2Under7: 300 },
      { name: "Kreis", childrenUnder7: 2500, sgb2Under7: 200 },
    ]);
    expect(r.amounts).toEqual([511142.4, 491097.6]);
  });

  test("cents by largest remainder: 1.000 € over three equal rows → 333,34 + 333,33 + 333,33, tie flagged", () => {
    const equal = { childrenUnder7: 10, sgb2Under7: 2 };
    const r = landFormula(1000, [
      { name: "A", ...equal },
      { name: "B", ...equal },
      { name: "C", ...equal },
    ]);
    expect(r.amounts).toEqual([333.34, 333.33, 333.33]);
    expect(r.tieFlags).toEqual([true, true, true]);
  });

  test("weights are normalised: 40/60 equals 0,4/0,6; 1/0 uses the children only", () => {
    const rows = [
      { name: "A", childrenUnder7: 200, sgb2Under7: 50 },
      { name: "B", childrenUnder7: 800, sgb2Under7: 50 },
    ];
    expect(landFormula(5000, rows, { children: 40, sgb2: 60 }).amounts).toEqual(
      landFormula(5000, rows).amounts,
    );
    // children only: 200/1.000 · 5.000 = 1.000, 800/1.000 · 5.000 = 4.000
    expect(landFormula(5000, rows, { children: 1, sgb2: 0 }).amounts).toEqual([1000, 4000]);
  });

  test("bad counts are errors naming Jugendamt, value and expectation; amounts 0", () => {
    const r = landFormula(
      1000,
      [
        { name: "Stadt A", childrenUnder7: -3, sgb2Under7: 5 },
        { name: "Stadt B", childrenUnder7: 10, sgb2Under7: Number.NaN },
      ],
      undefined,
      { sheet: "Land", childrenCells: ["B2", "B3"], sgb2Cells: ["C2", "C3"] },
    );
    expect(r.amounts).toEqual([0, 0]);
    expect(r.issues).toHaveLength(2);
    expect(r.issues[0]).toMatchObject({
      level: "error",
      code: "land-count-invalid",
      sheet: "Land",
      cell: "B2",
    });
    expect(r.issues[0].message).toBe("Stadt A: Kinder unter 7 Jahren ist -3; erwartet wird eine Anzahl ≥ 0.");
    expect(r.issues[1]).toMatchObject({ cell: "C3" });
  });

  test("no SGB-II children at all → error, not a division by zero", () => {
    const r = landFormula(1000, [{ name: "A", childrenUnder7: 10, sgb2Under7: 0 }]);
    expect(r.issues.map((i) => i.code)).toEqual(["land-count-sum-zero"]);
    expect(r.amounts).toEqual([0]);
  });

  test("misuse throws", () => {
    expect(() => landFormula(-1, [])).toThrow(SrbUsageError);
    expect(() => landFormula(1, [], { children: 0, sgb2: 0 })).toThrow(SrbUsageError);
    expect(() => landFormula(1, [], { children: -1, sgb2: 2 })).toThrow(SrbUsageError);
  });

  test("property: Σ = T to the cent, every amount within one cent of the exact B_j", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000_000 }),
        fc.array(
          fc.record({ c: fc.integer({ min: 0, max: 50000 }), s: fc.integer({ min: 0, max: 10000 }) }),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (totalCents, raw) => {
          fc.pre(raw.some((x) => x.c > 0) && raw.some((x) => x.s > 0));
          const rows = raw.map((x, i) => ({ name: `J${i}`, childrenUnder7: x.c, sgb2Under7: x.s }));
          const r = landFormula(totalCents / 100, rows);
          expect(r.cents.reduce((a, b) => a + b, 0)).toBe(totalCents);
          const sumC = raw.reduce((a, x) => a + x.c, 0);
          const sumS = raw.reduce((a, x) => a + x.s, 0);
          rows.forEach((row, i) => {
            const exactCents =
              totalCents * (0.4 * (row.childrenUnder7 / sumC) + 0.6 * (row.sgb2Under7 / sumS));
            expect(Math.abs(r.cents[i] - exactCents)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});

import fc from "fast-check";
import { SrbUsageError } from "../../src/engine/issues";
import { kofinanzierung, kofinanzierungIssues } from "../../src/engine/kofinanzierung";

describe("Kofinanzierung: P = amount / 0,6, municipal = P · 0,4", () => {
  test("Bad Kreuznach 2022: 1.002.240 € → P 1.670.400 €, municipal 668.160 €", () => {
    // 1.002.240 / 0,6 = 1.670.400; 1.670.400 · 0,4 = 668.160
    expect(kofinanzierung(1002240)).toEqual({
      personnelVolume: 1670400,
      landPart: 1002240,
      municipalPart: 668160,
      otherPart: 0,
    });
  });

  test("cents: 100 € → P 166,67 €, municipal 66,67 € (166,666… and 66,666… rounded)", () => {
    expect(kofinanzierung(100)).toEqual({
      personnelVolume: 166.67,
      landPart: 100,
      municipalPart: 66.67,
      otherPart: 0,
    });
  });

  test("shares below 1 leave an other part: 0,5 / 0,3 of 1.000 € → P 2.000, municipal 600, other 400", () => {
    // P = 1.000 / 0,5 = 2.000; municipal 2.000 · 0,3 = 600; other 2.000 − 1.000 − 600 = 400
    expect(kofinanzierung(1000, { landShare: 0.5, municipalShare: 0.3 })).toEqual({
      personnelVolume: 2000,
      landPart: 1000,
      municipalPart: 600,
      otherPart: 400,
    });
  });

  test("Land pays everything: 1 / 0 → P = amount", () => {
    expect(kofinanzierung(1234.56, { landShare: 1, municipalShare: 0 })).toEqual({
      personnelVolume: 1234.56,
      landPart: 1234.56,
      municipalPart: 0,
      otherPart: 0,
    });
  });

  test("invalid specs: German issues, and the function throws", () => {
    expect(kofinanzierungIssues({ landShare: 0.6, municipalShare: 0.4 })).toEqual([]);
    const zero = kofinanzierungIssues({ landShare: 0, municipalShare: 0.4 });
    expect(zero).toHaveLength(1);
    expect(zero[0]).toMatchObject({ level: "error", code: "kofinanzierung-invalid" });
    expect(zero[0].message).toBe(
      "Kofinanzierung: Landesanteil 0: erwartet wird ein Anteil über 0 und höchstens 1 (100 %).",
    );
    expect(kofinanzierungIssues({ landShare: 1.2, municipalShare: -0.1 })).toHaveLength(2);
    expect(kofinanzierungIssues({ landShare: 0.7, municipalShare: 0.4 })[0].message).toContain("mehr als 1");
    expect(() => kofinanzierung(100, { landShare: 0, municipalShare: 0.4 })).toThrow(SrbUsageError);
    expect(() => kofinanzierung(-1)).toThrow(SrbUsageError);
  });

  test("property (0,6/0,4): Land + municipal = P to the cent; P · 0,6 within a cent of the amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        const r = kofinanzierung(cents / 100);
        expect(Math.round(r.landPart * 100) + Math.round(r.municipalPart * 100)).toBe(
          Math.round(r.personnelVolume * 100),
        );
        expect(Math.abs(r.personnelVolume * 0.6 - cents / 100)).toBeLessThanOrEqual(0.006);
        expect(r.otherPart).toBe(0);
      }),
    );
  });
});

import fc from "fast-check";
import { kofinanzierungPerArea } from "../../src/engine/allocate";
import { kofinanzierung } from "../../src/engine/kofinanzierung";
import { DEFAULT_KOFINANZIERUNG } from "../../src/engine/model";

const cents = (x: number) => Math.round(x * 100);

test("worked example: the column totals equal the Kofinanzierung of the whole budget", () => {
  // 1,002,240 € in three areas. Per area, 334,080.01 / 0.6 = 556,800.0166… → 556,800.02 and
  // 334,079.99 / 0.6 = 556,799.9833… → 556,799.98; together with 556,800 that is 1,670,400.00 € = 1,002,240 / 0.6.
  const areas = kofinanzierungPerArea([334080.01, 334079.99, 334080], DEFAULT_KOFINANZIERUNG);
  expect(areas.map((a) => a.personnelVolume)).toEqual([556800.02, 556799.98, 556800]);
  expect(areas.map((a) => a.municipalPart)).toEqual([222720.01, 222719.99, 222720]);
  expect(areas.reduce((s, a) => s + cents(a.personnelVolume), 0)).toBe(167040000);
  expect(areas.reduce((s, a) => s + cents(a.municipalPart), 0)).toBe(66816000);
});

test("rounding per area alone would miss the total by a cent; the apportionment does not", () => {
  // 1,000 € in 7 areas: rounding each area's amount / 0.6 separately adds up to a cent more or less than
  // 1,000 / 0.6 = 1,666.67 €; the apportionment hits the whole-budget value.
  const amounts = [142.86, 142.86, 142.86, 142.86, 142.86, 142.85, 142.85];
  const perAreaAlone = amounts.reduce((s, a) => s + cents(kofinanzierung(a).personnelVolume), 0);
  const apportioned = kofinanzierungPerArea(amounts, DEFAULT_KOFINANZIERUNG);
  const total = cents(kofinanzierung(1000).personnelVolume);
  expect(perAreaAlone).not.toBe(total);
  expect(apportioned.reduce((s, a) => s + cents(a.personnelVolume), 0)).toBe(total);
});

test("property: totals exact, each area within a cent of its own value, Land + Kommune = Personalvolumen", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1e10 }), { minLength: 1, maxLength: 30 }), (areaCents) => {
      const amounts = areaCents.map((c) => c / 100);
      const result = kofinanzierungPerArea(amounts, DEFAULT_KOFINANZIERUNG);
      const sum = areaCents.reduce((s, c) => s + c, 0);
      const whole = kofinanzierung(sum / 100);
      expect(result.reduce((s, a) => s + cents(a.personnelVolume), 0)).toBe(
        sum === 0 ? 0 : cents(whole.personnelVolume),
      );
      expect(result.reduce((s, a) => s + cents(a.municipalPart), 0)).toBe(
        sum === 0 ? 0 : cents(whole.municipalPart),
      );
      result.forEach((a, i) => {
        expect(cents(a.landPart) + cents(a.municipalPart)).toBe(
          cents(a.personnelVolume) || cents(a.landPart),
        );
        expect(
          Math.abs(cents(a.personnelVolume) - cents(kofinanzierung(amounts[i]).personnelVolume)),
        ).toBeLessThanOrEqual(1);
      });
    }),
  );
});

import fc from "fast-check";
import { SrbUsageError } from "../../src/engine/issues";
import { distributeVzae, vzaeFor, vzaeIssues } from "../../src/engine/vzae";

describe("vzaeFor: P / cost, rounded down to the step", () => {
  test("worked example: 1.670.400 € at 75.000 € → 22,272 → 22,25 VZÄ", () => {
    // 1.670.400 / 75.000 = 22,272; quarters: ⌊22,272 / 0,25⌋ = 89 → 89 · 0,25 = 22,25
    expect(vzaeFor(1670400, 75000)).toBe(22.25);
  });

  test("exactly 3 · cost → 3 (no float loss to 2,75); 0,75 · cost → 0,75", () => {
    const cost = 61234.57;
    expect(vzaeFor(3 * cost, cost)).toBe(3);
    expect(vzaeFor(0.75 * cost, cost)).toBe(0.75);
    // step 0,1: 0,3 · cost → 0,3 (not 0,30000000000000004, not 0,2)
    expect(vzaeFor(0.3 * cost, cost, 0.1)).toBe(0.3);
  });

  test("one cent short of a step → the step below", () => {
    // 0,75 VZÄ at 80.000 € cost 60.000 €; 59.999,99 € pays only 0,5
    expect(vzaeFor(59999.99, 80000)).toBe(0.5);
    expect(vzaeFor(60000, 80000)).toBe(0.75);
    expect(vzaeFor(0, 80000)).toBe(0);
  });

  test("other step: 50.000 € at 75.000 € in halves → 0,5", () => {
    expect(vzaeFor(50000, 75000, 0.5)).toBe(0.5);
  });

  test("invalid parameters: issues and SrbUsageError", () => {
    expect(vzaeIssues(75000, 0.25)).toEqual([]);
    expect(vzaeIssues(0, 0)).toHaveLength(2);
    expect(vzaeIssues(0)[0].message).toBe("Personal: Kosten je VZÄ 0: erwartet wird ein Betrag über 0 €.");
    expect(() => vzaeFor(1000, 0)).toThrow(SrbUsageError);
    expect(() => vzaeFor(-1, 1000)).toThrow(SrbUsageError);
    expect(() => vzaeFor(1000, 1000, -0.25)).toThrow(SrbUsageError);
  });

  test("property: k steps of cost k·step·cost give k·step exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_00, max: 200_000_00 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(0.1, 0.25, 0.5, 1),
        (costCents, k, step) => {
          const cost = costCents / 100;
          expect(vzaeFor(k * step * cost, cost, step)).toBe(Math.round(k * step * 1e9) / 1e9);
        },
      ),
    );
  });

  test("property: never exceeds the money, and less than one step is left", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1_000_00, max: 200_000_00 }),
        fc.constantFrom(0.1, 0.25, 0.5),
        (moneyCents, costCents, step) => {
          const money = moneyCents / 100;
          const cost = costCents / 100;
          const v = vzaeFor(money, cost, step);
          expect(v * cost).toBeLessThanOrEqual(money + 0.005);
          expect(money - v * cost).toBeLessThan(step * cost + 0.005);
          expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-9);
        },
      ),
    );
  });
});

describe("distributeVzae: one pot over several units", () => {
  test("worked example: 150.000 € at 60.000 € in halves over weights 5 : 3 : 2", () => {
    // step cost 30.000 €; own money 75.000 / 45.000 / 30.000 → quotas 2,5 / 1,5 / 1,0 steps
    // floors 2 + 1 + 1 = 4 steps; the pot pays ⌊150.000 / 30.000⌋ = 5 → 1 step missing
    // remainders 0,5 / 0,5 / 0 → equal: the larger weight (5) first → steps 3 / 1 / 1 = 1,5 / 0,5 / 0,5 VZÄ
    const r = distributeVzae(150000, Object.freeze([5, 3, 2]), 60000, 0.5);
    expect(r.vzae).toEqual([1.5, 0.5, 0.5]);
    expect(r.cost).toBe(150000);
    expect(r.remainingMoney).toBe(0);
    expect(r.tieFlags).toEqual([true, true, false]);
  });

  test("the leftover pays more than each unit alone: 3 × 25.000 € at 50.000 € in quarters", () => {
    // step cost 12.500 €; each unit's 25.000 € buys 2 steps exactly → 0,5 each, nothing left
    expect(distributeVzae(75000, [1, 1, 1], 50000).vzae).toEqual([0.5, 0.5, 0.5]);
    // 80.000 €: own 26.666,67 € → 2,13 steps each; pot pays 6 steps → 6 floors, 5.000 € left
    const r = distributeVzae(80000, [1, 1, 1], 50000);
    expect(r.vzae).toEqual([0.5, 0.5, 0.5]);
    expect(r.remainingMoney).toBe(5000);
    // 90.000 €: own 30.000 → 2,4 steps each; pot pays 7 → one extra step, tie of three → first, all flagged
    const s = distributeVzae(90000, [1, 1, 1], 50000);
    expect(s.vzae).toEqual([0.75, 0.5, 0.5]);
    expect(s.tieFlags).toEqual([true, true, true]);
    expect(s.remainingMoney).toBe(2500);
  });

  test("weight 0 gets 0; all weights 0 → all 0, the pot stays", () => {
    expect(distributeVzae(100000, [0, 1], 50000).vzae).toEqual([0, 2]);
    const r = distributeVzae(100000, [0, 0], 50000);
    expect(r.vzae).toEqual([0, 0]);
    expect(r.remainingMoney).toBe(100000);
  });

  test("misuse throws", () => {
    expect(() => distributeVzae(-1, [1], 1000)).toThrow(SrbUsageError);
    expect(() => distributeVzae(1000, [-1], 1000)).toThrow(SrbUsageError);
  });

  test("property: within the pot, < one step left, each unit between its own floor and one step more", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 20_000_00, max: 120_000_00 }),
        fc.constantFrom(0.25, 0.5, 1),
        (potCents, weights, costCents, step) => {
          const pot = potCents / 100;
          const cost = costCents / 100;
          const r = distributeVzae(pot, weights, cost, step);
          const sumW = weights.reduce((a, b) => a + b, 0);
          const used = r.vzae.reduce((a, v) => a + v * cost, 0);
          expect(used).toBeLessThanOrEqual(pot + 0.01);
          expect(Math.abs(r.cost - used)).toBeLessThan(0.01);
          if (sumW > 0) expect(r.remainingMoney).toBeLessThan(step * cost + 0.01);
          weights.forEach((w, i) => {
            const own = sumW > 0 ? vzaeFor((pot * w) / sumW, cost, step) : 0;
            expect(r.vzae[i]).toBeGreaterThanOrEqual(own);
            expect(r.vzae[i]).toBeLessThanOrEqual(own + step + 1e-9);
            if (w === 0) expect(r.vzae[i]).toBe(0);
          });
        },
      ),
    );
  });
});

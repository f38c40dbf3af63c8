import { apportionCents } from "../../src/engine/apportionCents";
test("smoke: adds up", () => {
  expect(apportionCents(100, [1, 1, 1]).cents.reduce((a, b) => a + b, 0)).toBe(10000);
});

/**
 * Goalposts from the adopted year (SPEC §5a): the default with fixed goalposts on, never over the model's own.
 */
import { goalpostDefaults } from "../../src/engine/goalpostDefaults";
import { INDICATORS, model } from "./fixtures";

const ADOPTED = { a: { min: 4, max: 55 }, b: { min: 0, max: 10 }, c: { min: 3, max: 3 } };

describe("goalpostDefaults", () => {
  test("fixed goalposts on: indicators without their own take the adopted year's; invalid adopted ones are skipped", () => {
    const m = model({ goalposts: true }, 1000, [
      INDICATORS[0],
      { ...INDICATORS[1], goalposts: { min: 1, max: 2 } },
      INDICATORS[2],
    ]);
    const { model: filledModel, filled } = goalpostDefaults(m, ADOPTED);
    expect(filled).toEqual(["a"]);
    expect(filledModel.indicators.map((i) => i.goalposts)).toEqual([
      { min: 4, max: 55 },
      { min: 1, max: 2 },
      undefined,
    ]);
    expect(m.indicators[0].goalposts).toBeUndefined(); // the input is not changed
  });

  test("fixed goalposts off: nothing is filled, the model is returned as it is", () => {
    const m = model();
    expect(goalpostDefaults(m, ADOPTED)).toEqual({ model: m, filled: [] });
  });

  test("a model's invalid goalposts (min = max) are replaced by the adopted year's", () => {
    const m = model({ goalposts: true }, 1000, [{ ...INDICATORS[0], goalposts: { min: 5, max: 5 } }]);
    expect(goalpostDefaults(m, ADOPTED).model.indicators[0].goalposts).toEqual({ min: 4, max: 55 });
  });
});

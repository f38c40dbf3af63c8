/**
 * Goalposts from the adopted year (SPEC.md §5a): with fixed goalposts switched on, an indicator without
 * its own valid min and max takes the adopted year's (`Adoption.goalposts`) — nobody types last year's
 * values by hand. Goalposts the model names itself win; the model is not changed, a completed copy is
 * returned with the list of indicators that got the adopted year's values.
 *
 * Worked example: the adopted year had Anteil_SGB_II between 4.0 and 55.0; the new model switches fixed
 * goalposts on and names none → Anteil_SGB_II is scored against 4.0–55.0, and a value of 60 scores 100.
 */
import { validGoalposts, type Goalposts } from "./adoption";
import type { Model } from "./model";

/** Any model shape with indicators and the goalposts option (the model file's and the resolved one). */
type WithGoalposts = {
  options?: { goalposts?: boolean | null } | null;
  indicators: readonly { column: string; goalposts?: Goalposts | null }[];
};

export interface GoalpostDefaults<M extends WithGoalposts = Model> {
  model: M;
  /** Indicator columns whose goalposts came from the adopted year. */
  filled: string[];
}

/**
 * Fill missing goalposts from the adopted year (only when `options.goalposts` is on).
 *
 * @param model the new year's model
 * @param adopted the adopted year's goalposts per indicator column
 * @example
 * const m = { ...model, options: { ...model.options, goalposts: true } };
 * goalpostDefaults(m, { Anteil_SGB_II: { min: 4, max: 55 } }).filled; // => ["Anteil_SGB_II"]
 * goalpostDefaults(model, { Anteil_SGB_II: { min: 4, max: 55 } }).filled; // => [] (goalposts off)
 */
export function goalpostDefaults<M extends WithGoalposts>(
  model: M,
  adopted: Readonly<Record<string, Goalposts>>,
): GoalpostDefaults<M> {
  if (!model.options?.goalposts) return { model, filled: [] };
  const filled: string[] = [];
  const indicators = model.indicators.map((indicator) => {
    if (validGoalposts(indicator.goalposts)) return indicator;
    const g = Object.prototype.hasOwnProperty.call(adopted, indicator.column)
      ? adopted[indicator.column]
      : undefined;
    if (!validGoalposts(g)) return indicator;
    filled.push(indicator.column);
    return { ...indicator, goalposts: { min: g.min, max: g.max } };
  });
  return { model: filled.length > 0 ? ({ ...model, indicators } as M) : model, filled };
}

/**
 * `srb allocate --robustness`: the robustness analysis as the extra `"robustness"` field of results.json
 * (extra fields are allowed by SPEC.md §8). The analysis and its sheet come from the use case
 * (src/usecase/generate.ts); this only shapes the JSON.
 */
import type { Robustness } from "../engine/robustness";

/**
 * The robustness result for results.json, unit names as the sheets show them (codes in publication mode).
 *
 * @example robustnessJson(r, (id) => id).units[0].id; // => "Kita Löwenzahn"
 */
export function robustnessJson(r: Robustness, unitName: (id: string) => string): Robustness {
  return {
    ...r,
    units: r.units.map((u) => ({ ...u, id: unitName(u.id) })),
    // each alternative by its German name, as the sheet shows it (what it changes is the task pane's)
    alternatives: r.alternatives.map(({ label, shares }) => ({ label, shares })),
  };
}

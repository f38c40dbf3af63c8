/**
 * The robustness analysis gives exactly what it gave before it was made fast (issue 17.4): the expected
 * output was computed by the earlier implementation, which recomputed every alternative as a full allocation
 * and searched each unit in every outcome (quadratic). Every number must be identical, not just close.
 *
 * Re-pinned once, on purpose (2026-11-30): the Monte-Carlo draws now use the drawn indicator weights too
 * (before, only the category weights reached the allocation). That each draw equals a full check and
 * allocation of the drawn model is tested draw by draw in robustnessIndicatorWeights.test.ts.
 */
import { allocate } from "../../src/engine/allocate";
import { checkTable } from "../../src/engine/check";
import { resolveModel } from "../../src/engine/resolveModel";
import { germanAlternativeLabel, robustness } from "../../src/engine/robustness";
import expected from "./robustnessPinned.expected.json";
import { ROBUSTNESS_FIXTURES } from "./robustnessFixtures";

describe("robustness is pinned to the earlier implementation", () => {
  test.each(ROBUSTNESS_FIXTURES.map((f, i) => [f.name, i] as const))("%s", (_, i) => {
    const f = ROBUSTNESS_FIXTURES[i];
    const model = resolveModel(f.model).model!;
    const dataset = checkTable(model, f.table).dataset!;
    const base = allocate(model, dataset);
    const r = robustness({ model, dataset, base }, f.options);
    // through JSON, as the expected file was written (Infinity → null); what each alternative changes
    // (for the task pane's English names) came later and is its label's data
    for (const a of r.alternatives) expect(germanAlternativeLabel(a.change!)).toBe(a.label);
    const pinned = { ...r, alternatives: r.alternatives.map(({ label, shares }) => ({ label, shares })) };
    expect(JSON.parse(JSON.stringify(pinned))).toEqual(expected[i].robustness);
    expect(expected[i].name).toBe(f.name);
  });
});

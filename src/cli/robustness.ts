/**
 * `srb allocate --robustness`: the robustness analysis (src/engine/robustness.ts) as an extra sheet and an
 * extra `"robustness"` field of results.json (extra fields are allowed by SPEC.md §8).
 */
import type { Allocation } from "../engine/allocation";
import type { Model } from "../engine/model";
import { robustness } from "../engine/robustness";
import type { RawTable } from "../engine/table";
import type { SheetSpec } from "../workbook/port";
import { robustnessSheet } from "../workbook/robustnessSheet";

export interface RobustnessRequest {
  model: Model;
  table: RawTable;
  allocation: Allocation;
  /** Publication mode: unit names replaced by their codes on the sheet. */
  publication: boolean;
  runs?: number;
  seed?: number;
}

export interface RobustnessResult {
  sheets: SheetSpec[];
  json: unknown;
}

/**
 * @example robustnessForCli({ model, table, allocation, publication: false }).sheets[0].name; // => "Robustheit"
 */
export function robustnessForCli(request: RobustnessRequest): RobustnessResult | null {
  const r = robustness(request.model, request.table, { runs: request.runs, seed: request.seed });
  if (r === null) return null;
  const codes = new Map(request.allocation.units.map((u) => [u.id, u.code]));
  const unitName = (id: string) => (request.publication ? (codes.get(id) ?? id) : id);
  return {
    sheets: [robustnessSheet(r, { unitName })],
    json: { ...r, units: r.units.map((u) => ({ ...u, id: unitName(u.id) })) },
  };
}

/**
 * A unit as the check makes it. Its indicator values stay where the check wrote them, in the typed columns
 * by indicator (`columns[indicator][position]`, NaN for a blank); its `values` list is made the first time
 * something reads it, and kept. The computation reads the columns (`checkedColumns`) and never the lists:
 * at 100,000 Kitas, 100,000 lists of 20 numbers made in the check and copied by every young-generation
 * collection of the run cost about a tenth of the engine's time, for what only the robustness analysis,
 * winsorisation, the aggregate area method and an adoption read.
 *
 * Everything else is a plain field, as in a unit a test or an adapter writes by hand. A copy made by spreading
 * (`{ ...unit }`) has no `values` (the list is not a field of its own): write `{ ...unit, values: unit.values }`.
 */
import { orNull } from "./categoryIndices";
import type { Unit } from "./dataset";

/**
 * A unit's indicator values as a list, null for a blank (NaN in the columns).
 *
 * @example valuesAt([Float64Array.of(1, NaN), Float64Array.of(2, 3)], 1); // => [null, 3]
 */
export function valuesAt(columns: readonly Float64Array[], position: number): (number | null)[] {
  const out = new Array<number | null>(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = orNull(columns[i][position]);
  return out;
}

/**
 * @example
 * const u = new CheckedUnit("Kita A", "Nord", 40, 4, [Float64Array.of(12, 7), Float64Array.of(NaN, 1)], 0,
 *   false, "", false, "", null, false, null);
 * u.values; // => [12, null]
 */
export class CheckedUnit implements Unit {
  /** The list, once read (or set). */
  private list: (number | null)[] | undefined = undefined;
  declare strand4Vzae?: number | null;
  declare traeger?: string | null;

  constructor(
    public id: string,
    public area: string,
    public children: number | null,
    public row: number,
    private readonly columns: readonly Float64Array[],
    private readonly position: number,
    public strand2: boolean,
    public strand3Reason: string,
    public strand4: boolean,
    public strand4Reason: string,
    public verbund: string | null,
    public firstYear: boolean,
    public kitaIndex: number | null,
  ) {}

  get values(): (number | null)[] {
    return (this.list ??= valuesAt(this.columns, this.position));
  }

  set values(list: (number | null)[]) {
    this.list = list;
  }
}

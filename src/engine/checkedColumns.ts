/**
 * The indicator values by column as plain doubles (NaN for a blank), as the check read them: handed from
 * `checkTable` to `allocate` next to the dataset, so that the computation does not read them back out of
 * 100,000 units' value lists.
 *
 * Reading them back costs more than the copying: the lists of complete rows hold unboxed doubles, the lists
 * of rows with a blank hold boxed numbers and null, and optimised code that reads both kinds at one place
 * converts every list of doubles it meets into boxed numbers (2 million new objects at 100,000 Kitas).
 *
 * The columns belong to the dataset object the check returned (kept beside it, not in it: a copy of the
 * dataset, e.g. `{ ...dataset, units }`, has none) and are used only while the units are the check's own
 * units, in the check's order. A dataset is never changed in place after the check; a unit replaced by a
 * copy (other values, another flag) makes the columns unusable, and the values are read from the units.
 */
import type { Dataset, Unit } from "./dataset";

interface Remembered {
  /** The check's units, in the order of the columns. */
  units: readonly Unit[];
  columns: Float64Array[];
}

const remembered = new WeakMap<Dataset, Remembered>();

/**
 * Remember the check's columns for its dataset.
 *
 * @param dataset the dataset the check returns
 * @param columns `columns[indicator][unit]`, NaN for a blank, units in the order of `dataset.units`
 * @example
 * // a dataset of two units with one indicator, values [1] and [null]
 * rememberCheckedColumns(dataset, [Float64Array.of(1, NaN)]);
 */
export function rememberCheckedColumns(dataset: Dataset, columns: Float64Array[]): void {
  remembered.set(dataset, { units: [...dataset.units], columns });
}

/**
 * The check's columns for `units` (the dataset's units, possibly reordered into a new list), or null when
 * there are none or they no longer fit: a different number of units, or a unit that is not the check's own
 * unit at that position.
 *
 * @example
 * checkedColumns(dataset, dataset.units); // => [Float64Array [1, NaN]] (after the example above)
 * checkedColumns({ ...dataset }, dataset.units); // => null (a copy has no columns)
 */
export function checkedColumns(dataset: Dataset, units: readonly Unit[]): Float64Array[] | null {
  const r = remembered.get(dataset);
  if (r === undefined || r.units.length !== units.length) return null;
  for (let e = 0; e < units.length; e++) if (units[e] !== r.units[e]) return null;
  return r.columns;
}

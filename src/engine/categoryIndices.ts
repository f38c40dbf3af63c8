/**
 * The units' Kategorie-Indizes, kept by category (`columns[k][unit]`) in the allocation, not as a record in
 * every unit result: at 100,000 Kitas the records were 100,000 objects with a boxed number per category
 * (about 11 MB that lived as long as the allocation), for what the sheets, results.json and an adoption
 * read one unit at a time.
 */

/** The Kategorie-Indizes of the units by category. */
export interface CategoryIndices {
  /** The category names, in the order of the index structure (the model's categories). */
  names: readonly string[];
  /** `columns[k][unit]`: the index of category `names[k]`, NaN for none; null for a category that does not count. */
  columns: readonly (Float64Array | null)[];
}

/**
 * A value of a typed column as the results give it: NaN (no value) is null.
 *
 * @example orNull(NaN); // => null
 */
export function orNull(x: number): number | null {
  return x === x ? x : null;
}

/**
 * One unit's Kategorie-Index of the category at position `k` (see `categoryPosition`); null for none.
 *
 * @example categoryIndexAt({ names: ["A", "B"], columns: [Float64Array.of(40, NaN), null] }, 0, 0); // => 40
 */
export function categoryIndexAt(indices: CategoryIndices, k: number, unit: number): number | null {
  const column = k >= 0 && k < indices.columns.length ? indices.columns[k] : null;
  return column === null ? null : orNull(column[unit]);
}

/**
 * The position of a category by its name (-1: not one of them; `categoryIndexAt` then answers null).
 *
 * @example categoryPosition({ names: ["A", "B"], columns: [null, null] }, "B"); // => 1
 */
export function categoryPosition(indices: CategoryIndices, name: string): number {
  return indices.names.indexOf(name);
}

/**
 * One unit's Kategorie-Indizes as a record by category name (the names' order); null where it has none.
 *
 * @example
 * const c = { names: ["A", "B"], columns: [Float64Array.of(40, NaN), null] };
 * unitCategoryIndices(c, 0); // => { A: 40, B: null }
 * unitCategoryIndices(c, 1); // => { A: null, B: null }
 */
export function unitCategoryIndices(indices: CategoryIndices, unit: number): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (let k = 0; k < indices.names.length; k++) out[indices.names[k]] = categoryIndexAt(indices, k, unit);
  return out;
}

/**
 * The columns of records by category name, one record per unit (an adoption read back, a hand-made
 * allocation): the names in the order they first appear; a unit without a number for a name has none.
 *
 * @example
 * const c = categoryIndicesOfRecords([{ A: 40, B: null }, { A: 60, B: 10 }]);
 * c.names; // => ["A", "B"]
 * unitCategoryIndices(c, 1); // => { A: 60, B: 10 }
 */
export function categoryIndicesOfRecords(
  records: readonly Readonly<Record<string, number | null>>[],
): CategoryIndices {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const name of Object.keys(record)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const columns = names.map((name) => {
    const column = new Float64Array(records.length);
    records.forEach((record, e) => {
      const v = record[name];
      column[e] = typeof v === "number" ? v : NaN;
    });
    return column;
  });
  return { names, columns };
}

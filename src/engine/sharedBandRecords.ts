/**
 * The category bands of a unit (`UnitResult.categoryBands`: category name → oberhalb / innerhalb /
 * unterhalb / null) as shared, frozen records: there are at most 4^categories different ones, and at
 * 100,000 Kitas with four categories a few dozen records replace 100,000. A writer that tried to change a
 * shared record would fail loudly instead of changing other units' bands.
 *
 * A unit's bands are encoded as one number, a base-4 digit per category in category order (`bandCode`);
 * the record for a number is made the first time it is asked for.
 */
import type { Band } from "./allocation";

const BANDS: readonly (Band | null)[] = [null, "oberhalb", "innerhalb", "unterhalb"];

/** Most categories whose codes stay exact integers in a double (4^26 < 2^53). */
export const MAX_SHARED_CATEGORIES = 26;

/**
 * The digit of a band: 0 for none, 1 oberhalb, 2 innerhalb, 3 unterhalb.
 *
 * @example bandCode("innerhalb"); // => 2
 */
export function bandCode(band: Band | null): number {
  return band === null ? 0 : band === "oberhalb" ? 1 : band === "innerhalb" ? 2 : 3;
}

/**
 * A lookup from a unit's band code (Σ bandCode(band of category k) · 4^(K−1−k)) to its frozen record.
 *
 * @param names the category names, in the order their digits were added (at most `MAX_SHARED_CATEGORIES`)
 * @example
 * const bands = sharedBandRecords(["Soziale Lage", "Bildung"]);
 * bands(bandCode("oberhalb") * 4 + bandCode(null)); // => { "Soziale Lage": "oberhalb", Bildung: null }
 * bands(4) === bands(4); // => true
 */
export function sharedBandRecords(names: readonly string[]): (code: number) => Record<string, Band | null> {
  const made = new Map<number, Record<string, Band | null>>();
  return (code) => {
    let record = made.get(code);
    if (record === undefined) {
      const bands = new Array<Band | null>(names.length);
      let rest = code;
      for (let k = names.length - 1; k >= 0; k--) {
        bands[k] = BANDS[rest % 4];
        rest = Math.floor(rest / 4);
      }
      const built: Record<string, Band | null> = {};
      for (let k = 0; k < names.length; k++) built[names[k]] = bands[k];
      record = Object.freeze(built);
      made.set(code, record);
    }
    return record;
  };
}

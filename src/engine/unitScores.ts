/**
 * The units' standard scores, kept by indicator (`columns[indicator][unit]`) in the allocation, not as a
 * list in every unit result: at 100,000 Kitas and 20 indicators the lists were 100,000 arrays, about 18 MB
 * that lived as long as the allocation, for what only results.json and an adoption read, one unit at a time.
 */
import type { ScoreColumn } from "./standardScore";

/** One indicator's scores over the units: `scores[unit]`, with `missing[unit] = 1` where there is none. */
export type IndicatorScores = Pick<ScoreColumn, "scores" | "missing">;

/**
 * One unit's standard scores (order of the columns); null where the unit has none (blank value, or a
 * constant indicator).
 *
 * @example
 * unitScores([{ scores: Float64Array.of(0, 100), missing: Uint8Array.of(0, 0) },
 *             { scores: Float64Array.of(0, 0), missing: Uint8Array.of(1, 0) }], 0); // => [0, null]
 */
export function unitScores(columns: readonly IndicatorScores[], unit: number): (number | null)[] {
  const out = new Array<number | null>(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = columns[i].missing[unit] ? null : columns[i].scores[unit];
  return out;
}

/**
 * The columns of lists of scores, one list per unit (an adoption read back, a hand-made allocation): as
 * many columns as the longest list; a unit without a list, or with a shorter one, has no score there.
 *
 * @example
 * const c = scoreColumnsOfLists([[10, null], [20, 30]]);
 * unitScores(c, 0); // => [10, null]
 * unitScores(c, 1); // => [20, 30]
 */
export function scoreColumnsOfLists(
  lists: readonly (readonly (number | null)[] | null | undefined)[],
): IndicatorScores[] {
  const width = lists.reduce((w, list) => Math.max(w, list?.length ?? 0), 0);
  const columns: IndicatorScores[] = Array.from({ length: width }, () => ({
    scores: new Float64Array(lists.length),
    missing: new Uint8Array(lists.length).fill(1),
  }));
  lists.forEach((list, e) => {
    list?.forEach((v, i) => {
      if (typeof v === "number") {
        columns[i].scores[e] = v;
        columns[i].missing[e] = 0;
      }
    });
  });
  return columns;
}

/**
 * Unit `e`'s standard scores as results.json and an adoption list them: `unitScores`, or an empty list for a
 * unit whose carried-forward basis kept none (`Allocation.scoresNotStored`) — none known, not all blank.
 *
 * @example unitScoreList({ scores: columns, scoresNotStored: Uint8Array.of(1, 0) }, 0); // => []
 * @example unitScoreList({ scores: columns }, 0); // => unitScores(columns, 0)
 */
export function unitScoreList(
  allocation: { scores: readonly IndicatorScores[]; scoresNotStored?: Uint8Array },
  e: number,
): (number | null)[] {
  return allocation.scoresNotStored?.[e] === 1 ? [] : unitScores(allocation.scores, e);
}

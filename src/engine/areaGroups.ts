/**
 * The Sozialräume of a list of Kitas, each with its Kitas: what the area index, the shares, the Kinder sums
 * and the publication codes are computed over.
 */

/** A Sozialraum and the positions of its Kitas in the list (ascending). */
export interface AreaGroup {
  name: string;
  units: number[];
}

/**
 * Sozialräume in order of their first appearance; their units in list order (the caller passes row order).
 * Grouped by the exact text of the Sozialraum.
 *
 * @example groupByArea([{ area: "Süd" }, { area: "Nord" }, { area: "Süd" }]); // => [{ name: "Süd", units: [0, 2] }, { name: "Nord", units: [1] }]
 */
export function groupByArea(units: readonly { area: string }[]): AreaGroup[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < units.length; i++) {
    const list = groups.get(units[i].area);
    if (list) list.push(i);
    else groups.set(units[i].area, [i]); // set once per Sozialraum, not once per unit
  }
  return [...groups.entries()].map(([name, list]) => ({ name, units: list }));
}

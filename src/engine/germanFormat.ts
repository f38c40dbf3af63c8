/**
 * German (de-DE) formatting of dates for everything SRB writes: one format, the one German Excel shows.
 */

/**
 * A calendar date as "TT.MM.JJJJ" (local time), e.g. the Methode sheet's „Erstellt am“.
 *
 * @example formatDate(new Date(2026, 10, 30)); // => "30.11.2026"
 */
export function formatDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()}`;
}

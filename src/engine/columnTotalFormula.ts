/**
 * Whether a cell's formula totals the column above it, as a totals row under a Kita table does:
 * `=SUM(C4:C30)`, `=SUMME(C4:C30)` (German spelling, as some writers keep it), `=SUBTOTAL(9,C4:C30)` /
 * `=SUBTOTAL(109,[Kinder])` (Excel's totals row), `=AVERAGE(…)`/`=MITTELWERT(…)` over the cells above.
 * A formula over cells of its own row (`=SUM(D5:F5)`, a Kita's own total) is no totals row.
 *
 * Pure text inspection, no evaluation: the adapters pass the formula text (without "=") and its sheet row.
 */

/** Functions that summarise a column (English names as the file stores them; German as typed by some tools). */
const SUMMARY =
  /^\s*=?\s*(?:_xlfn\.)?(SUM|SUMME|SUBTOTAL|TEILERGEBNIS|AVERAGE|MITTELWERT|AGGREGATE|AGGREGAT)\s*\(/i;
/** A range reference such as C4:C30, $C$4:$C$30 or Kitas!C4:C30. */
const RANGE = /\$?([A-Z]{1,3})\$?(\d{1,7})\s*:\s*\$?([A-Z]{1,3})\$?(\d{1,7})/gi;
/** A structured reference to a table column ([Kinder], Tabelle1[Kinder], Tabelle1[[#Data],[Kinder]]). */
const STRUCTURED = /\[[^\]]+\]/;

/**
 * Whether `formula` (a cell's formula, with or without "=") in sheet row `row` sums the column above it.
 *
 * @example isColumnTotalFormula("SUM(C4:C30)", 31); // => true
 * @example isColumnTotalFormula("SUBTOTAL(109,Kitas[Kinder])", 31); // => true
 * @example isColumnTotalFormula("SUM(D5:F5)", 5); // => false (the row's own cells)
 */
export function isColumnTotalFormula(formula: string, row: number): boolean {
  if (!SUMMARY.test(formula)) return false;
  let ranges = 0;
  for (const m of formula.matchAll(RANGE)) {
    const [, fromCol, fromRow, toCol, toRow] = m;
    const first = Number(fromRow);
    const last = Number(toRow);
    // one column, rows above this one
    if (fromCol.toUpperCase() !== toCol.toUpperCase() || Math.max(first, last) >= row) return false;
    ranges++;
  }
  return ranges > 0 || STRUCTURED.test(formula);
}

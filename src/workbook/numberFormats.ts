/**
 * Number formats of the generated sheets (Excel's English format syntax, which both the exceljs writer and
 * Office.js `numberFormat` take; Excel shows them in the user's locale, e.g. 1.234,56 € in German Excel),
 * and the matching de-DE text formatting for messages.
 */

/** Money: `1234.5` shows as "1.234,50 €" in German Excel. */
export const MONEY_FORMAT = '#,##0.00 "€"';
/** Share: `0.1737` shows as "17,37%". */
export const PERCENT_FORMAT = "0.00%";
/** Index values (0–100 scale): one decimal. */
export const INDEX_FORMAT = "0.0";
/** VZÄ (full-time equivalents), steps of 0.25: two decimals. */
export const VZAE_FORMAT = "0.00";
/** Counts (Kinder, Einrichtungen): `1019` shows as "1.019" in German Excel (built-in format 3, "#.##0"). */
export const COUNT_FORMAT = "#,##0";
/** Years (Haushaltsjahr): `2027` shows as "2027", never with a thousands separator. */
export const YEAR_FORMAT = "0";
/** Weights inside a category (plain number, up to three decimals). */
export const WEIGHT_FORMAT = "0.###";

/** Texts on the sheets ("1.234,50 €", "53,0") come from the one formatting module. */
export { formatEuro, formatNumber } from "../engine/germanFormat";

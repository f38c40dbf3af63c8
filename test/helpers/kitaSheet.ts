/**
 * The small Kita sheet shared by the check tests (test/engine/check.test.ts) and the bad-input catalogue
 * (test/hardening/badInputBuilders.ts): four Kitas in two Sozialräume, four indicators in three categories.
 *
 * ```
 *   A Einrichtung | B Sozialraum | C Kinder | D SGB II | E Alleinerziehend | F nicht Deutsch | G ÖPNV
 * 2 Kita A        | Nord         |       50 |       10 |                5 |              30 |      2
 * 3 Kita B        | Nord         |       80 |       20 |                8 |              45 |      3
 * 4 Kita C        | Süd          |      120 |       30 |                2 |              60 |      4
 * 5 Kita D        | Süd          |       40 |       15 |                6 |              20 |      1
 * ```
 * Categories: Soziale Lage = {D, E}, Flucht und Migration = {F}, Infrastruktur und Netzwerke = {G} (ÖPNV
 * reversed: direction −1). Budget 100,000 €.
 */
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import type { CellValue, RawTable } from "../../src/engine/table";

/**
 * The model of the sheet, with top-level fields replaced by `overrides`.
 *
 * @example model({ budget: { total: 5000 } }).indicators.length; // => 4
 */
export function model(overrides: Partial<Model> = {}): Model {
  return {
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
    indicators: [
      { column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 },
      { column: "Alleinerziehend", category: "Soziale Lage", direction: 1, weight: 1 },
      { column: "nicht Deutsch", category: "Flucht und Migration", direction: 1, weight: 1 },
      { column: "ÖPNV", category: "Infrastruktur und Netzwerke", direction: -1, weight: 1 },
    ],
    categories: [
      { name: "Soziale Lage", weight: 1 },
      { name: "Flucht und Migration", weight: 1 },
      { name: "Infrastruktur und Netzwerke", weight: 1 },
    ],
    options: { ...DEFAULT_OPTIONS },
    budget: { total: 100000 },
    ...overrides,
  };
}

/** Header row 1 (columns A–G). */
export const HEADERS: CellValue[] = [
  "Einrichtung",
  "Sozialraum",
  "Kinder",
  "SGB II",
  "Alleinerziehend",
  "nicht Deutsch",
  "ÖPNV",
];

/**
 * The four data rows (sheet rows 2–5), a fresh copy on every call.
 *
 * @example goodRows()[2]; // => ["Kita C", "Süd", 120, 30, 2, 60, 4]
 */
export function goodRows(): CellValue[][] {
  return [
    ["Kita A", "Nord", 50, 10, 5, 30, 2],
    ["Kita B", "Nord", 80, 20, 8, 45, 3],
    ["Kita C", "Süd", 120, 30, 2, 60, 4],
    ["Kita D", "Süd", 40, 15, 6, 20, 1],
  ];
}

/**
 * The sheet "Kitas" as the workbook port reads it.
 *
 * @example table().rows.length; // => 4
 */
export function table(
  rows: CellValue[][] = goodRows(),
  headers: CellValue[] = HEADERS,
  extra: Partial<RawTable> = {},
): RawTable {
  return { sheet: "Kitas", headers, rows, ...extra };
}

/**
 * goodRows() with cells replaced: [row index from 0, column index from 0, value].
 *
 * @example withCells([1, 3, "k.A."])[1][3]; // => "k.A." (cell D3)
 */
export function withCells(...changes: [number, number, CellValue][]): CellValue[][] {
  const rows = goodRows();
  for (const [r, c, v] of changes) rows[r][c] = v;
  return rows;
}

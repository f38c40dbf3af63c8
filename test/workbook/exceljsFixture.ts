/**
 * Builds a port-contract fixture (portContract.ts `PortFixture`) as .xlsx bytes with exceljs directly, not
 * through an adapter under test: values from A1, plus the extras of a sheet (Excel tables with or without
 * a totals row, hidden rows, formulas with their cached results, merged ranges). Not a test file itself.
 */
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/engine/table";
import type { PortFixture } from "./portContract";

function corners(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref)!;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) };
}

/**
 * @example const bytes = await exceljsFixtureBytes({ sheets: { Kitas: rows }, extras: { Kitas: { hiddenRows: [5] } } });
 */
export async function exceljsFixtureBytes(fixture: PortFixture): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(fixture.sheets)) {
    const ws = wb.addWorksheet(name);
    const extras = fixture.extras?.[name] ?? {};
    const inTable = new Set<string>();
    for (const t of extras.tables ?? []) {
      const { top, left, bottom, right } = corners(t.ref);
      const at = (r: number, c: number): CellValue => rows[r - 1]?.[c - 1] ?? null;
      const lastBody = bottom - (t.totalsRow ? 1 : 0);
      const columns = [];
      for (let c = left; c <= right; c++) {
        const total = at(bottom, c);
        columns.push({
          name: String(at(top, c)),
          ...(t.totalsRow
            ? typeof total === "number"
              ? { totalsRowFunction: "sum" as const, totalsRowResult: total }
              : { totalsRowLabel: total === null ? "" : String(total) }
            : {}),
        });
      }
      const body: ExcelJS.CellValue[][] = [];
      for (let r = top + 1; r <= lastBody; r++) {
        const line: ExcelJS.CellValue[] = [];
        for (let c = left; c <= right; c++) line.push(at(r, c) as ExcelJS.CellValue);
        body.push(line);
      }
      ws.addTable({
        name: t.name,
        ref: `${t.ref.split(":")[0]}`,
        headerRow: true,
        totalsRow: t.totalsRow === true,
        columns,
        rows: body,
      });
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) inTable.add(`${r}:${c}`);
    }
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || inTable.has(`${i + 1}:${j + 1}`)) return;
        const cell = ws.getCell(i + 1, j + 1);
        const formula = extras.formulas?.[cell.address];
        cell.value = formula ? ({ formula, result: v } as ExcelJS.CellValue) : (v as ExcelJS.CellValue);
      }),
    );
    for (const r of extras.hiddenRows ?? []) ws.getRow(r).hidden = true;
    for (const range of extras.merged ?? []) ws.mergeCells(range);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

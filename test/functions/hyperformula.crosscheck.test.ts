/**
 * Independent cross-check: the sample workbook (assets/sample/Musterstadt.xlsx with its model
 * musterstadt.srb.json) computed twice — once with native spreadsheet formulas in HyperFormula (MIN, MAX,
 * AVERAGE, AVERAGEIF, STDEV.S, SUM, IF, COUNT), once with the SRB.* custom functions fed the same cells
 * as Excel would hand them over — and compared to 1e-9: standard scores, category indices, Gesamtindex,
 * norm band, Sozialraum means and shares; and the staff plan per Sozialraum (SRB.STAFFPLAN against INT,
 * SUMIF and SUMPRODUCT ranks of the largest remainders).
 *
 * HyperFormula is GPL-3.0: a devDependency used here only, never bundled (licenseKey "gpl-v3").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { HyperFormula } from "hyperformula";
import { columnLetters } from "../../src/engine/table";
import {
  allocate,
  areaIndex,
  categoryIndex,
  normBandFunction,
  share,
  staffPlan,
  standardScore,
  totalIndex,
} from "../../src/functions/functions";
import { installCustomFunctionsShim } from "./customFunctionsShim";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample");
const TOLERANCE = 1e-9;

interface SampleModel {
  data: { sheet: string; id: string; area: string };
  indicators: { column: string; category: string; direction: 1 | -1; weight: number }[];
  categories: { name: string; weight: number }[];
}

type Cell = number | string | null;

let model: SampleModel;
let header: string[];
let rows: Cell[][];

/** exceljs cell → what Excel on the web hands a custom function (blank = null). */
function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "object" && "result" in value) return plain(value.result as ExcelJS.CellValue);
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

beforeAll(async () => {
  installCustomFunctionsShim();
  model = JSON.parse(readFileSync(join(SAMPLE, "musterstadt.srb.json"), "utf8")) as SampleModel;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(SAMPLE, "Musterstadt.xlsx"));
  const sheet = workbook.getWorksheet(model.data.sheet);
  if (!sheet) throw new Error(`sheet ${model.data.sheet} missing`);
  const width = sheet.columnCount;
  const read = (r: number): Cell[] =>
    Array.from({ length: width }, (_, c) => plain(sheet.getRow(r).getCell(c + 1).value));
  header = read(1).map((h) => String(h ?? ""));
  rows = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = read(r);
    if (row.some((v) => v !== null)) rows.push(row);
  }
});

const col = (name: string): number => {
  const k = header.indexOf(name);
  if (k < 0) throw new Error(`column ${name} missing`);
  return k;
};
const columnOf = (name: string): Cell[][] => rows.map((r) => [r[col(name)]]);

/** The native-formula twin of the SRB computation, one HyperFormula sheet per step. */
function nativeWorkbook(): {
  hf: HyperFormula;
  scores: number;
  categories: number;
  areas: number;
  areaNames: string[];
} {
  const n = rows.length;
  const last = n + 1;
  const ref = (name: string, row: number): string => `Kitas!${columnLetters(col(name) + 1)}${row}`;
  const range = (name: string): string =>
    `Kitas!$${columnLetters(col(name) + 1)}$2:$${columnLetters(col(name) + 1)}$${last}`;
  // Punkte: one column per indicator, min–max with direction; blank stays ""
  const scoreRows = rows.map((_, i) =>
    model.indicators.map((ind) => {
      const x = ref(ind.column, i + 2);
      const min = `MIN(${range(ind.column)})`;
      const max = `MAX(${range(ind.column)})`;
      const numerator = ind.direction === 1 ? `${x}-${min}` : `${max}-${x}`;
      return `=IF(ISBLANK(${x}),"",100*(${numerator})/(${max}-${min}))`;
    }),
  );
  // Kategorien: AVERAGE of the category's score columns (all weights are 1 in the sample), then Gesamtindex
  const scoreColumn = (k: number): string => columnLetters(k + 1);
  const categoryRows = rows.map((_, i) => {
    const cells = model.categories.map((cat) => {
      const members = model.indicators
        .map((ind, k) => (ind.category === cat.name ? k : -1))
        .filter((k) => k >= 0);
      const refs = members.map((k) => `Punkte!${scoreColumn(k)}${i + 1}`).join(",");
      return `=IF(COUNT(${refs})=0,"",AVERAGE(${refs}))`;
    });
    const first = columnLetters(1);
    const lastCat = columnLetters(model.categories.length);
    const block = `${first}${i + 1}:${lastCat}${i + 1}`;
    cells.push(`=IF(COUNT(${block})=${model.categories.length},AVERAGE(${block}),"")`);
    return cells;
  });
  const totalColumn = columnLetters(model.categories.length + 1);
  const totals = `Kategorien!$${totalColumn}$1:$${totalColumn}$${n}`;
  const areaNames = [...new Set(rows.map((r) => String(r[col(model.data.area)])))];
  const areaRange = range(model.data.area);
  const areaRows: (string | number)[][] = areaNames.map((name, a) => [
    name,
    `=AVERAGEIF(${areaRange},A${a + 1},${totals})`,
    `=B${a + 1}/SUM($B$1:$B$${areaNames.length})`,
  ]);
  areaRows.push([
    `=AVERAGE(${totals})`,
    `=STDEV.S(${totals})`,
    `=A${areaNames.length + 1}-B${areaNames.length + 1}`,
    `=A${areaNames.length + 1}+B${areaNames.length + 1}`,
  ]);
  const hf = HyperFormula.buildFromSheets(
    { Kitas: [header, ...rows], Punkte: scoreRows, Kategorien: categoryRows, Sozialraeume: areaRows },
    { licenseKey: "gpl-v3" },
  );
  return {
    hf,
    scores: hf.getSheetId("Punkte") as number,
    categories: hf.getSheetId("Kategorien") as number,
    areas: hf.getSheetId("Sozialraeume") as number,
    areaNames,
  };
}

/** Compares two grids cell by cell: numbers to 1e-9, blanks ("" or null) must match blanks. */
function expectSameGrid(srb: unknown[][], native: unknown[][], what: string): void {
  expect([what, srb.length]).toEqual([what, native.length]);
  srb.forEach((row, r) =>
    row.forEach((value, c) => {
      const other = native[r][c];
      const where = `${what} [${r + 1}, ${c + 1}]`;
      if (typeof other === "number") {
        expect([where, typeof value]).toEqual([where, "number"]);
        expect([where, Math.abs((value as number) - other) <= TOLERANCE]).toEqual([where, true]);
      } else {
        expect([where, value]).toEqual([where, other ?? ""]);
      }
    }),
  );
}

test("the sample has data with gaps (the check would be trivial otherwise)", () => {
  expect(rows.length).toBeGreaterThan(20);
  const blanks = model.indicators
    .flatMap((ind) => rows.map((r) => r[col(ind.column)]))
    .filter((v) => v === null);
  expect(blanks.length).toBeGreaterThan(0);
});

test("standard scores, category indices, Gesamtindex, norm band, area means and shares agree to 1e-9", () => {
  const native = nativeWorkbook();
  const grid = (sheet: number): unknown[][] => native.hf.getSheetValues(sheet);

  // 1. STANDARDSCORE per indicator column
  const scoreColumns = model.indicators.map((ind) => standardScore(columnOf(ind.column), ind.direction));
  const srbScores = rows.map((_, i) => scoreColumns.map((c) => c[i][0]));
  expectSameGrid(srbScores, grid(native.scores), "Standardpunktzahlen");

  // 2. CATEGORYINDEX on each category's score block, 3. TOTALINDEX on the category block
  const categoryColumns = model.categories.map((cat) => {
    const members = model.indicators
      .map((ind, k) => (ind.category === cat.name ? k : -1))
      .filter((k) => k >= 0);
    const weights = [members.map((k) => model.indicators[k].weight)];
    return categoryIndex(
      srbScores.map((row) => members.map((k) => row[k])),
      weights,
    );
  });
  const categoryBlock = rows.map((_, i) => categoryColumns.map((c) => c[i][0]));
  const totals = totalIndex(categoryBlock, [model.categories.map((c) => c.weight)]);
  const srbCategories = categoryBlock.map((row, i) => [...row, totals[i][0]]);
  expectSameGrid(srbCategories, grid(native.categories), "Kategorie-Indizes und Gesamtindex");
  expect(totals.flat().filter((v) => typeof v === "number").length).toBeGreaterThan(20);

  // 4. AREAINDEX (mean of units) and SHARE, 5. NORMBAND over the units' Gesamtindex
  const names = native.areaNames.map((a) => [a]);
  const areaIndices = areaIndex(names, columnOf(model.data.area), totals);
  const shares = share(areaIndices, areaIndices);
  const band = normBandFunction(totals);
  const nativeAreas = grid(native.areas);
  expectSameGrid(
    names.map((n, a) => [n[0], areaIndices[a][0], shares[a][0]]),
    nativeAreas.slice(0, names.length),
    "Sozialräume",
  );
  expectSameGrid(band, [nativeAreas[names.length]], "Normbereich");
});

test("staff plan: SRB.STAFFPLAN per Sozialraum equals the native largest-remainder formulas", () => {
  // SRB side: Gesamtindex, area amounts of the model's budget, strand 1 (index ≥ lower bound)
  const scoreColumns = model.indicators.map((ind) => standardScore(columnOf(ind.column), ind.direction));
  const srbScores = rows.map((_, i) => scoreColumns.map((c) => c[i][0]));
  const categoryColumns = model.categories.map((cat) => {
    const members = model.indicators
      .map((ind, k) => (ind.category === cat.name ? k : -1))
      .filter((k) => k >= 0);
    return categoryIndex(srbScores.map((row) => members.map((k) => row[k])));
  });
  const totals = totalIndex(rows.map((_, i) => categoryColumns.map((c) => c[i][0]))).map(
    (r) => r[0] as number,
  );
  const areaOf = rows.map((r) => String(r[col(model.data.area)]));
  const areaNames = [...new Set(areaOf)];
  const areaIndices = areaIndex(
    areaNames.map((a) => [a]),
    columnOf(model.data.area),
    totals.map((t) => [t]),
  );
  const budget = (
    JSON.parse(readFileSync(join(SAMPLE, "musterstadt.srb.json"), "utf8")) as { budget: { total: number } }
  ).budget.total;
  const amounts = allocate(areaIndices, budget).map((r) => r[0]);
  const band = normBandFunction(totals.map((t) => [t]))[0];
  const eligible = totals.map((t) => t >= band[2]);
  // the Kita with the lowest index of each area hosts the Nachbarschaftszentrum: 0,5 VZÄ set aside
  const setAside = totals.map((t, i) =>
    totals.every((u, k) => areaOf[k] !== areaOf[i] || u > t || (u === t && k >= i)) ? 0.5 : 0,
  );
  const cost = 45000;
  const step = 0.25;
  const srb: number[] = new Array<number>(rows.length).fill(0);
  areaNames.forEach((name, a) => {
    const members = rows.map((_, i) => i).filter((i) => areaOf[i] === name);
    expect(amounts[a]).toBeGreaterThan(0.5 * cost); // the set-aside fits: the native twin does not scale
    const plan = staffPlan(
      amounts[a],
      members.map((i) => [totals[i]]),
      members.map((i) => [eligible[i]]),
      members.map((i) => [setAside[i]]),
      cost,
      step,
    );
    members.forEach((i, k) => (srb[i] = plan[k][0]));
  });

  // native twin: one row per Kita, A area, B index, C eligible, D set-aside, E amount of its area, then
  // F weight, G rest, H steps the rest pays, I quota, J floor, K remainder, L missing steps, M rank, N VZÄ
  const n = rows.length;
  const r = (c: string) => `$${c}$1:$${c}$${n}`;
  const stepCost = `(${cost}*${step})`;
  const sheet = rows.map((_, i) => {
    const x = i + 1;
    const above = (c: string) =>
      i === 0 ? "0" : `SUMPRODUCT(($A$1:$A$${i}=A${x})*($${c}$1:$${c}$${i}=${c}${x})*($F$1:$F$${i}=F${x}))`;
    return [
      areaOf[i],
      totals[i],
      eligible[i],
      setAside[i],
      amounts[areaNames.indexOf(areaOf[i])],
      `=IF(AND(C${x},B${x}>0),B${x},0)`,
      `=E${x}-SUMIF(${r("A")},A${x},${r("D")})*${cost}`,
      `=INT(G${x}/${stepCost})`,
      `=IF(F${x}>0,G${x}/${stepCost}*F${x}/SUMIF(${r("A")},A${x},${r("F")}),0)`,
      `=INT(I${x})`,
      `=IF(F${x}>0,I${x}-J${x},-1)`,
      `=H${x}-SUMIF(${r("A")},A${x},${r("J")})`,
      `=SUMPRODUCT((${r("A")}=A${x})*(${r("K")}>K${x}))+SUMPRODUCT((${r("A")}=A${x})*(${r("K")}=K${x})*(${r("F")}>F${x}))+${above("K")}`,
      `=D${x}+${step}*(J${x}+IF(AND(F${x}>0,M${x}<L${x}),1,0))`,
    ];
  });
  const hf = HyperFormula.buildFromSheets(
    { Stellen: sheet },
    { licenseKey: "gpl-v3", useArrayArithmetic: true },
  );
  const native = hf.getSheetValues(hf.getSheetId("Stellen") as number).map((row) => [row[13]]);
  expectSameGrid(
    srb.map((v) => [v]),
    native,
    "VZÄ je Kita",
  );
  // the example is not trivial: staff in every area, set-asides and rest, more than one step somewhere
  expect(srb.filter((v) => v > 0.5).length).toBeGreaterThan(3);
  hf.destroy();
});

/**
 * Benchmark worker: the same index and shares as SRB, built from native spreadsheet formulas in
 * HyperFormula (GPL-3.0, `licenseKey: "gpl-v3"`: a devDependency for tests and benchmarks only, never in
 * the add-in's bundle), on the synthetic town of 10,000 Kitas. What a Jugendhilfeplaner would build in Excel:
 * - Punkte: row 1 `=MIN(Daten!X$2:X$n)`, row 2 `=MAX(…)`, one standard score per cell
 *   `=IF(ISBLANK(Daten!X5),"",100*(Daten!X5-X$1)/(X$2-X$1))` (direction −1: `100*(X$2-Daten!X5)/(X$2-X$1)`),
 *   the score columns grouped by category so that each Kategorie-Index is one `=AVERAGE(…)` over a block
 *   (AVERAGE skips the "" of a blank), the Gesamtindex `=AVERAGE(` of the four category cells `)`;
 * - Sozialräume: `=AVERAGEIF(Daten!B:B, name, Punkte!Gesamtindex)` and the share `=B2/SUM(B$2:B$m)`.
 * Every value is compared with SRB's `runAllocation` to 1e-9; the time ratio is HyperFormula (build and
 * read all values) / SRB (full pipeline, median). Prints one JSON line.
 *   node <bundle> <units> <srbRuns>
 */
import { HyperFormula } from "hyperformula";
import { runAllocation } from "../test/helpers/resolved";
import { columnLetters } from "../src/engine/table";
import { timeRuns } from "./measure";
import { syntheticTown } from "./synthetic";
import { unitScores } from "../src/engine/unitScores";
import { unitCategoryIndices } from "../src/engine/categoryIndices";

export interface HyperFormulaResult {
  units: number;
  formulas: number;
  hyperformulaMs: number;
  srbMs: number;
  ratio: number;
  /** Largest absolute difference between a HyperFormula value and SRB's (scores, indices, shares). */
  maxDifference: number;
  /** Values compared. */
  compared: number;
  equal: boolean;
}

const TOLERANCE = 1e-9;

function main(): void {
  const units = Number(process.argv[2] ?? 10_000);
  const srbRuns = Number(process.argv[3] ?? 5);
  const town = syntheticTown(units);
  const { model, table } = town;
  const srb = runAllocation(model, table);
  if (!srb.allocation) throw new Error("SRB produced no allocation for the synthetic town");
  const allocation = srb.allocation;
  const srbTiming = timeRuns(() => runAllocation(model, table), srbRuns);

  const indicators = model.indicators;
  const categories = model.categories.map((c) => c.name);
  // score columns grouped by category, in model order inside each category
  const scoreOrder = categories.flatMap((name) =>
    indicators.map((ind, i) => ({ ind, i })).filter((x) => x.ind.category === name),
  );
  const first = 3; // sheet row of the first unit on Punkte (rows 1 and 2: MIN and MAX)
  const last = first + units - 1;
  const dataColumn = (i: number) => columnLetters(4 + i); // Daten: A id, B area, C Kinder, D… indicators

  // the synthetic sheet holds only text, numbers and blanks (no error values)
  const daten = [table.headers, ...table.rows].map((row) =>
    row.map((v) => (typeof v === "string" || typeof v === "number" ? v : null)),
  );
  const punkte: (string | number | null)[][] = [];
  const minRow: string[] = [];
  const maxRow: string[] = [];
  scoreOrder.forEach(({ i }) => {
    const d = dataColumn(i);
    minRow.push(`=MIN(Daten!${d}$2:${d}$${units + 1})`);
    maxRow.push(`=MAX(Daten!${d}$2:${d}$${units + 1})`);
  });
  punkte.push(minRow, maxRow);
  const categoryStart: number[] = [];
  let column = 0;
  for (const name of categories) {
    categoryStart.push(column);
    column += scoreOrder.filter((x) => x.ind.category === name).length;
  }
  const categoryColumn = (k: number) => columnLetters(scoreOrder.length + 1 + k);
  const totalColumn = columnLetters(scoreOrder.length + categories.length + 1);
  for (let e = 0; e < units; e++) {
    const r = first + e;
    const dataRow = e + 2;
    const row: string[] = scoreOrder.map(({ ind, i }, c) => {
      const s = columnLetters(c + 1);
      const x = `Daten!${dataColumn(i)}${dataRow}`;
      const numerator = ind.direction === 1 ? `(${x}-${s}$1)` : `(${s}$2-${x})`;
      return `=IF(ISBLANK(${x}),"",100*${numerator}/(${s}$2-${s}$1))`;
    });
    categories.forEach((name, k) => {
      const from = columnLetters(categoryStart[k] + 1);
      const count = scoreOrder.filter((x) => x.ind.category === name).length;
      const to = columnLetters(categoryStart[k] + count);
      row.push(`=AVERAGE(${from}${r}:${to}${r})`);
    });
    row.push(`=AVERAGE(${categoryColumn(0)}${r}:${categoryColumn(categories.length - 1)}${r})`);
    punkte.push(row);
  }
  const areas = allocation.areas;
  const sozialraeume = areas.map((a, k) => [
    a.name,
    `=AVERAGEIF(Daten!$B$2:$B$${units + 1},A${k + 1},Punkte!$${totalColumn}$${first}:$${totalColumn}$${last})`,
    `=B${k + 1}/SUM($B$1:$B$${areas.length})`,
  ]);
  const formulas = punkte.reduce((s, r) => s + r.length, 0) + 2 * areas.length;

  const start = performance.now();
  const hf = HyperFormula.buildFromSheets(
    { Daten: daten, Punkte: punkte, Sozialraeume: sozialraeume },
    { licenseKey: "gpl-v3", smartRounding: false },
  );
  const scoreValues = hf.getSheetValues(hf.getSheetId("Punkte") as number);
  const areaValues = hf.getSheetValues(hf.getSheetId("Sozialraeume") as number);
  const hyperformulaMs = performance.now() - start;
  hf.destroy();

  let maxDifference = 0;
  let compared = 0;
  const compare = (hfValue: unknown, srbValue: number | null) => {
    compared++;
    if (srbValue === null) {
      if (hfValue !== "" && hfValue !== null) maxDifference = Infinity;
      return;
    }
    const d = typeof hfValue === "number" ? Math.abs(hfValue - srbValue) : Infinity;
    if (!(d <= maxDifference)) maxDifference = d;
  };
  allocation.units.forEach((u, e) => {
    const row = scoreValues[first - 1 + e];
    scoreOrder.forEach(({ i }, c) => compare(row[c], unitScores(allocation.scores, e)[i]));
    categories.forEach((name, k) =>
      compare(row[scoreOrder.length + k], unitCategoryIndices(allocation.categoryIndices, e)[name]),
    );
    compare(row[scoreOrder.length + categories.length], u.index);
  });
  areas.forEach((a, k) => {
    compare(areaValues[k][1], a.index);
    compare(areaValues[k][2], a.share);
  });

  const out: HyperFormulaResult = {
    units,
    formulas,
    hyperformulaMs,
    srbMs: srbTiming.medianMs,
    ratio: hyperformulaMs / srbTiming.medianMs,
    maxDifference,
    compared,
    equal: maxDifference <= TOLERANCE,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();

/**
 * Benchmark worker: the Office.js adapter's round trips (`context.sync()`) and its largest request when it
 * writes a whole generation of result sheets, measured with the typed Excel fake of the adapter's tests
 * (`measureGeneration` in test/workbook/fakeExcel.ts). Prints one JSON line: a list per size.
 *   node <bundle> <rows> [<rows> …]
 */
import { measureGeneration } from "../test/workbook/fakeExcel";

export interface SyncsResult {
  rows: number;
  syncs: number;
  largestPayloadBytes: number;
  totalPayloadBytes: number;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  const out: SyncsResult[] = [];
  for (const rows of sizes) out.push({ rows, ...(await measureGeneration(rows)) });
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();

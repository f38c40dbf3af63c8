/**
 * The Office.js adapter at size (issue 10): 10,000 and 100,000 Einrichtungen through the typed Excel fake —
 * the number of round trips stays constant and every request stays below Excel's limit. Part of the full
 * suite (`npm test`, project "integration"), not of the fast loop: each case builds and serialises
 * hundreds of thousands of cells (minutes on a loaded 2-core machine). The small cases of the same rules
 * are in officeWorkbook.test.ts; `npm run bench` measures the same with times.
 */
import { OfficeWorkbook, PAYLOAD_LIMIT_BYTES } from "../../src/workbook/officeWorkbook";
import { fakeWith, generationSheets, measureGeneration } from "./fakeExcel";
import { KITAS_ROWS } from "./portContract";

describe("round trips at size: a constant number of syncs, every request below 5 MB", () => {
  // The requests are counted as in officeWorkbook.test.ts ("round trips"); each 4 MB of content adds one.
  test.each([
    [10_000, 2],
    [100_000, 4],
  ])("%i units: %i syncs", async (units, expected) => {
    const { syncs, largestPayloadBytes, totalPayloadBytes } = await measureGeneration(units);
    expect(syncs).toBe(expected);
    expect(syncs).toBeLessThanOrEqual(6);
    expect(largestPayloadBytes).toBeLessThan(5_000_000);
    expect(largestPayloadBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(syncs).toBeLessThanOrEqual(3 + Math.ceil(totalPayloadBytes / (PAYLOAD_LIMIT_BYTES * 0.75)));
  });

  test("a lower payload limit splits the content into more requests, each within the limit", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const limit = 300_000;
    await new OfficeWorkbook(book.run, limit).writeGeneratedSheets(generationSheets(10_000));
    expect(book.requestBytes.every((b) => b <= limit)).toBe(true);
    expect(book.syncs).toBeGreaterThan(3);
    // and the content is complete: last unit row, total formula
    const units = book.sheet("Einrichtungen");
    expect(units.peek(10_000, 0)?.value).toBe("Kita 010000");
  });

  test("100,000 units written over an earlier generation of the same size: 5 syncs (the earlier sheets are read back first)", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeGeneratedSheets(generationSheets(100_000));
    book.resetCounters();
    const report = await port.writeGeneratedSheets(generationSheets(100_000));
    expect(book.syncs).toBe(5);
    expect(book.largestRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    // Einrichtungen (100,001 rows) is beyond the 10,000-row read window: kept, never deleted unchecked
    expect(report.replaced).toEqual(["Verteilung", "Normbereiche"]);
    expect(report.sheets[0].written).toBe("Einrichtungen (2)");
  });
});

import fc from "fast-check";
import type { CellValue } from "../../src/engine/table";
import {
  columnWidthPoints,
  needsTextFormat,
  OfficeWorkbook,
  PAYLOAD_LIMIT_BYTES,
  toCellValue,
} from "../../src/workbook/officeWorkbook";
import type { SheetSpec } from "../../src/workbook/port";
import { STORE_SHEET } from "../../src/workbook/port";
import {
  FakeWorkbook,
  generationSheets,
  measureGeneration,
  parseAddress,
  type FakeContent,
} from "./fakeExcel";
import { KITAS_ROWS, runPortContract, sampleSpecs } from "./portContract";

function fakeWith(sheets: Record<string, CellValue[][]>): FakeWorkbook {
  const book = new FakeWorkbook();
  for (const [name, rows] of Object.entries(sheets))
    book.addSheet(name).setRows(rows as (FakeContent | null)[][]);
  return book;
}

runPortContract("OfficeWorkbook (fake Excel)", async (fixture) => {
  const book = fakeWith(fixture.sheets);
  return { port: new OfficeWorkbook(book.run), reopen: async () => new OfficeWorkbook(book.run) };
});

describe("the fake is strict where Excel is strict (else the adapter tests could not fail)", () => {
  test("reading a property without load + sync throws PropertyNotLoaded", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await expect(
      book.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Kitas").getRange("A1:B2");
        range.load("values");
        return range.values; // no sync yet
      }),
    ).rejects.toThrow(/PropertyNotLoaded/);
  });

  test("commands left unsynced when the batch ends are an error", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await expect(
      book.run(async (context) => {
        context.workbook.worksheets.getItem("Kitas").getRange("A1").values = [["x"]];
      }),
    ).rejects.toThrow(/NotSynced/);
  });

  test("text assigned to values turns into a formula or number unless the cell is formatted @", async () => {
    const book = fakeWith({ Kitas: [] });
    await book.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Kitas");
      ws.getRange("A1:B1").values = [["=SUM(A2)", "0042"]];
      ws.getRange("A2:B2").numberFormat = [["@"]]; // single input copy: one value for the whole range
      ws.getRange("A2:B2").values = [["=SUM(A2)", "0042"]];
      await context.sync();
    });
    const sheet = book.sheet("Kitas");
    expect(sheet.peek(0, 0)).toMatchObject({ formula: "SUM(A2)" });
    expect(sheet.peek(0, 1)?.value).toBe(42);
    expect(sheet.peek(1, 0)).toEqual({ value: "=SUM(A2)", numberFormat: "@" });
    expect(sheet.peek(1, 1)?.value).toBe("0042");
  });

  test("a request above 5 MB is refused, as Excel on the web does", async () => {
    const book = fakeWith({ Kitas: [] });
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    await expect(
      book.run(async (context) => {
        context.workbook.worksheets.getItem("Kitas").getRangeByIndexes(0, 0, big.length, 1).values = big;
        await context.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  test("parseAddress: B2:D5 is rows 1–4, columns 1–3 (0-based)", () => {
    expect(parseAddress("Kitas!B2:D5")).toEqual({ row: 1, column: 1, rows: 4, columns: 3 });
    expect(parseAddress("AA10")).toEqual({ row: 9, column: 26, rows: 1, columns: 1 });
  });
});

describe("pure helpers", () => {
  test("toCellValue: errors by valueTypes, blanks null, text never coerced", () => {
    expect(toCellValue("#N/A", "Error")).toEqual({ error: "#N/A" });
    expect(toCellValue("#N/A", "String")).toBe("#N/A"); // the text "#N/A" is text
    expect(toCellValue("", "Empty")).toBeNull();
    expect(toCellValue("12,5", "String")).toBe("12,5");
    expect(toCellValue(0.25, "Double")).toBe(0.25);
    expect(toCellValue(false, "Boolean")).toBe(false);
  });

  test("needsTextFormat: exactly the text Excel would reinterpret", () => {
    for (const t of [
      "=SUM(A1)",
      "+1",
      "-1-1",
      "@x",
      "#N/A",
      "0042",
      "12,5",
      "1.2.2024",
      " 5",
      "TRUE",
      "falsch",
      "(3)",
      "€ 5",
    ]) {
      expect([t, needsTextFormat(t)]).toEqual([t, true]);
    }
    for (const t of ["Kita Sonnenschein", "Nord", "k.A.", "ja", "Summe", ""]) {
      expect([t, needsTextFormat(t)]).toEqual([t, false]);
    }
  });

  test("columnWidthPoints: (7 px per character + 5 px) · 0.75 pt/px; 10 characters → 75 px → 56.25 pt", () => {
    expect(columnWidthPoints(10)).toBe(56.25);
    expect(columnWidthPoints(24)).toBe(129.75); // (168 + 5) · 0.75
  });

  test("property: any text written through the adapter reads back as exactly that text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        async (texts) => {
          const book = fakeWith({ Kitas: [["x"]] });
          const port = new OfficeWorkbook(book.run);
          await port.writeGeneratedSheets([
            { name: "Prüfbericht", rows: [[{ value: "Meldung" }], ...texts.map((t) => [{ value: t }])] },
          ]);
          const table = await port.readTable("Prüfbericht");
          expect(table.rows.map((r) => r[0])).toEqual(texts);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("OfficeWorkbook reading", () => {
  test("an Excel table wins over the used range; its position is reported", async () => {
    const book = fakeWith({ Kitas: [] });
    const sheet = book.sheet("Kitas");
    sheet.setRows([["Notiz oben"]]); // A1, outside the table
    sheet.setRows(
      [
        ["Einrichtung", "Kinder"],
        ["Kita A", { error: "#DIV/0!" }],
      ],
      2,
      1,
    ); // B3:C4
    sheet.tables.push({ name: "Kitas", area: parseAddress("B3:C4") });
    const table = await new OfficeWorkbook(book.run).readTable("Kitas");
    expect(table).toEqual({
      sheet: "Kitas",
      headers: ["Einrichtung", "Kinder"],
      rows: [["Kita A", { error: "#DIV/0!" }]],
      headerRow: 3,
      firstColumn: 2,
    });
  });

  test("without a table the used range is read; an empty sheet gives an empty table", async () => {
    const book = fakeWith({ Kitas: [], Leer: [] });
    book.sheet("Kitas").setRows([["Einrichtung"], ["Kita A"]], 1, 2); // C2:C3
    const port = new OfficeWorkbook(book.run);
    expect(await port.readTable("kitas")).toMatchObject({
      sheet: "Kitas",
      headers: ["Einrichtung"],
      rows: [["Kita A"]],
      headerRow: 2,
      firstColumn: 3,
    });
    expect(await port.readTable("Leer")).toMatchObject({ headers: [], rows: [] });
  });

  test("reading costs a constant number of syncs, whatever the number of rows", async () => {
    for (const n of [3, 3000]) {
      const rows: CellValue[][] = [
        ["Einrichtung", "Kinder"],
        ...Array.from({ length: n }, (_, i) => [`Kita ${i}`, i]),
      ];
      const book = fakeWith({ Kitas: rows });
      const table = await new OfficeWorkbook(book.run).readTable("Kitas");
      expect(table.rows).toHaveLength(n);
      expect(book.syncs).toBe(2); // sheet names, then used range + tables
    }
  });

  test("the store sheet is not a readable user sheet", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ a: 1 });
    await expect(port.readTable(STORE_SHEET)).rejects.toMatchObject({ name: "SrbUsageError" });
  });
});

describe("OfficeWorkbook writing", () => {
  test("the store sheet is veryHidden, written as text, and keeps generated names and model", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ n: "1.5e3" });
    await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "x"));
    const store = book.sheet(STORE_SHEET);
    expect(store.visibility).toBe("VeryHidden");
    expect(store.peek(1, 0)).toMatchObject({ value: "generated", numberFormat: "@" });
    expect(store.peek(1, 1)).toMatchObject({ value: "Verteilung" });
    expect(await port.readStoredModel()).toEqual({ n: "1.5e3" });
  });

  test('text "=SUM(A1)" is written with format "@" before its value and stays text; formulas go through formulas', async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const spec: SheetSpec = {
      name: "Prüfbericht",
      rows: [
        [{ value: "=SUM(A1)" }, { value: 7, numFmt: "0.0" }],
        [
          { value: "Summe", bold: true },
          { value: 7, formula: "SUM(B1:B1)", numFmt: "0.0", bold: true },
        ],
      ],
    };
    await new OfficeWorkbook(book.run).writeGeneratedSheets([spec]);
    const sheet = book.sheet("Prüfbericht");
    expect(sheet.peek(0, 0)).toEqual({ value: "=SUM(A1)", numberFormat: "@" });
    expect(sheet.peek(0, 1)).toEqual({ value: 7, numberFormat: "0.0" });
    expect(sheet.peek(1, 1)).toEqual({ formula: "SUM(B1:B1)", numberFormat: "0.0", bold: true });
    expect(sheet.peek(1, 0)).toMatchObject({ value: "Summe", bold: true });
    expect(sheet.peek(1, 0)?.numberFormat).toBeUndefined(); // plain text needs no "@"
  });

  test("widths, frozen rows, tab colour and autofit for columns without a width", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    await new OfficeWorkbook(book.run).writeGeneratedSheets([
      {
        name: "Verteilung",
        rows: [[{ value: "a" }, { value: "b" }, { value: "c" }]],
        columnWidths: [20],
        freezeRows: 1,
      },
    ]);
    const sheet = book.sheet("Verteilung");
    expect(sheet.columnWidths.get(0)).toBe(columnWidthPoints(20));
    expect([...sheet.autofitColumns]).toEqual([1, 2]);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.tabColor).toBe("#1F5C99");
  });

  test("charts: native chart per ChartSpec, header row names the series, columns need not be adjacent", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const rows = [
      ["Sozialraum", "Index", "Anteil", "Betrag"].map((value) => ({ value })),
      [{ value: "Nord" }, { value: 53 }, { value: 0.6 }, { value: 600 }],
      [{ value: "Süd" }, { value: 35.3 }, { value: 0.4 }, { value: 400 }],
    ];
    const report = await new OfficeWorkbook(book.run).writeGeneratedSheets([
      {
        name: "Verteilung",
        rows,
        charts: [
          {
            kind: "bar",
            title: "Anteil je Sozialraum",
            firstRow: 1,
            lastRow: 3,
            categoryColumn: 1,
            seriesColumns: [3, 2],
            anchor: "G2",
          },
          {
            kind: "line",
            title: "kaputt",
            firstRow: 1,
            lastRow: 9,
            categoryColumn: 1,
            seriesColumns: [2],
            anchor: "G20",
          },
        ],
      },
    ]);
    const charts = book.sheet("Verteilung").charts;
    expect(charts).toEqual([
      {
        type: "ColumnClustered",
        source: "Verteilung!C2:C3",
        title: "Anteil je Sozialraum",
        position: "G2",
        series: [
          { name: "Anteil", values: "Verteilung!C2:C3", xValues: "Verteilung!A2:A3" },
          { name: "Index", values: "Verteilung!B2:B3", xValues: "Verteilung!A2:A3" },
        ],
      },
    ]);
    expect(report.notes).toEqual([expect.stringContaining("Diagramm „kaputt“ nicht erstellt")]);
  });

  test("a failed generation removes the sheets it added (no orphan 'SRB neu' sheets)", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const spec: SheetSpec = { name: "Verteilung", rows: [[{ value: "x", formula: "SUM(" }]] };
    // a fake that refuses the second request
    let calls = 0;
    const failing = new OfficeWorkbook(async (batch) =>
      book.run(async (context) =>
        batch({
          workbook: context.workbook,
          sync: async () => {
            calls += 1;
            if (calls === 2) throw new Error("Netzwerkfehler");
            return context.sync();
          },
        }),
      ),
    );
    await expect(failing.writeGeneratedSheets([spec])).rejects.toThrow("Netzwerkfehler");
    expect(book.sheets.map((s) => s.name)).toEqual(["Kitas"]);
  });

  test("selectCell activates the sheet and selects the cell", async () => {
    const book = fakeWith({ Verteilung: [["x"]], Kitas: KITAS_ROWS });
    expect(book.activeSheet).toBe("Verteilung");
    await new OfficeWorkbook(book.run).selectCell("Kitas", "L11");
    expect(book.activeSheet).toBe("Kitas");
    expect(book.selection).toEqual({ sheet: "Kitas", address: "Kitas!L11" });
  });

  test("non-finite numbers and over-long text are reported, not sent as null or refused", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const report = await new OfficeWorkbook(book.run).writeGeneratedSheets([
      { name: "Methode", rows: [[{ value: Number.NaN }, { value: "a".repeat(40_000) }]] },
    ]);
    const sheet = book.sheet("Methode");
    expect(sheet.peek(0, 0)?.value).toEqual({ error: "#NUM!" });
    expect(String(sheet.peek(0, 1)?.value)).toHaveLength(32_767);
    expect(report.notes).toEqual([
      expect.stringContaining("A1: keine endliche Zahl"),
      expect.stringContaining("B1: Text auf 32767 Zeichen gekürzt"),
    ]);
  });
});

describe("round trips: a constant number of syncs, every request below 5 MB", () => {
  // Requests: 1 sheet names; then the store read travels with the first content request; the last request
  // deletes/renames/updates the store/draws charts. Each 4 MB of content adds one request.
  test.each([
    [30, 3],
    [10_000, 3],
    [100_000, 4],
  ])("%i units: %i syncs", async (units, expected) => {
    const { syncs, largestPayloadBytes, totalPayloadBytes } = await measureGeneration(units);
    expect(syncs).toBe(expected);
    expect(syncs).toBeLessThanOrEqual(4);
    expect(largestPayloadBytes).toBeLessThan(5_000_000);
    expect(largestPayloadBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(syncs).toBeLessThanOrEqual(2 + Math.ceil(totalPayloadBytes / (PAYLOAD_LIMIT_BYTES * 0.75)));
  });

  test("a re-generation (store present, old sheets replaced) costs no extra sync", async () => {
    const book = fakeWith({ Kitas: KITAS_ROWS });
    const port = new OfficeWorkbook(book.run);
    await port.writeStoredModel({ a: 1 });
    await port.writeGeneratedSheets(generationSheets(500));
    book.resetCounters();
    const report = await port.writeGeneratedSheets(generationSheets(500));
    expect(report.replaced).toEqual(["Einrichtungen", "Verteilung", "Normbereiche"]);
    expect(book.syncs).toBe(3);
    expect(book.suspendedRequests).toBe(2); // calculation suspended for every writing request
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
});

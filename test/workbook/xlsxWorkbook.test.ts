import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CellValue } from "../../src/engine/table";
import { STORE_SHEET } from "../../src/workbook/port";
import { isValidSheetName, resolveSheetName, sanitizeSheetName } from "../../src/workbook/sheetNames";
import { STORE_CHUNK_LENGTH, chunkText, decodeStore, encodeStore } from "../../src/workbook/store";
import { EXCEL_MAX_CELL_TEXT, XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { runPortContract } from "./portContract";
import { exceljsFixtureBytes } from "./exceljsFixture";

/** Builds the fixture with exceljs directly (not through the adapter under test), as bytes. */
const fixtureBytes = exceljsFixtureBytes;

runPortContract("XlsxWorkbook", async (fixture) => {
  let current = await XlsxWorkbook.fromBuffer(await fixtureBytes(fixture));
  return {
    port: current,
    async reopen() {
      current = await XlsxWorkbook.fromBuffer(await current.toBuffer());
      return current;
    },
  };
});

describe("XlsxWorkbook specifics", () => {
  test("dates read as Excel serial numbers, formulas as cached results, rich text as plain text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kitas");
    ws.getCell("A1").value = "Stichtag";
    ws.getCell("B1").value = "Summe";
    ws.getCell("C1").value = { richText: [{ text: "Kin" }, { text: "der", font: { bold: true } }] };
    // 2021-07-01 is Excel serial 44378 (1900 date system): 44378 − 25569 = 18809 days after 1970-01-01
    ws.getCell("A2").value = new Date(Date.UTC(2021, 6, 1));
    ws.getCell("A2").numFmt = "dd.mm.yyyy";
    ws.getCell("B2").value = { formula: "1+2", result: 3 };
    ws.getCell("C2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("D2").value = { text: "Link", hyperlink: "https://example.invalid" };
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const table = await book.readTable("kitas"); // sheet names are case-insensitive
    expect(table.sheet).toBe("Kitas");
    expect(table.headers).toEqual(["Stichtag", "Summe", "Kinder", null]);
    expect(table.rows).toEqual([[44378, 3, { error: "#DIV/0!" }, "Link"]]);
  });

  test("a formula without a stored result is an error value the check reports, never a silent blank", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kitas");
    ws.getCell("A1").value = "Wert";
    ws.getCell("A2").value = { formula: "B2*2" } as ExcelJS.CellFormulaValue;
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const table = await book.readTable("Kitas");
    expect(table.rows).toEqual([
      [{ error: "„=B2*2“ ohne berechnetes Ergebnis (bitte in Excel neu berechnen und speichern)" }],
    ]);
  });

  test("carriage returns in a user's text survive a save (XML would turn a raw \\r into \\n)", async () => {
    const direct = XlsxWorkbook.empty();
    await direct.writeGeneratedSheets([
      { name: "Bericht", rows: [[{ value: "a\rb" }], [{ value: "x\r\ny" }]] },
    ]);
    const reopened = await XlsxWorkbook.fromBuffer(await direct.toBuffer());
    expect((await reopened.readTable("Bericht")).headers).toEqual(["a\rb"]);
    expect((await reopened.readTable("Bericht")).rows).toEqual([["x\r\ny"]]);
  });

  test("an empty sheet gives an empty table; blank rows inside the used range stay as null rows", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Leer");
    const ws = wb.addWorksheet("Lücke");
    ws.getCell("A1").value = "Einrichtung";
    ws.getCell("B4").value = 7;
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await book.readTable("Leer")).toMatchObject({ headers: [], rows: [] });
    expect((await book.readTable("Lücke")).rows).toEqual([
      [null, null],
      [null, null],
      [null, 7],
    ]);
  });

  test("the store sheet is veryHidden, holds the generated list, and a visible tab stays active", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeStoredModel({ a: 1 });
    await book.writeGeneratedSheets([{ name: "Verteilung", rows: [[{ value: "x" }]] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
    const store = wb.getWorksheet(STORE_SHEET)!;
    expect(store.state).toBe("veryHidden");
    expect(store.getRow(1).values).toEqual([undefined, "SRB", 1]);
    expect(store.getRow(2).values).toEqual([undefined, "generated", "Verteilung"]);
    expect(store.getRow(3).values).toEqual([undefined, "model", '{"a":1}']);
    const active = wb.views[0]?.activeTab ?? 0;
    expect(wb.worksheets[active].name).toBe("Verteilung");
  });

  test("a workbook whose only sheet is the store gets a visible empty sheet on save", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeStoredModel({ a: 1 });
    const again = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    expect(await again.sheetNames()).toEqual(["Tabelle1"]);
    expect(await again.readStoredModel()).toEqual({ a: 1 });
  });

  test("formats, bold, widths and frozen header rows are written", async () => {
    const book = XlsxWorkbook.empty();
    await book.writeGeneratedSheets([
      {
        name: "Verteilung",
        rows: [
          [{ value: "Betrag", bold: true }],
          [{ value: 1234.5, numFmt: '#,##0.00 "€"' }],
          [{ value: 1234.5, formula: "=SUM(A2:A2)", numFmt: '#,##0.00 "€"' }],
        ],
        columnWidths: [18],
        freezeRows: 1,
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Verteilung")!;
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").numFmt).toBe('#,##0.00 "€"');
    expect(ws.getCell("A3").value).toEqual({ formula: "SUM(A2:A2)", result: 1234.5 }); // leading "=" dropped
    expect(ws.getColumn(1).width).toBe(18);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  test("text longer than Excel's cell limit is cut with … and a note; a chart that fits its sheet is drawn (no note)", async () => {
    const book = XlsxWorkbook.empty();
    const long = "ä".repeat(EXCEL_MAX_CELL_TEXT + 10);
    const report = await book.writeGeneratedSheets([
      {
        name: "Prüfbericht",
        rows: [[{ value: long }], [{ value: "Nord" }, { value: 0.5 }]],
        charts: [
          {
            kind: "bar",
            title: "Anteile",
            firstRow: 2,
            lastRow: 2,
            categoryColumn: 1,
            seriesColumns: [2],
            anchor: "D2",
          },
        ],
      },
    ]);
    const cell = (await (await XlsxWorkbook.fromBuffer(await book.toBuffer())).readTable("Prüfbericht"))
      .headers[0] as string;
    expect(cell.length).toBe(EXCEL_MAX_CELL_TEXT);
    expect(cell.endsWith("ä…")).toBe(true);
    expect(report.notes?.join("\n")).toMatch(/A1: Text auf 32767 Zeichen gekürzt/);
    // charts are drawn since toBuffer post-processes the zip (test/workbook/xlsxCharts.test.ts)
    expect(report.notes?.join("\n")).not.toMatch(/Diagramm „Anteile“ nicht erstellt/);
  });

  test("fromFile / saveAs round-trip through the file system (Node)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "srb-xlsx-"));
    try {
      const book = XlsxWorkbook.empty();
      const rows: CellValue[][] = [["Einrichtung"], ["Kita Nord"]];
      await book.writeGeneratedSheets([
        { name: "Kitas", rows: rows.map((r) => r.map((v) => ({ value: v as string }))) },
      ]);
      await book.saveAs(join(dir, "book.xlsx"));
      const again = await XlsxWorkbook.fromFile(join(dir, "book.xlsx"));
      expect((await again.readTable("Kitas")).rows).toEqual([["Kita Nord"]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the browser path never imports fs: the module source has no static fs import", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(join(__dirname, "../helpers/exceljsWorkbook/xlsxWorkbook.ts"), "utf8");
    expect(source).not.toMatch(/from\s+["'](node:)?fs/);
    expect(source).not.toMatch(/require\(\s*["'](node:)?fs/);
  });
});

describe("sheetNames (pure rules)", () => {
  test("Excel's rules: length, forbidden characters, apostrophes, reserved History", () => {
    expect(isValidSheetName("Verteilung")).toBe(true);
    expect(isValidSheetName("")).toBe(false);
    expect(isValidSheetName("x".repeat(31))).toBe(true);
    expect(isValidSheetName("x".repeat(32))).toBe(false);
    for (const ch of "[]:*?/\\") expect(isValidSheetName(`a${ch}b`)).toBe(false);
    expect(isValidSheetName("'Methode")).toBe(false);
    expect(isValidSheetName("history")).toBe(false);
    expect(sanitizeSheetName("Budget 2024/25")).toBe("Budget 2024_25");
    expect(sanitizeSheetName("'")).toBe("Tabelle");
  });

  test('clash rule: "Verteilung (2)", "(3)" … within 31 characters, case-insensitive, store name reserved', () => {
    expect(resolveSheetName("Verteilung", ["Kitas"])).toBe("Verteilung");
    expect(resolveSheetName("Verteilung", ["VERTEILUNG", "Verteilung (2)"])).toBe("Verteilung (3)");
    expect(resolveSheetName("_srb", [])).toBe("_srb (2)");
    const long = "Einrichtungen im Sozialraum Nordstadt";
    expect(resolveSheetName(long, [sanitizeSheetName(long)])).toBe("Einrichtungen im Sozialraum (2)");
  });

  test("property: the resolved name is valid and free, whatever is requested and occupied", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.string({ maxLength: 35 }), { maxLength: 12 }),
        (wish, taken) => {
          const name = resolveSheetName(wish, taken);
          expect(isValidSheetName(name)).toBe(true);
          expect(taken.map((t) => t.toLowerCase())).not.toContain(name.toLowerCase());
        },
      ),
    );
  });
});

describe("store encoding (pure)", () => {
  test("rows, chunks of ≤ 30,000 characters, and back", () => {
    const model = { text: "x".repeat(STORE_CHUNK_LENGTH + 5) };
    const rows = encodeStore({ generated: ["Verteilung", "Methode"], model });
    expect(rows.slice(0, 3)).toEqual([
      ["SRB", 1],
      ["generated", "Verteilung"],
      ["generated", "Methode"],
    ]);
    const chunks = rows.filter((r) => r[0] === "model");
    expect(chunks).toHaveLength(2); // 30,016 characters of JSON → 30,000 + 16
    expect(decodeStore(rows)).toEqual({
      version: 1,
      generated: ["Verteilung", "Methode"],
      model,
      modelReadable: true,
    });
  });

  test("hand-edited or broken store: unknown rows ignored, unreadable model is null, never a throw", () => {
    expect(decodeStore([])).toEqual({ version: 0, generated: [], model: null, modelReadable: true });
    expect(
      decodeStore([
        ["notiz", "x"],
        [null, 1],
        ["model", '{"a":'],
      ]),
    ).toEqual({
      version: 0,
      generated: [],
      model: null,
      modelReadable: false,
      modelRows: [3], // where the damaged model is, for the message (issue 17.9)
    });
  });

  test("property: any JSON model and sheet list round-trip; no chunk splits a surrogate pair", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.string({ minLength: 1, maxLength: 31 })),
        fc.integer({ min: 2, max: 50 }),
        (model, generated, size) => {
          const decoded = decodeStore(encodeStore({ generated, model }));
          expect(decoded.generated).toEqual(generated);
          expect(decoded.model).toEqual(model === null ? null : JSON.parse(JSON.stringify(model)));
          const text = "a😀b😀😀c".repeat(size);
          const chunks = chunkText(text, size);
          expect(chunks.join("")).toBe(text);
          for (const c of chunks) {
            expect(c.length).toBeLessThanOrEqual(size);
            expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(c)).toBe(false);
          }
        },
      ),
    );
  });
});

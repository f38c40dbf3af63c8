/**
 * The shared contract suite of the workbook port. Every adapter (exceljs, Office.js) runs it:
 *
 * ```ts
 * runPortContract("XlsxWorkbook", async (fixture) => { … return { port, reopen }; });
 * ```
 * `make` builds a workbook holding `fixture.sheets` (sheet name → rows from A1, values exactly as given:
 * text stays text, `{ error }` is an Excel error value, null a blank cell) and returns the port plus
 * `reopen()`, which saves and loads the workbook again (the Office.js fake may return the same port).
 */
import type { CellValue } from "../../src/engine/table";
import type { SheetSpec, WorkbookPort } from "../../src/workbook/port";
import { STORE_SHEET } from "../../src/workbook/port";
import { describeLocation } from "../../src/engine/tableLocation";
import { readDataTable } from "../../src/workbook/dataTable";
import { isValidSheetName } from "../../src/workbook/sheetNames";
import { editedNote, unprovenNote } from "../../src/workbook/writePlan";

/** What a sheet carries besides its values (the builders add it as Excel or the file format has it). */
export interface SheetExtras {
  /** Excel tables over `ref` (header row first; with `totalsRow`, its last row is the totals row). */
  tables?: { name: string; ref: string; totalsRow?: boolean }[];
  /** 1-based rows hidden (by hand or by a filter). */
  hiddenRows?: number[];
  /** Formulas (without "=") by A1 address; the value in `sheets` is their cached result. */
  formulas?: Record<string, string>;
  /** Merged ranges ("C4:C6"): the value of the top-left cell, the covered cells blank in `sheets`. */
  merged?: string[];
}

export interface PortFixture {
  sheets: Record<string, CellValue[][]>;
  /** Per sheet name: tables, hidden rows, formulas. */
  extras?: Record<string, SheetExtras>;
}

/** A sheet shaped like a real municipality's: a title, an empty row, the header in row 3, a "Summe" row. */
export const MUNICIPAL_ROWS: CellValue[][] = [
  ["Kita-Daten 2025 – Stadt X"],
  [],
  ["Einrichtung", "Sozialraum", "Kinder", "Anteil SGB II"],
  ["Kita A", "Nord", 40, 0.2],
  ["Kita B", "Nord", 60, 0.1],
  ["Kita C", "Süd", 80, 0.3],
  ["Summe", null, 180, null],
];

export type MakePort = (
  fixture: PortFixture,
) => Promise<{ port: WorkbookPort; reopen(): Promise<WorkbookPort> }>;

/** A data sheet with every kind of raw value the check must see unchanged. */
export const KITAS_ROWS: CellValue[][] = [
  ["Einrichtung", "Sozialraum", "Kinder", "Anteil_SGB_II", "Bemerkung"],
  ["Kita Sonnenschein", "Nord", 85, 0.25, "12,5"],
  ["Kita Regenbogen", "Nord", "k.A.", { error: "#N/A" }, null],
  ["Kita Löwenzahn", "Süd", 130, null, "=SUMME(A1:A3)"],
  ["Kita Pusteblume", "Süd", true, { error: "#DIV/0!" }, "0042"],
];

function text(value: string): SheetSpec["rows"][number][number] {
  return { value };
}

/** Minimal generated sheets: a header and one line of text/number/formula. */
export function sampleSpecs(names: string[], marker: string): SheetSpec[] {
  return names.map((name) => ({
    name,
    rows: [
      [text("Spalte"), text("Wert")],
      [text(marker), { value: 3, numFmt: "0.0" }],
      [text("Summe"), { value: 3, formula: "SUM(B2:B2)", bold: true }],
    ],
    freezeRows: 1,
    columnWidths: [20, 12],
  }));
}

/**
 * Defines the describe/it blocks of the port contract for one adapter.
 *
 * @example runPortContract("XlsxWorkbook", makeXlsxPort);
 */
export function runPortContract(name: string, make: MakePort): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    test("readTable returns every raw value as given: text stays text, errors as CellError, blanks null", async () => {
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS } });
      for (const p of [port, await reopen()]) {
        const table = await p.readTable("Kitas");
        expect(table.sheet).toBe("Kitas");
        expect(table.headerRow ?? 1).toBe(1);
        expect(table.firstColumn ?? 1).toBe(1);
        expect(table.headers).toEqual(KITAS_ROWS[0]);
        expect(table.rows).toEqual(KITAS_ROWS.slice(1));
        // never coerced: "12,5" and "0042" are strings, not 12.5 and 42
        expect(typeof table.rows[0][4]).toBe("string");
        expect(typeof table.rows[3][4]).toBe("string");
      }
    });

    test("title rows above: the header is found in row 3, the Summe row ends the data, addresses are the sheet's", async () => {
      const { port, reopen } = await make({ sheets: { Kitas: MUNICIPAL_ROWS } });
      for (const p of [port, await reopen()]) {
        expect(p.readGrid).toBeDefined();
        const table = await readDataTable(p, "Kitas", { columns: ["Einrichtung", "Sozialraum"] });
        expect(table.headerRow).toBe(3);
        expect(table.firstColumn).toBe(1);
        expect(table.headers).toEqual(MUNICIPAL_ROWS[2]);
        expect(table.rows).toEqual(MUNICIPAL_ROWS.slice(3, 6));
        expect(describeLocation(table.location!)).toBe(
          "Kopfzeile: Zeile 3, Daten: Zeilen 4–6 (Zeile 7 „Summe“ ausgelassen)",
        );
        // without a model too (the header look), and with data.headerRow
        expect((await readDataTable(p, "Kitas")).headerRow).toBe(3);
        const fixed = await readDataTable(p, "Kitas", { headerRow: 3, columns: ["Name der Kita"] });
        expect(fixed.location?.source).toBe("modelRow");
        expect(fixed.rows).toHaveLength(3);
      }
    });

    test("an Excel table wins: its header row and data body, never its totals row", async () => {
      const rows: CellValue[][] = [
        ["Kita-Daten 2025 – Stadt X"],
        ["Einrichtung ist der Name, Sozialraum der Planungsraum", "Hinweis"],
        ...MUNICIPAL_ROWS.slice(2),
      ];
      const { port, reopen } = await make({
        sheets: { Kitas: rows },
        extras: { Kitas: { tables: [{ name: "KitaTabelle", ref: "A3:D7", totalsRow: true }] } },
      });
      for (const p of [port, await reopen()]) {
        const grid = await p.readGrid!("Kitas");
        expect(grid.tables).toEqual([
          {
            name: "KitaTabelle",
            headerRow: 3,
            firstDataRow: 4,
            lastDataRow: 6,
            firstColumn: 1,
            lastColumn: 4,
            totalsRow: 7,
          },
        ]);
        const table = await readDataTable(p, "Kitas");
        expect(table.location).toMatchObject({ source: "excelTable", tableName: "KitaTabelle" });
        expect(table.headerRow).toBe(3);
        expect(table.rows.map((r) => r[0])).toEqual(["Kita A", "Kita B", "Kita C"]);
        expect(describeLocation(table.location!)).toBe(
          "Kopfzeile: Zeile 3 (Excel-Tabelle „KitaTabelle“), Daten: Zeilen 4–6 (Zeile 7 „Summe“ ausgelassen)",
        );
      }
    });

    test("a row of SUM formulas under the data ends it, also without a label", async () => {
      const rows = MUNICIPAL_ROWS.map((r, i) => (i === 6 ? [null, null, 180, null] : r));
      const { port, reopen } = await make({
        sheets: { Kitas: rows },
        extras: { Kitas: { formulas: { C7: "SUM(C4:C6)" } } },
      });
      for (const p of [port, await reopen()]) {
        const grid = await p.readGrid!("Kitas");
        expect(grid.sumFormulaRows).toEqual([7]);
        const table = await readDataTable(p, "Kitas");
        expect(table.rows).toHaveLength(3);
        expect(table.location?.end).toMatchObject({ row: 7, reason: "totalsRow" });
      }
    });

    test("hidden rows are read and listed (a filter never drops a Kita)", async () => {
      const { port, reopen } = await make({
        sheets: { Kitas: MUNICIPAL_ROWS },
        extras: { Kitas: { hiddenRows: [5] } },
      });
      for (const p of [port, await reopen()]) {
        expect((await p.readGrid!("Kitas")).hiddenRows).toEqual([5]);
        const table = await readDataTable(p, "Kitas");
        expect(table.rows.map((r) => r[0])).toEqual(["Kita A", "Kita B", "Kita C"]);
        expect(table.location?.hiddenDataRows).toEqual([5]);
      }
    });

    test("sheetNames lists the user's sheets in order and never the store sheet", async () => {
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS, Notizen: [["frei"]] } });
      await port.writeStoredModel({ budget: { total: 1 } });
      await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "x"));
      for (const p of [port, await reopen()]) {
        const names = await p.sheetNames();
        expect(names).toEqual(["Kitas", "Notizen", "Verteilung"]);
        expect(names).not.toContain(STORE_SHEET);
      }
    });

    test("the stored model round-trips, also when it is longer than one cell", async () => {
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS } });
      expect(await port.readStoredModel()).toBeNull();
      const model = {
        data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
        indicators: Array.from({ length: 900 }, (_, i) => ({
          column: `Indikator ${i} – Anteil „ä/ö/ü“ 😀`,
          category: "Soziale Lage",
          direction: i % 2 ? 1 : -1,
          weight: 1,
        })),
        budget: { total: 1002240 },
      };
      expect(JSON.stringify(model).length).toBeGreaterThan(60000); // three store chunks
      // the store sheet's name comes back: the task pane's confirmation names it
      expect(await port.writeStoredModel(model)).toBe(STORE_SHEET);
      expect(await port.readStoredModel()).toEqual(model);
      const again = await reopen();
      expect(await again.readStoredModel()).toEqual(model);
      // writing sheets keeps the model
      await again.writeGeneratedSheets(sampleSpecs(["Verteilung"], "x"));
      expect(await again.readStoredModel()).toEqual(model);
    });

    test("writeGeneratedSheets twice replaces only the generated sheets", async () => {
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS } });
      const first = await port.writeGeneratedSheets(
        sampleSpecs(["Verteilung", "Einrichtungen", "Methode"], "erster"),
      );
      expect(first.replaced).toEqual([]);
      expect(first.sheets.map((s) => s.written)).toEqual(["Verteilung", "Einrichtungen", "Methode"]);
      const p2 = await reopen();
      const second = await p2.writeGeneratedSheets(sampleSpecs(["Verteilung", "Prüfbericht"], "zweiter"));
      expect([...second.replaced].sort()).toEqual(["Einrichtungen", "Methode", "Verteilung"]);
      expect(second.sheets.map((s) => s.written)).toEqual(["Verteilung", "Prüfbericht"]);
      for (const p of [p2, await reopen()]) {
        expect(await p.sheetNames()).toEqual(["Kitas", "Verteilung", "Prüfbericht"]);
        expect((await p.readTable("Verteilung")).rows[0]).toEqual(["zweiter", 3]);
        expect((await p.readTable("Kitas")).rows).toEqual(KITAS_ROWS.slice(1));
      }
    });

    test("the Vorlage first: new sheets in the order asked; one added to an earlier run goes after it, nothing moves", async () => {
      // a workbook SRB wrote before the Vorlage existed: its sheets are rewritten in place, the new one appended
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS } });
      await port.writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "erster"));
      const p2 = await reopen();
      const second = await p2.writeGeneratedSheets(
        sampleSpecs(["Vorlage", "Verteilung", "Methode"], "zweiter"),
      );
      expect(second.sheets.map((s) => s.written)).toEqual(["Vorlage", "Verteilung", "Methode"]);
      expect([...second.replaced].sort()).toEqual(["Methode", "Verteilung"]);
      for (const p of [p2, await reopen()])
        expect(await p.sheetNames()).toEqual(["Kitas", "Verteilung", "Methode", "Vorlage"]);
      // a fresh workbook: the Vorlage comes first among SRB's sheets, and stays there on the next run
      const fresh = await make({ sheets: { Kitas: KITAS_ROWS } });
      await fresh.port.writeGeneratedSheets(sampleSpecs(["Vorlage", "Verteilung", "Methode"], "erster"));
      const again = await fresh.reopen();
      const report = await again.writeGeneratedSheets(
        sampleSpecs(["Vorlage", "Verteilung", "Methode"], "zweiter"),
      );
      expect([...report.replaced].sort()).toEqual(["Methode", "Verteilung", "Vorlage"]);
      for (const p of [again, await fresh.reopen()]) {
        expect(await p.sheetNames()).toEqual(["Kitas", "Vorlage", "Verteilung", "Methode"]);
        expect((await p.readTable("Vorlage")).rows[0]).toEqual(["zweiter", 3]);
      }
    });

    test('a user sheet named "Verteilung" is kept untouched; the generated one becomes "Verteilung (2)"', async () => {
      const mine: CellValue[][] = [
        ["Meine Verteilung", "Betrag"],
        ["Nord", 1000],
      ];
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS, Verteilung: mine } });
      const report = await port.writeGeneratedSheets(sampleSpecs(["Verteilung"], "erster"));
      expect(report.sheets).toEqual([{ requested: "Verteilung", written: "Verteilung (2)" }]);
      // and again: the user's sheet stays, the generated one is replaced under the same name
      const p2 = await reopen();
      const again = await p2.writeGeneratedSheets(sampleSpecs(["Verteilung"], "zweiter"));
      expect(again.replaced).toEqual(["Verteilung (2)"]);
      expect(again.sheets[0].written).toBe("Verteilung (2)");
      for (const p of [p2, await reopen()]) {
        expect(await p.sheetNames()).toEqual(["Kitas", "Verteilung", "Verteilung (2)"]);
        const user = await p.readTable("Verteilung");
        expect([user.headers, ...user.rows]).toEqual(mine);
        expect((await p.readTable("Verteilung (2)")).rows[0]).toEqual(["zweiter", 3]);
      }
    });

    test("formula-like text stays text; a formula cell reads back as its cached result", async () => {
      const risky = ["=1+1", "+1+1", "-1-1", "@SUMME(A1)", '=HYPERLINK("http://example.invalid")'];
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS } });
      await port.writeGeneratedSheets([
        {
          name: "Prüfbericht",
          rows: [
            [text("Meldung"), text("Formel")],
            ...risky.map((r) => [text(r), { value: 2, formula: "1+1" }]),
          ],
        },
      ]);
      const table = await (await reopen()).readTable("Prüfbericht");
      expect(table.rows.map((r) => r[0])).toEqual(risky);
      expect(table.rows.map((r) => r[1])).toEqual(risky.map(() => 2));
    });

    test("long names and forbidden characters give valid, distinct sheet names", async () => {
      const { port, reopen } = await make({ sheets: { Kitas: KITAS_ROWS } });
      const requested = [
        "Verteilung/Budget: 2024 [Entwurf]?",
        "Ein sehr langer Blattname für die Einrichtungen im Sozialraum",
        "Ein sehr langer Blattname für die Einrichtungen im Sozialraum Nord",
        "'Methode'",
        "kitas",
      ];
      const report = await port.writeGeneratedSheets(sampleSpecs(requested, "x"));
      const written = report.sheets.map((s) => s.written);
      for (const w of written) expect(isValidSheetName(w)).toBe(true);
      const lower = ["kitas", ...written.map((w) => w.toLowerCase())];
      expect(new Set(lower).size).toBe(lower.length);
      expect(written[4]).toBe("kitas (2)"); // the user's "Kitas" is taken case-insensitively
      expect(await (await reopen()).sheetNames()).toEqual(["Kitas", ...written]);
    });

    test("an unknown sheet is a usage error, not a crash with an exceljs/Office message", async () => {
      const { port } = await make({ sheets: { Kitas: KITAS_ROWS } });
      const message = "Tabellenblatt „Gibt es nicht“ gibt es in dieser Arbeitsmappe nicht.";
      await expect(port.readTable("Gibt es nicht")).rejects.toMatchObject({ name: "SrbUsageError", message });
      if (port.readGrid)
        await expect(port.readGrid("Gibt es nicht")).rejects.toMatchObject({
          name: "SrbUsageError",
          message,
        });
    });
  });
}

// ── nothing lost: content fingerprints of generated sheets ───────────────────────────────────────────

/**
 * A workbook the fingerprint contract can edit the way a user does, outside SRB. `port()` is the workbook
 * as it is now (the .xlsx harness re-opens the file after every edit, so it returns a new port).
 */
export interface EditableWorkbook {
  port(): WorkbookPort;
  /** Types a value into a cell (1-based row and column), replacing what was there. */
  typeCell(sheet: string, row: number, column: number, value: string | number): Promise<void>;
  /** Deletes the sheet and makes the user's own under the same name with these rows from A1. */
  recreate(sheet: string, rows: CellValue[][]): Promise<void>;
  /** What is not an edit: Excel recalculating the formulas' cached results, a wider column, a bold cell. */
  recalculateAndFormat(sheet: string): Promise<void>;
  /** Rewrites the store as a version before fingerprints wrote it (its "fingerprint" rows removed). */
  dropFingerprints(): Promise<void>;
}

export type MakeEditable = (sheets: Record<string, CellValue[][]>) => Promise<EditableWorkbook>;

/** The German note of both adapters for a generated sheet that changed since SRB wrote it. */
export { editedNote } from "../../src/workbook/writePlan";

/**
 * The fingerprint part of the port contract (store.ts, "Nothing lost"): both adapters run it.
 *
 * @example runFingerprintContract("XlsxWorkbook", makeEditableXlsx);
 */
export function runFingerprintContract(name: string, make: MakeEditable): void {
  describe(`WorkbookPort contract, nothing lost: ${name}`, () => {
    const rows = async (book: EditableWorkbook, sheet: string) => {
      const table = await book.port().readTable(sheet);
      return [table.headers, ...table.rows];
    };

    test("an unchanged generated sheet is replaced under its name; recalculation and formatting are no edit", async () => {
      const book = await make({ Kitas: KITAS_ROWS });
      await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "erster"));
      await book.recalculateAndFormat("Verteilung");
      const report = await book
        .port()
        .writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "zweiter"));
      expect([...report.replaced].sort()).toEqual(["Methode", "Verteilung"]);
      expect(report.sheets.map((s) => s.written)).toEqual(["Verteilung", "Methode"]);
      expect(report.notes).toEqual([]);
      expect(await book.port().sheetNames()).toEqual(["Kitas", "Verteilung", "Methode"]);
      expect((await rows(book, "Verteilung"))[1]).toEqual(["zweiter", 3]);
    });

    test("an override typed into a generated sheet: the sheet is kept, the new one renamed, a German note", async () => {
      const book = await make({ Kitas: KITAS_ROWS });
      await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "erster"));
      await book.typeCell("Verteilung", 2, 2, 2500); // B2: 3 → 2500, the user's override
      const report = await book
        .port()
        .writeGeneratedSheets(sampleSpecs(["Verteilung", "Methode"], "zweiter"));
      expect(report.replaced).toEqual(["Methode"]);
      expect(report.sheets).toEqual([
        { requested: "Verteilung", written: "Verteilung (2)" },
        { requested: "Methode", written: "Methode" },
      ]);
      expect(report.notes?.[0]).toBe(editedNote("Verteilung"));
      expect(report.notes).toContain(
        "Blatt „Verteilung“ wurde als „Verteilung (2)“ angelegt, weil der Name vergeben oder ungültig ist.",
      );
      expect((await rows(book, "Verteilung"))[1]).toEqual(["erster", 2500]);
      expect((await rows(book, "Verteilung (2)"))[1]).toEqual(["zweiter", 3]);

      // from now on the edited sheet is the user's: the next run replaces "Verteilung (2)" and leaves it
      const next = await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "dritter"));
      expect([...next.replaced].sort()).toEqual(["Methode", "Verteilung (2)"]);
      expect(next.sheets[0].written).toBe("Verteilung (2)");
      expect(await book.port().sheetNames()).toEqual(["Kitas", "Verteilung", "Verteilung (2)"]);
      expect((await rows(book, "Verteilung"))[1]).toEqual(["erster", 2500]);
      expect((await rows(book, "Verteilung (2)"))[1]).toEqual(["dritter", 3]);
    });

    test("the generated sheet deleted and the user's own made under its name: kept", async () => {
      const book = await make({ Kitas: KITAS_ROWS });
      await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "erster"));
      const mine: CellValue[][] = [
        ["Sozialraum", "Betrag laut Jugendhilfeausschuss"],
        ["Nord", 123456.78],
      ];
      await book.recreate("Verteilung", mine);
      const report = await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "zweiter"));
      expect(report.replaced).toEqual([]);
      expect(report.sheets[0].written).toBe("Verteilung (2)");
      expect(report.notes?.[0]).toBe(editedNote("Verteilung"));
      expect(await rows(book, "Verteilung")).toEqual(mine);
    });

    test("storing the model between two runs keeps the fingerprints (an edit is still seen)", async () => {
      const book = await make({ Kitas: KITAS_ROWS });
      await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "erster"));
      await book.port().writeStoredModel({ budget: { total: 1000 } });
      await book.typeCell("Verteilung", 2, 1, "geändert");
      const report = await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "zweiter"));
      expect(report.replaced).toEqual([]);
      expect((await rows(book, "Verteilung"))[1]).toEqual(["geändert", 3]);
      expect(await book.port().readStoredModel()).toEqual({ budget: { total: 1000 } });
    });

    test("a store that lists a sheet without a fingerprint (older or hand-edited) never rewrites or deletes it", async () => {
      const book = await make({ Kitas: KITAS_ROWS });
      await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "erster"));
      await book.typeCell("Verteilung", 2, 2, 2500);
      await book.dropFingerprints();
      const report = await book.port().writeGeneratedSheets(sampleSpecs(["Verteilung"], "zweiter"));
      expect(report.replaced).toEqual([]);
      expect(report.sheets[0].written).toBe("Verteilung (2)");
      expect(report.notes).toContain(unprovenNote("Verteilung"));
      expect((await rows(book, "Verteilung"))[1]).toEqual(["erster", 2500]);
      expect((await rows(book, "Verteilung (2)"))[1]).toEqual(["zweiter", 3]);
    });

    test("text XML cannot hold becomes „\uFFFD“ with a note, and the sheet still counts as unchanged", async () => {
      const book = await make({ Kitas: KITAS_ROWS });
      const spec: SheetSpec = {
        name: "Einrichtungen",
        rows: [[text("Einrichtung")], [text("Kita \uD800A")], [text("Kita B\uFFFE")], [text("Kita\u0001C")]],
      };
      const report = await book.port().writeGeneratedSheets([spec]);
      expect(report.notes).toEqual([
        "Blatt „Einrichtungen“: 3 Zellen enthielten Zeichen, die eine .xlsx-Datei nicht speichern kann " +
          "(Steuerzeichen oder unvollständige Sonderzeichen); sie wurden durch „\uFFFD“ ersetzt.",
      ]);
      expect((await rows(book, "Einrichtungen")).map((r) => r[0])).toEqual([
        "Einrichtung",
        "Kita \uFFFDA",
        "Kita B\uFFFD",
        "Kita\uFFFDC",
      ]);
      const again = await book.port().writeGeneratedSheets([spec]);
      expect(again.replaced).toEqual(["Einrichtungen"]);
      expect(again.sheets[0].written).toBe("Einrichtungen");
    });
  });
}

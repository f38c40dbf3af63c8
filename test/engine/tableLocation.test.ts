import fc from "fast-check";
import { isColumnTotalFormula } from "../../src/engine/columnTotalFormula";
import {
  describeLocation,
  isTotalsLabel,
  locateTable,
  locationHints,
  locationIssues,
  tableAt,
  type SheetGrid,
} from "../../src/engine/tableLocation";
import type { CellValue } from "../../src/engine/table";

/** A sheet shaped like a real municipality's: title, blank row, notes, header in row 3, a "Summe" row. */
function municipalGrid(): SheetGrid {
  return {
    sheet: "Kitas",
    rows: [
      ["Kita-Daten 2025 – Stadt X"],
      [],
      ["Einrichtung", "Sozialraum", "Kinder", "SGB II", "Anteil nicht Deutsch"],
      ["Kita A", "Nord", 40, 0.2, 0.31],
      ["Kita B", "Nord", 60, 0.1, 0.12],
      ["Kita C", "Süd", 80, 0.3, 0.4],
      ["Summe", null, 180, null, null],
      [],
      ["Quelle: Meldewesen, Stand 31.12.2024"],
    ],
  };
}

describe("locateTable", () => {
  test("title and blank row above, header in row 3, data end at the Summe row", () => {
    const location = locateTable(municipalGrid());
    expect(location).toMatchObject({
      source: "looksLikeHeader",
      headerRow: 3,
      firstDataRow: 4,
      lastDataRow: 6,
      firstColumn: 1,
      lastColumn: 5,
      end: { row: 7, reason: "totalsRow", label: "Summe", ignoredRows: 2 },
    });
    expect(describeLocation(location)).toBe(
      "Kopfzeile: Zeile 3, Daten: Zeilen 4–6 (Zeile 7 „Summe“ ausgelassen, 1 weitere Zeile darunter ignoriert)",
    );
  });

  test("with a model, the first row holding the model's columns is the header, even when a text row looks more like one", () => {
    const grid: SheetGrid = {
      sheet: "Daten",
      rows: [
        ["Hinweis", "bitte", "nicht", "sortieren", "danke", "!"],
        [1, 2, 3, 4, 5, 6],
        ["Name der Kita", "Planungsraum", "Anzahl Kinder"],
        ["Kita A", "Nord", 40],
      ],
    };
    const location = locateTable(grid, { columns: ["name der kita", "Planungsraum", "Anzahl  Kinder"] });
    expect(location).toMatchObject({
      source: "modelColumns",
      headerRow: 3,
      firstDataRow: 4,
      lastDataRow: 4,
    });
  });

  test("data.headerRow in the model fixes the header row", () => {
    const location = locateTable(municipalGrid(), { headerRow: 4, columns: ["Einrichtung"] });
    expect(location).toMatchObject({ source: "modelRow", headerRow: 4, firstDataRow: 5 });
  });

  test("data.range in the model fixes header row, columns and last row; it wins over data.headerRow", () => {
    // header B3 ("Sozialraum") to D5: Einrichtung (column A) and the indicators right of D are not read
    const location = locateTable(municipalGrid(), { range: "B3:D5", headerRow: 4, columns: ["Einrichtung"] });
    expect(location).toMatchObject({
      source: "modelRange",
      range: "B3:D5",
      headerRow: 3,
      firstDataRow: 4,
      lastDataRow: 5,
      firstColumn: 2,
      lastColumn: 4,
      // Kita C in row 6 has data below the range: noted, never silently dropped
      end: { row: 6, reason: "rangeEnd", ignoredRows: 2 },
    });
    const table = tableAt({ ...municipalGrid() }, location);
    expect(table.headers).toEqual(["Sozialraum", "Kinder", "SGB II"]);
    expect(table.rows).toEqual([
      ["Nord", 40, 0.2],
      ["Nord", 60, 0.1],
    ]);
    expect(describeLocation(location)).toBe(
      "Kopfzeile: Zeile 3 (gewählter Bereich B3:D5), Daten: Zeilen 4–5 (2 Zeilen unterhalb des Bereichs ignoriert)",
    );
    const [issue] = locationIssues(location);
    expect([issue.level, issue.code, issue.cell]).toEqual(["warning", "rows-below-table", "B6"]);
    expect(issue.message).toBe(
      "Blatt „Kitas“: der gewählte Datenbereich B3:D5 endet über Zeile 6; 2 Zeilen darunter enthalten Angaben und werden nicht als Einrichtungen gelesen. Gehören sie zur Tabelle, bitte den Bereich im Schritt „Daten“ (oder in der Modelldatei) erweitern.",
    );
  });

  test("data.range: a Summe row right below the range is the expected end; a range of one row fixes header and columns", () => {
    const exact = locateTable(municipalGrid(), { range: "A3:E6" });
    expect(exact).toMatchObject({ source: "modelRange", headerRow: 3, lastDataRow: 6, lastColumn: 5 });
    expect(exact.end).toMatchObject({ row: 7, reason: "totalsRow", label: "Summe" });
    expect(describeLocation(exact)).toBe(
      "Kopfzeile: Zeile 3 (gewählter Bereich A3:E6), Daten: Zeilen 4–6 (Zeile 7 „Summe“ ausgelassen, 1 weitere Zeile darunter ignoriert)",
    );
    // the Summe row inside the range still ends the data
    expect(locateTable(municipalGrid(), { range: "A3:E9" })).toMatchObject({
      lastDataRow: 6,
      end: { row: 7 },
    });
    // one row: the header row and its columns; the data run to the Summe row
    expect(locateTable(municipalGrid(), { range: "A3:C3" })).toMatchObject({
      source: "modelRange",
      headerRow: 3,
      lastDataRow: 6,
      firstColumn: 1,
      lastColumn: 3,
    });
    // a range that is no range is ignored here (the model check reports it)
    expect(locateTable(municipalGrid(), { range: "B:H" }).source).toBe("looksLikeHeader");
  });

  test("an Excel table wins: its header row and data body, never its totals row", () => {
    const grid: SheetGrid = {
      ...municipalGrid(),
      rows: [
        ["Einrichtung", "Sozialraum", "Kinder"], // an old header on top: not the table
        [],
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II", "Anteil nicht Deutsch"],
        ["Kita A", "Nord", 40, 0.2, 0.31],
        ["Kita B", "Nord", 60, 0.1, 0.12],
        ["Ergebnis", null, 100, null, null], // the table's totals row, no "Summe" label
      ],
      tables: [
        { name: "KitaTabelle", headerRow: 3, firstDataRow: 4, lastDataRow: 5, firstColumn: 1, lastColumn: 5 },
      ],
    };
    const location = locateTable(grid, { columns: ["Einrichtung", "Sozialraum", "SGB II"] });
    expect(location).toMatchObject({
      source: "excelTable",
      tableName: "KitaTabelle",
      headerRow: 3,
      firstDataRow: 4,
      lastDataRow: 5,
      end: null,
    });
    expect(describeLocation(location)).toBe(
      "Kopfzeile: Zeile 3 (Excel-Tabelle „KitaTabelle“), Daten: Zeilen 4–5",
    );
  });

  test("of several Excel tables, the one whose headers match the model", () => {
    const grid: SheetGrid = {
      sheet: "Kitas",
      rows: [
        ["Jahr", "Betrag", null, "Einrichtung", "Sozialraum"],
        [2024, 5, null, "Kita A", "Nord"],
      ],
      tables: [
        { name: "Budget", headerRow: 1, firstDataRow: 2, lastDataRow: 2, firstColumn: 1, lastColumn: 2 },
        { name: "Kitas", headerRow: 1, firstDataRow: 2, lastDataRow: 2, firstColumn: 4, lastColumn: 5 },
      ],
    };
    const location = locateTable(grid, { columns: ["Einrichtung", "Sozialraum"] });
    expect(location).toMatchObject({ tableName: "Kitas", firstColumn: 4, lastColumn: 5 });
    expect(tableAt(grid, location)).toMatchObject({
      headers: ["Einrichtung", "Sozialraum"],
      rows: [["Kita A", "Nord"]],
      headerRow: 1,
      firstColumn: 4,
    });
  });

  test("a row of SUM formulas ends the data even without a label", () => {
    const grid: SheetGrid = {
      sheet: "Kitas",
      rows: [
        ["Einrichtung", "Sozialraum", "Kinder"],
        ["Kita A", "Nord", 40],
        [null, null, 40],
      ],
      sumFormulaRows: [3],
    };
    expect(locateTable(grid).end).toEqual({ row: 3, reason: "totalsRow", ignoredRows: 1 });
    expect(locateTable(grid).lastDataRow).toBe(2);
  });

  test("a blank row ends the data; what follows is counted and ignored, trailing blank rows are no news", () => {
    const grid: SheetGrid = {
      sheet: "Kitas",
      rows: [["Einrichtung", "Sozialraum", "Kinder"], ["Kita A", "Nord", 40], [], ["Kita Z", "Süd", 10], []],
    };
    const location = locateTable(grid);
    expect(location.lastDataRow).toBe(2);
    expect(location.end).toEqual({ row: 3, reason: "blankRow", ignoredRows: 1 });
    expect(describeLocation(location)).toBe(
      "Kopfzeile: Zeile 1, Daten: Zeile 2 (1 Zeile ab der Leerzeile 3 ignoriert)",
    );
    const trailing = locateTable({
      sheet: "Kitas",
      rows: [["Einrichtung", "Sozialraum"], ["Kita A", "Nord"], [], []],
    });
    expect(trailing.end).toBeNull();
  });

  test("hidden rows inside the data are included and listed", () => {
    const grid = { ...municipalGrid(), hiddenRows: [5, 9] };
    const location = locateTable(grid);
    expect(location.hiddenDataRows).toEqual([5]);
    expect(describeLocation(location)).toContain("1 ausgeblendete Zeile mitgerechnet");
  });

  test("the table starts where the used range starts (firstRow, firstColumn) and cuts to the header's columns", () => {
    const grid: SheetGrid = {
      sheet: "Kitas",
      firstRow: 5,
      firstColumn: 2,
      rows: [
        [null, "Einrichtung", "Sozialraum", "Kinder"],
        [null, "Kita A", "Nord", 40, "Randnotiz"],
      ],
      formats: [
        [null, null, null, null],
        [null, null, null, "0", "@"],
      ],
    };
    const location = locateTable(grid);
    expect(location).toMatchObject({ headerRow: 5, firstDataRow: 6, firstColumn: 3, lastColumn: 5 });
    expect(tableAt(grid, location)).toEqual({
      sheet: "Kitas",
      headers: ["Einrichtung", "Sozialraum", "Kinder"],
      rows: [["Kita A", "Nord", 40]],
      formats: [[null, null, "0"]],
      headerRow: 5,
      firstColumn: 3,
      location,
    });
  });

  test("an empty sheet", () => {
    const location = locateTable({ sheet: "Leer", rows: [[], [null, " "]] });
    expect(location.source).toBe("empty");
    expect(tableAt({ sheet: "Leer", rows: [] }, location).headers).toEqual([]);
    expect(describeLocation(location)).toBe("Blatt „Leer“: keine Tabelle gefunden (das Blatt ist leer).");
  });
});

test("totals labels: whole words only", () => {
  for (const t of ["Summe", " summe Stadt", "Gesamt", "Insgesamt:", "GESAMTSUMME", "Total"])
    expect(isTotalsLabel(t)).toBe(true);
  for (const t of ["Kita Summe", "Gesamtschule", "Summerhill", "Totalitär", ""])
    expect(isTotalsLabel(t)).toBe(false);
  // the check's summary-row words end the data too, "Ø" included
  for (const t of ["Mittelwert", "Durchschnitt Stadt", "Ø", "ø Kreis"]) expect(isTotalsLabel(t)).toBe(true);
  for (const t of ["Durchschnittsalter-Kita", "Øresund"]) expect(isTotalsLabel(t)).toBe(false);
});

test("column totals formulas: SUM, SUBTOTAL and German names over the cells above, never a row's own total", () => {
  expect(isColumnTotalFormula("SUM(C4:C30)", 31)).toBe(true);
  expect(isColumnTotalFormula("=SUMME($C$4:$C$30)", 31)).toBe(true);
  expect(isColumnTotalFormula("SUBTOTAL(109,KitaTabelle[Kinder])", 31)).toBe(true);
  expect(isColumnTotalFormula("_xlfn.AGGREGATE(9,4,C4:C30)", 31)).toBe(true);
  expect(isColumnTotalFormula("SUM(D5:F5)", 5)).toBe(false);
  expect(isColumnTotalFormula("SUM(C4:C30)", 12)).toBe(false);
  expect(isColumnTotalFormula("C4*2", 31)).toBe(false);
  expect(isColumnTotalFormula("SUM(C4:D30)", 31)).toBe(false);
});

test("locationHints: data.headerRow and every column the model names, from the model as given", () => {
  expect(
    locationHints({
      data: { sheet: "Kitas", headerRow: 3, id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
      indicators: [{ column: "SGB II" }, { column: 7 }, null],
    }),
  ).toEqual({
    headerRow: 3,
    columns: ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
    // the text columns, whose merged cells every row reads: never Kinder or an indicator
    textColumns: ["Einrichtung", "Sozialraum"],
  });
  expect(locationHints({ data: { headerRow: 0 } })).toEqual({ columns: [] });
  // data.range is a place, not a column name; an unreadable range gives no hint
  expect(locationHints({ data: { range: "A3:F15", headerRow: 3, id: "Einrichtung" } })).toEqual({
    range: "A3:F15",
    headerRow: 3,
    columns: ["Einrichtung"],
    textColumns: ["Einrichtung"],
  });
  expect(locationHints({ data: { range: "irgendwo" } })).toEqual({ columns: [] });
  expect(locationHints("kein Modell")).toEqual({});
});

test("locationIssues: a totals row is named by its label's cell, beside an empty Lfd. Nr.", () => {
  // „Lfd. Nr.“ in column A stays empty in the totals row; the label „Summe“ is in B8
  const grid: SheetGrid = {
    sheet: "Kitas",
    rows: [
      ["Lfd. Nr.", "Einrichtung", "Sozialraum", "Kinder", "SGB II"],
      [1, "Kita A", "Nord", 40, 0.2],
      [2, "Kita B", "Nord", 60, 0.1],
      [3, "Kita C", "Süd", 80, 0.3],
      [null, "Summe", null, 180, null],
    ],
    firstRow: 4,
  };
  const location = locateTable(grid, { columns: ["Einrichtung", "Sozialraum", "Kinder"] });
  expect(location.end).toMatchObject({ row: 8, reason: "totalsRow", label: "Summe", column: 2 });
  expect(locationIssues(location).map((i) => [i.code, i.cell])).toEqual([["rows-below-table", "B8"]]);
});

test("locationIssues: rows below the data and hidden rows are warnings naming the sheet rows", () => {
  const grid = municipalGrid();
  const issues = locationIssues(locateTable({ ...grid, hiddenRows: [4, 5, 9] }));
  expect(issues.map((i) => [i.level, i.code, i.cell])).toEqual([
    ["warning", "rows-below-table", "A7"],
    ["warning", "hidden-rows", "A4"],
  ]);
  expect(issues[0].message).toBe(
    "Blatt „Kitas“: Zeile 7 („Summe“) ist eine Summenzeile – die Daten enden darüber; sie und 1 weitere Zeile darunter werden nicht als Einrichtungen gelesen. Gehören Zeilen darunter zur Tabelle, bitte die Summenzeile ans Ende verschieben.",
  );
  expect(issues[1].message).toBe(
    "Blatt „Kitas“: die Zeilen 4–5 sind ausgeblendet und werden trotzdem mitgerechnet (ein Filter lässt keine Einrichtung weg). Soll eine Einrichtung nicht zählen, bitte ihre Zeile löschen.",
  );
  const blank = locateTable({
    sheet: "K",
    rows: [["Einrichtung", "Sozialraum"], ["Kita A", "Nord"], [], ["Kita Z", "Süd"]],
  });
  expect(locationIssues(blank)[0].message).toBe(
    "Blatt „K“: die Daten enden an der Leerzeile 3; 1 Zeile darunter wird nicht als Einrichtung gelesen. Gehören sie zur Tabelle, bitte die Leerzeile löschen.",
  );
  // a table that simply ends: nothing to say
  expect(
    locationIssues(
      locateTable({ sheet: "K", rows: [["Einrichtung", "Sozialraum"], ["Kita A", "Nord"], []] }),
    ),
  ).toEqual([]);
});

test("property: title rows above and notes below never change the located data", () => {
  const cell = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 0, max: 4 }),
      (values, titleRows) => {
        const header: CellValue[] = ["Einrichtung", "Sozialraum", "Kinder", "SGB II", "Quote"];
        const data: CellValue[][] = values.map((v, i) => [`Kita ${i}`, i % 2 ? "Nord" : "Süd", ...v]);
        const plain = locateTable({ sheet: "K", rows: [header, ...data] });
        const titled: CellValue[][] = [
          ...Array.from({ length: titleRows }, (_, i) => (i % 2 ? [] : [`Titel ${i}`])),
          header,
          ...data,
          ["Summe", null, 1, 2, 3],
          ["Stand: 2025"],
        ];
        const located = locateTable({ sheet: "K", rows: titled });
        expect(tableAt({ sheet: "K", rows: titled }, located).rows).toEqual(
          tableAt({ sheet: "K", rows: [header, ...data] }, plain).rows,
        );
        expect(located.headerRow).toBe(titleRows + 1);
      },
    ),
  );
});

describe("merged ranges", () => {
  const range = (firstRow: number, lastRow: number, firstColumn: number, lastColumn = firstColumn) => ({
    firstRow,
    lastRow,
    firstColumn,
    lastColumn,
  });
  /** Header in row 2 (a title above), Kitas in rows 3–7, a Summe row 8; covered cells blank. */
  function mergedGrid(): SheetGrid {
    return {
      sheet: "Kitas",
      rows: [
        ["Kita-Daten 2025"],
        ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
        ["Kita A", "Nord", 40, 0.2],
        ["Kita B", null, null, 0.1],
        ["Kita C", "eigener Wert", 80, 0.3],
        ["Kita D", "Süd", 50, 0.4],
        ["Kita E", null, 30, 0.5],
        ["Summe", null, 200, null],
      ],
      formats: [[], [], [null, "@"], [], [], [], [], []],
      mergedRanges: [
        range(1, 1, 1, 4), // the title over the columns
        range(1, 2, 4), // D1:D2, from the title into the header
        range(3, 5, 2), // Sozialraum B3:B5 (B5 has a value of its own)
        range(6, 8, 2), // B6:B8, into the Summe row
        range(3, 4, 3), // Kinder C3:C4
        range(7, 8, 1), // A7:A8, from the last Kita into the Summe row
      ],
    };
  }
  const hints = {
    columns: ["Einrichtung", "Sozialraum", "Kinder", "SGB II"],
    textColumns: ["Einrichtung", "Sozialraum"],
  };

  test("merged ranges: the text columns take the top-left value, numbers stay where they are", () => {
    const grid = mergedGrid();
    const location = locateTable(grid, hints);
    expect([location.headerRow, location.firstDataRow, location.lastDataRow]).toEqual([2, 3, 7]);
    const table = tableAt(grid, location);
    expect(table.rows).toEqual([
      ["Kita A", "Nord", 40, 0.2],
      ["Kita B", "Nord", null, 0.1],
      ["Kita C", "eigener Wert", 80, 0.3],
      ["Kita D", "Süd", 50, 0.4],
      ["Kita E", "Süd", 30, 0.5],
    ]);
    // the format goes with the value; the grid itself is untouched
    expect(table.formats?.[1][1]).toBe("@");
    expect(grid.rows[3][1]).toBeNull();
    expect(location.merged).toEqual([
      {
        header: "Sozialraum",
        filled: true,
        areas: [
          { range: "B3:B5", cell: "B3", row: 3, column: 2, lastRow: 5, value: "Nord" },
          { range: "B6:B8", cell: "B6", row: 6, column: 2, lastRow: 7, value: "Süd" },
        ],
      },
      {
        header: "Kinder",
        filled: false,
        areas: [{ range: "C3:C4", cell: "C3", row: 3, column: 3, lastRow: 4, value: 40 }],
      },
    ]);
    expect(locationIssues(location).map((i) => [i.level, i.code, i.cell])).toEqual([
      ["warning", "rows-below-table", "A8"],
      ["warning", "merged-cells", "B3"],
      ["warning", "merged-cells", "C3"],
    ]);
  });

  test("merged ranges that overlap (a hostile file; Excel writes none): each row once, the first range's value", () => {
    const n = 2_000;
    const grid: SheetGrid = {
      sheet: "Kitas",
      rows: [
        ["Einrichtung", "Sozialraum"],
        ...Array.from({ length: n }, (_, i) => [`Kita ${i + 1}`, i === 0 ? "Nord" : i === 10 ? "Süd" : null]),
      ],
      // B2:B2001, then B3:B2001, B4:B2001 … nested, and one starting at B12 with a value of its own
      mergedRanges: Array.from({ length: n - 1 }, (_, i) => range(2 + i, n + 1, 2)),
    };
    const location = locateTable(grid, {
      columns: ["Einrichtung", "Sozialraum"],
      textColumns: ["Sozialraum"],
    });
    const areas = tableAt(grid, location).rows.map((r) => r[1]);
    expect(areas.slice(0, 12)).toEqual([...Array(10).fill("Nord"), "Süd", "Nord"]);
    expect(areas.every((v) => v === "Nord" || v === "Süd")).toBe(true);
    expect(areas.filter((v) => v === "Süd")).toHaveLength(1);
  });

  test("merged ranges: without the model's columns, or in a column it does not read, nothing is filled", () => {
    const grid = mergedGrid();
    for (const given of [{}, { columns: ["Einrichtung", "Kinder"], textColumns: ["Einrichtung"] }]) {
      const location = locateTable(grid, given);
      expect(tableAt(grid, location).rows.map((r) => r[1])).toEqual([
        "Nord",
        null,
        "eigener Wert",
        "Süd",
        null,
      ]);
      expect(location.merged?.some((m) => m.header === "Sozialraum")).toBeFalsy();
    }
  });
});

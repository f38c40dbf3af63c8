import fc from "fast-check";
import { checkModel, headerKey } from "../../src/engine/check";
import { checkTable } from "../helpers/resolved";
import type { Issue } from "../../src/engine/issues";
import { SrbUsageError } from "../../src/engine/issues";
import { DEFAULT_OPTIONS } from "../../src/engine/model";
import type { CellValue, RawTable } from "../../src/engine/table";
import { goodRows, HEADERS, model, table, withCells } from "../helpers/kitaSheet";

/** The sheet of test/helpers/kitaSheet.ts; `withCell(r, c, v)`: one cell of goodRows() replaced. */
const withCell = (r: number, c: number, value: CellValue) => withCells([r, c, value]);

function only(issues: Issue[], code: string): Issue[] {
  return issues.filter((i) => i.code === code);
}

describe("checkTable: a clean sheet", () => {
  test("valid sheet gives a dataset, no issues, sheet rows and column letters", () => {
    const { dataset, issues } = checkTable(model(), table());
    expect(issues).toEqual([]);
    expect(dataset).not.toBeNull();
    expect(dataset!.units.map((u) => [u.id, u.area, u.children, u.row])).toEqual([
      ["Kita A", "Nord", 50, 2],
      ["Kita B", "Nord", 80, 3],
      ["Kita C", "Süd", 120, 4],
      ["Kita D", "Süd", 40, 5],
    ]);
    expect(dataset!.units[2].values).toEqual([30, 2, 60, 4]);
    expect(dataset!.indicatorColumns).toEqual(["D", "E", "F", "G"]);
    // 4 data rows below header row 1 → rows 1..5, 7 columns → A..G
    expect(dataset!.inputRange).toBe("Kitas!A1:G5");
    expect(dataset!.headerRow).toBe(1);
  });

  test("headers are matched ignoring case and extra spaces", () => {
    const headers = [
      "  einrichtung ",
      "SOZIALRAUM",
      "Kinder",
      "SGB  II",
      "Alleinerziehend",
      "nicht deutsch",
      "ÖPNV",
    ];
    const { dataset, issues } = checkTable(model(), table(goodRows(), headers));
    expect(issues).toEqual([]);
    expect(dataset!.units).toHaveLength(4);
    expect(headerKey("  Anzahl   Kinder ")).toBe("anzahl kinder");
  });

  test("sheet names that need quotes are quoted in the input range", () => {
    const { dataset } = checkTable(model(), { ...table(), sheet: "Kitas 2024" });
    expect(dataset!.inputRange).toBe("'Kitas 2024'!A1:G5");
  });

  test("the input is not mutated (frozen input)", () => {
    const rows = goodRows().map((r) => Object.freeze(r) as CellValue[]);
    const t = Object.freeze(
      table(Object.freeze(rows) as CellValue[][], Object.freeze([...HEADERS]) as CellValue[]),
    );
    expect(() => checkTable(Object.freeze(model()), t)).not.toThrow();
  });

  test("misuse throws SrbUsageError, bad data never throws", () => {
    expect(() => checkTable(model(), { sheet: "x" } as unknown as RawTable)).toThrow(SrbUsageError);
  });
});

describe("checkTable: sheet and header problems", () => {
  test("empty-sheet: no headers and no rows", () => {
    const { dataset, issues } = checkTable(model(), table([], []));
    expect(dataset).toBeNull();
    expect(issues).toEqual([
      {
        level: "error",
        code: "empty-sheet",
        sheet: "Kitas",
        cell: "A1",
        message:
          "Das Blatt „Kitas“ ist leer – erwartet wird eine Kopfzeile mit Spaltennamen und darunter eine Zeile je Einrichtung.",
      },
    ]);
  });

  test("no-data-rows: header but only blank rows below", () => {
    const { dataset, issues } = checkTable(model(), table([[null, "  ", null], []]));
    expect(dataset).toBeNull();
    expect(issues.map((i) => i.code)).toEqual(["no-data-rows"]);
    expect(issues[0].message).toContain("keine Datenzeilen");
  });

  test("header-missing: header row blank, data below", () => {
    const { dataset, issues } = checkTable(model(), table(goodRows(), [null, "", null]));
    expect(dataset).toBeNull();
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["header-missing", "A1"]]);
  });

  test("column-missing: error at the header row naming the existing headers", () => {
    const headers = [
      "Einrichtung",
      "Sozialraum",
      "Kinder",
      "SGB II",
      "Alleinerziehend",
      "nicht Deutsch",
      "OEPNV",
    ];
    const { dataset, issues } = checkTable(model(), table(goodRows(), headers));
    expect(dataset).toBeNull();
    const missing = only(issues, "column-missing");
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ level: "error", sheet: "Kitas", cell: "A1" });
    // „OEPNV“ is „ÖPNV“ with the umlaut written out: asked, never applied
    expect(missing[0].message).toBe(
      "Die Spalte „ÖPNV“ (Indikator, Infrastruktur und Netzwerke) fehlt in der Kopfzeile (Zeile 1) des Blatts „Kitas“ – " +
        "ist „OEPNV“ gemeint? Dann bitte die Spalte im Modell so nennen (im Aufgabenbereich in den Schritten „Daten“ und „Modell“, sonst in der Modelldatei) oder die Überschrift ändern. " +
        "Vorhandene Überschriften: „Einrichtung“, „Sozialraum“, „Kinder“, „SGB II“, „Alleinerziehend“, „nicht Deutsch“, „OEPNV“.",
    );
  });

  test("column-missing: a close header is asked about; a far one, one already used or a tie is not", () => {
    const headers = [
      "Einrichtung",
      "Sozialraum",
      "Kinder",
      "SGB-II-Quote",
      "Alleinerziehend",
      "nicht Deutsch",
      "Bemerkung",
    ];
    const m = model();
    const renamed = model({
      indicators: m.indicators.map((ind, i) => (i === 0 ? { ...ind, column: "SGB II Quote" } : ind)),
    });
    const messages = only(checkTable(renamed, table(goodRows(), headers)).issues, "column-missing").map(
      (i) => i.message,
    );
    // „SGB II Quote“ for „SGB-II-Quote“ (hyphens set aside); „ÖPNV“ is far from every unused header
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("„SGB II Quote“ (Indikator, Soziale Lage) fehlt");
    expect(messages[0]).toContain("ist „SGB-II-Quote“ gemeint?");
    expect(messages[1]).toContain("„ÖPNV“");
    expect(messages[1]).not.toContain("gemeint");
    // a header another model column already uses is never suggested: „Kinder“ is Kinder's own
    const kinderTwice = model({ data: { ...m.data, strand2: "Kindern" } });
    const strand2 = only(checkTable(kinderTwice, table()).issues, "column-missing")[0].message;
    expect(strand2).toContain("„Kindern“");
    expect(strand2).not.toContain("gemeint");
  });

  test("column-missing: flag columns named in the model must exist too", () => {
    const m = model({ data: { ...model().data, strand2: "KNZ" } });
    const { issues } = checkTable(m, table());
    expect(only(issues, "column-missing")[0].message).toContain(
      "„KNZ“ (Förderstrang 2, Nachbarschaftszentrum)",
    );
  });

  test("header-duplicate: error when the model uses the header, naming both cells", () => {
    const headers = [...HEADERS, "SGB II"];
    const rows = goodRows().map((r) => [...r, 1]);
    const { dataset, issues } = checkTable(model(), table(rows, headers));
    expect(dataset).toBeNull();
    expect(only(issues, "header-duplicate")).toEqual([
      expect.objectContaining({ level: "error", cell: "H1", message: expect.stringContaining("(auch D1)") }),
    ]);
  });

  test("header-duplicate: only a warning when the model does not use the column", () => {
    const headers = [...HEADERS, "Bemerkung", "Bemerkung"];
    const { dataset, issues } = checkTable(model(), table(goodRows(), headers));
    expect(dataset).not.toBeNull();
    expect(only(issues, "header-duplicate").map((i) => [i.level, i.cell])).toEqual([["warning", "I1"]]);
  });

  test("header-blank: a column with data but no header is reported and ignored", () => {
    const rows = withCell(1, 7, "Notiz");
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).not.toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        level: "warning",
        code: "header-blank",
        cell: "H1",
        message: expect.stringContaining("H3: „Notiz“"),
      }),
    ]);
  });

  test("blank rows are skipped silently, also between data and at the end", () => {
    const rows = goodRows();
    rows.splice(2, 0, [null, "", "   "]);
    rows.push([], [null, null, null, null, null, null, null]);
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(issues).toEqual([]);
    // the blank row is sheet row 4, so Kita C sits in row 5
    expect(dataset!.units.map((u) => u.row)).toEqual([2, 3, 5, 6]);
    expect(dataset!.inputRange).toBe("Kitas!A1:G6");
  });

  test("row-ignored: a row blank in every model column but with a note elsewhere", () => {
    const rows = goodRows();
    rows.push([null, null, null, null, null, null, null, "Stand: 2024"]);
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).not.toBeNull();
    const ignored = only(issues, "row-ignored");
    expect(ignored).toEqual([expect.objectContaining({ level: "warning", cell: "H6" })]);
    expect(ignored[0].message).toBe(
      "Zeile 6 enthält nur außerhalb der Modellspalten Angaben (H6: „Stand: 2024“) und wird nicht ausgewertet.",
    );
  });

  test("total-row: a Summe row below the data is an error", () => {
    const rows = goodRows();
    rows.push(["Summe", null, 290, 75, 21, 155, 10]);
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["total-row", "A6"]]);
  });

  test("offsets: headerRow and firstColumn move every address", () => {
    // header in row 3, table starts in column B: the "k.A." in the 2nd data row, 4th table column → E5
    const { issues } = checkTable(
      model(),
      table(withCell(1, 3, "k.A."), HEADERS, { headerRow: 3, firstColumn: 2 }),
    );
    expect(issues.map((i) => i.cell)).toEqual(["E5"]);
  });
});

describe("checkTable: bad cells are never coerced", () => {
  test("text-in-number: „k.A.“ names cell, value and expectation", () => {
    // row index 1 → sheet row 3, column index 4 → E (Soziale Lage keeps SGB II, so no category error)
    const { dataset, issues } = checkTable(model(), table(withCell(1, 4, "k.A.")));
    expect(dataset).toBeNull();
    expect(issues).toEqual([
      {
        level: "error",
        code: "text-in-number",
        sheet: "Kitas",
        cell: "E3",
        message:
          "Zelle E3 (Spalte „Alleinerziehend“): „k.A.“ ist keine Zahl – erwartet wird eine Zahl (leer lassen, wenn keine Angabe vorliegt).",
      },
    ]);
  });

  test("a header written over two lines is named in one, as SRB reads it", () => {
    // a Landkreis' header „Allein-⏎erziehend“ (Alt+Enter) was quoted as „Allein- erziehend“
    const headers = [...HEADERS];
    headers[4] = "Allein-\nerziehend";
    const { issues } = checkTable(model(), table(withCell(1, 4, "k.A."), headers));
    expect(issues.map((i) => i.message)).toEqual([
      "Zelle E3 (Spalte „Alleinerziehend“): „k.A.“ ist keine Zahl – erwartet wird eine Zahl (leer lassen, wenn keine Angabe vorliegt).",
    ]);
    const blank = checkTable(model(), table(withCell(1, 4, null), headers)).issues;
    expect(blank.map((i) => i.message)).toEqual([
      "Zelle E3 (Spalte „Alleinerziehend“): der Wert für „Kita B“ fehlt – wird übersprungen, Gewichte werden neu verteilt.",
    ]);
  });

  test.each(["12,5", "12.5", "1.234,56", "7 %", "-3", "12"])("number-as-text: %p stored as text", (text) => {
    const { dataset, issues } = checkTable(model(), table(withCell(0, 3, text)));
    expect(dataset).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "number-as-text", cell: "D2" });
    expect(issues[0].message).toContain("Zahl als Text gespeichert – bitte als Zahl eingeben");
  });

  test("number-as-text: exact message for „12,5“", () => {
    const { issues } = checkTable(model(), table(withCell(0, 3, "12,5")));
    expect(issues[0].message).toBe(
      "Zelle D2 (Spalte „SGB II“): „12,5“ ist eine Zahl als Text gespeichert – bitte als Zahl eingeben (erwartet wird eine Zahlenzelle, keine Textzelle).",
    );
  });

  test.each([
    [{ error: "#N/A" }, "#N/A"],
    [{ error: "#DIV/0!" }, "#DIV/0!"],
    ["#WERT!", "#WERT!"],
    ["#NV", "#NV"],
  ])("excel-error: %p", (value, shown) => {
    const { dataset, issues } = checkTable(model(), table(withCell(2, 4, value as CellValue)));
    expect(dataset).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        level: "error",
        code: "excel-error",
        cell: "E4",
        message: expect.stringContaining(`Fehlerwert ${shown}`),
      }),
    ]);
  });

  // `errorText` and `isBlank` look at the first character before trimming: white space there (ASCII, the
  // no-break space, Unicode spaces, the byte-order mark, line and paragraph separators) must still be trimmed
  test.each([
    ["  #NV", "#NV"],
    ["\u00a0#nv\u00a0", "#nv"],
    ["\t#DIV/0! \r\n", "#DIV/0!"],
    ["\u3000#WERT!", "#WERT!"],
    ["\ufeff#BEZUG!", "#BEZUG!"],
    ["\u2028#N/A", "#N/A"],
  ])("excel-error after white space: %j", (value, shown) => {
    const { issues } = checkTable(model(), table(withCell(2, 4, value)));
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["excel-error", "E4"]]);
    expect(issues[0].message).toContain(`Fehlerwert ${shown}`);
  });

  test.each(["x#NV", "NV#", "#NV x", "# NV", "N#A"])(
    "no error text, but text in a number cell: %j",
    (value) => {
      const { issues } = checkTable(model(), table(withCell(2, 4, value)));
      expect(issues.map((i) => [i.code, i.cell])).toEqual([["text-in-number", "E4"]]);
    },
  );

  test.each(["", " ", "\u00a0", "\t\r\n", "\u2003\u3000", "\ufeff", "\u2028\u2029", "\u00a0 \u202f"])(
    "white space only is a blank cell: %j",
    (value) => {
      const { dataset, issues } = checkTable(model(), table(withCell(2, 4, value)));
      expect(issues.map((i) => [i.code, i.cell])).toEqual([["value-missing", "E4"]]);
      expect(dataset!.units[2].values[1]).toBeNull();
    },
  );

  test.each(["\u200b", "\u0085", "\u001f", "!"])(
    "not white space to trim: %j is text in a number cell",
    (value) => {
      const { issues } = checkTable(model(), table(withCell(2, 4, value)));
      expect(issues.map((i) => [i.code, i.cell])).toEqual([["text-in-number", "E4"]]);
    },
  );

  test("boolean-in-number: WAHR in an indicator cell", () => {
    const { issues } = checkTable(model(), table(withCell(0, 3, true)));
    expect(issues).toEqual([
      expect.objectContaining({
        code: "boolean-in-number",
        cell: "D2",
        message: "Zelle D2 (Spalte „SGB II“): WAHR ist ein Wahrheitswert – erwartet wird eine Zahl.",
      }),
    ]);
  });

  test.each([NaN, Infinity, -Infinity])("not-finite: %p", (value) => {
    const { issues } = checkTable(model(), table(withCell(3, 3, value)));
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["not-finite", "D5"]]);
  });

  test("negative-value: indicators are counts, shares or scale values unless allowNegative", () => {
    const bad = checkTable(model(), table(withCell(0, 4, -2)));
    expect(bad.issues).toEqual([
      expect.objectContaining({
        code: "negative-value",
        cell: "E2",
        message: expect.stringContaining("-2 ist negativ"),
      }),
    ]);
    const m = model();
    m.indicators[1] = { ...m.indicators[1], allowNegative: true };
    const ok = checkTable(m, table(withCell(0, 4, -2)));
    expect(ok.issues).toEqual([]);
    expect(ok.dataset!.units[0].values[1]).toBe(-2);
  });

  test("negative-children and children-not-integer", () => {
    const rows = goodRows();
    rows[0][2] = -5;
    rows[1][2] = 80.5;
    rows[2][2] = 120.0000000001; // rounding noise from a formula is accepted and rounded
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["negative-children", "C2"],
      ["children-not-integer", "C3"],
    ]);
    expect(issues[1].message).toBe(
      "Zelle C3 (Spalte „Kinder“): 80,5 Kinder ist keine ganze Zahl – erwartet wird eine Anzahl (ganze Zahl ≥ 0).",
    );
  });

  test("children-missing: warning normally, error when the model needs Kinder", () => {
    const rows = withCell(3, 2, null);
    const warn = checkTable(model(), table(rows));
    expect(warn.dataset!.units[3].children).toBeNull();
    expect(warn.issues.map((i) => [i.level, i.code, i.cell])).toEqual([
      ["warning", "children-missing", "C5"],
    ]);
    const m = model({ options: { ...DEFAULT_OPTIONS, childWeighted: true } });
    const err = checkTable(m, table(rows));
    expect(err.dataset).toBeNull();
    expect(err.issues.map((i) => i.level)).toEqual(["error"]);
  });

  test("strings are never coerced: a numeric text never becomes a unit value", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e6 }), (x) => {
        const { dataset, issues } = checkTable(model(), table(withCell(0, 3, String(x))));
        return dataset === null && issues.length === 1 && issues[0].code === "number-as-text";
      }),
    );
  });
});

describe("checkTable: units", () => {
  test("id-blank: a row with data but no name", () => {
    const { issues } = checkTable(model(), table(withCell(2, 0, null)));
    expect(issues).toEqual([
      expect.objectContaining({
        code: "id-blank",
        cell: "A4",
        message:
          "Zelle A4: Zeile 4 hat Daten, aber keinen Namen der Einrichtung – erwartet wird ein eindeutiger Name.",
      }),
    ]);
  });

  test("id-duplicate: names both rows (case and spaces ignored)", () => {
    const { dataset, issues } = checkTable(model(), table(withCell(3, 0, " kita a ")));
    expect(dataset).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        code: "id-duplicate",
        cell: "A5",
        message:
          "Zelle A5: die Einrichtung „kita a“ steht doppelt (Zeile 2 und Zeile 5) – erwartet wird jede Einrichtung genau einmal.",
      }),
    ]);
  });

  test("numeric ids and Sozialräume are accepted as names", () => {
    const rows = goodRows();
    rows[0][0] = 17;
    rows[0][1] = 3;
    const { dataset } = checkTable(model(), table(rows));
    expect(dataset!.units[0]).toMatchObject({ id: "17", area: "3" });
  });

  test("text-expected: a boolean where a name is expected", () => {
    const { issues } = checkTable(model(), table(withCell(1, 1, false)));
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["text-expected", "B3"]]);
  });

  test("area-missing: names the unit", () => {
    const { issues } = checkTable(model(), table(withCell(1, 1, "  ")));
    expect(issues).toEqual([
      expect.objectContaining({
        code: "area-missing",
        cell: "B3",
        message:
          "Zelle B3: für die Einrichtung „Kita B“ fehlt der Sozialraum – erwartet wird der Name des Sozialraums.",
      }),
    ]);
  });

  test("area-spelling: the same Sozialraum written two ways is a warning", () => {
    const { dataset, issues } = checkTable(model(), table(withCell(1, 1, "nord ")));
    expect(dataset).not.toBeNull();
    expect(issues.map((i) => [i.level, i.code, i.cell])).toEqual([["warning", "area-spelling", "B3"]]);
    // as the message promises: counted as one Sozialraum, named as first written
    const first = dataset!.units[0].area;
    expect(dataset!.units[1].area).toBe(first);
    expect(new Set(dataset!.units.map((u) => u.area)).size).toBe(new Set(goodRows().map((r) => r[1])).size);
  });
});

describe("checkTable: flags and Bremen columns", () => {
  const flagModel = () =>
    model({
      data: {
        ...model().data,
        strand2: "KNZ",
        strand4: "Zusatzpersonal",
        firstYear: "Neu",
        kitaIndex: "Kita-Index",
      },
    });
  const flagHeaders = [...HEADERS, "KNZ", "Zusatzpersonal", "Neu", "Kita-Index"];

  test("flags accept WAHR/FALSCH, 1/0, x, ja/nein, blank = nein", () => {
    const flags: CellValue[][] = [
      [true, 1, "x", 10],
      [false, 0, "nein", 55.5],
      [null, "ja", "  X ", 100],
      ["", "Nein", 0, 0],
    ];
    const rows = goodRows().map((r, i) => [...r, ...flags[i]]);
    const { dataset, issues } = checkTable(flagModel(), table(rows, flagHeaders));
    expect(issues).toEqual([]);
    expect(dataset!.units.map((u) => [u.strand2, u.strand4, u.firstYear, u.kitaIndex])).toEqual([
      [true, true, true, 10],
      [false, false, false, 55.5],
      [false, true, true, 100],
      [false, false, false, 0],
    ]);
  });

  test("Stellenplan columns: requested strand-4 VZÄ (number ≥ 0, blank = one step) and Träger (text)", () => {
    const m = model({ data: { ...model().data, strand4Vzae: "VZÄ Zusatzpersonal", traeger: "Träger" } });
    const headers = [...HEADERS, "VZÄ Zusatzpersonal", "Träger"];
    const extra: CellValue[][] = [
      [0.5, "Caritas"],
      [null, " Stadt "],
      [1, null],
      [-0.25, "AWO"],
    ];
    const rows = goodRows().map((r, i) => [...r, ...extra[i]]);
    const bad = checkTable(m, table(rows, headers));
    expect(bad.issues.map((i) => [i.code, i.cell])).toEqual([["negative-value", "H5"]]);
    rows[3][7] = 0.25;
    const { dataset, issues } = checkTable(m, table(rows, headers));
    expect(issues).toEqual([]);
    expect(dataset!.units.map((u) => [u.strand4Vzae, u.traeger])).toEqual([
      [0.5, "Caritas"],
      [null, "Stadt"],
      [1, null],
      [0.25, "AWO"],
    ]);
    expect(dataset!.roleColumns).toMatchObject({ strand4Vzae: "H", traeger: "I" });
  });

  test("flag-invalid: anything else in a flag column", () => {
    const rows = goodRows().map((r) => [...r, null, null, null, null]);
    rows[1][7] = "vielleicht";
    rows[2][8] = 2;
    const { dataset, issues } = checkTable(flagModel(), table(rows, flagHeaders));
    expect(dataset).toBeNull();
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["flag-invalid", "H3"],
      ["flag-invalid", "I4"],
    ]);
    expect(issues[0].message).toContain("„vielleicht“ ist keine Ja/Nein-Angabe");
  });

  test("kita-index-range: the external Kita-Index must lie in 0–100", () => {
    const rows = goodRows().map((r) => [...r, null, null, null, 50]);
    rows[0][10] = 101;
    const { issues } = checkTable(flagModel(), table(rows, flagHeaders));
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["kita-index-range", "K2"]]);
  });
});

describe("checkTable: indicators, categories and coverage", () => {
  test("indicator-constant: warning at the header cell, dataset still produced", () => {
    const rows = goodRows().map((r) => [...r.slice(0, 4), 7, ...r.slice(5)]);
    // Alleinerziehend (E) is 7 everywhere; Soziale Lage still has SGB II, so no category error
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).not.toBeNull();
    expect(issues).toEqual([
      {
        level: "warning",
        code: "indicator-constant",
        sheet: "Kitas",
        cell: "E1",
        message:
          "Zelle E1: der Indikator „Alleinerziehend“ hat bei allen Einrichtungen denselben Wert (7) – er trägt keine Information und wird nicht berücksichtigt.",
      },
    ]);
  });

  test("indicator-empty: a column without any value is a warning", () => {
    const rows = goodRows().map((r) => [...r.slice(0, 4), null, ...r.slice(5)]);
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).not.toBeNull();
    // no per-cell warnings for an indicator that is not used at all
    expect(issues.map((i) => [i.code, i.cell])).toEqual([["indicator-empty", "E1"]]);
  });

  test("indicator-empty is for a blank column only: a column of numbers stored as text has its errors, no „keinen Wert“", () => {
    // as a CSV export reopened in Excel leaves a column: every value there, but as text
    const rows = goodRows().map((r) => [...r.slice(0, 4), String(r[4]).replace(".", ","), ...r.slice(5)]);
    rows[1][4] = null; // and one cell blank
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    expect(issues.filter((i) => i.code === "indicator-empty")).toEqual([]);
    expect(issues.filter((i) => i.code === "number-as-text").map((i) => i.cell)).toEqual(["E2", "E4", "E5"]);
  });

  test("value-missing: one warning per blank cell, dataset keeps null", () => {
    const rows = goodRows();
    rows[0][3] = null;
    rows[2][4] = ""; // an empty text counts as blank
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(issues.map((i) => [i.level, i.code, i.cell])).toEqual([
      ["warning", "value-missing", "D2"],
      ["warning", "value-missing", "E4"],
    ]);
    expect(issues[0].message).toBe(
      "Zelle D2 (Spalte „SGB II“): der Wert für „Kita A“ fehlt – wird übersprungen, Gewichte werden neu verteilt.",
    );
    expect(dataset!.units[0].values).toEqual([null, 5, 30, 2]);
  });

  test("category-empty: a unit without any value in a category is an error naming unit and category", () => {
    const rows = withCell(2, 5, null); // Kita C: Flucht und Migration has only „nicht Deutsch“ (F)
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    const err = only(issues, "category-empty");
    expect(err).toEqual([expect.objectContaining({ level: "error", cell: "F4" })]);
    expect(err[0].message).toBe(
      "Zelle F4: der Wert für „Kita C“ fehlt, und „nicht Deutsch“ ist der einzige Indikator der Kategorie „Flucht und Migration“ – " +
        "ohne ihn hat „Kita C“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte den Wert eintragen oder den Indikator im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: seine Kategorie ändern).",
    );
    // one blank cell, one message: no "wird übersprungen" warning contradicting the error for F4
    expect(issues.filter((i) => i.cell === "F4")).toEqual(err);
  });

  test("category-empty with several indicators: every one blank in the category, one error naming them all", () => {
    const rows = withCell(1, 3, null);
    rows[1][4] = null; // Kita B: SGB II and Alleinerziehend (Soziale Lage) both blank
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    expect(issues.map((i) => [i.level, i.code, i.cell])).toEqual([["error", "category-empty", "D3"]]);
    expect(issues[0].message).toBe(
      "Zelle D3: „Kita B“ hat in der Kategorie „Soziale Lage“ keinen einzigen Wert (Spalten „SGB II“, „Alleinerziehend“) – " +
        "ohne einen Wert dort hat „Kita B“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte mindestens einen dieser Werte eintragen oder die Indikatoren im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: ihre Kategorie ändern).",
    );
  });

  test("„k.A.“ in the only indicator of a category: two messages for F4, the second says that blank would not do either", () => {
    const rows = withCell(2, 5, "k.A."); // Kita C: „nicht Deutsch“ is Flucht und Migration's only indicator
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    const atF4 = issues.filter((i) => i.cell === "F4");
    expect(atF4.map((i) => [i.level, i.code])).toEqual([
      ["error", "text-in-number"],
      ["error", "category-empty"],
    ]);
    // not "der Wert fehlt" again: the cell is not blank, and the first message's way out (leave it blank)
    // would leave the category without a value
    expect(atF4[1].message).toBe(
      "Zelle F4: für „Kita C“ steht dort keine verwertbare Zahl (die Meldung zu dieser Zelle sagt, warum), und „nicht Deutsch“ ist der einzige Indikator der Kategorie „Flucht und Migration“ – " +
        "auch leer gelassen hätte „Kita C“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte eine Zahl eintragen oder den Indikator im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: seine Kategorie ändern).",
    );
  });

  test("„k.A.“ and a blank in one category: the category error names the unreadable cell, the rest is blank", () => {
    const rows = withCell(1, 3, "k.A.");
    rows[1][4] = null; // Kita B: SGB II „k.A.“, Alleinerziehend blank (Soziale Lage)
    const { issues } = checkTable(model(), table(rows));
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["text-in-number", "D3"],
      ["category-empty", "D3"],
    ]);
    expect(issues[1].message).toBe(
      "Zelle D3: „Kita B“ hat in der Kategorie „Soziale Lage“ keine verwertbare Zahl (Spalten „SGB II“, „Alleinerziehend“; in Zelle D3 steht keine verwertbare Zahl, siehe die Meldung dazu; die übrigen sind leer) – " +
        "auch leer gelassen hätte „Kita B“ keinen Gesamtindex, deshalb wird nicht verteilt. Bitte mindestens eine Zahl eintragen oder die Indikatoren im Schritt „Modell“ einer anderen Kategorie zuordnen (in einer Modelldatei: ihre Kategorie ändern).",
    );
  });

  test("category-empty: one value in the category is enough", () => {
    const rows = withCell(2, 3, null); // SGB II blank, Alleinerziehend present
    const { dataset } = checkTable(model(), table(rows));
    expect(dataset).not.toBeNull();
  });

  test("category-no-information: every indicator of a category constant", () => {
    // constant indicators carry no information: the category is left out (warning), nothing blocks
    const rows = goodRows().map((r) => [...r.slice(0, 5), 40, r[6]]);
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).not.toBeNull();
    expect(issues.map((i) => [i.level, i.code, i.cell])).toEqual([
      ["warning", "indicator-constant", "F1"],
      ["warning", "category-no-information", ""],
    ]);
  });

  test("category-no-information: every indicator of a category blank blocks (no unit has a value there)", () => {
    const rows = goodRows().map((r) => [...r.slice(0, 5), null, r[6]]);
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    expect(issues.filter((i) => i.code === "category-no-information").map((i) => i.level)).toEqual(["error"]);
  });

  test("coverage-unit and coverage-indicator: warning or error as the model says", () => {
    // threshold 80 %. SGB II (D) blank for Kita A and Kita B: each has 3 of 4 indicators = 75 % < 80 %;
    // SGB II has a value for 2 of 4 units = 50 % < 80 %; every other indicator 4 of 4 = 100 %.
    const rows = goodRows();
    rows[0][3] = null;
    rows[1][3] = null;
    const options = {
      ...DEFAULT_OPTIONS,
      coverage: { unit: 0.8, indicator: 0.8, level: "warning" as const },
    };
    const warn = checkTable(model({ options }), table(rows));
    expect(warn.dataset).not.toBeNull();
    expect(only(warn.issues, "coverage-unit").map((i) => [i.level, i.cell])).toEqual([
      ["warning", "A2"],
      ["warning", "A3"],
    ]);
    expect(only(warn.issues, "coverage-unit")[0].message).toBe(
      "Zelle A2: für „Kita A“ liegen nur 3 von 4 Indikatoren vor (75 %) – erwartet werden mindestens 80 %.",
    );
    expect(only(warn.issues, "coverage-indicator")[0].message).toBe(
      "Zelle D1: der Indikator „SGB II“ hat nur bei 2 von 4 Einrichtungen einen Wert (50 %) – erwartet werden mindestens 80 %.",
    );
    expect(only(warn.issues, "coverage-indicator").map((i) => [i.level, i.cell])).toEqual([
      ["warning", "D1"],
    ]);
    const err = checkTable(
      model({ options: { ...options, coverage: { ...options.coverage, level: "error" } } }),
      table(rows),
    );
    expect(err.dataset).toBeNull();
    expect(only(err.issues, "coverage-unit")[0].level).toBe("error");
  });
});

describe("checkModel: budget and Dynamisierung", () => {
  const dynamisierung = { baseAmount: 977794, baseYear: 2021, rate: 0.025 };
  test("a total that the Dynamisierung gives (977.794 € · 1,025 = 1.002.238,85 €) is not reported", () => {
    const issues = checkModel(model({ budget: { total: 1002238.85, year: 2022, dynamisierung } }));
    expect(issues.filter((i) => i.code === "model-budget-not-dynamisiert")).toEqual([]);
  });
  test("a total that differs is a warning, not an error: budget.total is what is distributed", () => {
    const issues = checkModel(model({ budget: { total: 1002240, year: 2022, dynamisierung } }));
    expect(issues.map((i) => [i.level, i.code])).toEqual([["warning", "model-budget-not-dynamisiert"]]);
  });
});

describe('checkModel: model problems have sheet "" and cell ""', () => {
  test("model-no-indicators", () => {
    const issues = checkModel(model({ indicators: [], categories: [] }));
    expect(issues).toEqual([
      {
        level: "error",
        code: "model-no-indicators",
        sheet: "",
        cell: "",
        message:
          "Das Modell enthält keine Indikatoren – erwartet wird mindestens ein Indikator (Spalte, Kategorie, Richtung).",
      },
    ]);
  });

  test("model-category-unknown names the path, the column and the known categories", () => {
    const m = model();
    m.indicators[3] = { ...m.indicators[3], category: "Infrastruktur" };
    const issues = checkModel(m);
    expect(issues.map((i) => i.code)).toEqual(["model-category-unknown", "model-category-empty"]);
    expect(issues[0].message).toBe(
      "Modell, Indikator „ÖPNV“, Kategorie: die Kategorie „Infrastruktur“ ist nicht definiert – " +
        "erwartet wird eine der Kategorien „Soziale Lage“, „Flucht und Migration“, „Infrastruktur und Netzwerke“.",
    );
  });

  test.each([0, -1, NaN, Infinity])("model-weight-invalid: indicator weight %p", (w) => {
    const m = model();
    m.indicators[0] = { ...m.indicators[0], weight: w };
    const issues = checkModel(m);
    expect(issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([["model-weight-invalid", "", ""]]);
    expect(issues[0].message).toContain("Modell, Indikator „SGB II“, Gewicht:");
  });

  test("model-weight-invalid: category weight", () => {
    const m = model();
    m.categories[1] = { ...m.categories[1], weight: 0 };
    expect(checkModel(m)[0].message).toBe(
      "Modell, Kategorie „Flucht und Migration“, Gewicht: Gewicht 0 ist ungültig – erwartet wird eine Zahl größer als 0.",
    );
  });

  test("model-direction-invalid", () => {
    const m = model();
    (m.indicators[2] as { direction: number }).direction = 2;
    expect(checkModel(m).map((i) => [i.code, i.message.slice(0, 40)])).toEqual([
      ["model-direction-invalid", "Modell, Indikator „nicht Deutsch“, Richt"],
    ]);
  });

  test("model-category-duplicate, model-indicator-duplicate, model-column-twice", () => {
    const m = model();
    m.categories.push({ name: "Soziale Lage", weight: 1 });
    m.indicators.push({ column: "sgb ii", category: "Soziale Lage", direction: 1, weight: 1 });
    m.indicators.push({ column: "Kinder", category: "Soziale Lage", direction: 1, weight: 1 });
    expect(checkModel(m).map((i) => i.code)).toEqual([
      "model-category-duplicate",
      "model-indicator-duplicate",
      "model-column-twice",
    ]);
  });

  test("model-mapping-missing and model-option-invalid", () => {
    const m = model({
      data: { sheet: "Kitas", id: "", area: "Sozialraum" },
      options: { ...DEFAULT_OPTIONS, coverage: { unit: 65, indicator: 0.5, level: "warning" } },
    });
    const issues = checkModel(m);
    expect(issues.map((i) => i.code)).toEqual(["model-mapping-missing", "model-option-invalid"]);
    expect(issues[1].message).toBe(
      "Modell, Option „Datenabdeckung je Einrichtung“: 65 ist ungültig – erwartet wird ein Anteil zwischen 0 und 1 (z. B. 0.65).",
    );
  });

  test("checkTable includes the model problems and blocks the dataset", () => {
    const m = model();
    m.indicators[0] = { ...m.indicators[0], weight: 0 };
    const { dataset, issues } = checkTable(m, table());
    expect(dataset).toBeNull();
    expect(issues[0]).toMatchObject({ code: "model-weight-invalid", sheet: "", cell: "" });
  });
});

describe("checkTable: one pass collects every problem", () => {
  test("several problems in several rows are all reported, in sheet order", () => {
    const rows = goodRows();
    rows[0][5] = "k.A."; // F2
    rows[1][3] = "12,5"; // D3
    rows[2][1] = null; // B4 area missing
    rows[3][0] = "Kita A"; // A5 duplicate of row 2
    rows[3][6] = { error: "#DIV/0!" }; // G5
    const { dataset, issues } = checkTable(model(), table(rows));
    expect(dataset).toBeNull();
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["text-in-number", "F2"],
      ["number-as-text", "D3"],
      ["area-missing", "B4"],
      ["id-duplicate", "A5"],
      ["excel-error", "G5"],
      // a bad cell is no value: the single-indicator categories of F2 and G5 are reported too
      ["category-empty", "F2"],
      ["category-empty", "G5"],
    ]);
  });

  const cellPool: fc.Arbitrary<CellValue> = fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.double({ min: -5, max: 100, noNaN: true }),
    fc.constantFrom<CellValue>(null, "", "k.A.", "12,5", true, { error: "#N/A" }, NaN, -1, "Nord", "Kita A"),
  );

  test("property: dataset is null if and only if there is an error; no throw; every issue is well-formed", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellPool, { minLength: 0, maxLength: 8 }), { maxLength: 8 }), (rows) => {
        const { dataset, issues } = checkTable(model(), table(rows));
        const hasError = issues.some((i) => i.level === "error");
        if ((dataset === null) !== hasError) return false;
        return issues.every(
          (i) =>
            (i.level === "error" || i.level === "warning") &&
            i.code.length > 0 &&
            i.message.length > 0 &&
            (i.sheet === "" ? i.cell === "" : i.sheet === "Kitas" && /^([A-Z]+[0-9]+)?$/.test(i.cell)),
        );
      }),
    );
  });

  test("property: valid numbers pass unchanged, one unit per non-blank row", () => {
    const value = fc.integer({ min: 0, max: 1000 });
    const unitRow = fc.tuple(fc.integer({ min: 0, max: 300 }), value, value, value, value);
    fc.assert(
      fc.property(fc.array(unitRow, { minLength: 2, maxLength: 30 }), (data) => {
        // two fixed rows guarantee that no indicator is constant
        const rows: CellValue[][] = [
          ["X1", "Nord", 1, 0, 0, 0, 0],
          ["X2", "Süd", 1, 1001, 1001, 1001, 1001],
          ...data.map(([k, a, b, c, d], i) => [`Kita ${i}`, i % 2 ? "Nord" : "Süd", k, a, b, c, d]),
        ];
        const { dataset, issues } = checkTable(model(), table(rows));
        if (issues.length !== 0 || dataset === null) return false;
        return dataset.units.every((u, i) => JSON.stringify(u.values) === JSON.stringify(rows[i].slice(3)));
      }),
    );
  });
});

describe("docs/bad-inputs.md stays in sync", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("fs") as typeof import("fs");
  const doc = fs.readFileSync(`${__dirname}/../../docs/bad-inputs.md`, "utf8");

  test("every issue code of the catalogue is documented", () => {
    const source = fs.readFileSync(`${__dirname}/../../src/engine/messages.ts`, "utf8");
    const union = source.slice(
      source.indexOf("export const CHECK_CODES"),
      source.indexOf("] as const;", source.indexOf("export const CHECK_CODES")),
    );
    const codes = [...union.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThanOrEqual(40);
    expect(codes.filter((c) => !new RegExp(`(?<![a-z-])${c}(?![a-z-])`).test(doc))).toEqual([]);
  });

  test("every test the catalogue names exists", () => {
    const cited = [...doc.matchAll(/`([a-zA-Z]+\.test\.ts)` › [*_]([^*_]+)[*_]/g)].map(
      (m) => [m[1], m[2]] as const,
    );
    expect(cited.length).toBeGreaterThanOrEqual(20);
    const missing = cited.filter(
      ([file, name]) => !fs.readFileSync(`${__dirname}/${file}`, "utf8").includes(`"${name}"`),
    );
    expect(missing).toEqual([]);
  });
});

/**
 * Numbers whose format changes what they are (issue 17, items 5 and 6), as classes:
 * - numberFormatKind classifies date, time, percent and plain codes in every spelling a file, Office.js or
 *   German Excel gives (locale blocks, colours, quoted text, escapes, elapsed time, sections);
 * - a number formatted as a date or a time in an indicator, Kinder or Kita-Index column is an error naming
 *   the cell, for every date and time format;
 * - an indicator column mixing percent-formatted cells with plain numbers is a warning naming the cells, an
 *   error where the scale clearly differs (the rule of docs/method-decisions.md);
 * - both adapters hand the formats over: the exceljs reader from a real .xlsx built here.
 */
import ExcelJS from "exceljs";
import { percentMixRule } from "../../src/engine/check";
import { checkTable } from "../helpers/resolved";
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { numberFormatKind } from "../../src/engine/numberFormatKind";
import type { CellValue, RawTable } from "../../src/engine/table";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";

const DATE_FORMATS = [
  "TT.MM.JJJJ",
  "dd.mm.yyyy",
  "[$-407]d. mmmm yyyy",
  "[$-F800]dddd, mmmm dd, yyyy",
  "mm-dd-yy", // Excel's built-in 14, as exceljs names it
  "d-mmm",
  "mmm yy",
  "MMM JJ",
  "yyyy-mm-dd hh:mm:ss",
  "m/d/yy h:mm",
  "[Rot]dd.mm.yyyy",
  'dd.mm.yyyy" (Stichtag)"',
];
const TIME_FORMATS = [
  "hh:mm",
  "h:mm:ss",
  "[h]:mm",
  "[h]:mm:ss",
  "[mm]:ss",
  "mm:ss",
  "h:mm AM/PM",
  "[$-F400]h:mm:ss AM/PM",
];
const PERCENT_FORMATS = ["0%", "0.0%", "0.00%;[Red]-0.00%", "#,##0.0 %", "[$-407]0,0%"];
const PLAIN_FORMATS = [
  "0",
  "0.00",
  "#,##0",
  '#,##0.00 "Tage"', // d and a in quotes
  "0\\d", // escaped d
  "0.00E+00",
  "#,##0 [$€-407]",
  "[Rot]0.0",
  "[Color10]#,##0",
  "0 \\%", // escaped percent sign
  '0"%"', // quoted percent sign
  "[<100]0;0.0%", // the first section decides
  "_-* #,##0.00 €_-;-* #,##0.00 €_-",
];

describe("numberFormatKind", () => {
  test.each(DATE_FORMATS)("date: %s", (code) => expect(numberFormatKind(code)).toBe("date"));
  test.each(TIME_FORMATS)("time: %s", (code) => expect(numberFormatKind(code)).toBe("time"));
  test.each(PERCENT_FORMATS)("percent: %s", (code) => expect(numberFormatKind(code)).toBe("percent"));
  test.each(PLAIN_FORMATS)("plain: %s", (code) => expect(numberFormatKind(code)).toBe("plain"));
  test.each([null, undefined, "", "General", "Standard", " general "])("general: %p", (code) =>
    expect(numberFormatKind(code)).toBe("general"),
  );
  test("text: @", () => expect(numberFormatKind("@")).toBe("text"));
});

// A Einrichtung | B Sozialraum | C Kinder | D SGB II | E Quote | F Kita-Index
const HEADERS: CellValue[] = ["Einrichtung", "Sozialraum", "Kinder", "SGB II", "Quote", "Kita-Index"];
function model(): Model {
  return {
    data: {
      sheet: "Kitas",
      id: "Einrichtung",
      area: "Sozialraum",
      children: "Kinder",
      kitaIndex: "Kita-Index",
    },
    indicators: [
      { column: "SGB II", category: "Soziale Lage", direction: 1, weight: 1 },
      { column: "Quote", category: "Soziale Lage", direction: 1, weight: 1 },
    ],
    categories: [{ name: "Soziale Lage", weight: 1 }],
    options: { ...DEFAULT_OPTIONS },
    budget: { total: 100000 },
  };
}
function rows(): CellValue[][] {
  return [
    ["Kita A", "Nord", 50, 10, 0.215, 40],
    ["Kita B", "Nord", 80, 20, 0.3, 55],
    ["Kita C", "Süd", 120, 30, 0.12, 60],
    ["Kita D", "Süd", 40, 15, 0.41, 20],
  ];
}
/** The table with formats: every Quote cell "0.0%", the given cells replaced. */
function table(data: CellValue[][], changes: [number, number, string | null][] = []): RawTable {
  const formats = data.map((row) => row.map((_, c): string | null => (c === 4 ? "0.0%" : null)));
  for (const [r, c, code] of changes) formats[r][c] = code;
  return { sheet: "Kitas", headers: HEADERS, rows: data, formats };
}
const issuesOf = (t: RawTable) => checkTable(model(), t).issues;

describe("a number formatted as a date or a time is an error naming the cell", () => {
  test("clean: all numbers plain, all Quote cells percent: no issue, a dataset", () => {
    const result = checkTable(model(), table(rows()));
    expect(result.issues).toEqual([]);
    expect(result.dataset).not.toBeNull();
  });

  test.each(DATE_FORMATS)("indicator cell formatted %s", (code) => {
    const data = rows();
    data[2][3] = 45424; // „12.5“ typed in German Excel
    const issues = issuesOf(table(data, [[2, 3, code]]));
    expect(issues).toEqual([
      {
        level: "error",
        code: "date-in-number",
        sheet: "Kitas",
        cell: "D4",
        message:
          "Zelle D4 (Spalte „SGB II“): die Zahl 45.424 ist als Datum formatiert – Excel hat eine Eingabe wie „12.5“ " +
          "vermutlich in ein Datum umgewandelt. Erwartet wird eine Zahl: bitte die Zelle als Zahl formatieren " +
          "(Start › Zahlenformat › Standard) und den richtigen Wert eintragen.",
      },
    ]);
    expect(checkTable(model(), table(data, [[2, 3, code]])).dataset).toBeNull();
  });

  test.each(TIME_FORMATS)("Kinder cell formatted %s", (code) => {
    const data = rows();
    data[0][2] = 0.5;
    const issues = issuesOf(table(data, [[0, 2, code]]));
    expect(issues.map((i) => [i.level, i.code, i.cell])).toEqual([["error", "date-in-number", "C2"]]);
    expect(issues[0].message).toContain("ist als Uhrzeit oder Dauer formatiert");
  });

  test("Kita-Index and a percent indicator cell formatted as dates: one error each, in sheet order", () => {
    const issues = issuesOf(
      table(rows(), [
        [1, 5, "dd.mm.yyyy"],
        [3, 4, "[$-407]d. mmmm yyyy"],
      ]),
    );
    expect(issues.map((i) => `${i.code} ${i.cell}`)).toEqual(["date-in-number F3", "date-in-number E5"]);
  });

  test("not a date: plain formats with d, m, y in quotes or escaped, and id or name columns", () => {
    for (const code of PLAIN_FORMATS) {
      const issues = issuesOf(table(rows(), [[0, 3, code]]));
      expect(issues.filter((i) => i.code === "date-in-number")).toEqual([]);
    }
    expect(issuesOf(table(rows(), [[0, 0, "dd.mm.yyyy"]]))).toEqual([]); // a name cell is not read as a number
  });

  test("without formats (an adapter that does not give them) nothing changes", () => {
    const data = rows();
    data[2][3] = 45424;
    expect(checkTable(model(), { sheet: "Kitas", headers: HEADERS, rows: data }).issues).toEqual([]);
  });
});

describe("percent-formatted cells mixed with plain numbers in an indicator column", () => {
  test("the rule: error when one group lies above 1 and the other at or below 1, else warning", () => {
    expect(percentMixRule([0.215, 0.3, 0.12], [21.5])).toBe("error");
    expect(percentMixRule([0.215], [21.5, 30, 12])).toBe("error");
    expect(percentMixRule([21.5, 30], [0.3])).toBe("error"); // 2150 % next to a share
    expect(percentMixRule([0.215, 0.3], [0.25])).toBe("warning");
    expect(percentMixRule([0.215, 0.3], [0, 0.9])).toBe("warning");
    expect(percentMixRule([0.5, 1.2], [0.4, 1.5])).toBe("warning"); // both beyond 100 % at times
    expect(percentMixRule([0.2, 0.3], [1, 0.5, 0.2])).toBe("warning"); // median of plain not above 1
  });

  test.each([
    ["one plain 21,5 among shares", [[1, 4, 21.5]], [1], "error"],
    [
      "two plain percent points",
      [
        [1, 4, 30],
        [3, 4, 41],
      ],
      [1, 3],
      "error",
    ],
    ["one plain share among percent cells", [[1, 4, 0.3]], [1], "warning"],
    [
      "a plain 0 and a plain share",
      [
        [1, 4, 0],
        [2, 4, 0.2],
      ],
      [1, 2],
      "warning",
    ],
  ] as [string, [number, number, number][], number[], string][])("%s", (_name, changes, plainRows, level) => {
    const data = rows();
    for (const [r, c, v] of changes) data[r][c] = v;
    const t = table(
      data,
      plainRows.map((r) => [r, 4, null] as [number, number, null]),
    );
    const issues = issuesOf(t).filter((i) => i.code === "percent-mixed");
    expect(issues).toHaveLength(1);
    expect(issues[0].level).toBe(level);
    expect(issues[0].cell).toBe(`E${plainRows[0] + 2}`);
    for (const r of plainRows) expect(issues[0].message).toContain(`E${r + 2}: `);
    expect(issues[0].message).toContain("Spalte „Quote“ (Kopfzelle E1)");
    expect(checkTable(model(), t).dataset === null).toBe(level === "error");
  });

  test("the smaller group is named: one percent cell among plain numbers", () => {
    const data = rows();
    const t: RawTable = {
      ...table(data),
      formats: data.map((row, r) => row.map((_, c) => (c === 4 && r === 2 ? "0%" : null))),
    };
    data[0][4] = 21.5;
    data[1][4] = 30;
    data[3][4] = 41;
    const [issue] = issuesOf(t);
    expect(issue).toMatchObject({ level: "error", code: "percent-mixed", cell: "E4" });
    expect(issue.message).toContain(
      "1 Zelle ist als Prozent formatiert (E4: 12 % = 0,12), 3 ohne Prozentformat",
    );
  });

  test("a whole column in percent, or none in percent: no issue", () => {
    expect(issuesOf(table(rows()))).toEqual([]);
    const plain = table(rows());
    plain.formats = plain.formats!.map((row) => row.map(() => null));
    expect(issuesOf(plain)).toEqual([]);
  });
});

describe("the exceljs reader hands the formats over", () => {
  test("a real .xlsx with date, time, percent and plain cells: formats in the shape of rows, the check finds them", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Kitas");
    ws.addRow(HEADERS as ExcelJS.CellValue[]);
    for (const row of rows()) ws.addRow(row as ExcelJS.CellValue[]);
    ws.getColumn(5).numFmt = "0.0%";
    const date = ws.getCell("D3");
    date.value = 45424;
    date.numFmt = "[$-407]d. mmmm yyyy";
    const time = ws.getCell("C5");
    time.value = 0.5;
    time.numFmt = "[h]:mm";
    ws.getCell("E4").value = 12; // plain 12 among shares
    ws.getCell("E4").numFmt = "General";
    const read = await (await XlsxWorkbook.fromBuffer(await book.xlsx.writeBuffer())).readTable("Kitas");
    expect(read.formats).toHaveLength(read.rows.length);
    read.formats!.forEach((row, r) => expect(row).toHaveLength(read.rows[r].length));
    expect(read.formats![1][3]).toBe("[$-407]d. mmmm yyyy");
    expect(read.rows[1][3]).toBe(45424); // exceljs reads a Date; the adapter hands the serial number on
    expect(read.formats![0][4]).toBe("0.0%");
    const issues = checkTable(model(), read).issues;
    expect(issues.map((i) => `${i.level} ${i.code} ${i.cell}`)).toEqual([
      "error date-in-number D3",
      "error date-in-number C5",
      "error percent-mixed E4",
    ]);
  });
});

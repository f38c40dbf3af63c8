import {
  formatCellRange,
  isCellRange,
  mergedRange,
  parseCellRange,
  splitSheetAddress,
} from "../../src/engine/cellRange";

describe("parseCellRange", () => {
  test.each([
    ["B3:H30", { firstRow: 3, lastRow: 30, firstColumn: 2, lastColumn: 8 }],
    ["$B$3:$H$30", { firstRow: 3, lastRow: 30, firstColumn: 2, lastColumn: 8 }],
    ["h30:b3", { firstRow: 3, lastRow: 30, firstColumn: 2, lastColumn: 8 }],
    [" AA1 ", { firstRow: 1, lastRow: 1, firstColumn: 27, lastColumn: 27 }],
    ["A1:XFD1048576", { firstRow: 1, lastRow: 1_048_576, firstColumn: 1, lastColumn: 16_384 }],
  ])("%s", (text, range) => {
    expect(parseCellRange(text)).toEqual(range);
    expect(isCellRange(text)).toBe(true);
  });

  test.each(["", "B:H", "3:30", "Kitas!B3:H30", "A0", "A1:XFE1", "A1:B1048577", "A1,B2", "B3:H30 x"])(
    "%j is no range",
    (text) => {
      expect(parseCellRange(text)).toBeNull();
      expect(isCellRange(text)).toBe(false);
    },
  );
});

test("formatCellRange writes what parseCellRange reads", () => {
  expect(formatCellRange({ firstRow: 3, lastRow: 30, firstColumn: 2, lastColumn: 8 })).toBe("B3:H30");
  expect(formatCellRange({ firstRow: 3, lastRow: 3, firstColumn: 2, lastColumn: 2 })).toBe("B3");
  expect(formatCellRange(parseCellRange("$h$30:$b$3")!)).toBe("B3:H30");
});

test("splitSheetAddress: a selection as Excel reports it", () => {
  expect(splitSheetAddress("Kitas!B3:H30")).toEqual({ sheet: "Kitas", range: "B3:H30" });
  expect(splitSheetAddress("'Kita Daten 2025'!$B$3:$H$30")).toEqual({
    sheet: "Kita Daten 2025",
    range: "B3:H30",
  });
  expect(splitSheetAddress("'Tom''s Kitas'!C4")).toEqual({ sheet: "Tom's Kitas", range: "C4" });
  expect(splitSheetAddress("Kitas!B:H")).toBeNull();
  expect(splitSheetAddress("Kitas!A1:B2,D4")).toBeNull();
  expect(splitSheetAddress("B3:H30")).toBeNull();
});

describe("mergedRange", () => {
  test("a range of several cells, as a merge names it; one cell or no A1 range merges nothing", () => {
    expect(mergedRange("C4:C6")).toEqual({ firstRow: 4, lastRow: 6, firstColumn: 3, lastColumn: 3 });
    expect(mergedRange("A1:D1")).toEqual({ firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 4 });
    expect(mergedRange("A1")).toBeNull();
    expect(mergedRange("B2:B2")).toBeNull();
    expect(mergedRange("Kitas!C4:C6")).toBeNull();
  });
});

import { tableRange } from "../../src/engine/table";

test("the A1 range a raw table covers, widest row, sheet quoted where Excel needs it", () => {
  expect(
    tableRange({
      sheet: "Kitas",
      headers: ["A", "B"],
      rows: [
        [1, 2],
        [3, 4, 5],
      ],
    }),
  ).toBe("Kitas!A1:C3");
  expect(tableRange({ sheet: "Kitas 2025", headers: ["A"], rows: [], headerRow: 3, firstColumn: 2 })).toBe(
    "'Kitas 2025'!B3:B3",
  );
  expect(tableRange({ sheet: "O'Brien", headers: [], rows: [] })).toBe("'O''Brien'!A1:A1");
});

test("300,000 rows: no stack overflow (no argument spread over the rows)", () => {
  const rows = Array.from({ length: 300_000 }, () => [1, 2]);
  expect(tableRange({ sheet: "Kitas", headers: ["A", "B"], rows })).toBe("Kitas!A1:B300001");
});

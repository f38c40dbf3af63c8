/**
 * Blank cells versus zeros in custom-function inputs (issue 10, item 11). Older desktop builds pass a blank
 * cell as 0 (OfficeDev/office-js #4702); SRB reads the argument's range through the Excel API when a 0
 * comes from cells, and treats the blank ones as "no value".
 */
import {
  restoreBlankCells,
  splitAddress,
  valueTypesReader,
  withBlankCells,
} from "../../src/functions/blankCells";
import { standardScore, totalIndex } from "../../src/functions/functions";
import { FakeWorkbook } from "../workbook/fakeExcel";
import { installCustomFunctionsShim } from "./customFunctionsShim";

installCustomFunctionsShim();

/** Daten!C2:C5 holds 12, (blank), 0, 30 — an SGB-II rate not filled in for the second Kita. */
function book(): FakeWorkbook {
  const b = new FakeWorkbook();
  b.addSheet("Daten").setRows(
    [
      ["Kita", "Quote"],
      ["A", 12],
      ["B", null],
      ["C", 0],
      ["D", 30],
    ],
    0,
    1,
  );
  return b;
}

function withExcel<T>(b: FakeWorkbook, body: () => Promise<T>): Promise<T> {
  const global = globalThis as { Excel?: unknown };
  const before = global.Excel;
  global.Excel = { run: b.run };
  return body().finally(() => {
    global.Excel = before;
  });
}

describe("the fake models what Excel passes for a blank cell", () => {
  test("older desktop builds pass 0, current builds null", () => {
    const b = book();
    expect(b.argument("Daten!C2:C5", "older desktop")).toEqual([[12], [0], [0], [30]]);
    expect(b.argument("Daten!C2:C5", "current")).toEqual([[12], [null], [0], [30]]);
  });
});

describe("SRB.STANDARDSCORE gets the same result from every build", () => {
  test("a blank cell stays blank on an older desktop build, a real 0 is scored", async () => {
    const b = book();
    const current = standardScore(b.argument("Daten!C2:C5", "current"));
    const older = await withExcel(b, async () =>
      standardScore(b.argument("Daten!C2:C5", "older desktop"), undefined, undefined, {
        parameterAddresses: ["Daten!C2:C5", "", ""],
      } as CustomFunctions.Invocation),
    );
    // worked example: min 0, max 30 → 12 ↦ 40, blank ↦ "", 0 ↦ 0, 30 ↦ 100
    expect(current).toEqual([[40], [""], [0], [100]]);
    expect(older).toEqual(current);
  });

  test("without a 0 nothing is read and the value comes at once (not a promise)", () => {
    const b = book();
    b.resetCounters();
    const result = standardScore([[12], [null], [30]], undefined, undefined, {
      parameterAddresses: ["Daten!C2:C4"],
    } as CustomFunctions.Invocation);
    expect(Array.isArray(result)).toBe(true);
    expect(b.syncs).toBe(0);
  });

  test("an error in the body still reaches the cell when the blanks were checked first", async () => {
    const b = new FakeWorkbook();
    b.addSheet("Daten").setRows([[0], [null], [0]]);
    const failing = withExcel(b, async () =>
      standardScore(b.argument("Daten!A1:A3", "older desktop"), undefined, undefined, {
        parameterAddresses: ["Daten!A1:A3"],
      } as CustomFunctions.Invocation),
    );
    // 0, blank, 0: a constant indicator → #DIV/0!, as on the web
    await expect(failing).rejects.toMatchObject({ code: "#DIV/0!" });
  });

  test("SRB.TOTALINDEX: a blank category index gives no total index on an older build either", async () => {
    const b = new FakeWorkbook();
    b.addSheet("Index").setRows([
      [40, 60],
      [null, 80],
    ]);
    const older = await withExcel(b, async () =>
      totalIndex(b.argument("Index!A1:B2", "older desktop"), undefined, {
        parameterAddresses: ["Index!A1:B2", ""],
      } as CustomFunctions.Invocation),
    );
    expect(older).toEqual(totalIndex(b.argument("Index!A1:B2", "current")));
    expect(older).toEqual([[50], [""]]);
  });
});

describe("restoreBlankCells", () => {
  const read = valueTypesReader(book().run);

  test("turns only the blank zeros into null, scalars too", async () => {
    const b = book();
    const restored = await restoreBlankCells(
      [b.argument("Daten!C2:C5", "older desktop"), 0, 0],
      { parameterAddresses: ["Daten!C2:C5", "Daten!C3", "Daten!C4"] },
      valueTypesReader(b.run),
    );
    expect(restored).toEqual([[[12], [null], [0], [30]], null, 0]);
  });

  test("a value typed into the formula (no address) stays as it is", async () => {
    expect(await restoreBlankCells([[[0]]], { parameterAddresses: [""] }, read)).toEqual([[[0]]]);
    expect(await restoreBlankCells([[[0]]], undefined, read)).toEqual([[[0]]]);
  });

  test("a failed read or a different shape leaves the argument unchanged", async () => {
    const failing = () => Promise.reject(new Error("ItemNotFound"));
    expect(await restoreBlankCells([[[0]]], { parameterAddresses: ["Weg!A1"] }, failing)).toEqual([[[0]]]);
    const wrongShape = () => Promise.resolve([["Empty", "Empty"]]);
    expect(await restoreBlankCells([[[0]]], { parameterAddresses: ["X!A1"] }, wrongShape)).toEqual([[[0]]]);
  });

  test("withBlankCells runs the body once with the restored arguments", async () => {
    const b = book();
    const seen: unknown[] = [];
    const result = withBlankCells(
      { parameterAddresses: ["Daten!C2:C5"] },
      [b.argument("Daten!C2:C5", "older desktop")],
      (values) => {
        seen.push(values);
        return "fertig";
      },
      valueTypesReader(b.run),
    );
    expect(await result).toBe("fertig");
    expect(seen).toEqual([[[12], [null], [0], [30]]]);
  });
});

describe("splitAddress", () => {
  test.each([
    ["Daten!C2:C33", { sheet: "Daten", range: "C2:C33" }],
    ["'Kita Daten'!B2", { sheet: "Kita Daten", range: "B2" }],
    ["'Kita ''Nord'''!A1:A3", { sheet: "Kita 'Nord'", range: "A1:A3" }],
    ["A1:A3", { sheet: null, range: "A1:A3" }],
    ["[Mappe2]Tabelle1!A1", null],
  ])("%s", (address, expected) => {
    expect(splitAddress(address)).toEqual(expected);
  });
});

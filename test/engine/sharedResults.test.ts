/**
 * The engine's memory-saving forms: the check's columns handed to the computation (`checkedColumns`),
 * the shared eligibility and category-band records, the typed index columns.
 */
import { allocate, checkTable } from "../helpers/resolved";
import { checkedColumns, rememberCheckedColumns } from "../../src/engine/checkedColumns";
import { indexColumns, indexStructure, unitIndicesOfColumns } from "../../src/engine/gesamtindex";
import { bandCode, sharedBandRecords } from "../../src/engine/sharedBandRecords";
import { scoreColumn } from "../../src/engine/standardScore";
import { sharedEligibility } from "../../src/engine/strands";
import { dataset, model, unit } from "./fixtures";

describe("checkedColumns", () => {
  const units = () => [unit("A", "Nord", [1, null, 3]), unit("B", "Süd", [4, 5, 6])];

  test("the remembered columns for the same units; none for a copy or a replaced value list", () => {
    const d = dataset(units());
    const columns = [Float64Array.of(1, 4), Float64Array.of(NaN, 5), Float64Array.of(3, 6)];
    rememberCheckedColumns(d, columns);
    expect(checkedColumns(d, d.units)).toBe(columns);
    expect(checkedColumns(d, [...d.units])).toBe(columns);
    expect(checkedColumns({ ...d }, d.units)).toBeNull();
    expect(checkedColumns(d, [d.units[1], d.units[0]])).toBeNull();
    expect(checkedColumns(d, [d.units[0]])).toBeNull();
    d.units[1] = { ...d.units[1], values: [4, 5, 7] };
    expect(checkedColumns(d, d.units)).toBeNull();
  });

  test("the check remembers its columns, and an allocation with them equals one without", () => {
    const table = {
      sheet: "Kitas",
      headers: ["Einrichtung", "Sozialraum", "Kinder", "a", "b", "c"],
      rows: [
        ["A", "Nord", 40, 1, 9, 3],
        ["B", "Nord", 30, 2, null, 5],
        ["C", "Süd", 20, 7, 4, 1],
        ["D", "Süd", 10, 3, 2, 8],
      ],
    };
    const m = model();
    const d = checkTable(m, table).dataset;
    if (d === null) throw new Error("the check blocked the test data");
    expect(checkedColumns(d, d.units)?.map((c) => [...c])).toEqual([
      [1, 2, 7, 3],
      [9, NaN, 4, 2],
      [3, 5, 1, 8],
    ]);
    expect(allocate(m, d)).toEqual(allocate(m, { ...d }));
  });
});

describe("shared records", () => {
  test("one frozen eligibility object per combination", () => {
    const e = {
      sozialarbeit: true,
      nachbarschaftszentrum: false,
      interkulturell: true,
      interkulturellException: true,
      zusatzpersonal: false,
    };
    expect(sharedEligibility(e)).toEqual(e);
    expect(Object.keys(sharedEligibility(e))).toEqual(Object.keys(e));
    expect(sharedEligibility({ ...e })).toBe(sharedEligibility(e));
    expect(Object.isFrozen(sharedEligibility(e))).toBe(true);
  });

  test("category-band records by their base-4 code", () => {
    const bands = sharedBandRecords(["K", "L", "M"]);
    const code = (bandCode("unterhalb") * 4 + bandCode(null)) * 4 + bandCode("innerhalb");
    expect(bands(code)).toEqual({ K: "unterhalb", L: null, M: "innerhalb" });
    expect(Object.keys(bands(code))).toEqual(["K", "L", "M"]);
    expect(bands(code)).toBe(bands(code));
    expect(bands(bandCode("oberhalb") * 16)).toEqual({ K: "oberhalb", L: null, M: null });
  });
});

describe("indexColumns", () => {
  test("the same numbers as unitIndicesOfColumns, NaN for null", () => {
    const s = indexStructure(
      [
        { column: "a", category: "K", direction: 1, weight: 1 },
        { column: "b", category: "K", direction: 1, weight: 2 },
        { column: "c", category: "L", direction: -1, weight: 1 },
      ],
      [
        { name: "K", weight: 1 },
        { name: "L", weight: 3 },
        { name: "M", weight: 1 },
      ],
    );
    const columns = [
      scoreColumn([2, null, 6, 1], 1),
      scoreColumn([5, 1, null, null], 1),
      scoreColumn([1, 2, 3, null], -1),
    ];
    const typed = indexColumns(columns, s, 4);
    const boxed = unitIndicesOfColumns(columns, s, 4);
    expect(typed.categories[2]).toBeNull();
    boxed.forEach((x, e) => {
      expect(x.index).toBe(Number.isNaN(typed.index[e]) ? null : typed.index[e]);
      x.categories.forEach((v, k) => {
        const c = typed.categories[k];
        expect(v).toBe(c === null || Number.isNaN(c[e]) ? null : c[e]);
      });
    });
    expect(boxed[3].index).toBeNull();
  });
});

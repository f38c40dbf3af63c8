/**
 * A re-run reads the Sozialraum-Team's VZÄ per strand back from the Einrichtungen sheet (SPEC §5 point 5),
 * through the package (.xlsx) adapter: the sample town is computed, a planner types overrides with plain
 * exceljs (as Excel would save them), and the next run carries them into its sheet — checked, with the
 * cell named for a bad one, and reflected in „VZÄ (gilt)“, the totals and „nicht verplant“.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { overriddenPlan } from "../../src/engine/strandOverrides";
import { generate, latestSheet } from "../../src/usecase/generate";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample");

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return book;
}

/** The cached value of a cell (a formula's result, or the value itself). */
function cached(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v !== null && typeof v === "object" && "formula" in (v as object))
    return (v as { result?: unknown }).result;
  return v;
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = -1;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) found = n;
  });
  if (found < 0) throw new Error(`Spalte ${header} fehlt`);
  return found;
}

function rowOf(ws: ExcelJS.Worksheet, first: string, from = 2): number {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === first) return r;
  throw new Error(`Zeile ${first} fehlt`);
}

test("latestSheet: the highest „Einrichtungen (n)“, else „Einrichtungen“", () => {
  expect(latestSheet(["Kitas", "Einrichtungen"], "Einrichtungen")).toBe("Einrichtungen");
  expect(latestSheet(["Einrichtungen (10)", "Einrichtungen", "Einrichtungen (2)"], "Einrichtungen")).toBe(
    "Einrichtungen (10)",
  );
  expect(latestSheet(["Einrichtungen alt", "Kitas"], "Einrichtungen")).toBeNull();
});

test("overrides per strand typed into Einrichtungen count on the next run; a bad one is named with its cell", async () => {
  const model = JSON.parse(await fs.readFile(path.join(SAMPLE, "musterstadt.srb.json"), "utf8")) as unknown;
  const date = new Date("2026-11-30T12:00:00Z");
  const first = await PackageWorkbook.fromFile(path.join(SAMPLE, "Musterstadt.xlsx"));
  const run1 = await generate(first, { model, workbookName: "Musterstadt.xlsx", date });
  const a = run1.allocation!;
  expect(run1.issues.filter((i) => i.code.startsWith("override-"))).toEqual([]);

  // the planner's edits: the first Kita of the first Sozialraum gets Strang 1 = 0,5 and Strang 3 = 0,25;
  // the second Kita a text in Strang 2
  const kita = a.units.find((u) => u.area === a.areas[0].name)!;
  const other = a.units.find((u) => u.id !== kita.id)!;
  const edited = await load(await first.toBuffer());
  const ws = edited.getWorksheet("Einrichtungen")!;
  const [o1, o2, o3] = [
    "VZÄ Strang 1 (angepasst)",
    "VZÄ Strang 2 (angepasst)",
    "VZÄ Strang 3 (angepasst)",
  ].map((h) => columnOf(ws, h));
  const kitaRow = rowOf(ws, kita.id);
  ws.getCell(kitaRow, o1).value = 0.5;
  ws.getCell(kitaRow, o3).value = 0.25;
  const otherRow = rowOf(ws, other.id);
  ws.getCell(otherRow, o2).value = "eine halbe";
  const badCell = ws.getCell(otherRow, o2).address;

  const second = await PackageWorkbook.fromBuffer(new Uint8Array(await edited.xlsx.writeBuffer()), "x.xlsx");
  const run2 = await generate(second, { model, workbookName: "Musterstadt.xlsx", date });
  const bad = run2.issues.filter((i) => i.code === "override-vzae-invalid");
  expect(bad.map((i) => [i.level, i.sheet, i.cell])).toEqual([["warning", "Einrichtungen", badCell]]);
  expect(bad[0].message).toContain(`Zelle ${badCell}`);
  expect(bad[0].message).toContain("„eine halbe“ ist keine Zahl");

  // the edited sheet is kept as the user's; the new one carries the overrides
  const written = run2.report!.sheets.find((s) => s.requested === "Einrichtungen")!.written;
  expect(written).toBe("Einrichtungen (2)");
  const out = await load(await second.toBuffer());
  expect(out.getWorksheet("Einrichtungen")!.getCell(otherRow, o2).value).toBe("eine halbe"); // nothing lost
  const ns = out.getWorksheet(written)!;
  const r = rowOf(ns, kita.id);
  expect([o1, o2, o3].map((c) => ns.getCell(r, c).value)).toEqual([0.5, null, 0.25]);
  expect(cached(ns.getCell(r, columnOf(ns, "VZÄ (gilt)")))).toBe(0.75);
  const cost = a.model.budget.costPerVzae!;
  const land = a.model.budget.kofinanzierung.landShare;
  expect(cached(ns.getCell(r, columnOf(ns, "Landesanteil (Budget)")))).toBe(
    Math.round(0.75 * cost * land * 100) / 100,
  );

  // totals and „nicht verplant“ of the Sozialraum follow the override
  const plan = overriddenPlan(a, new Map([[kita.id, [0.5, null, 0.25, null]]]));
  const areaRow = rowOf(ns, a.areas[0].name, a.units.length + 3);
  const unplanned = cached(ns.getCell(areaRow, 8)) as number;
  expect(Math.round(unplanned * 100)).toBe(Math.round(plan.areas[0].unplanned * 100));
  expect(Math.round(unplanned * 100)).not.toBe(Math.round(a.areas[0].unplanned! * 100));
  const totalRow = rowOf(ns, "Summe");
  expect(cached(ns.getCell(totalRow, o1))).toBe(0.5);
  const vzaeTotal = plan.units.reduce((s, x) => s + x.vzae, 0);
  expect(cached(ns.getCell(totalRow, columnOf(ns, "VZÄ (gilt)")))).toBeCloseTo(vzaeTotal, 9);

  // a third run without edits keeps them, rewriting SRB's own „Einrichtungen (2)“ in place
  const third = await PackageWorkbook.fromBuffer(await second.toBuffer(), "x.xlsx");
  const run3 = await generate(third, { model, workbookName: "Musterstadt.xlsx", date });
  expect(run3.report!.sheets.find((s) => s.requested === "Einrichtungen")!.written).toBe("Einrichtungen (2)");
  expect(run3.issues.filter((i) => i.code.startsWith("override-"))).toEqual([]);
  const again = (await load(await third.toBuffer())).getWorksheet("Einrichtungen (2)")!;
  expect(again.getCell(rowOf(again, kita.id), o1).value).toBe(0.5);
}, 120000);

test("the plan that counts is computed once per run and shared by Einrichtungen and the Vorlage (the same sheets)", async () => {
  const model = JSON.parse(await fs.readFile(path.join(SAMPLE, "musterstadt.srb.json"), "utf8")) as unknown;
  const date = new Date("2026-11-30T12:00:00Z");
  const strands = await import("../../src/engine/strandOverrides");
  const spy = jest.spyOn(strands, "overriddenPlan");
  try {
    const book = await PackageWorkbook.fromFile(path.join(SAMPLE, "Musterstadt.xlsx"));
    const run = await generate(book, { model, workbookName: "Musterstadt.xlsx", date });
    expect(run.allocation!.units.some((u) => u.plan !== undefined)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    // the sheets are those each sheet computes on its own
    const { allocationSheets } = await import("../../src/workbook/allocationSheets");
    const { vorlageSheet } = await import("../../src/workbook/vorlageSheet");
    const counting = overriddenPlan(run.allocation!, new Map());
    const ctx = {
      inputRange: "Kitas!A1:T33",
      checksum: "x",
      date: "30.11.2026",
      version: "0",
      issues: run.issues,
    };
    expect(allocationSheets(run.allocation!, { ...ctx, counting })).toEqual(
      allocationSheets(run.allocation!, ctx),
    );
    const vorlage = { municipality: "Musterstadt", date: "30.11.2026", issues: run.issues };
    expect(vorlageSheet(run.allocation!, { ...vorlage, counting })).toEqual(
      vorlageSheet(run.allocation!, vorlage),
    );
  } finally {
    spy.mockRestore();
  }
});

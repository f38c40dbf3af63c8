/**
 * The error contract of `srb allocate` (SPEC.md §2.5, §8): exit 2, results.json with every issue in one
 * pass (level, sheet, A1 cell, German message naming the value), no output workbook; a constant
 * indicator is only a warning. Plus ties in the cent rounding (SPEC §4), flagged in the check report.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HANDMADE_HEADERS, handmadeModel, runAllocate, type GeneratedCell } from "./workbooks";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-conformance-errors-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

interface IssueJson {
  level: string;
  sheet: string;
  cell: string;
  message: string;
}

/** 14 clean units (rows 2–15) in two Sozialräume; column K ("I8") is constant 5. */
function cleanRows(): GeneratedCell[][] {
  const rows: GeneratedCell[][] = [[...HANDMADE_HEADERS]];
  for (let r = 2; r <= 15; r++) {
    rows.push([
      `Kita ${r}`,
      r % 3 === 0 ? "Nord" : "Süd",
      20 + r,
      r,
      r * 2,
      30 - r,
      r % 4,
      r * 1.5,
      r + 0.5,
      100 - r,
      5,
      r * 3,
    ]);
  }
  return rows;
}

function setCell(rows: GeneratedCell[][], address: string, value: GeneratedCell) {
  const column = address.charCodeAt(0) - 64;
  const row = Number(address.slice(1));
  rows[row - 1][column - 1] = value;
}

describe("blocking errors: exit 2, every issue in one pass, no workbook (SPEC §2.5, §8)", () => {
  it("bad cells, a duplicate id and a missing Sozialraum are errors at their A1 cells; a constant indicator warns", async () => {
    const rows = cleanRows();
    setCell(rows, "L11", "12,5"); // number stored as text, in the 12th column (L)
    setCell(rows, "E5", "k.A.");
    setCell(rows, "F7", { error: "#N/A" });
    setCell(rows, "G9", true);
    setCell(rows, "H4", -3); // negative count
    setCell(rows, "A13", "Kita 3"); // duplicate of row 3
    setCell(rows, "B14", null); // no Sozialraum
    const outcome = await runAllocate(dir, {
      name: "fehlerhaft",
      sheets: [
        { name: "Deckblatt", rows: [["Kita-Abfrage 2024"]] },
        { name: "Kitas", rows },
      ],
      model: handmadeModel(HANDMADE_HEADERS, 1000),
    });
    expect(outcome.code).toBe(2);
    expect(outcome.outExists).toBe(false);
    const issues = outcome.results?.issues as IssueJson[];
    for (const issue of issues) {
      expect(typeof issue.level).toBe("string");
      expect(typeof issue.sheet).toBe("string");
      expect(typeof issue.cell).toBe("string");
      expect(issue.message.length).toBeGreaterThan(20);
    }
    const errorsAt = (cell: string) =>
      issues.filter((i) => i.level === "error" && i.sheet === "Kitas" && i.cell === cell);
    // every problem reported in the same run, each naming its value
    const expected: [string, string][] = [
      ["L11", "12,5"],
      ["E5", "k.A."],
      ["F7", "#N/A"],
      ["G9", "WAHR"],
      ["H4", "-3"],
      ["A13", "Kita 3"],
      ["B14", "Kita 14"],
    ];
    for (const [cell, value] of expected) {
      const found = errorsAt(cell);
      expect({ cell, found: found.length > 0 }).toEqual({ cell, found: true });
      expect(found.some((i) => i.message.includes(value))).toBe(true);
    }
    // the constant indicator I8 (column K) is a warning, not an error
    const constant = issues.filter((i) => i.cell.startsWith("K"));
    expect(constant.length).toBeGreaterThan(0);
    expect(constant.every((i) => i.level === "warning" && i.message.includes("I8"))).toBe(true);
    expect(issues.every((i) => i.level === "error" || i.level === "warning")).toBe(true);
    // no half result: the budget is still reported
    expect(outcome.results?.budget).toBe(1000);
  });

  it("the real binary: exit 2, results.json written, no output workbook", async () => {
    const rows = cleanRows();
    setCell(rows, "D6", "k.A.");
    const outcome = await runAllocate(
      dir,
      {
        name: "fehlerhaft-binaer",
        sheets: [{ name: "Kitas", rows }],
        model: handmadeModel(HANDMADE_HEADERS, 1000),
      },
      { binary: true },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.outExists).toBe(false);
    const issues = outcome.results?.issues as IssueJson[];
    expect(issues.filter((i) => i.level === "error").map((i) => [i.sheet, i.cell])).toEqual([
      ["Kitas", "D6"],
    ]);
  });

  it("a constant indicator alone does not block (warning, exit 0)", async () => {
    const outcome = await runAllocate(dir, {
      name: "konstant",
      sheets: [{ name: "Kitas", rows: cleanRows() }],
      model: handmadeModel(HANDMADE_HEADERS, 1000),
    });
    expect(outcome.code).toBe(0);
    expect(outcome.outExists).toBe(true);
    const issues = outcome.results?.issues as IssueJson[];
    expect(issues.filter((i) => i.level === "error")).toEqual([]);
    expect(issues.filter((i) => i.cell === "K1").map((i) => i.level)).toEqual(["warning"]);
  });

  it("a unit with no value in a category blocks, naming the unit and the category (SPEC §2.4)", async () => {
    const rows = cleanRows();
    setCell(rows, "L8", null); // I9 is the only indicator of "Flucht und Migration"
    const outcome = await runAllocate(dir, {
      name: "kategorie-leer",
      sheets: [{ name: "Kitas", rows }],
      model: handmadeModel(HANDMADE_HEADERS, 1000),
    });
    expect(outcome.code).toBe(2);
    expect(outcome.outExists).toBe(false);
    const errors = (outcome.results?.issues as IssueJson[]).filter((i) => i.level === "error");
    expect(
      errors.some((i) => i.message.includes("Kita 8") && i.message.includes("Flucht und Migration")),
    ).toBe(true);
  });

  it("model problems block with exit 2 and results.json (data sheet named in the model is missing)", async () => {
    const model = {
      ...handmadeModel(HANDMADE_HEADERS, 1000),
      data: { sheet: "Kitas 2025", id: "Einrichtung", area: "Sozialraum" },
    };
    const outcome = await runAllocate(dir, {
      name: "blatt-fehlt",
      sheets: [{ name: "Kitas", rows: cleanRows() }],
      model,
    });
    expect(outcome.code).toBe(2);
    expect(outcome.outExists).toBe(false);
    const errors = (outcome.results?.issues as IssueJson[]).filter((i) => i.level === "error");
    expect(errors.some((i) => i.message.includes("Kitas 2025"))).toBe(true);
  });
});

describe("cent ties (SPEC §4): larger share first, then sheet order; flagged", () => {
  const headers = ["Einrichtung", "Sozialraum", "x"];
  const model = (budget: number) => ({
    data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
    indicators: [{ column: "x", category: "A", direction: 1 }],
    budget: { total: budget },
  });
  const amounts = (r: Record<string, unknown> | null) =>
    (r?.areas as { name: string; amount: number }[]).map((a) => [a.name, a.amount]);
  const tieFlags = (r: Record<string, unknown> | null) =>
    (r?.issues as IssueJson[]).filter((i) => i.level === "warning" && /Gleichstand/.test(i.message));

  it("equal remainders, different shares: the larger share gets the cent", async () => {
    // x: P 15, Q 25, R 60, Z 0 and 100 → indices 15, 25, 60, 50 (Σ 150); 15 cents:
    // quotas 1.5, 2.5, 6, 5 → floors 14, one cent missing; P and Q both have remainder 0.5 → Q (larger share)
    const outcome = await runAllocate(dir, {
      name: "gleichstand-anteil",
      sheets: [
        {
          name: "Kitas",
          rows: [headers, ["p", "P", 15], ["q", "Q", 25], ["r", "R", 60], ["z1", "Z", 0], ["z2", "Z", 100]],
        },
      ],
      model: model(0.15),
    });
    expect(outcome.code).toBe(0);
    expect(amounts(outcome.results)).toEqual([
      ["P", 0.01],
      ["Q", 0.03],
      ["R", 0.06],
      ["Z", 0.05],
    ]);
    expect(tieFlags(outcome.results).length).toBe(1);
  });

  it("equal shares: sheet order decides, in either order", async () => {
    // three areas with units 0 and 100 → index 50 each; 10 cents → 3.33… each, one cent to the first
    const pairs = (names: string[]) =>
      names.flatMap((n) => [[`${n}1`, n, 0] as GeneratedCell[], [`${n}2`, n, 100]]);
    for (const order of [
      ["A", "B", "C"],
      ["C", "A", "B"],
    ]) {
      const outcome = await runAllocate(dir, {
        name: `gleichstand-reihenfolge-${order.join("")}`,
        sheets: [{ name: "Kitas", rows: [headers, ...pairs(order)] }],
        model: model(0.1),
      });
      expect(outcome.code).toBe(0);
      expect(amounts(outcome.results)).toEqual([
        [order[0], 0.04],
        [order[1], 0.03],
        [order[2], 0.03],
      ]);
      expect(tieFlags(outcome.results).length).toBe(1);
    }
  });
});

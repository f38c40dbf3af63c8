/**
 * The Fortschreibung through `srb allocate` (issue 13, SPEC §5a, §8), end to end through the command's
 * `main` (in this process, test/helpers/cli.ts):
 * adopt the sample, compute the next year (assets/sample/Musterstadt-Folgejahr.xlsx) against it — via the
 * adopted workbook and via the earlier results.json —, carry the grown budget forward, compare a workbook
 * with itself. Checked from the outside: exit status, results.json `changes`, the written workbook.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import {
  NEXT_YEAR_BUDGET,
  NEXT_YEAR_EXPECTED,
  nextYearModel,
  nextYearRows,
} from "../../scripts/make-next-year";
import { HEADERS } from "../../scripts/make-sample";
import { decodeStore } from "../../src/workbook/store";
import {
  LIBREOFFICE,
  csvNumber,
  recalcWithLibreOffice,
  requireTool,
  withLibreOffice,
} from "../helpers/libreoffice";
import { changesSchema, resultsSchema } from "../helpers/resultsSchema";
import { readBook, readJson, SAMPLE_DIR, sheetValues, srb } from "../helpers/cli";

const plain = (v: unknown) =>
  v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v;

type ChangedUnit = { id: string; status: string; entered: string[]; left: string[] };

/** The changes as the expectation lists them. */
function listed(changes: { units: ChangedUnit[] }) {
  const ids = (f: (u: ChangedUnit) => boolean) =>
    changes.units
      .filter(f)
      .map((u) => u.id)
      .sort();
  return {
    neu: ids((u) => u.status === "neu"),
    entfallen: ids((u) => u.status === "entfallen"),
    entered: ids((u) => u.entered.includes("sozialarbeit")),
    left: ids((u) => u.left.includes("sozialarbeit")),
    otherStrands: ids((u) => [...u.entered, ...u.left].some((s) => s !== "sozialarbeit")),
  };
}

const EXPECTED = {
  neu: [...NEXT_YEAR_EXPECTED.neu].sort(),
  entfallen: [...NEXT_YEAR_EXPECTED.entfallen].sort(),
  entered: [...NEXT_YEAR_EXPECTED.entered.sozialarbeit].sort(),
  left: [...NEXT_YEAR_EXPECTED.left.sozialarbeit].sort(),
  otherStrands: [],
};

let dir: string;
let adopted: string;
let adoptedJson: string;
let nextYearRun: { status: number | null; stdout: string; stderr: string };
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-fort-"));
  adopted = path.join(dir, "Beschluss-2022.xlsx");
  adoptedJson = path.join(dir, "Beschluss-2022.json");
  const run = await srb(
    "allocate",
    path.join(SAMPLE_DIR, "Musterstadt.xlsx"),
    "--adopt-date",
    "2022-03-15",
    "--out",
    adopted,
    "--json",
    adoptedJson,
    "--quiet",
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const next = await srb(
    "allocate",
    path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
    "--compare",
    adopted,
    "--out",
    path.join(dir, "2023.xlsx"),
    "--json",
    path.join(dir, "2023.json"),
  );
  nextYearRun = next;
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the committed next-year sample is what make-next-year generates", () => {
  test("Musterstadt-Folgejahr.xlsx holds nextYearRows() and nextYearModel()", async () => {
    const book = await readBook(path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"));
    expect(sheetValues(book.getWorksheet("Kitas")!)).toEqual([
      HEADERS,
      ...nextYearRows().map((r) => r.map((v) => v ?? null)),
    ]);
    expect(decodeStore(sheetValues(book.getWorksheet("_SRB")!) as never).model).toEqual(nextYearModel());
  });
});

describe("srb allocate --adopt", () => {
  test("the Beschluss is stored in the output workbook and shown on the Methode sheet; stderr says so", async () => {
    const book = await readBook(adopted);
    const store = decodeStore(sheetValues(book.getWorksheet("_SRB")!) as never);
    expect(store.adoptions).toHaveLength(1);
    expect(store.adoptions?.[0]).toMatchObject({ date: "2022-03-15", budget: 1002240 });
    const methode = sheetValues(book.getWorksheet("Methode")!).map((r) => r?.[0]);
    expect(methode).toContain("Beschlüsse (Fortschreibung)");
    expect(methode).toContain("Diese Verteilung wurde am 15.03.2022 als Beschluss festgehalten.");
    expect(book.getWorksheet("Veränderungen")).toBeUndefined(); // nothing adopted before: nothing to compare
  });
});

describe("a damaged Beschluss in the store", () => {
  test("said on stderr and in the Prüfbericht; the readable one is still compared with, the damaged one kept", async () => {
    // the adopted workbook, its store with a second Beschluss whose text was cut (by hand or another program)
    const book = await readBook(adopted);
    const damaged = '{"version":1,"date":"2023-03-14","areas":[{"na';
    book.getWorksheet("_SRB")!.addRow(["adoption", damaged]);
    const input = path.join(dir, "Beschluss-2022-beschaedigt.xlsx");
    await book.xlsx.writeFile(input);
    const out = path.join(dir, "beschaedigt-2023.xlsx");
    const json = path.join(dir, "beschaedigt-2023.json");
    const run = await srb("allocate", input, "--out", out, "--json", json);
    const message =
      "1 gespeicherter Beschluss ist beschädigt (im verborgenen Blatt „_SRB“) und wird nicht verwendet.";
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Veränderungen gegenüber Beschluss vom 15.03.2022");
    const written = await readBook(out);
    const report = sheetValues(written.getWorksheet("Prüfbericht")!).flat().map(plain);
    expect(report).toContain(message);
    expect(decodeStore(sheetValues(written.getWorksheet("_SRB")!) as never).damagedAdoptions).toEqual([
      damaged,
    ]);
    const issues = (await readJson(json)).issues as { code: string; message: string }[];
    expect(issues).toContainEqual(expect.objectContaining({ code: "adoption-unreadable", message }));
  });
});

describe("damaged Beschlüsse in the --compare workbook", () => {
  test("said with the workbook's name (stderr, Prüfbericht, results.json); the readable one is compared with, the others not taken over", async () => {
    // last year's workbook with two more Beschlüsse: one cut (no JSON), one with a Kita's amount typed as text
    const book = await readBook(adopted);
    const store = book.getWorksheet("_SRB")!;
    const stored = decodeStore(sheetValues(store) as never).adoptions![0] as {
      date: string;
      units: { id: string; amount: unknown }[];
    };
    const edited = { ...stored, date: "2023-03-14", units: stored.units.map((u) => ({ ...u })) };
    edited.units[1].amount = "41.100";
    store.addRow(["adoption", '{"version":1,"date":"2023-03-14","areas":[{"na']);
    store.addRow(["adoption", JSON.stringify(edited)]);
    const earlier = path.join(dir, "Beschluss-2022-vergleich-beschaedigt.xlsx");
    await book.xlsx.writeFile(earlier);
    // the new year's data in a new file (no Beschluss of its own: the readable one is taken over)
    const fresh = new ExcelJS.Workbook();
    const sheet = fresh.addWorksheet("Kitas");
    sheet.addRow(HEADERS);
    for (const row of nextYearRows()) sheet.addRow(row.map((v) => v ?? null));
    const input = path.join(dir, "Kitas-2023-vergleich.xlsx");
    await fresh.xlsx.writeFile(input);
    const out = path.join(dir, "vergleich-beschaedigt-2023.xlsx");
    const json = path.join(dir, "vergleich-beschaedigt-2023.json");
    const run = await srb("allocate", input, "--compare", earlier, "--out", out, "--json", json);

    const name = "Beschluss-2022-vergleich-beschaedigt.xlsx";
    const damaged = `In der Vergleichs-Arbeitsmappe „${name}“ ist 1 gespeicherter Beschluss beschädigt (im verborgenen Blatt „_SRB“) und wird nicht verwendet.`;
    const unusable = `In der Vergleichs-Arbeitsmappe „${name}“ wird ein gespeicherter Beschluss (Nr. 2) nicht verwendet: Der gespeicherte Beschluss vom 14.03.2023: bei der Einrichtung „${edited.units[1].id}“ ist der beschlossene Betrag „41.100“ ungültig – erwartet wird ein Betrag in Euro ab 0, als Zahl ohne Tausenderpunkte (z. B. 41100.5).`;
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(damaged);
    expect(run.stderr).toContain(unusable);
    expect(run.stderr).toContain(`Veränderungen gegenüber Arbeitsmappe „${name}“ (Beschluss vom 15.03.2022)`);
    const issues = (await readJson(json)).issues as { code: string; level: string; message: string }[];
    for (const message of [damaged, unusable]) {
      expect(issues).toContainEqual({
        code: "adoption-unreadable",
        level: "warning",
        sheet: "",
        cell: "",
        message,
      });
    }
    expect(issues.filter((i) => i.code === "adoption-unreadable")).toHaveLength(2);
    const written = await readBook(out);
    const report = sheetValues(written.getWorksheet("Prüfbericht")!).flat().map(plain);
    expect(report).toContain(damaged);
    expect(report).toContain(unusable);
    // only the readable Beschluss is taken over into the new year's workbook
    const kept = decodeStore(sheetValues(written.getWorksheet("_SRB")!) as never);
    expect(kept.adoptions?.map((a) => (a as { date: string }).date)).toEqual(["2022-03-15"]);
    expect(kept.damagedAdoptions ?? []).toEqual([]);
  });
});

describe("the next year against the Beschluss", () => {
  test("--compare <adopted workbook>: changes lists exactly the fixture's; Veränderungen sheet with the summary on top", async () => {
    const out = path.join(dir, "2023.xlsx");
    const json = path.join(dir, "2023.json");
    const run = nextYearRun; // made in beforeAll: the LibreOffice test reads its workbook too
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `Veränderungen gegenüber Arbeitsmappe „Beschluss-2022.xlsx“ (Beschluss vom 15.03.2022): ${NEXT_YEAR_EXPECTED.summary}`,
    );
    const results = await readJson(json);
    resultsSchema.parse(results);
    const changes = changesSchema.parse(results.changes);
    expect(listed(changes)).toEqual(EXPECTED);
    expect(results.changes).toMatchObject({ summary: NEXT_YEAR_EXPECTED.summary });
    expect(changes.areas[0].name).toBe(NEXT_YEAR_EXPECTED.biggestArea);

    const sheet = (await readBook(out)).getWorksheet("Veränderungen")!;
    const rows = sheetValues(sheet);
    expect(rows[1][0]).toBe(NEXT_YEAR_EXPECTED.summary);
    const unitHeader = rows.findIndex((r) => r?.[0] === "Einrichtung");
    const unitRows = rows.slice(unitHeader + 1).map((r) => r.map(plain));
    expect(unitRows.map((r) => r[0])).toEqual(changes.units.map((u) => u.id));
    expect(
      unitRows
        .filter((r) => r[2] !== "geblieben")
        .map((r) => r[0])
        .sort(),
    ).toEqual([...EXPECTED.neu, ...EXPECTED.entfallen].sort());

    // the Vorlage for the committee summarises the changes in one line (its lines joined again)
    const vorlage = sheetValues((await readBook(out)).getWorksheet("Vorlage")!)
      .map((r) => (r ?? []).filter((v) => typeof v === "string").join(" "))
      .join(" ");
    expect(vorlage).toContain(
      `Veränderungen gegenüber Arbeitsmappe „Beschluss-2022.xlsx“ (Beschluss vom 15.03.2022): ${NEXT_YEAR_EXPECTED.summary}`,
    );
  });

  test("--compare <earlier results.json>: the same changes", async () => {
    const json = path.join(dir, "2023-vs-json.json");
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
      "--compare",
      adoptedJson,
      "--out",
      path.join(dir, "2023b.xlsx"),
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(0);
    const results = await readJson(json);
    expect(listed(changesSchema.parse(results.changes))).toEqual(EXPECTED);
    expect(results.changes).toMatchObject({
      against: "Ergebnisdatei „Beschluss-2022.json“",
      summary: NEXT_YEAR_EXPECTED.summary,
    });
  });

  test("the adopted workbook with next year's data: compared with its stored Beschluss without --compare", async () => {
    // the user's workflow: next year the Kitas sheet of the adopted workbook gets the new data
    const book = await readBook(adopted);
    const kitas = book.getWorksheet("Kitas")!;
    const rows = nextYearRows();
    const last = Math.max(kitas.rowCount, rows.length + 1);
    for (let r = 2; r <= last; r++) kitas.getRow(r).values = (rows[r - 2] ?? []) as ExcelJS.CellValue[];
    const year2 = path.join(dir, "Beschluss-2022-neue-Daten.xlsx");
    await book.xlsx.writeFile(year2);
    const model = path.join(dir, "2023.srb.json");
    await fs.writeFile(model, JSON.stringify(nextYearModel()));
    const json = path.join(dir, "2023c.json");
    const run = await srb(
      "allocate",
      year2,
      "--model",
      model,
      "--out",
      path.join(dir, "2023c.xlsx"),
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(0);
    const results = await readJson(json);
    expect(listed(changesSchema.parse(results.changes))).toEqual(EXPECTED);
    expect(results.changes).toMatchObject({ against: "Beschluss vom 15.03.2022" });
    // fixed goalposts from the adopted year: no indicator lacks them
    expect((results.issues as { code: string }[]).filter((i) => i.code === "goalposts-missing")).toEqual([]);
  });
});

describe("--carry-forward and comparing with itself", () => {
  test("carrying the grown budget forward gives the adopted shares to the cent", async () => {
    const json = path.join(dir, "fortgeschrieben.json");
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
      "--compare",
      adopted,
      "--carry-forward",
      "--out",
      path.join(dir, "fortgeschrieben.xlsx"),
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(0);
    const results = resultsSchema.parse(await readJson(json));
    const before = resultsSchema.parse(await readJson(adoptedJson));
    expect(results.areas.map((a) => [a.name, a.share])).toEqual(before.areas.map((a) => [a.name, a.share]));
    const cents = results.areas.map((a) => Math.round(a.amount * 100));
    expect(cents.reduce((s, c) => s + c, 0)).toBe(NEXT_YEAR_BUDGET * 100);
    results.areas.forEach((a, r) =>
      expect(Math.abs(cents[r] - a.share * NEXT_YEAR_BUDGET * 100)).toBeLessThan(1),
    );
    const changes = changesSchema.parse((await readJson(json)).changes);
    expect(
      changes.units.every((u) => u.status === "geblieben" && u.entered.length + u.left.length === 0),
    ).toBe(true);
    const verteilung = sheetValues(
      (await readBook(path.join(dir, "fortgeschrieben.xlsx"))).getWorksheet("Verteilung")!,
    );
    expect(verteilung.at(-1)?.[0]).toBe(
      "Fortschreibung: die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet.",
    );
    // and the Vorlage's method says so instead of describing a recomputed index split
    const vorlage = sheetValues(
      (await readBook(path.join(dir, "fortgeschrieben.xlsx"))).getWorksheet("Vorlage")!,
    )
      .map((r) => (r ?? []).filter((v) => typeof v === "string").join(" "))
      .join(" ");
    expect(vorlage).toContain(
      "4. Fortgeschrieben: Die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet.",
    );
  });

  test("--carry-forward --compare <earlier results.json> distributes budget.total by its areas[].share (SPEC §8)", async () => {
    const json = path.join(dir, "fortgeschrieben-json.json");
    const out = path.join(dir, "fortgeschrieben-json.xlsx");
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
      "--compare",
      adoptedJson,
      "--carry-forward",
      "--out",
      out,
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("Veränderungen gegenüber Ergebnisdatei „Beschluss-2022.json“");
    const results = resultsSchema.parse(await readJson(json));
    const before = resultsSchema.parse(await readJson(adoptedJson));
    expect(results.budget).toBe(NEXT_YEAR_BUDGET);
    expect(results.areas.map((a) => [a.name, a.share])).toEqual(before.areas.map((a) => [a.name, a.share]));
    const cents = results.areas.map((a) => Math.round(a.amount * 100));
    expect(cents.reduce((s, c) => s + c, 0)).toBe(NEXT_YEAR_BUDGET * 100);
    results.areas.forEach((a, r) =>
      expect(Math.abs(cents[r] - a.share * NEXT_YEAR_BUDGET * 100)).toBeLessThan(1),
    );
    // the earlier file's Einrichtungen, index and eligibility; the staff plan re-derived (SPEC §5 invariant)
    expect(results.units.map((u) => [u.id, u.index, u.eligible])).toEqual(
      before.units.map((u) => [u.id, u.index, u.eligible]),
    );
    const raw = (await readJson(json)) as {
      units: { area: string; plan?: { amount: number } }[];
      areas: { name: string; amount: number; unplanned?: number }[];
    };
    for (const a of raw.areas) {
      const planned = raw.units
        .filter((u) => u.area === a.name)
        .reduce((sum, u) => sum + Math.round((u.plan?.amount ?? 0) * 100), 0);
      expect(planned + Math.round((a.unplanned ?? 0) * 100)).toBe(Math.round(a.amount * 100));
    }
    const verteilung = sheetValues((await readBook(out)).getWorksheet("Verteilung")!);
    expect(verteilung.at(-1)?.[0]).toBe(
      "Fortschreibung: die Anteile sind die aus der Ergebnisdatei „Beschluss-2022.json“ – der Index wurde nicht neu berechnet.",
    );
  });

  test("--carry-forward --compare <earlier workbook without Beschluss> carries its own computation's shares", async () => {
    const plainOut = path.join(dir, "ohne-beschluss.xlsx");
    const plainJson = path.join(dir, "ohne-beschluss.json");
    const first = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt.xlsx"),
      "--out",
      plainOut,
      "--json",
      plainJson,
      "--quiet",
    );
    expect(first.status).toBe(0);
    const json = path.join(dir, "fortgeschrieben-ohne.json");
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
      "--compare",
      plainOut,
      "--carry-forward",
      "--out",
      path.join(dir, "fortgeschrieben-ohne.xlsx"),
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(0);
    const results = resultsSchema.parse(await readJson(json));
    const before = resultsSchema.parse(await readJson(plainJson));
    expect(results.areas.map((a) => [a.name, a.share])).toEqual(before.areas.map((a) => [a.name, a.share]));
    expect(results.areas.reduce((s, a) => s + Math.round(a.amount * 100), 0)).toBe(NEXT_YEAR_BUDGET * 100);
  });

  test("--carry-forward --compare <a results.json of a blocked run> is a German error (exit 2)", async () => {
    const blockedJson = path.join(dir, "blockiert.json");
    await fs.writeFile(
      blockedJson,
      JSON.stringify({ budget: 0, allocated: false, units: [], areas: [], issues: [] }),
    );
    const out = path.join(dir, "blockiert.xlsx");
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
      "--compare",
      blockedJson,
      "--carry-forward",
      "--out",
      out,
      "--json",
      path.join(dir, "blockiert-out.json"),
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("„blockiert.json“ enthält keine Verteilung");
    expect(run.stderr).not.toMatch(/Error|at .*\.ts/);
    await expect(fs.stat(out)).rejects.toThrow();
  });

  test("without a Beschluss, --carry-forward is a blocking German error (exit 2), no workbook written", async () => {
    const out = path.join(dir, "nichts.xlsx");
    const json = path.join(dir, "nichts.json");
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt.xlsx"),
      "--carry-forward",
      "--out",
      out,
      "--json",
      json,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "Fortschreibung nicht möglich: in dieser Arbeitsmappe ist kein Beschluss gespeichert.",
    );
    await expect(fs.stat(out)).rejects.toThrow();
  });

  test("comparing a workbook with itself gives no change", async () => {
    const json = path.join(dir, "selbst.json");
    const run = await srb(
      "allocate",
      adopted,
      "--compare",
      adopted,
      "--out",
      path.join(dir, "selbst.xlsx"),
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(0);
    const results = await readJson(json);
    const changes = changesSchema.parse(results.changes);
    expect(results.changes).toMatchObject({ summary: "Keine Veränderungen." });
    expect(
      changes.units.every(
        (u) =>
          u.status === "geblieben" && u.amountDelta === 0 && u.entered.length === 0 && u.left.length === 0,
      ),
    ).toBe(true);
    expect(changes.areas.every((a) => a.shareAfter === a.shareBefore && a.amountDelta === 0)).toBe(true);
  });

  test("the --compare file is an input: an output onto it is refused", async () => {
    const run = await srb(
      "allocate",
      path.join(SAMPLE_DIR, "Musterstadt-Folgejahr.xlsx"),
      "--compare",
      adoptedJson,
      "--json",
      adoptedJson,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("ist dieselbe Datei wie die Vergleichsdatei (--compare)");
  });
});

describe("LibreOffice recalculates the Veränderungen sheet of srb's output", () => {
  withLibreOffice("every formula cell equals the value srb stored", async () => {
    requireTool(LIBREOFFICE);
    const out = path.join(dir, "2023.xlsx");
    const sheet = (await readBook(out)).getWorksheet("Veränderungen")!;
    const cached: { where: string; row: number; col: number; value: number }[] = [];
    sheet.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && "formula" in v && v.formula)
          // exceljs reads a cached 0 back without a result
          cached.push({ where: `R${r}C${c} ${v.formula}`, row: r, col: c, value: Number(v.result ?? 0) });
      }),
    );
    expect(cached.length).toBeGreaterThan(60);
    const sheets = await recalcWithLibreOffice(await fs.readFile(out));
    const recalculated = sheets["Veränderungen"];
    for (const f of cached) {
      const lo = csvNumber(recalculated[f.row - 1]?.[f.col - 1]);
      expect({ where: f.where, ok: Math.abs(lo - f.value) < 1e-6 }).toEqual({ where: f.where, ok: true });
    }
  });
});

describe("a new year's workbook without a model, compared with last year's result", () => {
  test("--compare <workbook> lends its model and Beschlüsse; without --compare the model is missing", async () => {
    // the next year's data typed into a new file: no hidden _SRB sheet, no stored model
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Kitas");
    sheet.addRow(HEADERS);
    for (const row of nextYearRows()) sheet.addRow(row.map((v) => v ?? null));
    const fresh = path.join(dir, "Kitas-2023.xlsx");
    await book.xlsx.writeFile(fresh);

    const alone = await srb("allocate", fresh, "--out", path.join(dir, "alone.xlsx"), "--quiet");
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain("enthält kein gespeichertes SRB-Modell");

    const json = path.join(dir, "lent.json");
    const out = path.join(dir, "lent.xlsx");
    const run = await srb("allocate", fresh, "--compare", adopted, "--out", out, "--json", json);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `die Arbeitsmappe hat kein gespeichertes Modell: verwende das Modell aus der Vergleichsdatei ${adopted}`,
    );
    expect(changesSchema.parse((await readJson(json)).changes).units.length).toBeGreaterThan(0);
    expect(run.stderr).toContain(`übernehme den Beschluss aus der Vergleichsdatei ${adopted}`);
    // the output keeps the model and last year's Beschluss for the year after, as the standalone page's
    // „Beschluss des Vorjahres übernehmen“ does; the Methode sheet lists it
    const written = await readBook(out);
    const store = decodeStore(sheetValues(written.getWorksheet("_SRB")!) as never);
    expect(store.model).toMatchObject({ data: { sheet: "Kitas" } });
    expect(store.adoptions?.map((a) => (a as { date: string }).date)).toEqual(["2022-03-15"]);
    expect(sheetValues(written.getWorksheet("Methode")!).map((r) => r?.[0])).toContain("15.03.2022");
  });
});

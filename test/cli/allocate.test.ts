/**
 * `srb allocate` end to end: the command's `main` with the user's arguments, in this process
 * (test/helpers/cli.ts; test/cli/binary.test.ts starts the real `bin/srb.js` once) on the
 * sample town, checked from the outside (exit status, files, results.json against a zod schema of
 * SPEC.md §8, the output workbook read back with exceljs, not with SRB's adapter).
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { z } from "zod";
import { blockedSchema, resultsSchema } from "../helpers/resultsSchema";
import { readBook, SAMPLE_DIR, sampleCopy, sheetValues, srb } from "../helpers/cli";
import { decodeStore } from "../../src/workbook/store";
import { stringsFor } from "../../src/taskpane/i18n";
import { HEADERS, PLANTED_FAULTS, sampleModel, sampleRows } from "../../scripts/make-sample";

async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

let dir: string;
beforeEach(async () => {
  dir = await sampleCopy("srb-cli-", [
    "Musterstadt.xlsx",
    "Musterstadt-fehlerhaft.xlsx",
    "musterstadt.srb.json",
  ]);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the committed sample is what make-sample generates", () => {
  test("Musterstadt.xlsx holds sampleRows() under HEADERS and the sample model in its store sheet", async () => {
    const book = await readBook(path.join(SAMPLE_DIR, "Musterstadt.xlsx"));
    const values = sheetValues(book.getWorksheet("Kitas")!);
    expect(values[0]).toEqual(HEADERS);
    expect(values.slice(1)).toEqual(sampleRows().map((r) => r.map((v) => (v === undefined ? null : v))));
    const store = book.getWorksheet("_SRB")!;
    expect(store.state).toBe("veryHidden");
    expect(decodeStore(sheetValues(store) as never).model).toEqual(sampleModel());
    expect(JSON.parse(await fs.readFile(path.join(SAMPLE_DIR, "musterstadt.srb.json"), "utf8"))).toEqual(
      sampleModel(),
    );
  });

  test("32 Kitas in 8 Sozialräume, one Nachbarschaftszentrum each, ≥ 16 indicators, a reversed one", () => {
    const rows = sampleRows();
    const model = sampleModel();
    expect(rows).toHaveLength(32);
    const areas = new Set(rows.map((r) => r[1]));
    expect(areas.size).toBe(8);
    const centre = HEADERS.indexOf("Nachbarschaftszentrum");
    for (const area of areas) expect(rows.filter((r) => r[1] === area && r[centre] === "ja")).toHaveLength(1);
    expect(model.indicators.length).toBeGreaterThanOrEqual(16);
    expect(model.indicators.some((i) => i.direction === -1)).toBe(true);
    expect(new Set(model.indicators.map((i) => i.category)).size).toBe(4);
    expect(new Set(rows.map((r) => r[0])).size).toBe(32);
  });
});

describe("srb allocate on the sample town", () => {
  test("exit 0: copy with generated sheets, user sheets unchanged, input untouched, results.json per §8", async () => {
    const input = path.join(dir, "Musterstadt.xlsx");
    const out = path.join(dir, "Verteilung.xlsx");
    const json = path.join(dir, "ergebnis.json");
    const before = await sha256(input);

    const run = await srb("allocate", input, "--out", out, "--json", json);
    expect(run.stderr).toContain("srb: fertig");
    expect(run.status).toBe(0);
    expect(await sha256(input)).toBe(before);

    // results.json: SPEC.md §8 shape; Σ amounts = budget to the cent; shares add up to 1
    const results = resultsSchema.parse(JSON.parse(await fs.readFile(json, "utf8")));
    expect(results.budget).toBe(1002240);
    expect(results.units).toHaveLength(32);
    expect(results.areas.map((a) => a.name).sort()).toEqual(
      [...new Set(sampleRows().map((r) => String(r[1])))].sort(),
    );
    const cents = results.areas.map((a) => Math.round(a.amount * 100));
    results.areas.forEach((a, i) => expect(a.amount * 100).toBeCloseTo(cents[i], 6));
    expect(cents.reduce((s, c) => s + c, 0)).toBe(100224000);
    expect(results.areas.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 12);
    expect(results.issues.every((i) => i.level === "warning")).toBe(true);
    // the sample's blank cells are reported (missing values are skipped and listed, SPEC.md §2.4)
    expect(results.issues.map((i) => i.cell)).toEqual(expect.arrayContaining(["K8", "O14", "S21"]));

    // stdout: the Sozialraum table in de-DE format
    for (const area of results.areas) expect(run.stdout).toContain(area.name);
    expect(run.stdout).toMatch(/Summe\s+100,00 %\s+1\.002\.240,00 €/);
    // the sample has a Stellenplan: VZÄ planned and nicht verplant per Sozialraum, their sums in the total line
    const de2 = (x: number) =>
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
    expect(run.stdout).toMatch(/^Sozialraum\s+Index\s+Anteil\s+Betrag\s+VZÄ\s+nicht verplant$/m);
    const planAreas = (
      JSON.parse(await fs.readFile(json, "utf8")) as {
        areas: { name: string; plannedVzae?: number; unplanned?: number }[];
      }
    ).areas;
    const totalVzae = planAreas.reduce((s, a) => s + (a.plannedVzae ?? 0), 0);
    const totalUnplanned = planAreas.reduce((s, a) => s + Math.round((a.unplanned ?? 0) * 100), 0) / 100;
    expect(totalVzae).toBeGreaterThan(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Summe\\s+100,00 %\\s+1\\.002\\.240,00 €\\s+${de2(totalVzae)}\\s+${de2(totalUnplanned).replace(/\./g, "\\.")} €$`,
        "m",
      ),
    );
    for (const a of planAreas)
      expect(run.stdout).toMatch(new RegExp(`^${a.name}\\s.*\\s${de2(a.plannedVzae ?? 0)}\\s+\\S+ €$`, "m"));
    const top = [...results.areas].sort((a, b) => b.amount - a.amount)[0];
    expect(run.stdout).toContain(
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        top.amount,
      ),
    );

    // output workbook: user sheets unchanged, generated sheets added, model stored
    const inBook = await readBook(input);
    const outBook = await readBook(out);
    for (const name of ["Kitas", "Notizen"]) {
      expect(sheetValues(outBook.getWorksheet(name)!)).toEqual(sheetValues(inBook.getWorksheet(name)!));
    }
    const names = outBook.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(["Kitas", "Notizen"]);
    expect(names).toEqual(
      expect.arrayContaining(["Verteilung", "Einrichtungen", "Normbereiche", "Prüfbericht", "Methode"]),
    );
    // the model is stored as parsed: everything of the input model, defaults made explicit
    expect(decodeStore(sheetValues(outBook.getWorksheet("_SRB")!) as never).model).toMatchObject(
      sampleModel(),
    );
  });

  test("default paths: <input>-srb.xlsx and <input>-srb.json beside the input; --quiet: no progress", async () => {
    const run = await srb("allocate", path.join(dir, "Musterstadt.xlsx"), "--quiet");
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(await exists(path.join(dir, "Musterstadt-srb.xlsx"))).toBe(true);
    resultsSchema.parse(JSON.parse(await fs.readFile(path.join(dir, "Musterstadt-srb.json"), "utf8")));
  });

  test("progress names the files as given, with their folder, not only their names", async () => {
    // relative to the working directory, as a user types it (npm start: out/Musterstadt-srb.xlsx)
    const out = path.relative(process.cwd(), path.join(dir, "ausgabe", "Verteilung.xlsx"));
    const json = path.relative(process.cwd(), path.join(dir, "ausgabe", "ergebnis.json"));
    expect(out).toContain(path.join("ausgabe", "Verteilung.xlsx"));
    const run = await srb("allocate", path.join(dir, "Musterstadt.xlsx"), "--out", out, "--json", json);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`srb: schreibe ${out} …\n`);
    expect(run.stderr).toContain(`srb: schreibe ${json} …\n`);
    // the defaults beside the input: the input's folder as given
    const input = path.join(dir, "Musterstadt.xlsx");
    const defaults = await srb("allocate", input);
    expect(defaults.stderr).toContain(`srb: schreibe ${path.join(dir, "Musterstadt-srb.xlsx")} …\n`);
    expect(defaults.stderr).toContain(`srb: schreibe ${path.join(dir, "Musterstadt-srb.json")} …\n`);
  });

  test("--model overrides the stored model (budget and one weight) and is stored in the output", async () => {
    const model = sampleModel();
    model.budget.total = 500000;
    model.categories[0].weight = 3;
    const modelFile = path.join(dir, "anders.srb.json");
    await fs.writeFile(modelFile, JSON.stringify(model));
    const out = path.join(dir, "o.xlsx");
    const json = path.join(dir, "o.json");

    const run = await srb(
      "allocate",
      path.join(dir, "Musterstadt.xlsx"),
      "--model",
      modelFile,
      "--out",
      out,
      "--json",
      json,
    );
    expect(run.status).toBe(0);
    const results = resultsSchema.parse(JSON.parse(await fs.readFile(json, "utf8")));
    expect(results.budget).toBe(500000);
    expect(results.areas.reduce((s, a) => s + Math.round(a.amount * 100), 0)).toBe(50000000);
    expect(run.stdout).toContain("500.000,00 €");
    const stored = decodeStore(sheetValues((await readBook(out)).getWorksheet("_SRB")!) as never).model;
    expect(stored).toMatchObject(model);
  });

  test("--robustness adds the Robustheit sheet and the robustness field of results.json", async () => {
    const out = path.join(dir, "robust.xlsx");
    const json = path.join(dir, "robust.json");
    const run = await srb(
      "allocate",
      path.join(dir, "Musterstadt.xlsx"),
      "--robustness",
      "--quiet",
      "--out",
      out,
      "--json",
      json,
    );
    expect(run.status).toBe(0);
    const results = JSON.parse(await fs.readFile(json, "utf8"));
    const schema = z.object({
      areas: z.array(
        z.object({
          name: z.string(),
          share: z.number(),
          shareMin: z.number(),
          shareMedian: z.number(),
          shareMax: z.number(),
          rankMin: z.number().int(),
          rankMax: z.number().int(),
        }),
      ),
      units: z.array(
        z.object({ id: z.string(), sozialarbeitFrequency: z.number(), interkulturellFrequency: z.number() }),
      ),
      runs: z.number().int(),
      seed: z.number().int(),
    });
    const r = schema.parse(results.robustness);
    expect(r.areas.map((a) => a.name)).toEqual(results.areas.map((a: { name: string }) => a.name));
    expect(r.units).toHaveLength(32);
    expect(r.runs).toBeGreaterThan(1000);
    for (const a of r.areas) expect(a.shareMin <= a.share && a.share <= a.shareMax).toBe(true);
    const book = await readBook(out);
    expect(book.getWorksheet("Robustheit")).toBeDefined();
  });
});

describe("srb allocate on the faulty sample", () => {
  test("exit 2: every planted error with sheet and A1 cell in results.json, no output workbook", async () => {
    const input = path.join(dir, "Musterstadt-fehlerhaft.xlsx");
    const out = path.join(dir, "Musterstadt-fehlerhaft-srb.xlsx");
    const json = path.join(dir, "Musterstadt-fehlerhaft-srb.json");
    const before = await sha256(input);

    const run = await srb("allocate", input);
    expect(run.status).toBe(2);
    expect(await exists(out)).toBe(false);
    expect(await sha256(input)).toBe(before);
    const results = blockedSchema.parse(JSON.parse(await fs.readFile(json, "utf8")));
    const errors = results.issues.filter((i) => i.level === "error");

    // the "k.A." cell, found by reading the file, not by trusting the generator
    const sheet = (await readBook(input)).getWorksheet("Kitas")!;
    let kA = "";
    sheet.eachRow((row) => row.eachCell((cell) => (cell.value === "k.A." ? (kA = cell.address) : undefined)));
    expect(kA).toBe("L11");

    const column = (header: string) => String.fromCharCode(65 + HEADERS.indexOf(header));
    const expected = PLANTED_FAULTS.map((f) => `${column(f.column)}${f.unit + 2}`);
    expect(expected).toEqual(["L11", "M5", "J20", "A25", "B30"]);
    for (const cell of expected) {
      const hit = errors.find((e) => e.sheet === "Kitas" && e.cell === cell);
      expect(hit).toBeDefined();
    }
    // the message names the value
    expect(errors.find((e) => e.cell === "L11")!.message).toContain("k.A.");
    expect(errors.find((e) => e.cell === "M5")!.message).toContain("12,5");
    // German report on stderr, with the cell
    expect(run.stderr).toContain("Kitas!L11");
    expect(run.stderr).toMatch(/Die Verteilung wurde nicht berechnet: \d+ Fehler/);
  });

  test("the warnings the count names are listed after the errors, as on a run that is not blocked", async () => {
    const run = await srb("allocate", path.join(dir, "Musterstadt-fehlerhaft.xlsx"));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Die Verteilung wurde nicht berechnet: 5 Fehler, 3 Warnungen.");
    const lines = run.stderr.split("\n");
    const lastError = lines.map((l) => l.startsWith("  Fehler ")).lastIndexOf(true);
    const warnings = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith("srb: Warnung "));
    expect(warnings.map(([l]) => /^srb: Warnung \S+/.exec(l)![0].replace(/:$/, ""))).toEqual([
      "srb: Warnung Kitas!K8",
      "srb: Warnung Kitas!O14",
      "srb: Warnung Kitas!S21",
    ]);
    for (const [, i] of warnings) expect(i).toBeGreaterThan(lastError);
    // --quiet leaves them out, as it does on a run that is not blocked; the errors stay
    const quiet = await srb("allocate", path.join(dir, "Musterstadt-fehlerhaft.xlsx"), "--quiet");
    expect(quiet.stderr).not.toContain("Warnung Kitas!");
    expect(quiet.stderr).toContain("Fehler Kitas!L11");
  });

  test("a stale output of an earlier run is left alone and the user is told", async () => {
    const out = path.join(dir, "alt.xlsx");
    await fs.writeFile(out, "alt");
    const run = await srb("allocate", path.join(dir, "Musterstadt-fehlerhaft.xlsx"), "--out", out);
    expect(run.status).toBe(2);
    expect(await fs.readFile(out, "utf8")).toBe("alt");
    expect(run.stderr).toContain("wurde NICHT aktualisiert");
  });
});

describe("no model", () => {
  test("a workbook without stored model and without --model: exit 2 with a German issue; with --model: exit 0", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Kitas");
    sheet.addRow(HEADERS);
    for (const row of sampleRows()) sheet.addRow(row);
    const input = path.join(dir, "ohne-modell.xlsx");
    await book.xlsx.writeFile(input);
    const json = path.join(dir, "ohne.json");

    const run = await srb("allocate", input, "--json", json);
    expect(run.status).toBe(2);
    expect(await exists(path.join(dir, "ohne-modell-srb.xlsx"))).toBe(false);
    const results = blockedSchema.parse(JSON.parse(await fs.readFile(json, "utf8")));
    expect(results.issues).toHaveLength(1);
    expect(results.issues[0].level).toBe("error");
    expect(results.issues[0].message).toContain("kein gespeichertes SRB-Modell");
    // says what to do: the option, a sample model that exists, the button that saves one
    expect(run.stderr).toContain("--model <datei.srb.json>");
    const sample = /assets\/sample\/\S+\.srb\.json/.exec(run.stderr)?.[0];
    expect(sample).toBeDefined();
    expect(await exists(path.join(SAMPLE_DIR, "..", "..", sample!))).toBe(true);
    expect(run.stderr).toContain(`„${stringsFor("de").saveModelFile}“`);

    const withModel = await srb(
      "allocate",
      input,
      "--model",
      path.join(dir, "musterstadt.srb.json"),
      "--json",
      json,
    );
    expect(withModel.status).toBe(0);
    expect(await exists(path.join(dir, "ohne-modell-srb.xlsx"))).toBe(true);
  });
});

describe("model problems block (exit 2, results.json, no workbook)", () => {
  test.each([
    [
      "an invalid direction",
      (m: ReturnType<typeof sampleModel>) => ((m.indicators[0] as { direction: number }).direction = 2),
      /Richtung 2 ist ungültig/,
    ],
    [
      "a data sheet that is not there",
      (m: ReturnType<typeof sampleModel>) => (m.data.sheet = "Daten"),
      /Datenblatt „Daten“ fehlt/,
    ],
  ])("%s", async (_name, change, message) => {
    const model = sampleModel();
    change(model);
    const modelFile = path.join(dir, "falsch.srb.json");
    await fs.writeFile(modelFile, JSON.stringify(model));
    const json = path.join(dir, "falsch.json");
    const run = await srb(
      "allocate",
      path.join(dir, "Musterstadt.xlsx"),
      "--model",
      modelFile,
      "--json",
      json,
      "--quiet",
    );
    expect(run.status).toBe(2);
    expect(await exists(path.join(dir, "Musterstadt-srb.xlsx"))).toBe(false);
    const results = blockedSchema.parse(JSON.parse(await fs.readFile(json, "utf8")));
    const errors = results.issues.filter((i) => i.level === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join("\n")).toMatch(message);
  });
});

describe("a re-run on last year's output", () => {
  test("keeps an SRB sheet the user edited, names the new one differently and says so on stderr", async () => {
    const first = path.join(dir, "lauf1.xlsx");
    const firstRun = await srb(
      "allocate",
      path.join(dir, "Musterstadt.xlsx"),
      "--out",
      first,
      "--json",
      path.join(dir, "lauf1.json"),
      "--quiet",
    );
    expect(firstRun.status).toBe(0);
    // the Sozialraum-Team overrides a proposal in "VZÄ Strang 1 (angepasst)" on Einrichtungen
    const book = await readBook(first);
    const sheet = book.getWorksheet("Einrichtungen")!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const column = header.indexOf("VZÄ Strang 1 (angepasst)");
    expect(column).toBeGreaterThan(0);
    sheet.getCell(2, column).value = 0.75;
    await book.xlsx.writeFile(first);

    const second = path.join(dir, "lauf2.xlsx");
    const run = await srb(
      "allocate",
      first,
      "--out",
      second,
      "--json",
      path.join(dir, "lauf2.json"),
      "--quiet",
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/srb: Hinweis: .*Einrichtungen/);
    const out = await readBook(second);
    expect(out.getWorksheet("Einrichtungen")!.getCell(2, column).value).toBe(0.75);
    expect(out.getWorksheet("Einrichtungen (2)")).toBeDefined();
  });
});

describe("data sheet named in the model", () => {
  test("is found case-insensitively, as Excel names sheets", async () => {
    const model = sampleModel();
    model.data.sheet = "KITAS";
    const modelFile = path.join(dir, "gross.srb.json");
    await fs.writeFile(modelFile, JSON.stringify(model));
    const json = path.join(dir, "gross.json");
    const out = path.join(dir, "gross.xlsx");
    const run = await srb(
      "allocate",
      path.join(dir, "Musterstadt.xlsx"),
      "--model",
      modelFile,
      "--json",
      json,
      "--out",
      out,
      "--quiet",
    );
    expect(run.status).toBe(0);
    const results = JSON.parse(await fs.readFile(json, "utf8"));
    expect(results.units).toHaveLength(32);
  });
});

describe("usage errors exit 1 with a German message", () => {
  test.each([
    ["no arguments", [], /kein Befehl/],
    ["unknown option", ["allocate", "X.xlsx", "--schnell"], /unbekannte Option „--schnell“/],
    ["missing workbook", ["allocate", "fehlt.xlsx"], /wurde nicht gefunden/],
    ["not a workbook", ["allocate", "kaputt.xlsx"], /„kaputt\.xlsx“ ist keine Excel-Arbeitsmappe/],
    [
      "--out is the input",
      ["allocate", "Musterstadt.xlsx", "--out", "Musterstadt.xlsx"],
      /verändert die Eingabe nie/,
    ],
    [
      "model file missing",
      ["allocate", "Musterstadt.xlsx", "--model", "fehlt.srb.json"],
      /Modelldatei .* wurde nicht gefunden/,
    ],
    [
      "model file not JSON",
      ["allocate", "Musterstadt.xlsx", "--model", "kaputt.srb.json"],
      // where it breaks, in German; never JSON.parse's English ("Expected property name …")
      /kaputt\.srb\.json“: Die Modelldatei ist kein gültiges JSON \(Fehler in Zeile 1, Spalte 3\)/,
    ],
  ])("%s", async (_name, args, message) => {
    await fs.writeFile(path.join(dir, "kaputt.xlsx"), "das ist keine Arbeitsmappe");
    await fs.writeFile(path.join(dir, "kaputt.srb.json"), "{ budget: ");
    const before = await sha256(path.join(dir, "Musterstadt.xlsx"));
    const resolved = args.map((a) => (/\.(xlsx|json)$/.test(a) ? path.join(dir, a) : a));
    const run = await srb(...resolved);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
    expect(await sha256(path.join(dir, "Musterstadt.xlsx"))).toBe(before);
    expect(await exists(path.join(dir, "Musterstadt-srb.xlsx"))).toBe(false);
  });

  test("--help in German, exit 0", async () => {
    const run = await srb("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Aufruf:");
    expect(run.stdout).toContain("Rückgabewert:");
  });
});

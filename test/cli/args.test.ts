import * as path from "node:path";
import fc from "fast-check";
import { defaultOutputPath, HELP_TEXT, parseCommandLine } from "../../src/cli/args";
import { generate } from "../../src/usecase/generate";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { SAMPLE_DIR } from "../helpers/cli";
import {
  countIssues,
  formatEuro,
  formatIndex,
  formatShare,
  issueLine,
  sozialraumTable,
} from "../../src/cli/format";

describe("parseCommandLine", () => {
  test("allocate with defaults beside the input (<input>-srb.xlsx, <input>-srb.json)", () => {
    const parsed = parseCommandLine(["allocate", path.join("daten", "Kitas 2024.xlsx")]);
    expect(parsed).toEqual({
      kind: "allocate",
      options: {
        workbook: path.join("daten", "Kitas 2024.xlsx"),
        modelFile: null,
        out: path.join("daten", "Kitas 2024-srb.xlsx"),
        json: path.join("daten", "Kitas 2024-srb.json"),
        publication: null,
        robustness: false,
        quiet: false,
        adopt: false,
        adoptDate: null,
        carryForward: false,
        compare: null,
        pdf: null,
      },
    });
  });

  test("every option is passed through", () => {
    const parsed = parseCommandLine([
      "allocate",
      "a.xlsx",
      "--model",
      "m.srb.json",
      "--out",
      "o.xlsx",
      "--json",
      "r.json",
      "--publication",
      "Veroeffentlichung.xlsx",
      "--robustness",
      "--quiet",
    ]);
    expect(parsed).toEqual({
      kind: "allocate",
      options: {
        workbook: "a.xlsx",
        modelFile: "m.srb.json",
        out: "o.xlsx",
        json: "r.json",
        publication: "Veroeffentlichung.xlsx",
        robustness: true,
        quiet: true,
        adopt: false,
        adoptDate: null,
        carryForward: false,
        compare: null,
        pdf: null,
      },
    });
  });

  test("Fortschreibung: --adopt, --adopt-date, --carry-forward, --compare", () => {
    const options = (argv: string[]) => {
      const parsed = parseCommandLine(["allocate", "a.xlsx", ...argv]);
      if (parsed.kind !== "allocate") throw new Error(JSON.stringify(parsed));
      return parsed.options;
    };
    expect(options(["--adopt"])).toMatchObject({ adopt: true, adoptDate: null });
    expect(options(["--adopt-date", "2027-03-15"])).toMatchObject({ adopt: true, adoptDate: "2027-03-15" });
    // as a German writes it: stored as ISO
    expect(options(["--adopt-date", "15.03.2027"])).toMatchObject({ adopt: true, adoptDate: "2027-03-15" });
    expect(options(["--adopt-date", "1.4.2027"])).toMatchObject({ adoptDate: "2027-04-01" });
    expect(options(["--carry-forward"])).toMatchObject({ carryForward: true, compare: null });
    expect(options(["--compare", "Beschluss 2026.xlsx"]).compare).toBe("Beschluss 2026.xlsx");
    expect(options(["--compare=alt/ergebnis.JSON", "--carry-forward"])).toMatchObject({
      compare: "alt/ergebnis.JSON",
      carryForward: true,
    });
  });

  test.each([
    [
      ["--adopt-date", "30.02.2027"],
      "srb allocate: --adopt-date „30.02.2027“ ist kein gültiges Datum. Erwartet: TT.MM.JJJJ oder JJJJ-MM-TT, z. B. 15.03.2027",
    ],
    [
      ["--adopt-date", "2027-02-30"],
      "srb allocate: --adopt-date „2027-02-30“ ist kein gültiges Datum. Erwartet: TT.MM.JJJJ oder JJJJ-MM-TT, z. B. 15.03.2027",
    ],
    [
      ["--adopt-date", "03/15/2027"],
      "srb allocate: --adopt-date „03/15/2027“ ist kein gültiges Datum. Erwartet: TT.MM.JJJJ oder JJJJ-MM-TT, z. B. 15.03.2027",
    ],
    [
      ["--compare", "alt.csv"],
      "srb allocate: --compare „alt.csv“ muss eine Arbeitsmappe (.xlsx) oder eine Ergebnisdatei (.json) sein",
    ],
    [["--compare", " "], "srb allocate: --compare braucht einen Dateinamen"],
    [
      ["--carry-forward", "--robustness"],
      "srb allocate: --carry-forward und --robustness schließen sich aus: bei der Fortschreibung wird der Index nicht neu berechnet",
    ],
    [["--compare"], "srb: Option „--compare“ braucht einen Wert (Hilfe: srb --help)"],
  ])("Fortschreibung usage error %j → German message", (argv, message) => {
    expect(parseCommandLine(["allocate", "a.xlsx", ...argv])).toEqual({ kind: "usage-error", message });
  });

  test("options may come before the workbook and use --opt=value", () => {
    const parsed = parseCommandLine(["allocate", "--out=x.xlsx", "a.XLSX"]);
    expect(parsed.kind === "allocate" && parsed.options.out).toBe("x.xlsx");
    expect(parsed.kind === "allocate" && parsed.options.workbook).toBe("a.XLSX");
  });

  test("help and version", () => {
    expect(parseCommandLine(["--help"])).toEqual({ kind: "help" });
    expect(parseCommandLine(["allocate", "-h"])).toEqual({ kind: "help" });
    expect(parseCommandLine(["--version"])).toEqual({ kind: "version" });
    expect(HELP_TEXT).toContain("srb allocate <arbeitsmappe.xlsx>");
    expect(HELP_TEXT).toContain("--publication");
  });

  test("the help names every sheet a run writes and how each prints (the Vorlage A4 hoch, the others quer)", async () => {
    const book = await PackageWorkbook.fromFile(path.join(SAMPLE_DIR, "Musterstadt.xlsx"));
    const { sheets } = await generate(book, { workbookName: "Musterstadt.xlsx" });
    const help = HELP_TEXT.replace(/\s+/g, " ");
    const listed = /erzeugten Blättern \(([^)]*)\)/.exec(help)![1];
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) expect(listed).toContain(sheet.name);
    const pdf = /--pdf \[datei\.pdf\] (.*?) --quiet/.exec(help)![1];
    const portrait = sheets.filter((s) => s.print?.orientation === "portrait").map((s) => s.name);
    expect(portrait).toEqual(["Vorlage"]);
    for (const name of portrait) expect(pdf).toContain(`die ${name} A4 hoch`);
    expect(pdf).toContain("A4 quer");
  });

  test.each([
    [[], /kein Befehl/],
    [["verteile", "a.xlsx"], /unbekannter Befehl „verteile“/],
    [["allocate"], /keine Arbeitsmappe angegeben/],
    [["allocate", "a.xlsx", "b.xlsx"], /genau eine Arbeitsmappe/],
    [["allocate", "a.xlsx", "--out", "o.xlsb"], /--out „o\.xlsb“ muss auf \.xlsx/],
    [["allocate", "a.xlsx", "--foo"], /unbekannte Option „--foo“/],
    [["allocate", "a.xlsx", "--model"], /Option „--model“ braucht einen Wert/],
    [["allocate", "a.xlsx", "--quiet=ja"], /Option „--quiet“ erlaubt keinen Wert/],
    [["allocate", "a.xlsx", "--out", "o.json"], /--out „o\.json“ muss auf \.xlsx \(oder \.xlsm/],
    [["allocate", "a.xlsx", "--json="], /--json braucht einen Dateinamen/],
    [["allocate", "a.xlsx", "--publication"], /Option „--publication“ braucht einen Wert/],
    [["allocate", "a.xlsx", "--publication", "v.pdf"], /--publication „v\.pdf“ muss auf \.xlsx enden/],
  ])("usage error for %j", (argv, message) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.kind).toBe("usage-error");
    expect(parsed.kind === "usage-error" && parsed.message).toMatch(message);
  });

  test("the input's kind is decided from its content; a macro workbook's default output keeps .xlsm", () => {
    const ods = parseCommandLine(["allocate", "Kitas.ods"]);
    expect(ods.kind).toBe("allocate");
    const xlsm = parseCommandLine(["allocate", "Kitas.xlsm"]);
    expect(xlsm.kind === "allocate" && xlsm.options.out).toBe("Kitas-srb.xlsm");
  });

  test("never throws, whatever the arguments (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("allocate", "--out", "--model", "-h", "x.xlsx"))),
        (argv) => {
          const parsed = parseCommandLine(argv);
          expect(["help", "version", "allocate", "usage-error"]).toContain(parsed.kind);
        },
      ),
    );
  });

  test("defaultOutputPath replaces the extension", () => {
    expect(defaultOutputPath(path.join("a", "b.c.xlsx"), ".json")).toBe(path.join("a", "b.c-srb.json"));
  });

  test("a run on an output numbers the next one instead of stacking -srb, and never names the input", () => {
    const defaults = (input: string) => {
      const parsed = parseCommandLine(["allocate", input]);
      if (parsed.kind !== "allocate") throw new Error(parsed.kind);
      return [parsed.options.out, parsed.options.json];
    };
    expect(defaults(path.join("d", "Kreis-srb.xlsx"))).toEqual([
      path.join("d", "Kreis-srb (2).xlsx"),
      path.join("d", "Kreis-srb (2).json"),
    ]);
    expect(defaults("Kreis-srb (2).xlsx")).toEqual(["Kreis-srb (3).xlsx", "Kreis-srb (3).json"]);
    expect(defaults("Kreis-SRB.xlsm")).toEqual(["Kreis-SRB (2).xlsm", "Kreis-SRB (2).json"]);
    // only a trailing -srb counts
    expect(defaults("srb-Kreis.xlsx")).toEqual(["srb-Kreis-srb.xlsx", "srb-Kreis-srb.json"]);
    expect(defaults("Kreis-srb-Entwurf.xlsx")[0]).toBe("Kreis-srb-Entwurf-srb.xlsx");
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        const input = `K${name.replace(/[/\\.]/g, "_")}.xlsx`; // not an option ("-…")
        const [out] = defaults(input);
        expect(out).not.toBe(input);
        expect(out).not.toMatch(/-srb-srb/i);
      }),
    );
  });
});

describe("German formats", () => {
  test("euros: thousands dot, decimal comma, two decimals", () => {
    expect(formatEuro(1002240)).toBe("1.002.240,00 €");
    expect(formatEuro(0.5)).toBe("0,50 €");
    expect(formatEuro(174060.01)).toBe("174.060,01 €");
  });

  test("shares: Bad Kreuznach 2021, 53.0 / 305.2 = 0.173656… → 17,37 %", () => {
    // SPEC.md §4: area index 53.0 of the sum 305.2 gives the published 17.37 %.
    expect(formatShare(53.0 / 305.2)).toBe("17,37 %");
    // 30.6 / 305.2 = 0.100262… → 10,03 %
    expect(formatShare(30.6 / 305.2)).toBe("10,03 %");
  });

  test("index with one decimal", () => {
    expect(formatIndex(53.04)).toBe("53,0");
    expect(formatIndex(36.66)).toBe("36,7");
  });

  test("formatEuro reads back to the same cents (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        const text = formatEuro(cents / 100);
        expect(text).toMatch(/^\d{1,3}(\.\d{3})*,\d{2} €$/);
        const back = Number(text.replace(" €", "").replace(/\./g, "").replace(",", "."));
        expect(Math.round(back * 100)).toBe(cents);
      }),
    );
  });
});

describe("sozialraumTable", () => {
  test("worked example: indices 30 and 10, budget 1,000 € → 75 % / 25 %, 750 € / 250 €", () => {
    // share = 30 / (30 + 10) = 0.75 and 10 / 40 = 0.25; amounts 0.75 · 1000 = 750, 0.25 · 1000 = 250.
    const table = sozialraumTable(
      [
        { name: "Nordstadt", index: 30, share: 0.75, amount: 750 },
        { name: "Gartenstadt", index: 10, share: 0.25, amount: 250 },
      ],
      1000,
    );
    const lines = table.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Sozialraum\s+Index\s+Anteil\s+Betrag$/);
    expect(lines[2]).toMatch(/^Nordstadt\s+30,0\s+75,00 %\s+750,00 €$/);
    expect(lines[3]).toMatch(/^Gartenstadt\s+10,0\s+25,00 %\s+250,00 €$/);
    expect(lines[5]).toMatch(/^Summe\s+100,00 %\s+1\.000,00 €$/);
    expect(table).not.toContain("Achtung");
    // columns line up: every line has the same length
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  test("worked example with VZÄ: 72.000 € per VZÄ, Land share 0,6 → 75.000 € pay 1,5 VZÄ plus 10.200 € left", () => {
    // 1 VZÄ costs the budget 72.000 · 0,6 = 43.200 €; 75.000 / 43.200 = 1,736 → 1,5 VZÄ (step 0,25)
    const table = sozialraumTable(
      [
        { name: "Nord", index: 60, share: 0.75, amount: 75000, vzae: 1.5 },
        { name: "Süd", index: 20, share: 0.25, amount: 25000, vzae: 0.5 },
      ],
      100000,
    );
    const lines = table.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Sozialraum\s+Index\s+Anteil\s+Betrag\s+VZÄ$/);
    expect(lines[2]).toMatch(/^Nord\s+60,0\s+75,00 %\s+75\.000,00 €\s+1,50$/);
    expect(lines[5]).toMatch(/^Summe\s+100,00 %\s+100\.000,00 €\s+2,00$/);
    expect(table).not.toContain("nicht verplant");
  });

  test("with a Stellenplan: the VZÄ planned for the Kitas and nicht verplant per Sozialraum, with sums", () => {
    // Nord: 75.000 € − 1,5 VZÄ · 43.200 € = 75.000 − 64.800 = 10.200 € nicht verplant
    const table = sozialraumTable(
      [
        {
          name: "Nord",
          index: 60,
          share: 0.75,
          amount: 75000,
          vzae: 1.5,
          plan: { vzae: 1.5 },
          unplanned: 10200,
        },
        {
          name: "Süd",
          index: 20,
          share: 0.25,
          amount: 25000,
          vzae: 0.5,
          plan: { vzae: 0.5 },
          unplanned: 3400,
        },
      ],
      100000,
    );
    const lines = table.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Sozialraum\s+Index\s+Anteil\s+Betrag\s+VZÄ\s+nicht verplant$/);
    expect(lines[2]).toMatch(/^Nord\s+60,0\s+75,00 %\s+75\.000,00 €\s+1,50\s+10\.200,00 €$/);
    expect(lines[3]).toMatch(/^Süd\s+20,0\s+25,00 %\s+25\.000,00 €\s+0,50\s+3\.400,00 €$/);
    expect(lines[5]).toMatch(/^Summe\s+100,00 %\s+100\.000,00 €\s+2,00\s+13\.600,00 €$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  test("says so when the amounts do not add up to the budget", () => {
    const table = sozialraumTable([{ name: "A", index: 1, share: 1, amount: 999.99 }], 1000);
    expect(table).toContain("Achtung: Summe 999,99 € weicht vom Budget 1.000,00 € ab.");
  });

  test("every area appears once, the total line shows the sum (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-zÄÖÜäöüß]{1,12}$/), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 1_000_000_00 }),
        (names, budgetCents) => {
          const areas = names.map((name, i) => ({
            name: `${name}${i}`,
            index: 10 + i,
            share: 1 / names.length,
            amount: 0,
          }));
          // give the whole budget to the first area so the sum is exact
          areas[0].amount = budgetCents / 100;
          const table = sozialraumTable(areas, budgetCents / 100);
          for (const a of areas) expect(table).toContain(a.name);
          expect(table).toContain(formatEuro(budgetCents / 100));
          expect(table).not.toContain("Achtung");
        },
      ),
    );
  });
});

describe("issue lines", () => {
  test("level, sheet!cell and message", () => {
    expect(
      issueLine({
        level: "error",
        code: "text-in-number",
        sheet: "Kitas",
        cell: "L11",
        message: "„k.A.“ ist keine Zahl.",
      }),
    ).toBe("  Fehler Kitas!L11: „k.A.“ ist keine Zahl.");
    expect(
      issueLine({ level: "warning", code: "model-no-indicators", sheet: "", cell: "", message: "Modell." }),
    ).toBe("  Warnung: Modell.");
  });

  test("counts in German", () => {
    const e = { level: "error" as const, code: "text-in-number" as const, sheet: "", cell: "", message: "" };
    const w = { ...e, level: "warning" as const };
    expect(countIssues([])).toBe("0 Fehler, 0 Warnungen");
    expect(countIssues([e, w])).toBe("1 Fehler, 1 Warnung");
    expect(countIssues([e, e, w, w, w])).toBe("2 Fehler, 3 Warnungen");
  });
});

/**
 * The Vorlage sheet (issue 14): the committee summary. A worked example (two Sozialräume, four Kitas,
 * 300.000 €, 72.000 € per VZÄ), its variants (no staff costs, overrides, other method choices), the three
 * summary lines, no Kita named anywhere, the same sheet through both adapters, and LibreOffice recalculating
 * its total rows to the stored values (the budget to the cent).
 */
import ExcelJS from "exceljs";
import type { Allocation } from "../../src/engine/allocation";
import type { Issue } from "../../src/engine/issues";
import type { Model } from "../../src/engine/model";
import type { Robustness } from "../../src/engine/robustness";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { SheetCell, SheetSpec } from "../../src/workbook/port";
import { planPrint, withPageTitle } from "../../src/workbook/printLayout";
import { linesWithin } from "../../src/workbook/textWidth";
import {
  ANLAGE_ROWS_PER_PAGE,
  LISTED_AREAS,
  METHOD_POINTER,
  VORLAGE_SHEET,
  changesLine,
  checkLine,
  methodSentences,
  robustnessLine,
  vorlageSheet,
} from "../../src/workbook/vorlageSheet";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { ZipArchive } from "../../src/workbook/xlsx/zipArchive";
import { XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { dataset, model, unit } from "../engine/fixtures";
import { allocate } from "../helpers/resolved";
import {
  LIBREOFFICE,
  csvNumber,
  recalcWithLibreOffice,
  requireTool,
  withLibreOffice,
} from "../helpers/libreoffice";
import { FakeWorkbook } from "./fakeExcel";

const KITAS = ["K1", "K2", "K3", "K4"];

/** 72.000 € per VZÄ, Land share 0,6, step 0,25: one step costs the budget 10.800 €. */
function example(extra: Partial<Model> = {}, staff = true): Allocation {
  const m = model({}, 300000);
  return allocate(
    {
      ...m,
      data: { ...m.data, strand2: "KNZ", strand4: "Zusatz", strand4Vzae: "VZÄ Zusatz", traeger: "Träger" },
      budget: {
        ...m.budget,
        year: 2027,
        ...(staff ? { costPerVzae: 72000, vzaeStep: 0.25 } : {}),
        kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
      },
      ...extra,
    },
    dataset([
      unit("K1", "Nord", [0, 10, 0], { children: 40, strand2: true, traeger: "Stadt" }),
      unit("K2", "Nord", [20, 0, 50], { children: 60, traeger: "Caritas" }),
      unit("K3", "Süd", [30, 5, 100], {
        children: 80,
        strand4: true,
        strand4Reason: "Inklusion",
        strand4Vzae: 0.5,
        traeger: "Caritas",
      }),
      unit("K4", "Süd", [25, 2, 80], { children: 50, traeger: null }),
    ]),
  );
}

const CTX = { municipality: "Stadt Musterstadt – Jugendamt", date: "30.11.2026", issues: [] };

const values = (s: SheetSpec) => s.rows.map((r) => r.map((c) => c.value));
const rowOf = (s: SheetSpec, first: string) => s.rows.findIndex((r) => r[0]?.value === first);
const texts = (s: SheetSpec) =>
  s.rows.flatMap((r) => r.map((c) => c.value).filter((v): v is string => typeof v === "string"));
/** The text of the sheet with its lines joined again (a sentence runs over several rows). */
const prose = (s: SheetSpec) => texts(s).join(" ");

describe("the worked example: Nord and Süd, 300.000 €, Stellenplan at 72.000 € per VZÄ", () => {
  const a = example();
  const spec = vorlageSheet(a, CTX);

  test("title block: municipality, Haushaltsjahr, budget and date, each in its row", () => {
    expect(spec.name).toBe(VORLAGE_SHEET);
    expect(values(spec).slice(0, 6)).toEqual([
      ["Sozialraumbudget 2027: Vorlage für den Jugendhilfeausschuss"],
      ["Kommune", "Stadt Musterstadt – Jugendamt"],
      ["Haushaltsjahr", "2027"],
      ["Budget", "300.000,00\u00a0€"],
      ["Stand", "30.11.2026"],
      [],
    ]);
  });

  test("decision table per Sozialraum: band, index, share, amount, VZÄ; the total row sums to the budget", () => {
    const header = rowOf(spec, "Sozialraum");
    expect(values(spec)[header]).toEqual([
      "Sozialraum",
      "Normbereich",
      "Sozialraum-Index",
      "Anteil",
      "Betrag",
      "VZÄ im Stellenplan",
    ]);
    const nord = spec.rows[header + 1];
    expect(nord.map((c) => c.value)).toEqual([
      "Nord",
      "innerhalb",
      a.areas[0].index,
      a.areas[0].share,
      85106.38,
      1.75,
    ]);
    expect(spec.rows[header + 2][4].value).toBe(214893.62);
    expect(spec.rows[header + 2][5].value).toBe(4.75);
    const total = spec.rows[header + 3];
    const r = header + 2; // 1-based row of the first area
    expect(total.map((c) => [c.value, c.formula ?? null])).toEqual([
      ["Summe", null],
      [null, null],
      [null, null],
      [1, `SUM(D${r}:D${r + 1})`],
      [300000, `SUM(E${r}:E${r + 1})`],
      [6.5, `SUM(F${r}:F${r + 1})`],
    ]);
    expect(total[4].numFmt).toBe('#,##0.00 "€"');
  });

  test("Stellenplan per Förderstrang: the set-asides, the index part not yet split, the total and the money", () => {
    const header = rowOf(spec, "Förderstrang");
    const block = values(spec).slice(header, header + 7);
    expect(block).toEqual([
      ["Förderstrang", "Einrichtungen", "VZÄ"],
      ["1 Kita-Sozialarbeit", 0, 0],
      ["2 Nachbarschaftszentrum", 1, 0.5],
      ["3 Interkulturelle Fachkräfte", 0, 0],
      ["1 oder 3 (Aufteilung vor Ort)", 3, 5.5],
      ["4 Zusatzpersonal", 1, 0.5],
      ["Summe", null, 6.5],
    ]);
    // 6,5 VZÄ · 72.000 € = 468.000 €, of which the budget pays 60 % = 280.800 €; 300.000 € − 280.800 € unplanned
    expect(prose(spec)).toContain(
      "Personalvolumen 468.000,00\u00a0€, davon aus dem Budget (Landesanteil) 280.800,00\u00a0€ und kommunaler " +
        "Anteil 187.200,00\u00a0€; nicht verplant 19.200,00\u00a0€.",
    );
  });

  test("the method in five numbered sentences with the model's choices, then where to read more", () => {
    const text = prose(spec);
    const sentences = methodSentences(a);
    expect(sentences).toHaveLength(5);
    expect(sentences[0]).toBe(
      "Für jede der 4 Kitas wurden 3 Indikatoren aus dem Blatt „Kitas“ auf Standardpunktzahlen von 0 bis 100 " +
        "gebracht (Min-Max: der niedrigste Bedarf 0, der höchste 100).",
    );
    expect(sentences[1]).toContain(
      "den 2 gleich gewichteten Kategorien „Soziale Lage“ und „Flucht und Migration“",
    );
    expect(sentences[2]).toContain("Mittelwert der Gesamtindizes seiner Kitas");
    expect(sentences[3]).toContain(
      "Das Budget von 300.000,00\u00a0€ wird im Verhältnis der Sozialraum-Indizes",
    );
    expect(sentences[4]).toContain(
      "Schritten von 0,25 VZÄ zu 72.000,00\u00a0€ je VZÄ, von denen das Land 60\u00a0% trägt",
    );
    sentences.forEach((s, k) => expect(text).toContain(`${k + 1}. ${s}`));
    expect(text).toContain(METHOD_POINTER);
    expect(METHOD_POINTER).toContain("docs/methode.md");
    expect(METHOD_POINTER).toContain("README");
    expect(METHOD_POINTER).not.toMatch(/SPEC|shared/);
  });

  test("check, robustness (not run) and changes (no Beschluss) in one line each", () => {
    const text = prose(spec);
    expect(text).toContain("Prüfbericht: keine Fehler und keine Warnungen.");
    expect(text).toContain("Robustheit: nicht geprüft");
    expect(text).toContain("Veränderungen: kein früherer Beschluss");
  });

  test("no Kita is named; every text line fits the width of the table; A4 portrait", () => {
    for (const t of texts(spec)) for (const k of KITAS) expect(t).not.toMatch(new RegExp(`\\b${k}\\b`));
    const width = spec.columnWidths!.reduce((s, w) => s + w, 0);
    for (const t of texts(spec)) expect(linesWithin(t, width)).toHaveLength(1);
    expect(spec.print?.orientation).toBe("portrait");
    // its page header is shorter than the others' (the year is in the title block), and stays so
    const [titled] = withPageTitle([spec], {
      municipality: "Stadt Musterstadt",
      year: 2027,
      budget: 300000,
      date: "30.11.2026",
    });
    expect(titled.print).toMatchObject({
      orientation: "portrait",
      municipality: "Stadt Musterstadt",
      subtitle: "Budget 300.000,00\u00a0€ · Stand 30.11.2026",
    });
  });
});

describe("variants", () => {
  test("without a cost per VZÄ: no VZÄ column, no Stellenplan block, the proposal sentence", () => {
    const a = example({}, false);
    const spec = vorlageSheet(a, CTX);
    const header = rowOf(spec, "Sozialraum");
    expect(values(spec)[header]).toEqual([
      "Sozialraum",
      "Normbereich",
      "Sozialraum-Index",
      "Anteil",
      "Betrag",
    ]);
    expect(rowOf(spec, "Förderstrang")).toBe(-1);
    expect(spec.rows[header + 3][4]).toMatchObject({ value: 300000, formula: expect.stringMatching(/^SUM/) });
    expect(prose(spec)).toContain("2. Methode in fünf Sätzen");
    expect(methodSentences(a)[4]).toContain("als Vorschlag im Verhältnis ihres Gesamtindex");
  });

  test("overrides typed per strand count: strand 1 and 3 appear, the index part shrinks", () => {
    const a = example();
    const spec = vorlageSheet(a, { ...CTX, strandOverrides: new Map([["K2", [1, null, 0.5, null]]]) });
    const header = rowOf(spec, "Förderstrang");
    const row = (label: string) => spec.rows.find((r) => r[0]?.value === label)!.map((c) => c.value);
    expect(row("1 Kita-Sozialarbeit")).toEqual(["1 Kita-Sozialarbeit", 1, 1]);
    expect(row("3 Interkulturelle Fachkräfte")).toEqual(["3 Interkulturelle Fachkräfte", 1, 0.5]);
    const k2 = a.units.find((u) => u.id === "K2")!.plan!;
    const split = row("1 oder 3 (Aufteilung vor Ort)");
    expect(split[2]).toBeCloseTo(5.5 - k2.vzae, 9);
    const total = spec.rows.slice(header).find((r) => r[0]?.value === "Summe")!;
    expect(total[2].value).toBeCloseTo(6.5 - k2.vzae + 1.5, 9);
  });

  test("other choices show in the sentences: T-Werte, weights, Sockel, aggregate by Kinder, Winsorisierung", () => {
    const base = example();
    const m = base.model;
    const a: Allocation = {
      ...base,
      model: {
        ...m,
        options: {
          ...m.options,
          normalisation: "tscore",
          winsorise: true,
          areaMethod: "aggregate",
          childWeighted: true,
          sockel: { fraction: 0.1, by: "children" },
        },
        categories: [
          { name: "Soziale Lage", weight: 2 },
          { name: "Flucht und Migration", weight: 1 },
        ],
      },
    };
    const s = methodSentences(a);
    expect(s[0]).toContain("auf T-Werte gebracht");
    expect(s[0]).toContain("mit Ausreißerbehandlung (Winsorisierung)");
    expect(s[1]).toContain("„Soziale Lage“ (Gewicht 2) und „Flucht und Migration“ (Gewicht 1)");
    expect(s[1]).toContain("gewichtete Mittelwert der Kategorien");
    expect(s[2]).toContain("nach Kinderzahl gewichteten Mittelwerten der Rohwerte");
    expect(s[3]).toContain(
      "nach Abzug eines Sockels von 10\u00a0%, der nach Kinderzahl auf die Sozialräume geht",
    );
  });

  test("carried forward: the fourth sentence says the adopted shares were used", () => {
    const s = methodSentences(
      example(),
      "Fortschreibung: die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet.",
    );
    expect(s[3]).toBe(
      "Fortgeschrieben: Die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet. " +
        "Das Budget von 300.000,00\u00a0€ wird nach diesen Anteilen verteilt und centgenau gerundet (Verfahren der größten Reste).",
    );
  });
});

describe("the summary lines", () => {
  test("Prüfbericht: errors and warnings counted", () => {
    const w: Issue = { level: "warning", code: "excel-error", sheet: "", cell: "", message: "" };
    expect(checkLine([w])).toBe(
      "Prüfbericht: 0 Fehler, 1 Warnung – jede mit Zelladresse im Blatt „Prüfbericht“.",
    );
    expect(checkLine([w, w, { ...w, level: "error" }])).toBe(
      "Prüfbericht: 1 Fehler, 2 Warnungen – jede mit Zelladresse im Blatt „Prüfbericht“.",
    );
  });

  test("robustness: the widest span of a share, ranks and Kitas counted, no names of Kitas", () => {
    const area = (name: string, share: number, min: number, max: number, flagged = false) => ({
      name,
      share,
      shareMin: min,
      shareMedian: share,
      shareMax: max,
      rank: 1,
      rankMin: 1,
      rankMax: flagged ? 3 : 1,
      flagged,
    });
    const r: Robustness = {
      areas: [area("Nord", 0.3, 0.28, 0.31), area("Süd", 0.7, 0.62, 0.72, true)],
      units: [
        {
          id: "Kita Sonnenblume",
          area: "Nord",
          sozialarbeit: true,
          interkulturell: false,
          sozialarbeitFrequency: 0.9,
          interkulturellFrequency: 0,
          flagged: true,
          flips: ["T-Werte statt Min-Max"],
        },
      ],
      runs: 1030,
      monteCarloRuns: 1000,
      seed: 1,
      spread: 0.2,
      alternatives: [],
    };
    const line = robustnessLine(r);
    expect(line).toContain("Robustheit: 1.030 Alternativen gerechnet");
    expect(line).toContain("1.000 Zufallsgewichtungen");
    expect(line).toContain(
      "höchstens um 10,0 Prozentpunkte (Sozialraum Süd: 62,0\u00a0% bis 72,0\u00a0%, vorgeschlagen 70,0\u00a0%)",
    );
    expect(line).toContain(
      "1 Sozialraum ändert seinen Rang um 2 oder mehr; bei 1 Kita hängt die Förderfähigkeit",
    );
    expect(line).not.toContain("Sonnenblume");
    // two or more Sozialräume: „ihren Rang“ (plural), not „seinen“
    const two = robustnessLine({
      ...r,
      areas: [area("Nord", 0.3, 0.28, 0.31, true), area("Süd", 0.7, 0.62, 0.72, true)],
    });
    expect(two).toContain("2 Sozialräume ändern ihren Rang um 2 oder mehr");
    expect(robustnessLine({ ...r, areas: [area("Nord", 0.3, 0.28, 0.31)] })).toContain(
      "Kein Sozialraum ändert seinen Rang",
    );
  });

  test("changes since the Beschluss: the summary line and where the details are", () => {
    expect(
      changesLine({
        comparedWith: "Beschluss vom 15.03.2022",
        summary: "2 Kitas neu in Förderstrang 1; größte Veränderung: Sozialraum Nord −2,1 Prozentpunkte",
        carriedForward: null,
      }),
    ).toBe(
      "Veränderungen gegenüber Beschluss vom 15.03.2022: 2 Kitas neu in Förderstrang 1; größte Veränderung: " +
        "Sozialraum Nord −2,1 Prozentpunkte. Einzelheiten im Blatt „Veränderungen“.",
    );
    expect(
      changesLine({
        comparedWith: "Beschluss vom 15.03.2022",
        summary: "Keine Veränderungen.",
        carriedForward: null,
      }),
    ).toBe(
      "Veränderungen gegenüber Beschluss vom 15.03.2022: Keine Veränderungen. Einzelheiten im Blatt „Veränderungen“.",
    );
    expect(changesLine(null)).toMatch(/^Veränderungen: kein früherer Beschluss/);
  });
});

describe("linesWithin: text broken to a width, one line a row", () => {
  test("at blanks only, never inside an amount (no-break space), every line within the width", () => {
    expect(linesWithin("Das Budget wird nach dem Index verteilt.", 20)).toEqual([
      "Das Budget wird nach",
      "dem Index verteilt.",
    ]);
    expect(linesWithin("Budget 1.002.240,00\u00a0€ ok", 10)).toEqual(["Budget", "1.002.240,00\u00a0€", "ok"]);
    const long = methodSentences(example()).join(" ");
    const lines = linesWithin(long, 40);
    expect(lines.join(" ")).toBe(long);
    for (const line of lines) expect(linesWithin(line, 40)).toEqual([line]);
    expect(linesWithin("", 10)).toEqual([""]);
  });
});

/** A town of `areas` Sozialräume, two Kitas each, 1 Mio. €, 72.000 € per VZÄ. */
function town(areas: number): Allocation {
  const m = model({}, 1_000_000);
  const units = Array.from({ length: areas }, (_, a) => {
    const name = `SR ${String(a + 1).padStart(3, "0")}`;
    return [
      unit(`K${a}a`, name, [(a * 7) % 41, (a * 3) % 11, ((a * 5) % 13) * 5], { children: 50 }),
      unit(`K${a}b`, name, [(a * 11) % 37, (a * 2) % 7, ((a * 3) % 17) * 4], { children: 70 }),
    ];
  }).flat();
  return allocate({ ...m, budget: { ...m.budget, costPerVzae: 72000, vzaeStep: 0.25 } }, dataset(units));
}

describe("many Sozialräume: the summary sums up by Normbereich, every Sozialraum in the Anlage", () => {
  test(`up to ${LISTED_AREAS} Sozialräume the table stands in the summary, no Anlage, no forced page break`, () => {
    const spec = vorlageSheet(town(LISTED_AREAS), CTX);
    expect(texts(spec).filter((t) => t.startsWith("SR ")).length).toBe(LISTED_AREAS);
    expect(prose(spec)).not.toContain("Anlage");
    expect(spec.print?.pageBreaks).toBeUndefined();
  });

  for (const areas of [LISTED_AREAS + 1, 250]) {
    test(`${areas} Sozialräume: by Normbereich on page 1, the Anlage lists each once, ≤ ${ANLAGE_ROWS_PER_PAGE} a page under its own header`, () => {
      const a = town(areas);
      const spec = vorlageSheet(a, CTX);
      const v = values(spec);
      // the summary: one row per band, counted; the total row counts all and sums to the budget
      const head = rowOf(spec, "Sozialräume nach Normbereich");
      expect(v[head]).toEqual([
        "Sozialräume nach Normbereich",
        "Index von",
        "Index bis",
        "Anteil",
        "Betrag",
        "VZÄ im Stellenplan",
      ]);
      const bands = v.slice(head + 1, head + 4).map((r) => r[0]);
      expect(bands).toEqual([
        expect.stringMatching(/^oberhalb: \d+ Sozialr/),
        expect.stringMatching(/^innerhalb: \d+ Sozialr/),
        expect.stringMatching(/^unterhalb: \d+ Sozialr/),
      ]);
      const summary = spec.rows[head + 4];
      expect(summary[0].value).toBe(`Summe: ${areas.toLocaleString("de-DE")} Sozialräume`);
      expect(summary[3]).toMatchObject({ formula: `SUM(D${head + 2}:D${head + 4})` });
      expect(summary[3].value).toBeCloseTo(1, 12);
      expect(summary[4]).toMatchObject({ value: 1_000_000, formula: `SUM(E${head + 2}:E${head + 4})` });
      expect(prose(spec)).toContain(
        `Die Beträge aller ${areas.toLocaleString("de-DE")} Sozialräume stehen in der Anlage`,
      );
      expect(prose(spec)).toMatch(
        /Den größten Betrag erhält Sozialraum SR \d+ \(.+\s€\), den kleinsten Sozialraum SR \d+/,
      );

      // the Anlage: a page of its own, every Sozialraum once, in pages under their own header row
      const anlage = rowOf(spec, `Anlage: Verteilung auf die Sozialräume (${areas} Sozialräume)`);
      const breaks = spec.print!.pageBreaks!;
      expect(breaks[0]).toBe(anlage);
      const listed = v.slice(anlage).filter((r) => typeof r[0] === "string" && r[0].startsWith("SR "));
      expect(listed.map((r) => r[0])).toEqual(a.areas.map((x) => x.name));
      const pages = [anlage, ...breaks.slice(1), v.length - 1];
      expect(breaks.length - 1).toBe(Math.ceil(areas / ANLAGE_ROWS_PER_PAGE) - 1);
      for (let p = 0; p + 1 < pages.length; p++) {
        const from = p === 0 ? anlage + 1 : pages[p];
        expect(v[from][0]).toBe("Sozialraum");
        const onPage = v
          .slice(from + 1, pages[p + 1] + (p + 2 === pages.length ? 0 : 0))
          .filter((r) => String(r[0]).startsWith("SR "));
        expect(onPage.length).toBeGreaterThan(0);
        expect(onPage.length).toBeLessThanOrEqual(ANLAGE_ROWS_PER_PAGE);
      }
      // the total row sums over all pages (SUM passes over the repeated header texts) to the budget
      const total = spec.rows[v.length - 1];
      expect(total[0].value).toBe("Summe");
      expect(total[4]).toMatchObject({ value: 1_000_000, formula: `SUM(E${anlage + 3}:E${v.length - 1})` });
      // the planned page set-up keeps the breaks (both adapters write this plan)
      expect(
        planPrint(spec.print, spec.name, 0, {
          columnWidths: spec.columnWidths!,
          rows: v.length,
          rowHeights: [],
        }).rowBreaks,
      ).toEqual(expect.arrayContaining(breaks));
    });
  }
});

const cellValue = (c: SheetCell) => (c.value === undefined ? null : c.value);

describe("both adapters write the same Vorlage through the write plan", () => {
  const spec = vorlageSheet(example(), CTX);

  test("package (.xlsx): every cell, formula and the portrait page", async () => {
    const book = PackageWorkbook.empty();
    const report = await book.writeGeneratedSheets([spec]);
    expect(report.sheets).toEqual([{ requested: "Vorlage", written: "Vorlage" }]);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load((await book.toBuffer()) as never);
    const ws = read.getWorksheet("Vorlage")!;
    spec.rows.forEach((row, r) =>
      row.forEach((c, k) => {
        const v = ws.getCell(r + 1, k + 1).value as unknown;
        if (c.formula) expect(v).toMatchObject({ formula: c.formula, result: c.value });
        else expect(v ?? null).toEqual(cellValue(c));
      }),
    );
    expect(ws.pageSetup.orientation).toBe("portrait");
  });

  test("Office.js: every cell, formula and the portrait page", async () => {
    const fake = new FakeWorkbook();
    await new OfficeWorkbook(fake.run, undefined, fake.supports).writeGeneratedSheets([spec]);
    const sheet = fake.sheet("Vorlage");
    spec.rows.forEach((row, r) =>
      row.forEach((c, k) => {
        const cell = sheet.peek(r, k);
        if (c.formula) expect(cell?.formula).toBe(c.formula);
        else if (c.value !== null) expect(cell?.value).toEqual(c.value);
      }),
    );
    expect(sheet.pageLayout.orientation).toBe("Portrait");
  });

  test("many Sozialräume: both adapters start the Anlage and each Anlage page on a new page", async () => {
    const many = vorlageSheet(town(100), CTX);
    const breaks = many.print!.pageBreaks!;
    expect(breaks.length).toBe(3); // the Anlage, then pages 2 and 3 of 34, 33 and 33 Sozialräume
    const book = PackageWorkbook.empty();
    await book.writeGeneratedSheets([many]);
    const zip = ZipArchive.open(await book.toBuffer());
    const xml = zip.text("xl/worksheets/sheet1.xml")!;
    const written = [...xml.matchAll(/<brk id="(\d+)" max="16383" man="1"\/>/g)].map((m) => Number(m[1]));
    expect(written).toEqual(expect.arrayContaining(breaks));
    const fake = new FakeWorkbook();
    await new OfficeWorkbook(fake.run, undefined, fake.supports).writeGeneratedSheets([many]);
    // the Excel API's break is the first row of the new page
    expect(fake.sheet("Vorlage").pageBreaks).toEqual(expect.arrayContaining(breaks.map((b) => b + 1)));
  });
});

describe("LibreOffice recalculates the Vorlage", () => {
  withLibreOffice(
    "every total equals the stored value; the amounts add up to the budget (also across the Anlage's pages)",
    async () => {
      requireTool(LIBREOFFICE);
      const spec = vorlageSheet(example(), CTX);
      // 250 Sozialräume: the summary by Normbereich and the Anlage's total over its pages (one workbook,
      // one LibreOffice start)
      const many = { ...vorlageSheet(town(250), CTX), name: "Vorlage 250" };
      const book = XlsxWorkbook.empty();
      const report = await book.writeGeneratedSheets([spec, many]);
      const sheets = await recalcWithLibreOffice(await book.toBuffer());
      const formulas = (s: SheetSpec, sheet: string[][] | undefined) =>
        s.rows.flatMap((row, i) =>
          row.flatMap((c, j) =>
            c.formula
              ? [
                  {
                    where: `${s.name} R${i + 1}C${j + 1} ${c.formula}`,
                    cached: Number(c.value),
                    lo: csvNumber(sheet?.[i]?.[j]),
                  },
                ]
              : [],
          ),
        );
      const sheet = sheets[report.sheets[0].written];
      const results = formulas(spec, sheet);
      expect(results.length).toBe(4);
      const manyResults = formulas(many, sheets[report.sheets[1].written]);
      // band table: Anteil, Betrag, VZÄ; Stellenplan: VZÄ; the Anlage: Anteil, Betrag, VZÄ
      expect(manyResults.length).toBe(7);
      for (const r of [...results, ...manyResults])
        expect({ where: r.where, ok: Math.abs(r.lo - r.cached) < 1e-6 }).toEqual({
          where: r.where,
          ok: true,
        });
      const total = rowOf(spec, "Summe");
      expect(csvNumber(sheet[total][4])).toBe(300000);
      expect(csvNumber(sheet[total][3])).toBeCloseTo(1, 12);
      expect(manyResults.filter((r) => r.where.includes("SUM(E")).map((r) => r.lo)).toEqual([
        1_000_000, 1_000_000,
      ]);
    },
    180_000,
  );
});

describe("Bremen rule set: the Vorlage names the Stellen by the Bremer Regeln, with a Stellenplan too", () => {
  /** Two small Kitas in a Verbund (one new), a large one, one below the index threshold. */
  function bremen(staff: boolean): Allocation {
    const m = model({}, 300000);
    return allocate(
      {
        ...m,
        ruleSet: "bremen",
        data: { ...m.data, verbund: "Verbund", firstYear: "Neu", kitaIndex: "Kita-Index" },
        budget: {
          ...m.budget,
          year: 2027,
          ...(staff ? { costPerVzae: 72000, vzaeStep: 0.25 } : {}),
          kofinanzierung: { landShare: 0.6, municipalShare: 0.4 },
        },
      },
      dataset([
        unit("K1", "Nord", [0, 10, 0], { children: 28, kitaIndex: 71.3, verbund: "Nord", firstYear: true }),
        unit("K2", "Nord", [20, 0, 50], { children: 22, kitaIndex: 68, verbund: "Nord" }),
        unit("K3", "Süd", [30, 5, 100], { children: 160, kitaIndex: 58.4 }),
        unit("K4", "Süd", [25, 2, 80], { children: 45, kitaIndex: 44.1 }),
      ]),
    );
  }
  const line =
    "2 Kitas gefördert mit zusammen 1,5 VZÄ und 7.500,00\u00a0€ Sachkosten; je Kita im Blatt „Einrichtungen“.";

  test("without a Stellenplan: the section of the Bremen Stellen", () => {
    const spec = vorlageSheet(bremen(false), CTX);
    expect(texts(spec)).toContain("2. Stellen nach den Bremer Regeln");
    expect(prose(spec)).toContain(line);
  });
  test("with a Stellenplan (cost per VZÄ): the Bremen Stellen are not left out for it", () => {
    const spec = vorlageSheet(bremen(true), CTX);
    expect(texts(spec)).toContain("2. Stellenplan nach Förderstrang");
    expect(texts(spec)).toContain("3. Stellen nach den Bremer Regeln");
    expect(prose(spec)).toContain(line);
  });
  test("the method sentence names the Sachkosten of the first year beside the yearly ones", () => {
    expect(methodSentences(bremen(false), null)[4]).toMatch(
      /Sachkostenpauschale von 2\.500,00\u00a0€ im Jahr \(im ersten Förderjahr 5\.000,00\u00a0€\)\.$/,
    );
  });
});

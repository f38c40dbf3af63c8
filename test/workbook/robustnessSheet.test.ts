import type { Robustness } from "../../src/engine/robustness";
import type { SheetCell } from "../../src/workbook/port";
import { robustnessSheet } from "../../src/workbook/robustnessSheet";
import { LINE_HEIGHT_POINTS, wrappedRowHeights } from "../../src/workbook/printLayout";
import { oneLineWidth, textPixels, wrappedLines } from "../../src/workbook/textWidth";

const r: Robustness = {
  areas: [
    {
      name: "Nord",
      share: 0.6,
      shareMin: 0.5,
      shareMedian: 0.6,
      shareMax: 0.7,
      rank: 1,
      rankMin: 1,
      rankMax: 1,
      flagged: false,
    },
    {
      name: "Süd",
      share: 0.4,
      shareMin: 0.3,
      shareMedian: 0.4,
      shareMax: 0.5,
      rank: 2,
      rankMin: 2,
      rankMax: 2,
      flagged: false,
    },
  ],
  units: [
    // flips under a deterministic alternative: named
    {
      id: "Kita A",
      area: "Nord",
      sozialarbeit: true,
      interkulturell: false,
      sozialarbeitFrequency: 0.9,
      interkulturellFrequency: 0,
      flagged: true,
      flips: ["T-Werte statt Min-Max"],
    },
    // flips only in random weightings: said so, not left blank
    {
      id: "Kita B",
      area: "Süd",
      sozialarbeit: true,
      interkulturell: false,
      sozialarbeitFrequency: 0.99,
      interkulturellFrequency: 0,
      flagged: true,
      flips: [],
    },
    // stable
    {
      id: "Kita C",
      area: "Süd",
      sozialarbeit: false,
      interkulturell: false,
      sozialarbeitFrequency: 0,
      interkulturellFrequency: 0,
      flagged: false,
      flips: [],
    },
  ],
  runs: 1010,
  monteCarloRuns: 1000,
  seed: 1,
  spread: 0.5,
  alternatives: [
    { label: "T-Werte statt Min-Max", shares: { Nord: 0.55, Süd: 0.45 } },
    { label: "ohne Indikator „x“", shares: null },
  ],
};

const textOf = (row: SheetCell[] | undefined) => (row ?? []).map((c) => c.value);

test("Robustheit sheet: areas with ranges, units with the reason they flip, every alternative", () => {
  const sheet = robustnessSheet(r, { unitName: (id) => id });
  expect(sheet.name).toBe("Robustheit");
  const rows = sheet.rows.map(textOf);
  const row = (first: string) => rows.find((x) => x[0] === first);
  expect(row("Nord")).toEqual(["Nord", 0.6, 0.5, 0.6, 0.7, 1, 1, 1, ""]);
  // the texts in column I, after the areas' eight columns of numbers
  expect(row("Kita A")?.slice(6)).toEqual(["Förderfähigkeit kippt", null, "T-Werte statt Min-Max"]);
  expect(row("Kita B")?.slice(6)).toEqual([
    "Förderfähigkeit kippt",
    null,
    "nur bei Zufallsgewichtungen (siehe Häufigkeit)",
  ]);
  expect(row("Kita C")?.slice(6)).toEqual(["", null, ""]);
  expect(row("ohne Indikator „x“")).toEqual(["ohne Indikator „x“", "nicht berechenbar", "nicht berechenbar"]);
  // the chart covers the area block (header row 4, two areas)
  expect(sheet.charts?.[0]).toMatchObject({ firstRow: 4, lastRow: 6, categoryColumn: 1 });
});

test("publication mode: unit codes instead of names", () => {
  const sheet = robustnessSheet(r, {
    unitName: (id) => ({ "Kita A": "E01", "Kita B": "E02", "Kita C": "E03" })[id] ?? id,
  });
  expect(JSON.stringify(sheet.rows)).not.toContain("Kita ");
});

test("frequencies keep one decimal: 0,19 % is not shown as 0 % (issue 14, item 5)", () => {
  const rare = { ...r, units: [{ ...r.units[1], sozialarbeitFrequency: 0.0019 }] };
  const sheet = robustnessSheet(rare, { unitName: (id) => id });
  const kitaB = sheet.rows.find((row) => row[0]?.value === "Kita B");
  expect(kitaB?.[3]).toMatchObject({ value: 0.0019, numFmt: "0.0%" });
  expect(kitaB?.[5]?.numFmt).toBe("0.0%");
});

test("the chart sits below every table, clear of the 'Abweichend unter' texts", () => {
  const sheet = robustnessSheet(r, { unitName: (id) => id });
  const anchor = sheet.charts?.[0]?.anchor ?? "";
  const [, column, row] = /^([A-Z]+)(\d+)$/.exec(anchor) ?? [];
  expect(column).toBe("A");
  expect(Number(row)).toBeGreaterThan(sheet.rows.length);
  // column I holds the alternatives' names: wide enough for the longest of them
  expect(sheet.columnWidths?.[8]).toBeGreaterThanOrEqual(
    "nur bei Zufallsgewichtungen (siehe Häufigkeit)".length - 4,
  );
});

test("„nicht berechenbar“ fits every area's column, also beyond the first columns and the narrow ones", () => {
  // seven Sozialräume: the alternatives' table reaches column H; F and G are 12 characters wide
  const names = ["Nord", "Süd", "Ost", "West", "Mitte", "Hafen", "Altstadt"];
  const many: Robustness = {
    ...r,
    areas: names.map((name, i) => ({ ...r.areas[0], name, rank: i + 1 })),
    alternatives: [{ label: "ohne Indikator „x“", shares: null }],
  };
  const sheet = robustnessSheet(many, { unitName: (id) => id });
  const row = sheet.rows.find((x) => x[0]?.value === "ohne Indikator „x“")!;
  expect(row.slice(1).map((c) => c.value)).toEqual(names.map(() => "nicht berechenbar"));
  // a column w characters wide shows w · 7 pixels of text
  for (let c = 1; c <= names.length; c++)
    expect((sheet.columnWidths?.[c] ?? 0) * 7).toBeGreaterThanOrEqual(textPixels("nicht berechenbar"));
  // every alternative computed: the widths stay as they were
  const computed = robustnessSheet({ ...r, alternatives: [r.alternatives[0]] }, { unitName: (id) => id });
  expect(computed.columnWidths).toEqual([34, 16, 14, 14, 14, 12, 19, 12, 44]);
});

test("„Abweichend unter“ wraps within its column: a long list of alternatives is not cut at the page's edge", () => {
  // a Landkreis' Kita flipped under six alternatives: some 200 characters, printed past column I and cut
  const flips = [
    "Kategorie „Allgemeiner Bedarf“ ×0,5",
    "Kategorie „Soziale Lage“ ×1,5",
    "Kategorie „Flucht und Migration“ ×1,5",
    "Kategorie „Infrastruktur und Netzwerke“ ×0,5",
    "ohne Indikator „Wohngeld in %“",
    "ohne Indikator „Kinder mit Fluchterfahrung in %“",
  ];
  const long: Robustness = { ...r, units: [{ ...r.units[0], flips }] };
  const sheet = robustnessSheet(long, { unitName: (id) => id });
  const k = sheet.rows.findIndex((row) => row[0]?.value === "Kita A");
  const cell = sheet.rows[k][8];
  expect(cell.value).toBe(flips.join("; "));
  expect(cell.wrap).toBe(true);
  // the row is made tall enough for the lines the text takes in column I
  const heights = wrappedRowHeights(sheet.rows, sheet.columnWidths ?? []);
  const height = heights.find((h) => h.row === k + 1);
  expect(height?.points).toBeGreaterThanOrEqual(
    wrappedLines(flips.join("; "), sheet.columnWidths?.[8] ?? 0) * LINE_HEIGHT_POINTS,
  );
  expect(wrappedLines(flips.join("; "), sheet.columnWidths?.[8] ?? 0)).toBeGreaterThan(1);
});

test("the Sozialraum column of the Kitas fits the longest Sozialraum name", () => {
  const long = "Kreisstadt Süd/Bahnhof";
  const sheet = robustnessSheet(
    { ...r, units: r.units.map((u) => ({ ...u, area: long })) },
    { unitName: (id) => id },
  );
  expect(sheet.columnWidths?.[1]).toBeGreaterThanOrEqual(oneLineWidth(long));
  // short names (and every alternative computable): 16 characters as before
  const computable = { ...r, alternatives: r.alternatives.filter((a) => a.shares !== null) };
  expect(robustnessSheet(computable, { unitName: (id) => id }).columnWidths?.[1]).toBe(16);
});

test("an alternative's name wraps in column A instead of being cut by the share beside it", () => {
  const label = "ohne Indikator „Familiensprache nicht deutsch in %“";
  const sheet = robustnessSheet(
    { ...r, alternatives: [{ label, shares: { Nord: 0.55, Süd: 0.45 } }] },
    { unitName: (id) => id },
  );
  const row = sheet.rows.find((x) => x[0]?.value === label);
  expect(row?.[0].wrap).toBe(true);
  expect(wrappedLines(label, sheet.columnWidths?.[0] ?? 0)).toBeGreaterThan(1);
});

test("printed, each table's header row starts every page it runs on to; the chart's range stays the Sozialräume", () => {
  // 150 Kitas and 80 alternatives: both tables run over several pages
  const units = Array.from({ length: 150 }, (_, i) => ({ ...r.units[i % 3], id: `Kita ${i + 1}` }));
  const alternatives = Array.from({ length: 80 }, (_, i) => ({
    label: `ohne Indikator „Indikator ${i + 1}“`,
    shares: { Nord: 0.5, Süd: 0.5 },
  }));
  const sheet = robustnessSheet({ ...r, units, alternatives }, { unitName: (id) => id });
  const breaks = sheet.print?.pageBreaks ?? [];
  expect(breaks.length).toBeGreaterThanOrEqual(5);
  // every page starts with a header row: the units' or the alternatives' (after the area table's page)
  const firsts = breaks.map((b) => sheet.rows[b][0]?.value);
  expect(new Set(firsts)).toEqual(new Set(["Einrichtung", "Alternative"]));
  // and the header above a page's rows is that of their own table
  let table = "";
  for (const [k, row] of sheet.rows.entries()) {
    const first = row[0]?.value;
    if (first === "Einrichtung" || first === "Alternative") table = first;
    if (breaks.includes(k) && /^Kita /.test(String(first)))
      throw new Error(`row ${k + 1} starts a page without its header`);
    if (/^Kita /.test(String(first))) expect(table).toBe("Einrichtung");
    if (/^ohne Indikator/.test(String(first))) expect(table).toBe("Alternative");
  }
  // every Kita and every alternative once, in order
  expect(sheet.rows.map((x) => x[0]?.value).filter((v) => /^Kita /.test(String(v)))).toEqual(
    units.map((u) => u.id),
  );
  expect(sheet.rows.filter((x) => x[0]?.value === "Alternative").length).toBeGreaterThan(1);
  // no page holds more rows than planPrint counts on (at 15 pt a row, the repeated header 30 pt at most)
  const pages = [0, ...breaks].map((from, k) => (breaks[k] ?? sheet.rows.length) - from);
  expect(Math.max(...pages)).toBeLessThan(60);
  // the chart still shows the Sozialräume, from the header row of their table on
  const chart = sheet.charts![0];
  expect(sheet.rows[chart.firstRow - 1][0].value).toBe("Sozialraum");
  expect(sheet.rows.slice(chart.firstRow, chart.lastRow).map((x) => x[0].value)).toEqual(["Nord", "Süd"]);
});

test("„Förderfähigkeit kippt“ fits column G; the texts stand in one wide column after every column of numbers", () => {
  // nine Sozialräume: the alternatives' table reaches column J, so the texts go to K
  const areas = ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map((name, k) => ({
    ...r.areas[0],
    name,
    rankMax: k + 1,
    flagged: k === 0,
  }));
  const shares = Object.fromEntries(areas.map((a) => [a.name, 1 / 9]));
  const sheet = robustnessSheet(
    { ...r, areas, alternatives: [{ label: "T-Werte statt Min-Max", shares }] },
    { unitName: (id) => id },
  );
  const widths = sheet.columnWidths ?? [];
  expect(wrappedLines("Förderfähigkeit kippt", widths[6])).toBe(1);
  expect(widths).toHaveLength(11);
  expect(widths[10]).toBe(44);
  // no number in the wide column, and no column of numbers wide: a right-aligned number sat at its far edge
  for (const row of sheet.rows) expect(typeof row[10]?.value).not.toBe("number");
  expect(Math.max(...widths.slice(2, 10))).toBeLessThanOrEqual(19);
  expect(sheet.rows.find((x) => x[0]?.value === "A")?.[10].value).toBe("Rang ändert sich um 2 oder mehr");
  expect(sheet.rows.find((x) => x[0]?.value === "Kita A")?.[10].value).toBe("T-Werte statt Min-Max");
  expect(sheet.rows.find((x) => x[0]?.value === "Einrichtung")?.[10].value).toBe("Abweichend unter");
  // a share in the alternatives' table stands on the first line of a wrapped label (top-aligned as it is)
  expect(sheet.rows.find((x) => x[0]?.value === "T-Werte statt Min-Max")?.[9]).toMatchObject({ wrap: true });
  // so does every cell of a Kita's row beside its wrapped list of alternatives
  expect(
    sheet.rows
      .find((x) => x[0]?.value === "Kita A")
      ?.slice(0, 7)
      .every((c) => c.wrap),
  ).toBe(true);
});

test("a Robustheit sheet that fits on one page has no page breaks", () => {
  expect(robustnessSheet(r, { unitName: (id) => id }).print?.pageBreaks).toBeUndefined();
});

test("counts in the sheet's text with a thousands dot: „1.010 Alternativen“, „1.000 Zufallsgewichtungen“", () => {
  const line = String(robustnessSheet(r, { unitName: (id) => id }).rows[1][0].value);
  expect(line).toMatch(/^1\.010 Alternativen berechnet: /);
  expect(line).toContain("1.000 Zufallsgewichtungen (±50 %, Startwert 1)");
  // the seed as it is typed in the model, never grouped
  expect(String(robustnessSheet({ ...r, seed: 20261 }, { unitName: (id) => id }).rows[1][0].value)).toContain(
    "Startwert 20261)",
  );
});

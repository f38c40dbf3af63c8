/**
 * Print set-up (SPEC §7 "print-ready"): the plan's page set-up, the text metrics behind wrapped headers,
 * and the sample's output as written: every generated sheet A4 landscape, one page wide, page header and
 * footer, print titles, and every word of every result-table header fits its column at Calibri 11.
 */
import { promises as fs } from "node:fs";
import fc from "fast-check";
import * as os from "node:os";
import * as path from "node:path";
import { allocateCommand } from "../../src/cli/allocateCommand";
import {
  MAX_PAGES_WIDE,
  MIN_PRINT_SCALE,
  columnPoints,
  fitScale,
  headerFooterCode,
  headerText,
  CHART_ROWS,
  keepSections,
  pageRoom,
  pagesAcross,
  planPrint,
  repeatHeaders,
  rowPoints,
  sideSection,
  wrappedRowHeights,
} from "../../src/workbook/printLayout";
import type { SheetCell } from "../../src/workbook/port";
import {
  columnWidthFor,
  headerWords,
  textPixels,
  wrapText,
  wrappedLines,
} from "../../src/workbook/textWidth";
import { planWrite } from "../../src/workbook/writePlan";
import { ZipArchive } from "../../src/workbook/xlsx/zipArchive";

const SAMPLE = path.resolve(__dirname, "..", "..", "assets", "sample");

describe("text metrics (Calibri 11)", () => {
  test("widths grow with the text, bold is wider, digits are 7 px", () => {
    expect(textPixels("0")).toBeCloseTo(7.43, 1);
    expect(textPixels("Sozialraum", true)).toBeGreaterThan(textPixels("Sozialraum"));
    expect(textPixels("mm")).toBeGreaterThan(textPixels("ii"));
  });
  test("headers wrap at blanks and after hyphens and slashes", () => {
    expect(headerWords("Kita-Sozialarbeit (VZÄ)")).toEqual(["Kita-", "Sozialarbeit", "(VZÄ)"]);
    expect(headerWords("Land/Kommune")).toEqual(["Land/", "Kommune"]);
  });
  test("a column as wide as columnWidthFor holds the longest word on one line", () => {
    for (const header of [
      "Personalvolumen",
      "Kommunaler Anteil",
      "Flucht und Migration",
      "Kita-Sozialarbeit",
    ]) {
      const width = columnWidthFor(header, true);
      for (const word of headerWords(header)) expect(wrappedLines(word, width, true)).toBe(1);
      expect(wrappedLines(header, width - 3, true)).toBeGreaterThanOrEqual(
        headerWords(header).length > 1 ? 2 : 1,
      );
    }
  });
  test("every character counts once: a surrogate pair or a character without a width as one default character", () => {
    const unit = textPixels("\u4e00"); // not listed: the default width
    expect(textPixels("😀")).toBeCloseTo(unit, 10);
    expect(textPixels("\ud83d")).toBeCloseTo(unit, 10); // half a pair, alone
    expect(textPixels("a😀b")).toBeCloseTo(textPixels("a") + unit + textPixels("b"), 10);
    expect(textPixels("\ude00\ud83d")).toBeCloseTo(2 * unit, 10); // halves in the wrong order: two
    expect(textPixels("€–„“’·")).toBeCloseTo(
      textPixels("0") + textPixels("–") + 2 * textPixels("„") + textPixels("’") + textPixels("·"),
      10,
    );
    expect(textPixels("„")).toBeLessThan(unit);
  });
  test("the line count of a text that fits whole is the line filling's count, at every width", () => {
    const texts = [
      "",
      "Warnung",
      "Kita Sonnenschein: Betreuungszeit fehlt",
      "Kommunaler  Anteil  am  Personalvolumen ",
      " führendes Leerzeichen",
      "Kita-Sozialarbeit/Leitung (VZÄ)",
      "Zeile\nzwei",
      "Tab\tgetrennt",
      "1.002.240,00\u00a0€",
      "Emoji 😀 und „Anführung“",
    ];
    for (const text of texts)
      for (let width = 1; width <= 90; width += 0.5)
        for (const bold of [false, true])
          expect([text, width, bold, wrappedLines(text, width, bold)]).toEqual([
            text,
            width,
            bold,
            wrapText(text, width, bold).length,
          ]);
  });
  test("property: the counted line count is the line filling's count for any text (blanks, breaks, hyphens, slashes, pairs)", () => {
    // JavaScript's \s in its variants, line breaks, the word-breaking hyphen and slash, letters of
    // different widths, a surrogate pair and its halves alone, characters outside the width table
    const pieces = [
      ..."aWmi.-/ \t\r\n\u00a0\u2009\u3000\ufeff\u2028€„",
      "😀",
      "\ud83d",
      "\ude00",
      "Kita",
      "--",
      "//",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        fc.boolean(),
        (parts, width, bold) => {
          const text = parts.join("");
          expect(wrappedLines(text, width, bold)).toBe(wrapText(text, width, bold).length);
        },
      ),
      { numRuns: 3000 },
    );
  });
  test("wrapped rows get one line height per line", () => {
    const header = "Kommunaler Anteil am Personalvolumen";
    const rows = [[{ value: header, wrap: true, bold: true }], [{ value: 1 }]];
    expect(wrappedRowHeights(rows, [10])).toEqual([{ row: 1, points: 15 * wrappedLines(header, 10, true) }]);
    expect(wrappedRowHeights(rows, [80])).toEqual([]);
  });
  test("only the rows named are looked at, in their order", () => {
    const header = "Kommunaler Anteil am Personalvolumen";
    const wrapped = { value: header, wrap: true, bold: true };
    const rows = [[wrapped], [{ value: 1 }], [wrapped]];
    const points = 15 * wrappedLines(header, 10, true);
    expect(wrappedRowHeights(rows, [10], undefined, [0, 2])).toEqual([
      { row: 1, points },
      { row: 3, points },
    ]);
    expect(wrappedRowHeights(rows, [10], undefined, [2])).toEqual([{ row: 3, points }]);
    expect(wrappedRowHeights(rows, [10], undefined, [])).toEqual([]);
  });
});

describe("planPrint", () => {
  test("A4 landscape, one page wide, the frozen rows repeated, page header and numbered footer", () => {
    const p = planPrint({ municipality: "Stadt A & B", subtitle: "Budget 1.000,00 €" }, "Verteilung", 1);
    expect(p).toMatchObject({
      orientation: "landscape",
      paper: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: { first: 1, last: 1 },
    });
    expect(headerFooterCode(p.header)).toBe("&LStadt A && B&C&BVerteilung&RBudget 1.000,00 €");
    expect(headerFooterCode(p.footer)).toBe("&LErstellt mit SRB&RSeite &P von &N");
    expect(planPrint(undefined, "Methode", 0).titleRows).toBeNull();
  });
  test("page-header texts stay within Excel's 255 characters", () => {
    const long = "x".repeat(500);
    const p = planPrint({ municipality: long, subtitle: long, title: long }, "Verteilung", 1);
    expect(headerFooterCode(p.header).length).toBeLessThanOrEqual(255);
    expect(headerText("a\nb")).toBe("a b");
  });
  test("a long municipality prints smaller beside the title, never over it (A4 portrait Vorlage)", () => {
    const bremen = "Freie Hansestadt Bremen – Senatorin für Kinder und Bildung";
    const vorlage = planPrint(
      { orientation: "portrait", municipality: bremen, subtitle: "Budget 1.500.000,00 € · Stand 01.12.2026" },
      "Vorlage",
      0,
    );
    // 270 pt at 11 pt; beside "Vorlage" on A4 portrait there are about 239 pt: 9 pt
    expect(vorlage.header.left).toBe(`&9 ${bremen}`);
    expect(vorlage.header.right).toBe("Budget 1.500.000,00 € · Stand 01.12.2026");
    const size = Number(/^&(\d+) /.exec(vorlage.header.left)![1]);
    const pageWidth = 595.28 - 0.8 * 72;
    const title = (textPixels("Vorlage", true) * 0.75) / 2;
    expect((textPixels(bremen) * 0.75 * size) / 11).toBeLessThanOrEqual(pageWidth / 2 - title);
    // landscape has room for it at full size; a short name is never touched
    expect(planPrint({ municipality: bremen }, "Verteilung", 1).header.left).toBe(bremen);
    expect(
      planPrint({ orientation: "portrait", municipality: "Stadt Musterstadt – Jugendamt" }, "Vorlage", 0)
        .header.left,
    ).toBe("Stadt Musterstadt – Jugendamt");
    // far too long even at 7 pt: cut with "…", still within the room
    const cut = sideSection("Jugendamt ".repeat(20).trim(), 100);
    expect(cut).toMatch(/^&7 Jugendamt.*…$/);
    expect((textPixels(cut.slice(3)) * 0.75 * 7) / 11).toBeLessThanOrEqual(100);
  });
  test("the write plan wraps table headers and widens a column too narrow for a header word", () => {
    const plan = planWrite({
      sheets: [],
      specs: [
        {
          name: "T",
          rows: [
            [{ value: "Personalvolumen", bold: true }, { value: "x" }],
            [{ value: 1 }, { value: 2 }],
          ],
          columnWidths: [5, 30],
          freezeRows: 1,
          tables: [{ name: "SRB_T", headerRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 2 }],
        },
      ],
    });
    const sheet = plan.sheets[0];
    expect(sheet.rows[0][0].wrap).toBe(true);
    expect(sheet.columnWidths[0]).toBeGreaterThanOrEqual(columnWidthFor("Personalvolumen", true));
    expect(sheet.columnWidths[1]).toBe(30);
    expect(sheet.print.titleRows).toEqual({ first: 1, last: 1 });
  });
});

describe("tables that run over pages: their header row starts every page (repeatHeaders)", () => {
  const header: SheetCell[] = [
    { value: "Nr", bold: true },
    { value: "Wert", bold: true },
  ];
  const body = (n: number, tag: string): SheetCell[][] =>
    Array.from({ length: n }, (_, i) => [{ value: `${tag}${i + 1}` }, { value: i }]);
  const line = () => 15;
  /** The pages as lists of rows, cut below each page break. */
  const pagesOf = (rows: SheetCell[][], breaks: number[]) =>
    [0, ...breaks].map((from, k) => rows.slice(from, breaks[k] ?? rows.length));

  test("a long table: each page it runs on to starts with its header, no page holds more than the room", () => {
    // six rows of 15 pt a page: the header and five rows
    const { rows, pageBreaks } = repeatHeaders([{ header, body: body(12, "A") }], 90, line);
    expect(pageBreaks).toEqual([6, 12]);
    const pages = pagesOf(rows, pageBreaks);
    expect(pages.map((p) => p[0][0].value)).toEqual(["Nr", "Nr", "Nr"]);
    expect(pages.map((p) => p.length)).toEqual([6, 6, 3]);
    // every body row once, in order; the repeated headers are copies
    expect(rows.filter((r) => r[0].value !== "Nr").map((r) => r[0].value)).toEqual(
      body(12, "A").map((r) => r[0].value),
    );
    expect(rows[6]).toEqual(header);
    expect(rows[6]).not.toBe(header);
  });

  test("a table that fits on a page starts a new page rather than be split; a second table gets its own header", () => {
    const { rows, pageBreaks } = repeatHeaders(
      [
        { rows: [[{ value: "Titel", bold: true }], []] },
        { header, body: body(3, "A") },
        { rows: [[]] },
        { header: [{ value: "Alternative", bold: true }], body: body(5, "B") },
      ],
      90,
      line,
    );
    // page 1: title, blank, table A (4 rows); table B (6 rows with the blank) would be split: page 2
    expect(pageBreaks).toEqual([7]);
    expect(pagesOf(rows, pageBreaks).map((p) => p[0][0]?.value)).toEqual(["Titel", "Alternative"]);
  });

  test("a long table starts where its header and first rows fit, else on a new page", () => {
    const lead = { rows: [[{ value: "Titel" }], [{ value: "Text" }]] };
    // 2 rows used of 6: the header and three rows fit below them
    const here = repeatHeaders([lead, { header, body: body(10, "A") }], 90, line);
    expect(here.pageBreaks[0]).toBe(6);
    expect(here.rows[2]).toBe(header);
    // 3 rows used of 6: they do not; the table starts the next page
    const next = repeatHeaders(
      [{ rows: [...lead.rows, [{ value: "mehr" }]] }, { header, body: body(10, "A") }],
      90,
      line,
    );
    expect(next.pageBreaks[0]).toBe(3);
    expect(next.rows[3]).toBe(header);
  });

  test("rows taller than one line count as tall; a wrapped header counts its lines", () => {
    expect(rowPoints([{ value: "Strang 1 Häufigkeit", bold: true }], [10], true)).toBe(30);
    expect(rowPoints([{ value: "Strang 1 Häufigkeit", bold: true }], [10])).toBe(15);
    const tall = Array.from({ length: 4 }, () => [{ value: "x" }, { value: "lang ".repeat(40), wrap: true }]);
    const { pageBreaks } = repeatHeaders([{ header, body: tall }], 120, (row, h) =>
      rowPoints(row, [10, 20], h),
    );
    // each tall row takes 11 lines of 15 pt: one row a page under the header
    expect(pageBreaks.length).toBe(3);
  });

  test("pageRoom is the room planPrint counts with: a page's height at the sheet's scale", () => {
    expect(Math.round(pageRoom(undefined, [20, 12]))).toBe(448);
    // a sheet twice as wide as the page prints at half the size: twice the rows
    const wide = Array.from({ length: 20 }, () => 30);
    const scale = planPrint(undefined, "x", 0, { columnWidths: wide, rows: 1, rowHeights: [] }).scale;
    expect(pageRoom(undefined, wide)).toBeCloseTo(448.3 / scale, 0);
  });
});

describe("wide sheets print several pages across, readable", () => {
  // the sample's Einrichtungen as a Stellenplan: 31 columns, 405 characters wide
  const einrichtungen = [
    24, 14, 16, 8, 14, 14, 14, 14, 12, 12, 12, 14, 14, 14, 13, 11, 11, 13, 11, 11, 11, 11, 11, 10, 15, 15, 15,
    15, 12, 12, 12,
  ];
  const extent = (columnWidths: number[]) => ({ columnWidths, rows: 40, rowHeights: [] });
  test("one page wide it would print at about a third; with the Kita column repeated, two pages at 60 % or more", () => {
    const oneWide = planPrint(undefined, "Einrichtungen", 1, extent(einrichtungen));
    expect(oneWide).toMatchObject({ fitToWidth: 1, titleColumns: null, pageOrder: "downThenOver" });
    expect(oneWide.scale).toBeLessThan(0.4);
    const p = planPrint({ titleColumns: { first: 1, last: 1 } }, "Einrichtungen", 1, extent(einrichtungen));
    expect(p).toMatchObject({
      fitToWidth: 2,
      titleColumns: { first: 1, last: 1 },
      pageOrder: "overThenDown",
    });
    expect(p.scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });
  test("a narrow sheet stays one page wide even with title columns; a very wide one takes at most three", () => {
    const narrow = planPrint({ titleColumns: { first: 1, last: 1 } }, "V", 1, extent([20, 12, 12]));
    expect(narrow).toMatchObject({ fitToWidth: 1, titleColumns: null, scale: 1 });
    const huge = planPrint({ titleColumns: { first: 1, last: 1 } }, "E", 1, extent(Array(120).fill(14)));
    expect(huge.fitToWidth).toBe(MAX_PAGES_WIDE);
  });
  test("pages across: columns are never split, the repeated columns take room on every further page", () => {
    expect(pagesAcross([100, 100, 100], 0, 250, 1)).toBe(2);
    expect(pagesAcross([100, 100, 100], 1, 250, 1)).toBe(2);
    expect(pagesAcross([100, 100, 100, 100], 1, 250, 1)).toBe(3);
    expect(fitScale([100, 100, 100], 0, 250, 1)).toBe(0.83);
    expect(columnPoints(0)).toBe(columnPoints(8.43));
  });
  test("sections: a section split by the page's end starts on a new page, one longer than a page does not", () => {
    const h = () => 15;
    // rows 1–4 and 5–8; a page holds 6 rows
    expect(keepSections([1, 5], 8, h, 6 * 15, 0)).toEqual([4]);
    // everything fits on one page: no break
    expect(keepSections([1, 5], 8, h, 10 * 15, 0)).toEqual([]);
    // the second section (rows 3–12) is longer than a page: no break before it
    expect(keepSections([1, 3], 12, h, 6 * 15, 0)).toEqual([]);
    // title rows are not counted as a section start
    expect(keepSections([1], 8, h, 6 * 15, 1)).toEqual([]);
  });
  test("a section just after a page end the walk only estimated: that end becomes a page break", () => {
    const h = () => 15;
    // a page holds 6 rows by the walk's count, the printer's up to 2 more: rows 1–6, then the estimated
    // page from row 7; the section from row 8 could still be on the printer's first page and be cut
    expect(keepSections([1, 8], 12, h, 6 * 15, 0, 2 * 15)).toEqual([6]);
    // a section well past the estimated end is on the printer's second page anyway: no break
    expect(keepSections([1, 10], 12, h, 6 * 15, 0, 2 * 15)).toEqual([]);
    // without slack the walk's count is taken as the printer's (as before)
    expect(keepSections([1, 8], 12, h, 6 * 15, 0)).toEqual([]);
  });
  test("the printer's extra rows add up over pages the walk only estimated: a section two pages on is kept whole", () => {
    const h = () => 15;
    // the walk: rows 1–6, 7–12 (both ends estimated), 13–18 with the section 15–18, then 19–24. The
    // printer's pages hold up to 8 rows: 1–8, 9–16 – its second page ends two rows further on than the
    // walk's, after row 16, and cuts the section 15–18. The walk's last estimated end becomes a break.
    expect(keepSections([1, 15, 19], 24, h, 6 * 15, 0, 2 * 15)).toEqual([12, 18]);
    // once a page end is a real break the printer starts where the walk does, and its extra rows count from
    // there: row 6 made a break for the section from row 8, the printer's page from row 7 holds up to row
    // 14, and the section 15–18 (two rows past the walk's estimated end after row 12) is on its next page
    expect(keepSections([1, 8, 15], 18, h, 6 * 15, 0, 2 * 15)).toEqual([6]);
  });
  test("the write plan breaks Methode-like sheets between sections, also sheets printed pages across", () => {
    // a page at 100 % holds about 29 rows: rows 1–29, then 30–49 and 50–55 together
    const rows = Array.from({ length: 55 }, (_, i) => [{ value: `Zeile ${i + 1}` }]);
    const plan = planWrite({
      sheets: [],
      specs: [{ name: "M", rows, columnWidths: [40], print: { sections: [1, 30, 50] } }],
    });
    expect(plan.sheets[0].print.rowBreaks).toEqual([29]);
    // the same sheet with a column to repeat and too wide for one page (the Einrichtungen with its blocks
    // below the table): its row breaks hold for every page across, so no section is cut there either
    const wide = planWrite({
      sheets: [],
      specs: [
        {
          name: "M",
          rows: rows.map((r) => [...r, ...Array.from({ length: 40 }, () => ({ value: 1 }))]),
          columnWidths: Array(41).fill(14),
          print: { sections: [1, 30, 50], titleColumns: { first: 1, last: 1 } },
        },
      ],
    });
    expect(wide.sheets[0].print.fitToWidth).toBeGreaterThan(1);
    expect(wide.sheets[0].print.rowBreaks).toEqual([29]);
  });
  test("a chart below the table is not cut by a page break: it starts a page when it would run over one", () => {
    // a page at 100 % holds about 29 rows; the chart covers CHART_ROWS (20) rows from its anchor
    const sheet = (textRows: number, anchorRow: number) =>
      planWrite({
        sheets: [],
        specs: [
          {
            name: "Verteilung",
            rows: [
              [{ value: "Sozialraum" }, { value: "Anteil" }],
              ...Array.from({ length: textRows - 1 }, (_, i) => [{ value: `S${i + 1}` }, { value: i }]),
            ],
            columnWidths: [20, 12],
            charts: [
              {
                kind: "bar" as const,
                title: "Anteile",
                firstRow: 1,
                lastRow: textRows,
                categoryColumn: 1,
                seriesColumns: [2],
                anchor: `A${anchorRow}`,
              },
            ],
          },
        ],
      }).sheets[0].print;
    expect(CHART_ROWS).toBe(20);
    // rows 1–20 of text, the chart from row 22 would reach row 41, over the first page's end: new page
    // (after the last row of text)
    expect(sheet(20, 22).rowBreaks).toEqual([20]);
    // five rows of text: table and chart (rows 7–26) fit on the first page, no break
    expect(sheet(5, 7).rowBreaks).toEqual([]);
    // 30 rows of text: by SRB's cautious count the page ends after row 29, and the chart (row 32) would
    // start the next page; the printer's page holds a few rows more (found on the Robustheit sheet in
    // LibreOffice) and would cut the chart. The chart starts a page of its own.
    expect(sheet(30, 32).rowBreaks).toEqual([30]);
    // 34 rows of text: SRB counts 29 rows on page 1, so the chart (row 36) would start page 2 with room to
    // spare; LibreOffice printed the publication's Einrichtungen at a smaller scale, 37 rows on page 1, and
    // cut the chart there. However many rows the printer's page holds, the chart starts a page.
    expect(sheet(34, 36).rowBreaks).toEqual([34]);
  });
  test("charts one below another: each starts a page of its own, the lower one not cut by the page's end", () => {
    const chart = (first: number) => ({ first, last: first + CHART_ROWS - 1 });
    // 30 rows of text, charts at rows 32–51 and 54–73: together 42 rows, more than a page holds
    const print = planPrint(undefined, "Robustheit", 1, {
      columnWidths: [20, 12],
      rows: 30,
      rowHeights: [],
      chartRows: [chart(32), chart(54)],
    });
    expect(print.rowBreaks).toEqual([30, 51]);
    // two charts side by side (the same rows) share their page: one break
    const beside = planPrint(undefined, "Robustheit", 1, {
      columnWidths: [20, 12],
      rows: 30,
      rowHeights: [],
      chartRows: [chart(32), chart(32)],
    });
    expect(beside.rowBreaks).toEqual([30]);
  });
  test("keepSections: a forced page end (a chart's page) starts the next page for certain", () => {
    // sections at 1 and 8, pages of 6 rows, slack 30: the walk's estimated end after row 6 becomes a
    // break (the section at 8 may still be on the printer's first page) …
    expect(keepSections([1, 8], 12, () => 15, 6 * 15, 0, 30)).toEqual([6]);
    // … unless a page ends after row 6 anyway: the page from row 7 starts for certain, nothing to add
    expect(keepSections([1, 8], 12, () => 15, 6 * 15, 0, 30, new Set([6]))).toEqual([]);
  });
  test("keepSections: the last section ends at a forced page end, not with the chart below it", () => {
    // pages of 6 rows; the section 4–6 fits below rows 1–3, and a page ends after row 6 anyway (the chart in
    // rows 7–8 has a page of its own): the chart's rows are not counted to the section, no break before it
    expect(keepSections([1, 4], 8, () => 15, 6 * 15, 0, 0, new Set([6]))).toEqual([]);
    // without the forced end the rows 4–8 are one section that does not fit below rows 1–3
    expect(keepSections([1, 4], 8, () => 15, 6 * 15, 0)).toEqual([3]);
  });
  test("on a sheet printed two pages across, a chart that does not fit with all above it starts a page", () => {
    const wide = (textRows: number) =>
      planWrite({
        sheets: [],
        specs: [
          {
            name: "Einrichtungen",
            rows: Array.from({ length: textRows }, (_, r) => [
              { value: r === 0 ? "Einrichtung" : `Kita ${r}` },
              ...Array.from({ length: 24 }, () => ({ value: 1 })),
            ]),
            columnWidths: Array(25).fill(14),
            freezeRows: 1,
            print: { titleColumns: { first: 1, last: 1 } },
            charts: [
              {
                kind: "bar" as const,
                title: "Gesamtindex",
                firstRow: 1,
                lastRow: textRows,
                categoryColumn: 1,
                seriesColumns: [2],
                anchor: `B${textRows + 2}`,
              },
            ],
          },
        ],
      }).sheets[0].print;
    expect(wide(40).fitToWidth).toBeGreaterThan(1);
    expect(wide(40).rowBreaks).toEqual([40]); // after the last row of text, not after the blank row below it
    expect(wide(6).rowBreaks).toEqual([]);
  });
});

describe("the sample's output prints as it is", () => {
  let zip: ZipArchive;
  let sheets: { name: string; xml: string; tables: string[] }[];
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-print-"));
    const out = path.join(dir, "out.xlsx");
    const code = await allocateCommand(
      {
        workbook: path.join(SAMPLE, "Musterstadt.xlsx"),
        modelFile: path.join(SAMPLE, "musterstadt.srb.json"),
        out,
        json: path.join(dir, "out.json"),
        publication: null,
        robustness: false,
        quiet: true,
      },
      { stdout: () => undefined, stderr: () => undefined },
    );
    expect(code).toBe(0);
    zip = ZipArchive.open(new Uint8Array(await fs.readFile(out)));
    const wb = zip.text("xl/workbook.xml")!;
    const rels = zip.text("xl/_rels/workbook.xml.rels")!;
    sheets = [];
    for (const m of wb.matchAll(/<sheet\b[^>]*?\sname="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
      const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(
        rels,
      )!;
      const part = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`;
      const xml = zip.text(part)!;
      if (!xml.includes("tabColor")) continue; // SRB's sheets carry its tab colour
      const sheetRels = zip.text(part.replace(/([^/]+)$/, "_rels/$1.rels")) ?? "";
      const tables = [...sheetRels.matchAll(/Target="\.\.\/tables\/([^"]+)"/g)].map(
        (t) => `xl/tables/${t[1]}`,
      );
      sheets.push({ name: m[1], xml, tables });
    }
  }, 120_000);

  test("every generated sheet: A4 landscape, one page wide (Einrichtungen: two, pages across first), page header, page numbers", () => {
    expect(sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "Vorlage",
        "Verteilung",
        "Einrichtungen",
        "Normbereiche",
        "Prüfbericht",
        "Methode",
      ]),
    );
    for (const s of sheets) {
      expect(s.xml).toContain('<pageSetUpPr fitToPage="1"/>');
      // the Vorlage for the committee is A4 portrait (issue 14, item 2)
      const orientation = s.name === "Vorlage" ? "portrait" : "landscape";
      expect(s.xml).toContain(
        s.name === "Einrichtungen"
          ? '<pageSetup paperSize="9" pageOrder="overThenDown" orientation="landscape" fitToWidth="2" fitToHeight="0"/>'
          : `<pageSetup paperSize="9" orientation="${orientation}" fitToWidth="1" fitToHeight="0"/>`,
      );
      expect(s.xml).toMatch(new RegExp(`<oddHeader>[^<]*&amp;C&amp;B${s.name}`));
      expect(s.xml).toContain("Seite &amp;P von &amp;N</oddFooter>");
    }
  });

  test("sheets with a frozen header row repeat it on every page (Print_Titles local to the sheet)", () => {
    const wb = zip.text("xl/workbook.xml")!;
    const order = [...wb.matchAll(/<sheet\b[^>]*?\sname="([^"]+)"/g)].map((m) => m[1]);
    for (const s of sheets.filter((x) => x.xml.includes('state="frozen"'))) {
      const k = order.indexOf(s.name);
      // Einrichtungen also repeats the Kita column on its second page across
      const columns = s.name === "Einrichtungen" ? `'${s.name}'!$A:$A,` : "";
      expect(wb).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">${columns}'${s.name}'!$1:$1</definedName>`,
      );
    }
  });

  test("Methode starts a section that a page break would split on a new page (<rowBreaks>)", () => {
    const methode = sheets.find((s) => s.name === "Methode")!;
    const breaks = [...methode.xml.matchAll(/<brk id="(\d+)" max="16383" man="1"\/>/g)].map((m) =>
      Number(m[1]),
    );
    expect(breaks.length).toBeGreaterThan(0);
    for (const b of breaks) {
      // the row below a break holds a section title (bold text), the row at the break is the blank before it
      expect(methode.xml).not.toMatch(new RegExp(`<row r="${b}"[^>]*>`));
      expect(methode.xml).toMatch(
        new RegExp(`<row r="${b + 1}"[^>]*><c r="A${b + 1}" s="\\d+" t="inlineStr">`),
      );
    }
  });

  test("every word of every result-table header fits its column width at Calibri 11 (bold)", () => {
    let checked = 0;
    for (const s of sheets) {
      const widths = new Map<number, number>();
      for (const c of s.xml.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g))
        widths.set(Number(c[1]), Number(c[2]));
      const check = (header: string, column: number) => {
        const width = widths.get(column) ?? 8.43;
        for (const word of headerWords(header)) {
          checked++;
          if (columnWidthFor(word, true) > width)
            throw new Error(`${s.name}: „${word}“ (aus „${header}“) passt nicht in Breite ${width}`);
        }
      };
      for (const part of s.tables) {
        const table = zip.text(part)!;
        const ref = /ref="([A-Z]+)\d+:/.exec(table)![1];
        const first = [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        const headers = [...table.matchAll(/<tableColumn id="\d+" name="([^"]*)"/g)].map((m) =>
          m[1].replace(/&amp;/g, "&").replace(/&quot;/g, '"'),
        );
        headers.forEach((header, i) => check(header, first + i));
      }
      // a frozen header row (Einrichtungen as a Stellenplan has no table) is a header row too
      if (s.xml.includes('state="frozen"')) {
        const row1 = /<row r="1"[^>]*>(.*?)<\/row>/.exec(s.xml)![1];
        for (const c of row1.matchAll(/<c r="([A-Z]+)1"[^>]*t="inlineStr"><is><t[^>]*>([^<]*)<\/t>/g)) {
          const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
          check(c[2].replace(/&amp;/g, "&"), col);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  test("header cells are wrapped and their rows tall enough", () => {
    const verteilung = sheets.find((s) => s.name === "Verteilung")!;
    expect(verteilung.xml).toMatch(/<row r="1"( ht="\d+" customHeight="1")?>/);
    const styles = zip.text("xl/styles.xml")!;
    expect(styles).toContain('<alignment vertical="top" wrapText="1"/>');
  });
});

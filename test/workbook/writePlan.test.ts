/**
 * The write plan (src/workbook/writePlan.ts), pure: whose sheet is what, rewrite in place / create /
 * remove, the store's sheet, Excel's limits, charts and tables, and every note. Both adapters apply it
 * (their behaviour is covered by the port contract, test/workbook/portContract.ts).
 */
import fc from "fast-check";
import type { SheetSpec } from "../../src/workbook/port";
import {
  canonicalSheetText,
  decodeStore,
  earlierNumberText,
  encodeStore,
  fifteenDigits,
  sheetFingerprint,
  sheetFingerprintOf,
} from "../../src/workbook/store";
import { isPlainXmlText, xmlSafeText } from "../../src/workbook/xmlText";
import {
  EXCEL_MAX_CELL_TEXT,
  chartProblem,
  cutText,
  editedNote,
  isStoreContent,
  isValidTableName,
  planWrite,
  storeCandidates,
  unprovenNote,
  withSheetReferences,
  type ExistingSheet,
} from "../../src/workbook/writePlan";

const spec = (name: string, marker = "x"): SheetSpec => ({
  name,
  rows: [
    [{ value: "Spalte" }, { value: "Wert" }],
    [{ value: marker }, { value: 3 }],
  ],
});

/** A store as SRB writes it, decoded: these sheets generated, with these fingerprints (or none). */
function store(generated: string[], fingerprints?: Record<string, string>) {
  return { sheet: "_SRB", content: decodeStore(encodeStore({ generated, model: { a: 1 }, fingerprints })) };
}

const user = (name: string): ExistingSheet => ({ name, visible: true });
const hidden = (name: string): ExistingSheet => ({ name, visible: false });

describe("a sheet written under another name: SRB's other sheets point to it", () => {
  const vorlage = (): SheetSpec => ({
    name: "Vorlage",
    rows: [
      [{ value: "Die Stellen je Kita stehen im Blatt „Einrichtungen“." }],
      [{ value: "Einrichtungen" }], // a heading, not a reference: stays
      [{ value: "Kita „Einrichtungen“ am Markt" }], // a name in quotes, no „Blatt“: stays
      [{ value: 3 }],
      // about the user's data sheet: stays
      [{ value: "Datengrundlage: 32 Kitas aus dem Blatt „Einrichtungen“." }],
      [{ value: "Blatt „Einrichtungen“: die Daten enden an der Leerzeile 34." }],
      [{ value: "Ausführlich: Blatt „Einrichtungen“ (alle Einstellungen)." }],
    ],
  });

  test("the user's edited „Einrichtungen“ keeps its name: the Vorlage says „Einrichtungen (2)“, once with a note", () => {
    // the user's own sheet „Einrichtungen“ (edited, or the data sheet: SRB cannot prove it wrote it)
    const first = planWrite({
      sheets: [user("Kitas"), user("Einrichtungen")],
      specs: [vorlage(), spec("Einrichtungen")],
    });
    expect(first.sheets.map((s) => s.name)).toEqual(["Vorlage", "Einrichtungen (2)"]);
    expect(first.sheets[0].rows.map((row) => row[0]?.value)).toEqual([
      "Die Stellen je Kita stehen im Blatt „Einrichtungen (2)“.",
      "Einrichtungen",
      "Kita „Einrichtungen“ am Markt",
      3,
      "Datengrundlage: 32 Kitas aus dem Blatt „Einrichtungen“.",
      "Blatt „Einrichtungen“: die Daten enden an der Leerzeile 34.",
      "Ausführlich: Blatt „Einrichtungen (2)“ (alle Einstellungen).",
    ]);
    expect(first.notes).toEqual([
      "Blatt „Einrichtungen“ wurde als „Einrichtungen (2)“ angelegt, weil der Name vergeben oder ungültig ist.",
    ]);
    // the next run rewrites „Einrichtungen (2)“ in place: the reference again, and a note that says so
    const prints = Object.fromEntries(first.sheets.map((s) => [s.name, s.fingerprint]));
    const next = planWrite({
      sheets: [
        user("Kitas"),
        user("Einrichtungen"),
        { ...user("Vorlage"), fingerprint: prints.Vorlage },
        { ...user("Einrichtungen (2)"), fingerprint: prints["Einrichtungen (2)"] },
        hidden("_SRB"),
      ],
      store: store(["Vorlage", "Einrichtungen (2)"], prints),
      specs: [vorlage(), spec("Einrichtungen")],
    });
    expect(next.sheets.map((s) => [s.name, s.rewrite])).toEqual([
      ["Vorlage", "Vorlage"],
      ["Einrichtungen (2)", "Einrichtungen (2)"],
    ]);
    expect(next.sheets[0].rows[0][0]?.value).toBe("Die Stellen je Kita stehen im Blatt „Einrichtungen (2)“.");
    expect(next.notes).toEqual([
      "Die Ergebnisse für „Einrichtungen“ stehen weiter im Blatt „Einrichtungen (2)“, weil der Name „Einrichtungen“ vergeben oder ungültig ist.",
    ]);
  });

  test("a pointer wrapped over two lines of a note is rewritten too; one about the user's sheet is not", () => {
    const note: SheetSpec = {
      name: "Vorlage",
      rows: [
        [{ value: "Ausführlich: Blatt „Methode“ (alle Einstellungen) sowie im" }],
        [{ value: "Blatt „Einrichtungen“ die Stellen je Kita." }],
        [{ value: "Stellen je Kita, Einzelheiten: Ausführlich:" }],
        [{ value: "Blatt „Einrichtungen“ (Stellenplan)." }],
        [{ value: "Datengrundlage: 32 Kitas aus dem" }],
        [{ value: "Blatt „Einrichtungen“, Stand 1. März." }],
        [{ value: "Blatt „Einrichtungen“: die Daten enden an der Leerzeile 34." }],
      ],
    };
    const renamed = withSheetReferences(note, new Map([["Einrichtungen", "Einrichtungen (2)"]]));
    expect(renamed.rows.map((row) => row[0]?.value)).toEqual([
      "Ausführlich: Blatt „Methode“ (alle Einstellungen) sowie im",
      "Blatt „Einrichtungen (2)“ die Stellen je Kita.",
      "Stellen je Kita, Einzelheiten: Ausführlich:",
      "Blatt „Einrichtungen (2)“ (Stellenplan).",
      "Datengrundlage: 32 Kitas aus dem",
      "Blatt „Einrichtungen“, Stand 1. März.",
      "Blatt „Einrichtungen“: die Daten enden an der Leerzeile 34.",
    ]);
  });

  test("a pointer wrapped after „Blatt“ or „(Blatt“ is rewritten too (the Vorlage breaks its lines at any blank)", () => {
    const note: SheetSpec = {
      name: "Vorlage",
      rows: [
        [{ value: "Robustheit: die Rangfolge hält bei 200 Läufen. Einzelheiten im Blatt" }],
        [{ value: "„Robustheit“." }],
        [{ value: "VZÄ: Stellen des Stellenplans im Sozialraum (Blatt" }],
        [{ value: "„Einrichtungen“)." }],
        [{ value: "Eine Kita heißt" }],
        [{ value: "„Einrichtungen“ – sie bleibt." }],
      ],
    };
    const renamed = withSheetReferences(
      note,
      new Map([
        ["Einrichtungen", "Einrichtungen (2)"],
        ["Robustheit", "Robustheit (2)"],
      ]),
    );
    expect(renamed.rows.map((row) => row[0]?.value)).toEqual([
      "Robustheit: die Rangfolge hält bei 200 Läufen. Einzelheiten im Blatt",
      "„Robustheit (2)“.",
      "VZÄ: Stellen des Stellenplans im Sozialraum (Blatt",
      "„Einrichtungen (2)“).",
      "Eine Kita heißt",
      "„Einrichtungen“ – sie bleibt.",
    ]);
  });

  test("withSheetReferences leaves a sheet without such texts as it is (the same object)", () => {
    const plain = spec("Verteilung");
    expect(withSheetReferences(plain, new Map([["Einrichtungen", "Einrichtungen (2)"]]))).toBe(plain);
    expect(withSheetReferences(vorlage(), new Map())).toEqual(vorlage());
  });
});

describe("whose sheet is it: only what SRB can prove (issue 17.1)", () => {
  test.each([
    ["names only (older store)", undefined],
    ["fingerprints of other content", { Kitas: "0123456789abcdef", Notizen: "fedcba9876543210" }],
    ["fingerprints for other names", { Verteilung: "0123456789abcdef" }],
  ])("a store listing the user's sheets with %s: nothing of theirs is rewritten or removed", (_, prints) => {
    const sheets: ExistingSheet[] = [
      { ...user("Kitas"), fingerprint: "aaaaaaaaaaaaaaaa" },
      { ...user("Notizen"), fingerprint: "bbbbbbbbbbbbbbbb" },
      hidden("_SRB"),
    ];
    const plan = planWrite({
      sheets,
      store: store(["Kitas", "Notizen"], prints),
      specs: [spec("Verteilung"), spec("Kitas")],
    });
    expect(plan.remove).toEqual([]);
    expect(plan.replaced).toEqual([]);
    expect(plan.sheets.map((s) => [s.name, s.rewrite])).toEqual([
      ["Verteilung", null],
      ["Kitas (2)", null],
    ]);
    expect(plan.notes.length).toBeGreaterThanOrEqual(2);
    if (prints === undefined) expect(plan.notes).toContain(unprovenNote("Kitas"));
  });

  test("a proven, unchanged sheet is rewritten in place; one no longer requested is removed", () => {
    const v = spec("Verteilung", "alt");
    const m = spec("Methode", "alt");
    const first = planWrite({ sheets: [user("Kitas")], specs: [v, m] });
    const prints = Object.fromEntries(first.sheets.map((s) => [s.name, s.fingerprint]));
    const sheets: ExistingSheet[] = [
      user("Kitas"),
      { ...user("Verteilung"), fingerprint: prints.Verteilung },
      { ...user("Methode"), fingerprint: prints.Methode },
      hidden("_SRB"),
    ];
    const plan = planWrite({
      sheets,
      store: store(["Verteilung", "Methode"], prints),
      specs: [spec("Verteilung")],
    });
    expect(plan.sheets[0]).toMatchObject({ name: "Verteilung", rewrite: "Verteilung" });
    expect(plan.remove).toEqual(["Methode"]);
    expect(plan.replaced).toEqual(["Verteilung", "Methode"]);
    expect(plan.notes).toEqual([]);
    expect(plan.store).toMatchObject({ sheet: "_SRB", exists: true });
    expect(plan.store.content.model).toEqual({ a: 1 });
  });

  test("a sheet of a file an earlier SRB build wrote (numbers rounded from their binary value) is still SRB's", () => {
    // 43.97639128102705: the earlier rule took 43.976391281027, today's takes 43.9763912810271
    const cells = [["Index"], [43.97639128102705], [73.12468160978095]];
    const earlier = sheetFingerprint(cells, undefined, earlierNumberText);
    const now = sheetFingerprint(cells);
    expect(now).not.toBe(earlier);
    const plan = planWrite({
      sheets: [
        {
          ...user("Verteilung"),
          fingerprint: now,
          earlierFingerprint: () => sheetFingerprint(cells, undefined, earlierNumberText),
        },
        { ...user("Methode"), fingerprint: now, earlierFingerprint: () => now },
        hidden("_SRB"),
      ],
      store: store(["Verteilung", "Methode"], { Verteilung: earlier, Methode: earlier }),
      specs: [spec("Verteilung"), spec("Methode")],
    });
    expect(plan.sheets.map((s) => s.rewrite)).toEqual(["Verteilung", null]);
    expect(plan.notes).toContain(editedNote("Methode"));
  });

  test("an edited sheet is kept with a note; one too large to check is kept with another", () => {
    const sheets: ExistingSheet[] = [
      { ...user("Verteilung"), fingerprint: "1111111111111111" },
      { ...user("Einrichtungen"), fingerprint: null },
      hidden("_SRB"),
    ];
    const plan = planWrite({
      sheets,
      store: store(["Verteilung", "Einrichtungen"], {
        Verteilung: "2222222222222222",
        Einrichtungen: "3333333333333333",
      }),
      specs: [spec("Verteilung"), spec("Einrichtungen")],
      fingerprintRows: 10_000,
    });
    expect(plan.notes[0]).toBe(editedNote("Verteilung"));
    expect(plan.notes[1]).toContain("mehr als 10.000 Zeilen");
    expect(plan.sheets.map((s) => s.name)).toEqual(["Verteilung (2)", "Einrichtungen (2)"]);
    expect(plan.remove).toEqual([]);
  });

  test.each(["_SRB", "_srb", "_Srb (2)"])(
    "a visible user sheet named %s is never the store: the store takes a free name",
    (name) => {
      expect(storeCandidates([user(name)])).toEqual([]);
      const plan = planWrite({ sheets: [user("Kitas"), user(name)], specs: [spec("Verteilung")] });
      expect(plan.store.exists).toBe(false);
      expect(plan.store.sheet.toLowerCase()).not.toBe(name.toLowerCase());
      expect(plan.sheets.map((s) => s.name)).toEqual(["Verteilung"]);
    },
  );

  test("a hidden sheet named _SRB without SRB's marker row is not the store", () => {
    expect(isStoreContent(decodeStore([["Meine Notiz", "geheim"]]))).toBe(false);
    expect(isStoreContent(decodeStore([["SRB", 1]]))).toBe(true);
    const plan = planWrite({ sheets: [user("Kitas"), hidden("_SRB")], specs: [spec("Verteilung")] });
    expect(plan.store.sheet).toBe("_SRB (2)");
    expect(plan.notes.some((n) => n.includes("„_SRB (2)“"))).toBe(true);
  });

  test("property: whatever the store lists, a sheet without a matching fingerprint is never touched", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom("Kitas", "Notizen", "Verteilung", "Methode", "_SRB (3)"), {
          minLength: 1,
        }),
        fc.array(fc.constantFrom("Kitas", "Notizen", "Verteilung", "Methode", "Prüfbericht")),
        fc.array(fc.constantFrom("Verteilung", "Methode", "Kitas", "Prüfbericht")),
        (existing, listed, requested) => {
          const sheets = [
            ...existing.map((n) => ({ ...user(n), fingerprint: sheetFingerprint([[n]]) })),
            hidden("_SRB"),
          ];
          const plan = planWrite({ sheets, store: store(listed), specs: requested.map((n) => spec(n)) });
          expect(plan.remove).toEqual([]);
          expect(plan.sheets.every((s) => s.rewrite === null)).toBe(true);
          for (const s of plan.sheets)
            expect(existing.map((e) => e.toLowerCase())).not.toContain(s.name.toLowerCase());
        },
      ),
    );
  });
});

describe("the content fingerprint is the hash of its canonical text", () => {
  /** The hash as documented (store.ts `sheetFingerprint`), over the whole canonical text. */
  const hashOf = (text: string) => {
    let h1 = 0x811c9dc5;
    let h2 = 0x050c5d1f;
    for (let i = 0; i < text.length; i++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193);
      h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 ^= text.length;
    h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) ^ (h1 >>> 7);
    return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
  };
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.constantFrom(
      'a"b',
      "c\\d",
      "e\r\nf",
      "\u0001",
      "\ud800",
      "x\udc00y",
      "😀",
      "=SUM(A1:A3)",
      "Kita „Süd“",
    ),
  );
  const cell = fc.oneof(text, fc.double(), fc.boolean(), fc.constant(null), fc.constant(""));
  test("property: any cells (text that JSON escapes or not, numbers, blanks)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }), (cells) => {
        expect(sheetFingerprint(cells)).toBe(hashOf(canonicalSheetText(cells)));
      }),
      { numRuns: 3_000 },
    );
  });
  test("property: formulas read apart from values count as their text with a leading '='", () => {
    const withFormula = fc.record({ f: fc.option(text, { nil: undefined }), v: cell });
    fc.assert(
      fc.property(fc.array(fc.array(withFormula, { maxLength: 6 }), { maxLength: 6 }), (cells) => {
        const asText = cells.map((row) => row.map((c) => (c.f !== undefined ? `=${c.f}` : c.v)));
        expect(
          sheetFingerprintOf(
            cells,
            (c) => c.v,
            undefined,
            (c) => c.f,
          ),
        ).toBe(sheetFingerprint(asText));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe("the content fingerprint's text of a number", () => {
  /**
   * The rule, written another way (big integers): the number's shortest decimal form rounded half away
   * from zero to 15 significant digits, as LibreOffice saves it.
   */
  const token = (x: number) => {
    const [mantissa, power = "0"] = String(Math.abs(x)).split("e");
    const [whole, fraction = ""] = mantissa.split(".");
    let digits = BigInt(whole + fraction);
    let exponent = Number(power) - fraction.length;
    const count = digits.toString().length;
    if (count > 15) {
      const drop = 10n ** BigInt(count - 15);
      digits = (digits + drop / 2n) / drop; // half away from zero (the digits are the magnitude)
      exponent += count - 15;
    }
    const rounded = Number(`${x < 0 ? "-" : ""}${digits}e${exponent}`);
    return Object.is(rounded, -0) ? "0" : String(rounded);
  };
  test("property: any finite number, its shortest form rounded half away from zero to 15 significant digits", () => {
    fc.assert(
      // below the largest double's 15 digits (1.79769313486232e308 would be beyond it); subnormal
      // numbers (below 2.3e-308) are taken as their shortest form (see the worked examples)
      fc.property(fc.double({ min: -1.7e308, max: 1.7e308, noNaN: true }), (x) => {
        const expected = Math.abs(x) < 2.3e-308 ? (x === 0 ? "0" : String(x)) : token(x);
        expect(canonicalSheetText([[x]])).toBe(`1,1:${expected}`);
      }),
      { numRuns: 20_000 },
    );
  });
  test("property: numbers with 16 significant digits, half of them ending in 5 (where rounding twice matters)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n - 1n }),
        fc.boolean(),
        fc.integer({ min: -20, max: 20 }),
        (digits, tie, power) => {
          const text = `${tie ? (digits / 10n) * 10n + 5n : digits}e${power}`;
          const x = Number(text);
          expect(canonicalSheetText([[x]])).toBe(`1,1:${token(x)}`);
          expect(fifteenDigits(fifteenDigits(x))).toBe(fifteenDigits(x));
        },
      ),
      { numRuns: 20_000 },
    );
  });
  test.each([
    // SRB wrote the first number, LibreOffice saved the second (Einrichtungen of the sample, Gesamtindex)
    [43.97639128102705, 43.9763912810271],
    [73.12468160978095, 73.124681609781],
    [21.55610136735965, 21.5561013673597],
    [16.18008689862995, 16.18008689863],
    [-16.18008689862995, -16.18008689863],
  ])("%p and LibreOffice's %p have one text", (written, saved) => {
    expect(fifteenDigits(written)).toBe(saved);
    expect(canonicalSheetText([[written]])).toBe(canonicalSheetText([[saved]]));
    // rounding the binary value instead gives another number: what the rule before this one did
    expect(Number(written.toPrecision(15))).not.toBe(saved);
  });
  test.each([
    [5e-324, "5e-324"],
    [-2.2250738585072e-308, "-2.2250738585072e-308"],
  ])("a subnormal number %p is taken as its shortest form", (x, text) => {
    expect(canonicalSheetText([[x]])).toBe(`1,1:${text}`);
  });
  test.each([
    // near the edges of fixed notation (written as sums: the literals themselves would not be exact)
    1e15 - 0.125,
    1e15 - 0.0625,
    1e14 - 0.01,
    1e-6,
    1e-6 - 1e-22,
    -1e-6,
    5e-7,
    0.1 + 0.2,
    123456789012345.6,
    1e15 + 0.5,
    2.5,
    -53.16776119402984,
    1e-300,
    1.0000000000000002,
    Number("1.2345678901234567e-7"),
    Number("9.999999999999999e22"),
  ])("%p", (x) => {
    expect(canonicalSheetText([[x]])).toBe(`1,1:${token(x)}`);
  });
});

describe("limits, charts, tables", () => {
  test("text is cut to 32,767 characters with …, never between the halves of a surrogate pair", () => {
    const emoji = "😀".repeat(20_000); // 40,000 UTF-16 units
    const { text, cut } = cutText(emoji);
    expect(cut).toBe(true);
    expect(text.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_TEXT);
    expect(text.endsWith("😀…")).toBe(true);
    expect(cutText("kurz")).toEqual({ text: "kurz", cut: false });
  });

  test("wrapping the header rows leaves the spec's rows as they were; plain cells are planned as they are", () => {
    const rows = [
      [
        { value: "Einrichtung", bold: true },
        { value: "Personalvolumen", bold: true },
      ],
      [{ value: "Kita 1" }, { value: 2.5, numFmt: "0.00" }],
      [
        { value: null, numFmt: "0.00" },
        { value: 5, formula: "B2*2", numFmt: "0.00" },
      ],
    ];
    const before = JSON.stringify(rows);
    const plan = planWrite({
      sheets: [],
      specs: [
        {
          name: "Einrichtungen",
          rows,
          freezeRows: 1,
          tables: [{ name: "Einrichtungen", headerRow: 1, lastRow: 3, firstColumn: 1, lastColumn: 2 }],
        },
      ],
    });
    const planned = plan.sheets[0].rows;
    expect(JSON.stringify(rows)).toBe(before);
    expect(planned[0].map((c) => c.wrap)).toEqual([true, true]);
    expect(planned[1]).toEqual(rows[1]);
    expect(planned[2]).toEqual([
      { value: null, numFmt: "0.00" },
      { value: 5, formula: "B2*2", numFmt: "0.00" },
    ]);
  });

  test("cut text, non-finite numbers and XML-unsafe text each give a note naming the cell", () => {
    const plan = planWrite({
      sheets: [],
      specs: [
        {
          name: "Text",
          rows: [[{ value: "x".repeat(40_000) }, { value: Infinity }, { value: "Kita\u0001" }]],
        },
      ],
    });
    expect(plan.notes).toEqual([
      "Blatt „Text“, Zelle A1: Text auf 32767 Zeichen gekürzt.",
      "Blatt „Text“, Zelle B1: keine endliche Zahl (Infinity), als #ZAHL! geschrieben.",
      expect.stringContaining("Blatt „Text“: eine Zelle enthielt Zeichen"),
    ]);
    expect(plan.sheets[0].rows[0][1]).toEqual({ value: "#NUM!", error: true });
  });

  test("property: a text taken as it is (isPlainXmlText) is exactly what the long way would write", () => {
    const unit = fc.oneof(
      fc.constantFrom(
        "a",
        "Ä",
        " ",
        "\t",
        "\n",
        "\r",
        "\u0001",
        "\u001f",
        "\ud83d",
        "\ude00",
        "\ufffe",
        "\uffff",
        "\ufffd",
        "\ud7ff",
        "\ue000",
      ),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 8 }).map((units) => units.join("")),
        (text) => {
          if (isPlainXmlText(text)) expect(xmlSafeText(text)).toEqual({ text, replaced: 0 });
          const plan = planWrite({ sheets: [], specs: [{ name: "T", rows: [[{ value: text }]] }] });
          const safe = xmlSafeText(text);
          expect(plan.sheets[0].rows[0][0]).toEqual({ value: safe.text === "" ? null : safe.text });
          expect(plan.notes.length).toBe(safe.replaced > 0 ? 1 : 0);
        },
      ),
    );
    expect(isPlainXmlText("Kita\u0007 Nord")).toBe(false);
    expect(isPlainXmlText("Kita 😀")).toBe(false); // a pair goes the long way
    expect(isPlainXmlText("Zeile 1\r\nZeile 2\tEnde")).toBe(true);
  });

  test("a chart needs its data on the sheet and an anchor that is a cell", () => {
    const rows = [
      [{ value: "Sozialraum" }, { value: "Anteil" }],
      [{ value: "Nord" }, { value: 1 }],
    ];
    const chart = {
      kind: "bar" as const,
      title: "Anteile",
      firstRow: 1,
      lastRow: 2,
      categoryColumn: 1,
      seriesColumns: [2],
      anchor: "D2",
    };
    expect(chartProblem("V", chart, rows)).toBeNull();
    expect(chartProblem("V", { ...chart, lastRow: 3 }, rows)).toContain("Datenbereich");
    expect(chartProblem("V", { ...chart, anchor: "rechts daneben" }, rows)).toContain("keine Zelladresse");
    expect(chartProblem("V", { ...chart, lastRow: 1 }, rows)).toContain("keine Datenzeilen");
  });

  test("tables: valid names, headers distinct and non-empty, a taken name gets a suffix", () => {
    expect(isValidTableName("SRB_Verteilung")).toBe(true);
    expect(isValidTableName("A1")).toBe(false);
    expect(isValidTableName("SRB Verteilung")).toBe(false);
    const rows = [
      [{ value: "Sozialraum" }, { value: "Betrag" }],
      [{ value: "Nord" }, { value: 1 }],
    ];
    const table = { name: "SRB_Verteilung", headerRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 2 };
    const plan = planWrite({
      sheets: [{ ...user("Kitas"), tables: ["srb_verteilung"] }],
      specs: [
        { name: "Verteilung", rows, tables: [table] },
        {
          name: "Leer",
          rows: [[{ value: "A" }, { value: "a" }], [{ value: 1 }]],
          tables: [{ ...table, name: "SRB_Leer" }],
        },
      ],
    });
    expect(plan.sheets[0].tables).toEqual([
      { ...table, name: "SRB_Verteilung_2", headers: ["Sozialraum", "Betrag"] },
    ]);
    expect(plan.sheets[1].tables).toEqual([]);
    expect(plan.notes).toEqual([
      expect.stringContaining("„SRB_Verteilung_2“"),
      "Blatt „Leer“: Tabelle „SRB_Leer“ nicht angelegt, die Überschrift „a“ kommt doppelt vor.",
    ]);
  });
});

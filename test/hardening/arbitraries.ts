/**
 * fast-check arbitraries for random workbooks: a model and a data sheet that are mostly plausible (so that
 * many runs get as far as an allocation) and full of what real sheets contain: blanks, text, error values,
 * booleans, huge and tiny numbers, negatives, non-finite numbers, duplicate and unicode names (emoji, RTL,
 * combining marks), formula-like text, headers missing or twice, zero rows, one row, one Sozialraum.
 */
import fc from "fast-check";
import type { CategorySpec, IndicatorSpec, Model, ModelOptions } from "../../src/engine/model";
import type { CellValue, RawTable } from "../../src/engine/table";

export const NAMES = [
  "Kita A",
  "Kita B",
  "kita a ",
  "Kita Sonnenschein 🌞",
  "👨‍👩‍👧 Familienzentrum",
  "روضة الأطفال", // RTL
  "גן ילדים",
  "Kita Zwölf Apostel",
  "Cafe\u0301 Kinderhaus", // combining acute
  "Z\u0335a\u0336l\u0337g\u0338o",
  '=HYPERLINK("http://example.invalid","klick")',
  "+1",
  "-2",
  "@x",
  "=1+1",
  "'Kita",
  "Kita [Nord]: *neu*?",
  "Summe",
  "Ø Mittelwert",
  "x".repeat(300),
  "Kita\tTab",
  "  ",
  "",
];

export const AREAS = ["Nord", "Süd", "nord", "Innenstadt/Ost", "مركز", "🏙️ Mitte", "=A1", "3"];

const ERRORS: CellValue[] = [{ error: "#N/A" }, { error: "#DIV/0!" }, { error: "#VALUE!" }, "#NV", "#WERT!"];

/** A cell anywhere in the sheet: mostly plausible numbers, often something bad. */
export const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 200 }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) },
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<CellValue>(
      1e300,
      -1e300,
      1e-300,
      5e-324,
      -0,
      -3,
      Number.MAX_VALUE,
      Number.MAX_SAFE_INTEGER,
      NaN,
      Infinity,
      -Infinity,
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom<CellValue>(...ERRORS) },
  { weight: 2, arbitrary: fc.boolean() },
  {
    weight: 3,
    arbitrary: fc.constantFrom<CellValue>("12,5", "k.A.", "", " ", "7 %", "1.234,56", "-", "ca. 20", "1e-5"),
  },
  { weight: 2, arbitrary: fc.constantFrom<CellValue>(...NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

/** A plausible indicator value: mostly whole numbers, sometimes a share, rarely blank. */
const goodValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 200 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const nameCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<CellValue>(...NAMES) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => `Kita ${n}`) },
  { weight: 1, arbitrary: anyCell },
);

const CATEGORY_NAMES = ["Soziale Lage", "Flucht und Migration", "Infrastruktur und Netzwerke", "Ä 😀 ﷽"];
const INDICATOR_NAMES = [
  "SGB II",
  "Alleinerziehend",
  "nicht Deutsch",
  "ÖPNV",
  "Anteil 🧒",
  "مؤشر",
  "=SUM(A1)",
];

export interface FuzzCase {
  model: Model;
  table: RawTable;
}

const options: fc.Arbitrary<ModelOptions> = fc.record({
  normalisation: fc.constantFrom("minmax" as const, "tscore" as const),
  sd: fc.constantFrom("sample" as const, "population" as const),
  areaMethod: fc.constantFrom("mean-of-units" as const, "sum-of-units" as const, "aggregate" as const),
  childWeighted: fc.boolean(),
  winsorise: fc.boolean(),
  publication: fc.boolean(),
  sockel: fc.option(
    fc.record({
      fraction: fc.constantFrom(0, 0.2, 0.5, 1),
      by: fc.constantFrom("equal" as const, "children" as const),
    }),
    { nil: undefined },
  ),
});

/** A random model (mostly valid) and a data sheet that fits it more or less. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    nCategories: fc.integer({ min: 1, max: 3 }),
    nIndicators: fc.integer({ min: 1, max: 5 }),
    directions: fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 5, maxLength: 5 }),
    weights: fc.array(fc.constantFrom(1, 1, 2, 0.5, 1e-300, 1e300), { minLength: 8, maxLength: 8 }),
    options: options,
    budget: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map((c) => c / 100) },
      { weight: 2, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(0, 0.01, -5, 1e300, 1e15, 1e12, 999_999_999_999.99, NaN, Infinity),
      },
    ),
    withChildren: fc.boolean(),
    headerMutation: fc.constantFrom(
      "none",
      "none",
      "none",
      "missing",
      "duplicate",
      "blank",
      "extra",
      "shuffle",
    ),
    mutationPick: fc.nat(),
    nAreas: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(
      fc.record({
        id: nameCell,
        area: fc.oneof({ weight: 10, arbitrary: fc.nat(3) }, { weight: 2, arbitrary: anyCell }),
        children: fc.oneof(
          { weight: 6, arbitrary: fc.integer({ min: 0, max: 150 }) },
          { weight: 1, arbitrary: anyCell },
        ),
        values: fc.array(anyCell, { minLength: 5, maxLength: 5 }),
        goodValues: fc.array(goodValue, { minLength: 5, maxLength: 5 }),
        goodChildren: fc.integer({ min: 0, max: 150 }),
        name: fc.constantFrom(...NAMES.filter((n) => n.trim() !== "" && !/^(summe|ø)/i.test(n))),
        extra: fc.option(anyCell, { freq: 4 }),
      }),
      { minLength: 0, maxLength: 14 },
    ),
    blankRows: fc.array(fc.nat(14), { maxLength: 2 }),
    /** clean: plausible data (unique names, numbers, few blanks); sprinkled: clean plus a few wild cells; wild. */
    mode: fc.constantFrom("clean", "clean", "sprinkled", "sprinkled", "wild"),
    sprinkles: fc.array(fc.tuple(fc.nat(), fc.nat(), anyCell), { minLength: 1, maxLength: 3 }),
  })
  .map((r): FuzzCase => {
    const categories: CategorySpec[] = CATEGORY_NAMES.slice(0, r.nCategories).map((name, k) => ({
      name,
      weight: r.weights[k],
    }));
    const nIndicators = Math.max(r.nIndicators, r.nCategories);
    const indicators: IndicatorSpec[] = INDICATOR_NAMES.slice(0, nIndicators).map((column, i) => ({
      column,
      category: categories[i % categories.length].name,
      direction: r.directions[i],
      weight: r.weights[3 + i],
    }));
    const model: Model = {
      data: {
        sheet: "Kitas",
        id: "Einrichtung",
        area: "Sozialraum",
        ...(r.withChildren ? { children: "Kinder" } : {}),
      },
      indicators,
      categories,
      options: r.options,
      budget: { total: r.budget },
    };
    let headers: CellValue[] = [
      "Einrichtung",
      "Sozialraum",
      ...(r.withChildren ? ["Kinder"] : []),
      ...indicators.map((i) => i.column),
    ];
    const width = headers.length;
    const wild = r.mode === "wild";
    let rows: CellValue[][] = r.rows.map((row, i) => [
      wild ? row.id : `${row.name} ${i + 1}`,
      typeof row.area === "number" ? AREAS[row.area % r.nAreas] : wild ? row.area : AREAS[i % r.nAreas],
      ...(r.withChildren ? [wild ? row.children : row.goodChildren] : []),
      ...(wild ? row.values : row.goodValues).slice(0, nIndicators),
      ...(row.extra === null || !wild ? [] : [row.extra]),
    ]);
    if (r.mode === "sprinkled" && rows.length > 0) {
      for (const [at, col, value] of r.sprinkles) rows[at % rows.length][col % width] = value;
    }
    for (const at of r.blankRows) rows.splice(Math.min(at, rows.length), 0, []);
    const k = r.mutationPick % width;
    switch (r.headerMutation) {
      case "missing":
        headers = headers.filter((_, c) => c !== k);
        rows = rows.map((row) => row.filter((_, c) => c !== k));
        break;
      case "duplicate":
        headers = [...headers, headers[k]];
        break;
      case "blank":
        headers = headers.map((h, c) => (c === k ? null : h));
        break;
      case "extra":
        headers = [...headers, "Bemerkung 📝"];
        break;
      case "shuffle": {
        const order = headers.map((_, c) => (c + k) % width);
        headers = order.map((c) => headers[c]);
        rows = rows.map((row) => order.map((c) => row[c] ?? null));
        break;
      }
    }
    return { model, table: { sheet: "Kitas", headers, rows } };
  });

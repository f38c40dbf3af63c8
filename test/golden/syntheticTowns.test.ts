/**
 * Golden test of the engine alone: `runAllocation` on synthetic towns (bench/synthetic.ts, seeded) of 37,
 * 400 and 3,000 Kitas under model variants that reach every stage (T-Werte, winsorisation, aggregate with
 * Kinder, sum of the Kitas, Sockel by Kinder with publication codes, goalposts, Bremen, unequal weights with
 * the Stellenplan split by index × Kinder, strand columns with Träger and requested VZÄ, no Stellenplan).
 *
 * It pins a SHA-256 of every computed number and text (the allocation and all issues, JSON with NaN, ±∞
 * and −0 spelled out), so that a performance change can show "results byte-identical". The goldens are
 * test/golden/synthetic-towns.json; to rewrite them after an intended change of a computed value:
 *   SRB_UPDATE_GOLDEN=1 npx jest test/golden/syntheticTowns.test.ts --maxWorkers=1
 * and name the change in the commit.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { syntheticTown } from "../../bench/synthetic";
import type { Model } from "../../src/engine/model";
import { seededRandom } from "../../src/engine/seededRandom";
import type { CellValue, RawTable } from "../../src/engine/table";
import { unitScores } from "../../src/engine/unitScores";
import { runAllocation } from "../helpers/resolved";
import { unitCategoryIndices } from "../../src/engine/categoryIndices";

const GOLDEN = path.join(__dirname, "synthetic-towns.json");
const UPDATE = process.env.SRB_UPDATE_GOLDEN === "1";
const SIZES = [37, 400, 3000];

/** The synthetic town with the strand, Träger, VZÄ and Bremen columns added (seeded, deterministic). */
function withExtraColumns(table: RawTable): RawTable {
  const random = seededRandom(7);
  const seenAreas = new Set<unknown>();
  const headers: CellValue[] = [
    ...table.headers,
    "NBZ",
    "Begründung IK",
    "Zusatzpersonal",
    "Begründung ZP",
    "VZÄ ZP",
    "Träger",
    "Verbund",
    "Neu",
    "Kita-Index",
  ];
  const rows = table.rows.map((row, u) => {
    const firstInArea = !seenAreas.has(row[1]);
    seenAreas.add(row[1]);
    const strand4 = random() < 0.03;
    return [
      ...row,
      firstInArea && random() < 0.7 ? "x" : null,
      random() < 0.05 ? "Sprachförderbedarf laut Träger" : null,
      strand4 ? "ja" : null,
      strand4 && random() < 0.8 ? "Betriebserlaubnis" : null,
      strand4 && random() < 0.5 ? [0.25, 0.5, 0.6, 1][Math.floor(random() * 4)] : null,
      random() < 0.1 ? null : `Träger ${1 + Math.floor(random() * 7)}`,
      random() < 0.1 ? `Verbund ${1 + Math.floor(random() * 5)}` : null,
      random() < 0.05 ? "x" : null,
      u % 11 === 0 ? null : Math.round(random() * 1000) / 10,
    ];
  });
  return { ...table, headers, rows };
}

const EXTRA_DATA = {
  strand2: "NBZ",
  strand3Reason: "Begründung IK",
  strand4: "Zusatzpersonal",
  strand4Reason: "Begründung ZP",
  strand4Vzae: "VZÄ ZP",
  traeger: "Träger",
};

interface Variant {
  name: string;
  model(base: Model): Model;
  extraColumns?: boolean;
}

const VARIANTS: Variant[] = [
  { name: "basis", model: (m) => m },
  {
    name: "t-werte-grundgesamtheit",
    model: (m) => ({ ...m, options: { ...m.options, normalisation: "tscore", sd: "population" } }),
  },
  { name: "winsorisiert", model: (m) => ({ ...m, options: { ...m.options, winsorise: true } }) },
  {
    name: "aggregat-kindergewichtet",
    model: (m) => ({ ...m, options: { ...m.options, areaMethod: "aggregate", childWeighted: true } }),
  },
  {
    name: "summe-der-kitas",
    model: (m) => ({ ...m, options: { ...m.options, areaMethod: "sum-of-units" } }),
  },
  {
    name: "sockel-kinder-veroeffentlichung",
    model: (m) => ({
      ...m,
      options: { ...m.options, sockel: { fraction: 0.2, by: "children" }, publication: true },
    }),
  },
  {
    name: "zielpfosten",
    model: (m) => ({
      ...m,
      options: { ...m.options, goalposts: true },
      indicators: m.indicators.map((ind, i) =>
        i % 3 === 2 ? ind : { ...ind, goalposts: { min: 0, max: 120 } },
      ),
    }),
  },
  {
    name: "bremen",
    extraColumns: true,
    model: (m) => ({
      ...m,
      ruleSet: "bremen",
      data: { ...m.data, verbund: "Verbund", firstYear: "Neu", kitaIndex: "Kita-Index" },
    }),
  },
  {
    name: "ungleiche-gewichte-index-kinder-umverteilen",
    extraColumns: true,
    model: (m) => ({
      ...m,
      data: { ...m.data, ...EXTRA_DATA },
      indicators: m.indicators.map((ind, i) => ({ ...ind, weight: 1 + (i % 3) })),
      categories: m.categories.map((c, k) => ({ ...c, weight: k + 1 })),
      rules: { within: "index-children", unspent: "redistribute", strand2Vzae: 0.75 },
    }),
  },
  {
    name: "straenge-traeger",
    extraColumns: true,
    model: (m) => ({ ...m, data: { ...m.data, ...EXTRA_DATA } }),
  },
  {
    name: "ohne-stellenplan",
    extraColumns: true,
    model: (m) => ({
      ...m,
      data: { ...m.data, strand2: "NBZ", strand4: "Zusatzpersonal" },
      budget: { total: 1_002_240 },
    }),
  },
];

/** JSON that keeps what plain JSON loses: NaN, ±∞ and −0. */
function exactJson(x: unknown): string {
  return JSON.stringify(x, (_key, v: unknown) => {
    if (typeof v !== "number") return v;
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "+∞";
    if (v === -Infinity) return "−∞";
    if (Object.is(v, -0)) return "−0";
    return v;
  });
}

/**
 * The result in the shape the golden hashes were taken from: until the standard scores moved out of the
 * unit results into `Allocation.scores` (by indicator) and the Kategorie-Indizes into
 * `Allocation.categoryIndices` (by category), each unit carried its list of scores and its record of
 * category indices after `children`. Put back there, in the same key order, the hashes keep proving that no
 * computed value changed.
 */
function asHashed(result: ReturnType<typeof runAllocation>): unknown {
  const a = result.allocation;
  if (a === null) return result;
  const units = a.units.map((u, e) => {
    const unit: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(u)) {
      unit[key] = value;
      if (key === "children") {
        unit.scores = unitScores(a.scores, e);
        unit.categories = unitCategoryIndices(a.categoryIndices, e);
      }
    }
    return unit;
  });
  const { scores: _byIndicator, categoryIndices: _byCategory, ...rest } = a;
  return { ...result, allocation: { ...rest, units } };
}

function fingerprint(size: number, variant: Variant): Record<string, string | number> {
  const town = syntheticTown(size);
  const table = variant.extraColumns ? withExtraColumns(town.table) : town.table;
  const result = runAllocation(variant.model(town.model), table);
  const a = result.allocation;
  return {
    sha256: createHash("sha256")
      .update(exactJson(asHashed(result)))
      .digest("hex"),
    issues: result.issues.length,
    errors: result.issues.filter((i) => i.level === "error").length,
    units: a?.units.length ?? 0,
    areas: a?.areas.length ?? 0,
    proposedCents: a ? a.units.reduce((s, u) => s + Math.round(u.proposedAmount * 100), 0) : 0,
  };
}

describe("runAllocation on synthetic towns stays byte-identical", () => {
  const expected = UPDATE
    ? {}
    : (JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, Record<string, string | number>>);
  const actual: Record<string, Record<string, string | number>> = {};

  for (const size of SIZES) {
    for (const variant of VARIANTS) {
      const key = `${size} ${variant.name}`;
      it(key, () => {
        actual[key] = fingerprint(size, variant);
        if (!UPDATE) expect(actual[key]).toEqual(expected[key]);
      });
    }
  }

  afterAll(() => {
    if (UPDATE) writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
  });
});

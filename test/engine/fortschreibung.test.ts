/**
 * The two-year fixture (issue 13, SPEC §5a): the sample town is adopted; next year (scripts/make-next-year.ts)
 * Kita Farbklecks closes, Kita Neue Mitte opens, the Weststadt grows in need, Kita Kleine Strolche falls
 * below and Kita Lindenhof rises above the lower bound. The comparison must list exactly those changes.
 */
import { sampleModel, sampleRows } from "../../scripts/make-sample";
import {
  CLOSED_KITA,
  GROWING_AREA,
  NEXT_YEAR_BUDGET,
  NEXT_YEAR_EXPECTED,
  OPENED_KITA,
} from "../../scripts/make-next-year";
import { carriedAllocation } from "../../src/engine/carryForward";
import { changeSummary } from "../../src/engine/changeSummary";
import {
  compareAllocations,
  hasChanges,
  sideOfAdoption,
  sideOfAllocation,
  STRANDS,
} from "../../src/engine/changes";
import { toResultsJson, withChanges } from "../../src/engine/results";
import { changesSchema } from "../helpers/resultsSchema";
import { computed, twoYears } from "./twoYearFixture";

describe("two-year fixture", () => {
  const { adoption, filled, nextYear, changes } = twoYears();

  test("the next year scores against the adopted year's min and max (fixed goalposts, none typed)", () => {
    expect(filled).toEqual(sampleModel().indicators.map((i) => i.column));
    expect(nextYear.issues.filter((i) => i.code === "goalposts-missing")).toEqual([]);
    // an unchanged Kita keeps its Gesamtindex exactly
    const adopted = adoption.units.find((u) => u.id === "Kita Sonnenblume");
    expect(nextYear.units.find((u) => u.id === "Kita Sonnenblume")?.index).toBe(adopted?.index);
  });

  test("exactly one Kita new, one gone", () => {
    expect(changes.units.filter((u) => u.status === "neu").map((u) => u.id)).toEqual(NEXT_YEAR_EXPECTED.neu);
    expect(changes.units.filter((u) => u.status === "entfallen").map((u) => u.id)).toEqual(
      NEXT_YEAR_EXPECTED.entfallen,
    );
    expect(changes.units).toHaveLength(33);
  });

  test("exactly the expected Kitas enter and leave a strand, and only strand 1", () => {
    for (const strand of STRANDS) {
      const entered = changes.units
        .filter((u) => u.entered.includes(strand))
        .map((u) => u.id)
        .sort();
      const left = changes.units
        .filter((u) => u.left.includes(strand))
        .map((u) => u.id)
        .sort();
      const expectedIn: readonly string[] =
        (NEXT_YEAR_EXPECTED.entered as Record<string, readonly string[]>)[strand] ?? [];
      const expectedOut: readonly string[] =
        (NEXT_YEAR_EXPECTED.left as Record<string, readonly string[]>)[strand] ?? [];
      expect({ strand, entered, left }).toEqual({
        strand,
        entered: [...expectedIn].sort(),
        left: [...expectedOut].sort(),
      });
    }
  });

  test("exactly the expected Kitas change their band; Kleine Strolche below, Lindenhof back inside", () => {
    const changed = changes.units
      .filter((u) => u.status === "geblieben" && u.bandBefore !== u.bandAfter)
      .map((u) => u.id)
      .sort();
    expect(changed).toEqual([...NEXT_YEAR_EXPECTED.bandChanged].sort());
    const byId = Object.fromEntries(changes.units.map((u) => [u.id, u]));
    expect(byId["Kita Kleine Strolche"]).toMatchObject({ bandBefore: "innerhalb", bandAfter: "unterhalb" });
    expect(byId["Kita Lindenhof"]).toMatchObject({ bandBefore: "unterhalb", bandAfter: "innerhalb" });
    expect(byId[CLOSED_KITA].amountDelta).toBe(
      -(adoption.units.find((u) => u.id === CLOSED_KITA)?.amount ?? 0),
    );
    expect(byId[OPENED_KITA].amountDelta).toBe(
      nextYear.units.find((u) => u.id === OPENED_KITA)?.proposedAmount,
    );
  });

  test("the growing area has the biggest change of share; the list starts with new and gone Kitas", () => {
    expect(changes.areas[0].name).toBe(GROWING_AREA);
    expect(changes.areas[0].shareAfter).toBeGreaterThan(changes.areas[0].shareBefore);
    expect(
      changes.units
        .slice(0, 2)
        .map((u) => u.status)
        .sort(),
    ).toEqual(["entfallen", "neu"]);
    expect(
      changes.units
        .slice(2, 4)
        .map((u) => u.id)
        .sort(),
    ).toEqual(["Kita Kleine Strolche", "Kita Lindenhof"]);
  });

  test("the summary line", () => {
    expect(changeSummary(changes)).toBe(NEXT_YEAR_EXPECTED.summary);
  });

  test("results JSON: `changes` with the SPEC §8 names", () => {
    const json = JSON.parse(
      JSON.stringify(
        withChanges(
          toResultsJson(NEXT_YEAR_BUDGET, nextYear, nextYear.issues),
          changes,
          "Beschluss vom 15.03.2022",
          changeSummary(changes),
        ),
      ),
    ) as { changes: unknown };
    const parsed = changesSchema.parse(json.changes);
    expect(parsed.units.find((u) => u.id === OPENED_KITA)).toMatchObject({
      status: "neu",
      entered: ["sozialarbeit"],
    });
    expect(json.changes).toMatchObject({
      against: "Beschluss vom 15.03.2022",
      summary: NEXT_YEAR_EXPECTED.summary,
    });
  });

  test("carrying the grown budget forward gives the adopted shares to the cent", () => {
    const carried = carriedAllocation(adoption, NEXT_YEAR_BUDGET);
    expect(carried.areas.map((a) => a.share)).toEqual(adoption.areas.map((a) => a.share));
    const cents = carried.areas.map((a) => Math.round(a.amount * 100));
    expect(cents.reduce((s, c) => s + c, 0)).toBe(NEXT_YEAR_BUDGET * 100);
    carried.areas.forEach((a, r) =>
      expect(Math.abs(cents[r] - a.share * NEXT_YEAR_BUDGET * 100)).toBeLessThan(1),
    );
    // nothing recomputed: no Kita enters or leaves a strand, no share moves
    const c = compareAllocations(sideOfAdoption(adoption), sideOfAllocation(carried));
    expect(c.units.every((u) => u.status === "geblieben" && u.entered.length + u.left.length === 0)).toBe(
      true,
    );
    expect(c.areas.every((a) => a.shareAfter === a.shareBefore)).toBe(true);
  });

  test("comparing the sample with its own adoption gives no change", () => {
    const again = compareAllocations(
      sideOfAdoption(adoption),
      sideOfAllocation(computed(sampleModel(), sampleRows())),
    );
    expect(hasChanges(again)).toBe(false);
    expect(changeSummary(again)).toBe("Keine Veränderungen.");
  });
});

/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, within } from "@testing-library/react";
import fc from "fast-check";
import type { AreaRobustness, Robustness, UnitRobustness } from "../../src/engine/robustness";
import { rangeDomain, shareX } from "../../src/taskpane/components/RangeChart";
import {
  RobustnessView,
  flippingStrands,
  randomOnlyShares,
  rangeSummary,
  rankRange,
} from "../../src/taskpane/components/RobustnessView";
import { stringsFor } from "../../src/taskpane/i18n";
import { renderWithTheme } from "./render";

const NBSP = "\u00a0";
const s = stringsFor("de");

function area(
  name: string,
  share: number,
  min: number,
  median: number,
  max: number,
  ranks: number[],
): AreaRobustness {
  const [rank, rankMin, rankMax] = ranks;
  return {
    name,
    share,
    shareMin: min,
    shareMedian: median,
    shareMax: max,
    rank,
    rankMin,
    rankMax,
    flagged: rankMax - rankMin >= 2,
  };
}

function unit(id: string, patch: Partial<UnitRobustness>): UnitRobustness {
  return {
    id,
    area: "Nord",
    sozialarbeit: true,
    interkulturell: false,
    sozialarbeitFrequency: 1,
    interkulturellFrequency: 0,
    flagged: false,
    flips: [],
    ...patch,
  };
}

// Three Sozialräume. Mitte moves from rank 2 to rank 1 and to rank 3 under some alternatives: a rank
// range of 1–3 changes by 2, so Mitte is flagged ("auffällig"); Nord (1–2) and Süd (3) are not.
const R: Robustness = {
  areas: [
    area("Nord", 0.4, 0.35, 0.4, 0.44, [1, 1, 2]),
    area("Mitte", 0.35, 0.25, 0.34, 0.45, [2, 1, 3]),
    area("Süd", 0.25, 0.2, 0.26, 0.29, [3, 3, 3]),
  ],
  units: [
    // eligible for strand 1 now, in 7 of 8 alternatives: 7/8 = 87,5 %
    unit("Kita Sonne", { sozialarbeitFrequency: 0.875, flagged: true, flips: ["ohne Indikator „SGB2“"] }),
    unit("Kita Mond", {}),
    // not eligible for strand 3 now, eligible in 1 of 8 alternatives: 12,5 %
    unit("Kita Stern", { area: "Süd", interkulturellFrequency: 0.125, flagged: true }),
  ],
  runs: 8,
  monteCarloRuns: 5,
  seed: 1,
  spread: 0.5,
  alternatives: [],
};

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent);

describe("RobustnessView", () => {
  test("per Sozialraum: share now, min, median, max in de-DE and the rank range; the flagged area has the badge", () => {
    renderWithTheme(<RobustnessView strings={s} robustness={R} unitName={(id) => id} />);
    const table = screen.getByRole("table", { name: s.robustnessTable });
    const rows = within(table).getAllByRole("row");
    expect(
      within(rows[0])
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual(["Sozialraum", "jetzt", "min", "Median", "max", "Rang"]);
    expect(cells(rows[1])).toEqual([
      "Nord",
      `40,0${NBSP}%`,
      `35,0${NBSP}%`,
      `40,0${NBSP}%`,
      `44,0${NBSP}%`,
      "1–2",
    ]);
    expect(cells(rows[2])).toEqual([
      "Mitteauffällig",
      `35,0${NBSP}%`,
      `25,0${NBSP}%`,
      `34,0${NBSP}%`,
      `45,0${NBSP}%`,
      "1–3",
    ]);
    expect(cells(rows[3])[5]).toBe("3");
    expect(within(rows[2]).getByText(s.flaggedArea)).toBeInTheDocument();
    expect(within(rows[1]).queryByText(s.flaggedArea)).toBeNull();
    expect(within(rows[3]).queryByText(s.flaggedArea)).toBeNull();
    expect(
      screen.getByText("8 Alternativen berechnet, davon 5 Zufallsgewichtungen (±50 %, Startwert 1)."),
    ).toBeInTheDocument();
  });

  test("the range chart is an image with a summary, one row per area", () => {
    renderWithTheme(<RobustnessView strings={s} robustness={R} unitName={(id) => id} />);
    // widest range: Mitte 25 % to 45 % (20 points; Nord 9, Süd 9)
    const chart = screen.getByRole("img", {
      name: `Spanne der Anteile je Sozialraum (3 Sozialräume): die größte Spanne hat Mitte mit 25,00${NBSP}% bis 45,00${NBSP}%; 1 Sozialräume auffällig.`,
    });
    expect(within(chart).getAllByTestId("range-row")).toHaveLength(3);
    // axis 20 %–45 % (smallest minimum 20 %, largest maximum 45 %)
    // (toHaveTextContent folds the non-breaking space, so textContent is compared as is)
    expect(chart.textContent).toContain(`20${NBSP}%32,5${NBSP}%45${NBSP}%`);
  });

  test("Kitas whose eligibility flips, with frequencies in % and the alternatives; stable Kitas are not listed", () => {
    renderWithTheme(<RobustnessView strings={s} robustness={R} unitName={(id) => id} />);
    const list = screen.getByRole("list", { name: s.flipsTitle });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toBe(
      `Kita Sonne (Nord)Strang 1 (Kita-Sozialarbeit): jetzt ja, förderfähig in 87,5${NBSP}% der Alternativen` +
        "Abweichend unter: ohne Indikator „SGB2“",
    );
    // Kita Stern flips under no deterministic alternative: 1 of the 8 runs (12,5 %) differs, and it is one
    // of the 5 random runs (no deterministic alternative is listed, so all 8 − 0 runs, at most 5, are
    // random): 1 / 5 = 20,0 %
    expect(items[1].textContent).toBe(
      `Kita Stern (Süd)Strang 3 (Interkulturelle Fachkräfte): jetzt nein, förderfähig in 12,5${NBSP}% der Alternativen` +
        `Abweichend unter: nur bei Zufallsgewichtungen (20,0${NBSP}% der Läufe)`,
    );
    expect(screen.queryByText("Kita Mond")).toBeNull();
  });

  test("English: the alternatives a Kita flips under are named in English; German as on the sheet", () => {
    const change = { kind: "leaveOut", indicator: "SGB2" } as const;
    const weight = { kind: "categoryWeight", category: "Soziale Lage", factor: 1.5 } as const;
    const r: Robustness = {
      ...R,
      units: [
        unit("Kita Sonne", {
          flagged: true,
          flips: ["ohne Indikator „SGB2“", "Kategorie „Soziale Lage“ ×1,5"],
        }),
      ],
      alternatives: [
        { label: "ohne Indikator „SGB2“", change, shares: null },
        { label: "Kategorie „Soziale Lage“ ×1,5", change: weight, shares: null },
      ],
    };
    const en = stringsFor("en");
    const { unmount } = renderWithTheme(<RobustnessView strings={en} robustness={r} unitName={(id) => id} />);
    expect(screen.getByText(/^Differs under:/).textContent).toBe(
      "Differs under: without indicator “SGB2”; category “Soziale Lage” ×1,5",
    );
    unmount();
    renderWithTheme(<RobustnessView strings={s} robustness={r} unitName={(id) => id} />);
    expect(screen.getByText(/^Abweichend unter:/).textContent).toBe(
      "Abweichend unter: ohne Indikator „SGB2“; Kategorie „Soziale Lage“ ×1,5",
    );
  });

  test("flipped only by random weightings: the share of the random runs, German and English", () => {
    // 1.031 runs: 31 deterministic alternatives (none flips Kita Regen) + 1.000 random ones. Eligible for
    // strand 1 now, eligible in 1.006 of 1.031 runs → 25 runs differ, all random: 25 / 1.000 = 2,5 %
    const alternatives = Array.from({ length: 31 }, (_, k) => ({ label: `A${k}`, shares: { Nord: 1 } }));
    const r: Robustness = {
      ...R,
      runs: 1031,
      monteCarloRuns: 1000,
      alternatives,
      units: [unit("Kita Regen", { sozialarbeitFrequency: 1006 / 1031, flagged: true, flips: [] })],
    };
    const { unmount } = renderWithTheme(<RobustnessView strings={s} robustness={r} unitName={(id) => id} />);
    const item = within(screen.getByRole("list", { name: s.flipsTitle })).getByRole("listitem");
    expect(item.textContent).toContain(
      `Abweichend unter: nur bei Zufallsgewichtungen (2,5${NBSP}% der Läufe)`,
    );
    unmount();
    const en = stringsFor("en");
    renderWithTheme(<RobustnessView strings={en} robustness={r} unitName={(id) => id} />);
    expect(screen.getByText("Differs under: only random weightings (2,5 % of the runs)")).toBeInTheDocument();
  });

  test("both strands flip only under random weightings: one share per strand", () => {
    // 10 runs, 2 deterministic (computed, no flip), 8 random. Strand 1: eligible now, in 6 of 10 → 4 differ
    // = 4/8 = 50 %; strand 3: not eligible now, eligible in 2 of 10 → 2/8 = 25 %
    const r: Robustness = {
      ...R,
      runs: 10,
      monteCarloRuns: 8,
      alternatives: [
        { label: "A", shares: { Nord: 1 } },
        { label: "B", shares: { Nord: 1 } },
        { label: "C (nicht berechenbar)", shares: null },
      ],
      units: [
        unit("Kita Wind", {
          sozialarbeitFrequency: 0.6,
          interkulturellFrequency: 0.2,
          flagged: true,
          flips: [],
        }),
      ],
    };
    renderWithTheme(<RobustnessView strings={s} robustness={r} unitName={(id) => id} />);
    expect(
      within(screen.getByRole("list", { name: s.flipsTitle })).getByRole("listitem").textContent,
    ).toContain(
      `Abweichend unter: nur bei Zufallsgewichtungen (Strang 1: 50,0${NBSP}%, Strang 3: 25,0${NBSP}% der Läufe)`,
    );
  });

  test("publication mode: codes instead of names", () => {
    const codes: Record<string, string> = { "Kita Sonne": "E02", "Kita Stern": "E03" };
    renderWithTheme(<RobustnessView strings={s} robustness={R} unitName={(id) => codes[id] ?? id} />);
    expect(screen.getByText("E02")).toBeInTheDocument();
    expect(screen.getByText("E03")).toBeInTheDocument();
    expect(screen.queryByText(/Kita Sonne|Kita Stern/)).toBeNull();
  });

  test("no flips: says so", () => {
    const stable = { ...R, units: [unit("Kita Mond", {})] };
    renderWithTheme(<RobustnessView strings={s} robustness={stable} unitName={(id) => id} />);
    expect(screen.getByText(s.noFlips)).toBeInTheDocument();
    expect(screen.queryByRole("list")).toBeNull();
  });

  test("English", () => {
    const en = stringsFor("en");
    renderWithTheme(<RobustnessView strings={en} robustness={R} unitName={(id) => id} />);
    expect(screen.getByRole("table", { name: en.robustnessTable })).toHaveTextContent("40,0 %");
    expect(screen.getByText("flagged")).toBeInTheDocument();
    expect(
      screen.getByText(/Strand 1 \(Kita social work\): now yes, eligible in 87,5 % of the alternatives/),
    ).toBeInTheDocument();
  });
});

describe("rankRange and flippingStrands", () => {
  test("rank range: one number or from–to", () => {
    expect(rankRange({ rankMin: 2, rankMax: 2 })).toBe("2");
    expect(rankRange({ rankMin: 1, rankMax: 3 })).toBe("1–3");
  });

  test.each([
    // eligible now and always: no flip; eligible now, not always: flips
    [{ sozialarbeit: true, sozialarbeitFrequency: 1, interkulturell: false, interkulturellFrequency: 0 }, []],
    [
      { sozialarbeit: true, sozialarbeitFrequency: 0.87, interkulturell: false, interkulturellFrequency: 0 },
      [1],
    ],
    [
      {
        sozialarbeit: false,
        sozialarbeitFrequency: 0.01,
        interkulturell: true,
        interkulturellFrequency: 0.5,
      },
      [1, 3],
    ],
    [{ sozialarbeit: false, sozialarbeitFrequency: 0, interkulturell: true, interkulturellFrequency: 1 }, []],
  ])("%o → %o", (u, expected) => {
    expect(flippingStrands(u)).toEqual(expected);
  });

  test("randomOnlyShares: empty when a deterministic alternative flips the Kita or it is not flagged", () => {
    const base = { runs: 8, monteCarloRuns: 5, alternatives: [] };
    const u = { ...unit("K", { sozialarbeitFrequency: 0.875, flagged: true }) };
    // 1 of 8 runs differs, 5 random runs: 1/5 = 0,2
    expect(randomOnlyShares(u, base)).toEqual([{ strand: 1, share: 0.2 }]);
    expect(randomOnlyShares({ ...u, flips: ["T-Werte statt Min-Max"] }, base)).toEqual([]);
    expect(randomOnlyShares({ ...u, flagged: false }, base)).toEqual([]);
    expect(randomOnlyShares(u, { ...base, monteCarloRuns: 0 })).toEqual([]);
  });

  test("property: the share lies in (0, 1] for every flagged Kita with random flips only", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.boolean(),
        fc.nat(),
        (deterministic, random, now, k) => {
          const runs = deterministic + random;
          // the differing runs are random ones: between 1 and `random`
          const differing = 1 + (k % random);
          const frequency = (now ? runs - differing : differing) / runs;
          const shares = randomOnlyShares(
            {
              sozialarbeit: now,
              sozialarbeitFrequency: frequency,
              interkulturell: false,
              interkulturellFrequency: 0,
              flagged: true,
              flips: [],
            },
            {
              runs,
              monteCarloRuns: random,
              alternatives: Array.from({ length: deterministic }, () => ({ label: "x", shares: {} })),
            },
          );
          return (
            shares.length === 1 &&
            Math.abs(shares[0].share - differing / random) < 1e-12 &&
            shares[0].share > 0 &&
            shares[0].share <= 1
          );
        },
      ),
    );
  });

  test("summary names the widest range", () => {
    expect(rangeSummary(s, R.areas)).toContain("die größte Spanne hat Mitte");
    expect(rangeSummary(s, [])).toBe(s.rangeChart);
  });
});

describe("rangeDomain and shareX", () => {
  test("worked example: Nord 33,33–50 %, Süd 50–66,67 % → axis 33 %–67 %; 50 % at x = 207", () => {
    // 110 + 194 · (0,50 − 0,33) / (0,67 − 0,33) = 110 + 194 · 0,5 = 207
    expect(
      rangeDomain([
        { shareMin: 1 / 3, shareMax: 0.5 },
        { shareMin: 0.5, shareMax: 2 / 3 },
      ]),
    ).toEqual([0.33, 0.67]);
    expect(shareX(0.5, [0.33, 0.67], 110, 194)).toBeCloseTo(207, 9);
  });

  test("whole percents are not widened by floating-point noise (0,29 · 100 = 28,999…)", () => {
    expect(rangeDomain([{ shareMin: 0.29, shareMax: 0.31 }])).toEqual([0.29, 0.31]);
  });

  test("a range without width still gets one percentage point; no areas → 0–100 %", () => {
    expect(rangeDomain([{ shareMin: 0.2, shareMax: 0.2 }])).toEqual([0.2, 0.21]);
    expect(rangeDomain([])).toEqual([0, 1]);
  });

  test("property: every range lies inside the axis, and inside the plot", () => {
    const range = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([a, b]) => ({ shareMin: Math.min(a, b), shareMax: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 30 }), (areas) => {
        const domain = rangeDomain(areas);
        return areas.every((a) => {
          const x1 = shareX(a.shareMin, domain, 110, 194);
          const x2 = shareX(a.shareMax, domain, 110, 194);
          return x1 >= 110 - 1e-6 && x2 <= 304 + 1e-6 && x1 <= x2;
        });
      }),
    );
  });
});

/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, within } from "@testing-library/react";
import type { Allocation, AreaResult } from "../../src/engine/allocation";
import type { Issue } from "../../src/engine/issues";
import {
  ResultStep,
  generationBlocker,
  type ResultStepProps,
} from "../../src/taskpane/components/ResultStep";
import { ISSUES_SHOWN, issueAddress } from "../../src/taskpane/components/IssueList";
import { stringsFor } from "../../src/taskpane/i18n";
import { countIssues } from "../../src/cli/format";
import { renderWithTheme } from "./render";

const NBSP = "\u00a0";
const s = stringsFor("de");

function area(name: string, index: number, share: number, amount: number): AreaResult {
  return {
    name,
    index,
    band: "innerhalb",
    share,
    amount,
    units: 2,
    children: null,
    personnelVolume: amount / 0.6,
    landPart: amount,
    municipalPart: (amount / 0.6) * 0.4,
    vzae: null,
    tieFlag: false,
  };
}

// Worked example (SPEC.md §4, Bad Kreuznach 2021, two areas only for the preview): index 53,0 and 43,2,
// sum 96,2: shares 53,0/96,2 = 55,09 % and 43,2/96,2 = 44,91 %; budget 1.002.240 € → 552.167,48 € and
// 450.072,52 € (largest remainder; they add up to the budget).
const ALLOCATION = {
  budget: 1002240,
  areas: [
    area("Sozialraum 1", 53.0, 53.0 / 96.2, 552167.48),
    area("Sozialraum 2", 43.2, 43.2 / 96.2, 450072.52),
  ],
  units: [],
  issues: [],
  model: { options: { publication: false } },
} as unknown as Allocation;

const kA: Issue = {
  level: "error",
  code: "text-in-number",
  sheet: "Kitas",
  cell: "L11",
  message: "Zelle L11: „k.A.“ ist keine Zahl – erwartet wird eine Zahl.",
};
const constant: Issue = {
  level: "warning",
  code: "indicator-constant",
  sheet: "Kitas",
  cell: "",
  message: "Indikator „Quote“ ist konstant und wird nicht verwendet.",
};

function props(patch: Partial<ResultStepProps> = {}): ResultStepProps {
  return {
    strings: s,
    language: "de",
    ready: true,
    issues: [],
    allocation: ALLOCATION,
    computeError: null,
    invalidInputs: [],
    onGenerate: jest.fn(),
    busy: false,
    progress: null,
    generated: null,
    ...patch,
  };
}

describe("ResultStep", () => {
  test("preview table shows index, share and € in de-DE, with the total equal to the budget", () => {
    renderWithTheme(<ResultStep {...props()} />);
    const table = screen.getByRole("table", { name: s.preview });
    const rows = within(table).getAllByRole("row");
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(cells(rows[1])).toEqual(["Sozialraum 1", "53,0", `55,09${NBSP}%`, `552.167,48${NBSP}€`]);
    expect(cells(rows[2])).toEqual(["Sozialraum 2", "43,2", `44,91${NBSP}%`, `450.072,52${NBSP}€`]);
    expect(cells(rows[3])).toEqual(["Summe", "", `100,00${NBSP}%`, `1.002.240,00${NBSP}€`]);
    expect(screen.getByRole("img", { name: s.sharesChart })).toBeInTheDocument();
  });

  test("the button generates when nothing blocks", () => {
    const onGenerate = jest.fn();
    renderWithTheme(<ResultStep {...props({ onGenerate, issues: [constant] })} />);
    const button = screen.getByRole("button", { name: s.generate });
    expect(button).toBeEnabled();
    fireEvent.click(button);
    expect(onGenerate).toHaveBeenCalledTimes(1);
  });

  test("blocking errors disable the button and say why", () => {
    const onGenerate = jest.fn();
    renderWithTheme(<ResultStep {...props({ onGenerate, issues: [kA, constant], allocation: null })} />);
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
    expect(screen.getByText(s.blockedByErrors)).toBeInTheDocument();
    expect(screen.getByText("1 Fehler, 1 Warnung")).toBeInTheDocument();
    expect(screen.getByText(kA.message)).toBeInTheDocument();
  });

  test("the count says Warnung for one and Warnungen for none or several, as the command line does", () => {
    const { unmount } = renderWithTheme(<ResultStep {...props({ issues: [constant] })} />);
    expect(screen.getByText("0 Fehler, 1 Warnung")).toBeInTheDocument();
    unmount();
    renderWithTheme(<ResultStep {...props({ issues: [constant, { ...constant, cell: "D2" }] })} />);
    expect(screen.getByText("0 Fehler, 2 Warnungen")).toBeInTheDocument();
    for (const [errors, warnings] of [
      [0, 0],
      [1, 1],
      [2, 1],
      [1, 3],
    ]) {
      const issues = [
        ...Array.from({ length: errors }, () => kA),
        ...Array.from({ length: warnings }, () => constant),
      ];
      expect(s.errorsCount(errors, warnings)).toBe(countIssues(issues));
    }
    const en = stringsFor("en");
    expect([en.errorsCount(1, 1), en.errorsCount(0, 2), en.errorsCount(2, 0)]).toEqual([
      "1 error, 1 warning",
      "0 errors, 2 warnings",
      "2 errors, 0 warnings",
    ]);
  });

  test("an error issue blocks even if an allocation is passed", () => {
    renderWithTheme(<ResultStep {...props({ issues: [kA] })} />);
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
  });

  test("clicking a cell address calls selectCell with sheet and cell", () => {
    const onSelectCell = jest.fn();
    renderWithTheme(<ResultStep {...props({ issues: [constant, kA], allocation: null, onSelectCell })} />);
    fireEvent.click(screen.getByRole("button", { name: "Zelle Kitas!L11 in Excel auswählen" }));
    expect(onSelectCell).toHaveBeenCalledWith("Kitas", "L11");
    // errors are listed before warnings
    const items = within(screen.getByRole("list", { name: s.checkReport })).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Fehler");
    expect(items[1]).toHaveTextContent("Warnung");
  });

  test("a long check report shows the first entries, errors first, and all of them after one click", () => {
    const warnings: Issue[] = Array.from({ length: ISSUES_SHOWN + 70 }, (_, n) => ({
      level: "warning",
      code: "value-missing",
      sheet: "Kitas",
      cell: `T${n + 2}`,
      message: `Zelle T${n + 2}: der Wert fehlt.`,
    }));
    renderWithTheme(<ResultStep {...props({ issues: [...warnings, kA], allocation: null })} />);
    const list = () => within(screen.getByRole("list", { name: s.checkReport })).getAllByRole("listitem");
    expect(list()).toHaveLength(ISSUES_SHOWN);
    expect(list()[0]).toHaveTextContent(kA.message);
    expect(screen.queryByText(`Zelle T${ISSUES_SHOWN + 60}: der Wert fehlt.`)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: s.showAllIssues(ISSUES_SHOWN, ISSUES_SHOWN + 71) }));
    expect(list()).toHaveLength(ISSUES_SHOWN + 71);
    expect(screen.getByText(`Zelle T${ISSUES_SHOWN + 60}: der Wert fehlt.`)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Alle \d+ Einträge anzeigen/ })).toBeNull();
  });

  test("without selectCell (standalone) the address is plain text", () => {
    renderWithTheme(<ResultStep {...props({ issues: [kA], allocation: null })} />);
    expect(screen.getByText("Kitas!L11")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Zelle Kitas!L11/ })).toBeNull();
  });

  test("invalid inputs block with their labels", () => {
    renderWithTheme(<ResultStep {...props({ invalidInputs: ["Budget (€)"] })} />);
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
    expect(screen.getByText("Ungültige Eingaben: Budget (€). Bitte korrigieren.")).toBeInTheDocument();
  });

  test("a failed computation is shown, not swallowed", () => {
    renderWithTheme(<ResultStep {...props({ allocation: null, computeError: "Division durch null" })} />);
    // once, as an error (not again as the warning beside the disabled button)
    expect(screen.getAllByText(/Division durch null/)).toHaveLength(1);
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
  });

  test("progress while generating", () => {
    renderWithTheme(<ResultStep {...props({ busy: true, progress: s.progressWrite })} />);
    expect(screen.getByRole("button", { name: s.generating })).toBeDisabled();
    expect(screen.getByRole("status")).toHaveTextContent(s.progressWrite);
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
  });

  test("success note after generation", () => {
    renderWithTheme(<ResultStep {...props({ generated: s.generated("Verteilung, Methode") })} />);
    expect(screen.getByText("Erzeugt: Verteilung, Methode.")).toBeInTheDocument();
  });
});

describe("ResultStep: Robustheit", () => {
  const robustness = {
    areas: [
      {
        name: "Sozialraum 1",
        share: 0.5509,
        shareMin: 0.5,
        shareMedian: 0.55,
        shareMax: 0.6,
        rank: 1,
        rankMin: 1,
        rankMax: 2,
        flagged: false,
      },
      {
        name: "Sozialraum 2",
        share: 0.4491,
        shareMin: 0.4,
        shareMedian: 0.45,
        shareMax: 0.5,
        rank: 2,
        rankMin: 1,
        rankMax: 2,
        flagged: false,
      },
    ],
    units: [],
    runs: 1007,
    monteCarloRuns: 1000,
    seed: 1,
    spread: 0.5,
    alternatives: [],
  };

  test("the button runs the check; the result is shown when passed", () => {
    const onCheckRobustness = jest.fn();
    const { rerender } = renderWithTheme(<ResultStep {...props({ onCheckRobustness })} />);
    expect(screen.queryByRole("table", { name: s.robustnessTable })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: s.checkRobustness }));
    expect(onCheckRobustness).toHaveBeenCalledTimes(1);
    rerender(<ResultStep {...props({ onCheckRobustness, robustness })} />);
    expect(screen.getByRole("table", { name: s.robustnessTable })).toBeInTheDocument();
  });

  test("what blocks the generation blocks the check", () => {
    renderWithTheme(
      <ResultStep {...props({ onCheckRobustness: jest.fn(), invalidInputs: ["Budget (€)"] })} />,
    );
    expect(screen.getByRole("button", { name: s.checkRobustness })).toBeDisabled();
  });

  test("while the check runs: its progress is shown, the generate button keeps its name", () => {
    renderWithTheme(
      <ResultStep
        {...props({
          onCheckRobustness: jest.fn(),
          busy: true,
          robustnessBusy: true,
          progress: s.progressRobustness,
        })}
      />,
    );
    expect(screen.getByRole("status")).toHaveTextContent(s.progressRobustness);
    expect(screen.getByRole("progressbar", { name: s.progressRobustness })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
    expect(screen.getByRole("button", { name: s.checkRobustness })).toBeDisabled();
    expect(screen.queryByRole("button", { name: s.generating })).toBeNull();
  });

  test("the checkbox reports its state and is off by default", () => {
    const onWriteRobustnessChange = jest.fn();
    renderWithTheme(<ResultStep {...props({ onWriteRobustnessChange })} />);
    const checkbox = screen.getByRole("checkbox", { name: s.writeRobustness });
    expect(checkbox).not.toBeChecked();
    fireEvent.click(checkbox);
    expect(onWriteRobustnessChange).toHaveBeenCalledWith(true);
  });

  test("without the callbacks (older hosts) neither button nor checkbox is offered", () => {
    renderWithTheme(<ResultStep {...props()} />);
    expect(screen.queryByRole("button", { name: s.checkRobustness })).toBeNull();
    expect(screen.queryByRole("checkbox", { name: s.writeRobustness })).toBeNull();
  });
});

describe("generationBlocker", () => {
  const base = { ready: true, issues: [], allocation: ALLOCATION, computeError: null, invalidInputs: [] };
  test("order of reasons: not ready, inputs, computation, errors", () => {
    expect(generationBlocker(s, base)).toBeNull();
    expect(generationBlocker(s, { ...base, ready: false, invalidInputs: ["x"] })).toBe(s.notReady);
    expect(generationBlocker(s, { ...base, invalidInputs: ["Budget (€)"], issues: [kA] })).toBe(
      s.blockedByInputs("Budget (€)"),
    );
    expect(generationBlocker(s, { ...base, computeError: "kaputt" })).toBe(`${s.computeFailed} kaputt`);
    expect(generationBlocker(s, { ...base, issues: [kA] })).toBe(s.blockedByErrors);
    expect(generationBlocker(s, { ...base, issues: [constant] })).toBeNull();
  });
});

describe("issueAddress", () => {
  test("sheet and cell, sheet only, none", () => {
    expect(issueAddress(kA)).toBe("Kitas!L11");
    expect(issueAddress(constant)).toBe("Kitas");
    expect(issueAddress({ ...constant, sheet: "" })).toBe("");
  });
});

describe("budget of 0 €", () => {
  test("warned about at Erzeugen, without blocking it", () => {
    renderWithTheme(<ResultStep {...props({ budgetZero: true })} />);
    expect(screen.getByText(s.budgetZero)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s.generate })).toBeEnabled();
  });

  test("no warning for a budget above 0", () => {
    renderWithTheme(<ResultStep {...props({ budgetZero: false })} />);
    expect(screen.queryByText(s.budgetZero)).toBeNull();
  });
});

describe("preview with a Stellenplan", () => {
  // 72.000 € per VZÄ, Land share 0,6: one VZÄ costs the budget 43.200 €. Sozialraum 1: 552.167,48 € → 12,75 VZÄ
  // (550.800 €), 1.367,48 € nicht verplant; Sozialraum 2: 450.072,52 € → 10,25 VZÄ (442.800 €), 7.272,52 €.
  const planned = {
    ...ALLOCATION,
    areas: [
      { ...ALLOCATION.areas[0], vzae: 12.75, unplanned: 1367.48, plan: { vzae: 12.75 } },
      { ...ALLOCATION.areas[1], vzae: 10.25, unplanned: 7272.52, plan: { vzae: 10.25 } },
    ],
  } as unknown as Allocation;

  test("shows VZÄ im Stellenplan and nicht verplant per area, with their sums, in a table of their own", () => {
    renderWithTheme(<ResultStep {...props({ allocation: planned })} />);
    // the preview keeps four columns (six do not fit a 350 px task pane)
    const preview = screen.getByRole("table", { name: s.preview });
    expect(
      within(preview)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual([s.area, s.index, s.share, s.amount]);
    const table = screen.getByRole("table", { name: s.stellenplanPreview });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual([s.area, s.plannedVzae, s.unplanned]);
    const rows = within(table).getAllByRole("row");
    const cells = (i: number) =>
      within(rows[i])
        .getAllByRole("cell")
        .map((c) => c.textContent?.replace(/\u00a0/g, " "));
    expect(cells(1).slice(1)).toEqual(["12,75", "1.367,48 €"]);
    expect(cells(2).slice(1)).toEqual(["10,25", "7.272,52 €"]);
    expect(cells(3)).toEqual([s.total, "23,00", "8.640,00 €"]);
  });

  test("without a Stellenplan the preview has no VZÄ columns", () => {
    renderWithTheme(<ResultStep {...props()} />);
    const table = screen.getByRole("table", { name: s.preview });
    expect(within(table).queryByText(s.plannedVzae)).toBeNull();
    expect(within(table).queryByText(s.unplanned)).toBeNull();
    expect(screen.queryByRole("table", { name: s.stellenplanPreview })).toBeNull();
  });
});

/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import * as robustnessEngine from "../../src/engine/robustness";
import type { Robustness } from "../../src/engine/robustness";
import { App } from "../../src/taskpane/App";
import { stringsFor } from "../../src/taskpane/i18n";
import type { SheetSpec } from "../../src/workbook/port";
import { KITAS, STORED_MODEL, fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const NBSP = "\u00a0";
const s = stringsFor("de");

/** Parses "41,67 %" → 0.4167. */
const share = (text: string | null) => Number(text!.replace(/[%\s\u00a0]/g, "").replace(",", ".")) / 100;

async function openResult() {
  await screen.findByText(/4 Zeilen/);
  fireEvent.click(await screen.findByRole("tab", { name: s.stepResult }));
  await screen.findByRole("table", { name: s.preview });
}

async function click(name: string) {
  const button = screen.getByRole("button", { name });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
}

/**
 * The analysis really runs (1,000 weightings, synchronously after the spinner painted) and blocks the event
 * loop while it does: under load longer than a `findBy…`'s wait, whose timer then fired before React had
 * rendered the result ("Unable to find role=table" with the spinner still showing). So the tests wait for
 * the real condition – the engine's `robustness` has returned (or thrown) – inside `act`, which then flushes
 * React's updates; the result is on screen when `computed()` resolves, whatever the load. `calls` counts the
 * engine runs.
 */
function watchRobustness() {
  const engine = robustnessEngine.robustness;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const calls = jest.spyOn(robustnessEngine, "robustness").mockImplementation((...args) => {
    try {
      return engine(...args);
    } finally {
      finished();
    }
  });
  const computed = () =>
    act(async () => {
      await done;
    });
  return { computed, calls };
}

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent);

afterEach(() => jest.restoreAllMocks());

describe("Robustheit in the Ergebnis step", () => {
  test("„Robustheit prüfen“ computes and shows the ranges of the worked example", async () => {
    // fakePort.KITAS, min–max, categories „Soziale Lage“ (SGB2) and „Flucht und Migration“ (Migration), both
    // weight 1. With r = weight(Soziale Lage) / weight(Flucht und Migration) the Gesamtindex of a Kita is
    // (r·SGB2 + Migration)/(r + 1) on the scores A 0/33,3, B 66,7/66,7, C 33,3/0, D 100/100, so
    // Nord = (33,33·r + 50)/(r + 1), Süd = (66,67·r + 50)/(r + 1) and Nord's share = (r + 1,5)/(3·(r + 1)):
    // now (r = 1) 2,5/6 = 41,67 %. Category ×0,5/×1,5 give r = 0,5, 1,5, 2, 2/3: 44,44 %, 40,00 %, 38,89 %,
    // 43,33 %. Random weights (each ±50 %) give r in [1/3, 3]: Nord in [37,50 %, 45,83 %], median near
    // r = 1 (r and 1/r are equally likely). T-scores instead of min–max: SGB2 10/30/20/40 has mean 25 and
    // SD 12,91, Migration 20/40/0/60 mean 30 and SD 25,82 → T of A 38,38/46,13, B 53,87/53,87,
    // C 46,13/38,38, D 61,62/61,62 → Nord (42,26 + 53,87)/2 = 48,06, Süd 51,94 → 48,06 %, the maximum.
    // Leaving out an indicator empties its category: not computable, not counted.
    const port = fakePort();
    const { computed } = watchRobustness();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    expect(screen.queryByTestId("robustness")).toBeNull();
    await click(s.checkRobustness);
    await computed();
    const table = await screen.findByRole("table", { name: s.robustnessTable });
    const [, nord, sued] = within(table).getAllByRole("row");
    const n = cells(nord);
    expect(n[0]).toBe("Nord");
    expect(n[1]).toBe(`41,7${NBSP}%`);
    expect(share(n[2])).toBeGreaterThanOrEqual(0.375);
    expect(share(n[2])).toBeLessThanOrEqual(0.3889);
    expect(share(n[3])).toBeCloseTo(0.4167, 2);
    expect(n[4]).toBe(`48,1${NBSP}%`);
    expect(n[5]).toBe("2");
    const d = cells(sued);
    expect([d[0], d[1], d[2], d[5]]).toEqual(["Süd", `58,3${NBSP}%`, `51,9${NBSP}%`, "1"]);
    // two areas can swap ranks by 1 at most: nothing is flagged
    expect(within(table).queryByText(s.flaggedArea)).toBeNull();
    // 7 deterministic alternatives (T-Werte, STABW.N, nach Kindern gewichtet, 2 × 2 category weights) + 1.000
    expect(
      screen.getByText(/^1\.007 Alternativen berechnet, davon 1\.000 Zufallsgewichtungen/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: /^Spanne der Anteile je Sozialraum \(2 Sozialräume\)/ }),
    ).toBeInTheDocument();
    // Kita C (index 16,67 now, just above the lower norm bound 9,2) drops below it only for weights near
    // r = 1/3 (C = 8,33, lower bound 8,61): eligible in nearly, not all, alternatives
    const flips = screen.getByRole("list", { name: s.flipsTitle });
    expect(within(flips).getAllByRole("listitem")).toHaveLength(1);
    expect(flips.textContent).toMatch(
      // no deterministic alternative flips Kita C, only some random weightings do
      /^Kita C \(Süd\)Strang 1 \(Kita-Sozialarbeit\): jetzt ja, förderfähig in 9\d,\d\u00a0% der AlternativenAbweichend unter: nur bei Zufallsgewichtungen \(\d+,\d\u00a0% der Läufe\)$/,
    );
    // nothing was written
    expect(port.calls.map((c) => c.method)).not.toContain("writeGeneratedSheets");
  });

  test("publication mode: the flipping Kita appears as its code", async () => {
    // codes by Sozialraum, then name: Nord A = E01, B = E02; Süd C = E03, D = E04
    const port = fakePort([KITAS], {
      ...STORED_MODEL,
      options: { ...STORED_MODEL.options, publication: true },
    });
    const { computed } = watchRobustness();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    await click(s.checkRobustness);
    await computed();
    const flips = await screen.findByRole("list", { name: s.flipsTitle });
    expect(flips).toHaveTextContent(/^E03 \(Süd\)/);
    expect(screen.queryByText(/Kita C/)).toBeNull();
  });

  test("the checkbox adds the Robustheit sheet to the written sheets, computing it if needed", async () => {
    const port = fakePort();
    const { computed } = watchRobustness();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    const checkbox = screen.getByRole("checkbox", { name: s.writeRobustness });
    expect(checkbox).not.toBeChecked();
    fireEvent.click(checkbox);
    expect(checkbox).toBeChecked();
    await click(s.generate);
    await computed();
    expect(await screen.findByText(/^Erzeugt: Vorlage, Verteilung/)).toBeInTheDocument();
    const written = port.written as SheetSpec[];
    expect(written.map((w) => w.name)).toEqual([
      "Vorlage",
      "Verteilung",
      "Einrichtungen",
      "Normbereiche",
      "Prüfbericht",
      "Methode",
      "Robustheit",
    ]);
    const sheet = written[6];
    const row = sheet.rows.find((r) => r[0]?.value === "Nord")!;
    expect(row[1].value).toBeCloseTo(5 / 12, 12);
    expect(row[4].value).toBeCloseTo(0.4806, 4);
    // the analysis computed for the sheet is shown as well
    expect(screen.getByRole("table", { name: s.robustnessTable })).toBeInTheDocument();
  });

  test("an analysis already shown is reused for the sheet, not computed again", async () => {
    const { computed, calls } = watchRobustness();
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    await click(s.checkRobustness);
    await computed();
    await screen.findByRole("table", { name: s.robustnessTable });
    fireEvent.click(screen.getByRole("checkbox", { name: s.writeRobustness }));
    await click(s.generate);
    await screen.findByText(/^Erzeugt:/);
    expect(calls).toHaveBeenCalledTimes(1);
    // from the checked dataset and the allocation the pane already holds, nothing recomputed
    expect(calls).toHaveBeenCalledWith(
      expect.objectContaining({ dataset: expect.anything(), base: expect.anything() }),
      { runs: 1000, seed: 1 },
    );
    expect((port.written as SheetSpec[]).map((w) => w.name)).toContain("Robustheit");
  });

  test("a changed model hides the old result (it belongs to the old allocation)", async () => {
    const { computed } = watchRobustness();
    renderWithTheme(<App port={fakePort()} language="de" />);
    await openResult();
    await click(s.checkRobustness);
    await computed();
    await screen.findByRole("table", { name: s.robustnessTable });
    fireEvent.click(screen.getByRole("tab", { name: s.stepModel }));
    fireEvent.change(screen.getByLabelText("Gewicht von „SGB2“"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    expect(screen.queryByRole("table", { name: s.robustnessTable })).toBeNull();
    expect(screen.getByRole("button", { name: s.checkRobustness })).toBeEnabled();
  });

  test("an engine failure shows an error with the action's name, and the pane stays", async () => {
    jest.spyOn(robustnessEngine, "robustness").mockImplementation(() => {
      throw new Error("Zu wenig Speicher");
    });
    renderWithTheme(<App port={fakePort()} language="de" />);
    await openResult();
    await click(s.checkRobustness);
    expect(await screen.findByRole("alert")).toHaveTextContent("Robustheit prüfen: Zu wenig Speicher");
    expect(screen.getByRole("table", { name: s.preview })).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: s.robustnessTable })).toBeNull();
    expect(screen.getByRole("button", { name: s.checkRobustness })).toBeEnabled();
  });

  test("an analysis that cannot be computed is explained; with the checkbox, nothing is written", async () => {
    // defensive: the engine never returns nothing for a computed allocation, the pane must explain it anyway
    jest.spyOn(robustnessEngine, "robustness").mockReturnValue(null as unknown as Robustness);
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    await click(s.checkRobustness);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      `Robustheit prüfen: ${s.robustnessUnavailable}`,
    );
    fireEvent.click(screen.getByRole("button", { name: s.dismiss }));
    fireEvent.click(screen.getByRole("checkbox", { name: s.writeRobustness }));
    await click(s.generate);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      `Verteilungsblatt erzeugen: ${s.robustnessUnavailable}`,
    );
    expect(port.written).toBeNull();
    expect(screen.queryByText(/^Erzeugt:/)).toBeNull();
  });

  test("with blocking errors there is no allocation, and no check is offered", async () => {
    const bad = { ...KITAS, rows: KITAS.rows.map((r) => [...r]) };
    bad.rows[1][4] = "k.A.";
    renderWithTheme(<App port={fakePort([bad])} language="de" />);
    await screen.findByText(/4 Zeilen/);
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    // no allocation, no preview: the check is not offered at all
    expect(screen.queryByRole("button", { name: s.checkRobustness })).toBeNull();
  });

  test("English", async () => {
    const en = stringsFor("en");
    const { computed } = watchRobustness();
    renderWithTheme(<App port={fakePort()} language="en" />);
    await screen.findByText(/Found 4 rows/);
    fireEvent.click(screen.getByRole("tab", { name: "Result" }));
    await click("Check robustness");
    await computed();
    expect(await screen.findByRole("table", { name: en.robustnessTable })).toHaveTextContent("41,7 %");
    expect(screen.getByRole("checkbox", { name: "Also write the Robustheit sheet" })).toBeInTheDocument();
  });
});

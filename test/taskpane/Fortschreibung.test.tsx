/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { readAdoption } from "../../src/engine/adoption";
import { App } from "../../src/taskpane/App";
import { isoOfGermanDate } from "../../src/engine/adoption";
import { germanToday } from "../../src/taskpane/components/AdoptDialog";
import { stringsFor } from "../../src/taskpane/i18n";
import { generate } from "../../src/usecase/generate";
import type { RawTable } from "../../src/engine/table";
import type { SheetSpec } from "../../src/workbook/port";
import { NEXT_YEAR_EXPECTED, nextYearModel, nextYearRows } from "../../scripts/make-next-year";
import { HEADERS, sampleModel, sampleRows } from "../../scripts/make-sample";
import type { CellValue } from "../../src/engine/table";
import { KITAS, STORED_MODEL, fakePort, type FakePort, NEXT_YEAR_KITAS } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

async function openResult() {
  await screen.findByText(/4 Zeilen/);
  fireEvent.click(await screen.findByRole("tab", { name: s.stepResult }));
}

async function clickWhenEnabled(name: string) {
  const button = await screen.findByRole("button", { name });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
}

/** A workbook whose stored Beschluss was made by the use case itself (as `srb allocate --adopt` does). */
async function adoptedPort(table: RawTable = KITAS): Promise<FakePort> {
  const earlier = fakePort();
  await generate(earlier, {
    model: STORED_MODEL,
    workbookName: "",
    fortschreibung: { adopt: { date: "2026-03-10" } },
  });
  const port = fakePort([table]);
  port.adoptions = earlier.adoptions;
  return port;
}

/**
 * The open adoption dialog, once its date field is rendered: Fluent's Dialog appears in a portal and fills
 * in its content a moment later, and a dialog of an earlier test may still be closing (its motion) — so wait
 * for the newest dialog that holds the field, not for the first element with the role. `hidden: true`:
 * tabster (Fluent's focus manager) is one instance per window, and after an earlier test's modal it may
 * still mark this dialog aria-hidden for a moment under jsdom; the queries look inside regardless.
 */
async function adoptDialog(): Promise<HTMLElement> {
  return waitFor(() => {
    const dialogs = screen.getAllByRole("dialog", { hidden: true });
    const open = dialogs.filter(
      (d) => within(d).queryByRole("textbox", { name: s.adoptDate, hidden: true }) !== null,
    );
    expect(open.length).toBeGreaterThan(0);
    return open[open.length - 1];
  });
}

describe("Fortschreibung in the task pane", () => {
  test("date helpers: today as TT.MM.JJJJ, typed dates to ISO", () => {
    expect(germanToday(new Date(2027, 2, 5))).toBe("05.03.2027");
    expect(isoOfGermanDate("15.3.2027")).toBe("2027-03-15");
    expect(isoOfGermanDate("30.02.2027")).toBeNull();
    expect(isoOfGermanDate("2027-03-15")).toBeNull();
  });

  test("without an adoption: no comparison, no carry-forward choice", async () => {
    renderWithTheme(<App port={fakePort()} language="de" />);
    await openResult();
    await screen.findByRole("table", { name: s.preview });
    expect(screen.queryByTestId("changes-section")).not.toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: s.carryForward })).not.toBeInTheDocument();
  });

  test("with a stored adoption and changed data the Ergebnis step shows the comparison", async () => {
    renderWithTheme(<App port={await adoptedPort(NEXT_YEAR_KITAS)} language="de" />);
    await openResult();
    const section = await screen.findByTestId("changes-section");
    expect(within(section).getByText("Verglichen mit: Beschluss vom 10.03.2026")).toBeInTheDocument();
    expect(within(section).getByRole("note")).toHaveTextContent(
      "1 Kita neu in Förderstrang 1, 1 entfällt; 1 Kita neu in Förderstrang 3, 1 entfällt; 1 Kita hinzugekommen, 1 Kita weggefallen; größte Veränderung: Sozialraum Nord +5,4 Prozentpunkte",
    );
    expect(
      within(section).getByText("1 neu, 1 entfallen, 3 geblieben; 4 Wechsel in Förderstränge."),
    ).toBeInTheDocument();
    const units = within(section).getByRole("table", { name: s.topUnitChanges });
    const texts = within(units)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell")[0].textContent);
    // new and gone Kitas first (SPEC §5a order)
    expect(texts.slice(0, 2).sort()).toEqual(["Kita D", "Kita E"]);
    expect(within(section).getByRole("table", { name: s.topAreaChanges })).toBeInTheDocument();
  });

  test("a damaged stored Beschluss is a warning in the Ergebnis step; the readable one is still compared with", async () => {
    const port = await adoptedPort(NEXT_YEAR_KITAS);
    port.damagedAdoptions = 1;
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    const section = await screen.findByTestId("changes-section");
    expect(within(section).getByText("Verglichen mit: Beschluss vom 10.03.2026")).toBeInTheDocument();
    expect(
      screen.getByText(
        "1 gespeicherter Beschluss ist beschädigt (im verborgenen Blatt „_SRB“) und wird nicht verwendet.",
      ),
    ).toBeInTheDocument();
  });

  test("cancel in the confirmation dialog stores nothing", async () => {
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    await clickWhenEnabled(s.adopt);
    const dialog = await adoptDialog();
    expect(within(dialog).getByRole("textbox", { name: s.adoptDate, hidden: true })).toHaveValue(
      germanToday(new Date()),
    );
    fireEvent.click(within(dialog).getByRole("button", { name: s.cancel, hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).not.toBeInTheDocument());
    expect(port.adoptions).toEqual([]);
    expect(port.calls.map((c) => c.method)).not.toContain("writeStoredAdoptions");
    expect(port.calls.map((c) => c.method)).not.toContain("writeGeneratedSheets");
  });

  test("an invalid date cannot be confirmed", async () => {
    renderWithTheme(<App port={fakePort()} language="de" />);
    await openResult();
    await clickWhenEnabled(s.adopt);
    const dialog = await adoptDialog();
    fireEvent.change(within(dialog).getByRole("textbox", { name: s.adoptDate, hidden: true }), {
      target: { value: "31.02.2027" },
    });
    expect(within(dialog).getByText(s.adoptDateInvalid)).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: s.adoptConfirm, hidden: true })).toBeDisabled();
    // the ISO form the command line's --adopt-date takes is a date here too
    fireEvent.change(within(dialog).getByRole("textbox", { name: s.adoptDate, hidden: true }), {
      target: { value: "2027-03-15" },
    });
    expect(within(dialog).queryByText(s.adoptDateInvalid)).not.toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: s.adoptConfirm, hidden: true })).toBeEnabled();
  });

  test("confirm stores the adoption through the use case; a changed budget is then compared with it", async () => {
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    await clickWhenEnabled(s.adopt);
    const dialog = await adoptDialog();
    fireEvent.change(within(dialog).getByRole("textbox", { name: s.adoptDate, hidden: true }), {
      target: { value: "15.03.2027" },
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: s.adoptConfirm, hidden: true }));
    });
    expect(
      await screen.findByText(/^Beschluss vom 15\.03\.2027 festgehalten\. Erzeugt: /),
    ).toBeInTheDocument();
    // read back from the fake's store: one adoption, the shares of the worked example (5/12, 7/12)
    expect(port.adoptions).toHaveLength(1);
    const adoption = readAdoption(port.adoptions[0]).adoption!;
    expect(adoption.date).toBe("2027-03-15");
    expect(adoption.areas.map((a) => [a.name, a.amount])).toEqual([
      ["Nord", 416.67],
      ["Süd", 583.33],
    ]);
    // the Methode sheet lists it (the use case's Beschlüsse section)
    const methode = (port.written as SheetSpec[]).find((w) => w.name === "Methode")!;
    expect(JSON.stringify(methode)).toContain("15.03.2027");
    // compared with itself: no change
    const section = await screen.findByTestId("changes-section");
    expect(within(section).getByRole("note")).toHaveTextContent("Keine Veränderungen.");

    // next year's budget 2.000 €: every amount doubles, the shares stay
    fireEvent.click(screen.getByRole("tab", { name: s.stepBudget }));
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "2.000" } });
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    await waitFor(() =>
      expect(within(screen.getByTestId("changes-section")).getByRole("note")).toHaveTextContent(
        // 2.000 € · 7/12 = 1.166,666… → 1.166,67 € (largest remainder), before 583,33 €
        "Größte Veränderung: Sozialraum Süd +583,34 €",
      ),
    );
    const areas = within(screen.getByTestId("changes-section")).getByRole("table", {
      name: s.topAreaChanges,
    });
    expect(within(areas).getAllByRole("row")[1]).toHaveTextContent("Süd");
  });

  test("carry forward from the pane distributes the budget by the adopted shares", async () => {
    const port = await adoptedPort(NEXT_YEAR_KITAS);
    renderWithTheme(<App port={port} language="de" />);
    await openResult();
    fireEvent.click(await screen.findByRole("checkbox", { name: s.carryForward }));
    expect(await screen.findByText(/Beschlusses vom 10\.03\.2026 verteilt/)).toBeInTheDocument();
    // nothing recomputed, so no robustness check is offered
    expect(screen.queryByRole("button", { name: s.checkRobustness })).not.toBeInTheDocument();
    const table = await screen.findByRole("table", { name: s.preview });
    // the adopted shares 5/12 and 7/12 of 1.000 €, not the new computation (Kita E replaced Kita D)
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent(/416,67\s€/);
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent(/583,33\s€/);
    await clickWhenEnabled(s.generate);
    await screen.findByText(/^Erzeugt: /);
    const verteilung = (port.written as SheetSpec[]).find((w) => w.name === "Verteilung")!;
    expect(JSON.stringify(verteilung)).toContain("10.03.2026");
  });
});

describe("the two-year fixture (Musterstadt and Musterstadt-Folgejahr) through the task pane", () => {
  const table = (rows: unknown[][]): RawTable => ({
    sheet: "Kitas",
    headers: HEADERS,
    rows: rows as CellValue[][],
    headerRow: 1,
    firstColumn: 1,
  });

  test("the Ergebnis step and the written Veränderungen sheet list exactly the fixture's changes", async () => {
    // 2022: the sample adopted (as srb allocate --adopt-date 2022-03-15 does)
    const earlier = fakePort([table(sampleRows())], sampleModel());
    const first = await generate(earlier, {
      workbookName: "Musterstadt.xlsx",
      fortschreibung: { adopt: { date: "2022-03-15" } },
    });
    expect(first.outcome?.adoption?.date).toBe("2022-03-15");
    // 2023: next year's data and model in the same workbook, the Beschluss stored
    const port = fakePort([table(nextYearRows())], nextYearModel());
    port.adoptions = earlier.adoptions;
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(s.storedModelLoaded);
    fireEvent.click(await screen.findByRole("tab", { name: s.stepResult }));
    const section = await screen.findByTestId("changes-section");
    expect(within(section).getByRole("note")).toHaveTextContent(NEXT_YEAR_EXPECTED.summary);
    const rows = within(within(section).getByRole("table", { name: s.topUnitChanges })).getAllByRole("row");
    const shown = rows.slice(1).map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
    // new and gone first, then the strand changes (SPEC §5a order)
    expect(
      shown
        .slice(0, 2)
        .map((r) => r[0])
        .sort(),
    ).toEqual([...NEXT_YEAR_EXPECTED.neu, ...NEXT_YEAR_EXPECTED.entfallen].sort());
    expect(
      shown
        .slice(2, 4)
        .map((r) => r[0])
        .sort(),
    ).toEqual(
      [...NEXT_YEAR_EXPECTED.entered.sozialarbeit, ...NEXT_YEAR_EXPECTED.left.sozialarbeit]
        .filter((id) => !(NEXT_YEAR_EXPECTED.neu as readonly string[]).includes(id))
        .filter((id) => !(NEXT_YEAR_EXPECTED.entfallen as readonly string[]).includes(id))
        .sort(),
    );
    const areas = within(section).getByRole("table", { name: s.topAreaChanges });
    expect(within(within(areas).getAllByRole("row")[1]).getAllByRole("cell")[0]).toHaveTextContent(
      NEXT_YEAR_EXPECTED.biggestArea,
    );

    await clickWhenEnabled(s.generate);
    await screen.findByText(/^Erzeugt: /);
    const sheet = (port.written as SheetSpec[]).find((w) => w.name === "Veränderungen")!;
    const cellsOf = (row: unknown[]) =>
      row.map((c) => (c && typeof c === "object" && "value" in c ? (c as { value: unknown }).value : c));
    const values = sheet.rows.map((r) => cellsOf(r as unknown[]));
    expect(values.some((r) => r[0] === NEXT_YEAR_EXPECTED.summary)).toBe(true);
    const header = values.findIndex((r) => r[0] === "Einrichtung");
    const statuses = values.slice(header + 1).filter((r) => r[2] === "neu" || r[2] === "entfallen");
    expect(statuses.map((r) => r[0]).sort()).toEqual(
      [...NEXT_YEAR_EXPECTED.neu, ...NEXT_YEAR_EXPECTED.entfallen].sort(),
    );
  });
});

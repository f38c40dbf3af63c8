/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { stringsFor } from "../../src/taskpane/i18n";
import type { SheetSpec } from "../../src/workbook/port";
import { KITAS, STORED_MODEL, fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

async function openStep(name: string) {
  fireEvent.click(await screen.findByRole("tab", { name }));
}

/** Clicks a button once it is enabled (the workbook is read first, the pane is busy meanwhile). */
async function clickWhenEnabled(name: string) {
  const button = await screen.findByRole("button", { name });
  await waitFor(() => expect(button).toBeEnabled());
  // act flushes the state updates of the workbook action the click starts
  await act(async () => {
    fireEvent.click(button);
  });
}

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent);

describe("App with a fake workbook", () => {
  test("loads the stored model, computes the worked example and writes the sheets", async () => {
    // Worked example (fakePort.KITAS, min–max, two categories of weight 1):
    // SGB2 10/30/20/40 → 0, 66,67, 33,33, 100; Migration 20/40/0/60 → 33,33, 66,67, 0, 100.
    // Gesamtindex A 16,67, B 66,67, C 16,67, D 100. Nord = (16,67 + 66,67)/2 = 41,67 (125/3),
    // Süd = (16,67 + 100)/2 = 58,33 (175/3); shares 5/12 = 41,67 % and 7/12 = 58,33 %.
    // Budget 1.000 €: 416,666… and 583,333… → floors 416,66 + 583,33 = 999,99; the missing cent goes to
    // the larger remainder (Nord, 0,67 ct) → 416,67 € and 583,33 €.
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    expect(await screen.findByText(s.storedModelLoaded)).toBeInTheDocument();
    expect(
      await screen.findByText("4 Zeilen (Einrichtungen) und 5 Spalten auf „Kitas“ erkannt."),
    ).toBeInTheDocument();

    await openStep(s.stepResult);
    const table = await screen.findByRole("table", { name: s.preview });
    const rows = within(table).getAllByRole("row");
    expect(cells(rows[1])).toEqual(["Nord", "41,7", "41,67\u00a0%", "416,67\u00a0€"]);
    expect(cells(rows[2])).toEqual(["Süd", "58,3", "58,33\u00a0%", "583,33\u00a0€"]);
    expect(cells(rows[3])).toEqual(["Summe", "", "100,00\u00a0%", "1.000,00\u00a0€"]);

    fireEvent.click(screen.getByRole("button", { name: s.generate }));
    expect(await screen.findByText(/^Erzeugt: Vorlage, Verteilung/)).toBeInTheDocument();
    const written = port.written as SheetSpec[];
    expect(written.map((w) => w.name)).toEqual([
      "Vorlage",
      "Verteilung",
      "Einrichtungen",
      "Normbereiche",
      "Prüfbericht",
      "Methode",
    ]);
    const methods = port.calls.map((c) => c.method);
    expect(methods).toContain("writeGeneratedSheets");
    expect(methods.lastIndexOf("writeStoredModel")).toBeGreaterThan(methods.indexOf("writeGeneratedSheets"));
    expect((port.stored as { budget: { total: number } }).budget.total).toBe(1000);
  });

  test("a cost per VZÄ typed in Budget & Regeln turns the preview into a Stellenplan: VZÄ and nicht verplant", async () => {
    // Budget 100.000 €: Nord 41,67 % = 41.666,67 €, Süd 58.333,33 € (shares of the first test). 40.000 € per
    // VZÄ, Land share 0,6: one step of 0,25 VZÄ costs the budget 6.000 €. Nord: 6 whole steps = 1,50 VZÄ
    // (36.000 €), 5.666,67 € nicht verplant; Süd: 9 steps = 2,25 VZÄ (54.000 €), 4.333,33 €.
    const port = fakePort([KITAS], { ...STORED_MODEL, budget: { total: 100000 } });
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(/4 Zeilen/);
    await openStep(s.stepResult);
    const before = await screen.findByRole("table", { name: s.preview });
    expect(within(before).queryByText(s.plannedVzae)).toBeNull();

    await openStep(s.stepBudget);
    fireEvent.change(screen.getByLabelText(/^Jährliche Kosten je VZÄ/), { target: { value: "40.000" } });
    await openStep(s.stepResult);
    // the Stellenplan is a table of its own next to the preview (six columns do not fit 350 px)
    const plan = await screen.findByRole("table", { name: s.stellenplanPreview });
    expect(within(plan).getByText(s.plannedVzae)).toBeInTheDocument();
    const previewRows = within(screen.getByRole("table", { name: s.preview })).getAllByRole("row");
    expect(cells(previewRows[1])).toEqual(["Nord", "41,7", "41,67\u00a0%", "41.666,67\u00a0€"]);
    expect(cells(previewRows[3])).toEqual(["Summe", "", "100,00\u00a0%", "100.000,00\u00a0€"]);
    const rows = within(plan).getAllByRole("row");
    expect(cells(rows[1])).toEqual(["Nord", "1,50", "5.666,67\u00a0€"]);
    expect(cells(rows[2])).toEqual(["Süd", "2,25", "4.333,33\u00a0€"]);
    expect(cells(rows[3])).toEqual(["Summe", "3,75", "10.000,00\u00a0€"]);
  });

  test("without a stored model the suggestion is used and marked", async () => {
    const port = fakePort([KITAS], null);
    renderWithTheme(<App port={port} language="de" />);
    await clickWhenEnabled(s.detectTable);
    expect(await screen.findByLabelText("Spalte Einrichtung (Vorschlag)")).toHaveValue("Einrichtung");
    expect(screen.getByLabelText("Spalte Sozialraum (Vorschlag)")).toHaveValue("Sozialraum");
    await openStep(s.stepModel);
    expect(screen.getByRole("checkbox", { name: "„SGB2“ als Indikator verwenden" })).toBeChecked();
  });

  test("saving the model writes it to the workbook", async () => {
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(/4 Zeilen/);
    await openStep(s.stepModel);
    fireEvent.change(screen.getByLabelText("Gewicht von „SGB2“"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: s.saveModel }));
    // the confirmation is in the Modell step itself, where the button was clicked
    const panel = screen.getByRole("tabpanel", { name: s.stepModel });
    expect(
      await within(panel).findByText("Modell in der Arbeitsmappe gespeichert (Blatt „_SRB“, ausgeblendet)."),
    ).toBeVisible();
    const stored = port.stored as typeof STORED_MODEL;
    expect(stored.indicators[0]).toMatchObject({ column: "SGB2", weight: 2 });
  });

  test("a bad cell blocks generation and its address selects the cell", async () => {
    const bad = { ...KITAS, rows: KITAS.rows.map((r) => [...r]) };
    bad.rows[1][4] = "k.A."; // Kita B, Migration: cell E3
    const port = fakePort([bad]);
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(/4 Zeilen/);
    await openStep(s.stepResult);
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
    expect(screen.getByText(s.blockedByErrors)).toBeInTheDocument();
    expect(screen.getByText(/k\.A\./)).toBeInTheDocument();
    // the bad text itself, and the unit then lacking a value in its category, both point at E3
    fireEvent.click(screen.getAllByRole("button", { name: "Zelle Kitas!E3 in Excel auswählen" })[0]);
    await waitFor(() => expect(port.calls).toContainEqual({ method: "selectCell", args: ["Kitas", "E3"] }));
  });

  test("bad budget text blocks generation until fixed", async () => {
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(/4 Zeilen/);
    await openStep(s.stepBudget);
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "1.000,-" } });
    await openStep(s.stepResult);
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
    expect(screen.getByText("Ungültige Eingaben: Budget (€). Bitte korrigieren.")).toBeInTheDocument();
    await openStep(s.stepBudget);
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "2.000" } });
    await openStep(s.stepResult);
    expect(screen.getByRole("button", { name: s.generate })).toBeEnabled();
    expect(cells(within(screen.getByRole("table", { name: s.preview })).getAllByRole("row")[3])).toEqual([
      "Summe",
      "",
      "100,00\u00a0%",
      "2.000,00\u00a0€",
    ]);
  });

  test("a failing workbook call is shown with the action's name", async () => {
    const port = fakePort([KITAS], null);
    port.failing.readTable = "Das Blatt ist geschützt.";
    renderWithTheme(<App port={port} language="de" />);
    await clickWhenEnabled(s.detectTable);
    expect(await screen.findByRole("alert")).toHaveTextContent("Tabelle erkennen: Das Blatt ist geschützt.");
    fireEvent.click(screen.getByRole("button", { name: s.dismiss }));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("a failing write is shown and no success is claimed", async () => {
    const port = fakePort();
    port.failing.writeGeneratedSheets = "Zu viele Daten für eine Anfrage.";
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(/4 Zeilen/);
    await openStep(s.stepResult);
    fireEvent.click(screen.getByRole("button", { name: s.generate }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Verteilungsblatt erzeugen: Zu viele Daten für eine Anfrage.",
    );
    expect(screen.queryByText(/^Erzeugt:/)).toBeNull();
  });

  test("an invalid stored model is reported and the suggestion is used instead", async () => {
    const port = fakePort([KITAS], { ...STORED_MODEL, indicators: "keine" });
    renderWithTheme(<App port={port} language="de" />);
    expect(await screen.findByText(new RegExp(s.storedModelInvalid))).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: s.detectTable })).toBeEnabled());
  });

  test("English: English texts, the numbers of the preview in de-DE as in German", async () => {
    renderWithTheme(<App port={fakePort()} language="en" />);
    expect(await screen.findByRole("tab", { name: "Result" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Budget & rules" })).toBeInTheDocument();
    expect(await screen.findByText(/Found 4 rows/)).toBeInTheDocument();
    await openStep("Result");
    const rows = within(await screen.findByRole("table", { name: "Preview of the areas" })).getAllByRole(
      "row",
    );
    expect(cells(rows[1])).toEqual(["Nord", "41,7", "41,67\u00a0%", "416,67\u00a0€"]);
    expect(cells(rows[3])).toEqual(["Total", "", "100,00\u00a0%", "1.000,00\u00a0€"]);
  });

  test("without a workbook (standalone before upload) it says so", () => {
    renderWithTheme(<App port={null} language="de" />);
    expect(screen.getByText(s.noWorkbook)).toBeInTheDocument();
    expect(screen.queryByRole("tab")).toBeNull();
  });
});

describe("App: a municipal sheet (title rows, header in row 3, a Summe row)", () => {
  const TITLED = {
    sheet: "Kitas",
    headers: ["Kita-Daten 2025 – Stadt X"],
    rows: [[], KITAS.headers, ...KITAS.rows, ["Summe", null, 260, 100, 120]],
    headerRow: 1,
    firstColumn: 1,
  };

  test("the Daten step says where the table is; the allocation is the plain table's", async () => {
    const port = fakePort([TITLED]);
    renderWithTheme(<App port={port} language="de" />);
    expect(await screen.findByTestId("table-location")).toHaveTextContent(
      "Kopfzeile: Zeile 3, Daten: Zeilen 4–7 (Zeile 8 „Summe“ ausgelassen)",
    );
    expect(
      screen.getByText("4 Zeilen (Einrichtungen) und 5 Spalten auf „Kitas“ erkannt."),
    ).toBeInTheDocument();
    await openStep(s.stepResult);
    const table = await screen.findByRole("table", { name: s.preview });
    const rows = within(table).getAllByRole("row");
    expect(cells(rows[1])).toEqual(["Nord", "41,7", "41,67\u00a0%", "416,67\u00a0€"]);
  });

  test("English: the line that says where the table is is English too", async () => {
    renderWithTheme(<App port={fakePort([TITLED])} language="en" />);
    expect(await screen.findByTestId("table-location")).toHaveTextContent(
      "Header: row 3, data: rows 4–7 (row 8 “Summe” left out)",
    );
  });

  test("the user fixes the header row: it is saved in the model as data.headerRow, and can be freed again", async () => {
    const port = fakePort([TITLED]);
    renderWithTheme(<App port={port} language="de" />);
    const field = await screen.findByLabelText(s.headerRow);
    await waitFor(() => expect(field).toHaveValue("3"));
    await clickWhenEnabled(s.headerRowApply);
    expect(await screen.findByRole("button", { name: s.headerRowAuto })).toBeInTheDocument();
    await openStep(s.stepResult);
    await clickWhenEnabled(s.generate);
    expect(await screen.findByText(/^Erzeugt: Vorlage, Verteilung/)).toBeInTheDocument();
    expect((port.stored as { data: { headerRow?: number } }).data.headerRow).toBe(3);

    // another row: read again from there (row 2 is empty: no headers, the check says so)
    await openStep(s.stepData);
    fireEvent.change(await screen.findByLabelText(s.headerRow), { target: { value: "2" } });
    await clickWhenEnabled(s.headerRowApply);
    await waitFor(() =>
      expect(screen.getByTestId("table-location")).toHaveTextContent(/^Kopfzeile: Zeile 2/),
    );
    // back to automatic
    await clickWhenEnabled(s.headerRowAuto);
    await waitFor(() =>
      expect(screen.getByTestId("table-location")).toHaveTextContent(/^Kopfzeile: Zeile 3/),
    );
    expect(screen.queryByRole("button", { name: s.headerRowAuto })).toBeNull();
  });
});

describe("a host whose functions cannot tell a blank from 0", () => {
  test("the pane warns once, in German, and says what to do", () => {
    renderWithTheme(<App port={fakePort()} language="de" functionsSeeBlanks={false} />);
    expect(screen.getByText(stringsFor("de").functionsBlankAsZero)).toBeInTheDocument();
  });
  test("a current host shows no such warning", () => {
    renderWithTheme(<App port={fakePort()} language="de" />);
    expect(screen.queryByText(stringsFor("de").functionsBlankAsZero)).toBeNull();
  });
});

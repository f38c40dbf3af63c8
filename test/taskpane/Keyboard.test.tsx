/** @jest-environment jsdom */
/**
 * Keyboard operability: the task pane walked with Tab, Shift+Tab, arrow keys, Enter and Space only
 * (@testing-library/user-event, no clicks): the step tabs, number inputs, the option switch, the clickable
 * cell addresses of the check report, "Robustheit prüfen" and "Verteilungsblatt erzeugen".
 */
import "@testing-library/jest-dom";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { stringsFor } from "../../src/taskpane/i18n";
import type { SheetSpec } from "../../src/workbook/port";
import { fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

/*
 * jsdom lays nothing out: every offsetParent is null and <body> measures 0 × 0, so Fluent's focus manager
 * (Tabster) would count every tab as invisible and the arrow keys would move nowhere. For this file only,
 * a minimal layout: an element is "displayed" unless it or an ancestor is `hidden` (the inactive step
 * panels) or has display:none, and <body> has a size. Chromium checks the same path for real
 * (test/e2e/standalone.test.ts).
 */
const offsetParent = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetParent");
const bodyRect = document.body.getBoundingClientRect;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement) {
      const shown = (e: HTMLElement | null): boolean =>
        e === null || (!e.hidden && e.style.display !== "none" && shown(e.parentElement));
      return shown(this) ? (this.parentElement ?? document.body) : null;
    },
  });
  document.body.getBoundingClientRect = () => new DOMRect(0, 0, 420, 900);
});
afterAll(() => {
  if (offsetParent) Object.defineProperty(HTMLElement.prototype, "offsetParent", offsetParent);
  document.body.getBoundingClientRect = bodyRect;
});

/** Presses Tab (or Shift+Tab) until `target()` has the focus; fails after `max` presses. */
async function tabTo(user: UserEvent, target: () => HTMLElement, max = 80, shift = false): Promise<void> {
  for (let n = 0; n < max; n++) {
    if (document.activeElement === target()) return;
    await user.tab({ shift });
  }
  expect(document.activeElement).toBe(target());
}

/** The tab list by keyboard: Tab into it (lands on a tab), then arrow keys to the step, Enter. */
async function openStepByKeyboard(user: UserEvent, name: string): Promise<void> {
  const tabs = () => screen.getAllByRole("tab");
  if (!tabs().includes(document.activeElement as HTMLElement)) {
    // from inside a panel the tab list is before it: Shift+Tab
    for (let n = 0; n < 80 && !tabs().includes(document.activeElement as HTMLElement); n++)
      await user.tab({ shift: true });
  }
  const wanted = screen.getByRole("tab", { name });
  for (let n = 0; n < 4 && document.activeElement !== wanted; n++) await user.keyboard("{ArrowRight}");
  expect(wanted).toHaveFocus();
  await user.keyboard("{Enter}");
  expect(wanted).toHaveAttribute("aria-selected", "true");
  expect(screen.getByRole("tabpanel", { name })).toBeVisible();
}

async function loaded(): Promise<void> {
  expect(await screen.findByText(s.storedModelLoaded)).toBeInTheDocument();
  await screen.findByText(/4 Zeilen \(Einrichtungen\)/);
  // the pane is busy while it reads the workbook (a spinner says "Bitte warten …")
  await waitFor(() => expect(screen.queryByText(new RegExp(s.busy))).toBeNull());
}

describe("keyboard only", () => {
  test("tabs: Tab reaches the step list, arrow keys move between the steps, Enter opens one", async () => {
    const user = userEvent.setup();
    renderWithTheme(<App port={fakePort()} language="de" />);
    await loaded();
    await tabTo(user, () => screen.getByRole("tab", { name: s.stepData }));
    await openStepByKeyboard(user, s.stepModel);
    await openStepByKeyboard(user, s.stepBudget);
    await openStepByKeyboard(user, s.stepResult);
    // arrow keys wrap around to the first step
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: s.stepData })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("tabpanel", { name: s.stepData })).toBeVisible();
  });

  test("budget typed by keyboard, Space on the goalposts switch, Enter on a cell address, Enter on 'Robustheit prüfen', Space on 'Verteilungsblatt erzeugen'", async () => {
    // Worked example of App.test.tsx (shares 5/12 and 7/12); budget 2.400 € → 1.000,00 € and 1.400,00 €.
    const user = userEvent.setup();
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await loaded();
    await tabTo(user, () => screen.getByRole("tab", { name: s.stepData }));
    await openStepByKeyboard(user, s.stepBudget);

    // the budget field: Tab into it, select all, type
    const budget = screen.getByRole("textbox", { name: /^Budget \(€\)/ });
    await tabTo(user, () => budget);
    await user.keyboard("{Control>}a{/Control}2.400");
    expect(budget).toHaveValue("2.400");

    // the goalposts switch: Tab to it, Space (no values: the engine warns per indicator)
    const goalposts = screen.getByRole("switch", { name: s.goalposts });
    await tabTo(user, () => goalposts);
    await user.keyboard(" ");
    expect(goalposts).toBeChecked();

    await openStepByKeyboard(user, s.stepResult);
    const panel = screen.getByRole("tabpanel", { name: s.stepResult });
    const rows = within(within(panel).getByRole("table", { name: s.preview })).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("1.000,00 €");
    expect(rows[2]).toHaveTextContent("1.400,00 €");

    // a cell address of the check report: Tab to it, Enter selects the cell in Excel
    const address = within(panel).getByRole("button", { name: s.goToCell("Kitas!D1") });
    await tabTo(user, () => address);
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(port.calls.filter((c) => c.method === "selectCell").map((c) => c.args)).toEqual([
        ["Kitas", "D1"],
      ]),
    );

    // "Robustheit prüfen": Tab, Enter
    const robustness = within(panel).getByRole("button", { name: s.checkRobustness });
    await tabTo(user, () => robustness);
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("table", { name: s.robustnessTable })).toBeInTheDocument();

    // "Verteilungsblatt erzeugen": Tab, Space
    const generate = within(panel).getByRole("button", { name: s.generate });
    await waitFor(() => expect(generate).toBeEnabled());
    await tabTo(user, () => generate);
    await user.keyboard(" ");
    expect(await screen.findByText(/^Erzeugt: Vorlage, Verteilung/)).toBeInTheDocument();
    expect((port.written as SheetSpec[]).map((w) => w.name)).toContain("Verteilung");
    expect((port.stored as { budget: { total: number } }).budget.total).toBe(2400);
  });

  test("Shift+Tab walks back from the generate button to the step tabs", async () => {
    const user = userEvent.setup();
    renderWithTheme(<App port={fakePort()} language="de" />);
    await loaded();
    await tabTo(user, () => screen.getByRole("tab", { name: s.stepData }));
    await openStepByKeyboard(user, s.stepResult);
    const generate = screen.getByRole("button", { name: s.generate });
    await tabTo(user, () => generate);
    await tabTo(user, () => screen.getByRole("tab", { name: s.stepResult }), 80, true);
    expect(screen.getByRole("tab", { name: s.stepResult })).toHaveFocus();
  });
});

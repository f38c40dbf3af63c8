/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { stringsFor } from "../../src/taskpane/i18n";
import type { SheetSpec, WriteReport } from "../../src/workbook/port";
import { fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

test("the adapter's notes after writing are shown to the user (an edited SRB sheet kept, a new name)", async () => {
  const port = fakePort();
  const note =
    "Blatt „Einrichtungen“ wurde nach dem letzten Lauf bearbeitet und bleibt erhalten; das neue heißt „Einrichtungen (2)“.";
  port.writeGeneratedSheets = async (sheets: SheetSpec[]): Promise<WriteReport> => ({
    sheets: sheets.map((x) => ({
      requested: x.name,
      written: x.name === "Einrichtungen" ? "Einrichtungen (2)" : x.name,
    })),
    replaced: [],
    notes: [note],
  });
  renderWithTheme(<App port={port} language="de" />);
  await screen.findByText(s.storedModelLoaded);
  fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
  // the table is still being detected (its progress painted first) until the button is enabled
  const generate = await screen.findByRole("button", { name: s.generate });
  await waitFor(() => expect(generate).toBeEnabled());
  fireEvent.click(generate);
  const message = await screen.findByText(/^Erzeugt: Vorlage, Verteilung, Einrichtungen \(2\)/);
  expect(message).toHaveTextContent(note);
});

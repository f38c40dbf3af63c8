/** @jest-environment jsdom */
/**
 * Issue 11 item 5: the model's way in and out of the task pane — „Modell speichern als … .srb.json“ (the file
 * `srb allocate --model` reads: proven by running the command line on it), „Modell laden“ (German messages that
 * name the field in words) and a visible confirmation after „Modell in der Arbeitsmappe speichern“.
 */
import "../shims/textCoding";
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "../../src/taskpane/App";
import type { Download } from "../../src/taskpane/download";
import { stringsFor } from "../../src/taskpane/i18n";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { SAMPLE_DIR, srb } from "../helpers/cli";
import { KITAS, STORED_MODEL, fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

/** A picked file: jsdom's File has no text(); the pane falls back to FileReader, as older web views need. */
function jsonFile(name: string, text: string): File {
  return new File([text], name, { type: "application/json" });
}

async function openModelStep() {
  fireEvent.click(await screen.findByRole("tab", { name: s.stepModel }));
  const panel = screen.getByRole("tabpanel", { name: s.stepModel });
  // a user can pick a file once the pane is idle (the button is disabled while the table is detected)
  const load = await within(panel).findByRole("button", { name: s.loadModelFile });
  await waitFor(() => expect(load).toBeEnabled());
  return panel;
}

async function pick(file: File) {
  await act(async () => {
    fireEvent.change(screen.getByTestId("model-file-input"), { target: { files: [file] } });
  });
}

function recordingDownload() {
  const saved: { content: string; name: string; mime: string }[] = [];
  const download: Download = (content, name, mime) =>
    saved.push({
      content: typeof content === "string" ? content : new TextDecoder().decode(content),
      name,
      mime,
    });
  return { saved, download };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-modelfile-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("„Modell speichern als“: the file the pane saves is read by srb allocate --model (Musterstadt, a weight changed)", async () => {
  const bytes = await fs.readFile(path.join(SAMPLE_DIR, "Musterstadt.xlsx"));
  const port = await PackageWorkbook.fromBuffer(bytes, "Musterstadt.xlsx");
  const { saved, download } = recordingDownload();
  renderWithTheme(<App port={port} language="de" fileName="Musterstadt.xlsx" download={download} />);
  await screen.findByText(
    /Zeilen \(Einrichtungen\) und \d+ Spalten auf „Kitas“ erkannt/,
    {},
    { timeout: 10_000 },
  );
  const panel = await openModelStep();
  fireEvent.change(within(panel).getByLabelText("Gewicht von „Anteil_U3“"), { target: { value: "3" } });
  fireEvent.click(within(panel).getByRole("button", { name: s.saveModelFile }));

  expect(saved).toHaveLength(1);
  expect(saved[0].name).toBe("Musterstadt.srb.json");
  expect(saved[0].mime).toBe("application/json");
  expect(within(panel).getByText(s.modelFileSaved("Musterstadt.srb.json"))).toBeVisible();
  const file = JSON.parse(saved[0].content) as { indicators: { column: string; weight: number }[] };
  expect(file.indicators.find((i) => i.column === "Anteil_U3")?.weight).toBe(3);

  // the command line takes the saved file as it is
  const modelFile = path.join(dir, saved[0].name);
  await fs.writeFile(modelFile, saved[0].content);
  const workbook = path.join(dir, "Musterstadt.xlsx");
  await fs.writeFile(workbook, bytes);
  const json = path.join(dir, "ergebnis.json");
  const run = await srb(
    "allocate",
    workbook,
    "--model",
    modelFile,
    "--out",
    path.join(dir, "out.xlsx"),
    "--json",
    json,
  );
  expect(run.stderr).not.toMatch(/Modell,/);
  expect(run.status).toBe(0);
  const results = JSON.parse(await fs.readFile(json, "utf8")) as {
    units: unknown[];
    issues: { level: string }[];
  };
  expect(results.units.length).toBeGreaterThan(0);
  expect(results.issues.filter((i) => i.level === "error")).toEqual([]);
});

test("„Modell laden“: a model file replaces the model, with a confirmation in the Modell step", async () => {
  const port = fakePort([KITAS], null);
  renderWithTheme(<App port={port} language="de" />);
  const panel = await openModelStep();
  // no model yet: loading is offered already (next year's workbook, last year's model)
  expect(within(panel).getByText(s.noIndicators)).toBeInTheDocument();
  const model = {
    ...STORED_MODEL,
    indicators: [{ ...STORED_MODEL.indicators[0], weight: 4 }, STORED_MODEL.indicators[1]],
  };
  await pick(jsonFile("Stadt X 2025.srb.json", JSON.stringify(model)));
  expect(await within(panel).findByText(s.modelFileLoaded("Stadt X 2025.srb.json"))).toBeVisible();
  await waitFor(() => expect(within(panel).getByLabelText("Gewicht von „SGB2“")).toHaveValue("4"));
  // the loaded model is the pane's: saving stores it
  fireEvent.click(within(panel).getByRole("button", { name: s.saveModel }));
  await within(panel).findByText(s.modelSavedIn("_SRB"));
  expect((port.stored as typeof STORED_MODEL).indicators[0].weight).toBe(4);
});

test("„Modell laden“: a model of a sheet this workbook lacks applies to the chosen sheet, and says so", async () => {
  const port = fakePort([{ ...KITAS, sheet: "Kitas 2026" }], null);
  renderWithTheme(<App port={port} language="de" />);
  const panel = await openModelStep();
  await pick(jsonFile("modell.srb.json", JSON.stringify(STORED_MODEL)));
  expect(
    await within(panel).findByText(
      `${s.modelFileLoaded("modell.srb.json")} ${s.modelFileSheetMissing("Kitas", "Kitas 2026")}`,
    ),
  ).toBeVisible();
  await screen.findByText("4 Zeilen (Einrichtungen) und 5 Spalten auf „Kitas 2026“ erkannt.");
});

test.each([
  [
    "a wrong direction",
    JSON.stringify({ ...STORED_MODEL, indicators: [{ ...STORED_MODEL.indicators[0], direction: 2 }] }),
    /Indikator „SGB2“, Richtung/,
  ],
  [
    "a missing Sozialraum column",
    JSON.stringify({ ...STORED_MODEL, data: { id: "Einrichtung" } }),
    /Sozialraum/,
  ],
  ["broken JSON", '{ "data": { "id": "Einrichtung",\n  "area": }', /Die Modelldatei ist kein gültiges JSON/],
  [
    "a range that is none",
    JSON.stringify({ ...STORED_MODEL, data: { ...STORED_MODEL.data, range: "B:H" } }),
    /Datenbereich/,
  ],
])(
  "„Modell laden“ refuses %s in German, naming the field in words (never a JSON path)",
  async (_, text, expected) => {
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByText(/4 Zeilen/);
    const panel = await openModelStep();
    await pick(jsonFile("falsch.srb.json", text));
    const alert = await within(panel).findByRole("alert");
    expect(alert).toHaveTextContent(s.modelFileInvalid("falsch.srb.json"));
    expect(alert).toHaveTextContent(expected);
    expect(alert.textContent).not.toMatch(/indicators\[|data\.|\bexpected\b/);
    // the model in the pane is unchanged
    expect(within(panel).getByLabelText("Gewicht von „SGB2“")).toHaveValue("1");
  },
);

/** @jest-environment jsdom */
/**
 * Issue 11 items 2 and 7 in the task pane: the Daten step's „Bereich“ (typed, or in Excel the selected range)
 * saved in the model as data.range; and the Prüfbericht of a run that errors block, handed out as a workbook
 * of its own (standalone: a download, Excel: a new workbook).
 */
import "../shims/textCoding";
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { RawTable } from "../../src/engine/table";
import { App } from "../../src/taskpane/App";
import { StandaloneApp } from "../../src/taskpane/components/StandaloneApp";
import { XLSX_MIME } from "../../src/taskpane/download";
import { stringsFor } from "../../src/taskpane/i18n";
import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { KITAS, fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

/** Title row, blank row, header in row 3, Kitas A–D in rows 4–7, a Summe row 8. */
const TITLED: RawTable = {
  sheet: "Kitas",
  headers: ["Kita-Daten 2025 – Stadt X"],
  rows: [[], KITAS.headers, ...KITAS.rows, ["Summe", null, 260, 100, 120]],
  headerRow: 1,
  firstColumn: 1,
};

async function clickWhenEnabled(name: string, within_: HTMLElement = document.body) {
  const button = await within(within_).findByRole("button", { name });
  await waitFor(() => expect(button).toBeEnabled());
  await act(async () => {
    fireEvent.click(button);
  });
}

describe("Daten step: the range of the table", () => {
  test("a typed range is read, shown in the location line and saved as data.range (with its header row)", async () => {
    const port = fakePort([TITLED]);
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByTestId("table-location");
    // no Excel: no selection to take
    expect(screen.queryByRole("button", { name: s.rangeFromSelection })).toBeNull();
    const field = screen.getByLabelText(s.range);
    fireEvent.change(field, { target: { value: "A3" } });
    expect(screen.getByText(s.rangeInvalid)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s.rangeApply })).toBeDisabled();
    fireEvent.change(field, { target: { value: "$a$3:$e$6" } });
    await clickWhenEnabled(s.rangeApply);
    await waitFor(() =>
      expect(screen.getByTestId("table-location")).toHaveTextContent(
        "Kopfzeile: Zeile 3 (gewählter Bereich A3:E6), Daten: Zeilen 4–6 (2 Zeilen unterhalb des Bereichs ignoriert)",
      ),
    );
    await waitFor(() => expect(screen.getByLabelText(s.range)).toHaveValue("A3:E6"));
    // the Kita left out is not silent: the check report names it
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    expect(await screen.findByText(/der gewählte Datenbereich A3:E6 endet über Zeile 7/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole("tab", { name: s.stepModel }));
    await clickWhenEnabled(s.saveModel);
    await screen.findByText(s.modelSavedIn("_SRB"));
    expect((port.stored as { data: unknown }).data).toMatchObject({ range: "A3:E6", headerRow: 3 });

    // „Kopfzeile automatisch erkennen“ frees header row and range again
    fireEvent.click(screen.getByRole("tab", { name: s.stepData }));
    await clickWhenEnabled(s.headerRowAuto);
    await waitFor(() =>
      expect(screen.getByTestId("table-location")).toHaveTextContent(
        "Kopfzeile: Zeile 3, Daten: Zeilen 4–7 (Zeile 8 „Summe“ ausgelassen)",
      ),
    );
    await waitFor(() => expect(screen.getByLabelText(s.range)).toHaveValue(""));
  });

  test("in Excel, „Markierten Bereich verwenden“ takes the selection; a single cell is refused with a hint", async () => {
    const port = fakePort([TITLED]);
    let selection: { sheet: string; range: string } | null = { sheet: "Kitas", range: "A3:E8" };
    port.selectedRange = async () => selection;
    renderWithTheme(<App port={port} language="de" />);
    await screen.findByTestId("table-location");
    await clickWhenEnabled(s.rangeFromSelection);
    expect(await screen.findByText(s.rangeChosen("A3:E8", "Kitas"))).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId("table-location")).toHaveTextContent(
        "Kopfzeile: Zeile 3 (gewählter Bereich A3:E8), Daten: Zeilen 4–7 (Zeile 8 „Summe“ ausgelassen)",
      ),
    );
    selection = { sheet: "Kitas", range: "B4" };
    await clickWhenEnabled(s.rangeFromSelection);
    expect(await screen.findByText(s.selectionNotARange)).toBeInTheDocument();
    // the range chosen before stays
    expect(screen.getByTestId("table-location")).toHaveTextContent("gewählter Bereich A3:E8");
    selection = null;
    await clickWhenEnabled(s.rangeFromSelection);
    expect(await screen.findByText(s.selectionNotARange)).toBeInTheDocument();
  });
});

describe("the Prüfbericht of a blocked run", () => {
  /** Kita B's Migration cell E3 holds "k.A.": generation is blocked. */
  function badKitas(): RawTable {
    const bad = { ...KITAS, rows: KITAS.rows.map((r) => [...r]) };
    bad.rows[1][4] = "k.A.";
    return bad;
  }

  test("standalone: „Prüfbericht herunterladen“ gives an .xlsx with the generator's Prüfbericht sheet", async () => {
    const created: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return `blob:srb/${created.length}`;
      },
      revokeObjectURL: () => undefined,
    });
    // jsdom cannot navigate: the download link's click is recorded instead
    const clicks = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const book = Object.assign(fakePort([badKitas()], undefined, false), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
    renderWithTheme(<StandaloneApp language="de" open={async () => book} />);
    const upload = new File([new Uint8Array([1])], "Stadt X.xlsx", { type: XLSX_MIME });
    Object.defineProperty(upload, "arrayBuffer", { value: async () => new Uint8Array([1]).buffer });
    await act(async () => {
      fireEvent.change(screen.getByLabelText(s.uploadLabel), { target: { files: [upload] } });
    });
    await screen.findByText(/4 Zeilen/);
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    expect(screen.getByRole("button", { name: s.generate })).toBeDisabled();
    await clickWhenEnabled(s.checkReportDownload);
    expect(await screen.findByText(s.checkReportDownloaded("Stadt X-Prüfbericht.xlsx"))).toBeInTheDocument();
    // nothing was written into the user's workbook
    expect(book.written).toBeNull();

    expect(clicks).toHaveBeenCalledTimes(1);
    clicks.mockRestore();
    expect(created).toHaveLength(1);
    expect(created[0].type).toBe(XLSX_MIME);
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.readAsArrayBuffer(created[0]);
    });
    const report = await PackageWorkbook.fromBuffer(bytes, "Prüfbericht.xlsx");
    expect(await report.sheetNames()).toEqual(["Prüfbericht"]);
    const table = await report.readTable("Prüfbericht");
    expect(table.headers).toEqual(["Stufe", "Tabellenblatt", "Zelle", "Code", "Meldung"]);
    expect(table.rows[0].slice(0, 3)).toEqual(["Fehler", "Kitas", "E3"]);
    expect(String(table.rows[0][4])).toContain("k.A.");
    // no SRB store, no model in the file that is passed on
    expect(await report.readStoredModel()).toBeNull();
  });

  test("Excel: the host's way (a new workbook) under its own label; no button while nothing blocks", async () => {
    const delivered: { bytes: Uint8Array; name: string }[] = [];
    const checkReport = {
      label: s.checkReportOpen,
      deliver: async (bytes: Uint8Array, name: string) => {
        delivered.push({ bytes, name });
        return s.checkReportOpened;
      },
    };
    const { unmount } = renderWithTheme(<App port={fakePort()} language="de" checkReport={checkReport} />);
    await screen.findByText(/4 Zeilen/);
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    await waitFor(() => expect(screen.getByRole("button", { name: s.generate })).toBeEnabled());
    expect(screen.queryByRole("button", { name: s.checkReportOpen })).toBeNull();
    unmount();

    renderWithTheme(<App port={fakePort([badKitas()])} language="de" checkReport={checkReport} />);
    await screen.findByText(/4 Zeilen/);
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    const panel = screen.getByRole("tabpanel", { name: s.stepResult });
    await clickWhenEnabled(s.checkReportOpen, panel);
    expect(await within(panel).findByText(s.checkReportOpened)).toBeInTheDocument();
    expect(delivered).toHaveLength(1);
    expect(delivered[0].name).toBe(s.checkReportFileName);
    const report = await PackageWorkbook.fromBuffer(delivered[0].bytes, "Prüfbericht.xlsx");
    expect(await report.sheetNames()).toEqual(["Prüfbericht"]);
  });
});

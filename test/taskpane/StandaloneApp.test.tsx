/** @jest-environment jsdom */
import "../shims/textCoding";
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { StandaloneApp, resultFileName, XLSX_MIME } from "../../src/taskpane/components/StandaloneApp";
import type { DownloadableWorkbook } from "../../src/taskpane/host";
import { stringsFor } from "../../src/taskpane/i18n";
import { KITAS, STORED_MODEL, fakePort, NEXT_YEAR_KITAS } from "./fakePort";

import { PackageWorkbook } from "../../src/workbook/xlsx/packageWorkbook";
import { generate } from "../../src/usecase/generate";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

/** jsdom's File lacks arrayBuffer(); the upload only needs that. */
function xlsxFile(name: string, bytes: number[]): File {
  const file = new File([new Uint8Array(bytes)], name, { type: XLSX_MIME });
  Object.defineProperty(file, "arrayBuffer", { value: async () => new Uint8Array(bytes).buffer });
  return file;
}

describe("StandaloneApp", () => {
  const created: Blob[] = [];
  beforeEach(() => {
    created.length = 0;
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return `blob:srb/${created.length}`;
      },
      revokeObjectURL: () => undefined,
    });
  });

  test.each(["de", "en"] as const)("the browser tab's title is in the page's language (%s)", (language) => {
    // standalone.html's <title> is German; an English page said „Sozialraumbudget (ohne Excel)“ in its tab
    document.title = "SRB – Sozialraumbudget (ohne Excel)";
    const book: DownloadableWorkbook = Object.assign(fakePort(), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
    renderWithTheme(<StandaloneApp language={language} open={async () => book} />);
    expect(document.title).toBe(stringsFor(language).standaloneTitle);
  });

  test.each(["de", "en"] as const)(
    "the file picker speaks the page's language (%s): a button opens the hidden input, the chosen name beside it",
    async (language) => {
      const t = stringsFor(language);
      const book: DownloadableWorkbook = Object.assign(fakePort(undefined, undefined, false), {
        toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
      });
      renderWithTheme(<StandaloneApp language={language} open={async () => book} />);
      const input = screen.getByLabelText(t.uploadLabel) as HTMLInputElement;
      // the browser's own control ("Choose File", "No file chosen" in the browser's language) is not shown
      expect(input).not.toBeVisible();
      const button = screen.getByRole("button", { name: t.chooseWorkbook });
      expect(button).toHaveAccessibleDescription(t.noFileChosen);
      const opened = jest.spyOn(input, "click").mockImplementation(() => undefined);
      fireEvent.click(button);
      expect(opened).toHaveBeenCalledTimes(1);
      await act(async () => {
        fireEvent.change(input, { target: { files: [xlsxFile("Musterstadt.xlsx", [1, 2])] } });
      });
      expect(button).toHaveAccessibleDescription("Musterstadt.xlsx");
      // cleared, so that picking the same file again (after fixing it) reads it again
      expect(input.value).toBe("");
    },
  );

  test("upload → steps → generate → download of the result as .xlsx", async () => {
    const book: DownloadableWorkbook = Object.assign(fakePort(undefined, undefined, false), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
    const open = jest.fn(async () => book);
    renderWithTheme(<StandaloneApp language="de" open={open} />);
    expect(screen.getByText(s.noWorkbook)).toBeInTheDocument();

    await act(async () => {
      fireEvent.change(screen.getByLabelText(s.uploadLabel), {
        target: { files: [xlsxFile("Musterstadt.xlsx", [1, 2])] },
      });
    });
    // a progress indicator is shown while the file is read (painted before the reading starts)
    expect(screen.getByRole("status")).toHaveTextContent(s.readingWorkbook("Musterstadt.xlsx"));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(new Uint8Array((open.mock.calls[0] as unknown as [ArrayBuffer])[0])).toEqual(
      new Uint8Array([1, 2]),
    );
    expect(await screen.findByText("Geöffnet: Musterstadt.xlsx")).toBeInTheDocument();
    // how to get a PDF: the browser's print of the Ergebnis, or the command line
    expect(screen.getByText(/Drucken \(Strg\+P\) → „Als PDF speichern“.*--pdf/)).toBeInTheDocument();
    await screen.findByText(/4 Zeilen/);
    // the uploaded copy never changes: re-reading it would do nothing visible (the file picker opens an edited one)
    expect(screen.queryByRole("button", { name: s.reloadSheets })).toBeNull();

    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    const generate = screen.getByRole("button", { name: s.generate });
    await waitFor(() => expect(generate).toBeEnabled());
    fireEvent.click(generate);
    const link = await screen.findByRole("link", { name: "Ergebnis herunterladen (Musterstadt-SRB.xlsx)" });
    expect(link).toHaveAttribute("href", "blob:srb/1");
    expect(link).toHaveAttribute("download", "Musterstadt-SRB.xlsx");
    expect(created[0].type).toBe(XLSX_MIME);
    expect(created[0].size).toBe(4);
    // the download sits right under the success message, in the Ergebnis step (not above the steps)
    const success = await screen.findByText(/^Erzeugt: /);
    const actions = screen.getByTestId("generated-actions");
    expect(actions).toContainElement(link);
    expect(screen.getByRole("tabpanel", { name: s.stepResult })).toContainElement(actions);
    expect(success.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // no selectCell in standalone mode: no cell buttons
    expect(screen.queryByRole("button", { name: /in Excel auswählen/ })).toBeNull();
  });

  test("„Veröffentlichungsfassung“: a second download, a real workbook without any Kita name; the key stays here", async () => {
    const book = Object.assign(fakePort(undefined, undefined, false), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
    renderWithTheme(<StandaloneApp language="de" open={async () => book} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText(s.uploadLabel), {
        target: { files: [xlsxFile("Musterstadt.xlsx", [1, 2])] },
      });
    });
    await screen.findByText(/4 Zeilen/);
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    fireEvent.click(await screen.findByRole("checkbox", { name: s.publishLabel }));
    const generate = screen.getByRole("button", { name: s.generate });
    await waitFor(() => expect(generate).toBeEnabled());
    fireEvent.click(generate);
    const link = await screen.findByRole("link", { name: s.publicationDownload(s.publicationFileName) });
    expect(link).toHaveAttribute("download", s.publicationFileName);
    expect(
      await screen.findByText(new RegExp(s.publicationDownloadReady(s.publicationFileName).slice(0, 40))),
    ).toBeInTheDocument();
    // the working workbook got the key
    expect(book.written?.map((sheet) => sheet.name)).toContain("Codeschlüssel");
    // the second blob is a real package with the publication's sheets and none of the fake's Kita names
    const blob = created[created.length - 1];
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.readAsArrayBuffer(blob);
    });
    const publication = await PackageWorkbook.fromBuffer(bytes, s.publicationFileName);
    expect(await publication.sheetNames()).toEqual(["Hinweise", "Verteilung", "Einrichtungen"]);
    const text = JSON.stringify(await publication.readTable("Einrichtungen"));
    for (const row of KITAS.rows) expect(text).not.toContain(String(row[0]));
  });

  test("a file that cannot be opened is reported", async () => {
    const open = jest.fn(async () => {
      throw new Error("Keine gültige .xlsx-Datei.");
    });
    renderWithTheme(<StandaloneApp language="de" open={open} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText(s.uploadLabel), {
        target: { files: [xlsxFile("kaputt.xlsx", [0])] },
      });
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("kaputt.xlsx: Keine gültige .xlsx-Datei.");
    expect(screen.getByText(s.noWorkbook)).toBeInTheDocument();
  });
});

describe("StandaloneApp: next year (Fortschreibung)", () => {
  beforeEach(() => {
    Object.assign(URL, { createObjectURL: () => "blob:srb/1", revokeObjectURL: () => undefined });
  });

  /** Last year's downloaded result: the sample held as a Beschluss of 10.03.2026. */
  async function lastYear(): Promise<DownloadableWorkbook> {
    const earlier = fakePort(undefined, undefined, false);
    await generate(earlier, {
      model: STORED_MODEL,
      workbookName: "",
      fortschreibung: { adopt: { date: "2026-03-10" } },
    });
    return Object.assign(earlier, { toBuffer: async () => new Uint8Array([80, 75, 3, 4]) });
  }

  /** This year's workbook, freshly uploaded: the Kitas of 2027, no Beschluss. */
  function thisYearsWorkbook(): DownloadableWorkbook & { adoptions: unknown[] } {
    return Object.assign(fakePort([NEXT_YEAR_KITAS], undefined, false), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
  }

  /** The page with this year's file open („Kitas-2027.xlsx“); `earlier` is what the second file opens as. */
  async function openThisYear(thisYear: DownloadableWorkbook, earlier: DownloadableWorkbook): Promise<void> {
    const open = jest.fn(async (bytes: ArrayBuffer) => (new Uint8Array(bytes)[0] === 1 ? thisYear : earlier));
    renderWithTheme(<StandaloneApp language="de" open={open} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText(s.uploadLabel), {
        target: { files: [xlsxFile("Kitas-2027.xlsx", [1])] },
      });
    });
    await screen.findByText(/4 Zeilen/);
  }

  /** „Beschluss des Vorjahres übernehmen“ with the file `name`. */
  async function takeOverFrom(name: string): Promise<void> {
    await act(async () => {
      fireEvent.change(screen.getByLabelText(s.earlierChoose), { target: { files: [xlsxFile(name, [2])] } });
    });
  }

  test("last year's result file brings its Beschluss: the steps compare with it, the new file keeps it", async () => {
    const thisYear = thisYearsWorkbook();
    const earlier = await lastYear();
    await openThisYear(thisYear, earlier);
    // without the earlier file there is nothing to compare with
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    expect(screen.queryByTestId("changes-section")).toBeNull();

    await takeOverFrom("Kitas-2026-SRB.xlsx");
    expect(
      await screen.findByText(
        "Beschluss vom 10.03.2026 aus „Kitas-2026-SRB.xlsx“ übernommen: der Schritt „Ergebnis“ vergleicht damit; er steht auch in der neuen Ergebnisdatei.",
      ),
    ).toBeInTheDocument();
    expect(thisYear.adoptions).toHaveLength(1);
    await screen.findByText(/4 Zeilen/);
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    const section = await screen.findByTestId("changes-section");
    expect(within(section).getByText("Verglichen mit: Beschluss vom 10.03.2026")).toBeInTheDocument();
    expect(within(section).getByText(/1 neu, 1 entfallen, 3 geblieben/)).toBeInTheDocument();
  });

  test("damaged and unusable Beschlüsse of last year's file are said: the readable one is taken over, the others named", async () => {
    const thisYear = thisYearsWorkbook();
    const earlier = (await lastYear()) as DownloadableWorkbook & {
      adoptions: unknown[];
      damagedAdoptions: number;
    };
    // a later Beschluss with a Kita's amount typed by hand as text, and one whose text is no JSON any more
    const edited = JSON.parse(JSON.stringify(earlier.adoptions[0])) as {
      date: string;
      units: { id: string; amount: unknown }[];
    };
    edited.date = "2026-09-01";
    edited.units[0].amount = "41.100";
    earlier.adoptions.push(edited);
    earlier.damagedAdoptions = 1;
    await openThisYear(thisYear, earlier);
    await takeOverFrom("Kitas-2026-SRB.xlsx");
    expect(
      await screen.findByText(
        "Beschluss vom 10.03.2026 aus „Kitas-2026-SRB.xlsx“ übernommen: der Schritt „Ergebnis“ vergleicht damit; er steht auch in der neuen Ergebnisdatei.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent(
      `2 gespeicherte Beschlüsse in „Kitas-2026-SRB.xlsx“ sind beschädigt oder unvollständig und wurden nicht übernommen: Der gespeicherte Beschluss vom 01.09.2026: bei der Einrichtung „${edited.units[0].id}“ ist der beschlossene Betrag „41.100“ ungültig – erwartet wird ein Betrag in Euro ab 0, als Zahl ohne Tausenderpunkte (z. B. 41100.5).`,
    );
    expect(thisYear.adoptions.map((a) => (a as { date: string }).date)).toEqual(["2026-03-10"]);
  });

  test("a file whose only Beschluss is damaged says so, not „enthält keinen Beschluss“", async () => {
    const thisYear = thisYearsWorkbook();
    const damaged = Object.assign(fakePort(undefined, undefined, false), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
    damaged.damagedAdoptions = 1;
    await openThisYear(thisYear, damaged);
    await takeOverFrom("Kitas-2026-SRB.xlsx");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Ein gespeicherter Beschluss in „Kitas-2026-SRB.xlsx“ ist beschädigt oder unvollständig und wurde nicht übernommen.",
    );
    expect(thisYear.adoptions).toEqual([]);
  });

  test("a file without a Beschluss is refused with a German note and changes nothing", async () => {
    const thisYear = thisYearsWorkbook();
    const plain = Object.assign(fakePort(undefined, undefined, false), {
      toBuffer: async () => new Uint8Array([80, 75, 3, 4]),
    });
    await openThisYear(thisYear, plain);
    await takeOverFrom("Kitas.xlsx");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "„Kitas.xlsx“ enthält keinen Beschluss. Bitte die Ergebnisdatei wählen, in der die Verteilung „Als Beschluss festgehalten“ wurde.",
    );
    expect(thisYear.adoptions).toEqual([]);
  });
});

describe("resultFileName", () => {
  test("examples", () => {
    expect(resultFileName("Musterstadt.xlsx")).toBe("Musterstadt-SRB.xlsx");
    expect(resultFileName("Daten.XLSX")).toBe("Daten-SRB.xlsx");
    expect(resultFileName("daten")).toBe("daten-SRB.xlsx");
    expect(resultFileName(".xlsx")).toBe("Arbeitsmappe-SRB.xlsx");
    expect(resultFileName("Kitas.XLSM")).toBe("Kitas-SRB.xlsm");
  });
  test("last year's result opened again is counted on, like srb allocate's output, never „-SRB-SRB“", () => {
    expect(resultFileName("Musterstadt-SRB.xlsx")).toBe("Musterstadt-SRB (2).xlsx");
    expect(resultFileName("Musterstadt-SRB (2).xlsx")).toBe("Musterstadt-SRB (3).xlsx");
    // the browser's own count of a second download of the same name
    expect(resultFileName("Musterstadt-SRB (1).xlsx")).toBe("Musterstadt-SRB (2).xlsx");
    // a result written by the command line keeps its spelling
    expect(resultFileName("Kreis-srb.xlsx")).toBe("Kreis-srb (2).xlsx");
    expect(resultFileName("Kitas-SRB.xlsm")).toBe("Kitas-SRB (2).xlsm");
    expect(resultFileName("Kinder-SRBs.xlsx")).toBe("Kinder-SRBs-SRB.xlsx");
  });
});

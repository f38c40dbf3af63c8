/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen } from "@testing-library/react";
import type { DataMapping } from "../../src/engine/model";
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { suggestModel } from "../../src/engine/suggestModel";
import {
  alignedToHeaders,
  DataStep,
  headerNames,
  type DataStepProps,
} from "../../src/taskpane/components/DataStep";
import { stringsFor } from "../../src/taskpane/i18n";
import { KITAS } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");
const MAPPING: DataMapping = { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" };

function props(patch: Partial<DataStepProps> = {}): DataStepProps {
  return {
    strings: s,
    sheetNames: ["Kitas", "Notizen"],
    sheet: "Kitas",
    onSheetChange: jest.fn(),
    onReloadSheets: jest.fn(),
    onDetect: jest.fn(),
    table: KITAS,
    mapping: MAPPING,
    suggestion: MAPPING,
    onMappingChange: jest.fn(),
    busy: false,
    ...patch,
  };
}

describe("DataStep", () => {
  test("choosing a sheet and detecting the table call back", () => {
    const p = props({ table: null, mapping: null, suggestion: null });
    renderWithTheme(<DataStep {...p} />);
    fireEvent.change(screen.getByLabelText(s.sheet), { target: { value: "Notizen" } });
    expect(p.onSheetChange).toHaveBeenCalledWith("Notizen");
    fireEvent.click(screen.getByRole("button", { name: s.detectTable }));
    expect(p.onDetect).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: s.reloadSheets }));
    expect(p.onReloadSheets).toHaveBeenCalledTimes(1);
    // no mapping before a table is detected
    expect(screen.queryByLabelText(/Spalte Einrichtung/)).toBeNull();
  });

  test("the detected table is summarised and the suggested columns are preselected and marked", () => {
    renderWithTheme(<DataStep {...props()} />);
    expect(
      screen.getByText("4 Zeilen (Einrichtungen) und 5 Spalten auf „Kitas“ erkannt."),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Spalte Einrichtung (Vorschlag)")).toHaveValue("Einrichtung");
    expect(screen.getByLabelText("Spalte Sozialraum (Vorschlag)")).toHaveValue("Sozialraum");
    expect(screen.getByLabelText("Spalte Kinder (optional) (Vorschlag)")).toHaveValue("Kinder");
  });

  test("changing a column reports the new mapping; the mark goes when it differs from the suggestion", () => {
    const p = props();
    const { rerender } = renderWithTheme(<DataStep {...p} />);
    fireEvent.change(screen.getByLabelText(/^Spalte Sozialraum/), { target: { value: "SGB2" } });
    expect(p.onMappingChange).toHaveBeenCalledWith({ ...MAPPING, area: "SGB2" });
    rerender(<DataStep {...p} mapping={{ ...MAPPING, area: "SGB2" }} />);
    expect(screen.getByLabelText("Spalte Sozialraum")).toHaveValue("SGB2");
  });

  test("the optional Kinder column can be set to none", () => {
    const p = props();
    renderWithTheme(<DataStep {...p} />);
    fireEvent.change(screen.getByLabelText(/^Spalte Kinder/), { target: { value: "" } });
    expect(p.onMappingChange).toHaveBeenCalledWith({ sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" });
  });

  test("strand and Bremen columns sit in a collapsed section", () => {
    const p = props();
    renderWithTheme(<DataStep {...p} />);
    expect(screen.queryByLabelText(s.columnVerbund)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: s.moreColumns }));
    fireEvent.change(screen.getByLabelText(s.columnVerbund), { target: { value: "Migration" } });
    expect(p.onMappingChange).toHaveBeenCalledWith({ ...MAPPING, verbund: "Migration" });
  });

  test("a header row typed with a comma or letters stays as typed, is refused with a message and not applied", () => {
    // a type="number" field dropped what it could not read: in Chromium "1,5" became row 15, "abc" vanished
    const p = props({ onHeaderRowChange: jest.fn() });
    renderWithTheme(<DataStep {...p} />);
    const field = screen.getByLabelText(s.headerRow);
    for (const typed of ["1,5", "abc"]) {
      fireEvent.change(field, { target: { value: typed } });
      expect(field).toHaveValue(typed);
      expect(screen.getByText(s.headerRowInvalid)).toBeInTheDocument();
      expect(screen.getByRole("button", { name: s.headerRowApply })).toBeDisabled();
    }
    fireEvent.change(field, { target: { value: "3" } });
    expect(screen.queryByText(s.headerRowInvalid)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: s.headerRowApply }));
    expect(p.onHeaderRowChange).toHaveBeenCalledWith(3);
  });

  test("busy disables the controls; a notice is shown", () => {
    renderWithTheme(
      <DataStep {...props({ busy: true, notice: { intent: "warning", text: "Modell ungültig" } })} />,
    );
    expect(screen.getByRole("button", { name: s.detectTable })).toBeDisabled();
    expect(screen.getByLabelText(/^Spalte Einrichtung/)).toBeDisabled();
    expect(screen.getByText("Modell ungültig")).toBeInTheDocument();
  });
});

describe("headerNames", () => {
  test("keeps text and numbers, drops blanks", () => {
    expect(
      headerNames({ sheet: "Kitas", headers: ["Einrichtung", null, " ", 2024, true], rows: [] }),
    ).toEqual(["Einrichtung", "2024"]);
    expect(headerNames(null)).toEqual([]);
  });

  test("headers over two lines are listed in one line, as the suggested model names them", () => {
    const table = {
      sheet: "Kitas",
      headers: ["Name der\nEinrichtung", "Sozial-\nraum", "SGB-II-\nQuote (%)"],
      rows: [["Kita Nord", "Nord", 12.5]],
    };
    expect(headerNames(table)).toEqual(["Name der Einrichtung", "Sozialraum", "SGB-II-Quote (%)"]);
    const suggested = suggestModel(table);
    expect(headerNames(table)).toEqual(
      expect.arrayContaining([
        suggested.data.id,
        suggested.data.area,
        ...suggested.indicators.map((i) => i.column),
      ]),
    );
  });
});

describe("alignedToHeaders", () => {
  test("a model saved with line breaks or typed otherwise shows the sheet's labels; other columns stay", () => {
    const model: Model = {
      data: {
        sheet: "Kitas",
        id: "Name der\nEinrichtung",
        area: "Sozialraum",
        range: "A3:C9",
        children: "Kinder",
      },
      indicators: [{ column: "SGB-II-Quote (%)", category: "Soziale Lage", direction: 1, weight: 1 }],
      categories: [{ name: "Soziale Lage", weight: 1 }],
      options: { ...DEFAULT_OPTIONS },
      budget: { total: 1000 },
      ruleSet: "rlp",
    };
    const aligned = alignedToHeaders(model, ["Name der Einrichtung", "Sozial- raum", "SGB-II- Quote (%)"]);
    expect(aligned.data).toEqual({
      sheet: "Kitas",
      id: "Name der Einrichtung",
      area: "Sozial- raum",
      range: "A3:C9",
      children: "Kinder", // not on the sheet: stays, and the result step names it
    });
    expect(aligned.indicators[0].column).toBe("SGB-II- Quote (%)");
    expect(model.data.id).toBe("Name der\nEinrichtung"); // the given model is not changed
  });
});

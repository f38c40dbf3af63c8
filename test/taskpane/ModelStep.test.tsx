/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, within } from "@testing-library/react";
import { useState } from "react";
import { effectiveWeights } from "../../src/engine/effectiveWeights";
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { ModelStep, toggleIndicator } from "../../src/taskpane/components/ModelStep";
import { stringsFor } from "../../src/taskpane/i18n";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

// Two categories of weight 1; "Soziale Lage" has one indicator, "Flucht und Migration" two.
// Effective weights: SGB2 = 1/2 · 1/1 = 50 %; Migration and Sprache = 1/2 · 1/2 = 25 % each.
const MODEL: Model = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
  indicators: [
    { column: "SGB2", category: "Soziale Lage", direction: 1, weight: 1 },
    { column: "Migration", category: "Flucht und Migration", direction: 1, weight: 1 },
    { column: "Sprache", category: "Flucht und Migration", direction: 1, weight: 1 },
  ],
  categories: [
    { name: "Soziale Lage", weight: 1 },
    { name: "Flucht und Migration", weight: 1 },
  ],
  options: { ...DEFAULT_OPTIONS },
  budget: { total: 1000 },
};

function Harness(props: { onModel: (m: Model) => void; onValidity: jest.Mock; onSave: jest.Mock }) {
  const [model, setModel] = useState(MODEL);
  return (
    <ModelStep
      strings={s}
      language="de"
      model={model}
      candidateColumns={["SGB2", "Migration", "Sprache", "ÖPNV"]}
      effectiveWeights={effectiveWeights(model.indicators, model.categories)}
      onModelChange={(m) => {
        setModel(m);
        props.onModel(m);
      }}
      onSave={props.onSave}
      busy={false}
      onValidityChange={props.onValidity}
    />
  );
}

function setup() {
  const models: Model[] = [];
  const onValidity = jest.fn();
  const onSave = jest.fn();
  renderWithTheme(<Harness onModel={(m) => models.push(m)} onValidity={onValidity} onSave={onSave} />);
  return { last: () => models[models.length - 1], models, onValidity, onSave };
}

const effective = (column: string) =>
  within(screen.getByTestId(`indicator-${column}`)).getByText(/^Effektives Gewicht/).textContent;

describe("ModelStep", () => {
  test("shows the effective weights (1/2, 1/4, 1/4) and updates them live", () => {
    const { last } = setup();
    expect(effective("SGB2")).toBe("Effektives Gewicht: 50,00\u00a0%");
    expect(effective("Migration")).toBe("Effektives Gewicht: 25,00\u00a0%");
    // Migration weight 3 inside its category: Migration 1/2 · 3/4 = 37,5 %, Sprache 1/2 · 1/4 = 12,5 %
    fireEvent.change(screen.getByLabelText("Gewicht von „Migration“"), { target: { value: "3" } });
    expect(last().indicators[1].weight).toBe(3);
    expect(effective("Migration")).toBe("Effektives Gewicht: 37,50\u00a0%");
    expect(effective("Sprache")).toBe("Effektives Gewicht: 12,50\u00a0%");
    // category weight 3 for Soziale Lage: SGB2 = 3/4 = 75 %
    fireEvent.change(screen.getByLabelText(/^Gewicht der Kategorie „Soziale Lage“/), {
      target: { value: "3" },
    });
    expect(effective("SGB2")).toBe("Effektives Gewicht: 75,00\u00a0%");
  });

  test("category and direction per indicator", () => {
    const { last } = setup();
    fireEvent.change(screen.getByLabelText("Kategorie von „Sprache“"), { target: { value: "Soziale Lage" } });
    expect(last().indicators[2].category).toBe("Soziale Lage");
    fireEvent.change(screen.getByLabelText("Richtung von „SGB2“"), { target: { value: "-1" } });
    expect(last().indicators[0].direction).toBe(-1);
  });

  test("a column can be added and removed as an indicator", () => {
    const { last } = setup();
    const opnv = screen.getByRole("checkbox", { name: "„ÖPNV“ als Indikator verwenden" });
    expect(opnv).not.toBeChecked();
    fireEvent.click(opnv);
    expect(last().indicators.map((i) => i.column)).toEqual(["SGB2", "Migration", "Sprache", "ÖPNV"]);
    fireEvent.click(screen.getByRole("checkbox", { name: "„SGB2“ als Indikator verwenden" }));
    expect(last().indicators.map((i) => i.column)).toEqual(["Migration", "Sprache", "ÖPNV"]);
  });

  test("a bad weight is shown and reported, the model keeps the last good weight", () => {
    const { models, onValidity } = setup();
    fireEvent.change(screen.getByLabelText("Gewicht von „SGB2“"), { target: { value: "-1" } });
    expect(models).toHaveLength(0);
    expect(onValidity).toHaveBeenLastCalledWith(
      expect.stringContaining("weight"),
      "Gewicht von „SGB2“",
      "„-1“ ist keine gültige Zahl; erwartet: ein Gewicht ≥ 0, z. B. 1 oder 0,5.",
    );
    expect(screen.getByText(/„-1“ ist keine gültige Zahl/)).toBeInTheDocument();
  });

  test("saving calls back", () => {
    const { onSave } = setup();
    fireEvent.click(screen.getByRole("button", { name: s.saveModel }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  test("without a model it says what to do first", () => {
    renderWithTheme(
      <ModelStep
        strings={s}
        language="de"
        model={null}
        candidateColumns={[]}
        effectiveWeights={[]}
        onModelChange={jest.fn()}
        onSave={jest.fn()}
        busy={false}
        onValidityChange={jest.fn()}
      />,
    );
    expect(screen.getByText(s.noIndicators)).toBeInTheDocument();
  });
});

describe("toggleIndicator", () => {
  test("adds with the first category, direction +1, weight 1; removes; leaves others alone", () => {
    const added = toggleIndicator(MODEL, "ÖPNV", true);
    expect(added.indicators.at(-1)).toEqual({
      column: "ÖPNV",
      category: "Soziale Lage",
      direction: 1,
      weight: 1,
    });
    expect(toggleIndicator(added, "ÖPNV", false)).toEqual(MODEL);
    expect(toggleIndicator(MODEL, "SGB2", true)).toBe(MODEL);
    expect(toggleIndicator(MODEL, "ÖPNV", false)).toBe(MODEL);
  });
});

describe("a column of the model that the sheet lacks", () => {
  // the model names „Arbeitslosenquote“, the Landkreis's sheet spells it „Arbeitslosen-Quote“
  const spelt: Model = {
    ...MODEL,
    indicators: [
      { column: "SGB2", category: "Soziale Lage", direction: 1, weight: 1 },
      { column: "Arbeitslosenquote", category: "Soziale Lage", direction: -1, weight: 2 },
    ],
  };
  const sheet = ["Lfd. Nr.", "Einrichtung", "Sozialraum", "SGB2", "Arbeitslosen-Quote"];

  function SpeltHarness(props: { onModel: (m: Model) => void; sheetColumns?: string[] }) {
    const [model, setModel] = useState(spelt);
    return (
      <ModelStep
        strings={s}
        language="de"
        model={model}
        candidateColumns={(props.sheetColumns ?? sheet).filter(
          (c) => c !== "Einrichtung" && c !== "Sozialraum",
        )}
        sheetColumns={props.sheetColumns}
        effectiveWeights={effectiveWeights(model.indicators, model.categories)}
        onModelChange={(m) => {
          setModel(m);
          props.onModel(m);
        }}
        onSave={jest.fn()}
        busy={false}
        onValidityChange={jest.fn()}
      />
    );
  }

  test("is marked at the indicator, and one click moves it to the sheet's close header", () => {
    const models: Model[] = [];
    renderWithTheme(<SpeltHarness sheetColumns={sheet} onModel={(m) => models.push(m)} />);
    const block = within(screen.getByTestId("indicator-Arbeitslosenquote"));
    expect(
      block.getByText(
        "Die Spalte „Arbeitslosenquote“ gibt es im Datenblatt nicht – ist „Arbeitslosen-Quote“ gemeint?",
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId("indicator-SGB2")).queryByText(/gibt es im Datenblatt nicht/),
    ).toBeNull();
    fireEvent.click(block.getByRole("button", { name: "„Arbeitslosen-Quote“ verwenden" }));
    // category, direction and weight go with it
    expect(models[models.length - 1].indicators).toEqual([
      { column: "SGB2", category: "Soziale Lage", direction: 1, weight: 1 },
      { column: "Arbeitslosen-Quote", category: "Soziale Lage", direction: -1, weight: 2 },
    ]);
    expect(screen.queryByText(/gibt es im Datenblatt nicht/)).toBeNull();
  });

  test("a column the sheet writes in other capitals or spacing is found, as the check finds it", () => {
    renderWithTheme(
      <SpeltHarness
        sheetColumns={["Einrichtung", "Sozialraum", "sgb2", "ARBEITSLOSENQUOTE"]}
        onModel={() => undefined}
      />,
    );
    expect(screen.queryByText(/gibt es im Datenblatt nicht/)).toBeNull();
  });

  test("without a close header it says what to do; before the sheet is read nothing is marked", () => {
    const { unmount } = renderWithTheme(
      <SpeltHarness sheetColumns={["Einrichtung", "Sozialraum", "SGB2"]} onModel={() => undefined} />,
    );
    expect(
      screen.getByText(
        "Die Spalte „Arbeitslosenquote“ gibt es im Datenblatt nicht. Bitte die passende Spalte ankreuzen und „Arbeitslosenquote“ abwählen.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /verwenden$/ })).toBeNull();
    unmount();
    renderWithTheme(<SpeltHarness onModel={() => undefined} />);
    expect(screen.queryByText(/gibt es im Datenblatt nicht/)).toBeNull();
  });
});

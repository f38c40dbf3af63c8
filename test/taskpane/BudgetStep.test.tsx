/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { BudgetStep, derivedBudget } from "../../src/taskpane/components/BudgetStep";
import { stringsFor } from "../../src/taskpane/i18n";
import { renderWithTheme } from "./render";

// getByText collapses whitespace, so the non-breaking space of de-DE currency matches a plain space.
const s = stringsFor("de");

const MODEL: Model = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
  indicators: [{ column: "SGB2", category: "Soziale Lage", direction: 1, weight: 1 }],
  categories: [{ name: "Soziale Lage", weight: 1 }],
  options: { ...DEFAULT_OPTIONS },
  budget: { total: 1000, year: 2022 },
};

/** Holds the model like App does and exposes every change and validity report. */
function Harness(props: { onModel: (m: Model) => void; onValidity: jest.Mock; language?: "de" | "en" }) {
  const [model, setModel] = useState(MODEL);
  const language = props.language ?? "de";
  return (
    <BudgetStep
      strings={stringsFor(language)}
      language={language}
      model={model}
      onModelChange={(m) => {
        setModel(m);
        props.onModel(m);
      }}
      onValidityChange={props.onValidity}
    />
  );
}

function setup(language: "de" | "en" = "de") {
  const models: Model[] = [];
  const onValidity = jest.fn();
  renderWithTheme(<Harness onModel={(m) => models.push(m)} onValidity={onValidity} language={language} />);
  const last = () => models[models.length - 1];
  return { models, last, onValidity };
}

describe("BudgetStep", () => {
  test("the Kommune for the page header is typed here; cleared, the model names none", () => {
    const { last } = setup();
    const input = screen.getByLabelText(s.municipality);
    expect(input).toHaveValue("");
    fireEvent.change(input, { target: { value: "Kreis Beispielhausen – Jugendamt" } });
    expect(last().municipality).toBe("Kreis Beispielhausen – Jugendamt");
    expect(screen.getByText(s.municipalityHint)).toBeInTheDocument();
    fireEvent.change(input, { target: { value: "  " } });
    expect(last()).not.toHaveProperty("municipality");
    expect(last().budget).toEqual(MODEL.budget); // nothing else changed
  });

  test("a budget of 0 € (a new model) is warned about; a budget > 0 is not", () => {
    const onValidity = jest.fn();
    const first = renderWithTheme(
      <BudgetStep
        strings={s}
        language="de"
        model={{ ...MODEL, budget: { total: 0 } }}
        onModelChange={jest.fn()}
        onValidityChange={onValidity}
      />,
    );
    expect(screen.getByText(s.budgetZero)).toBeInTheDocument();
    expect(s.budgetZero).toMatch(/^Budget ist 0 €/);
    first.unmount();
    renderWithTheme(
      <BudgetStep
        strings={s}
        language="de"
        model={MODEL}
        onModelChange={jest.fn()}
        onValidityChange={onValidity}
      />,
    );
    expect(screen.queryByText(s.budgetZero)).toBeNull();
  });

  test("a German budget with thousands dots and decimal comma becomes the model's total", () => {
    const { last } = setup();
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "1.002.240,50" } });
    expect(last().budget.total).toBe(1002240.5);
    expect(screen.getByText("1.002.240,50 €")).toBeInTheDocument();
  });

  test("bad budget text is shown with what is expected, reported as invalid, and not passed on", () => {
    const { models, onValidity } = setup();
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "viel" } });
    const message = "„viel“ ist keine gültige Zahl; erwartet: ein Betrag > 0, z. B. 1.002.240,00.";
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(onValidity).toHaveBeenLastCalledWith("budget-total", s.budgetTotal, message);
    expect(models).toHaveLength(0);
    expect(screen.getByLabelText(/^Budget \(€\)/)).toHaveAttribute("aria-invalid", "true");
    // fixing it clears the error
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "2000" } });
    expect(onValidity).toHaveBeenLastCalledWith("budget-total", s.budgetTotal, null);
    expect(screen.queryByText(message)).toBeNull();
  });

  test("while a budget text is refused, the hint does not show the last good amount as if it were typed", () => {
    setup();
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "2000" } });
    expect(screen.getByText("2.000,00 €")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "20x0" } });
    expect(screen.getByText(/„20x0“ ist keine gültige Zahl/)).toBeInTheDocument();
    expect(screen.queryByText("2.000,00 €")).toBeNull();
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "3000" } });
    expect(screen.getByText("3.000,00 €")).toBeInTheDocument();
  });

  test("a budget of 0 is rejected (nothing to distribute)", () => {
    const { onValidity } = setup();
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "0" } });
    expect(onValidity).toHaveBeenLastCalledWith(
      "budget-total",
      s.budgetTotal,
      expect.stringContaining("„0“"),
    );
  });

  test("English mode: English texts, numbers typed and shown the German way", () => {
    const { models, last, onValidity } = setup("en");
    const en = stringsFor("en");
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "1.002.240,50" } });
    expect(last().budget.total).toBe(1002240.5);
    expect(screen.getByText("1.002.240,50 €")).toBeInTheDocument();
    // English digits are refused, with the German way in the hint, and not passed on
    const before = models.length;
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "1,002,240.50" } });
    const message =
      "“1,002,240.50” is not a valid number; expected: an amount > 0, e.g. 1.002.240,00 (decimal comma).";
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(onValidity).toHaveBeenLastCalledWith("budget-total", en.budgetTotal, message);
    expect(models).toHaveLength(before);
    fireEvent.change(screen.getByLabelText(/^Budget \(€\)/), { target: { value: "1.5" } });
    expect(models).toHaveLength(before);
  });

  test("Dynamisierung derives the budget: 977.794 € (2021) · 1,025 = 1.002.238,85 € for 2022", () => {
    const { last } = setup();
    fireEvent.click(screen.getByRole("checkbox", { name: s.dynamisierung }));
    fireEvent.change(screen.getByLabelText(/^Ausgangsbetrag/), { target: { value: "977.794" } });
    fireEvent.change(screen.getByLabelText(/^Basisjahr/), { target: { value: "2021" } });
    expect(last().budget.dynamisierung).toEqual({ baseAmount: 977794, baseYear: 2021, rate: 0.025 });
    expect(last().budget.total).toBe(1002238.85);
    expect(screen.getByText("Budget aus Dynamisierung: 1.002.238,85 €")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Budget \(€\)/)).toBeDisabled();
  });

  test("Dynamisierung with a year before the base year shows the engine's message", () => {
    setup();
    fireEvent.click(screen.getByRole("checkbox", { name: s.dynamisierung }));
    fireEvent.change(screen.getByLabelText(/^Basisjahr/), { target: { value: "2030" } });
    expect(screen.getByText(/Jahr 2022 liegt vor dem Ausgangsjahr 2030/)).toBeInTheDocument();
  });

  test("Kofinanzierung shares are typed in percent and stored as fractions; a sum ≠ 100 % warns", () => {
    const { last } = setup();
    fireEvent.change(screen.getByLabelText(/^Anteil Land/), { target: { value: "70" } });
    expect(last().budget.kofinanzierung).toEqual({ landShare: 0.7, municipalShare: 0.4 });
    expect(
      screen.getByText("Die Anteile Land und Jugendamt ergeben 110,0 %; erwartet: 100 %."),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Anteil Jugendamt/), { target: { value: "30" } });
    expect(screen.queryByText(/ergeben/)).toBeNull();
  });

  test("cost per VZÄ is optional and the step must be > 0", () => {
    const { last, onValidity } = setup();
    fireEvent.change(screen.getByLabelText(/^Jährliche Kosten je VZÄ/), { target: { value: "75.000" } });
    expect(last().budget.costPerVzae).toBe(75000);
    fireEvent.change(screen.getByLabelText(/^Jährliche Kosten je VZÄ/), { target: { value: "" } });
    expect(last().budget.costPerVzae).toBeUndefined();
    fireEvent.change(screen.getByLabelText(/^VZÄ abrunden/), { target: { value: "0" } });
    expect(onValidity).toHaveBeenLastCalledWith(
      "vzae-step",
      s.vzaeStep,
      expect.stringContaining("Schrittweite"),
    );
  });

  test("Stellenplan controls appear with a cost per VZÄ and change the model's rules", () => {
    const { last, onValidity } = setup();
    // without a cost per VZÄ there is no Stellenplan, so no controls for it
    expect(screen.queryByLabelText(/^VZÄ für das Nachbarschaftszentrum/)).toBeNull();
    expect(screen.queryByLabelText(s.within)).toBeNull();
    expect(screen.queryByLabelText(s.unspent)).toBeNull();

    fireEvent.change(screen.getByLabelText(/^Jährliche Kosten je VZÄ/), { target: { value: "72.000" } });
    expect(last().budget.costPerVzae).toBe(72000);
    const strand2 = screen.getByLabelText(/^VZÄ für das Nachbarschaftszentrum/);
    expect(strand2).toHaveValue("0,5"); // the default of SPEC §5
    expect(screen.getByLabelText(s.within)).toHaveValue("index");
    expect(screen.getByLabelText(s.unspent)).toHaveValue("keep");

    fireEvent.change(strand2, { target: { value: "0,75" } });
    expect(last().rules?.strand2Vzae).toBe(0.75);
    fireEvent.change(screen.getByLabelText(/^VZÄ abrunden/), { target: { value: "0,5" } });
    expect(last().budget.vzaeStep).toBe(0.5);
    fireEvent.change(screen.getByLabelText(s.within), { target: { value: "index-children" } });
    expect(last().rules?.within).toBe("index-children");
    fireEvent.change(screen.getByLabelText(s.unspent), { target: { value: "redistribute" } });
    expect(last().rules?.unspent).toBe("redistribute");
    // the earlier rule choices are kept when another changes
    expect(last().rules).toEqual(
      expect.objectContaining({ strand2Vzae: 0.75, within: "index-children", unspent: "redistribute" }),
    );

    // a bad strand-2 VZÄ says what is expected and blocks
    const before = last();
    fireEvent.change(strand2, { target: { value: "halbe" } });
    expect(onValidity).toHaveBeenLastCalledWith(
      "strand2-vzae",
      s.strand2Vzae,
      expect.stringContaining("„halbe“"),
    );
    expect(last()).toBe(before);
    // 0 VZÄ (no fixed Nachbarschaftszentrum post) is a valid choice, as in the model file
    fireEvent.change(strand2, { target: { value: "0" } });
    expect(last().rules?.strand2Vzae).toBe(0);
  });

  test("rule set Bremen brings the default Bremen rules", () => {
    const { last } = setup();
    fireEvent.click(screen.getByRole("radio", { name: s.ruleSetBremen }));
    expect(last().ruleSet).toBe("bremen");
    expect(last().bremen?.rows[0]).toEqual({ indexAbove: 50, childrenMin: 40, childrenMax: 120, vzae: 0.5 });
  });

  test("method options reach the model", () => {
    const { last } = setup();
    fireEvent.change(screen.getByLabelText(s.normalisation), { target: { value: "tscore" } });
    expect(last().options.normalisation).toBe("tscore");
    fireEvent.change(screen.getByLabelText(s.sdKind), { target: { value: "population" } });
    expect(last().options.sd).toBe("population");
    fireEvent.change(screen.getByLabelText(s.areaMethod), { target: { value: "aggregate" } });
    expect(last().options.areaMethod).toBe("aggregate");
    fireEvent.click(screen.getByRole("checkbox", { name: s.childWeighted }));
    expect(last().options.childWeighted).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: s.winsorise }));
    expect(last().options.winsorise).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: s.publication }));
    expect(last().options.publication).toBe(true);
  });

  test("coverage and Sockel: switched on with defaults, edited in percent", () => {
    const { last } = setup();
    fireEvent.click(screen.getByRole("checkbox", { name: s.coverage }));
    expect(last().options.coverage).toEqual({ unit: 0.65, indicator: 0.65, level: "warning" });
    fireEvent.change(screen.getByLabelText(/^Mindestens vorhandene Indikatoren/), {
      target: { value: "80" },
    });
    fireEvent.change(screen.getByLabelText(s.coverageLevel), { target: { value: "error" } });
    expect(last().options.coverage).toEqual({ unit: 0.8, indicator: 0.65, level: "error" });
    fireEvent.click(screen.getByRole("checkbox", { name: s.sockel }));
    fireEvent.change(screen.getByLabelText(/^Anteil des Sockels/), { target: { value: "20" } });
    fireEvent.change(screen.getByLabelText(s.sockelBy), { target: { value: "children" } });
    expect(last().options.sockel).toEqual({ fraction: 0.2, by: "children" });
  });

  test("an invalid field that disappears (option switched off) stops blocking", () => {
    const { onValidity } = setup();
    fireEvent.click(screen.getByRole("checkbox", { name: s.sockel }));
    fireEvent.change(screen.getByLabelText(/^Anteil des Sockels/), { target: { value: "150" } });
    expect(onValidity).toHaveBeenLastCalledWith(
      "sockel-fraction",
      s.sockelFraction,
      expect.stringContaining("150"),
    );
    fireEvent.click(screen.getByRole("checkbox", { name: s.sockel }));
    expect(onValidity).toHaveBeenLastCalledWith("sockel-fraction", s.sockelFraction, null);
  });
});

describe("derivedBudget", () => {
  test("Bad Kreuznach: 2 · 488.897 € = 977.794 € in 2021 → 1.002.238,85 € in 2022", () => {
    expect(
      derivedBudget({
        total: 0,
        year: 2022,
        dynamisierung: { baseAmount: 977794, baseYear: 2021, rate: 0.025 },
      }),
    ).toBe(1002238.85);
  });
  test("two years: 1.000 € · 1,025² = 1.050,625 → 1.050,63 €", () => {
    expect(
      derivedBudget({
        total: 0,
        year: 2023,
        dynamisierung: { baseAmount: 1000, baseYear: 2021, rate: 0.025 },
      }),
    ).toBe(1050.63);
  });
  test("null without Dynamisierung, without a year, or with a year before the base year", () => {
    expect(derivedBudget({ total: 5, year: 2022 })).toBeNull();
    expect(
      derivedBudget({ total: 5, dynamisierung: { baseAmount: 1, baseYear: 2021, rate: 0.025 } }),
    ).toBeNull();
    expect(
      derivedBudget({ total: 5, year: 2020, dynamisierung: { baseAmount: 1, baseYear: 2021, rate: 0.025 } }),
    ).toBeNull();
  });
});

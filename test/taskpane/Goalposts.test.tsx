/** @jest-environment jsdom */
/**
 * Fixed goalposts (SPEC.md §2.7): the switch in "Budget & Regeln" sets `options.goalposts`, the step
 * "Modell" then offers min and max of the reference year per indicator (de-DE numbers, min < max), and
 * the engine's warning `goalposts-missing` reaches the check report for an indicator without them.
 */
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import fc from "fast-check";
import { useState } from "react";
import { effectiveWeights } from "../../src/engine/effectiveWeights";
import { DEFAULT_OPTIONS, type Model } from "../../src/engine/model";
import { App } from "../../src/taskpane/App";
import { BudgetStep } from "../../src/taskpane/components/BudgetStep";
import { ModelStep, goalpostsFrom } from "../../src/taskpane/components/ModelStep";
import { stringsFor } from "../../src/taskpane/i18n";
import { fakePort } from "./fakePort";
import { renderWithTheme } from "./render";

const s = stringsFor("de");

const MODEL: Model = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum" },
  indicators: [
    { column: "SGB2", category: "Soziale Lage", direction: 1, weight: 1 },
    { column: "Saldo", category: "Soziale Lage", direction: -1, weight: 1, allowNegative: true },
  ],
  categories: [{ name: "Soziale Lage", weight: 1 }],
  options: { ...DEFAULT_OPTIONS },
  budget: { total: 1000 },
};

/** Both steps over one model, as App holds it. */
function Harness(props: { start: Model; onModel: (m: Model) => void; onValidity: jest.Mock }) {
  const [model, setModel] = useState(props.start);
  const change = (m: Model) => {
    setModel(m);
    props.onModel(m);
  };
  return (
    <>
      <BudgetStep
        strings={s}
        language="de"
        model={model}
        onModelChange={change}
        onValidityChange={props.onValidity}
      />
      <ModelStep
        strings={s}
        language="de"
        model={model}
        candidateColumns={["SGB2", "Saldo"]}
        effectiveWeights={effectiveWeights(model.indicators, model.categories)}
        onModelChange={change}
        onSave={jest.fn()}
        busy={false}
        onValidityChange={props.onValidity}
      />
    </>
  );
}

function setup(start: Model = MODEL) {
  const models: Model[] = [];
  const onValidity = jest.fn();
  renderWithTheme(<Harness start={start} onModel={(m) => models.push(m)} onValidity={onValidity} />);
  return { models, last: () => models[models.length - 1], onValidity };
}

const goalpostSwitch = () => screen.getByRole("switch", { name: s.goalposts });
const minOf = (column: string) => screen.getByRole("textbox", { name: s.goalpostMinOf(column) });
const maxOf = (column: string) => screen.getByRole("textbox", { name: s.goalpostMaxOf(column) });

describe("goalposts in Budget & Regeln and Modell", () => {
  test("the switch sets options.goalposts; only then are min and max offered per indicator", () => {
    const { last } = setup();
    expect(goalpostSwitch()).not.toBeChecked();
    expect(screen.queryByRole("textbox", { name: s.goalpostMinOf("SGB2") })).toBeNull();
    fireEvent.click(goalpostSwitch());
    expect(last().options.goalposts).toBe(true);
    expect(minOf("SGB2")).toHaveValue("");
    expect(maxOf("Saldo")).toHaveValue("");
    // without values each indicator says that the current data's min and max are used
    expect(screen.getByText(s.goalpostsMissing("SGB2"))).toBeInTheDocument();
    fireEvent.click(goalpostSwitch());
    expect(last().options.goalposts).toBe(false);
    expect(screen.queryByRole("textbox", { name: s.goalpostMinOf("SGB2") })).toBeNull();
  });

  test("de-DE numbers (thousands dot, decimal comma, negative) become the indicator's goalposts", () => {
    const { last } = setup({ ...MODEL, options: { ...MODEL.options, goalposts: true } });
    fireEvent.change(minOf("SGB2"), { target: { value: "2,5" } });
    // one field alone is no pair yet
    expect(last().indicators[0].goalposts).toBeUndefined();
    fireEvent.change(maxOf("SGB2"), { target: { value: "1.234,75" } });
    expect(last().indicators[0].goalposts).toEqual({ min: 2.5, max: 1234.75 });
    // a Saldo may have a negative goalpost
    fireEvent.change(minOf("Saldo"), { target: { value: "-12,5" } });
    fireEvent.change(maxOf("Saldo"), { target: { value: "30" } });
    expect(last().indicators[1].goalposts).toEqual({ min: -12.5, max: 30 });
    expect(screen.queryByText(s.goalpostsMissing("SGB2"))).toBeNull();
    // emptying a field removes the goalposts again (the engine then warns and uses the data)
    fireEvent.change(maxOf("SGB2"), { target: { value: "" } });
    expect(last().indicators[0].goalposts).toBeUndefined();
    expect(screen.getByText(s.goalpostsMissing("SGB2"))).toBeInTheDocument();
  });

  test("min ≥ max is shown naming both values, reported as invalid, and not passed on; fixing it clears it", () => {
    const { last, models, onValidity } = setup({
      ...MODEL,
      options: { ...MODEL.options, goalposts: true },
      indicators: [{ ...MODEL.indicators[0], goalposts: { min: 0, max: 40 } }, MODEL.indicators[1]],
    });
    expect(minOf("SGB2")).toHaveValue("0");
    expect(maxOf("SGB2")).toHaveValue("40");
    fireEvent.change(minOf("SGB2"), { target: { value: "40" } });
    const message = "Grenzwerte von „SGB2“: Min 40 ist nicht kleiner als Max 40; erwartet: Min < Max.";
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(onValidity).toHaveBeenCalledWith(
      expect.stringContaining("goalposts-order"),
      s.goalpostsOf("SGB2"),
      message,
    );
    expect(models).toHaveLength(0);
    fireEvent.change(minOf("SGB2"), { target: { value: "39,5" } });
    expect(screen.queryByText(message)).toBeNull();
    expect(onValidity).toHaveBeenLastCalledWith(
      expect.stringContaining("goalposts-order"),
      s.goalpostsOf("SGB2"),
      null,
    );
    expect(last().indicators[0].goalposts).toEqual({ min: 39.5, max: 40 });
  });

  test("text that is no number is shown with what is expected", () => {
    const { models, onValidity } = setup({ ...MODEL, options: { ...MODEL.options, goalposts: true } });
    fireEvent.change(minOf("SGB2"), { target: { value: "1,2,3" } });
    const message = "„1,2,3“ ist keine gültige Zahl; erwartet: eine Zahl, z. B. 12,5 oder -3.";
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(onValidity).toHaveBeenLastCalledWith(
      expect.stringContaining("goalposts-min"),
      s.goalpostMinOf("SGB2"),
      message,
    );
    expect(models).toHaveLength(0);
  });

  test("an invalid pair stops blocking when the option is switched off", () => {
    const { onValidity } = setup({ ...MODEL, options: { ...MODEL.options, goalposts: true } });
    fireEvent.change(minOf("SGB2"), { target: { value: "5" } });
    fireEvent.change(maxOf("SGB2"), { target: { value: "1" } });
    expect(onValidity).toHaveBeenLastCalledWith(
      expect.stringContaining("goalposts-order"),
      s.goalpostsOf("SGB2"),
      expect.stringContaining("Min 5 ist nicht kleiner als Max 1"),
    );
    const before = onValidity.mock.calls.length;
    fireEvent.click(goalpostSwitch());
    expect(onValidity.mock.calls.slice(before)).toContainEqual([
      expect.stringContaining("goalposts-order"),
      s.goalpostsOf("SGB2"),
      null,
    ]);
  });

  test("English labels, numbers typed the German way", () => {
    const en = stringsFor("en");
    const models: Model[] = [];
    function English() {
      const [model, setModel] = useState<Model>({ ...MODEL, options: { ...MODEL.options, goalposts: true } });
      return (
        <ModelStep
          strings={en}
          language="en"
          model={model}
          candidateColumns={["SGB2", "Saldo"]}
          effectiveWeights={[]}
          onModelChange={(m) => {
            setModel(m);
            models.push(m);
          }}
          onSave={jest.fn()}
          busy={false}
          onValidityChange={jest.fn()}
        />
      );
    }
    renderWithTheme(<English />);
    fireEvent.change(screen.getByRole("textbox", { name: en.goalpostMinOf("SGB2") }), {
      target: { value: "1.000,5" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: en.goalpostMaxOf("SGB2") }), {
      target: { value: "2.000" },
    });
    expect(models.at(-1)?.indicators[0].goalposts).toEqual({ min: 1000.5, max: 2000 });
    // English digits are not read
    const count = models.length;
    fireEvent.change(screen.getByRole("textbox", { name: en.goalpostMinOf("SGB2") }), {
      target: { value: "1,000.5" },
    });
    expect(models).toHaveLength(count);
    expect(screen.getByRole("textbox", { name: en.goalpostMinOf("SGB2") })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });
});

describe("goalpostsFrom", () => {
  test("a pair only when both are present and min < max", () => {
    expect(goalpostsFrom(0, 40)).toEqual({ min: 0, max: 40 });
    expect(goalpostsFrom(-5, null)).toBeNull();
    expect(goalpostsFrom(null, 3)).toBeNull();
    expect(goalpostsFrom(40, 40)).toBe("order");
    expect(goalpostsFrom(41, 40)).toBe("order");
  });

  test("property: a pair comes back exactly when both are numbers and min < max", () => {
    const n = fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null });
    fc.assert(
      fc.property(n, n, (min, max) => {
        const g = goalpostsFrom(min, max);
        if (min === null || max === null) return g === null;
        return min < max ? typeof g === "object" && g!.min === min && g!.max === max : g === "order";
      }),
    );
  });
});

describe("goalposts in the whole task pane", () => {
  test("switched on without values: the engine's warning in the check report; with values: the indices move", async () => {
    // fakePort.KITAS: SGB2 10/30/20/40 (column D), Migration 20/40/0/60 (column E), Nord = A, B; Süd = C, D.
    // With goalposts SGB2 0–50 and Migration 0–60: SGB2 → 20, 60, 40, 80; Migration → 33,33, 66,67, 0, 100.
    // Gesamtindex A (20 + 33,33)/2 = 26,67, B 63,33, C 20, D 90. Nord (26,67 + 63,33)/2 = 45,
    // Süd (20 + 90)/2 = 55; shares 45 % and 55 %, budget 1.000 € → 450,00 € and 550,00 €.
    // (Without goalposts: Nord 41,67, Süd 58,33, see App.test.tsx.)
    const port = fakePort();
    renderWithTheme(<App port={port} language="de" />);
    expect(await screen.findByText(s.storedModelLoaded)).toBeInTheDocument();
    await screen.findByText(/4 Zeilen \(Einrichtungen\)/);

    fireEvent.click(screen.getByRole("tab", { name: s.stepBudget }));
    fireEvent.click(screen.getByRole("switch", { name: s.goalposts }));
    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    const report = screen.getByRole("tabpanel", { name: s.stepResult });
    // one warning per indicator, at its header cell
    expect(within(report).getByText("Kitas!D1")).toBeInTheDocument();
    expect(within(report).getByText("Kitas!E1")).toBeInTheDocument();
    expect(
      within(report).getAllByText(/feste Grenzwerte \(Min\/Max eines Referenzjahres\) sind eingeschaltet/),
    ).toHaveLength(2);

    fireEvent.click(screen.getByRole("tab", { name: s.stepModel }));
    fireEvent.change(minOf("SGB2"), { target: { value: "0" } });
    fireEvent.change(maxOf("SGB2"), { target: { value: "50" } });
    fireEvent.change(minOf("Migration"), { target: { value: "0" } });
    fireEvent.change(maxOf("Migration"), { target: { value: "60" } });

    fireEvent.click(screen.getByRole("tab", { name: s.stepResult }));
    expect(within(report).queryByText(/feste Grenzwerte/)).toBeNull();
    const rows = within(within(report).getByRole("table", { name: s.preview })).getAllByRole("row");
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(cells(rows[1])).toEqual(["Nord", "45,0", "45,00\u00a0%", "450,00\u00a0€"]);
    expect(cells(rows[2])).toEqual(["Süd", "55,0", "55,00\u00a0%", "550,00\u00a0€"]);

    // the goalposts are saved with the model
    const generate = screen.getByRole("button", { name: s.generate });
    await waitFor(() => expect(generate).toBeEnabled());
    await act(async () => {
      fireEvent.click(generate);
    });
    await screen.findByText(/^Erzeugt: Vorlage, Verteilung/);
    const stored = port.stored as Model;
    expect(stored.options.goalposts).toBe(true);
    expect(stored.indicators.map((i) => i.goalposts)).toEqual([
      { min: 0, max: 50 },
      { min: 0, max: 60 },
    ]);
  });
});

/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import fc from "fast-check";
import { SharesChart, barLength } from "../../src/taskpane/components/SharesChart";
import { renderWithTheme } from "./render";

describe("barLength", () => {
  test("the largest share fills the width: 150 · 0,1003 / 0,1737 = 86,61", () => {
    expect(barLength(0.1737, 0.1737, 150)).toBe(150);
    expect(barLength(0.1003, 0.1737, 150)).toBeCloseTo(86.61, 2);
  });
  test("nothing for zero or no shares", () => {
    expect(barLength(0, 0.5, 150)).toBe(0);
    expect(barLength(0.2, 0, 150)).toBe(0);
  });
  test("bars keep the order of the shares and never exceed the width", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), (shares) => {
        const largest = Math.max(...shares);
        const lengths = shares.map((x) => barLength(x, largest, 150));
        return lengths.every(
          (l, i) =>
            l >= 0 &&
            l <= 150 + 1e-9 &&
            shares.every((y, j) => (shares[i] <= y ? l <= lengths[j] + 1e-9 : true)),
        );
      }),
    );
  });
});

describe("SharesChart", () => {
  test("one labelled bar per Sozialraum with its share in de-DE", () => {
    const { container } = renderWithTheme(
      <SharesChart
        title="Anteile"
        language="de"
        areas={[
          { name: "Nord", share: 0.6 },
          { name: "Süd", share: 0.4 },
        ]}
      />,
    );
    expect(screen.getByRole("img", { name: "Anteile" })).toBeInTheDocument();
    const bars = container.querySelectorAll("rect");
    expect(bars).toHaveLength(2);
    expect(Number(bars[0].getAttribute("width"))).toBe(150);
    expect(Number(bars[1].getAttribute("width"))).toBeCloseTo(100, 9);
    expect(screen.getByText("60,00 %")).toBeInTheDocument();
    expect(screen.getByText("Süd")).toBeInTheDocument();
  });
});

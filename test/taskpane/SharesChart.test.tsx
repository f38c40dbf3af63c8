/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import fc from "fast-check";
import { SharesChart, barLength, shortened } from "../../src/taskpane/components/SharesChart";
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

describe("SharesChart: long names of Sozialräume", () => {
  // jsdom lays out nothing: the browser's measurement is stood in for by 6,5 units per character
  // (about DejaVu Sans at 11 px, the font a Linux pane falls back to)
  const proto = SVGElement.prototype as unknown as { getComputedTextLength?: () => number };
  beforeEach(() => {
    proto.getComputedTextLength = function (this: SVGElement) {
      return (this.textContent ?? "").length * 6.5;
    };
  });
  afterEach(() => {
    delete proto.getComputedTextLength;
  });

  test("a name wider than the room left of its bar is shortened until it fits, never cut at the edge", () => {
    const { container } = renderWithTheme(
      <SharesChart
        title="Anteile"
        areas={[
          { name: "Thaleischweiler-Wallhalben", share: 0.2 },
          { name: "Rodalben", share: 0.1 },
        ]}
      />,
    );
    const labels = [...container.querySelectorAll("text")].map((t) => t.textContent ?? "");
    // 18 characters („Thaleischweiler-W…“, 117 units) would run 15 units past the pane's left edge
    expect(labels).toContain("Thaleischweile…");
    expect(labels.every((t) => t.length * 6.5 <= 102)).toBe(true);
    expect(labels).toContain("Rodalben");
    // the full name stays in the bar's tooltip
    expect(screen.getByText("Thaleischweiler-Wallhalben: 20,00 %")).toBeInTheDocument();
  });

  test("shortened keeps at least one character and the ellipsis", () => {
    expect(shortened("Thaleischweiler-Wallhalben", (t) => t.length <= 10)).toBe("Thaleisch…");
    expect(shortened("Nord", () => true)).toBe("Nord");
    expect(shortened("Nordstadt", () => false)).toBe("N…");
  });
});

test("a chart not laid out yet (hidden step, every width 0) keeps the names cut to 18 characters", () => {
  const proto = SVGElement.prototype as unknown as { getComputedTextLength?: () => number };
  proto.getComputedTextLength = () => 0;
  try {
    const { container } = renderWithTheme(
      <SharesChart title="Anteile" areas={[{ name: "Thaleischweiler-Wallhalben", share: 1 }]} />,
    );
    const labels = [...container.querySelectorAll("text")].map((t) => t.textContent ?? "");
    expect(labels).toContain("Thaleischweiler-W…");
  } finally {
    delete proto.getComputedTextLength;
  }
});

/** @jest-environment jsdom */
import { changeSummary } from "../../src/engine/changeSummary";
import type { Changes, UnitChange } from "../../src/engine/changes";
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import {
  ComparisonView,
  signedEuro,
  signedPoints,
  unitChangeText,
} from "../../src/taskpane/components/ComparisonView";
import { stringsFor } from "../../src/taskpane/i18n";
import { renderWithTheme } from "./render";

// Kita Lindenhof in the sample's next year: rises above the lower bound of the norm band, enters strand 1
const lindenhof: UnitChange = {
  id: "Kita Lindenhof",
  status: "geblieben",
  indexBefore: 12.5,
  indexAfter: 21.4,
  bandBefore: "unterhalb",
  bandAfter: "innerhalb",
  entered: ["sozialarbeit"],
  left: [],
  amountDelta: 21600,
  vzaeDelta: 0.5,
  area: "Südstadt",
  areaBefore: "Südstadt",
  amountBefore: 0,
  amountAfter: 21600,
  vzaeBefore: 0,
  vzaeAfter: 0.5,
  indexDelta: 8.9,
  newlyFunded: true,
};

describe("unitChangeText", () => {
  test("a change of band says that it is the Normbereich („unterhalb → innerhalb“ alone says nothing)", () => {
    // (the amount's € follows a no-break space)
    expect(unitChangeText(stringsFor("de"), lindenhof).replace(/\u00a0/g, " ")).toBe(
      "neu in Strang 1; Normbereich unterhalb → innerhalb; +21.600,00 €; +0,5 VZÄ",
    );
    expect(unitChangeText(stringsFor("en"), lindenhof)).toContain("norm band unterhalb → innerhalb");
  });
  test("English: English words, de-DE amounts and VZÄ", () => {
    expect(unitChangeText(stringsFor("en"), lindenhof).replace(/\u00a0/g, " ")).toBe(
      "new in strand 1; norm band unterhalb → innerhalb; +21.600,00 €; +0,5 VZÄ",
    );
  });
});

describe("signedEuro and signedPoints", () => {
  test("de-DE digits in both languages; the unit of points in the pane's language", () => {
    expect(signedEuro(-1234.5)).toBe("-1.234,50\u00a0€");
    expect(signedEuro(0)).toBe("0,00\u00a0€");
    expect(signedPoints(-0.0213, "de")).toBe("-2,13 Pp.");
    expect(signedPoints(0.0213, "en")).toBe("+2,13 pp");
  });
});

describe("the summary line in the pane's language", () => {
  const changes = {
    units: [
      lindenhof,
      { ...lindenhof, id: "Kita Neu", status: "neu", entered: [], indexBefore: null, areaBefore: null },
    ],
    areas: [
      {
        name: "Südstadt",
        status: "geblieben",
        shareBefore: 0.169,
        shareAfter: 0.148,
        amountBefore: 169000,
        amountAfter: 148000,
        amountDelta: -21000,
      },
    ],
  } as unknown as Changes;

  test("German as on the Veränderungen sheet; English words with de-DE numbers", () => {
    expect(changeSummary(changes, stringsFor("de").summaryWords)).toBe(
      "1 Kita neu in Förderstrang 1; 1 Kita hinzugekommen; größte Veränderung: Sozialraum Südstadt −2,1 Prozentpunkte",
    );
    expect(changeSummary(changes, stringsFor("en").summaryWords)).toBe(
      "1 Kita newly in strand 1; 1 Kita added; largest change: area Südstadt −2,1 percentage points",
    );
  });

  test("the English pane shows the English line, whatever the use case's German summary says", () => {
    const comparison = { label: "Beschluss vom 15.03.2027", summary: "deutsche Zeile", changes };
    renderWithTheme(
      <ComparisonView
        strings={stringsFor("en")}
        language="en"
        comparison={comparison}
        unitName={(id) => id}
      />,
    );
    expect(screen.getByRole("note").textContent).toBe(
      "1 Kita newly in strand 1; 1 Kita added; largest change: area Südstadt −2,1 percentage points",
    );
  });
});

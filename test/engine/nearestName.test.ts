import { nearestHeader } from "../../src/engine/nearestName";

describe("nearestHeader: the header a column name not found probably means", () => {
  test("umlauts written out, hyphens, spaces and case set aside", () => {
    expect(nearestHeader("OEPNV", ["Einrichtung", "ÖPNV"])).toBe("ÖPNV");
    expect(nearestHeader("Arbeitslosen-Quote", ["Arbeitslosenquote", "Kinder"])).toBe("Arbeitslosenquote");
    expect(nearestHeader("Anteil SGB II", ["anteil_sgb_ii"])).toBe("anteil_sgb_ii");
    expect(nearestHeader("Strasse", ["Straße"])).toBe("Straße");
  });

  test("one edit for short names, two from six letters on", () => {
    expect(nearestHeader("Kindr", ["Kinder"])).toBe("Kinder"); // one letter dropped
    expect(nearestHeader("Alleinerzihnd", ["Alleinerziehend"])).toBe("Alleinerziehend"); // two
    expect(nearestHeader("Kita", ["Kitas"])).toBe("Kitas");
    expect(nearestHeader("Kt", ["Kita"])).toBeNull(); // too short to tell
    expect(nearestHeader("Sozialraum", ["Sozialindex"])).toBeNull();
  });

  test("a tie between two different headers asks nothing; a header divided at a line break reads whole", () => {
    expect(nearestHeader("SGB IIa", ["SGB II", "SGB IIb"])).toBeNull();
    expect(nearestHeader("Sozialraum-Nr", ["Sozial-\nraum-Nr."])).toBe("Sozialraum-Nr.");
    expect(nearestHeader("Kinder", [])).toBeNull();
  });
});

import fc from "fast-check";
import { ExcelInputError } from "../../src/functions/excelErrors";
import {
  cellNumber,
  choice,
  describeValue,
  excelErrorCode,
  formatNumberDe,
  isBlank,
  optionalNumber,
  readNumberMatrix,
  readFlagVector,
  readNumberVector,
  readReasonVector,
  readTextVector,
  requiredNumber,
  spill,
} from "../../src/functions/excelInput";

function inputError(call: () => unknown): ExcelInputError {
  try {
    call();
  } catch (e) {
    if (e instanceof ExcelInputError) return e;
    throw e;
  }
  throw new Error("expected an ExcelInputError");
}

describe("blank and values", () => {
  test("null, undefined and empty text are blank; 0 is not (desktop Excel's blank is 0)", () => {
    expect([null, undefined, ""].map(isBlank)).toEqual([true, true, true]);
    expect([0, " ", false].map(isBlank)).toEqual([false, false, false]);
  });

  test("error values are recognised from CustomFunctions.Error and from { error }", () => {
    expect(excelErrorCode({ code: "#DIV/0!" })).toBe("#DIV/0!");
    expect(excelErrorCode({ error: "#N/A" })).toBe("#N/A");
    expect(excelErrorCode("#N/A")).toBeNull();
    expect(excelErrorCode({ code: 7 })).toBeNull();
  });

  test("values are described in German", () => {
    expect(describeValue("k.A.")).toBe("„k.A.“");
    expect(describeValue(true)).toBe("WAHR");
    expect(describeValue(false)).toBe("FALSCH");
    expect(describeValue({ code: "#N/A" })).toBe("Fehlerwert #N/A");
    expect(formatNumberDe(1234.5)).toBe("1.234,5");
  });
});

describe("cellNumber never coerces", () => {
  test("numbers pass, blanks are null", () => {
    expect(cellNumber(12.5, "Werte", "Zeile 1")).toBe(12.5);
    expect(cellNumber(0, "Werte", "Zeile 1")).toBe(0);
    expect(cellNumber("", "Werte", "Zeile 2")).toBeNull();
  });

  test.each([
    ["k.A.", "Werte, Zeile 5: „k.A.“ ist keine Zahl (erwartet: Zahl oder leere Zelle)."],
    ["12,5", "Werte, Zeile 5: „12,5“ ist keine Zahl (erwartet: Zahl oder leere Zelle)."],
    [true, "Werte, Zeile 5: WAHR ist keine Zahl (erwartet: Zahl oder leere Zelle)."],
    [
      { code: "#DIV/0!" },
      "Werte, Zeile 5: Fehlerwert #DIV/0! ist keine Zahl (erwartet: Zahl oder leere Zelle).",
    ],
  ])("%p is #VALUE! naming position and value", (value, message) => {
    const e = inputError(() => cellNumber(value, "Werte", "Zeile 5"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(message);
  });

  test("a non-finite number is #NUM!", () => {
    expect(inputError(() => cellNumber(Infinity, "Werte", "Zeile 1")).code).toBe("#NUM!");
  });
});

describe("ranges", () => {
  test("a column and a row keep their orientation; positions count inside the range", () => {
    expect(readNumberVector([[3], [""], [7]], "Werte")).toEqual({
      values: [3, null, 7],
      orientation: "column",
    });
    expect(readNumberVector([[3, 5]], "Werte")).toEqual({ values: [3, 5], orientation: "row" });
    expect(readNumberVector(4, "Werte")).toEqual({ values: [4], orientation: "column" });
    expect(inputError(() => readNumberVector([[1], [2], [3], [4], ["k.A."]], "Werte")).message).toMatch(
      /^Werte, Zeile 5: „k.A.“/,
    );
    expect(inputError(() => readNumberVector([[1, "x"]], "Werte")).message).toMatch(/^Werte, Spalte 2: „x“/);
  });

  test("a block is refused where a column is expected", () => {
    const e = inputError(() =>
      readNumberVector(
        [
          [1, 2],
          [3, 4],
        ],
        "Werte",
      ),
    );
    expect(e.message).toBe("Werte: erwartet eine Spalte oder eine Zeile, erhalten 2 Zeilen × 2 Spalten.");
  });

  test("an empty array is refused", () => {
    expect(inputError(() => readNumberVector([], "Werte")).code).toBe("#VALUE!");
    expect(inputError(() => readNumberMatrix([[]], "Werte")).code).toBe("#VALUE!");
  });

  test("a block is read row by row, short rows padded, positions with row and column", () => {
    expect(readNumberMatrix([[80, ""], [20]], "Punktzahlen")).toEqual([
      [80, null],
      [20, null],
    ]);
    expect(
      inputError(() =>
        readNumberMatrix(
          [
            [1, 2],
            [3, "k.A."],
          ],
          "Punktzahlen",
        ),
      ).message,
    ).toMatch(/^Punktzahlen, Zeile 2, Spalte 2: „k.A.“/);
  });

  test("texts: trimmed, blank → null, numbers as text, booleans refused", () => {
    expect(readTextVector([[" Nord "], [""], [3]], "Sozialräume")).toEqual({
      values: ["Nord", null, "3"],
      orientation: "column",
    });
    expect(inputError(() => readTextVector([["a"], [false]], "Sozialräume")).message).toBe(
      "Sozialräume, Zeile 2: FALSCH ist kein Text.",
    );
  });

  test("flags: the check's Ja/Nein rule, blank → null, a row stays a row", () => {
    expect(
      readFlagVector(
        [[true], ["x"], [""], [" Nein "], [0], [1], ["J"], ["falsch"], [null], ["   "]],
        "Markierungen",
      ),
    ).toEqual({
      values: [true, true, null, false, false, true, true, false, null, null],
      orientation: "column",
    });
    expect(readFlagVector([["ja", false, "WAHR"]], "Markierungen")).toEqual({
      values: [true, false, true],
      orientation: "row",
    });
    // a single value (a one-cell reference arrives as a value in some hosts)
    expect(readFlagVector("x", "Markierung")).toEqual({ values: [true], orientation: "column" });
  });

  test("flags: anything else names position and value, never coerced", () => {
    expect(inputError(() => readFlagVector([["x"], ["vielleicht"]], "Markierungen")).message).toBe(
      "Markierungen, Zeile 2: „vielleicht“ ist keine Ja/Nein-Angabe " +
        "(erwartet: WAHR/FALSCH, 1/0, „x“, „ja“/„nein“ oder eine leere Zelle = nein).",
    );
    expect(inputError(() => readFlagVector([[1, 2]], "Markierungen")).message).toMatch(
      /^Markierungen, Spalte 2: 2 ist keine Ja\/Nein-Angabe/,
    );
    // "1" typed as text is not the number 1 (the check refuses it too)
    expect(inputError(() => readFlagVector([["1"]], "Markierungen")).message).toMatch(
      /^Markierungen, Zeile 1: „1“/,
    );
    expect(inputError(() => readFlagVector([[{ error: "#N/A" }]], "Markierungen")).message).toMatch(
      /^Markierungen, Zeile 1: Fehlerwert #N\/A ist keine Ja\/Nein-Angabe/,
    );
    expect(
      inputError(() =>
        readFlagVector(
          [
            ["x", "x"],
            ["", ""],
          ],
          "Markierungen",
        ),
      ).message,
    ).toBe("Markierungen: erwartet eine Spalte oder eine Zeile, erhalten 2 Zeilen × 2 Spalten.");
  });

  test("reasons: like texts, but 0 (desktop Excel's blank cell) is no reason", () => {
    expect(readReasonVector([[" Inklusion "], [0], [""], [2024], [null]], "Begründung")).toEqual({
      values: ["Inklusion", null, null, "2024", null],
      orientation: "column",
    });
    expect(readReasonVector([["a", 0]], "Begründung")).toEqual({ values: ["a", null], orientation: "row" });
    expect(inputError(() => readReasonVector([["a"], [true]], "Begründung")).message).toBe(
      "Begründung, Zeile 2: WAHR ist kein Text.",
    );
  });
});

describe("single arguments", () => {
  test("required and optional numbers; optional arrives as null", () => {
    expect(requiredNumber(1002240, "Budget")).toBe(1002240);
    expect(requiredNumber([[5]], "Budget")).toBe(5);
    expect(inputError(() => requiredNumber(null, "Budget")).message).toBe(
      "Budget: leer (erwartet: eine Zahl).",
    );
    expect(inputError(() => requiredNumber("1.000", "Budget")).message).toBe(
      "Budget: „1.000“ ist keine Zahl.",
    );
    expect(inputError(() => requiredNumber([[1, 2]], "Budget")).code).toBe("#VALUE!");
    expect(optionalNumber(null, "Rate")).toBeNull();
    expect(optionalNumber(0.025, "Rate")).toBe(0.025);
  });

  test("choices are case-insensitive and list the allowed words when wrong", () => {
    const words = { stichprobe: "sample", grundgesamtheit: "population" };
    expect(choice(" STICHPROBE ", "Standardabweichung", words, "sample")).toBe("sample");
    expect(choice("Grundgesamtheit", "Standardabweichung", words, "sample")).toBe("population");
    expect(choice(null, "Standardabweichung", words, "sample")).toBe("sample");
    expect(choice(-1, "Richtung", { "1": 1, "-1": -1 }, 1)).toBe(-1);
    expect(inputError(() => choice("n", "Standardabweichung", words, "sample")).message).toBe(
      "Standardabweichung: „n“ ist nicht erlaubt (erwartet: „stichprobe“, „grundgesamtheit“).",
    );
  });
});

describe("spill", () => {
  test("null becomes an empty text, never 0; orientation follows the input", () => {
    expect(spill([50, null, 100], "column")).toEqual([[50], [""], [100]]);
    expect(spill([1, 2], "row")).toEqual([[1, 2]]);
  });

  test("property: reading a spilled column gives back the values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }), {
          minLength: 1,
        }),
        (values) => {
          const normalised = values.map((v) => (Object.is(v, -0) ? 0 : v));
          expect(readNumberVector(spill(normalised, "column"), "Werte").values).toEqual(normalised);
        },
      ),
    );
  });
});

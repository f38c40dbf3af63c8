import { SrbUsageError } from "../../src/engine/issues";
import { ExcelInputError, excelGuard, toExcelError } from "../../src/functions/excelErrors";
import { ShimError, catchExcelError, installCustomFunctionsShim } from "./customFunctionsShim";

beforeAll(() => installCustomFunctionsShim());

describe("toExcelError", () => {
  test("an input error keeps its code and its German message for #VALUE! and #N/A", () => {
    const e = toExcelError(new ExcelInputError("#VALUE!", "Werte, Zeile 5: „k.A.“ ist keine Zahl."));
    expect(e).toBeInstanceOf(ShimError);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("Werte, Zeile 5: „k.A.“ ist keine Zahl.");
    expect(toExcelError(new ExcelInputError("#N/A", "keine Zahl")).message).toBe("keine Zahl");
  });

  test("#DIV/0! and #NUM! carry no message (Excel would not show it)", () => {
    const div = toExcelError(new ExcelInputError("#DIV/0!", "konstant"));
    expect(div.code).toBe("#DIV/0!");
    expect(div.message).toBeUndefined();
    expect(toExcelError(new ExcelInputError("#NUM!", "negativ")).message).toBeUndefined();
  });

  test("an engine usage error becomes #VALUE! with its message; unknown failures are reported as internal", () => {
    expect(toExcelError(new SrbUsageError("weights differ")).code).toBe("#VALUE!");
    const internal = toExcelError(new TypeError("x is undefined"));
    expect(internal.code).toBe("#VALUE!");
    expect(internal.message).toBe("Interner Fehler: x is undefined");
    expect(toExcelError("kaputt").message).toBe("Interner Fehler: kaputt");
  });

  test("an existing CustomFunctions.Error passes through unchanged", () => {
    const original = new CustomFunctions.Error("#N/A" as CustomFunctions.ErrorCode, "schon da");
    expect(toExcelError(original)).toBe(original);
  });
});

describe("excelGuard", () => {
  test("returns the body's value and throws the mapped error", () => {
    expect(excelGuard(() => 1 / 4)).toBe(0.25);
    const e = catchExcelError(() =>
      excelGuard(() => {
        throw new ExcelInputError("#NUM!", "Budget negativ");
      }),
    );
    expect(e.code).toBe("#NUM!");
  });
});

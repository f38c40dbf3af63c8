/**
 * A small stand-in for the `CustomFunctions` global that Excel provides: `Error` (code + message),
 * `ErrorCode` and a recording `associate`. Install it before calling a function; `catchExcelError` runs a
 * function and returns the error it threw (failing the test if it threw none or something else).
 */

export class ShimError {
  readonly code: string;
  readonly message?: string;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message;
  }
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

/** Puts the shim on `globalThis.CustomFunctions`; returns the recorded associations. */
export function installCustomFunctionsShim(): Map<string, unknown> {
  const associated = new Map<string, unknown>();
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: ShimError,
    ErrorCode: ERROR_CODES,
    associate: (id: string, fn: unknown) => associated.set(id, fn),
  };
  return associated;
}

/** Runs `call`, expects a thrown CustomFunctions.Error and returns it. */
export function catchExcelError(call: () => unknown): ShimError {
  try {
    call();
  } catch (thrown) {
    if (thrown instanceof ShimError) return thrown;
    throw new Error(`expected a CustomFunctions.Error, got ${String(thrown)}`);
  }
  throw new Error("expected a CustomFunctions.Error, but the function returned a value");
}

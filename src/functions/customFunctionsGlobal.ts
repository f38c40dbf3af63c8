/**
 * The `CustomFunctions` global as the bundles see it. webpack's ProvidePlugin (webpack.config.js) replaces
 * every free use of `CustomFunctions` in the add-in's code — including the `CustomFunctions.associate(…)`
 * calls that custom-functions-metadata-plugin appends to functions.ts — by this module's export.
 *
 * Inside Excel it is Office's own object. Where there is none — taskpane.html opened in a plain browser,
 * or loaded by manifest-taskpane.xml in a host without the custom-functions runtime — it is a stand-in
 * that registers nothing, so the page no longer stops with
 * `ReferenceError: CustomFunctions is not defined` (issue 10, item 13).
 *
 * @example
 * customFunctions.associate("SHARE", share); // in a plain browser: does nothing
 */

/** A custom-function error outside Excel: the same shape as `CustomFunctions.Error` (code + message). */
class StandInError {
  readonly code: string;
  readonly message?: string;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message;
  }
}

const standIn = {
  associate: (): void => undefined,
  Error: StandInError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
};

/**
 * Office's `CustomFunctions` when the runtime provides it, else the stand-in. Read once, when the bundle
 * starts: office.js is loaded before the bundles (taskpane.html), so it is there by then.
 */
export const customFunctions: typeof CustomFunctions =
  (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions ??
  (standIn as unknown as typeof CustomFunctions);

/** True when Office's custom-functions runtime is present (false in a plain browser). */
export const hasCustomFunctionsRuntime = customFunctions !== (standIn as unknown);

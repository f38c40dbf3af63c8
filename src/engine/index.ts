/**
 * The engine's public API (pure TypeScript, no I/O): everything the CLI, the workbook adapters, the custom
 * functions and the task pane use. Private helpers stay out of this barrel.
 *
 * @example
 * import { runAllocation, toResultsJson } from "./engine";
 */
export * from "./allocation";
export * from "./apportionCents";
export * from "./areaIndex";
export * from "./allocate";
export * from "./bremenRules";
export * from "./categoryIndices";
export * from "./categoryWeightRuns";
export * from "./check";
export * from "./dataset";
export * from "./dynamisierung";
export * from "./effectiveWeights";
export * from "./gesamtindex";
export * from "./germanFormat";
export * from "./issues";
export * from "./kofinanzierung";
export * from "./landFormula";
export * from "./messages";
export * from "./model";
export * from "./modelFile";
export * from "./normBand";
export * from "./resolveModel";
export * from "./results";
export * from "./robustness";
export * from "./share";
export * from "./standardScore";
export * from "./strands";
export * from "./suggestModel";
export * from "./table";
export * from "./unitCodes";
export * from "./unitScores";
export * from "./vzae";
export * from "./weightedMean";
export * from "./winsorise";

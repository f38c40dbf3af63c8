/**
 * The fuzz harness evaluates per-area formulas as Excel does (fuzzHarness.ts › meetsCriterion), so that a
 * writer going back to SUMIF/COUNTIF fails the fuzz on a Sozialraum named "Nord*" or "<Süd". This pins the
 * criterion semantics the harness relies on: wildcards, the ~ escape, comparisons, case ignored.
 */
import { meetsCriterion } from "./fuzzHarness";

test.each([
  ["Nord", "Nord*", true],
  ["Nordost", "Nord*", true],
  ["Nord", "N?rd", true],
  ["Nord", "*", true],
  ["Nord*", "Nord~*", true],
  ["Nord", "Nord~*", false],
  ["Nord~", "Nord~", true],
  ["Ost", "<Süd", true],
  ["Süd", ">Süd", false],
  ["Nord", "=Nord", true],
  ["nord", "Nord", true],
  ["Süd", "<>Nord", true],
  ["Nord", "<>Nord", false],
  [5, "<6", true],
  [5, "5", true],
  ["Mitte", "Nord", false],
] as const)("SUMIF reads a cell %p against the criterion %p as %p", (value, criterion, expected) => {
  expect(meetsCriterion(value, criterion)).toBe(expected);
});

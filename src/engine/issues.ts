/**
 * Issues: what the check and the engine report instead of throwing. Data problems are values
 * (one list, every problem in one pass); only misuse of the API throws.
 */

import type { IssueCode } from "./messages";

export type IssueLevel = "error" | "warning";

export interface Issue {
  level: IssueLevel;
  /** Stable machine-readable code, e.g. "text-in-number" (see docs/bad-inputs.md). */
  code: IssueCode;
  /** Sheet the problem is on ("" when it is not about a sheet, e.g. a model problem). */
  sheet: string;
  /** A1 address on that sheet ("" when the problem has no single cell). */
  cell: string;
  /** German message for the user: names the value and what was expected. */
  message: string;
}

export function hasBlockingErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.level === "error");
}

/** Thrown only for misuse (a caller bug), never for bad user data. */
export class SrbUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SrbUsageError";
  }
}

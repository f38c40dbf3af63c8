/**
 * The command line's part of the Fortschreibung (SPEC.md §5a, §8): `--adopt`, `--adopt-date`,
 * `--carry-forward`, `--compare`. The steps themselves run in the one use case (src/usecase/generate.ts,
 * src/usecase/fortschreibung.ts); this file only turns the options and the `--compare` file into its request.
 */
import type { Allocation } from "../engine/allocation";
import type { FortschreibungRequest } from "../usecase/fortschreibung";
import { messages } from "../engine/messages";
import { previewStored } from "../usecase/generate";
import type { WorkbookPort } from "../workbook/port";
import type { AllocateOptions } from "./args";
import { comparisonBasisOf, type ComparisonFile } from "./compareFile";

/**
 * The Fortschreibung request of a CLI run. Throws `FileProblem` for an unusable `--compare` file.
 *
 * @param comparison the `--compare` file as `openComparison` read it, null without `--compare`
 * @example const fortschreibung = await cliFortschreibungRequest(options, new Date(), null);
 */
export async function cliFortschreibungRequest(
  options: AllocateOptions,
  today: Date,
  comparison: ComparisonFile | null,
): Promise<FortschreibungRequest> {
  const compareWith = comparison ? await comparisonBasisOf(comparison, computeEarlier) : null;
  const adopt = options.adopt ? { date: options.adoptDate ?? isoDay(today) } : null;
  return { adopt, carryForward: options.carryForward === true, compareWith };
}

/** `YYYY-MM-DD` of a date in local time (the day of the run). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An earlier workbook without an adoption: its stored model over its data sheet, or why not (German). */
async function computeEarlier(workbook: WorkbookPort, name: string): Promise<Allocation | string> {
  const earlier = await previewStored(workbook, name);
  return typeof earlier === "string" ? earlier : (earlier.allocation ?? messages.earlierDataBlocked());
}

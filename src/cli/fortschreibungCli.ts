/**
 * The command line's part of the Fortschreibung (SPEC.md §5a, §8): `--adopt`, `--adopt-date`,
 * `--carry-forward`, `--compare`. The steps themselves are src/usecase/fortschreibung.ts; this file reads
 * what the command line needs (the workbook's stored adoptions, the `--compare` file, an earlier workbook's
 * own computation) and computes the run's allocation the Fortschreibung way.
 */
import { indicatorRanges, type Goalposts } from "../engine/adoption";
import { allocate, runAllocation } from "../engine/allocate";
import type { Allocation } from "../engine/allocation";
import { carriedAllocation } from "../engine/carryForward";
import { sideOfAdoption } from "../engine/changes";
import { checkTable } from "../engine/check";
import { goalpostDefaults } from "../engine/goalpostDefaults";
import { hasBlockingErrors, type Issue } from "../engine/issues";
import type { Model } from "../engine/model";
import { parseModel } from "../engine/modelFile";
import { allocateWithNewlyFunded } from "../engine/newlyFunded";
import type { RawTable } from "../engine/table";
import { planFortschreibung, storedAdoptions, type FortschreibungPlan } from "../usecase/fortschreibung";
import type { WorkbookPort } from "../workbook/port";
import { sameSheetName } from "../workbook/sheetNames";
import type { AllocateOptions } from "./args";
import { comparisonBasisFromFile } from "./compareFile";

/**
 * The Fortschreibung plan of a CLI run: the workbook's stored adoptions, the `--compare` basis, the
 * reference. Throws `FileProblem` for an unusable `--compare` file.
 *
 * @example const plan = await cliFortschreibungPlan(options, workbook, new Date());
 */
export async function cliFortschreibungPlan(
  options: AllocateOptions,
  workbook: WorkbookPort,
  today: Date,
): Promise<FortschreibungPlan> {
  const stored = storedAdoptions((await workbook.readStoredAdoptions?.()) ?? []);
  const compareWith = options.compare ? await comparisonBasisFromFile(options.compare, computeEarlier) : null;
  const adopt = options.adopt ? { date: options.adoptDate ?? isoDay(today) } : null;
  return planFortschreibung(stored, { adopt, carryForward: options.carryForward === true, compareWith });
}

/** `YYYY-MM-DD` of a date in local time (the day of the run). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An earlier workbook without an adoption: its stored model over its data sheet, or why not (German). */
async function computeEarlier(workbook: WorkbookPort, name: string): Promise<Allocation | string> {
  const json = await workbook.readStoredModel();
  if (json === null || json === undefined) return `„${name}“ enthält kein gespeichertes SRB-Modell.`;
  const parsed = parseModel(json);
  if (parsed.model === null) return "ihr gespeichertes Modell ist fehlerhaft.";
  const names = await workbook.sheetNames();
  const wanted = parsed.model.data.sheet?.trim();
  const sheet = wanted ? (names.find((n) => sameSheetName(n, wanted)) ?? null) : (names[0] ?? null);
  if (sheet === null) return `das Datenblatt „${wanted ?? ""}“ fehlt.`;
  const run = runAllocation(
    { ...parsed.model, data: { ...parsed.model.data, sheet } },
    await workbook.readTable(sheet),
  );
  return run.allocation ?? "ihre Daten enthalten blockierende Fehler.";
}

/** The run's allocation computed the Fortschreibung way, with what the Methode sheet and an adoption need. */
export interface FortschreibungComputation {
  /** null when there are blocking errors (then `issues` has them). */
  allocation: Allocation | null;
  issues: Issue[];
  /** The model used (the adopted year's goalposts filled in). */
  model: Model;
  /** Indicators whose goalposts came from the reference. */
  filled: string[];
  /** The goalposts of this computation (an adoption records them). */
  goalposts: Record<string, Goalposts>;
  carriedForward: boolean;
}

/**
 * Compute the run: carried forward by the reference's shares (nothing recomputed, the data sheet not
 * checked), or checked and computed with the reference year's goalposts as the default and Bremen's
 * "neu gefördert" derived from the reference.
 *
 * @example const run = fortschreibungAllocation(plan, model, table);
 */
export function fortschreibungAllocation(
  plan: FortschreibungPlan,
  model: Model,
  table: RawTable,
): FortschreibungComputation {
  const reference = plan.reference;
  if (plan.request.carryForward && reference) {
    const allocation = carriedAllocation(reference, model.budget.total);
    return {
      allocation: hasBlockingErrors(allocation.issues) ? null : allocation,
      issues: [...allocation.issues],
      model,
      filled: [],
      goalposts: { ...reference.goalposts },
      carriedForward: true,
    };
  }
  const { model: used, filled } = goalpostDefaults(model, reference?.goalposts ?? {});
  const checked = checkTable(used, table);
  if (checked.dataset === null)
    return {
      allocation: null,
      issues: checked.issues,
      model: used,
      filled,
      goalposts: {},
      carriedForward: false,
    };
  const allocation = reference
    ? allocateWithNewlyFunded(used, checked.dataset, sideOfAdoption(reference))
    : allocate(used, checked.dataset);
  const issues = [...checked.issues, ...allocation.issues];
  return {
    allocation: hasBlockingErrors(allocation.issues) ? null : allocation,
    issues,
    model: used,
    filled,
    goalposts: indicatorRanges(allocation.model, checked.dataset),
    carriedForward: false,
  };
}

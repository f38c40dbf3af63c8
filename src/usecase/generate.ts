/**
 * The one way from a workbook to SRB's sheets, for the command line and the task pane alike:
 *
 *   model (given, or stored in the workbook) → resolveModel → find the data sheet → read it and locate the
 *   table on it (`readDataTable` with the model's `data.headerRow` and columns) → checkTable →
 *   allocate (or, Fortschreibung SPEC §5a, carry the adopted shares forward; goalposts and Bremen's "neu
 *   gefördert" from the adopted year) → optional robustness → generated sheets (the Vorlage for the committee,
 *   publication codes, audit data, Veränderungen and Beschlüsse) → write them and store the model and the adoptions.
 *
 * Each engine stage has its one caller here. The CLI adds only argument parsing, files and results.json;
 * the task pane adds only progress and its state. `preview` is the same path without reading or writing
 * (the task pane's live result while the user edits the model).
 */
import packageJson from "../../package.json";
import { indicatorRanges, type Adoption, type Goalposts } from "../engine/adoption";
import type { Allocation } from "../engine/allocation";
import { allocate } from "../engine/allocate";
import { carriedRosterIssues } from "../engine/carriedRoster";
import { carriedAllocation } from "../engine/carryForward";
import { sideOfAdoption } from "../engine/changes";
import { checkTable } from "../engine/check";
import { adoptionOfResultsJson } from "../engine/earlierResults";
import type { Dataset } from "../engine/dataset";
import { formatDate } from "../engine/germanFormat";
import { goalpostDefaults } from "../engine/goalpostDefaults";
import { hasBlockingErrors, SrbUsageError, type Issue } from "../engine/issues";
import { messages } from "../engine/messages";
import { allocateWithNewlyFunded } from "../engine/newlyFunded";
import type { Model, ResolvedModel } from "../engine/model";
import { serializeModel } from "../engine/modelFile";
import { resolveModel, type ResolveModelResult } from "../engine/resolveModel";
import { robustness as analyseRobustness, type Robustness } from "../engine/robustness";
import type { RawTable } from "../engine/table";
import { describeLocation, locationHints, locationIssues } from "../engine/tableLocation";
import { overriddenPlan, readStrandOverrides, type StrandOverridesRead } from "../engine/strandOverrides";
import { DEFAULT_VZAE_STEP } from "../engine/vzae";
import { allocationSheets, SHEET_NAMES } from "../workbook/allocationSheets";
import { inputChecksum } from "../workbook/checksum";
import {
  NO_STORED_ADOPTIONS,
  type SheetSpec,
  type StoredAdoptionRecords,
  type WorkbookPort,
  type WriteReport,
} from "../workbook/port";
import { readDataTable } from "../workbook/dataTable";
import { withPageTitle } from "../workbook/printLayout";
import { robustnessSheet } from "../workbook/robustnessSheet";
import { vorlageSheet } from "../workbook/vorlageSheet";
import { carriedForwardNote } from "../workbook/fortschreibungNotes";
import { publicationOf, type Publication } from "../engine/publication";
import { codeKeySheet, publicationSheets } from "../workbook/publicationSheets";
import { findSheet } from "../workbook/sheetNames";
import {
  fortschreibungOutcome,
  fortschreibungSheets,
  planFortschreibung,
  storedAdoptions,
  type FortschreibungOutcome,
  type FortschreibungPlan,
  type FortschreibungRequest,
  type StoredAdoptions,
} from "./fortschreibung";

/** Monte-Carlo draws of the robustness analysis (README „Robustheit“: 1.000 Zufallsgewichtungen). */
export const ROBUSTNESS_RUNS = 1000;
/** Fixed seed: the same workbook gives the same robustness result on every run and every machine. */
export const ROBUSTNESS_SEED = 1;

/** The result of checking and computing, before anything is written. */
export interface Preview {
  /** The checked model (every default filled in, the data sheet found); null when the model is invalid. */
  model: ResolvedModel | null;
  /** The model as given (defaults of the file format, extra fields kept): what is stored in the workbook. */
  file: Model | null;
  dataset: Dataset | null;
  /** null when an issue is an error. */
  allocation: Allocation | null;
  /** Every issue once: the model's, the sheet's, the computation's. */
  issues: Issue[];
  /** The budget as far as the model tells it (0 when it cannot), for results.json of a blocked run. */
  budget: number;
  /** The Fortschreibung of this run (its plan, the goalposts used), when the workbook was asked for one. */
  fortschreibung?: FortschreibungRun;
}

/** How a run relates to the adopted allocations: the plan and what the computation took from it. */
export interface FortschreibungRun {
  plan: FortschreibungPlan;
  /** Indicators whose goalposts came from the adopted year. */
  filled: string[];
  /** The goalposts of this computation (an adoption records them). */
  goalposts: Record<string, Goalposts>;
  /** Distributed by the adopted shares, nothing recomputed. */
  carriedForward: boolean;
  /** The basis carried forward when it is not the plan's reference (an earlier results.json). */
  carriedFrom?: Adoption | null;
}

/**
 * Checks the model and the sheet and computes the allocation; writes nothing, never throws on bad input.
 *
 * @example
 * const p = preview(modelJson, table);
 * p.allocation?.areas[0].amount; // => 169747.24
 * p.issues.filter((i) => i.level === "error"); // => [] when the allocation was made
 */
export function preview(modelJson: unknown, table: RawTable): Preview {
  return previewOf(resolveModel(modelJson), modelJson, table);
}

/**
 * The preview of a workbook that may hold adopted allocations (the task pane's live result): the same as
 * `preview`, with the Fortschreibung planned from the stored adoptions as `generate` plans it — the adopted
 * year's goalposts as the default, Bremen's "neu gefördert", or the adopted shares carried forward.
 *
 * @param stored the workbook's stored adoptions as read (`port.readStoredAdoptions()`): the damaged ones are a
 *   warning among the preview's issues
 * @param request carry forward or not (adopting is `generate`'s)
 * @example previewWithAdoptions(modelJson, table, await port.readStoredAdoptions()).fortschreibung?.plan.reference?.date;
 * // => "2027-03-15"
 */
export function previewWithAdoptions(
  modelJson: unknown,
  table: RawTable,
  stored: StoredAdoptionRecords,
  request: FortschreibungRequest = {},
): Preview {
  const plan = planFortschreibung(storedAdoptions(stored.adoptions, stored.damaged), request);
  return previewOf(resolveModel(modelJson), modelJson, table, plan);
}

function previewOf(
  resolved: ResolveModelResult,
  modelJson: unknown,
  table: RawTable,
  plan: FortschreibungPlan | null = null,
): Preview {
  const issues = [...resolved.issues, ...(plan ? [...plan.stored.issues, ...plan.issues] : [])];
  const budget = budgetOf(modelJson);
  if (resolved.model === null) return { ...blank(resolved.file, budget), issues };
  const given: ResolvedModel = { ...resolved.model, data: { ...resolved.model.data, sheet: table.sheet } };
  if (hasBlockingErrors(issues)) return { ...blank(resolved.file, given.budget.total), model: given, issues };
  const reference = plan?.reference ?? null;
  const basis = plan?.request.carryForward === true ? carryBasis(plan, given, issues) : null;
  if (plan?.request.carryForward === true && basis === null)
    return { ...blank(resolved.file, given.budget.total), model: given, issues };
  if (plan !== null && basis !== null) {
    // carried forward: the adopted shares, nothing recomputed, the data sheet's values not checked …
    // the new year's budget, cost per VZÄ, step and Kofinanzierung are this run's; method and rules adopted
    const allocation = carriedAllocation(basis, given.budget.total, given.budget);
    issues.push(...allocation.issues);
    // … but the Kitas on it are compared with the adopted ones: a closed or a new Kita is said
    issues.push(...carriedRosterIssues(basis, table, given.data.id));
    return {
      model: given,
      file: resolved.file,
      dataset: null,
      allocation: hasBlockingErrors(allocation.issues) ? null : allocation,
      issues,
      budget: given.budget.total,
      fortschreibung: {
        plan,
        filled: [],
        goalposts: { ...basis.goalposts },
        carriedForward: true,
        carriedFrom: basis === reference ? null : basis,
      },
    };
  }
  // with an adoption: its year's goalposts are the default, Bremen's "neu gefördert" follows from it
  const { model, filled } = goalpostDefaults(given, reference?.goalposts ?? {});
  const checked = checkTable(model, table);
  // where the table was found: rows below its end and hidden rows are noted before the cells' issues
  if (table.location) issues.push(...locationIssues(table.location));
  issues.push(...checked.issues);
  if (checked.dataset === null) return { ...blank(resolved.file, budget), model, issues };
  const allocation = reference
    ? allocateWithNewlyFunded(model, checked.dataset, sideOfAdoption(reference))
    : allocate(model, checked.dataset);
  issues.push(...allocation.issues);
  return {
    model,
    file: resolved.file,
    dataset: checked.dataset,
    allocation: hasBlockingErrors(allocation.issues) ? null : allocation,
    issues,
    budget: model.budget.total,
    ...(plan
      ? {
          fortschreibung: {
            plan,
            filled,
            goalposts: indicatorRanges(allocation.model, checked.dataset),
            carriedForward: false,
          },
        }
      : {}),
  };
}

/**
 * The caller's preview with `plan` as its Fortschreibung, when it was computed on the same basis (the same
 * reference adoption, carried forward or not); else null (compute again).
 */
function reusable(computed: Preview, plan: FortschreibungPlan): Preview | null {
  const fort = computed.fortschreibung;
  const carry = plan.request.carryForward === true && plan.reference !== null;
  const sameReference =
    (fort?.plan.reference ?? null) === null
      ? plan.reference === null
      : JSON.stringify(fort?.plan.reference) === JSON.stringify(plan.reference);
  if (!sameReference || (fort?.carriedForward ?? false) !== carry || plan.issues.length > 0) return null;
  if (fort) return { ...computed, fortschreibung: { ...fort, plan } };
  if (computed.allocation === null || computed.dataset === null) return computed;
  return {
    ...computed,
    fortschreibung: {
      plan,
      filled: [],
      goalposts: indicatorRanges(computed.allocation.model, computed.dataset),
      carriedForward: false,
    },
  };
}

/**
 * What a carried-forward run distributes by: the plan's reference (a stored Beschluss or the `--compare`
 * workbook's), else the `--compare` results.json read with the run's model; a results.json that cannot be
 * carried forward adds an error to `issues` and gives null.
 */
function carryBasis(plan: FortschreibungPlan, model: ResolvedModel, issues: Issue[]): Adoption | null {
  if (plan.reference) return plan.reference;
  const results = plan.request.compareWith?.results;
  if (!results) return null;
  const read = adoptionOfResultsJson(results.json, results.file, model);
  if (read.adoption === null)
    issues.push({
      level: "error",
      code: "carry-forward-without-adoption",
      sheet: "",
      cell: "",
      message: read.problem,
    });
  return read.adoption;
}

function blank(file: Model | null, budget: number): Preview {
  return { model: null, file, dataset: null, allocation: null, issues: [], budget };
}

/** A stage of `generate`, reported before it starts (the CLI prints a line, the task pane a spinner text). */
export type GenerateStage =
  | { stage: "stored-model" }
  | { stage: "check"; sheet: string }
  /** The table was located on the data sheet: `describeLocation`'s line ("Kopfzeile: Zeile 3, Daten: …"). */
  | { stage: "located"; sheet: string; description: string }
  | { stage: "checked"; issues: readonly Issue[] }
  | { stage: "robustness"; runs: number }
  | { stage: "sheets" }
  | { stage: "write" };

export interface GenerateRequest {
  /** The model (a `*.srb.json` file's content, the task pane's model); undefined: the one stored in the workbook. */
  model?: unknown;
  /** The workbook's name for messages, e.g. "Musterstadt.xlsx". */
  workbookName: string;
  /** The data sheet, when the caller has read it already (the task pane); else the model's sheet is read. */
  table?: RawTable;
  /** The preview of this model and table, when the caller has it already (the task pane): not computed again. */
  computed?: Preview;
  /** Codes instead of names on the working workbook's sheets (the model's `options.publication`). */
  publication?: boolean;
  /**
   * A separate publication workbook (SPEC §7; the CLI's `--publication <file>`): its sheets come back in
   * the result, and the working workbook gets the „Codeschlüssel“ sheet. `random` draws the codes
   * (default: the platform's cryptographic random numbers).
   */
  publish?: { file: string; random?: () => number };
  /** Run the robustness analysis; or its result for this allocation, computed earlier (the task pane). */
  robustness?: boolean | Robustness;
  /** Monte-Carlo draws and seed (default 1,000 and 1). */
  robustnessRuns?: number;
  robustnessSeed?: number;
  /** The run's date for the Methode sheet (default: now). */
  date?: Date;
  /**
   * The Fortschreibung (SPEC §5a): adopt this run, carry the adopted shares forward, compare with an earlier
   * basis (`--compare`). Without it, a run is still compared with the workbook's latest stored adoption.
   */
  fortschreibung?: FortschreibungRequest;
  /** Called before each stage and awaited (the task pane lets its spinner paint). */
  progress?(stage: GenerateStage): void | Promise<void>;
}

export interface GenerateResult extends Preview {
  robustness: Robustness | null;
  /** Publication mode of this run (the model's option or the request's). */
  publication: boolean;
  /** A unit's name as the written sheets show it: its code in publication mode. */
  unitName(id: string): string;
  /** What the adapter wrote; null when nothing was written (blocking issues). */
  report: WriteReport | null;
  /** The comparison, the new adoption and the Beschlüsse of this run; null without a Fortschreibung. */
  outcome: FortschreibungOutcome | null;
  /** The publication workbook's sheets and codes (`request.publish`); null otherwise. */
  published: { sheets: SheetSpec[]; publication: Publication } | null;
  /** The generated sheets as handed to the adapter (for a PDF of them, `srb allocate --pdf`); [] when none. */
  sheets: SheetSpec[];
}

/**
 * The whole path from the workbook to the written sheets. On blocking issues nothing is written and the
 * result carries every issue; workbook failures (a sheet that cannot be read or written) throw.
 *
 * @example
 * const result = await generate(await PackageWorkbook.fromBuffer(bytes, "Musterstadt.xlsx"), { model: json, workbookName: "Musterstadt.xlsx" });
 * result.report?.sheets.map((s) => s.written); // => ["Vorlage", "Verteilung", "Einrichtungen", …, "Methode"]
 */
export async function generate(port: WorkbookPort, request: GenerateRequest): Promise<GenerateResult> {
  const progress = async (stage: GenerateStage) => {
    await request.progress?.(stage);
  };
  let modelJson = request.model;
  if (request.computed && request.table) {
    // the caller's preview is reused when it was planned against the adoptions the workbook holds now
    const plan = planFortschreibung(await storedOfPort(port), request.fortschreibung ?? {});
    const checked =
      reusable(request.computed, plan) ?? previewOf(resolveModel(modelJson), modelJson, request.table, plan);
    return written(port, request, checked, request.table, progress);
  }
  if (modelJson === undefined) {
    await progress({ stage: "stored-model" });
    modelJson = await port.readStoredModel();
    if (modelJson === null || modelJson === undefined) {
      return nothingWritten(
        blank(null, 0),
        [problem("model-missing", "", messages.modelMissing(request.workbookName))],
        request,
      );
    }
  }

  const resolved = resolveModel(modelJson);
  let table = request.table;
  if (table === undefined) {
    if (resolved.model === null)
      return nothingWritten(blank(null, budgetOf(modelJson)), resolved.issues, request);
    const names = await port.sheetNames();
    const wanted = resolved.model.data.sheet.trim();
    const sheet = wanted === "" ? (names[0] ?? null) : findSheet(names, wanted);
    if (sheet === null) {
      return nothingWritten(
        blank(resolved.file, resolved.model.budget.total),
        [...resolved.issues, problem("sheet-missing", wanted, messages.sheetMissing(wanted, names))],
        request,
      );
    }
    await progress({ stage: "check", sheet });
    table = await readDataTable(port, sheet, locationHints(modelJson));
    if (table.location)
      await progress({ stage: "located", sheet, description: describeLocation(table.location) });
  } else {
    await progress({ stage: "check", sheet: table.sheet });
  }

  const plan = planFortschreibung(await storedOfPort(port), request.fortschreibung ?? {});
  return written(port, request, previewOf(resolved, modelJson, table, plan), table, progress);
}

/**
 * The workbook's stored adoptions read back (`storedAdoptions`): a warning for each one that cannot be used,
 * the damaged ones (text that is no JSON) among them; none for a port without adoptions.
 */
async function storedOfPort(port: WorkbookPort): Promise<StoredAdoptions> {
  const read = (await port.readStoredAdoptions?.()) ?? NO_STORED_ADOPTIONS;
  return storedAdoptions(read.adoptions, read.damaged);
}

/**
 * An earlier workbook computed with its own stored model over its own data sheet (the `--compare` basis of a
 * workbook without an adoption): the preview, or why there is none (German).
 *
 * @example const earlier = await previewStored(await PackageWorkbook.fromBuffer(bytes), "Kitas2024.xlsx");
 */
export async function previewStored(port: WorkbookPort, workbookName: string): Promise<Preview | string> {
  const json = await port.readStoredModel();
  if (json === null || json === undefined) return messages.earlierWithoutModel(workbookName);
  const resolved = resolveModel(json);
  if (resolved.model === null) return messages.earlierModelInvalid();
  const names = await port.sheetNames();
  const wanted = resolved.model.data.sheet.trim();
  const sheet = wanted === "" ? (names[0] ?? null) : findSheet(names, wanted);
  if (sheet === null) return messages.earlierSheetMissing(wanted);
  const computed = previewOf(resolved, json, await readDataTable(port, sheet, locationHints(json)));
  return computed.allocation === null ? messages.earlierDataBlocked() : computed;
}

/** From the computed preview on: robustness, the sheets, writing them and storing the model. */
async function written(
  port: WorkbookPort,
  request: GenerateRequest,
  checked: Preview,
  table: RawTable,
  progress: (stage: GenerateStage) => Promise<void>,
): Promise<GenerateResult> {
  await progress({ stage: "checked", issues: checked.issues });
  if (checked.allocation === null || checked.model === null) return nothingWritten(checked, [], request);
  const { allocation, model, dataset } = checked;
  const publication = request.publication === true || model.options.publication;
  const unitName = unitNamer(allocation, publication);

  let robustness: Robustness | null = null;
  if (request.robustness === true) {
    const runs = request.robustnessRuns ?? ROBUSTNESS_RUNS;
    await progress({ stage: "robustness", runs });
    if (dataset === null) throw new SrbUsageError(messages.robustnessWithoutData());
    robustness = robustnessOf({ model, dataset, allocation }, { runs, seed: request.robustnessSeed });
  } else if (request.robustness) {
    robustness = request.robustness;
  }

  await progress({ stage: "sheets" });
  const checksum = await inputChecksum(table);
  const date = formatDate(request.date ?? new Date());
  // the Sozialraum-Team's VZÄ per strand, typed into the earlier Einrichtungen sheet, count again
  const typed = await strandOverridesOf(port, allocation);
  const issues = [...checked.issues, ...typed.issues];
  const pageTitle = {
    municipality: model.municipality,
    year: model.budget.year,
    budget: allocation.budget,
    date,
  };
  // the plan that counts, once for the Einrichtungen sheet and the Vorlage (10,000 Kitas: a pass over all)
  const counting = allocation.units.some((u) => u.plan !== undefined)
    ? overriddenPlan(allocation, typed.overrides)
    : undefined;
  const sheets: SheetSpec[] = allocationSheets(allocation, {
    inputRange: allocation.inputRange,
    checksum,
    date,
    version: packageJson.version,
    issues,
    publication,
    strandOverrides: typed.overrides,
    counting,
  });
  if (robustness) sheets.push(robustnessSheet(robustness, { unitName }));
  let published: GenerateResult["published"] = null;
  if (request.publish) {
    const publication = publicationOf(allocation, request.publish.random ?? secureRandom);
    published = {
      sheets: withPageTitle(publicationSheets(allocation, publication, { date }), pageTitle),
      publication,
    };
    sheets.push(codeKeySheet(publication, { date, file: request.publish.file }));
  }
  const fort = checked.fortschreibung;
  const outcome = fort
    ? fortschreibungOutcome(fort.plan, allocation, {
        checksum,
        goalposts: fort.goalposts,
        filled: fort.filled,
        carriedForward: fort.carriedForward,
        carriedFrom: fort.carriedFrom ?? null,
      })
    : null;

  // the committee summary first among SRB's sheets (a new sheet is added after the others; one rewritten
  // in place keeps its place)
  const vorlage = vorlageSheet(allocation, {
    municipality: model.municipality,
    date,
    issues,
    robustness,
    fortschreibung: outcome
      ? {
          comparedWith: outcome.context.comparedWith,
          summary: outcome.summary,
          carriedForward: carriedForwardNote(outcome.context),
        }
      : null,
    strandOverrides: typed.overrides,
    counting,
  });
  await progress({ stage: "write" });
  const written = withPageTitle(
    [vorlage, ...(outcome ? fortschreibungSheets(sheets, outcome, unitName) : sheets)],
    pageTitle,
  );
  const report = await port.writeGeneratedSheets(written);
  await port.writeStoredModel(JSON.parse(serializeModel(checked.file!)) as unknown);
  if (outcome?.adoptionsToStore) await port.writeStoredAdoptions?.(outcome.adoptionsToStore);
  return {
    ...checked,
    issues,
    robustness,
    publication,
    unitName,
    report,
    outcome,
    published,
    sheets: written,
  };
}

/** Uniform in [0, 1) from the platform's cryptographic generator (browsers and Node 20). */
function secureRandom(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return word[0] / 2 ** 32;
}

/**
 * The sheet SRB wrote Einrichtungen to last: „Einrichtungen“, or the highest „Einrichtungen (n)“ (a sheet
 * edited by the user is kept as theirs, and the next run writes „Einrichtungen (2)“ beside it).
 *
 * @example latestSheet(["Kitas", "Einrichtungen", "Einrichtungen (2)"], "Einrichtungen"); // => "Einrichtungen (2)"
 */
export function latestSheet(names: readonly string[], base: string): string | null {
  let best: { name: string; n: number } | null = null;
  const lower = base.toLowerCase();
  for (const name of names) {
    const l = name.toLowerCase();
    const m =
      l === lower
        ? ["", "1"]
        : l.startsWith(`${lower} (`)
          ? /^ \((\d+)\)$/.exec(l.slice(lower.length))
          : null;
    if (!m) continue;
    const n = Number(m[1]);
    if (best === null || n > best.n) best = { name, n };
  }
  return best?.name ?? null;
}

/**
 * Angepasste VZÄ je Strang from the earlier Einrichtungen sheet (SPEC §5 point 5), checked
 * (src/engine/strandOverrides.ts); none without a Stellenplan or without such a sheet. A sheet that cannot be
 * read gives none: the proposal counts, nothing is lost (the earlier sheet stays).
 */
async function strandOverridesOf(port: WorkbookPort, allocation: Allocation): Promise<StrandOverridesRead> {
  const none: StrandOverridesRead = { overrides: new Map(), issues: [] };
  if (!allocation.units.some((u) => u.plan !== undefined)) return none;
  const sheet = latestSheet(await port.sheetNames(), SHEET_NAMES.einrichtungen);
  if (sheet === null) return none;
  let table: RawTable;
  try {
    table = await port.readTable(sheet);
  } catch {
    return none;
  }
  return readStrandOverrides(table, allocation.units, allocation.model.budget.vzaeStep ?? DEFAULT_VZAE_STEP);
}

/**
 * The robustness analysis of a computed preview (the task pane's „Robustheit prüfen“, and `generate`):
 * it starts from the checked dataset and the allocation, nothing is recomputed.
 *
 * @example
 * const r = robustnessOf(preview(model, table)); // 1,000 draws, seed 1
 * r.areas[0].shareMin <= r.areas[0].share; // => true
 */
export function robustnessOf(
  computed: Pick<Preview, "model" | "dataset" | "allocation">,
  options: { runs?: number; seed?: number } = {},
): Robustness {
  const { model, dataset, allocation } = computed;
  if (model === null || dataset === null || allocation === null)
    throw new Error("Robustheit: die Verteilung selbst lässt sich nicht berechnen.");
  return analyseRobustness(
    { model, dataset, base: allocation },
    { runs: options.runs ?? ROBUSTNESS_RUNS, seed: options.seed ?? ROBUSTNESS_SEED },
  );
}

function nothingWritten(base: Preview, more: Issue[], request: GenerateRequest): GenerateResult {
  return {
    ...base,
    issues: [...base.issues, ...more],
    robustness: null,
    publication: request.publication === true,
    unitName: (id) => id,
    report: null,
    outcome: null,
    published: null,
    sheets: [],
  };
}

function problem(code: "model-missing" | "sheet-missing", sheet: string, message: string): Issue {
  return { level: "error", code, sheet, cell: "", message };
}

/**
 * A unit's name as the sheets show it: its code in publication mode, else its name.
 *
 * @example unitNamer(allocation, true)("Kita Löwenzahn"); // => "E07"
 */
export function unitNamer(allocation: Allocation, publication: boolean): (id: string) => string {
  if (!publication) return (id) => id;
  const codes = new Map(allocation.units.map((u) => [u.id, u.code]));
  return (id) => codes.get(id) ?? id;
}

/** The budget as far as a (possibly invalid) model JSON tells it, for results.json of a blocked run. */
function budgetOf(modelJson: unknown): number {
  const total = (modelJson as { budget?: { total?: unknown } } | null | undefined)?.budget?.total;
  return typeof total === "number" && Number.isFinite(total) ? total : 0;
}

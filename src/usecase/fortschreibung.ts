/**
 * The Fortschreibung steps of a run (SPEC.md §5a), shared by the command line and the task pane:
 *
 *   stored adoptions (read back, checked) → reference (the latest, or the one of a `--compare` workbook)
 *   → goalposts of the adopted year as the default → computed or carried-forward allocation
 *   → comparison with the reference (or an earlier results.json) → Veränderungen sheet, notes on the
 *   Methode / Verteilung / Einrichtungen sheets, results JSON `changes` → optionally a new adoption.
 *
 * Nothing here reads files or talks to Excel; `generate` does, and calls these steps in that order.
 */
import {
  adoptionOf,
  germanDate,
  latestAdoption,
  readAdoption,
  type Adoption,
  type Goalposts,
} from "../engine/adoption";
import type { Allocation } from "../engine/allocation";
import { changeSummary } from "../engine/changeSummary";
import {
  compareAllocations,
  sideOfAdoption,
  sideOfAllocation,
  type Changes,
  type ComparisonSide,
} from "../engine/changes";
import type { Issue } from "../engine/issues";
import { messages, type RunCode } from "../engine/messages";
import { changesSheet } from "../workbook/changesSheet";
import {
  adoptionSection,
  carriedForwardNote,
  withRowsBelow,
  type FortschreibungContext,
} from "../workbook/fortschreibungNotes";
import type { SheetSpec } from "../workbook/port";

/** What a run is compared with: a label for the user, the other side, and its adoption when it is one. */
export interface ComparisonBasis {
  /** e.g. "Beschluss vom 15.03.2022", "Arbeitsmappe „Kitas 2026.xlsx“ (Beschluss vom 10.03.2026)". */
  label: string;
  side: ComparisonSide;
  /**
   * The allocation behind it that carry forward and goalposts use: a stored Beschluss, or an earlier
   * workbook's own computation (`Adoption.source` set); null for a results.json (see `results`).
   */
  adoption: Adoption | null;
  /** An earlier results.json (parsed): carried forward with the run's model (`adoptionOfResultsJson`). */
  results?: { json: unknown; file: string };
  /** Warnings about the basis: Beschlüsse of a `--compare` workbook that are damaged or cannot be used. */
  issues?: Issue[];
}

/** The workbook's stored adoptions, read back. */
export interface StoredAdoptions {
  /** The readable ones, oldest first. */
  adoptions: Adoption[];
  /** Everything as stored (unreadable ones included), so that a new adoption is appended without loss. */
  raw: unknown[];
  /** The readable ones as stored (the JSON behind `adoptions`, same order): what another workbook takes over. */
  usable: unknown[];
  /** Why each stored one that cannot be used is not used (`readAdoption`'s reason), in order. */
  problems: string[];
  /** A warning for each stored adoption that cannot be used. */
  issues: Issue[];
}

function warning(code: RunCode, message: string): Issue {
  return { level: "warning", code, sheet: "", cell: "", message };
}

function error(code: RunCode, message: string): Issue {
  return { level: "error", code, sheet: "", cell: "", message };
}

/**
 * Reads the stored adoptions back (`readAdoption`); what cannot be used is a warning naming why, and is kept
 * as it is in `raw` (SRB never drops a user's decision).
 *
 * @param raw the stored adoptions whose text is JSON
 * @param unreadable how many stored ones are damaged (text that is no JSON)
 * @param workbook the `--compare` workbook they are stored in, named by the warnings; none for the run's own
 *
 * @example storedAdoptions([adoptionJson, { date: "gestern" }]).issues[0].message;
 * // => "Ein gespeicherter Beschluss (Nr. 2) wird nicht verwendet: Der gespeicherte Beschluss hat kein gültiges Datum …"
 */
export function storedAdoptions(raw: readonly unknown[], unreadable = 0, workbook?: string): StoredAdoptions {
  const adoptions: Adoption[] = [];
  const usable: unknown[] = [];
  const problems: string[] = [];
  const issues: Issue[] = [];
  raw.forEach((json, k) => {
    const read = readAdoption(json);
    if (read.adoption) {
      adoptions.push(read.adoption);
      usable.push(json);
    } else {
      problems.push(read.problem);
      issues.push(warning("adoption-unreadable", messages.adoptionUnreadable(k + 1, read.problem, workbook)));
    }
  });
  if (unreadable > 0)
    issues.push(warning("adoption-unreadable", messages.adoptionsDamaged(unreadable, workbook)));
  return { adoptions, raw: [...raw], usable, problems, issues };
}

/**
 * The comparison basis of an adoption.
 *
 * @example basisOfAdoption(adoption).label; // => "Beschluss vom 15.03.2022"
 * @example basisOfAdoption(adoption, "Kitas 2022.xlsx").label; // => "Arbeitsmappe „Kitas 2022.xlsx“ (Beschluss vom 15.03.2022)"
 */
export function basisOfAdoption(adoption: Adoption, workbook?: string): ComparisonBasis {
  const decision = `Beschluss vom ${germanDate(adoption.date)}`;
  return {
    label: workbook ? `Arbeitsmappe „${workbook}“ (${decision})` : decision,
    side: sideOfAdoption(adoption),
    adoption,
  };
}

/** What the user asked for. */
export interface FortschreibungRequest {
  /** Store this run as a Beschluss of this date (ISO `YYYY-MM-DD`). */
  adopt?: { date: string } | null;
  /** Distribute the budget by the reference's shares instead of recomputing the index. */
  carryForward?: boolean;
  /** Compare with this instead of the workbook's own latest adoption (`--compare`). */
  compareWith?: ComparisonBasis | null;
}

/** The reference of a run and what it will be compared with. */
export interface FortschreibungPlan {
  stored: StoredAdoptions;
  /** The adoption that gives the shares (carry forward) and the goalposts: the compared one's, else the latest. */
  reference: Adoption | null;
  compare: ComparisonBasis | null;
  request: FortschreibungRequest;
  /** Problems of the plan itself (carry forward without an adoption: an error). */
  issues: Issue[];
}

/**
 * Decide the reference and the comparison of a run.
 *
 * @example planFortschreibung(storedAdoptions([]), { carryForward: true }).issues[0].level; // => "error"
 */
export function planFortschreibung(
  stored: StoredAdoptions,
  request: FortschreibungRequest,
): FortschreibungPlan {
  const reference = request.compareWith ? request.compareWith.adoption : latestAdoption(stored.adoptions);
  const compare = request.compareWith ?? (reference ? basisOfAdoption(reference) : null);
  // what the --compare workbook could not offer (damaged Beschlüsse) is said, as for the run's own
  const issues: Issue[] = [...(request.compareWith?.issues ?? [])];
  if (request.carryForward && !reference && !request.compareWith?.results) {
    issues.push(
      error(
        "carry-forward-without-adoption",
        messages.carryForwardWithoutAdoption(request.compareWith?.label ?? null),
      ),
    );
  }
  return { stored, reference, compare, request, issues };
}

/** The adopted year's goalposts of the plan's reference (empty without one). */
export function referenceGoalposts(plan: FortschreibungPlan): Record<string, Goalposts> {
  return plan.reference?.goalposts ?? {};
}

/** What the Fortschreibung adds to a run's output. */
export interface FortschreibungOutcome {
  /** The comparison, when there was something to compare with. */
  changes: Changes | null;
  summary: string | null;
  /** The new adoption (when `adopt` was asked), to be appended to the stored ones. */
  adoption: Adoption | null;
  /** All adoptions to store after this run (`raw` plus the new one), or null when nothing changes. */
  adoptionsToStore: unknown[] | null;
  context: FortschreibungContext;
}

/**
 * Compare the run's allocation with the plan's basis and, when asked, adopt it.
 *
 * @param plan from `planFortschreibung`
 * @param allocation the run's allocation (computed or carried forward)
 * @param meta the run's input checksum and the goalposts of its computation (`indicatorRanges`; for a
 *   carried-forward run the reference's), which goalposts came from the reference, and whether it was carried forward
 * @example fortschreibungOutcome(plan, allocation, { checksum, goalposts, filled: [], carriedForward: false }).summary;
 * // => "2 Kitas neu in Förderstrang 1, 2 entfallen; …"
 */
export function fortschreibungOutcome(
  plan: FortschreibungPlan,
  allocation: Allocation,
  meta: {
    checksum: string;
    goalposts: Record<string, Goalposts>;
    filled: readonly string[];
    carriedForward: boolean;
    /** The basis a carried-forward run used when it is not the plan's reference (an earlier results.json). */
    carriedFrom?: Adoption | null;
  },
): FortschreibungOutcome {
  const changes = plan.compare ? compareAllocations(plan.compare.side, sideOfAllocation(allocation)) : null;
  const adoption = plan.request.adopt
    ? adoptionOf(allocation, {
        date: plan.request.adopt.date,
        checksum: meta.checksum,
        goalposts: meta.goalposts,
      })
    : null;
  const adoptions = adoption ? [...plan.stored.adoptions, adoption] : plan.stored.adoptions;
  return {
    changes,
    summary: changes ? changeSummary(changes) : null,
    adoption,
    adoptionsToStore: adoption ? [...plan.stored.raw, JSON.parse(JSON.stringify(adoption)) as unknown] : null,
    context: {
      adoptions,
      // the new adoption, else the run's reference (the --compare workbook's, else the latest stored)
      reference: adoption ?? plan.reference ?? meta.carriedFrom ?? latestAdoption(plan.stored.adoptions),
      adoptedNow: adoption !== null,
      carriedForward: meta.carriedForward,
      goalpostsFromAdoption: [...meta.filled],
      comparedWith: plan.compare?.label ?? null,
    },
  };
}

/** What the task pane shows of a comparison before anything is written. */
export interface PreviewComparison {
  /** What the run is compared with, e.g. "Beschluss vom 15.03.2022". */
  label: string;
  /** The German summary line (as on top of the Veränderungen sheet). */
  summary: string;
  changes: Changes;
}

/**
 * The comparison of a computed (not yet written) allocation with the plan's basis, for the task pane's
 * Ergebnis step; null when there is nothing to compare with. The same comparison and summary line as
 * `fortschreibungOutcome` writes to the Veränderungen sheet.
 *
 * @example previewComparison(plan, allocation)?.summary; // => "1 Kita hinzugekommen, 1 Kita weggefallen; …"
 */
export function previewComparison(
  plan: FortschreibungPlan,
  allocation: Allocation,
): PreviewComparison | null {
  if (!plan.compare) return null;
  const changes = compareAllocations(plan.compare.side, sideOfAllocation(allocation));
  return { label: plan.compare.label, summary: changeSummary(changes), changes };
}

/** Sheet names the decoration looks for (those of allocationSheets). */
const METHODE = "Methode";
const CARRY_NOTE_SHEETS = ["Verteilung", "Einrichtungen"];

/**
 * The run's sheets with the Fortschreibung added: the Beschlüsse section below the Methode sheet, the
 * carry-forward note below Verteilung and Einrichtungen, and the Veränderungen sheet (after Einrichtungen's
 * companions, before Prüfbericht when there is one, else at the end).
 *
 * @example fortschreibungSheets(sheets, outcome, (id) => id).map((s) => s.name);
 * // => ["Verteilung", "Einrichtungen", "Normbereiche", "Veränderungen", "Prüfbericht", "Methode"]
 */
export function fortschreibungSheets(
  sheets: readonly SheetSpec[],
  outcome: FortschreibungOutcome,
  unitName: (id: string) => string,
): SheetSpec[] {
  const note = carriedForwardNote(outcome.context);
  const showSection =
    outcome.context.adoptions.length > 0 ||
    outcome.context.comparedWith !== null ||
    outcome.context.carriedForward;
  const out = sheets.map((spec) => {
    if (spec.name === METHODE && showSection) return withRowsBelow(spec, adoptionSection(outcome.context));
    if (note && CARRY_NOTE_SHEETS.includes(spec.name))
      return withRowsBelow(spec, [[{ value: note, bold: true }]]);
    return spec;
  });
  if (outcome.changes && outcome.summary !== null && outcome.context.comparedWith !== null) {
    const sheet = changesSheet(outcome.changes, {
      against: outcome.context.comparedWith,
      summary: outcome.summary,
      unitName,
    });
    const before = out.findIndex((s) => s.name === "Prüfbericht");
    out.splice(before >= 0 ? before : out.length, 0, sheet);
  }
  return out;
}

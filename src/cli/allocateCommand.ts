/**
 * `srb allocate`: read the workbook → find the model → check and compute → write a copy and results.json.
 *
 * Exit status (SPEC.md §8): 0 allocation produced; 2 blocking data or model errors (results.json is
 * written with every issue, no output workbook); 1 usage errors and unreadable files.
 * The input workbook is only ever read.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Allocation } from "../engine/allocation";
import { germanDate } from "../engine/adoption";
import { hasBlockingErrors, SrbUsageError, type Issue } from "../engine/issues";
import { modelJson } from "../engine/modelFile";
import { resultsUnit, toResultsJson, withChanges } from "../engine/results";
import type { FortschreibungOutcome } from "../usecase/fortschreibung";
import { publicationWorkbook } from "../usecase/publicationWorkbook";
import { generate } from "../usecase/generate";
import { PackageWorkbook } from "../workbook/xlsx/packageWorkbook";
import { PackageError } from "../workbook/xlsx/zipArchive";
import type { AllocateOptions } from "./args";
import {
  assertOutputsAreNotInputs,
  checkInputFile,
  FileProblem,
  fileSystemErrorMessage,
  isFileSystemError,
  outputLocation,
  readInputFile,
  stageFileAtomically,
  writeFileAtomically,
  type BytePieces,
  type StagedFile,
} from "./files";
import { countIssues, issueLine, sozialraumTable } from "./format";
import { ItemsOnDemand, prettyJsonChunks } from "./jsonChunks";
import { openComparison, storedOfComparison, type ComparisonFile } from "./compareFile";
import { cliFortschreibungRequest } from "./fortschreibungCli";
import { exportPdf, findSoffice, PdfProblem, sofficeMissingMessage } from "./pdfExport";
import { robustnessJson } from "./robustness";

/** Where the command writes: injectable so that tests and `npm start` can capture it. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_BLOCKING = 2;

/** At most this many issues are listed on stderr; results.json always has all of them. */
const MAX_ISSUES_ON_STDERR = 25;

/** A failure that ends the command with exit status 1 and a German message. */
class UsageFailure extends Error {}

/**
 * Runs `srb allocate` with parsed options.
 *
 * @example
 * const code = await allocateCommand(
 *   { workbook: "Musterstadt.xlsx", modelFile: null, out: "out.xlsx", json: "out.json",
 *     publication: false, robustness: false, quiet: true },
 *   { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
 * ); // => 0
 */
export async function allocateCommand(options: AllocateOptions, io: CliIo): Promise<number> {
  const progress = (text: string) => {
    if (!options.quiet) io.stderr(`srb: ${text}\n`);
  };
  try {
    return await run(options, io, progress);
  } catch (e) {
    // a damaged part of the workbook found while reading it (after it opened): the message names the part,
    // the file's name goes in front, as for a package that does not open at all
    if (e instanceof PackageError) {
      io.stderr(`srb: „${path.basename(options.workbook)}“: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // UsageFailure, file problems, and the workbook's own German refusals (sheet too large …)
    if (e instanceof UsageFailure || e instanceof FileProblem || e instanceof SrbUsageError) {
      io.stderr(`srb: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // a file-system error no step expected still gets German words and exit 1, never a stack trace
    if (isFileSystemError(e)) {
      io.stderr(`srb: ${fileSystemErrorMessage(e)}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

async function run(options: AllocateOptions, io: CliIo, progress: (text: string) => void): Promise<number> {
  const input = path.resolve(options.workbook);
  const out = await outputLocation(options.out);
  const json = await outputLocation(options.json);
  await checkInputFile(input, "Die Arbeitsmappe", "eine .xlsx-Arbeitsmappe");
  await assertOutputsAreNotInputs(
    [
      { label: "die Arbeitsmappe", file: options.workbook },
      ...(options.modelFile !== null
        ? [{ label: "die Modelldatei (--model)", file: options.modelFile }]
        : []),
      ...(options.compare ? [{ label: "die Vergleichsdatei (--compare)", file: options.compare }] : []),
    ],
    [
      { label: "--out", file: options.out },
      { label: "--json", file: options.json },
      ...(options.publication !== null ? [{ label: "--publication", file: options.publication }] : []),
      ...(options.pdf ? [{ label: "--pdf", file: options.pdf }] : []),
    ],
  );
  // --pdf needs LibreOffice: said before anything is computed or written
  const soffice = options.pdf ? findSoffice() : null;
  if (options.pdf && soffice === null) throw new UsageFailure(sofficeMissingMessage());
  const pdfFile = options.pdf ? await outputLocation(options.pdf) : null;
  const publicationFile = options.publication !== null ? await outputLocation(options.publication) : null;

  progress(`lese Arbeitsmappe ${options.workbook} …`);
  const bytes = await readInputFile(input, "Die Arbeitsmappe");
  let workbook: PackageWorkbook;
  try {
    workbook = await PackageWorkbook.fromBuffer(bytes, path.basename(input));
  } catch (e) {
    // the package reader says what the file is and what to do (German, names the file)
    if (e instanceof SrbUsageError) throw new UsageFailure(e.message);
    throw new UsageFailure(
      `Die Arbeitsmappe „${options.workbook}“ kann nicht gelesen werden (erwartet: eine gültige .xlsx-Datei): ${reason(e)}`,
    );
  }
  const wantedExtension = workbook.kind === "xlsm" ? ".xlsm" : ".xlsx";
  if (path.extname(out).toLowerCase() !== wantedExtension) {
    throw new UsageFailure(
      workbook.kind === "xlsm"
        ? `„${options.workbook}“ enthält Makros: die Ausgabe muss auch eine .xlsm-Datei sein (Excel öffnet sie sonst nicht). Bitte --out „….xlsm“ angeben.`
        : `„${options.workbook}“ enthält keine Makros: die Ausgabe muss eine .xlsx-Datei sein (Excel öffnet sie sonst nicht). Bitte --out „….xlsx“ angeben.`,
    );
  }

  // ── model: --model, else the one stored in the workbook (generate), else the one stored in the --compare
  // workbook (last year's result: a new year's data are often typed into a new file), else a blocking error ──
  let modelJson: unknown = undefined;
  if (options.modelFile !== null) {
    progress(`lese Modell ${options.modelFile} …`);
    modelJson = await readJsonFile(options.modelFile);
  }
  // the --compare file, read once: it may lend model and Beschlüsse, and it is the comparison basis
  const comparison = options.compare ? await openComparison(options.compare) : null;
  if (comparison) modelJson = await fromComparison(workbook, comparison, modelJson, progress);

  // the one path from workbook to sheets (src/usecase/generate.ts); the CLI adds files and results.json
  const fortschreibung = await cliFortschreibungRequest(options, new Date(), comparison);
  const result = await generate(workbook, {
    model: modelJson,
    workbookName: path.basename(input),
    fortschreibung,
    ...(publicationFile !== null ? { publish: { file: path.basename(publicationFile) } } : {}),
    robustness: options.robustness,
    progress: ({ stage, ...detail }) => {
      if (stage === "stored-model") progress("lese das in der Arbeitsmappe gespeicherte Modell …");
      if (stage === "check" && "sheet" in detail)
        progress(`prüfe Daten und berechne Index (Blatt „${detail.sheet}“) …`);
      if (stage === "located" && "description" in detail)
        // describeLocation names the sheet itself when it found no table
        progress(
          detail.description.startsWith("Blatt ")
            ? detail.description
            : `Blatt „${detail.sheet}“: ${detail.description}`,
        );
      if (stage === "checked" && "issues" in detail) {
        progress(`Prüfung: ${countIssues(detail.issues)}`);
        if (!hasBlockingErrors(detail.issues)) listWarnings(detail.issues, options.json, progress);
      }
      if (stage === "robustness") progress("rechne Robustheitsanalyse (1.000 Zufallsgewichtungen) …");
      if (stage === "write") progress(`schreibe ${options.out} …`);
    },
  });
  if (result.allocation === null || result.report === null) {
    return blocked(options, io, progress, result.budget, result.issues, out);
  }
  // shown even with --quiet: an edited SRB sheet kept, a renamed sheet, cut text, charts that will be lost
  for (const note of result.report.notes ?? []) io.stderr(`srb: Hinweis: ${note}\n`);
  // the workbook's big parts deflate on zlib's thread pool (zipArchive.ts) while results.json is written
  // to its temporary file; that is put in place after the workbook (and the publication, the PDF) as before,
  // and a failure writing it is reported where it was before (the workbook is written all the same)
  const saved = workbookBytes(workbook, out);
  const extras = result.robustness ? { robustness: robustnessJson(result.robustness, result.unitName) } : {};
  const results = await stageResults(
    json,
    result.allocation.budget,
    result.allocation,
    result.issues,
    extras,
    result.outcome,
  ).then(
    (staged) => ({ staged, error: null }),
    (error: unknown) => ({ staged: null, error }),
  );
  try {
    await writeFileAtomically(out, await saved, "Die Ausgabe-Arbeitsmappe");
    await writeCopies(options, io, progress, result, publicationFile, pdfFile, soffice);
    progress(`schreibe ${options.json} …`);
    if (results.staged === null) throw results.error;
    await results.staged.commit();
  } finally {
    await results.staged?.discard();
  }
  io.stdout(sozialraumTable(result.allocation.areas, result.allocation.budget));
  const outcome = result.outcome;
  if (outcome?.summary != null)
    io.stderr(`srb: Veränderungen gegenüber ${outcome.context.comparedWith ?? ""}: ${outcome.summary}\n`);
  if (outcome?.adoption)
    io.stderr(`srb: Beschluss vom ${germanDate(outcome.adoption.date)} in „${options.out}“ festgehalten.\n`);
  progress("fertig");
  return EXIT_OK;
}

/**
 * A new year's workbook compared with last year's result (`--compare <workbook>`) takes from it what it
 * lacks for the year after, as the standalone page's „Beschluss des Vorjahres übernehmen“ does: its stored
 * model (unless `--model` gives one or the workbook has its own) and its Beschlüsse (unless the workbook
 * holds some), which the output then stores for the history on the Methode sheet. Returns the model to use.
 */
async function fromComparison(
  workbook: PackageWorkbook,
  comparison: ComparisonFile,
  modelJson: unknown,
  progress: (text: string) => void,
): Promise<unknown> {
  const compare = comparison.file;
  const needsModel = modelJson === undefined && (await workbook.readStoredModel()) == null;
  const needsAdoptions = (await workbook.readStoredAdoptions()).adoptions.length === 0;
  if (!needsModel && !needsAdoptions) return modelJson;
  const earlier = await storedOfComparison(comparison);
  if (needsAdoptions && earlier.adoptions.length > 0) {
    await workbook.writeStoredAdoptions(earlier.adoptions);
    progress(
      `übernehme ${earlier.adoptions.length === 1 ? "den Beschluss" : `${earlier.adoptions.length} Beschlüsse`} aus der Vergleichsdatei ${compare}`,
    );
  }
  if (needsModel && earlier.model !== null) {
    progress(
      `die Arbeitsmappe hat kein gespeichertes Modell: verwende das Modell aus der Vergleichsdatei ${compare}`,
    );
    return earlier.model;
  }
  return modelJson;
}

/** The publication workbook and the PDF, when asked for (after the working workbook is written). */
async function writeCopies(
  options: AllocateOptions,
  io: CliIo,
  progress: (text: string) => void,
  result: Awaited<ReturnType<typeof generate>>,
  publicationFile: string | null,
  pdfFile: string | null,
  soffice: string | null,
): Promise<void> {
  if (publicationFile !== null && result.published !== null) {
    progress(`schreibe Veröffentlichungsfassung ${options.publication} …`);
    await writeFileAtomically(
      publicationFile,
      await publicationWorkbook(result.published.sheets),
      "Die Veröffentlichungsfassung",
    );
    io.stderr(
      `srb: Veröffentlichungsfassung „${options.publication}“ geschrieben; der Codeschlüssel steht nur in „${options.out}“ (Blatt „Codeschlüssel“).\n`,
    );
  }

  if (pdfFile !== null && soffice !== null) {
    progress(`drucke die erzeugten Blätter mit LibreOffice als ${options.pdf} …`);
    try {
      await exportPdf(result.sheets, pdfFile, soffice);
    } catch (e) {
      if (!(e instanceof PdfProblem)) throw e;
      throw new UsageFailure(
        `${e.message} Die Arbeitsmappe „${options.out}“ wurde geschrieben, das PDF nicht.`,
      );
    }
  }
}

/** The warnings as progress lines; `json` is the results file as the user named it (or its default). */
function listWarnings(issues: readonly Issue[], json: string, progress: (text: string) => void): void {
  const warnings = issues.filter((i) => i.level === "warning");
  for (const issue of warnings.slice(0, MAX_ISSUES_ON_STDERR)) progress(issueLine(issue).trimStart());
  if (warnings.length > MAX_ISSUES_ON_STDERR) {
    progress(`… und ${warnings.length - MAX_ISSUES_ON_STDERR} weitere Warnungen (alle in ${json})`);
  }
}

/** Exit 2: list the errors, then the warnings, write results.json with every issue, write no workbook. */
async function blocked(
  options: AllocateOptions,
  io: CliIo,
  progress: (text: string) => void,
  budget: number,
  issues: Issue[],
  out: string,
): Promise<number> {
  const errors = issues.filter((i) => i.level === "error");
  io.stderr(`srb: Die Verteilung wurde nicht berechnet: ${countIssues(issues)}.\n`);
  for (const issue of errors.slice(0, MAX_ISSUES_ON_STDERR)) io.stderr(issueLine(issue) + "\n");
  if (errors.length > MAX_ISSUES_ON_STDERR) {
    io.stderr(`  … und ${errors.length - MAX_ISSUES_ON_STDERR} weitere (alle in ${options.json})\n`);
  }
  const json = await outputLocation(options.json);
  // the warnings too, as a run that is not blocked lists them (the count above names them)
  listWarnings(issues, options.json, progress);
  progress(`schreibe ${options.json} …`);
  await (await stageResults(json, budget, null, issues, {})).commit();
  if (await exists(out)) {
    io.stderr(
      `srb: Hinweis: „${options.out}“ stammt aus einem früheren Lauf und wurde NICHT aktualisiert.\n`,
    );
  }
  return EXIT_BLOCKING;
}

/** results.json written to its temporary file (files.ts `stageFileAtomically`), to be put in place. */
async function stageResults(
  file: string,
  budget: number,
  allocation: Allocation | null,
  issues: Issue[],
  extras: object,
  outcome: FortschreibungOutcome | null = null,
): Promise<StagedFile> {
  // the units are made as they are written (`unitsOnDemand`), not all at once
  const plain = toResultsJson(budget, allocation && { ...allocation, units: [] }, issues);
  const results = (
    outcome?.changes && outcome.summary !== null
      ? withChanges(plain, outcome.changes, outcome.context.comparedWith ?? "", outcome.summary)
      : plain
  ) as object;
  const withExtras: Record<string, unknown> = { ...results, ...extras };
  // the units left out of `plain` above, always put back here (never an empty list by accident)
  if (allocation !== null) withExtras.units = unitsOnDemand(allocation);
  // written as it is laid out (16 MB for 10,000 Kitas): the same bytes as JSON.stringify(…, null, 2) + "\n",
  // in small pieces that are encoded into one reused buffer (files.ts writeTextPieces), never a big string
  return stageFileAtomically(file, prettyJsonChunks(withExtras, 1 << 14), "Die Ergebnisdatei");
}

/**
 * results.json's units as `toResultsJson` makes them, each made when it is written (jsonChunks.ts
 * `ItemsOnDemand`): 10,000 Kitas are ~100,000 small objects, garbage one unit at a time instead of all held
 * until the last one is written.
 *
 * @example unitsOnDemand(allocation).item(0); // => toResultsJson(1000, allocation, []).units[0]
 */
function unitsOnDemand(allocation: Allocation): ItemsOnDemand {
  return new ItemsOnDemand(allocation.units.length, (i) => resultsUnit(allocation, i));
}

/**
 * The output workbook's bytes, on their way (its new parts deflating): a failure is a German usage error
 * when awaited, and never an unhandled rejection before that.
 */
function workbookBytes(workbook: PackageWorkbook, out: string): Promise<BytePieces> {
  // in pieces: one buffer of the whole package would be several MB of fresh memory, copied once more
  const bytes = workbook.toPieces().then(
    (bytePieces) => ({ bytePieces }),
    (e: unknown) => {
      throw new UsageFailure(`Die Ausgabe-Arbeitsmappe „${out}“ kann nicht erstellt werden: ${reason(e)}`);
    },
  );
  bytes.catch(() => undefined);
  return bytes;
}

async function readJsonFile(file: string): Promise<unknown> {
  await checkInputFile(file, "Die Modelldatei", "eine Modelldatei *.srb.json");
  const text = new TextDecoder("utf-8").decode(await readInputFile(file, "Die Modelldatei"));
  // where the JSON breaks, in German (line and column), as the task pane says it
  const read = modelJson(text);
  if ("problem" in read) throw new UsageFailure(`„${file}“: ${read.problem}`);
  return read.json;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

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
import { runAllocation } from "../engine/allocate";
import { hasBlockingErrors, SrbUsageError, type Issue } from "../engine/issues";
import type { Model } from "../engine/model";
import { parseModel, serializeModel } from "../engine/modelFile";
import { toResultsJson } from "../engine/results";
import { tableRange } from "../engine/table";
import { allocationSheets } from "../workbook/allocationSheets";
import { inputChecksum } from "../workbook/checksum";
import { PackageWorkbook } from "../workbook/xlsx/packageWorkbook";
import type { AllocateOptions } from "./args";
import {
  assertOutputsAreNotInputs,
  checkInputFile,
  FileProblem,
  fileSystemErrorMessage,
  isFileSystemError,
  outputLocation,
  readInputFile,
  writeFileAtomically,
} from "./files";
import { countIssues, issueLine, sozialraumTable } from "./format";
import { robustnessForCli, type RobustnessResult } from "./robustness";
import packageJson from "../../package.json";

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
    // UsageFailure, file problems, and the workbook's own German refusals (sheet too large, damaged part …)
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
    ],
    [
      { label: "--out", file: options.out },
      { label: "--json", file: options.json },
    ],
  );

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

  // ── model: --model, else the one stored in the workbook, else a blocking error ──
  const issues: Issue[] = [];
  let modelJson: unknown;
  if (options.modelFile !== null) {
    progress(`lese Modell ${options.modelFile} …`);
    modelJson = await readJsonFile(options.modelFile);
  } else {
    progress("lese das in der Arbeitsmappe gespeicherte Modell …");
    modelJson = await workbook.readStoredModel();
    if (modelJson === null || modelJson === undefined) {
      issues.push({
        level: "error",
        code: "model-missing",
        sheet: "",
        cell: "",
        message:
          `Die Arbeitsmappe „${path.basename(input)}“ enthält kein gespeichertes SRB-Modell, und es wurde keine ` +
          "Modelldatei angegeben. Erwartet: --model <datei.srb.json> oder eine Arbeitsmappe, in der das Add-in " +
          "das Modell gespeichert hat.",
      });
      return blocked(options, io, progress, budgetOf(undefined), issues, out);
    }
  }
  const parsed = parseModel(modelJson);
  issues.push(...parsed.issues);
  if (parsed.model === null || hasBlockingErrors(issues)) {
    return blocked(options, io, progress, budgetOf(modelJson), issues, out);
  }

  // ── data sheet: model.data.sheet, else the first sheet ──
  const sheetNames = await workbook.sheetNames();
  // Excel treats sheet names case-insensitively: "KITAS" in the model finds the sheet "Kitas".
  const named = parsed.model.data.sheet?.trim();
  const wanted = named
    ? (sheetNames.find((n) => n === named) ??
      sheetNames.find((n) => n.toLocaleLowerCase("de-DE") === named.toLocaleLowerCase("de-DE")) ??
      named)
    : sheetNames[0];
  if (wanted === undefined || !sheetNames.includes(wanted)) {
    issues.push({
      level: "error",
      code: "sheet-missing",
      sheet: wanted ?? "",
      cell: "",
      message:
        `Das Datenblatt „${wanted ?? ""}“ fehlt in der Arbeitsmappe. Vorhanden: ` +
        `${sheetNames.map((s) => `„${s}“`).join(", ") || "keine Blätter"}.`,
    });
    return blocked(options, io, progress, parsed.model.budget.total, issues, out);
  }
  const model: Model = { ...parsed.model, data: { ...parsed.model.data, sheet: wanted } };
  const table = await workbook.readTable(wanted);

  progress(`prüfe Daten und berechne Index (Blatt „${wanted}“) …`);
  const result = runAllocation(model, table);
  issues.push(...result.issues);
  progress(`Prüfung: ${countIssues(issues)}`);
  if (result.allocation === null || hasBlockingErrors(issues)) {
    return blocked(options, io, progress, model.budget.total, issues, out);
  }
  const allocation = result.allocation;
  const warnings = issues.filter((i) => i.level === "warning");
  for (const issue of warnings.slice(0, MAX_ISSUES_ON_STDERR)) progress(issueLine(issue).trimStart());
  if (warnings.length > MAX_ISSUES_ON_STDERR) {
    progress(
      `… und ${warnings.length - MAX_ISSUES_ON_STDERR} weitere Warnungen (alle in ${path.basename(json)})`,
    );
  }

  // ── optional robustness analysis ──
  const publication = options.publication || model.options.publication === true;
  let robustness: RobustnessResult | null = null;
  if (options.robustness) {
    progress("rechne Robustheitsanalyse (1.000 Zufallsgewichtungen) …");
    robustness = robustnessForCli({ model, table, allocation, publication });
  }

  // ── output workbook: a copy of the input with the generated sheets and the model ──
  progress(`schreibe ${path.basename(out)} …`);
  const sheets = allocationSheets(allocation, {
    inputRange: tableRange(table),
    checksum: await inputChecksum(table),
    date: new Date().toLocaleDateString("de-DE", { day: "2-digit", month: "2-digit", year: "numeric" }),
    version: packageJson.version,
    issues,
    publication,
  });
  const report = await workbook.writeGeneratedSheets([...sheets, ...(robustness?.sheets ?? [])]);
  // shown even with --quiet: an edited SRB sheet kept, a renamed sheet, cut text, charts that will be lost
  for (const note of report.notes ?? []) io.stderr(`srb: Hinweis: ${note}\n`);
  await workbook.writeStoredModel(JSON.parse(serializeModel(parsed.model)));
  await saveAtomically(workbook, out);

  await writeResults(options, progress, json, allocation.budget, allocation, issues, robustness);
  io.stdout(sozialraumTable(allocation.areas, allocation.budget));
  progress("fertig");
  return EXIT_OK;
}

/** Exit 2: list the errors, write results.json with every issue, write no workbook. */
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
    io.stderr(
      `  … und ${errors.length - MAX_ISSUES_ON_STDERR} weitere (alle in ${path.basename(options.json)})\n`,
    );
  }
  await writeResults(options, progress, await outputLocation(options.json), budget, null, issues, null);
  if (await exists(out)) {
    io.stderr(
      `srb: Hinweis: „${options.out}“ stammt aus einem früheren Lauf und wurde NICHT aktualisiert.\n`,
    );
  }
  return EXIT_BLOCKING;
}

async function writeResults(
  options: AllocateOptions,
  progress: (text: string) => void,
  file: string,
  budget: number,
  allocation: Allocation | null,
  issues: Issue[],
  robustness: RobustnessResult | null,
): Promise<void> {
  progress(`schreibe ${path.basename(file)} …`);
  const results = toResultsJson(budget, allocation, issues) as object;
  const withExtras = robustness?.json === undefined ? results : { ...results, robustness: robustness.json };
  await writeFileAtomically(file, JSON.stringify(withExtras, null, 2) + "\n", "Die Ergebnisdatei");
}

/** Saves beside the target and renames, so a failed run leaves no half-written file (see files.ts). */
async function saveAtomically(workbook: PackageWorkbook, out: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await workbook.toBuffer();
  } catch (e) {
    throw new UsageFailure(`Die Ausgabe-Arbeitsmappe „${out}“ kann nicht erstellt werden: ${reason(e)}`);
  }
  await writeFileAtomically(out, bytes, "Die Ausgabe-Arbeitsmappe");
}

async function readJsonFile(file: string): Promise<unknown> {
  await checkInputFile(file, "Die Modelldatei", "eine Modelldatei *.srb.json");
  const text = new TextDecoder("utf-8").decode(await readInputFile(file, "Die Modelldatei"));
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageFailure(
      `Die Modelldatei „${file}“ ist kein gültiges JSON (erwartet: *.srb.json): ${reason(e)}`,
    );
  }
}

/** The budget as far as a (possibly invalid) model JSON tells it, for results.json of a blocked run. */
function budgetOf(modelJson: unknown): number {
  const total = (modelJson as { budget?: { total?: unknown } } | null | undefined)?.budget?.total;
  return typeof total === "number" && Number.isFinite(total) ? total : 0;
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

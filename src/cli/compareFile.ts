/**
 * `--compare <earlier.xlsx | earlier results.json>` (SPEC.md §8): what the new computation is compared with.
 *
 * - an earlier **results.json**: its units and areas by the SPEC §8 names; `--carry-forward` distributes by
 *   its `areas[].share` (SPEC §8), with the run's model for method and rules (no goalposts of its year);
 * - an earlier **workbook**: its latest adoption (Beschluss) when it has one; otherwise its own computation
 *   (its stored model over its data sheet), computed by the caller's `compute` — its shares then carry forward.
 *
 * Every problem is a German `FileProblem` naming the file (exit status 1), never a JSON path or a stack.
 */
import * as path from "node:path";
import { adoptionOf, latestAdoption } from "../engine/adoption";
import type { Allocation } from "../engine/allocation";
import { sideOfAllocation } from "../engine/changes";
import { sideOfResultsJson } from "../engine/earlierResults";
import { basisOfAdoption, storedAdoptions, type ComparisonBasis } from "../usecase/fortschreibung";
import type { WorkbookPort } from "../workbook/port";
import { SrbUsageError } from "../engine/issues";
import { PackageWorkbook } from "../workbook/xlsx/packageWorkbook";
import { PackageError } from "../workbook/xlsx/zipArchive";
import { checkInputFile, FileProblem, readInputFile } from "./files";

/** A `--compare` file, read once: an earlier results.json (parsed) or an earlier workbook (opened). */
export type ComparisonFile =
  | { file: string; name: string; kind: "results"; json: unknown }
  | { file: string; name: string; kind: "workbook"; workbook: PackageWorkbook };

/**
 * Reads a `--compare` file once, for its comparison basis and for what it lends a new year's workbook.
 *
 * @throws {FileProblem} a missing or unreadable file, JSON that does not parse, a package that cannot be opened
 * @example (await openComparison("Beschluss-2022.xlsx")).kind; // => "workbook"
 */
export async function openComparison(file: string): Promise<ComparisonFile> {
  const name = path.basename(file);
  const json = /\.json$/i.test(file);
  await checkInputFile(
    file,
    json ? "Die Vergleichsdatei (--compare)" : "Die Vergleichs-Arbeitsmappe (--compare)",
    json ? "eine SRB-Ergebnisdatei (.json)" : "eine .xlsx-Arbeitsmappe",
  );
  const bytes = await readInputFile(file, "Die Vergleichsdatei (--compare)");
  if (json) {
    try {
      return {
        file,
        name,
        kind: "results",
        json: JSON.parse(new TextDecoder("utf-8").decode(bytes)) as unknown,
      };
    } catch {
      throw new FileProblem(
        `Die Vergleichsdatei (--compare) „${file}“ ist kein gültiges JSON (erwartet: eine Ergebnisdatei von srb allocate --json).`,
      );
    }
  }
  try {
    return { file, name, kind: "workbook", workbook: await PackageWorkbook.fromBuffer(bytes, name) };
  } catch (e) {
    // the package reader says what the file is and what to do (encrypted, .ods, damaged …)
    if (e instanceof SrbUsageError) throw new FileProblem(`--compare: ${e.message}`);
    throw new FileProblem(
      `Die Vergleichs-Arbeitsmappe (--compare) „${file}“ kann nicht gelesen werden (erwartet: eine gültige .xlsx-Datei).`,
    );
  }
}

/**
 * The comparison basis of a `--compare` file.
 *
 * @param comparison the file as `openComparison` read it
 * @param compute computes an earlier workbook without an adoption (its stored model over its data); null
 *   when that is not possible (the reason is then reported)
 * @throws {FileProblem} not SRB's results, a workbook with neither adoption nor model
 * @example (await comparisonBasisOf(await openComparison("Beschluss-2022.xlsx"), compute)).label; // => "Arbeitsmappe „Beschluss-2022.xlsx“ (Beschluss vom 15.03.2022)"
 */
export async function comparisonBasisOf(
  comparison: ComparisonFile,
  compute: (workbook: WorkbookPort, name: string) => Promise<Allocation | string>,
): Promise<ComparisonBasis> {
  const { file, name } = comparison;
  if (comparison.kind === "results") {
    const parsed = comparison.json;
    const read = sideOfResultsJson(parsed, name);
    if (read.side === null) throw new FileProblem(`--compare: ${read.problem}`);
    return {
      label: `Ergebnisdatei „${name}“`,
      side: read.side,
      adoption: null,
      results: { json: parsed, file: name },
    };
  }
  const workbook = comparison.workbook;
  // its latest Beschluss, else its own computation; its damaged and unusable Beschlüsse are said (warnings)
  const read = async () => {
    const records = await workbook.readStoredAdoptions();
    const stored = storedAdoptions(records.adoptions, records.damaged, name);
    const latest = latestAdoption(stored.adoptions);
    return latest
      ? { latest, computed: null, issues: stored.issues }
      : { latest: null, computed: await compute(workbook, name), issues: stored.issues };
  };
  let found: Awaited<ReturnType<typeof read>>;
  try {
    found = await read();
  } catch (e) {
    // a damaged part of the comparison workbook: said with its name, not taken for the main workbook's
    if (e instanceof PackageError) throw new FileProblem(`--compare: „${name}“: ${e.message}`);
    throw e;
  }
  const issues = found.issues.length > 0 ? { issues: found.issues } : {};
  if (found.latest) return { ...basisOfAdoption(found.latest, name), ...issues };
  const computed = found.computed;
  if (typeof computed === "string") {
    throw new FileProblem(
      `Die Vergleichs-Arbeitsmappe (--compare) „${file}“ enthält keinen Beschluss und lässt sich nicht berechnen: ${computed}`,
    );
  }
  // no Beschluss: its own computation is the basis (its shares carry forward); the sheets name the workbook
  const label = `Arbeitsmappe „${name}“ (Berechnung)`;
  const basis = adoptionOf(computed, { date: "1970-01-01", checksum: "", goalposts: {} });
  return {
    label,
    side: sideOfAllocation(computed),
    adoption: { ...basis, source: `der Arbeitsmappe „${name}“ (Berechnung ohne Beschluss)` },
    ...issues,
  };
}

/**
 * What an earlier workbook given with `--compare` holds for the year after: its stored model and its usable
 * stored Beschlüsse as stored (the next year's workbook often has neither: its data were typed into a new
 * file). Damaged or unusable ones are not taken over, as on the standalone page; `comparisonBasisOf` names them.
 * Nothing for a results.json (it holds no model and no Beschluss) or a store that cannot be read
 * (`comparisonBasisOf` then says why).
 *
 * @example (await storedOfComparison(await openComparison("Beschluss-2027.xlsx"))).adoptions.length; // => 1
 */
export async function storedOfComparison(
  comparison: ComparisonFile,
): Promise<{ model: unknown; adoptions: unknown[] }> {
  if (comparison.kind !== "workbook") return { model: null, adoptions: [] };
  try {
    return {
      model: (await comparison.workbook.readStoredModel()) ?? null,
      adoptions: storedAdoptions((await comparison.workbook.readStoredAdoptions()).adoptions).usable,
    };
  } catch {
    return { model: null, adoptions: [] };
  }
}

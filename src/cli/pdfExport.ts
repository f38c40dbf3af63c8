/**
 * `srb allocate --pdf`: the generated sheets as one PDF, printed by LibreOffice (`soffice --headless
 * --convert-to pdf`) with the sheets' own page set-up (A4 landscape, the Vorlage portrait; one page wide, page header; see
 * src/workbook/printLayout.ts). Only SRB's sheets are printed: they are written into a fresh workbook of
 * their own (formulas refer only to their own sheet), never the user's data sheet.
 *
 * LibreOffice replaces Calibri by Carlito, its metric-compatible twin, when the font is installed (Debian:
 * fonts-crosextra-carlito); otherwise by another sans font, and the page breaks may differ slightly.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { SheetSpec } from "../workbook/port";
import { PackageWorkbook } from "../workbook/xlsx/packageWorkbook";

/** How long LibreOffice may take for one conversion. */
const CONVERT_TIMEOUT_MS = 180_000;

/** A PDF could not be made; the message is German and says what to do. */
export class PdfProblem extends Error {}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * LibreOffice's `soffice` on PATH (or in its usual program folders), or null. `SOFFICE=/pfad/soffice`
 * names the one to use (null when it is not there).
 *
 * @example findSoffice(); // => "/usr/bin/soffice" or null
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SOFFICE) return executable(env.SOFFICE) ? env.SOFFICE : null;
  const dirs = [
    ...(env.PATH ?? "").split(path.delimiter).filter(Boolean),
    "/usr/lib/libreoffice/program",
    "/opt/libreoffice/program",
    "C:\\Program Files\\LibreOffice\\program",
    "/Applications/LibreOffice.app/Contents/MacOS",
  ];
  for (const dir of dirs) {
    for (const name of ["soffice", "libreoffice", "soffice.exe"]) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}

/** The message when LibreOffice is missing (German, says what to do instead). */
export function sofficeMissingMessage(): string {
  return (
    "--pdf braucht LibreOffice (Programm „soffice“), es wurde nicht gefunden. Bitte LibreOffice installieren " +
    "(Debian/Ubuntu: apt-get install libreoffice-calc-nogui fonts-crosextra-carlito) oder die Ausgabe-Arbeitsmappe " +
    "in Excel öffnen und als PDF drucken (Datei → Drucken; die Seiten sind schon eingerichtet). Es wurde nichts geschrieben."
  );
}

/**
 * Prints `sheets` into `pdfFile` through LibreOffice at `soffice`.
 *
 * @example await exportPdf(result.sheets, "out/Musterstadt-srb.pdf", findSoffice()!);
 */
export async function exportPdf(
  sheets: readonly SheetSpec[],
  pdfFile: string,
  soffice: string,
): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-pdf-"));
  try {
    const book = PackageWorkbook.empty();
    await book.writeGeneratedSheets([...sheets]);
    await book.removeStore();
    const stem = path.parse(pdfFile).name || "srb";
    const xlsx = path.join(dir, `${stem}.xlsx`);
    await book.saveAs(xlsx);
    const profile = pathToFileURL(path.join(dir, "profile")).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          "--headless",
          "--norestore",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          xlsx,
        ],
        // German number formats (1.234,50 €) whatever the system's language
        { timeout: CONVERT_TIMEOUT_MS, env: { ...process.env, LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" } },
        (error) => (error ? reject(error) : resolve()),
      );
    }).catch((e: unknown) => {
      const killed = (e as { killed?: boolean }).killed === true;
      throw new PdfProblem(
        killed
          ? `LibreOffice hat das PDF nicht innerhalb von ${CONVERT_TIMEOUT_MS / 1000} Sekunden erzeugt („${soffice}“).`
          : `LibreOffice („${soffice}“) konnte das PDF nicht erzeugen. Läuft LibreOffice schon mit einem anderen Fenster? Bitte schließen und erneut versuchen.`,
      );
    });
    const produced = path.join(dir, `${stem}.pdf`);
    try {
      await fs.access(produced);
    } catch {
      throw new PdfProblem(`LibreOffice („${soffice}“) hat kein PDF erzeugt.`);
    }
    await fs.copyFile(produced, pdfFile);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

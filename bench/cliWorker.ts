/**
 * Benchmark worker: `srb allocate` end to end as a user runs it — the compiled CLI (dist-cli/) in a fresh
 * process on a synthetic town's .xlsx — and LibreOffice's headless conversion of the same file for scale:
 *   node bin/run-ts.js bench/cliWorker.ts <units> [--libreoffice]
 * Prints one JSON line (CliResult). The input file is written with exceljs's streaming writer.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { serializeModel } from "../src/engine/modelFile";
import { REPOSITORY } from "./bundle";
import { syntheticTown } from "./synthetic";

export interface CliResult {
  units: number;
  exitCode: number;
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  fileMb: number;
  /** LibreOffice xlsx → csv of the same file (wall seconds), null when not measured. */
  libreOfficeS: number | null;
  libreOfficeNote?: string;
  /**
   * The same conversion, same procedure (a fresh profile), of a file with one Kita: what LibreOffice needs
   * before and after any data, its start-up. Context for the ratio, not part of it; null when not measured.
   */
  libreOfficeOneKitaS: number | null;
}

/**
 * LibreOffice's headless xlsx → csv of `input` with a fresh user profile in `dir` (as a user's first
 * conversion): wall seconds, or why it could not run.
 */
function convertWithLibreOffice(input: string, dir: string): { seconds: number } | { note: string } {
  const start = performance.now();
  const lo = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      "--headless",
      "--convert-to",
      "csv",
      "--outdir",
      path.join(dir, "csv"),
      input,
    ],
    { stdio: "ignore", timeout: 600_000 },
  );
  if (lo.error || lo.status !== 0)
    return { note: `soffice nicht ausführbar (${lo.error?.message ?? lo.status})` };
  return { seconds: (performance.now() - start) / 1000 };
}

const BUILT = path.join(REPOSITORY, "dist-cli", "src", "cli", "main.js");

/** Runs the compiled CLI in a fresh node process and reports its own resource usage. */
export function runCompiledCli(args: string[]): {
  code: number;
  wallS: number;
  cpuS: number;
  peakRssMb: number;
} {
  const script =
    `require(${JSON.stringify(BUILT)}).main(${JSON.stringify(args)}, { stdout() {}, stderr() {} })` +
    `.then((code) => { const r = process.resourceUsage(); process.stdout.write(JSON.stringify({ code, cpu: (r.userCPUTime + r.systemCPUTime) / 1e6, rss: r.maxRSS / 1024 }) + "\\n"); })`;
  const start = performance.now();
  const out = execFileSync(process.execPath, ["-e", script], {
    cwd: REPOSITORY,
    maxBuffer: 1 << 20,
  }).toString();
  const wallS = (performance.now() - start) / 1000;
  const r = JSON.parse(out.trim().split("\n").pop() as string) as { code: number; cpu: number; rss: number };
  return { code: r.code, wallS, cpuS: r.cpu, peakRssMb: Math.round(r.rss) };
}

/**
 * The synthetic town's table as an .xlsx (sheet "Kitas"), written by exceljs's streaming writer; the town is
 * returned for what else a worker needs of it (its model).
 */
export async function writeTown(units: number, file: string): Promise<ReturnType<typeof syntheticTown>> {
  const town = syntheticTown(units);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet("Kitas");
  ws.addRow(town.table.headers).commit();
  for (const row of town.table.rows) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  return town;
}

async function main(): Promise<void> {
  const units = Number(process.argv[2]);
  const withLibreOffice = process.argv.includes("--libreoffice");
  const dir = mkdtempSync(path.join(tmpdir(), "srb-bench-cli-"));
  try {
    const input = path.join(dir, "Stadt.xlsx");
    await writeTown(units, input);
    const model = path.join(dir, "stadt.srb.json");
    writeFileSync(model, serializeModel(syntheticTown(1).model));
    const run = runCompiledCli([
      "allocate",
      input,
      "--model",
      model,
      "--out",
      path.join(dir, "out.xlsx"),
      "--json",
      path.join(dir, "out.json"),
      "--quiet",
    ]);
    let libreOfficeS: number | null = null;
    let libreOfficeNote: string | undefined;
    let libreOfficeOneKitaS: number | null = null;
    if (withLibreOffice) {
      const full = convertWithLibreOffice(input, path.join(dir, "lo-full"));
      if ("note" in full) libreOfficeNote = full.note;
      else {
        libreOfficeS = full.seconds;
        const one = path.join(dir, "EineKita.xlsx");
        await writeTown(1, one);
        const start = convertWithLibreOffice(one, path.join(dir, "lo-one"));
        if ("seconds" in start) libreOfficeOneKitaS = start.seconds;
      }
    }
    const { statSync } = await import("node:fs");
    const result: CliResult = {
      units,
      exitCode: run.code,
      wallS: run.wallS,
      cpuS: run.cpuS,
      peakRssMb: run.peakRssMb,
      fileMb: Math.round((statSync(input).size / 1024 / 1024) * 10) / 10,
      libreOfficeS,
      libreOfficeNote,
      libreOfficeOneKitaS,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// run as a worker (node bin/run-ts.js bench/cliWorker.ts …), not when bench/run.ts imports runCompiledCli
if (/cliWorker\.ts$/.test(process.argv[1] ?? "")) void main();

/**
 * The command line's file handling: reading the inputs, refusing an output that is an input, creating
 * output folders and writing outputs atomically — and every file-system error turned into a German sentence
 * that names the file and says what to do (never "ENOTDIR … lstat", never a stack trace).
 *
 * Everything here throws only `FileProblem` (exit status 1 in `srb allocate`).
 */
import { promises as fs, type Stats } from "node:fs";
import * as path from "node:path";

/** A file the command cannot read or write, with a German message naming it. Exit status 1. */
export class FileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileProblem";
  }
}

/** A path as the user gave it, with the name under which messages refer to it ("--out", "die Arbeitsmappe"). */
export interface NamedPath {
  /** How messages name it: an option ("--json") or a role ("die Modelldatei (--model)"). */
  label: string;
  /** The path as given on the command line (relative to the working directory, `..` and links allowed). */
  file: string;
}

/** German reason and what to do, by Node's error code. */
const REASONS: Record<string, string> = {
  ENOENT: "die Datei oder der Ordner existiert nicht – bitte den Pfad prüfen",
  ENOTDIR: "ein Teil des Pfads ist eine Datei, kein Ordner – bitte den Pfad prüfen",
  EISDIR: "das ist ein Ordner, keine Datei – bitte einen Dateinamen angeben",
  EACCES: "keine Berechtigung – bitte die Zugriffsrechte prüfen oder einen anderen Ordner wählen",
  EPERM: "der Vorgang ist nicht erlaubt – bitte die Zugriffsrechte prüfen oder einen anderen Ordner wählen",
  EROFS: "der Datenträger ist schreibgeschützt – bitte einen anderen Speicherort wählen",
  ENOSPC:
    "kein Speicherplatz mehr auf dem Datenträger – bitte Platz schaffen oder einen anderen Speicherort wählen",
  EDQUOT: "das Speicherkontingent ist erschöpft – bitte Platz schaffen oder einen anderen Speicherort wählen",
  EFBIG: "die Datei ist für diesen Datenträger zu groß – bitte einen anderen Speicherort wählen",
  EBUSY:
    "die Datei wird gerade von einem anderen Programm benutzt (z. B. in Excel geöffnet) – bitte dort schließen und erneut versuchen",
  ETXTBSY:
    "die Datei wird gerade von einem anderen Programm benutzt – bitte dort schließen und erneut versuchen",
  EMFILE: "zu viele offene Dateien – bitte andere Programme schließen und erneut versuchen",
  ENFILE: "zu viele offene Dateien im System – bitte andere Programme schließen und erneut versuchen",
  ENAMETOOLONG: "der Dateiname oder Pfad ist zu lang – bitte einen kürzeren wählen",
  ELOOP: "der Pfad enthält eine Schleife symbolischer Verknüpfungen – bitte den Pfad prüfen",
  EIO: "Lese- oder Schreibfehler des Datenträgers – bitte den Datenträger prüfen oder einen anderen wählen",
  EINVAL: "der Dateiname ist ungültig – bitte einen anderen wählen",
  EEXIST: "dort gibt es schon eine Datei oder einen Ordner dieses Namens – bitte einen anderen Namen wählen",
  ENOTEMPTY: "dort gibt es schon einen Ordner dieses Namens – bitte einen anderen Namen wählen",
  EXDEV: "Quelle und Ziel liegen auf verschiedenen Datenträgern – bitte einen anderen Speicherort wählen",
  EAGAIN: "die Datei ist vorübergehend nicht verfügbar – bitte erneut versuchen",
  ETIMEDOUT: "der Datenträger (z. B. ein Netzlaufwerk) antwortet nicht – bitte die Verbindung prüfen",
  ESTALE: "die Verbindung zum Netzlaufwerk ist veraltet – bitte neu verbinden und erneut versuchen",
  ENXIO: "das Gerät ist nicht erreichbar – bitte einen anderen Speicherort wählen",
  ENODEV: "das Gerät ist nicht erreichbar – bitte einen anderen Speicherort wählen",
};

/** Node's error code of a file-system error ("ENOENT"), or null for any other error. */
export function fileErrorCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

/**
 * Why a file operation failed, in German, with what to do; never Node's English text.
 *
 * @example
 * fileErrorReason(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
 * // => "kein Speicherplatz mehr auf dem Datenträger – bitte Platz schaffen oder einen anderen Speicherort wählen"
 */
export function fileErrorReason(e: unknown): string {
  const code = fileErrorCode(e);
  if (code === null) return "unerwarteter Fehler beim Dateizugriff";
  return REASONS[code] ?? `Fehler des Dateisystems (Code ${code}) – bitte Pfad und Datenträger prüfen`;
}

/**
 * Is this an error of the file system (it has a code like "ENOENT" and names a system call)?
 *
 * @example isFileSystemError(Object.assign(new Error("x"), { code: "EACCES", syscall: "open" })); // => true
 */
export function isFileSystemError(e: unknown): boolean {
  return fileErrorCode(e) !== null && typeof (e as { syscall?: unknown }).syscall === "string";
}

/**
 * The German message for a file-system error that reached the command without a better one: the path the
 * system names, and the reason.
 *
 * @example
 * fileSystemErrorMessage(Object.assign(new Error("…"), { code: "EIO", syscall: "read", path: "/mnt/a.xlsx" }));
 * // => "Die Datei „/mnt/a.xlsx“ kann nicht gelesen oder geschrieben werden: Lese- oder Schreibfehler …"
 */
export function fileSystemErrorMessage(e: unknown): string {
  const file = (e as { path?: unknown }).path;
  const which = typeof file === "string" ? `Die Datei „${file}“` : "Eine Datei";
  return `${which} kann nicht gelesen oder geschrieben werden: ${fileErrorReason(e)}.`;
}

/**
 * The absolute path without resolving `..` lexically: "link/../x" must go through the link as the system
 * does (`path.resolve` would drop "link/.." before looking at it).
 */
function absolute(file: string): string {
  return path.isAbsolute(file) ? file : `${process.cwd()}${path.sep}${file}`;
}

/** Where a path leads: its real path (links and `..` resolved) and, for an existing file, its identity. */
interface Resolved {
  real: string;
  /** `dev:ino` of an existing file (also catches hard links and case-insensitive names); null if new. */
  identity: string | null;
  stats: Stats | null;
}

const MAX_LINK_HOPS = 40;

/**
 * The real location of a path that may not exist yet: an existing file by `realpath`; a new one as the real
 * path of its nearest existing folder plus the rest; a dangling link by its target.
 */
async function resolvePath(file: string, hops = 0): Promise<Resolved> {
  const stats = await fs.stat(file).catch(() => null);
  if (stats !== null) {
    const real = await fs.realpath(file).catch(() => path.resolve(file));
    return { real, identity: `${stats.dev}:${stats.ino}`, stats };
  }
  const link = await fs.lstat(file).catch(() => null);
  if (link?.isSymbolicLink() && hops < MAX_LINK_HOPS) {
    const target = await fs.readlink(file).catch(() => null);
    if (target !== null) {
      return resolvePath(path.isAbsolute(target) ? target : path.join(path.dirname(file), target), hops + 1);
    }
  }
  const parent = path.dirname(file);
  if (parent === file) return { real: path.resolve(file), identity: null, stats: null };
  const realParent = (await resolvePath(parent, hops)).real;
  return { real: path.join(realParent, path.basename(file)), identity: null, stats: null };
}

/**
 * Where an output will really be written: links and `..` resolved the way the system resolves them
 * ("link/../x" goes through the link; `path.resolve` would drop "link/.." first). Write to this path, the one
 * `assertOutputsAreNotInputs` checked.
 *
 * @example await outputLocation("out/../Kitas-srb.xlsx"); // => "/home/amt/Kitas-srb.xlsx"
 */
export async function outputLocation(file: string): Promise<string> {
  return (await resolvePath(absolute(file))).real;
}

function samePlace(a: Resolved, b: Resolved): boolean {
  return a.real === b.real || (a.identity !== null && a.identity === b.identity);
}

/**
 * Refuses any output that is one of the inputs or another output — through symbolic links, `..`, different
 * relative spellings and hard links — and any output that is an existing folder. Nothing is written yet.
 *
 * @example
 * await assertOutputsAreNotInputs(
 *   [{ label: "die Arbeitsmappe", file: "Kitas.xlsx" }, { label: "die Modelldatei (--model)", file: "m.srb.json" }],
 *   [{ label: "--out", file: "Kitas-srb.xlsx" }, { label: "--json", file: "./m.srb.json" }],
 * ); // throws FileProblem: "--json „./m.srb.json“ ist dieselbe Datei wie die Modelldatei (--model) „m.srb.json“ …"
 */
export async function assertOutputsAreNotInputs(
  inputs: readonly NamedPath[],
  outputs: readonly NamedPath[],
): Promise<void> {
  const resolvedInputs = await Promise.all(inputs.map((i) => resolvePath(absolute(i.file))));
  const resolvedOutputs: Resolved[] = [];
  for (const output of outputs) {
    const where = await resolvePath(absolute(output.file));
    inputs.forEach((input, k) => {
      if (samePlace(where, resolvedInputs[k])) {
        throw new FileProblem(
          `${output.label} „${output.file}“ ist dieselbe Datei wie ${input.label} „${input.file}“` +
            `${sameText(output.file, input.file) ? "" : ` (${where.real})`}. SRB verändert die Eingabe nie: ` +
            `bitte für ${output.label} einen anderen Dateinamen angeben.`,
        );
      }
    });
    outputs.slice(0, resolvedOutputs.length).forEach((other, k) => {
      if (samePlace(where, resolvedOutputs[k])) {
        throw new FileProblem(
          `${other.label} und ${output.label} zeigen auf dieselbe Datei „${where.real}“ – bitte für jede ` +
            `Ausgabe einen eigenen Dateinamen angeben.`,
        );
      }
    });
    if (where.stats?.isDirectory()) {
      throw new FileProblem(
        `${output.label} „${output.file}“ ist ein Ordner, keine Datei – bitte einen Dateinamen angeben ` +
          `(z. B. „${path.join(output.file, "Ergebnis" + path.extname(output.file || ".xlsx"))}“).`,
      );
    }
    resolvedOutputs.push(where);
  }
}

function sameText(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b) && a === b;
}

/**
 * Checks that an input exists and is a file (not a folder), with German messages.
 *
 * @example await checkInputFile("Kitas.xlsx", "Die Arbeitsmappe", "eine .xlsx-Arbeitsmappe");
 */
export async function checkInputFile(file: string, what: string, expected: string): Promise<void> {
  let stats: Stats;
  try {
    stats = await fs.stat(file);
  } catch (e) {
    if (fileErrorCode(e) === "ENOENT") throw new FileProblem(`${what} „${file}“ wurde nicht gefunden.`);
    throw new FileProblem(`${what} „${file}“ kann nicht gelesen werden: ${fileErrorReason(e)}.`);
  }
  if (!stats.isFile()) throw new FileProblem(`„${file}“ ist keine Datei (erwartet: ${expected}).`);
}

/**
 * Reads an input file's bytes; a file-system error becomes a German `FileProblem` naming the file.
 *
 * @example const bytes = await readInputFile("Kitas.xlsx", "Die Arbeitsmappe");
 */
export async function readInputFile(file: string, what: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    if (fileErrorCode(e) === "ENOENT") throw new FileProblem(`${what} „${file}“ wurde nicht gefunden.`);
    throw new FileProblem(`${what} „${file}“ kann nicht gelesen werden: ${fileErrorReason(e)}.`);
  }
}

/**
 * Creates the folder an output goes into, with its missing parents — one level at a time, at most as many
 * as the path has (Node's recursive mkdir can loop forever where the system refuses, e.g. below /proc).
 * A parent that is a file is named.
 *
 * @example await ensureFolder("out/2025", "Die Ergebnisdatei „out/2025/r.json“");
 */
export async function ensureFolder(folder: string, what: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(folder);
  for (;;) {
    let stats: Stats;
    try {
      stats = await fs.stat(current);
    } catch (e) {
      const code = fileErrorCode(e);
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        throw new FileProblem(`${what} kann nicht geschrieben werden: ${fileErrorReason(e)}.`);
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      missing.unshift(current);
      current = parent;
      continue;
    }
    if (!stats.isDirectory()) {
      throw new FileProblem(
        `${what} kann nicht geschrieben werden: „${current}“ ist eine Datei, kein Ordner – bitte den Pfad prüfen.`,
      );
    }
    break;
  }
  for (const dir of missing) {
    try {
      await fs.mkdir(dir);
    } catch (e) {
      if (fileErrorCode(e) === "EEXIST") continue;
      throw new FileProblem(
        `${what} kann nicht geschrieben werden: der Ordner „${dir}“ kann nicht angelegt werden – ${fileErrorReason(e)}.`,
      );
    }
  }
}

/**
 * Writes an output file atomically: into a temporary file beside it, then renamed over it, so that a failed
 * run leaves no half-written file and the old file intact. The temporary file is removed on failure (that
 * cleanup never throws). Missing folders are created. Content given as pieces of text (a big results.json,
 * `prettyJsonChunks`) is written piece by piece, never joined (`writeTextPieces`).
 *
 * @example await writeFileAtomically("out/Kitas-srb.json", "{…}", "Die Ergebnisdatei");
 */
export async function writeFileAtomically(file: string, content: FileContent, what: string): Promise<void> {
  await (await stageFileAtomically(file, content, what)).commit();
}

/**
 * Bytes given as pieces in order (a package as `PackageWorkbook.toPieces` gives it): written one after the
 * other, never joined into one buffer.
 */
export interface BytePieces {
  readonly bytePieces: readonly Uint8Array[];
}

/** What an output file holds: bytes, text, pieces of text (written as UTF-8) or pieces of bytes. */
export type FileContent = Uint8Array | string | Iterable<string> | BytePieces;

function isBytePieces(content: Iterable<string> | BytePieces): content is BytePieces {
  return "bytePieces" in content;
}

/** Most pieces handed to one `writev` (the system's IOV_MAX is 1024). */
const WRITEV_PIECES = 1024;

/**
 * Writes pieces of bytes in order, as many in one system call as it takes (`writev`), a short write
 * continued where it stopped.
 *
 * @example await writeBytePieces("out/.a.xlsx.tmp", await book.toPieces()); // the bytes of toBuffer()
 */
export async function writeBytePieces(file: string, pieces: readonly Uint8Array[]): Promise<void> {
  const handle = await fs.open(file, "w");
  try {
    let rest = pieces.filter((p) => p.length > 0);
    while (rest.length > 0) {
      let { bytesWritten } = await handle.writev(rest.slice(0, WRITEV_PIECES));
      let done = 0;
      while (done < rest.length && bytesWritten >= rest[done].length) bytesWritten -= rest[done++].length;
      rest = rest.slice(done);
      if (bytesWritten > 0) rest[0] = rest[0].subarray(bytesWritten);
    }
  } finally {
    await handle.close();
  }
}

/** An output file written to its temporary file, not yet in place (`stageFileAtomically`). */
export interface StagedFile {
  /** Renames the temporary file over the output (the temporary file is removed if that fails). */
  commit(): Promise<void>;
  /** Removes the temporary file; the output stays as it was. Never throws. */
  discard(): Promise<void>;
}

/**
 * The first half of `writeFileAtomically`: the content written to the temporary file beside `file`, which
 * `commit` then renames over it (or `discard` removes). So that a file can be written while other work
 * goes on (results.json while the workbook deflates) and still appear only after the files before it.
 *
 * @example const staged = await stageFileAtomically("r.json", pieces, "Die Ergebnisdatei"); await staged.commit();
 */
export async function stageFileAtomically(
  file: string,
  content: FileContent,
  what: string,
): Promise<StagedFile> {
  const target = path.resolve(file);
  const named = `${what} „${file}“`;
  await ensureFolder(path.dirname(target), named);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.tmp${path.extname(target)}`,
  );
  const fail = async (e: unknown): Promise<never> => {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw new FileProblem(`${named} kann nicht geschrieben werden: ${fileErrorReason(e)}.`);
  };
  try {
    if (typeof content === "string" || content instanceof Uint8Array) await fs.writeFile(temporary, content);
    else if (isBytePieces(content)) await writeBytePieces(temporary, content.bytePieces);
    else await writeTextPieces(temporary, content);
  } catch (e) {
    return fail(e);
  }
  return {
    async commit() {
      try {
        await fs.rename(temporary, target);
      } catch (e) {
        await fail(e);
      }
    },
    async discard() {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
    },
  };
}

/** Bytes of UTF-8 gathered before one write of `writeTextPieces`. */
const WRITE_BYTES = 1 << 20;

/**
 * Writes pieces of text as UTF-8, each encoded into one buffer that is used again for every write of
 * about a megabyte: the same bytes as the pieces joined, without a string or buffer of the whole (results.json
 * of 10,000 Kitas: 16 MB) and without a fresh buffer per piece — new memory is what costs most here (every
 * fresh page is a page fault: 16 MB of them took longer than making the text).
 *
 * @example await writeTextPieces("out/.r.json.tmp", prettyJsonChunks(results, 1 << 14));
 */
export async function writeTextPieces(file: string, pieces: Iterable<string>): Promise<void> {
  const handle = await fs.open(file, "w");
  try {
    const encoder = new TextEncoder();
    let buffer = new Uint8Array(WRITE_BYTES);
    let used = 0;
    const flush = async () => {
      for (let at = 0; at < used;) at += (await handle.write(buffer, at, used - at)).bytesWritten;
      used = 0;
    };
    for (const text of pieces) {
      // at most three bytes per UTF-16 unit
      if (used + text.length * 3 > buffer.length) {
        await flush();
        if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
      }
      used += encoder.encodeInto(text, buffer.subarray(used)).written;
    }
    await flush();
  } finally {
    await handle.close();
  }
}

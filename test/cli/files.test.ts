/**
 * The command line's file handling as classes, not single files (issue 17, items 2 and 3):
 * - no output (--out, --json) may be an input (workbook, --model) or another output — through symbolic
 *   links, `..`, other relative spellings, hard links and dangling links;
 * - every file-system error ends with a German message naming the file, exit 1, no stack trace, no Node
 *   code like "ENOTDIR" or system call like "lstat", and no temporary file left behind.
 * `srb allocate` runs in-process (main() with captured output); the errors no real disk produces on demand
 * (ENOSPC, EACCES for root, EBUSY, EIO) are injected into node:fs.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync, zipSync } from "fflate";
import fc from "fast-check";
import { main } from "../../src/cli/main";
import { outputPathCase } from "../hardening/arbitraries";
import { runOutputPathCase } from "../hardening/fuzzHarness";
import {
  assertOutputsAreNotInputs,
  FileProblem,
  fileErrorReason,
  outputLocation,
  stageFileAtomically,
  writeBytePieces,
} from "../../src/cli/files";

const SAMPLE_DIR = path.resolve(__dirname, "..", "..", "assets", "sample");

let dir: string;
let cwd: string;
beforeEach(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "srb-files-")));
  for (const f of ["Musterstadt.xlsx", "musterstadt.srb.json"]) {
    await fs.copyFile(path.join(SAMPLE_DIR, f), path.join(dir, f));
  }
  cwd = process.cwd();
  process.chdir(dir);
});
afterEach(async () => {
  jest.restoreAllMocks();
  process.chdir(cwd);
  await fs.rm(dir, { recursive: true, force: true });
});

async function srb(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await main(["allocate", ...args, "--quiet"], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { status, stdout, stderr };
}

async function fingerprint(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isSymbolicLink()) files[rel] = `-> ${await fs.readlink(full)}`;
      else if (entry.isDirectory()) await walk(full);
      else
        files[rel] = createHash("sha256")
          .update(await fs.readFile(full))
          .digest("hex");
    }
  };
  await walk(dir);
  return files;
}

/** No English Node text, no stack trace: the marks of an error that escaped untranslated. */
function expectGermanOnly(stderr: string): void {
  expect(stderr).toMatch(/^srb: /);
  expect(stderr).not.toMatch(/\bE[A-Z]{3,}\b|lstat|mkdir|open '|Error:| {4}at |interner Fehler|no such file/);
  expect(stderr).toMatch(/[äöüß„“–]/);
}

describe("no output may be an input or another output", () => {
  const tricks: [string, () => Promise<string[]>, RegExp][] = [
    [
      "--out = the workbook, same spelling",
      async () => ["Musterstadt.xlsx", "--out", "Musterstadt.xlsx"],
      /--out/,
    ],
    ["--out = the workbook via ./", async () => ["Musterstadt.xlsx", "--out", "./Musterstadt.xlsx"], /--out/],
    [
      "--out = the workbook, absolute against relative",
      async () => ["Musterstadt.xlsx", "--out", path.join(dir, "Musterstadt.xlsx")],
      /--out/,
    ],
    [
      "--out = the workbook via ..",
      async () => {
        await fs.mkdir("sub");
        return ["Musterstadt.xlsx", "--out", "sub/../Musterstadt.xlsx"];
      },
      /--out/,
    ],
    [
      "--out = a symbolic link to the workbook",
      async () => {
        await fs.symlink("Musterstadt.xlsx", "Verknüpfung.xlsx");
        return ["Musterstadt.xlsx", "--out", "Verknüpfung.xlsx"];
      },
      /--out/,
    ],
    [
      "--out = the workbook through a linked folder",
      async () => {
        await fs.mkdir("a");
        await fs.symlink(dir, "a/zurück");
        return ["Musterstadt.xlsx", "--out", "a/zurück/Musterstadt.xlsx"];
      },
      /--out/,
    ],
    [
      "--out = a hard link of the workbook",
      async () => {
        await fs.link("Musterstadt.xlsx", "Kopie.xlsx");
        return ["Musterstadt.xlsx", "--out", "Kopie.xlsx"];
      },
      /--out/,
    ],
    [
      "the workbook given through a link, --out the real file",
      async () => {
        await fs.symlink("Musterstadt.xlsx", "Verknüpfung.xlsx");
        return ["Verknüpfung.xlsx", "--out", "Musterstadt.xlsx"];
      },
      /--out/,
    ],
    [
      "--json = --model, same spelling",
      async () => ["Musterstadt.xlsx", "--model", "musterstadt.srb.json", "--json", "musterstadt.srb.json"],
      /--json .*Modelldatei/,
    ],
    [
      "--json = --model via .. and ./",
      async () => {
        await fs.mkdir("x");
        return [
          "Musterstadt.xlsx",
          "--model",
          "./musterstadt.srb.json",
          "--json",
          "x/../musterstadt.srb.json",
        ];
      },
      /--json .*Modelldatei/,
    ],
    [
      "--json = --model through a link",
      async () => {
        await fs.symlink(path.join(dir, "musterstadt.srb.json"), "m.json");
        return ["Musterstadt.xlsx", "--model", "musterstadt.srb.json", "--json", "m.json"];
      },
      /--json .*Modelldatei/,
    ],
    [
      "--json = the workbook",
      async () => {
        await fs.mkdir("sub");
        return ["Musterstadt.xlsx", "--json", "./sub/../Musterstadt.xlsx"];
      },
      /--json .*Arbeitsmappe/,
    ],
    [
      "--json = --out, other spelling",
      async () => ["Musterstadt.xlsx", "--out", "o.xlsx", "--json", path.join(dir, "o.xlsx")],
      /--out und --json/,
    ],
    [
      "--json a dangling link to the new --out",
      async () => {
        await fs.symlink("neu.xlsx", "ergebnis.json");
        return ["Musterstadt.xlsx", "--out", "neu.xlsx", "--json", "ergebnis.json"];
      },
      /--out und --json/,
    ],
    ["--json an existing folder", async () => ["Musterstadt.xlsx", "--json", "."], /--json .*Ordner/],
  ];

  test.each(tricks)("%s: exit 1, German, nothing written or changed", async (_name, setUp, message) => {
    const args = await setUp();
    const before = await fingerprint();
    const run = await srb(...args);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SRB verändert die Eingabe nie|eigenen Dateinamen|Ordner, keine Datei/);
    expectGermanOnly(run.stderr);
    expect(await fingerprint()).toEqual(before);
  });

  test("link/.. is resolved as the system does: the file lands beside the link's target, not beside the link", async () => {
    await fs.mkdir("a/b", { recursive: true });
    await fs.symlink(path.join(dir, "a", "b"), "l");
    const run = await srb("Musterstadt.xlsx", "--out", "l/../x.xlsx", "--json", "l/../x.json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    await expect(fs.stat(path.join(dir, "a", "x.xlsx"))).resolves.toBeDefined();
    await expect(fs.stat(path.join(dir, "a", "x.json"))).resolves.toBeDefined();
    await expect(fs.stat(path.join(dir, "x.xlsx"))).rejects.toThrow();
  });

  test("assertOutputsAreNotInputs knows every input and output it is given (e.g. a later --compare file)", async () => {
    await fs.writeFile("vorjahr.json", "{}");
    await expect(
      assertOutputsAreNotInputs(
        [
          { label: "die Arbeitsmappe", file: "Musterstadt.xlsx" },
          { label: "die Vergleichsdatei (--compare)", file: "vorjahr.json" },
        ],
        [
          { label: "--out", file: "o.xlsx" },
          { label: "--pdf", file: "./vorjahr.json" },
        ],
      ),
    ).rejects.toThrow(
      new FileProblem(
        "--pdf „./vorjahr.json“ ist dieselbe Datei wie die Vergleichsdatei (--compare) „vorjahr.json“ " +
          `(${path.join(dir, "vorjahr.json")}). SRB verändert die Eingabe nie: bitte für --pdf einen anderen Dateinamen angeben.`,
      ),
    );
    expect(await outputLocation("o.xlsx")).toBe(path.join(dir, "o.xlsx"));
  });
});

test("property: random spellings of --out and --json are refused exactly when they reach an input or each other", async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(outputPathCase, async (c) => {
      const layout = path.join(dir, `fall-${n++}`);
      await fs.mkdir(layout);
      await fs.copyFile(path.join(dir, "Musterstadt.xlsx"), path.join(layout, "Kitas.xlsx"));
      await fs.copyFile(path.join(dir, "musterstadt.srb.json"), path.join(layout, "m.srb.json"));
      await runOutputPathCase(c, layout);
    }),
    { numRuns: 150 },
  );
});

const fsError = (code: string, syscall: string, file = "/irgendwo") =>
  Object.assign(new Error(`${code}: english text, ${syscall} '${file}'`), { code, syscall, path: file });

/**
 * The output workbook is written in pieces through a file handle (files.ts writeBytePieces): its writes
 * fail with `code` (the file is created, as on a full disk).
 */
function workbookWritesFail(code: string): void {
  const real = fs.open.bind(fs);
  jest.spyOn(fs, "open").mockImplementation(async (file, flags, mode) => {
    const handle = await real(file, flags, mode);
    if (String(file).endsWith(".xlsx") && flags === "w")
      jest.spyOn(handle, "writev").mockRejectedValue(fsError(code, "write"));
    return handle;
  });
}

describe("every file-system error: German, names the file, exit 1, nothing half-written", () => {
  const cases: [string, () => Promise<string[]>, RegExp][] = [
    [
      "--out whose parent is a file",
      async () => {
        await fs.writeFile("datei", "x");
        return ["Musterstadt.xlsx", "--out", "datei/y.xlsx"];
      },
      /Ausgabe-Arbeitsmappe „.*datei\/y\.xlsx“ .*„.*datei“ ist eine Datei, kein Ordner/,
    ],
    [
      "--json whose grandparent is a file",
      async () => {
        await fs.writeFile("datei", "x");
        return ["Musterstadt.xlsx", "--json", "datei/a/b/r.json"];
      },
      /Ergebnisdatei „.*r\.json“ .*„.*datei“ ist eine Datei, kein Ordner/,
    ],
    [
      "--out in a folder the system will not create (below /proc), no endless mkdir",
      async () => ["Musterstadt.xlsx", "--out", "/proc/srb-gibt-es-nicht/y.xlsx"],
      /Ausgabe-Arbeitsmappe „\/proc\/srb-gibt-es-nicht\/y\.xlsx“ .*Ordner „\/proc\/srb-gibt-es-nicht“ kann nicht angelegt werden/,
    ],
    [
      "the workbook is a folder",
      async () => {
        await fs.mkdir("Ordner.xlsx");
        return ["Ordner.xlsx"];
      },
      /„.*Ordner\.xlsx“ ist keine Datei/,
    ],
    [
      "the model file is a folder",
      async () => {
        await fs.mkdir("m.srb.json");
        return ["Musterstadt.xlsx", "--model", "m.srb.json"];
      },
      /„m\.srb\.json“ ist keine Datei/,
    ],
    [
      "the model file does not exist",
      async () => ["Musterstadt.xlsx", "--model", "fehlt.srb.json"],
      /Modelldatei „fehlt\.srb\.json“ wurde nicht gefunden/,
    ],
    [
      "the workbook cannot be read (no permission)",
      async () => {
        jest.spyOn(fs, "readFile").mockRejectedValue(fsError("EACCES", "open"));
        return ["Musterstadt.xlsx"];
      },
      /Arbeitsmappe „.*Musterstadt\.xlsx“ kann nicht gelesen werden: keine Berechtigung/,
    ],
    [
      "the model file cannot be read (disk error)",
      async () => {
        const real = fs.readFile.bind(fs);
        jest
          .spyOn(fs, "readFile")
          .mockImplementation(async (file, options) =>
            String(file).endsWith(".json") ? Promise.reject(fsError("EIO", "read")) : real(file, options),
          );
        return ["Musterstadt.xlsx", "--model", "musterstadt.srb.json"];
      },
      /Modelldatei „musterstadt\.srb\.json“ kann nicht gelesen werden: Lese- oder Schreibfehler/,
    ],
    [
      "the disk is full while writing",
      async () => {
        jest.spyOn(fs, "writeFile").mockRejectedValue(fsError("ENOSPC", "write"));
        workbookWritesFail("ENOSPC");
        return ["Musterstadt.xlsx", "--out", "voll.xlsx"];
      },
      /Ausgabe-Arbeitsmappe „.*voll\.xlsx“ kann nicht geschrieben werden: kein Speicherplatz mehr/,
    ],
    [
      "the output folder cannot be created (no permission)",
      async () => {
        jest.spyOn(fs, "mkdir").mockRejectedValue(fsError("EACCES", "mkdir"));
        return ["Musterstadt.xlsx", "--out", "neu/o.xlsx"];
      },
      /Ordner „.*neu“ kann nicht angelegt werden – keine Berechtigung/,
    ],
    [
      "the output is open in another program, and the cleanup fails too",
      async () => {
        jest.spyOn(fs, "rename").mockRejectedValue(fsError("EBUSY", "rename"));
        jest.spyOn(fs, "rm").mockRejectedValue(fsError("EBUSY", "unlink"));
        return ["Musterstadt.xlsx", "--out", "offen.xlsx"];
      },
      /Ausgabe-Arbeitsmappe „.*offen\.xlsx“ kann nicht geschrieben werden: die Datei wird gerade von einem anderen Programm benutzt/,
    ],
    [
      "the results file's disk is read-only",
      async () => {
        // results.json is written piece by piece through a file handle (files.ts writeTextPieces)
        const real = fs.open.bind(fs);
        jest
          .spyOn(fs, "open")
          .mockImplementation(async (file, flags, mode) =>
            String(file).endsWith(".json")
              ? Promise.reject(fsError("EROFS", "open"))
              : real(file, flags, mode),
          );
        return ["Musterstadt.xlsx", "--json", "r.json"];
      },
      /Ergebnisdatei „.*r\.json“ kann nicht geschrieben werden: der Datenträger ist schreibgeschützt/,
    ],
  ];

  test.each(cases)("%s", async (name, setUp, message) => {
    const before = await fingerprint();
    const args = await setUp();
    const run = await srb(...args);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(1);
    expectGermanOnly(run.stderr);
    jest.restoreAllMocks();
    // no temporary file left; only the results of an earlier step may have been written completely
    const after = await fingerprint();
    const leftover = Object.keys(after).filter((f) => f.includes(".tmp"));
    // a cleanup that fails itself leaves the temporary files (and says nothing more): never a crash —
    // the workbook's, and results.json's, which is written while the workbook is finished
    expect(leftover).toHaveLength(name.includes("cleanup fails") ? 2 : 0);
    for (const [file, hash] of Object.entries(before)) expect(after[file]).toBe(hash);
  });

  test("every error code has German words, an unknown one its code, a non-file error no English", () => {
    for (const code of [
      "ENOENT",
      "EACCES",
      "ENOSPC",
      "EROFS",
      "EBUSY",
      "ENOTDIR",
      "EISDIR",
      "ELOOP",
      "EMFILE",
    ]) {
      expect(fileErrorReason(fsError(code, "open"))).toMatch(/[äöüß–]/);
    }
    expect(fileErrorReason(fsError("EWEIRD", "open"))).toBe(
      "Fehler des Dateisystems (Code EWEIRD) – bitte Pfad und Datenträger prüfen",
    );
    expect(fileErrorReason(new Error("something English"))).toBe("unerwarteter Fehler beim Dateizugriff");
  });
});

describe("stageFileAtomically (results.json written while the workbook deflates, put in place after it)", () => {
  test("the staged file is only in place after commit; the old file stays until then", async () => {
    await fs.writeFile("r.json", "alt");
    const staged = await stageFileAtomically("r.json", ["{", "„neu“", "}"], "Die Ergebnisdatei");
    expect(await fs.readFile("r.json", "utf8")).toBe("alt");
    expect((await fs.readdir(".")).filter((f) => f.includes(".tmp"))).toHaveLength(1);
    await staged.commit();
    expect(await fs.readFile("r.json", "utf8")).toBe("{„neu“}");
    expect((await fs.readdir(".")).filter((f) => f.includes(".tmp"))).toHaveLength(0);
    await staged.discard(); // after commit: nothing left to remove, never throws
    expect(await fs.readFile("r.json", "utf8")).toBe("{„neu“}");
  });

  test("discard removes the temporary file and leaves the old file as it was", async () => {
    await fs.writeFile("r.json", "alt");
    const staged = await stageFileAtomically("r.json", "neu", "Die Ergebnisdatei");
    await staged.discard();
    expect(await fs.readFile("r.json", "utf8")).toBe("alt");
    expect((await fs.readdir(".")).filter((f) => f.includes(".tmp"))).toHaveLength(0);
  });

  test("a run whose workbook cannot be written leaves no results.json and no temporary file", async () => {
    workbookWritesFail("ENOSPC");
    const run = await srb("Musterstadt.xlsx", "--out", "o.xlsx", "--json", "r.json");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /Ausgabe-Arbeitsmappe „.*o\.xlsx“ kann nicht geschrieben werden: kein Speicherplatz mehr/,
    );
    const files = await fs.readdir(".");
    expect(files.filter((f) => f.includes(".tmp") || f === "r.json" || f === "o.xlsx")).toEqual([]);
  });
});

describe("writeBytePieces (the output workbook in pieces, never joined)", () => {
  test("writes the pieces in order, empty ones and more than one writev's worth among them", async () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => new Uint8Array(i % 7).fill(i % 251));
    await writeBytePieces("p.bin", pieces);
    expect((await fs.readFile("p.bin")).equals(Buffer.concat(pieces))).toBe(true);
  });

  test("a short write is continued where it stopped", async () => {
    const real = fs.open.bind(fs);
    jest.spyOn(fs, "open").mockImplementation(async (file, flags, mode) => {
      const handle = await real(file, flags, mode);
      const writev = handle.writev.bind(handle);
      // every call writes only the first piece, and of that at most 3 bytes
      jest
        .spyOn(handle, "writev")
        .mockImplementation(async (buffers) => writev([(buffers[0] as Uint8Array).subarray(0, 3)]));
      return handle;
    });
    const pieces = [new TextEncoder().encode("Kita "), new Uint8Array(0), new TextEncoder().encode("Hort")];
    await writeBytePieces("q.bin", pieces);
    jest.restoreAllMocks();
    expect(await fs.readFile("q.bin", "utf8")).toBe("Kita Hort");
  });
});

describe("a part found damaged while reading: the message names the file it is in", () => {
  /** The sample with its Kitas sheet's XML broken (an end tag that does not match). */
  async function damagedCopy(name: string): Promise<void> {
    const parts = unzipSync(new Uint8Array(await fs.readFile("Musterstadt.xlsx")));
    const sheet = new TextDecoder().decode(parts["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain("</sheetData>");
    parts["xl/worksheets/sheet1.xml"] = new TextEncoder().encode(
      sheet.replace("</sheetData>", "</sheetDaten>"),
    );
    await fs.writeFile(name, zipSync(parts));
  }

  test("the workbook: „Kaputt.xlsx“ in front of the damaged part, exit 1, German only", async () => {
    await damagedCopy("Kaputt.xlsx");
    const run = await srb("Kaputt.xlsx");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^srb: „Kaputt\.xlsx“: Die Datei ist beschädigt: Teil „xl\/worksheets\/sheet1\.xml“ ist kein gültiges XML \(Zeile \d+: /,
    );
    expectGermanOnly(run.stderr);
  });

  test("a sheet the workbook lists whose part is missing is damage, not a sheet that does not exist", async () => {
    const parts = unzipSync(new Uint8Array(await fs.readFile("Musterstadt.xlsx")));
    delete parts["xl/worksheets/sheet1.xml"];
    await fs.writeFile("Ohne-Teil.xlsx", zipSync(parts));
    const run = await srb("Ohne-Teil.xlsx");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^srb: „Ohne-Teil\.xlsx“: Die Datei ist beschädigt: Das Tabellenblatt „Kitas“ ist in der Arbeitsmappe verzeichnet, sein Teil „xl\/worksheets\/sheet1\.xml“ fehlt aber\./,
    );
    expect(run.stderr).not.toContain("gibt es in dieser Arbeitsmappe nicht");
  });

  test("the --compare workbook: its own name, not the workbook's", async () => {
    await damagedCopy("Vorjahr.xlsx");
    const run = await srb("Musterstadt.xlsx", "--compare", "Vorjahr.xlsx");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^srb: --compare: „Vorjahr\.xlsx“: Die Datei ist beschädigt: Teil „xl\/worksheets\/sheet1\.xml“/,
    );
    expect(run.stderr).not.toContain("Musterstadt.xlsx");
  });
});

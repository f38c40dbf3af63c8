/**
 * `srb allocate --pdf`: the sample's generated sheets printed through LibreOffice. Checked on the PDF
 * itself (poppler's pdfinfo/pdftotext): A4 landscape (the Vorlage portrait), pages per sheet within a stated bound (32 Kitas),
 * every header word printed whole (not cut at the cell edge), and a clear German message when LibreOffice
 * is missing. Needs soffice and poppler-utils (skipped locally without them, fails in CI).
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allocateCommand } from "../../src/cli/allocateCommand";
import { parseCommandLine, takePdfOption, type AllocateOptions } from "../../src/cli/args";
import { headerWords } from "../../src/workbook/textWidth";
import { LIBREOFFICE, findExecutable, requireTool, testWithTool } from "../helpers/libreoffice";

const SAMPLE = path.resolve(__dirname, "..", "..", "assets", "sample");
const POPPLER = { name: "pdftotext", path: findExecutable(["pdftotext"]), debianPackage: "poppler-utils" };
const withPrinting = testWithTool(LIBREOFFICE.path && POPPLER.path ? LIBREOFFICE : { ...POPPLER });

/** Pages a sheet may take at most (the sample: 32 Kitas, 8 Sozialräume, Stellenplan). */
const PAGE_BOUNDS: Record<string, number> = {
  // the committee summary: one or two pages, A4 portrait (issue 14, item 2)
  Vorlage: 2,
  Verteilung: 1,
  Einrichtungen: 3,
  Normbereiche: 1,
  Prüfbericht: 2,
  Methode: 3,
};

function options(dir: string, extra: Partial<AllocateOptions> = {}): AllocateOptions {
  return {
    workbook: path.join(SAMPLE, "Musterstadt.xlsx"),
    modelFile: path.join(SAMPLE, "musterstadt.srb.json"),
    out: path.join(dir, "out.xlsx"),
    json: path.join(dir, "out.json"),
    publication: null,
    robustness: false,
    quiet: true,
    ...extra,
  };
}

describe("--pdf on the command line", () => {
  test("--pdf takes an optional .pdf file; default beside --out", () => {
    expect(takePdfOption(["allocate", "a.xlsx", "--pdf"])).toEqual({ rest: ["allocate", "a.xlsx"], pdf: "" });
    const parsed = parseCommandLine(["allocate", "a.xlsx", "--out", "x/b.xlsx", "--pdf"]);
    expect(parsed.kind === "allocate" && parsed.options.pdf).toBe(path.join("x", "b.pdf"));
    const named = parseCommandLine(["allocate", "--pdf", "c.pdf", "a.xlsx"]);
    expect(named.kind === "allocate" && named.options.pdf).toBe("c.pdf");
    const none = parseCommandLine(["allocate", "a.xlsx"]);
    expect(none.kind === "allocate" && none.options.pdf).toBeNull();
    expect(parseCommandLine(["allocate", "a.xlsx", "--pdf=c.txt"])).toMatchObject({
      kind: "usage-error",
      message: expect.stringContaining("muss auf .pdf enden"),
    });
  });

  test("without LibreOffice: exit 1, a German message saying what to do, nothing written", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-pdf-"));
    const saved = process.env.SOFFICE;
    process.env.SOFFICE = path.join(dir, "nicht-da", "soffice");
    let stderr = "";
    try {
      const code = await allocateCommand(options(dir, { pdf: path.join(dir, "out.pdf") }), {
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
      });
      expect(code).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.SOFFICE;
      else process.env.SOFFICE = saved;
    }
    expect(stderr).toContain("--pdf braucht LibreOffice");
    expect(stderr).toContain("apt-get install");
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  withPrinting(
    "the sample prints on A4 landscape, pages per sheet within bounds, every header word whole",
    async () => {
      requireTool(LIBREOFFICE);
      requireTool(POPPLER);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "srb-pdf-"));
      const pdf = path.join(dir, "Musterstadt.pdf");
      const code = await allocateCommand(options(dir, { pdf }), {
        stdout: () => undefined,
        stderr: () => undefined,
      });
      expect(code).toBe(0);
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      // every page A4: the Vorlage portrait, every other sheet landscape
      const sizes = execFileSync("pdfinfo", ["-f", "1", "-l", String(pages), pdf], { encoding: "utf8" });
      const portrait = (p: number) =>
        new RegExp(`Page\\s+${p} size:\\s+595\\.\\d+ x 841\\.\\d+ pts \\(A4\\)`).test(sizes);
      const landscape = (p: number) =>
        new RegExp(`Page\\s+${p} size:\\s+841\\.\\d+ x 595\\.\\d+ pts \\(A4\\)`).test(sizes);

      // each page's header names its sheet (centre of the page header)
      const perSheet = new Map<string, string[]>();
      for (let p = 1; p <= pages; p++) {
        const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], {
          encoding: "utf8",
        });
        const layout = execFileSync("pdftotext", ["-layout", "-f", String(p), "-l", String(p), pdf, "-"], {
          encoding: "utf8",
        });
        const headerLine = layout.split("\n").find((l) => /Budget .* · Stand /.test(l)) ?? "";
        const sheet = Object.keys(PAGE_BOUNDS).find((name) => new RegExp(`\\s${name}\\s`).test(headerLine));
        expect(sheet).toBeDefined();
        expect({ page: p, sheet, a4: sheet === "Vorlage" ? portrait(p) : landscape(p) }).toEqual({
          page: p,
          sheet,
          a4: true,
        });
        perSheet.set(sheet!, [...(perSheet.get(sheet!) ?? []), text]);
      }
      for (const [sheet, bound] of Object.entries(PAGE_BOUNDS)) {
        const count = perSheet.get(sheet)?.length ?? 0;
        expect({ sheet, count, within: count >= 1 && count <= bound }).toEqual({
          sheet,
          count,
          within: true,
        });
      }
      expect(pages).toBeLessThanOrEqual(12);

      // every word of every header row printed whole: the header texts come from the written sheets
      const { PackageWorkbook } = await import("../../src/workbook/xlsx/packageWorkbook");
      const book = await PackageWorkbook.fromFile(path.join(dir, "out.xlsx"));
      for (const sheet of ["Verteilung", "Einrichtungen", "Normbereiche"]) {
        const headers = (await book.readTable(sheet)).headers.filter(
          (h): h is string => typeof h === "string",
        );
        expect(headers.length).toBeGreaterThan(4);
        // pdftotext joins a word wrapped after its hyphen ("Kita-" / "Sozialarbeit" → "KitaSozialarbeit"):
        // compare without hyphens; a cut word ("Sozialarl") is in no printed token
        const tokens = perSheet
          .get(sheet)!
          .join("\n")
          .split(/\s+/)
          .map((t) => t.replace(/-/g, ""));
        const printed = (word: string) => tokens.some((t) => t.includes(word.replace(/-/g, "")));
        for (const header of headers)
          for (const word of headerWords(header)) {
            expect({ sheet, header, word, printed: printed(word) }).toEqual({
              sheet,
              header,
              word,
              printed: true,
            });
          }
      }

      // the Vorlage: every word of every text on it printed whole (its lines stay within the page)
      const vorlage = await book.readTable("Vorlage");
      const vorlageTokens = new Set(
        perSheet
          .get("Vorlage")!
          .join("\n")
          .split(/\s+/)
          .map((t) => t.replace(/-/g, "")),
      );
      const words = [vorlage.headers, ...vorlage.rows]
        .flat()
        .filter((v): v is string => typeof v === "string")
        .flatMap((t) => t.split(/\s+/))
        .filter((w) => w !== "");
      expect(words.length).toBeGreaterThan(200);
      const missing = words.filter(
        (w) => ![...vorlageTokens].some((t) => t.includes(w.replace(/-/g, "").replace(/\u00a0.*/, ""))),
      );
      expect(missing).toEqual([]);
    },
    240_000,
  );
});

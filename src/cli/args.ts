/**
 * Command-line arguments of `srb`: parsed with Node's `util.parseArgs`, no package.
 *
 * Parsing never throws: a usage problem comes back as `{ kind: "usage-error" }` with a German message,
 * the command turns it into exit status 1.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { isoOfTypedDate } from "../engine/adoption";

/** Everything `srb allocate` needs to know, with the default paths already filled in. */
export interface AllocateOptions {
  /** The input workbook (.xlsx); never modified. */
  workbook: string;
  /** Model file (`*.srb.json`); null = the model stored in the workbook. */
  modelFile: string | null;
  /** Output workbook; default `<input>-srb.xlsx` beside the input. */
  out: string;
  /** results.json; default `<input>-srb.json` beside the input. */
  json: string;
  /**
   * `--publication <datei.xlsx>`: a separate publication workbook (SPEC §7) — Sozialräume, Kitas only under
   * random codes, no names, no Kinder counts, no data sheet; null = none. The output workbook gets the key.
   */
  publication: string | null;
  /** Robustness analysis requested (see `cliHooks.robustness`). */
  robustness: boolean;
  /** No progress lines on stderr. */
  quiet: boolean;
  /**
   * `--adopt` / `--adopt-date`: store this run's allocation as the adopted one (Beschluss) in the output
   * workbook, dated `adoptDate` (ISO `YYYY-MM-DD`, typed as `TT.MM.JJJJ` or ISO; null = the day of the run). Optional (absent = off), so
   * that callers building options by hand need not name them.
   */
  adopt?: boolean;
  adoptDate?: string | null;
  /**
   * `--pdf [datei.pdf]`: the generated sheets also as a PDF, printed by LibreOffice (default: beside --out,
   * with .pdf); null/absent = no PDF.
   */
  pdf?: string | null;
  /** `--carry-forward`: distribute the budget by the adopted shares instead of recomputing the index. */
  carryForward?: boolean;
  /** `--compare <earlier.xlsx | earlier results.json>`: what to compare with (null = the adoption stored in the workbook). */
  compare?: string | null;
}

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "allocate"; options: AllocateOptions }
  | { kind: "usage-error"; message: string };

/** German help text (`srb --help`, `srb allocate --help`). */
export const HELP_TEXT = `SRB – Sozialraumbudget: Kita-Sozialindex und Budgetverteilung

Aufruf:
  srb allocate <arbeitsmappe.xlsx> [--model <datei.srb.json>] [--out <ausgabe.xlsx>] [--json <ergebnis.json>]

Berechnet den Sozialindex der Einrichtungen und verteilt das Budget auf die Sozialräume.
Die Eingabedatei wird nie verändert: SRB schreibt eine Kopie mit den erzeugten Blättern
(Vorlage für den Jugendhilfeausschuss, Verteilung, Einrichtungen, Normbereiche, Prüfbericht, Methode)
und speichert das Modell darin.

Optionen:
  --model <datei>   Modell aus dieser Datei (*.srb.json); sonst das in der Arbeitsmappe gespeicherte Modell
  --out <datei>     Ausgabe-Arbeitsmappe (Vorgabe: <eingabe>-srb.xlsx neben der Eingabe; aus einer Ausgabe
                    <name>-srb.xlsx wird <name>-srb (2).xlsx, dann (3) …)
  --json <datei>    Ergebnisse als JSON (Vorgabe: <eingabe>-srb.json neben der Eingabe, nummeriert wie --out,
                    auch wenn --out woanders hinschreibt)
  --publication <datei.xlsx>
                    zusätzlich eine Veröffentlichungsfassung als eigene Arbeitsmappe: Sozialräume, Kitas nur
                    unter zufälligen Codes, ohne Namen, Kinderzahlen und Datentabelle; Sozialräume mit weniger
                    als 3 Kitas ohne Einzelangaben. Der Codeschlüssel steht nur in der Ausgabe-Arbeitsmappe
  --robustness      zusätzlich die Robustheitsanalyse: Blatt „Robustheit“ und Feld „robustness“ im JSON
  --adopt           diese Verteilung als Beschluss in der Ausgabe-Arbeitsmappe festhalten (mit Datum von heute)
  --adopt-date <TT.MM.JJJJ>
                    wie --adopt, mit dem Datum des Beschlusses (z. B. der Sitzung des Jugendhilfeausschusses)
  --carry-forward   Fortschreibung: das Budget des Modells nach den beschlossenen Anteilen verteilen, ohne den
                    Index neu zu berechnen (Beschluss aus der Arbeitsmappe oder aus --compare)
  --compare <datei> mit einer früheren Verteilung vergleichen: Arbeitsmappe (.xlsx, ihr Beschluss oder ihre
                    Berechnung) oder Ergebnisdatei (.json); ohne --compare wird mit dem Beschluss in der
                    Arbeitsmappe verglichen, wenn es einen gibt. Ergebnis: Blatt „Veränderungen“, Feld „changes“
  --pdf [datei.pdf] die erzeugten Blätter zusätzlich als PDF, wie gedruckt (A4 quer, die Vorlage A4 hoch),
                    über LibreOffice (muss installiert sein); Vorgabe: neben --out mit der Endung .pdf
  --quiet           keine Fortschrittsmeldungen auf stderr (Fehlermeldungen erscheinen weiterhin)
  -h, --help        diese Hilfe
  --version         Version anzeigen

Rückgabewert:
  0  Verteilung berechnet
  1  Aufruf- oder Dateifehler (z. B. Datei nicht lesbar, unbekannte Option)
  2  blockierende Fehler in Daten oder Modell (auch: kein Modell, weder --model noch in der Arbeitsmappe):
     die JSON-Ergebnisdatei enthält alle Fehler mit Zelladresse, es wird keine Ausgabe-Arbeitsmappe geschrieben

Beispiele:
  srb allocate assets/sample/Musterstadt.xlsx --out out/Musterstadt-srb.xlsx
  srb allocate assets/sample/Musterstadt.xlsx --adopt-date 2022-03-15 --out out/Beschluss-2022.xlsx
  srb allocate assets/sample/Musterstadt-Folgejahr.xlsx --compare out/Beschluss-2022.xlsx
`;

/**
 * The default output path beside the input: `<dir>/<name>-srb<extension>`. An input that is itself an
 * output (`…-srb`, `…-srb (2)`) gets the next number instead of a second suffix: `Kreis-srb.xlsx` →
 * `Kreis-srb (2).xlsx`, never `Kreis-srb-srb.xlsx` (and never the input itself).
 *
 * @example defaultOutputPath("/daten/Kitas 2024.xlsx", ".xlsx") // => "/daten/Kitas 2024-srb.xlsx"
 * @example defaultOutputPath("Kreis-srb.xlsx", ".json") // => "Kreis-srb (2).json"
 * @example defaultOutputPath("Kreis-srb (2).xlsx", ".xlsx") // => "Kreis-srb (3).xlsx"
 */
export function defaultOutputPath(input: string, extension: string): string {
  const parsed = path.parse(input);
  const earlier = /^(.*-srb)(?: \((\d+)\))?$/i.exec(parsed.name);
  const stem = earlier ? `${earlier[1]} (${Number(earlier[2] ?? 1) + 1})` : `${parsed.name}-srb`;
  return path.join(parsed.dir, stem + extension);
}

/**
 * Parses the arguments after `srb` (i.e. `process.argv.slice(2)`).
 *
 * @example
 * parseCommandLine(["allocate", "a.xlsx", "--quiet"]);
 * // => { kind: "allocate", options: { workbook: "a.xlsx", out: "a-srb.xlsx", json: "a-srb.json", quiet: true, … } }
 * parseCommandLine(["allocate"]); // => { kind: "usage-error", message: "srb allocate: keine Arbeitsmappe angegeben …" }
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  let parsed: ReturnType<typeof parseWithNode>;
  const { rest: args, pdf: pdfArg } = takePdfOption(argv);
  try {
    parsed = parseWithNode(args);
  } catch (e) {
    return { kind: "usage-error", message: translateParseError(e) };
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: "version" };
  if (values.help) return { kind: "help" };
  const [command, ...rest] = positionals;
  if (command === undefined) {
    return {
      kind: "usage-error",
      message: "srb: kein Befehl angegeben. Aufruf: srb allocate <arbeitsmappe.xlsx>",
    };
  }
  if (command !== "allocate") {
    return {
      kind: "usage-error",
      message: `srb: unbekannter Befehl „${command}“. Erwartet: allocate (Hilfe: srb --help)`,
    };
  }
  if (rest.length === 0) {
    return {
      kind: "usage-error",
      message: "srb allocate: keine Arbeitsmappe angegeben. Aufruf: srb allocate <arbeitsmappe.xlsx>",
    };
  }
  if (rest.length > 1) {
    return {
      kind: "usage-error",
      message: `srb allocate: erwartet genau eine Arbeitsmappe, erhalten: ${rest.map((r) => `„${r}“`).join(", ")}`,
    };
  }
  // what the file really is (.xlsx, .xlsm, or .ods/.xlsb/encrypted …) is decided from its content
  const workbook = rest[0];
  for (const [name, value] of [
    ["--model", values.model],
    ["--out", values.out],
    ["--json", values.json],
    ["--compare", values.compare],
    ["--publication", values.publication],
  ] as const) {
    if (value !== undefined && value.trim() === "") {
      return { kind: "usage-error", message: `srb allocate: ${name} braucht einen Dateinamen` };
    }
  }
  const out = values.out ?? defaultOutputPath(workbook, /\.xlsm$/i.test(workbook) ? ".xlsm" : ".xlsx");
  if (!/\.xls[xm]$/i.test(out)) {
    return {
      kind: "usage-error",
      message: `srb allocate: --out „${out}“ muss auf .xlsx (oder .xlsm für Arbeitsmappen mit Makros) enden`,
    };
  }
  const publication = values.publication ?? null;
  if (publication !== null && !/\.xlsx$/i.test(publication)) {
    return {
      kind: "usage-error",
      message: `srb allocate: --publication „${publication}“ muss auf .xlsx enden (die Veröffentlichungsfassung ist eine eigene Arbeitsmappe)`,
    };
  }
  const pdf = pdfArg === undefined ? null : pdfArg === "" ? out.replace(/\.xls[xm]$/i, ".pdf") : pdfArg;
  if (pdf !== null && !/\.pdf$/i.test(pdf)) {
    return { kind: "usage-error", message: `srb allocate: --pdf „${pdf}“ muss auf .pdf enden` };
  }
  const compare = values.compare ?? null;
  if (compare !== null && !/\.(xlsx|json)$/i.test(compare)) {
    return {
      kind: "usage-error",
      message: `srb allocate: --compare „${compare}“ muss eine Arbeitsmappe (.xlsx) oder eine Ergebnisdatei (.json) sein`,
    };
  }
  // the date as a German writes it (15.03.2027) or as ISO (2027-03-15); stored as ISO
  const typedDate = values["adopt-date"] ?? null;
  const adoptDate = typedDate === null ? null : isoOfTypedDate(typedDate);
  if (typedDate !== null && adoptDate === null) {
    return {
      kind: "usage-error",
      message: `srb allocate: --adopt-date „${typedDate}“ ist kein gültiges Datum. Erwartet: TT.MM.JJJJ oder JJJJ-MM-TT, z. B. 15.03.2027`,
    };
  }
  const carryForward = values["carry-forward"] === true;
  if (carryForward && values.robustness === true) {
    return {
      kind: "usage-error",
      message:
        "srb allocate: --carry-forward und --robustness schließen sich aus: bei der Fortschreibung wird der Index nicht neu berechnet",
    };
  }
  return {
    kind: "allocate",
    options: {
      workbook,
      modelFile: values.model ?? null,
      out,
      json: values.json ?? defaultOutputPath(workbook, ".json"),
      publication,
      robustness: values.robustness === true,
      quiet: values.quiet === true,
      adopt: values.adopt === true || adoptDate !== null,
      adoptDate,
      carryForward,
      compare,
      pdf,
    },
  };
}

/**
 * `--pdf` takes an optional file name: `--pdf`, `--pdf datei.pdf` or `--pdf=datei.pdf` (a following
 * argument counts as its file only when it ends in .pdf). Returns the other arguments and the file ("" for
 * the default, undefined when `--pdf` is absent).
 *
 * @example takePdfOption(["allocate", "a.xlsx", "--pdf"]); // => { rest: ["allocate", "a.xlsx"], pdf: "" }
 * @example takePdfOption(["--pdf", "b.pdf", "a.xlsx"]); // => { rest: ["a.xlsx"], pdf: "b.pdf" }
 */
export function takePdfOption(argv: readonly string[]): { rest: string[]; pdf: string | undefined } {
  const rest: string[] = [];
  let pdf: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith("--pdf=")) pdf = a.slice("--pdf=".length);
    else if (a === "--pdf") {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("-") && /\.pdf$/i.test(next)) {
        pdf = next;
        i++;
      } else pdf = "";
    } else rest.push(a);
  }
  return { rest, pdf };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      model: { type: "string" },
      out: { type: "string" },
      json: { type: "string" },
      publication: { type: "string" },
      robustness: { type: "boolean" },
      quiet: { type: "boolean" },
      adopt: { type: "boolean" },
      "adopt-date": { type: "string" },
      "carry-forward": { type: "boolean" },
      compare: { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
    },
  });
}

/** Node's parseArgs errors are English; the user gets German. */
function translateParseError(e: unknown): string {
  const code = (e as { code?: string }).code;
  const text = e instanceof Error ? e.message : String(e);
  const option = /'([^']+)'/.exec(text)?.[1]?.replace(/ <value>$/, "");
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `srb: unbekannte Option „${option ?? text}“ (Hilfe: srb --help)`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take/i.test(text)
        ? `srb: Option „${option ?? text}“ erlaubt keinen Wert (Hilfe: srb --help)`
        : `srb: Option „${option ?? text}“ braucht einen Wert (Hilfe: srb --help)`;
    default:
      return `srb: ungültiger Aufruf: ${text} (Hilfe: srb --help)`;
  }
}

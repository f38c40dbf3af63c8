/**
 * Command-line arguments of `srb`: parsed with Node's `util.parseArgs`, no package.
 *
 * Parsing never throws: a usage problem comes back as `{ kind: "usage-error" }` with a German message,
 * the command turns it into exit status 1.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";

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
  /** Unit names replaced by neutral codes on the generated sheets. */
  publication: boolean;
  /** Robustness analysis requested (see `cliHooks.robustness`). */
  robustness: boolean;
  /** No progress lines on stderr. */
  quiet: boolean;
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
(Verteilung, Einrichtungen, Normbereiche, Prüfbericht, Methode) und speichert das Modell darin.

Optionen:
  --model <datei>   Modell aus dieser Datei (*.srb.json); sonst das in der Arbeitsmappe gespeicherte Modell
  --out <datei>     Ausgabe-Arbeitsmappe (Vorgabe: <eingabe>-srb.xlsx neben der Eingabe)
  --json <datei>    Ergebnisse als JSON (Vorgabe: <eingabe>-srb.json neben der Eingabe)
  --publication     Veröffentlichungsmodus: neutrale Codes statt Namen der Einrichtungen
  --robustness      zusätzlich die Robustheitsanalyse: Blatt „Robustheit“ und Feld „robustness“ im JSON
  --quiet           keine Fortschrittsmeldungen auf stderr (Fehlermeldungen erscheinen weiterhin)
  -h, --help        diese Hilfe
  --version         Version anzeigen

Rückgabewert:
  0  Verteilung berechnet
  1  Aufruf- oder Dateifehler (z. B. Datei nicht lesbar, unbekannte Option)
  2  blockierende Datenfehler: die JSON-Ergebnisdatei enthält alle Fehler mit Zelladresse,
     es wird keine Ausgabe-Arbeitsmappe geschrieben

Beispiel:
  srb allocate assets/sample/Musterstadt.xlsx --out out/Musterstadt-srb.xlsx
`;

/**
 * The default output path beside the input: `<dir>/<name><suffix>`.
 *
 * @example defaultOutputPath("/daten/Kitas 2024.xlsx", "-srb.xlsx") // => "/daten/Kitas 2024-srb.xlsx"
 */
export function defaultOutputPath(input: string, suffix: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, parsed.name + suffix);
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
  try {
    parsed = parseWithNode(argv);
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
  ] as const) {
    if (value !== undefined && value.trim() === "") {
      return { kind: "usage-error", message: `srb allocate: ${name} braucht einen Dateinamen` };
    }
  }
  const out =
    values.out ?? defaultOutputPath(workbook, /\.xlsm$/i.test(workbook) ? "-srb.xlsm" : "-srb.xlsx");
  if (!/\.xls[xm]$/i.test(out)) {
    return {
      kind: "usage-error",
      message: `srb allocate: --out „${out}“ muss auf .xlsx (oder .xlsm für Arbeitsmappen mit Makros) enden`,
    };
  }
  return {
    kind: "allocate",
    options: {
      workbook,
      modelFile: values.model ?? null,
      out,
      json: values.json ?? defaultOutputPath(workbook, "-srb.json"),
      publication: values.publication === true,
      robustness: values.robustness === true,
      quiet: values.quiet === true,
    },
  };
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
      publication: { type: "boolean" },
      robustness: { type: "boolean" },
      quiet: { type: "boolean" },
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

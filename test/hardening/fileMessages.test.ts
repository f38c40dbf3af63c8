/**
 * The file messages of the bad-input catalogue (docs/bad-inputs.md, section "Arbeitsmappe: Dateiart und
 * gespeichertes Modell") against the code: every file kind SRB cannot read, the damaged stored model and the
 * store that lists user sheets without fingerprints, an earlier SRB sheet the user added to or that cannot be
 * read back. These are no issues (no issue code), so
 * badInputs.test.ts does not see them; this test regenerates each message from the code with the example
 * values the catalogue names and asserts that the quoted messages of the section are exactly those – a
 * message that drifted, a kind without an entry or an entry without a kind fails.
 */
import fs from "node:fs";
import path from "node:path";
import { damagedModelMessage } from "../../src/workbook/store";
import {
  editedNote,
  keptSheetNote,
  uncheckedSheetNote,
  unprovenNote,
  unreadableNote,
} from "../../src/workbook/writePlan";
import { fileKindProblem, type FileKind } from "../../src/workbook/xlsx/fileKind";

const CATALOGUE = path.join(__dirname, "..", "..", "docs", "bad-inputs.md");
const HEADING = "## Arbeitsmappe: Dateiart und gespeichertes Modell";

/** Every kind SRB cannot read, with the file name its catalogue entry uses. */
const UNREADABLE: Record<Exclude<FileKind, "xlsx" | "xlsm">, string> = {
  encrypted: "Kitas.xlsx",
  xlsb: "Kitas.xlsb",
  ods: "Kitas.ods",
  opendocument: "Bericht.odt",
  "word-or-powerpoint": "Bericht.docx",
  "zip-without-workbook": "Kitas.zip",
  xls: "Kitas.xls",
  ole: "Alt.doc",
  damaged: "Kitas.xlsx",
  empty: "Kitas.xlsx",
  other: "Kitas.csv",
};

/** The section's text, from its heading to the next "## " heading. */
function section(): string {
  const text = fs.readFileSync(CATALOGUE, "utf8");
  const start = text.indexOf(HEADING);
  if (start < 0) throw new Error(`Abschnitt „${HEADING}“ fehlt in docs/bad-inputs.md`);
  const next = text.indexOf("\n## ", start + HEADING.length);
  return text.slice(start, next < 0 ? undefined : next);
}

/** The quoted messages ("  > …" lines) of the section. */
function quoted(): string[] {
  return [...section().matchAll(/^\s*> (.+)$/gm)].map((m) => m[1].trim());
}

function expectedMessages(): string[] {
  return [
    ...Object.entries(UNREADABLE).map(([kind, file]) => fileKindProblem(kind as FileKind, file)!),
    damagedModelMessage("_SRB", [3]),
    damagedModelMessage("_SRB", [3, 4, 5]),
    unprovenNote("Notizen"),
    editedNote("Verteilung"),
    unreadableNote("Verteilung", "Blatt „Verteilung“ ist zu groß für SRB: …"),
    keptSheetNote("Robustheit"),
    uncheckedSheetNote("Robustheit"),
  ];
}

test("the catalogue quotes exactly the messages the code gives, in both directions", () => {
  const documented = quoted();
  const expected = expectedMessages();
  expect(documented.filter((m) => !expected.includes(m))).toEqual([]);
  expect(expected.filter((m) => !documented.includes(m))).toEqual([]);
  expect(documented).toHaveLength(expected.length);
});

test("every kind SRB cannot read has a message naming the file, and an entry naming the kind", () => {
  const text = section();
  for (const [kind, file] of Object.entries(UNREADABLE)) {
    const message = fileKindProblem(kind as FileKind, file);
    expect(message).toContain(`„${file}“`);
    expect(text).toContain(`(\`${kind}\`, Datei „${file}“)`);
  }
  expect(fileKindProblem("xlsx", "Kitas.xlsx")).toBeNull();
  expect(fileKindProblem("xlsm", "Kitas.xlsm")).toBeNull();
});

test("the damaged-model message names the store sheet and the rows, never 'kein gespeichertes Modell'", () => {
  for (const [rows, where] of [
    [[7], "Zeile 7"],
    [[2, 3, 9], "Zeilen 2–9"],
    [[], "Zeile 1"],
  ] as const) {
    const message = damagedModelMessage("_SRB (2)", rows);
    expect(message).toContain("„_SRB (2)“");
    expect(message).toContain(`${where} (Spalte B)`);
    expect(message).toContain("beschädigt");
    expect(message).not.toMatch(/kein gespeichertes Modell/i);
  }
});

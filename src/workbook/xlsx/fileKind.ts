/**
 * What kind of file the user gave SRB, from its bytes (never from its name): an Excel workbook SRB can
 * read (.xlsx, .xlsm), or something else that deserves a message saying what it is and what to do.
 * Pure, used by the command line and the standalone page alike.
 */
import { readContentTypes, readRelationships, relIs, contentTypeOf, REL } from "./xmlParts";
import { PackageError, ZipArchive } from "./zipArchive";

export type FileKind =
  | "xlsx"
  | "xlsm"
  | "xlsb"
  | "ods"
  | "opendocument"
  | "word-or-powerpoint"
  | "zip-without-workbook"
  | "encrypted"
  | "xls"
  | "ole"
  | "damaged"
  | "empty"
  | "other";

/** UTF-16LE bytes of a name as it stands in a compound file directory. */
function utf16(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - needle.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** Compound file (OLE) magic: D0 CF 11 E0 A1 B1 1A E1. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Identifies a file by its content.
 *
 * @example identifyFileKind(await readFile("Kitas.xlsx")); // => "xlsx"
 * @example identifyFileKind(await readFile("geschützt.xlsx")); // => "encrypted" (Excel's password file is an OLE container)
 */
export function identifyFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return "empty";
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    if (contains(bytes, utf16("EncryptedPackage")) || contains(bytes, utf16("EncryptionInfo")))
      return "encrypted";
    if (contains(bytes, utf16("Workbook")) || contains(bytes, utf16("Book"))) return "xls";
    return "ole";
  }
  if (!ZipArchive.looksLikeZip(bytes)) return "other";
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(bytes);
  } catch (e) {
    if (e instanceof PackageError) return "damaged";
    throw e;
  }
  try {
    if (zip.entry("mimetype")) {
      const mime = zip.text("mimetype", 1024) ?? "";
      return mime.includes("opendocument.spreadsheet") ? "ods" : "opendocument";
    }
    if (!zip.entry("[Content_Types].xml")) return "zip-without-workbook";
    const rel = readRelationships(zip, "").find((r) => relIs(r.type, REL.officeDocument) && !r.external);
    if (!rel || !zip.entry(rel.target)) return "zip-without-workbook";
    const type = contentTypeOf(readContentTypes(zip), rel.target) ?? "";
    if (/\.bin$/i.test(rel.target) || type.includes("binary")) return "xlsb";
    if (
      type.includes("wordprocessingml") ||
      type.includes("presentationml") ||
      type.includes("ms-word") ||
      type.includes("ms-powerpoint")
    )
      return "word-or-powerpoint";
    if (type.includes("macroEnabled")) return "xlsm";
    if (type.includes("spreadsheetml") || type.includes("ms-excel")) return "xlsx";
    return "zip-without-workbook";
  } catch (e) {
    if (e instanceof PackageError) return "damaged";
    throw e;
  }
}

const SAVE_AS =
  "Bitte in Excel (oder LibreOffice Calc) öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ speichern.";

/**
 * Why SRB cannot read a file of this kind, in German, naming the file and what to do; null for .xlsx/.xlsm.
 *
 * @example fileKindProblem("ods", "Kitas.ods"); // => "„Kitas.ods“ ist eine OpenDocument-Tabelle (.ods), keine Excel-Arbeitsmappe. Bitte …"
 */
export function fileKindProblem(kind: FileKind, fileName?: string): string | null {
  const f = fileName ? `„${fileName}“` : "Die Datei";
  switch (kind) {
    case "xlsx":
    case "xlsm":
      return null;
    case "encrypted":
      return (
        `${f} ist passwortgeschützt (verschlüsselt). SRB kann sie so nicht lesen: bitte in Excel öffnen und ` +
        `ohne Kennwort speichern (Datei → Informationen → Arbeitsmappe schützen → Mit Kennwort verschlüsseln: Kennwort löschen).`
      );
    case "xlsb":
      return `${f} ist eine Excel-Binärarbeitsmappe (.xlsb), die SRB nicht lesen kann. ${SAVE_AS}`;
    case "ods":
      return `${f} ist eine OpenDocument-Tabelle (.ods), keine Excel-Arbeitsmappe. ${SAVE_AS}`;
    case "opendocument":
      return `${f} ist ein OpenDocument-Dokument, aber keine Tabelle. Erwartet wird eine Excel-Arbeitsmappe (.xlsx).`;
    case "word-or-powerpoint":
      return `${f} ist ein Word- oder PowerPoint-Dokument, keine Excel-Arbeitsmappe. Erwartet wird eine .xlsx-Datei.`;
    case "zip-without-workbook":
      return `${f} ist ein Zip-Archiv, enthält aber keine Excel-Arbeitsmappe. Erwartet wird eine .xlsx-Datei. ${SAVE_AS}`;
    case "xls":
      return `${f} ist eine Arbeitsmappe im alten Excel-Format (.xls, Excel 97–2003). ${SAVE_AS}`;
    case "ole":
      return `${f} ist ein älteres Office-Dokument, keine .xlsx-Arbeitsmappe. ${SAVE_AS}`;
    case "damaged":
      return `${f} ist beschädigt oder unvollständig (das Zip-Archiv ist nicht lesbar). Bitte die Originaldatei erneut speichern oder übertragen.`;
    case "empty":
      return `${f} ist leer (0 Byte). Erwartet wird eine .xlsx-Arbeitsmappe.`;
    case "other":
      return `${f} ist keine Excel-Arbeitsmappe (weder .xlsx noch ein anderes Office-Format). ${SAVE_AS}`;
  }
}

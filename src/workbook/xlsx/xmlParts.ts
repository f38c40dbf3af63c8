/**
 * XML of package parts, parsed with a streaming parser (saxes): namespaces resolved (so `x:`-prefixed
 * SpreadsheetML reads like unprefixed), no DTD and no entities but XML's five and character references,
 * linear time whatever the input. Plus the few structural parts every package has: content types and
 * relationships. The bulk parts (a worksheet's cells, the shared strings) are read by `SheetScanner`
 * (sheetScanner.ts) instead, with the same refusals.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
import { PackageError, type ZipArchive } from "./zipArchive";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  /** Strict OOXML (ISO 29500 strict) spelling of the main namespace. */
  mainStrict: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  relStrict: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  /** Markup compatibility (`mc:AlternateContent`, `mc:Choice`, `mc:Fallback`). */
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
};

export const REL = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  sharedStrings: "/sharedStrings",
  styles: "/styles",
  drawing: "/drawing",
  chart: "/chart",
  calcChain: "/calcChain",
  table: "/table",
};

/** Does a relationship type end in this kind (transitional and strict namespaces alike)? */
export function relIs(type: string, kind: string): boolean {
  return type.endsWith(kind) && (type.startsWith(NS.rel) || type.startsWith(NS.relStrict));
}

export interface XmlHandlers {
  open?(tag: SaxesTagNS, parser: SaxesParser<{ xmlns: true; position: true }>): void;
  close?(tag: SaxesTagNS, parser: SaxesParser<{ xmlns: true; position: true }>): void;
  text?(text: string): void;
}

/**
 * A streaming XML reader over text chunks. `write` as the chunks come, `end` once.
 *
 * @example
 * const xml = new XmlStream("xl/workbook.xml", { open: (t) => console.log(t.local) });
 * xml.write("<workbook><sheets/></workbook>"); xml.end(); // logs "workbook", "sheets"
 */
export class XmlStream {
  readonly parser: SaxesParser<{ xmlns: true; position: true }>;

  /** `positions`: track character offsets (for editing a part in place); off when streaming. */
  constructor(part: string, handlers: XmlHandlers, positions = true) {
    const parser = new SaxesParser({ xmlns: true, position: positions });
    this.parser = parser;
    parser.on("error", (e) => {
      throw new PackageError(
        `Die Datei ist beschädigt: Teil „${part}“ ist kein gültiges XML (${e.message.split("\n")[0].replace(/^undefined:/, "Zeile ")}).`,
      );
    });
    parser.on("doctype", () => {
      throw new PackageError(
        `Teil „${part}“ enthält eine DTD (<!DOCTYPE>): das kommt in .xlsx-Dateien nicht vor – SRB öffnet die Datei nicht.`,
      );
    });
    if (handlers.open) parser.on("opentag", (t) => handlers.open!(t as SaxesTagNS, parser));
    if (handlers.close) parser.on("closetag", (t) => handlers.close!(t as SaxesTagNS, parser));
    if (handlers.text) {
      parser.on("text", handlers.text);
      parser.on("cdata", handlers.text);
    }
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.close();
  }
}

/** Parses a whole text at once. */
export function parseXml(part: string, xml: string, handlers: XmlHandlers): void {
  const stream = new XmlStream(part, handlers);
  stream.write(xml);
  stream.end();
}

/** Streams a zip entry through the XML parser, chunk by chunk (never the whole part as one string). */
export function streamPart(zip: ZipArchive, part: string, handlers: XmlHandlers, cap?: number): boolean {
  const entry = zip.entry(part);
  if (!entry) return false;
  const stream = new XmlStream(part, handlers, false);
  const decoder = new TextDecoder("utf-8");
  zip.inflate(entry, (chunk) => stream.write(decoder.decode(chunk, { stream: true })), cap);
  stream.write(decoder.decode());
  stream.end();
  return true;
}

/** Attribute value by local name (any prefix), or undefined. */
export function attr(tag: SaxesTagNS, local: string, uri = ""): string | undefined {
  // an attribute in no namespace is unprefixed, so keyed by its local name (the fast, common case)
  if (uri === "") {
    const direct = Object.prototype.hasOwnProperty.call(tag.attributes, local)
      ? tag.attributes[local]
      : undefined;
    return direct !== undefined && direct.uri === "" ? direct.value : undefined;
  }
  for (const a of Object.values(tag.attributes)) {
    if (a.local === local && (a.uri === uri || (uri === NS.rel && a.uri === NS.relStrict))) return a.value;
  }
  return undefined;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The rels part that belongs to a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/**
 * Resolves a relationship target against its source part: relative ("../tables/table1.xml", as Excel and
 * LibreOffice write) and absolute ("/xl/tables/table1.xml", as openpyxl writes), percent-escapes decoded.
 *
 * @example resolveTarget("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml"); // => "xl/drawings/drawing1.xml"
 * @example resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml"); // => "xl/worksheets/sheet1.xml"
 */
export function resolveTarget(source: string, target: string): string {
  let t = target.split("#")[0];
  try {
    t = decodeURIComponent(t);
  } catch {
    // a malformed escape stays as written
  }
  const parts = t.startsWith("/")
    ? []
    : source
        .split("/")
        .slice(0, -1)
        .filter((s) => s !== "");
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

/**
 * The relationships of a part (empty when it has none).
 *
 * @example readRelationships(zip, "xl/workbook.xml")[0]; // => { id: "rId1", type: "…/worksheet", target: "xl/worksheets/sheet1.xml", external: false }
 */
export function readRelationships(zip: ZipArchive, source: string): Relationship[] {
  const rels: Relationship[] = [];
  const part = source === "" ? "_rels/.rels" : relsPartOf(source);
  streamPart(
    zip,
    part,
    {
      open(tag) {
        if (tag.local !== "Relationship") return;
        const external = attr(tag, "TargetMode") === "External";
        const target = attr(tag, "Target") ?? "";
        rels.push({
          id: attr(tag, "Id") ?? "",
          type: attr(tag, "Type") ?? "",
          target: external ? target : resolveTarget(source === "" ? "/" : source, target),
          external,
        });
      },
    },
    16 * 1024 * 1024,
  );
  return rels;
}

/** Content types: extension defaults and part overrides (part names lower-case, without leading "/"). */
export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function readContentTypes(zip: ZipArchive): ContentTypes {
  const types: ContentTypes = { defaults: new Map(), overrides: new Map() };
  streamPart(
    zip,
    "[Content_Types].xml",
    {
      open(tag) {
        if (tag.local === "Default") {
          types.defaults.set((attr(tag, "Extension") ?? "").toLowerCase(), attr(tag, "ContentType") ?? "");
        } else if (tag.local === "Override") {
          const part = (attr(tag, "PartName") ?? "").replace(/^\//, "").toLowerCase();
          types.overrides.set(part, attr(tag, "ContentType") ?? "");
        }
      },
    },
    16 * 1024 * 1024,
  );
  return types;
}

/** The content type of a part. */
export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  const key = part.replace(/^\//, "").toLowerCase();
  const ext = key.slice(key.lastIndexOf(".") + 1);
  return types.overrides.get(key) ?? types.defaults.get(ext);
}

/**
 * Escapes text for XML content and attribute values; a carriage return as "&#13;" (raw, XML would read
 * it back as a line feed).
 *
 * @example escapeXml('A & "B"\r'); // => "A &amp; &quot;B&quot;&#13;"
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) =>
    c === "&"
      ? "&amp;"
      : c === "<"
        ? "&lt;"
        : c === ">"
          ? "&gt;"
          : c === '"'
            ? "&quot;"
            : c === "'"
              ? "&apos;"
              : "&#13;",
  );
}

/**
 * Native charts in .xlsx files written by exceljs (which cannot write charts): the finished workbook zip is
 * opened again and DrawingML parts are added for each `ChartSpec` — `xl/charts/chartN.xml` (clustered
 * column or line chart whose categories and series are references to the sheet's cells, with cached values
 * and series names from the header row), `xl/drawings/drawingN.xml` (a two-cell anchor at the spec's
 * anchor), the relationships sheet → drawing → chart, the `<drawing r:id=…/>` element in the sheet (in the
 * place the schema's element order demands) and the content types.
 *
 * Pure: zip bytes in, zip bytes out; no file system, runs in the browser (standalone mode) as in Node.
 * The XML written here is built from strings; every text that comes from data (sheet names, titles, cell
 * texts) goes through `xmlEscape`.
 */
import JSZip from "jszip";
import {
  CHART_NS as NS,
  CT_CHART,
  CT_DRAWING,
  REL_CHART,
  REL_DRAWING,
  chartXml,
  drawingXml,
  resolveChart,
  xmlEscape,
  type ResolvedChart,
} from "../../../src/workbook/chartParts";
import type { ChartSpec, SheetCell } from "../../../src/workbook/port";
import {
  NS as XML_NS,
  REL,
  attr,
  readRelationships,
  relIs,
  relsPartOf,
  resolveTarget,
  streamPart,
} from "../../../src/workbook/xlsx/xmlParts";
import { drawingObjects, type DrawingObjects } from "../../../src/workbook/xlsx/drawingObjects";
import { ZipArchive } from "../../../src/workbook/xlsx/zipArchive";

export type { ResolvedChart } from "../../../src/workbook/chartParts";

/** The charts of one written sheet, with the rows they were written from (for series names and caches). */
export interface SheetCharts {
  /** The name the sheet was written under. */
  sheet: string;
  charts: ChartSpec[];
  rows: SheetCell[][];
}

/** Drawing objects found on one sheet of an existing file (see `drawingsInXlsx`). */
export interface SheetDrawings extends DrawingObjects {
  sheet: string;
}

/**
 * Children of `<worksheet>` that must come after `<drawing>` (ECMA-376 CT_Worksheet sequence); the drawing
 * element goes before the first of them, else before `</worksheet>`.
 */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlUnescape(m[2] ?? m[3]) : undefined;
}

function parseRelationships(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({
    id: attribute(m[0], "Id") ?? "",
    type: attribute(m[0], "Type") ?? "",
    target: attribute(m[0], "Target") ?? "",
  }));
}

function relationshipsXml(rels: Relationship[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.package}">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${xmlEscape(r.id)}" Type="${xmlEscape(r.type)}" Target="${xmlEscape(r.target)}"/>`,
      )
      .join("") +
    `</Relationships>`
  );
}

/** Adds relationships to a rels file's XML (or a new one), keeping the existing ones; returns the new ids. */
function withRelationships(
  xml: string | undefined,
  added: { type: string; target: string }[],
): { xml: string; ids: string[] } {
  const rels = parseRelationships(xml);
  const used = new Set(rels.map((r) => r.id));
  const ids: string[] = [];
  let n = 1;
  for (const a of added) {
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    used.add(id);
    ids.push(id);
    rels.push({ id, type: a.type, target: a.target });
  }
  return { xml: relationshipsXml(rels), ids };
}

/** Sheet name → worksheet part path (e.g. "xl/worksheets/sheet2.xml"), from workbook.xml and its rels. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = parseRelationships(await zip.file("xl/_rels/workbook.xml.rels")?.async("string"));
  const byId = new Map(rels.map((r) => [r.id, resolveTarget("xl/workbook.xml", r.target)]));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(m[0], "name");
    const id = attribute(m[0], "r:id");
    const part = id ? byId.get(id) : undefined;
    if (name !== undefined && part) out.set(name, part);
  }
  return out;
}

/**
 * Where `<drawing>` goes in a worksheet's XML: before the first top-level child that the schema puts after
 * it, else before `</worksheet>`. The scan starts after `</sheetData>` (everything up to it precedes
 * `<drawing>` anyway, and a sheet of 100 000 rows is not tokenised needlessly). Returns -1 when the sheet
 * already has a `<drawing>` (one per sheet is allowed) or the XML is not understood.
 */
function drawingInsertPosition(sheetXml: string): number {
  const close = sheetXml.indexOf("</sheetData>");
  const selfClosing = /<sheetData\s*\/>/.exec(sheetXml);
  const start =
    close >= 0 ? close + "</sheetData>".length : selfClosing ? selfClosing.index + selfClosing[0].length : -1;
  if (start < 0) return -1;
  let depth = 0;
  const tag = /<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  tag.lastIndex = start;
  for (let m = tag.exec(sheetXml); m; m = tag.exec(sheetXml)) {
    if (m[3] === undefined) continue; // comment or processing instruction
    const closing = m[1] === "/";
    const name = m[3];
    if (closing) {
      if (depth === 0) return name === "worksheet" ? m.index : -1;
      depth--;
      continue;
    }
    if (depth === 0) {
      if (name === "drawing") return -1;
      if (AFTER_DRAWING.has(name)) return m.index;
    }
    if (m[4] !== "/") depth++;
  }
  return -1;
}

function nextFreeNumber(zip: JSZip, folder: string, stem: string): () => number {
  let n = 1;
  return () => {
    while (zip.file(`${folder}/${stem}${n}.xml`)) n++;
    return n++;
  };
}

/**
 * Adds native charts to an .xlsx written by exceljs: for every sheet in `sheets` that has charts, a
 * drawing with one chart per valid `ChartSpec`. Charts whose range is not on the sheet, or whose sheet is
 * missing, are skipped with a German note. Files without charts to add come back unchanged (same bytes).
 *
 * @example
 * const { xlsx, notes } = await addChartsToXlsx(await workbook.xlsx.writeBuffer(), [
 *   { sheet: "Verteilung", rows, charts: [{ kind: "bar", title: "Anteile", firstRow: 1, lastRow: 9,
 *     categoryColumn: 1, seriesColumns: [6], anchor: "N2" }] },
 * ]);
 * notes; // => []
 */
export async function addChartsToXlsx(
  xlsx: Uint8Array,
  sheets: SheetCharts[],
): Promise<{ xlsx: Uint8Array; notes: string[] }> {
  const notes: string[] = [];
  const wanted = sheets.filter((s) => s.charts.length > 0);
  if (wanted.length === 0) return { xlsx, notes };
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  const nextDrawing = nextFreeNumber(zip, "xl/drawings", "drawing");
  const nextChart = nextFreeNumber(zip, "xl/charts", "chart");
  const overrides: { part: string; type: string }[] = [];
  for (const { sheet, charts, rows } of wanted) {
    const part = parts.get(sheet);
    const sheetXml = part ? await zip.file(part)?.async("string") : undefined;
    const resolved: ResolvedChart[] = [];
    for (const spec of charts) {
      const r = resolveChart(sheet, spec, rows);
      if ("note" in r) notes.push(r.note);
      else resolved.push(r.chart);
    }
    if (resolved.length === 0) continue;
    const at = sheetXml === undefined ? -1 : drawingInsertPosition(sheetXml);
    if (!part || sheetXml === undefined || at < 0) {
      for (const c of resolved) {
        notes.push(
          `Blatt „${sheet}“: Diagramm „${c.spec.title}“ nicht erstellt (das Blatt hat schon eine Zeichnungsebene ` +
            `oder fehlt in der Datei); die Daten stehen in den Zeilen ${c.spec.firstRow}–${c.spec.lastRow}.`,
        );
      }
      continue;
    }
    const drawingPart = `xl/drawings/drawing${nextDrawing()}.xml`;
    const chartParts = resolved.map(() => `xl/charts/chart${nextChart()}.xml`);
    const drawingRels = withRelationships(
      undefined,
      chartParts.map((p) => ({ type: REL_CHART, target: `../charts/${p.split("/").pop()}` })),
    );
    resolved.forEach((c, i) => {
      zip.file(chartParts[i], chartXml(sheet, c));
      overrides.push({ part: chartParts[i], type: CT_CHART });
    });
    zip.file(drawingPart, drawingXml(resolved.map((chart, i) => ({ chart, relId: drawingRels.ids[i] }))));
    zip.file(relsPartOf(drawingPart), drawingRels.xml);
    overrides.push({ part: drawingPart, type: CT_DRAWING });

    const sheetRelsPath = relsPartOf(part);
    const sheetRels = withRelationships(await zip.file(sheetRelsPath)?.async("string"), [
      { type: REL_DRAWING, target: `../drawings/${drawingPart.split("/").pop()}` },
    ]);
    zip.file(sheetRelsPath, sheetRels.xml);
    const rootTag = /<(?:\w+:)?worksheet\b[^>]*>/.exec(sheetXml)?.[0] ?? "";
    const rPrefix = rootTag.includes(`xmlns:r="${NS.relationships}"`) ? "" : ` xmlns:r="${NS.relationships}"`;
    zip.file(
      part,
      `${sheetXml.slice(0, at)}<drawing${rPrefix} r:id="${sheetRels.ids[0]}"/>${sheetXml.slice(at)}`,
    );
  }
  if (overrides.length === 0) return { xlsx, notes };
  const typesXml = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  const add = overrides
    .map((o) => `<Override PartName="/${xmlEscape(o.part)}" ContentType="${o.type}"/>`)
    .join("");
  zip.file("[Content_Types].xml", typesXml.replace(/<\/Types>\s*$/, `${add}</Types>`));
  const out = await zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  return { xlsx: out, notes };
}

/**
 * The drawing objects on each sheet of an .xlsx file: charts, shapes (text boxes, arrows, groups) and
 * pictures. exceljs keeps none of the charts and shapes when it saves a workbook it has read, so the .xlsx
 * adapter warns with this before it overwrites the file. Unreadable files give an empty list.
 *
 * Parts are found through the relationships and read by a streaming XML parser: linear in the size of the
 * drawing, whatever it holds (150,000 XML comments included), and capped like every part SRB inflates.
 *
 * @example (await drawingsInXlsx(bytes)).filter((d) => d.charts > 0); // => [{ sheet: "Auswertung", charts: 1, srbCharts: 0, shapes: 0, pictures: 0 }]
 */
export async function drawingsInXlsx(xlsx: Uint8Array | ArrayBuffer): Promise<SheetDrawings[]> {
  try {
    const zip = ZipArchive.open(xlsx instanceof Uint8Array ? xlsx : new Uint8Array(xlsx));
    const root = readRelationships(zip, "").find((r) => relIs(r.type, REL.officeDocument) && !r.external);
    if (!root) return [];
    const rels = new Map(readRelationships(zip, root.target).map((r) => [r.id, r]));
    const sheets: { name: string; part: string }[] = [];
    streamPart(zip, root.target, {
      open(tag) {
        if (tag.local !== "sheet") return;
        const rel = rels.get(attr(tag, "id", XML_NS.rel) ?? "");
        if (rel && !rel.external) sheets.push({ name: attr(tag, "name") ?? "", part: rel.target });
      },
    });
    const out: SheetDrawings[] = [];
    for (const { name, part } of sheets) {
      const found: SheetDrawings = { sheet: name, ...drawingObjects(zip, part) };
      if (found.charts + found.shapes + found.pictures > 0) out.push(found);
    }
    return out;
  } catch {
    return [];
  }
}

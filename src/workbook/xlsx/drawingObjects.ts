/**
 * What a sheet's drawing holds, counted from the package: SRB's own sheets hold only the charts SRB named,
 * so a picture, shape, text box or other chart on one of them is the user's (`PackageWorkbook` then keeps
 * the sheet), and the exceljs adapter warns before it drops them (`drawingsInXlsx`).
 */
import { NS, REL, attr, readRelationships, relIs, streamPart } from "./xmlParts";
import type { ZipArchive } from "./zipArchive";
import { srbChartsAmong } from "../srbCharts";

/** What a drawing holds, by kind. */
export interface DrawingObjects {
  /** Charts (graphic frames that reference a chart part). */
  charts: number;
  /** Of those, the charts SRB drew (named by `srbChartName`); the others are the user's. */
  srbCharts: number;
  /** Shapes, text boxes, connectors and groups. */
  shapes: number;
  /** Pictures. */
  pictures: number;
}

/**
 * The drawing objects on one sheet part of a package: charts, pictures, and shapes, text boxes,
 * connectors and groups, summed over its drawings (`drawingPartObjects`).
 *
 * @example drawingObjects(zip, "xl/worksheets/sheet2.xml"); // => { charts: 1, srbCharts: 1, shapes: 0, pictures: 0 }
 */
export function drawingObjects(zip: ZipArchive, sheetPart: string): DrawingObjects {
  const found = { charts: 0, srbCharts: 0, shapes: 0, pictures: 0 };
  for (const rel of readRelationships(zip, sheetPart)) {
    if (rel.external || !relIs(rel.type, REL.drawing)) continue;
    const one = drawingPartObjects(zip, rel.target);
    found.charts += one.charts;
    found.srbCharts += one.srbCharts;
    found.shapes += one.shapes;
    found.pictures += one.pictures;
  }
  return found;
}

/** What one anchor of a drawing holds, its object's name and, for a chart, its relationship id. */
interface Anchor {
  chart: boolean;
  pic: boolean;
  shape: boolean;
  name: string | null;
  chartRel: string | null;
}

/**
 * The objects of one drawing part, counted by its anchors. Streamed, linear in the drawing's size. An
 * anchor wrapped in `mc:AlternateContent` counts as its `mc:Choice`; an `mc:Fallback` (the same object
 * for older readers) is not counted. A chart is SRB's (`srbChartsAmong`) only when its anchor holds
 * nothing else: SRB's chart grouped with a shape of the user's is the user's.
 *
 * @example drawingPartObjects(zip, "xl/drawings/drawing1.xml"); // => { charts: 1, srbCharts: 1, shapes: 0, pictures: 0 }
 */
export function drawingPartObjects(zip: ZipArchive, drawingPart: string): DrawingObjects {
  const found = { charts: 0, srbCharts: 0, shapes: 0, pictures: 0 };
  let depth = 0;
  let anchor: Anchor | null = null;
  let anchorDepth = 0;
  let fallbackDepth = 0; // > 0 inside an mc:Fallback
  const lone: Anchor[] = []; // anchors that hold one chart and nothing else
  streamPart(zip, drawingPart, {
    open(tag) {
      depth++;
      if (fallbackDepth > 0) return;
      if (tag.local === "Fallback" && tag.uri === NS.mc) fallbackDepth = depth;
      else if (!anchor && /^(twoCellAnchor|oneCellAnchor|absoluteAnchor)$/.test(tag.local)) {
        anchor = { chart: false, pic: false, shape: false, name: null, chartRel: null };
        anchorDepth = depth;
      } else if (anchor) {
        // the anchor's first object name is its top object's (a chart's graphic frame)
        if (tag.local === "cNvPr" && anchor.name === null) anchor.name = attr(tag, "name") ?? "";
        if (tag.local === "graphicData" && (attr(tag, "uri") ?? "").includes("drawingml/2006/chart"))
          anchor.chart = true;
        else if (tag.local === "chart" && anchor.chart) anchor.chartRel = attr(tag, "id", NS.rel) ?? null;
        else if (tag.local === "pic") anchor.pic = true;
        else if (tag.local === "sp" || tag.local === "grpSp" || tag.local === "cxnSp") anchor.shape = true;
      }
    },
    close() {
      if (fallbackDepth === depth) fallbackDepth = 0;
      else if (fallbackDepth === 0 && anchor && depth === anchorDepth) {
        const a = anchor as Anchor;
        if (a.chart) {
          found.charts++;
          if (!a.pic && !a.shape) lone.push(a);
        } else if (a.pic && !a.shape) found.pictures++;
        else found.shapes++;
        anchor = null;
      }
      depth--;
    },
  });
  if (lone.length > 0) {
    // the drawing's chart parts by id, read only when a chart's title is asked
    let rels: Map<string, string> | null = null;
    const titleOf = (rel: string | null): string | null => {
      if (rel === null) return null;
      rels ??= new Map(
        readRelationships(zip, drawingPart)
          .filter((r) => !r.external && relIs(r.type, REL.chart))
          .map((r) => [r.id, r.target]),
      );
      const part = rels.get(rel);
      return part !== undefined && zip.entry(part) ? chartTitle(zip, part) : null;
    };
    const srb = srbChartsAmong(lone.map((a) => ({ name: a.name, title: () => titleOf(a.chartRel) })));
    found.srbCharts = srb.filter((s) => s).length;
  }
  return found;
}

/**
 * The title of a chart part as its text (the runs of `chart/title`, not an axis title); null without one.
 * Streamed: a chart part holds its cached values, hundreds of kilobytes for 10,000 Kitas.
 *
 * @example chartTitle(zip, "xl/charts/chart1.xml"); // => "Anteile der Sozialräume am Budget"
 */
export function chartTitle(zip: ZipArchive, chartPart: string): string | null {
  let depth = 0;
  let inTitle = false;
  let inRun = false;
  let text: string | null = null;
  streamPart(zip, chartPart, {
    open(tag) {
      depth++;
      // chartSpace (1) › chart (2) › title (3) › … › the text runs' a:t
      if (depth === 3 && tag.local === "title" && text === null) {
        inTitle = true;
        text = "";
      } else if (inTitle && tag.local === "t") inRun = true;
    },
    close(tag) {
      if (inTitle && depth === 3) inTitle = false;
      else if (tag.local === "t") inRun = false;
      depth--;
    },
    text(t) {
      if (inRun) text += t;
    },
  });
  return text;
}

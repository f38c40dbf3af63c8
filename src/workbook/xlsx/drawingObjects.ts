/**
 * What a sheet's drawing holds, counted from the package: SRB's own sheets hold charts only, so a picture,
 * shape or text box on one of them is the user's (`PackageWorkbook` then keeps the sheet), and the exceljs
 * adapter warns before it drops them (`drawingsInXlsx`).
 */
import { REL, attr, readRelationships, relIs, streamPart } from "./xmlParts";
import type { ZipArchive } from "./zipArchive";

/** What a drawing holds, by kind. */
export interface DrawingObjects {
  /** Charts (graphic frames that reference a chart part). */
  charts: number;
  /** Shapes, text boxes, connectors and groups. */
  shapes: number;
  /** Pictures. */
  pictures: number;
}

/**
 * The drawing objects on one sheet part of a package: charts, pictures, and shapes, text boxes,
 * connectors and groups, summed over its drawings (`drawingPartObjects`).
 *
 * @example drawingObjects(zip, "xl/worksheets/sheet2.xml"); // => { charts: 1, shapes: 0, pictures: 0 }
 */
export function drawingObjects(zip: ZipArchive, sheetPart: string): DrawingObjects {
  const found = { charts: 0, shapes: 0, pictures: 0 };
  for (const rel of readRelationships(zip, sheetPart)) {
    if (rel.external || !relIs(rel.type, REL.drawing)) continue;
    const one = drawingPartObjects(zip, rel.target);
    found.charts += one.charts;
    found.shapes += one.shapes;
    found.pictures += one.pictures;
  }
  return found;
}

/**
 * The objects of one drawing part, counted by its anchors. Streamed, linear in the drawing's size.
 *
 * @example drawingPartObjects(zip, "xl/drawings/drawing1.xml"); // => { charts: 1, shapes: 0, pictures: 0 }
 */
export function drawingPartObjects(zip: ZipArchive, drawingPart: string): DrawingObjects {
  const found = { charts: 0, shapes: 0, pictures: 0 };
  let depth = 0;
  let anchor: { chart: boolean; pic: boolean; shape: boolean } | null = null;
  streamPart(zip, drawingPart, {
    open(tag) {
      depth++;
      if (depth === 2 && /^(twoCellAnchor|oneCellAnchor|absoluteAnchor)$/.test(tag.local)) {
        anchor = { chart: false, pic: false, shape: false };
      } else if (anchor) {
        if (tag.local === "graphicData" && (attr(tag, "uri") ?? "").includes("drawingml/2006/chart"))
          anchor.chart = true;
        else if (tag.local === "pic") anchor.pic = true;
        else if (tag.local === "sp" || tag.local === "grpSp" || tag.local === "cxnSp") anchor.shape = true;
      }
    },
    close() {
      if (depth === 2 && anchor) {
        const a = anchor as { chart: boolean; pic: boolean; shape: boolean };
        if (a.chart) found.charts++;
        else if (a.pic && !a.shape) found.pictures++;
        else found.shapes++;
        anchor = null;
      }
      depth--;
    },
  });
  return found;
}

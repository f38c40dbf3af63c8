/**
 * The `.xlsx` adapter of the workbook port by package surgery: the output is the input package with SRB's
 * own parts added or replaced — its sheets (with their drawings and charts), the `_SRB` store, the styles
 * they use (appended), and the entries that list them (workbook, its relationships, content types). Every
 * other zip entry is copied as its original compressed bytes: user sheets, charts, shapes, pictures, pivot
 * tables, comments, defined names, external links, the VBA project, document properties stay exactly as
 * they were. Parts are found through relationships, never by file name; only the parts SRB needs are
 * inflated, each capped (zipArchive.ts), and sheets are read as a stream (sheetReader.ts).
 *
 * Re-runs replace SRB's sheets in place (same name, sheetId and part), so references to them stay valid.
 * A sheet counts as SRB's only when its content still has the fingerprint recorded in the store.
 *
 * Pure apart from `fromFile`/`saveAs`, which reach the file system through `process.getBuiltinModule`
 * at call time: the browser bundle never sees an `fs` import.
 */
import { SrbUsageError } from "../../engine/issues";
import { isColumnTotalFormula } from "../../engine/columnTotalFormula";
import { a1, columnLetters, type CellValue, type RawTable } from "../../engine/table";
import type { GridTable, SheetGrid } from "../../engine/tableLocation";
import type { SheetSpec, StoredAdoptionRecords, WorkbookPort, WriteReport } from "../port";
import { noSuchSheet, resolveSheetName, sameSheetName } from "../sheetNames";
import {
  storedModelOf,
  decodeStore,
  adoptionRecordsOf,
  encodeStore,
  storeKept,
  earlierNumberText,
  sheetFingerprint,
  type DecodedStore,
  type FingerprintCell,
  type StoreRow,
  type StoreContent,
} from "../store";
import {
  CT_CHART,
  CT_DRAWING,
  REL_CHART,
  REL_DRAWING,
  chartXml,
  drawingXml,
  resolveChart,
} from "../chartParts";
import type { ResolvedChart } from "../chartParts";
import { isStoreContent, planWrite, storeCandidates, type PlannedTable } from "../writePlan";
import { drawingPartObjects } from "./drawingObjects";
import { fileKindProblem, identifyFileKind } from "./fileKind";
import { readCellFormats, readGrid, readSharedStrings, type SheetContext } from "./sheetReader";
import { sheetPart, sheetXml } from "./sheetWriter";
import { MINIMAL_STYLES, StylesEditor } from "./stylesEditor";
import {
  NS,
  REL,
  attr,
  escapeXml,
  parseXml,
  readRelationships,
  relIs,
  relsPartOf,
  type Relationship,
} from "./xmlParts";
import {
  PackageError,
  ZipArchive,
  deflateAhead,
  isBytes,
  type DeflatedPart,
  writeZip,
  type ZipEntry,
  type ZipOutput,
} from "./zipArchive";
import { nodeFs } from "../nodeFs";

const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const REL_WORKSHEET = `${NS.rel}/worksheet`;
const REL_STYLES = `${NS.rel}/styles`;
const REL_TABLE = `${NS.rel}/table`;
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
/** Largest workbook.xml, rels or styles part SRB edits. */
const MAX_META_BYTES = 64 * 1024 * 1024;

/** A `<sheet>` of workbook.xml with where it stands in the text. */
interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: string;
  /** Worksheet part (undefined for chart sheets and sheets whose part is missing). */
  part?: string;
  worksheet: boolean;
  start: number;
  end: number;
}

interface Structure {
  workbookPart: string;
  workbookXml: string;
  sheets: SheetEntry[];
  /** Offset of "</sheets>" (where new sheets go). */
  sheetsClose: number;
  sheetsPrefix: string;
  rels: Relationship[];
  relsRaw: { id: string; type: string; target: string; mode?: string }[];
  date1904: boolean;
  stylesPart?: string;
  sharedStringsPart?: string;
}

const encoder = new TextEncoder();

/** A package with one empty sheet "Tabelle1", the start of `PackageWorkbook.empty()`. */
function emptyPackage(): Uint8Array {
  const f = (name: string, text: string): ZipOutput => ({ name, data: encoder.encode(text) });
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
  return writeZip([
    f(
      "[Content_Types].xml",
      `${head}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/></Types>`,
    ),
    f(
      "_rels/.rels",
      `${head}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${NS.rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    f(
      "xl/workbook.xml",
      `${head}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets></workbook>`,
    ),
    f(
      "xl/_rels/workbook.xml.rels",
      `${head}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${REL_STYLES}" Target="styles.xml"/></Relationships>`,
    ),
    f("xl/styles.xml", MINIMAL_STYLES),
  ]);
}

/** Lower-case key of a part name. */
const key = (part: string) => part.replace(/^\//, "").toLowerCase();

/** The target of a relationship from `source` to `part`, relative as Excel writes it. */
function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

function relsXml(rels: { id: string; type: string; target: string; mode?: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"` +
          `${r.mode ? ` TargetMode="${escapeXml(r.mode)}"` : ""}/>`,
      )
      .join("") +
    `</Relationships>`
  );
}

/** Raw (unresolved) relationships of a part, as written, for rewriting the rels part. */
function rawRelationships(
  zip: ZipArchive,
  source: string,
): { id: string; type: string; target: string; mode?: string }[] {
  const text = zip.text(relsPartOf(source), MAX_META_BYTES);
  if (text === undefined) return [];
  const out: { id: string; type: string; target: string; mode?: string }[] = [];
  parseXml(relsPartOf(source), text, {
    open(tag) {
      if (tag.local !== "Relationship") return;
      out.push({
        id: attr(tag, "Id") ?? "",
        type: attr(tag, "Type") ?? "",
        target: attr(tag, "Target") ?? "",
        mode: attr(tag, "TargetMode"),
      });
    },
  });
  return out;
}

function freeId(used: Iterable<string>): () => string {
  const taken = new Set(used);
  let n = 1;
  return () => {
    while (taken.has(`rId${n}`)) n++;
    taken.add(`rId${n}`);
    return `rId${n}`;
  };
}

/**
 * The `.xlsx` workbook adapter by package surgery.
 *
 * @example
 * const book = await PackageWorkbook.fromFile("Kitas.xlsm");
 * const table = await book.readTable("Kitas");
 * await book.writeGeneratedSheets(allocationSheets(allocation, ctx));
 * await book.saveAs("Kitas-Verteilung.xlsm"); // macros, charts, pivots … of the input unchanged
 */
export class PackageWorkbook implements WorkbookPort {
  private zip: ZipArchive;
  private structure!: Structure;
  private context: SheetContext | null = null;
  /** The shared strings as read before the last write, when that write copied their part unchanged. */
  private keptSharedStrings: string[] | undefined;
  /** The store as found in the current package (null: not looked for since the last write). */
  private store: { sheet: string; content: DecodedStore } | undefined | null = null;

  /** "xlsm" when the workbook carries macros (its output must keep the .xlsm extension). */
  kind: "xlsx" | "xlsm" = "xlsx";

  private constructor(bytes: Uint8Array) {
    this.zip = ZipArchive.open(bytes);
    this.structure = this.readStructure();
  }

  /** A new workbook without sheets (an empty "Tabelle1" is added on saving if nothing else is visible). */
  static empty(): PackageWorkbook {
    return new PackageWorkbook(emptyPackage());
  }

  /**
   * Opens an .xlsx/.xlsm package from its bytes (browser and Node). Anything else — .ods, .xlsb, an
   * encrypted workbook, a zip without a workbook — is a German `SrbUsageError` saying what the file is.
   *
   * @example const book = await PackageWorkbook.fromBuffer(await file.arrayBuffer(), file.name);
   */
  static async fromBuffer(buffer: ArrayBuffer | Uint8Array, fileName?: string): Promise<PackageWorkbook> {
    const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    const kind = identifyFileKind(bytes);
    if (kind === "damaged") {
      // the container's own reason (too big, Zip64, a part cut off) says more than "damaged"
      try {
        ZipArchive.open(bytes);
      } catch (e) {
        if (e instanceof PackageError) {
          throw new SrbUsageError(fileName ? `„${fileName}“: ${e.message}` : e.message);
        }
      }
    }
    const problem = fileKindProblem(kind, fileName);
    if (problem) throw new SrbUsageError(problem);
    const book = new PackageWorkbook(bytes);
    if (kind === "xlsm") book.kind = "xlsm";
    return book;
  }

  /** Opens a file (Node only). */
  static async fromFile(path: string): Promise<PackageWorkbook> {
    const name = path.split(/[\\/]/).pop() ?? path;
    return PackageWorkbook.fromBuffer(await nodeFs().readFile(path), name);
  }

  /** The package as bytes (a visible sheet is added if the workbook has none). */
  async toBuffer(): Promise<Uint8Array> {
    this.withVisibleSheet();
    // the browser stores big new parts first and deflates them here, natively (zipArchive.ts)
    this.zip = await this.zip.finished();
    return this.zip.bytes;
  }

  /**
   * `toBuffer`'s bytes as pieces in order, never joined into one buffer (zipArchive.ts `finishedPieces`):
   * for writing the package to a file.
   *
   * @example await handle.writev(await book.toPieces()); // the file holds what toBuffer() gives
   */
  async toPieces(): Promise<Uint8Array[]> {
    this.withVisibleSheet();
    return this.zip.finishedPieces();
  }

  /** Adds a visible sheet if the workbook has none (Excel opens no workbook without one). */
  private withVisibleSheet(): void {
    if (!this.structure.sheets.some((s) => s.state === "visible")) {
      const name = resolveSheetName(
        "Tabelle1",
        this.structure.sheets.map((s) => s.name),
      );
      this.commit(
        this.addSheets([
          {
            name,
            xml: sheetXml({ rows: [] }, new StylesEditor(MINIMAL_STYLES), { store: true }).xml,
            state: "visible",
          },
        ]),
      );
    }
  }

  /** Writes the package to a file (Node only). */
  async saveAs(path: string): Promise<void> {
    await nodeFs().writeFile(path, await this.toBuffer());
  }

  async sheetNames(): Promise<string[]> {
    const store = this.storeEntry();
    return this.structure.sheets.filter((s) => s.worksheet && s !== store).map((s) => s.name);
  }

  /**
   * The sheet a user named, to be read as data, its part and shared strings inflated ahead: never the
   * store (a German usage error, as for a sheet the workbook lacks); a sheet the workbook lists whose part
   * is missing from the package is damage, and said so (Excel would repair the file).
   */
  private async dataSheet(sheet: string): Promise<SheetEntry & { part: string }> {
    const entry = this.findSheet(sheet);
    if (!entry || entry === this.storeEntry() || !entry.part) throw noSuchSheet(sheet);
    if (!this.zip.entry(entry.part)) {
      throw new PackageError(
        `Die Datei ist beschädigt: Das Tabellenblatt „${entry.name}“ ist in der Arbeitsmappe verzeichnet, ` +
          `sein Teil „${entry.part}“ fehlt aber. Bitte in Excel öffnen (Excel bietet an, die Datei zu reparieren) und neu speichern.`,
      );
    }
    await this.zip.prepare([entry.part, this.structure.sharedStringsPart]);
    return entry as SheetEntry & { part: string };
  }

  async readTable(sheet: string): Promise<RawTable> {
    const entry = await this.dataSheet(sheet);
    const grid = readGrid(this.zip, entry.part, this.ctx(), entry.name);
    const [headers = [], ...rows] = grid.values;
    const table: RawTable & { formats?: (string | null)[][] } = {
      sheet: entry.name,
      headers,
      rows,
      headerRow: 1,
      firstColumn: 1,
      formats: grid.formats.slice(1),
    };
    return table;
  }

  /**
   * The used range from A1 with what locating the Kita table needs: number formats, the rows holding a
   * formula that totals the column above (`=SUM(C4:C30)`, an Excel totals row's SUBTOTAL), hidden rows
   * (`<row hidden="1">`, by hand or by a filter) and the sheet's Excel tables (header row and data body,
   * the totals row left out). Tables found through the sheet's relationships, whatever path style the
   * writer used (openpyxl: "/xl/tables/table1.xml").
   *
   * @example (await book.readGrid("Kitas")).tables?.[0]; // => { name: "Kitas", headerRow: 3, firstDataRow: 4, lastDataRow: 30, … }
   */
  async readGrid(sheet: string): Promise<SheetGrid> {
    const entry = await this.dataSheet(sheet);
    const grid = readGrid(this.zip, entry.part, this.ctx(), entry.name, true);
    const sumFormulaRows: number[] = [];
    grid.formulas!.forEach((line, r) => {
      if (line.some((f) => f !== undefined && isColumnTotalFormula(f, r + 1))) sumFormulaRows.push(r + 1);
    });
    const tables: GridTable[] = [];
    for (const t of this.tablesOf(entry.part)) {
      const area = t.ref === undefined ? null : parseRef(t.ref);
      if (area === null || t.headerRows < 1) continue; // a table without a header row names no columns
      const headerRow = area.top + t.headerRows - 1;
      tables.push({
        name: t.name,
        headerRow,
        firstDataRow: headerRow + 1,
        lastDataRow: area.bottom - t.totalsRows,
        firstColumn: area.left,
        lastColumn: area.right,
        ...(t.totalsRows > 0 ? { totalsRow: area.bottom } : {}),
      });
    }
    return {
      sheet: entry.name,
      rows: grid.values,
      formats: grid.formats,
      hiddenRows: grid.hiddenRows,
      sumFormulaRows,
      tables,
      mergedRanges: grid.mergedRanges,
    };
  }

  /** The stored model, or null; a stored model whose JSON is damaged is a usage error saying where. */
  async readStoredModel(): Promise<unknown | null> {
    return storedModelOf(this.findStore());
  }

  async writeStoredModel(model: unknown): Promise<string> {
    const store = this.readStore();
    const sheet = this.storeSheetName();
    this.commitStore(sheet, { ...storeKept(store), model });
    return sheet;
  }

  /** The adopted allocations kept in the store (oldest first), and how many of them are damaged. */
  async readStoredAdoptions(): Promise<StoredAdoptionRecords> {
    return adoptionRecordsOf(this.findStore()?.content);
  }

  /** Replaces the stored adopted allocations; the store's model, sheet list and fingerprints are kept. */
  async writeStoredAdoptions(adoptions: unknown[]): Promise<void> {
    const store = this.readStore();
    this.commitStore(this.storeSheetName(), { ...storeKept(store), model: store.model, adoptions });
  }

  /**
   * Replaces SRB's generated sheets as the write plan decides (`planWrite`, writePlan.ts): SRB's unchanged
   * sheets are rewritten in place (same name, sheetId and part: the user's formulas that point at them stay
   * valid), their result tables keep their names and parts, everything else is the user's and stays.
   */
  async writeGeneratedSheets(sheets: SheetSpec[]): Promise<WriteReport> {
    const store = this.findStore();
    const listed = new Set((store?.content.generated ?? []).map((n) => n.toLowerCase()));
    const storeSheet = store ? this.findSheet(store.sheet) : undefined;
    const tablesBySheet = new Map<SheetEntry, TableInfo[]>();
    for (const e of this.structure.sheets) tablesBySheet.set(e, e.part ? this.tablesOf(e.part) : []);
    const plan = planWrite({
      sheets: this.structure.sheets.map((e) => ({
        name: e.name,
        visible: e.state === "visible",
        tables: (tablesBySheet.get(e) ?? []).map((t) => t.name),
        // only a worksheet SRB may have written is read back for its fingerprint
        ...(listed.has(e.name.toLowerCase()) && e !== storeSheet
          ? e.worksheet && e.part && this.zip.entry(e.part)
            ? this.readBack(e)
            : { fingerprint: "" }
          : {}),
      })),
      store,
      specs: sheets,
    });
    const notes = [...plan.notes];
    const changes = new Changes(this.zip, this.structure);
    const styles = changes.styles();
    // table ids are unique in the workbook: those of every table SRB does not replace are taken
    const replacedEntries = plan.replaced.map((n) => this.findSheet(n)!).filter(Boolean);
    const usedTableIds = new Set<number>();
    for (const [e, tables] of tablesBySheet)
      if (!replacedEntries.includes(e)) for (const t of tables) usedTableIds.add(t.id);
    const newSheets: NewSheet[] = [];
    const deflating: Promise<unknown>[] = [];
    for (const planned of plan.sheets) {
      const resolved: ResolvedChart[] = [];
      for (const chart of planned.charts) {
        // a missing (ragged) cell reads as blank
        const r = resolveChart(planned.name, chart, planned.rows);
        if ("note" in r) notes.push(r.note);
        else resolved.push(r.chart);
      }
      const reuse = planned.rewrite !== null ? this.findSheet(planned.rewrite) : undefined;
      const oldTables = reuse ? (tablesBySheet.get(reuse) ?? []) : [];
      const tables: PlacedTable[] = planned.tables.map((t) => {
        const old = oldTables.find((o) => o.name.toLowerCase() === t.name.toLowerCase());
        let id = old && !usedTableIds.has(old.id) ? old.id : 1;
        while (usedTableIds.has(id)) id++;
        usedTableIds.add(id);
        return { table: t, id, part: old?.part };
      });
      const drawingRelId = resolved.length > 0 ? "rId1" : undefined;
      const tableRelIds = tables.map((_, i) => `rId${i + 1 + (resolved.length > 0 ? 1 : 0)}`);
      const part = await sheetPart(planned, styles, { drawingRelId, tableRelIds });
      let xml: Uint8Array | DeflatedPart;
      if ("xml" in part) {
        xml = part.xml;
        // a big sheet deflates on zlib's thread pool while the next ones are written
        deflateAhead(xml);
      } else {
        // deflated as it was written (under Node, more than a megabyte): its last blocks while the next
        // sheets are written; filled in before the package is written
        const deflated: DeflatedPart = { deflated: new Uint8Array(0), crc: 0, size: 0 };
        deflating.push(part.deflated.then((d) => Object.assign(deflated, d)));
        xml = deflated;
      }
      changes.setPrintTitles(
        { entry: reuse?.part ? reuse : undefined, name: planned.name },
        planned.print.titleRows,
        planned.print.titleColumns,
      );
      if (reuse?.part) {
        changes.dropOwnedParts(reuse.part);
        changes.put(reuse.part, xml);
        changes.put(relsPartOf(reuse.part), null);
        changes.addSheetParts(reuse.part, planned.name, resolved, tables);
      } else {
        newSheets.push({ name: planned.name, xml, state: "visible", charts: resolved, tables });
      }
    }
    for (const name of plan.remove) {
      const e = this.findSheet(name);
      if (e) changes.removeSheet(e);
    }
    if (plan.replaced.length > 0) changes.dropCalcChain();
    if (plan.addBlankSheet !== null) {
      const name = plan.addBlankSheet;
      newSheets.push({
        name,
        xml: sheetXml({ rows: [] }, styles, { store: true }).xml,
        state: "visible",
      });
    }
    await Promise.all(deflating);
    changes.finishStyles();
    // the sheets and the store in one write (the store sheet added after the new sheets, as its own write did)
    this.commitStore(plan.store.sheet, plan.store.content, changes.withNewSheets(newSheets));
    return {
      sheets: plan.sheets.map((s) => ({ requested: s.requested, written: s.name })),
      replaced: plan.replaced,
      notes,
    };
  }

  /**
   * Removes SRB's hidden store sheet (model, generated-sheet records, adoptions). For a workbook that is
   * handed out as it is — the publication file — which must carry nothing of the working workbook.
   *
   * @example const pub = PackageWorkbook.empty(); await pub.writeGeneratedSheets(sheets); await pub.removeStore();
   */
  async removeStore(): Promise<void> {
    const store = this.storeEntry();
    if (!store) return;
    const changes = new Changes(this.zip, this.structure);
    changes.removeSheet(store);
    this.commit(changes);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  private ctx(): SheetContext {
    if (!this.context) {
      this.context = {
        sharedStrings:
          this.keptSharedStrings ?? readSharedStrings(this.zip, this.structure.sharedStringsPart),
        formats: readCellFormats(this.zip, this.structure.stylesPart),
        date1904: this.structure.date1904,
      };
    }
    return this.context;
  }

  private findSheet(name: string): SheetEntry | undefined {
    return this.structure.sheets.find((s) => sameSheetName(s.name, name));
  }

  /** The store sheet: the hidden "_SRB" (or "_SRB (n)") sheet that carries SRB's marker row. */
  private storeEntry(): SheetEntry | undefined {
    const found = this.findStore();
    return found ? this.findSheet(found.sheet) : undefined;
  }

  /** SRB's store and the sheet it is on, or undefined (a visible or unmarked "_SRB" is the user's). */
  private findStore(): { sheet: string; content: DecodedStore } | undefined {
    if (this.store === null) this.store = this.searchStore();
    return this.store;
  }

  private searchStore(): { sheet: string; content: DecodedStore } | undefined {
    const infos = this.structure.sheets
      .filter((e) => e.worksheet)
      .map((e) => ({ name: e.name, visible: e.state === "visible" }));
    for (const name of storeCandidates(infos)) {
      const e = this.findSheet(name);
      if (!e?.part || !this.zip.entry(e.part)) continue;
      const content = decodeStore(readGrid(this.zip, e.part, this.ctx(), e.name).values as CellValue[][]);
      if (isStoreContent(content)) return { sheet: e.name, content };
    }
    return undefined;
  }

  /** The Excel tables of a worksheet part (through its relationships). */
  private tablesOf(sheetPart: string): TableInfo[] {
    const out: TableInfo[] = [];
    for (const rel of readRelationships(this.zip, sheetPart)) {
      if (rel.external || !relIs(rel.type, REL.table)) continue;
      const text = this.zip.text(rel.target, MAX_META_BYTES);
      if (text === undefined) continue;
      let info: TableInfo | undefined;
      try {
        parseXml(rel.target, text, {
          open(tag) {
            if (info || tag.local !== "table") return;
            const count = (name: string, fallback: number) => {
              const n = Number(attr(tag, name) ?? fallback);
              return Number.isInteger(n) && n >= 0 ? n : fallback;
            };
            info = {
              name: attr(tag, "displayName") ?? attr(tag, "name") ?? "",
              id: Number(attr(tag, "id") ?? 0),
              part: rel.target,
              ref: attr(tag, "ref"),
              headerRows: count("headerRowCount", 1),
              totalsRows: count("totalsRowCount", 0),
            };
          },
        });
      } catch {
        // a damaged table part is the user's: SRB only avoids its name and id where it can read them
      }
      if (info) out.push(info);
    }
    return out;
  }

  /**
   * A listed sheet's fingerprint, or why it cannot be read back (damaged, too large for the reader): then it
   * is kept as the user's with a note, and the run goes on — one bad old sheet never stops the write.
   */
  private readBack(entry: SheetEntry): {
    fingerprint: string | null;
    earlierFingerprint?: () => string | null;
    unreadable?: string;
  } {
    try {
      // a picture, shape, chart, note or link the user added makes the sheet the user's, as an edited cell does
      // ("" never matches a recorded fingerprint): writing in place would delete it with SRB's charts
      if (this.holdsUserObjects(entry.part!)) return { fingerprint: "" };
      return {
        fingerprint: this.fingerprint(entry),
        earlierFingerprint: () => this.fingerprint(entry, earlierNumberText),
      };
    } catch (e) {
      if (e instanceof SrbUsageError) return { fingerprint: null, unreadable: e.message };
      throw e;
    }
  }

  /**
   * Does a sheet hold what SRB never writes there: anything its relationships name but tables, a drawing
   * and printer settings (which Excel adds on saving a sheet with a page set-up) — notes, legacy drawings,
   * background pictures, links — or a drawing with pictures, shapes or any chart but SRB's (`isSrbChart`)?
   */
  private holdsUserObjects(sheetPart: string): boolean {
    for (const rel of readRelationships(this.zip, sheetPart)) {
      if (rel.external) return true;
      if (relIs(rel.type, REL.table) || relIs(rel.type, "/printerSettings")) continue;
      if (!relIs(rel.type, REL.drawing)) return true;
      if (readRelationships(this.zip, rel.target).some((r) => r.external || !relIs(r.type, REL.chart)))
        return true;
      const found = drawingPartObjects(this.zip, rel.target);
      if (found.pictures + found.shapes + found.charts - found.srbCharts > 0) return true;
    }
    return false;
  }

  private fingerprint(entry: SheetEntry, numberText?: (x: number) => string): string {
    const grid = readGrid(this.zip, entry.part!, this.ctx(), entry.name, true);
    const cells: FingerprintCell[][] = grid.values.map((row, r) =>
      row.map((v, c) => {
        const f = grid.formulas![r][c]; // a row without formulas is empty: undefined
        return f !== undefined ? `=${f}` : (v as FingerprintCell);
      }),
    );
    return sheetFingerprint(cells, undefined, numberText);
  }

  private readStore(): DecodedStore {
    return this.findStore()?.content ?? decodeStore([]);
  }

  /** Where the store goes: the existing store sheet, or a free "_SRB"/"_SRB (n)" name. */
  private storeSheetName(): string {
    return (
      this.findStore()?.sheet ??
      planWrite({
        sheets: this.structure.sheets.map((e) => ({ name: e.name, visible: e.state === "visible" })),
        specs: [],
      }).store.sheet
    );
  }

  /**
   * Writes the store and remembers what it holds: the rows just written, decoded as a read of the sheet
   * would decode them (SRB's own texts and the version number, which the sheet gives back as they were),
   * so that the next read of the store does not parse the sheet again.
   */
  private commitStore(sheet: string, content: StoreContent, along?: Changes): void {
    const rows = encodeStore(content);
    this.commit(this.storeChanges(sheet, rows, along));
    const e = this.findSheet(sheet);
    const candidates = storeCandidates(
      this.structure.sheets
        .filter((s) => s.worksheet)
        .map((s) => ({ name: s.name, visible: s.state === "visible" })),
    );
    const decoded = decodeStore(rows);
    // the sheet just written is where a search would find the store (earlier candidates were not stores)
    this.store =
      e?.part && e.worksheet && candidates.includes(e.name) && isStoreContent(decoded)
        ? { sheet: e.name, content: decoded }
        : null;
  }

  /** The store written (into `along`, the changes of the same write, or a write of its own). */
  private storeChanges(sheet: string, stored: StoreRow[], along?: Changes): Changes {
    // the store's texts are SRB's own (JSON, chunked below Excel's cell limit, sheet names)
    const rows = stored.map(([k, v]) => [{ value: k }, { value: v }]);
    const changes = along ?? new Changes(this.zip, this.structure);
    const xml = sheetXml({ rows }, new StylesEditor(MINIMAL_STYLES), { store: true }).xml;
    const e = this.storeEntry();
    if (e?.part && sameSheetName(e.name, sheet)) {
      changes.put(e.part, xml);
      return changes;
    }
    return changes.withNewSheets([{ name: sheet, xml, state: "veryHidden" }]);
  }

  /** Adds sheets at the end of the workbook. */
  private addSheets(sheets: NewSheet[]): Changes {
    return new Changes(this.zip, this.structure).withNewSheets(sheets);
  }

  /**
   * Writes the changed package and reads its structure again. New parts are held as they are (not
   * deflated): a run writes the package more than once (the sheets with the store, then the model and the
   * adoptions swapped into the store), and each new part is deflated once, by `toBuffer` (the big ones
   * already on their way, zipArchive.ts `deflateHeld`).
   */
  private commit(changes: Changes): void {
    if (changes.empty) return;
    const strings = this.context?.sharedStrings;
    const stringsEntry = this.structure.sharedStringsPart
      ? this.zip.entry(this.structure.sharedStringsPart)
      : undefined;
    // only held parts replaced (the store written again): the same archive with their new bytes, no copy
    const replacements = changes.replacementsOnly();
    this.zip = (replacements && this.zip.replacingHeld(replacements)) ?? ZipArchive.open(changes.write());
    this.structure = this.readStructure();
    this.context = null;
    this.store = null;
    // SRB writes inline strings, so the shared strings part is copied as it was: read it once, not per write
    const now = this.structure.sharedStringsPart
      ? this.zip.entry(this.structure.sharedStringsPart)
      : undefined;
    this.keptSharedStrings = strings !== undefined && sameEntry(stringsEntry, now) ? strings : undefined;
  }

  private readStructure(): Structure {
    const zip = this.zip;
    const root = readRelationships(zip, "").find((r) => relIs(r.type, REL.officeDocument) && !r.external);
    const workbookPart = root?.target ?? "xl/workbook.xml";
    const workbookXml = zip.text(workbookPart, MAX_META_BYTES);
    if (workbookXml === undefined) {
      throw new SrbUsageError(
        "Die Datei enthält keine Arbeitsmappe (Teil „workbook.xml“ fehlt). Bitte als .xlsx speichern.",
      );
    }
    const rels = readRelationships(zip, workbookPart);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const sheets: SheetEntry[] = [];
    let sheetsClose = -1;
    let sheetsPrefix = "";
    let date1904 = false;
    let current: SheetEntry | null = null;
    parseXml(workbookPart, workbookXml, {
      open(tag, p) {
        if (tag.local === "sheets") sheetsPrefix = tag.prefix ? `${tag.prefix}:` : "";
        if (tag.local === "workbookPr") {
          const v = attr(tag, "date1904");
          date1904 = v === "1" || v === "true";
        }
        if (tag.local !== "sheet") return;
        const relId = attr(tag, "id", NS.rel) ?? "";
        const rel = byId.get(relId);
        current = {
          name: attr(tag, "name") ?? "",
          sheetId: Number(attr(tag, "sheetId") ?? 0),
          relId,
          state: attr(tag, "state") ?? "visible",
          part: rel && !rel.external ? rel.target : undefined,
          worksheet: rel !== undefined && relIs(rel.type, REL.worksheet),
          start: workbookXml.lastIndexOf("<", p.position - 1),
          end: p.position,
        };
        sheets.push(current);
      },
      close(tag, p) {
        if (tag.local === "sheet" && current) {
          current.end = p.position;
          current = null;
        }
        if (tag.local === "sheets")
          sheetsClose = tag.isSelfClosing ? -1 : workbookXml.lastIndexOf("</", p.position - 1);
      },
    });
    return {
      workbookPart,
      workbookXml,
      sheets,
      sheetsClose,
      sheetsPrefix,
      rels,
      relsRaw: rawRelationships(zip, workbookPart),
      date1904,
      stylesPart: rels.find((r) => relIs(r.type, REL.styles) && !r.external)?.target,
      sharedStringsPart: rels.find((r) => relIs(r.type, REL.sharedStrings) && !r.external)?.target,
    };
  }
}

/** A part deflated already (`sheetPart`), not bytes to deflate. */
function isDeflated(data: string | Uint8Array | DeflatedPart): data is DeflatedPart {
  return typeof data !== "string" && !isBytes(data);
}

/** What goes into the written archive for a new or replaced part. */
function outputOf(name: string, data: string | Uint8Array | DeflatedPart): ZipOutput {
  return isDeflated(data) ? { name, ...data } : { name, data: bytesOf(data) };
}

/** A part's bytes: text encoded as UTF-8, bytes as they are. */
function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? encoder.encode(data) : data;
}

/** Are two zip entries the same stored bytes (same name, checksum and sizes)? */
function sameEntry(a: ZipEntry | undefined, b: ZipEntry | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.name === b.name &&
    a.crc === b.crc &&
    a.size === b.size &&
    a.compressedSize === b.compressedSize &&
    a.method === b.method
  );
}

interface NewSheet {
  name: string;
  /** The sheet part (UTF-8, as `sheetXml` writes it), or that part deflated already (`sheetPart`). */
  xml: Uint8Array | DeflatedPart;
  state: "visible" | "veryHidden";
  charts?: ResolvedChart[];
  tables?: PlacedTable[];
}

type RawRel = { id: string; type: string; target: string };

/** An Excel table found in the package. */
interface TableInfo {
  name: string;
  id: number;
  part: string;
  /** The table's range, e.g. "A3:E31" (header, body and totals row). */
  ref?: string;
  /** `headerRowCount` (default 1; 0: no header row). */
  headerRows: number;
  /** `totalsRowCount` (default 0; 1 with a totals row, "Ergebniszeile"). */
  totalsRows: number;
}

/** "A3:E31" → 1-based corners; null for anything else. */
function parseRef(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (letters: string) =>
    [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(m[2]);
  const bottom = Number(m[4] ?? m[2]);
  const left = col(m[1]);
  const right = col(m[3] ?? m[1]);
  return bottom >= top && right >= left ? { top, left, bottom, right } : null;
}

/** A planned result table with its workbook-unique id and, on a re-run, the part it had. */
interface PlacedTable {
  table: PlannedTable;
  id: number;
  part?: string;
}

/**
 * A table part (ECMA-376 §18.5) over the planned range, header row included, no totals row; the column
 * names are the header cells' texts (the write plan read them from the cells it writes).
 *
 * @example tableXml({ name: "SRB_Verteilung", headerRow: 1, lastRow: 5, firstColumn: 1, lastColumn: 2, headers: ["Sozialraum", "Betrag"] }, 3);
 * // => '<?xml …?><table … id="3" name="SRB_Verteilung" displayName="SRB_Verteilung" ref="A1:B5" …>'
 */
function tableXml(t: PlannedTable, id: number): string {
  const ref = `${a1(t.headerRow, t.firstColumn)}:${a1(t.lastRow, t.lastColumn)}`;
  // a line break in a column name is stored as _x000a_ (ST_Xstring escaping), as Excel writes it
  const column = (h: string, i: number) =>
    `<tableColumn id="${i + 1}" name="${escapeXml(h.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005f_$1").replace(/\r?\n/g, "_x000a_"))}"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${NS.main}" id="${id}" name="${t.name}" displayName="${t.name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${t.headers.length}">${t.headers.map(column).join("")}</tableColumns>` +
    `<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/**
 * The changes of one write: parts put (text or null for deleted), and edits of the workbook part, its
 * relationships and the content types. `write()` copies every other entry untouched.
 */
class Changes {
  /** Parts put: text, bytes (UTF-8, a sheet), or null (deleted). */
  private readonly parts = new Map<
    string,
    { name: string; data: string | Uint8Array | DeflatedPart | null }
  >();
  private stylesEditor: StylesEditor | null = null;
  private stylesCreated = false;
  private readonly removed: SheetEntry[] = [];
  private readonly added: {
    name: string;
    entry: string;
    rel: { id: string; type: string; target: string };
  }[] = [];
  /** Print titles of SRB's sheets (rewritten: `entry`; new: by name), each replacing the sheet's old ones. */
  private readonly printTitles: {
    entry?: SheetEntry;
    name: string;
    rows: { first: number; last: number } | null;
    columns: { first: number; last: number } | null;
  }[] = [];
  private readonly overridesAdded: { part: string; type: string }[] = [];
  private readonly relsRemoved = new Set<string>();
  private workbookRelsAdded: { id: string; type: string; target: string }[] = [];
  private readonly nextRelId: () => string;

  constructor(
    private readonly zip: ZipArchive,
    private readonly structure: Structure,
  ) {
    this.nextRelId = freeId(structure.relsRaw.map((r) => r.id));
  }

  get empty(): boolean {
    return this.parts.size === 0 && this.removed.length === 0 && this.added.length === 0;
  }

  /**
   * The new bytes by part name when this write only replaces the content of existing parts (no part
   * added or removed, no edit of the workbook, its relationships, content types or styles): the store
   * sheet written again. Null otherwise.
   */
  replacementsOnly(): Map<string, Uint8Array> | null {
    const structural =
      this.removed.length > 0 ||
      this.added.length > 0 ||
      this.printTitles.length > 0 ||
      this.overridesAdded.length > 0 ||
      this.relsRemoved.size > 0 ||
      this.workbookRelsAdded.length > 0 ||
      this.stylesEditor !== null;
    if (structural) return null;
    const out = new Map<string, Uint8Array>();
    for (const p of this.parts.values()) {
      if (p.data === null || isDeflated(p.data) || this.zip.entry(p.name) === undefined) return null;
      out.set(p.name, bytesOf(p.data));
    }
    return out;
  }

  put(part: string, data: string | Uint8Array | DeflatedPart | null): void {
    this.parts.set(key(part), { name: part, data });
  }

  private exists(part: string): boolean {
    const p = this.parts.get(key(part));
    return p ? p.data !== null : this.zip.entry(part) !== undefined;
  }

  /** A free part name "folder/stemN.xml". */
  private freePart(folder: string, stem: string): string {
    for (let n = 1; ; n++) {
      const part = `${folder}/${stem}${n}.xml`;
      if (!this.exists(part)) return part;
    }
  }

  styles(): StylesEditor {
    if (!this.stylesEditor) {
      const part = this.structure.stylesPart;
      const text = part ? this.zip.text(part, MAX_META_BYTES) : undefined;
      this.stylesCreated = text === undefined;
      this.stylesEditor = new StylesEditor(text ?? MINIMAL_STYLES);
    }
    return this.stylesEditor;
  }

  finishStyles(): void {
    const styles = this.stylesEditor;
    if (!styles || !(styles.changed || this.stylesCreated)) return;
    if (this.stylesCreated) {
      const part = this.freePart(
        this.structure.workbookPart.split("/").slice(0, -1).join("/") || "xl",
        "styles",
      );
      this.put(part, styles.toXml());
      this.workbookRelsAdded.push({
        id: this.nextRelId(),
        type: REL_STYLES,
        target: relativeTarget(this.structure.workbookPart, part),
      });
      this.overridesAdded.push({ part, type: CT_STYLES });
    } else {
      this.put(this.structure.stylesPart!, styles.toXml());
    }
  }

  /** Deletes what hangs off an SRB sheet part: its tables, drawing and charts (the rels part is rewritten). */
  dropOwnedParts(sheetPart: string): void {
    for (const rel of readRelationships(this.zip, sheetPart)) {
      if (!rel.external && relIs(rel.type, REL.table)) this.put(rel.target, null);
      if (rel.external || !relIs(rel.type, REL.drawing)) continue;
      for (const chart of readRelationships(this.zip, rel.target)) {
        if (chart.external) continue;
        if (relIs(chart.type, REL.chart)) {
          for (const sub of readRelationships(this.zip, chart.target))
            if (!sub.external) this.put(sub.target, null);
          this.put(relsPartOf(chart.target), null);
        }
        this.put(chart.target, null);
      }
      this.put(relsPartOf(rel.target), null);
      this.put(rel.target, null);
    }
  }

  /** A drawing with these charts for a sheet part; returns the sheet's relationship to it (rId1). */
  private addCharts(sheet: string, charts: ResolvedChart[], sheetPart: string): RawRel {
    const drawing = this.freePart("xl/drawings", "drawing");
    this.put(drawing, "");
    const chartParts = charts.map(() => {
      const p = this.freePart("xl/charts", "chart");
      this.put(p, "");
      return p;
    });
    charts.forEach((c, i) => {
      this.put(chartParts[i], chartXml(sheet, c));
      this.overridesAdded.push({ part: chartParts[i], type: CT_CHART });
    });
    const ids = chartParts.map((_, i) => `rId${i + 1}`);
    this.put(drawing, drawingXml(charts.map((chart, i) => ({ chart, relId: ids[i] }))));
    this.put(
      relsPartOf(drawing),
      relsXml(
        chartParts.map((p, i) => ({ id: ids[i], type: REL_CHART, target: relativeTarget(drawing, p) })),
      ),
    );
    this.overridesAdded.push({ part: drawing, type: CT_DRAWING });
    return { id: "rId1", type: REL_DRAWING, target: relativeTarget(sheetPart, drawing) };
  }

  /**
   * The parts hanging off a generated sheet: its drawing with charts (rId1) and its result tables (the
   * next ids, as `sheetXml` numbered them), and the sheet's relationships to them.
   */
  addSheetParts(sheetPart: string, sheet: string, charts: ResolvedChart[], tables: PlacedTable[]): void {
    const rels: RawRel[] = [];
    if (charts.length > 0) rels.push(this.addCharts(sheet, charts, sheetPart));
    for (const t of tables) {
      const part = t.part && !this.exists(t.part) ? t.part : this.freePart("xl/tables", "table");
      this.put(part, tableXml(t.table, t.id));
      this.overridesAdded.push({ part, type: CT_TABLE });
      rels.push({ id: `rId${rels.length + 1}`, type: REL_TABLE, target: relativeTarget(sheetPart, part) });
    }
    if (rels.length > 0) this.put(relsPartOf(sheetPart), relsXml(rels));
  }

  /**
   * The rows a generated sheet repeats on every printed page: its `_xlnm.Print_Titles` name, local to the
   * sheet (`localSheetId`); an SRB sheet rewritten in place loses its old one first. `entry`: the sheet
   * rewritten in place, undefined for a sheet added by this write (found by `name`).
   */
  setPrintTitles(
    sheet: { entry?: SheetEntry; name: string },
    rows: { first: number; last: number } | null,
    columns: { first: number; last: number } | null = null,
  ): void {
    this.printTitles.push({ ...sheet, rows, columns });
  }

  /** Removes an SRB sheet: its `<sheet>`, relationship, content type, part, rels, drawing and charts. */
  removeSheet(entry: SheetEntry): void {
    this.removed.push(entry);
    this.relsRemoved.add(entry.relId);
    if (entry.part) {
      this.dropOwnedParts(entry.part);
      this.put(relsPartOf(entry.part), null);
      this.put(entry.part, null);
    }
  }

  /** calcChain lists formula cells by sheet; after SRB's sheets change, Excel rebuilds it. */
  dropCalcChain(): void {
    const rel = this.structure.rels.find((r) => relIs(r.type, REL.calcChain) && !r.external);
    if (!rel) return;
    this.relsRemoved.add(rel.id);
    this.put(rel.target, null);
  }

  withNewSheets(sheets: NewSheet[]): this {
    for (const s of sheets) {
      const part = this.freePart("xl/worksheets", "sheet");
      this.put(part, s.xml);
      const id = this.nextRelId();
      this.workbookRelsAdded.push({
        id,
        type: REL_WORKSHEET,
        target: relativeTarget(this.structure.workbookPart, part),
      });
      this.overridesAdded.push({ part, type: CT_WORKSHEET });
      this.addSheetParts(part, s.name, s.charts ?? [], s.tables ?? []);
      this.added.push({
        name: s.name,
        entry: this.sheetElement(s, id),
        rel: { id, type: REL_WORKSHEET, target: part },
      });
    }
    return this;
  }

  private maxSheetId = 0;

  private sheetElement(s: NewSheet, relId: string): string {
    if (this.maxSheetId === 0)
      this.maxSheetId = Math.max(0, ...this.structure.sheets.map((e) => e.sheetId || 0));
    const id = ++this.maxSheetId;
    const p = this.structure.sheetsPrefix;
    return `<${p}sheet name="${escapeXml(s.name)}" sheetId="${id}"${s.state !== "visible" ? ` state="${s.state}"` : ""} r:id="${relId}" xmlns:r="${NS.rel}"/>`;
  }

  /** The new workbook.xml: sheets removed (local names renumbered) and added. */
  private workbookXml(): string {
    const { workbookXml: xml, sheets } = this.structure;
    const removedIdx = this.removed.map((e) => sheets.indexOf(e)).sort((a, b) => a - b);
    const edits: { at: number; end: number; text: string }[] = [];
    for (const e of this.removed) edits.push({ at: e.start, end: e.end, text: "" });
    const addedXml = this.added.map((a) => a.entry).join("");
    if (addedXml) {
      if (this.structure.sheetsClose >= 0)
        edits.push({ at: this.structure.sheetsClose, end: this.structure.sheetsClose, text: addedXml });
      else {
        const m = /<([\w.-]+:)?sheets\s*\/>/.exec(xml);
        if (m)
          edits.push({
            at: m.index,
            end: m.index + m[0].length,
            text: `<${m[1] ?? ""}sheets>${addedXml}</${m[1] ?? ""}sheets>`,
          });
      }
    }
    const shift = (k: number) => k - removedIdx.filter((i) => i < k).length;
    const rewrittenIdx = this.printTitles
      .filter((t) => t.entry)
      .map((t) => sheets.indexOf(t.entry!))
      .filter((k) => k >= 0);
    const kept = sheets.length - removedIdx.length;
    const titles = this.printTitles
      .filter((t) => t.rows !== null || t.columns !== null)
      .map((t) => {
        const k = t.entry
          ? shift(sheets.indexOf(t.entry))
          : kept + this.added.findIndex((a) => a.name === t.name);
        const quoted = `'${t.name.replace(/'/g, "''")}'`;
        // columns first, then rows, as Excel writes it: 'Einrichtungen'!$A:$A,'Einrichtungen'!$1:$1
        const ranges = [
          ...(t.columns
            ? [`${quoted}!$${columnLetters(t.columns.first)}:$${columnLetters(t.columns.last)}`]
            : []),
          ...(t.rows ? [`${quoted}!$${t.rows.first}:$${t.rows.last}`] : []),
        ];
        return `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">${escapeXml(
          ranges.join(","),
        ).replace(/&apos;/g, "'")}</definedName>`;
      });
    let namesClose = -1;
    let namesSelfClosing: { at: number; end: number } | null = null;
    let namesAfter = -1;
    if (removedIdx.length > 0 || this.printTitles.length > 0) {
      parseXml(this.structure.workbookPart, xml, {
        open(tag, p) {
          const start = xml.lastIndexOf("<", p.position - 1);
          const openTag = xml.slice(start, p.position);
          if (tag.local === "definedNames" && tag.isSelfClosing)
            namesSelfClosing = { at: start, end: p.position };
          if (tag.local === "definedName") {
            const local = attr(tag, "localSheetId");
            if (local === undefined) return;
            const k = Number(local);
            const printTitles = (attr(tag, "name") ?? "").toLowerCase() === "_xlnm.print_titles";
            if (removedIdx.includes(k) || (printTitles && rewrittenIdx.includes(k))) {
              // a name local to a removed SRB sheet goes with it; a rewritten sheet gets new print titles
              const close = tag.isSelfClosing
                ? p.position
                : xml.indexOf(">", xml.indexOf("definedName>", p.position)) + 1;
              edits.push({ at: start, end: close, text: "" });
            } else if (shift(k) !== k) {
              edits.push({
                at: start,
                end: p.position,
                text: openTag.replace(/localSheetId\s*=\s*["']\d+["']/, `localSheetId="${shift(k)}"`),
              });
            }
          } else if (tag.local === "workbookView" && removedIdx.length > 0) {
            let t = openTag;
            for (const a of ["activeTab", "firstSheet"]) {
              const v = attr(tag, a);
              if (v === undefined) continue;
              const k = Number(v);
              const n = removedIdx.includes(k) ? 0 : shift(k);
              t = t.replace(new RegExp(`${a}\\s*=\\s*["']\\d+["']`), `${a}="${n}"`);
            }
            if (t !== openTag) edits.push({ at: start, end: p.position, text: t });
          }
        },
        close(tag, p) {
          if (tag.local === "definedNames" && !tag.isSelfClosing)
            namesClose = xml.lastIndexOf("</", p.position - 1);
          // definedNames follows sheets, functionGroups and externalReferences (CT_Workbook)
          if (["sheets", "functionGroups", "externalReferences"].includes(tag.local)) namesAfter = p.position;
        },
      });
    }
    if (titles.length > 0) {
      const p = this.structure.sheetsPrefix;
      const text = titles.join("").replace(/<(\/?)definedName/g, `<$1${p}definedName`);
      const selfClosing = namesSelfClosing as { at: number; end: number } | null;
      if (namesClose >= 0) edits.push({ at: namesClose, end: namesClose, text });
      else if (selfClosing)
        edits.push({
          at: selfClosing.at,
          end: selfClosing.end,
          text: `<${p}definedNames>${text}</${p}definedNames>`,
        });
      else if (namesAfter >= 0)
        edits.push({ at: namesAfter, end: namesAfter, text: `<${p}definedNames>${text}</${p}definedNames>` });
    }
    edits.sort((a, b) => b.at - a.at || b.end - a.end);
    let out = xml;
    for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
    return out;
  }

  private contentTypesXml(): string | null {
    const removedParts = new Set(
      [...this.parts.values()].filter((p) => p.data === null).map((p) => key(p.name)),
    );
    if (removedParts.size === 0 && this.overridesAdded.length === 0) return null;
    // an override about to be written again (a part name reused) replaces the old one
    for (const o of this.overridesAdded) removedParts.add(key(o.part));
    const xml = this.zip.text("[Content_Types].xml", MAX_META_BYTES) ?? "";
    const edits: { at: number; end: number; text: string }[] = [];
    let closeAt = -1;
    parseXml("[Content_Types].xml", xml, {
      open(tag, p) {
        if (tag.local !== "Override") return;
        const part = key(attr(tag, "PartName") ?? "");
        if (removedParts.has(part))
          edits.push({ at: xml.lastIndexOf("<", p.position - 1), end: p.position, text: "" });
      },
      close(tag, p) {
        if (tag.local === "Types") closeAt = xml.lastIndexOf("</", p.position - 1);
      },
    });
    const adds = this.overridesAdded
      .filter((o) => this.parts.get(key(o.part))?.data !== null)
      .map((o) => `<Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`)
      .join("");
    if (adds && closeAt >= 0) edits.push({ at: closeAt, end: closeAt, text: adds });
    edits.sort((a, b) => b.at - a.at);
    let out = xml;
    for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
    return out;
  }

  write(): Uint8Array {
    const wbPart = this.structure.workbookPart;
    if (this.removed.length > 0 || this.added.length > 0 || this.printTitles.length > 0)
      this.put(wbPart, this.workbookXml());
    if (this.relsRemoved.size > 0 || this.workbookRelsAdded.length > 0) {
      const rels = this.structure.relsRaw.filter((r) => !this.relsRemoved.has(r.id));
      this.put(relsPartOf(wbPart), relsXml([...rels, ...this.workbookRelsAdded]));
    }
    const types = this.contentTypesXml();
    if (types !== null) this.put("[Content_Types].xml", types);
    const outputs: ZipOutput[] = [];
    const done = new Set<string>();
    for (const entry of this.zip.entries) {
      const k = key(entry.name);
      const change = this.parts.get(k);
      done.add(k);
      if (!change) outputs.push({ name: entry.name, copy: entry, from: this.zip });
      else if (change.data !== null) outputs.push(outputOf(entry.name, change.data));
    }
    for (const [k, change] of this.parts) {
      if (done.has(k) || change.data === null) continue;
      outputs.push(outputOf(change.name, change.data));
    }
    return writeZip(outputs, { hold: true });
  }
}

/**
 * The fuzz harness behind test/hardening/fuzz.test.ts: one random workbook through the whole chain
 * check → engine → writer → .xlsx bytes → re-opened workbook, with every invariant of the brief asserted.
 *
 * Seed, replay and how a failure becomes a regression test: the README at the top of fuzz.test.ts.
 *
 * Besides the chain's own invariants: a store in the input that lists user sheets (arbitraries.ts ›
 * StoreCase) never costs one — every user sheet reads back cell for cell and none is reported replaced; and
 * every per-area formula on the written sheets, evaluated against the written cells (SUMPRODUCT/EXACT as
 * SRB writes it, SUMIF/COUNTIF with Excel's criteria if a writer went back to them), gives its cached value
 * and the engine's proposal per Sozialraum — also for names like "Nord*", "~*" or "<Süd". No LibreOffice.
 *
 * Cost: the user's workbook is built in memory (no write and re-read of the input), written once and opened
 * once; the case count is split over parts (jest projects "fuzz-1" … "fuzz-N", see jest.config.js) so that
 * jest's workers run them side by side.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { Allocation } from "../../src/engine/allocation";
import type { Issue } from "../../src/engine/issues";
import type { CellValue } from "../../src/engine/table";
import { a1, isCellError } from "../../src/engine/table";
import type { SheetSpec } from "../../src/workbook/port";
import { STORE_SHEET } from "../../src/workbook/port";
import { isValidSheetName } from "../../src/workbook/sheetNames";
import { decodeStore } from "../../src/workbook/store";
import { editedNote, unprovenNote } from "../../src/workbook/writePlan";
import { EXCEL_MAX_CELL_TEXT, XlsxWorkbook } from "../helpers/exceljsWorkbook/xlsxWorkbook";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { assertOutputsAreNotInputs, FileProblem } from "../../src/cli/files";
import { numberFormatKind } from "../../src/engine/numberFormatKind";
import type { RawTable } from "../../src/engine/table";
import { fuzzCase, type FuzzCase, type OutputPathCase } from "./arbitraries";
import { computeSheets } from "./pipeline";
import { unitScores } from "../../src/engine/unitScores";
import { unitCategoryIndices } from "../../src/engine/categoryIndices";

/** Cases per run, over all parts (CI: 10,000; `npm run test:unit` sets fewer). */
export const TOTAL_RUNS = Number(process.env.SRB_FUZZ_RUNS ?? 10_000);

/**
 * Which part of the fuzz runs this jest project runs: the globals SRB_FUZZ_PART and SRB_FUZZ_PARTS that
 * jest.config.js gives each "fuzz-k" project (part 1 of 1 outside them).
 *
 * @example fuzzPartOfThisProject(); // => { part: 2, parts: 4 } in project "fuzz-2"
 */
export function fuzzPartOfThisProject(): { part: number; parts: number } {
  const g = globalThis as { SRB_FUZZ_PART?: unknown; SRB_FUZZ_PARTS?: unknown };
  const parts = typeof g.SRB_FUZZ_PARTS === "number" && g.SRB_FUZZ_PARTS >= 1 ? g.SRB_FUZZ_PARTS : 1;
  const part = typeof g.SRB_FUZZ_PART === "number" && g.SRB_FUZZ_PART >= 1 ? g.SRB_FUZZ_PART : 1;
  return { part, parts };
}

/** The seed of this run: SRB_FUZZ_SEED to replay, else a fresh one (printed by the test). */
export function fuzzSeed(): number {
  const given = process.env.SRB_FUZZ_SEED;
  if (given !== undefined && given.trim() !== "") return Number(given) | 0;
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}

/** German: an umlaut, ß, German quotes or one of the words every message uses. */
const GERMAN =
  /[äöüßÄÖÜ„“–]|\b(der|die|das|ist|wird|erwartet|nicht|kein|keine|fehlt|Zelle|Spalte|Blatt|Modell)\b/;
const A1 = /^$|^[A-Z]{1,3}[1-9][0-9]*$/;

function checkIssues(issues: Issue[]): void {
  for (const issue of issues) {
    expect(["error", "warning"]).toContain(issue.level);
    expect(issue.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(typeof issue.sheet).toBe("string");
    expect(issue.cell).toMatch(A1);
    expect(issue.message.length).toBeGreaterThan(10);
    expect(issue.message).toMatch(GERMAN);
  }
}

function toCents(euros: number): number {
  return Math.round(euros * 100);
}

function expectInScoreRange(value: number | null, what: string): void {
  if (value === null) return;
  if (!(value >= 0 && value <= 100)) throw new Error(`${what} = ${value} liegt nicht in [0, 100]`);
}

function checkAllocation(allocation: Allocation): void {
  const budgetCents = toCents(allocation.budget);
  const areaCents = allocation.areas.map((a) => toCents(a.amount));
  allocation.areas.forEach((a, i) => expect(areaCents[i] / 100).toBe(a.amount)); // whole cents
  expect(areaCents.reduce((s, c) => s + c, 0)).toBe(budgetCents);
  for (const area of allocation.areas) {
    const proposals = allocation.units
      .filter((u) => u.area === area.name)
      .map((u) => toCents(u.proposedAmount));
    const sum = proposals.reduce((s, c) => s + c, 0);
    expect([0, toCents(area.amount)]).toContain(sum);
    for (const c of proposals) expect(c).toBeGreaterThanOrEqual(0);
  }
  if (allocation.model.options.normalisation === "minmax") {
    // min–max: every standard score, category index and Gesamtindex lies in [0, 100]
    for (const [e, u] of allocation.units.entries()) {
      unitScores(allocation.scores, e).forEach((s, k) =>
        expectInScoreRange(s, `Einheit ${u.row}, Standardpunktzahl ${k + 1}`),
      );
      for (const [name, v] of Object.entries(unitCategoryIndices(allocation.categoryIndices, e)))
        expectInScoreRange(v, `Einheit ${u.row}, ${name}`);
      expectInScoreRange(u.index, `Einheit ${u.row}, Gesamtindex`);
    }
    // the area index too, except with sum-of-units (SPEC §4: a sum of Gesamtindizes, not a score)
    if (allocation.model.options.areaMethod !== "sum-of-units") {
      for (const a of allocation.areas) expectInScoreRange(a.index, `Sozialraum ${a.name}, Index`);
    }
  }
}

function checkSheets(sheets: SheetSpec[]): void {
  expect(sheets.length).toBeGreaterThan(0);
  for (const s of sheets) {
    if (!isValidSheetName(s.name)) expect({ invalidSheetName: s.name }).toBeUndefined();
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        // non-finite numbers would be written as #ZAHL! – a generated sheet should not need that
        if (typeof cell.value === "number" && cell.formula === undefined && !Number.isFinite(cell.value)) {
          expect({ sheet: s.name, cell: a1(r + 1, c + 1), value: cell.value }).toBeUndefined();
        }
      }),
    );
  }
}

/** Characters no .xlsx file can hold (XML 1.0): a real data sheet never contains them. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The user's value as a real sheet holds it: no NaN or ±Infinity (Excel shows #NUM!), no −0, XML-legal text
 * of at most 32,767 characters, "" is a blank cell.
 */
function asSheetValue(v: CellValue): CellValue {
  if (typeof v === "number") return Number.isFinite(v) ? v + 0 : { error: "#NUM!" };
  if (isCellError(v)) return { error: v.error };
  if (typeof v === "string") {
    const text = v.replace(XML_INVALID, "").slice(0, EXCEL_MAX_CELL_TEXT);
    return text === "" ? null : text;
  }
  return v;
}

/** The grid readTable gives for these rows: from A1 to the last used row and column, blanks as null. */
function usedGrid(rows: CellValue[][]): CellValue[][] {
  let maxRow = 0;
  let maxCol = 0;
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      maxRow = Math.max(maxRow, r + 1);
      maxCol = Math.max(maxCol, c + 1);
    }),
  );
  return rows.slice(0, maxRow).map((row) => Array.from({ length: maxCol }, (_, c) => row[c] ?? null));
}

/** The exceljs workbook inside the adapter (the port has no way to add a user sheet). */
function innerWorkbook(book: XlsxWorkbook): ExcelJS.Workbook {
  const inner = (book as unknown as { workbook?: unknown }).workbook;
  if (!(inner instanceof ExcelJS.Workbook)) {
    throw new Error(
      "XlsxWorkbook hält sein exceljs-Workbook nicht mehr im Feld „workbook“ – fuzzHarness anpassen",
    );
  }
  return inner;
}

/** What an Excel text cell shows for a text SRB wrote: XML-forbidden characters as U+FFFD, cut to the limit. */
function writtenText(text: string): string {
  const safe = text.replace(XML_INVALID, "\uFFFD");
  if (safe.length <= EXCEL_MAX_CELL_TEXT) return safe;
  let head = safe.slice(0, EXCEL_MAX_CELL_TEXT - 1);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head}…`;
}

/** Header text as the check matches it (trimmed, spaces collapsed, case ignored); "" for non-text. */
function matchKey(v: CellValue | undefined): string {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return typeof v === "string" ? v.trim().replace(/\s+/g, " ").toLowerCase() : "";
}

/**
 * The number-format invariants: every `date-in-number` issue points at a number formatted as a date or time,
 * every `percent-mixed` issue at a number; and no allocation is made while a column the model reads as
 * numbers (indicators, Kinder) holds a number formatted as a date or time.
 */
function checkFormats(c: FuzzCase, issues: Issue[], allocated: boolean): void {
  const table: RawTable = c.table;
  const formats = table.formats;
  const kindAt = (r: number, col: number) => numberFormatKind(formats?.[r]?.[col]);
  const position = (cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    if (!m) return null;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { r: Number(m[2]) - 2, col };
  };
  for (const issue of issues) {
    if (issue.code !== "date-in-number" && issue.code !== "percent-mixed") continue;
    const at = position(issue.cell);
    const v = at ? table.rows[at.r]?.[at.col] : undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) expect({ issue, value: v }).toBeUndefined();
    if (issue.code === "date-in-number" && !["date", "time"].includes(kindAt(at!.r, at!.col))) {
      expect({ issue, format: formats?.[at!.r]?.[at!.col] }).toBeUndefined();
    }
  }
  if (!allocated || formats === undefined) return;
  const numeric = [...c.model.indicators.map((i) => String(i.column)), c.model.data.children ?? ""]
    .map((h) => matchKey(h))
    .filter((k) => k !== "");
  const columns = new Set(numeric.map((k) => table.headers.findIndex((h) => matchKey(h) === k)));
  table.rows.forEach((row, r) =>
    row.forEach((v, col) => {
      if (!columns.has(col) || typeof v !== "number" || !Number.isFinite(v)) return;
      const kind = kindAt(r, col);
      if (kind === "date" || kind === "time")
        expect({ allocatedWithDateAt: a1(r + 2, col + 1), v }).toBeUndefined();
    }),
  );
}

/**
 * The read-back grid with every date or time cell that is within a millisecond of the expected one set to it.
 * exceljs turns a date-formatted number into a Date through the 1900 epoch (some 2.2 · 10¹² ms away), where a
 * value at half a millisecond (6.365e-8 days = 5.4995 ms) may round either way: seed 2045248942 read 6 ms
 * back where 5 were expected. A millisecond is far below what any date in a Kita sheet means.
 */
function withinAMillisecond(
  actual: CellValue[][],
  expected: CellValue[][],
  formats: (string | null)[][] | undefined,
) {
  if (formats === undefined) return actual;
  return actual.map((row, r) =>
    row.map((v, col) => {
      const want = expected[r]?.[col];
      const kind = r === 0 ? "general" : numberFormatKind(formats[r - 1]?.[col]);
      const dated = kind === "date" || kind === "time";
      return dated && typeof v === "number" && typeof want === "number" && Math.abs(v - want) <= 1 ? want : v;
    }),
  );
}

/** A date or time format turns the number into a Date in exceljs: it comes back to the millisecond. */
function toMilliseconds(grid: CellValue[][], formats: (string | null)[][] | undefined): CellValue[][] {
  if (formats === undefined) return grid;
  return grid.map((row, r) =>
    row.map((v, col) => {
      const kind = r === 0 ? "general" : numberFormatKind(formats[r - 1]?.[col]);
      // + 0: a tiny negative time rounds to −0, which toEqual tells from the 0 read back
      return typeof v === "number" && (kind === "date" || kind === "time")
        ? Math.round(v * 86_400_000) + 0
        : v;
    }),
  );
}

// ── per-area totals: the formulas on the written sheet, evaluated ─────────────────────────────────────

/** A cell's value in the written (re-opened) workbook: a formula cell's cached result, rich text as text. */
function writtenValue(ws: ExcelJS.Worksheet, ref: string): unknown {
  const v = ws.getCell(ref.replace(/\$/g, "")).value as unknown;
  if (v !== null && typeof v === "object") {
    if ("result" in v) return (v as { result?: unknown }).result ?? null;
    if ("richText" in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) return null;
  }
  return v ?? null;
}

const REF = String.raw`\$?[A-Z]{1,3}\$?\d+`;
const RANGE = String.raw`${REF}:${REF}`;
/** What SRB writes: SUMPRODUCT(--EXACT(names,name),amounts). */
const EXACT_SUM = new RegExp(String.raw`^SUMPRODUCT\(--EXACT\((${RANGE}),(${REF})\),(${RANGE})\)$`);
/** What a writer might go back to: SUMIF(names,name,amounts) and COUNTIF(names,name), evaluated as Excel does. */
const SUM_IF = new RegExp(String.raw`^SUMIF\((${RANGE}),(${REF}),(${RANGE})\)$`);
const COUNT_IF = new RegExp(String.raw`^COUNTIF\((${RANGE}),(${REF})\)$`);

/** The cell references of a one-column range, top to bottom ("$B$2:$B$4" → B2, B3, B4). */
function rangeRefs(range: string): string[] {
  const [from, to] = range.replace(/\$/g, "").split(":");
  const col = /^[A-Z]+/.exec(from)![0];
  const first = Number(from.slice(col.length));
  const last = Number(to.slice(col.length));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => `${col}${first + k}`);
}

/**
 * Whether a cell meets a SUMIF/COUNTIF criterion the way Excel reads it: a leading comparison (=, <>, <, >,
 * <=, >=), wildcards * and ? with ~ as escape, case ignored — so that a regression to SUMIF fails here.
 */
export function meetsCriterion(value: unknown, criterion: unknown): boolean {
  if (typeof criterion === "number") return value === criterion;
  const c = typeof criterion === "string" ? criterion : "";
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? "=";
  const rest = m[2];
  const asNumber = rest.trim() !== "" && Number.isFinite(Number(rest)) ? Number(rest) : null;
  if (op === "<" || op === ">" || op === "<=" || op === ">=") {
    const cmp =
      asNumber !== null
        ? typeof value === "number"
          ? value - asNumber
          : NaN
        : typeof value === "string"
          ? value.toLowerCase().localeCompare(rest.toLowerCase())
          : NaN;
    if (Number.isNaN(cmp)) return false;
    return op === "<" ? cmp < 0 : op === ">" ? cmp > 0 : op === "<=" ? cmp <= 0 : cmp >= 0;
  }
  let equal: boolean;
  if (rest === "") equal = value === null || value === "";
  else if (asNumber !== null && typeof value === "number") equal = value === asNumber;
  else if (typeof value !== "string") equal = false;
  else {
    let pattern = "";
    for (let i = 0; i < rest.length; i++) {
      const ch = rest[i];
      if (ch === "~" && i + 1 < rest.length && "*?~".includes(rest[i + 1])) pattern += `\\${rest[++i]}`;
      else if (ch === "*") pattern += "[\\s\\S]*";
      else if (ch === "?") pattern += "[\\s\\S]";
      else pattern += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    equal = new RegExp(`^${pattern}$`, "iu").test(value);
  }
  return op === "<>" ? !equal : equal;
}

/** The value of a per-area formula on the written sheet, or undefined when the formula is none of them. */
function evaluateAreaFormula(ws: ExcelJS.Worksheet, formula: string): number | undefined {
  const amount = (ref: string) => {
    const v = writtenValue(ws, ref);
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  let m = EXACT_SUM.exec(formula);
  if (m) {
    const key = writtenValue(ws, m[2]);
    const names = rangeRefs(m[1]);
    const amounts = rangeRefs(m[3]);
    // EXACT compares the texts as shown, case-sensitive
    const shown = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    return names.reduce(
      (s, ref, k) => (shown(writtenValue(ws, ref)) === shown(key) ? s + amount(amounts[k]) : s),
      0,
    );
  }
  m = SUM_IF.exec(formula);
  if (m) {
    const criterion = writtenValue(ws, m[2]);
    const amounts = rangeRefs(m[3]);
    return rangeRefs(m[1]).reduce(
      (s, ref, k) => (meetsCriterion(writtenValue(ws, ref), criterion) ? s + amount(amounts[k]) : s),
      0,
    );
  }
  m = COUNT_IF.exec(formula);
  if (m) {
    const criterion = writtenValue(ws, m[2]);
    return rangeRefs(m[1]).filter((ref) => meetsCriterion(writtenValue(ws, ref), criterion)).length;
  }
  return undefined;
}

/**
 * Every per-area formula on a written sheet gives, evaluated against the written cells, its cached value; and
 * the "Summen je Sozialraum" totals (column B, keyed by the name in column A) are the engine's proposals per
 * Sozialraum, to the cent – also for names SUMIF would read as a pattern or a comparison. Returns how many
 * Sozialräume were checked.
 */
function checkAreaTotals(ws: ExcelJS.Worksheet, allocation: Allocation): number {
  const byShownName = new Map<string, number | null>();
  for (const a of allocation.areas) {
    const key = writtenText(a.name);
    const cents = allocation.units
      .filter((u) => u.area === a.name)
      .reduce((s, u) => s + toCents(u.proposedAmount), 0);
    // two names that read back alike (cut or repaired text) cannot be told apart on the sheet
    byShownName.set(key, byShownName.has(key) ? null : cents);
  }
  let checked = 0;
  ws.eachRow((row, r) =>
    row.eachCell((cell, col) => {
      const f = cell.formula;
      if (typeof f !== "string" || !/EXACT|SUMIF|COUNTIF/.test(f)) return;
      const value = evaluateAreaFormula(ws, f);
      if (value === undefined) {
        expect({ sheet: ws.name, cell: cell.address, unknownAreaFormula: f }).toBeUndefined();
        return;
      }
      // exceljs leaves out a cached result of 0 (Excel recalculates on opening): blank stands for 0
      const cached = writtenValue(ws, cell.address) ?? 0;
      if (typeof cached !== "number" || toCents(cached) !== toCents(value)) {
        expect({ sheet: ws.name, cell: cell.address, f, cached }).toEqual({
          sheet: ws.name,
          cell: cell.address,
          f,
          cached: value,
        });
      }
      if (col !== 2 || (!f.includes(`,A${r})`) && !f.includes(`,A${r},`))) return;
      const name = writtenValue(ws, `A${r}`);
      const expected = byShownName.get(typeof name === "string" ? name : String(name));
      if (expected === null) return;
      checked++;
      if (expected === undefined || toCents(value) !== expected) {
        expect({ sheet: ws.name, area: name, total: toCents(value) }).toEqual({
          sheet: ws.name,
          area: name,
          total: expected,
        });
      }
    }),
  );
  return checked;
}

/** What one case produced, for the statistics the tests print. */
export interface CaseOutcome {
  allocated: boolean;
  sheets: number;
}

/**
 * One case through the whole chain, every invariant asserted (throws on the first violation):
 * check → engine → writer in memory; then the user's sheet in a workbook, the generated sheets and the model
 * written into it, the bytes written once and opened again; the user's sheet reads back cell for cell, every
 * generated sheet is there, listed in the store, and its texts read back as written.
 */
export async function runFuzzCase(c: FuzzCase): Promise<CaseOutcome> {
  const result = computeSheets(c.model, c.table);
  checkIssues(result.issues);
  checkFormats(c, result.issues, result.allocation !== null);
  const hasError = result.issues.some((i) => i.level === "error");
  // exactly one of: an allocation, or at least one error
  expect(result.allocation === null).toBe(hasError);
  if (result.allocation === null) {
    expect(result.sheets).toBeNull();
  } else {
    checkAllocation(result.allocation);
    checkSheets(result.sheets!);
  }

  const userGrid = [c.table.headers, ...c.table.rows].map((row) => row.map(asSheetValue));
  const book = XlsxWorkbook.empty();
  const ws = innerWorkbook(book).addWorksheet(c.table.sheet);
  userGrid.forEach((row, r) =>
    row.forEach((v, col) => {
      if (v !== null) ws.getCell(r + 1, col + 1).value = v as ExcelJS.CellValue;
      const code = r === 0 ? null : c.table.formats?.[r - 1]?.[col];
      if (v !== null && typeof code === "string") ws.getCell(r + 1, col + 1).numFmt = code;
    }),
  );
  const userSheets = c.store?.userSheets ?? [];
  if (c.store) {
    for (const s of userSheets) {
      const extra = innerWorkbook(book).addWorksheet(s.name);
      s.rows.forEach((row, r) =>
        row.forEach((v, col) => {
          if (v !== null) extra.getCell(r + 1, col + 1).value = v as ExcelJS.CellValue;
        }),
      );
    }
    const store = innerWorkbook(book).addWorksheet(STORE_SHEET, { state: "veryHidden" });
    c.store.storeRows.forEach((row) => store.addRow(row));
  }
  const sheets = result.sheets ?? [];
  const report = sheets.length > 0 ? await book.writeGeneratedSheets(sheets) : null;
  await book.writeStoredModel(c.model);

  const again = await XlsxWorkbook.fromBuffer(await book.toBuffer());
  const after = await again.readTable(c.table.sheet);
  const expectedGrid = toMilliseconds(usedGrid(userGrid), c.table.formats);
  expect(
    withinAMillisecond(
      toMilliseconds([after.headers, ...after.rows], c.table.formats),
      expectedGrid,
      c.table.formats,
    ),
  ).toEqual(expectedGrid);
  // the reader hands the formats over, in the shape of the rows
  if (c.table.formats !== undefined) {
    expect(after.formats?.length).toBe(after.rows.length);
    after.rows.forEach((row, r) => {
      expect(after.formats![r].length).toBe(row.length);
      row.forEach((v, col) => {
        const code = c.table.formats![r]?.[col] ?? null;
        if (v !== null && code !== null && code !== "General") expect(after.formats![r][col]).toBe(code);
      });
    });
  }
  const names = await again.sheetNames();
  expect(names[0]).toBe(c.table.sheet);
  // a store that lists user sheets never costs one: each is there, cell for cell, and none was "replaced"
  for (const s of userSheets) {
    const read = await again.readTable(s.name);
    expect({ sheet: s.name, rows: [read.headers, ...read.rows] }).toEqual({
      sheet: s.name,
      rows: usedGrid(s.rows),
    });
  }
  expect(names.slice(0, 1 + userSheets.length)).toEqual([c.table.sheet, ...userSheets.map((s) => s.name)]);
  if (report !== null && c.store) {
    const mine = [c.table.sheet, ...userSheets.map((s) => s.name)].map((n) => n.toLowerCase());
    expect(report.replaced.filter((n) => mine.includes(n.toLowerCase()))).toEqual([]);
    // and the user is told, per listed sheet, that it stays theirs (never silently)
    const listed = new Set(
      c.store.storeRows.filter(([k]) => k === "generated").map(([, n]) => String(n).toLowerCase()),
    );
    for (const name of [c.table.sheet, ...userSheets.map((s) => s.name)]) {
      if (!listed.has(name.toLowerCase())) continue;
      const told = (report.notes ?? []).some((n) => n === unprovenNote(name) || n === editedNote(name));
      if (!told) expect({ listedUserSheet: name, notes: report.notes }).toBeUndefined();
    }
  }
  expect(await again.readStoredModel()).toEqual(JSON.parse(JSON.stringify(c.model)));
  const storeSheet = innerWorkbook(again).getWorksheet(STORE_SHEET);
  expect(storeSheet).toBeDefined();

  if (report !== null) {
    const written = report.sheets.map((s) => s.written);
    expect(names.slice(1 + userSheets.length)).toEqual(written);
    const storeRows: CellValue[][] = [];
    storeSheet!.eachRow((row) => storeRows.push([row.getCell(1).value, row.getCell(2).value] as CellValue[]));
    expect(decodeStore(storeRows).generated).toEqual(written);
    let areasChecked = 0;
    for (const { written: name } of report.sheets) {
      areasChecked += checkAreaTotals(innerWorkbook(again).getWorksheet(name)!, result.allocation!);
    }
    const shown = result.allocation!.areas.map((a) => writtenText(a.name));
    expect(areasChecked).toBe(shown.filter((n) => shown.indexOf(n) === shown.lastIndexOf(n)).length);
    for (const [k, { written: name }] of report.sheets.entries()) {
      const read = await again.readTable(name);
      const grid = [read.headers, ...read.rows];
      // every text SRB wrote reads back as written, as text (never as a formula)
      sheets[k].rows.forEach((row, r) =>
        row.forEach((cell, col) => {
          if (typeof cell.value === "string" && cell.formula === undefined && cell.value.trim() !== "") {
            const got = grid[r]?.[col];
            if (got !== writtenText(cell.value)) {
              expect({ sheet: name, row: r + 1, col: col + 1, got }).toEqual({
                sheet: name,
                row: r + 1,
                col: col + 1,
                got: writtenText(cell.value),
              });
            }
          }
        }),
      );
    }
  }
  return { allocated: result.allocation !== null, sheets: sheets.length };
}

/**
 * One part of the fuzz run: `TOTAL_RUNS / parts` cases from this run's seed, printed first; the case count
 * reached and how many got an allocation printed at the end.
 *
 * @example await fuzzPart(1, 4); // in project "fuzz-1"
 */
export async function fuzzPart(part: number, parts: number): Promise<void> {
  const seed = fuzzSeed();
  const path = process.env.SRB_FUZZ_PATH;
  const runs = Math.ceil(TOTAL_RUNS / parts);
  console.log(`fuzz seed: ${seed} (Teil ${part}/${parts}, ${runs} Fälle)`);
  let cases = 0;
  let allocations = 0;
  let rows = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (c) => {
      const outcome = await runFuzzCase(c);
      cases++;
      rows += c.table.rows.length;
      if (outcome.allocated) allocations++;
    }),
    { seed, numRuns: runs, ...(path ? { path, endOnFailure: true } : {}) },
  );
  console.log(
    `fuzz: ${cases} Fälle bis .xlsx und zurück (Teil ${part}/${parts}), ${allocations} mit Verteilung, ` +
      `${rows} Datenzeilen, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (path === undefined) {
    expect(cases).toBe(runs);
    // the generator must reach the engine often, or the budget and score invariants are never tested
    // (about a fifth of the cases do; a few dozen cases of the fast loop need only reach it at all)
    expect(allocations).toBeGreaterThan(runs >= 1000 ? runs / 20 : 0);
  }
}

/**
 * Sets up one output-path layout in `dir` (the workbook "Kitas.xlsx" and the model "m.srb.json" must exist)
 * and asserts that `assertOutputsAreNotInputs` refuses exactly the outputs that are an input or each other.
 * The expectation comes from how the layout was built, not from resolving paths: every spelling leads to
 * `dir` except "tief/../" (to `dir/sub`); "link.xlsx" and "hart.xlsx" are the workbook, "link.json" the
 * model, "offen.json" (a dangling link) the new "neu.xlsx". Nothing is written.
 *
 * @example await runOutputPathCase({ setup: [], withModel: true, out: "neu.xlsx", json: "./m.srb.json" }, dir);
 */
export async function runOutputPathCase(c: OutputPathCase, dir: string): Promise<void> {
  for (const step of c.setup) {
    const at = path.join(dir, step.name);
    if (step.kind === "folder") await fs.mkdir(at, { recursive: true });
    else if (step.kind === "symlink") await fs.symlink(step.target, at);
    else await fs.link(path.join(dir, step.target), at);
  }
  const SAME: Record<string, string> = {
    "link.xlsx": "Kitas.xlsx",
    "hart.xlsx": "Kitas.xlsx",
    "link.json": "m.srb.json",
    "offen.json": "neu.xlsx",
  };
  const identity = (spelling: string) => {
    const name = path.basename(spelling);
    return spelling.startsWith("tief/../") ? `sub/${name}` : (SAME[name] ?? name);
  };
  const inputs = ["Kitas.xlsx", ...(c.withModel ? ["m.srb.json"] : [])];
  const expectRefused =
    inputs.includes(identity(c.out)) ||
    inputs.includes(identity(c.json)) ||
    identity(c.out) === identity(c.json);
  const cwd = process.cwd();
  process.chdir(dir);
  let refused: unknown = null;
  try {
    await assertOutputsAreNotInputs(
      [
        { label: "die Arbeitsmappe", file: "Kitas.xlsx" },
        ...(c.withModel ? [{ label: "die Modelldatei (--model)", file: "m.srb.json" }] : []),
      ],
      [
        { label: "--out", file: c.out },
        { label: "--json", file: c.json },
      ],
    );
  } catch (e) {
    refused = e;
  } finally {
    process.chdir(cwd);
  }
  if (refused !== null && !(refused instanceof FileProblem)) throw refused;
  if ((refused !== null) !== expectRefused) {
    expect({ case: c, refused: refused === null ? null : (refused as Error).message }).toEqual({
      case: c,
      refused: expectRefused ? "(abgelehnt)" : null,
    });
  }
  if (refused !== null)
    expect((refused as Error).message).toMatch(/SRB verändert die Eingabe nie|eigenen Dateinamen/);
}

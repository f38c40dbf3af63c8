import { useCallback, useState, type Dispatch, type SetStateAction } from "react";
import { parseCellRange } from "../../engine/cellRange";
import type { Model } from "../../engine/model";
import type { RawTable } from "../../engine/table";
import { locationHints } from "../../engine/tableLocation";
import { readDataTable } from "../../workbook/dataTable";
import { sameSheetName } from "../../workbook/sheetNames";
import { alignedToHeaders, headerNames } from "../components/DataStep";
import { suggest } from "../engine";
import type { TaskpanePort } from "../host";
import type { Strings } from "../i18n";
import { nextPaint, type WorkbookActionState } from "../useWorkbookAction";

export interface DataSheet {
  /** The data sheet chosen in step "Daten", or null before the workbook is read. */
  sheet: string | null;
  setSheet: Dispatch<SetStateAction<string | null>>;
  /** The table read from `sheet`, or null before it is read. */
  table: RawTable | null;
  /** The model being edited (null until a table was read). */
  model: Model | null;
  setModel: Dispatch<SetStateAction<Model | null>>;
  /** What SRB suggests for `table` (step "Daten" offers its choices). */
  suggestion: Model | null;
  /** Reads the sheet's table (found as a person would), a model of that sheet helping; the table or null. */
  detect(name: string, stored: Model | null): Promise<RawTable | null>;
  /** Reads the table again at a header row or range fixed by the user, or found afresh (null). */
  relocate(place: { headerRow: number; range?: string } | null, on?: string | null): Promise<void>;
  /** A range typed or selected: its first row is the header row. */
  changeRange(range: string, on?: string | null): void;
}

/**
 * The data sheet and what is read from it: the table, SRB's suggested model for it and the model being
 * edited. Reads the table when asked (`detect`) and again where the user puts it (`relocate`, `changeRange`);
 * `setGenerated` clears the last generation's message whenever a table is read.
 *
 * @example
 * const data = useDataSheet(port, run, strings, setGenerated);
 * await data.detect("Kitas", storedModel); // data.table, data.suggestion and data.model follow
 */
export function useDataSheet(
  port: TaskpanePort | null,
  run: WorkbookActionState["run"],
  s: Strings,
  setGenerated: Dispatch<SetStateAction<string | null>>,
): DataSheet {
  const [sheet, setSheet] = useState<string | null>(null);
  const [table, setTable] = useState<RawTable | null>(null);
  const [model, setModel] = useState<Model | null>(null);
  const [suggestion, setSuggestion] = useState<Model | null>(null);

  const detect = useCallback(
    async (name: string, stored: Model | null) => {
      // the table is found the way a person would (title rows, Excel tables, a Summe row); a model of
      // this sheet helps with its column names and fixes the header row with data.headerRow
      const own = stored && sameSheetName(stored.data.sheet, name) ? stored : null;
      const read = await run(s.detectTable, async (report) => {
        const found = await readDataTable(port!, name, locationHints(own));
        // the result is computed (synchronously) right after: say so while it runs
        report(s.progressCompute);
        await nextPaint();
        return found;
      });
      if (!read) return null;
      const suggested = suggest(read);
      if (own?.data.headerRow !== undefined) suggested.data.headerRow = own.data.headerRow;
      if (own?.data.range !== undefined) suggested.data.range = own.data.range;
      setTable(read);
      setSuggestion(suggested);
      setModel(own ? alignedToHeaders(own, headerNames(read)) : suggested);
      setGenerated(null);
      return read;
    },
    [run, port, s.detectTable, s.progressCompute, setGenerated],
  );

  /**
   * The user fixes where the table is — a header row, or a range ("A3:F30", saved with its first row as
   * `data.headerRow` too, which older SRB versions read) — or lets SRB find it again (null): read the table
   * again, keep the model's choices. `on`: the sheet (a selection on another sheet switches to it).
   */
  const relocate = useCallback(
    async (place: { headerRow: number; range?: string } | null, on: string | null = sheet) => {
      if (!on) return;
      const base = model ?? suggestion;
      const data = { ...(base?.data ?? { sheet: on, id: "", area: "" }), sheet: on };
      delete data.headerRow;
      delete data.range;
      if (place !== null) {
        data.headerRow = place.headerRow;
        if (place.range !== undefined) data.range = place.range;
      }
      const read = await run(s.detectTable, () =>
        readDataTable(port!, on, locationHints(base ? { ...base, data } : { data })),
      );
      if (!read) return;
      const suggested = suggest(read);
      if (place !== null) {
        suggested.data.headerRow = place.headerRow;
        if (place.range !== undefined) suggested.data.range = place.range;
      }
      setSheet(on);
      setTable(read);
      setSuggestion(suggested);
      // a model whose columns are in the new header row is kept; else the new suggestion
      const labels = headerNames(read);
      const names = new Set(labels);
      const aligned = base === null ? null : alignedToHeaders({ ...base, data }, labels);
      const keeps = aligned !== null && names.has(aligned.data.id) && names.has(aligned.data.area);
      setModel(keeps ? aligned : suggested);
      setGenerated(null);
    },
    [run, port, sheet, model, suggestion, s.detectTable, setGenerated],
  );

  /** A range typed or selected: its first row is the header row. */
  const changeRange = (range: string, on: string | null = sheet) => {
    const first = parseCellRange(range);
    if (first) void relocate({ headerRow: first.firstRow, range }, on);
  };

  return { sheet, setSheet, table, model, setModel, suggestion, detect, relocate, changeRange };
}

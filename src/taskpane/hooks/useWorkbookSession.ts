import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from "react";
import type { Model } from "../../engine/model";
import { NO_STORED_ADOPTIONS, type StoredAdoptionRecords } from "../../workbook/port";
import { findSheet } from "../../workbook/sheetNames";
import { usableRange } from "../components/DataStep";
import { readStored } from "../engine";
import type { TaskpanePort } from "../host";
import type { Strings } from "../i18n";
import type { WorkbookActionState } from "../useWorkbookAction";
import type { DataSheet } from "./useDataSheet";

/** A note of step "Daten" (the stored model read, a selection taken or refused). */
export interface DataNotice {
  intent: "success" | "warning";
  text: string;
}

export interface WorkbookSession {
  sheetNames: string[];
  setSheetNames: Dispatch<SetStateAction<string[]>>;
  /** The model as the workbook stores it (read with the workbook, written by „Speichern“ and generation). */
  storedModel: Model | null;
  setStoredModel: Dispatch<SetStateAction<Model | null>>;
  /** The adopted allocations stored in the workbook (JSON as stored, and how many are damaged), read with the model. */
  adoptions: StoredAdoptionRecords;
  setAdoptions: Dispatch<SetStateAction<StoredAdoptionRecords>>;
  notice: DataNotice | null;
  /** „Markierten Bereich verwenden“; undefined where the host cannot tell the selection. */
  takeSelection: (() => Promise<void>) | undefined;
  /** Reads sheet names, stored model and adoptions, and the stored model's table (also „Blätter neu einlesen“). */
  loadWorkbook(): Promise<void>;
}

/**
 * The workbook session: the workbook's sheet names, its stored model and adoptions, read when the port
 * changes (standalone: a new file starts afresh) and on „Blätter neu einlesen“; the stored model's sheet is
 * chosen and its table read through `data`. Also takes the range selected in Excel as the table's place.
 *
 * @example
 * const data = useDataSheet(port, run, strings, setGenerated);
 * const session = useWorkbookSession(port, run, strings, data);
 * <DataStep sheetNames={session.sheetNames} onReloadSheets={() => void session.loadWorkbook()} … />
 */
export function useWorkbookSession(
  port: TaskpanePort | null,
  run: WorkbookActionState["run"],
  s: Strings,
  data: DataSheet,
): WorkbookSession {
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const [storedModel, setStoredModel] = useState<Model | null>(null);
  const [notice, setNotice] = useState<DataNotice | null>(null);
  const [adoptions, setAdoptions] = useState<StoredAdoptionRecords>(NO_STORED_ADOPTIONS);
  const { setSheet, detect, changeRange } = data;

  /** „Markierten Bereich verwenden“: the range selected in Excel, on whatever sheet it is. */
  const takeSelection = port?.selectedRange
    ? async () => {
        const selected = await run(s.readSelection, () => port.selectedRange!());
        if (selected === undefined) return;
        const range = selected ? usableRange(selected.range) : null;
        const on = selected ? findSheet(sheetNames, selected.sheet) : null;
        if (!selected || range === null || on === null) {
          setNotice({ intent: "warning", text: s.selectionNotARange });
          return;
        }
        setNotice({ intent: "success", text: s.rangeChosen(range, on) });
        changeRange(range, on);
      }
    : undefined;

  const loadWorkbook = useCallback(async () => {
    if (!port) return;
    const loaded = await run(s.reloadSheets, async () => {
      const names = await port.sheetNames();
      const json = await port.readStoredModel();
      const stored = (await port.readStoredAdoptions?.()) ?? NO_STORED_ADOPTIONS;
      return { names, json, stored };
    });
    if (!loaded) return;
    setSheetNames(loaded.names);
    setAdoptions(loaded.stored);
    let stored: Model | null = null;
    if (loaded.json !== null && loaded.json !== undefined) {
      const parsed = readStored(loaded.json);
      stored = parsed.model;
      setNotice(
        parsed.model
          ? { intent: "success", text: s.storedModelLoaded }
          : { intent: "warning", text: `${s.storedModelInvalid} ${parsed.problems.join(" ")}` },
      );
    }
    setStoredModel(stored);
    const preferred = stored ? findSheet(loaded.names, stored.data.sheet) : null;
    const chosen = preferred ?? loaded.names[0] ?? null;
    setSheet(chosen);
    if (preferred) await detect(preferred, stored);
  }, [port, run, detect, setSheet, s]);

  useEffect(() => {
    void loadWorkbook();
    // a new port (standalone: a new file) starts afresh
  }, [loadWorkbook]);

  return {
    sheetNames,
    setSheetNames,
    storedModel,
    setStoredModel,
    adoptions,
    setAdoptions,
    notice,
    takeSelection,
    loadWorkbook,
  };
}

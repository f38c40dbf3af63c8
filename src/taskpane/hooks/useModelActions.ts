import { useState } from "react";
import { STORE_SHEET } from "../../workbook/port";
import { findSheet } from "../../workbook/sheetNames";
import type { ModelNotice } from "../components/ModelFileActions";
import { alignedToHeaders, headerNames } from "../components/DataStep";
import { fileText, type Download } from "../download";
import { MAX_MODEL_FILE_BYTES, modelFileName, modelFileText, readModelFile, toStored } from "../engine";
import type { TaskpanePort } from "../host";
import type { Strings } from "../i18n";
import { describeError, type WorkbookActionState } from "../useWorkbookAction";
import type { DataSheet } from "./useDataSheet";
import type { WorkbookSession } from "./useWorkbookSession";

export interface ModelActions {
  /** What happened to the model last (saved in the workbook or as a file, loaded from a file). */
  modelNotice: ModelNotice | null;
  /** „Modell speichern“: the model into the workbook's store. */
  save(): void;
  /** „Modell speichern als … .srb.json“. */
  saveModelFile(): void;
  /** „Modell laden“ from a `*.srb.json` file. */
  loadModelFile(file: File): void;
}

/**
 * Step "Modell"'s model actions: save it in the workbook, save it as a model file, load a model file (its
 * sheet's table read again). Each says what happened in `modelNotice`.
 *
 * @example
 * const { modelNotice, save, saveModelFile, loadModelFile } = useModelActions(port, run, strings, data, session, {
 *   fileName, download,
 * });
 */
export function useModelActions(
  port: TaskpanePort | null,
  run: WorkbookActionState["run"],
  s: Strings,
  data: DataSheet,
  session: WorkbookSession,
  files: { fileName: string | undefined; download: Download },
): ModelActions {
  const [modelNotice, setModelNotice] = useState<ModelNotice | null>(null);
  const { model, sheet, detect, setModel, setSheet } = data;
  const { setSheetNames, setStoredModel } = session;
  const { fileName, download } = files;

  const save = () => {
    if (!port || !model) return;
    void run(s.saveModel, async () => {
      const where = await port.writeStoredModel(toStored(model));
      setStoredModel(model);
      setModelNotice({
        intent: "success",
        text: s.modelSavedIn(typeof where === "string" ? where : STORE_SHEET),
      });
    });
  };

  /** „Modell speichern als … .srb.json“: the file `srb allocate --model` reads (SPEC §8). */
  const saveModelFile = () => {
    if (!model) return;
    const name = modelFileName(fileName);
    try {
      download(modelFileText(model), name, "application/json");
      setModelNotice({ intent: "success", text: s.modelFileSaved(name) });
    } catch (thrown) {
      setModelNotice({ intent: "error", text: `${s.saveModelFile}: ${describeError(thrown)}` });
    }
  };

  /**
   * „Modell laden“: a `*.srb.json` file checked like the workbook's stored model; it applies to its sheet
   * when the workbook has it, else to the sheet chosen now (next year's workbook may name it differently).
   */
  const loadModelFile = (file: File) => {
    if (!port) return;
    void (async () => {
      const loaded = await run(s.loadModelFile, async () => {
        if (file.size > MAX_MODEL_FILE_BYTES) {
          setModelNotice({ intent: "error", text: s.modelFileTooLarge(file.name) });
          return null;
        }
        const read = readModelFile(await fileText(file));
        if (read.model === null) {
          setModelNotice({
            intent: "error",
            text: `${s.modelFileInvalid(file.name)} ${read.problems.join(" ")}`,
          });
          return null;
        }
        const names = await port.sheetNames();
        const wanted = read.model.data.sheet.trim();
        const found = wanted === "" ? null : findSheet(names, wanted);
        const target = found ?? sheet ?? names[0] ?? null;
        if (target === null) return null;
        setSheetNames(names);
        setModelNotice({
          intent: found !== null || wanted === "" ? "success" : "warning",
          text: [
            s.modelFileLoaded(file.name),
            ...(found === null && wanted !== "" ? [s.modelFileSheetMissing(wanted, target)] : []),
          ].join(" "),
        });
        return { ...read.model, data: { ...read.model.data, sheet: target } };
      });
      if (!loaded) return;
      setSheet(loaded.data.sheet);
      const read = await detect(loaded.data.sheet, loaded);
      // the file's model wins over what detect found (also when its columns are not on the sheet: the
      // result step then names them), its columns written as the sheet's headers where they are the same
      setModel(read ? alignedToHeaders(loaded, headerNames(read)) : loaded);
    })();
  };

  return { modelNotice, save, saveModelFile, loadModelFile };
}

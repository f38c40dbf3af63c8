import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useRef } from "react";
import type { Strings } from "../i18n";

/** What happened to the model last: saved in the workbook, saved as a file, loaded, or refused. */
export interface ModelNotice {
  intent: "success" | "warning" | "error";
  text: string;
}

export interface ModelFileActionsProps {
  strings: Strings;
  busy: boolean;
  /** False while there is no model to save (loading is always offered). */
  canSave: boolean;
  /** „Modell in der Arbeitsmappe speichern“ (the hidden store sheet). */
  onSaveInWorkbook(): void;
  /** „Modell speichern als … .srb.json“: the model file the command line reads. */
  onSaveFile?(): void;
  /** „Modell laden“: a `*.srb.json` file picked by the user. */
  onLoadFile?(file: File): void;
  notice?: ModelNotice | null;
}

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

/**
 * The model's way in and out of the pane, at the end of step „Modell“: save it in the workbook, save it as
 * a `*.srb.json` file (for `srb allocate --model`, or next year's workbook), load such a file — and a visible
 * confirmation of what happened.
 *
 * @example
 * <ModelFileActions strings={s} busy={false} canSave onSaveInWorkbook={save} onSaveFile={saveFile}
 *   onLoadFile={load} notice={{ intent: "success", text: "Modell in der Arbeitsmappe gespeichert (Blatt „_SRB“, ausgeblendet)." }} />
 */
export function ModelFileActions(props: ModelFileActionsProps) {
  const { strings: s, busy, canSave, notice } = props;
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || !canSave} onClick={props.onSaveInWorkbook}>
          {s.saveModel}
        </Button>
        {props.onSaveFile && (
          <Button disabled={busy || !canSave} onClick={props.onSaveFile}>
            {s.saveModelFile}
          </Button>
        )}
        {props.onLoadFile && (
          <>
            <Button disabled={busy} onClick={() => input.current?.click()}>
              {s.loadModelFile}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="model-file-input"
              onChange={(event) => {
                const picked = event.currentTarget.files?.[0];
                // the same file may be picked again after a fix: clear the input
                event.currentTarget.value = "";
                if (picked) props.onLoadFile?.(picked);
              }}
            />
          </>
        )}
      </div>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

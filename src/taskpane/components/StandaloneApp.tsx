import {
  Button,
  Label,
  Link,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useFocusFinders,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState } from "react";
import { germanDate, latestAdoption } from "../../engine/adoption";
import { storedAdoptions } from "../../usecase/fortschreibung";
import { App } from "../App";
import { downloadFile, XLSX_MIME } from "../download";
import type { DownloadableWorkbook } from "../host";
import { stringsFor, type Language } from "../i18n";
import { describeError, nextPaint } from "../useWorkbookAction";

export interface StandaloneAppProps {
  language: Language;
  /** Opens the uploaded bytes as a workbook (host.ts: `openXlsxWorkbook`). */
  open(bytes: ArrayBuffer): Promise<DownloadableWorkbook>;
}

const useStyles = makeStyles({
  upload: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  /** The picker: a button in the page's language and the chosen file's name (wraps in a narrow pane). */
  picker: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  chosen: { minWidth: 0 },
  download: {
    alignSelf: "flex-start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: "none",
    ":hover": {
      backgroundColor: tokens.colorBrandBackgroundHover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** MIME type of an .xlsx workbook. */
export { XLSX_MIME };
/** MIME type of an .xlsm workbook (with macros). */
export const XLSM_MIME = "application/vnd.ms-excel.sheet.macroEnabled.12";

/**
 * Name of the downloaded result for an uploaded file.
 *
 * @example
 * resultFileName("Musterstadt.xlsx"); // => "Musterstadt-SRB.xlsx"
 * resultFileName("daten"); // => "daten-SRB.xlsx"
 * resultFileName("Kitas.xlsm"); // => "Kitas-SRB.xlsm"
 * resultFileName("Musterstadt-SRB.xlsx"); // => "Musterstadt-SRB (2).xlsx" (last year's result, opened again)
 * resultFileName("Musterstadt-SRB (2).xlsx"); // => "Musterstadt-SRB (3).xlsx"
 */
export function resultFileName(uploaded: string): string {
  // a workbook with macros stays .xlsm (Excel refuses macro content under .xlsx)
  const extension = /\.xlsm$/i.test(uploaded) ? "xlsm" : "xlsx";
  const base = uploaded.replace(/\.xls[xm]$/i, "") || "Arbeitsmappe";
  // a result opened again (next year's comparison) is counted on, as `srb allocate` names its output,
  // not suffixed twice („Musterstadt-SRB-SRB.xlsx“)
  const earlier = /^(.*-srb)(?: \((\d+)\))?$/i.exec(base);
  if (earlier) return `${earlier[1]} (${Number(earlier[2] ?? 1) + 1}).${extension}`;
  return `${base}-SRB.${extension}`;
}

/**
 * The task pane outside Excel: a file input for an .xlsx workbook, the four steps on it, and after
 * generation a download of the result (a Blob; nothing is sent anywhere).
 *
 * @example
 * createRoot(el).render(<StandaloneApp language="de" open={openXlsxWorkbook} />);
 */
export function StandaloneApp({ language, open }: StandaloneAppProps) {
  const s = stringsFor(language);
  const styles = useStyles();
  // Fluent's focus manager (tabster) lives as long as one component uses it. Every file opened starts the
  // App afresh (its `key`); were the App the only user, the manager would be disposed with it – and a
  // dialog cancelled just before („Als Beschluss festhalten“ → Abbrechen, then another file within
  // ~0.25 s) leaves the page aria-hidden for good, because disposing drops the pending update that would
  // lift it (microsoft/tabster#530). Held here, the manager outlives the App and lifts it as it should.
  useFocusFinders();
  const inputId = useId();
  const chosenId = useId();
  const input = useRef<HTMLInputElement>(null);
  const earlierInput = useRef<HTMLInputElement>(null);
  const earlierId = useId();
  /** The outcome of taking over last year's Beschluss (Fortschreibung): a note or why not. */
  const [earlierNote, setEarlierNote] = useState<{
    ok: boolean;
    text: string;
    /** Stored Beschlüsse of the earlier file that were damaged or unusable and not taken over. */
    notTaken?: string;
  } | null>(null);
  /** The name of the file picked last (shown next to the button, as the browser's own control would). */
  const [picked, setPicked] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; workbook: DownloadableWorkbook; n: number } | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  /** The name of the file being read (a large workbook takes a few seconds). */
  const [reading, setReading] = useState<string | null>(null);
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const [publicationDownload, setPublicationDownload] = useState<{ url: string; name: string } | null>(null);

  // the browser tab's title: standalone.html's <title> is German, the page may be English
  useEffect(() => {
    document.title = s.standaloneTitle;
  }, [s.standaloneTitle]);
  useEffect(() => () => (download ? URL.revokeObjectURL(download.url) : undefined), [download]);
  useEffect(
    () => () => (publicationDownload ? URL.revokeObjectURL(publicationDownload.url) : undefined),
    [publicationDownload],
  );

  const header = (
    <>
      <Text>{s.standaloneIntro}</Text>
      <div className={styles.upload}>
        <Label htmlFor={inputId}>{s.uploadLabel}</Label>
        {/* the browser's own file control speaks the browser's language ("Choose File"): it stays hidden,
            a button in the page's language opens it, and the chosen name is shown beside it */}
        <div className={styles.picker}>
          <Button aria-describedby={chosenId} onClick={() => input.current?.click()}>
            {s.chooseWorkbook}
          </Button>
          <Text id={chosenId} className={styles.chosen}>
            {picked ?? s.noFileChosen}
          </Text>
        </div>
        <input
          ref={input}
          id={inputId}
          hidden
          type="file"
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
          onChange={async (event) => {
            const picked = event.currentTarget.files?.[0];
            // the same file may be picked again (after fixing it in Excel): clear the input
            event.currentTarget.value = "";
            if (!picked) return;
            setPicked(picked.name);
            setOpenError(null);
            setEarlierNote(null);
            setDownload(null);
            setPublicationDownload(null);
            setReading(picked.name);
            try {
              // the spinner is painted before the (synchronous) unzipping and parsing begins
              await nextPaint();
              const workbook = await open(await picked.arrayBuffer());
              setFile((previous) => ({ name: picked.name, workbook, n: (previous?.n ?? 0) + 1 }));
            } catch (thrown) {
              setFile(null);
              setOpenError(`${picked.name}: ${describeError(thrown)}`);
            } finally {
              setReading(null);
            }
          }}
        />
        {reading && <Spinner size="tiny" label={s.readingWorkbook(reading)} role="status" />}
        {file && <Text>{s.loadedFile(file.name)}</Text>}
        {file && <Text className="srb-no-print">{s.printHint}</Text>}
        {file && (
          <div className={`${styles.picker} srb-no-print`}>
            <Button aria-describedby={earlierId} onClick={() => earlierInput.current?.click()}>
              {s.earlierChoose}
            </Button>
            <Text id={earlierId} size={200}>
              {s.earlierHint}
            </Text>
          </div>
        )}
        <input
          ref={earlierInput}
          hidden
          type="file"
          aria-label={s.earlierChoose}
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
          onChange={async (event) => {
            const chosen = event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (!chosen || !file) return;
            setEarlierNote(null);
            setReading(chosen.name);
            try {
              await nextPaint();
              const earlier = await open(await chosen.arrayBuffer());
              const records = await earlier.readStoredAdoptions?.();
              // each stored Beschluss read once: the readable ones, as stored and as read; why the others not
              const stored = storedAdoptions(records?.adoptions ?? []);
              // the damaged ones (text that is no JSON) and the unusable ones are said, never skipped silently
              const skipped = (records?.damaged ?? 0) + stored.problems.length;
              const notTaken =
                skipped > 0 ? s.earlierNotTaken(chosen.name, skipped, stored.problems.join(" ")) : undefined;
              const latest = latestAdoption(stored.adoptions);
              if (latest === null) {
                setEarlierNote({ ok: false, text: notTaken ?? s.earlierHasNoAdoption(chosen.name) });
                return;
              }
              // the earlier Beschlüsse join this workbook's own (each once): the latest is the comparison basis,
              // and the downloaded result carries them on to the year after
              const own = (await file.workbook.readStoredAdoptions?.())?.adoptions ?? [];
              const seen = new Set(own.map((a) => JSON.stringify(a)));
              await file.workbook.writeStoredAdoptions?.([
                ...own,
                ...stored.usable.filter((a) => !seen.has(JSON.stringify(a))),
              ]);
              setDownload(null);
              setPublicationDownload(null);
              // the steps read the workbook afresh, now with the Beschluss
              setFile((previous) => (previous ? { ...previous, n: previous.n + 1 } : previous));
              setEarlierNote({
                ok: true,
                text: s.earlierAdopted(germanDate(latest.date), chosen.name),
                ...(notTaken !== undefined ? { notTaken } : {}),
              });
            } catch (thrown) {
              setEarlierNote({ ok: false, text: `${chosen.name}: ${describeError(thrown)}` });
            } finally {
              setReading(null);
            }
          }}
        />
        {earlierNote && (
          <Text
            role={earlierNote.ok ? "status" : "alert"}
            className={earlierNote.ok ? undefined : styles.error}
          >
            {earlierNote.text}
          </Text>
        )}
        {earlierNote?.notTaken !== undefined && (
          <Text role="alert" className={styles.error}>
            {earlierNote.notTaken}
          </Text>
        )}
        {openError && (
          <Text role="alert" className={styles.error}>
            {openError}
          </Text>
        )}
      </div>
    </>
  );

  // the downloads sit right under the success message of "Verteilungsblatt erzeugen", where the eye is
  const downloads = (
    <>
      {download && (
        <Link className={styles.download} href={download.url} download={download.name}>
          {s.download(download.name)}
        </Link>
      )}
      {publicationDownload && (
        <Link className={styles.download} href={publicationDownload.url} download={publicationDownload.name}>
          {s.publicationDownload(publicationDownload.name)}
        </Link>
      )}
    </>
  );

  return (
    <App
      key={file?.n ?? 0}
      title={s.standaloneTitle}
      port={file?.workbook ?? null}
      language={language}
      header={header}
      fileName={file?.name}
      reloadable={false}
      checkReport={{
        label: s.checkReportDownload,
        deliver: async (bytes, name) => {
          const named = file ? `${file.name.replace(/\.xls[xm]$/i, "") || "Arbeitsmappe"}-${name}` : name;
          downloadFile(bytes, named, XLSX_MIME);
          return s.checkReportDownloaded(named);
        },
      }}
      generatedActions={download || publicationDownload ? downloads : undefined}
      onGenerated={async () => {
        if (!file) return;
        const bytes = await file.workbook.toBuffer();
        const name = resultFileName(file.name);
        const blob = new Blob([bytes as BlobPart], { type: name.endsWith(".xlsm") ? XLSM_MIME : XLSX_MIME });
        setDownload({ url: URL.createObjectURL(blob), name });
      }}
      onPublication={async (bytes, name) => {
        const blob = new Blob([bytes as BlobPart], { type: XLSX_MIME });
        setPublicationDownload({ url: URL.createObjectURL(blob), name });
        return s.publicationDownloadReady(name);
      }}
    />
  );
}

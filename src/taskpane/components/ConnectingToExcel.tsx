import { useEffect, useState } from "react";
import {
  Button,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Title3,
  webLightTheme,
} from "@fluentui/react-components";
import type { Language } from "../i18n";

const TEXT = {
  de: {
    title: "SRB – Sozialraumbudget",
    waiting: (s: number) => `Verbindung zu Excel wird hergestellt … (${s} s)`,
    slow:
      "Excel antwortet noch nicht. Das kann in Citrix- oder VDI-Sitzungen und auf ausgelasteten Rechnern " +
      "eine Weile dauern – SRB wartet weiter und startet, sobald Excel bereit ist.",
    retry: "Neu laden",
    standalone: "Ohne Excel öffnen (eigenständige Web-Anwendung)",
  },
  en: {
    title: "SRB – Social-area budget",
    waiting: (s: number) => `Connecting to Excel … (${s} s)`,
    slow:
      "Excel has not answered yet. In Citrix or VDI sessions and on busy computers this can take a while – " +
      "SRB keeps waiting and starts as soon as Excel is ready.",
    retry: "Reload",
    standalone: "Open without Excel (standalone web app)",
  },
} as const;

export interface ConnectingToExcelProps {
  language: Language;
  /** When waiting began (Date.now()), for the seconds shown. */
  since: number;
  /** Reloads the task pane (a fresh start of Office.js). */
  onRetry: () => void;
}

/**
 * Shown while Office is slow to answer at start-up: progress with the seconds waited, the reason in plain
 * words, a retry and the way to the standalone mode. SRB keeps waiting meanwhile.
 *
 * @example
 * root.render(<ConnectingToExcel language="de" since={Date.now()} onRetry={() => location.reload()} />);
 */
export function ConnectingToExcel({ language, since, onRetry }: ConnectingToExcelProps) {
  const t = TEXT[language];
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 16, display: "flex", flexDirection: "column", gap: 12 }}>
        <Title3 as="h1">{t.title}</Title3>
        <div role="status" aria-live="polite">
          {t.waiting(seconds)}
        </div>
        <ProgressBar aria-label={t.waiting(seconds)} />
        <MessageBar intent="warning">
          <MessageBarBody>{t.slow}</MessageBarBody>
        </MessageBar>
        <Button appearance="primary" onClick={onRetry}>
          {t.retry}
        </Button>
        <Link href="standalone.html">{t.standalone}</Link>
      </main>
    </FluentProvider>
  );
}

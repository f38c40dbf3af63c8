import {
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  Title3,
  webLightTheme,
} from "@fluentui/react-components";
import { stringsFor, type Language } from "../i18n";

export interface NotInExcelProps {
  language: Language;
  /** Why the Excel adapter could not start, if it failed. */
  error?: string;
}

/**
 * Shown when taskpane.html is opened outside Excel (or Office.js is unreachable): a link to the
 * standalone mode instead of an empty page.
 *
 * @example
 * root.render(<NotInExcel language="de" />);
 */
export function NotInExcel({ language, error }: NotInExcelProps) {
  const s = stringsFor(language);
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 16, display: "flex", flexDirection: "column", gap: 12 }}>
        <Title3 as="h1">{s.appTitle}</Title3>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <MessageBar intent="info">
          <MessageBarBody>{s.openInExcel}</MessageBarBody>
        </MessageBar>
        <Link href="standalone.html">{s.openStandalone}</Link>
      </main>
    </FluentProvider>
  );
}

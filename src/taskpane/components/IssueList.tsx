import { Badge, Button, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { memo, useState } from "react";
import type { Issue } from "../../engine/issues";
import type { Strings } from "../i18n";

export interface IssueListProps {
  strings: Strings;
  issues: Issue[];
  /** Selects a cell in the workbook; without it (standalone mode) addresses are plain text. */
  onSelectCell?(sheet: string, cell: string): void;
}

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  badge: { flexShrink: 0 },
  body: { display: "flex", flexDirection: "column", minWidth: 0 },
  more: { alignSelf: "flex-start" },
});

/**
 * Entries shown before „Alle … Einträge anzeigen“: a town with 10,000 Kitas has hundreds of warnings
 * (a missing value each), which the pane would otherwise lay out in full on every visit; all of them
 * are in the Prüfbericht sheet, and one click shows them here.
 */
export const ISSUES_SHOWN = 50;

/**
 * Where an issue points, as shown to the user: "Kitas!L11", "Kitas" or "".
 *
 * @example
 * issueAddress({ level: "error", code: "x", sheet: "Kitas", cell: "L11", message: "…" }); // => "Kitas!L11"
 */
export function issueAddress(issue: Issue): string {
  if (issue.sheet && issue.cell) return `${issue.sheet}!${issue.cell}`;
  return issue.sheet || issue.cell;
}

/**
 * The check report: errors first, then warnings, each with its message and a clickable cell address;
 * the first ISSUES_SHOWN entries, the rest after „Alle … Einträge anzeigen“.
 *
 * @example
 * <IssueList strings={stringsFor("de")} issues={issues} onSelectCell={(sheet, cell) => port.selectCell?.(sheet, cell)} />
 */
export const IssueList = memo(function IssueList({ strings: s, issues, onSelectCell }: IssueListProps) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (issues.length === 0) return <Text>{s.noIssues}</Text>;
  const sorted = [...issues.filter((i) => i.level === "error"), ...issues.filter((i) => i.level !== "error")];
  const shown = all ? sorted : sorted.slice(0, ISSUES_SHOWN);
  return (
    <>
      <ul className={styles.list} aria-label={s.checkReport}>
        {shown.map((issue, n) => {
          const address = issueAddress(issue);
          return (
            <li key={`${issue.code}-${address}-${n}`} className={styles.item}>
              <Badge
                className={styles.badge}
                appearance="filled"
                color={issue.level === "error" ? "danger" : "warning"}
              >
                {issue.level === "error" ? s.levelError : s.levelWarning}
              </Badge>
              <span className={styles.body}>
                {address &&
                  (onSelectCell && issue.sheet && issue.cell ? (
                    <Link
                      as="button"
                      aria-label={s.goToCell(address)}
                      onClick={() => onSelectCell(issue.sheet, issue.cell)}
                    >
                      {address}
                    </Link>
                  ) : (
                    <Text weight="semibold">{address}</Text>
                  ))}
                <Text>{issue.message}</Text>
              </span>
            </li>
          );
        })}
      </ul>
      {shown.length < sorted.length && (
        <Button className={styles.more} appearance="secondary" onClick={() => setAll(true)}>
          {s.showAllIssues(shown.length, sorted.length)}
        </Button>
      )}
    </>
  );
});

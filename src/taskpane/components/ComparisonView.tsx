import {
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useId } from "react";
import { STRANDS, type Changes, type UnitChange } from "../../engine/changes";
import { changeSummary } from "../../engine/changeSummary";
import { formatEuro, formatNumber } from "../../engine/germanFormat";
import type { PreviewComparison } from "../../usecase/fortschreibung";
import type { Language, Strings } from "../i18n";

/** How many Kitas and Sozialräume the pane lists (the Veränderungen sheet has all of them). */
export const TOP_CHANGES = 5;

export interface ComparisonViewProps {
  strings: Strings;
  language: Language;
  comparison: PreviewComparison;
  /** A unit's name as the sheets show it (its code in publication mode). */
  unitName(id: string): string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  summary: { fontWeight: tokens.fontWeightSemibold },
  // columns as wide as their content needs, not equal thirds: at 350 px a Sozialraum such as
  // „Bahnhofsviertel“ was broken inside the word by the two number columns beside it
  contentWidths: { tableLayout: "auto" },
});

/**
 * A signed amount in euros (+/−, nothing for 0), de-DE in both languages.
 *
 * @example signedEuro(-1234.5); // => "-1.234,50 €"
 */
export function signedEuro(delta: number): string {
  return formatEuro(delta, true);
}

/**
 * A signed difference of shares (0–1) in percentage points, two decimals (de-DE digits, the unit in the
 * pane's language).
 *
 * @example signedPoints(-0.0213, "de"); // => "-2,13 Pp."
 * @example signedPoints(0.0213, "en"); // => "+2,13 pp"
 */
export function signedPoints(delta: number, language: Language): string {
  const n = formatNumber(delta * 100, { min: 2, max: 2, signed: true });
  return `${n} ${language === "en" ? "pp" : "Pp."}`;
}

/** Did anything of this Kita change (status, strands, band, €, VZÄ)? */
function changed(u: UnitChange): boolean {
  return (
    u.status !== "geblieben" ||
    u.entered.length + u.left.length > 0 ||
    u.bandBefore !== u.bandAfter ||
    u.amountDelta !== 0 ||
    (u.vzaeDelta ?? 0) !== 0
  );
}

const strandNumbers = (strands: readonly string[]) =>
  strands.map((x) => String(STRANDS.indexOf(x as (typeof STRANDS)[number]) + 1)).join(", ");

/**
 * What changed for one Kita, in a few words: status, strands entered or left, band, € and VZÄ.
 *
 * @example unitChangeText(stringsFor("de"), change); // => "neu in Strang 1; Normbereich innerhalb → oberhalb; +1.250,00 €"
 */
export function unitChangeText(s: Strings, u: UnitChange): string {
  const parts: string[] = [];
  if (u.status === "neu") parts.push(s.statusNew);
  if (u.status === "entfallen") parts.push(s.statusGone);
  if (u.entered.length > 0) parts.push(s.enteredStrands(strandNumbers(u.entered)));
  if (u.left.length > 0) parts.push(s.leftStrands(strandNumbers(u.left)));
  if (u.status === "geblieben" && u.bandBefore !== u.bandAfter)
    parts.push(s.bandChange(u.bandBefore ?? "–", u.bandAfter ?? "–"));
  if (u.amountDelta !== 0) parts.push(signedEuro(u.amountDelta));
  if ((u.vzaeDelta ?? 0) !== 0) {
    const v = formatNumber(u.vzaeDelta as number, { max: 2, signed: true });
    parts.push(`${v} VZÄ`);
  }
  return parts.join("; ");
}

/**
 * The counts of a comparison: Kitas new, gone, kept, and how many strand entries/exits.
 *
 * @example changeCounts(changes); // => { added: 1, removed: 1, stayed: 7, strandMoves: 3 }
 */
export function changeCounts(changes: Changes): {
  added: number;
  removed: number;
  stayed: number;
  strandMoves: number;
} {
  const count = (status: string) => changes.units.filter((u) => u.status === status).length;
  return {
    added: count("neu"),
    removed: count("entfallen"),
    stayed: count("geblieben"),
    strandMoves: changes.units.reduce((n, u) => n + u.entered.length + u.left.length, 0),
  };
}

/**
 * The comparison with the adopted allocation, compact for a 350 px task pane: the summary line of the
 * Veränderungen sheet, the counts, the largest changes per Kita and per Sozialraum (at most
 * {@link TOP_CHANGES} each; the sheet lists all).
 *
 * @example <ComparisonView strings={s} language="de" comparison={result.comparison} unitName={(id) => id} />
 */
export function ComparisonView({ strings: s, language, comparison, unitName }: ComparisonViewProps) {
  const styles = useStyles();
  const heading = useId();
  const { changes } = comparison;
  const counts = changeCounts(changes);
  const units = changes.units.filter(changed);
  const areas = changes.areas.filter(
    (a) => a.status !== "geblieben" || a.amountDelta !== 0 || a.shareAfter !== a.shareBefore,
  );
  return (
    <section className={styles.root} aria-labelledby={heading} data-testid="changes-section">
      <Subtitle2 as="h2" id={heading}>
        {s.changesTitle}
      </Subtitle2>
      <Text size={200}>{s.comparedWith(comparison.label)}</Text>
      <Text className={styles.summary} role="note">
        {changeSummary(changes, s.summaryWords)}
      </Text>
      <Text size={200}>
        {s.changeCounts(counts.added, counts.removed, counts.stayed, counts.strandMoves)}
      </Text>
      {units.length > 0 && (
        <Table size="extra-small" aria-label={s.topUnitChanges}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.kita}</TableHeaderCell>
              <TableHeaderCell>{s.change}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {units.slice(0, TOP_CHANGES).map((u) => (
              <TableRow key={u.id}>
                <TableCell>{unitName(u.id)}</TableCell>
                <TableCell>{unitChangeText(s, u)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {units.length > TOP_CHANGES && <Text size={200}>{s.moreChanges(units.length - TOP_CHANGES)}</Text>}
      {areas.length > 0 && (
        <Table size="extra-small" aria-label={s.topAreaChanges} className={styles.contentWidths}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.area}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{s.share}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{s.amount}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {areas.slice(0, TOP_CHANGES).map((a) => (
              <TableRow key={a.name}>
                <TableCell>
                  {a.name}
                  {a.status === "neu"
                    ? ` (${s.statusNew})`
                    : a.status === "entfallen"
                      ? ` (${s.statusGone})`
                      : ""}
                </TableCell>
                <TableCell className={styles.number}>
                  {signedPoints(a.shareAfter - a.shareBefore, language)}
                </TableCell>
                <TableCell className={styles.number}>{signedEuro(a.amountDelta)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {areas.length > TOP_CHANGES && <Text size={200}>{s.moreChanges(areas.length - TOP_CHANGES)}</Text>}
    </section>
  );
}

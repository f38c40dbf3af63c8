import {
  Badge,
  Caption1,
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
import type { AreaRobustness, Robustness, UnitRobustness } from "../../engine/robustness";
import { formatFrequency, formatNumber, formatPercent, formatShare, type Strings } from "../i18n";
import { RangeChart } from "./RangeChart";

export interface RobustnessViewProps {
  strings: Strings;
  robustness: Robustness;
  /** Name of a unit as shown (its code in publication mode). */
  unitName(id: string): string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // six columns in a 350 px pane: the columns take what their content needs (Fluent's fixed layout would
  // make them equal and let "17,26 %" run into the next cell), small type, shares with one decimal
  table: { tableLayout: "auto", width: "100%", fontSize: tokens.fontSizeBase200 },
  areaColumn: { overflowWrap: "anywhere", paddingInlineEnd: tokens.spacingHorizontalXXS },
  number: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
    paddingInlineStart: tokens.spacingHorizontalXXS,
    paddingInlineEnd: tokens.spacingHorizontalXXS,
    // a header cell holds its text in a flex box: right-aligned like the numbers under it
    "& .fui-TableHeaderCell__button": { justifyContent: "flex-end" },
  },
  // a long name breaks inside a word rather than push the table past a 350 px pane with a scrollbar
  name: { overflowWrap: "anywhere" },
  areaCell: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  badge: { flexShrink: 0 },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  detail: { display: "block" },
});

/**
 * Rank range as shown: one number when the rank never changes, else "from–to".
 *
 * @example
 * rankRange({ rankMin: 2, rankMax: 2 }); // => "2"
 * rankRange({ rankMin: 1, rankMax: 3 }); // => "1–3"
 */
export function rankRange(area: Pick<AreaRobustness, "rankMin" | "rankMax">): string {
  return area.rankMin === area.rankMax ? `${area.rankMin}` : `${area.rankMin}–${area.rankMax}`;
}

/**
 * The strands (1, 3) whose eligibility of a unit is not the same under every alternative.
 *
 * @example
 * // eligible for strand 1 now, in 87 % of the alternatives: strand 1 flips; strand 3 never, now never
 * flippingStrands({ sozialarbeit: true, sozialarbeitFrequency: 0.87, interkulturell: false, interkulturellFrequency: 0 });
 * // => [1]
 */
export function flippingStrands(
  unit: Pick<
    UnitRobustness,
    "sozialarbeit" | "sozialarbeitFrequency" | "interkulturell" | "interkulturellFrequency"
  >,
): (1 | 3)[] {
  const out: (1 | 3)[] = [];
  if (unit.sozialarbeit ? unit.sozialarbeitFrequency < 1 : unit.sozialarbeitFrequency > 0) out.push(1);
  if (unit.interkulturell ? unit.interkulturellFrequency < 1 : unit.interkulturellFrequency > 0) out.push(3);
  return out;
}

/**
 * For a flagged Kita that no deterministic alternative flips (`flips` empty): per flipping strand, the share
 * of the Monte-Carlo draws (Zufallsgewichtungen) under which its eligibility differs from now. Every
 * differing run is then a random one, so the count is `runs · frequency` (not eligible now) or
 * `runs · (1 − frequency)` (eligible now), divided by the number of random runs computed (the runs minus
 * the deterministic alternatives that could be computed, at most `monteCarloRuns`). Empty when the Kita
 * is not flagged or a deterministic alternative flips it (those are named instead).
 *
 * @example
 * // 8 runs: 3 deterministic (none flips), 5 random; not eligible for strand 3 now, eligible in 1 of 8
 * // runs (12,5 %): 1 of 5 random runs differs = 20 %
 * randomOnlyShares(
 *   { sozialarbeit: true, sozialarbeitFrequency: 1, interkulturell: false, interkulturellFrequency: 0.125, flagged: true, flips: [] },
 *   { runs: 8, monteCarloRuns: 5, alternatives: [a, b, c] },
 * );
 * // => [{ strand: 3, share: 0.2 }]
 */
export function randomOnlyShares(
  unit: Pick<
    UnitRobustness,
    | "sozialarbeit"
    | "sozialarbeitFrequency"
    | "interkulturell"
    | "interkulturellFrequency"
    | "flagged"
    | "flips"
  >,
  robustness: Pick<Robustness, "runs" | "monteCarloRuns" | "alternatives">,
): { strand: 1 | 3; share: number }[] {
  if (!unit.flagged || unit.flips.length > 0) return [];
  const deterministic = robustness.alternatives.filter((a) => a.shares !== null).length;
  const randomRuns = Math.min(robustness.monteCarloRuns, robustness.runs - deterministic);
  if (randomRuns <= 0) return [];
  return flippingStrands(unit).map((strand) => {
    const now = strand === 1 ? unit.sozialarbeit : unit.interkulturell;
    const frequency = strand === 1 ? unit.sozialarbeitFrequency : unit.interkulturellFrequency;
    const differing = Math.round(robustness.runs * (now ? 1 - frequency : frequency));
    return { strand, share: Math.min(1, differing / randomRuns) };
  });
}

/**
 * Summary of the range chart for screen readers: number of areas, the widest range and how many are flagged.
 *
 * @example
 * rangeSummary(stringsFor("de"), r.areas);
 * // => "Spanne der Anteile je Sozialraum (2 Sozialräume): die größte Spanne hat Nord mit 33,33 % bis 50,00 %; 0 Sozialräume auffällig."
 */
export function rangeSummary(s: Strings, areas: AreaRobustness[]): string {
  if (areas.length === 0) return s.rangeChart;
  const widest = areas.reduce((w, a) => (a.shareMax - a.shareMin > w.shareMax - w.shareMin ? a : w));
  return s.rangeChartSummary(
    formatNumber(areas.length, 0),
    widest.name,
    formatShare(widest.shareMin),
    formatShare(widest.shareMax),
    formatNumber(areas.filter((a) => a.flagged).length, 0),
  );
}

/** "nur bei Zufallsgewichtungen (x % der Läufe)"; per strand when both strands flip. */
function RandomOnly(props: { strings: Strings; shares: { strand: 1 | 3; share: number }[] }) {
  const styles = useStyles();
  const { strings: s, shares } = props;
  if (shares.length === 0) return null;
  const text =
    shares.length === 1
      ? formatFrequency(shares[0].share)
      : shares.map((x) => s.strandShare(x.strand, formatFrequency(x.share))).join(", ");
  return <Caption1 className={styles.detail}>{s.onlyRandomWeightings(text)}</Caption1>;
}

/**
 * The result of "Robustheit prüfen": per Sozialraum the share now and its minimum, median and maximum under
 * the alternatives with the rank range ("auffällig" when the rank moves by 2 or more), a range chart, and
 * the Kitas whose eligibility for strand 1 or 3 flips, with how often they stay eligible.
 *
 * @example
 * <RobustnessView strings={stringsFor("de")} robustness={r} unitName={(id) => id} />
 */
export function RobustnessView({ strings: s, robustness: r, unitName }: RobustnessViewProps) {
  const styles = useStyles();
  const flipped = r.units.filter((u) => u.flagged);
  const yesNo = (b: boolean) => (b ? s.yes : s.no);
  // an alternative by name in the pane's language (its German label where it does not say what it changes)
  const changes = new Map(r.alternatives.map((a) => [a.label, a.change]));
  const nameOf = (label: string) => {
    const change = changes.get(label);
    return change ? s.alternativeName(change) : label;
  };
  return (
    <div className={styles.root} data-testid="robustness">
      <Text>
        {s.robustnessSummary(formatNumber(r.runs, 0), formatNumber(r.monteCarloRuns, 0), `${r.seed}`)}
      </Text>
      <Table size="small" aria-label={s.robustnessTable} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.areaColumn}>{s.area}</TableHeaderCell>
            {[s.shareNow, s.shareMin, s.shareMedian, s.shareMax].map((label) => (
              <TableHeaderCell key={label} className={styles.number}>
                {label}
              </TableHeaderCell>
            ))}
            <TableHeaderCell className={styles.number}>{s.rankRange}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {r.areas.map((a) => (
            <TableRow key={a.name}>
              <TableCell className={styles.areaColumn}>
                <span className={styles.areaCell}>
                  <span className={styles.name}>{a.name}</span>
                  {a.flagged && (
                    <Badge
                      className={styles.badge}
                      appearance="tint"
                      color="danger"
                      title={s.flaggedAreaHint}
                    >
                      {s.flaggedArea}
                    </Badge>
                  )}
                </span>
              </TableCell>
              <TableCell className={styles.number}>{formatPercent(a.share, 1)}</TableCell>
              <TableCell className={styles.number}>{formatPercent(a.shareMin, 1)}</TableCell>
              <TableCell className={styles.number}>{formatPercent(a.shareMedian, 1)}</TableCell>
              <TableCell className={styles.number}>{formatPercent(a.shareMax, 1)}</TableCell>
              <TableCell className={styles.number}>{rankRange(a)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {r.areas.some((a) => a.flagged) && <Caption1>{`${s.flaggedArea}: ${s.flaggedAreaHint}`}</Caption1>}
      <RangeChart summary={rangeSummary(s, r.areas)} areas={r.areas} />
      <Caption1>{s.rangeChartLegend}</Caption1>

      <Subtitle2 as="h3">{s.flipsTitle}</Subtitle2>
      {flipped.length === 0 ? (
        <Text>{s.noFlips}</Text>
      ) : (
        <ul className={styles.list} aria-label={s.flipsTitle}>
          {flipped.map((u) => (
            <li key={`${u.area}-${u.id}`}>
              <Text weight="semibold">{unitName(u.id)}</Text> <Text>({u.area})</Text>
              {flippingStrands(u).map((strand) => (
                <Text key={strand} className={styles.detail}>
                  {strand === 1
                    ? s.flipDetail(s.strand1, yesNo(u.sozialarbeit), formatFrequency(u.sozialarbeitFrequency))
                    : s.flipDetail(
                        s.strand3,
                        yesNo(u.interkulturell),
                        formatFrequency(u.interkulturellFrequency),
                      )}
                </Text>
              ))}
              {u.flips.length > 0 ? (
                <Caption1 className={styles.detail}>
                  {s.differsUnder(u.flips.map((label) => nameOf(label)).join("; "))}
                </Caption1>
              ) : (
                <RandomOnly strings={s} shares={randomOnlyShares(u, r)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

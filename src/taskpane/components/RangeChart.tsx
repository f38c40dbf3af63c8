import { makeStyles, tokens } from "@fluentui/react-components";
import { formatPercent } from "../i18n";

export interface RangeChartArea {
  name: string;
  /** Share now (0–1). */
  share: number;
  shareMin: number;
  shareMedian: number;
  shareMax: number;
  flagged: boolean;
}

export interface RangeChartProps {
  /** Accessible summary of the chart (its text alternative is the table next to it). */
  summary: string;
  areas: RangeChartArea[];
}

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto", display: "block" },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  range: { stroke: tokens.colorNeutralForeground3, strokeWidth: 3, strokeLinecap: "round" },
  rangeFlagged: { stroke: tokens.colorPaletteRedForeground1, strokeWidth: 3, strokeLinecap: "round" },
  median: { stroke: tokens.colorNeutralForeground1, strokeWidth: 2 },
  now: { fill: tokens.colorBrandBackground, stroke: tokens.colorNeutralBackground1, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "11px" },
  axis: { fill: tokens.colorNeutralForeground2, fontSize: "10px" },
});

const ROW = 22;
const AXIS = 16;
const LABEL_WIDTH = 110;
const RIGHT = 16;
const WIDTH = 320;

/**
 * The chart's share axis: from the smallest minimum, rounded down to a whole percent, to the largest
 * maximum, rounded up (at least one percentage point wide).
 *
 * @example
 * // Nord 33,33–50,00 %, Süd 50,00–66,67 %: the axis runs from 33 % to 67 %
 * rangeDomain([{ shareMin: 1 / 3, shareMax: 0.5 }, { shareMin: 0.5, shareMax: 2 / 3 }]); // => [0.33, 0.67]
 */
export function rangeDomain(areas: { shareMin: number; shareMax: number }[]): [number, number] {
  const finite = areas.filter((a) => Number.isFinite(a.shareMin) && Number.isFinite(a.shareMax));
  if (finite.length === 0) return [0, 1];
  // + / − 1e-9: 0.29 · 100 is 28.999999999999996 in floating point, which must floor to 29, not 28
  const lo = Math.floor(Math.min(...finite.map((a) => a.shareMin)) * 100 + 1e-9);
  const hi = Math.ceil(Math.max(...finite.map((a) => a.shareMax)) * 100 - 1e-9);
  return [lo / 100, Math.max(hi, lo + 1) / 100];
}

/**
 * x position of a share on the axis `domain` drawn from `x0` over `width` pixels.
 *
 * @example
 * // axis 33–67 % over 194 px from x = 110: 50 % lies at 110 + 194 · (0,50 − 0,33) / 0,34 = 207
 * shareX(0.5, [0.33, 0.67], 110, 194); // => 207
 */
export function shareX(share: number, domain: [number, number], x0: number, width: number): number {
  const [lo, hi] = domain;
  return x0 + (width * (share - lo)) / (hi - lo);
}

/**
 * A small range chart of the Sozialräume's shares under the robustness alternatives (hand-made SVG): one
 * horizontal line from the minimum to the maximum per area, a dot for the share now and a tick for the
 * median; flagged areas are drawn in red. Screen readers get `summary`; the table beside it holds the
 * numbers.
 *
 * @example
 * <RangeChart summary="Spanne der Anteile je Sozialraum …"
 *   areas={[{ name: "Nord", share: 0.42, shareMin: 0.33, shareMedian: 0.42, shareMax: 0.5, flagged: false }]} />
 */
export function RangeChart({ summary, areas }: RangeChartProps) {
  const styles = useStyles();
  const domain = rangeDomain(areas);
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
  const x = (share: number) => shareX(share, domain, LABEL_WIDTH, plotWidth);
  const height = Math.max(1, areas.length) * ROW + AXIS;
  const axisY = areas.length * ROW;
  const ticks = [domain[0], (domain[0] + domain[1]) / 2, domain[1]];
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={summary}
      data-testid="range-chart"
    >
      <title>{summary}</title>
      {ticks.map((t, n) => (
        <g key={`tick-${n}`}>
          <line className={styles.grid} x1={x(t)} x2={x(t)} y1={0} y2={axisY + 2} />
          <text
            className={styles.axis}
            x={x(t)}
            y={axisY + AXIS - 3}
            textAnchor={n === 0 ? "start" : n === ticks.length - 1 ? "end" : "middle"}
          >
            {formatPercent(t, n === 1 && Math.round(t * 1000) % 10 !== 0 ? 1 : 0)}
          </text>
        </g>
      ))}
      {areas.map((a, n) => {
        const y = n * ROW + ROW / 2;
        const name = a.name.length > 18 ? `${a.name.slice(0, 17)}…` : a.name;
        return (
          <g key={a.name} data-testid="range-row">
            <text className={styles.label} x={LABEL_WIDTH - 6} y={y + 4} textAnchor="end">
              {name}
            </text>
            <line
              className={a.flagged ? styles.rangeFlagged : styles.range}
              x1={x(a.shareMin)}
              x2={x(a.shareMax)}
              y1={y}
              y2={y}
            />
            <line
              className={styles.median}
              x1={x(a.shareMedian)}
              x2={x(a.shareMedian)}
              y1={y - 7}
              y2={y + 7}
            />
            <circle className={styles.now} cx={x(a.share)} cy={y} r={3.5} />
          </g>
        );
      })}
    </svg>
  );
}

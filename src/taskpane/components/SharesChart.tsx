import { makeStyles, tokens } from "@fluentui/react-components";
import { memo } from "react";
import { formatShare, type Language } from "../i18n";

export interface SharesChartProps {
  title: string;
  language: Language;
  areas: { name: string; share: number }[];
}

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto", display: "block" },
  bar: { fill: tokens.colorBrandBackground },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "11px" },
});

const ROW = 22;
const LABEL_WIDTH = 110;
const VALUE_WIDTH = 60;
const WIDTH = 320;

/**
 * Length of a share's bar: the largest share fills the available width, the others in proportion.
 *
 * @example
 * barLength(0.1737, 0.1737, 150); // => 150
 * barLength(0.1003, 0.1737, 150); // => 86.61… (150 · 0.1003 / 0.1737)
 */
export function barLength(share: number, largest: number, available: number): number {
  if (!(largest > 0) || !(share > 0)) return 0;
  return (available * share) / largest;
}

/**
 * A small horizontal bar chart of the Sozialräume's budget shares (hand-made SVG, no chart library).
 *
 * @example
 * <SharesChart title="Anteile der Sozialräume am Budget" language="de"
 *   areas={[{ name: "Nord", share: 0.6 }, { name: "Süd", share: 0.4 }]} />
 */
export const SharesChart = memo(function SharesChart({ title, language, areas }: SharesChartProps) {
  const styles = useStyles();
  const largest = Math.max(0, ...areas.map((a) => a.share));
  const available = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, areas.length * ROW);
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      data-testid="shares-chart"
    >
      <title>{title}</title>
      {areas.map((a, n) => {
        const y = n * ROW;
        const length = barLength(a.share, largest, available);
        const name = a.name.length > 18 ? `${a.name.slice(0, 17)}…` : a.name;
        return (
          <g key={a.name}>
            <text className={styles.label} x={LABEL_WIDTH - 4} y={y + ROW / 2 + 4} textAnchor="end">
              {name}
            </text>
            <rect className={styles.bar} x={LABEL_WIDTH} y={y + 3} width={length} height={ROW - 6} rx={2}>
              <title>{`${a.name}: ${formatShare(a.share, language)}`}</title>
            </rect>
            <text className={styles.label} x={LABEL_WIDTH + length + 4} y={y + ROW / 2 + 4}>
              {formatShare(a.share, language)}
            </text>
          </g>
        );
      })}
    </svg>
  );
});

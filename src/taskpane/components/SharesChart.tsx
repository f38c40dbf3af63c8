import { makeStyles, tokens } from "@fluentui/react-components";
import { memo, useLayoutEffect, useRef, useState } from "react";
import { formatShare } from "../i18n";

export interface SharesChartProps {
  title: string;
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
/** Room for a name left of its bar (right-aligned, 4 units before the bar). */
const LABEL_ROOM = LABEL_WIDTH - 8;
/** Without a measuring browser (tests, very old hosts): names longer than this are shortened. */
const MAX_CHARS = 18;

/**
 * A name shortened to its first characters and „…“, as long as `fits` accepts it (at least one character).
 *
 * @example shortened("Thaleischweiler-Wallhalben", (t) => t.length <= 10); // => "Thaleisch…"
 */
export function shortened(name: string, fits: (text: string) => boolean): string {
  if (fits(name)) return name;
  let keep = name.length - 1;
  while (keep > 1 && !fits(`${name.slice(0, keep).trimEnd()}…`)) keep--;
  return `${name.slice(0, keep).trimEnd()}…`;
}

/** The names as shown before the browser has measured them: at most MAX_CHARS characters. */
function byLength(names: readonly string[]): string[] {
  return names.map((n) => shortened(n, (t) => t.length <= MAX_CHARS));
}

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
 * <SharesChart title="Anteile der Sozialräume am Budget"
 *   areas={[{ name: "Nord", share: 0.6 }, { name: "Süd", share: 0.4 }]} />
 */
export const SharesChart = memo(function SharesChart({ title, areas }: SharesChartProps) {
  const styles = useStyles();
  const largest = Math.max(0, ...areas.map((a) => a.share));
  const available = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, areas.length * ROW);
  const names = areas.map((a) => a.name);
  const key = names.join("\u0000");
  const [labels, setLabels] = useState<{ key: string; shown: string[] } | null>(null);
  const measure = useRef<SVGTextElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  // a name is right-aligned before its bar: one wider than the room would be cut at the pane's left edge
  // („haleischweiler-W…“); the browser measures it in the pane's font and it is shortened until it fits.
  // A chart not laid out yet (in a hidden step) measures 0: it is measured again when it gets its size.
  useLayoutEffect(() => {
    const probe = measure.current;
    if (!probe || typeof probe.getComputedTextLength !== "function") return;
    const run = () => {
      probe.textContent = "M";
      const laidOut = probe.getComputedTextLength() > 0;
      if (laidOut) {
        const fits = (text: string) => {
          probe.textContent = text;
          return probe.getComputedTextLength() <= LABEL_ROOM;
        };
        const fitted = key === "" ? [] : key.split("\u0000").map((n) => shortened(n, fits));
        setLabels((before) =>
          before?.key === key && before.shown.join("\u0000") === fitted.join("\u0000")
            ? before
            : { key, shown: fitted },
        );
      }
      probe.textContent = "";
    };
    run();
    if (typeof ResizeObserver !== "function" || !svg.current) return;
    const observer = new ResizeObserver(run);
    observer.observe(svg.current);
    return () => observer.disconnect();
  }, [key]);
  const shown = labels?.key === key ? labels.shown : byLength(names);
  return (
    <svg
      ref={svg}
      className={styles.svg}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      data-testid="shares-chart"
    >
      <title>{title}</title>
      <text ref={measure} className={styles.label} x={0} y={0} visibility="hidden" aria-hidden="true" />
      {areas.map((a, n) => {
        const y = n * ROW;
        const length = barLength(a.share, largest, available);
        const name = shown[n] ?? a.name;
        return (
          <g key={a.name}>
            <text className={styles.label} x={LABEL_WIDTH - 4} y={y + ROW / 2 + 4} textAnchor="end">
              {name}
            </text>
            <rect className={styles.bar} x={LABEL_WIDTH} y={y + 3} width={length} height={ROW - 6} rx={2}>
              <title>{`${a.name}: ${formatShare(a.share)}`}</title>
            </rect>
            <text className={styles.label} x={LABEL_WIDTH + length + 4} y={y + ROW / 2 + 4}>
              {formatShare(a.share)}
            </text>
          </g>
        );
      })}
    </svg>
  );
});

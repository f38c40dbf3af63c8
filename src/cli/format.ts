/**
 * Text output of `srb allocate`: German number formats and the Sozialraum table on stdout.
 */
import type { AreaResult } from "../engine/allocation";
import type { Issue } from "../engine/issues";
import { formatEuroPlain, formatNumber, formatPercent } from "../engine/germanFormat";

/**
 * An amount in euros, German style (thousands dot, decimal comma, two decimals).
 *
 * @example formatEuro(1002240) // => "1.002.240,00 €"
 */
export function formatEuro(euros: number): string {
  // Intl puts a no-break space before "€"; a plain space keeps terminals and tests simple.
  return formatEuroPlain(euros);
}

/**
 * A share (0–1) as a German percentage with two decimals.
 *
 * @example formatShare(0.17366) // => "17,37 %"
 */
export function formatShare(share: number): string {
  return formatPercent(share, 2).replace(/\u00a0/g, " ");
}

/**
 * An index value with one decimal, German style.
 *
 * @example formatIndex(53.04) // => "53,0"
 */
export function formatIndex(value: number): string {
  return formatNumber(value, 1);
}

/**
 * Full-time equivalents with two decimals, German style.
 *
 * @example formatVzae(1.25) // => "1,25"
 */
export function formatVzae(value: number): string {
  return formatNumber(value, 2);
}

/** What the Sozialraum table needs of an area; VZÄ and the Stellenplan only when the run has them. */
export type SozialraumLine = Pick<AreaResult, "name" | "index" | "share" | "amount"> &
  Partial<Pick<AreaResult, "vzae" | "unplanned">> & { plan?: Pick<NonNullable<AreaResult["plan"]>, "vzae"> };

/**
 * The Sozialraum table printed on stdout: one line per area (index, share, amount) and a total line.
 * With a cost per VZÄ it shows the VZÄ of each area; with a Stellenplan (SPEC §5) the VZÄ planned for its
 * Kitas and the money left "nicht verplant". Columns are padded so that numbers line up on the right.
 *
 * @example
 * sozialraumTable([{ name: "Altstadt", index: 50, share: 0.5, amount: 500, … }, …], 1000);
 * // Sozialraum  Index   Anteil      Betrag
 * // Altstadt     50,0  50,00 %   500,00 €
 * // …
 * // Summe              100,00 % 1.000,00 €
 * @example
 * sozialraumTable([{ name: "Nord", index: 60, share: 1, amount: 50000, vzae: 1, plan: { vzae: 1 }, unplanned: 800 }], 50000);
 * // Sozialraum  Index    Anteil       Betrag   VZÄ  nicht verplant
 * // Nord         60,0  100,00 %  50.000,00 €  1,00        800,00 €
 */
export function sozialraumTable(areas: readonly SozialraumLine[], budget: number): string {
  const withPlan = areas.some((a) => a.plan !== undefined);
  const withVzae = withPlan || areas.some((a) => typeof a.vzae === "number");
  const vzaeOf = (a: SozialraumLine): number | null =>
    withPlan ? (a.plan?.vzae ?? 0) : typeof a.vzae === "number" ? a.vzae : null;
  const cents = (x: number) => Math.round(x * 100);
  const header = [
    "Sozialraum",
    "Index",
    "Anteil",
    "Betrag",
    ...(withVzae ? ["VZÄ"] : []),
    ...(withPlan ? ["nicht verplant"] : []),
  ];
  const body = areas.map((a) => {
    const v = vzaeOf(a);
    return [
      a.name,
      formatIndex(a.index),
      formatShare(a.share),
      formatEuro(a.amount),
      ...(withVzae ? [v === null ? "–" : formatVzae(v)] : []),
      ...(withPlan ? [formatEuro(a.unplanned ?? 0)] : []),
    ];
  });
  const shareSum = areas.reduce((s, a) => s + a.share, 0);
  const amountSum = areas.reduce((s, a) => s + a.amount, 0);
  const vzaeSum = areas.reduce((s, a) => s + (vzaeOf(a) ?? 0), 0);
  const unplannedSum = areas.reduce((s, a) => s + cents(a.unplanned ?? 0), 0) / 100;
  const total = [
    "Summe",
    "",
    formatShare(shareSum),
    formatEuro(cents(amountSum) / 100),
    ...(withVzae ? [formatVzae(vzaeSum)] : []),
    ...(withPlan ? [formatEuro(unplannedSum)] : []),
  ];
  const rows = [header, ...body, total];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [line(header), rule, ...body.map(line), rule, line(total)];
  if (cents(amountSum) !== cents(budget)) {
    out.push(`Achtung: Summe ${formatEuro(amountSum)} weicht vom Budget ${formatEuro(budget)} ab.`);
  }
  return out.join("\n") + "\n";
}

/**
 * One line per issue for stderr, e.g. `Fehler Kitas!L11: „k.A.“ ist keine Zahl …`.
 *
 * @example issueLine({ level: "error", code: "text-in-number", sheet: "Kitas", cell: "L11", message: "…" })
 * // => "  Fehler Kitas!L11: …"
 */
export function issueLine(issue: Issue): string {
  const where = issue.sheet && issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet || issue.cell;
  const level = issue.level === "error" ? "Fehler" : "Warnung";
  return `  ${level}${where ? ` ${where}` : ""}: ${issue.message}`;
}

/**
 * German count phrase: "1 Fehler, 3 Warnungen".
 *
 * @example countIssues([{ level: "warning", … }]) // => "0 Fehler, 1 Warnung"
 */
export function countIssues(issues: readonly Issue[]): string {
  const errors = issues.filter((i) => i.level === "error").length;
  const warnings = issues.length - errors;
  return `${errors} Fehler, ${warnings} ${warnings === 1 ? "Warnung" : "Warnungen"}`;
}

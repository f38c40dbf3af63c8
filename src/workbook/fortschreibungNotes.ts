/**
 * What the generated sheets say about the Fortschreibung (SPEC.md §5a, §7): the history of adopted
 * allocations on the Methode sheet (the latest is the reference), and a plain note on Verteilung and
 * Einrichtungen when the budget was carried forward by the adopted shares or compared with an earlier
 * decision. Rows are appended below a sheet's content, so no formula or table of the sheet moves.
 */
import { basisName, germanDate, type Adoption } from "../engine/adoption";
import { COUNT_FORMAT, MONEY_FORMAT } from "./numberFormats";
import type { SheetCell, SheetSpec } from "./port";

const text = (value: string, bold = false): SheetCell => (bold ? { value, bold } : { value });

/** How this run relates to the adopted allocations. */
export interface FortschreibungContext {
  /** Every stored adoption, oldest first (this run's own included when it was adopted now). */
  adoptions: readonly Adoption[];
  /** The reference (the latest), or null. */
  reference: Adoption | null;
  /** This run was adopted now (`--adopt`, „Als Beschluss festhalten“). */
  adoptedNow: boolean;
  /** The budget was distributed by the reference's shares, nothing recomputed. */
  carriedForward: boolean;
  /** Indicators whose fixed goalposts came from the reference year. */
  goalpostsFromAdoption: readonly string[];
  /** What the run was compared with ("Beschluss vom 15.03.2022", a file name), or null. */
  comparedWith: string | null;
}

/**
 * The Methode sheet's "Beschlüsse" section: one row per adoption, oldest first, the reference marked.
 *
 * @example adoptionSection(ctx)[0][0].value; // => "Beschlüsse (Fortschreibung)"
 */
export function adoptionSection(ctx: FortschreibungContext): SheetCell[][] {
  const rows: SheetCell[][] = [[text("Beschlüsse (Fortschreibung)", true)]];
  if (ctx.adoptions.length === 0) {
    rows.push([text("Noch keine Verteilung als Beschluss festgehalten.")]);
  } else {
    rows.push(
      ["Datum", "Budget", "Sozialräume", "Einrichtungen", "Prüfsumme der Eingabewerte", "Referenz"].map((h) =>
        text(h, true),
      ),
    );
    for (const a of ctx.adoptions) {
      rows.push([
        text(germanDate(a.date)),
        { value: a.budget, numFmt: MONEY_FORMAT },
        { value: a.areas.length, numFmt: COUNT_FORMAT },
        { value: a.units.length, numFmt: COUNT_FORMAT },
        // 64 hex digits do not fit the column: in groups of 16, wrapped, so that none is cut by the
        // Referenz beside it (the Nachvollziehbarkeit section above shows the run's own in one piece)
        { value: a.checksum.replace(/(.{16})(?=.)/g, "$1 "), wrap: true },
        text(a === ctx.reference ? "ja (Vergleichsbasis)" : ""),
      ]);
    }
  }
  for (const line of statusLines(ctx)) rows.push([text(line)]);
  return rows;
}

function statusLines(ctx: FortschreibungContext): string[] {
  const lines: string[] = [];
  const ref = ctx.reference ? basisName(ctx.reference) : null;
  if (ctx.adoptedNow && ctx.reference)
    lines.push(`Diese Verteilung wurde am ${germanDate(ctx.reference.date)} als Beschluss festgehalten.`);
  if (ctx.carriedForward && ref)
    lines.push(
      `Fortschreibung: Anteile und Förderfähigkeit aus ${ref}; der Index wurde nicht neu berechnet, nur das Budget neu verteilt.`,
    );
  if (ctx.goalpostsFromAdoption.length > 0 && ref)
    lines.push(
      `Feste Grenzwerte (Min/Max) aus ${ref} für ${ctx.goalpostsFromAdoption.length} Indikator${ctx.goalpostsFromAdoption.length === 1 ? "" : "en"}: ${ctx.goalpostsFromAdoption.join(", ")}.`,
    );
  if (ctx.comparedWith) lines.push(`Verglichen mit: ${ctx.comparedWith} (Blatt „Veränderungen“).`);
  return lines;
}

/**
 * The note for Verteilung and Einrichtungen when the budget was carried forward, else null.
 *
 * @example carriedForwardNote(ctx); // => "Fortschreibung: die Anteile sind die beschlossenen vom 15.03.2022 – der Index wurde nicht neu berechnet."
 */
export function carriedForwardNote(ctx: FortschreibungContext): string | null {
  if (!ctx.carriedForward || !ctx.reference) return null;
  if (ctx.reference.source !== undefined)
    return `Fortschreibung: die Anteile sind die aus ${ctx.reference.source} – der Index wurde nicht neu berechnet.`;
  return `Fortschreibung: die Anteile sind die beschlossenen vom ${germanDate(ctx.reference.date)} – der Index wurde nicht neu berechnet.`;
}

/**
 * The sheet with rows appended below its content after one blank row (nothing above moves).
 *
 * @example withRowsBelow(spec, [[{ value: "Hinweis" }]]).rows.length; // => spec.rows.length + 2
 */
export function withRowsBelow(spec: SheetSpec, rows: readonly SheetCell[][]): SheetSpec {
  if (rows.length === 0) return spec;
  return { ...spec, rows: [...spec.rows, [], ...rows.map((r) => [...r])] };
}

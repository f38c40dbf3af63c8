/**
 * Checked data: what `checkTable` produces from a raw sheet once every cell passed the check.
 * Values are numbers or `null` (blank = missing); nothing here is a string that should be a number.
 */
import type { DataMapping, ResolvedIndicator } from "./model";

/** The keys of `DataMapping` that name a column (all but the sheet). */
export type RoleKey = Exclude<keyof DataMapping, "sheet" | "headerRow" | "range">;

export interface Unit {
  /** Einrichtung (name or id), unique in the dataset. */
  id: string;
  /** Sozialraum. */
  area: string;
  /** Kinder (children enrolled); null when the model has no Kinder column or the cell is blank. */
  children: number | null;
  /** 1-based row on the data sheet (for messages and the Prüfbericht). */
  row: number;
  /** Raw indicator values in the order of `Dataset.indicators`; null = no value. */
  values: (number | null)[];
  /** Strand 2 flag (Kommunikations- und Nachbarschaftszentrum chosen by the user). */
  strand2: boolean;
  /** Strand 3 exception reason (written reason for a unit above the lower bound only). */
  strand3Reason: string;
  /** Strand 4 flag and its justification. */
  strand4: boolean;
  strand4Reason: string;
  /** Bremen: Verbund name or null. */
  verbund: string | null;
  /** Bremen: newly funded this year. */
  firstYear: boolean;
  /** Bremen: external Kita-Index, when the model names a column. */
  kitaIndex: number | null;
  /** Strand 4: requested VZÄ (`data.strand4Vzae`); absent or null: one step. */
  strand4Vzae?: number | null;
  /** Träger (`data.traeger`); absent or null: none given. */
  traeger?: string | null;
}

export interface Dataset {
  sheet: string;
  units: Unit[];
  /** The model's indicators that were found on the sheet, in model order. */
  indicators: ResolvedIndicator[];
  /** A1 column letters of each indicator column (same order as `indicators`), for messages. */
  indicatorColumns: string[];
  /** A1 column letters of the model's named columns that were found (id, area, children, strand columns …). */
  roleColumns?: Partial<Record<RoleKey, string>>;
  /** 1-based header row. */
  headerRow: number;
  /** Human-readable input range, e.g. "Kitas!A1:T33" (Methode sheet). */
  inputRange: string;
}

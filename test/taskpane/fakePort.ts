/**
 * A fake workbook port for the task-pane tests: sheets held in memory, every call recorded, any method can
 * be made to fail. Not a test file itself (no `.test.`).
 */
import type { RawTable } from "../../src/engine/table";
import type { SheetSpec, WriteReport } from "../../src/workbook/port";
import type { TaskpanePort } from "../../src/taskpane/host";

export interface FakePort extends TaskpanePort {
  calls: { method: string; args: unknown[] }[];
  stored: unknown | null;
  written: SheetSpec[] | null;
  /** The stored adopted allocations (Beschlüsse), as JSON. */
  adoptions: unknown[];
  /** How many stored Beschlüsse are damaged (their text is no JSON). */
  damagedAdoptions: number;
  /** Makes the named method reject with this message. */
  failing: Partial<Record<keyof TaskpanePort, string>>;
}

/** Four Kitas in two Sozialräume; worked example in App.test.tsx. */
export const KITAS: RawTable = {
  sheet: "Kitas",
  headers: ["Einrichtung", "Sozialraum", "Kinder", "SGB2", "Migration"],
  rows: [
    ["Kita A", "Nord", 50, 10, 20],
    ["Kita B", "Nord", 60, 30, 40],
    ["Kita C", "Süd", 70, 20, 0],
    ["Kita D", "Süd", 80, 40, 60],
  ],
  headerRow: 1,
  firstColumn: 1,
};

/**
 * Next year's data (worked example, KITAS): Kita D closes, Kita E opens in Süd with Kita D's values but less
 * need on SGB2. Süd had Kita C 16,67 and Kita D 100 (mean 58,33, share 58,33 %).
 */
export const NEXT_YEAR_KITAS: RawTable = {
  ...KITAS,
  rows: [
    ["Kita A", "Nord", 50, 10, 20],
    ["Kita B", "Nord", 60, 30, 40],
    ["Kita C", "Süd", 70, 20, 0],
    ["Kita E", "Süd", 80, 25, 60],
  ],
};

/** The model of the worked example, as the workbook would store it (SPEC.md §8 shape). */
export const STORED_MODEL = {
  data: { sheet: "Kitas", id: "Einrichtung", area: "Sozialraum", children: "Kinder" },
  indicators: [
    { column: "SGB2", category: "Soziale Lage", direction: 1, weight: 1 },
    { column: "Migration", category: "Flucht und Migration", direction: 1, weight: 1 },
  ],
  categories: [
    { name: "Soziale Lage", weight: 1 },
    { name: "Flucht und Migration", weight: 1 },
  ],
  options: { normalisation: "minmax", sd: "sample", areaMethod: "mean-of-units" },
  budget: { total: 1000 },
};

export function fakePort(
  tables: RawTable[] = [KITAS],
  stored: unknown | null = STORED_MODEL,
  withSelectCell = true,
): FakePort {
  const port: FakePort = {
    calls: [],
    stored,
    written: null,
    adoptions: [],
    damagedAdoptions: 0,
    failing: {},
    async sheetNames() {
      record("sheetNames");
      return tables.map((t) => t.sheet);
    },
    async readTable(sheet: string) {
      record("readTable", sheet);
      const t = tables.find((x) => x.sheet === sheet);
      if (!t) throw new Error(`Blatt „${sheet}“ fehlt`);
      return JSON.parse(JSON.stringify(t));
    },
    async readStoredModel() {
      record("readStoredModel");
      return port.stored === null ? null : JSON.parse(JSON.stringify(port.stored));
    },
    async writeStoredModel(model: unknown) {
      record("writeStoredModel", model);
      port.stored = JSON.parse(JSON.stringify(model));
    },
    async readStoredAdoptions() {
      record("readStoredAdoptions");
      return {
        adoptions: JSON.parse(JSON.stringify(port.adoptions)) as unknown[],
        damaged: port.damagedAdoptions,
      };
    },
    async writeStoredAdoptions(adoptions: unknown[]) {
      record("writeStoredAdoptions", adoptions);
      port.adoptions = JSON.parse(JSON.stringify(adoptions)) as unknown[];
    },
    async writeGeneratedSheets(sheets: SheetSpec[]): Promise<WriteReport> {
      record("writeGeneratedSheets", sheets);
      port.written = sheets;
      return { sheets: sheets.map((s) => ({ requested: s.name, written: s.name })), replaced: [] };
    },
  };
  if (withSelectCell) {
    port.selectCell = async (sheet: string, address: string) => {
      record("selectCell", sheet, address);
    };
  }
  function record(method: keyof TaskpanePort, ...args: unknown[]) {
    port.calls.push({ method, args });
    const failure = port.failing[method];
    if (failure) throw new Error(failure);
  }
  return port;
}

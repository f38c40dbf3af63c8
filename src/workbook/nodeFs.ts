/**
 * File access for the .xlsx adapters' `fromFile`/`saveAs`: fs/promises when running under Node, else a
 * German usage error (the browser has no file system; the standalone page uses fromBuffer/toBuffer).
 * Looked up at call time, so that the adapters stay importable in the browser bundle.
 */
import { SrbUsageError } from "../engine/issues";

export type NodeFs = {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
};

/** fs/promises when running under Node, else a usage error. */
export function nodeFs(): NodeFs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs/promises") as NodeFs | undefined;
  if (!fs)
    throw new SrbUsageError("Dateizugriff ist nur unter Node.js möglich (im Browser: fromBuffer/toBuffer).");
  return fs;
}

/**
 * The one hook that owns the task pane's busy and error state. Every workbook call goes through `run`, so
 * a failure always reaches the screen (never only the console) and two actions never overlap.
 */
import { useCallback, useRef, useState } from "react";

export interface WorkbookActionState {
  /** Label of the action in progress (shown with the spinner), or null when idle. */
  busy: string | null;
  /** Progress text of the running action (e.g. "Blätter werden geschrieben …"), or null. */
  progress: string | null;
  /** Message of the last failed action, or null. */
  error: string | null;
  /**
   * Runs an action. Returns its result, or `undefined` when it failed (the error is then in `error`)
   * or when another action was still running.
   */
  run<T>(label: string, action: (report: (progress: string) => void) => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

/**
 * Message of anything thrown, for the user (Office.js errors carry `message` and sometimes `debugInfo`).
 *
 * @example
 * describeError(new Error("Blatt fehlt")); // => "Blatt fehlt"
 * describeError("kaputt"); // => "kaputt"
 */
export function describeError(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  if (typeof thrown === "string") return thrown;
  if (
    typeof thrown === "object" &&
    thrown !== null &&
    typeof (thrown as { message?: unknown }).message === "string"
  ) {
    return (thrown as { message: string }).message;
  }
  return String(thrown);
}

/**
 * Busy/error state for workbook actions.
 *
 * @example
 * const action = useWorkbookAction();
 * const names = await action.run("Blätter lesen", () => port.sheetNames());
 * // while running: action.busy === "Blätter lesen"; on failure: action.error === "Blätter lesen: <Grund>"
 */
export function useWorkbookAction(): WorkbookActionState {
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async <T>(
      label: string,
      action: (report: (progress: string) => void) => Promise<T>,
    ): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(label);
      setProgress(null);
      setError(null);
      try {
        // the spinner is painted before the action's first (possibly long, synchronous) step
        await nextPaint();
        return await action((p) => setProgress(p));
      } catch (thrown) {
        setError(`${label}: ${describeError(thrown)}`);
        return undefined;
      } finally {
        running.current = false;
        setBusy(null);
        setProgress(null);
      }
    },
    [],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, progress, error, run, clearError };
}

/**
 * Resolves after the browser has painted the current state (a frame, then a task), so a spinner set just
 * before a long synchronous computation is visible while it runs. Falls back to a plain task where there is
 * no requestAnimationFrame (tests, workers), and resolves after 100 ms at the latest: a hidden page gets no
 * frames, and the computation must not wait for the pane to be shown again.
 *
 * @example
 * report("Alternativen werden berechnet …");
 * await nextPaint();
 * const r = checkRobustness(model, table); // runs ~1 s; the spinner is already on screen
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== "function") {
      setTimeout(resolve, 0);
      return;
    }
    const latest = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(latest);
        resolve();
      }, 0),
    );
  });
}

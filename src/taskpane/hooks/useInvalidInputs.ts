import { useCallback, useState } from "react";

/**
 * The inputs that hold no valid value now (id → label), as the fields report them: the result step names
 * them. `onValidityChange` keeps its identity, and the state its own when nothing changed (no re-render).
 *
 * @example
 * const [invalid, onValidityChange] = useInvalidInputs();
 * onValidityChange("budget-total", "Budget", "Keine Zahl"); // invalid: { "budget-total": "Budget" }
 * onValidityChange("budget-total", "Budget", null); // invalid: {}
 */
export function useInvalidInputs(): [
  Record<string, string>,
  (id: string, label: string, message: string | null) => void,
] {
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const onValidityChange = useCallback((id: string, label: string, message: string | null) => {
    setInvalid((current) => {
      if (message === null) {
        if (!(id in current)) return current;
        const next = { ...current };
        delete next[id];
        return next;
      }
      return current[id] === label ? current : { ...current, [id]: label };
    });
  }, []);
  return [invalid, onValidityChange];
}

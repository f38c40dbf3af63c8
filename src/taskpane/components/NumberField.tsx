import { Field, Input } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { Language } from "../i18n";
import { readNumberInput, showNumberInput, type NumberKind } from "../numberInput";

export interface NumberFieldProps {
  /** Stable id; also the key under which validity is reported. */
  id: string;
  label: string;
  value: number | null | undefined;
  kind: NumberKind;
  language: Language;
  /** Called with every acceptable entry (null = emptied optional field). */
  onChange(value: number | null): void;
  /** Called when the field turns invalid (`message`) or valid again (null). */
  onValidityChange?(id: string, label: string, message: string | null): void;
  optional?: boolean;
  disabled?: boolean;
  hint?: string;
  /** Shorter visible label (e.g. "Gewicht" in a row); `label` then stays the accessible name. */
  visibleLabel?: string;
}

/**
 * A labelled numeric input that keeps what the user typed: a bad entry ("abc", "12,3,4") stays visible
 * with a message naming it and what is expected, and is never passed on as a number.
 *
 * @example
 * <NumberField id="budget" label="Budget (€)" kind="positiveAmount" language="de" value={1002240}
 *   onChange={(v) => setBudget(v)} onValidityChange={report} />
 */
export function NumberField(props: NumberFieldProps) {
  const {
    id,
    label,
    value,
    kind,
    language,
    onChange,
    onValidityChange,
    optional,
    disabled,
    hint,
    visibleLabel,
  } = props;
  const [text, setText] = useState(() => showNumberInput(value, kind));
  const [message, setMessage] = useState<string | null>(null);
  const lastReported = useRef<string | null>(null);

  // A value set from outside (stored model loaded, derived budget) replaces the text unless the text
  // already means that value; a bad entry the user is still fixing stays (unless the field is disabled).
  // Adjusted while rendering when the value or `disabled` changes, as React advises for state that follows
  // a prop (https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes):
  // an effect would have to leave out the text it reads from its dependencies.
  const [shown, setShown] = useState({ value, disabled });
  if (!Object.is(shown.value, value) || shown.disabled !== disabled) {
    setShown({ value, disabled });
    const reading = readNumberInput(text, kind, language, optional);
    const meansValue = reading.ok && reading.value === (value ?? null);
    if (!meansValue && (reading.ok || disabled)) {
      setText(showNumberInput(value, kind));
      setMessage(null);
    }
  }

  useEffect(() => {
    if (lastReported.current !== message) {
      lastReported.current = message;
      onValidityChange?.(id, label, message);
    }
  }, [id, label, message, onValidityChange]);

  // A field that disappears (unchecked option) must not keep blocking.
  useEffect(() => () => onValidityChange?.(id, label, null), [id, label, onValidityChange]);

  return (
    <Field
      label={visibleLabel ?? label}
      // the hint shows the value in use (e.g. the budget as „1.002.240,00 €“): while the text is refused it
      // would show the last good value under the message as if it were what was typed
      hint={message ? undefined : hint}
      required={!optional}
      validationState={message ? "error" : "none"}
      validationMessage={message ?? undefined}
    >
      <Input
        aria-label={visibleLabel !== undefined ? label : undefined}
        inputMode="decimal"
        value={text}
        disabled={disabled}
        onChange={(_, data) => {
          setText(data.value);
          const reading = readNumberInput(data.value, kind, language, optional);
          if (reading.ok) {
            setMessage(null);
            onChange(reading.value);
          } else {
            setMessage(reading.message);
          }
        }}
      />
    </Field>
  );
}

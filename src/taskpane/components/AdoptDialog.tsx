import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Text,
} from "@fluentui/react-components";
import { useState } from "react";
import { isoOfTypedDate } from "../../engine/adoption";
import type { Strings } from "../i18n";

/**
 * A date as the German reads and types it.
 *
 * @example germanToday(new Date(2027, 2, 5)); // => "05.03.2027"
 */
export function germanToday(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
}

export interface AdoptDialogProps {
  strings: Strings;
  disabled: boolean;
  /** Today (the date's default). */
  today: Date;
  /** Called with the ISO date when the user confirms. */
  onAdopt(date: string): void;
}

/**
 * "Als Beschluss festhalten": a button and a confirmation dialog with the date of the decision (default
 * today, TT.MM.JJJJ). Cancel does nothing; confirm hands the ISO date to `onAdopt`.
 *
 * @example <AdoptDialog strings={s} disabled={false} today={new Date()} onAdopt={(date) => adopt(date)} />
 */
export function AdoptDialog({ strings: s, disabled, today, onAdopt }: AdoptDialogProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(() => germanToday(today));
  // as a German writes it, or ISO as `srb allocate --adopt-date` takes it too
  const iso = isoOfTypedDate(text);
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (data.open) setText(germanToday(today));
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="secondary" disabled={disabled}>
          {s.adopt}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{s.adoptTitle}</DialogTitle>
          <DialogContent>
            <Text as="p" block>
              {s.adoptIntro}
            </Text>
            <Field
              label={s.adoptDate}
              validationState={iso === null ? "error" : "none"}
              validationMessage={iso === null ? s.adoptDateInvalid : undefined}
            >
              <Input value={text} onChange={(_, data) => setText(data.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{s.cancel}</Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              disabled={iso === null}
              onClick={() => {
                if (iso === null) return;
                setOpen(false);
                onAdopt(iso);
              }}
            >
              {s.adoptConfirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

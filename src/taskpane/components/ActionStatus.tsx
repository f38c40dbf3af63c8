import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from "@fluentui/react-components";
import type { Strings } from "../i18n";
import type { WorkbookActionState } from "../useWorkbookAction";

/**
 * The state of the pane's workbook actions: the last failure (dismissable, read out as an alert) and the
 * spinner with the running action and its progress.
 *
 * @example <ActionStatus action={useWorkbookAction()} strings={stringsFor("de")} />
 */
export function ActionStatus({ action, strings: s }: { action: WorkbookActionState; strings: Strings }) {
  return (
    <>
      {action.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{s.errorTitle}</MessageBarTitle>
            {action.error}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={action.clearError}>{s.dismiss}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {action.busy && <Spinner size="tiny" label={`${action.busy} – ${action.progress ?? s.busy}`} />}
    </>
  );
}

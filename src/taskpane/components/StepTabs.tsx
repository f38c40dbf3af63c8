import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { memo, type ReactNode } from "react";

export type StepId = "data" | "model" | "budget" | "result";

/** One step of the pane: its tab's label and its panel's content. */
export interface StepPanelSpec {
  id: StepId;
  label: string;
  content: ReactNode;
}

/**
 * The four tabs stay in one row in a 350 px pane, German labels included (they once wrapped „Ergebnis“ onto
 * a second line, where it read like a step of its own): each tab is narrower at the sides (2 px instead of
 * Fluent's 6 px, the labels still 8 px apart; the font, the 32 px height and the focus ring are Fluent's),
 * and the row reaches into the pane's 12 px margin: 4 px on the left, the tab's own inset, so that the first
 * label lines up with the content below, and 8 px on the right. Narrower still (a zoomed page), a label
 * breaks inside its tab between words rather than the row breaking or running out of the pane.
 */
const useStyles = makeStyles({
  tabs: {
    flexWrap: "nowrap",
    minWidth: 0,
    marginLeft: `calc(-2 * ${tokens.spacingHorizontalXXS})`,
    marginRight: `calc(-4 * ${tokens.spacingHorizontalXXS})`,
  },
  tab: {
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalXXS}`,
    flexShrink: 1,
    // a label breaks between words only: the page's „overflow-wrap: anywhere“ (for long file names) would
    // let it break inside one, and Fluent's label and its bold double (the space a selected label takes)
    // clip (overflow: hidden), which would let them shrink to nothing
    overflowWrap: "break-word",
    whiteSpace: "normal",
    "& > *": { minWidth: "min-content" },
    textAlign: "center",
  },
  panel: { minWidth: 0 },
});

/**
 * The steps as tabs, each with its panel; only the `step` shown is visible. While an action runs (`busy`),
 * hidden panels are not rendered again (StepPanel).
 *
 * @example
 * <StepTabs panels={panels} step={step} onStepChange={setStep} busy={busy} label="Schritte" />
 */
export function StepTabs(props: {
  panels: StepPanelSpec[];
  step: StepId;
  onStepChange(step: StepId): void;
  busy: boolean;
  /** The tab list's accessible name. */
  label: string;
}) {
  const styles = useStyles();
  const { panels, step, onStepChange, busy } = props;
  return (
    <>
      <TabList
        selectedValue={step}
        onTabSelect={(_, data) => onStepChange(data.value as StepId)}
        aria-label={props.label}
        size="small"
        className={styles.tabs}
      >
        {panels.map((p) => (
          <Tab
            key={p.id}
            id={`tab-${p.id}`}
            value={p.id}
            aria-controls={`panel-${p.id}`}
            className={styles.tab}
          >
            {p.label}
          </Tab>
        ))}
      </TabList>
      {panels.map((p) => (
        <StepPanel
          key={p.id}
          id={p.id}
          label={p.label}
          hidden={p.id !== step}
          frozen={busy}
          className={styles.panel}
        >
          {p.content}
        </StepPanel>
      ))}
    </>
  );
}

/**
 * One step's tab panel. A hidden panel is not rendered again while an action runs (`frozen`): every
 * progress text of „Verteilungsblatt erzeugen“ would otherwise render the Daten, Modell and Budget steps
 * (hundreds of fields) that nobody sees; it renders with the latest state as soon as it is shown or the
 * action has ended.
 *
 * @example <StepPanel id="model" label="Modell" hidden={step !== "model"} frozen={busy}>{content}</StepPanel>
 */
const StepPanel = memo(
  function StepPanel(props: {
    id: StepId;
    label: string;
    hidden: boolean;
    frozen: boolean;
    className: string;
    children: ReactNode;
  }) {
    return (
      <section
        id={`panel-${props.id}`}
        role="tabpanel"
        aria-label={props.label}
        hidden={props.hidden}
        className={props.className}
      >
        {props.children}
      </section>
    );
  },
  (before, now) => before.hidden && now.hidden && before.frozen && now.frozen,
);

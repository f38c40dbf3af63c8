/** Renders a component inside Fluent's provider, as the task pane does; stubs what jsdom lacks. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";

/** jsdom has no ResizeObserver; Fluent's MessageBar measures itself with one. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const g = globalThis as { ResizeObserver?: unknown };
if (g.ResizeObserver === undefined) g.ResizeObserver = NoResizeObserver;

export function renderWithTheme(ui: ReactElement): RenderResult {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

/** Renders a component inside Fluent's provider, as the task pane does; stubs what jsdom lacks. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { configure, render, type RenderResult } from "@testing-library/react";
import { webcrypto } from "node:crypto";
import { TextEncoder } from "node:util";
import type { ReactElement } from "react";

/** jsdom has no ResizeObserver; Fluent's MessageBar measures itself with one. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const g = globalThis as { ResizeObserver?: unknown };
if (g.ResizeObserver === undefined) g.ResizeObserver = NoResizeObserver;

// Web Crypto and TextEncoder for the input checksum on the Methode sheet (jsdom lacks them).
const c = globalThis as { crypto?: { subtle?: unknown }; TextEncoder?: unknown };
if (!c.crypto?.subtle) Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true });
if (c.TextEncoder === undefined) c.TextEncoder = TextEncoder;

// The pane paints its progress before long work (nextPaint), so generating and reading run after the click
// returns, inside findBy…/waitFor's window rather than before it: on a loaded machine that takes seconds.
configure({ asyncUtilTimeout: 10_000 });

export function renderWithTheme(ui: ReactElement): RenderResult {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

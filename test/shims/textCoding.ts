/**
 * jsdom has no TextEncoder/TextDecoder, which every browser has (and the package adapter uses). Imported
 * first by the jsdom tests that open real packages, so the standalone page's code runs as in a browser.
 */
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextDecoder, TextEncoder });

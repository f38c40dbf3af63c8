import { nextPaint } from "../../src/taskpane/useWorkbookAction";

// Node test environment: requestAnimationFrame is installed and removed per test.
const g = globalThis as { requestAnimationFrame?: (callback: () => void) => number };

afterEach(() => {
  delete g.requestAnimationFrame;
  jest.useRealTimers();
});

describe("nextPaint", () => {
  test("without requestAnimationFrame: resolves after one task", async () => {
    jest.useFakeTimers();
    let done = false;
    const p = nextPaint().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    jest.advanceTimersByTime(0);
    await p;
    expect(done).toBe(true);
  });

  test("with frames: resolves in the task after the next frame (so the spinner has painted)", async () => {
    jest.useFakeTimers();
    const frames: (() => void)[] = [];
    g.requestAnimationFrame = (callback) => frames.push(callback);
    let done = false;
    const p = nextPaint().then(() => (done = true));
    jest.advanceTimersByTime(0);
    await Promise.resolve();
    expect(done).toBe(false); // no frame yet
    frames.shift()!();
    jest.advanceTimersByTime(0);
    await p;
    expect(done).toBe(true);
  });

  test("a hidden page (no frames at all) still resolves after 100 ms", async () => {
    jest.useFakeTimers();
    g.requestAnimationFrame = () => 0;
    let done = false;
    const p = nextPaint().then(() => (done = true));
    jest.advanceTimersByTime(99);
    await Promise.resolve();
    expect(done).toBe(false);
    jest.advanceTimersByTime(1);
    await p;
    expect(done).toBe(true);
  });
});

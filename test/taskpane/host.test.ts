import {
  decideHost,
  newWorkbookOpener,
  toBase64,
  lateOffice,
  OFFICE_GIVE_UP_AFTER_MS,
  OFFICE_SLOW_AFTER_MS,
  waitForOffice,
  type OfficeGlobal,
} from "../../src/taskpane/host";

function office(host: unknown, displayLanguage = "de-DE"): OfficeGlobal {
  return {
    onReady: async () => ({ host }),
    context: { displayLanguage },
    HostType: { Excel: "Excel" },
  };
}

describe("waitForOffice", () => {
  test("inside Excel: host and Office's display language", async () => {
    await expect(waitForOffice(office("Excel", "en-US"))).resolves.toEqual({
      host: "Excel",
      displayLanguage: "en-US",
      functionsSeeBlanks: true,
    });
  });
  test("office.js in a plain browser: host null", async () => {
    await expect(waitForOffice(office(null))).resolves.toEqual({
      host: null,
      displayLanguage: "de-DE",
      functionsSeeBlanks: true,
    });
  });
  test("a host without CustomFunctionsRuntime 1.3 is reported: its functions cannot tell blank from 0", async () => {
    const asked: string[] = [];
    const old: OfficeGlobal = {
      ...office("Excel"),
      context: {
        displayLanguage: "de-DE",
        requirements: {
          isSetSupported: (name, version) => (asked.push(`${name} ${version}`), version !== "1.3"),
        },
      },
    };
    await expect(waitForOffice(old)).resolves.toMatchObject({ host: "Excel", functionsSeeBlanks: false });
    expect(asked).toEqual(["CustomFunctionsRuntime 1.3"]);
    expect(decideHost({ host: "Excel", functionsSeeBlanks: false }, "de-DE")).toEqual({
      kind: "excel",
      language: "de",
      functionsSeeBlanks: false,
    });
  });
  test("another Office host is named", async () => {
    await expect(waitForOffice(office("Word"))).resolves.toMatchObject({ host: "Word" });
  });
  test("office.js not loaded (offline): null at once", async () => {
    await expect(waitForOffice(undefined)).resolves.toBeNull();
  });
  test("office.js that never answers: null after the timeout, the page does not hang", async () => {
    const never: OfficeGlobal = { onReady: () => new Promise(() => undefined) };
    const started = Date.now();
    await expect(waitForOffice(never, 50)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });
  test("office.js that fails: null", async () => {
    const failing: OfficeGlobal = { onReady: () => Promise.reject(new Error("kaputt")) };
    await expect(waitForOffice(failing, 1000)).resolves.toBeNull();
  });
});

/** Office that answers "Excel" after `ms` (fake timers); like Office.onReady, every call gets the same answer. */
function slowOffice(ms: number): OfficeGlobal {
  let ready: Promise<{ host: unknown }> | undefined;
  return {
    onReady: () => (ready ??= new Promise((resolve) => setTimeout(() => resolve({ host: "Excel" }), ms))),
    context: { displayLanguage: "de-DE" },
    HostType: { Excel: "Excel" },
  };
}

describe("a slow start (Citrix/VDI) is not 'nicht in Excel' (issue 10, item 10)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("Office answering after 12 s still starts the task pane (the old 10-s limit gave up for good)", async () => {
    const onSlow = jest.fn();
    const waiting = waitForOffice(slowOffice(12_000), { onSlow });
    await jest.advanceTimersByTimeAsync(12_000);
    await expect(waiting).resolves.toMatchObject({ host: "Excel", displayLanguage: "de-DE" });
  });

  test("the task pane is told once when Office is slow, so it can show progress and a retry", async () => {
    const onSlow = jest.fn();
    const waiting = waitForOffice(slowOffice(OFFICE_SLOW_AFTER_MS + 5_000), { onSlow });
    await jest.advanceTimersByTimeAsync(OFFICE_SLOW_AFTER_MS - 1);
    expect(onSlow).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(onSlow).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(5_000);
    await expect(waiting).resolves.toMatchObject({ host: "Excel" });
    expect(onSlow).toHaveBeenCalledTimes(1);
  });

  test("a fast Office is never reported slow", async () => {
    const onSlow = jest.fn();
    const waiting = waitForOffice(slowOffice(100), { onSlow });
    await jest.advanceTimersByTimeAsync(OFFICE_GIVE_UP_AFTER_MS);
    await expect(waiting).resolves.toMatchObject({ host: "Excel" });
    expect(onSlow).not.toHaveBeenCalled();
  });

  test("after giving up, a late answer from Office is still seen (lateOffice)", async () => {
    const office = slowOffice(OFFICE_GIVE_UP_AFTER_MS + 30_000);
    const waiting = waitForOffice(office);
    await jest.advanceTimersByTimeAsync(OFFICE_GIVE_UP_AFTER_MS);
    await expect(waiting).resolves.toBeNull();
    const late = lateOffice(office);
    await jest.advanceTimersByTimeAsync(30_000);
    await expect(late).resolves.toMatchObject({ host: "Excel" });
  });

  test("lateOffice without office.js: null", async () => {
    await expect(lateOffice(undefined)).resolves.toBeNull();
  });
});

describe("decideHost", () => {
  test("Excel uses Office's display language", () => {
    expect(decideHost({ host: "Excel", displayLanguage: "en-US" }, "de-DE")).toEqual({
      kind: "excel",
      language: "en",
      functionsSeeBlanks: true,
    });
    expect(decideHost({ host: "Excel", displayLanguage: "de-DE" }, "en-US")).toEqual({
      kind: "excel",
      language: "de",
      functionsSeeBlanks: true,
    });
  });
  test("Excel without a display language falls back to the browser's", () => {
    expect(decideHost({ host: "Excel" }, "en-GB")).toEqual({
      kind: "excel",
      language: "en",
      functionsSeeBlanks: true,
    });
  });
  test("no Office or another host: the browser, in the browser's language", () => {
    expect(decideHost(null, "de-DE")).toEqual({ kind: "browser", language: "de", reason: "no-office" });
    expect(decideHost({ host: "Word" }, "en-US")).toEqual({
      kind: "browser",
      language: "en",
      reason: "not-excel",
    });
  });
});

describe("newWorkbookOpener (the publication file as a new workbook in Excel)", () => {
  const office = (supported: boolean): OfficeGlobal => ({
    onReady: async () => ({ host: "Excel" }),
    context: {
      requirements: { isSetSupported: (name, v) => supported && name === "ExcelApi" && v === "1.8" },
    },
  });
  test("without ExcelApi 1.8 (Excel.createWorkbook) nothing is offered", () => {
    expect(newWorkbookOpener(office(false), { createWorkbook: async () => undefined })).toBeNull();
    expect(newWorkbookOpener(office(true), {})).toBeNull();
  });
  test("with it, the bytes go to Excel.createWorkbook as Base64", async () => {
    const received: string[] = [];
    const open = newWorkbookOpener(office(true), {
      createWorkbook: async (b64) => void received.push(b64 ?? ""),
    });
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    await open!(bytes);
    expect(Buffer.from(received[0], "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(toBase64(new Uint8Array([80, 75, 3, 4]))).toBe("UEsDBA==");
  });
});

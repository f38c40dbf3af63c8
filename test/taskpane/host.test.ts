import { decideHost, waitForOffice, type OfficeGlobal } from "../../src/taskpane/host";

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
    });
  });
  test("office.js in a plain browser: host null", async () => {
    await expect(waitForOffice(office(null))).resolves.toEqual({ host: null, displayLanguage: "de-DE" });
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

describe("decideHost", () => {
  test("Excel uses Office's display language", () => {
    expect(decideHost({ host: "Excel", displayLanguage: "en-US" }, "de-DE")).toEqual({
      kind: "excel",
      language: "en",
    });
    expect(decideHost({ host: "Excel", displayLanguage: "de-DE" }, "en-US")).toEqual({
      kind: "excel",
      language: "de",
    });
  });
  test("Excel without a display language falls back to the browser's", () => {
    expect(decideHost({ host: "Excel" }, "en-GB")).toEqual({ kind: "excel", language: "en" });
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

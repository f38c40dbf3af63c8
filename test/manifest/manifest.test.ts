/**
 * Structural manifest test (offline; `office-addin-manifest validate` needs an online service):
 * the XML parses, ids and URLs are sound, the shared runtime is wired consistently, de-DE is the default
 * locale with en-US overrides, the functions metadata has its de-DE override, and the add-in asks for
 * ReadWriteDocument only with no AppDomains.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";

const ROOT = join(__dirname, "..", "..");
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const doc = new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");

const all = (name: string): Element[] => Array.from(doc.getElementsByTagName(name));
const one = (name: string): Element => {
  const found = all(name);
  expect(found).toHaveLength(1);
  return found[0];
};
const resources = (name: string): Element[] => Array.from(doc.getElementsByTagNameNS(BT, name));
const resourceIds = (name: string): string[] =>
  resources(name)
    .filter((e) => e.hasAttribute("id"))
    .map((e) => e.getAttribute("id") ?? "");

test("the XML parses and is a TaskPaneApp with a GUID id", () => {
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  expect(doc.documentElement.localName).toBe("OfficeApp");
  expect(doc.documentElement.getAttributeNS(XSI, "type")).toBe("TaskPaneApp");
  expect(one("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(one("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
});

test("every URL is https", () => {
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const url of urls) expect(url).toMatch(/^https:\/\/localhost:3000\//);
  expect(xml).not.toMatch(/http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
});

test("resource ids are unique, at most 32 characters, and every resid points to one", () => {
  const ids = [...resourceIds("Image"), ...resourceIds("Url"), ...resourceIds("String")];
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
  const resids = Array.from(doc.querySelectorAll("[resid]")).map((e) => e.getAttribute("resid") ?? "");
  expect(resids.length).toBeGreaterThan(10);
  for (const resid of resids) {
    expect(resid.length).toBeLessThanOrEqual(32);
    expect(ids).toContain(resid);
  }
});

test("shared runtime: one long-lived runtime, used by the functions page, the function file and the task pane", () => {
  const runtime = one("Runtime");
  expect(runtime.getAttribute("lifetime")).toBe("long");
  const resid = runtime.getAttribute("resid");
  expect(resid).toBe("Taskpane.Url");
  expect(one("FunctionFile").getAttribute("resid")).toBe(resid);
  expect(one("Page").getElementsByTagName("SourceLocation")[0].getAttribute("resid")).toBe(resid);
  const taskpaneAction = all("Action").find((a) => a.getAttributeNS(XSI, "type") === "ShowTaskpane");
  expect(taskpaneAction?.getElementsByTagName("SourceLocation")[0].getAttribute("resid")).toBe(resid);
  const url = resources("Url").find((u) => u.getAttribute("id") === resid);
  expect(url?.getAttribute("DefaultValue")).toBe("https://localhost:3000/taskpane.html");
  const sets = all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
  expect(sets).toContainEqual(["SharedRuntime", "1.1"]);
});

test("custom functions: namespace SRB, script and metadata, German metadata as de-DE override", () => {
  const point = all("ExtensionPoint").find((e) => e.getAttributeNS(XSI, "type") === "CustomFunctions");
  expect(point?.parentElement?.localName).toBe("AllFormFactors");
  const namespaceId = one("Namespace").getAttribute("resid");
  expect(
    resources("String")
      .find((s) => s.getAttribute("id") === namespaceId)
      ?.getAttribute("DefaultValue"),
  ).toBe("SRB");
  const metadata = resources("Url").find((u) => u.getAttribute("id") === "Functions.Metadata.Url");
  expect(metadata?.getAttribute("DefaultValue")).toBe("https://localhost:3000/functions.json");
  const override = metadata?.getElementsByTagNameNS(BT, "Override")[0];
  expect(override?.getAttribute("Locale")).toBe("de-DE");
  expect(override?.getAttribute("Value")).toBe("https://localhost:3000/functions-de.json");
  const script = resources("Url").find((u) => u.getAttribute("id") === "Functions.Script.Url");
  expect(script?.getAttribute("DefaultValue")).toBe("https://localhost:3000/functions.js");
});

test("default locale de-DE; every visible string has an en-US override", () => {
  expect(one("DefaultLocale").textContent).toBe("de-DE");
  for (const name of ["DisplayName", "Description"]) {
    const element = Array.from(doc.documentElement.children).find((e) => e.localName === name);
    expect(element?.getElementsByTagName("Override")[0].getAttribute("Locale")).toBe("en-US");
  }
  for (const s of resources("String").filter((e) => e.getAttribute("id") !== "Functions.Namespace")) {
    const override = s.getElementsByTagNameNS(BT, "Override")[0];
    expect([s.getAttribute("id"), override?.getAttribute("Locale")]).toEqual([s.getAttribute("id"), "en-US"]);
  }
});

test("ReadWriteDocument only, no AppDomains", () => {
  expect(one("Permissions").textContent).toBe("ReadWriteDocument");
  expect(all("AppDomain")).toHaveLength(0);
  expect(all("AppDomains")).toHaveLength(0);
});

test("a button on the Home tab opens the task pane; icons exist in assets/", () => {
  const tab = one("OfficeTab");
  expect(tab.getAttribute("id")).toBe("TabHome");
  const button = tab.getElementsByTagName("Control")[0];
  expect(button.getAttributeNS(XSI, "type")).toBe("Button");
  expect(button.getElementsByTagName("Action")[0].getAttributeNS(XSI, "type")).toBe("ShowTaskpane");
  const iconUrls = [
    ...resources("Image")
      .filter((i) => i.hasAttribute("id"))
      .map((i) => i.getAttribute("DefaultValue") ?? ""),
    one("IconUrl").getAttribute("DefaultValue") ?? "",
    one("HighResolutionIconUrl").getAttribute("DefaultValue") ?? "",
  ];
  for (const url of iconUrls) {
    const file = url.replace("https://localhost:3000/", "");
    expect(file).toMatch(/^assets\/icon-\d+\.png$/);
    expect(existsSync(join(ROOT, file))).toBe(true);
    const bytes = readFileSync(join(ROOT, file));
    expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
    // the IHDR width matches the size in the name
    expect(bytes.readUInt32BE(16)).toBe(Number(/icon-(\d+)/.exec(file)?.[1]));
  }
});

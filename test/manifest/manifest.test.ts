/**
 * Structural manifest test (offline; `office-addin-manifest validate` needs an online service).
 *
 * Both manifests (manifest.xml: task pane + custom functions in a shared runtime; manifest-taskpane.xml:
 * task pane only) are checked as the repository holds them (development URL) and as the build writes them
 * for an authority's base URL (scripts/manifest.js, the same function webpack runs): the XML parses,
 * elements stand in the order the schema prescribes, ids and resids are sound (≤ 32 characters), every
 * URL is https on one origin under the build's base, the version is package.json's.
 * Schema order: https://learn.microsoft.com/javascript/api/manifest/officeapp (child elements, "in order")
 * and https://learn.microsoft.com/javascript/api/manifest/versionoverrides ;
 * resid length: https://learn.microsoft.com/javascript/api/manifest/resources ;
 * localization rule (no override for the default locale):
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-localize#localize-function-names
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifestBuild = require("../../scripts/manifest.js") as {
  DEV_BASE_URL: string;
  MANIFESTS: string[];
  buildManifest: (xml: string, options: { baseUrl?: string; version?: string }) => string;
  resolveBaseUrl: (value: string | undefined) => string;
  manifestVersion: (version: string) => string;
};

const ROOT = join(__dirname, "..", "..");
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const BASE = "https://kita.stadt.example/srb";
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const source = (file: string): string => readFileSync(join(ROOT, file), "utf8");

/** One manifest, parsed, with helpers. */
function parse(xml: string) {
  const doc = new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");
  const all = (name: string): Element[] => Array.from(doc.getElementsByTagName(name));
  const one = (name: string): Element => {
    const found = all(name);
    expect([name, found.length]).toEqual([name, 1]);
    return found[0];
  };
  const resources = (name: string): Element[] => Array.from(doc.getElementsByTagNameNS(BT, name));
  const resourceIds = (name: string): string[] =>
    resources(name)
      .filter((e) => e.hasAttribute("id"))
      .map((e) => e.getAttribute("id") ?? "");
  const url = (id: string) => resources("Url").find((u) => u.getAttribute("id") === id);
  const childNames = (e: Element): string[] => Array.from(e.children).map((c) => c.localName);
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]+)"/g)].map((m) => m[1]);
  return { xml, doc, all, one, resources, resourceIds, url, childNames, urls };
}
type Parsed = ReturnType<typeof parse>;

/** Schema sequence of OfficeApp (TaskPaneApp), of VersionOverrides, of a Host and of DesktopFormFactor. */
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dependencies",
  "VersionOverrides",
];
const VERSION_OVERRIDES_ORDER = ["Description", "Requirements", "Hosts", "Resources", "EquivalentAddins"];
const HOST_ORDER = ["Runtimes", "AllFormFactors", "DesktopFormFactor"];
const DESKTOP_ORDER = ["GetStarted", "FunctionFile", "ExtensionPoint"];
const RESOURCES_ORDER = ["Images", "Urls", "ShortStrings", "LongStrings"];

/** True when `names` follow `order` (each name known, never going back). */
function inSchemaOrder(names: string[], order: string[]): boolean {
  let last = -1;
  for (const name of names) {
    const at = order.indexOf(name);
    if (at < last || at < 0) return false;
    last = at;
  }
  return true;
}

function checkStructure(m: Parsed): void {
  expect(m.doc.getElementsByTagName("parsererror")).toHaveLength(0);
  expect(m.doc.documentElement.localName).toBe("OfficeApp");
  expect(m.doc.documentElement.getAttributeNS(XSI, "type")).toBe("TaskPaneApp");
  expect(m.one("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(m.one("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  const top = m.childNames(m.doc.documentElement);
  expect([top, inSchemaOrder(top, OFFICE_APP_ORDER)]).toEqual([top, true]);
  const overrides = m.one("VersionOverrides");
  const vo = m.childNames(overrides);
  expect([vo, inSchemaOrder(vo, VERSION_OVERRIDES_ORDER)]).toEqual([vo, true]);
  for (const host of Array.from(overrides.getElementsByTagName("Host"))) {
    const names = m.childNames(host);
    expect([names, inSchemaOrder(names, HOST_ORDER)]).toEqual([names, true]);
  }
  const desktop = m.childNames(m.one("DesktopFormFactor"));
  expect([desktop, inSchemaOrder(desktop, DESKTOP_ORDER)]).toEqual([desktop, true]);
  const resources = m.childNames(m.one("Resources"));
  expect([resources, inSchemaOrder(resources, RESOURCES_ORDER)]).toEqual([resources, true]);
  // resource ids: unique, ≤ 32 characters, every resid points to one
  const ids = [...m.resourceIds("Image"), ...m.resourceIds("Url"), ...m.resourceIds("String")];
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect([id, id.length <= 32]).toEqual([id, true]);
  const resids = Array.from(m.doc.querySelectorAll("[resid]")).map((e) => e.getAttribute("resid") ?? "");
  expect(resids.length).toBeGreaterThan(8);
  for (const resid of resids) {
    expect([resid, resid.length <= 32]).toEqual([resid, true]);
    expect(ids).toContain(resid);
  }
  expect(m.one("Permissions").textContent).toBe("ReadWriteDocument");
  expect(m.all("AppDomain")).toHaveLength(0);
}

/** Every URL https, one origin, under `base`. */
function checkUrls(m: Parsed, base: string): void {
  expect(m.urls.length).toBeGreaterThan(5);
  for (const url of m.urls) expect(url.startsWith(`${base}/`) ? url : `${url} (not under ${base})`).toBe(url);
  const origins = new Set(m.urls.map((u) => new URL(u).origin));
  expect([...origins]).toEqual([new URL(base).origin]);
  for (const url of m.urls) expect(new URL(url).protocol).toBe("https:");
  expect(m.xml).not.toMatch(/http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
}

const variants: [string, string, () => Parsed, string][] = [];
for (const file of manifestBuild.MANIFESTS) {
  variants.push([
    file,
    "repository (development URL)",
    () => parse(source(file)),
    manifestBuild.DEV_BASE_URL,
  ]);
  variants.push([
    file,
    `built for ${BASE}`,
    () => parse(manifestBuild.buildManifest(source(file), { baseUrl: `${BASE}/`, version: VERSION })),
    BASE,
  ]);
}

describe.each(variants)("%s, %s", (_file, _variant, load, base) => {
  test("structure: schema element order, ids, resids ≤ 32 characters, ReadWriteDocument only", () => {
    checkStructure(load());
  });
  test("every URL is https, on one origin, under the base URL", () => {
    checkUrls(load(), base);
  });
  test("default locale de-DE; every visible string has an en-US override", () => {
    const m = load();
    expect(m.one("DefaultLocale").textContent).toBe("de-DE");
    for (const name of ["DisplayName", "Description"]) {
      const element = Array.from(m.doc.documentElement.children).find((e) => e.localName === name);
      expect(element?.getElementsByTagName("Override")[0].getAttribute("Locale")).toBe("en-US");
    }
    for (const s of m.resources("String").filter((e) => e.getAttribute("id") !== "Functions.Namespace")) {
      const override = s.getElementsByTagNameNS(BT, "Override")[0];
      expect([s.getAttribute("id"), override?.getAttribute("Locale")]).toEqual([
        s.getAttribute("id"),
        "en-US",
      ]);
    }
    // no override may name the default locale (localization rule)
    for (const o of [...m.all("Override"), ...m.resources("Override")])
      expect(o.getAttribute("Locale")).not.toBe("de-DE");
  });
  test("declares ExcelApi 1.7 (getRangeByIndexes, tabColor, freezeRows, chart series)", () => {
    const sets = load()
      .all("Set")
      .map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(sets).toContainEqual(["ExcelApi", "1.7"]);
  });
  test("a button on the Home tab opens the task pane; icons exist in assets/", () => {
    const m = load();
    const tab = m.one("OfficeTab");
    expect(tab.getAttribute("id")).toBe("TabHome");
    const button = tab.getElementsByTagName("Control")[0];
    expect(button.getElementsByTagName("Action")[0].getAttributeNS(XSI, "type")).toBe("ShowTaskpane");
    const iconUrls = [
      ...m
        .resources("Image")
        .filter((i) => i.hasAttribute("id"))
        .map((i) => i.getAttribute("DefaultValue") ?? ""),
      m.one("IconUrl").getAttribute("DefaultValue") ?? "",
      m.one("HighResolutionIconUrl").getAttribute("DefaultValue") ?? "",
    ];
    for (const url of iconUrls) {
      const file = url.slice(base.length + 1);
      expect(file).toMatch(/^assets\/icon-\d+\.png$/);
      expect(existsSync(join(ROOT, file))).toBe(true);
      const bytes = readFileSync(join(ROOT, file));
      expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(bytes.readUInt32BE(16)).toBe(Number(/icon-(\d+)/.exec(file)?.[1]));
    }
  });
});

describe("manifest.xml: task pane and custom functions in one shared runtime", () => {
  const m = parse(manifestBuild.buildManifest(source("manifest.xml"), { baseUrl: BASE, version: VERSION }));

  test("one long-lived runtime, used by the functions page, the function file and the task pane", () => {
    const runtime = m.one("Runtime");
    expect(runtime.getAttribute("lifetime")).toBe("long");
    const resid = runtime.getAttribute("resid") ?? "";
    expect(m.one("FunctionFile").getAttribute("resid")).toBe(resid);
    expect(m.one("Page").getElementsByTagName("SourceLocation")[0].getAttribute("resid")).toBe(resid);
    const action = m.all("Action").find((a) => a.getAttributeNS(XSI, "type") === "ShowTaskpane");
    expect(action?.getElementsByTagName("SourceLocation")[0].getAttribute("resid")).toBe(resid);
    expect(m.url(resid)?.getAttribute("DefaultValue")).toBe(`${BASE}/taskpane.html`);
    const sets = m.all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(sets).toContainEqual(["SharedRuntime", "1.1"]);
    expect(sets).toContainEqual(["CustomFunctionsRuntime", "1.2"]);
  });

  test("custom functions: namespace SRB; German metadata by default, English as the en-US override", () => {
    const point = m.all("ExtensionPoint").find((e) => e.getAttributeNS(XSI, "type") === "CustomFunctions");
    expect(point?.parentElement?.localName).toBe("AllFormFactors");
    const namespaceId = m.one("Namespace").getAttribute("resid");
    expect(
      m
        .resources("String")
        .find((s) => s.getAttribute("id") === namespaceId)
        ?.getAttribute("DefaultValue"),
    ).toBe("SRB");
    const metadata = m.url("Functions.Metadata.Url");
    expect(metadata?.getAttribute("DefaultValue")).toBe(`${BASE}/functions-de.json`);
    const overrides = Array.from(metadata?.getElementsByTagNameNS(BT, "Override") ?? []);
    expect(overrides.map((o) => [o.getAttribute("Locale"), o.getAttribute("Value")])).toEqual([
      ["en-US", `${BASE}/functions.json`],
    ]);
    expect(m.url("Functions.Script.Url")?.getAttribute("DefaultValue")).toBe(`${BASE}/functions.js`);
  });

  test("the version is package.json's", () => {
    expect(m.one("Version").textContent).toBe(manifestBuild.manifestVersion(VERSION));
    expect(manifestBuild.manifestVersion("1.2.3")).toBe("1.2.3.0");
  });
});

describe("manifest-taskpane.xml: the task pane alone, for hosts without SharedRuntime 1.1", () => {
  const m = parse(
    manifestBuild.buildManifest(source("manifest-taskpane.xml"), { baseUrl: BASE, version: VERSION }),
  );
  const main = parse(source("manifest.xml"));

  test("no shared runtime, no custom functions, only ExcelApi required", () => {
    expect(m.all("Runtimes")).toHaveLength(0);
    expect(m.all("AllFormFactors")).toHaveLength(0);
    expect(m.all("ExtensionPoint").map((e) => e.getAttributeNS(XSI, "type"))).toEqual([
      "PrimaryCommandSurface",
    ]);
    expect(m.all("Set").map((s) => s.getAttribute("Name"))).toEqual(["ExcelApi"]);
    expect(m.xml).not.toMatch(/functions(-de)?\.(js|json)/);
  });

  test("its own Id (both can be deployed side by side), the same task pane page and version", () => {
    expect(m.one("Id").textContent).not.toBe(main.one("Id").textContent);
    const action = m.all("Action").find((a) => a.getAttributeNS(XSI, "type") === "ShowTaskpane");
    const resid = action?.getElementsByTagName("SourceLocation")[0].getAttribute("resid") ?? "";
    expect(m.url(resid)?.getAttribute("DefaultValue")).toBe(`${BASE}/taskpane.html`);
    expect(m.one("Version").textContent).toBe(manifestBuild.manifestVersion(VERSION));
  });
});

describe("the base URL (SRB_BASE_URL)", () => {
  test("normalised: trailing slash dropped; without a value the development URL", () => {
    expect(manifestBuild.resolveBaseUrl("https://kita.stadt.example/srb/")).toBe(BASE);
    expect(manifestBuild.resolveBaseUrl(undefined)).toBe("https://localhost:3000");
    expect(manifestBuild.resolveBaseUrl("  ")).toBe("https://localhost:3000");
    expect(manifestBuild.resolveBaseUrl("https://srb.intranet.example")).toBe("https://srb.intranet.example");
  });
  test("refused with a German message: http, no URL, query, credentials", () => {
    expect(() => manifestBuild.resolveBaseUrl("http://intranet/srb")).toThrow(/nur https:\/\/ ist erlaubt/);
    expect(() => manifestBuild.resolveBaseUrl("kita.stadt.example/srb")).toThrow(/keine gültige Adresse/);
    expect(() => manifestBuild.resolveBaseUrl("https://x.example/srb?a=1")).toThrow(/ohne Anmeldedaten/);
    expect(() => manifestBuild.resolveBaseUrl("https://u:p@x.example/srb")).toThrow(/ohne Anmeldedaten/);
  });
  test("the built manifest names no development URL, not even in a comment", () => {
    for (const file of manifestBuild.MANIFESTS) {
      const built = manifestBuild.buildManifest(source(file), { baseUrl: BASE, version: VERSION });
      expect([file, built.includes("localhost")]).toEqual([file, false]);
    }
  });
});

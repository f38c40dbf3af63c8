/**
 * Minimal SpreadsheetML packages built by hand, as another program or an attacker writes them: a workbook,
 * its relationships and content types, the given sheets (any part name, any prefix) and, when asked, shared
 * strings. Every part deflated, nothing else in the package.
 */
import { writeZip, type ZipOutput } from "../../src/workbook/xlsx/zipArchive";

export const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const enc = new TextEncoder();

export interface SheetDef {
  name: string;
  xml: string;
  /** Part name (default xl/worksheets/sheetN.xml). */
  part?: string;
  rels?: string;
  extra?: ZipOutput[];
}

/**
 * A package with these sheets, no styles, no shared strings unless given; `prefix` for the workbook.
 *
 * @example ZipArchive.open(buildPackage([{ name: "Kitas", xml: "<worksheet …/>" }])).entry("xl/worksheets/sheet1.xml");
 */
export function buildPackage(
  sheets: SheetDef[],
  options: { sst?: string[]; prefix?: string } = {},
): Uint8Array {
  const p = options.prefix ? `${options.prefix}:` : "";
  const ns = options.prefix ? `xmlns:${options.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const parts = sheets.map((s, i) => s.part ?? `xl/worksheets/sheet${i + 1}.xml`);
  const files: ZipOutput[] = [
    {
      name: "[Content_Types].xml",
      data: enc.encode(
        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
          parts
            .map(
              (part) =>
                `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
            )
            .join("") +
          `</Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: enc.encode(
        `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: enc.encode(
        `<${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets>` +
          sheets.map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}" r:id="s${i + 1}"/>`).join("") +
          `</${p}sheets></${p}workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: enc.encode(
        `<Relationships xmlns="${PKG}">` +
          parts
            .map((part, i) => `<Relationship Id="s${i + 1}" Type="${REL}/worksheet" Target="/${part}"/>`)
            .join("") +
          (options.sst
            ? `<Relationship Id="sst" Type="${REL}/sharedStrings" Target="strings/shared.xml"/>`
            : "") +
          `</Relationships>`,
      ),
    },
  ];
  sheets.forEach((s, i) => {
    files.push({ name: parts[i], data: enc.encode(s.xml) });
    if (s.rels) {
      const k = parts[i].lastIndexOf("/");
      files.push({
        name: `${parts[i].slice(0, k)}/_rels/${parts[i].slice(k + 1)}.rels`,
        data: enc.encode(s.rels),
      });
    }
    files.push(...(s.extra ?? []));
  });
  if (options.sst) {
    files.push({
      name: "xl/strings/shared.xml",
      data: enc.encode(
        `<sst xmlns="${MAIN}">${options.sst.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
      ),
    });
  }
  return writeZip(files);
}

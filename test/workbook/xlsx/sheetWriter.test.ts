import { inflateRawSync } from "node:zlib";
import { sheetPart, sheetXml, type SheetContent } from "../../../src/workbook/xlsx/sheetWriter";
import { compress, crc32 } from "../../../src/workbook/xlsx/zipArchive";
import { StylesEditor } from "../../../src/workbook/xlsx/stylesEditor";
import { escapeXml } from "../../../src/workbook/xlsx/xmlParts";
import type { PlannedCell } from "../../../src/workbook/writePlan";

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

const decoder = new TextDecoder();

/** Rows of every kind of cell sheetXml writes, with escapes and text outside ASCII. */
function sampleRows(count: number): PlannedCell[][] {
  const rows: PlannedCell[][] = [[{ value: "Einrichtung & Träger <Nord>", bold: true }]];
  for (let r = 0; r < count; r++) {
    rows.push([
      { value: `Kita „${r}“ 'Süd' "x"\r` },
      { value: r * 1.000001, numFmt: "0.00" },
      { value: r, formula: `=B${r + 2}*2`, numFmt: "0.00" },
      { value: "Ä", formula: `IF(A1="x","Ä","<b>")` },
      { value: true, formula: "TRUE()" },
      { value: null, formula: "NA()" },
      { value: "#NUM!", error: true },
      { value: false },
      { value: null, numFmt: "0.00" },
      { value: "😀 ok" },
    ]);
  }
  return rows;
}

/** What the writer wrote before it wrote bytes directly: each cell as one string, escaped by escapeXml. */
function expectedCells(rows: PlannedCell[][], styleOf: (c: PlannedCell) => string): string {
  let xml = "";
  const col = (j: number) => String.fromCharCode(65 + j);
  rows.forEach((row, i) => {
    let line = "";
    row.forEach((c, j) => {
      const ref = `${col(j)}${i + 1}`;
      const s = styleOf(c);
      if (c.formula) {
        const f = `<f>${escapeXml(c.formula.replace(/^=/, ""))}</f>`;
        if (typeof c.value === "string")
          line += `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(c.value)}</v></c>`;
        else if (typeof c.value === "boolean")
          line += `<c r="${ref}"${s} t="b">${f}<v>${c.value ? 1 : 0}</v></c>`;
        else if (typeof c.value === "number") line += `<c r="${ref}"${s}>${f}<v>${c.value}</v></c>`;
        else line += `<c r="${ref}"${s}>${f}</c>`;
      } else if (c.error) line += `<c r="${ref}"${s} t="e"><v>${escapeXml(c.value as string)}</v></c>`;
      else if (typeof c.value === "string")
        line += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.value)}</t></is></c>`;
      else if (typeof c.value === "number") line += `<c r="${ref}"${s}><v>${c.value}</v></c>`;
      else if (typeof c.value === "boolean") line += `<c r="${ref}"${s} t="b"><v>${c.value ? 1 : 0}</v></c>`;
      else line += `<c r="${ref}"${s}/>`;
    });
    xml += `<row r="${i + 1}">${line}</row>`;
  });
  return xml;
}

function written(content: SheetContent): { xml: string; styles: StylesEditor } {
  const styles = new StylesEditor(STYLES);
  return { xml: decoder.decode(sheetXml(content, styles).xml), styles };
}

describe("sheetXml", () => {
  it("writes every kind of cell, escaped, in UTF-8 (the cells between <sheetData> and </sheetData>)", () => {
    const rows = sampleRows(3);
    const { xml, styles } = written({ rows });
    const cells = xml.slice(xml.indexOf("<sheetData>") + 11, xml.indexOf("</sheetData>"));
    const styleOf = (c: PlannedCell) => {
      const s = styles.styleFor(c.numFmt, c.bold, c.wrap);
      return s ? ` s="${s}"` : "";
    };
    expect(cells).toBe(expectedCells(rows, styleOf));
    expect(xml).toContain("Kita „0“ &apos;Süd&apos; &quot;x&quot;&#13;");
    expect(xml).toContain("😀 ok");
  });

  it("writes the same bytes into blocks (no resizable buffers, as in some browsers) as into one growing buffer", () => {
    // several MB, and one text longer than a block
    const rows = sampleRows(12_000);
    rows.push([{ value: `${"Ä<".repeat(16_000)}x` }]);
    const growing = sheetXml({ rows, freezeRows: 1 }, new StylesEditor(STYLES)).xml;
    const resize = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "resize");
    try {
      Object.defineProperty(ArrayBuffer.prototype, "resize", { value: undefined, configurable: true });
      const blocks = sheetXml({ rows, freezeRows: 1 }, new StylesEditor(STYLES)).xml;
      expect((blocks.buffer as { resizable?: boolean }).resizable).toBe(false);
      expect(blocks.length).toBe(growing.length);
      expect(Buffer.from(blocks).equals(Buffer.from(growing))).toBe(true);
    } finally {
      if (resize) Object.defineProperty(ArrayBuffer.prototype, "resize", resize);
    }
    expect(growing.length).toBeGreaterThan(2_000_000);
    expect(decoder.decode(growing)).toContain(`${"Ä&lt;".repeat(3)}`);
  });

  it("deflates a part of more than a megabyte as it is written: the bytes of deflating the whole part", async () => {
    const rows = sampleRows(12_000);
    const whole = sheetXml({ rows, freezeRows: 1 }, new StylesEditor(STYLES)).xml;
    expect(whole.length).toBeGreaterThan(2_000_000);
    const part = await sheetPart({ rows, freezeRows: 1 }, new StylesEditor(STYLES));
    if (!("deflated" in part)) throw new Error("not deflated as it was written");
    const { deflated: pieces, crc, size } = await part.deflated;
    const deflated = Buffer.concat(pieces instanceof Uint8Array ? [pieces] : pieces);
    expect(size).toBe(whole.length);
    expect(crc).toBe(crc32(whole));
    expect(Buffer.from(deflated).equals(Buffer.from(compress(whole).data))).toBe(true);
    expect(Buffer.from(inflateRawSync(deflated)).equals(Buffer.from(whole))).toBe(true);
  });

  it("gives a part of a megabyte or less as its bytes", async () => {
    const rows = sampleRows(200);
    const part = await sheetPart({ rows }, new StylesEditor(STYLES));
    if (!("xml" in part)) throw new Error("a small part was deflated");
    expect(Buffer.from(part.xml).equals(Buffer.from(sheetXml({ rows }, new StylesEditor(STYLES)).xml))).toBe(
      true,
    );
  });

  it("deflates as it writes where there are no resizable buffers too (the blocks so far deflated first)", async () => {
    const rows = sampleRows(12_000);
    const whole = sheetXml({ rows }, new StylesEditor(STYLES)).xml;
    const resize = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "resize");
    try {
      Object.defineProperty(ArrayBuffer.prototype, "resize", { value: undefined, configurable: true });
      const part = await sheetPart({ rows }, new StylesEditor(STYLES));
      if (!("deflated" in part)) throw new Error("not deflated as it was written");
      const { deflated: pieces, size } = await part.deflated;
      const deflated = Buffer.concat(pieces instanceof Uint8Array ? [pieces] : pieces);
      expect(size).toBe(whole.length);
      expect(Buffer.from(inflateRawSync(deflated)).equals(Buffer.from(whole))).toBe(true);
    } finally {
      if (resize) Object.defineProperty(ArrayBuffer.prototype, "resize", resize);
    }
  });
});

/**
 * The scanner of worksheets and shared strings reads what a conforming XML parser (saxes) reads: the same
 * elements, attributes and text, whatever the chunk boundaries; and refuses what is no XML or what could
 * declare entities, with a German message.
 */
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { SheetScanner } from "../../../src/workbook/xlsx/sheetScanner";

const enc = new TextEncoder();
const ELEMENTS = ["sheetData", "row", "c", "v", "f", "is", "t", "si", "rPh"];
const ATTRIBUTES = ["r", "t", "s", "hidden"];

/** Events of the scanner, text captured everywhere, the bytes fed in pieces of `piece` bytes. */
function scanned(xml: string, piece = 1 << 16): string[] {
  const events: string[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") events.push(`text ${text}`);
    text = "";
  };
  const scanner = new SheetScanner("xl/worksheets/sheet1.xml", ELEMENTS, ATTRIBUTES, {
    open(element, attributes) {
      flush();
      const attrs = ATTRIBUTES.map((a, i) => (attributes[i] === undefined ? "" : ` ${a}=${attributes[i]}`));
      events.push(`open ${ELEMENTS[element]}${attrs.join("")}`);
    },
    close(element) {
      flush();
      events.push(`close ${ELEMENTS[element]}`);
    },
    text(t) {
      text += t;
    },
  });
  scanner.capture = true;
  const bytes = enc.encode(xml);
  for (let i = 0; i < bytes.length; i += piece) scanner.write(bytes.subarray(i, i + piece));
  scanner.end();
  flush();
  return events;
}

/** The same events from saxes (local names of the listed elements, unprefixed listed attributes). */
function parsed(xml: string): string[] {
  const events: string[] = [];
  let text = "";
  let depth = 0;
  const flush = () => {
    if (text !== "" && depth > 0) events.push(`text ${text}`);
    text = "";
  };
  const parser = new SaxesParser({});
  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  parser.on("opentag", (tag) => {
    flush();
    depth++;
    const name = local(tag.name);
    if (!ELEMENTS.includes(name)) return;
    const attributes = tag.attributes as Record<string, string>;
    const attrs = ATTRIBUTES.map((a) => (attributes[a] === undefined ? "" : ` ${a}=${attributes[a]}`));
    events.push(`open ${name}${attrs.join("")}`);
  });
  parser.on("closetag", (tag) => {
    flush();
    depth--;
    if (ELEMENTS.includes(local(tag.name))) events.push(`close ${local(tag.name)}`);
  });
  parser.on("text", (t) => (text += t));
  parser.on("cdata", (t) => (text += t));
  parser.write(xml).close();
  return events;
}

const SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
  `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- ein Kommentar - mit > -->` +
  `<x:sheetData><x:row r="1" hidden='1' spans="1:3"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">Kita „Löwenzahn“ &amp; Hort &#x1F600;\r\nzwei</x:t></x:is></x:c>` +
  `<x:c r = "B1" s="3"><x:v>44.8</x:v></x:c><x:c t="str"><x:f>SUM(A1:B1)&gt;0</x:f><x:v><![CDATA[a]]]]><![CDATA[>b]]]></x:v></x:c><x:c r="D1"/></x:row>` +
  `<x:row r="2"><x:c r="A2" t="s" other="&lt;&quot;&apos;"><x:v>0</x:v></x:c><x:c r="B2" t="a&#10;b\tc\r\nd"><x:v>1</x:v></x:c></x:row></x:sheetData>` +
  `<?pi etwas ?></x:worksheet>\n`;

describe("SheetScanner", () => {
  test("reads a worksheet as saxes does: prefixes, comments, CDATA, entities, line ends, attribute white space", () => {
    expect(scanned(SHEET)).toEqual(parsed(SHEET));
    expect(scanned(SHEET)).toContainEqual("text Kita „Löwenzahn“ & Hort 😀\nzwei");
    expect(scanned(SHEET)).toContainEqual("open c r=B2 t=a\nb c d");
  });

  test("reads the same whatever the chunk boundaries", () => {
    const whole = scanned(SHEET);
    for (let piece = 1; piece <= 17; piece++) expect(scanned(SHEET, piece)).toEqual(whole);
  });

  test("reads generated worksheets as saxes does, in any pieces", () => {
    // characters XML may hold (no control characters but tab, line feed, carriage return), escaped
    const allowed = (ch: string) => {
      const cp = ch.codePointAt(0)!;
      return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp !== 0xfffe && cp !== 0xffff);
    };
    const text = fc
      .string({ unit: "grapheme", maxLength: 12 })
      .map((s) =>
        [...s]
          .filter(allowed)
          .join("")
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/]]>/g, "]]&gt;"),
      );
    const cell = fc.record({
      r: fc.option(fc.constantFrom("A1", "B2", "AA10"), { nil: undefined }),
      t: fc.option(fc.constantFrom("s", "n", "str", "inlineStr"), { nil: undefined }),
      value: text,
      cdata: fc.boolean(),
      empty: fc.boolean(),
    });
    const sheet = fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 4 }).map(
      (rows) =>
        `<worksheet><sheetData>` +
        rows
          .map(
            (cells, i) =>
              `<row r="${i + 1}">` +
              cells
                .map((c) => {
                  const attrs = `${c.r ? ` r="${c.r}"` : ""}${c.t ? ` t='${c.t}'` : ""}`;
                  if (c.empty) return `<c${attrs}/>`;
                  const v = c.cdata ? `<![CDATA[${c.value.replace(/]]&gt;/g, "")}]]>` : c.value;
                  return `<c${attrs}><v>${v}</v></c>`;
                })
                .join("") +
              `</row>`,
          )
          .join("") +
        `</sheetData></worksheet>`,
    );
    fc.assert(
      fc.property(sheet, fc.integer({ min: 1, max: 40 }), (xml, piece) => {
        expect(scanned(xml, piece)).toEqual(parsed(xml));
      }),
    );
  });

  test.each([
    ["a DTD", `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "x">]><w>&a;</w>`, /enthält eine DTD/],
    ["an entity XML does not define", `<w><v>&nbsp;</v></w>`, /Zeile 1: unbekannte Entität „&nbsp;“/],
    ["a character reference to no character", `<w><v>&#0;</v></w>`, /ungültiges Zeichen „&#0;“/],
    ["tags that do not match", `<w><c></v></w>`, /End-Tag passt nicht zum Start-Tag/],
    ["an end tag too many", `<w></w></c>`, /End-Tag ohne Start-Tag/],
    ["a part cut off inside a tag", `<w><c r="A1`, /endet mitten im XML/],
    ["a part cut off inside an element", `<w><c>`, /endet mitten im XML/],
    ["no element at all", ``, /endet mitten im XML/],
    ["text outside the root", `<w/>Text`, /außerhalb des Wurzelelements/],
    ["a second root", `<w/><w/>`, /zweites Wurzelelement/],
    ["an attribute without quotes", `<w a=1/>`, /ohne Anführungszeichen/],
    ['"<" in an attribute', `<w a="<"/>`, /„<“ in einem Attributwert/],
    ["nesting deeper than any worksheet", "<a>".repeat(2000) + "</a>".repeat(2000), /zu tief verschachtelt/],
    ["a line further down", `<w>\n\n<c>&bad;</c></w>`, /Zeile 3:/],
  ])("refuses %s with a German message naming the part", (_, xml, message) => {
    expect(() => scanned(xml)).toThrow(message);
    expect(() => scanned(xml)).toThrow(/Teil „xl\/worksheets\/sheet1.xml“/);
  });

  test("a huge comment is read in linear time (nothing scanned twice)", () => {
    const xml = `<w><!--${"- x <!- y ".repeat(200_000)}--><c/></w>`;
    expect(scanned(xml, 4096)).toEqual(["open c", "close c"]);
  });
});

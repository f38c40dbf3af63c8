/**
 * Carriage returns that survive a save. exceljs writes a "\r" in a text cell as a raw character, and every
 * XML parser (Excel's, LibreOffice's, exceljs's own) turns a raw "\r" into "\n" (XML 1.0 §2.11), so the
 * user's text would change. As the character reference "&#13;" it is kept. Found by the fuzz test: a user
 * cell "\r" read back as "\n".
 */
import JSZip from "jszip";

/** The XML parts that hold cell text: shared strings and the worksheets (inline strings). */
const TEXT_PARTS = /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/;

/**
 * The same .xlsx with every raw carriage return in cell text written as "&#13;".
 *
 * @example const fixed = await keepCarriageReturns(await workbook.xlsx.writeBuffer());
 */
export async function keepCarriageReturns(xlsx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    if (!TEXT_PARTS.test(name)) continue;
    const xml = await zip.file(name)?.async("string");
    if (xml === undefined || !xml.includes("\r")) continue;
    zip.file(name, xml.replace(/\r/g, "&#13;"));
    changed = true;
  }
  return changed ? zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }) : xlsx;
}

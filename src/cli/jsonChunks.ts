/**
 * `JSON.stringify(value, null, 2) + "\n"` as a sequence of text pieces of about `pieceSize` characters, so that
 * a big results.json (16 MB for 10,000 Kitas) is written to its file as it is built, never held as one string
 * and one buffer of the whole. The pieces joined are exactly the text `JSON.stringify` gives (the file is a
 * contract, SPEC §8): the top-level object and its arrays and objects are laid out here, everything below
 * them is `JSON.stringify`'s own text, indented.
 *
 * @example [...prettyJsonChunks({ a: [1, { b: 2 }] })].join("") === JSON.stringify({ a: [1, { b: 2 }] }, null, 2) + "\n"; // => true
 */
export function* prettyJsonChunks(value: unknown, pieceSize = 1 << 20): Generator<string> {
  let piece = "";
  for (const text of layout(value, "", 0)) {
    piece += text;
    if (piece.length >= pieceSize) {
      yield piece;
      piece = "";
    }
  }
  yield piece + "\n";
}

/**
 * An array whose items are made only when they are laid out, a slice at a time (`item(i)` gives item `i`;
 * `prettyJsonChunks` writes it as the array of those items). results.json's units of 10,000 Kitas are
 * ~100,000 small objects: made all at once, they outlive several scavenges while the text is written
 * (every one of them copied, twice); made a slice at a time, each slice is garbage before the next.
 *
 * @example [...prettyJsonChunks({ a: new ItemsOnDemand(2, (i) => ({ i })) })].join(""); // => the text of { a: [{ i: 0 }, { i: 1 }] }
 */
export class ItemsOnDemand {
  constructor(
    readonly length: number,
    readonly item: (index: number) => unknown,
  ) {}

  /** The items as an array (what JSON.stringify would see): for a caller that needs them all. */
  toJSON(): unknown[] {
    return Array.from({ length: this.length }, (_, i) => this.item(i));
  }
}

/** Levels laid out here; deeper values are stringified whole (one unit of results.json, one issue). */
const SPREAD_DEPTH = 2;

/** Plain objects and arrays only: anything with `toJSON` (a date) or another prototype goes to JSON.stringify. */
function isSpreadable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (
    (proto === Object.prototype || proto === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

/**
 * JSON.stringify's text of a value at `indent`, or undefined where it leaves the value out. A plain object or
 * array is stringified inside as many arrays as its indent has levels, and the wrapping cut off: JSON.stringify
 * indents it itself, in one pass (no second pass inserting the indent after every line break).
 */
function stringified(value: unknown, indent: string): string | undefined {
  const levels = indent.length / 2;
  if (levels > 0 && isSpreadable(value)) return unwrapped(value, levels, indent);
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) return undefined;
  return indent === "" || !text.includes("\n") ? text : text.replaceAll("\n", `\n${indent}`);
}

/** Items of an array stringified in one JSON.stringify (about 100 KB of text for results.json's units). */
const ITEM_GROUP = 64;

/**
 * The items of a non-empty array at `indent` as JSON.stringify writes them inside it, one after the other,
 * with the ",\n" + indent between them: the group stringified inside as many arrays as `indent` has levels
 * (the group itself the innermost), the wrapping cut off, as `stringified` does for one value.
 */
function stringifiedItems(group: unknown[], indent: string): string {
  return unwrapped(group, indent.length / 2 - 1, indent);
}

/**
 * `value` stringified inside `wraps` arrays and the wrapping cut off, for `indent` (one level of wrapping per
 * two spaces of it, `value` itself counting as the innermost when it is the array whose items are wanted).
 */
function unwrapped(value: unknown, wraps: number, indent: string): string {
  const levels = indent.length / 2;
  let wrapped: unknown = value;
  for (let k = 0; k < wraps; k++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // "[\n" + "  [\n" + … + indent before the value; "\n" + … + "  ]" + "\n]" after it
  const head = levels * (levels + 1) + indent.length;
  const tail = levels * (levels + 1);
  return text.slice(head, text.length - tail);
}

/** A value laid out here at `depth` (its items or properties one by one), not stringified whole. */
function laidOut(
  value: unknown,
  depth: number,
): value is Record<string, unknown> | unknown[] | ItemsOnDemand {
  return depth < SPREAD_DEPTH && (value instanceof ItemsOnDemand || isSpreadable(value));
}

function* layout(value: unknown, indent: string, depth: number): Generator<string> {
  if (!laidOut(value, depth)) {
    yield stringified(value, indent) ?? "null";
    return;
  }
  const inner = `${indent}  `;
  if (value instanceof ItemsOnDemand || Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    if (depth + 1 >= SPREAD_DEPTH) {
      // every item stringified whole: `ITEM_GROUP` of them in one JSON.stringify
      for (let from = 0; from < value.length; from += ITEM_GROUP) {
        const group: unknown[] = [];
        const to = Math.min(from + ITEM_GROUP, value.length);
        for (let i = from; i < to; i++) group.push(value instanceof ItemsOnDemand ? value.item(i) : value[i]);
        yield `${from === 0 ? "" : ","}\n${inner}`;
        yield stringifiedItems(group, inner);
      }
      yield `\n${indent}]`;
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      const item: unknown = value instanceof ItemsOnDemand ? value.item(i) : value[i];
      // an array keeps a place for what JSON leaves out (undefined, a function): null
      if (laidOut(item, depth + 1)) yield* layout(item, inner, depth + 1);
      else yield stringified(item, inner) ?? "null";
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const text = laidOut(item, depth + 1) ? null : stringified(item, inner);
    if (text === undefined) continue; // an object leaves such a key out
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    if (text === null) yield* layout(item, inner, depth + 1);
    else yield text;
  }
  yield first ? "{}" : `\n${indent}}`;
}

/**
 * The first row of every name by its key (`headerKey`: case and spaces ignored), for the check's duplicate
 * Einrichtungen: "Kita Nord" in row 7 and "kita  nord" in row 12 are one name.
 *
 * A `Map` from the key texts does the same, but at 100,000 Kitas it makes 100,000 lower-case copies and a
 * table of 100,000 entries that keeps growing (a tenth of a second, and garbage). Here a name made of ASCII
 * letters and single spaces — nearly every name — is hashed as its key without making the key; the table
 * is one typed array of positions. Texts are compared only when two full hashes agree.
 */
import { headerKey } from "./headerKey";

/** FNV-1a over the key's code units, folded to 32 bits. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The hash of `headerKey(name)`. A name that is its own key apart from upper-case ASCII letters (all ASCII,
 * no white space to trim or collapse: nearly every name) is hashed in one pass over its characters, as its
 * key would be, without making the key; any other name is hashed from `headerKey`.
 */
function keyHash(name: string): number {
  const n = name.length;
  let h = FNV_OFFSET;
  let plain = n === 0 || (name.charCodeAt(0) !== 32 && name.charCodeAt(n - 1) !== 32);
  let previousSpace = false;
  for (let k = 0; plain && k < n; k++) {
    const c = name.charCodeAt(k);
    const space = c === 32;
    if (c >= 128 || (c >= 9 && c <= 13) || (space && previousSpace)) plain = false;
    previousSpace = space;
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), FNV_PRIME);
  }
  if (plain) return h | 0;
  h = FNV_OFFSET;
  const key = headerKey(name);
  for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), FNV_PRIME);
  return h | 0;
}

/**
 * Names with a number each (the row where a name was first seen), found again by their key.
 *
 * @example
 * const rows = new NameKeyIndex();
 * rows.firstOrAdd("Kita Nord", 7); // => undefined (new: row 7 remembered)
 * rows.firstOrAdd("kita  nord", 12); // => 7
 */
export class NameKeyIndex {
  private slots: Int32Array; // entry + 1; 0 = empty
  private hashes: Int32Array;
  private names: string[];
  private values: Float64Array;
  private count = 0;

  /**
   * @param capacity the number of names expected (e.g. the rows of a sheet): the tables are made that large
   * at once, not grown name by name; more names are taken all the same
   */
  constructor(capacity = 0) {
    const entries = Math.max(32, Math.floor(capacity));
    let size = 64;
    while (size < 2 * entries) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(entries);
    this.values = new Float64Array(entries);
    this.names = new Array<string>(entries);
  }

  /** The number of the first name with the same key; else the name is added with `value` and undefined returned. */
  firstOrAdd(name: string, value: number): number | undefined {
    const h = keyHash(name);
    const mask = this.slots.length - 1;
    let key: string | null = null;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const entry = this.slots[s] - 1;
      if (entry < 0) {
        this.add(s, h, name, value);
        return undefined;
      }
      if (this.hashes[entry] !== h) continue;
      key ??= headerKey(name);
      if (headerKey(this.names[entry]) === key) return this.values[entry];
    }
  }

  private add(slot: number, hash: number, name: string, value: number): void {
    const entry = this.count++;
    if (entry === this.hashes.length) {
      const hashes = new Int32Array(entry * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const values = new Float64Array(entry * 2);
      values.set(this.values);
      this.values = values;
    }
    this.hashes[entry] = hash;
    this.names[entry] = name;
    this.values[entry] = value;
    this.slots[slot] = entry + 1;
    if (2 * (entry + 1) > this.slots.length) this.rehash(this.slots.length * 2);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let s = this.hashes[entry] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = entry + 1;
    }
    this.slots = slots;
  }
}

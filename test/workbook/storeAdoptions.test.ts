/**
 * Adopted allocations in the store sheet (SPEC §5a): kept as history, in order, in chunks that fit a cell;
 * a store without them decodes exactly as before; a damaged one is counted, never thrown.
 */
import { STORE_CHUNK_LENGTH, decodeStore, encodeStore, storeKept } from "../../src/workbook/store";

const BIG = {
  date: "2027-03-15",
  units: Array.from({ length: 900 }, (_, i) => ({ id: `Kita ${i} 😀`, amount: i })),
};

describe("adoptions in the store", () => {
  test("several adoptions round-trip in order; a long one is split into cells of at most 30,000 characters", () => {
    const adoptions = [{ date: "2026-03-10", budget: 1 }, BIG, { date: "2027-03-15", budget: 3 }];
    const rows = encodeStore({ generated: ["Verteilung"], model: { a: 1 }, adoptions });
    expect(rows.filter(([k]) => k === "adoption")).toHaveLength(3);
    expect(rows.filter(([k]) => k === "adoption+").length).toBeGreaterThan(0);
    expect(rows.every(([, v]) => String(v).length <= STORE_CHUNK_LENGTH)).toBe(true);
    const decoded = decodeStore(rows);
    expect(decoded.adoptions).toEqual(adoptions);
    expect(decoded.model).toEqual({ a: 1 });
    expect(decoded.adoptionsUnreadable).toBeUndefined();
  });

  test("adoption rows come last, so an earlier reader sees the same model, names and fingerprints", () => {
    const rows = encodeStore({
      generated: ["Verteilung"],
      model: { a: 1 },
      fingerprints: { Verteilung: "0123456789abcdef" },
      adoptions: [{ date: "2027-03-15" }],
    });
    expect(rows.map(([k]) => k)).toEqual(["SRB", "generated", "model", "fingerprint", "adoption"]);
  });

  test("a store without adoptions decodes exactly as before (no adoptions field)", () => {
    const decoded = decodeStore(encodeStore({ generated: ["Verteilung"], model: { a: 1 } }));
    expect(decoded).toEqual({ version: 1, generated: ["Verteilung"], model: { a: 1 }, modelReadable: true });
  });

  test("a hand-damaged adoption is counted as unreadable, the others are kept; a stray continuation is ignored", () => {
    const decoded = decodeStore([
      ["SRB", 1],
      ["adoption+", "stray"],
      ["adoption", '{"date":"2026-03-10"}'],
      ["adoption", '{"date":"2027-'],
      ["adoption", '{"date":"2027-03-15"}'],
    ]);
    expect(decoded.adoptions).toEqual([{ date: "2026-03-10" }, { date: "2027-03-15" }]);
    expect(decoded.adoptionsUnreadable).toBe(1);
    expect(decoded.damagedAdoptions).toEqual(['{"date":"2027-']);
  });

  test("a damaged adoption survives every later write of the store, unchanged (never dropped)", () => {
    const damaged = `{"date":"2027-${"x".repeat(STORE_CHUNK_LENGTH)}`; // long: written back in several cells
    const decoded = decodeStore([
      ["SRB", 1],
      ["adoption", '{"date":"2026-03-10"}'],
      ...encodeStore({ generated: [], model: null, damagedAdoptions: [damaged] }).slice(1),
    ]);
    expect(decoded.damagedAdoptions).toEqual([damaged]);
    // a new Beschluss written as the adapters write one: the store as read kept, the adoptions replaced
    const next = [...(decoded.adoptions ?? []), { date: "2028-03-14" }];
    const written = decodeStore(encodeStore({ ...storeKept(decoded), model: { a: 1 }, adoptions: next }));
    expect(written.adoptions).toEqual([{ date: "2026-03-10" }, { date: "2028-03-14" }]);
    expect(written.damagedAdoptions).toEqual([damaged]);
    expect(written.adoptionsUnreadable).toBe(1);
  });
});

/**
 * A small seeded pseudo-random generator (mulberry32): deterministic and uniform in [0, 1).
 *
 * Seeded draws must be reproducible across machines and runs (Monte-Carlo weights of the robustness
 * analysis, the sample town, the benchmarks' synthetic towns), which `Math.random` is not.
 *
 * @example
 * const random = seededRandom(1);
 * random(); // => 0.6270739405881613 (the same on every machine)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

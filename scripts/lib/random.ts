/**
 * mulberry32: a tiny, fast, seeded pseudo-random generator. The same seed gives the same sequence,
 * so benchmark databases, packet fixtures, crash-test runs and property tests reproduce.
 * Not for anything secret (use node:crypto there).
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

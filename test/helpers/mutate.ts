// Seeded damage to an archive (truncation, byte flips): failures replay from the seed.

/** mulberry32: a small seeded generator so failures can be replayed from the seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mutate(bytes: Buffer, seed: number): Buffer {
  const random = rng(seed);
  const out = Buffer.from(bytes);
  const mode = Math.floor(random() * 3);
  if (mode === 0) return out.subarray(0, Math.floor(random() * out.length));
  const flips = 1 + Math.floor(random() * 8);
  for (let i = 0; i < flips; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
  return mode === 1 ? out : out.subarray(0, out.length - Math.floor(random() * 600));
}

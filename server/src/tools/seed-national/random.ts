/**
 * Deterministic randomness for the national generator: the same --seed gives the same country, row for row.
 * Every agency (and every story) draws from its own stream derived from (seed, key), so the output does not
 * depend on the order in which partitions are processed.
 */

/** 32-bit FNV-1a of a string, then mixed (murmur3 finaliser): a stable seed for a named stream. */
export function hash32(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** sfc32: small, fast, good statistical quality; 128 bits of state. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, key = '') {
    this.a = hash32(key, seed);
    this.b = hash32(key, seed ^ 0x9e3779b9);
    this.c = hash32(key, seed ^ 0x7f4a7c15);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A child stream, independent of how much this one has been used afterwards. */
  fork(key: string): Rng {
    return new Rng(this.u32(), key);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }

  /** A key of `weights` drawn with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }

  /** Poisson(mean): Knuth for small means, a rounded normal approximation above 30. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Number of successes before the first failure, each with probability p (0, 1, 2… with P(k) = p^k (1-p)). */
  geometric(p: number): number {
    let k = 0;
    while (this.chance(p)) k++;
    return k;
  }

  /** A version-4 UUID drawn from this stream (deterministic ids: the same seed gives the same rows). */
  uuid(): string {
    const b = [this.u32(), this.u32(), this.u32(), this.u32()];
    const bytes: number[] = [];
    for (const w of b) bytes.push(w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const h = bytes.map((x) => HEX[x]!);
    return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10, 16).join('')}`;
  }
}

/** Opinion groups (issue 21): PCA + k-means finds planted groups, is deterministic for a seed, and describes them. */
import { describe, expect, it } from 'vitest';
import { clusterStances, type StanceMatrix } from './clustering.ts';

function planted(n: number, m: number, seed: number): { x: StanceMatrix; truth: number[] } {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Three camps: camp g approves sections j with (j % 3 === g) and disapproves the others; the first 5 sections are
  // approved by everybody (consensus).
  const profile = (g: number, j: number) => (j < 5 ? 1 : j % 3 === g ? 1 : -1);
  const sizes = [0.5, 0.3, 0.2];
  const values = new Float64Array(n * m);
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const g = r < sizes[0]! ? 0 : r < sizes[0]! + sizes[1]! ? 1 : 2;
    truth.push(g);
    for (let j = 0; j < m; j++) {
      const u = rnd();
      if (u < 0.3) values[i * m + j] = NaN; // not answered
      else if (u < 0.38) values[i * m + j] = 0.5; // partly
      else if (u < 0.45) values[i * m + j] = -profile(g, j); // noise
      else values[i * m + j] = profile(g, j);
    }
  }
  return { x: { values, n, m }, truth };
}

describe('opinion groups (issue 21)', () => {
  it('finds three planted groups, with their sizes and the sections each agrees and disagrees on', () => {
    const { x, truth } = planted(3000, 30, 7);
    const r = clusterStances(x, { seed: 42 });
    expect(r.k).toBe(3);
    // Purity: each found group is (almost) one planted group.
    let agree = 0;
    for (let g = 0; g < 3; g++) {
      const counts = [0, 0, 0];
      r.assignment.forEach((a, i) => a === g && counts[truth[i]!]!++);
      agree += Math.max(...counts);
    }
    expect(agree / x.n).toBeGreaterThan(0.97);
    // Largest first: the 50 % camp is group 0, and it agrees on its own sections (j % 3 === 0, past the consensus ones).
    expect(r.groups[0]!.size).toBeGreaterThan(r.groups[1]!.size);
    expect(r.groups[0]!.agrees.length).toBeGreaterThan(0);
    for (const s of r.groups[0]!.agrees) expect(s.section >= 5 && s.section % 3 === 0).toBe(true);
    for (const s of r.groups[0]!.disagrees) expect(s.section % 3).not.toBe(0);
    expect(r.explained[0]).toBeGreaterThan(0.1);
  });

  it('is deterministic for a seed', () => {
    const { x } = planted(1500, 20, 3);
    const a = clusterStances(x, { seed: 5 });
    const b = clusterStances(x, { seed: 5 });
    expect(Array.from(b.assignment)).toEqual(Array.from(a.assignment));
    expect(b.groups).toEqual(a.groups);
  });

  it('honours a fixed k', () => {
    const { x } = planted(600, 12, 9);
    expect(clusterStances(x, { seed: 1, k: 2 }).groups).toHaveLength(2);
  });
});

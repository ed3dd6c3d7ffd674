/**
 * Opinion groups (issue 21, ADR 0023): participants clustered on their stance vectors across sections, the way Polis
 * does it, but exact at national size.
 *
 *  1. Stance matrix: one row per participant, one column per section; tán thành +1, không tán thành −1, đồng ý một
 *     phần +0.5; a section the person did not answer takes the section's mean (it moves nobody).
 *  2. PCA, exact: the m × m covariance of the centred matrix accumulated row by row in Float64 (n·m²/2 multiply-adds:
 *     100,000 × 200 is 2·10⁹, a few seconds, no sampling), then ml-matrix's symmetric eigendecomposition (Jacobi /
 *     tridiagonal QL, exact to machine precision); the participants are projected on the first `components` axes.
 *  3. k-means (ml-kmeans, k-means++ initialisation with a fixed seed: same input and seed, same groups): k = 2…6 is
 *     chosen by the best mean silhouette of k-means runs on a fixed sample (10,000 participants, silhouette on 1,000
 *     of them; the silhouette is O(s²)) unless the caller fixes k; the final k-means runs on every participant.
 *  4. Each group is described by the sections it agrees and disagrees on: the share of its members who approve /
 *     disapprove, against the share among everybody else (Polis' "representative comments").
 * Group labels are stable: groups are ordered by size, then by their centroid.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { kmeans } from 'ml-kmeans';

export interface StanceMatrix {
  /** participants × sections, row-major; NaN = not answered. */
  values: Float64Array;
  n: number;
  m: number;
}

export interface GroupSection {
  section: number;
  /** Share of the group's members who answered the section and approve (agrees) / disapprove (disagrees). */
  share: number;
  /** The same share among all the other participants who answered it. */
  others: number;
  answered: number;
}

export interface ClusterGroup {
  size: number;
  centroid: number[];
  agrees: GroupSection[];
  disagrees: GroupSection[];
}

export interface ClusterResult {
  k: number;
  /** Share of the total variance explained by each kept component. */
  explained: number[];
  /** Group index of each participant (0 = the largest group). */
  assignment: Int32Array;
  groups: ClusterGroup[];
  silhouette: number | null;
  timings: { pca: number; kmeans: number; describe: number };
}

export interface ClusterOptions {
  seed?: number;
  /** Fixed number of groups; omitted: the best of 2…6 by silhouette. */
  k?: number;
  components?: number;
  /** How many sections to name as agreed / disagreed per group. */
  describe?: number;
}

/** Mulberry32: a small deterministic generator for the silhouette sample. */
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

/** The centred matrix's covariance, its eigenvectors and the projections on the first `c` of them. */
export function principalComponents(x: StanceMatrix, c: number): { scores: Float64Array; explained: number[]; components: number[][] } {
  const { n, m, values } = x;
  const mean = new Float64Array(m);
  const cnt = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const off = i * m;
    for (let j = 0; j < m; j++) {
      const v = values[off + j]!;
      if (v === v) {
        mean[j]! += v;
        cnt[j]!++;
      }
    }
  }
  for (let j = 0; j < m; j++) mean[j] = cnt[j] ? mean[j]! / cnt[j]! : 0;
  // Upper triangle of Σ (x−μ)(x−μ)ᵀ, one row at a time (missing = mean → 0 after centring).
  const cov = new Float64Array(m * m);
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const off = i * m;
    for (let j = 0; j < m; j++) {
      const v = values[off + j]!;
      row[j] = v === v ? v - mean[j]! : 0;
    }
    // Dense, contiguous inner loop (the JIT keeps it tight); rows of zeros (unanswered) skipped.
    for (let a = 0; a < m; a++) {
      const da = row[a]!;
      if (da === 0) continue;
      const base = a * m;
      for (let b = a; b < m; b++) cov[base + b]! += da * row[b]!;
    }
  }
  const denom = Math.max(1, n - 1);
  const full = Matrix.zeros(m, m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const v = cov[a * m + b]! / denom;
      full.set(a, b, v);
      full.set(b, a, v);
    }
  }
  const evd = new EigenvalueDecomposition(full, { assumeSymmetric: true });
  const eig = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const order = eig.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  const total = eig.reduce((s, v) => s + Math.max(0, v), 0) || 1;
  const keep = order.slice(0, Math.min(c, m));
  const components = keep.map(([, idx]) => {
    const v = vecs.getColumn(idx);
    // Sign convention: the largest coordinate positive (eigenvectors are defined up to sign).
    let big = 0;
    for (let j = 1; j < m; j++) if (Math.abs(v[j]!) > Math.abs(v[big]!)) big = j;
    return v[big]! < 0 ? v.map((z) => -z) : v;
  });
  const scores = new Float64Array(n * keep.length);
  for (let i = 0; i < n; i++) {
    const off = i * m;
    for (let j = 0; j < m; j++) {
      const v = values[off + j]!;
      const d = v === v ? v - mean[j]! : 0;
      if (d === 0) continue;
      for (let p = 0; p < keep.length; p++) scores[i * keep.length + p]! += d * components[p]![j]!;
    }
  }
  return { scores, explained: keep.map(([v]) => Math.max(0, v) / total), components };
}

function silhouette(points: number[][], labels: number[], k: number, sample: number[]): number {
  let sum = 0;
  for (const i of sample) {
    const dist = new Float64Array(k);
    const count = new Float64Array(k);
    for (const j of sample) {
      if (i === j) continue;
      let d = 0;
      for (let p = 0; p < points[i]!.length; p++) d += (points[i]![p]! - points[j]![p]!) ** 2;
      dist[labels[j]!]! += Math.sqrt(d);
      count[labels[j]!]!++;
    }
    const own = labels[i]!;
    const a = count[own] ? dist[own]! / count[own]! : 0;
    let b = Infinity;
    for (let g = 0; g < k; g++) if (g !== own && count[g]) b = Math.min(b, dist[g]! / count[g]!);
    if (b === Infinity || !count[own]) continue;
    sum += (b - a) / Math.max(a, b, 1e-12);
  }
  return sum / Math.max(1, sample.length);
}

export function clusterStances(x: StanceMatrix, opts: ClusterOptions = {}): ClusterResult {
  const seed = opts.seed ?? 1;
  const c = opts.components ?? 2;
  const t0 = performance.now();
  const { scores, explained } = principalComponents(x, c);
  const d = explained.length;
  const points = Array.from({ length: x.n }, (_, i) => Array.from(scores.subarray(i * d, (i + 1) * d)));
  const t1 = performance.now();
  const random = rng(seed);
  // k is chosen on a fixed sample (10,000 participants, silhouette on 1,000 of them); the final k-means runs on all.
  const pick = (size: number, from: number) => (from <= size ? Array.from({ length: from }, (_, i) => i) : Array.from({ length: size }, () => Math.floor(random() * from)));
  const ks = opts.k ? [opts.k] : [2, 3, 4, 5, 6].filter((k) => k < x.n);
  let best: { k: number; labels: number[]; centroids: number[][]; s: number | null } | null = null;
  if (ks.length > 1) {
    const sub = pick(10_000, x.n).map((i) => points[i]!);
    const silSample = pick(1000, sub.length);
    let chosen: { k: number; s: number } | null = null;
    for (const k of ks) {
      if (sub.length < k) continue;
      const r = kmeans(sub, k, { seed, initialization: 'kmeans++', maxIterations: 100 });
      const s = silhouette(sub, r.clusters, k, silSample);
      if (!chosen || s > chosen.s + 1e-9) chosen = { k, s };
    }
    if (chosen) {
      const r = kmeans(points, chosen.k, { seed, initialization: 'kmeans++', maxIterations: 100 });
      best = { k: chosen.k, labels: r.clusters, centroids: r.centroids, s: chosen.s };
    }
  } else if (ks.length === 1 && x.n >= ks[0]!) {
    const r = kmeans(points, ks[0]!, { seed, initialization: 'kmeans++', maxIterations: 100 });
    best = { k: ks[0]!, labels: r.clusters, centroids: r.centroids, s: null };
  }
  if (!best) throw new Error('too few participants to cluster');
  const t2 = performance.now();

  // Stable labels: by size, then centroid.
  const sizes = new Array<number>(best.k).fill(0);
  for (const l of best.labels) sizes[l]!++;
  const order = Array.from({ length: best.k }, (_, g) => g).sort((a, b) => sizes[b]! - sizes[a]! || cmpVec(best.centroids[a]!, best.centroids[b]!));
  const relabel = new Int32Array(best.k);
  order.forEach((g, i) => (relabel[g] = i));
  const assignment = Int32Array.from(best.labels, (l) => relabel[l]!);

  // Per group × section: answered, approve, disapprove.
  const k = best.k;
  const { n, m, values } = x;
  const ans = new Float64Array(k * m);
  const yes = new Float64Array(k * m);
  const no = new Float64Array(k * m);
  for (let i = 0; i < n; i++) {
    const g = assignment[i]!;
    for (let j = 0; j < m; j++) {
      const v = values[i * m + j]!;
      if (v !== v) continue;
      ans[g * m + j]!++;
      if (v === 1) yes[g * m + j]!++;
      else if (v === -1) no[g * m + j]!++;
    }
  }
  const describeN = opts.describe ?? 5;
  const groups: ClusterGroup[] = order.map((g0, g) => {
    const agrees: GroupSection[] = [];
    const disagrees: GroupSection[] = [];
    for (let j = 0; j < m; j++) {
      const a = ans[g * m + j]!;
      if (!a) continue;
      let aAll = 0;
      let yAll = 0;
      let nAll = 0;
      for (let h = 0; h < k; h++) {
        aAll += ans[h * m + j]!;
        yAll += yes[h * m + j]!;
        nAll += no[h * m + j]!;
      }
      const aOthers = aAll - a;
      const ys = yes[g * m + j]! / a;
      const ns = no[g * m + j]! / a;
      const yo = aOthers ? (yAll - yes[g * m + j]!) / aOthers : 0;
      const no_ = aOthers ? (nAll - no[g * m + j]!) / aOthers : 0;
      if (ys >= 0.6) agrees.push({ section: j, share: ys, others: yo, answered: a });
      if (ns >= 0.6) disagrees.push({ section: j, share: ns, others: no_, answered: a });
    }
    const rank = (p: GroupSection, q: GroupSection) => q.share - q.others - (p.share - p.others) || q.share - p.share || p.section - q.section;
    return { size: sizes[g0]!, centroid: best.centroids[g0]!, agrees: agrees.sort(rank).slice(0, describeN), disagrees: disagrees.sort(rank).slice(0, describeN) };
  });
  const t3 = performance.now();
  return { k, explained, assignment, groups, silhouette: best.s, timings: { pca: t1 - t0, kmeans: t2 - t1, describe: t3 - t2 } };
}

function cmpVec(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * seedNational: a realistic country of generated records for all 34 provinces, 3,321 communes and the ministries
 * (agencies must already be seeded from the official lists), through the use cases' own rules (use-cases.ts),
 * with the generator's ground truth (truth.ts).
 *
 * Generated data is marked, not audited record by record: every generated row has `created_by` = the inactive
 * account `seed.national` ("Dữ liệu sinh tự động"), and the audit trail gets one hash-chained row per agency batch
 * (`seed.national.batch`, with the counts and the first and last case codes) between a `seed.national.start` and a
 * `seed.national.done` row. An auditor can therefore tell generated records from real ones (by author, and by the
 * batches in the trail); `--exact` instead replays every command through the real use cases, with one audit row per
 * change, for small scales.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { formatCount } from '@danvan/domain/text';
import { addDays, dayNumber, fromDayNumber, weekday } from '@danvan/domain/clock/dates';
import { queryRows, type Db } from '../../db/client.ts';
import { agencies, caseSequences, users } from '../../db/schema.ts';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import { writeAudit } from '../../modules/audit/write-audit.ts';
import { calendarWith, readOverrides } from '../../modules/clock/deadlines.ts';
import type { Sealer } from '../../security/sealer.ts';
import type { PersonHasher } from '../../security/person-hash.ts';
import type { AppContext } from '../../context.ts';
import { MODEL, agencyShares, type Model } from './model.ts';
import { Rng } from './random.ts';
import { AgencySimulation, type Command, type SimContext } from './simulate.ts';
import { TruthCounter, truthPeriods, INDICATOR_KEYS, type Figures, type Period } from './truth.ts';
import { Clock, type Actor, type World } from './use-cases.ts';
import { appendRows, emptyRows, rowCount, writeRows } from './write-rows.ts';
import { replayCommands } from './replay.ts';
import { seedDialogues, type DialogueTruth } from './dialogues.ts';
import { rebuildReportCounters, setReportCounterTriggers } from '../../modules/reports/counters.ts';
import type { Place } from './people.ts';
import { reindexSearch, type ReindexOptions } from '../../modules/search/reindex.ts';

export const GENERATOR_USERNAME = 'seed.national';
export const GENERATOR_NAME = 'Dữ liệu sinh tự động (danvan seed --national)';

export interface SeedNationalOptions {
  /** 1 = the seed's six months (≈ 165.000 visits per 181 days); the volume is proportional to the range. */
  scale: number;
  seed: number;
  from: string;
  to: string;
  sealer: Sealer;
  /** The denouncer's keyed hash beside each sealed identity (ADR 0011): the server's key, or the hashes match nothing. */
  personHasher: PersonHasher;
  /** Generate and count only: nothing is written (calibration, throughput). */
  dryRun?: boolean;
  /** Replay every command through the real use cases (one audit row per change; slow: small scales only). */
  exact?: boolean;
  /** Keep the command log in the result (tests). */
  keepLog?: boolean;
  /** Only these provinces (codes) besides the ministries and the national root. */
  provinces?: readonly string[];
  model?: Partial<Model>;
  /** Communes to include in the truth file besides the sampled ones. */
  communes?: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /**
   * Generate the next agency while the previous one is being written (PostgreSQL works on its own core meanwhile;
   * PGlite runs in this thread, where it gains nothing).
   */
  overlapWrites?: boolean;
  /** Wall clock for the audit rows of the batches (default: now). */
  now?: () => Date;
  /** Progress of indexing the generated records for search (after the rows are written). */
  onIndexProgress?: (done: number, total: number) => void;
}

export interface AgencyTruth {
  code: string;
  level: string;
  name: string;
  /** One entry per period, in the order of `periods`. */
  figures: Figures[];
}

export interface GroundTruth {
  generator: string;
  seed: number;
  scale: number;
  from: string;
  to: string;
  /** Generated history starts this many days before `from` (cases carried over into the range). */
  leadInDays: number;
  rows: { cases: number; visits: number; petitions: number; sessions: number; sealedIdentities: number };
  indicators: readonly string[];
  periods: Period[];
  agencies: AgencyTruth[];
  /** Dialogues and commitments (issue 14, dialogues.ts): their figures as of `to`, per province and national. */
  dialogues?: DialogueTruth;
}

export interface SeedNationalResult {
  truth: GroundTruth;
  seconds: { generate: number; write: number; total: number };
  log: Command[] | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** Rows per write transaction, at most (a few seconds of PostgreSQL work; bounded memory at any scale). */
const FLUSH_ROWS = 60_000;

export async function seedNational(db: Db, opts: SeedNationalOptions): Promise<SeedNationalResult> {
  const t0 = performance.now();
  if (!(opts.scale > 0)) throw new Error('--scale phải là số dương');
  if (!ISO.test(opts.from) || !ISO.test(opts.to) || opts.from > opts.to) throw new Error('--from/--to phải là ngày YYYY-MM-DD, from ≤ to');
  const model: Model = { ...MODEL, ...opts.model };
  const wall = opts.now ?? (() => new Date());

  const all = await db.select().from(agencies);
  if (all.length < 3000) throw new Error('Chưa nạp danh mục cơ quan (cần 34 tỉnh và 3.321 xã): chạy danvan migrate trước');
  const byCode = new Map(all.map((a) => [a.code, a]));
  const lower = new Map<string, AgencyRow[]>();
  for (const a of [...all].sort((x, y) => x.code.localeCompare(y.code))) {
    if (!a.parentId) continue;
    const list = lower.get(a.parentId);
    if (list) list.push(a);
    else lower.set(a.parentId, [a]);
  }
  const root = all.find((a) => a.level === 'national');
  if (!root) throw new Error('no national root agency');

  const write = !opts.dryRun && !opts.exact;
  let actor: Actor = { id: '00000000-0000-4000-8000-000000000000', displayName: GENERATOR_NAME };
  if (!opts.dryRun) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, GENERATOR_USERNAME));
    if (existing) throw new Error('CSDL đã có dữ liệu sinh tự động (tài khoản seed.national): dùng một CSDL mới');
    actor = await createGeneratorAccount(db, wall(), opts, root);
  }

  // The calendar with the admin's overrides, read once: every deadline of the run is computed against it.
  const calendar = calendarWith(await readOverrides(db));
  const seq = new Map<string, number>();
  for (const s of await db.select().from(caseSequences)) seq.set(`${s.agencyId}|${s.year}`, s.last);

  const start = addDays(opts.from, -model.leadInDays);
  const startDay = dayNumber(start);
  const endDay = dayNumber(opts.to);
  const dayWeight = new Float64Array(endDay - startDay + 1);
  for (let d = startDay; d <= endDay; d++) {
    const iso = fromDayNumber(d);
    if (calendar.isWorkingDay(iso)) dayWeight[d - startDay] = model.monthFactor[Number(iso.slice(5, 7)) - 1]! * model.weekdayFactor[weekday(iso)]!;
  }
  // Scale 1 = the seed's volume over 181 days from --from (whatever the range), spread by the day weights.
  let seedWeight = 0;
  for (let d = dayNumber(opts.from); d < dayNumber(opts.from) + model.seedDays; d++) {
    const iso = fromDayNumber(d);
    if (calendar.isWorkingDay(iso)) seedWeight += model.monthFactor[Number(iso.slice(5, 7)) - 1]! * model.weekdayFactor[weekday(iso)]!;
  }
  let rangeWeight = 0;
  for (let d = dayNumber(opts.from); d <= endDay; d++) rangeWeight += dayWeight[d - startDay]!;

  const periods = truthPeriods(opts.from, opts.to);
  const truth = new TruthCounter(periods);
  const ids = new Rng(opts.seed, 'ids');
  const world: World = {
    clock: new Clock(calendar),
    actor,
    sealer: opts.sealer,
    personHasher: opts.personHasher,
    agencyByCode: (code) => byCode.get(code),
    nextSeq: (agencyId, year) => {
      const k = `${agencyId}|${year}`;
      const n = (seq.get(k) ?? 0) + 1;
      seq.set(k, n);
      return n;
    },
    handled: new Set(),
    newId: () => ids.uuid(),
  };
  let counter = 0;
  const log: Command[] | null = opts.exact || opts.keepLog ? [] : null;
  const ctx: SimContext = {
    world,
    model,
    seed: opts.seed,
    scale: opts.scale,
    start,
    from: opts.from,
    end: opts.to,
    calendar,
    rateUnit: (opts.scale * model.firstVisits) / seedWeight,
    dayWeight,
    rangeWeight,
    shares: agencyShares(all, model),
    lowerLevels: (agencyId) => lower.get(agencyId) ?? [],
    inbound: new Map(),
    truth,
    log,
    nextSeq: () => ++counter,
    fields: new Map(),
  };

  // Generation order: each province's communes, then the province; then the ministries; the national root last.
  const provinceFilter = opts.provinces ? new Set(opts.provinces) : null;
  const provinces = all.filter((a) => a.level === 'province' && (!provinceFilter || provinceFilter.has(a.code))).sort((a, b) => a.code.localeCompare(b.code));
  const order: AgencyRow[] = [];
  for (const p of provinces) {
    order.push(...all.filter((a) => a.level === 'commune' && a.provinceCode === p.code).sort((a, b) => a.code.localeCompare(b.code)), p);
  }
  order.push(...all.filter((a) => a.level === 'ministry').sort((a, b) => a.code.localeCompare(b.code)), root);

  const placeOf = (a: AgencyRow): Place => {
    const province = a.provinceCode ? byCode.get(a.provinceCode) : undefined;
    if (a.level === 'commune') return { unitName: a.unitName, provinceName: province?.name ?? '', provinceCode: a.provinceCode, urban: a.unitType === 'phuong' };
    if (a.level === 'province') return { unitName: a.unitName, provinceName: 'Việt Nam', provinceCode: a.code, urban: true };
    return { unitName: 'Hà Nội', provinceName: 'Việt Nam', provinceCode: '01', urban: true };
  };

  const totals = { cases: 0, visits: 0, petitions: 0, sessions: 0, sealedIdentities: 0 };
  let generateMs = 0;
  let writeMs = 0;
  // The report counters' triggers are off during the load and the counters rebuilt from the records at the end:
  // one set-based pass instead of a trigger call per statement (docs/adr/0010-report-performance.md).
  const counters = write && (await hasReportCounters(db));
  if (counters) await setReportCounterTriggers(db, false);
  try {
    await generateAll();
  } finally {
    if (counters) {
      const w0 = performance.now();
      // Enabled and rebuilt in one transaction: writers blocked meanwhile find the triggers on, and every record written
      // while they were off (by the generator or anyone else) is counted by the rebuild.
      await db.transaction(async (tx) => {
        await setReportCounterTriggers(tx, true);
        await rebuildReportCounters(tx);
      });
      writeMs += performance.now() - w0;
    }
  }

  /** Generates every agency in order and writes it in groups. */
  async function generateAll() {
    let pending: Promise<void> | null = null;
    // Agencies are written in groups (a province with its communes; big agencies alone): one transaction and one
    // audit row per group.
    let buffer = emptyRows();
    let bufferAgencies = 0;
    const flush = async (under: AgencyRow) => {
      if (!write || !bufferAgencies) return;
      const w0 = performance.now();
      if (pending) await pending;
      const batch = writeRows(db, buffer, { agency: under, agencies: bufferAgencies, actor, at: wall(), seed: opts.seed, scale: opts.scale });
      buffer = emptyRows();
      bufferAgencies = 0;
      pending = batch;
      if (!opts.overlapWrites) await batch;
      writeMs += performance.now() - w0;
    };
    for (let i = 0; i < order.length; i++) {
      const agency = order[i]!;
      const g0 = performance.now();
      const rows = new AgencySimulation(ctx, agency, placeOf(agency)).run();
      generateMs += performance.now() - g0;
      totals.cases += rows.cases.length;
      totals.visits += rows.visits.length;
      totals.petitions += rows.petitions.length;
      totals.sessions += rows.sessions.length;
      totals.sealedIdentities += rows.sealed.length;
      if (write) {
        appendRows(buffer, rows);
        bufferAgencies++;
        const groupEnds = agency.level !== 'commune' || order[i + 1]?.provinceCode !== agency.provinceCode;
        if (groupEnds || rowCount(buffer) >= FLUSH_ROWS) await flush(agency.level === 'commune' ? (byCode.get(agency.provinceCode ?? '') ?? agency) : agency);
      }
      opts.onProgress?.(i + 1, order.length);
    }
    if (pending) {
      const w0 = performance.now();
      await pending;
      writeMs += performance.now() - w0;
    }
  }
  const lost = [...ctx.inbound.values()].reduce((n, l) => n + l.length, 0);
  if (lost) throw new Error(`generator bug: ${lost} forwarded cases never delivered`);

  // Search and same-matter detection (issue 18, ADR 0022): the generator writes rows, not use cases, so its records
  // are indexed afterwards by the bulk path of `danvan search reindex` — the whole country, or the generated
  // provinces, the ministries and the national root's own records. (--exact goes through the use cases, which index.)
  if (write) {
    const w0 = performance.now();
    const scopes: ReindexOptions[] = provinceFilter
      ? [...provinces, ...all.filter((a) => a.level === 'ministry')].map((a): ReindexOptions => ({ agencyPath: a.path })).concat({ agencyPath: root.path, subtree: false })
      : [{}];
    const totals: number[] = scopes.map(() => 0);
    const done: number[] = scopes.map(() => 0);
    for (const [i, scope] of scopes.entries()) {
      await reindexSearch(db, {
        ...scope,
        batch: 5_000,
        onProgress: (d, t) => {
          done[i] = d;
          totals[i] = t;
          opts.onIndexProgress?.(done.reduce((a, b) => a + b, 0), Math.max(totals.reduce((a, b) => a + b, 0), 1));
        },
      });
    }
    writeMs += performance.now() - w0;
  }

  if (opts.exact && log) {
    const w0 = performance.now();
    await replayCommands({ db, now: wall, sealer: opts.sealer, personHasher: opts.personHasher } satisfies AppContext, log, { onProgress: opts.onProgress });
    writeMs += performance.now() - w0;
  }

  const result = groundTruth(opts, model, periods, truth, all, totals);
  result.dialogues = await seedDialogues(db, { write: !opts.dryRun, seed: opts.seed, from: opts.from, to: opts.to, actor, communes: all.filter((a) => a.level === 'commune' && provinces.some((p) => p.id === a.parentId)), byId: new Map(all.map((a) => [a.id, a])), calendar, now: wall() });
  // Their search documents (ADR 0022 amendment 2026-12-06, third): seedDialogues writes rows in both modes (no use
  // case), so they are indexed here, --exact included.
  if (!opts.dryRun) await reindexSearch(db, { only: ['dialogues', 'commitments'], batch: 5_000 });
  if (!opts.dryRun) await finish(db, actor, seq, wall(), opts, result, root, !opts.exact);
  return { truth: result, seconds: { generate: generateMs / 1000, write: writeMs / 1000, total: (performance.now() - t0) / 1000 }, log: opts.keepLog ? log : null };
}

async function hasReportCounters(db: Db): Promise<boolean> {
  const [r] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('report_counters')::text as t`);
  return Boolean(r?.t);
}

async function createGeneratorAccount(db: Db, at: Date, opts: SeedNationalOptions, root: AgencyRow): Promise<Actor> {
  return db.transaction(async (tx) => {
    // Inactive, no grants, no usable password: an author marker for generated rows, never a login.
    const [u] = await tx.insert(users).values({ username: GENERATOR_USERNAME, displayName: GENERATOR_NAME, passwordHash: '!generated-data-no-login', active: false, createdAt: at }).returning();
    if (!u) throw new Error('insert failed');
    await writeAudit(tx, {
      at,
      actorId: u.id,
      actorName: GENERATOR_NAME,
      agencyId: root.id,
      entity: 'user',
      entityId: u.id,
      action: 'seed.national.start',
      summary: `Bắt đầu sinh dữ liệu giả lập toàn quốc (seed ${opts.seed}, quy mô ${opts.scale}, ${opts.from} – ${opts.to}); mọi bản ghi sinh ra có người tạo là tài khoản ${GENERATOR_USERNAME}`,
      after: { generated: true, seed: opts.seed, scale: opts.scale, from: opts.from, to: opts.to, exact: Boolean(opts.exact) },
    });
    return { id: u.id, displayName: GENERATOR_NAME };
  });
}

async function finish(db: Db, actor: Actor, seq: Map<string, number>, at: Date, opts: SeedNationalOptions, truth: GroundTruth, root: AgencyRow, writeSequences: boolean) {
  const digest = createHash('sha256').update(JSON.stringify(truth)).digest('hex');
  await db.transaction(async (tx) => {
    if (writeSequences) {
      // The last case number given per agency and year, so that real cases continue after the generated ones.
      const entries = [...seq.entries()].map(([k, last]) => {
        const [agencyId, year] = k.split('|');
        return { agencyId: agencyId!, year: Number(year), last };
      });
      for (let i = 0; i < entries.length; i += 5000) {
        await tx
          .insert(caseSequences)
          .values(entries.slice(i, i + 5000))
          .onConflictDoUpdate({ target: [caseSequences.agencyId, caseSequences.year], set: { last: sql`greatest(${caseSequences.last}, excluded.last)` } });
      }
    }
    await writeAudit(tx, {
      at,
      actorId: actor.id,
      actorName: actor.displayName,
      agencyId: root.id,
      entity: 'user',
      entityId: actor.id,
      action: 'seed.national.done',
      summary: `Đã sinh dữ liệu giả lập toàn quốc: ${formatCount(truth.rows.visits)} lượt tiếp, ${formatCount(truth.rows.cases)} vụ việc, ${formatCount(truth.rows.petitions)} đơn (seed ${opts.seed}, quy mô ${opts.scale})`,
      after: { generated: true, ...truth.rows, truthSha256: digest },
    });
  });
}

function groundTruth(
  opts: SeedNationalOptions,
  model: Model,
  periods: Period[],
  truth: TruthCounter,
  all: AgencyRow[],
  rows: GroundTruth['rows'],
): GroundTruth {
  const levels: AgencyRow[] = all.filter((a) => a.level === 'national' || a.level === 'province' || a.level === 'ministry');
  // A sample of communes: the busiest two of each province and one more picked by the seed, plus any asked for.
  const rng = new Rng(opts.seed, 'truth-sample');
  const extra = new Set(opts.communes ?? []);
  const byProvince = new Map<string, AgencyRow[]>();
  for (const a of all) if (a.level === 'commune') byProvince.set(a.provinceCode ?? '', [...(byProvince.get(a.provinceCode ?? '') ?? []), a]);
  for (const list of byProvince.values()) {
    const busy = [...list].sort((a, b) => truth.ownVisits(b.id) - truth.ownVisits(a.id) || a.code.localeCompare(b.code));
    const picked = busy.filter((a) => truth.ownVisits(a.id) > 0).slice(0, 2);
    const others = list.filter((a) => !picked.includes(a));
    if (others.length) picked.push(rng.pick(others));
    for (const a of picked) extra.add(a.code);
  }
  for (const a of all) if (a.level === 'commune' && extra.has(a.code)) levels.push(a);
  const order = { national: 0, ministry: 1, province: 2, commune: 3 } as Record<string, number>;
  levels.sort((a, b) => (order[a.level] ?? 9) - (order[b.level] ?? 9) || a.code.localeCompare(b.code));
  return {
    generator: 'danvan seed --national',
    seed: opts.seed,
    scale: opts.scale,
    from: opts.from,
    to: opts.to,
    leadInDays: model.leadInDays,
    rows,
    indicators: INDICATOR_KEYS,
    periods,
    agencies: levels.map((a) => ({ code: a.code, level: a.level, name: a.fullName, figures: truth.rollUp(a, all) })),
  };
}

/**
 * `danvan seed --national` on both databases, at a small scale:
 *  - the period report (computePeriodReport, SQL over the stored rows) equals the generator's own ground truth (counted
 *    in JavaScript from the generated events) on every indicator both know, for the national root, every province,
 *    every ministry and the sampled communes, for the whole range and for each quarter (which starts with carried-over
 *    cases);
 *  - the generator's in-memory use cases write exactly the rows the real use cases write: the same commands replayed
 *    through recordVisit, createPetition, classifyCase, transitionCase and the session use cases (`--exact`) give the
 *    same tables, column by column;
 *  - the same seed gives the same data; generated rows are marked and the audit chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { agencies, auditLog, users } from '../../db/schema.ts';
import type { Sealer } from '../../security/sealer.ts';
import type { PersonFacts } from '../../security/person-hash.ts';
import { verifyAudit } from '../../modules/audit/verify-audit.ts';
import { aggregateByChildFromRecords, computePeriodReport } from '../../modules/reports/period-report.ts';
import { aggregateByChildFromCounters, foldReportCounters, rebuildReportCounters } from '../../modules/reports/counters.ts';
import { GENERATOR_USERNAME, seedNational, type SeedNationalResult } from './seed-national.ts';

const FROM = '2026-01-01';
const TO = '2026-06-30';
const SEED = 20200716;
/** ≈ 330 visits and 600 cases over the 34 provinces and the ministries. */
const SCALE = 0.002;
/** Indicators the generator must cover and the report must have. */
const REQUIRED = ['visits', 'people', 'cases', 'delegations', 'firstTimeVisits', 'repeatVisits', 'withinJurisdiction', 'resolved', 'gqkn.within', 'gqkn.resolved', 'gqtc.within', 'gqtc.resolved'];

/** The report's figures by name: its top-level numbers and its `indicators` record (kept loose: the report grows). */
function reportFigures(report: object): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(report)) if (typeof v === 'number') out.set(k, v);
  const indicators = (report as { indicators?: unknown }).indicators;
  if (indicators && typeof indicators === 'object') for (const [k, v] of Object.entries(indicators)) if (typeof v === 'number') out.set(k, v);
  return out;
}

describe('danvan seed --national: the report of a generated country equals the ground truth', () => {
  let env: TestEnv;
  let result: SeedNationalResult;

  beforeAll(async () => {
    env = await createTestEnv();
    result = await seedNational(env.ctx.db, { scale: SCALE, seed: SEED, from: FROM, to: TO, sealer: env.ctx.sealer, personHasher: env.ctx.personHasher });
  });
  afterAll(async () => env?.close());

  it('generates a whole country: every province, ministries, carried-over cases, forwards and appeals, delegations, repeats, head sessions', async () => {
    const t = result.truth;
    const vn = t.agencies.find((a) => a.code === 'VN')!.figures[0]!;
    expect(t.agencies.filter((a) => a.level === 'province')).toHaveLength(34);
    expect(t.agencies.filter((a) => a.level === 'ministry').length).toBeGreaterThan(10);
    expect(t.agencies.filter((a) => a.level === 'commune').length).toBeGreaterThanOrEqual(34);
    expect(t.periods.map((p) => p.label)).toEqual(['range', '2026-Q1', '2026-Q2']);
    expect(t.agencies.filter((a) => a.level === 'province' && a.figures[0]!.visits! > 0).length).toBeGreaterThanOrEqual(30);
    expect(vn.visits).toBeGreaterThan(250);
    expect(vn.repeatVisits).toBeGreaterThan(0);
    expect(vn.delegations).toBeGreaterThan(0);
    expect(vn['tcd.head.visits']).toBeGreaterThan(0);
    expect(vn['gqkn.carriedOver']! + vn['gqtc.carriedOver']!).toBeGreaterThan(0);
    expect(vn['gqkn.secondInstance']).toBeGreaterThan(0);
    expect(vn['xld.forwarded']).toBeGreaterThan(0);
    // Provinces chase (đôn đốc) a few matters to their communes.
    expect(vn['xld.chased']).toBeGreaterThan(0);
    expect(vn['xld.channel.forwarded']).toBeGreaterThan(0);
    expect(vn.resolved).toBeGreaterThan(0);
    // Hà Nội and TP HCM weigh most (population).
    const visitsOf = (code: string) => t.agencies.find((a) => a.code === code)!.figures[0]!.visits!;
    expect(visitsOf('79')).toBeGreaterThan(visitsOf('04'));
    expect(visitsOf('01')).toBeGreaterThan(visitsOf('12'));
    const [counts] = await queryRows<{ cases: number; visits: number; petitions: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from cases) as cases, (select count(*)::int from visits) as visits, (select count(*)::int from petitions) as petitions`,
    );
    expect(counts).toEqual({ cases: t.rows.cases, visits: t.rows.visits, petitions: t.rows.petitions });
  });

  it('every indicator of the report equals the ground truth: nation, provinces, ministries (whole range and quarters), the busiest commune of each province (whole range)', async () => {
    const rows = await env.ctx.db.select().from(agencies);
    const byCode = new Map(rows.map((a) => [a.code, a]));
    const mismatches: string[] = [];
    const compared = new Set<string>();
    const notInReport = new Set<string>();
    let reportOnly = new Set<string>();
    // One commune per province (its busiest) is enough here; the truth file samples more.
    const busiest = new Set<string>();
    for (const a of result.truth.agencies.filter((x) => x.level === 'commune')) {
      const province = byCode.get(a.code)!.provinceCode!;
      const best = [...busiest].find((c) => byCode.get(c)!.provinceCode === province);
      if (!best) busiest.add(a.code);
      else if (a.figures[0]!.visits! > result.truth.agencies.find((x) => x.code === best)!.figures[0]!.visits!) {
        busiest.delete(best);
        busiest.add(a.code);
      }
    }
    for (const a of result.truth.agencies) {
      const agency = byCode.get(a.code)!;
      for (const [pi, p] of result.truth.periods.entries()) {
        if (a.level === 'commune' && (pi > 0 || !busiest.has(a.code))) continue;
        const report = reportFigures(await computePeriodReport(env.ctx.db, agency, p.from, p.to));
        const truth = a.figures[pi]!;
        for (const [key, expected] of Object.entries(truth)) {
          const actual = report.get(key);
          if (actual === undefined) {
            notInReport.add(key);
            continue;
          }
          compared.add(key);
          if (actual !== expected) mismatches.push(`${a.code} ${p.label} ${key}: report ${actual}, truth ${expected}`);
        }
        const within = truth.withinJurisdiction!;
        const rate = report.get('resolutionRate');
        if (rate !== undefined && Math.abs(rate - (within ? truth.resolved! / within : 0)) > 1e-9) mismatches.push(`${a.code} ${p.label} resolutionRate ${rate}`);
        reportOnly = new Set([...report.keys()].filter((k) => !(k in truth) && !k.endsWith('Rate')));
      }
    }
    if (reportOnly.size) console.info(`report figures without ground truth: ${[...reportOnly].join(', ')}`);
    if (notInReport.size) console.info(`ground-truth figures the report does not have: ${[...notInReport].join(', ')}`);
    console.info(`compared ${compared.size} indicators for ${result.truth.agencies.length} agencies and ${result.truth.periods.length} periods`);
    expect(mismatches.slice(0, 30)).toEqual([]);
    for (const k of REQUIRED) expect(compared, k).toContain(k);
  });

  it('the report counters (rebuilt after the bulk load) equal the aggregation over the records, per child, for aligned ranges', async () => {
    const provinces = result.truth.agencies.filter((a) => a.level === 'province' || a.level === 'ministry').map((a) => a.code);
    expect(await countersVersusRecords(env.ctx.db, ['VN', ...provinces], RANGES.slice(0, 2))).toEqual([]);
    expect(await countersVersusRecords(env.ctx.db, ['VN', '01', '79'], RANGES.slice(2))).toEqual([]);
  });

  it('indexes the generated records for search (issue 18): a case is found by its code and by its content typed without accents; no denouncer indexed', async () => {
    const db = env.ctx.db;
    const [n] = await queryRows<{ docs: number; records: number; denouncers: number }>(
      db,
      sql`select (select count(*)::int from search_docs) as docs,
                 (select count(*)::int from cases) + (select count(*)::int from visits) + (select count(*)::int from petitions)
                   + (select count(*)::int from dialogues) + (select count(*)::int from commitments) + (select count(*)::int from consultations) as records,
                 (select count(*)::int from search_docs where kind = 'denunciation' and (names is not null or names_folded is not null)) as denouncers`,
    );
    expect(n).toEqual({ docs: n!.records, records: n!.records, denouncers: 0 });
    // The generated dialogues and commitments too (seeded after the cases, indexed after them).
    const [dl] = await queryRows<{ dialogues: number; docs: number }>(
      db,
      sql`select (select count(*)::int from dialogues) as dialogues, (select count(*)::int from search_docs where record_type = 'dialogue') as docs`,
    );
    expect(dl!.dialogues).toBeGreaterThan(0);
    expect(dl!.docs).toBe(dl!.dialogues);
    const [facts] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from matter_entities`);
    expect(facts!.n).toBeGreaterThan(0);
    await env.addUser('tw.timkiem', 'handler', 'VN');
    const token = await env.login('tw.timkiem');
    const [c] = await queryRows<{ id: string; code: string; content: string; agencyCode: string }>(
      db,
      sql`select c.id, c.code, c.content, a.code as "agencyCode" from cases c join agencies a on a.id = c.agency_id
          where c.kind <> 'denunciation' and a.level = 'commune' order by c.code limit 1`,
    );
    const find = async (q: string, agency?: string) => {
      const res = await env.api('GET', `/api/v1/search?${new URLSearchParams({ q, limit: '100', ...(agency ? { agency } : {}) })}`, { token });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { hits: { recordType: string; id: string; caseId: string | null }[] }).hits;
    };
    expect((await find(c!.code)).some((h) => h.recordType === 'case' && h.id === c!.id)).toBe(true);
    const unaccented = c!.content.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const words = unaccented.split(/[^a-z0-9]+/).filter((w) => w.length >= 3).slice(0, 5).join(' ');
    expect(words.split(' ').length).toBeGreaterThanOrEqual(3);
    expect((await find(words, c!.agencyCode)).some((h) => h.caseId === c!.id)).toBe(true);
  });

  it('marks generated data: author seed.national (inactive, no grants), one audit row per batch, and the chain verifies', async () => {
    const db = env.ctx.db;
    const [u] = await db.select().from(users).where(eq(users.username, GENERATOR_USERNAME));
    expect(u?.active).toBe(false);
    const [authors] = await queryRows<{ foreign: number }>(
      db,
      sql`select (select count(*)::int from cases where created_by is distinct from ${u!.id}) + (select count(*)::int from visits where created_by is distinct from ${u!.id}) + (select count(*)::int from petitions where created_by is distinct from ${u!.id}) as foreign`,
    );
    expect(authors?.foreign).toBe(0);
    const actions = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, u!.id));
    expect(actions[0]?.action).toBe('seed.national.start');
    expect(actions.at(-1)?.action).toBe('seed.national.done');
    expect(actions.filter((a) => a.action === 'seed.national.batch').length).toBeGreaterThan(34);
    expect((await verifyAudit(db)).ok).toBe(true);
    // Case numbers continue after the generated ones.
    const [seq] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases c join case_sequences s on s.agency_id = c.agency_id and s.year = extract(year from c.received_on) where c.code > (split_part(c.code, '-', 1) || '-' || s.year || '-' || lpad(s.last::text, 5, '0'))`);
    expect(seq?.n).toBe(0);
    await expect(seedNational(db, { scale: SCALE, seed: SEED, from: FROM, to: TO, sealer: env.ctx.sealer, personHasher: env.ctx.personHasher })).rejects.toThrow(/seed.national/);
  });

  it('is deterministic: the same seed gives the same country (dry run)', async () => {
    const again = await seedNational(env.ctx.db, { scale: SCALE, seed: SEED, from: FROM, to: TO, sealer: env.ctx.sealer, personHasher: env.ctx.personHasher, dryRun: true });
    expect(again.truth).toEqual(result.truth);
    const other = await seedNational(env.ctx.db, { scale: SCALE, seed: SEED + 1, from: FROM, to: TO, sealer: env.ctx.sealer, personHasher: env.ctx.personHasher, dryRun: true });
    expect(other.truth.agencies[0]!.figures).not.toEqual(result.truth.agencies[0]!.figures);
  });
});

// ── The in-memory use cases against the real ones ────────────────────────────────────────────────────────────

type Row = Record<string, unknown>;

/** Differences between the report counters and the aggregation over the records, for these agencies and ranges. */
async function countersVersusRecords(db: Db, codes: readonly string[], ranges: readonly { from: string; to: string }[]): Promise<string[]> {
  const diffs: string[] = [];
  for (const code of codes) {
    const [agency] = await db.select().from(agencies).where(eq(agencies.code, code));
    for (const r of ranges) {
      const counted = await aggregateByChildFromCounters(db, agency!, r);
      if (!counted) throw new Error(`counters do not cover ${r.from}..${r.to}`);
      const records = await aggregateByChildFromRecords(db, agency!, r);
      for (const child of new Set([...counted.keys(), ...records.keys()])) {
        const a = counted.get(child) ?? {};
        const b = records.get(child) ?? {};
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if ((a[k] ?? 0) !== (b[k] ?? 0)) diffs.push(`${code} ${r.from}..${r.to} ${child || '(own)'} ${k}: counters ${a[k] ?? 0}, records ${b[k] ?? 0}`);
      }
    }
  }
  return diffs;
}

/** Every counter row, to compare the trigger-maintained counters with a rebuild. */
async function counterRows(db: Db): Promise<string[]> {
  await foldReportCounters(db);
  const rows = await queryRows<Row>(db, sql`select scope, child, bucket::text as bucket, key, prev::text as prev, n from report_counters where n <> 0 order by 1, 2, 3, 4, 5`);
  return rows.map((r) => `${r.scope}|${r.child}|${r.bucket}|${r.key}|${r.prev}|${r.n}`);
}

const RANGES = [
  { from: FROM, to: TO },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-02-15', to: '2026-05-14' },
  { from: '2025-11-01', to: '2026-01-31' },
];

/** Every generated table, with ids replaced by natural keys (case codes, agency codes, instants), sealed boxes opened. */
async function snapshot(db: Db, sealer: Sealer) {
  const q = (text: string) => queryRows<Row>(db, sql.raw(text));
  const iso = (v: unknown) => new Date(v as string | Date).toISOString();
  const agencyCode = new Map((await q('select id, code from agencies')).map((r) => [r.id as string, r.code as string]));
  const userName = new Map((await q('select id, username from users')).map((r) => [r.id as string, r.username as string]));
  const caseCode = new Map((await q('select id, code from cases')).map((r) => [r.id as string, r.code as string]));
  const sessionKey = new Map((await q('select id, agency_id, held_on, kind from reception_sessions')).map((r) => [r.id as string, `${agencyCode.get(r.agency_id as string)}|${r.held_on}|${r.kind}`]));
  const visitKey = new Map((await q('select id, agency_id, created_at from visits')).map((r) => [r.id as string, `${agencyCode.get(r.agency_id as string)}|${iso(r.created_at)}`]));
  const petitionKey = new Map((await q('select id, agency_id, created_at, channel from petitions')).map((r) => [r.id as string, `${agencyCode.get(r.agency_id as string)}|${iso(r.created_at)}|${r.channel}`]));
  const norm = (r: Row): Row => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === 'id') continue;
      if (v === null || v === undefined) out[k] = null;
      else if (v instanceof Date || k.endsWith('_at')) out[k] = iso(v);
      else if (k === 'agency_id' || k === 'chased_agency_id') out[k] = agencyCode.get(v as string);
      else if (k === 'created_by' || k === 'closed_by') out[k] = userName.get(v as string);
      else if (k.endsWith('case_id') || k === 'forwarded_to_id' || k === 'forwarded_from_id' || k === 'previous_instance_id') out[k] = caseCode.get(v as string) ?? `?${String(v)}`;
      else if (k === 'session_id') out[k] = sessionKey.get(v as string);
      else out[k] = v;
    }
    return out;
  };
  const sorted = (rows: Row[], key: (r: Row) => string) => rows.map(norm).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const sealed = (await q('select case_id, owner_type, owner_id, key_id, iv, ciphertext, auth_tag, person_hash from sealed_identities')).map((r) => ({
    case: caseCode.get(r.case_id as string),
    ownerType: r.owner_type,
    owner: r.owner_type === 'visit' ? visitKey.get(r.owner_id as string) : r.owner_type === 'petition' ? petitionKey.get(r.owner_id as string) : caseCode.get(r.owner_id as string),
    plaintext: sealer.open({ keyId: r.key_id as string, iv: r.iv as string, ciphertext: r.ciphertext as string, authTag: r.auth_tag as string }),
    personHash: r.person_hash as string | null,
  }));
  return {
    cases: sorted(await q('select * from cases'), (r) => String(r.code)),
    visits: sorted(await q('select * from visits'), (r) => `${r.agency_id}|${r.created_at}`),
    petitions: sorted(await q('select * from petitions'), (r) => `${r.agency_id}|${r.created_at}|${r.channel}`),
    sessions: sorted(await q('select * from reception_sessions'), (r) => `${r.agency_id}|${r.held_on}|${r.kind}`),
    sealed: sealed.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    sequences: sorted(await q('select * from case_sequences'), (r) => `${r.agency_id}|${r.year}`),
    // Duties beside the running deadline (ADR 0024): the visit by its natural key, the sequence number left out.
    duties: sorted(
      (await q('select * from case_duties')).map(({ seq: _seq, visit_id, ...r }) => ({ ...r, visit: visit_id ? visitKey.get(visit_id as string) : null })),
      (r) => `${r.case_id}|${r.created_at}|${r.code}`,
    ),
  };
}

describe('the generator writes exactly what the use cases write (same commands replayed with --exact)', () => {
  let bulk: TestEnv;
  let exact: TestEnv;
  // Hà Nội (with its communes) and a few ministry cases, with every workflow branch made frequent: few rows, all paths.
  const opts = {
    scale: 0.003,
    seed: 42,
    from: FROM,
    to: TO,
    provinces: ['01'],
    model: {
      levelShare: { commune: 0.55, province: 0.38, ministry: 0.01 },
      headSessionMinVisits: 5,
      kind: { complaint: 0.5, denunciation: 0.3, feedback: 0.2 },
      processing: { accept: 0.5, forward: 0.12, guide: 0.06, chase: 0.15, archive: 0.06, 'return-documents': 0.03, withdraw: 0.04, wait: 0.04 },
      processingForwardedIn: { accept: 0.45, guide: 0.2, chase: 0.1, archive: 0.25 },
      delegationShare: 0.1,
      repeatFirst: 0.35,
      appealShare: 0.6,
      denunciationComplex: 0.5,
      denunciationEspeciallyComplex: 0.25,
      withdrawPerStep: 0.05,
      suspendPerStep: 0.06,
      onTimeComplaint: 0.9,
      onTimeDenunciation: 0.9,
      maxDaysLate: 10,
    },
  };

  beforeAll(async () => {
    bulk = await createTestEnv();
    exact = await createTestEnv();
  });
  afterAll(async () => {
    await bulk?.close();
    await exact?.close();
  });

  it('cases, visits, petitions, sessions, sealed identities and case numbers are identical, column by column', async () => {
    const a = await seedNational(bulk.ctx.db, { ...opts, sealer: bulk.ctx.sealer, personHasher: bulk.ctx.personHasher, keepLog: true });
    const b = await seedNational(exact.ctx.db, { ...opts, sealer: bulk.ctx.sealer, personHasher: bulk.ctx.personHasher, exact: true });
    expect(b.truth).toEqual(a.truth);
    const ops = new Map<string, number>();
    for (const c of a.log ?? []) {
      const k = c.op === 'transition' ? `transition:${c.input.action}` : c.op;
      ops.set(k, (ops.get(k) ?? 0) + 1);
    }
    console.info(`replayed ${a.log?.length} commands: ${[...ops].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const left = await snapshot(bulk.ctx.db, bulk.ctx.sealer);
    const right = await snapshot(exact.ctx.db, bulk.ctx.sealer);
    for (const table of Object.keys(left) as (keyof typeof left)[]) {
      expect(left[table].length, table).toBeGreaterThan(0);
      expect(right[table], table).toEqual(left[table]);
    }
    // Search documents (issue 18): the generator's bulk indexing (Hà Nội, the ministries, the root's own) gives the
    // documents the use cases write in the same transactions (ids aside: the use cases draw their own).
    const docs = async (db: Db) =>
      (await queryRows<Record<string, unknown>>(db, sql`select record_type, agency_path, day::text, content, names, names_folded, folded from search_docs`))
        .map((d) => JSON.stringify(d))
        .sort();
    const bulkDocs = await docs(bulk.ctx.db);
    expect(bulkDocs.length).toBeGreaterThan(0);
    expect(bulkDocs).toEqual(await docs(exact.ctx.db));
    // Each sealed identity carries the keyed hash of the person it seals (ADR 0011), forwarded copies included.
    for (const s of left.sealed) expect(s.personHash, s.plaintext).toBe(bulk.ctx.personHasher.hash(JSON.parse(s.plaintext) as PersonFacts));
    expect(left.sealed.filter((s) => s.personHash !== null).length).toBeGreaterThan(left.sealed.length / 2);
    expect((await verifyAudit(exact.ctx.db)).ok).toBe(true);
    // Through the use cases the counters are maintained by the triggers, change by change: same figures as the
    // records, and the same rows as a rebuild from the records.
    expect(await countersVersusRecords(exact.ctx.db, ['VN', '01', 'TTCP'], RANGES)).toEqual([]);
    const maintained = await counterRows(exact.ctx.db);
    await rebuildReportCounters(exact.ctx.db);
    expect(await counterRows(exact.ctx.db)).toEqual(maintained);
    expect(maintained).toEqual(await counterRows(bulk.ctx.db));
    const needed = ['session', 'end-session', 'visit', 'petition', 'classify', 'accept', 'forward', 'guide', 'chase', 'archive', 'start-verification', 'hold-dialogue', 'decide', 'send-decision', 'appeal', 'extend', 'conclude', 'send-conclusion', 'publish', 'answer', 'suspend', 'resume', 'withdraw'];
    expect(needed.filter((op) => !ops.has(op) && !ops.has(`transition:${op}`))).toEqual([]);
    // Every decision is now sent as a tracked step (issue 12): more commands to replay on a busy machine.
  }, 240_000);
});

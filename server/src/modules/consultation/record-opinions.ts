/**
 * The one writer of opinions, for every channel, inside the caller's transaction (ADR 0016, counting rules):
 *  1. the persons of the batch are locked (a transaction-scoped advisory lock per consultation × person, in key
 *     order), so two opinions of one person on one section cannot both count;
 *  2. every opinion is stored — counted, or `spoken-only` (said at a conference and not written up: kept with the
 *     minutes, never counted; b5);
 *  3. the ledger keeps one counted opinion per person × section: a later opinion replaces the earlier one, which
 *     is marked `replaced` and leaves the counters;
 *  4. the counters (per section × stance × channel × category × age band × province × commune), their margins (per
 *     section and dimension, what the unfiltered tally reads) and the totals (participants, received, replaced,
 *     spoken-only) move by the batch's deltas in one upsert each.
 * Nothing here scans the opinions of a consultation: the tally reads the counters.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Channel, Stance } from '@danvan/domain/consultation/rules';
import type { Db, Tx } from '../../db/client.ts';
import type { SealedBox } from '../../security/sealer.ts';
import { consultationLedger, consultationOpinions, consultationParticipants, consultationRespondents, consultationTotals } from '../../db/schema.ts';

export interface OpinionIn {
  sectionId: string;
  /** Keyed hash of the verified identifier ('' only for a spoken-only opinion without one). */
  personKey: string;
  identityMethod: string;
  channel: Channel;
  stance: Stance;
  text: string | null;
  category: string;
  ageBand: string;
  occupation: string | null;
  provinceCode: string;
  communeCode: string;
  fromAgencyId?: string | null;
  conferenceId?: string | null;
  enteredBy?: string | null;
  /** The respondent's details given to an officer, sealed; stored in consultation_respondents (one row per box). */
  respondent?: SealedBox | null;
  /** false: spoken at a conference and not written up — stored, not counted. */
  counted: boolean;
}

export interface Applied {
  opinionId: string;
  sectionId: string;
  counted: boolean;
  /** The person's earlier opinion on this section that this one replaced. */
  replacedId: string | null;
}

/** A PostgreSQL array literal of text values (one parameter, any length); null as NULL. */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

export type Dims = Pick<OpinionIn, 'sectionId' | 'stance' | 'channel' | 'category' | 'ageBand' | 'provinceCode' | 'communeCode'>;
const dimKey = (d: Dims) => [d.sectionId, d.stance, d.channel, d.category, d.ageBand, d.provinceCode, d.communeCode].join('\u0001');

export async function applyOpinions(tx: Tx, consultationId: string, now: Date, list: readonly OpinionIn[]): Promise<Applied[]> {
  if (list.length === 0) return [];
  const persons = [...new Set(list.filter((o) => o.counted).map((o) => `${consultationId}:${o.personKey}`))].sort();
  // One statement for the whole batch (a group commit holds hundreds of persons), locks taken in key order.
  if (persons.length === 1) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${persons[0]}, 0))`);
  else if (persons.length) {
    await tx.execute(sql`select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from (select k from unnest(${pgArray(persons)}::text[]) k order by k) l`);
  }

  // One sealed row per distinct box (an assisted submission shares one box across its sections).
  const boxIds = new Map<SealedBox, string>();
  for (const o of list) if (o.respondent && !boxIds.has(o.respondent)) boxIds.set(o.respondent, randomUUID());
  if (boxIds.size) await tx.insert(consultationRespondents).values([...boxIds].map(([details, id]) => ({ id, consultationId, details, createdAt: now })));

  const rows = list.map((o) => ({
    id: randomUUID(),
    consultationId,
    submittedAt: now,
    sectionId: o.sectionId,
    personKey: o.personKey,
    identityMethod: o.identityMethod,
    channel: o.channel,
    stance: o.stance,
    text: o.text,
    category: o.category,
    ageBand: o.ageBand,
    occupation: o.occupation,
    provinceCode: o.provinceCode,
    communeCode: o.communeCode,
    status: o.counted ? 'counted' : 'spoken-only',
    fromAgencyId: o.fromAgencyId ?? null,
    conferenceId: o.conferenceId ?? null,
    enteredBy: o.enteredBy ?? null,
    respondentId: o.respondent ? (boxIds.get(o.respondent) ?? null) : null,
  }));
  // One statement whatever the batch size: one array parameter per column (a multi-row VALUES list of a group
  // commit costs more to build than to run).
  const col = (f: (r: (typeof rows)[number]) => string | null) => pgArray(rows.map(f));
  await tx.execute(sql`
    insert into consultation_opinions (id, consultation_id, submitted_at, section_id, person_key, identity_method, channel, stance, text, category,
                                       age_band, occupation, province_code, commune_code, status, from_agency_id, conference_id, entered_by, respondent_id)
    select u.id, ${consultationId}::uuid, ${now.toISOString()}::timestamptz, u.section_id, u.person_key, u.identity_method, u.channel, u.stance, u.text, u.category,
           u.age_band, u.occupation, u.province_code, u.commune_code, u.status, u.from_agency_id, u.conference_id, u.entered_by, u.respondent_id
      from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.sectionId)}::uuid[], ${col((r) => r.personKey)}::text[], ${col((r) => r.identityMethod)}::text[],
                  ${col((r) => r.channel)}::text[], ${col((r) => r.stance)}::text[], ${col((r) => r.text)}::text[], ${col((r) => r.category)}::text[],
                  ${col((r) => r.ageBand)}::text[], ${col((r) => r.occupation)}::text[], ${col((r) => r.provinceCode)}::text[], ${col((r) => r.communeCode)}::text[],
                  ${col((r) => r.status)}::text[], ${col((r) => r.fromAgencyId)}::uuid[], ${col((r) => r.conferenceId)}::uuid[], ${col((r) => r.enteredBy)}::uuid[],
                  ${col((r) => r.respondentId)}::uuid[])
        as u(id, section_id, person_key, identity_method, channel, stance, text, category, age_band, occupation, province_code, commune_code, status,
             from_agency_id, conference_id, entered_by, respondent_id)`);

  const counted = rows.filter((r) => r.status === 'counted');
  const deltas = new Map<string, { d: Dims; n: number }>();
  const bump = (d: Dims, n: number) => {
    const k = dimKey(d);
    const e = deltas.get(k);
    if (e) e.n += n;
    else deltas.set(k, { d, n });
  };
  const totals = new Map<string, number>();
  const addTotal = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  const replacedOf = new Map<string, string>();

  if (counted.length) {
    // Two array parameters, not a list of row constructors: a group commit holds thousands of pairs, and a long
    // IN list of rows is a deep expression tree (PGlite's stack is small).
    const existing = await tx
      .select()
      .from(consultationLedger)
      .where(
        and(
          eq(consultationLedger.consultationId, consultationId),
          sql`(${consultationLedger.sectionId}, ${consultationLedger.personKey}) in (select * from unnest(${pgArray(counted.map((r) => r.sectionId))}::uuid[], ${pgArray(counted.map((r) => r.personKey))}::text[]))`,
        ),
      );
    const ledger = new Map(existing.map((l) => [`${l.sectionId}|${l.personKey}`, l]));
    const oldIds = existing.map((l) => l.opinionId);
    const olds = oldIds.length
      ? await tx
          .select()
          .from(consultationOpinions)
          .where(and(eq(consultationOpinions.consultationId, consultationId), inArray(consultationOpinions.id, oldIds)))
      : [];
    const oldById = new Map(olds.map((o) => [o.id, o]));

    // The opinion that counts now per person × section, updated as the batch goes (a batch may hold the same pair twice).
    interface Current {
      id: string;
      submittedAt: Date;
      dims: Dims;
      inLedger: boolean;
      replacements: number;
    }
    const state = new Map<string, Current>();
    for (const [k, l] of ledger) {
      const o = oldById.get(l.opinionId);
      if (o) state.set(k, { id: o.id, submittedAt: o.submittedAt, dims: o as Dims, inLedger: true, replacements: 0 });
    }
    for (const r of counted) {
      const k = `${r.sectionId}|${r.personKey}`;
      const cur = state.get(k);
      if (cur) {
        bump(cur.dims, -1);
        replacedOf.set(r.id, cur.id);
        await tx
          .update(consultationOpinions)
          .set({ status: 'replaced', replacedBy: r.id })
          .where(and(eq(consultationOpinions.consultationId, consultationId), eq(consultationOpinions.submittedAt, cur.submittedAt), eq(consultationOpinions.id, cur.id)));
        addTotal('replaced', 1);
        addTotal(`replaced/${r.sectionId}`, 1);
      }
      state.set(k, { id: r.id, submittedAt: now, dims: r as Dims, inLedger: cur?.inLedger ?? false, replacements: (cur?.replacements ?? 0) + (cur ? 1 : 0) });
      bump(r as Dims, 1);
    }
    const fresh: (typeof consultationLedger.$inferInsert)[] = [];
    for (const [k, cur] of state) {
      const [sectionId, personKey] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
      if (!cur.inLedger) fresh.push({ consultationId, sectionId, personKey, opinionId: cur.id, replacements: cur.replacements, updatedAt: now });
      else if (cur.replacements > 0) {
        await tx
          .update(consultationLedger)
          .set({ opinionId: cur.id, replacements: sql`${consultationLedger.replacements} + ${cur.replacements}`, updatedAt: now })
          .where(and(eq(consultationLedger.consultationId, consultationId), eq(consultationLedger.sectionId, sectionId), eq(consultationLedger.personKey, personKey)));
      }
    }
    if (fresh.length) {
      await tx.execute(sql`
        insert into consultation_ledger (consultation_id, section_id, person_key, opinion_id, replacements, updated_at)
        select ${consultationId}::uuid, u.s, u.p, u.o, u.r, ${now.toISOString()}::timestamptz
          from unnest(${pgArray(fresh.map((f) => f.sectionId))}::uuid[], ${pgArray(fresh.map((f) => f.personKey))}::text[], ${pgArray(fresh.map((f) => f.opinionId))}::uuid[],
                      ${pgArray(fresh.map((f) => String(f.replacements ?? 0)))}::int[]) as u(s, p, o, r)`);
    }
    const firsts = new Map<string, string>();
    for (const r of counted) if (!firsts.has(r.personKey)) firsts.set(r.personKey, r.channel);
    const newcomers = await tx
      .insert(consultationParticipants)
      .values([...firsts].map(([personKey, firstChannel]) => ({ consultationId, personKey, firstChannel, firstAt: now })))
      .onConflictDoNothing()
      .returning({ personKey: consultationParticipants.personKey });
    addTotal('participants', newcomers.length);
    addTotal('counted', counted.length);
  }
  addTotal('received', rows.length);
  const spoken = rows.length - counted.length;
  if (spoken) addTotal('spoken-only', spoken);

  await moveCounters(tx, consultationId, [...deltas.values()], totals);
  return rows.map((r) => ({ opinionId: r.id, sectionId: r.sectionId, counted: r.status === 'counted', replacedId: replacedOf.get(r.id) ?? null }));
}

/** Stripes of the counters and totals: each transaction adds its deltas to one stripe, so concurrent writers do not
 * queue behind one hot row per cell; readers sum over stripes (ADR 0023). */
export const COUNTER_STRIPES = 16;

/**
 * Adds deltas to the counters and totals of one consultation, each in one multi-row upsert on one stripe (picked at
 * random per call), rows in key order so that two writers on the same stripe cannot deadlock.
 */
export async function moveCounters(tx: Tx, consultationId: string, cells: readonly { d: Dims; n: number }[], totals: ReadonlyMap<string, number>): Promise<void> {
  const stripe = Math.floor(Math.random() * COUNTER_STRIPES);
  // Writers share this lock; foldStripes takes it alone (no deadlock between a fold and a writer's upserts).
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtextextended(${`counters:${consultationId}`}, 0))`);
  const merged = new Map<string, { d: Dims; n: number }>();
  for (const c of cells) {
    const k = dimKey(c.d);
    const e = merged.get(k);
    if (e) e.n += c.n;
    else merged.set(k, { d: c.d, n: c.n });
  }
  const counterRows = [...merged.values()]
    .filter((e) => e.n !== 0)
    .sort((a, b) => (dimKey(a.d) < dimKey(b.d) ? -1 : 1))
    .map(({ d, n }) => ({ consultationId, sectionId: d.sectionId, stance: d.stance, channel: d.channel, category: d.category, ageBand: d.ageBand, provinceCode: d.provinceCode, communeCode: d.communeCode, stripe, n }));
  if (counterRows.length) {
    const col = (f: (r: (typeof counterRows)[number]) => string) => pgArray(counterRows.map(f));
    await tx.execute(sql`
      insert into consultation_counters (consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, stripe, n)
      select ${consultationId}::uuid, u.s, u.st, u.ch, u.ca, u.ag, u.pr, u.co, ${stripe}::int, u.n
        from unnest(${col((r) => r.sectionId)}::uuid[], ${col((r) => r.stance)}::text[], ${col((r) => r.channel)}::text[], ${col((r) => r.category)}::text[],
                    ${col((r) => r.ageBand)}::text[], ${col((r) => r.provinceCode)}::text[], ${col((r) => r.communeCode)}::text[], ${col((r) => String(r.n))}::bigint[])
          as u(s, st, ch, ca, ag, pr, co, n)
      on conflict (consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, stripe)
      do update set n = consultation_counters.n + excluded.n`);
  }
  // The margins (ADR 0023): the same deltas per section and dimension, on the same stripe.
  const margins = new Map<string, { sectionId: string; dim: string; value: string; commune: string; n: number }>();
  for (const { d, n } of merged.values()) {
    if (n === 0) continue;
    for (const [dim, value, commune] of [
      ['stance', d.stance, ''],
      ['channel', d.channel, ''],
      ['category', d.category, ''],
      ['age', d.ageBand, ''],
      ['place', d.provinceCode, d.communeCode],
    ] as const) {
      const k = `${d.sectionId}\u0001${dim}\u0001${value}\u0001${commune}`;
      const e = margins.get(k);
      if (e) e.n += n;
      else margins.set(k, { sectionId: d.sectionId, dim, value, commune, n });
    }
  }
  const marginRows = [...margins]
    .filter(([, e]) => e.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, e]) => ({ consultationId, ...e, stripe }));
  if (marginRows.length) {
    const col = (f: (r: (typeof marginRows)[number]) => string) => pgArray(marginRows.map(f));
    await tx.execute(sql`
      insert into consultation_margins (consultation_id, section_id, dim, value, commune, stripe, n)
      select ${consultationId}::uuid, u.s, u.d, u.v, u.c, ${stripe}::int, u.n
        from unnest(${col((r) => r.sectionId)}::uuid[], ${col((r) => r.dim)}::text[], ${col((r) => r.value)}::text[], ${col((r) => r.commune)}::text[], ${col((r) => String(r.n))}::bigint[])
          as u(s, d, v, c, n)
      on conflict (consultation_id, section_id, dim, value, commune, stripe) do update set n = consultation_margins.n + excluded.n`);
  }
  const totalRows = [...totals]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => ({ consultationId, key, stripe, n }));
  if (totalRows.length) {
    await tx
      .insert(consultationTotals)
      .values(totalRows)
      .onConflictDoUpdate({ target: [consultationTotals.consultationId, consultationTotals.key, consultationTotals.stripe], set: { n: sql`${consultationTotals.n} + excluded.n` } });
  }
}

/**
 * Folds the stripes of a consultation's counters and totals into stripe 0, in one short transaction (the batcher runs
 * it now and then): the stripes spread concurrent writers, the fold keeps the number of rows the tally reads close to
 * the number of cells.
 */
export async function foldStripes(db: Db, consultationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`counters:${consultationId}`}, 0))`);
    await tx.execute(sql`
      with gone as (
        delete from consultation_counters where consultation_id = ${consultationId} and stripe <> 0
        returning consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, n
      ), s as (
        select consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, sum(n) as n
          from gone group by 1, 2, 3, 4, 5, 6, 7, 8
      )
      insert into consultation_counters (consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, stripe, n)
      select consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, 0, n from s
      on conflict (consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, stripe)
      do update set n = consultation_counters.n + excluded.n`);
    await tx.execute(sql`
      with gone as (
        delete from consultation_margins where consultation_id = ${consultationId} and stripe <> 0
        returning consultation_id, section_id, dim, value, commune, n
      ), s as (select consultation_id, section_id, dim, value, commune, sum(n) as n from gone group by 1, 2, 3, 4, 5)
      insert into consultation_margins (consultation_id, section_id, dim, value, commune, stripe, n)
      select consultation_id, section_id, dim, value, commune, 0, n from s
      on conflict (consultation_id, section_id, dim, value, commune, stripe) do update set n = consultation_margins.n + excluded.n`);
    await tx.execute(sql`
      with gone as (
        delete from consultation_totals where consultation_id = ${consultationId} and stripe <> 0 returning consultation_id, key, n
      ), s as (select consultation_id, key, sum(n) as n from gone group by 1, 2)
      insert into consultation_totals (consultation_id, key, stripe, n) select consultation_id, key, 0, n from s
      on conflict (consultation_id, key, stripe) do update set n = consultation_totals.n + excluded.n`);
  });
}

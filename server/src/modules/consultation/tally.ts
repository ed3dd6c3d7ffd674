/**
 * getConsultationTally: per section, counted opinions by stance, channel, respondent category, age band and
 * province (with its communes), rolled up from commune to nation; distinct participants; received, replaced and
 * spoken-only (not counted) opinions; the invitations and conferences. Everything comes from the counters, their
 * margins and the totals maintained with each opinion (record-opinions.ts) — never from a scan of the opinions (b13).
 * `province` / `commune` restrict the figures to respondents of that place.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { AGE_BANDS, CATEGORIES, CHANNELS, STANCES, majorityStance, type Stance } from '@danvan/domain/consultation/rules';
import { isoDateInVietnam } from '@danvan/domain/text';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { agencies, consultationConferences, consultationCounters, consultationInvitations, consultationSections, consultationTotals } from '../../db/schema.ts';
import type { ConsultationRow } from './queries.ts';

export interface PlaceCount {
  code: string;
  name: string;
  n: number;
  communes: { code: string; name: string; n: number }[];
}

export interface SectionTally {
  id: string;
  key: string;
  kind: string;
  heading: string;
  /** false: a section of an earlier version (its text was edited or removed later). */
  current: boolean;
  firstVersion: number;
  lastVersion: number | null;
  total: number;
  byStance: Record<Stance, number>;
  byChannel: Record<string, number>;
  byCategory: Record<string, number>;
  byAgeBand: Record<string, number>;
  byProvince: PlaceCount[];
  /** Earlier opinions replaced by a later one of the same person (not counted). */
  replaced: number;
  majority: Stance | null;
}

export interface Tally {
  participants: number;
  received: number;
  counted: number;
  replaced: number;
  spokenOnly: number;
  byChannel: Record<string, number>;
  sections: SectionTally[];
  conferences: { count: number; attendees: number; writtenOpinions: number; spokenOnly: number };
  invitations: { agency: string; agencyName: string; invitedOn: string; dueOn: string; answeredOn: string | null; overdue: boolean }[];
  filter: { province: string | null; commune: string | null };
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function computeTally(db: DbOrTx, c: ConsultationRow, now: Date, filter: { province?: string; commune?: string } = {}): Promise<Tally> {
  const cells = await tallyCells(db, c.id, filter);
  const totalsRows = await db
    .select({ key: consultationTotals.key, n: sql<number>`sum(${consultationTotals.n})` })
    .from(consultationTotals)
    .where(eq(consultationTotals.consultationId, c.id))
    .groupBy(consultationTotals.key);
  const totals = new Map(totalsRows.map((t) => [t.key, Number(t.n)]));
  const sections = await db.select().from(consultationSections).where(eq(consultationSections.consultationId, c.id)).orderBy(asc(consultationSections.firstVersion), asc(consultationSections.ord));

  const places = new Set<string>();
  for (const x of cells) {
    if (x.dim !== 'place') continue;
    if (x.value) places.add(x.value);
    if (x.commune) places.add(x.commune);
  }
  const names = new Map(
    places.size ? (await db.select({ code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.code, [...places]))).map((a) => [a.code, a.name]) : [],
  );

  const bySection = new Map<string, SectionTally>();
  const provinceMaps = new Map<string, Map<string, { n: number; communes: Map<string, number> }>>();
  const byChannel = zero(CHANNELS) as Record<string, number>;
  for (const s of sections) {
    bySection.set(s.id, {
      id: s.id,
      key: s.key,
      kind: s.kind,
      heading: s.heading,
      current: s.lastVersion === null,
      firstVersion: s.firstVersion,
      lastVersion: s.lastVersion,
      total: 0,
      byStance: zero(STANCES),
      byChannel: zero(CHANNELS),
      byCategory: zero(CATEGORIES),
      byAgeBand: { ...zero(AGE_BANDS), '': 0 },
      byProvince: [],
      replaced: totals.get(`replaced/${s.id}`) ?? 0,
      majority: null,
    });
    provinceMaps.set(s.id, new Map());
  }
  for (const x of cells) {
    const t = bySection.get(x.sectionId);
    const n = x.n;
    if (!t || n === 0) continue;
    if (x.dim === 'stance') {
      t.total += n;
      t.byStance[x.value as Stance] = (t.byStance[x.value as Stance] ?? 0) + n;
    } else if (x.dim === 'channel') {
      t.byChannel[x.value] = (t.byChannel[x.value] ?? 0) + n;
      byChannel[x.value] = (byChannel[x.value] ?? 0) + n;
    } else if (x.dim === 'category') t.byCategory[x.value] = (t.byCategory[x.value] ?? 0) + n;
    else if (x.dim === 'age') t.byAgeBand[x.value] = (t.byAgeBand[x.value] ?? 0) + n;
    else {
      const pm = provinceMaps.get(x.sectionId)!;
      const p = pm.get(x.value) ?? { n: 0, communes: new Map<string, number>() };
      p.n += n;
      if (x.commune) p.communes.set(x.commune, (p.communes.get(x.commune) ?? 0) + n);
      pm.set(x.value, p);
    }
  }
  for (const t of bySection.values()) {
    t.majority = majorityStance(t.byStance);
    t.byProvince = [...provinceMaps.get(t.id)!]
      .map(([code, p]) => ({
        code,
        name: code ? (names.get(code) ?? code) : 'Không rõ',
        n: p.n,
        communes: [...p.communes].map(([cc, n]) => ({ code: cc, name: names.get(cc) ?? cc, n })).sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)),
      }))
      .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
  }

  const [conf] = await db
    .select({
      count: sql<number>`count(*)`,
      attendees: sql<number>`coalesce(sum(${consultationConferences.attendees}), 0)`,
      written: sql<number>`coalesce(sum(${consultationConferences.writtenOpinions}), 0)`,
      spoken: sql<number>`coalesce(sum(${consultationConferences.spokenOnly}), 0)`,
    })
    .from(consultationConferences)
    .where(eq(consultationConferences.consultationId, c.id));
  const today = isoDateInVietnam(now);
  const inv = await db
    .select({ i: consultationInvitations, code: agencies.code, name: agencies.fullName })
    .from(consultationInvitations)
    .innerJoin(agencies, eq(agencies.id, consultationInvitations.agencyId))
    .where(eq(consultationInvitations.consultationId, c.id))
    .orderBy(asc(consultationInvitations.dueOn), asc(agencies.code));

  // Sections of earlier versions are listed only when opinions were given on them.
  const list = [...bySection.values()].filter((t) => t.current || t.total > 0 || t.replaced > 0);
  const order = new Map(sections.map((s, i) => [s.id, s.lastVersion === null ? s.ord : 1_000_000 + i]));
  list.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    participants: totals.get('participants') ?? 0,
    received: totals.get('received') ?? 0,
    counted: [...bySection.values()].reduce((s, t) => s + t.total, 0),
    replaced: totals.get('replaced') ?? 0,
    spokenOnly: Math.max(totals.get('spoken-only') ?? 0, Number(conf?.spoken ?? 0)),
    byChannel,
    sections: list,
    conferences: { count: Number(conf?.count ?? 0), attendees: Number(conf?.attendees ?? 0), writtenOpinions: Number(conf?.written ?? 0), spokenOnly: Number(conf?.spoken ?? 0) },
    invitations: inv.map(({ i, code, name }) => ({ agency: code, agencyName: name, invitedOn: i.invitedOn, dueOn: i.dueOn, answeredOn: i.answeredOn, overdue: !i.answeredOn && today > i.dueOn })),
    filter: { province: filter.province ?? null, commune: filter.commune ?? null },
  };
}

interface Cell {
  sectionId: string;
  dim: 'stance' | 'channel' | 'category' | 'age' | 'place';
  /** The stance, channel, category or age band; for `place` the province code. */
  value: string;
  commune: string;
  n: number;
}

/**
 * The figures per section and dimension. Unfiltered: the margins, summed over their stripes in the app (one plain
 * range read of a few rows per section and commune, ADR 0023). Filtered to a province or commune: the cross-product
 * counters of that place, rolled up with grouping sets (a province holds a small share of the cells).
 */
async function tallyCells(db: DbOrTx, consultationId: string, filter: { province?: string; commune?: string }): Promise<Cell[]> {
  if (!filter.province && !filter.commune) {
    const rows = await queryRows<{ s: string; d: Cell['dim']; v: string; c: string; n: number | string }>(
      db,
      sql`select section_id as s, dim as d, value as v, commune as c, n from consultation_margins where consultation_id = ${consultationId}`,
    );
    if (rows.length === 0) return [];
    const sum = new Map<string, Cell>();
    for (const r of rows) {
      const k = `${r.s}\u0001${r.d}\u0001${r.v}\u0001${r.c}`;
      const e = sum.get(k);
      if (e) e.n += Number(r.n);
      else sum.set(k, { sectionId: r.s, dim: r.d, value: r.v, commune: r.c, n: Number(r.n) });
    }
    return [...sum.values()];
  }
  const conds = [eq(consultationCounters.consultationId, consultationId)];
  if (filter.province) conds.push(eq(consultationCounters.provinceCode, filter.province));
  if (filter.commune) conds.push(eq(consultationCounters.communeCode, filter.commune));
  const rows = await queryRows<{ sectionId: string; stance: string | null; channel: string | null; category: string | null; ageBand: string | null; province: string | null; commune: string | null; g: number; n: number }>(
    db,
    sql`select section_id as "sectionId", stance, channel, category, age_band as "ageBand", province_code as province, commune_code as commune,
               grouping(stance, channel, category, age_band, province_code) as g, sum(n) as n
          from consultation_counters
         where ${and(...conds)}
         group by grouping sets ((section_id, stance), (section_id, channel), (section_id, category), (section_id, age_band), (section_id, province_code, commune_code))`,
  );
  // grouping() bits, left to right: stance 16, channel 8, category 4, age band 2, province 1 (1 = rolled up).
  const out: Cell[] = [];
  for (const r of rows) {
    const g = Number(r.g);
    const n = Number(r.n);
    if (g === 0b01111) out.push({ sectionId: r.sectionId, dim: 'stance', value: r.stance!, commune: '', n });
    else if (g === 0b10111) out.push({ sectionId: r.sectionId, dim: 'channel', value: r.channel!, commune: '', n });
    else if (g === 0b11011) out.push({ sectionId: r.sectionId, dim: 'category', value: r.category!, commune: '', n });
    else if (g === 0b11101) out.push({ sectionId: r.sectionId, dim: 'age', value: r.ageBand!, commune: '', n });
    else if (g === 0b11110) out.push({ sectionId: r.sectionId, dim: 'place', value: r.province!, commune: r.commune ?? '', n });
  }
  return out;
}

/**
 * getConsultationTally: per section, counted opinions by stance, channel, respondent category, age band and
 * province (with its communes), rolled up from commune to nation; distinct participants; received, replaced and
 * spoken-only (not counted) opinions; the invitations and conferences. Everything comes from the counters, their
 * margins and the totals maintained with each opinion (record-opinions.ts) — never from a scan of the opinions (b13).
 * `province` / `commune` restrict the figures to respondents of that place.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
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
  // Independent reads, issued together (on PostgreSQL they run on separate pooled connections).
  const [figures, placeNames, totalsRows, sections, [conf], inv] = await Promise.all([
    sectionFigures(db, c.id, filter),
    // The names of the places the figures name, read beside them (the places come from the same counters).
    queryRows<{ code: string; name: string }>(
      db,
      filter.province || filter.commune
        ? sql`select code, name from agencies where code in (select province_code from consultation_counters where ${placeFilter(c.id, filter)}
                                                             union select commune_code from consultation_counters where ${placeFilter(c.id, filter)})`
        : sql`select code, name from agencies where code in (select value from consultation_margins where consultation_id = ${c.id} and dim = 'place'
                                                             union select commune from consultation_margins where consultation_id = ${c.id} and dim = 'place')`,
    ),
    db
      .select({ key: consultationTotals.key, n: sql<number>`sum(${consultationTotals.n})` })
      .from(consultationTotals)
      .where(eq(consultationTotals.consultationId, c.id))
      .groupBy(consultationTotals.key),
    db
      .select({
        id: consultationSections.id,
        key: consultationSections.key,
        kind: consultationSections.kind,
        heading: consultationSections.heading,
        ord: consultationSections.ord,
        firstVersion: consultationSections.firstVersion,
        lastVersion: consultationSections.lastVersion,
      })
      .from(consultationSections)
      .where(eq(consultationSections.consultationId, c.id))
      .orderBy(asc(consultationSections.firstVersion), asc(consultationSections.ord)),
    db
      .select({
        count: sql<number>`count(*)`,
        attendees: sql<number>`coalesce(sum(${consultationConferences.attendees}), 0)`,
        written: sql<number>`coalesce(sum(${consultationConferences.writtenOpinions}), 0)`,
        spoken: sql<number>`coalesce(sum(${consultationConferences.spokenOnly}), 0)`,
      })
      .from(consultationConferences)
      .where(eq(consultationConferences.consultationId, c.id)),
    db
      .select({ i: consultationInvitations, code: agencies.code, name: agencies.fullName })
      .from(consultationInvitations)
      .innerJoin(agencies, eq(agencies.id, consultationInvitations.agencyId))
      .where(eq(consultationInvitations.consultationId, c.id))
      .orderBy(asc(consultationInvitations.dueOn), asc(agencies.code)),
  ]);
  const totals = new Map(totalsRows.map((t) => [t.key, Number(t.n)]));

  const names = new Map(placeNames.map((a) => [a.code, a.name]));

  const bySection = new Map<string, SectionTally>();
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
  }
  for (const f of figures) {
    const t = bySection.get(f.s);
    if (!t) continue;
    for (const [key, raw] of Object.entries(f.dims ?? {})) {
      const n = Number(raw);
      const cut = key.indexOf(':');
      const dim = key.slice(0, cut);
      const value = key.slice(cut + 1);
      if (n === 0) continue;
      if (dim === 'stance') {
        t.total += n;
        t.byStance[value as Stance] = (t.byStance[value as Stance] ?? 0) + n;
      } else if (dim === 'channel') {
        t.byChannel[value] = (t.byChannel[value] ?? 0) + n;
        byChannel[value] = (byChannel[value] ?? 0) + n;
      } else if (dim === 'category') t.byCategory[value] = (t.byCategory[value] ?? 0) + n;
      else if (dim === 'age') t.byAgeBand[value] = (t.byAgeBand[value] ?? 0) + n;
    }
    t.byProvince = (f.places ?? []).map(([code, n, communes]) => ({
      code,
      name: code ? (names.get(code) ?? code) : 'Không rõ',
      n: Number(n),
      communes: (communes ?? []).map(([cc, cn]) => ({ code: cc, name: names.get(cc) ?? cc, n: Number(cn) })),
    }));
  }
  for (const t of bySection.values()) t.majority = majorityStance(t.byStance);

  const today = isoDateInVietnam(now);

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

/** A section's figures: counts by `dimension:value` (stance, channel, category, age), and its places — provinces
 * with their communes, each list by count descending then code. */
interface SectionFigures {
  s: string;
  dims: Record<string, number | string> | null;
  places: [string, number | string, [string, number | string][] | null][] | null;
}

/**
 * The figures per section. Unfiltered: the margins summed over their stripes, shaped per section by the database
 * (one row per section, its counts as JSON — a few hundred rows to parse instead of one per section and commune;
 * ADR 0023). Filtered to a province or commune: the cross-product counters of that place, rolled up with grouping
 * sets (a province holds a small share of the cells) and shaped here.
 */
async function sectionFigures(db: DbOrTx, consultationId: string, filter: { province?: string; commune?: string }): Promise<SectionFigures[]> {
  if (!filter.province && !filter.commune) {
    return queryRows<SectionFigures>(db, figuresSql(consultationId));
  }
  const rows = await queryRows<{ sectionId: string; stance: string | null; channel: string | null; category: string | null; ageBand: string | null; province: string | null; commune: string | null; g: number; n: number }>(
    db,
    sql`select section_id as "sectionId", stance, channel, category, age_band as "ageBand", province_code as province, commune_code as commune,
               grouping(stance, channel, category, age_band, province_code) as g, sum(n) as n
          from consultation_counters
         where ${placeFilter(consultationId, filter)}
         group by grouping sets ((section_id, stance), (section_id, channel), (section_id, category), (section_id, age_band), (section_id, province_code, commune_code))`,
  );
  // grouping() bits, left to right: stance 16, channel 8, category 4, age band 2, province 1 (1 = rolled up).
  const out = new Map<string, { dims: Record<string, number>; places: Map<string, { n: number; communes: Map<string, number> }> }>();
  for (const r of rows) {
    const n = Number(r.n);
    if (n === 0) continue;
    const f = out.get(r.sectionId) ?? { dims: {} as Record<string, number>, places: new Map<string, { n: number; communes: Map<string, number> }>() };
    out.set(r.sectionId, f);
    const g = Number(r.g);
    const key = g === 0b01111 ? `stance:${r.stance}` : g === 0b10111 ? `channel:${r.channel}` : g === 0b11011 ? `category:${r.category}` : g === 0b11101 ? `age:${r.ageBand}` : null;
    if (key) f.dims[key] = (f.dims[key] ?? 0) + n;
    else if (g === 0b11110) {
      const p = f.places.get(r.province!) ?? { n: 0, communes: new Map<string, number>() };
      p.n += n;
      if (r.commune) p.communes.set(r.commune, (p.communes.get(r.commune) ?? 0) + n);
      f.places.set(r.province!, p);
    }
  }
  const byCount = <T extends [string, number, ...unknown[]]>(a: T, b: T) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return [...out].map(([s, f]) => ({
    s,
    dims: f.dims,
    places: [...f.places].map(([code, p]) => [code, p.n, [...p.communes].sort(byCount)] as [string, number, [string, number][]]).sort(byCount),
  }));
}

/** The statement of the unfiltered tally's figures (exported for the bench, which times it alone as the floor). */
export function figuresSql(consultationId: string) {
  return sql`with m as (
            select section_id as s, dim as d, value as v, commune as c, sum(n) as n
              from consultation_margins where consultation_id = ${consultationId} group by 1, 2, 3, 4 having sum(n) <> 0
          ), p as (
            select s, v, sum(n) as n, json_agg(json_build_array(c, n) order by n desc, c) filter (where c <> '') as cs
              from m where d = 'place' group by s, v
          ), dims as (
            select s, json_object_agg(d || ':' || v, n) as o from m where d <> 'place' group by s
          ), places as (
            select s, json_agg(json_build_array(v, n, cs) order by n desc, v) as a from p group by s
          )
          select coalesce(dims.s, places.s) as s, dims.o as dims, places.a as places from dims full join places on places.s = dims.s`;
}

/** The counters of one consultation, restricted to a province or commune. */
function placeFilter(consultationId: string, filter: { province?: string; commune?: string }) {
  const conds = [eq(consultationCounters.consultationId, consultationId)];
  if (filter.province) conds.push(eq(consultationCounters.provinceCode, filter.province));
  if (filter.commune) conds.push(eq(consultationCounters.communeCode, filter.commune));
  return and(...conds);
}

/** Reads for the portal pages: the published reception schedule (no personal data) and agency search. */
import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@danvan/domain/text';
import type { AppContext } from '../../../context.ts';
import { agencies, receptionBookings, receptionSessions } from '../../../db/schema.ts';
import { presentPublicSession } from '../../reception/queries.ts';

export type PublicSession = ReturnType<typeof presentPublicSession>;

export async function upcomingSessions(ctx: AppContext, q: { agencyId?: string; from: string; to: string; limit: number }): Promise<PublicSession[]> {
  const conds: SQL[] = [eq(receptionSessions.status, 'scheduled'), sql`${receptionSessions.heldOn} between ${q.from} and ${q.to}`];
  if (q.agencyId) conds.push(eq(receptionSessions.agencyId, q.agencyId));
  const rows = await ctx.db
    .select({ s: receptionSessions, code: agencies.code, fullName: agencies.fullName })
    .from(receptionSessions)
    .innerJoin(agencies, eq(agencies.id, receptionSessions.agencyId))
    .where(and(...conds))
    .orderBy(asc(receptionSessions.heldOn), asc(receptionSessions.startTime), asc(agencies.sortKey))
    .limit(q.limit);
  if (!rows.length) return [];
  const counts = await ctx.db
    .select({ sessionId: receptionBookings.sessionId, n: sql<number>`count(*)::int` })
    .from(receptionBookings)
    .where(and(inArray(receptionBookings.sessionId, rows.map((r) => r.s.id)), sql`${receptionBookings.status} <> 'cancelled'`))
    .groupBy(receptionBookings.sessionId);
  const booked = new Map(counts.map((c) => [c.sessionId, Number(c.n)]));
  return rows.map((r) => presentPublicSession(r.s, { code: r.code, fullName: r.fullName }, booked.get(r.s.id) ?? 0));
}

export async function sessionById(ctx: AppContext, id: string): Promise<PublicSession | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [r] = await ctx.db
    .select({ s: receptionSessions, code: agencies.code, fullName: agencies.fullName })
    .from(receptionSessions)
    .innerJoin(agencies, eq(agencies.id, receptionSessions.agencyId))
    .where(eq(receptionSessions.id, id));
  if (!r) return null;
  const [c] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(receptionBookings)
    .where(and(eq(receptionBookings.sessionId, id), sql`${receptionBookings.status} <> 'cancelled'`));
  return presentPublicSession(r.s, { code: r.code, fullName: r.fullName }, Number(c?.n ?? 0));
}

/** Diacritic-insensitive agency search, communes and provinces first by relevance. */
export async function searchAgencies(ctx: AppContext, q: string, limit = 20) {
  const words = foldForSearch(q).split(' ').filter(Boolean).slice(0, 8);
  if (!words.length) return [];
  const folded = words.join(' ');
  return ctx.db
    .select({ code: agencies.code, fullName: agencies.fullName, level: agencies.level, path: agencies.path })
    .from(agencies)
    .where(and(sql`${agencies.level} in ('province', 'commune', 'ministry')`, ...words.map((w) => like(agencies.searchKey, `%${w.replace(/[%_\\]/g, '')}%`))))
    .orderBy(
      sql`case when ${agencies.searchKey} like ${`${folded}%`} then 0 when ${agencies.searchKey} like ${`%${folded}%`} then 1 else 2 end`,
      sql`case ${agencies.level} when 'province' then 0 when 'commune' then 1 else 2 end`,
      asc(agencies.sortKey),
    )
    .limit(limit);
}

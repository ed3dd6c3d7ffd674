/** Reads shared by the grassroots use cases: rows visible to a user (else 404), the roll's counts. */
import { and, eq, sql } from 'drizzle-orm';
import type { VillageCount, VoteForm } from '@danvan/domain/grassroots/rules';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { agencies, grassrootsCommunities, grassrootsInitiatives, grassrootsMatters, grassrootsRecommendations } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { mayView } from './policy.ts';

export type MatterRow = typeof grassrootsMatters.$inferSelect;
export type CommunityRow = typeof grassrootsCommunities.$inferSelect;

/** A commune the user can see; any other code answers 404 (never tells whether it exists). */
export async function visibleCommune(db: DbOrTx, user: CurrentUser, code: string): Promise<AgencyRow> {
  const a = await agencyByCode(db, code);
  if (!a || !mayView(user, a.path)) throw notFound();
  return a;
}

export async function visibleMatter(db: DbOrTx, user: CurrentUser, id: string): Promise<MatterRow> {
  const [m] = await db.select().from(grassrootsMatters).where(eq(grassrootsMatters.id, id));
  if (!m || !mayView(user, m.agencyPath)) throw notFound();
  return m;
}

export async function visibleCommunity(db: DbOrTx, user: CurrentUser, id: string): Promise<CommunityRow> {
  const [c] = await db.select().from(grassrootsCommunities).where(eq(grassrootsCommunities.id, id));
  if (!c || !mayView(user, c.agencyPath)) throw notFound();
  return c;
}

export async function visibleInitiative(db: DbOrTx, user: CurrentUser, id: string) {
  const [i] = await db.select().from(grassrootsInitiatives).where(eq(grassrootsInitiatives.id, id));
  if (!i || !mayView(user, i.agencyPath)) throw notFound();
  return i;
}

export async function visibleRecommendation(db: DbOrTx, user: CurrentUser, id: string) {
  const [r] = await db.select().from(grassrootsRecommendations).where(eq(grassrootsRecommendations.id, id));
  if (!r || !mayView(user, r.agencyPath)) throw notFound();
  return r;
}

export async function communityByCode(db: DbOrTx, agencyId: string, code: string): Promise<CommunityRow | undefined> {
  const [c] = await db.select().from(grassrootsCommunities).where(and(eq(grassrootsCommunities.agencyId, agencyId), eq(grassrootsCommunities.code, code)));
  return c;
}

export async function agencyOf(db: DbOrTx, id: string): Promise<AgencyRow> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!a) throw notFound();
  return a;
}

/** Per village of the matter's roll: households, and what the ledger and the meetings counted. */
export async function villageCounts(db: DbOrTx, matterId: string): Promise<VillageCount[]> {
  const rows = await queryRows<{
    community_id: string;
    households: number | string;
    participated: number | string;
    by_meeting: number | string;
    by_paper: number | string;
    by_online: number | string;
    agree: number | string;
    disagree: number | string;
    other: number | string;
    m_agree: number | string;
    m_disagree: number | string;
    m_other: number | string;
  }>(
    db,
    sql`select r.community_id,
          count(*)::int as households,
          count(v.household_id)::int as participated,
          count(*) filter (where v.form = 'meeting')::int as by_meeting,
          count(*) filter (where v.form = 'paper')::int as by_paper,
          count(*) filter (where v.form = 'online')::int as by_online,
          count(*) filter (where v.choice = 'agree')::int as agree,
          count(*) filter (where v.choice = 'disagree')::int as disagree,
          count(*) filter (where v.choice = 'other')::int as other,
          coalesce((select sum(m.agree) from grassroots_meetings m where m.matter_id = ${matterId} and m.community_id = r.community_id), 0)::int as m_agree,
          coalesce((select sum(m.disagree) from grassroots_meetings m where m.matter_id = ${matterId} and m.community_id = r.community_id), 0)::int as m_disagree,
          coalesce((select sum(m.other) from grassroots_meetings m where m.matter_id = ${matterId} and m.community_id = r.community_id), 0)::int as m_other
        from grassroots_roll r
        left join grassroots_votes v on v.matter_id = r.matter_id and v.household_id = r.household_id
        where r.matter_id = ${matterId}
        group by r.community_id`,
  );
  return rows.map((r) => {
    const byForm: Record<VoteForm, number> = { meeting: Number(r.by_meeting), paper: Number(r.by_paper), online: Number(r.by_online) };
    return {
      communityId: r.community_id,
      households: Number(r.households),
      participated: Number(r.participated),
      attended: byForm.meeting,
      agree: Number(r.agree) + Number(r.m_agree),
      disagree: Number(r.disagree) + Number(r.m_disagree),
      other: Number(r.other) + Number(r.m_other),
      byForm,
    };
  });
}

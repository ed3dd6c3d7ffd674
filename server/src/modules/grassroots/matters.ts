/**
 * Matters residents decide (Art. 15 items 1–6): createCommunityMatter, openVote (the roll snapshot, the forms the
 * item allows, the online opt-in gate), closeVote (the tally by the item's threshold, then the 5-working-day clock
 * to send the decision to the commune) and the live result.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { FORM_LABELS, ONLINE_OPT_IN_SHARE, itemRule, needed, reaches, tally, type MatterItem, type MatterResult, type VoteForm } from '@danvan/domain/grassroots/rules';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { grassrootsCommunities, grassrootsHouseholds, grassrootsInitiatives, grassrootsMatters, grassrootsVotes } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { grassrootsDeadline } from './clock.ts';
import { initiativeStanding } from './initiatives.ts';
import { requireWork } from './policy.ts';
import { checkPlans, savePlans, type BallotPlanInput, type OnlinePlanInput } from './procedure.ts';
import { communityByCode, villageCounts, type MatterRow } from './queries.ts';

export interface CreateMatterInput {
  agency: string;
  /** Code of the thôn / tổ dân phố; absent for a commune-wide matter (items 1–2). */
  community?: string;
  item: number;
  title: string;
  content: string;
  proposedBy: 'commune-chair' | 'village-head' | 'initiative';
  /** The commune chair agreed with the MTTQ chair, or the village head with the Front work committee head (Art. 16). */
  frontAgreed?: boolean;
  initiativeId?: string;
}

const audit = (user: CurrentUser, m: { id: string; agencyId: string }, at: Date) =>
  ({ at, actorId: user.id, actorName: user.displayName, agencyId: m.agencyId, entity: 'grassroots-matter', entityId: m.id }) as const;

export async function createCommunityMatter(ctx: AppContext, user: CurrentUser, commune: AgencyRow, input: CreateMatterInput) {
  requireWork(user, commune.path);
  const now = ctx.now();
  const rule = itemRule(input.item);
  const title = cleanText(input.title);
  const content = cleanText(input.content);
  const issues = [];
  if (!title) issues.push({ field: 'title', key: 'field.required' as const });
  if (!content) issues.push({ field: 'content', key: 'field.required' as const });
  let communityId: string | null = null;
  if (input.community) {
    const c = await communityByCode(ctx.db, commune.id, input.community);
    if (!c) issues.push({ field: 'community', key: 'field.invalid' as const });
    else communityId = c.id;
  } else if (!rule.communeWideShare) {
    issues.push({ field: 'community', key: 'field.required' as const });
  }
  if (issues.length) throw invalid(...issues);
  // c3: who may propose.
  const proposerOk =
    communityId === null
      ? input.proposedBy === 'commune-chair' && input.frontAgreed === true
      : (input.proposedBy === 'village-head' && input.frontAgreed === true) || (input.proposedBy === 'initiative' && !!input.initiativeId);
  if (!proposerOk) throw new AppError(400, 'grassroots.proposer', {}, [{ field: 'proposedBy', key: 'field.invalid' }]);
  return ctx.db.transaction(async (tx) => {
    if (input.proposedBy === 'initiative') {
      const [ini] = await tx.select().from(grassrootsInitiatives).where(eq(grassrootsInitiatives.id, input.initiativeId!)).for('update');
      if (!ini || ini.communityId !== communityId || ini.matterId) throw invalid({ field: 'initiativeId', key: 'field.invalid' });
      const s = await initiativeStanding(tx, ini, isoDateInVietnam(now));
      if (!s.stands) throw new AppError(409, 'grassroots.initiativeShort', { count: s.validSignatures, total: s.households, needed: s.needed });
    }
    const [m] = await tx
      .insert(grassrootsMatters)
      .values({ agencyId: commune.id, agencyPath: commune.path, communityId, item: input.item, title, content, proposedBy: input.proposedBy, initiativeId: input.initiativeId ?? null, status: 'draft', createdBy: user.id })
      .returning();
    if (input.initiativeId) await tx.update(grassrootsInitiatives).set({ matterId: m!.id }).where(eq(grassrootsInitiatives.id, input.initiativeId));
    await writeAudit(tx, { ...audit(user, m!, now), action: 'grassroots.matter.create', summary: `Tạo việc cộng đồng dân cư quyết định (khoản ${input.item} Điều 15): ${title}`, after: { item: input.item, communityId, proposedBy: input.proposedBy } });
    return m!;
  });
}

export interface OpenVoteInput {
  forms: VoteForm[];
  closesOn?: string;
  /** Required when the forms include a household ballot (c10). */
  ballotPlan?: BallotPlanInput;
  /** Required when the forms include an online vote (c12–c13). */
  onlinePlan?: OnlinePlanInput;
}

/** Households (on the matter's roll) that opted in to online voting, and the roll's size. */
async function optIns(db: Parameters<typeof queryRows>[0], matterId: string) {
  const [r] = await queryRows<{ total: number | string; opted: number | string }>(
    db,
    sql`select count(*)::int as total, count(h.online_opt_in_at)::int as opted from grassroots_roll r join grassroots_households h on h.id = r.household_id where r.matter_id = ${matterId}`,
  );
  return { total: Number(r?.total ?? 0), opted: Number(r?.opted ?? 0) };
}

export async function openVote(ctx: AppContext, user: CurrentUser, m: MatterRow, input: OpenVoteInput) {
  requireWork(user, m.agencyPath);
  const rule = itemRule(m.item);
  const now = ctx.now();
  const forms = [...new Set(input.forms)];
  if (!forms.length) throw invalid({ field: 'forms', key: 'field.required' });
  const addingFallback = m.status === 'voting';
  if (m.status !== 'draft' && !addingFallback) throw new AppError(409, 'grassroots.status', { status: m.status });
  for (const f of forms) {
    const allowed = addingFallback ? rule.fallbackForms : rule.forms;
    if (!allowed.includes(f)) {
      throw new AppError(409, 'grassroots.formNotAllowed', { form: FORM_LABELS[f], item: m.item, allowed: (addingFallback ? rule.fallbackForms : rule.forms).map((x) => FORM_LABELS[x]).join(', ') || '—' });
    }
  }
  if (input.closesOn && input.closesOn < isoDateInVietnam(now)) throw invalid({ field: 'closesOn', key: 'field.dateRange' });
  const plans = checkPlans(forms, input);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(grassrootsMatters).where(eq(grassrootsMatters.id, m.id)).for('update');
    if (!locked || locked.status !== m.status) throw new AppError(409, 'error.conflict');
    if (addingFallback) {
      // A ballot only when the meeting(s) did not reach the threshold (Art. 19(1); NĐ 61 Art. 10).
      const result = tally(m.item as MatterItem, false, await villageCounts(tx, m.id));
      if (!locked.forms.includes('meeting') || result.byForm.meeting === 0 || result.passed) {
        throw new AppError(409, 'grassroots.formNotAllowed', { form: forms.map((f) => FORM_LABELS[f]).join(', '), item: m.item, allowed: FORM_LABELS.meeting });
      }
    } else {
      // c1: snapshot the register — the denominator of every threshold.
      const communities = m.communityId
        ? [m.communityId]
        : (await tx.select({ id: grassrootsCommunities.id }).from(grassrootsCommunities).where(eq(grassrootsCommunities.agencyId, m.agencyId))).map((c) => c.id);
      if (!communities.length) throw invalid({ field: 'community', key: 'field.invalid' });
      await tx.execute(sql`insert into grassroots_roll (matter_id, household_id, community_id)
        select ${m.id}, h.id, h.community_id from grassroots_households h
        where h.active and h.community_id in (${sql.join(communities.map((c) => sql`${c}`), sql`, `)})`);
    }
    if (forms.includes('online')) {
      const o = await optIns(tx, m.id);
      if (!reaches(o.opted, o.total, ONLINE_OPT_IN_SHARE)) throw new AppError(409, 'grassroots.onlineOptIn', { count: o.opted, total: o.total, needed: needed(o.total, ONLINE_OPT_IN_SHARE) });
    }
    await savePlans(tx, m.id, user.id, plans);
    const allForms = [...new Set([...locked.forms, ...forms])];
    const [updated] = await tx
      .update(grassrootsMatters)
      .set({ status: 'voting', forms: allForms, openedAt: locked.openedAt ?? now, closesOn: input.closesOn ?? locked.closesOn })
      .where(eq(grassrootsMatters.id, m.id))
      .returning();
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from grassroots_roll where matter_id = ${m.id}`);
    await writeAudit(tx, {
      ...audit(user, m, now),
      action: addingFallback ? 'grassroots.vote.fallback' : 'grassroots.vote.open',
      summary: `${addingFallback ? 'Bổ sung hình thức' : 'Mở biểu quyết'} (${forms.map((f) => FORM_LABELS[f]).join(', ')}); danh sách ${Number(n)} hộ gia đình`,
      after: { forms: allForms, households: Number(n), plans: plans.map((p) => ({ form: p.form, startsOn: p.startsOn, endsOn: p.endsOn, planLate: p.planLate ?? false })) },
    });
    return { matter: updated!, households: Number(n) };
  });
}

export async function closeVote(ctx: AppContext, user: CurrentUser, m: MatterRow, input: { closedOn?: string }) {
  requireWork(user, m.agencyPath);
  if (m.status !== 'voting') throw new AppError(409, 'grassroots.status', { status: m.status });
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const closedOn = input.closedOn ?? today;
  if (closedOn > today || (m.openedAt && closedOn < isoDateInVietnam(m.openedAt))) throw invalid({ field: 'closedOn', key: 'field.dateRange' });
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(grassrootsMatters).where(eq(grassrootsMatters.id, m.id)).for('update');
    if (locked?.status !== 'voting') throw new AppError(409, 'grassroots.status', { status: locked?.status ?? '' });
    const result = tally(m.item as MatterItem, m.communityId === null, await villageCounts(tx, m.id));
    const send = await grassrootsDeadline(tx, 'grassroots.send-decision', closedOn);
    const [updated] = await tx
      .update(grassrootsMatters)
      .set({ status: 'closed', closedOn, result, passed: result.passed, sendDueOn: send.due })
      .where(eq(grassrootsMatters.id, m.id))
      .returning();
    await writeAudit(tx, {
      ...audit(user, m, now),
      action: 'grassroots.vote.close',
      summary: `Kết thúc biểu quyết ngày ${formatIsoDateVi(closedOn)}: ${result.passed ? 'thông qua' : 'không thông qua'} — ${result.explanation}; hạn gửi UBND xã ${formatIsoDateVi(send.due)}`,
      after: { passed: result.passed, agree: result.agree, households: result.households, sendDueOn: send.due },
    });
    return { matter: updated!, result, sendDeadline: send };
  });
}

export interface LedgerEntry {
  household: string;
  community: string;
  form: VoteForm;
  choice: string | null;
}

/** The result (live while voting, as stored once closed) and the ledger: which form counted each household. */
export async function voteResult(ctx: AppContext, m: MatterRow): Promise<{ result: MatterResult; ledger: LedgerEntry[]; communities: Record<string, { code: string; name: string }> }> {
  const result = (m.status === 'draft' ? null : m.result && m.status !== 'voting' ? (m.result as MatterResult) : tally(m.item as MatterItem, m.communityId === null, await villageCounts(ctx.db, m.id))) ?? tally(m.item as MatterItem, m.communityId === null, []);
  const rows = await ctx.db
    .select({ household: grassrootsHouseholds.code, community: grassrootsCommunities.code, form: grassrootsVotes.form, choice: grassrootsVotes.choice })
    .from(grassrootsVotes)
    .innerJoin(grassrootsHouseholds, eq(grassrootsHouseholds.id, grassrootsVotes.householdId))
    .innerJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsVotes.communityId))
    .where(eq(grassrootsVotes.matterId, m.id))
    .orderBy(grassrootsCommunities.code, grassrootsHouseholds.code);
  const ids = result.villages.map((v) => v.communityId);
  const cs = ids.length ? await ctx.db.select().from(grassrootsCommunities).where(inArray(grassrootsCommunities.id, ids)) : [];
  return {
    result,
    ledger: rows.map((r) => ({ ...r, form: r.form as VoteForm, choice: r.form === 'meeting' ? null : r.choice })),
    communities: Object.fromEntries(cs.map((c) => [c.id, { code: c.code, name: c.name }])),
  };
}


/**
 * The procedure around a vote (PARTICIPATION.md c5, c6, c10, c12–c13): the meeting notice (Mẫu 01, ≥ 2 days; items
 * 1–3 documents to every household ≥ 2 days ahead) that a meeting result needs; the ballot plan (team of 3–5 led by
 * the Front representative, public notice ≥ 2 days before distribution, return deadline; plan to the commune chair
 * and MTTQ chair within 2 days, flagged when late) and the online plan (the same team rule, the village head and the
 * Front committee's agreement, the voting window) that openVote needs; the counting board and procedural votes of a
 * meeting. Figures are data in domain/src/grassroots/procedure.ts.
 */
import { and, count, eq, isNull, lte } from 'drizzle-orm';
import { addDays } from '@danvan/domain/clock/dates';
import { CLUSTER_RULE, COUNTING_BOARD_SIZE, DOCUMENTS_BEFORE, DOCUMENT_ITEMS, NOTICE_RULES, TEAM_SIZE, VILLAGE_RULES_DRAFT, ballotPlanIssues, isRefusal, noticeProblem, teamProblems, type TeamMember } from '@danvan/domain/grassroots/procedure';
import { FORM_LABELS, itemRule, type VoteForm } from '@danvan/domain/grassroots/rules';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { grassrootsHouseholds, grassrootsMeetingProcedure, grassrootsNotices, grassrootsVotePlans } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requireWork } from './policy.ts';
import { communityByCode, type MatterRow } from './queries.ts';

export interface NoticeInput {
  community?: string;
  cluster?: string;
  noticeOn: string;
  meetingOn: string;
  place: string;
  documentsOn?: string;
  /** Cluster meetings: the day UBND xã approved the cluster plan, and whether the settlement is scattered (c8). */
  clusterPlanApprovedOn?: string;
  scattered?: boolean;
  /** Item 3: the day the draft village rules were posted (c21). */
  draftPostedOn?: string;
}

/** publishMeetingNotice: the Mẫu 01 notice of a meeting (or a cluster meeting) of a matter. */
export async function publishMeetingNotice(ctx: AppContext, user: CurrentUser, m: MatterRow, input: NoticeInput) {
  requireWork(user, m.agencyPath);
  if (!['draft', 'voting'].includes(m.status)) throw new AppError(409, 'grassroots.status', { status: m.status });
  const rule = itemRule(m.item);
  if (!rule.forms.includes('meeting')) throw new AppError(409, 'grassroots.formNotAllowed', { form: FORM_LABELS.meeting, item: m.item, allowed: rule.forms.map((f) => FORM_LABELS[f]).join(', ') });
  const place = cleanText(input.place);
  if (!place) throw invalid({ field: 'place', key: 'field.required' });
  if (input.meetingOn < input.noticeOn) throw invalid({ field: 'meetingOn', key: 'field.dateRange' });
  const late = noticeProblem('meeting', input.noticeOn, input.meetingOn);
  if (late) {
    const params = { days: late.days, noticeOn: formatIsoDateVi(input.noticeOn), earliest: formatIsoDateVi(late.earliest), basis: NOTICE_RULES.meeting.basis };
    throw new AppError(400, 'grassroots.noticeLate', params, [{ field: 'meetingOn', key: 'grassroots.noticeLate', params }]);
  }
  if (DOCUMENT_ITEMS.includes(m.item)) {
    const latest = addDays(input.meetingOn, -DOCUMENTS_BEFORE.days);
    if (!input.documentsOn || input.documentsOn > latest) {
      const params = { days: DOCUMENTS_BEFORE.days, latest: formatIsoDateVi(latest) };
      throw new AppError(400, 'grassroots.documentsLate', params, [{ field: 'documentsOn', key: 'grassroots.documentsLate', params }]);
    }
  }
  if (m.item === 3) {
    const earliest = input.draftPostedOn ? addDays(input.draftPostedOn, VILLAGE_RULES_DRAFT.days) : null;
    if (!earliest || input.meetingOn < earliest) {
      const params = { days: VILLAGE_RULES_DRAFT.days, earliest: earliest ? formatIsoDateVi(earliest) : '—', basis: VILLAGE_RULES_DRAFT.basis };
      throw new AppError(400, 'grassroots.draftPosting', params, [{ field: 'draftPostedOn', key: 'grassroots.draftPosting', params }]);
    }
  }
  let communityId = m.communityId;
  if (input.community) {
    const c = await communityByCode(ctx.db, m.agencyId, input.community);
    if (!c || (m.communityId && c.id !== m.communityId)) throw invalid({ field: 'community', key: 'field.invalid' });
    communityId = c.id;
  }
  if (!communityId) throw invalid({ field: 'community', key: 'field.required' });
  const cluster = input.cluster ? cleanText(input.cluster) || null : null;
  if (cluster) {
    const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, communityId), eq(grassrootsHouseholds.active, true)));
    const big = Number(n) >= CLUSTER_RULE.minHouseholds;
    if ((!big && !input.scattered) || !input.clusterPlanApprovedOn || input.clusterPlanApprovedOn > input.meetingOn) {
      const params = { min: CLUSTER_RULE.minHouseholds, households: Number(n), basis: CLUSTER_RULE.basis };
      throw new AppError(400, 'grassroots.cluster', params, [{ field: input.clusterPlanApprovedOn ? 'cluster' : 'clusterPlanApprovedOn', key: 'grassroots.cluster', params }]);
    }
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [n] = await tx
      .insert(grassrootsNotices)
      .values({
        matterId: m.id,
        communityId: communityId!,
        cluster,
        noticeOn: input.noticeOn,
        meetingOn: input.meetingOn,
        place,
        documentsOn: input.documentsOn ?? null,
        clusterPlanApprovedOn: cluster ? (input.clusterPlanApprovedOn ?? null) : null,
        scattered: cluster ? input.scattered === true : false,
        draftPostedOn: input.draftPostedOn ?? null,
        createdBy: user.id,
      })
      .returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: m.agencyId,
      entity: 'grassroots-matter',
      entityId: m.id,
      action: 'grassroots.notice.publish',
      summary: `Thông báo triệu tập hội nghị (Mẫu 01) ngày ${formatIsoDateVi(input.noticeOn)} cho hội nghị ngày ${formatIsoDateVi(input.meetingOn)} tại ${place}`,
      after: { noticeId: n!.id, noticeOn: input.noticeOn, meetingOn: input.meetingOn },
    });
    return n!;
  });
}

/** A meeting held on `heldOn` needs a notice for its village (and its cluster) published at least 2 days before (c5, c8). */
export async function requireNotice(tx: Tx, m: MatterRow, communityId: string, heldOn: string, cluster: string | null) {
  const latestNotice = addDays(heldOn, -NOTICE_RULES.meeting.days);
  const [n] = await tx
    .select({ id: grassrootsNotices.id })
    .from(grassrootsNotices)
    .where(and(eq(grassrootsNotices.matterId, m.id), eq(grassrootsNotices.communityId, communityId), lte(grassrootsNotices.noticeOn, latestNotice), lte(grassrootsNotices.meetingOn, heldOn), cluster ? eq(grassrootsNotices.cluster, cluster) : isNull(grassrootsNotices.cluster)))
    .limit(1);
  if (!n) throw new AppError(409, 'grassroots.noNotice', { days: NOTICE_RULES.meeting.days, date: formatIsoDateVi(heldOn) }, [{ field: 'heldOn', key: 'field.invalid' }]);
}

export interface ProcedureInput {
  countingBoard?: string[];
  procedural?: { subject: string; agree: number }[];
}

/** c6: a secret ballot has a counting board of 3–5; procedural votes pass with > 50% of the households present. */
export function checkProcedure(input: ProcedureInput & { secret: boolean }, attended: number) {
  const board = (input.countingBoard ?? []).map((n) => cleanText(n)).filter(Boolean);
  if ((input.secret || board.length) && (board.length < COUNTING_BOARD_SIZE.min || board.length > COUNTING_BOARD_SIZE.max)) {
    const params = { min: COUNTING_BOARD_SIZE.min, max: COUNTING_BOARD_SIZE.max, basis: COUNTING_BOARD_SIZE.basis };
    throw new AppError(400, 'grassroots.countingBoard', params, [{ field: 'countingBoard', key: 'grassroots.countingBoard', params }]);
  }
  const procedural = (input.procedural ?? []).map((p) => ({ subject: cleanText(p.subject), agree: p.agree, passed: p.agree * 2 > attended }));
  for (const p of procedural) {
    if (!p.subject) throw invalid({ field: 'procedural', key: 'field.required' });
    if (p.agree > attended) throw new AppError(400, 'grassroots.proceduralExceeds', { subject: p.subject, agree: p.agree, attended }, [{ field: 'procedural', key: 'field.invalid' }]);
  }
  return { board, procedural };
}

export async function saveProcedure(tx: Tx, meetingId: string, p: ReturnType<typeof checkProcedure>) {
  if (!p.board.length && !p.procedural.length) return;
  await tx.insert(grassrootsMeetingProcedure).values({ meetingId, countingBoard: p.board, procedural: p.procedural });
}

export interface BallotPlanInput {
  decidedOn: string;
  planSentOn: string;
  noticeOn: string;
  distributeOn: string;
  returnBy: string;
  team: TeamMember[];
}
export interface OnlinePlanInput {
  /** The village head and the Front work committee agreed that a meeting or a ballot is unnecessary (NĐ 59 Art. 5(1)). */
  agreedOn: string;
  startsOn: string;
  endsOn: string;
  team: TeamMember[];
  channel?: string;
}

const teamError = (field: string) => {
  const params = { min: TEAM_SIZE.min, max: TEAM_SIZE.max, basis: TEAM_SIZE.basis };
  return new AppError(400, 'grassroots.team', params, [{ field, key: 'grassroots.team', params }]);
};

/** Checks the plans openVote needs for the forms it opens; returns the rows to insert. */
export function checkPlans(forms: readonly VoteForm[], input: { ballotPlan?: BallotPlanInput; onlinePlan?: OnlinePlanInput }) {
  const rows: Omit<typeof grassrootsVotePlans.$inferInsert, 'matterId' | 'createdBy'>[] = [];
  const clean = (team: TeamMember[]) => team.map((t) => ({ name: cleanText(t.name), leader: t.leader === true }));
  if (forms.includes('paper')) {
    const p = input.ballotPlan;
    if (!p) throw new AppError(400, 'grassroots.planRequired', { form: FORM_LABELS.paper }, [{ field: 'ballotPlan', key: 'field.required' }]);
    const team = clean(p.team);
    const issues = ballotPlanIssues({ ...p, team });
    for (const i of issues.filter(isRefusal)) {
      if (i.field === 'team') throw teamError('ballotPlan.team');
      if (i.problem === 'notice') {
        const params = { days: NOTICE_RULES.ballot.days, noticeOn: formatIsoDateVi(p.noticeOn), earliest: formatIsoDateVi(i.earliest!), basis: NOTICE_RULES.ballot.basis };
        throw new AppError(400, 'grassroots.noticeLate', params, [{ field: 'ballotPlan.distributeOn', key: 'grassroots.noticeLate', params }]);
      }
      throw invalid({ field: `ballotPlan.${i.field}`, key: 'field.dateRange' });
    }
    rows.push({ form: 'paper', decidedOn: p.decidedOn, planSentOn: p.planSentOn, planLate: issues.some((i) => i.problem === 'plan-late'), noticeOn: p.noticeOn, startsOn: p.distributeOn, endsOn: p.returnBy, team });
  }
  if (forms.includes('online')) {
    const p = input.onlinePlan;
    if (!p) throw new AppError(400, 'grassroots.planRequired', { form: FORM_LABELS.online }, [{ field: 'onlinePlan', key: 'field.required' }]);
    const team = clean(p.team);
    if (teamProblems(team).length) throw teamError('onlinePlan.team');
    if (p.endsOn < p.startsOn) throw invalid({ field: 'onlinePlan.endsOn', key: 'field.dateRange' });
    if (p.startsOn < p.agreedOn) throw invalid({ field: 'onlinePlan.startsOn', key: 'field.dateRange' });
    rows.push({ form: 'online', decidedOn: p.agreedOn, startsOn: p.startsOn, endsOn: p.endsOn, team, channel: p.channel ? cleanText(p.channel) || null : null });
  }
  return rows;
}

export async function savePlans(tx: Tx, matterId: string, userId: string, rows: ReturnType<typeof checkPlans>) {
  for (const r of rows) {
    await tx
      .insert(grassrootsVotePlans)
      .values({ ...r, matterId, createdBy: userId })
      .onConflictDoUpdate({ target: [grassrootsVotePlans.matterId, grassrootsVotePlans.form], set: { ...r } });
  }
}

export async function votePlans(db: AppContext['db'] | Tx, matterId: string) {
  return db.select().from(grassrootsVotePlans).where(eq(grassrootsVotePlans.matterId, matterId));
}

/** castOnlineVote: only inside the online plan's window (Vietnam dates). */
export async function requireOnlineWindow(tx: Tx, matterId: string, now: Date) {
  const [p] = await tx.select().from(grassrootsVotePlans).where(and(eq(grassrootsVotePlans.matterId, matterId), eq(grassrootsVotePlans.form, 'online')));
  const today = isoDateInVietnam(now);
  if (p && (today < p.startsOn || today > p.endsOn)) throw new AppError(409, 'grassroots.outsideWindow', { from: formatIsoDateVi(p.startsOn), to: formatIsoDateVi(p.endsOn) });
}

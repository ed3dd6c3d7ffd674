/**
 * The commune's grassroots duties beyond a vote: the year-end community conference of each thôn / tổ dân phố
 * (Art. 33; NĐ 59 Arts. 10–11; c26: notice ≥ 5 days, the agenda, the written result to UBND xã and MTTQ xã), the
 * register of what the commune published under Art. 11 (c27: within 5 working days, posted ≥ 30 days, loudspeaker
 * ≥ 3 days for items 7–12, a quarterly list) and the Art. 25 matters residents comment on (c22), which open a
 * commune consultation through the consultation module (≥ 20 days).
 */
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { BOARD_PLAN_RULES, CONFERENCE_AGENDA, NOTICE_RULES, art25Subjects, boardPlanProblem, type Board, checkPublication, noticeProblem, quarterRange } from '@danvan/domain/grassroots/procedure';
import { PUBLICATION_CATEGORIES, PUBLICATION_RULES } from '@danvan/domain/grassroots/timelines';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { grassrootsBoardPlans, grassrootsCommunities, grassrootsConferences, grassrootsPublications } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { ClockError } from '@danvan/domain/clock/index';
import { grassrootsDeadline } from './clock.ts';
import { createConsultation } from '../consultation/create-consultation.ts';
import type { ConsultationSubject } from '@danvan/domain/consultation/rules';
import { requireWork } from './policy.ts';
import type { CommunityRow } from './queries.ts';

// ── Year-end conference (c26) ──

export async function scheduleConference(ctx: AppContext, user: CurrentUser, c: CommunityRow, input: { year: number; noticeOn: string; heldOn: string; place: string }) {
  requireWork(user, c.agencyPath);
  const place = cleanText(input.place);
  if (!place) throw invalid({ field: 'place', key: 'field.required' });
  if (input.heldOn < input.noticeOn) throw invalid({ field: 'heldOn', key: 'field.dateRange' });
  const late = noticeProblem('conference', input.noticeOn, input.heldOn);
  if (late) {
    const params = { days: late.days, noticeOn: formatIsoDateVi(input.noticeOn), earliest: formatIsoDateVi(late.earliest), basis: NOTICE_RULES.conference.basis };
    throw new AppError(400, 'grassroots.noticeLate', params, [{ field: 'heldOn', key: 'grassroots.noticeLate', params }]);
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(grassrootsConferences).values({ communityId: c.id, agencyPath: c.agencyPath, year: input.year, noticeOn: input.noticeOn, heldOn: input.heldOn, place, createdBy: user.id }).onConflictDoNothing().returning();
    if (!row) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'grassroots-conference',
      entityId: row.id,
      action: 'grassroots.conference.schedule',
      summary: `Hội nghị cộng đồng dân cư cuối năm ${input.year} của ${c.name}: thông báo ngày ${formatIsoDateVi(input.noticeOn)}, họp ngày ${formatIsoDateVi(input.heldOn)}`,
    });
    return row;
  });
}

export async function recordConferenceResult(ctx: AppContext, user: CurrentUser, conf: typeof grassrootsConferences.$inferSelect, input: { agenda: string[]; summary: string; sentOn: string }) {
  requireWork(user, conf.agencyPath);
  const keys = new Set(CONFERENCE_AGENDA.map((a) => a.key));
  if (input.agenda.some((k) => !keys.has(k))) throw invalid({ field: 'agenda', key: 'field.invalid' });
  const summary = cleanText(input.summary);
  if (!summary) throw invalid({ field: 'summary', key: 'field.required' });
  const now = ctx.now();
  if (input.sentOn < conf.heldOn || input.sentOn > isoDateInVietnam(now)) throw invalid({ field: 'sentOn', key: 'field.dateRange' });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(grassrootsConferences).set({ agenda: [...new Set(input.agenda)], resultSummary: summary, resultSentOn: input.sentOn }).where(eq(grassrootsConferences.id, conf.id)).returning();
    const missing = CONFERENCE_AGENDA.filter((a) => !input.agenda.includes(a.key)).map((a) => a.key);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: null,
      entity: 'grassroots-conference',
      entityId: conf.id,
      action: 'grassroots.conference.result',
      summary: `Gửi kết quả hội nghị cuối năm ${conf.year} đến UBND xã, Ủy ban MTTQ xã ngày ${formatIsoDateVi(input.sentOn)}${missing.length ? ` (thiếu ${missing.length} nội dung)` : ''}`,
      after: { agenda: input.agenda, missing },
    });
    return row!;
  });
}

export function presentConference(r: typeof grassrootsConferences.$inferSelect & { community?: string }) {
  return {
    id: r.id,
    community: r.community ?? null,
    year: r.year,
    noticeOn: r.noticeOn,
    heldOn: r.heldOn,
    place: r.place,
    agenda: CONFERENCE_AGENDA.map((a) => ({ ...a, done: r.agenda.includes(a.key) })),
    resultSummary: r.resultSummary,
    resultSentOn: r.resultSentOn,
  };
}

export async function listConferences(ctx: AppContext, commune: AgencyRow, year?: number) {
  const rows = await ctx.db
    .select({ c: grassrootsConferences, community: grassrootsCommunities.name })
    .from(grassrootsConferences)
    .innerJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsConferences.communityId))
    .where(and(eq(grassrootsCommunities.agencyId, commune.id), year ? eq(grassrootsConferences.year, year) : sql`true`))
    .orderBy(asc(grassrootsCommunities.code));
  return rows.map((r) => presentConference({ ...r.c, community: r.community }));
}

// ── Publications (c27) ──

export interface PublicationInput {
  item: number;
  title: string;
  decidedOn: string;
  postedOn: string;
  postedUntil?: string;
  loudspeakerFrom?: string;
  loudspeakerTo?: string;
  channels: string[];
}

export async function recordPublication(ctx: AppContext, user: CurrentUser, commune: AgencyRow, input: PublicationInput) {
  requireWork(user, commune.path);
  if (!PUBLICATION_CATEGORIES.some((c) => c.item === input.item)) throw invalid({ field: 'item', key: 'field.invalid' });
  const title = cleanText(input.title);
  if (!title) throw invalid({ field: 'title', key: 'field.required' });
  if (input.postedOn < input.decidedOn) throw invalid({ field: 'postedOn', key: 'field.dateRange' });
  if (input.postedUntil && input.postedUntil < input.postedOn) throw invalid({ field: 'postedUntil', key: 'field.dateRange' });
  if ((input.loudspeakerFrom && !input.loudspeakerTo) || (!input.loudspeakerFrom && input.loudspeakerTo) || (input.loudspeakerFrom && input.loudspeakerTo && input.loudspeakerTo < input.loudspeakerFrom)) {
    throw invalid({ field: 'loudspeakerTo', key: 'field.dateRange' });
  }
  await grassrootsDeadline(ctx.db, 'grassroots.publish', input.decidedOn, 'decidedOn'); // a date the clock can time
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(grassrootsPublications)
      .values({
        agencyId: commune.id,
        agencyPath: commune.path,
        item: input.item,
        title,
        decidedOn: input.decidedOn,
        postedOn: input.postedOn,
        postedUntil: input.postedUntil ?? null,
        loudspeakerFrom: input.loudspeakerFrom ?? null,
        loudspeakerTo: input.loudspeakerTo ?? null,
        channels: [...new Set(input.channels.map((c) => cleanText(c)).filter(Boolean))],
        createdBy: user.id,
      })
      .returning();
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: commune.id, entity: 'grassroots-publication', entityId: row!.id, action: 'grassroots.publication.record', summary: `Công khai (khoản ${input.item} Điều 11): ${title}, niêm yết từ ${formatIsoDateVi(input.postedOn)}` });
    return row!;
  });
}

/** The quarterly list of what the commune published (c27), each with its checks against the periods. */
export async function publicationList(ctx: AppContext, scope: AgencyRow, quarter: string) {
  const range = quarterRange(quarter);
  if (!range) throw invalid({ field: 'quarter', key: 'field.invalid' });
  const calendar = await loadCalendar(ctx.db);
  const rows = await ctx.db
    .select()
    .from(grassrootsPublications)
    .where(and(subtreeCondition(scope.path, grassrootsPublications.agencyPath), between(grassrootsPublications.postedOn, range.from, range.to)))
    .orderBy(asc(grassrootsPublications.postedOn));
  const labels = new Map(PUBLICATION_CATEGORIES.map((c) => [c.item, c.label]));
  const items = rows.map((r) => ({
    id: r.id,
    item: r.item,
    category: labels.get(r.item) ?? '',
    title: r.title,
    decidedOn: r.decidedOn,
    postedOn: r.postedOn,
    postedUntil: r.postedUntil,
    loudspeakerFrom: r.loudspeakerFrom,
    loudspeakerTo: r.loudspeakerTo,
    channels: r.channels,
    check: checkPublication(r, calendar, PUBLICATION_RULES),
  }));
  return {
    quarter,
    ...range,
    rules: PUBLICATION_RULES,
    items,
    totals: { published: items.length, late: items.filter((i) => i.check.postedLate).length, tooShort: items.filter((i) => i.check.postedTooShort).length, loudspeakerShort: items.filter((i) => i.check.loudspeakerShort).length },
  };
}

// ── Matters residents comment on (Art. 25; c22) ──

export async function openCommentMatter(ctx: AppContext, user: CurrentUser, commune: AgencyRow, input: { subject: string; title: string; summary?: string; opensOn?: string; closesOn?: string }) {
  if (!art25Subjects().some((s) => s.key === input.subject)) throw invalid({ field: 'subject', key: 'field.invalid' });
  return createConsultation(ctx, user, {
    agency: commune.code,
    title: input.title,
    kind: 'commune',
    subject: input.subject as ConsultationSubject,
    audience: 'Nhân dân, hộ gia đình trên địa bàn xã (Điều 25 Luật 10/2022/QH15)',
    ...(input.summary ? { summary: input.summary } : {}),
    ...(input.opensOn ? { opensOn: input.opensOn } : {}),
    ...(input.closesOn ? { closesOn: input.closesOn } : {}),
  });
}

export async function listCommentMatters(ctx: AppContext, commune: AgencyRow) {
  const keys = new Set(art25Subjects().map((s) => s.key));
  const rows = await queryRows<{ id: string; title: string; subject: string; status: string; opens_on: string | null; closes_on: string | null }>(
    ctx.db,
    sql`select id::text, title, subject, status, opens_on::text, closes_on::text from consultations where agency_id = ${commune.id} and kind = 'commune' order by created_at desc limit 200`,
  );
  return rows.filter((r) => keys.has(r.subject)).map((r) => ({ id: r.id, title: r.title, subject: r.subject, status: r.status, opensOn: r.opens_on, closesOn: r.closes_on }));
}

// ── The boards' plans (c24, c25) ──

export async function recordBoardPlan(ctx: AppContext, user: CurrentUser, commune: AgencyRow, input: { board: Board; subject: string; sentOn: string; startsOn: string }) {
  requireWork(user, commune.path);
  const subject = cleanText(input.subject);
  if (!subject) throw invalid({ field: 'subject', key: 'field.required' });
  const rule = BOARD_PLAN_RULES[input.board];
  let late: { earliest: string } | null;
  try {
    late = boardPlanProblem(input.board, input.sentOn, input.startsOn, await loadCalendar(ctx.db));
  } catch (err) {
    if (err instanceof ClockError) throw invalid({ field: 'sentOn', key: 'field.invalid' });
    throw err;
  }
  if (late) {
    const params = { days: rule.unit === 'working' ? `${rule.days} ngày làm việc` : `${rule.days} ngày`, noticeOn: formatIsoDateVi(input.sentOn), earliest: formatIsoDateVi(late.earliest), basis: rule.basis };
    throw new AppError(400, 'grassroots.noticeLate', params, [{ field: 'startsOn', key: 'grassroots.noticeLate', params }]);
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(grassrootsBoardPlans).values({ agencyId: commune.id, agencyPath: commune.path, board: input.board, subject, sentOn: input.sentOn, startsOn: input.startsOn, createdBy: user.id }).returning();
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: commune.id, entity: 'grassroots-board-plan', entityId: row!.id, action: 'grassroots.board-plan.record', summary: `Kế hoạch của ${input.board === 'inspection' ? 'Ban Thanh tra nhân dân' : 'Ban Giám sát đầu tư của cộng đồng'} gửi ngày ${formatIsoDateVi(input.sentOn)}, bắt đầu ${formatIsoDateVi(input.startsOn)}: ${subject}` });
    return row!;
  });
}

export async function listBoardPlans(ctx: AppContext, scope: AgencyRow) {
  const rows = await ctx.db.select().from(grassrootsBoardPlans).where(subtreeCondition(scope.path, grassrootsBoardPlans.agencyPath)).orderBy(asc(grassrootsBoardPlans.startsOn)).limit(500);
  return rows.map((r) => ({ id: r.id, board: r.board, subject: r.subject, sentOn: r.sentOn, startsOn: r.startsOn }));
}

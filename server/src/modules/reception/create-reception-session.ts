/**
 * createReceptionSession: schedules (or opens, for today) a reception session of an agency.
 *  - regular: the reception office's desk for one day. There is one per agency and day: asking again for the
 *    same day returns the existing open one (`created: false`), so "open today's session" is idempotent.
 *  - head: the head's periodic day (Luật TCD Arts. 12, 15, 18; ND 154 Art. 10). Held by the head (`host`), or by
 *    a deputy (`delegatedTo`). Luật 136/2025 forbids the delegation [V press]: it is recorded, not blocked, and
 *    flagged by getReceptionCompliance.
 *  - unscheduled: urgent or complex matters.
 *  - online: announced at least 5 working days ahead (`noticeOn`, default today), with the meeting link; the
 *    recording reference is required when it is closed (ND 154/2026 Arts. 16–24).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import { earliestOnlineSessionDate, isClockTime, onlineNoticeIsSufficient, type SessionKind } from '@danvan/domain/reception/sessions';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { receptionSessions } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { loadUser, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { requireReceptionRole } from './policy.ts';
import type { SessionRow } from './queries.ts';
import { planCreateSession, type SessionHolder, type SessionPlan } from './plan-session.ts';

export interface SessionPerson {
  userId?: string;
  name?: string;
  title?: string;
}

export interface CreateSessionInput {
  agency: string;
  kind: SessionKind;
  /** Default today (Asia/Ho_Chi_Minh). */
  heldOn?: string;
  startTime?: string;
  endTime?: string;
  location?: string;
  host?: SessionPerson;
  delegatedTo?: SessionPerson & { reason?: string };
  noticeOn?: string;
  onlineLink?: string;
  capacity?: number;
}

const text = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

/** A named person of the session: the account (if given) must hold the head role at the agency. */
async function checkPerson(ctx: AppContext, field: string, p: SessionPerson, agencyPath: string, issues: FieldIssue[]): Promise<SessionHolder> {
  let name = text(p.name);
  if (p.userId) {
    const u = await loadUser(ctx.db, p.userId);
    if (!u || !hasRoleAt(u, agencyPath, ['head'])) issues.push({ field: `${field}.userId`, key: 'field.hostNotHead' });
    else name ??= u.displayName;
  }
  if (!name && !p.userId) issues.push({ field: `${field}.name`, key: 'field.required' });
  return { userId: p.userId ?? null, name, title: text(p.title) };
}

export async function createReceptionSession(ctx: AppContext, user: CurrentUser, input: CreateSessionInput): Promise<{ session: SessionRow; created: boolean }> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const issues: FieldIssue[] = [];
  const heldOn = input.heldOn ?? today;
  if (!isRealIsoDate(heldOn)) issues.push({ field: 'heldOn', key: 'field.date' });
  for (const f of ['startTime', 'endTime'] as const) {
    const v = input[f];
    if (v !== undefined && !isClockTime(v)) issues.push({ field: f, key: 'field.time' });
  }
  if (input.startTime && input.endTime && isClockTime(input.startTime) && isClockTime(input.endTime) && input.endTime <= input.startTime) {
    issues.push({ field: 'endTime', key: 'field.timeOrder' });
  }
  const agency = await requireAgency(ctx.db, input.agency);
  requireReceptionRole(user, agency);

  let host: SessionHolder | null = null;
  let deputy: SessionHolder | null = null;
  if (input.kind === 'head') {
    if (!input.host) issues.push({ field: 'host.name', key: 'field.required' });
    else host = await checkPerson(ctx, 'host', input.host, agency.path, issues);
    if (input.delegatedTo) deputy = await checkPerson(ctx, 'delegatedTo', input.delegatedTo, agency.path, issues);
  } else {
    if (input.delegatedTo) issues.push({ field: 'delegatedTo', key: 'field.headOnlyFields' });
  }

  let noticeOn: string | null = null;
  let onlineLink: string | null = null;
  if (input.kind === 'online') {
    noticeOn = input.noticeOn ?? today;
    if (!isRealIsoDate(noticeOn)) issues.push({ field: 'noticeOn', key: 'field.date' });
    else if (noticeOn > today) issues.push({ field: 'noticeOn', key: 'field.dateInFuture' });
    else if (isRealIsoDate(heldOn)) {
      const calendar = await loadCalendar(ctx.db);
      if (!onlineNoticeIsSufficient(calendar, noticeOn, heldOn)) {
        issues.push({ field: 'heldOn', key: 'field.onlineNotice', params: { notice: formatIsoDateVi(noticeOn), earliest: formatIsoDateVi(earliestOnlineSessionDate(calendar, noticeOn)) } });
      }
    }
    onlineLink = text(input.onlineLink);
    if (!onlineLink) issues.push({ field: 'onlineLink', key: 'field.required' });
    else if (!/^https:\/\/[^\s]+$/.test(onlineLink)) issues.push({ field: 'onlineLink', key: 'field.url' });
  } else if (input.onlineLink !== undefined || input.noticeOn !== undefined) {
    // Harmless for other kinds, but a sign of a confused form: say which field does not belong.
    issues.push({ field: input.onlineLink !== undefined ? 'onlineLink' : 'noticeOn', key: 'field.unknown' });
  }
  if (issues.length) throw invalid(...issues);

  const plan = planCreateSession(agency, input, { now, actor: user, newId: randomUUID }, input.kind === 'head' ? { host, deputy } : undefined);
  return ctx.db.transaction(async (tx) => {
    if (input.kind === 'regular') {
      const [open] = await tx
        .select()
        .from(receptionSessions)
        .where(and(eq(receptionSessions.agencyId, agency.id), eq(receptionSessions.heldOn, heldOn), eq(receptionSessions.kind, 'regular'), eq(receptionSessions.status, 'scheduled')));
      if (open) return { session: open, created: false };
    }
    return { session: await writeSession(tx, plan), created: true };
  });
}

/** The writer: the planned session and its audit row, in the caller's transaction. */
async function writeSession(tx: Tx, plan: SessionPlan): Promise<SessionRow> {
  const [session] = await tx.insert(receptionSessions).values(plan.session).returning();
  if (!session) throw new AppError(500, 'error.internal');
  await writeAudit(tx, plan.audit);
  return session;
}

/**
 * Requests that make a dialogue due (issue 14):
 *  - a2: a voters' petition for the commune dialogue — the commune records the number of distinct verified voters
 *    who signed and its voter roll; at ≥ the kind's threshold (10 % [V*], data) the request is *triggered* and the
 *    compliance check lists it until a dialogue of the commune is held on or after the request date;
 *  - a8: a youth organisation's request to a head — decided within the kind's days (45 [V], legal clock); an
 *    undecided request past its date, or a decision recorded late, is listed by the compliance check.
 * Recording and deciding: head or handler of the agency; audited in the same transaction.
 */
import { and, asc, eq, like, or, sql } from 'drizzle-orm';
import { requestDecisionDeadline, voterRequestTriggers, type DialogueKind } from '@danvan/domain/dialogues/kinds';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { agencies, dialogueRequests } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { dialogueKind } from './kinds.ts';
import { mayOrganise, requireOrganiser } from './policy.ts';

export interface DialogueRequestInput {
  agency: string;
  kind: string;
  requestedOn: string;
  requester: string;
  content?: string;
  signatures?: number;
  votersOnRoll?: number;
}

type RequestRow = typeof dialogueRequests.$inferSelect;

/** Pure: the row to insert, given the kind's rule and the calendar's deadline. */
export function planRequest(input: DialogueRequestInput, kind: DialogueKind, today: string, decisionDue: { due: string; explanation: string } | null) {
  const issues: FieldIssue[] = [];
  if (!isRealIsoDate(input.requestedOn)) issues.push({ field: 'requestedOn', key: 'field.date' });
  else if (input.requestedOn > today) issues.push({ field: 'requestedOn', key: 'field.dateInFuture' });
  const requester = cleanText(input.requester);
  if (!requester) issues.push({ field: 'requester', key: 'field.required' });
  const pct = kind.requestThresholdPercent ?? null;
  if (pct === null && !kind.requestDecisionDays) throw new AppError(400, 'error.requestNoRule', { kind: kind.label }, [{ field: 'kind', key: 'error.requestNoRule', params: { kind: kind.label } }]);
  let triggered = false;
  if (pct !== null) {
    if (input.signatures === undefined || input.votersOnRoll === undefined) issues.push({ field: 'signatures', key: 'field.requestSignatures' });
    else if (input.signatures > input.votersOnRoll) issues.push({ field: 'signatures', key: 'field.signaturesOverRoll', params: { signatures: input.signatures, voters: input.votersOnRoll } });
    else triggered = voterRequestTriggers(input.signatures, input.votersOnRoll, pct);
  }
  if (issues.length) throw invalid(...issues);
  return {
    kind: kind.key,
    requestedOn: input.requestedOn,
    requester,
    content: input.content ? cleanText(input.content) || null : null,
    signatures: pct !== null ? (input.signatures ?? null) : null,
    votersOnRoll: pct !== null ? (input.votersOnRoll ?? null) : null,
    thresholdPercent: pct,
    triggered,
    decisionDueOn: decisionDue?.due ?? null,
    decisionExplanation: decisionDue?.explanation ?? null,
  };
}

export function presentRequest(r: RequestRow, agency: { code: string; name: string }, today: string) {
  return {
    id: r.id,
    code: r.code,
    agency,
    kind: r.kind,
    requestedOn: r.requestedOn,
    requester: r.requester,
    content: r.content,
    signatures: r.signatures,
    votersOnRoll: r.votersOnRoll,
    thresholdPercent: r.thresholdPercent,
    /** Share of the voter roll that signed (0–1), when a voters' petition. */
    share: r.signatures !== null && r.votersOnRoll ? r.signatures / r.votersOnRoll : null,
    triggered: r.triggered,
    decisionDueOn: r.decisionDueOn,
    decisionExplanation: r.decisionExplanation,
    decidedOn: r.decidedOn,
    decision: r.decision,
    decisionReason: r.decisionReason,
    decisionLate: r.decisionLate,
    decisionOverdue: r.decisionDueOn !== null && r.decidedOn === null && r.decisionDueOn < today,
  };
}

export async function createDialogueRequest(ctx: AppContext, user: CurrentUser, input: DialogueRequestInput) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const agency = await requireAgency(ctx.db, input.agency);
  requireOrganiser(user, agency);
  const kind = await dialogueKind(ctx.db, input.kind);
  const due = isRealIsoDate(input.requestedOn) ? requestDecisionDeadline(kind, input.requestedOn, await loadCalendar(ctx.db)) : null;
  const row = planRequest(input, kind, today, due);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4210015, hashtext(${agency.id}))`);
    const prefix = `YC-${agency.code}-${input.requestedOn.slice(0, 4)}-`;
    const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from dialogue_requests where code like ${`${prefix}%`}`);
    const code = `${prefix}${String(Number(n?.n ?? 0) + 1).padStart(3, '0')}`;
    const [r] = await tx.insert(dialogueRequests).values({ ...row, code, agencyId: agency.id, agencyPath: agency.path, createdBy: user.id, createdAt: now }).returning();
    if (!r) throw new AppError(409, 'error.conflict');
    const what = row.thresholdPercent !== null
      ? `${row.signatures}/${row.votersOnRoll} cử tri (ngưỡng ${row.thresholdPercent}%): ${row.triggered ? 'đủ điều kiện, phải tổ chức đối thoại' : 'chưa đủ ngưỡng'}`
      : `hạn quyết định ${formatIsoDateVi(row.decisionDueOn!)}`;
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: agency.id, entity: 'dialogue-request', entityId: r.id, action: 'dialogue.request', summary: `Ghi nhận đề nghị đối thoại ${code} của ${row.requester} ngày ${formatIsoDateVi(row.requestedOn)}; ${what}`, after: { code, kind: r.kind, triggered: r.triggered, decisionDueOn: r.decisionDueOn } });
    return presentRequest(r, { code: agency.code, name: agency.fullName }, today);
  });
}

export async function decideDialogueRequest(ctx: AppContext, user: CurrentUser, id: string, input: { decision: 'accepted' | 'refused'; reason?: string; decidedOn?: string }) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const [row] = await ctx.db.select({ r: dialogueRequests, code: agencies.code, name: agencies.fullName }).from(dialogueRequests).innerJoin(agencies, eq(agencies.id, dialogueRequests.agencyId)).where(eq(dialogueRequests.id, id));
  if (!row || !canSee(user, row.r.agencyPath)) throw notFound();
  if (!mayOrganise(user, row.r.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (row.r.decidedOn) throw new AppError(409, 'error.requestDecided', { date: formatIsoDateVi(row.r.decidedOn) });
  const issues: FieldIssue[] = [];
  const decidedOn = input.decidedOn ?? today;
  if (!isRealIsoDate(decidedOn)) issues.push({ field: 'decidedOn', key: 'field.date' });
  else if (decidedOn > today) issues.push({ field: 'decidedOn', key: 'field.dateInFuture' });
  const reason = input.reason ? cleanText(input.reason) || null : null;
  if (input.decision === 'refused' && !reason) issues.push({ field: 'reason', key: 'field.refusalReason' });
  if (issues.length) throw invalid(...issues);
  const late = row.r.decisionDueOn !== null && decidedOn > row.r.decisionDueOn;
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .update(dialogueRequests)
      .set({ decidedOn, decision: input.decision, decisionReason: reason, decisionLate: late })
      .where(and(eq(dialogueRequests.id, id), sql`${dialogueRequests.decidedOn} is null`))
      .returning();
    if (!r) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: r.agencyId, entity: 'dialogue-request', entityId: r.id, action: 'dialogue.request-decide', summary: `${input.decision === 'accepted' ? 'Chấp thuận' : 'Không chấp thuận'} đề nghị đối thoại ${r.code} ngày ${formatIsoDateVi(decidedOn)}${late ? ` (muộn, hạn ${formatIsoDateVi(r.decisionDueOn!)})` : ''}${reason ? `: ${reason}` : ''}`, before: { decision: null }, after: { decision: r.decision, decidedOn, late } });
    return presentRequest(r, { code: row.code, name: row.name }, today);
  });
}

export async function listDialogueRequests(ctx: AppContext, user: CurrentUser, agencyCode: string) {
  const agency = await requireAgency(ctx.db, agencyCode);
  if (!canSee(user, agency.path)) throw notFound();
  const today = isoDateInVietnam(ctx.now());
  const rows = await ctx.db
    .select({ r: dialogueRequests, code: agencies.code, name: agencies.fullName })
    .from(dialogueRequests)
    .innerJoin(agencies, eq(agencies.id, dialogueRequests.agencyId))
    .where(or(eq(dialogueRequests.agencyPath, agency.path), like(dialogueRequests.agencyPath, `${agency.path}/%`)))
    .orderBy(asc(dialogueRequests.requestedOn), asc(dialogueRequests.code));
  return rows.map((x) => presentRequest(x.r, { code: x.code, name: x.name }, today));
}

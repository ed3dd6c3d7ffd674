/**
 * recordDialogueSession: a session of the dialogue was held (a large commune holds cluster sessions, a6): date,
 * place, attendance, minutes, who chaired (a5). The dialogue becomes "held"; its attendance is the sum of its
 * sessions and its conclusion deadline runs from the last session (legal clock, calendar days, a last day off
 * rolls to the next working day).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { conclusionDeadline, DIALOGUE_STATUS_LABELS, type DialogueStatus } from '@danvan/domain/dialogues/kinds';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { dialogueSessions, dialogues } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { dialogueAudit } from './audit.ts';
import { dialogueKind } from './kinds.ts';
import { mayOrganise } from './policy.ts';
import { visibleDialogue } from './queries.ts';

export interface SessionInput {
  label?: string;
  heldOn: string;
  location?: string;
  attendance: number;
  minutes?: string;
  chairedBy?: string;
}

export async function recordDialogueSession(ctx: AppContext, user: CurrentUser, id: string, input: SessionInput) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const d = await visibleDialogue(ctx.db, user, id);
  if (!mayOrganise(user, d.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (d.status !== 'noticed' && d.status !== 'held') {
    throw new AppError(409, 'error.dialogueState', { action: 'ghi nhận buổi đối thoại', status: DIALOGUE_STATUS_LABELS[d.status as DialogueStatus] ?? d.status });
  }
  const issues: FieldIssue[] = [];
  if (!isRealIsoDate(input.heldOn)) issues.push({ field: 'heldOn', key: 'field.date' });
  else if (input.heldOn > today) issues.push({ field: 'heldOn', key: 'field.dateInFuture' });
  else if (d.noticeOn && input.heldOn < d.noticeOn) issues.push({ field: 'heldOn', key: 'field.beforeDialogue', params: { date: formatIsoDateVi(d.noticeOn) } });
  if (issues.length) throw invalid(...issues);
  const kind = await dialogueKind(ctx.db, d.kind);
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from dialogue_sessions where dialogue_id = ${d.id}`);
    const [s] = await tx
      .insert(dialogueSessions)
      .values({
        dialogueId: d.id,
        label: cleanText(input.label ?? '') || `Buổi ${Number(n?.n ?? 0) + 1}`,
        heldOn: input.heldOn,
        location: input.location ? cleanText(input.location) || null : d.location,
        attendance: input.attendance,
        minutes: input.minutes ? cleanText(input.minutes) || null : null,
        createdBy: user.id,
        createdAt: now,
      })
      .returning();
    const [agg] = await queryRows<{ last: string; total: number }>(tx, sql`select max(held_on)::text as last, coalesce(sum(attendance), 0)::int as total from dialogue_sessions where dialogue_id = ${d.id}`);
    const last = String(agg?.last).slice(0, 10);
    const deadline = conclusionDeadline(kind, last, d.complex, calendar);
    const [updated] = await tx
      .update(dialogues)
      .set({
        status: 'held',
        heldOn: last,
        attendance: Number(agg?.total ?? 0),
        chairedBy: input.chairedBy ? cleanText(input.chairedBy) || d.chairedBy : d.chairedBy,
        conclusionDueOn: deadline.due,
        conclusionExplanation: deadline.explanation,
        updatedAt: now,
      })
      .where(and(eq(dialogues.id, d.id), inArray(dialogues.status, ['noticed', 'held'])))
      .returning();
    if (!updated || !s) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, dialogueAudit(user, d, now, 'dialogue.session', `Ghi nhận ${s.label.toLowerCase()} đối thoại ngày ${formatIsoDateVi(s.heldOn)}, ${s.attendance} người dự`, { sessionId: s.id, heldOn: s.heldOn, attendance: s.attendance, conclusionDueOn: deadline.due }, { status: d.status }));
    return updated;
  });
}

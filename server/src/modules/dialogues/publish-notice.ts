/**
 * publishDialogueNotice: the notice (time, place or online link, content, how to attend) is published at least the
 * kind's lead time before the dialogue (commune: 7 days, Luật 72/2025 Art. 43 [V*]; youth: 30 days, NĐ 13/2021
 * Art. 9 [V]). A shorter lead is refused, naming the rule and the earliest date allowed — unless the organiser
 * records why it could not wait (`lateReason`): then the notice is published and flagged late in the compliance check.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { checkNoticeLead, MARK_LABELS, DIALOGUE_STATUS_LABELS, type DialogueKind, type DialogueStatus } from '@danvan/domain/dialogues/kinds';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { dialogues } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { dialogueAudit } from './audit.ts';
import { dialogueKind } from './kinds.ts';
import { mayOrganise } from './policy.ts';
import { visibleDialogue, type DialogueRow } from './queries.ts';
import { indexDialogue } from '../search/index-records.ts';

export interface NoticeInput {
  noticeOn?: string;
  plannedOn?: string;
  startTime?: string;
  location?: string;
  onlineLink?: string;
  howToAttend: string;
  content?: string;
  lateReason?: string;
}

const text = (v: string | undefined) => (v === undefined ? undefined : cleanText(v) || null);

/** Pure: the patch of the dialogue, or the field issues. */
export function planNotice(d: DialogueRow, kind: DialogueKind, input: NoticeInput, today: string) {
  const issues: FieldIssue[] = [];
  const noticeOn = input.noticeOn ?? today;
  const plannedOn = input.plannedOn ?? d.plannedOn;
  if (!isRealIsoDate(noticeOn)) issues.push({ field: 'noticeOn', key: 'field.date' });
  else if (noticeOn > today) issues.push({ field: 'noticeOn', key: 'field.dateInFuture' });
  if (!isRealIsoDate(plannedOn)) issues.push({ field: 'plannedOn', key: 'field.date' });
  const howToAttend = cleanText(input.howToAttend);
  if (!howToAttend) issues.push({ field: 'howToAttend', key: 'field.required' });
  const onlineLink = text(input.onlineLink);
  if (onlineLink && !/^https:\/\/\S+$/.test(onlineLink)) issues.push({ field: 'onlineLink', key: 'field.url' });
  const location = text(input.location) ?? d.location;
  if (!location && !onlineLink) issues.push({ field: 'location', key: 'field.required' });
  if (input.startTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.startTime)) issues.push({ field: 'startTime', key: 'field.time' });
  const lateReason = text(input.lateReason) ?? null;
  let late = false;
  if (!issues.length) {
    const lead = checkNoticeLead(kind, noticeOn, plannedOn);
    if (plannedOn < noticeOn) issues.push({ field: 'plannedOn', key: 'field.beforeDialogue', params: { date: formatIsoDateVi(noticeOn) } });
    else if (!lead.ok && !lateReason) {
      issues.push({
        field: 'plannedOn',
        key: 'field.dialogueNotice',
        params: { days: kind.noticeDays, citation: kind.noticeCitation, mark: MARK_LABELS[kind.noticeMark], notice: formatIsoDateVi(noticeOn), earliest: formatIsoDateVi(lead.earliest) },
      });
    } else late = !lead.ok;
  }
  if (issues.length) throw invalid(...issues);
  return {
    status: 'noticed',
    noticeOn,
    plannedOn,
    noticeRequiredDays: kind.noticeDays,
    noticeLate: late,
    noticeLateReason: late ? lateReason : null,
    howToAttend,
    location,
    onlineLink: onlineLink ?? d.onlineLink,
    startTime: input.startTime ?? d.startTime,
    content: text(input.content) ?? d.content,
  };
}

export async function publishDialogueNotice(ctx: AppContext, user: CurrentUser, id: string, input: NoticeInput) {
  const now = ctx.now();
  const d = await visibleDialogue(ctx.db, user, id);
  if (!mayOrganise(user, d.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (d.status !== 'planned' && d.status !== 'noticed') {
    throw new AppError(409, 'error.dialogueState', { action: 'công bố thông báo', status: DIALOGUE_STATUS_LABELS[d.status as DialogueStatus] ?? d.status });
  }
  const kind = await dialogueKind(ctx.db, d.kind);
  const patch = planNotice(d, kind, input, isoDateInVietnam(now));
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(dialogues)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(dialogues.id, d.id), inArray(dialogues.status, ['planned', 'noticed'])))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await indexDialogue(tx, updated);
    await writeAudit(
      tx,
      dialogueAudit(user, d, now, 'dialogue.notice', `Công bố thông báo đối thoại ngày ${formatIsoDateVi(patch.noticeOn)} cho ngày ${formatIsoDateVi(patch.plannedOn)}${patch.noticeLate ? ' (thông báo muộn, có lý do)' : ''}`, { noticeOn: patch.noticeOn, plannedOn: patch.plannedOn, noticeLate: patch.noticeLate }, { status: d.status }),
    );
    return updated;
  });
}

/**
 * recordVisitNotice: the written notice to the citizen of what happens to the petition received at the desk —
 * accepted, review extended, not accepted, or transferred (Luật Tiếp công dân 2013 Art. 28) — due within
 * `reception.notice` (10 working days). Recording it stops the clock; whether it was on time stays visible.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { NOTICE_OUTCOME_LABELS, type NoticeOutcome } from '@danvan/domain/reception/visits';
import type { AppContext } from '../../context.ts';
import { visits } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkDay } from '../input-checks.ts';
import { mayWorkReception } from './policy.ts';
import { visibleVisit } from './queries.ts';

export interface VisitNoticeInput {
  outcome: NoticeOutcome;
  on?: string;
  documentNo?: string;
}

export async function recordVisitNotice(ctx: AppContext, user: CurrentUser, visitId: string, input: VisitNoticeInput) {
  const now = ctx.now();
  const v = await visibleVisit(ctx.db, user, visitId);
  if (!mayWorkReception(user, v.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (v.outcome !== 'petition-received') throw new AppError(409, 'error.noticeNotExpected');
  if (v.noticeSentOn) throw new AppError(409, 'error.noticeAlreadySent', { date: formatIsoDateVi(v.noticeSentOn) });
  const issues: FieldIssue[] = [];
  const on = checkDay('on', input.on, isoDateInVietnam(now), issues);
  if (!issues.length && on < v.visitedOn) issues.push({ field: 'on', key: 'field.dateRange' });
  if (issues.length) throw invalid(...issues);
  const documentNo = input.documentNo ? cleanText(input.documentNo) || null : null;

  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(visits)
      .set({ noticeSentOn: on, noticeOutcome: input.outcome, noticeDocNo: documentNo })
      .where(and(eq(visits.id, v.id), isNull(visits.noticeSentOn)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    const onTime = v.noticeDueOn === null || on <= v.noticeDueOn;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: v.agencyId,
      entity: 'visit',
      entityId: v.id,
      caseId: v.caseId,
      action: 'visit.notice',
      summary: `Thông báo kết quả xử lý đơn: ${NOTICE_OUTCOME_LABELS[input.outcome]} ngày ${formatIsoDateVi(on)}${onTime ? '' : ' (quá hạn)'}`,
      before: { noticeDueOn: v.noticeDueOn, noticeSentOn: null },
      after: { noticeSentOn: on, noticeOutcome: input.outcome, noticeDocNo: documentNo, onTime },
    });
    return { visit: updated, onTime };
  });
}

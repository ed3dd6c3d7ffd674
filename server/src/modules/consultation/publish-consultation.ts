/**
 * publishConsultation: posts the draft on the portal for the consultation period.
 *  - a draft containing state secrets is refused (NĐ 78/2025 Art. 2; b12) — 409, whatever else is asked;
 *  - a draft must have been imported;
 *  - the period (calendar days, from the publication day, holidays included) must reach the minimum of its kind (b6);
 *  - milestones default from the closing day (b10): channel reports, synthesis, ≥ 30 days of publication (b9);
 *  - agencies consulted in writing are invited, each with a 15-day answer date (b7).
 */
import { eq } from 'drizzle-orm';
import { INVITATION_ANSWER_DAYS, addCalendarDays, defaultMilestones, type Milestone } from '@danvan/domain/consultation/rules';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { consultationInvitations, consultations } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { agencyByCode } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkPeriod } from './create-consultation.ts';
import { mayPublish, requireRole } from './policy.ts';
import { visibleConsultation, type ConsultationRow } from './queries.ts';
import { indexConsultation } from '../search/index-records.ts';

export interface PublishInput {
  /** Default: today. */
  opensOn?: string;
  /** Default: the planned closing day. */
  closesOn?: string;
  milestones?: Milestone[];
  /** Agencies asked to answer in writing within 15 days. */
  invite?: string[];
}

export async function publishConsultation(ctx: AppContext, user: CurrentUser, id: string, input: PublishInput): Promise<ConsultationRow> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayPublish(user, c.agencyPath));
  if (c.stateSecret) throw new AppError(409, 'error.consultationSecret');
  if (c.status === 'published') throw new AppError(409, 'error.consultationState', { state: 'đã đăng tải' });
  if (c.currentVersion === 0) throw new AppError(409, 'error.consultationNoDraft');
  const opensOn = input.opensOn ?? (c.opensOn && c.opensOn > today ? c.opensOn : today);
  const closesOn = input.closesOn ?? c.closesOn ?? undefined;
  const issues: FieldIssue[] = [];
  if (!closesOn) issues.push({ field: 'closesOn', key: 'field.required' });
  if (opensOn < today) issues.push({ field: 'opensOn', key: 'field.invalid' });
  checkPeriod(opensOn, closesOn, { minDays: c.minDays, basis: c.minDaysBasis, mark: '[V]' }, issues);
  const invited: { id: string; code: string }[] = [];
  for (const [i, code] of (input.invite ?? []).entries()) {
    const a = await agencyByCode(ctx.db, code);
    if (!a) issues.push({ field: `invite.${i}`, key: 'field.unknownAgency', params: { code } });
    else if (!invited.some((x) => x.id === a.id)) invited.push({ id: a.id, code: a.code });
  }
  if (issues.length) throw invalid(...issues);
  const milestones = input.milestones ?? defaultMilestones(closesOn!);

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consultations)
      .set({ status: 'published', opensOn, closesOn: closesOn!, milestones, publishedAt: now, publishedBy: user.id })
      .where(eq(consultations.id, c.id))
      .returning();
    await indexConsultation(tx, row);
    if (invited.length) {
      await tx
        .insert(consultationInvitations)
        .values(invited.map((a) => ({ consultationId: c.id, agencyId: a.id, invitedOn: today, dueOn: addCalendarDays(today, INVITATION_ANSWER_DAYS) })))
        .onConflictDoNothing();
    }
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.publish',
      summary: `Đăng tải dự thảo lấy ý kiến từ ${formatIsoDateVi(opensOn)} đến ${formatIsoDateVi(closesOn!)}${invited.length ? `; mời ${invited.length} cơ quan góp ý bằng văn bản` : ''}`,
      after: { opensOn, closesOn, version: c.currentVersion, invited: invited.map((a) => a.code) },
    });
    return row!;
  });
}

/**
 * remindInvitations: agencies invited to answer in writing within 15 days (Luật 64/2025 Art. 30; b7) that have
 * not answered get a reminder — an e-mail through the outbox to each active handler or head of that agency with an
 * e-mail address — once the answer date is 3 days away or past, at most once a day per invitation. Idempotent on a
 * day (the outbox dedupes on invitation × day × user). Audited with the count.
 */
import { and, eq, inArray, isNull, isNotNull, lte } from 'drizzle-orm';
import { addCalendarDays } from '@danvan/domain/consultation/rules';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, consultationInvitations, roleGrants, users } from '../../db/schema.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { STAFF_LINK } from '../notifications/links.ts';
import { mayRun, requireRole } from './policy.ts';
import { visibleConsultation } from './queries.ts';

export const REMIND_DAYS_BEFORE = 3;

export async function remindInvitations(ctx: AppContext, user: CurrentUser, id: string): Promise<{ invitations: number; messages: number }> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ i: consultationInvitations, name: agencies.fullName })
      .from(consultationInvitations)
      .innerJoin(agencies, eq(agencies.id, consultationInvitations.agencyId))
      .where(and(eq(consultationInvitations.consultationId, c.id), isNull(consultationInvitations.answeredOn), lte(consultationInvitations.dueOn, addCalendarDays(today, REMIND_DAYS_BEFORE))));
    const todo = due.filter((d) => d.i.lastRemindedOn !== today);
    let messages = 0;
    for (const { i } of todo) {
      const staff = await tx
        .selectDistinct({ id: users.id, email: users.email })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(and(eq(roleGrants.agencyId, i.agencyId), inArray(roleGrants.role, ['handler', 'head']), eq(users.active, true), isNotNull(users.email)));
      const overdue = today > i.dueOn;
      for (const s of staff) {
        messages += Number(
          await enqueueNotification(tx, ctx, {
            channel: 'email',
            kind: 'staff-reminder',
            to: s.email!,
            subject: `[DânVận] ${overdue ? 'Quá hạn' : 'Sắp đến hạn'} trả lời góp ý dự thảo: ${c.title.slice(0, 100)}`,
            text: [
              `Cơ quan được mời góp ý bằng văn bản đối với «${c.title}» ${overdue ? 'đã quá hạn' : 'cần'} trả lời trước ngày ${formatIsoDateVi(i.dueOn)} (15 ngày, Luật Ban hành văn bản quy phạm pháp luật Điều 30).`,
              '',
              `Mở DânVận: ${STAFF_LINK}`,
              '',
              'Thư tự động từ DânVận.',
            ].join('\n'),
            dedupeKey: `consultation-invitation:${i.id}:${today}:${s.id}`,
            userId: s.id,
          }),
        );
      }
      await tx.update(consultationInvitations).set({ lastRemindedOn: today, reminders: i.reminders + 1 }).where(eq(consultationInvitations.id, i.id));
    }
    if (todo.length) {
      await writeAudit(tx, {
        at: now,
        actorId: user.id,
        actorName: user.displayName,
        agencyId: c.agencyId,
        entity: 'consultation',
        entityId: c.id,
        action: 'consultation.remind-invitations',
        summary: `Nhắc ${todo.length} cơ quan chưa trả lời lời mời góp ý (${messages} thư)`,
        after: { invitations: todo.map((d) => d.i.id), messages },
      });
    }
    return { invitations: todo.length, messages };
  });
}

/**
 * cancelDialogue: the organiser calls off a dialogue that has not been held (planned or noticed), with a reason.
 * Every citizen who registered with a contact is told (e-mail, else SMS, through the outbox) in the same transaction
 * as the status change and its audit row; the public page shows «Đã hủy» with the reason.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { DIALOGUE_STATUS_LABELS, type DialogueStatus } from '@danvan/domain/dialogues/kinds';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { dialogueCancellations, dialogueRegistrations, dialogues } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { dialogueAudit } from './audit.ts';
import { mayOrganise } from './policy.ts';
import { visibleDialogue } from './queries.ts';

export const CANCELLABLE: readonly string[] = ['planned', 'noticed'];

export async function cancelDialogue(ctx: AppContext, user: CurrentUser, id: string, input: { reason: string }) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const d = await visibleDialogue(ctx.db, user, id);
  if (!mayOrganise(user, d.agencyPath)) throw new AppError(403, 'error.forbidden');
  const reason = cleanText(input.reason);
  if (!reason) throw invalid({ field: 'reason', key: 'field.required' });
  if (!CANCELLABLE.includes(d.status)) {
    throw new AppError(409, 'error.dialogueState', { action: 'hủy hội nghị', status: DIALOGUE_STATUS_LABELS[d.status as DialogueStatus] ?? d.status });
  }
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(dialogues).set({ status: 'cancelled', updatedAt: now }).where(and(eq(dialogues.id, d.id), inArray(dialogues.status, [...CANCELLABLE]))).returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    const regs = await tx.select({ id: dialogueRegistrations.id, contact: dialogueRegistrations.contact }).from(dialogueRegistrations).where(eq(dialogueRegistrations.dialogueId, d.id));
    let told = 0;
    const text = `Hội nghị đối thoại «${d.title}» dự kiến ngày ${formatIsoDateVi(d.plannedOn)} đã bị hủy. Lý do: ${reason}. Câu hỏi bạn đã gửi vẫn được lưu; thông báo mới (nếu có) đăng trên cổng DânVận, mục Đối thoại.`;
    for (const r of regs) {
      if (!r.contact) continue;
      const contact = JSON.parse(ctx.sealer.open(r.contact)) as { phone: string | null; email: string | null };
      const to = contact.email ?? contact.phone;
      if (!to) continue;
      const sent = await enqueueNotification(tx, ctx, { channel: contact.email ? 'email' : 'sms', kind: 'dialogue-cancelled', to, subject: `Hủy hội nghị đối thoại ${d.code}`, text, dedupeKey: `dialogue-cancelled:${d.id}:${r.id}` });
      if (sent) told++;
    }
    await tx.insert(dialogueCancellations).values({ dialogueId: d.id, cancelledOn: today, reason, registrantsTold: told, createdBy: user.id, createdAt: now });
    await writeAudit(tx, dialogueAudit(user, d, now, 'dialogue.cancel', `Hủy hội nghị đối thoại ${d.code} (dự kiến ${formatIsoDateVi(d.plannedOn)}): ${reason}; báo cho ${told} người đăng ký`, { status: 'cancelled', registrantsTold: told }, { status: d.status }));
    return updated;
  });
}

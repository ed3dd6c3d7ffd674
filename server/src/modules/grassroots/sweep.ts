/**
 * Grassroots reminders through the notification outbox (ADR 0008): for every item of the compliance list — a
 * community decision to send (5 working days), a decision to recognise (5 working days), a board recommendation
 * to answer (15 days) — an e-mail to the commune's active handlers and heads with an address once the due date is REMIND_WORKING_DAYS away or past, at most once a day per item and
 * person (the outbox dedupes on item × due date × day × user). Safe to run twice; run by `danvan sweep`, the
 * periodic sweep of `danvan serve` and the `sweepGrassroots` route.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { workingDaysUntil } from '@danvan/domain/clock/index';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, roleGrants, users } from '../../db/schema.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { STAFF_LINK } from '../notifications/links.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { grassrootsCompliance, type ComplianceItem } from './decisions.ts';

/** Remind this many working days before the due date [R: house default, like the case sweep's 3 days]. */
export const REMIND_WORKING_DAYS = 3;

const WHAT: Record<ComplianceItem['kind'], string> = {
  'send-decision': 'Gửi văn bản quyết định của cộng đồng dân cư đến UBND xã, Ủy ban MTTQ xã (5 ngày làm việc, khoản 3 Điều 20 Luật 10/2022/QH15)',
  'recognize-decision': 'Công nhận hoặc không công nhận (có lý do) quyết định của cộng đồng dân cư (5 ngày làm việc, khoản 2 Điều 21 Luật 10/2022/QH15)',
  'board-recommendation': 'Trả lời kiến nghị của Ban Thanh tra nhân dân / Ban Giám sát đầu tư của cộng đồng (15 ngày)',
};

export interface GrassrootsSweepResult {
  scanned: number;
  due: number;
  messages: number;
}

export async function sweepGrassroots(ctx: AppContext): Promise<GrassrootsSweepResult> {
  const today = isoDateInVietnam(ctx.now());
  const calendar = await loadCalendar(ctx.db);
  const communes = await ctx.db.selectDistinct({ a: agencies }).from(agencies).innerJoin(roleGrants, eq(roleGrants.agencyId, agencies.id)).where(inArray(roleGrants.role, ['handler', 'head']));
  const result: GrassrootsSweepResult = { scanned: 0, due: 0, messages: 0 };
  for (const { a } of communes) {
    const items = (await grassrootsCompliance(ctx, a, today, false)).filter((i) => i.agencyId === a.id);
    if (!items.length) continue;
    const staff = await ctx.db
      .selectDistinct({ id: users.id, email: users.email, role: roleGrants.role })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.agencyId, a.id), inArray(roleGrants.role, ['handler', 'head']), eq(users.active, true), isNotNull(users.email)));
    for (const i of items) {
      result.scanned++;
      let left: number;
      try {
        left = i.overdue ? -1 : workingDaysUntil(i.dueOn, today, calendar);
      } catch {
        continue;
      }
      if (!i.overdue && left > REMIND_WORKING_DAYS) continue;
      result.due++;
      for (const s of new Map(staff.map((x) => [x.id, x])).values()) {
        result.messages += Number(
          await enqueueNotification(ctx.db, ctx, {
            channel: 'email',
            kind: 'staff-reminder',
            to: s.email!,
            subject: `[DânVận] ${i.overdue ? `Quá hạn ${i.daysLate} ngày` : 'Sắp đến hạn'}: ${i.title.slice(0, 100)}`,
            text: [
              `${WHAT[i.kind]}${i.community ? ` — ${i.community}` : ''}.`,
              `Việc: ${i.title}`,
              `Hạn: ${formatIsoDateVi(i.dueOn)}${i.overdue ? ` (đã quá hạn ${i.daysLate} ngày)` : ''}.`,
              '',
              `Mở DânVận: ${STAFF_LINK}`,
              '',
              'Thư tự động từ DânVận.',
            ].join('\n'),
            dedupeKey: `grassroots:${i.kind}:${i.id}:${i.dueOn}:${today}:${s.id}`,
            userId: s.id,
          }),
        );
      }
    }
  }
  return result;
}

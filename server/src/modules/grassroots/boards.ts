/**
 * Recommendations of the people's inspection board (Ban Thanh tra nhân dân) and the community investment
 * monitoring board: UBND xã answers within 15 days (clock rule `grassroots.board-answer`), tracked like commitments.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { grassrootsRecommendations } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { grassrootsDeadline } from './clock.ts';
import { requireDecide, requireWork } from './policy.ts';

export const BOARD_LABELS = { inspection: 'Ban Thanh tra nhân dân', investment: 'Ban Giám sát đầu tư của cộng đồng' } as const;

export async function createBoardRecommendation(ctx: AppContext, user: CurrentUser, commune: AgencyRow, input: { board: 'inspection' | 'investment'; content: string; receivedOn: string }) {
  requireWork(user, commune.path);
  const now = ctx.now();
  const content = cleanText(input.content);
  if (!content) throw invalid({ field: 'content', key: 'field.required' });
  if (input.receivedOn > isoDateInVietnam(now)) throw invalid({ field: 'receivedOn', key: 'field.dateRange' });
  return ctx.db.transaction(async (tx) => {
    const d = await grassrootsDeadline(tx, 'grassroots.board-answer', input.receivedOn);
    const [r] = await tx.insert(grassrootsRecommendations).values({ agencyId: commune.id, agencyPath: commune.path, board: input.board, content, receivedOn: input.receivedOn, dueOn: d.due, createdBy: user.id }).returning();
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: commune.id, entity: 'grassroots-recommendation', entityId: r!.id, action: 'grassroots.recommendation.create', summary: `Kiến nghị của ${BOARD_LABELS[input.board]} nhận ngày ${formatIsoDateVi(input.receivedOn)}; hạn trả lời ${formatIsoDateVi(d.due)}` });
    return { recommendation: r!, deadline: d };
  });
}

export async function answerBoardRecommendation(ctx: AppContext, user: CurrentUser, rec: typeof grassrootsRecommendations.$inferSelect, input: { answer: string; on: string }) {
  requireDecide(user, rec.agencyPath);
  const now = ctx.now();
  const answer = cleanText(input.answer);
  if (!answer) throw invalid({ field: 'answer', key: 'field.required' });
  if (input.on > isoDateInVietnam(now) || input.on < rec.receivedOn) throw invalid({ field: 'on', key: 'field.dateRange' });
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .update(grassrootsRecommendations)
      .set({ answer, answeredOn: input.on })
      .where(and(eq(grassrootsRecommendations.id, rec.id), isNull(grassrootsRecommendations.answeredOn)))
      .returning();
    if (!r) throw new AppError(409, 'error.conflict');
    const onTime = input.on <= rec.dueOn;
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: rec.agencyId, entity: 'grassroots-recommendation', entityId: rec.id, action: 'grassroots.recommendation.answer', summary: `Trả lời kiến nghị ngày ${formatIsoDateVi(input.on)}${onTime ? '' : ' (quá hạn)'}`, after: { onTime } });
    return { recommendation: r, onTime };
  });
}

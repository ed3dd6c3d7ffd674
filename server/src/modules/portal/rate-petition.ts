/**
 * ratePetition: once the agency has answered, decided or concluded, the citizen rates the answer (satisfied or
 * not, with an optional comment). One rating per petition; rating again replaces it. The counts per agency
 * subtree and period (`ratingCounts`) feed the reports.
 */
import { and, gte, lt, sql } from 'drizzle-orm';
import { cleanText } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { portalRatings, type portalSubmissions } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { authenticateTracking, presentTracking, type TrackInput } from './track-public-petition.ts';
import { redact } from './redact.ts';
import { PORTAL_ACTOR_NAME } from './portal-actor.ts';

export interface RateInput extends TrackInput {
  satisfied: boolean;
  comment?: string;
}

export async function ratePetition(ctx: AppContext, input: RateInput) {
  return rateSubmission(ctx, await authenticateTracking(ctx, input), input);
}

/** The rating itself, for a submission already opened (by credentials, or by the portal's tracking cookie). */
export async function rateSubmission(ctx: AppContext, s: typeof portalSubmissions.$inferSelect, input: { satisfied: boolean; comment?: string }) {
  // The rating belongs to the agency that answered (the receiving agency of a forwarded petition).
  const { view, current: target } = await presentTracking(ctx, s);
  if (!view.ratable) throw new AppError(409, 'error.notRatable');
  const comment = input.comment ? cleanText(input.comment) : '';
  if (comment.length > 2000) throw invalid({ field: 'comment', key: 'field.maxLength', params: { limit: 2000 } });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const values = { submissionId: s.id, caseId: target.id, agencyId: target.agencyId, agencyPath: target.agencyPath, satisfied: input.satisfied, comment: comment ? redact(comment) : null };
    await tx
      .insert(portalRatings)
      .values({ ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: portalRatings.submissionId, set: { satisfied: values.satisfied, comment: values.comment, updatedAt: now } });
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: PORTAL_ACTOR_NAME,
      agencyId: target.agencyId,
      entity: 'case',
      entityId: target.id,
      caseId: target.id,
      action: 'case.rate',
      summary: `Công dân đánh giá kết quả giải quyết: ${input.satisfied ? 'hài lòng' : 'không hài lòng'}`,
      after: { satisfied: input.satisfied },
    });
    return { satisfied: values.satisfied, comment: values.comment };
  });
}

export interface RatingCounts {
  satisfied: number;
  unsatisfied: number;
  total: number;
}

/**
 * Ratings of answers given by agencies in the subtree of `agencyPath`, rated in [from, to] (ISO dates, Vietnam
 * time). For the period reports: "x hài lòng / y không hài lòng".
 */
export async function ratingCounts(db: DbOrTx, q: { agencyPath: string; from?: string; to?: string }): Promise<RatingCounts> {
  const conds = [subtreeCondition(q.agencyPath, portalRatings.agencyPath)];
  if (q.from) conds.push(gte(portalRatings.updatedAt, new Date(`${q.from}T00:00:00+07:00`)));
  if (q.to) conds.push(lt(portalRatings.updatedAt, new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000)));
  const [r] = await db
    .select({
      satisfied: sql<number>`count(*) filter (where ${portalRatings.satisfied})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(portalRatings)
    .where(and(...conds));
  const satisfied = Number(r?.satisfied ?? 0);
  const total = Number(r?.total ?? 0);
  return { satisfied, unsatisfied: total - satisfied, total };
}

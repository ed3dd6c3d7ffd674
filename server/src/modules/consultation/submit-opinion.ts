/**
 * submitOpinion (public): a person verified by a one-time code (or another identity provider) gives a stance,
 * with text where required, on one or more sections — on the portal channel. A later opinion of the same person
 * on the same section replaces the earlier one (the answer says which). With an Idempotency-Key, a resend returns
 * the first answer and writes nothing.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { STANCE_LABELS } from '@danvan/domain/consultation/rules';
import type { AppContext } from '../../context.ts';
import { consultationSubmissions } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { otpIdentity, type IdentityProvider } from './identity.ts';
import { checkItems, checkPlace, requireTakingOpinions, type Demographics, type OpinionItem } from './opinion-input.ts';
import { consultationById } from './queries.ts';
import { noteSource } from './flags.ts';
import { opinionBatcher } from './opinion-batcher.ts';
import type { OpinionIn } from './record-opinions.ts';

export interface SubmitOpinionInput {
  requestId: string;
  code: string;
  opinions: OpinionItem[];
  respondent: Demographics;
}

export interface SubmitOpinionResult {
  accepted: number;
  replaced: number;
  opinions: { id: string; section: string; stance: string; stanceLabel: string; replacedEarlier: boolean }[];
  notice: string;
}

export async function submitOpinion(
  ctx: AppContext,
  consultationId: string,
  input: SubmitOpinionInput,
  opts: { idempotencyKey?: string; provider?: IdentityProvider; /** The client's address, for burst detection (kept as a keyed hash). */ source?: string } = {},
): Promise<{ result: SubmitOpinionResult; replayed: boolean }> {
  const now = ctx.now();
  const c = await consultationById(ctx.db, consultationId);
  if (!c || c.status !== 'published' || c.stateSecret) throw notFound();
  const keyHash = opts.idempotencyKey ? createHash('sha256').update(`consultation:${c.id}:${opts.idempotencyKey}`).digest('hex') : null;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  if (keyHash) {
    const [prev] = await ctx.db.select().from(consultationSubmissions).where(eq(consultationSubmissions.keyHash, keyHash));
    if (prev) {
      if (prev.requestHash !== requestHash) throw new AppError(409, 'error.idempotencyMismatch');
      if (prev.response) return { result: prev.response as SubmitOpinionResult, replayed: true };
    }
  }
  requireTakingOpinions(c, now, 'online');
  const issues: FieldIssue[] = [];
  const items = await checkItems(ctx.db, c, input.opinions, 'opinions', issues);
  const place = await checkPlace(ctx.db, input.respondent, 'respondent', issues);
  if (issues.length) throw invalid(...issues);
  // The code is marked verified in the batch's transaction (one write for the whole batch, not a commit per request).
  const identity = await (opts.provider ?? otpIdentity).verify(ctx, c.id, input.requestId, input.code, { deferMark: true });

  const opinions: OpinionIn[] = items.map((it) => ({
    sectionId: it.section.id,
    personKey: identity.personKey,
    identityMethod: identity.method,
    channel: 'portal',
    stance: it.stance,
    text: it.text,
    category: input.respondent.category,
    ageBand: input.respondent.ageBand ?? '',
    occupation: input.respondent.occupation ?? null,
    provinceCode: place.provinceCode,
    communeCode: place.communeCode,
    counted: true,
  }));
  // Group commit (opinion-batcher.ts): the answer comes after the COMMIT of the batch holding these opinions.
  const result = await opinionBatcher<SubmitOpinionResult>(ctx).submit({
    consultationId: c.id,
    opinions,
    keyHash,
    requestHash,
    markCodeId: identity.markCodeId ?? null,
    answer: (applied) => {
      const replaced = applied.filter((a) => a.replacedId).length;
      return {
        accepted: applied.length,
        replaced,
        opinions: items.map((it, i) => ({ id: applied[i]!.opinionId, section: it.section.key, stance: it.stance, stanceLabel: STANCE_LABELS[it.stance], replacedEarlier: Boolean(applied[i]?.replacedId) })),
        notice:
          `Đã ghi nhận ${applied.length} ý kiến.` +
          (replaced ? ` ${replaced} ý kiến thay thế ý kiến bạn đã gửi trước đó về cùng điều, khoản (mỗi người chỉ được tính một ý kiến cho mỗi điều, khoản; ý kiến sau thay ý kiến trước).` : ''),
      };
    },
  });
  if (opts.source) await noteSource(ctx, c, `ip:${ctx.personHasher.hashIdentifier('ip', opts.source)}`, opinions.length).catch(() => undefined);
  return { result, replayed: false };
}

/**
 * Public answers: an agency chooses to publish the answer to a feedback (ND 20/2008 Art. 15), a denunciation's
 * conclusion (Luật Tố cáo Art. 40) or a complaint decision. The officer writes the public text; the server
 * redacts phone numbers, ID numbers, e-mails and the petitioner's (or, opened for this purpose only, the
 * denouncer's) name as a safety net. listPublicAnswers searches question, answer and agency name ignoring
 * diacritics ("den duong" finds "đèn đường").
 */
import { createHash } from 'node:crypto';
import { and, count, desc, eq, like, type SQL } from 'drizzle-orm';
import { cleanText, foldForSearch, isoDateInVietnam } from '@danvan/domain/text';
import { isCaseKind } from '@danvan/domain/workflow';
import type { AppContext } from '../../context.ts';
import { agencies, cases, petitions, publicAnswers, sealedIdentities, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { subtreeCondition, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { caseVisibleTo } from '../cases/policy.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { redact, remainingSuspects } from './redact.ts';
import { KIND_LABELS_VI } from './plan-submission.ts';
import { mayPreparePublicAnswer, mayPublishDenunciationAnswer } from './policy.ts';

/** States in which there is an answer, a decision or a conclusion to publish. */
export const PUBLISHABLE_STATES: Record<string, readonly string[]> = {
  feedback: ['answered', 'published', 'closed'],
  denunciation: ['conclusion-sent', 'published', 'closed'],
  complaint: ['decided', 'effective', 'appealed', 'closed'],
};

export interface PublishInput {
  answer: string;
  question?: string;
  /** The digest of the preview the publisher saw (previewPublicAnswer): required for a denunciation, by the head. */
  previewDigest?: string;
}

/**
 * The public text as it would be published: redacted (names folded, every run of a known ID number's digits), its
 * digest (what the publisher confirms), and what still looks personal, to highlight in the preview.
 */
export async function planPublicAnswer(ctx: AppContext, user: CurrentUser, caseId: string, input: Omit<PublishInput, 'previewDigest'>) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c) || !isCaseKind(c.kind)) throw notFound();
  if (!mayPreparePublicAnswer(user, c.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (!PUBLISHABLE_STATES[c.kind]?.includes(c.state)) throw new AppError(409, 'error.answerState', { state: c.state });
  const answerText = cleanText(input.answer);
  if (!answerText) throw invalid({ field: 'answer', key: 'field.required' });
  const names: (string | null)[] = [c.petitionerName];
  const idNumbers: (string | null)[] = [];
  const pets = await ctx.db.select({ name: petitions.petitionerName, idNumber: petitions.petitionerIdNumber }).from(petitions).where(eq(petitions.caseId, c.id));
  const vis = await ctx.db.select({ name: visits.citizenName, idNumber: visits.citizenIdNumber }).from(visits).where(eq(visits.caseId, c.id));
  for (const p of [...pets, ...vis]) {
    names.push(p.name);
    idNumbers.push(p.idNumber);
  }
  if (c.kind === 'denunciation') {
    // The denouncer's identity is read only to strike it from the public text; it is never returned or logged.
    const sealed = await ctx.db.select().from(sealedIdentities).where(eq(sealedIdentities.caseId, c.id));
    for (const box of sealed) {
      try {
        const person = JSON.parse(ctx.sealer.open(box)) as { name?: string; idNumber?: string; representatives?: { name?: string; idNumber?: string }[] };
        names.push(person.name ?? null);
        idNumbers.push(person.idNumber ?? null);
        for (const r of person.representatives ?? []) {
          names.push(r.name ?? null);
          idNumbers.push(r.idNumber ?? null);
        }
      } catch {
        // a box sealed with a retired key: nothing to add
      }
    }
  }
  const question = redact(cleanText(input.question ?? c.content).slice(0, 4000), { names, idNumbers });
  const answer = redact(answerText, { names, idNumbers });
  const digest = createHash('sha256').update(`${c.id}\n${question}\n${answer}`).digest('hex');
  return { c, question, answer, digest, remaining: { question: remainingSuspects(question), answer: remainingSuspects(answer) } };
}

export async function previewPublicAnswer(ctx: AppContext, user: CurrentUser, caseId: string, input: Omit<PublishInput, 'previewDigest'>) {
  const p = await planPublicAnswer(ctx, user, caseId, input);
  return { question: p.question, answer: p.answer, digest: p.digest, remaining: p.remaining, headConfirms: p.c.kind === 'denunciation' };
}

export async function publishPublicAnswer(ctx: AppContext, user: CurrentUser, caseId: string, input: PublishInput) {
  const { c, question, answer, digest } = await planPublicAnswer(ctx, user, caseId, input);
  // A denunciation's answer goes public only as the head saw it in the preview (issue 13, item 4).
  if (c.kind === 'denunciation' && !mayPublishDenunciationAnswer(user, c.agencyPath)) throw new AppError(403, 'error.answerHeadOnly');
  if ((c.kind === 'denunciation' || input.previewDigest !== undefined) && input.previewDigest !== digest) {
    throw new AppError(409, 'error.answerPreviewStale');
  }
  const [agency] = await ctx.db.select().from(agencies).where(eq(agencies.id, c.agencyId));
  const now = ctx.now();
  const publishedOn = isoDateInVietnam(now);
  const searchKey = foldForSearch(`${question} ${answer} ${agency?.fullName ?? ''}`);
  return ctx.db.transaction(async (tx) => {
    const values = { caseId: c.id, agencyId: c.agencyId, agencyPath: c.agencyPath, kind: c.kind, question, answer, searchKey, publishedOn, publishedBy: user.id };
    const [row] = await tx
      .insert(publicAnswers)
      .values({ ...values, createdAt: now })
      .onConflictDoUpdate({ target: publicAnswers.caseId, set: values })
      .returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: 'case.publish-answer',
      summary: `Công khai nội dung trả lời vụ việc ${c.code} trên cổng trực tuyến`,
      after: { publishedOn },
    });
    return row!;
  });
}

export async function withdrawPublicAnswer(ctx: AppContext, user: CurrentUser, caseId: string) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c)) throw notFound();
  if (!mayPreparePublicAnswer(user, c.agencyPath)) throw new AppError(403, 'error.forbidden');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(publicAnswers).where(eq(publicAnswers.caseId, c.id)).returning({ id: publicAnswers.id });
    if (!removed.length) throw notFound();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: 'case.withdraw-answer',
      summary: `Gỡ nội dung trả lời vụ việc ${c.code} khỏi cổng trực tuyến`,
    });
  });
}

export interface AnswerQuery {
  q?: string;
  agency?: string;
  kind?: string;
  limit: number;
  offset: number;
}

export async function listPublicAnswers(ctx: AppContext, query: AnswerQuery) {
  const conds: SQL[] = [];
  for (const word of foldForSearch(query.q ?? '').split(' ').filter(Boolean).slice(0, 10)) {
    conds.push(like(publicAnswers.searchKey, `%${word.replace(/[%_\\]/g, '')}%`));
  }
  if (query.agency) {
    const a = await agencyByCode(ctx.db, query.agency);
    if (!a) return { total: 0, items: [] };
    conds.push(subtreeCondition(a.path, publicAnswers.agencyPath));
  }
  if (query.kind) conds.push(eq(publicAnswers.kind, query.kind));
  const where = conds.length ? and(...conds) : undefined;
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(publicAnswers).where(where);
  const rows = await ctx.db
    .select({ a: publicAnswers, agencyCode: agencies.code, agencyName: agencies.fullName })
    .from(publicAnswers)
    .innerJoin(agencies, eq(agencies.id, publicAnswers.agencyId))
    .where(where)
    .orderBy(desc(publicAnswers.publishedOn), desc(publicAnswers.createdAt))
    .limit(query.limit)
    .offset(query.offset);
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.a.id,
      agencyCode: r.agencyCode,
      agencyName: r.agencyName,
      kind: r.a.kind,
      kindLabel: isCaseKind(r.a.kind) ? KIND_LABELS_VI[r.a.kind] : r.a.kind,
      question: r.a.question,
      answer: r.a.answer,
      publishedOn: r.a.publishedOn,
    })),
  };
}

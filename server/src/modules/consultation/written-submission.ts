/**
 * recordWrittenSubmission: the written answer of an agency or organisation (văn bản góp ý), digitised by staff of
 * the owner agency. The writing agency counts once per section (under its code); an invitation to it is marked
 * answered (b7). Audited.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { cleanText, formatCount, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { consultationInvitations } from '../../db/schema.ts';
import { invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requireAgency } from '../agencies/queries.ts';
import { checkItems, requireTakingOpinions, type OpinionItem } from './opinion-input.ts';
import { mayRun, requireRole } from './policy.ts';
import { visibleConsultation } from './queries.ts';
import { applyOpinions } from './record-opinions.ts';

export interface WrittenInput {
  /** The agency that wrote (its official code). */
  agency: string;
  documentNumber?: string;
  receivedOn?: string;
  opinions: OpinionItem[];
}

export async function recordWrittenSubmission(ctx: AppContext, user: CurrentUser, id: string, input: WrittenInput) {
  const now = ctx.now();
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  requireTakingOpinions(c, now, 'paper');
  const writer = await requireAgency(ctx.db, input.agency);
  const issues: FieldIssue[] = [];
  const receivedOn = input.receivedOn ?? isoDateInVietnam(now);
  if (!isRealIsoDate(receivedOn)) issues.push({ field: 'receivedOn', key: 'field.date' });
  const items = await checkItems(ctx.db, c, input.opinions, 'opinions', issues);
  if (issues.length) throw invalid(...issues);
  const personKey = ctx.personHasher.hashIdentifier('agency', writer.code);

  return ctx.db.transaction(async (tx) => {
    const applied = await applyOpinions(
      tx,
      c.id,
      now,
      items.map((it) => ({
        sectionId: it.section.id,
        personKey,
        identityMethod: 'agency',
        channel: 'written',
        stance: it.stance,
        text: it.text,
        category: 'agency',
        ageBand: '',
        occupation: null,
        provinceCode: writer.provinceCode ?? '',
        communeCode: writer.level === 'commune' ? writer.code : '',
        fromAgencyId: writer.id,
        enteredBy: user.id,
        counted: true,
      })),
    );
    const answered = await tx
      .update(consultationInvitations)
      .set({ answeredOn: receivedOn })
      .where(and(eq(consultationInvitations.consultationId, c.id), eq(consultationInvitations.agencyId, writer.id), isNull(consultationInvitations.answeredOn)))
      .returning({ id: consultationInvitations.id });
    const doc = input.documentNumber ? cleanText(input.documentNumber) : null;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.written-submission',
      summary: `Nhập văn bản góp ý${doc ? ` số ${doc}` : ''} của ${writer.fullName}: ${formatCount(applied.length)} điều, khoản${answered.length ? ' (trả lời lời mời góp ý)' : ''}`,
      after: { agency: writer.code, documentNumber: doc, receivedOn, opinions: applied.map((a) => a.opinionId), invitationAnswered: answered.length > 0 },
    });
    return { accepted: applied.length, replaced: applied.filter((a) => a.replacedId).length, invitationAnswered: answered.length > 0 };
  });
}

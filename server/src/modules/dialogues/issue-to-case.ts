/**
 * "Issue → case in one click": an issue raised at a dialogue that is a complaint, denunciation or feedback becomes a
 * case (through createPetition, received on the conclusion date, by the organising agency), linked both ways: the
 * issue keeps the case id, the case's audit names the dialogue and issue, and `GET /dialogues/:id` shows the case code.
 */
import { eq } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, cases, dialogueIssues, dialogues } from '../../db/schema.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { createPetition } from '../petitions/create-petition.ts';
import { mayOrganise, mayViewDialogue } from './policy.ts';

export async function openCaseFromIssue(ctx: AppContext, user: CurrentUser, issueId: string, input: { kind: 'complaint' | 'denunciation' | 'feedback'; petitionerName?: string }) {
  const [row] = await ctx.db.select({ i: dialogueIssues, d: dialogues, code: agencies.code }).from(dialogueIssues).innerJoin(dialogues, eq(dialogues.id, dialogueIssues.dialogueId)).innerJoin(agencies, eq(agencies.id, dialogues.agencyId)).where(eq(dialogueIssues.id, issueId));
  if (!row || !mayViewDialogue(user, row.d.agencyPath)) throw notFound();
  if (!mayOrganise(user, row.d.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (row.i.caseId) {
    const [c] = await ctx.db.select({ code: cases.code }).from(cases).where(eq(cases.id, row.i.caseId));
    throw new AppError(409, 'error.issueHasCase', { code: c?.code ?? '' });
  }
  const name = input.petitionerName?.trim();
  const result = await createPetition(ctx, user, {
    agency: row.code,
    type: input.kind,
    channel: 'in-person',
    content: `${row.i.content} (nêu tại hội nghị đối thoại ${row.d.code})`,
    receivedOn: row.d.conclusionOn ?? isoDateInVietnam(ctx.now()),
    ...(name ? { petitioner: { name, address: 'Nêu tại hội nghị đối thoại' } } : { anonymous: true }),
  } as Parameters<typeof createPetition>[2]);
  const caseRow = (result as { case: { id: string; code: string } }).case;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const linked = await tx.update(dialogueIssues).set({ caseId: caseRow.id }).where(eq(dialogueIssues.id, issueId)).returning({ id: dialogueIssues.id });
    if (!linked.length) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: row.d.agencyId, entity: 'dialogue', entityId: row.d.id, caseId: caseRow.id, action: 'dialogue.issue-case', summary: `Mở vụ việc ${caseRow.code} từ vấn đề số ${row.i.seq} của đối thoại ${row.d.code}`, after: { issueId, caseId: caseRow.id } });
  });
  return { id: caseRow.id, code: caseRow.code };
}

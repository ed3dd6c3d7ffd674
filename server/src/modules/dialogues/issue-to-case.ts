/**
 * "Issue → case in one click": an issue raised at a dialogue that is a complaint, denunciation or feedback becomes a
 * case (through createPetition, received on the conclusion date, by the organising agency), linked both ways: the
 * issue keeps the case id, the case's audit names the dialogue and issue, and `GET /dialogues/:id` shows the case code.
 *
 * One transaction: the issue row is locked first (`for update`), the petition is written inside the same
 * transaction (createPetition's own transaction becomes a savepoint), then the link and its audit row. A second click
 * racing the first waits for the lock, then sees the case id and answers 409; no second case is ever committed.
 */
import { eq } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { agencies, cases, dialogueIssues, dialogues } from '../../db/schema.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { createPetition } from '../petitions/create-petition.ts';
import { mayOrganise, mayViewDialogue } from './policy.ts';

export async function openCaseFromIssue(ctx: AppContext, user: CurrentUser, issueId: string, input: { kind: 'complaint' | 'denunciation' | 'feedback'; petitionerName?: string }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ i: dialogueIssues, d: dialogues, code: agencies.code })
      .from(dialogueIssues)
      .innerJoin(dialogues, eq(dialogues.id, dialogueIssues.dialogueId))
      .innerJoin(agencies, eq(agencies.id, dialogues.agencyId))
      .where(eq(dialogueIssues.id, issueId))
      .for('update', { of: dialogueIssues });
    if (!row || !mayViewDialogue(user, row.d.agencyPath)) throw notFound();
    if (!mayOrganise(user, row.d.agencyPath)) throw new AppError(403, 'error.forbidden');
    if (row.i.caseId) {
      const [c] = await tx.select({ code: cases.code }).from(cases).where(eq(cases.id, row.i.caseId));
      throw new AppError(409, 'error.issueHasCase', { code: c?.code ?? '' });
    }
    const now = ctx.now();
    const name = input.petitionerName?.trim();
    const result = await createPetition({ ...ctx, db: tx as unknown as Db }, user, {
      agency: row.code,
      type: input.kind,
      channel: 'in-person',
      content: `${row.i.content} (nêu tại hội nghị đối thoại ${row.d.code})`,
      receivedOn: row.d.conclusionOn ?? isoDateInVietnam(now),
      ...(name ? { petitioner: { name, address: 'Nêu tại hội nghị đối thoại' } } : { anonymous: true }),
    } as Parameters<typeof createPetition>[2]);
    const caseRow = (result as { case: { id: string; code: string } }).case;
    await tx.update(dialogueIssues).set({ caseId: caseRow.id }).where(eq(dialogueIssues.id, issueId));
    await writeAudit(tx, { at: now, actorId: user.id, actorName: user.displayName, agencyId: row.d.agencyId, entity: 'dialogue', entityId: row.d.id, caseId: caseRow.id, action: 'dialogue.issue-case', summary: `Mở vụ việc ${caseRow.code} từ vấn đề số ${row.i.seq} của đối thoại ${row.d.code}`, after: { issueId, caseId: caseRow.id } });
    return { id: caseRow.id, code: caseRow.code };
  });
}

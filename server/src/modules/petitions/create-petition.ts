/**
 * createPetition: a written petition (đơn) received through any channel opens a case, or is linked to an
 * existing case (a repeat petition on the same matter). Anonymous petitions are recorded without identity;
 * a denouncer's identity is sealed.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { jsonInsert, writeTogether, type Tx } from '../../db/client.ts';
import { cases, petitions, sealedIdentities } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openingReads, writeOpenedCase, type CaseRow } from '../cases/open-case.ts';
import { NO_CLOCK } from '../plan.ts';
import { checkPetitionInput, planPetition, type CreatePetitionInput } from './plan-petition.ts';
import { petitionIndexWrite } from '../search/index-records.ts';
import { mayRecordPetition } from './policy.ts';

/** What a channel adds to the intake: the field it knows, and its own rows written in the same transaction. */
export interface CreatePetitionOptions {
  field?: string;
  within?: (tx: Tx, created: { petition: typeof petitions.$inferSelect; case: CaseRow }) => Promise<void>;
}

export async function createPetition(ctx: AppContext, user: CurrentUser, input: CreatePetitionInput, opts: CreatePetitionOptions = {}) {
  const now = ctx.now();
  const issues: FieldIssue[] = [];
  const { receivedOn } = checkPetitionInput(input, isoDateInVietnam(now), issues);
  if (issues.length) throw invalid(...issues);

  const agency = await requireAgency(ctx.db, input.agency);
  if (!mayRecordPetition(user, agency.path)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
  let existing: CaseRow | undefined;
  if (input.caseId) {
    [existing] = await ctx.db.select().from(cases).where(eq(cases.id, input.caseId));
    if (!existing || !canSee(user, existing.agencyPath)) throw notFound();
  }

  return ctx.db.transaction(async (tx) => {
    const reads = existing ? { code: null, compute: NO_CLOCK } : await openingReads(tx, agency, receivedOn);
    const plan = planPetition(
      { agency, input, existing: existing ?? null, code: reads.code, field: opts.field ?? null },
      { now, actor: user, newId: randomUUID, compute: reads.compute, sealer: ctx.sealer, personHasher: ctx.personHasher },
    );
    // The petition, its search entry (issue 18) and sealed identities go in the same statement as the case it opens.
    const petition = plan.petition;
    const writes = [jsonInsert(petitions, [petition]), petitionIndexWrite(petition), plan.sealed.length > 0 && jsonInsert(sealedIdentities, plan.sealed)];
    const theCase = plan.opened ? await writeOpenedCase(tx, plan.opened, writes) : existing!;
    if (!plan.opened) await writeTogether(tx, writes);
    await writeAudit(tx, plan.audit);
    if (opts.within) await opts.within(tx, { petition, case: theCase });
    return { petition, case: theCase };
  });
}

/**
 * recordVisit: a receptionist records one citizen (or delegation) received at the agency. The visit opens a
 * case, or is linked to an existing case of the same agency subtree (then it counts as a repeat visit).
 * A denunciation's identity is sealed and never stored on the visit or the case (Luật Tố cáo Art. 47(2)).
 */
import { and, eq } from 'drizzle-orm';
import { cleanText, isoDateInVietnam, isRealIsoDate, isValidPersonalId, normalizePhone } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import type { AppContext } from '../../app.ts';
import { cases, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openCase, sealIdentity, type CaseRow } from '../cases/open-case.ts';

export interface RecordVisitInput {
  agency: string;
  visitedOn?: string;
  citizen: { name: string; idNumber: string; address: string; phone?: string };
  content: string;
  type: CaseKind;
  peopleCount?: number;
  /** Link to an existing case (same matter) instead of opening a new one. */
  caseId?: string;
}

export const RECEPTION_ROLES = ['receptionist', 'handler', 'head'] as const;

/** Field checks beyond the schema; also used by createPetition for its petitioner. */
export function checkPerson(prefix: string, p: { name: string; idNumber?: string; address?: string; phone?: string }, issues: FieldIssue[]) {
  const idNumber = p.idNumber?.replace(/\s/g, '');
  if (!cleanText(p.name)) issues.push({ field: `${prefix}.name`, key: 'field.required' });
  if (idNumber !== undefined && !isValidPersonalId(idNumber)) issues.push({ field: `${prefix}.idNumber`, key: 'field.idNumber' });
  if (p.address !== undefined && !cleanText(p.address)) issues.push({ field: `${prefix}.address`, key: 'field.required' });
  let phone: string | null = null;
  if (p.phone && p.phone.trim()) {
    phone = normalizePhone(p.phone);
    if (!phone) issues.push({ field: `${prefix}.phone`, key: 'field.phone' });
  }
  return {
    name: cleanText(p.name),
    idNumber: idNumber ?? null,
    address: p.address !== undefined ? cleanText(p.address) : null,
    phone,
  };
}

export function checkDay(field: string, value: string | undefined, today: string, issues: FieldIssue[]): string {
  if (value === undefined) return today;
  if (!isRealIsoDate(value)) issues.push({ field, key: 'field.date' });
  else if (value > today) issues.push({ field, key: 'field.dateInFuture' });
  return value;
}

export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const issues: FieldIssue[] = [];
  const person = checkPerson('citizen', input.citizen, issues);
  const visitedOn = checkDay('visitedOn', input.visitedOn, today, issues);
  const content = cleanText(input.content);
  if (!content) issues.push({ field: 'content', key: 'field.required' });
  if (issues.length) throw invalid(...issues);

  const agency = await requireAgency(ctx.db, input.agency);
  if (!hasRoleAt(user, agency.path, RECEPTION_ROLES)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
  let existing: CaseRow | undefined;
  if (input.caseId) {
    [existing] = await ctx.db.select().from(cases).where(and(eq(cases.id, input.caseId)));
    if (!existing || !canSee(user, existing.agencyPath)) throw notFound();
  }
  const sealed = input.type === 'denunciation';
  const peopleCount = input.peopleCount ?? 1;

  return ctx.db.transaction(async (tx) => {
    const theCase =
      existing ??
      (await openCase(tx, { agency, kind: input.type, content, receivedOn: visitedOn, petitionerName: person.name, actor: user, now, via: 'visit' }));
    const [visit] = await tx
      .insert(visits)
      .values({
        agencyId: agency.id,
        agencyPath: agency.path,
        visitedOn,
        citizenName: sealed ? null : person.name,
        citizenIdNumber: sealed ? null : person.idNumber,
        citizenAddress: sealed ? null : person.address,
        citizenPhone: sealed ? null : person.phone,
        kind: input.type,
        content,
        peopleCount,
        isDelegation: peopleCount >= 5,
        isRepeat: Boolean(existing),
        caseId: theCase.id,
        outcome: 'petition-received',
        createdBy: user.id,
        createdAt: now,
      })
      .returning();
    if (!visit) throw new Error('visit insert failed');
    if (sealed) await sealIdentity(tx, ctx.sealer, theCase.id, 'visit', visit.id, person, now);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: agency.id,
      entity: 'visit',
      entityId: visit.id,
      caseId: theCase.id,
      action: 'visit.record',
      summary: `Ghi nhận lượt tiếp công dân ngày ${visitedOn}${existing ? ' (lượt tiếp lại, cùng vụ việc)' : ''}`,
      after: { visitedOn, kind: input.type, peopleCount, caseCode: theCase.code, repeat: Boolean(existing) },
    });
    return { visit, case: theCase };
  });
}

/**
 * Opens a case (vụ việc) inside the caller's transaction: allocates its human code, seals a denouncer's
 * identity apart from the case (with its keyed hash for repeat detection, ADR 0011), and writes the audit row.
 * Used by recordVisit and createPetition.
 */
import { sql } from 'drizzle-orm';
import { foldForSearch } from '@danvan/domain/text';
import { intakeRule, type CaseKind } from '@danvan/domain/workflow';
import { queryRows, type Tx } from '../../db/client.ts';
import { cases, sealedIdentities } from '../../db/schema.ts';
import type { SealedBox, Sealer } from '../../security/sealer.ts';
import type { PersonHasher } from '../../security/person-hash.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clockInputs, startClock } from '../clock/deadlines.ts';
import { enqueueCaseSync } from '../national-sync/enqueue-sync.ts';
import { indexCase } from '../search/index-records.ts';

/** Shown wherever a denouncer's name would be (Luật Tố cáo Art. 47(2)). */
export const SEALED_NAME = '[Đã bảo mật]';

export interface PersonIdentity {
  name: string;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
}

export type CaseRow = typeof cases.$inferSelect;

export async function nextCaseCode(tx: Tx, agency: AgencyRow, year: number): Promise<string> {
  const [r] = await queryRows<{ last: number }>(tx, sql`
    insert into case_sequences (agency_id, year, last) values (${agency.id}, ${year}, 1)
    on conflict (agency_id, year) do update set last = case_sequences.last + 1
    returning last`);
  const seq = Number(r?.last);
  return `${agency.code}-${year}-${String(seq).padStart(5, '0')}`;
}

export interface IdentitySecrets {
  sealer: Sealer;
  personHasher: PersonHasher;
}

/**
 * The stored form of a denouncer's identity: the sealed box and the keyed hash of the same person (personKey: the
 * ID, else the folded name and address). The national generator writes its rows with this function too.
 */
export function sealPerson(secrets: IdentitySecrets, person: PersonIdentity): SealedBox & { personHash: string | null } {
  return { ...secrets.sealer.seal(JSON.stringify(person)), personHash: secrets.personHasher.hash(person) };
}

export async function sealIdentity(tx: Tx, secrets: IdentitySecrets, caseId: string, ownerType: 'visit' | 'petition', ownerId: string, person: PersonIdentity, now: Date) {
  await tx.insert(sealedIdentities).values({ caseId, ownerType, ownerId, ...sealPerson(secrets, person), createdAt: now });
}

export interface OpenCaseInput {
  agency: AgencyRow;
  kind: CaseKind;
  content: string;
  receivedOn: string;
  petitionerName: string | null;
  actor: CurrentUser;
  now: Date;
  via: 'visit' | 'petition';
  /** The field (lĩnh vực) when the channel already knows it (an Open311 service code). */
  field?: string | null;
}

export async function openCase(tx: Tx, input: OpenCaseInput): Promise<CaseRow> {
  // The kind's intake rule: a complaint is accepted within 7 working days (ND 124/2020 Art. 16 as amended), a
  // denunciation taken in within 7 (Luật Tố cáo Art. 24); feedback has no shorter rule than petition processing
  // (10 working days, TT 05/2021/TT-TTCP).
  const clock = await startClock(tx, clockInputs(intakeRule(input.kind), input.receivedOn, { remote: input.agency.remote }));
  const code = await nextCaseCode(tx, input.agency, Number(input.receivedOn.slice(0, 4)));
  const [row] = await tx
    .insert(cases)
    .values({
      code,
      agencyId: input.agency.id,
      agencyPath: input.agency.path,
      kind: input.kind,
      state: 'received',
      content: input.content,
      field: input.field ?? null,
      contentKey: foldForSearch(input.content),
      petitionerName: input.kind === 'denunciation' ? SEALED_NAME : input.petitionerName,
      receivedOn: input.receivedOn,
      ...clock,
      createdBy: input.actor.id,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  if (!row) throw new Error('case insert failed');
  await indexCase(tx, row); // search and same-matter detection (issue 18)
  await writeAudit(tx, {
    at: input.now,
    actorId: input.actor.id,
    actorName: input.actor.displayName,
    agencyId: input.agency.id,
    entity: 'case',
    entityId: row.id,
    caseId: row.id,
    action: 'case.open',
    summary: `Mở vụ việc ${code} (${input.via === 'visit' ? 'từ lượt tiếp công dân' : 'từ đơn'})`,
    after: { code, kind: row.kind, state: row.state, receivedOn: row.receivedOn, dueOn: row.dueOn },
  });
  await enqueueCaseSync(tx, input.now, row, { action: 'open', on: input.receivedOn });
  return row;
}

/**
 * The planner of createPetition (ADR 0025): the input checked and cleaned, then the rows a written petition adds —
 * the case it opens (unless it joins an existing one), the petition, the sealed identities of a denunciation — and
 * the audit entry. createPetition reads, plans and writes; the national generator calls the same planner.
 */
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import type { petitions } from '../../db/schema.ts';
import { invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { AuditEntry } from '../audit/write-audit.ts';
import { planOpenCase, sealedRow, type CaseRow, type IdentitySecrets, type OpenCasePlan, type SealedRow } from '../cases/open-case.ts';
import { checkDay, checkPerson } from '../input-checks.ts';
import type { PlanEnv } from '../plan.ts';

export const CHANNELS = ['in-person', 'post', 'online', 'hotline', 'email', 'forwarded', 'press', 'deputy'] as const;
export type Channel = (typeof CHANNELS)[number];
const CHANNEL_LABELS: Record<Channel, string> = {
  'in-person': 'trực tiếp',
  post: 'qua bưu chính',
  online: 'trực tuyến',
  hotline: 'đường dây nóng',
  email: 'thư điện tử',
  forwarded: 'cơ quan khác chuyển đến',
  press: 'báo chí',
  deputy: 'đại biểu Quốc hội chuyển',
};

export interface CreatePetitionInput {
  agency: string;
  channel: Channel;
  receivedOn?: string;
  type: CaseKind;
  content: string;
  anonymous?: boolean;
  petitioner?: { name: string; idNumber?: string; address?: string; phone?: string };
  /** Người cùng ký đơn: several complainants of one petition (ND 124/2020 Art. 7a). */
  coSigners?: { name: string; idNumber?: string; address?: string }[];
  caseId?: string;
}

export type PetitionRow = typeof petitions.$inferSelect;

/** The input checked field by field (`issues`) and cleaned. */
export function checkPetitionInput(input: CreatePetitionInput, today: string, issues: FieldIssue[]) {
  const anonymous = input.anonymous ?? false;
  if (!anonymous && !input.petitioner) issues.push({ field: 'petitioner.name', key: 'field.required' });
  const person = input.petitioner && !anonymous ? checkPerson('petitioner', input.petitioner, issues) : null;
  const coSigners = (input.coSigners ?? []).map((p, i) => checkPerson(`coSigners.${i}`, p, issues));
  const receivedOn = checkDay('receivedOn', input.receivedOn, today, issues);
  const content = cleanText(input.content);
  if (!content) issues.push({ field: 'content', key: 'field.required' });
  return { anonymous, person, coSigners, receivedOn, content };
}

export interface PetitionPlan {
  /** The case the petition opens; null when it joins `existing`. */
  opened: OpenCasePlan | null;
  petition: PetitionRow;
  sealed: SealedRow[];
  audit: AuditEntry<'petition.create'>;
}

/**
 * createPetition planned on what it read: the agency, the existing case it joins (a repeat petition) or the code
 * of the case it opens (`code`, from case_sequences), and the field a channel already knows.
 */
export function planPetition(
  x: { agency: AgencyRow; input: CreatePetitionInput; existing: CaseRow | null; code: string | null; field?: string | null },
  env: PlanEnv & IdentitySecrets,
): PetitionPlan {
  const { agency, input, existing } = x;
  const issues: FieldIssue[] = [];
  const { anonymous, person, coSigners, receivedOn, content } = checkPetitionInput(input, isoDateInVietnam(env.now), issues);
  if (issues.length) throw invalid(...issues);
  // Sealing follows the case (issue 13): a petition filed on a denunciation case keeps no identity in the clear either.
  const sealed = input.type === 'denunciation' || existing?.kind === 'denunciation';
  const id = env.newId();
  let opened: OpenCasePlan | null = null;
  if (!existing) {
    if (!x.code) throw new Error('a petition that opens a case needs its code');
    opened = planOpenCase({ agency, kind: input.type, content, receivedOn, petitionerName: person?.name ?? null, via: 'petition', field: x.field ?? null }, x.code, env);
  }
  const theCase = existing ?? opened!.case;
  const petition: PetitionRow = {
    id,
    agencyId: agency.id,
    agencyPath: agency.path,
    caseId: theCase.id,
    visitId: null,
    channel: input.channel,
    receivedOn,
    kind: input.type,
    content,
    anonymous,
    petitionerName: sealed ? null : (person?.name ?? null),
    petitionerIdNumber: sealed ? null : (person?.idNumber ?? null),
    petitionerAddress: sealed ? null : (person?.address ?? null),
    petitionerPhone: sealed ? null : (person?.phone ?? null),
    coSigners: sealed ? [] : coSigners.map((c) => ({ name: c.name, idNumber: c.idNumber, address: c.address })),
    createdBy: env.actor.id,
    createdAt: env.now,
  };
  // Co-signers of a denunciation are denouncers too: sealed the same way.
  const people = sealed ? [...(person ? [person] : []), ...coSigners] : [];
  const sealedRows = people.map((p) => sealedRow(env, env.newId, theCase.id, 'petition', id, p, env.now));
  const audit: AuditEntry<'petition.create'> = {
    at: env.now,
    actorId: env.actor.id,
    actorName: env.actor.displayName,
    agencyId: agency.id,
    entity: 'petition',
    entityId: id,
    caseId: theCase.id,
    action: 'petition.create',
    summary: `Tiếp nhận đơn (${CHANNEL_LABELS[input.channel]}) ngày ${formatIsoDateVi(receivedOn)}${existing ? ' — đơn trùng nội dung, gắn vào vụ việc đã có' : ''}`,
    after: { receivedOn, channel: input.channel, kind: input.type, caseCode: theCase.code, anonymous },
  };
  return { opened, petition, sealed: sealedRows, audit };
}

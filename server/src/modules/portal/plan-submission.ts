/**
 * The planner of submitPublicPetition (ADR 0025): the pure input checks, then the rows a portal submission adds —
 * the case it opens, the online petition, the sealed identity of a denouncer, the submission (tracking code and the
 * hash of its secret), the attachment rows — the audit entry with the receipt notice, the answer and the receipt
 * messages. submitPublicPetition reads, plans and writes in one transaction.
 *
 * The tracking code is drawn by the writer like a sequence (it retries on the unique index): `planReceipt` gives
 * what depends on it (the submission row, the answer, the e-mail and the SMS) for one drawn code.
 */
import { cleanText, formatIsoDateVi, normalizePhone } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import type { portalAttachments, portalSubmissions } from '../../db/schema.ts';
import type { SealedBox } from '../../security/sealer.ts';
import { AppError, type FieldIssue } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { AuditEntry } from '../audit/write-audit.ts';
import { planOpenCase, sealedRow, type IdentitySecrets, type OpenCasePlan, type SealedRow } from '../cases/open-case.ts';
import { dueStatus, type ClockView } from '../clock/deadlines.ts';
import type { OutgoingMessage } from '../notifications/enqueue-notification.ts';
import { PORTAL_LINK } from '../notifications/links.ts';
import type { PetitionRow } from '../petitions/plan-petition.ts';
import type { PlanEnv } from '../plan.ts';
import { checkAttachments, type CheckedFile, type UploadedFile } from './attachments.ts';
import { sha256 } from './tracking.ts';

export const KIND_LABELS_VI: Record<CaseKind, string> = { complaint: 'khiếu nại', denunciation: 'tố cáo', feedback: 'kiến nghị, phản ánh' };

export interface PublicPetitionInput {
  /** Agency code; omitted when the citizen does not know it ("I don't know"): then `province` is required. */
  agency?: string;
  province?: string;
  kind: CaseKind;
  content: string;
  petitioner?: { name?: string; address?: string; phone?: string; email?: string };
  consent: boolean;
  /** Honeypot: a field people never see; bots fill it. */
  website?: string;
  attachments?: UploadedFile[];
}

export interface SubmitResponse {
  trackingCode: string;
  secret: string;
  caseCode: string;
  kind: CaseKind;
  agency: { code: string; name: string };
  receivedOn: string;
  dueOn: string | null;
  dueExplanation: string | null;
  attachments: number;
  notice: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The portal input cleaned; the agency is read by the use case (a code, or the province's committee). */
export interface CheckedPetition {
  kind: CaseKind;
  content: string;
  name: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  files: CheckedFile[];
}

export type CheckedSubmission = CheckedPetition & { agency: AgencyRow };

/** The checks that need no database (field by field into `issues`); the honeypot refuses at once. */
export function checkPublicPetition(input: PublicPetitionInput, issues: FieldIssue[]): CheckedPetition {
  if (input.website && input.website.trim()) throw new AppError(400, 'error.spam');
  const p = input.petitioner ?? {};
  const name = p.name ? cleanText(p.name) || null : null;
  const address = p.address ? cleanText(p.address) || null : null;
  let phone: string | null = null;
  if (p.phone && p.phone.trim()) {
    phone = normalizePhone(p.phone);
    if (!phone) issues.push({ field: 'petitioner.phone', key: 'field.phone' });
  }
  let email: string | null = null;
  if (p.email && p.email.trim()) {
    email = p.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) issues.push({ field: 'petitioner.email', key: 'field.email' });
  }
  if (input.kind !== 'feedback') {
    if (!name) issues.push({ field: 'petitioner.name', key: 'field.required' });
    if (!address) issues.push({ field: 'petitioner.address', key: 'field.required' });
    if (!p.phone?.trim() && !p.email?.trim()) issues.push({ field: 'petitioner.phone', key: 'field.contactRequired' });
  }
  const content = cleanText(input.content ?? '');
  if (!content) issues.push({ field: 'content', key: 'field.required' });
  else if (content.length < 10) issues.push({ field: 'content', key: 'field.minLength', params: { limit: 10 } });
  if (!input.consent) issues.push({ field: 'consent', key: 'field.consentRequired' });
  const files = checkAttachments(input.attachments ?? [], issues);
  return { kind: input.kind, content, name, address, phone, email, files };
}

/** What makes two requests "the same" for an idempotency key (files by their hash). */
export function requestHash(c: CheckedSubmission): string {
  return sha256(JSON.stringify([c.agency.code, c.kind, c.content, c.name, c.address, c.phone, c.email, c.files.map((f) => sha256(f.data))]));
}

export function receiptNotice(agencyName: string, kind: CaseKind, caseCode: string, receivedOn: string, dueOn: string | null): string {
  return (
    `${agencyName} đã tiếp nhận đơn ${KIND_LABELS_VI[kind]} (mã hồ sơ ${caseCode}) gửi qua cổng trực tuyến ngày ${formatIsoDateVi(receivedOn)}` +
    (dueOn ? `; đơn được xem xét, xử lý trong thời hạn 10 ngày làm việc, đến hết ngày ${formatIsoDateVi(dueOn)}` : '') +
    '.'
  );
}

/** A file already encrypted and stored (before the transaction) under `key`. */
export interface StoredFile {
  file: CheckedFile;
  key: string;
  dataKey: SealedBox;
}

export type SubmissionRow = typeof portalSubmissions.$inferSelect;
export type AttachmentRow = typeof portalAttachments.$inferSelect;

export interface SubmissionPlan {
  opened: OpenCasePlan;
  petition: PetitionRow;
  sealed: SealedRow[];
  /** The submission row but its tracking code (drawn by the writer, see planReceipt). */
  submission: Omit<SubmissionRow, 'trackingCode'>;
  attachments: AttachmentRow[];
  audit: AuditEntry<'petition.create'>;
  notice: string;
  dueExplanation: string | null;
  checked: CheckedSubmission;
}

/**
 * The portal submission planned on what it read: the checked input with its agency, the files stored, the code of
 * the case it opens (`code`, from case_sequences), the hash of the tracking secret, the phone's rate-limit key, the
 * receipt day and the calendar view that explains the deadline.
 */
export function planSubmission(
  x: { checked: CheckedSubmission; stored: readonly StoredFile[]; code: string; secretHash: string; phoneKey: string | null; receivedOn: string; view: ClockView },
  env: PlanEnv & IdentitySecrets,
): SubmissionPlan {
  const c = x.checked;
  const { now, actor } = env;
  const sealed = c.kind === 'denunciation';
  const opened = planOpenCase({ agency: c.agency, kind: c.kind, content: c.content, receivedOn: x.receivedOn, petitionerName: c.name, via: 'petition' }, x.code, env);
  const theCase = opened.case;
  const petition: PetitionRow = {
    id: env.newId(),
    agencyId: c.agency.id,
    agencyPath: c.agency.path,
    caseId: theCase.id,
    visitId: null,
    channel: 'online',
    receivedOn: x.receivedOn,
    kind: c.kind,
    content: c.content,
    anonymous: !c.name,
    petitionerName: sealed ? null : c.name,
    petitionerIdNumber: null,
    petitionerAddress: sealed ? null : c.address,
    petitionerPhone: sealed ? null : c.phone,
    coSigners: [],
    createdBy: actor.id,
    createdAt: now,
  };
  const sealedRows = sealed && c.name ? [sealedRow(env, env.newId, theCase.id, 'petition', petition.id, { name: c.name, address: c.address, phone: c.phone }, now)] : [];
  const contact = c.name || c.email || c.phone ? env.sealer.seal(JSON.stringify({ name: c.name, email: c.email, phone: c.phone })) : null;
  const submission = { id: env.newId(), secretHash: x.secretHash, petitionId: petition.id, caseId: theCase.id, agencyId: c.agency.id, kind: c.kind, contact, phoneKey: x.phoneKey, consentAt: now, createdAt: now };
  const attachments: AttachmentRow[] = x.stored.map((s) => ({
    id: env.newId(),
    submissionId: submission.id,
    uploadedBy: null,
    caseId: theCase.id,
    storageKey: s.key,
    fileName: s.file.fileName,
    contentType: s.file.contentType,
    sizeBytes: s.file.data.length,
    sha256: sha256(s.file.data),
    dataKey: s.dataKey,
    createdAt: now,
  }));
  const notice = receiptNotice(c.agency.fullName, c.kind, theCase.code, x.receivedOn, theCase.dueOn);
  const audit: AuditEntry<'petition.create'> = {
    at: now,
    actorId: actor.id,
    actorName: actor.displayName,
    agencyId: c.agency.id,
    entity: 'petition',
    entityId: petition.id,
    caseId: theCase.id,
    action: 'petition.create',
    summary: `Tiếp nhận đơn (trực tuyến) ngày ${formatIsoDateVi(x.receivedOn)}${attachments.length ? `, kèm ${attachments.length} tệp` : ''}`,
    after: { receivedOn: x.receivedOn, channel: 'online', kind: c.kind, caseCode: theCase.code, anonymous: !c.name, attachments: attachments.length, notice },
  };
  return { opened, petition, sealed: sealedRows, submission, attachments, audit, notice, dueExplanation: dueStatus(theCase, x.view).dueExplanation, checked: c };
}

/** What depends on the drawn tracking code: the submission row, the citizen's answer and the receipt e-mail / SMS. */
export function planReceipt(plan: SubmissionPlan, trackingCode: string, secret: string): { submission: SubmissionRow; response: SubmitResponse; messages: OutgoingMessage[] } {
  const c = plan.checked;
  const theCase = plan.opened.case;
  const submission: SubmissionRow = { ...plan.submission, trackingCode };
  const response: SubmitResponse = {
    trackingCode,
    secret,
    caseCode: theCase.code,
    kind: c.kind,
    agency: { code: c.agency.code, name: c.agency.fullName },
    receivedOn: theCase.receivedOn,
    dueOn: theCase.dueOn,
    dueExplanation: plan.dueExplanation,
    attachments: plan.attachments.length,
    notice: plan.notice,
  };
  const body = [
    'Kính gửi công dân,',
    '',
    plan.notice,
    '',
    `Mã tra cứu: ${trackingCode}`,
    `Mật mã tra cứu: ${secret}`,
    `Tra cứu tình trạng hồ sơ: ${PORTAL_LINK}/tra-cuu (nhập mã tra cứu và mật mã, hoặc số điện thoại đã khai).`,
    '',
    'Vui lòng giữ thư này. Đây là thư tự động từ DânVận, vui lòng không trả lời thư này.',
  ].join('\n');
  const messages: OutgoingMessage[] = [];
  if (c.email) {
    messages.push({
      channel: 'email',
      kind: 'receipt',
      to: c.email,
      subject: `Đã tiếp nhận đơn ${KIND_LABELS_VI[c.kind]} — mã tra cứu ${trackingCode}`,
      text: body,
      dedupeKey: `receipt:${submission.id}:email`,
      caseId: theCase.id,
    });
  }
  if (c.phone) {
    messages.push({
      channel: 'sms',
      kind: 'receipt',
      to: c.phone,
      text: `DanVan: ${c.agency.fullName} da tiep nhan don ${KIND_LABELS_VI[c.kind]}. Ma tra cuu ${trackingCode}. Tra cuu: ${PORTAL_LINK}/tra-cuu`,
      dedupeKey: `receipt:${submission.id}:sms`,
      caseId: theCase.id,
    });
  }
  return { submission, response, messages };
}

/**
 * submitPublicPetition: a citizen sends a complaint, denunciation or feedback through the portal, without an
 * account. One transaction opens the case (petition-processing clock), records the online petition, seals a
 * denouncer's identity, stores the tracking code with the hash of its secret, links the attachments, writes
 * the audit row with the receipt notice, and enqueues the receipt e-mail / SMS.
 *
 * Identity (LEGAL.md): a complaint needs the complainant's name and address (Luật Khiếu nại Art. 8), a
 * denunciation the denouncer's name, address and a way to reach them (Luật Tố cáo Art. 23) — we ask for a
 * phone number or an e-mail for both; feedback may be anonymous. No ID number is asked online: the law does
 * not need it for a written petition (data minimisation). A denunciation's identity goes straight into the
 * sealed store and never into the petition or the case.
 *
 * Idempotency: with an `Idempotency-Key`, the key row is inserted first in the same transaction; a concurrent
 * request with the same key waits on its primary key and then replays the stored (sealed) response, so a
 * double tap or a resend creates one petition. The same key with another body is refused (409).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam, normalizePhone } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import type { AppContext } from '../../context.ts';
import { agencies, petitions, portalAttachments, portalIdempotencyKeys, portalSubmissions } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openCase, sealIdentity } from '../cases/open-case.ts';
import { dueStatus, clockView } from '../clock/deadlines.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { PORTAL_LINK } from '../notifications/links.ts';
import { checkAttachments, type CheckedFile, type UploadedFile } from './attachments.ts';
import type { PortalOptions } from './options.ts';
import { portalActor } from './portal-actor.ts';
import { encryptFile } from './storage.ts';
import { hashSecret, newSecret, newTrackingCode, phoneKey, sha256 } from './tracking.ts';
import { indexPetition } from '../search/index-records.ts';

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

export interface SubmitResult {
  replayed: boolean;
  response: SubmitResponse;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

interface Checked {
  agency: AgencyRow;
  kind: CaseKind;
  content: string;
  name: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  files: CheckedFile[];
}

async function check(ctx: AppContext, input: PublicPetitionInput): Promise<Checked> {
  if (input.website && input.website.trim()) throw new AppError(400, 'error.spam');
  const issues: FieldIssue[] = [];
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

  let agency: AgencyRow | undefined;
  if (input.agency) {
    agency = await agencyByCode(ctx.db, input.agency);
    if (!agency || agency.level === 'national') issues.push({ field: 'agency', key: 'field.unknownAgency', params: { code: input.agency.slice(0, 20) } });
  } else {
    // "I don't know": the province's People's Committee (its citizen reception office) takes it in and
    // forwards it to the competent agency within the processing deadline (TT 05/2021/TT-TTCP).
    agency = input.province ? await agencyByCode(ctx.db, input.province) : undefined;
    if (!agency || agency.level !== 'province') issues.push({ field: 'province', key: 'field.province' });
  }
  if (issues.length || !agency) throw invalid(...issues);
  return { agency, kind: input.kind, content, name, address, phone, email, files };
}

/** What makes two requests "the same" for an idempotency key (files by their hash). */
function requestHash(c: Checked): string {
  return sha256(
    JSON.stringify([c.agency.code, c.kind, c.content, c.name, c.address, c.phone, c.email, c.files.map((f) => sha256(f.data))]),
  );
}

async function replay(ctx: AppContext, keyHash: string, hash: string): Promise<SubmitResponse | null> {
  const [row] = await ctx.db.select().from(portalIdempotencyKeys).where(eq(portalIdempotencyKeys.keyHash, keyHash));
  if (!row) return null;
  if (row.requestHash !== hash) throw new AppError(409, 'error.idempotencyMismatch');
  if (!row.response) throw new AppError(409, 'error.conflict');
  return JSON.parse(ctx.sealer.open(row.response)) as SubmitResponse;
}

export function receiptNotice(agencyName: string, kind: CaseKind, caseCode: string, receivedOn: string, dueOn: string | null): string {
  return (
    `${agencyName} đã tiếp nhận đơn ${KIND_LABELS_VI[kind]} (mã hồ sơ ${caseCode}) gửi qua cổng trực tuyến ngày ${formatIsoDateVi(receivedOn)}` +
    (dueOn ? `; đơn được xem xét, xử lý trong thời hạn 10 ngày làm việc, đến hết ngày ${formatIsoDateVi(dueOn)}` : '') +
    '.'
  );
}

export async function submitPublicPetition(
  ctx: AppContext,
  portal: PortalOptions,
  input: PublicPetitionInput,
  opts: { idempotencyKey?: string } = {},
): Promise<SubmitResult> {
  if (opts.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(opts.idempotencyKey)) throw new AppError(400, 'error.idempotencyKey');
  const c = await check(ctx, input);
  const keyHash = opts.idempotencyKey ? sha256(`idem:${opts.idempotencyKey}`) : null;
  const hash = requestHash(c);
  if (keyHash) {
    const earlier = await replay(ctx, keyHash, hash);
    if (earlier) return { replayed: true, response: earlier };
  }
  const now = ctx.now();
  const pKey = c.phone ? phoneKey(portal.hmacKey, c.phone) : null;
  if (pKey) {
    const limit = portal.perPhoneDaily ?? 5;
    const [recent] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(portalSubmissions)
      .where(and(eq(portalSubmissions.phoneKey, pKey), gt(portalSubmissions.createdAt, new Date(now.getTime() - 24 * 3600_000))));
    if (Number(recent?.n ?? 0) >= limit) throw new AppError(429, 'error.phoneRateLimited', { limit });
  }

  // Files first (durable on disk), the rows that reference them in the transaction; removed again on failure.
  const stored: { file: CheckedFile; key: string; dataKey: ReturnType<typeof encryptFile>['dataKey'] }[] = [];
  const removeStored = () => Promise.all(stored.map((s) => portal.storage.delete(s.key).catch(() => undefined)));
  try {
    for (const file of c.files) {
      const enc = encryptFile(ctx.sealer, file.data);
      const key = `${isoDateInVietnam(now).slice(0, 7)}/${randomUUID()}`;
      await portal.storage.put(key, enc.data);
      stored.push({ file, key, dataKey: enc.dataKey });
    }
  } catch (err) {
    await removeStored();
    throw err;
  }

  const actor = await portalActor(ctx.db);
  const secret = newSecret();
  const secretHash = await hashSecret(secret);
  const receivedOn = isoDateInVietnam(now);
  // Read before the transaction: on PGlite a query outside an open transaction waits for it to end.
  const view = await clockView(ctx);
  const sealed = c.kind === 'denunciation';
  let result: SubmitResult;
  try {
    result = await ctx.db.transaction(async (tx): Promise<SubmitResult> => {
      if (keyHash) {
        const claimed = await tx.insert(portalIdempotencyKeys).values({ keyHash, requestHash: hash, createdAt: now }).onConflictDoNothing().returning();
        if (!claimed.length) {
          // Another request with this key committed while we were preparing: answer as it did.
          const [row] = await tx.select().from(portalIdempotencyKeys).where(eq(portalIdempotencyKeys.keyHash, keyHash));
          if (!row || row.requestHash !== hash) throw new AppError(409, 'error.idempotencyMismatch');
          if (!row.response) throw new AppError(409, 'error.conflict');
          return { replayed: true, response: JSON.parse(ctx.sealer.open(row.response)) as SubmitResponse };
        }
      }
      const theCase = await openCase(tx, { agency: c.agency, kind: c.kind, content: c.content, receivedOn, petitionerName: c.name, actor, now, via: 'petition' });
      const [petition] = await tx
        .insert(petitions)
        .values({
          agencyId: c.agency.id,
          agencyPath: c.agency.path,
          caseId: theCase.id,
          channel: 'online',
          receivedOn,
          kind: c.kind,
          content: c.content,
          anonymous: !c.name,
          petitionerName: sealed ? null : c.name,
          petitionerAddress: sealed ? null : c.address,
          petitionerPhone: sealed ? null : c.phone,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning();
      if (!petition) throw new Error('petition insert failed');
      await indexPetition(tx, petition); // search (issue 18)
      if (sealed && c.name) await sealIdentity(tx, ctx, theCase.id, 'petition', petition.id, { name: c.name, address: c.address, phone: c.phone }, now);

      const contact = c.name || c.email || c.phone ? ctx.sealer.seal(JSON.stringify({ name: c.name, email: c.email, phone: c.phone })) : null;
      let submission: typeof portalSubmissions.$inferSelect | undefined;
      let trackingCode = '';
      for (let attempt = 0; attempt < 5 && !submission; attempt++) {
        trackingCode = newTrackingCode();
        [submission] = await tx
          .insert(portalSubmissions)
          .values({ trackingCode, secretHash, petitionId: petition.id, caseId: theCase.id, agencyId: c.agency.id, kind: c.kind, contact, phoneKey: pKey, consentAt: now, createdAt: now })
          .onConflictDoNothing()
          .returning();
      }
      if (!submission) throw new Error('no free tracking code');
      for (const s of stored) {
        await tx.insert(portalAttachments).values({
          submissionId: submission.id,
          caseId: theCase.id,
          storageKey: s.key,
          fileName: s.file.fileName,
          contentType: s.file.contentType,
          sizeBytes: s.file.data.length,
          sha256: sha256(s.file.data),
          dataKey: s.dataKey,
          createdAt: now,
        });
      }
      const notice = receiptNotice(c.agency.fullName, c.kind, theCase.code, receivedOn, theCase.dueOn);
      await writeAudit(tx, {
        at: now,
        actorId: actor.id,
        actorName: actor.displayName,
        agencyId: c.agency.id,
        entity: 'petition',
        entityId: petition.id,
        caseId: theCase.id,
        action: 'petition.create',
        summary: `Tiếp nhận đơn (trực tuyến) ngày ${formatIsoDateVi(receivedOn)}${stored.length ? `, kèm ${stored.length} tệp` : ''}`,
        after: { receivedOn, channel: 'online', kind: c.kind, caseCode: theCase.code, anonymous: !c.name, attachments: stored.length, notice },
      });

      const due = dueStatus(theCase, view);
      const response: SubmitResponse = {
        trackingCode,
        secret,
        caseCode: theCase.code,
        kind: c.kind,
        agency: { code: c.agency.code, name: c.agency.fullName },
        receivedOn,
        dueOn: theCase.dueOn,
        dueExplanation: due.dueExplanation,
        attachments: stored.length,
        notice,
      };
      const body = [
        'Kính gửi công dân,',
        '',
        notice,
        '',
        `Mã tra cứu: ${trackingCode}`,
        `Mật mã tra cứu: ${secret}`,
        `Tra cứu tình trạng hồ sơ: ${PORTAL_LINK}/tra-cuu (nhập mã tra cứu và mật mã, hoặc số điện thoại đã khai).`,
        '',
        'Vui lòng giữ thư này. Đây là thư tự động từ DânVận, vui lòng không trả lời thư này.',
      ].join('\n');
      if (c.email) {
        await enqueueNotification(tx, ctx, {
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
        await enqueueNotification(tx, ctx, {
          channel: 'sms',
          kind: 'receipt',
          to: c.phone,
          text: `DanVan: ${c.agency.fullName} da tiep nhan don ${KIND_LABELS_VI[c.kind]}. Ma tra cuu ${trackingCode}. Tra cuu: ${PORTAL_LINK}/tra-cuu`,
          dedupeKey: `receipt:${submission.id}:sms`,
          caseId: theCase.id,
        });
      }
      if (keyHash) {
        await tx
          .update(portalIdempotencyKeys)
          .set({ submissionId: submission.id, response: ctx.sealer.seal(JSON.stringify(response)) })
          .where(eq(portalIdempotencyKeys.keyHash, keyHash));
      }
      return { replayed: false, response };
    });
  } catch (err) {
    await removeStored();
    throw err;
  }
  if (result.replayed) await removeStored();
  return result;
}

/** Provinces for the "I don't know the agency" choice. */
export async function listProvinces(ctx: AppContext) {
  return ctx.db.select({ code: agencies.code, name: agencies.unitName }).from(agencies).where(eq(agencies.level, 'province')).orderBy(agencies.sortKey, agencies.code);
}

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
 *
 * Read → plan → write (ADR 0025): the planner is `planSubmission` / `planReceipt` (plan-submission.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { jsonInsert, type Tx } from '../../db/client.ts';
import { agencies, petitions, portalAttachments, portalIdempotencyKeys, portalSubmissions, sealedIdentities } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openingReads, writeOpenedCase } from '../cases/open-case.ts';
import { clockView } from '../clock/deadlines.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { petitionIndexWrite } from '../search/index-records.ts';
import type { PortalOptions } from './options.ts';
import {
  checkPublicPetition,
  planReceipt,
  planSubmission,
  requestHash,
  type CheckedSubmission,
  type PublicPetitionInput,
  type StoredFile,
  type SubmissionPlan,
  type SubmitResponse,
} from './plan-submission.ts';
import { portalActor } from './portal-actor.ts';
import { encryptFile } from './storage.ts';
import { hashSecret, newSecret, newTrackingCode, phoneKey, sha256 } from './tracking.ts';

export interface SubmitResult {
  replayed: boolean;
  response: SubmitResponse;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

async function check(ctx: AppContext, input: PublicPetitionInput): Promise<CheckedSubmission> {
  const issues: FieldIssue[] = [];
  const checked = checkPublicPetition(input, issues);
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
  return { ...checked, agency };
}

async function replay(ctx: AppContext, keyHash: string, hash: string): Promise<SubmitResponse | null> {
  const [row] = await ctx.db.select().from(portalIdempotencyKeys).where(eq(portalIdempotencyKeys.keyHash, keyHash));
  if (!row) return null;
  if (row.requestHash !== hash) throw new AppError(409, 'error.idempotencyMismatch');
  if (!row.response) throw new AppError(409, 'error.conflict');
  return JSON.parse(ctx.sealer.open(row.response)) as SubmitResponse;
}

/**
 * The writer (ADR 0025), inside the transaction: the case, the petition and its search entry, the sealed identity,
 * the submission under a freshly drawn tracking code (retried on the unique index), the attachments, the audit row,
 * the receipt messages and the idempotency key's answer.
 */
async function writeSubmission(tx: Tx, ctx: AppContext, plan: SubmissionPlan, secret: string, keyHash: string | null): Promise<SubmitResponse> {
  // One statement: the case, the petition, its search entry (issue 18) and the sealed identity (writeTogether).
  await writeOpenedCase(tx, plan.opened, [jsonInsert(petitions, [plan.petition]), petitionIndexWrite(plan.petition), plan.sealed.length > 0 && jsonInsert(sealedIdentities, plan.sealed)]);
  let receipt: ReturnType<typeof planReceipt> | undefined;
  for (let attempt = 0; attempt < 5 && !receipt; attempt++) {
    const drawn = planReceipt(plan, newTrackingCode(), secret);
    const inserted = await tx.insert(portalSubmissions).values(drawn.submission).onConflictDoNothing().returning({ id: portalSubmissions.id });
    if (inserted.length) receipt = drawn;
  }
  if (!receipt) throw new Error('no free tracking code');
  if (plan.attachments.length) await tx.insert(portalAttachments).values(plan.attachments);
  await writeAudit(tx, plan.audit);
  for (const m of receipt.messages) await enqueueNotification(tx, ctx, m);
  if (keyHash) {
    await tx
      .update(portalIdempotencyKeys)
      .set({ submissionId: receipt.submission.id, response: ctx.sealer.seal(JSON.stringify(receipt.response)) })
      .where(eq(portalIdempotencyKeys.keyHash, keyHash));
  }
  return receipt.response;
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
  const stored: StoredFile[] = [];
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
      const { code, compute } = await openingReads(tx, c.agency, receivedOn);
      const plan = planSubmission(
        { checked: c, stored, code, secretHash, phoneKey: pKey, receivedOn, view },
        { now, actor, newId: randomUUID, compute, sealer: ctx.sealer, personHasher: ctx.personHasher },
      );
      return { replayed: false, response: await writeSubmission(tx, ctx, plan, secret, keyHash) };
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

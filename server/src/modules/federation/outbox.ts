/**
 * Outgoing packages (ADR 0019): written in the transaction of the step that causes them (a forward to an agency on
 * another instance, a status change of a case received from one), delivered afterwards by a worker with retries and
 * backoff. At-least-once delivery + the receiver's idempotency on the package id = exactly one effect. A kill -9 after
 * the receiver acknowledged but before our commit sends the package again; the receiver answers "already received".
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, or, isNull, sql } from 'drizzle-orm';
import { isoDateInVietnam, formatIsoDateVi } from '@danvan/domain/text';
import { backoffSeconds, MAX_ATTEMPTS, REMOTE_STATUS_LABELS_VI, statusForAction, type PackagePayload, type RemoteStatus } from '@danvan/domain/federation/envelope';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { cases, federationPackages, petitions, sealedIdentities } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { CaseRow } from '../cases/open-case.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { instanceById, verifyFromPeer, type InstanceEntry } from './directory.ts';
import { currentKey, instanceIdentity, peerCurrentKey, sealTo, signJson } from './keys.ts';

export const PACKAGE_TYP = 'danvan-package+jws';
export const ACK_TYP = 'danvan-ack+jws';

async function insertOutgoing(tx: Tx, ctx: AppContext, payload: PackagePayload, caseId: string | null): Promise<string> {
  const me = instanceIdentity(ctx);
  const key = await currentKey(tx, ctx.sealer, ctx.now());
  const body = await signJson(key, me.id, PACKAGE_TYP, payload);
  const h = payload.header;
  await tx.insert(federationPackages).values({
    id: h.packageId,
    direction: 'out',
    type: h.type,
    peerInstance: h.toInstance,
    fromAgency: h.fromAgency,
    toAgency: h.toAgency,
    documentNo: h.documentNo,
    documentDate: h.documentDate,
    caseId,
    refersTo: h.refersTo,
    body,
    status: 'pending',
    nextAttemptAt: ctx.now(),
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
  });
  return h.packageId;
}

/**
 * Forward to an agency served by another instance: the package replaces the local linked case. The denouncers'
 * identities are opened here and sealed to the receiving instance's key (JWE): never in the clear in the package.
 */
export async function enqueueForward(
  tx: Tx,
  ctx: AppContext,
  x: { source: CaseRow; sourceAgency: AgencyRow; target: AgencyRow; peer: InstanceEntry; on: string; actor: CurrentUser },
): Promise<string> {
  const now = ctx.now();
  const me = instanceIdentity(ctx);
  const [first] = await tx.select().from(petitions).where(eq(petitions.caseId, x.source.id)).limit(1);
  const denunciation = x.source.kind === 'denunciation';
  let sealedIdentity: string | null = null;
  if (denunciation) {
    const boxes = await tx.select().from(sealedIdentities).where(eq(sealedIdentities.caseId, x.source.id));
    if (boxes.length) {
      const peerKey = peerCurrentKey(x.peer.keys, now);
      if (!peerKey) throw new AppError(409, 'error.guard', { reason: `hệ thống nhận ${x.peer.id} chưa có khóa mã hóa còn hiệu lực trong danh bạ`, allowed: '—' });
      sealedIdentity = await sealTo(peerKey, JSON.stringify(boxes.map((b) => JSON.parse(ctx.sealer.open(b)) as unknown)));
    }
  }
  const payload: PackagePayload = {
    header: {
      packageId: randomUUID(),
      type: 'edoc',
      fromInstance: me.id,
      toInstance: x.peer.id,
      fromAgency: x.sourceAgency.code,
      toAgency: x.target.code,
      documentNo: x.source.code,
      documentDate: x.on,
      refersTo: null,
      sentAt: now.toISOString(),
    },
    body: {
      case: {
        code: x.source.code,
        kind: x.source.kind,
        field: x.source.field,
        content: x.source.content,
        contentKey: x.source.contentKey,
        petitionerName: denunciation ? null : x.source.petitionerName,
        petitioner:
          denunciation || !first
            ? null
            : { name: first.petitionerName ?? x.source.petitionerName, idNumber: first.petitionerIdNumber, address: first.petitionerAddress, phone: first.petitionerPhone, anonymous: first.anonymous },
        receivedOn: x.source.receivedOn,
        instance: x.source.instance,
      },
      sealedIdentity,
      attachments: [],
    },
  };
  return insertOutgoing(tx, ctx, payload, x.source.id);
}

/** Recall (revocation), replacement or update of an edoc sent earlier (NĐ 30/2020 Art. 18; e6). */
export async function enqueueFollowUp(
  tx: Tx,
  ctx: AppContext,
  x: { edoc: typeof federationPackages.$inferSelect; type: 'revocation' | 'replacement' | 'update'; content?: string; reason: string },
): Promise<string> {
  const me = instanceIdentity(ctx);
  const now = ctx.now();
  const [c] = x.edoc.caseId ? await tx.select().from(cases).where(eq(cases.id, x.edoc.caseId)) : [];
  const payload: PackagePayload = {
    header: {
      packageId: randomUUID(),
      type: x.type,
      fromInstance: me.id,
      toInstance: x.edoc.peerInstance,
      fromAgency: x.edoc.fromAgency,
      toAgency: x.edoc.toAgency,
      documentNo: x.edoc.documentNo,
      documentDate: isoDateInVietnam(now),
      refersTo: x.edoc.id,
      sentAt: now.toISOString(),
    },
    body: {
      reason: x.reason,
      ...(x.type !== 'revocation' && c
        ? { case: { code: c.code, kind: c.kind, field: c.field, content: x.content ?? c.content, contentKey: c.contentKey, petitionerName: null, petitioner: null, receivedOn: c.receivedOn, instance: c.instance } }
        : {}),
    },
  };
  return insertOutgoing(tx, ctx, payload, x.edoc.caseId);
}

/**
 * A step on a case received from another instance: its processing status goes back to the sender (accepted,
 * rejected, processing, done), in the transaction of the step. Called by transitionCase; a no-op for local cases.
 */
export async function reportCaseStep(tx: Tx, ctx: AppContext, c: CaseRow, action: string, on: string, note: string): Promise<void> {
  const status = statusForAction(action);
  if (!status) return;
  const [incoming] = await tx
    .select()
    .from(federationPackages)
    .where(and(eq(federationPackages.direction, 'in'), eq(federationPackages.caseId, c.id), eq(federationPackages.type, 'edoc'), eq(federationPackages.status, 'accepted')))
    .limit(1);
  if (!incoming) return;
  await enqueueStatus(tx, ctx, incoming, status, on, note, c.code);
}

export async function enqueueStatus(tx: Tx, ctx: AppContext, incoming: typeof federationPackages.$inferSelect, status: RemoteStatus, on: string, note: string, caseCode: string | null) {
  const me = instanceIdentity(ctx);
  const now = ctx.now();
  await insertOutgoing(
    tx,
    ctx,
    {
      header: {
        packageId: randomUUID(),
        type: 'status',
        fromInstance: me.id,
        toInstance: incoming.peerInstance,
        fromAgency: incoming.toAgency,
        toAgency: incoming.fromAgency,
        documentNo: incoming.documentNo,
        documentDate: on,
        refersTo: incoming.id,
        sentAt: now.toISOString(),
      },
      body: { status: { value: status, on, note, caseCode } },
    },
    incoming.caseId,
  );
}

export interface DeliveryResult {
  delivered: number;
  returned: number;
  retrying: number;
}

let running: Promise<DeliveryResult> | null = null;

/**
 * Delivers the due outgoing packages (all pending ones with `force`), oldest first. One run at a time per process;
 * concurrent runs in other processes are harmless (the receiver is idempotent).
 */
export function deliverDue(ctx: AppContext, opts: { force?: boolean; fetchImpl?: typeof fetch } = {}): Promise<DeliveryResult> {
  if (running) return running.then(() => deliverDue(ctx, opts));
  running = deliverOnce(ctx, opts).finally(() => (running = null));
  return running;
}

async function deliverOnce(ctx: AppContext, opts: { force?: boolean; fetchImpl?: typeof fetch }): Promise<DeliveryResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  const now = ctx.now();
  const due = await ctx.db
    .select()
    .from(federationPackages)
    .where(
      and(
        eq(federationPackages.direction, 'out'),
        eq(federationPackages.status, 'pending'),
        opts.force ? sql`true` : or(isNull(federationPackages.nextAttemptAt), lte(federationPackages.nextAttemptAt, now)),
      ),
    )
    .orderBy(asc(federationPackages.createdAt))
    .limit(200);
  const result: DeliveryResult = { delivered: 0, returned: 0, retrying: 0 };
  for (const p of due) {
    const peer = await instanceById(ctx.db, p.peerInstance);
    if (!peer) {
      await markReturned(ctx, p, `Hệ thống nhận ${p.peerInstance} không còn trong danh bạ liên thông`);
      result.returned++;
      continue;
    }
    let status = 0;
    let answer: { ack?: string; reason?: string } = {};
    try {
      const res = await doFetch(`${peer.baseUrl}/api/v1/federation/packages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ package: p.body }),
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      answer = (await res.json().catch(() => ({}))) as typeof answer;
    } catch (e) {
      await retryLater(ctx, p, `Không kết nối được ${peer.baseUrl}: ${e instanceof Error ? e.message : String(e)}`);
      result.retrying++;
      continue;
    }
    // Test hook (kill -9 between the receiver's acknowledgement and our commit, issue 16 "Must show").
    if (process.env.DANVAN_TEST_FEDERATION_CRASH_AFTER_SEND === '1') process.kill(process.pid, 'SIGKILL');
    if (status === 200 && answer.ack) {
      try {
        const { payload } = await verifyFromPeer(ctx, peer, answer.ack, { fetchImpl: doFetch });
        const ack = payload as { packageId?: string; receivedAt?: string; caseCode?: string | null };
        if (ack.packageId !== p.id) throw new Error('ack for another package');
        await markDelivered(ctx, p, answer.ack, ack.receivedAt ? new Date(ack.receivedAt) : ctx.now(), ack.caseCode ?? null);
        result.delivered++;
      } catch (e) {
        await retryLater(ctx, p, `Biên nhận không hợp lệ: ${e instanceof Error ? e.message : String(e)}`);
        result.retrying++;
      }
    } else if (status === 422 || status === 403 || status === 400) {
      await markReturned(ctx, p, answer.reason ?? `HTTP ${status}`);
      result.returned++;
    } else {
      await retryLater(ctx, p, `HTTP ${status}`);
      result.retrying++;
    }
  }
  return result;
}

/** The outgoing statuses an operator may put back in the delivery queue (retryOutgoingPackage). */
export const RETRYABLE_STATUSES = ['failed', 'returned'] as const;

/**
 * Puts a failed or returned outgoing package back in the outbox, due now, with its attempts and back-off reset and
 * its last error / return reason cleared (kept in the audit row the caller writes). The same signed bytes go again:
 * the package id does not change, so the receiver's idempotency still holds. Returns the row before the change, or
 * null when the package is not (or no longer) in a retryable state — the condition is in the UPDATE, so two
 * operators clicking at once re-queue it once.
 */
export async function requeueOutgoing(tx: Tx, now: Date, id: string): Promise<typeof federationPackages.$inferSelect | null> {
  const [before] = await tx
    .select()
    .from(federationPackages)
    .where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, id)))
    .for('update');
  if (!before || !(RETRYABLE_STATUSES as readonly string[]).includes(before.status)) return null;
  await tx
    .update(federationPackages)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, returnReason: null, updatedAt: now })
    .where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, id), inArray(federationPackages.status, [...RETRYABLE_STATUSES])));
  return before;
}

async function retryLater(ctx: AppContext, p: typeof federationPackages.$inferSelect, error: string) {
  const attempts = p.attempts + 1;
  const next = new Date(ctx.now().getTime() + backoffSeconds(attempts) * 1000);
  await ctx.db
    .update(federationPackages)
    .set({ attempts, lastError: error.slice(0, 500), nextAttemptAt: next, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', updatedAt: ctx.now() })
    .where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, p.id), eq(federationPackages.status, 'pending')));
}

async function markDelivered(ctx: AppContext, p: typeof federationPackages.$inferSelect, ack: string, ackedAt: Date, remoteCaseCode: string | null) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(federationPackages)
      .set({ status: 'delivered', ack, ackedAt, attempts: p.attempts + 1, lastError: null, remoteStatus: p.type === 'edoc' ? 'received' : p.remoteStatus, updatedAt: now })
      .where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, p.id), inArray(federationPackages.status, ['pending', 'failed'])))
      .returning();
    if (!u || p.type !== 'edoc' || !p.caseId) return;
    const [c] = await tx.select().from(cases).where(eq(cases.id, p.caseId));
    if (!c) return;
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: p.peerInstance,
      agencyId: c.agencyId,
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: 'federation.acknowledged',
      summary: `Hệ thống liên thông ${p.peerInstance} xác nhận đã nhận văn bản chuyển đơn số ${p.documentNo} ngày ${formatIsoDateVi(isoDateInVietnam(ackedAt))}${remoteCaseCode ? `; mã hồ sơ tại nơi nhận: ${remoteCaseCode}` : ''} (Điều 21 Nghị định 30/2020/NĐ-CP)`,
      after: { packageId: p.id, ackedAt: ackedAt.toISOString(), remoteCaseCode },
    });
  });
}

async function markReturned(ctx: AppContext, p: typeof federationPackages.$inferSelect, reason: string) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(federationPackages)
      .set({ status: 'returned', returnReason: reason.slice(0, 1000), attempts: p.attempts + 1, updatedAt: now })
      .where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, p.id), eq(federationPackages.status, 'pending')))
      .returning();
    if (!u || !p.caseId) return;
    const [c] = await tx.select().from(cases).where(eq(cases.id, p.caseId));
    if (!c) return;
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: p.peerInstance,
      agencyId: c.agencyId,
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: 'federation.returned',
      summary: `Văn bản liên thông số ${p.documentNo} bị trả lại qua hệ thống: ${reason}`,
      after: { packageId: p.id, type: p.type, reason },
    });
  });
}

/** A status message from the receiver of one of our edocs: the case shows it (history) and the outbox keeps the last. */
export async function applyRemoteStatus(tx: Tx, refersTo: string, fromInstance: string, status: { value: RemoteStatus; on: string; note: string; caseCode: string | null }, now: Date): Promise<boolean> {
  const [p] = await tx.select().from(federationPackages).where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, refersTo)));
  if (!p || p.peerInstance !== fromInstance) return false;
  await tx.update(federationPackages).set({ remoteStatus: status.value, updatedAt: now }).where(and(eq(federationPackages.direction, 'out'), eq(federationPackages.id, refersTo)));
  if (p.caseId) {
    const [c] = await tx.select().from(cases).where(eq(cases.id, p.caseId));
    if (c) {
      await writeAudit(tx, {
        at: now,
        actorId: null,
        actorName: fromInstance,
        agencyId: c.agencyId,
        entity: 'case',
        entityId: c.id,
        caseId: c.id,
        action: 'federation.status',
        summary: `Nơi nhận (${fromInstance}${status.caseCode ? `, hồ sơ ${status.caseCode}` : ''}) báo: ${REMOTE_STATUS_LABELS_VI[status.value]} ngày ${formatIsoDateVi(status.on)}${status.note ? ` — ${status.note}` : ''}`,
        after: { packageId: refersTo, status: status.value, on: status.on },
      });
    }
  }
  return true;
}

/** The delivery worker of `danvan serve`: every `seconds`, and whenever `kick()` is called. */
export function startDeliveryWorker(ctx: AppContext, log: { warn: (o: object, msg: string) => void }, seconds: number): { stop: () => void } {
  const run = () =>
    void deliverDue(ctx).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'federation: delivery failed'));
  const timer = setInterval(run, seconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}


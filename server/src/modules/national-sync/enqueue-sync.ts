/**
 * The hook of the national complaints database sync (NĐ 55/2022 Art. 8: update immediately on receiving or
 * accepting a case and during its handling). openCase, transitionCase (and the case a forward or an appeal opens)
 * call `enqueueCaseSync` inside their own transaction: an event exists exactly when the step was committed.
 *
 * The payload (documented in docs/adr/0021-open311-and-national-sync.md) is built here from the case row after the
 * step. It never carries a sealed identity: for a denunciation the petitioner is null and `identitySealed` is true;
 * free-text notes and reasons of a step are not sent (they may name people); the content is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { jsonInsert, queryRows, type DbOrTx } from '../../db/client.ts';
import { cases, nationalSyncOutbox } from '../../db/schema.ts';
import { canonicalJson } from '../audit/write-audit.ts';

export const SYNC_SCHEMA = 'danvan.national-sync/1';

/** The case columns the payload reads (a CaseRow satisfies it). */
export interface SyncCase {
  id: string;
  code: string;
  agencyPath: string;
  kind: string;
  state: string;
  jurisdiction: string | null;
  field: string | null;
  content: string;
  petitionerName: string | null;
  receivedOn: string;
  acceptedOn: string | null;
  decidedOn: string | null;
  closedOn: string | null;
  outcome: string | null;
  dueOn: string | null;
  dueRule: string | null;
  instance: number;
  forwardedFromId: string | null;
  previousInstanceId: string | null;
}

export interface SyncStep {
  /** open (received at this agency), receive-forwarded / open-second-instance, or a workflow action. */
  action: string;
  /** The day the step took effect. */
  on: string;
  outcome?: string | null;
  /** forward / appeal / chase: the other agency's code. */
  targetAgency?: string | null;
}

export interface SyncPayload {
  schema: typeof SYNC_SCHEMA;
  messageId: string;
  /** case.withdrawn: the case was removed at the source (an Excel import undone) after events of it were sent. */
  event: 'case.received' | 'case.step' | 'case.withdrawn';
  /** 1, 2, 3… per case: the receiver applies a case's events in this order. */
  caseSequence: number;
  occurredAt: string;
  source: { system: 'DânVận'; agencyCode: string };
  case: {
    code: string;
    kind: string;
    field: string | null;
    state: string;
    jurisdiction: string | null;
    instance: number;
    receivedOn: string;
    acceptedOn: string | null;
    decidedOn: string | null;
    closedOn: string | null;
    outcome: string | null;
    dueOn: string | null;
    dueRule: string | null;
    content: string;
    /** null for a denunciation (identity sealed, never sent) and for an anonymous petition. */
    petitionerName: string | null;
    identitySealed: boolean;
    forwardedFromCode: string | null;
    previousInstanceCode: string | null;
  };
  step: { action: string; on: string; outcome: string | null; targetAgency: string | null };
}

const OPENING_ACTIONS = new Set(['open', 'receive-forwarded', 'open-second-instance', 'open-re-denunciation']);
/** The step of a `case.withdrawn` event: the Excel import that brought the case in was undone (imports/undo-import.ts). */
export const IMPORT_UNDONE = 'import-undone';

async function codeOf(db: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [r] = await db.select({ code: cases.code }).from(cases).where(eq(cases.id, id));
  return r?.code ?? null;
}

export function buildPayload(c: SyncCase, step: SyncStep, x: { messageId: string; caseSequence: number; at: Date; forwardedFromCode: string | null; previousInstanceCode: string | null }): SyncPayload {
  const sealed = c.kind === 'denunciation';
  return {
    schema: SYNC_SCHEMA,
    messageId: x.messageId,
    event: OPENING_ACTIONS.has(step.action) ? 'case.received' : step.action === IMPORT_UNDONE ? 'case.withdrawn' : 'case.step',
    caseSequence: x.caseSequence,
    occurredAt: x.at.toISOString(),
    source: { system: 'DânVận', agencyCode: c.agencyPath.split('/').pop() ?? c.agencyPath },
    case: {
      code: c.code,
      kind: c.kind,
      field: c.field,
      state: c.state,
      jurisdiction: c.jurisdiction,
      instance: c.instance,
      receivedOn: c.receivedOn,
      acceptedOn: c.acceptedOn,
      decidedOn: c.decidedOn,
      closedOn: c.closedOn,
      outcome: c.outcome,
      dueOn: c.dueOn,
      dueRule: c.dueRule,
      content: c.content,
      petitionerName: sealed ? null : c.petitionerName,
      identitySealed: sealed,
      forwardedFromCode: x.forwardedFromCode,
      previousInstanceCode: x.previousInstanceCode,
    },
    step: { action: step.action, on: step.on, outcome: step.outcome ?? null, targetAgency: step.targetAgency ?? null },
  };
}

/** Queues one event for the national database, in the caller's transaction. */
export async function enqueueCaseSync(tx: DbOrTx, now: Date, c: SyncCase, step: SyncStep): Promise<string> {
  const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from national_sync_outbox where case_id = ${c.id}`);
  const row = syncRow(c, step, now, Number(n?.n ?? 0) + 1, { forwardedFromCode: await codeOf(tx, c.forwardedFromId), previousInstanceCode: await codeOf(tx, c.previousInstanceId) });
  await tx.insert(nationalSyncOutbox).values(row);
  wakeNationalSync();
  return row.id;
}

/**
 * The first event of a case opened at intake (no earlier event, no linked case: nothing to read), as a write to send
 * with the case's own (writeTogether); the caller wakes the worker after it (wakeNationalSync).
 */
export function openedCaseSyncWrite(now: Date, c: SyncCase, step: SyncStep) {
  if (c.forwardedFromId || c.previousInstanceId) throw new Error('openedCaseSyncWrite: a linked case needs enqueueCaseSync');
  return jsonInsert(nationalSyncOutbox, [syncRow(c, step, now, 1, { forwardedFromCode: null, previousInstanceCode: null })]);
}

function syncRow(c: SyncCase, step: SyncStep, now: Date, caseSequence: number, codes: { forwardedFromCode: string | null; previousInstanceCode: string | null }) {
  const id = randomUUID();
  const payload = buildPayload(c, step, { messageId: id, caseSequence, at: now, ...codes });
  return {
    id,
    caseId: c.id,
    agencyPath: c.agencyPath,
    event: payload.event,
    action: step.action,
    payload,
    payloadSha256: createHash('sha256').update(canonicalJson(payload)).digest('hex'),
    nextAttemptAt: now,
    createdAt: now,
  };
}

/**
 * The events of a case brought in by an Excel import (imports/import-cases.ts), built in memory for one bulk insert
 * in the import's transaction: `open` (or `receive-forwarded` for the receiving agency's case of a forwarded row)
 * and one per imported step, in order (caseSequence 1, 2, …), each with the case as it stood after that step — the
 * same events the desk would have queued clicking the same steps. `final` gives the real code (the snapshots were
 * planned under provisional numbers); `codes` the codes of the cases it links to.
 */
export function importedCaseSyncRows(
  final: SyncCase,
  events: readonly { step: SyncStep; row: SyncCase }[],
  now: Date,
  codes: { forwardedFromCode: string | null; previousInstanceCode: string | null },
): (typeof nationalSyncOutbox.$inferInsert)[] {
  return events.map((e, i) => ({ ...syncRow({ ...e.row, id: final.id, code: final.code }, e.step, now, i + 1, codes), caseId: final.id, agencyPath: final.agencyPath }));
}

// ── Waking the in-process worker right after a commit (the poll interval is the fallback) ──

let waker: (() => void) | null = null;
export function setNationalSyncWaker(fn: (() => void) | null): void {
  waker = fn;
}
export function wakeNationalSync(): void {
  if (waker) setTimeout(() => waker?.(), 50).unref();
}

/**
 * getSyncStatus (the backlog view) and retryNationalSync (an operator's retry), both scoped to the subtrees where
 * the user is admin or monitor (retry: admin only). Counts, the oldest event still waiting, the last error, and
 * the unsent events themselves (case code, step, attempts, error — never the payload). The case code is read from
 * the event's payload, not from `cases`: a `case.withdrawn` event outlives its case (an Excel import undone).
 */
import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { pathWithin, type Role } from '@danvan/domain/roles';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { nationalSyncOutbox } from '../../db/schema.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { subtreeCondition, type CurrentUser } from '../auth/current-user.ts';
import { requireAgency } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { NationalSyncConfig } from './config.ts';
import { wakeNationalSync } from './enqueue-sync.ts';
import { SYNC_RETRY_ROLES, SYNC_VIEW_ROLES } from './policy.ts';


/** The subtree roots the request covers: the given agency (inside the user's grants) or every granted root. */
async function scopeRoots(ctx: AppContext, user: CurrentUser, roles: readonly Role[], agency?: string): Promise<{ roots: string[]; agencyId: string | null }> {
  const granted = [...new Set(user.grants.filter((g) => roles.includes(g.role)).map((g) => g.agencyPath))];
  if (granted.length === 0) throw new AppError(403, 'error.forbidden');
  if (!agency) return { roots: granted, agencyId: user.grants.find((g) => roles.includes(g.role))?.agencyId ?? null };
  const a = await requireAgency(ctx.db, agency);
  if (!granted.some((root) => pathWithin(a.path, root))) throw notFound();
  return { roots: [a.path], agencyId: a.id };
}

function within(roots: string[]): SQL {
  return sql`(${sql.join(roots.map((r) => subtreeCondition(r, sql`o.agency_path`)), sql` or `)})`;
}

export interface SyncStatus {
  configured: boolean;
  endpointHost: string | null;
  counts: { pending: number; sending: number; sent: number; failed: number };
  oldestPending: { caseCode: string; action: string; createdAt: string; ageMinutes: number } | null;
  lastError: { at: string; caseCode: string; error: string; httpStatus: number | null } | null;
  lastSentAt: string | null;
  unsent: { id: string; caseCode: string; event: string; action: string; status: string; attempts: number; createdAt: string; nextAttemptAt: string; lastError: string | null; lastHttpStatus: number | null }[];
}

const iso = (v: unknown): string => new Date(v as string).toISOString();

export async function getSyncStatus(ctx: AppContext, config: NationalSyncConfig, user: CurrentUser, q: { agency?: string; limit?: number }): Promise<SyncStatus> {
  const { roots } = await scopeRoots(ctx, user, SYNC_VIEW_ROLES, q.agency);
  const w = within(roots);
  const counts = await queryRows<{ status: string; n: number }>(ctx.db, sql`select o.status, count(*)::int as n from national_sync_outbox o where ${w} group by o.status`);
  const c = { pending: 0, sending: 0, sent: 0, failed: 0 } as SyncStatus['counts'];
  for (const r of counts) if (r.status in c) c[r.status as keyof typeof c] = Number(r.n);
  const [oldest] = await queryRows<{ code: string; action: string; created_at: string }>(ctx.db, sql`
    select o.payload #>> '{case,code}' as code, o.action, o.created_at from national_sync_outbox o
     where ${w} and o.status <> 'sent' order by o.seq limit 1`);
  const [lastErr] = await queryRows<{ code: string; at: string; error: string | null; http_status: number | null }>(ctx.db, sql`
    select o.payload #>> '{case,code}' as code, a.at, a.error, a.http_status from national_sync_attempts a
      join national_sync_outbox o on o.id = a.outbox_id
     where ${w} and not a.ok order by a.at desc, a.id desc limit 1`);
  const [lastSent] = await queryRows<{ at: string | null }>(ctx.db, sql`select max(o.sent_at) as at from national_sync_outbox o where ${w}`);
  const unsent = await queryRows<{ id: string; code: string; event: string; action: string; status: string; attempts: number; created_at: string; next_attempt_at: string; last_error: string | null; last_http_status: number | null }>(ctx.db, sql`
    select o.id, o.payload #>> '{case,code}' as code, o.event, o.action, o.status, o.attempts, o.created_at, o.next_attempt_at, o.last_error, o.last_http_status
      from national_sync_outbox o
     where ${w} and o.status <> 'sent' order by o.seq limit ${q.limit ?? 50}`);
  const now = ctx.now().getTime();
  return {
    configured: Boolean(config.url),
    endpointHost: config.url ? new URL(config.url).host : null,
    counts: c,
    oldestPending: oldest ? { caseCode: oldest.code, action: oldest.action, createdAt: iso(oldest.created_at), ageMinutes: Math.max(0, Math.floor((now - new Date(oldest.created_at).getTime()) / 60_000)) } : null,
    lastError: lastErr ? { at: iso(lastErr.at), caseCode: lastErr.code, error: lastErr.error ?? '', httpStatus: lastErr.http_status === null ? null : Number(lastErr.http_status) } : null,
    lastSentAt: lastSent?.at ? iso(lastSent.at) : null,
    unsent: unsent.map((r) => ({
      id: r.id,
      caseCode: r.code,
      event: r.event,
      action: r.action,
      status: r.status,
      attempts: Number(r.attempts),
      createdAt: iso(r.created_at),
      nextAttemptAt: iso(r.next_attempt_at),
      lastError: r.last_error,
      lastHttpStatus: r.last_http_status === null ? null : Number(r.last_http_status),
    })),
  };
}

/**
 * Retry: failed events in scope go back to pending with their attempts reset, and waiting ones are due at once.
 * Events already sent are never touched (delivered once). Audited in the same transaction.
 */
export async function retryNationalSync(ctx: AppContext, user: CurrentUser, input: { agency?: string; ids?: string[] }): Promise<{ requeued: number }> {
  const { roots, agencyId } = await scopeRoots(ctx, user, SYNC_RETRY_ROLES, input.agency);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string; status: string }>(tx, sql`
      select o.id, o.status from national_sync_outbox o
       where ${within(roots)} and o.status in ('pending', 'failed')
         ${input.ids?.length ? sql`and o.id in (${sql.join(input.ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
       for update`);
    if (input.ids?.length && rows.length === 0) throw notFound();
    const ids = rows.map((r) => r.id);
    if (ids.length) {
      await tx.update(nationalSyncOutbox).set({ status: 'pending', attempts: sql`case when ${nationalSyncOutbox.status} = 'failed' then 0 else ${nationalSyncOutbox.attempts} end`, nextAttemptAt: now }).where(and(inArray(nationalSyncOutbox.id, ids)));
    }
    const failed = rows.filter((r) => r.status === 'failed').length;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId,
      entity: 'national-sync',
      entityId: input.agency ?? 'all',
      action: 'national-sync.retry',
      summary: `Gửi lại dữ liệu lên CSDL quốc gia về khiếu nại, tố cáo: ${ids.length} sự kiện (${failed} đã thất bại)`,
      after: { requeued: ids.length, failed, ids: ids.slice(0, 100) },
    });
    wakeNationalSync();
    return { requeued: ids.length };
  });
}

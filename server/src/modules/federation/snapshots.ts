/**
 * The national roll-up across instances (ADR 0020): signed counter snapshots. An instance answers a signed request
 * from a registered instance with its report counters (modules/reports/counters.ts: flows per scope, child and
 * half-month) for the subtrees it serves, signed with its key. The national instance pulls every peer's snapshot
 * (per period, or whenever asked) and keeps the rows in federation_counter_rows, which the report reads beside its
 * own counters: every indicator at every level, from counts only — no record is copied.
 */
import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { agencies, federationCounterRows, federationSnapshots } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { listInstances, instanceById, verifyFromPeer } from './directory.ts';
import { claimedIssuer, currentKey, instanceIdentity, signJson } from './keys.ts';

export const SNAPSHOT_TYP = 'danvan-counters+jws';
export const REQUEST_TYP = 'danvan-request+jws';

type CounterRow = [scope: string, child: string, bucket: string, key: string, prev: string, n: number];

interface SnapshotPayload {
  instance: string;
  asOf: string;
  /** The paths of the served subtrees the rows cover. */
  paths: string[];
  rows: CounterRow[];
}

/** This instance's counters for the subtrees it serves: within them, and on the ancestors' scopes for their branch. */
export async function localCounterRows(ctx: AppContext): Promise<{ paths: string[]; rows: CounterRow[] }> {
  const me = instanceIdentity(ctx);
  const served = await ctx.db.select({ path: agencies.path }).from(agencies).where(inArray(agencies.code, me.agencyCodes));
  const paths = served.map((s) => s.path);
  if (!paths.length) return { paths, rows: [] };
  const conds = paths.map((p) => {
    const segs = p.split('/');
    const ancestors = segs.slice(0, -1).map((_, i) => ({ scope: segs.slice(0, i + 1).join('/'), child: segs[i + 1]! }));
    return sql`(scope = ${p} or scope like ${`${p}/%`}${sql.join(
      ancestors.map((a) => sql` or (scope = ${a.scope} and child = ${a.child})`),
      sql``,
    )})`;
  });
  const rows = await queryRows<{ scope: string; child: string; bucket: string; key: string; prev: string; n: number | string }>(
    ctx.db,
    sql`select scope, child, bucket::text as bucket, key, prev::text as prev, sum(n)::bigint as n
        from (select scope, child, bucket, key, prev, n from report_counters
              union all select scope, child, bucket, key, prev, n from report_counter_deltas) rc
        where ${sql.join(conds, sql` or `)}
        group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5`,
  );
  return { paths, rows: rows.map((r) => [r.scope, r.child, r.bucket, r.key, r.prev, Number(r.n)]) };
}

/** Answers a peer's signed request with our signed snapshot. */
export async function counterSnapshot(ctx: AppContext, request: string): Promise<{ status: 200; snapshot: string } | { status: 403; reason: string }> {
  const me = instanceIdentity(ctx);
  const now = ctx.now();
  try {
    const { iss } = claimedIssuer(request);
    const peer = await instanceById(ctx.db, iss);
    if (!peer) return { status: 403, reason: `Hệ thống ${iss} chưa được đăng ký` };
    const { payload } = await verifyFromPeer(ctx, peer, request);
    const req = payload as { aud?: string; iat?: string };
    if (req.aud !== me.id || !req.iat || Math.abs(Date.parse(req.iat) - now.getTime()) > 10 * 60_000) return { status: 403, reason: 'Yêu cầu không dành cho hệ thống này hoặc đã hết hạn' };
  } catch (e) {
    return { status: 403, reason: e instanceof Error ? e.message : 'Yêu cầu không hợp lệ' };
  }
  const { paths, rows } = await localCounterRows(ctx);
  const key = await currentKey(ctx.db, ctx.sealer, now);
  const snapshot = await signJson(key, me.id, SNAPSHOT_TYP, { instance: me.id, asOf: now.toISOString(), paths, rows } satisfies SnapshotPayload);
  return { status: 200, snapshot };
}

export interface PullResult {
  instance: string;
  ok: boolean;
  rows: number;
  asOf: string | null;
  error: string | null;
}

/** Pulls every other instance's snapshot and replaces its rows (one transaction per instance; audited). */
export async function pullCounterSnapshots(ctx: AppContext, opts: { fetchImpl?: typeof fetch } = {}): Promise<PullResult[]> {
  const me = instanceIdentity(ctx);
  const doFetch = opts.fetchImpl ?? fetch;
  const out: PullResult[] = [];
  for (const peer of (await listInstances(ctx)).filter((i) => !i.self && i.active)) {
    const now = ctx.now();
    try {
      const key = await currentKey(ctx.db, ctx.sealer, now);
      const request = await signJson(key, me.id, REQUEST_TYP, { aud: peer.id, iat: now.toISOString() });
      const res = await doFetch(`${peer.baseUrl}/api/v1/federation/counter-snapshot`, { headers: { 'x-danvan-request': request }, signal: AbortSignal.timeout(60_000) });
      const answer = (await res.json()) as { snapshot?: string; reason?: string };
      if (res.status !== 200 || !answer.snapshot) throw new Error(answer.reason ?? `HTTP ${res.status}`);
      const { payload, kid } = await verifyFromPeer(ctx, peer, answer.snapshot, { fetchImpl: doFetch });
      const snap = payload as SnapshotPayload;
      if (snap.instance !== peer.id) throw new Error(`ảnh chụp của ${snap.instance}, không phải ${peer.id}`);
      const sha256 = createHash('sha256').update(answer.snapshot).digest('hex');
      await ctx.db.transaction(async (tx) => {
        await tx.delete(federationCounterRows).where(eq(federationCounterRows.instanceId, peer.id));
        for (let i = 0; i < snap.rows.length; i += 1000) {
          await tx.insert(federationCounterRows).values(snap.rows.slice(i, i + 1000).map(([scope, child, bucket, k, prev, n]) => ({ instanceId: peer.id, scope, child, bucket, key: k, prev, n })));
        }
        const values = { asOf: new Date(snap.asOf), kid, rows: snap.rows.length, sha256, pulledAt: now };
        await tx.insert(federationSnapshots).values({ instanceId: peer.id, ...values }).onConflictDoUpdate({ target: federationSnapshots.instanceId, set: values });
        await writeAudit(tx, {
          at: now,
          actorId: null,
          actorName: 'federation',
          agencyId: null,
          entity: 'federation-snapshot',
          entityId: peer.id,
          action: 'federation.pull-counters',
          summary: `Nhận số liệu báo cáo đã ký của hệ thống ${peer.name} (${peer.id}) tính đến ${snap.asOf}: ${snap.rows.length} dòng (khóa ${kid})`,
          after: { rows: snap.rows.length, sha256, paths: snap.paths },
        });
      });
      out.push({ instance: peer.id, ok: true, rows: snap.rows.length, asOf: snap.asOf, error: null });
    } catch (e) {
      out.push({ instance: peer.id, ok: false, rows: 0, asOf: null, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

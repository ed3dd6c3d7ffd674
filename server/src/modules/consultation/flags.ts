/**
 * False attribution and bursts (issue 21; ACUS 2021 recommendation on mass, computer-generated and falsely attributed
 * comments; ADR 0023).
 *
 * flagFalseAttribution (public): a citizen proves the identifier by the same one-time code as for giving an opinion
 * and flags the opinions counted under it in this consultation (all, or the sections named). Each flagged opinion
 * leaves the tally AT ONCE (status 'flagged', its ledger entry removed, counters −1 in the same transaction) and
 * waits for review. The review (reviewAttributionFlag, staff):
 *   - upheld → the opinion stays out for good ('withdrawn');
 *   - rejected → it comes back ('counted', counters +1) — unless the person has given another opinion on the
 *     section meanwhile, which then counts instead (a later opinion replaces an earlier one; the returning one is
 *     marked 'replaced').
 * Bursts: more opinions from one source (the client address, kept as a keyed hash) or through one officer's
 * assisted channel within a minute than the configured limit (app_settings `consultation.burst`, default 300 per
 * source and 60 per officer a minute, [R]) are flagged for review (kind 'burst'); they stay counted.
 * Every step writes its audit row in its transaction.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CurrentUser } from '../auth/current-user.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appSettings, consultationFlags, consultationLedger, consultationOpinions, consultationSections } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { otpIdentity, type IdentityProvider } from './identity.ts';
import { mayRun, requireRole } from './policy.ts';
import { consultationById, visibleConsultation } from './queries.ts';
import { moveCounters, type Dims } from './record-opinions.ts';

const dimsOf = (o: typeof consultationOpinions.$inferSelect): Dims => ({
  sectionId: o.sectionId,
  stance: o.stance as Dims['stance'],
  channel: o.channel as Dims['channel'],
  category: o.category,
  ageBand: o.ageBand,
  provinceCode: o.provinceCode,
  communeCode: o.communeCode,
});

export interface FlagResult {
  flagged: number;
  opinions: { flagId: string; section: string; stance: string; channel: string; submittedAt: string }[];
  notice: string;
}

export async function flagFalseAttribution(
  ctx: AppContext,
  consultationId: string,
  input: { requestId: string; code: string; sections?: string[]; reason?: string },
  opts: { provider?: IdentityProvider } = {},
): Promise<FlagResult> {
  const c = await consultationById(ctx.db, consultationId);
  if (!c || c.status === 'draft' || c.stateSecret) throw notFound();
  const identity = await (opts.provider ?? otpIdentity).verify(ctx, c.id, input.requestId, input.code);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // The same lock as the writer's: the person's opinions cannot move while they are flagged.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${c.id}:${identity.personKey}`}, 0))`);
    let sectionFilter: string[] | null = null;
    if (input.sections?.length) {
      const secs = await tx
        .select({ id: consultationSections.id })
        .from(consultationSections)
        .where(and(eq(consultationSections.consultationId, c.id), inArray(consultationSections.key, input.sections)));
      if (!secs.length) throw invalid({ field: 'sections', key: 'field.invalid' });
      sectionFilter = secs.map((s) => s.id);
    }
    const ledger = await tx
      .select()
      .from(consultationLedger)
      .where(
        and(
          eq(consultationLedger.consultationId, c.id),
          eq(consultationLedger.personKey, identity.personKey),
          sectionFilter ? inArray(consultationLedger.sectionId, sectionFilter) : undefined,
        ),
      );
    if (!ledger.length) throw new AppError(404, 'error.flagNothing');
    const ops = await tx
      .select()
      .from(consultationOpinions)
      .where(and(eq(consultationOpinions.consultationId, c.id), inArray(consultationOpinions.id, ledger.map((l) => l.opinionId)), eq(consultationOpinions.status, 'counted')));
    const keys = new Map((await tx.select({ id: consultationSections.id, key: consultationSections.key }).from(consultationSections).where(eq(consultationSections.consultationId, c.id))).map((s) => [s.id, s.key]));
    const out: FlagResult['opinions'] = [];
    for (const o of ops) {
      await tx
        .update(consultationOpinions)
        .set({ status: 'flagged' })
        .where(and(eq(consultationOpinions.consultationId, c.id), eq(consultationOpinions.submittedAt, o.submittedAt), eq(consultationOpinions.id, o.id)));
      await tx
        .delete(consultationLedger)
        .where(and(eq(consultationLedger.consultationId, c.id), eq(consultationLedger.sectionId, o.sectionId), eq(consultationLedger.personKey, identity.personKey)));
      const [f] = await tx
        .insert(consultationFlags)
        .values({ consultationId: c.id, kind: 'false-attribution', opinionId: o.id, opinionSubmittedAt: o.submittedAt, sectionId: o.sectionId, personKey: identity.personKey, reason: input.reason ?? null, createdAt: now })
        .returning({ id: consultationFlags.id });
      out.push({ flagId: f!.id, section: keys.get(o.sectionId) ?? '', stance: o.stance, channel: o.channel, submittedAt: o.submittedAt.toISOString() });
    }
    await moveCounters(
      tx,
      c.id,
      ops.map((o) => ({ d: dimsOf(o), n: -1 })),
      new Map([['flagged', ops.length]]),
    );
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: 'Công dân (xác thực bằng mã một lần)',
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.false-attribution-flagged',
      summary: `Công dân báo ${ops.length} ý kiến bị gửi mạo danh; các ý kiến này tạm không được tính, chờ xem xét`,
      after: { flags: out.map((x) => x.flagId), opinions: ops.map((o) => o.id), channels: [...new Set(ops.map((o) => o.channel))] },
    });
    return {
      flagged: ops.length,
      opinions: out,
      notice: `Đã ghi nhận báo cáo mạo danh đối với ${ops.length} ý kiến. Các ý kiến này tạm thời không được tính trong kết quả cho đến khi cơ quan xem xét xong.`,
    };
  });
}

export async function reviewAttributionFlag(
  ctx: AppContext,
  user: CurrentUser,
  consultationId: string,
  flagId: string,
  input: { decision: 'upheld' | 'rejected'; note: string },
): Promise<FlagOut> {
  const c = await visibleConsultation(ctx.db, user, consultationId);
  requireRole(mayRun(user, c.agencyPath));
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(consultationFlags)
      .where(and(eq(consultationFlags.id, flagId), eq(consultationFlags.consultationId, c.id)))
      .for('update');
    if (!f) throw notFound();
    if (f.status !== 'pending') throw new AppError(409, 'error.flagReviewed');
    let outcome = input.decision === 'upheld' ? 'withdrawn' : 'reviewed';
    if (f.kind === 'false-attribution' && f.opinionId && f.opinionSubmittedAt && f.personKey && f.sectionId) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${c.id}:${f.personKey}`}, 0))`);
      const [o] = await tx
        .select()
        .from(consultationOpinions)
        .where(and(eq(consultationOpinions.consultationId, c.id), eq(consultationOpinions.submittedAt, f.opinionSubmittedAt), eq(consultationOpinions.id, f.opinionId)));
      if (!o) throw notFound();
      const where = and(eq(consultationOpinions.consultationId, c.id), eq(consultationOpinions.submittedAt, o.submittedAt), eq(consultationOpinions.id, o.id));
      if (input.decision === 'upheld') {
        await tx.update(consultationOpinions).set({ status: 'withdrawn' }).where(where);
        await moveCounters(tx, c.id, [], new Map([['flagged', -1], ['withdrawn', 1]]));
      } else {
        const [current] = await tx
          .select()
          .from(consultationLedger)
          .where(and(eq(consultationLedger.consultationId, c.id), eq(consultationLedger.sectionId, f.sectionId), eq(consultationLedger.personKey, f.personKey)));
        if (current) {
          // The person gave another opinion on the section meanwhile: that one counts.
          await tx.update(consultationOpinions).set({ status: 'replaced', replacedBy: current.opinionId }).where(where);
          await moveCounters(tx, c.id, [], new Map([['flagged', -1], ['replaced', 1], [`replaced/${f.sectionId}`, 1]]));
          outcome = 'replaced';
        } else {
          await tx.update(consultationOpinions).set({ status: 'counted' }).where(where);
          await tx.insert(consultationLedger).values({ consultationId: c.id, sectionId: f.sectionId, personKey: f.personKey, opinionId: o.id, updatedAt: now });
          await moveCounters(tx, c.id, [{ d: dimsOf(o), n: 1 }], new Map([['flagged', -1]]));
          outcome = 'counted';
        }
      }
    }
    const [row] = await tx
      .update(consultationFlags)
      .set({ status: input.decision, reviewedBy: user.id, reviewedAt: now, reviewNote: input.note })
      .where(eq(consultationFlags.id, f.id))
      .returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.flag-reviewed',
      summary:
        f.kind === 'burst'
          ? `Xem xét cảnh báo gửi dồn dập: ${input.decision === 'upheld' ? 'xác nhận bất thường' : 'không bất thường'}`
          : input.decision === 'upheld'
            ? 'Xác nhận ý kiến bị gửi mạo danh: ý kiến bị loại khỏi kết quả'
            : outcome === 'counted'
              ? 'Bác báo cáo mạo danh: ý kiến được tính lại'
              : 'Bác báo cáo mạo danh: ý kiến không được tính lại vì người này đã gửi ý kiến mới về cùng điều, khoản',
      before: { status: 'pending' },
      after: { flag: f.id, kind: f.kind, decision: input.decision, opinion: f.opinionId, outcome },
    });
    return presentFlag(row!, null);
  });
}

export interface FlagOut {
  id: string;
  kind: string;
  status: string;
  section: string | null;
  opinionId: string | null;
  source: string | null;
  windowStart: string | null;
  opinions: number | null;
  reason: string | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

function presentFlag(f: typeof consultationFlags.$inferSelect, sectionKey: string | null): FlagOut {
  return {
    id: f.id,
    kind: f.kind,
    status: f.status,
    section: sectionKey,
    opinionId: f.opinionId,
    source: f.source,
    windowStart: f.windowStart?.toISOString() ?? null,
    opinions: f.opinions,
    reason: f.reason,
    reviewNote: f.reviewNote,
    reviewedAt: f.reviewedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

export async function listFlags(ctx: AppContext, user: CurrentUser, consultationId: string, status?: string): Promise<FlagOut[]> {
  const c = await visibleConsultation(ctx.db, user, consultationId);
  const rows = await ctx.db
    .select({ f: consultationFlags, key: consultationSections.key })
    .from(consultationFlags)
    .leftJoin(consultationSections, eq(consultationSections.id, consultationFlags.sectionId))
    .where(and(eq(consultationFlags.consultationId, c.id), status ? eq(consultationFlags.status, status) : undefined))
    .orderBy(desc(consultationFlags.createdAt), asc(consultationFlags.id))
    .limit(1000);
  return rows.map((r) => presentFlag(r.f, r.key));
}

// ---- bursts ----

export interface BurstLimits {
  perSourcePerMinute: number;
  perOfficerPerMinute: number;
  mark: '[R]' | 'configured';
}
export const DEFAULT_BURST: BurstLimits = { perSourcePerMinute: 300, perOfficerPerMinute: 60, mark: '[R]' };

let limitsCache: { at: number; v: BurstLimits } | null = null;
export async function burstLimits(db: DbOrTx, nowMs: number): Promise<BurstLimits> {
  if (limitsCache && nowMs - limitsCache.at < 60_000 && nowMs >= limitsCache.at) return limitsCache.v;
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'consultation.burst'));
  const v = row?.value as Partial<BurstLimits> | undefined;
  const ok = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x > 0;
  const limits: BurstLimits =
    v && (ok(v.perSourcePerMinute) || ok(v.perOfficerPerMinute))
      ? { perSourcePerMinute: ok(v.perSourcePerMinute) ? v.perSourcePerMinute! : DEFAULT_BURST.perSourcePerMinute, perOfficerPerMinute: ok(v.perOfficerPerMinute) ? v.perOfficerPerMinute! : DEFAULT_BURST.perOfficerPerMinute, mark: 'configured' }
      : DEFAULT_BURST;
  limitsCache = { at: nowMs, v: limits };
  return limits;
}
/** Tests change the settings: forget the cached limits. */
export function forgetBurstLimits() {
  limitsCache = null;
}

/** Per process: consultation × source × minute → opinions seen, and whether the window is already flagged. */
const windows = new Map<string, { n: number; flagged: boolean }>();

/**
 * Counts `n` opinions from `source` ('ip:<hash>' or 'officer:<user id>') in the current minute; the first time the
 * window passes the limit, a 'burst' flag is written with its audit row (in its own transaction: the opinions are
 * received either way).
 */
export async function noteSource(ctx: AppContext, c: { id: string; agencyId: string }, source: string, n: number): Promise<void> {
  const now = ctx.now();
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `${c.id}|${source}|${minute}`;
  const w = windows.get(key) ?? { n: 0, flagged: false };
  w.n += n;
  windows.set(key, w);
  if (windows.size > 50_000) for (const k of windows.keys()) if (!k.endsWith(`|${minute}`)) windows.delete(k);
  const limits = await burstLimits(ctx.db, now.getTime());
  const limit = source.startsWith('officer:') ? limits.perOfficerPerMinute : limits.perSourcePerMinute;
  if (w.flagged || w.n <= limit) return;
  w.flagged = true;
  const windowStart = new Date(minute * 60_000);
  await ctx.db.transaction(async (tx) => {
    const [f] = await tx
      .insert(consultationFlags)
      .values({ consultationId: c.id, kind: 'burst', source, windowStart, opinions: w.n, createdAt: now })
      .returning({ id: consultationFlags.id });
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: 'Hệ thống',
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.burst-flagged',
      summary: `Cảnh báo: hơn ${limit} ý kiến trong một phút từ ${source.startsWith('officer:') ? 'một cán bộ nhập thay' : 'một nguồn gửi'} (mức ${limits.mark === '[R]' ? 'mặc định [R]' : 'do quản trị cấu hình'}); cần xem xét`,
      after: { flag: f!.id, source, windowStart: windowStart.toISOString(), opinions: w.n, limit },
    });
  });
}

/**
 * Per-account sign-in throttle (issue 13, item 8), beside the per-address rate limit of the login route: an attacker
 * spreading guesses over many addresses still gets only a handful per account. The first FREE_FAILURES consecutive
 * failures cost nothing (a person mistyping); each failure after that locks the username for a back-off that
 * doubles from 30 s up to 15 min, so a real user who forgot the password waits half a minute, not a day. While locked
 * the password is not even checked (no guess is spent). A success clears it; a quiet day forgets it. Each lock of an
 * existing account writes an audit row. Rows are keyed by a hash of the username, known or not (the answer is the
 * same either way: the throttle does not tell which accounts exist).
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { loginThrottles } from '../../db/schema.ts';
import { queryRows } from '../../db/client.ts';
import { AppError } from '../../plugins/errors.ts';
import { writeAudit } from '../audit/write-audit.ts';

export const FREE_FAILURES = 5;
export const FIRST_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MS = 24 * 3600_000;

export const usernameHash = (username: string) => createHash('sha256').update(`danvan/login-throttle/v1\n${username}`).digest('hex');

/** Pure: how long the account is locked after its `failures`-th consecutive failure (0 = not locked). */
export function lockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/** Throws 429 (with the seconds left) while the username is locked. */
export async function assertNotLocked(ctx: AppContext, username: string): Promise<void> {
  const now = ctx.now();
  const [row] = await ctx.db.select().from(loginThrottles).where(eq(loginThrottles.usernameHash, usernameHash(username)));
  if (row?.lockedUntil && row.lockedUntil > now) {
    throw new AppError(429, 'error.loginLocked', { after: Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000)) });
  }
}

/** Counts a failure (atomically); locks when due, with an audit row for a real account. */
export async function recordLoginFailure(ctx: AppContext, username: string, account: { id: string; agencyId: string | null } | null): Promise<void> {
  const now = ctx.now();
  const key = usernameHash(username);
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  await ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<{ failures: number }>(tx, sql`
      insert into login_throttles (username_hash, failures, last_failure_at) values (${key}, 1, ${now})
      on conflict (username_hash) do update
        set failures = case when login_throttles.last_failure_at < ${forgetBefore} then 1 else login_throttles.failures + 1 end,
            last_failure_at = ${now}
      returning failures`);
    const failures = Number(row?.failures ?? 1);
    const seconds = lockSeconds(failures);
    if (!seconds) return;
    await tx.update(loginThrottles).set({ lockedUntil: new Date(now.getTime() + seconds * 1000) }).where(eq(loginThrottles.usernameHash, key));
    if (account) {
      await writeAudit(tx, {
        at: now,
        actorId: null,
        actorName: null,
        agencyId: account.agencyId,
        entity: 'user',
        entityId: account.id,
        action: 'auth.login-locked',
        summary: `Tạm khóa đăng nhập ${seconds} giây sau ${failures} lần nhập sai mật khẩu liên tiếp`,
        after: { failures, lockSeconds: seconds },
      });
    }
  });
}

export async function clearLoginFailures(ctx: AppContext, username: string): Promise<void> {
  await ctx.db.delete(loginThrottles).where(eq(loginThrottles.usernameHash, usernameHash(username)));
}

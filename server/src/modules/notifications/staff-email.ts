/**
 * A staff member's e-mail for reminders, escalations, assignments and chase notices (`users.email`): the one
 * place that normalises, checks and stores it — used by `danvan notify set-email` and by
 * `PUT /api/v1/me/notification-settings`.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const STAFF_EMAIL_MAX = 254;

/** NFC, trimmed; an empty value means "no e-mail" (null). */
export function normalizeStaffEmail(raw: string | null | undefined): string | null {
  const email = (raw ?? '').normalize('NFC').trim();
  return email === '' ? null : email;
}

export function isValidStaffEmail(email: string): boolean {
  return email.length <= STAFF_EMAIL_MAX && EMAIL.test(email);
}

/**
 * Stores (or clears, with null) the e-mail of the user found by id or username, with its audit row in the same
 * transaction (the address itself is personal data: neither the old nor the new one goes into the row). Returns the
 * user's id and whether an e-mail was set before, or null when there is no such user. The caller has validated
 * `email`. `actor` is the staff member (the web app) or `{ id: null, name: 'system' }` (the command line).
 */
export async function storeStaffEmail(
  tx: Tx,
  who: { userId: string } | { username: string },
  email: string | null,
  audit: { actor: { id: string | null; name: string }; at: Date },
): Promise<{ id: string; hadEmail: boolean } | null> {
  const where = 'userId' in who ? eq(users.id, who.userId) : eq(users.username, who.username.trim().toLowerCase());
  const [before] = await tx.select({ id: users.id, email: users.email }).from(users).where(where);
  if (!before) return null;
  await tx.update(users).set({ email }).where(eq(users.id, before.id));
  await writeAudit(tx, {
    at: audit.at,
    actorId: audit.actor.id,
    actorName: audit.actor.name,
    agencyId: null,
    entity: 'user',
    entityId: before.id,
    action: 'user.notification-email',
    summary: 'Đã cập nhật địa chỉ e-mail nhận thông báo',
    before: { emailSet: before.email !== null },
    after: { emailSet: email !== null },
  });
  return { id: before.id, hadEmail: before.email !== null };
}

/** The stored e-mail of a user (null when none). */
export async function staffEmail(db: DbOrTx, userId: string): Promise<string | null> {
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return u?.email ?? null;
}

/**
 * The portal acts as a system account when it opens a case for a citizen: an inactive user without grants
 * (it can never sign in), so that cases, petitions and audit rows name who took the petition in.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { CurrentUser } from '../auth/current-user.ts';

const USERNAME = '_portal';
export const PORTAL_ACTOR_NAME = 'Công dân (gửi qua cổng trực tuyến)';
const cache = new WeakMap<object, CurrentUser>();

export async function portalActor(db: DbOrTx): Promise<CurrentUser> {
  const hit = cache.get(db);
  if (hit) return hit;
  await db.insert(users).values({ username: USERNAME, displayName: PORTAL_ACTOR_NAME, passwordHash: '!', active: false }).onConflictDoNothing();
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, USERNAME));
  if (!u) throw new Error('portal actor missing');
  const actor: CurrentUser = { id: u.id, username: USERNAME, displayName: PORTAL_ACTOR_NAME, grants: [] };
  cache.set(db, actor);
  return actor;
}

/**
 * The signed-in staff member and what they may touch. Grants are subtrees: a role on "VN/01" covers
 * Hà Nội and every commune in it. Outsiders get 404 (not 403) so ids do not leak (see policy tests).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { pathWithin, type Role } from '@danvan/domain/roles';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { agencies, authTokens, roleGrants, users } from '../../db/schema.ts';

export interface Grant {
  role: Role;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  agencyPath: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  grants: Grant[];
}

export function rolesAt(user: CurrentUser, path: string): Set<Role> {
  return new Set(user.grants.filter((g) => pathWithin(path, g.agencyPath)).map((g) => g.role));
}

export function hasRoleAt(user: CurrentUser, path: string, roles: readonly Role[]): boolean {
  const held = rolesAt(user, path);
  return roles.some((r) => held.has(r));
}

export function canSee(user: CurrentUser, path: string): boolean {
  return user.grants.some((g) => pathWithin(path, g.agencyPath));
}

/** SQL condition: `column` (an agency path) lies within one of the user's granted subtrees. */
export function scopeCondition(user: CurrentUser, column: AnyColumn | SQL): SQL {
  const roots = [...new Set(user.grants.map((g) => g.agencyPath))];
  if (roots.length === 0) return sql`false`;
  return sql`(${sql.join(roots.map((root) => subtreeCondition(root, column)), sql` or `)})`;
}

/** SQL condition: `column` (an agency path) lies within the subtree rooted at `root`. */
export function subtreeCondition(root: string, column: AnyColumn | SQL): SQL {
  return sql`(${column} = ${root} or ${column} like ${`${root}/%`})`;
}

export function hashToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

const SESSION_TTL_MS = 12 * 3600_000;

export async function issueToken(db: DbOrTx, userId: string, kind: 'session' | 'api', now: Date, name?: string): Promise<string> {
  const raw = `${kind === 'api' ? 'dvk' : 'dvs'}_${randomBytes(32).toString('base64url')}`;
  await db.insert(authTokens).values({
    tokenHash: hashToken(raw),
    userId,
    kind,
    name: name ?? null,
    createdAt: now,
    expiresAt: kind === 'session' ? new Date(now.getTime() + SESSION_TTL_MS) : null,
  });
  return raw;
}

export async function revokeToken(db: DbOrTx, raw: string): Promise<void> {
  await db.delete(authTokens).where(eq(authTokens.tokenHash, hashToken(raw)));
}

export async function loadUser(db: DbOrTx, userId: string): Promise<CurrentUser | null> {
  const [u] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.active, true)));
  if (!u) return null;
  const grants = await db
    .select({ role: roleGrants.role, agencyId: agencies.id, agencyCode: agencies.code, agencyName: agencies.fullName, agencyPath: agencies.path })
    .from(roleGrants)
    .innerJoin(agencies, eq(agencies.id, roleGrants.agencyId))
    .where(eq(roleGrants.userId, userId));
  return { id: u.id, username: u.username, displayName: u.displayName, grants: grants.map((g) => ({ ...g, role: g.role as Role })) };
}

/**
 * The user behind a session or API token, with their grants, in one statement (every authenticated request runs it:
 * one round trip instead of three — issue 13, item 10).
 */
export async function userForToken(db: DbOrTx, raw: string, now: Date): Promise<CurrentUser | null> {
  const rows = await queryRows<{
    id: string;
    username: string;
    display_name: string;
    role: string | null;
    agency_id: string | null;
    agency_code: string | null;
    agency_name: string | null;
    agency_path: string | null;
  }>(
    db,
    sql`select u.id, u.username, u.display_name, g.role, a.id as agency_id, a.code as agency_code, a.full_name as agency_name, a.path as agency_path
        from ${authTokens} t
        join ${users} u on u.id = t.user_id and u.active
        left join ${roleGrants} g on g.user_id = u.id
        left join ${agencies} a on a.id = g.agency_id
        where t.token_hash = ${hashToken(raw)} and (t.expires_at is null or t.expires_at > ${now.toISOString()}::timestamptz)`,
  );
  const u = rows[0];
  if (!u) return null;
  const grants: Grant[] = [];
  for (const r of rows) {
    if (r.role && r.agency_id) grants.push({ role: r.role as Role, agencyId: r.agency_id, agencyCode: r.agency_code!, agencyName: r.agency_name!, agencyPath: r.agency_path! });
  }
  return { id: u.id, username: u.username, displayName: u.display_name, grants };
}

/** Creates a staff account with one role on an agency subtree (CLI `danvan user add`, demo seed, tests). */
import { eq } from 'drizzle-orm';
import { isRole, type Role } from '@danvan/domain/roles';
import { cleanText } from '@danvan/domain/text';
import type { Db } from '../../db/client.ts';
import { agencies, roleGrants, users } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { hashPassword } from './passwords.ts';

export interface AddUserInput {
  username: string;
  password: string;
  role: string;
  agencyCode: string;
  displayName?: string;
}

export async function addUser(db: Db, input: AddUserInput, now: Date, actor: { id: string | null; name: string } = { id: null, name: 'system' }) {
  const username = cleanText(input.username).toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username)) throw invalid({ field: 'username', key: 'field.pattern' });
  if (input.password.length < 8) throw invalid({ field: 'password', key: 'field.weakPassword' });
  if (!isRole(input.role)) throw invalid({ field: 'role', key: 'field.role' });
  const role: Role = input.role;
  const [agency] = await db.select().from(agencies).where(eq(agencies.code, input.agencyCode));
  if (!agency) throw new AppError(400, 'error.unknownAgency', { code: input.agencyCode });
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (taken) throw invalid({ field: 'username', key: 'field.usernameTaken' });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ username, displayName: cleanText(input.displayName ?? username), passwordHash, createdAt: now })
      .returning();
    if (!user) throw new Error('insert failed');
    await tx.insert(roleGrants).values({ userId: user.id, role, agencyId: agency.id, createdAt: now });
    await writeAudit(tx, {
      at: now,
      actorId: actor.id,
      actorName: actor.name,
      agencyId: agency.id,
      entity: 'user',
      entityId: user.id,
      action: 'user.add',
      summary: `Tạo tài khoản ${username} (${role}) tại ${agency.fullName}`,
      after: { username, role, agency: agency.code },
    });
    return { id: user.id, username, role, agency: agency.code };
  });
}

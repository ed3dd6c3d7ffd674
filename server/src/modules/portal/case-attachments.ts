/**
 * Staff access to the files a citizen attached online. Visibility follows the case; a denunciation's files may
 * carry the denouncer's identity (handwriting, documents), so only the handler and the head see them — never
 * the verifier (Luật Tố cáo Art. 47(2)).
 */
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../app.ts';
import { cases, portalAttachments } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { caseVisibleTo } from '../cases/policy.ts';
import type { CaseRow } from '../cases/open-case.ts';
import type { PortalOptions } from './options.ts';
import { decryptFile } from './storage.ts';

function mayOpen(user: CurrentUser, c: CaseRow): boolean {
  if (!caseVisibleTo(user, c)) return false;
  return c.kind !== 'denunciation' || hasRoleAt(user, c.agencyPath, ['handler', 'head', 'receptionist']);
}

export async function listCaseAttachments(ctx: AppContext, user: CurrentUser, caseId: string) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !mayOpen(user, c)) throw notFound();
  const rows = await ctx.db.select().from(portalAttachments).where(eq(portalAttachments.caseId, c.id)).orderBy(asc(portalAttachments.createdAt));
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, sizeBytes: r.sizeBytes, sha256: r.sha256, createdAt: r.createdAt.toISOString() }));
}

export async function readAttachment(ctx: AppContext, portal: PortalOptions, user: CurrentUser, id: string) {
  const [row] = await ctx.db.select({ a: portalAttachments, c: cases }).from(portalAttachments).innerJoin(cases, eq(cases.id, portalAttachments.caseId)).where(eq(portalAttachments.id, id));
  if (!row || !mayOpen(user, row.c)) throw notFound();
  const data = decryptFile(ctx.sealer, await portal.storage.get(row.a.storageKey), row.a.dataKey);
  return { fileName: row.a.fileName, contentType: row.a.contentType, data };
}

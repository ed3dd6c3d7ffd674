/**
 * Staff access to the files a citizen attached online. Visibility follows the case; a denunciation's files may
 * carry the denouncer's identity (handwriting, documents), so only the handler and the head see them — never
 * the verifier (Luật Tố cáo Art. 47(2)).
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { cases, portalAttachments } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { checkAttachments } from './attachments.ts';
import { type CurrentUser } from '../auth/current-user.ts';
import { caseVisibleTo } from '../cases/policy.ts';
import type { CaseRow } from '../cases/open-case.ts';
import type { PortalOptions } from './options.ts';
import { decryptFile, encryptFile } from './storage.ts';
import { mayAttachFiles, mayOpenAttachments } from './policy.ts';

function mayOpen(user: CurrentUser, c: CaseRow): boolean {
  if (!caseVisibleTo(user, c)) return false;
  return mayOpenAttachments(user, c);
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

/**
 * A staff member attaches a scan, photo or PDF to a case (a paper petition scanned at the desk): the same type
 * sniffing, size limits and encryption as the portal's files. Only staff who work the case may add files.
 */
export async function uploadCaseAttachment(ctx: AppContext, portal: PortalOptions, user: CurrentUser, caseId: string, file: { fileName: string; data: Buffer }) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !mayOpen(user, c)) throw notFound();
  if (!mayAttachFiles(user, c.agencyPath)) throw new AppError(403, 'error.forbidden');
  const issues: FieldIssue[] = [];
  const [checked] = checkAttachments([file], issues);
  if (issues.length || !checked) throw invalid(...(issues.length ? issues : [{ field: 'attachments', key: 'field.required' as const }]));
  const now = ctx.now();
  const enc = encryptFile(ctx.sealer, checked.data);
  const key = `${isoDateInVietnam(now).slice(0, 7)}/${randomUUID()}`;
  await portal.storage.put(key, enc.data);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { createHash } = await import('node:crypto');
      const [row] = await tx
        .insert(portalAttachments)
        .values({
          caseId: c.id,
          uploadedBy: user.id,
          storageKey: key,
          fileName: checked.fileName,
          contentType: checked.contentType,
          sizeBytes: checked.data.length,
          sha256: createHash('sha256').update(checked.data).digest('hex'),
          dataKey: enc.dataKey,
          createdAt: now,
        })
        .returning();
      await writeAudit(tx, { ...caseAudit(user, c, now), action: 'case.attach', summary: `Đính kèm tệp ${checked.fileName} (${checked.contentType}, ${checked.data.length} byte)`, after: { attachmentId: row!.id } });
      return { id: row!.id, fileName: row!.fileName, contentType: row!.contentType, sizeBytes: row!.sizeBytes, sha256: row!.sha256, createdAt: row!.createdAt.toISOString() };
    });
  } catch (err) {
    await portal.storage.delete(key).catch(() => undefined);
    throw err;
  }
}

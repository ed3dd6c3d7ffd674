/**
 * undoImport: an import is taken back as a whole — its visits, or its cases with their petitions and sealed
 * identities — as long as nothing was done on its records since (no audit row on them other than the import's
 * own: no step, no visit linked, no assignment, no reveal). The import record goes too, so the corrected file
 * can be imported again; one audit row says what was removed (the audit trail itself is never edited).
 * The national complaints database: the cases' events not yet sent go with them; for a case some event of which was
 * already sent (or is being sent), a `case.withdrawn` event is queued so the national record is withdrawn too
 * (ADR 0021).
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { auditLog, caseImports, cases, importRows, matterEntities, nationalSyncOutbox, petitions, registerImports, sealedIdentities, searchDocs, visits } from '../../db/schema.ts';
import { isoDateInVietnam } from '@danvan/domain/text';
import { enqueueCaseSync, IMPORT_UNDONE } from '../national-sync/enqueue-sync.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { agencies } from '../../db/schema.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayImport } from './policy.ts';

const CHUNK = 5_000;

export interface UndoResult {
  importId: string;
  target: 'register' | 'cases';
  removed: number;
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

export async function undoImport(ctx: AppContext, user: CurrentUser, importId: string): Promise<UndoResult> {
  const now = ctx.now();
  const [reg] = await ctx.db.select().from(registerImports).where(eq(registerImports.id, importId));
  const [cas] = reg ? [] : await ctx.db.select().from(caseImports).where(eq(caseImports.id, importId));
  const imp = reg ?? cas;
  if (!imp) throw notFound();
  const [agency] = await ctx.db.select().from(agencies).where(eq(agencies.id, imp.agencyId));
  const target = reg ? 'register' : 'cases';
  if (!agency || !mayImport(user, agency.path, target)) throw notFound();

  if (target === 'register') {
    const ids = (await ctx.db.select({ id: visits.id }).from(visits).where(eq(visits.importId, importId))).map((r) => r.id);
    let touched = 0;
    for (const part of chunks(ids)) {
      const [r] = await ctx.db.select({ n: sql<number>`count(*)` }).from(auditLog).where(and(eq(auditLog.entity, 'visit'), inArray(auditLog.entityId, part)));
      touched += Number(r?.n ?? 0);
    }
    const [linked] = await ctx.db.select({ n: sql<number>`count(*)` }).from(visits).where(and(eq(visits.importId, importId), sql`(${visits.caseId} is not null or ${visits.noticeSentOn} is not null)`));
    touched += Number(linked?.n ?? 0);
    if (touched) throw new AppError(409, 'error.importUndoTouched', { count: touched, code: '—' });
    return ctx.db.transaction(async (tx) => {
      for (const part of chunks(ids)) await tx.delete(searchDocs).where(inArray(searchDocs.id, part));
      await tx.delete(visits).where(eq(visits.importId, importId));
      await tx.delete(importRows).where(eq(importRows.importId, importId));
      await tx.delete(registerImports).where(eq(registerImports.id, importId));
      await writeAudit(tx, {
        at: now,
        actorId: user.id,
        actorName: user.displayName,
        agencyId: agency.id,
        entity: 'register-import',
        entityId: importId,
        action: 'register.import.undo',
        summary: `Hủy lần nhập sổ tiếp công dân từ Excel: xóa ${ids.length} lượt tiếp đã nhập`,
        after: { removed: ids.length, fileSha256: imp.fileSha256 },
      });
      return { importId, target, removed: ids.length };
    });
  }

  const rows = await ctx.db.select({ id: importRows.entityId }).from(importRows).where(eq(importRows.importId, importId));
  const ids = rows.map((r) => r.id);
  let touched = 0;
  let example = '';
  for (const part of chunks(ids)) {
    const hits = await ctx.db
      .select({ caseId: auditLog.caseId })
      .from(auditLog)
      .where(and(inArray(auditLog.caseId, part), ne(auditLog.action, 'case.import')));
    touched += new Set(hits.map((h) => h.caseId)).size;
    if (hits[0]?.caseId && !example) {
      const [c] = await ctx.db.select({ code: cases.code }).from(cases).where(eq(cases.id, hits[0].caseId));
      example = c?.code ?? '';
    }
    // A petition or visit added to an imported case after the import.
    const [extra] = await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(visits)
      .where(inArray(visits.caseId, part));
    touched += Number(extra?.n ?? 0);
  }
  if (touched) throw new AppError(409, 'error.importUndoTouched', { count: touched, code: example || '—' });
  return ctx.db.transaction(async (tx) => {
    let withdrawn = 0;
    for (const part of chunks(ids)) {
      // Unsent events leave with their cases; a case the national database already heard of is withdrawn there.
      await tx.delete(nationalSyncOutbox).where(and(inArray(nationalSyncOutbox.caseId, part), inArray(nationalSyncOutbox.status, ['pending', 'failed'])));
      const heard = await tx.selectDistinct({ caseId: nationalSyncOutbox.caseId }).from(nationalSyncOutbox).where(inArray(nationalSyncOutbox.caseId, part));
      if (heard.length) {
        const rows = await tx.select().from(cases).where(inArray(cases.id, heard.map((h) => h.caseId)));
        for (const c of rows) await enqueueCaseSync(tx, now, c, { action: IMPORT_UNDONE, on: isoDateInVietnam(now) });
        withdrawn += rows.length;
      }
      await tx.delete(matterEntities).where(inArray(matterEntities.caseId, part));
      await tx.delete(searchDocs).where(inArray(searchDocs.caseId, part));
      await tx.delete(sealedIdentities).where(inArray(sealedIdentities.caseId, part));
      await tx.delete(petitions).where(inArray(petitions.caseId, part));
      await tx.delete(cases).where(and(inArray(cases.id, part)));
    }
    await tx.delete(importRows).where(eq(importRows.importId, importId));
    await tx.delete(caseImports).where(eq(caseImports.id, importId));
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: agency.id,
      entity: 'case-import',
      entityId: importId,
      action: 'cases.import.undo',
      summary: `Hủy lần nhập vụ việc từ Excel: xóa ${ids.length} vụ việc đã nhập (mã hồ sơ đã cấp không dùng lại)${withdrawn ? `; báo CSDL quốc gia rút ${withdrawn} vụ việc đã đồng bộ` : ''}`,
      after: { removed: ids.length, fileSha256: imp.fileSha256, nationalSyncWithdrawn: withdrawn },
    });
    return { importId, target, removed: ids.length };
  });
}

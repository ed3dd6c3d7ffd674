/**
 * addModelEvidence: the unit attaches evidence while implementing its model — a photo or PDF (same type sniffing,
 * size limit and encryption as case attachments; photos get a resized public copy without EXIF) and/or a typed link
 * to a DânVận record of the unit that shows the outcome (a settled case; dialogues and commitments when their
 * module exists — evidence-refs.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { cleanText, isoDateInVietnam } from '@danvan/domain/text';
import { EVIDENCE_REF_LABELS, stepOpen, type EvidenceRefType } from '@danvan/domain/good-models';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { goodModels, modelEvidence } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkAttachments } from '../portal/attachments.ts';
import type { PortalOptions } from '../portal/options.ts';
import { encryptFile } from '../portal/storage.ts';
import { evidenceRefResolver } from './evidence-refs.ts';
import { mayWorkUnit } from './policy.ts';
import { visibleModel } from './queries.ts';
import { publicPhotoCopy } from './public-photo.ts';

export interface EvidenceInput {
  title: string;
  file?: { fileName: string; dataBase64: string };
  ref?: { type: EvidenceRefType; id: string };
}

export type EvidenceRow = typeof modelEvidence.$inferSelect;

export async function addModelEvidence(ctx: AppContext, portal: PortalOptions, user: CurrentUser, modelId: string, input: EvidenceInput) {
  const { model } = await visibleModel(ctx.db, user, modelId);
  if (!mayWorkUnit(user, model.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (!stepOpen('addEvidence', model.status)) throw new AppError(409, 'error.modelStep', { step: 'thêm minh chứng', status: model.status });
  const issues: FieldIssue[] = [];
  const title = cleanText(input.title);
  if (!title) issues.push({ field: 'title', key: 'field.required' });
  if (!input.file && !input.ref) issues.push({ field: 'file', key: 'field.evidenceEmpty' });
  let file = null;
  if (input.file) {
    [file] = checkAttachments([{ fileName: input.file.fileName, data: Buffer.from(input.file.dataBase64, 'base64') }], issues).map((f) => ({ ...f }));
    for (const i of issues) if (i.field.startsWith('attachments')) i.field = i.field.replace(/^attachments(\.0)?/, 'file');
  }
  let ref = null;
  if (input.ref) {
    const resolve = evidenceRefResolver(input.ref.type);
    if (!resolve) issues.push({ field: 'ref.type', key: 'field.refUnavailable', params: { type: EVIDENCE_REF_LABELS[input.ref.type] } });
    else {
      ref = await resolve(ctx.db, model.agencyPath, input.ref.id.trim());
      if (!ref) issues.push({ field: 'ref.id', key: 'field.refNotFound', params: { id: input.ref.id } });
      else if (!ref.achieved) issues.push({ field: 'ref.id', key: 'field.caseNotSettled', params: { code: ref.code } });
      else {
        const [dup] = await ctx.db.select({ id: modelEvidence.id }).from(modelEvidence).where(and(eq(modelEvidence.modelId, model.id), eq(modelEvidence.refType, input.ref.type), eq(modelEvidence.refId, ref.id)));
        if (dup) issues.push({ field: 'ref.id', key: 'field.duplicate' });
      }
    }
  }
  if (issues.length) throw invalid(...issues);

  const now = ctx.now();
  const month = isoDateInVietnam(now).slice(0, 7);
  const written: string[] = [];
  let stored: Partial<EvidenceRow> = {};
  if (file) {
    const isPhoto = file.contentType.startsWith('image/');
    const enc = encryptFile(ctx.sealer, file.data);
    const key = `models/${month}/${randomUUID()}`;
    await portal.storage.put(key, enc.data);
    written.push(key);
    stored = { storageKey: key, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), dataKey: enc.dataKey };
    const copy = isPhoto ? await publicPhotoCopy(file.data) : null;
    if (copy) {
      const pub = encryptFile(ctx.sealer, copy);
      const pubKey = `models/${month}/${randomUUID()}`;
      await portal.storage.put(pubKey, pub.data);
      written.push(pubKey);
      stored = { ...stored, publicStorageKey: pubKey, publicDataKey: pub.dataKey };
    }
  }
  const kind = file ? (file.contentType.startsWith('image/') ? 'photo' : 'file') : 'record';
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(modelEvidence)
        .values({ modelId: model.id, title, kind, ...stored, refType: ref ? input.ref!.type : null, refId: ref?.id ?? null, refLabel: ref?.label ?? null, createdBy: user.id, createdAt: now })
        .returning();
      if (!row) throw new AppError(500, 'error.internal');
      await tx.update(goodModels).set({ updatedAt: now }).where(eq(goodModels.id, model.id));
      await writeAudit(tx, {
        at: now,
        actorId: user.id,
        actorName: user.displayName,
        agencyId: model.agencyId,
        entity: 'good-model',
        entityId: model.id,
        action: 'good-model.evidence',
        summary: `Minh chứng «${title}»${file ? ` (${file.contentType}, ${file.data.length} byte)` : ''}${ref ? `: ${ref.label}` : ''}`,
        after: { evidenceId: row.id, kind, refType: row.refType, refId: row.refId },
      });
      return row;
    });
  } catch (err) {
    for (const k of written) await portal.storage.delete(k).catch(() => undefined);
    throw err;
  }
}

export function presentEvidence(e: EvidenceRow) {
  return {
    id: e.id,
    title: e.title,
    kind: e.kind as 'file' | 'photo' | 'record',
    fileName: e.fileName,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    hasPublicCopy: e.publicStorageKey !== null,
    ref: e.refType ? { type: e.refType, id: e.refId ?? '', label: e.refLabel ?? '' } : null,
    createdAt: e.createdAt.toISOString(),
  };
}

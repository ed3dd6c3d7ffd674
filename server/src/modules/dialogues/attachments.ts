/**
 * addDialogueAttachments: files of a held dialogue (issue 14, "held: sessions, attendance counts, minutes,
 * attachments") — the signed minutes, photos, the attendance sheet — optionally of one session. Same checks and
 * storage as commitment evidence (type sniffed, size limits, encrypted on disk with the file's own sealed key);
 * staff of the dialogue's readers download them; not on the portal (a minutes scan may carry names). Audited.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DIALOGUE_STATUS_LABELS, type DialogueStatus } from '@danvan/domain/dialogues/kinds';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { dialogueAttachments, dialogueSessions } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkAttachments, type UploadedFile } from '../portal/attachments.ts';
import type { PortalOptions } from '../portal/options.ts';
import { encryptFile } from '../portal/storage.ts';
import { dialogueAudit } from './audit.ts';
import { mayOrganise } from './policy.ts';
import { visibleDialogue } from './queries.ts';

const OPEN_TO_FILES = ['held', 'concluded'];

export async function addDialogueAttachments(ctx: AppContext, portal: PortalOptions, user: CurrentUser, id: string, input: { sessionId?: string; files: UploadedFile[] }) {
  const now = ctx.now();
  const d = await visibleDialogue(ctx.db, user, id);
  if (!mayOrganise(user, d.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (!OPEN_TO_FILES.includes(d.status)) throw new AppError(409, 'error.dialogueState', { action: 'đính kèm tệp', status: DIALOGUE_STATUS_LABELS[d.status as DialogueStatus] ?? d.status });
  const issues: FieldIssue[] = [];
  if (input.sessionId) {
    const [s] = await ctx.db.select({ id: dialogueSessions.id }).from(dialogueSessions).where(and(eq(dialogueSessions.id, input.sessionId), eq(dialogueSessions.dialogueId, d.id)));
    if (!s) issues.push({ field: 'sessionId', key: 'field.required' });
  }
  const files = checkAttachments(input.files, issues);
  if (!input.files.length) issues.push({ field: 'files', key: 'field.required' });
  if (issues.length) throw invalid(...issues.map((i) => ({ ...i, field: i.field.replace(/^attachments/, 'files') })));
  const month = isoDateInVietnam(now).slice(0, 7);
  const stored: { key: string; file: (typeof files)[number]; dataKey: ReturnType<typeof encryptFile>['dataKey'] }[] = [];
  for (const file of files) {
    const enc = encryptFile(ctx.sealer, file.data);
    const key = `dialogues/${month}/${randomUUID()}`;
    await portal.storage.put(key, enc.data);
    stored.push({ key, file, dataKey: enc.dataKey });
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const rows = [];
      for (const s of stored) {
        const [row] = await tx
          .insert(dialogueAttachments)
          .values({ dialogueId: d.id, sessionId: input.sessionId ?? null, storageKey: s.key, fileName: s.file.fileName, contentType: s.file.contentType, sizeBytes: s.file.data.length, sha256: createHash('sha256').update(s.file.data).digest('hex'), dataKey: s.dataKey, createdBy: user.id, createdAt: now })
          .returning();
        rows.push(row!);
      }
      await writeAudit(tx, dialogueAudit(user, d, now, 'dialogue.attach', `Đính kèm ${rows.length} tệp vào hội nghị đối thoại ${d.code}: ${rows.map((r) => r.fileName).join(', ')}`, { files: rows.map((r) => ({ id: r.id, sha256: r.sha256 })) }));
      return rows.map(presentAttachment);
    });
  } catch (err) {
    for (const s of stored) await portal.storage.delete(s.key).catch(() => undefined);
    throw err;
  }
}

export function presentAttachment(a: typeof dialogueAttachments.$inferSelect) {
  return { id: a.id, sessionId: a.sessionId, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, url: `/api/v1/dialogue-attachments/${a.id}` };
}

/**
 * updateCommitment: the owner agency reports progress on a commitment — status (open, in progress, done,
 * transferred, declined with reason; PARTICIPATION.md a9, statuses [R]), progress %, a note, evidence files
 * (photos, PDF: sniffed, size-limited and encrypted like portal attachments), and the public closing note when
 * done. Only the owner agency's handler, investigator or head (or above) may update (the organiser sees it: 403).
 * Closing it tells the citizen who raised the issue, if they left an e-mail or phone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { commitmentMoveAllowed, COMMITMENT_STATUS_LABELS, isClosedCommitment, type CommitmentStatus } from '@danvan/domain/dialogues/kinds';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, commitmentEvidence, commitmentUpdates, commitments, dialogueIssues, dialogueRegistrations } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkAttachments, type UploadedFile } from '../portal/attachments.ts';
import type { PortalOptions } from '../portal/options.ts';
import { encryptFile } from '../portal/storage.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { mayUpdateCommitment } from './policy.ts';
import { visibleCommitment, type CommitmentRow } from './queries.ts';
import { indexCommitments } from '../search/index-records.ts';

export interface CommitmentUpdateInput {
  status?: CommitmentStatus;
  progress?: number;
  note?: string;
  closingNote?: string;
  reason?: string;
  evidence?: UploadedFile[];
}

const text = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

/** Pure: the new columns of the commitment and its timeline entry. */
export function planCommitmentUpdate(c: CommitmentRow, input: CommitmentUpdateInput, today: string) {
  const issues: FieldIssue[] = [];
  const from = c.status as CommitmentStatus;
  const to = input.status ?? (from === 'open' && (input.progress ?? 0) > 0 ? 'in-progress' : from);
  if (input.status && !commitmentMoveAllowed(from, to)) {
    throw new AppError(409, 'error.commitmentMove', { from: COMMITMENT_STATUS_LABELS[from] ?? from, to: COMMITMENT_STATUS_LABELS[to] ?? to });
  }
  const note = text(input.note);
  const closingNote = text(input.closingNote);
  const reason = text(input.reason);
  if (to === 'done' && !closingNote) issues.push({ field: 'closingNote', key: 'field.required' });
  if ((to === 'declined' || to === 'transferred') && !reason) issues.push({ field: 'reason', key: 'field.required' });
  if (!input.status && input.progress === undefined && !note && !input.evidence?.length) issues.push({ field: 'note', key: 'field.required' });
  if (issues.length) throw invalid(...issues);
  const closing = isClosedCommitment(to);
  const progress = to === 'done' ? 100 : (input.progress ?? c.progress);
  return {
    patch: {
      status: to,
      progress,
      statusReason: to === 'declined' || to === 'transferred' ? reason : closing ? c.statusReason : null,
      closingNote: to === 'done' ? closingNote : closing ? c.closingNote : null,
      closedOn: closing ? (isClosedCommitment(from) ? c.closedOn : today) : null,
      overdueSince: closing ? null : c.overdueSince,
    },
    entry: { on: today, status: to, progress, note: [note, to === 'done' ? closingNote : null, to === 'declined' || to === 'transferred' ? reason : null].filter(Boolean).join(' — ') || null },
    closes: closing && !isClosedCommitment(from),
  };
}

export async function updateCommitment(ctx: AppContext, portal: PortalOptions, user: CurrentUser, id: string, input: CommitmentUpdateInput) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const c = await visibleCommitment(ctx.db, user, id);
  const [owner] = await ctx.db.select({ name: agencies.fullName }).from(agencies).where(eq(agencies.id, c.ownerAgencyId));
  if (!mayUpdateCommitment(user, c)) throw new AppError(403, 'error.notOwnerAgency', { agency: owner?.name ?? '' });
  const fileIssues: FieldIssue[] = [];
  const files = checkAttachments(input.evidence ?? [], fileIssues);
  if (fileIssues.length) throw invalid(...fileIssues.map((i) => ({ ...i, field: i.field.replace(/^attachments/, 'evidence') })));
  const plan = planCommitmentUpdate(c, input, today);
  const stored: { key: string; file: (typeof files)[number]; dataKey: ReturnType<typeof encryptFile>['dataKey'] }[] = [];
  for (const file of files) {
    const enc = encryptFile(ctx.sealer, file.data);
    const key = `commitments/${today.slice(0, 7)}/${randomUUID()}`;
    await portal.storage.put(key, enc.data);
    stored.push({ key, file, dataKey: enc.dataKey });
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(commitments)
        .set({ ...plan.patch, updatedAt: now })
        .where(and(eq(commitments.id, c.id), eq(commitments.status, c.status)))
        .returning();
      if (!updated) throw new AppError(409, 'error.conflict');
      await indexCommitments(tx, [updated]);
      const [entry] = await tx.insert(commitmentUpdates).values({ commitmentId: c.id, ...plan.entry, actorId: user.id, createdAt: now }).returning();
      for (const s of stored) {
        await tx.insert(commitmentEvidence).values({
          updateId: entry!.id,
          commitmentId: c.id,
          storageKey: s.key,
          fileName: s.file.fileName,
          contentType: s.file.contentType,
          sizeBytes: s.file.data.length,
          sha256: createHash('sha256').update(s.file.data).digest('hex'),
          dataKey: s.dataKey,
          createdAt: now,
        });
      }
      await writeAudit(tx, {
        at: now,
        actorId: user.id,
        actorName: user.displayName,
        agencyId: c.ownerAgencyId,
        entity: 'commitment',
        entityId: c.id,
        action: 'commitment.update',
        summary: `Cập nhật cam kết ${c.code}: ${COMMITMENT_STATUS_LABELS[plan.patch.status as CommitmentStatus]}, ${plan.patch.progress}%${stored.length ? `, ${stored.length} tệp minh chứng` : ''}`,
        before: { status: c.status, progress: c.progress },
        after: { status: plan.patch.status, progress: plan.patch.progress, evidence: stored.length },
      });
      if (plan.closes) await tellCitizen(tx, ctx, updated);
      return updated;
    });
  } catch (err) {
    for (const s of stored) await portal.storage.delete(s.key).catch(() => undefined);
    throw err;
  }
}

/** The citizen who raised the issue (registered with a contact) is told the commitment closed: e-mail, else SMS. */
async function tellCitizen(tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], ctx: AppContext, c: CommitmentRow) {
  const [row] = await tx
    .select({ contact: dialogueRegistrations.contact })
    .from(dialogueIssues)
    .innerJoin(dialogueRegistrations, eq(dialogueRegistrations.id, dialogueIssues.registrationId))
    .where(eq(dialogueIssues.id, c.issueId));
  if (!row?.contact) return;
  const contact = JSON.parse(ctx.sealer.open(row.contact)) as { phone: string | null; email: string | null };
  const message = `Cam kết ${c.code} (${c.content.slice(0, 80)}) đã ${COMMITMENT_STATUS_LABELS[c.status as CommitmentStatus].toLowerCase()} ngày ${formatIsoDateVi(c.closedOn ?? isoDateInVietnam(ctx.now()))}. Xem tại trang Cam kết đối thoại của cổng DânVận.`;
  const to = contact.email ?? contact.phone;
  if (!to) return;
  await enqueueNotification(tx, ctx, { channel: contact.email ? 'email' : 'sms', kind: 'commitment-closed', to, subject: `Cam kết ${c.code} đã có kết quả`, text: message, dedupeKey: `commitment-closed:${c.id}:${c.closedOn}` });
}

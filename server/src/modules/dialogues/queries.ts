/** Reading dialogues and commitments: visibility (404 outside the user's subtrees) and the shapes the API returns. */
import { asc, eq, inArray } from 'drizzle-orm';
import { COMMITMENT_STATUS_LABELS, DIALOGUE_STATUS_LABELS, ISSUE_OUTCOME_LABELS, MARK_LABELS, isOverdueCommitment, type CommitmentStatus, type DialogueKind, type DialogueStatus, type IssueOutcome } from '@danvan/domain/dialogues/kinds';
import { formatIsoDateVi } from '@danvan/domain/text';
import type { DbOrTx } from '../../db/client.ts';
import { agencies, cases, commitmentEvidence, commitmentUpdates, commitments, dialogueAttachments, dialogueCancellations, dialogueDispatches, dialogueIssues, dialogueRegistrations, dialogueSessions, dialogues } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { mayViewCommitment, mayViewDialogue } from './policy.ts';

export type DialogueRow = typeof dialogues.$inferSelect;
export type CommitmentRow = typeof commitments.$inferSelect;
export type IssueRow = typeof dialogueIssues.$inferSelect;

export async function loadDialogue(db: DbOrTx, id: string): Promise<DialogueRow | undefined> {
  const [d] = await db.select().from(dialogues).where(eq(dialogues.id, id));
  return d;
}

export async function visibleDialogue(db: DbOrTx, user: CurrentUser, id: string): Promise<DialogueRow> {
  const d = await loadDialogue(db, id);
  if (!d || !mayViewDialogue(user, d.agencyPath)) throw notFound();
  return d;
}

export async function visibleCommitment(db: DbOrTx, user: CurrentUser, id: string): Promise<CommitmentRow> {
  const [c] = await db.select().from(commitments).where(eq(commitments.id, id));
  if (!c || !mayViewCommitment(user, c)) throw notFound();
  return c;
}

export async function agencyNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, { code: string; name: string }>> {
  const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const out = new Map<string, { code: string; name: string }>();
  if (!list.length) return out;
  const rows = await db.select({ id: agencies.id, code: agencies.code, name: agencies.fullName }).from(agencies).where(inArray(agencies.id, list));
  for (const r of rows) out.set(r.id, { code: r.code, name: r.name });
  return out;
}

export function kindInfo(kind: DialogueKind | undefined, key: string) {
  return kind
    ? {
        key,
        label: kind.label,
        noticeDays: kind.noticeDays,
        noticeRule: `${kind.noticeCitation} — ${MARK_LABELS[kind.noticeMark]}`,
        noticeMark: kind.noticeMark,
        conclusionDays: kind.conclusionDays,
        conclusionRule: `${kind.conclusionCitation} — ${MARK_LABELS[kind.conclusionMark]}`,
        conclusionMark: kind.conclusionMark,
      }
    : { key, label: key, noticeDays: 0, noticeRule: '', noticeMark: 'R' as const, conclusionDays: 0, conclusionRule: '', conclusionMark: 'R' as const };
}

export function presentCommitment(c: CommitmentRow, names: Map<string, { code: string; name: string }>, today: string, dialogue?: { code: string; title: string }) {
  const owner = names.get(c.ownerAgencyId);
  return {
    id: c.id,
    code: c.code,
    dialogueId: c.dialogueId,
    dialogueCode: dialogue?.code ?? null,
    dialogueTitle: dialogue?.title ?? null,
    issueId: c.issueId,
    content: c.content,
    ownerAgency: { code: owner?.code ?? '', name: owner?.name ?? '' },
    madeOn: c.madeOn,
    dueOn: c.dueOn,
    dueOnText: formatIsoDateVi(c.dueOn),
    status: c.status,
    statusLabel: COMMITMENT_STATUS_LABELS[c.status as CommitmentStatus] ?? c.status,
    statusReason: c.statusReason,
    progress: c.progress,
    closingNote: c.closingNote,
    closedOn: c.closedOn,
    overdue: isOverdueCommitment(c, today),
    keptOnTime: c.status === 'done' && c.closedOn !== null && c.closedOn <= c.dueOn,
  };
}

export async function commitmentTimeline(db: DbOrTx, commitmentId: string) {
  const ups = await db.select().from(commitmentUpdates).where(eq(commitmentUpdates.commitmentId, commitmentId)).orderBy(asc(commitmentUpdates.createdAt));
  const files = await db.select().from(commitmentEvidence).where(eq(commitmentEvidence.commitmentId, commitmentId)).orderBy(asc(commitmentEvidence.createdAt));
  return ups.map((u) => ({
    id: u.id,
    on: u.on,
    onText: formatIsoDateVi(u.on),
    status: u.status,
    statusLabel: COMMITMENT_STATUS_LABELS[u.status as CommitmentStatus] ?? u.status,
    progress: u.progress,
    note: u.note,
    evidence: files.filter((f) => f.updateId === u.id).map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes })),
  }));
}

/** The whole dialogue for staff: sessions, questions (no contact), issues, commitments. */
export async function presentDialogue(db: DbOrTx, d: DialogueRow, kind: DialogueKind | undefined, today: string) {
  const [sessions, regs, issues, comms] = await Promise.all([
    db.select().from(dialogueSessions).where(eq(dialogueSessions.dialogueId, d.id)).orderBy(asc(dialogueSessions.heldOn), asc(dialogueSessions.createdAt)),
    db.select().from(dialogueRegistrations).where(eq(dialogueRegistrations.dialogueId, d.id)).orderBy(asc(dialogueRegistrations.createdAt)),
    db.select({ i: dialogueIssues, caseCode: cases.code }).from(dialogueIssues).leftJoin(cases, eq(cases.id, dialogueIssues.caseId)).where(eq(dialogueIssues.dialogueId, d.id)).orderBy(asc(dialogueIssues.seq)),
    db.select().from(commitments).where(eq(commitments.dialogueId, d.id)).orderBy(asc(commitments.code)),
  ]);
  const names = await agencyNames(db, [d.agencyId, ...issues.map((r) => r.i.targetAgencyId), ...comms.map((c) => c.ownerAgencyId)]);
  const [cancellation] = d.status === 'cancelled' ? await db.select().from(dialogueCancellations).where(eq(dialogueCancellations.dialogueId, d.id)) : [];
  const regCode = new Map(regs.map((r) => [r.id, r.code]));
  return {
    ...presentDialogueHead(d, kind, names),
    sessions: sessions.map((s) => ({ id: s.id, label: s.label, heldOn: s.heldOn, location: s.location, attendance: s.attendance, minutes: s.minutes })),
    registrations: regs.map((r) => ({ id: r.id, code: r.code, question: r.question, wantsToSpeak: r.wantsToSpeak, hasContact: r.contact !== null, createdAt: r.createdAt.toISOString() })),
    issues: issues.map(({ i, caseCode }) => presentIssue(i, names, regCode, caseCode)),
    commitments: comms.map((c) => presentCommitment(c, names, today, d)),
    /** a4: how many village / residential-group heads the conclusion reached (counts only; names stay with staff). */
    sentToVillageHeads: d.status === 'concluded' ? await dispatchCounts(db, d.id) : null,
    cancellation: cancellation ? { cancelledOn: cancellation.cancelledOn, reason: cancellation.reason, registrantsTold: cancellation.registrantsTold } : null,
    /** Files of the held dialogue (staff only: never on the portal). */
    attachments: (await db.select().from(dialogueAttachments).where(eq(dialogueAttachments.dialogueId, d.id)).orderBy(asc(dialogueAttachments.createdAt))).map((a) => ({
      id: a.id,
      sessionId: a.sessionId,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      url: `/api/v1/dialogue-attachments/${a.id}`,
    })),
  };
}

/** How many heads a dialogue's conclusion reached (no names: the public page uses it too). */
export async function dispatchCounts(db: DbOrTx, dialogueId: string) {
  const rows = await db.select({ headId: dialogueDispatches.headId, channel: dialogueDispatches.channel }).from(dialogueDispatches).where(eq(dialogueDispatches.dialogueId, dialogueId));
  return { heads: new Set(rows.map((r) => r.headId)).size, app: rows.filter((r) => r.channel === 'app').length, email: rows.filter((r) => r.channel === 'email').length };
}

export function presentIssue(i: IssueRow, names: Map<string, { code: string; name: string }>, regCode: Map<string, string>, caseCode: string | null) {
  const target = i.targetAgencyId ? names.get(i.targetAgencyId) : undefined;
  return {
    id: i.id,
    seq: i.seq,
    content: i.content,
    outcome: i.outcome,
    outcomeLabel: ISSUE_OUTCOME_LABELS[i.outcome as IssueOutcome] ?? i.outcome,
    answer: i.answer,
    targetAgency: target ? { code: target.code, name: target.name } : null,
    registrationCode: i.registrationId ? (regCode.get(i.registrationId) ?? null) : null,
    caseId: i.caseId,
    caseCode,
  };
}

export function presentDialogueHead(d: DialogueRow, kind: DialogueKind | undefined, names: Map<string, { code: string; name: string }>) {
  const a = names.get(d.agencyId);
  return {
    id: d.id,
    code: d.code,
    agency: { code: a?.code ?? '', name: a?.name ?? '' },
    kind: kindInfo(kind, d.kind),
    status: d.status,
    statusLabel: DIALOGUE_STATUS_LABELS[d.status as DialogueStatus] ?? d.status,
    title: d.title,
    content: d.content,
    plannedOn: d.plannedOn,
    plannedOnText: formatIsoDateVi(d.plannedOn),
    startTime: d.startTime,
    location: d.location,
    onlineLink: d.onlineLink,
    howToAttend: d.howToAttend,
    organiser: d.organiser,
    coChair: d.coChair,
    complex: d.complex,
    noticeOn: d.noticeOn,
    noticeLate: d.noticeLate,
    noticeLateReason: d.noticeLateReason,
    heldOn: d.heldOn,
    attendance: d.attendance,
    chairedBy: d.chairedBy,
    conclusionDueOn: d.conclusionDueOn,
    conclusionExplanation: d.conclusionExplanation,
    conclusionOn: d.conclusionOn,
    conclusionLate: d.conclusionLate,
    conclusionSummary: d.conclusionSummary,
  };
}

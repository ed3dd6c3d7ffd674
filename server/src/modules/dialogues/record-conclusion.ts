/**
 * recordDialogueConclusion: the conclusion notice (thông báo kết luận) as a structured record (NĐ 13/2021 Art. 11,
 * a7): every issue raised, answered on the spot (with the answer), transferred (to which agency) or assigned (to which
 * agency, by when). Recording it publishes it (portal); it is late when published after the kind's deadline (a4:
 * 10 days; youth 10, 15 if complex), counted by the legal clock from the last session. Every assigned issue becomes
 * a commitment of its owner agency.
 */
import { and, eq } from 'drizzle-orm';
import { conclusionDeadline, DIALOGUE_STATUS_LABELS, type DialogueKind, type DialogueStatus, type IssueOutcome } from '@danvan/domain/dialogues/kinds';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { WorkCalendar } from '@danvan/domain/clock/index';
import type { AppContext } from '../../context.ts';
import { commitmentUpdates, commitments, dialogueIssues, dialogueRegistrations, dialogues } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clockInputs, computeClock, loadCalendar } from '../clock/deadlines.ts';
import { dialogueAudit } from './audit.ts';
import { dialogueKind } from './kinds.ts';
import { mayOrganise } from './policy.ts';
import { visibleDialogue, type DialogueRow } from './queries.ts';
import { sendConclusionToVillageHeads } from './village-heads.ts';
import { indexCommitments, indexDialogue } from '../search/index-records.ts';

export interface IssueInput {
  content: string;
  outcome: IssueOutcome;
  answer?: string;
  /** Transferred to / assigned to (agency code). */
  agency?: string;
  /** Assigned: the date the conclusion sets. */
  dueOn?: string;
  /** Assigned, where a legal-clock rule applies (e.g. grassroots.board-answer): the due date is computed from the conclusion date. */
  dueRule?: string;
  /** The portal registration whose question this is (the citizen is told when its commitment closes). */
  registrationCode?: string;
}

export interface ConclusionInput {
  conclusionOn?: string;
  summary: string;
  chairedBy?: string;
  complex?: boolean;
  issues: IssueInput[];
}

/** Pure: the dialogue patch, the issues and the commitments to write (agencies and registrations already looked up). */
export function planConclusion(
  d: DialogueRow,
  kind: DialogueKind,
  input: ConclusionInput,
  today: string,
  calendar: WorkCalendar,
  agencies: Map<string, AgencyRow>,
  registrations: Map<string, string>,
) {
  const issues: FieldIssue[] = [];
  const conclusionOn = input.conclusionOn ?? today;
  if (!isRealIsoDate(conclusionOn)) issues.push({ field: 'conclusionOn', key: 'field.date' });
  else if (conclusionOn > today) issues.push({ field: 'conclusionOn', key: 'field.dateInFuture' });
  else if (d.heldOn && conclusionOn < d.heldOn) issues.push({ field: 'conclusionOn', key: 'field.beforeDialogue', params: { date: formatIsoDateVi(d.heldOn) } });
  const summary = cleanText(input.summary);
  if (!summary) issues.push({ field: 'summary', key: 'field.required' });
  const planned = input.issues.map((it, i) => {
    const f = `issues.${i}`;
    const content = cleanText(it.content);
    if (!content) issues.push({ field: `${f}.content`, key: 'field.required' });
    const answer = it.answer ? cleanText(it.answer) || null : null;
    if (it.outcome === 'answered' && !answer) issues.push({ field: `${f}.answer`, key: 'field.issueAnswer' });
    let target: AgencyRow | null = null;
    if (it.outcome !== 'answered') {
      if (!it.agency) issues.push({ field: `${f}.agency`, key: 'field.issueTarget' });
      else {
        target = agencies.get(it.agency) ?? null;
        if (!target) issues.push({ field: `${f}.agency`, key: 'error.unknownAgency', params: { code: it.agency } });
      }
    }
    let dueOn: string | null = null;
    let dueExplanation: string | null = null;
    if (it.outcome === 'assigned' && it.dueRule) {
      // A legal-clock rule applies: the due date is the clock's, from the conclusion date (not a date typed in).
      if (it.dueOn) issues.push({ field: `${f}.dueOn`, key: 'field.dueRuleOrDate' });
      else if (isRealIsoDate(conclusionOn)) {
        try {
          const due = computeClock(calendar, clockInputs(it.dueRule, conclusionOn));
          dueOn = due.due;
          dueExplanation = due.explanation;
        } catch {
          issues.push({ field: `${f}.dueRule`, key: 'field.dueRule', params: { value: it.dueRule } });
        }
      }
    } else if (it.outcome === 'assigned') {
      if (!it.dueOn) issues.push({ field: `${f}.dueOn`, key: 'field.issueDue' });
      else if (!isRealIsoDate(it.dueOn)) issues.push({ field: `${f}.dueOn`, key: 'field.date' });
      else if (isRealIsoDate(conclusionOn) && it.dueOn < conclusionOn) issues.push({ field: `${f}.dueOn`, key: 'field.dueAfterConclusion', params: { date: formatIsoDateVi(conclusionOn) } });
      else dueOn = it.dueOn;
    }
    let registrationId: string | null = null;
    if (it.registrationCode) {
      registrationId = registrations.get(it.registrationCode.trim().toUpperCase()) ?? null;
      if (!registrationId) issues.push({ field: `${f}.registrationCode`, key: 'field.registrationCode', params: { value: it.registrationCode } });
    }
    return { seq: i + 1, content, outcome: it.outcome, answer, target, dueOn, dueExplanation, registrationId };
  });
  if (!input.issues.length) issues.push({ field: 'issues', key: 'field.required' });
  if (issues.length) throw invalid(...issues);
  const complex = input.complex ?? d.complex;
  const deadline = conclusionDeadline(kind, d.heldOn ?? d.plannedOn, complex, calendar);
  return {
    patch: {
      status: 'concluded',
      conclusionOn,
      conclusionSummary: summary,
      complex,
      conclusionDueOn: deadline.due,
      conclusionExplanation: deadline.explanation,
      conclusionLate: conclusionOn > deadline.due,
      chairedBy: input.chairedBy ? cleanText(input.chairedBy) || d.chairedBy : d.chairedBy,
    },
    issues: planned,
    counts: {
      raised: planned.length,
      answered: planned.filter((p) => p.outcome === 'answered').length,
      transferred: planned.filter((p) => p.outcome === 'transferred').length,
      assigned: planned.filter((p) => p.outcome === 'assigned').length,
    },
  };
}

export async function recordDialogueConclusion(ctx: AppContext, user: CurrentUser, id: string, input: ConclusionInput) {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const d = await visibleDialogue(ctx.db, user, id);
  if (!mayOrganise(user, d.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (d.status !== 'held') {
    throw new AppError(409, 'error.dialogueState', { action: 'công bố kết luận', status: DIALOGUE_STATUS_LABELS[d.status as DialogueStatus] ?? d.status });
  }
  const kind = await dialogueKind(ctx.db, d.kind);
  const calendar = await loadCalendar(ctx.db);
  const agencies = new Map<string, AgencyRow>();
  for (const code of new Set(input.issues.map((i) => i.agency).filter((c): c is string => Boolean(c)))) {
    const a = await agencyByCode(ctx.db, code);
    if (a) agencies.set(code, a);
  }
  const regs = await ctx.db.select({ id: dialogueRegistrations.id, code: dialogueRegistrations.code }).from(dialogueRegistrations).where(eq(dialogueRegistrations.dialogueId, d.id));
  const plan = planConclusion(d, kind, input, today, calendar, agencies, new Map(regs.map((r) => [r.code, r.id])));
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(dialogues).set({ ...plan.patch, updatedAt: now }).where(and(eq(dialogues.id, d.id), eq(dialogues.status, 'held'))).returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await indexDialogue(tx, updated);
    let made = 0;
    for (const p of plan.issues) {
      const [issue] = await tx
        .insert(dialogueIssues)
        .values({ dialogueId: d.id, agencyPath: d.agencyPath, seq: p.seq, content: p.content, outcome: p.outcome, answer: p.answer, targetAgencyId: p.target?.id ?? null, registrationId: p.registrationId, createdAt: now })
        .returning();
      if (p.outcome !== 'assigned' || !p.target || !p.dueOn || !issue) continue;
      made++;
      const [c] = await tx
        .insert(commitments)
        .values({
          code: `CK-${d.code.slice(3)}-${String(p.seq).padStart(2, '0')}`,
          dialogueId: d.id,
          issueId: issue.id,
          agencyPath: d.agencyPath,
          ownerAgencyId: p.target.id,
          ownerAgencyPath: p.target.path,
          content: p.content,
          madeOn: plan.patch.conclusionOn,
          dueOn: p.dueOn,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await indexCommitments(tx, [c], d);
      if (c) await tx.insert(commitmentUpdates).values({ commitmentId: c.id, on: plan.patch.conclusionOn, status: 'open', progress: 0, note: `Giao tại kết luận đối thoại ${d.code}${p.dueExplanation ? `; hạn theo đồng hồ pháp lý: ${p.dueExplanation}` : ''}`, actorId: user.id, createdAt: now });
    }
    const k = plan.counts;
    // a4: the results go to every village and residential-group head of the commune (in-app notice, e-mail).
    const sent = await sendConclusionToVillageHeads(tx, ctx, d, plan.patch.conclusionOn, plan.patch.conclusionSummary);
    await writeAudit(
      tx,
      dialogueAudit(
        user,
        d,
        now,
        'dialogue.conclude',
        `Công bố kết luận đối thoại ${d.code} ngày ${formatIsoDateVi(plan.patch.conclusionOn)}${plan.patch.conclusionLate ? ` (muộn, hạn ${formatIsoDateVi(plan.patch.conclusionDueOn)})` : ''}: ${k.raised} vấn đề, ${k.answered} trả lời tại chỗ, ${k.transferred} chuyển, ${k.assigned} giao (${made} cam kết); gửi ${sent.heads} trưởng thôn, tổ dân phố`,
        { ...k, commitments: made, sentToVillageHeads: sent, conclusionOn: plan.patch.conclusionOn, conclusionDueOn: plan.patch.conclusionDueOn, late: plan.patch.conclusionLate },
        { status: d.status },
      ),
    );
    return updated;
  });
}

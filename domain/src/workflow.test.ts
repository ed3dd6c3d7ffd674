import { describe, expect, it } from 'vitest';
import type { Role } from './roles.ts';
import { allowedTransitions, checkTransition, clockRuleFor, clockStartDay, intakeRule, needsFor, outcomesFor, STATE_LABELS, TERMINAL_STATES, WORKFLOWS, CASE_KINDS, type CaseKind } from './workflow.ts';

const roles = (...r: Role[]) => new Set<Role>(r);
const handler = roles('handler');
const head = roles('head');
const staff = roles('handler', 'head', 'investigator');

describe('workflow tables', () => {
  it('a handler records the acceptance of a received complaint with the head decision number and signer; the clock starts complaint.first', () => {
    const r = checkTransition('complaint', 'received', 'accept', handler, { decisionNo: '12/QĐ-UBND', signer: 'Trần Văn Lãnh' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.transition.clock?.start).toBe('complaint.first');
  });
  it('a receptionist cannot accept', () => {
    expect(checkTransition('complaint', 'received', 'accept', roles('receptionist'))).toEqual({ ok: false, reason: 'role', allowed: [] });
  });
  it('decide needs a valid outcome for the instance; only a head decides a complaint', () => {
    expect(checkTransition('complaint', 'accepted', 'decide', head)).toMatchObject({ ok: false, reason: 'missing-field', detail: 'outcome' });
    expect(checkTransition('complaint', 'accepted', 'decide', head, { outcome: 'untrue' })).toMatchObject({ ok: false, reason: 'outcome-invalid' });
    expect(checkTransition('complaint', 'accepted', 'decide', head, { outcome: 'uphold' })).toMatchObject({ ok: false, reason: 'outcome-invalid' });
    expect(checkTransition('complaint', 'accepted', 'decide', head, { outcome: 'partly-right' })).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'accepted', 'decide', handler, { outcome: 'right' })).toMatchObject({ ok: false, reason: 'role' });
    expect(outcomesFor('complaint', 'decide', { instance: 2 }).map((o) => o.value)).toEqual(['uphold', 'annul', 'amend']);
  });
  it('a second-instance decision requires a dialogue (Luật Khiếu nại Art. 39)', () => {
    const f = { instance: 2 as const, dialogueHeld: false };
    expect(checkTransition('complaint', 'verifying', 'decide', head, { outcome: 'uphold' }, f)).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition('complaint', 'dialogue', 'decide', head, { outcome: 'uphold' }, { instance: 2, dialogueHeld: true })).toMatchObject({ ok: true });
  });
  it('an action not possible in the state lists the allowed ones', () => {
    expect(checkTransition('complaint', 'received', 'decide', head)).toEqual({
      ok: false,
      reason: 'not-allowed-in-state',
      allowed: ['accept', 'decline', 'forward', 'guide', 'chase', 'return-documents', 'archive', 'withdraw'],
    });
  });
  it('forward and guide are allowed once only', () => {
    expect(checkTransition('feedback', 'received', 'forward', handler, { targetAgency: '01' }, { alreadyForwarded: true })).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition('feedback', 'received', 'guide', handler, {}, { alreadyGuided: true })).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition('feedback', 'received', 'forward', handler, {})).toMatchObject({ ok: false, reason: 'missing-field', detail: 'targetAgency' });
  });
  it('chase (đôn đốc cấp dưới) needs the lower-level agency, stops the clock and ends processing here', () => {
    for (const kind of CASE_KINDS) {
      expect(checkTransition(kind, 'received', 'chase', handler)).toMatchObject({ ok: false, reason: 'missing-field', detail: 'targetAgency' });
      const r = checkTransition(kind, 'received', 'chase', head, { targetAgency: '00004' });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.transition).toMatchObject({ to: 'chased', clock: { stop: true }, citation: 'Thông tư 05/2021/TT-TTCP', label: 'Đôn đốc cấp dưới giải quyết' });
    }
    expect(checkTransition('complaint', 'received', 'chase', roles('receptionist', 'investigator'), { targetAgency: '00004' })).toMatchObject({ ok: false, reason: 'role' });
    expect(checkTransition('complaint', 'accepted', 'chase', head, { targetAgency: '00004' })).toMatchObject({ ok: false, reason: 'not-allowed-in-state' });
    expect(STATE_LABELS.chased).toBe('Đã đôn đốc');
    expect(TERMINAL_STATES).toContain('chased');
    for (const kind of CASE_KINDS) expect(allowedTransitions(kind, 'chased', staff)).toEqual([]);
  });
  it('archive needs a reason from the list', () => {
    expect(checkTransition('complaint', 'received', 'archive', handler, { reason: 'whatever' })).toMatchObject({ ok: false, reason: 'outcome-invalid' });
    expect(checkTransition('complaint', 'received', 'archive', handler, { reason: 'anonymous' })).toMatchObject({ ok: true });
  });
  it('denunciation extensions follow the complexity: 0, 1 or 2 (Luật Tố cáo Art. 30)', () => {
    const ext = (used: number, allowedN: number) => checkTransition('denunciation', 'verifying', 'extend', head, { documentNo: '12/QĐ-GH' }, { extensionsUsed: used, extensionsAllowed: allowedN });
    expect(ext(0, 0)).toMatchObject({ ok: false, reason: 'guard' });
    expect(ext(0, 1)).toMatchObject({ ok: true });
    expect(ext(1, 1)).toMatchObject({ ok: false, reason: 'guard' });
    expect(ext(1, 2)).toMatchObject({ ok: true });
    expect(ext(2, 2)).toMatchObject({ ok: false, reason: 'guard' });
  });
  it('a decision becomes effective only after its period; second instance cannot be appealed again', () => {
    expect(checkTransition('complaint', 'decided', 'make-effective', handler, {}, { effectivePeriodElapsed: false })).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition('complaint', 'decided', 'make-effective', handler, {}, { effectivePeriodElapsed: true })).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'decided', 'appeal', handler, {}, { instance: 2 })).toMatchObject({ ok: false, reason: 'guard' });
  });
  it('suspend and resume pause and restart the clock; resume returns to the previous state', () => {
    const s = checkTransition('denunciation', 'verifying', 'suspend', head, { reason: 'Chờ kết quả giám định' });
    expect(s.ok && s.transition.clock?.pause).toBe(true);
    const r = checkTransition('denunciation', 'suspended', 'resume', head);
    expect(r.ok && r.transition.to).toBe('$previous');
  });
  it('denunciation withdrawal must state whether a violation is indicated', () => {
    expect(checkTransition('denunciation', 'verifying', 'withdraw', handler)).toMatchObject({ ok: false, reason: 'missing-field', detail: 'violationIndicated' });
    expect(checkTransition('denunciation', 'verifying', 'withdraw', head, { violationIndicated: false })).toMatchObject({ ok: true });
  });
  it('every kind reaches a terminal state from received, every state has a label, every row a citation', () => {
    const facts = { effectivePeriodElapsed: true, extensionsAllowed: 0, dialogueHeld: true };
    const happy: Record<CaseKind, string[]> = {
      complaint: ['accept', 'start-verification', 'hold-dialogue', 'decide', 'make-effective', 'close'],
      denunciation: ['accept', 'start-verification', 'conclude', 'send-conclusion', 'publish', 'close'],
      feedback: ['accept', 'answer', 'publish', 'close'],
    };
    for (const kind of CASE_KINDS) {
      let state = 'received';
      for (const action of happy[kind]) {
        const t = allowedTransitions(kind, state, staff, facts).find((x) => x.action === action);
        expect(t, `${kind}: ${action} from ${state}`).toBeDefined();
        state = t!.to;
      }
      expect(TERMINAL_STATES).toContain(state);
      for (const t of WORKFLOWS[kind]) {
        expect(t.citation.length).toBeGreaterThan(5);
        if (t.to !== '$previous' && t.to !== '$same') expect(STATE_LABELS[t.to], t.to).toBeDefined();
        for (const f of t.from) expect(STATE_LABELS[f], f).toBeDefined();
      }
    }
  });

  it('acceptance, termination and closing on withdrawal are the head\'s decisions: a handler only records one with its number and signer', () => {
    expect(checkTransition('complaint', 'received', 'accept', handler)).toMatchObject({ ok: false, reason: 'missing-field', detail: 'decisionNo' });
    expect(checkTransition('denunciation', 'received', 'accept', handler, { decisionNo: '3/QĐ-TC' })).toMatchObject({ ok: false, reason: 'missing-field', detail: 'signer' });
    expect(checkTransition('complaint', 'received', 'accept', head)).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'verifying', 'terminate', handler, { reason: 'x' })).toMatchObject({ ok: false, detail: 'decisionNo' });
    expect(checkTransition('complaint', 'verifying', 'withdraw', handler)).toMatchObject({ ok: false, detail: 'decisionNo' });
    expect(needsFor(WORKFLOWS.complaint.find((t) => t.action === 'accept')!, handler)).toEqual(['decisionNo', 'signer']);
    expect(needsFor(WORKFLOWS.complaint.find((t) => t.action === 'accept')!, head)).toEqual([]);
    // Taking up a feedback item is no decision of the head.
    expect(checkTransition('feedback', 'received', 'accept', handler)).toMatchObject({ ok: true });
  });
  it('the right rule drives each step: intake by kind, forwarding from the day of receipt, publication from the conclusion', () => {
    expect(CASE_KINDS.map(intakeRule)).toEqual(['complaint.accept', 'denunciation.intake', 'petition.process']);
    const decline = (kind: CaseKind) => checkTransition(kind, 'received', 'decline', handler);
    const rules = CASE_KINDS.map((k) => {
      const r = decline(k);
      return r.ok ? [r.transition.clock?.start, r.transition.clock?.startFrom, r.transition.to] : null;
    });
    expect(rules).toEqual([
      ['complaint.guide', 'received', 'outside'],
      ['denunciation.forward', 'received', 'outside'],
      ['feedback.forward', 'received', 'outside'],
    ]);
    const send = checkTransition('denunciation', 'concluded', 'send-conclusion', handler);
    expect(send.ok && [send.transition.clock?.start, clockStartDay(send.transition, '2026-08-14', { receivedOn: '2026-07-01', decidedOn: '2026-08-10' })]).toEqual(['denunciation.publish', '2026-08-10']);
    const decide = WORKFLOWS.complaint.find((t) => t.action === 'decide')!;
    expect(clockRuleFor('complaint', decide, { instance: 1 })).toBe('complaint.send-decision');
    expect(clockRuleFor('complaint', decide, { instance: 2 })).toBe('complaint.send-second-decision');
    // Forwarding and the other processing decisions remain possible once the matter is found outside jurisdiction.
    expect(allowedTransitions('feedback', 'outside', handler).map((t) => t.action)).toEqual(['accept', 'forward', 'guide', 'chase', 'return-documents', 'archive']);
  });
  it('appeals: refused after the window (the article cited), allowed after a lapsed first-instance deadline; a lawsuit after either instance', () => {
    const closed = 'Đã hết thời hạn khiếu nại lần hai (Điều 33 Luật Khiếu nại 2011)';
    expect(checkTransition('complaint', 'decided', 'appeal', handler, {}, { instance: 1, appealWindowClosed: closed })).toMatchObject({ ok: false, reason: 'guard', detail: closed });
    expect(checkTransition('complaint', 'decided', 'appeal', handler, {}, { instance: 1, appealWindowClosed: null })).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'verifying', 'appeal', handler, {}, { instance: 1, deadlineLapsed: false })).toMatchObject({ ok: false, reason: 'guard' });
    const lapsed = checkTransition('complaint', 'verifying', 'appeal', handler, {}, { instance: 1, deadlineLapsed: true });
    expect(lapsed.ok && lapsed.transition.to).toBe('$same');
    expect(checkTransition('complaint', 'decided', 'sue', handler, {}, { instance: 2 })).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'decided', 'sue', handler, {}, { instance: 1 })).toMatchObject({ ok: true });
  });
  it('complexity found later needs a written finding: document number and one of the 7 criteria', () => {
    expect(checkTransition('complaint', 'verifying', 'find-complex', handler, { documentNo: '5/BB' })).toMatchObject({ ok: false, detail: 'complexityCriterion' });
    expect(checkTransition('complaint', 'verifying', 'find-complex', handler, { documentNo: '5/BB', complexityCriterion: 'nope' })).toMatchObject({ ok: false, reason: 'outcome-invalid' });
    expect(checkTransition('complaint', 'verifying', 'find-complex', handler, { documentNo: '5/BB', complexityCriterion: 'several-sites' })).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'verifying', 'find-complex', handler, { documentNo: '5/BB', complexityCriterion: 'several-sites' }, { complex: true })).toMatchObject({ ok: false, reason: 'guard' });
  });
  it('denunciations: termination (Art. 34(3)) with its grounds, then sending it; re-denunciation after a conclusion or when overdue', () => {
    expect(checkTransition('denunciation', 'verifying', 'terminate', head, { reason: 'other' })).toMatchObject({ ok: false, reason: 'outcome-invalid' });
    const t = checkTransition('denunciation', 'verifying', 'terminate', head, { reason: 'accused-died' });
    expect(t.ok && [t.transition.to, t.transition.clock?.start]).toEqual(['terminated', 'denunciation.send-decision']);
    expect(checkTransition('denunciation', 'terminated', 'send-decision', handler)).toMatchObject({ ok: true });
    expect(checkTransition('denunciation', 'terminated', 'send-decision', handler, {}, { decisionSent: true })).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition('denunciation', 'published', 're-denounce', handler)).toMatchObject({ ok: true });
    expect(checkTransition('denunciation', 'verifying', 're-denounce', handler, {}, { deadlineLapsed: false })).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition('denunciation', 'verifying', 're-denounce', handler, {}, { deadlineLapsed: true })).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { Role } from './roles.ts';
import { allowedTransitions, checkTransition, outcomesFor, STATE_LABELS, TERMINAL_STATES, WORKFLOWS, CASE_KINDS, type CaseKind } from './workflow.ts';

const roles = (...r: Role[]) => new Set<Role>(r);
const handler = roles('handler');
const head = roles('head');
const staff = roles('handler', 'head', 'investigator');

describe('workflow tables', () => {
  it('a handler accepts a received complaint and the clock starts complaint.first', () => {
    const r = checkTransition('complaint', 'received', 'accept', handler);
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
      allowed: ['accept', 'forward', 'guide', 'chase', 'return-documents', 'archive', 'withdraw'],
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
    expect(checkTransition('denunciation', 'verifying', 'withdraw', handler, { violationIndicated: false })).toMatchObject({ ok: true });
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
        if (t.to !== '$previous') expect(STATE_LABELS[t.to], t.to).toBeDefined();
        for (const f of t.from) expect(STATE_LABELS[f], f).toBeDefined();
      }
    }
  });
});

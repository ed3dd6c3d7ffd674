import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, WORKFLOWS, CASE_KINDS } from './workflow.ts';

const handler = new Set(['handler'] as const);
const head = new Set(['head'] as const);
const receptionist = new Set(['receptionist'] as const);

describe('workflow tables', () => {
  it('a handler accepts a received complaint and the clock starts complaint.first', () => {
    const r = checkTransition('complaint', 'received', 'accept', handler);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.transition.clock?.start).toBe('complaint.first');
  });
  it('a receptionist cannot accept', () => {
    expect(checkTransition('complaint', 'received', 'accept', receptionist)).toEqual({ ok: false, reason: 'role', allowed: [] });
  });
  it('decide needs a valid outcome and only a head may decide a complaint', () => {
    expect(checkTransition('complaint', 'accepted', 'decide', head)).toMatchObject({ ok: false, reason: 'outcome-required' });
    expect(checkTransition('complaint', 'accepted', 'decide', head, 'untrue')).toMatchObject({ ok: false, reason: 'outcome-invalid' });
    expect(checkTransition('complaint', 'accepted', 'decide', head, 'partly-right')).toMatchObject({ ok: true });
    expect(checkTransition('complaint', 'accepted', 'decide', handler, 'right')).toMatchObject({ ok: false, reason: 'role' });
    expect(checkTransition('denunciation', 'accepted', 'decide', head, 'untrue')).toMatchObject({ ok: true });
  });
  it('an action not possible in the state lists the allowed ones', () => {
    expect(checkTransition('complaint', 'received', 'decide', head)).toEqual({ ok: false, reason: 'not-allowed-in-state', allowed: ['accept'] });
  });
  it('every kind can go from received to closed', () => {
    for (const kind of CASE_KINDS) {
      let state = 'received';
      const seen: string[] = [state];
      for (let i = 0; i < 10 && state !== 'closed'; i++) {
        const next = allowedTransitions(kind, state, new Set(['handler', 'head']))[0];
        expect(next, `${kind} stuck in ${state}`).toBeDefined();
        state = next!.to;
        seen.push(state);
      }
      expect(state).toBe('closed');
      expect(WORKFLOWS[kind].every((t) => t.citation.length > 5)).toBe(true);
    }
  });
});

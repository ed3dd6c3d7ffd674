/** The recordVisit planner without a database (ADR 0025). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../security/sealer.ts';
import { createPersonHasher } from '../../security/person-hash.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { calendarClock, calendarWith } from '../clock/deadlines.ts';
import { planCreateSession } from './plan-session.ts';
import { planVisit, visitNeeds } from './plan-visit.ts';

const agency = { id: 'a1', code: 'HN', path: 'VN/HN', remote: false } as AgencyRow;
const now = new Date('2026-03-10T03:00:00Z');
function env() {
  let n = 0;
  return { now, actor: { id: 'u1', displayName: 'Cán bộ' }, newId: () => `id${++n}`, compute: calendarClock(calendarWith([])), sealer: createSealer([{ id: 'k', key: randomBytes(32) }]), personHasher: createPersonHasher(randomBytes(32)) };
}
const citizen = { name: 'Trần Thị B', idNumber: '001190000001', address: 'Hà Nội', phone: '0912 345 678' };

describe('planVisit', () => {
  it('a received petition opens a case, times the outcome notice and keeps the citizen on the visit', () => {
    const session = planCreateSession(agency, { agency: 'HN', kind: 'regular', heldOn: '2026-03-10' }, { now, actor: { id: 'u1', displayName: 'x' }, newId: () => 's1' }).session;
    const input = { agency: 'HN', citizen, content: 'Tranh chấp đất', type: 'complaint' as const, sessionId: 's1' };
    expect(visitNeeds(input, null)).toEqual({ opensCase: true, clock: true });
    const plan = planVisit({ agency, input, session, existing: null, code: 'HN-2026-00001' }, env());
    expect(plan.visit).toMatchObject({ id: 'id1', caseId: 'id2', visitedOn: '2026-03-10', citizenName: 'Trần Thị B', citizenPhone: '+84912345678', isRepeat: false, sessionId: 's1', outcome: 'petition-received' });
    expect(plan.visit.noticeDueOn! > '2026-03-10').toBe(true);
    expect(plan.opened!.case).toMatchObject({ id: 'id2', code: 'HN-2026-00001', petitionerName: 'Trần Thị B' });
    expect(plan.audit).toMatchObject({ action: 'visit.record', entityId: 'id1', after: { caseCode: 'HN-2026-00001', repeat: false } });
  });

  it('a refused repeat opens the written-notice duty on the case; a denunciation seals the identity', () => {
    const first = planVisit({ agency, input: { agency: 'HN', visitedOn: '2026-03-02', citizen, content: 'Tố cáo', type: 'denunciation' }, session: null, existing: null, code: 'HN-2026-00002' }, env());
    expect(first.visit.citizenName).toBeNull();
    expect(first.sealed).toHaveLength(1);
    const input = { agency: 'HN', visitedOn: '2026-03-09', citizen, content: 'Hỏi lại', type: 'denunciation' as const, outcome: 'refused' as const, refusal: { ground: 'repeat-nothing-new' as const } };
    expect(visitNeeds(input, first.opened!.case)).toEqual({ opensCase: false, clock: true });
    const plan = planVisit({ agency, input, session: null, existing: first.opened!.case, code: null }, env());
    expect(plan.opened).toBeNull();
    expect(plan.visit).toMatchObject({ isRepeat: true, caseId: first.opened!.case.id, refusalGround: 'repeat-nothing-new', noticeDueOn: null });
    expect(plan.duties.map((d) => [d.code, d.caseId, d.visitId, d.openedBy])).toEqual([['repeat-notice', first.opened!.case.id, plan.visit.id, 'visit.record']]);
  });

  it('refuses a delegation without representatives and a closed session', () => {
    expect(() => planVisit({ agency, input: { agency: 'HN', citizen, content: 'Đoàn', type: 'feedback', peopleCount: 12, representatives: [] }, session: null, existing: null, code: 'x' }, env())).toThrow(expect.objectContaining({ statusCode: 400 }));
    const closed = { ...planCreateSession(agency, { agency: 'HN', kind: 'regular', heldOn: '2026-03-10' }, { now, actor: { id: 'u1', displayName: 'x' }, newId: () => 's2' }).session, status: 'closed' };
    expect(() => planVisit({ agency, input: { agency: 'HN', citizen, content: 'x', type: 'feedback' }, session: closed, existing: null, code: 'x' }, env())).toThrow(expect.objectContaining({ statusCode: 409 }));
  });
});

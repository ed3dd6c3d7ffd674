/** The classify and transition planners without a database (ADR 0025). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS } from '@danvan/domain/classification';
import { createSealer } from '../../security/sealer.ts';
import { createPersonHasher } from '../../security/person-hash.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { calendarClock, calendarWith } from '../clock/deadlines.ts';
import { planPetition } from '../petitions/plan-petition.ts';
import { planClassify } from './plan-classify.ts';
import { planLinkedCase, planTransition, stepTargetCode } from './plan-transition.ts';
import { caseFactsOf } from './transition-patch.ts';
import type { TransitionInput } from './transition-case.ts';
import type { CaseRow } from './open-case.ts';

const province = { id: 'p1', code: 'HN', path: 'VN/HN', remote: false, fullName: 'UBND Hà Nội' } as AgencyRow;
const commune = { id: 'c1', code: 'HN-X', path: 'VN/HN/HN-X', remote: false, fullName: 'UBND xã X' } as AgencyRow;
const roles = new Set(['receptionist', 'handler', 'investigator', 'head'] as const);
const compute = calendarClock(calendarWith([]));
function env(at = '2026-03-20T03:00:00Z') {
  let n = 0;
  return { now: new Date(at), actor: { id: 'u1', displayName: 'Cán bộ' }, newId: () => `id${++n}`, compute, sealer: createSealer([{ id: 'k', key: randomBytes(32) }]), personHasher: createPersonHasher(randomBytes(32)) };
}
function received(kind: 'complaint' | 'denunciation' | 'feedback' = 'complaint') {
  const p = planPetition({ agency: commune, input: { agency: 'HN-X', channel: 'post', receivedOn: '2026-03-02', type: kind, content: 'Nội dung', petitioner: { name: 'A' } }, existing: null, code: 'HN-X-2026-00001' }, env('2026-03-02T03:00:00Z'));
  return { row: p.opened!.case, petition: p.petition, sealed: p.sealed };
}
function step(c: CaseRow, input: TransitionInput, at?: string, linked: { id: string; code: string | null } | null = null, target?: AgencyRow) {
  const e = env(at);
  const facts = caseFactsOf(c, { remote: false, today: at?.slice(0, 10) ?? '2026-03-20', compute, input, alreadyForwarded: false, alreadyGuided: false, offerExtension: false });
  return planTransition({ case: c, agency: commune, input, facts, roles, target, complainants: 1, linked }, e);
}

describe('planTransition / planLinkedCase / planClassify', () => {
  it('accepting a complaint starts the resolution clock and plans the audit entry and the citizen notice', () => {
    const { row } = received();
    const plan = step(row, { action: 'accept', on: '2026-03-05' });
    expect(plan.patch).toMatchObject({ state: 'accepted', acceptedOn: '2026-03-05', jurisdiction: 'own', dueRule: 'complaint.first', clockFrom: '2026-03-05' });
    expect(plan.updated.dueOn! > '2026-03-05').toBe(true);
    expect(plan.audit).toMatchObject({ action: 'case.accept', entityId: row.id, before: { state: 'received' }, after: { state: 'accepted', on: '2026-03-05' } });
    expect(plan.notice).toBeTruthy();
  });

  it('refuses a step the table does not allow, and a date before receipt', () => {
    const { row } = received();
    expect(() => step(row, { action: 'close' })).toThrow(expect.objectContaining({ statusCode: 409 }));
    expect(() => step(row, { action: 'accept', on: '2026-03-01' })).toThrow(expect.objectContaining({ statusCode: 400 }));
  });

  it('forwarding stops the clock and links the case opened at the receiving agency, with the petitioner copied', () => {
    const { row, petition } = received('feedback');
    expect(stepTargetCode(row, { action: 'forward', targetAgency: 'HN' })).toBe('HN');
    const plan = step(row, { action: 'forward', targetAgency: 'HN', on: '2026-03-04' }, undefined, { id: 'L1', code: 'HN-2026-00042' }, province);
    expect(plan.patch).toMatchObject({ state: 'forwarded', forwardedToId: 'L1', dueOn: null, closedOn: '2026-03-04' });
    expect(plan.audit.summary).toContain('(HN-2026-00042)');
    const linked = planLinkedCase({ id: 'L1', code: 'HN-2026-00042', source: row, sourceAgency: commune, target: province, kind: 'feedback', on: '2026-03-04', relation: 'forward', firstPetition: petition, sealed: [] }, env());
    expect(linked.case).toMatchObject({ id: 'L1', code: 'HN-2026-00042', agencyId: 'p1', forwardedFromId: row.id, instance: 1, state: 'received' });
    expect(linked.petition).toMatchObject({ channel: 'forwarded', caseId: 'L1', petitionerName: 'A' });
    expect(linked.audit.action).toBe('case.receive-forwarded');
  });

  it('classifying records the field; reclassifying as a denunciation seals the attached identities', () => {
    const { row, petition } = received('feedback');
    const field = DEFAULT_FIELDS[0]!.value;
    expect(planClassify(row, { field }, DEFAULT_FIELDS, null, env()).patch).toMatchObject({ field, kind: 'feedback' });
    const plan = planClassify(row, { kind: 'denunciation' }, DEFAULT_FIELDS, { visits: [], petitions: [petition] }, env());
    expect(plan.patch).toMatchObject({ kind: 'denunciation', petitionerName: '[Đã bảo mật]' });
    expect(plan.sealedPetitionIds).toEqual([petition.id]);
    expect(plan.sealed).toHaveLength(1);
    expect(plan.audit.after).toMatchObject({ sealedRecords: 1 });
    expect(() => planClassify(row, { field: 'no-such-field' }, DEFAULT_FIELDS, null, env())).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});

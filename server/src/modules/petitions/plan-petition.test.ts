/** The petition and case-opening planners without a database (ADR 0025). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../security/sealer.ts';
import { createPersonHasher } from '../../security/person-hash.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { calendarClock, calendarWith } from '../clock/deadlines.ts';
import { SEALED_NAME } from '../cases/open-case.ts';
import { planPetition } from './plan-petition.ts';

const agency = { id: 'a1', code: 'HN', path: 'VN/HN', remote: false } as AgencyRow;
const now = new Date('2026-03-10T03:00:00Z');
function env() {
  let n = 0;
  return { now, actor: { id: 'u1', displayName: 'Cán bộ' }, newId: () => `id${++n}`, compute: calendarClock(calendarWith([])), sealer: createSealer([{ id: 'k', key: randomBytes(32) }]), personHasher: createPersonHasher(randomBytes(32)) };
}

describe('planPetition', () => {
  it('opens a case with its code and intake clock, files the petition and plans both audit entries', () => {
    const plan = planPetition({ agency, input: { agency: 'HN', channel: 'post', receivedOn: '2026-03-09', type: 'complaint', content: ' Đất  đai ', petitioner: { name: 'Nguyễn Văn A', phone: '0912345678' } }, existing: null, code: 'HN-2026-00007' }, env());
    expect(plan.petition).toMatchObject({ id: 'id1', caseId: 'id2', content: 'Đất đai', petitionerName: 'Nguyễn Văn A', channel: 'post', createdBy: 'u1' });
    expect(plan.opened!.case).toMatchObject({ id: 'id2', code: 'HN-2026-00007', state: 'received', kind: 'complaint', receivedOn: '2026-03-09', dueRule: 'complaint.accept', petitionerName: 'Nguyễn Văn A' });
    expect(plan.opened!.case.dueOn! > '2026-03-09').toBe(true);
    expect(plan.opened!.audit).toMatchObject({ action: 'case.open', entityId: 'id2', after: { code: 'HN-2026-00007' } });
    expect(plan.audit).toMatchObject({ action: 'petition.create', entityId: 'id1', caseId: 'id2', after: { caseCode: 'HN-2026-00007' } });
    expect(plan.sealed).toEqual([]);
  });

  it('a denunciation keeps no identity in the clear: the petitioner and co-signers are sealed with the case', () => {
    const plan = planPetition(
      { agency, input: { agency: 'HN', channel: 'online', receivedOn: '2026-03-10', type: 'denunciation', content: 'Tố cáo', petitioner: { name: 'B', address: 'Hà Nội' }, coSigners: [{ name: 'C' }] }, existing: null, code: 'HN-2026-00008' },
      env(),
    );
    expect(plan.petition).toMatchObject({ petitionerName: null, coSigners: [] });
    expect(plan.opened!.case.petitionerName).toBe(SEALED_NAME);
    expect(plan.sealed.map((s) => [s.ownerType, s.ownerId, s.caseId])).toEqual([
      ['petition', 'id1', 'id2'],
      ['petition', 'id1', 'id2'],
    ]);
    expect(plan.sealed[0]!.personHash).toBeTruthy();
  });

  it('joins an existing case without a code; refuses an input that fails its checks', () => {
    const first = planPetition({ agency, input: { agency: 'HN', channel: 'post', receivedOn: '2026-03-09', type: 'feedback', content: 'Phản ánh', anonymous: true }, existing: null, code: 'HN-2026-00009' }, env());
    const again = planPetition({ agency, input: { agency: 'HN', channel: 'post', receivedOn: '2026-03-10', type: 'feedback', content: 'Phản ánh', anonymous: true }, existing: first.opened!.case, code: null }, env());
    expect(again.opened).toBeNull();
    expect(again.petition.caseId).toBe(first.opened!.case.id);
    expect(again.audit.summary).toContain('đơn trùng nội dung');
    expect(() => planPetition({ agency, input: { agency: 'HN', channel: 'post', receivedOn: '2026-03-11', type: 'feedback', content: '' }, existing: null, code: 'x' }, env())).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});

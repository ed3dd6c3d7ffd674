/** The session planners without a database (ADR 0025). */
import { describe, expect, it } from 'vitest';
import type { AgencyRow } from '../agencies/queries.ts';
import { planCreateSession, planEndSession } from './plan-session.ts';

const agency = { id: 'a1', code: 'HN', path: 'VN/HN', remote: false } as AgencyRow;
const actor = { id: 'u1', displayName: 'Cán bộ' };
const now = new Date('2026-03-10T01:00:00Z');

describe('planCreateSession / planEndSession', () => {
  it('plans a head session held by a deputy: the row, the holders by text and the audit entry', () => {
    const { session, audit } = planCreateSession(
      agency,
      { agency: 'HN', kind: 'head', heldOn: '2026-03-12', location: '  Trụ sở  ', host: { name: 'Chủ tịch A', title: 'Chủ tịch' }, delegatedTo: { name: 'Phó B', reason: 'Đi công tác' } },
      { now, actor, newId: () => 's1' },
    );
    expect(session).toMatchObject({ id: 's1', agencyId: 'a1', agencyPath: 'VN/HN', kind: 'head', heldOn: '2026-03-12', location: 'Trụ sở', hostName: 'Chủ tịch A', hostUserId: null, delegatedToName: 'Phó B', delegationReason: 'Đi công tác', status: 'scheduled', noticeOn: null, createdBy: 'u1', createdAt: now });
    expect(audit).toMatchObject({ entityId: 's1', action: 'reception-session.create', after: { kind: 'head', heldOn: '2026-03-12', delegated: true } });
    expect(audit.summary).toContain('cấp phó tiếp thay');
  });

  it('an online session defaults its notice to today; a regular one keeps no deputy', () => {
    const online = planCreateSession(agency, { agency: 'HN', kind: 'online', heldOn: '2026-03-20', onlineLink: 'https://meet.example/x' }, { now, actor, newId: () => 's2' }).session;
    expect(online).toMatchObject({ noticeOn: '2026-03-10', onlineLink: 'https://meet.example/x' });
    const regular = planCreateSession(agency, { agency: 'HN', kind: 'regular' }, { now, actor, newId: () => 's3' }).session;
    expect(regular).toMatchObject({ heldOn: '2026-03-10', delegatedToName: null, onlineLink: null });
  });

  it('ends a scheduled session; refuses a second end, a close before the day and an online close without recording', () => {
    const s = planCreateSession(agency, { agency: 'HN', kind: 'regular', heldOn: '2026-03-10' }, { now, actor, newId: () => 's4' }).session;
    const plan = planEndSession(s, 'closed', { summary: ' Tiếp 3 lượt ' }, { now, actor });
    expect(plan.patch).toEqual({ status: 'closed', summary: 'Tiếp 3 lượt', recordingRef: null, closedAt: now, closedBy: 'u1' });
    expect(plan.audit).toMatchObject({ action: 'reception-session.close', before: { status: 'scheduled' } });
    expect(() => planEndSession({ ...s, ...plan.patch }, 'cancelled', {}, { now, actor })).toThrow(expect.objectContaining({ statusCode: 409 }));
    expect(() => planEndSession({ ...s, heldOn: '2026-03-11' }, 'closed', {}, { now, actor })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => planEndSession({ ...s, kind: 'online' }, 'closed', {}, { now, actor })).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(planEndSession({ ...s, kind: 'online' }, 'cancelled', {}, { now, actor }).audit.action).toBe('reception-session.cancel');
  });
});

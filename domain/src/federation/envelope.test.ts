import { describe, expect, it } from 'vitest';
import { backoffSeconds, instanceForPath, payloadProblem, servesPath, statusForAction } from './envelope.ts';

describe('liên thông envelope', () => {
  it('finds the most specific instance serving an agency path', () => {
    const dir = [
      { id: 'vn', agencyCodes: ['VN'] },
      { id: 'hcm', agencyCodes: ['79'] },
      { id: 'hn', agencyCodes: ['01'] },
    ];
    expect(instanceForPath(dir, 'VN/79/26734')?.id).toBe('hcm');
    expect(instanceForPath(dir, 'VN/01/00004')?.id).toBe('hn');
    expect(instanceForPath(dir, 'VN/48/20194')?.id).toBe('vn');
    expect(instanceForPath([{ id: 'hn', agencyCodes: ['01'] }], 'VN/79/26734')).toBeNull();
    expect(servesPath(['79'], 'VN/79')).toBe(true);
    expect(servesPath(['79'], 'VN/01/00004')).toBe(false);
  });

  it('maps the receiver\'s steps to the statuses sent back', () => {
    expect(statusForAction('accept')).toBe('accepted');
    expect(statusForAction('guide')).toBe('rejected');
    expect(statusForAction('start-verification')).toBe('processing');
    expect(statusForAction('decide')).toBe('done');
    expect(statusForAction('assign')).toBeNull();
  });

  it('backs off 5 s doubling up to an hour', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([5, 10, 20, 40]);
    expect(backoffSeconds(30)).toBe(3600);
  });

  it('checks the payload shape with a reason', () => {
    const header = { packageId: '7d5f6c1e-1111-4222-8333-944455556666', type: 'edoc', fromInstance: 'hn', toInstance: 'hcm', fromAgency: '00004', toAgency: '26734', documentNo: '00004-2026-00001', documentDate: '2026-12-06', refersTo: null, sentAt: '2026-12-06T01:00:00Z' };
    expect(payloadProblem({ header, body: { case: {} } })).toBeNull();
    expect(payloadProblem({ header, body: {} })).toMatch(/thiếu nội dung vụ việc/);
    expect(payloadProblem({ header: { ...header, type: 'fax' }, body: {} })).toMatch(/Loại gói tin/);
    expect(payloadProblem({ header: { ...header, type: 'status' }, body: { status: { value: 'accepted' } } })).toMatch(/refersTo/);
    expect(payloadProblem({ header: { ...header, toAgency: '' }, body: {} })).toMatch(/toAgency/);
    expect(payloadProblem('x')).toMatch(/cấu trúc/);
  });
});

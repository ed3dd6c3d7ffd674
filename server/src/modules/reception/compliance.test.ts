/**
 * The head's reception compliance through the HTTP API (both databases), August 2026:
 *  - Phường Ba Đình (00004): the chairman held 2 of the 4 required weekly days (one more was cancelled, one never
 *    closed) → flagged below the minimum of Luật TCD Art. 15;
 *  - Phường Ngọc Hà (00008): 4 days in person, plus one day held by a deputy → compliant, the delegation flagged
 *    (Luật 136/2025 forbids it from 1/7/2026);
 *  - Hà Nội (01): the province chairman held 1 of 1 monthly day (Art. 12) → compliant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-09-01T03:00:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
  await env.addUser('letan.tinh', 'receptionist', '01');
  await env.addUser('giamsat', 'monitor', '01');
});
afterAll(async () => env?.close());

async function headDay(user: string, agency: string, heldOn: string, opts: { close?: boolean; cancel?: boolean; deputy?: boolean } = {}) {
  const token = await env.login(user);
  const res = await env.api('POST', '/api/v1/reception-sessions', {
    token,
    body: {
      agency,
      kind: 'head',
      heldOn,
      startTime: '08:00',
      endTime: '11:30',
      host: { name: 'Chủ tịch', title: 'Chủ tịch Ủy ban nhân dân' },
      ...(opts.deputy ? { delegatedTo: { name: 'Phó Chủ tịch', title: 'Phó Chủ tịch Ủy ban nhân dân', reason: 'Chủ tịch họp' } } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { session: { id: string } }).session.id;
  if (opts.close ?? true) {
    const action = opts.cancel ? 'cancel' : 'close';
    const r = await env.api('POST', `/api/v1/reception-sessions/${id}/${action}`, { token, body: {} });
    expect(r.statusCode, r.body).toBe(200);
  }
}

interface Row {
  agencyCode: string;
  required: number;
  heldDays: number;
  inPersonDays: number;
  delegatedDays: number;
  countedDays: number;
  compliant: boolean;
  flags: { code: string; label: string }[];
  missedPeriods: { start: string; end: string }[];
  citation: string;
}

describe("head's reception compliance", () => {
  beforeAll(async () => {
    await headDay('letan', '00004', '2026-08-05');
    await headDay('letan', '00004', '2026-08-12');
    await headDay('letan', '00004', '2026-08-19', { cancel: true });
    await headDay('letan', '00004', '2026-08-26', { close: false });
    for (const d of ['2026-08-04', '2026-08-11', '2026-08-18', '2026-08-25']) await headDay('letan.ngocha', '00008', d);
    await headDay('letan.ngocha', '00008', '2026-08-27', { deputy: true });
    await headDay('letan.tinh', '01', '2026-08-20');
  });

  async function compliance(user: string, query: string) {
    return env.api('GET', `/api/v1/reception-compliance?${query}`, { token: await env.login(user) });
  }

  it('flags the commune chairman who held 2 of the 4 required days in the month', async () => {
    const res = await compliance('letan', 'agency=00004&from=2026-08-01&to=2026-08-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Row[]; flagged: number; rule: string };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      agencyCode: '00004',
      required: 4,
      heldDays: 2,
      inPersonDays: 2,
      delegatedDays: 0,
      countedDays: 2,
      compliant: false,
      citation: 'Điều 15 Luật Tiếp công dân 2013',
      flags: [{ code: 'below-minimum', label: 'Chưa đủ số ngày tiếp công dân định kỳ tối thiểu' }],
      missedPeriods: [
        { start: '2026-08-17', end: '2026-08-23' },
        { start: '2026-08-24', end: '2026-08-30' },
      ],
    });
    expect(body.flagged).toBe(1);
    expect(body.rule).toContain('thứ Năm');
  });

  it('across the province: the compliant chairman with a deputy day is flagged for the delegation; the province is compliant', async () => {
    const res = await compliance('giamsat', 'agency=01&from=2026-08-01&to=2026-08-31&limit=500');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Row[]; total: number; flagged: number; delegationBan: { effectiveFrom: string; verified: boolean } };
    const by = new Map(body.items.map((r) => [r.agencyCode, r]));
    expect(body.total).toBe(127); // Hà Nội + its 126 communes
    expect(body.items[0]?.agencyCode).toBe('01');
    expect(by.get('01')).toMatchObject({ required: 1, heldDays: 1, compliant: true, flags: [], citation: 'Điều 12 Luật Tiếp công dân 2013' });
    expect(by.get('00008')).toMatchObject({ required: 4, heldDays: 5, inPersonDays: 4, delegatedDays: 1, countedDays: 4, compliant: true });
    expect(by.get('00008')!.flags.map((f) => f.code)).toEqual(['delegated', 'delegated-after-ban']);
    expect(by.get('00004')).toMatchObject({ compliant: false, heldDays: 2 });
    // Every other commune held nothing: 124 of them below the minimum, plus 00004 and 00008.
    expect(body.flagged).toBe(126);
    expect(body.delegationBan).toMatchObject({ effectiveFrom: '2026-07-01', verified: false });
    const flagged = (await compliance('giamsat', 'agency=01&from=2026-08-01&to=2026-08-31&flaggedOnly=true&limit=5')).json() as { items: Row[]; total: number };
    expect(flagged.total).toBe(126);
    expect(flagged.items).toHaveLength(5);
    expect(flagged.items.every((r) => r.flags.length > 0)).toBe(true);
  });

  it('a quarter asks 13 weekly days of a commune and 3 monthly days of the province; a running quarter only what is due so far', async () => {
    // On 01/09/2026 the Thursdays 02/07 … 27/08 (9 weeks) and the 15ths of July and August are due.
    const running = await compliance('giamsat', 'agency=01&period=2026-Q3&limit=500');
    const now = new Map((running.json() as { items: Row[] }).items.map((r) => [r.agencyCode, r]));
    expect(now.get('00004')?.required).toBe(9);
    expect(now.get('01')?.required).toBe(2);
    env.setNow('2026-10-05T03:00:00Z');
    try {
      const res = await compliance('giamsat', 'agency=01&period=2026-Q3&limit=500');
      const by = new Map((res.json() as { items: Row[] }).items.map((r) => [r.agencyCode, r]));
      expect(by.get('00004')?.required).toBe(13);
      expect(by.get('01')?.required).toBe(3);
    } finally {
      env.setNow('2026-09-01T03:00:00Z');
    }
  });

  it('is scoped (another commune: 404) and checks its range', async () => {
    expect((await compliance('letan.ngocha', 'agency=00004&from=2026-08-01&to=2026-08-31')).statusCode).toBe(404);
    const bad = await compliance('letan', 'agency=00004&from=2026-08-31&to=2026-08-01');
    expect(bad.statusCode).toBe(400);
    const none = await compliance('letan', 'agency=00004');
    expect(none.statusCode).toBe(400);
  });
});

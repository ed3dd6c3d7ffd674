import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '../clock/calendar.ts';
import { checkRepresentatives, representativeLimits } from './delegations.ts';
import { assessCompliance, headDutyFor, requiredUnits } from './compliance.ts';
import { earliestOnlineSessionDate, onlineNoticeIsSufficient } from './sessions.ts';
import { parseRegisterRow, parseVietnameseDate, REGISTER_COLUMNS, splitNameAddress, toRegisterRow, type RegisterRow, type RegisterVisit } from './register.ts';
import { inferIdType, refusalFromNote, refusalNote, REFUSAL_GROUNDS } from './visits.ts';
import { bookingCodeFrom, normalizeBookingCode } from './booking.ts';

const cal = defaultWorkCalendar();

describe('delegations (Luật TCD Art. 29)', () => {
  it('5–10 people: 1–2 representatives; more than 10: 1–5; fewer than 5 is not a delegation', () => {
    expect(representativeLimits(4)).toBeNull();
    expect(representativeLimits(5)).toEqual({ min: 1, max: 2 });
    expect(representativeLimits(10)).toEqual({ min: 1, max: 2 });
    expect(representativeLimits(11)).toEqual({ min: 1, max: 5 });
    expect(checkRepresentatives(12, 5)).toEqual({ ok: true });
    expect(checkRepresentatives(10, 2)).toEqual({ ok: true });
    expect(checkRepresentatives(3, 0)).toEqual({ ok: true });
  });
  it('names the rule when it is broken', () => {
    const r = checkRepresentatives(12, 6);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('Đoàn 12 người đã cử 6 người đại diện; theo quy định đoàn trên 10 người cử không quá 5 người đại diện (Điều 29 Luật Tiếp công dân 2013)');
    const small = checkRepresentatives(7, 3);
    expect(small.ok).toBe(false);
    if (!small.ok) expect(small.message).toContain('đoàn từ 5 đến 10 người cử 1 hoặc 2 người đại diện');
    expect(checkRepresentatives(6, 0).ok).toBe(false);
  });
});

describe('online sessions: 5 working days notice', () => {
  it('notice on Monday 06/07/2026 allows Monday 13/07/2026 at the earliest', () => {
    expect(earliestOnlineSessionDate(cal, '2026-07-06')).toBe('2026-07-13');
    expect(onlineNoticeIsSufficient(cal, '2026-07-06', '2026-07-13')).toBe(true);
    expect(onlineNoticeIsSufficient(cal, '2026-07-06', '2026-07-10')).toBe(false);
  });
  it('skips the Quốc khánh days: notice on 31/08/2026 → 09/09/2026', () => {
    // Working days after Mon 31/08: Tue 01/09 (1); Wed 02/09 and Thu 03/09 (adjacent day) are holidays;
    // Fri 04/09 (2), Mon 07/09 (3), Tue 08/09 (4), Wed 09/09 (5).
    expect(earliestOnlineSessionDate(cal, '2026-08-31')).toBe('2026-09-09');
  });
});

describe("head's reception compliance", () => {
  it('a commune chairman owes 1 day per ISO week whose Thursday is in the period: August 2026 → 4', () => {
    const units = requiredUnits('weekly', '2026-08-01', '2026-08-31', cal);
    expect(units.map((u) => u.start)).toEqual(['2026-08-03', '2026-08-10', '2026-08-17', '2026-08-24']);
    // July 2026: Thursdays 2, 9, 16, 23, 30 → 5.
    expect(requiredUnits('weekly', '2026-07-01', '2026-07-31', cal)).toHaveLength(5);
  });
  it('a week with no working day requires nothing', () => {
    // Tết 2027: 05/02 (Fri) – 09/02 (Tue) are holidays; the week of 08/02 still has Wed–Fri working days.
    expect(requiredUnits('weekly', '2027-02-08', '2027-02-14', cal)).toHaveLength(1);
    const allOff = defaultWorkCalendar(['2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({ date, kind: 'day-off' as const, name: 'Nghỉ Tết' })));
    expect(requiredUnits('weekly', '2027-02-08', '2027-02-14', allOff)).toHaveLength(0);
  });
  it('monthly duties count each month whose 15th is in the period (quarter → 3; 15/12–14/06 → 6)', () => {
    expect(requiredUnits('monthly', '2026-07-01', '2026-09-30', cal)).toHaveLength(3);
    expect(requiredUnits('monthly', '2025-12-15', '2026-06-14', cal)).toHaveLength(6);
    expect(requiredUnits('monthly', '2026-07-01', '2026-07-31', cal)[0]).toEqual({ start: '2026-07-01', end: '2026-07-31' });
  });
  it('flags a commune chairman who held 2 of 4 required days; a delegated day after 1/7/2026 does not count', () => {
    const duty = headDutyFor('commune')!;
    const r = assessCompliance(duty, '2026-08-01', '2026-08-31', [
      { date: '2026-08-05', inPerson: true },
      { date: '2026-08-12', inPerson: true },
      { date: '2026-08-19', inPerson: false },
    ], cal);
    expect(r).toMatchObject({ required: 4, heldDays: 3, inPersonDays: 2, delegatedDays: 1, countedDays: 2 });
    expect(r.flags).toEqual(['below-minimum', 'delegated', 'delegated-after-ban']);
    expect(r.missedUnits.map((u) => u.start)).toEqual(['2026-08-17', '2026-08-24']);
  });
  it('before the amendment a delegated day counts; province and agency heads owe 1 day a month; the national root none', () => {
    const r = assessCompliance(headDutyFor('province')!, '2026-06-01', '2026-06-30', [{ date: '2026-06-10', inPerson: false }], cal);
    expect(r).toMatchObject({ required: 1, countedDays: 1, flags: ['delegated'] });
    expect(headDutyFor('ministry')?.citation).toContain('Điều 18');
    expect(headDutyFor('national')).toBeNull();
  });
});

describe('the register (Mẫu 03/TCD)', () => {
  const visit: RegisterVisit = {
    visitedOn: '2026-07-15',
    kind: 'complaint',
    citizenName: 'Nguyễn Văn An',
    citizenAddress: 'Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội',
    citizenIdNumber: '001085012345',
    content: 'Khiếu nại quyết định thu hồi đất',
    peopleCount: 12,
    priorAgencies: 'UBND Phường Ba Đình',
    withinJurisdiction: false,
    outcome: 'forwarded',
    guidanceDocNo: null,
    forwardedTo: 'Ủy ban nhân dân Thành phố Hà Nội',
    transferDocNo: '12/CV-TCD',
    refusalGround: null,
    resultFollowUp: null,
    notes: 'Đoàn đông người',
  };
  it('has the 13 columns of LEGAL.md in order', () => {
    expect(REGISTER_COLUMNS.map((c) => c.key)).toEqual([
      'no', 'date', 'nameAddress', 'idNumber', 'content', 'type', 'people', 'priorAgencies', 'withinJurisdiction', 'guidance', 'transfer', 'followUp', 'notes',
    ]);
  });
  it('a row reads back as the visit it came from', () => {
    const row = toRegisterRow(1, visit);
    expect(row).toMatchObject({ date: '15/07/2026', type: 'KN', people: '12', withinJurisdiction: 'Không', transfer: 'Ủy ban nhân dân Thành phố Hà Nội (số 12/CV-TCD)' });
    const back = parseRegisterRow(row, '2026-07-15');
    expect('row' in back && back.row).toMatchObject({ ...visit, citizenIdType: 'personal-id', refusalGround: null, identityDropped: false });
  });
  it('a refusal is written to and read back from the notes', () => {
    const g = REFUSAL_GROUNDS[9];
    const row = toRegisterRow(2, { ...visit, outcome: 'refused', forwardedTo: null, transferDocNo: null, refusalGround: g.code, withinJurisdiction: null });
    expect(row.notes).toBe(`${refusalNote(g.code)}; Đoàn đông người`);
    expect(refusalFromNote(row.notes)).toEqual({ code: g.code, rest: 'Đoàn đông người' });
    const back = parseRegisterRow(row, '2026-07-15');
    expect('row' in back && back.row).toMatchObject({ outcome: 'refused', refusalGround: g.code, notes: 'Đoàn đông người' });
  });
  it('a denunciation row shows the sealed placeholder and never the identity', () => {
    const row = toRegisterRow(3, { ...visit, kind: 'denunciation' });
    expect(row.nameAddress).toBe('[Đã bảo mật]');
    expect(row.idNumber).toBe('');
    const typed: Partial<RegisterRow> = { ...row, nameAddress: 'Trần Văn Bí mật, Hà Nội', idNumber: '001085099999' };
    const back = parseRegisterRow(typed, '2026-07-15');
    expect('row' in back && back.row).toMatchObject({ citizenName: null, citizenIdNumber: null, identityDropped: true });
  });
  it('reports each bad cell by column', () => {
    const r = parseRegisterRow({ date: '31/02/2026', nameAddress: 'Lê Thị B', idNumber: '12345', content: '', type: 'kn', people: '0', withinJurisdiction: 'có lẽ', transfer: 'UBND tỉnh' }, '2026-07-15');
    expect('issues' in r && r.issues.map((i) => `${i.column}:${i.key}`)).toEqual([
      'date:register.date',
      'content:register.required',
      'people:register.people',
      'nameAddress:register.address',
      'idNumber:register.idNumber',
      'withinJurisdiction:register.yesNo',
      'transfer:register.transferFormat',
    ]);
    // An unknown type says nothing about which identity columns apply: only the type is reported.
    const t = parseRegisterRow({ date: '15/07/2026', nameAddress: '[Đã bảo mật]', content: 'x', type: 'XX' }, '2026-07-15');
    expect('issues' in t && t.issues.map((i) => `${i.column}:${i.key}`)).toEqual(['type:register.type']);
  });
  it('parses dates, names and IDs the way clerks type them', () => {
    expect(parseVietnameseDate('5/7/2026')).toBe('2026-07-05');
    expect(parseVietnameseDate('2026-07-05')).toBe('2026-07-05');
    expect(parseVietnameseDate('30/02/2026')).toBeNull();
    expect(splitNameAddress('Nguyễn Văn An, Số 12 Đội Cấn, Hà Nội')).toEqual({ name: 'Nguyễn Văn An', address: 'Số 12 Đội Cấn, Hà Nội' });
    expect(inferIdType('001085012345')).toBe('personal-id');
    expect(inferIdType('C1234567')).toBe('passport');
    expect(inferIdType('12-34')).toBeNull();
  });
});

describe('booking codes', () => {
  it('are TCD- + 8 unambiguous characters and normalise from what a citizen types', () => {
    const code = bookingCodeFrom(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(code).toBe('TCD-34679ACD');
    expect(normalizeBookingCode('tcd 3467 9acd')).toBe(code);
    expect(normalizeBookingCode('TCD-0000000O')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '../clock/calendar.ts';
import { formatCount, formatPercent } from '../text.ts';
import { checkDialogueKinds, checkNoticeLead, commitmentMoveAllowed, conclusionDeadline, DEFAULT_DIALOGUE_KINDS, dialogueSentence, fulfilment, yearlyDialogueMissing } from './kinds.ts';

const commune = DEFAULT_DIALOGUE_KINDS[0]!;
const youth = DEFAULT_DIALOGUE_KINDS[1]!;
const calendar = defaultWorkCalendar();

describe('dialogue kinds', () => {
  it('the defaults are valid and carry their marks', () => {
    expect(checkDialogueKinds(DEFAULT_DIALOGUE_KINDS)).toEqual([]);
    expect(checkDialogueKinds([{ ...commune, conclusionDays: 0 }, commune])).toEqual([
      { index: 0, field: 'conclusionDays' },
      { index: 1, field: 'key' },
    ]);
    expect(DEFAULT_DIALOGUE_KINDS.map((k) => [k.key, k.noticeMark, k.conclusionMark])).toEqual([
      ['commune-yearly', 'V*', 'V*'],
      ['youth', 'V', 'V'],
      ['pre-decision', 'R', 'R'],
      ['head-thematic', 'R', 'R'],
    ]);
  });
  it('the commune notice needs 7 days: 6 is refused with the earliest date, 7 is fine; youth needs 30', () => {
    expect(checkNoticeLead(commune, '2026-10-07', '2026-10-13')).toEqual({ ok: false, earliest: '2026-10-14', leadDays: 6 });
    expect(checkNoticeLead(commune, '2026-10-06', '2026-10-13').ok).toBe(true);
    expect(checkNoticeLead(youth, '2026-02-01', '2026-03-02')).toMatchObject({ ok: false, earliest: '2026-03-03' });
  });
  it('the conclusion is due 10 days after the dialogue (legal clock: a last day off rolls over); youth 15 if complex', () => {
    expect(conclusionDeadline(commune, '2026-10-13', false, calendar).due).toBe('2026-10-23');
    const rolled = conclusionDeadline(commune, '2026-10-15', false, calendar);
    expect(rolled.due).toBe('2026-10-26');
    expect(rolled.explanation).toContain('Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15');
    expect(conclusionDeadline(youth, '2026-03-10', true, calendar).due).toBe('2026-03-25');
  });
});

describe('commitments', () => {
  it('moves: closed ones only reopen to in progress', () => {
    expect(commitmentMoveAllowed('open', 'done')).toBe(true);
    expect(commitmentMoveAllowed('done', 'declined')).toBe(false);
    expect(commitmentMoveAllowed('done', 'in-progress')).toBe(true);
  });
  it('fulfilment: one kept on time and one overdue is 50%', () => {
    const f = fulfilment(
      [
        { status: 'done', dueOn: '2026-11-15', closedOn: '2026-11-10' },
        { status: 'in-progress', dueOn: '2026-11-30', closedOn: null },
      ],
      '2026-12-05',
    );
    expect(f).toMatchObject({ made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5, onTimeRate: 0.5 });
    expect(fulfilment([{ status: 'done', dueOn: '2026-11-15', closedOn: '2026-11-16' }], '2026-12-05')).toMatchObject({ kept: 1, keptOnTime: 0 });
    expect(fulfilment([], '2026-12-05').fulfilmentRate).toBeNull();
  });
  it('the report sentence', () => {
    const s = dialogueSentence({ dialoguesHeld: 1, participants: 1205, issuesRaised: 5, answeredOnSpot: 2, transferred: 1, made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5 }, formatCount, formatPercent);
    expect(s).toBe('Trong kỳ đã tổ chức 1 hội nghị đối thoại với 1.205 lượt người tham dự, nêu 5 vấn đề (2 trả lời tại chỗ, 1 chuyển cơ quan có thẩm quyền); 2 cam kết được giao, đã thực hiện 1 (đúng hạn 1), quá hạn 1, tỷ lệ thực hiện 50%.');
  });
});

describe('yearly dialogue (a1)', () => {
  it('missing only once the year is over', () => {
    expect(yearlyDialogueMissing(2026, '2026-06-30', 0)).toBe(false);
    expect(yearlyDialogueMissing(2026, '2026-12-31', 0)).toBe(true);
    expect(yearlyDialogueMissing(2026, '2026-12-31', 1)).toBe(false);
  });
});

describe('requests that make a dialogue due (a2, a8)', () => {
  it('10 % of the voter roll triggers the commune dialogue: 120 of 1 200 does, 119 does not', async () => {
    const { voterRequestTriggers } = await import('./kinds.ts');
    expect(commune.requestThresholdPercent).toBe(10);
    expect(commune.requestMark).toBe('V*');
    expect(voterRequestTriggers(120, 1200, 10)).toBe(true);
    expect(voterRequestTriggers(119, 1200, 10)).toBe(false);
    expect(voterRequestTriggers(5, 0, 10)).toBe(false);
  });
  it('a youth request is decided within 45 days by the legal clock (a last day off rolls to Monday)', async () => {
    const { requestDecisionDeadline } = await import('./kinds.ts');
    expect(youth.requestDecisionDays).toBe(45);
    expect(requestDecisionDeadline(youth, '2026-03-02', calendar)?.due).toBe('2026-04-16');
    expect(requestDecisionDeadline(youth, '2026-03-04', calendar)?.due).toBe('2026-04-20'); // 18/04 is a Saturday
    expect(requestDecisionDeadline(commune, '2026-03-02', calendar)).toBeNull();
  });
  it('a triggered request is owed until a dialogue is held on or after it', async () => {
    const { requestStillOwed } = await import('./kinds.ts');
    expect(requestStillOwed('2026-05-10', ['2026-03-01'])).toBe(true);
    expect(requestStillOwed('2026-05-10', ['2026-03-01', '2026-05-10'])).toBe(false);
  });
  it('a stored table without the request fields takes the defaults of the same key; bad values are refused', async () => {
    const { withRequestDefaults } = await import('./kinds.ts');
    const old = DEFAULT_DIALOGUE_KINDS.map(({ requestThresholdPercent: _a, requestDecisionDays: _b, requestCitation: _c, requestMark: _d, ...k }) => k);
    expect(withRequestDefaults(old).map((k) => [k.requestThresholdPercent, k.requestDecisionDays])).toEqual([[10, null], [null, 45], [null, null], [null, null]]);
    expect(withRequestDefaults([{ ...commune, key: 'mttq-giam-sat', requestThresholdPercent: undefined }])[0]!.requestThresholdPercent).toBeNull();
    expect(checkDialogueKinds([{ ...commune, requestThresholdPercent: 0 }, { ...youth, requestDecisionDays: 400 }])).toEqual([
      { index: 0, field: 'requestThresholdPercent' },
      { index: 1, field: 'requestDecisionDays' },
    ]);
  });
});

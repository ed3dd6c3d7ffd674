/**
 * Reception sessions (buổi/kỳ tiếp công dân): the kinds the law knows and the online-notice rule.
 * Pure: the working calendar is passed in (domain/clock).
 */
import type { WorkCalendar } from '../clock/calendar.ts';
import { workingDaysUntil } from '../clock/deadline.ts';
import { addDays } from '../clock/dates.ts';

export const SESSION_KINDS = ['regular', 'head', 'unscheduled', 'online'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  regular: 'Tiếp công dân thường xuyên',
  head: 'Thủ trưởng tiếp công dân định kỳ',
  unscheduled: 'Tiếp công dân đột xuất',
  online: 'Tiếp công dân trực tuyến',
};

export const SESSION_KIND_CITATIONS: Record<SessionKind, string> = {
  regular: 'Điều 10, Điều 19 Luật Tiếp công dân 2013',
  head: 'Điều 12, 15, 18 Luật Tiếp công dân 2013; Điều 10 Nghị định 154/2026/NĐ-CP',
  unscheduled: 'Điều 12, 15, 18 Luật Tiếp công dân 2013 (tiếp đột xuất vụ việc khẩn cấp, phức tạp)',
  online: 'Điều 16–24 Nghị định 154/2026/NĐ-CP',
};

/** scheduled: published / open at the desk; closed: held and ended by the clerk; cancelled: not held. */
export const SESSION_STATUSES = ['scheduled', 'closed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: 'Đã lên lịch',
  closed: 'Đã kết thúc',
  cancelled: 'Đã hủy',
};

export function isSessionKind(v: string): v is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(v);
}

/** Online reception is announced at least 5 working days ahead (ND 154/2026 Arts. 16–24; LEGAL.md Reception). */
export const ONLINE_NOTICE_WORKING_DAYS = 5;

/**
 * The earliest date an online session announced on `noticeOn` may take place: the 5th working day after the
 * notice, counted per BLDS Art. 147 (the notice day itself is not counted). Notice on Monday 06/07/2026 →
 * Monday 13/07/2026 at the earliest.
 */
export function earliestOnlineSessionDate(calendar: WorkCalendar, noticeOn: string): string {
  let d = noticeOn;
  let counted = 0;
  while (counted < ONLINE_NOTICE_WORKING_DAYS) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) counted++;
  }
  return d;
}

/** True when `sessionOn` lies at least 5 working days after `noticeOn`. */
export function onlineNoticeIsSufficient(calendar: WorkCalendar, noticeOn: string, sessionOn: string): boolean {
  return workingDaysUntil(sessionOn, noticeOn, calendar) >= ONLINE_NOTICE_WORKING_DAYS;
}

/** "08:00" … "17:30": session times are local wall-clock times in Asia/Ho_Chi_Minh. */
export function isClockTime(v: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
}

/**
 * The 90-day complaint limitation (Luật Khiếu nại Art. 9), counted from the day the complainant received or learned
 * of the contested decision or act, plus the days lost to illness, disaster, distant travel or study. Checked at
 * intake as a warning (`checkComplaintLimitation`, the desk's form) and at acceptance as a refusal (transitionCase):
 * a complaint received after it is not accepted (Art. 11); the guidance ground is the archive reason
 * `limitation-expired`, or guiding the citizen.
 */
import { ClockError, type WorkCalendar } from '@danvan/domain/clock/index';
import { formatIsoDateVi } from '@danvan/domain/text';
import { clockInputs, computeClock } from '../clock/deadlines.ts';

export interface LimitationCheck {
  /** The last day of the period, or null when the clock cannot time it (outside the 2020–2040 calendar). */
  lastDay: string | null;
  expired: boolean;
  explanation: string | null;
  /** Vietnamese: why the complaint is not accepted and what to do instead; null while within the period. */
  message: string | null;
}

export function limitationCheck(calendar: WorkCalendar, receivedOn: string, learnedOn: string, excusedDays = 0): LimitationCheck {
  let d;
  try {
    d = computeClock(calendar, clockInputs('complaint.limitation', learnedOn, { suspendedDays: excusedDays }));
  } catch (err) {
    if (err instanceof ClockError) return { lastDay: null, expired: false, explanation: null, message: null };
    throw err;
  }
  const expired = receivedOn > d.due;
  return {
    lastDay: d.due,
    expired,
    explanation: d.explanation,
    message: expired
      ? `Hết thời hiệu khiếu nại: ${d.explanation} Đơn nhận ngày ${formatIsoDateVi(receivedOn)} nên không thụ lý (Điều 11 Luật Khiếu nại 2011): lưu đơn với lý do «Hết thời hiệu khiếu nại» hoặc hướng dẫn công dân.`
      : null,
  };
}

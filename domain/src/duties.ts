/**
 * Case duties (ADR 0024): the legal deadlines that run BESIDE a case's one running deadline. A case holds one
 * running clock (intake, resolution, sending the decision…); some steps also open a short, separate duty that must
 * be done by its own date whatever the main clock does:
 *  - accepting a denunciation: notify the denouncer and the accused within 5 working days (Luật Tố cáo Art. 29),
 *    while the 30-day resolution clock runs;
 *  - suspending or resuming the resolution: send the decision (complaints: 3 working days, ND 124/2020 Art. 28b as
 *    amended; denunciations: 5 working days, Luật Tố cáo Art. 34(4)), while the main clock stands still or restarts;
 *  - refusing a repeat visit with nothing new: the written notice (Mẫu 01/TCD) within 3 working days
 *    (ND 154/2026 Art. 4), on the case the visit repeats.
 * Each duty names its rule key (the rule table gives the length, unit and the version in force on the trigger day),
 * so an administrator's correction of a rule reaches the duties like any deadline.
 */
import type { CaseKind } from './workflow.ts';

export interface DutySpec {
  /** Stable code of the duty (one open duty of a code per case and trigger). */
  code: string;
  /** Rule key in the clock's rule table. */
  rule: string;
  /** Vietnamese: what must be done. */
  label: string;
  citation: string;
}

export const DUTY_SPECS = {
  'notify-acceptance': {
    code: 'notify-acceptance',
    rule: 'denunciation.notify',
    label: 'Thông báo việc thụ lý tố cáo cho người tố cáo và người bị tố cáo',
    citation: 'Khoản 1 Điều 29 Luật Tố cáo 2018',
  },
  'send-suspension-complaint': {
    code: 'send-suspension-complaint',
    rule: 'complaint.send-termination',
    label: 'Gửi quyết định tạm đình chỉ giải quyết khiếu nại (Mẫu 14a)',
    citation: 'Khoản 1 Điều 11a Luật Khiếu nại 2011 (sửa đổi 2025); Điều 28b Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)',
  },
  'send-resumption-complaint': {
    code: 'send-resumption-complaint',
    rule: 'complaint.send-termination',
    label: 'Gửi quyết định tiếp tục giải quyết khiếu nại (Mẫu 14b)',
    citation: 'Khoản 1 Điều 11a Luật Khiếu nại 2011 (sửa đổi 2025); Điều 28b Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)',
  },
  'send-suspension-denunciation': {
    code: 'send-suspension-denunciation',
    rule: 'denunciation.send-decision',
    label: 'Gửi quyết định tạm đình chỉ giải quyết tố cáo cho người tố cáo, người bị tố cáo',
    citation: 'Khoản 1, 4 Điều 34 Luật Tố cáo 2018',
  },
  'send-resumption-denunciation': {
    code: 'send-resumption-denunciation',
    rule: 'denunciation.send-resumption',
    label: 'Gửi quyết định tiếp tục giải quyết tố cáo cho người tố cáo, người bị tố cáo',
    citation: 'Khoản 2 Điều 34 Luật Tố cáo 2018',
  },
  'repeat-notice': {
    code: 'repeat-notice',
    rule: 'reception.repeat-notice',
    label: 'Thông báo bằng văn bản từ chối tiếp vụ việc đã được tiếp, hướng dẫn, trả lời mà không có tình tiết mới (Mẫu 01/TCD)',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
} as const satisfies Record<string, DutySpec>;

export type DutyCode = keyof typeof DUTY_SPECS;

export function isDutyCode(v: string): v is DutyCode {
  return Object.hasOwn(DUTY_SPECS, v);
}

/** The duties a workflow step opens, counted from the step's date (the trigger day is not counted). */
export function dutiesOpenedBy(kind: CaseKind, action: string): DutySpec[] {
  if (kind === 'denunciation' && action === 'accept') return [DUTY_SPECS['notify-acceptance']];
  if (kind === 'complaint' && action === 'suspend') return [DUTY_SPECS['send-suspension-complaint']];
  if (kind === 'complaint' && action === 'resume') return [DUTY_SPECS['send-resumption-complaint']];
  if (kind === 'denunciation' && action === 'suspend') return [DUTY_SPECS['send-suspension-denunciation']];
  if (kind === 'denunciation' && action === 'resume') return [DUTY_SPECS['send-resumption-denunciation']];
  return [];
}

/** A visit refused on this ground, linked to the case it repeats, opens the written-notice duty on that case. */
export function dutiesOpenedByRefusal(ground: string | null | undefined): DutySpec[] {
  return ground === 'repeat-nothing-new' ? [DUTY_SPECS['repeat-notice']] : [];
}

/** Why a duty has no date: the rule has no version in force on the trigger day (e.g. before 1/7/2026). */
export const DUTY_UNTIMED = 'Không có quy tắc thời hạn hiệu lực vào ngày phát sinh nghĩa vụ: không tính hạn';

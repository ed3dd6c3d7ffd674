/**
 * Checklists driven by the legal clock (PARTICIPATION.md c19–c21, all [V]): the village-head election (NĐ 59
 * Arts. 6–8), a dismissal and the new election (Art. 9), and village rules (NĐ 61/2023 Arts. 9–11). "At least N
 * days before" steps are counted back in calendar days (a bare "N ngày" is calendar days, BLDS Art. 147–148); the
 * working-day steps after the vote use the clock rules `grassroots.*`.
 */
import { computeDeadline, type WorkCalendar } from '../clock/index.ts';
import { addDays } from '../clock/dates.ts';

export interface TimelineStep {
  key: string;
  label: string;
  /** The last day the step may happen (or the day it happens). */
  by: string;
  /** true when `by` comes from the working-day clock (holidays skipped). */
  workingDays: boolean;
  citation: string;
  /** Relative to `today`: done-by passed without the step being recorded is `overdue`. */
  state: 'upcoming' | 'due-today' | 'overdue';
}

const state = (by: string, today: string): TimelineStep['state'] => (today > by ? 'overdue' : today === by ? 'due-today' : 'upcoming');

/** Election of a village head on `electionOn`. */
export function villageHeadElection(electionOn: string, today: string, calendar: WorkCalendar): TimelineStep[] {
  const send = computeDeadline({ rule: 'grassroots.send-decision', from: electionOn, calendar });
  const recognize = computeDeadline({ rule: 'grassroots.recognize', from: send.due, calendar });
  const steps: Omit<TimelineStep, 'state'>[] = [
    { key: 'plan', label: 'Chủ tịch UBND xã ban hành quyết định và kế hoạch tổ chức bầu (chậm nhất 20 ngày trước ngày bầu)', by: addDays(electionOn, -20), workingDays: false, citation: 'Điều 6 Nghị định 59/2023/NĐ-CP' },
    { key: 'candidates', label: 'Ban công tác Mặt trận gửi biên bản giới thiệu người ứng cử (ít nhất 1 người, sau khi trao đổi với chi bộ) đến UBND xã (chậm nhất 15 ngày trước ngày bầu)', by: addDays(electionOn, -15), workingDays: false, citation: 'Điều 7 Nghị định 59/2023/NĐ-CP' },
    { key: 'team', label: 'Thành lập Tổ bầu cử (chậm nhất 10 ngày trước ngày bầu)', by: addDays(electionOn, -10), workingDays: false, citation: 'Điều 7 Nghị định 59/2023/NĐ-CP' },
    { key: 'notice', label: 'Niêm yết, thông báo công khai thời gian, địa điểm, danh sách người ứng cử (chậm nhất 7 ngày trước ngày bầu)', by: addDays(electionOn, -7), workingDays: false, citation: 'Điều 7 Nghị định 59/2023/NĐ-CP' },
    { key: 'election', label: 'Hội nghị bầu Trưởng thôn, Tổ trưởng tổ dân phố (trúng cử khi được trên 50% tổng số hộ gia đình đồng ý)', by: electionOn, workingDays: false, citation: 'Điều 8 Nghị định 59/2023/NĐ-CP; Điều 21 Luật 10/2022/QH15' },
    { key: 'send', label: 'Gửi biên bản kết quả bầu đến UBND xã (5 ngày làm việc)', by: send.due, workingDays: true, citation: send.citation },
    { key: 'recognize', label: 'Chủ tịch UBND xã công nhận kết quả (5 ngày làm việc từ khi nhận, tính từ hạn gửi)', by: recognize.due, workingDays: true, citation: recognize.citation },
  ];
  return steps.map((s) => ({ ...s, state: state(s.by, today) }));
}

/** A village head dismissed (recognised on `recognizedOn`): interim head, then a new election within 60 days. */
export function villageHeadDismissal(recognizedOn: string, today: string, calendar: WorkCalendar): TimelineStep[] {
  const reelect = computeDeadline({ rule: 'grassroots.reelection', from: recognizedOn, calendar });
  return [
    { key: 'interim', label: 'Chủ tịch UBND xã cử Trưởng thôn, Tổ trưởng lâm thời (cho thôi làm theo đơn của người đó, hoặc đề nghị của Ban công tác Mặt trận, kể cả khi từ 50% số hộ kiến nghị)', by: recognizedOn, workingDays: false, citation: 'Điều 9 Nghị định 59/2023/NĐ-CP' },
    { key: 'reelection', label: 'Tổ chức bầu Trưởng thôn, Tổ trưởng tổ dân phố mới (trong 60 ngày)', by: reelect.due, workingDays: false, citation: reelect.citation },
  ].map((s) => ({ ...s, state: state(s.by, today) }));
}

/** Village rules (hương ước, quy ước): draft posted on `postedOn`, adopted at a meeting on `meetingOn`. */
export function villageRules(postedOn: string, meetingOn: string | null, today: string, calendar: WorkCalendar): TimelineStep[] {
  const earliest = addDays(postedOn, 30);
  const meeting = meetingOn ?? earliest;
  const send = computeDeadline({ rule: 'grassroots.send-decision', from: meeting, calendar });
  const recognize = computeDeadline({ rule: 'grassroots.recognize', from: send.due, calendar });
  const steps: Omit<TimelineStep, 'state'>[] = [
    { key: 'draft', label: 'Niêm yết dự thảo hương ước, quy ước ít nhất 30 ngày để lấy ý kiến — hội nghị sớm nhất', by: earliest, workingDays: false, citation: 'Điều 9 Nghị định 61/2023/NĐ-CP' },
    { key: 'adopt', label: 'Hội nghị: trên 50% số hộ tham dự và trên 50% tổng số hộ tán thành (phát phiếu chỉ khi hội nghị không đủ số hộ)', by: meeting, workingDays: false, citation: 'Điều 10 Nghị định 61/2023/NĐ-CP; Điều 21 Luật 10/2022/QH15' },
    { key: 'send', label: 'Gửi hồ sơ đề nghị công nhận đến UBND xã (5 ngày làm việc)', by: send.due, workingDays: true, citation: send.citation },
    { key: 'recognize', label: 'Chủ tịch UBND xã quyết định công nhận (Mẫu 03 Nghị định 61/2023), hiệu lực từ ngày công nhận', by: recognize.due, workingDays: true, citation: `${recognize.citation}; Điều 11 Nghị định 61/2023/NĐ-CP` },
  ];
  return steps.map((s) => ({ ...s, state: meetingOn && meetingOn < earliest && s.key === 'draft' ? 'overdue' : state(s.by, today) }));
}

/**
 * The commune's publication duties (Luật 10/2022 Arts. 11–14; PARTICIPATION.md c27 [V] for the periods). The list
 * of the 14 categories is a summary recalled from Art. 11 ([R]: check against the text) and kept as data.
 */
export const PUBLICATION_RULES = {
  withinWorkingDays: 5,
  postedDays: 30,
  loudspeakerDays: 3,
  loudspeakerItems: [7, 8, 9, 10, 11, 12],
  citation: 'Điều 11–14 Luật 10/2022/QH15',
  verified: false,
} as const;

export const PUBLICATION_CATEGORIES: readonly { item: number; label: string }[] = [
  { item: 1, label: 'Chủ trương, chính sách, pháp luật liên quan trực tiếp đến người dân ở xã' },
  { item: 2, label: 'Kế hoạch phát triển kinh tế - xã hội hằng năm của xã' },
  { item: 3, label: 'Dự toán, quyết toán ngân sách xã' },
  { item: 4, label: 'Quy hoạch, kế hoạch sử dụng đất; thu hồi đất, bồi thường, hỗ trợ, tái định cư' },
  { item: 5, label: 'Dự án, công trình đầu tư trên địa bàn xã' },
  { item: 6, label: 'Nhiệm vụ, quyền hạn của cán bộ, công chức xã trực tiếp giải quyết công việc của người dân' },
  { item: 7, label: 'Thủ tục hành chính, thời hạn giải quyết, phí, lệ phí' },
  { item: 8, label: 'Chính sách an sinh xã hội, đối tượng được hưởng' },
  { item: 9, label: 'Quỹ, khoản đóng góp của nhân dân' },
  { item: 10, label: 'Kết quả tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh' },
  { item: 11, label: 'Kết quả thanh tra, kiểm tra, giải quyết vụ việc tiêu cực, tham nhũng của cán bộ xã' },
  { item: 12, label: 'Kết quả lấy ý kiến nhân dân về các nội dung nhân dân tham gia ý kiến' },
  { item: 13, label: 'Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác' },
  { item: 14, label: 'Nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan có thẩm quyền' },
];

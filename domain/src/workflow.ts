/**
 * Case workflows as transition tables, one per kind (STYLE.md pattern 5). The server enforces exactly these
 * rows and the web app shows the allowed actions from the same table.
 * Each row: from-states, action, next state, roles allowed to act, required fields, guard, clock effect, citation.
 *
 * Processing (before thụ lý) is common to every kind: within the kind's intake rule (`intakeRule`: complaint.accept,
 * denunciation.intake, petition.process for feedback) the handler accepts, finds the matter outside the agency's
 * jurisdiction (then the forwarding / guidance rule runs from the day of receipt), forwards (once only), guides
 * (once only), chases the competent lower level that is overdue (đôn đốc), returns the documents or archives
 * (TT 05/2021/TT-TTCP).
 *
 * A step that is the head's decision (`decidedBy: 'head'`: acceptance, termination, closing on withdrawal — Luật Tố
 * cáo Arts. 29(1), 34(3); Luật Khiếu nại Art. 10) is taken by a head, or recorded by a handler who gives the number
 * and the signer of the decision the head signed (`needsFor`).
 */
import type { Role } from './roles.ts';

export const CASE_KINDS = ['complaint', 'denunciation', 'feedback'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface Outcome {
  value: string;
  label: string;
}

export interface ClockEffect {
  /** Start (or restart) the deadline of this rule key, counted from `startFrom` (default: the action's date). */
  start?: string;
  /**
   * The day the started clock counts from: the step's own date, the day the case was received (forwarding within
   * 5 working days of receipt) or the day of the decision / conclusion (publication, Luật Tố cáo Art. 40(1)).
   */
  startFrom?: 'action' | 'received' | 'decided';
  /** Recompute the running deadline at once with the complexity found in this step (ND 124/2020 Art. 3a). */
  findComplex?: boolean;
  /** Recompute the running intake deadline with its several-sites variant (Luật Tố cáo Art. 24). */
  severalSites?: boolean;
  /** The clock stops for good (resolved, forwarded, archived…): no running deadline. */
  stop?: boolean;
  /** The clock is suspended; `resume` restarts it for the remaining days (Luật Khiếu nại Art. 11a; Luật Tố cáo Art. 34). */
  pause?: boolean;
  resume?: boolean;
  /** Adds one extension to the running deadline (Luật Tố cáo Art. 30). */
  extend?: boolean;
}

/** Facts about the case that guards read; the server fills them from the record. */
export interface CaseFacts {
  /** complaints: 1 = lần đầu, 2 = lần hai */
  instance?: 1 | 2;
  /** A dialogue has been held on this case. */
  dialogueHeld?: boolean;
  /** Extensions already granted, and how many the complexity allows (denunciations: 0, 1 or 2). */
  extensionsUsed?: number;
  extensionsAllowed?: number;
  /** The same content was already forwarded / guided once (TT 05/2021: once only). */
  alreadyForwarded?: boolean;
  alreadyGuided?: boolean;
  /** complaint.effective period elapsed without a second complaint or lawsuit. */
  effectivePeriodElapsed?: boolean;
  /** The resolution deadline (complaint.first/second, denunciation.resolve) passed with no decision (Luật Khiếu nại Art. 33; Luật Tố cáo Art. 38). */
  deadlineLapsed?: boolean;
  /** Why a second complaint / lawsuit comes too late (Luật Khiếu nại Art. 33), or null while the window is open. */
  appealWindowClosed?: string | null;
  /** The decision (complaint decision, termination) was already sent. */
  decisionSent?: boolean;
  /** The case was already found complex. */
  complex?: boolean;
  /** The intake was already found to need several sites. */
  severalSites?: boolean;
}

export type Need = 'outcome' | 'reason' | 'targetAgency' | 'violationIndicated' | 'documentNo' | 'decisionNo' | 'signer' | 'complexityCriterion';

export interface Transition {
  action: string;
  label: string;
  from: readonly string[];
  /** Next state; '$previous' returns to the state held before a suspension; '$same' keeps the state. */
  to: string;
  roles: readonly Role[];
  /** The head's decision: a role other than head only records it, with the decision's number and signer. */
  decidedBy?: 'head';
  needs?: readonly Need[];
  outcomes?: readonly Outcome[];
  clock?: ClockEffect;
  /** Returns a Vietnamese reason when the transition is not allowed for these facts. */
  guard?: (facts: CaseFacts) => string | null;
  citation: string;
}

export const STATE_LABELS: Record<string, string> = {
  received: 'Đã tiếp nhận',
  accepted: 'Đã thụ lý',
  handling: 'Đang xử lý',
  verifying: 'Đang xác minh',
  dialogue: 'Đã đối thoại',
  extended: 'Đã gia hạn',
  suspended: 'Tạm đình chỉ',
  decided: 'Đã giải quyết',
  concluded: 'Đã kết luận',
  'conclusion-sent': 'Đã gửi kết luận',
  published: 'Đã công khai',
  answered: 'Đã trả lời',
  outside: 'Không thuộc thẩm quyền, chờ chuyển đơn / hướng dẫn',
  effective: 'Quyết định có hiệu lực',
  appealed: 'Đã khiếu nại lần hai / khởi kiện',
  withdrawn: 'Đã rút',
  terminated: 'Đã đình chỉ',
  forwarded: 'Đã chuyển đơn',
  guided: 'Đã hướng dẫn',
  chased: 'Đã đôn đốc',
  returned: 'Đã trả lại đơn',
  archived: 'Đã lưu đơn',
  closed: 'Đã kết thúc',
};

export const ARCHIVE_REASONS: readonly Outcome[] = [
  { value: 'anonymous', label: 'Đơn nặc danh, mạo danh, không rõ địa chỉ' },
  { value: 'unsigned', label: 'Đơn không có chữ ký' },
  { value: 'duplicate', label: 'Đơn trùng, không có tình tiết mới' },
  { value: 'already-guided', label: 'Đã được hướng dẫn, trả lời' },
  { value: 'already-resolved', label: 'Đã được giải quyết đúng chính sách, pháp luật' },
  { value: 'limitation-expired', label: 'Hết thời hiệu khiếu nại' },
  { value: 'court-accepted', label: 'Tòa án đã thụ lý hoặc đã có bản án' },
  { value: 'sent-to-many', label: 'Gửi nhiều nơi, đã gửi cơ quan có thẩm quyền' },
  { value: 'other', label: 'Lý do khác' },
];

/** Handling is finished at this agency: counted as resolved (decided, concluded, answered) or ended. */
export const RESOLVED_STATES: readonly string[] = ['decided', 'concluded', 'conclusion-sent', 'published', 'answered', 'effective', 'appealed'];
export const TERMINAL_STATES: readonly string[] = ['closed', 'forwarded', 'guided', 'chased', 'returned', 'archived', 'withdrawn', 'terminated'];

const PROCESSORS: readonly Role[] = ['handler', 'head'];
const CASEWORKERS: readonly Role[] = ['handler', 'investigator', 'head'];
/** Before acceptance: received, or found outside the agency's jurisdiction and waiting to be forwarded / guided. */
const PROCESSING: readonly string[] = ['received', 'outside'];

/** The clock a new case (or a forwarded copy at the receiving agency) starts on the day of receipt. */
export const INTAKE_RULES: Record<CaseKind, string> = {
  // ND 124/2020 Art. 16 as amended (7 working days since 1/7/2026; before: Law Arts. 27, 36, 10 days).
  complaint: 'complaint.accept',
  // Luật Tố cáo Art. 24: 7 working days, 10 with several sites.
  denunciation: 'denunciation.intake',
  // No shorter rule: the petition-processing period (TT 05/2021/TT-TTCP).
  feedback: 'petition.process',
};

export function intakeRule(kind: CaseKind): string {
  return INTAKE_RULES[kind];
}

/** The criteria of a complex complaint (ND 124/2020 Art. 3a); a written finding names one of them. */
export const COMPLEXITY_CRITERIA: readonly Outcome[] = [
  { value: 'several-sites', label: 'Phải xác minh ở nhiều địa điểm' },
  { value: 'several-contents', label: 'Có nhiều nội dung khiếu nại' },
  { value: 'many-complainants', label: 'Có nhiều người khiếu nại' },
  { value: 'foreign-element', label: 'Có yếu tố nước ngoài' },
  { value: 'several-agencies', label: 'Liên quan đến nhiều cơ quan, tổ chức' },
  { value: 'agencies-disagree', label: 'Các cơ quan có ý kiến khác nhau' },
  { value: 'conflicting-evidence', label: 'Tài liệu, chứng cứ mâu thuẫn nhau' },
];

/** Grounds to terminate a denunciation (Luật Tố cáo Art. 34(3)). */
export const DENUNCIATION_TERMINATION_REASONS: readonly Outcome[] = [
  { value: 'accused-died', label: 'Cá nhân bị tố cáo đã chết và nội dung tố cáo chỉ liên quan đến trách nhiệm của người đó' },
  { value: 'already-decided', label: 'Cơ quan, tổ chức có thẩm quyền hoặc Tòa án đã giải quyết nội dung tố cáo' },
  { value: 'withdrawn', label: 'Người tố cáo rút toàn bộ tố cáo (không thuộc trường hợp phải tiếp tục giải quyết)' },
];

/** The processing decisions shared by every kind (TT 05/2021/TT-TTCP; Luật Tố cáo Art. 24). */
function processing(kind: CaseKind, acceptTo: string, acceptRule: string | undefined, acceptCitation: string, outsideRule: string, outsideCitation: string): Transition[] {
  return [
    {
      action: 'accept',
      label: 'Thụ lý',
      from: PROCESSING,
      to: acceptTo,
      roles: PROCESSORS,
      ...(kind === 'feedback' ? {} : { decidedBy: 'head' as const }),
      clock: acceptRule ? { start: acceptRule } : { stop: true },
      citation: acceptCitation,
    },
    {
      // The matter is not this agency's: the forwarding / guidance deadline runs from the day of receipt.
      action: 'decline',
      label: 'Xác định không thuộc thẩm quyền',
      from: ['received'],
      to: 'outside',
      roles: PROCESSORS,
      clock: { start: outsideRule, startFrom: 'received' },
      citation: outsideCitation,
    },
    {
      action: 'forward',
      label: 'Chuyển đơn đến cơ quan có thẩm quyền',
      from: PROCESSING,
      to: 'forwarded',
      roles: PROCESSORS,
      needs: ['targetAgency'],
      clock: { stop: true },
      guard: (f) => (f.alreadyForwarded ? 'Đơn cùng nội dung đã được chuyển một lần (chỉ chuyển một lần)' : null),
      citation: 'Điều 13–16 Thông tư 05/2021/TT-TTCP; Điều 24 Luật Tố cáo 2018',
    },
    {
      action: 'guide',
      label: 'Hướng dẫn công dân',
      from: PROCESSING,
      to: 'guided',
      roles: PROCESSORS,
      clock: { stop: true },
      guard: (f) => (f.alreadyGuided ? 'Đơn cùng nội dung đã được hướng dẫn một lần (chỉ hướng dẫn một lần)' : null),
      citation: 'Thông tư 05/2021/TT-TTCP',
    },
    {
      // The matter belongs to a lower level that is overdue on it: urge that level (the server checks the target
      // is a strict descendant of the case's agency).
      action: 'chase',
      label: 'Đôn đốc cấp dưới giải quyết',
      from: PROCESSING,
      to: 'chased',
      roles: PROCESSORS,
      needs: ['targetAgency'],
      clock: { stop: true },
      citation: 'Thông tư 05/2021/TT-TTCP',
    },
    {
      action: 'return-documents',
      label: 'Trả lại đơn và giấy tờ',
      from: PROCESSING,
      to: 'returned',
      roles: PROCESSORS,
      needs: ['reason'],
      clock: { stop: true },
      citation: 'Thông tư 05/2021/TT-TTCP',
    },
    {
      action: 'archive',
      label: 'Lưu đơn',
      from: PROCESSING,
      to: 'archived',
      roles: PROCESSORS,
      needs: ['reason'],
      outcomes: ARCHIVE_REASONS,
      clock: { stop: true },
      citation: 'Thông tư 05/2021/TT-TTCP; Điều 11 Luật Khiếu nại 2011; Điều 25 Luật Tố cáo 2018',
    },
  ];
}

const suspendResume = (activeStates: readonly string[], roles: readonly Role[], citation: string, resumeCitation = citation): Transition[] => [
  {
    action: 'suspend',
    label: 'Tạm đình chỉ',
    from: activeStates,
    to: 'suspended',
    roles,
    needs: ['reason'],
    clock: { pause: true },
    citation,
  },
  { action: 'resume', label: 'Tiếp tục giải quyết', from: ['suspended'], to: '$previous', roles, clock: { resume: true }, citation: resumeCitation },
];

/** Sending a decision the law times (complaint decision, termination): once, then its clock stops. */
const sendDecision = (from: readonly string[], citation: string): Transition => ({
  action: 'send-decision',
  label: 'Gửi quyết định',
  from,
  to: '$same',
  roles: PROCESSORS,
  clock: { stop: true },
  guard: (f) => (f.decisionSent ? 'Quyết định đã được gửi' : null),
  citation,
});

const COMPLAINT_FIRST_OUTCOMES: Outcome[] = [
  { value: 'right', label: 'Khiếu nại đúng' },
  { value: 'partly-right', label: 'Khiếu nại đúng một phần' },
  { value: 'wrong', label: 'Khiếu nại sai' },
];
const COMPLAINT_SECOND_OUTCOMES: Outcome[] = [
  { value: 'uphold', label: 'Công nhận quyết định giải quyết lần đầu' },
  { value: 'annul', label: 'Hủy quyết định giải quyết lần đầu' },
  { value: 'amend', label: 'Sửa quyết định giải quyết lần đầu' },
];
const DENUNCIATION_OUTCOMES: Outcome[] = [
  { value: 'right', label: 'Tố cáo đúng' },
  { value: 'partly-right', label: 'Tố cáo đúng một phần' },
  { value: 'untrue', label: 'Tố cáo sai sự thật' },
];

const COMPLAINT_ACTIVE = ['accepted', 'verifying', 'dialogue'];
const DENUNCIATION_ACTIVE = ['accepted', 'verifying', 'extended'];

export const WORKFLOWS: Record<CaseKind, readonly Transition[]> = {
  complaint: [
    ...processing(
      'complaint',
      'accepted',
      'complaint.first',
      'Điều 27, 36 Luật Khiếu nại 2011; Điều 16 Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)',
      'complaint.guide',
      'Thông tư 05/2021/TT-TTCP (hướng dẫn khiếu nại không thuộc thẩm quyền)',
    ),
    {
      action: 'start-verification',
      label: 'Xác minh nội dung khiếu nại',
      from: ['accepted'],
      to: 'verifying',
      roles: CASEWORKERS,
      citation: 'Điều 29 Luật Khiếu nại 2011',
    },
    {
      action: 'hold-dialogue',
      label: 'Tổ chức đối thoại',
      from: ['verifying'],
      to: 'dialogue',
      roles: ['head', 'handler'],
      citation: 'Điều 30, 39 Luật Khiếu nại 2011; Điều 28 Nghị định 124/2020/NĐ-CP',
    },
    {
      action: 'decide',
      label: 'Ra quyết định giải quyết khiếu nại',
      from: ['verifying', 'dialogue', 'accepted'],
      to: 'decided',
      roles: ['head'],
      needs: ['outcome'],
      outcomes: [...COMPLAINT_FIRST_OUTCOMES, ...COMPLAINT_SECOND_OUTCOMES],
      // The resolution clock stops; the decision must be sent (3 working days first instance, Art. 32; 7 days
      // second instance, Art. 41(1)).
      clock: { start: 'complaint.send-decision' },
      // Second instance: a dialogue is always required (Art. 39).
      guard: (f) => (f.instance === 2 && !f.dialogueHeld ? 'Giải quyết khiếu nại lần hai phải tổ chức đối thoại (Điều 39 Luật Khiếu nại)' : null),
      citation: 'Điều 31, 40 Luật Khiếu nại 2011',
    },
    {
      // A written finding of complexity after acceptance (ND 124/2020 Art. 3a): the longer period applies at once.
      action: 'find-complex',
      label: 'Xác định vụ việc phức tạp (bằng văn bản)',
      from: COMPLAINT_ACTIVE,
      to: '$same',
      roles: PROCESSORS,
      needs: ['documentNo', 'complexityCriterion'],
      outcomes: COMPLEXITY_CRITERIA,
      clock: { findComplex: true },
      guard: (f) => (f.complex ? 'Vụ việc đã được xác định là phức tạp' : null),
      citation: 'Điều 28, 37 Luật Khiếu nại 2011; Điều 3a Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)',
    },
    sendDecision(['decided', 'terminated'], 'Điều 32, khoản 1 Điều 41 Luật Khiếu nại 2011; Điều 28b Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)'),
    {
      action: 'make-effective',
      label: 'Quyết định có hiệu lực pháp luật',
      from: ['decided'],
      to: 'effective',
      roles: PROCESSORS,
      clock: { stop: true },
      guard: (f) => (f.effectivePeriodElapsed ? null : 'Chưa hết thời hạn để quyết định có hiệu lực (30 ngày, vùng sâu vùng xa 45 ngày)'),
      citation: 'Điều 44 Luật Khiếu nại 2011',
    },
    {
      action: 'appeal',
      label: 'Ghi nhận khiếu nại lần hai / khởi kiện',
      from: ['decided'],
      to: 'appealed',
      roles: PROCESSORS,
      clock: { stop: true },
      guard: (f) => (f.instance === 2 ? 'Đã là quyết định giải quyết lần hai: chỉ còn khởi kiện ra Tòa án' : (f.appealWindowClosed ?? null)),
      citation: 'Điều 33 Luật Khiếu nại 2011',
    },
    {
      // The first-instance deadline passed with no decision: the complainant may complain to the next level
      // (Art. 33(1)–(2)). This case stays open (and overdue) here; the second instance opens above.
      action: 'appeal',
      label: 'Ghi nhận khiếu nại lần hai (quá hạn giải quyết lần đầu)',
      from: COMPLAINT_ACTIVE,
      to: '$same',
      roles: PROCESSORS,
      guard: (f) =>
        f.instance === 2
          ? 'Đã là giải quyết lần hai: chỉ còn khởi kiện ra Tòa án'
          : !f.deadlineLapsed
            ? 'Chưa hết thời hạn giải quyết khiếu nại lần đầu (Điều 33 Luật Khiếu nại 2011)'
            : (f.appealWindowClosed ?? null),
      citation: 'Khoản 1, 2 Điều 33 Luật Khiếu nại 2011',
    },
    {
      action: 'sue',
      label: 'Ghi nhận khởi kiện vụ án hành chính',
      from: ['decided'],
      to: 'appealed',
      roles: PROCESSORS,
      clock: { stop: true },
      guard: (f) => (f.instance === 2 ? null : (f.appealWindowClosed ?? null)),
      citation: 'Điều 33, 42 Luật Khiếu nại 2011',
    },
    {
      action: 'withdraw',
      label: 'Người khiếu nại rút khiếu nại',
      from: [...PROCESSING, ...COMPLAINT_ACTIVE, 'suspended'],
      to: 'withdrawn',
      roles: PROCESSORS,
      decidedBy: 'head',
      clock: { stop: true },
      // In a group complaint one complainant's withdrawal ends the case only for them (`withdrawingCount`).
      citation: 'Điều 10 Luật Khiếu nại 2011; Điều 7a Nghị định 124/2020/NĐ-CP',
    },
    ...suspendResume(COMPLAINT_ACTIVE, ['head'], 'Khoản 1 Điều 11a Luật Khiếu nại 2011 (sửa đổi 2025) (Mẫu 14a)', 'Khoản 1 Điều 11a Luật Khiếu nại 2011 (sửa đổi 2025) (Mẫu 14b)'),
    {
      action: 'terminate',
      label: 'Đình chỉ giải quyết',
      from: [...COMPLAINT_ACTIVE, 'suspended'],
      to: 'terminated',
      roles: PROCESSORS,
      decidedBy: 'head',
      needs: ['reason'],
      // Sent within 3 working days (ND 124/2020 Art. 28b as amended).
      clock: { start: 'complaint.send-termination' },
      citation: 'Khoản 2 Điều 11a Luật Khiếu nại 2011 (sửa đổi 2025); Điều 28b Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP)',
    },
    {
      action: 'close',
      label: 'Kết thúc hồ sơ',
      from: ['effective', 'appealed'],
      to: 'closed',
      roles: PROCESSORS,
      citation: 'Điều 44 Luật Khiếu nại 2011',
    },
  ],
  denunciation: [
    ...processing(
      'denunciation',
      'accepted',
      'denunciation.resolve',
      'Điều 29 Luật Tố cáo 2018 (thông báo người tố cáo, người bị tố cáo trong 5 ngày làm việc)',
      'denunciation.forward',
      'Điều 24 Luật Tố cáo 2018',
    ),
    {
      action: 'start-verification',
      label: 'Xác minh nội dung tố cáo',
      from: ['accepted'],
      to: 'verifying',
      roles: CASEWORKERS,
      citation: 'Điều 31 Luật Tố cáo 2018',
    },
    {
      action: 'extend',
      label: 'Gia hạn giải quyết tố cáo',
      from: ['verifying', 'extended'],
      to: 'extended',
      roles: ['head'],
      needs: ['documentNo'],
      clock: { extend: true },
      guard: (f) => {
        const allowed = f.extensionsAllowed ?? 0;
        if (allowed === 0) return 'Vụ việc không được xác định là phức tạp: không được gia hạn (Điều 30 Luật Tố cáo)';
        if ((f.extensionsUsed ?? 0) >= allowed) {
          return `Đã gia hạn ${f.extensionsUsed} lần, tối đa ${allowed} lần cho mức độ phức tạp này (Điều 30 Luật Tố cáo)`;
        }
        return null;
      },
      citation: 'Điều 30 Luật Tố cáo 2018; Điều 3 Nghị định 31/2019/NĐ-CP',
    },
    {
      action: 'conclude',
      label: 'Kết luận nội dung tố cáo',
      from: DENUNCIATION_ACTIVE,
      to: 'concluded',
      roles: ['head'],
      needs: ['outcome'],
      outcomes: DENUNCIATION_OUTCOMES,
      clock: { start: 'denunciation.send-conclusion' },
      citation: 'Điều 35 Luật Tố cáo 2018',
    },
    {
      action: 'send-conclusion',
      label: 'Gửi kết luận',
      from: ['concluded'],
      to: 'conclusion-sent',
      roles: PROCESSORS,
      // Publication counts 7 working days from the conclusion, not from sending (Art. 40(1)).
      clock: { start: 'denunciation.publish', startFrom: 'decided' },
      citation: 'Khoản 3 Điều 35, khoản 1 Điều 40 Luật Tố cáo 2018',
    },
    {
      action: 'publish',
      label: 'Công khai kết luận',
      from: ['conclusion-sent'],
      to: 'published',
      roles: PROCESSORS,
      clock: { stop: true },
      citation: 'Khoản 1 Điều 40 Luật Tố cáo 2018',
    },
    {
      action: 'withdraw',
      label: 'Người tố cáo rút tố cáo',
      from: [...PROCESSING, ...DENUNCIATION_ACTIVE, 'suspended'],
      to: 'withdrawn',
      roles: PROCESSORS,
      decidedBy: 'head',
      needs: ['violationIndicated'],
      clock: { stop: true },
      // The server keeps the case going (records the withdrawal only) when the withdrawal is partial, a violation is
      // indicated, the withdrawal was coerced or bought, or the denunciation was used to slander.
      citation: 'Điều 33 Luật Tố cáo 2018; khoản 4 Điều 4 Nghị định 31/2019/NĐ-CP (sửa đổi bởi Nghị định 156/2026/NĐ-CP)',
    },
    {
      // Several sites to check (or verification delegated): the intake runs 10 working days instead of 7 (Art. 24).
      action: 'find-several-sites',
      label: 'Xác định phải kiểm tra, xác minh ở nhiều địa điểm (thời hạn 10 ngày làm việc)',
      from: ['received'],
      to: '$same',
      roles: PROCESSORS,
      clock: { severalSites: true },
      guard: (f) => (f.severalSites ? 'Đã xác định phải xác minh ở nhiều địa điểm' : null),
      citation: 'Khoản 1 Điều 24 Luật Tố cáo 2018',
    },
    ...suspendResume(DENUNCIATION_ACTIVE, ['head'], 'Điều 34 Luật Tố cáo 2018'),
    {
      action: 'terminate',
      label: 'Đình chỉ giải quyết tố cáo',
      from: [...DENUNCIATION_ACTIVE, 'suspended'],
      to: 'terminated',
      roles: PROCESSORS,
      decidedBy: 'head',
      needs: ['reason'],
      outcomes: DENUNCIATION_TERMINATION_REASONS,
      // Sent within 5 working days (Art. 34(4)).
      clock: { start: 'denunciation.send-decision' },
      citation: 'Khoản 3, 4 Điều 34 Luật Tố cáo 2018',
    },
    sendDecision(['terminated'], 'Khoản 4 Điều 34 Luật Tố cáo 2018'),
    {
      // Tố cáo tiếp: the resolution was unlawful or late; the superior examines (Art. 37). This case keeps its state.
      action: 're-denounce',
      label: 'Ghi nhận tố cáo tiếp đến người giải quyết cấp trên',
      from: ['concluded', 'conclusion-sent', 'published'],
      to: '$same',
      roles: PROCESSORS,
      citation: 'Điều 37 Luật Tố cáo 2018',
    },
    {
      // The resolution deadline passed: the denouncer may denounce to the superior (Art. 38).
      action: 're-denounce',
      label: 'Ghi nhận tố cáo đến cấp trên do quá hạn giải quyết',
      from: DENUNCIATION_ACTIVE,
      to: '$same',
      roles: PROCESSORS,
      guard: (f) => (f.deadlineLapsed ? null : 'Chưa hết thời hạn giải quyết tố cáo (Điều 38 Luật Tố cáo 2018)'),
      citation: 'Điều 38 Luật Tố cáo 2018',
    },
    {
      action: 'close',
      label: 'Kết thúc hồ sơ',
      from: ['published'],
      to: 'closed',
      roles: PROCESSORS,
      citation: 'Điều 40 Luật Tố cáo 2018',
    },
  ],
  feedback: [
    ...processing('feedback', 'handling', undefined, 'Điều 9 Nghị định 20/2008/NĐ-CP', 'feedback.forward', 'Điều 9 Nghị định 20/2008/NĐ-CP'),
    {
      action: 'answer',
      label: 'Trả lời kiến nghị, phản ánh',
      from: ['handling'],
      to: 'answered',
      roles: CASEWORKERS,
      needs: ['outcome'],
      outcomes: [{ value: 'answered', label: 'Đã trả lời' }],
      clock: { stop: true },
      citation: 'Điều 14 Nghị định 20/2008/NĐ-CP',
    },
    {
      action: 'publish',
      label: 'Công khai kết quả',
      from: ['answered'],
      to: 'published',
      roles: PROCESSORS,
      citation: 'Điều 15 Nghị định 20/2008/NĐ-CP',
    },
    {
      action: 'close',
      label: 'Kết thúc hồ sơ',
      from: ['answered', 'published'],
      to: 'closed',
      roles: PROCESSORS,
      citation: 'Điều 15 Nghị định 20/2008/NĐ-CP',
    },
  ],
};

export function isCaseKind(v: string): v is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(v);
}

/** Transitions possible from `state` for this kind, regardless of who acts. */
export function transitionsFrom(kind: CaseKind, state: string): Transition[] {
  return WORKFLOWS[kind].filter((t) => t.from.includes(state));
}

/** Transitions `roles` may perform from `state` whose guard passes for these facts. */
export function allowedTransitions(kind: CaseKind, state: string, roles: ReadonlySet<Role>, facts: CaseFacts = {}): Transition[] {
  return transitionsFrom(kind, state).filter((t) => t.roles.some((r) => roles.has(r)) && !t.guard?.(facts));
}

export interface TransitionFields {
  outcome?: string;
  reason?: string;
  targetAgency?: string;
  violationIndicated?: boolean;
  documentNo?: string;
  /** The number and signer of the head's decision a non-head records. */
  decisionNo?: string;
  signer?: string;
  complexityCriterion?: string;
}

/** What `roles` must give for this step: the row's needs, and a head's decision number and signer when not a head. */
export function needsFor(t: Transition, roles: ReadonlySet<Role>): Need[] {
  const needs: Need[] = [...(t.needs ?? [])];
  if (t.decidedBy === 'head' && !roles.has('head')) needs.push('decisionNo', 'signer');
  return needs;
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | {
      ok: false;
      reason: 'not-allowed-in-state' | 'role' | 'guard' | 'missing-field' | 'outcome-invalid';
      allowed: string[];
      /** The guard's Vietnamese reason, or the missing field's name. */
      detail?: string;
    };

export function checkTransition(
  kind: CaseKind,
  state: string,
  action: string,
  roles: ReadonlySet<Role>,
  fields: TransitionFields = {},
  facts: CaseFacts = {},
): TransitionCheck {
  const t = transitionsFrom(kind, state).find((p) => p.action === action);
  const allowed = allowedTransitions(kind, state, roles, facts).map((p) => p.action);
  if (!t) return { ok: false, reason: 'not-allowed-in-state', allowed };
  if (!t.roles.some((r) => roles.has(r))) return { ok: false, reason: 'role', allowed };
  const blocked = t.guard?.(facts);
  if (blocked) return { ok: false, reason: 'guard', allowed, detail: blocked };
  for (const need of needsFor(t, roles)) {
    const value = fields[need];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) return { ok: false, reason: 'missing-field', allowed, detail: need };
  }
  if (t.needs?.includes('complexityCriterion') && !COMPLEXITY_CRITERIA.some((o) => o.value === fields.complexityCriterion)) {
    return { ok: false, reason: 'outcome-invalid', allowed, detail: 'complexityCriterion' };
  }
  if (t.needs?.includes('outcome') && !outcomesFor(kind, action, facts).some((o) => o.value === fields.outcome)) {
    return { ok: false, reason: 'outcome-invalid', allowed };
  }
  if (t.outcomes && t.needs?.includes('reason') && !t.outcomes.some((o) => o.value === fields.reason)) {
    return { ok: false, reason: 'outcome-invalid', allowed, detail: 'reason' };
  }
  return { ok: true, transition: t };
}

/** Which outcomes apply: complaints distinguish first and second instance. */
export function outcomesFor(kind: CaseKind, action: string, facts: CaseFacts = {}): readonly Outcome[] {
  if (kind === 'complaint' && action === 'decide') return facts.instance === 2 ? COMPLAINT_SECOND_OUTCOMES : COMPLAINT_FIRST_OUTCOMES;
  return WORKFLOWS[kind].find((t) => t.action === action)?.outcomes ?? [];
}

/**
 * The rule a transition's clock starts, for this case: a complaint accepted at second instance runs on
 * `complaint.second` (Luật Khiếu nại Art. 37), not on the first-instance rule the table names.
 */
export function clockRuleFor(kind: CaseKind, t: Transition, facts: CaseFacts = {}): string | undefined {
  const rule = t.clock?.start;
  if (kind === 'complaint' && rule === 'complaint.first' && facts.instance === 2) return 'complaint.second';
  if (kind === 'complaint' && rule === 'complaint.send-decision' && facts.instance === 2) return 'complaint.send-second-decision';
  return rule;
}

/** The day a transition's new clock counts from (not counted itself). */
export function clockStartDay(t: Transition, on: string, c: { receivedOn: string; decidedOn: string | null }): string {
  if (t.clock?.startFrom === 'received') return c.receivedOn;
  if (t.clock?.startFrom === 'decided') return c.decidedOn ?? on;
  return on;
}

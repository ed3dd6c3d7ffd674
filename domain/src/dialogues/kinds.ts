/**
 * Direct dialogues (đối thoại trực tiếp) as data: the kinds the law knows, each with its notice lead time, its
 * conclusion deadline, who organises and co-chairs, and the citation and mark of every number
 * (../shared/PARTICIPATION.md part (a), rows a1–a13). [V*] and [R] numbers are defaults an administrator can
 * edit (stored in app_settings); the UI and the API say which ones are defaults to be checked.
 * Pure: the working calendar is passed in; deadlines go through the legal clock (domain/clock).
 */
import type { WorkCalendar } from '../clock/calendar.ts';
import { computeDeadline, type Deadline } from '../clock/deadline.ts';
import type { ClockRule } from '../clock/rules.ts';
import { addDays, diffDays } from '../clock/dates.ts';

/** [V] read in a legal text, [V*] read in a secondary source, [R] recalled / proposed (to be checked). */
export type Mark = 'V' | 'V*' | 'R';

export const DIALOGUE_KIND_KEYS = ['commune-yearly', 'youth', 'pre-decision', 'head-thematic'] as const;

export interface DialogueKind {
  key: string;
  label: string;
  /** Minimum calendar days between publishing the notice (or plan) and the dialogue. */
  noticeDays: number;
  noticeCitation: string;
  noticeMark: Mark;
  /** Calendar days from the (last session of the) dialogue to the published conclusion (BLDS Arts. 147–148). */
  conclusionDays: number;
  /** For a complex dialogue (youth: 15); null = no longer limit. */
  conclusionDaysComplex: number | null;
  conclusionCitation: string;
  conclusionMark: Mark;
  /** Who organises (agency side) and who co-chairs / is invited: text shown on the plan. */
  organiser: string;
  coChair: string;
  /** At least one a year per commune (a1): the compliance check counts this kind. */
  yearlyPerCommune: boolean;
  yearlyCitation: string | null;
  yearlyMark: Mark | null;
  /** Usual month (youth: March), null = any. */
  usualMonth: number | null;
  /**
   * A request makes a dialogue of this kind due: voters' petition reaching this % of the commune's voter roll (a2:
   * 10 %), or a request the head must decide within this many days (a8, youth: 45). null = no such rule.
   * Optional in a stored table written before these fields existed (the defaults of the same key fill them).
   */
  requestThresholdPercent?: number | null;
  requestDecisionDays?: number | null;
  requestCitation?: string | null;
  requestMark?: Mark | null;
}

export const DEFAULT_DIALOGUE_KINDS: readonly DialogueKind[] = [
  {
    key: 'commune-yearly',
    label: 'Hội nghị đối thoại giữa UBND xã với Nhân dân (hằng năm)',
    noticeDays: 7,
    noticeCitation: 'Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15',
    noticeMark: 'V*',
    conclusionDays: 10,
    conclusionDaysComplex: null,
    conclusionCitation: 'Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15',
    conclusionMark: 'V*',
    organiser: 'UBND xã phối hợp Ủy ban MTTQ Việt Nam xã',
    coChair: 'Đại diện Thường trực HĐND xã đồng chủ trì; mời cấp ủy xã',
    yearlyPerCommune: true,
    yearlyCitation: 'Điều 32 Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15; Điều 43 Luật 72/2025/QH15',
    yearlyMark: 'V',
    usualMonth: null,
    requestThresholdPercent: 10,
    requestDecisionDays: null,
    requestCitation: 'Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15 (khi có ít nhất 10% tổng số cử tri của xã yêu cầu)',
    requestMark: 'V*',
  },
  {
    key: 'youth',
    label: 'Đối thoại với thanh niên',
    noticeDays: 30,
    noticeCitation: 'Điều 10 Luật Thanh niên 57/2020/QH14; Điều 9 Nghị định 13/2021/NĐ-CP',
    noticeMark: 'V',
    conclusionDays: 10,
    conclusionDaysComplex: 15,
    conclusionCitation: 'Điều 11 Nghị định 13/2021/NĐ-CP',
    conclusionMark: 'V',
    organiser: 'Chủ tịch UBND các cấp (người đứng đầu cơ quan khi tổ chức thanh niên đề nghị)',
    coChair: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội Liên hiệp thanh niên',
    yearlyPerCommune: false,
    yearlyCitation: 'Điều 10 Luật Thanh niên 57/2020/QH14',
    yearlyMark: 'V',
    usualMonth: 3,
    requestThresholdPercent: null,
    requestDecisionDays: 45,
    requestCitation: 'Điều 10 Luật Thanh niên 57/2020/QH14; Điều 9 Nghị định 13/2021/NĐ-CP (xem xét, quyết định trong 45 ngày kể từ ngày nhận đề nghị của tổ chức thanh niên)',
    requestMark: 'V',
  },
  {
    key: 'pre-decision',
    label: 'Đối thoại trước khi ban hành quyết định hành chính (Điều 27 Luật 10/2022)',
    noticeDays: 0,
    noticeCitation: 'Điều 27 Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15 (không quy định thời hạn báo trước — mặc định 0, cần kiểm tra)',
    noticeMark: 'R',
    conclusionDays: 10,
    conclusionDaysComplex: null,
    conclusionCitation: 'Không có thời hạn luật định — mặc định 10 ngày theo mẫu Điều 43 Luật 72/2025/QH15 (đề xuất)',
    conclusionMark: 'R',
    organiser: 'UBND xã',
    coChair: 'Ủy ban MTTQ xã, Ban Thanh tra nhân dân; người chịu tác động của quyết định',
    yearlyPerCommune: false,
    yearlyCitation: null,
    yearlyMark: null,
    usualMonth: null,
    requestThresholdPercent: null,
    requestDecisionDays: null,
    requestCitation: null,
    requestMark: null,
  },
  {
    key: 'head-thematic',
    label: 'Người đứng đầu đối thoại chuyên đề với Nhân dân',
    noticeDays: 7,
    noticeCitation: 'Không có thời hạn luật định — mặc định 7 ngày theo Điều 43 Luật 72/2025/QH15 (đề xuất)',
    noticeMark: 'R',
    conclusionDays: 10,
    conclusionDaysComplex: null,
    conclusionCitation: 'Không có thời hạn luật định — mặc định 10 ngày theo Điều 43 Luật 72/2025/QH15 (đề xuất)',
    conclusionMark: 'R',
    organiser: 'Người đứng đầu cơ quan, đơn vị',
    coChair: 'Ủy ban MTTQ cùng cấp (mời)',
    yearlyPerCommune: false,
    yearlyCitation: 'Quy định 11-QĐi/TW, sửa đổi bởi Kết luận 215-KL/TW',
    yearlyMark: 'R',
    usualMonth: null,
    requestThresholdPercent: null,
    requestDecisionDays: null,
    requestCitation: null,
    requestMark: null,
  },
];

/** A stored kind table may predate the request fields: fill them from the default of the same key (else null). */
export function withRequestDefaults(kinds: readonly DialogueKind[]): DialogueKind[] {
  return kinds.map((k) => {
    const d = DEFAULT_DIALOGUE_KINDS.find((x) => x.key === k.key);
    return {
      ...k,
      requestThresholdPercent: k.requestThresholdPercent !== undefined ? k.requestThresholdPercent : (d?.requestThresholdPercent ?? null),
      requestDecisionDays: k.requestDecisionDays !== undefined ? k.requestDecisionDays : (d?.requestDecisionDays ?? null),
      requestCitation: k.requestCitation !== undefined ? k.requestCitation : (d?.requestCitation ?? null),
      requestMark: k.requestMark !== undefined ? k.requestMark : (d?.requestMark ?? null),
    };
  });
}

export const MARK_LABELS: Record<Mark, string> = {
  V: 'đã đối chiếu văn bản',
  'V*': 'mặc định theo nguồn thứ cấp — cần đối chiếu văn bản gốc, có thể cấu hình',
  R: 'mặc định đề xuất, chưa kiểm chứng — có thể cấu hình',
};

/** Problems of an edited kind table (empty = fine). */
export function checkDialogueKinds(kinds: readonly DialogueKind[]): { index: number; field: string }[] {
  const problems: { index: number; field: string }[] = [];
  const seen = new Set<string>();
  kinds.forEach((k, index) => {
    if (!/^[a-z0-9-]{2,40}$/.test(k.key) || seen.has(k.key)) problems.push({ index, field: 'key' });
    seen.add(k.key);
    if (!k.label.trim()) problems.push({ index, field: 'label' });
    if (!Number.isInteger(k.noticeDays) || k.noticeDays < 0 || k.noticeDays > 365) problems.push({ index, field: 'noticeDays' });
    if (!Number.isInteger(k.conclusionDays) || k.conclusionDays < 1 || k.conclusionDays > 365) problems.push({ index, field: 'conclusionDays' });
    if (k.conclusionDaysComplex !== null && (!Number.isInteger(k.conclusionDaysComplex) || k.conclusionDaysComplex < k.conclusionDays)) {
      problems.push({ index, field: 'conclusionDaysComplex' });
    }
    const pct = k.requestThresholdPercent;
    if (pct !== undefined && pct !== null && (!Number.isInteger(pct) || pct < 1 || pct > 100)) problems.push({ index, field: 'requestThresholdPercent' });
    const days = k.requestDecisionDays;
    if (days !== undefined && days !== null && (!Number.isInteger(days) || days < 1 || days > 365)) problems.push({ index, field: 'requestDecisionDays' });
  });
  return problems;
}

// ── Notice lead time (a3, a8) ──

export interface NoticeCheck {
  ok: boolean;
  /** The earliest date the dialogue may take place when the notice is published on `noticeOn`. */
  earliest: string;
  /** Calendar days between notice and dialogue. */
  leadDays: number;
}

export function checkNoticeLead(kind: DialogueKind, noticeOn: string, heldOn: string): NoticeCheck {
  const earliest = addDays(noticeOn, kind.noticeDays);
  const leadDays = diffDays(noticeOn, heldOn);
  return { ok: leadDays >= kind.noticeDays, earliest, leadDays };
}

// ── Conclusion deadline (a4, a7, a8) through the legal clock ──

/** The kind's conclusion rule as a legal-clock rule (calendar days; a last day off rolls to the next working day). */
export function conclusionRule(kind: DialogueKind): ClockRule {
  return {
    key: `dialogue.conclusion.${kind.key}`,
    version: `dialogue.conclusion.${kind.key}@data`,
    label: 'Hạn công bố kết luận đối thoại',
    trigger: 'ngày đối thoại',
    days: kind.conclusionDays,
    unit: 'calendar',
    variants: kind.conclusionDaysComplex !== null ? { complex: kind.conclusionDaysComplex } : {},
    extension: null,
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    citation: kind.conclusionCitation,
    verified: kind.conclusionMark === 'V',
  };
}

export function conclusionDeadline(kind: DialogueKind, heldOn: string, complex: boolean, calendar: WorkCalendar): Deadline {
  return computeDeadline({ rule: conclusionRule(kind), from: heldOn, calendar, complex });
}

// ── Requests that make a dialogue due (a2, a8) ──

/**
 * A voters' petition triggers the commune dialogue when the distinct verified voters who signed reach `percent` of
 * the commune's voter roll (a2: 10 % [V*]). Integer arithmetic: 120 of 1 200 at 10 % triggers, 119 does not.
 */
export function voterRequestTriggers(signatures: number, votersOnRoll: number, percent: number): boolean {
  return votersOnRoll > 0 && signatures * 100 >= votersOnRoll * percent;
}

/** The kind's decision rule as a legal-clock rule (a8: calendar days from the request; a last day off rolls on). */
export function requestDecisionRule(kind: DialogueKind): ClockRule | null {
  if (!kind.requestDecisionDays) return null;
  return {
    key: `dialogue.request.${kind.key}`,
    version: `dialogue.request.${kind.key}@data`,
    label: 'Hạn quyết định về đề nghị đối thoại',
    trigger: 'ngày nhận đề nghị',
    days: kind.requestDecisionDays,
    unit: 'calendar',
    variants: {},
    extension: null,
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    citation: kind.requestCitation ?? '',
    verified: kind.requestMark === 'V',
  };
}

export function requestDecisionDeadline(kind: DialogueKind, requestedOn: string, calendar: WorkCalendar): Deadline | null {
  const rule = requestDecisionRule(kind);
  return rule ? computeDeadline({ rule, from: requestedOn, calendar }) : null;
}

/**
 * A triggered request is still owed as of `asOf` when no dialogue of the commune was held on or after the request
 * date. `heldOn` lists the commune's dialogue dates (held or concluded).
 */
export function requestStillOwed(requestedOn: string, heldOn: readonly string[]): boolean {
  return !heldOn.some((d) => d >= requestedOn);
}

// ── Lifecycle ──

export const DIALOGUE_STATUSES = ['planned', 'noticed', 'held', 'concluded', 'cancelled'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];
export const DIALOGUE_STATUS_LABELS: Record<DialogueStatus, string> = {
  planned: 'Đã lên kế hoạch',
  noticed: 'Đã thông báo',
  held: 'Đã tổ chức',
  concluded: 'Đã công bố kết luận',
  cancelled: 'Đã hủy',
};

export const ISSUE_OUTCOMES = ['answered', 'transferred', 'assigned'] as const;
export type IssueOutcome = (typeof ISSUE_OUTCOMES)[number];
export const ISSUE_OUTCOME_LABELS: Record<IssueOutcome, string> = {
  answered: 'Đã trả lời tại hội nghị',
  transferred: 'Chuyển cơ quan có thẩm quyền',
  assigned: 'Giao cơ quan giải quyết',
};

// ── Commitments (a9) ──

/** Statuses of a commitment: PARTICIPATION.md a9 marks the list as a proposal [R]. */
export const COMMITMENT_STATUSES = ['open', 'in-progress', 'done', 'transferred', 'declined'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  open: 'Chưa thực hiện',
  'in-progress': 'Đang thực hiện',
  done: 'Đã thực hiện xong',
  transferred: 'Đã chuyển cơ quan khác',
  declined: 'Không thực hiện (có lý do)',
};
export const CLOSED_COMMITMENT_STATUSES: readonly CommitmentStatus[] = ['done', 'transferred', 'declined'];

export function isClosedCommitment(status: string): boolean {
  return (CLOSED_COMMITMENT_STATUSES as readonly string[]).includes(status);
}

/** Allowed moves; a closed commitment is reopened only to 'in-progress'. */
export function commitmentMoveAllowed(from: CommitmentStatus, to: CommitmentStatus): boolean {
  if (from === to) return !isClosedCommitment(from);
  if (isClosedCommitment(from)) return to === 'in-progress';
  return true;
}

export interface CommitmentFacts {
  status: string;
  dueOn: string;
  closedOn: string | null;
}

/** Overdue: not closed and past its due date, as of `today`. */
export function isOverdueCommitment(c: CommitmentFacts, today: string): boolean {
  return !isClosedCommitment(c.status) && c.dueOn < today;
}

export interface FulfilmentFigures {
  made: number;
  kept: number;
  keptOnTime: number;
  overdue: number;
  open: number;
  declined: number;
  transferred: number;
  /** kept ÷ made (null when none made). */
  fulfilmentRate: number | null;
  /** kept on time ÷ made. */
  onTimeRate: number | null;
}

/**
 * Fulfilment of a set of commitments as of `today`: kept = done; kept on time = done no later than the due date;
 * overdue = not closed and past due. The rate is kept ÷ made (declined and transferred count as not kept: the
 * promise was made by the organiser; a transfer passes the work, not the credit). Definition documented in ADR 0013.
 */
export function fulfilment(items: readonly CommitmentFacts[], today: string): FulfilmentFigures {
  const f = { made: items.length, kept: 0, keptOnTime: 0, overdue: 0, open: 0, declined: 0, transferred: 0 };
  for (const c of items) {
    if (c.status === 'done') {
      f.kept++;
      if (c.closedOn !== null && c.closedOn <= c.dueOn) f.keptOnTime++;
    } else if (c.status === 'declined') f.declined++;
    else if (c.status === 'transferred') f.transferred++;
    else {
      f.open++;
      if (c.dueOn < today) f.overdue++;
    }
  }
  return { ...f, fulfilmentRate: f.made ? f.kept / f.made : null, onTimeRate: f.made ? f.keptOnTime / f.made : null };
}

// ── Compliance (a1) ──

/**
 * A commune owes its yearly dialogue for `year`; as of `asOf` it is listed as missing only once the year is over
 * (asOf on or after 31/12 of that year) and no dialogue of a yearly kind was held in the year.
 */
export function yearlyDialogueMissing(year: number, asOf: string, heldInYear: number): boolean {
  return asOf >= `${year}-12-31` && heldInYear === 0;
}

// ── The report's sentence ──

export interface DialogueSentenceFigures {
  dialoguesHeld: number;
  participants: number;
  issuesRaised: number;
  answeredOnSpot: number;
  transferred: number;
  made: number;
  kept: number;
  keptOnTime: number;
  overdue: number;
  fulfilmentRate: number | null;
}

/** "Trong kỳ đã tổ chức 1 hội nghị đối thoại …, tỷ lệ thực hiện 50%." — empty when there is nothing to say. */
export function dialogueSentence(f: DialogueSentenceFigures, count: (n: number) => string, percent: (r: number) => string): string {
  if (!f.dialoguesHeld && !f.made) return '';
  const parts = [
    `Trong kỳ đã tổ chức ${count(f.dialoguesHeld)} hội nghị đối thoại với ${count(f.participants)} lượt người tham dự, nêu ${count(f.issuesRaised)} vấn đề (${count(f.answeredOnSpot)} trả lời tại chỗ, ${count(f.transferred)} chuyển cơ quan có thẩm quyền)`,
  ];
  if (f.made) {
    parts.push(
      `${count(f.made)} cam kết được giao, đã thực hiện ${count(f.kept)} (đúng hạn ${count(f.keptOnTime)}), quá hạn ${count(f.overdue)}, tỷ lệ thực hiện ${percent(f.fulfilmentRate ?? 0)}`,
    );
  }
  return `${parts.join('; ')}.`;
}

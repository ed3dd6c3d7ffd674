/**
 * Procedure of a community vote and of the commune's other grassroots duties, as data with pure checks
 * (PARTICIPATION.md part (c)): the notice lead times (c5 meeting Mẫu 01 ≥ 2 days, c10 ballot notice ≥ 2 days,
 * c26 year-end conference ≥ 5 days), the ballot plan (c10: sent within 2 days, a team of 3–5 led by the Front
 * representative, one form per household, a return deadline), the online team (c12–c13), the counting board
 * (c6: 3–5), the year-end conference agenda (c26), the Art. 25 subjects residents comment on (c22) with the
 * 2-level-government substitution (c28, [R]) and the publication checks (c27). "N ngày" are calendar days
 * (BLDS Arts. 147–148); "N ngày làm việc" use the legal clock. Every figure carries its basis and mark; the UI
 * shows them as the default.
 */
import { addDays, diffDays } from '../clock/dates.ts';
import { reaches, type Share } from './rules.ts';
import { computeDeadline, workingDaysUntil, type WorkCalendar } from '../clock/index.ts';

export type Mark = '[V]' | '[V*]' | '[R]';

export interface DayRule {
  readonly days: number;
  readonly basis: string;
  readonly mark: Mark;
}

export interface SizeRule {
  readonly min: number;
  readonly max: number;
  readonly basis: string;
  readonly mark: Mark;
}

export type NoticeKind = 'meeting' | 'ballot' | 'conference';

/** Minimum calendar days between the notice and the event (the notice day not counted). */
export const NOTICE_RULES: Readonly<Record<NoticeKind, DayRule>> = {
  meeting: { days: 2, basis: 'Khoản 3, 4 Điều 3 Nghị định 59/2023/NĐ-CP (thông báo Mẫu 01)', mark: '[V]' },
  ballot: { days: 2, basis: 'Khoản 3 Điều 4 Nghị định 59/2023/NĐ-CP (thông báo công khai trước khi phát phiếu)', mark: '[V]' },
  conference: { days: 5, basis: 'Điều 10 Nghị định 59/2023/NĐ-CP (hội nghị cuối năm: thông báo đến từng hộ)', mark: '[V]' },
};

/** Items 1–3: the documents reach every household at least this many days before the meeting (c5). */
export const DOCUMENTS_BEFORE: DayRule = { days: 2, basis: 'Khoản 4 Điều 3 Nghị định 59/2023/NĐ-CP', mark: '[V]' };
export const DOCUMENT_ITEMS: readonly number[] = [1, 2, 3];

/** c10: the ballot plan goes to the commune chair and the MTTQ chair within 2 days of the decision to use ballots. */
export const BALLOT_PLAN_SENT: DayRule = { days: 2, basis: 'Khoản 2 Điều 4 Nghị định 59/2023/NĐ-CP', mark: '[V]' };
/** c10 / c13: the ballot distribution team and the online team: 3–5 people led by the Front representative. */
export const TEAM_SIZE: SizeRule = { min: 3, max: 5, basis: 'Khoản 2 Điều 4, khoản 2 Điều 5 Nghị định 59/2023/NĐ-CP', mark: '[V]' };
/** c6: the vote-counting board of a meeting: 3–5 people. */
export const COUNTING_BOARD_SIZE: SizeRule = { min: 3, max: 5, basis: 'Điểm d khoản 4 Điều 18 Luật 10/2022/QH15; khoản 5 Điều 3 Nghị định 59/2023/NĐ-CP', mark: '[V]' };
/** c21: the draft village rules are posted at least 30 days before the meeting that adopts them. */
export const VILLAGE_RULES_DRAFT: DayRule = { days: 30, basis: 'Điều 9 Nghị định 61/2023/NĐ-CP', mark: '[V]' };
/** c8: a village may meet in clusters with at least this many households, or with scattered settlement; UBND xã approves the plan. */
export const CLUSTER_RULE = { minHouseholds: 200, basis: 'Khoản 3 Điều 18 Luật 10/2022/QH15; khoản 6 Điều 3 Nghị định 59/2023/NĐ-CP', mark: '[V]' as Mark };
/** c22: consultation period at commune level. */
export const COMMENT_MIN_DAYS: DayRule = { days: 20, basis: 'Khoản 2 Điều 28 Luật 10/2022/QH15', mark: '[V]' };

/** The earliest day an event may be held after a notice on `noticeOn`. */
export function earliestAfterNotice(kind: NoticeKind, noticeOn: string, rule: DayRule = NOTICE_RULES[kind]): string {
  return addDays(noticeOn, rule.days);
}

/** null when the notice is early enough, else the earliest lawful event day. */
export function noticeProblem(kind: NoticeKind, noticeOn: string, eventOn: string, rule: DayRule = NOTICE_RULES[kind]): { earliest: string; days: number } | null {
  const earliest = earliestAfterNotice(kind, noticeOn, rule);
  return eventOn < earliest ? { earliest, days: rule.days } : null;
}

export interface TeamMember {
  readonly name: string;
  /** The Front (MTTQ) representative who leads the team. */
  readonly leader?: boolean;
}

/** Problems of a team (size, exactly one Front leader); empty when lawful. */
export function teamProblems(team: readonly TeamMember[], rule: SizeRule = TEAM_SIZE): ('size' | 'leader' | 'name')[] {
  const out: ('size' | 'leader' | 'name')[] = [];
  if (team.length < rule.min || team.length > rule.max) out.push('size');
  if (team.filter((m) => m.leader).length !== 1) out.push('leader');
  if (team.some((m) => !m.name.trim())) out.push('name');
  return out;
}

export interface BallotPlan {
  /** The day the ballot form was decided (by the commune chair, the village head with the Front, or after a meeting that failed). */
  readonly decidedOn: string;
  /** The day the plan went to the commune chair and the MTTQ chair. */
  readonly planSentOn: string;
  readonly noticeOn: string;
  readonly distributeOn: string;
  readonly returnBy: string;
  readonly team: readonly TeamMember[];
}

export type PlanIssue = { field: string; problem: 'team-size' | 'team-leader' | 'team-name' | 'notice' | 'order' | 'plan-late'; earliest?: string };

/** Checks a ballot plan (c10). `plan-late` is a flag (the plan still stands), the others refuse it. */
export function ballotPlanIssues(p: BallotPlan): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const t of teamProblems(p.team)) out.push({ field: 'team', problem: `team-${t}` });
  const n = noticeProblem('ballot', p.noticeOn, p.distributeOn);
  if (n) out.push({ field: 'distributeOn', problem: 'notice', earliest: n.earliest });
  if (p.returnBy < p.distributeOn) out.push({ field: 'returnBy', problem: 'order' });
  if (p.planSentOn < p.decidedOn) out.push({ field: 'planSentOn', problem: 'order' });
  else if (diffDays(p.decidedOn, p.planSentOn) > BALLOT_PLAN_SENT.days) out.push({ field: 'planSentOn', problem: 'plan-late' });
  return out;
}

export const isRefusal = (i: PlanIssue) => i.problem !== 'plan-late';

// ── Year-end community conference (Luật 10/2022 Art. 33; NĐ 59 Arts. 10–11; c26) ──

export const CONFERENCE_AGENDA: readonly { key: string; label: string }[] = [
  { key: 'village-head-report', label: 'Trưởng thôn, Tổ trưởng tổ dân phố báo cáo kết quả thực hiện dân chủ ở cơ sở và tự quản của cộng đồng' },
  { key: 'front-report', label: 'Trưởng ban công tác Mặt trận báo cáo hoạt động của Ban' },
  { key: 'inspection-board-report', label: 'Ban Thanh tra nhân dân báo cáo kết quả hoạt động' },
  { key: 'discussion', label: 'Cộng đồng dân cư thảo luận, đóng góp ý kiến' },
  { key: 'explanations', label: 'Trưởng thôn, Tổ trưởng và các ban giải trình, tiếp thu' },
  { key: 'adoption', label: 'Biểu quyết thông qua kết quả và phương hướng' },
  { key: 'praise', label: 'Biểu dương hộ gia đình, cá nhân tiêu biểu' },
  { key: 'conclusion', label: 'Kết luận hội nghị' },
];
export const CONFERENCE_BASIS = 'Điều 33 Luật 10/2022/QH15; Điều 10–11 Nghị định 59/2023/NĐ-CP';

// ── What residents comment on (Art. 25; c22) and the 2-level-government substitution (c28) ──

/**
 * c28 [R]: Art. 25(2) names the district ("cấp huyện") land-use plan; since 1/7/2025 there is no district level.
 * Which level's plan the commune consults on is configurable; the default (province) is an inference to verify.
 */
export const DISTRICT_SUCCESSOR: { level: 'province' | 'commune'; basis: string; mark: Mark } = {
  level: 'province',
  basis: 'Khoản 2 Điều 25 Luật 10/2022/QH15 nêu quy hoạch sử dụng đất cấp huyện; chính quyền 2 cấp từ 1/7/2025 (suy luận, cần đối chiếu nghị định phân quyền)',
  mark: '[R]',
};

export function art25Subjects(successor: 'province' | 'commune' = DISTRICT_SUCCESSOR.level): { key: string; label: string; mark: Mark }[] {
  const level = successor === 'province' ? 'cấp tỉnh' : 'cấp xã';
  return [
    { key: 'ke-hoach-kt-xh', label: 'Dự thảo kế hoạch phát triển kinh tế - xã hội của xã', mark: '[V]' },
    { key: 'quy-hoach-sd-dat', label: `Dự thảo quy hoạch, kế hoạch sử dụng đất (trước đây cấp huyện, nay ${level}); phương án điều chỉnh`, mark: '[R]' },
    { key: 'du-an-tai-dinh-cu', label: 'Chủ trương, dự án lớn; phương án bồi thường, hỗ trợ, tái định cư', mark: '[V]' },
    { key: 'dia-gioi-ten-goi', label: 'Đề án thành lập, nhập, chia, điều chỉnh địa giới; đặt tên, đổi tên (kể cả thôn, tổ dân phố)', mark: '[V]' },
    { key: 'quyet-dinh-cong-dong', label: 'Quyết định ảnh hưởng đến quyền, lợi ích của cộng đồng', mark: '[V]' },
    { key: 'quy-hoach-xay-dung', label: 'Quy hoạch xây dựng, quy hoạch chung trên địa bàn xã', mark: '[V]' },
    { key: 'quy-che-dan-chu', label: 'Dự thảo quy chế thực hiện dân chủ ở xã', mark: '[V]' },
    { key: 'quyet-dinh-nghia-vu', label: 'Quyết định đặt nghĩa vụ, hạn chế quyền của công dân ở xã', mark: '[V]' },
  ];
}

// ── Publication duties (Art. 11–14; c27) ──

export interface PublicationFacts {
  readonly item: number;
  readonly decidedOn: string;
  readonly postedOn: string;
  readonly postedUntil: string | null;
  readonly loudspeakerFrom: string | null;
  readonly loudspeakerTo: string | null;
}

export interface PublicationCheck {
  readonly dueOn: string;
  readonly postedLate: boolean;
  readonly postedDays: number | null;
  readonly postedTooShort: boolean;
  readonly loudspeakerNeeded: boolean;
  readonly loudspeakerShort: boolean;
  readonly citation: string;
}

export function checkPublication(f: PublicationFacts, calendar: WorkCalendar, rules: { postedDays: number; loudspeakerDays: number; loudspeakerItems: readonly number[] }): PublicationCheck {
  const d = computeDeadline({ rule: 'grassroots.publish', from: f.decidedOn, calendar });
  // "≥ 30 consecutive days": the posting day counts (posted 01/03 → still up on 30/03 is 30 days).
  const postedDays = f.postedUntil ? diffDays(f.postedOn, f.postedUntil) + 1 : null;
  const loudspeakerNeeded = rules.loudspeakerItems.includes(f.item);
  const ls = f.loudspeakerFrom && f.loudspeakerTo ? diffDays(f.loudspeakerFrom, f.loudspeakerTo) + 1 : 0;
  return {
    dueOn: d.due,
    postedLate: f.postedOn > d.due,
    postedDays,
    postedTooShort: postedDays !== null && postedDays < rules.postedDays,
    loudspeakerNeeded,
    loudspeakerShort: loudspeakerNeeded && ls < rules.loudspeakerDays,
    citation: d.citation,
  };
}

/** "2027-Q1" → its first and last day. */
export function quarterRange(q: string): { from: string; to: string } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  if (!m) return null;
  const y = Number(m[1]);
  const n = Number(m[2]);
  const from = `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`;
  const to = addDays(n === 4 ? `${y + 1}-01-01` : `${y}-${String(n * 3 + 1).padStart(2, '0')}-01`, -1);
  return { from, to };
}

// ── The boards' plans (c24, c25) ──

export type Board = 'inspection' | 'investment';
/**
 * The people's inspection board sends its plan at least 5 WORKING days before acting (c24); the community investment
 * monitoring board notifies the project owner at least 45 days before monitoring (c25). Counted like the notices: the
 * sending day not counted, the first day of activity counted.
 */
export const BOARD_PLAN_RULES: Readonly<Record<Board, DayRule & { unit: 'working' | 'calendar' }>> = {
  inspection: { days: 5, unit: 'working', basis: 'Điều 39 Luật 10/2022/QH15; Điều 14 Nghị định 59/2023/NĐ-CP', mark: '[V]' },
  investment: { days: 45, unit: 'calendar', basis: 'Điều 45 Luật 10/2022/QH15; Điều 17 Nghị định 59/2023/NĐ-CP', mark: '[V]' },
};

/** null when the plan was sent early enough, else the earliest lawful first day. */
export function boardPlanProblem(board: Board, sentOn: string, startsOn: string, calendar: WorkCalendar): { earliest: string } | null {
  const r = BOARD_PLAN_RULES[board];
  if (r.unit === 'calendar') return startsOn < addDays(sentOn, r.days) ? { earliest: addDays(sentOn, r.days) } : null;
  if (startsOn > sentOn && workingDaysUntil(startsOn, sentOn, calendar) >= r.days) return null;
  let d = sentOn;
  for (let n = 0; n < r.days; ) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) n++;
  }
  return { earliest: d };
}

// ── Dismissing a village head (NĐ 59 Art. 9; c20) ──

/** The Front committee proposes a dismissal when at least 50% of the village's households petition for it. */
export const DISMISSAL_PETITION: Share & { basis: string; mark: Mark } = { num: 1, den: 2, strict: false, basis: 'Điều 9 Nghị định 59/2023/NĐ-CP', mark: '[V]' };

export function dismissalPetitionReaches(petitioners: number, households: number): boolean {
  return reaches(petitioners, households, DISMISSAL_PETITION);
}

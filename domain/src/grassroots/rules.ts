/**
 * Grassroots democracy (dân chủ ở cơ sở) as data: what residents decide directly (Luật 10/2022/QH15 Art. 15),
 * the forms each matter allows (Art. 17; NĐ 59/2023 Art. 5) and the pass thresholds (Art. 21), and the pure
 * tally that applies them. Every threshold is a share of ALL households on the register snapshot taken when the
 * vote opened (c1), never of attendees. A commune-wide matter first computes each thôn / tổ dân phố's own
 * result, then counts the villages that passed (c2). Source: ../shared/PARTICIPATION.md part (c), all [V].
 */

export type VoteForm = 'meeting' | 'paper' | 'online';
export const FORM_LABELS: Record<VoteForm, string> = {
  meeting: 'Hội nghị (cuộc họp) cộng đồng dân cư',
  paper: 'Phát phiếu lấy ý kiến hộ gia đình',
  online: 'Biểu quyết trực tuyến',
};

export type Choice = 'agree' | 'disagree' | 'other';
export const CHOICE_LABELS: Record<Choice, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', other: 'Ý kiến khác' };

export type MatterItem = 1 | 2 | 3 | 4 | 5 | 6;

/** A share: `num/den`; `strict` = more than (>), else at least (≥). */
export interface Share {
  readonly num: number;
  readonly den: number;
  readonly strict: boolean;
}

export interface ItemRule {
  readonly item: MatterItem;
  readonly label: string;
  /** Forms the law allows for this item (Art. 17). */
  readonly forms: readonly VoteForm[];
  /** Forms allowed only as a fallback when the meeting could not reach the threshold (items 3–5: ballot). */
  readonly fallbackForms: readonly VoteForm[];
  /** Share of ALL households of the village that must agree (Art. 21(1)). */
  readonly threshold: Share;
  /** Commune-wide matters: share of the villages that must pass, each computed first (items 1–2). */
  readonly communeWideShare: Share | null;
  /** Share of all households that must attend a meeting (NĐ 61/2023 quorum for village rules), else null. */
  readonly meetingQuorum: Share | null;
  /** Who recognises the decision: UBND xã, or MTTQ xã for item 5; null = effective on adoption. */
  readonly recognizedBy: 'ubnd-xa' | 'mttq-xa' | null;
  readonly citation: string;
}

const TWO_THIRDS: Share = { num: 2, den: 3, strict: false };
const HALF: Share = { num: 1, den: 2, strict: true };

export const ITEM_RULES: Readonly<Record<MatterItem, ItemRule>> = {
  1: {
    item: 1,
    label: 'Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng',
    forms: ['meeting', 'paper'],
    fallbackForms: [],
    threshold: TWO_THIRDS,
    communeWideShare: TWO_THIRDS,
    meetingQuorum: null,
    recognizedBy: null,
    citation: 'Khoản 1 Điều 15, khoản 1 Điều 21 Luật 10/2022/QH15',
  },
  2: {
    item: 2,
    label: 'Việc thu, chi, quản lý các khoản đóng góp, quỹ, tài sản của cộng đồng dân cư',
    forms: ['meeting', 'paper'],
    fallbackForms: [],
    threshold: TWO_THIRDS,
    communeWideShare: TWO_THIRDS,
    meetingQuorum: null,
    recognizedBy: null,
    citation: 'Khoản 2 Điều 15, khoản 1 Điều 21 Luật 10/2022/QH15',
  },
  3: {
    item: 3,
    label: 'Nội dung hương ước, quy ước của cộng đồng dân cư',
    forms: ['meeting'],
    fallbackForms: ['paper'],
    threshold: HALF,
    communeWideShare: null,
    meetingQuorum: HALF,
    recognizedBy: 'ubnd-xa',
    citation: 'Khoản 3 Điều 15, Điều 21 Luật 10/2022/QH15; Điều 9–11 Nghị định 61/2023/NĐ-CP',
  },
  4: {
    item: 4,
    label: 'Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố',
    forms: ['meeting'],
    fallbackForms: ['paper'],
    threshold: HALF,
    communeWideShare: null,
    meetingQuorum: null,
    recognizedBy: 'ubnd-xa',
    citation: 'Khoản 4 Điều 15, Điều 21 Luật 10/2022/QH15; Điều 6–9 Nghị định 59/2023/NĐ-CP',
  },
  5: {
    item: 5,
    label: 'Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng',
    forms: ['meeting'],
    fallbackForms: ['paper'],
    threshold: HALF,
    communeWideShare: null,
    meetingQuorum: null,
    recognizedBy: 'mttq-xa',
    citation: 'Khoản 5 Điều 15, Điều 21 Luật 10/2022/QH15',
  },
  6: {
    item: 6,
    label: 'Các công việc tự quản khác trong nội bộ cộng đồng dân cư',
    forms: ['meeting', 'paper', 'online'],
    fallbackForms: [],
    threshold: HALF,
    communeWideShare: null,
    meetingQuorum: null,
    recognizedBy: null,
    citation: 'Khoản 6 Điều 15, khoản 2 Điều 17, Điều 21 Luật 10/2022/QH15; Điều 5 Nghị định 59/2023/NĐ-CP',
  },
};

export function itemRule(item: number): ItemRule {
  const r = ITEM_RULES[item as MatterItem];
  if (!r) throw new Error(`Art. 15 item ${item} does not exist`);
  return r;
}

/** Households that must first opt in before an online vote may open (NĐ 59 Art. 5(2)): > 50% of all. */
export const ONLINE_OPT_IN_SHARE: Share = HALF;
/** Citizen initiative: ≥ 10% of the village's households consent (Art. 16(3)). */
export const INITIATIVE_SHARE: Share = { num: 1, den: 10, strict: false };
/** Months a consent to an initiative stays valid (Art. 16(3)); also the clock rule `grassroots.initiative-validity`. */
/** A village with this many households may meet in clusters (Art. 18(3)). */

export function reaches(count: number, total: number, s: Share): boolean {
  if (total <= 0) return false;
  return s.strict ? count * s.den > total * s.num : count * s.den >= total * s.num;
}

/** The smallest count that reaches the share of `total` ("80 of 120" for 2/3). */
export function needed(total: number, s: Share): number {
  if (total <= 0) return 1;
  const exact = (total * s.num) / s.den;
  return s.strict ? Math.floor(exact) + 1 : Math.ceil(exact);
}

export function shareLabel(s: Share): string {
  if (s.num * 2 === s.den) return s.strict ? 'trên 50%' : 'từ 50% trở lên';
  if (s.num * 10 === s.den) return s.strict ? 'trên 10%' : 'từ 10% trở lên';
  return `${s.strict ? 'trên' : 'từ'} ${s.num}/${s.den}${s.strict ? '' : ' trở lên'}`;
}

/** What a village counted, whatever the forms. */
export interface VillageCount {
  readonly communityId: string;
  /** Households on the roll snapshot. */
  readonly households: number;
  /** Households counted in any form (present at a meeting, ballot returned, voted online). */
  readonly participated: number;
  /** Households present at a meeting of this matter. */
  readonly attended: number;
  readonly agree: number;
  readonly disagree: number;
  readonly other: number;
  readonly byForm: Readonly<Record<VoteForm, number>>;
}

export interface VillageResult extends VillageCount {
  readonly needed: number;
  readonly quorumMet: boolean;
  readonly passed: boolean;
}

export interface MatterResult {
  readonly item: MatterItem;
  readonly communeWide: boolean;
  readonly households: number;
  readonly participated: number;
  readonly absent: number;
  readonly agree: number;
  readonly disagree: number;
  readonly other: number;
  readonly byForm: Readonly<Record<VoteForm, number>>;
  readonly villages: readonly VillageResult[];
  readonly villagesPassed: number;
  readonly villagesNeeded: number;
  readonly passed: boolean;
  /** One Vietnamese sentence: how the threshold was applied. */
  readonly explanation: string;
}

export function tally(item: MatterItem, communeWide: boolean, counts: readonly VillageCount[]): MatterResult {
  const rule = itemRule(item);
  const villages: VillageResult[] = counts.map((c) => {
    const quorumMet = rule.meetingQuorum === null || c.byForm.meeting === 0 || c.byForm.paper > 0 || reaches(c.attended, c.households, rule.meetingQuorum);
    return { ...c, needed: needed(c.households, rule.threshold), quorumMet, passed: quorumMet && reaches(c.agree, c.households, rule.threshold) };
  });
  const sum = (f: (v: VillageCount) => number) => villages.reduce((s, v) => s + f(v), 0);
  const byForm = { meeting: sum((v) => v.byForm.meeting), paper: sum((v) => v.byForm.paper), online: sum((v) => v.byForm.online) };
  const households = sum((v) => v.households);
  const participated = sum((v) => v.participated);
  const villagesPassed = villages.filter((v) => v.passed).length;
  const share = communeWide ? (rule.communeWideShare ?? rule.threshold) : null;
  const villagesNeeded = share ? needed(villages.length, share) : 1;
  const passed = share ? reaches(villagesPassed, villages.length, share) : villages.length === 1 && villages[0]!.passed;
  const agree = sum((v) => v.agree);
  const explanation = share
    ? `${villagesPassed}/${villages.length} thôn, tổ dân phố tán thành (cần ${shareLabel(share)} số thôn, tổ dân phố: ${villagesNeeded}); mỗi thôn, tổ dân phố tính ${shareLabel(rule.threshold)} tổng số hộ gia đình của mình`
    : `${agree}/${households} hộ gia đình tán thành (cần ${shareLabel(rule.threshold)} tổng số hộ gia đình trong thôn, tổ dân phố: ${villages[0]?.needed ?? 0} hộ)${villages[0] && !villages[0].quorumMet ? '; hội nghị không đủ trên 50% số hộ tham dự' : ''}`;
  return {
    item,
    communeWide,
    households,
    participated,
    absent: households - participated,
    agree,
    disagree: sum((v) => v.disagree),
    other: sum((v) => v.other),
    byForm,
    villages,
    villagesPassed,
    villagesNeeded,
    passed,
    explanation,
  };
}

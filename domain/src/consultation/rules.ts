/**
 * Rules of a public consultation on a draft (PARTICIPATION.md part (b), rows b1–b13; part (c), row c22).
 * Periods and milestones are configurable data: the defaults here are labelled with their basis and mark.
 */

// ── Kinds (scope) and what is consulted on ──

export const CONSULTATION_KINDS = ['commune', 'province', 'ministry', 'nation'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export const KIND_LABELS: Record<ConsultationKind, string> = {
  commune: 'Cấp xã',
  province: 'Cấp tỉnh',
  ministry: 'Bộ, ngành',
  nation: 'Toàn quốc',
};

export interface PeriodRule {
  minDays: number;
  basis: string;
  mark: '[V]' | '[V*]' | '[R]';
}

/**
 * Minimum consultation period by kind, in CALENDAR days counted from publication, not shortened by holidays (b6).
 * Only the commune figure is verified; the others are defaults to check against Luật 64/2025 and NĐ 78/2025.
 */
export const DEFAULT_MIN_DAYS: Record<ConsultationKind, PeriodRule> = {
  commune: { minDays: 20, basis: 'Luật 10/2022/QH15 Điều 28 khoản 2', mark: '[V]' },
  province: { minDays: 30, basis: 'Luật 64/2025/QH15, NĐ 78/2025/NĐ-CP (thời hạn đăng tải dự thảo — mặc định, cần đối chiếu)', mark: '[R]' },
  ministry: { minDays: 30, basis: 'Luật 64/2025/QH15, NĐ 78/2025/NĐ-CP (thời hạn đăng tải dự thảo — mặc định, cần đối chiếu)', mark: '[R]' },
  nation: { minDays: 30, basis: 'Luật 64/2025/QH15 (thời hạn đăng tải dự thảo — mặc định, cần đối chiếu)', mark: '[R]' },
};

/** What residents comment on before a commune decision (Luật 10/2022 Art. 25; c22). */
export const COMMUNE_SUBJECTS = {
  'ke-hoach-kt-xh': 'Kế hoạch phát triển kinh tế – xã hội',
  'quy-hoach-sd-dat': 'Quy hoạch, kế hoạch sử dụng đất',
  'du-an-tai-dinh-cu': 'Dự án lớn, bồi thường, hỗ trợ, tái định cư',
  'dia-gioi-ten-goi': 'Điều chỉnh địa giới, đặt tên, đổi tên (kể cả thôn, tổ dân phố)',
  'quyet-dinh-cong-dong': 'Quyết định ảnh hưởng đến cộng đồng',
  'quy-hoach-xay-dung': 'Quy hoạch xây dựng',
  'quy-che-dan-chu': 'Quy chế thực hiện dân chủ ở xã',
  'quyet-dinh-nghia-vu': 'Quyết định đặt nghĩa vụ, hạn chế quyền của công dân',
  'van-ban-qppl': 'Dự thảo văn bản quy phạm pháp luật',
  khac: 'Nội dung khác',
} as const;
export type ConsultationSubject = keyof typeof COMMUNE_SUBJECTS;
export const SUBJECTS = Object.keys(COMMUNE_SUBJECTS) as ConsultationSubject[];

// ── Opinions ──

export const STANCES = ['approve', 'disapprove', 'partly'] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<Stance, string> = { approve: 'Tán thành', disapprove: 'Không tán thành', partly: 'Đồng ý một phần' };

/** b2: text is required for "không tán thành" and "đồng ý một phần". */
export function stanceNeedsText(stance: Stance): boolean {
  return stance !== 'approve';
}

/** b4: channels are first-class; "assisted" (entered by an officer on a citizen's behalf) is its own channel. */
export const CHANNELS = ['portal', 'assisted', 'written', 'conference'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  portal: 'Cổng trực tuyến (xác thực danh tính)',
  assisted: 'Cán bộ nhập thay công dân',
  written: 'Văn bản góp ý của cơ quan, tổ chức',
  conference: 'Hội nghị, tọa đàm (ý kiến bằng văn bản)',
};

/** b3: respondent category (đối tượng góp ý). */
export const CATEGORIES = ['citizen', 'official', 'party-member', 'worker', 'farmer', 'business', 'student', 'expert', 'organisation', 'agency', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  citizen: 'Nhân dân',
  official: 'Cán bộ, công chức, viên chức',
  'party-member': 'Đảng viên',
  worker: 'Công nhân, người lao động',
  farmer: 'Nông dân',
  business: 'Doanh nghiệp, doanh nhân',
  student: 'Học sinh, sinh viên',
  expert: 'Chuyên gia, nhà khoa học',
  organisation: 'Tổ chức',
  agency: 'Cơ quan nhà nước',
  other: 'Khác',
};

export const AGE_BANDS = ['under-18', '18-30', '31-45', '46-60', 'over-60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  'under-18': 'Dưới 18',
  '18-30': '18–30',
  '31-45': '31–45',
  '46-60': '46–60',
  'over-60': 'Trên 60',
};

// ── Periods and milestones ──

/** Calendar-day arithmetic on ISO dates (b6: holidays are not excluded). */
export function addCalendarDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Days from `opens` to `closes`, both included ("from 6/5 to 5/6" is 31 days). */
export function periodDays(opens: string, closes: string): number {
  const a = Date.parse(`${opens}T00:00:00Z`);
  const b = Date.parse(`${closes}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000) + 1;
}

export interface Milestone {
  key: string;
  label: string;
  due: string;
}

/**
 * Default milestones (b10, b9) from the closing date: each channel's report 1 day after the close, the synthesis
 * 4 days after, publication of the synthesis for ≥ 30 consecutive days. Configurable per consultation.
 */
export function defaultMilestones(closes: string): Milestone[] {
  const synthesis = addCalendarDays(closes, 5);
  return [
    { key: 'channels-close', label: 'Đóng các kênh góp ý', due: closes },
    ...CHANNELS.map((c) => ({ key: `report-${c}`, label: `Báo cáo kênh: ${CHANNEL_LABELS[c]}`, due: addCalendarDays(closes, 1) })),
    { key: 'synthesis', label: 'Báo cáo tổng hợp, tiếp thu, giải trình', due: synthesis },
    { key: 'publication-end', label: 'Công khai báo cáo tổng hợp đến hết ngày (≥ 30 ngày liên tục)', due: addCalendarDays(synthesis, 29) },
  ];
}

/** b7: bodies consulted in writing answer within 15 days (Luật 64/2025 Art. 30) [V*]. */
export const INVITATION_ANSWER_DAYS = 15;

// ── Synthesis: accepted / partly / not accepted, and the majority ──

export const THEME_OUTCOMES = ['accepted', 'partly', 'not-accepted'] as const;
export type ThemeOutcome = (typeof THEME_OUTCOMES)[number];
export const THEME_OUTCOME_LABELS: Record<ThemeOutcome, string> = { accepted: 'Tiếp thu', partly: 'Tiếp thu một phần', 'not-accepted': 'Không tiếp thu (giải trình)' };

export type StanceCounts = Record<Stance, number>;

/** The stance with more than half of the counted opinions, or null when none has a majority. */
export function majorityStance(c: StanceCounts): Stance | null {
  const total = c.approve + c.disapprove + c.partly;
  if (total === 0) return null;
  for (const s of STANCES) if (c[s] * 2 > total) return s;
  return null;
}

/** The stance most of the theme's opinions hold (ties → the first in STANCES order). */
export function dominantStance(c: StanceCounts): Stance | null {
  let best: Stance | null = null;
  for (const s of STANCES) if (c[s] > 0 && (best === null || c[s] > c[best])) best = s;
  return best;
}

/**
 * Does the outcome for a theme depart from the majority of the section (Luật 10/2022 Art. 28(4))?
 *  - the theme voices the majority's stance and is not (fully) accepted: the final text goes against the majority;
 *  - the theme voices a minority stance and is accepted: the text follows the minority.
 * Without a majority on the section nothing departs from it.
 */
export function departsFromMajority(outcome: ThemeOutcome, themeStance: Stance | null, sectionMajority: Stance | null): boolean {
  if (!sectionMajority || !themeStance) return false;
  if (themeStance === sectionMajority) return outcome !== 'accepted';
  return outcome === 'accepted';
}

/** b8: an explanation is always given when an opinion is not (fully) accepted, and whenever the outcome departs from the majority. */
export function explanationRequired(outcome: ThemeOutcome, departs: boolean): boolean {
  return departs || outcome !== 'accepted';
}

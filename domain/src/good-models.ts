/**
 * "Dân vận khéo" models (PARTICIPATION.md part (d)): the movement is not a statute, so criteria, fields, scoring
 * scale, recognition levels and periods are data each province or ministry sets on its campaign. The defaults below
 * are the practice the shared docs cite [V*] (Đà Lạt criteria, Bà Rịa–Vũng Tàu fields); the UI labels them so.
 * Pure rules: score checks, the level a total earns, the lifecycle, and the yearly figures.
 */

export const MODEL_KINDS = ['model', 'exemplar'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const MODEL_KIND_LABELS: Record<ModelKind, string> = { model: 'Mô hình (tập thể)', exemplar: 'Điển hình (cá nhân)' };

export interface Criterion {
  key: string;
  label: string;
}
export interface FieldDef {
  key: string;
  label: string;
}
export interface LevelDef {
  key: string;
  label: string;
  /** Least share of the maximum total (0–100) that earns this level. */
  minPercent: number;
}

/** Default fields (d4, Bà Rịa–Vũng Tàu report) [V*]. */
export const DEFAULT_FIELDS: FieldDef[] = [
  { key: 'kinh-te', label: 'Kinh tế' },
  { key: 'van-hoa-xa-hoi', label: 'Văn hóa – xã hội' },
  { key: 'quoc-phong-an-ninh', label: 'Quốc phòng – an ninh' },
  { key: 'he-thong-chinh-tri', label: 'Xây dựng hệ thống chính trị' },
  { key: 'nong-thon-moi', label: 'Xây dựng nông thôn mới, đô thị văn minh' },
];

/** Default criteria (d3, Đà Lạt 2017) [V*]. */
export const DEFAULT_CRITERIA: Record<ModelKind, Criterion[]> = {
  model: [
    { key: 'sang-tao', label: 'Cách làm sáng tạo, tiết kiệm thời gian, chi phí' },
    { key: 'thuyet-phuc', label: 'Người đứng đầu vận động, thuyết phục nhân dân làm theo pháp luật' },
    { key: 'huy-dong', label: 'Huy động được nhiều lực lượng tham gia' },
    { key: 'hai-hoa', label: 'Hài hòa lợi ích tập thể, cá nhân và xã hội' },
    { key: 'ben-vung', label: 'Có tính bền vững, nhân rộng được' },
  ],
  exemplar: [
    { key: 'guong-mau', label: 'Bản thân và gia đình gương mẫu' },
    { key: 'y-tuong', label: 'Có ý tưởng, sáng kiến hay' },
    { key: 'giai-quyet', label: 'Đề xuất giải quyết vướng mắc tồn đọng của nhân dân' },
    { key: 'tan-tuy', label: 'Tận tụy phục vụ nhân dân' },
    { key: 'gia-dinh-van-hoa', label: 'Gia đình văn hóa, hoàn thành nghĩa vụ hằng năm' },
  ],
};

/** Default levels and scale (local practice varies; a campaign sets its own) [R]. */
export const DEFAULT_LEVELS: LevelDef[] = [
  { key: 'xuat-sac', label: 'Xuất sắc', minPercent: 90 },
  { key: 'tieu-bieu', label: 'Tiêu biểu', minPercent: 70 },
];
export const DEFAULT_SCALE_MAX = 10;

export const MODEL_STATUSES = ['registered', 'self-assessed', 'assessed', 'recognized', 'returned'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
export const MODEL_STATUS_LABELS: Record<ModelStatus, string> = {
  registered: 'Đã đăng ký, đang thực hiện',
  'self-assessed': 'Đã tự đánh giá, chờ thẩm định',
  assessed: 'Đã chấm điểm, chờ công nhận',
  recognized: 'Đã công nhận',
  returned: 'Trả lại để bổ sung',
};

/** Which lifecycle step is open from which status (d1). */
export const MODEL_STEPS = {
  addEvidence: ['registered', 'self-assessed', 'returned', 'recognized'],
  selfAssess: ['registered', 'returned'],
  assess: ['self-assessed', 'assessed'],
  decide: ['assessed'],
  check: ['recognized'],
} as const satisfies Record<string, readonly ModelStatus[]>;
export type ModelStep = keyof typeof MODEL_STEPS;

export function stepOpen(step: ModelStep, status: string): boolean {
  return (MODEL_STEPS[step] as readonly string[]).includes(status);
}

/** Typed references from evidence to DânVận records. A module that owns a kind plugs its resolver in on the server. */
export const EVIDENCE_REF_TYPES = ['case', 'dialogue', 'commitment', 'consultation', 'vote'] as const;
export type EvidenceRefType = (typeof EVIDENCE_REF_TYPES)[number];
export const EVIDENCE_REF_LABELS: Record<EvidenceRefType, string> = {
  case: 'Vụ việc đã giải quyết',
  dialogue: 'Buổi đối thoại',
  commitment: 'Cam kết đã thực hiện',
  consultation: 'Lấy ý kiến nhân dân',
  vote: 'Biểu quyết của cộng đồng',
};

export interface ScoreInput {
  criterion: string;
  score: number;
  comment?: string;
}
export interface ScoreIssue {
  field: string;
  problem: 'missing' | 'unknown' | 'range' | 'duplicate';
  criterion: string;
}

/** Every criterion of the kind scored once, each an integer 0…scaleMax. */
export function checkScores(criteria: readonly Criterion[], scaleMax: number, scores: readonly ScoreInput[]): { issues: ScoreIssue[]; total: number; max: number } {
  const issues: ScoreIssue[] = [];
  const keys = new Set(criteria.map((c) => c.key));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (!keys.has(s.criterion)) issues.push({ field: `scores.${i}.criterion`, problem: 'unknown', criterion: s.criterion });
    else if (seen.has(s.criterion)) issues.push({ field: `scores.${i}.criterion`, problem: 'duplicate', criterion: s.criterion });
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > scaleMax) issues.push({ field: `scores.${i}.score`, problem: 'range', criterion: s.criterion });
    seen.add(s.criterion);
  });
  for (const c of criteria) if (!seen.has(c.key)) issues.push({ field: 'scores', problem: 'missing', criterion: c.key });
  const total = scores.reduce((sum, s) => sum + (keys.has(s.criterion) && Number.isFinite(s.score) ? s.score : 0), 0);
  return { issues, total, max: criteria.length * scaleMax };
}

/** The highest level whose threshold the average of the assessors' totals reaches, or null. */
export function levelEarned(levels: readonly LevelDef[], totals: readonly number[], max: number): LevelDef | null {
  if (!totals.length || max <= 0) return null;
  const percent = (100 * totals.reduce((a, b) => a + b, 0)) / totals.length / max;
  return [...levels].sort((a, b) => b.minPercent - a.minPercent).find((l) => percent + 1e-9 >= l.minPercent) ?? null;
}

/** What the figures need of a model. */
export interface FigureModel {
  id: string;
  year: number;
  recognizedYear: number | null;
  replicated: boolean;
  /** year → maintained? (the yearly checks) */
  checks: ReadonlyMap<number, boolean>;
}

export interface ModelFigures {
  /** Registered in the period. */
  registered: number;
  /** Recognised in the period. */
  recognized: number;
  /** Recognised in the period and not a replication of another model. */
  new: number;
  /** Replications registered in the period. */
  replicated: number;
  /** Recognised by the period's end and, for the period's last year, maintained (recognition that year counts). */
  maintained: number;
  /** Recognised earlier and found not maintained in the period's last year. */
  notMaintained: number;
  /** Recognised before the period's last year with no check for it yet. */
  unchecked: number;
}

/** The d6 counts for the years fromYear…toYear (a year, or a 5-year review). */
export function modelFigures(models: readonly FigureModel[], fromYear: number, toYear: number): ModelFigures {
  const f: ModelFigures = { registered: 0, recognized: 0, new: 0, replicated: 0, maintained: 0, notMaintained: 0, unchecked: 0 };
  const inPeriod = (y: number | null) => y !== null && y >= fromYear && y <= toYear;
  for (const m of models) {
    if (inPeriod(m.year)) {
      f.registered++;
      if (m.replicated) f.replicated++;
    }
    if (inPeriod(m.recognizedYear)) {
      f.recognized++;
      if (!m.replicated) f.new++;
    }
    if (m.recognizedYear === null || m.recognizedYear > toYear) continue;
    const check = m.checks.get(toYear);
    if (check === true || (check === undefined && m.recognizedYear === toYear)) f.maintained++;
    else if (check === false) f.notMaintained++;
    else f.unchecked++;
  }
  return f;
}

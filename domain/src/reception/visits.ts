/**
 * Visits (lượt tiếp): outcomes, the identity check, refusal grounds, first-time vs repeat, and the
 * outcome notice (Luật Tiếp công dân 2013 Art. 28).
 */
import { isValidPersonalId } from '../text.ts';

export const VISIT_OUTCOMES = ['petition-received', 'guided', 'forwarded', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = {
  'petition-received': 'Tiếp nhận đơn, vụ việc',
  guided: 'Hướng dẫn công dân',
  forwarded: 'Chuyển đơn đến cơ quan có thẩm quyền',
  refused: 'Từ chối tiếp công dân',
};

/**
 * Identity check (ND 154/2026 Art. 12): full name, address, and a personal ID (CCCD / số định danh
 * cá nhân, 12 digits) or a passport number.
 */
export const ID_TYPES = ['personal-id', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, string> = {
  'personal-id': 'Số định danh cá nhân / CCCD',
  passport: 'Hộ chiếu',
};

/** Passport numbers: Vietnamese ones are 1 letter + 7 digits; foreign ones vary, so 6–20 letters/digits. */
export function isValidPassportNumber(v: string): boolean {
  return /^[A-Z0-9]{6,20}$/.test(v);
}

/** Upper-case, no spaces or dashes: "c 1234567" → "C1234567". */
export function normalizeIdNumber(v: string): string {
  return v.replace(/[\s.-]/g, '').toUpperCase();
}

export function isValidIdNumber(type: IdType, v: string): boolean {
  return type === 'personal-id' ? isValidPersonalId(v) : isValidPassportNumber(v);
}

/** A register cell holds only the number: 12 digits is a personal ID, anything else valid is a passport. */
export function inferIdType(v: string): IdType | null {
  if (isValidPersonalId(v)) return 'personal-id';
  if (isValidPassportNumber(v)) return 'passport';
  return null;
}

/**
 * First-time vs repeat (lần đầu / tái diễn, indicator of Form 01/TCD): derived from the case history — a visit
 * linked to a case that already existed when it was recorded is a repeat; a visit that opens a case, or
 * concerns no case, is a first-time visit.
 */
export function isRepeatVisit(linkedToExistingCase: boolean): boolean {
  return linkedToExistingCase;
}

export interface RefusalGround {
  code: string;
  label: string;
  citation: string;
  /** A repeat with nothing new: written notice (Mẫu 01/TCD) within 3 working days. */
  writtenNotice?: string;
}

/** Refusal grounds: Luật TCD 2013 Art. 9 and ND 154/2026 Art. 4(1) (LEGAL.md Reception, [V]). */
export const REFUSAL_GROUNDS = [
  {
    code: 'incapacitated',
    label: 'Người đang say do dùng chất kích thích, người mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi',
    citation: 'Khoản 1 Điều 9 Luật Tiếp công dân 2013',
  },
  {
    code: 'threats-or-insults',
    label: 'Người có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân, người thi hành công vụ hoặc vi phạm nội quy nơi tiếp công dân',
    citation: 'Khoản 2 Điều 9 Luật Tiếp công dân 2013',
  },
  {
    code: 'already-settled',
    label: 'Vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài',
    citation: 'Khoản 3 Điều 9 Luật Tiếp công dân 2013',
  },
  {
    code: 'weapons',
    label: 'Mang theo vũ khí, vật liệu nổ, công cụ hỗ trợ hoặc vật dụng nguy hiểm',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'refuses-security-check',
    label: 'Không chấp hành việc kiểm tra an ninh tại nơi tiếp công dân',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'recording-forbidden',
    label: 'Ghi âm, ghi hình khi đã được yêu cầu không ghi',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'inciting-disorder',
    label: 'Kích động, lôi kéo gây mất trật tự tại nơi tiếp công dân',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'no-capacity-no-representative',
    label: 'Người không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'not-a-petition',
    label: 'Nội dung trình bày không phải là khiếu nại, tố cáo, kiến nghị, phản ánh',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'repeat-nothing-new',
    label: 'Vụ việc đã được tiếp, hướng dẫn, trả lời mà không có tình tiết mới',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
    writtenNotice: 'Thông báo bằng văn bản (Mẫu 01/TCD) trong thời hạn 3 ngày làm việc',
  },
  {
    code: 'final-court-judgment',
    label: 'Vụ việc đã có bản án, quyết định có hiệu lực pháp luật của Tòa án',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
  {
    code: 'handled-by-competent-body',
    label: 'Vụ việc đang được cơ quan có thẩm quyền khác thụ lý, giải quyết',
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
  },
] as const satisfies readonly RefusalGround[];

export type RefusalGroundCode = (typeof REFUSAL_GROUNDS)[number]['code'];
export const REFUSAL_GROUND_CODES = REFUSAL_GROUNDS.map((g) => g.code) as [RefusalGroundCode, ...RefusalGroundCode[]];

export function refusalGround(code: string): RefusalGround | undefined {
  return REFUSAL_GROUNDS.find((g) => g.code === code);
}

/** "Từ chối tiếp: <label> (<citation>)": how a refusal reads in the register's notes column. */
export const REFUSAL_NOTE_PREFIX = 'Từ chối tiếp: ';
export function refusalNote(code: string): string {
  const g = refusalGround(code);
  return g ? `${REFUSAL_NOTE_PREFIX}${g.label} (${g.citation})` : '';
}

/** The ground whose register note starts `text`, if any (the import reads a refusal back from the notes). */
export function refusalFromNote(text: string): { code: RefusalGroundCode; rest: string } | null {
  if (!text.startsWith(REFUSAL_NOTE_PREFIX)) return null;
  for (const g of REFUSAL_GROUNDS) {
    const note = `${REFUSAL_NOTE_PREFIX}${g.label} (${g.citation})`;
    if (text === note) return { code: g.code, rest: '' };
    if (text.startsWith(`${note}; `)) return { code: g.code, rest: text.slice(note.length + 2) };
  }
  return null;
}

/** Outcome notice within 10 working days of receiving the petition (Luật TCD 2013 Art. 28; rule `reception.notice`). */
export const NOTICE_OUTCOMES = ['accepted', 'extended', 'not-accepted', 'transferred'] as const;
export type NoticeOutcome = (typeof NOTICE_OUTCOMES)[number];
export const NOTICE_OUTCOME_LABELS: Record<NoticeOutcome, string> = {
  accepted: 'Thụ lý giải quyết',
  extended: 'Gia hạn xem xét',
  'not-accepted': 'Không thụ lý',
  transferred: 'Chuyển đơn đến cơ quan có thẩm quyền',
};
export const NOTICE_RULE = 'reception.notice';
export const NOTICE_CITATION = 'Điều 28 Luật Tiếp công dân 2013';

/** The default "within jurisdiction?" answer for an outcome (the register's column 9). */
export function defaultWithinJurisdiction(outcome: VisitOutcome): boolean | null {
  if (outcome === 'petition-received') return true;
  if (outcome === 'refused') return null;
  return false;
}

/** Messages of search and same-matter detection (issue 18), Vietnamese first; kept next to the feature. */
import { useCallback } from 'react';
import { useModuleT } from '../../i18n/i18n.tsx';

const vi = {
  'sr.box': 'Tìm vụ việc, đơn, đối thoại, số quyết định…',
  'sr.title': 'Tìm kiếm',
  'sr.total': '{n} kết quả',
  'sr.capped': 'Hơn {n} kết quả — đã xếp hạng {n} kết quả gần đây nhất; thêm từ hoặc bộ lọc để thu hẹp',
  'sr.none': 'Không tìm thấy',
  'sr.hint': 'Không cần gõ dấu. Tìm theo mã hồ sơ, số văn bản (12/QĐ-UBND), thửa đất, đường phố, tên người gửi (không bao giờ tên người tố cáo); hội nghị đối thoại, cam kết (theo mã DT-…, CK-… hoặc nội dung) và đợt lấy ý kiến. Mỗi từ phải có trong hồ sơ; từ cuối có thể gõ dở.',
  'sr.type': 'Loại hồ sơ',
  'sr.type.case': 'Vụ việc',
  'sr.type.visit': 'Lượt tiếp',
  'sr.type.petition': 'Đơn',
  'sr.type.dialogue': 'Hội nghị đối thoại',
  'sr.type.commitment': 'Cam kết',
  'sr.type.consultation': 'Lấy ý kiến',
  'sr.status.dialogue.planned': 'Đã lên kế hoạch',
  'sr.status.dialogue.noticed': 'Đã thông báo',
  'sr.status.dialogue.held': 'Đã tổ chức',
  'sr.status.dialogue.concluded': 'Đã công bố kết luận',
  'sr.status.dialogue.cancelled': 'Đã hủy',
  'sr.status.commitment.open': 'Chưa thực hiện',
  'sr.status.commitment.in-progress': 'Đang thực hiện',
  'sr.status.commitment.done': 'Đã thực hiện xong',
  'sr.status.commitment.transferred': 'Đã chuyển cơ quan khác',
  'sr.status.commitment.declined': 'Không thực hiện (có lý do)',
  'sr.status.consultation.draft': 'Chưa đăng tải',
  'sr.status.consultation.published': 'Đã đăng tải',
  'sr.kind': 'Loại đơn',
  'sr.from': 'Từ ngày',
  'sr.to': 'Đến ngày',
  'sr.any': 'Tất cả',
  'sm.title': 'Có thể cùng một vụ việc',
  'sm.none': 'Chưa thấy vụ việc nào trùng',
  'sm.score': 'điểm {score}',
  'sm.restricted': 'Đã được {agency} tiếp nhận ngày {date} (mã {code}); không được xem nội dung',
  'sm.attach': 'Gắn vào vụ việc này',
  'sm.attached': 'Đơn sẽ được gắn vào vụ việc {code} (đơn trùng, không mở vụ việc mới)',
  'sm.link': 'Gắn là đơn trùng',
  'sm.handleHere': 'Vụ việc này giải quyết',
  'sm.handleThere': 'Vụ việc kia giải quyết',
  'sm.linked': 'Đã gắn',
  'sm.unlink': 'Bỏ gắn',
  'sm.done': 'Đã gắn đơn trùng: {closed} lưu đơn, {handling} giải quyết.',
  'sm.notice': 'Thông báo cho công dân',
};
type Key = keyof typeof vi;
/** The record types of searchRecords, in the order of the filter. */
export const RECORD_TYPES = ['case', 'visit', 'petition', 'dialogue', 'commitment', 'consultation'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
/** The statuses of a dialogue, commitment or consultation that have a label (state of a hit of that type). */
export function statusKey(recordType: string, state: string): Key | null {
  const key = `sr.status.${recordType}.${state}`;
  return key in vi ? (key as Key) : null;
}
const en: Record<Key, string> = {
  'sr.box': 'Search cases, petitions, dialogues, decisions…',
  'sr.title': 'Search',
  'sr.total': '{n} results',
  'sr.capped': 'More than {n} results — the {n} most recent are ranked; add words or a filter to narrow',
  'sr.none': 'Nothing found',
  'sr.hint': 'Diacritics optional. Search by case code, document number (12/QĐ-UBND), land parcel, street, sender name (never a denouncer’s); dialogues, commitments (by code DT-…, CK-… or text) and consultations. Every word must be in the record; the last may be unfinished.',
  'sr.type': 'Record',
  'sr.type.case': 'Case',
  'sr.type.visit': 'Visit',
  'sr.type.petition': 'Petition',
  'sr.type.dialogue': 'Dialogue',
  'sr.type.commitment': 'Commitment',
  'sr.type.consultation': 'Consultation',
  'sr.status.dialogue.planned': 'Planned',
  'sr.status.dialogue.noticed': 'Notice published',
  'sr.status.dialogue.held': 'Held',
  'sr.status.dialogue.concluded': 'Conclusion published',
  'sr.status.dialogue.cancelled': 'Cancelled',
  'sr.status.commitment.open': 'Not started',
  'sr.status.commitment.in-progress': 'In progress',
  'sr.status.commitment.done': 'Done',
  'sr.status.commitment.transferred': 'Transferred',
  'sr.status.commitment.declined': 'Declined (with reason)',
  'sr.status.consultation.draft': 'Not published',
  'sr.status.consultation.published': 'Published',
  'sr.kind': 'Kind',
  'sr.from': 'From',
  'sr.to': 'To',
  'sr.any': 'All',
  'sm.title': 'Possibly the same matter',
  'sm.none': 'No matching matter found',
  'sm.score': 'score {score}',
  'sm.restricted': 'Already received by {agency} on {date} (code {code}); content not visible to you',
  'sm.attach': 'Attach to this case',
  'sm.attached': 'The petition will be attached to case {code} (duplicate, no new case)',
  'sm.link': 'Link as duplicate',
  'sm.handleHere': 'This case handles it',
  'sm.handleThere': 'The other case handles it',
  'sm.linked': 'Linked',
  'sm.unlink': 'Unlink',
  'sm.done': 'Duplicate linked: {closed} archived, {handling} handles the matter.',
  'sm.notice': 'Notice to the citizen',
};
const REASONS_EN: Record<string, string> = {
  'same-decision': 'same decision number',
  'same-parcel': 'same land parcel',
  'same-address': 'same address',
  'same-accused': 'same accused',
  'same-text': 'text overlap',
  'same-person': 'same person',
};

export function useST() {
  const { mt, lang } = useModuleT(vi, en);
  const st: (key: Key, params?: Record<string, string | number>) => string = mt;
  /** The server's Vietnamese reasons, or their English words. */
  const reasons = useCallback((codes: readonly string[], viText: string) => (lang === 'en' ? codes.map((c) => REASONS_EN[c] ?? c).join(', ') : viText), [lang]);
  return { st, reasons, lang };
}

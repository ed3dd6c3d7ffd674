/** Messages of search and same-matter detection (issue 18), Vietnamese first; kept next to the feature. */
import { useCallback } from 'react';
import { useModuleT } from '../../i18n/i18n.tsx';

const vi = {
  'sr.box': 'Tìm vụ việc, đơn, số quyết định, thửa đất…',
  'sr.title': 'Tìm kiếm',
  'sr.total': '{n} kết quả',
  'sr.capped': 'Hơn {n} kết quả — hiển thị {n} kết quả khớp nhất trong số đó; thêm từ hoặc bộ lọc để thu hẹp',
  'sr.none': 'Không tìm thấy',
  'sr.hint': 'Không cần gõ dấu. Tìm theo mã hồ sơ, số văn bản (12/QĐ-UBND), thửa đất, đường phố, tên người gửi (không bao giờ tên người tố cáo). Mỗi từ phải có trong hồ sơ; từ cuối có thể gõ dở.',
  'sr.type': 'Loại hồ sơ',
  'sr.type.case': 'Vụ việc',
  'sr.type.visit': 'Lượt tiếp',
  'sr.type.petition': 'Đơn',
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
const en: Record<Key, string> = {
  'sr.box': 'Search cases, petitions, decision numbers, parcels…',
  'sr.title': 'Search',
  'sr.total': '{n} results',
  'sr.capped': 'More than {n} results — the best of the first {n} are shown; add words or a filter to narrow',
  'sr.none': 'Nothing found',
  'sr.hint': 'Diacritics optional. Search by case code, document number (12/QĐ-UBND), land parcel, street, sender name (never a denouncer’s). Every word must be in the record; the last may be unfinished.',
  'sr.type': 'Record',
  'sr.type.case': 'Case',
  'sr.type.visit': 'Visit',
  'sr.type.petition': 'Petition',
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

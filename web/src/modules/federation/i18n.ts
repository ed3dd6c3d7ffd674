/** Messages of the liên thông admin page (issue 16), Vietnamese first; kept next to the feature. */
import { useCallback } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

const vi = {
  'fd.nav': 'Liên thông',
  'fd.title': 'Liên thông giữa các hệ thống DânVận',
  'fd.instances': 'Danh bạ hệ thống',
  'fd.self': 'hệ thống này',
  'fd.id': 'Mã',
  'fd.name': 'Tên',
  'fd.url': 'Địa chỉ',
  'fd.codes': 'Cơ quan phục vụ',
  'fd.keys': 'Khóa',
  'fd.outgoing': 'Gói tin đã gửi',
  'fd.incoming': 'Gói tin đã nhận',
  'fd.type': 'Loại',
  'fd.peer': 'Hệ thống',
  'fd.doc': 'Văn bản',
  'fd.route': 'Từ → đến',
  'fd.status': 'Trạng thái',
  'fd.remote': 'Nơi nhận báo',
  'fd.acked': 'Xác nhận đã nhận',
  'fd.note': 'Ghi chú',
  'fd.deliver': 'Gửi ngay',
  'fd.delivered': 'Đã gửi {d}, trả lại {r}, chờ thử lại {w}.',
  'fd.none': 'Chưa có gói tin.',
  'fd.case': 'Hồ sơ',
  'fd.retry': 'Gửi lại',
  'fd.retried': 'Đã đưa gói tin {doc} vào hàng đợi gửi lại.',
} as const;

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  'fd.nav': 'Federation',
  'fd.title': 'Federation between DânVận instances',
  'fd.instances': 'Directory',
  'fd.self': 'this instance',
  'fd.id': 'Id',
  'fd.name': 'Name',
  'fd.url': 'Address',
  'fd.codes': 'Agencies served',
  'fd.keys': 'Keys',
  'fd.outgoing': 'Packages sent',
  'fd.incoming': 'Packages received',
  'fd.type': 'Type',
  'fd.peer': 'Instance',
  'fd.doc': 'Document',
  'fd.route': 'From → to',
  'fd.status': 'Status',
  'fd.remote': 'Receiver reports',
  'fd.acked': 'Acknowledged',
  'fd.note': 'Note',
  'fd.deliver': 'Deliver now',
  'fd.delivered': 'Delivered {d}, returned {r}, retrying {w}.',
  'fd.none': 'No packages yet.',
  'fd.case': 'Case',
  'fd.retry': 'Send again',
  'fd.retried': 'Package {doc} is queued to be sent again.',
};

export function useFD() {
  const { lang } = useI18n();
  const fd = useCallback(
    (key: Key, params: Record<string, string | number> = {}) => (lang === 'en' ? en[key] : vi[key]).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')),
    [lang],
  );
  return { fd, lang };
}

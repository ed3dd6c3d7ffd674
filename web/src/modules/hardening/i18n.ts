/** Messages of the public-answer preview (issue 13), Vietnamese first; local to the feature. */
import { useModuleT } from '../../i18n/i18n.tsx';

const vi = {
  'pa.preview': 'Xem trước nội dung công khai',
  'pa.previewTitle': 'Nội dung sẽ công khai (đã che thông tin cá nhân)',
  'pa.previewHelp': 'Các đoạn tô vàng có thể vẫn là tên người hoặc số giấy tờ: kiểm tra lại, sửa văn bản nếu cần, rồi xác nhận.',
  'pa.previewNone': 'Không còn đoạn nào có dạng tên người hoặc dãy số.',
  'pa.headConfirms': 'Nội dung giải quyết tố cáo: chỉ thủ trưởng xác nhận công khai.',
  'pa.confirm': 'Xác nhận công khai',
  'pa.cancel': 'Sửa lại',
} as const;

const en: Record<keyof typeof vi, string> = {
  'pa.preview': 'Preview the public text',
  'pa.previewTitle': 'Text to be published (personal data struck)',
  'pa.previewHelp': 'Highlighted parts may still be a name or an ID number: check them, edit the text if needed, then confirm.',
  'pa.previewNone': 'Nothing left that looks like a name or a number.',
  'pa.headConfirms': 'A denunciation answer: only the head confirms publishing it.',
  'pa.confirm': 'Confirm and publish',
  'pa.cancel': 'Edit again',
};

export type PaKey = keyof typeof vi;

export function usePaT(): (key: PaKey) => string {
  return useModuleT(vi, en).mt;
}

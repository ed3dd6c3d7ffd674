/** Messages of the import page (Vietnamese first, English second), kept next to the feature. */
import { useCallback } from 'react';
import { useModuleT } from '../../i18n/i18n.tsx';

const vi = {
  'imp.title': 'Chuyển dữ liệu từ Excel',
  'imp.intro': 'Tải lên sổ tiếp công dân hoặc danh sách vụ việc đang giải quyết của cơ quan (.xlsx, .xls hoặc .csv). DânVận tìm dòng tiêu đề, đề xuất ghép cột; kiểm tra cách ghép, xem trước rồi xác nhận nhập.',
  'imp.target': 'Loại dữ liệu',
  'imp.target.register': 'Sổ tiếp công dân (Mẫu 03/TCD)',
  'imp.target.cases': 'Vụ việc đang giải quyết',
  'imp.choose': 'Chọn tệp…',
  'imp.chosen': 'Tệp: {name}',
  'imp.uploading': 'Đang tải lên {percent}%',
  'imp.processing': 'Máy chủ đang đọc và kiểm tra từng dòng…',
  'imp.server.reading': 'Máy chủ đang đọc tệp…',
  'imp.server.checking': 'Đã kiểm tra {done}/{total} dòng',
  'imp.server.writing': 'Đã ghi {done}/{total} dòng',
  'imp.server.done': 'Xong {total} dòng',
  'imp.server.failed': 'Dừng lại: xem thông báo bên dưới',
  'imp.header': 'Dòng tiêu đề: {rows}; dữ liệu từ dòng {first}',
  'imp.source.proposal': 'Cách ghép cột do DânVận đề xuất: hãy kiểm tra từng cột.',
  'imp.source.template': 'Dùng cách ghép cột đã lưu của cơ quan cho tiêu đề này.',
  'imp.source.request': 'Cách ghép cột bạn đã chọn.',
  'imp.mapping': 'Ghép cột',
  'imp.col.letter': 'Cột',
  'imp.col.header': 'Tiêu đề trong tệp',
  'imp.col.field': 'Trường của DânVận',
  'imp.col.confidence': 'Độ chắc',
  'imp.apply': 'Xem trước với cách ghép này',
  'imp.saveTemplate': 'Lưu làm mẫu của cơ quan',
  'imp.templateSaved': 'Đã lưu cách ghép cột làm mẫu của cơ quan.',
  'imp.preview': 'Xem trước {count} dòng đầu',
  'imp.check': '{total} dòng: {valid} hợp lệ, {invalid} dòng lỗi',
  'imp.errors': 'Dòng lỗi',
  'imp.warnings': 'Lưu ý',
  'imp.row': 'Dòng',
  'imp.column': 'Cột',
  'imp.reason': 'Lý do',
  'imp.errorFile': 'Tải tệp lỗi (.csv)',
  'imp.mode.all': 'Tất cả hoặc không gì (có dòng lỗi thì không ghi)',
  'imp.mode.valid-only': 'Chỉ ghi các dòng hợp lệ',
  'imp.confirm': 'Xác nhận nhập',
  'imp.done': 'Đã nhập {count} dòng.',
  'imp.rejected': 'Có {count} dòng lỗi: chưa ghi dòng nào.',
  'imp.undo': 'Hủy lần nhập này',
  'imp.undone': 'Đã hủy lần nhập: xóa {count} bản ghi.',
  'imp.again': 'Nhập tệp khác',
  'imp.kind': 'Loại',
  'imp.state': 'Trạng thái',
  'imp.received': 'Ngày nhận',
  'imp.due': 'Hạn giải quyết',
  'imp.overdue': 'Quá hạn',
  'imp.legacy': 'Tệp gõ bằng bảng mã cũ ({encoding}) đã được chuyển sang Unicode: hãy kiểm tra phần xem trước.',
} as const;

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  'imp.title': 'Move data in from Excel',
  'imp.intro': 'Upload the agency’s reception register or its list of open cases (.xlsx, .xls or .csv). DânVận finds the header and proposes a column mapping; check it, preview, then confirm.',
  'imp.target': 'Data',
  'imp.target.register': 'Reception register (form 03/TCD)',
  'imp.target.cases': 'Open cases',
  'imp.choose': 'Choose file…',
  'imp.chosen': 'File: {name}',
  'imp.uploading': 'Uploading {percent}%',
  'imp.processing': 'The server is reading and checking every row…',
  'imp.server.reading': 'The server is reading the file…',
  'imp.server.checking': 'Checked {done}/{total} rows',
  'imp.server.writing': 'Written {done}/{total} rows',
  'imp.server.done': 'Done: {total} rows',
  'imp.server.failed': 'Stopped: see the message below',
  'imp.header': 'Header rows: {rows}; data from row {first}',
  'imp.source.proposal': 'Mapping proposed by DânVận: check every column.',
  'imp.source.template': 'Using the agency’s saved mapping for this header.',
  'imp.source.request': 'The mapping you chose.',
  'imp.mapping': 'Column mapping',
  'imp.col.letter': 'Column',
  'imp.col.header': 'Header in the file',
  'imp.col.field': 'DânVận field',
  'imp.col.confidence': 'Confidence',
  'imp.apply': 'Preview with this mapping',
  'imp.saveTemplate': 'Save as the agency’s template',
  'imp.templateSaved': 'The mapping was saved as the agency’s template.',
  'imp.preview': 'Preview of the first {count} rows',
  'imp.check': '{total} rows: {valid} valid, {invalid} with errors',
  'imp.errors': 'Rows with errors',
  'imp.warnings': 'Notes',
  'imp.row': 'Row',
  'imp.column': 'Column',
  'imp.reason': 'Reason',
  'imp.errorFile': 'Download the error file (.csv)',
  'imp.mode.all': 'All or nothing (nothing written if a row is bad)',
  'imp.mode.valid-only': 'Valid rows only',
  'imp.confirm': 'Confirm import',
  'imp.done': '{count} rows imported.',
  'imp.rejected': '{count} rows have errors: nothing was written.',
  'imp.undo': 'Undo this import',
  'imp.undone': 'Import undone: {count} records removed.',
  'imp.again': 'Import another file',
  'imp.kind': 'Kind',
  'imp.state': 'State',
  'imp.received': 'Received',
  'imp.due': 'Deadline',
  'imp.overdue': 'Overdue',
  'imp.legacy': 'The file was typed in a legacy encoding ({encoding}) and converted to Unicode: check the preview.',
};

export type ImportT = (key: Key, params?: Record<string, string | number>) => string;

export function useIT(): { it: ImportT; lang: string } {
  const { mt, lang } = useModuleT(vi, en);
  const it = useCallback<ImportT>((key, params) => {
    if (!params) return mt(key);
    // Counts read as 50.000 in Vietnamese, 50,000 in English.
    const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN') : v]));
    return mt(key, shown);
  }, [mt, lang]);
  return { it, lang };
}

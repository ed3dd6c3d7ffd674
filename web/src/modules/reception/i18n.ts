/**
 * Messages of the reception section (tiếp công dân), Vietnamese first. They live next to the feature rather than in
 * the shared catalogs; `useRT()` looks here first, then in the app catalog, so a page can use both kinds of key.
 * Legal texts (refusal grounds, register headers, compliance flags) come from @danvan/domain in Vietnamese and from
 * the English maps below.
 */
import { useCallback } from 'react';
import { REFUSAL_GROUNDS } from '@danvan/domain/reception/visits';
import type { RefusalGroundCode } from '@danvan/domain/reception/visits';
import { REGISTER_COLUMNS } from '@danvan/domain/reception/register';
import type { RegisterColumnKey } from '@danvan/domain/reception/register';
import { COMPLIANCE_FLAG_LABELS } from '@danvan/domain/reception/compliance';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Lang, MessageKey } from '../../i18n/i18n.tsx';

const vi = {
  'rc.section': 'Tiếp công dân',
  'rc.tabs': 'Các trang tiếp công dân',
  'rc.tab.desk': 'Bàn tiếp hôm nay',
  'rc.tab.record': 'Ghi nhận theo ngày',
  'rc.tab.register': 'Sổ tiếp công dân',
  'rc.tab.compliance': 'Thủ trưởng tiếp định kỳ',

  'rc.kind.regular': 'Tiếp công dân thường xuyên',
  'rc.kind.head': 'Thủ trưởng tiếp công dân định kỳ',
  'rc.kind.unscheduled': 'Tiếp công dân đột xuất',
  'rc.kind.online': 'Tiếp công dân trực tuyến',
  'rc.status.scheduled': 'Đang mở',
  'rc.status.closed': 'Đã kết thúc',
  'rc.status.cancelled': 'Đã hủy',
  'rc.booking.booked': 'Đã đặt lịch',
  'rc.booking.arrived': 'Đã đến',
  'rc.booking.no-show': 'Không đến',
  'rc.booking.cancelled': 'Đã hủy',
  'rc.outcome.petition-received': 'Tiếp nhận đơn, vụ việc',
  'rc.outcome.guided': 'Hướng dẫn công dân',
  'rc.outcome.forwarded': 'Chuyển đơn đến cơ quan có thẩm quyền',
  'rc.outcome.refused': 'Từ chối tiếp công dân',
  'rc.idType.personal-id': 'Số định danh cá nhân / CCCD',
  'rc.idType.passport': 'Hộ chiếu',
  'rc.yes': 'Có',
  'rc.no': 'Không',

  'rc.desk.title': 'Bàn tiếp công dân',
  'rc.desk.today': '{agency} · hôm nay {date}',
  'rc.desk.noSession': 'Hôm nay chưa mở buổi tiếp công dân thường xuyên.',
  'rc.desk.noSessionHelp': 'Mở buổi tiếp để ghi nhận lượt tiếp và xem lịch hẹn của công dân trong ngày.',
  'rc.desk.open': 'Mở buổi tiếp hôm nay',
  'rc.desk.openAnother': 'Mở buổi tiếp thường xuyên mới',
  'rc.desk.opened': 'Đã mở buổi tiếp hôm nay.',
  'rc.desk.resumed': 'Buổi tiếp hôm nay đang mở: tiếp tục ghi nhận.',
  'rc.desk.sessions': 'Buổi tiếp hôm nay',
  'rc.desk.choose': 'Chọn buổi tiếp',
  'rc.desk.counts': '{visits} lượt tiếp · {people} người · {bookings} lịch hẹn',
  'rc.desk.figures': 'Đã tiếp',
  'rc.desk.host': 'Người chủ trì: {name}',
  'rc.desk.deputy': 'Người tiếp thay: {name}',
  'rc.desk.time': 'Thời gian: {time}',
  'rc.desk.location': 'Địa điểm: {location}',
  'rc.desk.record': 'Ghi nhận lượt tiếp',
  'rc.desk.close': 'Kết thúc buổi tiếp',
  'rc.desk.closeTitle': 'Kết thúc buổi tiếp?',
  'rc.desk.closeBody': 'Sau khi kết thúc, không ghi thêm lượt tiếp vào buổi này.',
  'rc.desk.closeDone': 'Đã kết thúc buổi tiếp.',
  'rc.desk.closedNote': 'Buổi tiếp đã kết thúc: chỉ xem, không ghi thêm lượt tiếp.',
  'rc.desk.viewOnly': 'Bạn chỉ có quyền xem tiếp công dân tại cơ quan này.',

  'rc.bookings.title': 'Lịch hẹn của buổi tiếp',
  'rc.bookings.empty': 'Không có lịch hẹn nào',
  'rc.bookings.queue': 'Số thứ tự',
  'rc.bookings.code': 'Mã đặt lịch',
  'rc.bookings.name': 'Họ và tên',
  'rc.bookings.phone': 'Số điện thoại',
  'rc.bookings.content': 'Nội dung',
  'rc.bookings.status': 'Trạng thái',
  'rc.bookings.actions': 'Thao tác',
  'rc.bookings.receive': 'Tiếp',
  'rc.bookings.arrived': 'Đã đến',
  'rc.bookings.noShow': 'Không đến',
  'rc.bookings.updated': 'Đã cập nhật lịch hẹn số {queue}.',

  'rc.visits.title': 'Lượt tiếp trong buổi',
  'rc.visits.empty': 'Chưa ghi nhận lượt tiếp nào trong buổi này',
  'rc.visits.no': 'STT',
  'rc.visits.citizen': 'Công dân',
  'rc.visits.sealed': 'Người tố cáo (giữ bí mật)',
  'rc.visits.type': 'Loại đơn',
  'rc.visits.content': 'Nội dung',
  'rc.visits.people': 'Số người',
  'rc.visits.outcome': 'Kết quả tiếp',
  'rc.visits.case': 'Vụ việc',
  'rc.visits.receipt': 'Phiếu tiếp nhận',
  'rc.visits.print': 'In phiếu',
  'rc.visits.delegation': 'Đoàn đông người',
  'rc.visits.repeat': 'Tiếp lần sau',
  'rc.visits.first': 'Lần đầu',
  'rc.visits.total': 'Tổng số: {visits} lượt tiếp, {people} người',

  'rc.visit.session': 'Buổi tiếp',
  'rc.visit.sessionLine': '{kind}, ngày {date}',
  'rc.visit.sessionClosed': 'Buổi tiếp này không còn mở: không ghi thêm lượt tiếp được.',
  'rc.visit.noSession': 'Không tìm thấy buổi tiếp hoặc bạn không có quyền xem.',
  'rc.visit.backToDesk': 'Về bàn tiếp',
  'rc.visit.fromBooking': 'Công dân đến theo lịch hẹn {code} (số thứ tự {queue}); khi ghi nhận, lịch hẹn được đánh dấu «Đã đến».',
  'rc.visit.citizen': 'Công dân',
  'rc.visit.matter': 'Vụ việc công dân trình bày',
  'rc.visit.idType': 'Loại giấy tờ',
  'rc.visit.idNumber': 'Số giấy tờ',
  'rc.visit.idHelp.personal-id': '12 chữ số',
  'rc.visit.idHelp.passport': '6–20 chữ cái hoặc chữ số',
  'rc.visit.passportInvalid': 'Số hộ chiếu gồm 6–20 chữ cái hoặc chữ số',
  'rc.visit.priorAgencies': 'Cơ quan đã giải quyết',
  'rc.visit.priorAgenciesHelp': 'Nếu vụ việc đã được cơ quan khác tiếp nhận, giải quyết: ghi tên cơ quan và kết quả',
  'rc.visit.outcome': 'Kết quả tiếp',
  'rc.visit.opensCase': 'Mở vụ việc mới; hạn thông báo kết quả xử lý cho công dân là 10 ngày làm việc ({citation}).',
  'rc.visit.guidanceDocNo': 'Số văn bản hướng dẫn',
  'rc.visit.guidanceTo': 'Hướng dẫn đến cơ quan',
  'rc.visit.transferAgency': 'Cơ quan nhận đơn chuyển',
  'rc.visit.transferDocNo': 'Số văn bản chuyển đơn',
  'rc.visit.refusalGround': 'Căn cứ từ chối tiếp',
  'rc.visit.refusalChoose': 'Chọn căn cứ pháp lý',
  'rc.visit.refusalCitation': 'Căn cứ: {citation}',
  'rc.visit.notes': 'Ghi chú',
  'rc.visit.waiver': 'Người tố cáo đồng ý không giữ bí mật danh tính (bắt buộc khi tố cáo trong buổi tiếp trực tuyến)',
  'rc.visit.sealedNote': 'Tố cáo: danh tính người tố cáo được niêm phong cùng vụ việc, không hiện trong sổ và danh sách (Điều 47 Luật Tố cáo).',
  'rc.visit.submit': 'Ghi nhận lượt tiếp',
  'rc.visit.saved': 'Đã ghi nhận lượt tiếp.',
  'rc.visit.savedCase': 'Mã vụ việc:',
  'rc.visit.savedRepeat': 'Lượt tiếp lại, gắn vào vụ việc:',
  'rc.visit.savedNoCase': 'Kết quả: {outcome}. Không mở vụ việc.',
  'rc.visit.noticeDue': 'Hạn thông báo kết quả xử lý cho công dân: {date}.',
  'rc.visit.print': 'In phiếu tiếp nhận',
  'rc.visit.another': 'Ghi lượt tiếp khác',
  'rc.visit.choose': 'Vui lòng chọn {field}',

  'rc.lookup.title': 'Các lượt tiếp trước của người này',
  'rc.lookup.searching': 'Đang tìm các lượt tiếp trước…',
  'rc.lookup.none': 'Chưa có lượt tiếp nào trước đây với số giấy tờ này.',
  'rc.lookup.visits': '{count} lượt tiếp, gần nhất ngày {date}',
  'rc.lookup.noCase': 'Các lượt tiếp không gắn vụ việc: {count}',
  'rc.lookup.link': 'Gắn vào vụ việc này',
  'rc.lookup.linked': 'Lượt tiếp này sẽ được gắn vào vụ việc {code} (lượt tiếp lại), không mở vụ việc mới.',
  'rc.lookup.unlink': 'Bỏ gắn',

  'rc.deleg.title': 'Đoàn đông người',
  'rc.deleg.general': 'Từ {min} người cùng nội dung là đoàn đông người: 5–10 người cử 1–2 người đại diện; trên 10 người cử không quá 5 người đại diện ({citation}).',
  'rc.deleg.rule': 'Đoàn {people} người: cử từ {min} đến {max} người đại diện ({citation}).',
  'rc.deleg.citizenIsRep': 'Công dân đứng tên ở trên là một người đại diện',
  'rc.deleg.others': 'Người đại diện khác',
  'rc.deleg.rep': 'Người đại diện {n}',
  'rc.deleg.add': 'Thêm người đại diện',
  'rc.deleg.remove': 'Xóa người đại diện {n}',
  'rc.deleg.count': 'Số người đại diện: {count} (được cử {min}–{max})',
  'rc.deleg.countError': 'Đoàn {people} người phải cử từ {min} đến {max} người đại diện; hiện có {count}.',

  'rc.docs.title': 'Tài liệu, bằng chứng công dân nộp',
  'rc.docs.help': 'In trên phiếu tiếp nhận (Mẫu 02/TCD). Để trống nếu công dân chỉ trình bày.',
  'rc.docs.name': 'Tên tài liệu {n}',
  'rc.docs.pages': 'Số trang',
  'rc.docs.original': 'Bản gốc',
  'rc.docs.add': 'Thêm tài liệu',
  'rc.docs.remove': 'Xóa tài liệu {n}',

  'rc.reg.title': 'Sổ tiếp công dân',
  'rc.reg.form': 'Mẫu 03/TCD',
  'rc.reg.range': 'Khoảng ngày',
  'rc.reg.from': 'Từ ngày',
  'rc.reg.to': 'Đến ngày',
  'rc.reg.export': 'Xuất Excel',
  'rc.reg.exported': 'Đã tải xuống {file} ({rows} dòng).',
  'rc.reg.import': 'Nhập từ Excel',
  'rc.reg.scope': '{agency}, từ ngày {from} đến ngày {to}',
  'rc.reg.total': 'Tổng số: {count} lượt tiếp',
  'rc.reg.empty': 'Không có lượt tiếp nào trong khoảng ngày này',

  'rc.imp.title': 'Nhập sổ tiếp công dân từ Excel',
  'rc.imp.intro': 'Tệp .xlsx theo Mẫu 03/TCD với đủ 13 cột (như tệp «Xuất Excel»). Mọi dòng được kiểm tra trước; chưa ghi gì vào sổ cho đến khi bạn chọn nhập.',
  'rc.imp.file': 'Tệp Excel',
  'rc.imp.choose': 'Chọn tệp .xlsx',
  'rc.imp.chosen': '{name} ({size})',
  'rc.imp.notXlsx': 'Chỉ nhận tệp Excel .xlsx',
  'rc.imp.check': 'Kiểm tra tệp',
  'rc.imp.uploading': 'Đang tải tệp lên…',
  'rc.imp.checking': 'Máy chủ đang kiểm tra từng dòng…',
  'rc.imp.writing': 'Đang ghi vào sổ…',
  'rc.imp.progress': 'Tiến độ',
  'rc.imp.summary': '{total} dòng: {valid} hợp lệ, {invalid} có lỗi',
  'rc.imp.allValid': 'Tất cả {total} dòng đều hợp lệ.',
  'rc.imp.errors': 'Lỗi theo từng dòng',
  'rc.imp.warnings': 'Lưu ý',
  'rc.imp.row': 'Dòng',
  'rc.imp.column': 'Cột',
  'rc.imp.message': 'Nội dung lỗi',
  'rc.imp.importAll': 'Nhập tất cả ({count} dòng)',
  'rc.imp.importValid': 'Chỉ nhập các dòng hợp lệ ({count} dòng)',
  'rc.imp.allBlocked': 'Có dòng lỗi: sửa tệp rồi kiểm tra lại, hoặc chỉ nhập các dòng hợp lệ.',
  'rc.imp.done': 'Đã nhập {count} dòng vào sổ tiếp công dân.',
  'rc.imp.rejected': 'Tệp có {count} dòng lỗi; chưa ghi dòng nào vào sổ.',
  'rc.imp.again': 'Chọn tệp khác',

  'rc.cmp.title': 'Thủ trưởng tiếp công dân định kỳ',
  'rc.cmp.periodKind': 'Loại kỳ',
  'rc.cmp.month': 'Tháng',
  'rc.cmp.quarter': 'Quý',
  'rc.cmp.year': 'Năm',
  'rc.cmp.period': 'Kỳ',
  'rc.cmp.flaggedOnly': 'Chỉ hiện cơ quan chưa đạt hoặc có cảnh báo',
  'rc.cmp.scope': '{agency}, từ ngày {from} đến ngày {to}',
  'rc.cmp.summary': '{total} cơ quan · {flagged} cơ quan có cảnh báo',
  'rc.cmp.agency': 'Cơ quan',
  'rc.cmp.holder': 'Người phải tiếp',
  'rc.cmp.requirement': 'Mức tối thiểu',
  'rc.cmp.required': 'Số ngày phải tiếp',
  'rc.cmp.inPerson': 'Trực tiếp tiếp',
  'rc.cmp.delegated': 'Cấp phó tiếp thay',
  'rc.cmp.counted': 'Số ngày được tính',
  'rc.cmp.result': 'Kết quả',
  'rc.cmp.ok': 'Đạt',
  'rc.cmp.below': 'Chưa đạt',
  'rc.cmp.missed': 'Tuần/tháng chưa tiếp',
  'rc.cmp.days': 'Ngày đã tiếp',
  'rc.cmp.deputyDay': '{date} (cấp phó)',
  'rc.cmp.rule': 'Cách tính: {rule}',
  'rc.cmp.ban': 'Từ ngày {date} không được ủy quyền cấp phó tiếp thay ({citation}): các ngày cấp phó tiếp thay từ ngày này được ghi nhận, bị cảnh báo và không được tính.',
  'rc.cmp.empty': 'Không có cơ quan nào',
  'rc.cmp.range': '{from}–{to}',
} as const;

export type ReceptionKey = keyof typeof vi;

const en: Record<ReceptionKey, string> = {
  'rc.section': 'Citizen reception',
  'rc.tabs': 'Citizen reception pages',
  'rc.tab.desk': "Today's desk",
  'rc.tab.record': 'Record by date',
  'rc.tab.register': 'Reception register',
  'rc.tab.compliance': "Head's reception days",

  'rc.kind.regular': 'Regular reception',
  'rc.kind.head': "Head's periodic reception",
  'rc.kind.unscheduled': 'Unscheduled reception',
  'rc.kind.online': 'Online reception',
  'rc.status.scheduled': 'Open',
  'rc.status.closed': 'Closed',
  'rc.status.cancelled': 'Cancelled',
  'rc.booking.booked': 'Booked',
  'rc.booking.arrived': 'Arrived',
  'rc.booking.no-show': 'No-show',
  'rc.booking.cancelled': 'Cancelled',
  'rc.outcome.petition-received': 'Petition received',
  'rc.outcome.guided': 'Citizen guided',
  'rc.outcome.forwarded': 'Forwarded to the competent agency',
  'rc.outcome.refused': 'Reception refused',
  'rc.idType.personal-id': 'Personal ID / citizen ID card',
  'rc.idType.passport': 'Passport',
  'rc.yes': 'Yes',
  'rc.no': 'No',

  'rc.desk.title': 'Reception desk',
  'rc.desk.today': '{agency} · today {date}',
  'rc.desk.noSession': "Today's regular reception session is not open yet.",
  'rc.desk.noSessionHelp': "Open the session to record visits and see today's bookings.",
  'rc.desk.open': "Open today's session",
  'rc.desk.openAnother': 'Open a new regular session',
  'rc.desk.opened': "Today's session is open.",
  'rc.desk.resumed': "Today's session was already open: carry on.",
  'rc.desk.sessions': "Today's sessions",
  'rc.desk.choose': 'Choose a session',
  'rc.desk.counts': '{visits} visits · {people} people · {bookings} bookings',
  'rc.desk.figures': 'So far',
  'rc.desk.host': 'Held by: {name}',
  'rc.desk.deputy': 'Deputy holding it: {name}',
  'rc.desk.time': 'Time: {time}',
  'rc.desk.location': 'Place: {location}',
  'rc.desk.record': 'Record a visit',
  'rc.desk.close': 'Close the session',
  'rc.desk.closeTitle': 'Close the session?',
  'rc.desk.closeBody': 'Once closed, no more visits can be recorded in it.',
  'rc.desk.closeDone': 'The session is closed.',
  'rc.desk.closedNote': 'The session is over: read only.',
  'rc.desk.viewOnly': 'You may only view citizen reception at this agency.',

  'rc.bookings.title': 'Bookings for the session',
  'rc.bookings.empty': 'No bookings',
  'rc.bookings.queue': 'Queue no.',
  'rc.bookings.code': 'Booking code',
  'rc.bookings.name': 'Full name',
  'rc.bookings.phone': 'Phone',
  'rc.bookings.content': 'Content',
  'rc.bookings.status': 'Status',
  'rc.bookings.actions': 'Actions',
  'rc.bookings.receive': 'Receive',
  'rc.bookings.arrived': 'Arrived',
  'rc.bookings.noShow': 'No-show',
  'rc.bookings.updated': 'Booking no. {queue} updated.',

  'rc.visits.title': 'Visits in the session',
  'rc.visits.empty': 'No visits recorded in this session yet',
  'rc.visits.no': 'No.',
  'rc.visits.citizen': 'Citizen',
  'rc.visits.sealed': 'Denouncer (confidential)',
  'rc.visits.type': 'Type',
  'rc.visits.content': 'Content',
  'rc.visits.people': 'People',
  'rc.visits.outcome': 'Outcome',
  'rc.visits.case': 'Case',
  'rc.visits.receipt': 'Receipt',
  'rc.visits.print': 'Print',
  'rc.visits.delegation': 'Delegation',
  'rc.visits.repeat': 'Repeat',
  'rc.visits.first': 'First time',
  'rc.visits.total': 'Total: {visits} visits, {people} people',

  'rc.visit.session': 'Session',
  'rc.visit.sessionLine': '{kind}, {date}',
  'rc.visit.sessionClosed': 'This session is no longer open: no more visits can be recorded.',
  'rc.visit.noSession': 'Session not found, or you may not view it.',
  'rc.visit.backToDesk': 'Back to the desk',
  'rc.visit.fromBooking': 'The citizen came with booking {code} (queue no. {queue}); recording the visit marks it "Arrived".',
  'rc.visit.citizen': 'Citizen',
  'rc.visit.matter': 'The matter presented',
  'rc.visit.idType': 'ID document',
  'rc.visit.idNumber': 'Document number',
  'rc.visit.idHelp.personal-id': '12 digits',
  'rc.visit.idHelp.passport': '6–20 letters or digits',
  'rc.visit.passportInvalid': 'A passport number has 6–20 letters or digits',
  'rc.visit.priorAgencies': 'Agencies that already handled it',
  'rc.visit.priorAgenciesHelp': 'If another agency already received or settled the matter: its name and the result',
  'rc.visit.outcome': 'Outcome',
  'rc.visit.opensCase': 'Opens a new case; the citizen must be told the outcome within 10 working days ({citation}).',
  'rc.visit.guidanceDocNo': 'Guidance document no.',
  'rc.visit.guidanceTo': 'Guided to (agency)',
  'rc.visit.transferAgency': 'Agency the petition is forwarded to',
  'rc.visit.transferDocNo': 'Transfer document no.',
  'rc.visit.refusalGround': 'Legal ground for refusing',
  'rc.visit.refusalChoose': 'Choose the legal ground',
  'rc.visit.refusalCitation': 'Basis: {citation}',
  'rc.visit.notes': 'Notes',
  'rc.visit.waiver': 'The denouncer agrees to waive identity protection (required for a denunciation in an online session)',
  'rc.visit.sealedNote': "Denunciation: the denouncer's identity is sealed with the case and never shown in the register or lists (Law on Denunciations Art. 47).",
  'rc.visit.submit': 'Record the visit',
  'rc.visit.saved': 'The visit is recorded.',
  'rc.visit.savedCase': 'Case code:',
  'rc.visit.savedRepeat': 'Repeat visit, linked to case:',
  'rc.visit.savedNoCase': 'Outcome: {outcome}. No case was opened.',
  'rc.visit.noticeDue': 'The citizen must be told the outcome by {date}.',
  'rc.visit.print': 'Print the receipt',
  'rc.visit.another': 'Record another visit',
  'rc.visit.choose': 'Please choose {field}',

  'rc.lookup.title': 'Earlier visits of this person',
  'rc.lookup.searching': 'Looking for earlier visits…',
  'rc.lookup.none': 'No earlier visit with this document number.',
  'rc.lookup.visits': '{count} visits, last on {date}',
  'rc.lookup.noCase': 'Visits linked to no case: {count}',
  'rc.lookup.link': 'Link to this case',
  'rc.lookup.linked': 'This visit will be linked to case {code} (a repeat visit); no new case is opened.',
  'rc.lookup.unlink': 'Unlink',

  'rc.deleg.title': 'Delegation',
  'rc.deleg.general': '{min} or more people with the same content form a delegation: 5–10 people name 1–2 representatives; more than 10 people name at most 5 ({citation}).',
  'rc.deleg.rule': 'A delegation of {people}: {min} to {max} representatives ({citation}).',
  'rc.deleg.citizenIsRep': 'The citizen named above is one of the representatives',
  'rc.deleg.others': 'Other representatives',
  'rc.deleg.rep': 'Representative {n}',
  'rc.deleg.add': 'Add a representative',
  'rc.deleg.remove': 'Remove representative {n}',
  'rc.deleg.count': 'Representatives: {count} (allowed {min}–{max})',
  'rc.deleg.countError': 'A delegation of {people} must name {min} to {max} representatives; it has {count}.',

  'rc.docs.title': 'Documents and evidence handed in',
  'rc.docs.help': 'Printed on the receipt (form 02/TCD). Leave empty when the citizen only spoke.',
  'rc.docs.name': 'Document {n}',
  'rc.docs.pages': 'Pages',
  'rc.docs.original': 'Original',
  'rc.docs.add': 'Add a document',
  'rc.docs.remove': 'Remove document {n}',

  'rc.reg.title': 'Reception register',
  'rc.reg.form': 'Form 03/TCD',
  'rc.reg.range': 'Dates',
  'rc.reg.from': 'From',
  'rc.reg.to': 'To',
  'rc.reg.export': 'Export to Excel',
  'rc.reg.exported': 'Downloaded {file} ({rows} rows).',
  'rc.reg.import': 'Import from Excel',
  'rc.reg.scope': '{agency}, from {from} to {to}',
  'rc.reg.total': 'Total: {count} visits',
  'rc.reg.empty': 'No visits in these dates',

  'rc.imp.title': 'Import the reception register from Excel',
  'rc.imp.intro': 'An .xlsx file in form 03/TCD with the 13 columns (as "Export to Excel" writes it). Every row is checked first; nothing is written until you choose to import.',
  'rc.imp.file': 'Excel file',
  'rc.imp.choose': 'Choose an .xlsx file',
  'rc.imp.chosen': '{name} ({size})',
  'rc.imp.notXlsx': 'Only Excel .xlsx files',
  'rc.imp.check': 'Check the file',
  'rc.imp.uploading': 'Uploading the file…',
  'rc.imp.checking': 'The server is checking every row…',
  'rc.imp.writing': 'Writing to the register…',
  'rc.imp.progress': 'Progress',
  'rc.imp.summary': '{total} rows: {valid} valid, {invalid} with errors',
  'rc.imp.allValid': 'All {total} rows are valid.',
  'rc.imp.errors': 'Errors, row by row',
  'rc.imp.warnings': 'Warnings',
  'rc.imp.row': 'Row',
  'rc.imp.column': 'Column',
  'rc.imp.message': 'Error',
  'rc.imp.importAll': 'Import all ({count} rows)',
  'rc.imp.importValid': 'Import valid rows only ({count} rows)',
  'rc.imp.allBlocked': 'Some rows have errors: fix the file and check it again, or import the valid rows only.',
  'rc.imp.done': '{count} rows imported into the register.',
  'rc.imp.rejected': '{count} rows have errors; nothing was written.',
  'rc.imp.again': 'Choose another file',

  'rc.cmp.title': "Heads' periodic reception",
  'rc.cmp.periodKind': 'Period type',
  'rc.cmp.month': 'Month',
  'rc.cmp.quarter': 'Quarter',
  'rc.cmp.year': 'Year',
  'rc.cmp.period': 'Period',
  'rc.cmp.flaggedOnly': 'Only agencies below the minimum or flagged',
  'rc.cmp.scope': '{agency}, from {from} to {to}',
  'rc.cmp.summary': '{total} agencies · {flagged} flagged',
  'rc.cmp.agency': 'Agency',
  'rc.cmp.holder': 'Who must receive',
  'rc.cmp.requirement': 'Minimum',
  'rc.cmp.required': 'Days required',
  'rc.cmp.inPerson': 'In person',
  'rc.cmp.delegated': 'By a deputy',
  'rc.cmp.counted': 'Days counted',
  'rc.cmp.result': 'Result',
  'rc.cmp.ok': 'Met',
  'rc.cmp.below': 'Below minimum',
  'rc.cmp.missed': 'Weeks/months missed',
  'rc.cmp.days': 'Days held',
  'rc.cmp.deputyDay': '{date} (deputy)',
  'rc.cmp.rule': 'How it is counted: {rule}',
  'rc.cmp.ban': 'From {date} the head may not delegate the reception to a deputy ({citation}): deputy days from then on are recorded, flagged and not counted.',
  'rc.cmp.empty': 'No agencies',
  'rc.cmp.range': '{from}–{to}',
};

const EN_REFUSAL: Record<RefusalGroundCode, string> = {
  incapacitated: 'Intoxicated, or with a mental or other illness that takes away the ability to understand or control their acts',
  'threats-or-insults': 'Threatens or insults the agency, the receiving officer or officials on duty, or breaks the reception rules',
  'already-settled': 'The matter was settled lawfully, reviewed and answered in writing, the citizen was received and guided, yet keeps petitioning',
  weapons: 'Carries weapons, explosives, support tools or dangerous objects',
  'refuses-security-check': 'Refuses the security check at the reception place',
  'recording-forbidden': 'Records audio or video after being asked not to',
  'inciting-disorder': 'Incites or draws others into disorder at the reception place',
  'no-capacity-no-representative': 'Lacks full civil capacity and has no lawful representative',
  'not-a-petition': 'What is presented is not a complaint, denunciation, petition or feedback',
  'repeat-nothing-new': 'Already received, guided and answered, with nothing new',
  'final-court-judgment': 'A court judgment or decision in force already covers the matter',
  'handled-by-competent-body': 'Another competent agency has accepted and is settling the matter',
};

const EN_REFUSAL_NOTICE = 'Written notice (form 01/TCD) within 3 working days';

const EN_COLUMNS: Record<RegisterColumnKey, string> = {
  no: 'No.',
  date: 'Date received',
  nameAddress: 'Name, address',
  idNumber: 'ID / passport no.',
  content: 'Content of the matter',
  type: 'Type (KN/TC/KN-PA)',
  people: 'People with the same content',
  priorAgencies: 'Agencies that already handled it',
  withinJurisdiction: 'Within jurisdiction',
  guidance: 'Guidance (document no.)',
  transfer: 'Receiving agency (transfer document no.)',
  followUp: 'Follow-up of the result',
  notes: 'Notes',
};

const EN_FLAGS: Record<string, string> = {
  'below-minimum': 'Fewer reception days than the legal minimum',
  delegated: 'Some days were held by a deputy',
  'delegated-after-ban': 'Delegated to a deputy after 01/07/2026 (not allowed by Law 136/2025/QH15)',
};

const EN_HOLDER: Record<string, string> = {
  commune: 'Chair of the commune People’s Committee',
  province: 'Chair of the province People’s Committee',
  ministry: 'Head of the agency',
  department: 'Head of the agency',
};

const EN_REQUIREMENT: Record<string, string> = {
  weekly: 'at least 1 day a week',
  monthly: 'at least 1 day a month',
};

export type ReceptionT = (key: ReceptionKey | MessageKey, params?: Record<string, string | number>) => string;

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

function isReceptionKey(key: string): key is ReceptionKey {
  return Object.hasOwn(vi, key);
}

/** The reception catalog in the current language, falling back to the app catalog for shared keys. */
export function useRT(): { rt: ReceptionT; lang: Lang } {
  const { lang, t } = useI18n();
  const rt = useCallback<ReceptionT>(
    (key, params) => (isReceptionKey(key) ? fill((lang === 'en' ? en : vi)[key], params) : t(key, params)),
    [lang, t],
  );
  return { rt, lang };
}

/** A label for `prefix.code` from the reception catalog, else the fallback (the server's label), else the code. */
export function codeLabel(rt: ReceptionT, prefix: string, code: string, fallback?: string): string {
  const key = `${prefix}.${code}`;
  return isReceptionKey(key) ? rt(key) : (fallback ?? code);
}

export function refusalText(lang: Lang, code: string): { label: string; citation: string; writtenNotice: string | null } | null {
  const g = REFUSAL_GROUNDS.find((x) => x.code === code);
  if (!g) return null;
  const notice = 'writtenNotice' in g ? g.writtenNotice : null;
  if (lang === 'en') return { label: EN_REFUSAL[g.code], citation: g.citation, writtenNotice: notice ? EN_REFUSAL_NOTICE : null };
  return { label: g.label, citation: g.citation, writtenNotice: notice };
}

/** The 13 columns of the register (Mẫu 03/TCD): the legal Vietnamese headers, or their English reading. */
export function registerColumns(lang: Lang): { key: RegisterColumnKey; header: string }[] {
  return REGISTER_COLUMNS.map((c) => ({ key: c.key, header: lang === 'en' ? EN_COLUMNS[c.key] : c.header }));
}

export function complianceFlagText(lang: Lang, code: string, serverLabel: string): string {
  if (lang === 'en') return EN_FLAGS[code] ?? serverLabel;
  return (COMPLIANCE_FLAG_LABELS as Record<string, string>)[code] ?? serverLabel;
}

export function holderText(lang: Lang, level: string, serverText: string): string {
  return lang === 'en' ? (EN_HOLDER[level] ?? serverText) : serverText;
}

export function requirementText(lang: Lang, frequency: string, serverText: string): string {
  return lang === 'en' ? (EN_REQUIREMENT[frequency] ?? serverText) : serverText;
}

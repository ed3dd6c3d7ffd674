/**
 * Server-side messages in Vietnamese (default) and English (Accept-Language: en…).
 * Keys are stable; the web app has its own catalog for UI text.
 */
import { STATE_LABELS } from '@danvan/domain/workflow';
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from '@danvan/domain/reception/sessions';
import { ID_TYPE_LABELS, NOTICE_OUTCOME_LABELS, VISIT_OUTCOME_LABELS } from '@danvan/domain/reception/visits';
import { BOOKING_STATUS_LABELS } from '@danvan/domain/reception/booking';
import { ROLE_LABELS_VI } from '@danvan/domain/roles';
import { CHANNEL_LABELS_VI, KIND_LABELS_VI } from '@danvan/domain/reports/indicators';

export type Lang = 'vi' | 'en';

const messages = {
  'error.validation': { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request is not valid' },
  'error.notFound': { vi: 'Không tìm thấy', en: 'Not found' },
  'error.routeNotFound': { vi: 'Không có địa chỉ này', en: 'No such route' },
  'error.unauthenticated': { vi: 'Cần đăng nhập', en: 'Sign-in required' },
  'error.badCredentials': { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  'error.forbidden': { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  'error.conflict': { vi: 'Thao tác không hợp lệ ở trạng thái hiện tại', en: 'Not allowed in the current state' },
  'error.actionNotAllowed': {
    vi: 'Không thể thực hiện «{action}» khi vụ việc đang ở trạng thái «{state}». Thao tác được phép: {allowed}',
    en: 'Action "{action}" is not allowed in state "{state}". Allowed: {allowed}',
  },
  'error.rateLimited': { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau {after} giây', en: 'Too many requests, retry after {after} s' },
  'error.internal': { vi: 'Lỗi hệ thống, đã ghi nhận để xử lý', en: 'Internal error; it has been logged' },
  'error.payloadTooLarge': { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  'error.badJson': { vi: 'Nội dung gửi lên không phải JSON hợp lệ', en: 'The body is not valid JSON' },
  'error.unknownAgency': { vi: 'Không có cơ quan mã «{code}»', en: 'No agency with code "{code}"' },
  'field.required': { vi: '«{field}» là bắt buộc', en: '"{field}" is required' },
  'field.minLength': { vi: '«{field}» phải có ít nhất {limit} ký tự', en: '"{field}" must have at least {limit} characters' },
  'field.maxLength': { vi: '«{field}» dài quá {limit} ký tự', en: '"{field}" must have at most {limit} characters' },
  'field.pattern': { vi: '«{field}» không đúng định dạng', en: '"{field}" has the wrong format' },
  'field.format': { vi: '«{field}» không đúng định dạng', en: '"{field}" has the wrong format' },
  'field.enum': { vi: '«{field}» phải là một trong: {values}', en: '"{field}" must be one of: {values}' },
  'field.type': { vi: '«{field}» sai kiểu dữ liệu (cần {type})', en: '"{field}" has the wrong type (expected {type})' },
  'field.minimum': { vi: '«{field}» phải từ {limit} trở lên', en: '"{field}" must be at least {limit}' },
  'field.maximum': { vi: '«{field}» không được lớn hơn {limit}', en: '"{field}" must be at most {limit}' },
  'field.unknown': { vi: 'Không nhận trường «{field}»', en: 'Unknown field "{field}"' },
  'field.invalid': { vi: '«{field}» không hợp lệ', en: '"{field}" is not valid' },
  'field.idNumber': {
    vi: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số',
    en: 'The personal ID number must be exactly 12 digits',
  },
  'field.phone': {
    vi: 'Số điện thoại không hợp lệ (di động 10 số, đầu 03, 05, 07, 08, 09)',
    en: 'Invalid phone number (mobile: 10 digits starting 03, 05, 07, 08, 09)',
  },
  'field.date': { vi: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật', en: 'The date must be a real date as YYYY-MM-DD' },
  'field.controlCharacters': {
    vi: '«{field}» chứa ký tự điều khiển không được phép (như U+0000)',
    en: '"{field}" contains a control character that is not allowed (such as U+0000)',
  },
  'field.dateOutOfRange': { vi: '«{field}» phải là ngày từ {from} đến {to}', en: '"{field}" must be a date from {from} to {to}' },
  'error.crossSite': {
    vi: 'Yêu cầu bị từ chối vì không xuất phát từ trang của hệ thống (chống giả mạo yêu cầu)',
    en: 'Refused: the request does not come from this site (cross-site request forgery protection)',
  },
  'error.loginLocked': {
    vi: 'Đăng nhập tạm khóa do nhập sai mật khẩu nhiều lần liên tiếp, vui lòng thử lại sau {after} giây',
    en: 'Sign-in is locked for a while after several wrong passwords in a row; retry after {after} s',
  },
  'error.answerHeadOnly': {
    vi: 'Chỉ thủ trưởng cơ quan xác nhận công khai nội dung giải quyết tố cáo',
    en: 'Only the head of the agency confirms publishing a denunciation answer',
  },
  'error.answerPreviewStale': {
    vi: 'Cần xem trước và xác nhận đúng nội dung sẽ công khai (nội dung đã thay đổi sau khi xem trước)',
    en: 'Preview and confirm exactly the text to be published (it changed after the preview)',
  },
  'error.badUrl': { vi: 'Địa chỉ yêu cầu không hợp lệ', en: 'The request address is not valid' },
  'error.uriTooLong': { vi: 'Địa chỉ yêu cầu quá dài', en: 'The request address is too long' },
  'error.badRequest': { vi: 'Yêu cầu không hợp lệ', en: 'The request is not valid' },
  'error.requestTimeout': { vi: 'Yêu cầu gửi quá chậm, đã hết thời gian chờ', en: 'The request took too long to arrive' },
  'error.headersTooLarge': { vi: 'Phần đầu (header) của yêu cầu quá lớn', en: 'The request headers are too large' },
  'field.dateInFuture': { vi: 'Ngày không được sau hôm nay', en: 'The date cannot be in the future' },
  'field.dateRange': { vi: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc', en: 'The start date must not be after the end date' },
  'field.outcomeRequired': { vi: 'Cần chọn kết quả giải quyết', en: 'An outcome is required' },
  'field.outcomeInvalid': { vi: 'Kết quả «{value}» không hợp lệ; chọn một trong: {values}', en: 'Outcome "{value}" is not valid; one of: {values}' },
  'field.agencyOutOfScope': { vi: 'Bạn không có quyền tại cơ quan «{code}»', en: 'You have no role at agency "{code}"' },
  'field.role': { vi: 'Vai trò không hợp lệ', en: 'Invalid role' },
  'field.weakPassword': { vi: 'Mật khẩu phải có ít nhất 8 ký tự', en: 'The password must have at least 8 characters' },
  'error.guard': { vi: 'Chưa thể thực hiện: {reason}. Thao tác được phép: {allowed}', en: 'Not possible yet: {reason}. Allowed: {allowed}' },
  'field.unknownAgency': { vi: 'Không có cơ quan mã «{code}»', en: 'No agency with code "{code}"' },
  'field.sameAgency': { vi: 'Cơ quan nhận phải khác cơ quan đang giải quyết', en: 'The receiving agency must differ from the current one' },
  'field.notLowerLevel': { vi: 'Chỉ đôn đốc được cơ quan cấp dưới', en: 'Only a lower-level agency can be chased' },
  'field.noRunningClock': { vi: 'Vụ việc không có thời hạn đang chạy để gia hạn', en: 'The case has no running deadline to extend' },
  'field.assigneeOutOfScope': { vi: 'Người được giao phải là cán bộ xử lý hoặc xác minh của cơ quan này', en: 'The assignee must be a handler or investigator of this agency' },
  'error.kindLocked': { vi: 'Không thể đổi loại đơn sau khi đã thụ lý, hoặc đổi sang/từ tố cáo (danh tính người tố cáo phải được bảo mật ngay từ khi tiếp nhận)', en: 'The kind cannot change after acceptance, nor to or from a denunciation' },
  'field.duplicate': { vi: '«{field}» bị trùng', en: '"{field}" is duplicated' },
  'field.usernameTaken': { vi: 'Tên đăng nhập đã tồn tại', en: 'The username is taken' },
  'error.clock': {
    vi: 'Không tính được thời hạn. Các quy tắc hợp lệ: {keys}',
    en: 'Cannot compute the deadline. Valid rules: {keys}',
  },
  'field.clockRule': { vi: 'Không có quy tắc thời hạn «{value}»', en: 'No deadline rule "{value}"' },
  'field.clockVersion': {
    vi: 'Quy tắc «{rule}» không có phiên bản hiệu lực ngày {date}',
    en: 'Rule "{rule}" has no version in force on {date}',
  },
  'field.clockDate': {
    vi: '«{field}» phải là ngày có thật dạng YYYY-MM-DD và thời hạn phải nằm trong lịch ngày nghỉ {fromYear}–{toYear}',
    en: '"{field}" must be a real date as YYYY-MM-DD and the period must lie within the {fromYear}–{toYear} holiday calendar',
  },
  'field.clockExtensions': {
    vi: '«{field}» vượt giới hạn: quy tắc «{rule}» cho phép tối đa {allowed} lần gia hạn với vụ việc này ({citation})',
    en: '"{field}" exceeds the limit: rule "{rule}" allows at most {allowed} extension(s) for this case ({citation})',
  },
  'field.calendarYear': {
    vi: '«{field}» phải là ngày có thật dạng YYYY-MM-DD trong các năm {fromYear}–{toYear}',
    en: '"{field}" must be a real date as YYYY-MM-DD within {fromYear}–{toYear}',
  },
  'field.dateMismatch': { vi: '«{field}» phải trùng với ngày trên địa chỉ ({date})', en: '"{field}" must match the date in the URL ({date})' },
  // ── Reception (issue 5) ──
  'field.delegationRepresentatives': {
    vi: 'Đoàn {people} người đã cử {count} người đại diện; theo quy định {rule}',
    en: 'A delegation of {people} people named {count} representatives; Art. 29 of the Law on Citizen Reception allows {min} to {max}',
  },
  'field.passport': { vi: 'Số hộ chiếu phải gồm 6–20 chữ cái in hoa hoặc chữ số', en: 'A passport number has 6–20 capital letters or digits' },
  'field.sessionOtherAgency': { vi: 'Buổi tiếp thuộc cơ quan khác', en: 'The session belongs to another agency' },
  'field.sessionDate': { vi: 'Ngày tiếp phải là ngày của buổi tiếp ({date})', en: 'The visit date must be the session date ({date})' },
  'field.onlineDenunciationWaiver': {
    vi: 'Chỉ tiếp nhận tố cáo trực tuyến khi người tố cáo đồng ý không yêu cầu giữ bí mật danh tính (Điều 16–24 Nghị định 154/2026/NĐ-CP)',
    en: 'A denunciation is taken online only if the denouncer waives identity protection (Decree 154/2026 Arts. 16–24)',
  },
  'field.onlineNotice': {
    vi: 'Buổi tiếp trực tuyến phải được thông báo trước ít nhất 5 ngày làm việc (Điều 16–24 Nghị định 154/2026/NĐ-CP): thông báo ngày {notice} thì sớm nhất tổ chức ngày {earliest}',
    en: 'Online reception must be announced at least 5 working days ahead (Decree 154/2026 Arts. 16–24): announced on {notice}, it can take place on {earliest} at the earliest',
  },
  'field.url': { vi: '«{field}» phải là địa chỉ bắt đầu bằng https://', en: '"{field}" must be an https:// address' },
  'field.time': { vi: '«{field}» phải có dạng giờ:phút (08:00)', en: '"{field}" must be a time as HH:MM' },
  'field.timeOrder': { vi: 'Giờ kết thúc phải sau giờ bắt đầu', en: 'The end time must be after the start time' },
  'field.hostNotHead': { vi: 'Người chủ trì phải là tài khoản có vai trò thủ trưởng tại cơ quan', en: 'The host must hold the head role at the agency' },
  'field.headOnlyFields': { vi: '«{field}» chỉ dùng cho buổi thủ trưởng tiếp công dân', en: '"{field}" applies to head-of-agency sessions only' },
  'field.recordingRequired': {
    vi: 'Buổi tiếp trực tuyến phải có bản ghi âm, ghi hình (Điều 16–24 Nghị định 154/2026/NĐ-CP)',
    en: 'An online session must have an audio/video recording (Decree 154/2026 Arts. 16–24)',
  },
  'field.bookingOtherSession': { vi: 'Lịch hẹn không thuộc buổi tiếp này', en: 'The booking belongs to another session' },
  'field.bookingCode': { vi: 'Mã đặt lịch không đúng định dạng (TCD-XXXXXXXX)', en: 'The booking code is malformed (TCD-XXXXXXXX)' },
  'field.periodOrRange': { vi: 'Cần chọn kỳ (period) hoặc từ ngày – đến ngày', en: 'Give a period or a from/to range' },
  'field.rangeTooLong': { vi: 'Khoảng thời gian không được quá {days} ngày', en: 'The range must not exceed {days} days' },
  'error.sessionState': { vi: 'Buổi tiếp đang ở trạng thái «{status}», không thực hiện được thao tác này', en: 'The session is "{status}"; this is not allowed' },
  'error.noticeNotExpected': { vi: 'Lượt tiếp này không có thông báo kết quả phải gửi (chỉ khi tiếp nhận đơn)', en: 'No outcome notice is due for this visit (only when a petition was received)' },
  'error.noticeAlreadySent': { vi: 'Đã ghi nhận thông báo kết quả ngày {date}', en: 'The outcome notice was already recorded on {date}' },
  'error.bookingClosed': { vi: 'Buổi tiếp này không nhận đặt lịch', en: 'This session does not take bookings' },
  'error.bookingFull': { vi: 'Buổi tiếp đã đủ {capacity} lượt đặt lịch', en: 'The session is fully booked ({capacity})' },
  'error.bookingDuplicate': { vi: 'Số điện thoại này đã có lịch hẹn trong buổi tiếp', en: 'This phone number already has a booking in the session' },
  'error.bookingState': { vi: 'Lịch hẹn đang ở trạng thái «{status}»', en: 'The booking is "{status}"' },
  'error.registerFile': { vi: 'Không đọc được tệp Excel (.xlsx) của sổ tiếp công dân', en: 'The register file is not a readable .xlsx workbook' },
  'error.registerHeader': {
    vi: 'Không tìm thấy dòng tiêu đề của sổ tiếp công dân (Mẫu 03/TCD) gồm đủ 13 cột: {headers}',
    en: 'No register header row (form 03/TCD) with the 13 columns: {headers}',
  },
  'error.registerEmpty': { vi: 'Tệp không có dòng dữ liệu nào', en: 'The file has no data rows' },
  'error.registerTooManyRows': { vi: 'Tệp có quá {limit} dòng; hãy chia nhỏ tệp', en: 'The file has more than {limit} rows; split it' },
  'error.registerRows': { vi: 'Tệp có {count} dòng lỗi; chưa ghi dòng nào vào sổ', en: '{count} rows have errors; nothing was written' },
  'error.registerAlreadyImported': { vi: 'Tệp này đã được nhập vào sổ của cơ quan lúc {at}', en: 'This file was already imported into the agency register at {at}' },
  'register.row': { vi: 'Dòng {row}, cột «{column}»: {message}', en: 'Row {row}, column "{column}": {message}' },
  'register.required': { vi: 'không được để trống', en: 'is required' },
  'register.date': { vi: 'ngày «{value}» không hợp lệ (cần dạng dd/mm/yyyy và là ngày có thật)', en: 'date "{value}" is not valid (dd/mm/yyyy, a real date)' },
  'register.dateInFuture': { vi: 'ngày tiếp không được sau hôm nay', en: 'the visit date cannot be in the future' },
  'register.address': { vi: 'thiếu địa chỉ (ghi họ tên, xuống dòng hoặc dấu phẩy, rồi địa chỉ)', en: 'the address is missing (name, then a line break or comma, then the address)' },
  'register.idNumber': { vi: '«{value}» không phải số định danh cá nhân 12 chữ số hay số hộ chiếu', en: '"{value}" is neither a 12-digit personal ID nor a passport number' },
  'register.type': { vi: 'phân loại «{value}» không hợp lệ; ghi KN, TC hoặc KN-PA', en: 'type "{value}" is not valid; use KN, TC or KN-PA' },
  'register.people': { vi: 'số người «{value}» phải là số nguyên từ 1 đến 10000', en: 'people "{value}" must be a whole number from 1 to 10000' },
  'register.yesNo': { vi: '«{value}»: ghi «Có» hoặc «Không»', en: '"{value}": write "Có" or "Không"' },
  'register.guidanceAndTransfer': { vi: 'một lượt tiếp hoặc hướng dẫn, hoặc chuyển đơn, không ghi cả hai', en: 'a visit is either guided or forwarded, not both' },
  'register.transferFormat': { vi: 'ghi dạng «Tên cơ quan (số văn bản)»', en: 'write "Agency name (document no.)"' },
  'register.tooLong': { vi: 'ô dài quá {limit} ký tự', en: 'the cell is longer than {limit} characters' },
  'register.identityDropped': {
    vi: 'dòng tố cáo: danh tính người tố cáo không được nhập vào sổ (Điều 47 Luật Tố cáo 2018); sổ ghi «[Đã bảo mật]»',
    en: 'denunciation row: the denouncer identity is not imported (Law on Denunciations Art. 47); the register shows the sealed placeholder',
  },
  // ── Citizen portal and notifications (issue 7) ──
  'error.spam': { vi: 'Biểu mẫu không hợp lệ; vui lòng tải lại trang rồi gửi lại', en: 'The form is not valid; reload the page and send it again' },
  'error.idempotencyKey': { vi: 'Idempotency-Key phải gồm 8–200 ký tự chữ, số hoặc - _ . :', en: 'Idempotency-Key must be 8–200 letters, digits or - _ . :' },
  'error.idempotencyMismatch': {
    vi: 'Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một đơn có nội dung khác',
    en: 'This Idempotency-Key was already used for a different petition',
  },
  'error.phoneRateLimited': {
    vi: 'Số điện thoại này đã gửi {limit} đơn trong 24 giờ qua; vui lòng thử lại sau hoặc liên hệ trực tiếp cơ quan',
    en: 'This phone number has sent {limit} petitions in the last 24 hours; try later or contact the agency directly',
  },
  'error.trackNotFound': {
    vi: 'Không tìm thấy hồ sơ với mã tra cứu và mật mã (hoặc số điện thoại) này',
    en: 'No petition matches this tracking code and secret (or phone number)',
  },
  'error.notRatable': {
    vi: 'Chỉ đánh giá được khi cơ quan đã trả lời, ra quyết định hoặc kết luận',
    en: 'You can rate only once the agency has answered, decided or concluded',
  },
  'error.answerState': {
    vi: 'Chỉ công khai được khi vụ việc đã có trả lời, quyết định hoặc kết luận (trạng thái hiện tại: «{state}»)',
    en: 'Only an answered, decided or concluded case can be published (current state: "{state}")',
  },
  'field.email': { vi: '«{field}» không phải địa chỉ e-mail hợp lệ', en: '"{field}" is not a valid e-mail address' },
  'field.consentRequired': {
    vi: 'Cần đồng ý cho cơ quan xử lý dữ liệu cá nhân trong đơn để gửi đơn',
    en: 'You must agree to the processing of the personal data in the petition',
  },
  'field.contactRequired': {
    vi: 'Đơn khiếu nại, tố cáo cần số điện thoại hoặc e-mail để cơ quan liên hệ và thông báo kết quả',
    en: 'A complaint or denunciation needs a phone number or e-mail so the agency can contact you',
  },
  'field.attachmentType': { vi: 'Tệp «{name}» không phải ảnh (JPEG, PNG, WebP, HEIC) hay PDF', en: 'File "{name}" is not a photo (JPEG, PNG, WebP, HEIC) or a PDF' },
  'field.attachmentSize': { vi: 'Tệp «{name}» lớn hơn {limit} MB', en: 'File "{name}" is larger than {limit} MB' },
  'field.attachmentTotal': { vi: 'Tổng dung lượng tệp đính kèm vượt quá {limit} MB', en: 'The attachments exceed {limit} MB in total' },
  'field.attachmentCount': { vi: 'Chỉ được đính kèm tối đa {limit} tệp', en: 'At most {limit} files can be attached' },
  'field.province': { vi: 'Cần chọn tỉnh, thành phố khi chưa biết cơ quan giải quyết', en: 'Choose a province when you do not know the competent agency' },
  // ── Reports (issue 6) ──
  'field.cutoffDay': {
    vi: 'Ngày bắt đầu kỳ phải là số nguyên từ 1 (tháng dương lịch) đến 28 (ví dụ 15: từ ngày 15 tháng trước đến ngày 14 tháng cuối kỳ)',
    en: 'The start day must be a whole number from 1 (calendar months) to 28 (e.g. 15: from the 15th of the previous month to the 14th)',
  },
  'field.indicator': { vi: 'Không có chỉ tiêu «{value}»; xem danh sách tại /api/v1/reports/indicators', en: 'No indicator "{value}"; see /api/v1/reports/indicators' },
  // ── Dialogues and commitments (issue 14) ──
  'field.dialogueNotice': {
    vi: 'Thông báo hội nghị đối thoại phải được công bố trước ít nhất {days} ngày ({citation}; {mark}): thông báo ngày {notice} thì sớm nhất tổ chức ngày {earliest}',
    en: 'A dialogue notice must be published at least {days} days ahead ({citation}; {mark}): published on {notice}, the dialogue can take place on {earliest} at the earliest',
  },
  'field.dialogueKind': { vi: 'Không có loại đối thoại «{value}»', en: 'No dialogue kind "{value}"' },
  'field.dialogueKinds': { vi: 'Loại đối thoại thứ {index}: «{field}» không hợp lệ', en: 'Dialogue kind {index}: "{field}" is not valid' },
  'field.dueAfterConclusion': { vi: 'Hạn thực hiện phải từ ngày kết luận ({date}) trở đi', en: 'The due date must be on or after the conclusion date ({date})' },
  'field.issueTarget': { vi: 'Vấn đề chuyển hoặc giao phải ghi cơ quan nhận', en: 'A transferred or assigned issue needs the receiving agency' },
  'field.issueAnswer': { vi: 'Vấn đề đã trả lời tại hội nghị phải ghi nội dung trả lời', en: 'An issue answered on the spot needs the answer' },
  'field.issueDue': { vi: 'Vấn đề giao cơ quan giải quyết phải có hạn thực hiện', en: 'An assigned issue needs a due date' },
  'field.beforeDialogue': { vi: 'Ngày không được trước ngày đối thoại ({date})', en: 'The date cannot be before the dialogue ({date})' },
  'field.contactNeeded': { vi: 'Cần số điện thoại hoặc e-mail khi để lại họ tên', en: 'A phone number or e-mail is needed with the name' },
  'field.registrationCode': { vi: 'Không có mã đăng ký «{value}» trong đối thoại này', en: 'No registration "{value}" in this dialogue' },
  'error.dialogueState': {
    vi: 'Không thể {action} khi đối thoại đang ở trạng thái «{status}»',
    en: 'Cannot {action} while the dialogue is "{status}"',
  },
  'error.registrationClosed': { vi: 'Đối thoại này không còn nhận đăng ký', en: 'This dialogue no longer takes registrations' },
  'error.commitmentMove': {
    vi: 'Không thể chuyển cam kết từ «{from}» sang «{to}»',
    en: 'A commitment cannot move from "{from}" to "{to}"',
  },
  'error.notOwnerAgency': {
    vi: 'Chỉ cán bộ của cơ quan được giao ({agency}) được cập nhật cam kết này',
    en: 'Only staff of the owner agency ({agency}) may update this commitment',
  },
  'error.issueHasCase': { vi: 'Vấn đề này đã được mở thành vụ việc {code}', en: 'This issue already became case {code}' },
  // ── Imports from Excel (issue 19) ──
  'error.importFile': { vi: 'Không đọc được tệp: cần .xlsx hoặc .csv', en: 'The file is not a readable .xlsx or .csv file' },
  'error.importXls': {
    vi: 'Tệp .xls (Excel 97–2003) chưa đọc trực tiếp được: mở tệp bằng Excel hoặc LibreOffice và lưu lại thành .xlsx rồi tải lên',
    en: 'Old .xls workbooks cannot be read directly yet: open the file in Excel or LibreOffice, save it as .xlsx and upload that',
  },
  'error.importHeader': { vi: 'Không tìm thấy dòng tiêu đề cột trong {rows} dòng đầu của trang tính', en: 'No column header found in the first {rows} rows of the sheet' },
  'error.importMapping': { vi: 'Cách ghép cột chưa dùng được: {problems}', en: 'The column mapping cannot be used: {problems}' },
  'error.importMappingNeeded': {
    vi: 'Tiêu đề cột của tệp khác mẫu của DânVận và cơ quan chưa lưu cách ghép cột cho tiêu đề này: xem trước (previewRegisterImport / previewCaseImport), xác nhận cách ghép cột rồi nhập với mapping',
    en: 'The file headers differ from DânVận’s own and no saved mapping matches them: preview the file, confirm the mapping, then import with it',
  },
  'error.importRows': { vi: 'Tệp có {count} dòng lỗi; chưa ghi dòng nào', en: '{count} rows have errors; nothing was written' },
  'error.importAlready': { vi: 'Tệp này đã được nhập vào cơ quan lúc {at}; không ghi gì thêm', en: 'This file was already imported into the agency at {at}; nothing was written' },
  'error.importUndoTouched': {
    vi: 'Không thể hủy lần nhập: {count} hồ sơ của lần nhập này đã có thao tác sau khi nhập (ví dụ {code})',
    en: 'The import cannot be undone: {count} of its records were worked on after the import (e.g. {code})',
  },
  'import.required': { vi: 'không được để trống', en: 'is required' },
  'import.date': { vi: 'ngày «{value}» không đọc được (dd/mm/yyyy, d/m/yy, «ngày 3 tháng 11 năm 2026» hoặc ô ngày của Excel)', en: 'date "{value}" cannot be read (dd/mm/yyyy, d/m/yy, "ngày 3 tháng 11 năm 2026" or an Excel date)' },
  'import.dateInFuture': { vi: 'ngày «{value}» sau hôm nay', en: 'date "{value}" is in the future' },
  'import.dateOrder': { vi: 'ngày này trước ngày của bước trước (nhận đơn ≤ thụ lý ≤ giải quyết)', en: 'this date is before the previous step (received ≤ accepted ≤ decided)' },
  'import.kind': { vi: 'loại đơn «{value}» không rõ; ghi KN, TC, KN-PA hoặc «Khiếu nại», «Tố cáo», «Kiến nghị, phản ánh»', en: 'kind "{value}" unknown; use KN, TC, KN-PA or the words' },
  'import.state': { vi: 'tình trạng «{value}» không rõ (ví dụ: Đã tiếp nhận, Đã thụ lý, Đang xác minh, Đã giải quyết, Đã hướng dẫn, Lưu đơn, Rút đơn, Tạm đình chỉ)', en: 'state "{value}" unknown' },
  'import.requiredForState': { vi: 'cần cho tình trạng «{state}»', en: 'is required for state "{state}"' },
  'import.outcome': { vi: 'kết quả «{value}» không rõ (đúng, đúng một phần, sai; lần hai: công nhận, hủy, sửa)', en: 'outcome "{value}" unknown' },
  'import.step': { vi: 'không đưa được vụ việc đến tình trạng này theo quy trình: {detail}', en: 'the case cannot reach this state through the workflow: {detail}' },
  'import.idNumber': { vi: 'số giấy tờ «{value}» không phải số định danh cá nhân 12 chữ số', en: '"{value}" is not a 12-digit personal ID' },
  'import.phone': { vi: 'số điện thoại «{value}» không hợp lệ', en: 'phone "{value}" is not valid' },
  'import.personNotSplit': { vi: 'không tách được họ tên và địa chỉ một cách chắc chắn: giữ nguyên cả ô ở họ tên và địa chỉ, cần kiểm tra lại', en: 'name and address could not be split safely: the whole cell was kept as both, check it' },
  'import.alreadyImported': { vi: 'dòng này đã được nhập trong lần nhập trước ({at}): bỏ qua', en: 'this row was imported before ({at}): skipped' },
  'import.legacyEncoding': { vi: 'tệp gõ bằng bảng mã cũ {encoding}: đã chuyển sang Unicode, hãy kiểm tra phần xem trước', en: 'the file was typed in the legacy {encoding} encoding: converted to Unicode, check the preview' },
  // ── Good models (issue 15) ──
  'error.modelOwnUnit': { vi: 'Người thẩm định không được chấm, công nhận hay kiểm tra mô hình của chính đơn vị mình', en: 'An assessor may not score, recognise or check a model of their own unit' },
  'error.modelStep': { vi: 'Không thể {step} khi mô hình đang ở trạng thái «{status}»', en: 'Cannot {step} while the model is "{status}"' },
  'field.criterionMissing': { vi: 'Chưa chấm tiêu chí «{criterion}»', en: 'Criterion "{criterion}" is not scored' },
  'field.criterionUnknown': { vi: 'Đợt phát động không có tiêu chí «{criterion}» cho loại này', en: 'The campaign has no criterion "{criterion}" for this kind' },
  'field.criterionDuplicate': { vi: 'Tiêu chí «{criterion}» được chấm hai lần', en: 'Criterion "{criterion}" is scored twice' },
  'field.scoreRange': { vi: 'Điểm phải là số nguyên từ 0 đến {max}', en: 'The score must be a whole number from 0 to {max}' },
  'field.modelLevel': { vi: 'Đợt phát động không có mức công nhận «{value}»', en: 'The campaign has no recognition level "{value}"' },
  'field.modelLevelNotEarned': { vi: 'Điểm bình quân {percent}% chưa đạt mức «{level}» (cần {min}%)', en: 'The average score {percent}% does not reach "{level}" ({min}% needed)' },
  'field.modelField': { vi: 'Đợt phát động không có lĩnh vực «{value}»', en: 'The campaign has no field "{value}"' },
  'field.refUnavailable': { vi: 'Chưa có phân hệ quản lý «{type}» để liên kết', en: 'No module holds "{type}" records yet' },
  'field.refNotFound': { vi: 'Không tìm thấy hồ sơ «{id}» trong phạm vi của đơn vị', en: 'No record "{id}" within the unit' },
  'field.caseNotSettled': { vi: 'Vụ việc {code} chưa được giải quyết xong', en: 'Case {code} is not settled yet' },
  'field.unitNotInCampaign': { vi: 'Đơn vị «{code}» không thuộc phạm vi của đợt phát động (cấp dưới của cơ quan phát động)', en: 'Unit "{code}" is not below the campaign agency' },
  'field.yearRange': { vi: 'Kỳ phải từ năm 2009 đến 2100, năm cuối không trước năm đầu, đợt tổng kết tối đa 5 năm', en: 'Years 2009–2100, the last not before the first, a review at most 5 years' },
  'field.evidenceEmpty': { vi: 'Minh chứng cần một tệp hoặc một liên kết hồ sơ', en: 'Evidence needs a file or a record link' },
  'field.replicateSameUnit': { vi: 'Đơn vị nhân rộng phải khác đơn vị có mô hình gốc', en: 'The adopting unit must differ from the original one' },
  'field.checkYear': { vi: 'Năm kiểm tra phải sau năm công nhận ({year})', en: 'The check year must be after the recognition year ({year})' },
  'field.returnReasons': { vi: 'Trả lại phải nêu lý do', en: 'A return needs its reasons' },
  // ── Grassroots democracy (issue 17) ──
  'grassroots.formNotAllowed': {
    vi: 'Hình thức «{form}» không được áp dụng cho nội dung thuộc khoản {item} Điều 15 Luật 10/2022/QH15 (được dùng: {allowed})',
    en: 'The form "{form}" is not allowed for Art. 15 item {item} of Law 10/2022 (allowed: {allowed})',
  },
  'grassroots.onlineOptIn': {
    vi: 'Chưa đủ trên 50% tổng số hộ gia đình đăng ký biểu quyết trực tuyến: {count}/{total} hộ, cần {needed} hộ (Điều 5 Nghị định 59/2023/NĐ-CP)',
    en: 'Online voting needs more than 50% of all households to opt in first: {count}/{total}, {needed} needed (Decree 59/2023 Art. 5)',
  },
  'grassroots.alreadyCounted': {
    vi: 'Hộ gia đình {household} đã được tính bằng hình thức «{form}»; mỗi hộ chỉ được tính một lần',
    en: 'Household {household} was already counted ({form}); each household is counted once',
  },
  'grassroots.notVoting': { vi: 'Việc này không trong thời gian biểu quyết (trạng thái: {status})', en: 'This matter is not open for voting (status: {status})' },
  'grassroots.formNotOpen': { vi: 'Hình thức «{form}» không được mở cho lần biểu quyết này', en: 'The form "{form}" was not opened for this vote' },
  'grassroots.notOnRoll': { vi: 'Hộ gia đình {household} không có trong danh sách hộ khi mở biểu quyết', en: 'Household {household} is not on the roll taken when the vote opened' },
  'grassroots.votingCode': { vi: 'Mã biểu quyết của hộ gia đình không đúng hoặc đã bị thu hồi', en: 'The household voting code is wrong or was revoked' },
  'grassroots.notOptedIn': { vi: 'Hộ gia đình chưa đăng ký biểu quyết trực tuyến', en: 'The household has not opted in to online voting' },
  'grassroots.proposer': {
    vi: 'Người đề xuất không hợp lệ: việc toàn xã do Chủ tịch UBND xã đề xuất sau khi thống nhất với Chủ tịch Ủy ban MTTQ xã; việc của thôn, tổ dân phố do Trưởng thôn, Tổ trưởng đề xuất sau khi thống nhất với Trưởng ban công tác Mặt trận, hoặc theo sáng kiến của công dân (Điều 16)',
    en: 'Invalid proposer: commune-wide matters are proposed by the commune chair with the Front chair; village matters by the village head with the Front work committee head, or by a citizen initiative (Art. 16)',
  },
  'grassroots.initiativeShort': {
    vi: 'Sáng kiến mới có {count}/{total} hộ gia đình đồng thuận còn hiệu lực (cần từ 10%: {needed} hộ), chưa có ý kiến đồng ý của Ban công tác Mặt trận',
    en: 'The initiative has {count}/{total} valid household consents (10%: {needed} needed) and no agreement of the village Front committee',
  },
  'grassroots.status': { vi: 'Không thực hiện được ở trạng thái hiện tại ({status})', en: 'Not allowed in the current state ({status})' },
  'grassroots.importRows': { vi: 'Tệp có {count} dòng lỗi; chưa ghi dòng nào', en: 'The file has {count} invalid rows; nothing was written' },
  'grassroots.file': { vi: 'Tệp không phải sổ hộ gia đình Excel (.xlsx) có dòng tiêu đề theo mẫu', en: 'The file is not an Excel (.xlsx) household register with the expected header row' },
  'grassroots.tallyExceeds': { vi: 'Tổng số phiếu ({votes}) vượt số hộ dự họp ({attended})', en: 'The votes ({votes}) exceed the households present ({attended})' },
  // ── Public consultation (issue 20) ──
  'error.consultationSecret': {
    vi: 'Dự thảo có nội dung thuộc bí mật nhà nước không được đăng tải lấy ý kiến công khai (NĐ 78/2025/NĐ-CP Điều 2)',
    en: 'A draft containing state secrets cannot be published for public consultation (Decree 78/2025 Art. 2)',
  },
  'error.consultationNoDraft': { vi: 'Chưa nhập dự thảo: cần nhập dự thảo trước khi đăng tải', en: 'No draft imported yet: import a draft before publishing' },
  'error.consultationState': { vi: 'Không thể thực hiện khi đợt lấy ý kiến đang ở trạng thái «{state}»', en: 'Not possible while the consultation is "{state}"' },
  'error.consultationClosed': { vi: 'Đợt lấy ý kiến không nhận ý kiến vào ngày {date} (thời gian lấy ý kiến: {period})', en: 'The consultation does not take opinions on {date} (period: {period})' },
  'error.codeInvalid': { vi: 'Mã xác thực không đúng hoặc đã hết hạn; vui lòng yêu cầu mã mới', en: 'The one-time code is wrong or has expired; request a new one' },
  'error.codeTooMany': { vi: 'Đã yêu cầu quá nhiều mã cho số điện thoại / e-mail này; vui lòng thử lại sau 1 giờ', en: 'Too many codes requested for this phone / e-mail; try again in an hour' },
  'error.draftUnreadable': { vi: 'Không đọc được tệp dự thảo (cần tệp .docx hoặc văn bản thuần)', en: 'The draft file cannot be read (a .docx or plain text is needed)' },
  'error.draftEmpty': { vi: 'Dự thảo không có điều khoản nào (không tìm thấy «Điều …»)', en: 'The draft has no articles ("Điều …" not found)' },
  'field.periodTooShort': {
    vi: 'Thời gian lấy ý kiến {days} ngày ngắn hơn tối thiểu {min} ngày (tính theo ngày dương lịch, kể cả ngày nghỉ; căn cứ: {basis})',
    en: 'The consultation period of {days} days is shorter than the minimum of {min} calendar days (basis: {basis})',
  },
  'field.opinionTextRequired': {
    vi: 'Ý kiến «{stance}» về «{section}» cần ghi rõ nội dung góp ý',
    en: 'An opinion "{stance}" on "{section}" needs a text',
  },
  'field.unknownSection': { vi: 'Dự thảo hiện hành không có «{section}»', en: 'The current draft has no "{section}"' },
  'field.respondentIdentity': {
    vi: 'Cần số định danh cá nhân (12 chữ số), số điện thoại hoặc e-mail của người góp ý để mỗi người chỉ được tính một lần',
    en: 'The respondent\'s personal ID (12 digits), phone or e-mail is needed so that each person counts once',
  },
  'field.explanationRequired': {
    vi: 'Kết quả «{outcome}» cần giải trình: {reason}',
    en: 'The outcome "{outcome}" needs an explanation: {reason}',
  },
  'field.duplicateSection': { vi: 'Mỗi điều, khoản chỉ góp một ý kiến trong một lần gửi («{section}» lặp lại)', en: 'One opinion per section per submission ("{section}" repeated)' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;
export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template: string = messages[key][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/** Field labels used in field-level messages. */
const fieldLabels: Record<string, Record<Lang, string>> = {
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  visitedOn: { vi: 'Ngày tiếp', en: 'Visit date' },
  receivedOn: { vi: 'Ngày nhận', en: 'Date received' },
  'citizen.name': { vi: 'Họ và tên', en: 'Full name' },
  'citizen.idNumber': { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  'citizen.address': { vi: 'Địa chỉ', en: 'Address' },
  'citizen.phone': { vi: 'Số điện thoại', en: 'Phone' },
  citizen: { vi: 'Công dân', en: 'Citizen' },
  petitioner: { vi: 'Người gửi đơn', en: 'Petitioner' },
  'petitioner.name': { vi: 'Họ và tên', en: 'Full name' },
  'petitioner.idNumber': { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  'petitioner.address': { vi: 'Địa chỉ', en: 'Address' },
  'petitioner.phone': { vi: 'Số điện thoại', en: 'Phone' },
  content: { vi: 'Nội dung', en: 'Content' },
  type: { vi: 'Loại đơn', en: 'Type' },
  channel: { vi: 'Nguồn đơn', en: 'Channel' },
  peopleCount: { vi: 'Số người', en: 'Number of people' },
  action: { vi: 'Thao tác', en: 'Action' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  note: { vi: 'Ghi chú', en: 'Note' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  q: { vi: 'Từ khóa', en: 'Search' },
  limit: { vi: 'Số dòng', en: 'Limit' },
  offset: { vi: 'Vị trí bắt đầu', en: 'Offset' },
  remote: { vi: 'Vùng sâu, vùng xa', en: 'Remote area' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  extensions: { vi: 'Số lần gia hạn', en: 'Extensions' },
  suspendedDays: { vi: 'Số ngày tạm đình chỉ', en: 'Suspended days' },
  date: { vi: 'Ngày', en: 'Date' },
  kind: { vi: 'Loại', en: 'Kind' },
  name: { vi: 'Tên', en: 'Name' },
  year: { vi: 'Năm', en: 'Year' },
  // ── Reception (issue 5) ──
  sessionId: { vi: 'Buổi tiếp', en: 'Session' },
  bookingId: { vi: 'Lịch hẹn', en: 'Booking' },
  'citizen.idType': { vi: 'Loại giấy tờ', en: 'ID type' },
  representatives: { vi: 'Người đại diện', en: 'Representatives' },
  priorAgencies: { vi: 'Cơ quan đã giải quyết', en: 'Agencies that already handled it' },
  'guidance.documentNo': { vi: 'Số văn bản hướng dẫn', en: 'Guidance document no.' },
  'transfer.agency': { vi: 'Cơ quan nhận đơn chuyển', en: 'Receiving agency' },
  'transfer.documentNo': { vi: 'Số văn bản chuyển đơn', en: 'Transfer document no.' },
  'refusal.ground': { vi: 'Căn cứ từ chối tiếp', en: 'Refusal ground' },
  heldOn: { vi: 'Ngày tiếp', en: 'Session date' },
  startTime: { vi: 'Giờ bắt đầu', en: 'Start time' },
  endTime: { vi: 'Giờ kết thúc', en: 'End time' },
  location: { vi: 'Địa điểm', en: 'Location' },
  host: { vi: 'Người chủ trì', en: 'Host' },
  'host.name': { vi: 'Họ tên người chủ trì', en: 'Host name' },
  'host.userId': { vi: 'Tài khoản người chủ trì', en: 'Host account' },
  delegatedTo: { vi: 'Người tiếp thay', en: 'Deputy holding the session' },
  'delegatedTo.name': { vi: 'Họ tên người tiếp thay', en: 'Deputy name' },
  'delegatedTo.userId': { vi: 'Tài khoản người tiếp thay', en: 'Deputy account' },
  onlineLink: { vi: 'Đường dẫn tiếp trực tuyến', en: 'Online link' },
  noticeOn: { vi: 'Ngày thông báo', en: 'Notice date' },
  recordingRef: { vi: 'Bản ghi âm, ghi hình', en: 'Recording reference' },
  capacity: { vi: 'Số lượt đặt lịch tối đa', en: 'Booking capacity' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  code: { vi: 'Mã đặt lịch', en: 'Booking code' },
  documentNo: { vi: 'Số văn bản', en: 'Document no.' },
  on: { vi: 'Ngày', en: 'Date' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  identityProtectionWaived: { vi: 'Đồng ý không giữ bí mật danh tính', en: 'Identity protection waived' },
  // ── Reports (issue 6) ──
  startDay: { vi: 'Ngày bắt đầu kỳ báo cáo', en: 'Reporting start day' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  format: { vi: 'Định dạng', en: 'Format' },
  rollup: { vi: 'Số liệu đơn vị trực thuộc', en: 'Roll-up detail' },
  // ── Citizen portal (issue 7) ──
  email: { vi: 'E-mail', en: 'E-mail' },
  'petitioner.email': { vi: 'E-mail', en: 'E-mail' },
  consent: { vi: 'Đồng ý xử lý dữ liệu cá nhân', en: 'Personal data consent' },
  attachments: { vi: 'Tệp đính kèm', en: 'Attachments' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  secret: { vi: 'Mật mã tra cứu', en: 'Tracking secret' },
  trackingCode: { vi: 'Mã tra cứu', en: 'Tracking code' },
  satisfied: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
  comment: { vi: 'Ý kiến', en: 'Comment' },
  question: { vi: 'Nội dung hỏi', en: 'Question' },
  answer: { vi: 'Nội dung trả lời', en: 'Answer' },
  previewDigest: { vi: 'Mã xác nhận bản xem trước', en: 'Preview confirmation' },
  registering: { vi: 'Đang tiếp nhận tố cáo mới', en: 'Registering a new denunciation' },
  status: { vi: 'Trạng thái', en: 'Status' },
  reason: { vi: 'Lý do', en: 'Reason' },
  assignee: { vi: 'Người được giao', en: 'Assignee' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  id: { vi: 'Mã định danh bản ghi', en: 'Record id' },
  visitId: { vi: 'Lượt tiếp', en: 'Visit' },
  caseId: { vi: 'Vụ việc', en: 'Case' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  closingNote: { vi: 'Ghi chú kết thúc (công khai)', en: 'Public closing note' },
  decisionNo: { vi: 'Số quyết định', en: 'Decision number' },
  signer: { vi: 'Người ký quyết định', en: 'Signed by' },
};

/**
 * The label of a field path: the exact path, then without array indices ("documents.0.title" → "documents.title"),
 * then its last part, then a generic "Trường «x»" (never a bare English name alone).
 */
export function fieldLabel(lang: Lang, field: string): string {
  const exact = fieldLabels[field]?.[lang];
  if (exact) return exact;
  const noIndex = field.replace(/\.\d+(?=\.|$)/g, '');
  const last = noIndex.split('.').pop() ?? noIndex;
  const found = fieldLabels[noIndex]?.[lang] ?? fieldLabels[last]?.[lang];
  if (found) return found;
  return lang === 'vi' ? `trường ${field}` : `field ${field}`;
}

/** Vietnamese names of the coded values a request may carry (statuses, kinds, outcomes…), for error messages. */
const valueLabelsVi: Record<string, string> = {
  ...KIND_LABELS_VI,
  ...STATE_LABELS,
  ...SESSION_KIND_LABELS,
  ...SESSION_STATUS_LABELS,
  ...VISIT_OUTCOME_LABELS,
  ...ID_TYPE_LABELS,
  ...NOTICE_OUTCOME_LABELS,
  ...BOOKING_STATUS_LABELS,
  ...ROLE_LABELS_VI,
  ...CHANNEL_LABELS_VI,
  'on-time': 'Trong hạn',
  'due-soon': 'Sắp đến hạn',
  overdue: 'Quá hạn',
  national: 'Trung ương',
  ministry: 'Bộ, ngành',
  province: 'Tỉnh, thành phố',
  commune: 'Xã, phường, đặc khu',
  holiday: 'Ngày lễ, Tết',
  'day-off': 'Ngày nghỉ',
  workday: 'Ngày làm việc',
  normal: 'Theo lịch thường',
  calendar: 'Ngày theo lịch',
  working: 'Ngày làm việc',
  month: 'Tháng',
  default: 'Mặc định',
  override: 'Điều chỉnh',
  admin: 'Quản trị',
  core: 'Cơ bản',
  full: 'Đầy đủ',
  due: 'Đến hạn',
  'forwarded-to': 'Chuyển đến',
  'forwarded-from': 'Nhận chuyển từ',
  'previous-instance': 'Lần giải quyết trước',
  'next-instance': 'Lần giải quyết sau',
  true: 'Có',
  false: 'Không',
};

export function valueLabel(lang: Lang, value: string): string {
  const vi = valueLabelsVi[value];
  return lang === 'vi' && vi ? `${vi} (${value})` : value;
}

/**
 * Server-side messages in Vietnamese (default) and English (Accept-Language: en…).
 * Keys are stable; the web app has its own catalog for UI text.
 */
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
  'error.rateLimited': { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau {after}', en: 'Too many requests, retry after {after}' },
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
  'field.dateInFuture': { vi: 'Ngày không được sau hôm nay', en: 'The date cannot be in the future' },
  'field.dateRange': { vi: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc', en: 'The start date must not be after the end date' },
  'field.outcomeRequired': { vi: 'Cần chọn kết quả giải quyết', en: 'An outcome is required' },
  'field.outcomeInvalid': { vi: 'Kết quả «{value}» không hợp lệ; chọn một trong: {values}', en: 'Outcome "{value}" is not valid; one of: {values}' },
  'field.agencyOutOfScope': { vi: 'Bạn không có quyền tại cơ quan «{code}»', en: 'You have no role at agency "{code}"' },
  'field.role': { vi: 'Vai trò không hợp lệ', en: 'Invalid role' },
  'field.weakPassword': { vi: 'Mật khẩu phải có ít nhất 8 ký tự', en: 'The password must have at least 8 characters' },
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
};

export function fieldLabel(lang: Lang, field: string): string {
  return fieldLabels[field]?.[lang] ?? field;
}

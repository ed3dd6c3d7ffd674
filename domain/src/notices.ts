/**
 * The citizen notices a processing decision produces (TT 05/2021/TT-TTCP forms, in substance): Vietnamese text,
 * ready to print or send. No personal data of anyone but the addressee is ever put in a notice.
 */
import { formatIsoDateVi } from './text.ts';
import { ARCHIVE_REASONS, type CaseKind } from './workflow.ts';

export interface NoticeInput {
  action: string;
  kind: CaseKind;
  caseCode: string;
  agencyName: string;
  on: string;
  targetAgencyName?: string;
  reason?: string;
  due?: string | null;
  outcomeLabel?: string;
  /** archive of a duplicate copy: the agency and case where the matter is handled (issue 18). */
  handledAt?: string;
}

const KIND_VI: Record<CaseKind, string> = { complaint: 'khiếu nại', denunciation: 'tố cáo', feedback: 'kiến nghị, phản ánh' };

export function citizenNotice(n: NoticeInput): string | null {
  const head = `${n.agencyName} thông báo: ngày ${formatIsoDateVi(n.on)}`;
  const ref = `đơn ${KIND_VI[n.kind]} (mã hồ sơ ${n.caseCode})`;
  const reasonLabel = n.reason ? (ARCHIVE_REASONS.find((r) => r.value === n.reason)?.label ?? n.reason) : '';
  switch (n.action) {
    case 'accept':
      return `${head} đã thụ lý giải quyết ${ref}${n.due ? `; thời hạn giải quyết đến hết ngày ${formatIsoDateVi(n.due)}` : ''}.`;
    case 'forward':
      return `${head} đã chuyển ${ref} đến ${n.targetAgencyName ?? 'cơ quan có thẩm quyền'} để xem xét, giải quyết theo thẩm quyền. Đơn chỉ được chuyển một lần.`;
    case 'guide':
      return `${head} hướng dẫn công dân gửi ${ref} đến cơ quan có thẩm quyền giải quyết. Việc hướng dẫn chỉ thực hiện một lần.`;
    case 'chase':
      return `${head} đã đôn đốc ${n.targetAgencyName ?? 'cơ quan cấp dưới có thẩm quyền'} xem xét, giải quyết ${ref} theo thẩm quyền và trả lời công dân.`;
    case 'return-documents':
      return `${head} trả lại ${ref} và giấy tờ, tài liệu kèm theo. Lý do: ${reasonLabel}.`;
    case 'archive':
      return `${head} lưu ${ref}, không xử lý. Lý do: ${reasonLabel}.${n.handledAt ? ` Vụ việc đang được ${n.handledAt} xem xét, giải quyết.` : ''}`;
    case 'decide':
    case 'conclude':
    case 'answer':
      return `${head} đã ${n.action === 'conclude' ? 'ban hành kết luận nội dung tố cáo' : n.action === 'answer' ? 'trả lời' : 'ban hành quyết định giải quyết'} ${ref}${n.outcomeLabel ? `: ${n.outcomeLabel}` : ''}.`;
    case 'extend':
      return `${head} đã gia hạn giải quyết ${ref}${n.due ? ` đến hết ngày ${formatIsoDateVi(n.due)}` : ''}.`;
    case 'suspend':
      return `${head} tạm đình chỉ việc giải quyết ${ref}. Lý do: ${reasonLabel}.`;
    case 'resume':
      return `${head} tiếp tục giải quyết ${ref}${n.due ? `; thời hạn giải quyết đến hết ngày ${formatIsoDateVi(n.due)}` : ''}.`;
    default:
      return null;
  }
}

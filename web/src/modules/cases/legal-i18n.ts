/**
 * Labels of the case-action inputs added for issue 12 (a head's decision recorded by a handler, the written finding
 * of complexity, group and denunciation withdrawals), Vietnamese first, kept next to CaseActions (the convention in i18n/i18n.tsx).
 */
import { useModuleT } from '../../i18n/i18n.tsx';

const vi = {
  decisionNo: 'Số quyết định của người đứng đầu',
  decisionNoHelp: 'Thụ lý, đình chỉ, kết thúc do rút đơn là quyết định của người đứng đầu: cán bộ chỉ ghi nhận quyết định đã ký.',
  signer: 'Người ký quyết định',
  complexityCriterion: 'Tiêu chí phức tạp (Điều 3a Nghị định 124/2020/NĐ-CP)',
  chooseCriterion: 'Chọn tiêu chí',
  withdrawingCount: 'Số người rút khiếu nại (để trống: tất cả)',
  withdrawingCountHelp: 'Khiếu nại đông người: những người không rút vẫn được tiếp tục giải quyết (Điều 7a Nghị định 124/2020/NĐ-CP).',
  withdrawPart: 'Chỉ rút một phần nội dung tố cáo',
  coerced: 'Việc rút tố cáo do bị đe dọa, mua chuộc',
  slander: 'Lợi dụng tố cáo để vu khống',
  goesOnHelp: 'Các trường hợp này vẫn tiếp tục giải quyết (khoản 4 Điều 4 Nghị định 31/2019/NĐ-CP, sửa đổi).',
  required: 'Cần nhập {field}',
};
type Key = keyof typeof vi;
const en: Record<Key, string> = {
  decisionNo: "Number of the head's decision",
  decisionNoHelp: "Acceptance, termination and closing on withdrawal are the head's decisions: staff only record a signed decision.",
  signer: 'Signed by',
  complexityCriterion: 'Complexity criterion (Decree 124/2020 Art. 3a)',
  chooseCriterion: 'Choose a criterion',
  withdrawingCount: 'Complainants withdrawing (empty: all)',
  withdrawingCountHelp: 'Group complaint: those who do not withdraw go on (Decree 124/2020 Art. 7a).',
  withdrawPart: 'Withdraw only part of the denunciation',
  coerced: 'The withdrawal was coerced or bought',
  slander: 'The denunciation was used to slander',
  goesOnHelp: 'In these cases the denunciation goes on (Decree 31/2019 Art. 4(4) as amended).',
  required: '{field} is required',
};

/** The case-action legal labels in the current language (the convention in i18n/i18n.tsx). */
export function useLegalT(): (key: Key, params?: Record<string, string>) => string {
  return useModuleT(vi, en).mt;
}

export type LegalKey = Key;

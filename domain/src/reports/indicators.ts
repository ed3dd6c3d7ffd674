/**
 * The indicators of the official statistical forms (TT 06/2025/TT-TTCP, LEGAL.md Reports): 01/TCD reception,
 * 02/XLD petition handling, 03/GQKN complaints, 04/GQTC denunciations. Every figure has a stable key; the server
 * computes each key from one SQL predicate, and the same predicate lists the records behind it (drill-down), so a
 * figure and its list cannot disagree. Labels are the Vietnamese column headings used on screen and in exports.
 *
 * Definitions (our reading of the forms, written down so an auditor can check them):
 *  - 01/TCD counts visits (lượt tiếp) dated in the period. "Vụ việc" = distinct matters received per agency: a
 *    visit linked to a case counts with its case, a visit that opened no case (guided, forwarded, refused,
 *    imported) is a matter of its own. Head-of-agency reception = visits in a session of kind head or
 *    unscheduled (Luật TCD Arts. 12, 15, 18: periodic and unscheduled reception by the head); everything else is
 *    regular reception (tiếp thường xuyên).
 *  - 02/XLD counts matters (đơn, one case each) to be processed: carried over (received before the period, not
 *    yet processed at its start) + received in the period. A matter is processed on the day of its processing
 *    decision (accept, forward, guide, chase, archive, return) or of a withdrawal before processing. Eligible (đủ
 *    điều kiện xử lý) = processed by accepting, forwarding, guiding or chasing the competent lower level (đôn
 *    đốc); archived and returned petitions are not eligible (TT 05/2021/TT-TTCP). Type and field breakdowns are of the eligible ones. Written submissions
 *    (petitions, with repeats of the same matter) are counted separately by channel.
 *  - 03/GQKN and 04/GQTC count complaints / denunciations within jurisdiction (accepted, thụ lý) = carried over
 *    (accepted before the period, not resolved before it) + accepted in the period. Resolved = decided in the
 *    period by a decision / conclusion, a withdrawal or a termination (đình chỉ). On time = the resolution date is
 *    not after the deadline in force at that moment (stored on the case when it is resolved). Settlement rate =
 *    resolved ÷ within jurisdiction.
 */
import { DEFAULT_FIELDS } from '../classification.ts';

export type FormKey = 'tcd' | 'xld' | 'gqkn' | 'gqtc';
export type Source = 'visits' | 'cases' | 'petitions';
/** count = records; people = sum of people in the visits; matters = distinct matters (vụ việc) of the visits. */
export type Measure = 'count' | 'people' | 'matters';

export interface IndicatorDef {
  key: string;
  form: FormKey;
  label: string;
  source: Source;
  measure: Measure;
}

export const CHANNEL_LABELS_VI: Record<string, string> = {
  'in-person': 'Trực tiếp',
  post: 'Bưu chính',
  online: 'Trực tuyến',
  hotline: 'Đường dây nóng',
  email: 'Thư điện tử',
  forwarded: 'Cơ quan khác chuyển đến',
  press: 'Báo chí',
  deputy: 'Đại biểu dân cử chuyển',
};

export const KIND_LABELS_VI: Record<string, string> = { complaint: 'Khiếu nại', denunciation: 'Tố cáo', feedback: 'Kiến nghị, phản ánh' };

export const FIELD_VALUES: readonly string[] = [...DEFAULT_FIELDS.map((f) => f.value), 'unclassified'];
export const FIELD_LABELS_VI: Record<string, string> = {
  ...Object.fromEntries(DEFAULT_FIELDS.map((f) => [f.value, f.label])),
  unclassified: 'Chưa phân loại lĩnh vực',
};

const v = (key: string, label: string, measure: Measure = 'count'): IndicatorDef => ({ key, form: 'tcd', label, source: 'visits', measure });
const x = (key: string, label: string, source: Source = 'cases'): IndicatorDef => ({ key, form: 'xld', label, source, measure: 'count' });
const g = (form: 'gqkn' | 'gqtc', key: string, label: string): IndicatorDef => ({ key: `${form}.${key}`, form, label, source: 'cases', measure: 'count' });

function gq(form: 'gqkn' | 'gqtc'): IndicatorDef[] {
  const noun = form === 'gqkn' ? 'khiếu nại' : 'tố cáo';
  const outcomes =
    form === 'gqkn'
      ? [
          g(form, 'right', 'Khiếu nại đúng'),
          g(form, 'partlyRight', 'Khiếu nại đúng một phần'),
          g(form, 'wrong', 'Khiếu nại sai'),
          g(form, 'upheld', 'Lần hai: công nhận quyết định lần đầu'),
          g(form, 'annulled', 'Lần hai: hủy quyết định lần đầu'),
          g(form, 'amended', 'Lần hai: sửa quyết định lần đầu'),
        ]
      : [g(form, 'right', 'Tố cáo đúng'), g(form, 'partlyRight', 'Tố cáo đúng một phần'), g(form, 'untrue', 'Tố cáo sai sự thật')];
  return [
    g(form, 'within', `Vụ ${noun} thuộc thẩm quyền`),
    g(form, 'carriedOver', 'Kỳ trước chuyển sang'),
    g(form, 'accepted', 'Thụ lý mới trong kỳ'),
    ...(form === 'gqkn' ? [g(form, 'secondInstance', 'Trong đó: giải quyết lần hai')] : []),
    g(form, 'resolved', 'Đã giải quyết'),
    g(form, 'byDecision', form === 'gqkn' ? 'Bằng quyết định giải quyết' : 'Bằng kết luận nội dung tố cáo'),
    g(form, 'withdrawn', `Rút ${noun}`),
    g(form, 'terminated', 'Đình chỉ giải quyết'),
    ...outcomes,
    g(form, 'onTime', 'Giải quyết đúng hạn'),
    g(form, 'late', 'Giải quyết quá hạn'),
    g(form, 'pending', 'Chưa giải quyết xong (chuyển kỳ sau)'),
  ];
}

export const INDICATORS: readonly IndicatorDef[] = [
  v('tcd.visits', 'Lượt tiếp'),
  v('tcd.people', 'Số người được tiếp', 'people'),
  v('tcd.cases', 'Vụ việc', 'matters'),
  v('tcd.delegations', 'Đoàn đông người'),
  v('tcd.delegationPeople', 'Số người trong đoàn đông người', 'people'),
  v('tcd.regular.visits', 'Tiếp thường xuyên: lượt'),
  v('tcd.regular.people', 'Tiếp thường xuyên: người', 'people'),
  v('tcd.regular.cases', 'Tiếp thường xuyên: vụ việc', 'matters'),
  v('tcd.regular.delegations', 'Tiếp thường xuyên: đoàn đông người'),
  v('tcd.head.visits', 'Thủ trưởng tiếp: lượt'),
  v('tcd.head.people', 'Thủ trưởng tiếp: người', 'people'),
  v('tcd.head.cases', 'Thủ trưởng tiếp: vụ việc', 'matters'),
  v('tcd.head.delegations', 'Thủ trưởng tiếp: đoàn đông người'),
  v('tcd.firstTime', 'Lượt tiếp lần đầu'),
  v('tcd.repeat', 'Lượt tiếp nhiều lần'),
  v('tcd.kind.complaint', 'Nội dung: khiếu nại'),
  v('tcd.kind.denunciation', 'Nội dung: tố cáo'),
  v('tcd.kind.feedback', 'Nội dung: kiến nghị, phản ánh'),
  v('tcd.outcome.received', 'Kết quả: tiếp nhận đơn'),
  v('tcd.outcome.guided', 'Kết quả: hướng dẫn'),
  v('tcd.outcome.forwarded', 'Kết quả: chuyển đơn'),
  v('tcd.outcome.refused', 'Kết quả: từ chối tiếp'),

  x('xld.total', 'Tổng số đơn phải xử lý'),
  x('xld.carriedOver', 'Kỳ trước chuyển sang'),
  x('xld.received', 'Tiếp nhận trong kỳ'),
  x('xld.processed', 'Đã xử lý'),
  x('xld.pending', 'Chưa xử lý (chuyển kỳ sau)'),
  x('xld.eligible', 'Đủ điều kiện xử lý'),
  ...Object.entries(KIND_LABELS_VI).map(([k, label]) => x(`xld.kind.${k}`, `Đủ điều kiện: ${label.toLowerCase()}`)),
  ...FIELD_VALUES.map((f) => x(`xld.field.${f}`, `Lĩnh vực: ${FIELD_LABELS_VI[f]}`)),
  x('xld.accepted', 'Thuộc thẩm quyền (thụ lý)'),
  ...Object.entries(KIND_LABELS_VI).map(([k, label]) => x(`xld.accepted.${k}`, `Thuộc thẩm quyền: ${label.toLowerCase()}`)),
  x('xld.forwarded', 'Không thuộc thẩm quyền: chuyển đơn'),
  x('xld.guided', 'Không thuộc thẩm quyền: hướng dẫn'),
  x('xld.chased', 'Không thuộc thẩm quyền: đôn đốc'),
  x('xld.archived', 'Lưu đơn'),
  x('xld.returned', 'Trả lại đơn'),
  x('xld.withdrawn', 'Rút đơn trước khi xử lý'),
  x('xld.petitions', 'Văn bản đơn tiếp nhận trong kỳ', 'petitions'),
  ...Object.entries(CHANNEL_LABELS_VI).map(([c, label]) => x(`xld.channel.${c}`, `Nguồn đơn: ${label.toLowerCase()}`, 'petitions')),

  ...gq('gqkn'),
  ...gq('gqtc'),
];

export const INDICATOR_KEYS: readonly string[] = INDICATORS.map((i) => i.key);
const BY_KEY = new Map(INDICATORS.map((i) => [i.key, i]));

export function indicatorDef(key: string): IndicatorDef | undefined {
  return BY_KEY.get(key);
}

export type Figures = Record<string, number>;

export function emptyFigures(): Figures {
  return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, 0]));
}

export function addFigures(a: Figures, b: Figures): Figures {
  const out: Figures = {};
  for (const k of INDICATOR_KEYS) out[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return out;
}

export interface FormInfo {
  key: FormKey;
  code: string;
  title: string;
  /** Column groups of the official layout, in order. */
  groups: { title: string; keys: string[] }[];
}

const keysOf = (prefix: string) => INDICATOR_KEYS.filter((k) => k.startsWith(prefix));
const gqGroups = (p: 'gqkn' | 'gqtc') => [
  { title: 'Vụ việc thuộc thẩm quyền', keys: [`${p}.within`, `${p}.carriedOver`, `${p}.accepted`, ...(p === 'gqkn' ? ['gqkn.secondInstance'] : [])] },
  { title: 'Đã giải quyết', keys: [`${p}.resolved`, `${p}.byDecision`, `${p}.withdrawn`, `${p}.terminated`] },
  {
    title: 'Kết quả giải quyết',
    keys: p === 'gqkn' ? ['gqkn.right', 'gqkn.partlyRight', 'gqkn.wrong', 'gqkn.upheld', 'gqkn.annulled', 'gqkn.amended'] : ['gqtc.right', 'gqtc.partlyRight', 'gqtc.untrue'],
  },
  { title: 'Thời hạn giải quyết', keys: [`${p}.onTime`, `${p}.late`] },
  { title: 'Chưa giải quyết xong', keys: [`${p}.pending`] },
];

export const FORMS: readonly FormInfo[] = [
  {
    key: 'tcd',
    code: '01/TCD',
    title: 'TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN',
    groups: [
      { title: 'Tổng số', keys: ['tcd.visits', 'tcd.people', 'tcd.cases', 'tcd.delegations', 'tcd.delegationPeople'] },
      { title: 'Tiếp thường xuyên', keys: keysOf('tcd.regular.') },
      { title: 'Thủ trưởng tiếp định kỳ, đột xuất', keys: keysOf('tcd.head.') },
      { title: 'Lần tiếp', keys: ['tcd.firstTime', 'tcd.repeat'] },
      { title: 'Nội dung tiếp', keys: keysOf('tcd.kind.') },
      { title: 'Kết quả tiếp', keys: keysOf('tcd.outcome.') },
    ],
  },
  {
    key: 'xld',
    code: '02/XLD',
    title: 'TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN',
    groups: [
      { title: 'Số đơn phải xử lý', keys: ['xld.total', 'xld.carriedOver', 'xld.received', 'xld.processed', 'xld.pending'] },
      { title: 'Đơn đủ điều kiện xử lý, theo loại', keys: ['xld.eligible', ...keysOf('xld.kind.')] },
      { title: 'Theo lĩnh vực', keys: keysOf('xld.field.') },
      { title: 'Kết quả xử lý', keys: ['xld.accepted', ...keysOf('xld.accepted.'), 'xld.forwarded', 'xld.guided', 'xld.chased', 'xld.archived', 'xld.returned', 'xld.withdrawn'] },
      { title: 'Văn bản đơn theo nguồn', keys: ['xld.petitions', ...keysOf('xld.channel.')] },
    ],
  },
  { key: 'gqkn', code: '03/GQKN', title: 'TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI', groups: gqGroups('gqkn') },
  { key: 'gqtc', code: '04/GQTC', title: 'TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO', groups: gqGroups('gqtc') },
];

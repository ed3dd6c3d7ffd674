/**
 * What generated citizens write: one template family per kind and intended field, phrased with the words the
 * classification rules look for (domain/classification.ts), so the handler's field comes from the same
 * keyword suggestion as in real work. Numbers (parcels, decisions, dates) make contents distinct: the
 * "once only" forward/guide guards compare contents, and two different citizens rarely write the same letter.
 */
import type { CaseKind } from '@danvan/domain/workflow';
import type { Rng } from './random.ts';
import { STREETS } from './people.ts';

type Template = (rng: Rng, ctx: { place: string; year: number; name: string }) => string;

const n = (rng: Rng, lo: number, hi: number) => String(rng.int(lo, hi));
const day = (rng: Rng, year: number) => `${String(rng.int(1, 28)).padStart(2, '0')}/${String(rng.int(1, 12)).padStart(2, '0')}/${year - rng.int(0, 3)}`;

const TEMPLATES: Record<CaseKind, Record<string, { weight: number; write: Template[] }>> = {
  complaint: {
    'dat-dai': {
      weight: 55,
      write: [
        (r, c) =>
          `Khiếu nại Quyết định số ${n(r, 10, 990)}/QĐ-UBND ngày ${day(r, c.year)} về việc thu hồi ${n(r, 20, 900)} m² đất tại thửa đất số ${n(r, 1, 600)}, tờ bản đồ số ${n(r, 1, 60)}, ${c.place}; đề nghị xem xét lại mức bồi thường, hỗ trợ tái định cư.`,
        (r, c) =>
          `Khiếu nại việc Ủy ban nhân dân không cấp giấy chứng nhận quyền sử dụng đất đối với thửa đất số ${n(r, 1, 600)}, tờ bản đồ số ${n(r, 1, 60)} tại ${c.place} của gia đình ${c.name}.`,
        (r, c) => `Khiếu nại phương án bồi thường, giải phóng mặt bằng dự án mở rộng đường ${r.pick(STREETS)} (đoạn km ${n(r, 0, 40)}+${n(r, 100, 900)}), ${c.place}.`,
      ],
    },
    'nha-o': {
      weight: 12,
      write: [
        (r, c) => `Khiếu nại quyết định xử phạt về xây dựng nhà ở tại số ${n(r, 1, 300)} đường ${r.pick(STREETS)}, ${c.place}, số ${n(r, 10, 990)}/QĐ-XPHC ngày ${day(r, c.year)}.`,
        (r, c) => `Khiếu nại việc từ chối cấp giấy phép xây dựng sửa chữa nhà ở tại thửa đất số ${n(r, 1, 600)}, ${c.place} (hồ sơ nộp ngày ${day(r, c.year)}).`,
      ],
    },
    'chinh-sach-xa-hoi': {
      weight: 10,
      write: [
        (r, c) => `Khiếu nại việc cắt trợ cấp người có công với cách mạng của gia đình ${c.name} từ tháng ${n(r, 1, 12)}/${c.year - 1}, ${c.place}.`,
        (r, c) => `Khiếu nại việc không giải quyết chế độ bảo hiểm xã hội một lần cho ${c.name} (sổ số ${n(r, 1000000, 9999999)}).`,
      ],
    },
    'hanh-chinh': {
      weight: 15,
      write: [
        (r, c) => `Khiếu nại việc chậm giải quyết hồ sơ thủ tục hành chính số ${n(r, 100, 99999)} nộp tại bộ phận một cửa ${c.place} ngày ${day(r, c.year)}.`,
        (r, c) => `Khiếu nại quyết định xử phạt vi phạm hành chính số ${n(r, 10, 990)}/QĐ-XPVPHC ngày ${day(r, c.year)} đối với ${c.name}.`,
      ],
    },
    'tu-phap': {
      weight: 8,
      write: [(r, c) => `Khiếu nại việc từ chối đăng ký khai sinh, hộ tịch cho con của ${c.name} tại ${c.place} (hồ sơ số ${n(r, 100, 9999)}).`],
    },
  },
  denunciation: {
    'tham-nhung': {
      weight: 35,
      write: [
        (r, c) => `Tố cáo cán bộ ${c.place} nhận hối lộ ${n(r, 5, 300)} triệu đồng, lợi dụng chức vụ vụ lợi trong việc xác nhận hồ sơ của người dân (ngày ${day(r, c.year)}).`,
        (r, c) => `Tố cáo hành vi tham nhũng, tham ô ${n(r, 50, 900)} triệu đồng kinh phí hỗ trợ tại ${c.place} năm ${c.year - r.int(0, 2)}.`,
      ],
    },
    'dat-dai': {
      weight: 30,
      write: [
        (r, c) => `Tố cáo cán bộ địa chính ${c.place} xác nhận sai nguồn gốc đất, ranh giới thửa đất số ${n(r, 1, 600)}, tờ bản đồ số ${n(r, 1, 60)}, gây thiệt hại cho người sử dụng đất.`,
        (r, c) => `Tố cáo việc giao đất trái thẩm quyền ${n(r, 100, 5000)} m² đất công tại ${c.place} cho hộ gia đình không đủ điều kiện, thửa số ${n(r, 1, 600)}.`,
      ],
    },
    'hanh-chinh': {
      weight: 20,
      write: [(r, c) => `Tố cáo cán bộ bộ phận một cửa ${c.place} cố tình chậm giải quyết hồ sơ số ${n(r, 100, 99999)} của người dân, gây phiền hà.`],
    },
    'chinh-sach-xa-hoi': {
      weight: 15,
      write: [(r, c) => `Tố cáo việc lập danh sách hộ nghèo, cấp trợ cấp sai đối tượng tại ${c.place} năm ${c.year - r.int(0, 1)} (${n(r, 3, 60)} hộ).`],
    },
  },
  feedback: {
    khac: {
      weight: 35,
      write: [
        (r, c) => `Phản ánh tình trạng ngập úng tại đường ${r.pick(STREETS)}, ${c.place} mỗi khi mưa lớn; đề nghị nạo vét hệ thống thoát nước (đoạn dài khoảng ${n(r, 50, 900)} m).`,
        (r, c) => `Phản ánh ô nhiễm tiếng ồn, khói bụi từ cơ sở sản xuất tại số ${n(r, 1, 300)} đường ${r.pick(STREETS)}, ${c.place}.`,
        (r, c) => `Kiến nghị sửa chữa ${n(r, 2, 40)} cột đèn chiếu sáng hỏng trên đường ${r.pick(STREETS)}, ${c.place}.`,
      ],
    },
    'hanh-chinh': {
      weight: 15,
      write: [(r, c) => `Kiến nghị rút ngắn thời gian giải quyết thủ tục hành chính tại bộ phận một cửa ${c.place}; hồ sơ số ${n(r, 100, 99999)} đã quá hạn.`],
    },
    'nha-o': {
      weight: 15,
      write: [(r, c) => `Phản ánh công trình xây dựng tại số ${n(r, 1, 300)} đường ${r.pick(STREETS)}, ${c.place} lấn chiếm vỉa hè, gây mất an toàn.`],
    },
    'dat-dai': {
      weight: 15,
      write: [(r, c) => `Kiến nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho ${n(r, 3, 80)} hộ dân tại ${c.place} đã nộp hồ sơ từ năm ${c.year - r.int(1, 5)}.`],
    },
    'chinh-sach-xa-hoi': {
      weight: 10,
      write: [(r, c) => `Kiến nghị xem xét chế độ bảo hiểm xã hội, trợ cấp cho ${c.name}, ${c.place} (mã số ${n(r, 1000000, 9999999)}).`],
    },
    'tu-phap': {
      weight: 10,
      write: [(r, c) => `Kiến nghị đẩy nhanh việc thi hành án dân sự theo bản án số ${n(r, 1, 400)}/${c.year - r.int(1, 3)}/DS-ST liên quan đến ${c.name}.`],
    },
  },
};

const WEIGHTS = Object.fromEntries(Object.entries(TEMPLATES).map(([kind, families]) => [kind, Object.fromEntries(Object.entries(families).map(([field, f]) => [field, f.weight]))])) as Record<
  CaseKind,
  Record<string, number>
>;

/**
 * A petition text for this kind, and which template wrote it (`template`: the same words around different
 * numbers and names). Its field is left to the classification suggestion, as for a handler.
 */
export function writeContent(rng: Rng, kind: CaseKind, ctx: { place: string; year: number; name: string }): { text: string; template: string } {
  const field = rng.weighted(WEIGHTS[kind]);
  const family = TEMPLATES[kind][field]!;
  const i = rng.int(0, family.write.length - 1);
  return { text: family.write[i]!(rng, ctx), template: `${kind}/${field}/${i}` };
}

/** A repeat visit: the citizen asks about the matter already lodged. */
export function progressQuestion(rng: Rng, kind: CaseKind, receivedOnVi: string, original: string): string {
  if (rng.chance(0.5)) return original;
  const what = kind === 'complaint' ? 'đơn khiếu nại' : kind === 'denunciation' ? 'đơn tố cáo' : 'kiến nghị, phản ánh';
  return `Đề nghị cho biết tiến độ, kết quả giải quyết ${what} đã gửi ngày ${receivedOnVi}; bổ sung ${rng.int(1, 6)} trang tài liệu.`;
}

export const GUIDED_TO = ['Tòa án nhân dân khu vực', 'Cơ quan thi hành án dân sự', 'Văn phòng đăng ký đất đai', 'Bảo hiểm xã hội', 'Ủy ban nhân dân cấp tỉnh', 'Công an cấp xã'];
export const FORWARDED_TO = ['Thanh tra tỉnh', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng', 'Sở Nội vụ', 'Công an tỉnh', 'Ban Tiếp công dân tỉnh'];

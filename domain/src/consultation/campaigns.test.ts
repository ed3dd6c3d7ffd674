import { describe, expect, it } from 'vitest';
import { campaignCore, groupNearDuplicates } from './campaigns.ts';

const LETTER =
  'Đề nghị giữ nguyên quy định về thời hạn giải quyết khiếu nại lần đầu là 30 ngày, không kéo dài thêm, vì người dân cần được trả lời nhanh chóng và đúng pháp luật; đồng thời bổ sung trách nhiệm của người đứng đầu khi để quá hạn.';
const GREETINGS = ['', 'Kính gửi Quốc hội, ', 'Kính gửi Ban soạn thảo: ', 'Xin chào, ', 'Thưa các đại biểu, '];
const CLOSINGS = ['', ' Trân trọng.', ' Xin cảm ơn!', ' Trân trọng cảm ơn.'];
const SWAPS: [string, string][] = [
  ['nhanh chóng', 'kịp thời'],
  ['Đề nghị', 'Tôi đề nghị'],
  ['người dân', 'công dân'],
  ['đúng pháp luật', 'theo đúng pháp luật'],
  ['bổ sung', 'cần bổ sung'],
];
const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** Copy i of the campaign letter: a greeting, a changed word, diacritics lost — deterministically mixed. */
function copy(i: number): string {
  let t = LETTER;
  const [a, b] = SWAPS[i % SWAPS.length]!;
  if (i % 3 === 0) t = t.replace(a, b);
  t = GREETINGS[i % GREETINGS.length] + t + CLOSINGS[i % CLOSINGS.length];
  if (i % 4 === 1) t = strip(t);
  return t;
}

const INDIVIDUAL = [
  'Khoản 2 nên quy định rõ cơ quan nào tiếp nhận đơn khi người khiếu nại chuyển nơi cư trú.',
  'Tôi không tán thành việc bỏ thủ tục hòa giải ở cơ sở đối với tranh chấp đất đai.',
  'Cần thêm quy định bảo vệ người tố cáo là người lao động trong doanh nghiệp tư nhân.',
  'Đề nghị cho phép nộp đơn qua ứng dụng di động và nhận thông báo bằng tin nhắn.',
  'Thời hạn 10 ngày để thụ lý là quá ngắn với các xã miền núi, nên là 15 ngày.',
  'Điều này trùng với Luật Tiếp công dân, đề nghị rà soát để tránh chồng chéo.',
  'Nên công khai kết quả giải quyết trên cổng thông tin của tỉnh trong 30 ngày.',
  'Đồng ý, nhưng cần hướng dẫn cụ thể về mẫu biên bản đối thoại.',
  'Đề nghị giữ nguyên quy định hiện hành về thẩm quyền của chủ tịch xã.',
  'Cần quy định trách nhiệm bồi thường khi quyết định giải quyết khiếu nại sai.',
];

describe('mass campaigns (issue 21)', () => {
  it('cuts greetings and courtesies and folds diacritics', () => {
    expect(campaignCore('Kính gửi Quốc hội, Đề nghị giữ nguyên. Trân trọng.')).toBe(campaignCore('de nghi giu nguyen'));
  });

  it('200 copies of one letter with small edits form one group of 200 next to the individual opinions', () => {
    const items = [
      ...Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, text: copy(i) })),
      ...INDIVIDUAL.map((text, i) => ({ id: `o${i}`, text })),
    ];
    // Interleave so that order does not help.
    const mixed = items.map((it, i) => ({ it, k: (i * 7919) % items.length })).sort((a, b) => a.k - b.k).map((x) => x.it);
    const groups = groupNearDuplicates(mixed);
    expect(groups[0]!.ids).toHaveLength(200);
    expect(new Set(groups[0]!.ids)).toEqual(new Set(items.slice(0, 200).map((x) => x.id)));
    expect(groups[0]!.variantCount).toBeGreaterThan(10);
    expect(groups[0]!.variants.length).toBeLessThanOrEqual(5);
    expect(groups.slice(1).map((g) => g.ids.length)).toEqual(INDIVIDUAL.map(() => 1));
    expect(groupNearDuplicates(mixed)).toEqual(groups);
  });

  it('keeps apart two letters on the same subject that say different things', () => {
    const a = 'Đề nghị giữ nguyên quy định về thời hạn giải quyết khiếu nại lần đầu là 30 ngày.';
    const b = 'Đề nghị kéo dài thời hạn giải quyết khiếu nại lần đầu lên 45 ngày đối với vụ việc phức tạp ở vùng sâu.';
    expect(groupNearDuplicates([{ id: 'a', text: a }, { id: 'b', text: b }])).toHaveLength(2);
  });
});

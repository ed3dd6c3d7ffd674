import { describe, expect, it } from 'vitest';
import { extractEntities } from './entities.ts';
import { reasonText, SAME_MATTER_THRESHOLD, scoreMatter } from './similarity.ts';

const WARD = 'Tôi khiếu nại Quyết định số 12/QĐ-UBND ngày 10/3/2026 của UBND Phường Ba Đình về việc thu hồi thửa đất số 45, tờ bản đồ số 7 của gia đình tôi; mức bồi thường không đúng giá thị trường.';
const CITY = 'kinh gui UBND TP Ha Noi. toi khieu nai QD 12/QD-UBND cua phuong ba dinh thu hoi thua dat so 45 to ban do so 7 cua gia dinh toi, boi thuong khong dung gia thi truong. xin cam on';

describe('entities (issue 18)', () => {
  it('reads decision numbers, parcels with map sheets, streets, accused and amounts, with or without diacritics', () => {
    expect(extractEntities(WARD)).toMatchObject({ decisions: ['12/qd'], parcels: ['45/7'] });
    expect(extractEntities(CITY)).toMatchObject({ decisions: ['12/qd'], parcels: ['45/7'] });
    expect(extractEntities('theo quyết định số 245 ngày 1/2/2026').decisions).toEqual(['245/qd']);
    expect(extractEntities('QĐ số 87/2025/QĐ-UBND').decisions).toEqual(['87/qd']);
    expect(extractEntities('thửa 318 tờ bản đồ 22').parcels).toEqual(['318/22']);
    expect(extractEntities('Đèn trên phố Đội Cấn, Phường Ba Đình hỏng').streets).toEqual(['doi can']);
    expect(extractEntities('den tren pho doi can hong').streets).toEqual(['doi can']);
    expect(extractEntities('sửa đường ống nước ở Kim Mã').streets).toEqual([]);
    expect(extractEntities('Tôi tố cáo ông Trần Văn Bình, cán bộ địa chính').people).toEqual(['tran van binh']);
    expect(extractEntities('nhận 50.000.000 đồng, sau đó thêm 5 triệu').amounts).toEqual(['5000000', '50000000']);
  });
});

describe('same-matter score (issue 18)', () => {
  it('the ward letter and the unaccented, abbreviated city letter are one matter: same decision, same parcel', () => {
    const s = scoreMatter({ text: CITY }, { text: WARD });
    expect(s.score).toBeGreaterThanOrEqual(SAME_MATTER_THRESHOLD);
    expect(reasonText(s.reasons)).toContain('cùng số quyết định, cùng thửa đất');
  });
  it('parcel 46 instead of 45 is another matter, however close the words', () => {
    const s = scoreMatter({ text: CITY.replace('so 45', 'so 46') }, { text: WARD });
    expect(s.conflicts).toContain('parcel');
    expect(s.score).toBeLessThan(SAME_MATTER_THRESHOLD);
  });
  it('another decision number, another street, another accused: not the same matter', () => {
    expect(scoreMatter({ text: WARD.replace('12/QĐ', '13/QĐ') }, { text: WARD }).score).toBeLessThan(SAME_MATTER_THRESHOLD);
    const light = 'Đèn chiếu sáng trên phố Văn Cao hỏng một tháng, ban đêm rất tối, đề nghị sửa.';
    expect(scoreMatter({ text: light }, { text: light.replace('Văn Cao', 'Liễu Giai') }).score).toBeLessThan(SAME_MATTER_THRESHOLD);
    const bribe = 'Tôi tố cáo ông Trần Văn Bình, cán bộ địa chính, nhận 50 triệu đồng làm sổ đỏ nhưng không làm.';
    expect(scoreMatter({ text: bribe }, { text: bribe.replace('Trần Văn Bình', 'Lê Minh Tuấn') }).score).toBeLessThan(SAME_MATTER_THRESHOLD);
  });
  it('greetings, closings, co-signers and sentence order do not hide the matter', () => {
    const a = 'Cống thoát nước trên đường Thụy Khuê bị tắc. Mỗi khi mưa nước ngập sâu tràn vào nhà dân. Đề nghị nạo vét cống.';
    const b = 'Kính gửi: Ủy ban nhân dân quận. Tôi tên là Lê Văn Tâm, sinh năm 1962. Đề nghị nạo vét cống. Cống thoát nước trên đường Thụy Khuê bị tắc, mỗi khi mưa nước ngập sâu tràn vào nhà dân. Xin trân trọng cảm ơn. Người cùng ký: Nguyễn Văn An, Trần Thị Bích.';
    const s = scoreMatter({ text: a }, { text: b });
    expect(s.score).toBeGreaterThanOrEqual(SAME_MATTER_THRESHOLD);
    expect(s.reasons).toEqual(expect.arrayContaining(['same-address', 'same-text']));
  });
  it('unrelated letters score low', () => {
    expect(scoreMatter({ text: WARD }, { text: 'Phản ánh quán karaoke hát đến 2 giờ sáng gây ồn.' }).score).toBeLessThan(0.3);
  });
});

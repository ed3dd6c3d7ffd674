import { describe, expect, it } from 'vitest';
import { citizenNotice } from './notices.ts';

const base = { kind: 'complaint' as const, caseCode: '01-2026-00012', agencyName: 'Ủy ban nhân dân Thành phố Hà Nội', on: '2026-05-20' };

describe('citizen notices of the processing decisions', () => {
  it('chase: tells the citizen the competent lower level was urged', () => {
    expect(citizenNotice({ ...base, action: 'chase', targetAgencyName: 'Ủy ban nhân dân Phường Ba Đình' })).toBe(
      'Ủy ban nhân dân Thành phố Hà Nội thông báo: ngày 20/05/2026 đã đôn đốc Ủy ban nhân dân Phường Ba Đình xem xét, giải quyết đơn khiếu nại (mã hồ sơ 01-2026-00012) theo thẩm quyền và trả lời công dân.',
    );
    expect(citizenNotice({ ...base, action: 'chase' })).toContain('cơ quan cấp dưới có thẩm quyền');
  });
  it('forward and guide keep their wording; a step without a notice gives null', () => {
    expect(citizenNotice({ ...base, action: 'forward', targetAgencyName: 'Bộ Xây dựng' })).toContain('đã chuyển đơn khiếu nại (mã hồ sơ 01-2026-00012) đến Bộ Xây dựng');
    expect(citizenNotice({ ...base, action: 'guide' })).toContain('Việc hướng dẫn chỉ thực hiện một lần.');
    expect(citizenNotice({ ...base, action: 'start-verification' })).toBeNull();
  });
});

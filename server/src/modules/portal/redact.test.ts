import { describe, expect, it } from 'vitest';
import { REDACTED, redact, remainingSuspects } from './redact.ts';

describe('redaction of public text (issue 13, item 4)', () => {
  const known = { names: ['Lò Văn An Danh'], idNumbers: ['001190077123'] };
  it('finds the name without diacritics, in capitals, with or without the spaces', () => {
    for (const written of ['LO VAN ANDANH', 'lo van an danh', 'Lò Văn An Danh', 'LÒ-VĂN AN  DANH', 'Lo Van Andanh']) {
      expect(redact(`Ông ${written} đã tố cáo.`, known), written).toBe(`Ông ${REDACTED} đã tố cáo.`);
    }
    expect(redact('Ông Lò Văn Minh', known)).toBe('Ông Lò Văn Minh');
  });
  it('strikes every run of a known ID number, with spaces, dots or dashes, also a partial run', () => {
    for (const written of ['001190077123', '001 190 077 123', '001.190.077.123', '001-190-077-123', '…123', 'số cuối 077123']) {
      const out = redact(`CCCD ${written} đã kiểm tra`, known);
      expect(out, written).not.toMatch(/123/);
      expect(out).toContain(REDACTED);
    }
    expect(redact('Quyết định số 45/QĐ ngày 15/07/2026', known)).toBe('Quyết định số 45/QĐ ngày 15/07/2026');
  });
  it('any 12-digit number written in groups is struck even when unknown', () => {
    expect(redact('số 079 190 066 614', {})).toBe(`số ${REDACTED}`);
  });
  it('highlights what remains: capitalised names and digit runs', () => {
    const s = remainingSuspects('Bà Trần Thị Bình ở số nhà 125 đã nhận.');
    expect(s.map((x) => [x.text, x.kind])).toEqual([
      ['Bà Trần Thị Bình', 'name'],
      ['125', 'number'],
    ]);
  });
});

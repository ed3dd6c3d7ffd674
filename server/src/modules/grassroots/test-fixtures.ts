/** Test data for grassroots: household registers as a clerk's Excel file, imported through the API. */
import { expect } from 'vitest';
import type { TestEnv } from '../../testing/harness.ts';
import { XLSX_MIME } from '../reception/register-xlsx.ts';
import { buildHouseholdWorkbook, type HouseholdSheetRow } from './households-xlsx.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Cường', 'Thu Dung', 'Quang Em', 'Thị Giang', 'Đức Hải', 'Ngọc Lan', 'Văn Lực', 'Thị Mai', 'Hữu Nghĩa', 'Thanh Phương'];

export const hh = (i: number) => `H${String(i).padStart(3, '0')}`;

/** `households` rows of one village; ids are unique across villages thanks to `seed`. */
export function villageRows(code: string, name: string, households: number, seed: number): HouseholdSheetRow[] {
  return Array.from({ length: households }, (_, j) => {
    const i = j + 1;
    return {
      communityCode: code,
      communityName: j === 0 ? name : '',
      communityKind: 'Thôn',
      householdCode: hh(i),
      name: `${FAMILY[(i + seed) % 10]} ${GIVEN[(i * 7 + seed) % 12]} ${seed}-${i}`,
      idNumber: `0010${String(seed * 10000 + i).padStart(8, '0')}`,
      phone: `09${String(seed * 10000 + i).padStart(8, '0')}`,
      address: `Số ${i}, ${name}`,
      members: String(1 + (i % 6)),
    };
  });
}

export async function importRows(env: TestEnv, token: string, agency: string, rows: HouseholdSheetRow[]) {
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/grassroots/households/import?agency=${agency}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_MIME },
    payload: await buildHouseholdWorkbook(rows),
  });
}

export async function ok<T = Record<string, unknown>>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const res = await p;
  expect(res.statusCode, res.body.slice(0, 600)).toBe(status);
  return res.json() as T;
}

/**
 * A large register (50,000 rows, the size limit) in a clerk's own layout: read through the mapping, checked and
 * written in one transaction, with the progress reported from the first row to the last (the CLI's progress bar
 * and the server share this callback).
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { requireAgency } from '../agencies/queries.ts';
import { importRegisterFile } from './import-register.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-09-30T03:00:00Z' });
});
afterAll(async () => env?.close());

const ROWS = 50_000;

describe('50,000 rows', () => {
  it('imports them with progress from 0 to the end', { timeout: 900_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sổ');
    ws.addRow(['Số TT', 'Ngày', 'Họ tên, địa chỉ', 'CCCD', 'Nội dung', 'Loại đơn', 'Thụ lý']);
    for (let i = 0; i < ROWS; i++) {
      ws.addRow([i + 1, `${1 + (i % 28)}/${1 + (i % 9)}/2026`, `Người Thứ ${i}, tổ ${i % 50} phường Ba Đình`, `0010${String(80000000 + i).padStart(8, '0')}`, `Phản ánh số ${i}`, i % 2 ? 'KN' : 'PA', 'x']);
    }
    const file = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const agency = await requireAgency(env.database.db, '00004');
    const ticks: [number, number][] = [];
    const mapping = { A: 'no', B: 'date', C: 'person', D: 'idNumber', E: 'content', F: 'type', G: 'withinJurisdiction' };
    const r = await importRegisterFile(env.ctx, { id: null, displayName: 'test' }, agency, file, 'all', { mapping, onProgress: (done, total) => ticks.push([done, total]) });
    expect(r.invalid).toBe(0);
    expect(r.imported).toBe(ROWS);
    expect(ticks.length).toBeGreaterThan(100);
    expect(ticks.every(([d, t], i) => d <= t && (i === 0 || d >= ticks[i - 1]![0]))).toBe(true);
    expect(ticks.at(-1)).toEqual([ROWS * 2, ROWS * 2]);
    const [c] = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from visits where source = 'import'`);
    expect(Number(c?.n)).toBe(ROWS);
  });
});

/**
 * The import commands as a clerk runs them (a real process through bin/danvan.mjs on its own PGlite data
 * directory): `danvan register import` of the official two-row layout with `--mapping FILE`, and
 * `danvan cases import`, which without a mapping prints the proposed one and writes nothing, and with it
 * imports the cases; bad rows go to the error file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'danvan-imports-'));
const dataDir = path.join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function danvan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', dataDir], { cwd: ROOT, env, timeout: 200_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function xlsx(rows: (string | number)[][], merges: [number, number, number, number][] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r, i) => r.forEach((v, j) => v !== '' && (ws.getRow(i + 1).getCell(j + 1).value = v)));
  for (const m of merges) ws.mergeCells(...m);
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

describe('danvan register import --mapping and danvan cases import', () => {
  it('imports the official register layout with a mapping file', async () => {
    const h1 = ['STT', 'Ngày tiếp', 'Họ tên - Địa chỉ - CMND/Hộ chiếu của người đến', 'Nội dung vụ việc', 'Phân loại đơn / Số người đứng đơn', '', 'Cơ quan đã giải quyết', 'Hướng xử lý', '', '', 'Theo dõi kết quả', 'Ghi chú'];
    const h2 = ['', '', '', '', 'Loại đơn', 'Số người', '', 'Thụ lý', 'Hướng dẫn', 'Chuyển đơn', '', ''];
    const data = Array.from({ length: 5 }, (_, i) => [i + 1, `0${i + 1}/06/2026`, `Người Số ${i}, thôn Bắc, CCCD 00109000${1000 + i}`, `Nội dung ${i}`, 'KN', '1', '', 'x', '', '', '', '']);
    const file = await xlsx([['SỔ TIẾP CÔNG DÂN'], h1, h2, Array.from({ length: 12 }, (_, i) => `(${i + 1})`), ...data], [[2, 5, 2, 6], [2, 8, 2, 10], [2, 1, 3, 1], [2, 2, 3, 2], [2, 3, 3, 3], [2, 4, 3, 4]]);
    const noMapping = await danvan('register', 'import', file, '--agency', '00004');
    expect(noMapping.code).toBe(1);
    const mapping = path.join(dir, 'register.json');
    writeFileSync(mapping, JSON.stringify({ A: 'no', B: 'date', C: 'person', D: 'content', E: 'type', F: 'people', G: 'priorAgencies', H: 'withinJurisdiction', I: 'guidance', J: 'transfer', K: 'followUp', L: 'notes' }));
    const r = await danvan('register', 'import', file, '--agency', '00004', '--mapping', mapping);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã nhập 5 lượt tiếp');
  }, 400_000);

  it('prints the proposed mapping, then imports the cases with it; bad rows go to the error file', async () => {
    const header = ['Số hồ sơ', 'Ngày nhận đơn', 'Họ tên, địa chỉ', 'Nội dung đơn', 'Loại đơn', 'Ngày thụ lý', 'Tình trạng'];
    const file = await xlsx([header, ['A-1', '02/06/2026', 'Lê Văn Tư, thôn Bắc', 'Khiếu nại bồi thường', 'Khiếu nại', '09/06/2026', 'Đã thụ lý'], ['A-2', '03/06/2026', 'Lê Văn Năm, thôn Bắc', 'Phản ánh đèn đường', 'PA', '', 'Đã tiếp nhận'], ['A-3', '40/06/2026', 'Lê Văn Sáu, thôn Bắc', 'Tố cáo', 'TC', '', '']]);
    const first = await danvan('cases', 'import', file, '--agency', '00004');
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('"B": "receivedOn"');
    const mapping = path.join(dir, 'cases.json');
    writeFileSync(mapping, JSON.stringify({ A: 'ref', B: 'receivedOn', C: 'person', D: 'content', E: 'kind', F: 'acceptedOn', G: 'state' }));
    const errors = path.join(dir, 'loi.csv');
    const r = await danvan('cases', 'import', file, '--agency', '00004', '--mapping', mapping, '--valid-only', '--errors', errors);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã nhập 2 vụ việc');
    expect(r.stderr).toContain('Dòng 4, cột «B – Ngày nhận đơn»');
    expect(readFileSync(errors, 'utf8')).toContain('"4","B","Ngày nhận đơn"');
  }, 400_000);
});

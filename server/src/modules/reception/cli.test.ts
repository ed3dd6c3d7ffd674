/**
 * `danvan register import / export` as a clerk runs it: a real process through bin/danvan.mjs on its own PGlite
 * data directory. Bad rows are listed by sheet row and column and nothing is written; --valid-only writes the rest;
 * the export of what was imported has the same rows.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRegisterRow, type RegisterRow } from '@danvan/domain/reception/register';
import { buildRegisterWorkbook, readRegisterWorkbook } from './register-xlsx.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'danvan-register-'));
const dataDir = path.join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function danvan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', dataDir], { cwd: ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const rows: RegisterRow[] = Array.from({ length: 40 }, (_, i) =>
  toRegisterRow(i + 1, {
    visitedOn: `2026-06-${String(1 + (i % 28)).padStart(2, '0')}`,
    kind: i % 2 ? 'feedback' : 'complaint',
    citizenName: `Công dân ${i + 1}`,
    citizenAddress: `Số ${i + 1} Đội Cấn, Hà Nội`,
    citizenIdNumber: `00109000${String(1000 + i)}`,
    content: `Nội dung ${i + 1}`,
    peopleCount: 1,
    priorAgencies: null,
    withinJurisdiction: true,
    outcome: 'petition-received',
    guidanceDocNo: null,
    forwardedTo: null,
    transferDocNo: null,
    refusalGround: null,
    resultFollowUp: null,
    notes: null,
  }),
);

describe('danvan register', () => {
  const good = path.join(dir, 'so.xlsx');
  const bad = path.join(dir, 'so-loi.xlsx');
  beforeAll(async () => {
    writeFileSync(good, await buildRegisterWorkbook(rows, { agencyName: 'UBND Phường Ba Đình', periodText: 'Tháng 6/2026' }));
    const broken = rows.map((r, i) => (i === 4 ? { ...r, people: 'mười' } : r));
    writeFileSync(bad, await buildRegisterWorkbook(broken, { agencyName: 'UBND Phường Ba Đình', periodText: 'Tháng 6/2026' }));
  });

  it('a file with a bad row: the row is listed by number and column, exit 1, nothing written', { timeout: 120_000 }, async () => {
    const r = await danvan('register', 'import', bad, '--agency', '00004');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('Lỗi: Dòng 8, cột «G – Số người cùng nội dung»: số người «mười» phải là số nguyên từ 1 đến 10000');
    expect(r.stderr).toContain('Tệp có 1 dòng lỗi; chưa ghi dòng nào vào sổ');
  });

  it('--valid-only writes the good rows; the export has them', { timeout: 120_000 }, async () => {
    const r = await danvan('register', 'import', bad, '--agency', '00004', '--valid-only');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã nhập 39 lượt tiếp vào sổ của Ủy ban nhân dân Phường Ba Đình');
    const out = path.join(dir, 'xuat.xlsx');
    const e = await danvan('register', 'export', '--agency', '00004', '--from', '2026-06-01', '--to', '2026-06-30', '--out', out);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toContain('Đã xuất 39 dòng');
    const sheet = await readRegisterWorkbook(readFileSync(out));
    expect(sheet.rows).toHaveLength(39);
  });

  it('a good file imports into another commune in one go', { timeout: 120_000 }, async () => {
    const r = await danvan('register', 'import', good, '--agency', '00008');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã nhập 40 lượt tiếp');
  });
});

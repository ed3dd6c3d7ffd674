/**
 * `danvan deadline` as a user runs it: a real process through bin/danvan.mjs, on its own PGlite data directory
 * (the command opens the database so that the administrator's calendar edits count).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'danvan-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function danvan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', dataDir], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('danvan deadline', () => {
  it('--json prints the deadline object: complaint.first from 29/01/2027 is due 01/03/2027, explained in Vietnamese', async () => {
    const r = await danvan('deadline', '--rule', 'complaint.first', '--from', '2027-01-29', '--json');
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(d).toMatchObject({
      rule: 'complaint.first',
      version: 'complaint.first@2012-07-01',
      from: '2027-01-29',
      due: '2027-03-01',
      unit: 'calendar',
      days: 30,
      citation: 'Điều 28 Luật Khiếu nại 2011',
      verified: true,
      rolledOver: { from: '2027-02-28', to: '2027-03-01', reason: 'Chủ nhật' },
      explanation:
        'Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý 29/01/2027 (Điều 28 Luật Khiếu nại 2011); ngày cuối 28/02/2027 là Chủ nhật nên hạn là 01/03/2027.',
    });
  });

  it('prints the due date dd/mm/yyyy and the explanation for people; options select the variant', async () => {
    const r = await danvan('deadline', '--rule', 'complaint.first', '--from', '2027-01-29', '--remote', '--complex');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Hạn: 30/03/2027 (Thứ ba), hết 23:59:59 giờ Việt Nam');
    expect(r.stdout).toContain('60 ngày (vụ việc phức tạp ở vùng sâu, vùng xa) kể từ ngày thụ lý 29/01/2027');
  });

  it('an unknown rule exits 1 and lists the valid keys', async () => {
    const r = await danvan('deadline', '--rule', 'complaint.third', '--from', '2027-01-29');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Các quy tắc hợp lệ: petition.process, reception.notice, reception.repeat-notice, complaint.accept, complaint.guide, complaint.first');
    expect(r.stderr).toContain('Không có quy tắc thời hạn «complaint.third»');
  });
});

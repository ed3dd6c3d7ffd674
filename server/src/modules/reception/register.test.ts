/**
 * The register (sổ tiếp công dân, Mẫu 03/TCD) in and out of Excel, through the HTTP API on both databases:
 *  - 1,000 rows typed in Excel are imported; with 3 visits recorded at the desk the register is exported,
 *    imported into another commune and exported again: the same 1,003 rows, cell for cell;
 *  - a file with 3 bad rows is rejected with those 3 rows by sheet number and column, and writes nothing;
 *    `mode=check` reports without writing, `mode=valid-only` writes the 997 good rows;
 *  - the same file twice, a file that is not a workbook, a sheet without the form's header: clear 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { REGISTER_COLUMNS, toRegisterRow, type RegisterRow, type RegisterVisit } from '@danvan/domain/reception/register';
import { REFUSAL_GROUNDS } from '@danvan/domain/reception/visits';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { buildRegisterWorkbook, readRegisterWorkbook, XLSX_MIME } from './register-xlsx.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-31T03:00:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
  await env.addUser('letan.giangvo', 'receptionist', '00025');
  await env.addUser('giamsat', 'monitor', '01');
});
afterAll(async () => env?.close());

const KINDS = ['complaint', 'denunciation', 'feedback'] as const;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Cường', 'Thu Dung', 'Quang Em', 'Thị Giang', 'Đức Hải', 'Ngọc Lan'];

/** 1,000 rows as a clerk would keep them in Excel: every type, delegations, guided, forwarded, refused, passports. */
function clerkRows(): RegisterRow[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const kind = KINDS[i % 3]!;
    const outcome = i % 10 === 3 ? 'guided' : i % 10 === 5 ? 'forwarded' : i % 50 === 7 ? 'refused' : 'petition-received';
    const v: RegisterVisit = {
      visitedOn: `2026-07-${String(1 + (i % 30)).padStart(2, '0')}`,
      kind,
      citizenName: `${FAMILY[i % 8]} ${GIVEN[(i >> 3) % 8]}`,
      citizenAddress: `Số ${i + 1} phố Kim Mã, Phường Ba Đình, Hà Nội`,
      citizenIdNumber: i % 97 === 0 ? `B${String(1000000 + i)}` : `0010${String(85000000 + i).padStart(8, '0')}`,
      content: `Nội dung vụ việc số ${i + 1}: ${kind === 'complaint' ? 'khiếu nại quyết định thu hồi đất' : kind === 'denunciation' ? 'tố cáo hành vi sai phạm của cán bộ' : 'kiến nghị sửa chữa đường ngõ'}`,
      peopleCount: i % 25 === 0 ? 12 : i % 40 === 1 ? 6 : 1,
      priorAgencies: i % 4 === 0 ? 'UBND Phường Ba Đình' : null,
      withinJurisdiction: outcome === 'petition-received' ? true : outcome === 'refused' ? null : false,
      outcome,
      guidanceDocNo: outcome === 'guided' ? `${i}/HD-TCD` : null,
      forwardedTo: outcome === 'forwarded' ? 'Ủy ban nhân dân Thành phố Hà Nội' : null,
      transferDocNo: outcome === 'forwarded' ? `${i}/CV-TCD` : null,
      refusalGround: outcome === 'refused' ? REFUSAL_GROUNDS[i % REFUSAL_GROUNDS.length]!.code : null,
      resultFollowUp: i % 6 === 0 ? 'Đã có văn bản trả lời' : null,
      notes: i % 9 === 0 ? 'Công dân đến lần đầu' : null,
    };
    const row = toRegisterRow(i + 1, v);
    // A clerk's Excel register names the denouncer too: the import must not keep it.
    return kind === 'denunciation' ? { ...row, nameAddress: `${v.citizenName}\n${v.citizenAddress}`, idNumber: v.citizenIdNumber ?? '' } : row;
  });
}

async function importFile(user: string, agency: string, file: Buffer, mode?: string) {
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/reception-register/import?agency=${agency}${mode ? `&mode=${mode}` : ''}`,
    headers: { authorization: `Bearer ${await env.login(user)}`, 'content-type': XLSX_MIME },
    payload: file,
  });
}

async function exportFile(user: string, agency: string): Promise<Buffer> {
  const res = await env.app.inject({ method: 'GET', url: `/api/v1/reception-register/export?agency=${agency}&from=2026-07-01&to=2026-07-31`, headers: { authorization: `Bearer ${await env.login(user)}` } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  expect(String(res.headers['content-disposition'])).toBe(`attachment; filename="so-tiep-cong-dan-${agency}-2026-07-01-2026-07-31.xlsx"`);
  return res.rawPayload;
}

async function visitCount(agencyCode: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from visits v join agencies a on a.id = v.agency_id where a.code = ${agencyCode}`);
  return Number(r?.n);
}

const cellsOf = async (file: Buffer) => (await readRegisterWorkbook(file)).rows.map((r) => REGISTER_COLUMNS.map((c) => r.cells[c.key] ?? ''));

describe('export → import round trip', () => {
  let exported: Buffer;

  it('imports 1,000 rows kept in Excel', async () => {
    const file = await buildRegisterWorkbook(clerkRows(), { agencyName: 'Ủy ban nhân dân Phường Ba Đình', periodText: 'Tháng 7/2026' });
    const started = Date.now();
    const res = await importFile('letan', '00004', file);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(res.json()).toMatchObject({ status: 'imported', total: 1000, valid: 1000, invalid: 0, imported: 1000, errors: [] });
    // Denunciation rows carry a name in this file: it is not imported, and the clerk is told.
    expect((res.json() as { warnings: { message: string }[] }).warnings.length).toBe(333);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await visitCount('00004')).toBe(1000);
  });

  it('three visits at the desk join the register (a case, a sealed denunciation, a delegation)', async () => {
    const token = await env.login('letan');
    const desk = [
      { citizen: { name: 'Đinh Văn Tâm', idNumber: '001080000001', address: 'Số 2 Liễu Giai, Phường Ba Đình' }, content: 'Khiếu nại quyết định xử phạt hành chính số 77/QĐ-XPHC', type: 'complaint' },
      { citizen: { name: 'Người Tố Cáo', idNumber: '001080000002', address: 'Số 4 Liễu Giai' }, content: 'Tố cáo cán bộ thu tiền sai quy định', type: 'denunciation' },
      {
        citizen: { name: 'Đại Diện Một', idNumber: '001080000003', address: 'Số 6 Liễu Giai' },
        content: 'Đoàn 15 hộ kiến nghị về ô nhiễm tiếng ồn',
        type: 'feedback',
        peopleCount: 15,
        representatives: [
          { name: 'Đại Diện Một', idNumber: '001080000003', address: 'Số 6 Liễu Giai' },
          { name: 'Đại Diện Hai', idNumber: '001080000004', address: 'Số 8 Liễu Giai' },
        ],
      },
    ];
    for (const [i, body] of desk.entries()) {
      env.setNow(`2026-07-31T03:0${i + 1}:00Z`);
      const res = await env.api('POST', '/api/v1/visits', { token, body: { agency: '00004', visitedOn: '2026-07-30', ...body } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const view = await env.api('GET', '/api/v1/reception-register?agency=00004&from=2026-07-30&to=2026-07-30', { token });
    const rows = (view.json() as { rows: { cells: RegisterRow }[] }).rows.map((r) => r.cells);
    const mine = rows.slice(-3);
    expect(mine[0]).toMatchObject({ type: 'KN', nameAddress: 'Đinh Văn Tâm\nSố 2 Liễu Giai, Phường Ba Đình', idNumber: '001080000001', withinJurisdiction: 'Có', followUp: 'Vụ việc 00004-2026-00001: Đã tiếp nhận' });
    expect(mine[1]).toMatchObject({ type: 'TC', nameAddress: '[Đã bảo mật]', idNumber: '' });
    expect(mine[2]).toMatchObject({ type: 'KN-PA', people: '15' });
    expect(view.body).not.toContain('Người Tố Cáo');
  });

  it('export → import into another commune → export gives the same 1,003 rows, cell for cell', async () => {
    exported = await exportFile('letan', '00004');
    const a = await cellsOf(exported);
    expect(a).toHaveLength(1003);
    expect(a[0]![0]).toBe('1');
    expect(a[1002]![0]).toBe('1003');
    expect(a.flat().join('\n')).not.toContain('Người Tố Cáo');
    const res = await importFile('letan.ngocha', '00008', exported);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(res.json()).toMatchObject({ imported: 1003, invalid: 0, warnings: [] });
    const b = await cellsOf(await exportFile('letan.ngocha', '00008'));
    expect(b).toEqual(a);
    // The same figures in the period report of both communes.
    for (const [user, agency] of [['letan', '00004'], ['letan.ngocha', '00008']] as const) {
      const r = (await env.api('GET', `/api/v1/reports/period?agency=${agency}&from=2026-07-01&to=2026-07-31`, { token: await env.login(user) })).json() as Record<string, number>;
      expect(r).toMatchObject({ visits: 1003, delegations: 40 + 25 + 1 }); // 12-people rows, 6-people rows, the desk delegation
    }
  });

  it('the same file cannot be imported twice into one agency', async () => {
    const res = await importFile('letan.ngocha', '00008', exported);
    expect(res.statusCode).toBe(409);
    expect((res.json() as { message: string }).message).toMatch(/^Tệp này đã được nhập vào sổ của cơ quan lúc /);
  });
});

describe('a file with bad rows', () => {
  let file: Buffer;
  beforeAll(async () => {
    const rows = clerkRows();
    expect(rows[499]!.type).toBe('TC');
    rows[9] = { ...rows[9]!, date: '31/02/2026' };
    rows[499] = { ...rows[499]!, type: 'XX' };
    rows[998] = { ...rows[998]!, idNumber: '12345' };
    file = await buildRegisterWorkbook(rows, { agencyName: 'Ủy ban nhân dân Phường Giảng Võ', periodText: 'Tháng 7/2026' });
  });

  it('reports those 3 rows by sheet number and column, and writes nothing', async () => {
    const before = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from audit_log`);
    const res = await importFile('letan.giangvo', '00025', file);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { message: string; total: number; invalid: number; imported: number; errors: { row: number; column: string; header: string; message: string; text: string }[] };
    expect(body.message).toBe('Tệp có 3 dòng lỗi; chưa ghi dòng nào vào sổ');
    expect(body).toMatchObject({ total: 1000, invalid: 3, imported: 0 });
    // Data starts on sheet row 4 (title, agency/period, header): rows 10, 500, 999 of the data are 13, 503, 1002.
    expect(body.errors.map((e) => [e.row, e.column, e.header])).toEqual([
      [13, 'B', 'Ngày tiếp'],
      [503, 'F', 'Phân loại (KN/TC/KN-PA)'],
      [1002, 'D', 'Số CCCD/Hộ chiếu'],
    ]);
    expect(body.errors[0]!.text).toBe('Dòng 13, cột «Ngày tiếp»: ngày «31/02/2026» không hợp lệ (cần dạng dd/mm/yyyy và là ngày có thật)');
    expect(body.errors[1]!.message).toBe('phân loại «XX» không hợp lệ; ghi KN, TC hoặc KN-PA');
    expect(body.errors[2]!.message).toBe('«12345» không phải số định danh cá nhân 12 chữ số hay số hộ chiếu');
    expect(await visitCount('00025')).toBe(0);
    const after = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from audit_log`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('in English on request', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reception-register/import?agency=00025',
      headers: { authorization: `Bearer ${await env.login('letan.giangvo')}`, 'content-type': XLSX_MIME, 'accept-language': 'en' },
      payload: file,
    });
    expect((res.json() as { message: string; errors: { text: string }[] }).errors[1]!.text).toBe('Row 503, column "Phân loại (KN/TC/KN-PA)": type "XX" is not valid; use KN, TC or KN-PA');
  });

  it('mode=check reports without writing; mode=valid-only writes the 997 good rows', async () => {
    const check = await importFile('letan.giangvo', '00025', file, 'check');
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ status: 'checked', valid: 997, invalid: 3, imported: 0 });
    expect(await visitCount('00025')).toBe(0);
    const some = await importFile('letan.giangvo', '00025', file, 'valid-only');
    expect(some.statusCode, some.body.slice(0, 300)).toBe(201);
    expect(some.json()).toMatchObject({ status: 'imported', valid: 997, invalid: 3, imported: 997 });
    expect((some.json() as { errors: unknown[] }).errors).toHaveLength(3);
    expect(await visitCount('00025')).toBe(997);
  });
});

describe('import errors and scope', () => {
  it('a body that is not a workbook, a sheet without the header, an empty body: 400 in Vietnamese', async () => {
    const junk = await importFile('letan', '00004', Buffer.from('not an xlsx file'));
    expect(junk.statusCode).toBe(400);
    expect((junk.json() as { message: string }).message).toBe('Không đọc được tệp Excel (.xlsx) của sổ tiếp công dân');
    const noHeader = await buildRegisterWorkbook([], { agencyName: 'x', periodText: 'y' });
    const wb = await readRegisterWorkbook(noHeader).catch((e: Error) => e);
    expect(wb).toBeInstanceOf(Error); // no data rows
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/reception-register/import?agency=00004', headers: { authorization: `Bearer ${await env.login('letan')}`, 'content-type': XLSX_MIME }, payload: noHeader });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toBe('Tệp không có dòng dữ liệu nào');
    const json = await env.api('POST', '/api/v1/reception-register/import?agency=00004', { token: await env.login('letan'), body: { rows: [] } });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
  });
  it('outsiders get 404; a monitor may export but not import', async () => {
    const file = await buildRegisterWorkbook(clerkRows().slice(0, 2), { agencyName: 'x', periodText: 'y' });
    expect((await importFile('letan.ngocha', '00004', file)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/reception-register/export?agency=00004&from=2026-07-01&to=2026-07-31', headers: { authorization: `Bearer ${await env.login('letan.ngocha')}` } })).statusCode).toBe(404);
    expect((await importFile('giamsat', '00004', file)).statusCode).toBe(403);
    expect((await exportFile('giamsat', '00004')).length).toBeGreaterThan(1000);
  });
  it('the audit chain holds; one audit row per import', async () => {
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
    const [r] = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from audit_log where action = 'register.import'`);
    expect(r?.n).toBe(3);
  });
});

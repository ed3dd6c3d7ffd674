/**
 * Adoption (issue 19) through the HTTP API, on both databases (DANVAN_TEST_DB):
 *  - a register in the official Mẫu 03/TCD layout (title rows, a two-row header with merged group cells, the
 *    "(1) … (12)" row, name + address + ID in one cell, "x" marks, dates in every shape) previews with every
 *    column mapped right and imports its 200 visits; the same data with shuffled, reworded columns imports to the
 *    same records after one mapping correction, which is saved as the agency's template and reused;
 *  - 120 open cases of every kind and state import into the right states with the legal clock's deadlines (10 of
 *    them worked out by hand below), and the commune's six-month report equals the report of another commune
 *    where the same 120 cases were entered by hand through the API;
 *  - 3 bad rows out of 1,000 are named and nothing is written; valid-only writes 997 and the error file; the same
 *    file again writes nothing; undo removes the 997 (and is refused once a record was worked on);
 *  - a denouncer's name from an imported case is in no list, no log, no audit row and no table in clear;
 *  - a CSV typed in TCVN3 is converted with a warning; scope and permissions as entering by hand.
 */
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { XLSX_MIME } from '../reception/register-xlsx.ts';
import { requireAgency } from '../agencies/queries.ts';
import { resolveAgencies } from './agency-names.ts';
import * as XLS from '@e965/xlsx';

let env: TestEnv;
const logs: string[] = [];

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  env = await createTestEnv({ now: '2026-09-30T03:00:00Z', logStream });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
  await env.addUser('xuly.ngocha', 'handler', '00008');
  await env.addUser('lanhdao.ngocha', 'head', '00008');
  await env.addUser('letan.giangvo', 'receptionist', '00025');
  await env.addUser('giamsat', 'monitor', '01');
});
afterAll(async () => env?.close());

type Cell = string | number | Date;

async function workbook(rows: Cell[][], merges: [number, number, number, number][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ');
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v !== '') row.getCell(j + 1).value = v;
    });
  });
  for (const [r1, c1, r2, c2] of merges) ws.mergeCells(r1, c1, r2, c2);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The same grid saved as an Excel 97–2003 workbook (.xls, BIFF8), as old agency machines still write it. */
function xlsWorkbook(rows: Cell[][], merges: [number, number, number, number][] = []): Buffer {
  const ws = XLS.utils.aoa_to_sheet(rows.map((r) => r.map((v) => (v === '' ? null : v))), { cellDates: true });
  ws['!merges'] = merges.map(([r1, c1, r2, c2]) => ({ s: { r: r1 - 1, c: c1 - 1 }, e: { r: r2 - 1, c: c2 - 1 } }));
  const wb = XLS.utils.book_new();
  XLS.utils.book_append_sheet(wb, ws, 'So');
  return XLS.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

async function post(user: string, url: string, file: Buffer | string, type = XLSX_MIME) {
  return env.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${await env.login(user)}`, 'content-type': type }, payload: file });
}

const q = (m: Record<string, string>) => encodeURIComponent(JSON.stringify(m));

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [r] = await queryRows<{ n: number }>(env.database.db, query);
  return Number(r?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The register
// ---------------------------------------------------------------------------------------------------------------

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Cường', 'Thu Dung', 'Quang Em', 'Thị Giang', 'Đức Hải', 'Ngọc Lan'];

interface RegRow {
  no: number;
  date: Cell;
  person: string;
  content: string;
  type: string;
  people: string;
  prior: string;
  accepted: string;
  guidance: string;
  transfer: string;
  followUp: string;
  notes: string;
}

function registerRows(): RegRow[] {
  return Array.from({ length: 200 }, (_, i) => {
    const day = 1 + (i % 28);
    const month = 7 + (i % 3);
    // Dates as clerks type them: Excel dates, dd/mm/yyyy, d/m/yy, "ngày … tháng … năm …".
    const date: Cell =
      i % 4 === 0 ? new Date(Date.UTC(2026, month - 1, day)) : i % 4 === 1 ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026` : i % 4 === 2 ? `${day}/${month}/26` : `ngày ${day} tháng ${month} năm 2026`;
    const kind = i % 5;
    const type = ['KN', 'Khiếu nại', 'TC', 'KN-PA', 'phản ánh'][kind]!;
    const guided = i % 10 === 3;
    const forwarded = i % 10 === 6;
    return {
      no: i + 1,
      date,
      person: `${FAMILY[i % 8]} ${GIVEN[(i >> 3) % 8]}, số ${i + 1} thôn Đông, xã Yên Lạc, CCCD 0010${String(85000000 + i).padStart(8, '0')}`,
      content: `Vụ việc ${i + 1}: ${kind < 2 ? 'khiếu nại quyết định thu hồi đất' : kind === 2 ? 'tố cáo cán bộ địa chính' : 'phản ánh đường ngõ xuống cấp'}`,
      type,
      people: i % 25 === 0 ? '12' : '1',
      prior: i % 7 === 0 ? 'UBND xã Yên Lạc' : '',
      accepted: guided || forwarded ? '' : 'x',
      guidance: guided ? `${i}/HD-UBND` : '',
      transfer: forwarded ? `UBND huyện Yên Lạc, CV số ${i}/UBND` : '',
      followUp: i % 6 === 0 ? 'Đã có văn bản trả lời' : '',
      notes: i % 9 === 0 ? 'Công dân đến lần đầu' : '',
    };
  });
}

/** The official layout: two title rows, the two-row header with merged group cells, the numbering row. */
async function officialRegister(rows: RegRow[], format: 'xlsx' | 'xls' = 'xlsx'): Promise<Buffer> {
  const title = ['ỦY BAN NHÂN DÂN XÃ YÊN LẠC', ...Array<string>(11).fill('')];
  const title2 = ['SỔ TIẾP CÔNG DÂN', ...Array<string>(11).fill('')];
  const h1 = ['STT', 'Ngày tiếp', 'Họ tên - Địa chỉ - CMND/Hộ chiếu của người đến', 'Nội dung vụ việc', 'Phân loại đơn / Số người đứng đơn', '', 'Cơ quan đã giải quyết', 'Hướng xử lý', '', '', 'Theo dõi kết quả', 'Ghi chú'];
  const h2 = ['', '', '', '', 'Loại đơn', 'Số người', '', 'Thụ lý', 'Hướng dẫn', 'Chuyển đơn', '', ''];
  const numbers = Array.from({ length: 12 }, (_, i) => `(${i + 1})`);
  const data = rows.map((r) => [r.no, r.date, r.person, r.content, r.type, r.people, r.prior, r.accepted, r.guidance, r.transfer, r.followUp, r.notes]);
  // Rows 3–4: columns without a group are merged vertically; groups merged across.
  const merges: [number, number, number, number][] = [[1, 1, 1, 12], [2, 1, 2, 12], [3, 5, 3, 6], [3, 8, 3, 10]];
  for (const c of [1, 2, 3, 4, 7, 11, 12]) merges.push([3, c, 4, c]);
  const grid = [title, title2, h1, h2, numbers, ...data];
  return format === 'xls' ? xlsWorkbook(grid, merges) : workbook(grid, merges);
}

/** The same data, columns shuffled and headers reworded, one header DânVận cannot place ("Tình hình"). */
async function rewordedRegister(rows: RegRow[]): Promise<Buffer> {
  const header = ['Ghi chú', 'Tóm tắt nội dung', 'Ngày tiếp dân', 'Loại (KN/TC/PA)', 'Họ và tên, địa chỉ, số CCCD', 'STT', 'Số người đến', 'Chuyển đơn', 'Hướng dẫn', 'Thụ lý', 'Nơi đã giải quyết', 'Tình hình'];
  const data = rows.map((r) => [r.notes, r.content, r.date, r.type, r.person, r.no, r.people, r.transfer, r.guidance, r.accepted, r.prior, r.followUp]);
  return workbook([['Sổ theo dõi tiếp dân năm 2026'], header, ...data]);
}

interface Preview {
  columns: { letter: string; header: string; field: string; proposed: string; confidence: number }[];
  mapping: Record<string, string>;
  mappingSource: string;
  mappingProblems: string[];
  headerRows: number[];
  firstDataRow: number;
  total: number;
  valid: number;
  invalid: number;
  errors: { row: number; column: string; message: string }[];
  warnings: { row: number; column: string; message: string }[];
  rows: { row: number; cells?: Record<string, string>; state?: string; dueOn?: string | null; overdue?: boolean }[];
  templateSaved: boolean;
  encoding: string | null;
  errorFile: string;
}

const VISIT_FIELDS = sql`v.visited_on::text as "visitedOn", v.citizen_name as name, v.citizen_address as address, v.citizen_id_number as "idNumber", v.kind, v.content,
  v.people_count as people, v.outcome, v.within_jurisdiction as within, v.guidance_doc_no as guidance, v.forwarded_to as "forwardedTo", v.transfer_doc_no as "transferDocNo",
  v.prior_agencies as prior, v.result_follow_up as "followUp", v.notes`;

async function visitsOf(code: string) {
  return queryRows<Record<string, unknown>>(env.database.db, sql`select ${VISIT_FIELDS} from visits v join agencies a on a.id = v.agency_id where a.code = ${code} order by v.content`);
}

describe('register in the official layout and in a clerk’s own wording', () => {
  const rows = registerRows();

  it('previews the official two-row layout with every column mapped right, then imports its 200 visits', async () => {
    const file = await officialRegister(rows);
    const res = await post('letan', '/api/v1/imports/register/preview?agency=00004', file);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    const p = res.json() as Preview;
    expect(p.headerRows).toEqual([3, 4]);
    expect(p.firstDataRow).toBe(6);
    expect(p.mappingSource).toBe('proposal');
    expect(p.mapping).toEqual({ A: 'no', B: 'date', C: 'person', D: 'content', E: 'type', F: 'people', G: 'priorAgencies', H: 'withinJurisdiction', I: 'guidance', J: 'transfer', K: 'followUp', L: 'notes' });
    expect(p.columns[4]!.header).toBe('Phân loại đơn / Số người đứng đơn / Loại đơn'.replace(' / Loại đơn', '') + ' / Loại đơn');
    expect(p.total).toBe(200);
    expect(p.invalid, JSON.stringify(p.errors.slice(0, 3))).toBe(0);
    // The first rows as DânVận reads them: dates, the split cell, kinds as codes, marks.
    expect(p.rows[0]!.cells).toMatchObject({ date: '01/07/2026', nameAddress: 'Nguyễn Văn An\nsố 1 thôn Đông, xã Yên Lạc', idNumber: '001085000000', type: 'KN', withinJurisdiction: 'Có' });
    expect(p.rows[2]!.cells).toMatchObject({ date: '03/09/2026', type: 'TC', nameAddress: '[Đã bảo mật]', idNumber: '' });
    expect(p.rows[3]!.cells).toMatchObject({ date: '04/07/2026', type: 'KN-PA', guidance: '3/HD-UBND' });
    expect(p.rows[6]!.cells).toMatchObject({ transfer: 'UBND huyện Yên Lạc (số 6/UBND)' });

    // Without a confirmed mapping nothing is imported on a guess.
    const guess = await post('letan', '/api/v1/reception-register/import?agency=00004', file);
    expect(guess.statusCode).toBe(400);
    expect((guess.json() as { message: string }).message).toContain('ghép cột');

    const imp = await post('letan', `/api/v1/reception-register/import?agency=00004&mapping=${q(p.mapping)}`, file);
    expect(imp.statusCode, imp.body.slice(0, 400)).toBe(201);
    const r = imp.json() as { imported: number; warnings: { message: string }[] };
    expect(r.imported).toBe(200);
    // Denunciation rows: the identity typed in the register is not kept.
    expect(r.warnings.filter((w) => w.message.includes('Điều 47')).length).toBe(40);
    expect(await count(sql`select count(*) as n from visits v join agencies a on a.id = v.agency_id where a.code = '00004'`)).toBe(200);

    // The confirmed mapping is now the agency's template: the next file with this header needs no question.
    const again = await post('letan', '/api/v1/imports/register/preview?agency=00004', file);
    expect((again.json() as Preview).mappingSource).toBe('template');
  });

  it('imports the shuffled, reworded sheet to the same records after one correction, saved as the template', async () => {
    const file = await rewordedRegister(rows);
    const res = await post('letan.giangvo', '/api/v1/imports/register/preview?agency=00025', file);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    const p = res.json() as Preview;
    expect(p.headerRows).toEqual([2]);
    const expected: Record<string, string> = { A: 'notes', B: 'content', C: 'date', D: 'type', E: 'person', F: 'no', G: 'people', H: 'transfer', I: 'guidance', J: 'withinJurisdiction', K: 'priorAgencies', L: 'followUp' };
    const wrong = Object.keys(expected).filter((k) => p.mapping[k] !== expected[k]);
    expect(wrong.length).toBeLessThanOrEqual(1);
    // The clerk's one correction (the dropdown of the unknown column), saved as the template.
    const corrected = { ...p.mapping, ...Object.fromEntries(wrong.map((k) => [k, expected[k]!])) };
    const saved = await post('letan.giangvo', `/api/v1/imports/register/preview?agency=00025&saveTemplate=true&mapping=${q(corrected)}`, file);
    expect((saved.json() as Preview).templateSaved).toBe(true);
    expect((saved.json() as Preview).invalid).toBe(0);
    // Imported with the saved template (no mapping sent).
    const imp = await post('letan.giangvo', '/api/v1/reception-register/import?agency=00025', file);
    expect(imp.statusCode, imp.body.slice(0, 400)).toBe(201);
    expect((imp.json() as { imported: number }).imported).toBe(200);
    expect(await visitsOf('00025')).toEqual(await visitsOf('00004'));
  });

  it('keeps DânVận’s own export format importing as before, without any mapping', async () => {
    const exp = await env.app.inject({ method: 'GET', url: '/api/v1/reception-register/export?agency=00004&from=2026-07-01&to=2026-09-30', headers: { authorization: `Bearer ${await env.login('letan')}` } });
    expect(exp.statusCode).toBe(200);
    const imp = await post('letan.ngocha', '/api/v1/reception-register/import?agency=00008', exp.rawPayload);
    expect(imp.statusCode, imp.body.slice(0, 300)).toBe(201);
    expect((imp.json() as { imported: number }).imported).toBe(200);
  });

  it('reads a CSV typed in TCVN3, converts it and says so', async () => {
    const csv = ['STT;Ngày tiếp;Họ tên, địa chỉ;Số CCCD;Nội dung vụ việc;Phân loại', '1;05/08/2026;NguyÔn V¨n H¶i, th«n §«ng;001085099999;KhiÕu n¹i viÖc cÊp giÊy chøng nhËn;KN'].join('\n');
    // The header is Unicode (typed in the new font), the data in TCVN3: converted as a whole.
    const res = await post('letan.ngocha', '/api/v1/imports/register/preview?agency=00008', Buffer.from(csv, 'utf8'), 'text/csv');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const p = res.json() as Preview;
    expect(p.encoding).toBe('tcvn3');
    expect(p.warnings[0]!.message).toContain('TCVN3');
    expect(p.rows[0]!.cells).toMatchObject({ nameAddress: 'Nguyễn Văn Hải\nthôn Đông', content: 'Khiếu nại việc cấp giấy chứng nhận' });
  });

  it('reads an old .xls (Excel 97–2003) in the official layout exactly as the same sheet saved as .xlsx', async () => {
    const sample = rows.slice(0, 40);
    const asXlsx = await post('letan', '/api/v1/imports/register/preview?agency=00004', await officialRegister(sample));
    const asXls = await post('letan', '/api/v1/imports/register/preview?agency=00004', await officialRegister(sample, 'xls'), 'application/vnd.ms-excel');
    expect(asXls.statusCode, asXls.body.slice(0, 300) + logs.filter((l) => l.includes('"level":50')).join('\n').slice(0, 3000)).toBe(200);
    const a = asXlsx.json() as Preview;
    const b = asXls.json() as Preview;
    expect(b.headerRows).toEqual(a.headerRows);
    expect(b.columns.map((c) => [c.header, c.proposed])).toEqual(a.columns.map((c) => [c.header, c.proposed]));
    expect(b.valid).toBe(40);
    expect(b.rows.map((r) => r.cells)).toEqual(a.rows.map((r) => r.cells));
    // The Excel date of row 1 (01/07/2026) reads as the clerk sees it, whatever the server's time zone.
    expect(b.rows[0]!.cells!.date).toBe('01/07/2026');
  });

  it('reports its progress to the page that started it (getImportProgress), and to nobody else', async () => {
    const file = await officialRegister(rows);
    const id = randomUUID();
    const token = await env.login('letan');
    const progress = async (who = token) => env.app.inject({ method: 'GET', url: `/api/v1/imports/progress/${id}`, headers: { authorization: `Bearer ${who}` } });
    expect((await progress()).statusCode).toBe(404);
    const running = env.app.inject({ method: 'POST', url: '/api/v1/imports/register/preview?agency=00004', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_MIME, 'x-progress-id': id }, payload: file });
    const seen: number[] = [];
    let finished = false;
    void running.then(() => (finished = true));
    while (!finished) {
      const r = await progress();
      if (r.statusCode === 200) seen.push((r.json() as { percent: number }).percent);
      await new Promise((ok) => setTimeout(ok, 5));
    }
    expect((await running).statusCode).toBe(200);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    expect((await progress()).json()).toEqual({ phase: 'done', done: 200, total: 200, percent: 100 });
    // Another clerk of the same commune cannot follow it; a malformed id is refused field by field.
    await env.addUser('letan2', 'receptionist', '00004');
    expect((await progress(await env.login('letan2'))).statusCode).toBe(404);
    const bad = await env.app.inject({ method: 'POST', url: '/api/v1/imports/register/preview?agency=00004', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_MIME, 'x-progress-id': 'abc' }, payload: file });
    expect(bad.statusCode).toBe(400);
    // A file that cannot be read ends as failed.
    const id2 = randomUUID();
    const broken = await env.app.inject({ method: 'POST', url: '/api/v1/imports/register/preview?agency=00004', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_MIME, 'x-progress-id': id2 }, payload: Buffer.from('PK\u0003\u0004 not a workbook') });
    expect(broken.statusCode).toBe(400);
    const after = await env.app.inject({ method: 'GET', url: `/api/v1/imports/progress/${id2}`, headers: { authorization: `Bearer ${token}` } });
    expect((after.json() as { phase: string }).phase).toBe('failed');
  });

  it('refuses an unreadable file, a monitor or another commune', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const res = await post('letan', '/api/v1/imports/register/preview?agency=00004', xls, 'application/vnd.ms-excel');
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toContain('.xls');
    const file = await officialRegister(rows.slice(0, 3));
    expect((await post('giamsat', '/api/v1/imports/register/preview?agency=00004', file)).statusCode).toBe(403);
    expect((await post('letan.ngocha', '/api/v1/imports/register/preview?agency=00004', file)).statusCode).toBe(404);
    expect((await post('letan.ngocha', '/api/v1/imports/cases?agency=00004', file)).statusCode).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Open cases
// ---------------------------------------------------------------------------------------------------------------

interface CaseSpec {
  ref: string;
  kind: 'KN' | 'TC' | 'KN-PA';
  instance?: 2;
  received: string;
  accepted?: string;
  state: string;
  stepOn?: string;
  decided?: string;
  decisionNo?: string;
  outcome?: string;
  name: string;
  content: string;
}

const iso = (d: string) => d.split('/').reverse().join('-');

/** 120 cases received in 2026: every kind, every state an agency has open or just closed. */
function openCases(prefix: string): CaseSpec[] {
  const out: CaseSpec[] = [];
  for (let i = 0; i < 120; i++) {
    const kind = (['KN', 'TC', 'KN-PA'] as const)[i % 3]!;
    const m = 1 + (i % 8); // January to August
    const d = 2 + (i % 20);
    const dd = (day: number, month = m) => `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026`;
    const stateIdx = Math.floor(i / 3) % 8;
    const base: CaseSpec = { ref: `${prefix}-${i + 1}`, kind, received: dd(d), state: 'Đã tiếp nhận', name: `${FAMILY[i % 8]} ${GIVEN[(i >> 3) % 8]} ${i}`, content: `Đơn số ${i + 1}: ${kind === 'KN' ? 'khiếu nại bồi thường' : kind === 'TC' ? 'tố cáo cán bộ' : 'kiến nghị chiếu sáng'}` };
    const accepted = dd(Math.min(d + 5, 28));
    const later = dd(Math.min(d + 5, 28), Math.min(m + 1, 9));
    switch (stateIdx) {
      case 0:
        break;
      case 1:
        out.push({ ...base, state: 'Đã thụ lý', accepted });
        continue;
      case 2:
        out.push({ ...base, state: kind === 'KN-PA' ? 'Đã thụ lý' : 'Đang xác minh', accepted });
        continue;
      case 3:
        out.push({ ...base, state: 'Đã giải quyết', accepted, decided: later, decisionNo: `${i}/QĐ-UBND`, outcome: i % 2 ? 'Đúng một phần' : kind === 'TC' ? 'Sai sự thật' : 'Đúng' });
        continue;
      case 4:
        out.push({ ...base, state: 'Đã hướng dẫn', stepOn: accepted });
        continue;
      case 5:
        out.push({ ...base, state: 'Lưu đơn', stepOn: accepted });
        continue;
      case 6:
        out.push(kind === 'KN-PA' ? { ...base, state: 'Đã thụ lý', accepted } : { ...base, state: 'Rút đơn', stepOn: accepted });
        continue;
      case 7:
        out.push(kind === 'KN-PA' ? { ...base, state: 'Đã giải quyết', accepted, decided: later, outcome: 'Đã trả lời' } : { ...base, state: 'Tạm đình chỉ', accepted, stepOn: later });
        continue;
    }
    out.push(base);
  }
  return out;
}

/** Ten more, with deadlines worked out by hand from the rules in force (today: 30/09/2026). */
const HAND: (CaseSpec & { due: string | null; overdue: boolean; dueAtDecision?: string; expectState: string })[] = [
  // A received complaint runs on its acceptance deadline, 7 working days after receipt since 1/7/2026 (Luật Khiếu nại
  // Art. 27 as amended; rule complaint.accept): 03/08 (Mon) → 4,5,6,7 / 10,11,12 → 12/08, overdue.
  { ref: 'H-1', kind: 'KN', received: '03/08/2026', state: 'Đã tiếp nhận', name: 'Đỗ Văn Một', content: 'Hạn 1', due: '2026-08-12', overdue: true, expectState: 'received' },
  // 21/09 (Mon) → 22–25 / 28, 29, 30 → 30/09, due today: not yet overdue.
  { ref: 'H-2', kind: 'KN', received: '21/09/2026', state: 'Đã tiếp nhận', name: 'Đỗ Văn Hai', content: 'Hạn 2', due: '2026-09-30', overdue: false, expectState: 'received' },
  // First-instance complaint: 30 days after acceptance (Art. 28): 10/09 + 30 = 10/10 (Sat) → Mon 12/10.
  { ref: 'H-3', kind: 'KN', received: '01/09/2026', accepted: '10/09/2026', state: 'Đã thụ lý', name: 'Đỗ Văn Ba', content: 'Hạn 3', due: '2026-10-12', overdue: false, expectState: 'accepted' },
  // Denunciation: 30 days after acceptance (Art. 30): 15/09 + 30 = 15/10 (Thu).
  { ref: 'H-4', kind: 'TC', received: '08/09/2026', accepted: '15/09/2026', state: 'Đã thụ lý', name: 'Đỗ Văn Bốn', content: 'Hạn 4', due: '2026-10-15', overdue: false, expectState: 'accepted' },
  // Denunciation under verification: 20/08 + 30 = 19/09 (Sat) → Mon 21/09, already past: overdue.
  { ref: 'H-5', kind: 'TC', received: '14/08/2026', accepted: '20/08/2026', state: 'Đang xác minh', name: 'Đỗ Văn Năm', content: 'Hạn 5', due: '2026-09-21', overdue: true, expectState: 'verifying' },
  // Feedback: no shorter rule applies, so 10 working days to process (TT 05/2021): 21/09 → 22–25 / 28–30, 1/10,
  // 2/10 / 5/10 → 05/10.
  { ref: 'H-6', kind: 'KN-PA', received: '21/09/2026', state: 'Đã tiếp nhận', name: 'Đỗ Văn Sáu', content: 'Hạn 6', due: '2026-10-05', overdue: false, expectState: 'received' },
  // Feedback taken up for handling: no legal deadline runs (ND 20/2008 sets none).
  { ref: 'H-7', kind: 'KN-PA', received: '15/09/2026', accepted: '22/09/2026', state: 'Đã thụ lý', name: 'Đỗ Văn Bảy', content: 'Hạn 7', due: null, overdue: false, expectState: 'handling' },
  // Decided complaint: the deadline at decision was 04/05 + 30 = 03/06 (Wed); the decision must then be sent within
  // 3 working days (Luật Khiếu nại Art. 32, a tracked step since issue 12): 28/05 (Thu) → 29/05, 01/06, 02/06. The
  // sheet does not say it was sent, so it shows overdue until someone records the sending.
  { ref: 'H-8', kind: 'KN', received: '27/04/2026', accepted: '04/05/2026', state: 'Đã giải quyết', decided: '28/05/2026', outcome: 'Đúng', decisionNo: '8/QĐ-UBND', name: 'Đỗ Văn Tám', content: 'Hạn 8', due: '2026-06-02', overdue: true, dueAtDecision: '2026-06-03', expectState: 'decided' },
  // Concluded denunciation: the conclusion is sent within 5 working days (Art. 40): 25/09 (Fri) → 28,29,30, 1/10, 2/10.
  { ref: 'H-9', kind: 'TC', received: '01/08/2026', accepted: '05/08/2026', state: 'Đã giải quyết', decided: '25/09/2026', outcome: 'Đúng', name: 'Đỗ Văn Chín', content: 'Hạn 9', due: '2026-10-02', overdue: false, expectState: 'concluded' },
  // Second-instance complaint: 45 days after acceptance (Art. 37): 07/09 + 45 = 22/10 (Thu).
  { ref: 'H-10', kind: 'KN', instance: 2, received: '01/09/2026', accepted: '07/09/2026', state: 'Đã thụ lý', name: 'Đỗ Văn Mười', content: 'Hạn 10', due: '2026-10-22', overdue: false, expectState: 'accepted' },
];

const CASE_HEADER = ['STT', 'Số hồ sơ', 'Ngày nhận đơn', 'Họ tên, địa chỉ người gửi đơn', 'Nội dung đơn', 'Loại đơn', 'Lần giải quyết', 'Ngày thụ lý', 'Tình trạng', 'Ngày xử lý', 'Ngày quyết định', 'Số quyết định', 'Kết quả'];

function caseRow(c: CaseSpec, i: number): Cell[] {
  return [i + 1, c.ref, c.received, `${c.name}, thôn Nam, xã Yên Lạc`, c.content, c.kind, c.instance === 2 ? 'Lần 2' : 'Lần 1', c.accepted ?? '', c.state, c.stepOn ?? '', c.decided ?? '', c.decisionNo ?? '', c.outcome ?? ''];
}

async function caseFile(list: CaseSpec[], extra: Cell[][] = []): Promise<Buffer> {
  return workbook([['DANH SÁCH VỤ VIỆC ĐANG GIẢI QUYẾT'], CASE_HEADER, ...list.map(caseRow), ...extra]);
}

const CASE_MAPPING = { A: 'no', B: 'ref', C: 'receivedOn', D: 'person', E: 'content', F: 'kind', G: 'instance', H: 'acceptedOn', I: 'state', J: 'stepOn', K: 'decidedOn', L: 'decisionNo', M: 'outcome' };

/** The same case entered by hand through the API, step by step, on the same dates. */
async function enterByHand(c: CaseSpec, agency: string, who: { handler: string; head: string }) {
  const token = await env.login(who.handler);
  const headToken = await env.login(who.head);
  const type = c.kind === 'KN' ? 'complaint' : c.kind === 'TC' ? 'denunciation' : 'feedback';
  const res = await env.api('POST', '/api/v1/petitions', { token, body: { agency, channel: 'post', receivedOn: iso(c.received), type, content: c.content, petitioner: { name: c.name, address: 'thôn Nam, xã Yên Lạc' } } });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { case: { id: string } }).case.id;
  const act = async (action: string, on: string, extra: Record<string, unknown> = {}) => {
    // Acceptance and closing on withdrawal are the head's decisions (Luật Tố cáo Art. 29(1); Luật Khiếu nại Art. 10).
    const head = ['decide', 'conclude', 'suspend', 'accept', 'withdraw'].includes(action);
    const r = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: head ? headToken : token, body: { action, on: iso(on), ...extra } });
    expect(r.statusCode, `${c.ref} ${action}: ${r.body}`).toBe(200);
  };
  const s = c.state;
  if (s === 'Đã hướng dẫn') await act('guide', c.stepOn!);
  else if (s === 'Lưu đơn') await act('archive', c.stepOn!, { reason: 'other' });
  else if (s === 'Rút đơn') await act('withdraw', c.stepOn!, type === 'denunciation' ? { violationIndicated: false } : {});
  else if (c.accepted) {
    await act('accept', c.accepted);
    if (s === 'Đang xác minh') await act('start-verification', c.accepted);
    if (s === 'Tạm đình chỉ') await act('suspend', c.stepOn!, { reason: 'Tạm đình chỉ (nhập từ sổ theo dõi)' });
    if (s === 'Đã giải quyết') {
      const outcome = type === 'feedback' ? 'answered' : c.outcome === 'Đúng một phần' ? 'partly-right' : c.outcome === 'Sai sự thật' ? 'untrue' : 'right';
      await act(type === 'complaint' ? 'decide' : type === 'denunciation' ? 'conclude' : 'answer', c.decided!, { outcome, ...(c.decisionNo ? { documentNo: c.decisionNo } : {}) });
    }
  }
}

async function periodReport(agency: string, period: string) {
  const res = await env.api('GET', `/api/v1/reports/period?agency=${agency}&period=${period}&rollup=full`, { token: await env.login('giamsat') });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const r = res.json() as { indicators: Record<string, number>; visits: number; cases: number; withinJurisdiction: number; resolved: number };
  return { indicators: r.indicators, cases: r.cases, withinJurisdiction: r.withinJurisdiction, resolved: r.resolved };
}

describe('open cases', () => {
  it('imports 120 open cases into their states and clocks; the six-month report equals the same cases entered by hand', async () => {
    const list = openCases('YL');
    const file = await caseFile(list);
    const pre = await post('xuly', '/api/v1/imports/cases/preview?agency=00004', file);
    expect(pre.statusCode, pre.body.slice(0, 400)).toBe(200);
    const p = pre.json() as Preview;
    expect(p.mapping).toEqual(CASE_MAPPING);
    expect(p.invalid, JSON.stringify(p.errors.slice(0, 5))).toBe(0);
    const imp = await post('xuly', `/api/v1/imports/cases?agency=00004&mapping=${q(p.mapping)}`, file);
    expect(imp.statusCode, imp.body.slice(0, 400)).toBe(201);
    expect((imp.json() as { imported: number }).imported).toBe(120);

    // The same 120 cases entered by hand in Ngọc Hà (00008).
    for (const c of list) await enterByHand(c, '00008', { handler: 'xuly.ngocha', head: 'lanhdao.ngocha' });

    const states = async (code: string) =>
      queryRows<{ state: string; n: number }>(env.database.db, sql`select c.state, count(*)::int as n from cases c join agencies a on a.id = c.agency_id where a.code = ${code} group by c.state order by c.state`);
    expect(await states('00004')).toEqual(await states('00008'));
    const clocks = async (code: string) =>
      queryRows(env.database.db, sql`select c.content, c.state, c.due_on::text as due, c.due_rule as rule, c.accepted_on::text as acc, c.decided_on::text as dec, c.closed_on::text as closed, c.due_at_decision::text as dad, c.outcome, c.jurisdiction from cases c join agencies a on a.id = c.agency_id where a.code = ${code} order by c.content`);
    expect(await clocks('00004')).toEqual(await clocks('00008'));
    for (const period of ['2026-H1', '2026-Q3']) expect(await periodReport('00004', period)).toEqual(await periodReport('00008', period));
    const h1 = await periodReport('00004', '2026-H1');
    expect(Object.values(h1.indicators).filter((n) => n > 0).length).toBeGreaterThan(5);

    // Every imported case carries its "imported" audit row.
    expect(await count(sql`select count(*) as n from audit_log where action = 'case.import'`)).toBe(120);
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });

  it('queues the imported cases and their steps for the national database exactly as the desk queued the same cases (issue 16)', async () => {
    // Events of one agency's cases, by content: the same sequence, the same case as it stood after each step.
    const events = async (code: string) => {
      const rows = await queryRows<{ content: string; status: string; payload: { event: string; caseSequence: number; source: { agencyCode: string }; case: Record<string, unknown>; step: Record<string, unknown> } }>(
        env.database.db,
        sql`select c.content, o.status, o.payload from national_sync_outbox o join cases c on c.id = o.case_id join agencies a on a.id = c.agency_id where a.code = ${code} order by o.seq`,
      );
      const out = new Map<string, unknown[]>();
      for (const r of rows) {
        const p = typeof r.payload === 'string' ? (JSON.parse(r.payload) as typeof r.payload) : r.payload;
        expect(p.source.agencyCode).toBe(code);
        const { code: _code, ...theCase } = p.case;
        out.set(r.content, [...(out.get(r.content) ?? []), { status: r.status, event: p.event, seq: p.caseSequence, case: theCase, step: p.step }]);
      }
      return out;
    };
    const imported = await events('00004');
    const byHand = await events('00008');
    expect(imported.size).toBe(120);
    expect(Object.fromEntries(imported)).toEqual(Object.fromEntries(byHand));
    const all = [...imported.values()].flat() as { event: string; step: { action: string }; case: { kind: string; petitionerName: string | null; identitySealed: boolean } }[];
    expect(all.filter((e) => e.event === 'case.received')).toHaveLength(120);
    expect(new Set(all.map((e) => e.step.action))).toEqual(new Set(['open', 'accept', 'start-verification', 'decide', 'conclude', 'answer', 'guide', 'archive', 'withdraw', 'suspend']));
    // A denouncer is never sent; a complainant's name is, as for the desk's cases.
    expect(all.filter((e) => e.case.kind === 'denunciation').every((e) => e.case.petitionerName === null && e.case.identitySealed)).toBe(true);
    expect(all.some((e) => e.case.kind === 'complaint' && e.case.petitionerName)).toBe(true);
  });

  it('gives the ten hand-worked cases their deadlines, overdue where already overdue', async () => {
    const file = await caseFile(HAND);
    const imp = await post('xuly', `/api/v1/imports/cases?agency=00004&mapping=${q(CASE_MAPPING)}`, file);
    expect(imp.statusCode, imp.body.slice(0, 400)).toBe(201);
    const got = await queryRows<{ content: string; state: string; due: string | null; overdue: string | null; dad: string | null; instance: number }>(
      env.database.db,
      sql`select content, state, due_on::text as due, overdue_since::text as overdue, due_at_decision::text as dad, instance from cases where content like 'Hạn %'`,
    );
    for (const h of HAND) {
      const c = got.find((g) => g.content === h.content)!;
      expect({ ref: h.ref, state: c.state, due: c.due, overdue: c.overdue !== null }).toEqual({ ref: h.ref, state: h.expectState, due: h.due, overdue: h.overdue });
      if (h.dueAtDecision) expect(c.dad).toBe(h.dueAtDecision);
      if (h.instance === 2) expect(c.instance).toBe(2);
    }
  });

  it('imports forwarded cases: the receiving agency gets its own case on its own clock, named by name or code; undo takes both', async () => {
    const header = ['STT', 'Số hồ sơ', 'Ngày nhận đơn', 'Họ tên, địa chỉ người gửi đơn', 'Nội dung đơn', 'Loại đơn', 'Tình trạng', 'Ngày chuyển đơn', 'Chuyển đến', 'Số văn bản chuyển'];
    const rowsF: Cell[][] = [
      [1, 'F-1', '01/09/2026', 'Trần Văn Chuyển, tổ 3 phường Ba Đình', 'Khiếu nại việc cấp phép xây dựng ở phường Ngọc Hà', 'KN', 'Đã chuyển đơn', '08/09/2026', 'UBND phuong Ngoc Ha', '15/UBND-TCD'],
      [2, 'F-2', '10/09/2026', 'Lò Thị Kín Đáo, tổ 5', 'Tố cáo cán bộ địa chính phường Giảng Võ', 'TC', 'Chuyển đơn', '14/09/2026', '00025', ''],
      [3, 'F-3', '11/09/2026', 'Phạm Văn Ba, tổ 1', 'Kiến nghị về đèn đường', 'KN-PA', 'Đã chuyển đơn', '15/09/2026', 'UBND xã Không Có Thật', ''],
      [4, 'F-4', '11/09/2026', 'Phạm Văn Bốn, tổ 1', 'Kiến nghị về cây xanh', 'KN-PA', 'Đã chuyển đơn', '15/09/2026', '', ''],
    ];
    const file = await workbook([['ĐƠN ĐÃ CHUYỂN'], header, ...rowsF]);
    const preview = await post('xuly', '/api/v1/imports/cases/preview?agency=00004', file);
    const proposed = (preview.json() as Preview).mapping;
    expect(proposed).toMatchObject({ H: 'stepOn', I: 'forwardTo', J: 'transferDocNo', G: 'state' });

    const all = await post('xuly', `/api/v1/imports/cases?agency=00004&mapping=${q(proposed)}`, file);
    expect(all.statusCode).toBe(400);
    const errs = (all.json() as { errors: { row: number; column: string; message: string }[] }).errors;
    expect(errs.map((e) => [e.row, e.column])).toEqual([
      [5, 'I'],
      [6, 'I'],
    ]);
    expect(errs[0]!.message).toContain('không tìm thấy cơ quan «UBND xã Không Có Thật»');

    const ok = await post('xuly', `/api/v1/imports/cases?agency=00004&mode=valid-only&mapping=${q(proposed)}`, file);
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(201);
    const res = ok.json() as { imported: number; importId: string };
    expect(res.imported).toBe(2);
    const got = await queryRows<{ code: string; agency: string; state: string; received: string; channel: string | null; rule: string | null; from: string | null }>(
      env.database.db,
      sql`select c.code, a.code as agency, c.state, c.received_on::text as received, p.channel, c.due_rule as rule, f.code as from
          from cases c join agencies a on a.id = c.agency_id left join petitions p on p.case_id = c.id left join cases f on f.id = c.forwarded_from_id
          where c.content in ('Khiếu nại việc cấp phép xây dựng ở phường Ngọc Hà', 'Tố cáo cán bộ địa chính phường Giảng Võ') order by a.code`,
    );
    const [src1, src2, at8, at25] = [got.find((g) => g.agency === '00004' && g.received === '2026-09-01')!, got.find((g) => g.agency === '00004' && g.received === '2026-09-10')!, got.find((g) => g.agency === '00008')!, got.find((g) => g.agency === '00025')!];
    expect(src1.state).toBe('forwarded');
    expect(await count(sql`select count(*) as n from audit_log where action = 'case.import' and summary like ${`Nhập vụ việc ${src1.code}%chuyển đến Ủy ban nhân dân Phường Ngọc Hà ngày 08/09/2026 theo văn bản số 15/UBND-TCD%`}`)).toBe(1);
    expect(src2.state).toBe('forwarded');
    // The receiving agencies hold new petitions (channel «forwarded») received on the forwarding day, on their own intake clocks.
    expect(at8).toMatchObject({ state: 'received', received: '2026-09-08', channel: 'forwarded', rule: 'complaint.accept', from: src1.code });
    expect(at25).toMatchObject({ state: 'received', received: '2026-09-14', channel: 'forwarded', rule: 'denunciation.intake', from: src2.code });
    expect(at8.code).toMatch(/^00008-2026-/);
    // The denouncer's name travelled sealed: in no table in clear.
    const tables = await queryRows<{ t: string }>(env.database.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    for (const { t } of tables) expect(await count(sql`select count(*) as n from ${sql.identifier(t)} x where x::text ilike ${'%kín đáo%'}`), t).toBe(0);
    expect(await count(sql`select count(*) as n from audit_log where action = 'case.import' and summary like 'Nhận vụ việc 00008-%'`)).toBe(1);

    // National sync: open + forward at the sender, receive-forwarded at each receiver, in the import's transaction.
    const ids = [src1, src2, at8, at25].map((g) => g.code);
    const synced = async () =>
      queryRows<{ code: string; action: string; event: string; status: string; seq: number }>(
        env.database.db,
        sql`select o.payload #>> '{case,code}' as code, o.action, o.event, o.status, (o.payload ->> 'caseSequence')::int as seq from national_sync_outbox o
            where o.payload #>> '{case,code}' in (${sql.join(ids.map((c) => sql`${c}`), sql`, `)}) order by o.seq`,
      );
    expect((await synced()).map((r) => [r.code, r.action, r.seq])).toEqual([
      [src1.code, 'open', 1],
      [src1.code, 'forward', 2],
      [at8.code, 'receive-forwarded', 1],
      [src2.code, 'open', 1],
      [src2.code, 'forward', 2],
      [at25.code, 'receive-forwarded', 1],
    ]);
    // The national database already has the first forwarded case's receipt (sent), nothing else yet.
    await env.database.db.execute(sql`update national_sync_outbox set status = 'sent', sent_at = now() where payload #>> '{case,code}' = ${src1.code} and action = 'open'`);

    const undo = await env.app.inject({ method: 'POST', url: `/api/v1/imports/${res.importId}/undo`, headers: { authorization: `Bearer ${await env.login('xuly')}` } });
    expect(undo.statusCode, undo.body).toBe(200);
    expect((undo.json() as { removed: number }).removed).toBe(4);
    expect(await count(sql`select count(*) as n from cases where content = 'Tố cáo cán bộ địa chính phường Giảng Võ'`)).toBe(0);
    // Unsent events went with their cases; the one the national database heard of is withdrawn there, in order.
    expect((await synced()).map((r) => [r.code, r.action, r.event, r.status, r.seq])).toEqual([
      [src1.code, 'open', 'case.received', 'sent', 1],
      [src1.code, 'import-undone', 'case.withdrawn', 'pending', 2],
    ]);
    expect(await count(sql`select count(*) as n from audit_log where action = 'cases.import.undo' and summary like '%báo CSDL quốc gia rút 1 vụ việc đã đồng bộ%'`)).toBe(1);
    await env.addUser('quantri', 'admin', '00004');
    const status = await env.api('GET', '/api/v1/national-sync/status?agency=00004&limit=500', { token: await env.login('quantri') });
    expect(status.statusCode, status.body).toBe(200);
    expect((status.json() as { unsent: { caseCode: string; event: string }[] }).unsent).toContainEqual(expect.objectContaining({ caseCode: src1.code, event: 'case.withdrawn' }));
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });

  it('names 3 bad rows of 1,000 and writes nothing; valid-only writes 997 and the error file; again nothing; undo removes 997', async () => {
    const list: CaseSpec[] = Array.from({ length: 1000 }, (_, i) => ({
      ref: `B-${i + 1}`,
      kind: (['KN', 'TC', 'KN-PA'] as const)[i % 3]!,
      received: `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2026`,
      state: 'Đã tiếp nhận',
      name: `Người Gửi ${i}`,
      content: `Đơn hàng loạt ${i + 1}`,
    }));
    list[10] = { ...list[10]!, received: '31/02/2026' };
    list[500] = { ...list[500]!, kind: 'XX' as 'KN' };
    list[998] = { ...list[998]!, state: 'Đã thụ lý' };
    const file = await caseFile(list);
    const before = await count(sql`select count(*) as n from cases`);
    const all = await post('xuly', `/api/v1/imports/cases?agency=00004&mapping=${q(CASE_MAPPING)}`, file);
    expect(all.statusCode).toBe(400);
    const rejected = all.json() as { invalid: number; errors: { row: number; column: string; message: string }[] };
    expect(rejected.invalid).toBe(3);
    // Sheet rows: title row 1, header row 2, data from row 3.
    expect(rejected.errors.map((e) => [e.row, e.column])).toEqual([
      [13, 'C'],
      [503, 'F'],
      [1001, 'H'],
    ]);
    expect(rejected.errors[0]!.message).toContain('31/02/2026');
    expect(await count(sql`select count(*) as n from cases`)).toBe(before);

    const valid = await post('xuly', `/api/v1/imports/cases?agency=00004&mode=valid-only&mapping=${q(CASE_MAPPING)}`, file);
    expect(valid.statusCode, valid.body.slice(0, 300)).toBe(201);
    const v = valid.json() as { imported: number; importId: string; errorFile: string };
    expect(v.imported).toBe(997);
    expect(v.errorFile.startsWith('\ufeff')).toBe(true);
    const lines = v.errorFile.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('"Dòng","Cột","Tiêu đề cột","Lý do"');
    expect(lines[2]).toContain('"503","F","Loại đơn"');
    expect(await count(sql`select count(*) as n from cases`)).toBe(before + 997);
    // The imported cases are in the search index (documents and extracted facts) like any case…
    const docs = sql`select count(*) as n from search_docs d join import_rows r on r.entity_id = d.case_id where r.import_id = ${v.importId} and d.record_type = 'case'`;
    expect(await count(docs)).toBe(997);

    const again = await post('xuly', `/api/v1/imports/cases?agency=00004&mode=valid-only&mapping=${q(CASE_MAPPING)}`, file);
    expect(again.statusCode).toBe(409);
    // The corrected file: only the 3 rows not yet imported are written, the 997 are recognised by their key.
    list[10] = { ...list[10]!, received: '28/02/2026' };
    list[500] = { ...list[500]!, kind: 'KN' };
    list[998] = { ...list[998]!, state: 'Đã tiếp nhận' };
    const fixed = await post('xuly', `/api/v1/imports/cases?agency=00004&mapping=${q(CASE_MAPPING)}`, await caseFile(list));
    expect(fixed.statusCode, fixed.body.slice(0, 300)).toBe(201);
    const f = fixed.json() as { imported: number; importId: string; warnings: unknown[] };
    expect(f.imported).toBe(3);
    expect(f.warnings).toHaveLength(997);
    expect(await count(sql`select count(*) as n from cases`)).toBe(before + 1000);

    // Undo: another commune's staff do not see the import; then the whole 997 go.
    const other = await env.api('POST', `/api/v1/imports/${v.importId}/undo`, { token: await env.login('xuly.ngocha') });
    expect(other.statusCode).toBe(404);
    const undo = await env.api('POST', `/api/v1/imports/${v.importId}/undo`, { token: await env.login('xuly') });
    expect(undo.statusCode, undo.body).toBe(200);
    expect((undo.json() as { removed: number }).removed).toBe(997);
    // …and leave it with the undo.
    expect(await count(sql`select count(*) as n from search_docs d where d.record_type = 'case' and d.content like 'Đơn hàng loạt %'`)).toBe(3);
    expect(await count(sql`select count(*) as n from cases`)).toBe(before + 3);

    // Once a record of an import is worked on, the import stays.
    const [one] = await queryRows<{ id: string }>(env.database.db, sql`select entity_id as id from import_rows where import_id = ${f.importId} limit 1`);
    const step = await env.api('POST', `/api/v1/cases/${one!.id}/transitions`, { token: await env.login('xuly'), body: { action: 'guide', on: '2026-09-29' } });
    expect(step.statusCode, step.body).toBe(200);
    const refused = await env.api('POST', `/api/v1/imports/${f.importId}/undo`, { token: await env.login('xuly') });
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { message: string }).message).toContain('đã có thao tác');
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });

  it('seals a denouncer’s name from an imported case: not in any list, log, audit row or table', async () => {
    const secret = 'Kiều Bí Mật Tố Cáo';
    const file = await caseFile([{ ref: 'S-1', kind: 'TC', received: '10/09/2026', accepted: '15/09/2026', state: 'Đã thụ lý', name: secret, content: 'Tố cáo cán bộ thu tiền sai quy định' }]);
    const imp = await post('xuly', `/api/v1/imports/cases?agency=00004&mapping=${q(CASE_MAPPING)}`, file);
    expect(imp.statusCode, imp.body.slice(0, 300)).toBe(201);
    expect(imp.body).not.toContain('Bí Mật');
    const token = await env.login('xuly');
    const list = await env.api('GET', '/api/v1/cases?agency=00004&limit=200', { token });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Bí Mật');
    const [c] = await queryRows<{ id: string }>(env.database.db, sql`select id from cases where content = 'Tố cáo cán bộ thu tiền sai quy định'`);
    const detail = await env.api('GET', `/api/v1/cases/${c!.id}`, { token });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain('Bí Mật');
    expect(detail.body).toContain('[Đã bảo mật]');
    expect(await count(sql`select count(*) as n from sealed_identities where case_id = ${c!.id}`)).toBe(1);
    // Every table, every row, as text: the name is nowhere in clear (folded or not).
    const tables = await queryRows<{ t: string }>(env.database.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    for (const { t } of tables) {
      const hits = await count(sql`select count(*) as n from ${sql.identifier(t)} x where x::text ilike ${'%bí mật%'} or x::text ilike ${'%bi mat%'}`);
      expect(hits, t).toBe(0);
    }
    expect(logs.join('')).not.toContain('Bí Mật');
  });
});

describe('the receiving agency of a forwarded row, as clerks write it', () => {
  it('finds it by code, by name with or without diacritics and «UBND», by name and province; says when a name is shared', async () => {
    const ba = await requireAgency(env.database.db, '00004');
    const texts = ['00008', '(00025)', 'UBND phường Ngọc Hà', 'Ủy ban nhân dân Phường Ngọc Hà', 'phuong ngoc ha', 'UBND xã An Bình', 'Xã An Bình, tỉnh Vĩnh Long', 'UBND TP. Hà Nội', 'Phường Ba Đình', 'Xã Không Có'];
    const r = await resolveAgencies(env.database.db, ba, texts);
    const code = (t: string) => {
      const x = r.get(t)!;
      return 'agency' in x ? x.agency.code : x.issue;
    };
    expect(texts.map(code)).toEqual(['00008', '00025', '00008', '00008', '00008', 'import.agencyAmbiguous', '29584', '01', 'import.agencySelf', 'import.agencyUnknown']);
    const amb = r.get('UBND xã An Bình')!;
    expect('params' in amb && amb.params.count).toBe(2);
  });
});

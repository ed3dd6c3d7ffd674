/**
 * Importing an agency's Excel sheets: preview (header found, mapping proposed or taken from the agency's template,
 * first rows as DânVận reads them, every row checked), case import, undo. The register import itself is
 * importReceptionRegister (reception/register-routes.ts), which takes the same `mapping`. Files go as the raw
 * request body (.xlsx, or .csv as text/csv), like the register import: `fetch(url, { method: 'POST', body: file })`.
 * `mapping` is a JSON object in the query: {"A":"no","B":"date","C":"person",…} (keys: column letters; values:
 * the field keys listed in the preview's `fields`).
 */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { pickLang, translate, type Lang, type MessageKey } from '../../i18n.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { IMPORT_MODES, importRegister, type RowIssue } from '../reception/register-import.ts';
import { XLSX_MIME } from '../reception/register-xlsx.ts';
import { SEALED_PLACEHOLDER } from '@danvan/domain/reception/register';
import { columnsView, fieldsView, parseMappingParam, prepareSheet, saveTemplate } from './prepare.ts';
import { registerSource } from './import-register.ts';
import { importCaseFile, type CaseImportReport } from './import-cases.ts';
import { undoImport } from './undo-import.ts';
import { requireImportRole } from './policy.ts';
import { readImportProgress, trackImport, withProgress } from './progress.ts';

export const IMPORT_BODY_LIMIT = 40 * 1024 * 1024;
export const IMPORT_CONTENT_TYPES = [XLSX_MIME, 'application/octet-stream', 'text/csv', 'application/vnd.ms-excel'];
const MAX_LISTED_ISSUES = 2000;

async function visibleAgency(ctx: AppContext, user: CurrentUser, code: string): Promise<AgencyRow> {
  const a = await agencyByCode(ctx.db, code);
  if (!a || !canSee(user, a.path)) throw notFound();
  return a;
}

export function renderIssue(lang: Lang, i: RowIssue) {
  const message = translate(lang, i.key as MessageKey, i.params);
  const column = i.column ? `${i.column} – ${i.header}` : i.header || '—';
  return { row: i.row, column: i.column, header: i.header, message, text: translate(lang, 'register.row', { row: i.row, column, message }) };
}

/** The error file: one line per problem (sheet row, column, reason in Vietnamese), as CSV with BOM for Excel. */
export function errorFileCsv(lang: Lang, errors: readonly RowIssue[]): string {
  const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;
  const head = lang === 'vi' ? ['Dòng', 'Cột', 'Tiêu đề cột', 'Lý do'] : ['Row', 'Column', 'Header', 'Reason'];
  const lines = [head.map(q).join(','), ...errors.map((e) => renderIssue(lang, e)).map((e) => [e.row, e.column, e.header, e.message].map(q).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const Issue = Type.Object({ row: Type.Integer({ description: 'Số dòng trong trang tính' }), column: Type.String({ description: 'Cột (A, B, …)' }), header: Type.String(), message: Type.String(), text: Type.String() });
const Column = Type.Object({
  letter: Type.String(),
  header: Type.String({ description: 'Tiêu đề cột (hai dòng tiêu đề: «nhóm / cột»)' }),
  field: Type.String({ description: 'Trường DânVận đang ghép (ignore = bỏ qua)' }),
  fieldLabel: Type.String(),
  proposed: Type.String({ description: 'Trường DânVận đề xuất' }),
  confidence: Type.Integer({ description: '0–100' }),
});
const Field = Type.Object({ key: Type.String(), label: Type.String(), required: Type.Boolean() });
const PreviewCommon = {
  headerRows: Type.Array(Type.Integer(), { description: 'Dòng tiêu đề (số dòng trong trang tính)' }),
  firstDataRow: Type.Integer(),
  columns: Type.Array(Column),
  fields: Type.Array(Field),
  mapping: Type.Record(Type.String(), Type.String()),
  mappingSource: Type.String({ description: 'request = cách ghép gửi kèm; template = mẫu đã lưu của cơ quan; proposal = DânVận đề xuất' }),
  mappingProblems: Type.Array(Type.String()),
  templateSaved: Type.Boolean(),
  encoding: Type.Union([Type.String(), Type.Null()], { description: 'Bảng mã cũ đã chuyển (tcvn3, vni) hoặc null' }),
  total: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  errors: Type.Array(Issue),
  warnings: Type.Array(Issue),
  errorFile: Type.String({ description: 'Tệp lỗi (CSV, mỗi dòng: dòng, cột, lý do)' }),
};
const RegisterPreviewOut = Type.Object({ ...PreviewCommon, rows: Type.Array(Type.Object({ row: Type.Integer(), cells: Type.Record(Type.String(), Type.String()) })) });
const CasePreviewOut = Type.Object({
  ...PreviewCommon,
  rows: Type.Array(
    Type.Object({ row: Type.Integer(), kind: Type.String(), state: Type.String(), stateLabel: Type.String(), receivedOn: Type.String(), dueOn: Type.Union([Type.String(), Type.Null()]), overdue: Type.Boolean() }),
  ),
});
const CaseImportOut = Type.Object({
  mode: Type.String(),
  status: Type.String({ description: 'imported | checked' }),
  total: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  imported: Type.Integer(),
  importId: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(Issue),
  warnings: Type.Array(Issue),
  errorFile: Type.String(),
});

/** The staff page names a long request so that it can follow it with getImportProgress. */
export const ProgressHeaders = Type.Object({
  'x-progress-id': Type.Optional(Type.String({ format: 'uuid', description: 'Mã ngẫu nhiên do trang đặt để theo dõi tiến độ (getImportProgress)' })),
});

const FileQuery = {
  agency: Type.String({ minLength: 1, maxLength: 20 }),
  mapping: Type.Optional(Type.String({ maxLength: 5000, description: 'Cách ghép cột, JSON {"A":"date",…}' })),
};

function renderCaseReport(lang: Lang, r: CaseImportReport) {
  return {
    mode: r.mode,
    status: r.status,
    total: r.total,
    valid: r.valid,
    invalid: r.invalid,
    imported: r.imported,
    importId: r.importId,
    errors: r.errors.slice(0, MAX_LISTED_ISSUES).map((i) => renderIssue(lang, i)),
    warnings: r.warnings.slice(0, MAX_LISTED_ISSUES).map((i) => renderIssue(lang, i)),
    errorFile: errorFileCsv(lang, r.errors),
  };
}

function body(request: { body: unknown }): Buffer {
  const b = request.body;
  if (!Buffer.isBuffer(b) || b.length === 0) throw new AppError(400, 'error.importFile');
  return b;
}

export function registerImportRoutes(app: App, ctx: AppContext) {
  app.register(async (scope) => {
    const sub = scope as unknown as App;
    sub.addContentTypeParser(IMPORT_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, b, done) => done(null, b));

    sub.post(
      '/imports/register/preview',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          operationId: 'previewRegisterImport',
          tags: ['imports'],
          summary:
            'Xem trước việc nhập sổ tiếp công dân từ Excel (.xlsx/.csv, gửi nguyên tệp làm thân yêu cầu): tìm dòng tiêu đề (một hoặc hai dòng, ô gộp), đề xuất ghép cột (hoặc dùng mẫu đã lưu của cơ quan), các dòng đầu như DânVận sẽ đọc, kiểm tra mọi dòng. Không ghi dữ liệu; saveTemplate=true lưu cách ghép cột gửi kèm làm mẫu của cơ quan',
          querystring: Type.Object({ ...FileQuery, saveTemplate: Type.Boolean({ default: false }) }),
          headers: ProgressHeaders,
          consumes: IMPORT_CONTENT_TYPES,
          response: { 200: RegisterPreviewOut, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const agency = await visibleAgency(ctx, user, request.query.agency);
        requireImportRole(user, agency, 'register');
        const lang = pickLang(request.headers['accept-language']);
        const mapping = parseMappingParam(request.query.mapping);
        const { p, source, report } = await withProgress(trackImport(user.id, request.headers['x-progress-id']), async (onProgress) => {
          const p = await prepareSheet(ctx.db, agency, 'register', body(request), mapping);
          const source = registerSource(p);
          const usable = !p.mappingProblems.length;
          const report = usable ? await importRegister(ctx, { id: user.id, displayName: user.displayName }, agency, Buffer.alloc(0), 'check', onProgress, source) : null;
          return { p, source, report };
        });
        const usable = !p.mappingProblems.length;
        let templateSaved = false;
        if (usable && mapping && request.query.saveTemplate) {
          await saveTemplate(ctx.db, agency, 'register', p.signature, p.mapping, user.id, ctx.now());
          templateSaved = true;
        }
        const errors = report?.errors ?? [];
        return {
          headerRows: p.layout.headerRows.map((r) => r + 1),
          firstDataRow: p.layout.firstDataRow + 1,
          columns: columnsView(p),
          fields: fieldsView('register'),
          mapping: p.mapping,
          mappingSource: p.mappingSource,
          mappingProblems: p.mappingProblems,
          templateSaved,
          encoding: p.encoding,
          total: p.rows.length,
          valid: report?.valid ?? 0,
          invalid: report?.invalid ?? 0,
          errors: errors.slice(0, MAX_LISTED_ISSUES).map((i) => renderIssue(lang, i)),
          warnings: (report?.warnings ?? source.warnings).slice(0, MAX_LISTED_ISSUES).map((i) => renderIssue(lang, i)),
          errorFile: errorFileCsv(lang, errors),
          // A denunciation row never shows its identity, even back to the clerk who sent it.
          rows: source.rows.slice(0, 10).map((r) => ({
            row: r.rowNumber,
            cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, r.cells.type === 'TC' && (k === 'nameAddress' || k === 'idNumber') ? (k === 'nameAddress' ? SEALED_PLACEHOLDER : '') : (v ?? '')])),
          })),
        };
      },
    );

    sub.post(
      '/imports/cases/preview',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          operationId: 'previewCaseImport',
          tags: ['imports'],
          summary:
            'Xem trước việc nhập vụ việc đang giải quyết từ Excel: ghép cột, kiểm tra mọi dòng, trạng thái và hạn giải quyết mỗi vụ việc sẽ có (tính theo đồng hồ pháp lý từ ngày của chính nó). Không ghi dữ liệu; saveTemplate=true lưu cách ghép cột',
          querystring: Type.Object({ ...FileQuery, saveTemplate: Type.Boolean({ default: false }) }),
          headers: ProgressHeaders,
          consumes: IMPORT_CONTENT_TYPES,
          response: { 200: CasePreviewOut, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const agency = await visibleAgency(ctx, user, request.query.agency);
        requireImportRole(user, agency, 'cases');
        const lang = pickLang(request.headers['accept-language']);
        const mapping = parseMappingParam(request.query.mapping);
        const { report, sheet: p } = await withProgress(trackImport(user.id, request.headers['x-progress-id']), (onProgress) =>
          importCaseFile(ctx, { id: user.id, displayName: user.displayName }, agency, body(request), 'check', { ...(mapping ? { mapping } : {}), preview: true, onProgress }),
        );
        let templateSaved = false;
        if (!p.mappingProblems.length && mapping && request.query.saveTemplate) {
          await saveTemplate(ctx.db, agency, 'cases', p.signature, p.mapping, user.id, ctx.now());
          templateSaved = true;
        }
        const r = renderCaseReport(lang, report);
        return {
          headerRows: p.layout.headerRows.map((x) => x + 1),
          firstDataRow: p.layout.firstDataRow + 1,
          columns: columnsView(p),
          fields: fieldsView('cases'),
          mapping: p.mapping,
          mappingSource: p.mappingSource,
          mappingProblems: p.mappingProblems,
          templateSaved,
          encoding: p.encoding,
          total: r.total,
          valid: r.valid,
          invalid: r.invalid,
          errors: r.errors,
          warnings: r.warnings,
          errorFile: r.errorFile,
          rows: report.preview,
        };
      },
    );

    sub.post(
      '/imports/cases',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          operationId: 'importCases',
          tags: ['imports'],
          summary:
            'Nhập vụ việc đang giải quyết (và mới kết thúc) từ Excel: mỗi dòng thành một vụ việc ở đúng trạng thái của quy trình, hạn giải quyết tính từ ngày của chính nó (quá hạn nếu đã quá hạn), danh tính người tố cáo được niêm phong, nhật ký ghi «nhập». mode=all (mặc định): có dòng lỗi thì không ghi gì (400); valid-only: ghi các dòng hợp lệ, trả tệp lỗi; check: chỉ kiểm tra. Cùng tệp không nhập hai lần; dòng đã nhập trước đó được bỏ qua',
          querystring: Type.Object({ ...FileQuery, mode: Type.Enum([...IMPORT_MODES], { default: 'all' }) }),
          headers: ProgressHeaders,
          consumes: IMPORT_CONTENT_TYPES,
          response: { 200: CaseImportOut, 201: CaseImportOut, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const agency = await visibleAgency(ctx, user, request.query.agency);
        requireImportRole(user, agency, 'cases');
        const lang = pickLang(request.headers['accept-language']);
        const mapping = parseMappingParam(request.query.mapping);
        const { report } = await withProgress(trackImport(user.id, request.headers['x-progress-id']), (onProgress) =>
          importCaseFile(ctx, { id: user.id, displayName: user.displayName }, agency, body(request), request.query.mode, { ...(mapping ? { mapping } : {}), onProgress }),
        );
        const out = renderCaseReport(lang, report);
        if (report.status === 'rejected') throw new AppError(400, 'error.importRows', { count: report.invalid }, [], out);
        return reply.status(report.status === 'imported' && report.importId ? 201 : 200).send(out);
      },
    );
  });

  app.get(
    '/imports/progress/:id',
    {
      schema: {
        operationId: 'getImportProgress',
        tags: ['imports'],
        summary:
          'Tiến độ của một lần xem trước / nhập đang chạy (đọc tệp, kiểm tra từng dòng, ghi), theo mã x-progress-id mà trang gửi kèm yêu cầu tải lên; chỉ người gửi yêu cầu xem được; 404 khi không có (chưa bắt đầu, đã quá 15 phút, hoặc của người khác)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            phase: Type.Union([Type.Literal('reading'), Type.Literal('checking'), Type.Literal('writing'), Type.Literal('done'), Type.Literal('failed')]),
            done: Type.Integer({ description: 'Số dòng đã kiểm tra (checking) hoặc đã ghi (writing)' }),
            total: Type.Integer({ description: 'Số dòng dữ liệu của tệp' }),
            percent: Type.Integer({ description: '0–100: kiểm tra là nửa đầu, ghi là nửa sau' }),
          }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const p = readImportProgress(user.id, request.params.id);
      if (!p) throw notFound();
      return p;
    },
  );

  app.post(
    '/imports/:id/undo',
    {
      schema: {
        operationId: 'undoImport',
        tags: ['imports'],
        summary: 'Hủy cả một lần nhập (sổ tiếp công dân hoặc vụ việc) khi chưa có thao tác nào trên các hồ sơ đã nhập; sau khi hủy có thể nhập lại tệp đã sửa',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ importId: Type.String(), target: Type.String(), removed: Type.Integer() }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return undoImport(ctx, user, request.params.id);
    },
  );
}

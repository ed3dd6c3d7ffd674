/**
 * The register (sổ tiếp công dân, Mẫu 03/TCD) — JSON view, XLSX export, XLSX import — and the head's reception
 * compliance. The import takes the raw .xlsx file as the request body (Content-Type
 * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, or application/octet-stream), up to 20 MB:
 * a browser sends `fetch(url, { method: 'POST', body: file })`, curl `--data-binary @so.xlsx`. No multipart.
 */
import { Type } from 'typebox';
import { isoDateInVietnam } from '@danvan/domain/text';
import { isValidRange, parsePeriod } from '@danvan/domain/reports';
import { diffDays } from '@danvan/domain/clock/dates';
import { REGISTER_COLUMNS } from '@danvan/domain/reception/register';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { pickLang, translate, type Lang, type MessageKey } from '../../i18n.ts';
import { ErrorBody, IsoDate } from '../shared-schemas.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { mayViewReception, requireReceptionRole } from './policy.ts';
import { exportRegisterXlsx, periodText, registerEntries, registerFileName } from './register-export.ts';
import { IMPORT_MODES, type ImportReport, type RowIssue } from './register-import.ts';
import { importRegisterFile } from '../imports/import-register.ts';
import { parseMappingParam } from '../imports/prepare.ts';
import { ProgressHeaders, errorFileCsv } from '../imports/routes.ts';
import { trackImport, withProgress } from '../imports/progress.ts';
import { XLSX_MIME } from './register-xlsx.ts';
import { computeReceptionCompliance } from './reception-compliance.ts';

const MAX_REGISTER_DAYS = 366 * 2;
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

async function visibleAgency(ctx: AppContext, user: CurrentUser, code: string): Promise<AgencyRow> {
  const a = await agencyByCode(ctx.db, code);
  // An agency outside the user's subtrees is as unknown as its visits.
  if (!a || !mayViewReception(user, a.path)) throw notFound();
  return a;
}

function range(q: { from?: string; to?: string; period?: string }, maxDays: number) {
  const r = q.period ? parsePeriod(q.period) : q.from && q.to ? { from: q.from, to: q.to } : null;
  if (!r) throw invalid({ field: q.from ? 'to' : 'from', key: 'field.periodOrRange' });
  if (!isValidRange(r)) throw invalid({ field: 'from', key: 'field.dateRange' });
  if (diffDays(r.from, r.to) > maxDays) throw invalid({ field: 'to', key: 'field.rangeTooLong', params: { days: maxDays } });
  return r;
}

const RangeQuery = {
  from: Type.Optional(IsoDate('Từ ngày (kèm to), hoặc dùng period')),
  to: Type.Optional(IsoDate('Đến ngày')),
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(H[12]|Q[1-4]|9M))?$', description: '2026, 2026-H1, 2026-Q3, 2026-9M' })),
};

function renderIssue(lang: Lang, i: RowIssue) {
  const message = translate(lang, i.key as MessageKey, i.params);
  return { row: i.row, column: i.column, header: i.header, message, text: translate(lang, 'register.row', { row: i.row, column: i.header, message }) };
}

function renderReport(lang: Lang, r: ImportReport) {
  return {
    mode: r.mode,
    status: r.status,
    total: r.total,
    valid: r.valid,
    invalid: r.invalid,
    imported: r.imported,
    importId: r.importId,
    errors: r.errors.map((i) => renderIssue(lang, i)),
    warnings: r.warnings.map((i) => renderIssue(lang, i)),
    errorFile: errorFileCsv(lang, r.errors),
  };
}

const RowIssueOut = Type.Object({ row: Type.Integer({ description: 'Số dòng trong bảng tính' }), column: Type.String({ description: 'Cột (A–M)' }), header: Type.String(), message: Type.String(), text: Type.String() });
const ImportOut = Type.Object({
  mode: Type.String(),
  status: Type.String({ description: 'imported | checked' }),
  total: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  imported: Type.Integer(),
  importId: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(RowIssueOut),
  warnings: Type.Array(RowIssueOut),
  errorFile: Type.Optional(Type.String({ description: 'Tệp lỗi (CSV: dòng, cột, lý do)' })),
});

export function registerRegisterRoutes(app: App, ctx: AppContext) {
  app.get(
    '/reception-register',
    {
      schema: {
        operationId: 'listReceptionRegister',
        tags: ['reception'],
        summary: 'Sổ tiếp công dân (Mẫu 03/TCD) của một cơ quan trong khoảng ngày, đúng 13 cột của mẫu; dòng tố cáo không hiện danh tính',
        querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }), ...RangeQuery }),
        response: {
          200: Type.Object({
            agency: Type.Object({ code: Type.String(), name: Type.String() }),
            from: Type.String(),
            to: Type.String(),
            columns: Type.Array(Type.Object({ key: Type.String(), header: Type.String() })),
            rows: Type.Array(Type.Object({ visitId: Type.String(), caseId: Type.Union([Type.String(), Type.Null()]), cells: Type.Record(Type.String(), Type.String()) })),
          }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const r = range(request.query, MAX_REGISTER_DAYS);
      const agency = await visibleAgency(ctx, user, request.query.agency);
      const entries = await registerEntries(ctx.db, agency, r.from, r.to);
      return {
        agency: { code: agency.code, name: agency.fullName },
        from: r.from,
        to: r.to,
        columns: REGISTER_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
        rows: entries.map((e) => ({ visitId: e.visitId, caseId: e.caseId, cells: { ...e.row } })),
      };
    },
  );

  app.get(
    '/reception-register/export',
    {
      schema: {
        operationId: 'exportReceptionRegister',
        tags: ['reception'],
        summary: 'Xuất sổ tiếp công dân ra Excel (.xlsx): tiêu đề, cơ quan, kỳ, 13 cột tiếng Việt của Mẫu 03/TCD',
        querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }), ...RangeQuery }),
        response: {
          200: { description: 'Tệp Excel', content: { [XLSX_MIME]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } },
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = range(request.query, MAX_REGISTER_DAYS);
      const agency = await visibleAgency(ctx, user, request.query.agency);
      const { file, rows } = await exportRegisterXlsx(ctx.db, agency, r.from, r.to);
      const name = registerFileName(agency, r.from, r.to);
      return reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-register-rows', String(rows))
        .header('x-register-period', encodeURIComponent(periodText(r.from, r.to)))
        .header('cache-control', 'no-store')
        .type(XLSX_MIME)
        .send(file);
    },
  );

  // The raw-body parser lives in its own plugin so that it applies to the import route only.
  app.register(async (scope) => {
    const sub = scope as unknown as App;
    sub.addContentTypeParser([XLSX_MIME, 'application/octet-stream', 'text/csv', 'application/vnd.ms-excel'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
    sub.post(
      '/reception-register/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          operationId: 'importReceptionRegister',
          tags: ['reception'],
          summary:
            'Nhập sổ tiếp công dân từ Excel (.xlsx, gửi nguyên tệp làm thân yêu cầu). Kiểm tra mọi dòng, báo lỗi theo số dòng và cột. mode=all (mặc định): có dòng lỗi thì không ghi gì (400); mode=valid-only: ghi các dòng hợp lệ; mode=check: chỉ kiểm tra. Tệp theo mẫu khác (Mẫu 03/TCD hai dòng tiêu đề, tiêu đề riêng của cơ quan, .csv): gửi kèm mapping (cách ghép cột đã xác nhận ở previewRegisterImport) hoặc dùng mẫu ghép cột đã lưu của cơ quan',
          querystring: Type.Object({
            agency: Type.String({ minLength: 1, maxLength: 20 }),
            mode: Type.Enum([...IMPORT_MODES], { default: 'all' }),
            mapping: Type.Optional(Type.String({ maxLength: 5000, description: 'Cách ghép cột, JSON {"A":"no","B":"date","C":"person",…} (xem previewRegisterImport)' })),
          }),
          headers: ProgressHeaders,
          consumes: [XLSX_MIME, 'application/octet-stream', 'text/csv', 'application/vnd.ms-excel'],
          response: { 200: ImportOut, 201: ImportOut, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const agency = await visibleAgency(ctx, user, request.query.agency);
        requireReceptionRole(user, agency);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError(400, 'error.registerFile');
        const lang = pickLang(request.headers['accept-language']);
        const mapping = parseMappingParam(request.query.mapping);
        const report = await withProgress(trackImport(user.id, request.headers['x-progress-id']), (onProgress) =>
          importRegisterFile(ctx, { id: user.id, displayName: user.displayName }, agency, body, request.query.mode, { ...(mapping ? { mapping } : {}), onProgress }),
        );
        const out = renderReport(lang, report);
        if (report.status === 'rejected') throw new AppError(400, 'error.registerRows', { count: report.invalid }, [], out);
        return reply.status(report.status === 'imported' ? 201 : 200).send(out);
      },
    );
  });

  app.get(
    '/reception-compliance',
    {
      schema: {
        operationId: 'getReceptionCompliance',
        tags: ['reception'],
        summary:
          'Việc tiếp công dân định kỳ của người đứng đầu: theo từng cơ quan trong phạm vi, số ngày phải tiếp (chủ tịch xã 1 ngày/tuần; chủ tịch tỉnh, thủ trưởng cơ quan 1 ngày/tháng) so với số ngày đã tiếp trực tiếp / cấp phó tiếp thay; cảnh báo khi chưa đủ',
        querystring: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20 }),
          ...RangeQuery,
          flaggedOnly: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            agency: Type.Object({ code: Type.String(), name: Type.String() }),
            from: Type.String(),
            to: Type.String(),
            rule: Type.String(),
            delegationBan: Type.Object({ effectiveFrom: Type.String(), citation: Type.String(), verified: Type.Boolean() }),
            total: Type.Integer(),
            flagged: Type.Integer(),
            items: Type.Array(
              Type.Object({
                agencyCode: Type.String(),
                agencyName: Type.String(),
                level: Type.String(),
                holder: Type.String(),
                frequency: Type.String(),
                requirement: Type.String(),
                citation: Type.String(),
                required: Type.Integer(),
                heldDays: Type.Integer(),
                inPersonDays: Type.Integer(),
                delegatedDays: Type.Integer(),
                countedDays: Type.Integer(),
                compliant: Type.Boolean(),
                flags: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
                missedPeriods: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
                days: Type.Array(Type.Object({ date: Type.String(), inPerson: Type.Boolean() })),
              }),
            ),
          }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const r = range(q, MAX_REGISTER_DAYS);
      const agency = await visibleAgency(ctx, user, q.agency);
      return computeReceptionCompliance(ctx.db, agency, { from: r.from, to: r.to, asOf: isoDateInVietnam(ctx.now()), flaggedOnly: q.flaggedOnly, limit: q.limit, offset: q.offset });
    },
  );
}

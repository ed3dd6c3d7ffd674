/**
 * HTTP surface of the reports (issue 6): the period report with every indicator (getPeriodReport), the records
 * behind one figure (drillReportIndicator), the dashboard (getReportDashboard), the exports (exportPeriodReport:
 * xlsx | pdf | csv | json), the indicator list, and the cut-off convention (read by all; set by a national admin).
 * Every route: an agency outside the user's subtrees is 404, like its cases.
 */
import { Type } from 'typebox';
import { INDICATORS, isValidRange, parsePeriod, PERIOD_PATTERN, type DateRange, type Figures } from '@danvan/domain/reports';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { invalid, notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import { Dashboard } from './schemas.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { computePeriodReport, coreOf, type PeriodReport } from './period-report.ts';
import { canReadReports } from './policy.ts';
import { getReportCutoff, getReportCutoffView, setReportCutoff } from './settings.ts';
import { drillIndicator, resolveDrillKey, DRILL_ALIASES } from './drill.ts';
import { computeDashboard } from './dashboard.ts';
import { EXPORT_FORMATS, exportPeriodReport } from './export-report.ts';
import { reportSections } from './sections.ts';
import { settlementRate } from '@danvan/domain/reports';
import { isoDateInVietnam } from '@danvan/domain/text';
import { reportCoverageGaps, type NotCovered } from '../federation/coverage.ts';

const RangeQuery = {
  agency: Type.String({ minLength: 1, maxLength: 20, examples: ['01'] }),
  from: Type.Optional(IsoDate('Từ ngày (kèm to), hoặc dùng period')),
  to: Type.Optional(IsoDate()),
  period: Type.Optional(Type.String({ pattern: PERIOD_PATTERN, description: '2026 (năm), 2026-H1/H2 (6 tháng), 2026-Q1..Q4 (quý), 2026-9M (9 tháng); theo mốc chốt số liệu đang áp dụng', examples: ['2026-H1'] })),
};

interface RangeInput {
  agency: string;
  from?: string;
  to?: string;
  period?: string;
}

async function resolveRequest(ctx: AppContext, user: CurrentUser, q: RangeInput): Promise<{ agency: AgencyRow; range: DateRange; period: string | null }> {
  const cutoff = await getReportCutoff(ctx.db);
  let range: DateRange | null = null;
  if (q.period) range = parsePeriod(q.period, cutoff);
  else if (q.from && q.to) range = { from: q.from, to: q.to };
  if (!range) {
    if (!q.from && !q.to) throw invalid({ field: 'period', key: 'field.periodOrRange' });
    throw invalid(...(q.from ? [] : [{ field: 'from', key: 'field.required' as const }]), ...(q.to ? [] : [{ field: 'to', key: 'field.required' as const }]));
  }
  if (!isValidRange(range)) throw invalid({ field: 'from', key: 'field.dateRange' });
  const agency = await agencyByCode(ctx.db, q.agency);
  // A report of an agency outside the user's subtrees is as unknown as the agency's cases.
  if (!agency || !canReadReports(user, agency.path)) throw notFound();
  return { agency, range: { from: range.from, to: range.to }, period: q.period ?? null };
}

export async function periodReportFor(ctx: AppContext, user: CurrentUser, q: RangeInput): Promise<PeriodReport & { notCovered: NotCovered[] }> {
  const { agency, range, period } = await resolveRequest(ctx, user, q);
  const report = await computePeriodReport(ctx.db, agency, range.from, range.to, { period, cutoff: await getReportCutoff(ctx.db), asOf: isoDateInVietnam(ctx.now()) });
  // Parts of the subtree on other DânVận instances the figures leave out, with the reason (issue 16, ADR 0020).
  return { ...report, notCovered: await reportCoverageGaps(ctx, agency, range) };
}

const Figs = Type.Record(Type.String(), Type.Integer(), { description: 'Chỉ tiêu → số liệu (khóa: xem /reports/indicators)' });
const AgencyRefT = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });
const UnitCore = Type.Object({
  agency: AgencyRefT,
  visits: Type.Integer(),
  people: Type.Integer(),
  cases: Type.Integer(),
  withinJurisdiction: Type.Integer(),
  resolved: Type.Integer(),
  resolutionRate: Type.Number(),
  indicators: Type.Optional(Figs),
});

const PeriodReportBody = Type.Object({
  agency: AgencyRefT,
  from: Type.String(),
  to: Type.String(),
  period: Type.Union([Type.String(), Type.Null()]),
  periodLabel: Type.String({ examples: ['6 tháng đầu năm 2026'] }),
  cutoff: Type.Object({ startDay: Type.Integer() }),
  visits: Type.Integer({ description: 'Lượt tiếp công dân' }),
  people: Type.Integer({ description: 'Số người được tiếp' }),
  cases: Type.Integer({ description: 'Vụ việc được tiếp' }),
  delegations: Type.Integer({ description: 'Lượt tiếp đoàn đông người (từ 5 người cùng nội dung)' }),
  firstTimeVisits: Type.Integer({ description: 'Lượt tiếp lần đầu' }),
  repeatVisits: Type.Integer({ description: 'Lượt tiếp lại (cùng vụ việc đã có)' }),
  withinJurisdiction: Type.Integer({ description: 'Vụ khiếu nại, tố cáo thuộc thẩm quyền (kỳ trước chuyển sang + thụ lý mới)' }),
  resolved: Type.Integer({ description: 'Đã giải quyết' }),
  resolutionRate: Type.Number({ description: 'Tỷ lệ giải quyết = resolved / withinJurisdiction (0..1)' }),
  complaintRate: Type.Number(),
  denunciationRate: Type.Number(),
  indicators: Figs,
  forms: Type.Array(
    Type.Object({
      key: Type.String(),
      code: Type.String(),
      title: Type.String(),
      groups: Type.Array(Type.Object({ title: Type.String(), rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), value: Type.Integer() })) })),
    }),
  ),
  rollup: Type.Object({ own: UnitCore, children: Type.Array(UnitCore) }),
  previous: Type.Object({
    from: Type.String(),
    to: Type.String(),
    visits: Type.Integer(),
    people: Type.Integer(),
    cases: Type.Integer(),
    withinJurisdiction: Type.Integer(),
    resolved: Type.Integer(),
    resolutionRate: Type.Number(),
  }),
  summary: Type.String({ examples: ['Từ ngày 01/01/2026 đến ngày 30/06/2026, Ủy ban nhân dân Phường Ba Đình đã tiếp 1 lượt công dân với 1 vụ việc, đã giải quyết 1 vụ việc trong tổng số 1 vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt 100%.'] }),
  comparison: Type.String({ description: 'So sánh với kỳ trước có cùng độ dài' }),
  narrative: Type.String({ description: 'summary + comparison (+ the dialogue sentence when there were dialogues or commitments)' }),
  dialogues: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()]), { description: 'Đối thoại và cam kết trong kỳ (cơ quan và cấp dưới): số hội nghị, người dự, vấn đề, trả lời tại chỗ, chuyển, cam kết, đã thực hiện, đúng hạn, quá hạn, tỷ lệ thực hiện' })),
  dialogueSentence: Type.Optional(Type.String()),
  ratings: Type.Object(
    { satisfied: Type.Integer(), unsatisfied: Type.Integer(), total: Type.Integer() },
    { description: 'Đánh giá của công dân về câu trả lời (cổng công dân) trong kỳ' },
  ),
  notCovered: Type.Array(
    Type.Object({
      instance: Type.String(),
      instanceName: Type.String(),
      agencies: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
      reason: Type.Enum(['custom-range', 'no-snapshot', 'snapshot-before-end'], {
        description:
          'custom-range: khoảng ngày không trọn nửa tháng (bắt đầu ngày 1 hoặc 15, kết thúc trước ngày 1 hoặc 15) nên không dùng được số liệu đã ký của hệ thống khác; no-snapshot: chưa lấy số liệu của hệ thống đó; snapshot-before-end: số liệu lấy trước ngày cuối kỳ',
      }),
      asOf: Type.Union([Type.String(), Type.Null()]),
      coveringRange: Type.Union([Type.Object({ from: Type.String(), to: Type.String() }), Type.Null()]),
    }),
    { description: 'Phần thuộc hệ thống DânVận khác (liên thông) KHÔNG có hoặc không đủ trong số liệu của báo cáo này, kèm lý do (ADR 0020); rỗng khi báo cáo đầy đủ' },
  ),
});

function unitCore(agency: { code: string; name: string; level: string }, f: Figures, full: boolean) {
  const core = coreOf(f);
  return { agency, ...core, resolutionRate: settlementRate(core.resolved, core.withinJurisdiction), ...(full ? { indicators: f } : {}) };
}

const DrillRowT = Type.Object({
  type: Type.String({ description: 'case | visit | matter | petition' }),
  id: Type.String(),
  date: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  caseId: Type.Union([Type.String(), Type.Null()]),
  caseCode: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.String(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  receivedOn: Type.Union([Type.String(), Type.Null()]),
  acceptedOn: Type.Union([Type.String(), Type.Null()]),
  decidedOn: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  dueAtDecision: Type.Union([Type.String(), Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
  sessionKind: Type.Union([Type.String(), Type.Null()]),
  peopleCount: Type.Union([Type.Integer(), Type.Null()]),
  isDelegation: Type.Union([Type.Boolean(), Type.Null()]),
  isRepeat: Type.Union([Type.Boolean(), Type.Null()]),
  visits: Type.Union([Type.Integer(), Type.Null()]),
});

const CutoffBody = Type.Object({
  startDay: Type.Integer({ description: '1 = tháng dương lịch; 15 = từ ngày 15 tháng trước đến ngày 14 tháng cuối kỳ (cách cũ)' }),
  source: Type.Enum(['default', 'admin']),
  description: Type.String(),
  citation: Type.String(),
  verified: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

export function registerReportRoutes(app: App, ctx: AppContext) {
  app.get(
    '/reports/period',
    {
      schema: {
        operationId: 'getPeriodReport',
        tags: ['reports'],
        summary:
          'Báo cáo kỳ của một cơ quan và toàn bộ cấp dưới: mọi chỉ tiêu của Biểu 01/TCD, 02/XLD, 03/GQKN, 04/GQTC, số liệu từng đơn vị trực thuộc, câu tóm tắt và so sánh với kỳ trước',
        querystring: Type.Object({
          ...RangeQuery,
          rollup: Type.Optional(Type.Enum(['core', 'full'], { description: 'core (mặc định): số liệu chính của từng đơn vị; full: mọi chỉ tiêu' })),
        }),
        response: { 200: PeriodReportBody, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const r = await periodReportFor(ctx, user, request.query);
      const full = request.query.rollup === 'full';
      return {
        ...r,
        rollup: {
          own: unitCore(r.agency, r.rollup.own, full),
          children: r.rollup.children.map((c) => unitCore(c.agency, c.figures, full)),
        },
      };
    },
  );

  app.get(
    '/reports/indicators',
    {
      schema: {
        operationId: 'listReportIndicators',
        tags: ['reports'],
        summary: 'Danh sách chỉ tiêu báo cáo (khóa, biểu, tên tiếng Việt) và các tên gọi tắt dùng được khi tra cứu chi tiết',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ key: Type.String(), form: Type.String(), label: Type.String(), source: Type.String(), measure: Type.String() })),
            aliases: Type.Record(Type.String(), Type.Array(Type.String())),
          }),
          401: ErrorBody,
        },
      },
    },
    async () => ({ items: INDICATORS.map((i) => ({ ...i })), aliases: Object.fromEntries(Object.entries(DRILL_ALIASES).map(([k, v]) => [k, [...v]])) }),
  );

  app.get(
    '/reports/drill',
    {
      schema: {
        operationId: 'drillReportIndicator',
        tags: ['reports'],
        summary: 'Danh sách hồ sơ tạo nên một số liệu của báo cáo kỳ (theo phạm vi quyền của người dùng); không có dữ liệu cá nhân',
        querystring: Type.Object({
          ...RangeQuery,
          indicator: Type.String({ minLength: 1, maxLength: 60, description: 'Khóa chỉ tiêu (gqkn.resolved, tcd.visits, …) hoặc tên gọi tắt (visits, withinJurisdiction, …)', examples: ['gqkn.resolved'] }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
        }),
        response: {
          200: Type.Object({
            indicator: Type.Object({ key: Type.String(), label: Type.String(), form: Type.String(), measure: Type.String(), keys: Type.Array(Type.String()) }),
            agency: Type.Object({ code: Type.String(), name: Type.String() }),
            from: Type.String(),
            to: Type.String(),
            figure: Type.Integer({ description: 'Số liệu của báo cáo (bằng số hồ sơ, hoặc tổng số người với tcd.people)' }),
            total: Type.Integer({ description: 'Số dòng' }),
            items: Type.Array(DrillRowT),
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
      const defs = resolveDrillKey(q.indicator);
      if (!defs) throw invalid({ field: 'indicator', key: 'field.indicator', params: { value: q.indicator } });
      const { agency, range } = await resolveRequest(ctx, user, q);
      return drillIndicator(ctx.db, user, agency, range, q.indicator, defs, { limit: q.limit ?? 100, offset: q.offset ?? 0 });
    },
  );

  app.get(
    '/reports/dashboard',
    {
      schema: {
        operationId: 'getReportDashboard',
        tags: ['reports'],
        summary: 'Bảng điều khiển: số lượng theo tháng, theo loại và lĩnh vực, tỷ lệ đúng hạn, vụ việc quá hạn theo đơn vị, tuân thủ lịch tiếp của thủ trưởng, xếp hạng đơn vị; đối thoại và cam kết; các phần bổ sung (Dân vận khéo)',
        querystring: Type.Object(RangeQuery),
        response: { 200: Dashboard, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { agency, range } = await resolveRequest(ctx, user, request.query);
      // Sections other modules contribute (reports/sections.ts: «Dân vận khéo» …) show as cards too.
      return exact(Dashboard, { ...(await computeDashboard(ctx.db, agency, range, ctx.now())), sections: await reportSections(ctx, agency, range.from, range.to) });
    },
  );

  app.get(
    '/reports/export',
    {
      schema: {
        operationId: 'exportPeriodReport',
        tags: ['reports'],
        summary: 'Xuất báo cáo kỳ: xlsx (mỗi biểu một trang tính, bố cục biểu mẫu), pdf (báo cáo có bảng), csv/json (dữ liệu mở, chỉ số liệu tổng hợp)',
        querystring: Type.Object({ ...RangeQuery, format: Type.Enum([...EXPORT_FORMATS], { description: 'xlsx | pdf | csv | json' }) }),
        response: {
          200: { description: 'Tệp báo cáo', content: { 'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } },
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await periodReportFor(ctx, user, request.query);
      const file = await exportPeriodReport(r, request.query.format, ctx.now(), await reportSections(ctx, r.agency, r.from, r.to));
      return reply.header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store').type(file.contentType).send(file.body);
    },
  );

  app.get(
    '/reports/settings',
    {
      schema: {
        operationId: 'getReportSettings',
        tags: ['reports'],
        summary: 'Mốc chốt số liệu của kỳ báo cáo đang áp dụng (mặc định: tháng dương lịch)',
        response: { 200: Type.Object({ cutoff: CutoffBody }), 401: ErrorBody },
      },
    },
    async () => ({ cutoff: await getReportCutoffView(ctx.db) }),
  );

  app.put(
    '/reports/settings',
    {
      schema: {
        operationId: 'setReportSettings',
        tags: ['reports'],
        summary: 'Quản trị cấp trung ương: đặt mốc chốt số liệu của kỳ báo cáo (ghi nhật ký)',
        body: Type.Object({ cutoff: Type.Object({ startDay: Type.Integer({ description: '1..28' }) }) }, { examples: [{ cutoff: { startDay: 15 } }] }),
        response: { 200: Type.Object({ cutoff: CutoffBody }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => ({ cutoff: await setReportCutoff(ctx, requireUser(request), request.body.cutoff) }),
  );
}

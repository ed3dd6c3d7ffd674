import { Type } from 'typebox';
import { isValidRange, parsePeriod } from '@danvan/domain/reports';
import type { App, AppContext } from '../../app.ts';
import { requireUser } from '../../app.ts';
import { invalid, notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate } from '../shared-schemas.ts';
import { canSee } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { computePeriodReport } from './period-report.ts';

export function registerReportRoutes(app: App, ctx: AppContext) {
  app.get(
    '/reports/period',
    {
      schema: {
        operationId: 'getPeriodReport',
        tags: ['reports'],
        summary: 'Báo cáo kỳ của một cơ quan và toàn bộ cấp dưới: lượt tiếp, vụ việc, vụ thuộc thẩm quyền, đã giải quyết, tỷ lệ, câu tóm tắt',
        querystring: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20, examples: ['01'] }),
          from: Type.Optional(IsoDate('Từ ngày (kèm to), hoặc dùng period')),
          to: Type.Optional(IsoDate()),
          period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(H[12]|Q[1-4]|9M))?$', description: '2026, 2026-H1, 2026-Q3, 2026-9M', examples: ['2026-H1'] })),
        }),
        response: {
          200: Type.Object({
            agency: Type.Object({ code: Type.String(), name: Type.String() }),
            from: Type.String(),
            to: Type.String(),
            visits: Type.Integer({ description: 'Lượt tiếp công dân' }),
            people: Type.Integer({ description: 'Số người được tiếp' }),
            cases: Type.Integer({ description: 'Vụ việc được tiếp' }),
            delegations: Type.Integer({ description: 'Lượt tiếp đoàn đông người (từ 5 người cùng nội dung)' }),
            firstTimeVisits: Type.Integer({ description: 'Lượt tiếp lần đầu' }),
            repeatVisits: Type.Integer({ description: 'Lượt tiếp lại (cùng vụ việc đã có)' }),
            withinJurisdiction: Type.Integer({ description: 'Vụ khiếu nại, tố cáo thuộc thẩm quyền (kỳ trước chuyển sang + thụ lý mới)' }),
            resolved: Type.Integer({ description: 'Đã giải quyết' }),
            resolutionRate: Type.Number({ description: 'Tỷ lệ giải quyết = resolved / withinJurisdiction (0..1)' }),
            summary: Type.String({ examples: ['Từ ngày 01/01/2026 đến ngày 30/06/2026, Ủy ban nhân dân Phường Ba Đình đã tiếp 1 lượt công dân với 1 vụ việc, đã giải quyết 1 vụ việc trong tổng số 1 vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt 100%.'] }),
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
      let range = q.period ? parsePeriod(q.period) : q.from && q.to ? { from: q.from, to: q.to } : null;
      if (!range) {
        throw invalid(...(q.from ? [] : [{ field: 'from', key: 'field.required' as const }]), ...(q.to ? [] : [{ field: 'to', key: 'field.required' as const }]));
      }
      if (!isValidRange(range)) throw invalid({ field: 'from', key: 'field.dateRange' });
      range = { from: range.from, to: range.to };
      const agency = await agencyByCode(ctx.db, q.agency);
      // A report of an agency outside the user's subtrees is as unknown as the agency's cases.
      if (!agency || !canSee(user, agency.path)) throw notFound();
      return computePeriodReport(ctx.db, agency, range.from, range.to);
    },
  );
}

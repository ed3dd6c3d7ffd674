/** Grassroots routes beyond the vote: the records as PDF, timelines and checklists, the report. */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { visibleMatter } from './queries.ts';
import { RECORDS, renderRecord } from './records-pdf.ts';

export function registerGrassrootsExtraRoutes(app: App, ctx: AppContext) {
  app.get(
    '/grassroots/matters/:id/records/:record',
    {
      schema: {
        operationId: 'getCommunityMatterRecord',
        tags: ['grassroots'],
        summary:
          'Biên bản, văn bản dạng PDF: mau-02 (kiểm phiếu tại hội nghị), mau-03 (kết quả biểu quyết trực tuyến, danh sách người biểu quyết), mau-04 (kiểm phiếu lấy ý kiến hộ gia đình), quyet-dinh (văn bản quyết định của cộng đồng dân cư, Điều 20), phieu (phiếu lấy ý kiến, mỗi hộ một trang)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), record: Type.Enum([...RECORDS]) }),
        response: { 200: { description: 'PDF', content: { 'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } }, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await renderRecord(ctx, m, request.params.record);
      return reply.header('content-disposition', `attachment; filename="${r.fileName}"`).header('cache-control', 'no-store').type('application/pdf').send(r.pdf);
    },
  );
}

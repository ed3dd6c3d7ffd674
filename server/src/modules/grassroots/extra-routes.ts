/** Grassroots routes beyond the vote: the records as PDF, timelines and checklists, publication duties, the report. */
import { Type } from 'typebox';
import { PUBLICATION_CATEGORIES, PUBLICATION_RULES, villageHeadDismissal, villageHeadElection, villageRules } from '@danvan/domain/grassroots/timelines';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { visibleCommune, visibleMatter } from './queries.ts';
import { RECORDS, renderRecord } from './records-pdf.ts';
import { grassrootsReport } from './report.ts';
import { GrassrootsReport, PublicationRules, TimelineStep } from './schemas.ts';

const TAG = ['grassroots'];

export function registerGrassrootsExtraRoutes(app: App, ctx: AppContext) {
  app.get(
    '/grassroots/matters/:id/records/:record',
    {
      schema: {
        operationId: 'getCommunityMatterRecord',
        tags: TAG,
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

  app.get(
    '/grassroots/timelines',
    {
      schema: {
        operationId: 'getGrassrootsTimeline',
        tags: TAG,
        summary:
          'Các mốc thời hạn theo đồng hồ pháp lý: village-head-election (bầu Trưởng thôn: kế hoạch ≥ 20 ngày, danh sách ứng cử ≥ 15 ngày, Tổ bầu cử ≥ 10 ngày, niêm yết ≥ 7 ngày, gửi và công nhận 5 ngày làm việc), village-head-dismissal (bầu mới trong 60 ngày), village-rules (dự thảo ≥ 30 ngày, gửi và công nhận 5 ngày làm việc)',
        querystring: Type.Object({ kind: Type.Enum(['village-head-election', 'village-head-dismissal', 'village-rules']), on: IsoDate('Ngày bầu / ngày công nhận cho thôi làm / ngày niêm yết dự thảo'), meetingOn: Type.Optional(IsoDate('Ngày hội nghị (hương ước)')) }),
        response: { 200: Type.Object({ steps: Type.Array(TimelineStep) }), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      requireUser(request);
      const calendar = await loadCalendar(ctx.db);
      const today = isoDateInVietnam(ctx.now());
      const q = request.query;
      const steps =
        q.kind === 'village-head-election' ? villageHeadElection(q.on, today, calendar) : q.kind === 'village-head-dismissal' ? villageHeadDismissal(q.on, today, calendar) : villageRules(q.on, q.meetingOn ?? null, today, calendar);
      return { steps: steps.map((step) => exact(TimelineStep, step)) };
    },
  );

  app.get(
    '/grassroots/publication-duties',
    {
      schema: {
        operationId: 'listPublicationDuties',
        tags: TAG,
        summary: 'Những nội dung xã phải công khai (Điều 11 Luật 10/2022/QH15) và thời hạn niêm yết; danh mục là dữ liệu cấu hình, cần đối chiếu văn bản',
        response: { 200: Type.Object({ rules: PublicationRules, categories: Type.Array(Type.Object({ item: Type.Integer(), label: Type.String(), loudspeaker: Type.Boolean() })) }), 401: ErrorBody },
      },
    },
    async (request) => {
      requireUser(request);
      return { rules: PUBLICATION_RULES, categories: PUBLICATION_CATEGORIES.map((c) => ({ ...c, loudspeaker: (PUBLICATION_RULES.loudspeakerItems as readonly number[]).includes(c.item) })) };
    },
  );

  app.get(
    '/grassroots/report',
    {
      schema: {
        operationId: 'getGrassrootsReport',
        tags: TAG,
        summary: 'Báo cáo dân chủ ở cơ sở theo xã và tổng hợp: việc đã quyết định theo hình thức, tỷ lệ hộ tham gia, sáng kiến, quyết định được công nhận đúng hạn, kiến nghị của Ban Thanh tra nhân dân được trả lời đúng hạn',
        querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }), from: IsoDate(), to: IsoDate() }),
        response: { 200: GrassrootsReport, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const a = await visibleCommune(ctx.db, user, request.query.agency);
      return exact(GrassrootsReport, await grassrootsReport(ctx.db, a, request.query.from, request.query.to, isoDateInVietnam(ctx.now())));
    },
  );
}

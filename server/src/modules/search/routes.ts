/** Search and same-matter routes (issue 18): searchRecords, findSimilarMatters, linkDuplicate, unlinkDuplicate. */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { CaseKind, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { findSimilarMatters } from './find-similar.ts';
import { linkDuplicate, unlinkDuplicate } from './link-duplicate.ts';
import { RANKED, SEARCH_RECORD_TYPES, searchRecords } from './search-records.ts';

const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Reason = Type.Enum(['same-decision', 'same-parcel', 'same-address', 'same-accused', 'same-text', 'same-person']);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Candidate = Type.Object({
  caseId: Type.String(),
  code: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  receivedOn: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(Reason),
  reasonText: Type.String({ description: 'Lý do bằng lời: "cùng số quyết định, cùng thửa đất"' }),
  readable: Type.Boolean({ description: 'false: chỉ biết nơi và ngày tiếp nhận (không được xem nội dung)' }),
  kind: Nullable(Type.String()),
  state: Nullable(Type.String()),
  content: Nullable(Type.String()),
  petitionerName: Nullable(Type.String()),
  linked: Type.Boolean(),
});

export function registerSearchRoutes(app: App, ctx: AppContext) {
  app.get(
    '/search',
    {
      schema: {
        operationId: 'searchRecords',
        tags: ['search'],
        summary: 'Tìm vụ việc, lượt tiếp, đơn, hội nghị đối thoại, cam kết, đợt lấy ý kiến trong phạm vi của mình (không dấu, mã hồ sơ, số văn bản, thửa đất, đường phố, tên)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200, examples: ['12/QĐ-UBND'] }),
          recordType: Type.Optional(Type.Enum([...SEARCH_RECORD_TYPES], { description: 'case | visit | petition | dialogue (hội nghị đối thoại) | commitment (cam kết) | consultation (đợt lấy ý kiến)' })),
          kind: Type.Optional(CaseKind),
          state: Type.Optional(Type.String({ maxLength: 40, description: 'Trạng thái vụ việc (của vụ việc, lượt tiếp, đơn) hoặc trạng thái của hội nghị đối thoại, cam kết, đợt lấy ý kiến' })),
          agency: Type.Optional(Type.String({ maxLength: 20, description: 'Chỉ cơ quan này và cấp dưới' })),
          from: Type.Optional(IsoDate()),
          to: Type.Optional(IsoDate()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'Số kết quả; khi capped, số kết quả đã xếp hạng (có nhiều hơn)' }),
            capped: Type.Boolean({ description: `Có hơn ${RANKED} kết quả: chỉ ${RANKED} kết quả gần đây nhất (3 tháng, 12 tháng, rồi trước đó) được xếp hạng; thêm từ hoặc bộ lọc để thu hẹp` }),
            hits: Type.Array(
              Type.Object({
                recordType: Type.String(),
                id: Type.String(),
                caseId: Nullable(Type.String()),
                caseCode: Nullable(Type.String()),
                code: Nullable(Type.String({ description: 'Mã hội nghị đối thoại (DT-…) hoặc cam kết (CK-…); null với các loại khác' })),
                kind: Type.String(),
                state: Nullable(Type.String()),
                agencyCode: Type.String(),
                agencyName: Type.String(),
                on: Type.String(),
                names: Nullable(Type.String()),
                snippet: Type.String(),
                highlights: Type.Array(Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 })),
                rank: Type.Number(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => searchRecords(ctx, requireUser(request), request.query),
  );

  app.post(
    '/matters/similar',
    {
      schema: {
        operationId: 'findSimilarMatters',
        tags: ['search'],
        summary: 'Vụ việc có thể trùng (cùng một việc) với một đơn đang tiếp nhận hoặc một vụ việc đã có, kèm điểm và lý do',
        body: Type.Object({
          agency: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Cơ quan tiếp nhận (khi kiểm tra một đơn nháp)' })),
          content: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
          caseId: Type.Optional(Type.String({ format: 'uuid', description: 'Hoặc: một vụ việc đã có' })),
          type: Type.Optional(CaseKind),
          petitioner: Type.Optional(
            Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), idNumber: Type.Optional(Type.String({ maxLength: 20 })), address: Type.Optional(Type.String({ maxLength: 500 })) }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
        response: { 200: Type.Object({ candidates: Type.Array(Candidate) }), ...Errors },
      },
    },
    async (request) => ({ candidates: await findSimilarMatters(ctx, requireUser(request), request.body) }),
  );

  app.post(
    '/matters/links',
    {
      schema: {
        operationId: 'linkDuplicate',
        tags: ['search'],
        summary: 'Gắn đơn trùng: chọn vụ việc giải quyết; bản còn lại lưu đơn (đơn trùng / gửi nhiều nơi) và công dân được thông báo nơi giải quyết',
        body: Type.Object({
          caseId: Type.String({ format: 'uuid' }),
          matterCaseId: Type.String({ format: 'uuid' }),
          handlingCaseId: Type.String({ format: 'uuid', description: 'caseId hoặc matterCaseId' }),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: {
          200: Type.Object({
            closedCaseId: Type.String(),
            closedCode: Type.String(),
            handlingCaseId: Type.String(),
            handlingCode: Type.String(),
            handlingAgencyName: Type.String(),
            notice: Nullable(Type.String()),
          }),
          ...Errors,
        },
      },
    },
    async (request) => linkDuplicate(ctx, requireUser(request), request.body),
  );

  app.delete(
    '/matters/links/:caseId',
    {
      schema: {
        operationId: 'unlinkDuplicate',
        tags: ['search'],
        summary: 'Bỏ gắn đơn trùng (ghi nhật ký); bản đã lưu mở lại như trước khi gắn',
        params: Type.Object({ caseId: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }),
        response: { 200: Type.Object({ caseId: Type.String(), state: Type.String(), restored: Type.Boolean() }), ...Errors },
      },
    },
    async (request) => unlinkDuplicate(ctx, requireUser(request), request.params.caseId, request.query.note),
  );
}
